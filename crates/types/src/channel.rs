//! The protected channel (CBMs 3, 10, 13, 16): requests between States whose subject, body and
//! attachments are one OpenPGP message the server never decrypts. The server knows the envelope
//! only: parties, kind, urgency, level, TLP label, language, times and sizes.

use crate::directory::Level;
use crate::id::{MessageId, RequestId};
use crate::state::StateCode;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// What a request is for.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum RequestKind {
    Consultation,
    InformationRequest,
    AssistanceRequest,
    IncidentNotification,
    VulnerabilityInformation,
    General,
}

impl RequestKind {
    pub const ALL: [RequestKind; 6] = [
        RequestKind::Consultation,
        RequestKind::InformationRequest,
        RequestKind::AssistanceRequest,
        RequestKind::IncidentNotification,
        RequestKind::VulnerabilityInformation,
        RequestKind::General,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RequestKind::Consultation => "consultation",
            RequestKind::InformationRequest => "information-request",
            RequestKind::AssistanceRequest => "assistance-request",
            RequestKind::IncidentNotification => "incident-notification",
            RequestKind::VulnerabilityInformation => "vulnerability-information",
            RequestKind::General => "general",
        }
    }

    pub fn parse(text: &str) -> Result<RequestKind, String> {
        RequestKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
            .ok_or_else(|| format!("unknown request kind '{text}'"))
    }
}

/// How soon the recipients must acknowledge; each urgency has its deadline on the server.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Urgency {
    Routine,
    Priority,
    Urgent,
}

impl Urgency {
    pub const ALL: [Urgency; 3] = [Urgency::Routine, Urgency::Priority, Urgency::Urgent];

    pub fn as_str(self) -> &'static str {
        match self {
            Urgency::Routine => "routine",
            Urgency::Priority => "priority",
            Urgency::Urgent => "urgent",
        }
    }

    pub fn parse(text: &str) -> Result<Urgency, String> {
        Urgency::ALL
            .into_iter()
            .find(|u| u.as_str() == text)
            .ok_or_else(|| format!("unknown urgency '{text}'"))
    }
}

/// The Traffic Light Protocol 2.0 label: how far the recipients may share the content.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
pub enum Tlp {
    #[serde(rename = "CLEAR")]
    Clear,
    #[serde(rename = "GREEN")]
    Green,
    #[serde(rename = "AMBER")]
    Amber,
    #[serde(rename = "AMBER+STRICT")]
    AmberStrict,
    #[serde(rename = "RED")]
    Red,
}

impl Tlp {
    pub const ALL: [Tlp; 5] = [
        Tlp::Clear,
        Tlp::Green,
        Tlp::Amber,
        Tlp::AmberStrict,
        Tlp::Red,
    ];

    /// The label as TLP 2.0 writes it, e.g. `AMBER+STRICT`.
    pub fn as_str(self) -> &'static str {
        match self {
            Tlp::Clear => "CLEAR",
            Tlp::Green => "GREEN",
            Tlp::Amber => "AMBER",
            Tlp::AmberStrict => "AMBER+STRICT",
            Tlp::Red => "RED",
        }
    }

    /// Reads `AMBER+STRICT`, `TLP:AMBER+STRICT` or `amber-strict`.
    pub fn parse(text: &str) -> Result<Tlp, String> {
        let upper = text.trim().to_ascii_uppercase();
        let bare = upper
            .strip_prefix("TLP:")
            .unwrap_or(&upper)
            .replace('-', "+");
        Tlp::ALL
            .into_iter()
            .find(|t| t.as_str() == bare)
            .ok_or_else(|| {
                format!("unknown TLP label '{text}' (CLEAR, GREEN, AMBER, AMBER+STRICT, RED)")
            })
    }
}

/// Where a request stands for one recipient State.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum LegStatus {
    /// Accepted by the server; no notification delivered yet.
    Sent,
    /// A notification reached the State's mail relay, or one of its accounts opened the thread.
    Delivered,
    Acknowledged,
    /// The State replied in the thread.
    Answered,
    Closed,
}

impl LegStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            LegStatus::Sent => "sent",
            LegStatus::Delivered => "delivered",
            LegStatus::Acknowledged => "acknowledged",
            LegStatus::Answered => "answered",
            LegStatus::Closed => "closed",
        }
    }
}

/// Body of `POST /api/v1/requests` (JSON; the same fields as a multipart form, with the message
/// as a file part, armored or binary).
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RequestInput {
    /// The recipient States (participating States other than the sender's).
    pub to: Vec<StateCode>,
    pub kind: RequestKind,
    pub urgency: Urgency,
    pub level: Level,
    pub tlp: Tlp,
    /// The language of the content: an official OSCE language (`en`, `fr`, `de`, `it`, `ru`,
    /// `es`).
    pub language: String,
    /// The OpenPGP message (ASCII-armored) holding subject, body and attachments, encrypted to
    /// the request's key set (`GET /api/v1/requests/keys`).
    pub message: String,
}

