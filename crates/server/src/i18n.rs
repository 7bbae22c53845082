//! The message catalogue: every user-facing string of pages and emails is a Fluent message in
//! `locales/<lang>/main.ftl`, offered in the six official OSCE languages.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, static_loader};
use std::borrow::Cow;
use std::collections::HashMap;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The languages the interface is offered in, in the order of the language menu.
pub const LANGUAGES: [(&str, &str); 6] = [
    ("en", "English"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("it", "Italiano"),
    ("ru", "Русский"),
    ("es", "Español"),
];

/// Normalises a language code to one of [`LANGUAGES`], English otherwise.
pub fn supported(code: &str) -> &'static str {
    let primary = code
        .trim()
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    LANGUAGES
        .iter()
        .map(|(c, _)| *c)
        .find(|c| *c == primary)
        .unwrap_or("en")
}

/// Picks the best supported language from an `Accept-Language` header.
pub fn negotiate(accept_language: Option<&str>) -> &'static str {
    let Some(header) = accept_language else {
        return "en";
    };
    let mut ranked: Vec<(f32, &str)> = header
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.trim().split(";q=");
            let tag = pieces.next()?.trim();
            let q = pieces
                .next()
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            Some((q, tag))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked
        .into_iter()
        .map(|(_, tag)| {
            tag.split('-')
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase()
        })
        .find_map(|tag| LANGUAGES.iter().map(|(c, _)| *c).find(|c| *c == tag))
        .unwrap_or("en")
}

fn lang_id(lang: &str) -> LanguageIdentifier {
    supported(lang).parse().unwrap_or_default()
}

/// A message without arguments.
pub fn tr(lang: &str, key: &str) -> String {
    LOCALES.lookup(&lang_id(lang), key)
}

/// A message with named arguments (numbers select plural forms, e.g. in Russian).
pub fn tr_args(lang: &str, key: &str, args: &[(&str, FluentValue<'static>)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(name, value)| (Cow::Owned((*name).to_owned()), value.clone()))
        .collect();
    LOCALES.lookup_with_args(&lang_id(lang), key, &args)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_supported_languages() {
        assert_eq!(negotiate(Some("de-AT,de;q=0.9,en;q=0.5")), "de");
        assert_eq!(negotiate(Some("pt-BR, ru;q=0.4")), "ru");
        assert_eq!(negotiate(Some("ja")), "en");
        assert_eq!(negotiate(None), "en");
        assert_eq!(supported("fr_CH"), "fr");
    }
}
