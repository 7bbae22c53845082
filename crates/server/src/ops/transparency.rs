//! The directory's transparency log (CBM 8, 13): appending a leaf and signing the new tree head
//! inside every directory change's transaction, the log's key, proofs for its readers, the tree
//! heads States publish as verified, and the server's own check of the stored log.

use super::Ctx;
use crate::error::{AppError, AppResult};
use liaison_core::access::{self, Actor, ReadLog};
use liaison_core::audit::AuditEvent;
use liaison_core::transparency::head::{self, LogKey, TreeHead};
use liaison_core::transparency::leaf::Leaf;
use liaison_core::transparency::merkle::{
    self, Hash, ProofError, Subtrees, hash_from_hex, leaf_hash,
};
use liaison_store::Tx;
use liaison_store::transparency::{StoredHead, StoredKey, StoredLeaf};
use liaison_types::directory::{Change, Contact, ContactVersion};
use liaison_types::state::StateCode;
use liaison_types::transparency::{
    ConsistencyProof, ContactLeaf, InclusionProof, LogCheck, LogKeyInfo, LogLeaf, LogLeaves,
    SignedTreeHead, StateVerification, VerificationInput,
};
use std::collections::HashMap;

/// The most leaves one call of [`leaves`] returns.
pub const MAX_LEAVES: u64 = 1000;

fn internal(error: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("transparency log: {error}"))
}

fn parse_hash(field: &str, text: &str) -> AppResult<Hash> {
    hash_from_hex(text.trim())
        .ok_or_else(|| AppError::validation(field, "expected a SHA-256 hash: 64 hex digits"))
}

/// The log's key, made and stored (and audited) the first time it is needed.
async fn signing_key(ctx: &Ctx, tx: &mut Tx) -> AppResult<LogKey> {
    let permit = access::system::log();
    if let Some(stored) = liaison_store::transparency::key(tx, &permit).await? {
        return LogKey::from_secret_hex(&stored.secret_key).map_err(internal);
    }
    let key = LogKey::generate();
    let stored = StoredKey {
        public_key: key.public_hex(),
        secret_key: key.secret_hex(),
        created_at: ctx.clock.now(),
    };
    if !liaison_store::transparency::insert_key(tx, &stored).await? {
        return Err(internal("the key was made by another process meanwhile"));
    }
    ctx.audit(
        tx,
        &Actor::system(),
        AuditEvent::LogKeyCreated {
            key_id: head::key_id(&stored.public_key),
            public_key: stored.public_key.clone(),
        },
    )
    .await?;
    // A new log starts with the signed head of the empty tree.
    sign_head(ctx, tx, &key, 0, merkle::empty_root()).await?;
    Ok(key)
}

/// Signs and stores the head of the tree of `size` leaves whose root is `root`. Head times
/// never go backwards, even when the clock does.
async fn sign_head(ctx: &Ctx, tx: &mut Tx, key: &LogKey, size: u64, root: Hash) -> AppResult<()> {
    let permit = access::system::log();
    let mut at = ctx.clock.now();
    if let Some(last) = liaison_store::transparency::latest_head(tx, &permit).await? {
        at = at.max(last.signed_at);
    }
    let tree_head = TreeHead::new(size, root, at);
    let signature = key.sign(&tree_head).map_err(internal)?;
    liaison_store::transparency::insert_head(
        tx,
        &StoredHead {
            size,
            root: hex::encode(root),
            signed_at: tree_head.timestamp,
            signature,
        },
    )
    .await?;
    Ok(())
}

/// Appends the leaf of a contact's current version (made by `change`) and signs the new tree
/// head, inside the transaction of the directory change: the change and its leaf are stored
/// together or not at all.
pub(crate) async fn append(
    ctx: &Ctx,
    tx: &mut Tx,
    contact: &Contact,
    change: Change,
) -> AppResult<()> {
    let leaf = Leaf::of_contact(contact, change);
    append_leaf(ctx, tx, &leaf).await
}

