//! The cosigner (共同签署人, `docs/LOG.md` §5) as a pure state machine:
//! state + add-checkpoint request + now → cosignature and new state, or a
//! typed refusal, with a fork proof when the bureau signed a fork.

use super::checkpoint::{LogKeys, SignedCheckpoint};
use super::fork::{ForkKind, ForkProof};
use super::keys::{KeyError, KeyType, VerifierKey};
use super::note::SignatureLine;
use super::proofs::{AddCheckpoint, LogProofError};
use super::signer::Signer;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The `format` of a cosigner state file.
pub const STATE_FORMAT: &str = "dualdraw-cosigner-state/v1";

/// One log a cosigner follows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowedLog {
    /// The log's vkeys (its Ed25519 and SM2 keys).
    pub keys: Vec<String>,
    /// The last checkpoint cosigned, verbatim (`None` before the first).
    pub checkpoint: Option<String>,
}

/// A cosigner's state file (共同签署人状态): its name and secret, and per
/// origin the log's keys and last cosigned checkpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CosignerState {
    /// Always [`STATE_FORMAT`].
    pub format: String,
    /// The cosigner's name.
    pub name: String,
    /// The cosigner's Ed25519 seed, base64 (keep the file owner-only).
    pub secret: String,
    /// Followed logs by origin.
    pub logs: BTreeMap<String, FollowedLog>,
}

/// Why a request is refused (拒绝共同签署), with the `tlog-witness` HTTP
/// status it corresponds to.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The state file is unusable.
    #[error("the cosigner state is unusable: {0}")]
    BadState(String),
    /// The request is malformed (400).
    #[error(transparent)]
    Malformed(LogProofError),
    /// The origin is not followed (404).
    #[error("this cosigner does not follow {0:?}")]
    UnknownOrigin(String),
    /// The bureau's signatures do not verify (403).
    #[error("the checkpoint is not properly signed by the log: {0}")]
    Unsigned(String),
    /// `old` is larger than the checkpoint (400).
    #[error("old size {old} is larger than the checkpoint size {size}")]
    OldLarger {
        /// `old`.
        old: u64,
        /// Checkpoint size.
        size: u64,
    },
    /// `old` is not the size last cosigned (409).
    #[error("old size {old} is not the size last cosigned, {held}")]
    Conflict {
        /// `old`.
        old: u64,
        /// The size held.
        held: u64,
    },
    /// A proof from size 0 must be empty (422).
    #[error("a proof from size 0 must be empty")]
    ProofNotEmpty,
    /// The bureau signed a checkpoint that cannot extend the one held (422):
    /// a fork or a rollback, with its proof.
    #[error("fork: the log signed a {} checkpoint that does not extend the one cosigned", .0.kind.as_str())]
    Fork(Box<ForkProof>),
}

impl Refusal {
    /// A stable code.
    pub fn kind(&self) -> &'static str {
        match self {
            Refusal::BadState(_) => "cosigner-bad-state",
            Refusal::Malformed(_) => "cosigner-malformed-request",
            Refusal::UnknownOrigin(_) => "cosigner-unknown-origin",
            Refusal::Unsigned(_) => "cosigner-unsigned",
            Refusal::OldLarger { .. } => "cosigner-old-larger",
            Refusal::Conflict { .. } => "cosigner-conflict",
            Refusal::ProofNotEmpty => "cosigner-proof-not-empty",
            Refusal::Fork(p) => match p.kind {
                ForkKind::SameSize => "fork-same-size",
                ForkKind::Rollback => "fork-rollback",
                ForkKind::Inconsistent => "fork-inconsistent",
            },
        }
    }

    /// The `tlog-witness` HTTP status this refusal would be.
    pub fn http_status(&self) -> u16 {
        match self {
            Refusal::BadState(_) => 500,
            Refusal::Malformed(_) | Refusal::OldLarger { .. } => 400,
            Refusal::UnknownOrigin(_) => 404,
            Refusal::Unsigned(_) => 403,
            Refusal::Conflict { .. } => 409,
            Refusal::ProofNotEmpty | Refusal::Fork(_) => 422,
        }
    }
}

/// A cosignature made (已共同签署).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cosigned {
    /// The cosignature line.
    pub line: SignatureLine,
    /// The checkpoint with the cosignature added.
    pub checkpoint: SignedCheckpoint,
    /// The state to write (atomically) before answering.
    pub state: CosignerState,
}

impl CosignerState {
    /// A new state for `signer` (a [`KeyType::Cosignature`] key) following no log.
    pub fn new(signer: &Signer) -> Self {
        CosignerState {
            format: STATE_FORMAT.to_string(),
            name: signer.verifier().name().to_string(),
            secret: B64.encode(signer.secret_bytes()),
            logs: BTreeMap::new(),
        }
    }

