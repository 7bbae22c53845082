//! Sessions of the web pages and bearer tokens of the API. Only a hash of each token is stored,
//! so a copy of the database does not let anyone sign in.

use crate::{Result, Tx, parse_ts, ts};
use liaison_types::id::AccountId;
use sqlx::Row;
use time::OffsetDateTime;

/// What a session is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    /// A browser session (cookie), which also carries a CSRF token.
    Web,
    /// An API bearer token.
    Api,
}

impl SessionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionKind::Web => "web",
            SessionKind::Api => "api",
        }
    }

    pub fn parse(text: &str) -> Option<SessionKind> {
        match text {
            "web" => Some(SessionKind::Web),
            "api" => Some(SessionKind::Api),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Session {
    pub account_id: AccountId,
    pub kind: SessionKind,
    pub csrf_token: String,
    pub expires_at: OffsetDateTime,
}

/// A session or token as its owner sees it in the list of its account: never the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The public id: the first 16 hex digits of the token's hash.
    pub id: String,
    pub kind: SessionKind,
    pub label: String,
    pub address: String,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

/// The public id of the session with this token hash (what lists and the audit log show).
pub fn public_id(token_hash: &str) -> String {
    token_hash.chars().take(16).collect()
}

/// What a new session is.
#[derive(Debug, Clone)]
pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub account_id: AccountId,
    pub kind: SessionKind,
    pub csrf_token: &'a str,
    pub label: &'a str,
    pub address: &'a str,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

pub async fn create(tx: &mut Tx, session: &NewSession<'_>) -> Result<()> {
    sqlx::query("INSERT INTO sessions (token_hash, account_id, kind, csrf_token, created_at, expires_at, label, address) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(session.token_hash)
        .bind(session.account_id.0)
        .bind(session.kind.as_str())
        .bind(session.csrf_token)
        .bind(ts(session.created_at))
        .bind(ts(session.expires_at))
        .bind(session.label)
        .bind(session.address)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The live sessions and tokens of the account, newest first.
pub async fn list(
    tx: &mut Tx,
    permit: &liaison_core::access::OwnAccount,
    now: OffsetDateTime,
) -> Result<Vec<Listed>> {
    listed(tx, permit.account_id(), now).await
}

/// The live sessions and tokens of any account, for the network manager.
pub async fn list_of(
    tx: &mut Tx,
    _permit: &liaison_core::access::ManageAccounts,
    account_id: AccountId,
    now: OffsetDateTime,
) -> Result<Vec<Listed>> {
    listed(tx, account_id, now).await
}

async fn listed(tx: &mut Tx, account_id: AccountId, now: OffsetDateTime) -> Result<Vec<Listed>> {
    let rows = sqlx::query(
        "SELECT token_hash, kind, label, address, created_at, expires_at FROM sessions \
         WHERE account_id = $1 AND expires_at > $2 ORDER BY created_at DESC, token_hash",
    )
    .bind(account_id.0)
    .bind(ts(now))
    .fetch_all(&mut **tx)
    .await?;
    rows.iter()
        .map(|row| {
            let kind: String = row.try_get("kind")?;
            Ok(Listed {
                id: public_id(&row.try_get::<String, _>("token_hash")?),
                kind: SessionKind::parse(&kind)
                    .ok_or_else(|| crate::corrupt(format!("session kind '{kind}'")))?,
                label: row.try_get("label")?,
                address: row.try_get("address")?,
                created_at: parse_ts(&row.try_get::<String, _>("created_at")?)?,
                expires_at: parse_ts(&row.try_get::<String, _>("expires_at")?)?,
            })
        })
        .collect()
}

/// Ends one of the owner's sessions or tokens by its public id; whether there was one.
pub async fn revoke(
    tx: &mut Tx,
    permit: &liaison_core::access::OwnAccount,
    public_id: &str,
) -> Result<bool> {
    if public_id.len() != 16 || !public_id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(false);
    }
    let done = sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND token_hash LIKE $2")
        .bind(permit.account_id().0)
        .bind(format!("{}%", public_id.to_ascii_lowercase()))
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Ends every session and token of the owner's account, but `keep` (a token hash) if given;
/// how many ended.
pub async fn revoke_all(
    tx: &mut Tx,
    permit: &liaison_core::access::OwnAccount,
    keep: Option<&str>,
) -> Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2")
        .bind(permit.account_id().0)
        .bind(keep.unwrap_or_default())
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected())
}

/// Ends every session and token of an account, for the network manager; how many ended.
pub async fn revoke_account(
    tx: &mut Tx,
    _permit: &liaison_core::access::ManageAccounts,
    account_id: AccountId,
) -> Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE account_id = $1")
        .bind(account_id.0)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected())
}

/// Who a token signs in, in one statement: the live session, its account and whether the
/// account's State participates (`None` for an account without a State).
pub async fn signed_in(
    tx: &mut Tx,
    _permit: &impl liaison_core::access::ReadAccount,
    token_hash: &str,
    now: OffsetDateTime,
) -> Result<Option<(Session, crate::account::Account, Option<bool>)>> {
    // Every signed-in request runs it: the text is built once.
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        let accounts = crate::account::COLUMNS
            .split(',')
            .map(|c| format!("a.{}", c.trim()))
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "SELECT s.account_id, s.kind, s.csrf_token, s.expires_at, {accounts}, st.status AS state_status \
             FROM sessions s JOIN accounts a ON a.id = s.account_id LEFT JOIN states st ON st.code = a.state_code \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.kind IN ('web', 'api')"
        )
    });
    let row = sqlx::query(sqlx::AssertSqlSafe(SQL.as_str()))
        .bind(token_hash)
        .bind(ts(now))
        .fetch_optional(&mut **tx)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let kind: String = row.try_get("kind")?;
    let expires_at: String = row.try_get("expires_at")?;
    let kind = SessionKind::parse(&kind)
        .ok_or_else(|| crate::corrupt(format!("session kind '{kind}'")))?;
    let session = Session {
        account_id: AccountId(row.try_get("account_id")?),
        kind,
        csrf_token: row.try_get("csrf_token")?,
        expires_at: parse_ts(&expires_at)?,
    };
    let account = crate::account::from_row(&row)?;
    let status: Option<String> = row.try_get("state_status")?;
    let participating = status
        .map(|s| {
            liaison_types::state::StateStatus::parse(&s)
                .map(|s| s.is_participating())
                .map_err(crate::corrupt)
        })
        .transpose()?;
    Ok(Some((session, account, participating)))
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
