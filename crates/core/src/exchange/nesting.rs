//! How deeply a Markdown text nests its blocks, measured before anything parses it.
//!
//! A CommonMark parser's work grows with the square of the nesting of block quotes and list
//! items (`- - - - …` twenty thousand times took nine seconds to render), and a typesetter has a
//! fixed depth it can show. Texts that nest deeper than [`MAX_NESTING`] are refused when they
//! are saved, so nothing stored is ever slow to render. The measure reads each line's start the
//! way CommonMark opens containers on it: block-quote markers `>`, bullet markers `-`, `+`, `*`
//! and ordered markers `1.` or `1)`, each followed by a space or the end of the line, and the
//! indentation before and between them (a list nested by indentation needs a marker on a line
//! indented two columns further per level). It is linear in the text and never smaller than the
//! depth a parser builds, so a text it accepts is a text that renders quickly.

/// The deepest nesting of block quotes and list items a text may have: far beyond what a
/// submission needs (a list in a list in a quote), far below what slows a parser.
pub const MAX_NESTING: usize = 12;

/// An upper bound of the depth of block containers any line of `text` opens.
pub fn nesting(text: &str) -> usize {
    text.lines().map(line_nesting).max().unwrap_or(0)
}

/// The containers a line's start can open: every marker counts one, every two columns of
/// indentation before or between markers count one more (a marker nested by indentation).
fn line_nesting(line: &str) -> usize {
    let bytes = line.as_bytes();
    let mut at = 0;
    let mut columns = 0usize;
    let mut markers = 0usize;
    loop {
        // Indentation: a tab advances to the next multiple of four columns.
        while at < bytes.len() && (bytes[at] == b' ' || bytes[at] == b'\t') {
            columns = if bytes[at] == b'\t' {
                columns + 4 - columns % 4
            } else {
                columns + 1
            };
            at += 1;
        }
        let Some(length) = marker(&bytes[at..]) else {
            break;
        };
        markers += 1;
        at += length;
        // The one space a marker takes belongs to it; only more is indentation.
        if at < bytes.len() && (bytes[at] == b' ' || bytes[at] == b'\t') {
            at += 1;
        }
    }
    if markers == 0 {
        // A line without markers continues containers that earlier lines opened.
        return 0;
    }
    markers + columns / 2
}

/// The length of a container marker at the start of `rest` (without the space after it), or
/// `None`.
fn marker(rest: &[u8]) -> Option<usize> {
    let ends = |at: usize| rest.get(at).is_none_or(|b| *b == b' ' || *b == b'\t');
    match rest.first()? {
        b'>' => Some(1),
        b'-' | b'+' | b'*' if ends(1) => Some(1),
        b'0'..=b'9' => {
            let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            let closes = rest.get(digits).is_some_and(|b| *b == b'.' || *b == b')');
            (digits <= 9 && closes && ends(digits + 1)).then_some(digits + 1)
        }
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check(text: &str, expected: usize) {
        assert_eq!(nesting(text), expected, "{text:?}");
    }

    #[test]
    fn markers_and_indentation_count() {
        check("", 0);
        check("Plain text.\n\nMore text with - a dash and > a sign.", 0);
        check("- one\n- two", 1);
        check("- one\n  - two\n    - three", 3);
        check("> quoted\n> > twice", 2);
        check("1. first\n2) second\n   - inner", 2);
        check("-not a marker", 0);
        check("    indented code without a marker", 0);
        check("- - - - -", 5);
        check(&"- ".repeat(20_000), 20_000);
        check(&"> ".repeat(20), 20);
        check("12345678901. not a marker (ten digits)", 0);
        check("\t- tabbed", 1 + 2);
        check("> > > three", 3);
        check(&format!("{}deepest", "> ".repeat(12)), 12);
    }

    /// The depth of block quotes and list items pulldown-cmark builds.
    fn parsed_depth(text: &str) -> usize {
        use pulldown_cmark::{Event, Parser, Tag, TagEnd};
        let mut depth = 0usize;
        let mut deepest = 0usize;
        for event in Parser::new(text) {
            match event {
                Event::Start(Tag::BlockQuote(_) | Tag::Item) => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                Event::End(TagEnd::BlockQuote(_) | TagEnd::Item) => depth -= 1,
                _ => {}
            }
        }
        deepest
    }

    proptest! {
        /// The measure is never below the depth the parser builds, so a text it accepts
        /// cannot nest deeper than the limit.
        #[test]
        fn the_measure_bounds_what_a_parser_builds(
            text in "([ \t]{0,6}(> |- |\\* |\\+ |1\\. |2\\) |-|>)*[a-z ]{0,4}\n?){0,12}"
        ) {
            prop_assert!(parsed_depth(&text) <= nesting(&text), "{:?}: parsed {} > measured {}", text, parsed_depth(&text), nesting(&text));
        }
    }
}
