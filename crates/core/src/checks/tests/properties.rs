//! Property tests of tokens, response times, percentiles and answering.

use super::*;

fn contacts(n: usize) -> Vec<Contact> {
    let codes = ["AUT", "DEU", "FRA"];
    (0..n)
        .map(|i| {
            contact(
                i as i64,
                codes[i % 3],
                if i % 2 == 0 { POLICY } else { TECHNICAL },
            )
        })
        .collect()
}

proptest! {
    #[test]
    fn tokens_are_unique_base64url_of_at_least_22_characters(seed in any::<u64>(), n in 1usize..120) {
        let spec = spec(Scope::All, Levels::Both, 24, 0);
        let launched = launch(&spec, &states(), &contacts(n), LAUNCH, &mut StdRng::seed_from_u64(seed)).unwrap();
        prop_assert_eq!(launched.challenges.len(), n);
        let mut tokens: Vec<&str> = launched.challenges.iter().map(|i| i.token.as_str()).collect();
        for token in &tokens {
            prop_assert!(token.len() >= 22);
            prop_assert!(token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        }
        tokens.sort_unstable();
        tokens.dedup();
        prop_assert_eq!(tokens.len(), n);
    }

    #[test]
    fn response_time_is_never_negative_and_counts_from_the_contacts_own_send_time(
        seed in any::<u64>(),
        window in 1u32..=336,
        spread_share in 0u32..=100,
        answer_secs in prop::collection::vec(-86_400i64..3_000_000, 1..20),
    ) {
        let spread = window / 2 * spread_share / 100;
        let spec = spec(Scope::All, Levels::Both, window, spread);
        let launched = launch(&spec, &states(), &contacts(answer_secs.len()), LAUNCH, &mut StdRng::seed_from_u64(seed)).unwrap();
        let check = spec.into_check(CheckId(1), LAUNCH);
        for (issued, secs) in launched.challenges.iter().zip(&answer_secs) {
            let challenge = &issued.challenge;
            prop_assert!(LAUNCH <= challenge.sent_at && challenge.sent_at <= LAUNCH + check.spread());
            let at = challenge.sent_at + Duration::seconds(*secs);
            let hash = token_hash(&issued.token);
            let Ok(accepted) = answer(&check, challenge, Proof::Link { token_hash: &hash }, at) else {
                prop_assert!(*secs < 0 || check.is_closed(at));
                continue;
            };
            let recorded = Challenge { answer: Some(accepted), ..challenge.clone() };
            let time = outcome(&check, &recorded, at).response_time();
            prop_assert_eq!(time, Some(Duration::seconds(*secs)));
            prop_assert!(*secs >= 0);
        }
    }

    #[test]
    fn percentiles_are_monotonic_and_within_the_range(
        minutes in prop::collection::vec(0i64..100_000, 1..200),
        p in 0u32..=100,
        q in 0u32..=100,
    ) {
        let times: Vec<Duration> = minutes.iter().map(|m| Duration::minutes(*m)).collect();
        let min = times.iter().min().copied();
        let max = times.iter().max().copied();
        let p50 = percentile(&times, 50);
        let p90 = percentile(&times, 90);
        prop_assert!(min <= p50 && p50 <= p90 && p90 <= max);
        let (low, high) = (p.min(q), p.max(q));
        prop_assert!(percentile(&times, low) <= percentile(&times, high));
        prop_assert!(times.contains(&percentile(&times, p).unwrap()));
    }

    #[test]
    fn a_token_answers_exactly_one_challenge_once(
        seed in any::<u64>(),
        attempts in prop::collection::vec((0usize..4, 0i64..200_000), 1..12),
    ) {
        let spec = spec(Scope::All, Levels::Both, 48, 12);
        let launched = launch(&spec, &states(), &contacts(4), LAUNCH, &mut StdRng::seed_from_u64(seed)).unwrap();
        let check = spec.into_check(CheckId(1), LAUNCH);
        let mut challenges: Vec<Challenge> = launched.challenges.iter().map(|i| i.challenge.clone()).collect();
        let token = &launched.challenges[0].token;
        let hash = token_hash(token);
        let mut attempts = attempts;
        attempts.sort_by_key(|(_, secs)| *secs); // time moves forward
        let mut accepted = 0;
        for (index, secs) in attempts {
            let at = LAUNCH + Duration::seconds(secs);
            match answer(&check, &challenges[index], Proof::Link { token_hash: &hash }, at) {
                Ok(answered) => {
                    prop_assert_eq!(index, 0, "the token answers only its own challenge");
                    challenges[index].answer = Some(answered);
                    accepted += 1;
                }
                Err(error) => {
                    if index != 0 {
                        prop_assert_eq!(error, AnswerError::Foreign);
                    } else if accepted > 0 {
                        prop_assert!(matches!(error, AnswerError::AlreadyAnswered(_)));
                    }
                }
            }
        }
        prop_assert!(accepted <= 1);
    }

    #[test]
    fn figures_hold_until_the_next_change(
        seed in any::<u64>(),
        window in 1u32..=72,
        events in prop::collection::vec((0u8..3, -3_600i64..400_000), 1..12),
        now_secs in -3_600i64..400_000,
        later in 0i64..400_000,
    ) {
        let spec = spec(Scope::All, Levels::Both, window, window / 2);
        let launched = launch(&spec, &states(), &contacts(events.len()), LAUNCH, &mut StdRng::seed_from_u64(seed)).unwrap();
        let check = spec.into_check(CheckId(1), LAUNCH);
        // Each challenge answered, failed or left, at a time around the now the figures are at.
        let challenges: Vec<Challenge> = launched.challenges.iter().zip(&events).map(|(issued, (what, secs))| {
            let at = issued.challenge.sent_at + Duration::seconds(*secs);
            match what {
                0 => Challenge { answer: Some(Answered { at, way: AnswerWay::Link }), ..issued.challenge.clone() },
                1 => Challenge { delivery_failed_at: Some(at), ..issued.challenge.clone() },
                _ => issued.challenge.clone(),
            }
        }).collect();
        let now = LAUNCH + Duration::seconds(now_secs);
        let next = next_change(&check, &challenges, now);
        if let Some(next) = next {
            prop_assert!(next > now);
        }
        // Any moment before the next change, up to and including its last instant, shows the
        // same figures.
        let end = next.map_or(now + Duration::seconds(later), |next| (now + Duration::seconds(later)).min(next - Duration::nanoseconds(1)));
        for at in [end, now + (end - now) / 2] {
            prop_assert_eq!(check.is_closed(at), check.is_closed(now));
            for challenge in &challenges {
                prop_assert_eq!(outcome(&check, challenge, at), outcome(&check, challenge, now), "at {}", at);
            }
        }
    }
}
