//! The `liaison` binary as an operator runs it: migration, accounts, directory import and export,
//! audit verification, and the exit codes of DESIGN.md §6 (0 success, 1 failure, 2 bad usage or
//! bad input). Each test works on its own SQLite database in a temporary folder.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What a run of the binary gave.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// A temporary database and the commands run against it.
struct Operator {
    dir: tempfile::TempDir,
    url: String,
}

impl Operator {
    fn new() -> Operator {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("x.db").display());
        Operator { dir, url }
    }

    fn db_path(&self) -> PathBuf {
        self.dir.path().join("x.db")
    }

    fn file(&self, name: &str, content: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        path
    }

    /// `liaison ARGS --database URL` (the flag goes to the subcommand that takes it).
    fn run(&self, args: &[&str]) -> Run {
        self.run_with_stdin(args, "")
    }

    fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Run {
        let mut full: Vec<&str> = Vec::new();
        // `--database` belongs to the first word (migrate, admin, directory, audit).
        full.push(args[0]);
        full.extend(["--database", &self.url]);
        full.extend(&args[1..]);
        liaison(&full, stdin)
    }

    fn migrated() -> Operator {
        let operator = Operator::new();
        let run = operator.run(&["migrate"]);
        assert_eq!(run.code, 0, "{run:?}");
        operator
    }

    fn export_csv(&self) -> String {
        let run = self.run(&["directory", "export", "--format", "csv"]);
        assert_eq!(run.code, 0, "{run:?}");
        run.stdout
    }
}

/// Runs the binary with `args`, feeding `stdin`, outside any `LIAISON_*` environment.
fn liaison(args: &[&str], stdin: &str) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_liaison"));
    command.args(args).env("LIAISON_LOG", "error");
    for (key, _) in std::env::vars() {
        if key.starts_with("LIAISON_") && key != "LIAISON_LOG" {
            command.env_remove(key);
        }
    }
    let output = run_with_stdin(&mut command, stdin);
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs `command` (its standard streams piped), feeding it `stdin`.
fn run_with_stdin(command: &mut Command, stdin: &str) -> std::process::Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// The run ended with `code` and its stderr names every one of `says`.
fn check(run: &Run, code: i32, says: &[&str], label: &str) {
    assert_eq!(run.code, code, "{label}: {run:?}");
    for text in says {
        assert!(
            run.stderr.contains(text) || run.stdout.contains(text),
            "{label}: output names '{text}': {run:?}"
        );
    }
}

const HEADER: &str = "id,state,kind,structure_kind,name,function,organisation,email,phone,available_24_7,time_zone,languages,deputy,website,notes,effective_on\n";

fn good_csv() -> String {
    [
        HEADER,
        ",DEU,policy,,Dr. Anna Weber,Head of Cyber Foreign Policy,Federal Foreign Office,cyber-policy@demo-de.example,+49 30 1817 0,no,Europe/Berlin,de en,no,,,2026-01-10\n",
        ",DEU,technical,,CERT-Bund duty officer,24/7 operations,BSI,cert@demo-de.example,+49 228 99 9582 5110,yes,Europe/Berlin,de en,no,https://www.bsi.bund.de,,2026-01-10\n",
        ",FRA,policy,,Claire Martin,Cyber diplomacy,Ministry for Europe and Foreign Affairs,cyber@demo-fr.example,+33 1 43 17 53 53,no,Europe/Paris,fr en,no,,,2026-01-10\n",
    ]
    .concat()
}

/// A file whose line 3 has a bad email and line 4 an unknown time zone.
fn bad_csv() -> String {
    [
        HEADER,
        ",DEU,policy,,Good row,Envoy,Ministry,good@example.org,+49 30 1234567,no,Europe/Berlin,en,no,,,2026-01-10\n",
        ",DEU,policy,,Bad email,Envoy,Ministry,not-an-email,+49 30 1234567,no,Europe/Berlin,en,no,,,2026-01-10\n",
        ",DEU,technical,,Bad zone,Duty,CERT,zone@example.org,+49 30 1234567,yes,Berlin,en,no,,,2026-01-10\n",
    ]
    .concat()
}

#[test]
fn migrate_creates_the_database_and_runs_again() {
    let operator = Operator::new();
    assert!(!operator.db_path().exists());
    let first = operator.run(&["migrate"]);
    check(&first, 0, &["up to date"], "first migration");
    assert!(operator.db_path().exists());
    let again = operator.run(&["migrate"]);
    check(&again, 0, &["up to date"], "second migration");
}

#[test]
fn accounts_are_created_from_stdin_and_listed() {
    let operator = Operator::migrated();
    let created = operator.run_with_stdin(
        &[
            "admin",
            "create-account",
            "--username",
            "deu.coordinator",
            "--display-name",
            "National coordinator, Germany",
            "--email",
            "coordinator@example.org",
            "--role",
            "coordinator",
            "--state",
            "DEU",
        ],
        "a long enough password\n",
    );
    check(&created, 0, &["Created account deu.coordinator"], "create");

    let listed = operator.run(&["admin", "list-accounts"]);
    check(&listed, 0, &[], "list");
    let line = listed
        .stdout
        .lines()
        .find(|l| l.starts_with("deu.coordinator"))
        .unwrap_or_else(|| panic!("the account is listed: {listed:?}"));
    for field in [
        "coordinator",
        "DEU",
        "coordinator@example.org",
        "totp=false",
    ] {
        assert!(line.contains(field), "'{field}' in '{line}'");
    }
}

