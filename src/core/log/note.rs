//! Signed notes (签名文本, `c2sp.org/signed-note`): parse with limits, sign,
//! and verify into a [`VerifiedNote`], the only way to get one.

use super::keys::VerifierKey;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;

/// The largest note accepted (64 KiB).
pub const MAX_NOTE_BYTES: usize = 64 * 1024;

/// The most signature lines accepted (the spec asks for at least 16).
pub const MAX_SIGNATURES: usize = 100;

/// One signature line `— <name> base64(key ID ‖ signature)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureLine {
    /// The key name.
    pub name: String,
    /// The key ID.
    pub key_id: [u8; 4],
    /// The signature bytes after the key ID.
    pub signature: Vec<u8>,
}

impl SignatureLine {
    /// The line, ending in `\n`.
    pub fn to_line(&self) -> String {
        let mut bytes = self.key_id.to_vec();
        bytes.extend_from_slice(&self.signature);
        format!("\u{2014} {} {}\n", self.name, B64.encode(bytes))
    }

    /// Parses one line (without its newline).
    ///
    /// # Errors
    /// [`NoteError::BadSignatureLine`].
    pub fn parse(line: &str) -> Result<Self, NoteError> {
        let bad = || NoteError::BadSignatureLine(line.chars().take(120).collect());
        let rest = line.strip_prefix("\u{2014} ").ok_or_else(bad)?;
        let (name, b64) = rest.split_once(' ').ok_or_else(bad)?;
        super::keys::check_name(name).map_err(|_| bad())?;
        let bytes = B64.decode(b64).map_err(|_| bad())?;
        if bytes.len() < 5 {
            return Err(bad());
        }
        let (id, sig) = bytes.split_at(4);
        Ok(SignatureLine {
            name: name.to_string(),
            key_id: [id[0], id[1], id[2], id[3]],
            signature: sig.to_vec(),
        })
    }

    fn is_from(&self, key: &VerifierKey) -> bool {
        self.name == key.name() && self.key_id == key.key_id()
    }
}

/// Why a note cannot be read or verified (签名文本无效).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoteError {
    /// Larger than [`MAX_NOTE_BYTES`].
    #[error("the note has {0} bytes, more than the 65536 accepted")]
    TooLarge(usize),
    /// Not UTF-8.
    #[error("the note is not valid UTF-8")]
    NotUtf8,
    /// A control character other than newline.
    #[error("the note has a control character at byte {0}")]
    ControlCharacter(usize),
    /// Text that does not end in a newline, or an empty text.
    #[error("the note text is empty or does not end in a newline")]
    BadText,
    /// No blank line before signatures, or no signatures.
    #[error("the note has no signature lines")]
    NoSignatures,
    /// More than [`MAX_SIGNATURES`] signature lines.
    #[error("the note has {0} signature lines, more than the 100 accepted")]
    TooManySignatures(usize),
    /// A line after the blank line that is not a signature line.
    #[error("not a signature line: {0:?}")]
    BadSignatureLine(String),
    /// A known key's signature does not verify.
    #[error("the signature of {0} does not verify")]
    BadSignature(String),
    /// No known key's signature verifies.
    #[error("no signature from a known key verifies")]
    NoKnownSignature,
}

impl NoteError {
    /// A stable code for this error.
    pub fn kind(&self) -> &'static str {
        match self {
            NoteError::TooLarge(_) => "note-too-large",
            NoteError::NotUtf8 => "note-not-utf8",
            NoteError::ControlCharacter(_) => "note-control-character",
            NoteError::BadText => "note-bad-text",
            NoteError::NoSignatures => "note-no-signatures",
            NoteError::TooManySignatures(_) => "note-too-many-signatures",
            NoteError::BadSignatureLine(_) => "note-bad-signature-line",
            NoteError::BadSignature(_) => "note-bad-signature",
            NoteError::NoKnownSignature => "note-no-known-signature",
        }
    }
}

/// A note as read (未核验): its text and signature lines. Nothing in it is
/// trusted until [`Note::verify`] returns a [`VerifiedNote`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    text: String,
    signatures: Vec<SignatureLine>,
}

/// Checks the text part of a note: non-empty, ending in a newline, no
/// control characters but newline, within the size limit.
///
/// # Errors
/// [`NoteError`].
pub fn check_text(text: &str) -> Result<(), NoteError> {
    if text.len() > MAX_NOTE_BYTES {
        return Err(NoteError::TooLarge(text.len()));
    }
    if let Some(i) = text.bytes().position(|b| b < 0x20 && b != b'\n') {
        return Err(NoteError::ControlCharacter(i));
    }
    if text.is_empty() || !text.ends_with('\n') || text.ends_with("\n\n") || text == "\n" {
        return Err(NoteError::BadText);
    }
    Ok(())
}

