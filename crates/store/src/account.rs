//! Accounts of the network manager, coordinators, points of contact, observers and auditors.

use crate::{Result, Tx, corrupt, parse_ts, ts};
use liaison_core::access::{ManageAccounts, Notify, OwnAccount, ReadAccount, SignIn};
use liaison_types::account::Role;
use liaison_types::id::AccountId;
use liaison_types::state::StateCode;
use sqlx::Row;
use time::OffsetDateTime;

/// A stored account, secrets included: it never leaves the server.
#[derive(Debug, Clone)]
pub struct Account {
    pub id: AccountId,
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub password_hash: String,
    pub role: Role,
    pub state: Option<StateCode>,
    pub contact_id: Option<i64>,
    pub locale: String,
    pub totp_secret: Option<String>,
    pub totp_enabled: bool,
    pub totp_last_step: Option<i64>,
    pub disabled: bool,
    pub created_at: OffsetDateTime,
}

/// What it takes to create an account.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub password_hash: String,
    pub role: Role,
    pub state: Option<StateCode>,
    pub contact_id: Option<i64>,
    pub locale: String,
}

pub(crate) const COLUMNS: &str = "id, username, display_name, email, password_hash, role, state_code, contact_id, locale, \
                       totp_secret, totp_enabled, totp_last_step, disabled, created_at";

pub(crate) fn from_row(row: &sqlx::any::AnyRow) -> Result<Account> {
    let role: String = row.try_get("role")?;
    let state: Option<String> = row.try_get("state_code")?;
    let created_at: String = row.try_get("created_at")?;
    Ok(Account {
        id: AccountId(row.try_get("id")?),
        username: row.try_get("username")?,
        display_name: row.try_get("display_name")?,
        email: row.try_get("email")?,
        password_hash: row.try_get("password_hash")?,
        role: Role::parse(&role).map_err(corrupt)?,
        state: state
            .as_deref()
            .map(StateCode::parse)
            .transpose()
            .map_err(corrupt)?,
        contact_id: row.try_get("contact_id")?,
        locale: row.try_get("locale")?,
        totp_secret: row.try_get("totp_secret")?,
        totp_enabled: row.try_get::<i64, _>("totp_enabled")? != 0,
        totp_last_step: row.try_get("totp_last_step")?,
        disabled: row.try_get::<i64, _>("disabled")? != 0,
        created_at: parse_ts(&created_at)?,
    })
}

