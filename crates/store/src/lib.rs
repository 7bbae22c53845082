//! Persistence for Liaison, the only crate that speaks SQL. One logical schema, a migration
//! folder per dialect (`migrations/sqlite`, `migrations/postgres`), and queries in the portable
//! subset of SQL run through sqlx's `Any` driver. What differs between the dialects is isolated
//! in [`Store::begin`]. One module per capability, with the same names as in `core`.

pub mod account;
pub mod audit;
pub mod channel;
pub mod checks;
pub mod directory;
pub mod exchange;
pub mod generation;
pub mod login;
pub mod outbox;
pub mod session;
pub mod state;
pub mod statements;
pub mod transparency;
pub mod writer;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyPool};
use std::str::FromStr;
use std::sync::Arc;
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

/// A transaction. Every operation runs in one and passes it down as `&mut Tx`; a statement
/// runs on `&mut **tx`, the connection, and is counted for the request it serves
/// ([`statements`]). A write transaction's commit moves the data's [`generation`] on.
pub struct Tx {
    inner: sqlx::Transaction<'static, Any>,
    /// Set for a write transaction ([`Store::begin`]).
    generation: Option<Arc<generation::Generation>>,
}

impl Tx {
    /// Commits; a write transaction moves the data's generation on in the same transaction,
    /// and this process knows the new generation once the commit returns.
    pub async fn commit(mut self) -> Result<()> {
        match self.generation.take() {
            Some(generation) => {
                let n = generation::advance(&mut self.inner).await?;
                self.inner.commit().await?;
                generation.seen(n);
            }
            None => self.inner.commit().await?,
        }
        Ok(())
    }

    pub async fn rollback(self) -> std::result::Result<(), sqlx::Error> {
        self.inner.rollback().await
    }
}

impl std::ops::Deref for Tx {
    type Target = sqlx::AnyConnection;

    fn deref(&self) -> &sqlx::AnyConnection {
        &self.inner
    }
}

impl std::ops::DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut sqlx::AnyConnection {
        statements::count();
        &mut self.inner
    }
}

/// Errors of the store. Callers see "not found" as `Ok(None)`, never as an error.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    #[error("the write was not done: its batch could not run")]
    Unwritten,
    #[error("the write was not committed: {0}")]
    NotCommitted(String),
    #[error("unsupported database URL '{0}': use sqlite://PATH or postgres://…")]
    UnsupportedUrl(String),
}

impl StoreError {
    /// Whether the database turned the statement away for contention: SQLite busy or locked
    /// past its busy timeout, PostgreSQL's lock timeout, a serialization failure or a deadlock,
    /// or no pooled connection in time. Nothing was changed; a retry may pass.
    pub fn is_busy(&self) -> bool {
        match self {
            StoreError::Database(sqlx::Error::PoolTimedOut) => true,
            StoreError::Database(sqlx::Error::Database(e)) => matches!(
                e.code().as_deref(),
                Some("5" | "6" | "261" | "517" | "55P03" | "40001" | "40P01")
            ),
            _ => false,
        }
    }

