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
    let response = next.run(request).await;
    REQUESTS.fetch_add(1, Ordering::Relaxed);
    if response.status().is_server_error() {
        SERVER_ERRORS.fetch_add(1, Ordering::Relaxed);
    }
    tracing::info!(request_id = %id, %method, %path, status = response.status().as_u16(), "request");
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
/// with a plain-text answer; this gives that refusal our problem format like every other one.
pub async fn too_large_as_problem(response: Response) -> Response {
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
    if response.status() == StatusCode::PAYLOAD_TOO_LARGE && !is_problem {
        return crate::error::AppError::PayloadTooLarge(
            "the request body is larger than this server accepts".into(),
        )
        .into_response();
    }
    response
}

pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
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

async fn metrics() -> Response {
    let body = format!(
        "# HELP liaison_http_requests_total HTTP requests served.\n# TYPE liaison_http_requests_total counter\n\
         liaison_http_requests_total {}\n\
         # HELP liaison_http_server_errors_total HTTP responses with a 5xx status.\n# TYPE liaison_http_server_errors_total counter\n\
         liaison_http_server_errors_total {}\n",
        REQUESTS.load(Ordering::Relaxed),
        SERVER_ERRORS.load(Ordering::Relaxed)
    );
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], body).into_response()
}

pub fn ops_router(state: AppState) -> Router {
    Router::new()
        .route("/healthz", axum::routing::get(healthz))
        .route("/metrics", axum::routing::get(metrics))
        .with_state(state)
}
