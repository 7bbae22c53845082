//! Headless Chromium for the browser journeys, driven by chromedriver through fantoccini.
//!
//! A journey waits for a *state*, never for time. The page a test looks at is one of:
//! - just loaded by a navigation helper ([`Browser::goto`], [`Browser::click_and_load`],
//!   [`Browser::click_link_and_load`], [`Browser::submit_and_load`], [`Browser::sign_in`],
//!   [`Browser::sign_out`]): each returns only once the *new* document has replaced the old one
//!   and finished loading, so an element of the page that was there before cannot be mistaken
//!   for one of the page that follows;
//! - changed by a script (the exchange's auto-save): then a `wait_for*` helper retries the whole
//!   lookup (element present *and* its text or attribute as expected) until its deadline.
//!
//! The plain readers ([`Browser::find`], [`Browser::text`], [`Browser::find_all`]) fail at once
//! when the element is missing: use them only on a page a navigation helper or a wait has
//! established.
//!
//! chromedriver is `LIAISON_TEST_CHROMEDRIVER` (default `/usr/bin/chromedriver`), Chromium is
//! `LIAISON_TEST_CHROMIUM` (default `/usr/bin/chromium`). Without them [`Browser::start`] prints
//! a note and returns `None`, unless `LIAISON_TEST_REQUIRE_ALL=1`, where it fails.

use crate::{PASSWORD, TestApp, require_all};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::future::Future;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio::sync::{Semaphore, SemaphorePermit};

/// How long any wait lasts before the test fails with what it last saw. Generous: a loaded
/// two-core machine compiling beside the tests must not fail a journey that is only slow.
pub const DEADLINE: Duration = Duration::from_secs(30);

/// How often a wait looks again. A polling interval, not a timing assertion.
const POLL: Duration = Duration::from_millis(50);

/// One browser at a time: Chromium is heavy and the test machines are small.
static BROWSERS: Semaphore = Semaphore::const_new(1);

/// A headless Chromium session. Dropping it ends the session, stops chromedriver and removes
/// the browser profile (fields drop in this order).
pub struct Browser {
    pub client: Client,
    driver: Chromedriver,
    _profile: tempfile::TempDir,
    _turn: SemaphorePermit<'static>,
}

