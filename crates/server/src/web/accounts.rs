//! Account management by the network manager: the list of accounts, the form that creates one,
//! and each account's page, where it is changed, disabled or enabled, its password or second
//! factor reset, and its sessions ended.

use crate::AppState;
use crate::auth::{Caller, WebCaller, WebForm};
use crate::error::AppResult;
use crate::extract::{AppPath, AppQuery};
use crate::ops;
use crate::templates::v;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use liaison_core::account::{AccountInvalid, AccountProblems};
use liaison_core::directory::FieldErrors;
use liaison_types::account::{AccountPatch, Role};
use liaison_types::id::AccountId;
use liaison_types::state::StateCode;
use minijinja::context;
use serde::{Deserialize, Serialize};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/accounts", get(page).post(create))
        .route("/accounts/{id}", get(account_page).post(change))
        .route("/accounts/{id}/disabled", post(set_disabled))
        .route("/accounts/{id}/password", post(reset_password))
        .route("/accounts/{id}/totp-reset", post(reset_totp))
        .route("/accounts/{id}/end-sessions", post(end_sessions))
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
    let accounts = ops::account::accounts(&caller.ctx, Some(&caller.actor)).await?;
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

/// The role, State and contact of a form, parsed at the edge: what is unreadable is a problem
/// of its field.
struct Parsed {
    role: Option<Role>,
    state: Option<StateCode>,
    contact: Option<i64>,
    problems: AccountProblems,
}

fn parse(form: &AccountForm) -> Parsed {
    let mut problems = AccountProblems::new();
    let role = Role::parse(&form.role)
        .map_err(|_| problems.insert("role".into(), AccountInvalid::Role(form.role.clone())))
        .ok();
    let state = match form.state.trim() {
        "" => None,
        text => StateCode::parse(&text.to_uppercase())
            .map_err(|_| {
                problems.insert("state".into(), AccountInvalid::StateCode(text.to_owned()))
            })
            .ok(),
    };
    let contact = match form.contact.trim() {
        "" => None,
        text => text
            .parse::<i64>()
            .map_err(|_| {
                problems.insert(
                    "contact".into(),
                    AccountInvalid::UnknownContact(text.to_owned()),
                )
            })
            .ok(),
    };
    Parsed {
        role,
        state,
        contact,
        problems,
    }
}

/// The outcome of an operation with its refusal's problems by the form's field names, in the
/// page's language (see [`super::refused`]).
fn refused<T>(outcome: AppResult<T>, lang: &str) -> AppResult<Result<T, FieldErrors>> {
    Ok(super::refused(outcome, lang)?.map_err(|errors| {
        errors
            .into_iter()
            .map(|(field, message)| match field.as_str() {
                "contact_id" => ("contact".to_owned(), message),
                _ => (field, message),
            })
            .collect()
    }))
}

async fn create(State(state): State<AppState>, form: WebForm<AccountForm>) -> AppResult<Response> {
    let (caller, form) = (form.caller, form.form);
    let lang = caller.lang;
    let parsed = parse(&form);
    let Some(role) = parsed.role.filter(|_| parsed.problems.is_empty()) else {
        return show(
            &state,
            &caller,
            &form,
            &super::worded(lang, parsed.problems),
            None,
        )
        .await;
    };
    let request = ops::account::AccountRequest {
        username: form.username.clone(),
        display_name: form.display_name.clone(),
        email: form.email.clone(),
        password: form.password.clone(),
        role,
        state: parsed.state,
        contact_id: parsed.contact,
        locale: lang.to_owned(),
    };
    let created = ops::account::create_account(&caller.ctx, Some(&caller.actor), request).await;
    match refused(created, lang)? {
        Ok(_) => {
            let username =
                liaison_core::account::normalize_username(&form.username).unwrap_or_default();
            let query = serde_urlencoded::to_string([("created", username)]).unwrap_or_default();
            Ok(Redirect::to(&format!("/accounts?{query}")).into_response())
        }
        Err(errors) => show(&state, &caller, &form, &errors, None).await,
    }
}

#[derive(Debug, Deserialize, Default)]
struct AccountPageQuery {
    /// What was just done: `changed`, `password`, `totp`, `sessions`.
    #[serde(default)]
    done: Option<String>,
}

/// One account's page.
async fn account_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    AppPath(id): AppPath<AccountId>,
    AppQuery(query): AppQuery<AccountPageQuery>,
) -> AppResult<Response> {
    show_account(&state, &caller, id, None, &FieldErrors::new(), query.done).await
}

