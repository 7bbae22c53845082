//! Communication-check operations (CBM 8 practice): launching a check (its challenges queued to
//! the outbox in the launch's own transaction), answering by link, in the app or with a signed
//! reply, the results within what the caller may see, a contact's history, the trend, the CSV
//! export, the reminders the scheduler queues and the delivery failures the mail worker reports.

use super::Ctx;
use super::mail::Letter;
use crate::error::{AppError, AppResult};
use crate::i18n;
use liaison_core::access::{self, Actor, CheckResults, ReadChecks};
use liaison_core::audit::AuditEvent;
use liaison_core::checks::launch::{self as launching, CheckRequest, Target};
use liaison_core::checks::{
    self as rules, AnswerError, Check, Levels, Proof, Scope, signed, stats,
};
use liaison_core::outbox::{Message, SECRET_MARK};
use liaison_store::Tx;
use liaison_store::checks::{Addressee, StoredChallenge, StoredCheck};
use liaison_types::checks::{
    AnswerReceipt, AnswerWay, ChallengeResult, CheckDetail, CheckFigures, CheckInput, CheckLevels,
    CheckSummary, ContactCheckStatus, ContactChecks, HistoryEntry, LevelResult, Outcome, ScopeKind,
    StateCheckStatus, StateResult, TrendPoint,
};
use liaison_types::directory::Contact;
use liaison_types::state::{State, StateCode};
use std::collections::{BTreeMap, HashMap};
use time::OffsetDateTime;

/// What a caller may do on the checks' pages, as the rules decide it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckAction {
    /// Launch a check (the network manager).
    Launch,
    /// Download a check's results (whoever sees more than the aggregate figures).
    Export,
    /// Read results State by State and contact by contact, beyond the aggregate figures.
    SeeResults,
    /// Read every State's results (the network manager).
    SeeEveryState,
}

pub fn actions(actor: &Actor) -> Vec<CheckAction> {
    let mut out = Vec::new();
    if access::launch_check(actor).is_ok() {
        out.push(CheckAction::Launch);
    }
    if access::export_check_results(actor).is_ok() {
        out.push(CheckAction::Export);
    }
    match access::check_results(actor) {
        CheckResults::AggregateOnly => {}
        CheckResults::All => out.extend([CheckAction::SeeResults, CheckAction::SeeEveryState]),
        CheckResults::State(_) | CheckResults::Contact(_) => out.push(CheckAction::SeeResults),
    }
    out
}

/// The States a check can target, for the launch form (the network manager only).
pub async fn launch_form(ctx: &Ctx, actor: &Actor) -> AppResult<Vec<State>> {
    access::launch_check(actor)?;
    let mut tx = ctx.store.read().await?;
    Ok(liaison_store::state::list(&mut tx).await?)
}

/// Checks per page of the list.
pub const PAGE_SIZE: i64 = 50;

// ---------------------------------------------------------------------------------------------
// Conversions between the rules' types and the wire types.

fn levels_of(levels: CheckLevels) -> Levels {
    match levels {
        CheckLevels::Policy => Levels::Policy,
        CheckLevels::Technical => Levels::Technical,
        CheckLevels::Both => Levels::Both,
    }
}

fn wire_levels(levels: Levels) -> CheckLevels {
    match levels {
        Levels::Policy => CheckLevels::Policy,
        Levels::Technical => CheckLevels::Technical,
        Levels::Both => CheckLevels::Both,
    }
}

fn wire_outcome(outcome: rules::Outcome) -> Outcome {
    match outcome {
        rules::Outcome::Pending => Outcome::Pending,
        rules::Outcome::OnTime(_) => Outcome::OnTime,
        rules::Outcome::Late(_) => Outcome::Late,
        rules::Outcome::NoAnswer => Outcome::NoAnswer,
        rules::Outcome::DeliveryFailed => Outcome::DeliveryFailed,
    }
}

fn wire_way(way: rules::AnswerWay) -> AnswerWay {
    match way {
        rules::AnswerWay::Link => AnswerWay::Link,
        rules::AnswerWay::App => AnswerWay::App,
        rules::AnswerWay::SignedReply => AnswerWay::SignedReply,
    }
}

/// The scope the request names, or the problem with it.
fn scope_of(input: &CheckInput) -> AppResult<Scope> {
    match input.scope {
        ScopeKind::All => Ok(Scope::All),
        ScopeKind::Region => input
            .region
            .map(Scope::Region)
            .ok_or_else(|| AppError::validation("region", "choose a region for a regional check")),
        ScopeKind::States => Ok(Scope::States(input.states.clone())),
    }
}

