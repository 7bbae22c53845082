//! Reports typeset for real: the PDF is read back with poppler's `pdftotext` (installed by
//! `scripts/test`), so the text a reader sees is what is checked, in every script.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use liaison_pdf::{Block, Report, render};
use proptest::prelude::*;
use std::io::Write;
use std::process::{Command, Stdio};

fn report(blocks: Vec<Block>) -> Report {
    Report {
        language: "en".into(),
        reference: "PC.DEL/7/27/Rev.1".into(),
        title: "Germany".into(),
        subtitle: "Annual information exchange 2027".into(),
        facts: vec![("Circulated".into(), "2027-03-01".into())],
        blocks,
    }
}

/// The text of a PDF, or None when pdftotext is missing and the run does not require it.
fn pdf_text(pdf: &[u8]) -> Option<String> {
    let child = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) => {
            assert!(
                std::env::var_os("LIAISON_TEST_REQUIRE_ALL").is_none(),
                "pdftotext (poppler-utils) is required: {e}"
            );
            eprintln!("skipping the text check: no pdftotext ({e})");
            return None;
        }
    };
    child.stdin.take().unwrap().write_all(pdf).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "pdftotext failed");
    Some(String::from_utf8(output.stdout).unwrap())
}

/// Words as pdftotext prints them: lines joined, hyphenation and spacing ignored.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_report_in_several_scripts_reads_back_with_its_reference_on_every_page() {
    let long = "Paragraph of the national views on threats. ".repeat(400);
    let pdf = render(&report(vec![
        Block::Heading("National views on threats (CBM 1)".into()),
        Block::Label("fr".into()),
        Block::Markdown {
            language: "fr".into(),
            text: "La **menace** principale vient des *rançongiciels*.\n\n- réseaux\n- données"
                .into(),
        },
        Block::Label("en".into()),
        Block::Markdown {
            language: "en".into(),
            text: format!("The main **threat** comes from ransomware.\n\n{long}"),
        },
        Block::Heading("National terminology (CBM 9)".into()),
        Block::Markdown {
            language: "ru".into(),
            text: "Термин «кибербезопасность» определён в законе.".into(),
        },
        Block::Table {
            header: vec!["Term".into(), "Definition".into()],
            rows: vec![vec!["Инцидент".into(), "Событие, нарушающее работу".into()]],
        },
    ]))
    .unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let Some(text) = pdf_text(&pdf) else { return };
    let pages = text.matches('\u{c}').count();
    assert!(pages >= 3, "the long text fills several pages, got {pages}");
    // The reference at the top of the first page and in the header of every other page.
    assert!(
        text.matches("PC.DEL/7/27/Rev.1").count() >= pages,
        "the reference on every page:\n{text}"
    );
    let words = words(&text);
    for expected in [
        "Germany",
        "Annual information exchange 2027",
        "Circulated: 2027-03-01",
        "La menace principale vient des rançongiciels.",
        "réseaux",
        "The main threat comes from ransomware.",
        "Термин «кибербезопасность» определён в законе.",
        "Инцидент",
        "Событие, нарушающее работу",
    ] {
        assert!(words.contains(expected), "{expected} in:\n{words}");
    }
}

#[test]
fn typst_syntax_in_a_text_is_printed_not_run() {
    let pdf = render(&report(vec![Block::Markdown {
        language: "en".into(),
        text: "#panic(\"boom\") #read(\"/etc/passwd\") $x^2$ @label [brackets] \\".into(),
    }]))
    .unwrap();
    let Some(text) = pdf_text(&pdf) else { return };
    let words = words(&text);
    assert!(words.contains("#panic(\"boom\")"), "{words}");
    assert!(words.contains("#read(\"/etc/passwd\")"), "{words}");
    assert!(words.contains("@label [brackets]"), "{words}");
}

#[test]
fn quotes_and_lists_nested_deeper_than_a_page_shows_typeset_with_all_their_text() {
    for (marker, depth) in [("> ", 20), ("- ", 20), ("> - ", 12), ("1. ", 30)] {
        let text = format!("{}the innermost words", marker.repeat(depth));
        let pdf = render(&report(vec![Block::Markdown {
            language: "en".into(),
            text: text.clone(),
        }]));
        assert!(pdf.is_ok(), "{marker:?} x {depth}: {:?}", pdf.err());
        let Some(shown) = pdf_text(&pdf.unwrap()) else {
            continue;
        };
        assert!(
            words(&shown).contains("the innermost words"),
            "{marker:?} x {depth}: {shown}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    /// Any text, with any of Markdown's and Typst's special characters, typesets.
    #[test]
    fn any_text_typesets(text in "[a-zA-Zа-я0-9 #*_`\\[\\]()$@<>\"\\\\|~=+\\-.!\n]{0,300}") {
        let pdf = render(&report(vec![
            Block::Heading(text.clone()),
            Block::Markdown { language: "en".into(), text: text.clone() },
            Block::Table { header: vec![text.clone()], rows: vec![vec![text]] },
        ]));
        prop_assert!(pdf.is_ok(), "{:?}", pdf.err());
    }
}
