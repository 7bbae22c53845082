//! The rules of the annual information exchange (CBMs 1, 4, 6, 7, 9, 15): a cycle's dates and
//! sections, whether a submission is late, whether it may be submitted (no required section
//! empty, every section not in English with its English translation), and the document
//! references submissions are circulated under (`reference`), and the terminology section read
//! from CSV (`terms`).

pub mod diff;
pub mod nesting;
pub mod reference;
pub mod terms;

use crate::wording::Worded;
use liaison_types::exchange::{OFFICIAL_LANGUAGES, Section, SubmissionStatus};
use std::collections::BTreeMap;
use time::{Date, Month, OffsetDateTime};

/// The years a cycle may be opened for.
pub const YEARS: std::ops::RangeInclusive<i32> = 2013..=2100;

/// What is wrong with a cycle, a pattern or a submission; worded by the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    /// The year is outside [`YEARS`].
    Year { year: i32 },
    /// The cycle opens after its deadline.
    OpensAfterDeadline { opens_on: Date, deadline: Date },
    /// The cycle asks for no section.
    NoSections,
    /// A section is asked for twice.
    DuplicateSection(Section),
    /// The document reference pattern is not usable.
    Pattern(String),
    /// A required section has no text.
    EmptySection(Section),
    /// A section is written in a language that is not an official OSCE language.
    Language { section: Section, language: String },
    /// A section not in English has no English translation.
    MissingTranslation { section: Section, language: String },
    /// The section is not one the cycle asks for.
    NotAsked(Section),
    /// A term of the terminology section is not valid.
    Term { index: usize, problem: String },
    /// The cycle does not open before this day.
    NotOpen { opens_on: Date },
    /// The submission waits for the network manager to circulate it and cannot change.
    AwaitingCirculation,
    /// The circulated submission has no change to submit as a revision.
    NothingToRevise,
    /// Only a submitted input is circulated.
    NotSubmitted,
    /// A text is longer than a section may be.
    TooLong { max: usize },
    /// A text nests block quotes or lists deeper than [`nesting::MAX_NESTING`].
    TooDeep { max: usize },
    /// A message of an inquiry is empty.
    EmptyPost,
    /// An inquiry's thread already took [`MAX_POSTS_PER_HOUR`] messages in the last hour.
    TooManyPosts { max: usize },
    /// A text's formatting makes its HTML larger than [`MAX_HTML_BYTES`].
    TooHeavy { max_kib: usize },
    /// A draft took more than [`MAX_SAVED_BYTES_PER_DAY`] of text in the last day.
    TooMuchSaved { max_mib: usize },
    /// A State opened [`MAX_INQUIRIES_PER_DAY`] inquiries in the last day.
    TooManyInquiries { max: usize },
    /// An attachment has no usable file name.
    AttachmentName,
    /// An attachment is an empty file.
    AttachmentEmpty,
    /// An attachment is larger than [`MAX_ATTACHMENT_BYTES`].
    AttachmentTooLarge { max_mib: usize },
    /// A section already carries [`MAX_ATTACHMENTS`] attachments.
    TooManyAttachments { max: usize },
    /// A section declared not provided carries a text, a translation or terms.
    NotProvidedWithText,
    /// The reason a section is not provided is longer than [`MAX_REASON`].
    ReasonTooLong { max: usize },
    /// A recorded document reference is not 1 to `max` printable ASCII characters.
    ReferenceFormat { max: usize },
    /// Another document is, or was, known by this reference.
    ReferenceTaken { reference: String },
}

