//! The protected channel through the API: the key set, a request encrypted to exactly it (and
//! the refusals of every other body), what each party and the manager see, delivery on opening,
//! acknowledgement, escalation past the deadline, replies, closing, feedback, statistics, the
//! audit trail, and that no content reaches the server in the clear. On SQLite and PostgreSQL.

use liaison_core::channel::seal::{self, Attachment, Content};
use liaison_server::jobs::run_scheduler;
use liaison_testkit::{
    ApiClient, Backend, Options, START, TestApp, on_every_backend, spawn_app_on, spawn_app_with,
};
use liaison_types::channel::{KeySetView, RequestDetail};
use reqwest::StatusCode;
use serde_json::{Value, json};
use time::Duration;

pub const PASSPHRASE: &str = "liaison-demo-2026";
pub const ITA_POLICY: &str = include_str!("../../../server/demo/keys/ita-policy.secret.asc");
pub const EST_POLICY: &str = include_str!("../../../server/demo/keys/est-policy.secret.asc");
pub const DEU_POLICY: &str = include_str!("../../../server/demo/keys/deu-policy.secret.asc");
pub const DEU_TECHNICAL: &str = include_str!("../../../server/demo/keys/deu-technical.secret.asc");
pub const EST_TECHNICAL: &str = include_str!("../../../server/demo/keys/est-technical.secret.asc");
const DEU_TECHNICAL_PUBLIC: &str = include_str!("../../../server/demo/keys/deu-technical.asc");

pub const SUBJECT: &str = "Incident 2027-014: phishing wave against ministries";

/// The public keys of a key-set view.
pub fn public_keys(view: &Value) -> Vec<String> {
    view["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["public_key"].as_str().unwrap().to_owned())
        .collect()
}

pub fn content(subject: &str) -> Content {
    Content {
        subject: subject.into(),
        body: "Indicators attached; please check your networks.\n".into(),
        attachments: vec![Attachment {
            filename: "iocs.csv".into(),
            content_type: "text/csv".into(),
            data: b"type,value\ndomain,login-gov.example\n".to_vec(),
        }],
    }
}

/// `content` sealed to `keys`.
pub fn sealed(keys: &[String], content: &Content) -> String {
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    seal::seal(&seal::compose(content).unwrap(), &keys, START).unwrap()
}

pub async fn keys(client: &ApiClient, to: &str, level: &str) -> Value {
    let answer = client
        .get(&format!("/api/v1/requests/keys?to={to}&level={level}"))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    answer.json
}

fn policy_body(to: &[&str], message: &str) -> Value {
    let mut body = request_body(to, message);
    body["level"] = json!("policy");
    body
}

pub fn request_body(to: &[&str], message: &str) -> Value {
    json!({
        "to": to, "kind": "incident-notification", "urgency": "urgent", "level": "technical",
        "tlp": "AMBER+STRICT", "language": "en", "message": message,
    })
}

/// The mail queued since the demo started: what the test caused (the demo's own threads sent
/// theirs before).
async fn outbox(app: &TestApp) -> Vec<liaison_store::outbox::Queued> {
    let mut all = app.mail().await;
    // Newest first, as the outbox lists them.
    all.reverse();
    all
}

/// The demo's threads: Germany's incident notification to Estonia and its consultation of Italy.
const DEMO_REQUESTS: i64 = 2;

async fn count_requests(app: &TestApp) -> i64 {
    let mut tx = app.store.read().await.unwrap();
    let row: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM channel_requests")
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    row.0
}

fn leg<'a>(detail: &'a Value, state: &str) -> &'a Value {
    detail["request"]["to"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["state"] == state)
        .unwrap_or_else(|| panic!("no leg {state} in {detail}"))
}

#[tokio::test]
async fn a_request_goes_encrypted_to_exactly_its_key_set_and_through_its_lifecycle() {
    on_every_backend(journey).await;
}

