//! Directory pages (CBM 8): the network overview, a State's entry, a contact with its history,
//! the forms that change the entry, key registration, exports and the CSV import.

use super::render;
use crate::AppState;
use crate::auth::{Caller, WebCaller, WebForm};
use crate::download::download;
use crate::error::{AppError, AppResult};
use crate::extract::{AppPath, AppQuery};
use crate::i18n;
use crate::ops;
use crate::ops::checks::CheckAction;
use crate::ops::directory::{Export, Filter};
use crate::templates::v;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use liaison_core::directory::{self as rules, FieldErrors};
use liaison_types::directory::{
    Contact, ContactDetails, ContactInput, ContactKind, EntryAction, Level, StructureKind,
};
use liaison_types::state::StateCode;
use minijinja::context;
use serde::Deserialize;
use time::Date;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/states", get(states))
        .route("/states/{code}", get(state_page))
        .route("/states/{code}/confirm", post(confirm))
        .route("/states/{code}/contacts/new", get(new_contact_page))
        .route("/states/{code}/contacts", post(create_contact))
        .route("/states/{code}/contacts.vcf", get(state_vcards))
        .route("/states/{code}/nomination.json", get(state_nomination))
        .route("/states/{code}/contacts.csv", get(state_csv))
        .route("/contacts/{id}", get(contact_page).post(update_contact))
        .route("/contacts/{id}/edit", get(edit_contact_page))
        .route("/contacts/{id}/retire", post(retire))
        .route(
            "/contacts/{id}/scheduled/withdraw",
            post(withdraw_scheduled),
        )
        .route("/contacts/{id}/key", get(key_page).post(register_key))
        .route("/contacts/{id}/key.asc", get(key_download))
        .route("/contacts/{id}/vcard", get(contact_vcard))
        .route("/directory.csv", get(export_csv))
        .route("/directory/import", get(import_page).post(import))
}

fn code_of(text: &str) -> AppResult<StateCode> {
    StateCode::parse(text).map_err(AppError::BadRequest)
}

#[derive(Debug, Deserialize)]
struct StatesQuery {
    #[serde(default)]
    filter: Option<String>,
}

async fn states(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    AppQuery(query): AppQuery<StatesQuery>,
) -> AppResult<Response> {
    let filter_name = query.filter.unwrap_or_else(|| "all".into());
    let filter: Filter = serde_json::from_value(serde_json::Value::String(filter_name.clone()))
        .map_err(|_| AppError::BadRequest(format!("unknown filter '{filter_name}'")))?;
    // The summary speaks of the whole network, whatever the filter shows.
    let all = ops::directory::overview(&caller.ctx, &caller.actor, Filter::All).await?;
    let participating = all
        .iter()
        .filter(|s| s.state.status.is_participating())
        .count();
    let complete = all
        .iter()
        .filter(|s| s.state.status.is_participating() && s.complete)
        .count();
    let statuses: Vec<_> = all.into_iter().filter(|s| filter.keeps(s)).collect();
    let sees_checks = ops::checks::actions(&caller.actor).contains(&CheckAction::SeeResults);
    let mut filters = vec![
        "all",
        "overdue",
        "due-soon",
        "late",
        "no-policy",
        "no-technical",
        "incomplete",
    ];
    if sees_checks {
        filters.push("unreachable");
    }
    let open_challenges = ops::checks::my_challenges(&caller.ctx, &caller.actor)
        .await?
        .iter()
        .filter(|c| c.answered_at.is_none())
        .count();
    let values = context! {
        statuses => v(statuses), filter => filter_name, participating => participating, complete => complete,
        filters => filters, sees_checks => sees_checks, open_challenges => open_challenges,
    };
    super::page(&state, &caller, "directory/states.html", values)
}

async fn state_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    AppPath(code): AppPath<String>,
) -> AppResult<Response> {
    let code = code_of(&code)?;
    let ctx = caller.ctx.clone();
    let entry = ops::directory::state_entry(&ctx, &caller.actor, &code, true).await?;
    let may_edit = entry.actions.contains(&EntryAction::Edit);
    let may_read = entry.actions.contains(&EntryAction::ReadContacts);
    let may_export = entry.actions.contains(&EntryAction::Export);
    let (active, retired): (Vec<&Contact>, Vec<&Contact>) =
        entry.contacts.iter().partition(|c| !c.retired);
    let pocs: Vec<&&Contact> = active
        .iter()
        .filter(|c| matches!(c.kind, ContactKind::Poc { .. }))
        .collect();
    let structures: Vec<&&Contact> = active
        .iter()
        .filter(|c| matches!(c.kind, ContactKind::Structure { .. }))
        .collect();
    let checks: std::collections::HashMap<String, liaison_types::checks::ContactCheckStatus> =
        entry
            .checks
            .iter()
            .flat_map(|status| status.contacts.iter())
            .map(|c| (c.contact_id.to_string(), c.clone()))
            .collect();
    let values = context! {
        entry => v(entry.status), pocs => v(pocs), structures => v(structures), retired => v(retired),
        may_edit => may_edit, may_read => may_read, may_export => may_export, checks => v(checks), sees_checks => entry.checks.is_some(),
    };
    super::page(&state, &caller, "directory/state.html", values)
}