/// The chromedriver child process, killed on drop, after ending its session if one was opened.
struct Chromedriver {
    child: Child,
    port: u16,
    session_id: Option<String>,
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        // The client's own shutdown runs on the test's runtime, which may already be gone (a
        // failed assertion): end the session synchronously so Chromium exits with it.
        if let Some(session) = &self.session_id {
            delete_session(self.port, session);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn chromedriver_path() -> PathBuf {
    std::env::var_os("LIAISON_TEST_CHROMEDRIVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromedriver"))
}

fn chromium_path() -> String {
    std::env::var("LIAISON_TEST_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts chromedriver on a free port and waits until `GET /status` says it is ready.
async fn start_chromedriver(path: &PathBuf) -> Chromedriver {
    let http = reqwest::Client::new();
    let mut last_problem = String::new();
    for _attempt in 0..3 {
        let port = free_port();
        let child = Command::new(path)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("could not start {}: {e}", path.display()));
        let mut driver = Chromedriver {
            child,
            port,
            session_id: None,
        };
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(status) = driver.child.try_wait().unwrap() {
                // Another process took the port between our probe and chromedriver's bind.
                last_problem = format!("chromedriver exited with {status} (port {port} taken?)");
                break;
            }
            let ready = http
                .get(format!("http://127.0.0.1:{port}/status"))
                .timeout(Duration::from_secs(2))
                .send()
                .await
                .ok();
            if let Some(response) = ready {
                let body: Value = response.json().await.unwrap_or(Value::Null);
                if body["value"]["ready"] == json!(true) {
                    return driver;
                }
                last_problem = format!("chromedriver is not ready: {body}");
            }
            if Instant::now() > deadline {
                last_problem = format!("chromedriver did not become ready: {last_problem}");
                break;
            }
            tokio::time::sleep(POLL).await;
        }
    }
    panic!("{last_problem}");
}

/// Retries `probe` until it gives a value or [`DEADLINE`] passes; then fails naming `what` and
/// what the probe last saw. Every wait of this module is one call of this.
pub async fn until<T, F, Fut>(what: &str, probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, String>>,
{
    try_until(what, probe)
        .await
        .unwrap_or_else(|failure| panic!("{failure}"))
}

/// As [`until`], with the failure returned (for a caller that adds what the page shows).
async fn try_until<T, F, Fut>(what: &str, mut probe: F) -> Result<T, String>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, String>>,
{
    let deadline = Instant::now() + DEADLINE;
    loop {
        match probe().await {
            Ok(value) => return Ok(value),
            Err(seen) if Instant::now() >= deadline => {
                return Err(format!(
                    "waited {} s for {what}; last seen: {seen}",
                    DEADLINE.as_secs()
                ));
            }
            Err(_) => {}
        }
        tokio::time::sleep(POLL).await;
    }
}

impl Browser {
    /// A fresh headless Chromium, or `None` (after saying why) when chromedriver is not
    /// installed and the full suite is not required.
    pub async fn start() -> Option<Browser> {
        let driver_path = chromedriver_path();
        let chromium = chromium_path();
        let missing = [
            (
                driver_path.clone(),
                "chromedriver",
                "LIAISON_TEST_CHROMEDRIVER",
            ),
            (
                PathBuf::from(&chromium),
                "Chromium",
                "LIAISON_TEST_CHROMIUM",
            ),
        ]
        .into_iter()
        .find(|(path, _, _)| !path.exists());
        if let Some((path, what, variable)) = missing {
            let message = format!(
                "{what} not found at {} (set {variable}, or run scripts/test)",
                path.display()
            );
            if require_all() {
                panic!("LIAISON_TEST_REQUIRE_ALL=1 but {message}");
            }
            eprintln!("skipping the browser journey: {message}");
            return None;
        }
        let turn = BROWSERS.acquire().await.unwrap();
        let mut driver = start_chromedriver(&driver_path).await;
        let profile = tempfile::tempdir().unwrap();
        let args = vec![
            "--headless".to_owned(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--no-first-run".into(),
            "--disable-quic".into(),
            "--lang=en-US".into(),
            "--window-size=1280,900".into(),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), json!("chrome"));
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": chromium,
                "args": args,
                "prefs": { "intl.accept_languages": "en-US,en" },
            }),
        );
        capabilities.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
        // Both ring and aws-lc-rs are in the dependency graph: choose one for fantoccini's TLS
        // connector (an error only means another test installed it first).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = ClientBuilder::rustls()
            .unwrap()
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
            .unwrap_or_else(|e| {
                panic!("could not open a Chromium session through chromedriver: {e}")
            });
        driver.session_id = client.session_id().await.unwrap();
        Some(Browser {
            client,
            driver,
            _profile: profile,
            _turn: turn,
        })
    }

    // ------------------------------------------------------------------ navigation

    /// Opens `path` of the app; WebDriver returns once the page has loaded.
    pub async fn goto(&self, app: &TestApp, path: &str) {
        self.client.goto(&app.url(path)).await.unwrap();
        self.wait_until_loaded(None, &format!("'{path}' to load"))
            .await;
    }

    /// Clicks the element `css` (a link or a submit button) and returns once the page it leads
    /// to has replaced this one and finished loading.
    pub async fn click_and_load(&self, css: &str) {
        let element = self.wait_for(css).await;
        self.load_after(&format!("clicking '{css}'"), || async {
            element.click().await.map_err(|e| e.to_string())
        })
        .await;
    }

    /// Clicks the link whose text is `text` and returns once its page has loaded.
    pub async fn click_link_and_load(&self, text: &str) {
        let link = until(&format!("a link '{text}'"), || async {
            self.client
                .find(Locator::LinkText(text))
                .await
                .map_err(|e| e.to_string())
        })
        .await;
        self.load_after(&format!("clicking the link '{text}'"), || async {
            link.click().await.map_err(|e| e.to_string())
        })
        .await;
    }

    /// Submits the form `css` without the browser's own validation (as a browser without
    /// those checks would) and returns once the answer's page has loaded.
    pub async fn submit_and_load(&self, css: &str) {
        let form = self.client.form(Locator::Css(css)).await.unwrap();
        self.load_after(&format!("submitting '{css}'"), || async {
            form.submit_direct().await.map_err(|e| e.to_string())
        })
        .await;
    }

    /// Marks the current document, runs `action`, then waits until a document without the mark
    /// (the next page) has finished loading.
    async fn load_after<F, Fut>(&self, action: &str, act: F)
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<(), String>>,
    {
        let mark = format!("{:x}", rand::random::<u64>());
        self.client
            .execute(
                "window.__liaisonPage = arguments[0]; return true;",
                vec![json!(mark)],
            )
            .await
            .unwrap();
        act()
            .await
            .unwrap_or_else(|e| panic!("{action} failed: {e}"));
        self.wait_until_loaded(Some(&mark), &format!("the page after {action}"))
            .await;
    }

    /// Waits until the document is complete and, with `mark`, is not the one that carried it.
    /// A script run while the browser swaps documents may fail: that only means "not yet".
    async fn wait_until_loaded(&self, mark: Option<&str>, what: &str) {
        let mark = mark.map(|m| json!(m)).unwrap_or(Value::Null);
        until(what, || async {
            let seen = self
                .client
                .execute(
                    "return [document.readyState, window.__liaisonPage || null, location.pathname];",
                    vec![],
                )
                .await
                .map_err(|e| format!("(the page is changing: {e})"))?;
            if seen[0] == "complete" && (mark.is_null() || seen[1] != mark) {
                Ok(())
            } else {
                Err(seen.to_string())
            }
        })
        .await;
    }

    /// Fills the login form (the code only when given) and submits it; returns once the page
    /// it leads to has loaded, signed in or not.
    pub async fn submit_login(
        &self,
        app: &TestApp,
        username: &str,
        password: &str,
        code: Option<&str>,
    ) {
        self.goto(app, "/login").await;
        self.type_into("form[action='/login'] #username", username)
            .await;
        self.type_into("form[action='/login'] #password", password)
            .await;
        if let Some(code) = code {
            self.type_into("form[action='/login'] #code", code).await;
        }
        self.click_and_load("form[action='/login'] button[type=submit]")
            .await;
    }

    /// Signs in with the demo password through the login form and waits for a signed-in page.
    pub async fn sign_in(&self, app: &TestApp, username: &str) {
        self.submit_login(app, username, PASSWORD, None).await;
        self.wait_for("form[action='/logout']").await;
    }

    /// Signs out with the header's button and waits for the login form.
    pub async fn sign_out(&self) {
        self.click_and_load("form[action='/logout'] button[type=submit]")
            .await;
        self.wait_for("form[action='/login']").await;
    }

    // ------------------------------------------------------------------ waits

    /// Waits for an element to be present.
    pub async fn wait_for(&self, css: &str) -> Element {
        let found = try_until(&format!("'{css}'"), || async {
            self.client
                .find(Locator::Css(css))
                .await
                .map_err(|_| "no such element".to_owned())
        })
        .await;
        match found {
            Ok(element) => element,
            Err(failure) => panic!("{failure}\n{}", self.where_we_are().await),
        }
    }

    /// The page the browser shows, for a failure's message: its path and the start of its text.
    async fn where_we_are(&self) -> String {
        let path = self.client.current_url().await.map(|u| u.to_string());
        let text = match self.client.find(Locator::Css("main")).await {
            Ok(main) => main.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        format!(
            "the browser shows {path:?}: {}",
            text.chars().take(400).collect::<String>()
        )
    }

    /// Waits until the element `css` is present and its text contains `needle`; its text.
    pub async fn wait_for_text(&self, css: &str, needle: &str) -> String {
        until(&format!("'{needle}' in '{css}'"), || async {
            let element = self
                .client
                .find(Locator::Css(css))
                .await
                .map_err(|_| "no such element".to_owned())?;
            let text = element.text().await.map_err(|e| e.to_string())?;
            if text.contains(needle) {
                Ok(text)
            } else {
                Err(format!("'{text}'"))
            }
        })
        .await
    }

    /// Waits until the current path and query are `expected`.
    pub async fn wait_for_path(&self, expected: &str) {
        until(&format!("the path '{expected}'"), || async {
            let path = self.path().await;
            if path == expected { Ok(()) } else { Err(path) }
        })
        .await
    }

    // ------------------------------------------------------------------ same-page actions

    /// Clicks an element that changes nothing but this page (an option, a radio button).
    pub async fn click(&self, css: &str) {
        self.wait_for(css).await.click().await.unwrap();
    }

    /// Selects the option `value` of the select `css`.
    pub async fn select(&self, css: &str, value: &str) {
        self.wait_for(css)
            .await
            .select_by_value(value)
            .await
            .unwrap();
    }

    /// Clears a field and types `text` into it.
    pub async fn type_into(&self, css: &str, text: &str) {
        let field = self.wait_for(css).await;
        field.clear().await.unwrap();
        if !text.is_empty() {
            field.send_keys(text).await.unwrap();
        }
    }

    /// Chooses the file at `path` in the file input `css`.
    pub async fn choose_file(&self, css: &str, path: &str) {
        self.wait_for(css).await.send_keys(path).await.unwrap();
    }

    // ------------------------------------------------------------------ reads

    /// The element `css`, which must be there now (see the module's notes).
    pub async fn find(&self, css: &str) -> Element {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element '{css}': {e}"))
    }

    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        self.client.find_all(Locator::Css(css)).await.unwrap()
    }

    /// The text of the element `css`, which must be there now.
    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.unwrap()
    }

    /// The attribute `name` of the element `css`, which must be there now.
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.find(css).await.attr(name).await.unwrap()
    }

    /// The `value` property of the field `css`, which must be there now.
    pub async fn value(&self, css: &str) -> Option<String> {
        self.find(css).await.prop("value").await.unwrap()
    }

    /// The path and query of the current page.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.unwrap();
        match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        }
    }

    pub async fn source(&self) -> String {
        self.client.source().await.unwrap()
    }

    /// The browser's cookies as one `Cookie` header value, to fetch a link as the page would.
    pub async fn cookie_header(&self) -> String {
        self.client
            .get_all_cookies()
            .await
            .unwrap()
            .iter()
            .map(|c| format!("{}={}", c.name(), c.value()))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Messages the pages wrote to the browser console at error level (failed loads, CSP
    /// violations, script errors), through chromedriver's log endpoint.
    pub async fn console_errors(&self) -> Vec<String> {
        let Some(session) = &self.driver.session_id else {
            return Vec::new();
        };
        let response = reqwest::Client::new()
            .post(format!(
                "http://127.0.0.1:{}/session/{session}/se/log",
                self.driver.port
            ))
            .json(&json!({ "type": "browser" }))
            .send()
            .await
            .unwrap();
        let body: Value = response.json().await.unwrap();
        body["value"]
            .as_array()
            .map(|entries| {
                entries
                    .iter()
                    .filter(|e| e["level"] == "SEVERE")
                    .map(|e| e["message"].as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A PNG of the whole page into `target/screenshots/<name>.png`, for reviewers (the window
    /// is made as tall as the page for the picture); then checks that every message on the page
    /// was translated.
    pub async fn screenshot(&self, name: &str) {
        let measure = "return [window.innerHeight, document.documentElement.scrollHeight];";
        let mut window_height = 900;
        for _ in 0..3 {
            let sizes = self.client.execute(measure, vec![]).await.unwrap();
            let inner = sizes[0].as_i64().unwrap_or(900);
            let page = sizes[1].as_i64().unwrap_or(900).clamp(600, 6000);
            if inner >= page {
                break;
            }
            window_height += u32::try_from(page - inner).unwrap();
            self.client
                .set_window_size(1280, window_height)
                .await
                .unwrap();
        }
        let png = self.client.screenshot().await.unwrap();
        self.client.set_window_size(1280, 900).await.unwrap();
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
        // The picture is kept either way; then the page must not show a raw message key.
        let source = self.source().await;
        assert!(
            !source.contains("Unknown localization key"),
            "{name}: a message key has no translation: {}",
            source
                .split("Unknown localization key")
                .nth(1)
                .unwrap_or_default()
                .chars()
                .take(40)
                .collect::<String>()
        );
    }
}

/// `DELETE /session/{id}` over a plain blocking socket.
fn delete_session(port: u16, session: &str) {
    let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let request = format!(
        "DELETE /session/{session} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    if stream.write_all(request.as_bytes()).is_ok() {
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
    }
}

fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("screenshots")
}
