//! What a hostile State account tried against the landed product, each attack made first and
//! then shown refused, with nothing changed: availability (Markdown nesting and floods, PDF
//! typesetting, the login limiter), sign-in (normalised usernames, lockouts per account and
//! address, the second factor in the same step, login CSRF, open redirects, the password
//! policy), the account lifecycle, the envelope of protected messages, and what the audit log
//! and the transparency log show to whom.

use liaison_testkit::{Answer, ApiClient, Options, PASSWORD, TestApp, spawn_app, spawn_app_with};
use liaison_types::account::{Me, Role, Token};
use liaison_types::audit::AuditVerification;
use liaison_types::exchange::{Inquiry, Submission};
use liaison_types::id::AccountId;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// A client that does not follow redirects.
fn plain_http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    let mut tx = app.store.read().await.unwrap();
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
        .fetch_one(&mut *tx)
        .await
        .unwrap()
}

async fn open_cycle(app: &TestApp, sections: &[&str]) {
    let manager = app.login("manager").await;
    let opened = manager
        .post(
            "/api/v1/exchange/cycles",
            &json!({ "year": 2027, "opens_on": "2027-01-01", "sections": sections }),
        )
        .await;
    assert_eq!(opened.status, StatusCode::CREATED, "{}", opened.text);
}

async fn save(client: &ApiClient, section: &str, text: &str) -> Answer {
    client
        .put(
            &format!("/api/v1/exchange/cycles/2027/submissions/DEU/sections/{section}"),
            &json!({ "language": "en", "text": text }),
        )
        .await
}

// ---------------------------------------------------------------------------------------------
// Availability.

#[tokio::test]
async fn markdown_nested_deeper_than_the_limit_is_refused_and_stored_texts_are_rendered_once() {
    let app = spawn_app().await;
    open_cycle(&app, &["threats"]).await;
    let deu = app.login("deu.coordinator").await;
    let sections = || count(&app, "SELECT COUNT(*) FROM exchange_sections");
    let before = sections().await;
    // The attack: twenty thousand nested list items (nine seconds to render before).
    for attack in ["- ".repeat(20_000), "> ".repeat(13), "1. ".repeat(100)] {
        let refused = save(&deu, "threats", &attack).await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            refused.text
        );
        assert!(
            refused.problem().errors["text"].contains("at most 12 levels deep"),
            "{}",
            refused.text
        );
    }
    assert_eq!(sections().await, before, "nothing was stored");

    // The deepest text accepted is stored with its HTML, rendered once, under its key.
    let deepest = format!("{}the deepest point", "> ".repeat(12));
    let saved = save(&deu, "threats", &deepest).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
    let key = liaison_server::markdown::key(&deepest);
    let kept = count(
        &app,
        &format!("SELECT COUNT(*) FROM exchange_rendered WHERE source_sha256 = '{key}'"),
    )
    .await;
    assert_eq!(kept, 1);
    let html = saved.typed::<Submission>().draft[0].html.clone();
    assert_eq!(html.matches("<blockquote>").count(), 12, "{html}");
    // Reading it again reads the kept HTML: the same, and no second row.
    let rendered = count(&app, "SELECT COUNT(*) FROM exchange_rendered").await;
    let read = deu
        .get("/api/v1/exchange/cycles/2027/submissions/DEU")
        .await;
    assert_eq!(read.typed::<Submission>().draft[0].html, html);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM exchange_rendered").await,
        rendered
    );
}

#[tokio::test]
async fn formatting_too_heavy_to_keep_and_drafts_too_large_for_a_day_are_refused() {
    let app = spawn_app().await;
    open_cycle(&app, &["threats"]).await;
    let deu = app.login("deu.coordinator").await;
    // Within the characters and the nesting, but twenty times its size as HTML.
    let heavy: String = "> > > > > > > > > > > > a\n\n"
        .repeat(8000)
        .chars()
        .take(199_000)
        .collect();
    let refused = save(&deu, "threats", &heavy).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.text
    );
    assert!(
        refused.problem().errors["text"].contains("too heavy"),
        "{}",
        refused.text
    );
    let rendered = || count(&app, "SELECT COUNT(*) FROM exchange_rendered");
    let before = rendered().await;
    // A draft that took 20 MiB of text today takes no more until tomorrow.
    let first = save(&deu, "threats", "A first view.").await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    let mut tx = app.store.begin().await.unwrap();
    sqlx::query(
        "INSERT INTO exchange_sections (submission_id, section, version, language, body, english, terms, saved_at, saved_by, attachments) \
         SELECT submission_id, section, version + 1, language, $1, NULL, terms, saved_at, saved_by, attachments FROM exchange_sections \
         WHERE id = (SELECT MAX(id) FROM exchange_sections)",
    )
    .bind("x".repeat(20 * 1024 * 1024))
    .execute(&mut *tx)
    .await
    .unwrap();
    liaison_store::commit(tx).await.unwrap();
    let full = save(&deu, "threats", "One more view.").await;
    assert_eq!(full.status, StatusCode::TOO_MANY_REQUESTS, "{}", full.text);
    assert!(full.problem().detail.contains("MiB"));
    app.clock.advance(time::Duration::hours(25));
    let deu = app.login("deu.coordinator").await;
    let tomorrow = save(&deu, "threats", "One more view.").await;
    assert_eq!(tomorrow.status, StatusCode::OK, "{}", tomorrow.text);
    assert!(rendered().await > before);
}