    /// Whether the error is a unique-constraint violation (a conflict the caller can report).
    pub fn is_unique_violation(&self) -> bool {
        match self {
            StoreError::Database(sqlx::Error::Database(e)) => e.is_unique_violation(),
            _ => false,
        }
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// The SQL dialect behind the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// The database.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    dialect: Dialect,
    /// The group-commit writer ([`Store::write`]); the writer's own handle has none.
    writer: Option<writer::Writer>,
    /// The data's generation as this process knows it.
    generation: Arc<generation::Generation>,
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/postgres");

impl Store {
    /// Connects to `sqlite://PATH` (created if missing, WAL mode) or `postgres://…`.
    pub async fn connect(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let (dialect, url, max) = if let Some(path) = url.strip_prefix("sqlite://") {
            let options = format!("sqlite://{path}?mode=rwc");
            (Dialect::Sqlite, options, 8)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            (Dialect::Postgres, url.to_owned(), 16)
        } else {
            return Err(StoreError::UnsupportedUrl(url.to_owned()));
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let pool = AnyPoolOptions::new()
            .max_connections(max)
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if dialect == Dialect::Sqlite {
                        // WAL lets readers proceed while one writer commits; the busy timeout
                        // makes a second writer wait for the first instead of failing.
                        sqlx::query("PRAGMA journal_mode = WAL")
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query("PRAGMA busy_timeout = 10000")
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query("PRAGMA foreign_keys = ON")
                            .execute(&mut *conn)
                            .await?;
                        // A commit is on disk when it returns, power cut included (NORMAL
                        // would lose the last commits then): acknowledged means kept. The
                        // group-commit writer (`writer`) wins back the flushes this costs.
                        sqlx::query("PRAGMA synchronous = FULL")
                            .execute(&mut *conn)
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        let generation = Arc::new(generation::Generation::default());
        // Until the migrations made its row, following the generation fails and retries.
        generation::follow(pool.clone(), Arc::downgrade(&generation));
        let writer = writer::Writer::start(Store {
            pool: pool.clone(),
            dialect,
            writer: None,
            generation: generation.clone(),
        });
        Ok(Store {
            pool,
            dialect,
            writer: Some(writer),
            generation,
        })
    }

    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// Applies the migrations of the dialect.
    pub async fn migrate(&self) -> Result<()> {
        let migrator = match self.dialect {
            Dialect::Sqlite => &SQLITE_MIGRATIONS,
            Dialect::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.pool).await?;
        self.generation.seen(generation::read(&self.pool).await?);
        Ok(())
    }

    /// The data's generation as this process knows it: what is computed from the data may be
    /// kept while it stays the same ([`generation`]).
    pub fn generation(&self) -> u64 {
        self.generation.current()
    }

    /// Begins a write transaction. Writes are serialised: on SQLite the transaction takes the
    /// write lock at once (`BEGIN IMMEDIATE`), on PostgreSQL it takes a transaction-scoped
    /// advisory lock. This keeps the audit chain linear and sequence numbers gap-free across
    /// processes; write volume in a CBM network is small enough that it costs nothing.
    pub async fn begin(&self) -> Result<Tx> {
        match self.dialect {
            Dialect::Sqlite => Ok(Tx {
                inner: self.pool.begin_with("BEGIN IMMEDIATE").await?,
                generation: Some(self.generation.clone()),
            }),
            Dialect::Postgres => {
                let mut tx = Tx {
                    inner: self.pool.begin().await?,
                    generation: Some(self.generation.clone()),
                };
                sqlx::query("SELECT pg_advisory_xact_lock(7406184)")
                    .execute(&mut *tx)
                    .await?;
                Ok(tx)
            }
        }
    }

    /// Begins a read-only unit of work (a plain transaction: a consistent snapshot).
    pub async fn read(&self) -> Result<Tx> {
        Ok(Tx {
            inner: self.pool.begin().await?,
            generation: None,
        })
    }

    /// Whether the database answers (for `/healthz`).
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Table and column names of the schema, for the test that both dialects' schemas match.
    pub async fn schema_columns(&self) -> Result<Vec<(String, String, String)>> {
        use sqlx::Row;
        let sql = match self.dialect {
            Dialect::Sqlite => {
                "SELECT m.name, p.name, p.type FROM sqlite_master m JOIN pragma_table_info(m.name) p \
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%' ORDER BY m.name, p.name"
            }
            Dialect::Postgres => {
                "SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name NOT LIKE '_sqlx%' ORDER BY table_name, column_name"
            }
        };
        let rows = sqlx::query(sql).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|row| {
                let kind: String = row.try_get(2)?;
                let kind = match kind.to_lowercase().as_str() {
                    "integer" | "bigint" => "integer".to_owned(),
                    "text" => "text".to_owned(),
                    "blob" | "bytea" => "bytes".to_owned(),
                    other => other.to_owned(),
                };
                Ok((row.try_get(0)?, row.try_get(1)?, kind))
            })
            .collect::<std::result::Result<Vec<_>, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Commits a transaction.
pub async fn commit(tx: Tx) -> Result<()> {
    tx.commit().await
}

/// The stored form of a timestamp: UTC, microseconds, fixed width, so text order is time order.
pub fn ts(at: OffsetDateTime) -> String {
    liaison_core::clock::stamp(at)
}

pub(crate) fn parse_ts(text: &str) -> Result<OffsetDateTime> {
    OffsetDateTime::parse(text, &Rfc3339)
        .map_err(|e| StoreError::Corrupt(format!("timestamp '{text}': {e}")))
}

pub(crate) fn parse_date(text: &str) -> Result<Date> {
    Date::parse(
        text,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .map_err(|e| StoreError::Corrupt(format!("date '{text}': {e}")))
}

pub(crate) fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(what.to_string())
}
