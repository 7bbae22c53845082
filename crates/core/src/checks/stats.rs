//! The figures of communication checks: which States were reached, the response rate and the
//! time-to-answer distribution of a check, each contact's history across checks (and whether it
//! is unreachable), and the trend across checks.

use super::launch::Target;
use super::{Challenge, Check, CheckId, Outcome, outcome};
use liaison_types::directory::Level;
use liaison_types::state::StateCode;
use std::collections::BTreeMap;
use time::{Duration, OffsetDateTime};

/// The nearest-rank `p`-th percentile of `times`: the smallest time such that at least `p` % of
/// the times are at most it, i.e. the value at rank ⌈p·n/100⌉ (at least 1) in ascending order.
/// `p` above 100 counts as 100. `None` for no times. Always one of the given times, so the
/// median (p = 50) of an even count is the lower middle value, not an average.
pub fn percentile(times: &[Duration], p: u32) -> Option<Duration> {
    let mut sorted = times.to_vec();
    sorted.sort();
    let n = sorted.len() as u64;
    let rank = (u64::from(p.min(100)) * n).div_ceil(100).max(1);
    let index = usize::try_from(rank - 1).ok()?;
    sorted.get(index).copied()
}

/// A part of a whole, e.g. contacts who answered out of contacts challenged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Ratio {
    pub part: u32,
    pub whole: u32,
}

impl Ratio {
    /// The ratio between 0 and 1; `None` for an empty whole.
    pub fn fraction(self) -> Option<f64> {
        (self.whole > 0).then(|| f64::from(self.part) / f64::from(self.whole))
    }

    /// The ratio in whole percent, rounded half up; `None` for an empty whole.
    pub fn percent(self) -> Option<u32> {
        let (part, whole) = (u64::from(self.part), u64::from(self.whole));
        (whole > 0).then(|| u32::try_from((part * 200 + whole) / (whole * 2)).unwrap_or(u32::MAX))
    }
}

/// How many challenges of a check have each outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Counts {
    pub pending: u32,
    pub on_time: u32,
    pub late: u32,
    pub no_answer: u32,
    pub delivery_failed: u32,
    /// Answers (on time or late) that were key-verified.
    pub key_verified: u32,
}

/// How one requested level of one State fared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelResult {
    pub level: Level,
    /// Contacts challenged at this level; 0 when the State has none.
    pub challenged: u32,
    pub on_time: u32,
    /// At least one contact at this level answered on time.
    pub reached: bool,
    /// Not reached yet, and a contact at this level may still answer on time until then (the
    /// latest deadline of its challenges still open).
    pub awaiting_until: Option<OffsetDateTime>,
}

/// How one State fared in a check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateResult {
    pub state: StateCode,
    /// The requested levels, policy first.
    pub levels: Vec<LevelResult>,
    /// Every requested level was reached.
    pub reached: bool,
    /// Not reached yet, but every level not reached may still be, until then: the State is
    /// awaiting an answer, not "not reached".
    pub awaiting_until: Option<OffsetDateTime>,
}

/// The results of a check at a given moment.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Contacts challenged.
    pub challenged: u32,
    /// Requested levels of States in scope without any contact to challenge.
    pub no_contact: u32,
    pub counts: Counts,
    /// Contacts who answered (on time or late) out of contacts challenged.
    pub response_rate: Ratio,
    /// Median time to answer (nearest rank) over every answer, on time or late.
    pub median: Option<Duration>,
    /// 90th percentile time to answer (nearest rank) over every answer.
    pub p90: Option<Duration>,
    /// States reached out of States in scope.
    pub states_reached: Ratio,
}

/// Each State in `targets` (by code) with each of its requested levels: reached when at least
/// one contact challenged at that level answered on time by `now`; awaiting an answer while a
/// level not reached yet still has a challenge open (so a check just launched reaches no one but
/// leaves no one "not reached" either).
pub fn state_results(
    check: &Check,
    targets: &[Target],
    challenges: &[Challenge],
    now: OffsetDateTime,
) -> Vec<StateResult> {
    let mut levels: BTreeMap<&StateCode, BTreeMap<LevelKey, LevelResult>> = BTreeMap::new();
    for target in targets {
        levels
            .entry(&target.state)
            .or_default()
            .entry(LevelKey::of(target.level))
            .or_insert(LevelResult {
                level: target.level,
                challenged: 0,
                on_time: 0,
                reached: false,
                awaiting_until: None,
            });
    }
    for challenge in challenges {
        let Some(result) = levels
            .get_mut(&challenge.state)
            .and_then(|by_level| by_level.get_mut(&LevelKey::of(challenge.level)))
        else {
            continue;
        };
        result.challenged += 1;
        match outcome(check, challenge, now) {
            Outcome::OnTime(_) => {
                result.on_time += 1;
                result.reached = true;
            }
            Outcome::Pending => {
                let deadline = check.deadline(challenge);
                result.awaiting_until =
                    Some(result.awaiting_until.map_or(deadline, |d| d.max(deadline)));
            }
            _ => {}
        }
    }
    levels
        .into_iter()
        .map(|(state, by_level)| {
            let mut levels: Vec<LevelResult> = by_level.into_values().collect();
            for level in &mut levels {
                if level.reached {
                    level.awaiting_until = None;
                }
            }
            let reached = levels.iter().all(|level| level.reached);
            let open: Vec<Option<OffsetDateTime>> = levels
                .iter()
                .filter(|level| !level.reached)
                .map(|level| level.awaiting_until)
                .collect();
            let awaiting_until = if reached || open.iter().any(Option::is_none) {
                None
            } else {
                open.into_iter().flatten().max()
            };
            StateResult {
                state: state.clone(),
                reached,
                awaiting_until,
                levels,
            }
        })
        .collect()
}

