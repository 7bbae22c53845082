//! Directory operations (CBM 8): changing a State's entry, confirming it, registering keys,
//! importing and exporting, reading it within what the caller may see, and queuing reminders.

use super::Ctx;
use super::mail::{self, Coordinators, Letter};
use crate::error::{AppError, AppResult};
use liaison_core::access::{self, Actor, EditEntry, ReadContacts};
use liaison_core::audit::AuditEvent;
use liaison_core::directory::{self as rules, key};
use liaison_store::Tx;
use liaison_store::directory::{NewVersion, StoredKey};
use liaison_types::checks::StateCheckStatus;
use liaison_types::directory::{
    AnnualStatus, Change, Contact, ContactDetails, ContactInput, ContactKind, ContactVersion,
    DirectoryStatus, EntryAction, ImportReport, StateEntry,
};
use liaison_types::state::{State, StateCode};
use std::collections::BTreeMap;
use time::{Date, Duration};

/// Which States the overview lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Filter {
    #[default]
    All,
    Overdue,
    DueSoon,
    Late,
    NoPolicy,
    NoTechnical,
    Incomplete,
    /// States with a contact that missed the last two communication checks (shown to those who
    /// may see the State's check results).
    Unreachable,
}

impl Filter {
    pub fn keeps(self, status: &DirectoryStatus) -> bool {
        match self {
            Filter::All => true,
            Filter::Overdue => status.overdue > 0,
            Filter::DueSoon => status.due_soon > 0,
            Filter::Late => status.late_changes > 0,
            Filter::NoPolicy => !status.has_policy,
            Filter::NoTechnical => !status.has_technical,
            Filter::Incomplete => !status.complete,
            Filter::Unreachable => status.unreachable.is_some_and(|n| n > 0),
        }
    }
}

pub(crate) async fn state(tx: &mut Tx, code: &StateCode) -> AppResult<State> {
    liaison_store::state::get(tx, code)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no State with code {code}")))
}

