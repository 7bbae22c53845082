//! Where Argon2 runs: on a few dedicated threads, one hash each at a time, never on the async
//! workers nor on the blocking pool. Each Argon2id hash takes about 19 MiB for its time, and
//! memory an allocator was given is kept by the thread that used it: with hashes on hundreds of
//! blocking threads, a flood of sign-ins (anonymous, from many addresses) or of password changes
//! took the server's memory to gigabytes. Here at most [`THREADS`] hashes run at once, so their
//! memory is bounded; the others wait in a queue of at most [`QUEUE`], and beyond it the server
//! answers that it is busy instead of growing.

use crate::error::AppError;
use std::sync::mpsc::{self, SyncSender, TrySendError};
use std::sync::{Arc, Mutex, OnceLock};

/// Threads that hash passwords.
pub const THREADS: usize = 2;

/// Hashes waiting for a thread, at most.
pub const QUEUE: usize = 256;

type Job = Box<dyn FnOnce() + Send>;

fn pool() -> &'static SyncSender<Job> {
    static POOL: OnceLock<SyncSender<Job>> = OnceLock::new();
    POOL.get_or_init(|| {
        let (sender, receiver) = mpsc::sync_channel::<Job>(QUEUE);
        let receiver = Arc::new(Mutex::new(receiver));
        for n in 0..THREADS {
            let receiver = receiver.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("argon2-{n}"))
                .spawn(move || {
                    loop {
                        // The lock is held only to take the next job, not while hashing.
                        let job = match receiver.lock() {
                            Ok(receiver) => receiver.recv(),
                            Err(_) => return,
                        };
                        match job {
                            Ok(job) => job(),
                            Err(_) => return,
                        }
                    }
                });
            if let Err(error) = spawned {
                tracing::error!(%error, "cannot start a password hashing thread");
            }
        }
        sender
    })
}

/// Runs `work` on a password thread and waits for its answer without blocking the async worker.
async fn run<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
    let (answer, answered) = tokio::sync::oneshot::channel();
    let job: Job = Box::new(move || {
        let _ = answer.send(work());
    });
    match pool().try_send(job) {
        Ok(()) => {}
        Err(TrySendError::Full(_)) => {
            return Err(AppError::TooManyRequests(
                "the server is checking many passwords at once; try again in a moment".into(),
                1,
            ));
        }
        Err(TrySendError::Disconnected(_)) => {
            return Err(AppError::Internal("the password threads stopped".into()));
        }
    }
    answered
        .await
        .map_err(|_| AppError::Internal("a password thread dropped its job".into()))
}

/// Whether `password` matches the stored PHC string.
pub async fn verify(password: &str, phc: &str) -> Result<bool, AppError> {
    let (password, phc) = (password.to_owned(), phc.to_owned());
    run(move || liaison_core::account::verify_password(&password, &phc)).await
}

/// The Argon2id hash of a password the policy accepted.
pub async fn hash(password: &str) -> Result<String, AppError> {
    let password = password.to_owned();
    run(move || liaison_core::account::hash_password(&password))
        .await?
        .map_err(|e| AppError::validation("password", e.to_string()))
}

/// The decoy hash (made on a password thread the first time): what an unknown username is
/// checked against, so that its answer takes as long as a real account's.
pub async fn decoy() -> Result<String, AppError> {
    run(|| liaison_core::account::decoy_hash().to_owned()).await
}
