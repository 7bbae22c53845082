//! Signing in (password and second factor in one step, rate-limited, locked out per account and
//! address), sessions and tokens, and accounts over their whole life: created, changed,
//! disabled, their password reset or changed, their second factor reset, their sessions ended.
//! Every change is audited.

use super::Ctx;
use super::mail::Letter;
use crate::auth::{LoginLimiter, new_token, token_hash};
use crate::error::{AppError, AppResult};
use crate::i18n;
use liaison_core::access::{self, Actor, ManageAccounts, OwnAccount};
use liaison_core::account::{self as rules, AccountInvalid, check_totp};
use liaison_core::audit::AuditEvent;
use liaison_store::Tx;
use liaison_store::account::{Account, AccountChange, NewAccount};
use liaison_store::session::SessionKind;
use liaison_types::account::{AccountPatch, Me, Role, Token};
use liaison_types::id::AccountId;
use liaison_types::state::StateCode;
use time::Duration;

/// What every refused sign-in answers, whichever part was wrong: it tells nothing of which.
pub const SIGN_IN_REFUSED: &str = "the username, password or code is wrong";

/// The longest label of a token.
const MAX_LABEL: usize = 100;

/// A new session: the token to hand out (never stored), its CSRF token, its public id.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub csrf: String,
    pub id: String,
    pub expires_at: time::OffsetDateTime,
}

/// A sign-in attempt as it arrived.
#[derive(Debug, Clone, Copy)]
pub struct SignIn<'a> {
    pub username: &'a str,
    pub password: &'a str,
    /// The second factor's code, asked in the same step.
    pub code: Option<&'a str>,
    /// The client address.
    pub address: &'a str,
}

/// The account as its owner and the network manager see it.
pub fn me_of(account: &Account) -> Me {
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
        disabled: account.disabled,
    }
}

/// Checks a sign-in: the username (normalised), the password and, for an account with a
/// second factor, its code, all in one step; any wrong part gets the same refusal. Refused
/// before any work when the address's budget, or the name's from this address, is spent, or
/// when failed sign-ins from this address locked the name for it. A failure is audited (the
/// username as typed and the address) and counted against the name for this address, whether an
/// account has it or not (so that no answer tells which names exist); the failure that locks an
/// account's name tells its owner by mail. Argon2 runs on the password threads
/// ([`crate::passwords`]).
pub async fn sign_in(ctx: &Ctx, limiter: &LoginLimiter, attempt: SignIn<'_>) -> AppResult<Account> {
    limiter.address(attempt.address)?;
    let Some(username) = rules::normalize_username(attempt.username) else {
        return Err(refuse(ctx, attempt, None, "password").await?);
    };
    if attempt.password.len() > 4 * rules::MAX_PASSWORD_LEN {
        return Err(refuse(ctx, attempt, None, "password").await?);
    }
    limiter.name(&username, attempt.address)?;
    let now = ctx.clock.now();
    let mut tx = ctx.store.read().await?;
    let account =
        liaison_store::account::by_username(&mut tx, &access::system::sign_in(), &username).await?;
    let failures = liaison_store::login::failures(&mut tx, &username, attempt.address).await?;
    drop(tx);
    if let Some(until) = failures.and_then(|f| f.locked_until).filter(|u| *u > now) {
        refuse(ctx, attempt, None, "locked").await?;
        return Err(locked_out(until));
    }
    let hash = match &account {
        Some(account) => account.password_hash.clone(),
        None => crate::passwords::decoy().await?,
    };
    let matches = crate::passwords::verify(attempt.password, &hash).await?;
    let counted = Counted {
        username: &username,
        account: account.as_ref(),
    };
    let Some(account) = account.as_ref().filter(|_| matches) else {
        return Err(refuse(ctx, attempt, Some(counted), "password").await?);
    };
    if account.disabled {
        return Err(refuse(ctx, attempt, None, "disabled").await?);
    }
    let mut tx = ctx.store.begin().await?;
    if account.totp_enabled {
        let step = account.totp_secret.as_deref().and_then(|secret| {
            check_totp(
                secret,
                &account.username,
                attempt.code.unwrap_or_default(),
                now,
                account.totp_last_step,
            )
        });
        let accepted = match step {
            Some(step) => {
                liaison_store::account::accept_totp_step(
                    &mut tx,
                    &access::system::sign_in(),
                    account.id,
                    step,
                )
                .await?
            }
            None => false,
        };
        if !accepted {
            drop(tx);
            return Err(refuse(ctx, attempt, Some(counted), "code").await?);
        }
    }
    liaison_store::login::clear(&mut tx, &username, attempt.address).await?;
    liaison_store::commit(tx).await?;
    Ok(account.clone())
}

