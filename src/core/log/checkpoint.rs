//! Checkpoints (检查点, `c2sp.org/tlog-checkpoint`, `docs/LOG.md` §3): the
//! signed tree size and root, and the keys that must sign them.

use super::keys::{KeyError, KeyType, VerifierKey, check_name};
use super::note::{Note, NoteError, VerifiedNote};
use super::signer::Signer;
use crate::core::merkle::{Hash, MerkleRoot, empty_root};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;

/// A checkpoint's text: origin, tree size and root (no extension lines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// The log's origin (its name).
    pub origin: String,
    /// The tree size.
    pub size: u64,
    /// The root hash.
    pub root: Hash,
}

/// Why a checkpoint is refused (检查点无效).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckpointError {
    /// The note itself is malformed or its signatures fail.
    #[error(transparent)]
    Note(#[from] NoteError),
    /// The text is not three lines origin / size / root.
    #[error("the checkpoint text is not origin, size and root: {0}")]
    BadText(String),
    /// A size-0 checkpoint whose root is not `SHA-256("")`.
    #[error("a checkpoint of size 0 must have the empty tree's root")]
    EmptyRoot,
    /// The origin is not the one the keys name.
    #[error("the checkpoint is from {got:?}, the keys given are for {want:?}")]
    UnknownOrigin {
        /// Origin in the checkpoint.
        got: String,
        /// Origin of the keys.
        want: String,
    },
    /// A key that was given has no verifying signature.
    #[error("the checkpoint is not signed by {0}")]
    MissingSignature(String),
}

impl CheckpointError {
    /// A stable code for this error.
    pub fn kind(&self) -> &'static str {
        match self {
            CheckpointError::Note(e) => e.kind(),
            CheckpointError::BadText(_) => "checkpoint-bad-text",
            CheckpointError::EmptyRoot => "checkpoint-empty-root",
            CheckpointError::UnknownOrigin { .. } => "checkpoint-unknown-origin",
            CheckpointError::MissingSignature(_) => "checkpoint-missing-signature",
        }
    }
}

/// Decodes one base64 hash (32 bytes, canonical standard base64).
pub(crate) fn decode_hash(s: &str) -> Option<Hash> {
    let bytes = B64.decode(s).ok()?;
    let arr: [u8; 32] = bytes.try_into().ok()?;
    Some(Hash(arr))
}

/// Encodes one hash in standard base64.
pub(crate) fn encode_hash(h: &Hash) -> String {
    B64.encode(h.0)
}

/// Parses a decimal with no leading zeros (`0` itself allowed).
pub(crate) fn parse_decimal(s: &str) -> Option<u64> {
    if s.is_empty() || (s.len() > 1 && s.starts_with('0')) || !s.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    s.parse().ok()
}

impl Checkpoint {
    /// The note text `origin\nsize\nbase64(root)\n`.
    pub fn text(&self) -> String {
        format!(
            "{}\n{}\n{}\n",
            self.origin,
            self.size,
            encode_hash(&self.root)
        )
    }

    /// The root and size as a [`MerkleRoot`].
    pub fn merkle_root(&self) -> MerkleRoot {
        MerkleRoot {
            hash: self.root,
            size: self.size,
        }
    }

    /// Parses a checkpoint text (three lines, no extension lines).
    ///
    /// # Errors
    /// [`CheckpointError`].
    pub fn parse_text(text: &str) -> Result<Self, CheckpointError> {
        let bad = |why: &str| CheckpointError::BadText(why.to_string());
        let body = text
            .strip_suffix('\n')
            .ok_or_else(|| bad("no final newline"))?;
        let lines: Vec<&str> = body.split('\n').collect();
        let [origin, size, root] = lines[..] else {
            return Err(bad("not exactly three lines"));
        };
        check_name(origin).map_err(|_| bad("bad origin"))?;
        let size = parse_decimal(size).ok_or_else(|| bad("bad tree size"))?;
        let root = decode_hash(root).ok_or_else(|| bad("bad root hash"))?;
        if size == 0 && root != empty_root() {
            return Err(CheckpointError::EmptyRoot);
        }
        Ok(Checkpoint {
            origin: origin.to_string(),
            size,
            root,
        })
    }

    /// Signs this checkpoint with each of `signers` (in order).
    ///
    /// # Errors
    /// As [`Signer::sign_raw`].
    pub fn sign(&self, signers: &[&Signer]) -> Result<SignedCheckpoint, KeyError> {
        let text = self.text();
        let signatures = signers
            .iter()
            .map(|s| s.sign_note_text(&text))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(SignedCheckpoint {
            checkpoint: self.clone(),
            note: Note::from_parts(text, signatures),
        })
    }
}

/// The keys of one signer identity (a bureau or an auditor): one name, an
/// Ed25519 and/or an SM2 key. Every key given must have signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogKeys {
    name: String,
    keys: Vec<VerifierKey>,
}

impl LogKeys {
    /// Groups `keys`: all Ed25519 or SM2, all with one name, at least one.
    ///
    /// # Errors
    /// [`KeyError::BadVkey`] for an empty list, mixed names or a cosigner key.
    pub fn new(keys: Vec<VerifierKey>) -> Result<Self, KeyError> {
        let Some(first) = keys.first() else {
            return Err(KeyError::BadVkey(String::new()));
        };
        let name = first.name().to_string();
        for k in &keys {
            if k.name() != name || k.key_type() == KeyType::Cosignature {
                return Err(KeyError::BadVkey(k.vkey()));
            }
        }
        Ok(LogKeys { name, keys })
    }

