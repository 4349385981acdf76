//! Key rotation and revocation (密钥轮换与吊销, `docs/LOG.md` §8): the
//! ledger entry of kind `key` that names a bureau's new keys, the **key
//! statement** (its inclusion proof in a checkpoint signed by the old and the
//! new keys) and the [`KeyChain`] a reader builds from the keys they trust
//! and the statements the bureau published.
//!
//! A [`VerifiedKeyStatement`] exists only as the result of checking one
//! against the keys in force before it.

use super::Entry;
use super::log::{EntryProofError, verify_entry_proof};
use crate::core::log::{
    CheckpointError, FileSignature, InclusionProofText, LogKeys, SignedCheckpoint, StatementError,
    VerifiedCheckpoint, VerifierKey,
};

/// What a `key` entry does (轮换 / 吊销).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAction {
    /// The keys are replaced; what the old ones signed before stays valid.
    Rotate,
    /// The old keys are withdrawn (e.g. leaked): nothing signed only by them
    /// is accepted by a reader who holds the statement.
    Revoke,
}

impl KeyAction {
    /// `rotate` or `revoke`.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyAction::Rotate => "rotate",
            KeyAction::Revoke => "revoke",
        }
    }
}

/// The body of a `key` ledger entry: `{"action", "new", "old", "reason"}`.
pub fn key_entry_body(
    action: KeyAction,
    old: &[VerifierKey],
    new: &[VerifierKey],
    reason: &str,
) -> serde_json::Value {
    let vkeys = |ks: &[VerifierKey]| ks.iter().map(VerifierKey::vkey).collect::<Vec<_>>();
    serde_json::json!({"action": action.as_str(), "old": vkeys(old), "new": vkeys(new), "reason": reason})
}

/// Why a key statement, or a signature under a key chain, is refused
/// (密钥声明无效).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyStatementError {
    /// The inclusion proof, its entry or its checkpoint is refused.
    #[error(transparent)]
    Proof(#[from] EntryProofError),
    /// The entry proved is not of kind `key`.
    #[error("the entry proved is of kind {0:?}, not a key statement (`key`)")]
    NotKeyEntry(String),
    /// The entry's body does not read as a key statement.
    #[error("the key statement's body is not valid: {0}")]
    BadBody(String),
    /// The statement's `old` keys are not the keys in force.
    #[error("the key statement replaces keys other than those in force ({0})")]
    OtherKeys(String),
    /// The entry is not the last leaf of the statement's checkpoint.
    #[error("the key entry {seq} is not the last of the checkpoint of size {size}")]
    NotLast {
        /// The entry's seq.
        seq: u64,
        /// The checkpoint's size.
        size: u64,
    },
    /// The statement's checkpoint is not signed by the new keys.
    #[error("the new keys did not sign the key statement's checkpoint: {0}")]
    UnsignedByNew(CheckpointError),
    /// Two statements at one size, or statements out of order.
    #[error("two key statements at size {0}")]
    Duplicate(u64),
    /// A checkpoint beyond a rotation signed with the keys it retired.
    #[error(
        "signed with keys retired at size {at} (key statement of entry {at}); the keys in force are {keys}"
    )]
    Retired {
        /// The size of the rotation's checkpoint.
        at: u64,
        /// The fingerprints of the keys in force.
        keys: String,
    },
    /// A signature by revoked keys.
    #[error("signed with keys revoked at size {at}: {reason}")]
    Revoked {
        /// The size of the revocation's checkpoint.
        at: u64,
        /// The reason the statement gives.
        reason: String,
    },
    /// The checkpoint is refused under the keys in force.
    #[error(transparent)]
    Checkpoint(#[from] CheckpointError),
    /// A file signature is refused.
    #[error(transparent)]
    File(#[from] StatementError),
    /// A cosigner is given a key statement for a checkpoint it has not
    /// cosigned.
    #[error(
        "the cosigner has not cosigned the key statement's checkpoint (size {size}; it holds {held:?}): cosign it first"
    )]
    NotCosigned {
        /// The size of the checkpoint the cosigner holds.
        held: Option<u64>,
        /// The statement's size.
        size: u64,
    },
}

