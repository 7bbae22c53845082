//! Notifications end to end: the scheduler queues the directory reminders the demo story calls
//! for, once per contact and due date; the delivery worker hands them to a real SMTP server
//! (scripts/smtp_sink.py), retries what the relay refuses and gives up after the last attempt.

use base64::Engine;
use liaison_core::clock::Clock;
use liaison_core::outbox::{MAX_ATTEMPTS, Message};
use liaison_server::config::SmtpConfig;
use liaison_server::i18n;
use liaison_server::jobs::{Delivery, deliver, run_scheduler};
use liaison_server::mail::Mailer;
use liaison_store::outbox::Queued;
use liaison_testkit::{Backend, START, TestApp, on_every_backend, require_all, spawn_app_on};
use liaison_types::channel::RequestDetail;
use liaison_types::checks::CheckDetail;
use reqwest::StatusCode;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use time::Duration;
use time::macros::datetime;
use tokio::io::AsyncBufReadExt;

const SINK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scripts/smtp_sink.py");
const DOMAIN: &str = "demo.liaison.example";

/// The SMTP sink, stopped (killed) when dropped.
struct Sink {
    _child: tokio::process::Child,
    port: u16,
    maildir: tempfile::TempDir,
}

impl Sink {
    fn dir(&self) -> &Path {
        self.maildir.path()
    }

    /// The stored messages, in the order the sink accepted them.
    fn messages(&self) -> Vec<Eml> {
        let mut files: Vec<(u32, PathBuf)> = std::fs::read_dir(self.dir())
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "eml"))
            .map(|path| {
                let n = path.file_stem().unwrap().to_str().unwrap().parse().unwrap();
                (n, path)
            })
            .collect();
        files.sort();
        files
            .into_iter()
            .map(|(n, path)| {
                let envelope: serde_json::Value = serde_json::from_slice(
                    &std::fs::read(self.dir().join(format!("{n}.json"))).unwrap(),
                )
                .unwrap();
                Eml::parse(&std::fs::read(path).unwrap(), envelope)
            })
            .collect()
    }

    fn mailer(&self) -> Mailer {
        mailer(self.port)
    }
}

