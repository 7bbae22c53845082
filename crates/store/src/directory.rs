//! The versioned directory (CBM 8). A contact is a row in `contacts`; every change appends a row
//! to `contact_versions`, which is never updated or deleted. What a reader sees is the version
//! *in effect* on the day asked about (the highest-numbered one whose effective date has come);
//! versions recorded after it wait for their date (scheduled).

use crate::{Result, Tx, corrupt, parse_date, parse_ts, ts};
use liaison_core::access::{EditEntry, Notify, ReadContacts, ReadOverview};
use liaison_core::directory::{annual_status, due_on};
use liaison_types::directory::{
    Change, Contact, ContactDetails, ContactKind, ContactVersion, KeySummary, Level,
    ScheduledChange, StructureKind,
};
use liaison_types::state::StateCode;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::HashMap;
use time::{Date, OffsetDateTime};

/// A contact's OpenPGP key as stored with a version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredKey {
    pub armored: String,
    pub fingerprint: String,
    pub algorithm: String,
    pub expires_at: Option<OffsetDateTime>,
}

/// One version to append.
#[derive(Debug, Clone)]
pub struct NewVersion<'a> {
    pub change: Change,
    pub kind: ContactKind,
    pub details: &'a ContactDetails,
    pub key: Option<&'a StoredKey>,
    pub effective_on: Date,
    pub recorded_at: OffsetDateTime,
    pub recorded_by: &'a str,
    pub notified_late: bool,
}

pub(crate) const VERSION_COLUMNS: &str = "v.contact_id, v.version, v.change, v.kind, v.structure_kind, v.name, v.function, \
     v.organisation, v.email, v.phone, v.available_24_7, v.time_zone, v.languages, v.deputy, v.website, v.notes, \
     v.key_fingerprint, v.key_algorithm, v.key_expires_at, v.effective_on, v.recorded_at, v.recorded_by, v.notified_late";

fn kind_columns(kind: ContactKind) -> (&'static str, Option<&'static str>) {
    match kind {
        ContactKind::Poc { level } => (level.as_str(), None),
        ContactKind::Structure { structure } => ("structure", Some(structure.as_str())),
    }
}

fn kind_from_row(row: &AnyRow) -> Result<ContactKind> {
    let kind: String = row.try_get("kind")?;
    if kind == "structure" {
        let structure: Option<String> = row.try_get("structure_kind")?;
        let structure =
            StructureKind::parse(structure.as_deref().unwrap_or_default()).map_err(corrupt)?;
        Ok(ContactKind::Structure { structure })
    } else {
        Ok(ContactKind::Poc {
            level: Level::parse(&kind).map_err(corrupt)?,
        })
    }
}

fn details_from_row(row: &AnyRow) -> Result<ContactDetails> {
    let languages: String = row.try_get("languages")?;
    Ok(ContactDetails {
        name: row.try_get("name")?,
        function: row.try_get("function")?,
        organisation: row.try_get("organisation")?,
        email: row.try_get("email")?,
        phone: row.try_get("phone")?,
        available_24_7: row.try_get::<i64, _>("available_24_7")? != 0,
        time_zone: row.try_get("time_zone")?,
        languages: languages.split_whitespace().map(str::to_owned).collect(),
        deputy: row.try_get::<i64, _>("deputy")? != 0,
        website: row.try_get("website")?,
        notes: row.try_get("notes")?,
    })
}

fn key_from_row(row: &AnyRow) -> Result<Option<KeySummary>> {
    let fingerprint: Option<String> = row.try_get("key_fingerprint")?;
    let Some(fingerprint) = fingerprint else {
        return Ok(None);
    };
    let expires_at: Option<String> = row.try_get("key_expires_at")?;
    Ok(Some(KeySummary {
        fingerprint,
        algorithm: row
            .try_get::<Option<String>, _>("key_algorithm")?
            .unwrap_or_default(),
        expires_at: expires_at.as_deref().map(parse_ts).transpose()?,
    }))
}

pub(crate) fn version_from_row(row: &AnyRow) -> Result<ContactVersion> {
    let change: String = row.try_get("change")?;
    let effective_on: String = row.try_get("effective_on")?;
    let recorded_at: String = row.try_get("recorded_at")?;
    Ok(ContactVersion {
        contact_id: row.try_get("contact_id")?,
        version: row.try_get("version")?,
        change: Change::parse(&change).map_err(corrupt)?,
        kind: kind_from_row(row)?,
        details: details_from_row(row)?,
        key: key_from_row(row)?,
        effective_on: parse_date(&effective_on)?,
        recorded_at: parse_ts(&recorded_at)?,
        recorded_by: row.try_get("recorded_by")?,
        notified_late: row.try_get::<i64, _>("notified_late")? != 0,
    })
}

