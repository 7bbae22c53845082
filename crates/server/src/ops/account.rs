//! Signing in, accounts and the TOTP second factor.

use super::Ctx;
use crate::auth::{LoginLimiter, new_token, token_hash};
use crate::error::{AppError, AppResult};
use liaison_core::access::{self, Actor};
use liaison_core::account::{self as rules, check_totp};
use liaison_core::audit::AuditEvent;
use liaison_store::account::{Account, NewAccount};
use liaison_store::session::SessionKind;
use liaison_types::account::Role;
use liaison_types::state::StateCode;
use time::Duration;

/// A new session: the token to hand out (never stored) and its CSRF token.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub csrf: String,
    pub expires_at: time::OffsetDateTime,
}

/// Checks a username and password (rate-limited; failures audited). Returns the account, or a
/// refusal that does not tell whether the username exists.
pub async fn check_password(
    ctx: &Ctx,
    limiter: &LoginLimiter,
    address: &str,
    username: &str,
    password: &str,
) -> AppResult<Account> {
    limiter.attempt(username, address)?;
    let mut tx = ctx.store.read().await?;
    let account = liaison_store::account::by_username(&mut tx, username.trim()).await?;
    drop(tx);
    let hash = account
        .as_ref()
        .map(|a| a.password_hash.as_str())
        .unwrap_or(rules::decoy_hash())
        .to_owned();
    let password = password.to_owned();
    let matches = tokio::task::spawn_blocking(move || rules::verify_password(&password, &hash))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    match account {
        Some(account) if matches && !account.disabled => Ok(account),
        _ => {
            let mut tx = ctx.store.begin().await?;
            ctx.audit(
                &mut tx,
                &Actor::system(),
                AuditEvent::LoginFailed {
                    username: username.chars().take(64).collect(),
                },
            )
            .await?;
            liaison_store::commit(tx).await?;
            Err(AppError::Unauthorized(
                "the username or password is wrong".into(),
            ))
        }
    }
}

/// Checks a TOTP code for an account and records its step, so the code works once.
pub async fn check_second_factor(ctx: &Ctx, account: &Account, code: &str) -> AppResult<()> {
    let secret = account
        .totp_secret
        .as_deref()
        .filter(|_| account.totp_enabled)
        .ok_or_else(|| AppError::BadRequest("TOTP is not enabled".into()))?;
    let step = check_totp(
        secret,
        &account.username,
        code,
        ctx.clock.now(),
        account.totp_last_step,
    )
    .ok_or_else(|| AppError::Unauthorized("the code is wrong, expired or already used".into()))?;
    let mut tx = ctx.store.begin().await?;
    if !liaison_store::account::accept_totp_step(&mut tx, account.id, step).await? {
        return Err(AppError::Unauthorized(
            "the code is wrong, expired or already used".into(),
        ));
    }
    liaison_store::commit(tx).await?;
    Ok(())
}

/// Opens a session of `kind` for an account and audits the login when it is complete.
pub async fn open_session(
    ctx: &Ctx,
    account: &Account,
    kind: SessionKind,
) -> AppResult<NewSession> {
    let now = ctx.clock.now();
    let hours = if kind == SessionKind::PendingTotp {
        0
    } else {
        ctx.config.session_hours
    };
    let expires_at = now
        + Duration::hours(hours)
        + if hours == 0 {
            Duration::minutes(5)
        } else {
            Duration::ZERO
        };
    let session = NewSession {
        token: new_token(),
        csrf: new_token(),
        expires_at,
    };
    let mut tx = ctx.store.begin().await?;
    liaison_store::session::create(
        &mut tx,
        &token_hash(&session.token),
        account.id,
        kind,
        &session.csrf,
        now,
        expires_at,
    )
    .await?;
    if kind != SessionKind::PendingTotp {
        let actor = Actor {
            account_id: account.id,
            username: account.username.clone(),
            role: account.role,
            state: account.state.clone(),
            state_participating: false,
            contact: None,
        };
        ctx.audit(
            &mut tx,
            &actor,
            AuditEvent::LoginSucceeded {
                account_id: account.id,
            },
        )
        .await?;
    }
    liaison_store::commit(tx).await?;
    Ok(session)
}

/// Ends a session.
pub async fn close_session(ctx: &Ctx, token: &str) -> AppResult<()> {
    let mut tx = ctx.store.begin().await?;
    liaison_store::session::delete(&mut tx, &token_hash(token)).await?;
    liaison_store::commit(tx).await?;
    Ok(())
}

/// What the manager (or the offline `liaison admin` command) gives to create an account.
#[derive(Debug, Clone)]
pub struct AccountRequest {
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub password: String,
    pub role: Role,
    pub state: Option<StateCode>,
    pub contact_id: Option<i64>,
    pub locale: String,
}

