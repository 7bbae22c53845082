//! Operations: each is one function that the JSON handler, the page handler and the offline CLI
//! all call. It opens the transaction, asks `core::access`, applies the rules, persists through
//! `store`, writes the audit event and queues notifications inside the same transaction, and
//! commits.

pub mod account;
pub mod audit;
pub mod channel;
pub mod checks;
pub mod directory;
pub mod exchange;
pub mod mail;
pub mod transparency;

use crate::config::Config;
use crate::error::AppResult;
use liaison_core::access::Actor;
use liaison_core::audit::AuditEvent;
use liaison_core::clock::Clock;
use liaison_store::{Store, Tx};
use std::sync::Arc;

/// The most entries a page of a list holds (`limit`), for the audit log and the tree heads.
pub const MAX_PAGE: i64 = 500;

/// A page's `limit`, refused outside 1 to [`MAX_PAGE`] (a client must not get fewer entries
/// than it asked for without being told).
pub(crate) fn page_limit(limit: i64) -> crate::error::AppResult<i64> {
    if (1..=MAX_PAGE).contains(&limit) {
        Ok(limit)
    } else {
        Err(crate::error::AppError::validation(
            "limit",
            format!("a page holds 1 to {MAX_PAGE} entries, not {limit}"),
        ))
    }
}

/// A time for the API and the audit log: RFC 3339, UTC, to the second.
pub(crate) fn rfc3339(at: time::OffsetDateTime) -> String {
    at.to_offset(time::UtcOffset::UTC)
        .replace_nanosecond(0)
        .unwrap_or(at)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// The context of one operation.
#[derive(Clone)]
pub struct Ctx {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub request_id: String,
    pub config: Arc<Config>,
    /// Where the rules' random choices come from (the operating system, or a test's seed).
    pub random: Arc<dyn liaison_core::random::Random>,
    /// What reads keep between requests (the directory's facts).
    pub caches: Arc<crate::cache::Caches>,
    /// The language the caller reads what an operation words for it (the problems a view
    /// lists): the account's on a page, English for the API and the command line.
    pub lang: &'static str,
}

impl std::fmt::Debug for Ctx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ctx")
            .field("request_id", &self.request_id)
            .finish_non_exhaustive()
    }
}

/// The writes a job hands the group-commit writer make: its future, borrowing the writer's
/// transaction and the job's own context and actor.
pub(crate) type Writes<'a, T> =
    std::pin::Pin<Box<dyn std::future::Future<Output = AppResult<T>> + Send + 'a>>;

impl Ctx {
    /// Runs `job` in the group-commit writer's transaction (`store::writer`), with its own copy
    /// of this context and of `actor`, and answers once the transaction is durably committed.
    pub(crate) async fn write<T, F>(&self, actor: &Actor, job: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: for<'a> FnOnce(&'a Ctx, &'a mut Tx, &'a Actor) -> Writes<'a, T> + Send + 'static,
    {
        let (ctx, actor) = (self.clone(), actor.clone());
        self.store
            .write(move |mut tx| async move {
                let result = job(&ctx, &mut tx, &actor).await;
                (tx, result)
            })
            .await
    }

    /// Appends an audit event inside `tx`, stamped with this operation's time and request id.
    pub async fn audit(&self, tx: &mut Tx, actor: &Actor, event: AuditEvent) -> AppResult<()> {
        liaison_store::audit::append(
            tx,
            self.clock.now(),
            &actor.username,
            &self.request_id,
            &event,
        )
        .await?;
        Ok(())
    }
}
