//! The notifications of the channel: PGP/MIME mails that carry a message's ciphertext, and
//! plain mails (envelope only) for acknowledgements and escalations.

#[allow(clippy::wildcard_imports)]
use super::*;

pub(super) fn arg(name: &'static str, value: String) -> (&'static str, FluentValue<'static>) {
    (name, FluentValue::from(value))
}

/// The language of the channel's mail: the request's, when the interface speaks it (else
/// English), for every recipient alike.
pub(super) fn mail_lang(request_language: &str) -> &'static str {
    i18n::supported(request_language)
}

pub(super) fn thread_url(ctx: &Ctx, id: i64) -> String {
    format!(
        "{}/requests/{id}",
        ctx.config.public_url.trim_end_matches('/')
    )
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

/// Queues a plain (envelope-only) mail to the contacts of `state` at `level`.
/// A notification's body for one contact (its times on the contact's clock).
pub(super) type BodyFor<'a> = dyn Fn(&KeyHolder) -> String + Sync + 'a;

pub(super) async fn notify_plain(
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
