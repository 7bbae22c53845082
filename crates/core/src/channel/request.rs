//! A request's rules apart from its keys: who it may be addressed to, when each recipient State
//! must acknowledge it, where each recipient State's leg stands, which transitions are allowed,
//! when it escalates, and the metadata statistics the network manager sees.
//!
//! Rules:
//! - A request goes from a participating State to one or more other participating States, each
//!   named once; its content is in an official OSCE language.
//! - Each recipient State has a leg: sent → delivered → acknowledged → answered → closed. The
//!   status is the furthest step reached, read from the leg's times, so it never goes back. A
//!   reply answers the replying State's leg (and acknowledges it if it was not). A closed leg
//!   takes no acknowledgement or reply; the sending State closing the request closes every leg.
//! - A leg must be acknowledged by the sent time plus the deadline of the request's urgency. A
//!   leg past that deadline, unacknowledged, open and not yet escalated, escalates once to the
//!   recipient State's policy-level contacts; the sending State may escalate any unacknowledged
//!   leg earlier.

use crate::checks::stats::percentile;
use crate::reference::OFFICIAL_LANGUAGES;
use liaison_types::channel::{LegStatus, RequestKind, Urgency};
use liaison_types::directory::Level;
use liaison_types::state::{State, StateCode, StateStatus};
use std::collections::{BTreeMap, BTreeSet};
use time::{Duration, OffsetDateTime};

/// The acknowledgement deadline of each urgency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadlines {
    pub routine: Duration,
    pub priority: Duration,
    pub urgent: Duration,
}

impl Default for Deadlines {
    /// Three days, one day, two hours.
    fn default() -> Self {
        Deadlines {
            routine: Duration::hours(72),
            priority: Duration::hours(24),
            urgent: Duration::hours(2),
        }
    }
}

impl Deadlines {
    pub fn of(&self, urgency: Urgency) -> Duration {
        match urgency {
            Urgency::Routine => self.routine,
            Urgency::Priority => self.priority,
            Urgency::Urgent => self.urgent,
        }
    }

    /// When a request sent at `sent_at` must be acknowledged by.
    pub fn acknowledge_by(&self, urgency: Urgency, sent_at: OffsetDateTime) -> OffsetDateTime {
        sent_at + self.of(urgency)
    }
}

/// What is wrong with a field of a request, named for the message catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    /// The State sent [`MAX_SENT_PER_DAY`] messages (requests and replies) in the last day.
    TooManySent {
        max: usize,
    },
    /// The State's messages of the last day took [`MAX_SENT_BYTES_PER_DAY`].
    TooMuchSent {
        max_mib: u64,
    },
    NoRecipients,
    OwnState,
    Repeated(StateCode),
    NotParticipating(StateCode),
    Unknown(StateCode),
    Language(String),
}

/// Messages (requests and replies) one State may send in a day by default: far above what a
/// crisis needs (a State answering every other participating State twice), far below a flood
/// of the other States' mailboxes.
pub const MAX_SENT_PER_DAY: usize = 300;

/// Bytes of messages one State may send in a day by default (what it adds for good: messages
/// stay).
pub const MAX_SENT_BYTES_PER_DAY: u64 = 200 * 1024 * 1024;

/// What one State may send in a day (the server's configuration sets it; the defaults above
/// unless it does).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DailyBudget {
    pub messages: usize,
    pub bytes: u64,
}

impl Default for DailyBudget {
    fn default() -> Self {
        DailyBudget {
            messages: MAX_SENT_PER_DAY,
            bytes: MAX_SENT_BYTES_PER_DAY,
        }
    }
}

/// Whether a State that sent `sent` messages of `bytes` in the last day may send one of `more`
/// bytes within `budget`.
pub fn check_sent_today(
    budget: DailyBudget,
    sent: usize,
    bytes: u64,
    more: u64,
) -> Result<(), Invalid> {
    if sent >= budget.messages {
        Err(Invalid::TooManySent {
            max: budget.messages,
        })
    } else if bytes.saturating_add(more) > budget.bytes {
        Err(Invalid::TooMuchSent {
            max_mib: budget.bytes / (1024 * 1024),
        })
    } else {
        Ok(())
    }
}

