//! Signed tree heads: the log's size, root hash and time, signed with the log's Ed25519 key so
//! that anyone holding the published public key can check what the server claims, and keep it
//! as evidence. The signed bytes are a fixed text, one field per line, so that any tool can
//! rebuild them:
//!
//! ```text
//! liaison-tree-head-v1
//! <size in decimal>
//! <root hash, 64 lower-case hex digits>
//! <time, RFC 3339 UTC with seconds>
//! ```

use super::merkle::Hash;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// The first line of the signed bytes: the format and its version.
pub const CONTEXT: &str = "liaison-tree-head-v1";

/// What a tree head says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TreeHead {
    pub size: u64,
    pub root: Hash,
    /// Truncated to whole seconds, in UTC.
    pub timestamp: OffsetDateTime,
}

/// Why a tree head is not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HeadError {
    #[error("the log key is not 32 bytes of hex")]
    BadKey,
    #[error("the signature is not 64 bytes of hex")]
    BadSignature,
    #[error(
        "the signature does not verify with the log's key: the tree head was not made by this log"
    )]
    Forged,
    #[error("the tree head's time cannot be written: {0}")]
    Time(String),
}

impl TreeHead {
    pub fn new(size: u64, root: Hash, at: OffsetDateTime) -> TreeHead {
        let at = at.to_offset(time::UtcOffset::UTC);
        TreeHead {
            size,
            root,
            timestamp: at.replace_nanosecond(0).unwrap_or(at),
        }
    }

    /// The bytes the log signs.
    pub fn signed_bytes(&self) -> Result<Vec<u8>, HeadError> {
        let at = self
            .timestamp
            .format(&Rfc3339)
            .map_err(|e| HeadError::Time(e.to_string()))?;
        Ok(format!(
            "{CONTEXT}\n{}\n{}\n{at}\n",
            self.size,
            hex::encode(self.root)
        )
        .into_bytes())
    }
}

/// The log's signing key.
pub struct LogKey(SigningKey);

impl LogKey {
    /// A new key, made once when the server first starts.
    pub fn generate() -> LogKey {
        LogKey(SigningKey::from_bytes(&rand::random::<[u8; 32]>()))
    }

    /// The key from its stored secret (64 hex digits).
    pub fn from_secret_hex(text: &str) -> Result<LogKey, HeadError> {
        let bytes: [u8; 32] = hex::decode(text.trim())
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or(HeadError::BadKey)?;
        Ok(LogKey(SigningKey::from_bytes(&bytes)))
    }

    /// The secret to store (64 hex digits).
    pub fn secret_hex(&self) -> String {
        hex::encode(self.0.to_bytes())
    }

    /// The public key to publish (64 hex digits).
    pub fn public_hex(&self) -> String {
        hex::encode(self.0.verifying_key().to_bytes())
    }

    /// Signs a tree head: the signature in hex.
    pub fn sign(&self, head: &TreeHead) -> Result<String, HeadError> {
        Ok(hex::encode(self.0.sign(&head.signed_bytes()?).to_bytes()))
    }
}

/// The short identifier of a public key: the first 16 hex digits of its SHA-256.
pub fn key_id(public_hex: &str) -> String {
    hex::encode(Sha256::digest(
        public_hex.trim().to_ascii_lowercase().as_bytes(),
    ))[..16]
        .to_owned()
}

/// Checks that `signature` (hex) is the log key `public_hex`'s signature of `head`.
pub fn verify(head: &TreeHead, signature: &str, public_hex: &str) -> Result<(), HeadError> {
    let public: [u8; 32] = hex::decode(public_hex.trim())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or(HeadError::BadKey)?;
    let key = VerifyingKey::from_bytes(&public).map_err(|_| HeadError::BadKey)?;
    let signature: [u8; 64] = hex::decode(signature.trim())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or(HeadError::BadSignature)?;
    key.verify_strict(&head.signed_bytes()?, &Signature::from_bytes(&signature))
        .map_err(|_| HeadError::Forged)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn head() -> TreeHead {
        TreeHead::new(8, [7u8; 32], datetime!(2027-01-15 10:00:00.75 UTC))
    }

    #[test]
    fn the_signed_bytes_are_a_fixed_text() {
        assert_eq!(
            String::from_utf8(head().signed_bytes().unwrap()).unwrap(),
            format!(
                "liaison-tree-head-v1\n8\n{}\n2027-01-15T10:00:00Z\n",
                "07".repeat(32)
            )
        );
    }

    #[test]
    fn a_signed_head_verifies_and_any_change_is_refused() {
        let key = LogKey::generate();
        let again = LogKey::from_secret_hex(&key.secret_hex()).unwrap();
        assert_eq!(again.public_hex(), key.public_hex());
        let signature = key.sign(&head()).unwrap();
        verify(&head(), &signature, &key.public_hex()).unwrap();
        let mut bigger = head();
        bigger.size = 9;
        assert_eq!(
            verify(&bigger, &signature, &key.public_hex()),
            Err(HeadError::Forged)
        );
        let mut other_root = head();
        other_root.root[0] ^= 1;
        assert_eq!(
            verify(&other_root, &signature, &key.public_hex()),
            Err(HeadError::Forged)
        );
        let other = LogKey::generate();
        assert_eq!(
            verify(&head(), &signature, &other.public_hex()),
            Err(HeadError::Forged)
        );
        assert_eq!(
            verify(&head(), "00", &key.public_hex()),
            Err(HeadError::BadSignature)
        );
        assert_eq!(verify(&head(), &signature, "abc"), Err(HeadError::BadKey));
        assert_eq!(key_id(&key.public_hex()).len(), 16);
    }

    /// RFC 8032 §7.1, test 1: the signature scheme is plain Ed25519.
    #[test]
    fn ed25519_matches_rfc_8032() {
        let key = LogKey::from_secret_hex(
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        )
        .unwrap();
        assert_eq!(
            key.public_hex(),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
        );
        assert_eq!(
            hex::encode(key.0.sign(b"").to_bytes()),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        );
    }
}