impl Worded for Invalid {
    fn message_id(&self) -> &'static str {
        match self {
            Invalid::Year { .. } => "invalid-exchange-year",
            Invalid::OpensAfterDeadline { .. } => "invalid-exchange-opens-after-deadline",
            Invalid::NoSections => "invalid-exchange-no-sections",
            Invalid::DuplicateSection(_) => "invalid-exchange-duplicate-section",
            Invalid::Pattern(_) => "invalid-exchange-pattern",
            Invalid::EmptySection(_) => "invalid-exchange-empty-section",
            Invalid::Language { .. } => "invalid-exchange-language",
            Invalid::MissingTranslation { .. } => "invalid-exchange-missing-translation",
            Invalid::NotAsked(_) => "invalid-exchange-not-asked",
            Invalid::Term { .. } => "invalid-exchange-term",
            Invalid::NotOpen { .. } => "invalid-exchange-not-open",
            Invalid::AwaitingCirculation => "invalid-exchange-awaiting-circulation",
            Invalid::NothingToRevise => "invalid-exchange-nothing-to-revise",
            Invalid::NotSubmitted => "invalid-exchange-not-submitted",
            Invalid::TooLong { .. } => "invalid-exchange-too-long",
            Invalid::TooDeep { .. } => "invalid-exchange-too-deep",
            Invalid::EmptyPost => "invalid-exchange-empty-post",
            Invalid::TooManyPosts { .. } => "invalid-exchange-too-many-posts",
            Invalid::TooHeavy { .. } => "invalid-exchange-too-heavy",
            Invalid::TooMuchSaved { .. } => "invalid-exchange-too-much-saved",
            Invalid::TooManyInquiries { .. } => "invalid-exchange-too-many-inquiries",
            Invalid::AttachmentName => "invalid-exchange-attachment-name",
            Invalid::AttachmentEmpty => "invalid-exchange-attachment-empty",
            Invalid::AttachmentTooLarge { .. } => "invalid-exchange-attachment-too-large",
            Invalid::TooManyAttachments { .. } => "invalid-exchange-too-many-attachments",
            Invalid::NotProvidedWithText => "invalid-exchange-not-provided-with-text",
            Invalid::ReasonTooLong { .. } => "invalid-exchange-reason-too-long",
            Invalid::ReferenceFormat { .. } => "invalid-exchange-reference-format",
            Invalid::ReferenceTaken { .. } => "invalid-exchange-reference-taken",
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            Invalid::Year { year } => vec![("year", year.to_string())],
            Invalid::OpensAfterDeadline { opens_on, deadline } => vec![
                ("opens_on", opens_on.to_string()),
                ("deadline", deadline.to_string()),
            ],
            Invalid::NoSections
            | Invalid::AwaitingCirculation
            | Invalid::NothingToRevise
            | Invalid::NotSubmitted
            | Invalid::AttachmentName
            | Invalid::AttachmentEmpty
            | Invalid::NotProvidedWithText
            | Invalid::EmptyPost => Vec::new(),
            Invalid::AttachmentTooLarge { max_mib } => vec![("max", max_mib.to_string())],
            Invalid::TooManyAttachments { max }
            | Invalid::ReasonTooLong { max }
            | Invalid::ReferenceFormat { max } => vec![("max", max.to_string())],
            Invalid::ReferenceTaken { reference } => vec![("reference", reference.clone())],
            Invalid::NotAsked(section) => vec![("section", section.as_str().to_owned())],
            Invalid::Term { index, problem } => vec![
                ("number", (index + 1).to_string()),
                ("problem", problem.clone()),
            ],
            Invalid::NotOpen { opens_on } => vec![("opens_on", opens_on.to_string())],
            Invalid::TooLong { max }
            | Invalid::TooDeep { max }
            | Invalid::TooManyPosts { max }
            | Invalid::TooManyInquiries { max } => vec![("max", max.to_string())],
            Invalid::TooHeavy { max_kib } => vec![("max", max_kib.to_string())],
            Invalid::TooMuchSaved { max_mib } => vec![("max", max_mib.to_string())],
            Invalid::DuplicateSection(section) | Invalid::EmptySection(section) => {
                vec![("section", section.as_str().to_owned())]
            }
            Invalid::Pattern(problem) => vec![("problem", problem.clone())],
            Invalid::Language { section, language }
            | Invalid::MissingTranslation { section, language } => vec![
                ("section", section.as_str().to_owned()),
                ("language", language.clone()),
            ],
        }
    }
}

/// The largest attachment of a section.
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;

/// The most attachments one section carries.
pub const MAX_ATTACHMENTS: usize = 10;

/// Checks a file attached to a section that already carries `carried` attachments, and returns
/// the name it is kept under: the last part of the name the browser sent (never a path), without
/// control or invisible formatting characters (`text::is_hidden`), at most 200 characters.
pub fn check_attachment(name: &str, size: usize, carried: usize) -> Result<String, Invalid> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = base
        .chars()
        .filter(|&c| !crate::text::is_hidden(c))
        .collect();
    let clean = clean.trim();
    if clean.is_empty() || clean == "." || clean == ".." || clean.chars().count() > 200 {
        return Err(Invalid::AttachmentName);
    }
    if size == 0 {
        return Err(Invalid::AttachmentEmpty);
    }
    if size > MAX_ATTACHMENT_BYTES {
        return Err(Invalid::AttachmentTooLarge {
            max_mib: MAX_ATTACHMENT_BYTES / (1024 * 1024),
        });
    }
    if carried >= MAX_ATTACHMENTS {
        return Err(Invalid::TooManyAttachments {
            max: MAX_ATTACHMENTS,
        });
    }
    Ok(clean.to_owned())
}

