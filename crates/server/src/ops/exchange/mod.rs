//! The annual information exchange (CBMs 1, 4, 6, 7, 9, 15): the manager opens a cycle (the
//! participating States' coordinators are notified), a coordinator drafts the State's one
//! consolidated input section by section (every save a version, private to the State), submits
//! it (refused with every problem named; after the deadline accepted and marked late), it is
//! circulated under a document reference (at once or by the manager) and frozen, every State is
//! notified and may read it and raise inquiries; a later submission circulates `…/Rev.N`.

pub mod export;

use super::Ctx;
use super::mail::{self, Coordinators, Letter};
use crate::error::{AppError, AppResult};
use crate::markdown;
use liaison_core::access::{self, Actor, ManageExchange, ReadCirculated};
use liaison_core::audit::AuditEvent;
use liaison_core::exchange::{self as rules, SectionText, diff, reference};
use liaison_store::Tx;
use liaison_store::exchange::{
    NewSection, StoredDocument, StoredInquiry, StoredSection, StoredSubmission,
};
use liaison_types::exchange::{
    Attachment, Cycle, CycleInput, CycleOverview, Document, DocumentDiff, DocumentSummary, Inquiry,
    InquiryInput, Post, PostInput, Section, SectionCompleteness, SectionContent, SectionInput,
    StateProgress, Submission, SubmissionStatus, YearDocument,
};
use liaison_types::state::{State, StateCode};
use sha2::Digest;
use std::collections::{BTreeMap, HashMap};
use time::OffsetDateTime;

// ---------------------------------------------------------------------------------------------
// Conversions.

fn content(section: &StoredSection, html: &Html) -> SectionContent {
    SectionContent {
        section: section.section,
        cbm: section.section.cbm(),
        language: section.language.clone(),
        text: section.text.clone(),
        english: section.english.clone(),
        terms: section.terms.clone(),
        not_provided: section.not_provided,
        reason: section.reason.clone(),
        attachments: section.attachments.clone(),
        html: html.of(&section.text),
        english_html: section.english.as_deref().map(|text| html.of(text)),
        version: section.version,
        saved_at: section.saved_at,
        saved_by: section.saved_by.clone(),
    }
}

/// The sanitised HTML of texts, as it was kept when they were stored.
#[derive(Debug, Default)]
struct Html(HashMap<String, String>);

impl Html {
    fn of(&self, text: &str) -> String {
        self.0
            .get(&markdown::key(text))
            .cloned()
            .unwrap_or_default()
    }
}

/// The kept HTML of `texts`. A text stored before texts were rendered on saving (and not yet
/// rendered by [`render_backlog`]) is rendered now, on the blocking pool.
async fn html_of(tx: &mut Tx, texts: Vec<&str>) -> AppResult<Html> {
    let mut wanted: HashMap<String, String> = HashMap::new();
    for text in texts {
        wanted
            .entry(markdown::key(text))
            .or_insert_with(|| text.to_owned());
    }
    let keys: Vec<String> = wanted.keys().cloned().collect();
    let mut found = liaison_store::exchange::rendered(tx, &keys).await?;
    let missing: Vec<String> = wanted
        .iter()
        .filter(|(key, _)| !found.contains_key(*key))
        .map(|(_, text)| text.clone())
        .collect();
    if !missing.is_empty() {
        found.extend(
            markdown::render_off_workers(missing)
                .await
                .map_err(AppError::Internal)?,
        );
    }
    Ok(Html(found))
}

/// The HTML of the texts a section input carries (by field), rendered before any transaction
/// opens (so no write waits for it), and refused when it would be too heavy to keep; a text
/// over the other limits is left for the rules to refuse.
async fn prerender(texts: &[(&str, Option<&String>)]) -> AppResult<Vec<(String, String)>> {
    let (fields, texts): (Vec<&str>, Vec<String>) = texts
        .iter()
        .filter_map(|(field, text)| text.map(|t| (*field, t)))
        .filter(|(_, text)| rules::check_markdown(text, rules::MAX_TEXT).is_ok())
        .map(|(field, text)| (field, text.clone()))
        .unzip();
    let rendered = markdown::render_off_workers(texts)
        .await
        .map_err(AppError::Internal)?;
    for (field, (_, html)) in fields.iter().zip(&rendered) {
        rules::check_html(html.len()).map_err(|problem| invalid(field, problem))?;
    }
    Ok(rendered)
}

/// Keeps rendered texts with the change that stores them.
async fn keep_rendered(tx: &mut Tx, rendered: &[(String, String)]) -> AppResult<()> {
    for (key, html) in rendered {
        liaison_store::exchange::insert_rendered(tx, key, html).await?;
    }
    Ok(())
}

/// Attached files that no saved version of any section carries (they stay: insert-only by
/// design), for `/metrics`: how many, and their bytes.
pub async fn unreferenced_attachments(ctx: &Ctx) -> AppResult<(i64, i64)> {
    let mut tx = ctx.store.read().await?;
    let permit = access::system::read_exchange();
    Ok(liaison_store::exchange::unreferenced_attachments(&mut tx, &permit).await?)
}

/// Renders, once, every stored text that has no kept HTML yet (texts stored before texts
/// were rendered on saving): the server runs it in the background at start. The number
/// rendered.
pub async fn render_backlog(ctx: &Ctx) -> AppResult<usize> {
    let mut after = (-1, 0);
    let mut rendered = 0;
    loop {
        let mut tx = ctx.store.read().await?;
        let batch = liaison_store::exchange::texts_after(
            &mut tx,
            &access::system::read_exchange(),
            after,
            200,
        )
        .await?;
        let Some((last, _)) = batch.last() else {
            return Ok(rendered);
        };
        after = *last;
        let keys: Vec<String> = batch.iter().map(|(_, text)| markdown::key(text)).collect();
        let kept = liaison_store::exchange::rendered(&mut tx, &keys).await?;
        drop(tx);
        let missing: Vec<String> = batch
            .into_iter()
            .filter(|(_, text)| !kept.contains_key(&markdown::key(text)))
            .map(|(_, text)| text)
            .collect();
        if missing.is_empty() {
            continue;
        }
        let html = markdown::render_off_workers(missing)
            .await
            .map_err(AppError::Internal)?;
        let mut tx = ctx.store.begin().await?;
        keep_rendered(&mut tx, &html).await?;
        liaison_store::commit(tx).await?;
        rendered += html.len();
    }
}

fn texts(sections: &[StoredSection]) -> Vec<SectionText<'_>> {
    sections
        .iter()
        .map(|s| SectionText {
            section: s.section,
            language: &s.language,
            text: &s.text,
            english: s.english.as_deref(),
            terms: s.terms.len(),
            not_provided: s.not_provided,
        })
        .collect()
}

/// The sections of a cycle that a draft completes (a section is complete when it alone raises
/// no submission problem).
fn complete_sections(cycle: &Cycle, sections: &[StoredSection]) -> Vec<Section> {
    let texts = texts(sections);
    cycle
        .sections
        .iter()
        .copied()
        .filter(|section| rules::submission_problems(&[*section], &texts).is_empty())
        .collect()
}

