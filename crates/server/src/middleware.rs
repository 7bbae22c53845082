//! What every response passes through: a request id (carried into logs, audit rows and problem
//! bodies), security headers with a strict Content-Security-Policy, and the operational
//! endpoints `/healthz` and `/metrics`.

use crate::AppState;
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::RngCore;
use std::sync::atomic::{AtomicU64, Ordering};

/// The id of the request being served.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

static REQUESTS: AtomicU64 = AtomicU64::new(0);
static SERVER_ERRORS: AtomicU64 = AtomicU64::new(0);

pub async fn request_id(mut request: Request, next: Next) -> Response {
    let mut bytes = [0u8; 8];
    rand::rng().fill_bytes(&mut bytes);
    let id = hex::encode(bytes);
    request.extensions_mut().insert(RequestId(id.clone()));
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    // The statements the request ran in its own task (those the group-commit writer runs for
    // it are the writer's): a list that reads its rows one by one shows here, and in a test.
    let (response, statements) = liaison_store::statements::counted(next.run(request)).await;
    REQUESTS.fetch_add(1, Ordering::Relaxed);
    if response.status().is_server_error() {
        SERVER_ERRORS.fetch_add(1, Ordering::Relaxed);
    }
    tracing::info!(request_id = %id, %method, %path, status = response.status().as_u16(), statements, "request");
    let mut response = with_request_id(response, &id).await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

/// Adds the request id to a problem body, so that a user can quote it and the operator find the
/// log lines.
async fn with_request_id(response: Response, id: &str) -> Response {
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
    if !is_problem {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 1024 * 1024)
        .await
        .unwrap_or_default();
    let body = match serde_json::from_slice::<liaison_types::Problem>(&bytes) {
        Ok(mut problem) => {
            problem.request_id = Some(id.to_owned());
            serde_json::to_vec(&problem).unwrap_or_else(|_| bytes.to_vec())
        }
        Err(_) => bytes.to_vec(),
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, axum::body::Body::from(body))
}

/// The largest request body the server reads.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// The body limit refuses a request whose declared length is too large before any handler runs,
/// with a plain-text answer; this gives that refusal our problem format like every other one,
/// and a page's request (a form in a browser) the readable page every other refusal of a page
/// gets.
pub async fn too_large_as_problem(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let headers = request.headers().clone();
    let page = !request.uri().path().starts_with("/api/");
    let request_id = request
        .extensions()
        .get::<RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_default();
    let response = next.run(request).await;
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
    if response.status() != StatusCode::PAYLOAD_TOO_LARGE || is_problem {
        return response;
    }
    let problem = crate::error::AppError::PayloadTooLarge(
        "the request body is larger than this server accepts".into(),
    )
    .into_response();
    if page {
        crate::web::problem_as_page(&state, &headers, &request_id, problem).await
    } else {
        problem
    }
}

/// The security headers of every response; `Strict-Transport-Security` too when the server is
/// reached over HTTPS (`public_url`), so a browser never comes back over plain HTTP.
pub async fn security_headers(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if state.config.secure_cookies() {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

async fn healthz(State(state): State<AppState>) -> Response {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, "ok\n").into_response(),
        Err(error) => {
            tracing::error!(%error, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
    }
}

async fn metrics(State(state): State<AppState>) -> Response {
    let mut body = format!(
        "# HELP liaison_http_requests_total HTTP requests served.\n# TYPE liaison_http_requests_total counter\n\
         liaison_http_requests_total {}\n\
         # HELP liaison_http_server_errors_total HTTP responses with a 5xx status.\n# TYPE liaison_http_server_errors_total counter\n\
         liaison_http_server_errors_total {}\n",
        REQUESTS.load(Ordering::Relaxed),
        SERVER_ERRORS.load(Ordering::Relaxed)
    );
    let (addresses, names) = state.limiter.keys();
    body.push_str(&format!(
        "# HELP liaison_login_limiter_keys Client addresses, and usernames per address, the login limiter remembers.\n# TYPE liaison_login_limiter_keys gauge\n\
         liaison_login_limiter_keys{{kind=\"address\"}} {addresses}\n\
         liaison_login_limiter_keys{{kind=\"username\"}} {names}\n"
    ));
    // Attached files no saved version carries any more stay (insert-only by design): counted so
    // that an operator sees uploads that were only ever detached, a way to fill the disk.
    match crate::ops::exchange::unreferenced_attachments(&state.ctx("metrics")).await {
        Ok((files, bytes)) => body.push_str(&format!(
            "# HELP liaison_exchange_unreferenced_attachments Attached files no version of any section carries.\n# TYPE liaison_exchange_unreferenced_attachments gauge\n\
             liaison_exchange_unreferenced_attachments {files}\n\
             # HELP liaison_exchange_unreferenced_attachment_bytes Their size.\n# TYPE liaison_exchange_unreferenced_attachment_bytes gauge\n\
             liaison_exchange_unreferenced_attachment_bytes {bytes}\n"
        )),
        Err(error) => tracing::error!(?error, "counting unreferenced attachments failed"),
    }
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], body).into_response()
}

/// `/.well-known/security.txt` (RFC 9116) from the configuration: where and how to report a
/// vulnerability. Not served (404) until the operator names a contact.
async fn security_txt(State(state): State<AppState>) -> Response {
    let security = &state.config.security;
    if security.contact.is_empty() {
        return StatusCode::NOT_FOUND.into_response();
    }
    let expires = state.clock.now() + time::Duration::days(security.expires_days.clamp(1, 365));
    let mut body = String::new();
    for contact in &security.contact {
        body.push_str(&format!("Contact: {contact}\n"));
    }
    body.push_str(&format!(
        "Expires: {}\n",
        expires
            .replace_nanosecond(0)
            .unwrap_or(expires)
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default()
    ));
    if !security.encryption.is_empty() {
        body.push_str(&format!("Encryption: {}\n", security.encryption));
    }
    if !security.policy.is_empty() {
        body.push_str(&format!("Policy: {}\n", security.policy));
    }
    if !security.preferred_languages.is_empty() {
        body.push_str(&format!(
            "Preferred-Languages: {}\n",
            security.preferred_languages.join(", ")
        ));
    }
    body.push_str(&format!(
        "Canonical: {}/.well-known/security.txt\n",
        state.config.public_url.trim_end_matches('/')
    ));
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

pub fn ops_router(state: AppState) -> Router {
    Router::new()
        .route("/healthz", axum::routing::get(healthz))
        .route("/metrics", axum::routing::get(metrics))
        .route(
            "/.well-known/security.txt",
            axum::routing::get(security_txt),
        )
        .with_state(state)
}
