//! The annual information exchange over JSON: cycles and their overview, a State's submission
//! (its draft for its own accounts), sections, the terminology CSV, submitting, circulating,
//! circulated documents with their diff and HTML export, comparison across years, inquiries.

use super::{AppJson, state_code};
use crate::AppState;
use crate::auth::ApiCaller;
use crate::error::{AppError, AppResult};
use crate::extract::{AppOptionalJson, AppPath, AppQuery};
use crate::ops;
use crate::ops::exchange::export::Export;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::response::Response;
use liaison_types::exchange::{
    CirculationInput, Cycle, CycleInput, CycleOverview, Document, DocumentDiff, Inquiry,
    InquiryInput, PostInput, ReferenceInput, Section, SectionContent, SectionInput, Submission,
    VisibilityInput, YearDocument,
};
use liaison_types::id::AttachmentId;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_cycles, open_cycle))
        .routes(routes!(cycle_overview))
        .routes(routes!(get_submission))
        .routes(routes!(save_section))
        .routes(routes!(import_terms))
        .routes(routes!(draft_versions))
        .routes(routes!(submit))
        .routes(routes!(circulate))
        .routes(routes!(record_reference))
        .routes(routes!(document_by_reference))
        .routes(routes!(get_document))
        .routes(routes!(document_diff))
        .routes(routes!(export_html))
        .routes(routes!(export_pdf))
        .routes(routes!(list_inquiries, raise_inquiry))
        .routes(routes!(get_inquiry))
        .routes(routes!(post_to_inquiry))
        .routes(routes!(inquiry_visibility))
        .routes(routes!(across_years))
        .routes(routes!(get_attachment))
        .routes(routes!(detach))
        .merge(
            OpenApiRouter::new()
                .routes(routes!(attach))
                .layer(DefaultBodyLimit::max(ops::exchange::UPLOAD_LIMIT)),
        )
}

type SubmissionPath = AppPath<(i32, String)>;

fn section(text: &str) -> AppResult<Section> {
    Section::parse(text).map_err(AppError::BadRequest)
}

/// Every exchange cycle, newest first (every signed-in account).
#[utoipa::path(get, path = "/api/v1/exchange/cycles", tag = "exchange",
    responses((status = 200, body = Vec<Cycle>), (status = 401, body = liaison_types::Problem)))]
async fn list_cycles(ApiCaller(caller): ApiCaller) -> AppResult<Json<Vec<Cycle>>> {
    Ok(Json(
        ops::exchange::cycles(&caller.ctx, &caller.actor).await?,
    ))
}

/// Opens an exchange cycle (the network manager); every participating State's coordinators
/// are notified.
#[utoipa::path(post, path = "/api/v1/exchange/cycles", tag = "exchange", request_body = CycleInput,
    responses((status = 201, body = Cycle), (status = 403, body = liaison_types::Problem), (status = 409, body = liaison_types::Problem), (status = 422, body = liaison_types::Problem)))]
async fn open_cycle(
    ApiCaller(caller): ApiCaller,
    AppJson(input): AppJson<CycleInput>,
) -> AppResult<(StatusCode, Json<Cycle>)> {
    let cycle = ops::exchange::open_cycle(&caller.ctx, &caller.actor, &input).await?;
    Ok((StatusCode::CREATED, Json(cycle)))
}

/// A cycle's overview: every participating State, submitted on time, late or not yet, and the
/// sections each draft completes (never a draft's content).
#[utoipa::path(get, path = "/api/v1/exchange/cycles/{year}", tag = "exchange", params(("year" = i32, Path)),
    responses((status = 200, body = CycleOverview), (status = 404, body = liaison_types::Problem)))]
async fn cycle_overview(
    ApiCaller(caller): ApiCaller,
    AppPath(year): AppPath<i32>,
) -> AppResult<Json<CycleOverview>> {
    Ok(Json(
        ops::exchange::overview(&caller.ctx, &caller.actor, year).await?,
    ))
}

/// A State's submission in a cycle: status, completeness and references for everyone; the
/// draft and what keeps it from being submitted for the State's own accounts.
#[utoipa::path(get, path = "/api/v1/exchange/cycles/{year}/submissions/{code}", tag = "exchange",
    params(("year" = i32, Path), ("code" = liaison_types::state::StateCode, Path)),
    responses((status = 200, body = Submission), (status = 404, body = liaison_types::Problem)))]
async fn get_submission(
    ApiCaller(caller): ApiCaller,
    AppPath((year, code)): SubmissionPath,
) -> AppResult<Json<Submission>> {
    let code = state_code(&code)?;
    Ok(Json(
        ops::exchange::submission(&caller.ctx, &caller.actor, year, &code).await?,
    ))
}

