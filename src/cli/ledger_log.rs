//! `ledger checkpoint`, `ledger prove-inclusion`, `ledger prove-consistency`
//! and `ledger verify-proof` (`docs/LOG.md` §3–§4).

use super::i18n::t;
use super::key::{bureau_keys, files_failure};
use super::trust::parse_keys;
use super::trust::{TrustArgs, statement_failure};
use super::{Cli, Failure, Out, messages};
use crate::core::log::{
    AddCheckpoint, InclusionProofText, Policy, SignedCheckpoint, TLOG_PROOF_HEADER,
};
use crate::ledger::log::{ledger_tree, prove_entry, verify_entry_proof};
use crate::store::Workspace;
use crate::store::log_files::{checkpoint_sizes, make_checkpoint, read_checkpoint};
use std::path::Path;

/// The latest checkpoint if it covers the whole ledger, else a new one.
fn current(ws: &Workspace) -> Result<(Vec<crate::ledger::Entry>, SignedCheckpoint), Failure> {
    let keys = bureau_keys(ws.dir())?;
    let entries = ws.ledger()?;
    let sizes = checkpoint_sizes(ws.dir()).map_err(|e| files_failure(&e))?;
    if sizes.last() == Some(&(entries.len() as u64)) {
        let c = read_checkpoint(ws.dir(), entries.len() as u64).map_err(|e| files_failure(&e))?;
        let root = ledger_tree(&entries).root();
        if c.checkpoint().root == root.hash {
            return Ok((entries, c));
        }
    }
    let c = make_checkpoint(ws.dir(), &entries, &keys).map_err(|e| files_failure(&e))?;
    Ok((entries, c))
}

fn write_or_print(
    out: &Out,
    schema: &str,
    text: &str,
    file: Option<&Path>,
    json: serde_json::Value,
) -> Result<(), Failure> {
    match file {
        Some(f) => {
            crate::durable::write_atomic(f, text.as_bytes())
                .map_err(|e| Failure::rejected("io", messages::file_error(f, &e)))?;
            let mut j = json;
            j["file"] = serde_json::json!(f);
            out.done(schema, &j, &t!("log-proof-written", file = f.display()))
        }
        None => {
            let mut j = json;
            j["text"] = serde_json::json!(text);
            out.done(schema, &j, text.trim_end())
        }
    }
}

pub(super) fn checkpoint(cli: &Cli, out: &Out) -> Result<(), Failure> {
    let ws = Workspace::open(&cli.workspace)?;
    let keys = bureau_keys(ws.dir())?;
    let entries = ws.ledger()?;
    let c = make_checkpoint(ws.dir(), &entries, &keys).map_err(|e| files_failure(&e))?;
    let text = c.to_text();
    out.done(
        "dualdraw.checkpoint.v1",
        &serde_json::json!({"size": c.checkpoint().size, "root": c.checkpoint().root, "checkpoint": text}),
        &format!(
            "{}\n\n{}",
            t!(
                "log-checkpoint-signed",
                size = c.checkpoint().size,
                root = c.checkpoint().root
            ),
            text.trim_end()
        ),
    )
}

pub(super) fn prove_inclusion(
    cli: &Cli,
    out: &Out,
    seq: Option<u64>,
    campaign: Option<&str>,
    file: Option<&Path>,
) -> Result<(), Failure> {
    let ws = Workspace::open(&cli.workspace)?;
    let (entries, c) = current(&ws)?;
    let entry = match (seq, campaign) {
        (Some(s), _) => entries.iter().find(|e| e.seq == s),
        (None, Some(id)) => entries
            .iter()
            .find(|e| e.kind == "draw" && e.campaign == id),
        (None, None) => None,
    }
    .ok_or_else(|| Failure::rejected("not_found", t!("log-no-such-entry")))?;
    let proof = prove_entry(entry, &ledger_tree(&entries), c)
        .ok_or_else(|| Failure::rejected("not_found", t!("log-no-such-entry")))?;
    write_or_print(
        out,
        "dualdraw.inclusion-proof.v1",
        &proof.to_text(),
        file,
        serde_json::json!({"seq": entry.seq, "index": proof.index, "size": proof.checkpoint.checkpoint().size}),
    )
}

