//! Proof texts (证明文本, `docs/LOG.md` §4): the `c2sp.org/tlog-proof@v1`
//! inclusion proof and the `c2sp.org/tlog-witness` add-checkpoint body.

use super::checkpoint::{
    CheckpointError, LogKeys, SignedCheckpoint, VerifiedCheckpoint, decode_hash, encode_hash,
    parse_decimal,
};
use super::consistency::{ConsistencyError, ConsistencyProof};
use super::keys::VerifierKey;
use super::note::MAX_NOTE_BYTES;
use crate::core::merkle::{Hash, InclusionProof, ProofError};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;

/// The first line of an inclusion proof.
pub const TLOG_PROOF_HEADER: &str = "c2sp.org/tlog-proof@v1";

/// The most consistency proof lines an add-checkpoint body may have.
pub const MAX_CONSISTENCY_LINES: usize = 63;

/// Why a proof text is refused (证明无效).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LogProofError {
    /// The text is not in the format.
    #[error("malformed proof text: {0}")]
    Malformed(String),
    /// The checkpoint in it is refused.
    #[error(transparent)]
    Checkpoint(#[from] CheckpointError),
    /// The inclusion path does not lead to the checkpoint's root.
    #[error(transparent)]
    Inclusion(#[from] ProofError),
    /// The consistency proof fails.
    #[error(transparent)]
    Consistency(#[from] ConsistencyError),
    /// `old` is not the size of the older checkpoint given.
    #[error("the proof is from size {got}, the older checkpoint has size {want}")]
    OldSize {
        /// `old` in the body.
        got: u64,
        /// The older checkpoint's size.
        want: u64,
    },
}

impl LogProofError {
    /// A stable code for this error.
    pub fn kind(&self) -> &'static str {
        match self {
            LogProofError::Malformed(_) => "proof-malformed",
            LogProofError::Checkpoint(e) => e.kind(),
            LogProofError::Inclusion(_) => "inclusion-failed",
            LogProofError::Consistency(e) => e.kind(),
            LogProofError::OldSize { .. } => "consistency-old-size",
        }
    }
}

fn malformed(why: &str) -> LogProofError {
    LogProofError::Malformed(why.to_string())
}

/// Reads hash lines up to the empty line; returns them and the rest.
fn hash_lines(mut rest: &str, max: usize) -> Result<(Vec<Hash>, &str), LogProofError> {
    let mut hashes = Vec::new();
    loop {
        let (line, after) = rest
            .split_once('\n')
            .ok_or_else(|| malformed("no empty line before the checkpoint"))?;
        rest = after;
        if line.is_empty() {
            return Ok((hashes, rest));
        }
        if hashes.len() == max {
            return Err(malformed("too many hash lines"));
        }
        hashes.push(decode_hash(line).ok_or_else(|| malformed("bad hash line"))?);
    }
}

fn check_size(bytes: &[u8]) -> Result<&str, LogProofError> {
    if bytes.len() > 2 * MAX_NOTE_BYTES {
        return Err(malformed("larger than 128 KiB"));
    }
    std::str::from_utf8(bytes).map_err(|_| malformed("not UTF-8"))
}

/// An inclusion proof text (包含证明文本).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InclusionProofText {
    /// The `extra` data (for the ledger, the entry as one JSON line).
    pub extra: Option<Vec<u8>>,
    /// The leaf index.
    pub index: u64,
    /// The RFC 6962 inclusion path, leaf sibling first.
    pub path: Vec<Hash>,
    /// The checkpoint, verbatim.
    pub checkpoint: SignedCheckpoint,
}

impl InclusionProofText {
    /// The text.
    pub fn to_text(&self) -> String {
        let mut s = format!("{TLOG_PROOF_HEADER}\n");
        if let Some(extra) = &self.extra {
            s.push_str(&format!("extra {}\n", B64.encode(extra)));
        }
        s.push_str(&format!("index {}\n", self.index));
        for h in &self.path {
            s.push_str(&encode_hash(h));
            s.push('\n');
        }
        s.push('\n');
        s.push_str(&self.checkpoint.to_text());
        s
    }