/// Stores a new account; its id.
pub async fn create(
    tx: &mut Tx,
    _permit: &ManageAccounts,
    account: &NewAccount,
    now: OffsetDateTime,
) -> Result<AccountId> {
    let row = sqlx::query(
        "INSERT INTO accounts (username, display_name, email, password_hash, role, state_code, contact_id, locale, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(&account.username)
    .bind(&account.display_name)
    .bind(&account.email)
    .bind(&account.password_hash)
    .bind(account.role.as_str())
    .bind(account.state.as_ref().map(|s| s.as_str().to_owned()))
    .bind(account.contact_id)
    .bind(&account.locale)
    .bind(ts(now))
    .fetch_one(&mut **tx)
    .await?;
    Ok(AccountId(row.try_get(0)?))
}

/// The account with this (normalised) username.
pub async fn by_username(
    tx: &mut Tx,
    _permit: &impl ReadAccount,
    username: &str,
) -> Result<Option<Account>> {
    let sql = format!("SELECT {COLUMNS} FROM accounts WHERE username = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(username)
        .fetch_optional(&mut **tx)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// The account with this id.
pub async fn by_id(
    tx: &mut Tx,
    _permit: &impl ReadAccount,
    id: AccountId,
) -> Result<Option<Account>> {
    let sql = format!("SELECT {COLUMNS} FROM accounts WHERE id = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id.0)
        .fetch_optional(&mut **tx)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// The permit holder's own account.
pub async fn own(tx: &mut Tx, permit: &OwnAccount) -> Result<Option<Account>> {
    let sql = format!("SELECT {COLUMNS} FROM accounts WHERE id = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(permit.account_id().0)
        .fetch_optional(&mut **tx)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// All accounts, by username.
pub async fn list(tx: &mut Tx, _permit: &ManageAccounts) -> Result<Vec<Account>> {
    let sql = format!("SELECT {COLUMNS} FROM accounts ORDER BY username");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(from_row).collect()
}

/// The active coordinators of a State, who receive its directory reminders.
pub async fn coordinators(
    tx: &mut Tx,
    _permit: &Notify,
    state: &StateCode,
) -> Result<Vec<Account>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM accounts WHERE role = 'coordinator' AND state_code = $1 AND disabled = 0 ORDER BY id"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(state.as_str())
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(from_row).collect()
}

/// The active coordinators of every participating State, by State: who the exchange notifies.
pub async fn participating_coordinators(tx: &mut Tx, _permit: &Notify) -> Result<Vec<Account>> {
    let columns = COLUMNS
        .split(", ")
        .map(|c| format!("a.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT {columns} FROM accounts a JOIN states s ON s.code = a.state_code \
         WHERE a.role = 'coordinator' AND a.disabled = 0 AND s.status = 'participating' ORDER BY a.state_code, a.id"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(from_row).collect()
}

/// Stores a new, not yet confirmed TOTP secret (enrolment in progress).
pub async fn set_pending_totp(tx: &mut Tx, permit: &OwnAccount, secret: &str) -> Result<()> {
    sqlx::query("UPDATE accounts SET totp_secret = $1, totp_enabled = 0, totp_last_step = NULL WHERE id = $2")
        .bind(secret)
        .bind(permit.account_id().0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Turns TOTP on after the first code was verified, remembering that code's step.
pub async fn enable_totp(tx: &mut Tx, permit: &OwnAccount, step: i64) -> Result<()> {
    sqlx::query("UPDATE accounts SET totp_enabled = 1, totp_last_step = $1 WHERE id = $2")
        .bind(step)
        .bind(permit.account_id().0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Records the step of an accepted TOTP code, refusing a step not later than the stored one
/// (the condition makes two concurrent logins with the same code accept only one).
pub async fn accept_totp_step(
    tx: &mut Tx,
    _permit: &SignIn,
    id: AccountId,
    step: i64,
) -> Result<bool> {
    let done = sqlx::query("UPDATE accounts SET totp_last_step = $1 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)")
        .bind(step)
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Stores the language its owner chose for the pages and mail.
pub async fn set_locale(tx: &mut Tx, permit: &OwnAccount, locale: &str) -> Result<()> {
    sqlx::query("UPDATE accounts SET locale = $1 WHERE id = $2")
        .bind(locale)
        .bind(permit.account_id().0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Links an account to the directory contact it is (a point of contact's own entry).
pub async fn link_contact(
    tx: &mut Tx,
    _permit: &ManageAccounts,
    id: AccountId,
    contact_id: Option<i64>,
) -> Result<()> {
    sqlx::query("UPDATE accounts SET contact_id = $1 WHERE id = $2")
        .bind(contact_id)
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// What the network manager (or the operator) changes on an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountChange {
    pub display_name: String,
    pub email: String,
    pub role: Role,
    pub state: Option<StateCode>,
    pub contact_id: Option<i64>,
    pub disabled: bool,
}

/// Stores an account's changed fields.
pub async fn change(
    tx: &mut Tx,
    _permit: &ManageAccounts,
    id: AccountId,
    change: &AccountChange,
) -> Result<()> {
    sqlx::query(
        "UPDATE accounts SET display_name = $1, email = $2, role = $3, state_code = $4, contact_id = $5, disabled = $6 \
         WHERE id = $7",
    )
    .bind(&change.display_name)
    .bind(&change.email)
    .bind(change.role.as_str())
    .bind(change.state.as_ref().map(|s| s.as_str().to_owned()))
    .bind(change.contact_id)
    .bind(i64::from(change.disabled))
    .bind(id.0)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Stores a new password hash, set by the network manager.
pub async fn reset_password(
    tx: &mut Tx,
    _permit: &ManageAccounts,
    id: AccountId,
    hash: &str,
) -> Result<()> {
    set_password_hash(tx, id, hash).await
}

/// Stores the new password hash its owner chose.
pub async fn change_own_password(tx: &mut Tx, permit: &OwnAccount, hash: &str) -> Result<()> {
    set_password_hash(tx, permit.account_id(), hash).await
}

async fn set_password_hash(tx: &mut Tx, id: AccountId, hash: &str) -> Result<()> {
    sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Turns an account's second factor off; its owner enrols again.
pub async fn reset_totp(tx: &mut Tx, _permit: &ManageAccounts, id: AccountId) -> Result<()> {
    sqlx::query(
        "UPDATE accounts SET totp_secret = NULL, totp_enabled = 0, totp_last_step = NULL WHERE id = $1",
    )
    .bind(id.0)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The account linked to a directory contact, if any.
pub async fn linked_to(
    tx: &mut Tx,
    _permit: &ManageAccounts,
    contact_id: i64,
) -> Result<Option<AccountId>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM accounts WHERE contact_id = $1 ORDER BY id LIMIT 1")
            .bind(contact_id)
            .fetch_optional(&mut **tx)
            .await?
            .map(AccountId),
    )
}

/// How many network managers' accounts are enabled.
pub async fn active_managers(tx: &mut Tx, _permit: &ManageAccounts) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM accounts WHERE role = 'manager' AND disabled = 0")
            .fetch_one(&mut **tx)
            .await?,
    )
}
