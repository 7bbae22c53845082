//! The points-of-contact directory (CBM 8): contacts, national structures, their versions and
//! each State's directory status.

use crate::state::{State, StateCode};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

/// The level of authority of a point of contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Policy,
    Technical,
}

impl Level {
    pub const ALL: [Level; 2] = [Level::Policy, Level::Technical];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Policy => "policy",
            Level::Technical => "technical",
        }
    }

    /// The other of the two levels.
    pub fn other(self) -> Level {
        match self {
            Level::Policy => Level::Technical,
            Level::Technical => Level::Policy,
        }
    }

    pub fn parse(input: &str) -> Result<Level, String> {
        match input.trim() {
            "policy" => Ok(Level::Policy),
            "technical" => Ok(Level::Technical),
            other => Err(format!("unknown level '{other}' (policy or technical)")),
        }
    }
}

/// The kind of a national structure that manages ICT incidents or co-ordinates responses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum StructureKind {
    NationalCsirt,
    GovernmentCsirt,
    Ministry,
    LawEnforcement,
    Regulator,
    Other,
}

impl StructureKind {
    pub const ALL: [StructureKind; 6] = [
        StructureKind::NationalCsirt,
        StructureKind::GovernmentCsirt,
        StructureKind::Ministry,
        StructureKind::LawEnforcement,
        StructureKind::Regulator,
        StructureKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StructureKind::NationalCsirt => "national-csirt",
            StructureKind::GovernmentCsirt => "government-csirt",
            StructureKind::Ministry => "ministry",
            StructureKind::LawEnforcement => "law-enforcement",
            StructureKind::Regulator => "regulator",
            StructureKind::Other => "other",
        }
    }

    pub fn parse(input: &str) -> Result<StructureKind, String> {
        StructureKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == input.trim())
            .ok_or_else(|| {
                format!(
                    "unknown structure kind '{}' (national-csirt, government-csirt, ministry, law-enforcement, regulator, other)",
                    input.trim()
                )
            })
    }
}

/// Whether an entry of the directory is a point of contact at a level or a national structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ContactKind {
    /// A point of contact at the policy or technical level.
    Poc { level: Level },
    /// A national structure (CERT/CSIRT, ministry, law enforcement, regulator).
    Structure { structure: StructureKind },
}

/// What happened in one version of a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Created,
    Changed,
    Key,
    Confirmed,
    Retired,
    /// A scheduled change was withdrawn before its date: the contact stays as it is.
    Withdrawn,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Created => "created",
            Change::Changed => "changed",
            Change::Key => "key",
            Change::Confirmed => "confirmed",
            Change::Retired => "retired",
            Change::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(input: &str) -> Result<Change, String> {
        match input {
            "created" => Ok(Change::Created),
            "changed" => Ok(Change::Changed),
            "key" => Ok(Change::Key),
            "confirmed" => Ok(Change::Confirmed),
            "retired" => Ok(Change::Retired),
            "withdrawn" => Ok(Change::Withdrawn),
            other => Err(format!("unknown change '{other}'")),
        }
    }
}

/// Where a contact stands against the annual update of CBM 8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AnnualStatus {
    Current,
    DueSoon,
    Overdue,
}

impl AnnualStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AnnualStatus::Current => "current",
            AnnualStatus::DueSoon => "due-soon",
            AnnualStatus::Overdue => "overdue",
        }
    }
}

/// The facts of a contact that a State gives; one version holds one set of them.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema, PartialEq, Eq, Default)]
pub struct ContactDetails {
    /// Name of the person, or the function when the State nominates a function.
    pub name: String,
    #[serde(default)]
    pub function: String,
    pub organisation: String,
    pub email: String,
    #[serde(default)]
    pub phone: String,
    /// Reachable around the clock.
    #[serde(default)]
    pub available_24_7: bool,
    /// IANA time zone, e.g. `Europe/Berlin`.
    #[serde(default)]
    pub time_zone: String,
    /// ISO 639-1 codes of the languages the contact works in.
    #[serde(default)]
    pub languages: Vec<String>,
    /// A deputy rather than the principal contact.
    #[serde(default)]
    pub deputy: bool,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub notes: String,
}

