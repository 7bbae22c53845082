//! The Merkle tree of RFC 9162 §2.1 (Certificate Transparency 2.0), over a store of complete
//! subtree hashes that only ever grows: appending a leaf adds its hash and the hashes of the
//! subtrees it completes, and never changes a stored hash, so the store can be an append-only
//! table. Roots, inclusion proofs and consistency proofs for any tree size up to the store's are
//! computed from O(log n) stored hashes.
//!
//! - `leaf_hash(d) = SHA-256(0x00 ‖ d)`, `node_hash(l, r) = SHA-256(0x01 ‖ l ‖ r)`, and the root of
//!   the empty tree is `SHA-256()`.
//! - `MTH(D[a:b])` splits at the largest power of two smaller than its size; a subtree whose
//!   size is a power of two and whose start is a multiple of it is *complete* and stored.
//! - Proofs are RFC 9162's `PATH` (§2.1.3.1) and `PROOF`/`SUBPROOF` (§2.1.4.1); the verifiers
//!   are the RFC's algorithms of §2.1.3.2 and §2.1.4.2, which need nothing but the proof.

use sha2::{Digest, Sha256};
use std::cell::RefCell;
use std::collections::HashMap;

/// A SHA-256 hash.
pub type Hash = [u8; 32];

/// `SHA-256(0x00 ‖ data)`: the hash of a leaf.
pub fn leaf_hash(data: &[u8]) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update([0u8]);
    hasher.update(data);
    hasher.finalize().into()
}

/// `SHA-256(0x01 ‖ left ‖ right)`: the hash of an interior node.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update([1u8]);
    hasher.update(left);
    hasher.update(right);
    hasher.finalize().into()
}

/// The root of the empty tree, `SHA-256()`.
pub fn empty_root() -> Hash {
    Sha256::digest(b"").into()
}

/// A hash from its 64 lower- or upper-case hex digits, if the text is one.
pub fn hash_from_hex(text: &str) -> Option<Hash> {
    hex::decode(text)
        .ok()
        .and_then(|bytes| Hash::try_from(bytes).ok())
}

/// The largest power of two strictly smaller than `n` (`n` ≥ 2).
fn split(n: u64) -> u64 {
    debug_assert!(n >= 2);
    1 << (63 - (n - 1).leading_zeros())
}

/// Why a proof is not given or does not verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    #[error("the tree has {size} leaves; there is no leaf {index}")]
    NoSuchLeaf { index: u64, size: u64 },
    #[error("the log has {have} leaves, not {asked}")]
    TooLarge { asked: u64, have: u64 },
    #[error(
        "a consistency proof goes from a smaller, non-empty tree to a larger one ({old} to {new})"
    )]
    BadSizes { old: u64, new: u64 },
    #[error("the proof has the wrong number of hashes")]
    WrongLength,
    #[error("the proof does not lead to the root")]
    Mismatch,
    #[error("the log's store has no node {index} at level {level}")]
    MissingNode { level: u32, index: u64 },
}

/// The complete subtree hashes of a log: level 0 holds every leaf hash, level k the hash of
/// every complete subtree of 2^k leaves, in order. Only ever appended to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subtrees {
    levels: Vec<Vec<Hash>>,
}

/// A complete subtree hash that appending a leaf adds: at `level`, number `index`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewNode {
    pub level: u32,
    pub index: u64,
    pub hash: Hash,
}

impl Subtrees {
    pub fn new() -> Subtrees {
        Subtrees::default()
    }

    /// The number of leaves.
    pub fn size(&self) -> u64 {
        self.levels.first().map_or(0, |leaves| leaves.len() as u64)
    }

    /// Adds a stored node (when loading the store); nodes come level by level in order.
    pub fn load(&mut self, node: NewNode) -> Result<(), String> {
        let level = node.level as usize;
        while self.levels.len() <= level {
            self.levels.push(Vec::new());
        }
        let at = &mut self.levels[level];
        if at.len() as u64 != node.index {
            return Err(format!(
                "node {} of level {} comes where node {} is expected",
                node.index,
                node.level,
                at.len()
            ));
        }
        at.push(node.hash);
        Ok(())
    }

