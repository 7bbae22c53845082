//! Protected-channel operations (CBMs 3, 10, 13, 16): the key set a request or reply must be
//! encrypted to, sending a request (its body checked against that key set without decrypting,
//! and refused over the size limit), replies, acknowledgement, closing, escalation (by the
//! scheduler past the deadline, or on the sender's demand), delivery (a notification reached the
//! relay, or the thread was opened), ciphertext download, feedback and the manager's statistics.
//! Notifications go through the outbox in the operation's own transaction: PGP/MIME mails that
//! carry the ciphertext, plain mails for acknowledgements and escalations (envelope only).

use super::Ctx;
use crate::error::{AppError, AppResult};
use crate::i18n;
use fluent_templates::fluent_bundle::FluentValue;
use liaison_core::access::{self, Actor, ChangeEnvelope, Party, UseChannel};
use liaison_core::audit::AuditEvent;
use liaison_core::channel::envelope::{self, EnvelopeError, KeySetMismatch};
use liaison_core::channel::keys::{self, Candidate, Unaddressable};
use liaison_core::channel::request::{self as rules, LegTimes};
use liaison_core::outbox::Message;
use liaison_core::wording::Worded;
use liaison_store::Tx;
use liaison_store::channel::{KeyHolder, NewMessage, NewRequest, StoredRequest};
use liaison_types::channel::{
    ChannelStats, Count, KeySetView, LeftOutContact, Leg, MessageMeta, RequestAction,
    RequestDetail, RequestKind, RequestSummary, SetKey, Tlp, Urgency,
};
use liaison_types::directory::{ContactKind, Level};
use liaison_types::state::StateCode;
use std::collections::BTreeMap;
use time::OffsetDateTime;

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
// What can be wrong with a request, worded by the catalogue.

/// Why a request or reply is refused, by field; `Display` is the English the API answers with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    Request(rules::Invalid),
    /// Recipient States without a usable key at the level.
    Unaddressable {
        states: String,
        level: Level,
        /// Those of them that could be addressed at the other level.
        other_level: String,
    },
    Envelope(EnvelopeError),
    KeySet {
        missing: String,
        extra: String,
    },
}

impl Worded for Invalid {
    fn message_id(&self) -> &'static str {
        match self {
            Invalid::Request(invalid) => invalid.message_id(),
            Invalid::Unaddressable {
                level, other_level, ..
            } => match (level, other_level.is_empty()) {
                (Level::Policy, true) => "invalid-request-unaddressable-policy",
                (Level::Technical, true) => "invalid-request-unaddressable-technical",
                (Level::Policy, false) => "invalid-request-unaddressable-policy-other",
                (Level::Technical, false) => "invalid-request-unaddressable-technical-other",
            },
            Invalid::Envelope(EnvelopeError::Malformed(_)) => "invalid-request-malformed",
            Invalid::Envelope(EnvelopeError::NotEncrypted) => "invalid-request-not-encrypted",
            Invalid::Envelope(EnvelopeError::Unprotected) => "invalid-request-unprotected",
            Invalid::Envelope(EnvelopeError::Password) => "invalid-request-password",
            Invalid::Envelope(EnvelopeError::Anonymous) => "invalid-request-anonymous",
            Invalid::Envelope(EnvelopeError::Duplicate(_)) => "invalid-request-duplicate",
            Invalid::Envelope(EnvelopeError::Unexpected(_)) => "invalid-request-unexpected-packet",
            Invalid::KeySet { .. } => "invalid-request-key-set",
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            Invalid::Request(invalid) => invalid.args(),
            Invalid::Unaddressable {
                states,
                other_level,
                ..
            } => vec![
                ("states", states.clone()),
                ("other_states", other_level.clone()),
            ],
            Invalid::Envelope(EnvelopeError::Malformed(detail)) => {
                vec![("detail", detail.clone())]
            }
            Invalid::Envelope(EnvelopeError::Duplicate(key)) => vec![("key", key.clone())],
            Invalid::Envelope(EnvelopeError::Unexpected(packet)) => {
                vec![("packet", packet.clone())]
            }
            Invalid::Envelope(_) => Vec::new(),
            Invalid::KeySet { missing, extra } => vec![
                (
                    "missing",
                    if missing.is_empty() {
                        "-".into()
                    } else {
                        missing.clone()
                    },
                ),
                (
                    "extra",
                    if extra.is_empty() {
                        "-".into()
                    } else {
                        extra.clone()
                    },
                ),
            ],
        }
    }
}

