//! The signed log (签名日志, `docs/LOG.md`): ledger entries as RFC 6962
//! leaves, Ed25519 and SM2 keys, signed notes and checkpoints, inclusion and
//! consistency proof texts, cosigners, fork proofs, file signatures and
//! attestations. Pure: texts and keys in, texts and typed verdicts out.
//!
//! What a reader may trust comes only from verifying: a [`VerifiedNote`] or
//! [`VerifiedCheckpoint`] exists only as the result of checking signatures
//! against keys the reader was given.

pub mod checkpoint;
pub mod consistency;
pub mod cosigner;
pub mod fork;
pub mod keys;
pub mod leaf;
pub mod note;
pub mod policy;
pub mod proofs;
pub mod signer;
pub mod statements;

#[cfg(test)]
mod tests;

pub use checkpoint::{Checkpoint, CheckpointError, LogKeys, SignedCheckpoint, VerifiedCheckpoint};
pub use consistency::{ConsistencyError, ConsistencyProof};
pub use cosigner::{Cosigned, CosignerState, FollowedLog, Refusal};
pub use fork::{ForkError, ForkKind, ForkProof, ForkVerdict};
pub use keys::{KeyError, KeyType, VerifierKey, fingerprint, key_id};
pub use leaf::{entry_leaf_hash, leaf_data};
pub use note::{Note, NoteError, SignatureLine, VerifiedNote};
pub use policy::{Policy, PolicyError};
pub use proofs::{AddCheckpoint, InclusionProofText, LogProofError, TLOG_PROOF_HEADER};
pub use signer::Signer;
pub use statements::{Attestation, FileSignature, StatementError};
