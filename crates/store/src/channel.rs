//! The protected channel: requests, one leg per recipient State, the thread's messages as
//! immutable ciphertext (the schema refuses any update or delete of a message), the contacts
//! left out of each message's key set, the notifications that carry a message, and the
//! feedback given to the network manager. A State reads only the requests it is a party to: the
//! queries filter on the permit's State. A leg's times are only ever set from empty
//! ([`update_leg`] guards on it), so two servers racing on one leg cannot both record a step.

use crate::{Result, Tx, corrupt, parse_ts, ts};
use liaison_core::access::{ChangeEnvelope, ChannelDuty, ChannelStats, UseChannel};
use liaison_core::channel::request::{Envelope, LegTimes};
use liaison_types::channel::{LeftOutContact, LeftOutReason, RequestKind, Tlp, Urgency};
use liaison_types::directory::{ContactKind, Level};
use liaison_types::id::{AccountId, MessageId, RequestId};
use liaison_types::state::StateCode;
use sqlx::Row;
use sqlx::any::AnyRow;
use time::{Date, OffsetDateTime};

/// A request's envelope as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRequest {
    pub id: RequestId,
    pub from: StateCode,
    pub sent_by: String,
    pub kind: RequestKind,
    pub urgency: Urgency,
    pub level: Level,
    pub tlp: Tlp,
    pub language: String,
    pub sent_at: OffsetDateTime,
    pub closed_at: Option<OffsetDateTime>,
    pub legs: Vec<StoredLeg>,
    pub messages: Vec<StoredMessage>,
}

impl StoredRequest {
    pub fn recipients(&self) -> Vec<StateCode> {
        self.legs.iter().map(|leg| leg.state.clone()).collect()
    }

    pub fn leg(&self, state: &StateCode) -> Option<&StoredLeg> {
        self.legs.iter().find(|leg| &leg.state == state)
    }

    pub fn envelope(&self) -> Envelope {
        Envelope {
            kind: self.kind,
            urgency: self.urgency,
            level: self.level,
            messages: u32::try_from(self.messages.len()).unwrap_or(u32::MAX),
        }
    }
}

/// One recipient State's leg.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLeg {
    pub state: StateCode,
    pub times: LegTimes,
    pub acknowledged_by: Option<String>,
}

/// What is known of a message without its ciphertext.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMessage {
    pub id: MessageId,
    pub request_id: RequestId,
    pub seq: i64,
    pub from: StateCode,
    pub sent_by: String,
    pub sent_at: OffsetDateTime,
    pub size: i64,
    pub sha256: String,
    pub fingerprints: Vec<String>,
}

/// A new request's envelope.
#[derive(Debug, Clone)]
pub struct NewRequest<'a> {
    pub sent_by: &'a str,
    pub kind: RequestKind,
    pub urgency: Urgency,
    pub level: Level,
    pub tlp: Tlp,
    pub language: &'a str,
    pub sent_at: OffsetDateTime,
    /// Each recipient State with the time it must acknowledge by.
    pub legs: &'a [(StateCode, OffsetDateTime)],
}

/// A new message of a thread.
#[derive(Debug, Clone)]
pub struct NewMessage<'a> {
    pub request_id: RequestId,
    pub sent_by: &'a str,
    pub sent_at: OffsetDateTime,
    pub armored: &'a str,
    pub size: i64,
    pub sha256: &'a str,
    pub fingerprints: &'a [String],
    pub left_out: &'a [LeftOutContact],
}

/// A directory contact that may hold a key of a request's key set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyHolder {
    pub contact_id: i64,
    pub state: StateCode,
    pub kind: ContactKind,
    pub retired: bool,
    pub name: String,
    pub email: String,
    /// The contact's IANA time zone (may be empty), for the times its notifications name.
    pub time_zone: String,
    pub key: Option<String>,
}

fn reason_str(reason: LeftOutReason) -> &'static str {
    match reason {
        LeftOutReason::NoKey => "no-key",
        LeftOutReason::Expired => "expired",
        LeftOutReason::Revoked => "revoked",
        LeftOutReason::Unusable => "unusable",
    }
}

