//! RFC 6962 / RFC 9162 Merkle trees: leaf `SHA-256(0x00‖leaf)`, node
//! `SHA-256(0x01‖L‖R)`, the empty tree `SHA-256("")`, and inclusion proofs.
//!
//! The tree over `n` leaves splits at the largest power of two below `n`
//! (RFC 6962 §2.1). Built bottom-up, that is the same as pairing nodes level by
//! level and carrying a lone last node up unchanged, which is how [`MerkleTree`]
//! stores its levels and how [`root_parallel`] spreads the work over all cores.

use crate::par::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;

mod blocks;
mod paths;
pub use paths::{PathCollector, PathError};

/// A SHA-256 value (哈希值).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hash(pub [u8; 32]);

impl Hash {
    /// Lowercase hex.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// Parses 64 hex digits (either case).
    ///
    /// # Errors
    /// [`HexError`] when the text is not 64 hex digits.
    pub fn from_hex(s: &str) -> Result<Self, HexError> {
        let mut out = [0u8; 32];
        hex::decode_to_slice(s.trim(), &mut out).map_err(|_| HexError(s.to_string()))?;
        Ok(Hash(out))
    }

    /// SHA-256 of `data`.
    pub fn digest(data: &[u8]) -> Self {
        Hash(Sha256::digest(data).into())
    }
}

/// Text that is not 64 hex digits (十六进制格式错误).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a 64-digit hex SHA-256 value")]
pub struct HexError(pub String);

impl fmt::Debug for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hash({})", self.to_hex())
    }
}

impl fmt::Display for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl Serialize for Hash {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for Hash {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Hash::from_hex(&s).map_err(serde::de::Error::custom)
    }
}

/// A leaf hash (叶子节点哈希): `SHA-256(0x00 ‖ leaf)`.
pub fn leaf_hash(leaf: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(leaf);
    Hash(h.finalize().into())
}

/// An interior node hash (内部节点哈希): `SHA-256(0x01 ‖ left ‖ right)`.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([1u8]);
    h.update(left.0);
    h.update(right.0);
    Hash(h.finalize().into())
}

/// The root of the empty tree (空树的默克尔树根), `SHA-256("")`.
pub fn empty_root() -> Hash {
    Hash::digest(b"")
}

fn next_level(level: &[Hash]) -> Vec<Hash> {
    level
        .chunks(2)
        .map(|c| {
            if c.len() == 2 {
                node_hash(&c[0], &c[1])
            } else {
                c[0]
            }
        })
        .collect()
}

fn next_level_parallel(level: &[Hash]) -> Vec<Hash> {
    if level.len() < 4096 {
        return next_level(level);
    }
    level
        .par_chunks(2)
        .map(|c| {
            if c.len() == 2 {
                node_hash(&c[0], &c[1])
            } else {
                c[0]
            }
        })
        .collect()
}

/// The root (默克尔树根) over already-hashed leaves, using every core.
pub fn root_from_leaf_hashes(mut level: Vec<Hash>) -> Hash {
    if level.is_empty() {
        return empty_root();
    }
    while level.len() > 1 {
        level = next_level_parallel(&level);
    }
    level[0]
}

/// The root (默克尔树根) of leaves given one at a time, in order, keeping only
/// the frontier (one hash per level: O(log n) memory), for registries read as
/// a stream. It gives the same root as [`root_from_leaf_hashes`] (RFC 6962
/// §2.1: perfect subtrees merged as they complete, the rest folded right to
/// left at the end).
#[derive(Debug, Clone, Default)]
pub struct RootBuilder {
    /// (height, hash) of the perfect subtrees so far, highest first.
    frontier: Vec<(u32, Hash)>,
    size: u64,
}

