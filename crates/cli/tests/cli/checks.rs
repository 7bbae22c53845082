//! Communication checks answered from the command line, with GnuPG on the other side.

#[allow(clippy::wildcard_imports)]
use super::*;

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
        include_str!("../../../core/tests/fixtures/keys/secret.asc"),
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
