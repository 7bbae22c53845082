//! Who is calling: bearer tokens for the API, session cookies (with a CSRF token) for the pages,
//! the login rate limits, and the extractors that turn a request into an [`Actor`] or refuse it.
//! Tokens are 256-bit random values; only their SHA-256 is stored.

use crate::AppState;
use crate::error::AppError;
use crate::i18n;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use base64::Engine;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use liaison_core::access::{self, Actor};
use liaison_store::account::Account;
use liaison_store::session::SessionKind;
use rand::RngCore;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::num::NonZeroU32;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "liaison_session";

/// Login attempts per client address, and per username (normalised, whether an account has it
/// or not) *from* that address, in memory, bounded: at most [`LoginLimiter::MAX_KEYS`] keys of
/// each kind; keys whose budget is whole again are dropped every [`LoginLimiter::SWEEP_EVERY`]
/// attempts. A name is limited per address, so a stranger elsewhere does not spend its owner's
/// budget. (The lockouts that must hold across processes are in the database:
/// `ops::account::sign_in`.)
pub struct LoginLimiter {
    by_address: DefaultKeyedRateLimiter<String>,
    by_name: DefaultKeyedRateLimiter<(String, String)>,
    attempts: std::sync::atomic::AtomicU64,
}

impl LoginLimiter {
    /// The most client addresses, and the most (username, address) pairs, remembered at once.
    pub const MAX_KEYS: usize = 50_000;
    /// How often (in attempts) keys that are back to a whole budget are dropped.
    pub const SWEEP_EVERY: u64 = 1_024;

    pub fn new(per_minute: u32) -> LoginLimiter {
        let name = NonZeroU32::new(per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
        let address =
            NonZeroU32::new(per_minute.max(1).saturating_mul(3)).unwrap_or(NonZeroU32::MIN);
        LoginLimiter {
            by_address: RateLimiter::keyed(Quota::per_minute(address)),
            by_name: RateLimiter::keyed(Quota::per_minute(name)),
            attempts: std::sync::atomic::AtomicU64::new(0),
        }
    }

    fn refused() -> AppError {
        AppError::TooManyRequests(
            "too many sign-in attempts; wait a minute and try again".into(),
            60,
        )
    }

    fn sweep(&self) {
        let seen = self
            .attempts
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if seen.is_multiple_of(Self::SWEEP_EVERY)
            || self.by_address.len() >= Self::MAX_KEYS
            || self.by_name.len() >= Self::MAX_KEYS
        {
            self.by_address.retain_recent();
            self.by_address.shrink_to_fit();
            self.by_name.retain_recent();
            self.by_name.shrink_to_fit();
        }
    }

    /// Counts an attempt from an address; refuses it when the address's budget is spent, or
    /// when the limiter is full of other addresses.
    pub fn address(&self, address: &str) -> Result<(), AppError> {
        self.sweep();
        if self.by_address.len() >= Self::MAX_KEYS {
            return Err(Self::refused());
        }
        self.by_address
            .check_key(&address.to_owned())
            .map_err(|_| Self::refused())
    }

    /// Counts an attempt on a (normalised) username from an address; refuses it when that
    /// budget is spent.
    pub fn name(&self, username: &str, address: &str) -> Result<(), AppError> {
        if self.by_name.len() >= Self::MAX_KEYS {
            return Err(Self::refused());
        }
        self.by_name
            .check_key(&(username.to_owned(), address.to_owned()))
            .map_err(|_| Self::refused())
    }

    /// How many keys the limiter holds (addresses, usernames with their address).
    pub fn keys(&self) -> (usize, usize) {
        (self.by_address.len(), self.by_name.len())
    }
}

/// A new random token (base64url, 256 bits).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The stored form of a token.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The authenticated caller of a request.
#[derive(Debug, Clone)]
pub struct Caller {
    pub actor: Actor,
    pub account: Account,
    pub lang: &'static str,
    /// The CSRF token of a browser session.
    pub csrf: String,
    /// The hash of the caller's session or token (to tell its own session in a list).
    pub token_hash: String,
    /// The operation context of this request: the store, the clock, the configuration and the
    /// request's id (as the log line and the audit row carry it).
    pub ctx: crate::ops::Ctx,
    /// The client address (what limits and lockouts count by).
    pub address: String,
    /// The page a browser asked for (path and query, for a GET): where changing the language
    /// returns to.
    pub page: Option<String>,
}

/// The request id the middleware gave a request.
pub fn request_id(parts: &Parts) -> String {
    parts
        .extensions
        .get::<crate::middleware::RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_default()
}

/// The operation context of a request no one signed in to (a check's answer, a public file):
/// the request's id with the application's store, clock and configuration.
impl FromRequestParts<AppState> for crate::ops::Ctx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        Ok(state.ctx(&request_id(parts)))
    }
}

