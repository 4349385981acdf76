//! `attest PROOF`: an auditor's signed statement of an audit-level
//! verification (`docs/LOG.md` §7).

use super::i18n::t;
use super::key::files_failure;
use super::{Cli, Failure, Out, messages};
use crate::core::log::Attestation;
use crate::core::merkle::Hash;
use crate::core::verify::Level;
use crate::store::log_files::{Role, load_keys};
use crate::store::{VerifyDrawError, Workspace, verify_draw};
use std::path::{Path, PathBuf};

/// The default attestation file beside `proof`: `PROOF.attest-NAME.txt`,
/// the auditor's name with every character but letters, digits, `.`, `-`
/// and `_` as `-`.
fn default_path(proof: &Path, auditor: &str) -> PathBuf {
    let safe: String = auditor
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let mut p = proof.as_os_str().to_owned();
    p.push(format!(".attest-{safe}.txt"));
    PathBuf::from(p)
}

pub(super) fn attest(
    cli: &Cli,
    out: &Out,
    proof_path: &Path,
    file: Option<&Path>,
) -> Result<(), Failure> {
    use crate::core::json_limits::{MAX_PROOF_BYTES, checked_text};
    let ws = Workspace::open(&cli.workspace)?;
    let keys = load_keys(ws.dir(), Role::Auditor)
        .map_err(|e| files_failure(&e))?
        .ok_or_else(|| Failure::rejected("no_keys", t!("attest-no-keys")))?;
    let bytes = std::fs::read(proof_path)
        .map_err(|e| Failure::rejected("unreadable", messages::file_error(proof_path, &e)))?;
    let proof: crate::core::proof::DrawProof = checked_text(&bytes, MAX_PROOF_BYTES)
        .map_err(|e| e.to_string())
        .and_then(|s| serde_json::from_str(s).map_err(|e| e.to_string()))
        .map_err(|why| {
            Failure::rejected("malformed", format!("{}: {why}", proof_path.display()))
        })?;
    let valid = match verify_draw(Some(&ws), &proof, None, None) {
        Ok(v) if v.level() == Level::Audit => true,
        Ok(_) => {
            return Err(Failure::rejected(
                "level_not_reached",
                t!("attest-not-audit", file = proof_path.display()),
            ));
        }
        Err(VerifyDrawError::Mismatch(_)) => false,
        Err(e) => return Err(Failure::rejected("verification_failed", e.to_string())),
    };
    let at = super::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let statement = Attestation {
        campaign: proof.announcement.campaign.id.clone(),
        announcement: proof.announcement.hash,
        proof: Hash::digest(&bytes),
        level: "audit".into(),
        valid,
        time: at,
    };
    let text = statement
        .sign(&keys.signers())
        .map_err(|e| Failure::rejected(e.kind(), e.to_string()))?;
    let path = file
        .map(Path::to_path_buf)
        .unwrap_or_else(|| default_path(proof_path, keys.name()));
    crate::durable::write_atomic(&path, text.as_bytes())
        .map_err(|e| Failure::rejected("io", messages::file_error(&path, &e)))?;
    let verdict = if valid { "valid" } else { "invalid" };
    out.done(
        "dualdraw.attest.v1",
        &serde_json::json!({"file": path, "campaign": statement.campaign, "verdict": verdict,
            "proof_sha256": statement.proof, "auditor": keys.name()}),
        &t!(
            "attest-written",
            file = path.display(),
            campaign = statement.campaign,
            verdict = verdict
        ),
    )
}
