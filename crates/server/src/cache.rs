//! What reads keep between requests: who a token signs in, and the directory's facts (each
//! State's contacts and status, the network's overview). Every entry is tagged with the data's
//! generation it was read at (`liaison_store::generation`) and is used only while the
//! generation has not moved: any committed write, in this process at once and in the others
//! within `liaison_store::generation::FOLLOW_EVERY`, retires everything computed before it.
//! Facts that also depend on the time (a check's deadline, the day) say until when they hold,
//! on the server's clock, so a test's clock moving on retires them as the wall clock would.
//!
//! Every cache is bounded; a full cache drops its least used entries.

use std::future::Future;
use std::sync::Arc;

use liaison_types::state::StateCode;
use quick_cache::sync::Cache;
use time::OffsetDateTime;

use crate::error::AppResult;

/// The most tokens and sessions whose sign-in is kept (each a few hundred bytes).
const SESSIONS: usize = 10_000;
/// The most State entries kept (two per State: with and without retired contacts).
const STATES: usize = 1_024;
/// The most checks whose figures are kept (a page lists 50; ten years hold about 200).
const CHECKS: usize = 1_024;

/// A value computed from the data at a generation, holding from `at` until `until` on the
/// server's clock.
#[derive(Debug)]
pub struct Tagged<T> {
    generation: u64,
    at: OffsetDateTime,
    until: OffsetDateTime,
    pub value: T,
}

impl<T> Tagged<T> {
    fn holds(&self, generation: u64, now: OffsetDateTime) -> bool {
        self.generation == generation && self.at <= now && now < self.until
    }
}

/// The caches of one server process (shared by its requests).
pub struct Caches {
    /// Who a token or session signs in, by the token's hash.
    pub(crate) sessions: Cache<String, Arc<Tagged<crate::auth::SignedIn>>>,
    /// A State's directory facts, by State and whether retired contacts are in.
    pub(crate) states: Cache<(StateCode, bool), Arc<Tagged<crate::ops::directory::StateFacts>>>,
    /// The network's directory facts (the overview).
    pub(crate) network: Cache<(), Arc<Tagged<crate::ops::directory::NetworkFacts>>>,
    /// Each communication check's figures, by the check's id.
    pub(crate) checks: Cache<i64, Arc<Tagged<liaison_types::checks::CheckSummary>>>,
}

impl Default for Caches {
    fn default() -> Self {
        Caches {
            sessions: Cache::new(SESSIONS),
            states: Cache::new(STATES),
            network: Cache::new(1),
            checks: Cache::new(CHECKS),
        }
    }
}

impl std::fmt::Debug for Caches {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Caches")
            .field("sessions", &self.sessions.len())
            .field("states", &self.states.len())
            .field("network", &self.network.len())
            .field("checks", &self.checks.len())
            .finish()
    }
}

/// The entry kept for `key`, if it still holds at `generation` and `now`.
fn fresh<K, T>(
    cache: &Cache<K, Arc<Tagged<T>>>,
    key: &K,
    (generation, now): (u64, OffsetDateTime),
) -> Option<Arc<Tagged<T>>>
where
    K: Eq + std::hash::Hash + Clone,
{
    cache.get(key).filter(|hit| hit.holds(generation, now))
}

/// Keeps `value`, read at `generation` and `now`, until `until`.
fn keep<K, T>(
    cache: &Cache<K, Arc<Tagged<T>>>,
    key: K,
    (generation, now): (u64, OffsetDateTime),
    (value, until): (T, OffsetDateTime),
) -> Arc<Tagged<T>>
where
    K: Eq + std::hash::Hash + Clone,
{
    let entry = Arc::new(Tagged {
        generation,
        at: now,
        until,
        value,
    });
    cache.insert(key, entry.clone());
    entry
}

/// The value kept for `key` when it still holds at `generation` and `now`; otherwise
/// `compute`s it (the value and until when it holds), keeps and returns it. `generation` is
/// read before `compute` reads the data: a write committed meanwhile retires the new entry at
/// once instead of leaving it stale.
pub(crate) async fn kept<K, T, F, Fut>(
    cache: &Cache<K, Arc<Tagged<T>>>,
    key: K,
    at: (u64, OffsetDateTime),
    compute: F,
) -> AppResult<Arc<Tagged<T>>>
where
    K: Eq + std::hash::Hash + Clone,
    F: FnOnce() -> Fut,
    Fut: Future<Output = AppResult<(T, OffsetDateTime)>>,
{
    if let Some(hit) = fresh(cache, &key, at) {
        return Ok(hit);
    }
    Ok(keep(cache, key, at, compute().await?))
}

/// As [`kept`], for a lookup that may find nothing (`compute` gives `None`: an unknown token).
/// Nothing is kept for what does not exist: it would let anyone fill the cache.
pub(crate) async fn kept_if_found<K, T, F, Fut>(
    cache: &Cache<K, Arc<Tagged<T>>>,
    key: K,
    at: (u64, OffsetDateTime),
    compute: F,
) -> AppResult<Option<Arc<Tagged<T>>>>
where
    K: Eq + std::hash::Hash + Clone,
    F: FnOnce() -> Fut,
    Fut: Future<Output = AppResult<Option<(T, OffsetDateTime)>>>,
{
    if let Some(hit) = fresh(cache, &key, at) {
        return Ok(Some(hit));
    }
    match compute().await? {
        Some(found) => Ok(Some(keep(cache, key, at, found))),
        None => {
            cache.remove(&key);
            Ok(None)
        }
    }
}
