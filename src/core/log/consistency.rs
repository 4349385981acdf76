//! RFC 6962 consistency proofs (一致性证明): made from a whole tree by
//! RFC 6962 §2.1.2 and checked by RFC 9162 §2.1.4.2, beside the inclusion
//! proofs of [`crate::core::merkle`].

use crate::core::merkle::{Hash, MerkleRoot, MerkleTree, empty_root, node_hash};
use serde::{Deserialize, Serialize};

/// A consistency proof (一致性证明) from an older tree size to a newer one:
/// the node hashes RFC 6962 §2.1.2 lists, in its order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ConsistencyProof {
    /// The hashes, as `SUBPROOF` appends them.
    pub path: Vec<Hash>,
}

/// Why a consistency proof fails (一致性证明核验失败).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConsistencyError {
    /// The older size is larger than the newer one.
    #[error("the older tree size {old} is larger than the newer size {new}")]
    OldLarger {
        /// Older size claimed.
        old: u64,
        /// Newer size claimed.
        new: u64,
    },
    /// A proof between equal sizes, or from the empty tree, must be empty.
    #[error("the proof must be empty from size {old} to size {new}, it has {got} hashes")]
    NotEmpty {
        /// Older size.
        old: u64,
        /// Newer size.
        new: u64,
        /// Hashes found.
        got: usize,
    },
    /// Equal sizes with different roots.
    #[error("two trees of size {size} have different roots {old} and {new}")]
    SameSizeDifferentRoots {
        /// The size.
        size: u64,
        /// The older root.
        old: Hash,
        /// The newer root.
        new: Hash,
    },
    /// A tree of size 0 whose root is not `SHA-256("")`.
    #[error("a tree of size 0 must have the empty tree's root")]
    EmptyRoot,
    /// The proof has too few or too many hashes.
    #[error("the proof from size {old} to size {new} has the wrong number of hashes ({got})")]
    PathLength {
        /// Older size.
        old: u64,
        /// Newer size.
        new: u64,
        /// Hashes found.
        got: usize,
    },
    /// The hashes do not lead to both roots.
    #[error("the proof from size {old} to size {new} does not lead to both roots")]
    RootMismatch {
        /// Older size.
        old: u64,
        /// Newer size.
        new: u64,
    },
}

impl ConsistencyError {
    /// A stable code for this failure (for `--json` and the vectors).
    pub fn kind(&self) -> &'static str {
        match self {
            ConsistencyError::OldLarger { .. } => "consistency-old-larger",
            ConsistencyError::NotEmpty { .. } => "consistency-not-empty",
            ConsistencyError::SameSizeDifferentRoots { .. } => "consistency-same-size-roots-differ",
            ConsistencyError::EmptyRoot => "consistency-empty-root",
            ConsistencyError::PathLength { .. } => "consistency-path-length",
            ConsistencyError::RootMismatch { .. } => "consistency-root-mismatch",
        }
    }
}

impl MerkleTree {
    /// The consistency proof from the first `old` leaves to the whole tree
    /// (RFC 6962 §2.1.2), or `None` when `old` is larger than the tree.
    /// Empty when `old` is 0 or the tree size.
    pub fn prove_consistency(&self, old: u64) -> Option<ConsistencyProof> {
        let n = self.size();
        if old > n {
            return None;
        }
        let mut path = Vec::new();
        if old > 0 && old < n {
            self.subproof(old, 0, n, true, &mut path)?;
        }
        Some(ConsistencyProof { path })
    }

    /// `SUBPROOF(m, D[start:end], b)` of RFC 6962 §2.1.2, leaves offset by
    /// `start`.
    fn subproof(
        &self,
        m: u64,
        start: u64,
        end: u64,
        whole: bool,
        out: &mut Vec<Hash>,
    ) -> Option<()> {
        let n = end - start;
        if m == n {
            if !whole {
                out.push(self.node(start, end)?);
            }
            return Some(());
        }
        let mut k = 1u64;
        while k * 2 < n {
            k *= 2;
        }
        if m <= k {
            self.subproof(m, start, start + k, whole, out)?;
            out.push(self.node(start + k, end)?);
        } else {
            self.subproof(m - k, start + k, end, false, out)?;
            out.push(self.node(start, start + k)?);
        }
        Some(())
    }
}

impl MerkleRoot {
    /// Checks that this (older) tree is a prefix of `newer`, by RFC 9162
    /// §2.1.4.2. The empty tree (root `SHA-256("")`) is a prefix of every tree
    /// (empty proof, as `c2sp.org/tlog-witness` says); equal
    /// sizes need equal roots and an empty proof.
    ///
    /// # Errors
    /// [`ConsistencyError`] saying what does not hold.
    pub fn verify_consistency(
        &self,
        newer: &MerkleRoot,
        proof: &ConsistencyProof,
    ) -> Result<(), ConsistencyError> {
        let (m, n) = (self.size, newer.size);
        let path = &proof.path;
        if m > n {
            return Err(ConsistencyError::OldLarger { old: m, new: n });
        }
        if m == 0 && self.hash != empty_root() {
            return Err(ConsistencyError::EmptyRoot);
        }
        if m == 0 || m == n {
            if !path.is_empty() {
                return Err(ConsistencyError::NotEmpty {
                    old: m,
                    new: n,
                    got: path.len(),
                });
            }
            if m == n && self.hash != newer.hash {
                return Err(ConsistencyError::SameSizeDifferentRoots {
                    size: m,
                    old: self.hash,
                    new: newer.hash,
                });
            }
            return Ok(());
        }
        let length = || ConsistencyError::PathLength {
            old: m,
            new: n,
            got: path.len(),
        };
        // 2. If first is an exact power of 2, prepend first_hash.
        let mut hashes: Vec<Hash> = Vec::with_capacity(path.len() + 1);
        if m.is_power_of_two() {
            hashes.push(self.hash);
        }
        hashes.extend_from_slice(path);
        let Some((first, rest)) = hashes.split_first() else {
            return Err(length());
        };
        // 3.–4.
        let mut fn_ = m - 1;
        let mut sn = n - 1;
        while fn_ & 1 == 1 {
            fn_ >>= 1;
            sn >>= 1;
        }
        // 5.
        let mut fr = *first;
        let mut sr = *first;
        // 6.
        for c in rest {
            if sn == 0 {
                return Err(length());
            }
            if fn_ & 1 == 1 || fn_ == sn {
                fr = node_hash(c, &fr);
                sr = node_hash(c, &sr);
                if fn_ & 1 == 0 {
                    while fn_ & 1 == 0 && fn_ != 0 {
                        fn_ >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = node_hash(&sr, c);
            }
            fn_ >>= 1;
            sn >>= 1;
        }
        // 7.
        if sn != 0 {
            return Err(length());
        }
        if fr != self.hash || sr != newer.hash {
            return Err(ConsistencyError::RootMismatch { old: m, new: n });
        }
        Ok(())
    }
}
