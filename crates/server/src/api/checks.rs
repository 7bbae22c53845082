//! Communication checks over JSON: launching, results, the CSV export, the trend, a contact's
//! history, and the three ways of answering (link token, in the app, signed reply).

use super::AppJson;
use crate::AppState;
use crate::auth::ApiCaller;
use crate::download::download;
use crate::error::{AppError, AppResult};
use crate::extract::{AppPath, AppQuery};
use crate::ops;
use axum::Json;
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use liaison_types::Page;
use liaison_types::checks::{
    AnswerReceipt, ChallengeResult, CheckDetail, CheckInput, CheckSummary, ContactChecks,
    SignedAnswer, TokenAnswer, TrendPoint,
};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_checks, launch_check))
        .routes(routes!(get_check))
        .routes(routes!(check_results_csv))
        .routes(routes!(check_trend))
        .routes(routes!(my_challenges))
        .routes(routes!(answer_in_app))
        .routes(routes!(answer_by_token))
        .routes(routes!(answer_signed))
        .routes(routes!(contact_checks))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ListQuery {
    /// The `next_cursor` of the previous page.
    cursor: Option<String>,
}

/// Communication checks, newest first, with their figures (every signed-in account).
#[utoipa::path(get, path = "/api/v1/checks", tag = "checks", params(ListQuery),
    responses((status = 200, body = Page<CheckSummary>), (status = 401, body = liaison_types::Problem)))]
async fn list_checks(
    ApiCaller(caller): ApiCaller,
    AppQuery(query): AppQuery<ListQuery>,
) -> AppResult<Json<Page<CheckSummary>>> {
    let before = super::cursor(query.cursor)?;
    let (items, next) = ops::checks::list(&caller.ctx, &caller.actor, before).await?;
    Ok(Json(Page {
        items,
        next_cursor: next.map(|id| id.to_string()),
    }))
}

/// Launches a communication check (the network manager): every targeted contact is challenged
/// by email at once, or at a random moment within the spread.
#[utoipa::path(post, path = "/api/v1/checks", tag = "checks", request_body = CheckInput,
    responses((status = 201, body = CheckDetail), (status = 403, body = liaison_types::Problem), (status = 422, body = liaison_types::Problem)))]
async fn launch_check(
    ApiCaller(caller): ApiCaller,
    AppJson(input): AppJson<CheckInput>,
) -> AppResult<(StatusCode, Json<CheckDetail>)> {
    let detail = ops::checks::launch(&caller.ctx, &caller.actor, &input).await?;
    Ok((StatusCode::CREATED, Json(detail)))
}

/// A check: figures for everyone; per-State and per-contact results as far as the caller may
/// see them (the manager all, a coordinator its own State, a point of contact its own challenge).
#[utoipa::path(get, path = "/api/v1/checks/{id}", tag = "checks", params(("id" = i64, Path)),
    responses((status = 200, body = CheckDetail), (status = 404, body = liaison_types::Problem)))]
async fn get_check(
    ApiCaller(caller): ApiCaller,
    AppPath(id): AppPath<i64>,
) -> AppResult<Json<CheckDetail>> {
    Ok(Json(
        ops::checks::detail(&caller.ctx, &caller.actor, id).await?,
    ))
}

/// The results of a check as CSV, with the rows the caller may see.
#[utoipa::path(get, path = "/api/v1/checks/{id}/results.csv", tag = "checks", params(("id" = i64, Path)),
    responses((status = 200, content_type = "text/csv", body = String), (status = 403, body = liaison_types::Problem)))]
async fn check_results_csv(
    ApiCaller(caller): ApiCaller,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    download(ops::checks::export_csv(&caller.ctx, &caller.actor, id).await?)
}

/// Response rate and median time to answer across checks, oldest first.
#[utoipa::path(get, path = "/api/v1/checks/trend", tag = "checks",
    responses((status = 200, body = Vec<TrendPoint>), (status = 401, body = liaison_types::Problem)))]
async fn check_trend(ApiCaller(caller): ApiCaller) -> AppResult<Json<Vec<TrendPoint>>> {
    Ok(Json(ops::checks::trend(&caller.ctx, &caller.actor).await?))
}

/// The caller's own challenges in checks still open (a point of contact linked to a contact).
#[utoipa::path(get, path = "/api/v1/checks/challenges", tag = "checks",
    responses((status = 200, body = Vec<ChallengeResult>), (status = 401, body = liaison_types::Problem)))]
async fn my_challenges(ApiCaller(caller): ApiCaller) -> AppResult<Json<Vec<ChallengeResult>>> {
    Ok(Json(
        ops::checks::my_challenges(&caller.ctx, &caller.actor).await?,
    ))
}

/// Answers the caller's own challenge in the app.
#[utoipa::path(post, path = "/api/v1/checks/challenges/{id}/answer", tag = "checks", params(("id" = i64, Path)),
    responses((status = 200, body = AnswerReceipt), (status = 403, body = liaison_types::Problem), (status = 409, body = liaison_types::Problem)))]
async fn answer_in_app(
    ApiCaller(caller): ApiCaller,
    AppPath(id): AppPath<i64>,
) -> AppResult<Json<AnswerReceipt>> {
    Ok(Json(
        ops::checks::answer_in_app(&caller.ctx, &caller.actor, id).await?,
    ))
}

/// Answers with the token of a challenge link; no sign-in needed. A token answers once.
#[utoipa::path(post, path = "/api/v1/checks/answer", tag = "checks", request_body = TokenAnswer, security(()),
    responses((status = 200, body = AnswerReceipt), (status = 404, body = liaison_types::Problem), (status = 409, body = liaison_types::Problem)))]
async fn answer_by_token(
    ctx: crate::ops::Ctx,
    AppJson(body): AppJson<TokenAnswer>,
) -> AppResult<Json<AnswerReceipt>> {
    Ok(Json(ops::checks::answer_by_link(&ctx, &body.token).await?))
}

/// Answers with an OpenPGP cleartext-signed text carrying the token, verified against the
/// contact's registered key; no sign-in needed. The body is JSON `{"signed": …}` or the signed
/// text itself (`text/plain`, as `gpg --clearsign` writes it).
#[utoipa::path(post, path = "/api/v1/checks/answer/signed", tag = "checks", request_body(content = SignedAnswer, content_type = "application/json"), security(()),
    responses((status = 200, body = AnswerReceipt), (status = 404, body = liaison_types::Problem), (status = 422, body = liaison_types::Problem)))]
async fn answer_signed(
    ctx: crate::ops::Ctx,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Json<AnswerReceipt>> {
    let json = headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    let signed = if json {
        crate::extract::parse_json::<SignedAnswer>(&body)?.signed
    } else {
        String::from_utf8(body.to_vec())
            .map_err(|_| AppError::validation("signed", "the signed answer must be UTF-8 text"))?
    };
    Ok(Json(ops::checks::answer_signed(&ctx, &signed).await?))
}

/// A contact's history across checks and whether it is unreachable (the manager, its State's
/// coordinator, the contact itself).
#[utoipa::path(get, path = "/api/v1/contacts/{id}/checks", tag = "checks", params(("id" = i64, Path)),
    responses((status = 200, body = ContactChecks), (status = 403, body = liaison_types::Problem), (status = 404, body = liaison_types::Problem)))]
async fn contact_checks(
    ApiCaller(caller): ApiCaller,
    AppPath(id): AppPath<i64>,
) -> AppResult<Json<ContactChecks>> {
    Ok(Json(
        ops::checks::contact_checks(&caller.ctx, &caller.actor, id).await?,
    ))
}