async fn contact_state(tx: &mut Tx, contact_id: i64) -> AppResult<State> {
    let code = liaison_store::directory::state_of(tx, contact_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no contact with id {contact_id}")))?;
    state(tx, &code).await
}

fn snapshot(contact: &Contact) -> serde_json::Value {
    serde_json::to_value(contact).unwrap_or_default()
}

/// How long directory facts are kept at most with no write: the count of changes notified late
/// in the last year moves as each leaves the year; it is seen at most this late.
const FACTS_HOLD: Duration = Duration::seconds(60);

/// Until when directory facts computed at `now` hold with no write: the next change of a
/// check's figures, the next day (contacts fall due by the day), at most [`FACTS_HOLD`].
fn facts_until(
    now: time::OffsetDateTime,
    checks_change: Option<time::OffsetDateTime>,
) -> time::OffsetDateTime {
    let tomorrow = now
        .date()
        .next_day()
        .map_or(now + FACTS_HOLD, |day| day.midnight().assume_utc());
    [Some(now + FACTS_HOLD), Some(tomorrow), checks_change]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(now)
}

/// The directory's facts for the whole network, the same whoever reads them: every State's
/// status, and what the communication checks show of each (as the network manager sees it).
#[derive(Debug)]
pub struct NetworkFacts {
    statuses: Vec<DirectoryStatus>,
    checks: BTreeMap<StateCode, StateCheckStatus>,
}

/// One State's directory facts, the same whoever reads them: its entry, its contacts, its
/// status and what the checks show of it (as the network manager sees them).
#[derive(Debug)]
pub struct StateFacts {
    state: State,
    contacts: Vec<Contact>,
    status: DirectoryStatus,
    checks: Option<StateCheckStatus>,
}

/// What `actor` sees of the checks' status of a State.
fn checks_seen(actor: &Actor, checks: Option<&StateCheckStatus>) -> Option<StateCheckStatus> {
    checks.and_then(|checks| super::checks::seen_by(checks, &access::check_results(actor)))
}

async fn network_facts(ctx: &Ctx) -> AppResult<std::sync::Arc<crate::cache::Tagged<NetworkFacts>>> {
    let now = ctx.clock.now();
    crate::cache::kept(
        &ctx.caches.network,
        (),
        (ctx.store.generation(), now),
        || async {
            let permit = access::system::read_overview();
            let mut tx = ctx.store.read().await?;
            let states = liaison_store::state::list(&mut tx).await?;
            let contacts = liaison_store::directory::list_all(&mut tx, &permit, now.date()).await?;
            let late = liaison_store::directory::late_changes_since(
                &mut tx,
                &permit,
                now - Duration::days(365),
            )
            .await?;
            let (checks, checks_change) =
                super::checks::directory_status(&mut tx, now, None).await?;
            drop(tx);
            let mut by_state: BTreeMap<StateCode, Vec<Contact>> = BTreeMap::new();
            for contact in contacts {
                by_state
                    .entry(contact.state.clone())
                    .or_default()
                    .push(contact);
            }
            let statuses = states
                .iter()
                .map(|s| {
                    rules::directory_status(
                        s,
                        by_state.get(&s.code).map(Vec::as_slice).unwrap_or_default(),
                        late.get(&s.code).copied().unwrap_or(0),
                    )
                })
                .collect();
            let facts = NetworkFacts { statuses, checks };
            Ok((facts, facts_until(now, checks_change)))
        },
    )
    .await
}

/// Every State with its directory status, filtered; readable by every signed-in account.
pub async fn overview(ctx: &Ctx, actor: &Actor, filter: Filter) -> AppResult<Vec<DirectoryStatus>> {
    access::read_overview(actor)?;
    let facts = network_facts(ctx).await?;
    let facts = &facts.value;
    Ok(facts
        .statuses
        .iter()
        .map(|status| {
            let mut status = status.clone();
            let checks = checks_seen(actor, facts.checks.get(&status.state.code));
            with_checks(&mut status, checks.as_ref());
            status
        })
        .filter(|status| filter.keeps(status))
        .collect())
}

/// Adds what the caller may see of the communication checks to a State's status.
fn with_checks(status: &mut DirectoryStatus, checks: Option<&StateCheckStatus>) {
    if let Some(checks) = checks {
        status.last_check_reached = checks.last_reached;
        status.check_awaiting_until = checks.awaiting_until;
        status.unreachable = Some(checks.unreachable);
    }
}

async fn state_facts(
    ctx: &Ctx,
    code: &StateCode,
    include_retired: bool,
) -> AppResult<std::sync::Arc<crate::cache::Tagged<StateFacts>>> {
    let now = ctx.clock.now();
    crate::cache::kept(
        &ctx.caches.states,
        (code.clone(), include_retired),
        (ctx.store.generation(), now),
        || async {
            let mut tx = ctx.store.read().await?;
            let state = state(&mut tx, code).await?;
            // The status is computed from every contact of the State, whoever asks; the
            // contacts themselves are handed out only with the caller's own permit.
            let every_permit = access::system::read_contacts(&state);
            let contacts =
                liaison_store::directory::list(&mut tx, &every_permit, now.date(), include_retired)
                    .await?;
            let late = liaison_store::directory::late_changes_of(
                &mut tx,
                &every_permit,
                now - Duration::days(365),
            )
            .await?;
            let (mut checks, checks_change) =
                super::checks::directory_status(&mut tx, now, Some(code)).await?;
            drop(tx);
            let status = rules::directory_status(&state, &contacts, late);
            let facts = StateFacts {
                checks: checks.remove(code),
                state,
                contacts,
                status,
            };
            Ok((facts, facts_until(now, checks_change)))
        },
    )
    .await
}

/// One State's entry: status for everyone, contacts for those who may read them.
pub async fn state_entry(
    ctx: &Ctx,
    actor: &Actor,
    code: &StateCode,
    include_retired: bool,
) -> AppResult<StateEntry> {
    access::read_overview(actor)?;
    let facts = state_facts(ctx, code, include_retired).await?;
    let facts = &facts.value;
    let mut status = facts.status.clone();
    let checks = checks_seen(actor, facts.checks.as_ref());
    with_checks(&mut status, checks.as_ref());
    let actions = entry_actions(actor, &facts.state);
    let contacts = if actions.contains(&EntryAction::ReadContacts) {
        facts.contacts.clone()
    } else {
        Vec::new()
    };
    Ok(StateEntry {
        status,
        contacts,
        checks,
        actions,
    })
}

/// What `actor` may do with `state`'s entry.
fn entry_actions(actor: &Actor, state: &State) -> Vec<EntryAction> {
    let mut actions = Vec::new();
    if access::edit_entry(actor, state).is_ok() {
        actions.push(EntryAction::Edit);
    }
    if access::read_contacts(actor, state).is_ok() {
        actions.push(EntryAction::ReadContacts);
        if access::export_directory(actor).is_ok() {
            actions.push(EntryAction::Export);
        }
    }
    actions
}

/// A State's name (reference data, public to every account).
pub async fn state_name(ctx: &Ctx, code: &StateCode) -> AppResult<String> {
    let mut tx = ctx.store.read().await?;
    Ok(state(&mut tx, code).await?.name)
}

/// A contact's page: the contact, every version, its State's name, what the caller may do,
/// and its check history when the caller may see it.
#[derive(Debug)]
pub struct ContactPage {
    pub contact: Contact,
    pub history: Vec<ContactVersion>,
    pub state_name: String,
    pub actions: Vec<EntryAction>,
    pub checks: Option<liaison_types::checks::ContactChecks>,
}

pub async fn contact_page(ctx: &Ctx, actor: &Actor, contact_id: i64) -> AppResult<ContactPage> {
    let mut tx = ctx.store.read().await?;
    let state = contact_state(&mut tx, contact_id).await?;
    drop(tx);
    let contact = self::contact(ctx, actor, contact_id).await?;
    let history = self::history(ctx, actor, contact_id).await?;
    let mut actions = entry_actions(actor, &state);
    if contact.retired {
        actions.retain(|a| *a != EntryAction::Edit);
    }
    let checks = match access::read_check_history(actor, &contact.state, contact.id) {
        Ok(_) => Some(super::checks::contact_checks(ctx, actor, contact_id).await?),
        Err(_) => None,
    };
    Ok(ContactPage {
        contact,
        history,
        state_name: state.name,
        actions,
        checks,
    })
}

/// A contact its State's coordinator is about to change (refused to anyone else).
pub async fn contact_to_edit(ctx: &Ctx, actor: &Actor, contact_id: i64) -> AppResult<Contact> {
    let mut tx = ctx.store.read().await?;
    let state = contact_state(&mut tx, contact_id).await?;
    drop(tx);
    access::edit_entry(actor, &state)?;
    self::contact(ctx, actor, contact_id).await
}

/// A contact whose key its State's coordinator, or the contact itself, is about to register
/// (refused to anyone else).
pub async fn key_to_register(ctx: &Ctx, actor: &Actor, contact_id: i64) -> AppResult<Contact> {
    let mut tx = ctx.store.read().await?;
    let state = contact_state(&mut tx, contact_id).await?;
    drop(tx);
    access::register_key(actor, &state, contact_id)?;
    self::contact(ctx, actor, contact_id).await
}

/// The State whose entry its coordinator is about to add a contact to (refused to anyone else).
pub async fn entry_to_edit(ctx: &Ctx, actor: &Actor, code: &StateCode) -> AppResult<State> {
    let mut tx = ctx.store.read().await?;
    let state = state(&mut tx, code).await?;
    drop(tx);
    access::edit_entry(actor, &state)?;
    Ok(state)
}

/// Whether the caller may import a directory CSV (a coordinator, for its own State).
pub fn may_import(actor: &Actor) -> AppResult<()> {
    Ok(access::import_directory(actor)?)
}

async fn read_permit(tx: &mut Tx, actor: &Actor, contact_id: i64) -> AppResult<ReadContacts> {
    let state = contact_state(tx, contact_id).await?;
    Ok(access::read_contacts(actor, &state)?)
}

pub async fn contact(ctx: &Ctx, actor: &Actor, contact_id: i64) -> AppResult<Contact> {
    let mut tx = ctx.store.read().await?;
    let permit = read_permit(&mut tx, actor, contact_id).await?;
    liaison_store::directory::get(&mut tx, &permit, contact_id, ctx.clock.today())
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no contact with id {contact_id}")))
}

pub async fn history(ctx: &Ctx, actor: &Actor, contact_id: i64) -> AppResult<Vec<ContactVersion>> {
    let mut tx = ctx.store.read().await?;
    let permit = read_permit(&mut tx, actor, contact_id).await?;
    Ok(liaison_store::directory::history(&mut tx, &permit, contact_id).await?)
}

/// The armored OpenPGP key of a contact.
pub async fn contact_key(ctx: &Ctx, actor: &Actor, contact_id: i64) -> AppResult<String> {
    let mut tx = ctx.store.read().await?;
    let permit = read_permit(&mut tx, actor, contact_id).await?;
    liaison_store::directory::current_key(&mut tx, &permit, contact_id, ctx.clock.today())
        .await?
        .ok_or_else(|| AppError::NotFound("this contact has no registered key".into()))
}

fn validated(
    ctx: &Ctx,
    input: &ContactInput,
) -> AppResult<liaison_types::directory::ContactDetails> {
    rules::check_input(input, ctx.clock.today()).map_err(AppError::worded)
}

/// Adds a contact or national structure to a State's entry. Permission is checked before the
/// input, so a caller who may not change the entry learns nothing from validation messages.
pub async fn create_contact(
    ctx: &Ctx,
    actor: &Actor,
    code: &StateCode,
    input: &ContactInput,
) -> AppResult<Contact> {
    // Checked before the write lock is taken (a body of 300,000 languages takes a while), told
    // only once the access rules let the caller change the entry.
    let checked = validated(ctx, input);
    let mut tx = ctx.store.begin().await?;
    let state = state(&mut tx, code).await?;
    let permit = access::edit_entry(actor, &state)?;
    let details = checked?;
    let contact = insert_new(ctx, &mut tx, actor, &permit, &state, input, &details).await?;
    liaison_store::commit(tx).await?;
    Ok(contact)
}

async fn insert_new(
    ctx: &Ctx,
    tx: &mut Tx,
    actor: &Actor,
    permit: &EditEntry,
    state: &State,
    input: &ContactInput,
    details: &liaison_types::directory::ContactDetails,
) -> AppResult<Contact> {
    let now = ctx.clock.now();
    let counted =
        liaison_store::directory::counted(tx, permit, now - time::Duration::days(1)).await?;
    if counted >= rules::MAX_CONTACTS {
        let problem = rules::Invalid::TooManyContacts;
        return Err(AppError::worded_conflict([("state".to_owned(), problem)]));
    }
    let version = NewVersion {
        change: Change::Created,
        kind: input.kind,
        details,
        key: None,
        effective_on: input.effective_on,
        recorded_at: now,
        recorded_by: &actor.username,
        notified_late: rules::notified_late(input.effective_on, now),
    };
    let id = liaison_store::directory::create(tx, permit, &version).await?;
    let contact = reread(ctx, tx, state, id).await?;
    super::transparency::append(ctx, tx, &contact, Change::Created).await?;
    ctx.audit(
        tx,
        actor,
        AuditEvent::ContactCreated {
            contact_id: id,
            after: snapshot(&contact),
        },
    )
    .await?;
    Ok(contact)
}

async fn reread(ctx: &Ctx, tx: &mut Tx, state: &State, id: i64) -> AppResult<Contact> {
    let permit = access::system::read_contacts(state);
    liaison_store::directory::get(tx, &permit, id, ctx.clock.today())
        .await?
        .ok_or_else(|| AppError::Internal(format!("contact {id} vanished inside its transaction")))
}

/// The contact to change, its State's permit, refusing retired contacts.
async fn editable(
    ctx: &Ctx,
    tx: &mut Tx,
    actor: &Actor,
    contact_id: i64,
) -> AppResult<(State, EditEntry, Contact)> {
    editable_with(ctx, tx, contact_id, |state| {
        access::edit_entry(actor, state)
    })
    .await
}

/// The contact's State, the permit `allow` gives for it, and the contact as it stands.
async fn editable_with(
    ctx: &Ctx,
    tx: &mut Tx,
    contact_id: i64,
    allow: impl FnOnce(&State) -> Result<EditEntry, access::Denied>,
) -> AppResult<(State, EditEntry, Contact)> {
    let state = contact_state(tx, contact_id).await?;
    let permit = allow(&state)?;
    let before = reread(ctx, tx, &state, contact_id).await?;
    if before.retired {
        return Err(AppError::Conflict(
            "this contact is retired; add a new contact instead".into(),
        ));
    }
    Ok((state, permit, before))
}

/// A change made from version `read` of a contact (when the caller says which it read) applies
/// only if the contact is still at it: otherwise it would undo a change the caller has not seen.
fn unchanged_since(read: Option<i64>, before: &Contact) -> AppResult<()> {
    match read {
        Some(read) if read != before.version => Err(AppError::Conflict(format!(
            "the contact changed after version {read}: it is at version {} now; read it again and apply the change to what it says",
            before.version
        ))),
        _ => Ok(()),
    }
}

/// What a new version of an existing contact says; `key: None` keeps the registered key.
struct Next<'a> {
    change: Change,
    kind: ContactKind,
    details: &'a ContactDetails,
    key: Option<&'a StoredKey>,
    effective_on: Date,
}

