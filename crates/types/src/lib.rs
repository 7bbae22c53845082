//! Wire types shared by the Liaison server and its command-line client: identifiers that exist
//! only through a parser, the vocabulary enums of the CBM capabilities, and the JSON bodies of
//! `/api/v1`. Nothing here performs I/O or knows a rule.

pub mod account;
pub mod audit;
pub mod channel;
pub mod checks;
pub mod directory;
pub mod exchange;
pub mod id;
pub mod problem;
pub mod state;
pub mod transparency;

pub use problem::Problem;

/// A page of a list with an opaque cursor for the next page (`None` on the last page).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}
