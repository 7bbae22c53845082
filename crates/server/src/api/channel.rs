//! The protected channel over JSON: key sets, requests and their threads, replies,
//! acknowledgement, closing, escalation, ciphertext download, feedback and the manager's
//! statistics. A request or reply carries its OpenPGP message as armored text in JSON, or as a
//! file part (armored or binary) of a multipart form; a reply may also be the bare message
//! (`application/pgp-encrypted` or `application/octet-stream`).

use super::AppJson;
use crate::AppState;
use crate::auth::ApiCaller;
use crate::error::{AppError, AppResult};
use crate::extract::state_list;
use crate::extract::{AppPath, AppQuery};
use crate::ops;
use crate::ops::channel::Outgoing;
use axum::Json;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use liaison_types::Page;
use liaison_types::channel::{
    ChannelStats, EscalateInput, FeedbackInput, KeySetView, ReplyInput, RequestDetail,
    RequestInput, RequestKind, RequestSummary, Tlp, Urgency,
};
use liaison_types::directory::Level;
use liaison_types::id::{MessageId, RequestId};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes, reading request bodies up to `max_body` bytes (the channel's message limit,
/// armored, with room for the envelope).
pub fn routes(max_body: usize) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_requests, send_request))
        .routes(routes!(request_keys))
        .routes(routes!(channel_stats))
        .routes(routes!(get_request))
        .routes(routes!(thread_keys))
        .routes(routes!(reply))
        .routes(routes!(download))
        .routes(routes!(acknowledge))
        .routes(routes!(close))
        .routes(routes!(escalate))
        .routes(routes!(feedback))
        .layer(DefaultBodyLimit::max(max_body))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ListQuery {
    /// The `next_cursor` of the previous page.
    cursor: Option<String>,
}

/// The requests the caller's State sent or received, newest first, with each recipient
/// State's status.
#[utoipa::path(get, path = "/api/v1/requests", tag = "channel", params(ListQuery),
    responses((status = 200, body = Page<RequestSummary>), (status = 403, body = liaison_types::Problem)))]
async fn list_requests(
    ApiCaller(caller): ApiCaller,
    AppQuery(query): AppQuery<ListQuery>,
) -> AppResult<Json<Page<RequestSummary>>> {
    let before = super::cursor(query.cursor)?;
    let (items, next) =
        ops::channel::list(&caller.ctx, &caller.actor, before.map(RequestId)).await?;
    Ok(Json(Page {
        items,
        next_cursor: next.map(|id| id.to_string()),
    }))
}

fn is(headers: &HeaderMap, prefix: &[u8]) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(prefix))
}

fn too_large() -> AppError {
    AppError::PayloadTooLarge("the request body is larger than this server accepts".into())
}

/// Reads a multipart field's text value.
async fn text(field: axum::extract::multipart::Field<'_>) -> AppResult<String> {
    let name = field.name().unwrap_or_default().to_owned();
    field.text().await.map_err(|e| multipart_error(&name, &e))
}

/// Reads a multipart field's bytes (the message file, armored or binary).
async fn bytes(field: axum::extract::multipart::Field<'_>) -> AppResult<Vec<u8>> {
    let name = field.name().unwrap_or_default().to_owned();
    Ok(field
        .bytes()
        .await
        .map_err(|e| multipart_error(&name, &e))?
        .to_vec())
}

fn multipart_error(name: &str, error: &axum::extract::multipart::MultipartError) -> AppError {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large()
    } else {
        AppError::BadRequest(format!(
            "the form field '{name}' could not be read: {error}"
        ))
    }
}

fn parse_field<T>(
    field: &str,
    value: Option<String>,
    parse: impl Fn(&str) -> Result<T, String>,
) -> AppResult<T> {
    let value = value.ok_or_else(|| AppError::validation(field, "required"))?;
    parse(&value).map_err(|e| AppError::validation(field, e))
}

