//! The `liaison` binary as an operator runs it: migration, accounts, directory import and export,
//! audit verification, and the exit codes of DESIGN.md §6 (0 success, 1 failure, 2 bad usage or
//! bad input). Each test works on its own SQLite database in a temporary folder.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

mod admin;
mod channel;
mod checks;
mod contract;
mod demo;
mod directory;
mod exchange;

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