/// The refusal while a name is locked for an address.
fn locked_out(until: time::OffsetDateTime) -> AppError {
    AppError::TooManyRequests(
        format!(
            "too many failed sign-ins with this name from your address: try again after {}",
            liaison_core::clock::readable(until)
        ),
        60,
    )
}

/// A failure that counts: the name (normalised) it counts against, and the account that has
/// it, if any (whose owner is told when it locks).
#[derive(Clone, Copy)]
struct Counted<'a> {
    username: &'a str,
    account: Option<&'a Account>,
}

/// Records a refused sign-in and gives the refusal to answer. With `counted`, the failure
/// counts against that name for the address, and may lock it.
async fn refuse(
    ctx: &Ctx,
    attempt: SignIn<'_>,
    counted: Option<Counted<'_>>,
    refused: &'static str,
) -> AppResult<AppError> {
    let mut tx = ctx.store.begin().await?;
    ctx.audit(
        &mut tx,
        &Actor::system(),
        AuditEvent::LoginFailed {
            username: attempt.username.chars().take(64).collect(),
            address: attempt.address.to_owned(),
            refused,
        },
    )
    .await?;
    if let Some(counted) = counted {
        count_failure(ctx, &mut tx, counted, attempt.address).await?;
    }
    liaison_store::commit(tx).await?;
    Ok(AppError::Unauthorized(SIGN_IN_REFUSED.into()))
}

/// Counts one failed password (at sign-in, or when changing it) of a name from an address, and
/// locks the name for the address when the failures call for it.
async fn count_failure(
    ctx: &Ctx,
    tx: &mut Tx,
    counted: Counted<'_>,
    address: &str,
) -> AppResult<()> {
    let now = ctx.clock.now();
    let failures = liaison_store::login::record_failure(
        tx,
        counted.username,
        address,
        now,
        now - rules::FAILURES_FORGOTTEN_AFTER,
    )
    .await?;
    if let Some(lock) = rules::lock_for(failures) {
        let until = now + lock;
        liaison_store::login::lock(tx, counted.username, address, until).await?;
        ctx.audit(
            tx,
            &Actor::system(),
            AuditEvent::LoginLocked {
                username: counted.username.to_owned(),
                address: address.to_owned(),
                until: super::rfc3339(until),
            },
        )
        .await?;
        if let Some(account) = counted.account
            && failures == rules::LOCK_AFTER_FAILURES
        {
            tell_owner_of_lock(tx, account, address, failures, until, now).await?;
        }
    }
    Ok(())
}

/// The mail that tells an account's owner that sign-ins from an address were locked out.
async fn tell_owner_of_lock(
    tx: &mut Tx,
    account: &Account,
    address: &str,
    failures: u32,
    until: time::OffsetDateTime,
    now: time::OffsetDateTime,
) -> AppResult<()> {
    let lang = i18n::supported(&account.locale);
    let letter = Letter {
        template: "account-locked",
        kind: "account.locked",
        values: minijinja::context! {
            username => account.username.clone(), address => address.to_owned(),
            failures => failures, until => i18n::moment(lang, until, None),
        },
    };
    let message = letter.to(&account.email, lang)?;
    liaison_store::outbox::enqueue(tx, &message, now).await?;
    Ok(())
}