async fn outgoing_from_form(mut multipart: Multipart) -> AppResult<Outgoing> {
    let mut to = Vec::new();
    let (mut kind, mut urgency, mut level, mut tlp, mut language) = (None, None, None, None, None);
    let mut message = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| multipart_error("?", &e))?
    {
        match field.name().unwrap_or_default() {
            "to" => to.extend(state_list("to", &text(field).await?)?),
            "kind" => kind = Some(text(field).await?),
            "urgency" => urgency = Some(text(field).await?),
            "level" => level = Some(text(field).await?),
            "tlp" => tlp = Some(text(field).await?),
            "language" => language = Some(text(field).await?),
            "message" => message = Some(bytes(field).await?),
            _ => {}
        }
    }
    Ok(Outgoing {
        to,
        kind: parse_field("kind", kind, RequestKind::parse)?,
        urgency: parse_field("urgency", urgency, Urgency::parse)?,
        level: parse_field("level", level, Level::parse)?,
        tlp: parse_field("tlp", tlp, Tlp::parse)?,
        language: language.ok_or_else(|| AppError::validation("language", "required"))?,
        message: message
            .filter(|m| !m.is_empty())
            .ok_or_else(|| AppError::validation("message", "required"))?,
    })
}

/// Sends a request from the caller's State. The message must be encrypted to exactly the key
/// set of `GET /api/v1/requests/keys`; otherwise 422 names the missing and extra keys. Over the
/// size limit: 413, and nothing is stored.
#[utoipa::path(post, path = "/api/v1/requests", tag = "channel",
    request_body(content(
        (RequestInput = "application/json"),
        (RequestInput = "multipart/form-data")
    )),
    responses((status = 201, body = RequestDetail), (status = 403, body = liaison_types::Problem),
        (status = 413, body = liaison_types::Problem), (status = 422, body = liaison_types::Problem)))]
async fn send_request(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    request: Request,
) -> AppResult<(StatusCode, Json<RequestDetail>)> {
    let outgoing = if is(request.headers(), b"multipart/form-data") {
        let crate::extract::AppMultipart(multipart) =
            crate::extract::AppMultipart::from_request(request, &state).await?;
        outgoing_from_form(multipart).await?
    } else {
        let AppJson(input) = AppJson::<RequestInput>::from_request(request, &state).await?;
        Outgoing {
            to: input.to,
            kind: input.kind,
            urgency: input.urgency,
            level: input.level,
            tlp: input.tlp,
            language: input.language,
            message: input.message.into_bytes(),
        }
    };
    let detail = ops::channel::send(&caller.ctx, &caller.actor, &outgoing).await?;
    Ok((StatusCode::CREATED, Json(detail)))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct KeysQuery {
    /// The recipient States, comma-separated (`AUT,EST`).
    to: String,
    /// `policy` or `technical`.
    level: String,
}

/// The keys a new request to `to` at `level` must be encrypted to (every usable key of those
/// States' points of contact at the level, and of the caller's own State's), with the contacts
/// left out and why. A technical-level request also goes to the recipients' policy-level
/// points of contact, so that it can still be read when it is escalated to them
/// (`docs/channel.md`); each key names its contact, whose level `GET /api/v1/contacts/{id}`
/// gives. A State with no usable key at the level: 422, naming the other level if it
/// could be addressed there.
#[utoipa::path(get, path = "/api/v1/requests/keys", tag = "channel", params(KeysQuery),
    responses((status = 200, body = KeySetView), (status = 422, body = liaison_types::Problem)))]
async fn request_keys(
    ApiCaller(caller): ApiCaller,
    AppQuery(query): AppQuery<KeysQuery>,
) -> AppResult<Json<KeySetView>> {
    let to = state_list("to", &query.to)?;
    // `level` is a `Level` in the contract: a value outside it does not parse (400).
    let level =
        Level::parse(&query.level).map_err(|e| AppError::BadRequest(format!("level: {e}")))?;
    Ok(Json(
        ops::channel::key_set(&caller.ctx, &caller.actor, &to, level).await?,
    ))
}

