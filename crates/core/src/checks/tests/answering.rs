//! A challenge's windows, answers, outcomes and reminder.

use super::*;

// Windows

#[test]
fn windows_close_inclusively() {
    let check = a_check(24, 6);
    let late_sender = challenge(hours(6));
    assert_eq!(check.closes_at(), LAUNCH + hours(30));
    assert_eq!(check.deadline(&late_sender), check.closes_at());
    assert_eq!(check.deadline(&challenge(hours(1))), LAUNCH + hours(25));
    assert!(!check.is_closed(LAUNCH + hours(30)));
    assert!(check.is_closed(LAUNCH + hours(30) + Duration::nanoseconds(1)));
    assert_eq!(check.halfway(&challenge(hours(1))), LAUNCH + hours(13));
    assert_eq!(
        a_check(1, 0).halfway(&challenge(Duration::ZERO)),
        LAUNCH + Duration::minutes(30)
    );
}

// Answering

const TOKEN: &str = "token-7";

fn link(token: &str) -> String {
    token_hash(token)
}

fn check_answer(
    check: &Check,
    challenge: &Challenge,
    proof: Proof<'_>,
    now: OffsetDateTime,
    expected: Result<AnswerWay, AnswerError>,
) {
    let got = answer(check, challenge, proof, now);
    assert_eq!(
        got,
        expected.map(|way| Answered { at: now, way }),
        "{proof:?} at {now}"
    );
}

#[test]
fn answers_and_refusals() {
    let check = a_check(24, 6);
    let early = challenge(Duration::ZERO); // deadline LAUNCH + 24 h, check closes LAUNCH + 30 h
    let hash = link(TOKEN);
    let by_link = Proof::Link { token_hash: &hash };
    let signed = Proof::SignedReply { token_hash: &hash };
    let app = Proof::App {
        contact: ContactId(7),
    };
    let other_hash = link("token-8");
    let foreign_link = Proof::Link {
        token_hash: &other_hash,
    };
    let foreign_app = Proof::App {
        contact: ContactId(8),
    };
    let closed = LAUNCH + hours(30) + Duration::seconds(1);
    let done = answered(early.clone(), LAUNCH + hours(1), AnswerWay::Link);

    check_answer(
        &check,
        &early,
        by_link,
        LAUNCH + hours(1),
        Ok(AnswerWay::Link),
    );
    check_answer(&check, &early, app, LAUNCH + hours(1), Ok(AnswerWay::App));
    check_answer(
        &check,
        &early,
        signed,
        LAUNCH + hours(1),
        Ok(AnswerWay::SignedReply),
    );
    check_answer(&check, &early, by_link, LAUNCH, Ok(AnswerWay::Link)); // the moment it is sent
    check_answer(
        &check,
        &early,
        by_link,
        LAUNCH + hours(24),
        Ok(AnswerWay::Link),
    ); // deadline
    check_answer(
        &check,
        &early,
        by_link,
        LAUNCH + hours(27),
        Ok(AnswerWay::Link),
    ); // late
    check_answer(
        &check,
        &early,
        by_link,
        LAUNCH + hours(30),
        Ok(AnswerWay::Link),
    ); // close
    check_answer(
        &check,
        &early,
        by_link,
        closed,
        Err(AnswerError::Expired(LAUNCH + hours(30))),
    );
    check_answer(
        &check,
        &early,
        foreign_link,
        LAUNCH + hours(1),
        Err(AnswerError::Foreign),
    );
    check_answer(
        &check,
        &early,
        foreign_app,
        LAUNCH + hours(1),
        Err(AnswerError::Foreign),
    );
    check_answer(
        &check,
        &early,
        Proof::Link { token_hash: TOKEN },
        LAUNCH + hours(1),
        Err(AnswerError::Foreign),
    ); // the token itself is not its hash
    check_answer(
        &check,
        &early,
        Proof::Link { token_hash: "" },
        LAUNCH + hours(1),
        Err(AnswerError::Foreign),
    );
    check_answer(
        &check,
        &challenge(hours(2)),
        by_link,
        LAUNCH + hours(1),
        Err(AnswerError::Unknown),
    ); // not sent yet
    check_answer(
        &check,
        &done,
        by_link,
        LAUNCH + hours(2),
        Err(AnswerError::AlreadyAnswered(LAUNCH + hours(1))),
    );
    check_answer(
        &check,
        &done,
        app,
        LAUNCH + hours(2),
        Err(AnswerError::AlreadyAnswered(LAUNCH + hours(1))),
    );
    // Order of refusals: foreign before replay before expired.
    check_answer(
        &check,
        &done,
        by_link,
        closed,
        Err(AnswerError::AlreadyAnswered(LAUNCH + hours(1))),
    );
    check_answer(
        &check,
        &done,
        foreign_link,
        closed,
        Err(AnswerError::Foreign),
    );
}

#[test]
fn answer_errors_read_clearly() {
    assert!(AnswerError::Expired(LAUNCH).to_string().contains("closed"));
    assert!(
        AnswerError::AlreadyAnswered(LAUNCH)
            .to_string()
            .contains("already answered")
    );
    assert!(AnswerError::Foreign.to_string().contains("another contact"));
    assert!(AnswerError::Unknown.to_string().contains("not known"));
}

// Outcomes

fn check_outcome(check: &Check, challenge: &Challenge, now: OffsetDateTime, expected: Outcome) {
    assert_eq!(
        outcome(check, challenge, now),
        expected,
        "{challenge:?} at {now}"
    );
}