/// Appends a version recorded now by `actor` and returns the contact as it then stands.
/// Confirmations are never late: they record that nothing changed.
///
/// A version whose effective date lies ahead is *scheduled*: everyone goes on using the version
/// in effect until that day, when it takes effect by itself. A contact has at most one change
/// scheduled (another is refused until it is withdrawn). A change that takes effect now while
/// one is scheduled does not pull the scheduled one forward: the scheduled change is recorded
/// again after it, on top of it, for its own date.
async fn append_version(
    ctx: &Ctx,
    tx: &mut Tx,
    actor: &Actor,
    permit: &EditEntry,
    state: &State,
    contact_id: i64,
    next: Next<'_>,
) -> AppResult<Contact> {
    let today = ctx.clock.today();
    let now = ctx.clock.now();
    let pending = liaison_store::directory::pending(tx, permit, contact_id, today).await?;
    let pending = match pending {
        Some(number) => {
            liaison_store::directory::version_at(tx, permit, contact_id, number).await?
        }
        None => None,
    };
    if next.effective_on > today
        && let Some((scheduled, _)) = &pending
    {
        return Err(AppError::worded_conflict([(
            "effective_on".to_owned(),
            rules::Invalid::AlreadyScheduled(scheduled.effective_on),
        )]));
    }
    let kept = match next.key {
        Some(_) => None,
        None => current_stored_key(ctx, tx, state, contact_id).await?,
    };
    let version = NewVersion {
        change: next.change,
        kind: next.kind,
        details: next.details,
        key: next.key.or(kept.as_ref()),
        effective_on: next.effective_on,
        recorded_at: now,
        recorded_by: &actor.username,
        notified_late: next.change != Change::Confirmed
            && rules::notified_late(next.effective_on, now),
    };
    let number = append_logged(ctx, tx, permit, state, contact_id, &version).await?;
    if next.effective_on <= today
        && let Some((scheduled, scheduled_key)) = pending
    {
        rebase(
            ctx,
            tx,
            actor,
            (permit, state, contact_id),
            (&scheduled, scheduled_key),
            number,
        )
        .await?;
    }
    reread(ctx, tx, state, contact_id).await
}

