//! The audit log for the auditor.

use crate::AppState;
use crate::auth::ApiCaller;
use crate::error::AppResult;
use crate::extract::AppQuery;
use crate::ops;
use axum::Json;
use liaison_types::Page;
use liaison_types::audit::{AuditEntry, AuditVerification};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(page))
        .routes(routes!(verify))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct PageQuery {
    /// The `next_cursor` of the previous page.
    cursor: Option<String>,
    limit: Option<i64>,
}

/// Pages through the audit log, newest first (auditor only).
#[utoipa::path(operation_id = "list_audit_entries", get, path = "/api/v1/audit", tag = "audit", params(PageQuery),
    responses((status = 200, body = Page<AuditEntry>), (status = 403, body = liaison_types::Problem)))]
async fn page(
    ApiCaller(caller): ApiCaller,
    AppQuery(query): AppQuery<PageQuery>,
) -> AppResult<Json<Page<AuditEntry>>> {
    let cursor = super::cursor(query.cursor)?;
    Ok(Json(
        ops::audit::page(
            &caller.ctx,
            &caller.actor,
            cursor,
            query.limit.unwrap_or(50),
        )
        .await?,
    ))
}

/// Verifies the hash chain of the whole log (auditor only).
#[utoipa::path(operation_id = "verify_audit_log", get, path = "/api/v1/audit/verify", tag = "audit",
    responses((status = 200, body = AuditVerification), (status = 403, body = liaison_types::Problem)))]
async fn verify(ApiCaller(caller): ApiCaller) -> AppResult<Json<AuditVerification>> {
    Ok(Json(
        ops::audit::verify(&caller.ctx, Some(&caller.actor)).await?,
    ))
}
