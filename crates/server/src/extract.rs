//! Extractors whose rejections answer in our format (problem+json, rendered as a page on the
//! web) instead of axum's plain text.

use crate::error::AppError;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

/// Path parameters.
pub struct AppPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for AppPath<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| AppPath(value))
            .map_err(|rejection| {
                use axum::extract::rejection::PathRejection;
                // A segment of the wrong form names nothing that exists: say which, plainly.
                let kind = |expected: &str| {
                    if expected.starts_with('i') || expected.starts_with('u') {
                        "a number".to_owned()
                    } else {
                        expected.to_owned()
                    }
                };
                let detail = match &rejection {
                    PathRejection::FailedToDeserializePathParams(failed) => {
                        use axum::extract::path::ErrorKind;
                        match failed.kind() {
                            ErrorKind::ParseErrorAtKey {
                                value,
                                expected_type,
                                ..
                            }
                            | ErrorKind::ParseErrorAtIndex {
                                value,
                                expected_type,
                                ..
                            }
                            | ErrorKind::ParseError {
                                value,
                                expected_type,
                            } => format!(
                                "the address is not valid: '{value}' is not {}",
                                kind(expected_type)
                            ),
                            _ => format!("the address is not valid: {}", failed.body_text()),
                        }
                    }
                    other => format!("the address is not valid: {}", other.body_text()),
                };
                AppError::BadRequest(detail)
            })
    }
}

/// Query parameters.
pub struct AppQuery<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for AppQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(value)| AppQuery(value))
            .map_err(|rejection| {
                AppError::BadRequest(format!("the query is not valid: {}", rejection.body_text()))
            })
    }
}

/// A JSON body that may be left out: an empty body is the value's default (`POST …/circulate`
/// with nothing to say).
pub struct AppOptionalJson<T>(pub T);

impl<T: DeserializeOwned + Default, S: Send + Sync> FromRequest<S> for AppOptionalJson<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = axum::body::Bytes::from_request(request, state)
            .await
            .map_err(|rejection| match rejection.status().as_u16() {
                413 => AppError::PayloadTooLarge("the body is too large".into()),
                _ => AppError::BadRequest(rejection.body_text()),
            })?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(AppOptionalJson(T::default()));
        }
        parse_json(&bytes).map(AppOptionalJson)
    }
}

/// JSON body.
pub struct AppJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for AppJson<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(request.headers()) {
            return Err(AppError::BadRequest(
                "send the body as JSON with 'Content-Type: application/json'".into(),
            ));
        }
        let bytes = axum::body::Bytes::from_request(request, state)
            .await
            .map_err(|rejection| match rejection.status().as_u16() {
                413 => AppError::PayloadTooLarge("the body is too large".into()),
                _ => AppError::BadRequest(rejection.body_text()),
            })?;
        parse_json(&bytes).map(AppJson)
    }
}

/// The field a rule of a body's type names first (`level: a point of contact needs …`).
fn named_field(message: &str) -> Option<String> {
    let (field, _) = message.split_once(": ")?;
    let plain = !field.is_empty()
        && field
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    plain.then(|| field.to_owned())
}

/// The value a serde message quotes as refused: "unknown variant `person`", "invalid type:
/// string \"yes\"", "invalid type: integer `5`".
fn refused_value(message: &str) -> Option<serde_json::Value> {
    let quoted = |rest: &str, open: char, close: char| {
        let rest = rest.strip_prefix(open)?;
        rest.find(close).map(|end| rest[..end].to_owned())
    };
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        return quoted(rest, '`', '`').map(serde_json::Value::from);
    }
    let rest = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))?;
    if rest.starts_with("null") {
        return Some(serde_json::Value::Null);
    }
    if let Some(rest) = rest.strip_prefix("string ") {
        return quoted(rest, '"', '"').map(serde_json::Value::from);
    }
    let number = ["integer ", "floating point "]
        .iter()
        .find_map(|kind| rest.strip_prefix(kind))?;
    serde_json::from_str(&quoted(number, '`', '`')?).ok()
}