/// The stored key of the contact's version in effect today.
async fn current_stored_key(
    ctx: &Ctx,
    tx: &mut Tx,
    state: &State,
    contact_id: i64,
) -> AppResult<Option<StoredKey>> {
    let read = access::system::read_contacts(state);
    let today = ctx.clock.today();
    let armored = liaison_store::directory::current_key(tx, &read, contact_id, today).await?;
    let current = liaison_store::directory::get(tx, &read, contact_id, today).await?;
    Ok(match (armored, current.and_then(|c| c.key)) {
        (Some(armored), Some(summary)) => Some(StoredKey {
            armored,
            fingerprint: summary.fingerprint,
            algorithm: summary.algorithm,
            expires_at: summary.expires_at,
        }),
        _ => None,
    })
}

/// Stores a version and appends its leaf to the transparency log (when it is recorded, whatever
/// its effective date); its number.
async fn append_logged(
    ctx: &Ctx,
    tx: &mut Tx,
    permit: &EditEntry,
    state: &State,
    contact_id: i64,
    version: &NewVersion<'_>,
) -> AppResult<i64> {
    let number = liaison_store::directory::append(tx, permit, contact_id, version)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no contact with id {contact_id}")))?;
    let (stored, _) = liaison_store::directory::version_at(tx, permit, contact_id, number)
        .await?
        .ok_or_else(|| AppError::Internal(format!("version {number} vanished")))?;
    super::transparency::append_version(ctx, tx, &state.code, &stored).await?;
    Ok(number)
}

