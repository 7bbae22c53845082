//! RFC 9457 problem details, the one error body of the API.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An `application/problem+json` body.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema, PartialEq)]
pub struct Problem {
    /// Stable identifier of the kind of problem, e.g. `/problems/validation`.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    /// What went wrong, for a person.
    pub detail: String,
    /// Per-field messages for validation problems (field name → message).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub errors: BTreeMap<String, String>,
    /// Line-numbered messages for file imports (CSV).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<LineError>,
    /// The request id that the server logs carry too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// A problem found on one line of an imported file.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema, PartialEq, Eq)]
pub struct LineError {
    pub line: u64,
    pub message: String,
}
