//! The directory's transparency log as its readers see it: the log's public key, signed tree
//! heads, leaves, inclusion and consistency proofs, and the tree heads States verified. Hashes,
//! keys and signatures are lower-case hex.

use crate::state::StateCode;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// `GET /api/v1/transparency/key`: the key that signs the tree heads. Pin it.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema, PartialEq, Eq)]
pub struct LogKeyInfo {
    /// Always `ed25519`.
    pub algorithm: String,
    /// The 32-byte public key.
    pub public_key: String,
    /// The first 16 hex digits of the SHA-256 of `public_key`.
    pub key_id: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// A tree head signed by the log: the Ed25519 signature of the text
/// `liaison-tree-head-v1\n<size>\n<root_hash>\n<timestamp>\n`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema, PartialEq, Eq)]
pub struct SignedTreeHead {
    pub tree_size: u64,
    pub root_hash: String,
    /// RFC 3339, UTC, whole seconds.
    #[serde(with = "time::serde::rfc3339")]
    pub timestamp: OffsetDateTime,
    pub signature: String,
    pub key_id: String,
}

/// One leaf: one version of one directory entry, in the fixed text whose RFC 9162 leaf hash
/// is in the tree.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema, PartialEq, Eq)]
pub struct LogLeaf {
    pub index: u64,
    pub contact_id: i64,
    pub state: StateCode,
    pub version: i64,
    /// The leaf's text (`liaison-directory-leaf-v1` …).
    pub data: String,
    /// SHA-256(0x00 ‖ data).
    pub leaf_hash: String,
    #[serde(with = "time::serde::rfc3339")]
    pub appended_at: OffsetDateTime,
}

/// `GET /api/v1/transparency/leaves`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema, PartialEq, Eq)]
pub struct LogLeaves {
    pub start: u64,
    pub leaves: Vec<LogLeaf>,
}

/// An inclusion proof (RFC 9162 `PATH`), from the leaf's sibling up.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema, PartialEq, Eq)]
pub struct InclusionProof {
    pub leaf_index: u64,
    pub tree_size: u64,
    pub hashes: Vec<String>,
}

/// A consistency proof (RFC 9162 `PROOF`) from the tree of `first` leaves to that of `second`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema, PartialEq, Eq)]
pub struct ConsistencyProof {
    pub first: u64,
    pub second: u64,
    pub hashes: Vec<String>,
}

/// `GET /api/v1/transparency/contacts/{id}`: the leaf of a contact's current version, with its
/// inclusion proof in the tree of the signed head.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema, PartialEq, Eq)]
pub struct ContactLeaf {
    pub leaf: LogLeaf,
    pub proof: InclusionProof,
    pub head: SignedTreeHead,
}

/// `POST /api/v1/transparency/verifications`: the tree head a State verified.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema, PartialEq, Eq)]
pub struct VerificationInput {
    pub tree_size: u64,
    pub root_hash: String,
}

/// The tree head a State last published as verified.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema, PartialEq, Eq)]
pub struct StateVerification {
    pub state: StateCode,
    pub tree_size: u64,
    pub root_hash: String,
    pub recorded_by: String,
    #[serde(with = "time::serde::rfc3339")]
    pub recorded_at: OffsetDateTime,
}

/// What the server's own check of its stored log found (part of `GET /api/v1/audit/verify`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema, PartialEq, Eq)]
pub struct LogCheck {
    pub leaves: u64,
    pub heads: u64,
    pub intact: bool,
    /// Each problem found, in English (the first 20).
    pub problems: Vec<String>,
}
