//! The message catalogue: every user-facing string of pages and emails is a Fluent message in
//! `locales/<lang>/main.ftl`, offered in the six official OSCE languages.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, static_loader};
use std::borrow::Cow;
use std::collections::HashMap;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The languages the interface is offered in, in the order of the language menu.
pub const LANGUAGES: [(&str, &str); 6] = [
    ("en", "English"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("it", "Italiano"),
    ("ru", "Русский"),
    ("es", "Español"),
];

/// Normalises a language code to one of [`LANGUAGES`], English otherwise.
pub fn supported(code: &str) -> &'static str {
    let primary = code
        .trim()
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    LANGUAGES
        .iter()
        .map(|(c, _)| *c)
        .find(|c| *c == primary)
        .unwrap_or("en")
}

/// Picks the best supported language from an `Accept-Language` header.
pub fn negotiate(accept_language: Option<&str>) -> &'static str {
    let Some(header) = accept_language else {
        return "en";
    };
    let mut ranked: Vec<(f32, &str)> = header
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.trim().split(";q=");
            let tag = pieces.next()?.trim();
            let q = pieces
                .next()
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            Some((q, tag))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked
        .into_iter()
        .map(|(_, tag)| {
            tag.split('-')
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase()
        })
        .find_map(|tag| LANGUAGES.iter().map(|(c, _)| *c).find(|c| *c == tag))
        .unwrap_or("en")
}

fn lang_id(lang: &str) -> LanguageIdentifier {
    supported(lang).parse().unwrap_or_default()
}

/// A message without arguments.
pub fn tr(lang: &str, key: &str) -> String {
    LOCALES.lookup(&lang_id(lang), key)
}

/// A moment as a reader reads it, in `lang` and, when the reader's IANA time zone is known, on
/// the reader's clock with UTC beside it: `5 December 2026, 17:09 Europe/Berlin (16:09 UTC)`,
/// else `5 December 2026, 16:09 UTC`. To the minute: seconds and fractions tell a reader
/// nothing.
pub fn moment(lang: &str, at: time::OffsetDateTime, zone: Option<&str>) -> String {
    let at_utc = at.to_offset(time::UtcOffset::UTC);
    let clock = |t: time::OffsetDateTime| format!("{:02}:{:02}", t.hour(), t.minute());
    let date = |t: time::OffsetDateTime| {
        tr_args(
            lang,
            "moment",
            &[
                ("day", FluentValue::from(t.day().to_string())),
                (
                    "month",
                    FluentValue::from(tr(lang, &format!("month-{}", u8::from(t.month())))),
                ),
                ("year", FluentValue::from(t.year().to_string())),
                ("time", FluentValue::from(clock(t))),
            ],
        )
    };
    match zone.and_then(|z| liaison_core::clock::in_zone(at, z).map(|local| (z, local))) {
        Some((zone, local)) => tr_args(
            lang,
            "moment-in-zone",
            &[
                ("moment", FluentValue::from(date(local))),
                ("zone", FluentValue::from(zone.trim().to_owned())),
                ("utc", FluentValue::from(clock(at_utc))),
            ],
        ),
        None => tr_args(
            lang,
            "moment-utc",
            &[("moment", FluentValue::from(date(at_utc)))],
        ),
    }
}

/// A day as people write it, in `lang`: `1 June 2027`, `1. Juni 2027`, `1 de junio de 2027`.
pub fn day(lang: &str, date: time::Date) -> String {
    tr_args(
        lang,
        "day-date",
        &[
            ("day", FluentValue::from(date.day().to_string())),
            (
                "month",
                FluentValue::from(tr(lang, &format!("month-{}", u8::from(date.month())))),
            ),
            ("year", FluentValue::from(date.year().to_string())),
        ],
    )
}

/// A size in bytes as people write it, in `lang`: `116 B`, `12 KiB`, `1.2 MiB` (`1,2 Mio` in
/// French): whole bytes under a kibibyte, then one decimal under ten of a unit and none above.
pub fn file_size(lang: &str, bytes: u64) -> String {
    const UNITS: [&str; 4] = ["size-b", "size-kib", "size-mib", "size-gib"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    let number = if unit == 0 || value >= 9.95 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    };
    // The decimal separator: a point in English, a comma in the other five.
    let number = if supported(lang) == "en" {
        number
    } else {
        number.replace('.', ",")
    };
    tr_args(lang, UNITS[unit], &[("n", FluentValue::from(number))])
}

/// A time still to run as people say it, in `lang`: "2 h 10 min left", "45 min left", "3 d 4 h
/// left" (minutes rounded up, so nothing left reads as at least a minute).
pub fn time_left(lang: &str, left: time::Duration) -> String {
    let minutes = (left.whole_seconds().max(0) + 59) / 60;
    let (days, hours, minutes) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    if days > 0 {
        tr_args(
            lang,
            "time-left-days",
            &[
                ("days", FluentValue::from(days)),
                ("hours", FluentValue::from(hours)),
            ],
        )
    } else if hours > 0 {
        tr_args(
            lang,
            "time-left-hours",
            &[
                ("hours", FluentValue::from(hours)),
                ("minutes", FluentValue::from(minutes)),
            ],
        )
    } else {
        tr_args(
            lang,
            "time-left-minutes",
            &[("minutes", FluentValue::from(minutes.max(1)))],
        )
    }
}

/// A message with named arguments (numbers select plural forms, e.g. in Russian).
/// A problem's argument as a page shows it: an exchange section by its name in `lang`, any
/// other value as it is.
pub fn argument(lang: &str, name: &str, value: &str) -> String {
    match liaison_types::exchange::Section::parse(value) {
        Ok(section) if name == "section" => {
            tr(lang, &format!("exchange-section-{}", section.as_str()))
        }
        _ => value.to_owned(),
    }
}

