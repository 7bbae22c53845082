//! The annual information exchange: cycles, one submission per State per cycle, every saved
//! version of every section (insert-only), circulated documents (insert-only, frozen, numbered
//! inside the serialised write transaction), and inquiries with their threads.

use crate::{Result, Tx, corrupt, parse_date, parse_ts, ts};
use liaison_core::access::{
    ChangeSubmission, EditSubmission, Inquire, ManageExchange, PublishInquiry, ReadCirculated,
    ReadDraft, ReadExchange, ReadFiles,
};
use liaison_types::exchange::{Attachment, Circulation, Cycle, Section, SubmissionStatus, Term};
use liaison_types::id::{AttachmentId, DocumentId, InquiryId, SubmissionId};
use liaison_types::state::StateCode;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

fn sections_text(sections: &[Section]) -> String {
    sections
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn flag(row: &AnyRow, name: &str) -> Result<bool> {
    let value: i64 = row.try_get(name)?;
    Ok(value != 0)
}

fn year_of(row: &AnyRow, name: &str) -> Result<i32> {
    let value: i64 = row.try_get(name)?;
    i32::try_from(value).map_err(|_| corrupt(format!("{name} {value}")))
}

fn section_of(text: &str) -> Result<Section> {
    Section::parse(text).map_err(corrupt)
}

// ---------------------------------------------------------------------------------------------
// Cycles.

fn cycle_from_row(row: &AnyRow) -> Result<Cycle> {
    let sections: String = row.try_get("sections")?;
    let circulation: String = row.try_get("circulation")?;
    Ok(Cycle {
        year: year_of(row, "year")?,
        opens_on: parse_date(&row.try_get::<String, _>("opens_on")?)?,
        deadline: parse_date(&row.try_get::<String, _>("deadline")?)?,
        sections: sections
            .split_whitespace()
            .map(section_of)
            .collect::<Result<_>>()?,
        circulation: Circulation::parse(&circulation).map_err(corrupt)?,
        pattern: row.try_get("pattern")?,
        opened_at: parse_ts(&row.try_get::<String, _>("opened_at")?)?,
        opened_by: row.try_get("opened_by")?,
    })
}

const CYCLE_COLUMNS: &str =
    "year, opens_on, deadline, sections, circulation, pattern, opened_at, opened_by";

/// Stores a new cycle; a second cycle for the same year is a unique violation.
pub async fn insert_cycle(tx: &mut Tx, _permit: &ManageExchange, cycle: &Cycle) -> Result<()> {
    sqlx::query(
        "INSERT INTO exchange_cycles (year, opens_on, deadline, sections, circulation, pattern, opened_at, opened_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(i64::from(cycle.year))
    .bind(cycle.opens_on.to_string())
    .bind(cycle.deadline.to_string())
    .bind(sections_text(&cycle.sections))
    .bind(cycle.circulation.as_str())
    .bind(&cycle.pattern)
    .bind(ts(cycle.opened_at))
    .bind(&cycle.opened_by)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Every cycle, newest year first.
pub async fn cycles(tx: &mut Tx, _permit: &ReadExchange) -> Result<Vec<Cycle>> {
    let sql = format!("SELECT {CYCLE_COLUMNS} FROM exchange_cycles ORDER BY year DESC");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(cycle_from_row).collect()
}

pub async fn cycle(tx: &mut Tx, _permit: &ReadExchange, year: i32) -> Result<Option<Cycle>> {
    let sql = format!("SELECT {CYCLE_COLUMNS} FROM exchange_cycles WHERE year = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(i64::from(year))
        .fetch_optional(&mut **tx)
        .await?;
    row.as_ref().map(cycle_from_row).transpose()
}

// ---------------------------------------------------------------------------------------------
// Submissions: what anyone who reads the overview may know of them (no content).

/// A State's submission in a cycle, without its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSubmission {
    pub id: SubmissionId,
    pub year: i32,
    pub state: StateCode,
    pub status: SubmissionStatus,
    pub updated_at: OffsetDateTime,
    pub submitted_at: Option<OffsetDateTime>,
    pub submitted_by: Option<String>,
    pub late: bool,
}

fn submission_from_row(row: &AnyRow) -> Result<StoredSubmission> {
    let state: String = row.try_get("state_code")?;
    let status: String = row.try_get("status")?;
    let submitted_at: Option<String> = row.try_get("submitted_at")?;
    Ok(StoredSubmission {
        id: SubmissionId(row.try_get("id")?),
        year: year_of(row, "year")?,
        state: StateCode::parse(&state).map_err(corrupt)?,
        status: SubmissionStatus::parse(&status).map_err(corrupt)?,
        updated_at: parse_ts(&row.try_get::<String, _>("updated_at")?)?,
        submitted_at: submitted_at.as_deref().map(parse_ts).transpose()?,
        submitted_by: row.try_get("submitted_by")?,
        late: flag(row, "late")?,
    })
}

const SUBMISSION_COLUMNS: &str =
    "id, year, state_code, status, updated_at, submitted_at, submitted_by, late";

/// A State's submission in a cycle, if it has one.
pub async fn submission(
    tx: &mut Tx,
    _permit: &ReadExchange,
    year: i32,
    state: &StateCode,
) -> Result<Option<StoredSubmission>> {
    submission_of(tx, year, state).await
}

async fn submission_of(
    tx: &mut Tx,
    year: i32,
    state: &StateCode,
) -> Result<Option<StoredSubmission>> {
    let sql = format!(
        "SELECT {SUBMISSION_COLUMNS} FROM exchange_submissions WHERE year = $1 AND state_code = $2"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(i64::from(year))
        .bind(state.as_str())
        .fetch_optional(&mut **tx)
        .await?;
    row.as_ref().map(submission_from_row).transpose()
}

/// Every submission of a cycle.
pub async fn submissions(
    tx: &mut Tx,
    _permit: &ReadExchange,
    year: i32,
) -> Result<Vec<StoredSubmission>> {
    let sql = format!(
        "SELECT {SUBMISSION_COLUMNS} FROM exchange_submissions WHERE year = $1 ORDER BY state_code"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(i64::from(year))
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(submission_from_row).collect()
}

/// Every submission of a State, newest year first.
pub async fn submissions_of_state(
    tx: &mut Tx,
    _permit: &ReadExchange,
    state: &StateCode,
) -> Result<Vec<StoredSubmission>> {
    let sql = format!(
        "SELECT {SUBMISSION_COLUMNS} FROM exchange_submissions WHERE state_code = $1 ORDER BY year DESC"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(state.as_str())
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(submission_from_row).collect()
}

/// The State's submission in a cycle, created (as a draft) when it has none. The UNIQUE
/// (year, State) constraint keeps it one per State per cycle.
pub async fn ensure_submission(
    tx: &mut Tx,
    permit: &EditSubmission,
    year: i32,
    now: OffsetDateTime,
) -> Result<StoredSubmission> {
    sqlx::query(
        "INSERT INTO exchange_submissions (year, state_code, status, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $4) ON CONFLICT (year, state_code) DO NOTHING",
    )
    .bind(i64::from(year))
    .bind(permit.state().as_str())
    .bind(SubmissionStatus::Draft.as_str())
    .bind(ts(now))
    .execute(&mut **tx)
    .await?;
    submission_of(tx, year, permit.state())
        .await?
        .ok_or_else(|| corrupt("a submission just stored is missing"))
}

/// Records a submission's new status, and when it was submitted (and whether late) when it
/// was.
pub async fn set_status(
    tx: &mut Tx,
    _permit: &impl ChangeSubmission,
    id: SubmissionId,
    status: SubmissionStatus,
    now: OffsetDateTime,
    submitted: Option<(&str, bool)>,
) -> Result<()> {
    match submitted {
        Some((by, late)) => {
            sqlx::query(
                "UPDATE exchange_submissions SET status = $1, updated_at = $2, submitted_at = $2, submitted_by = $3, late = $4 WHERE id = $5",
            )
            .bind(status.as_str())
            .bind(ts(now))
            .bind(by)
            .bind(i64::from(late))
            .bind(id.0)
            .execute(&mut **tx)
            .await?;
        }
        None => {
            sqlx::query(
                "UPDATE exchange_submissions SET status = $1, updated_at = $2 WHERE id = $3",
            )
            .bind(status.as_str())
            .bind(ts(now))
            .bind(id.0)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Sections of drafts.

/// One saved version of one section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredSection {
    pub section: Section,
    pub version: i64,
    pub language: String,
    pub text: String,
    pub english: Option<String>,
    pub terms: Vec<Term>,
    /// The files the version carries (documents circulated before attachments existed have
    /// none).
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// Declared not provided this year (documents circulated before that existed: never).
    #[serde(default)]
    pub not_provided: bool,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub saved_at: OffsetDateTime,
    pub saved_by: String,
}

fn section_from_row(row: &AnyRow) -> Result<StoredSection> {
    let section: String = row.try_get("section")?;
    let terms: String = row.try_get("terms")?;
    let attachments: String = row.try_get("attachments")?;
    Ok(StoredSection {
        section: section_of(&section)?,
        version: row.try_get("version")?,
        language: row.try_get("language")?,
        text: row.try_get("body")?,
        english: row.try_get("english")?,
        terms: serde_json::from_str(&terms).map_err(corrupt)?,
        attachments: serde_json::from_str(&attachments).map_err(corrupt)?,
        not_provided: row.try_get::<i64, _>("not_provided")? != 0,
        reason: row.try_get("reason")?,
        saved_at: parse_ts(&row.try_get::<String, _>("saved_at")?)?,
        saved_by: row.try_get("saved_by")?,
    })
}

const SECTION_COLUMNS: &str = "section, version, language, body, english, terms, attachments, \
     not_provided, reason, saved_at, saved_by";

/// What a section is saved with.
#[derive(Debug, Clone, Copy)]
pub struct NewSection<'a> {
    pub section: Section,
    pub language: &'a str,
    pub text: &'a str,
    pub english: Option<&'a str>,
    pub terms: &'a [Term],
    pub attachments: &'a [Attachment],
    pub not_provided: bool,
    pub reason: Option<&'a str>,
}

/// Stores a new version of a section of the permit's State's submission; returns its version
/// number (1 for the first).
pub async fn insert_section(
    tx: &mut Tx,
    _permit: &EditSubmission,
    submission_id: SubmissionId,
    section: NewSection<'_>,
    now: OffsetDateTime,
    by: &str,
) -> Result<i64> {
    let last: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(version) FROM exchange_sections WHERE submission_id = $1 AND section = $2",
    )
    .bind(submission_id.0)
    .bind(section.section.as_str())
    .fetch_one(&mut **tx)
    .await?;
    let version = last.unwrap_or(0) + 1;
    sqlx::query(
        "INSERT INTO exchange_sections (submission_id, section, version, language, body, english, terms, attachments, not_provided, reason, saved_at, saved_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(submission_id.0)
    .bind(section.section.as_str())
    .bind(version)
    .bind(section.language)
    .bind(section.text)
    .bind(section.english)
    .bind(serde_json::to_string(section.terms).map_err(corrupt)?)
    .bind(serde_json::to_string(section.attachments).map_err(corrupt)?)
    .bind(i64::from(section.not_provided))
    .bind(section.reason)
    .bind(ts(now))
    .bind(by)
    .execute(&mut **tx)
    .await?;
    Ok(version)
}

/// The latest version of every section of a draft, in the order of the sections.
pub async fn draft(
    tx: &mut Tx,
    _permit: &ReadDraft,
    submission_id: SubmissionId,
) -> Result<Vec<StoredSection>> {
    latest_sections(tx, submission_id).await
}

async fn latest_sections(tx: &mut Tx, submission_id: SubmissionId) -> Result<Vec<StoredSection>> {
    let sql = format!(
        "SELECT {SECTION_COLUMNS} FROM exchange_sections s WHERE submission_id = $1 \
         AND version = (SELECT MAX(version) FROM exchange_sections l WHERE l.submission_id = s.submission_id AND l.section = s.section)"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(submission_id.0)
        .fetch_all(&mut **tx)
        .await?;
    let mut sections = rows
        .iter()
        .map(section_from_row)
        .collect::<Result<Vec<_>>>()?;
    sections.sort_by_key(|s| s.section);
    Ok(sections)
}

/// The latest version of every section of a submitted input, which the network manager
/// circulates (and so freezes) without reading a draft.
pub async fn latest_for_circulation(
    tx: &mut Tx,
    _permit: &ManageExchange,
    submission_id: SubmissionId,
) -> Result<Vec<StoredSection>> {
    latest_sections(tx, submission_id).await
}

/// The latest sections of every draft of a cycle, by submission id, for the overview's
/// completeness: the operation reduces them to "complete or not" and never passes content on.
pub async fn drafts_for_completeness(
    tx: &mut Tx,
    _permit: &ReadExchange,
    year: i32,
) -> Result<Vec<(SubmissionId, Vec<StoredSection>)>> {
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM exchange_submissions WHERE year = $1 ORDER BY id")
            .bind(i64::from(year))
            .fetch_all(&mut **tx)
            .await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids.into_iter().map(SubmissionId) {
        out.push((id, latest_sections(tx, id).await?));
    }
    Ok(out)
}

/// The latest sections of one draft, for its completeness only (see
/// [`drafts_for_completeness`]).
pub async fn draft_for_completeness(
    tx: &mut Tx,
    _permit: &ReadExchange,
    submission_id: SubmissionId,
) -> Result<Vec<StoredSection>> {
    latest_sections(tx, submission_id).await
}

/// Every saved version of a draft's sections, newest first.
pub async fn versions(
    tx: &mut Tx,
    _permit: &ReadDraft,
    submission_id: SubmissionId,
) -> Result<Vec<StoredSection>> {
    let sql = format!(
        "SELECT {SECTION_COLUMNS} FROM exchange_sections WHERE submission_id = $1 ORDER BY id DESC"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(submission_id.0)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(section_from_row).collect()
}

// ---------------------------------------------------------------------------------------------
// Attached files.

/// A file to attach.
#[derive(Debug, Clone, Copy)]
pub struct NewAttachment<'a> {
    pub name: &'a str,
    pub content_type: &'a str,
    pub data: &'a [u8],
    pub sha256: &'a str,
}

/// Stores a file of the permit's State's submission, once and for good; a section version
/// then lists it.
pub async fn insert_attachment(
    tx: &mut Tx,
    _permit: &EditSubmission,
    submission_id: SubmissionId,
    file: NewAttachment<'_>,
    now: OffsetDateTime,
    by: &str,
) -> Result<Attachment> {
    let size = i64::try_from(file.data.len()).map_err(corrupt)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO exchange_attachments (submission_id, name, content_type, size, sha256, data, added_at, added_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(submission_id.0)
    .bind(file.name)
    .bind(file.content_type)
    .bind(size)
    .bind(file.sha256)
    .bind(file.data.to_vec())
    .bind(ts(now))
    .bind(by)
    .fetch_one(&mut **tx)
    .await?;
    Ok(Attachment {
        id: AttachmentId(id),
        name: file.name.to_owned(),
        content_type: file.content_type.to_owned(),
        size,
        sha256: file.sha256.to_owned(),
    })
}

/// The bytes of a file of a submission. Which files a reader may fetch (those of its own
/// draft, or those of a circulated document) is the operation's decision, made on the
/// section versions before it asks.
pub async fn attachment_data(
    tx: &mut Tx,
    _permit: &impl ReadFiles,
    submission_id: SubmissionId,
    attachment: &Attachment,
) -> Result<Option<Vec<u8>>> {
    Ok(sqlx::query_scalar(
        "SELECT data FROM exchange_attachments WHERE id = $1 AND submission_id = $2",
    )
    .bind(attachment.id.0)
    .bind(submission_id.0)
    .fetch_optional(&mut **tx)
    .await?)
}

// ---------------------------------------------------------------------------------------------
// Circulated documents.

/// A circulated document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDocument {
    /// The row's id (0 before it is stored).
    pub id: DocumentId,
    pub submission_id: SubmissionId,
    pub revision: i64,
    pub number_year: i32,
    pub number: u32,
    /// The reference as it stands: the latest one the manager recorded, else the one it was
    /// circulated under.
    pub reference: String,
    /// Its earlier references, first to latest: they still resolve to it.
    pub aliases: Vec<String>,
    pub sections: Vec<StoredSection>,
    pub submitted_at: OffsetDateTime,
    pub late: bool,
    pub circulated_at: OffsetDateTime,
    pub circulated_by: String,
}

fn document_from_row(row: &AnyRow) -> Result<StoredDocument> {
    let content: String = row.try_get("content")?;
    let number: i64 = row.try_get("number")?;
    Ok(StoredDocument {
        id: DocumentId(row.try_get("id")?),
        submission_id: SubmissionId(row.try_get("submission_id")?),
        revision: row.try_get("revision")?,
        number_year: year_of(row, "number_year")?,
        number: u32::try_from(number).map_err(|_| corrupt(format!("number {number}")))?,
        reference: row.try_get("reference")?,
        aliases: Vec::new(),
        sections: serde_json::from_str(&content).map_err(corrupt)?,
        submitted_at: parse_ts(&row.try_get::<String, _>("submitted_at")?)?,
        late: flag(row, "late")?,
        circulated_at: parse_ts(&row.try_get::<String, _>("circulated_at")?)?,
        circulated_by: row.try_get("circulated_by")?,
    })
}

/// A document's reference as it stands (the latest recorded, else the one it was circulated
/// under), for a query over `exchange_documents d`.
const CURRENT_REFERENCE: &str = "COALESCE((SELECT r.reference FROM exchange_references r \
     WHERE r.document_id = d.id ORDER BY r.id DESC LIMIT 1), d.reference)";

fn document_columns() -> String {
    format!(
        "d.id, d.submission_id, d.revision, d.number_year, d.number, {CURRENT_REFERENCE} AS reference, \
         d.reference AS first_reference, d.content, d.submitted_at, d.late, d.circulated_at, d.circulated_by"
    )
}

/// The last running number given out in a circulation year. Called inside the serialised
/// write transaction, so the next number is this one plus one for exactly one caller.
pub async fn last_number(tx: &mut Tx, _permit: &ManageExchange, year: i32) -> Result<Option<u32>> {
    let last: Option<i64> =
        sqlx::query_scalar("SELECT MAX(number) FROM exchange_documents WHERE number_year = $1")
            .bind(i64::from(year))
            .fetch_one(&mut **tx)
            .await?;
    last.map(|n| u32::try_from(n).map_err(|_| corrupt(format!("number {n}"))))
        .transpose()
}

/// Stores a circulated document (frozen from then on: the table refuses UPDATE and DELETE);
/// its id.
pub async fn insert_document(
    tx: &mut Tx,
    _permit: &ManageExchange,
    document: &StoredDocument,
) -> Result<DocumentId> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO exchange_documents (submission_id, revision, number_year, number, reference, content, submitted_at, late, circulated_at, circulated_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(document.submission_id.0)
    .bind(document.revision)
    .bind(i64::from(document.number_year))
    .bind(i64::from(document.number))
    .bind(&document.reference)
    .bind(serde_json::to_string(&document.sections).map_err(corrupt)?)
    .bind(ts(document.submitted_at))
    .bind(i64::from(document.late))
    .bind(ts(document.circulated_at))
    .bind(&document.circulated_by)
    .fetch_one(&mut **tx)
    .await?;
    Ok(DocumentId(id))
}

/// The circulated documents of a submission, first to latest.
pub async fn documents(
    tx: &mut Tx,
    _permit: &ReadCirculated,
    submission_id: SubmissionId,
) -> Result<Vec<StoredDocument>> {
    documents_of(tx, submission_id).await
}

async fn documents_of(tx: &mut Tx, submission_id: SubmissionId) -> Result<Vec<StoredDocument>> {
    let sql = format!(
        "SELECT {} FROM exchange_documents d WHERE d.submission_id = $1 ORDER BY d.revision",
        document_columns()
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(submission_id.0)
        .fetch_all(&mut **tx)
        .await?;
    let mut documents = rows
        .iter()
        .map(|row| {
            Ok((
                document_from_row(row)?,
                row.try_get::<String, _>("first_reference")?,
            ))
        })
        .collect::<Result<Vec<_>>>()?;
    let recorded = sqlx::query(
        "SELECT r.document_id, r.reference FROM exchange_references r \
         JOIN exchange_documents d ON d.id = r.document_id WHERE d.submission_id = $1 ORDER BY r.id",
    )
    .bind(submission_id.0)
    .fetch_all(&mut **tx)
    .await?;
    for (document, first) in &mut documents {
        let mut all = vec![std::mem::take(first)];
        for row in &recorded {
            if DocumentId(row.try_get("document_id")?) == document.id {
                all.push(row.try_get("reference")?);
            }
        }
        all.retain(|r| *r != document.reference);
        document.aliases = all;
    }
    Ok(documents.into_iter().map(|(d, _)| d).collect())
}

/// Records `reference` as the document's reference from now on (its earlier ones stay and
/// still resolve; the table is insert-only).
pub async fn record_reference(
    tx: &mut Tx,
    _permit: &ManageExchange,
    document_id: DocumentId,
    reference: &str,
    now: OffsetDateTime,
    by: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO exchange_references (document_id, reference, recorded_at, recorded_by) VALUES ($1, $2, $3, $4)",
    )
    .bind(document_id.0)
    .bind(reference)
    .bind(ts(now))
    .bind(by)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Whether any document is, or was, known by `reference`.
pub async fn reference_in_use(
    tx: &mut Tx,
    _permit: &ManageExchange,
    reference: &str,
) -> Result<bool> {
    let count: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM exchange_documents WHERE reference = $1) \
              + (SELECT COUNT(*) FROM exchange_references WHERE reference = $1)",
    )
    .bind(reference)
    .fetch_one(&mut **tx)
    .await?;
    Ok(count > 0)
}

/// The cycle, State and revision of the document known by `reference`, now or earlier.
pub async fn find_reference(
    tx: &mut Tx,
    _permit: &ReadCirculated,
    reference: &str,
) -> Result<Option<(i32, StateCode, i64)>> {
    let row = sqlx::query(
        "SELECT s.year, s.state_code, d.revision FROM exchange_documents d \
         JOIN exchange_submissions s ON s.id = d.submission_id \
         WHERE d.reference = $1 OR d.id IN (SELECT document_id FROM exchange_references WHERE reference = $1)",
    )
    .bind(reference)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|row| {
        Ok((
            year_of(&row, "year")?,
            StateCode::parse(&row.try_get::<String, _>("state_code")?).map_err(corrupt)?,
            row.try_get("revision")?,
        ))
    })
    .transpose()
}

/// The references a submission was circulated under, first to latest, with when and whether
/// late: what anyone who reads the overview may know.
pub async fn references(
    tx: &mut Tx,
    _permit: &ReadExchange,
    submission_id: SubmissionId,
) -> Result<Vec<(String, i64, OffsetDateTime, bool)>> {
    let sql = format!(
        "SELECT {CURRENT_REFERENCE} AS reference, d.revision, d.circulated_at, d.late \
         FROM exchange_documents d WHERE d.submission_id = $1 ORDER BY d.revision"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(submission_id.0)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get("reference")?,
                row.try_get("revision")?,
                parse_ts(&row.try_get::<String, _>("circulated_at")?)?,
                flag(row, "late")?,
            ))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Inquiries.

/// An inquiry, with the submission it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredInquiry {
    pub id: InquiryId,
    pub submission_id: SubmissionId,
    pub year: i32,
    pub state: StateCode,
    pub asking_state: StateCode,
    pub section: Option<Section>,
    pub public: bool,
    pub opened_at: OffsetDateTime,
}

/// One message of an inquiry's thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPost {
    pub inquiry_id: InquiryId,
    pub state: StateCode,
    pub author: String,
    pub posted_at: OffsetDateTime,
    pub text: String,
}

fn inquiry_from_row(row: &AnyRow) -> Result<StoredInquiry> {
    let state: String = row.try_get("state_code")?;
    let asking: String = row.try_get("asking_state")?;
    let section: Option<String> = row.try_get("section")?;
    Ok(StoredInquiry {
        id: InquiryId(row.try_get("id")?),
        submission_id: SubmissionId(row.try_get("submission_id")?),
        year: year_of(row, "year")?,
        state: StateCode::parse(&state).map_err(corrupt)?,
        asking_state: StateCode::parse(&asking).map_err(corrupt)?,
        section: section.as_deref().map(section_of).transpose()?,
        public: flag(row, "public")?,
        opened_at: parse_ts(&row.try_get::<String, _>("opened_at")?)?,
    })
}

const INQUIRY_SELECT: &str = "SELECT i.id, i.submission_id, s.year, s.state_code, i.asking_state, i.section, i.public, i.opened_at \
     FROM exchange_inquiries i JOIN exchange_submissions s ON s.id = i.submission_id";

/// Opens an inquiry by the permit's State about a submission; returns its id.
pub async fn insert_inquiry(
    tx: &mut Tx,
    permit: &Inquire,
    submission_id: SubmissionId,
    section: Option<Section>,
    now: OffsetDateTime,
) -> Result<InquiryId> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO exchange_inquiries (submission_id, asking_state, section, public, opened_at) \
         VALUES ($1, $2, $3, 0, $4) RETURNING id",
    )
    .bind(submission_id.0)
    .bind(permit.state().as_str())
    .bind(section.map(Section::as_str))
    .bind(ts(now))
    .fetch_one(&mut **tx)
    .await?;
    Ok(InquiryId(id))
}

/// Adds a message by the permit's State to an inquiry's thread.
pub async fn insert_post(
    tx: &mut Tx,
    permit: &Inquire,
    inquiry_id: InquiryId,
    author: &str,
    text: &str,
    now: OffsetDateTime,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO exchange_posts (inquiry_id, state_code, author, posted_at, body) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(inquiry_id.0)
    .bind(permit.state().as_str())
    .bind(author)
    .bind(ts(now))
    .bind(text)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Makes an inquiry's thread public or private (the submitting State decides).
pub async fn set_public(
    tx: &mut Tx,
    _permit: &PublishInquiry,
    inquiry_id: InquiryId,
    public: bool,
) -> Result<()> {
    sqlx::query("UPDATE exchange_inquiries SET public = $1 WHERE id = $2")
        .bind(i64::from(public))
        .bind(inquiry_id.0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// An inquiry (without its thread); the operation decides with `access::read_inquiry` whether
/// the caller reads it.
pub async fn inquiry(
    tx: &mut Tx,
    _permit: &ReadCirculated,
    id: InquiryId,
) -> Result<Option<StoredInquiry>> {
    let sql = format!("{INQUIRY_SELECT} WHERE i.id = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id.0)
        .fetch_optional(&mut **tx)
        .await?;
    row.as_ref().map(inquiry_from_row).transpose()
}

/// The inquiries about a submission, oldest first.
pub async fn inquiries(
    tx: &mut Tx,
    _permit: &ReadCirculated,
    submission_id: SubmissionId,
) -> Result<Vec<StoredInquiry>> {
    let sql = format!("{INQUIRY_SELECT} WHERE i.submission_id = $1 ORDER BY i.id");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(submission_id.0)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(inquiry_from_row).collect()
}

/// The thread of an inquiry, oldest first.
pub async fn posts(
    tx: &mut Tx,
    _permit: &ReadCirculated,
    inquiry_id: InquiryId,
) -> Result<Vec<StoredPost>> {
    let rows = sqlx::query(
        "SELECT inquiry_id, state_code, author, posted_at, body FROM exchange_posts WHERE inquiry_id = $1 ORDER BY id",
    )
    .bind(inquiry_id.0)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter()
        .map(|row| {
            let state: String = row.try_get("state_code")?;
            Ok(StoredPost {
                inquiry_id: InquiryId(row.try_get("inquiry_id")?),
                state: StateCode::parse(&state).map_err(corrupt)?,
                author: row.try_get("author")?,
                posted_at: parse_ts(&row.try_get::<String, _>("posted_at")?)?,
                text: row.try_get("body")?,
            })
        })
        .collect()
}

/// How many messages an inquiry's thread took since `since` (both States together).
pub async fn posts_since(
    tx: &mut Tx,
    _permit: &Inquire,
    inquiry_id: InquiryId,
    since: OffsetDateTime,
) -> Result<usize> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM exchange_posts WHERE inquiry_id = $1 AND posted_at > $2",
    )
    .bind(inquiry_id.0)
    .bind(ts(since))
    .fetch_one(&mut **tx)
    .await?;
    Ok(usize::try_from(count).unwrap_or(usize::MAX))
}

// ---------------------------------------------------------------------------------------------
// Rendered texts and exported documents.
//
// Neither is protected data of its own: a rendered text is found only by the hash of the text
// it renders, which the caller must already hold, and an export only by a circulated document
// the caller read with its permit.

/// The stored HTML of the texts whose keys (renderer version and source, hashed) are given.
pub async fn rendered(
    tx: &mut Tx,
    keys: &[String],
) -> Result<std::collections::HashMap<String, String>> {
    let mut out = std::collections::HashMap::new();
    // In slices, so that no statement carries more parameters than a dialect allows.
    for slice in keys.chunks(500) {
        let placeholders = (1..=slice.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT source_sha256, html FROM exchange_rendered WHERE source_sha256 IN ({placeholders})"
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for key in slice {
            query = query.bind(key);
        }
        for row in query.fetch_all(&mut **tx).await? {
            out.insert(row.try_get("source_sha256")?, row.try_get("html")?);
        }
    }
    Ok(out)
}

/// Keeps the HTML of a text under its key; a key already kept is left as it is.
pub async fn insert_rendered(tx: &mut Tx, key: &str, html: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO exchange_rendered (source_sha256, html) VALUES ($1, $2) ON CONFLICT (source_sha256) DO NOTHING",
    )
    .bind(key)
    .bind(html)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Every stored text of the exchange (sections, their translations, messages of inquiries)
/// after `after` in a stable order, `limit` at a time: what the renderer goes through once to
/// render texts stored before texts were rendered on saving. Each with its position.
pub async fn texts_after(
    tx: &mut Tx,
    _permit: &ReadExchange,
    after: (i64, i64),
    limit: i64,
) -> Result<Vec<((i64, i64), String)>> {
    // A section's text as (0, id), its translation as (1, id), a message as (2, id).
    let rows = sqlx::query(
        "SELECT kind, id, text FROM ( \
             SELECT CAST(0 AS BIGINT) AS kind, id, body AS text FROM exchange_sections \
             UNION ALL SELECT CAST(1 AS BIGINT) AS kind, id, english AS text FROM exchange_sections WHERE english IS NOT NULL \
             UNION ALL SELECT CAST(2 AS BIGINT) AS kind, id, body AS text FROM exchange_posts \
         ) t WHERE kind > $1 OR (kind = $1 AND id > $2) ORDER BY kind, id LIMIT $3",
    )
    .bind(after.0)
    .bind(after.1)
    .bind(limit)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter()
        .map(|row| {
            Ok((
                (row.try_get::<i64, _>("kind")?, row.try_get::<i64, _>("id")?),
                row.try_get("text")?,
            ))
        })
        .collect()
}

/// The kept PDF of a circulated document in a reader language: its SHA-256 and bytes.
pub async fn export(
    tx: &mut Tx,
    _permit: &ReadCirculated,
    document_id: DocumentId,
    language: &str,
) -> Result<Option<(String, Vec<u8>)>> {
    let row = sqlx::query(
        "SELECT sha256, pdf FROM exchange_exports WHERE document_id = $1 AND language = $2",
    )
    .bind(document_id.0)
    .bind(language)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|row| Ok((row.try_get("sha256")?, row.try_get("pdf")?)))
        .transpose()
}

/// Keeps the PDF of a circulated document in a reader language (typeset once; a second
/// export of the same revision and language finds it kept).
pub async fn insert_export(
    tx: &mut Tx,
    _permit: &ReadCirculated,
    document_id: DocumentId,
    language: &str,
    sha256: &str,
    pdf: &[u8],
    now: OffsetDateTime,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO exchange_exports (document_id, language, sha256, pdf, created_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (document_id, language) DO NOTHING",
    )
    .bind(document_id.0)
    .bind(language)
    .bind(sha256)
    .bind(pdf)
    .bind(ts(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Attached files that no saved version of any section carries any more (insert-only by
/// design: a detached file stays), counted for `/metrics`: their number and total size.
pub async fn unreferenced_attachments(tx: &mut Tx, _permit: &ReadExchange) -> Result<(i64, i64)> {
    let rows = sqlx::query("SELECT id, size FROM exchange_attachments")
        .fetch_all(&mut **tx)
        .await?;
    let referenced: std::collections::HashSet<AttachmentId> = {
        let lists: Vec<String> = sqlx::query_scalar("SELECT attachments FROM exchange_sections")
            .fetch_all(&mut **tx)
            .await?;
        let mut ids = std::collections::HashSet::new();
        for list in lists {
            let files: Vec<Attachment> = serde_json::from_str(&list).map_err(corrupt)?;
            ids.extend(files.iter().map(|f| f.id));
        }
        ids
    };
    let (mut count, mut bytes) = (0, 0);
    for row in rows {
        let id = AttachmentId(row.try_get("id")?);
        if !referenced.contains(&id) {
            count += 1;
            bytes += row.try_get::<i64, _>("size")?;
        }
    }
    Ok((count, bytes))
}

/// The bytes of text (originals and translations) a draft's versions took since `since`.
pub async fn saved_since(
    tx: &mut Tx,
    _permit: &EditSubmission,
    submission_id: SubmissionId,
    since: OffsetDateTime,
) -> Result<usize> {
    let bytes: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(LENGTH(body) + COALESCE(LENGTH(english), 0)), 0) AS BIGINT) \
         FROM exchange_sections WHERE submission_id = $1 AND saved_at > $2",
    )
    .bind(submission_id.0)
    .bind(ts(since))
    .fetch_one(&mut **tx)
    .await?;
    Ok(usize::try_from(bytes).unwrap_or(usize::MAX))
}

/// How many inquiries the permit's State opened since `since`.
pub async fn inquiries_opened_since(
    tx: &mut Tx,
    permit: &Inquire,
    since: OffsetDateTime,
) -> Result<usize> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM exchange_inquiries WHERE asking_state = $1 AND opened_at > $2",
    )
    .bind(permit.state().as_str())
    .bind(ts(since))
    .fetch_one(&mut **tx)
    .await?;
    Ok(usize::try_from(count).unwrap_or(usize::MAX))
}