/// The sections of a cycle that a draft declares not provided this year.
fn not_provided_sections(cycle: &Cycle, sections: &[StoredSection]) -> Vec<Section> {
    sections
        .iter()
        .filter(|s| s.not_provided && cycle.sections.contains(&s.section))
        .map(|s| s.section)
        .collect()
}

fn plan_of(cycle: &Cycle) -> rules::CyclePlan {
    rules::CyclePlan {
        year: cycle.year,
        opens_on: cycle.opens_on,
        deadline: cycle.deadline,
        sections: cycle.sections.clone(),
    }
}

/// The texts of sections, originals and translations.
fn section_texts(sections: &[StoredSection]) -> Vec<&str> {
    let mut texts = Vec::with_capacity(sections.len() * 2);
    for section in sections {
        texts.push(section.text.as_str());
        if let Some(english) = section.english.as_deref() {
            texts.push(english);
        }
    }
    texts
}

/// The texts of documents' sections, originals and translations.
fn document_texts<'a>(documents: impl IntoIterator<Item = &'a StoredDocument>) -> Vec<&'a str> {
    let mut texts = Vec::new();
    for document in documents {
        texts.extend(section_texts(&document.sections));
    }
    texts
}

fn document_of(state: &State, year: i32, stored: &StoredDocument, html: &Html) -> Document {
    Document {
        year,
        state: state.code.clone(),
        state_name: state.name.clone(),
        reference: stored.reference.clone(),
        aliases: stored.aliases.clone(),
        revision: stored.revision,
        circulated_at: stored.circulated_at,
        circulated_by: stored.circulated_by.clone(),
        submitted_at: stored.submitted_at,
        late: stored.late,
        sections: stored
            .sections
            .iter()
            .map(|section| content(section, html))
            .collect(),
    }
}

fn compared(document: &StoredDocument) -> Vec<diff::Compared<'_>> {
    document
        .sections
        .iter()
        .map(|s| diff::Compared {
            section: s.section,
            language: &s.language,
            text: &s.text,
            english: s.english.as_deref(),
            terms: &s.terms,
            attachments: &s.attachments,
        })
        .collect()
}

fn invalid(field: &str, problem: rules::Invalid) -> AppError {
    AppError::worded([(field.to_owned(), problem)])
}

// ---------------------------------------------------------------------------------------------
// Loading.

async fn cycle_of(tx: &mut Tx, year: i32) -> AppResult<Cycle> {
    liaison_store::exchange::cycle(tx, &access::system::read_exchange(), year)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no exchange cycle for {year}")))
}

async fn submission_of(
    tx: &mut Tx,
    year: i32,
    state: &StateCode,
) -> AppResult<Option<StoredSubmission>> {
    Ok(
        liaison_store::exchange::submission(tx, &access::system::read_exchange(), year, state)
            .await?,
    )
}

fn status_of(submission: Option<&StoredSubmission>) -> SubmissionStatus {
    submission.map_or(SubmissionStatus::NotStarted, |s| s.status)
}

// ---------------------------------------------------------------------------------------------
// What the caller may do.

/// What a caller may do in the exchange, as the rules decide it, for the pages to offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExchangeAction {
    /// Open cycles, circulate inputs, record references (the network manager).
    Manage,
    /// Read the State's draft (its own accounts).
    ReadDraft,
    /// Change and submit the State's draft (its coordinator).
    EditDraft,
    /// Read circulated documents.
    ReadCirculated,
    /// Open an inquiry on the State's document (another participating State).
    Inquire,
}

/// What `actor` may do in the exchange at large and, given `code`, with that State's input.
pub async fn actions(
    ctx: &Ctx,
    actor: &Actor,
    code: Option<&StateCode>,
) -> AppResult<Vec<ExchangeAction>> {
    let mut out = Vec::new();
    if access::manage_exchange(actor).is_ok() {
        out.push(ExchangeAction::Manage);
    }
    if access::read_circulated(actor).is_ok() {
        out.push(ExchangeAction::ReadCirculated);
    }
    if let Some(code) = code {
        if access::read_draft(actor, code).is_ok() {
            out.push(ExchangeAction::ReadDraft);
        }
        let mut tx = ctx.store.read().await?;
        let state = super::directory::state(&mut tx, code).await?;
        drop(tx);
        if access::edit_submission(actor, &state).is_ok() {
            out.push(ExchangeAction::EditDraft);
        }
        if access::inquire(actor).is_ok_and(|p| p.state() != code) {
            out.push(ExchangeAction::Inquire);
        }
    }
    Ok(out)
}

