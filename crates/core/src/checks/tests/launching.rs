//! Launching a check: validation, targets, tokens and send times.

use super::*;
use crate::wording::Worded;

// Validation

fn check_validation(change: impl FnOnce(&mut CheckRequest), expected: &[(&str, Invalid)]) {
    let mut input = request();
    change(&mut input);
    let problems: Vec<(String, Invalid)> = match input.validate(&states()) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.into_iter().collect(),
    };
    let expected: Vec<(String, Invalid)> = expected
        .iter()
        .map(|(field, invalid)| ((*field).to_owned(), invalid.clone()))
        .collect();
    assert_eq!(problems, expected, "{input:?}");
}

#[test]
fn launch_request_validation() {
    let window = |max| Invalid::WindowHours { max };
    let spread = |max| Invalid::SpreadHours { max };
    check_validation(|_| {}, &[]);
    check_validation(|r| r.window_hours = 0, &[("window_hours", window(336))]);
    check_validation(|r| r.window_hours = 1, &[]);
    check_validation(|r| r.window_hours = 336, &[]);
    check_validation(|r| r.window_hours = 337, &[("window_hours", window(336))]);
    check_validation(|r| r.spread_hours = 12, &[]); // exactly half of 24
    check_validation(|r| r.spread_hours = 13, &[("spread_hours", spread(12))]);
    check_validation(
        |r| {
            r.window_hours = 1;
            r.spread_hours = 1;
        },
        &[("spread_hours", spread(0))],
    );
    check_validation(
        |r| {
            r.window_hours = 3;
            r.spread_hours = 1;
        },
        &[],
    ); // half of 3 rounds down to 1
    check_validation(
        |r| r.message = String::new(),
        &[("message", Invalid::Required)],
    );
    check_validation(
        |r| r.message = " \n\t ".into(),
        &[("message", Invalid::Required)],
    );
    check_validation(|r| r.message = "é".repeat(1000), &[]);
    check_validation(
        |r| r.message = "a".repeat(1001),
        &[("message", Invalid::TooLong { max: 1000 })],
    );
    check_validation(|r| r.message = "Line one\r\nLine two\n".into(), &[]);
    check_validation(
        |r| r.message = "tab\there".into(),
        &[("message", Invalid::ControlCharacters)],
    );
    check_validation(
        |r| r.message = "bell\u{7}".into(),
        &[("message", Invalid::ControlCharacters)],
    );
    check_validation(
        |r| r.message = "lone\rreturn".into(),
        &[("message", Invalid::ControlCharacters)],
    );
    check_validation(
        |r| r.scope = Scope::States(vec![]),
        &[("scope", Invalid::NoStates)],
    );
    check_validation(
        |r| r.scope = Scope::States(vec![code("DEU"), code("JPN")]),
        &[("scope", Invalid::NotParticipating(code("JPN")))],
    );
    check_validation(
        |r| r.scope = Scope::States(vec![code("XXX")]),
        &[("scope", Invalid::NotParticipating(code("XXX")))],
    );
    check_validation(
        |r| {
            r.window_hours = 0;
            r.spread_hours = 1;
            r.message = String::new();
            r.scope = Scope::States(vec![]);
        },
        &[
            ("message", Invalid::Required),
            ("scope", Invalid::NoStates),
            ("spread_hours", spread(0)),
            ("window_hours", window(336)),
        ],
    );
}

#[test]
fn validation_normalises_message_and_scope() {
    let spec = CheckRequest {
        scope: Scope::States(vec![code("FRA"), code("deu"), code("FRA")]),
        message: "  Line one\r\nLine two \n".into(),
        ..request()
    }
    .validate(&states())
    .unwrap();
    assert_eq!(spec.scope(), &Scope::States(vec![code("DEU"), code("FRA")]));
    assert_eq!(spec.message(), "Line one\nLine two");
    for invalid in [Invalid::NoStates, Invalid::WindowHours { max: 336 }] {
        assert!(invalid.message_id().starts_with("invalid-"));
    }
}

#[test]
fn levels_parse() {
    for levels in [Levels::Policy, Levels::Technical, Levels::Both] {
        assert_eq!(Levels::parse(levels.as_str()), Ok(levels));
    }
    assert_eq!(Levels::Both.levels(), &[Level::Policy, Level::Technical]);
    assert!(Levels::parse("strategic").is_err());
}

// Targets

