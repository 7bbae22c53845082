//! Markdown of exchange submissions and inquiries rendered to HTML that is safe to show: raw
//! HTML in the source is shown as text, and the result is sanitised with ammonia's allow-list
//! without images (no remote content is ever loaded) and with links only to http, https and
//! mailto, opened without a referrer.
//!
//! Rendering is work proportional to the text (whose nesting `core::exchange::check_markdown`
//! bounds when it is saved): it is done once, on the blocking pool, when a text is stored, and
//! the HTML is kept under [`key`]; reads fetch it.

use std::collections::HashSet;
use std::sync::LazyLock;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .rm_tags(["img"])
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer nofollow"))
        .url_relative(ammonia::UrlRelative::Deny);
    builder
});

/// Changes whenever the rendering or the sanitiser's rules change, so stored HTML made by an
/// older renderer is not found and is made again.
const RENDERER: &str = "pulldown-cmark 0.13 + ammonia 4, v1";

/// The key the HTML of `text` is kept under: the SHA-256 of the renderer and the text.
pub fn key(text: &str) -> String {
    use sha2::Digest;
    let mut hasher = sha2::Sha256::new();
    hasher.update(RENDERER.as_bytes());
    hasher.update([0]);
    hasher.update(text.as_bytes());
    hex::encode(hasher.finalize())
}

/// The HTML of several texts, rendered on the blocking pool: `(key, html)` for each.
pub async fn render_off_workers(texts: Vec<String>) -> Result<Vec<(String, String)>, String> {
    tokio::task::spawn_blocking(move || {
        texts.iter().map(|text| (key(text), render(text))).collect()
    })
    .await
    .map_err(|e| e.to_string())
}

/// The sanitised HTML of `text`.
pub fn render(text: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, html};
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(text, options).map(|event| match event {
        // Raw HTML is the author's text, not markup.
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut out, events);
    CLEANER.clean(&out).to_string()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formatting_survives_and_scripts_do_not() {
        let html = render(
            "# Threats\n\n**Ransomware** and *phishing*.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        );
        assert!(html.contains("<h1>Threats</h1>"), "{html}");
        assert!(html.contains("<strong>Ransomware</strong>"));
        assert!(html.contains("<li>one</li>"));
        assert!(html.contains("<table>"));
        let evil = render(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n![tracker](https://evil.example/t.png)\n\n[ok](https://www.osce.org/)",
        );
        assert!(!evil.contains("<script"), "{evil}");
        assert!(!evil.contains("<img"), "{evil}");
        assert!(!evil.contains("javascript:"), "{evil}");
        assert!(
            !evil.contains("evil.example/t.png\""),
            "no remote image: {evil}"
        );
        assert!(
            evil.contains("&lt;script&gt;"),
            "raw HTML is shown as text: {evil}"
        );
        assert!(
            evil.contains(
                r#"<a href="https://www.osce.org/" rel="noopener noreferrer nofollow">ok</a>"#
            ),
            "{evil}"
        );
    }

    proptest! {
        /// Whatever the source, the output has no script, no image, no event handler.
        #[test]
        fn no_input_makes_active_content(text in "(<script>|<img src=x>|onerror=|javascript:|!\\[a\\]\\(http://x/y\\)|\\[b\\]\\(|\\)|<|>|\"|'|\\*|#| |\n|[a-z]){0,80}") {
            let html = render(&text).to_lowercase();
            prop_assert!(!html.contains("<script"));
            prop_assert!(!html.contains("<img"));
            // Inside a tag: text that merely reads "onerror=" is escaped and harmless.
            for tag in html.split('<').skip(1).filter_map(|rest| rest.split('>').next()) {
                // The tag's attribute names, without the quoted values.
                let names: String = tag.split('"').step_by(2).collect();
                prop_assert!(!names.contains("onerror"), "{}", tag);
                prop_assert!(!tag.contains("href=\"javascript:"), "{}", tag);
            }
        }
    }
}