#[tokio::test]
async fn a_state_opens_at_most_twenty_inquiries_a_day() {
    let app = spawn_app().await;
    let est = app.login("est.policy").await;
    let raise = |n: usize| {
        let body = json!({ "text": format!("Question {n}?") });
        let est = est.clone();
        async move {
            est.post(
                "/api/v1/exchange/cycles/2026/submissions/DEU/inquiries",
                &body,
            )
            .await
        }
    };
    // The demo has Estonia's inquiry of last year; today's count from here.
    for n in 1..=20 {
        let raised = raise(n).await;
        assert_eq!(
            raised.status,
            StatusCode::CREATED,
            "inquiry {n}: {}",
            raised.text
        );
    }
    let inquiries = || count(&app, "SELECT COUNT(*) FROM exchange_inquiries");
    let before = inquiries().await;
    let flood = raise(21).await;
    assert_eq!(
        flood.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        flood.text
    );
    assert_eq!(inquiries().await, before);
    // Another State is not held back by Estonia's.
    let fra = app.login("fra.policy").await;
    let other = fra
        .post(
            "/api/v1/exchange/cycles/2026/submissions/DEU/inquiries",
            &json!({ "text": "France asks." }),
        )
        .await;
    assert_eq!(other.status, StatusCode::CREATED, "{}", other.text);
}

#[tokio::test]
async fn an_inquiry_thread_takes_at_most_thirty_messages_an_hour_and_no_deep_nesting() {
    let app = spawn_app().await;
    let fra = app.login("fra.coordinator").await;
    let deep = fra
        .post(
            "/api/v1/exchange/cycles/2026/submissions/DEU/inquiries",
            &json!({ "text": "> ".repeat(50) }),
        )
        .await;
    assert_eq!(
        deep.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        deep.text
    );
    let raised = fra
        .post(
            "/api/v1/exchange/cycles/2026/submissions/DEU/inquiries",
            &json!({ "text": "Does the Act cover municipalities?" }),
        )
        .await;
    assert_eq!(raised.status, StatusCode::CREATED, "{}", raised.text);
    let id = raised.typed::<Inquiry>().id;
    let posts = || count(&app, "SELECT COUNT(*) FROM exchange_posts");
    // The flood: the thread took one message; 29 more go in, the 31st of the hour does not.
    for n in 2..=30 {
        let post = fra
            .post(
                &format!("/api/v1/exchange/inquiries/{id}/posts"),
                &json!({ "text": format!("Follow-up {n}.") }),
            )
            .await;
        assert_eq!(
            post.status,
            StatusCode::CREATED,
            "message {n}: {}",
            post.text
        );
    }
    let before = posts().await;
    let flood = fra
        .post(
            &format!("/api/v1/exchange/inquiries/{id}/posts"),
            &json!({ "text": "One more." }),
        )
        .await;
    assert_eq!(
        flood.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        flood.text
    );
    assert_eq!(flood.content_type, "application/problem+json");
    assert_eq!(posts().await, before, "nothing was stored");
    // An hour later the thread takes messages again.
    app.clock.advance(time::Duration::minutes(61));
    let fra = app.login("fra.coordinator").await;
    let later = fra
        .post(
            &format!("/api/v1/exchange/inquiries/{id}/posts"),
            &json!({ "text": "One more, an hour later." }),
        )
        .await;
    assert_eq!(later.status, StatusCode::CREATED, "{}", later.text);
}

#[tokio::test]
async fn a_circulated_revision_is_typeset_once_and_every_later_export_reads_the_kept_pdf() {
    let app = spawn_app().await;
    let fra = app.login("fra.coordinator").await;
    let exports = || count(&app, "SELECT COUNT(*) FROM exchange_exports");
    assert_eq!(exports().await, 0);
    let path = "/api/v1/exchange/cycles/2026/submissions/DEU/export.pdf";
    let (status, _, first) = fra.get_bytes(path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(first.starts_with(b"%PDF-"));
    assert_eq!(exports().await, 1);
    let (status, headers, again) = fra.get_bytes(path).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/pdf");
    assert_eq!(again, first, "the kept PDF");
    assert_eq!(exports().await, 1, "typeset once");
    let kept: String = {
        let mut tx = app.store.read().await.unwrap();
        sqlx::query_scalar("SELECT sha256 FROM exchange_exports")
            .fetch_one(&mut *tx)
            .await
            .unwrap()
    };
    use sha2::Digest;
    assert_eq!(kept, hex::encode(sha2::Sha256::digest(&first)));
}

#[tokio::test]
async fn the_deepest_accepted_nesting_exports_as_pdf_and_a_document_too_large_to_typeset_is_refused()
 {
    let app = spawn_app().await;
    open_cycle(
        &app,
        &["threats", "open-internet", "legislation", "organisation"],
    )
    .await;
    let deu = app.login("deu.coordinator").await;
    let deepest = format!("{}quoted\n\n{}listed", "> ".repeat(12), "- ".repeat(12));
    for section in ["threats", "open-internet", "legislation", "organisation"] {
        let saved = save(&deu, section, &deepest).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
    }
    let submitted = deu
        .post(
            "/api/v1/exchange/cycles/2027/submissions/DEU/submit",
            &json!({}),
        )
        .await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.text);
    let (status, _, pdf) = deu
        .get_bytes("/api/v1/exchange/cycles/2027/submissions/DEU/export.pdf")
        .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&pdf));
    assert!(pdf.starts_with(b"%PDF-"));

    // A revision of four sections of 200 000 characters: too many to typeset; the HTML export
    // still works.
    let long = "Words of a very long national view. ".repeat(5_500);
    let long: String = long.chars().take(200_000).collect();
    for section in ["threats", "open-internet", "legislation", "organisation"] {
        let saved = save(&deu, section, &long).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
    }
    let submitted = deu
        .post(
            "/api/v1/exchange/cycles/2027/submissions/DEU/submit",
            &json!({}),
        )
        .await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.text);
    let too_large = deu
        .get("/api/v1/exchange/cycles/2027/submissions/DEU/export.pdf")
        .await;
    assert_eq!(
        too_large.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        too_large.text
    );
    assert!(too_large.problem().detail.contains("export it as HTML"));
    let html = deu
        .get("/api/v1/exchange/cycles/2027/submissions/DEU/export.html")
        .await;
    assert_eq!(html.status, StatusCode::OK);
}

