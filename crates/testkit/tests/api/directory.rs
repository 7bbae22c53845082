//! The directory through the API: the journey of a coordinator, as in the issue.

use liaison_testkit::{contact_body, spawn_app};
use liaison_types::directory::{AnnualStatus, Contact, ContactKind, ImportReport, Level};
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
    let created: Contact = created.typed();
    let id = created.id;
    assert_eq!(created.annual_status, AnnualStatus::Current);

    let mut changed = contact_body(
        "technical",
        "Night shift",
        "night-shift@demo-de.example",
        "2026-11-01",
    );
    changed["phone"] = json!("+49 228 99 9582 1");
    let updated = deu.put(&format!("/api/v1/contacts/{id}"), &changed).await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.text);
    assert_eq!(updated.typed::<Contact>().version, 2);

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
    assert!(retired.typed::<Contact>().retired);
    let again = deu.put(&format!("/api/v1/contacts/{id}"), &changed).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
}

fn csrf_of(html: &str) -> String {
    let start = html.find("name=\"csrf\" value=\"").unwrap() + "name=\"csrf\" value=\"".len();
    html[start..].split('"').next().unwrap().to_owned()
}

#[tokio::test]
async fn form_problems_are_worded_in_the_users_language_and_change_nothing() {
    let app = spawn_app().await;
    let browser = app.web_session("deu.coordinator").await;
    let page = app.page(&browser, "/states/DEU").await;
    let csrf = csrf_of(&page);
    browser
        .post(app.url("/account/language"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("lang", "de"),
            ("next", "/states/DEU"),
        ])
        .send()
        .await
        .unwrap();
    let api = app.login("deu.coordinator").await;
    let before = api.entry("DEU").await.contacts.len();

    let form = [
        ("csrf", csrf.as_str()),
        ("kind", "technical"),
        ("name", "Nachtdienst"),
        ("organisation", "BSI"),
        ("email", "kein-mail"),
        ("phone", "0228 123"),
        ("time_zone", "Europe/Berln"),
        ("languages", "de"),
        ("effective_on", "2031-01-01"),
    ];
    let answer = browser
        .post(app.url("/states/DEU/contacts"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = answer.text().await.unwrap();
    for german in [
        "„kein-mail“ ist keine E-Mail-Adresse",
        "verwenden Sie das internationale Format",
        "ist keine IANA-Zeitzone",
        "2031-01-01 liegt mehr als ein Jahr in der Zukunft",
    ] {
        assert!(html.contains(german), "missing «{german}» in the page");
    }
    assert!(
        html.contains("value=\"Nachtdienst\""),
        "typed values are kept"
    );
    assert_eq!(api.entry("DEU").await.contacts.len(), before);

    // The API words the same problems in English, per field.
    let mut body = contact_body("technical", "Nachtdienst", "kein-mail", "2027-01-10");
    body["time_zone"] = json!("Europe/Berln");
    let refused = api.post("/api/v1/states/DEU/contacts", &body).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.problem().errors["email"],
        "'kein-mail' is not an email address"
    );
    assert_eq!(
        refused.problem().errors["time_zone"],
        "'Europe/Berln' is not an IANA time zone such as Europe/Vienna"
    );
}

#[tokio::test]
async fn a_coordinator_uploads_a_key_file_on_the_page() {
    let app = spawn_app().await;
    let browser = app.web_session("deu.coordinator").await;
    let api = app.login("deu.coordinator").await;
    let policy = api
        .entry("DEU")
        .await
        .contacts
        .iter()
        .find(|c| {
            matches!(
                c.kind,
                ContactKind::Poc {
                    level: Level::Policy
                }
            )
        })
        .unwrap()
        .id;
    let page = browser
        .get(app.url(&format!("/contacts/{policy}/key")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("enctype=\"multipart/form-data\""));
    let csrf = csrf_of(&page);
    let upload = |file: Vec<u8>, name: &'static str| {
        reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .text("armored", "")
            .text("effective_on", "2027-01-15")
            .part(
                "key_file",
                reqwest::multipart::Part::bytes(file).file_name(name),
            )
    };

    let key_of = async || {
        let contact: Contact = api.get(&format!("/api/v1/contacts/{policy}")).await.typed();
        contact.key.map(|k| k.fingerprint)
    };
    let before = key_of().await;
    let binary = include_bytes!("../../../core/tests/fixtures/keys/tampered.gpg").to_vec();
    let refused = browser
        .post(app.url(&format!("/contacts/{policy}/key")))
        .multipart(upload(binary, "key.gpg"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().await.unwrap().contains("ASCII-armored"));
    assert_eq!(key_of().await, before, "nothing registered");

    let armored = include_bytes!("../../../core/tests/fixtures/keys/valid-ed25519.asc").to_vec();
    let done = browser
        .post(app.url(&format!("/contacts/{policy}/key")))
        .multipart(upload(armored, "key.asc"))
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), StatusCode::OK);
    assert!(done.url().path().ends_with(&format!("/contacts/{policy}")));
    let contact: Contact = api.get(&format!("/api/v1/contacts/{policy}")).await.typed();
    let fingerprint = contact.key.unwrap().fingerprint;
    assert_eq!(fingerprint.len(), 40);
    assert!(
        done.text().await.unwrap().contains(&fingerprint),
        "the page shows the fingerprint"
    );

    // The State's coordinators and the contact itself are told, with the key and who
    // registered it: a key registered behind their back does not go unnoticed.
    let told = app.mail_of("directory.key").await;
    let recipients: Vec<&str> = told.iter().map(|m| m.recipient.as_str()).collect();
    assert_eq!(
        recipients,
        [
            "deu.coordinator@demo.liaison.example",
            contact.details.email.as_str()
        ]
    );
    assert!(
        told.iter()
            .all(|m| m.body.contains(&fingerprint) && m.body.contains("deu.coordinator")),
        "{told:?}"
    );

    // Another State's contact: no key form, as no edit form.
    let french = api.entry("FRA").await.contacts[0].id;
    let foreign = browser
        .get(app.url(&format!("/contacts/{french}/key")))
        .send()
        .await
        .unwrap();
    assert_eq!(foreign.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_coordinator_exports_its_states_csv_edits_it_and_imports_it_back() {
    let app = liaison_testkit::spawn_app().await;
    let coordinator = app.login("deu.coordinator").await;
    let (status, headers, body) = coordinator
        .get_bytes("/api/v1/states/DEU/contacts.csv")
        .await;
    assert_eq!(status, reqwest::StatusCode::OK);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let csv = String::from_utf8(body).unwrap();
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert!(rows.len() >= 2, "{csv}");
    assert!(
        rows.iter().all(|row| row.split(',').nth(1) == Some("DEU")),
        "only its own State: {csv}"
    );

    // Imported unchanged, byte for byte: nothing to change, and nothing changed.
    let before = coordinator.get("/api/v1/states/DEU").await.json;
    // What the caller may do comes with the entry: its own State's coordinator edits it;
    // another State reads and exports it; an observer sees the figures only.
    use liaison_types::directory::EntryAction::{Edit, Export, ReadContacts};
    assert_eq!(
        coordinator.entry("DEU").await.actions,
        [Edit, ReadContacts, Export]
    );
    let other = app.login("fra.coordinator").await;
    assert_eq!(other.entry("DEU").await.actions, [ReadContacts, Export]);
    let observer = app.login("observer").await;
    let seen = observer.entry("DEU").await;
    assert!(seen.actions.is_empty());
    assert!(seen.contacts.is_empty());
    let answer = coordinator
        .post_bytes(
            "/api/v1/directory/import",
            "text/csv",
            csv.clone().into_bytes(),
        )
        .await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.text);
    assert_eq!(
        answer.json,
        serde_json::json!({ "created": 0, "changed": 0, "unchanged": rows.len() })
    );
    assert_eq!(coordinator.get("/api/v1/states/DEU").await.json, before);

    // Edited in a spreadsheet (one phone number): one change.
    let edited = csv.replacen("+49 30 1817 0", "+49 30 1817 2000", 1);
    assert_ne!(
        edited, csv,
        "the demo's policy contact has that phone number"
    );
    let answer = coordinator
        .post_bytes(
            "/api/v1/directory/import",
            "text/csv",
            edited.clone().into_bytes(),
        )
        .await;
    assert_eq!(answer.typed::<ImportReport>().changed, 1, "{}", answer.text);
    let (_, _, again) = coordinator
        .get_bytes("/api/v1/states/DEU/contacts.csv")
        .await;
    assert!(
        String::from_utf8(again)
            .unwrap()
            .contains("+49 30 1817 2000")
    );

    // The whole directory's CSV still holds other States, whose rows it may not import.
    let whole = coordinator.get("/api/v1/directory/export.csv").await.text;
    assert!(whole.contains(",FRA,"));
    // Another State's file is readable (participating States read each other's contacts).
    let (status, _, _) = coordinator
        .get_bytes("/api/v1/states/FRA/contacts.csv")
        .await;
    assert_eq!(status, reqwest::StatusCode::OK);
}

/// Issue 16, item 1: a change announced for a later date waits for it.
#[tokio::test]
async fn a_change_announced_for_a_later_date_takes_effect_on_that_date_and_not_before() {
    for backend in liaison_testkit::backends() {
        let app = liaison_testkit::spawn_app_with(liaison_testkit::Options {
            backend,
            ..liaison_testkit::Options::default()
        })
        .await;
        let aut = app.login("aut.coordinator").await;
        let created = aut
            .post(
                "/api/v1/states/AUT/contacts",
                &contact_body(
                    "technical",
                    "GovCERT duty officer",
                    "govcert@demo-at.example",
                    "2027-01-10",
                ),
            )
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
        let id = created.typed::<Contact>().id;
        let path = format!("/api/v1/contacts/{id}");

        // On 15 January, the address is announced to change on 1 June.
        let mut june = contact_body(
            "technical",
            "GovCERT duty officer",
            "cert-neu@demo-at.example",
            "2027-06-01",
        );
        let scheduled = aut.put(&path, &june).await;
        assert_eq!(scheduled.status, StatusCode::OK, "{}", scheduled.text);
        let scheduled: Contact = scheduled.typed();
        assert_eq!(
            scheduled.details.email, "govcert@demo-at.example",
            "still in effect"
        );
        let planned = scheduled.scheduled.unwrap();
        assert_eq!(planned.details.email, "cert-neu@demo-at.example");
        assert_eq!(planned.effective_on.to_string(), "2027-06-01");
        assert_eq!(planned.fields, ["email"]);

        // Every reader and export uses the address in effect today.
        let entry = aut.entry("AUT").await;
        let listed = entry.contacts.iter().find(|c| c.id == id).unwrap();
        assert_eq!(listed.details.email, "govcert@demo-at.example");
        for export in [
            "/api/v1/states/AUT/contacts.csv",
            "/api/v1/states/AUT/contacts.vcf",
            "/api/v1/states/AUT/nomination",
            &format!("/api/v1/contacts/{id}/vcard"),
        ] {
            let text = aut.get(export).await.text;
            assert!(text.contains("govcert@demo-at.example"), "{export}: {text}");
            assert!(
                !text.contains("cert-neu@demo-at.example"),
                "{export}: {text}"
            );
        }
        // A check launched now challenges the address in effect.
        let manager = app.login("manager").await;
        let launched = manager
            .post(
                "/api/v1/checks",
                &json!({ "scope": "states", "states": ["AUT"], "levels": "technical", "window_hours": 24, "message": "Check." }),
            )
            .await;
        assert_eq!(launched.status, StatusCode::CREATED, "{}", launched.text);
        let check = launched.json["check"]["id"].as_i64().unwrap();
        let detail = manager.get(&format!("/api/v1/checks/{check}")).await.json;
        let emails: Vec<&str> = detail["challenges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["email"].as_str().unwrap())
            .collect();
        assert!(
            emails.contains(&"govcert@demo-at.example")
                && !emails.contains(&"cert-neu@demo-at.example"),
            "{emails:?}"
        );

        // The contact's page says what changes when, with the button to withdraw it.
        let browser = app.web_session("aut.coordinator").await;
        let page = app.page(&browser, &format!("/contacts/{id}")).await;
        assert!(page.contains("Changes on 1 June 2027 to:"), "{page}");
        assert!(
            page.contains("cert-neu@demo-at.example") && page.contains("id=\"withdraw-scheduled\"")
        );
        assert!(page.contains("scheduled</span>") && page.contains("in effect</span>"));

        // A second change for later is refused while one waits.
        june["phone"] = json!("+43 1 999 9999");
        let again = aut.put(&path, &june).await;
        assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.text);
        assert!(
            again.problem().errors["effective_on"].contains("already scheduled for 2027-06-01"),
            "{}",
            again.text
        );
        // On the page, the form again, saying so by the date, with what was typed kept.
        let csrf = csrf_of(&page);
        let answer = browser
            .post(app.url(&format!("/contacts/{id}")))
            .form(&[
                ("csrf", csrf.as_str()),
                ("kind", "technical"),
                ("name", "GovCERT duty officer"),
                ("function", "Duty officer"),
                ("organisation", "Test Ministry"),
                ("email", "cert-neu@demo-at.example"),
                ("phone", "+43 1 999 9999"),
                ("time_zone", "Europe/Vienna"),
                ("languages", "de, en"),
                ("effective_on", "2027-07-01"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = answer.text().await.unwrap();
        assert!(
            html.contains(
                "already scheduled for 2027-06-01; withdraw it before announcing another"
            ) && html.contains("value=\"+43 1 999 9999\""),
            "{html}"
        );

        // A key registered now takes effect now, with the address in effect; it does not pull
        // the June address forward, and the June change keeps the key.
        let armored = include_str!("../../../core/tests/fixtures/keys/valid-ed25519.asc");
        let key = aut
            .put(
                &format!("{path}/key"),
                &json!({ "armored": armored, "effective_on": "2027-01-15" }),
            )
            .await;
        assert_eq!(key.status, StatusCode::OK, "{}", key.text);
        let key: Contact = key.typed();
        assert_eq!(key.details.email, "govcert@demo-at.example");
        let fingerprint = key.key.unwrap().fingerprint;
        let planned = key.scheduled.unwrap();
        assert_eq!(planned.details.email, "cert-neu@demo-at.example");
        assert_eq!(planned.effective_on.to_string(), "2027-06-01");
        let history = aut.get(&format!("{path}/history")).await.json;
        let changes: Vec<(&str, &str)> = history
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                (
                    v["change"].as_str().unwrap(),
                    v["effective_on"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            changes,
            [
                ("created", "2027-01-10"),
                ("changed", "2027-06-01"),
                ("key", "2027-01-15"),
                ("changed", "2027-06-01"),
            ]
        );

        // On 1 June it takes effect by itself, with the key.
        app.clock.set(time::macros::datetime!(2027-06-01 06:00 UTC));
        let aut = app.login("aut.coordinator").await;
        let now: Contact = aut.get(&path).await.typed();
        assert_eq!(now.details.email, "cert-neu@demo-at.example");
        assert_eq!(now.key.as_ref().map(|k| &k.fingerprint), Some(&fingerprint));
        assert!(now.scheduled.is_none(), "{now:?}");

        // Another change, for August, withdrawn before then: it never takes effect.
        let mut august = contact_body(
            "technical",
            "GovCERT duty officer",
            "cert-neu@demo-at.example",
            "2027-08-01",
        );
        august["phone"] = json!("+43 1 555 0000");
        let planned = aut.put(&path, &august).await;
        assert_eq!(
            planned
                .typed::<Contact>()
                .scheduled
                .map(|s| s.details.phone)
                .as_deref(),
            Some("+43 1 555 0000"),
            "{}",
            planned.text
        );
        let observer = app.login("observer").await;
        let denied = observer
            .call(reqwest::Method::DELETE, &format!("{path}/scheduled"), None)
            .await;
        assert_eq!(denied.status, StatusCode::FORBIDDEN);
        let withdrawn = aut
            .call(reqwest::Method::DELETE, &format!("{path}/scheduled"), None)
            .await;
        assert_eq!(withdrawn.status, StatusCode::OK, "{}", withdrawn.text);
        assert!(withdrawn.typed::<Contact>().scheduled.is_none());
        let twice = aut
            .call(reqwest::Method::DELETE, &format!("{path}/scheduled"), None)
            .await;
        assert_eq!(twice.status, StatusCode::CONFLICT);
        app.clock.set(time::macros::datetime!(2027-08-02 06:00 UTC));
        let aut = app.login("aut.coordinator").await;
        let later = aut.get(&path).await.json;
        assert_eq!(later["phone"], "+43 1 234 5678");
        let last = aut.get(&format!("{path}/history")).await.json;
        assert_eq!(
            last.as_array().unwrap().last().unwrap()["change"],
            "withdrawn"
        );
        let auditor = app.login("auditor").await;
        let log = auditor.get("/api/v1/audit?limit=50").await.text;
        assert!(log.contains("contact.schedule-withdrawn"), "{log}");
    }
}
