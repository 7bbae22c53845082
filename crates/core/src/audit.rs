//! The audit log: every change, who made it, when, and what it was before and after, appended to
//! a hash chain so that editing or deleting a stored row is detected (`liaison audit verify`).
//! Events are a typed enum, never an opt-in code: each operation names what it did.

use liaison_types::id::AccountId;
use serde_json::Value;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

/// Something that happened and must be recorded.
#[derive(Debug, Clone, PartialEq)]
pub enum AuditEvent {
    AccountCreated {
        account_id: AccountId,
        after: Value,
    },
    AccountChanged {
        account_id: AccountId,
        before: Value,
        after: Value,
    },
    TotpEnabled {
        account_id: AccountId,
    },
    /// The network manager turned an account's second factor off (its owner enrols again).
    TotpReset {
        account_id: AccountId,
    },
    /// A password was changed by its owner (`by_owner`) or reset by the network manager.
    PasswordChanged {
        account_id: AccountId,
        by_owner: bool,
    },
    LoginSucceeded {
        account_id: AccountId,
        address: String,
    },
    /// A sign-in was refused: the username as typed (cut to 64 characters), the client address
    /// and which part was refused (`password`, `code`, `locked`, `disabled`).
    LoginFailed {
        username: String,
        address: String,
        refused: &'static str,
    },
    /// Failed sign-ins from one address locked a username (normalised) for that address until
    /// `until`.
    LoginLocked {
        username: String,
        address: String,
        until: String,
    },
    LoggedOut {
        account_id: AccountId,
        token: String,
    },
    /// A bearer token or browser session was issued (`token` is its public id, never itself).
    TokenIssued {
        account_id: AccountId,
        token: String,
        kind: &'static str,
        label: String,
        expires_at: String,
    },
    /// Sessions and tokens were ended: one (`token`) or all of an account's (`token` empty),
    /// by the owner or the network manager.
    TokenRevoked {
        account_id: AccountId,
        token: String,
        count: u64,
    },
    ContactCreated {
        contact_id: i64,
        after: Value,
    },
    ContactChanged {
        contact_id: i64,
        before: Value,
        after: Value,
    },
    ContactKeyRegistered {
        contact_id: i64,
        before: Value,
        after: Value,
    },
    ContactRetired {
        contact_id: i64,
        before: Value,
    },
    /// A change scheduled for a later date was withdrawn before it took effect.
    ContactScheduleWithdrawn {
        contact_id: i64,
        version: i64,
        effective_on: String,
    },
    StateConfirmed {
        state: String,
        contacts: Vec<i64>,
    },
    DirectoryImported {
        state: String,
        created: u32,
        changed: u32,
    },
    ReminderQueued {
        state: String,
        contacts: Vec<i64>,
    },
    CheckLaunched {
        check_id: i64,
        after: Value,
    },
    CheckAnswered {
        check_id: i64,
        challenge_id: i64,
        contact_id: i64,
        way: &'static str,
        /// The fingerprint of the key that signed the answer, for key-verified answers.
        fingerprint: Option<String>,
    },
    CheckRemindersQueued {
        check_id: i64,
        challenges: Vec<i64>,
    },
    CheckDeliveryFailed {
        check_id: i64,
        challenge_id: i64,
        contact_id: i64,
        error: String,
    },
    /// A protected-channel request was sent; `after` is its envelope (never content).
    RequestSent {
        request_id: i64,
        after: Value,
    },
    RequestReplied {
        request_id: i64,
        message_id: i64,
        state: String,
    },
    RequestDelivered {
        request_id: i64,
        state: String,
        /// `mail` (a notification reached the relay) or `opened` (an account opened it).
        how: &'static str,
    },
    RequestAcknowledged {
        request_id: i64,
        state: String,
    },
    RequestEscalated {
        request_id: i64,
        state: String,
        /// `deadline` (the scheduler) or `sender` (on the sending State's demand).
        why: &'static str,
    },
    /// The sending State closed the request (`state` is then the sender) or a recipient State
    /// closed its leg.
    RequestClosed {
        request_id: i64,
        state: String,
        whole: bool,
    },
    RequestFeedback {
        request_id: i64,
        state: String,
        useful: bool,
    },
    /// The transparency log's signing key was made (at the server's first start).
    LogKeyCreated {
        key_id: String,
        public_key: String,
    },
    /// A State published the tree head it verified.
    TreeHeadVerified {
        state: String,
        size: u64,
        root: String,
    },
    /// The network manager opened an exchange cycle.
    ExchangeCycleOpened {
        year: i32,
        after: Value,
    },
    /// A section of a State's draft was saved (the version only: drafts are private).
    ExchangeDraftSaved {
        year: i32,
        state: String,
        section: String,
        version: i64,
    },
    /// A State submitted its input (on time or late).
    ExchangeSubmitted {
        year: i32,
        state: String,
        late: bool,
    },
    /// A submission was circulated under a document reference.
    ExchangeCirculated {
        year: i32,
        state: String,
        reference: String,
    },
    /// The network manager recorded a circulated document's reference as the OSCE document
    /// system assigned it; the earlier one stays an alias.
    ExchangeReferenceRecorded {
        year: i32,
        state: String,
        revision: i64,
        from: String,
        to: String,
    },
    /// An inquiry was raised, answered, or made public or private.
    ExchangeInquiry {
        inquiry_id: i64,
        state: String,
        action: &'static str,
    },
}

