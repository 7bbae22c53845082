//! Communication checks (CBM 8 practice): the manager's launch request, a check with its figures,
//! per-State and per-contact results, answers, and the trend across checks.

use crate::directory::Level;
use crate::state::{Region, StateCode};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// Which participating States a check challenges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ScopeKind {
    /// Every participating State.
    All,
    /// The participating States of `region`.
    Region,
    /// The participating States listed in `states`.
    States,
}

/// Which levels of points of contact a check challenges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum CheckLevels {
    Policy,
    Technical,
    Both,
}

/// Body of `POST /api/v1/checks`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CheckInput {
    pub scope: ScopeKind,
    /// With `scope: region`.
    #[serde(default)]
    pub region: Option<Region>,
    /// With `scope: states`.
    #[serde(default)]
    pub states: Vec<StateCode>,
    pub levels: CheckLevels,
    /// The response window of every challenge, from its own send time: 1 to 336 hours.
    pub window_hours: u32,
    /// Challenges go out at a random moment within this many hours of the launch (at most half
    /// the window; 0 sends them all at once).
    #[serde(default)]
    pub spread_hours: u32,
    /// A short message in English, sent with every challenge.
    pub message: String,
}

/// The result of one challenge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Not answered; its window is still open (or the challenge is not sent yet).
    Pending,
    OnTime,
    /// Answered after the contact's own deadline, while the check was still open.
    Late,
    NoAnswer,
    /// The email bounced or could not be delivered, and no answer came.
    DeliveryFailed,
}

/// How a challenge was answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AnswerWay {
    Link,
    App,
    SignedReply,
}

/// The figures of a check, visible to every signed-in account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CheckFigures {
    /// Contacts challenged.
    pub challenged: u32,
    /// Requested levels of States in scope without any contact to challenge.
    pub no_contact: u32,
    pub pending: u32,
    pub on_time: u32,
    pub late: u32,
    pub no_answer: u32,
    pub delivery_failed: u32,
    /// Answers verified with the contact's registered OpenPGP key.
    pub key_verified: u32,
    /// Contacts who answered (on time or late).
    pub answered: u32,
    /// Answered out of challenged, in whole percent; `None` when nobody was challenged.
    pub response_rate_percent: Option<u32>,
    /// Median time to answer in seconds (nearest rank).
    pub median_seconds: Option<i64>,
    /// 90th-percentile time to answer in seconds (nearest rank).
    pub p90_seconds: Option<i64>,
    pub states_in_scope: u32,
    /// States where every requested level answered on time.
    pub states_reached: u32,
}

/// A check with its figures at the time of the request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CheckSummary {
    pub id: i64,
    pub scope: ScopeKind,
    pub region: Option<Region>,
    pub states: Vec<StateCode>,
    pub levels: CheckLevels,
    pub window_hours: u32,
    pub spread_hours: u32,
    pub message: String,
    #[serde(with = "time::serde::rfc3339")]
    pub launched_at: OffsetDateTime,
    pub launched_by: String,
    /// The end of the check's window (launch + spread + response window); results are final
    /// after it.
    #[serde(with = "time::serde::rfc3339")]
    pub closes_at: OffsetDateTime,
    pub closed: bool,
    pub figures: CheckFigures,
}

/// How one requested level of one State fared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LevelResult {
    pub level: Level,
    /// Contacts challenged at this level; 0 when the State has none.
    pub challenged: u32,
    pub on_time: u32,
    pub reached: bool,
    /// Not reached yet, and a contact at this level may still answer on time until then.
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub awaiting_until: Option<time::OffsetDateTime>,
}

/// How one State fared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StateResult {
    pub state: StateCode,
    pub name: String,
    /// Every requested level answered on time.
    pub reached: bool,
    /// While the check is open and the State may still be reached: awaiting an answer until
    /// then (never "not reached" before it could answer).
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub awaiting_until: Option<time::OffsetDateTime>,
    pub levels: Vec<LevelResult>,
}