/// Appends the leaf of a version just recorded (in effect now or scheduled for later: the log
/// records what was recorded, when it was).
pub(crate) async fn append_version(
    ctx: &Ctx,
    tx: &mut Tx,
    state: &StateCode,
    version: &ContactVersion,
) -> AppResult<()> {
    let leaf = Leaf::of_version(state, version);
    append_leaf(ctx, tx, &leaf).await
}

async fn append_leaf(ctx: &Ctx, tx: &mut Tx, leaf: &Leaf) -> AppResult<()> {
    let permit = access::system::log();
    let key = signing_key(ctx, tx).await?;
    let size = liaison_store::transparency::size(tx, &permit).await?;
    let data = leaf.encode();
    let hash = leaf_hash(data.as_bytes());
    let mut nodes =
        liaison_store::transparency::nodes(tx, &permit, &merkle::needed_for_append(size)).await?;
    let added = merkle::append(&nodes, size, hash).map_err(internal)?;
    liaison_store::transparency::append(
        tx,
        &StoredLeaf {
            index: size,
            contact_id: leaf.contact_id,
            version: leaf.version,
            state: leaf.state.clone(),
            data,
            hash: hex::encode(hash),
            appended_at: ctx.clock.now(),
        },
        &added,
    )
    .await?;
    for node in added {
        nodes.0.insert((node.level, node.index), node.hash);
    }
    let missing: Vec<(u32, u64)> = merkle::needed_for_root(size + 1)
        .into_iter()
        .filter(|at| !nodes.0.contains_key(at))
        .collect();
    nodes.0.extend(
        liaison_store::transparency::nodes(tx, &permit, &missing)
            .await?
            .0,
    );
    let root = merkle::root(&nodes, size + 1).map_err(internal)?;
    sign_head(ctx, tx, &key, size + 1, root).await
}

/// At start: makes the key (and signs the empty tree) if there is none, and appends the leaves
/// of versions recorded before the log existed.
pub async fn ensure(ctx: &Ctx) -> AppResult<()> {
    let permit = access::system::log();
    let mut tx = ctx.store.begin().await?;
    signing_key(ctx, &mut tx).await?;
    let missing = liaison_store::transparency::versions_without_leaf(&mut tx, &permit).await?;
    for (state, version) in &missing {
        append_leaf(ctx, &mut tx, &Leaf::of_version(state, version)).await?;
    }
    if !missing.is_empty() {
        tracing::info!(
            leaves = missing.len(),
            "transparency log: appended the directory's earlier versions"
        );
    }
    liaison_store::commit(tx).await?;
    Ok(())
}

fn wire_head(stored: &StoredHead, key_id: &str) -> SignedTreeHead {
    SignedTreeHead {
        tree_size: stored.size,
        root_hash: stored.root.clone(),
        timestamp: stored.signed_at,
        signature: stored.signature.clone(),
        key_id: key_id.to_owned(),
    }
}

fn wire_leaf(stored: StoredLeaf) -> LogLeaf {
    LogLeaf {
        index: stored.index,
        contact_id: stored.contact_id,
        state: stored.state,
        version: stored.version,
        data: stored.data,
        leaf_hash: stored.hash,
        appended_at: stored.appended_at,
    }
}

fn hexes(hashes: Vec<Hash>) -> Vec<String> {
    hashes.into_iter().map(hex::encode).collect()
}

async fn stored_key(tx: &mut Tx, permit: &ReadLog) -> AppResult<StoredKey> {
    liaison_store::transparency::key(tx, permit)
        .await?
        .ok_or_else(|| AppError::NotFound("the transparency log has no key yet".into()))
}

fn key_info(stored: StoredKey) -> LogKeyInfo {
    LogKeyInfo {
        algorithm: "ed25519".into(),
        key_id: head::key_id(&stored.public_key),
        public_key: stored.public_key,
        created_at: stored.created_at,
    }
}