/// The version of contact `c` in effect on the day bound as `$1`: the highest-numbered version
/// whose effective date has come. A version announced for a later date waits (scheduled); one
/// recorded after it with an earlier date does not pull it forward, because the change that
/// records such a version appends the scheduled one again after it. A contact whose first
/// version lies ahead shows that one.
const IN_EFFECT: &str = "COALESCE((SELECT MAX(x.version) FROM contact_versions x \
     WHERE x.contact_id = c.id AND x.effective_on <= $1), 1)";

/// A contact from the version in effect. The annual clock starts on the last day the State
/// recorded anything for it (a change, a confirmation, or a change announced for later).
fn contact_from_row(row: &AnyRow, today: Date) -> Result<Contact> {
    let version = version_from_row(row)?;
    let state: String = row.try_get("state_code")?;
    let last: String = row.try_get("last_recorded_at")?;
    let confirmed_on = parse_ts(&last)?.date().max(version.recorded_at.date());
    Ok(Contact {
        id: version.contact_id,
        state: StateCode::parse(&state).map_err(corrupt)?,
        kind: version.kind,
        retired: version.change == Change::Retired,
        details: version.details,
        key: version.key,
        version: version.version,
        effective_on: version.effective_on,
        recorded_at: version.recorded_at,
        confirmed_on,
        due_on: due_on(confirmed_on),
        annual_status: annual_status(confirmed_on, today),
        scheduled: None,
    })
}

/// Contacts with their version in effect on `$1`; `cond` adds conditions (`AND …`, parameters
/// from `$2`).
fn current_query(cond: &str) -> String {
    format!(
        "SELECT c.state_code, {VERSION_COLUMNS}, \
         (SELECT MAX(y.recorded_at) FROM contact_versions y WHERE y.contact_id = c.id) AS last_recorded_at \
         FROM contacts c JOIN contact_versions v ON v.contact_id = c.id AND v.version = {IN_EFFECT} \
         WHERE 1 = 1 {cond} ORDER BY c.state_code, CASE v.kind WHEN 'policy' THEN 0 WHEN 'technical' THEN 1 ELSE 2 END, v.deputy, c.id"
    )
}

/// Versions recorded after the one in effect on `$1` (each waits for its date); `cond` as for
/// [`current_query`].
fn pending_query(cond: &str) -> String {
    format!(
        "SELECT c.state_code, {VERSION_COLUMNS} FROM contacts c \
         JOIN contact_versions v ON v.contact_id = c.id AND v.version > {IN_EFFECT} \
         WHERE 1 = 1 {cond} ORDER BY v.contact_id, v.version"
    )
}

/// The contact as a version, to name what a scheduled change changes.
fn as_version(contact: &Contact) -> ContactVersion {
    ContactVersion {
        contact_id: contact.id,
        version: contact.version,
        change: Change::Changed,
        kind: contact.kind,
        details: contact.details.clone(),
        key: contact.key.clone(),
        effective_on: contact.effective_on,
        recorded_at: contact.recorded_at,
        recorded_by: String::new(),
        notified_late: false,
    }
}

/// Fills each contact's scheduled change from the pending versions (the last one recorded).
fn with_scheduled(contacts: &mut [Contact], pending: Vec<ContactVersion>) {
    let mut last: HashMap<i64, ContactVersion> = HashMap::new();
    for version in pending {
        last.insert(version.contact_id, version);
    }
    for contact in contacts {
        if let Some(version) = last.remove(&contact.id) {
            let fields = liaison_core::directory::changed_fields(&as_version(contact), &version)
                .into_iter()
                .map(str::to_owned)
                .collect();
            contact.scheduled = Some(ScheduledChange {
                version: version.version,
                change: version.change,
                effective_on: version.effective_on,
                recorded_at: version.recorded_at,
                recorded_by: version.recorded_by,
                fields,
                kind: version.kind,
                details: version.details,
                key: version.key,
            });
        }
    }
}

/// A parameter of a condition.
#[derive(Debug, Clone, Copy)]
enum Bind<'a> {
    Text(&'a str),
    Int(i64),
}

fn bound<'q>(
    mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    binds: &[Bind<'q>],
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    for value in binds {
        query = match *value {
            Bind::Text(text) => query.bind(text),
            Bind::Int(n) => query.bind(n),
        };
    }
    query
}