/// The path (`languages[1]`) of the one leaf of the body equal to `refused`, if only one is.
fn only_place_of(bytes: &[u8], refused: &serde_json::Value) -> Option<String> {
    fn walk(
        value: &serde_json::Value,
        path: String,
        refused: &serde_json::Value,
        out: &mut Vec<String>,
    ) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, value) in map {
                    let path = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    walk(value, path, refused, out);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, value) in items.iter().enumerate() {
                    walk(value, format!("{path}[{i}]"), refused, out);
                }
            }
            leaf if leaf == refused => out.push(path),
            _ => {}
        }
    }
    let body: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    let mut places = Vec::new();
    walk(&body, String::new(), refused, &mut places);
    match places.as_slice() {
        [only] if !only.is_empty() => Some(only.clone()),
        _ => None,
    }
}

/// serde_json's message without its "at line 1 column 17": a client needs the field, not the
/// column.
fn unplaced(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message,
    }
}

/// Whether the request says its body is JSON (`application/json`, or a `+json` type).
fn is_json(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .is_some_and(|v| {
            v == "application/json" || (v.starts_with("application/") && v.ends_with("+json"))
        })
}

/// A JSON body read as `T`: text that is not JSON is a bad request (400); JSON that is not a `T`
/// breaks the contract's schema (422), and the problem names the field (`errors`, keyed by its
/// path: `details.languages[2]`) with what was expected there.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer);
    if value.is_ok() {
        deserializer.end().map_err(|e| {
            AppError::BadRequest(format!("the body is not valid JSON: {}", unplaced(&e)))
        })?;
    }
    value.map_err(|error| {
        let inner = error.inner();
        let message = unplaced(inner);
        if !inner.is_data() {
            return AppError::BadRequest(format!("the body is not valid JSON: {message}"));
        }
        let path = error.path().to_string();
        // A missing field is reported at its parent: name the field itself.
        let missing = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.strip_suffix('`'));
        let field = match (missing, path.as_str()) {
            (Some(field), "." | "") => field.to_owned(),
            (Some(field), parent) => format!("{parent}.{field}"),
            // Fields of a flattened part (a contact's kind and details) are read from a buffer
            // the path cannot see into: find the one value the message quotes.
            (None, "." | "") => named_field(&message)
                .or_else(|| refused_value(&message).and_then(|r| only_place_of(bytes, &r)))
                .unwrap_or_else(|| "body".to_owned()),
            (None, path) => path.to_owned(),
        };
        let message = match message.strip_prefix(&format!("{field}: ")) {
            Some(rest) => rest.to_owned(),
            None => message,
        };
        let message = if message.contains("component") {
            // The time crate's words for a date it could not read.
            format!("{message}: a date is written YYYY-MM-DD")
        } else {
            message
        };
        AppError::Validation {
            detail: format!("{field}: {message}"),
            errors: liaison_core::directory::FieldErrors::from([(field, message)]),
        }
    })
}

/// A multipart form body, refused as a problem when it is not one (no boundary, another type).
pub struct AppMultipart(pub axum::extract::Multipart);

impl<S: Send + Sync> FromRequest<S> for AppMultipart {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Multipart::from_request(request, state)
            .await
            .map(AppMultipart)
            .map_err(|rejection| {
                AppError::BadRequest(format!(
                    "send the file as multipart/form-data: {}",
                    rejection.body_text()
                ))
            })
    }
}

