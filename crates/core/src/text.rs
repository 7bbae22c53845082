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

#[cfg(test)]
mod tests {
    use super::*;

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