/// Refuses anyone but the network manager before a manager's form is read.
pub fn may_manage(actor: &Actor) -> AppResult<()> {
    access::manage_exchange(actor)?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Cycles.

/// Opens a cycle (the network manager) and notifies every participating State's coordinators.
pub async fn open_cycle(ctx: &Ctx, actor: &Actor, input: &CycleInput) -> AppResult<Cycle> {
    let permit = access::manage_exchange(actor)?;
    let mut problems = match rules::plan_cycle(
        input.year,
        input.opens_on,
        input.deadline,
        input.sections.as_deref(),
    ) {
        Ok(_) => BTreeMap::new(),
        Err(problems) => problems,
    };
    let pattern_text = input
        .pattern
        .as_deref()
        .map(str::trim)
        .unwrap_or(reference::DEFAULT_PATTERN);
    if let Err(problem) = reference::Pattern::parse(pattern_text) {
        problems.insert("pattern".to_owned(), problem);
    }
    if !problems.is_empty() {
        return Err(AppError::worded(problems));
    }
    let plan = rules::plan_cycle(
        input.year,
        input.opens_on,
        input.deadline,
        input.sections.as_deref(),
    )
    .map_err(AppError::worded)?;
    let now = ctx.clock.now();
    let cycle = Cycle {
        year: plan.year,
        opens_on: plan.opens_on,
        deadline: plan.deadline,
        sections: plan.sections,
        circulation: input.circulation.unwrap_or_default(),
        pattern: pattern_text.to_owned(),
        opened_at: now,
        opened_by: actor.username.clone(),
    };
    let mut tx = ctx.store.begin().await?;
    if liaison_store::exchange::cycle(&mut tx, &access::system::read_exchange(), cycle.year)
        .await?
        .is_some()
    {
        return Err(AppError::Conflict(format!(
            "the exchange cycle for {} is already open",
            cycle.year
        )));
    }
    liaison_store::exchange::insert_cycle(&mut tx, &permit, &cycle).await?;
    ctx.audit(
        &mut tx,
        actor,
        AuditEvent::ExchangeCycleOpened {
            year: cycle.year,
            after: serde_json::json!({
                "opens_on": cycle.opens_on.to_string(), "deadline": cycle.deadline.to_string(),
                "sections": cycle.sections.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
                "circulation": cycle.circulation.as_str(), "pattern": cycle.pattern,
            }),
        },
    )
    .await?;
    let url = format!("{}/exchange/{}", public_url(ctx), cycle.year);
    let letter = Letter {
        template: "exchange-opened",
        kind: "exchange.cycle-opened",
        values: minijinja::context! {
            year => cycle.year.to_string(), deadline => cycle.deadline.to_string(),
            opens_on => cycle.opens_on.to_string(), url => url,
        },
    };
    mail::notify_coordinators(&mut tx, Coordinators::OfParticipatingStates, &letter, now).await?;
    liaison_store::commit(tx).await?;
    Ok(cycle)
}

fn public_url(ctx: &Ctx) -> &str {
    ctx.config.public_url.trim_end_matches('/')
}

/// Every cycle, newest first (every signed-in account).
pub async fn cycles(ctx: &Ctx, actor: &Actor) -> AppResult<Vec<Cycle>> {
    let permit = access::read_exchange(actor)?;
    let mut tx = ctx.store.read().await?;
    Ok(liaison_store::exchange::cycles(&mut tx, &permit).await?)
}

/// A cycle's overview: every participating State, whether it submitted on time, late or not
/// yet, and which sections its draft completes (never the content).
pub async fn overview(ctx: &Ctx, actor: &Actor, year: i32) -> AppResult<CycleOverview> {
    let permit = access::read_exchange(actor)?;
    let mut tx = ctx.store.read().await?;
    let cycle = cycle_of(&mut tx, year).await?;
    let states = liaison_store::state::list(&mut tx).await?;
    let submissions: HashMap<StateCode, StoredSubmission> =
        liaison_store::exchange::submissions(&mut tx, &permit, year)
            .await?
            .into_iter()
            .map(|s| (s.state.clone(), s))
            .collect();
    let drafts: HashMap<i64, Vec<StoredSection>> =
        liaison_store::exchange::drafts_for_completeness(&mut tx, &permit, year)
            .await?
            .into_iter()
            .collect();
    let mut progress = Vec::new();
    for state in states.iter().filter(|s| s.status.is_participating()) {
        let submission = submissions.get(&state.code);
        let sections = submission.and_then(|s| drafts.get(&s.id));
        let complete = sections
            .map(|sections| complete_sections(&cycle, sections))
            .unwrap_or_default();
        let not_provided = sections
            .map(|sections| not_provided_sections(&cycle, sections))
            .unwrap_or_default();
        let reference = match submission {
            Some(s) => liaison_store::exchange::references(&mut tx, &permit, s.id)
                .await?
                .pop()
                .map(|(reference, ..)| reference),
            None => None,
        };
        progress.push(StateProgress {
            state: state.code.clone(),
            state_name: state.name.clone(),
            status: status_of(submission),
            complete_sections: complete,
            not_provided_sections: not_provided,
            submitted_at: submission.and_then(|s| s.submitted_at),
            late: submission.is_some_and(|s| s.late),
            reference,
        });
    }
    let submitted = |p: &&StateProgress| p.submitted_at.is_some();
    let late = progress.iter().filter(submitted).filter(|p| p.late).count();
    let on_time = progress.iter().filter(submitted).count() - late;
    Ok(CycleOverview {
        not_yet: progress.len() - on_time - late,
        on_time,
        late,
        cycle,
        states: progress,
    })
}

// ---------------------------------------------------------------------------------------------
// A State's submission.

/// A State's submission as the caller may see it: its draft and problems for the State's own
/// accounts; status, completeness and circulated references for everyone.
pub async fn submission(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
) -> AppResult<Submission> {
    let permit = access::read_exchange(actor)?;
    let mut tx = ctx.store.read().await?;
    let state = super::directory::state(&mut tx, code).await?;
    let cycle = cycle_of(&mut tx, year).await?;
    let stored = submission_of(&mut tx, year, code).await?;
    let mut out = Submission {
        year,
        state: state.code.clone(),
        state_name: state.name.clone(),
        status: status_of(stored.as_ref()),
        completeness: Vec::new(),
        draft: Vec::new(),
        problems: Vec::new(),
        submitted_at: stored.as_ref().and_then(|s| s.submitted_at),
        late: stored.as_ref().is_some_and(|s| s.late),
        documents: Vec::new(),
    };
    let sections = match &stored {
        Some(s) => liaison_store::exchange::draft_for_completeness(&mut tx, &permit, s.id).await?,
        None => Vec::new(),
    };
    let complete = complete_sections(&cycle, &sections);
    let not_provided = not_provided_sections(&cycle, &sections);
    out.completeness = cycle
        .sections
        .iter()
        .map(|s| SectionCompleteness {
            section: *s,
            complete: complete.contains(s),
            not_provided: not_provided.contains(s),
        })
        .collect();
    if access::read_draft(actor, code).is_ok() {
        let html = html_of(&mut tx, section_texts(&sections)).await?;
        out.draft = sections.iter().map(|s| content(s, &html)).collect();
        out.problems = rules::submission_problems(&cycle.sections, &texts(&sections))
            .iter()
            .map(|problem| crate::error::word_problem(ctx.lang, problem))
            .collect();
    }
    if let Some(s) = &stored {
        out.documents = liaison_store::exchange::references(&mut tx, &permit, s.id)
            .await?
            .into_iter()
            .map(
                |(reference, revision, circulated_at, late)| DocumentSummary {
                    reference,
                    revision,
                    circulated_at,
                    late,
                },
            )
            .collect();
    }
    Ok(out)
}

/// A file as uploaded: the name the browser gave, the declared content type, the bytes.
#[derive(Debug, Clone, Copy)]
pub struct File<'a> {
    pub name: &'a str,
    pub content_type: &'a str,
    pub data: &'a [u8],
}

impl<'a> From<&'a crate::auth::Upload> for File<'a> {
    fn from(upload: &'a crate::auth::Upload) -> File<'a> {
        File {
            name: &upload.name,
            content_type: &upload.content_type,
            data: &upload.data,
        }
    }
}

/// What a new version of a section changes.
enum Change<'a> {
    /// The text, translation and terms, as written (the files stay).
    Content(SectionInput),
    /// A file added to the section.
    Attach(File<'a>),
    /// A file taken off the section (it stays in the versions and documents that carry it).
    Detach(i64),
}

/// Saves one section of the State's draft (the coordinator) as a new version; saving
/// unchanged content adds no version, so auto-save is free. After circulation, saving starts a
/// revision.
pub async fn save_section(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
    section: Section,
    input: SectionInput,
) -> AppResult<Submission> {
    change_section(ctx, actor, year, code, section, Change::Content(input)).await
}

/// Attaches a file to a section of the State's draft (the coordinator): a new version of the
/// section carries it.
pub async fn attach(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
    section: Section,
    file: File<'_>,
) -> AppResult<Submission> {
    change_section(ctx, actor, year, code, section, Change::Attach(file)).await
}