/// The figures of a check at `now`, from its targets and challenges.
pub fn summarise(
    check: &Check,
    targets: &[Target],
    challenges: &[Challenge],
    now: OffsetDateTime,
) -> Summary {
    let mut counts = Counts::default();
    let mut times = Vec::new();
    for challenge in challenges {
        let result = outcome(check, challenge, now);
        match result {
            Outcome::Pending => counts.pending += 1,
            Outcome::OnTime(_) => counts.on_time += 1,
            Outcome::Late(_) => counts.late += 1,
            Outcome::NoAnswer => counts.no_answer += 1,
            Outcome::DeliveryFailed => counts.delivery_failed += 1,
        }
        if result.answered() && challenge.key_verified() {
            counts.key_verified += 1;
        }
        times.extend(result.response_time());
    }
    let states = state_results(check, targets, challenges, now);
    let challenged = count(challenges.len());
    Summary {
        challenged,
        no_contact: count(targets.iter().filter(|t| t.contact.is_none()).count()),
        counts,
        response_rate: Ratio {
            part: counts.on_time + counts.late,
            whole: challenged,
        },
        median: percentile(&times, 50),
        p90: percentile(&times, 90),
        states_reached: Ratio {
            part: count(states.iter().filter(|state| state.reached).count()),
            whole: count(states.len()),
        },
    }
}

/// One check in a contact's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HistoryEntry {
    pub check: CheckId,
    pub launched_at: OffsetDateTime,
    /// Whether the check was closed, so that the outcome is final.
    pub closed: bool,
    pub outcome: Outcome,
    pub key_verified: bool,
}

/// A contact's history: its outcome in each check it was challenged in (one check and that
/// contact's challenge each), newest check first.
pub fn contact_history<'a>(
    challenges: impl IntoIterator<Item = (&'a Check, &'a Challenge)>,
    now: OffsetDateTime,
) -> Vec<HistoryEntry> {
    let mut history: Vec<HistoryEntry> = challenges
        .into_iter()
        .map(|(check, challenge)| {
            let outcome = outcome(check, challenge, now);
            HistoryEntry {
                check: check.id,
                launched_at: check.launched_at,
                closed: check.is_closed(now),
                outcome,
                key_verified: outcome.answered() && challenge.key_verified(),
            }
        })
        .collect();
    history.sort_by_key(|entry| std::cmp::Reverse((entry.launched_at, entry.check)));
    history
}

/// Whether a contact is unreachable: it missed (no answer or delivery failed) each of the last
/// two closed checks it was challenged in. Checks still open do not count; fewer than two closed
/// checks never make a contact unreachable.
pub fn unreachable(history: &[HistoryEntry]) -> bool {
    let mut closed: Vec<&HistoryEntry> = history.iter().filter(|entry| entry.closed).collect();
    closed.sort_by_key(|entry| std::cmp::Reverse((entry.launched_at, entry.check)));
    closed.len() >= 2 && closed.iter().take(2).all(|entry| entry.outcome.missed())
}

/// One check in the trend across checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrendPoint {
    pub check: CheckId,
    pub launched_at: OffsetDateTime,
    /// Whether the check was closed, so that its figures are final.
    pub closed: bool,
    pub response_rate: Ratio,
    pub median: Option<Duration>,
}

/// The trend across checks (each with its summary), oldest launch first.
pub fn trend<'a>(
    checks: impl IntoIterator<Item = (&'a Check, &'a Summary)>,
    now: OffsetDateTime,
) -> Vec<TrendPoint> {
    let mut points: Vec<TrendPoint> = checks
        .into_iter()
        .map(|(check, summary)| TrendPoint {
            check: check.id,
            launched_at: check.launched_at,
            closed: check.is_closed(now),
            response_rate: summary.response_rate,
            median: summary.median,
        })
        .collect();
    points.sort_by_key(|point| (point.launched_at, point.check));
    points
}

/// Orders levels policy first without requiring `Ord` of the wire type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct LevelKey(u8);

impl LevelKey {
    fn of(level: Level) -> LevelKey {
        match level {
            Level::Policy => LevelKey(0),
            Level::Technical => LevelKey(1),
        }
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
