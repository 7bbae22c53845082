use super::*;
use liaison_types::directory::StructureKind;
use liaison_types::state::{StateCode, StateStatus};
use proptest::prelude::*;
use time::macros::{date, datetime};

fn check_late(effective_on: Date, recorded_at: OffsetDateTime, expected: bool) {
    assert_eq!(
        notified_late(effective_on, recorded_at),
        expected,
        "effective {effective_on}, recorded {recorded_at}"
    );
}

#[test]
fn late_notification_boundaries() {
    check_late(
        date!(2026 - 01 - 01),
        datetime!(2026-01-31 23:59 UTC),
        false,
    ); // day 30
    check_late(date!(2026 - 01 - 01), datetime!(2026-02-01 00:00 UTC), true); // day 31
    check_late(
        date!(2026 - 01 - 01),
        datetime!(2026-01-01 00:00 UTC),
        false,
    );
    check_late(
        date!(2026 - 12 - 01),
        datetime!(2026-11-24 10:00 UTC),
        false,
    ); // announced
    check_late(
        date!(2024 - 02 - 29),
        datetime!(2024-03-30 12:00 UTC),
        false,
    ); // 30 days across 29 Feb
    check_late(date!(2024 - 02 - 29), datetime!(2024-03-31 00:00 UTC), true);
    check_late(
        date!(2025 - 12 - 15),
        datetime!(2026-01-14 08:00 UTC),
        false,
    ); // across the year end
    check_late(date!(2025 - 12 - 15), datetime!(2026-01-15 08:00 UTC), true);
    check_late(date!(1995 - 06 - 01), datetime!(2026-11-24 10:00 UTC), true);
}

fn check_status(confirmed_on: Date, today: Date, expected: AnnualStatus) {
    assert_eq!(
        annual_status(confirmed_on, today),
        expected,
        "confirmed {confirmed_on}, today {today}"
    );
}

#[test]
fn annual_update_boundaries() {
    let confirmed = date!(2025 - 11 - 24);
    assert_eq!(due_on(confirmed), date!(2026 - 11 - 24));
    check_status(confirmed, date!(2025 - 11 - 24), AnnualStatus::Current);
    check_status(confirmed, date!(2026 - 10 - 24), AnnualStatus::Current);
    check_status(confirmed, date!(2026 - 10 - 25), AnnualStatus::DueSoon); // 30 days before
    check_status(confirmed, date!(2026 - 11 - 24), AnnualStatus::DueSoon); // the due date itself
    check_status(confirmed, date!(2026 - 11 - 25), AnnualStatus::Overdue);
}

#[test]
fn annual_update_on_29_february() {
    let confirmed = date!(2024 - 02 - 29);
    assert_eq!(due_on(confirmed), date!(2025 - 02 - 28));
    check_status(confirmed, date!(2025 - 01 - 28), AnnualStatus::Current);
    check_status(confirmed, date!(2025 - 01 - 29), AnnualStatus::DueSoon);
    check_status(confirmed, date!(2025 - 02 - 28), AnnualStatus::DueSoon);
    check_status(confirmed, date!(2025 - 03 - 01), AnnualStatus::Overdue);
    // Confirmed on 28 February of a year before a leap year: due on 28 February, not 29.
    assert_eq!(due_on(date!(2027 - 02 - 28)), date!(2028 - 02 - 28));
    check_status(
        date!(2027 - 02 - 28),
        date!(2028 - 02 - 29),
        AnnualStatus::Overdue,
    );
    // Confirmed on 30 March: the due-soon window crosses 29 February of a leap year.
    check_status(
        date!(2027 - 03 - 30),
        date!(2028 - 02 - 28),
        AnnualStatus::Current,
    );
    check_status(
        date!(2027 - 03 - 30),
        date!(2028 - 02 - 29),
        AnnualStatus::DueSoon,
    );
}

fn contact(id: i64, kind: ContactKind, status: AnnualStatus, retired: bool) -> Contact {
    Contact {
        id,
        state: StateCode::parse("DEU").unwrap(),
        kind,
        details: ContactDetails::default(),
        key: None,
        version: 1,
        effective_on: date!(2026 - 01 - 01),
        recorded_at: datetime!(2026-01-01 0:00 UTC),
        confirmed_on: date!(2026 - 01 - 01) + Duration::days(id),
        due_on: date!(2027 - 01 - 01) + Duration::days(id),
        annual_status: status,
        retired,
        scheduled: None,
    }
}

fn deu() -> State {
    State {
        code: StateCode::parse("DEU").unwrap(),
        alpha2: "DE".into(),
        name: "Germany".into(),
        status: StateStatus::Participating,
    }
}

const POLICY: ContactKind = ContactKind::Poc {
    level: Level::Policy,
};
const TECHNICAL: ContactKind = ContactKind::Poc {
    level: Level::Technical,
};
const CSIRT: ContactKind = ContactKind::Structure {
    structure: StructureKind::NationalCsirt,
};

