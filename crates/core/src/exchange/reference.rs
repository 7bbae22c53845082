//! Document references: a circulated submission gets one from a configurable pattern, with a
//! running number per year (`PC.DEL/682/12`); a revision gets `…/Rev.1`, `…/Rev.2`. The pattern
//! is text with placeholders: `{n}` (the running number, required), `{yy}` (the year's last two
//! digits) and `{yyyy}` (the year). The store hands out the numbers, one after the other inside
//! the serialised write transaction, so they never repeat and never skip.

use super::Invalid;

/// The pattern of the OSCE's delegation documents.
pub const DEFAULT_PATTERN: &str = "PC.DEL/{n}/{yy}";

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Number,
    ShortYear,
    Year,
}

/// A checked reference pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern(Vec<Part>);

fn problem(text: impl Into<String>) -> Invalid {
    Invalid::Pattern(text.into())
}

impl Pattern {
    /// Reads a pattern: `{n}` exactly once, `{yy}` or `{yyyy}` at most once, no other braces,
    /// printable characters only, at most 60 of them.
    pub fn parse(text: &str) -> Result<Pattern, Invalid> {
        if text.trim().is_empty() || text.chars().count() > 60 {
            return Err(problem("must have 1 to 60 characters"));
        }
        if text.chars().any(char::is_control) {
            return Err(problem("must not contain control characters"));
        }
        let mut parts = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find(['{', '}']) {
            if rest[open..].starts_with('}') {
                return Err(problem("has a '}' without its '{'"));
            }
            if open > 0 {
                parts.push(Part::Text(rest[..open].to_owned()));
            }
            let close = rest[open..]
                .find('}')
                .ok_or_else(|| problem("has a '{' without its '}'"))?;
            parts.push(match &rest[open + 1..open + close] {
                "n" => Part::Number,
                "yy" => Part::ShortYear,
                "yyyy" => Part::Year,
                other => {
                    return Err(problem(format!(
                        "has an unknown placeholder {{{other}}} (use {{n}}, {{yy}}, {{yyyy}})"
                    )));
                }
            });
            rest = &rest[open + close + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_owned()));
        }
        let count = |want: fn(&Part) -> bool| parts.iter().filter(|p| want(p)).count();
        if count(|p| *p == Part::Number) != 1 {
            return Err(problem("needs the running number {n} exactly once"));
        }
        if count(|p| matches!(p, Part::ShortYear | Part::Year)) > 1 {
            return Err(problem("has the year more than once"));
        }
        Ok(Pattern(parts))
    }

    /// The reference of the `number`th document circulated in `year`.
    pub fn format(&self, number: u32, year: i32) -> String {
        self.0
            .iter()
            .map(|part| match part {
                Part::Text(text) => text.clone(),
                Part::Number => number.to_string(),
                Part::ShortYear => format!("{:02}", year.rem_euclid(100)),
                Part::Year => year.to_string(),
            })
            .collect()
    }
}

/// The reference of revision `revision` (1, 2, …) of the document `reference`.
pub fn revision(reference: &str, revision: u32) -> String {
    format!("{reference}/Rev.{revision}")
}

/// The most characters of a reference the network manager records.
pub const MAX_REFERENCE: usize = 64;

/// A reference the network manager records, as the OSCE document system assigned it
/// (`PC.DEL/1234/27`, `SEC.GAL/12/27/Rev.1`): trimmed, 1 to [`MAX_REFERENCE`] printable ASCII
/// characters, single spaces at most. Whether another document has it is the store's to say.
pub fn check_given(text: &str) -> Result<String, Invalid> {
    let text = text.trim();
    let printable = text.chars().all(|c| c.is_ascii_graphic() || c == ' ');
    if text.is_empty() || text.len() > MAX_REFERENCE || !printable || text.contains("  ") {
        return Err(Invalid::ReferenceFormat { max: MAX_REFERENCE });
    }
    Ok(text.to_owned())
}

/// The number the next document of a year gets, after the last one given (`None`: the first).
pub fn next_number(last: Option<u32>) -> u32 {
    last.map_or(1, |n| n.saturating_add(1))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_recorded_reference_is_printable_ascii_of_at_most_64_characters() {
        assert_eq!(check_given("  PC.DEL/1234/27 ").unwrap(), "PC.DEL/1234/27");
        assert_eq!(
            check_given("SEC.GAL/12/27/Rev.1").unwrap(),
            "SEC.GAL/12/27/Rev.1"
        );
        for bad in [
            "",
            "   ",
            "PC.DEL/\n12",
            "PC.DÉL/1/27",
            "PC.DEL  1",
            &"x".repeat(65),
        ] {
            assert_eq!(
                check_given(bad),
                Err(Invalid::ReferenceFormat { max: MAX_REFERENCE }),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn the_osce_pattern_gives_the_osce_references() {
        let pattern = Pattern::parse(DEFAULT_PATTERN).unwrap();
        assert_eq!(pattern.format(682, 2012), "PC.DEL/682/12");
        assert_eq!(pattern.format(1, 2027), "PC.DEL/1/27");
        assert_eq!(
            revision(&pattern.format(682, 2012), 1),
            "PC.DEL/682/12/Rev.1"
        );
        let full = Pattern::parse("CBM-{yyyy}-{n}").unwrap();
        assert_eq!(full.format(7, 2027), "CBM-2027-7");
        assert_eq!(next_number(None), 1);
        assert_eq!(next_number(Some(41)), 42);
    }

    #[test]
    fn unusable_patterns_are_refused() {
        for bad in [
            "",
            "PC.DEL/{yy}",
            "{n}/{n}",
            "{n}/{yy}/{yyyy}",
            "PC.DEL/{m}/{yy}",
            "PC.DEL/{n/{yy}",
            "PC.DEL/n}/{yy}",
            "PC.DEL/{n}\n",
        ] {
            assert!(
                matches!(Pattern::parse(bad), Err(Invalid::Pattern(_))),
                "accepted {bad:?}"
            );
        }
    }

    proptest! {
        /// Distinct numbers give distinct references in a year, and parsing never panics.
        #[test]
        fn references_never_collide(prefix in "[A-Z.]{1,8}", a in 1u32..100_000, b in 1u32..100_000, year in 2013i32..2100, junk in "\\PC{0,40}") {
            let pattern = Pattern::parse(&format!("{prefix}/{{n}}/{{yy}}")).unwrap();
            prop_assert_eq!(pattern.format(a, year) == pattern.format(b, year), a == b);
            let _ = Pattern::parse(&junk);
        }
    }
}
