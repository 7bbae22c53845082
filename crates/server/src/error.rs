//! The server's one error type. Every failure becomes an RFC 9457 problem: JSON for the API, and
//! a readable page for the web (the web layer renders the same problem as HTML). Internal details
//! are logged with the request id and never sent.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use liaison_core::access::Denied;
use liaison_core::directory::FieldErrors;
use liaison_store::StoreError;
use liaison_types::Problem;
use liaison_types::problem::LineError;

use liaison_core::text::shortened;

/// The most characters of one field's or one line's message in a problem, of its detail, and the
/// most lines of a file's problems it lists: a value sent back in an error is quoted, not
/// echoed whole (a 500 KB language code made a 1 MB answer).
const MAX_QUOTED: usize = 300;
const MAX_DETAIL: usize = 2000;
const MAX_LINES: usize = 200;

/// A problem as the catalogue words it: its field, message id and named arguments.
pub type WordedProblem = (String, &'static str, Vec<(&'static str, String)>);

/// A problem worded by the catalogue in `lang`: the one place a problem becomes text, for the
/// pages in the reader's language and for the API in English.
pub fn word(lang: &str, id: &str, args: &[(&'static str, String)]) -> String {
    let args: Vec<(&str, fluent_templates::fluent_bundle::FluentValue<'static>)> = args
        .iter()
        .map(|(name, value)| (*name, crate::i18n::argument(lang, name, value).into()))
        .collect();
    crate::i18n::tr_args(lang, id, &args)
}

/// A rule's problem worded by the catalogue in `lang`.
pub fn word_problem(lang: &str, problem: &impl liaison_core::wording::Worded) -> String {
    word(lang, problem.message_id(), &problem.args())
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{detail}")]
    Validation { detail: String, errors: FieldErrors },
    /// A validation problem the catalogue words: the API sends it in English like
    /// `Validation`, a page words it in the reader's language.
    #[error("{detail}")]
    Worded {
        detail: String,
        errors: FieldErrors,
        worded: Vec<WordedProblem>,
        /// A conflict with the state of things (409) rather than bad input (422).
        conflict: bool,
    },
    #[error("the file has {} problem(s); nothing was imported", .0.len())]
    Import(Vec<LineError>),
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    /// The path exists, not with this method (the `allow` header lists those it has).
    #[error("{0}")]
    MethodNotAllowed(String),
    /// A limit on how often something may be done was reached; the text says which and when
    /// to try again, the number is the seconds after which a retry may pass (`retry-after`: at
    /// most the limit's window).
    #[error("{0}")]
    TooManyRequests(String, u32),
    #[error("{0}")]
    PayloadTooLarge(String),
    /// The database turned the request away for other writes holding it (past its wait): a
    /// retry in a moment passes; nothing was changed.
    #[error("{0}")]
    Busy(String),
    #[error("internal error")]
    Internal(String),
}

impl AppError {
    pub fn validation(field: &str, message: impl Into<String>) -> AppError {
        let message = message.into();
        AppError::Validation {
            detail: format!("{field}: {message}"),
            errors: FieldErrors::from([(field.to_owned(), message)]),
        }
    }

    pub fn fields(errors: FieldErrors) -> AppError {
        let detail = errors
            .iter()
            .map(|(field, message)| format!("{field}: {message}"))
            .collect::<Vec<_>>()
            .join("; ");
        AppError::Validation { detail, errors }
    }

    /// Problems by field that conflict with the state of things (409), worded like
    /// [`AppError::worded`].
    pub fn worded_conflict<W: liaison_core::wording::Worded>(
        problems: impl IntoIterator<Item = (String, W)>,
    ) -> AppError {
        match AppError::worded(problems) {
            AppError::Worded {
                detail,
                errors,
                worded,
                ..
            } => AppError::Worded {
                detail,
                errors,
                worded,
                conflict: true,
            },
            other => other,
        }
    }

    /// Problems by field, each worded by the catalogue (in English for the API).
    pub fn worded<W: liaison_core::wording::Worded>(
        problems: impl IntoIterator<Item = (String, W)>,
    ) -> AppError {
        let mut errors = FieldErrors::new();
        let mut worded = Vec::new();
        for (field, problem) in problems {
            let (id, args) = (problem.message_id(), problem.args());
            errors.insert(field.clone(), word("en", id, &args));
            worded.push((field, id, args));
        }
        let detail = errors
            .iter()
            .map(|(field, message)| format!("{field}: {message}"))
            .collect::<Vec<_>>()
            .join("; ");
        AppError::Worded {
            detail,
            errors,
            worded,
            conflict: false,
        }
    }

    /// The problems by field in `lang`, when this is a validation problem.
    pub fn field_errors(&self, lang: &str) -> Option<FieldErrors> {
        match self {
            AppError::Validation { errors, .. } => Some(errors.clone()),
            AppError::Worded { worded, .. } => Some(
                worded
                    .iter()
                    .map(|(field, id, args)| (field.clone(), word(lang, id, args)))
                    .collect(),
            ),
            _ => None,
        }
    }

    /// Every kind of problem the server answers with, as `(status, type)`: what the published
    /// contract lists under each refusal (`api::contract`).
    pub fn kinds() -> Vec<(u16, String)> {
        let none = String::new;
        let worded = |conflict| AppError::Worded {
            detail: none(),
            errors: FieldErrors::new(),
            worded: Vec::new(),
            conflict,
        };
        [
            AppError::BadRequest(none()),
            worded(true),
            worded(false),
            AppError::Validation {
                detail: none(),
                errors: FieldErrors::new(),
            },
            AppError::Import(Vec::new()),
            AppError::Unauthorized(none()),
            AppError::Forbidden(none()),
            AppError::NotFound(none()),
            AppError::Conflict(none()),
            AppError::MethodNotAllowed(none()),
            AppError::TooManyRequests(none(), 0),
            AppError::PayloadTooLarge(none()),
            AppError::Busy(none()),
            AppError::Internal(none()),
        ]
        .iter()
        .map(|error| {
            let (status, kind, _) = error.status_and_kind();
            (status.as_u16(), format!("/problems/{kind}"))
        })
        .collect()
    }

    fn status_and_kind(&self) -> (StatusCode, &'static str, &'static str) {
        match self {
            AppError::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad-request", "Bad request"),
            AppError::Worded { conflict: true, .. } => {
                (StatusCode::CONFLICT, "conflict", "Conflict")
            }
            AppError::Validation { .. } | AppError::Worded { .. } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
                "Invalid input",
            ),
            AppError::Import(_) => (StatusCode::UNPROCESSABLE_ENTITY, "import", "Import refused"),
            AppError::Unauthorized(_) => {
                (StatusCode::UNAUTHORIZED, "unauthorized", "Sign-in required")
            }
            AppError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden", "Not allowed"),
            AppError::NotFound(_) => (StatusCode::NOT_FOUND, "not-found", "Not found"),
            AppError::Conflict(_) => (StatusCode::CONFLICT, "conflict", "Conflict"),
            AppError::MethodNotAllowed(_) => (
                StatusCode::METHOD_NOT_ALLOWED,
                "method-not-allowed",
                "Method not allowed",
            ),
            AppError::TooManyRequests(..) => (
                StatusCode::TOO_MANY_REQUESTS,
                "rate-limited",
                "Too many requests",
            ),
            AppError::PayloadTooLarge(_) => {
                (StatusCode::PAYLOAD_TOO_LARGE, "too-large", "Too large")
            }
            AppError::Busy(_) => (StatusCode::SERVICE_UNAVAILABLE, "busy", "Busy"),
            AppError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Internal error",
            ),
        }
    }

    pub fn problem(&self) -> Problem {
        let (status, kind, title) = self.status_and_kind();
        let mut problem = Problem {
            kind: format!("/problems/{kind}"),
            title: title.to_owned(),
            status: status.as_u16(),
            detail: self.to_string(),
            errors: Default::default(),
            lines: Vec::new(),
            request_id: None,
        };
        match self {
            AppError::Validation { errors, .. } | AppError::Worded { errors, .. } => {
                problem.errors = errors
                    .iter()
                    .map(|(field, message)| {
                        (shortened(field, MAX_QUOTED), shortened(message, MAX_QUOTED))
                    })
                    .collect();
            }
            AppError::Import(lines) => {
                problem.lines = lines
                    .iter()
                    .take(MAX_LINES)
                    .map(|l| LineError {
                        line: l.line,
                        message: shortened(&l.message, MAX_QUOTED),
                    })
                    .collect();
                if lines.len() > MAX_LINES {
                    problem.detail = format!(
                        "{} lines have problems; the first {MAX_LINES} are listed",
                        lines.len()
                    );
                }
            }
            _ => {}
        }
        // What the caller sent comes back bounded and without characters that reorder text.
        problem.detail = shortened(&problem.detail, MAX_DETAIL);
        problem
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(detail) = &self {
            tracing::error!(%detail, "internal error");
        }
        let problem = self.problem();
        let status =
            StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&problem).unwrap_or_default();
        let mut response = (status, body).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        match self {
            AppError::TooManyRequests(_, seconds) => {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
            }
            AppError::Busy(_) => {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(1));
            }
            // RFC 9110 §15.5.2 / RFC 6750 §3: say which scheme would be accepted.
            AppError::Unauthorized(_) => {
                response.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"liaison\""),
                );
            }
            _ => {}
        }
        response
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        if error.is_unique_violation() {
            AppError::Conflict("that already exists".into())
        } else if error.is_busy() {
            tracing::warn!(%error, "the database turned a request away (busy)");
            AppError::Busy(
                "the database is busy with other changes; nothing was changed, try again in a moment"
                    .into(),
            )
        } else {
            AppError::Internal(error.to_string())
        }
    }
}

impl From<Denied> for AppError {
    fn from(denied: Denied) -> Self {
        AppError::Forbidden(denied.0.to_owned())
    }
}

pub type AppResult<T> = Result<T, AppError>;
