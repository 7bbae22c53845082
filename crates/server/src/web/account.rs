//! Signing in (password and second factor in one step) and out, the account page (the second
//! factor, the password, the sessions and tokens), and the interface language.

use super::render;
use crate::AppState;
use crate::auth::{
    AnonymousForm, SESSION_COOKIE, WebCaller, WebForm, anonymous_lang, session_cookie,
};
use crate::error::{AppError, AppResult};
use crate::extract::AppQuery;
use crate::ops;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
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
        // The second factor is asked on the sign-in form itself; an old link lands there.
        .route("/login/totp", get(|| async { Redirect::to("/login") }))
        .route("/logout", post(logout))
        .route("/account", get(account_page))
        .route("/account/password", post(change_password))
        .route("/account/tokens/{id}/revoke", post(revoke_token))
        .route("/account/sign-out-everywhere", post(sign_out_everywhere))
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
async fn anonymous_language(
    State(state): State<AppState>,
    jar: CookieJar,
    AppQuery(query): AppQuery<LanguageQuery>,
) -> Response {
    let mut cookie = Cookie::new("liaison_lang", crate::i18n::supported(&query.lang));
    cookie.set_path("/");
    cookie.set_same_site(axum_extra::extract::cookie::SameSite::Lax);
    cookie.set_secure(state.config.secure_cookies());
    (
        jar.add(cookie),
        Redirect::to(&safe_next(query.next.as_deref())),
    )
        .into_response()
}

#[derive(Debug, Deserialize, Default)]
struct NextQuery {
    next: Option<String>,
    /// Set after signing out everywhere: the page says so.
    #[serde(default)]
    signed_out: Option<String>,
}

/// Where a signed-in browser starts.
const START_PAGE: &str = "/states";

/// The page to go to after signing in or changing the language: `next` when it is a path of
/// this site, else the start page. Accepted only when it is printable ASCII without spaces or
/// backslashes (browsers drop tabs and line breaks from a URL and read `\` as `/`, so
/// `/\t/evil.example` would leave the site, and a line break cannot go in a header), starts
/// with one `/`, and, resolved against this site, stays on it.
pub(crate) fn safe_next(next: Option<&str>) -> String {
    const LONGEST: usize = 2048;
    let Some(path) = next else {
        return START_PAGE.into();
    };
    let plain = path.len() <= LONGEST
        && path.starts_with('/')
        && !path.starts_with("//")
        && path.bytes().all(|b| b.is_ascii_graphic() && b != b'\\');
    let base = url::Url::parse("http://liaison.invalid/").ok();
    let stays = base
        .as_ref()
        .and_then(|base| base.join(path).ok())
        .is_some_and(|url| url.host_str() == Some("liaison.invalid") && url.scheme() == "http");
    if plain && stays {
        path.to_owned()
    } else {
        START_PAGE.into()
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
        context! {
            next => safe_next(query.next.as_deref()), error => None::<String>, username => "",
            signed_out => query.signed_out.is_some(),
        },
    )?;
    Ok(html.into_response())
}

#[derive(Debug, Deserialize)]
struct LoginForm {
    username: String,
    password: String,
    /// The second factor's code, for an account that has one.
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    next: Option<String>,
}

