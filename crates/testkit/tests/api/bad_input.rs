//! Bad input through the API: every malformed or invalid request gets a clear 4xx
//! `application/problem+json` answer (a stable `type`, a `detail`, per-field `errors` for
//! validation, line numbers for files) and changes nothing: Germany's contacts, the subject
//! contact's history and the audit log are the same after the refusal as before it.

use liaison_core::clock::Clock;
use liaison_testkit::{Answer, ApiClient, Options, PASSWORD, TestApp, contact_body, spawn_app};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const GARBAGE_KEY: &[u8] = include_bytes!("../../../core/tests/fixtures/keys/garbage.bin");
const SECRET_KEY: &str = include_str!("../../../core/tests/fixtures/keys/secret.asc");
const EXPIRED_KEY: &str = include_str!("../../../core/tests/fixtures/keys/expired.asc");
const SIGN_ONLY_KEY: &str = include_str!("../../../core/tests/fixtures/keys/sign-only.asc");
const REVOKED_KEY: &str = include_str!("../../../core/tests/fixtures/keys/revoked.asc");
const VALID_KEY: &str = include_str!("../../../core/tests/fixtures/keys/valid-ed25519.asc");

const CSV_HEADER: &str = "id,state,kind,structure_kind,name,function,organisation,email,phone,available_24_7,time_zone,languages,deputy,website,notes,effective_on\r\n";

/// A running app with the clients the checks use, logged in before anything is measured.
struct Setup {
    app: TestApp,
    coordinator: ApiClient,
    manager: ApiClient,
    auditor: ApiClient,
    /// Germany's technical point of contact (with a registered key).
    contact: i64,
}