/// Records the scheduled change again on top of version `on` (just recorded, in effect now):
/// what it changed against the version it was recorded on, applied to `on`, for its own date.
async fn rebase(
    ctx: &Ctx,
    tx: &mut Tx,
    actor: &Actor,
    (permit, state, contact_id): (&EditEntry, &State, i64),
    (scheduled, scheduled_key): (&ContactVersion, Option<StoredKey>),
    on: i64,
) -> AppResult<()> {
    let missing = || AppError::Internal("a version of the contact vanished".into());
    let base_number = liaison_store::directory::base_of(
        tx,
        permit,
        contact_id,
        scheduled.version,
        scheduled.recorded_at.date(),
    )
    .await?;
    let (base, base_key) =
        liaison_store::directory::version_at(tx, permit, contact_id, base_number)
            .await?
            .ok_or_else(missing)?;
    let (now_version, now_key) = liaison_store::directory::version_at(tx, permit, contact_id, on)
        .await?
        .ok_or_else(missing)?;
    let details = rules::rebase_details(&base.details, &scheduled.details, &now_version.details);
    let kind = if scheduled.kind != base.kind {
        scheduled.kind
    } else {
        now_version.kind
    };
    let fingerprint = |key: &Option<StoredKey>| key.as_ref().map(|k| k.fingerprint.clone());
    let key = if fingerprint(&scheduled_key) != fingerprint(&base_key) {
        scheduled_key
    } else {
        now_key
    };
    let version = NewVersion {
        change: scheduled.change,
        kind,
        details: &details,
        key: key.as_ref(),
        effective_on: scheduled.effective_on,
        recorded_at: ctx.clock.now(),
        recorded_by: &actor.username,
        notified_late: false,
    };
    append_logged(ctx, tx, permit, state, contact_id, &version).await?;
    Ok(())
}

/// Withdraws the change scheduled for a contact before its date: a new version, in effect now,
/// that keeps the contact as it is (so the scheduled one never takes effect). Audited.
pub async fn withdraw_scheduled(ctx: &Ctx, actor: &Actor, contact_id: i64) -> AppResult<Contact> {
    let mut tx = ctx.store.begin().await?;
    let (state, permit, before) = editable(ctx, &mut tx, actor, contact_id).await?;
    let Some(scheduled) = before.scheduled.clone() else {
        return Err(AppError::Conflict(
            "no change to this contact is scheduled".into(),
        ));
    };
    let kept = current_stored_key(ctx, &mut tx, &state, contact_id).await?;
    let version = NewVersion {
        change: Change::Withdrawn,
        kind: before.kind,
        details: &before.details,
        key: kept.as_ref(),
        effective_on: ctx.clock.today(),
        recorded_at: ctx.clock.now(),
        recorded_by: &actor.username,
        notified_late: false,
    };
    append_logged(ctx, &mut tx, &permit, &state, contact_id, &version).await?;
    let after = reread(ctx, &mut tx, &state, contact_id).await?;
    ctx.audit(
        &mut tx,
        actor,
        AuditEvent::ContactScheduleWithdrawn {
            contact_id,
            version: scheduled.version,
            effective_on: scheduled.effective_on.to_string(),
        },
    )
    .await?;
    liaison_store::commit(tx).await?;
    Ok(after)
}

/// Changes a contact. Returns the contact and whether anything changed (no version is made for
/// an identical submission).
pub async fn update_contact(
    ctx: &Ctx,
    actor: &Actor,
    contact_id: i64,
    input: &ContactInput,
) -> AppResult<(Contact, bool)> {
    // As for a new contact: checked before the write lock, told after the access rules.
    let checked = validated(ctx, input);
    let mut tx = ctx.store.begin().await?;
    let (state, permit, before) = editable(ctx, &mut tx, actor, contact_id).await?;
    unchanged_since(input.version, &before)?;
    let details = checked?;
    if before.details == details && before.kind == input.kind {
        return Ok((before, false));
    }
    let next = Next {
        change: Change::Changed,
        kind: input.kind,
        details: &details,
        key: None,
        effective_on: input.effective_on,
    };
    let after = append_version(ctx, &mut tx, actor, &permit, &state, contact_id, next).await?;
    ctx.audit(
        &mut tx,
        actor,
        AuditEvent::ContactChanged {
            contact_id,
            before: snapshot(&before),
            after: snapshot(&after),
        },
    )
    .await?;
    liaison_store::commit(tx).await?;
    Ok((after, true))
}

/// Retires a contact (it stays in the history).
pub async fn retire_contact(
    ctx: &Ctx,
    actor: &Actor,
    contact_id: i64,
    (effective_on, read): (Date, Option<i64>),
) -> AppResult<Contact> {
    let mut tx = ctx.store.begin().await?;
    let (state, permit, before) = editable(ctx, &mut tx, actor, contact_id).await?;
    unchanged_since(read, &before)?;
    rules::validate_effective_on(effective_on, ctx.clock.today())
        .map_err(|m| AppError::worded([("effective_on".to_owned(), m)]))?;
    let next = Next {
        change: Change::Retired,
        kind: before.kind,
        details: &before.details,
        key: None,
        effective_on,
    };
    let after = append_version(ctx, &mut tx, actor, &permit, &state, contact_id, next).await?;
    ctx.audit(
        &mut tx,
        actor,
        AuditEvent::ContactRetired {
            contact_id,
            before: snapshot(&before),
        },
    )
    .await?;
    liaison_store::commit(tx).await?;
    Ok(after)
}