/// Saves one section of the State's draft as a new version (the State's coordinator); saving
/// unchanged content adds no version. After circulation, this starts a revision.
#[utoipa::path(put, path = "/api/v1/exchange/cycles/{year}/submissions/{code}/sections/{section}", tag = "exchange",
    params(("year" = i32, Path), ("code" = liaison_types::state::StateCode, Path), ("section" = Section, Path)), request_body = SectionInput,
    responses((status = 200, body = Submission), (status = 403, body = liaison_types::Problem), (status = 422, body = liaison_types::Problem)))]
async fn save_section(
    ApiCaller(caller): ApiCaller,
    AppPath((year, code, name)): AppPath<(i32, String, String)>,
    AppJson(input): AppJson<SectionInput>,
) -> AppResult<Json<Submission>> {
    let code = state_code(&code)?;
    let section = section(&name)?;
    Ok(Json(
        ops::exchange::save_section(&caller.ctx, &caller.actor, year, &code, section, input)
            .await?,
    ))
}

/// Replaces the terms of the terminology section with a CSV file's (columns `term, language,
/// definition, english_term, english_definition, source`); a file with any problem is refused
/// whole, each problem named by line.
#[utoipa::path(post, path = "/api/v1/exchange/cycles/{year}/submissions/{code}/terms", tag = "exchange",
    params(("year" = i32, Path), ("code" = liaison_types::state::StateCode, Path)), request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = Submission), (status = 403, body = liaison_types::Problem), (status = 422, body = liaison_types::Problem)))]
async fn import_terms(
    ApiCaller(caller): ApiCaller,
    AppPath((year, code)): SubmissionPath,
    body: Bytes,
) -> AppResult<Json<Submission>> {
    let code = state_code(&code)?;
    Ok(Json(
        ops::exchange::import_terms(&caller.ctx, &caller.actor, year, &code, &body).await?,
    ))
}

/// Every saved version of the draft's sections, newest first (the State's own accounts).
#[utoipa::path(get, path = "/api/v1/exchange/cycles/{year}/submissions/{code}/versions", tag = "exchange",
    params(("year" = i32, Path), ("code" = liaison_types::state::StateCode, Path)),
    responses((status = 200, body = Vec<SectionContent>), (status = 403, body = liaison_types::Problem)))]
async fn draft_versions(
    ApiCaller(caller): ApiCaller,
    AppPath((year, code)): SubmissionPath,
) -> AppResult<Json<Vec<SectionContent>>> {
    let code = state_code(&code)?;
    Ok(Json(
        ops::exchange::versions(&caller.ctx, &caller.actor, year, &code).await?,
    ))
}

/// Submits the State's input (its coordinator). Refused, with every problem named by
/// section, when a required section is empty or a non-English section has no English
/// translation; after the deadline it is accepted and marked late.
#[utoipa::path(operation_id = "submit_input", post, path = "/api/v1/exchange/cycles/{year}/submissions/{code}/submit", tag = "exchange",
    params(("year" = i32, Path), ("code" = liaison_types::state::StateCode, Path)),
    responses((status = 200, body = Submission), (status = 403, body = liaison_types::Problem), (status = 422, body = liaison_types::Problem)))]
async fn submit(
    ApiCaller(caller): ApiCaller,
    AppPath((year, code)): SubmissionPath,
) -> AppResult<Json<Submission>> {
    let code = state_code(&code)?;
    Ok(Json(
        ops::exchange::submit(&caller.ctx, &caller.actor, year, &code).await?,
    ))
}

/// Circulates a submitted input under its document reference (the network manager, in a cycle
/// circulated by the manager).
/// The body is optional: `{"reference": "PC.DEL/1234/27"}` when the OSCE document system
/// assigned the reference; otherwise the next one of the cycle's pattern.
#[utoipa::path(operation_id = "circulate_input", post, path = "/api/v1/exchange/cycles/{year}/submissions/{code}/circulate", tag = "exchange",
    params(("year" = i32, Path), ("code" = liaison_types::state::StateCode, Path)), request_body(content = Option<CirculationInput>),
    responses((status = 201, body = Document), (status = 403, body = liaison_types::Problem), (status = 422, body = liaison_types::Problem)))]
async fn circulate(
    ApiCaller(caller): ApiCaller,
    AppPath((year, code)): SubmissionPath,
    AppOptionalJson(input): AppOptionalJson<CirculationInput>,
) -> AppResult<(StatusCode, Json<Document>)> {
    let code = state_code(&code)?;
    let document = ops::exchange::circulate(
        &caller.ctx,
        &caller.actor,
        year,
        &code,
        input.reference.as_deref(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(document)))
}

