//! `liaison openapi`: the API's contract, and the copy committed at `docs/openapi.json`.

use super::liaison;

/// The committed document is what the binary publishes: every change to the contract shows in
/// review as a change of `docs/openapi.json` (docs/api.md says what may change within v1).
#[test]
fn the_committed_contract_is_the_one_the_server_publishes() {
    let run = liaison(&["openapi"], "");
    assert_eq!(run.code, 0, "{run:?}");
    let published: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(published["openapi"], "3.1.0");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/openapi.json");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == run.stdout,
        "docs/openapi.json is not the contract the server publishes; if the change is meant, \
         write it anew with `cargo run -p liaison -- openapi > docs/openapi.json` and say in \
         the commit what changed for clients"
    );
}