/// The rules' form of a launch request, or the problem with its scope (a regional check that
/// names no region). The rest is validated by `CheckRequest::validate`.
pub fn request_of(input: &CheckInput) -> AppResult<CheckRequest> {
    Ok(CheckRequest {
        scope: scope_of(input)?,
        levels: levels_of(input.levels),
        window_hours: input.window_hours,
        spread_hours: input.spread_hours,
        message: input.message.clone(),
    })
}

fn seconds(duration: time::Duration) -> i64 {
    duration.whole_seconds()
}

// ---------------------------------------------------------------------------------------------
// Reading.

/// A check with everything its results are computed from.
struct Loaded {
    stored: StoredCheck,
    targets: Vec<Target>,
    challenges: Vec<StoredChallenge>,
}

impl Loaded {
    fn check(&self) -> &Check {
        &self.stored.check
    }

    fn plain(&self) -> Vec<rules::Challenge> {
        self.challenges
            .iter()
            .map(|c| c.challenge.clone())
            .collect()
    }

    fn summary(&self, now: OffsetDateTime) -> CheckSummary {
        let check = self.check();
        let summary = stats::summarise(check, &self.targets, &self.plain(), now);
        let (scope, region, states) = match &check.scope {
            Scope::All => (ScopeKind::All, None, Vec::new()),
            Scope::Region(region) => (ScopeKind::Region, Some(*region), Vec::new()),
            Scope::States(codes) => (ScopeKind::States, None, codes.clone()),
        };
        CheckSummary {
            id: check.id.0,
            scope,
            region,
            states,
            levels: wire_levels(check.levels),
            window_hours: check.window_hours,
            spread_hours: check.spread_hours,
            message: check.message.clone(),
            launched_at: check.launched_at,
            launched_by: self.stored.launched_by.clone(),
            closes_at: check.closes_at(),
            closed: check.is_closed(now),
            figures: CheckFigures {
                challenged: summary.challenged,
                no_contact: summary.no_contact,
                pending: summary.counts.pending,
                on_time: summary.counts.on_time,
                late: summary.counts.late,
                no_answer: summary.counts.no_answer,
                delivery_failed: summary.counts.delivery_failed,
                key_verified: summary.counts.key_verified,
                answered: summary.response_rate.part,
                response_rate_percent: summary.response_rate.percent(),
                median_seconds: summary.median.map(seconds),
                p90_seconds: summary.p90.map(seconds),
                states_in_scope: summary.states_reached.whole,
                states_reached: summary.states_reached.part,
            },
        }
    }

    fn state_results(&self, now: OffsetDateTime) -> Vec<stats::StateResult> {
        stats::state_results(self.check(), &self.targets, &self.plain(), now)
    }
}

fn challenge_result(
    check: &Check,
    stored: &StoredChallenge,
    now: OffsetDateTime,
) -> ChallengeResult {
    let challenge = &stored.challenge;
    let outcome = rules::outcome(check, challenge, now);
    let answer = challenge.answer.filter(|answer| answer.at <= now);
    ChallengeResult {
        id: stored.id,
        check_id: stored.check_id,
        contact_id: challenge.contact.0,
        contact_name: stored.contact_name.clone(),
        email: stored.email.clone(),
        state: challenge.state.clone(),
        level: challenge.level,
        sent_at: challenge.sent_at,
        deadline: check.deadline(challenge),
        outcome: wire_outcome(outcome),
        response_seconds: outcome.response_time().map(seconds),
        answered_at: answer.map(|a| a.at),
        answer_way: answer.map(|a| wire_way(a.way)),
        key_verified: outcome.answered() && challenge.key_verified(),
        reminded_at: challenge.reminded_at,
        delivery_failed_at: challenge.delivery_failed_at,
        delivery_error: stored.delivery_error.clone(),
    }
}

async fn load(tx: &mut Tx, permit: &ReadChecks, stored: StoredCheck) -> AppResult<Loaded> {
    let id = stored.check.id.0;
    let targets = liaison_store::checks::targets(tx, permit, id).await?;
    let challenges = liaison_store::checks::challenges(tx, permit, id).await?;
    Ok(Loaded {
        stored,
        targets,
        challenges,
    })
}

