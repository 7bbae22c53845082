//! Writes a sample report to the file named by the first argument, to look at the layout:
//! `cargo run -p liaison-pdf --example sample -- /tmp/sample.pdf`.

use liaison_pdf::{Block, Report, render};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("give the output file")?;
    let report = Report {
        language: "en".into(),
        reference: "PC.DEL/682/27".into(),
        title: "Germany".into(),
        subtitle: "Information exchange 2027".into(),
        facts: vec![
            ("Circulated on".into(), "2027-03-01".into()),
            ("Submitted".into(), "2027-02-27".into()),
        ],
        blocks: vec![
            Block::Heading("National views on threats (CBM 1)".into()),
            Block::Label("de".into()),
            Block::Markdown {
                language: "de".into(),
                text: "## Lage\n\nDie **Bedrohung** durch *Ransomware* wächst.\n\n- Krankenhäuser\n- Energieversorger\n\n> Zitat aus der Strategie.".into(),
            },
            Block::Label("en".into()),
            Block::Markdown {
                language: "en".into(),
                text: "## Situation\n\nThe **threat** from *ransomware* grows.\n\n- hospitals\n- energy suppliers\n\n> A quote from the strategy. See [BSI](https://bsi.bund.de).".into(),
            },
            Block::Heading("National terminology (CBM 9)".into()),
            Block::Table {
                header: vec!["Term".into(), "Definition".into(), "English term".into(), "English definition".into(), "Source".into()],
                rows: vec![vec!["Инцидент".into(), "Событие, нарушающее работу".into(), "Incident".into(), "An event that disrupts operation".into(), "ФЗ-187".into()]],
            },
        ],
    };
    std::fs::write(path, render(&report)?)?;
    Ok(())
}
