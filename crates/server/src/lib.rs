//! Liaison's server: the JSON API under `/api/v1` (`api`), the server-rendered pages (`web`),
//! the operations both call (`ops`), the background jobs (`jobs`) and mail delivery (`mail`).
//! `app(state)` builds the whole router; `serve` runs it.

pub mod api;
pub mod auth;
pub mod cache;
pub mod config;
pub mod demo;
pub mod download;
pub mod error;
pub mod extract;
pub mod i18n;
pub mod jobs;
#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod layers;
pub mod mail;
pub mod markdown;
pub mod middleware;
pub mod ops;
pub mod passwords;
pub mod templates;
pub mod web;

use crate::config::Config;
use axum::Router;
use liaison_core::clock::Clock;
use liaison_store::Store;
use std::sync::Arc;

/// What every handler and job shares.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub config: Arc<Config>,
    pub templates: &'static templates::Templates,
    pub limiter: Arc<auth::LoginLimiter>,
    /// Where the rules' random choices come from: the operating system; a test may seed it.
    pub random: Arc<dyn liaison_core::random::Random>,
    /// What reads keep between requests.
    pub caches: Arc<cache::Caches>,
}

impl AppState {
    pub fn new(store: Store, clock: Arc<dyn Clock>, config: Config) -> anyhow::Result<AppState> {
        let limiter = auth::LoginLimiter::new(config.login_attempts_per_minute);
        Ok(AppState {
            store,
            clock,
            config: Arc::new(config),
            templates: templates::shared()?,
            limiter: Arc::new(limiter),
            random: Arc::new(liaison_core::random::SystemRandom),
            caches: Arc::new(cache::Caches::default()),
        })
    }

    /// The context of one operation: the store, the clock and the request id to audit with.
    pub fn ctx(&self, request_id: &str) -> ops::Ctx {
        ops::Ctx {
            store: self.store.clone(),
            clock: self.clock.clone(),
            request_id: request_id.to_owned(),
            config: self.config.clone(),
            random: self.random.clone(),
            caches: self.caches.clone(),
            lang: "en",
        }
    }

    /// The context of a request whose caller reads in `lang` (a page).
    pub fn ctx_in(&self, request_id: &str, lang: &'static str) -> ops::Ctx {
        ops::Ctx {
            lang,
            ..self.ctx(request_id)
        }
    }
}

/// The whole application: API, pages, static files, health and metrics, with the middleware
/// that every response passes through.
pub fn app(state: AppState) -> Router {
    let (api, openapi) = api::router(state.clone());
    // Written once: every request for the document sends the same bytes.
    let openapi = axum::body::Bytes::from(serde_json::to_vec(&openapi).unwrap_or_default());
    Router::new()
        .merge(api)
        .route(
            "/api/openapi.json",
            axum::routing::get(move || {
                let openapi = openapi.clone();
                async move {
                    (
                        [(axum::http::header::CONTENT_TYPE, "application/json")],
                        openapi,
                    )
                }
            }),
        )
        .merge(web::router(state.clone()))
        .merge(middleware::ops_router(state.clone()))
        .fallback({
            let state = state.clone();
            move |request| no_route(state.clone(), request)
        })
        .method_not_allowed_fallback({
            let state = state.clone();
            move |request| no_method(state.clone(), request)
        })
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            middleware::MAX_BODY_BYTES.max(state.config.channel.max_body_bytes()),
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::too_large_as_problem,
        ))
        // A defect that panics answers 500 with a problem (the request id names it in the log)
        // instead of dropping the connection; the panic's message stays in the log.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            |_: Box<dyn std::any::Any + Send>| {
                axum::response::IntoResponse::into_response(error::AppError::Internal(
                    "a request failed on a defect".into(),
                ))
            },
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::security_headers,
        ))
        .layer(axum::middleware::from_fn(middleware::request_id))
}

/// A path no route has: a problem for the API, a readable page for a browser.
async fn no_route(state: AppState, request: axum::extract::Request) -> axum::response::Response {
    let path = request.uri().path().to_owned();
    let refused = error::AppError::NotFound(format!(
        "there is nothing at {path}; the API's paths are listed in /api/openapi.json"
    ));
    refused_as(&state, request, refused).await
}

/// A path that exists, asked with a method it does not have.
async fn no_method(state: AppState, request: axum::extract::Request) -> axum::response::Response {
    let refused = error::AppError::MethodNotAllowed(format!(
        "{} is not a method of {}; the `allow` header lists its methods",
        request.method(),
        request.uri().path()
    ));
    refused_as(&state, request, refused).await
}

/// A refusal as the API's problem, or as a page for anything outside `/api/`.
async fn refused_as(
    state: &AppState,
    request: axum::extract::Request,
    refused: error::AppError,
) -> axum::response::Response {
    let problem = axum::response::IntoResponse::into_response(refused);
    if request.uri().path().starts_with("/api/") {
        return problem;
    }
    let request_id = request
        .extensions()
        .get::<middleware::RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_default();
    web::problem_as_page(state, request.headers(), &request_id, problem).await
}

/// Runs the server until the process is stopped, with the jobs when configured.
pub async fn serve(state: AppState, listener: tokio::net::TcpListener) -> anyhow::Result<()> {
    ops::transparency::ensure(&state.ctx("startup"))
        .await
        .map_err(|e| anyhow::anyhow!("preparing the transparency log: {e:?}"))?;
    if state.config.jobs {
        jobs::spawn(state.clone());
    }
    // Texts stored before texts were rendered on saving are rendered once, in the background;
    // reads render a missing one meanwhile (on the blocking pool).
    let backlog = state.ctx("startup");
    tokio::spawn(async move {
        match ops::exchange::render_backlog(&backlog).await {
            Ok(0) => {}
            Ok(rendered) => tracing::info!(rendered, "rendered the exchange's older texts"),
            Err(error) => tracing::error!(?error, "rendering the exchange's older texts failed"),
        }
    });
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .await?;
    Ok(())
}