/// Registers (or replaces) a contact's OpenPGP public key after validating it.
pub async fn register_key(
    ctx: &Ctx,
    actor: &Actor,
    contact_id: i64,
    key_bytes: &[u8],
    effective_on: Date,
) -> AppResult<Contact> {
    let mut tx = ctx.store.begin().await?;
    let (state, permit, before) = editable_with(ctx, &mut tx, contact_id, |state| {
        access::register_key(actor, state, contact_id)
    })
    .await?;
    rules::validate_effective_on(effective_on, ctx.clock.today())
        .map_err(|m| AppError::worded([("effective_on".to_owned(), m)]))?;
    let info = key::parse_public_key(key_bytes, ctx.clock.now())
        .map_err(|e| AppError::validation("key", e.to_string()))?;
    if before
        .key
        .as_ref()
        .is_some_and(|k| k.fingerprint == info.fingerprint)
    {
        return Err(AppError::Conflict(format!(
            "key {} is already registered for this contact",
            info.fingerprint
        )));
    }
    if !liaison_store::directory::key_held_elsewhere(&mut tx, &permit, &info.fingerprint)
        .await?
        .is_empty()
    {
        let problem = rules::Invalid::KeyOfAnotherState(info.fingerprint.clone());
        return Err(AppError::worded_conflict([("key".to_owned(), problem)]));
    }
    let stored = StoredKey {
        armored: info.armored,
        fingerprint: info.fingerprint,
        algorithm: info.algorithm,
        expires_at: info.expires_at,
    };
    let next = Next {
        change: Change::Key,
        kind: before.kind,
        details: &before.details,
        key: Some(&stored),
        effective_on,
    };
    let after = append_version(ctx, &mut tx, actor, &permit, &state, contact_id, next).await?;
    ctx.audit(
        &mut tx,
        actor,
        AuditEvent::ContactKeyRegistered {
            contact_id,
            before: snapshot(&before),
            after: snapshot(&after),
        },
    )
    .await?;
    if actor.is_account() {
        key_notice(
            ctx,
            &mut tx,
            actor,
            &state,
            (&before, &stored.fingerprint, effective_on),
        )
        .await?;
    }
    liaison_store::commit(tx).await?;
    Ok(after)
}

/// Tells the State's coordinators and the contact itself that a key was registered for the
/// contact: every request to the contact is encrypted to it from `effective_on`, so a key
/// registered by anyone but them (a stolen account, an operator's) must not go unnoticed.
async fn key_notice(
    ctx: &Ctx,
    tx: &mut Tx,
    actor: &Actor,
    state: &State,
    (contact, fingerprint, effective_on): (&Contact, &str, Date),
) -> AppResult<()> {
    let letter = Letter {
        template: "directory-key",
        kind: "directory.key",
        values: minijinja::context! {
            state => state.name.clone(),
            contact => contact.details.name.clone(),
            fingerprint => fingerprint,
            before => contact.key.as_ref().map(|k| k.fingerprint.clone()),
            by => actor.username.clone(),
            effective_on => effective_on.to_string(),
            url => format!("{}/contacts/{}", mail::public_url(ctx), contact.id),
        },
    };
    let now = ctx.clock.now();
    let coordinators = mail::coordinators(tx, Coordinators::Of(&state.code)).await?;
    mail::send_each(tx, &coordinators, &letter, now).await?;
    if !coordinators
        .iter()
        .any(|a| a.email == contact.details.email)
    {
        // A contact has no account language; the first language it works in, if offered.
        let lang = contact
            .details
            .languages
            .first()
            .map_or("en", String::as_str);
        let message = letter.to(&contact.details.email, lang)?;
        liaison_store::outbox::enqueue(tx, &message, now).await?;
    }
    Ok(())
}

/// "Checked, no changes": confirms every active contact of the State, which restarts their
/// 12-month clock.
pub async fn confirm_state(ctx: &Ctx, actor: &Actor, code: &StateCode) -> AppResult<StateEntry> {
    let mut tx = ctx.store.begin().await?;
    let state = state(&mut tx, code).await?;
    let permit = access::edit_entry(actor, &state)?;
    let read = access::system::read_contacts(&state);
    let today = ctx.clock.today();
    let contacts = liaison_store::directory::list(&mut tx, &read, today, false).await?;
    if contacts.is_empty() {
        return Err(AppError::Conflict(
            "the entry has no contacts to confirm; add the points of contact first".into(),
        ));
    }
    for contact in &contacts {
        let next = Next {
            change: Change::Confirmed,
            kind: contact.kind,
            details: &contact.details,
            key: None,
            effective_on: today,
        };
        append_version(ctx, &mut tx, actor, &permit, &state, contact.id, next).await?;
    }
    let ids = contacts.iter().map(|c| c.id).collect();
    ctx.audit(
        &mut tx,
        actor,
        AuditEvent::StateConfirmed {
            state: code.to_string(),
            contacts: ids,
        },
    )
    .await?;
    liaison_store::commit(tx).await?;
    state_entry(ctx, actor, code, false).await
}

/// Every contact the actor may read, for the CSV export.
async fn readable_contacts(ctx: &Ctx, actor: Option<&Actor>) -> AppResult<Vec<Contact>> {
    if let Some(actor) = actor {
        access::export_directory(actor)?;
    }
    let today = ctx.clock.today();
    let mut tx = ctx.store.read().await?;
    let mut out = Vec::new();
    for state in liaison_store::state::list(&mut tx).await? {
        let permit = match actor {
            Some(actor) => match access::read_contacts(actor, &state) {
                Ok(permit) => permit,
                Err(_) => continue,
            },
            None => access::system::read_contacts(&state),
        };
        out.extend(liaison_store::directory::list(&mut tx, &permit, today, false).await?);
    }
    Ok(out)
}

/// A directory export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Export {
    /// CSV of every contact the caller may read.
    Csv,
    /// CSV of one State's current contacts: what its coordinator edits and imports back.
    StateCsv(StateCode),
    /// vCard 4.0 of a State's current contacts.
    StateCards(StateCode),
    /// vCard 4.0 of one contact.
    ContactCard(i64),
    /// The State's nomination file for the UN Global Points of Contact Directory.
    Nomination(StateCode),
    /// A contact's armored OpenPGP public key.
    Key(i64),
}

pub use crate::download::Download;

