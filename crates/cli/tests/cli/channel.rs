//! The protected channel from the command line, interoperating with GnuPG both ways.

#[allow(clippy::wildcard_imports)]
use super::*;

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
