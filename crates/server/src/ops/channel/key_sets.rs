//! Key sets: the keys a request or a reply must be encrypted to, and who is left out.

#[allow(clippy::wildcard_imports)]
use super::*;

/// A key set and the contacts it was computed from.
pub(super) struct Computed {
    pub(super) set: keys::KeySet,
    pub(super) holders: Vec<KeyHolder>,
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

    pub(super) fn left_out(&self) -> Vec<LeftOutContact> {
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

    pub(super) fn fingerprints(&self) -> Vec<String> {
        self.set
            .keys
            .iter()
            .map(|k| k.fingerprint.clone())
            .collect()
    }
}

/// The key set of a message the caller writes in a thread from `from` to `to` at `level` (see
/// `core::channel::keys`).
pub(super) async fn compute(
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
pub(super) async fn recipients(
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
pub(super) fn others(request: &StoredRequest, permit: &UseChannel) -> Vec<StateCode> {
    std::iter::once(request.from.clone())
        .chain(request.recipients())
        .filter(|state| state != permit.state())
        .collect()
}

/// The keys a reply in a thread must be encrypted to.
pub async fn thread_key_set(ctx: &Ctx, actor: &Actor, id: RequestId) -> AppResult<KeySetView> {
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
