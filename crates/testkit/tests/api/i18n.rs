//! The interface in the six languages: a coordinator, the auditor and the network manager sign
//! in through the web form, choose a language, and every page they can open renders in it, with
//! no message missing and no placeable left unfilled. The login page follows the language cookie
//! and `Accept-Language`.

use liaison_server::i18n::tr;
use liaison_testkit::{PASSWORD, TestApp, spawn_app};
use reqwest::StatusCode;

/// Per language: its code and, written out here rather than looked up, the label of the
/// security link of the navigation and the button of the login form.
const LANGUAGES: [(&str, &str, &str); 6] = [
    ("en", "Security", "Sign in"),
    ("fr", "Sécurité", "Se connecter"),
    ("de", "Sicherheit", "Anmelden"),
    ("it", "Sicurezza", "Accedi"),
    ("ru", "Безопасность", "Войти"),
    ("es", "Seguridad", "Iniciar sesión"),
];

/// The English catalogue, for the message ids that must never show on a page (those with a
/// hyphen: `yes`, `no` and `missing` are ids and English words alike).
const ENGLISH: &str = include_str!("../../../server/locales/en/main.ftl");

const FILTERS: [&str; 7] = [
    "all",
    "overdue",
    "due-soon",
    "late",
    "no-policy",
    "no-technical",
    "incomplete",
];

fn message_ids() -> Vec<&'static str> {
    ENGLISH
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim()))
        .filter(|id| id.contains('-'))
        .collect()
}

/// The HTML escaping of the templates (minijinja's), to find a message in a page.
fn escaped(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            '/' => out.push_str("&#x2f;"),
            c => out.push(c),
        }
    }
    out
}

fn cookie_client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap()
}

