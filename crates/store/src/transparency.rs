//! The transparency log's tables: leaves, complete subtree hashes, signed tree heads, the log's
//! key, and the tree heads States published as verified. Only inserts: the tables refuse
//! updates and deletes, and nothing here offers them.

use crate::{Result, Tx, corrupt, parse_ts, ts};
use liaison_core::access::{PublishVerification, ReadLog};
use liaison_core::transparency::merkle::{Hash, NewNode, NodeMap, hash_from_hex};
use liaison_types::directory::ContactVersion;
use liaison_types::state::StateCode;
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

/// One stored leaf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLeaf {
    pub index: u64,
    pub contact_id: i64,
    pub version: i64,
    pub state: StateCode,
    pub data: String,
    pub hash: String,
    pub appended_at: OffsetDateTime,
}

/// One stored, signed tree head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredHead {
    pub size: u64,
    pub root: String,
    pub signed_at: OffsetDateTime,
    pub signature: String,
}

/// A tree head a State published as verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredVerification {
    pub state: StateCode,
    pub size: u64,
    pub root: String,
    pub recorded_by: String,
    pub recorded_at: OffsetDateTime,
}

/// The log's key: public and secret halves in hex.
#[derive(Debug, Clone)]
pub struct StoredKey {
    pub public_key: String,
    pub secret_key: String,
    pub created_at: OffsetDateTime,
}

fn count(value: i64) -> Result<u64> {
    u64::try_from(value).map_err(|_| corrupt(format!("negative size or index {value}")))
}

fn signed(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// The log's key, if one was made.
pub async fn key(tx: &mut Tx, _permit: &ReadLog) -> Result<Option<StoredKey>> {
    let row = sqlx::query(
        "SELECT public_key, secret_key, created_at FROM transparency_keys WHERE id = 1",
    )
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|row| {
        let created_at: String = row.try_get(2)?;
        Ok(StoredKey {
            public_key: row.try_get(0)?,
            secret_key: row.try_get(1)?,
            created_at: parse_ts(&created_at)?,
        })
    })
    .transpose()
}

/// Stores the log's key; `false` when one already exists (it is never replaced).
pub async fn insert_key(tx: &mut Tx, key: &StoredKey) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO transparency_keys (id, public_key, secret_key, created_at) VALUES (1, $1, $2, $3) \
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(&key.public_key)
    .bind(&key.secret_key)
    .bind(ts(key.created_at))
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The number of leaves: one more than the last leaf's index.
pub async fn size(tx: &mut Tx, _permit: &ReadLog) -> Result<u64> {
    let row = sqlx::query("SELECT COALESCE(MAX(idx) + 1, 0) FROM transparency_leaves")
        .fetch_one(&mut **tx)
        .await?;
    count(row.try_get(0)?)
}

fn stored_hash(text: &str) -> Result<Hash> {
    hash_from_hex(text).ok_or_else(|| corrupt(format!("'{text}' is not a stored hash")))
}

