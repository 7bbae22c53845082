//! Markdown and plain text turned into Typst markup that cannot run anything: every piece of
//! the author's text becomes a Typst string literal (`#"…"`), and the structure (headings,
//! emphasis, lists, tables, links) becomes calls of Typst's own functions. No character of the
//! input is ever read as Typst syntax, so `#`, `[`, `$` or `@` in a text are only text.
//!
//! The Markdown dialect is the one the web pages render: CommonMark with tables and
//! strikethrough; raw HTML is shown as text, images as their description (no remote
//! content), and links only when they are `http`, `https` or `mailto`.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag};

/// A Typst string literal holding `text` exactly.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Markup showing `text` as it is.
pub fn text(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!("#{}", string(text))
    }
}

/// Whether a link target may become a link (the same rule as the web pages' sanitiser).
fn safe_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

/// The deepest nesting of block quotes and lists the PDF shows as such: Typst limits how deep
/// its show rules nest, and a page cannot indent much further anyway. Deeper blocks are shown
/// at this depth, as paragraphs (the text is all there; only the indentation stops).
pub const MAX_NESTING: usize = 8;

/// An element being built: what wraps its children when it ends.
enum Frame {
    /// A block quote or list nested deeper than [`MAX_NESTING`]: its children as paragraphs.
    Flat,
    Root,
    Paragraph,
    Heading(u8),
    Quote,
    Code(String),
    List(Option<u64>),
    Item,
    Emphasis,
    Strong,
    Strike,
    Link(String),
    Image,
    Table,
    Head,
    Row,
    Cell,
}

struct Builder {
    stack: Vec<(Frame, Vec<String>)>,
    /// The level a Markdown `#` heading takes in the document.
    heading_offset: u8,
    /// Columns of the table being built.
    columns: usize,
}

impl Builder {
    fn push(&mut self, piece: String) {
        if let Some((_, children)) = self.stack.last_mut() {
            children.push(piece);
        }
    }

    fn open(&mut self, frame: Frame) {
        let nested = self
            .stack
            .iter()
            .filter(|(f, _)| matches!(f, Frame::Quote | Frame::List(_) | Frame::Flat))
            .count();
        let frame = match frame {
            Frame::Quote | Frame::List(_) if nested >= MAX_NESTING => Frame::Flat,
            frame => frame,
        };
        self.stack.push((frame, Vec::new()));
    }

    fn close(&mut self) {
        let Some((frame, children)) = self.stack.pop() else {
            return;
        };
        let body = children.concat();
        let piece = match frame {
            Frame::Root => body,
            Frame::Flat => format!("{}\n\n", children.join("\n\n")),
            Frame::Paragraph => format!("{body}\n\n"),
            Frame::Heading(level) => {
                let level = (level + self.heading_offset).min(6);
                format!("#heading(level: {level}, outlined: false)[{body}]\n\n")
            }
            Frame::Quote => format!("#quote(block: true)[{body}]\n\n"),
            Frame::Code(code) => format!("#raw(block: true, {})\n\n", string(&code)),
            Frame::List(start) => {
                let items = children
                    .iter()
                    .map(|c| format!("[{c}]"))
                    .collect::<Vec<_>>()
                    .join(", ");
                match start {
                    Some(start) => format!("#enum(start: {start}, {items})\n\n"),
                    None => format!("#list({items})\n\n"),
                }
            }
            // An item's content; its list joins the items.
            Frame::Item => body.trim_end().to_owned(),
            Frame::Emphasis => format!("#emph[{body}]"),
            Frame::Strong => format!("#strong[{body}]"),
            Frame::Strike => format!("#strike[{body}]"),
            Frame::Link(url) => format!("#link({})[{body}]", string(&url)),
            Frame::Image => body,
            Frame::Table => {
                let columns = self.columns.max(1);
                format!("#table(columns: {columns}, {})\n\n", children.join(", "))
            }
            // The header row, repeated on every page the table runs onto.
            Frame::Head => {
                let mut cells = children;
                cells.resize(self.columns.max(1), "[]".to_owned());
                format!("table.header({})", cells.join(", "))
            }
            // A row's cells, each its own argument of the table.
            Frame::Row => {
                let mut cells = children;
                cells.resize(self.columns.max(1), "[]".to_owned());
                cells.join(", ")
            }
            Frame::Cell => format!("[{body}]"),
        };
        if let Some((Frame::Code(code), _)) = self.stack.last_mut() {
            code.push_str(&piece);
        } else {
            self.push(piece);
        }
    }

    fn text(&mut self, piece: &str) {
        match self.stack.last_mut() {
            Some((Frame::Code(code), _)) => code.push_str(piece),
            _ => self.push(text(piece)),
        }
    }
}