async fn journey(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let deu = app.login("deu.policy").await;
    let ita = app.login("ita.policy").await;
    let est = app.login("est.policy").await;

    // The key set: the policy-level keys of Italy, Estonia and Germany itself.
    let view = keys(&deu, "ITA,EST", "policy").await;
    let states: Vec<&str> = view["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["state"].as_str().unwrap())
        .collect();
    assert_eq!(states.len(), 3, "{view}");
    for state in ["DEU", "ITA", "EST"] {
        assert!(states.contains(&state), "{state} missing: {view}");
    }
    let keys3 = public_keys(&view);

    // Bodies that are not encrypted to exactly that set are refused, and nothing is stored.
    let two = sealed(&keys3[..2], &content(SUBJECT));
    let mut four = keys3.clone();
    four.push(DEU_TECHNICAL_PUBLIC.to_owned());
    let four = sealed(&four, &content(SUBJECT));
    for (message, expect) in [
        (two.as_str(), "missing"),
        (four.as_str(), "outside the key set"),
        (
            "Subject: plain\n\nNot encrypted at all.",
            "not an OpenPGP message",
        ),
    ] {
        let refused = deu
            .post("/api/v1/requests", &policy_body(&["ITA", "EST"], message))
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            refused.text
        );
        assert_eq!(refused.content_type, "application/problem+json");
        let said = &refused.problem().errors["message"];
        assert!(said.contains(expect), "{said}");
    }
    assert_eq!(count_requests(&app).await, DEMO_REQUESTS);

    // Exactly the set: accepted, with a leg per recipient State and the urgent deadline.
    let message = sealed(&keys3, &content(SUBJECT));
    let sent = deu
        .post("/api/v1/requests", &policy_body(&["ITA", "EST"], &message))
        .await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.text);
    let detail = sent.json;
    let id = detail["request"]["id"].as_i64().unwrap();
    assert_eq!(detail["request"]["from"], "DEU");
    assert_eq!(detail["request"]["tlp"], "AMBER+STRICT");
    assert_eq!(leg(&detail, "ITA")["status"], "sent");
    assert_eq!(
        leg(&detail, "EST")["acknowledge_by"],
        "2027-01-15T12:00:00Z",
        "urgent: two hours"
    );
    assert_eq!(
        detail["messages"][0]["fingerprints"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert!(
        detail["actions"]
            .as_array()
            .unwrap()
            .contains(&json!("escalate"))
    );

    // The notifications carry the ciphertext to every recipient contact at the level; the
    // subject of the request is nowhere in the database.
    let mails = outbox(&app).await;
    let carrying: Vec<&str> = mails
        .iter()
        .filter(|m| m.kind == "channel.request")
        .map(|m| {
            assert_eq!(m.carries, detail["messages"][0]["id"].as_i64());
            m.recipient.as_str()
        })
        .collect();
    assert_eq!(carrying.len(), 2, "{carrying:?}");
    assert!(carrying.contains(&"cyber@demo-it.example"));
    assert!(carrying.contains(&"cyber@demo-ee.example"));
    let mut tx = app.store.read().await.unwrap();
    let stored: (String,) =
        sqlx::query_as("SELECT armored FROM channel_messages WHERE request_id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    drop(tx);
    assert!(!stored.0.contains("phishing"));
    assert!(
        mails
            .iter()
            .all(|m| !m.subject.contains("phishing") && !m.body.contains("phishing"))
    );

    // Who sees the thread: the parties only.
    let fra = app.login("fra.policy").await;
    assert_eq!(
        fra.get(&format!("/api/v1/requests/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(
        fra.get("/api/v1/requests").await.json["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let manager = app.login("manager").await;
    assert_eq!(
        manager.get(&format!("/api/v1/requests/{id}")).await.status,
        StatusCode::FORBIDDEN
    );
    let inbox = ita.get("/api/v1/requests").await.json;
    assert_eq!(inbox["items"][0]["id"], id);

    // Italy opens the thread (delivered), reads the ciphertext with its own key.
    let opened = ita.get(&format!("/api/v1/requests/{id}")).await.json;
    assert_eq!(leg(&opened, "ITA")["status"], "delivered");
    assert_eq!(leg(&opened, "EST")["status"], "sent");
    let message_id = opened["messages"][0]["id"].as_i64().unwrap();
    let download = ita
        .get(&format!("/api/v1/requests/{id}/messages/{message_id}"))
        .await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.content_type, "application/pgp-encrypted");
    let plain = seal::open(download.text.as_bytes(), ITA_POLICY, PASSPHRASE).unwrap();
    assert_eq!(seal::parse(&plain).unwrap(), content(SUBJECT));
    let binary = ita
        .http
        .get(app.url(&format!(
            "/api/v1/requests/{id}/messages/{message_id}?format=binary"
        )))
        .bearer_auth(ita.token.clone().unwrap())
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(
        json!(liaison_core::channel::envelope::digest(&binary)),
        opened["messages"][0]["sha256"]
    );
    let for_estonia = seal::open(&binary, EST_POLICY, PASSPHRASE).unwrap();
    assert_eq!(seal::parse(&for_estonia).unwrap().subject, SUBJECT);

    // Italy acknowledges, once; Germany's policy-level contact is told.
    app.clock.advance(Duration::minutes(20));
    let acked = ita
        .post(&format!("/api/v1/requests/{id}/acknowledge"), &json!({}))
        .await;
    assert_eq!(acked.status, StatusCode::OK, "{}", acked.text);
    assert_eq!(leg(&acked.json, "ITA")["status"], "acknowledged");
    assert_eq!(leg(&acked.json, "ITA")["acknowledged_by"], "ita.policy");
    let again = ita
        .post(&format!("/api/v1/requests/{id}/acknowledge"), &json!({}))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(
        outbox(&app)
            .await
            .iter()
            .any(|m| m.kind == "channel.acknowledged"
                && m.recipient == "cyber-policy@demo-de.example")
    );
    // The sender cannot acknowledge its own request.
    let own = deu
        .post(&format!("/api/v1/requests/{id}/acknowledge"), &json!({}))
        .await;
    assert_eq!(own.status, StatusCode::FORBIDDEN);

    // Estonia does not acknowledge: past the deadline the scheduler escalates it once, to
    // Estonia's policy level (for a technical-level request, see the test below).
    app.clock.advance(Duration::hours(2));
    run_scheduler(&app.state).await.unwrap();
    run_scheduler(&app.state).await.unwrap();
    let escalations: Vec<_> = outbox(&app)
        .await
        .into_iter()
        .filter(|m| m.kind == "channel.escalated")
        .collect();
    assert_eq!(escalations.len(), 1, "{escalations:?}");
    assert_eq!(escalations[0].recipient, "cyber@demo-ee.example");
    assert!(escalations[0].body.contains(&format!("/requests/{id}")));
    let now = deu.get(&format!("/api/v1/requests/{id}")).await.json;
    assert!(leg(&now, "EST")["escalated_at"].is_string());
    assert_eq!(leg(&now, "EST")["overdue"], true);
    assert!(leg(&now, "ITA")["escalated_at"].is_null());

    // Estonia replies, encrypted to the thread's key set, as a bare OpenPGP body.
    let thread = est.get(&format!("/api/v1/requests/{id}/keys")).await;
    assert_eq!(thread.status, StatusCode::OK, "{}", thread.text);
    assert_eq!(thread.typed::<KeySetView>().keys.len(), 3);
    let reply = sealed(
        &public_keys(&thread.json),
        &content("Re: Incident 2027-014"),
    );
    let replied = est
        .post_bytes(
            &format!("/api/v1/requests/{id}/messages"),
            "application/pgp-encrypted",
            reply.into_bytes(),
        )
        .await;
    assert_eq!(replied.status, StatusCode::CREATED, "{}", replied.text);
    assert_eq!(leg(&replied.json, "EST")["status"], "answered");
    let replied_detail: RequestDetail = replied.typed();
    assert_eq!(replied_detail.messages.len(), 2);
    let reply_mails: Vec<String> = outbox(&app)
        .await
        .into_iter()
        .filter(|m| m.kind == "channel.reply")
        .map(|m| m.recipient)
        .collect();
    assert_eq!(reply_mails.len(), 2, "{reply_mails:?}");
    assert!(reply_mails.contains(&"cyber-policy@demo-de.example".to_owned()));
    let reply_id = replied_detail.messages[1].id;
    let reply_text = deu
        .get(&format!("/api/v1/requests/{id}/messages/{reply_id}"))
        .await
        .text;
    let opened =
        seal::parse(&seal::open(reply_text.as_bytes(), DEU_POLICY, PASSPHRASE).unwrap()).unwrap();
    assert_eq!(opened.subject, "Re: Incident 2027-014");

    // A message, once accepted, is never altered.
    let mut tx = app.store.begin().await.unwrap();
    let altered = sqlx::query("UPDATE channel_messages SET armored = 'x'")
        .execute(&mut *tx)
        .await;
    assert!(altered.is_err(), "a stored message was altered");
    drop(tx);

    // Feedback for the manager, and the sender closes the request for everyone.
    let feedback = ita
        .post(
            &format!("/api/v1/requests/{id}/feedback"),
            &json!({ "useful": true }),
        )
        .await;
    assert_eq!(feedback.status, StatusCode::NO_CONTENT, "{}", feedback.text);
    let closed = deu
        .post(&format!("/api/v1/requests/{id}/close"), &json!({}))
        .await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.text);
    assert_eq!(leg(&closed.json, "ITA")["status"], "closed");
    assert_eq!(leg(&closed.json, "EST")["status"], "closed");
    let late = ita
        .post_bytes(
            &format!("/api/v1/requests/{id}/messages"),
            "application/pgp-encrypted",
            message.clone().into_bytes(),
        )
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.text);

    // The manager's statistics: metadata only, of this request and the demo's two (an incident
    // notification Estonia acknowledged after 35 minutes and answered, and an urgent
    // consultation Italy left unacknowledged until it escalated).
    let stats = manager.get("/api/v1/requests/stats").await;
    assert_eq!(stats.status, StatusCode::OK, "{}", stats.text);
    let stats = stats.json;
    assert_eq!(stats["requests"], 3);
    assert_eq!(stats["messages"], 5);
    assert_eq!(stats["legs"], 4);
    assert_eq!(
        stats["by_kind"],
        json!([
            { "key": "consultation", "count": 1 },
            { "key": "incident-notification", "count": 2 },
        ])
    );
    assert_eq!(stats["acknowledged"], 3);
    assert_eq!(stats["acknowledged_on_time"], 2);
    assert_eq!(stats["escalated"], 2);
    // Italy after 20 minutes, the demo's Estonia after 35, Estonia here by its reply after 2 h 20.
    assert_eq!(stats["median_acknowledge_seconds"], 35 * 60);
    assert_eq!(stats["p90_acknowledge_seconds"], 140 * 60);
    assert_eq!(stats["feedback_useful"], 1);
    assert_eq!(
        ita.get("/api/v1/requests/stats").await.status,
        StatusCode::FORBIDDEN
    );

    // Every transition is audited; the chain is intact; no content is in it.
    let auditor = app.login("auditor").await;
    let log = auditor.get("/api/v1/audit?limit=200").await;
    let events: Vec<String> = log.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap().to_owned())
        .collect();
    for event in [
        "request.sent",
        "request.delivered",
        "request.acknowledged",
        "request.escalated",
        "request.replied",
        "request.feedback",
        "request.closed",
    ] {
        assert!(
            events.iter().any(|e| e == event),
            "{event} missing: {events:?}"
        );
    }
    assert!(!log.text.contains("phishing"));
    assert_eq!(
        auditor.get("/api/v1/audit/verify").await.json["intact"],
        true
    );
}

#[tokio::test]
async fn a_state_without_a_usable_key_at_the_level_cannot_be_addressed_there() {
    let app = spawn_app_on(Backend::Sqlite).await;
    let deu = app.login("deu.policy").await;
    // Austria has no key at all; Italy none at the technical level, but one at the policy level.
    let austria = deu
        .get("/api/v1/requests/keys?to=AUT&level=technical")
        .await;
    assert_eq!(austria.status, StatusCode::UNPROCESSABLE_ENTITY);
    let said = &austria.problem().errors["to"];
    assert!(
        said.contains("AUT cannot be addressed at the technical level"),
        "{said}"
    );
    assert!(!said.contains("can be addressed at the policy"), "{said}");
    let italy = deu
        .get("/api/v1/requests/keys?to=ITA&level=technical")
        .await;
    assert_eq!(italy.status, StatusCode::UNPROCESSABLE_ENTITY);
    let said = &italy.problem().errors["to"];
    assert!(
        said.contains("ITA can be addressed at the policy level"),
        "{said}"
    );
    // Sending there is refused the same way, before the body is even read.
    let refused = deu
        .post(
            "/api/v1/requests",
            &request_body(&["ITA"], "not even a message"),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.problem().errors.contains_key("to"),
        "{}",
        refused.text
    );
    // Recipients that are not other participating States.
    for (to, expect) in [
        ("DEU", "other than your own"),
        ("JPN", "not a participating State"),
        ("EST,EST", "named twice"),
    ] {
        let answer = deu
            .get(&format!("/api/v1/requests/keys?to={to}&level=technical"))
            .await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{to}");
        let said = &answer.problem().errors["to"];
        assert!(said.contains(expect), "{to}: {said}");
    }
    // The manager, observers and auditors do not use the channel.
    for user in ["manager", "observer", "auditor"] {
        let client = app.login(user).await;
        assert_eq!(
            client.get("/api/v1/requests").await.status,
            StatusCode::FORBIDDEN,
            "{user}"
        );
    }
    assert_eq!(count_requests(&app).await, DEMO_REQUESTS);
}

#[tokio::test]
async fn an_oversize_message_gets_413_and_nothing_is_stored() {
    let mut options = Options::default();
    options.config.channel.max_message_bytes = 4096;
    let app = spawn_app_with(options).await;
    let deu = app.login("deu.technical").await;
    let view = keys(&deu, "EST", "technical").await;
    let mut big = content(SUBJECT);
    big.attachments[0].data = (0..20_000u32).flat_map(|i| i.to_le_bytes()).collect();
    let message = sealed(&public_keys(&view), &big);
    let refused = deu
        .post("/api/v1/requests", &request_body(&["EST"], &message))
        .await;
    assert_eq!(
        refused.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        refused.text
    );
    assert_eq!(refused.content_type, "application/problem+json");
    // A body far over the limit is cut off before it is read.
    let huge = "A".repeat(200_000);
    let refused = deu
        .post_bytes("/api/v1/requests", "application/json", huge.into_bytes())
        .await;
    assert_eq!(
        refused.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        refused.text
    );
    assert_eq!(refused.content_type, "application/problem+json");
    assert_eq!(count_requests(&app).await, DEMO_REQUESTS);
    assert!(
        outbox(&app)
            .await
            .iter()
            .all(|m| !m.kind.starts_with("channel."))
    );
    // Within the limit, the same request goes through.
    let small = sealed(&public_keys(&view), &content(SUBJECT));
    let sent = deu
        .post("/api/v1/requests", &request_body(&["EST"], &small))
        .await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.text);
}

#[tokio::test]
async fn a_multipart_upload_with_a_binary_message_is_the_same_request() {
    let app = spawn_app_on(Backend::Sqlite).await;
    let est = app.login("est.technical").await;
    let view = keys(&est, "DEU", "technical").await;
    let armored = sealed(&public_keys(&view), &content(SUBJECT));
    let binary = liaison_core::channel::envelope::binary(armored.as_bytes()).unwrap();
    let form = reqwest::multipart::Form::new()
        .text("to", "DEU")
        .text("kind", "information-request")
        .text("urgency", "routine")
        .text("level", "technical")
        .text("tlp", "green")
        .text("language", "en")
        .part(
            "message",
            reqwest::multipart::Part::bytes(binary.clone()).file_name("request.gpg"),
        );
    let sent = est
        .send(
            est.http
                .post(app.url("/api/v1/requests"))
                .bearer_auth(est.token.clone().unwrap())
                .multipart(form),
        )
        .await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.text);
    assert_eq!(sent.json["request"]["tlp"], "GREEN");
    assert_eq!(
        sent.json["messages"][0]["sha256"],
        liaison_core::channel::envelope::digest(&binary)
    );
    assert_eq!(
        sent.json["request"]["to"][0]["acknowledge_by"], "2027-01-18T10:00:00Z",
        "routine: three days"
    );
    // A form missing its fields says which.
    let form = reqwest::multipart::Form::new().text("to", "DEU");
    let refused = est
        .send(
            est.http
                .post(app.url("/api/v1/requests"))
                .bearer_auth(est.token.clone().unwrap())
                .multipart(form),
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.text
    );
    assert!(refused.problem().errors.contains_key("kind"));
}

