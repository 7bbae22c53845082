//! The figures of checks: percentiles, States reached, summaries, history, trends.

use super::*;

fn check_percentile(minutes: &[i64], p: u32, expected: Option<i64>) {
    let times: Vec<Duration> = minutes.iter().map(|m| Duration::minutes(*m)).collect();
    assert_eq!(
        percentile(&times, p),
        expected.map(Duration::minutes),
        "p{p} of {minutes:?}"
    );
}

#[test]
fn percentiles_by_nearest_rank() {
    check_percentile(&[], 50, None);
    check_percentile(&[], 90, None);
    check_percentile(&[7], 50, Some(7));
    check_percentile(&[7], 90, Some(7));
    check_percentile(&[9, 3], 50, Some(3)); // the lower middle, not the average
    check_percentile(&[9, 3], 90, Some(9));
    let ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    check_percentile(&ten, 50, Some(5));
    check_percentile(&ten, 90, Some(9));
    check_percentile(&ten, 91, Some(10));
    check_percentile(&ten, 10, Some(1));
    check_percentile(&ten, 0, Some(1));
    check_percentile(&ten, 100, Some(10));
    check_percentile(&ten, 250, Some(10));
}

#[test]
fn ratios_in_percent_round_half_up() {
    let check = |part, whole, expected| {
        assert_eq!(Ratio { part, whole }.percent(), expected, "{part}/{whole}");
    };
    check(0, 0, None);
    check(0, 3, Some(0));
    check(1, 3, Some(33));
    check(2, 3, Some(67));
    check(1, 8, Some(13));
    check(3, 3, Some(100));
    assert_eq!(Ratio { part: 1, whole: 4 }.fraction(), Some(0.25));
}

fn target(state: &str, level: Level, contact: Option<i64>) -> Target {
    Target {
        state: code(state),
        level,
        contact: contact.map(ContactId),
    }
}

fn challenge_of(id: i64, state: &str, level: Level, answer_after: Option<Duration>) -> Challenge {
    let sent = Challenge {
        contact: ContactId(id),
        state: code(state),
        level,
        token_hash: token_hash(&format!("token-{id}")),
        ..challenge(Duration::ZERO)
    };
    match answer_after {
        Some(after) => answered(sent, LAUNCH + after, AnswerWay::Link),
        None => sent,
    }
}

/// DEU: policy answered on time, technical contacts 2 (late) and 3 (on time) → reached.
/// FRA: policy answered late, technical none → not reached. AUT: no policy contact → not reached.
fn scenario() -> (Check, Vec<Target>, Vec<Challenge>) {
    use Level::{Policy, Technical};
    let check = a_check(24, 6);
    let targets = vec![
        target("AUT", Policy, None),
        target("AUT", Technical, Some(6)),
        target("DEU", Policy, Some(1)),
        target("DEU", Technical, Some(2)),
        target("DEU", Technical, Some(3)),
        target("FRA", Policy, Some(4)),
        target("FRA", Technical, Some(5)),
    ];
    let challenges = vec![
        challenge_of(6, "AUT", Technical, Some(hours(2))),
        challenge_of(1, "DEU", Policy, Some(hours(1))),
        challenge_of(2, "DEU", Technical, Some(hours(26))),
        Challenge {
            answer: Some(Answered {
                at: LAUNCH + hours(3),
                way: AnswerWay::SignedReply,
            }),
            ..challenge_of(3, "DEU", Technical, None)
        },
        challenge_of(4, "FRA", Policy, Some(hours(25))),
        Challenge {
            delivery_failed_at: Some(LAUNCH),
            ..challenge_of(5, "FRA", Technical, None)
        },
    ];
    (check, targets, challenges)
}

fn check_reached(state: &str, expected: bool, levels: &[(Level, u32, u32, bool)]) {
    let (check, targets, challenges) = scenario();
    let results = state_results(&check, &targets, &challenges, LAUNCH + hours(31));
    let result = results.iter().find(|r| r.state.as_str() == state).unwrap();
    assert_eq!(result.reached, expected, "{state}");
    let got: Vec<(Level, u32, u32, bool)> = result
        .levels
        .iter()
        .map(|l| (l.level, l.challenged, l.on_time, l.reached))
        .collect();
    assert_eq!(got, levels, "{state}");
}

#[test]
fn a_state_is_reached_when_every_requested_level_answered_on_time() {
    use Level::{Policy, Technical};
    check_reached(
        "DEU",
        true,
        &[(Policy, 1, 1, true), (Technical, 2, 1, true)],
    );
    check_reached(
        "FRA",
        false,
        &[(Policy, 1, 0, false), (Technical, 1, 0, false)],
    );
    check_reached(
        "AUT",
        false,
        &[(Policy, 0, 0, false), (Technical, 1, 1, true)],
    );
}

