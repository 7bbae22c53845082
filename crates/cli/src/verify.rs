//! `liaison verify`: checks a server's directory against its transparency log without trusting
//! the server. It checks the latest signed tree head against the pinned log key, its
//! consistency with the last head this verifier saw (kept in a state file), and the inclusion
//! of every current contact it can read, whose served details must be what the leaf commits
//! to. `--monitor` also replays the whole log, rebuilds the tree and the directory from it and
//! compares them with what the API serves. Any inconsistency is reported loudly and ends with
//! exit code 1; the state file then keeps the last good head as evidence.

use crate::BadInput;
use crate::client::{Client, Session};
use anyhow::Context;
use clap::Args;
use liaison_core::transparency::head::{self, TreeHead};
use liaison_core::transparency::leaf::Leaf;
use liaison_core::transparency::merkle::{
    Hash, Subtrees, hash_from_hex, leaf_hash, verify_consistency, verify_inclusion,
};
use liaison_types::directory::{Contact, DirectoryStatus, StateEntry};
use liaison_types::transparency::{
    ConsistencyProof, ContactLeaf, InclusionProof, LogKeyInfo, LogLeaf, LogLeaves, SignedTreeHead,
    StateVerification, VerificationInput,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    session: Session,
    /// The log's Ed25519 public key (64 hex digits, from the server's Transparency page or a
    /// trusted channel). Needed the first time; then the state file holds it.
    #[arg(long, env = "LIAISON_LOG_KEY")]
    key: Option<String>,
    /// Where this verifier keeps the last tree head it verified.
    #[arg(long, default_value = "liaison-verify.json")]
    state: PathBuf,
    /// Also replay the whole log, rebuild the tree and the directory from it, and compare them
    /// with what the API serves.
    #[arg(long)]
    monitor: bool,
    /// When everything verifies, publish the verified tree head for your State (national
    /// coordinator).
    #[arg(long)]
    publish: bool,
}

/// What the verifier remembers between runs.
#[derive(Debug, Serialize, Deserialize)]
struct Saved {
    server: String,
    public_key: String,
    head: SignedTreeHead,
}

/// Inconsistencies found, printed as they are found.
struct Report {
    problems: Vec<String>,
}

impl Report {
    fn fail(&mut self, problem: String) {
        eprintln!("INCONSISTENT: {problem}");
        self.problems.push(problem);
    }
}

fn hash(text: &str, what: &str) -> Result<Hash, String> {
    hash_from_hex(text).ok_or_else(|| format!("{what} '{text}' is not a SHA-256 hash"))
}

fn hashes(list: &[String], what: &str) -> Result<Vec<Hash>, String> {
    list.iter().map(|h| hash(h, what)).collect()
}

fn load(path: &PathBuf) -> anyhow::Result<Option<Saved>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(serde_json::from_str(&text).map_err(|e| {
            BadInput(format!(
                "{} is not a state file of liaison verify: {e}",
                path.display()
            ))
        })?)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

fn save(path: &PathBuf, saved: &Saved) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(saved)?;
    let temp = path.with_extension("tmp");
    std::fs::write(&temp, text).with_context(|| format!("writing {}", temp.display()))?;
    std::fs::rename(&temp, path).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

/// Checks a signed head against the pinned key.
fn check_signature(signed: &SignedTreeHead, public_key: &str) -> Result<Hash, String> {
    let root = hash(&signed.root_hash, "the root hash")?;
    let tree_head = TreeHead::new(signed.tree_size, root, signed.timestamp);
    head::verify(&tree_head, &signed.signature, public_key)
        .map_err(|e| format!("tree head of size {}: {e}", signed.tree_size))?;
    Ok(root)
}

