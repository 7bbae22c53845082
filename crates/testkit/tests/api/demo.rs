//! The demo as a live network: every participating State has an entry, and the overview, the
//! checks and the channel's statistics show a realistic mix beside the stories the README tells;
//! the channel's two threads stand where the README says, sealed to their key sets.

use crate::channel::{DEU_POLICY, DEU_TECHNICAL, EST_TECHNICAL, ITA_POLICY, PASSPHRASE};
use liaison_core::channel::seal;
use liaison_server::jobs::run_scheduler;
use liaison_testkit::{ApiClient, START, spawn_app};
use liaison_types::channel::{ChannelStats, Count, LegStatus, RequestDetail};
use liaison_types::directory::{DirectoryStatus, LevelStatus};
use reqwest::StatusCode;
use time::Duration;

async fn overview(manager: &ApiClient) -> Vec<DirectoryStatus> {
    let answer = manager.get("/api/v1/states").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    answer.typed()
}

/// The codes of the participating States that `keep` keeps, sorted.
fn codes(statuses: &[DirectoryStatus], keep: impl Fn(&DirectoryStatus) -> bool) -> Vec<String> {
    let mut out: Vec<String> = statuses
        .iter()
        .filter(|s| s.state.status.is_participating() && keep(s))
        .map(|s| s.state.code.to_string())
        .collect();
    out.sort();
    out
}

#[tokio::test]
async fn every_participating_state_has_an_entry_in_a_plausible_mix() {
    let app = spawn_app().await;
    let manager = app.login("manager").await;
    let statuses = overview(&manager).await;
    assert_eq!(statuses.len(), 68);
    assert_eq!(codes(&statuses, |_| true).len(), 57);
    for status in &statuses {
        let code = &status.state.code;
        if status.state.status.is_participating() {
            assert!(status.contacts >= 1, "{code}: {status:?}");
            assert!(status.last_confirmed_on.is_some(), "{code}");
            // Every one was in scope of the demo's checks.
            assert!(status.last_check_reached.is_some(), "{code}");
        } else {
            assert_eq!(status.contacts, 0, "{code}: a Partner has no entry");
        }
    }

    // A level is missing only where the story needs it: Italy's technical level, and one
    // invented entry without each level.
    assert_eq!(
        codes(&statuses, |s| s.policy == LevelStatus::Missing),
        ["SRB"]
    );
    assert_eq!(
        codes(&statuses, |s| s.technical == LevelStatus::Missing),
        ["ITA", "UKR"]
    );
    // Due soon and overdue: France and Austria, and a few invented entries.
    assert_eq!(
        codes(&statuses, |s| s.due_soon > 0),
        ["ALB", "BGR", "FRA", "LUX", "POL", "SWE", "VAT"]
    );
    assert_eq!(
        codes(&statuses, |s| s.overdue > 0),
        ["AUT", "LIE", "MKD", "SVN", "USA"]
    );
    // Notified late: Estonia, and two invented entries whose technical contact changed.
    assert_eq!(
        codes(&statuses, |s| s.late_changes > 0),
        ["BEL", "EST", "GEO"]
    );
    // Unreachable: Austria's technical contact, and two invented ones, missed both checks.
    assert_eq!(
        codes(&statuses, |s| s.unreachable.is_some_and(|n| n > 0)),
        ["AUT", "KGZ", "MNE"]
    );
    // The last check missed a level of these: the unreachable, a level without a contact, and
    // the policy level of Estonia and of three invented entries.
    assert_eq!(
        codes(&statuses, |s| s.last_check_reached == Some(false)),
        [
            "AUT", "AZE", "DNK", "EST", "ITA", "KGZ", "MNE", "SRB", "TUR", "UKR"
        ]
    );
    // Most of the network is in order: complete, nothing due.
    let in_order = codes(&statuses, |s| {
        s.complete && s.due_soon == 0 && s.overdue == 0
    });
    assert_eq!(in_order.len(), 42, "{in_order:?}");
    for code in ["DEU", "EST"] {
        assert!(in_order.iter().any(|c| c == code), "{code}");
    }

    // The overview page says "missing" in those three cells only.
    let browser = app.web_session("manager").await;
    let html = app.page(&browser, "/states").await;
    assert_eq!(
        html.matches("<span class=\"bad\">missing</span>").count(),
        3,
        "{html}"
    );
}