#[tokio::test]
async fn the_login_limiter_keeps_no_key_for_huge_or_unknown_usernames() {
    let app = spawn_app().await;
    for n in 0..60 {
        let huge = format!("{n}{}", "x".repeat(300_000));
        let answer = app
            .anonymous()
            .post(
                "/api/v1/auth/login",
                &json!({ "username": huge, "password": "whatever it is" }),
            )
            .await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{}", answer.text);
        let unknown = app
            .anonymous()
            .post(
                "/api/v1/auth/login",
                &json!({ "username": format!("nobody.{n}"), "password": "whatever it is" }),
            )
            .await;
        assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    }
    // One address, and one key per name tried from it; none for the huge names, refused first.
    assert_eq!(app.state.limiter.keys(), (1, 60));
    let failures = count(
        &app,
        "SELECT COUNT(*) FROM audit_log WHERE event = 'login.failed'",
    )
    .await;
    assert_eq!(failures, 120, "every refused sign-in is audited");
    let longest: i64 = count(
        &app,
        "SELECT MAX(LENGTH(after_json)) FROM audit_log WHERE event = 'login.failed'",
    )
    .await;
    assert!(
        longest < 200,
        "the username is cut in the audit log: {longest}"
    );
}

// ---------------------------------------------------------------------------------------------
// Signing in.

fn login_body(username: &str, password: &str) -> Value {
    json!({ "username": username, "password": password })
}