/// Records a circulated document's reference as the OSCE document system assigned it (the
/// network manager), or corrects a generated one: the one it replaces is kept as an alias that
/// still finds the document. Audited (`exchange.reference-recorded`).
#[utoipa::path(put, path = "/api/v1/exchange/cycles/{year}/submissions/{code}/document/reference", tag = "exchange",
    params(("year" = i32, Path), ("code" = liaison_types::state::StateCode, Path)), request_body = ReferenceInput,
    responses((status = 200, body = Document), (status = 403, body = liaison_types::Problem), (status = 404, body = liaison_types::Problem), (status = 422, body = liaison_types::Problem)))]
async fn record_reference(
    ApiCaller(caller): ApiCaller,
    AppPath((year, code)): SubmissionPath,
    AppJson(input): AppJson<ReferenceInput>,
) -> AppResult<Json<Document>> {
    let code = state_code(&code)?;
    Ok(Json(
        ops::exchange::record_reference(&caller.ctx, &caller.actor, year, &code, &input).await?,
    ))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ReferenceQuery {
    /// A document reference, as it is now or as it was (`PC.DEL/12/27`).
    reference: String,
}

/// The circulated document known by a reference, now or earlier (an alias resolves to the
/// document, whose `reference` is the current one).
#[utoipa::path(get, path = "/api/v1/exchange/documents", tag = "exchange", params(ReferenceQuery),
    responses((status = 200, body = Document), (status = 403, body = liaison_types::Problem), (status = 404, body = liaison_types::Problem)))]
async fn document_by_reference(
    ApiCaller(caller): ApiCaller,
    AppQuery(query): AppQuery<ReferenceQuery>,
) -> AppResult<Json<Document>> {
    let ctx = caller.ctx.clone();
    let (year, code, revision) =
        ops::exchange::find_reference(&ctx, &caller.actor, &query.reference).await?;
    Ok(Json(
        ops::exchange::document(&ctx, &caller.actor, year, &code, Some(revision)).await?,
    ))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct RevisionQuery {
    /// 0 for the document as first circulated, 1 for `…/Rev.1`; the latest when omitted.
    revision: Option<i64>,
}

/// A circulated document (every participating State and the network manager).
#[utoipa::path(get, path = "/api/v1/exchange/cycles/{year}/submissions/{code}/document", tag = "exchange",
    params(("year" = i32, Path), ("code" = liaison_types::state::StateCode, Path), RevisionQuery),
    responses((status = 200, body = Document), (status = 403, body = liaison_types::Problem), (status = 404, body = liaison_types::Problem)))]
async fn get_document(
    ApiCaller(caller): ApiCaller,
    AppPath((year, code)): SubmissionPath,
    AppQuery(query): AppQuery<RevisionQuery>,
) -> AppResult<Json<Document>> {
    let code = state_code(&code)?;
    Ok(Json(
        ops::exchange::document(&caller.ctx, &caller.actor, year, &code, query.revision).await?,
    ))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct DiffQuery {
    /// The earlier revision; the one before `to` when omitted.
    from: Option<i64>,
    /// The later revision; the latest when omitted.
    to: Option<i64>,
}

/// What changed between two circulated versions, line by line, per section.
#[utoipa::path(get, path = "/api/v1/exchange/cycles/{year}/submissions/{code}/diff", tag = "exchange",
    params(("year" = i32, Path), ("code" = liaison_types::state::StateCode, Path), DiffQuery),
    responses((status = 200, body = DocumentDiff), (status = 404, body = liaison_types::Problem), (status = 422, body = liaison_types::Problem)))]
async fn document_diff(
    ApiCaller(caller): ApiCaller,
    AppPath((year, code)): SubmissionPath,
    AppQuery(query): AppQuery<DiffQuery>,
) -> AppResult<Json<DocumentDiff>> {
    let code = state_code(&code)?;
    Ok(Json(
        ops::exchange::diff(
            &caller.ctx,
            &caller.actor,
            year,
            &code,
            query.from,
            query.to,
        )
        .await?,
    ))
}

/// A circulated document as one self-contained HTML file, with its reference number.
#[utoipa::path(get, path = "/api/v1/exchange/cycles/{year}/submissions/{code}/export.html", tag = "exchange",
    params(("year" = i32, Path), ("code" = liaison_types::state::StateCode, Path), RevisionQuery),
    responses((status = 200, content_type = "text/html", body = String), (status = 403, body = liaison_types::Problem), (status = 404, body = liaison_types::Problem)))]
