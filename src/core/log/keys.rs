//! Verifier keys (验证公钥, `docs/LOG.md` §2): names, key IDs, vkeys,
//! fingerprints, and checking one signature.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use sha2::{Digest, Sha256};
use std::fmt;

/// The SM2 signature type bytes after `0xFF` (`docs/LOG.md` §2).
pub const SM2_TYPE_ID: &[u8] = b"dualdraw/sm2-sm3/v1";

/// The SM2 distinguishing identifier (GM/T 0009 default).
pub const SM2_DISTID: &str = "1234567812345678";

/// The kinds of key log v1 uses (密钥类型).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyType {
    /// Ed25519 note signatures, type byte `0x01`.
    Ed25519,
    /// SM2 with SM3, type bytes `0xFF ‖ "dualdraw/sm2-sm3/v1"`.
    Sm2,
    /// Timestamped Ed25519 cosignatures, type byte `0x04`.
    Cosignature,
}

impl KeyType {
    /// The signature type bytes that precede the public key in a vkey and a key ID.
    pub fn type_bytes(self) -> Vec<u8> {
        match self {
            KeyType::Ed25519 => vec![0x01],
            KeyType::Cosignature => vec![0x04],
            KeyType::Sm2 => {
                let mut v = vec![0xFF];
                v.extend_from_slice(SM2_TYPE_ID);
                v
            }
        }
    }

    /// A stable short name (`ed25519`, `sm2`, `cosignature`).
    pub fn as_str(self) -> &'static str {
        match self {
            KeyType::Ed25519 => "ed25519",
            KeyType::Sm2 => "sm2",
            KeyType::Cosignature => "cosignature",
        }
    }
}

/// What is wrong with a key name, vkey or secret key (密钥错误).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// A key name (origin) that is empty or has a space, `+` or control character.
    #[error(
        "{0:?} is not a valid key name: it must be non-empty, with no spaces, no '+' and no control characters"
    )]
    BadName(String),
    /// A vkey that is not `name+hex8+base64`.
    #[error("{0:?} is not a vkey (name+8 hex digits+base64)")]
    BadVkey(String),
    /// A vkey whose type bytes or key length this version does not know.
    #[error("vkey {0:?} has an unknown signature type or a key of the wrong length")]
    UnknownType(String),
    /// A public key that is not a valid point.
    #[error("vkey {0:?} holds an invalid public key")]
    BadPublicKey(String),
    /// A vkey whose key ID is not the one its name and key give.
    #[error("vkey {vkey:?} has key ID {got}, its name and key give {want}")]
    KeyIdMismatch {
        /// The vkey.
        vkey: String,
        /// The key ID written in it.
        got: String,
        /// The key ID its name and key give.
        want: String,
    },
    /// A secret key that is not valid for its curve.
    #[error("the secret key is not valid for {0}")]
    BadSecret(&'static str),
    /// The signer could not sign (a nonce the standard rejects).
    #[error("the {0} signer could not sign")]
    SignFailed(&'static str),
    /// The system random source failed.
    #[error("the system random source failed: {0}")]
    Random(String),
}

impl KeyError {
    /// A stable code for this error.
    pub fn kind(&self) -> &'static str {
        match self {
            KeyError::BadName(_) => "key-bad-name",
            KeyError::BadVkey(_) => "key-bad-vkey",
            KeyError::UnknownType(_) => "key-unknown-type",
            KeyError::BadPublicKey(_) => "key-bad-public-key",
            KeyError::KeyIdMismatch { .. } => "key-id-mismatch",
            KeyError::BadSecret(_) => "key-bad-secret",
            KeyError::SignFailed(_) => "key-sign-failed",
            KeyError::Random(_) => "key-random-failed",
        }
    }
}

/// Checks a key name (log origin): non-empty, no Unicode spaces, no `+`, no
/// control characters (`c2sp.org/signed-note`).
///
/// # Errors
/// [`KeyError::BadName`].
pub fn check_name(name: &str) -> Result<(), KeyError> {
    if name.is_empty()
        || name
            .chars()
            .any(|c| c.is_whitespace() || c == '+' || c.is_control())
    {
        return Err(KeyError::BadName(name.to_string()));
    }
    Ok(())
}