#[derive(Debug, Deserialize)]
struct Empty {}

async fn confirm(AppPath(code): AppPath<String>, form: WebForm<Empty>) -> AppResult<Response> {
    let code = code_of(&code)?;
    ops::directory::confirm_state(&form.caller.ctx, &form.caller.actor, &code).await?;
    Ok(Redirect::to(&format!("/states/{code}?confirmed=1")).into_response())
}

/// The contact form as posted.
#[derive(Debug, Deserialize, Default, serde::Serialize)]
struct ContactForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    function: String,
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    available_24_7: Option<String>,
    #[serde(default)]
    time_zone: String,
    #[serde(default)]
    languages: String,
    #[serde(default)]
    deputy: Option<String>,
    #[serde(default)]
    website: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    effective_on: String,
    /// The version the form was filled from (a change to an older one is refused).
    #[serde(default)]
    version: String,
}

impl ContactForm {
    fn from_contact(contact: &Contact, today: Date) -> ContactForm {
        let d = &contact.details;
        ContactForm {
            kind: kind_value(contact.kind),
            name: d.name.clone(),
            function: d.function.clone(),
            organisation: d.organisation.clone(),
            email: d.email.clone(),
            phone: d.phone.clone(),
            available_24_7: d.available_24_7.then(|| "on".into()),
            time_zone: d.time_zone.clone(),
            languages: d.languages.join(" "),
            deputy: d.deputy.then(|| "on".into()),
            website: d.website.clone(),
            notes: d.notes.clone(),
            effective_on: today.to_string(),
            version: contact.version.to_string(),
        }
    }

    /// The change the form describes, or every problem with it in the page's language. The
    /// operation checks again; this check is for the person at the form.
    fn input(&self, lang: &str, today: Date) -> Result<ContactInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = parse_kind(&self.kind)
            .map_err(|_| errors.insert("kind".into(), i18n::tr(lang, "invalid-kind")))
            .ok();
        let effective_on = Date::parse(
            self.effective_on.trim(),
            time::macros::format_description!("[year]-[month]-[day]"),
        )
        .map_err(|_| errors.insert("effective_on".into(), i18n::tr(lang, "invalid-date-format")))
        .ok();
        let details = ContactDetails {
            name: self.name.clone(),
            function: self.function.clone(),
            organisation: self.organisation.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            available_24_7: self.available_24_7.is_some(),
            time_zone: self.time_zone.clone(),
            languages: self
                .languages
                .split([' ', ',', ';'])
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            deputy: self.deputy.is_some(),
            website: self.website.clone(),
            notes: self.notes.clone(),
        };
        let input = ContactInput {
            kind: kind.unwrap_or(ContactKind::Poc {
                level: Level::Policy,
            }),
            details,
            effective_on: effective_on.unwrap_or(today),
            version: self.version.trim().parse().ok(),
        };
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }
}

fn kind_value(kind: ContactKind) -> String {
    match kind {
        ContactKind::Poc { level } => level.as_str().to_owned(),
        ContactKind::Structure { structure } => format!("structure:{}", structure.as_str()),
    }
}

fn parse_kind(value: &str) -> Result<ContactKind, String> {
    match value.strip_prefix("structure:") {
        Some(structure) => Ok(ContactKind::Structure {
            structure: StructureKind::parse(structure)?,
        }),
        None => Ok(ContactKind::Poc {
            level: Level::parse(value)?,
        }),
    }
}

fn kind_options() -> Vec<String> {
    let mut options: Vec<String> = Level::ALL.iter().map(|l| l.as_str().to_owned()).collect();
    options.extend(
        StructureKind::ALL
            .iter()
            .map(|s| format!("structure:{}", s.as_str())),
    );
    options
}

fn form_page(
    state: &AppState,
    caller: &Caller,
    title_key: &str,
    action: String,
    cancel: String,
    form: &ContactForm,
    errors: &FieldErrors,
) -> AppResult<Response> {
    let values = context! {
        title_key => title_key, action => action, cancel => cancel, form => v(form),
        errors => v(errors), kinds => kind_options(),
    };
    super::form_page(state, caller, "directory/contact_form.html", values, errors)
}

