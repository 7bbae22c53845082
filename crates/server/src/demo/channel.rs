//! The demo's protected-channel threads, told through the channel's operations with the clock set
//! back: Germany's technical point of contact notified Estonia's of an incident 30 hours before
//! the demo starts (request 1: delivered, acknowledged and answered); Germany's policy level sent
//! Italy's an urgent consultation six hours before it that nobody acknowledged, so the scheduler
//! escalated it past its two-hour deadline (request 2). Each message is sealed by the demo itself, as a client
//! would, to exactly the key set the server computes, so the demo's secret keys in
//! `crates/server/demo/keys/` open them with `liaison read`.

use super::{account_actor, ctx_at};
use crate::config::Config;
use crate::error::{AppError, AppResult};
use crate::ops;
use liaison_core::channel::seal::{self, Attachment, Content};
use liaison_store::Store;
use liaison_types::channel::{KeySetView, RequestKind, Tlp, Urgency};
use liaison_types::directory::Level;
use liaison_types::state::StateCode;
use std::sync::Arc;
use time::{Duration, OffsetDateTime};

/// The subject of request 1, Germany's incident notification to Estonia.
const INCIDENT_SUBJECT: &str = "Phishing wave against government mail accounts";

/// The subject of request 2, Germany's urgent consultation of Italy.
const CONSULTATION_SUBJECT: &str = "Urgent consultation: outage of a shared satellite link";

/// Seeds the two threads.
pub(super) async fn seed(
    store: &Store,
    config: &Arc<Config>,
    now: OffsetDateTime,
) -> AppResult<()> {
    incident(store, config, now).await?;
    consultation(store, config, now).await
}

/// Request 1: sent 30 hours before the demo starts at priority (a day to acknowledge), its mail
/// delivered a minute later, acknowledged after 35 minutes and answered after three hours.
async fn incident(store: &Store, config: &Arc<Config>, now: OffsetDateTime) -> AppResult<()> {
    let germany = account_actor(store, "deu.technical").await?;
    let estonia = account_actor(store, "est.technical").await?;
    let sent_at = now - Duration::hours(30);
    let at = ctx_at(store, config, sent_at);
    let keys = ops::channel::key_set(&at, &germany, &[state("EST")?], Level::Technical).await?;
    let content = Content {
        subject: INCIDENT_SUBJECT.into(),
        body: "Since this morning CERT-Bund sees a phishing wave against the mail accounts of \
               federal ministries, sent from look-alike domains. The indicators are attached; \
               please check your networks and tell us whether Estonian institutions are hit.\n"
            .into(),
        attachments: vec![Attachment {
            filename: "iocs.csv".into(),
            content_type: "text/csv".into(),
            data: b"type,value\ndomain,login-gov.example\ndomain,mail-bund.example\n\
                    ip,192.0.2.44\n"
                .to_vec(),
        }],
    };
    let sent = ops::channel::send(
        &at,
        &germany,
        &ops::channel::Outgoing {
            to: vec![state("EST")?],
            kind: RequestKind::IncidentNotification,
            urgency: Urgency::Priority,
            level: Level::Technical,
            tlp: Tlp::Amber,
            language: "en".into(),
            message: sealed(&content, &keys, sent_at)?.into_bytes(),
        },
    )
    .await?;
    let id = sent.request.id;
    deliver_mail(store, config, sent_at + Duration::minutes(1)).await?;

    let acknowledged_at = sent_at + Duration::minutes(35);
    ops::channel::acknowledge(&ctx_at(store, config, acknowledged_at), &estonia, id).await?;
    deliver_mail(store, config, acknowledged_at + Duration::minutes(1)).await?;

    let answered_at = sent_at + Duration::hours(3);
    let at = ctx_at(store, config, answered_at);
    let keys = ops::channel::thread_key_set(&at, &estonia, id).await?;
    let answer = Content {
        subject: format!("Re: {INCIDENT_SUBJECT}"),
        body: "Confirmed: CERT-EE found the same sender domains in mail to two ministries. Both \
               domains are now blocked nationally; no account was compromised.\n"
            .into(),
        attachments: Vec::new(),
    };
    ops::channel::reply(
        &at,
        &estonia,
        id,
        sealed(&answer, &keys, answered_at)?.as_bytes(),
    )
    .await?;
    deliver_mail(store, config, answered_at + Duration::minutes(1)).await
}

/// Request 2: sent six hours before the demo starts, urgent (two hours to acknowledge), its mail
/// delivered a minute later; the scheduler's run a minute past the deadline escalated it to
/// Italy's policy-level contacts. Nobody has acknowledged it since.
async fn consultation(store: &Store, config: &Arc<Config>, now: OffsetDateTime) -> AppResult<()> {
    let germany = account_actor(store, "deu.policy").await?;
    let sent_at = now - Duration::hours(6);
    let at = ctx_at(store, config, sent_at);
    let keys = ops::channel::key_set(&at, &germany, &[state("ITA")?], Level::Policy).await?;
    let content = Content {
        subject: CONSULTATION_SUBJECT.into(),
        body: "A satellite link that German and Italian authorities share has been down since \
               05:40 UTC; the operator suspects interference. We ask for consultations at the \
               policy level within the day, to agree on what we say publicly.\n"
            .into(),
        attachments: Vec::new(),
    };
    let sent = ops::channel::send(
        &at,
        &germany,
        &ops::channel::Outgoing {
            to: vec![state("ITA")?],
            kind: RequestKind::Consultation,
            urgency: Urgency::Urgent,
            level: Level::Policy,
            tlp: Tlp::Green,
            language: "en".into(),
            message: sealed(&content, &keys, sent_at)?.into_bytes(),
        },
    )
    .await?;
    deliver_mail(store, config, sent_at + Duration::minutes(1)).await?;

    let deadline = sent
        .request
        .to
        .iter()
        .map(|leg| leg.acknowledge_by)
        .max()
        .ok_or_else(|| AppError::Internal("the demo consultation has no recipient".into()))?;
    let scheduler = deadline + Duration::minutes(1);
    ops::channel::escalate_overdue(&ctx_at(store, config, scheduler)).await?;
    deliver_mail(store, config, scheduler + Duration::minutes(1)).await
}

fn state(code: &str) -> AppResult<StateCode> {
    StateCode::parse(code).map_err(AppError::Internal)
}

/// `content` sealed, as the CLI seals it, to every key of the set.
fn sealed(content: &Content, keys: &KeySetView, at: OffsetDateTime) -> AppResult<String> {
    let public: Vec<&str> = keys.keys.iter().map(|k| k.public_key.as_str()).collect();
    let plain = seal::compose(content).map_err(|e| AppError::Internal(e.to_string()))?;
    seal::seal(&plain, &public, at).map_err(|e| AppError::Internal(e.to_string()))
}

/// What the delivery worker does when the relay takes the channel's queued mail at `at`: each is
/// marked sent, and a notification carrying a message marks its State's leg delivered. Called
/// after each operation, so the few mails it queued are among the newest rows of the outbox.
async fn deliver_mail(store: &Store, config: &Arc<Config>, at: OffsetDateTime) -> AppResult<()> {
    let mut tx = store.read().await?;
    let queued = liaison_store::outbox::recent(&mut tx, 100).await?;
    drop(tx);
    let ctx = ctx_at(store, config, at);
    for message in queued
        .iter()
        .rev()
        .filter(|m| m.kind.starts_with("channel.") && m.status == "pending")
    {
        liaison_store::outbox::mark_sent(store, message.id, at).await?;
        if message.carries.is_some() {
            ops::channel::delivered(&ctx, message.id).await?;
        }
    }
    Ok(())
}