#[test]
fn bad_account_requests_exit_with_2_and_say_why() {
    let operator = Operator::migrated();
    let account = |username: &'static str, role: &'static str, state: Option<&'static str>| {
        let mut args = vec![
            "admin",
            "create-account",
            "--username",
            username,
            "--display-name",
            "Someone",
            "--email",
            "someone@example.org",
            "--role",
            role,
        ];
        if let Some(state) = state {
            args.extend(["--state", state]);
        }
        args
    };
    let password = "a long enough password\n";
    let cases: [(&str, Vec<&str>, &str, &[&str]); 6] = [
        (
            "bad role",
            account("x.one", "king", None),
            password,
            &["unknown role 'king'"],
        ),
        (
            "short password",
            account("x.two", "observer", None),
            "short\n",
            &["at least 12 characters"],
        ),
        (
            "coordinator without a State",
            account("x.three", "coordinator", None),
            password,
            &["State"],
        ),
        (
            "bad State code",
            account("x.four", "poc", Some("D1")),
            password,
            &["D1"],
        ),
        (
            "unknown State",
            account("x.five", "poc", Some("ZZZ")),
            password,
            &["ZZZ"],
        ),
        (
            "bad username",
            account("Not Valid", "observer", None),
            password,
            &["username"],
        ),
    ];
    for (label, args, stdin, says) in cases {
        let run = operator.run_with_stdin(&args, stdin);
        check(&run, 2, says, label);
    }
    let listed = operator.run(&["admin", "list-accounts"]);
    assert_eq!(listed.code, 0);
    assert!(
        listed.stdout.trim().is_empty(),
        "no account was created: {listed:?}"
    );
}

#[test]
fn the_operator_disables_resets_and_changes_an_account_from_the_command_line() {
    let operator = Operator::migrated();
    let created = operator.run_with_stdin(
        &[
            "admin",
            "create-account",
            "--username",
            " Obs.One ",
            "--display-name",
            "An observer",
            "--email",
            "observer@example.org",
            "--role",
            "observer",
        ],
        "a long enough password\n",
    );
    check(&created, 0, &["Created account"], "create");
    let account = |args: &[&str]| {
        let mut full = vec!["admin", "account"];
        full.extend(args);
        operator.run(&full)
    };
    // The username was normalised, and any spelling of it finds the account.
    check(
        &account(&["disable", "OBS.ONE"]),
        0,
        &["obs.one", "(disabled)"],
        "disable",
    );
    check(&account(&["show", "obs.one"]), 0, &["(disabled)"], "show");
    let enabled = account(&["enable", "obs.one"]);
    check(&enabled, 0, &["obs.one"], "enable");
    assert!(!enabled.stdout.contains("(disabled)"), "{enabled:?}");
    let short = operator.run_with_stdin(
        &["admin", "account", "reset-password", "obs.one"],
        "short\n",
    );
    check(&short, 2, &["at least 12 characters"], "short password");
    let common = operator.run_with_stdin(
        &["admin", "account", "reset-password", "obs.one"],
        "password12345\n",
    );
    check(&common, 2, &["most common"], "common password");
    let reset = operator.run_with_stdin(
        &["admin", "account", "reset-password", "obs.one"],
        "another long passphrase\n",
    );
    check(&reset, 0, &["new password"], "reset");
    check(
        &account(&["set-role", "obs.one", "--role", "coordinator"]),
        2,
        &["State"],
        "a coordinator without a State",
    );
    check(
        &account(&[
            "set-role",
            "obs.one",
            "--role",
            "coordinator",
            "--state",
            "deu",
        ]),
        0,
        &["coordinator", "DEU"],
        "set-role",
    );
    check(
        &account(&["link-contact", "obs.one", "--contact", "99"]),
        2,
        &["contact"],
        "a coordinator is linked to no contact",
    );
    check(
        &account(&["unlink-contact", "obs.one"]),
        0,
        &["obs.one"],
        "unlink",
    );
    check(
        &account(&["reset-totp", "obs.one"]),
        2,
        &["no second factor"],
        "reset-totp without a second factor",
    );
    check(
        &account(&["end-sessions", "obs.one"]),
        0,
        &["Ended 0"],
        "end-sessions",
    );
    check(
        &account(&["show", "nobody.here"]),
        2,
        &["no account"],
        "unknown",
    );
    // Every change went into the audit log, which still verifies.
    let verified = operator.run(&["audit", "verify"]);
    check(&verified, 0, &[], "verify");
    let changes = count(
        &operator.db_path(),
        "SELECT COUNT(*) FROM audit_log WHERE event = 'account.changed'",
    );
    assert_eq!(
        changes, 4,
        "disable, enable, role and unlink; not the refused ones"
    );

    // The last enabled network manager stays one, whoever asks.
    let boss = operator.run_with_stdin(
        &[
            "admin",
            "create-account",
            "--username",
            "boss",
            "--display-name",
            "The network manager",
            "--email",
            "boss@example.org",
            "--role",
            "manager",
        ],
        "a long enough password\n",
    );
    check(&boss, 0, &["Created account boss"], "create a manager");
    check(
        &account(&["set-role", "boss", "--role", "observer"]),
        2,
        &["last enabled network manager"],
        "demote the last manager",
    );
    check(
        &account(&["disable", "boss"]),
        2,
        &["last enabled network manager"],
        "disable the last manager",
    );
}

