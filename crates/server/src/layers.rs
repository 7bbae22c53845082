//! The architecture's invariants that can be checked mechanically (ARCHITECTURE.md), read from
//! the source tree: a handler that decides a permission or opens a transaction, SQL outside the
//! store, or I/O in the rules fails this test before it lands.

use std::path::{Path, PathBuf};

/// This file names what it bans, so it is not read.
const THIS_FILE: &str = "server/src/layers.rs";

/// The workspace's `crates/` folder.
fn crates() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("crates/server has a parent")
        .to_path_buf()
}

/// Every `.rs` file under `dir`, with its code lines (comments and doc comments left out).
fn sources(dir: &Path) -> Vec<(PathBuf, Vec<(usize, String)>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("a source folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with(THIS_FILE) {
                let text = std::fs::read_to_string(&path).expect("a source file");
                let lines = text
                    .lines()
                    .enumerate()
                    .filter(|(_, line)| !line.trim_start().starts_with("//"))
                    .map(|(i, line)| (i + 1, line.to_owned()))
                    .collect();
                out.push((path, lines));
            }
        }
    }
    assert!(!out.is_empty(), "no sources under {}", dir.display());
    out
}

/// The lines under `dir` that contain any of `banned`, named by file and line.
fn offences(dir: &Path, banned: &[&str], allowed: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, lines) in sources(dir) {
        for (number, line) in lines {
            if banned.iter().any(|b| line.contains(b)) && !allowed.iter().any(|a| line.contains(a))
            {
                found.push(format!("{}:{number}: {}", path.display(), line.trim()));
            }
        }
    }
    found
}

#[test]
fn handlers_decide_no_permission_and_open_no_transaction() {
    let banned = ["access::", "store.read(", "store.begin(", "liaison_store::"];
    // A wire enum of the sessions' kinds is named, not read.
    let allowed = ["use liaison_store::session::SessionKind;"];
    for layer in ["api", "web"] {
        let dir = crates().join("server/src").join(layer);
        let found = offences(&dir, &banned, &allowed);
        assert!(
            found.is_empty(),
            "handlers in {layer}/ must call an operation:\n{}",
            found.join("\n")
        );
    }
}

#[test]
fn the_api_and_the_pages_share_operations_not_each_other() {
    for (layer, other) in [("api", "crate::web"), ("web", "crate::api")] {
        let found = offences(&crates().join("server/src").join(layer), &[other], &[]);
        assert!(
            found.is_empty(),
            "{layer}/ reaches into {other}:\n{}",
            found.join("\n")
        );
    }
}

#[test]
fn only_the_store_speaks_sql() {
    for krate in ["types", "core", "server", "cli", "pdf"] {
        let found = offences(
            &crates().join(krate).join("src"),
            &["sqlx::", "use sqlx"],
            &[],
        );
        assert!(
            found.is_empty(),
            "SQL outside crates/store:\n{}",
            found.join("\n")
        );
    }
}

/// The store's functions over protected data that take no permit, and why each needs none.
const NO_PERMIT: &[(&str, &str)] = &[
    // Which State a contact is decides which permit the operation asks for.
    ("directory.rs", "state_of"),
    // Rendered Markdown, kept by the hash of its source text: only a holder of the text finds it.
    ("exchange.rs", "rendered"),
    ("exchange.rs", "insert_rendered"),
];

/// The names of the `pub async fn`s in `text` whose parameters name no permit.
fn without_permit(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices("pub async fn ") {
        let rest = &text[at + "pub async fn ".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let params = rest.split(" -> ").next().unwrap_or_default();
        if !params.contains("permit: &") {
            found.push(name);
        }
    }
    found
}

#[test]
fn the_store_reads_and_changes_protected_data_only_with_a_permit() {
    let store = crates().join("store/src");
    let mut found = Vec::new();
    for file in [
        "account.rs",
        "channel.rs",
        "checks.rs",
        "directory.rs",
        "exchange.rs",
    ] {
        let text = std::fs::read_to_string(store.join(file)).expect("a store module");
        for name in without_permit(&text) {
            if !NO_PERMIT.contains(&(file, name.as_str())) {
                found.push(format!("{file}: {name}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "store functions over protected data without a permit:\n{}",
        found.join("\n")
    );
    // Nor does the store take the system's permits for itself.
    let minted = offences(&store, &["access::system"], &[]);
    assert!(
        minted.is_empty(),
        "the store mints a permit:\n{}",
        minted.join("\n")
    );
}

#[test]
fn the_permit_check_finds_a_function_without_one() {
    let text = "pub async fn get(tx: &mut Tx, permit: &ReadContacts, id: i64) -> Result<()> {}\n\
                pub async fn sneak(\n    tx: &mut Tx,\n    id: i64,\n) -> Result<()> {}\n";
    assert_eq!(without_permit(text), vec!["sneak".to_owned()]);
}

#[test]
fn the_rules_do_no_io_and_take_their_randomness_as_an_argument() {
    let banned = [
        "tokio::",
        "reqwest::",
        "std::fs",
        "std::net",
        "rand::rng()",
        "thread_rng",
        "now_utc()",
    ];
    // The injected sources themselves: the system clock and the operating system's randomness.
    let allowed = ["OffsetDateTime::now_utc()", "StdRng::from_os_rng()"];
    let found = offences(&crates().join("core/src"), &banned, &allowed);
    assert!(
        found.is_empty(),
        "I/O in crates/core:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_finds_what_it_bans() {
    let dir = std::env::temp_dir().join(format!("liaison-layers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("handler.rs"),
        "// access:: in a comment is fine\nfn f() { access::edit_entry(a, s)?; }\n",
    )
    .unwrap();
    let found = offences(&dir, &["access::"], &[]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].ends_with("handler.rs:2: fn f() { access::edit_entry(a, s)?; }"));
}
