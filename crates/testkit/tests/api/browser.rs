//! The key journeys in a real browser: headless Chromium driven by chromedriver through
//! fantoccini (the harness is `liaison_testkit::browser`). Each journey signs in through the
//! login form and clicks its way through the pages as a person would, waiting for states, never
//! for time. Screenshots of the main pages go to `target/screenshots/` for reviewers; every
//! screenshot also checks that the page shows no untranslated message key.

use liaison_core::account::totp_code;
use liaison_core::clock::Clock;
use liaison_testkit::browser::Browser;
use liaison_testkit::{PASSWORD, spawn_app};
use liaison_types::channel::RequestDetail;
use liaison_types::directory::StateEntry;
use serde_json::json;
use time::macros::date;

/// The rows of the History table on a contact page, newest first, as their text.
async fn history_rows(browser: &Browser) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    for row in browser
        .find_all("table[aria-describedby=history] tbody tr")
        .await
    {
        let class = row.attr("class").await.unwrap().unwrap_or_default();
        rows.push((class, row.text().await.unwrap()));
    }
    rows
}

/// The journey: a coordinator corrects a contact's phone number 40 days after the change
/// took effect and sees the new version, flagged as notified late, above the old one.
#[tokio::test]
async fn coordinator_changes_a_phone_number_and_sees_it_flagged_late() {
    let app = spawn_app().await;
    let Some(browser) = Browser::start().await else {
        return;
    };
    browser.sign_in(&app, "deu.coordinator").await;
    browser.wait_for("table.grid a[href='/states/DEU']").await;
    assert_eq!(browser.path().await, "/states");
    assert!(
        browser
            .text("header .who")
            .await
            .contains("National coordinator, Germany"),
        "the header names the signed-in account"
    );

    browser
        .click_and_load("table.grid a[href='/states/DEU']")
        .await;
    assert_eq!(browser.path().await, "/states/DEU");
    browser.screenshot("state-entry").await;
    browser.click_link_and_load("CERT-Bund duty officer").await;
    browser.wait_for("a.button[href$='/edit']").await;
    let contact_path = browser.path().await;
    assert!(contact_path.starts_with("/contacts/"), "{contact_path}");
    let before = history_rows(&browser).await;
    browser.screenshot("contact").await;
    assert_eq!(
        before.len(),
        2,
        "created, then its key registered: {before:?}"
    );

    browser.click_and_load("a.button[href$='/edit']").await;
    browser.wait_for("form #phone").await;
    assert_eq!(browser.path().await, format!("{contact_path}/edit"));
    let phone = browser.find("#phone").await;
    assert_eq!(
        phone.prop("value").await.unwrap().as_deref(),
        Some("+49 228 99 9582 5110"),
        "the form starts from the current version"
    );
    browser.type_into("#phone", "+49 228 99 9582 5999").await;
    // 40 days before the test clock (2027-01-15): later than the 30 days CBM 8 allows.
    let took_effect = app.clock.now().date() - time::Duration::days(40);
    assert_eq!(took_effect, date!(2026 - 12 - 06));
    // The date field is a native date picker: type the date the way the en-US picker takes it
    // (month, day, year), then check the value the form will send.
    let effective_on = browser.find("#effective_on").await;
    effective_on.clear().await.unwrap();
    effective_on.send_keys("12062026").await.unwrap();
    assert_eq!(
        effective_on.prop("value").await.unwrap().as_deref(),
        Some("2026-12-06")
    );
    browser
        .click_and_load("form.form button[type=submit].primary")
        .await;

    browser.wait_for("a.button[href$='/edit']").await;
    assert_eq!(browser.path().await, format!("{contact_path}?saved=1"));
    let facts = browser.text("dl.facts").await;
    assert!(facts.contains("+49 228 99 9582 5999"), "{facts}");
    let rows = history_rows(&browser).await;
    assert_eq!(rows.len(), 3, "{rows:?}");
    let (newest_class, newest) = &rows[0];
    assert!(
        newest.starts_with("3 Changed in effect 2026-12-06"),
        "{newest}"
    );
    assert!(newest.contains("deu.coordinator"), "{newest}");
    assert!(newest.contains("+49 228 99 9582 5999"), "{newest}");
    assert!(newest.contains("notified late"), "{newest}");
    assert_eq!(newest_class, "row-late");
    let (older_class, older) = &rows[1];
    assert!(older.starts_with('2'), "{older}");
    assert!(older.contains("+49 228 99 9582 5110"), "{older}");
    assert!(older.contains("on time"), "{older}");
    assert!(!older.contains("notified late"), "{older}");
    assert_eq!(older_class, "");
    assert!(rows[2].1.starts_with("1 Created"), "{:?}", rows[2]);
    let summary = browser.text("h2#history + p").await;
    assert_eq!(summary, "3 versions, one notified late.");
    browser.screenshot("contact-history").await;

    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:?}");
}