impl crate::wording::Worded for Invalid {
    fn message_id(&self) -> &'static str {
        match self {
            Invalid::TooManySent { .. } => "invalid-request-too-many-sent",
            Invalid::TooMuchSent { .. } => "invalid-request-too-much-sent",
            Invalid::NoRecipients => "invalid-request-no-recipients",
            Invalid::OwnState => "invalid-request-own-state",
            Invalid::Repeated(_) => "invalid-request-repeated",
            Invalid::NotParticipating(_) => "invalid-check-not-participating",
            Invalid::Unknown(_) => "invalid-request-unknown-state",
            Invalid::Language(_) => "invalid-request-language",
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            Invalid::Repeated(code) | Invalid::NotParticipating(code) | Invalid::Unknown(code) => {
                vec![("value", code.to_string())]
            }
            Invalid::Language(value) => vec![("value", value.clone())],
            Invalid::TooManySent { max } => vec![("max", max.to_string())],
            Invalid::TooMuchSent { max_mib } => vec![("max", max_mib.to_string())],
            _ => Vec::new(),
        }
    }
}

/// Field (`to`, `language`) → what is wrong with it.
pub type Problems = BTreeMap<String, Invalid>;

/// Checks a request's recipients and language; the recipients in the order given.
pub fn validate(
    sender: &StateCode,
    to: &[StateCode],
    language: &str,
    states: &[State],
) -> Result<Vec<StateCode>, Problems> {
    let mut problems = Problems::new();
    let mut seen = BTreeSet::new();
    for code in to {
        let problem = match states.iter().find(|s| &s.code == code) {
            _ if code == sender => Some(Invalid::OwnState),
            None => Some(Invalid::Unknown(code.clone())),
            Some(state) if state.status != StateStatus::Participating => {
                Some(Invalid::NotParticipating(code.clone()))
            }
            Some(_) if !seen.insert(code.clone()) => Some(Invalid::Repeated(code.clone())),
            Some(_) => None,
        };
        if let Some(problem) = problem {
            problems.entry("to".to_owned()).or_insert(problem);
        }
    }
    if to.is_empty() {
        problems.insert("to".to_owned(), Invalid::NoRecipients);
    }
    if !OFFICIAL_LANGUAGES.contains(&language) {
        problems.insert(
            "language".to_owned(),
            Invalid::Language(language.to_owned()),
        );
    }
    if problems.is_empty() {
        Ok(to.to_vec())
    } else {
        Err(problems)
    }
}

/// The times of one recipient State's leg.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LegTimes {
    pub sent_at: OffsetDateTime,
    pub acknowledge_by: OffsetDateTime,
    pub delivered_at: Option<OffsetDateTime>,
    pub acknowledged_at: Option<OffsetDateTime>,
    pub answered_at: Option<OffsetDateTime>,
    pub closed_at: Option<OffsetDateTime>,
    pub escalated_at: Option<OffsetDateTime>,
}

impl LegTimes {
    /// A leg just sent.
    pub fn sent(sent_at: OffsetDateTime, acknowledge_by: OffsetDateTime) -> LegTimes {
        LegTimes {
            sent_at,
            acknowledge_by,
            delivered_at: None,
            acknowledged_at: None,
            answered_at: None,
            closed_at: None,
            escalated_at: None,
        }
    }

    /// The furthest step reached.
    pub fn status(&self) -> LegStatus {
        if self.closed_at.is_some() {
            LegStatus::Closed
        } else if self.answered_at.is_some() {
            LegStatus::Answered
        } else if self.acknowledged_at.is_some() {
            LegStatus::Acknowledged
        } else if self.delivered_at.is_some() {
            LegStatus::Delivered
        } else {
            LegStatus::Sent
        }
    }

    /// Past its deadline, open and unacknowledged.
    pub fn overdue(&self, now: OffsetDateTime) -> bool {
        self.acknowledged_at.is_none() && self.closed_at.is_none() && now >= self.acknowledge_by
    }