/// Produces an export within what the actor may read (`None`: the operator, everything).
pub async fn export(ctx: &Ctx, actor: Option<&Actor>, what: Export) -> AppResult<Download> {
    let system = Actor::system();
    let reader = actor.unwrap_or(&system);
    Ok(match what {
        Export::Csv => {
            let contacts = readable_contacts(ctx, actor).await?;
            let body = rules::csv::export(&contacts).map_err(AppError::Internal)?;
            Download {
                content_type: "text/csv; charset=utf-8",
                filename: "liaison-directory.csv".into(),
                body: body.into_bytes(),
            }
        }
        Export::StateCsv(code) => {
            let (_, contacts) = state_contacts(ctx, reader, &code, actor.is_none()).await?;
            if let Some(actor) = actor {
                access::export_directory(actor)?;
            }
            let body = rules::csv::export(&contacts).map_err(AppError::Internal)?;
            Download {
                content_type: "text/csv; charset=utf-8",
                filename: format!("{code}-contacts.csv"),
                body: body.into_bytes(),
            }
        }
        Export::StateCards(code) => {
            let (state, contacts) = state_contacts(ctx, reader, &code, actor.is_none()).await?;
            let body = rules::vcard::state_cards(&contacts, &state).map_err(AppError::Internal)?;
            Download {
                content_type: "text/vcard; charset=utf-8",
                filename: format!("{code}.vcf"),
                body: body.into_bytes(),
            }
        }
        Export::ContactCard(id) => {
            let contact = contact(ctx, reader, id).await?;
            let (state, _) = state_contacts(ctx, reader, &contact.state, actor.is_none()).await?;
            let body = rules::vcard::contact_card(&contact, &state).map_err(AppError::Internal)?;
            Download {
                content_type: "text/vcard; charset=utf-8",
                filename: format!("contact-{id}.vcf"),
                body: body.into_bytes(),
            }
        }
        Export::Nomination(code) => {
            let (state, contacts) = state_contacts(ctx, reader, &code, actor.is_none()).await?;
            let file = rules::nomination::nomination(&state, &contacts, ctx.clock.now());
            let body = rules::nomination::to_json(&file).map_err(AppError::Internal)?;
            Download {
                content_type: "application/json",
                filename: format!("{code}-un-nomination.json"),
                body: body.into_bytes(),
            }
        }
        Export::Key(id) => {
            let body = contact_key(ctx, reader, id).await?;
            Download {
                content_type: "application/pgp-keys",
                filename: format!("contact-{id}.asc"),
                body: body.into_bytes(),
            }
        }
    })
}

/// A State and its current contacts, for the per-State exports (`operator`: the offline CLI).
async fn state_contacts(
    ctx: &Ctx,
    actor: &Actor,
    code: &StateCode,
    operator: bool,
) -> AppResult<(State, Vec<Contact>)> {
    let mut tx = ctx.store.read().await?;
    let state = state(&mut tx, code).await?;
    let permit = if operator {
        access::system::read_contacts(&state)
    } else {
        access::read_contacts(actor, &state)?
    };
    let contacts =
        liaison_store::directory::list(&mut tx, &permit, ctx.clock.today(), false).await?;
    Ok((state, contacts))
}

