//! The information exchange from the command line: drafts from Markdown files, PDFs typeset in a limited process.

#[allow(clippy::wildcard_imports)]
use super::*;

/// The exchange from the command line: the manager opens a cycle, Germany's coordinator imports
/// its draft from a folder of Markdown files (a wrong folder is refused whole, naming each
/// problem, and sends nothing), submits it, and France exports the circulated PDF and HTML.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_imported_from_markdown_files_is_submitted_and_exported_as_pdf() {
    let app = liaison_testkit::spawn_app().await;
    let server = app.base.clone();
    let token_of = |username: &str| {
        let run = liaison_with(
            &["login", "--server", &server, "--username", username],
            "liaison-demo-2026\n",
            &[],
        );
        assert_eq!(run.code, 0, "{run:?}");
        run.stdout.trim().to_owned()
    };
    let as_user = |token: &str, args: &[&str]| {
        liaison_with(
            args,
            "",
            &[
                ("LIAISON_SERVER", server.as_str()),
                ("LIAISON_TOKEN", token),
            ],
        )
    };
    let manager = token_of("manager");
    let deu = token_of("deu.coordinator");
    let fra = token_of("fra.coordinator");

    let refused = as_user(
        &deu,
        &[
            "exchange",
            "open",
            "--year",
            "2027",
            "--opens-on",
            "2027-01-01",
        ],
    );
    check(&refused, 2, &["403"], "a coordinator cannot open a cycle");
    let bad = as_user(
        &manager,
        &[
            "exchange",
            "open",
            "--year",
            "2027",
            "--opens-on",
            "1 January",
        ],
    );
    check(
        &bad,
        2,
        &["--opens-on: '1 January' is not a date"],
        "bad date",
    );
    let opened = as_user(
        &manager,
        &[
            "exchange",
            "open",
            "--year",
            "2027",
            "--opens-on",
            "2027-01-01",
            "--sections",
            "threats,legislation,terminology",
        ],
    );
    check(
        &opened,
        0,
        &[
            "Opened the 2027 exchange",
            "deadline 2027-10-31",
            "threats, legislation, terminology",
        ],
        "open",
    );

    let folder = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(folder.path().join(name), text).unwrap();
    write(
        "threats.md",
        "# Threats\n\nRansomware against **hospitals**.\n",
    );
    write(
        "legislation.de.md",
        "Das BSI-Gesetz regelt die Zusammenarbeit.\n",
    );
    write("legislaton.en.md", "The BSI Act governs co-operation.\n");
    let dir = folder.path().to_str().unwrap();
    let wrong = as_user(
        &deu,
        &[
            "exchange",
            "import-draft",
            "--year",
            "2027",
            "--state",
            "DEU",
            dir,
        ],
    );
    check(
        &wrong,
        2,
        &[
            "legislaton.en.md: unknown section 'legislaton'",
            "nothing was sent",
        ],
        "a typo in a file name",
    );
    let status = as_user(&manager, &["exchange", "status", "2027"]);
    check(
        &status,
        0,
        &["DEU Germany", "not-started"],
        "nothing was saved",
    );

    std::fs::rename(
        folder.path().join("legislaton.en.md"),
        folder.path().join("legislation.en.md"),
    )
    .unwrap();
    let partial = as_user(
        &deu,
        &[
            "exchange",
            "import-draft",
            "--year",
            "2027",
            "--state",
            "DEU",
            dir,
        ],
    );
    check(
        &partial,
        0,
        &[
            "legislation",
            "de with English, version 1",
            "Before it can be submitted",
            "the section National terminology is required and empty",
        ],
        "imported without terms",
    );
    write(
        "terminology.csv",
        "term,language,definition,english_term,english_definition,source\nSicherheitsvorfall,de,Ein Ereignis,Security incident,An event,BSIG\n",
    );
    let imported = as_user(
        &deu,
        &[
            "exchange",
            "import-draft",
            "--year",
            "2027",
            "--state",
            "DEU",
            dir,
        ],
    );
    check(
        &imported,
        0,
        &["terminology", "The draft is complete"],
        "imported with terms",
    );
    let versions = app
        .login("deu.coordinator")
        .await
        .get("/api/v1/exchange/cycles/2027/submissions/DEU/versions")
        .await
        .json;
    assert_eq!(
        versions.as_array().unwrap().len(),
        3,
        "unchanged sections add no version: {versions}"
    );

    let not_theirs = as_user(
        &fra,
        &["exchange", "submit", "--year", "2027", "--state", "DEU"],
    );
    check(
        &not_theirs,
        2,
        &["403"],
        "France cannot submit Germany's input",
    );
    let submitted = as_user(
        &deu,
        &["exchange", "submit", "--year", "2027", "--state", "DEU"],
    );
    check(
        &submitted,
        0,
        &["Submitted and circulated as PC.DEL/1/27."],
        "submit",
    );

    let out = folder.path().join("deu.pdf");
    let exported = as_user(
        &fra,
        &[
            "exchange",
            "export",
            "--year",
            "2027",
            "--state",
            "DEU",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    check(&exported, 0, &["Wrote", "deu.pdf"], "export PDF");
    let pdf = std::fs::read(&out).unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    let html = as_user(
        &fra,
        &[
            "exchange", "export", "--year", "2027", "--state", "DEU", "--format", "html",
        ],
    );
    check(
        &html,
        0,
        &[
            "PC.DEL&#x2f;1&#x2f;27",
            "<strong>hospitals</strong>",
            "Sicherheitsvorfall",
        ],
        "export HTML",
    );
    let missing = as_user(
        &fra,
        &[
            "exchange", "export", "--year", "2027", "--state", "EST", "--format", "json",
        ],
    );
    check(&missing, 2, &["404"], "nothing circulated for Estonia");
}

/// A server whose PDFs are typeset by this `liaison` binary in a process of its own, with the
/// given limits.
async fn app_typesetting_with(max_cpu_seconds: u64) -> liaison_testkit::TestApp {
    let mut options = liaison_testkit::Options::default();
    options.config.pdf.typesetter = env!("CARGO_BIN_EXE_liaison").to_owned();
    options.config.pdf.max_cpu_seconds = max_cpu_seconds;
    options.config.pdf.max_memory_mib = 1024;
    liaison_testkit::spawn_app_with(options).await
}

#[tokio::test]
async fn pdfs_are_typeset_in_a_limited_process_and_a_document_too_complex_is_refused() {
    use serde_json::json;
    let app = app_typesetting_with(2).await;
    let fra = app.login("fra.coordinator").await;
    let (status, _, pdf) = fra
        .get_bytes("/api/v1/exchange/cycles/2026/submissions/DEU/export.pdf")
        .await;
    assert_eq!(status.as_u16(), 200, "{}", String::from_utf8_lossy(&pdf));
    assert!(pdf.starts_with(b"%PDF-"));

    // A section that is one vast table: little text, a great deal of layout.
    let manager = app.login("manager").await;
    let opened = manager
        .post(
            "/api/v1/exchange/cycles",
            &json!({ "year": 2027, "opens_on": "2027-01-01", "sections": ["threats", "legislation", "organisation"] }),
        )
        .await;
    assert_eq!(opened.status.as_u16(), 201, "{}", opened.text);
    let aut = app.login("aut.coordinator").await;
    let row = format!("|{}\n", "x|".repeat(50));
    let table = format!("{row}|{}\n{}", "-|".repeat(50), row.repeat(1500));
    for section in ["threats", "legislation", "organisation"] {
        let saved = aut
            .put(
                &format!("/api/v1/exchange/cycles/2027/submissions/AUT/sections/{section}"),
                &json!({ "language": "en", "text": table }),
            )
            .await;
        assert_eq!(saved.status.as_u16(), 200, "{}", saved.text);
    }
    let submitted = aut
        .post(
            "/api/v1/exchange/cycles/2027/submissions/AUT/submit",
            &json!({}),
        )
        .await;
    assert_eq!(submitted.status.as_u16(), 200, "{}", submitted.text);
    let refused = fra
        .get("/api/v1/exchange/cycles/2027/submissions/AUT/export.pdf")
        .await;
    assert_eq!(refused.status.as_u16(), 413, "{}", refused.text);
    assert!(refused.problem().detail.contains("too complex"));
    // The server is as it was: its other documents still export.
    let (status, _, again) = fra
        .get_bytes("/api/v1/exchange/cycles/2026/submissions/DEU/export.pdf")
        .await;
    assert_eq!(status.as_u16(), 200);
    assert_eq!(again, pdf);
}