/// The stored nodes among `wanted` (level, index); missing ones are left out.
pub async fn nodes(tx: &mut Tx, _permit: &ReadLog, wanted: &[(u32, u64)]) -> Result<NodeMap> {
    let mut map = NodeMap::default();
    for chunk in wanted.chunks(50) {
        let clauses: Vec<String> = (0..chunk.len())
            .map(|i| format!("(level = ${} AND idx = ${})", 2 * i + 1, 2 * i + 2))
            .collect();
        let sql = format!(
            "SELECT level, idx, hash FROM transparency_nodes WHERE {}",
            clauses.join(" OR ")
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (level, index) in chunk {
            query = query.bind(i64::from(*level)).bind(signed(*index));
        }
        for row in query.fetch_all(&mut **tx).await? {
            let level: i64 = row.try_get(0)?;
            let index: i64 = row.try_get(1)?;
            let hash: String = row.try_get(2)?;
            let level = u32::try_from(level).map_err(corrupt)?;
            map.0.insert((level, count(index)?), stored_hash(&hash)?);
        }
    }
    Ok(map)
}

/// Every stored node of one level from `from` on, in order, up to `limit` (for rebuilding the
/// tree when the store is checked).
pub async fn level(
    tx: &mut Tx,
    _permit: &ReadLog,
    level: u32,
    from: u64,
    limit: i64,
) -> Result<Vec<(u64, String)>> {
    let rows = sqlx::query(
        "SELECT idx, hash FROM transparency_nodes WHERE level = $1 AND idx >= $2 ORDER BY idx LIMIT $3",
    )
    .bind(i64::from(level))
    .bind(signed(from))
    .bind(limit)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter()
        .map(|row| Ok((count(row.try_get(0)?)?, row.try_get(1)?)))
        .collect()
}

/// Appends a leaf and the nodes it completes.
pub async fn append(tx: &mut Tx, leaf: &StoredLeaf, nodes: &[NewNode]) -> Result<()> {
    sqlx::query(
        "INSERT INTO transparency_leaves (idx, contact_id, version, state_code, data, hash, appended_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(signed(leaf.index))
    .bind(leaf.contact_id)
    .bind(leaf.version)
    .bind(leaf.state.as_str())
    .bind(&leaf.data)
    .bind(&leaf.hash)
    .bind(ts(leaf.appended_at))
    .execute(&mut **tx)
    .await?;
    for node in nodes {
        sqlx::query("INSERT INTO transparency_nodes (level, idx, hash) VALUES ($1, $2, $3)")
            .bind(i64::from(node.level))
            .bind(signed(node.index))
            .bind(hex::encode(node.hash))
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Stores a signed tree head.
pub async fn insert_head(tx: &mut Tx, head: &StoredHead) -> Result<()> {
    sqlx::query(
        "INSERT INTO transparency_heads (size, root, signed_at, signature) VALUES ($1, $2, $3, $4)",
    )
    .bind(signed(head.size))
    .bind(&head.root)
    .bind(ts(head.signed_at))
    .bind(&head.signature)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn head_from_row(row: &AnyRow) -> Result<StoredHead> {
    let signed_at: String = row.try_get("signed_at")?;
    Ok(StoredHead {
        size: count(row.try_get("size")?)?,
        root: row.try_get("root")?,
        signed_at: parse_ts(&signed_at)?,
        signature: row.try_get("signature")?,
    })
}

/// The head of the largest tree signed.
pub async fn latest_head(tx: &mut Tx, _permit: &ReadLog) -> Result<Option<StoredHead>> {
    let row = sqlx::query(
        "SELECT size, root, signed_at, signature FROM transparency_heads ORDER BY size DESC LIMIT 1",
    )
    .fetch_optional(&mut **tx)
    .await?;
    row.as_ref().map(head_from_row).transpose()
}

/// The signed head of the tree of `size` leaves.
pub async fn head(tx: &mut Tx, _permit: &ReadLog, size: u64) -> Result<Option<StoredHead>> {
    let row = sqlx::query(
        "SELECT size, root, signed_at, signature FROM transparency_heads WHERE size = $1",
    )
    .bind(signed(size))
    .fetch_optional(&mut **tx)
    .await?;
    row.as_ref().map(head_from_row).transpose()
}

/// Signed heads in order of size, from `from` on, up to `limit`; newest first when `newest`.
pub async fn heads(
    tx: &mut Tx,
    _permit: &ReadLog,
    from: u64,
    limit: i64,
    newest: bool,
) -> Result<Vec<StoredHead>> {
    let sql = if newest {
        "SELECT size, root, signed_at, signature FROM transparency_heads WHERE size <= $1 ORDER BY size DESC LIMIT $2"
    } else {
        "SELECT size, root, signed_at, signature FROM transparency_heads WHERE size >= $1 ORDER BY size LIMIT $2"
    };
    let rows = sqlx::query(sql)
        .bind(signed(from))
        .bind(limit)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(head_from_row).collect()
}

const LEAF_COLUMNS: &str = "idx, contact_id, version, state_code, data, hash, appended_at";

fn leaf_from_row(row: &AnyRow) -> Result<StoredLeaf> {
    let state: String = row.try_get("state_code")?;
    let appended_at: String = row.try_get("appended_at")?;
    Ok(StoredLeaf {
        index: count(row.try_get("idx")?)?,
        contact_id: row.try_get("contact_id")?,
        version: row.try_get("version")?,
        state: StateCode::parse(&state).map_err(corrupt)?,
        data: row.try_get("data")?,
        hash: row.try_get("hash")?,
        appended_at: parse_ts(&appended_at)?,
    })
}

/// The leaves with index in `start..end`, in order.
pub async fn leaves(
    tx: &mut Tx,
    _permit: &ReadLog,
    start: u64,
    end: u64,
) -> Result<Vec<StoredLeaf>> {
    let sql = format!(
        "SELECT {LEAF_COLUMNS} FROM transparency_leaves WHERE idx >= $1 AND idx < $2 ORDER BY idx"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(signed(start))
        .bind(signed(end))
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(leaf_from_row).collect()
}

/// The most recent leaves, newest first.
pub async fn recent(tx: &mut Tx, _permit: &ReadLog, limit: i64) -> Result<Vec<StoredLeaf>> {
    let sql = format!("SELECT {LEAF_COLUMNS} FROM transparency_leaves ORDER BY idx DESC LIMIT $1");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(limit)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(leaf_from_row).collect()
}

/// The leaf of one version of a contact.
pub async fn leaf_of(
    tx: &mut Tx,
    _permit: &ReadLog,
    contact_id: i64,
    version: i64,
) -> Result<Option<StoredLeaf>> {
    let sql = format!(
        "SELECT {LEAF_COLUMNS} FROM transparency_leaves WHERE contact_id = $1 AND version = $2"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(contact_id)
        .bind(version)
        .fetch_optional(&mut **tx)
        .await?;
    row.as_ref().map(leaf_from_row).transpose()
}

/// The leaf of a contact's version in effect `today`, if the contact exists and the leaf was
/// appended.
pub async fn current_leaf(
    tx: &mut Tx,
    permit: &ReadLog,
    contact_id: i64,
    today: time::Date,
) -> Result<Option<StoredLeaf>> {
    let row = sqlx::query(
        "SELECT COALESCE((SELECT MAX(x.version) FROM contact_versions x WHERE x.contact_id = c.id AND x.effective_on <= $2), 1) \
         FROM contacts c WHERE c.id = $1",
    )
    .bind(contact_id)
    .bind(today.to_string())
    .fetch_optional(&mut **tx)
    .await?;
    match row {
        Some(row) => leaf_of(tx, permit, contact_id, row.try_get(0)?).await,
        None => Ok(None),
    }
}

fn state_and_version(row: &AnyRow) -> Result<(StateCode, ContactVersion)> {
    let state: String = row.try_get("state_code")?;
    Ok((
        StateCode::parse(&state).map_err(corrupt)?,
        crate::directory::version_from_row(row)?,
    ))
}

/// Contact versions after `after` (contact id, version) in that order, with their State, up to
/// `limit`: the log's source, for appending what is missing and for checking the log.
pub async fn versions(
    tx: &mut Tx,
    _permit: &ReadLog,
    after: (i64, i64),
    limit: i64,
) -> Result<Vec<(StateCode, ContactVersion)>> {
    let sql = format!(
        "SELECT c.state_code, {} FROM contact_versions v JOIN contacts c ON c.id = v.contact_id \
         WHERE v.contact_id > $1 OR (v.contact_id = $1 AND v.version > $2) \
         ORDER BY v.contact_id, v.version LIMIT $3",
        crate::directory::VERSION_COLUMNS
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(after.0)
        .bind(after.1)
        .bind(limit)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(state_and_version).collect()
}

/// Contact versions that have no leaf yet, oldest first (a database from before the log).
pub async fn versions_without_leaf(
    tx: &mut Tx,
    _permit: &ReadLog,
) -> Result<Vec<(StateCode, ContactVersion)>> {
    let sql = format!(
        "SELECT c.state_code, {} FROM contact_versions v JOIN contacts c ON c.id = v.contact_id \
         LEFT JOIN transparency_leaves l ON l.contact_id = v.contact_id AND l.version = v.version \
         WHERE l.idx IS NULL ORDER BY v.recorded_at, v.contact_id, v.version",
        crate::directory::VERSION_COLUMNS
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(state_and_version).collect()
}

/// Records the tree head a State published as verified.
pub async fn insert_verification(
    tx: &mut Tx,
    permit: &PublishVerification,
    size: u64,
    root: &str,
    recorded_by: &str,
    now: OffsetDateTime,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO transparency_verifications (state_code, size, root, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(permit.state().as_str())
    .bind(signed(size))
    .bind(root)
    .bind(recorded_by)
    .bind(ts(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Each State's most recently published verification.
pub async fn verifications(tx: &mut Tx, _permit: &ReadLog) -> Result<Vec<StoredVerification>> {
    let rows = sqlx::query(
        "SELECT v.state_code, v.size, v.root, v.recorded_by, v.recorded_at FROM transparency_verifications v \
         WHERE v.id = (SELECT MAX(w.id) FROM transparency_verifications w WHERE w.state_code = v.state_code) \
         ORDER BY v.state_code",
    )
    .fetch_all(&mut **tx)
    .await?;
    rows.iter()
        .map(|row| {
            let state: String = row.try_get(0)?;
            let recorded_at: String = row.try_get(4)?;
            Ok(StoredVerification {
                state: StateCode::parse(&state).map_err(corrupt)?,
                size: count(row.try_get(1)?)?,
                root: row.try_get(2)?,
                recorded_by: row.try_get(3)?,
                recorded_at: parse_ts(&recorded_at)?,
            })
        })
        .collect()
}