/// The log's public key.
pub async fn key(ctx: &Ctx, actor: &Actor) -> AppResult<LogKeyInfo> {
    let permit = access::read_log(actor)?;
    let mut tx = ctx.store.read().await?;
    Ok(key_info(stored_key(&mut tx, &permit).await?))
}

/// The latest head, marked with the id of the key that signed it.
async fn latest_signed_by(
    tx: &mut Tx,
    permit: &ReadLog,
    key_id: &str,
) -> AppResult<SignedTreeHead> {
    let latest = liaison_store::transparency::latest_head(tx, permit)
        .await?
        .ok_or_else(|| {
            AppError::NotFound("the transparency log has signed no tree head yet".into())
        })?;
    Ok(wire_head(&latest, key_id))
}

async fn latest_in(tx: &mut Tx, permit: &ReadLog) -> AppResult<SignedTreeHead> {
    let key = stored_key(tx, permit).await?;
    latest_signed_by(tx, permit, &head::key_id(&key.public_key)).await
}

/// The latest signed tree head.
pub async fn latest(ctx: &Ctx, actor: &Actor) -> AppResult<SignedTreeHead> {
    let permit = access::read_log(actor)?;
    let mut tx = ctx.store.read().await?;
    latest_in(&mut tx, &permit).await
}

/// Signed tree heads, newest first, of size at most `before` (all when `None`).
pub async fn heads(
    ctx: &Ctx,
    actor: &Actor,
    before: Option<u64>,
    limit: i64,
) -> AppResult<Vec<SignedTreeHead>> {
    let permit = access::read_log(actor)?;
    let limit = super::page_limit(limit)?;
    let mut tx = ctx.store.read().await?;
    let key = stored_key(&mut tx, &permit).await?;
    let key_id = head::key_id(&key.public_key);
    let heads = liaison_store::transparency::heads(
        &mut tx,
        &permit,
        before.unwrap_or(u64::MAX >> 1),
        limit,
        true,
    )
    .await?;
    Ok(heads.iter().map(|h| wire_head(h, &key_id)).collect())
}

/// The proof problem as the caller's mistake.
fn refused(error: ProofError) -> AppError {
    match error {
        ProofError::MissingNode { .. } => internal(error),
        ProofError::NoSuchLeaf { .. } => AppError::validation("index", error.to_string()),
        _ => AppError::validation("size", error.to_string()),
    }
}

async fn signed_size(tx: &mut Tx, permit: &ReadLog) -> AppResult<u64> {
    Ok(liaison_store::transparency::latest_head(tx, permit)
        .await?
        .map_or(0, |h| h.size))
}

fn within(size: u64, signed: u64) -> AppResult<()> {
    if size > signed {
        Err(refused(ProofError::TooLarge {
            asked: size,
            have: signed,
        }))
    } else {
        Ok(())
    }
}

/// The inclusion proof's hashes, from the stored nodes it needs.
async fn inclusion_path(
    tx: &mut Tx,
    permit: &ReadLog,
    index: u64,
    size: u64,
) -> AppResult<Vec<Hash>> {
    let needed = merkle::needed_for_inclusion(index, size).map_err(refused)?;
    let nodes = liaison_store::transparency::nodes(tx, permit, &needed).await?;
    merkle::inclusion_proof(&nodes, index, size).map_err(refused)
}

async fn inclusion_in(
    tx: &mut Tx,
    permit: &ReadLog,
    index: u64,
    size: u64,
) -> AppResult<InclusionProof> {
    Ok(InclusionProof {
        leaf_index: index,
        tree_size: size,
        hashes: hexes(inclusion_path(tx, permit, index, size).await?),
    })
}

/// The inclusion proof of leaf `index` in the signed tree of `size` leaves.
pub async fn inclusion(
    ctx: &Ctx,
    actor: &Actor,
    index: u64,
    size: u64,
) -> AppResult<InclusionProof> {
    let permit = access::read_log(actor)?;
    let mut tx = ctx.store.read().await?;
    within(size, signed_size(&mut tx, &permit).await?)?;
    inclusion_in(&mut tx, &permit, index, size).await
}

