//! Test support: `spawn_app()` runs the real server on a random port over a fresh database
//! (SQLite in a temporary folder, or a new PostgreSQL database when `LIAISON_TEST_POSTGRES_URL`
//! is set), seeded with the demo data, with a clock the test controls; `ApiClient` is a logged-in
//! JSON client per demo account.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod browser;
pub mod statements;

use liaison_core::clock::Clock;
use liaison_server::AppState;
use liaison_server::config::Config;
use liaison_store::Store;
use rand::RngCore;
use reqwest::StatusCode;
use serde_json::Value;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use time::OffsetDateTime;
use time::macros::datetime;

/// The demo password of every seeded account.
pub const PASSWORD: &str = liaison_server::demo::DEMO_PASSWORD;

/// The moment tests start at unless they move the clock.
pub const START: OffsetDateTime = datetime!(2027-01-15 10:00 UTC);

/// The seed of the rules' random choices in every test app.
pub const SEED: u64 = 20_270_115;

/// A clock the test sets and advances.
#[derive(Debug)]
pub struct TestClock(Mutex<OffsetDateTime>);

impl TestClock {
    /// A clock standing at `at` until a test moves it.
    pub fn at(at: OffsetDateTime) -> TestClock {
        TestClock(Mutex::new(at))
    }

    pub fn set(&self, at: OffsetDateTime) {
        *self.0.lock().unwrap() = at;
    }

    pub fn advance(&self, by: time::Duration) {
        let mut now = self.0.lock().unwrap();
        *now += by;
    }
}

impl Clock for TestClock {
    fn now(&self) -> OffsetDateTime {
        *self.0.lock().unwrap()
    }
}

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Whether the full suite is required (`scripts/test` sets it): then missing services fail the
/// tests instead of being skipped.
pub fn require_all() -> bool {
    std::env::var("LIAISON_TEST_REQUIRE_ALL").is_ok_and(|v| v == "1")
}

/// The backends to run storage-dependent tests on: SQLite always, PostgreSQL when configured
/// (and required under `LIAISON_TEST_REQUIRE_ALL=1`).
pub fn backends() -> Vec<Backend> {
    let mut out = vec![Backend::Sqlite];
    if std::env::var("LIAISON_TEST_POSTGRES_URL").is_ok() {
        out.push(Backend::Postgres);
    } else if require_all() {
        panic!(
            "LIAISON_TEST_REQUIRE_ALL=1 but LIAISON_TEST_POSTGRES_URL is not set: run the tests through scripts/test"
        );
    }
    out
}

/// A fresh, empty database: its URL and the folder that holds it (SQLite).
pub async fn fresh_database(backend: Backend) -> (String, Option<tempfile::TempDir>) {
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().unwrap();
            (
                format!("sqlite://{}", dir.path().join("test.db").display()),
                Some(dir),
            )
        }
        Backend::Postgres => {
            let admin_url =
                std::env::var("LIAISON_TEST_POSTGRES_URL").expect("LIAISON_TEST_POSTGRES_URL");
            let mut bytes = [0u8; 6];
            rand::rng().fill_bytes(&mut bytes);
            let name = format!("t_{}", hex_lower(&bytes));
            let pool = sqlx::PgPool::connect(&admin_url)
                .await
                .expect("connect to the test PostgreSQL");
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&pool)
                .await
                .unwrap();
            pool.close().await;
            let base = admin_url
                .rsplit_once('/')
                .map(|(b, _)| b.to_owned())
                .unwrap();
            (format!("{base}/{name}"), None)
        }
    }
}

fn hex_lower(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A running server.
pub struct TestApp {
    pub addr: SocketAddr,
    pub base: String,
    pub store: Store,
    pub state: AppState,
    pub clock: Arc<TestClock>,
    pub backend: Backend,
    pub database_url: String,
    _dir: Option<tempfile::TempDir>,
}

/// Options for [`spawn_app_with`].
#[derive(Debug, Clone)]
pub struct Options {
    pub backend: Backend,
    pub demo: bool,
    pub config: Config,
}

impl Default for Options {
    fn default() -> Self {
        let mut config = Config {
            jobs: false,
            login_attempts_per_minute: 1000,
            ..Config::default()
        };
        config.smtp.host = String::new();
        Options {
            backend: Backend::Sqlite,
            demo: true,
            config,
        }
    }
}

/// The server on SQLite with the demo data.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(Options::default()).await
}