/// The Python that runs the sink: `LIAISON_TEST_PYTHON`, else `python3` when it has aiosmtpd.
/// `None` (the test skips) only when the full suite is not required.
fn python() -> Option<String> {
    if let Ok(python) = std::env::var("LIAISON_TEST_PYTHON")
        && !python.is_empty()
    {
        return Some(python);
    }
    if require_all() {
        panic!(
            "LIAISON_TEST_REQUIRE_ALL=1 but LIAISON_TEST_PYTHON is not set: run the tests through scripts/test"
        );
    }
    let has_aiosmtpd = std::process::Command::new("python3")
        .args(["-c", "import aiosmtpd"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if has_aiosmtpd {
        Some("python3".into())
    } else {
        eprintln!(
            "skipped: no Python with aiosmtpd for scripts/smtp_sink.py (set LIAISON_TEST_PYTHON or run scripts/test)"
        );
        None
    }
}

/// Starts scripts/smtp_sink.py on a free port; the first `reject_first` DATA commands get 451.
async fn start_sink(reject_first: u32) -> Option<Sink> {
    start_sink_refusing(reject_first, "").await
}

/// As [`start_sink`], refusing for good (550) every recipient whose address contains `rcpt`.
async fn start_sink_refusing(reject_first: u32, rcpt: &str) -> Option<Sink> {
    let python = python()?;
    let maildir = tempfile::tempdir().unwrap();
    let mut child = tokio::process::Command::new(&python)
        .arg(SINK)
        .args(["--port", "0", "--maildir"])
        .arg(maildir.path())
        .args(["--reject-first", &reject_first.to_string()])
        .args(["--reject-rcpt", rcpt])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {python} {SINK}: {e}"));
    let stdout = child.stdout.take().unwrap();
    let mut lines = tokio::io::BufReader::new(stdout).lines();
    let first = tokio::time::timeout(std::time::Duration::from_secs(30), lines.next_line())
        .await
        .expect("smtp_sink.py did not print READY within 30 s")
        .unwrap();
    let port = first
        .as_deref()
        .and_then(|line| line.strip_prefix("READY "))
        .and_then(|port| port.trim().parse().ok())
        .unwrap_or_else(|| panic!("smtp_sink.py printed {first:?} instead of READY <port>"));
    Some(Sink {
        _child: child,
        port,
        maildir,
    })
}

fn mailer(port: u16) -> Mailer {
    Mailer::new(&SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        security: "none".into(),
        from: "Liaison <liaison@test.example>".into(),
        ..SmtpConfig::default()
    })
    .unwrap()
}

/// A message as the sink stored it: envelope, unfolded and decoded headers, decoded body.
#[derive(Debug)]
struct Eml {
    envelope: serde_json::Value,
    headers: Vec<(String, String)>,
    body: String,
}

impl Eml {
    fn parse(raw: &[u8], envelope: serde_json::Value) -> Eml {
        let text = String::from_utf8(raw.to_vec())
            .unwrap()
            .replace("\r\n", "\n");
        let (head, body) = text.split_once("\n\n").unwrap();
        let mut headers: Vec<(String, String)> = Vec::new();
        for line in head.lines() {
            if line.starts_with([' ', '\t']) {
                let last = headers.last_mut().unwrap();
                last.1.push(' ');
                last.1.push_str(line.trim());
            } else {
                let (name, value) = line.split_once(':').unwrap();
                headers.push((name.to_owned(), value.trim().to_owned()));
            }
        }
        let mut eml = Eml {
            envelope,
            headers,
            body: String::new(),
        };
        let encoding = eml
            .header("Content-Transfer-Encoding")
            .unwrap_or("7bit")
            .to_ascii_lowercase();
        eml.body = match encoding.as_str() {
            "base64" => String::from_utf8(
                base64::engine::general_purpose::STANDARD
                    .decode(body.split_whitespace().collect::<String>())
                    .unwrap(),
            )
            .unwrap(),
            "quoted-printable" => quoted_printable(body),
            _ => body.to_owned(),
        };
        eml
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// A header with RFC 2047 encoded words decoded.
    fn decoded(&self, name: &str) -> String {
        decode_words(
            self.header(name)
                .unwrap_or_else(|| panic!("no {name} header")),
        )
    }
}

fn quoted_printable(text: &str) -> String {
    let text = text.replace("=\n", "");
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// Decodes `=?charset?B|Q?...?=` words; whitespace between two encoded words is dropped.
fn decode_words(value: &str) -> String {
    let mut out = String::new();
    let mut previous_encoded = false;
    for (i, word) in value.split(' ').enumerate() {
        let encoded = word
            .strip_prefix("=?")
            .and_then(|w| w.strip_suffix("?="))
            .and_then(|w| {
                let mut parts = w.splitn(3, '?');
                Some((parts.next()?, parts.next()?, parts.next()?))
            });
        match encoded {
            Some((charset, encoding, data)) => {
                assert!(charset.eq_ignore_ascii_case("utf-8"), "charset {charset}");
                if i > 0 && !previous_encoded {
                    out.push(' ');
                }
                let bytes = if encoding.eq_ignore_ascii_case("b") {
                    base64::engine::general_purpose::STANDARD
                        .decode(data)
                        .unwrap()
                } else {
                    quoted_printable(&data.replace('_', " ")).into_bytes()
                };
                out.push_str(&String::from_utf8(bytes).unwrap());
                previous_encoded = true;
            }
            None => {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(word);
                previous_encoded = false;
            }
        }
    }
    out
}

/// The messages queued since the test started (the demo's history, such as the challenges of
/// its past communication checks, is left out).
async fn outbox(app: &TestApp) -> Vec<Queued> {
    app.mail().await
}

async fn outbox_message(app: &TestApp, id: i64) -> Queued {
    let mut tx = app.store.read().await.unwrap();
    liaison_store::outbox::get(&mut tx, id)
        .await
        .unwrap()
        .unwrap()
}

async fn enqueue(app: &TestApp, to: &str, subject: &str) -> i64 {
    let mut tx = app.store.begin().await.unwrap();
    let id = liaison_store::outbox::enqueue(
        &mut tx,
        &Message {
            to: to.into(),
            subject: subject.into(),
            body: format!("{subject}\n"),
            kind: "test.message".into(),
            secret: None,
            carries: None,
        },
        app.clock.now(),
    )
    .await
    .unwrap();
    liaison_store::commit(tx).await.unwrap();
    id
}

async fn set_locale(app: &TestApp, username: &str, locale: &str) {
    liaison_testkit::set_locale_in_store(app, username, locale).await;
}

async fn state_name(app: &TestApp, code: &str) -> String {
    let mut tx = app.store.read().await.unwrap();
    let code = liaison_types::state::StateCode::parse(code).unwrap();
    liaison_store::state::get(&mut tx, &code)
        .await
        .unwrap()
        .unwrap()
        .name
}

fn coordinator(code: &str) -> String {
    format!("{}.coordinator@{DOMAIN}", code.to_lowercase())
}

fn subject(lang: &str, state: &str) -> String {
    i18n::tr_args(
        lang,
        "mail-reminder-subject",
        &[("state", state.to_owned().into())],
    )
}

/// The demo story at START (2027-01-15): France's two contacts were recorded 350 days earlier
/// (2026-01-30) and fall due on 2027-01-30, inside the last 30 days: due soon. Austria's were
/// recorded 425 days earlier (2025-11-16) and fell due on 2026-11-16: overdue. Germany (120
/// days, key registered today), Estonia (200 and 10 days) and Italy (60 days) are current. The
/// invented entries of the rest of the network fall due too, but have no coordinator account to
/// remind.
const FRA_DUE: &str = "2027-01-30";
const AUT_DUE: &str = "2026-11-16";

#[tokio::test]
async fn the_scheduler_queues_each_reminder_once_and_again_when_overdue() {
    on_every_backend(the_scheduler_queues_each_reminder_once_and_again_when_overdue_on).await;
}

async fn the_scheduler_queues_each_reminder_once_and_again_when_overdue_on(backend: Backend) {
    let app = spawn_app_on(backend).await;

    // The story as the overview sees it, so a change to the demo shows here first.
    let manager = app.login("manager").await;
    let codes = |answer: &liaison_testkit::Answer| -> Vec<String> {
        answer
            .json
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["state"]["code"].as_str().unwrap().to_owned())
            .collect()
    };
    let due_soon = manager.get("/api/v1/states?filter=due-soon").await;
    assert_eq!(due_soon.status, StatusCode::OK, "{}", due_soon.text);
    assert_eq!(
        codes(&due_soon),
        ["ALB", "BGR", "FRA", "VAT", "LUX", "POL", "SWE"]
    );
    assert_eq!(
        codes(&manager.get("/api/v1/states?filter=overdue").await),
        ["AUT", "LIE", "MKD", "SVN", "USA"]
    );

    assert!(
        outbox(&app).await.is_empty(),
        "nothing is queued by the seed"
    );
    assert_eq!(run_scheduler(&app.state).await.unwrap(), 2);
    let queued = outbox(&app).await;
    let recipients: Vec<&str> = queued.iter().map(|m| m.recipient.as_str()).collect();
    // One message per State with due contacts and a coordinator, in State order (AUT before
    // FRA).
    assert_eq!(recipients, [coordinator("AUT"), coordinator("FRA")]);
    for message in &queued {
        assert_eq!(message.kind, "directory.reminder");
        assert_eq!(message.status, "pending");
        assert_eq!(message.attempts, 0);
        assert_eq!(message.created_at, START);
    }
    let (aut, fra) = (&queued[0], &queued[1]);
    assert_eq!(aut.subject, subject("en", &state_name(&app, "AUT").await));
    for name in ["Markus Huber", "GovCERT Austria"] {
        assert!(aut.body.contains(name), "{}", aut.body);
    }
    assert_eq!(
        aut.body
            .matches(&format!("{} {AUT_DUE}", i18n::tr("en", "status-overdue")))
            .count(),
        2,
        "{}",
        aut.body
    );
    assert_eq!(fra.subject, subject("en", &state_name(&app, "FRA").await));
    for name in ["Claire Martin", "CERT-FR permanence"] {
        assert!(fra.body.contains(name), "{}", fra.body);
    }
    assert_eq!(
        fra.body
            .matches(&format!("{} {FRA_DUE}", i18n::tr("en", "status-due-soon")))
            .count(),
        2,
        "{}",
        fra.body
    );
    assert!(
        fra.body.contains(&format!("{}/states/FRA", app.base)),
        "{}",
        fra.body
    );
    assert!(!fra.body.contains("Markus Huber"), "{}", fra.body);

    // Once per contact and due date: a second run, even a day later, queues nothing.
    assert_eq!(run_scheduler(&app.state).await.unwrap(), 0);
    app.clock.advance(Duration::days(1));
    assert_eq!(run_scheduler(&app.state).await.unwrap(), 0);
    assert_eq!(outbox(&app).await.len(), 2);

    // Past France's due date its contacts are overdue: that is a new reminder, for France only.
    app.clock.set(datetime!(2027-01-31 10:00 UTC));
    assert_eq!(run_scheduler(&app.state).await.unwrap(), 1);
    let queued = outbox(&app).await;
    assert_eq!(queued.len(), 3);
    let overdue = &queued[2];
    assert_eq!(overdue.recipient, coordinator("FRA"));
    assert_eq!(
        overdue
            .body
            .matches(&format!("{} {FRA_DUE}", i18n::tr("en", "status-overdue")))
            .count(),
        2,
        "{}",
        overdue.body
    );
    assert!(
        !overdue.body.contains(&i18n::tr("en", "status-due-soon")),
        "{}",
        overdue.body
    );
    assert_eq!(run_scheduler(&app.state).await.unwrap(), 0);

    // France confirms its entry: a new due date (2028-01-31), so a new cycle of reminders.
    let fra = app.login("fra.coordinator").await;
    let confirmed = fra
        .post("/api/v1/states/FRA/confirm", &serde_json::json!({}))
        .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.text);
    assert_eq!(run_scheduler(&app.state).await.unwrap(), 0);
    // Within the last 30 days before it, France is reminded again; by then every other demo
    // State has fallen due too, except Austria, which was reminded for its unchanged due date.
    app.clock.set(datetime!(2028-01-10 10:00 UTC));
    assert_eq!(run_scheduler(&app.state).await.unwrap(), 4);
    let queued = outbox(&app).await;
    let recipients: Vec<&str> = queued[3..].iter().map(|m| m.recipient.as_str()).collect();
    assert_eq!(
        recipients,
        [
            coordinator("DEU"),
            coordinator("EST"),
            coordinator("FRA"),
            coordinator("ITA")
        ]
    );
    let again = &queued[5];
    assert_eq!(
        again
            .body
            .matches(&format!("{} 2028-01-31", i18n::tr("en", "status-due-soon")))
            .count(),
        2,
        "{}",
        again.body
    );
    assert_eq!(run_scheduler(&app.state).await.unwrap(), 0);
}

#[tokio::test]
async fn reminders_go_out_over_smtp_in_the_coordinators_language() {
    on_every_backend(reminders_go_out_over_smtp_in_the_coordinators_language_on).await;
}

async fn reminders_go_out_over_smtp_in_the_coordinators_language_on(backend: Backend) {
    let Some(sink) = start_sink(0).await else {
        return;
    };
    let app = spawn_app_on(backend).await;
    // French, and Russian to carry non-Latin text through the headers and the body.
    set_locale(&app, "fra.coordinator", "fr").await;
    set_locale(&app, "aut.coordinator", "ru").await;
    assert_eq!(run_scheduler(&app.state).await.unwrap(), 2);

    let run = deliver(&app.state, &sink.mailer()).await.unwrap();
    assert_eq!(
        run,
        Delivery {
            sent: 2,
            retrying: 0,
            failed: 0
        }
    );
    let mails = sink.messages();
    assert_eq!(mails.len(), 2, "{mails:#?}");
    for (code, lang, status, due, names) in [
        (
            "AUT",
            "ru",
            "status-overdue",
            AUT_DUE,
            ["Markus Huber", "GovCERT Austria"],
        ),
        (
            "FRA",
            "fr",
            "status-due-soon",
            FRA_DUE,
            ["Claire Martin", "CERT-FR permanence"],
        ),
    ] {
        let to = coordinator(code);
        let mail = mails
            .iter()
            .find(|m| m.header("To").is_some_and(|v| v.contains(&to)))
            .unwrap_or_else(|| panic!("no message to {to}: {mails:#?}"));
        assert_eq!(mail.envelope["rcpt_tos"], serde_json::json!([to]));
        assert_eq!(mail.envelope["mail_from"], "liaison@test.example");
        assert!(
            mail.decoded("From").contains("liaison@test.example"),
            "{mail:#?}"
        );
        let name = state_name(&app, code).await;
        assert_ne!(
            subject(lang, &name),
            subject("en", &name),
            "locales/{lang}/main.ftl translates the subject"
        );
        assert_eq!(mail.decoded("Subject"), subject(lang, &name), "{mail:#?}");
        for contact in names {
            assert!(mail.body.contains(contact), "{}", mail.body);
        }
        assert_eq!(
            mail.body
                .matches(&format!("{} {due}", i18n::tr(lang, status)))
                .count(),
            2,
            "{}",
            mail.body
        );
        assert!(
            mail.body.contains(&format!("{}/states/{code}", app.base)),
            "{}",
            mail.body
        );
    }

    for message in outbox(&app).await {
        assert_eq!(message.status, "sent", "{message:?}");
        assert_eq!(message.attempts, 1, "{message:?}");
        assert_eq!(message.sent_at, Some(START), "{message:?}");
        assert_eq!(message.last_error, None, "{message:?}");
    }
    // Sent is sent: another run sends nothing again.
    assert_eq!(
        deliver(&app.state, &sink.mailer()).await.unwrap(),
        Delivery::default()
    );
    assert_eq!(sink.messages().len(), 2);
}

#[tokio::test]
async fn a_message_the_relay_refuses_is_sent_on_the_next_attempt() {
    on_every_backend(a_message_the_relay_refuses_is_sent_on_the_next_attempt_on).await;
}

async fn a_message_the_relay_refuses_is_sent_on_the_next_attempt_on(backend: Backend) {
    let Some(sink) = start_sink(1).await else {
        return;
    };
    let app = spawn_app_on(backend).await;
    let id = enqueue(&app, &coordinator("DEU"), "Retry me").await;

    let run = deliver(&app.state, &sink.mailer()).await.unwrap();
    assert_eq!(
        run,
        Delivery {
            sent: 0,
            retrying: 1,
            failed: 0
        }
    );
    let message = outbox_message(&app, id).await;
    assert_eq!(message.status, "pending");
    assert_eq!(message.attempts, 1);
    let error = message.last_error.unwrap_or_default();
    assert!(error.contains("451"), "{error}");
    assert!(sink.messages().is_empty());

    // Not due again before its back-off (one minute) has passed.
    assert_eq!(
        deliver(&app.state, &sink.mailer()).await.unwrap(),
        Delivery::default()
    );
    app.clock.advance(Duration::minutes(2));
    let run = deliver(&app.state, &sink.mailer()).await.unwrap();
    assert_eq!(
        run,
        Delivery {
            sent: 1,
            retrying: 0,
            failed: 0
        }
    );
    let message = outbox_message(&app, id).await;
    assert_eq!(message.status, "sent");
    assert_eq!(message.attempts, 2);
    assert_eq!(message.last_error, None);
    assert_eq!(message.sent_at, Some(START + Duration::minutes(2)));
    let mails = sink.messages();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].decoded("Subject"), "Retry me");
    assert_eq!(mails[0].envelope["rcpt_tos"][0], coordinator("DEU"));
}

