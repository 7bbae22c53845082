//! Signing in and out, the TOTP second factor, and the interface language.

use super::render;
use crate::AppState;
use crate::auth::{
    AnonymousForm, SESSION_COOKIE, WebCaller, WebForm, anonymous_lang, check_csrf, session_cookie,
};
use crate::error::{AppError, AppResult};
use crate::extract::AppQuery;
use crate::ops;
use axum::Router;
use axum::extract::{Request, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::cookie::{Cookie, CookieJar};
use liaison_core::account::totp_enrolment;
use liaison_store::session::SessionKind;
use minijinja::context;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/states") }))
        .route("/login", get(login_page).post(login))
        .route("/login/totp", get(totp_page).post(totp_login))
        .route("/logout", post(logout))
        .route("/account/totp", get(enrol_page).post(enrol_confirm))
        .route("/account/totp/start", post(enrol_start))
        .route("/account/language", post(language))
        .route("/language", get(anonymous_language))
}

#[derive(Debug, Deserialize)]
struct LanguageQuery {
    lang: String,
    #[serde(default)]
    next: Option<String>,
}

/// Chooses the language before signing in (a cookie; nothing is stored on the server).
async fn anonymous_language(jar: CookieJar, AppQuery(query): AppQuery<LanguageQuery>) -> Response {
    let mut cookie = Cookie::new("liaison_lang", crate::i18n::supported(&query.lang));
    cookie.set_path("/");
    cookie.set_same_site(axum_extra::extract::cookie::SameSite::Lax);
    (
        jar.add(cookie),
        Redirect::to(&safe_next(query.next.as_deref())),
    )
        .into_response()
}

#[derive(Debug, Deserialize, Default)]
struct NextQuery {
    next: Option<String>,
}

/// Only same-site paths are followed after login.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => {
            path.to_owned()
        }
        _ => "/states".into(),
    }
}

async fn login_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppQuery(query): AppQuery<NextQuery>,
) -> AppResult<Response> {
    let lang = anonymous_lang(&headers);
    let html = render(
        &state,
        None,
        lang,
        "account/login.html",
        context! { next => safe_next(query.next.as_deref()), error => None::<String>, username => "" },
    )?;
    Ok(html.into_response())
}

#[derive(Debug, Deserialize)]
struct LoginForm {
    username: String,
    password: String,
    #[serde(default)]
    next: Option<String>,
}

async fn login(
    State(state): State<AppState>,
    jar: CookieJar,
    posted: AnonymousForm<LoginForm>,
) -> AppResult<Response> {
    let AnonymousForm {
        lang,
        address,
        request_id,
        form,
    } = posted;
    let ctx = state.ctx(&request_id);
    let next = safe_next(form.next.as_deref());
    let account = match ops::account::check_password(
        &ctx,
        &state.limiter,
        &address,
        &form.username,
        &form.password,
    )
    .await
    {
        Ok(account) => account,
        Err(error @ (AppError::Unauthorized(_) | AppError::TooManyRequests)) => {
            let message = match error {
                AppError::TooManyRequests => crate::i18n::tr(lang, "login-rate-limited"),
                _ => crate::i18n::tr(lang, "login-failed"),
            };
            let html = render(
                &state,
                None,
                lang,
                "account/login.html",
                context! { next => next, error => message, username => form.username },
            )?;
            return Ok((axum::http::StatusCode::UNAUTHORIZED, html).into_response());
        }
        Err(other) => return Err(other),
    };
    let kind = if account.totp_enabled {
        SessionKind::PendingTotp
    } else {
        SessionKind::Web
    };
    let session = ops::account::open_session(&ctx, &account, kind).await?;
    let jar = jar.add(session_cookie(&state, session.token));
    let target = if account.totp_enabled {
        format!(
            "/login/totp?{}",
            serde_urlencoded::to_string([("next", &next)]).unwrap_or_default()
        )
    } else if state.config.require_totp {
        "/account/totp".to_owned()
    } else {
        next
    };
    Ok((jar, Redirect::to(&target)).into_response())
}

async fn totp_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppQuery(query): AppQuery<NextQuery>,
) -> AppResult<Response> {
    let lang = anonymous_lang(&headers);
    let html = render(
        &state,
        None,
        lang,
        "account/totp_login.html",
        context! { next => safe_next(query.next.as_deref()), error => None::<String>, csrf_pending => "" },
    )?;
    Ok(html.into_response())
}

#[derive(Debug, Deserialize)]
struct CodeForm {
    code: String,
    #[serde(default)]
    next: Option<String>,
}

