//! Signing keys (签名私钥): Ed25519, SM2 with SM3, and cosigner keys, made
//! from 32 secret bytes or from the system random source.

use super::keys::{KeyError, KeyType, SM2_DISTID, VerifierKey, check_name, cosignature_message};
use super::note::SignatureLine;
use std::fmt;

#[derive(Clone)]
enum Secret {
    Ed25519(Box<ed25519_dalek::SigningKey>),
    Sm2(Box<sm2::dsa::SigningKey>),
}

/// A signing key with its name (签名密钥). Its [`fmt::Debug`] never shows the
/// secret.
#[derive(Clone)]
pub struct Signer {
    secret: Secret,
    verifier: VerifierKey,
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Signer({})", self.verifier)
    }
}

impl Signer {
    /// A key of `key_type` named `name` from 32 secret bytes: the Ed25519
    /// seed (RFC 8032), or the SM2 private scalar (big-endian, in `[1, n−1]`).
    ///
    /// # Errors
    /// [`KeyError`] for a bad name or an SM2 scalar out of range.
    pub fn from_secret(name: &str, key_type: KeyType, secret: &[u8; 32]) -> Result<Self, KeyError> {
        check_name(name)?;
        match key_type {
            KeyType::Ed25519 | KeyType::Cosignature => {
                let sk = ed25519_dalek::SigningKey::from_bytes(secret);
                let verifier =
                    VerifierKey::from_public(name, key_type, sk.verifying_key().as_bytes())?;
                Ok(Signer {
                    secret: Secret::Ed25519(Box::new(sk)),
                    verifier,
                })
            }
            KeyType::Sm2 => {
                let sk = sm2::dsa::SigningKey::from_slice(SM2_DISTID, secret)
                    .map_err(|_| KeyError::BadSecret("SM2"))?;
                let public = sk.verifying_key().to_sec1_bytes();
                let verifier = VerifierKey::from_public(name, key_type, &public)?;
                Ok(Signer {
                    secret: Secret::Sm2(Box::new(sk)),
                    verifier,
                })
            }
        }
    }

    /// A new key from the system random source (getrandom).
    ///
    /// # Errors
    /// [`KeyError`] for a bad name or a failing random source.
    pub fn generate(name: &str, key_type: KeyType) -> Result<Self, KeyError> {
        check_name(name)?;
        // An SM2 scalar of 32 random bytes is out of range with probability
        // about 2^-32; a few tries make failure impossible in practice.
        let mut last = KeyError::BadSecret("SM2");
        for _ in 0..8 {
            let mut secret = [0u8; 32];
            getrandom::fill(&mut secret).map_err(|e| KeyError::Random(e.to_string()))?;
            match Signer::from_secret(name, key_type, &secret) {
                Ok(s) => return Ok(s),
                Err(e) => last = e,
            }
        }
        Err(last)
    }

    /// The 32 secret bytes (for the key file only; never print them).
    pub fn secret_bytes(&self) -> [u8; 32] {
        match &self.secret {
            Secret::Ed25519(sk) => sk.to_bytes(),
            Secret::Sm2(sk) => {
                let mut out = [0u8; 32];
                out.copy_from_slice(&sk.to_bytes());
                out
            }
        }
    }

    /// The public key to publish.
    pub fn verifier(&self) -> &VerifierKey {
        &self.verifier
    }

    /// The key type.
    pub fn key_type(&self) -> KeyType {
        self.verifier.key_type()
    }

    /// The raw signature of `message` (64 bytes): Ed25519 (RFC 8032), or SM2
    /// with SM3 and the default identifier, `r ‖ s`. For a cosigner key this
    /// is a plain Ed25519 signature; cosign with [`Signer::cosign`].
    ///
    /// # Errors
    /// [`KeyError::SignFailed`] when the SM2 signer cannot sign (its nonce
    /// gives `r = 0`, `r + k = n` or `s = 0`: probability about 2^-256).
    pub fn sign_raw(&self, message: &[u8]) -> Result<Vec<u8>, KeyError> {
        match &self.secret {
            Secret::Ed25519(sk) => {
                use ed25519_dalek::Signer as _;
                Ok(sk.sign(message).to_bytes().to_vec())
            }
            Secret::Sm2(sk) => {
                use sm2::dsa::signature::Signer as _;
                let sig: sm2::dsa::Signature = sk
                    .try_sign(message)
                    .map_err(|_| KeyError::SignFailed("SM2"))?;
                Ok(sig.to_bytes().to_vec())
            }
        }
    }

    /// The note signature line of this key over `text` (a bureau's or an
    /// auditor's Ed25519 or SM2 key).
    ///
    /// # Errors
    /// As [`Signer::sign_raw`].
    pub fn sign_note_text(&self, text: &str) -> Result<SignatureLine, KeyError> {
        Ok(SignatureLine {
            name: self.verifier.name().to_string(),
            key_id: self.verifier.key_id(),
            signature: self.sign_raw(text.as_bytes())?,
        })
    }

    /// The cosignature line over a checkpoint `text` at POSIX time
    /// `timestamp` (`c2sp.org/tlog-cosignature`): `u64be(timestamp) ‖
    /// Ed25519("cosignature/v1\ntime <t>\n" ‖ text)`.
    ///
    /// # Errors
    /// As [`Signer::sign_raw`].
    pub fn cosign(&self, text: &str, timestamp: u64) -> Result<SignatureLine, KeyError> {
        let mut signature = timestamp.to_be_bytes().to_vec();
        signature.extend(self.sign_raw(&cosignature_message(timestamp, text.as_bytes()))?);
        Ok(SignatureLine {
            name: self.verifier.name().to_string(),
            key_id: self.verifier.key_id(),
            signature,
        })
    }
}
