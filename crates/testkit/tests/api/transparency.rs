//! The directory's transparency log through the API, on SQLite and PostgreSQL: every directory
//! change is a leaf under a signed tree head, the proofs verify with nothing but the RFC 9162
//! algorithms and the published key, bad requests are refused, States publish what they
//! verified, and the stored log refuses changes; tampering behind the triggers' back is found
//! by the audit verification.

use liaison_core::transparency::head::{self, TreeHead};
use liaison_core::transparency::leaf::Leaf;
use liaison_core::transparency::merkle::{
    Hash, hash_from_hex, leaf_hash, verify_consistency, verify_inclusion,
};
use liaison_store::Dialect;
use liaison_testkit::{ApiClient, Backend, TestApp, contact_body, on_every_backend, spawn_app_on};
use liaison_types::directory::{Change, Contact};
use liaison_types::transparency::{
    ConsistencyProof, ContactLeaf, LogKeyInfo, LogLeaves, SignedTreeHead, StateVerification,
};
use reqwest::StatusCode;
use serde_json::json;

fn hash(text: &str) -> Hash {
    hash_from_hex(text).unwrap()
}

fn hashes(list: &[String]) -> Vec<Hash> {
    list.iter().map(|h| hash(h)).collect()
}

/// The latest head, checked against the published key.
async fn signed_head(client: &ApiClient, key: &LogKeyInfo) -> SignedTreeHead {
    let answer = client.get("/api/v1/transparency/head").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    let signed: SignedTreeHead = answer.typed();
    let tree_head = TreeHead::new(signed.tree_size, hash(&signed.root_hash), signed.timestamp);
    head::verify(&tree_head, &signed.signature, &key.public_key).unwrap();
    assert_eq!(signed.key_id, key.key_id);
    signed
}

/// The contact's leaf, proven in the latest signed tree and describing the contact as served.
async fn proven_leaf(client: &ApiClient, id: i64, signed: &SignedTreeHead) -> Leaf {
    let answer = client
        .get(&format!("/api/v1/transparency/contacts/{id}"))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    let found: ContactLeaf = answer.typed();
    assert_eq!(found.head, *signed);
    let leaf_hash_of = leaf_hash(found.leaf.data.as_bytes());
    assert_eq!(hex::encode(leaf_hash_of), found.leaf.leaf_hash);
    verify_inclusion(
        &leaf_hash_of,
        found.leaf.index,
        signed.tree_size,
        &hashes(&found.proof.hashes),
        &hash(&signed.root_hash),
    )
    .unwrap();
    let contact: Contact = client.get(&format!("/api/v1/contacts/{id}")).await.typed();
    let leaf = Leaf::parse(&found.leaf.data).unwrap();
    assert!(
        leaf.differences(&contact).is_empty(),
        "{:?}",
        leaf.differences(&contact)
    );
    leaf
}