async fn load_id(tx: &mut Tx, permit: &ReadChecks, id: i64) -> AppResult<Loaded> {
    let stored = liaison_store::checks::get(tx, permit, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no communication check with id {id}")))?;
    load(tx, permit, stored).await
}

fn names(states: &[State]) -> HashMap<StateCode, String> {
    states
        .iter()
        .map(|s| (s.code.clone(), s.name.clone()))
        .collect()
}

/// A page of checks, newest first, with their figures: readable by every signed-in account.
pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    before: Option<i64>,
) -> AppResult<(Vec<CheckSummary>, Option<i64>)> {
    let permit = access::read_checks(actor)?;
    let now = ctx.clock.now();
    let generation = ctx.store.generation();
    let mut tx = ctx.store.read().await?;
    let stored = liaison_store::checks::list(&mut tx, &permit, before, PAGE_SIZE + 1).await?;
    let more = stored.len() > PAGE_SIZE as usize;
    let mut out = Vec::new();
    for check in stored.into_iter().take(PAGE_SIZE as usize) {
        // A check's figures are the same for every reader: kept until a write or until they
        // change with time (a deadline, the check closing; a closed check's are final).
        let (tx, permit) = (&mut tx, &permit);
        let kept = crate::cache::kept(
            &ctx.caches.checks,
            check.check.id.0,
            (generation, now),
            || async move {
                let loaded = load(tx, permit, check).await?;
                let until = rules::next_change(loaded.check(), &loaded.plain(), now)
                    .unwrap_or(now + time::Duration::days(366));
                Ok((loaded.summary(now), until))
            },
        )
        .await?;
        out.push(kept.value.clone());
    }
    let next = if more { out.last().map(|c| c.id) } else { None };
    Ok((out, next))
}

/// One check: its figures for everyone, and the per-State and per-contact results the caller
/// may see.
pub async fn detail(ctx: &Ctx, actor: &Actor, id: i64) -> AppResult<CheckDetail> {
    let permit = access::read_checks(actor)?;
    let visible = access::check_results(actor);
    let now = ctx.clock.now();
    let mut tx = ctx.store.read().await?;
    let loaded = load_id(&mut tx, &permit, id).await?;
    let names = names(&liaison_store::state::list(&mut tx).await?);
    drop(tx);
    Ok(detail_of(&loaded, &visible, &names, now))
}

fn detail_of(
    loaded: &Loaded,
    visible: &CheckResults,
    names: &HashMap<StateCode, String>,
    now: OffsetDateTime,
) -> CheckDetail {
    let states = loaded
        .state_results(now)
        .into_iter()
        .filter(|result| visible.sees_state(&result.state))
        .map(|result| StateResult {
            name: names.get(&result.state).cloned().unwrap_or_default(),
            state: result.state,
            reached: result.reached,
            awaiting_until: result.awaiting_until,
            levels: result
                .levels
                .into_iter()
                .map(|level| LevelResult {
                    level: level.level,
                    challenged: level.challenged,
                    on_time: level.on_time,
                    reached: level.reached,
                    awaiting_until: level.awaiting_until,
                })
                .collect(),
        })
        .collect();
    let challenges = loaded
        .challenges
        .iter()
        .filter(|c| visible.sees_contact(&c.challenge.state, c.challenge.contact.0))
        .map(|c| challenge_result(loaded.check(), c, now))
        .collect();
    CheckDetail {
        check: loaded.summary(now),
        states,
        challenges,
    }
}

/// The CSV of a check's results, with the rows the caller may see.
pub async fn export_csv(
    ctx: &Ctx,
    actor: &Actor,
    id: i64,
) -> AppResult<super::directory::Download> {
    let permit = access::read_checks(actor)?;
    let mut tx = ctx.store.read().await?;
    let loaded = load_id(&mut tx, &permit, id).await?;
    drop(tx);
    let visible = access::export_check_results(actor)?;
    let detail = detail_of(&loaded, &visible, &HashMap::new(), ctx.clock.now());
    let body = rules::export::results_csv(&detail.challenges).map_err(AppError::Internal)?;
    Ok(super::directory::Download {
        content_type: "text/csv; charset=utf-8",
        filename: format!("liaison-check-{id}.csv"),
        body: body.into_bytes(),
    })
}

/// The trend across every check, oldest first: readable by every signed-in account.
pub async fn trend(ctx: &Ctx, actor: &Actor) -> AppResult<Vec<TrendPoint>> {
    let permit = access::read_checks(actor)?;
    let now = ctx.clock.now();
    let mut tx = ctx.store.read().await?;
    let every = liaison_store::checks::list(&mut tx, &permit, None, i64::MAX).await?;
    let mut loaded = Vec::new();
    for check in every {
        loaded.push(load(&mut tx, &permit, check).await?);
    }
    drop(tx);
    let summaries: HashMap<i64, stats::Summary> = loaded
        .iter()
        .map(|l| {
            let summary = stats::summarise(l.check(), &l.targets, &l.plain(), now);
            (l.check().id.0, summary)
        })
        .collect();
    let pairs = loaded
        .iter()
        .filter_map(|l| Some((l.check(), summaries.get(&l.check().id.0)?)));
    Ok(stats::trend(pairs, now)
        .into_iter()
        .map(|point| TrendPoint {
            check_id: point.check.0,
            launched_at: point.launched_at,
            closed: point.closed,
            response_rate_percent: point.response_rate.percent(),
            median_seconds: point.median.map(seconds),
            challenged: summaries
                .get(&point.check.0)
                .map_or(0, |summary| summary.challenged),
        })
        .collect())
}