#[test]
fn complete_needs_a_current_contact_at_both_levels() {
    let cases: Vec<(Vec<Contact>, bool, bool)> = vec![
        (vec![], false, false),
        (
            vec![contact(1, POLICY, AnnualStatus::Current, false)],
            true,
            false,
        ),
        (
            vec![
                contact(1, POLICY, AnnualStatus::Current, false),
                contact(2, TECHNICAL, AnnualStatus::DueSoon, false),
            ],
            true,
            true,
        ),
        (
            vec![
                contact(1, POLICY, AnnualStatus::Current, false),
                contact(2, TECHNICAL, AnnualStatus::Overdue, false),
            ],
            true,
            false,
        ),
        (
            vec![
                contact(1, POLICY, AnnualStatus::Current, true),
                contact(2, TECHNICAL, AnnualStatus::Current, false),
            ],
            false,
            true,
        ),
        // A national structure is not a point of contact.
        (
            vec![
                contact(1, POLICY, AnnualStatus::Current, false),
                contact(2, CSIRT, AnnualStatus::Current, false),
            ],
            true,
            false,
        ),
    ];
    for (contacts, policy, technical) in cases {
        let status = directory_status(&deu(), &contacts, 0);
        assert_eq!(
            (status.has_policy, status.has_technical, status.complete),
            (policy, technical, policy && technical),
            "{contacts:?}"
        );
    }
}

#[test]
fn level_status_tells_overdue_from_missing() {
    use liaison_types::directory::LevelStatus;
    let check = |contacts: Vec<Contact>, expected: LevelStatus| {
        assert_eq!(
            level_status(&contacts, Level::Technical),
            expected,
            "{contacts:?}"
        );
    };
    check(vec![], LevelStatus::Missing);
    check(
        vec![contact(1, POLICY, AnnualStatus::Current, false)],
        LevelStatus::Missing,
    );
    check(
        vec![contact(1, TECHNICAL, AnnualStatus::Overdue, false)],
        LevelStatus::Overdue,
    );
    check(
        vec![contact(1, TECHNICAL, AnnualStatus::Overdue, true)],
        LevelStatus::Missing,
    );
    check(
        vec![
            contact(1, TECHNICAL, AnnualStatus::Overdue, false),
            contact(2, TECHNICAL, AnnualStatus::DueSoon, false),
        ],
        LevelStatus::Current,
    );
}

#[test]
fn status_counts_ignore_retired_contacts() {
    let contacts = vec![
        contact(1, POLICY, AnnualStatus::Current, false),
        contact(2, TECHNICAL, AnnualStatus::DueSoon, false),
        contact(3, CSIRT, AnnualStatus::Overdue, false),
        contact(4, TECHNICAL, AnnualStatus::Overdue, true),
    ];
    let status = directory_status(&deu(), &contacts, 2);
    assert_eq!(
        (
            status.contacts,
            status.current,
            status.due_soon,
            status.overdue,
            status.late_changes
        ),
        (3, 1, 1, 1, 2)
    );
    assert_eq!(status.next_due_on, Some(date!(2027 - 01 - 02)));
    assert_eq!(status.last_confirmed_on, Some(date!(2026 - 01 - 04)));
}

#[test]
fn reminders_for_due_soon_and_overdue_only() {
    assert_eq!(
        reminder_due(&contact(1, POLICY, AnnualStatus::Current, false)),
        None
    );
    assert_eq!(
        reminder_due(&contact(1, POLICY, AnnualStatus::DueSoon, false)),
        Some(AnnualStatus::DueSoon)
    );
    assert_eq!(
        reminder_due(&contact(1, POLICY, AnnualStatus::Overdue, false)),
        Some(AnnualStatus::Overdue)
    );
    assert_eq!(
        reminder_due(&contact(1, POLICY, AnnualStatus::Overdue, true)),
        None
    );
}

fn details() -> ContactDetails {
    ContactDetails {
        name: " Anna Muster ".into(),
        function: "Head of CERT-Bund".into(),
        organisation: "BSI".into(),
        email: "Anna.Muster@BSI.bund.de".into(),
        phone: "+49 228 99 9582 0".into(),
        available_24_7: true,
        time_zone: "Europe/Berlin".into(),
        languages: vec!["DE".into(), "en".into(), "de".into()],
        deputy: false,
        website: "https://www.bsi.bund.de".into(),
        notes: "Line one\nline two".into(),
    }
}

#[test]
fn valid_details_are_normalised() {
    let out = validate_details(POLICY, &details()).unwrap();
    assert_eq!(out.name, "Anna Muster");
    assert_eq!(out.email, "anna.muster@bsi.bund.de");
    assert_eq!(out.languages, vec!["de", "en"]);
}