    /// Appends a leaf (its hash, [`leaf_hash`]) and returns every node to store: the leaf and
    /// the subtrees it completes.
    pub fn append(&mut self, leaf: Hash) -> Vec<NewNode> {
        let mut added = Vec::new();
        let mut hash = leaf;
        let mut level = 0usize;
        loop {
            if self.levels.len() <= level {
                self.levels.push(Vec::new());
            }
            let index = self.levels[level].len() as u64;
            self.levels[level].push(hash);
            added.push(NewNode {
                level: level as u32,
                index,
                hash,
            });
            if index.is_multiple_of(2) {
                return added;
            }
            let left = self.levels[level][index as usize - 1];
            hash = node_hash(&left, &hash);
            level += 1;
        }
    }

    fn check_size(&self, size: u64) -> Result<(), ProofError> {
        if size > self.size() {
            Err(ProofError::TooLarge {
                asked: size,
                have: self.size(),
            })
        } else {
            Ok(())
        }
    }

    /// The root of the tree of the first `size` leaves.
    pub fn root(&self, size: u64) -> Result<Hash, ProofError> {
        self.check_size(size)?;
        root(self, size)
    }

    /// The inclusion proof of leaf `index` in the tree of the first `size` leaves (RFC 9162
    /// `PATH`), from the leaf's sibling up.
    pub fn inclusion_proof(&self, index: u64, size: u64) -> Result<Vec<Hash>, ProofError> {
        self.check_size(size)?;
        inclusion_proof(self, index, size)
    }

    /// The consistency proof from the tree of the first `old` leaves to that of the first `new`
    /// (RFC 9162 `PROOF(m, D[0:n])`), for `0 < old ≤ new ≤ size`.
    pub fn consistency_proof(&self, old: u64, new: u64) -> Result<Vec<Hash>, ProofError> {
        self.check_size(new)?;
        consistency_proof(self, old, new)
    }
}

/// Where the complete subtree hashes come from: the whole store in memory ([`Subtrees`]), or
/// the few a computation needs, fetched from a database ([`NodeMap`]).
pub trait Nodes {
    /// The hash of complete subtree `index` of 2^`level` leaves, if known.
    fn node(&self, level: u32, index: u64) -> Option<Hash>;
}

impl Nodes for Subtrees {
    fn node(&self, level: u32, index: u64) -> Option<Hash> {
        self.levels
            .get(level as usize)?
            .get(index as usize)
            .copied()
    }
}

/// Some complete subtree hashes, by level and index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NodeMap(pub HashMap<(u32, u64), Hash>);

impl Nodes for NodeMap {
    fn node(&self, level: u32, index: u64) -> Option<Hash> {
        self.0.get(&(level, index)).copied()
    }
}

/// Answers every lookup with a placeholder and notes which nodes were asked for: running a
/// computation over it lists exactly the nodes the computation needs.
#[derive(Default)]
struct Recorder(RefCell<Vec<(u32, u64)>>);

impl Nodes for Recorder {
    fn node(&self, level: u32, index: u64) -> Option<Hash> {
        self.0.borrow_mut().push((level, index));
        Some([0; 32])
    }
}

fn recorded(
    run: impl FnOnce(&Recorder) -> Result<(), ProofError>,
) -> Result<Vec<(u32, u64)>, ProofError> {
    let recorder = Recorder::default();
    run(&recorder)?;
    let mut needed = recorder.0.into_inner();
    needed.sort_unstable();
    needed.dedup();
    Ok(needed)
}

/// The nodes [`root`] needs for a tree of `size` leaves: one per bit set in `size`.
pub fn needed_for_root(size: u64) -> Vec<(u32, u64)> {
    recorded(|r| root(r, size).map(drop)).unwrap_or_default()
}

/// The nodes [`inclusion_proof`] needs.
pub fn needed_for_inclusion(index: u64, size: u64) -> Result<Vec<(u32, u64)>, ProofError> {
    recorded(|r| inclusion_proof(r, index, size).map(drop))
}

/// The nodes [`consistency_proof`] needs.
pub fn needed_for_consistency(old: u64, new: u64) -> Result<Vec<(u32, u64)>, ProofError> {
    recorded(|r| consistency_proof(r, old, new).map(drop))
}

/// The nodes [`append`] needs to add a leaf to a tree of `size` leaves: the left siblings of the
/// subtrees the new leaf completes.
pub fn needed_for_append(size: u64) -> Vec<(u32, u64)> {
    recorded(|r| append(r, size, [0; 32]).map(drop)).unwrap_or_default()
}