impl RootBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the next leaf's hash.
    pub fn push(&mut self, leaf: Hash) {
        self.push_subtree(0, leaf);
    }

    /// Adds the perfect subtree of `2^height` leaves whose root is `root`
    /// (the leaves so far a multiple of `2^height`, so that every subtree of
    /// the frontier is at least as high).
    fn push_subtree(&mut self, height: u32, root: Hash) {
        let mut node = (height, root);
        while let Some(&(h, left)) = self.frontier.last() {
            if h != node.0 {
                break;
            }
            self.frontier.pop();
            node = (h + 1, node_hash(&left, &node.1));
        }
        self.frontier.push(node);
        self.size += 1 << height;
    }

    /// Leaves so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The root over the leaves pushed.
    pub fn finish(&self) -> MerkleRoot {
        let mut it = self.frontier.iter().rev();
        let hash = match it.next() {
            None => empty_root(),
            Some(&(_, last)) => it.fold(last, |acc, &(_, left)| node_hash(&left, &acc)),
        };
        MerkleRoot {
            hash,
            size: self.size,
        }
    }
}

/// The root (默克尔树根, 并行计算) over `leaves` (each the canonical bytes of
/// one record), hashing on every core.
pub fn root_parallel<L: AsRef<[u8]> + Sync>(leaves: &[L]) -> Hash {
    let hashes: Vec<Hash> = leaves.par_iter().map(|l| leaf_hash(l.as_ref())).collect();
    root_from_leaf_hashes(hashes)
}

/// The root (默克尔树根, 参考实现) over `leaves`, the RFC 6962 recursive
/// definition, one core. Slow; kept as the reference the fast path is tested
/// against.
pub fn root_reference<L: AsRef<[u8]>>(leaves: &[L]) -> Hash {
    fn mth<L: AsRef<[u8]>>(d: &[L]) -> Hash {
        match d.len() {
            0 => empty_root(),
            1 => leaf_hash(d[0].as_ref()),
            n => {
                let k = largest_power_of_two_below(n);
                node_hash(&mth(&d[..k]), &mth(&d[k..]))
            }
        }
    }
    mth(leaves)
}

fn largest_power_of_two_below(n: usize) -> usize {
    let mut k = 1;
    while k * 2 < n {
        k *= 2;
    }
    k
}

/// An inclusion proof (包含证明; audit path, RFC 9162 §2.1.3): sibling hashes
/// from the leaf up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InclusionProof {
    /// Sibling hashes from the leaf level up.
    pub path: Vec<Hash>,
}

/// Why an inclusion proof fails (包含证明核验失败).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    /// The leaf index is not below the tree size.
    #[error("leaf index {index} is not below tree size {size}")]
    IndexOutOfRange {
        /// Index claimed.
        index: u64,
        /// Tree size claimed.
        size: u64,
    },
    /// The path has the wrong number of hashes for this index and size.
    #[error("audit path has {got} hashes, expected {expected}")]
    PathLength {
        /// Length a correct path has.
        expected: usize,
        /// Length found.
        got: usize,
    },
    /// The path leads to another root.
    #[error("path leads to root {got}, expected {expected}")]
    RootMismatch {
        /// The committed root.
        expected: Hash,
        /// What the leaf and path give.
        got: Hash,
    },
}

/// A Merkle root (默克尔树根) together with the tree size it commits to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MerkleRoot {
    /// The root hash.
    pub hash: Hash,
    /// Number of leaves.
    pub size: u64,
}

impl MerkleRoot {
    /// Checks that `leaf` (canonical record bytes) is leaf number `index` of
    /// this tree, by RFC 9162 §2.1.3.2.
    ///
    /// # Errors
    /// [`ProofError`] saying what does not match.
    pub fn verify_inclusion(
        &self,
        leaf: &[u8],
        index: u64,
        proof: &InclusionProof,
    ) -> Result<(), ProofError> {
        self.verify_inclusion_hash(&leaf_hash(leaf), index, proof)
    }