/// Takes a file off a section of the State's draft (the coordinator): a new version of the
/// section goes without it; earlier versions and circulated documents keep it.
pub async fn detach(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
    section: Section,
    attachment: i64,
) -> AppResult<Submission> {
    change_section(ctx, actor, year, code, section, Change::Detach(attachment)).await
}

async fn change_section(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
    section: Section,
    change: Change<'_>,
) -> AppResult<Submission> {
    let now = ctx.clock.now();
    let rendered = match &change {
        Change::Content(input) => {
            prerender(&[
                ("text", Some(&input.text)),
                ("english", input.english.as_ref()),
            ])
            .await?
        }
        _ => Vec::new(),
    };
    let mut tx = ctx.store.begin().await?;
    let state = super::directory::state(&mut tx, code).await?;
    let permit = access::edit_submission(actor, &state)?;
    let cycle = cycle_of(&mut tx, year).await?;
    let stored = submission_of(&mut tx, year, code).await?;
    let status = status_of(stored.as_ref());
    let submission =
        liaison_store::exchange::ensure_submission(&mut tx, &permit, year, now).await?;
    let read = access::read_draft(actor, code)?;
    let current = liaison_store::exchange::draft(&mut tx, &read, submission.id)
        .await?
        .into_iter()
        .find(|s| s.section == section);
    let mut attachments = current
        .as_ref()
        .map(|s| s.attachments.clone())
        .unwrap_or_default();
    let (mut input, files) = match change {
        Change::Content(input) => (input, None),
        // A file changes the section as it stands (a new section starts in English).
        files => (
            SectionInput {
                language: current
                    .as_ref()
                    .map_or_else(|| "en".to_owned(), |s| s.language.clone()),
                text: current.as_ref().map(|s| s.text.clone()).unwrap_or_default(),
                english: current.as_ref().and_then(|s| s.english.clone()),
                terms: current
                    .as_ref()
                    .map(|s| s.terms.clone())
                    .unwrap_or_default(),
                not_provided: current.as_ref().is_some_and(|s| s.not_provided),
                reason: current.as_ref().and_then(|s| s.reason.clone()),
            },
            Some(files),
        ),
    };
    rules::check_section(
        &plan_of(&cycle),
        status,
        ctx.clock.today(),
        section,
        &mut input,
    )
    .map_err(AppError::worded)?;
    let mut unchanged = current.as_ref().is_some_and(|s| {
        s.language == input.language
            && s.text == input.text
            && s.english == input.english
            && s.terms == input.terms
            && s.not_provided == input.not_provided
            && s.reason == input.reason
    });
    match files {
        None | Some(Change::Content(_)) => {}
        Some(Change::Attach(File {
            name,
            content_type,
            data,
        })) => {
            let name = rules::check_attachment(name, data.len(), attachments.len())
                .map_err(|problem| AppError::worded([("file".to_owned(), problem)]))?;
            let sha256 = hex::encode(sha2::Sha256::digest(data));
            let file = liaison_store::exchange::insert_attachment(
                &mut tx,
                &permit,
                submission.id,
                liaison_store::exchange::NewAttachment {
                    name: &name,
                    content_type: content_type.trim(),
                    data,
                    sha256: &sha256,
                },
                now,
                &actor.username,
            )
            .await?;
            attachments.push(file);
            unchanged = false;
        }
        Some(Change::Detach(id)) => {
            let before = attachments.len();
            attachments.retain(|a| a.id != id);
            if attachments.len() == before {
                return Err(AppError::NotFound(format!(
                    "the section {} of this draft has no attachment {id}",
                    section.as_str()
                )));
            }
            unchanged = false;
        }
    }
    if !unchanged {
        let saved_today = liaison_store::exchange::saved_since(
            &mut tx,
            &permit,
            submission.id,
            now - time::Duration::days(1),
        )
        .await?;
        let more = input.text.len() + input.english.as_ref().map_or(0, String::len);
        rules::check_saved_today(saved_today, more).map_err(|problem| {
            AppError::TooManyRequests(crate::error::word_problem(ctx.lang, &problem))
        })?;
        let version = liaison_store::exchange::insert_section(
            &mut tx,
            &permit,
            submission.id,
            NewSection {
                section,
                language: &input.language,
                text: &input.text,
                english: input.english.as_deref(),
                terms: &input.terms,
                attachments: &attachments,
                not_provided: input.not_provided,
                reason: input.reason.as_deref(),
            },
            now,
            &actor.username,
        )
        .await?;
        keep_rendered(&mut tx, &rendered).await?;
        liaison_store::exchange::set_status(
            &mut tx,
            &permit,
            submission.id,
            rules::after_save(status),
            now,
            None,
        )
        .await?;
        ctx.audit(
            &mut tx,
            actor,
            AuditEvent::ExchangeDraftSaved {
                year,
                state: code.to_string(),
                section: section.as_str().to_owned(),
                version,
            },
        )
        .await?;
    }
    liaison_store::commit(tx).await?;
    self::submission(ctx, actor, year, code).await
}

/// The largest request body of an upload: the largest attachment and the form around it.
pub const UPLOAD_LIMIT: usize = liaison_core::exchange::MAX_ATTACHMENT_BYTES + 64 * 1024;

/// The download of an attached file: never shown inline, never sniffed, and a type a browser
/// would run served as `application/octet-stream`.
pub fn attachment_file(
    file: &liaison_types::exchange::Attachment,
    data: Vec<u8>,
) -> crate::download::Download {
    crate::download::Download {
        content_type: liaison_core::exchange::served_type(&file.content_type),
        filename: file.name.clone(),
        body: data,
    }
}

/// A file of a State's submission: of its draft for the State's own accounts; of a
/// circulated document (any revision) for every reader of circulated documents.
pub async fn attachment(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
    id: i64,
) -> AppResult<(Attachment, Vec<u8>)> {
    let mut tx = ctx.store.read().await?;
    super::directory::state(&mut tx, code).await?;
    let permit = access::read_circulated(actor)?;
    cycle_of(&mut tx, year).await?;
    let missing = || AppError::NotFound(format!("no attachment {id} that you may read"));
    let stored = submission_of(&mut tx, year, code)
        .await?
        .ok_or_else(missing)?;
    let mut carried: Vec<Attachment> =
        liaison_store::exchange::documents(&mut tx, &permit, stored.id)
            .await?
            .into_iter()
            .flat_map(|d| d.sections)
            .flat_map(|s| s.attachments)
            .collect();
    if let Ok(read) = access::read_draft(actor, code) {
        carried.extend(
            liaison_store::exchange::versions(&mut tx, &read, stored.id)
                .await?
                .into_iter()
                .flat_map(|s| s.attachments),
        );
    }
    let file = carried
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(missing)?;
    let data = liaison_store::exchange::attachment_data(&mut tx, &permit, stored.id, &file)
        .await?
        .ok_or_else(missing)?;
    Ok((file, data))
}