/// The stored form of an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord {
    pub event: &'static str,
    pub subject: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl AuditEvent {
    pub fn record(&self) -> AuditRecord {
        fn json(value: &Value) -> Option<String> {
            Some(value.to_string())
        }
        let (event, subject, before, after) = match self {
            AuditEvent::ExchangeCycleOpened { year, after } => (
                "exchange.cycle-opened",
                format!("exchange/{year}"),
                None,
                json(after),
            ),
            AuditEvent::ExchangeDraftSaved {
                year,
                state,
                section,
                version,
            } => (
                "exchange.draft-saved",
                format!("exchange/{year}/{state}"),
                None,
                json(&serde_json::json!({ "section": section, "version": version })),
            ),
            AuditEvent::ExchangeSubmitted { year, state, late } => (
                "exchange.submitted",
                format!("exchange/{year}/{state}"),
                None,
                json(&serde_json::json!({ "late": late })),
            ),
            AuditEvent::ExchangeCirculated {
                year,
                state,
                reference,
            } => (
                "exchange.circulated",
                format!("exchange/{year}/{state}"),
                None,
                json(&serde_json::json!({ "reference": reference })),
            ),
            AuditEvent::ExchangeReferenceRecorded {
                year,
                state,
                revision,
                from,
                to,
            } => (
                "exchange.reference-recorded",
                format!("exchange/{year}/{state}"),
                json(&serde_json::json!({ "revision": revision, "reference": from })),
                json(&serde_json::json!({ "revision": revision, "reference": to })),
            ),
            AuditEvent::ExchangeInquiry {
                inquiry_id,
                state,
                action,
            } => (
                "exchange.inquiry",
                format!("inquiry/{inquiry_id}"),
                None,
                json(&serde_json::json!({ "state": state, "action": action })),
            ),
            AuditEvent::AccountCreated { account_id, after } => (
                "account.created",
                format!("account/{account_id}"),
                None,
                json(after),
            ),
            AuditEvent::AccountChanged {
                account_id,
                before,
                after,
            } => (
                "account.changed",
                format!("account/{account_id}"),
                json(before),
                json(after),
            ),
            AuditEvent::TotpEnabled { account_id } => (
                "account.totp-enabled",
                format!("account/{account_id}"),
                None,
                None,
            ),
            AuditEvent::TotpReset { account_id } => (
                "account.totp-reset",
                format!("account/{account_id}"),
                None,
                None,
            ),
            AuditEvent::PasswordChanged {
                account_id,
                by_owner,
            } => (
                "account.password-changed",
                format!("account/{account_id}"),
                None,
                json(&serde_json::json!({ "by_owner": by_owner })),
            ),
            AuditEvent::LoginSucceeded {
                account_id,
                address,
            } => (
                "login.succeeded",
                format!("account/{account_id}"),
                None,
                json(&serde_json::json!({ "address": address })),
            ),
            AuditEvent::LoginFailed {
                username,
                address,
                refused,
            } => (
                "login.failed",
                "account/?".to_owned(),
                None,
                json(&serde_json::json!({
                    "username": username, "address": address, "refused": refused,
                })),
            ),
            AuditEvent::LoginLocked {
                username,
                address,
                until,
            } => (
                "login.locked",
                format!("login/{username}"),
                None,
                json(&serde_json::json!({ "address": address, "until": until })),
            ),
            AuditEvent::LoggedOut { account_id, token } => (
                "login.logged-out",
                format!("account/{account_id}"),
                None,
                json(&serde_json::json!({ "token": token })),
            ),
            AuditEvent::TokenIssued {
                account_id,
                token,
                kind,
                label,
                expires_at,
            } => (
                "token.issued",
                format!("account/{account_id}"),
                None,
                json(&serde_json::json!({
                    "token": token, "kind": kind, "label": label, "expires_at": expires_at,
                })),
            ),
            AuditEvent::TokenRevoked {
                account_id,
                token,
                count,
            } => (
                "token.revoked",
                format!("account/{account_id}"),
                None,
                json(&serde_json::json!({ "token": token, "count": count })),
            ),
            AuditEvent::ContactCreated { contact_id, after } => (
                "contact.created",
                format!("contact/{contact_id}"),
                None,
                json(after),
            ),
            AuditEvent::ContactChanged {
                contact_id,
                before,
                after,
            } => (
                "contact.changed",
                format!("contact/{contact_id}"),
                json(before),
                json(after),
            ),
            AuditEvent::ContactKeyRegistered {
                contact_id,
                before,
                after,
            } => (
                "contact.key-registered",
                format!("contact/{contact_id}"),
                json(before),
                json(after),
            ),
            AuditEvent::ContactScheduleWithdrawn {
                contact_id,
                version,
                effective_on,
            } => (
                "contact.schedule-withdrawn",
                format!("contact/{contact_id}"),
                json(&serde_json::json!({ "version": version, "effective_on": effective_on })),
                None,
            ),
            AuditEvent::ContactRetired { contact_id, before } => (
                "contact.retired",
                format!("contact/{contact_id}"),
                json(before),
                None,
            ),
            AuditEvent::StateConfirmed { state, contacts } => (
                "state.confirmed",
                format!("state/{state}"),
                None,
                json(&serde_json::json!({ "contacts": contacts })),
            ),
            AuditEvent::DirectoryImported {
                state,
                created,
                changed,
            } => (
                "directory.imported",
                format!("state/{state}"),
                None,
                json(&serde_json::json!({ "created": created, "changed": changed })),
            ),
            AuditEvent::ReminderQueued { state, contacts } => (
                "directory.reminder-queued",
                format!("state/{state}"),
                None,
                json(&serde_json::json!({ "contacts": contacts })),
            ),
            AuditEvent::CheckLaunched { check_id, after } => (
                "check.launched",
                format!("check/{check_id}"),
                None,
                json(after),
            ),
            AuditEvent::CheckAnswered {
                check_id,
                challenge_id,
                contact_id,
                way,
                fingerprint,
            } => (
                "check.answered",
                format!("check/{check_id}"),
                None,
                json(&serde_json::json!({
                    "challenge": challenge_id, "contact": contact_id, "way": way, "fingerprint": fingerprint,
                })),
            ),
            AuditEvent::CheckRemindersQueued {
                check_id,
                challenges,
            } => (
                "check.reminders-queued",
                format!("check/{check_id}"),
                None,
                json(&serde_json::json!({ "challenges": challenges })),
            ),
            AuditEvent::CheckDeliveryFailed {
                check_id,
                challenge_id,
                contact_id,
                error,
            } => (
                "check.delivery-failed",
                format!("check/{check_id}"),
                None,
                json(&serde_json::json!({
                    "challenge": challenge_id, "contact": contact_id, "error": error,
                })),
            ),
            AuditEvent::RequestSent { request_id, after } => (
                "request.sent",
                format!("request/{request_id}"),
                None,
                json(after),
            ),
            AuditEvent::RequestReplied {
                request_id,
                message_id,
                state,
            } => (
                "request.replied",
                format!("request/{request_id}"),
                None,
                json(&serde_json::json!({ "message_id": message_id, "state": state })),
            ),
            AuditEvent::RequestDelivered {
                request_id,
                state,
                how,
            } => (
                "request.delivered",
                format!("request/{request_id}"),
                None,
                json(&serde_json::json!({ "state": state, "how": how })),
            ),
            AuditEvent::RequestAcknowledged { request_id, state } => (
                "request.acknowledged",
                format!("request/{request_id}"),
                None,
                json(&serde_json::json!({ "state": state })),
            ),
            AuditEvent::RequestEscalated {
                request_id,
                state,
                why,
            } => (
                "request.escalated",
                format!("request/{request_id}"),
                None,
                json(&serde_json::json!({ "state": state, "why": why })),
            ),
            AuditEvent::RequestClosed {
                request_id,
                state,
                whole,
            } => (
                "request.closed",
                format!("request/{request_id}"),
                None,
                json(&serde_json::json!({ "state": state, "whole": whole })),
            ),
            AuditEvent::RequestFeedback {
                request_id,
                state,
                useful,
            } => (
                "request.feedback",
                format!("request/{request_id}"),
                None,
                json(&serde_json::json!({ "state": state, "useful": useful })),
            ),
            AuditEvent::LogKeyCreated { key_id, public_key } => (
                "transparency.key-created",
                format!("transparency/key/{key_id}"),
                None,
                json(&serde_json::json!({ "public_key": public_key })),
            ),
            AuditEvent::TreeHeadVerified { state, size, root } => (
                "transparency.head-verified",
                format!("state/{state}"),
                None,
                json(&serde_json::json!({ "tree_size": size, "root_hash": root })),
            ),
        };
        AuditRecord {
            event,
            subject,
            before,
            after,
        }
    }
}

