//! `cosigner new`, `cosigner follow`, `cosigner cosign` and `verify-fork`
//! (`docs/LOG.md` §5). The cosigner's decisions are the pure state machine of
//! [`crate::core::log::CosignerState`]; this module reads and writes its
//! state file (owner-only, replaced atomically) and prints.

use super::i18n::t;
use super::trust::parse_log_keys;
use super::{Cli, EXIT_REJECTED, Failure, Out, messages};
use crate::core::log::{CosignerState, ForkProof, KeyType, Refusal, Signer};
use crate::store::log_files::write_private;
use clap::Subcommand;
use std::path::{Path, PathBuf};

/// `cosigner` subcommands.
#[derive(Debug, Subcommand)]
pub enum CosignerCommand {
    /// Make a cosigner: a new Ed25519 cosigning key in a state file readable by the owner only.
    New {
        /// The cosigner's name, e.g. jiandu.example.cn/witness-1.
        #[arg(long)]
        name: String,
        /// The state file to create (refused if it exists).
        #[arg(long)]
        out: PathBuf,
    },
    /// Print the cosigner's public key (vkey), for the bureau's policy.
    Show {
        /// The state file.
        #[arg(long)]
        state: PathBuf,
    },
    /// Follow a log: record its public keys (its Ed25519 and SM2 vkeys).
    Follow {
        /// The state file.
        #[arg(long)]
        state: PathBuf,
        /// A vkey of the log (repeat for each key).
        #[arg(long = "log-key", required_unless_present = "key_statement")]
        log_keys: Vec<String>,
        /// A key statement of a log followed (`key rotate`/`key revoke`), for the checkpoint last cosigned: its new keys replace the recorded ones.
        #[arg(long, conflicts_with = "log_keys")]
        key_statement: Option<PathBuf>,
    },
    /// Cosign a checkpoint given as a tlog-witness add-checkpoint body (`ledger prove-consistency`), if it extends the last one cosigned.
    Cosign {
        /// The state file.
        #[arg(long)]
        state: PathBuf,
        /// The request (add-checkpoint body).
        request: PathBuf,
        /// Also write the checkpoint with the cosignature added to this file.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Where to write a fork proof when the log forked (default: STATE.fork-proof.txt).
        #[arg(long)]
        fork_proof: Option<PathBuf>,
    },
}

fn read(f: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(f).map_err(|e| Failure::rejected("unreadable", messages::file_error(f, &e)))
}

fn load(state: &Path) -> Result<CosignerState, Failure> {
    serde_json::from_slice(&read(state)?).map_err(|e| {
        Failure::rejected(
            "cosigner-bad-state",
            t!(
                "cosigner-bad-state",
                file = state.display(),
                why = e.to_string()
            ),
        )
    })
}

fn save(state: &Path, s: &CosignerState) -> Result<(), Failure> {
    let bytes =
        serde_json::to_vec_pretty(s).map_err(|e| Failure::rejected("internal", e.to_string()))?;
    write_private(state, &bytes)
        .map_err(|e| Failure::rejected("io", messages::file_error(state, &e)))
}

fn now() -> u64 {
    u64::try_from(super::now().timestamp()).unwrap_or(0)
}