/// Signs in with the username, the password and (for an account with a second factor) its
/// code, in one step; any wrong part is refused alike.
async fn login(
    State(state): State<AppState>,
    jar: CookieJar,
    posted: AnonymousForm<LoginForm>,
) -> AppResult<Response> {
    let AnonymousForm {
        lang,
        address,
        ctx,
        form,
    } = posted;
    let next = safe_next(form.next.as_deref());
    let attempt = ops::account::SignIn {
        username: &form.username,
        password: &form.password,
        code: form.code.as_deref().filter(|c| !c.trim().is_empty()),
        address: &address,
    };
    let account = match ops::account::sign_in(&ctx, &state.limiter, attempt).await {
        Ok(account) => account,
        Err(error @ (AppError::Unauthorized(_) | AppError::TooManyRequests(..))) => {
            let (status, message) = match error {
                AppError::TooManyRequests(..) => (
                    StatusCode::TOO_MANY_REQUESTS,
                    crate::i18n::tr(lang, "login-rate-limited"),
                ),
                _ => (
                    StatusCode::UNAUTHORIZED,
                    crate::i18n::tr(lang, "login-failed"),
                ),
            };
            let typed: String = form.username.chars().take(64).collect();
            let html = render(
                &state,
                None,
                lang,
                "account/login.html",
                context! { next => next, error => message, username => typed, signed_out => false },
            )?;
            return Ok((status, html).into_response());
        }
        Err(other) => return Err(other),
    };
    let session =
        ops::account::open_session(&ctx, &account, SessionKind::Web, None, &address).await?;
    let jar = jar.add(session_cookie(&state, session.token));
    let target = if state.config.require_totp && !account.totp_enabled {
        "/account/totp".to_owned()
    } else {
        next
    };
    Ok((jar, Redirect::to(&target)).into_response())
}

#[derive(Debug, Deserialize)]
struct Empty {}

/// Signs out: the session ends on the server and the cookie goes.
async fn logout(jar: CookieJar, form: WebForm<Empty>) -> AppResult<Response> {
    let caller = form.caller;
    ops::account::sign_out(&caller.ctx, &caller.actor, &caller.token_hash).await?;
    Ok((
        jar.remove(Cookie::build(SESSION_COOKIE).path("/")),
        Redirect::to("/login"),
    )
        .into_response())
}

#[derive(Debug, Deserialize, Default)]
struct AccountQuery {
    /// What was just done: `password`, `revoked`.
    #[serde(default)]
    done: Option<String>,
}

/// The account page: the second factor, the password, the sessions and tokens.
async fn account_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    AppQuery(query): AppQuery<AccountQuery>,
) -> AppResult<Response> {
    show_account(&state, &caller, query.done, &Default::default()).await
}

async fn show_account(
    state: &AppState,
    caller: &crate::auth::Caller,
    done: Option<String>,
    errors: &liaison_core::directory::FieldErrors,
) -> AppResult<Response> {
    let tokens = ops::account::tokens(&caller.ctx, &caller.actor, &caller.token_hash).await?;
    let done = done.filter(|d| ["password", "revoked"].contains(&d.as_str()));
    super::form_page(
        state,
        caller,
        "account/account.html",
        context! {
            tokens => crate::templates::v(tokens),
            done => done,
            errors => crate::templates::v(errors),
            account => crate::templates::v(ops::account::me_of(&caller.account)),
        },
        errors,
    )
}

#[derive(Debug, Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

/// Changes the password; every other session and token ends.
async fn change_password(
    State(state): State<AppState>,
    form: WebForm<PasswordForm>,
) -> AppResult<Response> {
    let caller = form.caller;
    let changed = ops::account::change_password(
        &caller.ctx,
        &state.limiter,
        &caller.actor,
        ops::account::Origin {
            token_hash: &caller.token_hash,
            address: &caller.address,
        },
        &form.form.current_password,
        &form.form.new_password,
    )
    .await;
    match super::refused(changed, caller.lang)? {
        Ok(_) => Ok(Redirect::to("/account?done=password").into_response()),
        Err(errors) => show_account(&state, &caller, None, &errors).await,
    }
}

/// Ends one of the account's sessions or tokens.
async fn revoke_token(
    axum::extract::Path(id): axum::extract::Path<String>,
    form: WebForm<Empty>,
) -> AppResult<Response> {
    let caller = form.caller;
    ops::account::revoke_token(&caller.ctx, &caller.actor, &id).await?;
    Ok(Redirect::to("/account?done=revoked").into_response())
}

