//! The annual information exchange's pages.

use crate::AppState;
use crate::auth::{Caller, WebCaller, WebForm, WebUpload};
use crate::error::AppError;
use crate::error::AppResult;
use crate::extract::{AppPath, AppQuery};
use crate::ops;
use crate::ops::exchange::ExchangeAction;
use crate::ops::exchange::export::Export;
use crate::templates::v;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use liaison_core::directory::FieldErrors;
use liaison_core::exchange::reference::DEFAULT_PATTERN;
use liaison_types::exchange::{
    Circulation, CycleInput, InquiryInput, PostInput, Section, SectionInput, Submission,
};
use liaison_types::id::AttachmentId;
use liaison_types::problem::LineError;
use liaison_types::state::StateCode;
use minijinja::context;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/exchange", get(list))
        .route("/exchange/cycles", post(open))
        .route("/exchange/states/{code}", get(years))
        .route("/exchange/{year}", get(cycle))
        .route("/exchange/{year}/submissions/{code}", get(submission))
        .route(
            "/exchange/{year}/submissions/{code}/sections/{section}",
            post(save),
        )
        .route("/exchange/{year}/submissions/{code}/terms", post(terms))
        .route(
            "/exchange/{year}/submissions/{code}/sections/{section}/attachments",
            post(attach).layer(axum::extract::DefaultBodyLimit::max(
                ops::exchange::UPLOAD_LIMIT,
            )),
        )
        .route(
            "/exchange/{year}/submissions/{code}/sections/{section}/attachments/{id}/remove",
            post(detach),
        )
        .route(
            "/exchange/{year}/submissions/{code}/attachments/{id}",
            get(attachment),
        )
        .route("/exchange/{year}/submissions/{code}/submit", post(submit))
        .route(
            "/exchange/{year}/submissions/{code}/circulate",
            post(circulate),
        )
        .route(
            "/exchange/{year}/submissions/{code}/document",
            get(document),
        )
        .route(
            "/exchange/{year}/submissions/{code}/document/reference",
            post(record_reference),
        )
        .route("/exchange/documents", get(find_document))
        .route("/exchange/{year}/submissions/{code}/diff", get(diff))
        .route(
            "/exchange/{year}/submissions/{code}/export.html",
            get(export_html),
        )
        .route(
            "/exchange/{year}/submissions/{code}/export.pdf",
            get(export_pdf_page),
        )
        .route(
            "/exchange/{year}/submissions/{code}/inquiries",
            post(inquire),
        )
        .route("/exchange/inquiries/{id}/posts", post(reply))
        .route("/exchange/inquiries/{id}/visibility", post(visibility))
}

fn code_of(text: &str) -> AppResult<StateCode> {
    StateCode::parse(text).map_err(AppError::BadRequest)
}

fn all_sections() -> Vec<minijinja::Value> {
    Section::ALL
        .iter()
        .map(|s| context! { id => s.as_str(), cbm => s.cbm() })
        .collect()
}

/// The open-cycle form as posted.
#[derive(Debug, Default, Deserialize, Serialize)]
struct CycleForm {
    #[serde(default)]
    year: String,
    #[serde(default)]
    opens_on: String,
    #[serde(default)]
    deadline: String,
    #[serde(default)]
    circulation: String,
    #[serde(default)]
    pattern: String,
    #[serde(flatten)]
    checks: BTreeMap<String, String>,
    #[serde(skip_deserializing)]
    sections: Vec<String>,
}

impl CycleForm {
    fn fresh(year: i32, today: time::Date) -> CycleForm {
        CycleForm {
            year: year.to_string(),
            opens_on: today.to_string(),
            deadline: String::new(),
            circulation: Circulation::OnSubmission.as_str().to_owned(),
            pattern: DEFAULT_PATTERN.to_owned(),
            checks: BTreeMap::new(),
            sections: Section::ALL.iter().map(|s| s.as_str().to_owned()).collect(),
        }
    }

    fn chosen(&self) -> Vec<Section> {
        Section::ALL
            .into_iter()
            .filter(|s| self.checks.contains_key(&format!("section_{}", s.as_str())))
            .collect()
    }

