//! The annual information exchange (CBMs 1, 4, 6, 7, 9, 15): the manager opens a cycle (the
//! participating States' coordinators are notified), a coordinator drafts the State's one
//! consolidated input section by section (every save a version, private to the State), submits
//! it (refused with every problem named; after the deadline accepted and marked late), it is
//! circulated under a document reference (at once or by the manager) and frozen, every State is
//! notified and may read it and raise inquiries; a later submission circulates `…/Rev.N`.

mod circulation;
mod documents;
pub mod export;
mod inquiries;
mod submission;

pub use circulation::*;
pub use documents::*;
pub use inquiries::*;
pub use submission::*;

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
use liaison_types::id::{AttachmentId, DocumentId, SubmissionId};
use liaison_types::state::{State, StateCode};
use sha2::Digest;
use std::collections::{BTreeMap, HashMap};
use time::OffsetDateTime;

// ---------------------------------------------------------------------------------------------
// Conversions.

pub(super) fn content(section: &StoredSection, html: &Html) -> SectionContent {
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
pub(super) struct Html(HashMap<String, String>);

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
pub(super) async fn html_of(tx: &mut Tx, texts: Vec<&str>) -> AppResult<Html> {
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
pub(super) async fn prerender(
    texts: &[(&str, Option<&String>)],
) -> AppResult<Vec<(String, String)>> {
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
pub(super) async fn keep_rendered(tx: &mut Tx, rendered: &[(String, String)]) -> AppResult<()> {
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

pub(super) fn texts(sections: &[StoredSection]) -> Vec<SectionText<'_>> {
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
pub(super) fn complete_sections(cycle: &Cycle, sections: &[StoredSection]) -> Vec<Section> {
    let texts = texts(sections);
    cycle
        .sections
        .iter()
        .copied()
        .filter(|section| rules::submission_problems(&[*section], &texts).is_empty())
        .collect()
}

/// The sections of a cycle that a draft declares not provided this year.
pub(super) fn not_provided_sections(cycle: &Cycle, sections: &[StoredSection]) -> Vec<Section> {
    sections
        .iter()
        .filter(|s| s.not_provided && cycle.sections.contains(&s.section))
        .map(|s| s.section)
        .collect()
}

pub(super) fn plan_of(cycle: &Cycle) -> rules::CyclePlan {
    rules::CyclePlan {
        year: cycle.year,
        opens_on: cycle.opens_on,
        deadline: cycle.deadline,
        sections: cycle.sections.clone(),
    }
}

/// The texts of sections, originals and translations.
pub(super) fn section_texts(sections: &[StoredSection]) -> Vec<&str> {
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
pub(super) fn document_texts<'a>(
    documents: impl IntoIterator<Item = &'a StoredDocument>,
) -> Vec<&'a str> {
    let mut texts = Vec::new();
    for document in documents {
        texts.extend(section_texts(&document.sections));
    }
    texts
}

pub(super) fn document_of(
    state: &State,
    year: i32,
    stored: &StoredDocument,
    html: &Html,
) -> Document {
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

pub(super) fn compared(document: &StoredDocument) -> Vec<diff::Compared<'_>> {
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

pub(super) fn invalid(field: &str, problem: rules::Invalid) -> AppError {
    AppError::worded([(field.to_owned(), problem)])
}

// ---------------------------------------------------------------------------------------------
// Loading.

pub(super) async fn cycle_of(tx: &mut Tx, year: i32) -> AppResult<Cycle> {
    liaison_store::exchange::cycle(tx, &access::system::read_exchange(), year)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no exchange cycle for {year}")))
}

pub(super) async fn submission_of(
    tx: &mut Tx,
    year: i32,
    state: &StateCode,
) -> AppResult<Option<StoredSubmission>> {
    Ok(
        liaison_store::exchange::submission(tx, &access::system::read_exchange(), year, state)
            .await?,
    )
}

pub(super) fn status_of(submission: Option<&StoredSubmission>) -> SubmissionStatus {
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

pub(super) use super::mail::public_url;

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
    let drafts: HashMap<SubmissionId, Vec<StoredSection>> =
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
