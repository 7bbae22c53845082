//! Protected-channel operations (CBMs 3, 10, 13, 16): the key set a request or reply must be
//! encrypted to, sending a request (its body checked against that key set without decrypting,
//! and refused over the size limit), replies, acknowledgement, closing, escalation (by the
//! scheduler past the deadline, or on the sender's demand), delivery (a notification reached the
//! relay, or the thread was opened), ciphertext download, feedback and the manager's statistics.
//! Notifications go through the outbox in the operation's own transaction: PGP/MIME mails that
//! carry the ciphertext, plain mails for acknowledgements and escalations (envelope only).

use super::Ctx;
use super::mail::Letter;
use crate::error::{AppError, AppResult};
use crate::i18n;
use liaison_core::access::{self, Actor, ChangeEnvelope, Party, UseChannel};
use liaison_core::audit::AuditEvent;
use liaison_core::channel::envelope::{self, EnvelopeError, KeySetMismatch};
use liaison_core::channel::keys::{self, Candidate, Unaddressable};
use liaison_core::channel::request::{self as rules, LegTimes};
use liaison_core::wording::Worded;
use liaison_store::Tx;
use liaison_store::channel::{KeyHolder, NewMessage, NewRequest, StoredLeg, StoredRequest};
use liaison_types::channel::{
    ChannelStats, Count, KeySetView, LeftOutContact, Leg, MessageMeta, RequestAction,
    RequestDetail, RequestKind, RequestSummary, SetKey, Tlp, Urgency,
};
use liaison_types::directory::{ContactKind, Level};
use liaison_types::id::{MessageId, RequestId};
use liaison_types::state::StateCode;
use std::collections::BTreeMap;
use time::OffsetDateTime;

mod key_sets;
mod mail;
mod problems;
mod view;

use key_sets::*;
pub use key_sets::{key_set, may_use, thread_key_set};
use mail::*;
pub use problems::Invalid;
use problems::*;
use view::*;

/// Requests per page of the list.
pub const PAGE_SIZE: i64 = 50;

/// A request as its sender gives it; the message is the OpenPGP message, armored or binary.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub to: Vec<StateCode>,
    pub kind: RequestKind,
    pub urgency: Urgency,
    pub level: Level,
    pub tlp: Tlp,
    pub language: String,
    pub message: Vec<u8>,
}

// ---------------------------------------------------------------------------------------------
// Reading.

/// Moves a leg one step of its lifecycle: `step` sets its times by the rules (`Ok(false)`: the
/// step has nothing to do), and the store writes the times it set only where they are still
/// empty. `Ok(Ok(false))` when nothing was written (nothing to do, or another operation wrote
/// first), `Ok(Err(..))` when the rules refuse the step.
async fn step_leg(
    tx: &mut Tx,
    permit: &impl ChangeEnvelope,
    (request_id, leg): (RequestId, &StoredLeg),
    step: impl FnOnce(&mut LegTimes) -> Result<bool, rules::Refused>,
    by: Option<&str>,
) -> AppResult<Result<bool, rules::Refused>> {
    let mut times = leg.times;
    match step(&mut times) {
        Ok(true) => {}
        other => return Ok(other),
    }
    let written = liaison_store::channel::update_leg(
        tx, permit, request_id, &leg.state, &leg.times, &times, by,
    )
    .await?;
    Ok(Ok(written))
}

/// The threads of the caller's State, newest first.
pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    before: Option<RequestId>,
) -> AppResult<(Vec<RequestSummary>, Option<RequestId>)> {
    let permit = access::use_channel(actor)?;
    let now = ctx.clock.now();
    let mut tx = ctx.store.read().await?;
    let stored = liaison_store::channel::list(&mut tx, &permit, before, PAGE_SIZE + 1).await?;
    let more = stored.len() > PAGE_SIZE as usize;
    let items: Vec<RequestSummary> = stored
        .iter()
        .take(PAGE_SIZE as usize)
        .map(|r| summary(r, now))
        .collect();
    let next = if more {
        items.last().map(|r| r.id)
    } else {
        None
    };
    Ok((items, next))
}