/// One contact's challenge and its result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ChallengeResult {
    pub id: i64,
    pub check_id: i64,
    pub contact_id: i64,
    pub contact_name: String,
    pub email: String,
    pub state: StateCode,
    pub level: Level,
    /// When the challenge was (or will be) queued; the response time counts from here.
    #[serde(with = "time::serde::rfc3339")]
    pub sent_at: OffsetDateTime,
    /// The end of this contact's own window.
    #[serde(with = "time::serde::rfc3339")]
    pub deadline: OffsetDateTime,
    pub outcome: Outcome,
    pub response_seconds: Option<i64>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub answered_at: Option<OffsetDateTime>,
    pub answer_way: Option<AnswerWay>,
    pub key_verified: bool,
    #[serde(with = "time::serde::rfc3339::option")]
    pub reminded_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub delivery_failed_at: Option<OffsetDateTime>,
    pub delivery_error: Option<String>,
}

/// `GET /api/v1/checks/{id}`: a check, with the per-State and per-contact results the caller may
/// see (all for the network manager, the caller's own State for its coordinator, the caller's
/// own challenge for a point of contact; none for the others, who see the figures).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CheckDetail {
    pub check: CheckSummary,
    pub states: Vec<StateResult>,
    pub challenges: Vec<ChallengeResult>,
}

/// Body of `POST /api/v1/checks/answer`: the token from the challenge link.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TokenAnswer {
    pub token: String,
}

/// Body of `POST /api/v1/checks/answer/signed`: a cleartext-signed text carrying the token.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SignedAnswer {
    /// `-----BEGIN PGP SIGNED MESSAGE-----` …, as `gpg --clearsign` writes it.
    pub signed: String,
}

/// An accepted answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AnswerReceipt {
    pub check_id: i64,
    pub challenge_id: i64,
    pub contact_name: String,
    pub state: StateCode,
    pub level: Level,
    #[serde(with = "time::serde::rfc3339")]
    pub answered_at: OffsetDateTime,
    pub way: AnswerWay,
    pub outcome: Outcome,
    pub response_seconds: i64,
    pub key_verified: bool,
    /// The fingerprint of the key that signed a key-verified answer.
    pub fingerprint: Option<String>,
}

/// One check in a contact's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct HistoryEntry {
    pub check_id: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub launched_at: OffsetDateTime,
    pub closed: bool,
    pub outcome: Outcome,
    pub response_seconds: Option<i64>,
    pub key_verified: bool,
}

/// `GET /api/v1/contacts/{id}/checks`: a contact's history across checks, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ContactChecks {
    pub contact_id: i64,
    /// Missed each of the last two closed checks it was challenged in.
    pub unreachable: bool,
    pub history: Vec<HistoryEntry>,
}

/// One check in the trend across checks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TrendPoint {
    pub check_id: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub launched_at: OffsetDateTime,
    pub closed: bool,
    pub response_rate_percent: Option<u32>,
    pub median_seconds: Option<i64>,
    pub challenged: u32,
}

/// What the directory shows of the checks for one contact, to those who may see its results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ContactCheckStatus {
    pub contact_id: i64,
    /// The contact's outcome in the last check it was challenged in.
    pub last_check_id: i64,
    pub last_outcome: Outcome,
    pub unreachable: bool,
}

/// What the directory shows of the checks for one State, to those who may see its results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StateCheckStatus {
    pub state: StateCode,
    /// The last check whose result for this State is settled (it reached the State, or can no
    /// longer), and whether it reached it.
    pub last_check_id: Option<i64>,
    pub last_reached: Option<bool>,
    /// A check still open that awaits this State's answer, until then.
    #[serde(default)]
    pub awaiting_check_id: Option<i64>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub awaiting_until: Option<time::OffsetDateTime>,
    /// Contacts flagged unreachable.
    pub unreachable: u32,
    pub contacts: Vec<ContactCheckStatus>,
}