fn level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Typst markup of a Markdown text; its headings start at level `1 + heading_offset`.
pub fn markdown(input: &str, heading_offset: u8) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut builder = Builder {
        stack: Vec::new(),
        heading_offset,
        columns: 0,
    };
    builder.open(Frame::Root);
    for event in Parser::new_ext(input, options) {
        match event {
            Event::Start(tag) => {
                let frame = match tag {
                    Tag::Paragraph => Frame::Paragraph,
                    Tag::Heading { level: l, .. } => Frame::Heading(level(l)),
                    Tag::BlockQuote(_) => Frame::Quote,
                    // The language of a fenced block is not used: no highlighting.
                    Tag::CodeBlock(_) => Frame::Code(String::new()),
                    Tag::List(start) => Frame::List(start),
                    Tag::Item => Frame::Item,
                    Tag::Emphasis => Frame::Emphasis,
                    Tag::Strong => Frame::Strong,
                    Tag::Strikethrough => Frame::Strike,
                    Tag::Link { dest_url, .. } if safe_link(&dest_url) => {
                        Frame::Link(dest_url.to_string())
                    }
                    Tag::Image { .. } => Frame::Image,
                    Tag::Table(alignments) => {
                        builder.columns = alignments.len();
                        Frame::Table
                    }
                    Tag::TableHead => Frame::Head,
                    Tag::TableRow => Frame::Row,
                    Tag::TableCell => Frame::Cell,
                    // Anything else (a link that may not be one, a footnote, …) keeps only its
                    // text.
                    _ => Frame::Image,
                };
                builder.open(frame);
            }
            // Every Start has its End; a table head is a row like the others.
            Event::End(_) => builder.close(),
            Event::Text(piece) => builder.text(&piece),
            Event::Code(piece) => builder.push(format!("#raw({})", string(&piece))),
            Event::Html(piece) | Event::InlineHtml(piece) => builder.text(&piece),
            Event::InlineMath(piece) | Event::DisplayMath(piece) => builder.text(&piece),
            Event::FootnoteReference(piece) => builder.text(&format!("[{piece}]")),
            Event::SoftBreak => builder.text(" "),
            Event::HardBreak => builder.push("#linebreak()".into()),
            Event::Rule => builder.push("#line(length: 100%)\n\n".into()),
            Event::TaskListMarker(done) => builder.text(if done { "☑ " } else { "☐ " }),
        }
    }
    while builder.stack.len() > 1 {
        builder.close();
    }
    builder
        .stack
        .pop()
        .map(|(_, children)| children.concat())
        .unwrap_or_default()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_quotes_backslashes_and_newlines() {
        assert_eq!(string(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(string("one\ntwo\u{0}"), r#""one\ntwo""#);
    }

    #[test]
    fn markdown_becomes_calls_of_typst_functions_around_string_literals() {
        let out = markdown("# Title\n\nSome *emphasis* and **strong** `code`.\n", 1);
        assert_eq!(
            out,
            "#heading(level: 2, outlined: false)[#\"Title\"]\n\n#\"Some \"#emph[#\"emphasis\"]#\" and \"#strong[#\"strong\"]#\" \"#raw(\"code\")#\".\"\n\n"
        );
    }

    #[test]
    fn typst_syntax_in_the_text_stays_text() {
        let out = markdown("#panic(\"x\") $x$ @ref <label> ]", 0);
        // One string literal per piece of text, the raw HTML among them: nothing else.
        assert_eq!(
            out,
            "#\"#panic(\\\"x\\\") $x$ @ref \"#\"<label>\"#\" \"#\"]\"\n\n"
        );
    }

    #[test]
    fn only_safe_links_become_links_and_images_keep_their_description() {
        let out = markdown(
            "[ok](https://osce.org) [bad](javascript:alert(1)) ![alt](http://x/y.png)",
            0,
        );
        assert!(
            out.contains("#link(\"https://osce.org\")[#\"ok\"]"),
            "{out}"
        );
        assert!(!out.contains("javascript"), "{out}");
        assert!(out.contains("#\"alt\""), "{out}");
        assert!(!out.contains("y.png"), "{out}");
    }

    #[test]
    fn lists_tables_and_code_blocks_keep_their_shape() {
        let out = markdown(
            "1. one\n2. two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nx = [1]\n```\n",
            0,
        );
        assert!(
            out.contains("#enum(start: 1, [#\"one\"], [#\"two\"])"),
            "{out}"
        );
        assert!(
            out.contains(
                "#table(columns: 2, table.header([#\"a\"], [#\"b\"]), [#\"1\"], [#\"2\"])"
            ),
            "{out}"
        );
        assert!(out.contains("#raw(block: true, \"x = [1]\\n\")"), "{out}");
    }
}