#[tokio::test]
async fn a_dead_relay_fails_the_message_after_the_last_attempt() {
    on_every_backend(a_dead_relay_fails_the_message_after_the_last_attempt_on).await;
}

async fn a_dead_relay_fails_the_message_after_the_last_attempt_on(backend: Backend) {
    // A port nobody listens on: bound, then released.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let mailer = mailer(port);
    let app = spawn_app_on(backend).await;
    let id = enqueue(&app, &coordinator("DEU"), "Nobody home").await;

    for attempt in 1..=MAX_ATTEMPTS {
        let run = deliver(&app.state, &mailer).await.unwrap();
        let message = outbox_message(&app, id).await;
        assert_eq!(message.attempts, attempt, "{message:?}");
        assert!(
            message.last_error.as_deref().is_some_and(|e| !e.is_empty()),
            "{message:?}"
        );
        if attempt < MAX_ATTEMPTS {
            assert_eq!(
                run,
                Delivery {
                    sent: 0,
                    retrying: 1,
                    failed: 0
                },
                "attempt {attempt}"
            );
            assert_eq!(message.status, "pending");
            // Backs off 1, 2, 4, 8, 16 minutes: a second early it is not tried.
            let backoff = Duration::minutes(1 << (attempt - 1));
            app.clock.advance(backoff - Duration::seconds(1));
            assert_eq!(
                deliver(&app.state, &mailer).await.unwrap(),
                Delivery::default(),
                "attempt {attempt}: retried before its back-off"
            );
            app.clock.advance(Duration::seconds(1));
        } else {
            assert_eq!(
                run,
                Delivery {
                    sent: 0,
                    retrying: 0,
                    failed: 1
                }
            );
            assert_eq!(message.status, "failed");
        }
    }
    // Failed for good: never tried again.
    app.clock.advance(Duration::days(1));
    assert_eq!(
        deliver(&app.state, &mailer).await.unwrap(),
        Delivery::default()
    );
    assert_eq!(outbox_message(&app, id).await.attempts, MAX_ATTEMPTS);
}

