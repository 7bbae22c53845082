//! The storage on every backend (SQLite, and PostgreSQL when configured): the same directory
//! journey gives the same answers, both migration folders give the same schema, concurrent
//! writes keep the audit chain linear, and tampering with the chain is detected.

use liaison_store::{Dialect, Store};
use liaison_testkit::{
    Backend, TestApp, backends, contact_body, fresh_database, on_every_backend, spawn_app_on,
};
use liaison_types::directory::{AnnualStatus, Contact, StateEntry};
use reqwest::StatusCode;
use serde_json::{Value, json};
use time::Duration;

const KEY: &str = include_str!("../../../core/tests/fixtures/keys/valid-ed25519.asc");

async fn app_on(backend: Backend) -> TestApp {
    let app = spawn_app_on(backend).await;
    let dialect = match backend {
        Backend::Sqlite => Dialect::Sqlite,
        Backend::Postgres => Dialect::Postgres,
    };
    assert_eq!(app.store.dialect(), dialect);
    app
}

/// What a directory journey leaves behind, as the API shows it.
#[derive(Debug)]
struct Outcome {
    entry: Value,
    history: Value,
    overview: Value,
}

/// Creates a contact, changes it on time and late, registers its key, confirms the State and
/// retires the contact, asserting each answer; returns the entry, the history and the overview.
async fn directory_journey(backend: Backend) -> Outcome {
    let app = app_on(backend).await;
    let deu = app.login("deu.coordinator").await;
    let on = format!("on {backend:?}");

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
    assert_eq!(
        created.status,
        StatusCode::CREATED,
        "{on}: {}",
        created.text
    );
    let created: Contact = created.typed();
    let id = created.id;
    assert_eq!(created.version, 1, "{on}");
    assert_eq!(created.confirmed_on.to_string(), "2027-01-15", "{on}");
    assert_eq!(created.due_on.to_string(), "2028-01-15", "{on}");
    assert_eq!(created.annual_status, AnnualStatus::Current, "{on}");

    // Day 30 after the change took effect is on time, day 31 is late.
    let mut on_time = contact_body(
        "technical",
        "Night shift",
        "night@demo-de.example",
        "2026-12-16",
    );
    on_time["phone"] = json!("+49 228 99 9582 1");
    let changed = deu.put(&format!("/api/v1/contacts/{id}"), &on_time).await;
    assert_eq!(changed.status, StatusCode::OK, "{on}: {}", changed.text);
    assert_eq!(changed.typed::<Contact>().version, 2, "{on}");
    let mut late = on_time.clone();
    late["effective_on"] = json!("2026-12-15");
    late["email"] = json!("night-shift@demo-de.example");
    let changed = deu.put(&format!("/api/v1/contacts/{id}"), &late).await;
    assert_eq!(changed.status, StatusCode::OK, "{on}: {}", changed.text);
    let changed: Contact = changed.typed();
    assert_eq!(changed.version, 3, "{on}");
    assert_eq!(changed.details.email, "night-shift@demo-de.example", "{on}");

    let keyed = deu
        .put(
            &format!("/api/v1/contacts/{id}/key"),
            &json!({ "armored": KEY, "effective_on": "2027-01-15" }),
        )
        .await;
    assert_eq!(keyed.status, StatusCode::OK, "{on}: {}", keyed.text);
    let keyed: Contact = keyed.typed();
    assert_eq!(keyed.version, 4, "{on}");
    let fingerprint = keyed.key.unwrap().fingerprint;
    assert!(!fingerprint.is_empty(), "{on}");
    let key = deu.get(&format!("/api/v1/contacts/{id}/key")).await;
    assert_eq!(key.status, StatusCode::OK, "{on}");
    assert!(
        key.text.contains("BEGIN PGP PUBLIC KEY BLOCK"),
        "{on}: {}",
        key.text
    );

    // Forty days later the coordinator checks the entry: every contact restarts its clock.
    app.clock.advance(Duration::days(40));
    let deu = app.login("deu.coordinator").await;
    let confirmed = deu.post("/api/v1/states/DEU/confirm", &json!({})).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{on}: {}", confirmed.text);
    let contacts = confirmed.typed::<StateEntry>().contacts;
    assert_eq!(contacts.len(), 4, "{on}: the three demo contacts and ours");
    for contact in &contacts {
        assert_eq!(
            contact.confirmed_on.to_string(),
            "2027-02-24",
            "{on}: {contact:?}"
        );
        assert_eq!(
            contact.due_on.to_string(),
            "2028-02-24",
            "{on}: {contact:?}"
        );
        assert_eq!(
            contact.annual_status,
            AnnualStatus::Current,
            "{on}: {contact:?}"
        );
    }
    let ours = contacts.iter().find(|c| c.id == id).unwrap();
    assert_eq!(
        ours.key.as_ref().map(|k| k.fingerprint.as_str()),
        Some(fingerprint.as_str()),
        "{on}: confirming keeps the key"
    );

    let retired = deu
        .post(
            &format!("/api/v1/contacts/{id}/retire"),
            &json!({ "effective_on": "2027-02-24" }),
        )
        .await;
    assert_eq!(retired.status, StatusCode::OK, "{on}: {}", retired.text);
    let retired: Contact = retired.typed();
    assert!(retired.retired, "{on}");
    assert_eq!(retired.version, 6, "{on}");

    let history = deu.get(&format!("/api/v1/contacts/{id}/history")).await;
    assert_eq!(history.status, StatusCode::OK, "{on}: {}", history.text);
    let versions = history.json.as_array().unwrap();
    let changes: Vec<&str> = versions
        .iter()
        .map(|v| v["change"].as_str().unwrap())
        .collect();
    assert_eq!(
        changes,
        [
            "created",
            "changed",
            "changed",
            "key",
            "confirmed",
            "retired"
        ],
        "{on}"
    );
    let late_flags: Vec<bool> = versions
        .iter()
        .map(|v| v["notified_late"].as_bool().unwrap())
        .collect();
    assert_eq!(
        late_flags,
        [false, false, true, false, false, false],
        "{on}: only the change notified on day 31 is late"
    );
    for version in &versions[3..] {
        assert_eq!(
            version["key"]["fingerprint"], fingerprint,
            "{on}: {version}"
        );
    }
    assert!(versions[..3].iter().all(|v| v["key"].is_null()), "{on}");
    assert!(
        versions
            .iter()
            .all(|v| v["recorded_by"] == "deu.coordinator"),
        "{on}"
    );

    let entry = deu.get("/api/v1/states/DEU?include_retired=true").await;
    assert_eq!(entry.status, StatusCode::OK, "{on}: {}", entry.text);
    let read: StateEntry = entry.typed();
    let status = &read.status;
    assert_eq!(
        status.contacts, 3,
        "{on}: the retired contact does not count"
    );
    assert_eq!(status.current, 3, "{on}");
    assert_eq!(status.late_changes, 1, "{on}");
    assert!(status.complete, "{on}");
    assert_eq!(
        status.last_confirmed_on.map(|d| d.to_string()).as_deref(),
        Some("2027-02-24"),
        "{on}"
    );
    assert_eq!(read.contacts.len(), 4, "{on}");
    assert_eq!(deu.entry("DEU").await.contacts.len(), 3, "{on}");

    let overview = deu.get("/api/v1/states").await;
    assert_eq!(overview.status, StatusCode::OK, "{on}: {}", overview.text);
    assert_eq!(overview.json.as_array().unwrap().len(), 68, "{on}");

    Outcome {
        entry: entry.json,
        history: history.json,
        overview: overview.json,
    }
}

