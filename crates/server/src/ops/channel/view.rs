//! What a party State reads of a request: its summary, legs, messages and the actions it may take.

#[allow(clippy::wildcard_imports)]
use super::*;

/// Commits the operation's transaction and answers with the thread as it now stands.
/// The thread as `permit`'s State sees it, read in `tx` (the writer's, before its commit).
pub(super) async fn detail_in(
    tx: &mut Tx,
    permit: &UseChannel,
    id: RequestId,
    now: OffsetDateTime,
) -> AppResult<RequestDetail> {
    let request = load(tx, permit, id).await?;
    detail_of(tx, permit, &request, now).await
}

pub(super) async fn committed_detail(
    mut tx: Tx,
    permit: &UseChannel,
    id: RequestId,
    now: OffsetDateTime,
) -> AppResult<RequestDetail> {
    let detail = detail_in(&mut tx, permit, id, now).await?;
    liaison_store::commit(tx).await?;
    Ok(detail)
}

pub(super) async fn load(
    tx: &mut Tx,
    permit: &UseChannel,
    id: RequestId,
) -> AppResult<StoredRequest> {
    liaison_store::channel::get(tx, permit, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no request with id {id}")))
}

pub(super) fn leg_view(leg: &StoredLeg, now: OffsetDateTime) -> Leg {
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

pub(super) fn summary(request: &StoredRequest, now: OffsetDateTime) -> RequestSummary {
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
pub(super) fn actions(request: &StoredRequest, permit: &UseChannel) -> Vec<RequestAction> {
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

pub(super) async fn detail_of(
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
