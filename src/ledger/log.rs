//! Ledger entries in the signed log (`docs/LOG.md` §1, §4): the tree over a
//! ledger, inclusion proofs whose `extra` is the entry, and their check.

use super::Entry;
use crate::core::log::{
    CheckpointError, InclusionProofText, LogKeys, LogProofError, SignedCheckpoint,
    VerifiedCheckpoint, VerifierKey, entry_leaf_hash,
};
use crate::core::merkle::{Hash, MerkleTree};

/// The Merkle tree over a whole ledger (entries in `seq` order).
pub fn ledger_tree(entries: &[Entry]) -> MerkleTree {
    MerkleTree::from_leaf_hashes(
        entries
            .iter()
            .map(|e| entry_leaf_hash(e.seq, &e.hash))
            .collect(),
    )
}

/// Why an entry's inclusion proof is refused (台账条目包含证明无效).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntryProofError {
    /// The proof text or its checkpoint is refused.
    #[error(transparent)]
    Proof(#[from] LogProofError),
    /// No `extra` line, or one that is not a ledger entry.
    #[error("the proof's extra is not a ledger entry: {0}")]
    BadExtra(String),
    /// The entry's fields do not give its `hash`.
    #[error("entry {0}'s fields do not give its hash")]
    EntryHash(u64),
    /// `index` is not `seq − 1`.
    #[error("index {index} is not entry {seq}'s")]
    Index {
        /// The index in the proof.
        index: u64,
        /// The entry's seq.
        seq: u64,
    },
    /// The entry is not the draw of this proof file.
    #[error("the entry is not the draw of this proof: {0}")]
    NotThisDraw(&'static str),
}

impl EntryProofError {
    /// A stable code.
    pub fn kind(&self) -> &'static str {
        match self {
            EntryProofError::Proof(e) => e.kind(),
            EntryProofError::BadExtra(_) => "entry-bad-extra",
            EntryProofError::EntryHash(_) => "entry-hash-mismatch",
            EntryProofError::Index { .. } => "entry-index-mismatch",
            EntryProofError::NotThisDraw(_) => "entry-not-this-draw",
        }
    }
}

impl From<CheckpointError> for EntryProofError {
    fn from(e: CheckpointError) -> Self {
        EntryProofError::Proof(LogProofError::Checkpoint(e))
    }
}

/// The inclusion proof text of `entry` in `tree` under `checkpoint` (which
/// must be of `tree`'s size), or `None` when the entry is not in the tree.
pub fn prove_entry(
    entry: &Entry,
    tree: &MerkleTree,
    checkpoint: SignedCheckpoint,
) -> Option<InclusionProofText> {
    let index = entry.seq.checked_sub(1)?;
    let path = tree.prove(index)?.path;
    let extra = serde_json::to_string(entry).ok()?.into_bytes();
    Some(InclusionProofText {
        extra: Some(extra),
        index,
        path,
        checkpoint,
    })
}

/// Verifies an entry's inclusion proof text: the entry in `extra` gives its
/// hash, `index = seq − 1`, its leaf is in the signed tree.
///
/// # Errors
/// [`EntryProofError`].
pub fn verify_entry_proof(
    text: &[u8],
    log: &LogKeys,
    cosigners: &[VerifierKey],
) -> Result<(Entry, VerifiedCheckpoint), EntryProofError> {
    let proof = InclusionProofText::parse(text)?;
    let extra = proof
        .extra
        .as_deref()
        .ok_or_else(|| EntryProofError::BadExtra("missing".into()))?;
    let entry: Entry =
        serde_json::from_slice(extra).map_err(|e| EntryProofError::BadExtra(e.to_string()))?;
    if entry.compute_hash() != entry.hash {
        return Err(EntryProofError::EntryHash(entry.seq));
    }
    if entry.seq.checked_sub(1) != Some(proof.index) {
        return Err(EntryProofError::Index {
            index: proof.index,
            seq: entry.seq,
        });
    }
    let leaf = entry_leaf_hash(entry.seq, &entry.hash);
    let verified = proof.verify(&leaf, log, cosigners)?;
    Ok((entry, verified))
}

/// Checks that `entry` is the draw of campaign `campaign` whose proof file is
/// `proof_bytes` under announcement `announcement_hash` (`docs/LOG.md` §4).
///
/// # Errors
/// [`EntryProofError::NotThisDraw`] naming the field that differs.
pub fn check_draw_entry(
    entry: &Entry,
    campaign: &str,
    proof_bytes: &[u8],
    announcement_hash: &Hash,
) -> Result<(), EntryProofError> {
    if entry.kind != "draw" {
        return Err(EntryProofError::NotThisDraw("kind"));
    }
    if entry.campaign != campaign {
        return Err(EntryProofError::NotThisDraw("campaign"));
    }
    let body: serde_json::Value =
        serde_json::from_str(&entry.body).map_err(|_| EntryProofError::NotThisDraw("body"))?;
    let field = |k: &str| body[k].as_str().and_then(|s| Hash::from_hex(s).ok());
    if field("proof_sha256") != Some(Hash::digest(proof_bytes)) {
        return Err(EntryProofError::NotThisDraw("proof_sha256"));
    }
    if field("announcement_hash") != Some(*announcement_hash) {
        return Err(EntryProofError::NotThisDraw("announcement_hash"));
    }
    Ok(())
}