/// Checks one served contact: its leaf is in the tree of `signed` and says what is served.
async fn check_contact(
    client: &Client,
    contact: &Contact,
    signed: &SignedTreeHead,
    root: &Hash,
) -> anyhow::Result<Result<(), String>> {
    let found: ContactLeaf = match client
        .json(client.request(
            reqwest::Method::GET,
            &format!("/api/v1/transparency/contacts/{}", contact.id),
        ))
        .await
    {
        Ok(found) => found,
        // The server refuses to prove a contact it serves: that is an inconsistency.
        Err(error) if error.downcast_ref::<BadInput>().is_some() => {
            return Ok(Err(format!(
                "contact {} ({}) is served but the log gives no proof of it (if the directory changed during this run, run again): {error}",
                contact.id, contact.state
            )));
        }
        Err(error) => return Err(error),
    };
    let proof = if found.proof.tree_size == signed.tree_size {
        found.proof
    } else {
        // The log grew since the head was read: ask for the proof in the verified tree.
        let proof: InclusionProof = client
            .json(client.request(
                reqwest::Method::GET,
                &format!(
                    "/api/v1/transparency/proof/inclusion?index={}&tree_size={}",
                    found.leaf.index, signed.tree_size
                ),
            ))
            .await?;
        proof
    };
    Ok(
        leaf_in_tree(&found.leaf, &proof, signed.tree_size, root).and_then(|leaf| {
            let differ = leaf.differences(contact);
            if differ.is_empty() {
                Ok(())
            } else {
                Err(format!(
                    "contact {} ({}): what the directory serves differs from its leaf #{} in: {}",
                    contact.id,
                    contact.state,
                    found.leaf.index,
                    differ.join(", ")
                ))
            }
        }),
    )
}

/// Checks that a served leaf hashes as it says, reads as a leaf and is in the tree.
fn leaf_in_tree(
    served: &LogLeaf,
    proof: &InclusionProof,
    size: u64,
    root: &Hash,
) -> Result<Leaf, String> {
    let hash_of = leaf_hash(served.data.as_bytes());
    if hex::encode(hash_of) != served.leaf_hash {
        return Err(format!(
            "leaf #{}: its text does not hash to the hash served with it",
            served.index
        ));
    }
    let path = hashes(&proof.hashes, "a proof hash")?;
    verify_inclusion(&hash_of, served.index, size, &path, root).map_err(|e| {
        format!(
            "leaf #{} is not in the signed tree of size {size}: {e}",
            served.index
        )
    })?;
    Leaf::parse(&served.data).map_err(|e| format!("leaf #{}: {e}", served.index))
}

/// The contacts the caller can read, from every State's entry.
async fn served_contacts(client: &Client, retired: bool) -> anyhow::Result<Vec<Contact>> {
    let states: Vec<DirectoryStatus> = client
        .json(client.request(reqwest::Method::GET, "/api/v1/states"))
        .await?;
    let mut contacts = Vec::new();
    for status in states {
        let entry: StateEntry = client
            .json(client.request(
                reqwest::Method::GET,
                &format!(
                    "/api/v1/states/{}?include_retired={retired}",
                    status.state.code
                ),
            ))
            .await?;
        contacts.extend(entry.contacts);
    }
    Ok(contacts)
}