/// The fields of an entry's `before` and `after` that hold a person's details: an auditor sees
/// who did what and when, and these only as a hash (see [`redact`]).
pub const PERSONAL_FIELDS: &[&str] = &[
    "name",
    "email",
    "phone",
    "notes",
    "website",
    "display_name",
    "deputy_name",
];

/// A JSON snapshot with every [`PERSONAL_FIELDS`] value, at any depth, replaced by `hmac:` and
/// the first 16 hex digits of its HMAC-SHA256 under `key` (a secret the server keeps): two
/// entries with the same value show the same mark, so a change stays visible, but the value
/// cannot be recovered by trying candidates (a phone number has only a million endings), since
/// the reader does not hold the key. Text that is not JSON is replaced by its mark whole.
pub fn redact(snapshot: &str, key: &[u8]) -> String {
    fn mark(key: &[u8], text: &str) -> String {
        use hmac::Mac;
        let Ok(mut mac) = hmac::Hmac::<Sha256>::new_from_slice(key) else {
            return "hmac:?".to_owned();
        };
        mac.update(text.as_bytes());
        format!("hmac:{}", &hex::encode(mac.finalize().into_bytes())[..16])
    }
    fn walk(key: &[u8], value: &mut Value) {
        match value {
            Value::Object(map) => {
                for (name, field) in map.iter_mut() {
                    if PERSONAL_FIELDS.contains(&name.as_str()) && !field.is_null() {
                        *field = Value::String(mark(key, &field.to_string()));
                    } else {
                        walk(key, field);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|item| walk(key, item)),
            _ => {}
        }
    }
    match serde_json::from_str::<Value>(snapshot) {
        Ok(mut value) => {
            walk(key, &mut value);
            value.to_string()
        }
        Err(_) => mark(key, snapshot),
    }
}

/// A stored row as the chain sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainRow {
    pub seq: i64,
    pub at: OffsetDateTime,
    pub actor: String,
    pub request_id: String,
    pub event: String,
    pub subject: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// The hash before the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hash of a row: SHA-256 over the previous hash and every field, each length-prefixed so
/// that no two different rows hash alike by shifting text between fields.
#[allow(clippy::too_many_arguments)]
pub fn row_hash(
    prev_hash: &str,
    seq: i64,
    at: OffsetDateTime,
    actor: &str,
    request_id: &str,
    event: &str,
    subject: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> String {
    let mut hasher = Sha256::new();
    let at = at.unix_timestamp_nanos() / 1_000;
    let fields: [&[u8]; 2] = [prev_hash.as_bytes(), &seq.to_be_bytes()];
    for field in fields {
        hasher.update((field.len() as u64).to_be_bytes());
        hasher.update(field);
    }
    hasher.update(at.to_be_bytes());
    for field in [actor, request_id, event, subject] {
        hasher.update((field.len() as u64).to_be_bytes());
        hasher.update(field.as_bytes());
    }
    for field in [before, after] {
        match field {
            None => hasher.update([0u8]),
            Some(text) => {
                hasher.update([1u8]);
                hasher.update((text.len() as u64).to_be_bytes());
                hasher.update(text.as_bytes());
            }
        }
    }
    hex::encode(hasher.finalize())
}

/// Walks rows in sequence order and returns the first one that breaks the chain: a hash that
/// does not match its content, a link to a previous hash that is not the previous row's, or a gap
/// in the sequence (a deleted row).
pub fn first_broken<'a>(
    rows: impl IntoIterator<Item = &'a ChainRow>,
    mut prev_hash: String,
    mut expected_seq: i64,
) -> Option<i64> {
    for row in rows {
        let recomputed = row_hash(
            &row.prev_hash,
            row.seq,
            row.at,
            &row.actor,
            &row.request_id,
            &row.event,
            &row.subject,
            row.before.as_deref(),
            row.after.as_deref(),
        );
        if row.seq != expected_seq || row.prev_hash != prev_hash || recomputed != row.hash {
            return Some(row.seq);
        }
        prev_hash = row.hash.clone();
        expected_seq += 1;
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn chain(n: i64) -> Vec<ChainRow> {
        let mut prev = GENESIS.to_owned();
        (1..=n)
            .map(|seq| {
                let at = datetime!(2026-11-24 10:00 UTC) + time::Duration::seconds(seq);
                let before = Some(format!("{{\"v\":{seq}}}"));
                let hash = row_hash(
                    &prev,
                    seq,
                    at,
                    "alice",
                    "req",
                    "contact.changed",
                    "contact/1",
                    before.as_deref(),
                    None,
                );
                let row = ChainRow {
                    seq,
                    at,
                    actor: "alice".into(),
                    request_id: "req".into(),
                    event: "contact.changed".into(),
                    subject: "contact/1".into(),
                    before,
                    after: None,
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                row
            })
            .collect()
    }

    #[test]
    fn personal_fields_are_marked_at_any_depth_and_the_rest_kept() {
        let key = [7u8; 32];
        let snapshot = r#"{"name":"Dr. Anna Weber","email":"a@b.example","state":"DEU","contacts":[{"phone":"+49 1","kind":"poc"}],"version":3,"notes":null}"#;
        let shown: Value = serde_json::from_str(&redact(snapshot, &key)).unwrap();
        assert_eq!(shown["state"], "DEU");
        assert_eq!(shown["version"], 3);
        assert_eq!(shown["contacts"][0]["kind"], "poc");
        assert_eq!(shown["notes"], Value::Null);
        for value in [
            &shown["name"],
            &shown["email"],
            &shown["contacts"][0]["phone"],
        ] {
            let text = value.as_str().unwrap();
            assert!(text.starts_with("hmac:") && text.len() == 21, "{text}");
        }
        let text = redact(snapshot, &key);
        assert!(!text.contains("Weber") && !text.contains("a@b.example") && !text.contains("+49"));
        // The same value marks alike under one key, so the auditor sees that it changed or not.
        let again: Value =
            serde_json::from_str(&redact(r#"{"name":"Dr. Anna Weber"}"#, &key)).unwrap();
        assert_eq!(shown["name"], again["name"]);
        // Without the key, trying candidates finds nothing: a plain SHA-256 is not the mark.
        let plain = hex::encode(Sha256::digest(b"\"Dr. Anna Weber\""));
        assert!(!shown["name"].as_str().unwrap().contains(&plain[..16]));
        let other: Value =
            serde_json::from_str(&redact(r#"{"name":"Dr. Anna Weber"}"#, &[8u8; 32])).unwrap();
        assert_ne!(shown["name"], other["name"]);
        assert!(redact("not json", &key).starts_with("hmac:"));
    }

    #[test]
    fn intact_chain_verifies() {
        assert_eq!(first_broken(&chain(5), GENESIS.into(), 1), None);
    }

    #[test]
    fn edited_field_is_detected() {
        let mut rows = chain(5);
        rows[2].actor = "mallory".into();
        assert_eq!(first_broken(&rows, GENESIS.into(), 1), Some(3));
    }

    #[test]
    fn deleted_row_is_detected() {
        let mut rows = chain(5);
        rows.remove(1);
        assert_eq!(first_broken(&rows, GENESIS.into(), 1), Some(3));
    }

    #[test]
    fn rehashed_row_is_detected_by_the_next_link() {
        let mut rows = chain(5);
        rows[1].after = Some("{}".into());
        rows[1].hash = row_hash(
            &rows[1].prev_hash,
            2,
            rows[1].at,
            "alice",
            "req",
            "contact.changed",
            "contact/1",
            rows[1].before.as_deref(),
            Some("{}"),
        );
        assert_eq!(first_broken(&rows, GENESIS.into(), 1), Some(3));
    }

    #[test]
    fn moving_text_between_fields_changes_the_hash() {
        let at = datetime!(2026-11-24 10:00 UTC);
        let a = row_hash(GENESIS, 1, at, "ab", "c", "e", "s", None, None);
        let b = row_hash(GENESIS, 1, at, "a", "bc", "e", "s", None, None);
        assert_ne!(a, b);
        assert_ne!(
            row_hash(GENESIS, 1, at, "a", "b", "e", "s", Some(""), None),
            row_hash(GENESIS, 1, at, "a", "b", "e", "s", None, None)
        );
    }
}