#[tokio::test]
async fn every_directory_change_is_a_leaf_under_a_signed_head() {
    on_every_backend(async |backend| {
        let app = spawn_app_on(backend).await;
        let deu = app.login("deu.coordinator").await;
        let key: LogKeyInfo = deu.get("/api/v1/transparency/key").await.typed();
        assert_eq!(key.algorithm, "ed25519");
        let first = signed_head(&deu, &key).await;
        assert!(first.tree_size > 0, "the demo's directory is in the log");

        // Created, changed, key registered, retired: one leaf each, each under a new head.
        let created = deu
            .post(
                "/api/v1/states/DEU/contacts",
                &contact_body(
                    "technical",
                    "Log officer",
                    "log@demo-de.example",
                    "2027-01-10",
                ),
            )
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
        let id = created.json["id"].as_i64().unwrap();
        let after_create = signed_head(&deu, &key).await;
        assert_eq!(after_create.tree_size, first.tree_size + 1);
        assert_eq!(
            proven_leaf(&deu, id, &after_create).await.change,
            Change::Created
        );

        let changed = deu
            .put(
                &format!("/api/v1/contacts/{id}"),
                &contact_body(
                    "technical",
                    "Log officer",
                    "log2@demo-de.example",
                    "2027-01-12",
                ),
            )
            .await;
        assert_eq!(changed.status, StatusCode::OK, "{}", changed.text);
        let armored =
            include_str!("../../../core/tests/fixtures/keys/valid-ed25519.asc").to_owned();
        let keyed = deu
            .put(
                &format!("/api/v1/contacts/{id}/key"),
                &json!({ "armored": armored, "effective_on": "2027-01-15" }),
            )
            .await;
        assert_eq!(keyed.status, StatusCode::OK, "{}", keyed.text);
        let after_key = signed_head(&deu, &key).await;
        let leaf = proven_leaf(&deu, id, &after_key).await;
        assert_eq!(leaf.change, Change::Key);
        assert_eq!(
            leaf.key.as_deref(),
            keyed.json["key"]["fingerprint"].as_str(),
            "the key's fingerprint is in clear in the log"
        );

        // Confirming the entry records every active contact of the State again.
        let contacts = deu.entry("DEU").await.contacts.len() as u64;
        let confirmed = deu.post("/api/v1/states/DEU/confirm", &json!({})).await;
        assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.text);
        let retired = deu
            .post(
                &format!("/api/v1/contacts/{id}/retire"),
                &json!({ "effective_on": "2027-01-15" }),
            )
            .await;
        assert_eq!(retired.status, StatusCode::OK, "{}", retired.text);
        let last = signed_head(&deu, &key).await;
        assert_eq!(last.tree_size, after_key.tree_size + contacts + 1);
        assert_eq!(proven_leaf(&deu, id, &last).await.change, Change::Retired);
        assert!(last.timestamp >= first.timestamp);

        // The leaves in a range, in order, and consistency between any two signed sizes.
        let page: LogLeaves = serde_json::from_value(
            deu.get(&format!(
                "/api/v1/transparency/leaves?start={}&count=3",
                first.tree_size
            ))
            .await
            .json,
        )
        .unwrap();
        let changes: Vec<Change> = page
            .leaves
            .iter()
            .map(|l| Leaf::parse(&l.data).unwrap().change)
            .collect();
        assert_eq!(changes, [Change::Created, Change::Changed, Change::Key]);
        assert_eq!(page.leaves[0].index, first.tree_size);
        for old in [&first, &after_create, &after_key] {
            let proof: ConsistencyProof = serde_json::from_value(
                deu.get(&format!(
                    "/api/v1/transparency/proof/consistency?first={}&second={}",
                    old.tree_size, last.tree_size
                ))
                .await
                .json,
            )
            .unwrap();
            verify_consistency(
                old.tree_size,
                last.tree_size,
                &hash(&old.root_hash),
                &hash(&last.root_hash),
                &hashes(&proof.hashes),
            )
            .unwrap();
        }
        let heads = deu.get("/api/v1/transparency/heads?limit=2").await;
        assert_eq!(heads.json[0]["tree_size"], last.tree_size);
        assert_eq!(heads.json[1]["tree_size"], last.tree_size - 1);

        // The server's own check agrees: a head for every size, including the empty tree.
        let auditor = app.login("auditor").await;
        let check = auditor.get("/api/v1/audit/verify").await.json;
        assert_eq!(check["transparency"]["intact"], true, "{check}");
        assert_eq!(check["transparency"]["leaves"], last.tree_size);
        assert_eq!(check["transparency"]["heads"], last.tree_size + 1);
    })
    .await;
}