async fn export_html(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    AppPath(path): SubmissionPath,
    AppQuery(query): AppQuery<RevisionQuery>,
) -> AppResult<Response> {
    let code = state_code(&path.1)?;
    let revision = (path.0, &code, query.revision);
    crate::download::exchange_export(&state, &caller, revision, Export::Html).await
}

/// A circulated document as a PDF (A4, its reference on every page), typeset on the server.
#[utoipa::path(get, path = "/api/v1/exchange/cycles/{year}/submissions/{code}/export.pdf", tag = "exchange",
    params(("year" = i32, Path), ("code" = liaison_types::state::StateCode, Path), RevisionQuery),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 403, body = liaison_types::Problem), (status = 404, body = liaison_types::Problem), (status = 413, body = liaison_types::Problem)))]
async fn export_pdf(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    AppPath(path): SubmissionPath,
    AppQuery(query): AppQuery<RevisionQuery>,
) -> AppResult<Response> {
    let code = state_code(&path.1)?;
    let revision = (path.0, &code, query.revision);
    crate::download::exchange_export(&state, &caller, revision, Export::Pdf).await
}

/// Attaches a file (multipart field `file`, at most 10 MiB, ten per section) to a section of
/// the State's draft (the State's coordinator): a new version of the section carries it.
#[utoipa::path(operation_id = "attach_file", post, path = "/api/v1/exchange/cycles/{year}/submissions/{code}/sections/{section}/attachments", tag = "exchange",
    params(("year" = i32, Path), ("code" = liaison_types::state::StateCode, Path), ("section" = Section, Path)),
    request_body(content = String, content_type = "multipart/form-data", description = "field `file`: the file"),
    responses((status = 201, body = Submission), (status = 403, body = liaison_types::Problem), (status = 413, body = liaison_types::Problem), (status = 422, body = liaison_types::Problem)))]
async fn attach(
    ApiCaller(caller): ApiCaller,
    AppPath((year, code, name)): AppPath<(i32, String, String)>,
    crate::extract::AppMultipart(multipart): crate::extract::AppMultipart,
) -> AppResult<(StatusCode, Json<Submission>)> {
    let code = state_code(&code)?;
    let section = section(&name)?;
    let (_, file) = crate::auth::read_upload(multipart, "file").await?;
    let file = file.ok_or_else(|| AppError::validation("file", "required"))?;
    let submission = ops::exchange::attach(
        &caller.ctx,
        &caller.actor,
        year,
        &code,
        section,
        ops::exchange::File::from(&file),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(submission)))
}

/// Takes a file off a section of the State's draft (the State's coordinator); the versions and
/// circulated documents that carry it keep it.
#[utoipa::path(operation_id = "detach_file", delete, path = "/api/v1/exchange/cycles/{year}/submissions/{code}/sections/{section}/attachments/{id}", tag = "exchange",
    params(("year" = i32, Path), ("code" = liaison_types::state::StateCode, Path), ("section" = Section, Path), ("id" = i64, Path)),
    responses((status = 200, body = Submission), (status = 403, body = liaison_types::Problem), (status = 404, body = liaison_types::Problem)))]
async fn detach(
    ApiCaller(caller): ApiCaller,
    AppPath((year, code, name, id)): AppPath<(i32, String, String, AttachmentId)>,
) -> AppResult<Json<Submission>> {
    let code = state_code(&code)?;
    let section = section(&name)?;
    Ok(Json(
        ops::exchange::detach(&caller.ctx, &caller.actor, year, &code, section, id).await?,
    ))
}

/// A file attached to a State's submission: of its draft for the State's own accounts, of a
/// circulated document for every reader of circulated documents. Always a download; active
/// content types are served as bytes.
#[utoipa::path(get, path = "/api/v1/exchange/cycles/{year}/submissions/{code}/attachments/{id}", tag = "exchange",
    params(("year" = i32, Path), ("code" = liaison_types::state::StateCode, Path), ("id" = i64, Path)),
    responses((status = 200, content_type = "application/octet-stream", body = Vec<u8>), (status = 403, body = liaison_types::Problem), (status = 404, body = liaison_types::Problem)))]
async fn get_attachment(
    ApiCaller(caller): ApiCaller,
    AppPath((year, code, id)): AppPath<(i32, String, AttachmentId)>,
) -> AppResult<Response> {
    let code = state_code(&code)?;
    let (file, data) =
        ops::exchange::attachment(&caller.ctx, &caller.actor, year, &code, id).await?;
    crate::download::download(ops::exchange::attachment_file(&file, data))
}