    /// What the form asks for, or its unreadable fields in `lang`.
    fn input(&self, lang: &str) -> Result<CycleInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let date = |text: &str| {
            time::Date::parse(
                text.trim(),
                time::macros::format_description!("[year]-[month]-[day]"),
            )
        };
        let year = self.year.trim().parse::<i32>().unwrap_or_else(|_| {
            errors.insert(
                "year".into(),
                crate::i18n::tr(lang, "invalid-exchange-year-format"),
            );
            0
        });
        let opens_on = date(&self.opens_on).unwrap_or_else(|_| {
            errors.insert(
                "opens_on".into(),
                crate::i18n::tr(lang, "invalid-date-format"),
            );
            time::Date::MIN
        });
        let deadline = if self.deadline.trim().is_empty() {
            None
        } else {
            match date(&self.deadline) {
                Ok(d) => Some(d),
                Err(_) => {
                    errors.insert(
                        "deadline".into(),
                        crate::i18n::tr(lang, "invalid-date-format"),
                    );
                    None
                }
            }
        };
        let circulation = Circulation::parse(&self.circulation).unwrap_or_default();
        if errors.is_empty() {
            Ok(CycleInput {
                year,
                opens_on,
                deadline,
                sections: Some(self.chosen()),
                circulation: Some(circulation),
                pattern: Some(self.pattern.clone()),
            })
        } else {
            Err(errors)
        }
    }
}

async fn list_page(
    state: &AppState,
    caller: &Caller,
    form: &CycleForm,
    errors: &FieldErrors,
) -> AppResult<Response> {
    let cycles = ops::exchange::cycles(&caller.ctx, &caller.actor).await?;
    let values = context! {
        cycles => v(&cycles), form => v(form), errors => v(errors), all_sections => all_sections(),
        may_open => ops::exchange::actions(&caller.ctx, &caller.actor, None).await?.contains(&ExchangeAction::Manage),
    };
    super::form_page(state, caller, "exchange/list.html", values, errors)
}

async fn list(State(state): State<AppState>, WebCaller(caller): WebCaller) -> AppResult<Response> {
    let today = state.clock.today();
    let form = CycleForm::fresh(today.year(), today);
    list_page(&state, &caller, &form, &FieldErrors::new()).await
}

async fn open(State(state): State<AppState>, form: WebForm<CycleForm>) -> AppResult<Response> {
    let (caller, mut form) = (form.caller, form.form);
    ops::exchange::may_manage(&caller.actor)?;
    form.sections = form
        .chosen()
        .iter()
        .map(|s| s.as_str().to_owned())
        .collect();
    let input = match form.input(caller.lang) {
        Ok(input) => input,
        Err(errors) => return list_page(&state, &caller, &form, &errors).await,
    };
    let opened = ops::exchange::open_cycle(&caller.ctx, &caller.actor, &input).await;
    match super::refused(opened, caller.lang)? {
        Ok(cycle) => Ok(Redirect::to(&format!("/exchange/{}", cycle.year)).into_response()),
        Err(errors) => list_page(&state, &caller, &form, &errors).await,
    }
}

async fn cycle(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    AppPath(year): AppPath<i32>,
) -> AppResult<Response> {
    let overview = ops::exchange::overview(&caller.ctx, &caller.actor, year).await?;
    super::page(
        &state,
        &caller,
        "exchange/cycle.html",
        context! { overview => v(&overview) },
    )
}

#[derive(Debug, Default, Deserialize)]
struct Notice {
    saved: Option<String>,
    submitted: Option<String>,
}

/// What the submission page shows besides the submission.
#[derive(Default)]
struct Extra {
    errors: FieldErrors,
    lines: Vec<LineError>,
    saved: bool,
    submitted: bool,
}