/// Second step of a login with TOTP: the pending session becomes a full one.
async fn totp_login(
    State(state): State<AppState>,
    jar: CookieJar,
    posted: AnonymousForm<CodeForm>,
) -> AppResult<Response> {
    let AnonymousForm {
        lang,
        address,
        request_id,
        form,
    } = posted;
    let ctx = state.ctx(&request_id);
    let token = jar
        .get(SESSION_COOKIE)
        .map(|c| c.value().to_owned())
        .unwrap_or_default();
    let now = state.clock.now();
    let mut tx = state.store.read().await?;
    let session =
        liaison_store::session::find(&mut tx, &crate::auth::token_hash(&token), now).await?;
    let account = match &session {
        Some(s) if s.kind == SessionKind::PendingTotp => {
            liaison_store::account::by_id(&mut tx, s.account_id).await?
        }
        _ => None,
    };
    drop(tx);
    let Some(account) = account else {
        return Ok(Redirect::to("/login").into_response());
    };
    state.limiter.attempt(&account.username, &address)?;
    let next = safe_next(form.next.as_deref());
    if let Err(error) = ops::account::check_second_factor(&ctx, &account, &form.code).await {
        let message = match error {
            AppError::Unauthorized(_) => crate::i18n::tr(lang, "totp-wrong-code"),
            other => return Err(other),
        };
        let html = render(
            &state,
            None,
            lang,
            "account/totp_login.html",
            context! { next => next, error => message, csrf_pending => "" },
        )?;
        return Ok((axum::http::StatusCode::UNAUTHORIZED, html).into_response());
    }
    ops::account::close_session(&ctx, &token).await?;
    let session = ops::account::open_session(&ctx, &account, SessionKind::Web).await?;
    Ok((
        jar.add(session_cookie(&state, session.token)),
        Redirect::to(&next),
    )
        .into_response())
}

async fn logout(
    State(state): State<AppState>,
    jar: CookieJar,
    WebCaller(caller): WebCaller,
    request: Request,
) -> AppResult<Response> {
    let rid = request
        .extensions()
        .get::<crate::middleware::RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_default();
    let bytes = axum::body::to_bytes(request.into_body(), 64 * 1024)
        .await
        .unwrap_or_default();
    check_csrf(&bytes, &caller.csrf)?;
    if let Some(cookie) = jar.get(SESSION_COOKIE) {
        ops::account::close_session(&state.ctx(&rid), cookie.value()).await?;
    }
    Ok((
        jar.remove(Cookie::build(SESSION_COOKIE).path("/")),
        Redirect::to("/login"),
    )
        .into_response())
}

async fn enrol_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
) -> AppResult<Response> {
    let html = render(
        &state,
        Some(&caller),
        caller.lang,
        "account/totp.html",
        context! { secret => None::<String>, qr => None::<String>, url => None::<String>, error => None::<String> },
    )?;
    Ok(html.into_response())
}

#[derive(Debug, Deserialize)]
struct Empty {}

/// Creates a secret and shows it once, with its QR code.
async fn enrol_start(State(state): State<AppState>, form: WebForm<Empty>) -> AppResult<Response> {
    let caller = form.caller;
    let ctx = state.ctx("web");
    let secret = ops::account::begin_totp(&ctx, &caller.account).await?;
    let (url, qr) = totp_enrolment(&secret, &caller.account.username)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let html = render(
        &state,
        Some(&caller),
        caller.lang,
        "account/totp.html",
        context! { secret => secret, qr => qr, url => url, error => None::<String> },
    )?;
    Ok(html.into_response())
}

#[derive(Debug, Deserialize)]
struct EnrolForm {
    code: String,
}

async fn enrol_confirm(
    State(state): State<AppState>,
    form: WebForm<EnrolForm>,
) -> AppResult<Response> {
    let caller = form.caller;
    match ops::account::confirm_totp(&state.ctx("web"), &caller.actor, &form.form.code).await {
        Ok(()) => Ok(Redirect::to("/account/totp?done=1").into_response()),
        Err(AppError::Validation { detail, .. }) => {
            let html = render(
                &state,
                Some(&caller),
                caller.lang,
                "account/totp.html",
                context! { secret => None::<String>, qr => None::<String>, url => None::<String>, error => detail },
            )?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
        Err(other) => Err(other),
    }
}

#[derive(Debug, Deserialize)]
struct LanguageForm {
    lang: String,
    #[serde(default)]
    next: Option<String>,
}

/// Changes the language of the signed-in account.
async fn language(
    State(state): State<AppState>,
    form: WebForm<LanguageForm>,
) -> AppResult<Response> {
    ops::account::set_locale(&state.ctx("web"), &form.caller.actor, &form.form.lang).await?;
    Ok(Redirect::to(&safe_next(form.form.next.as_deref())).into_response())
}