/// The consistency proof from the signed tree of `first` leaves to that of `second`.
pub async fn consistency(
    ctx: &Ctx,
    actor: &Actor,
    first: u64,
    second: u64,
) -> AppResult<ConsistencyProof> {
    let permit = access::read_log(actor)?;
    let mut tx = ctx.store.read().await?;
    within(second, signed_size(&mut tx, &permit).await?)?;
    let needed = merkle::needed_for_consistency(first, second).map_err(refused)?;
    let nodes = liaison_store::transparency::nodes(&mut tx, &permit, &needed).await?;
    let hashes = merkle::consistency_proof(&nodes, first, second).map_err(refused)?;
    Ok(ConsistencyProof {
        first,
        second,
        hashes: hexes(hashes),
    })
}

/// The leaves from `start` on, at most [`MAX_LEAVES`] (fewer at the end of the log).
pub async fn leaves(ctx: &Ctx, actor: &Actor, start: u64, count: u64) -> AppResult<LogLeaves> {
    let permit = access::read_log(actor)?;
    if count == 0 || count > MAX_LEAVES {
        return Err(AppError::validation(
            "count",
            format!("ask for 1 to {MAX_LEAVES} leaves"),
        ));
    }
    let mut tx = ctx.store.read().await?;
    let leaves =
        liaison_store::transparency::leaves(&mut tx, &permit, start, start.saturating_add(count))
            .await?;
    Ok(LogLeaves {
        start,
        leaves: leaves.into_iter().map(wire_leaf).collect(),
    })
}

/// The leaf of a contact's current version with its inclusion proof in the latest signed tree.
pub async fn contact_leaf(ctx: &Ctx, actor: &Actor, contact_id: i64) -> AppResult<ContactLeaf> {
    let permit = access::read_log(actor)?;
    let mut tx = ctx.store.read().await?;
    let leaf =
        liaison_store::transparency::current_leaf(&mut tx, &permit, contact_id, ctx.clock.today())
            .await?
            .ok_or_else(|| {
                AppError::NotFound(format!("no contact with id {contact_id} in the log"))
            })?;
    let head = latest_in(&mut tx, &permit).await?;
    if leaf.index >= head.tree_size {
        return Err(AppError::Conflict(format!(
            "the leaf of contact {contact_id} is not in the latest signed tree head"
        )));
    }
    let proof = inclusion_in(&mut tx, &permit, leaf.index, head.tree_size).await?;
    Ok(ContactLeaf {
        leaf: wire_leaf(leaf),
        proof,
        head,
    })
}

/// Records that the caller's State verified the tree head of `input.tree_size` leaves. Only a
/// head the log signed, with its root, can be published.
pub async fn publish(
    ctx: &Ctx,
    actor: &Actor,
    input: &VerificationInput,
) -> AppResult<StateVerification> {
    let permit = access::publish_verification(actor)?;
    let root = parse_hash("root_hash", &input.root_hash)?;
    let mut tx = ctx.store.begin().await?;
    let read = access::system::log();
    let signed = liaison_store::transparency::head(&mut tx, &read, input.tree_size)
        .await?
        .ok_or_else(|| {
            AppError::validation("tree_size", "the log signed no tree head of this size")
        })?;
    if signed.root != hex::encode(root) {
        return Err(AppError::validation(
            "root_hash",
            "this is not the root of the tree head the log signed for this size",
        ));
    }
    let now = ctx.clock.now();
    liaison_store::transparency::insert_verification(
        &mut tx,
        &permit,
        signed.size,
        &signed.root,
        &actor.username,
        now,
    )
    .await?;
    ctx.audit(
        &mut tx,
        actor,
        AuditEvent::TreeHeadVerified {
            state: permit.state().to_string(),
            size: signed.size,
            root: signed.root.clone(),
        },
    )
    .await?;
    liaison_store::commit(tx).await?;
    Ok(StateVerification {
        state: permit.state().clone(),
        tree_size: signed.size,
        root_hash: signed.root,
        recorded_by: actor.username.clone(),
        recorded_at: now,
    })
}