async fn submission_page(
    state: &AppState,
    caller: &Caller,
    submission: &Submission,
    extra: Extra,
) -> AppResult<Response> {
    let actions =
        ops::exchange::actions(&caller.ctx, &caller.actor, Some(&submission.state)).await?;
    let own = actions.contains(&ExchangeAction::ReadDraft);
    let sections: Vec<_> = submission
        .completeness
        .iter()
        .map(|c| {
            let draft = submission.draft.iter().find(|d| d.section == c.section);
            context! {
                id => c.section.as_str(), cbm => c.section.cbm(), complete => c.complete,
                not_provided => c.not_provided,
                reason => draft.and_then(|d| d.reason.clone()).unwrap_or_default(),
                language => draft.map_or("en", |d| d.language.as_str()),
                text => draft.map(|d| d.text.clone()).unwrap_or_default(),
                english => draft.and_then(|d| d.english.clone()).unwrap_or_default(),
                terms => v(draft.map(|d| d.terms.clone()).unwrap_or_default()),
                attachments => v(draft.map(|d| d.attachments.clone()).unwrap_or_default()),
                version => draft.map(|d| d.version),
                saved_at => draft.map(|d| v(d.saved_at)),
                saved_by => draft.map(|d| d.saved_by.clone()),
            }
        })
        .collect();
    let may_edit = actions.contains(&ExchangeAction::EditDraft);
    let values = context! {
        submission => v(submission), own => own, sections => sections, may_edit => may_edit,
        may_circulate => actions.contains(&ExchangeAction::Manage)
            && submission.status == liaison_types::exchange::SubmissionStatus::Submitted,
        errors => v(&extra.errors), lines => v(&extra.lines), saved => extra.saved, submitted => extra.submitted,
    };
    let status = if extra.errors.is_empty() && extra.lines.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((
        status,
        super::render(
            state,
            Some(caller),
            caller.lang,
            "exchange/submission.html",
            values,
        )?,
    )
        .into_response())
}

/// The submission page again with the problems of a refused form in the reader's language, or
/// the refusal itself when it is not about the form's fields.
async fn problems_page(
    state: &AppState,
    caller: &Caller,
    (year, code): (i32, &StateCode),
    error: AppError,
) -> AppResult<Response> {
    let Some(errors) = error.field_errors(caller.lang) else {
        return Err(error);
    };
    let submission = ops::exchange::submission(&caller.ctx, &caller.actor, year, code).await?;
    submission_page(
        state,
        caller,
        &submission,
        Extra {
            errors,
            ..Extra::default()
        },
    )
    .await
}

async fn submission(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    AppPath((year, code)): AppPath<(i32, String)>,
    AppQuery(notice): AppQuery<Notice>,
) -> AppResult<Response> {
    let code = code_of(&code)?;
    let ctx = caller.ctx.clone();
    let submission = ops::exchange::submission(&ctx, &caller.actor, year, &code).await?;
    let actions = ops::exchange::actions(&ctx, &caller.actor, Some(&code)).await?;
    if !actions.contains(&ExchangeAction::ReadDraft)
        && !submission.documents.is_empty()
        && actions.contains(&ExchangeAction::ReadCirculated)
    {
        return Ok(
            Redirect::to(&format!("/exchange/{year}/submissions/{code}/document")).into_response(),
        );
    }
    let extra = Extra {
        saved: notice.saved.is_some(),
        submitted: notice.submitted.is_some(),
        ..Extra::default()
    };
    submission_page(&state, &caller, &submission, extra).await
}

/// A section's form as posted (by the page, or by the auto-save script).
#[derive(Debug, Deserialize)]
struct SectionForm {
    #[serde(default)]
    language: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    english: String,
    /// The "not provided this year" checkbox ("on" when ticked).
    #[serde(default)]
    not_provided: Option<String>,
    #[serde(default)]
    reason: String,
}

async fn save(
    State(state): State<AppState>,
    AppPath((year, code, section)): AppPath<(i32, String, String)>,
    headers: HeaderMap,
    form: WebForm<SectionForm>,
) -> AppResult<Response> {
    let (caller, form) = (form.caller, form.form);
    let code = code_of(&code)?;
    let section = Section::parse(&section).map_err(AppError::BadRequest)?;
    let ctx = caller.ctx.clone();
    let autosave = headers.contains_key("x-autosave");
    // The terms are kept: the form edits the text; the CSV import replaces the terms.
    let current = ops::exchange::submission(&ctx, &caller.actor, year, &code).await?;
    let terms = current
        .draft
        .iter()
        .find(|d| d.section == section)
        .map(|d| d.terms.clone())
        .unwrap_or_default();
    let input = SectionInput {
        language: form.language,
        text: form.text.replace("\r\n", "\n"),
        english: Some(form.english.replace("\r\n", "\n")),
        terms,
        not_provided: form.not_provided.is_some(),
        reason: Some(form.reason),
    };
    match ops::exchange::save_section(&ctx, &caller.actor, year, &code, section, input).await {
        Ok(_) if autosave => Ok(StatusCode::NO_CONTENT.into_response()),
        Ok(_) => Ok(Redirect::to(&format!(
            "/exchange/{year}/submissions/{code}?saved=1#section-{}",
            section.as_str()
        ))
        .into_response()),
        Err(e) if autosave => Err(e),
        Err(e) => problems_page(&state, &caller, (year, &code), e).await,
    }
}

