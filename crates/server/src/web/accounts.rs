//! Account management by the network manager: the list of accounts and the form that creates one.

use super::render;
use crate::AppState;
use crate::auth::{Caller, WebCaller, WebForm};
use crate::error::{AppError, AppResult};
use crate::extract::AppQuery;
use crate::ops;
use crate::templates::v;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use liaison_core::access;
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
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((
        status,
        render(
            state,
            Some(caller),
            caller.lang,
            "account/accounts.html",
            values,
        )?,
    )
        .into_response())
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
    let mut errors = FieldErrors::new();
    let role = Role::parse(&form.role)
        .map_err(|m| errors.insert("role".into(), m))
        .ok();
    let code = match form.state.trim() {
        "" => None,
        text => StateCode::parse(text)
            .map_err(|m| errors.insert("state".into(), m))
            .ok(),
    };
    let Some(role) = role.filter(|_| errors.is_empty()) else {
        return show(&state, &caller, &form, &errors, None).await;
    };
    let request = ops::account::AccountRequest {
        username: form.username.trim().to_owned(),
        display_name: form.display_name.clone(),
        email: form.email.clone(),
        password: form.password.clone(),
        role,
        state: code,
        contact_id: None,
        locale: caller.lang.to_owned(),
    };
    match ops::account::create_account(&state.ctx("web"), Some(&caller.actor), request).await {
        Ok(_) => {
            let query = serde_urlencoded::to_string([("created", form.username.trim())])
                .unwrap_or_default();
            Ok(Redirect::to(&format!("/accounts?{query}")).into_response())
        }
        Err(AppError::Validation { errors, .. }) => {
            show(&state, &caller, &form, &errors, None).await
        }
        Err(AppError::Conflict(message)) => {
            show(
                &state,
                &caller,
                &form,
                &FieldErrors::from([("username".to_owned(), message)]),
                None,
            )
            .await
        }
        Err(other) => Err(other),
    }
}