#[tokio::test]
async fn bad_requests_of_the_log_are_refused_with_a_problem() {
    let app = spawn_app_on(Backend::Sqlite).await;
    let observer = app.login("observer").await;
    let size = observer.get("/api/v1/transparency/head").await.json["tree_size"]
        .as_u64()
        .unwrap();
    for (path, status, field) in [
        (
            format!(
                "/api/v1/transparency/proof/inclusion?index=0&tree_size={}",
                size + 1
            ),
            422,
            Some("size"),
        ),
        (
            format!("/api/v1/transparency/proof/inclusion?index={size}&tree_size={size}"),
            422,
            Some("index"),
        ),
        (
            "/api/v1/transparency/proof/inclusion?index=x&tree_size=1".to_owned(),
            400,
            None,
        ),
        (
            "/api/v1/transparency/proof/consistency?first=0&second=1".to_owned(),
            422,
            Some("size"),
        ),
        (
            "/api/v1/transparency/proof/consistency?first=3&second=2".to_owned(),
            422,
            Some("size"),
        ),
        (
            "/api/v1/transparency/leaves?start=0&count=0".to_owned(),
            422,
            Some("count"),
        ),
        (
            "/api/v1/transparency/leaves?start=0&count=1001".to_owned(),
            422,
            Some("count"),
        ),
        ("/api/v1/transparency/contacts/999999".to_owned(), 404, None),
    ] {
        let answer = observer.get(&path).await;
        assert_eq!(answer.status.as_u16(), status, "{path}: {}", answer.text);
        assert!(
            answer.content_type.starts_with("application/problem+json"),
            "{path}"
        );
        if let Some(field) = field {
            assert!(
                answer.problem().errors.contains_key(field),
                "{path}: {}",
                answer.text
            );
        }
    }
    // Past the end, the leaves are simply fewer.
    let tail = observer
        .get(&format!("/api/v1/transparency/leaves?start={}", size - 1))
        .await;
    assert_eq!(tail.json["leaves"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_coordinator_publishes_the_head_its_state_verified() {
    let app = spawn_app_on(Backend::Sqlite).await;
    let deu = app.login("deu.coordinator").await;
    let signed: SignedTreeHead = deu.get("/api/v1/transparency/head").await.typed();
    let wrong_root = hex::encode([7u8; 32]);
    for (body, field) in [
        (
            json!({ "tree_size": signed.tree_size, "root_hash": wrong_root }),
            "root_hash",
        ),
        (
            json!({ "tree_size": signed.tree_size + 1000, "root_hash": signed.root_hash }),
            "tree_size",
        ),
        (
            json!({ "tree_size": signed.tree_size, "root_hash": "not hex" }),
            "root_hash",
        ),
    ] {
        let refused = deu.post("/api/v1/transparency/verifications", &body).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            refused.problem().errors.contains_key(field),
            "{}",
            refused.text
        );
    }
    let none = deu.get("/api/v1/transparency/verifications").await;
    assert_eq!(
        none.json,
        json!([]),
        "a refused publication records nothing"
    );
    let policy = app.login("deu.policy").await;
    let body = json!({ "tree_size": signed.tree_size, "root_hash": signed.root_hash });
    let forbidden = policy
        .post("/api/v1/transparency/verifications", &body)
        .await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);

    let published = deu.post("/api/v1/transparency/verifications", &body).await;
    assert_eq!(published.status, StatusCode::CREATED, "{}", published.text);
    let listed: Vec<StateVerification> = serde_json::from_value(
        app.login("observer")
            .await
            .get("/api/v1/transparency/verifications")
            .await
            .json,
    )
    .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].state.as_str(), "DEU");
    assert_eq!(listed[0].tree_size, signed.tree_size);
    assert_eq!(listed[0].recorded_by, "deu.coordinator");
    let audit = app
        .login("auditor")
        .await
        .get("/api/v1/audit?limit=5")
        .await;
    assert!(
        audit.text.contains("transparency.head-verified"),
        "{}",
        audit.text
    );
}

async fn execute(app: &TestApp, sql: &str) -> Result<u64, String> {
    let mut tx = app.store.begin().await.unwrap();
    match sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
        .execute(&mut *tx)
        .await
    {
        Ok(done) => {
            liaison_store::commit(tx).await.unwrap();
            Ok(done.rows_affected())
        }
        Err(e) => Err(e.to_string()),
    }
}

/// What the database's owner could do: remove the guard of a table.
async fn drop_guard(app: &TestApp, table: &str) {
    let statements = match app.store.dialect() {
        Dialect::Sqlite => vec![
            format!("DROP TRIGGER transparency_{table}_no_update"),
            format!("DROP TRIGGER transparency_{table}_no_delete"),
        ],
        Dialect::Postgres => vec![format!(
            "DROP TRIGGER transparency_{table}_no_change ON transparency_{table}"
        )],
    };
    for sql in statements {
        execute(app, &sql).await.unwrap();
    }
}

async fn log_check(app: &TestApp) -> serde_json::Value {
    let answer = app.login("auditor").await.get("/api/v1/audit/verify").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    answer.json["transparency"].clone()
}