/// Replays every leaf up to `signed`, rebuilds the tree and the directory, and compares them
/// with the signed root and the contacts the API serves.
async fn monitor(
    client: &Client,
    served: &[Contact],
    signed: &SignedTreeHead,
    root: &Hash,
    report: &mut Report,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let mut tree = Subtrees::new();
    let mut rebuilt: BTreeMap<i64, Leaf> = BTreeMap::new();
    while tree.size() < signed.tree_size {
        let count = (signed.tree_size - tree.size()).min(1000);
        let page: LogLeaves = client
            .json(client.request(
                reqwest::Method::GET,
                &format!(
                    "/api/v1/transparency/leaves?start={}&count={count}",
                    tree.size()
                ),
            ))
            .await?;
        if page.leaves.is_empty() {
            report.fail(format!(
                "the log serves no leaf #{} although its signed tree has {}",
                tree.size(),
                signed.tree_size
            ));
            return Ok(());
        }
        for served in page.leaves {
            if served.index != tree.size() {
                report.fail(format!(
                    "the log serves leaf #{} where #{} comes",
                    served.index,
                    tree.size()
                ));
                return Ok(());
            }
            let hash_of = leaf_hash(served.data.as_bytes());
            if hex::encode(hash_of) != served.leaf_hash {
                report.fail(format!(
                    "leaf #{}: its text does not hash to the hash served with it",
                    served.index
                ));
            }
            match Leaf::parse(&served.data) {
                Ok(leaf) => {
                    let newer = rebuilt
                        .get(&leaf.contact_id)
                        .is_none_or(|known| leaf.version > known.version);
                    if newer {
                        rebuilt.insert(leaf.contact_id, leaf);
                    } else {
                        report.fail(format!(
                            "leaf #{}: contact {} version {} comes after a later or equal version",
                            served.index, leaf.contact_id, leaf.version
                        ));
                    }
                }
                Err(e) => report.fail(format!("leaf #{}: {e}", served.index)),
            }
            tree.append(hash_of);
            if tree.size() == signed.tree_size {
                break;
            }
        }
    }
    match tree.root(signed.tree_size) {
        Ok(rebuilt_root) if rebuilt_root == *root => {}
        _ => report.fail(format!(
            "the {} leaves served do not make the signed root: the log was rewritten",
            signed.tree_size
        )),
    }
    let mut readable = std::collections::BTreeSet::new();
    for contact in served {
        readable.insert(contact.state.clone());
        match rebuilt.get(&contact.id) {
            Some(leaf) => {
                let differ = leaf.differences(contact);
                if !differ.is_empty() {
                    report.fail(format!(
                        "contact {} ({}): the directory rebuilt from the log differs from the one served in: {}",
                        contact.id,
                        contact.state,
                        differ.join(", ")
                    ));
                }
            }
            None => report.fail(format!(
                "contact {} ({}) is served but is not in the log",
                contact.id, contact.state
            )),
        }
    }
    let served_ids: std::collections::BTreeSet<i64> = served.iter().map(|c| c.id).collect();
    for (id, leaf) in &rebuilt {
        if readable.contains(&leaf.state) && !served_ids.contains(id) {
            report.fail(format!(
                "contact {id} ({}) is in the log but the directory does not serve it",
                leaf.state
            ));
        }
    }
    writeln!(
        out,
        "Monitor: replayed {} leaves, rebuilt {} entries; compared {} served entries of {} States with them.",
        signed.tree_size,
        rebuilt.len(),
        served.len(),
        readable.len()
    )?;
    Ok(())
}

