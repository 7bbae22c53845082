//! What changed between two circulated versions of a submission (a revision and the version
//! before it), line by line, section by section, so that readers see the revision's changes.

use liaison_types::exchange::{Attachment, DiffLine, Section, SectionDiff, Term};

/// The text of a section that a diff compares: its text, its English translation and its
/// terms, one term per line.
#[derive(Debug, Clone, Copy)]
pub struct Compared<'a> {
    pub section: Section,
    pub language: &'a str,
    pub text: &'a str,
    pub english: Option<&'a str>,
    pub terms: &'a [Term],
    pub attachments: &'a [Attachment],
}

fn lines_of(section: Option<&Compared<'_>>) -> String {
    let Some(s) = section else {
        return String::new();
    };
    let mut out = format!("[{}]\n{}\n", s.language, s.text.trim_end());
    if let Some(english) = s.english {
        out.push_str("[en]\n");
        out.push_str(english.trim_end());
        out.push('\n');
    }
    for term in s.terms {
        out.push_str(&format!(
            "{} ({}): {} | {}: {} | {}\n",
            term.term,
            term.language,
            term.definition,
            term.english_term,
            term.english_definition,
            term.source
        ));
    }
    for file in s.attachments {
        out.push_str(&format!(
            "[attachment] {} ({} bytes, SHA-256 {})\n",
            file.name, file.size, file.sha256
        ));
    }
    out
}

/// Each section of `sections` (in that order) compared between `before` and `after`.
pub fn compare(
    sections: &[Section],
    before: &[Compared<'_>],
    after: &[Compared<'_>],
) -> Vec<SectionDiff> {
    sections
        .iter()
        .map(|section| {
            let old = lines_of(before.iter().find(|s| s.section == *section));
            let new = lines_of(after.iter().find(|s| s.section == *section));
            let diff = similar::TextDiff::from_lines(&old, &new);
            let lines = diff
                .iter_all_changes()
                .map(|change| DiffLine {
                    change: match change.tag() {
                        similar::ChangeTag::Equal => "same",
                        similar::ChangeTag::Insert => "added",
                        similar::ChangeTag::Delete => "removed",
                    }
                    .to_owned(),
                    text: change.value().trim_end_matches('\n').to_owned(),
                })
                .collect::<Vec<_>>();
            SectionDiff {
                section: *section,
                changed: lines.iter().any(|l| l.change != "same"),
                lines,
            }
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn a_revision_shows_the_lines_it_added_and_removed() {
        let before = [Compared {
            section: Section::Threats,
            language: "en",
            text: "Ransomware.\nPhishing.",
            english: None,
            terms: &[],
            attachments: &[],
        }];
        let after = [Compared {
            section: Section::Threats,
            language: "en",
            text: "Ransomware.\nSupply-chain attacks.",
            english: None,
            terms: &[],
            attachments: &[],
        }];
        let diff = compare(&[Section::Threats, Section::Legislation], &before, &after);
        assert!(diff[0].changed);
        let changes: Vec<(&str, &str)> = diff[0]
            .lines
            .iter()
            .map(|l| (l.change.as_str(), l.text.as_str()))
            .collect();
        assert!(changes.contains(&("same", "Ransomware.")));
        assert!(changes.contains(&("removed", "Phishing.")));
        assert!(changes.contains(&("added", "Supply-chain attacks.")));
        assert!(
            !diff[1].changed,
            "a section absent from both did not change"
        );
    }
}