/// The contact's history across checks, and whether it is unreachable.
pub async fn contact_checks(ctx: &Ctx, actor: &Actor, contact_id: i64) -> AppResult<ContactChecks> {
    let permit = access::read_checks(actor)?;
    let now = ctx.clock.now();
    let mut tx = ctx.store.read().await?;
    let state = liaison_store::directory::state_of(&mut tx, contact_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no contact with id {contact_id}")))?;
    access::read_check_history(actor, &state, contact_id)?;
    let challenges = liaison_store::checks::of_contact(&mut tx, &permit, contact_id).await?;
    let mut checks: BTreeMap<i64, Check> = BTreeMap::new();
    for challenge in &challenges {
        if let Some(stored) =
            liaison_store::checks::get(&mut tx, &permit, challenge.check_id).await?
        {
            checks.insert(challenge.check_id, stored.check);
        }
    }
    drop(tx);
    Ok(history_of(contact_id, &checks, &challenges, now))
}

fn history_of(
    contact_id: i64,
    checks: &BTreeMap<i64, Check>,
    challenges: &[StoredChallenge],
    now: OffsetDateTime,
) -> ContactChecks {
    let pairs: Vec<(&Check, &rules::Challenge)> = challenges
        .iter()
        .filter(|c| c.challenge.contact.0 == contact_id)
        .filter_map(|c| checks.get(&c.check_id).map(|check| (check, &c.challenge)))
        .collect();
    let history = stats::contact_history(pairs, now);
    ContactChecks {
        contact_id,
        unreachable: stats::unreachable(&history),
        history: history
            .iter()
            .map(|entry| HistoryEntry {
                check_id: entry.check.0,
                launched_at: entry.launched_at,
                closed: entry.closed,
                outcome: wire_outcome(entry.outcome),
                response_seconds: entry.outcome.response_time().map(seconds),
                key_verified: entry.key_verified,
            })
            .collect(),
    }
}

/// The challenges of the caller's own contact in checks still open: the notice in the app.
pub async fn my_challenges(ctx: &Ctx, actor: &Actor) -> AppResult<Vec<ChallengeResult>> {
    let Some(contact) = actor.contact else {
        return Ok(Vec::new());
    };
    let permit = access::read_checks(actor)?;
    let now = ctx.clock.now();
    let mut tx = ctx.store.read().await?;
    let mut out = Vec::new();
    for stored in liaison_store::checks::of_contact(&mut tx, &permit, contact).await? {
        let Some(check) = liaison_store::checks::get(&mut tx, &permit, stored.check_id).await?
        else {
            continue;
        };
        if !check.check.is_closed(now) && stored.challenge.sent_at <= now {
            out.push(challenge_result(&check.check, &stored, now));
        }
    }
    out.sort_by_key(|c| std::cmp::Reverse(c.sent_at));
    Ok(out)
}

/// A State's check status before any result of it is known.
fn no_result_yet(state: StateCode) -> StateCheckStatus {
    StateCheckStatus {
        state,
        last_check_id: None,
        last_reached: None,
        awaiting_check_id: None,
        awaiting_until: None,
        unreachable: 0,
        contacts: Vec::new(),
    }
}

/// What `visible` lets a caller see of a State's check status: all of it for the manager and
/// the State's own coordinator, only its own contact's line for a point of contact, nothing
/// for the other roles and States.
pub fn seen_by(status: &StateCheckStatus, visible: &CheckResults) -> Option<StateCheckStatus> {
    match visible {
        CheckResults::Contact(own) => {
            let contacts: Vec<ContactCheckStatus> = status
                .contacts
                .iter()
                .filter(|c| c.contact_id == *own)
                .cloned()
                .collect();
            if contacts.is_empty() {
                return None;
            }
            let mut seen = no_result_yet(status.state.clone());
            seen.unreachable = contacts.iter().filter(|c| c.unreachable).count() as u32;
            seen.contacts = contacts;
            Some(seen)
        }
        visible if visible.sees_state(&status.state) => Some(status.clone()),
        _ => None,
    }
}

/// What the directory shows of the checks, per State, as the network manager sees it: the
/// last check's outcome per contact and State, and the contacts flagged unreachable; with the
/// first moment after `now` at which it may change with no write (a deadline passing). With
/// `only`, just that State's (one State's page reads only its own rows). A caller sees of it
/// what [`seen_by`] keeps.
pub async fn directory_status(
    tx: &mut Tx,
    now: OffsetDateTime,
    only: Option<&StateCode>,
) -> AppResult<(
    BTreeMap<StateCode, StateCheckStatus>,
    Option<OffsetDateTime>,
)> {
    let permit = access::system::read_checks();
    let checks = liaison_store::checks::list(tx, &permit, None, i64::MAX).await?;
    if checks.is_empty() {
        return Ok((BTreeMap::new(), None));
    }
    let challenges = liaison_store::checks::challenges_of(tx, &permit, only).await?;
    let mut targets: BTreeMap<i64, Vec<Target>> = BTreeMap::new();
    for (check, target) in liaison_store::checks::targets_of(tx, &permit, only).await? {
        targets.entry(check).or_default().push(target);
    }
    let mut out: BTreeMap<StateCode, StateCheckStatus> = BTreeMap::new();
    let by_id: BTreeMap<i64, Check> = checks
        .iter()
        .map(|c| (c.check.id.0, c.check.clone()))
        .collect();
    let mut next_change: Option<OffsetDateTime> = None;
    // Each check's challenges, in one pass (the network holds a million at the size of the
    // world: filtering them once per check made the overview quadratic).
    let mut by_check: HashMap<i64, Vec<rules::Challenge>> = HashMap::new();
    for challenge in &challenges {
        by_check
            .entry(challenge.check_id)
            .or_default()
            .push(challenge.challenge.clone());
    }
    // Checks newest first: the first that has a State in scope is that State's last.
    for stored in &checks {
        let id = stored.check.id.0;
        let plain = by_check.remove(&id).unwrap_or_default();
        if let Some(at) = rules::next_change(&stored.check, &plain, now) {
            next_change = Some(next_change.map_or(at, |next| next.min(at)));
        }
        let Some(targets) = targets.get(&id) else {
            continue;
        };
        for result in stats::state_results(&stored.check, targets, &plain, now) {
            let entry = out
                .entry(result.state.clone())
                .or_insert_with(|| no_result_yet(result.state.clone()));
            // The newest check awaiting the State's answer is shown as such; the last settled
            // result stays beside it.
            match result.awaiting_until {
                Some(until)
                    if entry.awaiting_check_id.is_none() && entry.last_check_id.is_none() =>
                {
                    entry.awaiting_check_id = Some(id);
                    entry.awaiting_until = Some(until);
                }
                Some(_) => {}
                None if entry.last_check_id.is_none() => {
                    entry.last_check_id = Some(id);
                    entry.last_reached = Some(result.reached);
                }
                None => {}
            }
        }
    }
    let mut by_contact: BTreeMap<i64, Vec<StoredChallenge>> = BTreeMap::new();
    for challenge in challenges {
        by_contact
            .entry(challenge.challenge.contact.0)
            .or_default()
            .push(challenge);
    }
    for (contact, challenges) in by_contact {
        let history = history_of(contact, &by_id, &challenges, now);
        let (Some(last), Some(state)) = (history.history.first(), challenges.first()) else {
            continue;
        };
        let code = state.challenge.state.clone();
        let entry = out
            .entry(code.clone())
            .or_insert_with(|| no_result_yet(code));
        if history.unreachable {
            entry.unreachable += 1;
        }
        entry.contacts.push(ContactCheckStatus {
            contact_id: contact,
            last_check_id: last.check_id,
            last_outcome: last.outcome,
            unreachable: history.unreachable,
        });
    }
    Ok((out, next_change))
}

// ---------------------------------------------------------------------------------------------
// Launching.

/// Launches a check: validates the request, challenges every targeted contact, queues each
/// challenge's email at its send time, and audits the launch, all in one transaction.
pub async fn launch(ctx: &Ctx, actor: &Actor, input: &CheckInput) -> AppResult<CheckDetail> {
    let permit = access::launch_check(actor)?;
    let now = ctx.clock.now();
    let request = request_of(input)?;
    let mut tx = ctx.store.begin().await?;
    let states = liaison_store::state::list(&mut tx).await?;
    let spec = request.validate(&states).map_err(AppError::worded)?;
    let overview = access::read_overview(actor)?;
    let contacts =
        liaison_store::directory::list_all(&mut tx, &overview, ctx.clock.today()).await?;
    let launched = launching::launch(&spec, &states, &contacts, now, &mut ctx.random.rng())
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let provisional = spec.into_check(rules::CheckId(0), now);
    let id = liaison_store::checks::insert(&mut tx, &permit, &provisional, &actor.username).await?;
    let check = Check {
        id: rules::CheckId(id),
        ..provisional
    };
    liaison_store::checks::insert_targets(&mut tx, &permit, id, &launched.targets).await?;
    let by_id: HashMap<i64, &Contact> = contacts.iter().map(|c| (c.id, c)).collect();
    let names = names(&states);
    for issued in &launched.challenges {
        let challenge = &issued.challenge;
        let Some(contact) = by_id.get(&challenge.contact.0) else {
            continue;
        };
        let message = challenge_message(
            ctx,
            &check,
            contact,
            &names,
            (&issued.token, challenge.sent_at),
            false,
        )?;
        let outbox_id =
            liaison_store::outbox::enqueue_at(&mut tx, &message, now, challenge.sent_at).await?;
        liaison_store::checks::insert_challenge(
            &mut tx,
            &permit,
            id,
            challenge,
            Addressee {
                contact_name: &contact.details.name,
                email: &contact.details.email,
                outbox_id: Some(outbox_id),
            },
            now,
        )
        .await?;
    }
    let scope = match &check.scope {
        Scope::All => "all".to_owned(),
        Scope::Region(region) => format!("region {}", region.as_str()),
        Scope::States(codes) => codes
            .iter()
            .map(StateCode::as_str)
            .collect::<Vec<_>>()
            .join(" "),
    };
    let after = serde_json::json!({
        "scope": scope, "levels": check.levels.as_str(), "window_hours": check.window_hours,
        "spread_hours": check.spread_hours, "message": check.message,
        "challenged": launched.challenges.len(),
        "no_contact": launched.targets.iter().filter(|t| t.contact.is_none()).count(),
    });
    ctx.audit(
        &mut tx,
        actor,
        AuditEvent::CheckLaunched {
            check_id: id,
            after,
        },
    )
    .await?;
    liaison_store::commit(tx).await?;
    detail(ctx, actor, id).await
}

/// The language of mail to a contact: the first of its working languages the interface
/// speaks, else English.
fn contact_lang(contact: &Contact) -> &'static str {
    contact
        .details
        .languages
        .iter()
        .find_map(|wanted| {
            i18n::LANGUAGES
                .iter()
                .map(|(code, _)| *code)
                .find(|code| code == wanted)
        })
        .unwrap_or("en")
}