/// Opens a browser session or issues an API token for an account (audited with its public id,
/// never the token), for the lifetime the operator configured for its kind.
pub async fn open_session(
    ctx: &Ctx,
    account: &Account,
    kind: SessionKind,
    label: Option<&str>,
    address: &str,
) -> AppResult<NewSession> {
    let now = ctx.clock.now();
    let hours = match kind {
        SessionKind::Web => ctx.config.session_hours,
        SessionKind::Api => ctx.config.token_hours,
    };
    let label: String = label
        .unwrap_or_default()
        .trim()
        .chars()
        .filter(|&c| !liaison_core::text::is_hidden(c))
        .take(MAX_LABEL)
        .collect();
    let token = new_token();
    let hash = token_hash(&token);
    let session = NewSession {
        id: liaison_store::session::public_id(&hash),
        token,
        csrf: new_token(),
        expires_at: now + Duration::hours(hours.max(1)),
    };
    let mut tx = ctx.store.begin().await?;
    liaison_store::session::create(
        &mut tx,
        &liaison_store::session::NewSession {
            token_hash: &hash,
            account_id: account.id,
            kind,
            csrf_token: &session.csrf,
            label: &label,
            address,
            created_at: now,
            expires_at: session.expires_at,
        },
    )
    .await?;
    let actor = actor_of(account);
    ctx.audit(
        &mut tx,
        &actor,
        AuditEvent::LoginSucceeded {
            account_id: account.id,
            address: address.to_owned(),
        },
    )
    .await?;
    ctx.audit(
        &mut tx,
        &actor,
        AuditEvent::TokenIssued {
            account_id: account.id,
            token: session.id.clone(),
            kind: kind.as_str(),
            label,
            expires_at: super::rfc3339(session.expires_at),
        },
    )
    .await?;
    liaison_store::commit(tx).await?;
    Ok(session)
}

/// The actor an account is (for audit rows written before the caller is one).
fn actor_of(account: &Account) -> Actor {
    Actor {
        account_id: account.id,
        username: account.username.clone(),
        role: account.role,
        state: account.state.clone(),
        state_participating: false,
        contact: account.contact_id,
    }
}

/// Ends the caller's own session or token (signing out).
pub async fn sign_out(ctx: &Ctx, actor: &Actor, token_hash: &str) -> AppResult<()> {
    let permit = access::own_account(actor);
    let mut tx = ctx.store.begin().await?;
    let id = liaison_store::session::public_id(token_hash);
    liaison_store::session::revoke(&mut tx, &permit, &id).await?;
    ctx.audit(
        &mut tx,
        actor,
        AuditEvent::LoggedOut {
            account_id: actor.account_id,
            token: id,
        },
    )
    .await?;
    liaison_store::commit(tx).await?;
    Ok(())
}

/// What the network manager (or the offline `liaison admin` command) gives to create an account.
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

/// The caller's own account.
async fn own(tx: &mut Tx, permit: &OwnAccount) -> AppResult<Account> {
    liaison_store::account::own(tx, permit)
        .await?
        .ok_or_else(|| AppError::NotFound("your account no longer exists".into()))
}

/// The permit of the caller, or the operator's when there is none (`liaison admin`).
fn manage(actor: Option<&Actor>) -> AppResult<ManageAccounts> {
    match actor {
        Some(actor) => Ok(access::manage_accounts(actor)?),
        None => Ok(access::system::manage_accounts()),
    }
}

/// The actor recorded in the audit log for a change by `actor`, or by the operator.
fn recorded(actor: Option<&Actor>) -> Actor {
    actor.cloned().unwrap_or_else(Actor::system)
}

/// Problems by field, worded by the catalogue.
fn problems(found: rules::AccountProblems) -> AppError {
    AppError::worded(found)
}