#[tokio::test]
async fn the_stored_log_refuses_changes_and_tampering_behind_its_back_is_found() {
    on_every_backend(async |backend| {
        let app = spawn_app_on(backend).await;
        for sql in [
            "UPDATE transparency_leaves SET data = 'x' WHERE idx = 0",
            "DELETE FROM transparency_leaves WHERE idx = 0",
            "UPDATE transparency_nodes SET hash = 'x' WHERE level = 0 AND idx = 0",
            "DELETE FROM transparency_nodes WHERE level = 0 AND idx = 0",
            "UPDATE transparency_heads SET root = 'x' WHERE size = 1",
            "DELETE FROM transparency_heads WHERE size = 1",
            "UPDATE transparency_keys SET secret_key = 'x'",
            "DELETE FROM transparency_keys",
        ] {
            assert!(
                execute(&app, sql).await.is_err(),
                "{backend:?}: the store accepted {sql}"
            );
        }
        assert_eq!(log_check(&app).await["intact"], true);

        // A leaf's text is edited (the contact's email said to be another's): found.
        drop_guard(&app, "leaves").await;
        let edited = execute(
            &app,
            "UPDATE transparency_leaves SET data = REPLACE(data, 'version 1', 'version 7') WHERE idx = 2",
        )
        .await
        .unwrap();
        assert_eq!(edited, 1);
        let check = log_check(&app).await;
        assert_eq!(check["intact"], false, "{check}");
        let problems = check["problems"].to_string();
        assert!(
            problems.contains("leaf 2: its text does not hash"),
            "{problems}"
        );

        // The latest tree head is removed (the log rolled back): found too.
        let size = check["leaves"].as_u64().unwrap();
        drop_guard(&app, "heads").await;
        let removed = execute(
            &app,
            &format!("DELETE FROM transparency_heads WHERE size = {size}"),
        )
        .await
        .unwrap();
        assert_eq!(removed, 1);
        let problems = log_check(&app).await["problems"].to_string();
        assert!(
            problems.contains(&format!(
                "the tree heads of sizes {size} to {size} are missing"
            )),
            "{problems}"
        );
        // The audit chain itself is untouched.
        let chain = app
            .login("auditor")
            .await
            .get("/api/v1/audit/verify")
            .await
            .json;
        assert_eq!(chain["intact"], true);
    })
    .await;
}

#[tokio::test]
async fn a_directory_from_before_the_log_is_logged_at_start() {
    use liaison_core::clock::Clock;
    let app = spawn_app_on(Backend::Sqlite).await;
    let before = log_check(&app).await["leaves"].as_u64().unwrap();
    // A version stored the way a database from before the log holds it: without its leaf.
    let details: liaison_types::directory::ContactDetails = serde_json::from_value(contact_body(
        "policy",
        "Older entry",
        "older@demo-de.example",
        "2027-01-10",
    ))
    .unwrap();
    let state = {
        let mut tx = app.store.read().await.unwrap();
        liaison_store::state::get(
            &mut tx,
            &liaison_types::state::StateCode::parse("DEU").unwrap(),
        )
        .await
        .unwrap()
        .unwrap()
    };
    let mut tx = app.store.begin().await.unwrap();
    let id = liaison_store::directory::create(
        &mut tx,
        &liaison_core::access::system::edit_entry(&state),
        &liaison_store::directory::NewVersion {
            change: Change::Created,
            kind: liaison_types::directory::ContactKind::Poc {
                level: liaison_types::directory::Level::Policy,
            },
            details: &details,
            key: None,
            effective_on: time::macros::date!(2027 - 01 - 10),
            recorded_at: app.clock.now(),
            recorded_by: "migration",
            notified_late: false,
        },
    )
    .await
    .unwrap();
    liaison_store::commit(tx).await.unwrap();
    let check = log_check(&app).await;
    assert_eq!(check["intact"], false);
    assert!(
        check["problems"]
            .to_string()
            .contains(&format!("contact {id} version 1 has no leaf")),
        "{check}"
    );

    liaison_server::ops::transparency::ensure(&app.state.ctx("start"))
        .await
        .unwrap();
    let check = log_check(&app).await;
    assert_eq!(check["intact"], true, "{check}");
    assert_eq!(check["leaves"].as_u64().unwrap(), before + 1);
    let deu = app.login("deu.coordinator").await;
    let key: LogKeyInfo = deu.get("/api/v1/transparency/key").await.typed();
    let signed = signed_head(&deu, &key).await;
    assert_eq!(proven_leaf(&deu, id, &signed).await.change, Change::Created);
}
