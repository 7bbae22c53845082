//! The points-of-contact directory (CBM 8): the annual update, the 30-day notification rule,
//! what makes a State's entry complete, and how contact details are validated. Exports and
//! imports live in the submodules, one per format.

pub mod csv;
pub mod key;
pub mod nomination;
pub mod vcard;

use crate::clock::add_months;
use liaison_types::directory::{
    AnnualStatus, Contact, ContactDetails, ContactKind, ContactVersion, DirectoryStatus, Level,
    LevelStatus,
};
use liaison_types::state::State;
use std::collections::BTreeMap;
use time::{Date, Duration, OffsetDateTime};

/// A change recorded more than this many days after it took effect was notified late (CBM 8:
/// "notify changes no later than thirty days after a change has occurred").
pub const NOTIFY_WITHIN_DAYS: i64 = 30;

/// Each contact is confirmed or changed at least every this many calendar months (CBM 8: "update
/// contact information annually").
pub const CONFIRM_EVERY_MONTHS: i32 = 12;

/// A contact is due soon in the last this many days before it falls due; reminders start then.
pub const DUE_SOON_DAYS: i64 = 30;

/// How far ahead a State may announce a change.
pub const MAX_ANNOUNCED_DAYS: i64 = 366;

/// Whether a change that took effect on `effective_on` and reached the directory at
/// `recorded_at` was notified late. Counted in whole calendar days (UTC): day 30 is on time,
/// day 31 is late. Changes announced for the future are never late.
pub fn notified_late(effective_on: Date, recorded_at: OffsetDateTime) -> bool {
    (recorded_at.date() - effective_on).whole_days() > NOTIFY_WITHIN_DAYS
}

/// The last day a contact confirmed on `confirmed_on` is still current.
pub fn due_on(confirmed_on: Date) -> Date {
    add_months(confirmed_on, CONFIRM_EVERY_MONTHS)
}

/// Where a contact confirmed on `confirmed_on` stands on `today`: current until its last 30 days,
/// due soon in them (the due date included), overdue after.
pub fn annual_status(confirmed_on: Date, today: Date) -> AnnualStatus {
    let due = due_on(confirmed_on);
    if today > due {
        AnnualStatus::Overdue
    } else if today >= due - Duration::days(DUE_SOON_DAYS) {
        AnnualStatus::DueSoon
    } else {
        AnnualStatus::Current
    }
}

/// A contact counts for CBM 8 while it is not retired and not overdue.
pub fn counts_as_current(contact: &Contact) -> bool {
    !contact.retired && contact.annual_status != AnnualStatus::Overdue
}

/// Whether the State has a current point of contact at `level`.
pub fn has_current(contacts: &[Contact], level: Level) -> bool {
    contacts
        .iter()
        .any(|c| counts_as_current(c) && c.kind == ContactKind::Poc { level })
}

/// Whether the State has a current point of contact at `level`, only overdue ones, or none.
pub fn level_status(contacts: &[Contact], level: Level) -> LevelStatus {
    if has_current(contacts, level) {
        LevelStatus::Current
    } else if contacts
        .iter()
        .any(|c| !c.retired && c.kind == ContactKind::Poc { level })
    {
        LevelStatus::Overdue
    } else {
        LevelStatus::Missing
    }
}

/// The CBM 8 status of one State's entry, from its contacts (retired ones are ignored) and the
/// number of changes it notified late within the last 12 months.
pub fn directory_status(state: &State, contacts: &[Contact], late_changes: u32) -> DirectoryStatus {
    let active: Vec<&Contact> = contacts.iter().filter(|c| !c.retired).collect();
    let count =
        |status: AnnualStatus| active.iter().filter(|c| c.annual_status == status).count() as u32;
    let has_policy = has_current(contacts, Level::Policy);
    let has_technical = has_current(contacts, Level::Technical);
    DirectoryStatus {
        state: state.clone(),
        contacts: active.len() as u32,
        current: count(AnnualStatus::Current),
        due_soon: count(AnnualStatus::DueSoon),
        overdue: count(AnnualStatus::Overdue),
        late_changes,
        has_policy,
        has_technical,
        policy: level_status(contacts, Level::Policy),
        technical: level_status(contacts, Level::Technical),
        complete: has_policy && has_technical,
        next_due_on: active.iter().map(|c| c.due_on).min(),
        last_confirmed_on: active.iter().map(|c| c.confirmed_on).max(),
        last_check_reached: None,
        check_awaiting_until: None,
        unreachable: None,
    }
}

/// Which reminder a contact needs on `today`, if any: one while it is due soon, another once it
/// is overdue. Together with its due date this names the reminder, so each is sent once.
pub fn reminder_due(contact: &Contact) -> Option<AnnualStatus> {
    match (contact.retired, contact.annual_status) {
        (false, AnnualStatus::DueSoon) => Some(AnnualStatus::DueSoon),
        (false, AnnualStatus::Overdue) => Some(AnnualStatus::Overdue),
        _ => None,
    }
}

