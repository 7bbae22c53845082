//! A circulated document exported: as one self-contained HTML file, or as a PDF typeset by
//! Typst (the `liaison-pdf` crate). A circulated revision never changes, so its PDF is typeset
//! once per reader language, on the blocking pool, one at a time, and kept with its SHA-256;
//! every later export of it is read back. A document too large to typeset in reasonable time
//! and memory is refused for PDF (its HTML export always works).

use super::{Ctx, chosen_document};
use crate::error::{AppError, AppResult};
use crate::ops::directory::Download;
use crate::templates::{Templates, v};
use liaison_core::access::{self, Actor};
use liaison_types::exchange::Document;
use liaison_types::state::StateCode;
use minijinja::context;
use sha2::Digest;

/// The most characters (originals and translations together) a document may have to be
/// typeset: the largest inputs States circulate are a fraction of it, and typesetting is work
/// and memory in proportion.
pub const MAX_PDF_CHARS: usize = 600_000;

/// Typesetting runs one document at a time: a PDF takes hundreds of megabytes while Typst lays
/// it out, and one account's exports must not take the server's memory from the others.
static TYPESETTING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(1);

/// What a circulated document is exported as.
#[derive(Debug, Clone, Copy)]
pub enum Export {
    Html,
    Pdf,
}

/// A circulated document (the latest, or `revision`) exported as `what`, labelled in `lang`:
/// what the page and the API both answer.
pub async fn file(
    ctx: &Ctx,
    actor: &Actor,
    templates: &Templates,
    lang: &str,
    (year, code, revision): (i32, &StateCode, Option<i64>),
    what: Export,
) -> AppResult<Download> {
    match what {
        Export::Html => {
            let document = super::document(ctx, actor, year, code, revision).await?;
            html(templates, lang, &document)
        }
        Export::Pdf => pdf(ctx, actor, year, code, revision, lang).await,
    }
}

/// A circulated document as one self-contained HTML file (its own styles, nothing loaded from
/// elsewhere), named after its reference, labelled in `lang`.
pub fn html(templates: &Templates, lang: &str, document: &Document) -> AppResult<Download> {
    let html = templates.render(
        "exchange/export.html",
        context! { lang => lang, document => v(document) },
    )?;
    Ok(Download {
        content_type: "text/html; charset=utf-8",
        filename: file_name(document, "html"),
        body: html.into_bytes(),
    })
}

/// The file name of a document's export: its reference, with anything but letters, digits and
/// dots turned into dashes.
fn file_name(document: &Document, extension: &str) -> String {
    let stem: String = document
        .reference
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{stem}.{extension}")
}

/// The report a circulated document prints as, labelled in `lang`: each section with its
/// original and, after it, its English translation; the terms as a table.
pub fn report(lang: &str, document: &Document) -> liaison_pdf::Report {
    use crate::i18n::tr;
    use liaison_pdf::Block;
    let mut facts = vec![(
        tr(lang, "exchange-circulated-on"),
        document.circulated_at.date().to_string(),
    )];
    facts.push((
        tr(lang, "exchange-submitted-at"),
        format!(
            "{}{}",
            document.submitted_at.date(),
            if document.late {
                format!(" ({})", tr(lang, "exchange-late"))
            } else {
                String::new()
            }
        ),
    ));
    let mut blocks = Vec::new();
    for section in &document.sections {
        blocks.push(Block::Heading(format!(
            "{} (CBM {})",
            tr(
                lang,
                &format!("exchange-section-{}", section.section.as_str())
            ),
            section.cbm
        )));
        if section.not_provided {
            let mut note = tr(lang, "exchange-not-provided-document");
            if let Some(reason) = &section.reason {
                note.push(' ');
                note.push_str(&crate::i18n::tr_args(
                    lang,
                    "exchange-not-provided-because",
                    &[("reason", reason.clone().into())],
                ));
            }
            blocks.push(Block::Note(note));
        }
        if !section.text.trim().is_empty() {
            if section.english.is_some() {
                blocks.push(Block::Label(section.language.clone()));
            }
            blocks.push(Block::Markdown {
                language: section.language.clone(),
                text: section.text.clone(),
            });
        }
        if let Some(english) = section.english.as_ref().filter(|e| !e.trim().is_empty()) {
            blocks.push(Block::Label("en".into()));
            blocks.push(Block::Markdown {
                language: "en".into(),
                text: english.clone(),
            });
        }
        if !section.attachments.is_empty() {
            blocks.push(Block::Table {
                header: vec![tr(lang, "exchange-attachments"), "SHA-256".to_owned()],
                rows: section
                    .attachments
                    .iter()
                    .map(|a| {
                        vec![
                            format!(
                                "{} ({})",
                                a.name,
                                crate::i18n::file_size(lang, u64::try_from(a.size).unwrap_or(0))
                            ),
                            a.sha256.clone(),
                        ]
                    })
                    .collect(),
            });
        }
        if !section.terms.is_empty() {
            blocks.push(Block::Table {
                header: [
                    "exchange-term",
                    "exchange-definition",
                    "exchange-english-term",
                    "exchange-english-definition",
                    "exchange-source",
                ]
                .into_iter()
                .map(|key| tr(lang, key))
                .collect(),
                rows: section
                    .terms
                    .iter()
                    .map(|t| {
                        vec![
                            t.term.clone(),
                            t.definition.clone(),
                            t.english_term.clone(),
                            t.english_definition.clone(),
                            t.source.clone(),
                        ]
                    })
                    .collect(),
            });
        }
    }
    liaison_pdf::Report {
        language: lang.to_owned(),
        reference: document.reference.clone(),
        title: document.state_name.clone(),
        subtitle: format!("{} {}", tr(lang, "exchange-title"), document.year),
        facts,
        blocks,
    }
}