/// The channel's metadata statistics (the network manager): counts by kind, urgency and level,
/// time to acknowledge, escalations, feedback. Never content.
#[utoipa::path(get, path = "/api/v1/requests/stats", tag = "channel",
    responses((status = 200, body = ChannelStats), (status = 403, body = liaison_types::Problem)))]
async fn channel_stats(ApiCaller(caller): ApiCaller) -> AppResult<Json<ChannelStats>> {
    Ok(Json(ops::channel::stats(&caller.ctx, &caller.actor).await?))
}

/// A thread: envelope, each recipient State's status and deadline, the messages (metadata), and
/// what the caller may do. A recipient State opening it marks it delivered.
#[utoipa::path(get, path = "/api/v1/requests/{id}", tag = "channel", params(("id" = i64, Path)),
    responses((status = 200, body = RequestDetail), (status = 404, body = liaison_types::Problem)))]
async fn get_request(
    ApiCaller(caller): ApiCaller,
    AppPath(id): AppPath<RequestId>,
) -> AppResult<Json<RequestDetail>> {
    Ok(Json(
        ops::channel::detail(&caller.ctx, &caller.actor, id).await?,
    ))
}

/// The keys a reply in the thread must be encrypted to (every other party's and the caller's
/// own State's, at the request's level).
#[utoipa::path(get, path = "/api/v1/requests/{id}/keys", tag = "channel", params(("id" = i64, Path)),
    responses((status = 200, body = KeySetView), (status = 404, body = liaison_types::Problem)))]
async fn thread_keys(
    ApiCaller(caller): ApiCaller,
    AppPath(id): AppPath<RequestId>,
) -> AppResult<Json<KeySetView>> {
    Ok(Json(
        ops::channel::thread_key_set(&caller.ctx, &caller.actor, id).await?,
    ))
}

/// Replies in the thread: JSON `{"message": ARMORED}`, a multipart form with a `message` file,
/// or the bare OpenPGP message (`application/pgp-encrypted`, `application/octet-stream`).
#[utoipa::path(operation_id = "reply_to_request", post, path = "/api/v1/requests/{id}/messages", tag = "channel", params(("id" = i64, Path)),
    request_body(content(
        (ReplyInput = "application/json"),
        (String = "application/pgp-encrypted"),
        (Vec<u8> = "application/octet-stream")
    )),
    responses((status = 201, body = RequestDetail), (status = 409, body = liaison_types::Problem),
        (status = 413, body = liaison_types::Problem), (status = 422, body = liaison_types::Problem)))]
async fn reply(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    AppPath(id): AppPath<RequestId>,
    request: Request,
) -> AppResult<(StatusCode, Json<RequestDetail>)> {
    let message = if is(request.headers(), b"application/json") {
        let AppJson(input) = AppJson::<ReplyInput>::from_request(request, &state).await?;
        input.message.into_bytes()
    } else if is(request.headers(), b"multipart/form-data") {
        let crate::extract::AppMultipart(mut multipart) =
            crate::extract::AppMultipart::from_request(request, &state).await?;
        let mut message = None;
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|e| multipart_error("?", &e))?
        {
            if field.name() == Some("message") {
                message = Some(bytes(field).await?);
            }
        }
        message.ok_or_else(|| AppError::validation("message", "required"))?
    } else {
        let limit = state.config.channel.max_body_bytes();
        axum::body::to_bytes(request.into_body(), limit)
            .await
            .map_err(|_| too_large())?
            .to_vec()
    };
    if message.is_empty() {
        return Err(AppError::validation("message", "required"));
    }
    let detail = ops::channel::reply(&caller.ctx, &caller.actor, id, &message).await?;
    Ok((StatusCode::CREATED, Json(detail)))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct DownloadQuery {
    /// `armored` (default, `.asc`) or `binary` (`.gpg`).
    format: Option<String>,
}