/// The fields in which a version differs from the one before it, by the ids of the contact
/// form's fields (`kind`, `name`, …, `key`), so that a history shows what each change changed.
pub fn changed_fields(before: &ContactVersion, after: &ContactVersion) -> Vec<&'static str> {
    let (a, b) = (&before.details, &after.details);
    [
        ("kind", before.kind != after.kind),
        ("name", a.name != b.name),
        ("function", a.function != b.function),
        ("organisation", a.organisation != b.organisation),
        ("email", a.email != b.email),
        ("phone", a.phone != b.phone),
        ("available", a.available_24_7 != b.available_24_7),
        ("time-zone", a.time_zone != b.time_zone),
        ("languages", a.languages != b.languages),
        ("deputy", a.deputy != b.deputy),
        ("website", a.website != b.website),
        ("notes", a.notes != b.notes),
        (
            "key",
            before.key.as_ref().map(|k| &k.fingerprint)
                != after.key.as_ref().map(|k| &k.fingerprint),
        ),
    ]
    .into_iter()
    .filter_map(|(field, differs)| differs.then_some(field))
    .collect()
}

/// Field name → message in English, for a validation problem of the API and of files.
pub type FieldErrors = BTreeMap<String, String>;

/// Field name → what is wrong with it.
pub type Problems = BTreeMap<String, Invalid>;

/// What is wrong with a field, named so that the message catalogue can word it in every
/// language (`message_id`, `args`); `Display` gives the English wording the API and files use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    TooLong {
        max: usize,
    },
    ControlCharacters,
    Required,
    RequiredName {
        structure: bool,
    },
    Email(String),
    Phone,
    TimeZone(String),
    Language(String),
    Website,
    BeforeEarliest(Date),
    TooFarAhead(Date),
    /// A change to the contact is already scheduled for that date: withdraw it first.
    AlreadyScheduled(Date),
    /// The key is (or was) registered for a contact of another State: a key is one State's.
    KeyOfAnotherState(String),
    /// The State's entry holds [`MAX_CONTACTS`] contacts already.
    TooManyContacts,
}

/// The most contacts and structures one State's entry holds: those not retired, and those
/// created in the last day even if retired since (so creating and retiring cannot churn the
/// transparency log and the checks' mail without bound). A State's real directory is a few
/// dozen entries.
pub const MAX_CONTACTS: i64 = 200;

impl crate::wording::Worded for Invalid {
    /// The id of the message in the catalogue.
    fn message_id(&self) -> &'static str {
        match self {
            Invalid::TooLong { .. } => "invalid-too-long",
            Invalid::ControlCharacters => "invalid-control-characters",
            Invalid::Required => "invalid-required",
            Invalid::RequiredName { structure: false } => "invalid-required-name",
            Invalid::RequiredName { structure: true } => "invalid-required-structure-name",
            Invalid::Email(_) => "invalid-email",
            Invalid::Phone => "invalid-phone",
            Invalid::TimeZone(_) => "invalid-time-zone",
            Invalid::Language(_) => "invalid-language",
            Invalid::Website => "invalid-website",
            Invalid::BeforeEarliest(_) => "invalid-date-before-1990",
            Invalid::TooFarAhead(_) => "invalid-date-too-far-ahead",
            Invalid::AlreadyScheduled(_) => "invalid-already-scheduled",
            Invalid::KeyOfAnotherState(_) => "invalid-key-of-another-state",
            Invalid::TooManyContacts => "invalid-too-many-contacts",
        }
    }

    /// The message's arguments.
    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            Invalid::TooLong { max } => vec![("max", max.to_string())],
            Invalid::TooManyContacts => vec![("max", MAX_CONTACTS.to_string())],
            Invalid::Email(value)
            | Invalid::TimeZone(value)
            | Invalid::Language(value)
            | Invalid::KeyOfAnotherState(value) => {
                vec![("value", value.clone())]
            }
            Invalid::BeforeEarliest(date)
            | Invalid::TooFarAhead(date)
            | Invalid::AlreadyScheduled(date) => {
                vec![("date", date.to_string())]
            }
            _ => Vec::new(),
        }
    }
}

/// The most characters of a contact's text field (name, email, phone…), and of its notes.
pub const MAX_FIELD_CHARS: usize = 200;
pub const MAX_NOTES_CHARS: usize = 2000;