/// What is wrong with linking an account (`account`, none yet for a new one) of `role` and
/// `state` to directory contact `id`: a contact is one person's, linked to one account.
async fn contact_problem(
    ctx: &Ctx,
    tx: &mut Tx,
    permit: &ManageAccounts,
    (account, role, state): (Option<AccountId>, Role, Option<&StateCode>),
    id: Option<i64>,
) -> AppResult<Option<AccountInvalid>> {
    let Some(id) = id else {
        return Ok(None);
    };
    let contact = match liaison_store::directory::state_of(tx, id).await? {
        Some(code) => match liaison_store::state::get(tx, &code).await? {
            Some(state) => {
                let permit = access::system::read_contacts(&state);
                liaison_store::directory::get(tx, &permit, id, ctx.clock.today()).await?
            }
            None => None,
        },
        None => None,
    };
    if let Err(problem) = rules::check_contact_link(role, state, id, contact.as_ref()) {
        return Ok(Some(problem));
    }
    match liaison_store::account::linked_to(tx, permit, id).await? {
        Some(linked) if Some(linked) != account => {
            Ok(Some(AccountInvalid::ContactTaken(id.to_string())))
        }
        _ => Ok(None),
    }
}

/// Refuses a State that does not exist.
async fn state_problem(
    tx: &mut Tx,
    state: Option<&StateCode>,
) -> AppResult<Option<AccountInvalid>> {
    Ok(match state {
        Some(code) if liaison_store::state::get(tx, code).await?.is_none() => {
            Some(AccountInvalid::UnknownState(code.to_string()))
        }
        _ => None,
    })
}

/// Creates an account. `actor` is `None` for the operator's offline command. The username is
/// normalised (trimmed, NFKC, lower-case) as every sign-in normalises it.
pub async fn create_account(
    ctx: &Ctx,
    actor: Option<&Actor>,
    request: AccountRequest,
) -> AppResult<AccountId> {
    let permit = manage(actor)?;
    let username = rules::normalize_username(&request.username).unwrap_or_default();
    rules::check_account(
        &username,
        &request.display_name,
        &request.email,
        &request.password,
        request.role,
        request.state.as_ref(),
    )
    .map_err(problems)?;
    let hash = crate::passwords::hash(&request.password).await?;
    let mut tx = ctx.store.begin().await?;
    if let Some(problem) = state_problem(&mut tx, request.state.as_ref()).await? {
        return Err(problems([("state".to_owned(), problem)].into()));
    }
    if let Some(problem) = contact_problem(
        ctx,
        &mut tx,
        &permit,
        (None, request.role, request.state.as_ref()),
        request.contact_id,
    )
    .await?
    {
        return Err(problems([("contact_id".to_owned(), problem)].into()));
    }
    if liaison_store::account::by_username(&mut tx, &permit, &username)
        .await?
        .is_some()
    {
        return Err(problems(
            [(
                "username".to_owned(),
                AccountInvalid::UsernameTaken(username),
            )]
            .into(),
        ));
    }
    let new = NewAccount {
        username: username.clone(),
        display_name: request.display_name.trim().to_owned(),
        email: request.email.trim().to_lowercase(),
        password_hash: hash,
        role: request.role,
        state: request.state.clone(),
        contact_id: request.contact_id,
        locale: i18n::supported(&request.locale).to_owned(),
    };
    let id = liaison_store::account::create(&mut tx, &permit, &new, ctx.clock.now()).await?;
    let after = serde_json::json!({
        "username": new.username, "display_name": new.display_name, "email": new.email,
        "role": new.role, "state": new.state, "contact_id": new.contact_id,
    });
    let created = existing(&mut tx, &permit, id).await?;
    ctx.audit(
        &mut tx,
        &recorded(actor),
        AuditEvent::AccountCreated {
            account_id: id,
            after,
        },
    )
    .await?;
    state_notice(ctx, &mut tx, actor, &created).await?;
    liaison_store::commit(tx).await?;
    Ok(id)
}