    /// As [`MerkleRoot::verify_inclusion`] for an already hashed leaf.
    ///
    /// # Errors
    /// [`ProofError`] saying what does not match.
    pub fn verify_inclusion_hash(
        &self,
        leaf_hash: &Hash,
        index: u64,
        proof: &InclusionProof,
    ) -> Result<(), ProofError> {
        if index >= self.size {
            return Err(ProofError::IndexOutOfRange {
                index,
                size: self.size,
            });
        }
        let expected_len = path_length(index, self.size);
        if proof.path.len() != expected_len {
            return Err(ProofError::PathLength {
                expected: expected_len,
                got: proof.path.len(),
            });
        }
        let mut fn_ = index;
        let mut sn = self.size - 1;
        let mut r = *leaf_hash;
        for p in &proof.path {
            if fn_ & 1 == 1 || fn_ == sn {
                r = node_hash(p, &r);
                if fn_ & 1 == 0 {
                    while fn_ & 1 == 0 && fn_ != 0 {
                        fn_ >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = node_hash(&r, p);
            }
            fn_ >>= 1;
            sn >>= 1;
        }
        if r != self.hash {
            return Err(ProofError::RootMismatch {
                expected: self.hash,
                got: r,
            });
        }
        Ok(())
    }
}

fn path_length(index: u64, size: u64) -> usize {
    // Count the levels at which the node on the path has a sibling.
    let (mut i, mut n, mut len) = (index, size, 0);
    while n > 1 {
        if i ^ 1 < n {
            len += 1;
        }
        i >>= 1;
        n = n.div_ceil(2);
    }
    len
}

/// A whole tree (默克尔树) kept in memory, level by level, for making proofs.
#[derive(Debug, Clone)]
pub struct MerkleTree {
    levels: Vec<Vec<Hash>>,
}

impl MerkleTree {
    /// Builds the tree over canonical leaf bytes.
    pub fn new<L: AsRef<[u8]> + Sync>(leaves: &[L]) -> Self {
        let hashes: Vec<Hash> = leaves.par_iter().map(|l| leaf_hash(l.as_ref())).collect();
        Self::from_leaf_hashes(hashes)
    }

    /// Builds the tree over leaf hashes.
    pub fn from_leaf_hashes(hashes: Vec<Hash>) -> Self {
        let mut levels = vec![hashes];
        while levels.last().is_some_and(|l| l.len() > 1) {
            let next = levels
                .last()
                .map(|l| next_level_parallel(l))
                .unwrap_or_default();
            levels.push(next);
        }
        MerkleTree { levels }
    }

    /// Number of leaves.
    pub fn size(&self) -> u64 {
        self.levels[0].len() as u64
    }

    /// The root and size.
    pub fn root(&self) -> MerkleRoot {
        let hash = match self.levels.last() {
            Some(l) if !l.is_empty() => l[0],
            _ => empty_root(),
        };
        MerkleRoot {
            hash,
            size: self.size(),
        }
    }

    /// The hash of the subtree over leaves `start..end` when it is a node of
    /// this tree (`start` a multiple of the smallest power of two `2^l ≥
    /// end − start`, and `end` either `start + 2^l` or the tree size), which
    /// every subtree RFC 6962 §2.1.2 asks for is; `None` otherwise.
    pub(crate) fn node(&self, start: u64, end: u64) -> Option<Hash> {
        if start >= end || end > self.size() {
            return None;
        }
        let width = end - start;
        let level = u64::BITS - (width - 1).leading_zeros();
        let span = 1u64 << level;
        if !start.is_multiple_of(span) || (end != start + span && end != self.size()) {
            return None;
        }
        self.levels
            .get(level as usize)
            .and_then(|l| l.get((start >> level) as usize))
            .copied()
    }

    /// The inclusion proof of leaf `index`, or `None` when out of range.
    pub fn prove(&self, index: u64) -> Option<InclusionProof> {
        if index >= self.size() {
            return None;
        }
        let mut i = index as usize;
        let mut path = Vec::new();
        for level in &self.levels[..self.levels.len() - 1] {
            let sib = i ^ 1;
            if sib < level.len() {
                path.push(level[sib]);
            }
            i >>= 1;
        }
        Some(InclusionProof { path })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The leaves of the Certificate Transparency reference tests
    /// (certificate-transparency-go `merkle` testdata).
    fn ct_leaves() -> Vec<Vec<u8>> {
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

    /// Roots of the first 1..=8 CT test leaves (RFC 6962 test vectors as shipped
    /// with certificate-transparency-go).
    const CT_ROOTS: [&str; 8] = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    #[test]
    fn empty_tree_root_is_sha256_of_nothing() {
        let none: [&[u8]; 0] = [];
        assert_eq!(
            root_parallel(&none).to_hex(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(root_reference(&none), empty_root());
        assert_eq!(MerkleTree::new(&none).root().hash, empty_root());
    }

    #[test]
    fn ct_known_answer_roots_for_sizes_1_to_8() {
        let leaves = ct_leaves();
        for n in 1..=8 {
            let want = CT_ROOTS[n - 1];
            assert_eq!(
                root_reference(&leaves[..n]).to_hex(),
                want,
                "reference, size {n}"
            );
            assert_eq!(
                root_parallel(&leaves[..n]).to_hex(),
                want,
                "parallel, size {n}"
            );
            assert_eq!(
                MerkleTree::new(&leaves[..n]).root().hash.to_hex(),
                want,
                "tree, size {n}"
            );
        }
    }

    #[test]
    fn ct_known_answer_inclusion_proof() {
        // From the CT reference tests: leaf 0 of the 8-leaf tree.
        let leaves = ct_leaves();
        let tree = MerkleTree::new(&leaves);
        let proof = tree.prove(0).unwrap();
        let want = [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ];
        let got: Vec<String> = proof.path.iter().map(Hash::to_hex).collect();
        assert_eq!(got, want);
        tree.root().verify_inclusion(&leaves[0], 0, &proof).unwrap();
    }

    #[test]
    fn large_odd_size_matches_reference() {
        let leaves: Vec<Vec<u8>> = (0u32..10_007).map(|i| i.to_be_bytes().to_vec()).collect();
        assert_eq!(root_parallel(&leaves), root_reference(&leaves));
        let tree = MerkleTree::new(&leaves);
        for i in [0u64, 1, 4095, 8191, 8192, 10_000, 10_006] {
            let p = tree.prove(i).unwrap();
            tree.root()
                .verify_inclusion(&leaves[i as usize], i, &p)
                .unwrap();
        }
    }

    proptest! {
        #[test]
        fn every_proof_verifies_and_fails_when_tampered(
            n in 1usize..70, pick in any::<prop::sample::Index>(), flip in any::<prop::sample::Index>()
        ) {
            let leaves: Vec<Vec<u8>> = (0..n as u32).map(|i| i.to_le_bytes().to_vec()).collect();
            let tree = MerkleTree::new(&leaves);
            prop_assert_eq!(tree.root().hash, root_reference(&leaves));
            let i = pick.index(n);
            let proof = tree.prove(i as u64).unwrap();
            let root = tree.root();
            prop_assert!(root.verify_inclusion(&leaves[i], i as u64, &proof).is_ok());
            // another leaf's bytes
            prop_assert!(root.verify_inclusion(b"not a leaf", i as u64, &proof).is_err());
            // another index
            if n > 1 {
                let j = (i + 1) % n;
                prop_assert!(root.verify_inclusion(&leaves[i], j as u64, &proof).is_err());
            }
            // a flipped path hash
            if !proof.path.is_empty() {
                let mut bad = proof.clone();
                let k = flip.index(bad.path.len());
                bad.path[k].0[0] ^= 1;
                prop_assert!(root.verify_inclusion(&leaves[i], i as u64, &bad).is_err());
                let mut short = proof.clone();
                short.path.pop();
                prop_assert!(root.verify_inclusion(&leaves[i], i as u64, &short).is_err());
            }
        }
    }

    #[test]
    fn root_builder_gives_the_same_root_as_the_whole_tree() {
        for n in 0..=130u64 {
            let hashes: Vec<Hash> = (0..n).map(|i| leaf_hash(&i.to_be_bytes())).collect();
            let mut b = RootBuilder::new();
            for h in &hashes {
                b.push(*h);
            }
            let r = b.finish();
            assert_eq!(r.size, n);
            assert_eq!(r.hash, root_from_leaf_hashes(hashes), "{n} leaves");
        }
    }
}
