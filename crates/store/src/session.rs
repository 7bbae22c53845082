//! Sessions of the web pages and bearer tokens of the API. Only a hash of each token is stored,
//! so a copy of the database does not let anyone sign in.

use crate::{Result, Tx, parse_ts, ts};
use sqlx::Row;
use time::OffsetDateTime;

/// What a session is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    /// A browser session (cookie), which also carries a CSRF token.
    Web,
    /// An API bearer token.
    Api,
    /// A browser session whose password was right but whose TOTP code is still awaited.
    PendingTotp,
}

impl SessionKind {
    fn as_str(self) -> &'static str {
        match self {
            SessionKind::Web => "web",
            SessionKind::Api => "api",
            SessionKind::PendingTotp => "pending-totp",
        }
    }

    fn parse(text: &str) -> Option<SessionKind> {
        match text {
            "web" => Some(SessionKind::Web),
            "api" => Some(SessionKind::Api),
            "pending-totp" => Some(SessionKind::PendingTotp),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Session {
    pub account_id: i64,
    pub kind: SessionKind,
    pub csrf_token: String,
    pub expires_at: OffsetDateTime,
}

pub async fn create(
    tx: &mut Tx,
    token_hash: &str,
    account_id: i64,
    kind: SessionKind,
    csrf_token: &str,
    now: OffsetDateTime,
    expires_at: OffsetDateTime,
) -> Result<()> {
    sqlx::query("INSERT INTO sessions (token_hash, account_id, kind, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(token_hash)
        .bind(account_id)
        .bind(kind.as_str())
        .bind(csrf_token)
        .bind(ts(now))
        .bind(ts(expires_at))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The live session with this token hash, if any.
pub async fn find(tx: &mut Tx, token_hash: &str, now: OffsetDateTime) -> Result<Option<Session>> {
    let row = sqlx::query("SELECT account_id, kind, csrf_token, expires_at FROM sessions WHERE token_hash = $1 AND expires_at > $2")
        .bind(token_hash)
        .bind(ts(now))
        .fetch_optional(&mut **tx)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let kind: String = row.try_get("kind")?;
    let expires_at: String = row.try_get("expires_at")?;
    let kind = SessionKind::parse(&kind)
        .ok_or_else(|| crate::corrupt(format!("session kind '{kind}'")))?;
    Ok(Some(Session {
        account_id: row.try_get("account_id")?,
        kind,
        csrf_token: row.try_get("csrf_token")?,
        expires_at: parse_ts(&expires_at)?,
    }))
}

pub async fn delete(tx: &mut Tx, token_hash: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn delete_expired(tx: &mut Tx, now: OffsetDateTime) -> Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(ts(now))
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected())
}