    /// Parses the text.
    ///
    /// # Errors
    /// [`LogProofError`].
    pub fn parse(bytes: &[u8]) -> Result<Self, LogProofError> {
        let s = check_size(bytes)?;
        let rest = s
            .strip_prefix(TLOG_PROOF_HEADER)
            .and_then(|r| r.strip_prefix('\n'))
            .ok_or_else(|| malformed("first line is not c2sp.org/tlog-proof@v1"))?;
        let (mut line, mut rest) = rest
            .split_once('\n')
            .ok_or_else(|| malformed("no index line"))?;
        let mut extra = None;
        if let Some(b64) = line.strip_prefix("extra ") {
            extra = Some(B64.decode(b64).map_err(|_| malformed("bad extra"))?);
            (line, rest) = rest
                .split_once('\n')
                .ok_or_else(|| malformed("no index line"))?;
        }
        let index = line
            .strip_prefix("index ")
            .and_then(parse_decimal)
            .ok_or_else(|| malformed("bad index line"))?;
        let (path, rest) = hash_lines(rest, 64)?;
        let checkpoint = SignedCheckpoint::parse(rest.as_bytes())?;
        Ok(InclusionProofText {
            extra,
            index,
            path,
            checkpoint,
        })
    }

    /// Verifies the checkpoint with `log` (and `cosigners`) and that
    /// `leaf_hash` is leaf [`InclusionProofText::index`] of its tree.
    ///
    /// # Errors
    /// [`LogProofError`].
    pub fn verify(
        &self,
        leaf_hash: &Hash,
        log: &LogKeys,
        cosigners: &[VerifierKey],
    ) -> Result<VerifiedCheckpoint, LogProofError> {
        let verified = self.checkpoint.verify(log, cosigners)?;
        verified.checkpoint().merkle_root().verify_inclusion_hash(
            leaf_hash,
            self.index,
            &InclusionProof {
                path: self.path.clone(),
            },
        )?;
        Ok(verified)
    }
}

/// An add-checkpoint body (一致性证明文本, `c2sp.org/tlog-witness`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddCheckpoint {
    /// The older size.
    pub old: u64,
    /// The consistency proof from `old` to the checkpoint's size.
    pub proof: ConsistencyProof,
    /// The checkpoint, verbatim.
    pub checkpoint: SignedCheckpoint,
}

impl AddCheckpoint {
    /// The text.
    pub fn to_text(&self) -> String {
        let mut s = format!("old {}\n", self.old);
        for h in &self.proof.path {
            s.push_str(&encode_hash(h));
            s.push('\n');
        }
        s.push('\n');
        s.push_str(&self.checkpoint.to_text());
        s
    }

    /// Parses the text (at most 63 proof lines).
    ///
    /// # Errors
    /// [`LogProofError`].
    pub fn parse(bytes: &[u8]) -> Result<Self, LogProofError> {
        let s = check_size(bytes)?;
        let (line, rest) = s.split_once('\n').ok_or_else(|| malformed("no old line"))?;
        let old = line
            .strip_prefix("old ")
            .and_then(parse_decimal)
            .ok_or_else(|| malformed("bad old line"))?;
        let (path, rest) = hash_lines(rest, MAX_CONSISTENCY_LINES)?;
        let checkpoint = SignedCheckpoint::parse(rest.as_bytes())?;
        Ok(AddCheckpoint {
            old,
            proof: ConsistencyProof { path },
            checkpoint,
        })
    }

    /// Verifies the checkpoint with `log` and that it extends `older`.
    ///
    /// # Errors
    /// [`LogProofError`].
    pub fn verify_extends(
        &self,
        older: &VerifiedCheckpoint,
        log: &LogKeys,
        cosigners: &[VerifierKey],
    ) -> Result<VerifiedCheckpoint, LogProofError> {
        let newer = self.checkpoint.verify(log, cosigners)?;
        let old = older.checkpoint();
        if self.old != old.size {
            return Err(LogProofError::OldSize {
                got: self.old,
                want: old.size,
            });
        }
        old.merkle_root()
            .verify_consistency(&newer.checkpoint().merkle_root(), &self.proof)?;
        Ok(newer)
    }
}