#[test]
fn while_a_check_is_open_a_state_not_reached_yet_is_awaiting_an_answer() {
    let (check, targets, challenges) = scenario();
    let at = |now: OffsetDateTime, state: &str| {
        state_results(&check, &targets, &challenges, now)
            .into_iter()
            .find(|r| r.state.as_str() == state)
            .unwrap()
    };
    // Launched, nobody answered yet: every State with a contact at each level is awaiting,
    // until the latest deadline of its open challenges; none is "not reached".
    let deadline = LAUNCH + hours(24);
    let fra = at(LAUNCH, "FRA");
    assert!(!fra.reached);
    // FRA's technical delivery failed at launch: that level cannot be reached, so FRA is not
    // awaiting, though its policy level is.
    assert_eq!(fra.awaiting_until, None);
    assert_eq!(fra.levels[0].awaiting_until, Some(deadline));
    let deu = at(LAUNCH, "DEU");
    assert_eq!((deu.reached, deu.awaiting_until), (false, Some(deadline)));
    // AUT has no policy-level contact: it cannot be reached, so it is not awaiting.
    assert_eq!(at(LAUNCH, "AUT").awaiting_until, None);
    // Two hours in DEU's policy level answered; its technical level still may.
    let deu = at(LAUNCH + hours(2), "DEU");
    assert!(!deu.reached && deu.levels[0].reached && deu.levels[0].awaiting_until.is_none());
    assert_eq!(deu.awaiting_until, Some(deadline));
    // Reached: no longer awaiting. Past the deadline without an answer: not reached.
    let deu = at(LAUNCH + hours(4), "DEU");
    assert_eq!((deu.reached, deu.awaiting_until), (true, None));
    let fra = at(LAUNCH + hours(31), "FRA");
    assert_eq!((fra.reached, fra.awaiting_until), (false, None));
}

#[test]
fn summary_of_a_check() {
    let (check, targets, challenges) = scenario();
    let summary = summarise(&check, &targets, &challenges, LAUNCH + hours(31));
    assert_eq!(summary.challenged, 6);
    assert_eq!(summary.no_contact, 1);
    let c = summary.counts;
    assert_eq!(
        (
            c.pending,
            c.on_time,
            c.late,
            c.no_answer,
            c.delivery_failed,
            c.key_verified
        ),
        (0, 3, 2, 0, 1, 1)
    );
    assert_eq!(summary.response_rate, Ratio { part: 5, whole: 6 });
    // Answers after 1, 2, 3, 25, 26 hours.
    assert_eq!(summary.median, Some(hours(3)));
    assert_eq!(summary.p90, Some(hours(26)));
    assert_eq!(summary.states_reached, Ratio { part: 1, whole: 3 });
    // Live, two hours in: answers recorded later are not seen yet, so 2, 3 and 4 are pending.
    let live = summarise(&check, &targets, &challenges, LAUNCH + hours(2));
    assert_eq!(
        (
            live.counts.on_time,
            live.counts.pending,
            live.counts.delivery_failed
        ),
        (2, 3, 1)
    );
    assert_eq!(live.response_rate, Ratio { part: 2, whole: 6 });
    assert_eq!(live.states_reached, Ratio { part: 0, whole: 3 });
}

fn entry(check: i64, day: i64, closed: bool, outcome: Outcome) -> HistoryEntry {
    HistoryEntry {
        check: CheckId(check),
        launched_at: LAUNCH + Duration::days(day),
        closed,
        outcome,
        key_verified: false,
    }
}

fn check_unreachable(history: &[HistoryEntry], expected: bool) {
    assert_eq!(unreachable(history), expected, "{history:?}");
}

#[test]
fn unreachable_after_missing_the_last_two_closed_checks() {
    use Outcome::{DeliveryFailed, Late, NoAnswer, OnTime, Pending};
    let on_time = OnTime(hours(1));
    check_unreachable(&[], false);
    check_unreachable(&[entry(1, 0, true, NoAnswer)], false);
    check_unreachable(
        &[
            entry(2, 9, true, NoAnswer),
            entry(1, 0, true, DeliveryFailed),
        ],
        true,
    );
    check_unreachable(
        &[entry(2, 9, true, NoAnswer), entry(1, 0, true, on_time)],
        false,
    );
    check_unreachable(
        &[
            entry(2, 9, true, Late(hours(30))),
            entry(1, 0, true, NoAnswer),
        ],
        false,
    );
    // An open check does not count yet; the order given does not matter.
    check_unreachable(
        &[
            entry(1, 0, true, NoAnswer),
            entry(3, 20, false, Pending),
            entry(2, 9, true, NoAnswer),
        ],
        true,
    );
    // Answered the latest: reachable again, whatever happened before.
    check_unreachable(
        &[
            entry(3, 20, true, on_time),
            entry(2, 9, true, NoAnswer),
            entry(1, 0, true, NoAnswer),
        ],
        false,
    );
}

#[test]
fn history_is_newest_first_and_trend_oldest_first() {
    let first = a_check(24, 0);
    let second = Check {
        id: CheckId(2),
        launched_at: LAUNCH + Duration::days(30),
        ..a_check(24, 0)
    };
    let missed = challenge(Duration::ZERO);
    let signed = answered(
        Challenge {
            sent_at: second.launched_at,
            ..challenge(Duration::ZERO)
        },
        second.launched_at + hours(2),
        AnswerWay::SignedReply,
    );
    let now = second.launched_at + hours(3);
    let history = contact_history([(&first, &missed), (&second, &signed)], now);
    assert_eq!(
        history,
        vec![
            entry(2, 30, false, Outcome::OnTime(hours(2))).with_key_verified(),
            entry(1, 0, true, Outcome::NoAnswer),
        ]
    );
    let s1 = summarise(&first, &[], std::slice::from_ref(&missed), now);
    let s2 = summarise(&second, &[], std::slice::from_ref(&signed), now);
    let points = trend([(&second, &s2), (&first, &s1)], now);
    let got: Vec<(i64, bool, Ratio, Option<Duration>)> = points
        .iter()
        .map(|p| (p.check.0, p.closed, p.response_rate, p.median))
        .collect();
    assert_eq!(
        got,
        vec![
            (1, true, Ratio { part: 0, whole: 1 }, None),
            (2, false, Ratio { part: 1, whole: 1 }, Some(hours(2))),
        ]
    );
}

impl HistoryEntry {
    fn with_key_verified(self) -> HistoryEntry {
        HistoryEntry {
            key_verified: true,
            ..self
        }
    }
}