impl KeyStatementError {
    /// A stable code.
    pub fn kind(&self) -> &'static str {
        match self {
            KeyStatementError::Proof(e) => e.kind(),
            KeyStatementError::NotKeyEntry(_) => "key-statement-not-key-entry",
            KeyStatementError::BadBody(_) => "key-statement-bad-body",
            KeyStatementError::OtherKeys(_) => "key-statement-other-keys",
            KeyStatementError::NotLast { .. } => "key-statement-not-last",
            KeyStatementError::UnsignedByNew(_) => "key-statement-unsigned-by-new",
            KeyStatementError::Duplicate(_) => "key-statement-duplicate",
            KeyStatementError::Retired { .. } => "key-retired",
            KeyStatementError::Revoked { .. } => "key-revoked",
            KeyStatementError::Checkpoint(e) => e.kind(),
            KeyStatementError::File(e) => e.kind(),
            KeyStatementError::NotCosigned { .. } => "key-statement-not-cosigned",
        }
    }
}

/// A key statement whose proof, entry and both sets of signatures verified
/// (已核验密钥声明). Only [`VerifiedKeyStatement::verify`] makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedKeyStatement {
    action: KeyAction,
    old: LogKeys,
    new: LogKeys,
    reason: String,
    entry: Entry,
    checkpoint: VerifiedCheckpoint,
}

fn fingerprints(keys: &LogKeys) -> String {
    keys.keys()
        .iter()
        .map(|k| k.fingerprint())
        .collect::<Vec<_>>()
        .join(", ")
}

fn parse_vkeys(v: &serde_json::Value, field: &str) -> Result<Vec<VerifierKey>, KeyStatementError> {
    let bad = |why: String| KeyStatementError::BadBody(format!("{field}: {why}"));
    let list = v[field]
        .as_array()
        .ok_or_else(|| bad("not a list".into()))?;
    list.iter()
        .map(|x| {
            let s = x.as_str().ok_or_else(|| bad("not a vkey".into()))?;
            VerifierKey::parse(s).map_err(|e| bad(e.to_string()))
        })
        .collect()
}

impl VerifiedKeyStatement {
    /// Verifies a key statement `text` (a `c2sp.org/tlog-proof@v1` inclusion
    /// proof of a `key` entry, `docs/LOG.md` §8) against the keys in force
    /// before it, `in_force`: the proof and its checkpoint verify under
    /// `in_force`; the entry is of kind `key`, the last leaf of the
    /// checkpoint; its `old` keys include every key of `in_force`; its `new`
    /// keys (same name) all signed the checkpoint too.
    ///
    /// # Errors
    /// [`KeyStatementError`] naming the first check that failed.
    pub fn verify(text: &[u8], in_force: &LogKeys) -> Result<Self, KeyStatementError> {
        let (entry, checkpoint) = verify_entry_proof(text, in_force, &[])?;
        if entry.kind != "key" {
            return Err(KeyStatementError::NotKeyEntry(entry.kind));
        }
        let size = checkpoint.checkpoint().size;
        if entry.seq != size {
            return Err(KeyStatementError::NotLast {
                seq: entry.seq,
                size,
            });
        }
        let body: serde_json::Value = serde_json::from_str(&entry.body)
            .map_err(|e| KeyStatementError::BadBody(e.to_string()))?;
        let action = match body["action"].as_str() {
            Some("rotate") => KeyAction::Rotate,
            Some("revoke") => KeyAction::Revoke,
            _ => return Err(KeyStatementError::BadBody("action".into())),
        };
        let reason = body["reason"]
            .as_str()
            .ok_or_else(|| KeyStatementError::BadBody("reason".into()))?
            .to_string();
        let old = parse_vkeys(&body, "old")?;
        let new = parse_vkeys(&body, "new")?;
        let new = LogKeys::new(new).map_err(|e| KeyStatementError::BadBody(format!("new: {e}")))?;
        if new.name() != in_force.name() {
            return Err(KeyStatementError::BadBody(format!(
                "new keys named {:?}, the log is {:?}",
                new.name(),
                in_force.name()
            )));
        }
        if new.keys().iter().any(|k| old.contains(k)) {
            return Err(KeyStatementError::BadBody(
                "a key is both old and new".into(),
            ));
        }
        if let Some(k) = in_force.keys().iter().find(|k| !old.contains(k)) {
            return Err(KeyStatementError::OtherKeys(k.fingerprint()));
        }
        let old = LogKeys::new(old).map_err(|e| KeyStatementError::BadBody(format!("old: {e}")))?;
        checkpoint
            .signed()
            .verify(&new, &[])
            .map_err(KeyStatementError::UnsignedByNew)?;
        Ok(VerifiedKeyStatement {
            action,
            old,
            new,
            reason,
            entry,
            checkpoint,
        })
    }