/// Tells a State's other coordinators that `account` now acts for their State: it reads the
/// State's drafts and may change its entry, so an account a network manager's account set up
/// without the State (stolen, or misused) must not go unnoticed. The operator's offline
/// command (`actor` `None`) writes no notice: it runs with the database in hand, which a
/// notice does not guard against, and it is how a network is first seeded.
async fn state_notice(
    ctx: &Ctx,
    tx: &mut Tx,
    actor: Option<&Actor>,
    account: &Account,
) -> AppResult<()> {
    let (Some(actor), Some(code)) = (
        actor.filter(|a| a.is_account()),
        account.state.as_ref().filter(|_| !account.disabled),
    ) else {
        return Ok(());
    };
    let state = liaison_store::state::get(tx, code)
        .await?
        .map_or_else(|| code.to_string(), |s| s.name);
    let letter = Letter {
        template: "account-for-state",
        kind: "account.state",
        values: minijinja::context! {
            state => state,
            username => account.username.clone(),
            name => account.display_name.clone(),
            email => account.email.clone(),
            role => account.role.as_str(),
            by => actor.username.clone(),
            date => ctx.clock.today().to_string(),
        },
    };
    let others: Vec<Account> = super::mail::coordinators(tx, super::mail::Coordinators::Of(code))
        .await?
        .into_iter()
        .filter(|a| a.id != account.id)
        .collect();
    super::mail::send_each(tx, &others, &letter, ctx.clock.now()).await?;
    Ok(())
}

/// Every account, by username (network manager, or the operator).
pub async fn accounts(ctx: &Ctx, actor: Option<&Actor>) -> AppResult<Vec<Me>> {
    let permit = manage(actor)?;
    let mut tx = ctx.store.read().await?;
    let accounts = liaison_store::account::list(&mut tx, &permit).await?;
    Ok(accounts.iter().map(me_of).collect())
}

/// The account with this id, with its live sessions and tokens.
pub async fn account(
    ctx: &Ctx,
    actor: Option<&Actor>,
    id: AccountId,
) -> AppResult<(Me, Vec<Token>)> {
    let permit = manage(actor)?;
    let mut tx = ctx.store.read().await?;
    let account = existing(&mut tx, &permit, id).await?;
    let tokens = liaison_store::session::list_of(&mut tx, &permit, id, ctx.clock.now()).await?;
    Ok((
        me_of(&account),
        tokens.iter().map(|t| token_of(t, "")).collect(),
    ))
}

/// The id of the account with this username (typed in any case), for the command line.
pub async fn account_id(ctx: &Ctx, actor: Option<&Actor>, username: &str) -> AppResult<AccountId> {
    let permit = manage(actor)?;
    let username = rules::normalize_username(username).unwrap_or_default();
    let mut tx = ctx.store.read().await?;
    liaison_store::account::by_username(&mut tx, &permit, &username)
        .await?
        .map(|a| a.id)
        .ok_or_else(|| AppError::NotFound(format!("no account '{username}'")))
}

