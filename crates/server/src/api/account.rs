//! Signing in and out, the caller's own account (password, sessions and tokens), and account
//! management by the network manager.

use super::AppJson;
use crate::AppState;
use crate::auth::{ApiCaller, client_address};
use crate::error::{AppError, AppResult};
use crate::extract::AppPath;
use crate::ops;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::request::Parts;
use liaison_store::session::SessionKind;
use liaison_types::account::{
    AccountPatch, Ended, LoginRequest, LoginResponse, Me, PasswordChange, PasswordReset, Role,
    Token,
};
use liaison_types::id::AccountId;
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
        .routes(routes!(change_password))
        .routes(routes!(tokens, sign_out_everywhere))
        .routes(routes!(revoke_token))
        .routes(routes!(list_accounts, create_account))
        .routes(routes!(get_account, change_account))
        .routes(routes!(reset_password))
        .routes(routes!(reset_totp))
        .routes(routes!(end_sessions))
}

/// Client address of the request, for rate limiting.
pub struct Address(String);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Address {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Address(client_address(parts)))
    }
}

/// Exchanges a username, password and (when the account has a second factor) TOTP code for a
/// bearer token. Any wrong part is refused alike; repeated failures from one address lock the
/// account for that address (429 until the time the problem names).
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest, security(()),
    responses((status = 200, body = LoginResponse), (status = 401, body = liaison_types::Problem), (status = 403, body = liaison_types::Problem), (status = 429, body = liaison_types::Problem)))]
async fn login(
    State(state): State<AppState>,
    ctx: crate::ops::Ctx,
    Address(address): Address,
    AppJson(body): AppJson<LoginRequest>,
) -> AppResult<Json<LoginResponse>> {
    let ctx = ctx.clone();
    let account = ops::account::sign_in(
        &ctx,
        &state.limiter,
        ops::account::SignIn {
            username: &body.username,
            password: &body.password,
            code: body.totp.as_deref(),
            address: &address,
        },
    )
    .await?;
    if state.config.require_totp && !account.totp_enabled {
        return Err(AppError::Forbidden(
            "this server requires a second factor: enrol TOTP on the web page /account/totp first"
                .into(),
        ));
    }
    let session = ops::account::open_session(
        &ctx,
        &account,
        SessionKind::Api,
        body.label.as_deref(),
        &address,
    )
    .await?;
    Ok(Json(LoginResponse {
        token: session.token,
        expires_at: session
            .expires_at
            .replace_nanosecond(0)
            .unwrap_or(session.expires_at)
            .format(&Rfc3339)
            .unwrap_or_default(),
    }))
}

/// Ends the token's session.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", responses((status = 204)))]
async fn logout(ApiCaller(caller): ApiCaller) -> AppResult<StatusCode> {
    ops::account::sign_out(&caller.ctx, &caller.actor, &caller.token_hash).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The calling account.
#[utoipa::path(operation_id = "get_me", get, path = "/api/v1/me", tag = "auth", responses((status = 200, body = Me)))]
async fn me(ApiCaller(caller): ApiCaller) -> Json<Me> {
    Json(ops::account::me_of(&caller.account))
}

/// Changes the caller's password, given the current one; every other session and token of the
/// account ends (this token stays). A wrong current password counts like a failed sign-in.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "auth", request_body = PasswordChange,
    responses((status = 200, body = Ended), (status = 422, body = liaison_types::Problem), (status = 429, body = liaison_types::Problem)))]
async fn change_password(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    AppJson(body): AppJson<PasswordChange>,
) -> AppResult<Json<Ended>> {
    let ended = ops::account::change_password(
        &caller.ctx,
        &state.limiter,
        &caller.actor,
        ops::account::Origin {
            token_hash: &caller.token_hash,
            address: &caller.address,
        },
        &body.current_password,
        &body.new_password,
    )
    .await?;
    Ok(Json(Ended { ended }))
}

/// The caller's live browser sessions and API tokens (never the tokens themselves).
#[utoipa::path(operation_id = "list_my_tokens", get, path = "/api/v1/me/tokens", tag = "auth", responses((status = 200, body = Vec<Token>)))]
async fn tokens(ApiCaller(caller): ApiCaller) -> AppResult<Json<Vec<Token>>> {
    Ok(Json(
        ops::account::tokens(&caller.ctx, &caller.actor, &caller.token_hash).await?,
    ))
}

/// Signs out everywhere: ends every session and token of the caller's account, this one too.
#[utoipa::path(delete, path = "/api/v1/me/tokens", tag = "auth", responses((status = 200, body = Ended)))]
async fn sign_out_everywhere(ApiCaller(caller): ApiCaller) -> AppResult<Json<Ended>> {
    let ended = ops::account::sign_out_everywhere(&caller.ctx, &caller.actor).await?;
    Ok(Json(Ended { ended }))
}

