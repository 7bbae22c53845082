//! Communication checks (CBM 8 practice, "ping tests"): the manager challenges points of contact
//! and the results prove who answers, how fast, and with which proof. This module holds the
//! pure rules; launching (validation, targets, tokens, send times) is in [`launch`], the figures
//! (per State, response rate, percentiles, history, trends) in [`stats`].
//!
//! The rules, as decided:
//!
//! - **Launch.** A check names a scope (all participating States, the participating States of a
//!   region of the UN geoscheme, or a list of them), the levels
//!   (policy, technical or both), a response window of 1 to 336 hours, a spread of 0 hours up to
//!   half the window (rounded down) and a short English message (1 to 1000 characters after
//!   trimming; line breaks allowed, other control characters refused).
//! - **Targets.** Every active point of contact (not a national structure, not retired) of each
//!   State in scope at each requested level is challenged; contacts whose annual confirmation is
//!   overdue are challenged too, since the check is how one finds out whether they still work. A
//!   State with no such contact at a requested level gets a *no contact* target for that level,
//!   so it shows as not reached.
//! - **Challenges.** Each challenge carries a one-time token of 256 bits from the caller's random
//!   number generator, written in base64url without padding (43 characters); only the SHA-256 of
//!   the token, in hex, is stored. Each challenge is sent (queued to the outbox) at the launch
//!   time plus an offset drawn uniformly in whole seconds from `0..=spread`, so that no time zone
//!   always gets the challenge at night; with a spread of 0 every challenge goes out at launch.
//! - **Two windows.** A challenge's own window runs from its send time to its *deadline*, send
//!   time + response window, both ends included: an answer at the deadline itself is on time.
//!   The check's window runs from the launch to [`Check::closes_at`], launch + spread + response
//!   window, which is the latest deadline any of its challenges can have; the check is closed
//!   once `now` is past it.
//! - **On time and late.** Response time is counted from the challenge's own send time, never
//!   from the launch. An answer by the deadline is *on time*; an answer after the deadline while
//!   the check is still open is accepted and marked *late*. This is how the "late" result
//!   fits with "the link expires with the window": the link expires with the **check's** window.
//!   Late answers can only happen with a spread: a contact whose challenge went out early still
//!   has until the last challenge's deadline. With a spread of 0 every deadline is the check's
//!   close, and no answer can be late.
//! - **Frozen results.** Once the check is closed its results are immutable: answers are refused
//!   as expired, and nothing else (delivery failures, reminders) is recorded.
//! - **Answering** by the one-time link, in the app after logging in, or with an OpenPGP-signed
//!   reply (whose signature the caller has verified against the contact's registered key; the
//!   answer is then *key-verified*). Refusals change nothing, and are tried in this order: a
//!   token or account that is not this challenge's is *foreign*; a challenge not yet sent is
//!   *unknown* (nobody can hold its token yet); a challenge already answered is a *replay*; a
//!   closed check is *expired*.
//! - **Outcomes.** An answer decides the outcome (on time or late) even if the email bounced,
//!   since the contact was reached another way; without an answer a recorded delivery failure
//!   shows as *delivery failed*; otherwise the challenge is *pending* until its deadline and
//!   *no answer* after it. While the check is open, *no answer* may still become *late*; once it
//!   is closed every outcome is final. An outcome at a moment only sees what had happened by
//!   then, so live results can be replayed as they stood at any time.
//! - **Reminder.** A contact who has not answered halfway through its own window (send time +
//!   half the response window, included) gets one reminder, up to its deadline, unless its
//!   delivery already failed.
//! - **Figures** (see [`stats`]): a State is reached when every requested level has at least one
//!   contact who answered on time; the response rate counts every answer (on time or late) over
//!   the contacts challenged; the time-to-answer median and 90th percentile are nearest-rank
//!   values over the answers; a contact that missed (no answer or delivery failed) the last two
//!   closed checks it was challenged in is *unreachable*.

pub mod chart;
pub mod export;
pub mod launch;
pub mod signed;
pub mod stats;

use liaison_types::directory::Level;
use liaison_types::state::{Region, StateCode};
use time::{Duration, OffsetDateTime};

pub use liaison_types::id::{CheckId, ContactId};

/// Which participating States a check challenges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every participating State.
    All,
    /// The participating States of one region.
    Region(Region),
    /// The listed participating States (sorted, without duplicates once validated).
    States(Vec<StateCode>),
}

/// Which levels of points of contact a check challenges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Levels {
    Policy,
    Technical,
    Both,
}

impl Levels {
    /// The levels themselves, policy first.
    pub fn levels(self) -> &'static [Level] {
        match self {
            Levels::Policy => &[Level::Policy],
            Levels::Technical => &[Level::Technical],
            Levels::Both => &Level::ALL,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Levels::Policy => "policy",
            Levels::Technical => "technical",
            Levels::Both => "both",
        }
    }

    pub fn parse(input: &str) -> Result<Levels, String> {
        match input.trim() {
            "policy" => Ok(Levels::Policy),
            "technical" => Ok(Levels::Technical),
            "both" => Ok(Levels::Both),
            other => Err(format!(
                "unknown level '{other}' (policy, technical or both)"
            )),
        }
    }
}

