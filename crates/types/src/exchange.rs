//! The annual information exchange (CBMs 1, 4, 6, 7, 9, 15): the sections a cycle asks for and
//! the official OSCE languages a section is written in.

use crate::state::StateCode;
use serde::{Deserialize, Serialize};

/// A section of a State's consolidated submission, named after the CBM it answers.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    /// National views on threats to and from the use of ICTs (CBM 1).
    Threats,
    /// Measures for an open, interoperable, secure and reliable Internet (CBM 4).
    OpenInternet,
    /// Legislation for co-operation (CBM 6).
    Legislation,
    /// National organisation, strategies, policies and programmes, incl. public-private
    /// co-operation (CBM 7).
    Organisation,
    /// National terminology (CBM 9): a structured list of terms.
    Terminology,
    /// Critical-infrastructure categories (CBM 15).
    CriticalInfrastructure,
}

impl Section {
    /// Every section, in the order of the CBMs: what a cycle asks for by default.
    pub const ALL: [Section; 6] = [
        Section::Threats,
        Section::OpenInternet,
        Section::Legislation,
        Section::Organisation,
        Section::Terminology,
        Section::CriticalInfrastructure,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Section::Threats => "threats",
            Section::OpenInternet => "open-internet",
            Section::Legislation => "legislation",
            Section::Organisation => "organisation",
            Section::Terminology => "terminology",
            Section::CriticalInfrastructure => "critical-infrastructure",
        }
    }

    /// The number of the CBM the section answers.
    pub fn cbm(self) -> u8 {
        match self {
            Section::Threats => 1,
            Section::OpenInternet => 4,
            Section::Legislation => 6,
            Section::Organisation => 7,
            Section::Terminology => 9,
            Section::CriticalInfrastructure => 15,
        }
    }

    pub fn parse(input: &str) -> Result<Section, String> {
        Section::ALL
            .into_iter()
            .find(|s| s.as_str() == input.trim())
            .ok_or_else(|| {
                format!(
                    "unknown section '{}' (threats, open-internet, legislation, organisation, terminology, critical-infrastructure)",
                    input.trim()
                )
            })
    }
}

/// The six official languages of the OSCE, in which a section may be written.
pub const OFFICIAL_LANGUAGES: [&str; 6] = ["en", "fr", "de", "it", "ru", "es"];

/// One term of a State's national terminology (CBM 9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Term {
    pub term: String,
    /// The official OSCE language of `term` and `definition`.
    pub language: String,
    pub definition: String,
    /// The English term and definition (the same as `term` and `definition` for English).
    pub english_term: String,
    pub english_definition: String,
    /// Where the definition comes from (a law, a strategy), if anywhere.
    #[serde(default)]
    pub source: String,
}

/// Who circulates a cycle's submissions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Circulation {
    /// A submission is circulated the moment its State submits it.
    #[default]
    OnSubmission,
    /// The network manager circulates each submitted input.
    ByManager,
}

impl Circulation {
    pub fn as_str(self) -> &'static str {
        match self {
            Circulation::OnSubmission => "on-submission",
            Circulation::ByManager => "by-manager",
        }
    }

    pub fn parse(input: &str) -> Result<Circulation, String> {
        match input.trim() {
            "on-submission" => Ok(Circulation::OnSubmission),
            "by-manager" => Ok(Circulation::ByManager),
            other => Err(format!(
                "unknown circulation '{other}' (on-submission, by-manager)"
            )),
        }
    }
}

/// `POST /api/v1/exchange/cycles`: a cycle as the network manager opens it.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CycleInput {
    pub year: i32,
    /// The day drafting opens (ISO 8601 date).
    #[schema(value_type = String, format = Date)]
    pub opens_on: time::Date,
    /// The deadline; 31 October of the year when omitted.
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub deadline: Option<time::Date>,
    /// The sections asked for; all six when omitted.
    #[serde(default)]
    pub sections: Option<Vec<Section>>,
    #[serde(default)]
    pub circulation: Option<Circulation>,
    /// The document reference pattern (`{n}`, `{yy}`, `{yyyy}`); `PC.DEL/{n}/{yy}` when omitted.
    #[serde(default)]
    pub pattern: Option<String>,
}

