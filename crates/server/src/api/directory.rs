//! The points-of-contact directory (CBM 8) over JSON, with its exports and CSV import.

use super::{AppJson, state_code};
use crate::AppState;
use crate::auth::ApiCaller;
use crate::download::download;
use crate::error::AppResult;
use crate::extract::{AppPath, AppQuery};
use crate::ops;
use crate::ops::directory::{Export, Filter};
use axum::Json;
use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::Response;
use liaison_types::directory::{
    Contact, ContactInput, ContactVersion, DirectoryStatus, EffectiveOn, ImportReport, KeyUpload,
    StateEntry,
};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_states))
        .routes(routes!(get_state))
        .routes(routes!(create_contact))
        .routes(routes!(confirm_state))
        .routes(routes!(state_vcards))
        .routes(routes!(state_nomination))
        .routes(routes!(state_csv))
        .routes(routes!(get_contact, update_contact))
        .routes(routes!(retire_contact))
        .routes(routes!(withdraw_scheduled))
        .routes(routes!(get_key, put_key))
        .routes(routes!(contact_history))
        .routes(routes!(contact_vcard))
        .routes(routes!(export_csv))
        .routes(routes!(import_csv))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct StatesQuery {
    /// Which States: all, overdue, due-soon, late, no-policy, no-technical, incomplete,
    /// unreachable.
    #[serde(default)]
    #[param(inline)]
    filter: Filter,
}

/// Every State with its CBM 8 directory status.
#[utoipa::path(get, path = "/api/v1/states", tag = "directory", params(StatesQuery),
    responses((status = 200, body = Vec<DirectoryStatus>), (status = 401, body = liaison_types::Problem)))]
async fn list_states(
    ApiCaller(caller): ApiCaller,
    AppQuery(query): AppQuery<StatesQuery>,
) -> AppResult<Json<Vec<DirectoryStatus>>> {
    Ok(Json(
        ops::directory::overview(&caller.ctx, &caller.actor, query.filter).await?,
    ))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct EntryQuery {
    /// Include retired contacts.
    #[serde(default)]
    include_retired: bool,
}

/// A State's directory entry: status, and the contacts when the caller may read them.
#[utoipa::path(get, path = "/api/v1/states/{code}", tag = "directory", params(("code" = liaison_types::state::StateCode, Path, description = "ISO 3166 alpha-3"), EntryQuery),
    responses((status = 200, body = StateEntry), (status = 404, body = liaison_types::Problem)))]
async fn get_state(
    ApiCaller(caller): ApiCaller,
    AppPath(code): AppPath<String>,
    AppQuery(query): AppQuery<EntryQuery>,
) -> AppResult<Json<StateEntry>> {
    let code = state_code(&code)?;
    Ok(Json(
        ops::directory::state_entry(&caller.ctx, &caller.actor, &code, query.include_retired)
            .await?,
    ))
}

/// Adds a point of contact or national structure (the State's coordinator only).
#[utoipa::path(post, path = "/api/v1/states/{code}/contacts", tag = "directory", params(("code" = liaison_types::state::StateCode, Path)), request_body = ContactInput,
    responses((status = 201, body = Contact), (status = 403, body = liaison_types::Problem),
        (status = 409, description = "The State's entry already holds the most contacts it may", body = liaison_types::Problem),
        (status = 422, body = liaison_types::Problem)))]
async fn create_contact(
    ApiCaller(caller): ApiCaller,
    AppPath(code): AppPath<String>,
    AppJson(input): AppJson<ContactInput>,
) -> AppResult<(StatusCode, Json<Contact>)> {
    let code = state_code(&code)?;
    let contact = ops::directory::create_contact(&caller.ctx, &caller.actor, &code, &input).await?;
    Ok((StatusCode::CREATED, Json(contact)))
}

/// "Checked, no changes": confirms every contact of the State, restarting the 12-month clock.
#[utoipa::path(post, path = "/api/v1/states/{code}/confirm", tag = "directory", params(("code" = liaison_types::state::StateCode, Path)),
    responses((status = 200, body = StateEntry), (status = 403, body = liaison_types::Problem),
        (status = 409, description = "The entry has no contacts to confirm", body = liaison_types::Problem)))]
async fn confirm_state(
    ApiCaller(caller): ApiCaller,
    AppPath(code): AppPath<String>,
) -> AppResult<Json<StateEntry>> {
    let code = state_code(&code)?;
    Ok(Json(
        ops::directory::confirm_state(&caller.ctx, &caller.actor, &code).await?,
    ))
}

