//! `ledger verify` and `ledger export`.

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
        #[arg(long, value_parser = |s: &str| Hash::from_hex(s).map_err(|e| e.to_string()))]
        head: Option<Hash>,
    },
    /// Write the ledger as JSON Lines, and the draw proofs it names into FILE.proofs/.
    Export {
        /// Output file.
        file: PathBuf,
    },
}

fn broken(message: String) -> Failure {
    Failure {
        code: EXIT_REJECTED,
        json: serde_json::json!({"ok": false, "verified": false, "error": {"kind": "verification_failed", "message": message}}),
        message: format!("FAILED: {message}"),
    }
}

pub(super) fn dispatch(cli: &Cli, out: &Out, c: &LedgerCommand) -> Result<(), Failure> {
    match c {
        LedgerCommand::Verify { file, head } => {
            let (entries, source) = match file {
                Some(f) => {
                    let unreadable = |e: std::io::Error| {
                        Failure::rejected("unreadable", format!("{}: {e}", f.display()))
                    };
                    let fh = std::fs::File::open(f).map_err(unreadable)?;
                    let v = read_jsonl(std::io::BufReader::new(fh)).map_err(|e| match e {
                        ReadLedgerError::Io(e) => unreadable(e),
                        ReadLedgerError::Entry { line, source } => broken(format!(
                            "{}:{line}: not a ledger entry: {source}",
                            f.display()
                        )),
                    })?;
                    (v, f.display().to_string())
                }
                None => (
                    Workspace::open(&cli.workspace)?.ledger()?,
                    "the workspace".to_string(),
                ),
            };
            let got =
                verify_chain_to(&entries, head.as_ref()).map_err(|e| broken(e.to_string()))?;
            let proofs = match file {
                Some(f) => check_proof_files(&entries, &proofs_dir(f))
                    .map_err(|e| broken(e.to_string()))?,
                // The recorded proofs and results must be what their entries hashed.
                None => Workspace::open(&cli.workspace)?
                    .check_records_against_ledger()
                    .map_err(|e| broken(e.to_string()))?,
            };
            out.done(
                "dualdraw.ledger-verify.v1",
                &serde_json::json!({"verified": true, "entries": entries.len(), "head": got, "proofs_checked": proofs}),
                &format!("VERIFIED: the ledger of {source} is an intact chain of {} entries, head {got}{}", entries.len(),
                    if file.is_some() { format!("; {proofs} draw proof(s) match their entries") } else { String::new() }),
            )
        }
        LedgerCommand::Export { file } => {
            let ws = Workspace::open(&cli.workspace)?;
            let entries = ws.ledger()?;
            verify_chain(&entries)
                .map_err(|e| broken(format!("the workspace ledger is broken: {e}")))?;
            let io =
                |e: std::io::Error| Failure::rejected("io", format!("{}: {e}", file.display()));
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
                &format!("wrote {} ledger entries to {} and {proofs} proof(s) to {}; head {head}", entries.len(), file.display(), dir.display()),
            )
        }
    }
}