/// Each State's latest published verification.
pub async fn verifications(ctx: &Ctx, actor: &Actor) -> AppResult<Vec<StateVerification>> {
    let permit = access::read_log(actor)?;
    let mut tx = ctx.store.read().await?;
    verifications_in(&mut tx, &permit).await
}

async fn verifications_in(tx: &mut Tx, permit: &ReadLog) -> AppResult<Vec<StateVerification>> {
    let stored = liaison_store::transparency::verifications(tx, permit).await?;
    Ok(stored
        .into_iter()
        .map(|v| StateVerification {
            state: v.state,
            tree_size: v.size,
            root_hash: v.root,
            recorded_by: v.recorded_by,
            recorded_at: v.recorded_at,
        })
        .collect())
}

/// What the log page shows.
pub struct Overview {
    pub key: LogKeyInfo,
    pub head: SignedTreeHead,
    pub recent: Vec<LogLeaf>,
    pub heads: Vec<SignedTreeHead>,
    /// The caller's State's current entries with whether their leaf's proof verifies.
    pub own: Vec<OwnEntry>,
    pub verifications: Vec<StateVerification>,
}

/// One of the caller's State's current entries in the log.
pub struct OwnEntry {
    pub contact: Contact,
    pub leaf_index: Option<u64>,
    /// The leaf is in the signed tree and says what the directory serves.
    pub proven: bool,
}

/// The log page: key, latest head, recent leaves and heads, the proof status of the caller's
/// State's entries (checked here on the server; `liaison verify` checks independently), and
/// the verifications States published.
pub async fn overview(ctx: &Ctx, actor: &Actor) -> AppResult<Overview> {
    let permit = access::read_log(actor)?;
    let mut tx = ctx.store.read().await?;
    let key = key_info(stored_key(&mut tx, &permit).await?);
    let head = latest_signed_by(&mut tx, &permit, &key.key_id).await?;
    let recent = liaison_store::transparency::recent(&mut tx, &permit, 20).await?;
    let heads =
        liaison_store::transparency::heads(&mut tx, &permit, head.tree_size, 10, true).await?;
    let root = parse_hash("root_hash", &head.root_hash)?;
    let mut own = Vec::new();
    if let Some(code) = &actor.state
        && let Some(state) = liaison_store::state::get(&mut tx, code).await?
        && let Ok(read) = access::read_contacts(actor, &state)
    {
        let contacts =
            liaison_store::directory::list(&mut tx, &read, ctx.clock.today(), false).await?;
        for contact in contacts {
            let leaf = liaison_store::transparency::current_leaf(
                &mut tx,
                &permit,
                contact.id,
                ctx.clock.today(),
            )
            .await?;
            let proven = match &leaf {
                Some(leaf) if leaf.index < head.tree_size => {
                    let path = inclusion_path(&mut tx, &permit, leaf.index, head.tree_size).await?;
                    proves(leaf, &path, head.tree_size, &root, &contact)
                }
                _ => false,
            };
            own.push(OwnEntry {
                leaf_index: leaf.map(|l| l.index),
                contact,
                proven,
            });
        }
    }
    let key_id = key.key_id.clone();
    Ok(Overview {
        key,
        head,
        recent: recent.into_iter().map(wire_leaf).collect(),
        heads: heads.iter().map(|h| wire_head(h, &key_id)).collect(),
        own,
        verifications: verifications_in(&mut tx, &permit).await?,
    })
}

