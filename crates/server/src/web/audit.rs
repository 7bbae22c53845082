//! The audit log pages for the auditor.

use super::render;
use crate::AppState;
use crate::auth::WebCaller;
use crate::error::{AppError, AppResult};
use crate::extract::AppQuery;
use crate::ops;
use crate::templates::v;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use minijinja::context;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new().route("/audit", get(page))
}

#[derive(Debug, Deserialize)]
struct PageQuery {
    cursor: Option<String>,
    #[serde(default)]
    verify: Option<String>,
}

async fn page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    AppQuery(query): AppQuery<PageQuery>,
) -> AppResult<Response> {
    let ctx = caller.ctx.clone();
    let cursor = query
        .cursor
        .map(|c| {
            c.parse::<i64>()
                .map_err(|_| AppError::BadRequest(format!("'{c}' is not a page of the audit log")))
        })
        .transpose()?;
    let page = ops::audit::page(&ctx, &caller.actor, cursor, 50).await?;
    let verification = match query.verify {
        Some(_) => Some(ops::audit::verify(&ctx, Some(&caller.actor)).await?),
        None => None,
    };
    let values = context! { page => v(page), verification => v(verification) };
    Ok(render(&state, Some(&caller), caller.lang, "audit/log.html", values)?.into_response())
}