/// vCard 4.0 of every current contact of a State.
#[utoipa::path(get, path = "/api/v1/states/{code}/contacts.vcf", tag = "directory", params(("code" = liaison_types::state::StateCode, Path)),
    responses((status = 200, content_type = "text/vcard", body = String), (status = 403, body = liaison_types::Problem)))]
async fn state_vcards(
    ApiCaller(caller): ApiCaller,
    AppPath(code): AppPath<String>,
) -> AppResult<Response> {
    let code = state_code(&code)?;
    download(
        ops::directory::export(&caller.ctx, Some(&caller.actor), Export::StateCards(code)).await?,
    )
}

/// The State's nomination file for the UN Global Points of Contact Directory
/// (schema: `docs/un-nomination.schema.json`).
#[utoipa::path(get, path = "/api/v1/states/{code}/nomination", tag = "directory", params(("code" = liaison_types::state::StateCode, Path)),
    responses((status = 200, content_type = "application/json", body = Object), (status = 403, body = liaison_types::Problem)))]
async fn state_nomination(
    ApiCaller(caller): ApiCaller,
    AppPath(code): AppPath<String>,
) -> AppResult<Response> {
    let code = state_code(&code)?;
    download(
        ops::directory::export(&caller.ctx, Some(&caller.actor), Export::Nomination(code)).await?,
    )
}

/// CSV of one State's current contacts (format: `docs/formats.md`): what its coordinator edits
/// in a spreadsheet and imports back (`POST /api/v1/directory/import`).
#[utoipa::path(get, path = "/api/v1/states/{code}/contacts.csv", tag = "directory", params(("code" = liaison_types::state::StateCode, Path)),
    responses((status = 200, content_type = "text/csv", body = String), (status = 403, body = liaison_types::Problem), (status = 404, body = liaison_types::Problem)))]
async fn state_csv(
    ApiCaller(caller): ApiCaller,
    AppPath(code): AppPath<String>,
) -> AppResult<Response> {
    let code = state_code(&code)?;
    download(
        ops::directory::export(&caller.ctx, Some(&caller.actor), Export::StateCsv(code)).await?,
    )
}

/// A contact as it stands now.
#[utoipa::path(get, path = "/api/v1/contacts/{id}", tag = "directory", params(("id" = i64, Path)),
    responses((status = 200, body = Contact), (status = 403, body = liaison_types::Problem), (status = 404, body = liaison_types::Problem)))]
async fn get_contact(
    ApiCaller(caller): ApiCaller,
    AppPath(id): AppPath<i64>,
) -> AppResult<Json<Contact>> {
    Ok(Json(
        ops::directory::contact(&caller.ctx, &caller.actor, id).await?,
    ))
}

/// Changes a contact; a new version is recorded with the date the change took effect.
///
/// The body replaces the contact's details as a whole (a field left out takes its default:
/// an empty `phone`, no `languages`…): read the contact, change what changed, send it all back.
/// The registered key stays. With an `effective_on` after today the version is scheduled and
/// takes effect by itself on its date.
#[utoipa::path(put, path = "/api/v1/contacts/{id}", tag = "directory", params(("id" = i64, Path)), request_body = ContactInput,
    responses((status = 200, body = Contact), (status = 403, body = liaison_types::Problem),
        (status = 409, description = "The contact is retired, a change is already scheduled for it (withdraw it first), or it changed after the `version` read", body = liaison_types::Problem),
        (status = 422, body = liaison_types::Problem)))]
async fn update_contact(
    ApiCaller(caller): ApiCaller,
    AppPath(id): AppPath<i64>,
    AppJson(input): AppJson<ContactInput>,
) -> AppResult<Json<Contact>> {
    let (contact, _changed) =
        ops::directory::update_contact(&caller.ctx, &caller.actor, id, &input).await?;
    Ok(Json(contact))
}

/// Retires a contact; it stays in the history.
#[utoipa::path(post, path = "/api/v1/contacts/{id}/retire", tag = "directory", params(("id" = i64, Path)), request_body = EffectiveOn,
    responses((status = 200, body = Contact), (status = 403, body = liaison_types::Problem),
        (status = 409, description = "The contact is already retired, a change is already scheduled for it, or it changed after the `version` read", body = liaison_types::Problem)))]
async fn retire_contact(
    ApiCaller(caller): ApiCaller,
    AppPath(id): AppPath<i64>,
    AppJson(body): AppJson<EffectiveOn>,
) -> AppResult<Json<Contact>> {
    Ok(Json(
        ops::directory::retire_contact(
            &caller.ctx,
            &caller.actor,
            id,
            (body.effective_on, body.version),
        )
        .await?,
    ))
}

