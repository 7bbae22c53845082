//! Characters a reader does not see.

/// Whether `c` is a control character or an invisible formatting character that changes how
/// the text around it reads: the bidirectional marks, embeddings, overrides and isolates
/// (`U+202E` before `lmth.exe` shows the name as if it ended in `.html`), the zero-width characters
/// and the byte order mark. Names a person reads and trusts (files, contacts, tokens) keep none.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// `text` as a message may quote it back to the one who sent it: without the characters
/// [`is_hidden`] names (a control or an override would reorder what a log or a page shows), and at
/// most `max` characters, the middle cut out (`languages: 'xxxx … xxxx' is not …` keeps the
/// start and the end, where a message says what was wrong and what was expected).
pub fn shortened(text: &str, max: usize) -> String {
    let kept: Vec<char> = text
        .chars()
        .map(|c| {
            if is_hidden(c) && c != '\n' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect();
    if kept.len() <= max {
        return kept.into_iter().collect();
    }
    let side = max.saturating_sub(3) / 2;
    let head: String = kept[..side].iter().collect();
    let tail: String = kept[kept.len() - side..].iter().collect();
    format!("{head} … {tail}")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_long_text_keeps_its_start_and_end_and_loses_its_hidden_characters() {
        let long = format!("languages: '{}' is not a language", "x".repeat(5000));
        let short = shortened(&long, 100);
        assert!(short.chars().count() <= 100, "{short}");
        assert!(short.starts_with("languages: 'xxx"), "{short}");
        assert!(short.ends_with("' is not a language"), "{short}");
        assert_eq!(shortened("a\u{202E}b\u{7}c", 100), "a\u{FFFD}b\u{FFFD}c");
        assert_eq!(shortened("line one\nline two", 100), "line one\nline two");
    }

    proptest! {
        #[test]
        fn a_shortened_text_is_never_longer_than_asked_and_hides_nothing(text in ".{0,400}", max in 5usize..300) {
            let short = shortened(&text, max);
            prop_assert!(short.chars().count() <= max);
            prop_assert!(!short.chars().any(|c| is_hidden(c) && c != '\n'));
        }
    }

    #[test]
    fn overrides_isolates_zero_widths_and_controls_are_hidden_letters_are_not() {
        for c in [
            '\u{202E}', '\u{2066}', '\u{200B}', '\u{200F}', '\u{FEFF}', '\n', '\u{7}',
        ] {
            assert!(is_hidden(c), "{c:?}");
        }
        for c in ['a', 'é', 'Ж', 'ل', '中', ' ', '.', '\u{2010}'] {
            assert!(!is_hidden(c), "{c:?}");
        }
    }
}