pub(super) fn prove_consistency(
    cli: &Cli,
    out: &Out,
    from: u64,
    file: Option<&Path>,
) -> Result<(), Failure> {
    let ws = Workspace::open(&cli.workspace)?;
    let (entries, c) = current(&ws)?;
    let proof = ledger_tree(&entries)
        .prove_consistency(from)
        .ok_or_else(|| {
            Failure::rejected(
                "not_found",
                t!("log-from-too-large", from = from, size = entries.len()),
            )
        })?;
    let body = AddCheckpoint {
        old: from,
        proof,
        checkpoint: c,
    };
    write_or_print(
        out,
        "dualdraw.consistency-proof.v1",
        &body.to_text(),
        file,
        serde_json::json!({"old": from, "size": entries.len()}),
    )
}

/// `ledger add-cosignatures`: merges verified cosignatures into the stored
/// checkpoints they are of.
pub(super) fn add_cosignatures(
    cli: &Cli,
    out: &Out,
    files: &[std::path::PathBuf],
    cosigner_keys: &[String],
) -> Result<(), Failure> {
    let ws = Workspace::open(&cli.workspace)?;
    let mut cosigners = parse_keys(cosigner_keys)?;
    let policy_file = ws.dir().join("log-policy.toml");
    if policy_file.exists() {
        let text = String::from_utf8_lossy(&read(&policy_file)?).into_owned();
        let pol = Policy::parse(&text).map_err(|e| {
            Failure::rejected(
                e.kind(),
                t!(
                    "log-bad-policy",
                    file = policy_file.display(),
                    why = e.to_string()
                ),
            )
        })?;
        cosigners.extend(pol.cosigners);
    }
    if cosigners.is_empty() {
        return Err(Failure::usage(t!("log-cosigners-needed")));
    }
    let mut lines = Vec::new();
    let mut done = Vec::new();
    for f in files {
        let theirs =
            SignedCheckpoint::parse(&read(f)?).map_err(|e| refused(e.kind(), e.to_string()))?;
        let size = theirs.checkpoint().size;
        let mut ours = read_checkpoint(ws.dir(), size).map_err(|e| files_failure(&e))?;
        let added = ours
            .add_cosignatures(&theirs, &cosigners)
            .map_err(|e| refused(e.kind(), format!("{}: {e}", f.display())))?;
        let path = crate::store::log_files::checkpoints_dir(ws.dir()).join(format!("{size}.txt"));
        crate::durable::write_atomic(&path, ours.to_text().as_bytes())
            .map_err(|e| Failure::rejected("io", messages::file_error(&path, &e)))?;
        lines.push(t!(
            "log-cosignatures-added",
            file = f.display(),
            added = added,
            size = size
        ));
        done.push(serde_json::json!({"file": f, "size": size, "added": added}));
    }
    out.done(
        "dualdraw.add-cosignatures.v1",
        &serde_json::json!({"checkpoints": done}),
        &lines.join("\n"),
    )
}

fn read(f: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(f).map_err(|e| Failure::rejected("unreadable", messages::file_error(f, &e)))
}

fn refused(kind: &str, why: String) -> Failure {
    Failure {
        code: super::EXIT_REJECTED,
        json: serde_json::json!({"ok": false, "verified": false, "error": {"kind": kind, "message": why}}),
        message: t!("verify-failed", message = why),
    }
}

