//! The audit log's storage: rows are appended inside the operation's transaction (so the record
//! and the change commit together) and chained by hash. Nothing here updates or deletes a row.

use crate::{Result, Tx, parse_ts, ts};
use liaison_core::access::ReadAudit;
use liaison_core::audit::{AuditEvent, ChainRow, GENESIS, row_hash};
use liaison_types::audit::AuditEntry;
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

/// Appends an event. Must run in a write transaction ([`crate::Store::begin`]), which serialises
/// writers so that the chain stays linear.
pub async fn append(
    tx: &mut Tx,
    at: OffsetDateTime,
    actor: &str,
    request_id: &str,
    event: &AuditEvent,
) -> Result<i64> {
    let last = sqlx::query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        .fetch_optional(&mut **tx)
        .await?;
    let (seq, prev_hash) = match last {
        Some(row) => (row.try_get::<i64, _>(0)? + 1, row.try_get::<String, _>(1)?),
        None => (1, GENESIS.to_owned()),
    };
    let record = event.record();
    // Stored timestamps have microsecond precision; hash what is stored.
    let at = parse_ts(&ts(at))?;
    let hash = row_hash(
        &prev_hash,
        seq,
        at,
        actor,
        request_id,
        record.event,
        &record.subject,
        record.before.as_deref(),
        record.after.as_deref(),
    );
    sqlx::query(
        "INSERT INTO audit_log (seq, at, actor, request_id, event, subject, before_json, after_json, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(seq)
    .bind(ts(at))
    .bind(actor)
    .bind(request_id)
    .bind(record.event)
    .bind(&record.subject)
    .bind(record.before.as_deref())
    .bind(record.after.as_deref())
    .bind(&prev_hash)
    .bind(&hash)
    .execute(&mut **tx)
    .await?;
    Ok(seq)
}

fn chain_row(row: &AnyRow) -> Result<ChainRow> {
    let at: String = row.try_get("at")?;
    Ok(ChainRow {
        seq: row.try_get("seq")?,
        at: parse_ts(&at)?,
        actor: row.try_get("actor")?,
        request_id: row.try_get("request_id")?,
        event: row.try_get("event")?,
        subject: row.try_get("subject")?,
        before: row.try_get("before_json")?,
        after: row.try_get("after_json")?,
        prev_hash: row.try_get("prev_hash")?,
        hash: row.try_get("hash")?,
    })
}

const COLUMNS: &str =
    "seq, at, actor, request_id, event, subject, before_json, after_json, prev_hash, hash";

/// A page of the log, newest first, starting below `before_seq`.
pub async fn page(
    tx: &mut Tx,
    _permit: &ReadAudit,
    before_seq: Option<i64>,
    limit: i64,
) -> Result<Vec<AuditEntry>> {
    let sql = format!("SELECT {COLUMNS} FROM audit_log WHERE seq < $1 ORDER BY seq DESC LIMIT $2");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(before_seq.unwrap_or(i64::MAX))
        .bind(limit)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter()
        .map(|row| {
            let row = chain_row(row)?;
            let json = |text: Option<String>| text.and_then(|t| serde_json::from_str(&t).ok());
            Ok(AuditEntry {
                seq: row.seq,
                at: row.at,
                actor: row.actor,
                request_id: row.request_id,
                event: row.event,
                subject: row.subject,
                before: json(row.before),
                after: json(row.after),
                hash: row.hash,
            })
        })
        .collect()
}

/// The rows from `from_seq` on, oldest first, for verification in batches.
pub async fn chain(
    tx: &mut Tx,
    _permit: &ReadAudit,
    from_seq: i64,
    limit: i64,
) -> Result<Vec<ChainRow>> {
    let sql = format!("SELECT {COLUMNS} FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(from_seq)
        .bind(limit)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(chain_row).collect()
}

/// Number of rows.
pub async fn count(tx: &mut Tx) -> Result<i64> {
    let row = sqlx::query("SELECT COUNT(*) FROM audit_log")
        .fetch_one(&mut **tx)
        .await?;
    Ok(row.try_get(0)?)
}
