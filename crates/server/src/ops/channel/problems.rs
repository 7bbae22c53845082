//! What can be wrong with a request or a reply, worded by the catalogue.

#[allow(clippy::wildcard_imports)]
use super::*;

/// Why a request or reply is refused, by field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    Request(rules::Invalid),
    /// Recipient States without a usable key at the level.
    Unaddressable {
        states: String,
        level: Level,
        /// Those of them that could be addressed at the other level.
        other_level: String,
    },
    Envelope(EnvelopeError),
    KeySet {
        missing: String,
        extra: String,
    },
}

impl Worded for Invalid {
    fn message_id(&self) -> &'static str {
        match self {
            Invalid::Request(invalid) => invalid.message_id(),
            Invalid::Unaddressable {
                level, other_level, ..
            } => match (level, other_level.is_empty()) {
                (Level::Policy, true) => "invalid-request-unaddressable-policy",
                (Level::Technical, true) => "invalid-request-unaddressable-technical",
                (Level::Policy, false) => "invalid-request-unaddressable-policy-other",
                (Level::Technical, false) => "invalid-request-unaddressable-technical-other",
            },
            Invalid::Envelope(EnvelopeError::Malformed(_)) => "invalid-request-malformed",
            Invalid::Envelope(EnvelopeError::NotEncrypted) => "invalid-request-not-encrypted",
            Invalid::Envelope(EnvelopeError::Unprotected) => "invalid-request-unprotected",
            Invalid::Envelope(EnvelopeError::Password) => "invalid-request-password",
            Invalid::Envelope(EnvelopeError::Anonymous) => "invalid-request-anonymous",
            Invalid::Envelope(EnvelopeError::Duplicate(_)) => "invalid-request-duplicate",
            Invalid::Envelope(EnvelopeError::Unexpected(_)) => "invalid-request-unexpected-packet",
            Invalid::KeySet { missing, extra } => match (missing.is_empty(), extra.is_empty()) {
                (false, true) => "invalid-request-key-set-missing",
                (true, false) => "invalid-request-key-set-extra",
                _ => "invalid-request-key-set",
            },
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            Invalid::Request(invalid) => invalid.args(),
            Invalid::Unaddressable {
                states,
                other_level,
                ..
            } => vec![
                ("states", states.clone()),
                ("other_states", other_level.clone()),
            ],
            Invalid::Envelope(EnvelopeError::Malformed(detail)) => {
                vec![("detail", detail.clone())]
            }
            Invalid::Envelope(EnvelopeError::Duplicate(key)) => vec![("key", key.clone())],
            Invalid::Envelope(EnvelopeError::Unexpected(packet)) => {
                vec![("packet", packet.clone())]
            }
            Invalid::Envelope(_) => Vec::new(),
            Invalid::KeySet { missing, extra } => {
                vec![("missing", missing.clone()), ("extra", extra.clone())]
            }
        }
    }
}

pub(super) fn one(field: &str, invalid: Invalid) -> AppError {
    AppError::worded([(field.to_owned(), invalid)])
}

pub(super) fn codes(states: impl IntoIterator<Item = StateCode>) -> String {
    states
        .into_iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn unaddressable(list: Vec<Unaddressable>) -> AppError {
    let level = list.first().map_or(Level::Technical, |u| u.level);
    let other_level = codes(
        list.iter()
            .filter(|u| u.other_level)
            .map(|u| u.state.clone()),
    );
    one(
        "to",
        Invalid::Unaddressable {
            states: codes(list.into_iter().map(|u| u.state)),
            level,
            other_level,
        },
    )
}

pub(super) fn mismatch(mismatch: KeySetMismatch) -> AppError {
    one(
        "message",
        Invalid::KeySet {
            missing: mismatch
                .missing
                .iter()
                .map(|k| k.fingerprint.clone())
                .collect::<Vec<_>>()
                .join(", "),
            extra: mismatch
                .extra
                .iter()
                .map(|r| r.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        },
    )
}
