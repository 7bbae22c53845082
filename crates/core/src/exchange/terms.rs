//! The terminology section (CBM 9) as CSV, for importing a State's term list from a
//! spreadsheet: columns `term, language, definition, english_term, english_definition, source`
//! in any order (`source` optional). A file with any problem is refused whole, each problem
//! named by line; an English term may leave the English columns empty (they are the term).

use liaison_types::exchange::{OFFICIAL_LANGUAGES, Term};
use liaison_types::problem::LineError;

/// The columns, in the order an export writes them.
pub const COLUMNS: [&str; 6] = [
    "term",
    "language",
    "definition",
    "english_term",
    "english_definition",
    "source",
];

/// The most terms one file may hold.
pub const MAX_TERMS: usize = 5_000;
const MAX_TERM: usize = 500;
const MAX_TEXT: usize = 5_000;

fn error(line: u64, message: impl Into<String>) -> LineError {
    LineError {
        line,
        message: message.into(),
    }
}

/// Checks one term and fills in its English columns when it is English: a term and a definition
/// within their lengths, an official language, and for a term not in English, its English term
/// and definition. Every problem, in English.
pub fn check(mut term: Term) -> Result<Term, Vec<String>> {
    let mut errors = Vec::new();
    for value in [
        &mut term.term,
        &mut term.definition,
        &mut term.english_term,
        &mut term.english_definition,
        &mut term.source,
    ] {
        *value = value.trim().to_owned();
    }
    term.language = term.language.trim().to_lowercase();
    for (name, value, max) in [
        ("term", &term.term, MAX_TERM),
        ("definition", &term.definition, MAX_TEXT),
    ] {
        if value.is_empty() {
            errors.push(format!("{name} is required"));
        } else if value.chars().count() > max {
            errors.push(format!("{name} has more than {max} characters"));
        }
    }
    if !OFFICIAL_LANGUAGES.contains(&term.language.as_str()) {
        errors.push(format!(
            "language '{}' is not an official OSCE language (en, fr, de, it, ru, es)",
            term.language
        ));
    } else if term.language == "en" {
        if term.english_term.is_empty() {
            term.english_term = term.term.clone();
        }
        if term.english_definition.is_empty() {
            term.english_definition = term.definition.clone();
        }
    } else {
        for (name, value) in [
            ("english_term", &term.english_term),
            ("english_definition", &term.english_definition),
        ] {
            if value.is_empty() {
                errors.push(format!(
                    "{name} is required for a term in '{}'",
                    term.language
                ));
            }
        }
    }
    if [&term.english_term, &term.source]
        .iter()
        .any(|v| v.chars().count() > MAX_TEXT)
        || term.english_definition.chars().count() > MAX_TEXT
    {
        errors.push(format!("a cell has more than {MAX_TEXT} characters"));
    }
    if errors.is_empty() {
        Ok(term)
    } else {
        Err(errors)
    }
}