/// The key ID `SHA-256(name ‖ 0x0A ‖ type bytes ‖ public key)[:4]`.
pub fn key_id(name: &str, key_type: KeyType, public: &[u8]) -> [u8; 4] {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update([0x0A]);
    h.update(key_type.type_bytes());
    h.update(public);
    let d = h.finalize();
    [d[0], d[1], d[2], d[3]]
}

/// The fingerprint of a vkey (指纹): the first 16 bytes of `SHA-256(vkey)`,
/// lowercase hex in groups of 4 digits.
pub fn fingerprint(vkey: &str) -> String {
    let d = Sha256::digest(vkey.as_bytes());
    let hex = hex::encode(&d[..16]);
    hex.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Clone)]
pub(crate) enum PublicKey {
    Ed25519(ed25519_dalek::VerifyingKey),
    Sm2(Box<sm2::dsa::VerifyingKey>),
}

/// A verifier key (验证公钥): a name, a key ID, a type and a public key,
/// written as a vkey `name+hex(id)+base64(type ‖ key)`.
#[derive(Clone)]
pub struct VerifierKey {
    name: String,
    id: [u8; 4],
    key_type: KeyType,
    public_bytes: Vec<u8>,
    public: PublicKey,
}

impl fmt::Debug for VerifierKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VerifierKey({self})")
    }
}

impl PartialEq for VerifierKey {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && self.id == other.id
            && self.key_type == other.key_type
            && self.public_bytes == other.public_bytes
    }
}

impl Eq for VerifierKey {}

impl fmt::Display for VerifierKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut material = self.key_type.type_bytes();
        material.extend_from_slice(&self.public_bytes);
        write!(
            f,
            "{}+{}+{}",
            self.name,
            hex::encode(self.id),
            B64.encode(material)
        )
    }
}

impl VerifierKey {
    /// A key from its parts (the key ID computed).
    ///
    /// # Errors
    /// [`KeyError`] for a bad name or an invalid public key.
    pub fn from_public(name: &str, key_type: KeyType, public: &[u8]) -> Result<Self, KeyError> {
        check_name(name)?;
        let bad = || KeyError::BadPublicKey(name.to_string());
        let key = match key_type {
            KeyType::Ed25519 | KeyType::Cosignature => {
                let bytes: [u8; 32] = public.try_into().map_err(|_| bad())?;
                PublicKey::Ed25519(
                    ed25519_dalek::VerifyingKey::from_bytes(&bytes).map_err(|_| bad())?,
                )
            }
            KeyType::Sm2 => {
                if public.len() != 65 || public[0] != 0x04 {
                    return Err(bad());
                }
                PublicKey::Sm2(Box::new(
                    sm2::dsa::VerifyingKey::from_sec1_bytes(SM2_DISTID, public)
                        .map_err(|_| bad())?,
                ))
            }
        };
        Ok(VerifierKey {
            name: name.to_string(),
            id: key_id(name, key_type, public),
            key_type,
            public_bytes: public.to_vec(),
            public: key,
        })
    }

