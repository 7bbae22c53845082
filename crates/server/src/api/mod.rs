//! The JSON API under `/api/v1`: thin handlers (extract, call the operation, answer), each
//! described for the OpenAPI document with `utoipa::path`, registered once.

pub mod account;
pub mod audit;
pub mod channel;
pub mod checks;
pub mod contract;
pub mod directory;
pub mod exchange;
pub mod transparency;

use crate::AppState;
use crate::error::AppError;
use utoipa::openapi::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa_axum::router::OpenApiRouter;

#[derive(utoipa::OpenApi)]
#[openapi(
    info(title = "Liaison API", description = "The OSCE cyber/ICT confidence-building measures, operated: points-of-contact directory (CBM 8), communication checks, the protected channel between States (CBMs 3, 10, 13, 16), the annual information exchange (CBMs 1, 4, 6, 7, 9, 15) and more."),
    security(("bearer" = []))
)]
struct ApiDoc;

fn routes(max_body_bytes: usize) -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(<ApiDoc as utoipa::OpenApi>::openapi())
        .merge(account::routes())
        .merge(directory::routes())
        .merge(checks::routes())
        .merge(channel::routes(max_body_bytes))
        .merge(audit::routes())
        .merge(transparency::routes())
        .merge(exchange::routes())
}

fn finished(mut openapi: OpenApi) -> serde_json::Value {
    if let Some(components) = openapi.components.as_mut() {
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
    contract::finish(&openapi)
}

/// The API router and its OpenAPI document.
pub fn router(state: AppState) -> (axum::Router, serde_json::Value) {
    let (router, openapi) = routes(state.config.channel.max_body_bytes())
        .with_state(state)
        .split_for_parts();
    (router, finished(openapi))
}

/// The OpenAPI document of a server with this configuration (`liaison openapi`).
pub fn document(config: &crate::config::Config) -> serde_json::Value {
    let (_, openapi) = routes(config.channel.max_body_bytes()).split_for_parts();
    finished(openapi)
}

pub use crate::extract::AppJson;

/// The `next_cursor` a list answered with, read back: the id to continue before.
pub fn cursor(text: Option<String>) -> Result<Option<i64>, AppError> {
    text.map(|c| {
        // A row id as the API gave it: digits only (no sign), so `-1` is no cursor.
        c.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| c.parse::<i64>().ok())
            .flatten()
            .ok_or_else(|| AppError::BadRequest(format!("'{c}' is not a cursor from this API")))
    })
    .transpose()
}

/// A path segment that must be a State code.
pub fn state_code(text: &str) -> Result<liaison_types::state::StateCode, AppError> {
    liaison_types::state::StateCode::parse(text).map_err(AppError::BadRequest)
}