/// Body of `POST /api/v1/states/{code}/contacts` and `PUT /api/v1/contacts/{id}`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(try_from = "ContactInputParts")]
pub struct ContactInput {
    #[serde(flatten)]
    pub kind: ContactKind,
    #[serde(flatten)]
    pub details: ContactDetails,
    /// When the change took effect in the State (may be in the future for announced changes).
    pub effective_on: Date,
    /// On a change: the contact's `version` as read. When the contact has had a newer version
    /// since, the change is refused (409) instead of overwriting it; read the contact again and
    /// apply the change to what it says now. Left out, the change applies to whatever the
    /// contact is. Ignored on creation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 1)]
    pub version: Option<i64>,
}

/// A contact's body as sent, its kind's fields not yet paired: a point of contact has a
/// `level` and no `structure`, a national structure the other way round, and a body that sends
/// both or neither is refused rather than read as one of them.
#[derive(Deserialize)]
#[serde(
    expecting = "a contact (an object with kind, level or structure, name, organisation, email, effective_on)"
)]
struct ContactInputParts {
    kind: KindTag,
    #[serde(default)]
    level: Option<Level>,
    #[serde(default)]
    structure: Option<StructureKind>,
    #[serde(flatten)]
    details: ContactDetails,
    effective_on: Date,
    #[serde(default)]
    version: Option<i64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum KindTag {
    Poc,
    Structure,
}

impl TryFrom<ContactInputParts> for ContactInput {
    type Error = String;

    /// The error names its field first (`level: …`), as the API's problem does.
    fn try_from(parts: ContactInputParts) -> Result<ContactInput, String> {
        let kind = match (parts.kind, parts.level, parts.structure) {
            (KindTag::Poc, Some(level), None) => ContactKind::Poc { level },
            (KindTag::Structure, None, Some(structure)) => ContactKind::Structure { structure },
            (KindTag::Poc, None, _) => {
                return Err(
                    "level: a point of contact (kind poc) needs a level, policy or technical"
                        .into(),
                );
            }
            (KindTag::Poc, Some(_), Some(_)) => {
                return Err(
                    "structure: a point of contact (kind poc) has a level, not a structure".into(),
                );
            }
            (KindTag::Structure, _, None) => {
                return Err("structure: a national structure (kind structure) needs a structure, such as national-csirt".into());
            }
            (KindTag::Structure, Some(_), Some(_)) => {
                return Err(
                    "level: a national structure (kind structure) has a structure, not a level"
                        .into(),
                );
            }
        };
        Ok(ContactInput {
            kind,
            details: parts.details,
            effective_on: parts.effective_on,
            version: parts.version,
        })
    }
}

/// Body of `POST /api/v1/contacts/{id}/retire` and of key uploads' metadata.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct EffectiveOn {
    pub effective_on: Date,
    /// The contact's `version` as read: when it has had a newer one since, the retirement is
    /// refused (409) rather than made over a change the caller has not seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 1)]
    pub version: Option<i64>,
}

/// Body of `PUT /api/v1/contacts/{id}/key`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct KeyUpload {
    /// The ASCII-armored OpenPGP public key.
    pub armored: String,
    pub effective_on: Date,
}

/// A registered OpenPGP public key as shown in the directory.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema, PartialEq, Eq)]
pub struct KeySummary {
    pub fingerprint: String,
    pub algorithm: String,
    #[serde(with = "time::serde::rfc3339::option")]
    pub expires_at: Option<OffsetDateTime>,
}

/// A contact as it stands now.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema, PartialEq)]
pub struct Contact {
    pub id: i64,
    pub state: StateCode,
    #[serde(flatten)]
    pub kind: ContactKind,
    #[serde(flatten)]
    pub details: ContactDetails,
    pub key: Option<KeySummary>,
    pub version: i64,
    pub effective_on: Date,
    #[serde(with = "time::serde::rfc3339")]
    pub recorded_at: OffsetDateTime,
    /// The last day the State confirmed or changed this contact: the annual clock starts here.
    pub confirmed_on: Date,
    /// The last day the next confirmation is due.
    pub due_on: Date,
    pub annual_status: AnnualStatus,
    pub retired: bool,
    /// A change recorded for a later date: what every reader, export, key set and challenge
    /// uses is the version in effect today; this one takes effect by itself on its date, unless
    /// it is withdrawn first.
    #[serde(default)]
    pub scheduled: Option<ScheduledChange>,
}