/// The challenge email (or its reminder) to `contact`, for the challenge sent at `sent_at`.
/// The token is the message's secret: the body holds [`SECRET_MARK`] where it goes, so that it
/// is stored only until the mail is sent.
fn challenge_message(
    ctx: &Ctx,
    check: &Check,
    contact: &Contact,
    names: &HashMap<StateCode, String>,
    (token, sent_at): (&str, OffsetDateTime),
    reminder: bool,
) -> AppResult<Message> {
    let lang = contact_lang(contact);
    let base = super::mail::public_url(ctx);
    let level = match contact.kind {
        liaison_types::directory::ContactKind::Poc { level } => level,
        liaison_types::directory::ContactKind::Structure { .. } => {
            liaison_types::directory::Level::Technical
        }
    };
    let state = names
        .get(&contact.state)
        .cloned()
        .unwrap_or_else(|| contact.state.to_string());
    let deadline = i18n::moment(
        lang,
        sent_at.saturating_add(check.window()),
        Some(&contact.details.time_zone),
    );
    let letter = Letter {
        template: "check-challenge",
        kind: if reminder {
            "checks.reminder"
        } else {
            "checks.challenge"
        },
        values: minijinja::context! {
            reminder => reminder,
            hours => check.window_hours,
            deadline => deadline,
            name => contact.details.name.clone(),
            level => level.as_str(),
            state => state,
            lines => check.message.lines().map(str::to_owned).collect::<Vec<_>>(),
            link => format!("{base}/checks/answer/{SECRET_MARK}"),
            app => format!("{base}/checks"),
            command => format!("liaison checks answer --server {base} --challenge {SECRET_MARK} --key SECRET-KEY.asc"),
            gpg => format!("echo {SECRET_MARK} | gpg --clearsign > answer.asc; liaison checks answer --server {base} --signed answer.asc"),
        },
    };
    let mut message = letter.to(&contact.details.email, lang)?;
    message.secret = Some(token.to_owned());
    Ok(message)
}