/// Who a token signs in: its live session, the session's account and whether the account's
/// State participates (kept between requests in [`crate::cache::Caches`]).
#[derive(Debug)]
pub struct SignedIn {
    session: liaison_store::session::Session,
    account: Account,
    participating: Option<bool>,
}

async fn caller_from_token(
    state: &AppState,
    token: &str,
    wanted: SessionKind,
    (request_id, address): (String, String),
) -> Result<Option<Caller>, AppError> {
    let now = state.clock.now();
    let hash = token_hash(token);
    // Kept while no write happened; one statement for the whole lookup otherwise.
    let found = crate::cache::kept_if_found(
        &state.caches.sessions,
        hash.clone(),
        (state.store.generation(), now),
        || async {
            let mut tx = state.store.read().await?;
            let found =
                liaison_store::session::signed_in(&mut tx, &access::system::sign_in(), &hash, now)
                    .await?;
            Ok(found.map(|(session, account, participating)| {
                let until = session.expires_at;
                let signed_in = SignedIn {
                    session,
                    account,
                    participating,
                };
                (signed_in, until)
            }))
        },
    )
    .await?;
    let Some(found) = found else {
        return Ok(None);
    };
    let SignedIn {
        session,
        account,
        participating,
    } = &found.value;
    if session.kind != wanted || account.disabled {
        return Ok(None);
    }
    let account = account.clone();
    let actor = Actor {
        account_id: account.id,
        username: account.username.clone(),
        role: account.role,
        state: account.state.clone(),
        state_participating: participating.unwrap_or(false),
        contact: account.contact_id,
    };
    let lang = i18n::supported(&account.locale);
    // A page words for its reader; the API answers in English.
    let ctx = match wanted {
        SessionKind::Web => state.ctx_in(&request_id, lang),
        SessionKind::Api => state.ctx(&request_id),
    };
    Ok(Some(Caller {
        actor,
        account,
        lang,
        csrf: session.csrf_token.clone(),
        token_hash: hash,
        ctx,
        address,
        page: None,
    }))
}

/// An API caller, authenticated with `Authorization: Bearer TOKEN`.
pub struct ApiCaller(pub Caller);

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or_else(|| {
                AppError::Unauthorized(
                    "send 'Authorization: Bearer TOKEN' with a token from POST /api/v1/auth/login"
                        .into(),
                )
            })?;
        let caller = caller_from_token(
            state,
            token.trim(),
            SessionKind::Api,
            (request_id(parts), client_address(parts)),
        )
        .await?
        .ok_or_else(|| {
            AppError::Unauthorized("the token is unknown or expired; log in again".into())
        })?;
        if state.config.require_totp && !caller.account.totp_enabled {
            return Err(AppError::Forbidden("this server requires a second factor: enrol TOTP on the web page /account/totp first".into()));
        }
        Ok(ApiCaller(caller))
    }
}

/// A browser caller, authenticated with the session cookie. Anonymous callers are sent to the
/// login page; callers who must still enrol TOTP are sent to enrolment.
pub struct WebCaller(pub Caller);

/// Where an anonymous or half-signed-in browser is sent.
pub struct WebRedirect(Response);

impl IntoResponse for WebRedirect {
    fn into_response(self) -> Response {
        self.0
    }
}

impl From<AppError> for WebRedirect {
    fn from(error: AppError) -> Self {
        WebRedirect(error.into_response())
    }
}

impl FromRequestParts<AppState> for WebCaller {
    type Rejection = WebRedirect;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let jar = CookieJar::from_headers(&parts.headers);
        let path = parts.uri.path().to_owned();
        let login = || {
            let next = if path.starts_with('/') && !path.starts_with("//") {
                path.clone()
            } else {
                "/".into()
            };
            let query = serde_urlencoded::to_string([("next", next)]).unwrap_or_default();
            WebRedirect(Redirect::to(&format!("/login?{query}")).into_response())
        };
        let Some(cookie) = jar.get(SESSION_COOKIE) else {
            return Err(login());
        };
        let Some(mut caller) = caller_from_token(
            state,
            cookie.value(),
            SessionKind::Web,
            (request_id(parts), client_address(parts)),
        )
        .await?
        else {
            return Err(login());
        };
        if parts.method == axum::http::Method::GET {
            caller.page = parts.uri.path_and_query().map(|p| p.as_str().to_owned());
        }
        let enrolling = path.starts_with("/account/totp") || path == "/logout";
        if state.config.require_totp && !caller.account.totp_enabled && !enrolling {
            return Err(WebRedirect(Redirect::to("/account/totp").into_response()));
        }
        Ok(WebCaller(caller))
    }
}