#[tokio::test]
async fn a_malformed_recipient_fails_alone() {
    on_every_backend(a_malformed_recipient_fails_alone_on).await;
}

async fn a_malformed_recipient_fails_alone_on(backend: Backend) {
    let Some(sink) = start_sink(0).await else {
        return;
    };
    let app = spawn_app_on(backend).await;
    let bad = enqueue(&app, "not an address", "Bad").await;
    let good = enqueue(&app, &coordinator("ITA"), "Good").await;

    let run = deliver(&app.state, &sink.mailer()).await.unwrap();
    assert_eq!(
        run,
        Delivery {
            sent: 1,
            retrying: 0,
            failed: 1
        }
    );
    // Retrying cannot mend an address: the message fails at once, the other goes out.
    let message = outbox_message(&app, bad).await;
    assert_eq!(message.status, "failed");
    assert_eq!(message.attempts, 1);
    let error = message.last_error.unwrap_or_default();
    assert!(
        error.contains("recipient") && error.contains("not an address"),
        "{error}"
    );
    assert_eq!(outbox_message(&app, good).await.status, "sent");
    let mails = sink.messages();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].decoded("Subject"), "Good");
}

#[tokio::test]
async fn challenges_go_out_over_smtp_with_their_link_and_a_refused_address_is_recorded() {
    on_every_backend(challenges_go_out_over_smtp_on).await;
}