/// A launched communication check, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub id: CheckId,
    pub scope: Scope,
    pub levels: Levels,
    pub window_hours: u32,
    pub spread_hours: u32,
    pub message: String,
    pub launched_at: OffsetDateTime,
}

impl Check {
    /// The response window every challenge has from its own send time.
    pub fn window(&self) -> Duration {
        Duration::hours(i64::from(self.window_hours))
    }

    /// The spread within which the challenges are sent.
    pub fn spread(&self) -> Duration {
        Duration::hours(i64::from(self.spread_hours))
    }

    /// The end of the check's window, included: launch + spread + response window, the latest
    /// deadline any of its challenges can have.
    pub fn closes_at(&self) -> OffsetDateTime {
        self.launched_at
            .saturating_add(self.spread())
            .saturating_add(self.window())
    }

    /// Whether the check is closed at `now` (strictly after [`Check::closes_at`]); its results
    /// are then final.
    pub fn is_closed(&self, now: OffsetDateTime) -> bool {
        now > self.closes_at()
    }

    /// The end of a challenge's own window, included: its send time + the response window.
    pub fn deadline(&self, challenge: &Challenge) -> OffsetDateTime {
        challenge.sent_at.saturating_add(self.window())
    }

    /// Halfway through a challenge's own window: the reminder goes out from then on.
    pub fn halfway(&self, challenge: &Challenge) -> OffsetDateTime {
        challenge
            .sent_at
            .saturating_add(Duration::minutes(i64::from(self.window_hours) * 30))
    }
}

/// One contact's challenge in a check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    pub contact: ContactId,
    pub state: StateCode,
    pub level: Level,
    /// SHA-256 of the token, lower-case hex ([`launch::token_hash`]). The token itself is never
    /// stored.
    pub token_hash: String,
    /// When the challenge is queued for this contact; its response time counts from here.
    pub sent_at: OffsetDateTime,
    pub reminded_at: Option<OffsetDateTime>,
    /// When the email was reported bounced or failed.
    pub delivery_failed_at: Option<OffsetDateTime>,
    pub answer: Option<Answered>,
}

impl Challenge {
    /// Whether the answer was an OpenPGP-signed reply verified against the registered key.
    pub fn key_verified(&self) -> bool {
        self.answer
            .is_some_and(|answer| answer.way == AnswerWay::SignedReply)
    }

    /// Time from this contact's own send time to its answer (never negative).
    pub fn response_time(&self) -> Option<Duration> {
        self.answer
            .map(|answer| (answer.at - self.sent_at).max(Duration::ZERO))
    }
}

/// How a challenge was answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnswerWay {
    /// The one-time link in the email, without logging in.
    Link,
    /// In the app, logged in as the contact.
    App,
    /// From the CLI, with a reply signed by the contact's registered OpenPGP key.
    SignedReply,
}

impl AnswerWay {
    pub fn as_str(self) -> &'static str {
        match self {
            AnswerWay::Link => "link",
            AnswerWay::App => "app",
            AnswerWay::SignedReply => "signed-reply",
        }
    }
}

/// An accepted answer, to record on the challenge (`challenge.answer = Some(answered)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answered {
    pub at: OffsetDateTime,
    pub way: AnswerWay,
}

/// What the answerer presents to prove it holds the challenge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proof<'a> {
    /// The one-time link: the SHA-256 hex of the token in it.
    Link { token_hash: &'a str },
    /// The app: the contact the logged-in account is.
    App { contact: ContactId },
    /// A reply carrying the token (its SHA-256 hex) whose OpenPGP signature the caller has
    /// verified against the contact's registered key.
    SignedReply { token_hash: &'a str },
}

/// Why an answer is refused. A refused answer changes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    /// No challenge has this token (returned by the store's lookup), or the challenge has not
    /// been sent yet, so nobody can hold its token.
    #[error("this link or token is not known; use the link from the latest challenge")]
    Unknown,
    /// The token or the account belongs to another challenge.
    #[error("this link or token belongs to another contact's challenge")]
    Foreign,
    /// The challenge was already answered; a token answers once.
    #[error("this challenge was already answered on {}", crate::clock::readable(*.0))]
    AlreadyAnswered(OffsetDateTime),
    /// The check closed at the given time; its results are final.
    #[error("this check closed on {}; its results are final and no answer is accepted", crate::clock::readable(*.0))]
    Expired(OffsetDateTime),
}

/// The result of one challenge at a given moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Not answered, its own window still open (or not sent yet).
    Pending,
    /// Answered by its deadline, after this response time.
    OnTime(Duration),
    /// Answered after its deadline but before the check closed, after this response time.
    Late(Duration),
    /// Its deadline passed without an answer.
    NoAnswer,
    /// The email bounced or could not be delivered, and no answer came.
    DeliveryFailed,
}