#[test]
fn operator_commands_do_not_make_a_database_where_there_is_none() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nowhere.db");
    let url = format!("sqlite://{}", path.display());
    for args in [
        vec!["admin", "--database", &url, "list-accounts"],
        vec!["admin", "--database", &url, "account", "show", "manager"],
        vec!["audit", "--database", &url, "verify"],
        vec!["directory", "--database", &url, "export", "--format", "csv"],
    ] {
        let run = liaison(&args, "");
        check(
            &run,
            2,
            &["there is no database", "--config"],
            &args.join(" "),
        );
        assert!(!path.exists(), "{args:?} made {}", path.display());
    }
}

/// One number from the operator's SQLite database.
fn count(db: &Path, sql: &str) -> i64 {
    let url = format!("sqlite://{}", db.display());
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
            .fetch_one(&pool)
            .await
            .unwrap();
        pool.close().await;
        n
    })
}

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

#[test]
fn bad_usage_exits_with_2() {
    let operator = Operator::new();
    let missing = operator.dir.path().join("nowhere.toml");
    let cases: [(&str, Vec<&str>, &[&str]); 4] = [
        ("unknown subcommand", vec!["frobnicate"], &["frobnicate"]),
        (
            "unknown admin subcommand",
            vec!["admin", "delete-everything"],
            &["delete-everything"],
        ),
        ("no subcommand", vec![], &["Usage"]),
        (
            "nonexistent configuration file",
            vec!["migrate", "--config", missing.to_str().unwrap()],
            &["nowhere.toml", "does not exist"],
        ),
    ];
    for (label, args, says) in cases {
        check(&liaison(&args, ""), 2, says, label);
    }
    assert!(!operator.db_path().exists());
}

// ---------------------------------------------------------------------------------------------
// The client commands against a running server: `liaison login` and `liaison checks …`, with
// GnuPG on the other side of the signed answers.

/// A throwaway GnuPG home with one Ed25519 key (signing) and its Curve25519 encryption subkey.
struct Gpg {
    home: tempfile::TempDir,
    fingerprint: String,
}

impl Gpg {
    /// `None` (after saying why) when gpg is missing and the full suite is not required.
    fn new() -> Option<Gpg> {
        if Command::new("gpg").arg("--version").output().is_err() {
            assert!(
                !liaison_testkit::require_all(),
                "LIAISON_TEST_REQUIRE_ALL=1 but gpg is not installed"
            );
            eprintln!("skipped: gpg is not installed (apt-get install gnupg)");
            return None;
        }
        let mut gpg = Gpg {
            home: tempfile::tempdir().unwrap(),
            fingerprint: String::new(),
        };
        let uid = "CERT-Bund duty officer <cert@demo-de.example>";
        gpg.run(
            &["--quick-gen-key", uid, "ed25519", "sign,cert", "never"],
            "",
        );
        let listing = gpg.run(&["--with-colons", "--list-keys", uid], "");
        let fingerprint = listing
            .lines()
            .find_map(|l| {
                l.strip_prefix("fpr:")
                    .map(|r| r.trim_matches(':').to_owned())
            })
            .unwrap();
        gpg.run(
            &["--quick-add-key", &fingerprint, "cv25519", "encr", "never"],
            "",
        );
        gpg.fingerprint = fingerprint;
        Some(gpg)
    }