/// Runs `test` on every backend this run has (see [`backends`]), naming each in the output.
pub async fn on_every_backend(mut test: impl AsyncFnMut(Backend)) {
    for backend in backends() {
        eprintln!("on {backend:?}");
        test(backend).await;
    }
}

/// A test app with the demo data on `backend` (see [`backends`]).
pub async fn spawn_app_on(backend: Backend) -> TestApp {
    spawn_app_with(Options {
        backend,
        ..Options::default()
    })
    .await
}

pub async fn spawn_app_with(options: Options) -> TestApp {
    // Server errors are logged, never sent: show them in the failing test's output.
    // And the statements each request ran, from its log line (`statements_of`).
    {
        use tracing_subscriber::layer::SubscriberExt;
        use tracing_subscriber::util::SubscriberInitExt;
        use tracing_subscriber::{EnvFilter, Layer};
        let shown =
            EnvFilter::try_from_env("LIAISON_LOG").unwrap_or_else(|_| "warn,sqlx=error".into());
        let _ = tracing_subscriber::registry()
            .with(
                tracing_subscriber::fmt::layer()
                    .with_test_writer()
                    .with_filter(shown),
            )
            .with(
                statements::Requests.with_filter(
                    tracing_subscriber::filter::Targets::new()
                        .with_target("liaison_server::middleware", tracing::Level::INFO),
                ),
            )
            .try_init();
    }
    let (url, dir) = fresh_database(options.backend).await;
    let store = Store::connect(&url).await.unwrap();
    store.migrate().await.unwrap();
    let clock = Arc::new(TestClock(Mutex::new(START)));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let mut config = options.config.clone();
    config.database_url = url.clone();
    config.public_url = format!("http://{addr}");
    if options.demo {
        liaison_server::demo::seed(&store, &Arc::new(config.clone()), clock.as_ref())
            .await
            .unwrap();
    } else {
        liaison_server::demo::seed_states(&store).await.unwrap();
    }
    let state = serve(&store, clock.clone(), config, listener);
    TestApp {
        addr,
        base: format!("http://{addr}"),
        store,
        state,
        clock,
        backend: options.backend,
        database_url: url,
        _dir: dir,
    }
}

/// Serves the application on `store` from `listener`, in the background.
fn serve(
    store: &Store,
    clock: Arc<TestClock>,
    config: Config,
    listener: tokio::net::TcpListener,
) -> AppState {
    let mut state = AppState::new(store.clone(), clock, config).unwrap();
    // The rules' random choices (a check's send times and tokens) are the same on every run.
    state.random = Arc::new(liaison_core::random::SeededRandom::new(SEED));
    let server_state = state.clone();
    tokio::spawn(async move {
        liaison_server::serve(server_state, listener).await.unwrap();
    });
    state
}

impl TestApp {
    /// A second server on the same database, as behind a load balancer: its own connections,
    /// writer, caches and generation, the same clock and configuration.
    pub async fn another_process(&self) -> TestApp {
        let store = Store::connect(&self.database_url).await.unwrap();
        store.migrate().await.unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mut config = (*self.state.config).clone();
        config.public_url = format!("http://{addr}");
        let state = serve(&store, self.clock.clone(), config, listener);
        TestApp {
            addr,
            base: format!("http://{addr}"),
            store,
            state,
            clock: self.clock.clone(),
            backend: self.backend,
            database_url: self.database_url.clone(),
            _dir: None,
        }
    }