// ---------------------------------------------------------------------------------------------
// Answering.

fn refused(error: AnswerError) -> AppError {
    match error {
        AnswerError::Unknown => AppError::NotFound(error.to_string()),
        AnswerError::Foreign => AppError::Forbidden(error.to_string()),
        AnswerError::AlreadyAnswered(_) | AnswerError::Expired(_) => {
            AppError::Conflict(error.to_string())
        }
    }
}

/// Whether `token` has the form of a challenge token (43 base64url characters).
fn well_formed(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// What an answer needs besides the proof: the challenge, and the key fingerprint when signed.
struct Answering<'a> {
    challenge: StoredChallenge,
    proof: Proof<'a>,
    by: String,
    fingerprint: Option<String>,
}

async fn record(ctx: &Ctx, mut tx: Tx, answering: Answering<'_>) -> AppResult<AnswerReceipt> {
    let now = ctx.clock.now();
    let permit = access::system::answer_with_token();
    let stored = liaison_store::checks::get(&mut tx, &permit, answering.challenge.check_id)
        .await?
        .ok_or_else(|| AppError::Internal("a challenge without its check".into()))?;
    let check = &stored.check;
    let accepted = rules::answer(check, &answering.challenge.challenge, answering.proof, now)
        .map_err(refused)?;
    if !liaison_store::checks::record_answer(
        &mut tx,
        &access::system::record_answer(),
        answering.challenge.id,
        accepted,
        &answering.by,
    )
    .await?
    {
        return Err(AppError::Conflict(
            "this challenge was answered a moment ago; a token answers once".into(),
        ));
    }
    let actor = Actor {
        username: answering.by.clone(),
        ..Actor::system()
    };
    let challenge = &answering.challenge;
    ctx.audit(
        &mut tx,
        &actor,
        AuditEvent::CheckAnswered {
            check_id: challenge.check_id,
            challenge_id: challenge.id,
            contact_id: challenge.challenge.contact.0,
            way: accepted.way.as_str(),
            fingerprint: answering.fingerprint.clone(),
        },
    )
    .await?;
    liaison_store::commit(tx).await?;
    let mut answered = challenge.challenge.clone();
    answered.answer = Some(accepted);
    let outcome = rules::outcome(check, &answered, now);
    Ok(AnswerReceipt {
        check_id: challenge.check_id,
        challenge_id: challenge.id,
        contact_name: challenge.contact_name.clone(),
        state: answered.state.clone(),
        level: answered.level,
        answered_at: accepted.at,
        way: wire_way(accepted.way),
        outcome: wire_outcome(outcome),
        response_seconds: outcome.response_time().map(seconds).unwrap_or(0),
        key_verified: answered.key_verified(),
        fingerprint: answering.fingerprint,
    })
}

