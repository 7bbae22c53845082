//! Background jobs: the scheduler (directory reminders, communication-check reminders) and the
//! outbox delivery worker, which also records a check's failed deliveries against its
//! challenges. Both are safe to run in several server processes at once: reminders are recorded
//! once per contact and due date (once per challenge), and outbox messages are claimed with a
//! lease.

use crate::AppState;
use crate::error::AppResult;
use crate::mail::Mailer;
use liaison_core::outbox::next_attempt;
use std::time::Duration as StdDuration;
use time::Duration;

/// What one delivery run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Delivery {
    pub sent: u32,
    pub retrying: u32,
    pub failed: u32,
}

/// Starts the scheduler and the delivery worker on the runtime.
pub fn spawn(state: AppState) {
    let scheduler = state.clone();
    tokio::spawn(async move {
        loop {
            match run_scheduler(&scheduler).await {
                Ok(queued) if queued > 0 => tracing::info!(queued, "directory reminders queued"),
                Ok(_) => {}
                Err(error) => tracing::error!(%error, "scheduler run failed"),
            }
            tokio::time::sleep(StdDuration::from_secs(
                scheduler.config.scheduler_interval_secs.max(1),
            ))
            .await;
        }
    });
    if state.config.smtp.host.is_empty() {
        tracing::warn!(
            "no SMTP relay configured (smtp.host): notifications wait in the outbox until one is"
        );
        return;
    }
    tokio::spawn(async move {
        let mailer = match Mailer::new(&state.config.smtp) {
            Ok(mailer) => mailer,
            Err(error) => {
                tracing::error!(%error, "mail delivery disabled: SMTP configuration is invalid");
                return;
            }
        };
        loop {
            match deliver(&state, &mailer).await {
                Ok(run) if run != Delivery::default() => tracing::info!(?run, "outbox delivery"),
                Ok(_) => {}
                Err(error) => tracing::error!(%error, "outbox delivery failed"),
            }
            tokio::time::sleep(StdDuration::from_secs(
                state.config.delivery_interval_secs.max(1),
            ))
            .await;
        }
    });
}

/// One scheduler run: queues the directory reminders and check reminders that are due.
pub async fn run_scheduler(state: &AppState) -> AppResult<u32> {
    let ctx = state.ctx("scheduler");
    let queued = crate::ops::directory::queue_reminders(&ctx).await?
        + crate::ops::checks::queue_reminders(&ctx).await?
        + crate::ops::channel::escalate_overdue(&ctx).await?;
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    liaison_store::session::delete_expired(&mut tx, now).await?;
    // Failed sign-ins older than a day count no more: their rows go.
    liaison_store::login::purge(
        &mut tx,
        now - liaison_core::account::FAILURES_FORGOTTEN_AFTER,
    )
    .await?;
    liaison_store::commit(tx).await?;
    Ok(queued)
}

/// One delivery run: sends every due message, recording success, a retry time, or failure.
pub async fn deliver(state: &AppState, mailer: &Mailer) -> AppResult<Delivery> {
    let mut run = Delivery::default();
    loop {
        let now = state.clock.now();
        let batch =
            liaison_store::outbox::claim_due(&state.store, now, Duration::minutes(5), 20).await?;
        if batch.is_empty() {
            return Ok(run);
        }
        for message in batch {
            let encrypted = match message.carries {
                Some(id) => Some(
                    crate::ops::channel::ciphertext_for_delivery(
                        state,
                        liaison_types::id::MessageId(id),
                    )
                    .await?,
                ),
                None => None,
            };
            match mailer.send(&message, encrypted.as_deref()).await {
                Ok(()) => {
                    liaison_store::outbox::mark_sent(&state.store, message.id, state.clock.now())
                        .await?;
                    run.sent += 1;
                    if message.carries.is_some() {
                        let ctx = state.ctx("delivery");
                        crate::ops::channel::delivered(&ctx, message.id).await?;
                    }
                }
                Err(error) => {
                    let retry_at = if error.permanent {
                        None
                    } else {
                        next_attempt(state.clock.now(), message.attempts + 1)
                    };
                    tracing::warn!(id = message.id, attempts = message.attempts + 1, permanent = error.permanent, %error, "delivery attempt failed");
                    liaison_store::outbox::mark_failed(
                        &state.store,
                        message.id,
                        &error.text,
                        retry_at,
                    )
                    .await?;
                    if retry_at.is_some() {
                        run.retrying += 1
                    } else {
                        run.failed += 1;
                        let ctx = state.ctx("delivery");
                        crate::ops::checks::delivery_failed(&ctx, message.id, &error.text).await?;
                    }
                }
            }
        }
    }
}
