//! A bureau's cosigning policy (共同签署策略, `docs/LOG.md` §5): the
//! cosigners' vkeys and how many cosignatures a checkpoint needs.

use super::checkpoint::VerifiedCheckpoint;
use super::keys::{KeyError, KeyType, VerifierKey};
use serde::Deserialize;

/// The policy file (`WS/log-policy.toml`, published).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// The cosigners' keys.
    pub cosigners: Vec<VerifierKey>,
    /// Cosignatures needed.
    pub quorum: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    cosigners: Vec<String>,
    quorum: usize,
}

/// Why a policy is refused (策略文件无效).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    /// Not the TOML of a policy.
    #[error("not a cosigning policy: {0}")]
    Toml(String),
    /// A key that is not a cosigner vkey.
    #[error(transparent)]
    Key(#[from] KeyError),
    /// A key that is not of type cosignature.
    #[error("{0} is not a cosigner key (type 0x04)")]
    NotCosigner(String),
    /// A quorum of more cosigners than listed.
    #[error("quorum {quorum} is more than the {listed} cosigners listed")]
    Quorum {
        /// Quorum.
        quorum: usize,
        /// Cosigners listed.
        listed: usize,
    },
}

impl PolicyError {
    /// A stable code.
    pub fn kind(&self) -> &'static str {
        match self {
            PolicyError::Toml(_) => "policy-malformed",
            PolicyError::Key(e) => e.kind(),
            PolicyError::NotCosigner(_) => "policy-not-cosigner",
            PolicyError::Quorum { .. } => "policy-quorum",
        }
    }
}

impl Policy {
    /// Parses `cosigners = [vkeys]`, `quorum = N`.
    ///
    /// # Errors
    /// [`PolicyError`].
    pub fn parse(text: &str) -> Result<Self, PolicyError> {
        let f: PolicyFile = toml::from_str(text).map_err(|e| PolicyError::Toml(e.to_string()))?;
        let cosigners = f
            .cosigners
            .iter()
            .map(|v| VerifierKey::parse(v))
            .collect::<Result<Vec<_>, _>>()?;
        if let Some(k) = cosigners
            .iter()
            .find(|k| k.key_type() != KeyType::Cosignature)
        {
            return Err(PolicyError::NotCosigner(k.vkey()));
        }
        if f.quorum > cosigners.len() {
            return Err(PolicyError::Quorum {
                quorum: f.quorum,
                listed: cosigners.len(),
            });
        }
        Ok(Policy {
            cosigners,
            quorum: f.quorum,
        })
    }

    /// The distinct policy cosigners whose cosignature verified on `c`, and
    /// whether they reach the quorum.
    pub fn count(&self, c: &VerifiedCheckpoint) -> (usize, bool) {
        let mut names: Vec<&VerifierKey> = c
            .cosignatures()
            .into_iter()
            .map(|(k, _)| k)
            .filter(|k| self.cosigners.contains(k))
            .collect();
        names.sort_by_key(|k| k.vkey());
        names.dedup();
        (names.len(), names.len() >= self.quorum)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::log::{Checkpoint, LogKeys, Signer};
    use crate::core::merkle::empty_root;

    #[test]
    fn quorum_counts_distinct_policy_cosigners() {
        let ed = Signer::from_secret("log.example/a", KeyType::Ed25519, &[1; 32]).expect("key");
        let w1 = Signer::from_secret("w1.example", KeyType::Cosignature, &[2; 32]).expect("key");
        let w2 = Signer::from_secret("w2.example", KeyType::Cosignature, &[3; 32]).expect("key");
        let text = format!(
            "cosigners = [\"{}\", \"{}\"]\nquorum = 2\n",
            w1.verifier(),
            w2.verifier()
        );
        let policy = Policy::parse(&text).expect("policy");
        let cp = Checkpoint {
            origin: "log.example/a".into(),
            size: 0,
            root: empty_root(),
        };
        let mut signed = cp.sign(&[&ed]).expect("sign");
        signed.push(w1.cosign(&cp.text(), 10).expect("sign"));
        signed.push(w1.cosign(&cp.text(), 11).expect("sign"));
        let log = LogKeys::new(vec![ed.verifier().clone()]).expect("log");
        let v = signed.verify(&log, &policy.cosigners).expect("verifies");
        assert_eq!(policy.count(&v), (1, false));
        signed.push(w2.cosign(&cp.text(), 12).expect("sign"));
        let v = signed.verify(&log, &policy.cosigners).expect("verifies");
        assert_eq!(policy.count(&v), (2, true));
        assert_eq!(
            Policy::parse("cosigners = []\nquorum = 1\n").map_err(|e| e.kind()),
            Err("policy-quorum")
        );
        let bad = format!("cosigners = [\"{}\"]\nquorum = 1\n", ed.verifier());
        assert_eq!(
            Policy::parse(&bad).map_err(|e| e.kind()),
            Err("policy-not-cosigner")
        );
    }
}