async fn existing(tx: &mut Tx, permit: &ManageAccounts, id: AccountId) -> AppResult<Account> {
    liaison_store::account::by_id(tx, permit, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no account with id {id}")))
}

fn snapshot(account: &Account) -> serde_json::Value {
    serde_json::json!({
        "username": account.username, "display_name": account.display_name, "email": account.email,
        "role": account.role, "state": account.state, "contact_id": account.contact_id,
        "disabled": account.disabled,
    })
}

/// Changes an account: its name, email, role, State, linked contact, or whether it is
/// disabled. A change of role, State or the disabling ends its sessions and tokens (what they
/// were allowed changed). Audited with the account before and after.
pub async fn change_account(
    ctx: &Ctx,
    actor: Option<&Actor>,
    id: AccountId,
    patch: &AccountPatch,
) -> AppResult<Me> {
    let permit = manage(actor)?;
    let mut tx = ctx.store.begin().await?;
    let before = existing(&mut tx, &permit, id).await?;
    let change = AccountChange {
        display_name: patch
            .display_name
            .as_deref()
            .map_or_else(|| before.display_name.clone(), |n| n.trim().to_owned()),
        email: patch
            .email
            .as_deref()
            .map_or_else(|| before.email.clone(), |e| e.trim().to_lowercase()),
        role: patch.role.unwrap_or(before.role),
        state: patch.state.clone().unwrap_or_else(|| before.state.clone()),
        contact_id: patch.contact_id.unwrap_or(before.contact_id),
        disabled: patch.disabled.unwrap_or(before.disabled),
    };
    let mut found = rules::check_profile(
        &change.display_name,
        &change.email,
        change.role,
        change.state.as_ref(),
    );
    if let Some(problem) = state_problem(&mut tx, change.state.as_ref()).await? {
        found.entry("state".into()).or_insert(problem);
    }
    if found.is_empty()
        && let Some(problem) = contact_problem(
            ctx,
            &mut tx,
            &permit,
            (Some(id), change.role, change.state.as_ref()),
            change.contact_id,
        )
        .await?
    {
        found.insert("contact_id".into(), problem);
    }
    if !found.is_empty() {
        return Err(problems(found));
    }
    let leaves_management =
        before.role == Role::Manager && (change.disabled || change.role != Role::Manager);
    if let Some(actor) = actor
        && actor.account_id == id
        && leaves_management
    {
        return Err(AppError::worded_conflict([(
            "role".to_owned(),
            AccountInvalid::OwnManagement,
        )]));
    }
    // Nobody, the operator included, leaves the network without an enabled manager.
    if leaves_management
        && !before.disabled
        && liaison_store::account::active_managers(&mut tx, &permit).await? <= 1
    {
        return Err(AppError::worded_conflict([(
            "role".to_owned(),
            AccountInvalid::LastManager,
        )]));
    }
    liaison_store::account::change(&mut tx, &permit, id, &change).await?;
    let after = existing(&mut tx, &permit, id).await?;
    let ends = (change.disabled && !before.disabled)
        || change.role != before.role
        || change.state != before.state;
    let recorded = recorded(actor);
    ctx.audit(
        &mut tx,
        &recorded,
        AuditEvent::AccountChanged {
            account_id: id,
            before: snapshot(&before),
            after: snapshot(&after),
        },
    )
    .await?;
    let acts_anew = before.disabled
        || before.state != after.state
        || before.role != after.role
        || before.email != after.email;
    if acts_anew {
        state_notice(ctx, &mut tx, actor, &after).await?;
    }
    if ends {
        end_in(ctx, &mut tx, &permit, &recorded, id).await?;
    }
    liaison_store::commit(tx).await?;
    Ok(me_of(&after))
}

async fn end_in(
    ctx: &Ctx,
    tx: &mut Tx,
    permit: &ManageAccounts,
    actor: &Actor,
    id: AccountId,
) -> AppResult<u64> {
    let count = liaison_store::session::revoke_account(tx, permit, id).await?;
    ctx.audit(
        tx,
        actor,
        AuditEvent::TokenRevoked {
            account_id: id,
            token: String::new(),
            count,
        },
    )
    .await?;
    Ok(count)
}

/// Ends every session and token of an account; how many.
pub async fn end_sessions(ctx: &Ctx, actor: Option<&Actor>, id: AccountId) -> AppResult<u64> {
    let permit = manage(actor)?;
    let mut tx = ctx.store.begin().await?;
    existing(&mut tx, &permit, id).await?;
    let count = end_in(ctx, &mut tx, &permit, &recorded(actor), id).await?;
    liaison_store::commit(tx).await?;
    Ok(count)
}

/// Hashes a new password (on the password threads), after the policy accepts it; `field` is
/// the name of the field that carried it.
async fn new_hash(password: &str, username: &str, field: &str) -> AppResult<String> {
    if let Err(problem) = rules::check_password_policy(password, username) {
        return Err(problems([(field.to_owned(), problem)].into()));
    }
    crate::passwords::hash(password).await
}

/// Sets a new password for an account (its owner forgot it): its sessions and tokens end, and
/// its lockouts are lifted.
pub async fn reset_password(
    ctx: &Ctx,
    actor: Option<&Actor>,
    id: AccountId,
    password: &str,
) -> AppResult<()> {
    let permit = manage(actor)?;
    let username = {
        let mut tx = ctx.store.read().await?;
        existing(&mut tx, &permit, id).await?.username
    };
    let hash = new_hash(password, &username, "password").await?;
    let mut tx = ctx.store.begin().await?;
    liaison_store::account::reset_password(&mut tx, &permit, id, &hash).await?;
    liaison_store::login::clear_username(&mut tx, &username).await?;
    let recorded = recorded(actor);
    ctx.audit(
        &mut tx,
        &recorded,
        AuditEvent::PasswordChanged {
            account_id: id,
            by_owner: false,
        },
    )
    .await?;
    end_in(ctx, &mut tx, &permit, &recorded, id).await?;
    liaison_store::commit(tx).await?;
    Ok(())
}

/// Turns an account's second factor off (its owner lost the device); its sessions and tokens
/// end, and it enrols again.
pub async fn reset_totp(ctx: &Ctx, actor: Option<&Actor>, id: AccountId) -> AppResult<()> {
    let permit = manage(actor)?;
    let mut tx = ctx.store.begin().await?;
    let account = existing(&mut tx, &permit, id).await?;
    if !account.totp_enabled && account.totp_secret.is_none() {
        return Err(AppError::Conflict(format!(
            "{} has no second factor to turn off",
            account.username
        )));
    }
    liaison_store::account::reset_totp(&mut tx, &permit, id).await?;
    let recorded = recorded(actor);
    ctx.audit(&mut tx, &recorded, AuditEvent::TotpReset { account_id: id })
        .await?;
    end_in(ctx, &mut tx, &permit, &recorded, id).await?;
    liaison_store::commit(tx).await?;
    Ok(())
}

/// Where a request for the caller's own account comes from: the hash of its session or token
/// (which stays when the password changes) and its client address (whose failures count).
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    pub token_hash: &'a str,
    pub address: &'a str,
}