/// The value of the first hidden `csrf` input of a page.
fn csrf(html: &str) -> String {
    let (_, rest) = html
        .split_once(r#"name="csrf" value=""#)
        .expect("a form with a csrf field");
    rest.split('"').next().unwrap().to_owned()
}

/// Fetches a page and checks it is in `lang` with every message resolved.
async fn page(client: &reqwest::Client, app: &TestApp, lang: &str, path: &str) -> String {
    let response = client.get(app.url(path)).send().await.unwrap();
    let status = response.status();
    let html = response.text().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{lang} {path}: {html}");
    assert_resolved(&html, lang, path);
    html
}

fn assert_resolved(html: &str, lang: &str, path: &str) {
    assert!(
        html.contains(&format!(r#"<html lang="{lang}">"#)),
        "{lang} {path}: not marked as {lang}"
    );
    assert!(
        !html.contains("Unknown localization"),
        "{lang} {path}: a message is missing"
    );
    assert!(
        !html.contains("{$") && !html.contains("{ $"),
        "{lang} {path}: a placeable was left unfilled"
    );
    for id in message_ids() {
        assert!(
            !html.contains(&format!(">{id}<")) && !html.contains(&format!("> {id}<")),
            "{lang} {path}: the message id {id} shows instead of its text"
        );
    }
    assert!(!html.contains("nav-directory"), "{lang} {path}");
}

fn assert_has(html: &str, lang: &str, path: &str, key: &str) {
    let text = escaped(&tr(lang, key));
    assert!(
        html.contains(&text),
        "{lang} {path}: {key} ({text}) is not on the page"
    );
}

/// Signs in through the login form and switches the account to `lang` with the language form.
async fn sign_in(app: &TestApp, username: &str, lang: &str) -> reqwest::Client {
    let client = cookie_client();
    let response = client
        .post(app.url("/login"))
        .form(&[
            ("username", username),
            ("password", PASSWORD),
            ("next", "/account/totp"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "login of {username}");
    assert_eq!(response.url().path(), "/account/totp");
    let html = response.text().await.unwrap();
    let response = client
        .post(app.url("/account/language"))
        .form(&[
            ("csrf", csrf(&html).as_str()),
            ("lang", lang),
            ("next", "/account/totp"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "{username} chooses {lang}"
    );
    let html = response.text().await.unwrap();
    assert_resolved(&html, lang, "/account/language");
    client
}

/// The id of the first contact linked from a State's page.
fn first_contact(html: &str) -> i64 {
    let (_, rest) = html
        .split_once(r#"href="/contacts/"#)
        .expect("a contact on the page");
    rest.chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn every_page_renders_in_each_of_the_six_languages() {
    let app = spawn_app().await;
    for (lang, security, sign_in_label) in LANGUAGES {
        let coordinator = sign_in(&app, "deu.coordinator", lang).await;
        let states = page(&coordinator, &app, lang, "/states").await;
        assert!(
            states.contains(&format!(r#"<a href="/account">{security}</a>"#)),
            "{lang}: the navigation is translated"
        );
        assert_has(&states, lang, "/states", "states-title");
        assert_has(&states, lang, "/states", "role-coordinator");
        assert_has(&states, lang, "/states", "state-status-participating");
        for filter in FILTERS {
            let path = format!("/states?filter={filter}");
            let html = page(&coordinator, &app, lang, &path).await;
            assert_has(&html, lang, &path, &format!("filter-{filter}"));
        }

        let deu = page(&coordinator, &app, lang, "/states/DEU").await;
        assert_has(&deu, lang, "/states/DEU", "contact-add");
        assert_has(&deu, lang, "/states/DEU", "level-policy");
        assert_has(&deu, lang, "/states/DEU", "section-structures");
        let fra = page(&coordinator, &app, lang, "/states/FRA").await;
        assert_has(&fra, lang, "/states/FRA", "col-last-confirmed");

        let id = first_contact(&deu);
        for (path, key) in [
            (format!("/contacts/{id}"), "history-title"),
            (format!("/contacts/{id}/edit"), "contact-edit-title"),
            (format!("/contacts/{id}/key"), "key-intro"),
            ("/states/DEU/contacts/new".to_owned(), "contact-new-title"),
            ("/directory/import".to_owned(), "import-intro"),
            ("/account/totp".to_owned(), "totp-intro"),
            ("/account".to_owned(), "account-tokens-intro"),
        ] {
            let html = page(&coordinator, &app, lang, &path).await;
            assert_has(&html, lang, &path, key);
        }

        let auditor = sign_in(&app, "auditor", lang).await;
        let audit = page(&auditor, &app, lang, "/audit").await;
        assert_has(&audit, lang, "/audit", "audit-title");
        let verified = page(&auditor, &app, lang, "/audit?verify=1").await;
        assert!(
            verified.contains(r#"<p class="ok" role="status">"#),
            "{lang}: the chain is reported intact"
        );

        let manager = sign_in(&app, "manager", lang).await;
        let accounts = page(&manager, &app, lang, "/accounts").await;
        assert_has(&accounts, lang, "/accounts", "accounts-title");
        assert_has(&accounts, lang, "/accounts", "role-observer");
        // The communication checks: the list with its chart, the launch form, a check's results
        // with every outcome of the demo, a contact's history, the unreachable filter.
        for (path, key) in [
            ("/checks", "checks-trend-title"),
            ("/checks", "scope-all"),
            ("/checks/new", "field-spread-hint"),
            ("/checks/new", "region-central-asia"),
            ("/checks/2", "check-states-caption"),
            ("/checks/2", "outcome-no-answer"),
            ("/checks/2", "outcome-on-time"),
            ("/states?filter=unreachable", "col-unreachable"),
            ("/states/AUT", "unreachable"),
        ] {
            let html = page(&manager, &app, lang, path).await;
            assert_has(&html, lang, path, key);
        }
        let svg = manager
            .get(app.url("/checks/trend.svg"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let rate = liaison_server::i18n::tr(lang, "checks-response-rate");
        assert!(
            svg.contains(&escaped(&rate)),
            "{lang}: the chart says {rate}"
        );
        let observer = sign_in(&app, "observer", lang).await;
        let figures = page(&observer, &app, lang, "/checks/1").await;
        assert_has(&figures, lang, "/checks/1", "check-aggregate-only");
        assert!(
            !figures.contains("@demo-"),
            "{lang}: the observer sees no contact"
        );

        // Before signing in: the language cookie, as set by the links of the login page.
        let anonymous = cookie_client();
        let response = anonymous
            .get(app.url(&format!("/language?lang={lang}&next=/login")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.url().path(), "/login");
        let login = response.text().await.unwrap();
        assert_resolved(&login, lang, "/login (cookie)");
        assert!(
            login.contains(&escaped(sign_in_label)),
            "{lang}: login button"
        );
        assert_has(&login, lang, "/login", "login-intro");

        // And the browser's Accept-Language.
        let response = reqwest::Client::new()
            .get(app.url("/login"))
            .header("accept-language", format!("{lang};q=0.9, pt;q=0.8"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let login = response.text().await.unwrap();
        assert_resolved(&login, lang, "/login (Accept-Language)");
        assert!(
            login.contains(&escaped(sign_in_label)),
            "{lang}: login button"
        );
    }
}