    /// `client`'s token used on this server.
    pub fn with_token_of(&self, client: &ApiClient) -> ApiClient {
        ApiClient {
            http: reqwest::Client::new(),
            base: self.base.clone(),
            token: client.token.clone(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// The mail queued since the demo started (what the test caused), oldest first.
    pub async fn mail(&self) -> Vec<liaison_store::outbox::Queued> {
        let mut tx = self.store.read().await.unwrap();
        let mut all = liaison_store::outbox::recent(&mut tx, 10_000)
            .await
            .unwrap();
        all.retain(|m| m.created_at >= START);
        all.sort_by_key(|m| m.id);
        all
    }

    /// The mail of one kind (`directory.key`, `exchange.inquiry`…) queued since the demo
    /// started, oldest first.
    pub async fn mail_of(&self, kind: &str) -> Vec<liaison_store::outbox::Queued> {
        let mut all = self.mail().await;
        all.retain(|m| m.kind == kind);
        all
    }

    /// A client logged in through the API as a demo account.
    pub async fn login(&self, username: &str) -> ApiClient {
        self.login_with(username, PASSWORD).await
    }

    /// A client logged in through the API with a password.
    pub async fn login_with(&self, username: &str, password: &str) -> ApiClient {
        login_at(&self.base, username, password).await
    }

    /// A browser-like client (cookies kept, redirects followed) signed in on the sign-in page.
    pub async fn web_session(&self, username: &str) -> reqwest::Client {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap();
        let signed_in = http
            .post(self.url("/login"))
            .form(&[("username", username), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(signed_in.status(), StatusCode::OK, "sign-in of {username}");
        assert!(
            !signed_in.url().path().starts_with("/login"),
            "sign-in of {username}"
        );
        http
    }

    /// The page at `path` as `client` reads it (a 200 is asserted).
    pub async fn page(&self, client: &reqwest::Client, path: &str) -> String {
        let response = client.get(self.url(path)).send().await.unwrap();
        let status = response.status();
        let html = response.text().await.unwrap();
        assert_eq!(status, StatusCode::OK, "{path}: {html}");
        html
    }

    /// A client without a token.
    pub fn anonymous(&self) -> ApiClient {
        ApiClient {
            http: reqwest::Client::new(),
            base: self.base.clone(),
            token: None,
        }
    }
}

/// A JSON client of the API.
#[derive(Clone)]
pub struct ApiClient {
    pub http: reqwest::Client,
    pub base: String,
    pub token: Option<String>,
}

/// An answer: status, content type and body (JSON when it parses, else a string value).
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: StatusCode,
    pub content_type: String,
    pub text: String,
    pub json: Value,
    /// The server's id of the request (`x-request-id`).
    pub request_id: String,
}

impl Answer {
    /// The statements the server ran for this request in its own task (its log line says).
    pub fn statements(&self) -> u64 {
        statements::of(&self.request_id)
            .unwrap_or_else(|| panic!("no log line for request {}", self.request_id))
    }

    /// The body as the API's type for it (`liaison_types`), failing the test with the body when
    /// it is not one.
    pub fn typed<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_value(self.json.clone()).unwrap_or_else(|error| {
            panic!(
                "the body is no {}: {error}\n{}",
                std::any::type_name::<T>(),
                self.text
            )
        })
    }

    /// The body as a problem (RFC 9457), for a refusal.
    pub fn problem(&self) -> liaison_types::Problem {
        self.typed()
    }
}

impl ApiClient {
    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let builder = self.http.request(method, format!("{}{}", self.base, path));
        match &self.token {
            Some(token) => builder.bearer_auth(token),
            None => builder,
        }
    }

    pub async fn send(&self, builder: reqwest::RequestBuilder) -> Answer {
        let response = builder.send().await.unwrap();
        let status = response.status();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let request_id = response
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let text = response.text().await.unwrap();
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        Answer {
            status,
            content_type,
            text,
            json,
            request_id,
        }
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.send(self.request(reqwest::Method::GET, path)).await
    }

    /// A State's directory entry as this client reads it (a 200 is asserted).
    pub async fn entry(&self, code: &str) -> liaison_types::directory::StateEntry {
        let answer = self.get(&format!("/api/v1/states/{code}")).await;
        assert_eq!(answer.status, StatusCode::OK, "{code}: {}", answer.text);
        answer.typed()
    }

    pub async fn post(&self, path: &str, body: &Value) -> Answer {
        self.send(self.request(reqwest::Method::POST, path).json(body))
            .await
    }

    pub async fn put(&self, path: &str, body: &Value) -> Answer {
        self.send(self.request(reqwest::Method::PUT, path).json(body))
            .await
    }

    pub async fn post_bytes(&self, path: &str, content_type: &str, body: Vec<u8>) -> Answer {
        self.send(
            self.request(reqwest::Method::POST, path)
                .header("content-type", content_type)
                .body(body),
        )
        .await
    }

    /// Posts a multipart form with one file field named `field`.
    pub async fn post_file(
        &self,
        path: &str,
        field: &str,
        file_name: &str,
        content_type: &str,
        data: Vec<u8>,
    ) -> Answer {
        let part = reqwest::multipart::Part::bytes(data)
            .file_name(file_name.to_owned())
            .mime_str(content_type)
            .unwrap();
        let form = reqwest::multipart::Form::new().part(field.to_owned(), part);
        self.send(self.request(reqwest::Method::POST, path).multipart(form))
            .await
    }

    /// A GET whose body is kept as bytes (a file, a PDF), with the answer's headers.
    pub async fn get_bytes(&self, path: &str) -> (StatusCode, reqwest::header::HeaderMap, Vec<u8>) {
        let response = self
            .request(reqwest::Method::GET, path)
            .send()
            .await
            .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        (status, headers, response.bytes().await.unwrap().to_vec())
    }

    /// Any method with an optional JSON body.
    pub async fn call(&self, method: reqwest::Method, path: &str, body: Option<&Value>) -> Answer {
        let builder = self.request(method, path);
        let builder = match body {
            Some(body) => builder.json(body),
            None => builder,
        };
        self.send(builder).await
    }
}

/// A client logged in through the API of the server at `base`.
pub async fn login_at(base: &str, username: &str, password: &str) -> ApiClient {
    let http = reqwest::Client::new();
    let response = http
        .post(format!("{base}/api/v1/auth/login"))
        .json(&serde_json::json!({ "username": username, "password": password }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "login of {username}");
    let body: Value = response.json().await.unwrap();
    ApiClient {
        http,
        base: base.to_owned(),
        token: Some(body["token"].as_str().unwrap().to_owned()),
    }
}

/// A valid contact body for the API.
pub fn contact_body(level: &str, name: &str, email: &str, effective_on: &str) -> Value {
    serde_json::json!({
        "kind": "poc", "level": level, "name": name, "function": "Duty officer", "organisation": "Test Ministry",
        "email": email, "phone": "+43 1 234 5678", "available_24_7": true, "time_zone": "Europe/Vienna",
        "languages": ["de", "en"], "deputy": false, "website": "", "notes": "", "effective_on": effective_on,
    })
}

/// The actor of a State's national coordinator (named as the demo names them), for calling
/// operations directly in benchmarks and tests.
pub fn coordinator(code: &str) -> liaison_core::access::Actor {
    let state = liaison_types::state::StateCode::parse(code).unwrap();
    let participating = liaison_core::reference::states()
        .unwrap()
        .iter()
        .any(|s| s.code == state && s.status.is_participating());
    liaison_core::access::Actor {
        account_id: liaison_types::id::AccountId(0),
        username: format!("{}.coordinator", code.to_lowercase()),
        role: liaison_types::account::Role::Coordinator,
        state: Some(state),
        state_participating: participating,
        contact: None,
    }
}

/// The permit of account `id` over itself, for setting up an account in the store directly.
fn own_account(id: liaison_types::id::AccountId) -> liaison_core::access::OwnAccount {
    liaison_core::access::own_account(&liaison_core::access::Actor {
        account_id: id,
        ..liaison_core::access::Actor::system()
    })
}

/// The id of the account named `username`.
pub async fn account_id(app: &TestApp, username: &str) -> liaison_types::id::AccountId {
    let mut tx = app.store.read().await.unwrap();
    let permit = liaison_core::access::system::sign_in();
    liaison_store::account::by_username(&mut tx, &permit, username)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no account {username}"))
        .id
}

/// Turns the second factor on for account `id` in the store, as if it had enrolled and last
/// used the TOTP step `step`; the secret.
pub async fn enable_totp_in_store(
    app: &TestApp,
    id: liaison_types::id::AccountId,
    step: i64,
) -> String {
    let secret = liaison_core::account::new_totp_secret();
    let permit = own_account(id);
    let mut tx = app.store.begin().await.unwrap();
    liaison_store::account::set_pending_totp(&mut tx, &permit, &secret)
        .await
        .unwrap();
    liaison_store::account::enable_totp(&mut tx, &permit, step)
        .await
        .unwrap();
    liaison_store::commit(tx).await.unwrap();
    secret
}

/// Sets the language of the account named `username` in the store.
pub async fn set_locale_in_store(app: &TestApp, username: &str, locale: &str) {
    let permit = own_account(account_id(app, username).await);
    let mut tx = app.store.begin().await.unwrap();
    liaison_store::account::set_locale(&mut tx, &permit, locale)
        .await
        .unwrap();
    liaison_store::commit(tx).await.unwrap();
}