/// Whether a stored leaf is proven by `path` in the tree of `size` leaves with `root` and
/// describes `contact`.
fn proves(leaf: &StoredLeaf, path: &[Hash], size: u64, root: &Hash, contact: &Contact) -> bool {
    let hash = leaf_hash(leaf.data.as_bytes());
    merkle::verify_inclusion(&hash, leaf.index, size, path, root).is_ok()
        && Leaf::parse(&leaf.data).is_ok_and(|l| l.differences(contact).is_empty())
}

/// Problems found, the first ones in full.
#[derive(Default)]
struct Findings {
    count: usize,
    shown: Vec<String>,
}

impl Findings {
    fn add(&mut self, problem: String) {
        self.count += 1;
        if self.shown.len() < 20 {
            self.shown.push(problem);
        }
    }
}

/// The server's own check of its stored log: every leaf hashes to its stored hash and reads as
/// a leaf; the stored nodes are those the leaves make; every size has a signed head whose root
/// is the tree's and whose signature verifies; every directory version has its leaf, which says
/// what the version says. An edited, inserted or removed leaf, node or head is found.
pub async fn check(ctx: &Ctx) -> AppResult<LogCheck> {
    let permit = access::system::log();
    let mut tx = ctx.store.read().await?;
    let mut found = Findings::default();
    let mut tree = Subtrees::new();
    let mut by_version: HashMap<(i64, i64), Hash> = HashMap::new();
    let size = liaison_store::transparency::size(&mut tx, &permit).await?;
    let mut next = 0u64;
    while next < size {
        let batch =
            liaison_store::transparency::leaves(&mut tx, &permit, next, next + MAX_LEAVES).await?;
        let mut expected = next;
        for leaf in batch {
            expected = missing_until(leaf.index, expected, &mut tree, &mut found);
            // The tree is rebuilt from the stored hashes, so that an edited text is reported
            // once, here, and an edited hash in the nodes and heads it breaks.
            let text_hash = leaf_hash(leaf.data.as_bytes());
            if hex::encode(text_hash) != leaf.hash {
                found.add(format!(
                    "leaf {}: its text does not hash to the stored hash",
                    leaf.index
                ));
            }
            let hash = hash_from_hex(&leaf.hash).unwrap_or(text_hash);
            match Leaf::parse(&leaf.data) {
                Ok(parsed)
                    if parsed.contact_id == leaf.contact_id
                        && parsed.version == leaf.version
                        && parsed.state == leaf.state => {}
                Ok(_) => found.add(format!(
                    "leaf {}: its text names another contact, version or State than its row",
                    leaf.index
                )),
                Err(e) => found.add(format!("leaf {}: {e}", leaf.index)),
            }
            tree.append(hash);
            // The directory is compared with the texts, by their hashes (a fraction of the
            // memory of a million texts).
            by_version.insert((leaf.contact_id, leaf.version), text_hash);
            expected += 1;
        }
        missing_until(
            (next + MAX_LEAVES).min(size),
            expected,
            &mut tree,
            &mut found,
        );
        next += MAX_LEAVES;
    }
    check_nodes(&mut tx, &permit, &tree, &mut found).await?;
    let heads = check_heads(&mut tx, &permit, &tree, &mut found).await?;
    check_versions(&mut tx, &permit, &by_version, &mut found).await?;
    Ok(LogCheck {
        leaves: size,
        heads,
        intact: found.count == 0,
        problems: found.shown,
    })
}

/// Reports the leaves from `from` up to `until` as missing, with a placeholder in the rebuilt
/// tree so that the later leaves keep their indexes; returns `until` (or `from`, if later).
fn missing_until(until: u64, from: u64, tree: &mut Subtrees, found: &mut Findings) -> u64 {
    for index in from..until {
        found.add(format!("leaf {index} is missing"));
        tree.append([0; 32]);
    }
    until.max(from)
}