/// An exchange cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Cycle {
    pub year: i32,
    #[schema(value_type = String, format = Date)]
    pub opens_on: time::Date,
    #[schema(value_type = String, format = Date)]
    pub deadline: time::Date,
    pub sections: Vec<Section>,
    pub circulation: Circulation,
    pub pattern: String,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub opened_at: time::OffsetDateTime,
    pub opened_by: String,
}

/// Where a State's submission in a cycle stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SubmissionStatus {
    /// Nothing drafted yet.
    NotStarted,
    /// Being drafted.
    Draft,
    /// Submitted, waiting for the network manager to circulate it.
    Submitted,
    /// Circulated; the draft is the circulated version.
    Circulated,
    /// Circulated, and a revision is being drafted.
    Revising,
}

impl SubmissionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SubmissionStatus::NotStarted => "not-started",
            SubmissionStatus::Draft => "draft",
            SubmissionStatus::Submitted => "submitted",
            SubmissionStatus::Circulated => "circulated",
            SubmissionStatus::Revising => "revising",
        }
    }

    pub fn parse(input: &str) -> Result<SubmissionStatus, String> {
        [
            SubmissionStatus::NotStarted,
            SubmissionStatus::Draft,
            SubmissionStatus::Submitted,
            SubmissionStatus::Circulated,
            SubmissionStatus::Revising,
        ]
        .into_iter()
        .find(|s| s.as_str() == input)
        .ok_or_else(|| format!("unknown submission status '{input}'"))
    }
}

/// `POST …/circulate`: the reference the OSCE document system assigned, if the manager has it
/// (otherwise the next one of the cycle's pattern).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CirculationInput {
    #[serde(default)]
    pub reference: Option<String>,
}

/// `PUT …/document/reference`: records a circulated document's reference as the OSCE document
/// system assigned it; the one it replaces stays an alias.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ReferenceInput {
    pub reference: String,
    /// The revision (0 for the document as first circulated); the latest when omitted.
    #[serde(default)]
    pub revision: Option<i64>,
}

/// `PUT …/sections/{section}`: one section of a draft as saved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SectionInput {
    /// An official OSCE language: en, fr, de, it, ru, es.
    pub language: String,
    /// The text, in Markdown.
    #[serde(default)]
    pub text: String,
    /// The English translation, in Markdown (needed unless `language` is `en`).
    #[serde(default)]
    pub english: Option<String>,
    /// The terms (the terminology section only).
    #[serde(default)]
    pub terms: Vec<Term>,
    /// The State does not provide this section this year (Decision No. 1202 leaves the extent
    /// of an input to each State): then no text, translation or term, and the section counts
    /// as answered.
    #[serde(default)]
    pub not_provided: bool,
    /// Why the section is not provided (optional, plain text, at most 2 000 characters).
    #[serde(default)]
    pub reason: Option<String>,
}

/// A file attached to a section (a law as published, a strategy): stored once, never altered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Attachment {
    pub id: crate::id::AttachmentId,
    pub name: String,
    /// The content type the file was uploaded with.
    pub content_type: String,
    /// Bytes.
    pub size: i64,
    /// SHA-256 of the file, hex.
    pub sha256: String,
}

/// One section of a draft or of a circulated document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SectionContent {
    pub section: Section,
    pub cbm: u8,
    pub language: String,
    /// The text, in Markdown.
    pub text: String,
    pub english: Option<String>,
    pub terms: Vec<Term>,
    /// The State does not provide the section this year.
    #[serde(default)]
    pub not_provided: bool,
    /// Why, if the State said.
    #[serde(default)]
    pub reason: Option<String>,
    /// The files attached to the section.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// The text rendered to sanitised HTML (no script, no remote content).
    pub html: String,
    pub english_html: Option<String>,
    /// The draft version of this section (1, 2, …).
    pub version: i64,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub saved_at: time::OffsetDateTime,
    pub saved_by: String,
}

/// A circulated document, without its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DocumentSummary {
    pub reference: String,
    /// 0 for the document as first circulated, 1 for `…/Rev.1`, …
    pub revision: i64,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub circulated_at: time::OffsetDateTime,
    pub late: bool,
}