/// The manager narrows the overview to States without a technical-level point of contact; an
/// observer sees a State's aggregate figures but no contact details.
#[tokio::test]
async fn manager_filters_the_overview_and_an_observer_sees_figures_only() {
    let app = spawn_app().await;
    let Some(browser) = Browser::start().await else {
        return;
    };
    browser.sign_in(&app, "manager").await;
    browser.wait_for("table.grid a[href='/states/DEU']").await;
    assert!(
        browser
            .find_all("table.grid a[href='/states/ITA']")
            .await
            .len()
            == 1
    );
    browser.screenshot("overview").await;

    browser.click_link_and_load("No technical-level PoC").await;
    browser
        .wait_for("nav.filters a[aria-current='page'][href='/states?filter=no-technical']")
        .await;
    assert_eq!(browser.path().await, "/states?filter=no-technical");
    assert_eq!(
        browser
            .find_all("table.grid a[href='/states/ITA']")
            .await
            .len(),
        1,
        "Italy has no technical-level PoC"
    );
    assert!(
        browser
            .find_all("table.grid a[href='/states/DEU']")
            .await
            .is_empty(),
        "Germany has one"
    );
    let italy_row = browser
        .find("table.grid tbody tr:has(a[href='/states/ITA'])")
        .await
        .text()
        .await
        .unwrap();
    assert!(italy_row.contains("missing"), "{italy_row}");
    browser.screenshot("overview-no-technical").await;
    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.sign_out().await;

    browser.sign_in(&app, "observer").await;
    browser.wait_for("table.grid a[href='/states/DEU']").await;
    browser
        .click_and_load("table.grid a[href='/states/DEU']")
        .await;
    browser.wait_for("dl.facts").await;
    assert_eq!(browser.path().await, "/states/DEU");
    assert_eq!(
        browser.text("p.hint").await,
        "Your account sees this State's aggregate figures only."
    );
    let facts = browser.text("dl.facts").await;
    assert!(facts.contains("Complete for CBM 8"), "{facts}");
    assert!(browser.find_all("table.grid").await.is_empty());
    browser.screenshot("state-aggregate-only").await;
    assert!(browser.find_all("a[href^='/contacts/']").await.is_empty());
    let source = browser.source().await;
    for detail in [
        "Dr. Anna Weber",
        "cert@demo-de.example",
        "+49 228",
        "contacts.vcf",
    ] {
        assert!(!source.contains(detail), "the observer sees '{detail}'");
    }

    // Nor can the observer open a contact by its address.
    let coordinator = app.login("deu.coordinator").await;
    let id = coordinator.entry("DEU").await.contacts[0].id;
    browser.goto(&app, &format!("/contacts/{id}")).await;
    browser.wait_for("h1").await;
    let source = browser.source().await;
    assert!(
        source.contains("Something went wrong"),
        "an error page, not the contact"
    );
    for detail in ["Dr. Anna Weber", "@demo-de.example", "+49 "] {
        assert!(!source.contains(detail), "the observer sees '{detail}'");
    }
}