/// Body of a reply (`POST /api/v1/requests/{id}/messages`).
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ReplyInput {
    /// The OpenPGP message (ASCII-armored), encrypted to the thread's key set
    /// (`GET /api/v1/requests/{id}/keys`).
    pub message: String,
}

/// A key the message must be encrypted to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SetKey {
    pub contact_id: i64,
    pub state: StateCode,
    pub contact_name: String,
    pub fingerprint: String,
    /// The contact's registered public key, armored.
    pub public_key: String,
}

/// Why a contact's key is not in the set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LeftOutReason {
    NoKey,
    Expired,
    Revoked,
    /// The key cannot encrypt, or no longer parses.
    Unusable,
}

/// A point of contact at the level whose key is not in the set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LeftOutContact {
    pub contact_id: i64,
    pub state: StateCode,
    pub contact_name: String,
    pub reason: LeftOutReason,
}

/// The keys a request or reply must be encrypted to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct KeySetView {
    pub level: Level,
    pub keys: Vec<SetKey>,
    pub left_out: Vec<LeftOutContact>,
}

/// A request as one recipient State has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Leg {
    pub state: StateCode,
    pub status: LegStatus,
    /// When it must be acknowledged by (sent time plus the urgency's deadline).
    #[serde(with = "time::serde::rfc3339")]
    pub acknowledge_by: OffsetDateTime,
    /// Past its deadline and not acknowledged.
    pub overdue: bool,
    #[serde(with = "time::serde::rfc3339::option")]
    pub delivered_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub acknowledged_at: Option<OffsetDateTime>,
    pub acknowledged_by: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub answered_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub closed_at: Option<OffsetDateTime>,
    /// When the request was escalated to the State's policy-level contacts.
    #[serde(with = "time::serde::rfc3339::option")]
    pub escalated_at: Option<OffsetDateTime>,
}

/// A request's envelope: what the server knows of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RequestSummary {
    pub id: RequestId,
    pub from: StateCode,
    pub sent_by: String,
    pub kind: RequestKind,
    pub urgency: Urgency,
    pub level: Level,
    pub tlp: Tlp,
    pub language: String,
    #[serde(with = "time::serde::rfc3339")]
    pub sent_at: OffsetDateTime,
    /// Closed by the sending State (every leg is then closed).
    #[serde(with = "time::serde::rfc3339::option")]
    pub closed_at: Option<OffsetDateTime>,
    pub to: Vec<Leg>,
    pub messages: u32,
    /// Bytes of ciphertext in the thread.
    pub bytes: u64,
}

/// One message of a thread: immutable ciphertext, and what the server knows of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MessageMeta {
    pub id: MessageId,
    pub request_id: RequestId,
    /// 1 for the request itself, then the replies in order.
    pub seq: u32,
    pub from: StateCode,
    pub sent_by: String,
    #[serde(with = "time::serde::rfc3339")]
    pub sent_at: OffsetDateTime,
    /// Size of the OpenPGP message (binary).
    pub size: u64,
    /// SHA-256 of the OpenPGP message (binary), in hex: what every party can compare.
    pub sha256: String,
    /// The primary fingerprints of the keys it is encrypted to.
    pub fingerprints: Vec<String>,
}

/// A thread: the envelope, its messages, and the contacts left out of its last key set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RequestDetail {
    pub request: RequestSummary,
    pub messages: Vec<MessageMeta>,
    /// The points of contact at the level who cannot read the last message (no usable key).
    pub left_out: Vec<LeftOutContact>,
    /// What the caller may do in the thread.
    pub actions: Vec<RequestAction>,
}

/// What a party may do in a thread, as the server decides it for the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum RequestAction {
    /// Acknowledge receipt (a recipient whose leg is open and not yet acknowledged).
    Acknowledge,
    /// Write into the thread.
    Reply,
    /// Close the thread (the sender) or one's own leg (a recipient).
    Close,
    /// Escalate the unacknowledged legs to the recipients' policy level (the sender).
    Escalate,
    /// Rate how the exchange went.
    Feedback,
}

/// Body of `POST /api/v1/requests/{id}/escalate`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct EscalateInput {
    /// The recipient States to escalate to their policy-level contacts; all unacknowledged
    /// ones when empty.
    #[serde(default)]
    pub states: Vec<StateCode>,
}

/// Body of `POST /api/v1/requests/{id}/feedback`: non-content feedback for the network manager
/// that an exchange took place, and whether it was useful.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FeedbackInput {
    pub useful: bool,
}

/// A count under a label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Count {
    pub key: String,
    pub count: u32,
}

/// What the network manager sees of the channel: metadata statistics, never content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ChannelStats {
    pub requests: u32,
    pub messages: u32,
    /// Request legs (one per recipient State).
    pub legs: u32,
    pub by_kind: Vec<Count>,
    pub by_urgency: Vec<Count>,
    pub by_level: Vec<Count>,
    pub acknowledged: u32,
    pub acknowledged_on_time: u32,
    pub escalated: u32,
    pub median_acknowledge_seconds: Option<i64>,
    pub p90_acknowledge_seconds: Option<i64>,
    pub feedback_useful: u32,
    pub feedback_not_useful: u32,
}