/// A form posted by a signed-in browser, with its CSRF token checked against the session.
pub struct WebForm<T> {
    pub caller: Caller,
    pub form: T,
}

impl<T: DeserializeOwned + Send> FromRequest<AppState> for WebForm<T> {
    type Rejection = WebRedirect;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = request.into_parts();
        let WebCaller(caller) = WebCaller::from_request_parts(&mut parts, state).await?;
        let multipart = parts
            .headers
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"multipart/form-data"));
        let bytes = if multipart {
            // A form with a file: its fields, the file's text included, read as if urlencoded.
            let request = Request::from_parts(parts, body);
            let fields = multipart_fields(request, state).await?;
            axum::body::Bytes::from(serde_urlencoded::to_string(fields).unwrap_or_default())
        } else {
            axum::body::to_bytes(body, 2 * 1024 * 1024)
                .await
                .map_err(|_| AppError::PayloadTooLarge("the form is too large".into()))?
        };
        check_csrf(&bytes, &caller.csrf)?;
        let form = serde_urlencoded::from_bytes(&bytes)
            .map_err(|e| AppError::BadRequest(format!("the form could not be read: {e}")))?;
        Ok(WebForm { caller, form })
    }
}

/// A file sent in a multipart form: its name, declared content type and bytes.
pub struct Upload {
    pub name: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

/// Reads a multipart form whose field `file_field` is a file (any bytes) and whose other
/// fields are text.
pub async fn read_upload(
    mut multipart: axum::extract::Multipart,
    file_field: &str,
) -> Result<(HashMap<String, String>, Option<Upload>), AppError> {
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            AppError::PayloadTooLarge("the file is too large".into())
        } else {
            AppError::BadRequest(format!("the form could not be read: {}", e.body_text()))
        }
    };
    let mut fields = HashMap::new();
    let mut upload = None;
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == file_field {
            let file_name = field.file_name().unwrap_or_default().to_owned();
            let content_type = field
                .content_type()
                .unwrap_or("application/octet-stream")
                .to_owned();
            let data = field.bytes().await.map_err(unreadable)?.to_vec();
            upload = Some(Upload {
                name: file_name,
                content_type,
                data,
            });
        } else {
            let text = field.text().await.map_err(unreadable)?;
            fields.insert(name, text);
        }
    }
    Ok((fields, upload))
}

/// A form with one file (field `file`) posted by a signed-in browser, its CSRF token checked.
pub struct WebUpload {
    pub caller: Caller,
    pub file: Option<Upload>,
}

impl FromRequest<AppState> for WebUpload {
    type Rejection = WebRedirect;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = request.into_parts();
        let WebCaller(caller) = WebCaller::from_request_parts(&mut parts, state).await?;
        let request = Request::from_parts(parts, body);
        let multipart = axum::extract::Multipart::from_request(request, state)
            .await
            .map_err(|e| {
                AppError::BadRequest(format!("the form could not be read: {}", e.body_text()))
            })?;
        let (fields, file) = read_upload(multipart, "file").await?;
        check_csrf_field(&fields, &caller.csrf)?;
        Ok(WebUpload { caller, file })
    }
}

/// A form posted before signing in (login, second factor), with what the handler needs to know
/// about its sender: the page language, the client address (rate limits) and the request id.
pub struct AnonymousForm<T> {
    pub lang: &'static str,
    pub address: String,
    /// The operation context, with the request's id.
    pub ctx: crate::ops::Ctx,
    pub form: T,
}

impl<T: DeserializeOwned + Send> FromRequest<AppState> for AnonymousForm<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (parts, body) = request.into_parts();
        check_same_origin(&parts, state)?;
        let lang = anonymous_lang(&parts.headers);
        let address = client_address(&parts);
        let request_id = request_id(&parts);
        let bytes = axum::body::to_bytes(body, 64 * 1024)
            .await
            .map_err(|_| AppError::PayloadTooLarge("the form is too large".into()))?;
        let form = serde_urlencoded::from_bytes(&bytes)
            .map_err(|e| AppError::BadRequest(format!("the form could not be read: {e}")))?;
        Ok(AnonymousForm {
            lang,
            address,
            ctx: state.ctx_in(&request_id, lang),
            form,
        })
    }
}