#[tokio::test]
async fn spaces_case_and_width_do_not_make_another_account_for_the_limiter() {
    let mut options = Options::default();
    options.config.login_attempts_per_minute = 3;
    let app = spawn_app_with(options).await;
    for _ in 0..3 {
        let wrong = app
            .anonymous()
            .post(
                "/api/v1/auth/login",
                &login_body("est.policy", "not the password"),
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    }
    // The bypass: the same account spelled otherwise, with the right password.
    for spelled in [
        "est.policy ",
        " EST.Policy",
        "ｅｓｔ.ｐｏｌｉｃｙ",
        "est.policy\t",
    ] {
        let answer = app
            .anonymous()
            .post("/api/v1/auth/login", &login_body(spelled, PASSWORD))
            .await;
        assert_eq!(
            answer.status,
            StatusCode::TOO_MANY_REQUESTS,
            "{spelled:?}: {}",
            answer.text
        );
        assert_eq!(answer.problem().status, 429);
    }
    // A client is told when to come back.
    let http = reqwest::Client::new();
    let limited = http
        .post(app.url("/api/v1/auth/login"))
        .json(&login_body("est.policy", PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.headers()["retry-after"], "60");
    // Another account is not limited by it.
    let other = app
        .anonymous()
        .post("/api/v1/auth/login", &login_body("est.technical", PASSWORD))
        .await;
    assert_eq!(other.status, StatusCode::OK, "{}", other.text);
}

/// A client whose connections come from another loopback address.
fn from_address(ip: [u8; 4]) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(std::net::IpAddr::from(ip))
        .build()
        .unwrap()
}

async fn login_from(
    app: &TestApp,
    client: &reqwest::Client,
    username: &str,
    password: &str,
) -> StatusCode {
    client
        .post(app.url("/api/v1/auth/login"))
        .json(&login_body(username, password))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn failed_sign_ins_lock_the_account_for_that_address_only_for_a_while_and_tell_its_owner() {
    let app = spawn_app().await;
    let stranger = from_address([127, 0, 0, 1]);
    let owner = from_address([127, 0, 0, 2]);
    for n in 1..=5 {
        let status = login_from(&app, &stranger, "est.policy", &format!("guess number {n}")).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "guess {n}");
    }
    // Locked for the stranger's address, even with the right password.
    assert_eq!(
        login_from(&app, &stranger, "est.policy", PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // The owner, elsewhere, signs in as usual.
    assert_eq!(
        login_from(&app, &owner, "est.policy", PASSWORD).await,
        StatusCode::OK
    );
    // The owner was told, once.
    let mut tx = app.store.read().await.unwrap();
    let mails: Vec<_> = liaison_store::outbox::recent(&mut tx, 100)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.kind == "account.locked")
        .collect();
    drop(tx);
    assert_eq!(mails.len(), 1);
    assert!(mails[0].body.contains("127.0.0.1"), "{}", mails[0].body);
    assert!(mails[0].body.contains("5"), "{}", mails[0].body);
    let locked = count(
        &app,
        "SELECT COUNT(*) FROM audit_log WHERE event = 'login.locked'",
    )
    .await;
    assert_eq!(locked, 1);
    // A minute later the lock is over; one more failure locks for two minutes (backoff).
    app.clock.advance(time::Duration::seconds(61));
    assert_eq!(
        login_from(&app, &stranger, "est.policy", "guess six").await,
        StatusCode::UNAUTHORIZED
    );
    app.clock.advance(time::Duration::seconds(61));
    assert_eq!(
        login_from(&app, &stranger, "est.policy", PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS,
        "still locked after one minute: the second lock is two"
    );
    app.clock.advance(time::Duration::seconds(61));
    assert_eq!(
        login_from(&app, &stranger, "est.policy", PASSWORD).await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_stranger_elsewhere_does_not_spend_the_owners_budget_and_unknown_names_lock_alike() {
    let mut options = Options::default();
    options.config.login_attempts_per_minute = 6;
    let app = spawn_app_with(options).await;
    let stranger = from_address([127, 0, 0, 3]);
    let owner = from_address([127, 0, 0, 4]);
    // Ten tries from the stranger's address: its budget and its lockout, not the owner's.
    let mut statuses = Vec::new();
    for n in 0..10 {
        statuses.push(login_from(&app, &stranger, "EST.Policy ", &format!("guess {n}")).await);
    }
    assert!(
        statuses.contains(&StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    assert_eq!(
        login_from(&app, &owner, "est.policy", PASSWORD).await,
        StatusCode::OK
    );
    // A name no account has answers exactly as one that does: refused five times, then locked.
    let existing: Vec<StatusCode> = {
        let mut out = Vec::new();
        for n in 0..7 {
            out.push(login_from(&app, &owner, "ita.technical", &format!("x{n}")).await);
        }
        out
    };
    let unknown: Vec<StatusCode> = {
        let mut out = Vec::new();
        for n in 0..7 {
            out.push(login_from(&app, &owner, "nosuch.user", &format!("x{n}")).await);
        }
        out
    };
    assert_eq!(existing, unknown);
    assert_eq!(existing[5], StatusCode::TOO_MANY_REQUESTS, "{existing:?}");
    // Only an account's owner is mailed.
    let mut tx = app.store.read().await.unwrap();
    let mails: Vec<String> = liaison_store::outbox::recent(&mut tx, 100)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.kind == "account.locked")
        .map(|m| m.recipient)
        .collect();
    drop(tx);
    assert_eq!(mails.len(), 2, "{mails:?}");
}

#[tokio::test]
async fn wrong_current_passwords_count_like_failed_sign_ins() {
    let app = spawn_app().await;
    let session = app.login("deu.policy").await;
    for n in 1..=5 {
        let wrong = session
            .post(
                "/api/v1/me/password",
                &json!({ "current_password": format!("guess {n}"), "new_password": "a passphrase of mine" }),
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY, "guess {n}");
    }
    let locked = session
        .post(
            "/api/v1/me/password",
            &json!({ "current_password": PASSWORD, "new_password": "a passphrase of mine" }),
        )
        .await;
    assert_eq!(
        locked.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        locked.text
    );
    assert_eq!(
        app.anonymous()
            .post("/api/v1/auth/login", &login_body("deu.policy", PASSWORD))
            .await
            .status,
        StatusCode::TOO_MANY_REQUESTS,
        "the same lock as a sign-in's"
    );
    let same = app.login("deu.technical").await;
    let unchanged = same
        .post(
            "/api/v1/me/password",
            &json!({ "current_password": PASSWORD, "new_password": PASSWORD }),
        )
        .await;
    assert_eq!(unchanged.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unchanged.problem().errors.contains_key("new_password"),
        "{}",
        unchanged.text
    );
}

#[tokio::test]
async fn a_sign_in_form_posted_from_another_site_is_refused() {
    let app = spawn_app().await;
    let http = plain_http();
    let form = [
        ("username", "deu.coordinator"),
        ("password", PASSWORD),
        ("next", "/states"),
    ];
    let post = |origin: Option<String>, fetch_site: Option<&'static str>| {
        let mut request = http.post(app.url("/login")).form(&form);
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        if let Some(site) = fetch_site {
            request = request.header("sec-fetch-site", site);
        }
        request.send()
    };
    for (origin, site) in [
        (Some("http://evil.example"), None),
        (Some("null"), None),
        (None, Some("cross-site")),
        (None, Some("same-site")),
        (Some("http://evil.example"), Some("cross-site")),
    ] {
        let answer = post(origin.map(str::to_owned), site).await.unwrap();
        assert_eq!(
            answer.status(),
            StatusCode::FORBIDDEN,
            "{origin:?} {site:?}"
        );
        assert!(
            answer.headers().get("set-cookie").is_none(),
            "no session cookie"
        );
    }
    // What browsers send from this site's own sign-in page: under its no-referrer policy
    // Chrome names the origin `null`, and says `same-origin`.
    for (origin, site) in [
        (Some(app.base.clone()), Some("same-origin")),
        (Some("null".to_owned()), Some("same-origin")),
        (Some(app.base.clone()), None),
        (None, None),
    ] {
        let same = post(origin.clone(), site).await.unwrap();
        assert_eq!(same.status(), StatusCode::SEE_OTHER, "{origin:?} {site:?}");
        assert!(same.headers().get("set-cookie").is_some());
    }
}

#[tokio::test]
async fn next_only_ever_leads_to_a_page_of_this_site() {
    let app = spawn_app().await;
    let http = plain_http();
    for next in [
        "/%09/evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "https://evil.example/",
    ] {
        let answer = http
            .post(app.url("/login"))
            .form(&[
                ("username", "deu.coordinator"),
                ("password", PASSWORD),
                ("next", next),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), StatusCode::SEE_OTHER);
        let location = answer.headers()["location"].to_str().unwrap().to_owned();
        // A percent-encoded tab stays encoded: a path of this site, not a host.
        assert!(
            location == "/states" || location == "/%09/evil.example/",
            "{next} led to {location}"
        );
    }
    for query in [
        "lang=fr&next=/%0a",
        "lang=fr&next=/%09/evil.example/",
        "lang=de&next=//evil.example",
    ] {
        let answer = http
            .get(app.url(&format!("/language?{query}")))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), StatusCode::SEE_OTHER, "{query}");
        assert_eq!(answer.headers()["location"], "/states", "{query}");
    }
}

#[tokio::test]
async fn common_passwords_and_passwords_with_the_username_are_refused() {
    let app = spawn_app().await;
    let manager = app.login("manager").await;
    let accounts = || count(&app, "SELECT COUNT(*) FROM accounts");
    let before = accounts().await;
    for (password, says) in [
        ("password1234", "most common"),
        ("Qwertyuiop123!", "most common"),
        ("short", "at least 12"),
        ("the new.observer password", "username"),
    ] {
        let answer = manager
            .post(
                "/api/v1/accounts",
                &json!({ "username": "new.observer", "display_name": "New", "email": "new@example.org",
                         "password": password, "role": "observer" }),
            )
            .await;
        assert_eq!(
            answer.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{password}"
        );
        assert!(
            answer.problem().errors["password"].contains(says),
            "{password}: {}",
            answer.text
        );
    }
    assert_eq!(accounts().await, before);
    // The username is normalised as every sign-in normalises it.
    let created = manager
        .post(
            "/api/v1/accounts",
            &json!({ "username": " New.Observer ", "display_name": "New", "email": "new@example.org",
                     "password": "a passphrase of my own", "role": "observer" }),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let again = manager
        .post(
            "/api/v1/accounts",
            &json!({ "username": "new.observer", "display_name": "Twin", "email": "twin@example.org",
                     "password": "a passphrase of my own", "role": "observer" }),
        )
        .await;
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        again.text
    );
    assert!(again.problem().errors["username"].contains("taken"));
    let signed_in = app
        .anonymous()
        .post(
            "/api/v1/auth/login",
            &login_body("NEW.OBSERVER", "a passphrase of my own"),
        )
        .await;
    assert_eq!(signed_in.status, StatusCode::OK);
}

// ---------------------------------------------------------------------------------------------
// The account lifecycle.

async fn account_id(manager: &ApiClient, username: &str) -> AccountId {
    let accounts: Vec<Me> = manager.get("/api/v1/accounts").await.typed();
    accounts
        .into_iter()
        .find(|a| a.username == username)
        .map(|a| a.id)
        .unwrap()
}

async fn events(app: &TestApp, event: &str) -> Vec<(String, String, Value)> {
    let mut tx = app.store.read().await.unwrap();
    let rows: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT actor, subject, after_json FROM audit_log WHERE event = $1 ORDER BY seq",
    )
    .bind(event)
    .fetch_all(&mut *tx)
    .await
    .unwrap();
    rows.into_iter()
        .map(|(actor, subject, after)| {
            let after = after
                .map(|a| serde_json::from_str(&a).unwrap())
                .unwrap_or(Value::Null);
            (actor, subject, after)
        })
        .collect()
}

#[tokio::test]
async fn the_manager_disables_resets_and_changes_accounts_and_every_change_is_audited() {
    let app = spawn_app().await;
    let manager = app.login("manager").await;
    let est = app.login("est.policy").await;
    let id = account_id(&manager, "est.policy").await;
    assert_eq!(est.get("/api/v1/me").await.status, StatusCode::OK);

    // Disabled: its token is refused at once and it cannot sign in.
    let disabled = manager
        .call(
            reqwest::Method::PATCH,
            &format!("/api/v1/accounts/{id}"),
            Some(&json!({ "disabled": true })),
        )
        .await;
    assert_eq!(disabled.status, StatusCode::OK, "{}", disabled.text);
    assert!(disabled.typed::<Me>().disabled);
    assert_eq!(est.get("/api/v1/me").await.status, StatusCode::UNAUTHORIZED);
    let refused = app
        .anonymous()
        .post("/api/v1/auth/login", &login_body("est.policy", PASSWORD))
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    let enabled = manager
        .call(
            reqwest::Method::PATCH,
            &format!("/api/v1/accounts/{id}"),
            Some(&json!({ "disabled": false })),
        )
        .await;
    assert_eq!(enabled.status, StatusCode::OK);
    let est = app.login("est.policy").await;

    // A new password: the old one and every token stop working.
    let reset = manager
        .post(
            &format!("/api/v1/accounts/{id}/password"),
            &json!({ "password": "a fresh passphrase for Estonia" }),
        )
        .await;
    assert_eq!(reset.status, StatusCode::NO_CONTENT, "{}", reset.text);
    assert_eq!(est.get("/api/v1/me").await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.anonymous()
            .post("/api/v1/auth/login", &login_body("est.policy", PASSWORD))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let est = app
        .login_with("est.policy", "a fresh passphrase for Estonia")
        .await;

    // Another role and State, then unlinking and linking the directory contact.
    let moved = manager
        .call(
            reqwest::Method::PATCH,
            &format!("/api/v1/accounts/{id}"),
            Some(&json!({ "role": "observer", "state": null, "contact_id": null })),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
    assert_eq!(moved.typed::<Me>().role, Role::Observer);
    assert_eq!(
        est.get("/api/v1/me").await.status,
        StatusCode::UNAUTHORIZED,
        "a new role signs in again"
    );
    let bad = manager
        .call(
            reqwest::Method::PATCH,
            &format!("/api/v1/accounts/{id}"),
            Some(&json!({ "role": "coordinator" })),
        )
        .await;
    assert_eq!(
        bad.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a coordinator needs a State"
    );
    assert!(bad.problem().errors.contains_key("state"));
    let back = manager
        .call(
            reqwest::Method::PATCH,
            &format!("/api/v1/accounts/{id}"),
            Some(&json!({ "role": "poc", "state": "EST" })),
        )
        .await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.text);

    // A name is required; a contact is one account's.
    let nameless = manager
        .call(
            reqwest::Method::PATCH,
            &format!("/api/v1/accounts/{id}"),
            Some(&json!({ "display_name": "  " })),
        )
        .await;
    assert_eq!(nameless.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(nameless.problem().errors.contains_key("display_name"));
    let technical = app.login("deu.technical").await;
    let taken_contact = technical.get("/api/v1/me").await.typed::<Me>().contact_id;
    let deu_policy = account_id(&manager, "deu.policy").await;
    let taken = manager
        .call(
            reqwest::Method::PATCH,
            &format!("/api/v1/accounts/{deu_policy}"),
            Some(&json!({ "contact_id": taken_contact })),
        )
        .await;
    assert_eq!(
        taken.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        taken.text
    );
    assert!(taken.problem().errors["contact_id"].contains("already linked"));

    // The second factor reset; the manager cannot disable itself.
    let no_totp = manager
        .post(&format!("/api/v1/accounts/{id}/totp/reset"), &json!({}))
        .await;
    assert_eq!(no_totp.status, StatusCode::CONFLICT, "nothing to turn off");
    liaison_testkit::enable_totp_in_store(&app, id, 1).await;
    let totp = manager
        .post(&format!("/api/v1/accounts/{id}/totp/reset"), &json!({}))
        .await;
    assert_eq!(totp.status, StatusCode::NO_CONTENT);
    let own = account_id(&manager, "manager").await;
    let itself = manager
        .call(
            reqwest::Method::PATCH,
            &format!("/api/v1/accounts/{own}"),
            Some(&json!({ "disabled": true })),
        )
        .await;
    assert_eq!(itself.status, StatusCode::CONFLICT);
    assert!(
        itself.problem().errors.contains_key("role"),
        "{}",
        itself.text
    );
    let ended = manager
        .call(
            reqwest::Method::DELETE,
            &format!("/api/v1/accounts/{id}/tokens"),
            None,
        )
        .await;
    assert_eq!(ended.status, StatusCode::OK);

    let changes = events(&app, "account.changed").await;
    assert_eq!(changes.len(), 4, "{changes:?}");
    assert!(
        changes
            .iter()
            .all(|(actor, subject, _)| actor == "manager" && subject == &format!("account/{id}"))
    );
    assert_eq!(changes[0].2["disabled"], true);
    assert_eq!(events(&app, "account.password-changed").await.len(), 1);
    assert_eq!(events(&app, "account.totp-reset").await.len(), 1);
    assert!(events(&app, "token.revoked").await.len() >= 4);
    // Nothing changed for a refused change.
    assert_eq!(
        manager.get(&format!("/api/v1/accounts/{id}")).await.json["account"]["role"],
        "poc"
    );
}

#[tokio::test]
async fn an_account_changes_its_password_and_lists_and_ends_its_own_tokens() {
    let mut options = Options::default();
    options.config.token_hours = 2;
    let app = spawn_app_with(options).await;
    let first = app.login("deu.policy").await;
    let second = app.login("deu.policy").await;
    let tokens = first.get("/api/v1/me/tokens").await;
    assert_eq!(tokens.status, StatusCode::OK);
    let list = tokens.json.as_array().unwrap();
    assert_eq!(list.len(), 2, "{}", tokens.text);
    assert_eq!(list.iter().filter(|t| t["current"] == true).count(), 1);
    assert!(
        list.iter()
            .all(|t| t["kind"] == "api" && t["address"] == "127.0.0.1")
    );
    // The lifetime the operator configured.
    assert!(
        list[0]["expires_at"]
            .as_str()
            .unwrap()
            .starts_with("2027-01-15T12:00:00"),
        "{}",
        tokens.text
    );
    let other = list.iter().find(|t| t["current"] == false).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Ending the other token ends that session only.
    let revoked = first
        .call(
            reqwest::Method::DELETE,
            &format!("/api/v1/me/tokens/{other}"),
            None,
        )
        .await;
    assert_eq!(revoked.status, StatusCode::NO_CONTENT);
    assert_eq!(
        second.get("/api/v1/me").await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(first.get("/api/v1/me").await.status, StatusCode::OK);
    // Another account's token is not this account's to end.
    let theirs = app.login("fra.policy").await;
    let theirs_id = theirs.get("/api/v1/me/tokens").await.typed::<Vec<Token>>()[0]
        .id
        .clone();
    let refused = first
        .call(
            reqwest::Method::DELETE,
            &format!("/api/v1/me/tokens/{theirs_id}"),
            None,
        )
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert_eq!(theirs.get("/api/v1/me").await.status, StatusCode::OK);

    // The password: the current one is asked; every other session ends.
    let third = app.login("deu.policy").await;
    let wrong = first
        .post(
            "/api/v1/me/password",
            &json!({ "current_password": "not it", "new_password": "my own long passphrase" }),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.problem().errors.contains_key("current_password"));
    let weak = first
        .post(
            "/api/v1/me/password",
            &json!({ "current_password": PASSWORD, "new_password": "deu.policy-2027" }),
        )
        .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        weak.problem().errors.contains_key("new_password"),
        "{}",
        weak.text
    );
    let changed = first
        .post(
            "/api/v1/me/password",
            &json!({ "current_password": PASSWORD, "new_password": "my own long passphrase" }),
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.text);
    assert_eq!(changed.json["ended"], 1);
    assert_eq!(
        third.get("/api/v1/me").await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(first.get("/api/v1/me").await.status, StatusCode::OK);
    // Signing out everywhere ends this one too.
    let everywhere = first
        .call(reqwest::Method::DELETE, "/api/v1/me/tokens", None)
        .await;
    assert_eq!(everywhere.status, StatusCode::OK);
    assert_eq!(
        first.get("/api/v1/me").await.status,
        StatusCode::UNAUTHORIZED
    );
    // Two hours after it was issued a token is over.
    let fresh = app.login_with("deu.policy", "my own long passphrase").await;
    app.clock.advance(time::Duration::minutes(121));
    assert_eq!(
        fresh.get("/api/v1/me").await.status,
        StatusCode::UNAUTHORIZED
    );
}

// ---------------------------------------------------------------------------------------------
// The operator stays blind.

#[tokio::test]
async fn plaintext_appended_after_the_ciphertext_is_refused_and_nothing_is_stored() {
    use crate::channel::{content, keys, public_keys, request_body, sealed};
    let app = spawn_app().await;
    let deu = app.login("deu.technical").await;
    let view = keys(&deu, "EST", "technical").await;
    let message = sealed(&public_keys(&view), &content("Phishing wave"));
    let mut binary = liaison_core::channel::envelope::binary(message.as_bytes()).unwrap();
    // A Literal Data packet after the encrypted one: readable text for the operator.
    let text = b"the server and the recipients read this";
    binary.extend([
        0xCB,
        u8::try_from(6 + text.len()).unwrap(),
        b'b',
        0,
        0,
        0,
        0,
        0,
    ]);
    binary.extend(text);
    let smuggled = liaison_core::channel::envelope::armored(&binary).unwrap();
    let requests = || count(&app, "SELECT COUNT(*) FROM channel_messages");
    let before = requests().await;
    let refused = deu
        .post("/api/v1/requests", &request_body(&["EST"], &smuggled))
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.text
    );
    assert!(refused.text.contains("Literal Data"), "{}", refused.text);
    assert_eq!(requests().await, before);
    // The message as the client sealed it goes through.
    let sent = deu
        .post("/api/v1/requests", &request_body(&["EST"], &message))
        .await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.text);
}

// ---------------------------------------------------------------------------------------------
// Audit and visibility.

#[tokio::test]
async fn sign_ins_sign_outs_and_tokens_are_audited_and_a_page_action_carries_its_request_id() {
    let app = spawn_app().await;
    let typed = "Deu.Coordinator ";
    let wrong = app
        .anonymous()
        .post("/api/v1/auth/login", &login_body(typed, "not the password"))
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let failed = events(&app, "login.failed").await;
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].2["username"], typed, "as typed");
    assert_eq!(failed[0].2["address"], "127.0.0.1");
    assert_eq!(failed[0].2["refused"], "password");
    let client = app.login("deu.coordinator").await;
    let issued = events(&app, "token.issued").await;
    let token_id = issued.last().unwrap().2["token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(token_id.len(), 16);
    assert!(
        !issued
            .last()
            .unwrap()
            .2
            .to_string()
            .contains(client.token.as_deref().unwrap())
    );
    let out = client.post("/api/v1/auth/logout", &json!({})).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    let logged_out = events(&app, "login.logged-out").await;
    assert_eq!(logged_out.len(), 1);
    assert_eq!(logged_out[0].2["token"], token_id.as_str());

    // A page's action is audited with the request id its response names.
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let signed_in = http
        .post(app.url("/login"))
        .form(&[("username", "deu.coordinator"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), StatusCode::SEE_OTHER);
    let page = http
        .get(app.url("/states/DEU"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf_at = page.find("name=\"csrf\" value=\"").unwrap() + 19;
    let csrf = &page[csrf_at..csrf_at + page[csrf_at..].find('"').unwrap()];
    let confirmed = http
        .post(app.url("/states/DEU/confirm"))
        .form(&[("csrf", csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(confirmed.status(), StatusCode::SEE_OTHER);
    let request_id = confirmed.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let mut tx = app.store.read().await.unwrap();
    let audited: String = sqlx::query_scalar(
        "SELECT request_id FROM audit_log WHERE event = 'state.confirmed' ORDER BY seq DESC LIMIT 1",
    )
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    assert_eq!(audited, request_id);
    assert_ne!(audited, "web");
}

#[tokio::test]
async fn the_auditor_sees_who_changed_a_contact_but_never_the_persons_details() {
    let app = spawn_app().await;
    let auditor = app.login("auditor").await;
    let page = auditor.get("/api/v1/audit?limit=500").await;
    assert_eq!(page.status, StatusCode::OK);
    let created: Vec<&Value> = page.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event"] == "contact.created")
        .collect();
    assert!(!created.is_empty());
    for entry in &created {
        let after = &entry["after"];
        assert!(after["state"].is_string(), "who and where stay: {after}");
        assert!(
            after["name"].as_str().unwrap().starts_with("hmac:"),
            "{after}"
        );
        assert!(
            after["email"].as_str().unwrap().starts_with("hmac:"),
            "{after}"
        );
    }
    for detail in ["Dr. Anna Weber", "@demo-de.example", "+49 228"] {
        assert!(!page.text.contains(detail), "the auditor reads '{detail}'");
    }
    // The chain still verifies: the hashing is only how the entries are shown.
    let verified = auditor.get("/api/v1/audit/verify").await;
    assert!(
        verified.typed::<AuditVerification>().intact,
        "{}",
        verified.text
    );
}

#[tokio::test]
async fn observers_read_the_transparency_log_which_holds_no_personal_details() {
    let app = spawn_app().await;
    let coordinator = app.login("deu.coordinator").await;
    let contacts = coordinator.entry("DEU").await.contacts;
    let observer = app.login("observer").await;
    for contact in &contacts {
        let id = contact.id;
        let entries = observer
            .get(&format!("/api/v1/transparency/contacts/{id}"))
            .await;
        assert_eq!(entries.status, StatusCode::OK, "{}", entries.text);
        let details = &contact.details;
        for detail in [&details.name, &details.email, &details.phone] {
            assert!(
                detail.is_empty() || !entries.text.contains(detail),
                "the observer reads '{detail}'"
            );
        }
    }
    // The contact itself stays closed to the observer.
    let id = contacts[0].id;
    assert_eq!(
        observer.get(&format!("/api/v1/contacts/{id}")).await.status,
        StatusCode::FORBIDDEN
    );
}

// ---------------------------------------------------------------------------------------------
// Also.

#[tokio::test]
async fn over_https_every_answer_carries_hsts_and_security_txt_says_where_to_report() {
    let app = spawn_app().await;
    let plain = reqwest::get(app.url("/healthz")).await.unwrap();
    assert!(plain.headers().get("strict-transport-security").is_none());
    assert_eq!(
        reqwest::get(app.url("/.well-known/security.txt"))
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND,
        "no contact configured, no file"
    );
    let base = crate::serve_with(&app, |config| {
        config.public_url = "https://liaison.example.org".into();
        config.security.contact = vec!["mailto:security@liaison.example.org".into()];
        config.security.preferred_languages = vec!["en".into(), "fr".into()];
    })
    .await;
    let answer = reqwest::get(format!("{base}/healthz")).await.unwrap();
    assert_eq!(
        answer.headers()["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
    let file = reqwest::get(format!("{base}/.well-known/security.txt"))
        .await
        .unwrap();
    assert_eq!(file.status(), StatusCode::OK);
    let text = file.text().await.unwrap();
    assert!(
        text.contains("Contact: mailto:security@liaison.example.org\n"),
        "{text}"
    );
    assert!(text.contains("Expires: 2027-07-14T10:00:00Z\n"), "{text}");
    assert!(text.contains("Preferred-Languages: en, fr\n"), "{text}");
    assert!(
        text.contains("Canonical: https://liaison.example.org/.well-known/security.txt\n"),
        "{text}"
    );
}

#[tokio::test]
async fn files_detached_from_every_version_are_counted_for_the_operator() {
    let app = spawn_app().await;
    open_cycle(&app, &["threats"]).await;
    let deu = app.login("deu.coordinator").await;
    let metric = |text: &str| {
        text.lines()
            .find(|l| l.starts_with("liaison_exchange_unreferenced_attachments "))
            .and_then(|l| l.split(' ').nth(1))
            .map(|v| v.parse::<i64>().unwrap())
    };
    let before = metric(
        &reqwest::get(app.url("/metrics"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(before, Some(0));
    let attached = deu
        .post_file(
            "/api/v1/exchange/cycles/2027/submissions/DEU/sections/threats/attachments",
            "file",
            "annex.pdf",
            "application/pdf",
            b"%PDF-1.4 annex".to_vec(),
        )
        .await;
    assert_eq!(attached.status, StatusCode::CREATED, "{}", attached.text);
    let id = attached.typed::<Submission>().draft[0].attachments[0].id;
    let detached = deu
        .call(
            reqwest::Method::DELETE,
            &format!(
                "/api/v1/exchange/cycles/2027/submissions/DEU/sections/threats/attachments/{id}"
            ),
            None,
        )
        .await;
    assert_eq!(detached.status, StatusCode::OK, "{}", detached.text);
    // The first version still carries it: only files no version carries count.
    let after = metric(
        &reqwest::get(app.url("/metrics"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(after, Some(0));
    let mut tx = app.store.begin().await.unwrap();
    sqlx::query(
        "INSERT INTO exchange_attachments (submission_id, name, content_type, size, sha256, data, added_at, added_by) \
         SELECT submission_id, 'orphan.bin', 'application/octet-stream', 5, 'x', data, added_at, added_by FROM exchange_attachments LIMIT 1",
    )
    .execute(&mut *tx)
    .await
    .unwrap();
    liaison_store::commit(tx).await.unwrap();
    let orphaned = metric(
        &reqwest::get(app.url("/metrics"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(orphaned, Some(1));
}

#[tokio::test]
async fn a_body_too_large_for_the_server_is_a_readable_page_for_a_form_and_a_problem_for_the_api() {
    let app = spawn_app().await;
    let limit =
        liaison_server::middleware::MAX_BODY_BYTES.max(app.state.config.channel.max_body_bytes());
    let huge = "x".repeat(limit + 1);

    let browser = app.web_session("deu.coordinator").await;
    let form = browser
        .post(app.url("/states/DEU/contacts"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("name={huge}"))
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let content_type = form.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(content_type.starts_with("text/html"), "{content_type}");
    let page = form.text().await.unwrap();
    assert!(page.contains("<html"), "{page}");
    assert!(page.contains("larger than this server accepts"), "{page}");

    let api = app.login("deu.coordinator").await;
    let answer = api
        .post_bytes(
            "/api/v1/states/DEU/contacts",
            "application/json",
            huge.into_bytes(),
        )
        .await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(answer.content_type, "application/problem+json");
    assert_eq!(answer.problem().status, 413);
}