/// Appends `leaf` to a tree of `size` leaves whose nodes `nodes` holds (at least those of
/// [`needed_for_append`]) and returns the nodes to store: the leaf and the subtrees it completes.
pub fn append<N: Nodes + ?Sized>(
    nodes: &N,
    size: u64,
    leaf: Hash,
) -> Result<Vec<NewNode>, ProofError> {
    let mut added = Vec::new();
    let (mut hash, mut index, mut level) = (leaf, size, 0u32);
    loop {
        added.push(NewNode { level, index, hash });
        if index.is_multiple_of(2) {
            return Ok(added);
        }
        let left = nodes
            .node(level, index - 1)
            .ok_or(ProofError::MissingNode {
                level,
                index: index - 1,
            })?;
        hash = node_hash(&left, &hash);
        index >>= 1;
        level += 1;
    }
}

/// `MTH(D[start:end])` for `start < end`, from the maximal complete subtrees of the range.
fn mth<N: Nodes + ?Sized>(nodes: &N, start: u64, end: u64) -> Result<Hash, ProofError> {
    let n = end - start;
    if n.is_power_of_two() && start.is_multiple_of(n) {
        let level = n.trailing_zeros();
        let index = start >> level;
        return nodes
            .node(level, index)
            .ok_or(ProofError::MissingNode { level, index });
    }
    let k = split(n);
    Ok(node_hash(
        &mth(nodes, start, start + k)?,
        &mth(nodes, start + k, end)?,
    ))
}

/// The root of the tree of `size` leaves.
pub fn root<N: Nodes + ?Sized>(nodes: &N, size: u64) -> Result<Hash, ProofError> {
    if size == 0 {
        Ok(empty_root())
    } else {
        mth(nodes, 0, size)
    }
}

/// The inclusion proof of leaf `index` in the tree of `size` leaves (RFC 9162 `PATH`), from the
/// leaf's sibling up.
pub fn inclusion_proof<N: Nodes + ?Sized>(
    nodes: &N,
    index: u64,
    size: u64,
) -> Result<Vec<Hash>, ProofError> {
    if index >= size {
        return Err(ProofError::NoSuchLeaf { index, size });
    }
    let mut path = Vec::new();
    path_of(nodes, index, 0, size, &mut path)?;
    Ok(path)
}

fn path_of<N: Nodes + ?Sized>(
    nodes: &N,
    m: u64,
    start: u64,
    end: u64,
    out: &mut Vec<Hash>,
) -> Result<(), ProofError> {
    let n = end - start;
    if n <= 1 {
        return Ok(());
    }
    let k = split(n);
    if m < k {
        path_of(nodes, m, start, start + k, out)?;
        out.push(mth(nodes, start + k, end)?);
    } else {
        path_of(nodes, m - k, start + k, end, out)?;
        out.push(mth(nodes, start, start + k)?);
    }
    Ok(())
}

/// The consistency proof from the tree of `old` leaves to that of `new` (RFC 9162
/// `PROOF(m, D[0:n])`), for `0 < old ≤ new`.
pub fn consistency_proof<N: Nodes + ?Sized>(
    nodes: &N,
    old: u64,
    new: u64,
) -> Result<Vec<Hash>, ProofError> {
    if old == 0 || old > new {
        return Err(ProofError::BadSizes { old, new });
    }
    let mut proof = Vec::new();
    subproof(nodes, old, 0, new, true, &mut proof)?;
    Ok(proof)
}

fn subproof<N: Nodes + ?Sized>(
    nodes: &N,
    m: u64,
    start: u64,
    end: u64,
    whole: bool,
    out: &mut Vec<Hash>,
) -> Result<(), ProofError> {
    let n = end - start;
    if m == n {
        if !whole {
            out.push(mth(nodes, start, end)?);
        }
        return Ok(());
    }
    let k = split(n);
    if m <= k {
        subproof(nodes, m, start, start + k, whole, out)?;
        out.push(mth(nodes, start + k, end)?);
    } else {
        subproof(nodes, m - k, start + k, end, false, out)?;
        out.push(mth(nodes, start, start + k)?);
    }
    Ok(())
}