/// An account enrols TOTP in the browser and from then on signs in with a code on the sign-in
/// form itself: without it or with a wrong one it is refused like a wrong password, the next
/// valid one lets it in; then it changes its password on its account page and signs out
/// everywhere.
#[tokio::test]
async fn account_enrols_totp_and_signs_in_with_a_code() {
    let app = spawn_app().await;
    let Some(browser) = Browser::start().await else {
        return;
    };
    let username = "fra.technical";
    browser.sign_in(&app, username).await;
    browser.wait_for("table.grid").await;
    browser.click_link_and_load("Security").await;
    let start = "form[action='/account/totp/start'] button[type=submit]";
    assert_eq!(
        browser.text(start).await,
        "Set up two-factor authentication"
    );
    browser.click_and_load(start).await;

    let qr = browser.wait_for("img.qr").await;
    let src = qr.attr("src").await.unwrap().unwrap_or_default();
    assert!(src.starts_with("data:image/png;base64,"), "{src:.40}");
    let decoded = browser
        .client
        .execute(
            "return arguments[0].complete && arguments[0].naturalWidth;",
            vec![serde_json::to_value(&qr).unwrap()],
        )
        .await
        .unwrap();
    assert!(
        decoded.as_u64().is_some_and(|w| w > 0),
        "the QR image is shown (CSP allows it): {decoded}"
    );
    let secret = browser.text("code.secret").await;
    assert!(secret.len() >= 16, "{secret}");
    browser.screenshot("totp-enrolment").await;

    // A wrong code keeps the enrolment on the page: the same QR code, the field, what was wrong.
    browser.type_into("#code", "000000").await;
    browser
        .click_and_load("form[action='/account/totp'] button[type=submit]")
        .await;
    assert_eq!(
        browser.text("p.problem[role=alert]").await,
        liaison_server::i18n::tr("en", "invalid-totp-code")
    );
    assert_eq!(browser.text("code.secret").await, secret, "the same secret");
    assert!(browser.find_all("img.qr").await.len() == 1);
    let code = totp_code(&secret, username, app.clock.now()).unwrap();
    browser.type_into("#code", &code).await;
    browser
        .click_and_load("form[action='/account/totp'] button[type=submit]")
        .await;
    let enabled = browser.wait_for("p.ok").await;
    assert_eq!(
        enabled.text().await.unwrap(),
        "Two-factor authentication is enabled for your account."
    );
    assert!(browser.find_all("code.secret").await.is_empty());
    browser.sign_out().await;

    // Signing in now asks for the code in the same step: without it, or with a wrong one, the
    // answer is the one a wrong password gets.
    browser.submit_login(&app, username, PASSWORD, None).await;
    let refused = browser.wait_for("p.problem[role=alert]").await;
    assert_eq!(
        refused.text().await.unwrap(),
        liaison_server::i18n::tr("en", "login-failed")
    );
    assert!(browser.find_all("header .who").await.is_empty());

    app.clock.advance(time::Duration::seconds(30));
    let now = app.clock.now();
    let valid: Vec<String> = [-30, 0, 30]
        .iter()
        .map(|s| totp_code(&secret, username, now + time::Duration::seconds(*s)).unwrap())
        .collect();
    let wrong = (0..10)
        .map(|d| format!("{d}{d}{d}{d}{d}{d}"))
        .find(|c| !valid.contains(c))
        .unwrap();
    browser
        .submit_login(&app, username, PASSWORD, Some(&wrong))
        .await;
    let problem = browser.wait_for("p.problem[role=alert]").await;
    browser.screenshot("totp-login-refused").await;
    assert_eq!(
        problem.text().await.unwrap(),
        liaison_server::i18n::tr("en", "login-failed")
    );
    let errors = browser.console_errors().await;
    assert!(
        errors.len() == 3
            && errors
                .iter()
                .all(|e| (e.contains("/login") && e.contains("401"))
                    || (e.contains("/account/totp") && e.contains("422"))),
        "only the refused code and sign-ins answer with an error status: {errors:?}"
    );
    assert!(browser.path().await.starts_with("/login"));

    let code = totp_code(&secret, username, now).unwrap();
    browser
        .submit_login(&app, username, PASSWORD, Some(&code))
        .await;
    browser.wait_for("header .who").await;
    assert_eq!(browser.path().await, "/states");
    assert!(
        browser
            .text("header .who")
            .await
            .contains("Technical-level PoC, France")
    );
    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:?}");

    // The account page lists this browser's session; the password changes there.
    browser.click_link_and_load("Security").await;
    let sessions = browser
        .find_all("table[aria-labelledby=tokens] tbody tr")
        .await;
    assert_eq!(sessions.len(), 1);
    assert!(sessions[0].text().await.unwrap().contains("this one"));
    browser.type_into("#current_password", PASSWORD).await;
    browser
        .type_into("#new_password", "my own long passphrase")
        .await;
    browser
        .click_and_load("form[action='/account/password'] button[type=submit]")
        .await;
    assert_eq!(
        browser.text("p.ok[role=status]").await,
        liaison_server::i18n::tr("en", "account-password-changed")
    );
    browser.screenshot("account").await;
    browser.click_and_load("#sign-out-everywhere").await;
    browser.wait_for("form[action='/login']").await;
}