async fn challenges_go_out_over_smtp_on(backend: Backend) {
    // The relay knows no "cert@demo-de.example": Germany's technical address bounces at once.
    let Some(sink) = start_sink_refusing(0, "cert@demo-de").await else {
        return;
    };
    let app = spawn_app_on(backend).await;
    let manager = app.login("manager").await;
    let launched = manager
        .post(
            "/api/v1/checks",
            &serde_json::json!({
                "scope": "states", "states": ["DEU", "FRA"], "levels": "both", "window_hours": 12,
                "message": "Please confirm that you receive this.",
            }),
        )
        .await;
    assert_eq!(launched.status, StatusCode::CREATED, "{}", launched.text);
    let id = launched.typed::<CheckDetail>().check.id;
    let run = deliver(&app.state, &sink.mailer()).await.unwrap();
    assert_eq!(
        run,
        Delivery {
            sent: 3,
            retrying: 0,
            failed: 1
        },
        "a refused recipient is not retried"
    );
    let mails = sink.messages();
    assert_eq!(mails.len(), 3);
    // Claire Martin works in French: her challenge is in French, with a working link.
    let claire = mails
        .iter()
        .find(|m| m.envelope["rcpt_tos"] == serde_json::json!(["cyber@demo-fr.example"]))
        .unwrap();
    assert_eq!(
        claire.decoded("Subject"),
        i18n::tr_args("fr", "mail-check-subject", &[("hours", 12.into())])
    );
    let link = format!("{}/checks/answer/", app.base);
    let start = claire.body.find(&link).unwrap() + link.len();
    let token: String = claire.body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    assert_eq!(token.len(), 43, "{}", claire.body);
    assert!(!claire.body.contains("{secret}"), "{}", claire.body);
    // Once sent, no token is left in the database.
    for message in outbox(&app).await {
        assert_eq!(message.secret, None, "{message:?}");
        assert!(!message.body.contains(&token));
    }
    let answer = app
        .anonymous()
        .post(
            "/api/v1/checks/answer",
            &serde_json::json!({ "token": token }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);

    let detail = manager.get(&format!("/api/v1/checks/{id}")).await.json;
    let bounced = detail["challenges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["email"] == "cert@demo-de.example")
        .unwrap();
    assert_eq!(bounced["outcome"], "delivery-failed", "{bounced}");
    assert!(
        bounced["delivery_error"].as_str().unwrap().contains("550"),
        "{bounced}"
    );
    assert_eq!(detail["check"]["figures"]["delivery_failed"], 1);
    assert_eq!(detail["check"]["figures"]["answered"], 1);
}

#[tokio::test]
async fn a_request_notification_is_pgp_mime_that_the_recipient_decrypts() {
    on_every_backend(a_request_notification_is_pgp_mime_on).await;
}

async fn a_request_notification_is_pgp_mime_on(backend: Backend) {
    use crate::channel::{
        EST_TECHNICAL, PASSPHRASE, SUBJECT, content, keys, public_keys, request_body, sealed,
    };
    use liaison_core::channel::seal;
    use mail_parser::MimeHeaders;
    let Some(sink) = start_sink(0).await else {
        return;
    };
    let app = spawn_app_on(backend).await;
    let deu = app.login("deu.technical").await;
    let view = keys(&deu, "EST", "technical").await;
    let message = sealed(&public_keys(&view), &content(SUBJECT));
    let sent = deu
        .post("/api/v1/requests", &request_body(&["EST"], &message))
        .await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.text);
    let id = sent.typed::<RequestDetail>().request.id;
    let before = outbox(&app).await.len();
    assert!(before >= 1);
    let run = deliver(&app.state, &sink.mailer()).await.unwrap();
    assert!(run.sent >= 1 && run.failed == 0, "{run:?}");

    // The notification to Estonia's technical contact, as the relay received it.
    let mails = sink.messages();
    let index = mails
        .iter()
        .position(|m| m.envelope["rcpt_tos"] == serde_json::json!(["cert@demo-ee.example"]))
        .expect("a notification to Estonia's technical contact");
    let raw = std::fs::read(sink.dir().join(format!("{}.eml", index + 1))).unwrap();
    let mail = mail_parser::MessageParser::default().parse(&raw).unwrap();
    let top = mail.content_type().unwrap();
    assert_eq!(
        (top.ctype(), top.subtype()),
        ("multipart", Some("encrypted"))
    );
    assert_eq!(top.attribute("protocol"), Some("application/pgp-encrypted"));
    assert!(
        !mail.subject().unwrap().contains("phishing"),
        "no content in the clear"
    );
    assert!(mail.subject().unwrap().contains("DEU"));
    assert_eq!(
        mail.header_raw("X-Liaison-Thread").map(str::trim),
        Some(format!("{}/requests/{id}", app.base).as_str())
    );
    // RFC 3156: exactly two parts, the version and the encrypted message.
    let parts: Vec<_> = mail.parts.iter().skip(1).collect();
    assert_eq!(parts.len(), 2, "{parts:?}");
    let version = parts[0].content_type().unwrap();
    assert_eq!(
        (version.ctype(), version.subtype()),
        ("application", Some("pgp-encrypted"))
    );
    assert!(String::from_utf8_lossy(parts[0].contents()).contains("Version: 1"));
    let payload = parts[1].content_type().unwrap();
    assert_eq!(
        (payload.ctype(), payload.subtype()),
        ("application", Some("octet-stream"))
    );
    let opened = seal::open(parts[1].contents(), EST_TECHNICAL, PASSPHRASE).unwrap();
    assert_eq!(seal::parse(&opened).unwrap(), content(SUBJECT));

    // Handing it to the relay delivered Estonia's leg, and the audit log says how.
    let detail = deu.get(&format!("/api/v1/requests/{id}")).await.json;
    assert_eq!(detail["request"]["to"][0]["status"], "delivered");
    let auditor = app.login("auditor").await;
    let log = auditor.get("/api/v1/audit?limit=50").await.json;
    assert!(
        log["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| { e["event"] == "request.delivered" && e["after"]["how"] == "mail" }),
        "{log}"
    );
}