#[tokio::test]
async fn the_directory_journey_reads_the_same_on_every_backend() {
    let mut outcomes = Vec::new();
    on_every_backend(async |backend| {
        outcomes.push((backend, directory_journey(backend).await));
    })
    .await;
    // Ids come from the same sequence of inserts and the clock is the test's, so the answers
    // must be identical to the byte, not just alike.
    let (first_backend, first) = &outcomes[0];
    for (backend, outcome) in &outcomes[1..] {
        assert_eq!(
            outcome.entry, first.entry,
            "GET /api/v1/states/DEU differs between {first_backend:?} and {backend:?}"
        );
        assert_eq!(
            outcome.history, first.history,
            "the history differs between {first_backend:?} and {backend:?}"
        );
        assert_eq!(
            outcome.overview, first.overview,
            "GET /api/v1/states differs between {first_backend:?} and {backend:?}"
        );
    }
}

async fn migrated(backend: Backend) -> (Store, Option<tempfile::TempDir>) {
    let (url, dir) = fresh_database(backend).await;
    let store = Store::connect(&url).await.unwrap();
    store.migrate().await.unwrap();
    (store, dir)
}

#[tokio::test]
async fn both_migration_folders_give_the_same_schema() {
    if !backends().contains(&Backend::Postgres) {
        eprintln!("skipped: PostgreSQL is not configured (LIAISON_TEST_POSTGRES_URL)");
        return;
    }
    let (sqlite, _dir) = migrated(Backend::Sqlite).await;
    let (postgres, _) = migrated(Backend::Postgres).await;
    let sqlite_columns = sqlite.schema_columns().await.unwrap();
    let postgres_columns = postgres.schema_columns().await.unwrap();
    let tables: std::collections::BTreeSet<&str> =
        sqlite_columns.iter().map(|(t, _, _)| t.as_str()).collect();
    for table in [
        "states",
        "contacts",
        "contact_versions",
        "accounts",
        "sessions",
        "audit_log",
        "outbox",
        "reminders",
    ] {
        assert!(tables.contains(table), "{table} missing: {tables:?}");
    }
    let only_sqlite: Vec<_> = sqlite_columns
        .iter()
        .filter(|c| !postgres_columns.contains(c))
        .collect();
    let only_postgres: Vec<_> = postgres_columns
        .iter()
        .filter(|c| !sqlite_columns.contains(c))
        .collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "the schemas differ\nonly in SQLite: {only_sqlite:#?}\nonly in PostgreSQL: {only_postgres:#?}"
    );
    assert_eq!(sqlite_columns, postgres_columns);
}