fn check_targets(
    scope: Scope,
    levels: Levels,
    contacts: &[Contact],
    expected: &[(&str, Level, Option<i64>)],
) {
    let spec = spec(scope, levels, 24, 0);
    let got: Vec<(String, Level, Option<i64>)> = targets(&spec, &states(), contacts)
        .into_iter()
        .map(|t| (t.state.to_string(), t.level, t.contact.map(|c| c.0)))
        .collect();
    let expected: Vec<(String, Level, Option<i64>)> = expected
        .iter()
        .map(|(state, level, id)| ((*state).to_owned(), *level, *id))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn targets_are_active_points_of_contact_of_participating_states_in_scope() {
    let mut retired = contact(5, "DEU", POLICY);
    retired.retired = true;
    let mut overdue = contact(6, "FRA", TECHNICAL);
    overdue.annual_status = AnnualStatus::Overdue;
    let contacts = vec![
        contact(2, "DEU", TECHNICAL),
        contact(1, "DEU", TECHNICAL),
        contact(3, "DEU", CSIRT),
        retired,
        overdue,
        contact(8, "JPN", POLICY),
    ];
    use Level::{Policy, Technical};
    // States by code, policy first; DEU's only policy contact is retired, AUT has nobody.
    check_targets(
        Scope::All,
        Levels::Both,
        &contacts,
        &[
            ("AUT", Policy, None),
            ("AUT", Technical, None),
            ("DEU", Policy, None),
            ("DEU", Technical, Some(1)),
            ("DEU", Technical, Some(2)),
            ("FRA", Policy, None),
            ("FRA", Technical, Some(6)),
        ],
    );
    check_targets(
        Scope::States(vec![code("FRA")]),
        Levels::Technical,
        &contacts,
        &[("FRA", Technical, Some(6))],
    );
    check_targets(
        Scope::States(vec![code("DEU")]),
        Levels::Policy,
        &contacts,
        &[("DEU", Policy, None)],
    );
    check_targets(
        Scope::States(vec![code("AUT")]),
        Levels::Technical,
        &[],
        &[("AUT", Technical, None)],
    );
    // AUT, DEU and FRA are all in Western Europe; JPN, a Partner, is in no region.
    check_targets(
        Scope::Region(liaison_types::state::Region::WesternEurope),
        Levels::Technical,
        &contacts,
        &[
            ("AUT", Technical, None),
            ("DEU", Technical, Some(1)),
            ("DEU", Technical, Some(2)),
            ("FRA", Technical, Some(6)),
        ],
    );
    check_targets(
        Scope::Region(liaison_types::state::Region::CentralAsia),
        Levels::Both,
        &contacts,
        &[],
    );
}

#[test]
fn no_state_no_target() {
    let spec = spec(Scope::All, Levels::Both, 24, 0);
    let launched = launch(
        &spec,
        &[],
        &[contact(1, "DEU", POLICY)],
        LAUNCH,
        &mut StdRng::seed_from_u64(1),
    )
    .unwrap();
    assert!(launched.targets.is_empty());
    assert!(launched.challenges.is_empty());
    let check = spec.into_check(CheckId(1), LAUNCH);
    let summary = summarise(&check, &[], &[], LAUNCH);
    assert_eq!(summary.response_rate, Ratio { part: 0, whole: 0 });
    assert_eq!(summary.response_rate.percent(), None);
    assert_eq!(summary.median, None);
}

#[test]
fn every_contact_of_all_57_states_in_one_launch() {
    let states = crate::reference::states().unwrap();
    let contacts: Vec<Contact> = states
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            let id = i as i64 * 2;
            [
                contact(id, s.code.as_str(), POLICY),
                contact(id + 1, s.code.as_str(), TECHNICAL),
            ]
        })
        .collect();
    let spec = CheckRequest { ..request() }.validate(&states).unwrap();
    let launched = launch(
        &spec,
        &states,
        &contacts,
        LAUNCH,
        &mut StdRng::seed_from_u64(57),
    )
    .unwrap();
    assert_eq!(
        launched.targets.len(),
        57 * 2,
        "partners are not challenged"
    );
    assert_eq!(launched.challenges.len(), 57 * 2);
    assert!(
        launched
            .challenges
            .iter()
            .all(|issued| issued.challenge.sent_at == LAUNCH),
        "spread 0"
    );
}

// Tokens and send times

#[test]
fn tokens_are_256_bits_of_base64url_stored_as_sha256_hex() {
    let token = new_token(&mut StdRng::seed_from_u64(3));
    assert_eq!(token.len(), 43);
    assert!(
        token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    );
    assert_eq!(
        token_hash("abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    let contacts = [contact(1, "DEU", POLICY)];
    let spec = spec(Scope::All, Levels::Policy, 24, 0);
    let launched = launch(
        &spec,
        &states(),
        &contacts,
        LAUNCH,
        &mut StdRng::seed_from_u64(3),
    )
    .unwrap();
    let issued = &launched.challenges[0];
    assert_eq!(issued.challenge.token_hash, token_hash(&issued.token));
    assert_ne!(issued.challenge.token_hash, issued.token);
}

#[test]
fn a_broken_random_number_generator_issues_nothing() {
    let contacts = [contact(1, "DEU", POLICY), contact(2, "FRA", POLICY)];
    let spec = spec(Scope::All, Levels::Policy, 24, 0);
    assert_eq!(
        launch(&spec, &states(), &contacts, LAUNCH, &mut Zeros),
        Err(LaunchError::RepeatedToken)
    );
}

#[test]
fn launch_is_deterministic_for_a_random_number_generator_state() {
    let contacts = [contact(1, "DEU", POLICY), contact(2, "FRA", TECHNICAL)];
    let spec = spec(Scope::All, Levels::Both, 48, 24);
    let first = launch(
        &spec,
        &states(),
        &contacts,
        LAUNCH,
        &mut StdRng::seed_from_u64(9),
    )
    .unwrap();
    let again = launch(
        &spec,
        &states(),
        &contacts,
        LAUNCH,
        &mut StdRng::seed_from_u64(9),
    )
    .unwrap();
    let other = launch(
        &spec,
        &states(),
        &contacts,
        LAUNCH,
        &mut StdRng::seed_from_u64(10),
    )
    .unwrap();
    assert_eq!(first, again);
    assert_ne!(first.challenges[0].token, other.challenges[0].token);
}

#[test]
fn send_offsets_stay_within_the_spread() {
    let mut rng = StdRng::seed_from_u64(4);
    assert_eq!(send_offset(0, &mut rng), Duration::ZERO);
    let offsets: Vec<Duration> = (0..500).map(|_| send_offset(1, &mut rng)).collect();
    assert!(
        offsets
            .iter()
            .all(|o| Duration::ZERO <= *o && *o <= hours(1))
    );
    assert!(offsets.iter().any(|o| *o < Duration::minutes(30)));
    assert!(offsets.iter().any(|o| *o > Duration::minutes(30)));
    assert_eq!(
        offsets
            .iter()
            .filter(|o| o.subsec_nanoseconds() != 0)
            .count(),
        0
    );
}