/// Imports the directory CSV. A coordinator imports rows of their own State only; the operator
/// (offline CLI, `actor` = `None`) imports any State's rows. Rows with an id change that contact
/// (a new version when something differs), rows without one add a contact. All rows are checked
/// first; any problem refuses the whole file.
pub async fn import_csv(ctx: &Ctx, actor: Option<&Actor>, bytes: &[u8]) -> AppResult<ImportReport> {
    if let Some(actor) = actor {
        access::import_directory(actor)?;
    }
    // Parsing a file of thousands of rows is CPU work: on the blocking pool, not an async worker.
    let today = ctx.clock.today();
    let owned = bytes.to_vec();
    let rows = tokio::task::spawn_blocking(move || {
        let english = |invalid: &rules::Invalid| crate::error::word_problem("en", invalid);
        rules::csv::parse(&owned, today, &english)
    })
    .await
    .map_err(|e| AppError::Internal(format!("the import's parser stopped: {e}")))?
    .map_err(AppError::Import)?;
    // More new contacts for one State than an entry may hold is refused from the file alone,
    // before any transaction: a file of a thousand rows does not hold the write lock.
    let mut new_rows: BTreeMap<&StateCode, i64> = BTreeMap::new();
    for row in rows.iter().filter(|r| r.id.is_none()) {
        let count = new_rows.entry(&row.state).or_default();
        *count += 1;
        if *count > rules::MAX_CONTACTS {
            let problem = rules::Invalid::TooManyContacts;
            return Err(AppError::Import(vec![liaison_types::problem::LineError {
                line: row.line,
                message: format!(
                    "state: {} ({})",
                    crate::error::word_problem("en", &problem),
                    row.state
                ),
            }]));
        }
    }
    let system = Actor::system();
    let who = actor.unwrap_or(&system);
    // The rows are checked against the directory in a read transaction; the write transaction
    // (which serialises every write of every State) only applies them.
    let mut tx = ctx.store.read().await?;
    let mut problems = Vec::new();
    let mut plan = Vec::new();
    for row in &rows {
        let line = |message: String| liaison_types::problem::LineError {
            line: row.line,
            message,
        };
        let Some(state) = liaison_store::state::get(&mut tx, &row.state).await? else {
            problems.push(line(format!("state: no State with code {}", row.state)));
            continue;
        };
        let permit = match actor {
            Some(actor) => match access::edit_entry(actor, &state) {
                Ok(permit) => permit,
                Err(denied) => {
                    problems.push(line(format!("state: {denied} ({})", state.code)));
                    continue;
                }
            },
            None => access::system::edit_entry(&state),
        };
        if let Some(id) = row.id {
            match liaison_store::directory::state_of(&mut tx, id).await? {
                Some(code) if code == state.code => {}
                Some(_) => {
                    problems.push(line(format!("id: contact {id} belongs to another State")));
                    continue;
                }
                None => {
                    problems.push(line(format!(
                        "id: no contact with id {id}; leave the id empty to add a contact"
                    )));
                    continue;
                }
            }
            let current = reread(ctx, &mut tx, &state, id).await?;
            if current.retired {
                problems.push(line(format!("id: contact {id} is retired")));
                continue;
            }
        }
        plan.push((row, state, permit));
    }
    drop(tx);
    if !problems.is_empty() {
        return Err(AppError::Import(problems));
    }
    let mut tx = ctx.store.begin().await?;
    let mut report = ImportReport {
        created: 0,
        changed: 0,
        unchanged: 0,
    };
    let mut per_state: BTreeMap<StateCode, (u32, u32)> = BTreeMap::new();
    for (row, state, permit) in plan {
        let input = ContactInput {
            kind: row.kind,
            details: row.details.clone(),
            effective_on: row.effective_on,
            version: None,
        };
        let counts = per_state.entry(state.code.clone()).or_default();
        match row.id {
            None => {
                insert_new(ctx, &mut tx, who, &permit, &state, &input, &row.details).await?;
                report.created += 1;
                counts.0 += 1;
            }
            Some(id) => {
                let before = reread(ctx, &mut tx, &state, id).await?;
                // Retired since the rows were checked: the whole import stops, nothing changes.
                if before.retired {
                    return Err(AppError::Import(vec![liaison_types::problem::LineError {
                        line: row.line,
                        message: format!("id: contact {id} is retired"),
                    }]));
                }
                if before.details == row.details && before.kind == row.kind {
                    report.unchanged += 1;
                    continue;
                }
                let next = Next {
                    change: Change::Changed,
                    kind: row.kind,
                    details: &row.details,
                    key: None,
                    effective_on: row.effective_on,
                };
                let after = append_version(ctx, &mut tx, who, &permit, &state, id, next).await?;
                ctx.audit(
                    &mut tx,
                    who,
                    AuditEvent::ContactChanged {
                        contact_id: id,
                        before: snapshot(&before),
                        after: snapshot(&after),
                    },
                )
                .await?;
                report.changed += 1;
                counts.1 += 1;
            }
        }
    }
    for (code, (created, changed)) in per_state {
        ctx.audit(
            &mut tx,
            who,
            AuditEvent::DirectoryImported {
                state: code.to_string(),
                created,
                changed,
            },
        )
        .await?;
    }
    liaison_store::commit(tx).await?;
    Ok(report)
}

/// Finds contacts due soon or overdue whose reminder has not been sent for their current due
/// date, and queues one email per State to each of its coordinators, in their language. Returns
/// the number of messages queued.
pub async fn queue_reminders(ctx: &Ctx) -> AppResult<u32> {
    let overview = access::system::read_overview();
    let notify = access::system::notify();
    let today = ctx.clock.today();
    let now = ctx.clock.now();
    let mut tx = ctx.store.begin().await?;
    let contacts = liaison_store::directory::list_all(&mut tx, &overview, today).await?;
    let mut by_state: BTreeMap<StateCode, Vec<(Contact, AnnualStatus)>> = BTreeMap::new();
    for contact in contacts {
        if let Some(kind) = rules::reminder_due(&contact) {
            by_state
                .entry(contact.state.clone())
                .or_default()
                .push((contact, kind));
        }
    }
    let mut queued = 0;
    for (code, due) in by_state {
        let coordinators = mail::coordinators(&mut tx, Coordinators::Of(&code)).await?;
        if coordinators.is_empty() {
            continue;
        }
        let mut fresh = Vec::new();
        for (contact, kind) in due {
            if liaison_store::directory::record_reminder(
                &mut tx,
                &notify,
                contact.id,
                kind.as_str(),
                contact.due_on,
                now,
            )
            .await?
            {
                fresh.push((contact, kind));
            }
        }
        if fresh.is_empty() {
            continue;
        }
        let state = state(&mut tx, &code).await?;
        let letter = reminder_letter(ctx, &state, &fresh);
        queued += mail::send_each(&mut tx, &coordinators, &letter, now).await?;
        let ids = fresh.iter().map(|(c, _)| c.id).collect();
        ctx.audit(
            &mut tx,
            &Actor::system(),
            AuditEvent::ReminderQueued {
                state: code.to_string(),
                contacts: ids,
            },
        )
        .await?;
    }
    liaison_store::commit(tx).await?;
    Ok(queued)
}

fn reminder_letter(ctx: &Ctx, state: &State, due: &[(Contact, AnnualStatus)]) -> Letter<'static> {
    let due: Vec<_> = due
        .iter()
        .map(|(contact, kind)| {
            minijinja::context! {
                name => contact.details.name.clone(), organisation => contact.details.organisation.clone(),
                status => kind.as_str(), due_on => contact.due_on.to_string(),
            }
        })
        .collect();
    Letter {
        template: "directory-reminder",
        kind: "directory.reminder",
        values: minijinja::context! {
            state => state.name.clone(),
            count => due.len(),
            due => due,
            url => format!("{}/states/{}", super::mail::public_url(ctx), state.code),
        },
    }
}
