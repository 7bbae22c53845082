//! The annual information exchange through the API, on SQLite and PostgreSQL: a full cycle
//! with two States drafting, submitting, circulating, revising and inquiring; drafts private to
//! their State; every problem named; late submissions marked; references that never repeat nor
//! skip under concurrent circulation; circulated documents frozen.

use liaison_testkit::{ApiClient, TestApp, on_every_backend, spawn_app_on};
use liaison_types::exchange::{
    Cycle, CycleOverview, Document, DocumentDiff, Inquiry, Submission, SubmissionStatus,
    YearDocument,
};
use reqwest::StatusCode;
use serde_json::{Value, json};
use time::macros::datetime;

const SECTIONS: [&str; 6] = [
    "threats",
    "open-internet",
    "legislation",
    "organisation",
    "terminology",
    "critical-infrastructure",
];

fn path(year: i32, code: &str, rest: &str) -> String {
    format!("/api/v1/exchange/cycles/{year}/submissions/{code}{rest}")
}

async fn save(client: &ApiClient, year: i32, code: &str, section: &str, body: Value) -> Submission {
    let answer = client
        .put(&path(year, code, &format!("/sections/{section}")), &body)
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    answer.typed()
}

/// Fills every section of a draft in English (the terminology by CSV).
async fn complete_draft(client: &ApiClient, year: i32, code: &str) {
    for section in SECTIONS.iter().filter(|s| **s != "terminology") {
        save(
            client,
            year,
            code,
            section,
            json!({ "language": "en", "text": format!("{code} on {section}.") }),
        )
        .await;
    }
    let csv = "term,language,definition,english_term,english_definition,source\n\
               incident,en,An event that harms ICT systems.,,,National strategy\n";
    let answer = client
        .post_bytes(
            &path(year, code, "/terms"),
            "text/csv",
            csv.as_bytes().to_vec(),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
}

async fn submit(client: &ApiClient, year: i32, code: &str) -> Submission {
    let answer = client.post(&path(year, code, "/submit"), &json!({})).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    answer.typed()
}

async fn outbox_kinds(app: &TestApp, kind: &str) -> Vec<String> {
    let mut recipients: Vec<String> = app
        .mail_of(kind)
        .await
        .into_iter()
        .map(|m| m.recipient)
        .collect();
    // Newest first, as the outbox lists them.
    recipients.reverse();
    recipients
}

#[tokio::test]
async fn a_full_cycle_with_two_states_and_an_inquiry() {
    on_every_backend(async |backend| {
        let app = spawn_app_on(backend).await;
        let manager = app.login("manager").await;
        let deu = app.login("deu.coordinator").await;
        let fra = app.login("fra.coordinator").await;
        let ita = app.login("ita.policy").await;
        let deu_poc = app.login("deu.technical").await;
        let observer = app.login("observer").await;

        // Opening: the manager only, once per year, every problem named.
        let open = json!({ "year": 2027, "opens_on": "2027-01-01" });
        let refused = deu.post("/api/v1/exchange/cycles", &open).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{backend:?}");
        let bad = manager
            .post(
                "/api/v1/exchange/cycles",
                &json!({ "year": 1999, "opens_on": "2027-12-01", "deadline": "2027-11-01", "sections": [], "pattern": "PC.DEL/{yy}" }),
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.text);
        for field in ["year", "opens_on", "sections", "pattern"] {
            assert!(
                bad.problem().errors.contains_key(field),
                "{field}: {}",
                bad.text
            );
        }
        let opened = manager.post("/api/v1/exchange/cycles", &open).await;
        assert_eq!(opened.status, StatusCode::CREATED, "{}", opened.text);
        let cycle: Cycle = opened.typed();
        assert_eq!(cycle.deadline.to_string(), "2027-10-31");
        assert_eq!(cycle.sections.len(), 6);
        assert_eq!(cycle.pattern, "PC.DEL/{n}/{yy}");
        let again = manager.post("/api/v1/exchange/cycles", &open).await;
        assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.text);
        let notified = outbox_kinds(&app, "exchange.cycle-opened").await;
        assert!(
            notified.contains(&"deu.coordinator@demo.liaison.example".to_owned())
                && notified.contains(&"fra.coordinator@demo.liaison.example".to_owned()),
            "{notified:?}"
        );

        // Drafting: a section in French without its translation, then every other section.
        let draft = save(
            &deu,
            2027,
            "DEU",
            "threats",
            json!({ "language": "fr", "text": "# Menaces\n\nLe rançongiciel <script>alert(1)</script>." }),
        )
        .await;
        assert_eq!(draft.status, SubmissionStatus::Draft);
        assert_eq!(draft.draft[0].version, 1);
        assert!(
            !draft.draft[0].html.contains("<script"),
            "{}",
            draft.draft[0].html
        );
        // Saving the same again adds no version; a PoC may read but not write.
        let same = save(
            &deu,
            2027,
            "DEU",
            "threats",
            json!({ "language": "fr", "text": "# Menaces\n\nLe rançongiciel <script>alert(1)</script>." }),
        )
        .await;
        assert_eq!(same.draft[0].version, 1);
        let poc_write = deu_poc
            .put(
                &path(2027, "DEU", "/sections/threats"),
                &json!({ "language": "en", "text": "x" }),
            )
            .await;
        assert_eq!(poc_write.status, StatusCode::FORBIDDEN);
        let poc_read: Submission =
            deu_poc.get(&path(2027, "DEU", "")).await.typed();
        assert_eq!(poc_read.draft.len(), 1);
        // Bad sections are refused and change nothing.
        let bad_section = deu
            .put(
                &path(2027, "DEU", "/sections/legislation"),
                &json!({ "language": "pt", "text": "x" }),
            )
            .await;
        assert_eq!(bad_section.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad_section.problem().errors.contains_key("language"));
        let unknown = deu
            .put(
                &path(2027, "DEU", "/sections/weather"),
                &json!({ "language": "en", "text": "x" }),
            )
            .await;
        assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
        let bad_csv = deu
            .post_bytes(
                &path(2027, "DEU", "/terms"),
                "text/csv",
                b"term,language,definition,english_term,english_definition\nCyberangriff,de,Ein Angriff,,\n".to_vec(),
            )
            .await;
        assert_eq!(bad_csv.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(bad_csv.json["lines"][0]["line"], 2, "{}", bad_csv.text);

        // Another State, the manager and observers never see the draft.
        for (who, client) in [
            ("FRA", &fra),
            ("manager", &manager),
            ("observer", &observer),
        ] {
            let seen: Submission =
                client.get(&path(2027, "DEU", "")).await.typed();
            assert!(seen.draft.is_empty() && seen.problems.is_empty(), "{who}");
            assert_eq!(seen.status, SubmissionStatus::Draft, "{who}");
            let versions = client.get(&path(2027, "DEU", "/versions")).await;
            assert_eq!(versions.status, StatusCode::FORBIDDEN, "{who}");
            let document = client.get(&path(2027, "DEU", "/document")).await;
            assert!(
                matches!(
                    document.status,
                    StatusCode::NOT_FOUND | StatusCode::FORBIDDEN
                ),
                "{who}: {}",
                document.status
            );
        }

        // Submitting names every problem and changes nothing.
        let refused = deu.post(&path(2027, "DEU", "/submit"), &json!({})).await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            refused.text
        );
        let errors = refused.json["errors"].as_object().unwrap();
        assert!(
            errors["sections.threats"]
                .as_str()
                .unwrap()
                .contains("English translation")
        );
        for section in [
            "open-internet",
            "legislation",
            "organisation",
            "terminology",
        ] {
            assert!(
                errors.contains_key(&format!("sections.{section}")),
                "{section}: {errors:?}"
            );
        }
        complete_draft(&deu, 2027, "DEU").await;
        save(
            &deu,
            2027,
            "DEU",
            "threats",
            json!({ "language": "fr", "text": "Le rançongiciel.", "english": "Ransomware." }),
        )
        .await;
        let overview: CycleOverview =
            manager.get("/api/v1/exchange/cycles/2027").await.typed();
        let deu_progress = overview
            .states
            .iter()
            .find(|s| s.state.as_str() == "DEU")
            .unwrap();
        assert_eq!(
            deu_progress.complete_sections.len(),
            6,
            "the manager sees completeness"
        );
        assert_eq!(overview.not_yet, overview.states.len());

        // Circulation on submission: the first number of the year, frozen, readable by all.
        let submitted = submit(&deu, 2027, "DEU").await;
        assert_eq!(submitted.status, SubmissionStatus::Circulated);
        assert!(!submitted.late);
        assert_eq!(submitted.documents[0].reference, "PC.DEL/1/27");
        let circulated = outbox_kinds(&app, "exchange.circulated").await;
        assert!(circulated.contains(&"ita.coordinator@demo.liaison.example".to_owned()));
        let read = fra.get(&path(2027, "DEU", "/document")).await;
        assert_eq!(read.status, StatusCode::OK, "{}", read.text);
        let document: Document = read.typed();
        assert_eq!(document.reference, "PC.DEL/1/27");
        let threats = &document.sections[0];
        assert_eq!(
            (threats.language.as_str(), threats.english.as_deref()),
            ("fr", Some("Ransomware."))
        );
        assert_eq!(document.sections[4].terms[0].english_term, "incident");
        assert_eq!(
            observer.get(&path(2027, "DEU", "/document")).await.status,
            StatusCode::FORBIDDEN
        );
        let again = deu.post(&path(2027, "DEU", "/submit"), &json!({})).await;
        assert_eq!(
            again.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "nothing to revise"
        );
        let export = fra.get(&path(2027, "DEU", "/export.html")).await;
        assert_eq!(export.status, StatusCode::OK);
        // The template escapes '/' as an HTML entity.
        assert!(
            export.text.contains("PC.DEL&#x2f;1&#x2f;27") && export.text.contains("Ransomware."),
            "{}",
            export.text
        );
        assert!(!export.text.contains("<script"));

        // Inquiries: between the two States, public when the submitting State says so.
        let own = deu
            .post(&path(2027, "DEU", "/inquiries"), &json!({ "text": "?" }))
            .await;
        assert_eq!(
            own.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "not about one's own"
        );
        // One revision only: nothing to compare it with yet, and said so; a revision that
        // does not exist is named as asked.
        let single = fra.get(&path(2027, "DEU", "/diff")).await;
        assert_eq!(single.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", single.text);
        assert!(
            single.problem().errors["from"].contains("only the first revision"),
            "{}",
            single.text
        );
        // A revision far out of range is refused, not computed with (the fuzzer's find: the
        // revision before i64::MIN overflowed).
        let far = fra
            .get(&path(2027, "DEU", "/diff?to=-9223372036854775808"))
            .await;
        assert_eq!(far.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", far.text);
        let missing = fra.get(&path(2027, "DEU", "/document?revision=5")).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert!(
            missing.problem().detail.contains("no revision 5 of"),
            "{}",
            missing.text
        );
        let empty = fra
            .post(&path(2027, "DEU", "/inquiries"), &json!({ "text": "  " }))
            .await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        let raised = fra
            .post(
                &path(2027, "DEU", "/inquiries"),
                &json!({ "section": "threats", "text": "Which sectors does ransomware hit most?" }),
            )
            .await;
        assert_eq!(raised.status, StatusCode::CREATED, "{}", raised.text);
        let inquiry: Inquiry = raised.typed();
        assert_eq!(inquiry.asking_state.as_str(), "FRA");
        let to_deu = outbox_kinds(&app, "exchange.inquiry").await;
        assert_eq!(to_deu, ["deu.coordinator@demo.liaison.example"]);
        let ita_sees: Vec<Inquiry> =
            ita.get(&path(2027, "DEU", "/inquiries")).await.typed();
        assert!(
            ita_sees.is_empty(),
            "a third State does not read a private thread"
        );
        assert_eq!(
            ita.get(&format!("/api/v1/exchange/inquiries/{}", inquiry.id))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let ita_writes = ita
            .post(
                &format!("/api/v1/exchange/inquiries/{}/posts", inquiry.id),
                &json!({ "text": "me too" }),
            )
            .await;
        assert_eq!(ita_writes.status, StatusCode::NOT_FOUND);
        let answered = deu_poc
            .post(
                &format!("/api/v1/exchange/inquiries/{}/posts", inquiry.id),
                &json!({ "text": "Health care and local government." }),
            )
            .await;
        assert_eq!(answered.status, StatusCode::CREATED, "{}", answered.text);
        let thread: Inquiry = answered.typed();
        assert_eq!(thread.posts.len(), 2);
        assert_eq!(thread.posts[1].state.as_str(), "DEU");
        let fra_publishes = fra
            .put(
                &format!("/api/v1/exchange/inquiries/{}/visibility", inquiry.id),
                &json!({ "public": true }),
            )
            .await;
        assert_eq!(fra_publishes.status, StatusCode::FORBIDDEN);
        let public = deu
            .put(
                &format!("/api/v1/exchange/inquiries/{}/visibility", inquiry.id),
                &json!({ "public": true }),
            )
            .await;
        assert_eq!(public.status, StatusCode::OK, "{}", public.text);
        let ita_sees: Vec<Inquiry> =
            ita.get(&path(2027, "DEU", "/inquiries")).await.typed();
        assert_eq!(ita_sees.len(), 1);
        assert_eq!(ita_sees[0].posts.len(), 2);

        // A revision: the earlier version kept, a visible diff, the same number.
        save(
            &deu,
            2027,
            "DEU",
            "legislation",
            json!({ "language": "en", "text": "DEU on legislation.\nThe IT Security Act 3.0." }),
        )
        .await;
        let revising: Submission =
            deu.get(&path(2027, "DEU", "")).await.typed();
        assert_eq!(revising.status, SubmissionStatus::Revising);
        let revised = submit(&deu, 2027, "DEU").await;
        assert_eq!(
            revised
                .documents
                .iter()
                .map(|d| d.reference.as_str())
                .collect::<Vec<_>>(),
            ["PC.DEL/1/27", "PC.DEL/1/27/Rev.1"]
        );
        let original: Document = serde_json::from_value(
            fra.get(&path(2027, "DEU", "/document?revision=0"))
                .await
                .json,
        )
        .unwrap();
        assert_eq!(original.sections[2].text, "DEU on legislation.");
        let diff: DocumentDiff =
            fra.get(&path(2027, "DEU", "/diff")).await.typed();
        assert_eq!(
            (diff.from.as_str(), diff.to.as_str()),
            ("PC.DEL/1/27", "PC.DEL/1/27/Rev.1")
        );
        let legislation = diff.sections.iter().find(|s| s.changed).unwrap();
        assert!(
            legislation
                .lines
                .iter()
                .any(|l| l.change == "added" && l.text == "The IT Security Act 3.0.")
        );
        assert_eq!(diff.sections.iter().filter(|s| s.changed).count(), 1);
        let bad_diff = fra.get(&path(2027, "DEU", "/diff?from=7")).await;
        assert_eq!(bad_diff.status, StatusCode::UNPROCESSABLE_ENTITY);

        // The second State gets the next number; a submission after the deadline is late.
        complete_draft(&fra, 2027, "FRA").await;
        assert_eq!(
            submit(&fra, 2027, "FRA").await.documents[0].reference,
            "PC.DEL/2/27"
        );
        app.clock.set(datetime!(2027-11-01 00:00:01 UTC));
        let est = app.login("est.coordinator").await;
        complete_draft(&est, 2027, "EST").await;
        let late = submit(&est, 2027, "EST").await;
        // Sessions of January have expired by November.
        let ita = app.login("ita.policy").await;
        assert!(late.late && late.documents[0].late);
        let overview: CycleOverview =
            ita.get("/api/v1/exchange/cycles/2027").await.typed();
        assert_eq!((overview.on_time, overview.late), (2, 1));
        assert_eq!(overview.not_yet, overview.states.len() - 3);

        // Comparing across years lists every cycle with the State's latest document (the
        // demo's 2026 input, circulated in its own year's numbering, and this one).
        let years: Vec<YearDocument> =
            serde_json::from_value(ita.get("/api/v1/exchange/states/DEU/documents").await.json)
                .unwrap();
        let references: Vec<(i32, &str)> = years
            .iter()
            .map(|y| (y.year, y.document.as_ref().unwrap().reference.as_str()))
            .collect();
        assert_eq!(
            references,
            [(2027, "PC.DEL/1/27/Rev.1"), (2026, "PC.DEL/1/26")]
        );

        // A revision after the deadline keeps the timeliness of the State's first submission.
        let deu = app.login("deu.coordinator").await;
        save(
            &deu,
            2027,
            "DEU",
            "legislation",
            json!({ "language": "en", "text": "DEU on legislation.\nThe IT Security Act 3.1." }),
        )
        .await;
        // Its number would be PC.DEL/1/27/Rev.2, which the manager recorded for France's
        // document: the cycle circulates by itself, but this revision waits for the manager.
        let manager = app.login("manager").await;
        let recorded = manager
            .put(
                &path(2027, "FRA", "/document/reference"),
                &json!({ "reference": "PC.DEL/1/27/Rev.2" }),
            )
            .await;
        assert_eq!(recorded.status, StatusCode::OK, "{}", recorded.text);
        let revised = submit(&deu, 2027, "DEU").await;
        assert_eq!(revised.status, SubmissionStatus::Submitted);
        assert!(!revised.late);
        let given = manager
            .post(
                &path(2027, "DEU", "/circulate"),
                &json!({ "reference": "PC.DEL/9/27" }),
            )
            .await;
        assert_eq!(given.status, StatusCode::CREATED, "{}", given.text);
        let document: Document = given.typed();
        assert_eq!(document.reference, "PC.DEL/9/27");
        assert!(!document.late, "{}", given.text);
        let overview: CycleOverview =
            ita.get("/api/v1/exchange/cycles/2027").await.typed();
        assert_eq!((overview.on_time, overview.late), (2, 1));
    })
    .await;
}

#[tokio::test]
async fn concurrent_circulations_get_distinct_consecutive_numbers() {
    on_every_backend(async |backend| {
        let app = spawn_app_on(backend).await;
        let manager = app.login("manager").await;
        let opened = manager
            .post(
                "/api/v1/exchange/cycles",
                &json!({ "year": 2027, "opens_on": "2027-01-01", "circulation": "by-manager", "pattern": "OSCE/{yyyy}/{n}" }),
            )
            .await;
        assert_eq!(opened.status, StatusCode::CREATED, "{}", opened.text);
        let states = ["DEU", "FRA", "AUT", "EST", "ITA"];
        for code in states {
            let client = app
                .login(&format!("{}.coordinator", code.to_lowercase()))
                .await;
            complete_draft(&client, 2027, code).await;
            let submitted = submit(&client, 2027, code).await;
            assert_eq!(submitted.status, SubmissionStatus::Submitted);
            assert!(submitted.documents.is_empty());
            // Waiting for circulation, it cannot change.
            let locked = client
                .put(
                    &path(2027, code, "/sections/threats"),
                    &json!({ "language": "en", "text": "changed" }),
                )
                .await;
            assert_eq!(locked.status, StatusCode::UNPROCESSABLE_ENTITY);
        }
        let coordinator = app.login("deu.coordinator").await;
        let refused = coordinator
            .post(&path(2027, "DEU", "/circulate"), &json!({}))
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let calls = states.map(|code| {
            let manager = &manager;
            async move {
                manager
                    .post(&path(2027, code, "/circulate"), &json!({}))
                    .await
            }
        });
        let answers = futures_join_all(calls).await;
        let mut numbers = Vec::new();
        for answer in answers {
            assert_eq!(
                answer.status,
                StatusCode::CREATED,
                "{backend:?}: {}",
                answer.text
            );
            let document: Document = answer.typed();
            let number: u32 = document
                .reference
                .rsplit('/')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            assert!(
                document.reference.starts_with("OSCE/2027/"),
                "{}",
                document.reference
            );
            numbers.push(number);
        }
        numbers.sort();
        assert_eq!(numbers, [1, 2, 3, 4, 5], "{backend:?}");
        let twice = manager
            .post(&path(2027, "DEU", "/circulate"), &json!({}))
            .await;
        assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);

        // Circulated documents are frozen: the database refuses to change or remove them.
        for statement in [
            "UPDATE exchange_documents SET reference = 'X'",
            "DELETE FROM exchange_documents",
            "UPDATE exchange_sections SET body = 'X'",
            "DELETE FROM exchange_sections",
        ] {
            let mut tx = app.store.begin().await.unwrap();
            let result = sqlx::query(statement).execute(&mut *tx).await;
            assert!(result.is_err(), "{backend:?}: {statement} was allowed");
        }
    })
    .await;
}

/// Runs the futures at once and collects their outputs in order.
async fn futures_join_all<F: std::future::Future>(futures: [F; 5]) -> Vec<F::Output> {
    let [a, b, c, d, e] = futures;
    let (a, b, c, d, e) = tokio::join!(a, b, c, d, e);
    vec![a, b, c, d, e]
}

#[tokio::test]
async fn attachments_stay_private_in_the_draft_and_travel_with_the_circulated_document() {
    use sha2::Digest;
    on_every_backend(async |backend| {
        let app = spawn_app_on(backend).await;
        let manager = app.login("manager").await;
        let deu = app.login("deu.coordinator").await;
        let deu_poc = app.login("deu.technical").await;
        let fra = app.login("fra.coordinator").await;
        let observer = app.login("observer").await;
        let opened = manager
            .post(
                "/api/v1/exchange/cycles",
                &json!({ "year": 2027, "opens_on": "2027-01-01", "sections": ["legislation"] }),
            )
            .await;
        assert_eq!(opened.status, StatusCode::CREATED, "{}", opened.text);
        let attach = path(2027, "DEU", "/sections/legislation/attachments");
        // A body that says multipart but is not one is a problem, like every other refusal.
        let not_multipart = deu
            .post_bytes(&attach, "multipart/form-data", b"no boundary".to_vec())
            .await;
        assert_eq!(not_multipart.status, StatusCode::BAD_REQUEST);
        assert_eq!(not_multipart.content_type, "application/problem+json");

        // A file of every byte value, as a PDF; its name comes without the browser's path.
        let law: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
        let added = deu
            .post_file(
                &attach,
                "file",
                "C:\\laws\\BSI-Gesetz.pdf",
                "application/pdf",
                law.clone(),
            )
            .await;
        assert_eq!(
            added.status,
            StatusCode::CREATED,
            "{backend:?}: {}",
            added.text
        );
        let added: Submission = added.typed();
        let files = &added.draft[0].attachments;
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].name, "BSI-Gesetz.pdf");
        assert_eq!(files[0].size, 70_000);
        assert_eq!(files[0].sha256, hex::encode(sha2::Sha256::digest(&law)));
        assert_eq!(added.draft[0].version, 1);
        let law_id = files[0].id;
        let file_path = path(2027, "DEU", &format!("/attachments/{law_id}"));

        // The draft's files: Germany's accounts only.
        let (status, headers, bytes) = deu_poc.get_bytes(&file_path).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(bytes, law, "the exact bytes");
        assert_eq!(headers["content-type"], "application/pdf");
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert!(
            headers["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment; filename=\"BSI-Gesetz.pdf\""),
            "{headers:?}"
        );
        for other in [&fra, &manager] {
            assert_eq!(other.get_bytes(&file_path).await.0, StatusCode::NOT_FOUND);
        }
        assert_eq!(
            observer.get_bytes(&file_path).await.0,
            StatusCode::FORBIDDEN
        );

        // Refused: not the coordinator, an empty file, a file too large, no file; nothing saved.
        let refused = deu_poc
            .post_file(&attach, "file", "x.pdf", "application/pdf", b"x".to_vec())
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let empty = deu
            .post_file(&attach, "file", "empty.pdf", "application/pdf", Vec::new())
            .await;
        assert_eq!(
            empty.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            empty.text
        );
        assert_eq!(
            empty.problem().errors["file"],
            "the attachment is an empty file"
        );
        let large = deu
            .post_file(
                &attach,
                "file",
                "large.pdf",
                "application/pdf",
                vec![0; 10 * 1024 * 1024 + 1],
            )
            .await;
        assert_eq!(
            large.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            large.text
        );
        assert_eq!(
            large.problem().errors["file"],
            "an attachment may be at most 10 MiB"
        );
        let huge = deu
            .post_file(
                &attach,
                "file",
                "huge.pdf",
                "application/pdf",
                vec![0; 11 * 1024 * 1024],
            )
            .await;
        assert_eq!(huge.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", huge.text);
        let nothing = deu
            .post_file(&attach, "other", "x.pdf", "application/pdf", b"x".to_vec())
            .await;
        assert_eq!(nothing.status, StatusCode::UNPROCESSABLE_ENTITY);
        let versions = deu.get(&path(2027, "DEU", "/versions")).await.json;
        assert_eq!(
            versions.as_array().unwrap().len(),
            1,
            "{backend:?}: {versions}"
        );

        // A page a browser would run is served as bytes to download.
        let page = deu
            .post_file(
                &attach,
                "file",
                "note.html",
                "text/html",
                b"<script>alert(1)</script>".to_vec(),
            )
            .await;
        assert_eq!(page.status, StatusCode::CREATED, "{}", page.text);
        let page: Submission = page.typed();
        let page_id = page.draft[0].attachments[1].id;
        let (_, headers, _) = deu
            .get_bytes(&path(2027, "DEU", &format!("/attachments/{page_id}")))
            .await;
        assert_eq!(headers["content-type"], "application/octet-stream");

        // Writing the text keeps the files; German needs its translation to be submitted.
        let written = save(
            &deu,
            2027,
            "DEU",
            "legislation",
            json!({ "language": "de", "text": "Das BSI-Gesetz.", "english": "The BSI Act." }),
        )
        .await;
        assert_eq!(written.draft[0].attachments.len(), 2);
        let detached = deu
            .call(
                reqwest::Method::DELETE,
                &path(
                    2027,
                    "DEU",
                    &format!("/sections/legislation/attachments/{page_id}"),
                ),
                None,
            )
            .await;
        assert_eq!(detached.status, StatusCode::OK, "{}", detached.text);
        let submitted = submit(&deu, 2027, "DEU").await;
        assert_eq!(submitted.status, SubmissionStatus::Circulated);

        // Circulated: every participating State reads the file it was circulated with.
        let document: Document = fra.get(&path(2027, "DEU", "/document")).await.typed();
        let carried: Vec<&str> = document.sections[0]
            .attachments
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(carried, ["BSI-Gesetz.pdf"]);
        let (status, _, bytes) = fra.get_bytes(&file_path).await;
        assert_eq!(status, StatusCode::OK, "{backend:?}");
        assert_eq!(bytes, law);
        let (status, _, _) = manager.get_bytes(&file_path).await;
        assert_eq!(status, StatusCode::OK);
        // The file taken off before circulation stays Germany's.
        let (status, _, _) = fra
            .get_bytes(&path(2027, "DEU", &format!("/attachments/{page_id}")))
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let html = fra.get(&path(2027, "DEU", "/export.html")).await;
        assert!(
            html.text.contains("BSI-Gesetz.pdf"),
            "the export lists the files"
        );

        // A revision takes the law off: Rev.1 goes without it, the original keeps it, and the
        // change shows in the diff.
        let revised = deu
            .call(
                reqwest::Method::DELETE,
                &path(
                    2027,
                    "DEU",
                    &format!("/sections/legislation/attachments/{law_id}"),
                ),
                None,
            )
            .await;
        assert_eq!(revised.status, StatusCode::OK, "{}", revised.text);
        let missing = deu
            .call(
                reqwest::Method::DELETE,
                &path(
                    2027,
                    "DEU",
                    &format!("/sections/legislation/attachments/{law_id}"),
                ),
                None,
            )
            .await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        submit(&deu, 2027, "DEU").await;
        let latest: Document = fra.get(&path(2027, "DEU", "/document")).await.typed();
        assert_eq!(latest.reference, "PC.DEL/1/27/Rev.1");
        assert!(latest.sections[0].attachments.is_empty());
        let diff: DocumentDiff = fra.get(&path(2027, "DEU", "/diff")).await.typed();
        let removed: Vec<&str> = diff.sections[0]
            .lines
            .iter()
            .filter(|l| l.change == "removed")
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(removed.len(), 1, "{removed:?}");
        assert!(
            removed[0].starts_with("[attachment] BSI-Gesetz.pdf (70000 bytes"),
            "{removed:?}"
        );
        assert_eq!(
            fra.get_bytes(&file_path).await.0,
            StatusCode::OK,
            "Rev.0 keeps it"
        );

        // The stored files never change.
        for statement in [
            "UPDATE exchange_attachments SET name = 'X'",
            "DELETE FROM exchange_attachments",
        ] {
            let mut tx = app.store.begin().await.unwrap();
            let result = sqlx::query(statement).execute(&mut *tx).await;
            assert!(result.is_err(), "{backend:?}: {statement} was allowed");
        }
    })
    .await;
}

#[tokio::test]
async fn a_section_not_provided_this_year_answers_it_and_the_document_says_so() {
    on_every_backend(async |backend| {
        let app = spawn_app_on(backend).await;
        let manager = app.login("manager").await;
        let deu = app.login("deu.coordinator").await;
        let opened = manager
            .post(
                "/api/v1/exchange/cycles",
                &json!({ "year": 2027, "opens_on": "2027-01-01" }),
            )
            .await;
        assert_eq!(opened.status, StatusCode::CREATED, "{}", opened.text);
        complete_draft(&deu, 2027, "DEU").await;

        // Legislation is declared not provided, in French, with a reason: no translation asked.
        let draft = save(
            &deu,
            2027,
            "DEU",
            "legislation",
            json!({ "language": "fr", "not_provided": true, "reason": "Aucune nouvelle loi depuis 2025." }),
        )
        .await;
        let legislation = draft
            .completeness
            .iter()
            .find(|c| c.section.as_str() == "legislation")
            .unwrap();
        assert!(
            legislation.complete && legislation.not_provided,
            "{draft:?}"
        );
        assert!(draft.problems.is_empty(), "{:?}", draft.problems);

        // With a text it is refused, and nothing is saved.
        let versions = deu.get(&path(2027, "DEU", "/versions")).await.json;
        let refused = deu
            .put(
                &path(2027, "DEU", "/sections/legislation"),
                &json!({ "language": "en", "text": "Our laws.", "not_provided": true }),
            )
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            refused.text
        );
        assert!(
            refused.problem().errors.contains_key("not_provided"),
            "{}",
            refused.text
        );
        assert_eq!(
            deu.get(&path(2027, "DEU", "/versions")).await.json,
            versions
        );

        // The overview shows it, without the draft's content.
        let overview: CycleOverview =
            manager.get("/api/v1/exchange/cycles/2027").await.typed();
        let germany = overview
            .states
            .iter()
            .find(|p| p.state.as_str() == "DEU")
            .unwrap();
        assert_eq!(germany.complete_sections.len(), 6);
        assert_eq!(
            germany
                .not_provided_sections
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>(),
            ["legislation"]
        );

        // Submitted and circulated: the document says so, in the reader's language.
        submit(&deu, 2027, "DEU").await;
        let fra = app.login("fra.coordinator").await;
        let document: Document =
            fra.get(&path(2027, "DEU", "/document")).await.typed();
        let section = document
            .sections
            .iter()
            .find(|s| s.section.as_str() == "legislation")
            .unwrap();
        assert!(section.not_provided && section.text.is_empty());
        assert_eq!(
            section.reason.as_deref(),
            Some("Aucune nouvelle loi depuis 2025.")
        );
        let html = fra.get(&path(2027, "DEU", "/export.html")).await.text;
        assert!(
            html.contains("This section was not provided this year."),
            "{html}"
        );
        assert!(html.contains("Aucune nouvelle loi depuis 2025."));
        liaison_testkit::set_locale_in_store(&app, "fra.coordinator", "fr").await;
        let html = fra.get(&path(2027, "DEU", "/export.html")).await.text;
        assert!(
            html.contains("Cette section n&#x27;a pas été fournie cette année.")
                || html.contains("Cette section n'a pas été fournie cette année."),
            "{html}"
        );
    })
    .await;
}