async fn thread(client: &ApiClient, id: i64) -> RequestDetail {
    let answer = client.get(&format!("/api/v1/requests/{id}")).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    answer.typed()
}

async fn message(client: &ApiClient, id: i64, message_id: i64) -> String {
    let answer = client
        .get(&format!("/api/v1/requests/{id}/messages/{message_id}"))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    answer.text
}

/// The fingerprints of the key set the server computes now at `path`, sorted.
async fn key_set(client: &ApiClient, path: &str) -> Vec<String> {
    let answer = client.get(path).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    let mut out: Vec<String> = answer.json["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["fingerprint"].as_str().unwrap().to_owned())
        .collect();
    out.sort();
    out
}

fn sorted(mut fingerprints: Vec<String>) -> Vec<String> {
    fingerprints.sort();
    fingerprints
}

#[tokio::test]
async fn the_demo_has_an_answered_thread_and_an_escalated_one() {
    let app = spawn_app().await;
    let deu = app.login("deu.technical").await;
    let listed = deu.get("/api/v1/requests").await.json;
    let ids: Vec<i64> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [2, 1], "newest first");

    // Request 1: Germany's technical level to Estonia's, delivered by mail a minute after it was
    // sent, acknowledged 35 minutes after, answered three hours after, on time.
    let incident = thread(&deu, 1).await;
    let request = &incident.request;
    assert_eq!(request.from.as_str(), "DEU");
    assert_eq!(request.sent_by, "deu.technical");
    assert_eq!(request.kind.as_str(), "incident-notification");
    assert_eq!(request.urgency.as_str(), "priority");
    assert_eq!(request.level.as_str(), "technical");
    let sent = START - Duration::hours(30);
    assert_eq!(request.sent_at, sent);
    assert_eq!(request.to.len(), 1);
    let leg = &request.to[0];
    assert_eq!(leg.state.as_str(), "EST");
    assert_eq!(leg.status, LegStatus::Answered);
    assert_eq!(leg.acknowledge_by, sent + Duration::hours(24));
    assert_eq!(leg.delivered_at, Some(sent + Duration::minutes(1)));
    assert_eq!(leg.acknowledged_at, Some(sent + Duration::minutes(35)));
    assert_eq!(leg.acknowledged_by.as_deref(), Some("est.technical"));
    assert_eq!(leg.answered_at, Some(sent + Duration::hours(3)));
    assert_eq!(leg.escalated_at, None);
    assert!(!leg.overdue);
    assert_eq!(request.closed_at, None);
    assert_eq!(incident.messages.len(), 2);
    assert_eq!(incident.messages[1].from.as_str(), "EST");
    // Each message was sealed to exactly the key set the server computes for it: Germany's
    // request to a new request's set, Estonia's answer to the thread's set from its side.
    let est = app.login("est.technical").await;
    assert_eq!(
        sorted(incident.messages[0].fingerprints.clone()),
        key_set(&deu, "/api/v1/requests/keys?to=EST&level=technical").await
    );
    assert_eq!(
        sorted(incident.messages[1].fingerprints.clone()),
        key_set(&est, "/api/v1/requests/1/keys").await
    );
    // Both parties' demo keys open both messages.
    for (index, subject) in [
        (0, "Phishing wave against government mail accounts"),
        (1, "Re: Phishing wave against government mail accounts"),
    ] {
        let armored = message(&deu, 1, incident.messages[index].id.0).await;
        for secret in [EST_TECHNICAL, DEU_TECHNICAL] {
            let plain = seal::open(armored.as_bytes(), secret, PASSPHRASE).unwrap();
            assert_eq!(seal::parse(&plain).unwrap().subject, subject);
        }
    }

    // Request 2: Germany's policy level to Italy's, urgent, delivered, never acknowledged, and
    // escalated by the scheduler's run a minute past the two-hour deadline.
    let consultation = thread(&deu, 2).await;
    let request = &consultation.request;
    assert_eq!(request.sent_by, "deu.policy");
    assert_eq!(request.kind.as_str(), "consultation");
    assert_eq!(request.urgency.as_str(), "urgent");
    assert_eq!(request.level.as_str(), "policy");
    let sent = START - Duration::hours(6);
    assert_eq!(request.sent_at, sent);
    let leg = &request.to[0];
    assert_eq!(leg.state.as_str(), "ITA");
    assert_eq!(leg.status, LegStatus::Delivered);
    assert_eq!(leg.acknowledge_by, sent + Duration::hours(2));
    assert_eq!(leg.delivered_at, Some(sent + Duration::minutes(1)));
    assert_eq!(leg.acknowledged_at, None);
    assert_eq!(
        leg.escalated_at,
        Some(sent + Duration::hours(2) + Duration::minutes(1))
    );
    assert!(leg.overdue);
    assert_eq!(consultation.messages.len(), 1);
    // Sent by Germany's policy level: the set its account is given (its own key included).
    let deu_policy = app.login("deu.policy").await;
    assert_eq!(
        sorted(consultation.messages[0].fingerprints.clone()),
        key_set(&deu_policy, "/api/v1/requests/keys?to=ITA&level=policy").await
    );
    let armored = message(&deu, 2, consultation.messages[0].id.0).await;
    for secret in [ITA_POLICY, DEU_POLICY] {
        let plain = seal::open(armored.as_bytes(), secret, PASSPHRASE).unwrap();
        assert_eq!(
            seal::parse(&plain).unwrap().subject,
            "Urgent consultation: outage of a shared satellite link"
        );
    }
    // Italy may still acknowledge it; Estonia is no party to it.
    let ita = app.login("ita.policy").await;
    assert!(
        thread(&ita, 2)
            .await
            .actions
            .contains(&liaison_types::channel::RequestAction::Acknowledge)
    );
    assert_eq!(
        est.get("/api/v1/requests/2").await.status,
        StatusCode::NOT_FOUND
    );

    // Every notification of both threads went out; the escalation reached Italy's policy level.
    let mut tx = app.store.read().await.unwrap();
    let mail: Vec<_> = liaison_store::outbox::recent(&mut tx, 10_000)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.kind.starts_with("channel."))
        .collect();
    drop(tx);
    let mut kinds: Vec<(&str, &str)> = mail
        .iter()
        .map(|m| (m.kind.as_str(), m.recipient.as_str()))
        .collect();
    kinds.sort();
    assert_eq!(
        kinds,
        [
            ("channel.acknowledged", "cert@demo-de.example"),
            ("channel.escalated", "cyber@demo-it.example"),
            ("channel.reply", "cert@demo-de.example"),
            ("channel.request", "cert@demo-ee.example"),
            ("channel.request", "cyber@demo-it.example"),
        ]
    );
    assert!(mail.iter().all(|m| m.status == "sent"), "{mail:?}");

    // The manager's statistics count both, and the scheduler has nothing left to escalate.
    run_scheduler(&app.state).await.unwrap();
    let manager = app.login("manager").await;
    let stats = manager.get("/api/v1/requests/stats").await;
    assert_eq!(stats.status, StatusCode::OK, "{}", stats.text);
    let stats: ChannelStats = stats.typed();
    assert_eq!(
        (stats.requests, stats.messages, stats.legs),
        (2, 3, 2),
        "{stats:?}"
    );
    let count = |key: &str, count| Count {
        key: key.into(),
        count,
    };
    assert_eq!(
        stats.by_kind,
        [count("consultation", 1), count("incident-notification", 1)]
    );
    assert_eq!(stats.by_urgency, [count("priority", 1), count("urgent", 1)]);
    assert_eq!(stats.by_level, [count("policy", 1), count("technical", 1)]);
    assert_eq!(
        (
            stats.acknowledged,
            stats.acknowledged_on_time,
            stats.escalated
        ),
        (1, 1, 1)
    );
    assert_eq!(stats.median_acknowledge_seconds, Some(35 * 60));
}
