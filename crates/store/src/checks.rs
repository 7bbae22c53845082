//! Communication checks: a check, its targets, one challenge per contact and the tokens that
//! answer it. Only SHA-256 hashes of tokens are stored. A challenge's answer, reminder and
//! delivery failure are each recorded once (`… IS NULL` guards), so two servers racing on the
//! same challenge cannot record it twice.

use crate::{Result, Tx, corrupt, parse_ts, ts};
use liaison_core::access::{AnswerCheck, LaunchCheck, ReadChecks};
use liaison_core::checks::launch::Target;
use liaison_core::checks::{
    AnswerWay, Answered, Challenge, Check, CheckId, ContactId, Levels, Scope,
};
use liaison_types::directory::Level;
use liaison_types::state::{Region, StateCode};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

/// A stored check and who launched it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCheck {
    pub check: Check,
    pub launched_by: String,
}

/// A stored challenge with what the rules do not need: its id, the contact's name and address
/// as they were when it was sent, and the outbox messages that carried it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredChallenge {
    pub id: i64,
    pub check_id: i64,
    /// `challenge.token_hash` is the hash of the token it was found by ([`by_token`]), empty
    /// when it was read otherwise.
    pub challenge: Challenge,
    pub contact_name: String,
    pub email: String,
    pub outbox_id: Option<i64>,
    pub reminder_outbox_id: Option<i64>,
    pub delivery_error: Option<String>,
    pub answered_by: Option<String>,
}

fn scope_columns(scope: &Scope) -> (&'static str, Option<&'static str>, String) {
    match scope {
        Scope::All => ("all", None, String::new()),
        Scope::Region(region) => ("region", Some(region.as_str()), String::new()),
        Scope::States(codes) => (
            "states",
            None,
            codes
                .iter()
                .map(StateCode::as_str)
                .collect::<Vec<_>>()
                .join(" "),
        ),
    }
}

fn check_from_row(row: &AnyRow) -> Result<StoredCheck> {
    let scope: String = row.try_get("scope")?;
    let region: Option<String> = row.try_get("scope_region")?;
    let states: String = row.try_get("scope_states")?;
    let scope = match scope.as_str() {
        "all" => Scope::All,
        "region" => {
            Scope::Region(Region::parse(region.as_deref().unwrap_or_default()).map_err(corrupt)?)
        }
        "states" => Scope::States(
            states
                .split_whitespace()
                .map(StateCode::parse)
                .collect::<std::result::Result<_, _>>()
                .map_err(corrupt)?,
        ),
        other => return Err(corrupt(format!("check scope '{other}'"))),
    };
    let levels: String = row.try_get("levels")?;
    let launched_at: String = row.try_get("launched_at")?;
    let hours = |name: &str| -> Result<u32> {
        let value: i64 = row.try_get(name)?;
        u32::try_from(value).map_err(|_| corrupt(format!("{name} {value}")))
    };
    Ok(StoredCheck {
        check: Check {
            id: CheckId(row.try_get("id")?),
            scope,
            levels: Levels::parse(&levels).map_err(corrupt)?,
            window_hours: hours("window_hours")?,
            spread_hours: hours("spread_hours")?,
            message: row.try_get("message")?,
            launched_at: parse_ts(&launched_at)?,
        },
        launched_by: row.try_get("launched_by")?,
    })
}

const CHECK_COLUMNS: &str = "id, scope, scope_region, scope_states, levels, window_hours, spread_hours, message, launched_at, launched_by";