pub fn tr_args(lang: &str, key: &str, args: &[(&str, FluentValue<'static>)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(name, value)| (Cow::Owned((*name).to_owned()), value.clone()))
        .collect();
    LOCALES.lookup_with_args(&lang_id(lang), key, &args)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::ops::directory::Filter;
    use fluent_templates::fluent_bundle::{FluentBundle, FluentResource};
    use liaison_types::account::Role;
    use liaison_types::directory::{AnnualStatus, Change, Level, StructureKind};
    use liaison_types::state::StateStatus;
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::{Path, PathBuf};

    /// Every catalogue, compiled into the test binary.
    const CATALOGUES: [(&str, &str); 6] = [
        ("en", include_str!("../locales/en/main.ftl")),
        ("fr", include_str!("../locales/fr/main.ftl")),
        ("de", include_str!("../locales/de/main.ftl")),
        ("it", include_str!("../locales/it/main.ftl")),
        ("ru", include_str!("../locales/ru/main.ftl")),
        ("es", include_str!("../locales/es/main.ftl")),
    ];

    /// Terms that stay as they are in every language.
    const UNTRANSLATED: [&str; 9] = [
        "Liaison", "CBM 8", "OpenPGP", "TOTP", "CSV", "vCard", "JSON", "UTC", "ASCII",
    ];

    /// Messages that may read exactly as in English in one language (names of formats, words
    /// the language borrowed). Anything else equal to English is an untranslated message.
    const SAME_AS_ENGLISH: [(&str, &[&str]); 5] = [
        (
            "fr",
            &[
                "app-name",
                "col-contacts",
                "col-version",
                "col-notified",
                "export-vcard",
                "field-organisation",
                "import-csv",
                "log-version",
                "log-head-signature",
                "log-contact",
                "moment",
                "moment-in-zone",
                "moment-utc",
                "day-date",
            ],
        ),
        (
            "de",
            &[
                "app-name",
                "nav-import",
                "col-status",
                "col-version",
                "export-vcard",
                "field-organisation",
                "field-website",
                "import-csv",
                "audit-hash",
                "accounts-status",
                "moment-in-zone",
                "moment-utc",
                "day-date",
                "month-4",
                "month-8",
                "month-9",
                "month-11",
                "size-b",
                "size-kib",
                "size-mib",
                "size-gib",
            ],
        ),
        (
            "it",
            &[
                "app-name",
                "no",
                "field-password",
                "col-status",
                "export-vcard",
                "import-csv",
                "audit-hash",
                "account-password-heading",
                "moment",
                "moment-in-zone",
                "moment-utc",
                "day-date",
                "size-b",
                "size-kib",
                "size-mib",
                "size-gib",
            ],
        ),
        (
            "ru",
            &[
                "app-name",
                "export-vcard",
                "import-csv",
                "moment-in-zone",
                "moment-utc",
                "day-date",
            ],
        ),
        (
            "es",
            &[
                "app-name",
                "no",
                "role-auditor",
                "export-vcard",
                "import-csv",
                "audit-hash",
                "moment-in-zone",
                "moment-utc",
                "day-date",
                "size-b",
                "size-kib",
                "size-mib",
                "size-gib",
            ],
        ),
    ];

    /// The messages of a catalogue: id → source text (the id line and its continuation lines).
    fn messages(source: &str) -> BTreeMap<String, String> {
        let mut out: BTreeMap<String, String> = BTreeMap::new();
        let mut current: Option<String> = None;
        for line in source.lines() {
            if line.starts_with('#') {
                current = None;
                continue;
            }
            if line.starts_with(|c: char| c.is_ascii_alphabetic()) {
                let (id, _) = line
                    .split_once('=')
                    .unwrap_or_else(|| panic!("not a message: {line}"));
                let id = id.trim().to_owned();
                assert!(
                    out.insert(id.clone(), line.to_owned()).is_none(),
                    "{id} is defined twice"
                );
                current = Some(id);
            } else if let Some(id) = &current {
                let text = out.get_mut(id).unwrap();
                text.push('\n');
                text.push_str(line);
            }
        }
        out
    }

    /// The variables (`$name`) a message uses.
    fn variables(text: &str) -> BTreeSet<String> {
        text.split('$')
            .skip(1)
            .map(|rest| {
                rest.chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                    .collect::<String>()
            })
            .collect()
    }

    /// The variant keys (`[one]`, `*[other]`, `[0]`) of a message.
    fn variant_keys(text: &str) -> BTreeSet<String> {
        text.lines()
            .map(str::trim_start)
            .filter(|l| l.starts_with('[') || l.starts_with("*["))
            .filter_map(|l| l.split_once(']').map(|(key, _)| format!("{key}]")))
            .collect()
    }

    fn catalogue(lang: &str) -> BTreeMap<String, String> {
        let (_, source) = CATALOGUES.iter().find(|(l, _)| *l == lang).unwrap();
        messages(source)
    }

    fn english() -> BTreeMap<String, String> {
        catalogue("en")
    }

    /// Sample arguments for a message: every variable it uses, as the number `n`.
    fn sample_args(text: &str, n: i64) -> HashMap<String, FluentValue<'static>> {
        variables(text)
            .into_iter()
            .map(|name| (name, FluentValue::from(n)))
            .collect()
    }

    #[test]
    fn negotiates_supported_languages() {
        assert_eq!(negotiate(Some("de-AT,de;q=0.9,en;q=0.5")), "de");
        assert_eq!(negotiate(Some("pt-BR, ru;q=0.4")), "ru");
        assert_eq!(negotiate(Some("ja")), "en");
        assert_eq!(negotiate(None), "en");
        assert_eq!(supported("fr_CH"), "fr");
    }

    #[test]
    fn the_catalogues_cover_the_six_languages() {
        let catalogues: Vec<&str> = CATALOGUES.iter().map(|(l, _)| *l).collect();
        let languages: Vec<&str> = LANGUAGES.iter().map(|(l, _)| *l).collect();
        assert_eq!(catalogues, languages);
    }

    #[test]
    fn every_catalogue_parses_and_defines_the_same_messages_as_english() {
        let english: BTreeSet<String> = english().into_keys().collect();
        assert!(english.len() > 100, "the line reader found the messages");
        for (lang, source) in CATALOGUES {
            let resource = FluentResource::try_new(source.to_owned())
                .unwrap_or_else(|(_, errors)| panic!("{lang}/main.ftl: {errors:?}"));
            // The parser's count cross-checks the line reader below.
            let parsed = resource
                .entries()
                .filter(|entry| format!("{entry:?}").starts_with("Message("))
                .count();
            let mut bundle = FluentBundle::new(vec![lang_id(lang)]);
            bundle.add_resource(resource).unwrap();
            let ids: BTreeSet<String> = messages(source).into_keys().collect();
            assert_eq!(parsed, ids.len(), "{lang}: messages the line reader missed");
            for id in &ids {
                assert!(bundle.has_message(id), "{lang}: {id} is not a message");
            }
            let missing: Vec<_> = english.difference(&ids).collect();
            let extra: Vec<_> = ids.difference(&english).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{lang}/main.ftl: missing {missing:?}, not in English {extra:?}"
            );
        }
    }

    #[test]
    fn translations_keep_the_placeables_and_untranslated_terms_of_english() {
        let english = english();
        for (lang, _) in CATALOGUES {
            let catalogue = catalogue(lang);
            for (id, source) in &english {
                let text = &catalogue[id];
                assert_eq!(
                    variables(text),
                    variables(source),
                    "{lang}: {id} uses other variables than English"
                );
                for term in UNTRANSLATED {
                    if source.contains(term) {
                        assert!(text.contains(term), "{lang}: {id} lost {term:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn every_message_formats_in_its_own_language_without_errors() {
        // The loader falls back to English when a message fails, so look each language up alone.
        for (lang, _) in CATALOGUES {
            let id = lang_id(lang);
            for (key, text) in catalogue(lang) {
                for n in [0, 1, 2, 5, 21] {
                    let args = sample_args(&text, n);
                    let formatted = LOCALES
                        .lookup_single_language(&id, &key, Some(&args))
                        .unwrap_or_else(|e| panic!("{lang}: {key} with {n}: {e:?}"));
                    assert!(!formatted.trim().is_empty(), "{lang}: {key} is empty");
                    assert!(!formatted.contains('{'), "{lang}: {key}: {formatted}");
                }
            }
        }
    }

    #[test]
    fn moments_read_in_the_readers_language_and_time_zone() {
        use time::macros::datetime;
        let at = datetime!(2026-12-05 16:09:09.388155 UTC);
        let plain = |text: String| text.replace(['\u{2068}', '\u{2069}'], "");
        for (lang, zone, shown) in [
            (
                "en",
                Some("Europe/Berlin"),
                "5 December 2026, 17:09 Europe/Berlin (16:09 UTC)",
            ),
            ("en", None, "5 December 2026, 16:09 UTC"),
            ("en", Some("UTC"), "5 December 2026, 16:09 UTC"),
            ("en", Some("Not/AZone"), "5 December 2026, 16:09 UTC"),
            (
                "fr",
                Some("Europe/Paris"),
                "5 décembre 2026, 17:09 Europe/Paris (16:09 UTC)",
            ),
            (
                "de",
                Some("Europe/Berlin"),
                "5. Dezember 2026, 17:09 Europe/Berlin (16:09 UTC)",
            ),
            (
                "ru",
                Some("Europe/Moscow"),
                "5 декабря 2026 г., 19:09 Europe/Moscow (16:09 UTC)",
            ),
            ("es", None, "5 de diciembre de 2026, 16:09 UTC"),
            (
                "it",
                Some("Europe/Rome"),
                "5 dicembre 2026, 17:09 Europe/Rome (16:09 UTC)",
            ),
        ] {
            assert_eq!(plain(moment(lang, at, zone)), shown, "{lang} {zone:?}");
        }
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        for (lang, bytes, shown) in [
            ("en", 0, "0 B"),
            ("en", 116, "116 B"),
            ("en", 1023, "1023 B"),
            ("en", 1024, "1.0 KiB"),
            ("en", 12_345, "12 KiB"),
            ("en", 1_258_291, "1.2 MiB"),
            ("en", 10 * 1024 * 1024, "10 MiB"),
            ("fr", 116, "116 o"),
            ("fr", 1_258_291, "1,2 Mio"),
            ("de", 1_258_291, "1,2 MiB"),
            ("ru", 1_258_291, "1,2 МиБ"),
        ] {
            assert_eq!(
                file_size(lang, bytes).replace(['\u{2068}', '\u{2069}'], ""),
                shown,
                "{lang} {bytes}"
            );
        }
    }

    #[test]
    fn no_language_is_left_in_english() {
        let english = english();
        for (lang, allowed) in SAME_AS_ENGLISH {
            let catalogue = catalogue(lang);
            let same: Vec<&String> = english
                .iter()
                .filter(|(id, text)| catalogue[*id].trim() == text.trim())
                .map(|(id, _)| id)
                .filter(|id| !allowed.contains(&id.as_str()))
                .collect();
            assert!(same.is_empty(), "{lang}: not translated: {same:?}");
        }
    }

    #[test]
    fn plural_messages_have_the_forms_of_each_language() {
        let english = english();
        for (id, source) in &english {
            if !variant_keys(source).contains("[one]") {
                continue;
            }
            for (lang, _) in CATALOGUES {
                let keys = variant_keys(&catalogue(lang)[id]);
                let needed: &[&str] = if lang == "ru" {
                    &["[one]", "[few]", "[many]", "*[other]"]
                } else {
                    &["[one]", "*[other]"]
                };
                for key in needed {
                    assert!(keys.contains(*key), "{lang}: {id} has no {key} variant");
                }
            }
        }
    }

    fn caption(lang: &str, count: i64) -> String {
        tr_args(
            lang,
            "states-caption",
            &[("count", FluentValue::from(count))],
        )
    }

    #[test]
    fn russian_counts_take_the_right_forms() {
        for (count, expected) in [
            (1, "Одно государство"),
            (3, "3 государства"),
            (5, "5 государств"),
            (11, "11 государств"),
            (21, "21 государство"),
            (22, "22 государства"),
            (25, "25 государств"),
        ] {
            assert_eq!(caption("ru", count), expected, "count {count}");
        }
        let reminder = |count: i64| {
            tr_args(
                "ru",
                "mail-reminder-intro",
                &[
                    ("count", FluentValue::from(count)),
                    ("state", FluentValue::from("Germany")),
                ],
            )
        };
        assert!(reminder(1).starts_with("Для следующего контакта (Germany)"));
        assert!(reminder(3).starts_with("Для следующих 3 контактов (Germany)"));
        assert!(reminder(21).starts_with("Для следующих 21 контакта (Germany)"));
        let intact =
            |rows: i64| tr_args("ru", "audit-intact", &[("rows", FluentValue::from(rows))]);
        assert_eq!(intact(1), "Цепочка из 1 записи не нарушена.");
        assert_eq!(intact(7), "Цепочка из 7 записей не нарушена.");
    }

    #[test]
    fn french_and_german_counts_are_their_own() {
        assert_eq!(caption("en", 1), "One State");
        assert_eq!(caption("en", 3), "3 States");
        assert_eq!(caption("fr", 0), "0 État", "French [one] covers zero");
        assert_eq!(caption("fr", 1), "1 État");
        assert_eq!(caption("fr", 3), "3 États");
        assert_eq!(caption("de", 1), "Ein Staat");
        assert_eq!(caption("de", 3), "3 Staaten");
        for count in [0, 1, 3, 57] {
            for lang in ["fr", "de"] {
                assert_ne!(caption(lang, count), caption("en", count), "{lang} {count}");
            }
        }
        let summary = |lang: &str, complete: i64| {
            tr_args(
                lang,
                "states-summary",
                &[
                    ("complete", FluentValue::from(complete)),
                    ("participating", FluentValue::from(57)),
                ],
            )
        };
        assert!(summary("de", 1).starts_with("1 von 57 Teilnehmerstaaten verfügt "));
        assert!(summary("de", 2).starts_with("2 von 57 Teilnehmerstaaten verfügen "));
        assert!(summary("fr", 1).starts_with("1 des 57 États participants dispose "));
        assert!(summary("en", 1).starts_with("1 of 57 participating States has "));
    }

    #[test]
    fn unknown_languages_fall_back_to_english() {
        assert_eq!(tr("pt", "nav-directory"), tr("en", "nav-directory"));
        assert_eq!(tr("de", "nav-directory"), "Verzeichnis");
    }

    /// Where a message id is used with literal text, and the prefixes built on at run time.
    #[derive(Default)]
    struct Uses {
        /// (message id, the named arguments given, where)
        literal: Vec<(String, Option<BTreeSet<String>>, String)>,
        prefixes: BTreeSet<String>,
    }

    fn files(dir: &Path, extension: &str, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files(&path, extension, out);
            } else if path.extension().is_some_and(|e| e == extension) {
                out.push(path);
            }
        }
    }

    /// The text of a call's arguments, from just after `(` to its closing `)`.
    fn call_arguments(text: &str) -> &str {
        let mut depth = 0usize;
        let mut quote: Option<char> = None;
        for (i, c) in text.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '(' | '[') => depth += 1,
                (None, ')' | ']') if depth == 0 => return &text[..i],
                (None, ')' | ']') => depth -= 1,
                _ => {}
            }
        }
        text
    }

    /// Finds `name(` calls (not part of a longer identifier) and gives what follows the `(`.
    fn calls<'a>(source: &'a str, name: &str) -> Vec<&'a str> {
        let pattern = format!("{name}(");
        source
            .match_indices(&pattern)
            .filter(|(at, _)| {
                !source[..*at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
            })
            .map(|(at, _)| &source[at + pattern.len()..])
            .collect()
    }

    /// A leading string literal: its text and what follows it.
    fn literal(text: &str) -> Option<(&str, &str)> {
        let text = text.trim_start();
        let quote = text.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let rest = &text[1..];
        let end = rest.find(quote)?;
        Some((&rest[..end], &rest[end + 1..]))
    }

    fn scan_templates(uses: &mut Uses) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut paths = Vec::new();
        files(&root, "html", &mut paths);
        // The mail the server writes.
        files(&root, "txt", &mut paths);
        assert!(
            paths.len() >= 10,
            "templates found under {}",
            root.display()
        );
        for path in paths {
            let source = std::fs::read_to_string(&path).unwrap();
            let name = path.strip_prefix(&root).unwrap().display().to_string();
            for call in calls(&source, "t") {
                let arguments = call_arguments(call);
                let Some((id, rest)) = literal(arguments) else {
                    continue;
                };
                let rest = rest.trim_start();
                if rest.starts_with('~') {
                    uses.prefixes.insert(id.to_owned());
                    continue;
                }
                let named: BTreeSet<String> = rest
                    .split(',')
                    .filter_map(|part| part.split_once('='))
                    .map(|(name, _)| name.trim().to_owned())
                    .collect();
                uses.literal
                    .push((id.to_owned(), Some(named), name.clone()));
            }
        }
    }

    /// The names of `tr_args`' arguments: the `("name", value)` pairs of its slice.
    fn argument_names(arguments: &str) -> BTreeSet<String> {
        arguments
            .split('(')
            .skip(1)
            .filter_map(|part| {
                let (name, rest) = literal(part)?;
                let is_name = !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                (is_name && rest.trim_start().starts_with(',')).then(|| name.to_owned())
            })
            .collect()
    }

    fn scan_rust(uses: &mut Uses) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut paths = Vec::new();
        files(&root, "rs", &mut paths);
        for path in paths {
            let source = std::fs::read_to_string(&path).unwrap();
            let name = path.strip_prefix(&root).unwrap().display().to_string();
            for function in ["tr", "tr_args"] {
                for call in calls(&source, function) {
                    let arguments = call_arguments(call);
                    // The key is the second argument.
                    let Some((_, after_lang)) = arguments.split_once(',') else {
                        continue;
                    };
                    let key = after_lang.trim_start();
                    if let Some((id, rest)) = literal(key) {
                        let named = (function == "tr_args").then(|| argument_names(rest));
                        uses.literal.push((id.to_owned(), named, name.clone()));
                    } else if let Some(format) = key.strip_prefix("&format!(") {
                        let (pattern, _) = literal(format).unwrap();
                        let (prefix, _) = pattern.split_once('{').unwrap();
                        uses.prefixes.insert(prefix.to_owned());
                    }
                }
            }
        }
    }

    /// Every value a prefix built on at run time can be completed with.
    fn dynamic_values() -> BTreeMap<&'static str, Vec<String>> {
        fn status(s: AnnualStatus) -> &'static str {
            // Exhaustive, so that a new status cannot be added without its message.
            match s {
                AnnualStatus::Current | AnnualStatus::DueSoon | AnnualStatus::Overdue => s.as_str(),
            }
        }
        fn change(c: Change) -> &'static str {
            match c {
                Change::Created
                | Change::Changed
                | Change::Key
                | Change::Confirmed
                | Change::Retired
                | Change::Withdrawn => c.as_str(),
            }
        }
        fn state_status(s: StateStatus) -> &'static str {
            match s {
                StateStatus::Participating
                | StateStatus::PartnerAsian
                | StateStatus::PartnerMediterranean => s.as_str(),
            }
        }
        fn filter(f: Filter) -> &'static str {
            match f {
                Filter::All => "all",
                Filter::Overdue => "overdue",
                Filter::DueSoon => "due-soon",
                Filter::Late => "late",
                Filter::NoPolicy => "no-policy",
                Filter::NoTechnical => "no-technical",
                Filter::Incomplete => "incomplete",
                Filter::Unreachable => "unreachable",
            }
        }
        let filters = [
            Filter::All,
            Filter::Overdue,
            Filter::DueSoon,
            Filter::Late,
            Filter::NoPolicy,
            Filter::NoTechnical,
            Filter::Incomplete,
            Filter::Unreachable,
        ];
        for f in filters {
            let parsed: Filter = serde_json::from_value(serde_json::json!(filter(f))).unwrap();
            assert_eq!(
                parsed, f,
                "the page's filter names are the ones the query accepts"
            );
        }
        let strings = |values: &[&str]| values.iter().map(|v| (*v).to_owned()).collect();
        // The wire names of the checks' vocabulary, as the templates build ids from them.
        fn wire<T: serde::Serialize>(values: &[T]) -> Vec<String> {
            values
                .iter()
                .map(|v| {
                    serde_json::to_value(v)
                        .unwrap()
                        .as_str()
                        .unwrap()
                        .to_owned()
                })
                .collect()
        }
        use liaison_types::channel::{LeftOutReason, LegStatus};
        use liaison_types::checks::{AnswerWay, CheckLevels, Outcome};
        fn leg(l: LegStatus) -> LegStatus {
            // Exhaustive, so that a new status cannot be added without its message.
            match l {
                LegStatus::Sent
                | LegStatus::Delivered
                | LegStatus::Acknowledged
                | LegStatus::Answered
                | LegStatus::Closed => l,
            }
        }
        fn reason(r: LeftOutReason) -> LeftOutReason {
            match r {
                LeftOutReason::NoKey
                | LeftOutReason::Expired
                | LeftOutReason::Revoked
                | LeftOutReason::Unusable => r,
            }
        }
        fn outcome(o: Outcome) -> Outcome {
            // Exhaustive, so that a new outcome cannot be added without its message.
            match o {
                Outcome::Pending
                | Outcome::OnTime
                | Outcome::Late
                | Outcome::NoAnswer
                | Outcome::DeliveryFailed => o,
            }
        }
        BTreeMap::from([
            (
                "outcome-",
                wire(
                    &[
                        Outcome::Pending,
                        Outcome::OnTime,
                        Outcome::Late,
                        Outcome::NoAnswer,
                        Outcome::DeliveryFailed,
                    ]
                    .map(outcome),
                ),
            ),
            (
                "way-",
                wire(&[AnswerWay::Link, AnswerWay::App, AnswerWay::SignedReply]),
            ),
            (
                "levels-",
                wire(&[
                    CheckLevels::Both,
                    CheckLevels::Policy,
                    CheckLevels::Technical,
                ]),
            ),
            ("region-", wire(&liaison_types::state::Region::ALL)),
            (
                "exchange-section-",
                wire(&liaison_types::exchange::Section::ALL),
            ),
            (
                "exchange-circulation-",
                wire(&[
                    liaison_types::exchange::Circulation::OnSubmission,
                    liaison_types::exchange::Circulation::ByManager,
                ]),
            ),
            ("exchange-status-", {
                use liaison_types::exchange::SubmissionStatus as S;
                fn status(s: S) -> S {
                    // Exhaustive, so that a new status cannot be added without its message.
                    match s {
                        S::NotStarted | S::Draft | S::Submitted | S::Circulated | S::Revising => s,
                    }
                }
                wire(
                    &[
                        S::NotStarted,
                        S::Draft,
                        S::Submitted,
                        S::Circulated,
                        S::Revising,
                    ]
                    .map(status),
                )
            }),
            ("month-", (1..=12).map(|m| m.to_string()).collect()),
            (
                "accounts-done-",
                strings(&["changed", "password", "totp", "sessions"]),
            ),
            ("token-kind-", {
                use liaison_store::session::SessionKind;
                fn kind(k: SessionKind) -> &'static str {
                    // Exhaustive, so that a new kind cannot be added without its message.
                    match k {
                        SessionKind::Web | SessionKind::Api => k.as_str(),
                    }
                }
                strings(&[kind(SessionKind::Web), kind(SessionKind::Api)])
            }),
            ("kind-", wire(&liaison_types::channel::RequestKind::ALL)),
            ("urgency-", wire(&liaison_types::channel::Urgency::ALL)),
            (
                "leg-",
                wire(
                    &[
                        LegStatus::Sent,
                        LegStatus::Delivered,
                        LegStatus::Acknowledged,
                        LegStatus::Answered,
                        LegStatus::Closed,
                    ]
                    .map(leg),
                ),
            ),
            (
                "reason-",
                wire(
                    &[
                        LeftOutReason::NoKey,
                        LeftOutReason::Expired,
                        LeftOutReason::Revoked,
                        LeftOutReason::Unusable,
                    ]
                    .map(reason),
                ),
            ),
            (
                "status-",
                strings(
                    &[
                        AnnualStatus::Current,
                        AnnualStatus::DueSoon,
                        AnnualStatus::Overdue,
                    ]
                    .map(status),
                ),
            ),
            ("level-", strings(&Level::ALL.map(Level::as_str))),
            (
                "structure-",
                strings(&StructureKind::ALL.map(StructureKind::as_str)),
            ),
            ("role-", strings(&Role::ALL.map(Role::as_str))),
            (
                "change-",
                strings(
                    &[
                        Change::Created,
                        Change::Changed,
                        Change::Key,
                        Change::Confirmed,
                        Change::Retired,
                        Change::Withdrawn,
                    ]
                    .map(change),
                ),
            ),
            ("filter-", strings(&filters.map(filter))),
            (
                "state-status-",
                strings(
                    &[
                        StateStatus::Participating,
                        StateStatus::PartnerAsian,
                        StateStatus::PartnerMediterranean,
                    ]
                    .map(state_status),
                ),
            ),
            // The contact form's fields and the keys of its validation errors, with `_` as `-`.
            (
                "field-",
                strings(&[
                    "name",
                    "function",
                    "organisation",
                    "email",
                    "phone",
                    "time-zone",
                    "languages",
                    "website",
                    "notes",
                    "available",
                    "deputy",
                    "effective-on",
                    "kind",
                ]),
            ),
        ])
    }

    #[test]
    fn every_message_the_code_and_templates_use_exists_in_english() {
        let english = english();
        let mut uses = Uses::default();
        scan_templates(&mut uses);
        scan_rust(&mut uses);
        assert!(uses.literal.len() > 100, "the scan found the uses");
        let mut problems = Vec::new();
        for (id, named, place) in &uses.literal {
            match (english.get(id), named) {
                (None, _) => problems.push(format!("{place} uses {id}, which is not defined")),
                (Some(text), Some(named)) if *named != variables(text) => problems.push(format!(
                    "{place} gives {id} the arguments {named:?}, the message uses {:?}",
                    variables(text)
                )),
                _ => {}
            }
        }
        // Titles handed to the contact form as `title_key`.
        for id in ["contact-new-title", "contact-edit-title"] {
            if !english.contains_key(id) {
                problems.push(format!("{id} is not defined"));
            }
        }
        let values = dynamic_values();
        let known: BTreeSet<String> = values.keys().map(|p| (*p).to_owned()).collect();
        for prefix in uses.prefixes.difference(&known) {
            problems.push(format!(
                "message ids built at run time from {prefix:?}: add its values to dynamic_values()"
            ));
        }
        for (prefix, values) in values {
            if !uses.prefixes.contains(prefix) {
                problems.push(format!(
                    "{prefix:?} is no longer used: drop it from dynamic_values()"
                ));
            }
            for value in values {
                let id = format!("{prefix}{value}");
                if !english.contains_key(&id) {
                    problems.push(format!("{id} is not defined"));
                }
            }
        }
        assert!(problems.is_empty(), "en/main.ftl:\n{}", problems.join("\n"));
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod validation_tests {
    use super::*;
    use liaison_core::account::AccountInvalid;
    use liaison_core::checks::launch::Invalid as CheckInvalid;
    use liaison_core::directory::Invalid;
    use liaison_core::wording::Worded;
    use time::macros::date;

    /// Every validation problem, one of each variant; the match makes a new variant fail to
    /// compile until it is listed here.
    fn every_problem() -> Vec<Invalid> {
        let all = vec![
            Invalid::TooLong { max: 200 },
            Invalid::ControlCharacters,
            Invalid::Required,
            Invalid::RequiredName { structure: false },
            Invalid::RequiredName { structure: true },
            Invalid::Email("x@y".into()),
            Invalid::Phone,
            Invalid::TimeZone("Europe/Berln".into()),
            Invalid::Language("eng".into()),
            Invalid::Website,
            Invalid::BeforeEarliest(date!(1989 - 12 - 31)),
            Invalid::TooFarAhead(date!(2030 - 01 - 01)),
            Invalid::AlreadyScheduled(date!(2027 - 03 - 01)),
            Invalid::KeyOfAnotherState("9D30E9C2".into()),
            Invalid::TooManyContacts,
        ];
        for invalid in &all {
            match invalid {
                Invalid::TooLong { .. }
                | Invalid::ControlCharacters
                | Invalid::Required
                | Invalid::RequiredName { .. }
                | Invalid::Email(_)
                | Invalid::Phone
                | Invalid::TimeZone(_)
                | Invalid::Language(_)
                | Invalid::Website
                | Invalid::BeforeEarliest(_)
                | Invalid::TooFarAhead(_)
                | Invalid::AlreadyScheduled(_)
                | Invalid::KeyOfAnotherState(_)
                | Invalid::TooManyContacts => {}
            }
        }
        all
    }

    fn worded(lang: &str, invalid: &impl Worded) -> String {
        crate::error::word_problem(lang, invalid)
    }

    /// The API's English is the catalogue's: a refusal carries the English message of each
    /// problem, worded once, in `locales/en`.
    fn assert_the_api_words_in_english<W: Worded + Clone>(problems: &[W]) {
        for invalid in problems {
            let error = crate::error::AppError::worded([("field".to_owned(), invalid.clone())]);
            let crate::error::AppError::Worded { errors, .. } = &error else {
                panic!("{error:?}");
            };
            assert_eq!(
                errors["field"],
                worded("en", invalid),
                "{}",
                invalid.message_id()
            );
        }
    }

    #[test]
    fn the_api_words_every_problem_in_the_catalogues_english() {
        assert_the_api_words_in_english(&every_problem());
        assert_the_api_words_in_english(&every_account_problem());
        assert_the_api_words_in_english(&every_check_problem());
        assert_the_api_words_in_english(&every_exchange_problem());
        assert_the_api_words_in_english(&every_request_problem());
    }

    fn every_account_problem() -> Vec<AccountInvalid> {
        let all = vec![
            AccountInvalid::Username,
            AccountInvalid::PasswordTooShort,
            AccountInvalid::PasswordTooLong,
            AccountInvalid::PasswordCommon,
            AccountInvalid::PasswordContainsUsername,
            AccountInvalid::Email("x@y".into()),
            AccountInvalid::StateRequired,
            AccountInvalid::StateNotAllowed,
            AccountInvalid::Role("king".into()),
            AccountInvalid::StateCode("Poland".into()),
            AccountInvalid::UsernameTaken("deu.coordinator".into()),
            AccountInvalid::UnknownState("XXX".into()),
            AccountInvalid::ContactNotAllowed,
            AccountInvalid::UnknownContact("12".into()),
            AccountInvalid::ContactElsewhere("12".into()),
            AccountInvalid::NotAPointOfContact("12".into()),
            AccountInvalid::WrongPassword,
            AccountInvalid::SamePassword,
            AccountInvalid::TotpCode,
            AccountInvalid::OwnManagement,
            AccountInvalid::LastManager,
            AccountInvalid::ContactTaken("12".into()),
            AccountInvalid::DisplayName,
        ];
        for invalid in &all {
            match invalid {
                AccountInvalid::Username
                | AccountInvalid::PasswordTooShort
                | AccountInvalid::PasswordTooLong
                | AccountInvalid::PasswordCommon
                | AccountInvalid::PasswordContainsUsername
                | AccountInvalid::Email(_)
                | AccountInvalid::StateRequired
                | AccountInvalid::StateNotAllowed
                | AccountInvalid::Role(_)
                | AccountInvalid::StateCode(_)
                | AccountInvalid::UsernameTaken(_)
                | AccountInvalid::UnknownState(_)
                | AccountInvalid::ContactNotAllowed
                | AccountInvalid::UnknownContact(_)
                | AccountInvalid::ContactElsewhere(_)
                | AccountInvalid::NotAPointOfContact(_)
                | AccountInvalid::WrongPassword
                | AccountInvalid::SamePassword
                | AccountInvalid::TotpCode
                | AccountInvalid::OwnManagement
                | AccountInvalid::LastManager
                | AccountInvalid::ContactTaken(_)
                | AccountInvalid::DisplayName => {}
            }
        }
        all
    }

    fn every_check_problem() -> Vec<CheckInvalid> {
        let all = vec![
            CheckInvalid::Required,
            CheckInvalid::TooLong { max: 1000 },
            CheckInvalid::ControlCharacters,
            CheckInvalid::WindowHours { max: 336 },
            CheckInvalid::SpreadHours { max: 12 },
            CheckInvalid::NoStates,
            CheckInvalid::NotParticipating(liaison_types::state::StateCode::parse("JPN").unwrap()),
        ];
        for invalid in &all {
            match invalid {
                CheckInvalid::Required
                | CheckInvalid::TooLong { .. }
                | CheckInvalid::ControlCharacters
                | CheckInvalid::WindowHours { .. }
                | CheckInvalid::SpreadHours { .. }
                | CheckInvalid::NoStates
                | CheckInvalid::NotParticipating(_) => {}
            }
        }
        all
    }

    /// Each problem is worded in every language with its values, and not left in English.
    fn assert_worded_everywhere<W: Worded>(problems: &[W]) {
        for (lang, _) in LANGUAGES {
            for invalid in problems {
                let text = worded(lang, invalid);
                assert!(
                    !text.contains(invalid.message_id()) && !text.contains("Unknown"),
                    "{lang}: {text}"
                );
                for (name, value) in invalid.args() {
                    let value = argument(lang, name, &value);
                    assert!(text.contains(&value), "{lang}: {text} lacks {value}");
                }
                if lang != "en" {
                    let english = worded("en", invalid);
                    assert_ne!(text, english, "{lang} is still English: {text}");
                }
            }
        }
    }

    #[test]
    fn every_check_problem_is_worded_in_every_language_with_its_values() {
        assert_worded_everywhere(&every_check_problem());
    }

    fn every_exchange_problem() -> Vec<liaison_core::exchange::Invalid> {
        use liaison_core::exchange::Invalid as E;
        use liaison_types::exchange::Section;
        let all = vec![
            E::Year { year: 1999 },
            E::OpensAfterDeadline {
                opens_on: date!(2027 - 11 - 02),
                deadline: date!(2027 - 10 - 31),
            },
            E::NoSections,
            E::DuplicateSection(Section::Threats),
            E::Pattern("needs the running number {n} exactly once".into()),
            E::EmptySection(Section::Legislation),
            E::Language {
                section: Section::Threats,
                language: "pt".into(),
            },
            E::MissingTranslation {
                section: Section::Organisation,
                language: "fr".into(),
            },
            E::NotAsked(Section::CriticalInfrastructure),
            E::Term {
                index: 2,
                problem: "term is required".into(),
            },
            E::NotOpen {
                opens_on: date!(2027 - 03 - 01),
            },
            E::AwaitingCirculation,
            E::NothingToRevise,
            E::NotSubmitted,
            E::TooLong { max: 200_000 },
            E::TooDeep { max: 12 },
            E::EmptyPost,
            E::TooManyPosts { max: 30 },
            E::TooHeavy { max_kib: 1024 },
            E::TooMuchSaved { max_mib: 20 },
            E::TooManyInquiries { max: 20 },
            E::AttachmentName,
            E::AttachmentEmpty,
            E::AttachmentTooLarge { max_mib: 10 },
            E::TooManyAttachments { max: 10 },
            E::NotProvidedWithText,
            E::ReasonTooLong { max: 2_000 },
            E::ReferenceFormat { max: 64 },
            E::ReferenceTaken {
                reference: "PC.DEL/12/27".into(),
            },
        ];
        for invalid in &all {
            match invalid {
                E::Year { .. }
                | E::OpensAfterDeadline { .. }
                | E::NoSections
                | E::DuplicateSection(_)
                | E::Pattern(_)
                | E::EmptySection(_)
                | E::Language { .. }
                | E::MissingTranslation { .. }
                | E::NotAsked(_)
                | E::Term { .. }
                | E::NotOpen { .. }
                | E::AwaitingCirculation
                | E::NothingToRevise
                | E::NotSubmitted
                | E::TooLong { .. }
                | E::TooDeep { .. }
                | E::EmptyPost
                | E::TooManyPosts { .. }
                | E::TooHeavy { .. }
                | E::TooMuchSaved { .. }
                | E::TooManyInquiries { .. }
                | E::AttachmentName
                | E::AttachmentEmpty
                | E::AttachmentTooLarge { .. }
                | E::TooManyAttachments { .. }
                | E::NotProvidedWithText
                | E::ReasonTooLong { .. }
                | E::ReferenceFormat { .. }
                | E::ReferenceTaken { .. } => {}
            }
        }
        all
    }

    #[test]
    fn every_exchange_problem_is_worded_in_every_language_with_its_values() {
        assert_worded_everywhere(&every_exchange_problem());
    }

    fn every_request_problem() -> Vec<crate::ops::channel::Invalid> {
        use crate::ops::channel::Invalid;
        use liaison_core::channel::envelope::EnvelopeError;
        use liaison_core::channel::request::Invalid as R;
        let code = |c: &str| liaison_types::state::StateCode::parse(c).unwrap();
        let mut all: Vec<Invalid> = [
            R::NoRecipients,
            R::OwnState,
            R::Repeated(code("AUT")),
            R::NotParticipating(code("JPN")),
            R::Unknown(code("BRA")),
            R::Language("xx".into()),
            R::TooManySent { max: 300 },
            R::TooMuchSent { max_mib: 200 },
        ]
        .into_iter()
        .map(Invalid::Request)
        .collect();
        for level in liaison_types::directory::Level::ALL {
            for other_level in ["", "EST"] {
                all.push(Invalid::Unaddressable {
                    states: "AUT, FRA".into(),
                    level,
                    other_level: other_level.into(),
                });
            }
        }
        all.extend(
            [
                EnvelopeError::Malformed("bad packet".into()),
                EnvelopeError::NotEncrypted,
                EnvelopeError::Unprotected,
                EnvelopeError::Password,
                EnvelopeError::Anonymous,
                EnvelopeError::Duplicate("key ID 0123456789ABCDEF".into()),
                EnvelopeError::Unexpected("Literal Data".into()),
            ]
            .into_iter()
            .map(Invalid::Envelope),
        );
        for (missing, extra) in [
            ("0123ABCD", "key ID FEDC"),
            ("0123ABCD", ""),
            ("", "key ID FEDC"),
        ] {
            all.push(Invalid::KeySet {
                missing: missing.into(),
                extra: extra.into(),
            });
        }
        for invalid in &all {
            match invalid {
                Invalid::Request(
                    R::NoRecipients
                    | R::OwnState
                    | R::Repeated(_)
                    | R::NotParticipating(_)
                    | R::Unknown(_)
                    | R::Language(_)
                    | R::TooManySent { .. }
                    | R::TooMuchSent { .. },
                )
                | Invalid::Unaddressable { .. }
                | Invalid::KeySet { .. } => {}
                Invalid::Envelope(
                    EnvelopeError::Malformed(_)
                    | EnvelopeError::NotEncrypted
                    | EnvelopeError::Unprotected
                    | EnvelopeError::Unexpected(_)
                    | EnvelopeError::Password
                    | EnvelopeError::Anonymous
                    | EnvelopeError::Duplicate(_),
                ) => {}
            }
        }
        all
    }

    #[test]
    fn every_request_problem_is_worded_in_every_language_with_its_values() {
        assert_worded_everywhere(&every_request_problem());
    }

    #[test]
    fn every_account_problem_is_worded_in_every_language_with_its_values() {
        assert_worded_everywhere(&every_account_problem());
    }

    #[test]
    fn every_problem_is_worded_in_every_language_with_its_values() {
        assert_worded_everywhere(&every_problem());
    }
}
