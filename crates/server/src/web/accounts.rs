//! Account management by the network manager: the list of accounts and the form that creates one.

use crate::AppState;
use crate::auth::{Caller, WebCaller, WebForm};
use crate::error::{AppError, AppResult};
use crate::extract::AppQuery;
use crate::ops;
use crate::templates::v;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use liaison_core::access;
use liaison_core::account::{AccountInvalid, AccountProblems, check_account};
use liaison_core::directory::FieldErrors;
use liaison_types::account::Role;
use liaison_types::state::StateCode;
use minijinja::context;
use serde::{Deserialize, Serialize};

pub fn routes() -> Router<AppState> {
    Router::new().route("/accounts", get(page).post(create))
}

#[derive(Debug, Default, Deserialize, Serialize)]
struct AccountForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    state: String,
    /// The id of the point of contact's own directory contact, if any.
    #[serde(default)]
    contact: String,
    #[serde(default, skip_serializing)]
    password: String,
}

#[derive(Debug, Deserialize)]
struct PageQuery {
    created: Option<String>,
}

async fn show(
    state: &AppState,
    caller: &Caller,
    form: &AccountForm,
    errors: &FieldErrors,
    created: Option<String>,
) -> AppResult<Response> {
    access::manage_accounts(&caller.actor)?;
    let mut tx = state.store.read().await?;
    let accounts: Vec<_> = liaison_store::account::list(&mut tx)
        .await?
        .iter()
        .map(crate::api::account::me_of)
        .collect();
    drop(tx);
    let roles: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
    let values = context! { accounts => v(accounts), form => v(form), errors => v(errors), roles => roles, created => created };
    super::form_page(state, caller, "account/accounts.html", values, errors)
}

async fn page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    AppQuery(query): AppQuery<PageQuery>,
) -> AppResult<Response> {
    let form = AccountForm {
        role: "coordinator".into(),
        ..Default::default()
    };
    show(&state, &caller, &form, &FieldErrors::new(), query.created).await
}

async fn create(State(state): State<AppState>, form: WebForm<AccountForm>) -> AppResult<Response> {
    let (caller, form) = (form.caller, form.form);
    let lang = caller.lang;
    let mut problems = AccountProblems::new();
    let role = Role::parse(&form.role)
        .map_err(|_| problems.insert("role".into(), AccountInvalid::Role(form.role.clone())))
        .ok();
    let code = match form.state.trim() {
        "" => None,
        text => StateCode::parse(text)
            .map_err(|_| {
                problems.insert("state".into(), AccountInvalid::StateCode(text.to_owned()))
            })
            .ok(),
    };
    if let Some(role) = role
        && let Err(more) = check_account(
            form.username.trim(),
            &form.email,
            &form.password,
            role,
            code.as_ref(),
        )
    {
        for (field, problem) in more {
            problems.entry(field).or_insert(problem);
        }
    }
    let contact_id = match form.contact.trim() {
        "" => None,
        text => match text.parse::<i64>() {
            Ok(id) => Some(id),
            Err(_) => {
                problems.insert(
                    "contact".into(),
                    AccountInvalid::UnknownContact(text.to_owned()),
                );
                None
            }
        },
    };
    let Some(role) = role.filter(|_| problems.is_empty()) else {
        return show(&state, &caller, &form, &super::worded(lang, problems), None).await;
    };
    let request = ops::account::AccountRequest {
        username: form.username.trim().to_owned(),
        display_name: form.display_name.clone(),
        email: form.email.clone(),
        password: form.password.clone(),
        role,
        state: code.clone(),
        contact_id,
        locale: lang.to_owned(),
    };
    let ctx = state.ctx("web");
    let mut tx = state.store.read().await?;
    let linked = ops::account::contact_problem(&ctx, &mut tx, &request).await?;
    drop(tx);
    if let Some(problem) = linked {
        let errors = super::worded(
            lang,
            AccountProblems::from([("contact".to_owned(), problem)]),
        );
        return show(&state, &caller, &form, &errors, None).await;
    }
    // What only the store can tell: whether the State exists and the username is free.
    let refused = match ops::account::create_account(&ctx, Some(&caller.actor), request).await {
        Ok(_) => {
            let query = serde_urlencoded::to_string([("created", form.username.trim())])
                .unwrap_or_default();
            return Ok(Redirect::to(&format!("/accounts?{query}")).into_response());
        }
        Err(AppError::Validation { .. }) => (
            "state",
            AccountInvalid::UnknownState(code.map(|c| c.to_string()).unwrap_or_default()),
        ),
        Err(AppError::Conflict(_)) => (
            "username",
            AccountInvalid::UsernameTaken(form.username.trim().to_owned()),
        ),
        Err(other) => return Err(other),
    };
    let errors = super::worded(
        lang,
        AccountProblems::from([(refused.0.to_owned(), refused.1)]),
    );
    show(&state, &caller, &form, &errors, None).await
}
