//! The verifiable directory (CBM 8, 13): an append-only Merkle log of every directory change
//! that lets every State check the operator. RFC 9162 hashing, the store of complete subtrees,
//! inclusion and consistency proofs and their verification ([`merkle`]); what a leaf says, one
//! version of one entry ([`leaf`]); and the tree heads the log signs with its Ed25519 key
//! ([`head`]).

pub mod head;
pub mod leaf;
pub mod merkle;