    fn run(&self, args: &[&str], stdin: &str) -> String {
        let mut command = Command::new("gpg");
        command
            .args([
                "--batch",
                "--quiet",
                "--no-tty",
                "--passphrase",
                "",
                "--pinentry-mode",
                "loopback",
            ])
            .args(args)
            .env("GNUPGHOME", self.home.path());
        let output = run_with_stdin(&mut command, stdin);
        assert!(
            output.status.success(),
            "gpg {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }
}

impl Drop for Gpg {
    fn drop(&mut self) {
        let _ = Command::new("gpgconf")
            .args(["--kill", "gpg-agent"])
            .env("GNUPGHOME", self.home.path())
            .status();
    }
}

/// The token of the newest challenge mail to `email` waiting in the outbox.
async fn challenge_token(app: &liaison_testkit::TestApp, email: &str) -> String {
    let mut tx = app.store.read().await.unwrap();
    liaison_store::outbox::recent(&mut tx, 1000)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.kind == "checks.challenge" && m.status == "pending" && m.recipient == email)
        .and_then(|m| m.secret)
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_point_of_contact_answers_a_check_from_the_command_line_with_gnupg_and_its_own_key() {
    let Some(gpg) = Gpg::new() else {
        return;
    };
    let app = liaison_testkit::spawn_app().await;
    let server = app.base.clone();
    let client = |args: &[&str], stdin: &str| {
        let mut full = args.to_vec();
        full.extend(["--server", &server]);
        liaison(&full, stdin)
    };
    let run = client(&["login", "--username", "manager"], "liaison-demo-2026\n");
    check(&run, 0, &[], "login");
    let token = run.stdout.trim().to_owned();
    let run = client(&["login", "--username", "manager"], "wrong password\n");
    check(&run, 2, &["401"], "a wrong password");

    // Germany registers the GnuPG key for its technical point of contact.
    let coordinator = app.login("deu.coordinator").await;
    let entry = coordinator.get("/api/v1/states/DEU").await.json;
    let technical = entry["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["email"] == "cert@demo-de.example")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let public = gpg.run(&["--armor", "--export", &gpg.fingerprint], "");
    let put = coordinator
        .put(
            &format!("/api/v1/contacts/{technical}/key"),
            &serde_json::json!({ "armored": public, "effective_on": "2027-01-15" }),
        )
        .await;
    assert_eq!(put.status.as_u16(), 200, "{}", put.text);

    let launch = |message: &str| {
        client(
            &[
                "checks",
                "launch",
                "--token",
                &token,
                "--states",
                "DEU",
                "--levels",
                "technical",
                "--window-hours",
                "6",
                "--message",
                message,
            ],
            "",
        )
    };
    let run = launch("First check");
    check(
        &run,
        0,
        &["Launched check #3", "1 contact challenged"],
        "launch",
    );
    let run = client(
        &[
            "checks",
            "launch",
            "--token",
            &token,
            "--states",
            "DEU,XYZ",
            "--message",
            "x",
        ],
        "",
    );
    check(
        &run,
        2,
        &["XYZ is not a participating State"],
        "a bad launch",
    );

    // GnuPG signs the token; the CLI hands the signed text in.
    let first = challenge_token(&app, "cert@demo-de.example").await;
    let signed = gpg.run(
        &["--clearsign"],
        &format!("Received, thank you.\n{first}\n"),
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answer.asc");
    std::fs::write(&file, &signed).unwrap();
    let run = client(
        &["checks", "answer", "--signed", file.to_str().unwrap()],
        "",
    );
    check(
        &run,
        0,
        &["on-time", &format!("key-verified with {}", gpg.fingerprint)],
        "gpg answer",
    );
    let run = client(&["checks", "answer", "--challenge", &first], "");
    check(&run, 2, &["already answered"], "a replay");

    // The CLI signs with the secret key GnuPG exported, and GnuPG verifies what it signs.
    let secret = gpg.run(&["--armor", "--export-secret-keys", &gpg.fingerprint], "");
    let key = dir.path().join("secret.asc");
    std::fs::write(&key, &secret).unwrap();
    let run = launch("Second check");
    check(&run, 0, &["Launched check #4"], "second launch");
    let second = challenge_token(&app, "cert@demo-de.example").await;
    let link = format!("{server}/checks/answer/{second}");
    let run = client(
        &[
            "checks",
            "answer",
            "--challenge",
            &link,
            "--key",
            key.to_str().unwrap(),
        ],
        "",
    );
    check(
        &run,
        0,
        &[&format!("key-verified with {}", gpg.fingerprint)],
        "rPGP answer",
    );
    let made_here = liaison_core::checks::signed::sign_answer(&secret, "", &second).unwrap();
    let verified = dir.path().join("made-here.asc");
    std::fs::write(&verified, made_here).unwrap();
    gpg.run(&["--verify", verified.to_str().unwrap()], "");

    // A contact whose signature is not the registered key's is refused.
    let run = launch("Third check");
    check(&run, 0, &["Launched check #5"], "third launch");
    let third = challenge_token(&app, "cert@demo-de.example").await;
    let other = liaison_core::checks::signed::sign_answer(
        include_str!("../../core/tests/fixtures/keys/secret.asc"),
        "",
        &third,
    )
    .unwrap();
    std::fs::write(&file, other).unwrap();
    let run = client(
        &["checks", "answer", "--signed", file.to_str().unwrap()],
        "",
    );
    check(
        &run,
        2,
        &["not made with the contact's registered OpenPGP key"],
        "another key",
    );

    // Status and export as the manager; the by-link answer for the third check.
    let run = client(&["checks", "answer", "--challenge", &third], "");
    check(&run, 0, &["on-time"], "link answer");
    let run = client(&["checks", "status", "--token", &token], "");
    check(&run, 0, &["#5", "#4", "#3", "answered 1/1"], "status");
    let run = client(&["checks", "status", "--token", &token, "3"], "");
    check(
        &run,
        0,
        &["DEU Germany", "reached", "key-verified"],
        "status of one check",
    );
    let out = dir.path().join("results.csv");
    let run = client(
        &[
            "checks",
            "export",
            "--token",
            &token,
            "3",
            "--out",
            out.to_str().unwrap(),
        ],
        "",
    );
    check(&run, 0, &[], "export");
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(
        csv.contains("signed-reply") && csv.contains("cert@demo-de.example"),
        "{csv}"
    );
    let run = client(&["checks", "status", "--token", "not-a-token"], "");
    check(&run, 2, &["401"], "a bad token");
    let run = liaison(
        &[
            "checks",
            "answer",
            "--server",
            "http://127.0.0.1:9",
            "--challenge",
            &third,
        ],
        "",
    );
    check(&run, 1, &["cannot reach the server"], "no server");
}

/// The protected channel's envelope rule reads the recipients of what GnuPG encrypts, and
/// GnuPG decrypts what rPGP encrypts to its key (interoperability in both directions).
#[test]
fn the_envelope_check_reads_gnupg_messages_and_gnupg_reads_rpgp_messages() {
    use liaison_core::channel::envelope::{ExpectedKey, check_key_set, recipients};
    let Some(gpg) = Gpg::new() else {
        return;
    };
    let public = gpg.run(&["--armor", "--export", &gpg.fingerprint], "");
    let info = liaison_core::directory::key::parse_public_key(
        public.as_bytes(),
        liaison_core::clock::Clock::now(&liaison_core::clock::SystemClock),
    )
    .unwrap();
    let expected = ExpectedKey {
        contact: 1,
        fingerprint: info.fingerprint.clone(),
        encryption_fingerprints: info.encryption_fingerprints.clone(),
    };
    for armor in [true, false] {
        let mut args = vec![
            "--encrypt",
            "--trust-model",
            "always",
            "--recipient",
            &gpg.fingerprint,
        ];
        if armor {
            args.insert(0, "--armor");
        }
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("message");
        let out_arg = out.to_str().unwrap().to_owned();
        args.extend(["--output", &out_arg]);
        gpg.run(&args, "Protected body.\n");
        let message = std::fs::read(&out).unwrap();
        let found = recipients(&message).unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            check_key_set(&found, std::slice::from_ref(&expected)),
            Ok(())
        );
        let other = ExpectedKey {
            contact: 2,
            fingerprint: "0".repeat(40),
            encryption_fingerprints: vec!["A".repeat(40)],
        };
        let mismatch = check_key_set(&found, &[other]).unwrap_err();
        assert_eq!(mismatch.extra, found);
    }

    // rPGP encrypts to the registered key; GnuPG decrypts it.
    use pgp::composed::{Deserializable, MessageBuilder, SignedPublicKey};
    use pgp::types::KeyDetails;
    let (key, _) = SignedPublicKey::from_string(&public).unwrap();
    let mut rng = rand_pgp::rngs::OsRng;
    let mut builder = MessageBuilder::from_bytes("", b"Made by Liaison.\n".to_vec())
        .seipd_v1(&mut rng, pgp::crypto::sym::SymmetricKeyAlgorithm::AES256);
    for sub in &key.public_subkeys {
        if info
            .encryption_fingerprints
            .contains(&format!("{:X}", sub.key.fingerprint()))
        {
            builder.encrypt_to_key(&mut rng, sub).unwrap();
        }
    }
    let armored = builder.to_armored_string(rng, Default::default()).unwrap();
    assert_eq!(
        check_key_set(&recipients(armored.as_bytes()).unwrap(), &[expected]),
        Ok(())
    );
    assert_eq!(gpg.run(&["--decrypt"], &armored), "Made by Liaison.\n");
}

/// `liaison ARGS` with some `LIAISON_*` variables set (the rest removed, as in [`liaison`]).
fn liaison_with(args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_liaison"));
    command.args(args).env("LIAISON_LOG", "error");
    for (key, _) in std::env::vars() {
        if key.starts_with("LIAISON_") && key != "LIAISON_LOG" {
            command.env_remove(key);
        }
    }
    command.envs(env.iter().copied());
    let output = run_with_stdin(&mut command, stdin);
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The recipients' key IDs of every primary key in a GnuPG home, as `-r` arguments.
fn recipients_of(gpg: &Gpg) -> Vec<String> {
    gpg.run(&["--with-colons", "--list-keys"], "")
        .lines()
        .filter(|l| l.starts_with("fpr:"))
        .map(|l| l.trim_start_matches("fpr:").trim_matches(':').to_owned())
        .collect::<Vec<_>>()
        .chunks(2)
        .flat_map(|pair| ["--recipient".to_owned(), pair[0].clone()])
        .collect()
}

/// The protected channel from the command line, with GnuPG on the other side: Germany's point
/// of contact makes and registers a key pair with `liaison keys`, sends a request with an
/// attachment that GnuPG decrypts; Estonia (a GnuPG user) acknowledges, takes the thread's key
/// set into GnuPG and replies with a GnuPG-encrypted message that `liaison read` opens.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_channel_from_the_command_line_interoperates_with_gnupg_both_ways() {
    use liaison_core::clock::Clock;
    let Some(gpg) = Gpg::new() else {
        return;
    };
    let app = liaison_testkit::spawn_app().await;
    // Keys made now must not be newer than the server's clock.
    let now = liaison_core::clock::SystemClock.now();
    if now > app.clock.now() {
        app.clock.set(now + time::Duration::minutes(1));
    }
    let server = app.base.clone();
    let keyring = tempfile::tempdir().unwrap();
    let keyring_path = keyring.path().to_str().unwrap().to_owned();
    let files = tempfile::tempdir().unwrap();
    let token_of = |username: &str| {
        let run = liaison_with(
            &["login", "--server", &server, "--username", username],
            "liaison-demo-2026\n",
            &[],
        );
        assert_eq!(run.code, 0, "{run:?}");
        run.stdout.trim().to_owned()
    };
    let deu_token = token_of("deu.technical");
    let est_token = token_of("est.technical");
    let deu = |args: &[&str]| {
        liaison_with(
            args,
            "",
            &[
                ("LIAISON_SERVER", server.as_str()),
                ("LIAISON_TOKEN", deu_token.as_str()),
                ("LIAISON_KEYRING", keyring_path.as_str()),
                ("LIAISON_KEY_PASSPHRASE", "four words of passphrase"),
            ],
        )
    };
    let est = |args: &[&str]| {
        liaison_with(
            args,
            "",
            &[
                ("LIAISON_SERVER", server.as_str()),
                ("LIAISON_TOKEN", est_token.as_str()),
            ],
        )
    };

    // Estonia's technical contact uses GnuPG: its coordinator registers that key.
    let est_coordinator = app.login("est.coordinator").await;
    let entry = est_coordinator.get("/api/v1/states/EST").await.json;
    let est_contact = entry["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["email"] == "cert@demo-ee.example")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let public = gpg.run(&["--armor", "--export", &gpg.fingerprint], "");
    let put = est_coordinator
        .put(
            &format!("/api/v1/contacts/{est_contact}/key"),
            &serde_json::json!({ "armored": public, "effective_on": now.date().to_string() }),
        )
        .await;
    assert_eq!(put.status.as_u16(), 200, "{}", put.text);

    // Germany's point of contact makes a key pair (kept encrypted) and registers it itself.
    let run = liaison_with(
        &[
            "keys",
            "generate",
            "--keyring",
            &keyring_path,
            "--user-id",
            "CERT-Bund <cert@demo-de.example>",
        ],
        "",
        &[],
    );
    check(&run, 2, &["LIAISON_KEY_PASSPHRASE"], "no passphrase");
    let run = deu(&[
        "keys",
        "generate",
        "--user-id",
        "CERT-Bund <cert@demo-de.example>",
    ]);
    check(&run, 0, &["Made key"], "generate");
    let secret = std::fs::read_to_string(keyring.path().join("secret.asc")).unwrap();
    assert!(secret.contains("BEGIN PGP PRIVATE KEY BLOCK"));
    let run = deu(&["keys", "generate", "--user-id", "again"]);
    check(&run, 2, &["--force"], "an existing key pair is kept");
    let run = deu(&["keys", "register"]);
    check(&run, 0, &["Registered key"], "register");

    // Germany sends a request with an attachment (the demo's own threads are #1 and #2);
    // Austria cannot be addressed.
    const BODY: &str = "Please check the attached indicators.\n\
        Übersicht: two domains, first seen on 3 December, both registered the same day through \
        the same reseller.\n\nCERT-Bund\n";
    let attachment = files.path().join("iocs.csv");
    std::fs::write(&attachment, "type,value\ndomain,login-gov.example\n").unwrap();
    let run = deu(&[
        "send",
        "--to",
        "EST",
        "--level",
        "technical",
        "--kind",
        "incident-notification",
        "--urgency",
        "urgent",
        "--tlp",
        "AMBER+STRICT",
        "--subject",
        "Phishing wave",
        "--body",
        BODY,
        "--attach",
        attachment.to_str().unwrap(),
    ]);
    // Germany's and Estonia's technical keys, and Estonia's policy-level key for an escalation.
    check(
        &run,
        0,
        &["Sent request #3", "encrypted to 3 key(s)"],
        "send",
    );
    let run = deu(&["send", "--to", "AUT", "--subject", "x", "--body", "y"]);
    check(&run, 2, &["AUT cannot be addressed"], "unaddressable");

    // Estonia, with GnuPG: the ciphertext decrypts to the MIME message with the attachment.
    let est_api = app.login("est.technical").await;
    let detail = est_api.get("/api/v1/requests/3").await.json;
    let message = detail["messages"][0]["id"].as_i64().unwrap();
    let armored = est_api
        .get(&format!("/api/v1/requests/3/messages/{message}"))
        .await
        .text;
    let plain = gpg.run(&["--decrypt"], &armored);
    for text in [
        "Subject: Phishing wave",
        "Please check the attached indicators.",
        "iocs.csv",
    ] {
        assert!(plain.contains(text), "{text} in {plain}");
    }
    assert!(
        !plain.contains("=0A"),
        "line breaks are not encoded: {plain}"
    );
    // A mail reader reads back exactly what was sent: Python's `email` package on GnuPG's output.
    let read_back = python_email(&plain);
    assert_eq!(read_back["subject"], "Phishing wave");
    assert_eq!(
        read_back["body"],
        BODY.replace('\n', "\r\n"),
        "text in MIME's canonical form"
    );
    assert_eq!(read_back["attachments"][0]["filename"], "iocs.csv");
    assert_eq!(
        read_back["attachments"][0]["data"],
        hex::encode("type,value\ndomain,login-gov.example\n")
    );
    let run = est(&["ack", "3"]);
    check(&run, 0, &["EST acknowledged"], "ack");
    let run = est(&["ack", "3"]);
    check(&run, 2, &["already acknowledged"], "a second ack");

    // Estonia replies with GnuPG, to the thread's key set.
    let run = est(&["keys", "set", "--request", "3"]);
    check(&run, 0, &[], "key set");
    assert_eq!(run.stdout.matches("BEGIN PGP PUBLIC KEY BLOCK").count(), 3);
    gpg.run(&["--import"], &run.stdout);
    let mut args = vec![
        "--armor".to_owned(),
        "--encrypt".to_owned(),
        "--trust-model".to_owned(),
        "always".to_owned(),
    ];
    args.extend(recipients_of(&gpg));
    let arg_refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let reply = gpg.run(
        &arg_refs,
        "Subject: Re: Phishing wave\n\nConfirmed on our networks too.\n",
    );
    let reply_file = files.path().join("reply.asc");
    std::fs::write(&reply_file, &reply).unwrap();
    let run = est(&["reply", "3", "--encrypted", reply_file.to_str().unwrap()]);
    check(&run, 0, &["message 2 of the thread"], "reply");
    // A GnuPG message to Estonia's key only is refused, naming Germany's missing key.
    let only_est = gpg.run(
        &[
            "--armor",
            "--encrypt",
            "--trust-model",
            "always",
            "--recipient",
            &gpg.fingerprint,
        ],
        "Only for us.\n",
    );
    let only_file = files.path().join("only.asc");
    std::fs::write(&only_file, &only_est).unwrap();
    let run = est(&["reply", "3", "--encrypted", only_file.to_str().unwrap()]);
    check(&run, 2, &["missing"], "a reply to part of the key set");

    // Germany reads the thread with its own key: its request and GnuPG's reply.
    let saved = files.path().join("saved");
    let run = deu(&["read", "3", "--save", saved.to_str().unwrap()]);
    check(
        &run,
        0,
        &[
            "Subject: Phishing wave",
            "Subject: Re: Phishing wave",
            "Confirmed on our networks too.",
            "attachment saved",
        ],
        "read",
    );
    assert_eq!(
        std::fs::read_to_string(saved.join("iocs.csv")).unwrap(),
        "type,value\ndomain,login-gov.example\n"
    );
    let run = deu(&["inbox"]);
    check(&run, 0, &["#3", "EST answered"], "inbox");
    // With a wrong passphrase the messages stay closed.
    let run = liaison_with(
        &["read", "3"],
        "",
        &[
            ("LIAISON_SERVER", server.as_str()),
            ("LIAISON_TOKEN", deu_token.as_str()),
            ("LIAISON_KEYRING", keyring_path.as_str()),
            ("LIAISON_KEY_PASSPHRASE", "wrong"),
        ],
    );
    // …and the read fails, naming the keys the messages are encrypted to and the keyring's.
    check(
        &run,
        1,
        &[
            "cannot be opened",
            "2 of 2 messages",
            "encrypted to key ID",
            "the passphrase in LIAISON_KEY_PASSPHRASE is wrong or missing",
        ],
        "wrong passphrase",
    );
    assert!(!run.stdout.contains("Please check"));

    // Germany's technical contact writes at the policy level: its own key is in the set, so it
    // reads what it sent (before, it was not, and the read said "missing key" and exited 0).
    let run = deu(&[
        "send",
        "--to",
        "EST",
        "--level",
        "policy",
        "--subject",
        "Policy consultation",
        "--body",
        "Request for consultation under CBM 3.",
    ]);
    check(
        &run,
        0,
        &["Sent request #4", "encrypted to 3 key(s)"],
        "send at the policy level",
    );
    let run = deu(&["read", "4"]);
    check(
        &run,
        0,
        &["Request for consultation under CBM 3."],
        "the sender reads its message",
    );
    let run = deu(&["close", "3"]);
    check(&run, 0, &["closed"], "close");
}

/// A decrypted MIME entity as Python's `email` package reads it: subject, body text and each
/// attachment's file name and bytes (hex).
fn python_email(mime: &str) -> serde_json::Value {
    const SCRIPT: &str = r#"
import email, email.policy, json, sys
message = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.default)
print(json.dumps({
    "subject": str(message["subject"]),
    "body": message.get_body(("plain",)).get_content(),
    "attachments": [
        {"filename": part.get_filename(), "data": part.get_content().hex()
            if isinstance(part.get_content(), bytes) else part.get_content().encode().hex()}
        for part in message.iter_attachments()
    ],
}))
"#;
    let mut command = Command::new("python3");
    command.args(["-c", SCRIPT]);
    let output = run_with_stdin(&mut command, mime);
    assert!(
        output.status.success(),
        "python3: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The demo's threads open with the demo's own secret keys, as the README walks through them:
/// Estonia's technical point of contact reads Germany's incident notification (request 1) and
/// its own answer, and saves the attachment, but cannot see a thread it is no party to; Italy's
/// policy level reads the urgent consultation it has left unacknowledged past its deadline
/// (request 2).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demos_threads_open_with_the_demos_secret_keys() {
    let app = liaison_testkit::spawn_app().await;
    let server = app.base.clone();
    let files = tempfile::tempdir().unwrap();
    let keys = concat!(env!("CARGO_MANIFEST_DIR"), "/../server/demo/keys");
    let as_user = |username: &str, secret_key: &str| {
        let run = liaison_with(
            &["login", "--server", &server, "--username", username],
            "liaison-demo-2026\n",
            &[],
        );
        assert_eq!(run.code, 0, "{run:?}");
        let token = run.stdout.trim().to_owned();
        let keyring = files.path().join(username);
        let env = [
            ("LIAISON_SERVER", server.clone()),
            ("LIAISON_TOKEN", token),
            ("LIAISON_KEYRING", keyring.to_str().unwrap().to_owned()),
            ("LIAISON_KEY_PASSPHRASE", "liaison-demo-2026".to_owned()),
        ];
        let run_as = move |args: &[&str]| {
            let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
            liaison_with(args, "", &env)
        };
        let run = run_as(&["keys", "import", &format!("{keys}/{secret_key}")]);
        check(&run, 0, &["Imported the key pair"], "import");
        run_as
    };

    let est = as_user("est.technical", "est-technical.secret.asc");
    let run = est(&["inbox"]);
    check(
        &run,
        0,
        &["#1", "DEU → EST answered", "incident-notification"],
        "inbox",
    );
    assert!(!run.stdout.contains("#2"), "{run:?}");
    let saved = files.path().join("attachments");
    let run = est(&["read", "1", "--save", saved.to_str().unwrap()]);
    check(
        &run,
        0,
        &[
            "Subject: Phishing wave against government mail accounts",
            "phishing wave against the mail accounts of federal ministries",
            "Subject: Re: Phishing wave against government mail accounts",
            "Both domains are now blocked nationally",
            "attachment saved",
        ],
        "read 1",
    );
    assert!(!run.stdout.contains("cannot be opened"), "{run:?}");
    assert!(
        std::fs::read_to_string(saved.join("iocs.csv"))
            .unwrap()
            .starts_with("type,value\ndomain,login-gov.example\n")
    );
    let run = est(&["read", "2"]);
    check(
        &run,
        2,
        &["no request with id 2"],
        "not a party to request 2",
    );

    let ita = as_user("ita.policy", "ita-policy.secret.asc");
    let run = ita(&["read", "2"]);
    check(
        &run,
        0,
        &[
            "DEU → ITA delivered (overdue, escalated to the policy level)",
            "urgent consultation",
            "Subject: Urgent consultation: outage of a shared satellite link",
            "consultations at the policy level within the day",
        ],
        "read 2",
    );
    assert!(!run.stdout.contains("cannot be opened"), "{run:?}");
}

/// Runs SQL on the database behind the application's back, as its owner could.
async fn behind_the_back(url: &str, statements: &[&str]) {
    let pool = sqlx::SqlitePool::connect(url).await.unwrap();
    for sql in statements {
        sqlx::query(sqlx::AssertSqlSafe(*sql))
            .execute(&pool)
            .await
            .unwrap();
    }
    pool.close().await;
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

/// The first log line `liaison serve` writes on standard error (piped, as a service manager
/// reads it), with `extra` arguments before the subcommand; the server is stopped then.
fn first_serve_log_line(operator: &Operator, extra: &[&str]) -> String {
    use std::io::BufRead;
    let mut command = Command::new(env!("CARGO_BIN_EXE_liaison"));
    for (key, _) in std::env::vars() {
        if key.starts_with("LIAISON_") {
            command.env_remove(key);
        }
    }
    let mut child = command
        .args(extra)
        .args(["serve", "--database", &operator.url])
        .env("LIAISON_LOG", "info")
        .env("LIAISON_LISTEN", "127.0.0.1:0")
        .env("LIAISON_JOBS", "false")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    // Waits for the event itself: the line that says the server listens.
    let line = std::io::BufReader::new(stderr)
        .lines()
        .map(Result::unwrap)
        .find(|line| line.contains("listening"));
    let _ = child.kill();
    let _ = child.wait();
    line.unwrap_or_else(|| panic!("liaison serve {extra:?} wrote no 'listening' line"))
}

#[test]
fn logs_carry_no_colour_codes_off_a_terminal_and_can_be_json() {
    let operator = Operator::migrated();
    let text = first_serve_log_line(&operator, &[]);
    assert!(!text.contains('\u{1b}'), "no ANSI escape in {text:?}");
    assert!(
        text.contains("INFO") && text.contains("Liaison is listening"),
        "{text}"
    );
    let json = first_serve_log_line(&operator, &["--log-format", "json"]);
    let parsed: serde_json::Value = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("not one JSON object per line: {json:?}: {e}"));
    assert_eq!(parsed["level"], "INFO");
    assert_eq!(parsed["fields"]["message"], "Liaison is listening");
    assert!(parsed["timestamp"].is_string());
    let bad = liaison(&["--log-format", "xml", "migrate"], "");
    check(&bad, 2, &["xml"], "an unknown log format");
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
    assert!(
        refused.json["detail"]
            .as_str()
            .unwrap()
            .contains("too complex")
    );
    // The server is as it was: its other documents still export.
    let (status, _, again) = fra
        .get_bytes("/api/v1/exchange/cycles/2026/submissions/DEU/export.pdf")
        .await;
    assert_eq!(status.as_u16(), 200);
    assert_eq!(again, pdf);
}