fn one(field: &str, invalid: Invalid) -> AppError {
    AppError::worded([(field.to_owned(), invalid)])
}

fn codes(states: impl IntoIterator<Item = StateCode>) -> String {
    states
        .into_iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn unaddressable(list: Vec<Unaddressable>) -> AppError {
    let level = list.first().map_or(Level::Technical, |u| u.level);
    let other_level = codes(
        list.iter()
            .filter(|u| u.other_level)
            .map(|u| u.state.clone()),
    );
    one(
        "to",
        Invalid::Unaddressable {
            states: codes(list.into_iter().map(|u| u.state)),
            level,
            other_level,
        },
    )
}

fn mismatch(mismatch: KeySetMismatch) -> AppError {
    one(
        "message",
        Invalid::KeySet {
            missing: mismatch
                .missing
                .iter()
                .map(|k| k.fingerprint.clone())
                .collect::<Vec<_>>()
                .join(", "),
            extra: mismatch
                .extra
                .iter()
                .map(|r| r.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        },
    )
}

// ---------------------------------------------------------------------------------------------
// Key sets.

/// A key set and the contacts it was computed from.
struct Computed {
    set: keys::KeySet,
    holders: Vec<KeyHolder>,
}

impl Computed {
    fn holder(&self, contact: i64) -> Option<&KeyHolder> {
        self.holders.iter().find(|h| h.contact_id == contact)
    }

    fn view(&self, level: Level) -> KeySetView {
        KeySetView {
            level,
            keys: self
                .set
                .keys
                .iter()
                .filter_map(|key| {
                    let holder = self.holder(key.contact)?;
                    Some(SetKey {
                        contact_id: key.contact,
                        state: holder.state.clone(),
                        contact_name: holder.name.clone(),
                        fingerprint: key.fingerprint.clone(),
                        public_key: holder.key.clone().unwrap_or_default(),
                    })
                })
                .collect(),
            left_out: self.left_out(),
        }
    }

    fn left_out(&self) -> Vec<LeftOutContact> {
        self.set
            .left_out
            .iter()
            .filter_map(|(contact, why)| {
                let holder = self.holder(*contact)?;
                Some(LeftOutContact {
                    contact_id: *contact,
                    state: holder.state.clone(),
                    contact_name: holder.name.clone(),
                    reason: why.reason(),
                })
            })
            .collect()
    }

    fn fingerprints(&self) -> Vec<String> {
        self.set
            .keys
            .iter()
            .map(|k| k.fingerprint.clone())
            .collect()
    }
}

/// The key set of a message the caller writes in a thread from `from` to `to` at `level` (see
/// `core::channel::keys`).
async fn compute(
    tx: &mut Tx,
    permit: &UseChannel,
    actor: &Actor,
    (from, to): (&StateCode, &[StateCode]),
    level: Level,
    now: OffsetDateTime,
) -> AppResult<Computed> {
    let mut states = vec![permit.state().clone(), from.clone()];
    states.extend(to.iter().cloned());
    states.sort();
    states.dedup();
    let holders = liaison_store::channel::key_holders(tx, permit, &states, now.date()).await?;
    let candidates: Vec<Candidate<'_>> = holders
        .iter()
        .map(|h| Candidate {
            contact: h.contact_id,
            state: &h.state,
            kind: h.kind,
            retired: h.retired,
            key: h.key.as_deref(),
        })
        .collect();
    let writing = keys::Writing {
        writer: permit.state(),
        writer_contact: actor.contact,
        from,
        to,
        level,
    };
    let set = keys::key_set(&writing, &candidates, now).map_err(unaddressable)?;
    Ok(Computed { set, holders })
}

/// Validates the recipients of a new request from the caller's State.
async fn recipients(
    tx: &mut Tx,
    permit: &UseChannel,
    to: &[StateCode],
    language: &str,
) -> AppResult<Vec<StateCode>> {
    let states = liaison_store::state::list(tx).await?;
    rules::validate(permit.state(), to, language, &states).map_err(|problems| {
        AppError::worded(
            problems
                .into_iter()
                .map(|(field, invalid)| (field, Invalid::Request(invalid))),
        )
    })
}

/// The keys a new request to `to` at `level` must be encrypted to.
/// Refuses anyone who may not use the channel before a request form is shown or read.
pub fn may_use(actor: &Actor) -> AppResult<()> {
    access::use_channel(actor)?;
    Ok(())
}

pub async fn key_set(
    ctx: &Ctx,
    actor: &Actor,
    to: &[StateCode],
    level: Level,
) -> AppResult<KeySetView> {
    let permit = access::use_channel(actor)?;
    let mut tx = ctx.store.read().await?;
    let to = recipients(&mut tx, &permit, to, "en").await?;
    let computed = compute(
        &mut tx,
        &permit,
        actor,
        (permit.state(), &to),
        level,
        ctx.clock.now(),
    )
    .await?;
    Ok(computed.view(level))
}

/// The parties of a thread other than the caller's State.
fn others(request: &StoredRequest, permit: &UseChannel) -> Vec<StateCode> {
    std::iter::once(request.from.clone())
        .chain(request.recipients())
        .filter(|state| state != permit.state())
        .collect()
}

/// The keys a reply in a thread must be encrypted to.
pub async fn thread_key_set(ctx: &Ctx, actor: &Actor, id: i64) -> AppResult<KeySetView> {
    let permit = access::use_channel(actor)?;
    let mut tx = ctx.store.read().await?;
    let request = load(&mut tx, &permit, id).await?;
    let to = request.recipients();
    let computed = compute(
        &mut tx,
        &permit,
        actor,
        (&request.from, &to),
        request.level,
        ctx.clock.now(),
    )
    .await?;
    Ok(computed.view(request.level))
}

// ---------------------------------------------------------------------------------------------
// Reading.

async fn load(tx: &mut Tx, permit: &UseChannel, id: i64) -> AppResult<StoredRequest> {
    liaison_store::channel::get(tx, permit, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no request with id {id}")))
}

fn leg_view(leg: &liaison_store::channel::StoredLeg, now: OffsetDateTime) -> Leg {
    let t = &leg.times;
    Leg {
        state: leg.state.clone(),
        status: t.status(),
        acknowledge_by: t.acknowledge_by,
        overdue: t.overdue(now),
        delivered_at: t.delivered_at,
        acknowledged_at: t.acknowledged_at,
        acknowledged_by: leg.acknowledged_by.clone(),
        answered_at: t.answered_at,
        closed_at: t.closed_at,
        escalated_at: t.escalated_at,
    }
}

fn summary(request: &StoredRequest, now: OffsetDateTime) -> RequestSummary {
    RequestSummary {
        id: request.id,
        from: request.from.clone(),
        sent_by: request.sent_by.clone(),
        kind: request.kind,
        urgency: request.urgency,
        level: request.level,
        tlp: request.tlp,
        language: request.language.clone(),
        sent_at: request.sent_at,
        closed_at: request.closed_at,
        to: request.legs.iter().map(|leg| leg_view(leg, now)).collect(),
        messages: u32::try_from(request.messages.len()).unwrap_or(u32::MAX),
        bytes: request
            .messages
            .iter()
            .map(|m| u64::try_from(m.size).unwrap_or(0))
            .sum(),
    }
}

/// What the caller's State may do in a thread.
fn actions(request: &StoredRequest, permit: &UseChannel) -> Vec<RequestAction> {
    let mut out = Vec::new();
    let open = request.closed_at.is_none();
    match access::party(permit, &request.from, &request.recipients()) {
        Some(Party::Sender) => {
            if open {
                out.push(RequestAction::Reply);
                if request.legs.iter().any(|leg| {
                    leg.times.acknowledged_at.is_none()
                        && leg.times.closed_at.is_none()
                        && leg.times.escalated_at.is_none()
                }) {
                    out.push(RequestAction::Escalate);
                }
                out.push(RequestAction::Close);
            }
            out.push(RequestAction::Feedback);
        }
        Some(Party::Recipient) => {
            if let Some(leg) = request.leg(permit.state()) {
                let leg_open = open && leg.times.closed_at.is_none();
                if leg_open && leg.times.acknowledged_at.is_none() {
                    out.push(RequestAction::Acknowledge);
                }
                if leg_open {
                    out.push(RequestAction::Reply);
                    out.push(RequestAction::Close);
                }
            }
            out.push(RequestAction::Feedback);
        }
        None => {}
    }
    out
}

async fn detail_of(
    tx: &mut Tx,
    permit: &UseChannel,
    request: &StoredRequest,
    now: OffsetDateTime,
) -> AppResult<RequestDetail> {
    let left_out = match request.messages.last() {
        Some(last) => liaison_store::channel::left_out(tx, permit, last.id).await?,
        None => Vec::new(),
    };
    Ok(RequestDetail {
        request: summary(request, now),
        messages: request
            .messages
            .iter()
            .map(|m| MessageMeta {
                id: m.id,
                request_id: m.request_id,
                seq: u32::try_from(m.seq).unwrap_or(0),
                from: m.from.clone(),
                sent_by: m.sent_by.clone(),
                sent_at: m.sent_at,
                size: u64::try_from(m.size).unwrap_or(0),
                sha256: m.sha256.clone(),
                fingerprints: m.fingerprints.clone(),
            })
            .collect(),
        left_out,
        actions: actions(request, permit),
    })
}

/// The threads of the caller's State, newest first.
pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    before: Option<i64>,
) -> AppResult<(Vec<RequestSummary>, Option<i64>)> {
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
pub async fn detail(ctx: &Ctx, actor: &Actor, id: i64) -> AppResult<RequestDetail> {
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
    let mut tx = ctx.store.begin().await?;
    let request = load(&mut tx, &permit, id).await?;
    if let Some(leg) = request.leg(permit.state()) {
        let mut times = leg.times;
        if rules::deliver(&mut times, now)
            && liaison_store::channel::update_leg(
                &mut tx, &permit, id, &leg.state, &leg.times, &times, None,
            )
            .await?
        {
            ctx.audit(
                &mut tx,
                actor,
                AuditEvent::RequestDelivered {
                    request_id: id,
                    state: leg.state.to_string(),
                    how: "opened",
                },
            )
            .await?;
        }
    }
    let request = load(&mut tx, &permit, id).await?;
    let detail = detail_of(&mut tx, &permit, &request, now).await?;
    liaison_store::commit(tx).await?;
    Ok(detail)
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
    id: i64,
    message_id: i64,
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
    message_id: i64,
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

/// Stores a checked message as the next of thread `id`, with the contacts left out of its key
/// set.
async fn store_message(
    tx: &mut Tx,
    permit: &UseChannel,
    actor: &Actor,
    id: i64,
    checked: &Checked,
    computed: &Computed,
    now: OffsetDateTime,
) -> AppResult<i64> {
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

fn arg(name: &'static str, value: String) -> (&'static str, FluentValue<'static>) {
    (name, FluentValue::from(value))
}

/// The language of the channel's mail: the request's, when the interface speaks it (else
/// English), for every recipient alike.
fn mail_lang(request_language: &str) -> &'static str {
    i18n::supported(request_language)
}

fn thread_url(ctx: &Ctx, id: i64) -> String {
    format!(
        "{}/requests/{id}",
        ctx.config.public_url.trim_end_matches('/')
    )
}

/// The contacts of `state` at `level` that mail goes to (active, with an address).
fn mail_contacts<'a>(
    holders: &'a [KeyHolder],
    state: &'a StateCode,
    level: Level,
) -> impl Iterator<Item = &'a KeyHolder> {
    holders.iter().filter(move |h| {
        &h.state == state
            && !h.retired
            && h.kind == ContactKind::Poc { level }
            && !h.email.is_empty()
    })
}

/// Queues the PGP/MIME notifications that carry message `message_id` to every contact of the
/// `to` States at the level, and records which State each one notifies.
#[allow(clippy::too_many_arguments)]
async fn notify_carrying(
    ctx: &Ctx,
    tx: &mut Tx,
    permit: &UseChannel,
    request: (i64, &StateCode, RequestKind, Urgency, &str),
    level: Level,
    to: &[StateCode],
    holders: &[KeyHolder],
    message_id: i64,
    reply: bool,
) -> AppResult<()> {
    let (id, from, kind, urgency, language) = request;
    let lang = mail_lang(language);
    let subject = if reply {
        i18n::tr_args(
            lang,
            "mail-request-reply-subject",
            &[arg("state", from.to_string()), arg("id", id.to_string())],
        )
    } else {
        i18n::tr_args(
            lang,
            "mail-request-subject",
            &[
                arg(
                    "urgency",
                    i18n::tr(lang, &format!("urgency-{}", urgency.as_str())),
                ),
                arg("kind", i18n::tr(lang, &format!("kind-{}", kind.as_str()))),
                arg("state", from.to_string()),
                arg("id", id.to_string()),
            ],
        )
    };
    let now = ctx.clock.now();
    for state in to {
        for contact in mail_contacts(holders, state, level) {
            let outbox = liaison_store::outbox::enqueue(
                tx,
                &Message {
                    to: contact.email.clone(),
                    subject: subject.clone(),
                    body: thread_url(ctx, id),
                    kind: if reply {
                        "channel.reply"
                    } else {
                        "channel.request"
                    }
                    .into(),
                    secret: None,
                    carries: Some(message_id),
                },
                now,
            )
            .await?;
            liaison_store::channel::record_notification(tx, permit, outbox, id, state).await?;
        }
    }
    Ok(())
}

/// Sends a request from the caller's State: the recipients, the key set and the message are
/// checked, then request, legs, message, notifications and audit are stored in one transaction.
pub async fn send(ctx: &Ctx, actor: &Actor, outgoing: &Outgoing) -> AppResult<RequestDetail> {
    let permit = access::use_channel(actor)?;
    let now = ctx.clock.now();
    // The key set and the envelope check (parsing every key and the message) happen before the
    // write transaction, which serialises writers: they would hold it for milliseconds.
    let mut tx = ctx.store.read().await?;
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
    let mut tx = ctx.store.begin().await?;
    let deadlines = ctx.config.channel.deadlines();
    let by = deadlines.acknowledge_by(outgoing.urgency, now);
    let legs: Vec<(StateCode, OffsetDateTime)> = to.iter().map(|s| (s.clone(), by)).collect();
    let id = liaison_store::channel::insert_request(
        &mut tx,
        &permit,
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
    let message_id = store_message(&mut tx, &permit, actor, id, &checked, &computed, now).await?;
    notify_carrying(
        ctx,
        &mut tx,
        &permit,
        (
            id,
            permit.state(),
            outgoing.kind,
            outgoing.urgency,
            &outgoing.language,
        ),
        outgoing.level,
        &to,
        &computed.holders,
        message_id,
        false,
    )
    .await?;
    ctx.audit(
        &mut tx,
        actor,
        AuditEvent::RequestSent {
            request_id: id,
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
    let request = load(&mut tx, &permit, id).await?;
    let detail = detail_of(&mut tx, &permit, &request, now).await?;
    liaison_store::commit(tx).await?;
    Ok(detail)
}

fn conflict(refused: rules::Refused) -> AppError {
    AppError::Conflict(refused.to_string())
}

/// A reply in a thread from the caller's State, encrypted to the thread's key set. A recipient
/// State's reply answers (and acknowledges) its leg.
pub async fn reply(ctx: &Ctx, actor: &Actor, id: i64, message: &[u8]) -> AppResult<RequestDetail> {
    let permit = access::use_channel(actor)?;
    let now = ctx.clock.now();
    // The key set and the envelope check before the write transaction (see `send`).
    let mut tx = ctx.store.read().await?;
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
    let mut tx = ctx.store.begin().await?;
    let request = load(&mut tx, &permit, id).await?;
    if request.closed_at.is_some() {
        return Err(AppError::Conflict("the request is closed".into()));
    }
    if let Some(leg) = request.leg(permit.state()) {
        let mut times = leg.times;
        rules::answer(&mut times, now).map_err(conflict)?;
        if !liaison_store::channel::update_leg(
            &mut tx,
            &permit,
            id,
            &leg.state,
            &leg.times,
            &times,
            Some(&actor.username),
        )
        .await?
        {
            return Err(AppError::Conflict(
                "the request changed meanwhile; try again".into(),
            ));
        }
    }
    let message_id = store_message(&mut tx, &permit, actor, id, &checked, &computed, now).await?;
    notify_carrying(
        ctx,
        &mut tx,
        &permit,
        (
            id,
            permit.state(),
            request.kind,
            request.urgency,
            &request.language,
        ),
        request.level,
        &to,
        &computed.holders,
        message_id,
        true,
    )
    .await?;
    ctx.audit(
        &mut tx,
        actor,
        AuditEvent::RequestReplied {
            request_id: id,
            message_id,
            state: permit.state().to_string(),
        },
    )
    .await?;
    let request = load(&mut tx, &permit, id).await?;
    let detail = detail_of(&mut tx, &permit, &request, now).await?;
    liaison_store::commit(tx).await?;
    Ok(detail)
}

/// Queues a plain (envelope-only) mail to the contacts of `state` at `level`.
/// A notification's body for one contact (its times on the contact's clock).
type BodyFor<'a> = dyn Fn(&KeyHolder) -> String + Sync + 'a;

async fn notify_plain(
    tx: &mut Tx,
    holders: &[KeyHolder],
    state: &StateCode,
    level: Level,
    message: (&str, String, &BodyFor<'_>),
    now: OffsetDateTime,
) -> AppResult<()> {
    let (kind, subject, body) = message;
    for contact in mail_contacts(holders, state, level) {
        liaison_store::outbox::enqueue(
            tx,
            &Message {
                to: contact.email.clone(),
                subject: subject.clone(),
                // Each contact reads the times on its own clock.
                body: body(contact),
                kind: kind.into(),
                secret: None,
                carries: None,
            },
            now,
        )
        .await?;
    }
    Ok(())
}

/// The caller's State, a recipient, acknowledges the request; its sender's contacts at the
/// level are told.
pub async fn acknowledge(ctx: &Ctx, actor: &Actor, id: i64) -> AppResult<RequestDetail> {
    let permit = access::use_channel(actor)?;
    let now = ctx.clock.now();
    let mut tx = ctx.store.begin().await?;
    let request = load(&mut tx, &permit, id).await?;
    let leg = request.leg(permit.state()).ok_or_else(|| {
        AppError::Forbidden("only a recipient State acknowledges a request".into())
    })?;
    let mut times = leg.times;
    if request.closed_at.is_some() {
        return Err(conflict(rules::Refused::Closed));
    }
    rules::acknowledge(&mut times, now).map_err(conflict)?;
    if !liaison_store::channel::update_leg(
        &mut tx,
        &permit,
        id,
        &leg.state,
        &leg.times,
        &times,
        Some(&actor.username),
    )
    .await?
    {
        return Err(conflict(rules::Refused::AlreadyAcknowledged));
    }
    let holders = liaison_store::channel::key_holders(
        &mut tx,
        &permit,
        std::slice::from_ref(&request.from),
        ctx.clock.today(),
    )
    .await?;
    let lang = mail_lang(&request.language);
    let subject = i18n::tr_args(
        lang,
        "mail-request-ack-subject",
        &[
            arg("state", permit.state().to_string()),
            arg("id", id.to_string()),
        ],
    );
    let url = thread_url(ctx, id);
    let body = |contact: &KeyHolder| {
        i18n::tr_args(
            lang,
            "mail-request-ack-body",
            &[
                arg("state", permit.state().to_string()),
                arg("id", id.to_string()),
                arg("url", url.clone()),
                arg("at", i18n::moment(lang, now, Some(&contact.time_zone))),
            ],
        )
    };
    notify_plain(
        &mut tx,
        &holders,
        &request.from,
        request.level,
        ("channel.acknowledged", subject, &body),
        now,
    )
    .await?;
    ctx.audit(
        &mut tx,
        actor,
        AuditEvent::RequestAcknowledged {
            request_id: id,
            state: permit.state().to_string(),
        },
    )
    .await?;
    let request = load(&mut tx, &permit, id).await?;
    let detail = detail_of(&mut tx, &permit, &request, now).await?;
    liaison_store::commit(tx).await?;
    Ok(detail)
}

/// Closes the request (the sending State: every leg) or the caller's own leg (a recipient).
pub async fn close(ctx: &Ctx, actor: &Actor, id: i64) -> AppResult<RequestDetail> {
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
        let mut times = leg.times;
        rules::close(&mut times, now).map_err(conflict)?;
        liaison_store::channel::update_leg(
            &mut tx, &permit, id, &leg.state, &leg.times, &times, None,
        )
        .await?;
    }
    ctx.audit(
        &mut tx,
        actor,
        AuditEvent::RequestClosed {
            request_id: id,
            state: permit.state().to_string(),
            whole,
        },
    )
    .await?;
    let request = load(&mut tx, &permit, id).await?;
    let detail = detail_of(&mut tx, &permit, &request, now).await?;
    liaison_store::commit(tx).await?;
    Ok(detail)
}

/// Escalates a leg to the recipient State's policy-level contacts: a plain mail naming the
/// envelope and the deadline, with the thread's link.
async fn escalate_leg(
    ctx: &Ctx,
    tx: &mut Tx,
    (actor, permit): (&Actor, &impl ChangeEnvelope),
    request: &StoredRequest,
    leg: &liaison_store::channel::StoredLeg,
    why: &'static str,
) -> AppResult<bool> {
    let now = ctx.clock.now();
    let mut times = leg.times;
    if rules::escalate(&mut times, now).is_err()
        || !liaison_store::channel::update_leg(
            tx, permit, request.id, &leg.state, &leg.times, &times, None,
        )
        .await?
    {
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
    let subject = i18n::tr_args(
        lang,
        "mail-request-escalated-subject",
        &[
            arg("from", request.from.to_string()),
            arg("state", leg.state.to_string()),
            arg("id", request.id.to_string()),
        ],
    );
    let url = thread_url(ctx, request.id);
    let body = |contact: &KeyHolder| {
        let zone = Some(contact.time_zone.as_str());
        i18n::tr_args(
            lang,
            "mail-request-escalated-body",
            &[
                arg("from", request.from.to_string()),
                arg("state", leg.state.to_string()),
                arg(
                    "kind",
                    i18n::tr(lang, &format!("kind-{}", request.kind.as_str())),
                ),
                arg(
                    "urgency",
                    i18n::tr(lang, &format!("urgency-{}", request.urgency.as_str())),
                ),
                arg(
                    "level",
                    i18n::tr(lang, &format!("levels-{}", request.level.as_str())),
                ),
                arg("sent", i18n::moment(lang, request.sent_at, zone)),
                arg(
                    "deadline",
                    i18n::moment(lang, leg.times.acknowledge_by, zone),
                ),
                arg("url", url.clone()),
            ],
        )
    };
    notify_plain(
        tx,
        &permit_holders,
        &leg.state,
        Level::Policy,
        ("channel.escalated", subject, &body),
        now,
    )
    .await?;
    ctx.audit(
        tx,
        actor,
        AuditEvent::RequestEscalated {
            request_id: request.id,
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
    id: i64,
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
    let request = load(&mut tx, &permit, id).await?;
    let detail = detail_of(&mut tx, &permit, &request, now).await?;
    liaison_store::commit(tx).await?;
    Ok(detail)
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
        let mut times = leg.times;
        if rules::deliver(&mut times, now)
            && liaison_store::channel::update_leg(
                &mut tx, &system, id, &state, &leg.times, &times, None,
            )
            .await?
        {
            ctx.audit(
                &mut tx,
                &Actor::system(),
                AuditEvent::RequestDelivered {
                    request_id: id,
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
pub async fn feedback(ctx: &Ctx, actor: &Actor, id: i64, useful: bool) -> AppResult<()> {
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
            request_id: id,
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