/// Replaces the terminology section's terms with a CSV file's (refused whole, by line, when
/// any line is wrong), keeping the section's language and text.
pub async fn import_terms(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
    csv: &[u8],
) -> AppResult<Submission> {
    let terms = liaison_core::exchange::terms::parse(csv).map_err(AppError::Import)?;
    let current = {
        let mut tx = ctx.store.read().await?;
        let state = super::directory::state(&mut tx, code).await?;
        access::edit_submission(actor, &state)?;
        match submission_of(&mut tx, year, code).await? {
            Some(s) => {
                let read = access::read_draft(actor, code)?;
                liaison_store::exchange::draft(&mut tx, &read, s.id)
                    .await?
                    .into_iter()
                    .find(|s| s.section == Section::Terminology)
            }
            None => None,
        }
    };
    let input = SectionInput {
        language: current
            .as_ref()
            .map_or_else(|| "en".to_owned(), |s| s.language.clone()),
        text: current.as_ref().map(|s| s.text.clone()).unwrap_or_default(),
        english: current.and_then(|s| s.english),
        terms,
        ..Default::default()
    };
    save_section(ctx, actor, year, code, Section::Terminology, input).await
}

/// Every saved version of the State's draft, newest first (the State's own accounts).
pub async fn versions(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
) -> AppResult<Vec<SectionContent>> {
    let mut tx = ctx.store.read().await?;
    super::directory::state(&mut tx, code).await?;
    let read = access::read_draft(actor, code)?;
    cycle_of(&mut tx, year).await?;
    let Some(stored) = submission_of(&mut tx, year, code).await? else {
        return Ok(Vec::new());
    };
    let versions = liaison_store::exchange::versions(&mut tx, &read, stored.id).await?;
    let html = html_of(&mut tx, section_texts(&versions)).await?;
    Ok(versions.iter().map(|s| content(s, &html)).collect())
}

/// Submits the State's input (the coordinator): refused with every problem named by section;
/// accepted after the deadline and marked late; circulated at once when the cycle says so.
pub async fn submit(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
) -> AppResult<Submission> {
    let now = ctx.clock.now();
    let mut tx = ctx.store.begin().await?;
    let state = super::directory::state(&mut tx, code).await?;
    let permit = access::edit_submission(actor, &state)?;
    let cycle = cycle_of(&mut tx, year).await?;
    let stored = submission_of(&mut tx, year, code).await?;
    rules::may_submit(status_of(stored.as_ref())).map_err(|p| invalid("status", p))?;
    let read = access::read_draft(actor, code)?;
    let sections = match &stored {
        Some(s) => liaison_store::exchange::draft(&mut tx, &read, s.id).await?,
        None => Vec::new(),
    };
    let problems = rules::submission_problems(&cycle.sections, &texts(&sections));
    let Some(stored) = stored.filter(|_| problems.is_empty()) else {
        let mut fields = BTreeMap::new();
        for problem in &problems {
            let key = match problem {
                rules::Invalid::EmptySection(s)
                | rules::Invalid::Language { section: s, .. }
                | rules::Invalid::MissingTranslation { section: s, .. } => {
                    format!("sections.{}", s.as_str())
                }
                _ => "sections".to_owned(),
            };
            fields.insert(key, problem.clone());
        }
        return Err(AppError::worded(fields));
    };
    let earlier = stored.submitted_at.map(|_| stored.late);
    let late = rules::submitted_late(earlier, now, cycle.deadline);
    let status = match rules::after_submit(cycle.circulation) {
        // Circulated by the manager instead, who gives the revision a free reference.
        SubmissionStatus::Circulated if revision_reference_taken(&mut tx, stored.id).await? => {
            SubmissionStatus::Submitted
        }
        status => status,
    };
    liaison_store::exchange::set_status(
        &mut tx,
        &permit,
        stored.id,
        status,
        now,
        Some((&actor.username, late)),
    )
    .await?;
    ctx.audit(
        &mut tx,
        actor,
        AuditEvent::ExchangeSubmitted {
            year,
            state: code.to_string(),
            late,
        },
    )
    .await?;
    if status == SubmissionStatus::Circulated {
        circulate_in(
            ctx,
            &mut tx,
            &access::system::manage_exchange(),
            actor,
            &cycle,
            &state,
            &sections,
            (stored.id, now, late),
            None,
        )
        .await?;
    }
    liaison_store::commit(tx).await?;
    self::submission(ctx, actor, year, code).await
}

/// Circulates a submitted input (the network manager, when the cycle says so).
pub async fn circulate(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
    reference: Option<&str>,
) -> AppResult<Document> {
    let given = reference
        .filter(|r| !r.trim().is_empty())
        .map(reference::check_given)
        .transpose()
        .map_err(|p| invalid("reference", p))?;
    let mut tx = ctx.store.begin().await?;
    let state = super::directory::state(&mut tx, code).await?;
    let permit = access::manage_exchange(actor)?;
    let cycle = cycle_of(&mut tx, year).await?;
    let stored = submission_of(&mut tx, year, code)
        .await?
        .ok_or_else(|| invalid("status", rules::Invalid::NotSubmitted))?;
    rules::may_circulate(stored.status).map_err(|p| invalid("status", p))?;
    let sections =
        liaison_store::exchange::latest_for_circulation(&mut tx, &permit, stored.id).await?;
    let submitted_at = stored.submitted_at.unwrap_or(stored.updated_at);
    let document = circulate_in(
        ctx,
        &mut tx,
        &permit,
        actor,
        &cycle,
        &state,
        &sections,
        (stored.id, submitted_at, stored.late),
        given,
    )
    .await?;
    liaison_store::commit(tx).await?;
    Ok(document)
}

/// Records a circulated document's reference as the OSCE document system assigned it (the
/// network manager): the one it replaces stays an alias that still finds the document. Audited.
pub async fn record_reference(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
    input: &liaison_types::exchange::ReferenceInput,
) -> AppResult<Document> {
    let now = ctx.clock.now();
    let mut tx = ctx.store.begin().await?;
    super::directory::state(&mut tx, code).await?;
    let permit = access::manage_exchange(actor)?;
    let given = reference::check_given(&input.reference).map_err(|p| invalid("reference", p))?;
    let read = access::system::read_circulated();
    let (state, documents) = circulated(&mut tx, &read, year, code).await?;
    let chosen = match input.revision {
        None => documents.last(),
        Some(r) => documents.iter().find(|d| d.revision == r),
    }
    .ok_or_else(|| {
        AppError::NotFound(format!(
            "no revision {} of this submission",
            input.revision.unwrap_or_default()
        ))
    })?;
    if chosen.reference != given {
        if liaison_store::exchange::reference_in_use(&mut tx, &permit, &given).await? {
            return Err(invalid(
                "reference",
                rules::Invalid::ReferenceTaken { reference: given },
            ));
        }
        liaison_store::exchange::record_reference(
            &mut tx,
            &permit,
            chosen.id,
            &given,
            now,
            &actor.username,
        )
        .await?;
        ctx.audit(
            &mut tx,
            actor,
            AuditEvent::ExchangeReferenceRecorded {
                year,
                state: code.to_string(),
                revision: chosen.revision,
                from: chosen.reference.clone(),
                to: given.clone(),
            },
        )
        .await?;
    }
    let (_, documents) = circulated(&mut tx, &read, year, code).await?;
    let document = documents
        .into_iter()
        .find(|d| d.id == chosen.id)
        .ok_or_else(|| AppError::Internal("the document just recorded is gone".into()))?;
    let html = html_of(&mut tx, document_texts([&document])).await?;
    let out = document_of(&state, year, &document, &html);
    liaison_store::commit(tx).await?;
    Ok(out)
}