/// The owner changes its password, giving the current one: every other session and token of
/// the account ends (the one in use stays). How many ended. A wrong current password counts
/// like a failed sign-in of the account's name from the caller's address (limits, lockout):
/// a stolen session cannot be used to guess the password.
pub async fn change_password(
    ctx: &Ctx,
    limiter: &LoginLimiter,
    actor: &Actor,
    origin: Origin<'_>,
    current: &str,
    new: &str,
) -> AppResult<u64> {
    let permit = access::own_account(actor);
    limiter.address(origin.address)?;
    limiter.name(&actor.username, origin.address)?;
    let now = ctx.clock.now();
    let (account, failures) = {
        let mut tx = ctx.store.read().await?;
        let account = own(&mut tx, &permit).await?;
        let failures =
            liaison_store::login::failures(&mut tx, &account.username, origin.address).await?;
        (account, failures)
    };
    if let Some(until) = failures.and_then(|f| f.locked_until).filter(|u| *u > now) {
        return Err(locked_out(until));
    }
    if current.len() > 4 * rules::MAX_PASSWORD_LEN
        || !crate::passwords::verify(current, &account.password_hash).await?
    {
        let mut tx = ctx.store.begin().await?;
        let counted = Counted {
            username: &account.username,
            account: Some(&account),
        };
        count_failure(ctx, &mut tx, counted, origin.address).await?;
        liaison_store::commit(tx).await?;
        return Err(AppError::worded([(
            "current_password".to_owned(),
            AccountInvalid::WrongPassword,
        )]));
    }
    if current == new {
        return Err(AppError::worded([(
            "new_password".to_owned(),
            AccountInvalid::SamePassword,
        )]));
    }
    let hash = new_hash(new, &account.username, "new_password").await?;
    let mut tx = ctx.store.begin().await?;
    liaison_store::account::change_own_password(&mut tx, &permit, &hash).await?;
    ctx.audit(
        &mut tx,
        actor,
        AuditEvent::PasswordChanged {
            account_id: actor.account_id,
            by_owner: true,
        },
    )
    .await?;
    let count = revoke_own(ctx, &mut tx, actor, Some(origin.token_hash)).await?;
    liaison_store::commit(tx).await?;
    Ok(count)
}

/// Ends the owner's sessions and tokens but `keep`, audited; how many ended.
async fn revoke_own(ctx: &Ctx, tx: &mut Tx, actor: &Actor, keep: Option<&str>) -> AppResult<u64> {
    let permit = access::own_account(actor);
    let count = liaison_store::session::revoke_all(tx, &permit, keep).await?;
    ctx.audit(
        tx,
        actor,
        AuditEvent::TokenRevoked {
            account_id: actor.account_id,
            token: String::new(),
            count,
        },
    )
    .await?;
    Ok(count)
}