#[tokio::test]
async fn the_manager_records_the_osce_reference_and_the_old_one_still_resolves() {
    on_every_backend(async |backend| {
        let app = spawn_app_on(backend).await;
        let manager = app.login("manager").await;
        let deu = app.login("deu.coordinator").await;
        let fra = app.login("fra.coordinator").await;
        let opened = manager
            .post(
                "/api/v1/exchange/cycles",
                &json!({ "year": 2027, "opens_on": "2027-01-01", "circulation": "by-manager" }),
            )
            .await;
        assert_eq!(opened.status, StatusCode::CREATED, "{}", opened.text);
        for (client, code) in [(&deu, "DEU"), (&fra, "FRA")] {
            complete_draft(client, 2027, code).await;
            submit(client, 2027, code).await;
        }

        // At circulation, the reference the OSCE document system assigned; a malformed one is
        // refused and circulates nothing.
        let bad = manager
            .post(
                &path(2027, "DEU", "/circulate"),
                &json!({ "reference": "PC.DÉL/1/27" }),
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.text);
        assert!(
            bad.problem().errors.contains_key("reference"),
            "{}",
            bad.text
        );
        let circulated = manager
            .post(
                &path(2027, "DEU", "/circulate"),
                &json!({ "reference": " PC.DEL/1234/27 " }),
            )
            .await;
        assert_eq!(
            circulated.status,
            StatusCode::CREATED,
            "{}",
            circulated.text
        );
        assert_eq!(circulated.typed::<Document>().reference, "PC.DEL/1234/27");
        // Without one (and without a body), the next of the cycle's pattern.
        let generated = manager
            .post_bytes(
                &path(2027, "FRA", "/circulate"),
                "application/json",
                Vec::new(),
            )
            .await;
        assert_eq!(generated.status, StatusCode::CREATED, "{}", generated.text);
        let first = generated.typed::<Document>().reference;
        assert!(
            first.starts_with("PC.DEL/") && first.ends_with("/27"),
            "{first}"
        );

        // Corrected later: the manager only; a reference another document has is refused.
        let put = |client: &ApiClient, body: Value| {
            let client = client.clone();
            async move {
                client
                    .put(&path(2027, "FRA", "/document/reference"), &body)
                    .await
            }
        };
        let refused = put(&fra, json!({ "reference": "PC.DEL/1240/27" })).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.text);
        let taken = put(&manager, json!({ "reference": "PC.DEL/1234/27" })).await;
        assert_eq!(
            taken.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            taken.text
        );
        assert!(taken.problem().errors["reference"].contains("PC.DEL/1234/27"));
        let recorded = put(&manager, json!({ "reference": "PC.DEL/1240/27" })).await;
        assert_eq!(recorded.status, StatusCode::OK, "{}", recorded.text);
        let recorded: Document = recorded.typed();
        assert_eq!(recorded.reference, "PC.DEL/1240/27");
        assert_eq!(recorded.aliases, vec![first.clone()]);

        // The old reference still finds the document, which says its current one.
        let found = fra
            .get(&format!("/api/v1/exchange/documents?reference={first}"))
            .await;
        assert_eq!(found.status, StatusCode::OK, "{}", found.text);
        let found: Document = found.typed();
        assert_eq!(found.reference, "PC.DEL/1240/27");
        assert_eq!(found.state.as_str(), "FRA");
        let unknown = fra
            .get("/api/v1/exchange/documents?reference=PC.DEL/9/99")
            .await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND, "{}", unknown.text);
        let overview: CycleOverview = manager.get("/api/v1/exchange/cycles/2027").await.typed();
        let france = overview
            .states
            .iter()
            .find(|p| p.state.as_str() == "FRA")
            .unwrap();
        assert_eq!(france.reference.as_deref(), Some("PC.DEL/1240/27"));

        // A revision takes its number from the current reference; the old one is audited.
        save(
            &fra,
            2027,
            "FRA",
            "threats",
            json!({ "language": "en", "text": "FRA on threats, revised." }),
        )
        .await;
        submit(&fra, 2027, "FRA").await;
        let revision = manager
            .post(&path(2027, "FRA", "/circulate"), &json!({}))
            .await;
        assert_eq!(revision.status, StatusCode::CREATED, "{}", revision.text);
        assert_eq!(
            revision.typed::<Document>().reference,
            "PC.DEL/1240/27/Rev.1"
        );

        // A revision whose number the manager already recorded for another document waits
        // for the manager, who gives it a free reference; nothing is circulated meanwhile.
        let taken = put(&manager, json!({ "reference": "PC.DEL/1234/27/Rev.1" })).await;
        assert_eq!(taken.status, StatusCode::OK, "{}", taken.text);
        save(
            &deu,
            2027,
            "DEU",
            "threats",
            json!({ "language": "en", "text": "DEU on threats, revised." }),
        )
        .await;
        submit(&deu, 2027, "DEU").await;
        let refused = manager
            .post(&path(2027, "DEU", "/circulate"), &json!({}))
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            refused.text
        );
        assert!(
            refused.problem().errors["reference"].contains("PC.DEL/1234/27/Rev.1"),
            "{}",
            refused.text
        );
        let given = manager
            .post(
                &path(2027, "DEU", "/circulate"),
                &json!({ "reference": "PC.DEL/1250/27" }),
            )
            .await;
        assert_eq!(given.status, StatusCode::CREATED, "{}", given.text);
        assert_eq!(given.typed::<Document>().reference, "PC.DEL/1250/27");
        let auditor = app.login("auditor").await;
        let log = auditor.get("/api/v1/audit?limit=50").await;
        assert!(
            log.text.contains("PC.DEL/1240/27") && log.text.contains(&first),
            "{}",
            log.text
        );
    })
    .await;
}