async fn attach(
    State(state): State<AppState>,
    AppPath((year, code, section)): AppPath<(i32, String, String)>,
    upload: WebUpload,
) -> AppResult<Response> {
    let caller = upload.caller;
    let code = code_of(&code)?;
    let section = Section::parse(&section).map_err(AppError::BadRequest)?;
    let ctx = caller.ctx.clone();
    let Some(file) = upload
        .file
        .filter(|f| !f.name.is_empty() || !f.data.is_empty())
    else {
        let error = AppError::worded([(
            "file".to_owned(),
            liaison_core::exchange::Invalid::AttachmentEmpty,
        )]);
        return problems_page(&state, &caller, (year, &code), error).await;
    };
    match ops::exchange::attach(
        &ctx,
        &caller.actor,
        year,
        &code,
        section,
        ops::exchange::File::from(&file),
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "/exchange/{year}/submissions/{code}?saved=1#section-{}",
            section.as_str()
        ))
        .into_response()),
        Err(e) => problems_page(&state, &caller, (year, &code), e).await,
    }
}

async fn detach(
    AppPath((year, code, section, id)): AppPath<(i32, String, String, AttachmentId)>,
    form: WebForm<Empty>,
) -> AppResult<Response> {
    let caller = form.caller;
    let code = code_of(&code)?;
    let section = Section::parse(&section).map_err(AppError::BadRequest)?;
    ops::exchange::detach(&caller.ctx, &caller.actor, year, &code, section, id).await?;
    Ok(Redirect::to(&format!(
        "/exchange/{year}/submissions/{code}?saved=1#section-{}",
        section.as_str()
    ))
    .into_response())
}

async fn attachment(
    WebCaller(caller): WebCaller,
    AppPath((year, code, id)): AppPath<(i32, String, AttachmentId)>,
) -> AppResult<Response> {
    let code = code_of(&code)?;
    let (file, data) =
        ops::exchange::attachment(&caller.ctx, &caller.actor, year, &code, id).await?;
    crate::download::download(ops::exchange::attachment_file(&file, data))
}

#[derive(Debug, Deserialize)]
struct TermsForm {
    #[serde(default)]
    file: String,
}

async fn terms(
    State(state): State<AppState>,
    AppPath((year, code)): AppPath<(i32, String)>,
    form: WebForm<TermsForm>,
) -> AppResult<Response> {
    let (caller, form) = (form.caller, form.form);
    let code = code_of(&code)?;
    let ctx = caller.ctx.clone();
    match ops::exchange::import_terms(&ctx, &caller.actor, year, &code, form.file.as_bytes()).await
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "/exchange/{year}/submissions/{code}?saved=1#section-terminology"
        ))
        .into_response()),
        Err(AppError::Import(lines)) => {
            let submission = ops::exchange::submission(&ctx, &caller.actor, year, &code).await?;
            submission_page(
                &state,
                &caller,
                &submission,
                Extra {
                    lines,
                    ..Extra::default()
                },
            )
            .await
        }
        Err(e) => problems_page(&state, &caller, (year, &code), e).await,
    }
}

#[derive(Debug, Deserialize)]
struct Empty {}

async fn submit(
    State(state): State<AppState>,
    AppPath((year, code)): AppPath<(i32, String)>,
    form: WebForm<Empty>,
) -> AppResult<Response> {
    let caller = form.caller;
    let code = code_of(&code)?;
    let ctx = caller.ctx.clone();
    match ops::exchange::submit(&ctx, &caller.actor, year, &code).await {
        Ok(_) => Ok(
            Redirect::to(&format!("/exchange/{year}/submissions/{code}?submitted=1"))
                .into_response(),
        ),
        Err(e) => problems_page(&state, &caller, (year, &code), e).await,
    }
}