pub(super) fn verify_proof(
    out: &Out,
    file: &Path,
    trust: &TrustArgs,
    cosigner_keys: &[String],
    older: Option<&Path>,
    policy: Option<&Path>,
) -> Result<(), Failure> {
    let bytes = read(file)?;
    let chain = trust.chain_for(&bytes)?;
    let mut cosigners = parse_keys(cosigner_keys)?;
    let policy = match policy {
        None => None,
        Some(p) => {
            let text = String::from_utf8_lossy(&read(p)?).into_owned();
            let pol = Policy::parse(&text).map_err(|e| {
                Failure::rejected(
                    e.kind(),
                    t!("log-bad-policy", file = p.display(), why = e.to_string()),
                )
            })?;
            cosigners.extend(pol.cosigners.iter().cloned());
            Some(pol)
        }
    };
    // With a policy: how many of its cosigners cosigned, and the quorum.
    let quorum =
        |v: &crate::core::log::VerifiedCheckpoint| -> Result<(serde_json::Value, String), Failure> {
            let Some(pol) = &policy else {
                return Ok((serde_json::Value::Null, String::new()));
            };
            let (n, met) = pol.count(v);
            let line = t!("log-quorum", count = n, quorum = pol.quorum);
            if !met {
                return Err(refused("quorum-not-met", line));
            }
            Ok((
                serde_json::json!({"cosigned": n, "quorum": pol.quorum, "met": met}),
                format!("\n{line}"),
            ))
        };
    let cosigned = |v: &crate::core::log::VerifiedCheckpoint| {
        v.cosignatures()
            .iter()
            .map(|(k, ts)| serde_json::json!({"cosigner": k.name(), "timestamp": ts}))
            .collect::<Vec<_>>()
    };
    if bytes.starts_with(TLOG_PROOF_HEADER.as_bytes()) {
        let log = match InclusionProofText::parse(&bytes) {
            Ok(p) => chain
                .keys_checked_for(&p.checkpoint)
                .map_err(|e| statement_failure(&e))?,
            Err(_) => chain.latest(),
        };
        let (entry, cp) = verify_entry_proof(&bytes, log, &cosigners)
            .map_err(|e| refused(e.kind(), e.to_string()))?;
        let cos = cosigned(&cp);
        let (q, qline) = quorum(&cp)?;
        return out.done(
            "dualdraw.verify-proof.v1",
            &serde_json::json!({"verified": true, "proof": "inclusion", "seq": entry.seq, "kind": entry.kind,
                "campaign": entry.campaign, "entry_hash": entry.hash, "size": cp.checkpoint().size,
                "root": cp.checkpoint().root, "signatures": log.keys().len(), "cosignatures": cos, "policy": q}),
            &(t!(
                "log-inclusion-verified",
                seq = entry.seq,
                kind = entry.kind,
                campaign = entry.campaign,
                size = cp.checkpoint().size,
                keys = log.keys().len(),
                cosignatures = cos.len()
            ) + &qline),
        );
    }
    // A checkpoint on its own (not an add-checkpoint body): its signatures
    // under the keys in force at its size, and the policy's cosignatures.
    if older.is_none()
        && AddCheckpoint::parse(&bytes).is_err()
        && let Ok(signed) = SignedCheckpoint::parse(&bytes)
    {
        let log = chain
            .keys_checked_for(&signed)
            .map_err(|e| statement_failure(&e))?;
        let cp = signed
            .verify(log, &cosigners)
            .map_err(|e| refused(e.kind(), e.to_string()))?;
        let cos = cosigned(&cp);
        let (q, qline) = quorum(&cp)?;
        return out.done(
            "dualdraw.verify-proof.v1",
            &serde_json::json!({"verified": true, "proof": "checkpoint", "size": cp.checkpoint().size,
                "root": cp.checkpoint().root, "signatures": log.keys().len(), "cosignatures": cos, "policy": q}),
            &(t!(
                "log-checkpoint-verified",
                size = cp.checkpoint().size,
                keys = log.keys().len(),
                cosignatures = cos.len()
            ) + &qline),
        );
    }
    let older = older.ok_or_else(|| Failure::usage(t!("log-older-needed")))?;
    let old_signed =
        SignedCheckpoint::parse(&read(older)?).map_err(|e| refused(e.kind(), e.to_string()))?;
    let old_keys = chain
        .keys_checked_for(&old_signed)
        .map_err(|e| statement_failure(&e))?;
    let old = old_signed
        .verify(old_keys, &cosigners)
        .map_err(|e| refused(e.kind(), e.to_string()))?;
    let body = AddCheckpoint::parse(&bytes).map_err(|e| refused(e.kind(), e.to_string()))?;
    let log = chain
        .keys_checked_for(&body.checkpoint)
        .map_err(|e| statement_failure(&e))?;
    let newer = body
        .verify_extends(&old, log, &cosigners)
        .map_err(|e| refused(e.kind(), e.to_string()))?;
    let cos = cosigned(&newer);
    let (q, qline) = quorum(&newer)?;
    out.done(
        "dualdraw.verify-proof.v1",
        &serde_json::json!({"verified": true, "proof": "consistency", "old": old.checkpoint().size,
            "size": newer.checkpoint().size, "root": newer.checkpoint().root, "cosignatures": cos, "policy": q}),
        &(t!(
            "log-consistency-verified",
            old = old.checkpoint().size,
            size = newer.checkpoint().size,
            keys = log.keys().len(),
            cosignatures = cos.len()
        ) + &qline),
    )
}