#[test]
fn outcomes() {
    let check = a_check(24, 6);
    let sent_late = challenge(hours(5)); // deadline LAUNCH + 29 h
    let failed = Challenge {
        delivery_failed_at: Some(LAUNCH + hours(6)),
        ..sent_late.clone()
    };
    let ns = Duration::nanoseconds(1);

    check_outcome(&check, &sent_late, LAUNCH, Outcome::Pending); // not sent yet
    check_outcome(&check, &sent_late, LAUNCH + hours(29), Outcome::Pending); // at its deadline
    check_outcome(
        &check,
        &sent_late,
        LAUNCH + hours(29) + ns,
        Outcome::NoAnswer,
    );
    check_outcome(&check, &sent_late, LAUNCH + hours(100), Outcome::NoAnswer);
    check_outcome(&check, &failed, LAUNCH + hours(7), Outcome::DeliveryFailed); // even while open
    check_outcome(
        &check,
        &failed,
        LAUNCH + hours(100),
        Outcome::DeliveryFailed,
    );
    // Response time counts from this contact's send time (5 h after launch), not the launch.
    let on_time = answered(sent_late.clone(), LAUNCH + hours(8), AnswerWay::App);
    check_outcome(
        &check,
        &on_time,
        LAUNCH + hours(100),
        Outcome::OnTime(hours(3)),
    );
    // As it stood before the answer and before the bounce: still pending.
    check_outcome(&check, &on_time, LAUNCH + hours(8) - ns, Outcome::Pending);
    check_outcome(&check, &failed, LAUNCH + hours(6) - ns, Outcome::Pending);
    let at_deadline = answered(sent_late.clone(), LAUNCH + hours(29), AnswerWay::App);
    check_outcome(
        &check,
        &at_deadline,
        LAUNCH + hours(29),
        Outcome::OnTime(hours(24)),
    );
    let late = answered(
        challenge(Duration::ZERO),
        LAUNCH + hours(24) + ns,
        AnswerWay::Link,
    );
    check_outcome(
        &check,
        &late,
        LAUNCH + hours(100),
        Outcome::Late(hours(24) + ns),
    );
    // An answer in the app beats a bounced email.
    let answered_anyway = answered(failed, LAUNCH + hours(9), AnswerWay::App);
    check_outcome(
        &check,
        &answered_anyway,
        LAUNCH + hours(9),
        Outcome::OnTime(hours(4)),
    );
    // Key-verified only for a signed reply.
    assert!(answered(sent_late.clone(), LAUNCH + hours(6), AnswerWay::SignedReply).key_verified());
    assert!(!answered(sent_late.clone(), LAUNCH + hours(6), AnswerWay::Link).key_verified());
    assert!(!sent_late.key_verified());
}

#[test]
fn without_spread_no_answer_can_be_late() {
    let check = a_check(24, 0);
    let sent = challenge(Duration::ZERO);
    let hash = link(TOKEN);
    let proof = Proof::Link { token_hash: &hash };
    assert_eq!(check.deadline(&sent), check.closes_at());
    let at_close = answer(&check, &sent, proof, check.closes_at()).unwrap();
    let after = answer(
        &check,
        &sent,
        proof,
        check.closes_at() + Duration::nanoseconds(1),
    );
    assert_eq!(after, Err(AnswerError::Expired(check.closes_at())));
    let sent = Challenge {
        answer: Some(at_close),
        ..sent
    };
    assert_eq!(
        outcome(&check, &sent, check.closes_at()),
        Outcome::OnTime(hours(24))
    );
}

#[test]
fn delivery_failures_are_recorded_once_while_open() {
    let check = a_check(24, 0);
    let sent = challenge(Duration::ZERO);
    assert!(may_record_delivery_failure(
        &check,
        &sent,
        LAUNCH + hours(24)
    ));
    assert!(!may_record_delivery_failure(
        &check,
        &sent,
        LAUNCH + hours(25)
    ));
    let failed = Challenge {
        delivery_failed_at: Some(LAUNCH),
        ..sent
    };
    assert!(!may_record_delivery_failure(
        &check,
        &failed,
        LAUNCH + hours(1)
    ));
}

// Reminders

fn check_reminder(challenge: &Challenge, now: OffsetDateTime, expected: bool) {
    let check = a_check(24, 6);
    assert_eq!(
        reminder_due(&check, challenge, now),
        expected,
        "{challenge:?} at {now}"
    );
}

#[test]
fn one_reminder_halfway_through_the_contacts_own_window() {
    let sent = challenge(hours(4)); // halfway LAUNCH + 16 h, deadline LAUNCH + 28 h
    let ns = Duration::nanoseconds(1);
    check_reminder(&sent, LAUNCH + hours(12), false); // halfway from the launch, not its own
    check_reminder(&sent, LAUNCH + hours(16) - ns, false);
    check_reminder(&sent, LAUNCH + hours(16), true);
    check_reminder(&sent, LAUNCH + hours(28), true);
    check_reminder(&sent, LAUNCH + hours(28) + ns, false);
    let reminded = Challenge {
        reminded_at: Some(LAUNCH + hours(16)),
        ..sent.clone()
    };
    check_reminder(&reminded, LAUNCH + hours(20), false);
    check_reminder(
        &answered(sent.clone(), LAUNCH + hours(5), AnswerWay::Link),
        LAUNCH + hours(20),
        false,
    );
    let failed = Challenge {
        delivery_failed_at: Some(LAUNCH + hours(4)),
        ..sent
    };
    check_reminder(&failed, LAUNCH + hours(20), false);
}