/// The content type an attachment is served with: the declared one when it is a common
/// document or image type that a browser does not run, `application/octet-stream` otherwise.
pub fn served_type(declared: &str) -> &'static str {
    SERVED_TYPES
        .into_iter()
        .find(|known| {
            known.eq_ignore_ascii_case(declared.split(';').next().unwrap_or_default().trim())
        })
        .unwrap_or("application/octet-stream")
}

/// The content types an attachment is served as when uploaded as one of them (anything else is
/// served as `application/octet-stream`): documents, spreadsheets, images and plain text that
/// a browser does not run.
pub const SERVED_TYPES: [&str; 12] = [
    "application/pdf",
    "text/plain",
    "text/csv",
    "image/png",
    "image/jpeg",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/zip",
];

/// The deadline of a cycle when the manager gives none: 31 October of its year.
pub fn default_deadline(year: i32) -> Date {
    Date::from_calendar_date(year, Month::October, 31).unwrap_or(Date::MIN)
}

/// A cycle as the manager opens it, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CyclePlan {
    pub year: i32,
    pub opens_on: Date,
    pub deadline: Date,
    pub sections: Vec<Section>,
}

/// Checks a cycle: a year of the exchange, an opening date not after the deadline (31 October
/// of the year by default; any date is allowed, to align with UN timetables), and at least one
/// section, each once (all six by default). Problems by field.
pub fn plan_cycle(
    year: i32,
    opens_on: Date,
    deadline: Option<Date>,
    sections: Option<&[Section]>,
) -> Result<CyclePlan, BTreeMap<String, Invalid>> {
    let mut problems = BTreeMap::new();
    if !YEARS.contains(&year) {
        problems.insert("year".to_owned(), Invalid::Year { year });
    }
    let deadline = deadline.unwrap_or_else(|| default_deadline(year));
    if opens_on > deadline {
        problems.insert(
            "opens_on".to_owned(),
            Invalid::OpensAfterDeadline { opens_on, deadline },
        );
    }
    let sections = sections.map_or_else(|| Section::ALL.to_vec(), <[Section]>::to_vec);
    if sections.is_empty() {
        problems.insert("sections".to_owned(), Invalid::NoSections);
    }
    let mut seen = std::collections::BTreeSet::new();
    for section in &sections {
        if !seen.insert(*section) {
            problems.insert("sections".to_owned(), Invalid::DuplicateSection(*section));
        }
    }
    if problems.is_empty() {
        Ok(CyclePlan {
            year,
            opens_on,
            deadline,
            sections,
        })
    } else {
        Err(problems)
    }
}

/// Whether a submission made at `at` is late for a cycle with `deadline`: the deadline day
/// counts in full, in UTC. A late submission is still accepted, and marked.
pub fn is_late(at: OffsetDateTime, deadline: Date) -> bool {
    at.to_offset(time::UtcOffset::UTC).date() > deadline
}

/// Whether a submission is late, made at `at`: a State's input is as timely as its first
/// submission, so a revision or a correction submitted after the deadline keeps the mark
/// (`earlier`) the first one was given.
pub fn submitted_late(earlier: Option<bool>, at: OffsetDateTime, deadline: Date) -> bool {
    earlier.unwrap_or_else(|| is_late(at, deadline))
}

/// One section of a draft as submitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionText<'a> {
    pub section: Section,
    /// The official OSCE language the section is written in.
    pub language: &'a str,
    pub text: &'a str,
    /// The English translation (none needed when `language` is English).
    pub english: Option<&'a str>,
    /// How many terms it lists (the terminology section; each term carries its own English).
    pub terms: usize,
    /// The State declared that it does not provide the section this year.
    pub not_provided: bool,
}