/// A thread. A recipient State's account opening it marks its leg delivered.
pub async fn detail(ctx: &Ctx, actor: &Actor, id: RequestId) -> AppResult<RequestDetail> {
    let permit = access::use_channel(actor)?;
    let now = ctx.clock.now();
    let mut tx = ctx.store.read().await?;
    let request = load(&mut tx, &permit, id).await?;
    let undelivered = request
        .leg(permit.state())
        .is_some_and(|leg| leg.times.delivered_at.is_none() && leg.times.closed_at.is_none());
    if !undelivered {
        return detail_of(&mut tx, &permit, &request, now).await;
    }
    drop(tx);
    ctx.write(actor, move |ctx, tx, actor| {
        Box::pin(async move { record_opened(ctx, tx, &permit, actor, id, now).await })
    })
    .await
}

/// The delivery of the caller's leg on opening, in the writer's transaction (see `send`).
async fn record_opened(
    ctx: &Ctx,
    tx: &mut Tx,
    permit: &UseChannel,
    actor: &Actor,
    id: RequestId,
    now: OffsetDateTime,
) -> AppResult<RequestDetail> {
    let request = load(tx, permit, id).await?;
    if let Some(leg) = request.leg(permit.state()) {
        let delivered = |t: &mut LegTimes| Ok(rules::deliver(t, now));
        if step_leg(tx, permit, (id, leg), delivered, None).await? == Ok(true) {
            ctx.audit(
                tx,
                actor,
                AuditEvent::RequestDelivered {
                    request_id: id.0,
                    state: leg.state.to_string(),
                    how: "opened",
                },
            )
            .await?;
        }
    }
    detail_in(tx, permit, id, now).await
}

/// A message's ciphertext, armored.
pub struct Ciphertext {
    pub filename: String,
    pub armored: String,
}

impl Ciphertext {
    /// The file of the message: ASCII-armored (`None` or `armored`) or binary OpenPGP.
    pub fn file(self, format: Option<&str>) -> AppResult<crate::download::Download> {
        let (body, content_type, filename) = match format {
            None | Some("armored") => (
                self.armored.into_bytes(),
                "application/pgp-encrypted",
                self.filename,
            ),
            Some("binary") => (
                liaison_core::channel::envelope::binary(self.armored.as_bytes())
                    .map_err(|e| AppError::Internal(e.to_string()))?,
                "application/octet-stream",
                self.filename.replace(".asc", ".gpg"),
            ),
            Some(other) => {
                return Err(AppError::BadRequest(format!(
                    "format is armored or binary, not '{other}'"
                )));
            }
        };
        Ok(crate::download::Download {
            content_type,
            filename,
            body,
        })
    }
}