/// The characters a document's sections hold, originals and translations.
fn size(document: &Document) -> usize {
    document
        .sections
        .iter()
        .map(|s| s.text.chars().count() + s.english.as_deref().map_or(0, |e| e.chars().count()))
        .sum()
}

/// A circulated document (the latest, or `revision`) as a PDF labelled in `lang`: the kept one
/// when this revision was exported in this language before, else typeset now and kept.
pub async fn pdf(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
    revision: Option<i64>,
    lang: &str,
) -> AppResult<Download> {
    let (id, document) = chosen_document(ctx, actor, year, code, revision).await?;
    let permit = access::read_circulated(actor)?;
    let download = |body: Vec<u8>| Download {
        content_type: "application/pdf",
        filename: file_name(&document, "pdf"),
        body,
    };
    // The PDF prints the reference, which the manager may record anew: it is kept under the
    // reader language and the reference it prints.
    let key = format!("{lang} {}", document.reference);
    let kept = || async {
        let mut tx = ctx.store.read().await?;
        AppResult::Ok(liaison_store::exchange::export(&mut tx, &permit, id, &key).await?)
    };
    if let Some((_, body)) = kept().await? {
        return Ok(download(body));
    }
    if size(&document) > MAX_PDF_CHARS {
        return Err(AppError::PayloadTooLarge(format!(
            "{} holds more than {MAX_PDF_CHARS} characters, too many to typeset as a PDF; export it as HTML and print that",
            document.reference
        )));
    }
    let _turn = TYPESETTING
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    // Another export of the same document may have typeset it while this one waited.
    if let Some((_, body)) = kept().await? {
        return Ok(download(body));
    }
    let source = liaison_pdf::source(&report(lang, &document));
    let body = typeset(&ctx.config.pdf, source, &document.reference).await?;
    let sha256 = hex::encode(sha2::Sha256::digest(&body));
    let mut tx = ctx.store.begin().await?;
    liaison_store::exchange::insert_export(
        &mut tx,
        &permit,
        id,
        &key,
        &sha256,
        &body,
        ctx.clock.now(),
    )
    .await?;
    liaison_store::commit(tx).await?;
    Ok(download(body))
}

/// The refusal of a document the typesetter gave up on.
fn too_complex(reference: &str) -> AppError {
    AppError::PayloadTooLarge(format!(
        "{reference} is too complex to typeset as a PDF within the server's limits; export it as HTML and print that"
    ))
}

/// Typesets Typst source: in a `liaison typeset` process of its own, limited in memory and CPU
/// time and waited for at most twice that time, when a typesetter is configured; else on the
/// blocking pool (a server embedded in the tests).
async fn typeset(
    config: &crate::config::PdfConfig,
    source: String,
    reference: &str,
) -> AppResult<Vec<u8>> {
    if config.typesetter.is_empty() {
        return tokio::task::spawn_blocking(move || liaison_pdf::compile(source))
            .await
            .map_err(|e| AppError::Internal(format!("PDF typesetting stopped: {e}")))?
            .map_err(|e| AppError::Internal(e.to_string()));
    }
    use tokio::io::AsyncWriteExt;
    let mut child = tokio::process::Command::new(&config.typesetter)
        .arg("typeset")
        .args(["--max-memory-mib", &config.max_memory_mib.to_string()])
        .args(["--max-cpu-seconds", &config.max_cpu_seconds.to_string()])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| {
            AppError::Internal(format!(
                "cannot start the typesetter {}: {e}",
                config.typesetter
            ))
        })?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| AppError::Internal("the typesetter has no standard input".into()))?;
    let feed = async move {
        let written = stdin.write_all(source.as_bytes()).await;
        drop(stdin);
        written
    };
    let patience = std::time::Duration::from_secs(config.max_cpu_seconds.saturating_mul(2).max(1));
    let waited = tokio::time::timeout(patience, async {
        let (fed, output) = tokio::join!(feed, child.wait_with_output());
        fed.and(output)
    })
    .await;
    let Ok(output) = waited else {
        tracing::warn!(%reference, "the typesetter took too long and was stopped");
        return Err(too_complex(reference));
    };
    let output = output.map_err(|e| AppError::Internal(format!("the typesetter failed: {e}")))?;
    if output.status.success() && output.stdout.starts_with(b"%PDF-") {
        return Ok(output.stdout);
    }
    let said: String = String::from_utf8_lossy(&output.stderr)
        .chars()
        .take(300)
        .collect();
    tracing::warn!(%reference, status = %output.status, %said, "the typesetter gave up");
    Err(too_complex(reference))
}