    /// Rotate or revoke.
    pub fn action(&self) -> KeyAction {
        self.action
    }

    /// The keys it retires.
    pub fn old(&self) -> &LogKeys {
        &self.old
    }

    /// The keys in force from its checkpoint on.
    pub fn new_keys(&self) -> &LogKeys {
        &self.new
    }

    /// The reason given.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// The `key` entry.
    pub fn entry(&self) -> &Entry {
        &self.entry
    }

    /// The size of its checkpoint: from this size on, the new keys sign.
    pub fn size(&self) -> u64 {
        self.checkpoint.checkpoint().size
    }
}

/// The keys a reader trusts over a log's life: the keys they were given and
/// each key statement after them, in order (密钥链).
#[derive(Debug, Clone)]
pub struct KeyChain {
    initial: LogKeys,
    steps: Vec<VerifiedKeyStatement>,
}

impl KeyChain {
    /// Verifies `statements` in the order of their checkpoints' sizes, each
    /// against the keys in force before it, starting from `initial`.
    ///
    /// # Errors
    /// [`KeyStatementError`] for the first statement refused.
    pub fn new(initial: LogKeys, statements: &[Vec<u8>]) -> Result<Self, KeyStatementError> {
        let mut sized = statements
            .iter()
            .map(|s| {
                InclusionProofText::parse(s)
                    .map(|p| (p.checkpoint.checkpoint().size, s))
                    .map_err(|e| KeyStatementError::Proof(EntryProofError::Proof(e)))
            })
            .collect::<Result<Vec<_>, _>>()?;
        sized.sort_by_key(|(size, _)| *size);
        let mut chain = KeyChain {
            initial,
            steps: Vec::new(),
        };
        for (size, text) in sized {
            if chain.steps.last().is_some_and(|s| s.size() == size) {
                return Err(KeyStatementError::Duplicate(size));
            }
            let step = VerifiedKeyStatement::verify(text, chain.latest())?;
            chain.steps.push(step);
        }
        Ok(chain)
    }

    /// A chain of one set of keys, no statements.
    pub fn of(keys: LogKeys) -> Self {
        KeyChain {
            initial: keys,
            steps: Vec::new(),
        }
    }

    /// The statements, in order.
    pub fn statements(&self) -> &[VerifiedKeyStatement] {
        &self.steps
    }

    /// The keys in force now (after every statement).
    pub fn latest(&self) -> &LogKeys {
        self.steps
            .last()
            .map_or(&self.initial, VerifiedKeyStatement::new_keys)
    }

    /// The keys that sign checkpoints of `size`.
    pub fn keys_for(&self, size: u64) -> &LogKeys {
        self.steps
            .iter()
            .rev()
            .find(|s| s.size() <= size)
            .map_or(&self.initial, VerifiedKeyStatement::new_keys)
    }

    /// The keys a checkpoint (as read) must be verified with: those in force
    /// at its size. When they do not verify it but keys a statement retired
    /// do, the error says so.
    ///
    /// # Errors
    /// [`KeyStatementError::Retired`], [`KeyStatementError::Revoked`] or the
    /// checkpoint's error under the keys in force.
    pub fn keys_checked_for(
        &self,
        signed: &SignedCheckpoint,
    ) -> Result<&LogKeys, KeyStatementError> {
        let size = signed.checkpoint().size;
        let keys = self.keys_for(size);
        match signed.verify(keys, &[]) {
            Ok(_) => Ok(keys),
            Err(e) => {
                for s in &self.steps {
                    if s.old() != keys && signed.verify(s.old(), &[]).is_ok() {
                        return Err(self.retired_error(s));
                    }
                }
                Err(KeyStatementError::Checkpoint(e))
            }
        }
    }