    /// The cosigner key held in the state.
    ///
    /// # Errors
    /// [`KeyError`] when the secret or name is unusable.
    pub fn signer(&self) -> Result<Signer, KeyError> {
        let bytes = B64
            .decode(&self.secret)
            .map_err(|_| KeyError::BadSecret("Ed25519"))?;
        let seed: [u8; 32] = bytes
            .try_into()
            .map_err(|_| KeyError::BadSecret("Ed25519"))?;
        Signer::from_secret(&self.name, KeyType::Cosignature, &seed)
    }

    /// Follows (or re-keys) the log whose keys are `keys`.
    ///
    /// # Errors
    /// [`KeyError`] when the keys do not form one log.
    pub fn follow(&mut self, keys: &[VerifierKey]) -> Result<(), KeyError> {
        let log = LogKeys::new(keys.to_vec())?;
        let entry = self
            .logs
            .entry(log.name().to_string())
            .or_insert(FollowedLog {
                keys: Vec::new(),
                checkpoint: None,
            });
        entry.keys = keys.iter().map(VerifierKey::vkey).collect();
        Ok(())
    }

    /// Handles one add-checkpoint request at POSIX time `now`.
    ///
    /// # Errors
    /// [`Refusal`], with a fork proof when the log forked or rolled back.
    pub fn cosign(&self, request: &[u8], now: u64) -> Result<Cosigned, Refusal> {
        if self.format != STATE_FORMAT {
            return Err(Refusal::BadState(format!("format {:?}", self.format)));
        }
        let signer = self
            .signer()
            .map_err(|e| Refusal::BadState(e.to_string()))?;
        let req = AddCheckpoint::parse(request).map_err(Refusal::Malformed)?;
        let origin = req.checkpoint.checkpoint().origin.clone();
        let followed = self
            .logs
            .get(&origin)
            .ok_or_else(|| Refusal::UnknownOrigin(origin.clone()))?;
        let keys = followed
            .keys
            .iter()
            .map(|k| VerifierKey::parse(k))
            .collect::<Result<Vec<_>, _>>()
            .and_then(LogKeys::new)
            .map_err(|e| Refusal::BadState(e.to_string()))?;
        let newer = req
            .checkpoint
            .verify(&keys, &[])
            .map_err(|e| Refusal::Unsigned(e.to_string()))?;
        let new = newer.checkpoint();
        let held = match &followed.checkpoint {
            None => None,
            Some(text) => Some(
                SignedCheckpoint::parse(text.as_bytes())
                    .map_err(|e| Refusal::BadState(e.to_string()))?,
            ),
        };
        let held_size = held.as_ref().map_or(0, |h| h.checkpoint().size);
        if let Some(h) = &held {
            let hc = h.checkpoint();
            let fork = |kind, request: Option<AddCheckpoint>| {
                Refusal::Fork(Box::new(ForkProof {
                    kind,
                    held: strip_cosignatures(h, &keys),
                    refused: strip_cosignatures(&req.checkpoint, &keys),
                    request,
                }))
            };
            if new.size == hc.size && new.root != hc.root {
                return Err(fork(ForkKind::SameSize, None));
            }
            if new.size < hc.size {
                return Err(fork(ForkKind::Rollback, None));
            }
            if req.old == hc.size
                && hc
                    .merkle_root()
                    .verify_consistency(&new.merkle_root(), &req.proof)
                    .is_err()
            {
                return Err(fork(ForkKind::Inconsistent, Some(req.clone())));
            }
        }
        if req.old > new.size {
            return Err(Refusal::OldLarger {
                old: req.old,
                size: new.size,
            });
        }
        if req.old != held_size {
            return Err(Refusal::Conflict {
                old: req.old,
                held: held_size,
            });
        }
        if req.old == 0 && !req.proof.path.is_empty() {
            return Err(Refusal::ProofNotEmpty);
        }
        let line = signer
            .cosign(&new.text(), now)
            .map_err(|e| Refusal::BadState(e.to_string()))?;
        let mut checkpoint = req.checkpoint.clone();
        checkpoint.push(line.clone());
        let mut state = self.clone();
        if let Some(f) = state.logs.get_mut(&origin) {
            f.checkpoint = Some(checkpoint.to_text());
        }
        Ok(Cosigned {
            line,
            checkpoint,
            state,
        })
    }
}

/// The checkpoint with only the log's own signature lines (a fork proof
/// carries what the bureau signed).
fn strip_cosignatures(c: &SignedCheckpoint, keys: &LogKeys) -> SignedCheckpoint {
    let mut out = c.clone();
    out.retain_signatures(|line| {
        keys.keys()
            .iter()
            .any(|k| k.name() == line.name && k.key_id() == line.key_id)
    });
    out
}
