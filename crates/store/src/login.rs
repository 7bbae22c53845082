//! Failed sign-ins, counted per account and client address, and the lockouts they lead to.

use crate::{Result, Tx, parse_ts, ts};
use sqlx::Row;
use time::OffsetDateTime;

/// The failures of one account from one address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failures {
    pub failures: u32,
    pub last_failed_at: OffsetDateTime,
    pub locked_until: Option<OffsetDateTime>,
}

/// The failures of an account from an address, if any are remembered.
pub async fn failures(tx: &mut Tx, account_id: i64, address: &str) -> Result<Option<Failures>> {
    let row = sqlx::query(
        "SELECT failures, last_failed_at, locked_until FROM login_failures WHERE account_id = $1 AND address = $2",
    )
    .bind(account_id)
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
    account_id: i64,
    address: &str,
    now: OffsetDateTime,
    forget_before: OffsetDateTime,
) -> Result<u32> {
    let count: i64 = sqlx::query_scalar(
        "INSERT INTO login_failures (account_id, address, failures, last_failed_at) VALUES ($1, $2, 1, $3) \
         ON CONFLICT (account_id, address) DO UPDATE SET \
           failures = CASE WHEN login_failures.last_failed_at < $4 THEN 1 ELSE login_failures.failures + 1 END, \
           last_failed_at = $3 \
         RETURNING failures",
    )
    .bind(account_id)
    .bind(address)
    .bind(ts(now))
    .bind(ts(forget_before))
    .fetch_one(&mut **tx)
    .await?;
    Ok(u32::try_from(count).unwrap_or(u32::MAX))
}

/// Locks the account for the address until `until`.
pub async fn lock(
    tx: &mut Tx,
    account_id: i64,
    address: &str,
    until: OffsetDateTime,
) -> Result<()> {
    sqlx::query(
        "UPDATE login_failures SET locked_until = $1 WHERE account_id = $2 AND address = $3",
    )
    .bind(ts(until))
    .bind(account_id)
    .bind(address)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Forgets the failures of an account from an address (after a successful sign-in from it).
pub async fn clear(tx: &mut Tx, account_id: i64, address: &str) -> Result<()> {
    sqlx::query("DELETE FROM login_failures WHERE account_id = $1 AND address = $2")
        .bind(account_id)
        .bind(address)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Forgets every lockout of an account (the network manager reset its password).
pub async fn clear_account(tx: &mut Tx, account_id: i64) -> Result<()> {
    sqlx::query("DELETE FROM login_failures WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