async fn escalation_mails(app: &TestApp) -> Vec<String> {
    outbox(app)
        .await
        .into_iter()
        .filter(|m| m.kind == "channel.escalated")
        .map(|m| m.recipient)
        .collect()
}

#[tokio::test]
async fn an_unacknowledged_technical_request_escalates_to_the_policy_level_and_on_demand() {
    let app = spawn_app_on(Backend::Sqlite).await;
    let deu = app.login("deu.technical").await;
    let view = keys(&deu, "EST", "technical").await;
    let message = sealed(&public_keys(&view), &content(SUBJECT));
    let mut body = request_body(&["EST"], &message);
    body["urgency"] = json!("priority");
    let sent = deu.post("/api/v1/requests", &body).await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.text);
    let id = sent.typed::<RequestDetail>().request.id;
    // Not before the priority deadline (24 hours).
    app.clock.advance(Duration::hours(23));
    run_scheduler(&app.state).await.unwrap();
    assert!(escalation_mails(&app).await.is_empty());
    // Germany asks for it now: Estonia's policy-level contact is told. (Sessions last 12 hours.)
    let deu = app.login("deu.technical").await;
    let asked = deu
        .post(
            &format!("/api/v1/requests/{id}/escalate"),
            &json!({ "states": ["EST"] }),
        )
        .await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.text);
    assert_eq!(
        escalation_mails(&app).await,
        vec!["cyber@demo-ee.example".to_owned()]
    );
    // …and reads the request: a technical-level key set holds the recipients' policy-level keys
    // from the start (the server cannot re-encrypt), though only the technical level was mailed.
    let holders: Vec<&str> = view["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["contact_name"].as_str().unwrap())
        .collect();
    assert_eq!(holders.len(), 3, "{view}");
    let est_policy = app.login("est.policy").await;
    let thread = est_policy.get(&format!("/api/v1/requests/{id}")).await;
    assert_eq!(thread.status, StatusCode::OK, "{}", thread.text);
    let first = thread.typed::<RequestDetail>().messages[0].id;
    let armored = est_policy
        .get(&format!("/api/v1/requests/{id}/messages/{first}"))
        .await
        .text;
    let opened = seal::open(armored.as_bytes(), EST_POLICY, PASSPHRASE).unwrap();
    assert_eq!(seal::parse(&opened).unwrap(), content(SUBJECT));
    let request_mails: Vec<String> = outbox(&app)
        .await
        .into_iter()
        .filter(|m| m.kind == "channel.request")
        .map(|m| m.recipient)
        .collect();
    assert_eq!(request_mails, ["cert@demo-ee.example"]);
    // A leg escalates once: asking again is a conflict and mails no one.
    for _ in 0..3 {
        let again = deu
            .post(
                &format!("/api/v1/requests/{id}/escalate"),
                &json!({ "states": ["EST"] }),
            )
            .await;
        assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.text);
        assert!(again.problem().detail.contains("already escalated"));
    }
    assert_eq!(escalation_mails(&app).await.len(), 1);
    // The recipient cannot escalate; a State that is not a recipient cannot be named.
    let est = app.login("est.technical").await;
    let refused = est
        .post(&format!("/api/v1/requests/{id}/escalate"), &json!({}))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let wrong = deu
        .post(
            &format!("/api/v1/requests/{id}/escalate"),
            &json!({ "states": ["AUT"] }),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Past the deadline the scheduler does not escalate it a second time.
    app.clock.advance(Duration::hours(2));
    run_scheduler(&app.state).await.unwrap();
    assert_eq!(escalation_mails(&app).await.len(), 1);
    let shown = deu.get(&format!("/api/v1/requests/{id}")).await.json;
    assert_eq!(shown["request"]["to"][0]["overdue"], true);
    // Once acknowledged there is nothing to escalate.
    let acked = est
        .post(&format!("/api/v1/requests/{id}/acknowledge"), &json!({}))
        .await;
    assert_eq!(acked.status, StatusCode::OK, "{}", acked.text);
    let nothing = deu
        .post(&format!("/api/v1/requests/{id}/escalate"), &json!({}))
        .await;
    assert_eq!(nothing.status, StatusCode::CONFLICT, "{}", nothing.text);
}

