//! Account management by the network manager, through the API and the page.

use liaison_testkit::spawn_app;
use liaison_types::account::{Me, Role};
use reqwest::StatusCode;
use serde_json::json;

fn account(username: &str, role: &str, state: Option<&str>) -> serde_json::Value {
    json!({
        "username": username, "display_name": "New person", "email": format!("{username}@example.org"),
        "password": "a long enough password", "role": role, "state": state,
    })
}

#[tokio::test]
async fn manager_creates_accounts_and_bad_requests_change_nothing() {
    let app = spawn_app().await;
    let manager = app.login("manager").await;
    let before = manager
        .get("/api/v1/accounts")
        .await
        .json
        .as_array()
        .unwrap()
        .len();

    let created = manager
        .post(
            "/api/v1/accounts",
            &account("swe.coordinator", "coordinator", Some("SWE")),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let new = app
        .login_with("swe.coordinator", "a long enough password")
        .await;
    let me: Me = new.get("/api/v1/me").await.typed();
    assert_eq!(me.state.as_ref().map(|s| s.as_str()), Some("SWE"));
    assert_eq!(me.role, Role::Coordinator);

    let refusals = [
        (
            account("swe.coordinator", "coordinator", Some("SWE")),
            // A taken username is a problem of the field, like the others (GitHub answers so too).
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            account("x.poc", "poc", None),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            account("x.observer", "observer", Some("SWE")),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            account("x.coordinator", "coordinator", Some("XXX")),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            account("Bad Name", "manager", None),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({ "username": "short.pw", "display_name": "x", "email": "a@b.org", "password": "short", "role": "auditor" }),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({ "username": "no.role", "display_name": "x", "email": "a@b.org", "password": "a long enough password", "role": "king" }),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ];
    for (body, status) in refusals {
        let answer = manager.post("/api/v1/accounts", &body).await;
        assert_eq!(answer.status, status, "{body} → {}", answer.text);
        assert_eq!(answer.content_type, "application/problem+json");
        assert!(!answer.problem().detail.is_empty());
    }
    assert_eq!(
        manager
            .get("/api/v1/accounts")
            .await
            .json
            .as_array()
            .unwrap()
            .len(),
        before + 1
    );

    let coordinator = app.login("deu.coordinator").await;
    let refused = coordinator
        .post("/api/v1/accounts", &account("sneaky", "manager", None))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(
        coordinator.get("/api/v1/accounts").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        manager
            .get("/api/v1/accounts")
            .await
            .json
            .as_array()
            .unwrap()
            .len(),
        before + 1
    );
}

fn csrf_of(html: &str) -> String {
    let start = html.find("name=\"csrf\" value=\"").unwrap() + "name=\"csrf\" value=\"".len();
    html[start..].split('"').next().unwrap().to_owned()
}

#[tokio::test]
async fn manager_creates_an_account_on_the_page() {
    let app = spawn_app().await;
    let browser = app.web_session("manager").await;
    let page = app.page(&browser, "/accounts").await;
    assert!(
        page.contains("deu.coordinator"),
        "the list shows existing accounts"
    );
    let csrf = csrf_of(&page);

    let form = [
        ("csrf", csrf.as_str()),
        ("username", "pol.coordinator"),
        ("display_name", "National coordinator, Poland"),
        ("email", "pol@example.org"),
        ("role", "coordinator"),
        ("state", "pol"),
        ("password", "a long enough password"),
    ];
    let created = browser
        .post(app.url("/accounts"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::OK);
    assert!(created.url().as_str().contains("created=pol.coordinator"));
    assert!(created.text().await.unwrap().contains("pol@example.org"));
    app.login_with("pol.coordinator", "a long enough password")
        .await;

    let mut bad = form;
    bad[1] = ("username", "pol.technical");
    bad[5] = ("state", "Poland");
    let refused = browser
        .post(app.url("/accounts"))
        .form(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.unwrap();
    assert!(html.contains("three-letter"), "the error names the problem");
    assert!(
        html.contains("value=\"pol.technical\""),
        "typed values are kept"
    );

    let mut forged = form;
    forged[0] = ("csrf", "forged");
    forged[1] = ("username", "forged.account");
    let refused = browser
        .post(app.url("/accounts"))
        .form(&forged)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let manager = app.login("manager").await;
    let names: Vec<String> = manager
        .get("/api/v1/accounts")
        .await
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["username"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        !names.contains(&"forged.account".to_owned())
            && !names.contains(&"pol.technical".to_owned())
    );
}

#[tokio::test]
async fn a_point_of_contact_is_linked_to_its_own_directory_contact_only() {
    let app = spawn_app().await;
    let manager = app.login("manager").await;
    let entry = manager.get("/api/v1/states/DEU").await.json;
    let id_of = |pick: &dyn Fn(&serde_json::Value) -> bool| {
        entry["contacts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| pick(c))
            .unwrap()["id"]
            .as_i64()
            .unwrap()
    };
    let technical = id_of(&|c| c["level"] == "technical");
    let csirt = id_of(&|c| c["kind"] == "structure");
    let french = manager.entry("FRA").await.contacts[0].id;
    let body = |username: &str, role: &str, state: Option<&str>, contact: i64| {
        json!({
            "username": username, "display_name": "Deputy duty officer", "email": format!("{username}@example.org"),
            "password": "a long enough password", "role": role, "state": state, "contact_id": contact,
        })
    };
    for (request, message) in [
        (
            body("x.one", "poc", Some("DEU"), french),
            "another State's entry",
        ),
        (
            body("x.two", "poc", Some("DEU"), csirt),
            "not an active point of contact",
        ),
        (
            body("x.three", "poc", Some("DEU"), 999_999),
            "no contact with id 999999",
        ),
        (
            body("x.four", "coordinator", Some("DEU"), technical),
            "only a point of contact's account",
        ),
    ] {
        let refused = manager.post("/api/v1/accounts", &request).await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{request}: {}",
            refused.text
        );
        let error = &refused.problem().errors["contact_id"];
        assert!(error.contains(message), "{error}");
    }
    let accounts = manager.get("/api/v1/accounts").await.json;
    assert!(
        !accounts.to_string().contains("x.one"),
        "nothing was created"
    );

    // A contact is one person's: while Germany's technical PoC's account is linked to it, no
    // other account is.
    let taken = manager
        .post(
            "/api/v1/accounts",
            &body("deu.deputy", "poc", Some("DEU"), technical),
        )
        .await;
    assert_eq!(
        taken.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        taken.text
    );
    assert!(taken.problem().errors["contact_id"].contains("already linked"));
    let holder = manager.get("/api/v1/accounts").await.json;
    let holder = holder
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["contact_id"] == technical)
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let unlinked = manager
        .call(
            reqwest::Method::PATCH,
            &format!("/api/v1/accounts/{holder}"),
            Some(&json!({ "contact_id": null })),
        )
        .await;
    assert_eq!(unlinked.status, StatusCode::OK, "{}", unlinked.text);
    let created = manager
        .post(
            "/api/v1/accounts",
            &body("deu.deputy", "poc", Some("DEU"), technical),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    // The linked account answers its contact's challenges in the app.
    let launched = manager
        .post(
            "/api/v1/checks",
            &json!({ "scope": "states", "states": ["DEU"], "levels": "technical", "window_hours": 6, "message": "Check." }),
        )
        .await;
    assert_eq!(launched.status, StatusCode::CREATED);
    let deputy = app.login_with("deu.deputy", "a long enough password").await;
    let mine = deputy.get("/api/v1/checks/challenges").await.json;
    assert_eq!(mine.as_array().unwrap().len(), 1, "{mine}");
    assert_eq!(mine[0]["contact_id"], technical);
}

/// The id in a `201 Created` answer.
#[derive(serde::Deserialize)]
struct Created {
    id: liaison_types::id::AccountId,
}

#[tokio::test]
async fn an_account_a_manager_sets_up_for_a_state_is_told_to_that_states_coordinators() {
    let app = spawn_app().await;
    let manager = app.login("manager").await;
    let created = manager
        .post(
            "/api/v1/accounts",
            &account("est.second", "coordinator", Some("EST")),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let id = created.typed::<Created>().id;
    let told = app.mail_of("account.state").await;
    let recipients: Vec<&str> = told.iter().map(|m| m.recipient.as_str()).collect();
    // Estonia's coordinator, not the new account itself.
    assert_eq!(recipients, ["est.coordinator@demo.liaison.example"]);
    assert!(told[0].subject.contains("Estonia"), "{}", told[0].subject);
    assert!(
        told[0].body.contains("est.second") && told[0].body.contains("manager"),
        "who acts and who set it up: {}",
        told[0].body
    );

    // A new name tells nobody; a move to another State tells that State's coordinators.
    let path = format!("/api/v1/accounts/{id}");
    let renamed = manager
        .call(
            reqwest::Method::PATCH,
            &path,
            Some(&json!({ "display_name": "Renamed" })),
        )
        .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.text);
    assert_eq!(app.mail_of("account.state").await.len(), 1);
    let moved = manager
        .call(
            reqwest::Method::PATCH,
            &path,
            Some(&json!({ "state": "FRA" })),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
    let told = app.mail_of("account.state").await;
    assert_eq!(told.len(), 2);
    assert_eq!(told[1].recipient, "fra.coordinator@demo.liaison.example");

    // An account without a State (an observer) concerns no State.
    let observer = manager
        .post(
            "/api/v1/accounts",
            &account("second.observer", "observer", None),
        )
        .await;
    assert_eq!(observer.status, StatusCode::CREATED, "{}", observer.text);
    assert_eq!(app.mail_of("account.state").await.len(), 2);
}
