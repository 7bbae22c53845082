//! Participating States and Partners for Co-operation.

use crate::{Result, Tx, corrupt};
use liaison_types::state::{State, StateCode, StateStatus};
use sqlx::Row;

/// Inserts the States that are missing and updates names and status of the others.
pub async fn upsert(tx: &mut Tx, states: &[State]) -> Result<()> {
    for state in states {
        sqlx::query(
            "INSERT INTO states (code, alpha2, name, status) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (code) DO UPDATE SET alpha2 = excluded.alpha2, name = excluded.name, status = excluded.status",
        )
        .bind(state.code.as_str())
        .bind(&state.alpha2)
        .bind(&state.name)
        .bind(state.status.as_str())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

fn from_row(row: &sqlx::any::AnyRow) -> Result<State> {
    let code: String = row.try_get("code")?;
    let status: String = row.try_get("status")?;
    Ok(State {
        code: StateCode::parse(&code).map_err(corrupt)?,
        alpha2: row.try_get("alpha2")?,
        name: row.try_get("name")?,
        status: StateStatus::parse(&status).map_err(corrupt)?,
    })
}

/// All States, participating first, then by name.
pub async fn list(tx: &mut Tx) -> Result<Vec<State>> {
    let rows = sqlx::query(
        "SELECT code, alpha2, name, status FROM states \
         ORDER BY CASE status WHEN 'participating' THEN 0 ELSE 1 END, name",
    )
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(from_row).collect()
}

pub async fn get(tx: &mut Tx, code: &StateCode) -> Result<Option<State>> {
    let row = sqlx::query("SELECT code, alpha2, name, status FROM states WHERE code = $1")
        .bind(code.as_str())
        .fetch_optional(&mut **tx)
        .await?;
    row.as_ref().map(from_row).transpose()
}