/// A change announced for a future date.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema, PartialEq)]
pub struct ScheduledChange {
    /// The version that will be in effect from `effective_on`.
    pub version: i64,
    pub change: Change,
    pub effective_on: Date,
    #[serde(with = "time::serde::rfc3339")]
    pub recorded_at: OffsetDateTime,
    pub recorded_by: String,
    /// The fields it changes (`name`, `email`, `key`, …).
    pub fields: Vec<String>,
    #[serde(flatten)]
    pub kind: ContactKind,
    #[serde(flatten)]
    pub details: ContactDetails,
    pub key: Option<KeySummary>,
}

/// One version in a contact's history. History is never rewritten.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema, PartialEq)]
pub struct ContactVersion {
    pub contact_id: i64,
    pub version: i64,
    pub change: Change,
    #[serde(flatten)]
    pub kind: ContactKind,
    #[serde(flatten)]
    pub details: ContactDetails,
    pub key: Option<KeySummary>,
    pub effective_on: Date,
    #[serde(with = "time::serde::rfc3339")]
    pub recorded_at: OffsetDateTime,
    pub recorded_by: String,
    /// Recorded more than 30 days after it took effect (CBM 8).
    pub notified_late: bool,
}

/// Whether a State has a point of contact at a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum LevelStatus {
    /// At least one contact at this level that is current or due soon.
    Current,
    /// Contacts at this level, all overdue.
    Overdue,
    /// No contact at this level.
    Missing,
}

/// Where a State's entry stands for CBM 8.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema, PartialEq)]
pub struct DirectoryStatus {
    pub state: State,
    /// Contacts not retired.
    pub contacts: u32,
    /// Of those, confirmed or changed within the last 12 months and not due in the next 30 days.
    pub current: u32,
    /// Of those, due within the next 30 days (still in time: a level with one counts as covered).
    pub due_soon: u32,
    /// Of those, past the 12 months without a confirmation or a change.
    pub overdue: u32,
    /// Changes notified late within the last 12 months.
    pub late_changes: u32,
    pub has_policy: bool,
    pub has_technical: bool,
    /// Where the policy level stands: a contact current or due soon, only overdue ones, or none
    /// at all.
    pub policy: LevelStatus,
    pub technical: LevelStatus,
    /// At least one policy-level and one technical-level point of contact current or due soon.
    pub complete: bool,
    /// The earliest date a contact of this State falls due.
    pub next_due_on: Option<Date>,
    pub last_confirmed_on: Option<Date>,
    /// Whether the last communication check with this State in scope reached it; only for
    /// callers who may see the State's check results (`None` otherwise, or before any check).
    #[serde(default)]
    pub last_check_reached: Option<bool>,
    /// A communication check still open awaits this State's answer until then (only for
    /// callers who may see the State's check results); `last_check_reached` stays the last
    /// settled result.
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub check_awaiting_until: Option<time::OffsetDateTime>,
    /// Contacts that missed the last two closed checks; only for callers who may see the State's
    /// check results.
    #[serde(default)]
    pub unreachable: Option<u32>,
}

/// `GET /api/v1/states/{code}`: a State's directory entry.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema, PartialEq)]
pub struct StateEntry {
    pub status: DirectoryStatus,
    /// Empty for callers who may see only aggregate figures.
    pub contacts: Vec<Contact>,
    /// The communication checks' outcomes for this State and its contacts, for callers who may
    /// see the State's check results.
    #[serde(default)]
    pub checks: Option<crate::checks::StateCheckStatus>,
    /// What the caller may do with the entry.
    #[serde(default)]
    pub actions: Vec<EntryAction>,
}

/// What a caller may do with a State's directory entry, as the server decides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EntryAction {
    /// Add, change, retire and confirm the State's contacts (its coordinator).
    Edit,
    /// Read the contacts' details.
    ReadContacts,
    /// Download the State's contacts (CSV, vCards, nomination).
    Export,
}

/// The outcome of a directory import.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema, PartialEq, Eq)]
pub struct ImportReport {
    pub created: u32,
    pub changed: u32,
    pub unchanged: u32,
}
