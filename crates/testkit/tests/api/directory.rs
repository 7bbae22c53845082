//! The directory through the API: the journey of a coordinator, as in the issue.

use liaison_testkit::{contact_body, spawn_app};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn coordinator_adds_changes_and_retires_a_contact() {
    let app = spawn_app().await;
    let deu = app.login("deu.coordinator").await;
    let created = deu
        .post(
            "/api/v1/states/DEU/contacts",
            &contact_body(
                "technical",
                "Night shift",
                "night@demo-de.example",
                "2027-01-10",
            ),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let id = created.json["id"].as_i64().unwrap();
    assert_eq!(created.json["annual_status"], "current");

    let mut changed = contact_body(
        "technical",
        "Night shift",
        "night-shift@demo-de.example",
        "2026-11-01",
    );
    changed["phone"] = json!("+49 228 99 9582 1");
    let updated = deu.put(&format!("/api/v1/contacts/{id}"), &changed).await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.text);
    assert_eq!(updated.json["version"], 2);

    let history = deu.get(&format!("/api/v1/contacts/{id}/history")).await;
    let versions = history.json.as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["notified_late"], false);
    assert_eq!(
        versions[1]["notified_late"], true,
        "recorded 75 days after the change took effect"
    );

    let retired = deu
        .post(
            &format!("/api/v1/contacts/{id}/retire"),
            &json!({ "effective_on": "2027-01-15" }),
        )
        .await;
    assert_eq!(retired.status, StatusCode::OK);
    assert_eq!(retired.json["retired"], true);
    let again = deu.put(&format!("/api/v1/contacts/{id}"), &changed).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
}
