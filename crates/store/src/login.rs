//! Failed sign-ins, counted per username (normalised, whether an account has it or not) and
//! client address, and the lockouts they lead to.

use crate::{Result, Tx, parse_ts, ts};
use sqlx::Row;
use time::OffsetDateTime;

/// The failures of one username from one address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failures {
    pub failures: u32,
    pub last_failed_at: OffsetDateTime,
    pub locked_until: Option<OffsetDateTime>,
}

/// The failures of a username from an address, if any are remembered.
pub async fn failures(tx: &mut Tx, username: &str, address: &str) -> Result<Option<Failures>> {
    let row = sqlx::query(
        "SELECT failures, last_failed_at, locked_until FROM login_failures WHERE username = $1 AND address = $2",
    )
    .bind(username)
    .bind(address)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|row| {
        let locked: Option<String> = row.try_get("locked_until")?;
        Ok(Failures {
            failures: u32::try_from(row.try_get::<i64, _>("failures")?).unwrap_or(u32::MAX),
            last_failed_at: parse_ts(&row.try_get::<String, _>("last_failed_at")?)?,
            locked_until: locked.as_deref().map(parse_ts).transpose()?,
        })
    })
    .transpose()
}

/// Counts one more failure (the count starts again when the last one is older than
/// `forget_before`) and returns the count.
pub async fn record_failure(
    tx: &mut Tx,
    username: &str,
    address: &str,
    now: OffsetDateTime,
    forget_before: OffsetDateTime,
) -> Result<u32> {
    let count: i64 = sqlx::query_scalar(
        "INSERT INTO login_failures (username, address, failures, last_failed_at) VALUES ($1, $2, 1, $3) \
         ON CONFLICT (username, address) DO UPDATE SET \
           failures = CASE WHEN login_failures.last_failed_at < $4 THEN 1 ELSE login_failures.failures + 1 END, \
           last_failed_at = $3 \
         RETURNING failures",
    )
    .bind(username)
    .bind(address)
    .bind(ts(now))
    .bind(ts(forget_before))
    .fetch_one(&mut **tx)
    .await?;
    Ok(u32::try_from(count).unwrap_or(u32::MAX))
}

/// Locks the username for the address until `until`.
pub async fn lock(tx: &mut Tx, username: &str, address: &str, until: OffsetDateTime) -> Result<()> {
    sqlx::query("UPDATE login_failures SET locked_until = $1 WHERE username = $2 AND address = $3")
        .bind(ts(until))
        .bind(username)
        .bind(address)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Forgets the failures of a username from an address (after a successful sign-in from it).
pub async fn clear(tx: &mut Tx, username: &str, address: &str) -> Result<()> {
    sqlx::query("DELETE FROM login_failures WHERE username = $1 AND address = $2")
        .bind(username)
        .bind(address)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Forgets every lockout of a username (the network manager reset the account's password).
pub async fn clear_username(tx: &mut Tx, username: &str) -> Result<()> {
    sqlx::query("DELETE FROM login_failures WHERE username = $1")
        .bind(username)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Forgets failures whose last one is before `before` (they count no more); how many went.
pub async fn purge(tx: &mut Tx, before: OffsetDateTime) -> Result<u64> {
    let done = sqlx::query("DELETE FROM login_failures WHERE last_failed_at < $1")
        .bind(ts(before))
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected())
}