async fn check_nodes(
    tx: &mut Tx,
    permit: &ReadLog,
    tree: &Subtrees,
    found: &mut Findings,
) -> AppResult<()> {
    use merkle::Nodes;
    let mut level = 0u32;
    loop {
        let (mut from, mut stored) = (0u64, 0u64);
        loop {
            let batch = liaison_store::transparency::level(tx, permit, level, from, 1000).await?;
            let Some(last) = batch.last().map(|(index, _)| *index) else {
                break;
            };
            stored += batch.len() as u64;
            for (index, hash) in &batch {
                match tree.node(level, *index) {
                    Some(expected) if hex::encode(expected) == *hash => {}
                    Some(_) => found.add(format!(
                        "node {index} of level {level} is not the hash of its leaves"
                    )),
                    None => found.add(format!(
                        "node {index} of level {level} has no leaves under it"
                    )),
                }
            }
            from = last + 1;
        }
        let expected = tree.size() >> level;
        if stored < expected {
            found.add(format!(
                "level {level} has {stored} nodes stored where the leaves make {expected}"
            ));
        }
        if expected == 0 && stored == 0 {
            return Ok(());
        }
        level += 1;
    }
}

async fn check_heads(
    tx: &mut Tx,
    permit: &ReadLog,
    tree: &Subtrees,
    found: &mut Findings,
) -> AppResult<u64> {
    let Some(key) = liaison_store::transparency::key(tx, permit).await? else {
        if tree.size() > 0 {
            found.add("the log has leaves but no key".into());
        }
        return Ok(0);
    };
    let mut count = 0u64;
    let mut expected = 0u64;
    let mut last_at = None;
    loop {
        let batch = liaison_store::transparency::heads(tx, permit, expected, 1000, false).await?;
        let Some(last) = batch.last().map(|h| h.size) else {
            break;
        };
        for stored in &batch {
            count += 1;
            if stored.size != expected {
                found.add(format!(
                    "the tree heads of sizes {expected} to {} are missing",
                    stored.size - 1
                ));
            }
            expected = stored.size + 1;
            let Ok(root) = tree.root(stored.size) else {
                found.add(format!(
                    "a tree head claims {} leaves; the log has {}",
                    stored.size,
                    tree.size()
                ));
                continue;
            };
            if hex::encode(root) != stored.root {
                found.add(format!(
                    "the tree head of size {}: its root is not the root of the leaves",
                    stored.size
                ));
            }
            let claimed = hash_from_hex(&stored.root).unwrap_or([0; 32]);
            let signed = TreeHead::new(stored.size, claimed, stored.signed_at);
            if head::verify(&signed, &stored.signature, &key.public_key).is_err() {
                found.add(format!(
                    "the tree head of size {}: the signature does not verify with the log's key",
                    stored.size
                ));
            }
            if last_at.is_some_and(|at| stored.signed_at < at) {
                found.add(format!(
                    "the tree head of size {} is older than the one before it",
                    stored.size
                ));
            }
            last_at = Some(stored.signed_at);
        }
        expected = last + 1;
    }
    if expected < tree.size() + 1 {
        found.add(format!(
            "the tree heads of sizes {expected} to {} are missing",
            tree.size()
        ));
    }
    Ok(count)
}

async fn check_versions(
    tx: &mut Tx,
    permit: &ReadLog,
    by_version: &HashMap<(i64, i64), Hash>,
    found: &mut Findings,
) -> AppResult<()> {
    let mut after = (0i64, 0i64);
    loop {
        let batch = liaison_store::transparency::versions(tx, permit, after, 1000).await?;
        let Some((_, last)) = batch.last() else {
            return Ok(());
        };
        after = (last.contact_id, last.version);
        for (state, version) in &batch {
            let expected = leaf_hash(Leaf::of_version(state, version).encode().as_bytes());
            match by_version.get(&(version.contact_id, version.version)) {
                Some(hash) if *hash == expected => {}
                Some(_) => found.add(format!(
                    "contact {} version {}: the directory and its leaf differ",
                    version.contact_id, version.version
                )),
                None => found.add(format!(
                    "contact {} version {} has no leaf in the log",
                    version.contact_id, version.version
                )),
            }
        }
    }
}