/// A coordinator's new contact with a bad email and no organisation comes back with the errors
/// next to the fields and what was typed kept; nothing is created.
#[tokio::test]
async fn bad_contact_form_comes_back_with_errors_and_typed_values() {
    let app = spawn_app().await;
    let Some(browser) = Browser::start().await else {
        return;
    };
    let coordinator = app.login("deu.coordinator").await;
    let count = || async {
        let entry: StateEntry = coordinator
            .get("/api/v1/states/DEU?include_retired=true")
            .await
            .typed();
        entry.contacts.len()
    };
    let contacts_before = count().await;

    browser.goto(&app, "/login").await;
    browser.wait_for("form[action='/login'] #username").await;
    browser.screenshot("login").await;
    browser.sign_in(&app, "deu.coordinator").await;
    browser.wait_for("table.grid").await;
    browser.goto(&app, "/states/DEU").await;
    browser
        .click_and_load("a.button[href='/states/DEU/contacts/new']")
        .await;
    browser.wait_for("form #organisation").await;
    browser.select("#kind", "technical").await;
    browser.type_into("#name", "Night shift").await;
    browser.type_into("#function", "Duty officer").await;
    browser.type_into("#organisation", "").await;
    browser.type_into("#email", "night-shift at bsi").await;
    browser.type_into("#phone", "+49 228 99 9582 7777").await;
    browser.type_into("#languages", "de en").await;
    // The browser itself would stop this form (required, type=email); the server must too, so
    // submit it the way a browser without those checks would.
    let invalid = browser
        .client
        .execute(
            "return ['organisation', 'email'].filter(id => !document.getElementById(id).validity.valid);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(invalid, json!(["organisation", "email"]));
    browser.submit_and_load("form.form").await;

    browser.wait_for("div.problem[role=alert]").await;
    assert_eq!(browser.path().await, "/states/DEU/contacts");
    let summary = browser.text("div.problem[role=alert]").await;
    assert!(
        summary.contains("Please correct the following:"),
        "{summary}"
    );
    assert!(summary.contains("Email: "), "{summary}");
    assert!(summary.contains("Organisation: required"), "{summary}");
    assert_eq!(
        browser
            .text("input#email + p.field-error")
            .await
            .to_lowercase(),
        "'night-shift at bsi' is not an email address"
    );
    assert_eq!(
        browser.text("input#organisation + p.field-error").await,
        "required"
    );
    for id in ["email", "organisation"] {
        assert_eq!(
            browser
                .find(&format!("#{id}"))
                .await
                .attr("aria-invalid")
                .await
                .unwrap()
                .as_deref(),
            Some("true"),
            "{id} is marked invalid"
        );
    }
    assert!(
        browser
            .find("#name")
            .await
            .attr("aria-invalid")
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(browser.find_all("p.field-error").await.len(), 2);
    for (id, typed) in [
        ("name", "Night shift"),
        ("function", "Duty officer"),
        ("email", "night-shift at bsi"),
        ("phone", "+49 228 99 9582 7777"),
        ("languages", "de en"),
        ("kind", "technical"),
        ("effective_on", "2027-01-15"),
    ] {
        assert_eq!(
            browser
                .find(&format!("#{id}"))
                .await
                .prop("value")
                .await
                .unwrap()
                .as_deref(),
            Some(typed),
            "{id} keeps what was typed"
        );
    }
    browser.screenshot("contact-form-errors").await;
    assert_eq!(count().await, contacts_before, "nothing was created");
}

/// The network manager launches a communication check from the form; a point of contact answers
/// by the link in its mail (opening the link answers nothing; the button does); another answers
/// in the app from the notice; the manager's results then show both on time.
#[tokio::test]
async fn manager_launches_a_check_and_points_of_contact_answer_by_link_and_in_the_app() {
    let app = spawn_app().await;
    let Some(browser) = Browser::start().await else {
        return;
    };
    browser.sign_in(&app, "manager").await;
    browser.goto(&app, "/checks").await;
    browser.wait_for("figure.chart svg").await;
    browser.screenshot("checks").await;
    browser.click_link_and_load("Launch a check").await;
    browser.wait_for("form textarea#message").await;
    // A spread longer than half the window first: the form comes back with the problem, the
    // typed values kept.
    browser.click("input[name='scope'][value='states']").await;
    browser.type_into("input#states", "DEU FRA").await;
    browser.type_into("input#window_hours", "12").await;
    browser.type_into("input#spread_hours", "7").await;
    browser.click_and_load("button.primary").await;
    browser.wait_for("div.problem").await;
    let problem = browser.text("div.problem").await;
    assert!(
        problem.contains("at most half the response window: 6 hours"),
        "{problem}"
    );
    assert_eq!(
        browser.value("input#states").await.as_deref(),
        Some("DEU FRA")
    );
    browser.type_into("input#spread_hours", "0").await;
    browser.click_and_load("button.primary").await;
    browser
        .wait_for("dl.facts dd[data-figure='response-rate']")
        .await;
    let path = browser.path().await;
    assert!(path.starts_with("/checks/"), "{path}");
    let id: i64 = path.trim_start_matches("/checks/").parse().unwrap();
    assert_eq!(
        browser.text("dd[data-figure='response-rate']").await,
        "0 % (0/4)"
    );
    assert_eq!(
        browser.text("dd[data-figure='states-reached']").await,
        "0/2"
    );
    // Just launched: both States are awaiting an answer, with the time left, not "not reached".
    for code in ["DEU", "FRA"] {
        let cell = browser
            .text(&format!("tr[data-state='{code}'] td.reached"))
            .await;
        assert!(
            cell.contains("Awaiting answer") && cell.contains("12 h 0 min left"),
            "{code}: {cell}"
        );
    }
    browser.screenshot("check-launched").await;
    // The directory's last-check column says so too, beside the last settled result (the demo's
    // earlier checks reached Germany).
    browser.goto(&app, "/states").await;
    browser.wait_for("td.last-check").await;
    let germany = browser
        .text("tr:has(a[href='/states/DEU']) td.last-check")
        .await;
    assert!(
        germany.contains("Awaiting answer")
            && germany.contains("left")
            && germany.contains("last closed check:")
            && !germany.contains("Not reached"),
        "{germany}"
    );
    let austria = browser
        .text("tr:has(a[href='/states/AUT']) td.last-check")
        .await;
    assert!(
        !austria.contains("Awaiting answer"),
        "not in scope: {austria}"
    );
    browser.sign_out().await;

    // France's policy-level contact opens the link from its mail, without signing in.
    let mut tx = app.store.read().await.unwrap();
    let token = liaison_store::outbox::recent(&mut tx, 100)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.kind == "checks.challenge" && m.recipient == "cyber@demo-fr.example")
        .and_then(|m| m.secret)
        .unwrap();
    drop(tx);
    app.clock.advance(time::Duration::minutes(7));
    browser.goto(&app, &format!("/checks/answer/{token}")).await;
    browser.wait_for("form button.primary").await;
    assert!(browser.text("dl.facts").await.contains("Claire Martin"));
    browser.screenshot("check-answer-link").await;
    let manager = app.login("manager").await;
    let before = manager.get(&format!("/api/v1/checks/{id}")).await.json;
    assert_eq!(
        before["check"]["figures"]["answered"], 0,
        "opening the link answers nothing"
    );
    browser.click_and_load("form button.primary").await;
    browser.wait_for("p.ok").await;
    let thanks = browser.text("p.ok").await;
    assert!(
        thanks.contains("Claire Martin") && thanks.contains("7 min"),
        "{thanks}"
    );
    // The same link again: already answered.
    browser.goto(&app, &format!("/checks/answer/{token}")).await;
    browser.wait_for("p.problem").await;
    assert!(browser.find_all("form button.primary").await.is_empty());

    // Germany's technical point of contact sees the notice on signing in and answers there.
    app.clock.advance(time::Duration::minutes(3));
    browser.sign_in(&app, "deu.technical").await;
    browser.wait_for("p.notice a[href='/checks']").await;
    browser.click_and_load("p.notice a[href='/checks']").await;
    browser.wait_for("section.notice form button").await;
    browser.click_and_load("section.notice form button").await;
    browser.wait_for("p.ok").await;
    assert!(browser.path().await.starts_with("/checks?answered=1"));
    browser.sign_out().await;

    browser.sign_in(&app, "manager").await;
    browser.goto(&app, &format!("/checks/{id}")).await;
    browser.wait_for("dd[data-figure='response-rate']").await;
    assert_eq!(
        browser.text("dd[data-figure='response-rate']").await,
        "50 % (2/4)"
    );
    let rows = browser.text("table.grid:last-of-type tbody").await;
    assert_eq!(rows.matches("On time").count(), 2, "{rows}");
    assert_eq!(rows.matches("Awaiting answer").count(), 2, "{rows}");
    browser.screenshot("check-results").await;
    // The refused form's 422 is the one thing the console may report.
    let errors = browser.console_errors().await;
    assert!(
        errors
            .iter()
            .all(|e| e.contains("/checks - ") && e.contains("422")),
        "console errors: {errors:?}"
    );
}

#[tokio::test]
async fn a_point_of_contact_opens_downloads_acknowledges_and_replies_to_a_request() {
    use crate::channel::{
        DEU_TECHNICAL, EST_TECHNICAL, PASSPHRASE, SUBJECT, content, keys, public_keys,
        request_body, sealed,
    };
    use liaison_core::channel::seal;
    let app = spawn_app().await;
    let Some(browser) = Browser::start().await else {
        return;
    };
    // Germany's technical point of contact sends Estonia a request (encrypted by the client).
    let deu = app.login("deu.technical").await;
    let view = keys(&deu, "EST", "technical").await;
    let message = sealed(&public_keys(&view), &content(SUBJECT));
    let sent = deu
        .post("/api/v1/requests", &request_body(&["EST"], &message))
        .await;
    assert_eq!(sent.status.as_u16(), 201, "{}", sent.text);
    let id = sent.typed::<RequestDetail>().request.id;

    // Germany's policy-level contact sends one with the single new-request form: recipients and
    // level, the key set shown for them with the GnuPG command, the upload, the envelope.
    browser.sign_in(&app, "deu.policy").await;
    browser.goto(&app, "/requests/new").await;
    browser.wait_for("form#request-form").await;
    assert_eq!(
        browser.find_all("input[name='to']").await.len(),
        1,
        "one recipients field"
    );
    assert_eq!(
        browser.find_all("main form").await.len(),
        1,
        "one form on the page"
    );
    browser.type_into("input#to", "EST").await;
    browser.select("select#level", "policy").await;
    browser.click_and_load("button#show-keys").await;
    browser.wait_for("table#keys").await;
    assert!(browser.text("table#keys").await.contains("Kadri Tamm"));
    let command = browser.text("pre#gpg-command").await;
    assert!(
        command.contains("gpg --armor --encrypt") && command.contains(" -r "),
        "{command}"
    );
    assert_eq!(
        browser.value("input#to").await.as_deref(),
        Some("EST"),
        "kept"
    );
    browser.screenshot("request-new").await;
    let deu_policy = app.login("deu.policy").await;
    let set = keys(&deu_policy, "EST", "policy").await;
    assert_eq!(
        browser.find_all("table#keys tbody tr").await.len(),
        set["keys"].as_array().unwrap().len()
    );
    let policy_message = sealed(
        &public_keys(&set),
        &content("Consultation on the phishing wave"),
    );
    browser
        .type_into("textarea#message_text", &policy_message)
        .await;
    browser.select("select#urgency", "priority").await;
    browser.click_and_load("button#send").await;
    browser.wait_for("table#legs").await;
    let sent_path = browser.path().await;
    assert!(
        sent_path.starts_with("/requests/") && sent_path != format!("/requests/{id}"),
        "{sent_path}"
    );
    assert!(browser.text("table#legs").await.contains("EST"));
    browser.sign_out().await;

    // Estonia's technical contact finds it in its list and opens it: delivered.
    app.clock.advance(time::Duration::minutes(12));
    browser.sign_in(&app, "est.technical").await;
    browser.goto(&app, "/requests").await;
    browser.wait_for("table#requests").await;
    browser
        .click_and_load(&format!("tr[data-request='{id}'] a"))
        .await;
    browser.wait_for("table#legs").await;
    assert_eq!(browser.path().await, format!("/requests/{id}"));
    assert_eq!(
        browser
            .attr("tr[data-state='EST'] [data-status]", "data-status")
            .await
            .as_deref(),
        Some("delivered")
    );
    // The download link gives the ciphertext, which Estonia's key opens.
    let href = browser
        .attr("table#messages a[download]", "href")
        .await
        .unwrap();
    // (The page's CSP allows no script to fetch it: fetch the link with the browser's cookies.)
    let downloaded = reqwest::Client::new()
        .get(app.url(&href))
        .header("cookie", browser.cookie_header().await)
        .send()
        .await
        .unwrap();
    assert_eq!(downloaded.status().as_u16(), 200);
    assert!(
        downloaded
            .headers()
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("attachment"))
    );
    let downloaded = downloaded.text().await.unwrap();
    let armored = downloaded.as_str();
    assert!(
        armored.starts_with("-----BEGIN PGP MESSAGE-----"),
        "{armored}"
    );
    let opened = seal::open(armored.as_bytes(), EST_TECHNICAL, PASSPHRASE).unwrap();
    assert_eq!(seal::parse(&opened).unwrap().subject, SUBJECT);
    browser.screenshot("request-thread").await;

    // It acknowledges with the button; the page shows the new status and who did it.
    browser.click_and_load("button#acknowledge").await;
    browser
        .wait_for("tr[data-state='EST'] [data-status='acknowledged']")
        .await;
    assert!(browser.text("table#legs").await.contains("est.technical"));
    assert!(browser.find_all("button#acknowledge").await.is_empty());

    // A reply pasted as armored text, encrypted to the thread's keys.
    let est = app.login("est.technical").await;
    let thread = est.get(&format!("/api/v1/requests/{id}/keys")).await.json;
    let reply = sealed(&public_keys(&thread), &content("Re: phishing wave"));
    browser.type_into("textarea#message_text", &reply).await;
    browser
        .click_and_load("form[aria-labelledby='reply'] button.primary")
        .await;
    browser
        .wait_for("tr[data-state='EST'] [data-status='answered']")
        .await;
    assert_eq!(browser.find_all("table#messages tbody tr").await.len(), 2);
    browser.screenshot("request-answered").await;
    // Germany reads the reply with its own key.
    let detail = deu.get(&format!("/api/v1/requests/{id}")).await.json;
    let reply_id = detail["messages"][1]["id"].as_i64().unwrap();
    let text = deu
        .get(&format!("/api/v1/requests/{id}/messages/{reply_id}"))
        .await
        .text;
    let opened = seal::open(text.as_bytes(), DEU_TECHNICAL, PASSPHRASE).unwrap();
    assert_eq!(seal::parse(&opened).unwrap().subject, "Re: phishing wave");
    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:?}");
}

