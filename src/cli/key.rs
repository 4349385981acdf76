//! `key new`, `key show`, and the workspace side of the signed log used by
//! other commands: the checkpoint made after announcements and draws, and
//! what `ledger verify` says of keys and checkpoints (`docs/LOG.md`).

use super::i18n::t;
use super::{Cli, Failure, Out};
use crate::core::log::LogKeys;
use crate::ledger::Entry;
use crate::ledger::keys::KeyAction;
use crate::ledger::log::ledger_tree;
use crate::store::Workspace;
use crate::store::log_files::{
    self, KeyPair, LogFilesError, Role, checkpoint_sizes, load_keys, make_checkpoint,
    read_checkpoint,
};
use clap::Subcommand;
use std::path::Path;

/// `key` subcommands.
#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Make the workspace's signing keys (Ed25519 and SM2) under WS/keys/, readable by the owner only.
    New {
        /// The log name (origin), e.g. scjg.520123.gov.cn/dualdraw; for an auditor, the auditor's name.
        #[arg(long)]
        name: String,
        /// Make an auditor's keys (for attestations) instead of the bureau's.
        #[arg(long)]
        auditor: bool,
    },
    /// Print the public keys (vkeys) and fingerprints to publish.
    Show {
        /// Show the auditor's keys instead of the bureau's.
        #[arg(long)]
        auditor: bool,
        /// Print only the vkeys, one per line (a key list, or a file for --log-key).
        #[arg(long)]
        vkeys: bool,
    },
    /// Replace the bureau's keys (轮换): new keys, a `key` ledger entry, a checkpoint signed by the old and the new keys, and the key statement to publish. Run again to finish one a crash interrupted.
    Rotate {
        /// Why (recorded in the ledger).
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Withdraw the bureau's keys (吊销, e.g. leaked): as rotate, and readers given the statement refuse what only the old keys signed after it.
    Revoke {
        /// Why (recorded in the ledger and shown to readers).
        #[arg(long)]
        reason: String,
    },
}

pub(super) fn files_failure(e: &LogFilesError) -> Failure {
    Failure::rejected(e.kind(), t!("log-files-error", why = e.to_string()))
}

fn role(auditor: bool) -> Role {
    if auditor { Role::Auditor } else { Role::Bureau }
}

fn keys_json(k: &KeyPair) -> serde_json::Value {
    serde_json::json!({
        "name": k.name(),
        "role": k.role,
        "keys": k.signers().iter().map(|s| {
            let v = s.verifier();
            serde_json::json!({"type": v.key_type().as_str(), "vkey": v.vkey(), "fingerprint": v.fingerprint()})
        }).collect::<Vec<_>>(),
    })
}