/// A message's ciphertext, exactly as accepted: ASCII-armored, or binary with `format=binary`.
/// Decrypt it with `liaison read` or `gpg --decrypt`.
#[utoipa::path(operation_id = "download_message", get, path = "/api/v1/requests/{id}/messages/{message_id}", tag = "channel",
    params(("id" = i64, Path), ("message_id" = i64, Path), DownloadQuery),
    responses((status = 200, content_type = "application/pgp-encrypted", body = String), (status = 404, body = liaison_types::Problem)))]
async fn download(
    ApiCaller(caller): ApiCaller,
    AppPath((id, message_id)): AppPath<(RequestId, MessageId)>,
    AppQuery(query): AppQuery<DownloadQuery>,
) -> AppResult<Response> {
    let ciphertext = ops::channel::ciphertext(&caller.ctx, &caller.actor, id, message_id).await?;
    crate::download::download(ciphertext.file(query.format.as_deref())?)
}

/// The caller's State, a recipient, acknowledges the request.
#[utoipa::path(operation_id = "acknowledge_request", post, path = "/api/v1/requests/{id}/acknowledge", tag = "channel", params(("id" = i64, Path)),
    responses((status = 200, body = RequestDetail), (status = 403, body = liaison_types::Problem), (status = 409, body = liaison_types::Problem)))]
async fn acknowledge(
    ApiCaller(caller): ApiCaller,
    AppPath(id): AppPath<RequestId>,
) -> AppResult<Json<RequestDetail>> {
    Ok(Json(
        ops::channel::acknowledge(&caller.ctx, &caller.actor, id).await?,
    ))
}

/// Closes the request (the sending State, for every recipient) or the caller's State's own leg.
#[utoipa::path(operation_id = "close_request", post, path = "/api/v1/requests/{id}/close", tag = "channel", params(("id" = i64, Path)),
    responses((status = 200, body = RequestDetail), (status = 409, body = liaison_types::Problem)))]
async fn close(
    ApiCaller(caller): ApiCaller,
    AppPath(id): AppPath<RequestId>,
) -> AppResult<Json<RequestDetail>> {
    Ok(Json(
        ops::channel::close(&caller.ctx, &caller.actor, id).await?,
    ))
}

/// The sending State escalates unacknowledged legs to the recipients' policy-level contacts now
/// (the scheduler does it past the deadline). Body optional: `{"states": ["AUT"]}`.
#[utoipa::path(operation_id = "escalate_request", post, path = "/api/v1/requests/{id}/escalate", tag = "channel", params(("id" = i64, Path)),
    request_body(content = EscalateInput, content_type = "application/json"),
    responses((status = 200, body = RequestDetail), (status = 403, body = liaison_types::Problem), (status = 409, body = liaison_types::Problem)))]
async fn escalate(
    ApiCaller(caller): ApiCaller,
    AppPath(id): AppPath<RequestId>,
    body: axum::body::Bytes,
) -> AppResult<Json<RequestDetail>> {
    let states = if body.is_empty() {
        Vec::new()
    } else {
        crate::extract::parse_json::<EscalateInput>(&body)?.states
    };
    Ok(Json(
        ops::channel::escalate(&caller.ctx, &caller.actor, id, &states).await?,
    ))
}

/// Non-content feedback for the network manager: the exchange took place and was useful (or
/// not). Given again, it replaces the caller's earlier feedback.
#[utoipa::path(operation_id = "give_request_feedback", post, path = "/api/v1/requests/{id}/feedback", tag = "channel", params(("id" = i64, Path)),
    request_body = FeedbackInput,
    responses((status = 204), (status = 404, body = liaison_types::Problem)))]
async fn feedback(
    ApiCaller(caller): ApiCaller,
    AppPath(id): AppPath<RequestId>,
    AppJson(input): AppJson<FeedbackInput>,
) -> AppResult<StatusCode> {
    ops::channel::feedback(&caller.ctx, &caller.actor, id, input.useful).await?;
    Ok(StatusCode::NO_CONTENT)
}