impl Note {
    /// A note with `text` and no signatures yet.
    ///
    /// # Errors
    /// [`NoteError`] when the text is not a valid note text.
    pub fn new(text: &str) -> Result<Self, NoteError> {
        check_text(text)?;
        Ok(Note {
            text: text.to_string(),
            signatures: Vec::new(),
        })
    }

    /// A note from a text already checked and its lines.
    pub(crate) fn from_parts(text: String, signatures: Vec<SignatureLine>) -> Self {
        Note { text, signatures }
    }

    /// Parses a signed note from bytes, with the limits of this module.
    ///
    /// # Errors
    /// [`NoteError`] saying what is wrong.
    pub fn parse(bytes: &[u8]) -> Result<Self, NoteError> {
        if bytes.len() > MAX_NOTE_BYTES {
            return Err(NoteError::TooLarge(bytes.len()));
        }
        let s = std::str::from_utf8(bytes).map_err(|_| NoteError::NotUtf8)?;
        if let Some(i) = s.bytes().position(|b| b < 0x20 && b != b'\n') {
            return Err(NoteError::ControlCharacter(i));
        }
        if !s.ends_with('\n') {
            return Err(NoteError::BadText);
        }
        let Some(split) = s.rfind("\n\n") else {
            return Err(NoteError::NoSignatures);
        };
        let text = &s[..=split];
        let block = &s[split + 2..];
        check_text(text)?;
        let lines: Vec<&str> = block.split_terminator('\n').collect();
        if lines.is_empty() {
            return Err(NoteError::NoSignatures);
        }
        if lines.len() > MAX_SIGNATURES {
            return Err(NoteError::TooManySignatures(lines.len()));
        }
        let signatures = lines
            .into_iter()
            .map(SignatureLine::parse)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Note {
            text: text.to_string(),
            signatures,
        })
    }

    /// The note text (including its final newline).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The signature lines, in order.
    pub fn signatures(&self) -> &[SignatureLine] {
        &self.signatures
    }

    /// Adds a signature line (the caller made it over [`Note::text`]).
    pub fn push(&mut self, line: SignatureLine) {
        self.signatures.push(line);
    }

    /// Keeps only the signature lines `keep` accepts.
    pub fn retain_signatures(&mut self, keep: impl FnMut(&SignatureLine) -> bool) {
        self.signatures.retain(keep);
    }

    /// The whole note: text, blank line, signature lines.
    pub fn to_text(&self) -> String {
        let mut s = self.text.clone();
        s.push('\n');
        for l in &self.signatures {
            s.push_str(&l.to_line());
        }
        s
    }

    /// Verifies the note against `keys`: lines from unknown keys are ignored,
    /// a known key's line that fails rejects the note, and at least one known
    /// key's line must verify.
    ///
    /// # Errors
    /// [`NoteError::BadSignature`] or [`NoteError::NoKnownSignature`].
    pub fn verify(&self, keys: &[VerifierKey]) -> Result<VerifiedNote, NoteError> {
        let mut verified = Vec::new();
        for line in &self.signatures {
            for key in keys.iter().filter(|k| line.is_from(k)) {
                match key.check(self.text.as_bytes(), &line.signature) {
                    Some(timestamp) => verified.push(VerifiedSignature {
                        key: key.clone(),
                        timestamp,
                    }),
                    None => return Err(NoteError::BadSignature(key.vkey())),
                }
            }
        }
        if verified.is_empty() {
            return Err(NoteError::NoKnownSignature);
        }
        Ok(VerifiedNote {
            note: self.clone(),
            verified,
        })
    }
}

/// One signature that verified: its key, and the timestamp of a cosignature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedSignature {
    /// The key whose signature verified.
    pub key: VerifierKey,
    /// The cosignature's timestamp (POSIX seconds), `None` for other keys.
    pub timestamp: Option<u64>,
}

/// A note with at least one verified signature from a known key and no
/// failing one (已核验签名文本). Only [`Note::verify`] makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedNote {
    note: Note,
    verified: Vec<VerifiedSignature>,
}

impl VerifiedNote {
    /// The note.
    pub fn note(&self) -> &Note {
        &self.note
    }

    /// The verified text.
    pub fn text(&self) -> &str {
        self.note.text()
    }

    /// The signatures that verified.
    pub fn verified(&self) -> &[VerifiedSignature] {
        &self.verified
    }

    /// Whether `key` signed (and its signature verified).
    pub fn signed_by(&self, key: &VerifierKey) -> bool {
        self.verified.iter().any(|v| &v.key == key)
    }
}