/// Ends one of the caller's sessions or tokens by its id.
#[utoipa::path(delete, path = "/api/v1/me/tokens/{id}", tag = "auth", params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = liaison_types::Problem)))]
async fn revoke_token(
    ApiCaller(caller): ApiCaller,
    AppPath(id): AppPath<String>,
) -> AppResult<StatusCode> {
    ops::account::revoke_token(&caller.ctx, &caller.actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Body of `POST /api/v1/accounts`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub(crate) struct NewAccountBody {
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
    id: AccountId,
}

/// Creates an account (network manager only).
#[utoipa::path(post, path = "/api/v1/accounts", tag = "accounts", request_body = NewAccountBody,
    responses((status = 201, body = Created), (status = 403, body = liaison_types::Problem), (status = 422, body = liaison_types::Problem)))]
async fn create_account(
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
    let id = ops::account::create_account(&caller.ctx, Some(&caller.actor), request).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// Lists accounts (network manager only).
#[utoipa::path(get, path = "/api/v1/accounts", tag = "accounts", responses((status = 200, body = Vec<Me>), (status = 403, body = liaison_types::Problem)))]
async fn list_accounts(ApiCaller(caller): ApiCaller) -> AppResult<Json<Vec<Me>>> {
    Ok(Json(
        ops::account::accounts(&caller.ctx, Some(&caller.actor)).await?,
    ))
}

/// An account with its live sessions and tokens (network manager only).
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct AccountView {
    account: Me,
    tokens: Vec<Token>,
}

/// An account and its live sessions and tokens (network manager only).
#[utoipa::path(get, path = "/api/v1/accounts/{id}", tag = "accounts", params(("id" = i64, Path)),
    responses((status = 200, body = AccountView), (status = 403, body = liaison_types::Problem), (status = 404, body = liaison_types::Problem)))]
async fn get_account(
    ApiCaller(caller): ApiCaller,
    AppPath(id): AppPath<AccountId>,
) -> AppResult<Json<AccountView>> {
    let (account, tokens) = ops::account::account(&caller.ctx, Some(&caller.actor), id).await?;
    Ok(Json(AccountView { account, tokens }))
}

/// Changes an account: name, email, role, State, linked contact, disabled (network manager
/// only). A change of role or State, or disabling, ends its sessions and tokens.
#[utoipa::path(patch, path = "/api/v1/accounts/{id}", tag = "accounts", params(("id" = i64, Path)), request_body = AccountPatch,
    responses((status = 200, body = Me), (status = 403, body = liaison_types::Problem), (status = 404, body = liaison_types::Problem), (status = 409, body = liaison_types::Problem), (status = 422, body = liaison_types::Problem)))]
async fn change_account(
    ApiCaller(caller): ApiCaller,
    AppPath(id): AppPath<AccountId>,
    AppJson(body): AppJson<AccountPatch>,
) -> AppResult<Json<Me>> {
    Ok(Json(
        ops::account::change_account(&caller.ctx, Some(&caller.actor), id, &body).await?,
    ))
}

/// Sets a new password for an account (network manager only); its sessions and tokens end.
#[utoipa::path(post, path = "/api/v1/accounts/{id}/password", tag = "accounts", params(("id" = i64, Path)), request_body = PasswordReset,
    responses((status = 204), (status = 403, body = liaison_types::Problem), (status = 404, body = liaison_types::Problem), (status = 422, body = liaison_types::Problem)))]
async fn reset_password(
    ApiCaller(caller): ApiCaller,
    AppPath(id): AppPath<AccountId>,
    AppJson(body): AppJson<PasswordReset>,
) -> AppResult<StatusCode> {
    ops::account::reset_password(&caller.ctx, Some(&caller.actor), id, &body.password).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Turns an account's second factor off so that its owner enrols again (network manager only);
/// its sessions and tokens end.
#[utoipa::path(post, path = "/api/v1/accounts/{id}/totp/reset", tag = "accounts", params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = liaison_types::Problem), (status = 404, body = liaison_types::Problem), (status = 409, body = liaison_types::Problem)))]
async fn reset_totp(
    ApiCaller(caller): ApiCaller,
    AppPath(id): AppPath<AccountId>,
) -> AppResult<StatusCode> {
    ops::account::reset_totp(&caller.ctx, Some(&caller.actor), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Ends every session and token of an account (network manager only).
#[utoipa::path(delete, path = "/api/v1/accounts/{id}/tokens", tag = "accounts", params(("id" = i64, Path)),
    responses((status = 200, body = Ended), (status = 403, body = liaison_types::Problem), (status = 404, body = liaison_types::Problem)))]
async fn end_sessions(
    ApiCaller(caller): ApiCaller,
    AppPath(id): AppPath<AccountId>,
) -> AppResult<Json<Ended>> {
    let ended = ops::account::end_sessions(&caller.ctx, Some(&caller.actor), id).await?;
    Ok(Json(Ended { ended }))
}
