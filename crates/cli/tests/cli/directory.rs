//! The directory from the command line: CSV import and export, vCards and nomination files, the audit log's and the transparency log's verification.

#[allow(clippy::wildcard_imports)]
use super::*;

#[test]
fn a_good_csv_imports_and_a_bad_one_imports_nothing() {
    let operator = Operator::migrated();
    let good = operator.file("good.csv", &good_csv());
    let run = operator.run(&["directory", "import", good.to_str().unwrap()]);
    check(&run, 0, &["3 added, 0 changed, 0 unchanged"], "good file");
    let exported = operator.export_csv();
    for name in ["Dr. Anna Weber", "CERT-Bund duty officer", "Claire Martin"] {
        assert!(exported.contains(name), "{name} in the export");
    }

    let before = operator.export_csv();
    let bad = operator.file("bad.csv", &bad_csv());
    let run = operator.run(&["directory", "import", bad.to_str().unwrap()]);
    check(
        &run,
        2,
        &[
            "line 3",
            "email",
            "line 4",
            "time_zone",
            "nothing was imported",
        ],
        "bad file",
    );
    assert!(
        !run.stderr.contains("line 2"),
        "the good row is not blamed: {run:?}"
    );
    assert_eq!(operator.export_csv(), before, "nothing was imported");

    let missing = operator.dir.path().join("missing.csv");
    let run = operator.run(&["directory", "import", missing.to_str().unwrap()]);
    check(&run, 2, &["missing.csv"], "missing file");
}

#[test]
fn an_exported_csv_imports_back_unchanged() {
    let operator = Operator::migrated();
    let good = operator.file("good.csv", &good_csv());
    assert_eq!(
        operator
            .run(&["directory", "import", good.to_str().unwrap()])
            .code,
        0
    );

    let out = operator.dir.path().join("export.csv");
    let run = operator.run(&[
        "directory",
        "export",
        "--format",
        "csv",
        "--out",
        out.to_str().unwrap(),
    ]);
    check(&run, 0, &[], "export to a file");
    let exported = std::fs::read_to_string(&out).unwrap();
    let rows = exported
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .count();
    assert_eq!(rows, 3, "{exported}");

    let run = operator.run(&["directory", "import", out.to_str().unwrap()]);
    check(
        &run,
        0,
        &["Nothing to change: all 3 contacts in the file are as recorded."],
        "round trip",
    );
    assert_eq!(operator.export_csv(), exported);

    // One State's file: its rows only, and it too imports back unchanged.
    let state_file = operator.dir.path().join("state.csv");
    let run = operator.run(&[
        "directory",
        "export",
        "--state",
        "DEU",
        "--out",
        state_file.to_str().unwrap(),
    ]);
    check(&run, 0, &[], "export one State");
    let state_csv = std::fs::read_to_string(&state_file).unwrap();
    let state_rows: Vec<&str> = state_csv.lines().skip(1).collect();
    assert!(
        !state_rows.is_empty() && state_rows.len() < rows,
        "{state_csv}"
    );
    assert!(
        state_rows
            .iter()
            .all(|row| row.split(',').nth(1) == Some("DEU")),
        "{state_csv}"
    );
    let run = operator.run(&["directory", "import", state_file.to_str().unwrap()]);
    check(&run, 0, &["Nothing to change"], "one State's round trip");
    assert_eq!(operator.export_csv(), exported);
}

#[test]
fn a_states_vcards_and_nomination_file_export() {
    let operator = Operator::migrated();
    let good = operator.file("good.csv", &good_csv());
    assert_eq!(
        operator
            .run(&["directory", "import", good.to_str().unwrap()])
            .code,
        0
    );

    let vcards = operator.run(&["directory", "export", "--format", "vcard", "--state", "DEU"]);
    check(&vcards, 0, &[], "vcard");
    assert_eq!(
        vcards.stdout.matches("BEGIN:VCARD").count(),
        2,
        "{vcards:?}"
    );
    assert!(vcards.stdout.contains("VERSION:4.0"));
    assert!(
        !vcards.stdout.contains("Claire Martin"),
        "France's contact is not in DEU's cards"
    );

    let nomination = operator.run(&[
        "directory",
        "export",
        "--format",
        "nomination",
        "--state",
        "DEU",
    ]);
    check(&nomination, 0, &[], "nomination");
    let file: serde_json::Value = serde_json::from_str(&nomination.stdout).unwrap();
    assert!(file.to_string().contains("cert@demo-de.example"), "{file}");

    let cases: [(&str, &[&str], &[&str]); 3] = [
        (
            "vcard without a State",
            &["directory", "export", "--format", "vcard"],
            &["--state"],
        ),
        (
            "bad State code",
            &[
                "directory",
                "export",
                "--format",
                "nomination",
                "--state",
                "D",
            ],
            &["'D'"],
        ),
        (
            "unknown format",
            &["directory", "export", "--format", "pdf"],
            &["pdf"],
        ),
    ];
    for (label, args, says) in cases {
        check(&operator.run(args), 2, says, label);
    }
}

/// Changes one stored audit row behind the application's back.
fn tamper(db: &Path, seq: i64) {
    let url = format!("sqlite://{}", db.display());
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
        let done = sqlx::query("UPDATE audit_log SET actor = 'mallory' WHERE seq = $1")
            .bind(seq)
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(done.rows_affected(), 1, "row {seq} exists");
        pool.close().await;
    });
}

