//! `ledger verify` and `ledger export`; the signed log's ledger commands are
//! in `ledger_log`.

use super::i18n::t;
use super::messages;
use super::{Cli, EXIT_REJECTED, Failure, Out};
use crate::core::merkle::Hash;
use crate::ledger::{
    ReadLedgerError, check_proof_files, proofs_dir, read_jsonl, verify_chain, verify_chain_to,
    write_jsonl,
};
use crate::store::Workspace;
use clap::Subcommand;
use std::path::PathBuf;

/// `ledger` subcommands.
#[derive(Debug, Subcommand)]
pub enum LedgerCommand {
    /// Check the chain: in the workspace, or an exported file (`--file`) with its proofs.
    Verify {
        /// An exported ledger (JSON Lines) instead of the workspace's.
        #[arg(long)]
        file: Option<PathBuf>,
        /// The head the ledger must end at (from a published notice).
        #[arg(long, value_parser = |s: &str| Hash::from_hex(s).map_err(|_| t!("error-hash", value = format!("{s:?}"))))]
        head: Option<Hash>,
        /// Also check a folder of published files (`published/`, or one campaign's
        /// folder) against the ledger's publication entries.
        #[arg(long)]
        published: Option<PathBuf>,
    },
    /// Write the ledger as JSON Lines, and the draw proofs it names into FILE.proofs/.
    Export {
        /// Output file.
        file: PathBuf,
    },
    /// Sign a checkpoint (tree size and root) of the whole ledger with the workspace's keys.
    Checkpoint,
    /// Print the inclusion proof (c2sp.org/tlog-proof) of one entry under a checkpoint of the whole ledger.
    ProveInclusion {
        /// The entry's sequence number.
        #[arg(
            long,
            conflicts_with = "campaign",
            required_unless_present = "campaign"
        )]
        seq: Option<u64>,
        /// The campaign whose draw entry to prove.
        #[arg(long)]
        campaign: Option<String>,
        /// Write the proof to this file instead of printing it.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Print the consistency proof from an older tree size to a checkpoint of the whole ledger (tlog-witness add-checkpoint body).
    ProveConsistency {
        /// The older tree size (the size of the checkpoint the reader kept).
        #[arg(long)]
        from: u64,
        /// Write the proof to this file instead of printing it.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Add cosigners' cosignatures (`cosigner cosign --out FILE`) to the stored checkpoint they cosigned, so the proofs made from it carry them.
    AddCosignatures {
        /// The cosigned checkpoints.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// A cosigner vkey whose cosignatures to accept (repeatable; the cosigners of WS/log-policy.toml are accepted too).
        #[arg(long = "cosigner-key")]
        cosigner_keys: Vec<String>,
    },
    /// Verify an inclusion proof, a consistency proof against an older checkpoint (--older), or a checkpoint, with the bureau's public keys.
    VerifyProof {
        /// The proof file.
        file: PathBuf,
        /// The bureau's keys: --log-key, --key-list, --key-statement.
        #[command(flatten)]
        trust: super::trust::TrustArgs,
        /// A cosigner vkey whose cosignatures to check and count (repeatable).
        #[arg(long = "cosigner-key")]
        cosigner_keys: Vec<String>,
        /// The older checkpoint a consistency proof starts from.
        #[arg(long)]
        older: Option<PathBuf>,
        /// The bureau's cosigning policy (log-policy.toml: cosigners' vkeys and quorum); exit 1 when the quorum is not met.
        #[arg(long)]
        policy: Option<PathBuf>,
    },
}

fn broken(message: String) -> Failure {
    Failure {
        code: EXIT_REJECTED,
        json: serde_json::json!({"ok": false, "verified": false, "error": {"kind": "verification_failed", "message": message}}),
        message: t!("verify-failed", message = message),
    }
}