    /// The name (the log's origin).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The keys.
    pub fn keys(&self) -> &[VerifierKey] {
        &self.keys
    }

    /// Verifies a note: every key here must have a verifying line; lines of
    /// `others` (cosigners) are checked too when present.
    ///
    /// # Errors
    /// [`CheckpointError`].
    pub fn verify_note(
        &self,
        note: &Note,
        others: &[VerifierKey],
    ) -> Result<VerifiedNote, CheckpointError> {
        let mut all = self.keys.clone();
        all.extend(others.iter().cloned());
        let verified = note.verify(&all)?;
        for k in &self.keys {
            if !verified.signed_by(k) {
                return Err(CheckpointError::MissingSignature(k.vkey()));
            }
        }
        Ok(verified)
    }
}

/// A checkpoint as read (未核验检查点).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedCheckpoint {
    checkpoint: Checkpoint,
    note: Note,
}

impl SignedCheckpoint {
    /// Parses a signed checkpoint.
    ///
    /// # Errors
    /// [`CheckpointError`].
    pub fn parse(bytes: &[u8]) -> Result<Self, CheckpointError> {
        let note = Note::parse(bytes)?;
        let checkpoint = Checkpoint::parse_text(note.text())?;
        Ok(SignedCheckpoint { checkpoint, note })
    }

    /// The (unverified) checkpoint.
    pub fn checkpoint(&self) -> &Checkpoint {
        &self.checkpoint
    }

    /// The note.
    pub fn note(&self) -> &Note {
        &self.note
    }

    /// The whole signed note text.
    pub fn to_text(&self) -> String {
        self.note.to_text()
    }

    /// Keeps only the signature lines `keep` accepts.
    pub fn retain_signatures(&mut self, keep: impl FnMut(&super::note::SignatureLine) -> bool) {
        self.note.retain_signatures(keep);
    }

    /// Adds a signature line (e.g. a cosignature).
    pub fn push(&mut self, line: super::note::SignatureLine) {
        self.note.push(line);
    }

    /// Adds to this checkpoint the cosignatures of `other` (the same
    /// checkpoint, as a cosigner returned it) made by `cosigners` that verify
    /// and are not here yet; returns how many were added.
    ///
    /// # Errors
    /// [`CheckpointError::BadText`] when `other` is another checkpoint; the
    /// note's error when a line of one of `cosigners` fails.
    pub fn add_cosignatures(
        &mut self,
        other: &SignedCheckpoint,
        cosigners: &[VerifierKey],
    ) -> Result<usize, CheckpointError> {
        if other.note.text() != self.note.text() {
            return Err(CheckpointError::BadText(format!(
                "the cosigned checkpoint is of size {}, not this one of size {}",
                other.checkpoint.size, self.checkpoint.size
            )));
        }
        let verified = other.note.verify(cosigners)?;
        let mut added = 0;
        for v in verified.verified() {
            if v.timestamp.is_none() {
                continue;
            }
            let have = self
                .note
                .signatures()
                .iter()
                .any(|l| l.name == v.key.name() && l.key_id == v.key.key_id());
            if have {
                continue;
            }
            if let Some(line) = other
                .note
                .signatures()
                .iter()
                .find(|l| l.name == v.key.name() && l.key_id == v.key.key_id())
            {
                self.note.push(line.clone());
                added += 1;
            }
        }
        Ok(added)
    }

    /// Verifies: the origin is `log`'s name, each of `log`'s keys signed, no
    /// known key's line fails; cosignatures of `cosigners` are checked and
    /// counted.
    ///
    /// # Errors
    /// [`CheckpointError`].
    pub fn verify(
        &self,
        log: &LogKeys,
        cosigners: &[VerifierKey],
    ) -> Result<VerifiedCheckpoint, CheckpointError> {
        if self.checkpoint.origin != log.name() {
            return Err(CheckpointError::UnknownOrigin {
                got: self.checkpoint.origin.clone(),
                want: log.name().to_string(),
            });
        }
        let note = log.verify_note(&self.note, cosigners)?;
        Ok(VerifiedCheckpoint {
            signed: self.clone(),
            note,
        })
    }
}

/// A checkpoint whose bureau signatures verified (已核验检查点). Only
/// [`SignedCheckpoint::verify`] makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedCheckpoint {
    signed: SignedCheckpoint,
    note: VerifiedNote,
}

impl VerifiedCheckpoint {
    /// The checkpoint.
    pub fn checkpoint(&self) -> &Checkpoint {
        &self.signed.checkpoint
    }

    /// The signed checkpoint as read.
    pub fn signed(&self) -> &SignedCheckpoint {
        &self.signed
    }

    /// The verified cosignatures: cosigner name and timestamp.
    pub fn cosignatures(&self) -> Vec<(&VerifierKey, u64)> {
        self.note
            .verified()
            .iter()
            .filter_map(|v| v.timestamp.map(|t| (&v.key, t)))
            .collect()
    }

    /// The bureau keys whose signatures verified.
    pub fn log_signatures(&self) -> Vec<&VerifierKey> {
        self.note
            .verified()
            .iter()
            .filter(|v| v.timestamp.is_none())
            .map(|v| &v.key)
            .collect()
    }
}