fn blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// Every reason a draft cannot be submitted, in the order of the cycle's sections: a required
/// section missing or empty (no text and no term), a language that is not official, a
/// non-English text without its English translation. Empty when it may be submitted. A section
/// the State declared not provided this year is answered: Decision No. 1202 leaves the extent of
/// an input to each State.
pub fn submission_problems(required: &[Section], sections: &[SectionText<'_>]) -> Vec<Invalid> {
    let mut problems = Vec::new();
    for section in required {
        let Some(text) = sections.iter().find(|s| s.section == *section) else {
            problems.push(Invalid::EmptySection(*section));
            continue;
        };
        if text.not_provided {
            continue;
        }
        if blank(text.text) && text.terms == 0 {
            problems.push(Invalid::EmptySection(*section));
            continue;
        }
        if !OFFICIAL_LANGUAGES.contains(&text.language) {
            problems.push(Invalid::Language {
                section: *section,
                language: text.language.to_owned(),
            });
        } else if text.language != "en" && !blank(text.text) && text.english.is_none_or(blank) {
            problems.push(Invalid::MissingTranslation {
                section: *section,
                language: text.language.to_owned(),
            });
        }
    }
    problems
}

/// The most characters a section's text (or its translation) may have.
pub const MAX_TEXT: usize = 200_000;

/// The most characters of the reason a section is not provided.
pub const MAX_REASON: usize = 2_000;

/// The most characters of one message of an inquiry.
pub const MAX_POST: usize = 20_000;

/// The most messages an inquiry's thread takes in an hour (both States together): a thread is
/// a conversation, and a flood of messages on another State's document is a way to slow its
/// pages.
pub const MAX_POSTS_PER_HOUR: usize = 30;

/// The most bytes a text's HTML may take (formatting multiplies a text's size: a text of nested
/// quotes takes twenty times its length as HTML, all of it stored).
pub const MAX_HTML_BYTES: usize = 1024 * 1024;

/// The most text (originals and translations, in bytes) a draft takes in a day: thousands of
/// saves of ordinary sections, and no way to fill the disk.
pub const MAX_SAVED_BYTES_PER_DAY: usize = 20 * 1024 * 1024;

/// The most inquiries a State opens in a day (each notifies the submitting State).
pub const MAX_INQUIRIES_PER_DAY: usize = 20;

/// A text's HTML within [`MAX_HTML_BYTES`].
pub fn check_html(html_bytes: usize) -> Result<(), Invalid> {
    if html_bytes > MAX_HTML_BYTES {
        Err(Invalid::TooHeavy {
            max_kib: MAX_HTML_BYTES / 1024,
        })
    } else {
        Ok(())
    }
}

/// Whether a draft that took `saved_today` bytes of text in the last day may take `more`.
pub fn check_saved_today(saved_today: usize, more: usize) -> Result<(), Invalid> {
    if saved_today.saturating_add(more) > MAX_SAVED_BYTES_PER_DAY {
        Err(Invalid::TooMuchSaved {
            max_mib: MAX_SAVED_BYTES_PER_DAY / (1024 * 1024),
        })
    } else {
        Ok(())
    }
}

/// Whether a State that opened `opened_today` inquiries in the last day may open another.
pub fn check_inquiries_today(opened_today: usize) -> Result<(), Invalid> {
    if opened_today >= MAX_INQUIRIES_PER_DAY {
        Err(Invalid::TooManyInquiries {
            max: MAX_INQUIRIES_PER_DAY,
        })
    } else {
        Ok(())
    }
}

/// A Markdown text within `max` characters and [`nesting::MAX_NESTING`] levels.
pub fn check_markdown(text: &str, max: usize) -> Result<(), Invalid> {
    if text.chars().count() > max {
        Err(Invalid::TooLong { max })
    } else if nesting::nesting(text) > nesting::MAX_NESTING {
        Err(Invalid::TooDeep {
            max: nesting::MAX_NESTING,
        })
    } else {
        Ok(())
    }
}

/// A message of an inquiry, trimmed: not empty, within [`MAX_POST`] characters and
/// [`nesting::MAX_NESTING`] levels, and the thread not past [`MAX_POSTS_PER_HOUR`] messages in
/// the last hour (`last_hour` of them already).
pub fn check_post(text: &str, last_hour: usize) -> Result<String, Invalid> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Invalid::EmptyPost);
    }
    check_markdown(text, MAX_POST)?;
    if last_hour >= MAX_POSTS_PER_HOUR {
        return Err(Invalid::TooManyPosts {
            max: MAX_POSTS_PER_HOUR,
        });
    }
    Ok(text.to_owned())
}

