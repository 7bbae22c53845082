//! The audit log as the auditor reads it.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// One row of the hash-chained audit log.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema, PartialEq)]
pub struct AuditEntry {
    pub seq: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// Username of the actor, or `system` for the scheduler and offline commands.
    pub actor: String,
    pub request_id: String,
    /// What happened, e.g. `contact.changed`.
    pub event: String,
    /// What it happened to, e.g. `contact/12` or `state/DEU`.
    pub subject: String,
    /// What it was before (none for a creation).
    #[schema(value_type = Option<Object>)]
    pub before: Option<serde_json::Value>,
    /// What it is after (none for a removal).
    #[schema(value_type = Option<Object>)]
    pub after: Option<serde_json::Value>,
    /// Hex SHA-256 of this row chained to the previous one.
    pub hash: String,
}

/// `GET /api/v1/audit/verify`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema, PartialEq, Eq)]
pub struct AuditVerification {
    pub rows: u64,
    pub intact: bool,
    /// The first row whose hash does not match, when the chain is broken.
    pub first_broken_seq: Option<i64>,
    /// The directory's transparency log, checked against its leaves and the directory.
    pub transparency: crate::transparency::LogCheck,
}