fn token_of(listed: &liaison_store::session::Listed, current_id: &str) -> Token {
    Token {
        id: listed.id.clone(),
        kind: listed.kind.as_str().to_owned(),
        label: listed.label.clone(),
        address: listed.address.clone(),
        created_at: super::rfc3339(listed.created_at),
        expires_at: super::rfc3339(listed.expires_at),
        current: listed.id == current_id,
    }
}

/// The owner's live sessions and tokens, newest first; `current_token_hash` marks the one in
/// use.
pub async fn tokens(ctx: &Ctx, actor: &Actor, current_token_hash: &str) -> AppResult<Vec<Token>> {
    let permit = access::own_account(actor);
    let mut tx = ctx.store.read().await?;
    let listed = liaison_store::session::list(&mut tx, &permit, ctx.clock.now()).await?;
    let current = liaison_store::session::public_id(current_token_hash);
    Ok(listed.iter().map(|t| token_of(t, &current)).collect())
}

/// Ends one of the owner's sessions or tokens by its public id.
pub async fn revoke_token(ctx: &Ctx, actor: &Actor, id: &str) -> AppResult<()> {
    let permit = access::own_account(actor);
    let mut tx = ctx.store.begin().await?;
    if !liaison_store::session::revoke(&mut tx, &permit, id).await? {
        return Err(AppError::NotFound(format!(
            "your account has no session or token '{id}'"
        )));
    }
    ctx.audit(
        &mut tx,
        actor,
        AuditEvent::TokenRevoked {
            account_id: actor.account_id,
            token: id.to_owned(),
            count: 1,
        },
    )
    .await?;
    liaison_store::commit(tx).await?;
    Ok(())
}

/// Ends every session and token of the owner's account, the one in use included.
pub async fn sign_out_everywhere(ctx: &Ctx, actor: &Actor) -> AppResult<u64> {
    let mut tx = ctx.store.begin().await?;
    let count = revoke_own(ctx, &mut tx, actor, None).await?;
    liaison_store::commit(tx).await?;
    Ok(count)
}

/// Starts TOTP enrolment: a new secret, not yet active. Returns it for display (once).
pub async fn begin_totp(ctx: &Ctx, actor: &Actor) -> AppResult<String> {
    let permit = access::own_account(actor);
    let mut tx = ctx.store.begin().await?;
    let account = own(&mut tx, &permit).await?;
    if account.totp_enabled {
        return Err(AppError::Conflict(
            "TOTP is already enabled for this account".into(),
        ));
    }
    let secret = rules::new_totp_secret();
    liaison_store::account::set_pending_totp(&mut tx, &permit, &secret).await?;
    liaison_store::commit(tx).await?;
    Ok(secret)
}

/// Confirms enrolment with a first code from the authenticator.
pub async fn confirm_totp(ctx: &Ctx, actor: &Actor, code: &str) -> AppResult<()> {
    let permit = access::own_account(actor);
    let mut tx = ctx.store.begin().await?;
    let account = own(&mut tx, &permit).await?;
    if account.totp_enabled {
        return Err(AppError::Conflict(
            "TOTP is already enabled for this account".into(),
        ));
    }
    let secret = account
        .totp_secret
        .as_deref()
        .ok_or_else(|| AppError::Conflict("start the enrolment first".into()))?;
    let step = check_totp(secret, &account.username, code, ctx.clock.now(), None)
        .ok_or_else(|| AppError::worded([("code".to_owned(), AccountInvalid::TotpCode)]))?;
    liaison_store::account::enable_totp(&mut tx, &permit, step).await?;
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
    let permit = access::own_account(actor);
    let mut tx = ctx.store.begin().await?;
    liaison_store::account::set_locale(&mut tx, &permit, i18n::supported(locale)).await?;
    liaison_store::commit(tx).await?;
    Ok(())
}