/// Checks and normalises a contact's details (trimmed text, lower-case email and languages).
pub fn validate_details(
    kind: ContactKind,
    details: &ContactDetails,
) -> Result<ContactDetails, Problems> {
    let mut errors = Problems::new();
    let mut out = details.clone();
    for (field, value) in [
        ("name", &mut out.name),
        ("function", &mut out.function),
        ("organisation", &mut out.organisation),
        ("email", &mut out.email),
        ("phone", &mut out.phone),
        ("time_zone", &mut out.time_zone),
        ("website", &mut out.website),
        ("notes", &mut out.notes),
    ] {
        *value = value.trim().to_owned();
        let max = if field == "notes" {
            MAX_NOTES_CHARS
        } else {
            MAX_FIELD_CHARS
        };
        if value.chars().count() > max {
            errors.insert(field.into(), Invalid::TooLong { max });
        }
        if value
            .chars()
            .any(|c| c.is_control() && !(field == "notes" && (c == '\n' || c == '\r' || c == '\t')))
        {
            errors.insert(field.into(), Invalid::ControlCharacters);
        }
    }
    if out.name.is_empty() {
        let structure = matches!(kind, ContactKind::Structure { .. });
        errors
            .entry("name".into())
            .or_insert(Invalid::RequiredName { structure });
    }
    if out.organisation.is_empty() {
        errors
            .entry("organisation".into())
            .or_insert(Invalid::Required);
    }
    out.email = out.email.to_lowercase();
    if out.email.is_empty() {
        errors.entry("email".into()).or_insert(Invalid::Required);
    } else if !email_address::EmailAddress::is_valid(&out.email) || !out.email.contains('.') {
        errors
            .entry("email".into())
            .or_insert(Invalid::Email(out.email.clone()));
    }
    if !out.phone.is_empty() && !valid_phone(&out.phone) {
        errors.entry("phone".into()).or_insert(Invalid::Phone);
    }
    if !out.time_zone.is_empty() && out.time_zone.parse::<chrono_tz::Tz>().is_err() {
        errors
            .entry("time_zone".into())
            .or_insert(Invalid::TimeZone(out.time_zone.clone()));
    }
    let mut languages = Vec::new();
    for language in &details.languages {
        let language = language.trim().to_lowercase();
        if language.is_empty() {
            continue;
        }
        // Two lower-case letters is not enough: `xx` is no language (ISO 639-1 is the list).
        if language.len() != 2 || isolang::Language::from_639_1(&language).is_none() {
            errors.insert("languages".into(), Invalid::Language(language.clone()));
        } else if !languages.contains(&language) {
            languages.push(language);
        }
    }
    out.languages = languages;
    if !out.website.is_empty() && !valid_website(&out.website) {
        errors.entry("website".into()).or_insert(Invalid::Website);
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn valid_website(website: &str) -> bool {
    url::Url::parse(website)
        .is_ok_and(|url| matches!(url.scheme(), "https" | "http") && url.host().is_some())
        && !website.contains(char::is_whitespace)
}

fn valid_phone(phone: &str) -> bool {
    let digits = phone.bytes().filter(u8::is_ascii_digit).count();
    phone.starts_with('+')
        && (7..=17).contains(&digits)
        && phone[1..]
            .bytes()
            .all(|b| b.is_ascii_digit() || b" -()/".contains(&b))
}

/// Checks a whole change: the details and the date it took effect, every problem at once.
pub fn check_input(
    input: &liaison_types::directory::ContactInput,
    today: Date,
) -> Result<ContactDetails, Problems> {
    let checked = validate_details(input.kind, &input.details);
    let date = validate_effective_on(input.effective_on, today);
    match (checked, date) {
        (Ok(details), Ok(())) => Ok(details),
        (Ok(_), Err(invalid)) => Err(Problems::from([("effective_on".to_owned(), invalid)])),
        (Err(mut problems), date) => {
            if let Err(invalid) = date {
                problems.insert("effective_on".into(), invalid);
            }
            Err(problems)
        }
    }
}

/// A scheduled change recorded against `base`, applied on top of `now` (a change that took
/// effect meanwhile): each field the scheduled change changed takes its value, every other
/// field keeps `now`'s.
pub fn rebase_details(
    base: &ContactDetails,
    scheduled: &ContactDetails,
    now: &ContactDetails,
) -> ContactDetails {
    fn pick<T: PartialEq + Clone>(base: &T, scheduled: &T, now: &T) -> T {
        if scheduled != base {
            scheduled.clone()
        } else {
            now.clone()
        }
    }
    ContactDetails {
        name: pick(&base.name, &scheduled.name, &now.name),
        function: pick(&base.function, &scheduled.function, &now.function),
        organisation: pick(
            &base.organisation,
            &scheduled.organisation,
            &now.organisation,
        ),
        email: pick(&base.email, &scheduled.email, &now.email),
        phone: pick(&base.phone, &scheduled.phone, &now.phone),
        available_24_7: pick(
            &base.available_24_7,
            &scheduled.available_24_7,
            &now.available_24_7,
        ),
        time_zone: pick(&base.time_zone, &scheduled.time_zone, &now.time_zone),
        languages: pick(&base.languages, &scheduled.languages, &now.languages),
        deputy: pick(&base.deputy, &scheduled.deputy, &now.deputy),
        website: pick(&base.website, &scheduled.website, &now.website),
        notes: pick(&base.notes, &scheduled.notes, &now.notes),
    }
}

/// Checks the date a change took effect: any past date is fine (late notifications are
/// recorded, not refused), announced changes may lie up to a year ahead.
pub fn validate_effective_on(effective_on: Date, today: Date) -> Result<(), Invalid> {
    if effective_on.year() < 1990 {
        Err(Invalid::BeforeEarliest(effective_on))
    } else if (effective_on - today).whole_days() > MAX_ANNOUNCED_DAYS {
        Err(Invalid::TooFarAhead(effective_on))
    } else {
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