async fn new_contact_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    AppPath(code): AppPath<String>,
) -> AppResult<Response> {
    let code = code_of(&code)?;
    ops::directory::entry_to_edit(&caller.ctx, &caller.actor, &code).await?;
    let form = ContactForm {
        kind: "policy".into(),
        effective_on: state.clock.today().to_string(),
        ..Default::default()
    };
    form_page(
        &state,
        &caller,
        "contact-new-title",
        format!("/states/{code}/contacts"),
        format!("/states/{code}"),
        &form,
        &FieldErrors::new(),
    )
}

async fn create_contact(
    State(state): State<AppState>,
    AppPath(code): AppPath<String>,
    form: WebForm<ContactForm>,
) -> AppResult<Response> {
    let code = code_of(&code)?;
    let (caller, form) = (form.caller, form.form);
    let action = format!("/states/{code}/contacts");
    let cancel = format!("/states/{code}");
    let input = match form.input(caller.lang, state.clock.today()) {
        Ok(input) => input,
        Err(errors) => {
            return form_page(
                &state,
                &caller,
                "contact-new-title",
                action,
                cancel,
                &form,
                &errors,
            );
        }
    };
    let created = ops::directory::create_contact(&caller.ctx, &caller.actor, &code, &input).await;
    match super::refused(created, caller.lang)? {
        Ok(contact) => Ok(Redirect::to(&format!("/contacts/{}", contact.id)).into_response()),
        Err(errors) => form_page(
            &state,
            &caller,
            "contact-new-title",
            action,
            cancel,
            &form,
            &errors,
        ),
    }
}

async fn contact_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    let ops::directory::ContactPage {
        contact,
        history,
        state_name,
        actions,
        checks,
    } = ops::directory::contact_page(&caller.ctx, &caller.actor, id).await?;
    let may_edit = actions.contains(&EntryAction::Edit);
    let late_count = history.iter().filter(|v| v.notified_late).count();
    // Newest first, each with the fields it changed against the version before it.
    let rows: Vec<_> = history
        .iter()
        .enumerate()
        .map(|(i, version)| {
            let changed = match i.checked_sub(1).and_then(|p| history.get(p)) {
                Some(previous) => rules::changed_fields(previous, version),
                None => Vec::new(),
            };
            context! { v => v(version), changed => changed }
        })
        .rev()
        .collect();
    let values = context! {
        contact => v(&contact), history => rows, state_name => state_name, checks => v(checks),
        may_edit => may_edit, late_count => late_count, today => state.clock.today().to_string(),
    };
    super::page(&state, &caller, "directory/contact.html", values)
}

async fn edit_contact_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    let contact = ops::directory::contact_to_edit(&caller.ctx, &caller.actor, id).await?;
    let form = ContactForm::from_contact(&contact, state.clock.today());
    form_page(
        &state,
        &caller,
        "contact-edit-title",
        format!("/contacts/{id}"),
        format!("/contacts/{id}"),
        &form,
        &FieldErrors::new(),
    )
}

async fn update_contact(
    State(state): State<AppState>,
    AppPath(id): AppPath<i64>,
    form: WebForm<ContactForm>,
) -> AppResult<Response> {
    let (caller, form) = (form.caller, form.form);
    let (action, cancel) = (format!("/contacts/{id}"), format!("/contacts/{id}"));
    let input = match form.input(caller.lang, state.clock.today()) {
        Ok(input) => input,
        Err(errors) => {
            return form_page(
                &state,
                &caller,
                "contact-edit-title",
                action,
                cancel,
                &form,
                &errors,
            );
        }
    };
    let updated = ops::directory::update_contact(&caller.ctx, &caller.actor, id, &input).await;
    // A problem with the input, or a change already scheduled: the form again, saying so.
    match super::refused(updated, caller.lang)? {
        Ok((_, changed)) => Ok(Redirect::to(&format!(
            "/contacts/{id}?{}",
            if changed { "saved=1" } else { "unchanged=1" }
        ))
        .into_response()),
        Err(errors) => form_page(
            &state,
            &caller,
            "contact-edit-title",
            action,
            cancel,
            &form,
            &errors,
        ),
    }
}

#[derive(Debug, Deserialize)]
struct RetireForm {
    effective_on: String,
}