/// Where the document known by `reference` (now or earlier) is: its cycle, State and revision.
pub async fn find_reference(
    ctx: &Ctx,
    actor: &Actor,
    reference: &str,
) -> AppResult<(i32, StateCode, i64)> {
    let permit = access::read_circulated(actor)?;
    let mut tx = ctx.store.read().await?;
    liaison_store::exchange::find_reference(&mut tx, &permit, reference.trim())
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no document is known as {}", reference.trim())))
}

/// Freezes the draft as the next document of the submission, under the next reference, inside
/// the caller's serialised write transaction (so numbers never repeat nor skip), and notifies
/// every participating State's coordinators.
#[allow(clippy::too_many_arguments)]
async fn circulate_in(
    ctx: &Ctx,
    tx: &mut Tx,
    permit: &ManageExchange,
    actor: &Actor,
    cycle: &Cycle,
    state: &State,
    sections: &[StoredSection],
    (submission_id, submitted_at, late): (i64, OffsetDateTime, bool),
    given: Option<String>,
) -> AppResult<Document> {
    let now = ctx.clock.now();
    let read = access::system::read_circulated();
    let earlier = liaison_store::exchange::documents(tx, &read, submission_id).await?;
    let (revision, number_year, number, generated) = match earlier.first() {
        None => {
            let number_year = now.year();
            let pattern = reference::Pattern::parse(&cycle.pattern)
                .map_err(|e| AppError::Internal(format!("stored pattern: {e:?}")))?;
            let mut number = reference::next_number(
                liaison_store::exchange::last_number(tx, permit, number_year).await?,
            );
            // A number the manager already recorded for another document is passed over.
            while given.is_none()
                && liaison_store::exchange::reference_in_use(
                    tx,
                    permit,
                    &pattern.format(number, number_year),
                )
                .await?
            {
                number = reference::next_number(Some(number));
            }
            (0, number_year, number, pattern.format(number, number_year))
        }
        Some(first) => {
            let (revision, generated) = next_revision(&earlier)
                .ok_or_else(|| AppError::Internal("a revision without documents".into()))?;
            (revision, first.number_year, first.number, generated)
        }
    };
    let reference = match given {
        Some(given) => {
            if liaison_store::exchange::reference_in_use(tx, permit, &given).await? {
                return Err(invalid(
                    "reference",
                    rules::Invalid::ReferenceTaken { reference: given },
                ));
            }
            given
        }
        // A revision's number follows its base reference; if the manager recorded that
        // reference for another document, the manager gives this one's.
        None if liaison_store::exchange::reference_in_use(tx, permit, &generated).await? => {
            return Err(invalid(
                "reference",
                rules::Invalid::ReferenceTaken {
                    reference: generated,
                },
            ));
        }
        None => generated,
    };
    let frozen: Vec<StoredSection> = sections
        .iter()
        .filter(|s| cycle.sections.contains(&s.section))
        .cloned()
        .collect();
    let mut document = StoredDocument {
        id: 0,
        submission_id,
        revision,
        number_year,
        number,
        reference: reference.clone(),
        aliases: Vec::new(),
        sections: frozen,
        submitted_at,
        late,
        circulated_at: now,
        circulated_by: actor.username.clone(),
    };
    document.id = liaison_store::exchange::insert_document(tx, permit, &document).await?;
    liaison_store::exchange::set_status(
        tx,
        permit,
        submission_id,
        SubmissionStatus::Circulated,
        now,
        None,
    )
    .await?;
    ctx.audit(
        tx,
        actor,
        AuditEvent::ExchangeCirculated {
            year: cycle.year,
            state: state.code.to_string(),
            reference: reference.clone(),
        },
    )
    .await?;
    let url = format!(
        "{}/exchange/{}/submissions/{}",
        public_url(ctx),
        cycle.year,
        state.code
    );
    let letter = Letter {
        template: "exchange-circulated",
        kind: "exchange.circulated",
        values: minijinja::context! {
            state => state.name.clone(), reference => reference.clone(), year => cycle.year.to_string(),
            revision => revision, url => url,
        },
    };
    mail::notify_coordinators(tx, Coordinators::OfParticipatingStates, &letter, now).await?;
    let html = html_of(tx, document_texts([&document])).await?;
    Ok(document_of(state, cycle.year, &document, &html))
}

/// The next revision of a submission with `earlier` documents, and the reference its number
/// gives it (the first document's, with `/Rev.n`); `None` before the first document.
fn next_revision(earlier: &[StoredDocument]) -> Option<(i64, String)> {
    let first = earlier.first()?;
    let revision = i64::try_from(earlier.len()).unwrap_or(i64::MAX);
    let rev = u32::try_from(revision).unwrap_or(u32::MAX);
    Some((revision, reference::revision(&first.reference, rev)))
}

/// Whether the reference a submission's next revision would be given is taken (the manager
/// recorded it for another document), so the manager must give one when circulating it.
async fn revision_reference_taken(tx: &mut Tx, submission_id: i64) -> AppResult<bool> {
    let earlier =
        liaison_store::exchange::documents(tx, &access::system::read_circulated(), submission_id)
            .await?;
    Ok(match next_revision(&earlier) {
        Some((_, generated)) => {
            let system = access::system::manage_exchange();
            liaison_store::exchange::reference_in_use(tx, &system, &generated).await?
        }
        None => false,
    })
}

// ---------------------------------------------------------------------------------------------
// Circulated documents.

async fn circulated(
    tx: &mut Tx,
    permit: &ReadCirculated,
    year: i32,
    code: &StateCode,
) -> AppResult<(State, Vec<StoredDocument>)> {
    let state = super::directory::state(tx, code).await?;
    cycle_of(tx, year).await?;
    let documents = match submission_of(tx, year, code).await? {
        Some(s) => liaison_store::exchange::documents(tx, permit, s.id).await?,
        None => Vec::new(),
    };
    if documents.is_empty() {
        return Err(AppError::NotFound(format!(
            "{code} has no circulated submission in the {year} cycle"
        )));
    }
    Ok((state, documents))
}

/// A circulated document: the latest, or the given revision (0 for the original).
pub async fn document(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
    revision: Option<i64>,
) -> AppResult<Document> {
    Ok(chosen_document(ctx, actor, year, code, revision).await?.1)
}