/// A circulated document: frozen, readable by every participating State.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Document {
    pub year: i32,
    pub state: StateCode,
    pub state_name: String,
    /// The reference as it stands (the one the manager recorded last, else the one it was
    /// circulated under).
    pub reference: String,
    /// Its earlier references, first to latest; each still finds it
    /// (`GET /api/v1/exchange/documents?reference=…`).
    #[serde(default)]
    pub aliases: Vec<String>,
    pub revision: i64,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub circulated_at: time::OffsetDateTime,
    pub circulated_by: String,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub submitted_at: time::OffsetDateTime,
    pub late: bool,
    pub sections: Vec<SectionContent>,
}

/// A State's submission in a cycle as the caller may see it: the draft only for its own State.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Submission {
    pub year: i32,
    pub state: StateCode,
    pub state_name: String,
    pub status: SubmissionStatus,
    /// The sections the cycle asks for and whether each is complete.
    pub completeness: Vec<SectionCompleteness>,
    /// The draft's sections (the State's own accounts only; empty for others).
    pub draft: Vec<SectionContent>,
    /// Why the draft may not be submitted yet, in English (the State's own accounts only).
    pub problems: Vec<String>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub submitted_at: Option<time::OffsetDateTime>,
    pub late: bool,
    /// Circulated documents, first to latest.
    pub documents: Vec<DocumentSummary>,
}

/// Whether one section a cycle asks for is complete in a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SectionCompleteness {
    pub section: Section,
    /// Answered: written, or declared not provided this year.
    pub complete: bool,
    /// Declared not provided this year.
    #[serde(default)]
    pub not_provided: bool,
}

/// One State in a cycle's overview: existence and completeness of the draft, never its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StateProgress {
    pub state: StateCode,
    pub state_name: String,
    pub status: SubmissionStatus,
    pub complete_sections: Vec<Section>,
    /// Of those, the sections declared not provided this year.
    #[serde(default)]
    pub not_provided_sections: Vec<Section>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub submitted_at: Option<time::OffsetDateTime>,
    pub late: bool,
    /// The latest circulated reference.
    pub reference: Option<String>,
}

/// A cycle and every participating State's progress in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CycleOverview {
    pub cycle: Cycle,
    pub on_time: usize,
    pub late: usize,
    pub not_yet: usize,
    pub states: Vec<StateProgress>,
}

/// How one section changed between two circulated versions, line by line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SectionDiff {
    pub section: Section,
    pub changed: bool,
    pub lines: Vec<DiffLine>,
}

/// One line of a diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DiffLine {
    /// `same`, `added` or `removed`.
    pub change: String,
    pub text: String,
}

/// Two circulated versions of a submission compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DocumentDiff {
    pub from: String,
    pub to: String,
    pub sections: Vec<SectionDiff>,
}

/// `POST …/inquiries`: an inquiry about a circulated submission.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct InquiryInput {
    /// The section asked about, if one.
    #[serde(default)]
    pub section: Option<Section>,
    pub text: String,
}

/// `POST /api/v1/exchange/inquiries/{id}/posts`: a message in an inquiry's thread.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PostInput {
    pub text: String,
}

/// `PUT /api/v1/exchange/inquiries/{id}/visibility`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct VisibilityInput {
    /// Whether every participating State reads the thread.
    pub public: bool,
}

/// One message of an inquiry's thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Post {
    pub state: StateCode,
    pub author: String,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub posted_at: time::OffsetDateTime,
    pub text: String,
    pub html: String,
}

/// An inquiry and its thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Inquiry {
    pub id: crate::id::InquiryId,
    pub year: i32,
    /// The State whose submission is asked about.
    pub state: StateCode,
    pub asking_state: StateCode,
    pub section: Option<Section>,
    pub public: bool,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub opened_at: time::OffsetDateTime,
    pub posts: Vec<Post>,
}

/// One year of a State's submissions, for comparison across years.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct YearDocument {
    pub year: i32,
    pub document: Option<Document>,
}