    /// Whether the scheduler escalates it now: overdue and not escalated yet.
    pub fn escalation_due(&self, now: OffsetDateTime) -> bool {
        self.overdue(now) && self.escalated_at.is_none()
    }

    /// How long it took to acknowledge, if it was.
    pub fn time_to_acknowledge(&self) -> Option<Duration> {
        self.acknowledged_at.map(|at| at - self.sent_at)
    }
}

/// Why a transition is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("the request is closed for this State")]
    Closed,
    #[error("this State has already acknowledged the request")]
    AlreadyAcknowledged,
    #[error("this State has already acknowledged the request; there is nothing to escalate")]
    NothingToEscalate,
    #[error("the request was already escalated to this State's policy level; a leg escalates once")]
    AlreadyEscalated,
}

/// Marks the leg delivered (a notification reached the relay, or an account of the State
/// opened the thread); `false` when it already was, or is closed.
pub fn deliver(leg: &mut LegTimes, now: OffsetDateTime) -> bool {
    if leg.delivered_at.is_some() || leg.closed_at.is_some() {
        return false;
    }
    leg.delivered_at = Some(now);
    true
}

/// The recipient State acknowledges: it has the request and is on it.
pub fn acknowledge(leg: &mut LegTimes, now: OffsetDateTime) -> Result<(), Refused> {
    if leg.closed_at.is_some() {
        return Err(Refused::Closed);
    }
    if leg.acknowledged_at.is_some() {
        return Err(Refused::AlreadyAcknowledged);
    }
    leg.acknowledged_at = Some(now);
    leg.delivered_at.get_or_insert(now);
    Ok(())
}

/// The recipient State replied in the thread: answered (and acknowledged if it was not).
pub fn answer(leg: &mut LegTimes, now: OffsetDateTime) -> Result<(), Refused> {
    if leg.closed_at.is_some() {
        return Err(Refused::Closed);
    }
    leg.delivered_at.get_or_insert(now);
    leg.acknowledged_at.get_or_insert(now);
    leg.answered_at.get_or_insert(now);
    Ok(())
}

/// The leg is closed (by its State, or by the sender for every leg).
pub fn close(leg: &mut LegTimes, now: OffsetDateTime) -> Result<(), Refused> {
    if leg.closed_at.is_some() {
        return Err(Refused::Closed);
    }
    leg.closed_at = Some(now);
    Ok(())
}

/// Escalation, by the scheduler past the deadline or earlier on the sender's demand: once per
/// leg (a second escalation would only mail the same people again).
pub fn escalate(leg: &mut LegTimes, now: OffsetDateTime) -> Result<(), Refused> {
    if leg.closed_at.is_some() {
        return Err(Refused::Closed);
    }
    if leg.acknowledged_at.is_some() {
        return Err(Refused::NothingToEscalate);
    }
    if leg.escalated_at.is_some() {
        return Err(Refused::AlreadyEscalated);
    }
    leg.escalated_at = Some(now);
    Ok(())
}

/// The envelope fields the statistics count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Envelope {
    pub kind: RequestKind,
    pub urgency: Urgency,
    pub level: Level,
    pub messages: u32,
}

/// The channel's metadata statistics.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Stats {
    pub requests: u32,
    pub messages: u32,
    pub legs: u32,
    pub by_kind: BTreeMap<RequestKind, u32>,
    pub by_urgency: BTreeMap<Urgency, u32>,
    pub by_level: BTreeMap<&'static str, u32>,
    pub acknowledged: u32,
    pub acknowledged_on_time: u32,
    pub escalated: u32,
    pub median_acknowledge: Option<Duration>,
    pub p90_acknowledge: Option<Duration>,
}

