//! Group commit: the writes that arrive together are done by one writer in one transaction, and
//! each caller is answered only after that transaction is durable.
//!
//! With `synchronous = FULL` every commit waits for the disk to flush the write-ahead log; a
//! commit per request would make the disk's flush rate the server's write rate. The writer
//! instead takes every job waiting when it is free (at most [`MAX_BATCH`]), runs them one after
//! the other in one transaction, each inside its own savepoint (a job that fails is rolled back
//! alone and its caller gets its error), commits once, and then answers everyone. Nothing
//! waits on purpose: under no load a batch is one job, under load the batch is what queued while
//! the previous one was being flushed. Writers stay serialised as [`Store::begin`] serialises
//! them (the write lock, or the advisory lock on PostgreSQL), so the audit chain stays linear
//! and other processes and other writes interleave between batches.
//!
//! A job takes the transaction by value and hands it back with its result, so a job is an
//! ordinary `async move` block with no borrowed lifetimes to name.

use crate::{Result, Store, StoreError, Tx};
use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use tokio::sync::{mpsc, oneshot};

/// The most jobs one transaction carries: bounds how long the write lock is held and how much
/// one failed commit takes with it.
pub const MAX_BATCH: usize = 128;

/// Jobs waiting for the writer at most; a caller beyond that waits to queue (back-pressure).
pub const QUEUE: usize = 1024;

/// What the writer does after the commit for a job: `Ok` when its writes are durable.
type Done = Box<dyn FnOnce(std::result::Result<(), &StoreError>) + Send>;

/// A job as the writer sees it: runs in the batch's transaction, says whether its writes are
/// kept, and leaves what to do once the commit is known.
type Job = Box<dyn FnOnce(Tx) -> BoxFuture<'static, (Tx, bool, Done)> + Send>;

/// The handle to the writer task: cloned with the store, the task ends with the last handle.
#[derive(Debug, Clone)]
pub(crate) struct Writer {
    jobs: mpsc::Sender<Job>,
}

impl Writer {
    /// Starts the writer of `store` (on the current Tokio runtime).
    pub(crate) fn start(store: Store) -> Writer {
        let (jobs, queue) = mpsc::channel(QUEUE);
        tokio::spawn(run(store, queue));
        Writer { jobs }
    }
}

/// The writer's loop: one batch per turn until every handle is gone.
async fn run(store: Store, mut queue: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
        // Callers whose jobs did not run (the transaction could not begin, or a job panicked)
        // had their `Done` dropped: they get `StoreError::Unwritten`.
        let (outcome, dones) = commit_batch(&store, batch.drain(..)).await;
        for done in dones {
            done(outcome.as_ref().map(|_| ()));
        }
    }
}

/// Runs `jobs` in one transaction and commits it; returns the commit's outcome and the jobs'
/// `Done`s to call with it.
async fn commit_batch(store: &Store, jobs: impl Iterator<Item = Job>) -> (Result<()>, Vec<Done>) {
    let mut dones = Vec::new();
    let mut tx = match store.begin().await {
        Ok(tx) => tx,
        Err(e) => return (Err(e), dones),
    };
    for job in jobs {
        if let Err(e) = savepoint(&mut tx, "SAVEPOINT job").await {
            return (Err(e), Vec::new());
        }
        let (back, keep, done) = match AssertUnwindSafe(job(tx)).catch_unwind().await {
            Ok(ran) => ran,
            // The transaction went down with the job: nothing of this batch is written, and
            // every caller of it is told so (their `Done`s are dropped unanswered).
            Err(_) => {
                tracing::error!("a write job panicked; its batch was rolled back");
                return (Err(StoreError::Unwritten), Vec::new());
            }
        };
        tx = back;
        let end = if keep {
            savepoint(&mut tx, "RELEASE SAVEPOINT job").await
        } else {
            match savepoint(&mut tx, "ROLLBACK TO SAVEPOINT job").await {
                Ok(()) => savepoint(&mut tx, "RELEASE SAVEPOINT job").await,
                Err(e) => Err(e),
            }
        };
        if let Err(e) = end {
            return (Err(e), Vec::new());
        }
        dones.push(done);
    }
    (crate::commit(tx).await, dones)
}

async fn savepoint(tx: &mut Tx, sql: &'static str) -> Result<()> {
    sqlx::raw_sql(sql).execute(&mut **tx).await?;
    Ok(())
}

