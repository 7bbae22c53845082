//! The notification outbox. Messages are queued inside the transaction of the operation that
//! causes them; the delivery worker claims due messages with a lease (so two servers never send
//! the same message at once), sends them, and records the outcome.

use crate::{Result, Store, Tx, parse_ts, ts};
use liaison_core::outbox::Message;
use sqlx::Row;
use time::{Duration, OffsetDateTime};

/// A queued message as the worker and the manager see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: OffsetDateTime,
    pub sent_at: Option<OffsetDateTime>,
    /// The secret to put into the body when sending; `None` once sent or failed for good.
    pub secret: Option<String>,
    /// The protected-channel message this notification carries (PGP/MIME).
    pub carries: Option<i64>,
}

/// Queues a message to be sent at once.
pub async fn enqueue(tx: &mut Tx, message: &Message, now: OffsetDateTime) -> Result<i64> {
    enqueue_at(tx, message, now, now).await
}

/// Queues a message to be sent from `due_at` on (a challenge sent within a spread).
pub async fn enqueue_at(
    tx: &mut Tx,
    message: &Message,
    now: OffsetDateTime,
    due_at: OffsetDateTime,
) -> Result<i64> {
    let row = sqlx::query(
        "INSERT INTO outbox (kind, recipient, subject, body, secret, status, attempts, next_attempt_at, created_at, channel_message_id) \
         VALUES ($1, $2, $3, $4, $5, 'pending', 0, $6, $7, $8) RETURNING id",
    )
    .bind(&message.kind)
    .bind(&message.to)
    .bind(&message.subject)
    .bind(&message.body)
    .bind(message.secret.as_deref())
    .bind(ts(due_at))
    .bind(ts(now))
    .bind(message.carries)
    .fetch_one(&mut **tx)
    .await?;
    Ok(row.try_get(0)?)
}

fn from_row(row: &sqlx::any::AnyRow) -> Result<Queued> {
    let created_at: String = row.try_get("created_at")?;
    let sent_at: Option<String> = row.try_get("sent_at")?;
    Ok(Queued {
        id: row.try_get("id")?,
        kind: row.try_get("kind")?,
        recipient: row.try_get("recipient")?,
        subject: row.try_get("subject")?,
        body: row.try_get("body")?,
        status: row.try_get("status")?,
        attempts: row.try_get("attempts")?,
        last_error: row.try_get("last_error")?,
        created_at: parse_ts(&created_at)?,
        sent_at: sent_at.as_deref().map(parse_ts).transpose()?,
        secret: row.try_get("secret")?,
        carries: row.try_get("channel_message_id")?,
    })
}

const COLUMNS: &str = "id, kind, recipient, subject, body, status, attempts, last_error, created_at, sent_at, secret, channel_message_id";

/// Claims up to `limit` due messages for `lease`; a message whose claimant died becomes due
/// again when the lease runs out.
pub async fn claim_due(
    store: &Store,
    now: OffsetDateTime,
    lease: Duration,
    limit: i64,
) -> Result<Vec<Queued>> {
    let mut tx = store.begin().await?;
    let sql = format!(
        "SELECT {COLUMNS} FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1 \
         AND (claimed_until IS NULL OR claimed_until <= $1) ORDER BY id LIMIT $2"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(ts(now))
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
    let claimed: Vec<Queued> = rows.iter().map(from_row).collect::<Result<_>>()?;
    if claimed.is_empty() {
        // Nothing written: the data's generation stays, and what servers keep with it.
        tx.rollback().await?;
        return Ok(claimed);
    }
    for message in &claimed {
        sqlx::query("UPDATE outbox SET claimed_until = $1 WHERE id = $2")
            .bind(ts(now + lease))
            .bind(message.id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(claimed)
}

/// Records that message `id` reached the relay at `now` (its secret is cleared).
pub async fn mark_sent(store: &Store, id: i64, now: OffsetDateTime) -> Result<()> {
    let mut tx = store.begin().await?;
    mark_sent_in(&mut tx, id, now).await?;
    tx.commit().await?;
    Ok(())
}

/// [`mark_sent`] inside the caller's transaction, for recording many deliveries at once.
pub async fn mark_sent_in(tx: &mut Tx, id: i64, now: OffsetDateTime) -> Result<()> {
    sqlx::query("UPDATE outbox SET status = 'sent', sent_at = $1, attempts = attempts + 1, claimed_until = NULL, last_error = NULL, secret = NULL WHERE id = $2")
        .bind(ts(now))
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Records a failed attempt: retried at `retry_at`, or marked failed for good when `None`
/// (its secret is then cleared).
pub async fn mark_failed(
    store: &Store,
    id: i64,
    error: &str,
    retry_at: Option<OffsetDateTime>,
) -> Result<()> {
    let mut tx = store.begin().await?;
    let (status, next) = match retry_at {
        Some(at) => ("pending", Some(ts(at))),
        None => ("failed", None),
    };
    sqlx::query(
        "UPDATE outbox SET status = $1, attempts = attempts + 1, next_attempt_at = COALESCE($2, next_attempt_at), \
         claimed_until = NULL, last_error = $3, secret = CASE WHEN $1 = 'failed' THEN NULL ELSE secret END WHERE id = $4",
    )
    .bind(status)
    .bind(next)
    .bind(error)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The most recent messages, newest first.
pub async fn recent(tx: &mut Tx, limit: i64) -> Result<Vec<Queued>> {
    let sql = format!("SELECT {COLUMNS} FROM outbox ORDER BY id DESC LIMIT $1");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(limit)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(from_row).collect()
}

/// A message by id.
pub async fn get(tx: &mut Tx, id: i64) -> Result<Option<Queued>> {
    let sql = format!("SELECT {COLUMNS} FROM outbox WHERE id = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    row.as_ref().map(from_row).transpose()
}