fn keys_text(k: &KeyPair) -> String {
    k.signers()
        .iter()
        .map(|s| {
            let v = s.verifier();
            t!(
                "key-line",
                kind = v.key_type().as_str(),
                vkey = v.vkey(),
                fingerprint = v.fingerprint()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub(super) fn dispatch(cli: &Cli, out: &Out, c: &KeyCommand) -> Result<(), Failure> {
    let ws = Workspace::open(&cli.workspace)?;
    match c {
        KeyCommand::New { name, auditor } => {
            let k = log_files::create_keys(ws.dir(), name, role(*auditor))
                .map_err(|e| files_failure(&e))?;
            let file = log_files::key_path(ws.dir(), k.role);
            let mut v = keys_json(&k);
            v["key_file"] = serde_json::json!(file);
            let head = if *auditor {
                t!("key-created-auditor", name = name, file = file.display())
            } else {
                t!("key-created", name = name, file = file.display())
            };
            out.done(
                "dualdraw.key.v1",
                &v,
                &format!("{head}\n{}\n{}", keys_text(&k), t!("key-publish")),
            )
        }
        KeyCommand::Rotate { reason } => rotate(cli, out, KeyAction::Rotate, reason),
        KeyCommand::Revoke { reason } => rotate(cli, out, KeyAction::Revoke, reason),
        KeyCommand::Show { auditor, vkeys } => {
            let k = load_keys(ws.dir(), role(*auditor))
                .map_err(|e| files_failure(&e))?
                .ok_or_else(no_keys)?;
            let text = if *vkeys {
                k.signers()
                    .iter()
                    .map(|s| s.verifier().vkey())
                    .collect::<Vec<_>>()
                    .join("\n")
            } else {
                keys_text(&k)
            };
            out.done("dualdraw.key.v1", &keys_json(&k), &text)
        }
    }
}

/// `key rotate` and `key revoke` (`docs/LOG.md` §8), resumable: the steps of
/// [`crate::store::key_rotation`], each skipped when a crash left it done.
fn rotate(cli: &Cli, out: &Out, action: KeyAction, reason: &str) -> Result<(), Failure> {
    use crate::store::key_rotation::{begin_rotation, entry_body, finish_rotation, recorded_entry};
    let mut ws = Workspace::open(&cli.workspace)?;
    let (old, new) = begin_rotation(ws.dir())
        .map_err(|e| files_failure(&e))?
        .ok_or_else(no_keys)?;
    let entries = ws.ledger()?;
    let entry = match recorded_entry(&entries, &new) {
        Some(e) => e.clone(),
        None => ws.record_key_change(
            &entry_body(action, &old, &new, reason),
            &crate::core::campaign::instant_text(&super::now()),
            &cli.actor(),
        )?,
    };
    let entries = ws.ledger()?;
    let done =
        finish_rotation(ws.dir(), &entries, &entry, &old, &new).map_err(|e| files_failure(&e))?;
    let recorded_action = serde_json::from_str::<serde_json::Value>(&entry.body)
        .ok()
        .and_then(|b| b["action"].as_str().map(str::to_string))
        .unwrap_or_default();
    let head = t!(
        "key-rotated",
        action = recorded_action.as_str(),
        seq = entry.seq,
        file = done.statement.display()
    );
    out.done(
        "dualdraw.key-rotate.v1",
        &serde_json::json!({"action": recorded_action, "seq": entry.seq, "size": entry.seq,
            "statement": done.statement, "retired": done.retired,
            "old": keys_json(&old), "new": keys_json(&new)}),
        &format!(
            "{head}\n{}\n{}",
            keys_text(&new),
            t!("key-rotated-publish", file = done.statement.display())
        ),
    )
}

/// The failure when the workspace has no bureau keys.
pub(super) fn no_keys() -> Failure {
    Failure::rejected("no_keys", t!("log-no-keys"))
}

/// The workspace's bureau keys, or the failure that says to make them.
pub(super) fn bureau_keys(dir: &Path) -> Result<KeyPair, Failure> {
    load_keys(dir, Role::Bureau)
        .map_err(|e| files_failure(&e))?
        .ok_or_else(no_keys)
}

/// After an announcement or a draw: signs a checkpoint of the whole ledger
/// when the workspace has keys. The line to add to the command's text (empty
/// without keys); a failure to sign is a warning, the command having
/// succeeded (the next checkpoint covers the entry).
pub(super) fn checkpoint_after(dir: &Path, ws: &Workspace) -> String {
    checkpoint_with(dir, ws, false)
}

/// As [`checkpoint_after`], after an announcement: also the keys in force
/// (vkeys and fingerprints), which every announcement prints (`docs/LOG.md` §2).
pub(super) fn checkpoint_after_announcement(dir: &Path, ws: &Workspace) -> String {
    checkpoint_with(dir, ws, true)
}

fn checkpoint_with(dir: &Path, ws: &Workspace, with_keys: bool) -> String {
    let keys = match load_keys(dir, Role::Bureau) {
        Ok(Some(k)) => k,
        Ok(None) => return String::new(),
        Err(e) => return t!("log-checkpoint-failed", why = e.to_string()),
    };
    let entries = match ws.ledger() {
        Ok(e) => e,
        Err(e) => return t!("log-checkpoint-failed", why = e.to_string()),
    };
    let line = match make_checkpoint(dir, &entries, &keys) {
        Ok(c) => t!(
            "log-checkpoint-signed",
            size = c.checkpoint().size,
            root = c.checkpoint().root
        ),
        Err(e) => t!("log-checkpoint-failed", why = e.to_string()),
    };
    if with_keys {
        format!("{line}\n{}\n{}", t!("log-keys-in-force"), keys_text(&keys))
    } else {
        line
    }
}

/// The bureau's own keys as a [`LogKeys`].
pub(super) fn own_log_keys(k: &KeyPair) -> Result<LogKeys, Failure> {
    LogKeys::new(vec![k.ed25519.verifier().clone(), k.sm2.verifier().clone()])
        .map_err(|e| Failure::rejected(e.kind(), e.to_string()))
}

/// What `ledger verify` adds about the signed log: keys missing, or the
/// latest checkpoint checked against the ledger.
pub(super) fn ledger_log_status(
    dir: &Path,
    entries: &[Entry],
) -> Result<(String, serde_json::Value), Failure> {
    let Some(keys) = load_keys(dir, Role::Bureau).map_err(|e| files_failure(&e))? else {
        return Ok((t!("log-status-no-keys"), serde_json::json!({"keys": false})));
    };
    let sizes = checkpoint_sizes(dir).map_err(|e| files_failure(&e))?;
    let Some(&size) = sizes.last() else {
        return Ok((
            t!("log-status-no-checkpoint"),
            serde_json::json!({"keys": true, "checkpoint": null}),
        ));
    };
    let broken = |why: String| {
        Failure::rejected(
            "checkpoint_mismatch",
            t!("log-status-checkpoint-broken", size = size, why = why),
        )
    };
    let signed = read_checkpoint(dir, size).map_err(|e| broken(e.to_string()))?;
    let verified = signed
        .verify(&own_log_keys(&keys)?, &[])
        .map_err(|e| broken(e.to_string()))?;
    let n = usize::try_from(size).unwrap_or(usize::MAX);
    if n > entries.len() {
        return Err(broken(t!("log-status-beyond", entries = entries.len())));
    }
    let root = ledger_tree(&entries[..n]).root();
    if root.hash != verified.checkpoint().root {
        return Err(broken(t!("log-status-root-differs", root = root.hash)));
    }
    let unsigned = entries.len() - n;
    Ok((
        t!("log-status-ok", size = size, unsigned = unsigned),
        serde_json::json!({"keys": true, "checkpoint": {"size": size, "root": root.hash}, "unsigned_entries": unsigned}),
    ))
}

/// Writes `F.sig` (`docs/LOG.md` §6) beside each published file when the
/// workspace has bureau keys; the signature files written (none without keys).
pub(super) fn sign_published(
    dir: &Path,
    files: &[crate::io::publish::Written],
) -> Result<Vec<std::path::PathBuf>, Failure> {
    let Some(keys) = load_keys(dir, Role::Bureau).map_err(|e| files_failure(&e))? else {
        return Ok(Vec::new());
    };
    let mut sigs = Vec::new();
    for f in files {
        let io =
            |e: std::io::Error| Failure::rejected("io", super::messages::file_error(&f.path, &e));
        let bytes = std::fs::read(&f.path).map_err(io)?;
        let name = f
            .path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let text = crate::core::log::FileSignature::of(keys.name(), &name, &bytes)
            .sign(&keys.signers())
            .map_err(|e| Failure::rejected(e.kind(), e.to_string()))?;
        let mut p = f.path.as_os_str().to_owned();
        p.push(".sig");
        let sig = std::path::PathBuf::from(p);
        crate::durable::write_atomic(&sig, text.as_bytes()).map_err(io)?;
        sigs.push(sig);
    }
    Ok(sigs)
}

/// [`sign_published`], adding the line that says so to `text`.
pub(super) fn sign_published_noting(
    dir: &Path,
    files: &[crate::io::publish::Written],
    text: &mut String,
) -> Result<Vec<std::path::PathBuf>, Failure> {
    let sigs = sign_published(dir, files)?;
    if !sigs.is_empty() {
        text.push_str(&t!("log-files-signed", count = sigs.len()));
        text.push('\n');
    }
    Ok(sigs)
}

/// `verify PROOF --log-key …`: checks `PROOF.sig` when it is there and, with
/// `--inclusion`, that the draw entry proved is this proof's (`docs/LOG.md`
/// §4, §6). The lines to print before the verdict.
pub(super) fn verify_logged_proof(
    proof: &Path,
    trust: &super::trust::TrustArgs,
    inclusion: Option<&Path>,
) -> Result<Vec<String>, Failure> {
    use super::trust::statement_failure;
    let read = |f: &Path| {
        std::fs::read(f)
            .map_err(|e| Failure::rejected("unreadable", super::messages::file_error(f, &e)))
    };
    let fail = |kind: &str, why: String| Failure {
        code: super::EXIT_REJECTED,
        json: serde_json::json!({"ok": false, "verified": false, "error": {"kind": kind, "message": why}}),
        message: t!("verify-failed", message = why),
    };
    let bytes = read(proof)?;
    let name = proof
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let mut lines = Vec::new();
    let mut sig_path = proof.as_os_str().to_owned();
    sig_path.push(".sig");
    let sig_path = std::path::PathBuf::from(sig_path);
    let sig = if sig_path.exists() {
        Some(read(&sig_path)?)
    } else {
        None
    };
    let inc = inclusion.map(read).transpose()?;
    let hint = inc.as_deref().or(sig.as_deref()).unwrap_or_default();
    let chain = trust.chain_for(hint)?;
    let log = chain.latest();
    if let Some(sig) = &sig {
        let (s, retired_at) = chain
            .verify_file_signature(sig)
            .map_err(|e| statement_failure(&e))?;
        if let Some(at) = retired_at {
            lines.push(t!("log-sig-by-retired", size = at));
        }
        if !s.matches(&name, &bytes) {
            return Err(fail(
                "file-mismatch",
                t!("log-sig-mismatch", file = proof.display()),
            ));
        }
        lines.push(t!(
            "log-sig-verified",
            file = sig_path.display(),
            keys = log.keys().len()
        ));
    } else {
        lines.push(t!("log-sig-missing", file = sig_path.display()));
    }
    if let Some(inc) = &inc {
        let draw: crate::core::proof::DrawProof =
            serde_json::from_slice(&bytes).map_err(|e| fail("malformed", e.to_string()))?;
        let keys = match crate::core::log::InclusionProofText::parse(inc) {
            Ok(p) => chain
                .keys_checked_for(&p.checkpoint)
                .map_err(|e| statement_failure(&e))?,
            Err(_) => log,
        };
        let (entry, cp) = crate::ledger::log::verify_entry_proof(inc, keys, &[])
            .map_err(|e| fail(e.kind(), e.to_string()))?;
        crate::ledger::log::check_draw_entry(
            &entry,
            &draw.announcement.campaign.id,
            &bytes,
            &draw.announcement.hash,
        )
        .map_err(|e| fail(e.kind(), e.to_string()))?;
        lines.push(t!(
            "log-draw-included",
            seq = entry.seq,
            size = cp.checkpoint().size
        ));
    }
    Ok(lines)
}
