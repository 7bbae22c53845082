//! A file handed out: every export, key, ciphertext and attachment leaves the server through
//! [`Download`], so each is served the same way: its content type, never sniffed, always as an
//! attachment, its name encoded once as RFC 6266 says (an ASCII fallback and the exact name in
//! UTF-8, RFC 8187).

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// A file to hand out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    pub content_type: &'static str,
    pub filename: String,
    pub body: Vec<u8>,
}

impl IntoResponse for Download {
    fn into_response(self) -> Response {
        (
            [
                (header::CONTENT_TYPE, self.content_type.to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    content_disposition(&self.filename),
                ),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
            ],
            self.body,
        )
            .into_response()
    }
}

/// A file as an answer, for a handler that returns `AppResult<Response>`.
pub fn download(file: Download) -> crate::error::AppResult<Response> {
    Ok(file.into_response())
}

/// A circulated document exported for the caller (the latest, or `revision`), labelled in the
/// caller's language: what the API and the pages both answer.
pub async fn exchange_export(
    state: &crate::AppState,
    caller: &crate::auth::Caller,
    (year, code, revision): (i32, &liaison_types::state::StateCode, Option<i64>),
    what: crate::ops::exchange::export::Export,
) -> crate::error::AppResult<Response> {
    let file = crate::ops::exchange::export::file(
        &caller.ctx,
        &caller.actor,
        state.templates,
        caller.lang,
        (year, code, revision),
        what,
    )
    .await?;
    download(file)
}

/// `attachment; filename="…"; filename*=UTF-8''…` for a file name: the quoted fallback keeps
/// printable ASCII (quotes, backslashes and anything else become `_`), the extended value is the
/// exact name, percent-encoded.
pub fn content_disposition(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let exact: String = url::form_urlencoded::byte_serialize(name.as_bytes()).collect();
    format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        exact.replace('+', "%20")
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_plain_name_and_a_name_in_another_script() {
        assert_eq!(
            content_disposition("PC.DEL-12-27.pdf"),
            "attachment; filename=\"PC.DEL-12-27.pdf\"; filename*=UTF-8''PC.DEL-12-27.pdf"
        );
        assert_eq!(
            content_disposition("Стратегия 2027.pdf"),
            "attachment; filename=\"_________ 2027.pdf\"; \
             filename*=UTF-8''%D0%A1%D1%82%D1%80%D0%B0%D1%82%D0%B5%D0%B3%D0%B8%D1%8F%202027.pdf"
        );
        assert_eq!(
            content_disposition("a\"b\\c\r\n.txt"),
            "attachment; filename=\"a_b_c__.txt\"; filename*=UTF-8''a%22b%5Cc%0D%0A.txt"
        );
    }

    proptest! {
        /// Whatever the name: one header line, a fallback of printable ASCII without quotes or
        /// backslashes, and an extended value that decodes to the exact name.
        #[test]
        fn every_name_gives_a_safe_header_that_decodes_back(name in "\\PC{0,40}") {
            let header = content_disposition(&name);
            prop_assert!(header.is_ascii() && !header.contains(['\r', '\n']));
            let fallback = header
                .strip_prefix("attachment; filename=\"")
                .and_then(|rest| rest.split_once("\"; filename*=UTF-8''"))
                .unwrap();
            prop_assert!(!fallback.0.contains(['"', '\\']));
            let decoded: String = url::form_urlencoded::parse(format!("x={}", fallback.1.replace('+', "%2B")).as_bytes())
                .map(|(_, v)| v.into_owned())
                .next()
                .unwrap();
            prop_assert_eq!(decoded, name);
        }
    }
}