/// A circulated document with its stored id.
async fn chosen_document(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
    revision: Option<i64>,
) -> AppResult<(i64, Document)> {
    let mut tx = ctx.store.read().await?;
    super::directory::state(&mut tx, code).await?;
    let permit = access::read_circulated(actor)?;
    let (state, documents) = circulated(&mut tx, &permit, year, code).await?;
    let chosen = match revision {
        None => documents.last(),
        Some(r) => documents.iter().find(|d| d.revision == r),
    }
    .ok_or_else(|| AppError::NotFound(format!("no revision {revision:?} of this submission")))?;
    let html = html_of(&mut tx, document_texts([chosen])).await?;
    Ok((chosen.id, document_of(&state, year, chosen, &html)))
}

/// What changed between two circulated versions (by default, the latest and the one before).
pub async fn diff(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
    from: Option<i64>,
    to: Option<i64>,
) -> AppResult<DocumentDiff> {
    let mut tx = ctx.store.read().await?;
    super::directory::state(&mut tx, code).await?;
    let permit = access::read_circulated(actor)?;
    let (_, documents) = circulated(&mut tx, &permit, year, code).await?;
    let latest = documents.last().map_or(0, |d| d.revision);
    let to = to.unwrap_or(latest);
    let from = from.unwrap_or(to - 1);
    let find = |revision: i64| {
        documents
            .iter()
            .find(|d| d.revision == revision)
            .ok_or_else(|| {
                AppError::validation(
                    "from",
                    format!("revisions 0 to {latest} exist; {revision} does not"),
                )
            })
    };
    let (before, after) = (find(from)?, find(to)?);
    let mut sections: Vec<Section> = before
        .sections
        .iter()
        .chain(&after.sections)
        .map(|s| s.section)
        .collect();
    sections.sort();
    sections.dedup();
    Ok(DocumentDiff {
        from: before.reference.clone(),
        to: after.reference.clone(),
        sections: diff::compare(&sections, &compared(before), &compared(after)),
    })
}

/// A State's latest circulated document of every cycle, newest year first, for comparison
/// across years.
pub async fn across_years(
    ctx: &Ctx,
    actor: &Actor,
    code: &StateCode,
) -> AppResult<Vec<YearDocument>> {
    let mut tx = ctx.store.read().await?;
    let state = super::directory::state(&mut tx, code).await?;
    let permit = access::read_circulated(actor)?;
    let read = access::read_exchange(actor)?;
    let cycles = liaison_store::exchange::cycles(&mut tx, &read).await?;
    let submissions: HashMap<i32, StoredSubmission> =
        liaison_store::exchange::submissions_of_state(&mut tx, &read, code)
            .await?
            .into_iter()
            .map(|s| (s.year, s))
            .collect();
    let mut latest = Vec::new();
    for cycle in cycles {
        let document = match submissions.get(&cycle.year) {
            Some(s) => liaison_store::exchange::documents(&mut tx, &permit, s.id)
                .await?
                .pop(),
            None => None,
        };
        latest.push((cycle.year, document));
    }
    let present: Vec<&StoredDocument> = latest.iter().filter_map(|(_, d)| d.as_ref()).collect();
    let texts = document_texts(present);
    let html = html_of(&mut tx, texts).await?;
    Ok(latest
        .iter()
        .map(|(year, document)| YearDocument {
            year: *year,
            document: document
                .as_ref()
                .map(|d| document_of(&state, *year, d, &html)),
        })
        .collect())
}

// ---------------------------------------------------------------------------------------------
// Inquiries.

async fn thread(
    tx: &mut Tx,
    permit: &ReadCirculated,
    inquiry: StoredInquiry,
) -> AppResult<Inquiry> {
    let posts = liaison_store::exchange::posts(tx, permit, inquiry.id).await?;
    let texts: Vec<&str> = posts.iter().map(|p| p.text.as_str()).collect();
    let html = html_of(tx, texts).await?;
    Ok(Inquiry {
        id: inquiry.id,
        year: inquiry.year,
        state: inquiry.state,
        asking_state: inquiry.asking_state,
        section: inquiry.section,
        public: inquiry.public,
        opened_at: inquiry.opened_at,
        posts: posts
            .into_iter()
            .map(|p| Post {
                state: p.state,
                author: p.author,
                posted_at: p.posted_at,
                html: html.of(&p.text),
                text: p.text,
            })
            .collect(),
    })
}

/// A message of an inquiry, checked: the rules, with the thread's messages of the last hour.
async fn check_post(
    ctx: &Ctx,
    tx: &mut Tx,
    inquire: &access::Inquire,
    inquiry_id: Option<i64>,
    text: &str,
) -> AppResult<String> {
    let last_hour = match inquiry_id {
        Some(id) => {
            liaison_store::exchange::posts_since(
                tx,
                inquire,
                id,
                ctx.clock.now() - time::Duration::hours(1),
            )
            .await?
        }
        None => 0,
    };
    rules::check_post(text, last_hour).map_err(|problem| match problem {
        rules::Invalid::TooManyPosts { .. } => {
            AppError::TooManyRequests(crate::error::word_problem(ctx.lang, &problem))
        }
        problem => invalid("text", problem),
    })
}

/// The HTML of a message about to be posted, rendered before the transaction opens.
async fn prerender_post(text: &str) -> AppResult<Vec<(String, String)>> {
    let text = text.trim();
    if rules::check_markdown(text, rules::MAX_POST).is_err() {
        return Ok(Vec::new());
    }
    let rendered = markdown::render_off_workers(vec![text.to_owned()])
        .await
        .map_err(AppError::Internal)?;
    for (_, html) in &rendered {
        rules::check_html(html.len()).map_err(|problem| invalid("text", problem))?;
    }
    Ok(rendered)
}

/// The inquiries about a State's circulated submission that the caller reads.
pub async fn inquiries(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
) -> AppResult<Vec<Inquiry>> {
    let mut tx = ctx.store.read().await?;
    super::directory::state(&mut tx, code).await?;
    let permit = access::read_circulated(actor)?;
    cycle_of(&mut tx, year).await?;
    let Some(stored) = submission_of(&mut tx, year, code).await? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for inquiry in liaison_store::exchange::inquiries(&mut tx, &permit, stored.id).await? {
        if access::read_inquiry(actor, &inquiry.asking_state, &inquiry.state, inquiry.public) {
            out.push(thread(&mut tx, &permit, inquiry).await?);
        }
    }
    Ok(out)
}

