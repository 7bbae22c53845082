//! `liaison exchange …`: the annual information exchange from the command line, over the API.
//! The network manager opens a cycle (`open`) and reads its overview (`status`); a State's
//! coordinator imports a draft from a folder of Markdown files (`import-draft`) and submits it
//! (`submit`); every participating State exports a circulated submission as PDF, HTML or JSON
//! (`export`).
//!
//! The draft folder holds one Markdown file per section, named after the section and, unless
//! it is written in English, its language: `threats.md` (English), `legislation.fr.md` with its
//! English translation `legislation.en.md`, and the terms of the terminology section as
//! `terminology.csv` (the columns of the web page's CSV import). The whole folder is checked
//! here before anything is sent.

use crate::BadInput;
use crate::client::{Client, Session};
use clap::{Subcommand, ValueEnum};
use liaison_types::exchange::{
    Circulation, Cycle, CycleInput, CycleOverview, OFFICIAL_LANGUAGES, Section, SectionInput,
    Submission, Term,
};
use liaison_types::state::StateCode;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Pdf,
    Html,
    Json,
}

#[derive(Subcommand)]
pub enum ExchangeCommand {
    /// Opens the exchange cycle of a year (network manager); coordinators are notified.
    Open {
        #[command(flatten)]
        session: Session,
        #[arg(long)]
        year: i32,
        /// The day drafting opens (YYYY-MM-DD).
        #[arg(long)]
        opens_on: String,
        /// The deadline (YYYY-MM-DD); 31 October of the year when absent.
        #[arg(long)]
        deadline: Option<String>,
        /// The sections asked for, e.g. threats,terminology; all six when absent.
        #[arg(long, value_delimiter = ',')]
        sections: Vec<String>,
        /// on-submission (default) or by-manager.
        #[arg(long)]
        circulation: Option<String>,
        /// The document reference pattern, e.g. 'PC.DEL/{n}/{yy}'.
        #[arg(long)]
        pattern: Option<String>,
    },
    /// A cycle's overview: who submitted on time, late or not yet, and which sections.
    Status {
        #[command(flatten)]
        session: Session,
        year: i32,
    },
    /// Saves a State's draft from a folder of Markdown files (and terminology.csv), one new
    /// version per changed section (the State's coordinator).
    ImportDraft {
        #[command(flatten)]
        session: Session,
        #[arg(long)]
        year: i32,
        /// The State, ISO 3166 alpha-3 (your own).
        #[arg(long)]
        state: String,
        /// The folder.
        folder: PathBuf,
    },
    /// Submits a State's draft; every problem is named when it cannot be submitted yet.
    Submit {
        #[command(flatten)]
        session: Session,
        #[arg(long)]
        year: i32,
        #[arg(long)]
        state: String,
    },
    /// Writes a circulated submission with its reference number, as PDF, HTML or JSON.
    Export {
        #[command(flatten)]
        session: Session,
        #[arg(long)]
        year: i32,
        #[arg(long)]
        state: String,
        /// 0 for the document as first circulated, 1 for …/Rev.1; the latest when absent.
        #[arg(long)]
        revision: Option<i64>,
        #[arg(long, value_enum, default_value = "pdf")]
        format: ExportFormat,
        /// Output file; standard output when absent.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

pub async fn run(command: ExchangeCommand) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match command {
        ExchangeCommand::Open {
            session,
            year,
            opens_on,
            deadline,
            sections,
            circulation,
            pattern,
        } => {
            let input = CycleInput {
                year,
                opens_on: date("--opens-on", &opens_on)?,
                deadline: deadline
                    .as_deref()
                    .map(|d| date("--deadline", d))
                    .transpose()?,
                sections: if sections.is_empty() {
                    None
                } else {
                    Some(
                        sections
                            .iter()
                            .map(|s| Section::parse(s))
                            .collect::<Result<_, _>>()
                            .map_err(BadInput)?,
                    )
                },
                circulation: circulation
                    .as_deref()
                    .map(Circulation::parse)
                    .transpose()
                    .map_err(BadInput)?,
                pattern,
            };
            let client = Client::new(&session.server, Some(&session.token))?;
            let cycle: Cycle = client
                .json(
                    client
                        .request(reqwest::Method::POST, "/api/v1/exchange/cycles")
                        .json(&input),
                )
                .await?;
            writeln!(
                out,
                "Opened the {} exchange: drafting from {}, deadline {}, circulation {}, references {}.",
                cycle.year,
                cycle.opens_on,
                cycle.deadline,
                cycle.circulation.as_str(),
                cycle.pattern
            )?;
            let names: Vec<&str> = cycle.sections.iter().map(|s| s.as_str()).collect();
            writeln!(out, "Sections: {}", names.join(", "))?;
        }
        ExchangeCommand::Status { session, year } => {
            let client = Client::new(&session.server, Some(&session.token))?;
            let overview: CycleOverview = client
                .json(client.request(
                    reqwest::Method::GET,
                    &format!("/api/v1/exchange/cycles/{year}"),
                ))
                .await?;
            writeln!(
                out,
                "{} exchange, deadline {}: {} on time, {} late, {} not yet.",
                overview.cycle.year,
                overview.cycle.deadline,
                overview.on_time,
                overview.late,
                overview.not_yet
            )?;
            for state in &overview.states {
                writeln!(
                    out,
                    "  {} {:<28} {:<11} {}/{} sections{}{}",
                    state.state,
                    state.state_name,
                    state.status.as_str(),
                    state.complete_sections.len(),
                    overview.cycle.sections.len(),
                    if state.late { "  late" } else { "" },
                    state
                        .reference
                        .as_deref()
                        .map(|r| format!("  {r}"))
                        .unwrap_or_default()
                )?;
            }
        }
        ExchangeCommand::ImportDraft {
            session,
            year,
            state,
            folder,
        } => {
            let code = StateCode::parse(&state).map_err(BadInput)?;
            let draft = read_folder(&folder)?;
            let client = Client::new(&session.server, Some(&session.token))?;
            let mut last = None;
            for (section, input) in &draft {
                let path = format!(
                    "/api/v1/exchange/cycles/{year}/submissions/{code}/sections/{}",
                    section.as_str()
                );
                let saved: Submission = client
                    .json(client.request(reqwest::Method::PUT, &path).json(input))
                    .await
                    .map_err(|e| match e.downcast::<BadInput>() {
                        Ok(refused) => BadInput(format!(
                            "section {} was refused (the sections before it are saved): {refused}",
                            section.as_str()
                        ))
                        .into(),
                        Err(other) => other,
                    })?;
                let version = saved
                    .draft
                    .iter()
                    .find(|s| s.section == *section)
                    .map_or(0, |s| s.version);
                writeln!(
                    out,
                    "{:<24} {}{}, version {version}",
                    section.as_str(),
                    input.language,
                    if input.english.is_some() {
                        " with English"
                    } else {
                        ""
                    }
                )?;
                last = Some(saved);
            }
            if let Some(submission) = last {
                problems(&mut out, &submission)?;
            }
        }
        ExchangeCommand::Submit {
            session,
            year,
            state,
        } => {
            let code = StateCode::parse(&state).map_err(BadInput)?;
            let client = Client::new(&session.server, Some(&session.token))?;
            let submission: Submission = client
                .json(client.request(
                    reqwest::Method::POST,
                    &format!("/api/v1/exchange/cycles/{year}/submissions/{code}/submit"),
                ))
                .await?;
            match submission.documents.last() {
                Some(document) if submission.status.as_str() == "circulated" => writeln!(
                    out,
                    "Submitted{} and circulated as {}.",
                    if submission.late { " (late)" } else { "" },
                    document.reference
                )?,
                _ => writeln!(
                    out,
                    "Submitted{}; the network manager circulates it.",
                    if submission.late { " (late)" } else { "" }
                )?,
            }
        }
        ExchangeCommand::Export {
            session,
            year,
            state,
            revision,
            format,
            out: file,
        } => {
            let code = StateCode::parse(&state).map_err(BadInput)?;
            let client = Client::new(&session.server, Some(&session.token))?;
            let base = format!("/api/v1/exchange/cycles/{year}/submissions/{code}");
            let path = match format {
                ExportFormat::Pdf => format!("{base}/export.pdf"),
                ExportFormat::Html => format!("{base}/export.html"),
                ExportFormat::Json => format!("{base}/document"),
            };
            let mut request = client.request(reqwest::Method::GET, &path);
            if let Some(revision) = revision {
                request = request.query(&[("revision", revision)]);
            }
            let bytes = client.bytes(request).await?;
            match file {
                Some(path) => {
                    std::fs::write(&path, &bytes)
                        .map_err(|e| anyhow::anyhow!("writing {}: {e}", path.display()))?;
                    writeln!(out, "Wrote {} ({} bytes).", path.display(), bytes.len())?;
                }
                None => out.write_all(&bytes)?,
            }
        }
    }
    Ok(())
}

fn date(flag: &str, text: &str) -> anyhow::Result<time::Date> {
    time::Date::parse(
        text.trim(),
        &time::macros::format_description!("[year]-[month]-[day]"),
    )
    .map_err(|_| BadInput(format!("{flag}: '{text}' is not a date (YYYY-MM-DD)")).into())
}

fn problems(out: &mut impl Write, submission: &Submission) -> std::io::Result<()> {
    if submission.problems.is_empty() {
        writeln!(
            out,
            "The draft is complete: `liaison exchange submit` submits it."
        )
    } else {
        writeln!(out, "Before it can be submitted:")?;
        for problem in &submission.problems {
            writeln!(out, "  - {problem}")?;
        }
        Ok(())
    }
}

/// One Markdown file of the folder: which section, in which language.
fn file_name(name: &str) -> Result<(Section, String), String> {
    let stem = name.strip_suffix(".md").ok_or_else(|| {
        format!("{name}: not a section file (SECTION.md, SECTION.LANG.md or terminology.csv)")
    })?;
    let (section, language) = match stem.rsplit_once('.') {
        Some((section, language)) => (section, language.to_owned()),
        None => (stem, "en".to_owned()),
    };
    let section = Section::parse(section).map_err(|e| format!("{name}: {e}"))?;
    if !OFFICIAL_LANGUAGES.contains(&language.as_str()) {
        return Err(format!(
            "{name}: '{language}' is not an official OSCE language ({})",
            OFFICIAL_LANGUAGES.join(", ")
        ));
    }
    Ok((section, language))
}

/// The draft a folder holds, section by section, or every problem of the folder.
pub fn read_folder(folder: &Path) -> anyhow::Result<BTreeMap<Section, SectionInput>> {
    let entries = std::fs::read_dir(folder)
        .map_err(|e| BadInput(format!("cannot read the folder {}: {e}", folder.display())))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') && entry.file_type()?.is_file() {
            names.push(name);
        }
    }
    names.sort();
    let mut problems = Vec::new();
    let mut texts: BTreeMap<Section, BTreeMap<String, String>> = BTreeMap::new();
    let mut terms: Option<Vec<Term>> = None;
    for name in &names {
        let bytes = std::fs::read(folder.join(name))?;
        let Ok(text) = String::from_utf8(bytes.clone()) else {
            problems.push(format!("{name}: not UTF-8 text"));
            continue;
        };
        if name == "terminology.csv" {
            match liaison_core::exchange::terms::parse(&bytes) {
                Ok(list) => terms = Some(list),
                Err(lines) => problems.extend(
                    lines
                        .into_iter()
                        .map(|l| format!("{name}: line {}: {}", l.line, l.message)),
                ),
            }
            continue;
        }
        match file_name(name) {
            Ok((section, language)) => {
                texts.entry(section).or_default().insert(language, text);
            }
            Err(problem) => problems.push(problem),
        }
    }
    let mut draft = BTreeMap::new();
    for (section, mut languages) in texts {
        let english = languages.remove("en");
        let input = match (languages.len(), english) {
            (0, Some(text)) => SectionInput {
                language: "en".into(),
                text,
                english: None,
                terms: Vec::new(),
                ..Default::default()
            },
            (1, english) => {
                let (language, text) = languages.into_iter().next().unwrap_or_default();
                SectionInput {
                    language,
                    text,
                    english,
                    terms: Vec::new(),
                    ..Default::default()
                }
            }
            _ => {
                let found: Vec<String> = languages.keys().cloned().collect();
                problems.push(format!(
                    "{}: written in {}; a section has one original language (and its English translation as {}.en.md)",
                    section.as_str(),
                    found.join(" and "),
                    section.as_str()
                ));
                continue;
            }
        };
        draft.insert(section, input);
    }
    if let Some(terms) = terms {
        draft
            .entry(Section::Terminology)
            .or_insert_with(|| SectionInput {
                language: "en".into(),
                ..SectionInput::default()
            })
            .terms = terms;
    }
    if !problems.is_empty() {
        return Err(BadInput(format!(
            "the folder {} cannot be imported; nothing was sent:\n  {}",
            folder.display(),
            problems.join("\n  ")
        ))
        .into());
    }
    if draft.is_empty() {
        return Err(BadInput(format!(
            "the folder {} holds no section file (threats.md, legislation.fr.md, terminology.csv, …)",
            folder.display()
        ))
        .into());
    }
    Ok(draft)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        dir
    }

    #[test]
    fn a_folder_gives_each_section_its_language_and_translation() {
        let dir = folder(&[
            ("threats.md", "# Threats\n"),
            ("legislation.fr.md", "Loi"),
            ("legislation.en.md", "Law"),
            (
                "terminology.csv",
                "term,language,definition,english_term,english_definition,source\nRéseau,fr,Un réseau,Network,A network,\n",
            ),
            (".hidden", "ignored"),
        ]);
        let draft = read_folder(dir.path()).unwrap();
        assert_eq!(draft.len(), 3);
        assert_eq!(draft[&Section::Threats].language, "en");
        assert_eq!(draft[&Section::Threats].english, None);
        assert_eq!(draft[&Section::Legislation].language, "fr");
        assert_eq!(draft[&Section::Legislation].text, "Loi");
        assert_eq!(draft[&Section::Legislation].english.as_deref(), Some("Law"));
        assert_eq!(draft[&Section::Terminology].terms.len(), 1);
        assert_eq!(
            draft[&Section::Terminology].terms[0].english_term,
            "Network"
        );
    }

    #[test]
    fn every_problem_of_a_folder_is_named() {
        let dir = folder(&[
            ("threat.md", "typo"),
            ("legislation.fr.md", "Loi"),
            ("legislation.de.md", "Gesetz"),
            ("organisation.xx.md", "?"),
            ("notes.txt", "?"),
            ("terminology.csv", "term,colour\n"),
        ]);
        let message = read_folder(dir.path()).unwrap_err().to_string();
        for expected in [
            "threat.md: unknown section 'threat'",
            "legislation: written in de and fr",
            "organisation.xx.md: 'xx' is not an official OSCE language",
            "notes.txt: not a section file",
            "terminology.csv: line 1: unknown column 'colour'",
            "nothing was sent",
        ] {
            assert!(message.contains(expected), "{expected} in {message}");
        }
    }

    #[test]
    fn an_empty_folder_is_refused() {
        let dir = folder(&[]);
        let message = read_folder(dir.path()).unwrap_err().to_string();
        assert!(message.contains("holds no section file"), "{message}");
    }
}