impl Outcome {
    /// Whether the contact answered, on time or late.
    pub fn answered(self) -> bool {
        matches!(self, Outcome::OnTime(_) | Outcome::Late(_))
    }

    /// Whether the contact missed the check (no answer or delivery failed).
    pub fn missed(self) -> bool {
        matches!(self, Outcome::NoAnswer | Outcome::DeliveryFailed)
    }

    /// The response time of an answer.
    pub fn response_time(self) -> Option<Duration> {
        match self {
            Outcome::OnTime(time) | Outcome::Late(time) => Some(time),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pending => "pending",
            Outcome::OnTime(_) => "on-time",
            Outcome::Late(_) => "late",
            Outcome::NoAnswer => "no-answer",
            Outcome::DeliveryFailed => "delivery-failed",
        }
    }
}

/// Accepts or refuses an answer to `challenge` of `check` at `now` (see the module doc for the
/// order of refusals). The caller records the accepted answer on the challenge.
pub fn answer(
    check: &Check,
    challenge: &Challenge,
    proof: Proof<'_>,
    now: OffsetDateTime,
) -> Result<Answered, AnswerError> {
    let (holds, way) = match proof {
        Proof::Link { token_hash } => (
            same_hash(token_hash, &challenge.token_hash),
            AnswerWay::Link,
        ),
        Proof::App { contact } => (contact == challenge.contact, AnswerWay::App),
        Proof::SignedReply { token_hash } => (
            same_hash(token_hash, &challenge.token_hash),
            AnswerWay::SignedReply,
        ),
    };
    if !holds {
        return Err(AnswerError::Foreign);
    }
    if now < challenge.sent_at {
        return Err(AnswerError::Unknown);
    }
    if let Some(previous) = challenge.answer {
        return Err(AnswerError::AlreadyAnswered(previous.at));
    }
    if check.is_closed(now) {
        return Err(AnswerError::Expired(check.closes_at()));
    }
    Ok(Answered { at: now, way })
}

/// The first instant after `now` at which a figure of `check` computed at `now` may differ:
/// a challenge's deadline passing (its outcome turns from pending to no answer), an answer or a
/// failed delivery recorded with a later time becoming visible, the check closing. `None` when
/// nothing the check's figures show changes with time any more. What is computed from a check
/// at `now` holds, with the same data, until then.
pub fn next_change<'a>(
    check: &Check,
    challenges: impl IntoIterator<Item = &'a Challenge>,
    now: OffsetDateTime,
) -> Option<OffsetDateTime> {
    // "Strictly after" moments change the figures one instant later.
    let after = |at: OffsetDateTime| at.saturating_add(Duration::nanoseconds(1));
    let mut moments = vec![after(check.closes_at())];
    for challenge in challenges {
        moments.push(after(check.deadline(challenge)));
        moments.extend(challenge.answer.map(|answer| answer.at));
        moments.extend(challenge.delivery_failed_at);
    }
    moments.into_iter().filter(|at| *at > now).min()
}

/// The outcome of `challenge` at `now`, from what had happened by then: an answer or delivery
/// failure recorded after `now` is not seen, so results can be shown as they stood at any time.
pub fn outcome(check: &Check, challenge: &Challenge, now: OffsetDateTime) -> Outcome {
    let answer = challenge.answer.filter(|answer| answer.at <= now);
    match (answer, challenge.response_time()) {
        (Some(answer), Some(time)) if answer.at <= check.deadline(challenge) => {
            Outcome::OnTime(time)
        }
        (Some(_), Some(time)) => Outcome::Late(time),
        _ if challenge.delivery_failed_at.is_some_and(|at| at <= now) => Outcome::DeliveryFailed,
        _ if now <= check.deadline(challenge) => Outcome::Pending,
        _ => Outcome::NoAnswer,
    }
}

/// Whether `challenge` needs its one reminder at `now`: not answered, not reminded, delivery not
/// failed, and `now` between halfway through its own window and its deadline (both included).
pub fn reminder_due(check: &Check, challenge: &Challenge, now: OffsetDateTime) -> bool {
    challenge.answer.is_none()
        && challenge.reminded_at.is_none()
        && challenge.delivery_failed_at.is_none()
        && check.halfway(challenge) <= now
        && now <= check.deadline(challenge)
}

/// Whether a bounce or failed delivery reported at `now` may still be recorded on `challenge`:
/// only once, and only while the check is open (its results are final after).
pub fn may_record_delivery_failure(
    check: &Check,
    challenge: &Challenge,
    now: OffsetDateTime,
) -> bool {
    challenge.delivery_failed_at.is_none() && !check.is_closed(now)
}

/// Compares two token hashes in time independent of where they differ.
fn same_hash(given: &str, stored: &str) -> bool {
    given.len() == stored.len()
        && given
            .bytes()
            .zip(stored.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