/// A coordinator opens the transparency log, sees the log key and that every entry of its State
/// is proven in the signed tree, publishes a verified head (as `liaison verify --publish`
/// would) and sees it listed; an entry whose leaf was tampered with shows as not proven; the
/// auditor's verification reports the log.
#[tokio::test]
async fn a_coordinator_sees_its_entries_proven_in_the_transparency_log() {
    let app = spawn_app().await;
    let Some(browser) = Browser::start().await else {
        return;
    };
    let api = app.login("deu.coordinator").await;
    let key = api.get("/api/v1/transparency/key").await.json;
    browser.sign_in(&app, "deu.coordinator").await;
    browser.click_link_and_load("Transparency").await;
    browser.wait_for("#log-own").await;
    assert_eq!(browser.path().await, "/transparency");
    assert_eq!(
        browser.text("#log-public-key").await,
        key["public_key"].as_str().unwrap()
    );
    let rows = browser.find_all("#log-own tbody tr").await;
    let entries = api.entry("DEU").await.contacts.len();
    assert_eq!(rows.len(), entries);
    for row in &rows {
        let text = row.text().await.unwrap();
        assert!(text.contains("In the signed tree"), "{text}");
    }
    assert!(browser.source().await.contains("No State has published"));
    browser.screenshot("transparency").await;

    let head = api.get("/api/v1/transparency/head").await.json;
    let published = api
        .post(
            "/api/v1/transparency/verifications",
            &json!({ "tree_size": head["tree_size"], "root_hash": head["root_hash"] }),
        )
        .await;
    assert_eq!(published.status.as_u16(), 201, "{}", published.text);
    browser.goto(&app, "/transparency").await;
    let verified = browser.text("#log-verifications tbody").await;
    assert!(
        verified.contains("DEU") && verified.contains("Up to date"),
        "{verified}"
    );

    // The operator edits the leaf of one of Germany's entries behind the log's back.
    let last: i64 = {
        let mut tx = app.store.read().await.unwrap();
        sqlx::query_scalar("SELECT MAX(idx) FROM transparency_leaves WHERE state_code = 'DEU'")
            .fetch_one(&mut *tx)
            .await
            .unwrap()
    };
    let mut tx = app.store.begin().await.unwrap();
    for sql in [
        "DROP TRIGGER transparency_leaves_no_update".to_owned(),
        format!(
            "UPDATE transparency_leaves SET data = REPLACE(data, 'version ', 'version 1') WHERE idx = {last}"
        ),
    ] {
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&mut *tx)
            .await
            .unwrap();
    }
    liaison_store::commit(tx).await.unwrap();
    browser.goto(&app, "/transparency").await;
    let own = browser.text("#log-own tbody").await;
    assert_eq!(own.matches("Not proven").count(), 1, "{own}");
    browser.screenshot("transparency-tampered").await;
    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.sign_out().await;

    browser.sign_in(&app, "auditor").await;
    browser.goto(&app, "/audit?verify=1").await;
    browser.wait_for("div.problem").await;
    let problem = browser.text("div.problem").await;
    assert!(
        problem.contains("does not match") && problem.contains(&format!("leaf {last}")),
        "{problem}"
    );
}

