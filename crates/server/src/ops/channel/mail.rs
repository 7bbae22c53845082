//! The notifications of the channel: PGP/MIME mails that carry a message's ciphertext, and
//! plain mails (envelope only) for acknowledgements and escalations.

#[allow(clippy::wildcard_imports)]
use super::*;

/// The language of the channel's mail: the request's, when the interface speaks it (else
/// English), for every recipient alike.
pub(super) fn mail_lang(request_language: &str) -> &'static str {
    i18n::supported(request_language)
}

pub(super) fn thread_url(ctx: &Ctx, id: RequestId) -> String {
    format!("{}/requests/{id}", crate::ops::mail::public_url(ctx))
}

/// The contacts of `state` at `level` that mail goes to (active, with an address).
pub(super) fn mail_contacts<'a>(
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
pub(super) async fn notify_carrying(
    ctx: &Ctx,
    tx: &mut Tx,
    permit: &UseChannel,
    request: (RequestId, &StateCode, RequestKind, Urgency, &str),
    level: Level,
    to: &[StateCode],
    holders: &[KeyHolder],
    message_id: MessageId,
    reply: bool,
) -> AppResult<()> {
    let (id, from, kind, urgency, language) = request;
    let letter = Letter {
        template: "channel-request",
        kind: if reply {
            "channel.reply"
        } else {
            "channel.request"
        },
        values: minijinja::context! {
            reply => reply, urgency => urgency.as_str(), kind => kind.as_str(),
            state => from.to_string(), id => id.to_string(), url => thread_url(ctx, id),
        },
    };
    let now = ctx.clock.now();
    for state in to {
        for contact in mail_contacts(holders, state, level) {
            let mut message = letter.to(&contact.email, mail_lang(language))?;
            message.carries = Some(message_id.0);
            let outbox = liaison_store::outbox::enqueue(tx, &message, now).await?;
            liaison_store::channel::record_notification(tx, permit, outbox, id, state).await?;
        }
    }
    Ok(())
}

/// A notification for one contact (its times on the contact's clock).
pub(super) type LetterFor<'a> = dyn Fn(&KeyHolder) -> Letter<'static> + Sync + 'a;

/// Queues a plain (envelope-only) mail to the contacts of `state` at `level`, in `lang`.
pub(super) async fn notify_plain(
    tx: &mut Tx,
    holders: &[KeyHolder],
    (state, level): (&StateCode, Level),
    (lang, letter): (&str, &LetterFor<'_>),
    now: OffsetDateTime,
) -> AppResult<()> {
    for contact in mail_contacts(holders, state, level) {
        let message = letter(contact).to(&contact.email, lang)?;
        liaison_store::outbox::enqueue(tx, &message, now).await?;
    }
    Ok(())
}