/// Withdraws the change scheduled for a contact before its date (the State's coordinator): a new
/// version keeps the contact as it is; the scheduled one never takes effect. Audited.
#[utoipa::path(delete, path = "/api/v1/contacts/{id}/scheduled", tag = "directory", params(("id" = i64, Path)),
    responses((status = 200, body = Contact), (status = 403, body = liaison_types::Problem), (status = 404, body = liaison_types::Problem),
        (status = 409, description = "No change is scheduled for this contact, or it is retired", body = liaison_types::Problem)))]
async fn withdraw_scheduled(
    ApiCaller(caller): ApiCaller,
    AppPath(id): AppPath<i64>,
) -> AppResult<Json<Contact>> {
    Ok(Json(
        ops::directory::withdraw_scheduled(&caller.ctx, &caller.actor, id).await?,
    ))
}

/// The contact's OpenPGP public key, ASCII-armored.
#[utoipa::path(operation_id = "get_contact_key", get, path = "/api/v1/contacts/{id}/key", tag = "directory", params(("id" = i64, Path)),
    responses((status = 200, content_type = "application/pgp-keys", body = String), (status = 404, body = liaison_types::Problem)))]
async fn get_key(ApiCaller(caller): ApiCaller, AppPath(id): AppPath<i64>) -> AppResult<Response> {
    download(ops::directory::export(&caller.ctx, Some(&caller.actor), Export::Key(id)).await?)
}

/// Registers or replaces the contact's OpenPGP public key (validated: expired, revoked and
/// encryption-incapable keys are refused).
#[utoipa::path(operation_id = "register_contact_key", put, path = "/api/v1/contacts/{id}/key", tag = "directory", params(("id" = i64, Path)), request_body = KeyUpload,
    responses((status = 200, body = Contact),
        (status = 409, description = "The key is already this contact's, or is (or was) registered for another State's contact", body = liaison_types::Problem),
        (status = 422, body = liaison_types::Problem)))]
async fn put_key(
    ApiCaller(caller): ApiCaller,
    AppPath(id): AppPath<i64>,
    AppJson(body): AppJson<KeyUpload>,
) -> AppResult<Json<Contact>> {
    Ok(Json(
        ops::directory::register_key(
            &caller.ctx,
            &caller.actor,
            id,
            body.armored.as_bytes(),
            body.effective_on,
        )
        .await?,
    ))
}

/// Every version of a contact, oldest first, with the late flag.
#[utoipa::path(get, path = "/api/v1/contacts/{id}/history", tag = "directory", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<ContactVersion>), (status = 403, body = liaison_types::Problem), (status = 404, body = liaison_types::Problem)))]
async fn contact_history(
    ApiCaller(caller): ApiCaller,
    AppPath(id): AppPath<i64>,
) -> AppResult<Json<Vec<ContactVersion>>> {
    Ok(Json(
        ops::directory::history(&caller.ctx, &caller.actor, id).await?,
    ))
}

/// vCard 4.0 of one contact.
#[utoipa::path(get, path = "/api/v1/contacts/{id}/vcard", tag = "directory", params(("id" = i64, Path)),
    responses((status = 200, content_type = "text/vcard", body = String), (status = 403, body = liaison_types::Problem)))]
async fn contact_vcard(
    ApiCaller(caller): ApiCaller,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    download(
        ops::directory::export(&caller.ctx, Some(&caller.actor), Export::ContactCard(id)).await?,
    )
}

/// CSV of every contact the caller may read (format: `docs/formats.md`).
#[utoipa::path(operation_id = "export_directory_csv", get, path = "/api/v1/directory/export.csv", tag = "directory",
    responses((status = 200, content_type = "text/csv", body = String), (status = 403, body = liaison_types::Problem)))]
async fn export_csv(ApiCaller(caller): ApiCaller) -> AppResult<Response> {
    download(ops::directory::export(&caller.ctx, Some(&caller.actor), Export::Csv).await?)
}

/// Imports the directory CSV for the caller's own State: every row is checked first and any
/// problem refuses the whole file, with line numbers.
#[utoipa::path(operation_id = "import_directory_csv", post, path = "/api/v1/directory/import", tag = "directory", request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = ImportReport), (status = 403, body = liaison_types::Problem), (status = 422, body = liaison_types::Problem)))]
async fn import_csv(ApiCaller(caller): ApiCaller, body: Bytes) -> AppResult<Json<ImportReport>> {
    Ok(Json(
        ops::directory::import_csv(&caller.ctx, Some(&caller.actor), &body).await?,
    ))
}