/// A coordinator drafts its State's input in the browser (auto-saved, saved, refused while a
/// translation is missing, a file attached), submits it, and France reads it side by side and
/// raises an inquiry.
#[tokio::test]
async fn a_coordinator_drafts_and_submits_the_exchange_input_and_another_state_reads_it_side_by_side()
 {
    let app = spawn_app().await;
    let Some(browser) = Browser::start().await else {
        return;
    };
    let manager = app.login("manager").await;
    let opened = manager
        .post(
            "/api/v1/exchange/cycles",
            &json!({ "year": 2027, "opens_on": "2027-01-01", "sections": ["threats", "legislation"] }),
        )
        .await;
    assert_eq!(opened.status.as_u16(), 201, "{}", opened.text);

    browser.sign_in(&app, "deu.coordinator").await;
    browser.click_link_and_load("Exchange").await;
    browser.click_and_load("a[href='/exchange/2027']").await;
    browser
        .click_and_load("a[href='/exchange/2027/submissions/DEU']")
        .await;
    browser.wait_for("#section-threats").await;

    // Typing is saved on its own: the script posts the form a few seconds after the last key.
    browser
        .type_into(
            "#text-threats",
            "Ransomware against **hospitals** is the main threat.",
        )
        .await;
    browser
        .wait_for_text("#section-threats .autosave-status", "Saved automatically")
        .await;
    let deu = app.login("deu.coordinator").await;
    let versions = deu
        .get("/api/v1/exchange/cycles/2027/submissions/DEU/versions")
        .await
        .json;
    assert_eq!(versions.as_array().unwrap().len(), 1, "{versions}");
    assert_eq!(versions[0]["section"], "threats");
    assert!(versions[0]["text"].as_str().unwrap().contains("hospitals"));

    // The legislation in German, without its translation yet: saved, but not submittable.
    browser.select("#lang-legislation", "de").await;
    browser
        .type_into(
            "#text-legislation",
            "Das **BSI-Gesetz** regelt die Zusammenarbeit.",
        )
        .await;
    browser
        .click_and_load("#section-legislation button[type=submit]")
        .await;
    browser.wait_for("p.notice[role=status]").await;
    browser.click_and_load("#submit-input").await;
    browser.wait_for("#submission-problems").await;
    let problems = browser.text("#submission-problems").await;
    assert!(
        problems.contains("Legislation for co-operation") && problems.contains("English"),
        "{problems}"
    );
    browser.screenshot("exchange-draft").await;

    browser
        .type_into(
            "#english-legislation",
            "The **BSI Act** governs co-operation.",
        )
        .await;
    browser
        .click_and_load("#section-legislation button[type=submit]")
        .await;
    browser.wait_for("p.notice[role=status]").await;
    // The Act as published goes with the section.
    let files = tempfile::tempdir().unwrap();
    let act = files.path().join("BSI-Gesetz.pdf");
    std::fs::write(&act, b"%PDF-1.4 the Act").unwrap();
    browser
        .choose_file("#file-legislation", act.to_str().unwrap())
        .await;
    browser
        .click_and_load("#attachments-legislation form.upload button[type=submit]")
        .await;
    assert!(
        browser
            .text("#attachments-legislation ul")
            .await
            .contains("BSI-Gesetz.pdf")
    );
    browser.click_and_load("#submit-input").await;
    browser.wait_for("#documents").await;
    assert!(
        browser.text("#documents").await.contains("PC.DEL/1/27"),
        "circulated on submission with the first number of 2027"
    );
    assert_eq!(
        browser.text("#submission-status").await,
        "Circulated · Submitted 2027-01-15"
    );
    // The refused submission's 422 is the one thing the console may report.
    let errors = browser.console_errors().await;
    assert!(
        errors
            .iter()
            .all(|e| e.contains("/submissions/DEU/submit - ") && e.contains("422")),
        "console errors: {errors:?}"
    );
    browser.sign_out().await;

    // France reads the German original and its English translation side by side.
    browser.sign_in(&app, "fra.coordinator").await;
    browser.goto(&app, "/exchange/2027").await;
    browser
        .click_and_load("a[href='/exchange/2027/submissions/DEU/document']")
        .await;
    browser.wait_for("#reference").await;
    assert_eq!(browser.text("#reference").await, "PC.DEL/1/27");
    let original = browser
        .find("#read-legislation + .side-by-side .original[lang=de] strong")
        .await;
    assert_eq!(original.text().await.unwrap(), "BSI-Gesetz");
    let english = browser
        .find("#read-legislation + .side-by-side .english[lang=en] strong")
        .await;
    assert_eq!(english.text().await.unwrap(), "BSI Act");
    // Side by side: the two columns start at the same height, the translation to the right.
    let boxes = browser
        .client
        .execute(
            "const o = document.querySelector('#read-legislation + .side-by-side .original').getBoundingClientRect();
             const e = document.querySelector('#read-legislation + .side-by-side .english').getBoundingClientRect();
             return [o.top, e.top, o.right, e.left];",
            vec![],
        )
        .await
        .unwrap();
    let [o_top, e_top, o_right, e_left] = [0, 1, 2, 3].map(|i| boxes[i].as_f64().unwrap());
    assert!((o_top - e_top).abs() < 1.0, "same top: {boxes}");
    assert!(e_left >= o_right, "translation to the right: {boxes}");
    let act_link = browser.find("#read-legislation ~ .attachments a").await;
    assert_eq!(act_link.text().await.unwrap(), "BSI-Gesetz.pdf");
    browser.screenshot("exchange-document").await;

    // The PDF the page links to is a PDF of this document.
    let pdf_link = browser
        .attr(
            "a[href^='/exchange/2027/submissions/DEU/export.pdf']",
            "href",
        )
        .await
        .unwrap();
    assert_eq!(
        pdf_link,
        "/exchange/2027/submissions/DEU/export.pdf?revision=0"
    );
    let fra = app.login("fra.coordinator").await;
    let pdf = fra
        .get("/api/v1/exchange/cycles/2027/submissions/DEU/export.pdf?revision=0")
        .await;
    assert_eq!(pdf.status.as_u16(), 200);
    assert!(pdf.text.starts_with("%PDF-"), "a PDF");

    // France asks about the legislation from the page.
    browser.select("#inquiry-section", "legislation").await;
    browser
        .type_into(
            "textarea#inquiry-text",
            "Does the Act cover municipalities?",
        )
        .await;
    browser
        .click_and_load("form[action$='/inquiries'] button[type=submit]")
        .await;
    browser.wait_for("article.inquiry").await;
    let inquiry = browser.text("article.inquiry").await;
    assert!(
        inquiry.contains("Inquiry from FRA") && inquiry.contains("municipalities"),
        "{inquiry}"
    );
    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:?}");
}