async fn verify(app: &TestApp) -> Value {
    let auditor = app.login("auditor").await;
    let answer = auditor.get("/api/v1/audit/verify").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    answer.json
}

async fn audit_rows(app: &TestApp) -> i64 {
    let mut tx = app.store.read().await.unwrap();
    liaison_store::audit::count(&mut tx).await.unwrap()
}

#[tokio::test]
async fn concurrent_writes_keep_the_audit_chain_linear() {
    on_every_backend(async |backend| {
        let app = app_on(backend).await;
        let deu = app.login("deu.coordinator").await;
        // The auditor logs in (an audited event) before the rows are counted.
        let auditor = app.login("auditor").await;
        let before = audit_rows(&app).await;
        let leaves_before =
            auditor.get("/api/v1/audit/verify").await.json["transparency"]["leaves"]
                .as_u64()
                .unwrap();

        let mut tasks = tokio::task::JoinSet::new();
        for n in 0..20 {
            let client = deu.clone();
            tasks.spawn(async move {
                client
                    .post(
                        "/api/v1/states/DEU/contacts",
                        &contact_body(
                            "technical",
                            &format!("Shift {n}"),
                            &format!("shift{n}@demo-de.example"),
                            "2027-01-15",
                        ),
                    )
                    .await
            });
        }
        let mut ids = std::collections::BTreeSet::new();
        while let Some(answer) = tasks.join_next().await {
            let answer = answer.unwrap();
            assert_eq!(
                answer.status,
                StatusCode::CREATED,
                "on {backend:?}: {}",
                answer.text
            );
            ids.insert(answer.typed::<Contact>().id);
        }
        assert_eq!(ids.len(), 20, "on {backend:?}: distinct ids");

        let after = audit_rows(&app).await;
        assert_eq!(
            after,
            before + 20,
            "on {backend:?}: one audit row per contact"
        );
        let verification = auditor.get("/api/v1/audit/verify").await;
        assert_eq!(verification.status, StatusCode::OK, "{}", verification.text);
        // Each change appended its leaf and signed its head: no gap, no fork.
        let leaves = leaves_before + 20;
        assert_eq!(
            verification.json,
            json!({ "rows": after, "intact": true, "first_broken_seq": null,
                    "transparency": { "leaves": leaves, "heads": leaves + 1, "intact": true, "problems": [] } }),
            "on {backend:?}"
        );
        assert_eq!(
            deu.entry("DEU").await.contacts.len(),
            23,
            "on {backend:?}: three demo contacts and twenty new ones"
        );
    })
    .await;
}

async fn raw_pool(app: &TestApp) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    sqlx::AnyPool::connect(&app.database_url).await.unwrap()
}

#[tokio::test]
async fn tampering_with_the_audit_log_is_detected() {
    on_every_backend(async |backend| {
        let app = app_on(backend).await;
        let verified = verify(&app).await;
        assert_eq!(verified["intact"], true, "on {backend:?}: {verified}");
        let rows = verified["rows"].as_i64().unwrap();
        assert!(rows > 10, "on {backend:?}: the demo leaves a history");
        let middle = rows / 2;
        let pool = raw_pool(&app).await;

        // An edited actor breaks that row's hash.
        let original: String = sqlx::query_scalar("SELECT actor FROM audit_log WHERE seq = $1")
            .bind(middle)
            .fetch_one(&pool)
            .await
            .unwrap();
        let edited = sqlx::query("UPDATE audit_log SET actor = 'mallory' WHERE seq = $1")
            .bind(middle)
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(edited.rows_affected(), 1);
        let verified = verify(&app).await;
        assert_eq!(verified["intact"], false, "on {backend:?}: {verified}");
        assert_eq!(
            verified["first_broken_seq"], middle,
            "on {backend:?}: {verified}"
        );

        // Putting it back makes the chain whole again: the check is about content, not state.
        sqlx::query("UPDATE audit_log SET actor = $1 WHERE seq = $2")
            .bind(&original)
            .bind(middle)
            .execute(&pool)
            .await
            .unwrap();
        let verified = verify(&app).await;
        assert_eq!(verified["intact"], true, "on {backend:?}: {verified}");

        // A deleted row leaves a gap: the row after it is the first that does not fit.
        let deleted = sqlx::query("DELETE FROM audit_log WHERE seq = $1")
            .bind(middle)
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(deleted.rows_affected(), 1);
        let verified = verify(&app).await;
        assert_eq!(verified["intact"], false, "on {backend:?}: {verified}");
        assert_eq!(
            verified["first_broken_seq"],
            middle + 1,
            "on {backend:?}: {verified}"
        );
        pool.close().await;
    })
    .await;
}