fn parse_reason(text: &str) -> Result<LeftOutReason> {
    Ok(match text {
        "no-key" => LeftOutReason::NoKey,
        "expired" => LeftOutReason::Expired,
        "revoked" => LeftOutReason::Revoked,
        "unusable" => LeftOutReason::Unusable,
        other => return Err(corrupt(format!("left-out reason '{other}'"))),
    })
}

fn code(text: &str) -> Result<StateCode> {
    StateCode::parse(text).map_err(corrupt)
}

fn opt_ts(row: &AnyRow, column: &str) -> Result<Option<OffsetDateTime>> {
    let text: Option<String> = row.try_get(column)?;
    text.as_deref().map(parse_ts).transpose()
}

fn req_ts(row: &AnyRow, column: &str) -> Result<OffsetDateTime> {
    let text: String = row.try_get(column)?;
    parse_ts(&text)
}

/// The contacts of `states` at the policy and technical levels with their current keys: the
/// candidates of a key set. Participating States' accounts may read these details.
pub async fn key_holders(
    tx: &mut Tx,
    _permit: &UseChannel,
    states: &[StateCode],
    today: Date,
) -> Result<Vec<KeyHolder>> {
    holders(tx, states, today).await
}

/// The same, for the server notifying a State by itself (escalation).
pub async fn key_holders_for_system(
    tx: &mut Tx,
    _permit: &ChannelDuty,
    states: &[StateCode],
    today: Date,
) -> Result<Vec<KeyHolder>> {
    holders(tx, states, today).await
}

/// The points of contact of `states` as in effect `today` (a change announced for later is not
/// theirs yet).
async fn holders(tx: &mut Tx, states: &[StateCode], today: Date) -> Result<Vec<KeyHolder>> {
    let mut out = Vec::new();
    for state in states {
        let rows = sqlx::query(
            "SELECT c.id, c.state_code, v.change, v.kind, v.name, v.email, v.time_zone, v.key_armored \
             FROM contacts c JOIN contact_versions v ON v.contact_id = c.id AND v.version = \
             COALESCE((SELECT MAX(x.version) FROM contact_versions x WHERE x.contact_id = c.id AND x.effective_on <= $2), 1) \
             WHERE c.state_code = $1 AND v.kind IN ('policy', 'technical') ORDER BY c.id",
        )
        .bind(state.as_str())
        .bind(today.to_string())
        .fetch_all(&mut **tx)
        .await?;
        for row in rows {
            let kind: String = row.try_get("kind")?;
            let change: String = row.try_get("change")?;
            let state: String = row.try_get("state_code")?;
            out.push(KeyHolder {
                contact_id: row.try_get("id")?,
                state: code(&state)?,
                kind: ContactKind::Poc {
                    level: Level::parse(&kind).map_err(corrupt)?,
                },
                retired: change == "retired",
                name: row.try_get("name")?,
                email: row.try_get("email")?,
                time_zone: row.try_get("time_zone")?,
                key: row.try_get("key_armored")?,
            });
        }
    }
    Ok(out)
}

