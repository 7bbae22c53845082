//! The statements a request runs (issue 19): each of the main routes runs at most its budget
//! when nothing is kept from an earlier request, none for what is kept (the sign-in, the
//! directory's facts) when nothing was written since, and a list runs as many for a long page
//! as for a short one (a list that read its rows one by one ran two more statements per
//! request). The figures come from the server's own log line for the request (`statements`),
//! counted on the connection of the request's transactions.

use liaison_testkit::{ApiClient, Backend, TestApp, on_every_backend, spawn_app_on};
use reqwest::StatusCode;

async fn statements(client: &ApiClient, path: &str) -> u64 {
    let answer = client.get(path).await;
    assert_eq!(answer.status, StatusCode::OK, "{path}: {}", answer.text);
    answer.statements()
}

/// The statements of `path` with nothing kept: a write (that changes nothing) first retires
/// everything the server keeps.
async fn cold(app: &TestApp, client: &ApiClient, path: &str) -> u64 {
    let tx = app.store.begin().await.unwrap();
    liaison_store::commit(tx).await.unwrap();
    statements(client, path).await
}

#[tokio::test]
async fn the_main_routes_run_a_bounded_number_of_statements() {
    on_every_backend(async |backend| within_budget(backend).await).await;
}

async fn within_budget(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let deu = app.login("deu.coordinator").await;
    let manager = app.login("manager").await;
    let auditor = app.login("auditor").await;
    let year = liaison_testkit::START.year() - 1;
    let routes: Vec<(&ApiClient, String)> = vec![
        (&manager, "/api/v1/states".into()),
        (&deu, "/api/v1/states/DEU".into()),
        (&deu, "/api/v1/contacts/1".into()),
        (&deu, "/api/v1/requests".into()),
        (&deu, "/api/v1/checks".into()),
        (&deu, "/api/v1/exchange/cycles".into()),
        (&deu, format!("/api/v1/exchange/cycles/{year}")),
        (&auditor, "/api/v1/audit?limit=100".into()),
    ];
    // The most statements each route may run with nothing kept: the sign-in's one (session,
    // account and State joined) and the route's own. A route that needs more says why in its
    // commit. Then, with nothing written since: what is kept costs nothing (the sign-in on
    // every route; the whole of the directory's reads).
    let budgets = [8, 8, 5, 4, 6, 2, 11, 3];
    let kept = [0, 0, 4, 3, 5, 1, 10, 2];
    let mut seen = Vec::new();
    for (((client, path), budget), kept) in routes.iter().zip(budgets).zip(kept) {
        let cold = cold(&app, client, path).await;
        let warm = statements(client, path).await;
        seen.push((path.clone(), cold, budget, warm, kept));
    }
    let over: Vec<_> = seen
        .iter()
        .filter(|(_, cold, budget, warm, kept)| cold > budget || warm > kept)
        .collect();
    assert!(
        over.is_empty(),
        "on {backend:?}, over budget (path, statements, budget, statements again, budget again): {over:?}"
    );

    // A list runs as many statements for a long page as for a short one.
    deu.get("/api/v1/requests").await;
    let page = deu.get("/api/v1/requests").await;
    let listed = page.json["items"].as_array().map_or(0, Vec::len);
    assert!(
        listed >= 2,
        "Germany's demo inbox holds requests: {}",
        page.text
    );
    let fra = app.login("fra.coordinator").await;
    fra.get("/api/v1/requests").await;
    deu.get("/api/v1/requests").await;
    let empty = fra.get("/api/v1/requests").await;
    assert_eq!(
        empty.json["items"].as_array().map(Vec::len),
        Some(0),
        "{}",
        empty.text
    );
    assert_eq!(
        page.statements(),
        empty.statements(),
        "{listed} requests cost more statements than none"
    );
    let aut = cold(&app, &deu, "/api/v1/states/AUT").await;
    let deu_entry = cold(&app, &deu, "/api/v1/states/DEU").await;
    assert_eq!(
        aut, deu_entry,
        "an entry's statements grow with its contacts"
    );
}