/// The contacts `cond` selects (parameters from `$2`), as in effect `today`, with their
/// scheduled changes.
async fn contacts_where(
    tx: &mut Tx,
    today: Date,
    cond: &str,
    binds: &[Bind<'_>],
) -> Result<Vec<Contact>> {
    let sql = current_query(cond);
    let query = bound(
        sqlx::query(sqlx::AssertSqlSafe(sql)).bind(today.to_string()),
        binds,
    );
    let rows = query.fetch_all(&mut **tx).await?;
    let mut contacts = rows
        .iter()
        .map(|row| contact_from_row(row, today))
        .collect::<Result<Vec<_>>>()?;
    // The pending versions of the same contacts (retired ones included: a cond on the version
    // in effect does not apply to what is pending).
    let pending_cond = cond.replace("AND v.change <> 'retired'", "");
    let sql = pending_query(&pending_cond);
    let query = bound(
        sqlx::query(sqlx::AssertSqlSafe(sql)).bind(today.to_string()),
        binds,
    );
    let pending = query
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(version_from_row)
        .collect::<Result<Vec<_>>>()?;
    with_scheduled(&mut contacts, pending);
    Ok(contacts)
}

async fn insert_version(
    tx: &mut Tx,
    contact_id: i64,
    number: i64,
    v: &NewVersion<'_>,
) -> Result<()> {
    let (kind, structure_kind) = kind_columns(v.kind);
    sqlx::query(
        "INSERT INTO contact_versions (contact_id, version, change, kind, structure_kind, name, function, organisation, \
         email, phone, available_24_7, time_zone, languages, deputy, website, notes, key_armored, key_fingerprint, \
         key_algorithm, key_expires_at, effective_on, recorded_at, recorded_by, notified_late) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)",
    )
    .bind(contact_id)
    .bind(number)
    .bind(v.change.as_str())
    .bind(kind)
    .bind(structure_kind)
    .bind(&v.details.name)
    .bind(&v.details.function)
    .bind(&v.details.organisation)
    .bind(&v.details.email)
    .bind(&v.details.phone)
    .bind(i64::from(v.details.available_24_7))
    .bind(&v.details.time_zone)
    .bind(v.details.languages.join(" "))
    .bind(i64::from(v.details.deputy))
    .bind(&v.details.website)
    .bind(&v.details.notes)
    .bind(v.key.map(|k| k.armored.clone()))
    .bind(v.key.map(|k| k.fingerprint.clone()))
    .bind(v.key.map(|k| k.algorithm.clone()))
    .bind(v.key.and_then(|k| k.expires_at).map(ts))
    .bind(v.effective_on.to_string())
    .bind(ts(v.recorded_at))
    .bind(v.recorded_by)
    .bind(i64::from(v.notified_late))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Creates a contact of the permitted State with its first version; returns its id.
pub async fn create(tx: &mut Tx, permit: &EditEntry, first: &NewVersion<'_>) -> Result<i64> {
    let row = sqlx::query("INSERT INTO contacts (state_code, current_version, retired, created_at) VALUES ($1, 1, 0, $2) RETURNING id")
        .bind(permit.state().as_str())
        .bind(ts(first.recorded_at))
        .fetch_one(&mut **tx)
        .await?;
    let id: i64 = row.try_get(0)?;
    insert_version(tx, id, 1, first).await?;
    Ok(id)
}

/// Appends a version to a contact of the permitted State; returns the new version number, or
/// `None` when the contact does not belong to that State. (`current_version` is the last
/// recorded; which one is in effect depends on the day: see [`IN_EFFECT`].)
pub async fn append(
    tx: &mut Tx,
    permit: &EditEntry,
    contact_id: i64,
    next: &NewVersion<'_>,
) -> Result<Option<i64>> {
    let row = sqlx::query("SELECT current_version FROM contacts WHERE id = $1 AND state_code = $2")
        .bind(contact_id)
        .bind(permit.state().as_str())
        .fetch_optional(&mut **tx)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let number = row.try_get::<i64, _>(0)? + 1;
    insert_version(tx, contact_id, number, next).await?;
    sqlx::query("UPDATE contacts SET current_version = $1, retired = $2 WHERE id = $3")
        .bind(number)
        .bind(i64::from(next.change == Change::Retired))
        .bind(contact_id)
        .execute(&mut **tx)
        .await?;
    Ok(Some(number))
}

/// The other States than the permit's whose contacts have or had the key `fingerprint` (a key
/// registered for a contact is that State's alone).
pub async fn key_held_elsewhere(
    tx: &mut Tx,
    permit: &EditEntry,
    fingerprint: &str,
) -> Result<Vec<StateCode>> {
    let rows = sqlx::query(
        "SELECT DISTINCT c.state_code FROM contacts c JOIN contact_versions v ON v.contact_id = c.id \
         WHERE v.key_fingerprint = $1 AND c.state_code <> $2 ORDER BY c.state_code",
    )
    .bind(fingerprint)
    .bind(permit.state().as_str())
    .fetch_all(&mut **tx)
    .await?;
    rows.iter()
        .map(|row| {
            let code: String = row.try_get(0)?;
            StateCode::parse(&code).map_err(corrupt)
        })
        .collect()
}

/// The contacts of the permit's State that count against its limit: those not retired, and
/// those created since `since` (a day ago).
pub async fn counted(tx: &mut Tx, permit: &EditEntry, since: OffsetDateTime) -> Result<i64> {
    let row = sqlx::query(
        "SELECT COUNT(*) FROM contacts WHERE state_code = $1 AND (retired = 0 OR created_at >= $2)",
    )
    .bind(permit.state().as_str())
    .bind(crate::ts(since))
    .fetch_one(&mut **tx)
    .await?;
    Ok(row.try_get(0)?)
}

/// The State a contact belongs to (not protected: it decides which permit is needed).
pub async fn state_of(tx: &mut Tx, contact_id: i64) -> Result<Option<StateCode>> {
    let row = sqlx::query("SELECT state_code FROM contacts WHERE id = $1")
        .bind(contact_id)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(|row| {
        let code: String = row.try_get(0)?;
        StateCode::parse(&code).map_err(corrupt)
    })
    .transpose()
}

/// One contact of the permitted State as it stands `today`.
pub async fn get(
    tx: &mut Tx,
    permit: &ReadContacts,
    contact_id: i64,
    today: Date,
) -> Result<Option<Contact>> {
    let mut found = contacts_where(
        tx,
        today,
        "AND c.id = $2 AND c.state_code = $3",
        &[Bind::Int(contact_id), Bind::Text(permit.state().as_str())],
    )
    .await?;
    Ok(found.pop())
}

/// The armored OpenPGP key of the contact's version in effect `today`.
pub async fn current_key(
    tx: &mut Tx,
    permit: &ReadContacts,
    contact_id: i64,
    today: Date,
) -> Result<Option<String>> {
    let sql = format!(
        "SELECT v.key_armored FROM contacts c JOIN contact_versions v ON v.contact_id = c.id AND v.version = {IN_EFFECT} \
         WHERE c.id = $2 AND c.state_code = $3"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(today.to_string())
        .bind(contact_id)
        .bind(permit.state().as_str())
        .fetch_optional(&mut **tx)
        .await?;
    Ok(match row {
        Some(row) => row.try_get(0)?,
        None => None,
    })
}

/// The permitted State's contacts as in effect `today`, retired ones only when asked for.
pub async fn list(
    tx: &mut Tx,
    permit: &ReadContacts,
    today: Date,
    include_retired: bool,
) -> Result<Vec<Contact>> {
    let cond = if include_retired {
        "AND c.state_code = $2"
    } else {
        "AND c.state_code = $2 AND v.change <> 'retired'"
    };
    contacts_where(tx, today, cond, &[Bind::Text(permit.state().as_str())]).await
}

/// Every active contact of every State as in effect `today`, for aggregate figures: callers
/// holding only the overview permit must not pass contact details on.
pub async fn list_all(tx: &mut Tx, _permit: &ReadOverview, today: Date) -> Result<Vec<Contact>> {
    contacts_where(tx, today, "AND v.change <> 'retired'", &[]).await
}

/// A version of a contact of the permitted State, with its armored key.
pub async fn version_at(
    tx: &mut Tx,
    permit: &EditEntry,
    contact_id: i64,
    number: i64,
) -> Result<Option<(ContactVersion, Option<StoredKey>)>> {
    let sql = format!(
        "SELECT {VERSION_COLUMNS}, v.key_armored FROM contact_versions v JOIN contacts c ON c.id = v.contact_id \
         WHERE v.contact_id = $1 AND v.version = $2 AND c.state_code = $3"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(contact_id)
        .bind(number)
        .bind(permit.state().as_str())
        .fetch_optional(&mut **tx)
        .await?;
    row.map(|row| {
        let version = version_from_row(&row)?;
        let armored: Option<String> = row.try_get("key_armored")?;
        let key = match (armored, &version.key) {
            (Some(armored), Some(summary)) => Some(StoredKey {
                armored,
                fingerprint: summary.fingerprint.clone(),
                algorithm: summary.algorithm.clone(),
                expires_at: summary.expires_at,
            }),
            _ => None,
        };
        Ok((version, key))
    })
    .transpose()
}

/// The number of the version pending for a contact of the permitted State on `today` (the last
/// one recorded after the version in effect), if any.
pub async fn pending(
    tx: &mut Tx,
    permit: &EditEntry,
    contact_id: i64,
    today: Date,
) -> Result<Option<i64>> {
    let sql = format!(
        "SELECT MAX(v.version) FROM contacts c JOIN contact_versions v ON v.contact_id = c.id AND v.version > {IN_EFFECT} \
         WHERE c.id = $2 AND c.state_code = $3"
    );
    let number: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(today.to_string())
        .bind(contact_id)
        .bind(permit.state().as_str())
        .fetch_one(&mut **tx)
        .await?;
    Ok(number)
}

/// The version a pending version was recorded against: the one in effect on the day it was
/// recorded, among those before it.
pub async fn base_of(
    tx: &mut Tx,
    _permit: &EditEntry,
    contact_id: i64,
    number: i64,
    recorded_on: Date,
) -> Result<i64> {
    let base: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(version) FROM contact_versions WHERE contact_id = $1 AND version < $2 AND effective_on <= $3",
    )
    .bind(contact_id)
    .bind(number)
    .bind(recorded_on.to_string())
    .fetch_one(&mut **tx)
    .await?;
    Ok(base.unwrap_or((number - 1).max(1)))
}

/// Every version of a contact of the permitted State, oldest first.
pub async fn history(
    tx: &mut Tx,
    permit: &ReadContacts,
    contact_id: i64,
) -> Result<Vec<ContactVersion>> {
    let sql = format!(
        "SELECT {VERSION_COLUMNS} FROM contact_versions v JOIN contacts c ON c.id = v.contact_id \
         WHERE v.contact_id = $1 AND c.state_code = $2 ORDER BY v.version"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(contact_id)
        .bind(permit.state().as_str())
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(version_from_row).collect()
}

/// Changes notified late and recorded since `since`, per State.
pub async fn late_changes_since(
    tx: &mut Tx,
    _permit: &ReadOverview,
    since: OffsetDateTime,
) -> Result<HashMap<StateCode, u32>> {
    let rows = sqlx::query(
        "SELECT c.state_code, COUNT(*) FROM contact_versions v JOIN contacts c ON c.id = v.contact_id \
         WHERE v.notified_late = 1 AND v.recorded_at >= $1 GROUP BY c.state_code",
    )
    .bind(ts(since))
    .fetch_all(&mut **tx)
    .await?;
    rows.iter()
        .map(|row| {
            let code: String = row.try_get(0)?;
            let count: i64 = row.try_get(1)?;
            Ok((
                StateCode::parse(&code).map_err(corrupt)?,
                u32::try_from(count).unwrap_or(u32::MAX),
            ))
        })
        .collect()
}

/// Changes notified late and recorded since `since`, for one State.
pub async fn late_changes_of(
    tx: &mut Tx,
    permit: &ReadContacts,
    since: OffsetDateTime,
) -> Result<u32> {
    let row = sqlx::query(
        "SELECT COUNT(*) FROM contact_versions v JOIN contacts c ON c.id = v.contact_id \
         WHERE c.state_code = $1 AND v.notified_late = 1 AND v.recorded_at >= $2",
    )
    .bind(permit.state().as_str())
    .bind(ts(since))
    .fetch_one(&mut **tx)
    .await?;
    Ok(u32::try_from(row.try_get::<i64, _>(0)?).unwrap_or(u32::MAX))
}

/// Remembers that a reminder was queued for a contact's due date; `false` when it already was,
/// so each reminder goes out once even with several schedulers running.
pub async fn record_reminder(
    tx: &mut Tx,
    _permit: &Notify,
    contact_id: i64,
    kind: &str,
    due: Date,
    now: OffsetDateTime,
) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO reminders (contact_id, kind, due_on, queued_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (contact_id, kind, due_on) DO NOTHING",
    )
    .bind(contact_id)
    .bind(kind)
    .bind(due.to_string())
    .bind(ts(now))
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}