impl Store {
    /// Runs `job` in the writer's next transaction and returns its result once that
    /// transaction is committed (durably: `synchronous = FULL` on SQLite). An `Err` from the job
    /// rolls back its own writes only. The job hands back the transaction it was given.
    ///
    /// ```ignore
    /// store.write(move |mut tx| async move {
    ///     let result = insert_something(&mut tx, &owned_input).await;
    ///     (tx, result)
    /// }).await
    /// ```
    pub async fn write<T, E, F, Fut>(&self, job: F) -> std::result::Result<T, E>
    where
        F: FnOnce(Tx) -> Fut + Send + 'static,
        Fut: Future<Output = (Tx, std::result::Result<T, E>)> + Send + 'static,
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
    {
        let (answer, answered) = oneshot::channel();
        let job: Job = Box::new(move |tx| {
            async move {
                let (tx, result) = job(tx).await;
                let keep = result.is_ok();
                let done: Done = Box::new(move |committed| {
                    let result = match (result, committed) {
                        (Ok(value), Ok(())) => Ok(value),
                        (Ok(_), Err(e)) => Err(E::from(StoreError::NotCommitted(e.to_string()))),
                        (Err(e), _) => Err(e),
                    };
                    // The caller may have gone (its connection closed): the write stands.
                    let _ = answer.send(result);
                });
                (tx, keep, done)
            }
            .boxed()
        });
        let writer = self.writer.as_ref().ok_or(E::from(StoreError::Unwritten))?;
        writer
            .jobs
            .send(job)
            .await
            .map_err(|_| E::from(StoreError::Unwritten))?;
        answered.await.map_err(|_| E::from(StoreError::Unwritten))?
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use sqlx::Row;

    async fn store() -> (Store, tempfile::TempDir) {
        let folder = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", folder.path().join("w.db").display());
        let store = Store::connect(&url).await.unwrap();
        store.migrate().await.unwrap();
        let mut tx = store.begin().await.unwrap();
        sqlx::raw_sql("CREATE TABLE t (n INTEGER PRIMARY KEY)")
            .execute(&mut *tx)
            .await
            .unwrap();
        crate::commit(tx).await.unwrap();
        (store, folder)
    }

    /// Inserts `n`; odd numbers then fail, so their insert must be rolled back alone.
    async fn insert(store: &Store, n: i64) -> std::result::Result<i64, String> {
        store
            .write(move |mut tx| async move {
                let inserted = sqlx::query("INSERT INTO t (n) VALUES (?)")
                    .bind(n)
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| e.to_string());
                let result = match inserted {
                    Ok(_) if n % 2 == 1 => Err(format!("{n} is odd")),
                    Ok(_) => Ok(n),
                    Err(e) => Err(e),
                };
                (tx, result)
            })
            .await
    }

    impl From<StoreError> for String {
        fn from(e: StoreError) -> String {
            e.to_string()
        }
    }

    async fn stored(store: &Store) -> Vec<i64> {
        let mut tx = store.read().await.unwrap();
        sqlx::query("SELECT n FROM t ORDER BY n")
            .fetch_all(&mut *tx)
            .await
            .unwrap()
            .iter()
            .map(|row| row.get::<i64, _>(0))
            .collect()
    }

    #[tokio::test]
    async fn concurrent_writes_each_get_their_own_result_and_a_failure_takes_only_its_own_writes() {
        let (store, _folder) = store().await;
        let tasks: Vec<_> = (0..200)
            .map(|n| {
                let store = store.clone();
                tokio::spawn(async move { (n, insert(&store, n).await) })
            })
            .collect();
        for task in tasks {
            let (n, result) = task.await.unwrap();
            if n % 2 == 1 {
                assert_eq!(result, Err(format!("{n} is odd")));
            } else {
                assert_eq!(result, Ok(n));
            }
        }
        let expected: Vec<i64> = (0..200).filter(|n| n % 2 == 0).collect();
        assert_eq!(stored(&store).await, expected);
    }

    #[tokio::test]
    async fn a_panicking_job_fails_its_caller_and_the_writer_goes_on() {
        let (store, _folder) = store().await;
        let panicked: std::result::Result<(), String> = store
            .write(|tx| async move {
                if std::hint::black_box(true) {
                    panic!("a bug in a job");
                }
                (tx, Ok(()))
            })
            .await;
        assert_eq!(
            panicked,
            Err("the write was not done: its batch could not run".to_owned())
        );
        assert_eq!(insert(&store, 4).await, Ok(4));
        assert_eq!(stored(&store).await, vec![4]);
    }

    #[tokio::test]
    async fn a_written_value_is_in_the_database_when_the_caller_is_answered() {
        let (store, _folder) = store().await;
        for n in [2, 4, 6] {
            assert_eq!(insert(&store, n).await, Ok(n));
            // A read on another connection sees it at once: it was committed before the answer.
            assert!(stored(&store).await.contains(&n));
        }
    }
}