/// The challenge a token answers, or *unknown*.
async fn by_token(tx: &mut Tx, token: &str) -> AppResult<StoredChallenge> {
    let token = token.trim();
    if !well_formed(token) {
        return Err(refused(AnswerError::Unknown));
    }
    let permit = access::system::answer_with_token();
    liaison_store::checks::by_token(tx, &permit, &launching::token_hash(token))
        .await?
        .ok_or_else(|| refused(AnswerError::Unknown))
}

/// Answers by the one-time link: the token is the proof, no account is needed.
pub async fn answer_by_link(ctx: &Ctx, token: &str) -> AppResult<AnswerReceipt> {
    let mut tx = ctx.store.begin().await?;
    let challenge = by_token(&mut tx, token).await?;
    let hash = challenge.challenge.token_hash.clone();
    let by = format!("contact/{} (link)", challenge.challenge.contact.0);
    record(
        ctx,
        tx,
        Answering {
            challenge,
            proof: Proof::Link { token_hash: &hash },
            by,
            fingerprint: None,
        },
    )
    .await
}

/// What the answer page shows before the contact confirms: whose challenge the link is, and
/// whether it can still be answered. Looking at it changes nothing (mail scanners open links).
pub async fn peek_link(ctx: &Ctx, token: &str) -> AppResult<(ChallengeResult, CheckSummary)> {
    let permit = access::system::answer_with_token();
    let mut tx = ctx.store.read().await?;
    let challenge = by_token(&mut tx, token).await?;
    let loaded = load_id(&mut tx, &permit, challenge.check_id).await?;
    let now = ctx.clock.now();
    Ok((
        challenge_result(loaded.check(), &challenge, now),
        loaded.summary(now),
    ))
}

/// Answers with a cleartext-signed text carrying the token, verified against the contact's
/// registered OpenPGP key: the answer is then key-verified.
pub async fn answer_signed(ctx: &Ctx, armored: &str) -> AppResult<AnswerReceipt> {
    let answer =
        signed::read(armored).map_err(|e| AppError::validation("signed", e.to_string()))?;
    let mut tx = ctx.store.begin().await?;
    let challenge = by_token(&mut tx, &answer.token).await?;
    let contact_id = challenge.challenge.contact.0;
    let state = liaison_store::state::get(&mut tx, &challenge.challenge.state)
        .await?
        .ok_or_else(|| AppError::Internal("a challenge without its State".into()))?;
    let read = access::system::read_contacts(&state);
    let key = liaison_store::directory::current_key(&mut tx, &read, contact_id, ctx.clock.today())
        .await?;
    let contact =
        liaison_store::directory::get(&mut tx, &read, contact_id, ctx.clock.today()).await?;
    if let Some(expires_at) = contact
        .as_ref()
        .and_then(|c| c.key.as_ref())
        .and_then(|k| k.expires_at)
        && expires_at <= ctx.clock.now()
    {
        return Err(AppError::validation(
            "signed",
            "the contact's registered OpenPGP key has expired; register a new key, then answer again",
        ));
    }
    let fingerprint = answer
        .verify(key.as_deref())
        .map_err(|e| AppError::validation("signed", e.to_string()))?;
    let hash = challenge.challenge.token_hash.clone();
    record(
        ctx,
        tx,
        Answering {
            challenge,
            proof: Proof::SignedReply { token_hash: &hash },
            by: format!("contact/{contact_id} (signed)"),
            fingerprint: Some(fingerprint),
        },
    )
    .await
}

