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
        match axum::Json::<T>::from_bytes(&bytes) {
            Ok(axum::Json(value)) => Ok(AppOptionalJson(value)),
            Err(rejection) => Err(match rejection.status().as_u16() {
                422 => AppError::Validation {
                    detail: rejection.body_text(),
                    errors: Default::default(),
                },
                _ => AppError::BadRequest(rejection.body_text()),
            }),
        }
    }
}

/// JSON body.
pub struct AppJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for AppJson<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(AppJson(value)),
            Err(rejection) => Err(match rejection.status().as_u16() {
                413 => AppError::PayloadTooLarge("the body is too large".into()),
                415 => AppError::BadRequest(
                    "send the body as JSON with 'Content-Type: application/json'".into(),
                ),
                422 => AppError::Validation {
                    detail: rejection.body_text(),
                    errors: Default::default(),
                },
                _ => AppError::BadRequest(rejection.body_text()),
            }),
        }
    }
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