#[test]
fn audit_verify_passes_then_names_the_tampered_row() {
    let operator = Operator::migrated();
    let good = operator.file("good.csv", &good_csv());
    assert_eq!(
        operator
            .run(&["directory", "import", good.to_str().unwrap()])
            .code,
        0
    );

    let intact = operator.run(&["audit", "verify"]);
    check(&intact, 0, &["intact"], "untouched log");
    assert!(intact.stdout.contains("rows verified"), "{intact:?}");

    tamper(&operator.db_path(), 2);
    let broken = operator.run(&["audit", "verify"]);
    check(&broken, 1, &["tampered", "row 2"], "tampered log");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verify_checks_the_directory_against_the_log_and_fails_loudly_when_it_was_tampered_with() {
    let app = liaison_testkit::spawn_app().await;
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("verify.json");
    let state_arg = state.to_str().unwrap().to_owned();
    let server = app.base.clone();
    let run = liaison(
        &[
            "login",
            "--server",
            &server,
            "--username",
            "deu.coordinator",
        ],
        "liaison-demo-2026\n",
    );
    check(&run, 0, &[], "login");
    let token = run.stdout.trim().to_owned();
    let coordinator = app.login("deu.coordinator").await;
    let key = coordinator.get("/api/v1/transparency/key").await.json["public_key"]
        .as_str()
        .unwrap()
        .to_owned();
    let verify = |extra: &[&str]| {
        let mut args = vec![
            "verify", "--server", &server, "--token", &token, "--state", &state_arg,
        ];
        args.extend(extra);
        liaison(&args, "")
    };

    // The first run needs the pinned key; a wrong one is refused before anything is trusted.
    check(&verify(&[]), 2, &["--key"], "no pinned key");
    let other = hex::encode([1u8; 32]);
    check(
        &verify(&["--key", &other]),
        1,
        &["INCONSISTENT"],
        "another key",
    );
    assert!(!state.exists(), "nothing is remembered from a failed run");

    let run = verify(&["--key", &key, "--monitor", "--publish"]);
    check(
        &run,
        0,
        &[
            "signature verified",
            "first run",
            "Monitor: replayed",
            "Verified",
            "Published: DEU",
        ],
        "first run",
    );
    assert!(
        run.stdout
            .contains("current contacts read are in the signed tree")
    );
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&state).unwrap()).unwrap();
    let first_size = saved["head"]["tree_size"].as_u64().unwrap();

    // A change: the new tree extends the one seen, and the state file moves on.
    let confirmed = coordinator
        .post("/api/v1/states/DEU/confirm", &serde_json::json!({}))
        .await;
    assert_eq!(confirmed.status.as_u16(), 200, "{}", confirmed.text);
    let run = verify(&["--monitor"]);
    check(
        &run,
        0,
        &[&format!("extends the one of {first_size} last seen")],
        "after a change",
    );

    // The operator edits the stored leaf of a contact's current version: the contact's
    // inclusion fails and the replay does not give the signed root.
    let url = app.database_url.clone();
    let size: i64 = {
        let mut tx = app.store.read().await.unwrap();
        sqlx::query_scalar("SELECT MAX(idx) FROM transparency_leaves")
            .fetch_one(&mut *tx)
            .await
            .unwrap()
    };
    behind_the_back(
        &url,
        &[
            "DROP TRIGGER transparency_leaves_no_update",
            &format!(
                "UPDATE transparency_leaves SET data = REPLACE(data, 'change confirmed', 'change changed') WHERE idx = {size}"
            ),
        ],
    )
    .await;
    let run = verify(&["--monitor"]);
    check(
        &run,
        1,
        &[
            "INCONSISTENT",
            "does not hash",
            "do not make the signed root",
            "keeps the last good tree head",
        ],
        "an edited leaf",
    );
    let audit = liaison(&["audit", "verify", "--database", &url], "");
    check(
        &audit,
        1,
        &[
            "transparency log has been tampered with",
            &format!("leaf {size}"),
        ],
        "audit verify after an edited leaf",
    );

    // The operator rolls the log back by removing the latest tree heads: seen as going back.
    behind_the_back(
        &url,
        &[
            "DROP TRIGGER transparency_heads_no_delete",
            &format!("DELETE FROM transparency_heads WHERE size > {first_size}"),
        ],
    )
    .await;
    let run = verify(&[]);
    check(
        &run,
        1,
        &["went back", "entries were removed"],
        "a rolled-back log",
    );

    // A forged head: its root changed, its signature no longer verifies.
    behind_the_back(
        &url,
        &[
            "DROP TRIGGER transparency_heads_no_update",
            &format!(
                "UPDATE transparency_heads SET root = '{}' WHERE size = {first_size}",
                hex::encode([9u8; 32])
            ),
        ],
    )
    .await;
    let run = verify(&[]);
    check(&run, 1, &["signature does not verify"], "a forged head");
    let audit = liaison(&["audit", "verify", "--database", &url], "");
    check(
        &audit,
        1,
        &["signature does not verify", "are missing"],
        "audit verify after a forged head",
    );
}