/// Ends every session and token of the account, this browser's too.
async fn sign_out_everywhere(jar: CookieJar, form: WebForm<Empty>) -> AppResult<Response> {
    let caller = form.caller;
    ops::account::sign_out_everywhere(&caller.ctx, &caller.actor).await?;
    Ok((
        jar.remove(Cookie::build(SESSION_COOKIE).path("/")),
        Redirect::to("/login?signed_out=everywhere"),
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

/// Creates a secret and shows it once, with its QR code.
async fn enrol_start(State(state): State<AppState>, form: WebForm<Empty>) -> AppResult<Response> {
    let caller = form.caller;
    let ctx = caller.ctx.clone();
    let secret = ops::account::begin_totp(&ctx, &caller.actor).await?;
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
    match ops::account::confirm_totp(&caller.ctx, &caller.actor, &form.form.code).await {
        Ok(()) => Ok(Redirect::to("/account/totp?done=1").into_response()),
        Err(error) => {
            let Some(message) = error
                .field_errors(caller.lang)
                .and_then(|errors| errors.get("code").cloned())
            else {
                return Err(error);
            };
            // The enrolment goes on with the secret the authenticator already holds: the QR
            // code and the field again, with what was wrong.
            let (secret, qr, url) = match caller.account.totp_secret.as_deref() {
                Some(secret) => {
                    let (url, qr) = totp_enrolment(secret, &caller.account.username)
                        .map_err(|e| AppError::Internal(e.to_string()))?;
                    (Some(secret.to_owned()), Some(qr), Some(url))
                }
                None => (None, None, None),
            };
            let html = render(
                &state,
                Some(&caller),
                caller.lang,
                "account/totp.html",
                context! { secret => secret, qr => qr, url => url, error => message },
            )?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
    }
}

#[derive(Debug, Deserialize)]
struct LanguageForm {
    lang: String,
    #[serde(default)]
    next: Option<String>,
}

/// Changes the language of the signed-in account.
async fn language(form: WebForm<LanguageForm>) -> AppResult<Response> {
    ops::account::set_locale(&form.caller.ctx, &form.caller.actor, &form.form.lang).await?;
    Ok(Redirect::to(&safe_next(form.form.next.as_deref())).into_response())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::safe_next;
    use proptest::prelude::*;

    #[test]
    fn only_paths_of_this_site_are_followed() {
        for (next, expected) in [
            (None, "/states"),
            (Some("/exchange/2027?tab=1"), "/exchange/2027?tab=1"),
            (Some("/states/DEU#history"), "/states/DEU#history"),
            (Some("//evil.example/"), "/states"),
            (Some("/\t/evil.example/"), "/states"),
            (Some("/\n"), "/states"),
            (Some("/\r\nSet-Cookie: x=y"), "/states"),
            (Some("/\\evil.example"), "/states"),
            (Some("https://evil.example/"), "/states"),
            (Some("javascript:alert(1)"), "/states"),
            (Some("states"), "/states"),
            (Some("/ space"), "/states"),
            (Some("/caf\u{e9}"), "/states"),
            (Some(""), "/states"),
        ] {
            assert_eq!(safe_next(next), expected, "{next:?}");
        }
    }

    proptest! {
        /// Whatever `next` holds, the answer is a path of this site that can go in a header.
        #[test]
        fn the_answer_never_leaves_the_site(next in "[/\\\\\t\n\r a-z.:%0-9?#@]{0,24}") {
            let answer = safe_next(Some(&next));
            prop_assert!(answer.starts_with('/') && !answer.starts_with("//"), "{}", answer);
            prop_assert!(answer.bytes().all(|b| b.is_ascii_graphic() && b != b'\\'), "{}", answer);
            prop_assert!(axum::http::HeaderValue::from_str(&answer).is_ok());
            let url = url::Url::parse("http://liaison.invalid/").unwrap().join(&answer).unwrap();
            prop_assert_eq!(url.host_str(), Some("liaison.invalid"));
        }
    }
}
