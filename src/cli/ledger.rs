//! `ledger verify` and `ledger export`.

use super::{Cli, EXIT_REJECTED, Failure, Out};
use crate::core::merkle::Hash;
use crate::ledger::{Entry, verify_chain};
use crate::store::Workspace;
use clap::Subcommand;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

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

fn proofs_dir(file: &Path) -> PathBuf {
    let mut s = file.as_os_str().to_owned();
    s.push(".proofs");
    PathBuf::from(s)
}

fn broken(message: String) -> Failure {
    Failure {
        code: EXIT_REJECTED,
        json: serde_json::json!({"ok": false, "verified": false, "error": {"kind": "verification_failed", "message": message}}),
        message: format!("FAILED: {message}"),
    }
}

/// Checks each draw entry's `proof_sha256` against the proof files.
fn check_proofs(entries: &[Entry], dir: &Path) -> Result<usize, String> {
    let mut n = 0;
    for e in entries.iter().filter(|e| e.kind == "draw") {
        let body: serde_json::Value =
            serde_json::from_str(&e.body).map_err(|_| format!("entry {}: body", e.seq))?;
        let want = body["proof_sha256"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let path = dir.join(format!("{}.json", e.campaign));
        let bytes = std::fs::read(&path)
            .map_err(|err| format!("entry {}: {}: {err}", e.seq, path.display()))?;
        let got = Hash::digest(&bytes).to_hex();
        if got != want {
            return Err(format!(
                "entry {}: proof {} has SHA-256 {got}, the ledger recorded {want}",
                e.seq,
                path.display()
            ));
        }
        n += 1;
    }
    Ok(n)
}

pub(super) fn dispatch(cli: &Cli, out: &Out, c: &LedgerCommand) -> Result<(), Failure> {
    match c {
        LedgerCommand::Verify { file, head } => {
            let (entries, source) = match file {
                Some(f) => {
                    let fh = std::fs::File::open(f).map_err(|e| {
                        Failure::rejected("unreadable", format!("{}: {e}", f.display()))
                    })?;
                    let mut v = Vec::new();
                    for (i, line) in std::io::BufReader::new(fh).lines().enumerate() {
                        let line = line.map_err(|e| {
                            Failure::rejected("unreadable", format!("{}: {e}", f.display()))
                        })?;
                        if line.trim().is_empty() {
                            continue;
                        }
                        let e: Entry = serde_json::from_str(&line).map_err(|e| {
                            broken(format!(
                                "{}:{}: not a ledger entry: {e}",
                                f.display(),
                                i + 1
                            ))
                        })?;
                        v.push(e);
                    }
                    (v, f.display().to_string())
                }
                None => (
                    Workspace::open(&cli.workspace)?.ledger()?,
                    "the workspace".to_string(),
                ),
            };
            let got = verify_chain(&entries).map_err(|e| broken(e.to_string()))?;
            if let Some(h) = head
                && *h != got
            {
                return Err(broken(format!(
                    "the ledger ends at {got}, not at the published head {h} (entries are missing or added)"
                )));
            }
            let proofs = match file {
                Some(f) => check_proofs(&entries, &proofs_dir(f)).map_err(broken)?,
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
            let mut f = std::io::BufWriter::new(std::fs::File::create(file).map_err(io)?);
            for e in &entries {
                let line = serde_json::to_string(e)
                    .map_err(|e| Failure::rejected("internal", e.to_string()))?;
                writeln!(f, "{line}").map_err(io)?;
            }
            f.flush().map_err(io)?;
            let dir = proofs_dir(file);
            std::fs::create_dir_all(&dir).map_err(io)?;
            let mut proofs = 0;
            for e in entries.iter().filter(|e| e.kind == "draw") {
                let text = ws.draw_proof_text(&e.campaign)?;
                std::fs::write(dir.join(format!("{}.json", e.campaign)), text).map_err(io)?;
                proofs += 1;
            }
            let head = entries.last().map(|e| e.hash).unwrap_or(Hash([0; 32]));
            out.done(
                "dualdraw.ledger-export.v1",
                &serde_json::json!({"file": file, "proofs": dir, "entries": entries.len(), "head": head}),
                &format!("wrote {} ledger entries to {} and {proofs} proof(s) to {}; head {head}", entries.len(), file.display(), dir.display()),
            )
        }
    }
}