#[test]
fn invalid_details_name_each_field() {
    let mut bad = details();
    bad.name = "  ".into();
    bad.email = "not-an-email".into();
    bad.phone = "0228 12345".into();
    bad.time_zone = "Europe/Berln".into();
    bad.languages = vec!["eng".into()];
    bad.website = "javascript:alert(1)".into();
    bad.organisation = "\u{7}bell".into();
    let errors = validate_details(POLICY, &bad).unwrap_err();
    let fields: Vec<&str> = errors.keys().map(String::as_str).collect();
    assert_eq!(
        fields,
        vec![
            "email",
            "languages",
            "name",
            "organisation",
            "phone",
            "time_zone",
            "website"
        ]
    );
}

#[test]
fn languages_are_iso_639_1_codes() {
    let check = |languages: &[&str], ok: bool| {
        let mut input = details();
        input.languages = languages.iter().map(|l| (*l).to_owned()).collect();
        assert_eq!(
            validate_details(POLICY, &input).is_ok(),
            ok,
            "{languages:?}"
        );
    };
    check(&["en", "fr", "de", "it", "ru", "es"], true);
    check(&["uk", "kk", "sr", "EL", " tg "], true);
    for bad in ["xx", "qq", "zz", "e1", "eng", "e"] {
        check(&["en", bad], false);
    }
}

#[test]
fn effective_dates() {
    let today = date!(2026 - 11 - 24);
    assert!(validate_effective_on(date!(2026 - 11 - 24), today).is_ok());
    assert!(validate_effective_on(date!(2001 - 01 - 01), today).is_ok());
    assert!(validate_effective_on(date!(2027 - 11 - 25), today).is_ok()); // 366 days ahead
    assert!(validate_effective_on(date!(2027 - 11 - 26), today).is_err());
    assert!(validate_effective_on(date!(1989 - 12 - 31), today).is_err());
}

fn any_date() -> impl Strategy<Value = Date> {
    (1990i32..2100, 1u8..=12, 1u8..=31).prop_map(|(y, m, d)| {
        let month = time::Month::try_from(m).unwrap();
        Date::from_calendar_date(y, month, d.min(time::util::days_in_month(month, y))).unwrap()
    })
}

proptest! {
    #[test]
    fn late_is_exactly_more_than_thirty_days(effective in any_date(), days in -400i64..400, secs in 0i64..86_400) {
        let recorded = effective.midnight().assume_utc() + Duration::days(days) + Duration::seconds(secs);
        prop_assert_eq!(notified_late(effective, recorded), days > 30);
    }

    #[test]
    fn status_moves_forward_only(confirmed in any_date(), a in 0i64..800, b in 0i64..800) {
        let (early, late) = (a.min(b), a.max(b));
        let rank = |s: AnnualStatus| match s { AnnualStatus::Current => 0, AnnualStatus::DueSoon => 1, AnnualStatus::Overdue => 2 };
        prop_assert!(rank(annual_status(confirmed, confirmed + Duration::days(early))) <= rank(annual_status(confirmed, confirmed + Duration::days(late))));
    }

    #[test]
    fn current_for_ten_months_overdue_after_thirteen(confirmed in any_date()) {
        prop_assert_eq!(annual_status(confirmed, add_months(confirmed, 10)), AnnualStatus::Current);
        prop_assert_eq!(annual_status(confirmed, add_months(confirmed, 13)), AnnualStatus::Overdue);
        let due = due_on(confirmed);
        prop_assert!((365..=366).contains(&(due - confirmed).whole_days()));
    }
}

#[test]
fn changed_fields_name_what_a_version_changed() {
    use liaison_types::directory::{Change, ContactVersion, KeySummary};
    let version = |details: ContactDetails, key: Option<&str>| ContactVersion {
        contact_id: 1,
        version: 1,
        change: Change::Changed,
        kind: TECHNICAL,
        details,
        key: key.map(|fingerprint| KeySummary {
            fingerprint: fingerprint.into(),
            algorithm: "Ed25519".into(),
            expires_at: None,
        }),
        effective_on: date!(2026 - 01 - 01),
        recorded_at: datetime!(2026-01-01 0:00 UTC),
        recorded_by: "x".into(),
        notified_late: false,
    };
    let before = version(details(), None);
    assert_eq!(changed_fields(&before, &before), Vec::<&str>::new());
    let mut phone = details();
    phone.phone = "+49 30 1".into();
    phone.available_24_7 = false;
    assert_eq!(
        changed_fields(&before, &version(phone, None)),
        vec!["phone", "available"]
    );
    assert_eq!(
        changed_fields(&before, &version(details(), Some("AB"))),
        vec!["key"]
    );
    let mut moved = version(details(), None);
    moved.kind = POLICY;
    assert_eq!(changed_fields(&before, &moved), vec!["kind"]);
}