/// The inquiries about a State's circulated submission that the caller reads: those between
/// the caller's State and it, and those the submitting State made public.
#[utoipa::path(get, path = "/api/v1/exchange/cycles/{year}/submissions/{code}/inquiries", tag = "exchange",
    params(("year" = i32, Path), ("code" = liaison_types::state::StateCode, Path)),
    responses((status = 200, body = Vec<Inquiry>), (status = 403, body = liaison_types::Problem)))]
async fn list_inquiries(
    ApiCaller(caller): ApiCaller,
    AppPath((year, code)): SubmissionPath,
) -> AppResult<Json<Vec<Inquiry>>> {
    let code = state_code(&code)?;
    Ok(Json(
        ops::exchange::inquiries(&caller.ctx, &caller.actor, year, &code).await?,
    ))
}

/// Raises an inquiry about another State's circulated submission, optionally about one section;
/// that State's coordinators are notified.
#[utoipa::path(post, path = "/api/v1/exchange/cycles/{year}/submissions/{code}/inquiries", tag = "exchange",
    params(("year" = i32, Path), ("code" = liaison_types::state::StateCode, Path)), request_body = InquiryInput,
    responses((status = 201, body = Inquiry), (status = 403, body = liaison_types::Problem), (status = 404, body = liaison_types::Problem), (status = 422, body = liaison_types::Problem)))]
async fn raise_inquiry(
    ApiCaller(caller): ApiCaller,
    AppPath((year, code)): SubmissionPath,
    AppJson(input): AppJson<InquiryInput>,
) -> AppResult<(StatusCode, Json<Inquiry>)> {
    let code = state_code(&code)?;
    let inquiry = ops::exchange::raise(&caller.ctx, &caller.actor, year, &code, &input).await?;
    Ok((StatusCode::CREATED, Json(inquiry)))
}

/// An inquiry and its thread.
#[utoipa::path(get, path = "/api/v1/exchange/inquiries/{id}", tag = "exchange", params(("id" = i64, Path)),
    responses((status = 200, body = Inquiry), (status = 404, body = liaison_types::Problem)))]
async fn get_inquiry(
    ApiCaller(caller): ApiCaller,
    AppPath(id): AppPath<liaison_types::id::InquiryId>,
) -> AppResult<Json<Inquiry>> {
    Ok(Json(
        ops::exchange::inquiry(&caller.ctx, &caller.actor, id).await?,
    ))
}

/// Writes in an inquiry's thread: the submitting State answers, the asking State follows up.
#[utoipa::path(post, path = "/api/v1/exchange/inquiries/{id}/posts", tag = "exchange", params(("id" = i64, Path)),
    request_body = PostInput,
    responses((status = 201, body = Inquiry), (status = 403, body = liaison_types::Problem), (status = 422, body = liaison_types::Problem)))]
async fn post_to_inquiry(
    ApiCaller(caller): ApiCaller,
    AppPath(id): AppPath<liaison_types::id::InquiryId>,
    AppJson(input): AppJson<PostInput>,
) -> AppResult<(StatusCode, Json<Inquiry>)> {
    let inquiry = ops::exchange::post(&caller.ctx, &caller.actor, id, &input).await?;
    Ok((StatusCode::CREATED, Json(inquiry)))
}

/// Makes an inquiry's thread readable by every participating State, or by the two States only
/// (the submitting State's coordinator).
#[utoipa::path(put, path = "/api/v1/exchange/inquiries/{id}/visibility", tag = "exchange", params(("id" = i64, Path)),
    request_body = VisibilityInput,
    responses((status = 200, body = Inquiry), (status = 403, body = liaison_types::Problem)))]
async fn inquiry_visibility(
    ApiCaller(caller): ApiCaller,
    AppPath(id): AppPath<liaison_types::id::InquiryId>,
    AppJson(input): AppJson<VisibilityInput>,
) -> AppResult<Json<Inquiry>> {
    Ok(Json(
        ops::exchange::set_visibility(&caller.ctx, &caller.actor, id, input.public).await?,
    ))
}

/// A State's latest circulated document of every cycle, newest year first, to compare its
/// submissions across years.
#[utoipa::path(get, path = "/api/v1/exchange/states/{code}/documents", tag = "exchange", params(("code" = liaison_types::state::StateCode, Path)),
    responses((status = 200, body = Vec<YearDocument>), (status = 403, body = liaison_types::Problem)))]
async fn across_years(
    ApiCaller(caller): ApiCaller,
    AppPath(code): AppPath<String>,
) -> AppResult<Json<Vec<YearDocument>>> {
    let code = state_code(&code)?;
    Ok(Json(
        ops::exchange::across_years(&caller.ctx, &caller.actor, &code).await?,
    ))
}