/// Raises an inquiry about another State's circulated submission; its coordinators are
/// notified.
pub async fn raise(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
    input: &InquiryInput,
) -> AppResult<Inquiry> {
    let now = ctx.clock.now();
    let rendered = prerender_post(&input.text).await?;
    let mut tx = ctx.store.begin().await?;
    super::directory::state(&mut tx, code).await?;
    let inquire = access::inquire(actor)?;
    let permit = access::read_circulated(actor)?;
    let text = check_post(ctx, &mut tx, &inquire, None, &input.text).await?;
    let opened_today = liaison_store::exchange::inquiries_opened_since(
        &mut tx,
        &inquire,
        now - time::Duration::days(1),
    )
    .await?;
    rules::check_inquiries_today(opened_today).map_err(|problem| {
        AppError::TooManyRequests(crate::error::word_problem(ctx.lang, &problem))
    })?;
    if inquire.state() == code {
        return Err(AppError::validation(
            "state",
            "a State inquires about other States' submissions, not its own",
        ));
    }
    let (state, documents) = circulated(&mut tx, &permit, year, code).await?;
    let cycle = cycle_of(&mut tx, year).await?;
    if let Some(section) = input.section
        && !cycle.sections.contains(&section)
    {
        return Err(invalid("section", rules::Invalid::NotAsked(section)));
    }
    let submission_id = documents.first().map_or(0, |d| d.submission_id);
    let id = liaison_store::exchange::insert_inquiry(
        &mut tx,
        &inquire,
        submission_id,
        input.section,
        now,
    )
    .await?;
    liaison_store::exchange::insert_post(&mut tx, &inquire, id, &actor.username, &text, now)
        .await?;
    keep_rendered(&mut tx, &rendered).await?;
    ctx.audit(
        &mut tx,
        actor,
        AuditEvent::ExchangeInquiry {
            inquiry_id: id,
            state: inquire.state().to_string(),
            action: "raised",
        },
    )
    .await?;
    let reference = documents
        .last()
        .map(|d| d.reference.clone())
        .unwrap_or_default();
    notify_inquiry(
        ctx,
        &mut tx,
        &state.code,
        inquire.state(),
        (&state.code, year, &reference),
        now,
    )
    .await?;
    let inquiry = liaison_store::exchange::inquiry(&mut tx, &permit, id)
        .await?
        .ok_or_else(|| AppError::Internal("an inquiry just stored is missing".into()))?;
    let out = thread(&mut tx, &permit, inquiry).await?;
    liaison_store::commit(tx).await?;
    Ok(out)
}

/// Queues the notice of a new message in an inquiry to the other State's coordinators.
#[allow(clippy::too_many_arguments)]
async fn notify_inquiry(
    ctx: &Ctx,
    tx: &mut Tx,
    to: &StateCode,
    from: &StateCode,
    (submitting, year, reference): (&StateCode, i32, &str),
    now: OffsetDateTime,
) -> AppResult<()> {
    let from_name = liaison_store::state::get(tx, from)
        .await?
        .map_or_else(|| from.to_string(), |s| s.name);
    // The thread lives with the submission asked about.
    let url = format!(
        "{}/exchange/{year}/submissions/{submitting}",
        public_url(ctx)
    );
    let letter = Letter {
        template: "exchange-inquiry",
        kind: "exchange.inquiry",
        values: minijinja::context! { state => from_name, reference => reference, url => url },
    };
    mail::notify_coordinators(tx, Coordinators::Of(to), &letter, now).await?;
    Ok(())
}

async fn readable_inquiry(
    tx: &mut Tx,
    actor: &Actor,
    permit: &ReadCirculated,
    id: i64,
) -> AppResult<StoredInquiry> {
    let inquiry = liaison_store::exchange::inquiry(tx, permit, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no inquiry {id}")))?;
    if !access::read_inquiry(actor, &inquiry.asking_state, &inquiry.state, inquiry.public) {
        return Err(AppError::NotFound(format!("no inquiry {id}")));
    }
    Ok(inquiry)
}

/// One inquiry and its thread, if the caller reads it.
pub async fn inquiry(ctx: &Ctx, actor: &Actor, id: i64) -> AppResult<Inquiry> {
    let permit = access::read_circulated(actor)?;
    let mut tx = ctx.store.read().await?;
    let inquiry = readable_inquiry(&mut tx, actor, &permit, id).await?;
    thread(&mut tx, &permit, inquiry).await
}

/// Adds a message to an inquiry's thread: an answer by the submitting State, or a follow-up
/// by the asking State. The other State's coordinators are notified.
pub async fn post(ctx: &Ctx, actor: &Actor, id: i64, input: &PostInput) -> AppResult<Inquiry> {
    let permit = access::read_circulated(actor)?;
    let now = ctx.clock.now();
    let rendered = prerender_post(&input.text).await?;
    let mut tx = ctx.store.begin().await?;
    let inquiry = readable_inquiry(&mut tx, actor, &permit, id).await?;
    let inquire = access::inquire(actor)?;
    let text = check_post(ctx, &mut tx, &inquire, Some(id), &input.text).await?;
    let other = if inquire.state() == &inquiry.state {
        inquiry.asking_state.clone()
    } else if inquire.state() == &inquiry.asking_state {
        inquiry.state.clone()
    } else {
        return Err(AppError::Forbidden(
            "only the two States of an inquiry write in its thread".into(),
        ));
    };
    liaison_store::exchange::insert_post(&mut tx, &inquire, id, &actor.username, &text, now)
        .await?;
    keep_rendered(&mut tx, &rendered).await?;
    let action = if inquire.state() == &inquiry.state {
        "answered"
    } else {
        "followed-up"
    };
    ctx.audit(
        &mut tx,
        actor,
        AuditEvent::ExchangeInquiry {
            inquiry_id: id,
            state: inquire.state().to_string(),
            action,
        },
    )
    .await?;
    let reference = liaison_store::exchange::documents(&mut tx, &permit, inquiry.submission_id)
        .await?
        .last()
        .map(|d| d.reference.clone())
        .unwrap_or_default();
    notify_inquiry(
        ctx,
        &mut tx,
        &other,
        inquire.state(),
        (&inquiry.state, inquiry.year, &reference),
        now,
    )
    .await?;
    let out = thread(&mut tx, &permit, inquiry).await?;
    liaison_store::commit(tx).await?;
    Ok(out)
}

/// Makes an inquiry's thread readable by every participating State, or by the two States only
/// (the submitting State's coordinator).
pub async fn set_visibility(ctx: &Ctx, actor: &Actor, id: i64, public: bool) -> AppResult<Inquiry> {
    let permit = access::read_circulated(actor)?;
    let mut tx = ctx.store.begin().await?;
    let mut inquiry = readable_inquiry(&mut tx, actor, &permit, id).await?;
    let publish = access::publish_inquiry(actor, &inquiry.state)?;
    if inquiry.public != public {
        liaison_store::exchange::set_public(&mut tx, &publish, id, public).await?;
        ctx.audit(
            &mut tx,
            actor,
            AuditEvent::ExchangeInquiry {
                inquiry_id: id,
                state: inquiry.state.to_string(),
                action: if public {
                    "made-public"
                } else {
                    "made-private"
                },
            },
        )
        .await?;
        inquiry.public = public;
    }
    let out = thread(&mut tx, &permit, inquiry).await?;
    liaison_store::commit(tx).await?;
    Ok(out)
}