/// Reads a term list; every problem of every line when it cannot be imported.
pub fn parse(input: &[u8]) -> Result<Vec<Term>, Vec<LineError>> {
    let input = input.strip_prefix("\u{feff}".as_bytes()).unwrap_or(input);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(input);
    let header = match reader.headers() {
        Ok(header) => header.clone(),
        Err(e) => {
            return Err(vec![error(
                1,
                format!("the file cannot be read as CSV UTF-8: {e}"),
            )]);
        }
    };
    let mut errors = Vec::new();
    let mut positions = [None; 6];
    for (index, name) in header.iter().enumerate() {
        let name = name.to_lowercase();
        match COLUMNS.iter().position(|c| *c == name) {
            Some(column) if positions[column].is_some() => {
                errors.push(error(1, format!("column '{name}' appears twice")));
            }
            Some(column) => positions[column] = Some(index),
            None => errors.push(error(
                1,
                format!(
                    "unknown column '{name}' (the columns are {})",
                    COLUMNS.join(", ")
                ),
            )),
        }
    }
    for (column, name) in COLUMNS.iter().enumerate().take(5) {
        if positions[column].is_none() {
            errors.push(error(1, format!("the column '{name}' is missing")));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut terms = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line);
                errors.push(error(
                    line,
                    format!("the line cannot be read as CSV UTF-8: {e}"),
                ));
                continue;
            }
        };
        let line = record.position().map_or(0, csv::Position::line);
        if record.iter().all(str::is_empty) {
            continue;
        }
        let cell = |column: usize| {
            positions[column]
                .and_then(|i| record.get(i))
                .unwrap_or_default()
                .to_owned()
        };
        let term = Term {
            term: cell(0),
            language: cell(1),
            definition: cell(2),
            english_term: cell(3),
            english_definition: cell(4),
            source: cell(5),
        };
        match check(term) {
            Ok(term) => terms.push(term),
            Err(problems) => errors.extend(problems.into_iter().map(|p| error(line, p))),
        }
        if terms.len() > MAX_TERMS {
            errors.push(error(
                line,
                format!("a file holds at most {MAX_TERMS} terms"),
            ));
            break;
        }
    }
    if errors.is_empty() {
        Ok(terms)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_term_list_imports_with_english_filled_in_for_english_terms() {
        let csv = "\u{feff}Term,Language,Definition,English_Term,English_Definition,Source\n\
                   Cyberangriff,de,Ein Angriff …,cyber attack,An attack …,BSI-Gesetz\n\
                   \"incident, ICT\",en,\"An event that\nspans two lines\",,,\n\
                   ,,,,,\n";
        let terms = parse(csv.as_bytes()).unwrap();
        assert_eq!(terms.len(), 2);
        assert_eq!(terms[0].english_term, "cyber attack");
        assert_eq!(terms[0].source, "BSI-Gesetz");
        assert_eq!(terms[1].term, "incident, ICT");
        assert_eq!(terms[1].english_term, "incident, ICT");
        assert_eq!(
            terms[1].english_definition,
            "An event that\nspans two lines"
        );
    }

    #[test]
    fn every_problem_is_named_by_line_and_nothing_is_imported() {
        let csv = "term,language,definition,english_term,english_definition\n\
                   menace,fr,Une menace …,,\n\
                   ,en,No term,,\n\
                   termo,pt,Um termo,term,A term\n\
                   ok,en,Fine,,\n";
        let errors = parse(csv.as_bytes()).unwrap_err();
        let lines: Vec<(u64, &str)> = errors
            .iter()
            .map(|e| (e.line, e.message.as_str()))
            .collect();
        assert_eq!(
            lines,
            [
                (2, "english_term is required for a term in 'fr'"),
                (2, "english_definition is required for a term in 'fr'"),
                (3, "term is required"),
                (
                    4,
                    "language 'pt' is not an official OSCE language (en, fr, de, it, ru, es)"
                ),
            ]
        );
        let header = parse(b"term,language,meaning\nx,en,y\n").unwrap_err();
        assert!(
            header
                .iter()
                .any(|e| e.message.contains("unknown column 'meaning'"))
        );
        assert!(
            header
                .iter()
                .any(|e| e.message.contains("'definition' is missing"))
        );
    }

    proptest! {
        /// Any bytes give terms or line-numbered problems, never a panic; every imported term
        /// has its term, definition and English.
        #[test]
        fn any_file_is_read_or_refused(body in proptest::collection::vec(any::<u8>(), 0..400)) {
            let mut input = b"term,language,definition,english_term,english_definition,source\n".to_vec();
            input.extend(body);
            match parse(&input) {
                Ok(terms) => for t in terms {
                    prop_assert!(!t.term.is_empty() && !t.definition.is_empty());
                    prop_assert!(!t.english_term.is_empty() && !t.english_definition.is_empty());
                },
                Err(errors) => prop_assert!(!errors.is_empty()),
            }
        }
    }
}
