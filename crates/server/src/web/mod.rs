//! The server-rendered pages: the same nouns and paths as the API without `/api/v1`, usable
//! without JavaScript, in the caller's language. Problems from operations are shown as pages.

pub mod account;
pub mod accounts;
pub mod audit;
pub mod channel;
pub mod checks;
pub mod directory;
pub mod exchange;
pub mod transparency;

use crate::AppState;
use crate::auth::Caller;
use crate::error::{AppError, AppResult};
use crate::templates::Assets;
use axum::Router;
use axum::extract::{Path, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use minijinja::Value;
use minijinja::context;

pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(account::routes())
        .merge(accounts::routes())
        .merge(directory::routes())
        .merge(checks::routes())
        .merge(channel::routes(state.config.channel.max_body_bytes()))
        .merge(audit::routes())
        .merge(transparency::routes())
        .merge(exchange::routes())
        .route("/static/{file}", axum::routing::get(asset))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            problem_pages,
        ))
        .with_state(state)
}

/// Renders a page with the values every page needs (language, the signed-in account, the CSRF
/// token for its forms).
pub fn render(
    state: &AppState,
    caller: Option<&Caller>,
    lang: &str,
    template: &str,
    values: Value,
) -> Result<Html<String>, AppError> {
    let me = caller.map(|c| {
        context! {
            username => c.account.username.clone(),
            display_name => c.account.display_name.clone(),
            role => c.account.role.as_str(),
            state => c.account.state.as_ref().map(|s| s.to_string()),
            totp_enabled => c.account.totp_enabled,
        }
    });
    let csrf = caller.map(|c| c.csrf.clone()).unwrap_or_default();
    let here = caller.and_then(|c| c.page.clone());
    // The moment the page is made, from the server's clock: `left(until)` counts from it.
    let now = state
        .clock
        .now()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let context = context! { lang => lang, me => me, csrf => csrf, here => here, now => now, require_totp => state.config.require_totp, ..values };
    state.templates.render(template, context).map(Html)
}

/// The page `template` for a signed-in caller, in the caller's language.
pub fn page(
    state: &AppState,
    caller: &Caller,
    template: &str,
    values: Value,
) -> Result<Response, AppError> {
    Ok(render(state, Some(caller), caller.lang, template, values)?.into_response())
}

/// A form's page: 200 when it is fresh, 422 when it comes back with `errors`.
pub fn form_page(
    state: &AppState,
    caller: &Caller,
    template: &str,
    values: Value,
    errors: &liaison_core::directory::FieldErrors,
) -> Result<Response, AppError> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((
        status,
        render(state, Some(caller), caller.lang, template, values)?,
    )
        .into_response())
}

/// Words every problem of a form in the page's language.
pub fn worded<W: liaison_core::wording::Worded>(
    lang: &str,
    problems: std::collections::BTreeMap<String, W>,
) -> liaison_core::directory::FieldErrors {
    problems
        .into_iter()
        .map(|(field, problem)| {
            let text = crate::error::word(lang, problem.message_id(), &problem.args());
            (field, text)
        })
        .collect()
}

/// The one path from an operation's refusal to its form: the problems by field in the page's
/// language (the page shows the form again with them), or any other error as it is (a page of
/// its own).
pub fn refused<T>(
    result: AppResult<T>,
    lang: &str,
) -> AppResult<Result<T, liaison_core::directory::FieldErrors>> {
    match result {
        Ok(done) => Ok(Ok(done)),
        Err(error) => match error.field_errors(lang) {
            Some(errors) => Ok(Err(errors)),
            None => Err(error),
        },
    }
}

async fn asset(Path(file): Path<String>) -> Response {
    match Assets::get(&file) {
        Some(content) => {
            let mime = if file.ends_with(".css") {
                "text/css; charset=utf-8"
            } else if file.ends_with(".js") {
                "text/javascript; charset=utf-8"
            } else {
                "application/octet-stream"
            };
            (
                [
                    (header::CONTENT_TYPE, mime),
                    (header::CACHE_CONTROL, "public, max-age=3600"),
                ],
                content.data.into_owned(),
            )
                .into_response()
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Turns a problem+json answer of a page handler into a readable page.
async fn problem_pages(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let headers = request.headers().clone();
    let request_id = request
        .extensions()
        .get::<crate::middleware::RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_default();
    let response = next.run(request).await;
    problem_as_page(&state, &headers, &request_id, response).await
}

/// A problem+json answer to a page's request as a readable page in the reader's language;
/// any other answer as it is.
pub(crate) async fn problem_as_page(
    state: &AppState,
    headers: &axum::http::HeaderMap,
    request_id: &str,
    response: Response,
) -> Response {
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
    if !is_problem {
        return response;
    }
    let status = response.status();
    let lang = match crate::auth::session_lang(state, headers).await {
        Some(lang) => lang,
        None => crate::auth::anonymous_lang(headers),
    };
    let body = axum::body::to_bytes(response.into_body(), 1024 * 1024)
        .await
        .unwrap_or_default();
    let problem: Option<liaison_types::Problem> = serde_json::from_slice(&body).ok();
    let values = context! { status => status.as_u16(), problem => crate::templates::v(problem), request_id => request_id };
    match render(state, None, lang, "error.html", values) {
        Ok(html) => (status, html).into_response(),
        Err(_) => (status, "error").into_response(),
    }
}
