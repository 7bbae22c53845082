//! Communication checks through the API: launching, the challenges in the outbox, answering by
//! link, in the app and with a signed reply, the refusals (replay, unknown, foreign, expired),
//! what each role sees of the results, the CSV, reminders, the directory's check columns and
//! the audit trail. On SQLite and PostgreSQL.

use liaison_core::checks::signed;
use liaison_server::jobs::run_scheduler;
use liaison_testkit::{ApiClient, Backend, START, TestApp, on_every_backend, spawn_app_on};
use liaison_types::Page;
use liaison_types::checks::{AnswerReceipt, AnswerWay, CheckSummary, ContactChecks, Outcome};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use time::Duration;

const SECRET_KEY: &str = include_str!("../../../core/tests/fixtures/keys/secret.asc");
const PUBLIC_KEY: &str = include_str!("../../../core/tests/fixtures/keys/valid-ed25519.asc");

/// How many points of contact a check of every State at both levels challenges in the demo.
const CHALLENGED: usize = 111;

/// The demo's points of contact (address → State, level).
const DEU_POLICY: &str = "cyber-policy@demo-de.example";
const DEU_TECHNICAL: &str = "cert@demo-de.example";
const FRA_POLICY: &str = "cyber@demo-fr.example";
const AUT_TECHNICAL: &str = "govcert@demo-at.example";

fn every_contact(window_hours: u32, spread_hours: u32) -> Value {
    json!({
        "scope": "all", "levels": "both", "window_hours": window_hours, "spread_hours": spread_hours,
        "message": "Routine communication check. Please confirm.",
    })
}

/// The tokens of the challenges (and reminders) still waiting in the outbox, by recipient.
async fn tokens(app: &TestApp, kind: &str) -> BTreeMap<String, String> {
    let mut tx = app.store.read().await.unwrap();
    liaison_store::outbox::recent(&mut tx, 10_000)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.kind == kind && m.status == "pending")
        .map(|m| {
            (
                m.recipient,
                m.secret.expect("a pending challenge keeps its token"),
            )
        })
        .collect()
}

async fn launch(manager: &ApiClient, body: &Value) -> Value {
    let answer = manager.post("/api/v1/checks", body).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text);
    answer.json
}

fn challenge_of<'a>(detail: &'a Value, email: &str) -> &'a Value {
    detail["challenges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["email"] == email)
        .unwrap_or_else(|| panic!("no challenge to {email} in {detail}"))
}

#[tokio::test]
async fn a_check_challenges_every_contact_and_each_token_answers_once() {
    on_every_backend(a_check_challenges_every_contact_and_each_token_answers_once_on).await;
}