pub async fn run(args: VerifyArgs) -> anyhow::Result<ExitCode> {
    let client = Client::new(&args.session.server, Some(&args.session.token))?;
    let server = args.session.server.server.trim_end_matches('/').to_owned();
    let saved = load(&args.state)?;
    if let Some(saved) = &saved
        && saved.server != server
    {
        return Err(BadInput(format!(
            "{} holds the state of {}, not {server}: give another --state",
            args.state.display(),
            saved.server
        ))
        .into());
    }
    let pinned = match (&args.key, &saved) {
        (Some(key), _) => key.trim().to_ascii_lowercase(),
        (None, Some(saved)) => saved.public_key.clone(),
        (None, None) => {
            return Err(BadInput(
                "pin the log's key the first time with --key (the server's Transparency page shows it)"
                    .into(),
            )
            .into());
        }
    };
    if hash(&pinned, "the key").is_err() {
        return Err(BadInput("--key takes the log's public key: 64 hex digits".into()).into());
    }
    let mut out = std::io::stdout();
    let mut report = Report {
        problems: Vec::new(),
    };
    if let Some(saved) = &saved
        && saved.public_key != pinned
    {
        report.fail(format!(
            "--key {} is not the key pinned in {} ({})",
            head::key_id(&pinned),
            args.state.display(),
            head::key_id(&saved.public_key)
        ));
        return Ok(ExitCode::from(1));
    }
    let key: LogKeyInfo = client
        .json(client.request(reqwest::Method::GET, "/api/v1/transparency/key"))
        .await?;
    if key.public_key != pinned {
        report.fail(format!(
            "the server now presents log key {}, not the pinned key {}",
            key.key_id,
            head::key_id(&pinned)
        ));
    }
    let signed: SignedTreeHead = client
        .json(client.request(reqwest::Method::GET, "/api/v1/transparency/head"))
        .await?;
    let root = match check_signature(&signed, &pinned) {
        Ok(root) => root,
        Err(problem) => {
            report.fail(problem);
            return Ok(ExitCode::from(1));
        }
    };
    writeln!(
        out,
        "Signed tree head: size {}, root {}, {} (key {}): signature verified.",
        signed.tree_size,
        signed.root_hash,
        crate::client::rfc3339(signed.timestamp),
        head::key_id(&pinned)
    )?;
    if let Some(saved) = &saved {
        let old = &saved.head;
        let old_root = hash(&old.root_hash, "the saved root").map_err(BadInput)?;
        if signed.tree_size < old.tree_size {
            report.fail(format!(
                "the log went back from {} to {} leaves: entries were removed",
                old.tree_size, signed.tree_size
            ));
            eprintln!(
                "liaison verify: {} keeps the last good tree head.",
                args.state.display()
            );
            return Ok(ExitCode::from(1));
        } else if old.tree_size == 0 {
            writeln!(out, "Consistency: the last head seen was the empty tree.")?;
        } else if signed.tree_size == old.tree_size {
            if old_root != root {
                report.fail(format!(
                    "the tree of {} leaves has another root than when last verified: the log was rewritten",
                    old.tree_size
                ));
            } else {
                writeln!(
                    out,
                    "Consistency: unchanged since the last head seen (size {}).",
                    old.tree_size
                )?;
            }
        } else {
            let proof: ConsistencyProof = client
                .json(client.request(
                    reqwest::Method::GET,
                    &format!(
                        "/api/v1/transparency/proof/consistency?first={}&second={}",
                        old.tree_size, signed.tree_size
                    ),
                ))
                .await?;
            let verdict = hashes(&proof.hashes, "a proof hash").and_then(|path| {
                verify_consistency(old.tree_size, signed.tree_size, &old_root, &root, &path)
                    .map_err(|e| e.to_string())
            });
            match verdict {
                Ok(()) => writeln!(
                    out,
                    "Consistency: the tree of {} leaves extends the one of {} last seen.",
                    signed.tree_size, old.tree_size
                )?,
                Err(e) => report.fail(format!(
                    "the tree of {} leaves does not extend the one of {} last seen ({e}): history was rewritten",
                    signed.tree_size, old.tree_size
                )),
            }
        }
    } else {
        writeln!(
            out,
            "Consistency: first run; this head is the start of {}.",
            args.state.display()
        )?;
    }
    // Read once: the current contacts for inclusion, and with the retired ones for the monitor.
    let served = served_contacts(&client, args.monitor).await?;
    let contacts: Vec<&Contact> = served.iter().filter(|c| !c.retired).collect();
    let mut proven = 0usize;
    for contact in &contacts {
        match check_contact(&client, contact, &signed, &root).await? {
            Ok(()) => proven += 1,
            Err(problem) => report.fail(problem),
        }
    }
    writeln!(
        out,
        "Inclusion: {proven} of {} current contacts read are in the signed tree as served.",
        contacts.len()
    )?;
    if args.monitor {
        monitor(&client, &served, &signed, &root, &mut report, &mut out).await?;
    }
    if !report.problems.is_empty() {
        eprintln!(
            "liaison verify: {} inconsistencies; {} keeps the last good tree head.",
            report.problems.len(),
            args.state.display()
        );
        return Ok(ExitCode::from(1));
    }
    save(
        &args.state,
        &Saved {
            server,
            public_key: pinned,
            head: signed.clone(),
        },
    )?;
    writeln!(
        out,
        "Verified: the directory matches the log up to size {}.",
        signed.tree_size
    )?;
    if args.publish {
        let published: StateVerification = client
            .json(
                client
                    .request(reqwest::Method::POST, "/api/v1/transparency/verifications")
                    .json(&VerificationInput {
                        tree_size: signed.tree_size,
                        root_hash: signed.root_hash.clone(),
                    }),
            )
            .await?;
        writeln!(
            out,
            "Published: {} verified the tree head of size {}.",
            published.state, published.tree_size
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