/// Counts requests by kind, urgency and level, and the time their legs took to be acknowledged.
pub fn stats<'a>(requests: impl IntoIterator<Item = (&'a Envelope, &'a [LegTimes])>) -> Stats {
    let mut stats = Stats::default();
    let mut times = Vec::new();
    for (envelope, legs) in requests {
        stats.requests += 1;
        stats.messages += envelope.messages;
        *stats.by_kind.entry(envelope.kind).or_default() += 1;
        *stats.by_urgency.entry(envelope.urgency).or_default() += 1;
        *stats.by_level.entry(envelope.level.as_str()).or_default() += 1;
        for leg in legs {
            stats.legs += 1;
            if leg.escalated_at.is_some() {
                stats.escalated += 1;
            }
            if let (Some(at), Some(took)) = (leg.acknowledged_at, leg.time_to_acknowledge()) {
                stats.acknowledged += 1;
                if at <= leg.acknowledge_by {
                    stats.acknowledged_on_time += 1;
                }
                times.push(took);
            }
        }
    }
    stats.median_acknowledge = percentile(&times, 50);
    stats.p90_acknowledge = percentile(&times, 90);
    stats
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::datetime;

    const T: OffsetDateTime = datetime!(2026-12-01 09:00 UTC);

    fn code(text: &str) -> StateCode {
        StateCode::parse(text).unwrap()
    }

    fn leg() -> LegTimes {
        LegTimes::sent(T, T + Duration::hours(2))
    }

    #[test]
    fn deadlines_follow_the_urgency() {
        let d = Deadlines::default();
        assert_eq!(d.acknowledge_by(Urgency::Urgent, T), T + Duration::hours(2));
        assert_eq!(
            d.acknowledge_by(Urgency::Priority, T),
            T + Duration::hours(24)
        );
        assert_eq!(
            d.acknowledge_by(Urgency::Routine, T),
            T + Duration::hours(72)
        );
    }

    #[test]
    fn recipients_are_other_participating_states_named_once() {
        let states = crate::reference::states().unwrap();
        let deu = code("DEU");
        assert_eq!(
            validate(&deu, &[code("AUT"), code("EST")], "en", &states),
            Ok(vec![code("AUT"), code("EST")])
        );
        let problems = validate(&deu, &[], "xx", &states).unwrap_err();
        assert_eq!(problems["to"], Invalid::NoRecipients);
        assert_eq!(problems["language"], Invalid::Language("xx".into()));
        assert_eq!(
            validate(&deu, &[code("DEU")], "en", &states).unwrap_err()["to"],
            Invalid::OwnState
        );
        assert_eq!(
            validate(&deu, &[code("AUT"), code("AUT")], "fr", &states).unwrap_err()["to"],
            Invalid::Repeated(code("AUT"))
        );
        assert_eq!(
            validate(&deu, &[code("JPN")], "ru", &states).unwrap_err()["to"],
            Invalid::NotParticipating(code("JPN"))
        );
        assert_eq!(
            validate(&deu, &[code("BRA")], "es", &states).unwrap_err()["to"],
            Invalid::Unknown(code("BRA"))
        );
    }

    #[test]
    fn a_reply_acknowledges_and_answers() {
        let mut leg = leg();
        assert_eq!(leg.status(), LegStatus::Sent);
        assert!(deliver(&mut leg, T + Duration::minutes(1)));
        assert!(!deliver(&mut leg, T + Duration::minutes(2)));
        assert_eq!(leg.status(), LegStatus::Delivered);
        answer(&mut leg, T + Duration::minutes(30)).unwrap();
        assert_eq!(leg.status(), LegStatus::Answered);
        assert_eq!(leg.acknowledged_at, Some(T + Duration::minutes(30)));
        assert_eq!(leg.time_to_acknowledge(), Some(Duration::minutes(30)));
        assert_eq!(
            acknowledge(&mut leg, T + Duration::hours(1)),
            Err(Refused::AlreadyAcknowledged)
        );
    }

    #[test]
    fn a_closed_leg_takes_nothing_more() {
        let mut leg = leg();
        close(&mut leg, T).unwrap();
        assert_eq!(acknowledge(&mut leg, T), Err(Refused::Closed));
        assert_eq!(answer(&mut leg, T), Err(Refused::Closed));
        assert_eq!(escalate(&mut leg, T), Err(Refused::Closed));
        assert_eq!(close(&mut leg, T), Err(Refused::Closed));
        assert!(!deliver(&mut leg, T));
        assert!(!leg.overdue(T + Duration::days(9)));
    }

    #[test]
    fn escalation_is_due_once_past_the_deadline() {
        let mut leg = leg();
        assert!(!leg.escalation_due(T + Duration::minutes(119)));
        assert!(leg.escalation_due(T + Duration::hours(2)));
        escalate(&mut leg, T + Duration::hours(2)).unwrap();
        assert!(!leg.escalation_due(T + Duration::hours(3)));
        assert_eq!(
            escalate(&mut leg, T + Duration::hours(3)),
            Err(Refused::AlreadyEscalated),
            "once per leg"
        );
        assert!(leg.overdue(T + Duration::hours(3)));
        acknowledge(&mut leg, T + Duration::hours(4)).unwrap();
        assert!(!leg.overdue(T + Duration::hours(5)));
        assert_eq!(
            escalate(&mut leg, T + Duration::hours(5)),
            Err(Refused::NothingToEscalate)
        );
    }

    #[test]
    fn statistics_count_metadata_only() {
        let urgent = Envelope {
            kind: RequestKind::IncidentNotification,
            urgency: Urgency::Urgent,
            level: Level::Technical,
            messages: 2,
        };
        let routine = Envelope {
            kind: RequestKind::Consultation,
            urgency: Urgency::Routine,
            level: Level::Policy,
            messages: 1,
        };
        let mut on_time = leg();
        acknowledge(&mut on_time, T + Duration::minutes(10)).unwrap();
        let mut late = leg();
        escalate(&mut late, T + Duration::hours(2)).unwrap();
        acknowledge(&mut late, T + Duration::hours(3)).unwrap();
        let open = [leg()];
        let urgent_legs = [on_time, late];
        let stats = stats([(&urgent, &urgent_legs[..]), (&routine, &open[..])]);
        assert_eq!((stats.requests, stats.messages, stats.legs), (2, 3, 3));
        assert_eq!(stats.by_kind[&RequestKind::IncidentNotification], 1);
        assert_eq!(stats.by_urgency[&Urgency::Routine], 1);
        assert_eq!(stats.by_level["policy"], 1);
        assert_eq!((stats.acknowledged, stats.acknowledged_on_time), (2, 1));
        assert_eq!(stats.escalated, 1);
        assert_eq!(stats.median_acknowledge, Some(Duration::minutes(10)));
        assert_eq!(stats.p90_acknowledge, Some(Duration::hours(3)));
    }

    #[derive(Debug, Clone, Copy)]
    enum Step {
        Deliver,
        Acknowledge,
        Answer,
        Close,
        Escalate,
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            Just(Step::Deliver),
            Just(Step::Acknowledge),
            Just(Step::Answer),
            Just(Step::Close),
            Just(Step::Escalate),
        ]
    }

    proptest! {
        /// Whatever happens to a leg, in whatever order, its status never goes back, a closed
        /// leg stays closed, and an acknowledged leg is never escalated afterwards.
        #[test]
        fn a_leg_never_goes_back(steps in proptest::collection::vec(step(), 0..12)) {
            let mut leg = leg();
            let mut last = leg.status();
            for (minute, step) in steps.into_iter().enumerate() {
                let now = T + Duration::minutes(minute as i64 + 1);
                let before = leg;
                let result = match step {
                    Step::Deliver => { deliver(&mut leg, now); Ok(()) }
                    Step::Acknowledge => acknowledge(&mut leg, now),
                    Step::Answer => answer(&mut leg, now),
                    Step::Close => close(&mut leg, now),
                    Step::Escalate => escalate(&mut leg, now),
                };
                if result.is_err() {
                    prop_assert_eq!(leg, before, "a refused step changes nothing");
                }
                if before.acknowledged_at.is_some() {
                    prop_assert_eq!(leg.escalated_at, before.escalated_at);
                }
                prop_assert!(leg.status() >= last);
                if last == LegStatus::Closed {
                    prop_assert_eq!(leg, before);
                }
                last = leg.status();
            }
        }
    }
}
