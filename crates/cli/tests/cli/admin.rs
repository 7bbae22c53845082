//! The operator's commands: migration, accounts, bad usage, and the logs.

#[allow(clippy::wildcard_imports)]
use super::*;

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