    /// Parses a vkey, checking its key ID.
    ///
    /// # Errors
    /// [`KeyError`] saying what is wrong.
    pub fn parse(vkey: &str) -> Result<Self, KeyError> {
        let vkey = vkey.trim();
        let bad = || KeyError::BadVkey(vkey.to_string());
        // The base64 part may itself contain '+': split at the first two.
        let mut parts = vkey.splitn(3, '+');
        let (Some(name), Some(id_hex), Some(material), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        check_name(name)?;
        if id_hex.len() != 8
            || !id_hex
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        {
            return Err(bad());
        }
        let material = B64.decode(material).map_err(|_| bad())?;
        let (key_type, public) = match material.split_first() {
            Some((0x01, rest)) if rest.len() == 32 => (KeyType::Ed25519, rest),
            Some((0x04, rest)) if rest.len() == 32 => (KeyType::Cosignature, rest),
            Some((0xFF, rest))
                if rest.len() == SM2_TYPE_ID.len() + 65 && rest.starts_with(SM2_TYPE_ID) =>
            {
                (KeyType::Sm2, &rest[SM2_TYPE_ID.len()..])
            }
            _ => return Err(KeyError::UnknownType(vkey.to_string())),
        };
        let key = VerifierKey::from_public(name, key_type, public).map_err(|e| match e {
            KeyError::BadPublicKey(_) => KeyError::BadPublicKey(vkey.to_string()),
            other => other,
        })?;
        let got = id_hex.to_string();
        let want = hex::encode(key.id);
        if got != want {
            return Err(KeyError::KeyIdMismatch {
                vkey: vkey.to_string(),
                got,
                want,
            });
        }
        Ok(key)
    }

    /// Parses a key list: one vkey per line, blank lines and `#` comments allowed.
    ///
    /// # Errors
    /// The first line's [`KeyError`].
    pub fn parse_list(text: &str) -> Result<Vec<Self>, KeyError> {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(VerifierKey::parse)
            .collect()
    }

    /// The key name (a log's origin, a cosigner's or auditor's name).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The 4-byte key ID.
    pub fn key_id(&self) -> [u8; 4] {
        self.id
    }

    /// The key type.
    pub fn key_type(&self) -> KeyType {
        self.key_type
    }

    /// The public key bytes (32 for Ed25519, 65 SEC1 uncompressed for SM2).
    pub fn public_bytes(&self) -> &[u8] {
        &self.public_bytes
    }

    /// The vkey text.
    pub fn vkey(&self) -> String {
        self.to_string()
    }

    /// The fingerprint of the vkey (see [`fingerprint`]).
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.vkey())
    }

    /// Checks `signature` (the bytes after the key ID in a note signature)
    /// over the note `text`. `Some(timestamp)` for a valid cosignature,
    /// `Some(None)` for another valid signature, `None` when it fails.
    pub(crate) fn check(&self, text: &[u8], signature: &[u8]) -> Option<Option<u64>> {
        match (&self.public, self.key_type) {
            (PublicKey::Ed25519(k), KeyType::Cosignature) => {
                if signature.len() != 72 {
                    return None;
                }
                let (ts, sig) = signature.split_at(8);
                let ts = u64::from_be_bytes(ts.try_into().ok()?);
                if ts > i64::MAX as u64 {
                    return None;
                }
                let sig = ed25519_dalek::Signature::from_slice(sig).ok()?;
                let msg = cosignature_message(ts, text);
                k.verify_strict(&msg, &sig).ok().map(|()| Some(ts))
            }
            (PublicKey::Ed25519(k), _) => {
                let sig = ed25519_dalek::Signature::from_slice(signature).ok()?;
                k.verify_strict(text, &sig).ok().map(|()| None)
            }
            (PublicKey::Sm2(k), _) => sm2_verify(k, text, signature).then_some(None),
        }
    }
}

/// The message an Ed25519 cosignature signs (`c2sp.org/tlog-cosignature`):
/// `"cosignature/v1\n" ‖ "time <timestamp>\n" ‖ checkpoint text`.
pub fn cosignature_message(timestamp: u64, text: &[u8]) -> Vec<u8> {
    let mut msg = format!("cosignature/v1\ntime {timestamp}\n").into_bytes();
    msg.extend_from_slice(text);
    msg
}

/// Checks an SM2-with-SM3 signature `r ‖ s` (64 bytes) by `key` over `message`.
pub(crate) fn sm2_verify(key: &sm2::dsa::VerifyingKey, message: &[u8], signature: &[u8]) -> bool {
    use sm2::dsa::signature::Verifier;
    sm2::dsa::Signature::from_slice(signature).is_ok_and(|sig| key.verify(message, &sig).is_ok())
}