/// What is wrong with linking the new account to its directory contact, if anything.
pub async fn contact_problem(
    ctx: &Ctx,
    tx: &mut liaison_store::Tx,
    request: &AccountRequest,
) -> AppResult<Option<rules::AccountInvalid>> {
    let Some(id) = request.contact_id else {
        return Ok(None);
    };
    let contact = match liaison_store::directory::state_of(tx, id).await? {
        Some(code) => match liaison_store::state::get(tx, &code).await? {
            Some(state) => {
                let permit = access::operator_read_contacts(&state);
                liaison_store::directory::get(tx, &permit, id, ctx.clock.today()).await?
            }
            None => None,
        },
        None => None,
    };
    Ok(rules::check_contact_link(request.role, request.state.as_ref(), id, contact.as_ref()).err())
}

/// Creates an account. `actor` is `None` for the operator's offline command.
pub async fn create_account(
    ctx: &Ctx,
    actor: Option<&Actor>,
    request: AccountRequest,
) -> AppResult<i64> {
    if let Some(actor) = actor {
        access::manage_accounts(actor)?;
    }
    rules::check_account(
        &request.username,
        &request.email,
        &request.password,
        request.role,
        request.state.as_ref(),
    )
    .map_err(|problems| AppError::fields(liaison_core::wording::in_english(problems)))?;
    let password = request.password.clone();
    let hash = tokio::task::spawn_blocking(move || rules::hash_password(&password))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::validation("password", e.to_string()))?;
    let mut tx = ctx.store.begin().await?;
    if let Some(code) = &request.state
        && liaison_store::state::get(&mut tx, code).await?.is_none()
    {
        return Err(AppError::validation(
            "state",
            format!("no State with code {code}"),
        ));
    }
    if let Some(problem) = contact_problem(ctx, &mut tx, &request).await? {
        return Err(AppError::validation("contact_id", problem.to_string()));
    }
    if liaison_store::account::by_username(&mut tx, &request.username)
        .await?
        .is_some()
    {
        return Err(AppError::Conflict(format!(
            "the username '{}' is taken",
            request.username
        )));
    }
    let new = NewAccount {
        username: request.username.clone(),
        display_name: request.display_name.trim().to_owned(),
        email: request.email.trim().to_lowercase(),
        password_hash: hash,
        role: request.role,
        state: request.state.clone(),
        contact_id: request.contact_id,
        locale: crate::i18n::supported(&request.locale).to_owned(),
    };
    let id = liaison_store::account::create(&mut tx, &new, ctx.clock.now()).await?;
    let after = serde_json::json!({
        "username": new.username, "display_name": new.display_name, "email": new.email,
        "role": new.role, "state": new.state, "contact_id": new.contact_id,
    });
    let system = Actor::system();
    ctx.audit(
        &mut tx,
        actor.unwrap_or(&system),
        AuditEvent::AccountCreated {
            account_id: id,
            after,
        },
    )
    .await?;
    liaison_store::commit(tx).await?;
    Ok(id)
}

/// Starts TOTP enrolment: a new secret, not yet active. Returns it for display (once).
pub async fn begin_totp(ctx: &Ctx, account: &Account) -> AppResult<String> {
    if account.totp_enabled {
        return Err(AppError::Conflict(
            "TOTP is already enabled for this account".into(),
        ));
    }
    let secret = rules::new_totp_secret();
    let mut tx = ctx.store.begin().await?;
    liaison_store::account::set_pending_totp(&mut tx, account.id, &secret).await?;
    liaison_store::commit(tx).await?;
    Ok(secret)
}

/// Confirms enrolment with a first code from the authenticator.
pub async fn confirm_totp(ctx: &Ctx, actor: &Actor, code: &str) -> AppResult<()> {
    let mut tx = ctx.store.begin().await?;
    let account = liaison_store::account::by_id(&mut tx, actor.account_id)
        .await?
        .ok_or_else(|| AppError::NotFound("no such account".into()))?;
    if account.totp_enabled {
        return Err(AppError::Conflict(
            "TOTP is already enabled for this account".into(),
        ));
    }
    let secret = account
        .totp_secret
        .as_deref()
        .ok_or_else(|| AppError::Conflict("start the enrolment first".into()))?;
    let step =
        check_totp(secret, &account.username, code, ctx.clock.now(), None).ok_or_else(|| {
            AppError::validation(
                "code",
                "the code does not match; check the time on your device and try the next code",
            )
        })?;
    liaison_store::account::enable_totp(&mut tx, account.id, step).await?;
    ctx.audit(
        &mut tx,
        actor,
        AuditEvent::TotpEnabled {
            account_id: account.id,
        },
    )
    .await?;
    liaison_store::commit(tx).await?;
    Ok(())
}

/// Sets an account's interface language.
pub async fn set_locale(ctx: &Ctx, actor: &Actor, locale: &str) -> AppResult<()> {
    let mut tx = ctx.store.begin().await?;
    liaison_store::account::set_locale(&mut tx, actor.account_id, crate::i18n::supported(locale))
        .await?;
    liaison_store::commit(tx).await?;
    Ok(())
}