/// Answers in the app: the signed-in point of contact answers its own challenge.
pub async fn answer_in_app(
    ctx: &Ctx,
    actor: &Actor,
    challenge_id: i64,
) -> AppResult<AnswerReceipt> {
    let permit = access::read_checks(actor)?;
    let mut tx = ctx.store.begin().await?;
    let challenge = liaison_store::checks::challenge(&mut tx, &permit, challenge_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no challenge with id {challenge_id}")))?;
    let contact = access::answer_in_app(actor)?;
    record(
        ctx,
        tx,
        Answering {
            challenge,
            proof: Proof::App {
                contact: rules::ContactId(contact),
            },
            by: actor.username.clone(),
            fingerprint: None,
        },
    )
    .await
}

// ---------------------------------------------------------------------------------------------
// Background work.

/// Queues the one reminder of every challenge halfway through its window without an answer. A
/// reminder carries a fresh token (the first one's mail may be lost; both answer the same
/// challenge once). Returns how many were queued.
pub async fn queue_reminders(ctx: &Ctx) -> AppResult<u32> {
    let permit = access::system::read_checks();
    let run = access::system::run_checks();
    let now = ctx.clock.now();
    let mut tx = ctx.store.begin().await?;
    let open = liaison_store::checks::open(&mut tx, &permit, now).await?;
    if open.is_empty() {
        return Ok(0);
    }
    let names = names(&liaison_store::state::list(&mut tx).await?);
    let overview = access::system::read_overview();
    let contacts: HashMap<i64, Contact> =
        liaison_store::directory::list_all(&mut tx, &overview, ctx.clock.today())
            .await?
            .into_iter()
            .map(|c| (c.id, c))
            .collect();
    let mut queued = 0;
    for stored in open {
        let check = &stored.check;
        let mut reminded = Vec::new();
        for challenge in liaison_store::checks::challenges(&mut tx, &permit, check.id.0).await? {
            if !rules::reminder_due(check, &challenge.challenge, now) {
                continue;
            }
            // A contact retired since the launch is not reminded; its challenge stands.
            let Some(contact) = contacts.get(&challenge.challenge.contact.0) else {
                continue;
            };
            let token = launching::new_token(&mut ctx.random.rng());
            liaison_store::checks::insert_token(
                &mut tx,
                &run,
                challenge.id,
                &launching::token_hash(&token),
                now,
            )
            .await?;
            let message = challenge_message(
                ctx,
                check,
                contact,
                &names,
                (&token, challenge.challenge.sent_at),
                true,
            )?;
            let outbox_id = liaison_store::outbox::enqueue(&mut tx, &message, now).await?;
            if liaison_store::checks::record_reminder(&mut tx, &run, challenge.id, now, outbox_id)
                .await?
            {
                reminded.push(challenge.id);
                queued += 1;
            }
        }
        if !reminded.is_empty() {
            ctx.audit(
                &mut tx,
                &Actor::system(),
                AuditEvent::CheckRemindersQueued {
                    check_id: check.id.0,
                    challenges: reminded,
                },
            )
            .await?;
        }
    }
    liaison_store::commit(tx).await?;
    Ok(queued)
}

/// Records against its challenge that an outbox message of a check could not be delivered
/// (refused by the relay, or given up after every retry). Does nothing for other messages, or
/// once the check is closed. Returns whether it recorded.
pub async fn delivery_failed(ctx: &Ctx, outbox_id: i64, error: &str) -> AppResult<bool> {
    let permit = access::system::read_checks();
    let now = ctx.clock.now();
    let mut tx = ctx.store.begin().await?;
    let Some(challenge) = liaison_store::checks::by_outbox(&mut tx, &permit, outbox_id).await?
    else {
        return Ok(false);
    };
    let Some(stored) = liaison_store::checks::get(&mut tx, &permit, challenge.check_id).await?
    else {
        return Ok(false);
    };
    if !rules::may_record_delivery_failure(&stored.check, &challenge.challenge, now)
        || !liaison_store::checks::record_delivery_failure(
            &mut tx,
            &access::system::run_checks(),
            challenge.id,
            now,
            error,
        )
        .await?
    {
        return Ok(false);
    }
    ctx.audit(
        &mut tx,
        &Actor::system(),
        AuditEvent::CheckDeliveryFailed {
            check_id: challenge.check_id,
            challenge_id: challenge.id,
            contact_id: challenge.challenge.contact.0,
            error: error.to_owned(),
        },
    )
    .await?;
    liaison_store::commit(tx).await?;
    Ok(true)
}