/// Verifies that `leaf` (its hash) is leaf `index` of the tree of `size` leaves with `root`
/// (RFC 9162 §2.1.3.2).
pub fn verify_inclusion(
    leaf: &Hash,
    index: u64,
    size: u64,
    proof: &[Hash],
    root: &Hash,
) -> Result<(), ProofError> {
    if index >= size {
        return Err(ProofError::NoSuchLeaf { index, size });
    }
    let (mut f_n, mut s_n) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if s_n == 0 {
            return Err(ProofError::WrongLength);
        }
        if f_n & 1 == 1 || f_n == s_n {
            r = node_hash(p, &r);
            if f_n & 1 == 0 {
                while f_n & 1 == 0 && f_n != 0 {
                    f_n >>= 1;
                    s_n >>= 1;
                }
            }
        } else {
            r = node_hash(&r, p);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    if s_n != 0 {
        return Err(ProofError::WrongLength);
    }
    if &r == root {
        Ok(())
    } else {
        Err(ProofError::Mismatch)
    }
}

/// Verifies that the tree of `new` leaves with `new_root` extends the tree of `old` leaves with
/// `old_root` (RFC 9162 §2.1.4.2). Equal sizes need an empty proof and equal roots.
pub fn verify_consistency(
    old: u64,
    new: u64,
    old_root: &Hash,
    new_root: &Hash,
    proof: &[Hash],
) -> Result<(), ProofError> {
    if old == 0 || old > new {
        return Err(ProofError::BadSizes { old, new });
    }
    if old == new {
        return match (proof.is_empty(), old_root == new_root) {
            (true, true) => Ok(()),
            (false, _) => Err(ProofError::WrongLength),
            (true, false) => Err(ProofError::Mismatch),
        };
    }
    // When `old` is a power of two, the old root is the first hash of the path.
    let mut path: Vec<Hash> = Vec::with_capacity(proof.len() + 1);
    if old.is_power_of_two() {
        path.push(*old_root);
    }
    path.extend_from_slice(proof);
    let Some((first, rest)) = path.split_first() else {
        return Err(ProofError::WrongLength);
    };
    let (mut f_n, mut s_n) = (old - 1, new - 1);
    while f_n & 1 == 1 {
        f_n >>= 1;
        s_n >>= 1;
    }
    let (mut fr, mut sr) = (*first, *first);
    for c in rest {
        if s_n == 0 {
            return Err(ProofError::WrongLength);
        }
        if f_n & 1 == 1 || f_n == s_n {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            if f_n & 1 == 0 {
                while f_n & 1 == 0 && f_n != 0 {
                    f_n >>= 1;
                    s_n >>= 1;
                }
            }
        } else {
            sr = node_hash(&sr, c);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    if s_n != 0 {
        return Err(ProofError::WrongLength);
    }
    if &fr == old_root && &sr == new_root {
        Ok(())
    } else {
        Err(ProofError::Mismatch)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The leaves of the reference test data of Certificate Transparency (RFC 6962 hashing,
    /// which RFC 9162 keeps).
    fn reference_leaves() -> Vec<Vec<u8>> {
        [
            "",
            "00",
            "10",
            "2021",
            "3031",
            "40414243",
            "5051525354555657",
            "606162636465666768696a6b6c6d6e6f",
        ]
        .iter()
        .map(|h| hex::decode(h).unwrap())
        .collect()
    }

    fn tree_of(leaves: &[Vec<u8>]) -> Subtrees {
        let mut tree = Subtrees::new();
        for leaf in leaves {
            tree.append(leaf_hash(leaf));
        }
        tree
    }

    fn h(text: &str) -> Hash {
        hex::decode(text).unwrap().try_into().unwrap()
    }

    #[test]
    fn roots_match_the_reference_vectors() {
        let tree = tree_of(&reference_leaves());
        let roots = [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
        ];
        for (i, root) in roots.iter().enumerate() {
            assert_eq!(
                hex::encode(tree.root(i as u64 + 1).unwrap()),
                *root,
                "size {}",
                i + 1
            );
        }
        assert_eq!(
            hex::encode(tree.root(0).unwrap()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn proofs_match_the_reference_vectors() {
        let tree = tree_of(&reference_leaves());
        let hashes = |proof: Vec<Hash>| proof.iter().map(hex::encode).collect::<Vec<_>>();
        assert_eq!(
            hashes(tree.inclusion_proof(0, 8).unwrap()),
            [
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ]
        );
        assert_eq!(
            hashes(tree.consistency_proof(1, 8).unwrap()),
            [
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ]
        );
        assert_eq!(
            hashes(tree.consistency_proof(6, 8).unwrap()),
            [
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ]
        );
        assert_eq!(
            hashes(tree.consistency_proof(2, 5).unwrap()),
            [
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ]
        );
        assert!(tree.consistency_proof(8, 8).unwrap().is_empty());
        let root8 = h("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
        let leaf0 = leaf_hash(&reference_leaves()[0]);
        verify_inclusion(&leaf0, 0, 8, &tree.inclusion_proof(0, 8).unwrap(), &root8).unwrap();
    }

    #[test]
    fn out_of_range_requests_are_refused() {
        let tree = tree_of(&reference_leaves()[..3]);
        assert_eq!(
            tree.inclusion_proof(3, 3),
            Err(ProofError::NoSuchLeaf { index: 3, size: 3 })
        );
        assert_eq!(
            tree.root(4),
            Err(ProofError::TooLarge { asked: 4, have: 3 })
        );
        assert_eq!(
            tree.consistency_proof(0, 2),
            Err(ProofError::BadSizes { old: 0, new: 2 })
        );
        assert_eq!(
            tree.consistency_proof(3, 2),
            Err(ProofError::BadSizes { old: 3, new: 2 })
        );
    }

    #[test]
    fn a_store_loaded_from_its_nodes_is_the_same_tree() {
        let mut tree = Subtrees::new();
        let mut nodes = Vec::new();
        for i in 0..37u32 {
            nodes.extend(tree.append(leaf_hash(&i.to_be_bytes())));
        }
        nodes.sort_by_key(|n| (n.level, n.index));
        let mut loaded = Subtrees::new();
        for node in &nodes {
            loaded.load(*node).unwrap();
        }
        assert_eq!(loaded, tree);
        let mut gap = Subtrees::new();
        assert!(
            gap.load(NewNode {
                level: 0,
                index: 1,
                hash: [0; 32]
            })
            .is_err()
        );
    }

    /// The tree computed the way RFC 9162 defines it, from the leaves alone.
    fn reference_root(leaves: &[Hash]) -> Hash {
        match leaves.len() {
            0 => empty_root(),
            1 => leaves[0],
            n => {
                let k = split(n as u64) as usize;
                node_hash(&reference_root(&leaves[..k]), &reference_root(&leaves[k..]))
            }
        }
    }

    /// ct-merkle's verdict on our proofs: an independent implementation of the same RFC.
    fn oracle_root(root: &Hash, size: u64) -> ct_merkle::RootHash<sha2_011::Sha256> {
        let digest = sha2_011::digest::Output::<sha2_011::Sha256>::try_from(&root[..]).unwrap();
        ct_merkle::RootHash::new(digest, size)
    }

    fn concatenated(proof: &[Hash]) -> Vec<u8> {
        proof.iter().flatten().copied().collect()
    }

    proptest! {
        /// Another implementation of RFC 9162 accepts every proof this one makes.
        #[test]
        fn an_independent_implementation_accepts_the_proofs(size in 1u64..120, pick in any::<u64>()) {
            let data: Vec<[u8; 8]> = (0..size).map(|i| i.to_le_bytes()).collect();
            let mut tree = Subtrees::new();
            let mut theirs = ct_merkle::mem_backed_tree::MemoryBackedTree::<sha2_011::Sha256, [u8; 8]>::new();
            for d in &data {
                tree.append(leaf_hash(d));
                theirs.push(*d);
            }
            let root = tree.root(size).unwrap();
            let their_root = theirs.root();
            prop_assert_eq!(&root[..], &their_root.as_bytes()[..]);
            let index = pick % size;
            let proof = ct_merkle::InclusionProof::<sha2_011::Sha256>::try_from_bytes(
                concatenated(&tree.inclusion_proof(index, size).unwrap()),
            ).unwrap();
            prop_assert!(oracle_root(&root, size).verify_inclusion(&data[index as usize], index, &proof).is_ok());
            let old = 1 + pick % size;
            let consistency = ct_merkle::ConsistencyProof::<sha2_011::Sha256>::try_from_bytes(
                concatenated(&tree.consistency_proof(old, size).unwrap()),
            ).unwrap();
            let old_root = oracle_root(&tree.root(old).unwrap(), old);
            prop_assert!(oracle_root(&root, size).verify_consistency(&old_root, &consistency).is_ok());
        }

        /// For random sizes, every root equals the RFC's definition, every inclusion proof of
        /// every leaf verifies, and any altered leaf, index or proof hash fails.
        #[test]
        fn every_inclusion_proof_verifies_and_any_change_fails(size in 1u64..90, pick in any::<u64>(), flip in 0usize..32) {
            let leaves: Vec<Hash> = (0..size).map(|i| leaf_hash(&i.to_le_bytes())).collect();
            let mut tree = Subtrees::new();
            for leaf in &leaves {
                tree.append(*leaf);
            }
            let index = pick % size;
            for n in [size, index + 1] {
                let root = tree.root(n).unwrap();
                prop_assert_eq!(root, reference_root(&leaves[..n as usize]));
                let proof = tree.inclusion_proof(index, n).unwrap();
                prop_assert!(proof.len() as u32 <= 64 - (n - 1).leading_zeros());
                prop_assert!(verify_inclusion(&leaves[index as usize], index, n, &proof, &root).is_ok());
                let mut altered = leaves[index as usize];
                altered[flip] ^= 1;
                prop_assert!(verify_inclusion(&altered, index, n, &proof, &root).is_err());
                if n > 1 {
                    let other = (index + 1) % n;
                    prop_assert!(verify_inclusion(&leaves[index as usize], other, n, &proof, &root).is_err());
                    let mut bad = proof.clone();
                    bad[0][flip] ^= 1;
                    prop_assert!(verify_inclusion(&leaves[index as usize], index, n, &bad, &root).is_err());
                    prop_assert!(verify_inclusion(&leaves[index as usize], index, n, &proof[1..], &root).is_err());
                }
            }
        }

        /// A store that holds only the nodes a computation says it needs (what a database
        /// fetches) gives the same roots, proofs and appended nodes as the whole tree, and the
        /// number of nodes needed grows with log2 of the size.
        #[test]
        fn the_needed_nodes_are_enough_and_few(size in 1u64..200, pick in any::<u64>()) {
            let mut tree = Subtrees::new();
            for i in 0..size {
                tree.append(leaf_hash(&i.to_le_bytes()));
            }
            let only = |needed: Vec<(u32, u64)>| {
                NodeMap(needed.into_iter().map(|(l, i)| ((l, i), tree.node(l, i).unwrap())).collect())
            };
            let log2 = 64 - size.leading_zeros() as usize;
            let needed = needed_for_root(size);
            prop_assert!(needed.len() <= log2);
            prop_assert_eq!(root(&only(needed), size).unwrap(), tree.root(size).unwrap());
            let index = pick % size;
            let needed = needed_for_inclusion(index, size).unwrap();
            prop_assert!(needed.len() <= 2 * log2);
            prop_assert_eq!(inclusion_proof(&only(needed), index, size).unwrap(), tree.inclusion_proof(index, size).unwrap());
            let old = 1 + pick % size;
            let needed = needed_for_consistency(old, size).unwrap();
            prop_assert!(needed.len() <= 2 * log2);
            prop_assert_eq!(consistency_proof(&only(needed), old, size).unwrap(), tree.consistency_proof(old, size).unwrap());
            let leaf = leaf_hash(b"next");
            let needed = needed_for_append(size);
            prop_assert!(needed.len() <= log2);
            let mut whole = tree.clone();
            prop_assert_eq!(append(&only(needed), size, leaf).unwrap(), whole.append(leaf));
            let missing = matches!(root(&NodeMap::default(), size), Err(ProofError::MissingNode { .. }));
            prop_assert!(missing);
        }

        /// For random pairs of sizes, the consistency proof verifies, and a tree whose history
        /// was rewritten (any old leaf changed) fails against the old root.
        #[test]
        fn every_consistency_proof_verifies_and_a_rewritten_history_fails(new in 1u64..90, pick in any::<u64>(), change in any::<u64>()) {
            let old = 1 + pick % new;
            let leaves: Vec<Hash> = (0..new).map(|i| leaf_hash(&i.to_le_bytes())).collect();
            let mut tree = Subtrees::new();
            for leaf in &leaves {
                tree.append(*leaf);
            }
            let (old_root, new_root) = (tree.root(old).unwrap(), tree.root(new).unwrap());
            let proof = tree.consistency_proof(old, new).unwrap();
            prop_assert!(proof.len() as u32 <= 64 - (new - 1).leading_zeros() + 1);
            prop_assert!(verify_consistency(old, new, &old_root, &new_root, &proof).is_ok());
            // The operator rewrites one of the first `old` leaves and serves the new tree.
            let mut rewritten = leaves.clone();
            rewritten[(change % old) as usize][0] ^= 0xff;
            let mut forged = Subtrees::new();
            for leaf in &rewritten {
                forged.append(*leaf);
            }
            let forged_root = forged.root(new).unwrap();
            let forged_proof = forged.consistency_proof(old, new).unwrap();
            prop_assert!(verify_consistency(old, new, &old_root, &forged_root, &forged_proof).is_err());
        }
    }
}