#[derive(Debug, Deserialize)]
struct ReferenceForm {
    /// The reference the OSCE document system assigned (empty: the cycle's next one).
    #[serde(default)]
    reference: String,
    #[serde(default)]
    revision: Option<i64>,
}

async fn circulate(
    State(state): State<AppState>,
    AppPath((year, code)): AppPath<(i32, String)>,
    form: WebForm<ReferenceForm>,
) -> AppResult<Response> {
    let (caller, form) = (form.caller, form.form);
    let code = code_of(&code)?;
    match ops::exchange::circulate(
        &caller.ctx,
        &caller.actor,
        year,
        &code,
        Some(form.reference.as_str()),
    )
    .await
    {
        Ok(_) => Ok(
            Redirect::to(&format!("/exchange/{year}/submissions/{code}/document")).into_response(),
        ),
        Err(e) => problems_page(&state, &caller, (year, &code), e).await,
    }
}

/// The network manager records a circulated document's reference (the one it replaces stays an
/// alias).
async fn record_reference(
    State(state): State<AppState>,
    AppPath((year, code)): AppPath<(i32, String)>,
    form: WebForm<ReferenceForm>,
) -> AppResult<Response> {
    let (caller, form) = (form.caller, form.form);
    let code = code_of(&code)?;
    let input = liaison_types::exchange::ReferenceInput {
        reference: form.reference,
        revision: form.revision,
    };
    let recorded =
        ops::exchange::record_reference(&caller.ctx, &caller.actor, year, &code, &input).await;
    match super::refused(recorded, caller.lang)? {
        Ok(document) => Ok(Redirect::to(&format!(
            "/exchange/{year}/submissions/{code}/document?revision={}",
            document.revision
        ))
        .into_response()),
        Err(errors) => document_page(&state, &caller, (year, &code, form.revision), &errors).await,
    }
}

#[derive(Debug, Deserialize)]
struct FindQuery {
    #[serde(default)]
    reference: String,
}

/// `/exchange/documents?reference=PC.DEL/12/27`: to the document known by that reference, now
/// or earlier.
async fn find_document(
    WebCaller(caller): WebCaller,
    AppQuery(query): AppQuery<FindQuery>,
) -> AppResult<Response> {
    let (year, code, revision) =
        ops::exchange::find_reference(&caller.ctx, &caller.actor, &query.reference).await?;
    Ok(Redirect::to(&format!(
        "/exchange/{year}/submissions/{code}/document?revision={revision}"
    ))
    .into_response())
}

#[derive(Debug, Deserialize)]
struct RevisionQuery {
    revision: Option<i64>,
}

async fn document_page(
    state: &AppState,
    caller: &Caller,
    (year, code, revision): (i32, &StateCode, Option<i64>),
    errors: &FieldErrors,
) -> AppResult<Response> {
    let ctx = caller.ctx.clone();
    let document = ops::exchange::document(&ctx, &caller.actor, year, code, revision).await?;
    let inquiries = ops::exchange::inquiries(&ctx, &caller.actor, year, code).await?;
    let actions = ops::exchange::actions(&ctx, &caller.actor, Some(code)).await?;
    let may_inquire = actions.contains(&ExchangeAction::Inquire);
    let may_record = actions.contains(&ExchangeAction::Manage);
    let values = context! {
        document => v(&document), inquiries => v(&inquiries), may_inquire => may_inquire,
        may_record => may_record, errors => v(errors),
    };
    super::form_page(state, caller, "exchange/document.html", values, errors)
}

async fn document(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    AppPath((year, code)): AppPath<(i32, String)>,
    AppQuery(query): AppQuery<RevisionQuery>,
) -> AppResult<Response> {
    let code = code_of(&code)?;
    document_page(
        &state,
        &caller,
        (year, &code, query.revision),
        &FieldErrors::new(),
    )
    .await
}

