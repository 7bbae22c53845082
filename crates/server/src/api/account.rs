//! Signing in, the caller's own account, and account management by the network manager.

use super::{AppJson, Rid};
use crate::AppState;
use crate::auth::{ApiCaller, client_address};
use crate::error::{AppError, AppResult};
use crate::ops;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::request::Parts;
use liaison_core::access;
use liaison_store::session::SessionKind;
use liaison_types::account::{LoginRequest, LoginResponse, Me, Role};
use liaison_types::state::StateCode;
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(me))
        .routes(routes!(list_accounts, create_account))
}

/// Client address of the request, for rate limiting.
pub struct Address(String);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Address {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Address(client_address(parts)))
    }
}

/// Exchanges a username, password and (when enabled) TOTP code for a bearer token.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest, security(()),
    responses((status = 200, body = LoginResponse), (status = 401, body = liaison_types::Problem), (status = 429, body = liaison_types::Problem)))]
async fn login(
    State(state): State<AppState>,
    Rid(rid): Rid,
    Address(address): Address,
    AppJson(body): AppJson<LoginRequest>,
) -> AppResult<Json<LoginResponse>> {
    let ctx = state.ctx(&rid);
    let account = ops::account::check_password(
        &ctx,
        &state.limiter,
        &address,
        &body.username,
        &body.password,
    )
    .await?;
    if account.totp_enabled {
        let code = body.totp.as_deref().ok_or_else(|| {
            AppError::Unauthorized("this account needs its TOTP code: send \"totp\"".into())
        })?;
        ops::account::check_second_factor(&ctx, &account, code).await?;
    } else if state.config.require_totp {
        return Err(AppError::Forbidden(
            "this server requires a second factor: enrol TOTP on the web page /account/totp first"
                .into(),
        ));
    }
    let session = ops::account::open_session(&ctx, &account, SessionKind::Api).await?;
    Ok(Json(LoginResponse {
        token: session.token,
        expires_at: session.expires_at.format(&Rfc3339).unwrap_or_default(),
    }))
}

/// Ends the token's session.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", responses((status = 204)))]
async fn logout(
    State(state): State<AppState>,
    Rid(rid): Rid,
    _caller: ApiCaller,
    headers: axum::http::HeaderMap,
) -> AppResult<StatusCode> {
    let token = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    ops::account::close_session(&state.ctx(&rid), token.trim()).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub fn me_of(account: &liaison_store::account::Account) -> Me {
    Me {
        id: account.id,
        username: account.username.clone(),
        display_name: account.display_name.clone(),
        email: account.email.clone(),
        role: account.role,
        state: account.state.clone(),
        totp_enabled: account.totp_enabled,
        locale: account.locale.clone(),
        contact_id: account.contact_id,
    }
}

/// The calling account.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth", responses((status = 200, body = Me)))]
async fn me(ApiCaller(caller): ApiCaller) -> Json<Me> {
    Json(me_of(&caller.account))
}

/// Body of `POST /api/v1/accounts`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
struct NewAccountBody {
    username: String,
    display_name: String,
    email: String,
    password: String,
    role: Role,
    state: Option<StateCode>,
    #[serde(default)]
    contact_id: Option<i64>,
    #[serde(default = "english")]
    locale: String,
}

fn english() -> String {
    "en".into()
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
struct Created {
    id: i64,
}

/// Creates an account (network manager only).
#[utoipa::path(post, path = "/api/v1/accounts", tag = "accounts", request_body = NewAccountBody,
    responses((status = 201, body = Created), (status = 403, body = liaison_types::Problem), (status = 409, body = liaison_types::Problem), (status = 422, body = liaison_types::Problem)))]
async fn create_account(
    State(state): State<AppState>,
    Rid(rid): Rid,
    ApiCaller(caller): ApiCaller,
    AppJson(body): AppJson<NewAccountBody>,
) -> AppResult<(StatusCode, Json<Created>)> {
    let request = ops::account::AccountRequest {
        username: body.username,
        display_name: body.display_name,
        email: body.email,
        password: body.password,
        role: body.role,
        state: body.state,
        contact_id: body.contact_id,
        locale: body.locale,
    };
    let id = ops::account::create_account(&state.ctx(&rid), Some(&caller.actor), request).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// Lists accounts (network manager only).
#[utoipa::path(get, path = "/api/v1/accounts", tag = "accounts", responses((status = 200, body = Vec<Me>), (status = 403, body = liaison_types::Problem)))]
async fn list_accounts(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
) -> AppResult<Json<Vec<Me>>> {
    access::manage_accounts(&caller.actor)?;
    let mut tx = state.store.read().await?;
    let accounts = liaison_store::account::list(&mut tx).await?;
    Ok(Json(accounts.iter().map(me_of).collect()))
}