/// Stores a new request from the permit's State with its legs; its first message follows with
/// [`insert_message`].
pub async fn insert_request(
    tx: &mut Tx,
    permit: &UseChannel,
    new: &NewRequest<'_>,
) -> Result<RequestId> {
    let row = sqlx::query(
        "INSERT INTO channel_requests (from_state, sent_by, kind, urgency, level, tlp, language, sent_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(permit.state().as_str())
    .bind(new.sent_by)
    .bind(new.kind.as_str())
    .bind(new.urgency.as_str())
    .bind(new.level.as_str())
    .bind(new.tlp.as_str())
    .bind(new.language)
    .bind(ts(new.sent_at))
    .fetch_one(&mut **tx)
    .await?;
    let id = RequestId(row.try_get(0)?);
    for (state, by) in new.legs {
        sqlx::query(
            "INSERT INTO channel_legs (request_id, state_code, acknowledge_by) VALUES ($1, $2, $3)",
        )
        .bind(id.0)
        .bind(state.as_str())
        .bind(ts(*by))
        .execute(&mut **tx)
        .await?;
    }
    Ok(id)
}

/// Appends a message to a thread, from the permit's State, as the next in sequence.
pub async fn insert_message(
    tx: &mut Tx,
    permit: &UseChannel,
    new: &NewMessage<'_>,
) -> Result<MessageId> {
    let row =
        sqlx::query("SELECT COALESCE(MAX(seq), 0) FROM channel_messages WHERE request_id = $1")
            .bind(new.request_id.0)
            .fetch_one(&mut **tx)
            .await?;
    let last: i64 = row.try_get(0)?;
    let row = sqlx::query(
        "INSERT INTO channel_messages (request_id, seq, from_state, sent_by, sent_at, armored, size, sha256, fingerprints) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(new.request_id.0)
    .bind(last + 1)
    .bind(permit.state().as_str())
    .bind(new.sent_by)
    .bind(ts(new.sent_at))
    .bind(new.armored)
    .bind(new.size)
    .bind(new.sha256)
    .bind(new.fingerprints.join(" "))
    .fetch_one(&mut **tx)
    .await?;
    let id = MessageId(row.try_get(0)?);
    // The State's sent messages of the hour, for its daily budget ([`sent_since`]).
    sqlx::query(
        "INSERT INTO channel_sent (state_code, hour, messages, bytes) VALUES ($1, $2, 1, $3) \
         ON CONFLICT (state_code, hour) DO UPDATE SET messages = channel_sent.messages + 1, \
         bytes = channel_sent.bytes + excluded.bytes",
    )
    .bind(permit.state().as_str())
    .bind(hour_of(new.sent_at))
    .bind(new.size)
    .execute(&mut **tx)
    .await?;
    for left in new.left_out {
        sqlx::query(
            "INSERT INTO channel_left_out (message_id, contact_id, state_code, contact_name, reason) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id.0)
        .bind(left.contact_id)
        .bind(left.state.as_str())
        .bind(&left.contact_name)
        .bind(reason_str(left.reason))
        .execute(&mut **tx)
        .await?;
    }
    Ok(id)
}

const REQUEST_COLUMNS: &str = "r.id, r.from_state, r.sent_by, r.kind, r.urgency, r.level, r.tlp, r.language, r.sent_at, r.closed_at";

fn request_from_row(row: &AnyRow) -> Result<StoredRequest> {
    let from: String = row.try_get("from_state")?;
    let kind: String = row.try_get("kind")?;
    let urgency: String = row.try_get("urgency")?;
    let level: String = row.try_get("level")?;
    let tlp: String = row.try_get("tlp")?;
    Ok(StoredRequest {
        id: RequestId(row.try_get("id")?),
        from: code(&from)?,
        sent_by: row.try_get("sent_by")?,
        kind: RequestKind::parse(&kind).map_err(corrupt)?,
        urgency: Urgency::parse(&urgency).map_err(corrupt)?,
        level: Level::parse(&level).map_err(corrupt)?,
        tlp: Tlp::parse(&tlp).map_err(corrupt)?,
        language: row.try_get("language")?,
        sent_at: req_ts(row, "sent_at")?,
        closed_at: opt_ts(row, "closed_at")?,
        legs: Vec::new(),
        messages: Vec::new(),
    })
}

fn leg_from_row(row: &AnyRow, sent_at: OffsetDateTime) -> Result<StoredLeg> {
    let state: String = row.try_get("state_code")?;
    Ok(StoredLeg {
        state: code(&state)?,
        times: LegTimes {
            sent_at,
            acknowledge_by: req_ts(row, "acknowledge_by")?,
            delivered_at: opt_ts(row, "delivered_at")?,
            acknowledged_at: opt_ts(row, "acknowledged_at")?,
            answered_at: opt_ts(row, "answered_at")?,
            closed_at: opt_ts(row, "closed_at")?,
            escalated_at: opt_ts(row, "escalated_at")?,
        },
        acknowledged_by: row.try_get("acknowledged_by")?,
    })
}

fn message_from_row(row: &AnyRow) -> Result<StoredMessage> {
    let from: String = row.try_get("from_state")?;
    let fingerprints: String = row.try_get("fingerprints")?;
    Ok(StoredMessage {
        id: MessageId(row.try_get("id")?),
        request_id: RequestId(row.try_get("request_id")?),
        seq: row.try_get("seq")?,
        from: code(&from)?,
        sent_by: row.try_get("sent_by")?,
        sent_at: req_ts(row, "sent_at")?,
        size: row.try_get("size")?,
        sha256: row.try_get("sha256")?,
        fingerprints: fingerprints.split_whitespace().map(str::to_owned).collect(),
    })
}

/// Fills in a request's legs and messages.
async fn complete(tx: &mut Tx, mut request: StoredRequest) -> Result<StoredRequest> {
    let rows = sqlx::query(
        "SELECT state_code, acknowledge_by, delivered_at, acknowledged_at, acknowledged_by, answered_at, closed_at, escalated_at \
         FROM channel_legs WHERE request_id = $1 ORDER BY state_code",
    )
    .bind(request.id.0)
    .fetch_all(&mut **tx)
    .await?;
    request.legs = rows
        .iter()
        .map(|row| leg_from_row(row, request.sent_at))
        .collect::<Result<_>>()?;
    let rows = sqlx::query(
        "SELECT id, request_id, seq, from_state, sent_by, sent_at, size, sha256, fingerprints \
         FROM channel_messages WHERE request_id = $1 ORDER BY seq",
    )
    .bind(request.id.0)
    .fetch_all(&mut **tx)
    .await?;
    request.messages = rows.iter().map(message_from_row).collect::<Result<_>>()?;
    Ok(request)
}

/// The filter that keeps the requests the permit's State is a party to.
const PARTY: &str = "(r.from_state = $1 OR EXISTS (SELECT 1 FROM channel_legs l WHERE l.request_id = r.id AND l.state_code = $1))";

/// A request the permit's State is a party to.
pub async fn get(tx: &mut Tx, permit: &UseChannel, id: RequestId) -> Result<Option<StoredRequest>> {
    let sql =
        format!("SELECT {REQUEST_COLUMNS} FROM channel_requests r WHERE {PARTY} AND r.id = $2");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(permit.state().as_str())
        .bind(id.0)
        .fetch_optional(&mut **tx)
        .await?;
    match row {
        Some(row) => Ok(Some(complete(tx, request_from_row(&row)?).await?)),
        None => Ok(None),
    }
}

/// The requests the permit's State is a party to, newest first, before the id `before`: three
/// statements whatever the page's length (the requests, then every leg and every message of the
/// page, each read once).
pub async fn list(
    tx: &mut Tx,
    permit: &UseChannel,
    before: Option<RequestId>,
    limit: i64,
) -> Result<Vec<StoredRequest>> {
    // The page's ids: the newest the State sent and the newest it received, each read in id
    // order from its index, merged.
    let page = "SELECT id FROM (\
         SELECT id FROM (SELECT s.id FROM channel_requests s WHERE s.from_state = $1 AND s.id < $2 ORDER BY s.id DESC LIMIT $3) AS sent \
         UNION \
         SELECT id FROM (SELECT l.request_id AS id FROM channel_legs l WHERE l.state_code = $1 AND l.request_id < $2 ORDER BY l.request_id DESC LIMIT $3) AS received\
         ) AS party ORDER BY id DESC LIMIT $3";
    let sql = format!(
        "SELECT {REQUEST_COLUMNS} FROM channel_requests r WHERE r.id IN ({page}) ORDER BY r.id DESC"
    );
    let state = permit.state().as_str();
    let before = before.map_or(i64::MAX, |id| id.0);
    let rows = of_page(tx, sql, (state, before, limit)).await?;
    let mut out = rows
        .iter()
        .map(request_from_row)
        .collect::<Result<Vec<_>>>()?;
    let legs = format!(
        "SELECT request_id, state_code, acknowledge_by, delivered_at, acknowledged_at, acknowledged_by, answered_at, closed_at, escalated_at \
         FROM channel_legs WHERE request_id IN ({page}) ORDER BY request_id, state_code"
    );
    let legs = of_page(tx, legs, (state, before, limit)).await?;
    let messages = format!(
        "SELECT id, request_id, seq, from_state, sent_by, sent_at, size, sha256, fingerprints \
         FROM channel_messages WHERE request_id IN ({page}) ORDER BY request_id, seq"
    );
    let messages = of_page(tx, messages, (state, before, limit)).await?;
    let index: std::collections::HashMap<i64, usize> =
        out.iter().enumerate().map(|(i, r)| (r.id.0, i)).collect();
    for row in &legs {
        let id: i64 = row.try_get("request_id")?;
        if let Some(request) = index.get(&id).and_then(|&i| out.get_mut(i)) {
            let leg = leg_from_row(row, request.sent_at)?;
            request.legs.push(leg);
        }
    }
    for row in &messages {
        let message = message_from_row(row)?;
        if let Some(request) = index
            .get(&message.request_id.0)
            .and_then(|&i| out.get_mut(i))
        {
            request.messages.push(message);
        }
    }
    Ok(out)
}

/// The rows a statement about one page of a State's requests reads (`$1` the State, `$2` the
/// id the page is before, `$3` its length).
async fn of_page(
    tx: &mut Tx,
    sql: String,
    (state, before, limit): (&str, i64, i64),
) -> Result<Vec<AnyRow>> {
    Ok(sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(state)
        .bind(before)
        .bind(limit)
        .fetch_all(&mut **tx)
        .await?)
}

/// The hour a time falls in, as `channel_sent` keys it (`2026-12-05T21`).
fn hour_of(at: OffsetDateTime) -> String {
    ts(at).chars().take(13).collect()
}

/// The messages (requests and replies) the permit's State sent since the start of the hour
/// `since` falls in, and their bytes (from the hourly counts `insert_message` keeps).
pub async fn sent_since(
    tx: &mut Tx,
    permit: &UseChannel,
    since: OffsetDateTime,
) -> Result<(usize, u64)> {
    let row = sqlx::query(
        "SELECT CAST(COALESCE(SUM(messages), 0) AS BIGINT) AS sent, CAST(COALESCE(SUM(bytes), 0) AS BIGINT) AS bytes \
         FROM channel_sent WHERE state_code = $1 AND hour >= $2",
    )
    .bind(permit.state().as_str())
    .bind(hour_of(since))
    .fetch_one(&mut **tx)
    .await?;
    let sent: i64 = row.try_get("sent")?;
    let bytes: i64 = row.try_get("bytes")?;
    Ok((
        usize::try_from(sent).unwrap_or(usize::MAX),
        u64::try_from(bytes).unwrap_or(0),
    ))
}

/// The contacts left out of a message's key set, in a request the permit's State is a party to.
pub async fn left_out(
    tx: &mut Tx,
    permit: &UseChannel,
    message_id: MessageId,
) -> Result<Vec<LeftOutContact>> {
    let sql = format!(
        "SELECT o.contact_id, o.state_code, o.contact_name, o.reason FROM channel_left_out o \
         JOIN channel_messages m ON m.id = o.message_id JOIN channel_requests r ON r.id = m.request_id \
         WHERE {PARTY} AND o.message_id = $2 ORDER BY o.contact_id"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(permit.state().as_str())
        .bind(message_id.0)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter()
        .map(|row| {
            let state: String = row.try_get("state_code")?;
            let reason: String = row.try_get("reason")?;
            Ok(LeftOutContact {
                contact_id: row.try_get("contact_id")?,
                state: code(&state)?,
                contact_name: row.try_get("contact_name")?,
                reason: parse_reason(&reason)?,
            })
        })
        .collect()
}

/// A message's armored ciphertext, for a State that is a party to its request.
pub async fn armored(
    tx: &mut Tx,
    permit: &UseChannel,
    request_id: RequestId,
    message_id: MessageId,
) -> Result<Option<String>> {
    let sql = format!(
        "SELECT m.armored FROM channel_messages m JOIN channel_requests r ON r.id = m.request_id \
         WHERE {PARTY} AND r.id = $2 AND m.id = $3"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(permit.state().as_str())
        .bind(request_id.0)
        .bind(message_id.0)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(|row| row.try_get(0))
        .transpose()
        .map_err(Into::into)
}

/// A message's armored ciphertext for the delivery worker, which puts it into the notification
/// that names it.
pub async fn armored_for_delivery(
    tx: &mut Tx,
    _permit: &ChannelDuty,
    message_id: MessageId,
) -> Result<Option<String>> {
    let row = sqlx::query("SELECT armored FROM channel_messages WHERE id = $1")
        .bind(message_id.0)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(|row| row.try_get(0))
        .transpose()
        .map_err(Into::into)
}

/// Writes a leg's new times, only where they were empty in `old`: `false` when another
/// operation recorded one of them first (nothing is then changed).
pub async fn update_leg(
    tx: &mut Tx,
    _permit: &impl ChangeEnvelope,
    request_id: RequestId,
    state: &StateCode,
    old: &LegTimes,
    new: &LegTimes,
    acknowledged_by: Option<&str>,
) -> Result<bool> {
    let columns = [
        ("delivered_at", old.delivered_at, new.delivered_at),
        ("acknowledged_at", old.acknowledged_at, new.acknowledged_at),
        ("answered_at", old.answered_at, new.answered_at),
        ("closed_at", old.closed_at, new.closed_at),
        ("escalated_at", old.escalated_at, new.escalated_at),
    ];
    let changed: Vec<(&str, OffsetDateTime)> = columns
        .iter()
        .filter_map(|(name, was, now)| match (was, now) {
            (None, Some(at)) => Some((*name, *at)),
            _ => None,
        })
        .collect();
    if changed.is_empty() {
        return Ok(true);
    }
    let mut sets: Vec<String> = Vec::new();
    let mut guards: Vec<String> = Vec::new();
    for (i, (name, _)) in changed.iter().enumerate() {
        sets.push(format!("{name} = ${}", i + 3));
        guards.push(format!("{name} IS NULL"));
    }
    let by_index = changed.len() + 3;
    let ack_set = if changed.iter().any(|(name, _)| *name == "acknowledged_at") {
        format!(", acknowledged_by = ${by_index}")
    } else {
        String::new()
    };
    let sql = format!(
        "UPDATE channel_legs SET {}{ack_set} WHERE request_id = $1 AND state_code = $2 AND {}",
        sets.join(", "),
        guards.join(" AND ")
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(request_id.0)
        .bind(state.as_str());
    for (_, at) in &changed {
        query = query.bind(ts(*at));
    }
    if !ack_set.is_empty() {
        query = query.bind(acknowledged_by.unwrap_or_default().to_owned());
    }
    let done = query.execute(&mut **tx).await?;
    Ok(done.rows_affected() == 1)
}

/// Closes a request for every party (the sending State's close).
pub async fn close_request(
    tx: &mut Tx,
    _permit: &impl ChangeEnvelope,
    request_id: RequestId,
    now: OffsetDateTime,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE channel_requests SET closed_at = $1 WHERE id = $2 AND closed_at IS NULL",
    )
    .bind(ts(now))
    .bind(request_id.0)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records that an outbox message notifies a recipient State of a request.
pub async fn record_notification(
    tx: &mut Tx,
    _permit: &impl ChangeEnvelope,
    outbox_id: i64,
    request_id: RequestId,
    state: &StateCode,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO channel_notifications (outbox_id, request_id, state_code) VALUES ($1, $2, $3)",
    )
    .bind(outbox_id)
    .bind(request_id.0)
    .bind(state.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The request and recipient State an outbox message notified, if it was a notification.
pub async fn notification(
    tx: &mut Tx,
    _permit: &ChannelDuty,
    outbox_id: i64,
) -> Result<Option<(RequestId, StateCode)>> {
    let row = sqlx::query(
        "SELECT request_id, state_code FROM channel_notifications WHERE outbox_id = $1",
    )
    .bind(outbox_id)
    .fetch_optional(&mut **tx)
    .await?;
    match row {
        Some(row) => {
            let state: String = row.try_get("state_code")?;
            Ok(Some((RequestId(row.try_get("request_id")?), code(&state)?)))
        }
        None => Ok(None),
    }
}

/// A request by id for the server acting by itself (delivery, escalation).
pub async fn get_for_system(
    tx: &mut Tx,
    _permit: &ChannelDuty,
    id: RequestId,
) -> Result<Option<StoredRequest>> {
    let sql = format!("SELECT {REQUEST_COLUMNS} FROM channel_requests r WHERE r.id = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id.0)
        .fetch_optional(&mut **tx)
        .await?;
    match row {
        Some(row) => Ok(Some(complete(tx, request_from_row(&row)?).await?)),
        None => Ok(None),
    }
}

/// The requests with a leg past its deadline, open, unacknowledged and not escalated.
pub async fn escalations_due(
    tx: &mut Tx,
    _permit: &ChannelDuty,
    now: OffsetDateTime,
) -> Result<Vec<RequestId>> {
    let rows = sqlx::query(
        "SELECT DISTINCT request_id FROM channel_legs WHERE acknowledged_at IS NULL AND escalated_at IS NULL \
         AND closed_at IS NULL AND acknowledge_by <= $1 ORDER BY request_id",
    )
    .bind(ts(now))
    .fetch_all(&mut **tx)
    .await?;
    rows.iter()
        .map(|row| Ok(RequestId(row.try_get(0)?)))
        .collect()
}

/// Every request with its legs and message counts, for the statistics.
pub async fn all(tx: &mut Tx, _permit: &ChannelStats) -> Result<Vec<StoredRequest>> {
    let sql = format!("SELECT {REQUEST_COLUMNS} FROM channel_requests r ORDER BY r.id");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .fetch_all(&mut **tx)
        .await?;
    let mut out = Vec::new();
    for row in &rows {
        out.push(complete(tx, request_from_row(row)?).await?);
    }
    Ok(out)
}

/// Records (or changes) an account's feedback on a request.
pub async fn give_feedback(
    tx: &mut Tx,
    permit: &UseChannel,
    request_id: RequestId,
    account_id: AccountId,
    useful: bool,
    now: OffsetDateTime,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO channel_feedback (request_id, account_id, state_code, useful, given_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (request_id, account_id) DO UPDATE SET useful = excluded.useful, given_at = excluded.given_at",
    )
    .bind(request_id.0)
    .bind(account_id.0)
    .bind(permit.state().as_str())
    .bind(i64::from(useful))
    .bind(ts(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// How many protected messages the channel holds (envelopes only).
pub async fn count_messages(tx: &mut Tx, _permit: &ChannelStats) -> Result<i64> {
    let row = sqlx::query("SELECT COUNT(*) FROM channel_messages")
        .fetch_one(&mut **tx)
        .await?;
    Ok(row.try_get(0)?)
}

/// Feedback given: (useful, not useful).
pub async fn feedback_counts(tx: &mut Tx, _permit: &ChannelStats) -> Result<(u32, u32)> {
    let row = sqlx::query(
        "SELECT CAST(COALESCE(SUM(useful), 0) AS BIGINT) AS useful, COUNT(*) AS given FROM channel_feedback",
    )
    .fetch_one(&mut **tx)
    .await?;
    let useful: i64 = row.try_get("useful")?;
    let given: i64 = row.try_get("given")?;
    let useful = u32::try_from(useful).unwrap_or(0);
    Ok((
        useful,
        u32::try_from(given).unwrap_or(0).saturating_sub(useful),
    ))
}
