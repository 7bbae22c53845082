//! What a server keeps between requests (who a token signs in, the directory's facts) is never
//! older than the data: a write retires it at once in the server that made it and, through the
//! database's generation, in every other server on the same database as soon as it reads the
//! generation again; facts that move with time (a check's deadline, a contact falling due) move
//! with the server's clock, with no write.

use liaison_testkit::browser::until;
use liaison_testkit::{
    ApiClient, Backend, Options, contact_body, on_every_backend, spawn_app_on, spawn_app_with,
};
use liaison_types::directory::{DirectoryStatus, StateEntry};
use reqwest::StatusCode;
use serde_json::json;

async fn status_of(client: &ApiClient) -> StatusCode {
    client.get("/api/v1/states/DEU").await.status
}

#[tokio::test]
async fn a_token_logged_out_on_one_server_is_refused_by_every_server() {
    on_every_backend(a_token_logged_out_on_one_server_is_refused_by_every_server_on).await;
}

async fn a_token_logged_out_on_one_server_is_refused_by_every_server_on(backend: Backend) {
    let a = spawn_app_on(backend).await;
    let b = a.another_process().await;
    let on_a = a.login("deu.policy").await;
    let on_b = b.with_token_of(&on_a);
    // Both servers sign the token in, and keep it.
    for _ in 0..2 {
        assert_eq!(status_of(&on_a).await, StatusCode::OK);
        assert_eq!(status_of(&on_b).await, StatusCode::OK);
    }
    let out = on_a.post("/api/v1/auth/logout", &json!({})).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    // The server that ended it refuses it at once; the other once it has read the generation.
    assert_eq!(status_of(&on_a).await, StatusCode::UNAUTHORIZED);
    until("the other server to refuse the ended token", || async {
        match status_of(&on_b).await {
            StatusCode::UNAUTHORIZED => Ok(()),
            seen => Err(seen.to_string()),
        }
    })
    .await;
}

#[tokio::test]
async fn a_disabled_account_is_refused_on_its_next_request() {
    let app = spawn_app_on(Backend::Sqlite).await;
    let deu = app.login("deu.policy").await;
    assert_eq!(status_of(&deu).await, StatusCode::OK);
    let manager = app.login("manager").await;
    let id = liaison_testkit::account_id(&app, "deu.policy").await;
    let disabled = manager
        .call(
            reqwest::Method::PATCH,
            &format!("/api/v1/accounts/{}", id.0),
            Some(&json!({ "disabled": true })),
        )
        .await;
    assert_eq!(disabled.status, StatusCode::OK, "{}", disabled.text);
    assert_eq!(status_of(&deu).await, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_contact_added_through_one_server_is_in_every_servers_entry() {
    on_every_backend(a_contact_added_through_one_server_is_in_every_servers_entry_on).await;
}

async fn a_contact_added_through_one_server_is_in_every_servers_entry_on(backend: Backend) {
    let a = spawn_app_on(backend).await;
    let b = a.another_process().await;
    let on_a = a.login("deu.coordinator").await;
    let on_b = b.with_token_of(&on_a);
    let before = on_b.entry("DEU").await;
    let overview_before = overview_of(&on_b).await;
    assert_eq!(overview_before.contacts as usize, before.contacts.len());
    let added = on_a
        .post(
            "/api/v1/states/DEU/contacts",
            &contact_body(
                "technical",
                "Night shift",
                "night@demo-de.example",
                "2026-12-01",
            ),
        )
        .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.text);
    let count = before.contacts.len() + 1;
    assert_eq!(on_a.entry("DEU").await.contacts.len(), count);
    assert_eq!(overview_of(&on_a).await.contacts as usize, count);
    until(
        "the other server's entry to list the new contact",
        || async {
            let seen = (
                on_b.entry("DEU").await.contacts.len(),
                overview_of(&on_b).await.contacts,
            );
            if seen == (count, count as u32) {
                Ok(())
            } else {
                Err(format!("{seen:?}"))
            }
        },
    )
    .await;
}

async fn overview_of(client: &ApiClient) -> DirectoryStatus {
    let states: Vec<DirectoryStatus> = client.get("/api/v1/states").await.typed();
    states
        .into_iter()
        .find(|s| s.state.code.as_str() == "DEU")
        .unwrap()
}

#[tokio::test]
async fn a_checks_deadline_and_the_days_passing_move_the_status_with_no_write() {
    let mut options = Options::default();
    options.config.token_hours = 24 * 500;
    let app = spawn_app_with(options).await;
    let manager = app.login("manager").await;
    let deu = app.login("deu.coordinator").await;
    let fresh: StateEntry = deu.entry("DEU").await;
    assert_eq!(fresh.status.check_awaiting_until, None);
    let launched = manager
        .post(
            "/api/v1/checks",
            &json!({ "scope": "all", "levels": "both", "window_hours": 24, "spread_hours": 0,
                     "message": "Routine communication check." }),
        )
        .await;
    assert_eq!(launched.status, StatusCode::CREATED, "{}", launched.text);
    let id = launched.json["check"]["id"].as_i64().unwrap();

    let awaiting = deu.entry("DEU").await;
    assert_eq!(
        awaiting.checks.as_ref().unwrap().awaiting_check_id,
        Some(id)
    );
    assert!(awaiting.status.check_awaiting_until.is_some());
    assert!(overview_of(&manager).await.check_awaiting_until.is_some());
    let overdue = awaiting.status.overdue;

    // Nobody answers; the window closes and nothing is written. Read half a minute before
    // the deadline (so kept the moment it passes), then just after it.
    app.clock
        .advance(time::Duration::hours(24) - time::Duration::seconds(30));
    let last_minute = deu.entry("DEU").await;
    assert_eq!(last_minute.checks.unwrap().awaiting_check_id, Some(id));
    app.clock.advance(time::Duration::seconds(31));
    let missed = deu.entry("DEU").await;
    let checks = missed.checks.unwrap();
    assert_eq!(checks.awaiting_check_id, None);
    assert_eq!(
        (checks.last_check_id, checks.last_reached),
        (Some(id), Some(false))
    );
    let seen = overview_of(&manager).await;
    assert_eq!(seen.check_awaiting_until, None);
    assert_eq!(seen.last_check_reached, Some(false));

    // A year on (the tokens last that long here), every contact is overdue, with no write
    // either: what is kept holds at most a minute and never past midnight.
    app.clock.advance(time::Duration::days(400));
    let late = deu.entry("DEU").await;
    assert!(late.status.overdue > overdue, "{:?}", late.status);
    assert_eq!(late.status.overdue, late.status.contacts);
    assert_eq!(overview_of(&deu).await.overdue, late.status.contacts);
}