fn parse_date(field: &str, text: &str) -> AppResult<Date> {
    Date::parse(
        text.trim(),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .map_err(|_| AppError::validation(field, "give the date the change took effect (YYYY-MM-DD)"))
}

async fn retire(AppPath(id): AppPath<i64>, form: WebForm<RetireForm>) -> AppResult<Response> {
    let effective_on = parse_date("effective_on", &form.form.effective_on)?;
    let contact = ops::directory::retire_contact(
        &form.caller.ctx,
        &form.caller.actor,
        id,
        (effective_on, None),
    )
    .await?;
    Ok(Redirect::to(&format!("/states/{}", contact.state)).into_response())
}

async fn withdraw_scheduled(
    AppPath(id): AppPath<i64>,
    form: WebForm<Empty>,
) -> AppResult<Response> {
    let contact =
        ops::directory::withdraw_scheduled(&form.caller.ctx, &form.caller.actor, id).await?;
    Ok(Redirect::to(&format!("/contacts/{}", contact.id)).into_response())
}

async fn key_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    let contact = ops::directory::key_to_register(&caller.ctx, &caller.actor, id).await?;
    let values = context! { contact => v(contact), error => None::<String>, armored => "", today => state.clock.today().to_string() };
    super::page(&state, &caller, "directory/key.html", values)
}

#[derive(Debug, Deserialize)]
struct KeyForm {
    #[serde(default)]
    armored: String,
    #[serde(default)]
    key_file: String,
    effective_on: String,
}

async fn register_key(
    State(state): State<AppState>,
    AppPath(id): AppPath<i64>,
    form: WebForm<KeyForm>,
) -> AppResult<Response> {
    let (caller, form) = (form.caller, form.form);
    let ctx = caller.ctx.clone();
    // A chosen file wins over pasted text.
    let key = if form.key_file.trim().is_empty() {
        &form.armored
    } else {
        &form.key_file
    };
    let result = match parse_date("effective_on", &form.effective_on) {
        Ok(date) => {
            ops::directory::register_key(&ctx, &caller.actor, id, key.as_bytes(), date).await
        }
        Err(error) => Err(error),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/contacts/{id}?key=1")).into_response()),
        Err(error @ (AppError::Validation { .. } | AppError::Conflict(_))) => {
            let contact = ops::directory::contact(&ctx, &caller.actor, id).await?;
            let values = context! { contact => v(contact), error => error.to_string(), armored => form.armored, today => form.effective_on };
            let html = render(
                &state,
                Some(&caller),
                caller.lang,
                "directory/key.html",
                values,
            )?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
        Err(other) => Err(other),
    }
}

async fn key_download(
    WebCaller(caller): WebCaller,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    download(ops::directory::export(&caller.ctx, Some(&caller.actor), Export::Key(id)).await?)
}

async fn contact_vcard(
    WebCaller(caller): WebCaller,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    download(
        ops::directory::export(&caller.ctx, Some(&caller.actor), Export::ContactCard(id)).await?,
    )
}

async fn state_vcards(
    WebCaller(caller): WebCaller,
    AppPath(code): AppPath<String>,
) -> AppResult<Response> {
    let code = code_of(&code)?;
    download(
        ops::directory::export(&caller.ctx, Some(&caller.actor), Export::StateCards(code)).await?,
    )
}

async fn state_csv(
    WebCaller(caller): WebCaller,
    AppPath(code): AppPath<String>,
) -> AppResult<Response> {
    let code = code_of(&code)?;
    download(
        ops::directory::export(&caller.ctx, Some(&caller.actor), Export::StateCsv(code)).await?,
    )
}

async fn state_nomination(
    WebCaller(caller): WebCaller,
    AppPath(code): AppPath<String>,
) -> AppResult<Response> {
    let code = code_of(&code)?;
    download(
        ops::directory::export(&caller.ctx, Some(&caller.actor), Export::Nomination(code)).await?,
    )
}

async fn export_csv(WebCaller(caller): WebCaller) -> AppResult<Response> {
    download(ops::directory::export(&caller.ctx, Some(&caller.actor), Export::Csv).await?)
}

async fn import_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
) -> AppResult<Response> {
    ops::directory::may_import(&caller.actor)?;
    let values = context! { csv => "", report => None::<String>, problems => Vec::<String>::new() };
    super::page(&state, &caller, "directory/import.html", values)
}

#[derive(Debug, Deserialize)]
struct ImportForm {
    csv: String,
}

async fn import(State(state): State<AppState>, form: WebForm<ImportForm>) -> AppResult<Response> {
    let (caller, form) = (form.caller, form.form);
    match ops::directory::import_csv(&caller.ctx, Some(&caller.actor), form.csv.as_bytes()).await {
        Ok(report) => {
            let values =
                context! { csv => "", report => v(report), problems => Vec::<String>::new() };
            super::page(&state, &caller, "directory/import.html", values)
        }
        Err(AppError::Import(lines)) => {
            let problems: Vec<String> = lines
                .iter()
                .map(|l| format!("line {}: {}", l.line, l.message))
                .collect();
            let values =
                context! { csv => form.csv, report => None::<String>, problems => problems };
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(
                    &state,
                    Some(&caller),
                    caller.lang,
                    "directory/import.html",
                    values,
                )?,
            )
                .into_response())
        }
        Err(other) => Err(other),
    }
}
