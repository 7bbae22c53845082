//! PDF documents of Liaison, typeset by Typst as a library. Kept in its own crate because Typst
//! is heavy to compile and rarely changes: everyday rebuilds of the server do not touch it.
//!
//! A caller describes a [`Report`] (title, reference, facts, blocks of Markdown and tables,
//! every label already in the reader's language); this crate writes the Typst source for it
//! with every piece of text as a string literal ([`markup`]) and compiles it with the fonts
//! embedded in the binary (Libertinus Serif, New Computer Modern and DejaVu Sans Mono, which
//! cover the Latin and Cyrillic scripts of the six OSCE languages). Nothing is read from the
//! file system or the network.

pub mod markup;

use std::sync::OnceLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

/// A document to typeset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The language of the labels (ISO 639-1), for hyphenation and quotes.
    pub language: String,
    /// The document reference, printed at the top right and on every page.
    pub reference: String,
    pub title: String,
    pub subtitle: String,
    /// Label and value lines under the title.
    pub facts: Vec<(String, String)>,
    pub blocks: Vec<Block>,
}

/// A part of a report's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A section heading.
    Heading(String),
    /// A small label over the text that follows it (the language of an original, say).
    Label(String),
    /// A Markdown text in a language (ISO 639-1).
    Markdown { language: String, text: String },
    /// A paragraph of plain text, in italics (a note such as "not provided this year").
    Note(String),
    /// A table: a header row and rows of plain text.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the document could not be typeset: {0}")]
    Typeset(String),
    #[error("the PDF could not be written: {0}")]
    Export(String),
}

/// The Typst source of a report.
pub fn source(report: &Report) -> String {
    let mut out = String::new();
    let language = language(&report.language);
    out.push_str(&format!(
        "#set document(title: {}, date: none)\n",
        markup::string(&format!("{} · {}", report.reference, report.title))
    ));
    out.push_str(&format!(
        "#set page(paper: \"a4\", margin: (x: 2.2cm, y: 2.4cm), header: context {{ if counter(page).get().first() > 1 [#set text(size: 8pt, fill: luma(90)); #{} #h(1fr) #{}] }}, footer: context [#set text(size: 8pt, fill: luma(90)); #h(1fr) #counter(page).display(\"1 / 1\", both: true)])\n",
        markup::string(&report.title),
        markup::string(&report.reference),
    ));
    out.push_str(&format!(
        "#set text(font: (\"Libertinus Serif\", \"New Computer Modern\"), size: 10.5pt, lang: {language})\n"
    ));
    out.push_str("#set par(justify: true)\n");
    out.push_str("#show raw: set text(font: \"DejaVu Sans Mono\", size: 9pt)\n");
    out.push_str("#show heading.where(level: 1): set text(size: 17pt)\n");
    out.push_str("#show heading.where(level: 2): it => block(above: 1.6em, below: 0.8em, stroke: (bottom: 0.5pt + luma(160)), inset: (bottom: 3pt), width: 100%, it)\n");
    out.push_str(&format!(
        "#align(right, text(font: \"DejaVu Sans Mono\", weight: \"bold\", size: 11pt, {}))\n",
        markup::string(&report.reference)
    ));
    out.push_str(&format!(
        "#heading(level: 1, outlined: false)[{}]\n",
        markup::text(&report.title)
    ));
    if !report.subtitle.is_empty() {
        out.push_str(&format!("{}\n\n", markup::text(&report.subtitle)));
    }
    for (label, value) in &report.facts {
        out.push_str(&format!(
            "#strong[{}]#\": \"{} #linebreak()\n",
            markup::text(label),
            markup::text(value)
        ));
    }
    out.push_str("#line(length: 100%, stroke: 1pt)\n\n");
    for block in &report.blocks {
        match block {
            Block::Heading(text) => out.push_str(&format!(
                "#heading(level: 2, outlined: false)[{}]\n\n",
                markup::text(text)
            )),
            Block::Note(text) => {
                out.push_str(&format!("#emph[{}]\n\n", markup::text(text)));
            }
            Block::Label(text) => out.push_str(&format!(
                "#block(below: 0.6em, text(size: 8pt, fill: luma(90), tracking: 0.05em, upper({})))\n\n",
                markup::string(text)
            )),
            Block::Markdown { language: lang, text } => out.push_str(&format!(
                "#[#set text(lang: {})\n{}]\n\n",
                self::language(lang),
                markup::markdown(text, 2)
            )),
            Block::Table { header, rows } => {
                let columns = header.len().max(1);
                let mut cells = vec![format!(
                    "table.header({})",
                    header
                        .iter()
                        .map(|h| format!("[#strong[{}]]", markup::text(h)))
                        .collect::<Vec<_>>()
                        .join(", ")
                )];
                for row in rows {
                    for index in 0..columns {
                        let cell = row.get(index).map(String::as_str).unwrap_or_default();
                        cells.push(format!("[{}]", markup::text(cell)));
                    }
                }
                out.push_str(&format!(
                    "#[#set text(size: 9pt)\n#set par(justify: false)\n#table(columns: {columns}, inset: 4pt, stroke: 0.5pt + luma(150), {})]\n\n",
                    cells.join(", ")
                ));
            }
        }
    }
    out
}

/// A language code Typst accepts, as a Typst string.
fn language(code: &str) -> String {
    if code.len() == 2 && code.chars().all(|c| c.is_ascii_lowercase()) {
        markup::string(code)
    } else {
        markup::string("en")
    }
}

/// The fonts and the standard library, loaded once per process.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        Shared {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

/// One compilation: the main source and nothing else.
struct Sheet {
    shared: &'static Shared,
    main: Source,
}

impl World for Sheet {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// Typesets a Typst source into a PDF. Typst memoises its work in a process-wide cache that
/// would otherwise keep every document ever typeset (gigabytes after a few large ones): it is
/// emptied after each document, whatever the outcome.
pub fn compile(source: String) -> Result<Vec<u8>, PdfError> {
    let typeset = typeset(source);
    typst::comemo::evict(0);
    typeset
}

fn typeset(source: String) -> Result<Vec<u8>, PdfError> {
    let path = VirtualPath::new("/main.typ").map_err(|e| PdfError::Typeset(format!("{e:?}")))?;
    let sheet = Sheet {
        shared: shared(),
        main: Source::new(
            FileId::new(RootedPath::new(VirtualRoot::Project, path)),
            source,
        ),
    };
    let document: PagedDocument = typst::compile(&sheet).output.map_err(|errors| {
        PdfError::Typeset(
            errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()).map_err(|errors| {
        PdfError::Export(
            errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })
}

/// A report as a PDF.
pub fn render(report: &Report) -> Result<Vec<u8>, PdfError> {
    compile(source(report))
}

/// Limits the calling process to `memory_bytes` of address space and `cpu_seconds` of CPU
/// time: what a process that only typesets (`liaison typeset`) does first, so that a document
/// whose layout would take gigabytes or minutes stops it, and not the server.
pub fn limit_this_process(memory_bytes: u64, cpu_seconds: u64) -> std::io::Result<()> {
    rlimit::setrlimit(rlimit::Resource::AS, memory_bytes, memory_bytes)?;
    rlimit::setrlimit(rlimit::Resource::CPU, cpu_seconds, cpu_seconds)
}
