//! The data's generation: a number every committed write moves on (the `generation` row, updated
//! in the write's own transaction). What a process computes from the data and keeps between
//! requests (who a token signs in, the directory's status) is tagged with the generation it was
//! read at and is good only while the generation has not moved.
//!
//! A process learns its own writes' generation when they commit, so it never reads its own
//! write stale. It learns the other processes' writes by reading the row every
//! [`FOLLOW_EVERY`]: behind a load balancer, a change made through one server (a token revoked,
//! a contact changed) is seen by the others within that time. Nothing assumes a single process.

use std::sync::Weak;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use sqlx::AnyPool;

/// How often a process reads the generation the other processes' writes moved on.
pub const FOLLOW_EVERY: Duration = Duration::from_millis(200);

/// The latest generation this process knows of.
#[derive(Debug, Default)]
pub struct Generation(AtomicU64);

impl Generation {
    pub fn current(&self) -> u64 {
        self.0.load(Ordering::Acquire)
    }

    /// Learns of generation `n` (a commit's, or the row's); never goes back.
    pub(crate) fn seen(&self, n: u64) {
        self.0.fetch_max(n, Ordering::AcqRel);
    }
}

/// The row's generation.
pub(crate) async fn read(pool: &AnyPool) -> crate::Result<u64> {
    let n: i64 = sqlx::query_scalar("SELECT n FROM generation WHERE id = 1")
        .fetch_one(pool)
        .await?;
    Ok(u64::try_from(n).unwrap_or_default())
}

/// Moves the generation on inside a write transaction; the new generation, seen once the
/// transaction commits.
pub(crate) async fn advance(conn: &mut sqlx::AnyConnection) -> crate::Result<u64> {
    let n: i64 = sqlx::query_scalar("UPDATE generation SET n = n + 1 WHERE id = 1 RETURNING n")
        .fetch_one(conn)
        .await?;
    Ok(u64::try_from(n).unwrap_or_default())
}

/// Follows the row until every handle on `generation` is gone or the pool is closed.
pub(crate) fn follow(pool: AnyPool, generation: Weak<Generation>) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(FOLLOW_EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            let Some(generation) = generation.upgrade() else {
                return;
            };
            if pool.is_closed() {
                return;
            }
            match read(&pool).await {
                Ok(n) => generation.seen(n),
                // A busy or restarting database: the next turn tries again; until then what
                // this process keeps stays tagged with the generation it knows.
                Err(e) => tracing::debug!(error = %e, "reading the data's generation"),
            }
        }
    });
}
