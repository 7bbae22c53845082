//! The demo's communication checks: two past checks of every participating State's points of
//! contact, answered in the app by the demo accounts and by the link in their mail by the
//! invented entries' contacts, except where the story has them miss one.

use super::{account_actor, ctx_at, manager, network};
use crate::config::Config;
use crate::error::{AppError, AppResult};
use crate::ops;
use liaison_store::Store;
use std::collections::BTreeMap;
use std::sync::Arc;
use time::{Duration, OffsetDateTime};

/// Two past communication checks of every participating State's points of contact, so that the
/// results, the trend and the directory's check columns have a story: Austria's technical
/// point of contact missed both and is flagged unreachable; Estonia's policy level missed the
/// second. The invented entries' contacts answer by the link in their mail, except those their
/// profile says did not.
pub(super) async fn seed(
    store: &Store,
    config: &Arc<Config>,
    now: OffsetDateTime,
    members: &[network::Member],
) -> AppResult<()> {
    let manager = manager();
    let checks = [
        (
            45,
            &[
                "deu.policy",
                "deu.technical",
                "fra.policy",
                "fra.technical",
                "aut.policy",
                "est.policy",
                "est.technical",
                "ita.policy",
            ][..],
        ),
        (
            15,
            &[
                "deu.policy",
                "deu.technical",
                "fra.policy",
                "fra.technical",
                "aut.policy",
                "est.technical",
                "ita.policy",
            ][..],
        ),
    ];
    for (number, (days, answering)) in checks.into_iter().enumerate() {
        let launched_at = now - Duration::days(days);
        let at = ctx_at(store, config, launched_at);
        let input = liaison_types::checks::CheckInput {
            scope: liaison_types::checks::ScopeKind::All,
            region: None,
            states: Vec::new(),
            levels: liaison_types::checks::CheckLevels::Both,
            window_hours: 24,
            spread_hours: 0,
            message: "Routine communication check of the OSCE points-of-contact network. Please confirm that you receive this message.".into(),
        };
        let check = ops::checks::launch(&at, &manager, &input).await?;
        let tokens = challenges_sent(store, check.challenges.len()).await?;
        for (minutes, username) in (0_i64..).map(|i| 20 + i * 37).zip(answering) {
            let answer_at = ctx_at(store, config, launched_at + Duration::minutes(minutes));
            let actor = account_actor(store, username).await?;
            let challenge = check
                .challenges
                .iter()
                .find(|c| Some(c.contact_id) == actor.contact)
                .ok_or_else(|| AppError::Internal(format!("no demo challenge for {username}")))?;
            ops::checks::answer_in_app(&answer_at, &actor, challenge.id).await?;
        }
        for member in members {
            for challenge in check
                .challenges
                .iter()
                .filter(|c| c.state == member.state.code)
            {
                let Some(minutes) = member.answers(number, challenge.level) else {
                    continue;
                };
                let token = tokens.get(&challenge.email).ok_or_else(|| {
                    AppError::Internal(format!("no demo challenge mail to {}", challenge.email))
                })?;
                let answer_at = ctx_at(store, config, launched_at + Duration::minutes(minutes));
                ops::checks::answer_by_link(&answer_at, token).await?;
            }
        }
    }
    Ok(())
}

/// In the story a check's challenges went out when it was launched: marks the mails of the
/// `count` challenges just launched sent, and returns the token each carried, by address.
async fn challenges_sent(store: &Store, count: usize) -> AppResult<BTreeMap<String, String>> {
    let limit = i64::try_from(count).unwrap_or(i64::MAX).saturating_mul(2);
    let mut tx = store.read().await?;
    let queued = liaison_store::outbox::recent(&mut tx, limit).await?;
    drop(tx);
    let mut tokens = BTreeMap::new();
    // One transaction for the lot: they went out together.
    let mut tx = store.begin().await?;
    for message in queued
        .into_iter()
        .filter(|m| m.kind == "checks.challenge" && m.status == "pending")
    {
        liaison_store::outbox::mark_sent_in(&mut tx, message.id, message.created_at).await?;
        if let Some(token) = message.secret {
            tokens.insert(message.recipient, token);
        }
    }
    liaison_store::commit(tx).await?;
    Ok(tokens)
}