/// Messages Germany's earlier sends take of its daily budget, written as the store keeps them
/// (sending 300 for real would only take longer).
async fn already_sent(app: &TestApp, count: i64, size: i64) {
    let mut tx = app.store.begin().await.unwrap();
    let at = START
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    for n in 0..count {
        sqlx::query(
            "INSERT INTO channel_messages (request_id, seq, from_state, sent_by, sent_at, armored, size, sha256, fingerprints) \
             VALUES (1, $1, 'DEU', 'deu.policy', $2, '', $3, '', '')",
        )
        .bind(10_000 + n)
        .bind(&at)
        .bind(size)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    // And the hour's count the budget reads, as the store keeps it with each message.
    sqlx::query(
        "INSERT INTO channel_sent (state_code, hour, messages, bytes) VALUES ('DEU', $1, $2, $3) \
         ON CONFLICT (state_code, hour) DO UPDATE SET messages = channel_sent.messages + excluded.messages, \
         bytes = channel_sent.bytes + excluded.bytes",
    )
    .bind(&at[..13])
    .bind(count)
    .bind(count * size)
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn the_daily_budget_is_the_servers_configuration_and_an_exhausted_one_refuses_before_parsing()
{
    // The demo seeded with the default budget; this server allows one message a day.
    let app = spawn_app_on(Backend::Sqlite).await;
    let base = crate::serve_with(&app, |config| config.channel.messages_per_day = 1).await;
    let deu = ApiClient {
        base,
        ..app.login("deu.policy").await
    };
    // The demo's own messages from Germany already exceed a budget of one.
    let garbage = policy_body(&["ITA"], "not an OpenPGP message");
    let refused = deu.post("/api/v1/requests", &garbage).await;
    // Refused for the budget, not for the message: nothing was parsed.
    assert_eq!(
        refused.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        refused.text
    );
    assert!(refused.problem().detail.contains(" 1 "), "{}", refused.text);
    assert_eq!(count_requests(&app).await, DEMO_REQUESTS);
    // A reply is refused the same way; reading a thread is not sending and stays open.
    let inbox = deu.get("/api/v1/requests").await;
    let id = inbox.json["items"][0]["id"].as_i64().unwrap();
    let reply = deu
        .post_bytes(
            &format!("/api/v1/requests/{id}/messages"),
            "application/pgp-encrypted",
            b"not an OpenPGP message".to_vec(),
        )
        .await;
    assert_eq!(
        reply.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        reply.text
    );
    let read = deu.get(&format!("/api/v1/requests/{id}")).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.text);
}

#[tokio::test]
async fn a_state_sends_at_most_its_daily_budget_and_a_refused_send_stores_nothing() {
    use liaison_core::channel::request::{MAX_SENT_BYTES_PER_DAY, MAX_SENT_PER_DAY};
    // By count: the demo's own messages plus these reach the most a day allows.
    let app = spawn_app_on(Backend::Sqlite).await;
    let deu = app.login("deu.policy").await;
    let view = keys(&deu, "ITA,EST", "policy").await;
    let keys3 = public_keys(&view);
    let budget = i64::try_from(MAX_SENT_PER_DAY).unwrap();
    already_sent(&app, budget, 1).await;
    let refused = deu
        .post(
            "/api/v1/requests",
            &policy_body(&["ITA", "EST"], &sealed(&keys3, &content(SUBJECT))),
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        refused.text
    );
    assert_eq!(refused.problem().kind, "/problems/rate-limited");
    assert!(refused.problem().detail.contains("300"), "{}", refused.text);
    assert_eq!(
        count_requests(&app).await,
        DEMO_REQUESTS,
        "a refused send stored its request"
    );
    // Another State's budget is its own.
    let ita = app.login("ita.policy").await;
    let view = keys(&ita, "DEU", "policy").await;
    let sent = ita
        .post(
            "/api/v1/requests",
            &policy_body(&["DEU"], &sealed(&public_keys(&view), &content(SUBJECT))),
        )
        .await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.text);
    // A day later Germany may send again.
    app.clock.advance(Duration::hours(25));
    let sent = deu
        .post(
            "/api/v1/requests",
            &policy_body(&["ITA", "EST"], &sealed(&keys3, &content(SUBJECT))),
        )
        .await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.text);

    // By bytes: one earlier message of nearly the whole day's bytes leaves no room for another.
    let app = spawn_app_on(Backend::Sqlite).await;
    let deu = app.login("deu.policy").await;
    let size = i64::try_from(MAX_SENT_BYTES_PER_DAY).unwrap() - 100;
    already_sent(&app, 1, size).await;
    let view = keys(&deu, "ITA,EST", "policy").await;
    let refused = deu
        .post(
            "/api/v1/requests",
            &policy_body(
                &["ITA", "EST"],
                &sealed(&public_keys(&view), &content(SUBJECT)),
            ),
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        refused.text
    );
    assert!(refused.problem().detail.contains("MiB"), "{}", refused.text);
    assert_eq!(count_requests(&app).await, DEMO_REQUESTS);
}
