//! `verify`: checks a draw proof at the light, public or audit level (with
//! the workspace), and a replacement list against it.

use super::summary;
use crate::cli::{Cli, EXIT_REJECTED, Failure, Out};
use crate::core::proof::DrawProof;
use crate::core::verify::{Level, verify_audit, verify_light};
use crate::store::Workspace;

pub(in crate::cli) fn verify(
    cli: &Cli,
    out: &Out,
    file: &std::path::Path,
    snapshot: Option<&std::path::Path>,
    replacements: Option<&std::path::Path>,
    light: bool,
) -> Result<(), Failure> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Failure::rejected("unreadable", format!("{}: {e}", file.display())))?;
    let proof: DrawProof = serde_json::from_str(&text).map_err(|e| {
        Failure::rejected(
            "malformed",
            format!("{}: not a draw proof: {e}", file.display()),
        )
    })?;
    let public = match (snapshot, light) {
        (Some(f), false) => {
            let text = std::fs::read_to_string(f)
                .map_err(|e| Failure::rejected("unreadable", format!("{}: {e}", f.display())))?;
            Some(
                serde_json::from_str::<crate::core::snapshot::PublicSnapshot>(&text).map_err(
                    |e| {
                        Failure::rejected(
                            "malformed",
                            format!("{}: not a public snapshot: {e}", f.display()),
                        )
                    },
                )?,
            )
        }
        _ => None,
    };
    let ws = if light || public.is_some() {
        None
    } else {
        Workspace::open(&cli.workspace).ok()
    };
    let snap = ws.as_ref().and_then(|w| {
        w.snapshot_by_digest(&proof.announcement.snapshot.digest)
            .ok()
            .flatten()
    });
    let result = match (&public, &ws, &snap) {
        (Some(ps), _, _) => crate::core::verify::verify_public(&proof, ps),
        (None, Some(w), Some(s)) => {
            let reg = w.load(s)?;
            let r = verify_audit(&proof, &reg, w.salt_key());
            if let (Ok(_), Some(f)) = (&r, replacements) {
                let text = std::fs::read_to_string(f).map_err(|e| {
                    Failure::rejected("unreadable", format!("{}: {e}", f.display()))
                })?;
                let list: Vec<crate::core::replace::Replacement> = serde_json::from_str(&text)
                    .map_err(|e| {
                        Failure::rejected(
                            "malformed",
                            format!("{}: not a replacement list: {e}", f.display()),
                        )
                    })?;
                crate::core::replace::verify_replacements(&reg, &proof.announcement, &proof, &list).map_err(|m| Failure {
                    code: EXIT_REJECTED,
                    json: serde_json::json!({"ok": false, "verified": false, "error": {"kind": "verification_failed", "message": m}}),
                    message: format!("FAILED: {m}"),
                })?;
                let recorded = w.replacements(&proof.announcement.campaign.id)?;
                if recorded != list {
                    let m = format!(
                        "the replacement file has {} replacement(s) that differ from the {} recorded in the workspace (ledger)",
                        list.len(),
                        recorded.len()
                    );
                    return Err(Failure {
                        code: EXIT_REJECTED,
                        json: serde_json::json!({"ok": false, "verified": false, "error": {"kind": "verification_failed", "message": m}}),
                        message: format!("FAILED: {m}"),
                    });
                }
            }
            r
        }
        _ => {
            if replacements.is_some() {
                return Err(Failure::usage(
                    "--replacements needs the workspace that holds the draw's snapshot (audit level)",
                ));
            }
            verify_light(&proof)
        }
    };
    match result {
        Ok(v) => {
            let level = v.level();
            let how = match level {
                Level::Light => {
                    "VERIFIED (light: commitments, reveals, beacon, seed, inclusion proofs, strata arithmetic and the whole team assignment re-run; the strata's membership needs the workspace)"
                }
                Level::Public => {
                    "VERIFIED (public: light, plus the pool recomputed from the published public snapshot; the strata's membership needs the workspace)"
                }
                Level::Audit => {
                    "VERIFIED (audit: the whole draw re-run on the workspace's snapshot with its salts)"
                }
            };
            out.done(
                "dualdraw.verify.v1",
                &serde_json::json!({"verified": true, "level": level, "seed": proof.seed, "targets": proof.targets.len()}),
                &summary(&proof, how),
            )
        }
        Err(m) => Err(Failure {
            code: EXIT_REJECTED,
            json: serde_json::json!({"ok": false, "verified": false, "error": {"kind": "verification_failed", "message": m.to_string(), "what": m.what, "expected": m.expected, "got": m.got}}),
            message: format!("FAILED: {m}"),
        }),
    }
}