/// The recipients as a list of codes: `AUT,EST` or `AUT EST`.
pub fn state_list(
    field: &str,
    text: &str,
) -> Result<Vec<liaison_types::state::StateCode>, AppError> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(|code| {
            liaison_types::state::StateCode::parse(&code.to_ascii_uppercase())
                .map_err(|e| crate::error::AppError::validation(field, e))
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        languages: Vec<String>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Body {
        name: String,
        inner: Inner,
        #[serde(flatten)]
        level: Flat,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(tag = "kind", rename_all = "lowercase")]
    #[allow(dead_code)]
    enum Flat {
        Poc { level: u8 },
    }

    fn refused(body: &str) -> (u16, Option<String>, String) {
        let error = parse_json::<Body>(body.as_bytes()).unwrap_err();
        let problem = error.problem();
        (
            problem.status,
            problem.errors.keys().next().cloned(),
            problem.detail,
        )
    }

    #[test]
    fn a_field_of_the_wrong_type_is_named_by_its_path() {
        let (status, field, detail) = refused(
            r#"{"name": "a", "inner": {"languages": ["de", 5]}, "kind": "poc", "level": 1}"#,
        );
        assert_eq!(
            (status, field.as_deref()),
            (422, Some("inner.languages[1]"))
        );
        assert!(detail.contains("expected a string"), "{detail}");
        assert!(!detail.contains("line 1"), "{detail}");
    }

    #[test]
    fn a_missing_field_is_named_itself_not_its_parent() {
        let (_, field, _) = refused(r#"{"name": "a", "inner": {}, "kind": "poc", "level": 1}"#);
        assert_eq!(field.as_deref(), Some("inner.languages"));
        let (_, field, _) = refused(r#"{"inner": {"languages": []}, "kind": "poc", "level": 1}"#);
        assert_eq!(field.as_deref(), Some("name"));
    }

    #[test]
    fn a_flattened_field_is_found_by_the_value_refused() {
        let (status, field, _) =
            refused(r#"{"name": "a", "inner": {"languages": []}, "kind": "person", "level": 1}"#);
        assert_eq!((status, field.as_deref()), (422, Some("kind")));
        // Two places hold the refused value: the body as a whole is named, not a guess.
        let (_, field, _) = refused(
            r#"{"name": "person", "inner": {"languages": []}, "kind": "person", "level": 1}"#,
        );
        assert_eq!(field.as_deref(), Some("body"));
    }

    #[test]
    fn text_that_is_not_json_is_a_bad_request() {
        let trailing = r#"{"name": "a", "inner": {"languages": []}, "kind": "poc", "level": 1} x"#;
        for body in ["", "{", trailing, "\u{feff}{}"] {
            let (status, field, _) = refused(body);
            assert_eq!((status, field), (400, None), "{body:?}");
        }
    }

    proptest! {
        /// Whatever the bytes, the answer is a 400 or a 422 that names a field, never a panic.
        #[test]
        fn any_bytes_get_a_400_or_a_422_with_a_field(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            if let Err(error) = parse_json::<Body>(&bytes) {
                let problem = error.problem();
                prop_assert!(problem.status == 400 || (problem.status == 422 && problem.errors.len() == 1));
            }
        }

        /// JSON of any shape: the named field is a path into the body or the body itself.
        #[test]
        fn any_json_names_a_field_of_the_body(value in proptest::arbitrary::any::<u8>().prop_flat_map(|n| {
            prop_oneof![
                Just(serde_json::json!({ "name": n, "inner": { "languages": [n] }, "kind": "poc", "level": n })),
                Just(serde_json::json!({ "name": "a", "inner": { "languages": ["x", n] }, "kind": "poc", "level": "x" })),
                Just(serde_json::json!([n])),
            ]
        })) {
            let bytes = serde_json::to_vec(&value).unwrap();
            if let Err(error) = parse_json::<Body>(&bytes) {
                let problem = error.problem();
                prop_assert_eq!(problem.status, 422);
                let field = problem.errors.keys().next().cloned().unwrap();
                prop_assert!(field == "body" || ["name", "inner", "kind", "level"].iter().any(|f| field.starts_with(f)), "{}", field);
            }
        }
    }
}