/// Whether a section may be saved: the cycle asks for it, it is open, the submission is not
/// waiting for circulation, the language is official (checked at once, so a draft never holds
/// an unofficial one), the texts within [`MAX_TEXT`] and every term valid (normalised in place).
pub fn check_section(
    cycle: &CyclePlan,
    status: SubmissionStatus,
    today: Date,
    section: Section,
    input: &mut liaison_types::exchange::SectionInput,
) -> Result<(), BTreeMap<String, Invalid>> {
    let mut problems = BTreeMap::new();
    if !cycle.sections.contains(&section) {
        problems.insert("section".to_owned(), Invalid::NotAsked(section));
    }
    if today < cycle.opens_on {
        problems.insert(
            "section".to_owned(),
            Invalid::NotOpen {
                opens_on: cycle.opens_on,
            },
        );
    }
    if status == SubmissionStatus::Submitted {
        problems.insert("section".to_owned(), Invalid::AwaitingCirculation);
    }
    input.language = input.language.trim().to_lowercase();
    if !OFFICIAL_LANGUAGES.contains(&input.language.as_str()) {
        problems.insert(
            "language".to_owned(),
            Invalid::Language {
                section,
                language: input.language.clone(),
            },
        );
    }
    if input.language == "en" {
        input.english = None;
    }
    if input.english.as_deref().is_some_and(blank) {
        input.english = None;
    }
    for (field, text) in [
        ("text", Some(&input.text)),
        ("english", input.english.as_ref()),
    ] {
        if let Some(Err(problem)) = text.map(|t| check_markdown(t, MAX_TEXT)) {
            problems.insert(field.to_owned(), problem);
        }
    }
    if section != Section::Terminology && !input.terms.is_empty() {
        problems.insert(
            "terms".to_owned(),
            Invalid::Term {
                index: 0,
                problem: "only the terminology section lists terms".to_owned(),
            },
        );
    }
    if input.terms.len() > terms::MAX_TERMS {
        problems.insert(
            "terms".to_owned(),
            Invalid::Term {
                index: terms::MAX_TERMS,
                problem: format!("a section lists at most {} terms", terms::MAX_TERMS),
            },
        );
    }
    let mut checked = Vec::with_capacity(input.terms.len());
    for (index, term) in std::mem::take(&mut input.terms).into_iter().enumerate() {
        match terms::check(term) {
            Ok(term) => checked.push(term),
            Err(errors) => {
                problems
                    .entry("terms".to_owned())
                    .or_insert_with(|| Invalid::Term {
                        index,
                        problem: errors.join("; "),
                    });
            }
        }
    }
    input.terms = checked;
    input.reason = input
        .reason
        .take()
        .map(|reason| reason.trim().to_owned())
        .filter(|reason| input.not_provided && !reason.is_empty());
    if input.not_provided {
        if !blank(&input.text) || input.english.is_some() || !input.terms.is_empty() {
            problems.insert("not_provided".to_owned(), Invalid::NotProvidedWithText);
        }
        input.text.clear();
        if input
            .reason
            .as_ref()
            .is_some_and(|r| r.chars().count() > MAX_REASON)
        {
            problems.insert(
                "reason".to_owned(),
                Invalid::ReasonTooLong { max: MAX_REASON },
            );
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Whether a submission in `status` may be submitted now (its sections are checked by
/// [`submission_problems`]): not while it waits for circulation, and after circulation only
/// when a section changed (a revision).
pub fn may_submit(status: SubmissionStatus) -> Result<(), Invalid> {
    match status {
        SubmissionStatus::Submitted => Err(Invalid::AwaitingCirculation),
        SubmissionStatus::Circulated => Err(Invalid::NothingToRevise),
        SubmissionStatus::NotStarted | SubmissionStatus::Draft | SubmissionStatus::Revising => {
            Ok(())
        }
    }
}

/// What a submission becomes when it is submitted: circulated at once, or waiting for the
/// network manager.
pub fn after_submit(circulation: liaison_types::exchange::Circulation) -> SubmissionStatus {
    match circulation {
        liaison_types::exchange::Circulation::OnSubmission => SubmissionStatus::Circulated,
        liaison_types::exchange::Circulation::ByManager => SubmissionStatus::Submitted,
    }
}

/// What a submission becomes when a section is saved.
pub fn after_save(status: SubmissionStatus) -> SubmissionStatus {
    match status {
        SubmissionStatus::Circulated | SubmissionStatus::Revising => SubmissionStatus::Revising,
        _ => SubmissionStatus::Draft,
    }
}

/// Only a submission waiting for circulation is circulated by the network manager.
pub fn may_circulate(status: SubmissionStatus) -> Result<(), Invalid> {
    if status == SubmissionStatus::Submitted {
        Ok(())
    } else {
        Err(Invalid::NotSubmitted)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use liaison_types::exchange::Term;
    use proptest::prelude::*;
    use time::macros::{date, datetime};

    #[test]
    fn an_attachment_keeps_only_its_file_name_and_stays_within_the_limits() {
        assert_eq!(
            check_attachment("C:\\Users\\me\\BSI-Gesetz.pdf", 10, 0).unwrap(),
            "BSI-Gesetz.pdf"
        );
        assert_eq!(
            check_attachment("../../etc/pass\u{0}wd", 10, 0).unwrap(),
            "passwd"
        );
        assert_eq!(check_attachment("..", 10, 0), Err(Invalid::AttachmentName));
        // An override that would show `….exe` as `….html` is dropped, and so is a zero width.
        assert_eq!(
            check_attachment("résumé\u{202E}lmth.exe", 10, 0).unwrap(),
            "résumélmth.exe"
        );
        assert_eq!(check_attachment("a\u{200B}.pdf", 10, 0).unwrap(), "a.pdf");
        assert_eq!(
            check_attachment("dir/", 10, 0),
            Err(Invalid::AttachmentName)
        );
        assert_eq!(
            check_attachment(&"a".repeat(201), 10, 0),
            Err(Invalid::AttachmentName)
        );
        assert_eq!(
            check_attachment("a.pdf", 0, 0),
            Err(Invalid::AttachmentEmpty)
        );
        assert_eq!(
            check_attachment("a.pdf", MAX_ATTACHMENT_BYTES + 1, 0),
            Err(Invalid::AttachmentTooLarge { max_mib: 10 })
        );
        assert!(check_attachment("a.pdf", MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS - 1).is_ok());
        assert_eq!(
            check_attachment("a.pdf", 1, MAX_ATTACHMENTS),
            Err(Invalid::TooManyAttachments { max: 10 })
        );
    }

    #[test]
    fn attachments_are_served_as_documents_or_as_bytes_never_as_pages() {
        assert_eq!(served_type("application/pdf"), "application/pdf");
        assert_eq!(served_type("Text/Plain; charset=utf-8"), "text/plain");
        for active in [
            "text/html",
            "image/svg+xml",
            "application/javascript",
            "",
            "text/xml",
        ] {
            assert_eq!(served_type(active), "application/octet-stream", "{active}");
        }
    }

    proptest! {
        /// Whatever name a browser sends, the kept name is never a path and has no control
        /// character.
        #[test]
        fn a_kept_attachment_name_is_never_a_path(name in "\\PC{0,40}") {
            if let Ok(kept) = check_attachment(&name, 1, 0) {
                prop_assert!(!kept.contains('/') && !kept.contains('\\'));
                prop_assert!(!kept.chars().any(char::is_control));
                prop_assert!(kept != "." && kept != ".." && !kept.is_empty());
            }
        }
    }

    #[test]
    fn a_cycle_defaults_to_31_october_and_all_six_sections() {
        let plan = plan_cycle(2027, date!(2027 - 06 - 01), None, None).unwrap();
        assert_eq!(plan.deadline, date!(2027 - 10 - 31));
        assert_eq!(plan.sections, Section::ALL);
        assert_eq!(
            Section::ALL.map(Section::cbm),
            [1, 4, 6, 7, 9, 15],
            "the sections answer CBMs 1, 4, 6, 7, 9 and 15"
        );
        // Any deadline, to align with UN timetables, even in the next year.
        let un = plan_cycle(
            2027,
            date!(2027 - 06 - 01),
            Some(date!(2028 - 01 - 15)),
            Some(&[Section::Threats]),
        )
        .unwrap();
        assert_eq!(un.deadline, date!(2028 - 01 - 15));
    }

    #[test]
    fn a_bad_cycle_names_each_problem_by_field() {
        let problems = plan_cycle(
            1999,
            date!(1999 - 12 - 01),
            None,
            Some(&[Section::Threats, Section::Threats]),
        )
        .unwrap_err();
        assert_eq!(problems["year"], Invalid::Year { year: 1999 });
        assert!(matches!(
            problems["opens_on"],
            Invalid::OpensAfterDeadline { .. }
        ));
        assert_eq!(
            problems["sections"],
            Invalid::DuplicateSection(Section::Threats)
        );
        let none = plan_cycle(2027, date!(2027 - 01 - 01), None, Some(&[])).unwrap_err();
        assert_eq!(none["sections"], Invalid::NoSections);
    }

    #[test]
    fn the_deadline_day_counts_in_full() {
        let deadline = date!(2027 - 10 - 31);
        assert!(!is_late(datetime!(2027-10-31 23:59:59 UTC), deadline));
        assert!(is_late(datetime!(2027-11-01 00:00:00 UTC), deadline));
        // 23:30 in Vienna on 1 November is 22:30 UTC: late.
        assert!(is_late(datetime!(2027-11-01 23:30:00 +1), deadline));
        // 00:30 in Vienna on 1 November is still 31 October in UTC.
        assert!(!is_late(datetime!(2027-11-01 00:30:00 +1), deadline));
        // A revision or a correction keeps the first submission's mark.
        let after = datetime!(2027-11-02 09:00 UTC);
        assert!(submitted_late(None, after, deadline));
        assert!(!submitted_late(Some(false), after, deadline));
        assert!(submitted_late(
            Some(true),
            datetime!(2027-10-01 09:00 UTC),
            deadline
        ));
    }

    #[test]
    fn a_submission_names_every_empty_or_untranslated_section() {
        let required = [Section::Threats, Section::Legislation, Section::Terminology];
        let sections = [
            SectionText {
                section: Section::Threats,
                language: "fr",
                text: "Les menaces…",
                english: None,
                terms: 0,
                not_provided: false,
            },
            SectionText {
                section: Section::Legislation,
                language: "en",
                text: "   ",
                english: None,
                terms: 0,
                not_provided: false,
            },
        ];
        assert_eq!(
            submission_problems(&required, &sections),
            [
                Invalid::MissingTranslation {
                    section: Section::Threats,
                    language: "fr".into()
                },
                Invalid::EmptySection(Section::Legislation),
                Invalid::EmptySection(Section::Terminology),
            ]
        );
        let fixed = [
            SectionText {
                section: Section::Threats,
                language: "fr",
                text: "Les menaces…",
                english: Some("Threats…"),
                terms: 0,
                not_provided: false,
            },
            SectionText {
                section: Section::Legislation,
                language: "en",
                text: "The Act of 2026…",
                english: None,
                terms: 0,
                not_provided: false,
            },
            SectionText {
                section: Section::Terminology,
                language: "pt",
                text: "termo",
                english: Some("term"),
                terms: 0,
                not_provided: false,
            },
        ];
        assert_eq!(
            submission_problems(&required, &fixed),
            [Invalid::Language {
                section: Section::Terminology,
                language: "pt".into()
            }]
        );
    }

    #[test]
    fn a_submission_moves_from_draft_to_circulated_and_to_revisions() {
        use liaison_types::exchange::Circulation;
        assert_eq!(
            after_save(SubmissionStatus::NotStarted),
            SubmissionStatus::Draft
        );
        assert_eq!(
            after_submit(Circulation::OnSubmission),
            SubmissionStatus::Circulated
        );
        assert_eq!(
            after_submit(Circulation::ByManager),
            SubmissionStatus::Submitted
        );
        assert_eq!(
            may_submit(SubmissionStatus::Submitted),
            Err(Invalid::AwaitingCirculation)
        );
        assert_eq!(
            may_submit(SubmissionStatus::Circulated),
            Err(Invalid::NothingToRevise)
        );
        assert!(may_submit(SubmissionStatus::Revising).is_ok());
        assert_eq!(
            after_save(SubmissionStatus::Circulated),
            SubmissionStatus::Revising
        );
        assert!(may_circulate(SubmissionStatus::Submitted).is_ok());
        assert_eq!(
            may_circulate(SubmissionStatus::Draft),
            Err(Invalid::NotSubmitted)
        );
    }

    #[test]
    fn a_section_is_checked_before_it_is_saved() {
        use liaison_types::exchange::SectionInput;
        let cycle = plan_cycle(
            2027,
            date!(2027 - 01 - 10),
            None,
            Some(&[Section::Threats, Section::Terminology]),
        )
        .unwrap();
        let today = date!(2027 - 01 - 15);
        let mut ok = SectionInput {
            language: " FR ".into(),
            text: "Les menaces".into(),
            english: Some("  ".into()),
            terms: Vec::new(),
            ..Default::default()
        };
        check_section(
            &cycle,
            SubmissionStatus::Draft,
            today,
            Section::Threats,
            &mut ok,
        )
        .unwrap();
        assert_eq!(ok.language, "fr");
        assert_eq!(ok.english, None, "a blank translation is no translation");
        let mut bad = SectionInput {
            language: "pt".into(),
            text: "x".into(),
            english: None,
            terms: vec![Term {
                term: "t".into(),
                language: "en".into(),
                definition: "d".into(),
                english_term: String::new(),
                english_definition: String::new(),
                source: String::new(),
            }],
            ..Default::default()
        };
        let problems = check_section(
            &cycle,
            SubmissionStatus::Submitted,
            date!(2027 - 01 - 01),
            Section::Legislation,
            &mut bad,
        )
        .unwrap_err();
        assert!(matches!(problems["language"], Invalid::Language { .. }));
        assert!(matches!(problems["terms"], Invalid::Term { .. }));
        assert!(problems.contains_key("section"));
        let mut terms = SectionInput {
            language: "de".into(),
            text: String::new(),
            english: None,
            terms: vec![Term {
                term: "Cyberangriff".into(),
                language: "de".into(),
                definition: "Ein Angriff".into(),
                english_term: String::new(),
                english_definition: String::new(),
                source: String::new(),
            }],
            ..Default::default()
        };
        let problems = check_section(
            &cycle,
            SubmissionStatus::Draft,
            today,
            Section::Terminology,
            &mut terms,
        )
        .unwrap_err();
        assert!(
            matches!(&problems["terms"], Invalid::Term { index: 0, problem } if problem.contains("english_term"))
        );
        // A refused section keeps only its valid terms: the caller sends them again, fixed.
        assert!(terms.terms.is_empty());
        terms.terms = vec![Term {
            term: "Cyberangriff".into(),
            language: "de".into(),
            definition: "Ein Angriff".into(),
            english_term: "cyber attack".into(),
            english_definition: "An attack".into(),
            source: String::new(),
        }];
        check_section(
            &cycle,
            SubmissionStatus::Draft,
            today,
            Section::Terminology,
            &mut terms,
        )
        .unwrap();
        // A terminology section of terms only, in German, needs no translation of its (empty) text.
        let section = SectionText {
            section: Section::Terminology,
            language: "de",
            text: "",
            english: None,
            terms: 1,
            not_provided: false,
        };
        assert!(submission_problems(&[Section::Terminology], &[section]).is_empty());
    }

    #[test]
    fn a_section_not_provided_answers_it_and_carries_no_text() {
        use liaison_types::exchange::SectionInput;
        let cycle = CyclePlan {
            year: 2027,
            opens_on: date!(2027 - 01 - 01),
            deadline: date!(2027 - 10 - 31),
            sections: Section::ALL.to_vec(),
        };
        let today = date!(2027 - 03 - 01);
        let mut declared = SectionInput {
            language: "fr".into(),
            not_provided: true,
            reason: Some("  Pas de changement depuis 2025.  ".into()),
            ..Default::default()
        };
        check_section(
            &cycle,
            SubmissionStatus::Draft,
            today,
            Section::Legislation,
            &mut declared,
        )
        .unwrap();
        assert_eq!(
            declared.reason.as_deref(),
            Some("Pas de changement depuis 2025.")
        );
        // No translation is asked of a section not provided, and it answers the section.
        let text = SectionText {
            section: Section::Legislation,
            language: "fr",
            text: "",
            english: None,
            terms: 0,
            not_provided: true,
        };
        assert!(submission_problems(&[Section::Legislation], &[text]).is_empty());

        // A text with it is refused; so is a reason beyond the limit.
        let mut both = SectionInput {
            language: "en".into(),
            text: "Our legislation…".into(),
            not_provided: true,
            ..Default::default()
        };
        let problems = check_section(
            &cycle,
            SubmissionStatus::Draft,
            today,
            Section::Legislation,
            &mut both,
        )
        .unwrap_err();
        assert_eq!(problems["not_provided"], Invalid::NotProvidedWithText);
        let mut long = SectionInput {
            language: "en".into(),
            not_provided: true,
            reason: Some("x".repeat(MAX_REASON + 1)),
            ..Default::default()
        };
        let problems = check_section(
            &cycle,
            SubmissionStatus::Draft,
            today,
            Section::Legislation,
            &mut long,
        )
        .unwrap_err();
        assert_eq!(
            problems["reason"],
            Invalid::ReasonTooLong { max: MAX_REASON }
        );
        // A reason without the declaration is dropped.
        let mut written = SectionInput {
            language: "en".into(),
            text: "Our legislation…".into(),
            reason: Some("ignored".into()),
            ..Default::default()
        };
        check_section(
            &cycle,
            SubmissionStatus::Draft,
            today,
            Section::Legislation,
            &mut written,
        )
        .unwrap();
        assert_eq!(written.reason, None);
    }

    proptest! {
        /// A submission is refused exactly when some required section is empty, not in an
        /// official language, or not in English and without a translation.
        #[test]
        fn submission_rule_matches_its_definition(
            cases in proptest::collection::vec((0usize..6, 0usize..8, any::<bool>(), any::<bool>(), any::<bool>()), 0..8),
        ) {
            let languages = ["en", "fr", "de", "it", "ru", "es", "pt", ""];
            let sections: Vec<SectionText<'_>> = cases
                .iter()
                .map(|&(s, l, text, english, not_provided)| SectionText {
                    section: Section::ALL[s],
                    language: languages[l],
                    text: if text { "Text" } else { " " },
                    english: english.then_some("English"),
                    terms: 0,
                    not_provided,
                })
                .collect();
            let problems = submission_problems(&Section::ALL, &sections);
            for section in Section::ALL {
                let first = sections.iter().find(|s| s.section == section);
                let ok = first.is_some_and(|s| {
                    s.not_provided
                        || !blank(s.text)
                        && OFFICIAL_LANGUAGES.contains(&s.language)
                        && (s.language == "en" || s.english.is_some())
                });
                let named = problems.iter().any(|p| matches!(p,
                    Invalid::EmptySection(x) if *x == section)
                    || matches!(p, Invalid::Language { section: x, .. } | Invalid::MissingTranslation { section: x, .. } if *x == section));
                prop_assert_eq!(ok, !named, "{:?}", section);
            }
        }
    }
}