async fn a_check_challenges_every_contact_and_each_token_answers_once_on(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let manager = app.login("manager").await;
    let detail = launch(&manager, &every_contact(24, 0)).await;
    let id = detail["check"]["id"].as_i64().unwrap();
    let figures = &detail["check"]["figures"];
    // Every participating State has both levels but three: Italy and Ukraine have the policy
    // level only, Serbia the technical level only (national CSIRTs are structures, not points of
    // contact).
    assert_eq!(figures["challenged"], CHALLENGED, "{figures}");
    assert_eq!(figures["no_contact"], 3, "{figures}");
    assert_eq!(figures["pending"], CHALLENGED);
    assert_eq!(figures["states_in_scope"], 57);
    assert_eq!(detail["check"]["closes_at"], "2027-01-16T10:00:00Z");

    // One challenge mail per contact, its token kept apart from the body until it is sent.
    let sent = tokens(&app, "checks.challenge").await;
    assert_eq!(sent.len(), CHALLENGED, "{sent:?}");
    let mut tx = app.store.read().await.unwrap();
    let mail = liaison_store::outbox::recent(&mut tx, 1000)
        .await
        .unwrap()
        .into_iter()
        .find(|m| {
            m.recipient == DEU_POLICY && m.kind == "checks.challenge" && m.status == "pending"
        })
        .unwrap();
    drop(tx);
    assert!(
        mail.body.contains("/checks/answer/{secret}"),
        "{}",
        mail.body
    );
    assert!(
        !mail.body.contains(&sent[DEU_POLICY]),
        "the body holds no token"
    );
    // Anna Weber works in German first: her mail is in German.
    assert!(
        mail.subject.contains("Kommunikationstest"),
        "{}",
        mail.subject
    );
    let hashes: Vec<String> = sent
        .values()
        .map(|t| liaison_core::checks::launch::token_hash(t))
        .collect();
    assert_eq!(
        hashes
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        CHALLENGED
    );

    // Ten minutes later Germany's policy level answers by the link.
    app.clock.advance(Duration::minutes(10));
    let anonymous = app.anonymous();
    let token = &sent[DEU_POLICY];
    let receipt = anonymous
        .post("/api/v1/checks/answer", &json!({ "token": token }))
        .await;
    assert_eq!(receipt.status, StatusCode::OK, "{}", receipt.text);
    let receipt: AnswerReceipt = receipt.typed();
    assert_eq!(receipt.outcome, Outcome::OnTime);
    assert_eq!(receipt.way, AnswerWay::Link);
    assert_eq!(receipt.response_seconds, 600);
    assert!(!receipt.key_verified);

    // A replay, an unknown token and a malformed one are refused and change nothing.
    app.clock.advance(Duration::minutes(5));
    let replay = anonymous
        .post("/api/v1/checks/answer", &json!({ "token": token }))
        .await;
    assert_eq!(replay.status, StatusCode::CONFLICT, "{}", replay.text);
    assert!(replay.problem().detail.contains("already answered"));
    assert_eq!(replay.content_type, "application/problem+json");
    let unknown = liaison_core::checks::launch::new_token(&mut rand::rng());
    for bad in [unknown.as_str(), "short", "", "../../etc/passwd"] {
        let answer = anonymous
            .post("/api/v1/checks/answer", &json!({ "token": bad }))
            .await;
        assert_eq!(
            answer.status,
            StatusCode::NOT_FOUND,
            "{bad}: {}",
            answer.text
        );
    }
    let after = manager.get(&format!("/api/v1/checks/{id}")).await;
    let deu_policy = challenge_of(&after.json, DEU_POLICY);
    assert_eq!(deu_policy["answered_at"], "2027-01-15T10:10:00Z");
    assert_eq!(deu_policy["response_seconds"], 600);
    assert_eq!(after.json["check"]["figures"]["answered"], 1);

    // In the app: Germany's technical point of contact answers its own challenge, and may not
    // answer someone else's.
    let technical = app.login("deu.technical").await;
    let mine = technical.get("/api/v1/checks/challenges").await;
    assert_eq!(mine.status, StatusCode::OK);
    let mine = mine.json.as_array().unwrap().clone();
    assert_eq!(mine.len(), 1, "{mine:?}");
    assert_eq!(mine[0]["email"], DEU_TECHNICAL);
    let foreign = challenge_of(&after.json, FRA_POLICY)["id"]
        .as_i64()
        .unwrap();
    let refused = technical
        .post(
            &format!("/api/v1/checks/challenges/{foreign}/answer"),
            &json!({}),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.text);
    let own = mine[0]["id"].as_i64().unwrap();
    let answered = technical
        .post(
            &format!("/api/v1/checks/challenges/{own}/answer"),
            &json!({}),
        )
        .await;
    assert_eq!(answered.status, StatusCode::OK, "{}", answered.text);
    let answered: AnswerReceipt = answered.typed();
    assert_eq!(answered.way, AnswerWay::App);
    assert_eq!(answered.response_seconds, 15 * 60);
    // Its link no longer works either: the challenge is answered.
    let again = anonymous
        .post(
            "/api/v1/checks/answer",
            &json!({ "token": sent[DEU_TECHNICAL] }),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);

    // What each role sees.
    let state_codes = |detail: &Value| -> Vec<String> {
        detail["states"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["state"].as_str().unwrap().to_owned())
            .collect()
    };
    let emails = |detail: &Value| -> Vec<String> {
        detail["challenges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["email"].as_str().unwrap().to_owned())
            .collect()
    };
    let full = manager.get(&format!("/api/v1/checks/{id}")).await.json;
    assert_eq!(state_codes(&full).len(), 57);
    assert_eq!(emails(&full).len(), CHALLENGED);
    let deu = full["states"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["state"] == "DEU")
        .unwrap();
    assert_eq!(deu["reached"], true, "{deu}");
    for (who, states, contacts) in [
        ("deu.coordinator", vec!["DEU"], 2),
        ("fra.coordinator", vec!["FRA"], 2),
        ("deu.policy", vec![], 1),
        ("observer", vec![], 0),
        ("auditor", vec![], 0),
    ] {
        let client = app.login(who).await;
        let seen = client.get(&format!("/api/v1/checks/{id}")).await;
        assert_eq!(seen.status, StatusCode::OK, "{who}");
        assert_eq!(state_codes(&seen.json), states, "{who}");
        assert_eq!(emails(&seen.json).len(), contacts, "{who}");
        assert_eq!(
            seen.json["check"]["figures"]["answered"], 2,
            "{who} sees the figures"
        );
        let csv = client
            .get(&format!("/api/v1/checks/{id}/results.csv"))
            .await;
        if contacts == 0 {
            assert_eq!(csv.status, StatusCode::FORBIDDEN, "{who}");
        } else {
            assert_eq!(csv.status, StatusCode::OK, "{who}");
            assert_eq!(
                csv.text.lines().count(),
                1 + contacts,
                "{who}: {}",
                csv.text
            );
        }
    }
    let csv = manager
        .get(&format!("/api/v1/checks/{id}/results.csv"))
        .await;
    assert!(csv.text.starts_with('\u{feff}'));
    assert_eq!(csv.text.lines().count(), 1 + CHALLENGED);
    assert!(csv.text.contains("on-time") && csv.text.contains("pending"));

    // The window closes: the results are final and no answer is accepted any more.
    app.clock
        .set(START + Duration::hours(24) + Duration::seconds(1));
    let late = anonymous
        .post(
            "/api/v1/checks/answer",
            &json!({ "token": sent[FRA_POLICY] }),
        )
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.text);
    assert!(late.problem().detail.contains("closed"), "{}", late.text);
    // The day-long wait outlived the API tokens of the morning.
    let manager = app.login("manager").await;
    let closed = manager.get(&format!("/api/v1/checks/{id}")).await.json;
    assert_eq!(closed["check"]["closed"], true);
    assert_eq!(closed["check"]["figures"]["no_answer"], CHALLENGED - 2);
    assert_eq!(closed["check"]["figures"]["on_time"], 2);
    // 2 of 111.
    assert_eq!(closed["check"]["figures"]["response_rate_percent"], 2);
    assert_eq!(closed["check"]["figures"]["median_seconds"], 600);
    let list: Page<CheckSummary> = manager.get("/api/v1/checks").await.typed();
    assert_eq!(list.items[0].id, id);
    assert_eq!(list.items.len(), 3, "two demo checks and this one");

    // Austria's technical point of contact missed all three checks: unreachable, in its history and
    // in the directory of those who may see Austria's results.
    let aut = manager.get("/api/v1/states/AUT").await.json;
    let aut_technical = aut["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["email"] == AUT_TECHNICAL)
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let history = manager
        .get(&format!("/api/v1/contacts/{aut_technical}/checks"))
        .await;
    assert_eq!(history.status, StatusCode::OK);
    let history: ContactChecks = history.typed();
    assert!(history.unreachable, "{history:?}");
    assert_eq!(history.history.len(), 3);
    assert_eq!(history.history[0].check_id, id);
    assert_eq!(aut["status"]["unreachable"], 1, "{}", aut["status"]);
    assert_eq!(aut["status"]["last_check_reached"], false);
    assert_eq!(aut["checks"]["contacts"].as_array().unwrap().len(), 2);
    let overview = manager.get("/api/v1/states?filter=unreachable").await.json;
    let codes: Vec<&str> = overview
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["state"]["code"].as_str().unwrap())
        .collect();
    // Estonia's policy level missed the second demo check and this one, as did the policy level
    // of three invented entries; two invented entries' technical level missed all three.
    assert_eq!(codes, ["AUT", "AZE", "DNK", "EST", "KGZ", "MNE", "TUR"]);
    // Another State's coordinator sees Austria's directory entry, not its check results.
    let fra = app.login("fra.coordinator").await;
    let seen = fra.get("/api/v1/states/AUT").await.json;
    assert_eq!(seen["checks"], Value::Null);
    assert_eq!(seen["status"]["unreachable"], Value::Null);
    let refused = fra
        .get(&format!("/api/v1/contacts/{aut_technical}/checks"))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let own = app.login("aut.coordinator").await;
    let history = own
        .get(&format!("/api/v1/contacts/{aut_technical}/checks"))
        .await;
    assert_eq!(history.status, StatusCode::OK);

    // The trend: three checks, oldest first.
    let trend = manager.get("/api/v1/checks/trend").await.json;
    let ids: Vec<i64> = trend
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["check_id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 3);
    assert_eq!(*ids.last().unwrap(), id);
    assert_eq!(trend[2]["response_rate_percent"], 2);

    // Every answer and the launch are in the audit log, and the chain holds.
    let auditor = app.login("auditor").await;
    assert_eq!(manager.get("/api/v1/checks").await.status, StatusCode::OK);
    let log = auditor.get("/api/v1/audit?limit=200").await.json;
    let events: Vec<&str> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert!(events.contains(&"check.launched"), "{events:?}");
    assert!(events.iter().filter(|e| **e == "check.answered").count() >= 2);
    let verify = auditor.get("/api/v1/audit/verify").await.json;
    assert_eq!(verify["intact"], true);
}

#[tokio::test]
async fn a_signed_answer_is_key_verified_and_a_wrong_signature_changes_nothing() {
    let app = spawn_app_on(Backend::Sqlite).await;
    let manager = app.login("manager").await;
    let coordinator = app.login("deu.coordinator").await;
    let entry = coordinator.get("/api/v1/states/DEU").await.json;
    let policy = entry["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["email"] == DEU_POLICY)
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let put = coordinator
        .put(
            &format!("/api/v1/contacts/{policy}/key"),
            &json!({ "armored": PUBLIC_KEY, "effective_on": "2027-01-15" }),
        )
        .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.text);
    let detail = launch(
        &manager,
        &json!({ "scope": "states", "states": ["DEU", "FRA"], "levels": "policy", "window_hours": 4, "message": "Signed, please." }),
    )
    .await;
    assert_eq!(detail["check"]["figures"]["challenged"], 2);
    let sent = tokens(&app, "checks.challenge").await;
    let (deu, fra) = (&sent[DEU_POLICY], &sent[FRA_POLICY]);
    app.clock.advance(Duration::minutes(3));

    // France's contact has no key: a signed answer cannot be verified.
    let no_key = signed::sign_answer(SECRET_KEY, "", fra).unwrap();
    let refused = app
        .anonymous()
        .post("/api/v1/checks/answer/signed", &json!({ "signed": no_key }))
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.text
    );
    assert!(refused.problem().errors["signed"].contains("no registered"));

    // A signature over changed text, or not a signed message at all.
    let good = signed::sign_answer(SECRET_KEY, "", deu).unwrap();
    let tampered = good.replace("Token:", "Tokens:");
    for (body, content_type) in [
        (tampered.as_str(), "text/plain"),
        ("just the token", "text/plain"),
        ("{\"signed\": 5}", "application/json"),
    ] {
        let answer = app
            .anonymous()
            .post_bytes(
                "/api/v1/checks/answer/signed",
                content_type,
                body.as_bytes().to_vec(),
            )
            .await;
        assert!(answer.status.is_client_error(), "{body}: {}", answer.text);
        assert_eq!(answer.content_type, "application/problem+json");
    }
    let unchanged = manager
        .get(&format!("/api/v1/checks/{}", detail["check"]["id"]))
        .await
        .json;
    assert_eq!(unchanged["check"]["figures"]["answered"], 0);

    // The right key, as gpg --clearsign writes it (text/plain).
    let answer = app
        .anonymous()
        .post_bytes(
            "/api/v1/checks/answer/signed",
            "text/plain",
            good.into_bytes(),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    let receipt: AnswerReceipt = answer.typed();
    assert!(receipt.key_verified);
    assert_eq!(receipt.way, AnswerWay::SignedReply);
    assert_eq!(receipt.response_seconds, 180);
    let fingerprint = receipt.fingerprint.as_deref().unwrap();
    assert_eq!(fingerprint, entry_key(&coordinator, policy).await);
    let after = manager
        .get(&format!("/api/v1/checks/{}", detail["check"]["id"]))
        .await
        .json;
    assert_eq!(after["check"]["figures"]["key_verified"], 1);
    assert_eq!(challenge_of(&after, DEU_POLICY)["key_verified"], true);
}

async fn entry_key(client: &ApiClient, contact: i64) -> String {
    let contact = client
        .get(&format!("/api/v1/contacts/{contact}"))
        .await
        .json;
    contact["key"]["fingerprint"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_contact_who_has_not_answered_halfway_gets_one_reminder_with_a_token_of_its_own() {
    let app = spawn_app_on(Backend::Sqlite).await;
    let manager = app.login("manager").await;
    launch(
        &manager,
        &json!({ "scope": "region", "region": "western-europe", "levels": "technical", "window_hours": 8, "message": "Regional check." }),
    )
    .await;
    // Western Europe's technical contacts: DEU, FRA, AUT and the invented BEL, CHE, LIE, LUX,
    // MCO and NLD.
    let sent = tokens(&app, "checks.challenge").await;
    assert_eq!(sent.len(), 9, "{sent:?}");
    app.clock.advance(Duration::hours(1));
    let answered = app
        .anonymous()
        .post(
            "/api/v1/checks/answer",
            &json!({ "token": sent[DEU_TECHNICAL] }),
        )
        .await;
    assert_eq!(answered.status, StatusCode::OK);
    // Before halfway: no reminder.
    app.clock.advance(Duration::minutes(170));
    run_scheduler(&app.state).await.unwrap();
    assert!(tokens(&app, "checks.reminder").await.is_empty());
    // Halfway (4 h): the eight who have not answered get one reminder each, once.
    app.clock.advance(Duration::minutes(10));
    run_scheduler(&app.state).await.unwrap();
    run_scheduler(&app.state).await.unwrap();
    let reminders = tokens(&app, "checks.reminder").await;
    assert_eq!(reminders.len(), 8, "{reminders:?}");
    assert!(!reminders.contains_key(DEU_TECHNICAL));
    // The reminder's token answers the same challenge; the first mail's token then no longer can.
    let by_reminder = app
        .anonymous()
        .post(
            "/api/v1/checks/answer",
            &json!({ "token": reminders[AUT_TECHNICAL] }),
        )
        .await;
    assert_eq!(by_reminder.status, StatusCode::OK, "{}", by_reminder.text);
    assert_eq!(
        by_reminder.typed::<AnswerReceipt>().response_seconds,
        4 * 3600
    );
    let first = app
        .anonymous()
        .post(
            "/api/v1/checks/answer",
            &json!({ "token": sent[AUT_TECHNICAL] }),
        )
        .await;
    assert_eq!(first.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn launching_asks_for_a_valid_check_from_the_manager_only() {
    let app = spawn_app_on(Backend::Sqlite).await;
    let manager = app.login("manager").await;
    for (body, fields) in [
        (
            json!({ "scope": "all", "levels": "both", "window_hours": 0, "message": "x" }),
            vec!["window_hours"],
        ),
        (
            json!({ "scope": "all", "levels": "both", "window_hours": 337, "spread_hours": 200, "message": "" }),
            vec!["message", "spread_hours", "window_hours"],
        ),
        (
            json!({ "scope": "states", "states": [], "levels": "both", "window_hours": 24, "message": "x" }),
            vec!["scope"],
        ),
        (
            json!({ "scope": "states", "states": ["JPN"], "levels": "both", "window_hours": 24, "message": "x" }),
            vec!["scope"],
        ),
        (
            json!({ "scope": "region", "levels": "both", "window_hours": 24, "message": "x" }),
            vec!["region"],
        ),
        (
            json!({ "scope": "all", "levels": "both", "window_hours": 24, "message": "a\u{7}b" }),
            vec!["message"],
        ),
    ] {
        let answer = manager.post("/api/v1/checks", &body).await;
        assert_eq!(
            answer.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            answer.text
        );
        let got: Vec<&String> = answer.json["errors"].as_object().unwrap().keys().collect();
        assert_eq!(got, fields, "{body}");
    }
    for body in [
        json!({ "scope": "everyone", "levels": "both", "window_hours": 24, "message": "x" }),
        json!({ "scope": "region", "region": "atlantis", "levels": "both", "window_hours": 24, "message": "x" }),
        json!({ "scope": "all", "levels": "both", "window_hours": -1, "message": "x" }),
        json!({ "scope": "states", "states": ["Germany"], "levels": "both", "window_hours": 24, "message": "x" }),
    ] {
        let answer = manager.post("/api/v1/checks", &body).await;
        assert!(answer.status.is_client_error(), "{body}: {}", answer.text);
        assert_eq!(answer.content_type, "application/problem+json");
    }
    let coordinator = app.login("deu.coordinator").await;
    let refused = coordinator
        .post("/api/v1/checks", &every_contact(24, 0))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    // Nothing was launched by any of it: the demo's two checks only.
    let list: Page<CheckSummary> = manager.get("/api/v1/checks").await.typed();
    assert_eq!(list.items.len(), 2);
    assert!(tokens(&app, "checks.challenge").await.is_empty());
}

#[tokio::test]
async fn with_a_spread_each_challenge_is_sent_and_timed_on_its_own() {
    let app = spawn_app_on(Backend::Sqlite).await;
    let manager = app.login("manager").await;
    let detail = launch(&manager, &every_contact(24, 12)).await;
    let mut tx = app.store.read().await.unwrap();
    let queued: Vec<_> = liaison_store::outbox::recent(&mut tx, 1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.kind == "checks.challenge" && m.status == "pending")
        .collect();
    drop(tx);
    assert_eq!(queued.len(), CHALLENGED);
    assert_eq!(detail["check"]["closes_at"], "2027-01-16T22:00:00Z");
    for challenge in detail["challenges"].as_array().unwrap() {
        let sent = time::OffsetDateTime::parse(
            challenge["sent_at"].as_str().unwrap(),
            &time::format_description::well_known::Rfc3339,
        )
        .unwrap();
        assert!(
            sent >= START && sent <= START + Duration::hours(12),
            "{challenge}"
        );
        let deadline = time::OffsetDateTime::parse(
            challenge["deadline"].as_str().unwrap(),
            &time::format_description::well_known::Rfc3339,
        )
        .unwrap();
        assert_eq!(deadline - sent, Duration::hours(24));
    }
    let times: std::collections::BTreeSet<&str> = detail["challenges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["sent_at"].as_str().unwrap())
        .collect();
    assert!(
        times.len() > 1,
        "111 draws over twelve hours differ: {times:?}"
    );
    // The app shows a challenge only once it is sent.
    let policy = app.login("deu.policy").await;
    let own = challenge_of(&detail, DEU_POLICY);
    let mine = policy.get("/api/v1/checks/challenges").await;
    let sent_later = own["sent_at"].as_str().unwrap() > "2027-01-15T10:00:00Z";
    assert_eq!(
        mine.json.as_array().unwrap().is_empty(),
        sent_later,
        "{own}"
    );
    app.clock.advance(Duration::hours(12));
    let policy = app.login("deu.policy").await;
    let mine = policy.get("/api/v1/checks/challenges").await;
    assert_eq!(mine.json.as_array().unwrap().len(), 1);
}