async fn setup() -> Setup {
    let app = spawn_app().await;
    let coordinator = app.login("deu.coordinator").await;
    let manager = app.login("manager").await;
    let auditor = app.login("auditor").await;
    let entry = manager.get("/api/v1/states/DEU").await;
    let contact = entry.json["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["level"] == "technical")
        .and_then(|c| c["id"].as_i64())
        .unwrap();
    Setup {
        app,
        coordinator,
        manager,
        auditor,
        contact,
    }
}

/// Everything a refused request must leave alone.
#[derive(Debug, PartialEq)]
struct Snapshot {
    contacts: Vec<Value>,
    history: Value,
    audit_rows: u64,
}

async fn contacts_of(client: &ApiClient, code: &str) -> Vec<Value> {
    let entry = client
        .get(&format!("/api/v1/states/{code}?include_retired=true"))
        .await;
    assert_eq!(entry.status, StatusCode::OK, "{}", entry.text);
    entry.json["contacts"].as_array().unwrap().clone()
}

async fn snapshot(setup: &Setup) -> Snapshot {
    let history = setup
        .manager
        .get(&format!("/api/v1/contacts/{}/history", setup.contact))
        .await;
    let verified = setup.auditor.get("/api/v1/audit/verify").await;
    assert_eq!(verified.json["intact"], true);
    Snapshot {
        contacts: contacts_of(&setup.manager, "DEU").await,
        history: history.json,
        audit_rows: verified.json["rows"].as_u64().unwrap(),
    }
}

/// The answer is a problem of `status` and `kind` (`/problems/<kind>`) with a detail, and, for
/// validation, a message for `field`.
fn assert_problem(answer: &Answer, status: u16, kind: &str, field: Option<&str>, label: &str) {
    assert_eq!(
        answer.status.as_u16(),
        status,
        "{label}: status; body {}",
        answer.text
    );
    assert!(
        answer.content_type.starts_with("application/problem+json"),
        "{label}: content type {}",
        answer.content_type
    );
    let problem = answer.problem();
    assert_eq!(problem.kind, format!("/problems/{kind}"), "{label}");
    assert_eq!(problem.status, status, "{label}");
    assert!(!problem.detail.trim().is_empty(), "{label}: a detail");
    if let Some(field) = field {
        let message = problem.errors.get(field).cloned().unwrap_or_default();
        assert!(
            !message.is_empty(),
            "{label}: a message for '{field}' in {}",
            answer.text
        );
    }
}

fn good_contact() -> Value {
    contact_body(
        "technical",
        "Night shift",
        "night@demo-de.example",
        "2027-01-10",
    )
}

fn with(field: &str, value: Value) -> Value {
    let mut body = good_contact();
    body[field] = value;
    body
}

fn without(field: &str) -> Value {
    let mut body = good_contact();
    body.as_object_mut().unwrap().remove(field);
    body
}

/// A request with a raw body, for what a JSON value cannot express.
struct Raw {
    method: Method,
    path: String,
    content_type: &'static str,
    body: Vec<u8>,
}

async fn send_raw(client: &ApiClient, raw: &Raw) -> Answer {
    let mut builder = client
        .http
        .request(raw.method.clone(), format!("{}{}", client.base, raw.path))
        .header("content-type", raw.content_type)
        .body(raw.body.clone());
    if let Some(token) = &client.token {
        builder = builder.bearer_auth(token);
    }
    client.send(builder).await
}

/// A JSON-shaped or raw request with the problem it must get: (label, request, status, type,
/// field that must carry a message, text the detail must name).
type Case = (
    &'static str,
    Raw,
    u16,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

fn json_case(
    label: &'static str,
    method: Method,
    path: &str,
    body: &Value,
    expect: (
        u16,
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
    ),
) -> Case {
    (
        label,
        Raw {
            method,
            path: path.to_owned(),
            content_type: "application/json",
            body: serde_json::to_vec(body).unwrap(),
        },
        expect.0,
        expect.1,
        expect.2,
        expect.3,
    )
}

#[rustfmt::skip]
fn contact_cases(contact: i64) -> Vec<Case> {
    let create = "/api/v1/states/DEU/contacts";
    let update = format!("/api/v1/contacts/{contact}");
    let retire = format!("/api/v1/contacts/{contact}/retire");
    let (post, put) = (|| Method::POST, || Method::PUT);
    let invalid = |field: &'static str| (422, "validation", Some(field), None);
    // A body that is JSON but not the schema's: the field is named, and the detail says what
    // was expected there.
    let field_naming = |field: &'static str, text: &'static str| (422, "validation", Some(field), Some(text));
    let bad_request = |text: Option<&'static str>| (400, "bad-request", None, text);
    let not_found = |text: &'static str| (404, "not-found", None, Some(text));
    let raw = |content_type: &'static str, body: Vec<u8>| Raw { method: post(), path: create.into(), content_type, body };
    vec![
        ("malformed JSON", raw("application/json", br#"{"kind": "poc", "level": "#.to_vec()), 400, "bad-request", None, None),
        ("wrong content type", raw("text/plain", serde_json::to_vec(&good_contact()).unwrap()), 400, "bad-request", None, Some("application/json")),
        json_case("unknown kind", post(), create, &with("kind", json!("person")), field_naming("kind", "person")),
        json_case("unknown level", post(), create, &with("level", json!("strategic")), field_naming("level", "strategic")),
        json_case("missing email", post(), create, &without("email"), field_naming("email", "email")),
        json_case("missing name", post(), create, &without("name"), field_naming("name", "name")),
        json_case("missing effective date", post(), create, &without("effective_on"), field_naming("effective_on", "effective_on")),
        json_case("a word for a yes/no", post(), create, &with("available_24_7", json!("yes")), field_naming("available_24_7", "boolean")),
        json_case("a number among languages", post(), create, &with("languages", json!(["de", 5])), field_naming("languages[1]", "string")),
        json_case("a null among languages", post(), create, &with("languages", json!(["de", null])), field_naming("languages[1]", "null")),
        json_case("a date not a date", post(), create, &with("effective_on", json!("next week")), field_naming("effective_on", "YYYY-MM-DD")),
        json_case("an array for a contact", post(), create, &json!([1]), field_naming("body", "expected a contact")),
        json_case("a point of contact without a level", post(), create, &without("level"), field_naming("level", "needs a level")),
        json_case("a point of contact with a structure", post(), create, &with("structure", json!("national-csirt")), field_naming("structure", "not a structure")),
        json_case("a structure with a level", post(), create, &with("kind", json!("structure")), field_naming("structure", "needs a structure")),
        json_case("email", post(), create, &with("email", json!("not an address")), invalid("email")),
        json_case("phone", post(), create, &with("phone", json!("0228 99 9582")), invalid("phone")),
        json_case("time zone", post(), create, &with("time_zone", json!("Mars/Olympus")), invalid("time_zone")),
        json_case("website", post(), create, &with("website", json!("ftp://cert.example")), invalid("website")),
        json_case("effective date more than a year ahead", post(), create, &with("effective_on", json!("2028-03-01")), invalid("effective_on")),
        json_case("empty name", post(), create, &with("name", json!("  ")), invalid("name")),
        json_case("email on change", put(), &update, &with("email", json!("nobody@")), invalid("email")),
        json_case("effective date on change", put(), &update, &with("effective_on", json!("2029-01-01")), invalid("effective_on")),
        json_case("retired more than a year ahead", post(), &retire, &json!({ "effective_on": "2030-01-01" }), invalid("effective_on")),
        json_case("non-numeric id", put(), "/api/v1/contacts/abc", &good_contact(), bad_request(None)),
        json_case("bad State code", post(), "/api/v1/states/DE/contacts", &good_contact(), bad_request(Some("DE"))),
        json_case("digits for a State code", post(), "/api/v1/states/D3U/contacts", &good_contact(), bad_request(Some("D3U"))),
        json_case("unknown State", post(), "/api/v1/states/ZZZ/contacts", &good_contact(), not_found("ZZZ")),
        json_case("unknown contact", put(), "/api/v1/contacts/987654", &good_contact(), not_found("987654")),
    ]
}

#[tokio::test]
async fn bad_contact_bodies_and_paths_get_a_problem_and_change_nothing() {
    let setup = setup().await;
    let before = snapshot(&setup).await;
    for (label, raw, status, kind, field, names) in contact_cases(setup.contact) {
        let answer = send_raw(&setup.coordinator, &raw).await;
        assert_problem(&answer, status, kind, field, label);
        if let Some(text) = names {
            assert!(
                answer.problem().detail.contains(text),
                "{label}: the detail names '{text}': {}",
                answer.text
            );
        }
        assert_eq!(snapshot(&setup).await, before, "{label} changed something");
    }
}

#[tokio::test]
async fn bad_paths_of_reads_get_a_problem() {
    let setup = setup().await;
    let cases = [
        ("/api/v1/contacts/abc", 400, "bad-request"),
        ("/api/v1/contacts/1.5/history", 400, "bad-request"),
        (
            "/api/v1/contacts/99999999999999999999999",
            400,
            "bad-request",
        ),
        ("/api/v1/contacts/987654", 404, "not-found"),
        ("/api/v1/states/DE", 400, "bad-request"),
        ("/api/v1/states/DEUT", 400, "bad-request"),
        ("/api/v1/states/ZZZ", 404, "not-found"),
        ("/api/v1/states/ZZZ/contacts.vcf", 404, "not-found"),
        ("/api/v1/states?filter=everything", 400, "bad-request"),
        ("/api/v1/audit?cursor=yesterday", 400, "bad-request"),
    ];
    for (path, status, kind) in cases {
        let client = if path.starts_with("/api/v1/audit") {
            &setup.auditor
        } else {
            &setup.manager
        };
        let answer = client.get(path).await;
        assert_problem(&answer, status, kind, None, path);
    }
}

fn csv_row(line: &str) -> String {
    format!("{line}\r\n")
}

async fn import(client: &ApiClient, csv: &str) -> Answer {
    client
        .post_bytes(
            "/api/v1/directory/import",
            "text/csv",
            csv.as_bytes().to_vec(),
        )
        .await
}

/// The problem lists `line` with a message mentioning `text`.
fn assert_line(answer: &Answer, line: u64, text: &str) {
    let lines = answer.json["lines"].as_array().unwrap_or_else(|| {
        panic!("lines in {}", answer.text);
    });
    assert!(
        lines
            .iter()
            .any(|l| l["line"] == line && l["message"].as_str().unwrap().contains(text)),
        "line {line} mentioning '{text}' in {}",
        answer.text
    );
}

#[tokio::test]
async fn a_csv_file_with_bad_rows_is_refused_with_line_numbers_and_imports_nothing() {
    let setup = setup().await;
    let before = snapshot(&setup).await;
    let csv = [
        CSV_HEADER.to_owned(),
        csv_row(",DEU,policy,,Good row,Envoy,Ministry,good@example.org,+49 30 1234567,no,Europe/Berlin,en,no,,,2027-01-10"),
        csv_row(",DEU,policy,,Bad email,Envoy,Ministry,not-an-email,+49 30 1234567,no,Europe/Berlin,en,no,,,2027-01-10"),
        csv_row(",DEU,strategic,,Bad kind,Envoy,Ministry,kind@example.org,+49 30 1234567,no,Europe/Berlin,en,no,,,2027-01-10"),
        csv_row(",DEU,technical,,Bad zone,Duty,CERT,zone@example.org,+49 30 1234567,yes,Berlin,en,no,,,2027-01-10"),
    ]
    .concat();
    let answer = import(&setup.coordinator, &csv).await;
    assert_problem(&answer, 422, "import", None, "bad rows");
    assert_line(&answer, 3, "email");
    assert_line(&answer, 4, "kind");
    assert_line(&answer, 5, "time_zone");
    assert!(
        answer.json["lines"]
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["line"] != 2),
        "the good row is not blamed: {}",
        answer.text
    );
    assert_eq!(snapshot(&setup).await, before, "nothing was imported");

    for (label, file) in [
        ("empty file", String::new()),
        (
            "header missing columns",
            "id,state,name\r\n,DEU,X\r\n".to_owned(),
        ),
        (
            "unclosed quote",
            format!("{CSV_HEADER},DEU,policy,,\"Unclosed,Envoy\r\n"),
        ),
    ] {
        let answer = import(&setup.coordinator, &file).await;
        assert_problem(&answer, 422, "import", None, label);
        assert!(
            answer.json["lines"]
                .as_array()
                .is_some_and(|l| !l.is_empty()),
            "{label}: lines in {}",
            answer.text
        );
        assert_eq!(snapshot(&setup).await, before, "{label} imported something");
    }
}

#[tokio::test]
async fn a_coordinators_csv_rows_for_another_state_are_refused() {
    let setup = setup().await;
    let before = snapshot(&setup).await;
    let france_before = contacts_of(&setup.manager, "FRA").await;
    let csv = [
        CSV_HEADER.to_owned(),
        csv_row(",DEU,policy,,Own row,Envoy,Ministry,own@example.org,+49 30 1234567,no,Europe/Berlin,en,no,,,2027-01-10"),
        csv_row(",FRA,policy,,Foreign row,Envoy,Ministere,foreign@example.org,+33 1 23456789,no,Europe/Paris,fr,no,,,2027-01-10"),
    ]
    .concat();
    let answer = import(&setup.coordinator, &csv).await;
    assert!(answer.status.is_client_error(), "{}", answer.text);
    assert_problem(&answer, 422, "import", None, "another State's row");
    assert_line(&answer, 3, "FRA");
    assert_eq!(snapshot(&setup).await, before, "not even the own row");
    assert_eq!(contacts_of(&setup.manager, "FRA").await, france_before);

    // A row that names a French contact by id under Germany is refused too.
    let french_id = france_before[0]["id"].as_i64().unwrap();
    let csv = [
        CSV_HEADER.to_owned(),
        csv_row(&format!("{french_id},DEU,policy,,Hijack,Envoy,Ministry,own@example.org,+49 30 1234567,no,Europe/Berlin,en,no,,,2027-01-10")),
    ]
    .concat();
    let answer = import(&setup.coordinator, &csv).await;
    assert_problem(&answer, 422, "import", None, "another State's contact id");
    assert_line(&answer, 2, "another State");
    assert_eq!(snapshot(&setup).await, before);
    assert_eq!(contacts_of(&setup.manager, "FRA").await, france_before);
}

#[tokio::test]
async fn unusable_keys_are_refused_and_a_key_registers_once() {
    let setup = setup().await;
    let path = format!("/api/v1/contacts/{}/key", setup.contact);
    let before = snapshot(&setup).await;
    let garbage = String::from_utf8_lossy(GARBAGE_KEY).into_owned();
    let cases = [
        ("garbage", garbage.as_str(), "not an OpenPGP public key"),
        ("not a key at all", "hello", "not an OpenPGP public key"),
        ("secret key", SECRET_KEY, "secret key"),
        ("expired key", EXPIRED_KEY, "expired"),
        ("sign-only key", SIGN_ONLY_KEY, "encryption"),
        ("revoked key", REVOKED_KEY, "revoked"),
    ];
    for (label, armored, says) in cases {
        let answer = setup
            .coordinator
            .put(
                &path,
                &json!({ "armored": armored, "effective_on": "2027-01-15" }),
            )
            .await;
        assert_problem(&answer, 422, "validation", Some("key"), label);
        assert!(
            answer.problem().errors["key"].contains(says),
            "{label}: says '{says}': {}",
            answer.text
        );
        assert_eq!(snapshot(&setup).await, before, "{label} changed something");
    }

    // The key already registered, uploaded again: a conflict.
    let current = setup.manager.get(&path).await;
    assert_eq!(current.status, StatusCode::OK);
    let again = json!({ "armored": current.text, "effective_on": "2027-01-15" });
    let answer = setup.coordinator.put(&path, &again).await;
    assert_problem(&answer, 409, "conflict", None, "the current key again");
    assert_eq!(snapshot(&setup).await, before);

    // A new key registers once; the same upload a second time is a conflict.
    let upload = json!({ "armored": VALID_KEY, "effective_on": "2027-01-15" });
    let first = setup.coordinator.put(&path, &upload).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    let registered = snapshot(&setup).await;
    let second = setup.coordinator.put(&path, &upload).await;
    assert_problem(&second, 409, "conflict", None, "a duplicate registration");
    assert_eq!(snapshot(&setup).await, registered);
}

async fn api_login(app: &TestApp, body: &Value) -> Answer {
    app.anonymous().post("/api/v1/auth/login", body).await
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_user_get_the_same_answer() {
    let setup = setup().await;
    let wrong = api_login(
        &setup.app,
        &json!({ "username": "deu.coordinator", "password": "not the password" }),
    )
    .await;
    let unknown = api_login(
        &setup.app,
        &json!({ "username": "nobody.here", "password": PASSWORD }),
    )
    .await;
    assert_problem(&wrong, 401, "unauthorized", None, "wrong password");
    assert_problem(&unknown, 401, "unauthorized", None, "unknown user");
    assert_eq!(wrong.problem().detail, unknown.problem().detail);
    assert_eq!(wrong.problem().title, unknown.problem().title);

    let missing = api_login(&setup.app, &json!({ "username": "deu.coordinator" })).await;
    assert_problem(
        &missing,
        422,
        "validation",
        None,
        "login without a password",
    );
}

#[tokio::test]
async fn a_body_over_two_mebibytes_is_refused_with_413() {
    let setup = setup().await;
    let before = snapshot(&setup).await;
    let mut body = good_contact();
    body["notes"] = json!("x".repeat(2 * 1024 * 1024 + 1));
    let huge_json = serde_json::to_vec(&body).unwrap();
    let huge_csv = format!(
        "{CSV_HEADER}{}",
        csv_row(",DEU,policy,,Big,Envoy,Ministry,big@example.org,,no,,en,no,,,2027-01-10")
            .repeat(2 * 1024 * 1024 / 70 + 100)
    );
    assert!(huge_csv.len() > 2 * 1024 * 1024);
    let cases = [
        Raw {
            method: Method::POST,
            path: "/api/v1/states/DEU/contacts".into(),
            content_type: "application/json",
            body: huge_json,
        },
        Raw {
            method: Method::POST,
            path: "/api/v1/directory/import".into(),
            content_type: "text/csv",
            body: huge_csv.into_bytes(),
        },
    ];
    for raw in cases {
        let answer = send_raw(&setup.coordinator, &raw).await;
        assert_problem(&answer, 413, "too-large", None, &raw.path);
        assert_eq!(
            snapshot(&setup).await,
            before,
            "{} changed something",
            raw.path
        );
    }
}

/// Turns TOTP on for an account through the store, as if it had enrolled a minute ago, and
/// returns the secret.
async fn enrol_totp(app: &TestApp, username: &str) -> String {
    let step_a_minute_ago = (app.clock.now().unix_timestamp() - 60) / 30;
    let id = liaison_testkit::account_id(app, username).await;
    liaison_testkit::enable_totp_in_store(app, id, step_a_minute_ago).await
}

fn code_now(app: &TestApp, secret: &str, username: &str) -> String {
    liaison_core::account::totp_code(secret, username, app.clock.now()).unwrap()
}

#[tokio::test]
async fn with_totp_a_login_needs_the_code_and_a_code_works_once() {
    let app = spawn_app().await;
    let user = "deu.policy";
    let secret = enrol_totp(&app, user).await;
    let login = |totp: Option<String>| {
        let mut body = json!({ "username": user, "password": PASSWORD });
        if let Some(code) = totp {
            body["totp"] = json!(code);
        }
        body
    };

    // A wrong password, a missing code and a wrong code get one and the same refusal: the
    // answer tells nothing of which part was wrong.
    let wrong_password = api_login(
        &app,
        &json!({ "username": user, "password": "not the password", "totp": code_now(&app, &secret, user) }),
    )
    .await;
    assert_problem(
        &wrong_password,
        401,
        "unauthorized",
        None,
        "wrong password, right code",
    );
    let no_code = api_login(&app, &login(None)).await;
    assert_problem(&no_code, 401, "unauthorized", None, "without a code");
    assert_eq!(no_code.problem().detail, wrong_password.problem().detail);
    assert!(no_code.json.get("token").is_none());

    let code = code_now(&app, &secret, user);
    // A code that no step within the allowed clock skew shows.
    let window: Vec<String> = [-30, 0, 30]
        .iter()
        .map(|s| {
            let at = app.clock.now() + time::Duration::seconds(*s);
            liaison_core::account::totp_code(&secret, user, at).unwrap()
        })
        .collect();
    let wrong = (0..1_000_000u32)
        .map(|n| format!("{n:06}"))
        .find(|c| !window.contains(c))
        .unwrap();
    // (Five failures from one address would lock the account for it: two more here.)
    for bad in [wrong.as_str(), "abcdef"] {
        let answer = api_login(&app, &login(Some(bad.to_owned()))).await;
        assert_problem(&answer, 401, "unauthorized", None, &format!("code '{bad}'"));
        assert_eq!(answer.problem().detail, wrong_password.problem().detail);
    }

    let first = api_login(&app, &login(Some(code.clone()))).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    assert!(first.json["token"].as_str().is_some_and(|t| !t.is_empty()));

    let replay = api_login(&app, &login(Some(code.clone()))).await;
    assert_problem(&replay, 401, "unauthorized", None, "the same code again");
    assert_eq!(replay.problem().detail, wrong_password.problem().detail);

    // The next time step brings a new code, which works (once).
    app.clock.advance(time::Duration::seconds(30));
    let next = code_now(&app, &secret, user);
    assert_ne!(next, code);
    let answer = api_login(&app, &login(Some(next.clone()))).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    let replay = api_login(&app, &login(Some(next))).await;
    assert_eq!(replay.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn require_totp_refuses_api_logins_of_accounts_without_it() {
    let mut options = Options::default();
    options.config.require_totp = true;
    let app = liaison_testkit::spawn_app_with(options).await;
    let answer = api_login(
        &app,
        &json!({ "username": "deu.technical", "password": PASSWORD }),
    )
    .await;
    assert_problem(&answer, 403, "forbidden", None, "not enrolled");
    assert!(answer.json.get("token").is_none());
    assert!(answer.problem().detail.contains("/account/totp"));

    // A wrong password is still a wrong password, not a hint that TOTP is missing.
    let wrong = api_login(
        &app,
        &json!({ "username": "deu.technical", "password": "not the password" }),
    )
    .await;
    assert_problem(&wrong, 401, "unauthorized", None, "wrong password");

    // An enrolled account signs in with its code.
    let secret = enrol_totp(&app, "deu.coordinator").await;
    let code = code_now(&app, &secret, "deu.coordinator");
    let answer = api_login(
        &app,
        &json!({ "username": "deu.coordinator", "password": PASSWORD, "totp": code }),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
}

#[tokio::test]
async fn a_path_or_method_the_api_does_not_have_gets_a_problem() {
    let setup = setup().await;
    let answer = setup.manager.get("/api/v1/does-not-exist").await;
    assert_problem(&answer, 404, "not-found", None, "an unknown path");
    assert!(answer.problem().detail.contains("/api/openapi.json"));
    let answer = setup
        .coordinator
        .call(Method::PATCH, "/api/v1/me", Some(&json!({})))
        .await;
    assert_problem(&answer, 405, "method-not-allowed", None, "PATCH /me");
    // A page that does not exist is a page, not JSON.
    let browser = setup.app.web_session("deu.coordinator").await;
    let page = browser
        .get(setup.app.url("/no-such-page"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::NOT_FOUND);
    assert!(
        page.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
}

#[tokio::test]
async fn a_page_size_or_cursor_outside_the_contract_is_refused_not_bent() {
    let setup = setup().await;
    for path in [
        "/api/v1/audit?limit=0",
        "/api/v1/audit?limit=-5",
        "/api/v1/audit?limit=501",
        "/api/v1/transparency/heads?limit=0",
        "/api/v1/transparency/heads?limit=100000000",
    ] {
        let answer = setup.auditor.get(path).await;
        assert_problem(&answer, 422, "validation", Some("limit"), path);
    }
    let answer = setup.auditor.get("/api/v1/audit?cursor=-1").await;
    assert_problem(&answer, 400, "bad-request", None, "a negative cursor");
    let answer = setup.auditor.get("/api/v1/audit?limit=500").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
}

#[tokio::test]
async fn a_key_of_another_states_contact_is_refused_and_a_shared_key_is_sealed_to_once() {
    let setup = setup().await;
    let theirs = setup
        .manager
        .get(&format!("/api/v1/contacts/{}/key", setup.contact))
        .await;
    assert_eq!(theirs.status, StatusCode::OK);
    let fra = setup.app.login("fra.coordinator").await;
    let entry = fra.get("/api/v1/states/FRA").await;
    let own = entry.json["contacts"].as_array().unwrap()[0]["id"]
        .as_i64()
        .unwrap();
    let path = format!("/api/v1/contacts/{own}/key");
    let before = fra.get("/api/v1/states/FRA").await.json;
    let answer = fra
        .put(
            &path,
            &json!({ "armored": theirs.text, "effective_on": "2027-01-15" }),
        )
        .await;
    assert_problem(
        &answer,
        409,
        "conflict",
        Some("key"),
        "Germany's key for France",
    );
    assert!(answer.problem().errors["key"].contains("another participating State"));
    assert_eq!(fra.get("/api/v1/states/FRA").await.json, before);

    // Two keys given twice (as two contacts sharing one key would be) are sealed to once each.
    let now = setup.app.clock.now();
    let message =
        liaison_core::channel::seal::seal(b"hello", &[VALID_KEY, VALID_KEY], now).unwrap();
    let binary = liaison_core::channel::envelope::binary(message.as_bytes()).unwrap();
    let found = liaison_core::channel::envelope::recipients(&binary).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
}

#[tokio::test]
async fn a_states_entry_holds_at_most_the_contact_limit() {
    let setup = setup().await;
    let before = snapshot(&setup).await;
    let limit = usize::try_from(liaison_core::directory::MAX_CONTACTS).unwrap();
    let rows = |count: usize| -> String {
        (0..count)
            .map(|i| {
                csv_row(&format!(
                    ",DEU,technical,,Analyst {i},Duty,CERT,analyst{i}@example.org,+49 30 1234567,no,Europe/Berlin,en,no,,,2027-01-10"
                ))
            })
            .collect()
    };
    // A file that would take the entry past the limit imports nothing.
    let answer = import(&setup.coordinator, &format!("{CSV_HEADER}{}", rows(limit))).await;
    assert_problem(&answer, 409, "conflict", Some("state"), "past the limit");
    assert!(
        answer.problem().detail.contains(&limit.to_string()),
        "{}",
        answer.text
    );
    assert_eq!(snapshot(&setup).await, before, "nothing was imported");
    // A file with more new rows for one State than an entry holds is refused from the file
    // alone, at the first row past the limit (before the write lock is taken).
    let answer = import(
        &setup.coordinator,
        &format!("{CSV_HEADER}{}", rows(limit + 1)),
    )
    .await;
    assert_problem(&answer, 422, "import", None, "a file past the limit");
    assert_line(&answer, u64::try_from(limit).unwrap() + 2, "DEU");
    assert_eq!(snapshot(&setup).await, before, "nothing was imported");
    // Below it, a contact is added as before.
    let answer = import(&setup.coordinator, &format!("{CSV_HEADER}{}", rows(1))).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    assert_eq!(
        contacts_of(&setup.manager, "DEU").await.len(),
        before.contacts.len() + 1
    );
}

#[tokio::test]
async fn what_the_contract_says_of_codes_levels_and_sign_in_holds() {
    let setup = setup().await;
    // No token: 401, saying which scheme would be accepted (RFC 6750).
    let anonymous = setup
        .app
        .anonymous()
        .http
        .get(setup.app.url("/api/v1/states"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        anonymous.headers()["www-authenticate"],
        "Bearer realm=\"liaison\""
    );
    // A State's code in a path is read in either case, as the contract's pattern says.
    let lower = setup.coordinator.get("/api/v1/states/deu").await;
    assert_eq!(lower.status, StatusCode::OK, "{}", lower.text);
    assert_eq!(lower.json["status"]["state"]["code"], "DEU");
    // A level outside the `Level` enumeration does not parse: 400, as for any parameter.
    let answer = setup
        .coordinator
        .get("/api/v1/requests/keys?to=EST&level=strategic")
        .await;
    assert_problem(&answer, 400, "bad-request", None, "level=strategic");
    assert!(
        answer.problem().detail.contains("strategic"),
        "{}",
        answer.text
    );
}

#[tokio::test]
async fn a_change_made_from_an_older_version_is_refused_not_applied_over_a_newer_one() {
    let setup = setup().await;
    let path = format!("/api/v1/contacts/{}", setup.contact);
    let read = setup.coordinator.get(&path).await;
    let version = read.json["version"].as_i64().unwrap();
    // Two people read the same version; the first change lands.
    let mut first = read.json.clone();
    first["phone"] = json!("+49 228 99 9582 1111");
    first["effective_on"] = json!(liaison_testkit::START.date().to_string());
    let landed = setup.coordinator.put(&path, &first).await;
    assert_eq!(landed.status, StatusCode::OK, "{}", landed.text);
    assert_eq!(landed.json["version"], version + 1);
    // The second, made from the version both read, would put the old phone back: refused.
    let before = snapshot(&setup).await;
    let mut second = read.json.clone();
    second["notes"] = json!("Reachable through the duty desk.");
    second["effective_on"] = first["effective_on"].clone();
    let refused = setup.coordinator.put(&path, &second).await;
    assert_problem(&refused, 409, "conflict", None, "a stale change");
    assert!(
        refused
            .problem()
            .detail
            .contains(&format!("version {version}")),
        "{}",
        refused.text
    );
    assert_eq!(
        snapshot(&setup).await,
        before,
        "a stale change changed something"
    );
    // Made from what the contact says now, it lands and keeps the first change.
    second["version"] = landed.json["version"].clone();
    second["phone"] = landed.json["phone"].clone();
    let again = setup.coordinator.put(&path, &second).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text);
    assert_eq!(again.json["phone"], "+49 228 99 9582 1111");
    assert_eq!(again.json["notes"], "Reachable through the duty desk.");
    // A retirement decided on what was read first is refused too; on what is there now, made.
    let retire = format!("{path}/retire");
    let today = liaison_testkit::START.date().to_string();
    let before = snapshot(&setup).await;
    let stale = setup
        .coordinator
        .post(
            &retire,
            &json!({ "effective_on": today, "version": version }),
        )
        .await;
    assert_problem(&stale, 409, "conflict", None, "a stale retirement");
    assert_eq!(
        snapshot(&setup).await,
        before,
        "a stale retirement changed something"
    );
    let retired = setup
        .coordinator
        .post(
            &retire,
            &json!({ "effective_on": today, "version": again.json["version"] }),
        )
        .await;
    assert_eq!(retired.status, StatusCode::OK, "{}", retired.text);
    assert_eq!(retired.json["retired"], true);
}

#[tokio::test]
async fn a_value_sent_back_in_a_problem_is_quoted_short_and_cannot_reorder_text() {
    let setup = setup().await;
    let path = format!("/api/v1/contacts/{}", setup.contact);
    let mut body = setup.coordinator.get(&path).await.json;
    body["languages"] = json!(["de", format!("\u{202E}{}", "x".repeat(500_000))]);
    let answer = setup.coordinator.put(&path, &body).await;
    assert_problem(
        &answer,
        422,
        "validation",
        Some("languages"),
        "a long language",
    );
    assert!(answer.text.len() < 4096, "{} bytes back", answer.text.len());
    assert!(!answer.text.contains('\u{202E}'), "{}", answer.text);
    assert!(
        answer.problem().errors["languages"].contains("ISO 639-1"),
        "{}",
        answer.text
    );
    // A file with thousands of bad rows lists the first ones, and says how many there were.
    let rows: String = (0..5000)
        .map(|i| {
            csv_row(&format!(
                ",DEU,technical,,N{i},x,Org,not-an-email,,no,,en,no,,,2027-01-10"
            ))
        })
        .collect();
    let answer = import(&setup.coordinator, &format!("{CSV_HEADER}{rows}")).await;
    assert_problem(&answer, 422, "import", None, "5000 bad rows");
    assert_eq!(
        answer.json["lines"].as_array().map(Vec::len),
        Some(200),
        "{}",
        &answer.text[..500]
    );
    assert!(
        answer.problem().detail.contains("5000 lines"),
        "{}",
        answer.problem().detail
    );
}

#[tokio::test]
async fn a_write_the_database_turns_away_is_a_503_that_changes_nothing() {
    let setup = setup().await;
    let path = format!("/api/v1/contacts/{}", setup.contact);
    let mut body = setup.coordinator.get(&path).await.json;
    body["phone"] = json!("+49 228 99 9582 2222");
    body["effective_on"] = json!(liaison_testkit::START.date().to_string());
    let before = snapshot(&setup).await;
    // Another process holds the write lock past the database's wait (SQLite's busy timeout).
    let held = setup.app.store.begin().await.unwrap();
    let answer = setup.coordinator.put(&path, &body).await;
    assert_problem(&answer, 503, "busy", None, "a write past the wait");
    held.rollback().await.unwrap();
    assert_eq!(
        snapshot(&setup).await,
        before,
        "a turned-away write changed something"
    );
    // Once the lock is free, the same request passes.
    let again = setup.coordinator.put(&path, &body).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text);
    assert_eq!(again.json["phone"], "+49 228 99 9582 2222");
}