#[derive(Debug, Deserialize)]
struct DiffQuery {
    from: Option<i64>,
    to: Option<i64>,
}

async fn diff(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    AppPath((year, code)): AppPath<(i32, String)>,
    AppQuery(query): AppQuery<DiffQuery>,
) -> AppResult<Response> {
    let code = code_of(&code)?;
    let diff = ops::exchange::diff(
        &caller.ctx,
        &caller.actor,
        year,
        &code,
        query.from,
        query.to,
    )
    .await?;
    super::page(
        &state,
        &caller,
        "exchange/diff.html",
        context! { diff => v(&diff), year => year, code => code.to_string() },
    )
}

async fn export_html(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    AppPath(path): AppPath<(i32, String)>,
    AppQuery(query): AppQuery<RevisionQuery>,
) -> AppResult<Response> {
    let code = code_of(&path.1)?;
    let revision = (path.0, &code, query.revision);
    crate::download::exchange_export(&state, &caller, revision, Export::Html).await
}

async fn export_pdf_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    AppPath(path): AppPath<(i32, String)>,
    AppQuery(query): AppQuery<RevisionQuery>,
) -> AppResult<Response> {
    let code = code_of(&path.1)?;
    let revision = (path.0, &code, query.revision);
    crate::download::exchange_export(&state, &caller, revision, Export::Pdf).await
}

#[derive(Debug, Deserialize)]
struct InquiryForm {
    #[serde(default)]
    section: String,
    #[serde(default)]
    text: String,
}

async fn inquire(
    State(state): State<AppState>,
    AppPath((year, code)): AppPath<(i32, String)>,
    form: WebForm<InquiryForm>,
) -> AppResult<Response> {
    let (caller, form) = (form.caller, form.form);
    let code = code_of(&code)?;
    let section = if form.section.trim().is_empty() {
        None
    } else {
        Some(Section::parse(&form.section).map_err(AppError::BadRequest)?)
    };
    let input = InquiryInput {
        section,
        text: form.text,
    };
    let raised = ops::exchange::raise(&caller.ctx, &caller.actor, year, &code, &input).await;
    match super::refused(raised, caller.lang)? {
        Ok(inquiry) => Ok(Redirect::to(&format!(
            "/exchange/{year}/submissions/{code}/document#inquiry-{}",
            inquiry.id
        ))
        .into_response()),
        Err(errors) => document_page(&state, &caller, (year, &code, None), &errors).await,
    }
}

#[derive(Debug, Deserialize)]
struct ReplyForm {
    #[serde(default)]
    text: String,
}

async fn reply(
    AppPath(id): AppPath<liaison_types::id::InquiryId>,
    form: WebForm<ReplyForm>,
) -> AppResult<Response> {
    let (caller, form) = (form.caller, form.form);
    let inquiry = ops::exchange::post(
        &caller.ctx,
        &caller.actor,
        id,
        &PostInput { text: form.text },
    )
    .await?;
    Ok(Redirect::to(&format!(
        "/exchange/{}/submissions/{}/document#inquiry-{id}",
        inquiry.year, inquiry.state
    ))
    .into_response())
}

#[derive(Debug, Deserialize)]
struct VisibilityForm {
    #[serde(default)]
    public: String,
}

async fn visibility(
    AppPath(id): AppPath<liaison_types::id::InquiryId>,
    form: WebForm<VisibilityForm>,
) -> AppResult<Response> {
    let (caller, form) = (form.caller, form.form);
    let inquiry =
        ops::exchange::set_visibility(&caller.ctx, &caller.actor, id, form.public == "true")
            .await?;
    Ok(Redirect::to(&format!(
        "/exchange/{}/submissions/{}/document#inquiry-{id}",
        inquiry.year, inquiry.state
    ))
    .into_response())
}

async fn years(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    AppPath(code): AppPath<String>,
) -> AppResult<Response> {
    let code = code_of(&code)?;
    let years = ops::exchange::across_years(&caller.ctx, &caller.actor, &code).await?;
    let name = ops::directory::state_name(&caller.ctx, &code).await?;
    super::page(
        &state,
        &caller,
        "exchange/years.html",
        context! { years => v(&years), code => code.to_string(), state_name => name, all_sections => all_sections() },
    )
}