/// A message of a thread, as ciphertext: the caller's State must be a party.
pub async fn ciphertext(
    ctx: &Ctx,
    actor: &Actor,
    id: RequestId,
    message_id: MessageId,
) -> AppResult<Ciphertext> {
    let permit = access::use_channel(actor)?;
    let mut tx = ctx.store.read().await?;
    let armored = liaison_store::channel::armored(&mut tx, &permit, id, message_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no message {message_id} in request {id}")))?;
    Ok(Ciphertext {
        filename: format!("liaison-request-{id}-message-{message_id}.asc"),
        armored,
    })
}

/// The armored ciphertext a notification carries, for the delivery worker.
pub async fn ciphertext_for_delivery(
    state: &crate::AppState,
    message_id: MessageId,
) -> AppResult<String> {
    let mut tx = state.store.read().await?;
    liaison_store::channel::armored_for_delivery(&mut tx, &access::system::channel(), message_id)
        .await?
        .ok_or_else(|| AppError::Internal(format!("no channel message {message_id}")))
}

// ---------------------------------------------------------------------------------------------
// Sending and replying.

/// A message that passed the size limit and the envelope check: its binary and armored forms.
struct Checked {
    binary: Vec<u8>,
    armored: String,
}

/// Refuses a message of `more` bytes from the permit's State once it has sent its day's budget.
/// Checked before a message is parsed (a State over its budget costs no parsing) and again in
/// the writer's transaction, which decides.
async fn within_budget(
    ctx: &Ctx,
    tx: &mut Tx,
    permit: &UseChannel,
    now: OffsetDateTime,
    more: u64,
) -> AppResult<()> {
    let (sent, bytes) =
        liaison_store::channel::sent_since(tx, permit, now - time::Duration::days(1)).await?;
    rules::check_sent_today(ctx.config.channel.budget(), sent, bytes, more).map_err(|problem| {
        AppError::TooManyRequests(crate::error::word_problem(ctx.lang, &problem), 86_400)
    })
}

/// Stores a checked message as the next of thread `id`, with the contacts left out of its key
/// set.
async fn store_message(
    ctx: &Ctx,
    tx: &mut Tx,
    permit: &UseChannel,
    actor: &Actor,
    id: RequestId,
    (checked, computed): (&Checked, &Computed),
    now: OffsetDateTime,
) -> AppResult<MessageId> {
    // The State's daily budget, counted in the writer's transaction, so that sends racing each
    // other cannot pass it together.
    let more = u64::try_from(checked.binary.len()).unwrap_or(u64::MAX);
    within_budget(ctx, tx, permit, now, more).await?;
    Ok(liaison_store::channel::insert_message(
        tx,
        permit,
        &NewMessage {
            request_id: id,
            sent_by: &actor.username,
            sent_at: now,
            armored: &checked.armored,
            size: i64::try_from(checked.binary.len()).unwrap_or(i64::MAX),
            sha256: &envelope::digest(&checked.binary),
            fingerprints: &computed.fingerprints(),
            left_out: &computed.left_out(),
        },
    )
    .await?)
}

/// The message's binary form after the size limit and the envelope check.
fn checked_message(ctx: &Ctx, message: &[u8], computed: &Computed) -> AppResult<Checked> {
    let limit = ctx.config.channel.max_message_bytes;
    let too_large = |size: usize| {
        AppError::PayloadTooLarge(format!(
            "the encrypted message is {size} bytes; this server accepts at most {limit} bytes (channel.max_message_bytes)"
        ))
    };
    if message.len() > ctx.config.channel.max_body_bytes() {
        return Err(too_large(message.len()));
    }
    let binary = envelope::binary(message).map_err(|e| one("message", Invalid::Envelope(e)))?;
    if binary.len() > limit {
        return Err(too_large(binary.len()));
    }
    let found = envelope::recipients(&binary).map_err(|e| one("message", Invalid::Envelope(e)))?;
    envelope::check_key_set(&found, &computed.set.keys).map_err(mismatch)?;
    let armored = envelope::armored(&binary).map_err(|e| one("message", Invalid::Envelope(e)))?;
    Ok(Checked { binary, armored })
}

/// Sends a request from the caller's State: the recipients, the key set and the message are
/// checked, then request, legs, message, notifications and audit are stored in one transaction.
pub async fn send(ctx: &Ctx, actor: &Actor, outgoing: &Outgoing) -> AppResult<RequestDetail> {
    let permit = access::use_channel(actor)?;
    let now = ctx.clock.now();
    // The key set and the envelope check (parsing every key and the message) happen before the
    // write transaction, which serialises writers: they would hold it for milliseconds.
    let mut tx = ctx.store.read().await?;
    within_budget(ctx, &mut tx, &permit, now, 0).await?;
    let to = recipients(&mut tx, &permit, &outgoing.to, &outgoing.language).await?;
    let computed = compute(
        &mut tx,
        &permit,
        actor,
        (permit.state(), &to),
        outgoing.level,
        now,
    )
    .await?;
    drop(tx);
    let checked = checked_message(ctx, &outgoing.message, &computed)?;
    // The writes go to the group-commit writer: the sends that arrive together share one
    // durable commit, and the caller is answered once it is on disk.
    let outgoing = Outgoing {
        to: Vec::new(),
        language: outgoing.language.clone(),
        message: Vec::new(),
        ..*outgoing
    };
    ctx.write(actor, move |ctx, tx, actor| {
        Box::pin(async move {
            let sent = (&to[..], &computed, &checked);
            record_send(ctx, tx, &permit, actor, &outgoing, sent, now).await
        })
    })
    .await
}

/// The writes of a send, in the writer's transaction: request, legs, message, notifications,
/// audit; returns the thread as its sender now sees it.
async fn record_send(
    ctx: &Ctx,
    tx: &mut Tx,
    permit: &UseChannel,
    actor: &Actor,
    outgoing: &Outgoing,
    (to, computed, checked): (&[StateCode], &Computed, &Checked),
    now: OffsetDateTime,
) -> AppResult<RequestDetail> {
    let deadlines = ctx.config.channel.deadlines();
    let by = deadlines.acknowledge_by(outgoing.urgency, now);
    let legs: Vec<(StateCode, OffsetDateTime)> = to.iter().map(|s| (s.clone(), by)).collect();
    let id = liaison_store::channel::insert_request(
        tx,
        permit,
        &NewRequest {
            sent_by: &actor.username,
            kind: outgoing.kind,
            urgency: outgoing.urgency,
            level: outgoing.level,
            tlp: outgoing.tlp,
            language: &outgoing.language,
            sent_at: now,
            legs: &legs,
        },
    )
    .await?;
    let message_id = store_message(ctx, tx, permit, actor, id, (checked, computed), now).await?;
    notify_carrying(
        ctx,
        tx,
        permit,
        (
            id,
            permit.state(),
            outgoing.kind,
            outgoing.urgency,
            &outgoing.language,
        ),
        outgoing.level,
        to,
        &computed.holders,
        message_id,
        false,
    )
    .await?;
    ctx.audit(
        tx,
        actor,
        AuditEvent::RequestSent {
            request_id: id.0,
            after: serde_json::json!({
                "from": permit.state().as_str(),
                "to": to.iter().map(StateCode::as_str).collect::<Vec<_>>(),
                "kind": outgoing.kind.as_str(),
                "urgency": outgoing.urgency.as_str(),
                "level": outgoing.level.as_str(),
                "tlp": outgoing.tlp.as_str(),
                "language": outgoing.language,
                "size": checked.binary.len(),
                "acknowledge_by": liaison_store::ts(by),
            }),
        },
    )
    .await?;
    detail_in(tx, permit, id, now).await
}

fn conflict(refused: rules::Refused) -> AppError {
    AppError::Conflict(refused.to_string())
}

/// A reply in a thread from the caller's State, encrypted to the thread's key set. A recipient
/// State's reply answers (and acknowledges) its leg.
pub async fn reply(
    ctx: &Ctx,
    actor: &Actor,
    id: RequestId,
    message: &[u8],
) -> AppResult<RequestDetail> {
    let permit = access::use_channel(actor)?;
    let now = ctx.clock.now();
    // The key set and the envelope check before the write transaction (see `send`).
    let mut tx = ctx.store.read().await?;
    within_budget(ctx, &mut tx, &permit, now, 0).await?;
    let request = load(&mut tx, &permit, id).await?;
    let to = others(&request, &permit);
    let recipients = request.recipients();
    let computed = compute(
        &mut tx,
        &permit,
        actor,
        (&request.from, &recipients),
        request.level,
        now,
    )
    .await?;
    drop(tx);
    let checked = checked_message(ctx, message, &computed)?;
    ctx.write(actor, move |ctx, tx, actor| {
        Box::pin(async move {
            let reply = (&to[..], &computed, &checked);
            record_reply(ctx, tx, &permit, actor, id, reply, now).await
        })
    })
    .await
}

/// The writes of a reply, in the writer's transaction (see `send`).
async fn record_reply(
    ctx: &Ctx,
    tx: &mut Tx,
    permit: &UseChannel,
    actor: &Actor,
    id: RequestId,
    (to, computed, checked): (&[StateCode], &Computed, &Checked),
    now: OffsetDateTime,
) -> AppResult<RequestDetail> {
    let request = load(tx, permit, id).await?;
    if request.closed_at.is_some() {
        return Err(AppError::Conflict("the request is closed".into()));
    }
    if let Some(leg) = request.leg(permit.state()) {
        let answered = |t: &mut LegTimes| rules::answer(t, now).map(|()| true);
        let by = Some(actor.username.as_str());
        if !step_leg(tx, permit, (id, leg), answered, by)
            .await?
            .map_err(conflict)?
        {
            return Err(AppError::Conflict(
                "the request changed meanwhile; try again".into(),
            ));
        }
    }
    let message_id = store_message(ctx, tx, permit, actor, id, (checked, computed), now).await?;
    notify_carrying(
        ctx,
        tx,
        permit,
        (
            id,
            permit.state(),
            request.kind,
            request.urgency,
            &request.language,
        ),
        request.level,
        to,
        &computed.holders,
        message_id,
        true,
    )
    .await?;
    ctx.audit(
        tx,
        actor,
        AuditEvent::RequestReplied {
            request_id: id.0,
            message_id: message_id.0,
            state: permit.state().to_string(),
        },
    )
    .await?;
    detail_in(tx, permit, id, now).await
}

/// The caller's State, a recipient, acknowledges the request; its sender's contacts at the
/// level are told.
pub async fn acknowledge(ctx: &Ctx, actor: &Actor, id: RequestId) -> AppResult<RequestDetail> {
    let permit = access::use_channel(actor)?;
    let now = ctx.clock.now();
    ctx.write(actor, move |ctx, tx, actor| {
        Box::pin(async move { record_acknowledgement(ctx, tx, &permit, actor, id, now).await })
    })
    .await
}

/// The writes of an acknowledgement, in the writer's transaction (see `send`).
async fn record_acknowledgement(
    ctx: &Ctx,
    tx: &mut Tx,
    permit: &UseChannel,
    actor: &Actor,
    id: RequestId,
    now: OffsetDateTime,
) -> AppResult<RequestDetail> {
    let request = load(tx, permit, id).await?;
    let leg = request.leg(permit.state()).ok_or_else(|| {
        AppError::Forbidden("only a recipient State acknowledges a request".into())
    })?;
    if request.closed_at.is_some() {
        return Err(conflict(rules::Refused::Closed));
    }
    let acknowledged = |t: &mut LegTimes| rules::acknowledge(t, now).map(|()| true);
    let by = Some(actor.username.as_str());
    if !step_leg(tx, permit, (id, leg), acknowledged, by)
        .await?
        .map_err(conflict)?
    {
        return Err(conflict(rules::Refused::AlreadyAcknowledged));
    }
    let holders = liaison_store::channel::key_holders(
        tx,
        permit,
        std::slice::from_ref(&request.from),
        ctx.clock.today(),
    )
    .await?;
    let lang = mail_lang(&request.language);
    let url = thread_url(ctx, id);
    let letter = |contact: &KeyHolder| Letter {
        template: "channel-acknowledged",
        kind: "channel.acknowledged",
        values: minijinja::context! {
            state => permit.state().to_string(), id => id.to_string(), url => url.clone(),
            at => i18n::moment(lang, now, Some(&contact.time_zone)),
        },
    };
    let to = (&request.from, request.level);
    notify_plain(tx, &holders, to, (lang, &letter), now).await?;
    ctx.audit(
        tx,
        actor,
        AuditEvent::RequestAcknowledged {
            request_id: id.0,
            state: permit.state().to_string(),
        },
    )
    .await?;
    detail_in(tx, permit, id, now).await
}

/// Closes the request (the sending State: every leg) or the caller's own leg (a recipient).
pub async fn close(ctx: &Ctx, actor: &Actor, id: RequestId) -> AppResult<RequestDetail> {
    let permit = access::use_channel(actor)?;
    let now = ctx.clock.now();
    let mut tx = ctx.store.begin().await?;
    let request = load(&mut tx, &permit, id).await?;
    if request.closed_at.is_some() {
        return Err(conflict(rules::Refused::Closed));
    }
    let whole = access::party(&permit, &request.from, &request.recipients()) == Some(Party::Sender);
    let legs: Vec<_> = if whole {
        liaison_store::channel::close_request(&mut tx, &permit, id, now).await?;
        request
            .legs
            .iter()
            .filter(|leg| leg.times.closed_at.is_none())
            .collect()
    } else {
        let leg = request
            .leg(permit.state())
            .ok_or_else(|| AppError::NotFound(format!("no request with id {id}")))?;
        if leg.times.closed_at.is_some() {
            return Err(conflict(rules::Refused::Closed));
        }
        vec![leg]
    };
    for leg in legs {
        let closed = |t: &mut LegTimes| rules::close(t, now).map(|()| true);
        step_leg(&mut tx, &permit, (id, leg), closed, None)
            .await?
            .map_err(conflict)?;
    }
    ctx.audit(
        &mut tx,
        actor,
        AuditEvent::RequestClosed {
            request_id: id.0,
            state: permit.state().to_string(),
            whole,
        },
    )
    .await?;
    committed_detail(tx, &permit, id, now).await
}

/// Escalates a leg to the recipient State's policy-level contacts: a plain mail naming the
/// envelope and the deadline, with the thread's link.
async fn escalate_leg(
    ctx: &Ctx,
    tx: &mut Tx,
    (actor, permit): (&Actor, &impl ChangeEnvelope),
    request: &StoredRequest,
    leg: &StoredLeg,
    why: &'static str,
) -> AppResult<bool> {
    let now = ctx.clock.now();
    let escalated = |t: &mut LegTimes| rules::escalate(t, now).map(|()| true);
    if step_leg(tx, permit, (request.id, leg), escalated, None).await? != Ok(true) {
        return Ok(false);
    }
    let permit_holders = liaison_store::channel::key_holders_for_system(
        tx,
        &access::system::channel(),
        std::slice::from_ref(&leg.state),
        ctx.clock.today(),
    )
    .await?;
    let lang = mail_lang(&request.language);
    let url = thread_url(ctx, request.id);
    let letter = |contact: &KeyHolder| {
        let zone = Some(contact.time_zone.as_str());
        Letter {
            template: "channel-escalated",
            kind: "channel.escalated",
            values: minijinja::context! {
                from => request.from.to_string(), state => leg.state.to_string(),
                id => request.id.to_string(), kind => request.kind.as_str(),
                urgency => request.urgency.as_str(), level => request.level.as_str(),
                sent => i18n::moment(lang, request.sent_at, zone),
                deadline => i18n::moment(lang, leg.times.acknowledge_by, zone),
                url => url.clone(),
            },
        }
    };
    let to = (&leg.state, Level::Policy);
    notify_plain(tx, &permit_holders, to, (lang, &letter), now).await?;
    ctx.audit(
        tx,
        actor,
        AuditEvent::RequestEscalated {
            request_id: request.id.0,
            state: leg.state.to_string(),
            why,
        },
    )
    .await?;
    Ok(true)
}

/// The sending State escalates unacknowledged legs now (all of them when `states` is empty).
pub async fn escalate(
    ctx: &Ctx,
    actor: &Actor,
    id: RequestId,
    states: &[StateCode],
) -> AppResult<RequestDetail> {
    let permit = access::use_channel(actor)?;
    let now = ctx.clock.now();
    let mut tx = ctx.store.begin().await?;
    let request = load(&mut tx, &permit, id).await?;
    if access::party(&permit, &request.from, &request.recipients()) != Some(Party::Sender) {
        return Err(AppError::Forbidden(
            "only the sending State escalates a request".into(),
        ));
    }
    if request.closed_at.is_some() {
        return Err(conflict(rules::Refused::Closed));
    }
    for state in states {
        if request.leg(state).is_none() {
            return Err(AppError::validation(
                "states",
                format!("{state} is not a recipient of this request"),
            ));
        }
    }
    let mut escalated = 0;
    let mut refused = rules::Refused::NothingToEscalate;
    for leg in &request.legs {
        if !states.is_empty() && !states.contains(&leg.state) {
            continue;
        }
        let mut times = leg.times;
        if let Err(why) = rules::escalate(&mut times, now) {
            // Say "already escalated" when that is why nothing was, for every leg asked.
            if why == rules::Refused::AlreadyEscalated {
                refused = why;
            }
            continue;
        }
        if escalate_leg(ctx, &mut tx, (actor, &permit), &request, leg, "sender").await? {
            escalated += 1;
        }
    }
    if escalated == 0 {
        return Err(conflict(refused));
    }
    committed_detail(tx, &permit, id, now).await
}

/// The scheduler's run: escalates every leg past its deadline, once. The number escalated.
pub async fn escalate_overdue(ctx: &Ctx) -> AppResult<u32> {
    let system = access::system::channel();
    let now = ctx.clock.now();
    let mut tx = ctx.store.begin().await?;
    let due = liaison_store::channel::escalations_due(&mut tx, &system, now).await?;
    let mut count = 0;
    for id in due {
        let Some(request) = liaison_store::channel::get_for_system(&mut tx, &system, id).await?
        else {
            continue;
        };
        for leg in &request.legs {
            if leg.times.escalation_due(now)
                && escalate_leg(
                    ctx,
                    &mut tx,
                    (&Actor::system(), &system),
                    &request,
                    leg,
                    "deadline",
                )
                .await?
            {
                count += 1;
            }
        }
    }
    liaison_store::commit(tx).await?;
    Ok(count)
}

/// The delivery worker handed a notification to the relay: its State's leg is delivered.
pub async fn delivered(ctx: &Ctx, outbox_id: i64) -> AppResult<()> {
    let system = access::system::channel();
    let now = ctx.clock.now();
    let mut tx = ctx.store.begin().await?;
    let Some((id, state)) =
        liaison_store::channel::notification(&mut tx, &system, outbox_id).await?
    else {
        return Ok(());
    };
    let Some(request) = liaison_store::channel::get_for_system(&mut tx, &system, id).await? else {
        return Ok(());
    };
    if let Some(leg) = request.leg(&state) {
        let delivered = |t: &mut LegTimes| Ok(rules::deliver(t, now));
        if step_leg(&mut tx, &system, (id, leg), delivered, None).await? == Ok(true) {
            ctx.audit(
                &mut tx,
                &Actor::system(),
                AuditEvent::RequestDelivered {
                    request_id: id.0,
                    state: state.to_string(),
                    how: "mail",
                },
            )
            .await?;
        }
    }
    liaison_store::commit(tx).await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Feedback and statistics.

/// Non-content feedback for the network manager: the exchange took place, and was useful or not.
pub async fn feedback(ctx: &Ctx, actor: &Actor, id: RequestId, useful: bool) -> AppResult<()> {
    let permit = access::use_channel(actor)?;
    let now = ctx.clock.now();
    let mut tx = ctx.store.begin().await?;
    load(&mut tx, &permit, id).await?;
    liaison_store::channel::give_feedback(&mut tx, &permit, id, actor.account_id, useful, now)
        .await?;
    ctx.audit(
        &mut tx,
        actor,
        AuditEvent::RequestFeedback {
            request_id: id.0,
            state: permit.state().to_string(),
            useful,
        },
    )
    .await?;
    liaison_store::commit(tx).await?;
    Ok(())
}

fn counts<K: Ord>(map: &BTreeMap<K, u32>, name: impl Fn(&K) -> String) -> Vec<Count> {
    map.iter()
        .map(|(key, count)| Count {
            key: name(key),
            count: *count,
        })
        .collect()
}

/// The channel's metadata statistics, for the network manager.
pub async fn stats(ctx: &Ctx, actor: &Actor) -> AppResult<ChannelStats> {
    let permit = access::channel_stats(actor)?;
    let mut tx = ctx.store.read().await?;
    let all = liaison_store::channel::all(&mut tx, &permit).await?;
    let (useful, not_useful) = liaison_store::channel::feedback_counts(&mut tx, &permit).await?;
    drop(tx);
    let pairs: Vec<(rules::Envelope, Vec<LegTimes>)> = all
        .iter()
        .map(|r| (r.envelope(), r.legs.iter().map(|l| l.times).collect()))
        .collect();
    let stats = rules::stats(pairs.iter().map(|(e, legs)| (e, legs.as_slice())));
    Ok(ChannelStats {
        requests: stats.requests,
        messages: stats.messages,
        legs: stats.legs,
        by_kind: counts(&stats.by_kind, |k| k.as_str().to_owned()),
        by_urgency: counts(&stats.by_urgency, |u| u.as_str().to_owned()),
        by_level: counts(&stats.by_level, |l| (*l).to_owned()),
        acknowledged: stats.acknowledged,
        acknowledged_on_time: stats.acknowledged_on_time,
        escalated: stats.escalated,
        median_acknowledge_seconds: stats.median_acknowledge.map(|d| d.whole_seconds()),
        p90_acknowledge_seconds: stats.p90_acknowledge.map(|d| d.whole_seconds()),
        feedback_useful: useful,
        feedback_not_useful: not_useful,
    })
}
