//! The keys a reader trusts (`docs/LOG.md` §2, §8): `--log-key` vkeys, or a
//! province's `--key-list`, and the bureau's `--key-statement`s, made into a
//! [`KeyChain`].

use super::i18n::t;
use super::{Failure, Out, messages};
use crate::core::log::{AddCheckpoint, InclusionProofText, LogKeys, SignedCheckpoint, VerifierKey};
use crate::ledger::keys::{KeyChain, KeyStatementError, keys_from_list};
use std::path::{Path, PathBuf};

/// Where the bureau's keys come from.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct TrustArgs {
    /// A public key (vkey) of the bureau's log, as printed by `key show` and on every announcement; repeat for its Ed25519 and SM2 keys.
    #[arg(long = "log-key")]
    pub log_keys: Vec<String>,
    /// A province's key list (one vkey per line, `#` comments): the keys named as the log's origin are used.
    #[arg(long = "key-list")]
    pub key_list: Option<PathBuf>,
    /// A key statement the bureau published (WS/key-statements/SIZE.txt): from its checkpoint on, its new keys are in force; repeatable.
    #[arg(long = "key-statement")]
    pub key_statements: Vec<PathBuf>,
}

/// Parses `--log-key` values into one log's keys: each a vkey, or a file of
/// vkeys (one per line, `#` comments), as `key show --vkeys` prints them.
pub(super) fn parse_log_keys(vkeys: &[String]) -> Result<LogKeys, Failure> {
    LogKeys::new(parse_keys(vkeys)?)
        .map_err(|e| Failure::usage(t!("log-bad-key", why = e.to_string())))
}

/// Parses `--cosigner-key` values: each a vkey or a file of vkeys.
pub(super) fn parse_keys(vkeys: &[String]) -> Result<Vec<VerifierKey>, Failure> {
    let mut keys = Vec::new();
    for v in vkeys {
        let file = Path::new(v);
        if VerifierKey::parse(v).is_err() && file.is_file() {
            let text = std::fs::read_to_string(file).map_err(|e| {
                Failure::rejected("unreadable", super::messages::file_error(file, &e))
            })?;
            keys.extend(
                VerifierKey::parse_list(&text)
                    .map_err(|e| Failure::usage(t!("log-bad-key", why = e.to_string())))?,
            );
        } else {
            keys.push(
                VerifierKey::parse(v)
                    .map_err(|e| Failure::usage(t!("log-bad-key", why = e.to_string())))?,
            );
        }
    }
    Ok(keys)
}

fn read(f: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(f).map_err(|e| Failure::rejected("unreadable", messages::file_error(f, &e)))
}

/// The origin a text names (a checkpoint, inclusion proof, add-checkpoint
/// body or file signature), unverified: to choose keys from a key list.
pub(super) fn origin_hint(text: &[u8]) -> Option<String> {
    if let Ok(p) = InclusionProofText::parse(text) {
        return Some(p.checkpoint.checkpoint().origin.clone());
    }
    if let Ok(b) = AddCheckpoint::parse(text) {
        return Some(b.checkpoint.checkpoint().origin.clone());
    }
    if let Ok(c) = SignedCheckpoint::parse(text) {
        return Some(c.checkpoint().origin.clone());
    }
    let s = std::str::from_utf8(text).ok()?;
    let mut lines = s.lines();
    let first = lines.next()?;
    if first.starts_with("dualdraw-") {
        return lines.next().map(str::to_string);
    }
    None
}

/// The failure for a refused key statement or a signature by retired keys.
pub(super) fn statement_failure(e: &KeyStatementError) -> Failure {
    let why = e.to_string();
    Failure {
        code: super::EXIT_REJECTED,
        json: serde_json::json!({"ok": false, "verified": false, "error": {"kind": e.kind(), "message": why}}),
        message: t!("verify-failed", message = why),
    }
}

impl TrustArgs {
    /// Whether any key was given.
    pub fn given(&self) -> bool {
        !self.log_keys.is_empty() || self.key_list.is_some()
    }

    /// The keys first trusted: the `--log-key`s, or those of the key list
    /// named `origin`.
    fn initial(&self, origin: Option<&str>) -> Result<LogKeys, Failure> {
        if !self.log_keys.is_empty() {
            return parse_log_keys(&self.log_keys);
        }
        let Some(list) = &self.key_list else {
            return Err(Failure::usage(t!("log-keys-needed")));
        };
        let text = String::from_utf8_lossy(&read(list)?).into_owned();
        let mut keys = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let l = line.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            let k = VerifierKey::parse(l).map_err(|e| {
                Failure::rejected(
                    "bad-key-list",
                    t!(
                        "log-bad-key-list",
                        file = format!("{}:{}:1", list.display(), n + 1),
                        why = e.to_string()
                    ),
                )
            })?;
            keys.push(k);
        }
        let origin = origin.unwrap_or_default();
        keys_from_list(&keys, origin).ok_or_else(|| {
            Failure::rejected(
                "key-not-listed",
                t!(
                    "log-not-in-key-list",
                    origin = origin,
                    file = list.display()
                ),
            )
        })
    }

    /// The reader's key chain for a log whose texts name `origin`.
    pub fn chain(&self, origin: Option<&str>) -> Result<KeyChain, Failure> {
        let initial = self.initial(origin)?;
        let statements = self
            .key_statements
            .iter()
            .map(|f| read(f))
            .collect::<Result<Vec<_>, _>>()?;
        KeyChain::new(initial, &statements).map_err(|e| statement_failure(&e))
    }

    /// The chain for the log `text` names.
    pub fn chain_for(&self, text: &[u8]) -> Result<KeyChain, Failure> {
        self.chain(origin_hint(text).as_deref())
    }
}

/// `verify-signature FILE`: the file's detached signature (`docs/LOG.md` §6)
/// verifies under the keys in force and names this file's bytes.
pub(super) fn verify_signature(
    out: &Out,
    file: &Path,
    signature: Option<&Path>,
    trust: &TrustArgs,
) -> Result<(), Failure> {
    let sig_path = signature.map_or_else(
        || {
            let mut p = file.as_os_str().to_owned();
            p.push(".sig");
            PathBuf::from(p)
        },
        Path::to_path_buf,
    );
    let sig = read(&sig_path)?;
    let bytes = read(file)?;
    let chain = trust.chain_for(&sig)?;
    let (s, retired_at) = chain
        .verify_file_signature(&sig)
        .map_err(|e| statement_failure(&e))?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    if !s.matches(&name, &bytes) {
        let why = t!("log-sig-mismatch", file = file.display());
        return Err(Failure {
            code: super::EXIT_REJECTED,
            json: serde_json::json!({"ok": false, "verified": false, "error": {"kind": "file-mismatch", "message": why}}),
            message: t!("verify-failed", message = why),
        });
    }
    let mut text = t!(
        "log-sig-verified",
        file = sig_path.display(),
        keys = chain.latest().keys().len()
    );
    if let Some(at) = retired_at {
        text = format!("{}\n{text}", t!("log-sig-by-retired", size = at));
    }
    out.done(
        "dualdraw.verify-signature.v1",
        &serde_json::json!({"verified": true, "file": file, "signature": sig_path,
            "origin": chain.latest().name(), "retired_at": retired_at}),
        &text,
    )
}