/// Stores a check launched by `launched_by`; returns its id.
pub async fn insert(
    tx: &mut Tx,
    _permit: &LaunchCheck,
    check: &Check,
    launched_by: &str,
) -> Result<i64> {
    let (scope, region, states) = scope_columns(&check.scope);
    let row = sqlx::query(
        "INSERT INTO checks (scope, scope_region, scope_states, levels, window_hours, spread_hours, message, launched_at, launched_by, closes_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(scope)
    .bind(region)
    .bind(states)
    .bind(check.levels.as_str())
    .bind(i64::from(check.window_hours))
    .bind(i64::from(check.spread_hours))
    .bind(&check.message)
    .bind(ts(check.launched_at))
    .bind(launched_by)
    .bind(ts(check.closes_at()))
    .fetch_one(&mut **tx)
    .await?;
    Ok(row.try_get(0)?)
}

/// Stores the targets of a check, in order.
pub async fn insert_targets(
    tx: &mut Tx,
    _permit: &LaunchCheck,
    check_id: i64,
    targets: &[Target],
) -> Result<()> {
    for (seq, target) in targets.iter().enumerate() {
        sqlx::query(
            "INSERT INTO check_targets (check_id, seq, state_code, level, contact_id) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(check_id)
        .bind(i64::try_from(seq).unwrap_or(i64::MAX))
        .bind(target.state.as_str())
        .bind(target.level.as_str())
        .bind(target.contact.map(|c| c.0))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// What a challenge is sent to, and the outbox message that carries it.
#[derive(Debug, Clone, Copy)]
pub struct Addressee<'a> {
    pub contact_name: &'a str,
    pub email: &'a str,
    pub outbox_id: Option<i64>,
}

/// Stores a challenge and the hash of its first token; returns the challenge's id.
pub async fn insert_challenge(
    tx: &mut Tx,
    permit: &LaunchCheck,
    check_id: i64,
    challenge: &Challenge,
    to: Addressee<'_>,
    issued_at: OffsetDateTime,
) -> Result<i64> {
    let row = sqlx::query(
        "INSERT INTO check_challenges (check_id, contact_id, state_code, level, contact_name, email, sent_at, outbox_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(check_id)
    .bind(challenge.contact.0)
    .bind(challenge.state.as_str())
    .bind(challenge.level.as_str())
    .bind(to.contact_name)
    .bind(to.email)
    .bind(ts(challenge.sent_at))
    .bind(to.outbox_id)
    .fetch_one(&mut **tx)
    .await?;
    let id: i64 = row.try_get(0)?;
    insert_token(tx, permit, id, &challenge.token_hash, issued_at).await?;
    Ok(id)
}

/// Stores another token of a challenge (the one a reminder carries).
pub async fn insert_token(
    tx: &mut Tx,
    _permit: &LaunchCheck,
    challenge_id: i64,
    token_hash: &str,
    issued_at: OffsetDateTime,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO check_tokens (token_hash, challenge_id, issued_at) VALUES ($1, $2, $3)",
    )
    .bind(token_hash)
    .bind(challenge_id)
    .bind(ts(issued_at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Checks, newest first: up to `limit` launched before the check `before` (every check when
/// `None`).
pub async fn list(
    tx: &mut Tx,
    _permit: &ReadChecks,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<StoredCheck>> {
    let sql = format!("SELECT {CHECK_COLUMNS} FROM checks WHERE id < $1 ORDER BY id DESC LIMIT $2");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(before.unwrap_or(i64::MAX))
        .bind(limit)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(check_from_row).collect()
}

pub async fn get(tx: &mut Tx, _permit: &ReadChecks, id: i64) -> Result<Option<StoredCheck>> {
    let sql = format!("SELECT {CHECK_COLUMNS} FROM checks WHERE id = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    row.as_ref().map(check_from_row).transpose()
}

/// Checks still open at `now` (their window ends at or after it).
pub async fn open(
    tx: &mut Tx,
    _permit: &ReadChecks,
    now: OffsetDateTime,
) -> Result<Vec<StoredCheck>> {
    let sql = format!("SELECT {CHECK_COLUMNS} FROM checks WHERE closes_at >= $1 ORDER BY id");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(ts(now))
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(check_from_row).collect()
}

fn target_from_row(row: &AnyRow) -> Result<(i64, Target)> {
    let state: String = row.try_get("state_code")?;
    let level: String = row.try_get("level")?;
    let contact: Option<i64> = row.try_get("contact_id")?;
    Ok((
        row.try_get("check_id")?,
        Target {
            state: StateCode::parse(&state).map_err(corrupt)?,
            level: Level::parse(&level).map_err(corrupt)?,
            contact: contact.map(ContactId),
        },
    ))
}

const TARGET_COLUMNS: &str = "check_id, state_code, level, contact_id";

/// The targets of a check, in order.
pub async fn targets(tx: &mut Tx, _permit: &ReadChecks, check_id: i64) -> Result<Vec<Target>> {
    let sql =
        format!("SELECT {TARGET_COLUMNS} FROM check_targets WHERE check_id = $1 ORDER BY seq");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(check_id)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter()
        .map(|row| target_from_row(row).map(|(_, target)| target))
        .collect()
}

/// The targets of every check with their check's id, or only those of one State.
pub async fn targets_of(
    tx: &mut Tx,
    _permit: &ReadChecks,
    state: Option<&StateCode>,
) -> Result<Vec<(i64, Target)>> {
    let rows = match state {
        Some(code) => {
            let sql = format!(
                "SELECT {TARGET_COLUMNS} FROM check_targets WHERE state_code = $1 ORDER BY check_id, seq"
            );
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(code.as_str())
                .fetch_all(&mut **tx)
                .await?
        }
        None => {
            let sql = format!("SELECT {TARGET_COLUMNS} FROM check_targets ORDER BY check_id, seq");
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .fetch_all(&mut **tx)
                .await?
        }
    };
    rows.iter().map(target_from_row).collect()
}

const CHALLENGE_COLUMNS: &str = "c.id, c.check_id, c.contact_id, c.state_code, c.level, c.contact_name, c.email, c.sent_at, \
     c.outbox_id, c.reminded_at, c.reminder_outbox_id, c.delivery_failed_at, c.delivery_error, c.answered_at, c.answer_way, c.answered_by";

fn challenge_from_row(row: &AnyRow, token_hash: String) -> Result<StoredChallenge> {
    let state: String = row.try_get("state_code")?;
    let level: String = row.try_get("level")?;
    let sent_at: String = row.try_get("sent_at")?;
    let optional_ts = |name: &str| -> Result<Option<OffsetDateTime>> {
        let text: Option<String> = row.try_get(name)?;
        text.as_deref().map(parse_ts).transpose()
    };
    let way: Option<String> = row.try_get("answer_way")?;
    let answer = match (optional_ts("answered_at")?, way.as_deref()) {
        (Some(at), Some(way)) => Some(Answered {
            at,
            way: match way {
                "link" => AnswerWay::Link,
                "app" => AnswerWay::App,
                "signed-reply" => AnswerWay::SignedReply,
                other => return Err(corrupt(format!("answer way '{other}'"))),
            },
        }),
        (None, None) => None,
        _ => return Err(corrupt("an answer without its time or way")),
    };
    Ok(StoredChallenge {
        id: row.try_get("id")?,
        check_id: row.try_get("check_id")?,
        challenge: Challenge {
            contact: ContactId(row.try_get("contact_id")?),
            state: StateCode::parse(&state).map_err(corrupt)?,
            level: Level::parse(&level).map_err(corrupt)?,
            token_hash,
            sent_at: parse_ts(&sent_at)?,
            reminded_at: optional_ts("reminded_at")?,
            delivery_failed_at: optional_ts("delivery_failed_at")?,
            answer,
        },
        contact_name: row.try_get("contact_name")?,
        email: row.try_get("email")?,
        outbox_id: row.try_get("outbox_id")?,
        reminder_outbox_id: row.try_get("reminder_outbox_id")?,
        delivery_error: row.try_get("delivery_error")?,
        answered_by: row.try_get("answered_by")?,
    })
}

async fn challenges_where(tx: &mut Tx, filter: &str, value: i64) -> Result<Vec<StoredChallenge>> {
    let sql = format!(
        "SELECT {CHALLENGE_COLUMNS} FROM check_challenges c WHERE {filter} = $1 ORDER BY c.check_id, c.state_code, c.level, c.contact_id"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(value)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter()
        .map(|row| challenge_from_row(row, String::new()))
        .collect()
}

/// The challenges of a check, by State, level and contact.
pub async fn challenges(
    tx: &mut Tx,
    _permit: &ReadChecks,
    check_id: i64,
) -> Result<Vec<StoredChallenge>> {
    challenges_where(tx, "c.check_id", check_id).await
}

/// Every challenge of every check, or of one State's contacts only, for the directory's columns.
pub async fn challenges_of(
    tx: &mut Tx,
    _permit: &ReadChecks,
    state: Option<&StateCode>,
) -> Result<Vec<StoredChallenge>> {
    match state {
        Some(code) => {
            let sql = format!(
                "SELECT {CHALLENGE_COLUMNS} FROM check_challenges c WHERE c.state_code = $1 ORDER BY c.check_id, c.level, c.contact_id"
            );
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(code.as_str())
                .fetch_all(&mut **tx)
                .await?;
            rows.iter()
                .map(|row| challenge_from_row(row, String::new()))
                .collect()
        }
        None => challenges_where(tx, "1", 1).await,
    }
}

/// The challenges of one contact across checks.
pub async fn of_contact(
    tx: &mut Tx,
    _permit: &ReadChecks,
    contact_id: i64,
) -> Result<Vec<StoredChallenge>> {
    challenges_where(tx, "c.contact_id", contact_id).await
}

/// A challenge by id.
pub async fn challenge(
    tx: &mut Tx,
    _permit: &ReadChecks,
    id: i64,
) -> Result<Option<StoredChallenge>> {
    Ok(challenges_where(tx, "c.id", id).await?.into_iter().next())
}

/// The challenge a token answers, with `challenge.token_hash` set to that token's hash.
pub async fn by_token(
    tx: &mut Tx,
    _permit: &ReadChecks,
    token_hash: &str,
) -> Result<Option<StoredChallenge>> {
    let sql = format!(
        "SELECT {CHALLENGE_COLUMNS} FROM check_tokens t JOIN check_challenges c ON c.id = t.challenge_id WHERE t.token_hash = $1"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(token_hash)
        .fetch_optional(&mut **tx)
        .await?;
    row.as_ref()
        .map(|row| challenge_from_row(row, token_hash.to_owned()))
        .transpose()
}

/// The challenge an outbox message carried (as the challenge or as its reminder).
pub async fn by_outbox(
    tx: &mut Tx,
    _permit: &ReadChecks,
    outbox_id: i64,
) -> Result<Option<StoredChallenge>> {
    let sql = format!(
        "SELECT {CHALLENGE_COLUMNS} FROM check_challenges c WHERE c.outbox_id = $1 OR c.reminder_outbox_id = $1"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(outbox_id)
        .fetch_optional(&mut **tx)
        .await?;
    row.as_ref()
        .map(|row| challenge_from_row(row, String::new()))
        .transpose()
}

/// Records an accepted answer, unless one is already recorded; returns whether it was.
pub async fn record_answer(
    tx: &mut Tx,
    _permit: &AnswerCheck,
    challenge_id: i64,
    answered: Answered,
    answered_by: &str,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE check_challenges SET answered_at = $1, answer_way = $2, answered_by = $3 WHERE id = $4 AND answered_at IS NULL",
    )
    .bind(ts(answered.at))
    .bind(answered.way.as_str())
    .bind(answered_by)
    .bind(challenge_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records the reminder sent with `outbox_id`, unless one is already recorded.
pub async fn record_reminder(
    tx: &mut Tx,
    _permit: &LaunchCheck,
    challenge_id: i64,
    at: OffsetDateTime,
    outbox_id: i64,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE check_challenges SET reminded_at = $1, reminder_outbox_id = $2 WHERE id = $3 AND reminded_at IS NULL",
    )
    .bind(ts(at))
    .bind(outbox_id)
    .bind(challenge_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records that the challenge's email could not be delivered, unless already recorded.
pub async fn record_delivery_failure(
    tx: &mut Tx,
    _permit: &LaunchCheck,
    challenge_id: i64,
    at: OffsetDateTime,
    error: &str,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE check_challenges SET delivery_failed_at = $1, delivery_error = $2 WHERE id = $3 AND delivery_failed_at IS NULL",
    )
    .bind(ts(at))
    .bind(error)
    .bind(challenge_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}