pub(super) fn dispatch(cli: &Cli, out: &Out, c: &LedgerCommand) -> Result<(), Failure> {
    match c {
        LedgerCommand::Verify {
            file,
            head,
            published,
        } => {
            let (entries, source, tables) = match file {
                Some(f) => {
                    let unreadable = |e: std::io::Error| {
                        Failure::rejected("unreadable", messages::file_error(f, &e))
                    };
                    let fh = std::fs::File::open(f).map_err(unreadable)?;
                    let v = read_jsonl(std::io::BufReader::new(fh)).map_err(|e| match e {
                        ReadLedgerError::Io(e) => unreadable(e),
                        ReadLedgerError::Entry { line, source } => broken(t!(
                            "ledger-not-an-entry",
                            file = f.display(),
                            line = line,
                            why = source
                        )),
                    })?;
                    (v, t!("ledger-source-file", file = f.display()), None)
                }
                None => {
                    // The chain and every table against it, in one read
                    // transaction: a concurrent writer is never a false alarm.
                    let ws = Workspace::open(&cli.workspace)?;
                    let audit = ws
                        .audit_records()
                        .map_err(|e| broken(messages::store(&e)))?;
                    let mut entries = ws.ledger()?;
                    entries.truncate(audit.entries);
                    (entries, t!("ledger-source-workspace"), Some(audit))
                }
            };
            let got =
                verify_chain_to(&entries, head.as_ref()).map_err(|e| broken(messages::head(&e)))?;
            let proofs = match (&tables, file) {
                (_, Some(f)) => check_proof_files(&entries, &proofs_dir(f))
                    .map_err(|e| broken(messages::proof_file(&e)))?,
                (Some(a), None) => a.proofs + a.results,
                (None, None) => 0,
            };
            let files = match published {
                None => None,
                Some(dir) => Some(
                    crate::store::sqlite::check_published(&entries, dir).map_err(|bad| {
                        broken(
                            bad.iter()
                                .map(messages::published)
                                .collect::<Vec<_>>()
                                .join("\n"),
                        )
                    })?,
                ),
            };
            let mut text = t!(
                "ledger-verified",
                source = source,
                entries = entries.len(),
                head = got
            );
            if file.is_some() {
                text.push_str(&t!("ledger-verified-proofs", proofs = proofs));
            }
            if let Some(a) = &tables {
                text.push_str(&t!(
                    "ledger-verified-tables",
                    announcements = a.announcements,
                    reveals = a.reveals,
                    proofs = a.proofs,
                    results = a.results,
                    schedules = a.schedules,
                    other = a.other
                ));
            }
            if let Some(p) = &files {
                text.push_str(&t!(
                    "ledger-verified-published",
                    files = p.files,
                    campaigns = p.campaigns.join(", ")
                ));
            }
            if head.is_none() {
                text.push('\n');
                text.push_str(&t!("ledger-head-not-checked"));
            }
            let log = match file {
                None => {
                    let (line, v) = super::key::ledger_log_status(&cli.workspace, &entries)?;
                    text.push('\n');
                    text.push_str(&line);
                    Some(v)
                }
                Some(_) => None,
            };
            out.done(
                "dualdraw.ledger-verify.v1",
                &serde_json::json!({"verified": true, "entries": entries.len(), "head": got, "proofs_checked": proofs,
                    "tables": tables, "published": files, "head_checked": head.is_some(), "log": log}),
                &text,
            )
        }
        LedgerCommand::Checkpoint => super::ledger_log::checkpoint(cli, out),
        LedgerCommand::ProveInclusion {
            seq,
            campaign,
            out: file,
        } => {
            super::ledger_log::prove_inclusion(cli, out, *seq, campaign.as_deref(), file.as_deref())
        }
        LedgerCommand::ProveConsistency { from, out: file } => {
            super::ledger_log::prove_consistency(cli, out, *from, file.as_deref())
        }
        LedgerCommand::AddCosignatures {
            files,
            cosigner_keys,
        } => super::ledger_log::add_cosignatures(cli, out, files, cosigner_keys),
        LedgerCommand::VerifyProof {
            file,
            trust,
            cosigner_keys,
            older,
            policy,
        } => super::ledger_log::verify_proof(
            out,
            file,
            trust,
            cosigner_keys,
            older.as_deref(),
            policy.as_deref(),
        ),
        LedgerCommand::Export { file } => {
            let ws = Workspace::open(&cli.workspace)?;
            let entries = ws.ledger()?;
            verify_chain(&entries)
                .map_err(|e| broken(t!("ledger-export-broken", why = messages::ledger(&e))))?;
            let io = |e: std::io::Error| Failure::rejected("io", messages::file_error(file, &e));
            // Proofs first, the ledger last: a ledger file on disk always has
            // its proofs beside it; each file is whole or absent.
            let dir = proofs_dir(file);
            std::fs::create_dir_all(&dir).map_err(io)?;
            let mut proofs = 0;
            for e in entries.iter().filter(|e| e.kind == "draw") {
                let text = ws.draw_proof_text(&e.campaign)?;
                crate::durable::write_atomic(
                    &dir.join(format!("{}.json", e.campaign)),
                    text.as_bytes(),
                )
                .map_err(io)?;
                proofs += 1;
            }
            let mut bytes = Vec::new();
            write_jsonl(&entries, &mut bytes).map_err(io)?;
            crate::durable::write_atomic(file, &bytes).map_err(io)?;
            let head = entries.last().map(|e| e.hash).unwrap_or(Hash([0; 32]));
            out.done(
                "dualdraw.ledger-export.v1",
                &serde_json::json!({"file": file, "proofs": dir, "entries": entries.len(), "head": head}),
                &t!(
                    "ledger-exported",
                    entries = entries.len(),
                    file = file.display(),
                    proofs = proofs,
                    dir = dir.display(),
                    head = head
                ),
            )
        }
    }
}