    fn retired_error(&self, s: &VerifiedKeyStatement) -> KeyStatementError {
        match s.action() {
            KeyAction::Revoke => KeyStatementError::Revoked {
                at: s.size(),
                reason: s.reason().to_string(),
            },
            KeyAction::Rotate => KeyStatementError::Retired {
                at: s.size(),
                keys: fingerprints(self.latest()),
            },
        }
    }

    /// Verifies a detached file signature (`docs/LOG.md` §6): by the keys in
    /// force now, or by keys a `rotate` statement retired (the size it
    /// happened is returned); keys a `revoke` statement withdrew are refused.
    ///
    /// # Errors
    /// [`KeyStatementError::Revoked`] or the signature's error under the keys
    /// in force.
    pub fn verify_file_signature(
        &self,
        sig: &[u8],
    ) -> Result<(FileSignature, Option<u64>), KeyStatementError> {
        let first = match FileSignature::verify(sig, self.latest()) {
            Ok(f) => return Ok((f, None)),
            Err(e) => e,
        };
        for s in self.steps.iter().rev() {
            if let Ok(f) = FileSignature::verify(sig, s.old()) {
                return match s.action() {
                    KeyAction::Rotate => Ok((f, Some(s.size()))),
                    KeyAction::Revoke => Err(self.retired_error(s)),
                };
            }
        }
        Err(KeyStatementError::File(first))
    }
}

/// Chooses from a province's key list (`docs/LOG.md` §2) the keys named
/// `origin`; `None` when it lists none.
pub fn keys_from_list(list: &[VerifierKey], origin: &str) -> Option<LogKeys> {
    let keys: Vec<VerifierKey> = list
        .iter()
        .filter(|k| k.name() == origin && k.key_type() != crate::core::log::KeyType::Cosignature)
        .cloned()
        .collect();
    LogKeys::new(keys).ok()
}

/// A cosigner takes a key statement (`dualdraw cosigner follow
/// --key-statement`): it must verify under the keys the cosigner records
/// for the log, and its checkpoint must be the one the cosigner last
/// cosigned; the log's new keys are then recorded.
///
/// # Errors
/// [`KeyStatementError`]; [`KeyStatementError::NotCosigned`] when the
/// cosigner has not cosigned the statement's checkpoint.
pub fn cosigner_takes_statement(
    state: &mut crate::core::log::CosignerState,
    text: &[u8],
) -> Result<VerifiedKeyStatement, KeyStatementError> {
    let origin = InclusionProofText::parse(text)
        .map_err(|e| KeyStatementError::Proof(EntryProofError::Proof(e)))?
        .checkpoint
        .checkpoint()
        .origin
        .clone();
    let followed = state.logs.get(&origin).ok_or_else(|| {
        KeyStatementError::OtherKeys(format!("the log {origin:?} is not followed"))
    })?;
    let recorded = followed
        .keys
        .iter()
        .map(|v| VerifierKey::parse(v))
        .collect::<Result<Vec<_>, _>>()
        .and_then(LogKeys::new)
        .map_err(|e| KeyStatementError::OtherKeys(e.to_string()))?;
    let statement = VerifiedKeyStatement::verify(text, &recorded)?;
    let held = followed
        .checkpoint
        .as_deref()
        .and_then(|c| SignedCheckpoint::parse(c.as_bytes()).ok());
    let same = held.as_ref().is_some_and(|h| {
        let (a, b) = (h.checkpoint(), statement.checkpoint.checkpoint());
        a.size == b.size && a.root == b.root
    });
    if !same {
        return Err(KeyStatementError::NotCosigned {
            held: held.map(|h| h.checkpoint().size),
            size: statement.size(),
        });
    }
    state
        .follow(statement.new_keys().keys())
        .map_err(|e| KeyStatementError::BadBody(e.to_string()))?;
    Ok(statement)
}
