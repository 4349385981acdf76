//! Signed statements (签名声明, `docs/LOG.md` §6–§7): detached file
//! signatures and auditors' attestations, both signed notes.

use super::checkpoint::CheckpointError;
use super::checkpoint::{LogKeys, parse_decimal};
use super::keys::check_name;
use super::note::{Note, NoteError};
use super::signer::Signer;
use crate::core::merkle::Hash;

/// Why a file signature or attestation is refused (签名声明无效).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatementError {
    /// The note is malformed or its signatures fail.
    #[error(transparent)]
    Note(#[from] NoteError),
    /// The signer keys' check failed.
    #[error(transparent)]
    Keys(#[from] CheckpointError),
    /// The text is not the statement's format.
    #[error("malformed {0}")]
    BadText(&'static str),
    /// A signer could not sign.
    #[error(transparent)]
    Sign(#[from] super::keys::KeyError),
    /// The statement names another signer than the keys given.
    #[error("the statement is from {0:?}, not from the keys given")]
    WrongSigner(String),
}

impl StatementError {
    /// A stable code for this error.
    pub fn kind(&self) -> &'static str {
        match self {
            StatementError::Note(e) => e.kind(),
            StatementError::Keys(e) => e.kind(),
            StatementError::Sign(e) => e.kind(),
            StatementError::BadText(_) => "statement-bad-text",
            StatementError::WrongSigner(_) => "statement-wrong-signer",
        }
    }
}

/// The first line of a file signature.
pub const FILE_SIGNATURE_HEADER: &str = "dualdraw-file-signature/v1";

/// The first line of an attestation.
pub const ATTESTATION_HEADER: &str = "dualdraw-attestation/v1";

fn sign_text(text: String, signers: &[&Signer]) -> Result<Note, StatementError> {
    let mut note = Note::new(&text)?;
    for s in signers {
        note.push(s.sign_note_text(&text)?);
    }
    Ok(note)
}

fn hex_hash(s: &str) -> Option<Hash> {
    if s.len() != 64 || s.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    Hash::from_hex(s).ok()
}

/// A detached file signature's statement (文件签名): origin, file name, SHA-256
/// and size of the file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSignature {
    /// The bureau's origin.
    pub origin: String,
    /// The file name, no directory.
    pub file_name: String,
    /// SHA-256 of the file's bytes.
    pub sha256: Hash,
    /// Size in bytes.
    pub size: u64,
}

impl FileSignature {
    /// The statement for `bytes` named `file_name`.
    pub fn of(origin: &str, file_name: &str, bytes: &[u8]) -> Self {
        FileSignature {
            origin: origin.to_string(),
            file_name: file_name.to_string(),
            sha256: Hash::digest(bytes),
            size: bytes.len() as u64,
        }
    }

    /// The note text.
    pub fn text(&self) -> String {
        format!(
            "{FILE_SIGNATURE_HEADER}\n{}\n{}\n{}\n{}\n",
            self.origin, self.file_name, self.sha256, self.size
        )
    }

    /// The signed note (the `.sig` file's content).
    ///
    /// # Errors
    /// [`StatementError`] for a file name with a directory or control character.
    pub fn sign(&self, signers: &[&Signer]) -> Result<String, StatementError> {
        check_file_name(&self.file_name)?;
        Ok(sign_text(self.text(), signers)?.to_text())
    }

    /// Parses and verifies a `.sig` file with the bureau's keys.
    ///
    /// # Errors
    /// [`StatementError`].
    pub fn verify(sig: &[u8], keys: &LogKeys) -> Result<Self, StatementError> {
        let note = Note::parse(sig)?;
        let lines: Vec<&str> = note.text().trim_end_matches('\n').split('\n').collect();
        let [FILE_SIGNATURE_HEADER, origin, name, sha, size] = lines[..] else {
            return Err(StatementError::BadText("file signature"));
        };
        check_name(origin).map_err(|_| StatementError::BadText("file signature origin"))?;
        check_file_name(name)?;
        let out = FileSignature {
            origin: origin.to_string(),
            file_name: name.to_string(),
            sha256: hex_hash(sha).ok_or(StatementError::BadText("file signature hash"))?,
            size: parse_decimal(size).ok_or(StatementError::BadText("file signature size"))?,
        };
        if out.origin != keys.name() {
            return Err(StatementError::WrongSigner(out.origin));
        }
        keys.verify_note(&note, &[])?;
        Ok(out)
    }

    /// Whether `bytes` named `file_name` are the file this statement signs.
    pub fn matches(&self, file_name: &str, bytes: &[u8]) -> bool {
        self.file_name == file_name
            && self.size == bytes.len() as u64
            && self.sha256 == Hash::digest(bytes)
    }
}

fn check_file_name(name: &str) -> Result<(), StatementError> {
    if name.is_empty()
        || name == "."
        || name == ".."
        || name
            .chars()
            .any(|c| c == '/' || c == '\\' || c.is_control())
    {
        return Err(StatementError::BadText("file name"));
    }
    Ok(())
}

/// An auditor's attestation (审计声明).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attestation {
    /// The campaign id.
    pub campaign: String,
    /// The announcement hash.
    pub announcement: Hash,
    /// SHA-256 of the proof file's bytes.
    pub proof: Hash,
    /// The verification level (`audit`).
    pub level: String,
    /// `true` for `valid`.
    pub valid: bool,
    /// When, RFC 3339 UTC.
    pub time: String,
}

impl Attestation {
    /// The note text.
    pub fn text(&self) -> String {
        format!(
            "{ATTESTATION_HEADER}\ncampaign {}\nannouncement {}\nproof {}\nlevel {}\nverdict {}\ntime {}\n",
            self.campaign,
            self.announcement,
            self.proof,
            self.level,
            if self.valid { "valid" } else { "invalid" },
            self.time
        )
    }

    /// The signed note.
    ///
    /// # Errors
    /// [`StatementError`] for a field with a newline or control character.
    pub fn sign(&self, signers: &[&Signer]) -> Result<String, StatementError> {
        Ok(sign_text(self.text(), signers)?.to_text())
    }

    /// Parses and verifies an attestation with the auditor's keys.
    ///
    /// # Errors
    /// [`StatementError`].
    pub fn verify(note: &[u8], keys: &LogKeys) -> Result<Self, StatementError> {
        let note = Note::parse(note)?;
        let bad = || StatementError::BadText("attestation");
        let lines: Vec<&str> = note.text().trim_end_matches('\n').split('\n').collect();
        let [ATTESTATION_HEADER, c, a, p, l, v, t] = lines[..] else {
            return Err(bad());
        };
        let get = |line: &str, prefix: &str| {
            line.strip_prefix(prefix)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .ok_or_else(bad)
        };
        let out = Attestation {
            campaign: get(c, "campaign ")?,
            announcement: hex_hash(&get(a, "announcement ")?).ok_or_else(bad)?,
            proof: hex_hash(&get(p, "proof ")?).ok_or_else(bad)?,
            level: get(l, "level ")?,
            valid: match get(v, "verdict ")?.as_str() {
                "valid" => true,
                "invalid" => false,
                _ => return Err(bad()),
            },
            time: get(t, "time ")?,
        };
        keys.verify_note(&note, &[])?;
        Ok(out)
    }
}