/// Refuses a form posted from another site. A form posted before signing in has no session and
/// so no CSRF token; the browser says where the form came from. A current browser sends
/// `Sec-Fetch-Site`, which must be `same-origin` (or `none`: typed or bookmarked). Without it,
/// `Origin` must be this server as the browser reached it (its `Host`) or as it is configured
/// (`public_url`); `Origin: null` (what a browser sends under this site's `no-referrer`
/// policy, or from a sandboxed frame) is refused then. A client that sends neither header is
/// not a browser acting for another site, and is let through.
pub fn check_same_origin(parts: &Parts, state: &AppState) -> Result<(), AppError> {
    let refused = || {
        AppError::Forbidden(
            "the form did not come from this site; open the sign-in page and try again".into(),
        )
    };
    let header = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    if let Some(site) = header("sec-fetch-site") {
        return match site.as_str() {
            "same-origin" | "none" => Ok(()),
            _ => Err(refused()),
        };
    }
    let Some(origin) = header("origin") else {
        return Ok(());
    };
    let origin = origin.trim_end_matches('/');
    let configured = state.config.public_url.trim_end_matches('/');
    let configured_origin = url::Url::parse(configured)
        .ok()
        .map(|u| u.origin().ascii_serialization());
    let host = header("host");
    let reached = url::Url::parse(origin)
        .ok()
        .filter(|u| u.path() == "/" && u.query().is_none())
        .and_then(|u| {
            let authority = match u.port() {
                Some(port) => format!("{}:{port}", u.host_str()?),
                None => u.host_str()?.to_owned(),
            };
            Some(Some(authority) == host)
        })
        .unwrap_or(false);
    if reached || configured_origin.as_deref() == Some(origin) {
        Ok(())
    } else {
        Err(refused())
    }
}

/// The fields of a multipart form; a file field's value is its content, which must be text.
async fn multipart_fields(
    request: Request,
    state: &AppState,
) -> Result<Vec<(String, String)>, AppError> {
    let mut multipart = axum::extract::Multipart::from_request(request, state)
        .await
        .map_err(|e| {
            AppError::BadRequest(format!("the form could not be read: {}", e.body_text()))
        })?;
    let mut fields = Vec::new();
    loop {
        let field = multipart.next_field().await.map_err(|e| {
            AppError::BadRequest(format!("the form could not be read: {}", e.body_text()))
        })?;
        let Some(field) = field else {
            return Ok(fields);
        };
        let name = field.name().unwrap_or_default().to_owned();
        let data = field.bytes().await.map_err(|e| {
            AppError::BadRequest(format!("the form could not be read: {}", e.body_text()))
        })?;
        let text = String::from_utf8(data.to_vec()).map_err(|_| {
            AppError::validation(
                &name,
                "the file is not text (UTF-8): upload a text file, such as a key in its ASCII-armored form (.asc) or a CSV file",
            )
        })?;
        fields.push((name, text));
    }
}

/// Refuses a form whose `csrf` field is not the session's token.
pub fn check_csrf(body: &[u8], expected: &str) -> Result<(), AppError> {
    let fields: HashMap<String, String> = serde_urlencoded::from_bytes(body).unwrap_or_default();
    check_csrf_field(&fields, expected)
}

/// Refuses form fields whose `csrf` is not the session's token.
fn check_csrf_field(fields: &HashMap<String, String>, expected: &str) -> Result<(), AppError> {
    let given = fields.get("csrf").map(String::as_str).unwrap_or_default();
    if !given.is_empty() && constant_time_eq(given.as_bytes(), expected.as_bytes()) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "the form has expired or did not come from this site; reload the page and try again"
                .into(),
        ))
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The session cookie for a token.
pub fn session_cookie(state: &AppState, token: String) -> Cookie<'static> {
    let mut cookie = Cookie::new(SESSION_COOKIE, token);
    cookie.set_http_only(true);
    cookie.set_same_site(SameSite::Strict);
    cookie.set_path("/");
    cookie.set_secure(state.config.secure_cookies());
    cookie
}

/// The client address of a request, for rate limiting.
pub fn client_address(parts: &Parts) -> String {
    parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// The language of the signed-in account behind a request's session cookie, if any.
pub async fn session_lang(
    state: &AppState,
    headers: &axum::http::HeaderMap,
) -> Option<&'static str> {
    let jar = CookieJar::from_headers(headers);
    let token = jar.get(SESSION_COOKIE)?.value().to_owned();
    let caller = caller_from_token(state, &token, SessionKind::Web, Default::default())
        .await
        .ok()??;
    Some(caller.lang)
}

/// The language for an anonymous page: a `lang` cookie, else `Accept-Language`.
pub fn anonymous_lang(headers: &axum::http::HeaderMap) -> &'static str {
    let jar = CookieJar::from_headers(headers);
    match jar.get("liaison_lang") {
        Some(cookie) => i18n::supported(cookie.value()),
        None => i18n::negotiate(
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok()),
        ),
    }
}