async fn show_account(
    state: &AppState,
    caller: &Caller,
    id: AccountId,
    form: Option<&AccountForm>,
    errors: &FieldErrors,
    done: Option<String>,
) -> AppResult<Response> {
    let (account, tokens) = ops::account::account(&caller.ctx, Some(&caller.actor), id).await?;
    let form = match form {
        Some(form) => v(form),
        None => v(AccountForm {
            username: account.username.clone(),
            display_name: account.display_name.clone(),
            email: account.email.clone(),
            role: account.role.as_str().to_owned(),
            state: account
                .state
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            contact: account
                .contact_id
                .map(|c| c.to_string())
                .unwrap_or_default(),
            password: String::new(),
        }),
    };
    let roles: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
    let done = done.filter(|d| ["changed", "password", "totp", "sessions"].contains(&d.as_str()));
    let own = caller.actor.account_id == id;
    super::form_page(
        state,
        caller,
        "account/manage.html",
        context! { account => v(account), tokens => v(tokens), form => form, errors => v(errors), roles => roles, done => done, own => own },
        errors,
    )
}

/// Changes the account's name, email, role, State and linked contact.
async fn change(
    State(state): State<AppState>,
    AppPath(id): AppPath<AccountId>,
    form: WebForm<AccountForm>,
) -> AppResult<Response> {
    let (caller, form) = (form.caller, form.form);
    let parsed = parse(&form);
    let Some(role) = parsed.role.filter(|_| parsed.problems.is_empty()) else {
        let errors = super::worded(caller.lang, parsed.problems);
        return show_account(&state, &caller, id, Some(&form), &errors, None).await;
    };
    let patch = AccountPatch {
        display_name: Some(form.display_name.clone()),
        email: Some(form.email.clone()),
        role: Some(role),
        state: Some(parsed.state),
        contact_id: Some(parsed.contact),
        disabled: None,
    };
    answer(
        &state,
        &caller,
        id,
        &form,
        ops::account::change_account(&caller.ctx, Some(&caller.actor), id, &patch)
            .await
            .map(|_| ()),
        "changed",
    )
    .await
}

/// The account's page after an action: with what was done, or with the action's problems.
async fn answer(
    state: &AppState,
    caller: &Caller,
    id: AccountId,
    form: &AccountForm,
    outcome: AppResult<()>,
    done: &str,
) -> AppResult<Response> {
    match refused(outcome, caller.lang)? {
        Ok(()) => Ok(Redirect::to(&format!("/accounts/{id}?done={done}")).into_response()),
        Err(errors) => show_account(state, caller, id, Some(form), &errors, None).await,
    }
}

#[derive(Debug, Deserialize)]
struct DisabledForm {
    disabled: String,
}

/// Disables an account (its sessions and tokens end) or enables it again.
async fn set_disabled(
    AppPath(id): AppPath<AccountId>,
    form: WebForm<DisabledForm>,
) -> AppResult<Response> {
    let caller = form.caller;
    let patch = AccountPatch {
        disabled: Some(form.form.disabled == "true"),
        ..AccountPatch::default()
    };
    ops::account::change_account(&caller.ctx, Some(&caller.actor), id, &patch).await?;
    Ok(Redirect::to(&format!("/accounts/{id}?done=changed")).into_response())
}

#[derive(Debug, Deserialize)]
struct PasswordForm {
    #[serde(default)]
    password: String,
}

/// Sets a new password for the account; its sessions and tokens end.
async fn reset_password(
    State(state): State<AppState>,
    AppPath(id): AppPath<AccountId>,
    form: WebForm<PasswordForm>,
) -> AppResult<Response> {
    let caller = form.caller;
    let outcome =
        ops::account::reset_password(&caller.ctx, Some(&caller.actor), id, &form.form.password)
            .await;
    match refused(outcome, caller.lang)? {
        Ok(()) => Ok(Redirect::to(&format!("/accounts/{id}?done=password")).into_response()),
        Err(errors) => show_account(&state, &caller, id, None, &errors, None).await,
    }
}

#[derive(Debug, Deserialize)]
struct Empty {}

/// Turns the account's second factor off; its owner enrols again.
async fn reset_totp(AppPath(id): AppPath<AccountId>, form: WebForm<Empty>) -> AppResult<Response> {
    let caller = form.caller;
    ops::account::reset_totp(&caller.ctx, Some(&caller.actor), id).await?;
    Ok(Redirect::to(&format!("/accounts/{id}?done=totp")).into_response())
}

/// Ends every session and token of the account.
async fn end_sessions(
    AppPath(id): AppPath<AccountId>,
    form: WebForm<Empty>,
) -> AppResult<Response> {
    let caller = form.caller;
    ops::account::end_sessions(&caller.ctx, Some(&caller.actor), id).await?;
    Ok(Redirect::to(&format!("/accounts/{id}?done=sessions")).into_response())
}