pub(super) fn dispatch(_cli: &Cli, out: &Out, c: &CosignerCommand) -> Result<(), Failure> {
    match c {
        CosignerCommand::New { name, out: file } => {
            if file.exists() {
                return Err(Failure::rejected(
                    "exists",
                    t!("cosigner-exists", file = file.display()),
                ));
            }
            let key = Signer::generate(name, KeyType::Cosignature)
                .map_err(|e| Failure::usage(t!("log-bad-key", why = e.to_string())))?;
            save(file, &CosignerState::new(&key))?;
            let v = key.verifier();
            out.done(
                "dualdraw.cosigner.v1",
                &serde_json::json!({"name": name, "vkey": v.vkey(), "fingerprint": v.fingerprint(), "state": file}),
                &t!(
                    "cosigner-created",
                    file = file.display(),
                    vkey = v.vkey(),
                    fingerprint = v.fingerprint()
                ),
            )
        }
        CosignerCommand::Show { state } => {
            let s = load(state)?;
            let key = s
                .signer()
                .map_err(|e| Failure::rejected(e.kind(), e.to_string()))?;
            let v = key.verifier();
            out.done(
                "dualdraw.cosigner.v1",
                &serde_json::json!({"name": v.name(), "vkey": v.vkey(), "fingerprint": v.fingerprint()}),
                &v.vkey(),
            )
        }
        CosignerCommand::Follow {
            state,
            key_statement: Some(file),
            ..
        } => {
            let mut s = load(state)?;
            let st = crate::ledger::keys::cosigner_takes_statement(&mut s, &read(file)?)
                .map_err(|e| Failure::rejected(e.kind(), e.to_string()))?;
            save(state, &s)?;
            let keys: Vec<String> = st.new_keys().keys().iter().map(|k| k.vkey()).collect();
            out.done(
                "dualdraw.cosigner-follow.v1",
                &serde_json::json!({"origin": st.new_keys().name(), "keys": keys, "action": st.action().as_str(), "size": st.size()}),
                &t!(
                    "cosigner-rekeyed",
                    origin = st.new_keys().name(),
                    action = st.action().as_str(),
                    size = st.size()
                ),
            )
        }
        CosignerCommand::Follow {
            state, log_keys, ..
        } => {
            let log = parse_log_keys(log_keys)?;
            let mut s = load(state)?;
            s.follow(log.keys())
                .map_err(|e| Failure::usage(t!("log-bad-key", why = e.to_string())))?;
            save(state, &s)?;
            out.done(
                "dualdraw.cosigner-follow.v1",
                &serde_json::json!({"origin": log.name(), "keys": log_keys}),
                &t!(
                    "cosigner-following",
                    origin = log.name(),
                    keys = log_keys.len()
                ),
            )
        }
        CosignerCommand::Cosign {
            state,
            request,
            out: file,
            fork_proof,
        } => {
            let s = load(state)?;
            let body = read(request)?;
            match s.cosign(&body, now()) {
                Ok(done) => {
                    // The state is written before anything is answered.
                    save(state, &done.state)?;
                    if let Some(f) = file {
                        crate::durable::write_atomic(f, done.checkpoint.to_text().as_bytes())
                            .map_err(|e| Failure::rejected("io", messages::file_error(f, &e)))?;
                    }
                    let line = done.line.to_line();
                    let cp = done.checkpoint.checkpoint();
                    out.done(
                        "dualdraw.cosign.v1",
                        &serde_json::json!({"origin": cp.origin, "size": cp.size, "root": cp.root, "cosignature": line}),
                        &format!(
                            "{}\n{}",
                            t!("cosigner-cosigned", origin = cp.origin, size = cp.size),
                            line.trim_end()
                        ),
                    )
                }
                Err(Refusal::Fork(proof)) => {
                    let path = fork_proof.clone().unwrap_or_else(|| {
                        let mut p = state.as_os_str().to_owned();
                        p.push(".fork-proof.txt");
                        PathBuf::from(p)
                    });
                    crate::durable::write_atomic(&path, proof.to_text().as_bytes())
                        .map_err(|e| Failure::rejected("io", messages::file_error(&path, &e)))?;
                    let kind = Refusal::Fork(proof.clone()).kind();
                    let message = t!(
                        "cosigner-fork",
                        kind = proof.kind.as_str(),
                        file = path.display()
                    );
                    Err(Failure {
                        code: EXIT_REJECTED,
                        json: serde_json::json!({"ok": false, "error": {"kind": kind, "message": message}, "fork_proof": path}),
                        message,
                    })
                }
                Err(r) => Err(Failure::rejected(
                    r.kind(),
                    t!(
                        "cosigner-refused",
                        why = r.to_string(),
                        status = r.http_status()
                    ),
                )),
            }
        }
    }
}

pub(super) fn verify_fork(
    out: &Out,
    file: &Path,
    trust: &super::trust::TrustArgs,
) -> Result<(), Failure> {
    let proof = ForkProof::parse(&read(file)?)
        .map_err(|e| Failure::rejected(e.kind(), t!("verify-failed", message = e.to_string())))?;
    let held = proof.held.checkpoint();
    let chain = trust.chain(Some(&held.origin))?;
    let log = chain.keys_for(held.size);
    let verdict = proof
        .verify(log)
        .map_err(|e| Failure::rejected(e.kind(), t!("verify-failed", message = e.to_string())))?;
    let held = proof.held.checkpoint();
    let refused = proof.refused.checkpoint();
    let text = if verdict.conclusive {
        t!(
            "fork-established",
            kind = verdict.kind.as_str(),
            a = held.size,
            b = refused.size
        )
    } else {
        t!(
            "fork-established-unless",
            kind = verdict.kind.as_str(),
            a = held.size,
            b = refused.size
        )
    };
    out.done(
        "dualdraw.verify-fork.v1",
        &serde_json::json!({"fork": true, "kind": verdict.kind.as_str(), "conclusive": verdict.conclusive,
            "held": {"size": held.size, "root": held.root}, "refused": {"size": refused.size, "root": refused.root}}),
        &text,
    )
}
