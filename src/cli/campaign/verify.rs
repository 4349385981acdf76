//! `verify`: reads the proof, public snapshot and replacement list the user
//! named, and verifies with the library ([`crate::store::verify_draw`]) at
//! the light, public or audit level (with the workspace).

use super::summary;
use crate::cli::{Cli, EXIT_REJECTED, Failure, Out};
use crate::core::proof::DrawProof;
use crate::core::verify::Level;
use crate::store::{VerifyDrawError, Workspace, verify_draw};

/// Reads and parses a JSON file the user named; `what` names it in errors.
fn read_json<T: serde::de::DeserializeOwned>(
    f: &std::path::Path,
    what: &str,
) -> Result<T, Failure> {
    let text = std::fs::read_to_string(f)
        .map_err(|e| Failure::rejected("unreadable", format!("{}: {e}", f.display())))?;
    serde_json::from_str(&text)
        .map_err(|e| Failure::rejected("malformed", format!("{}: not {what}: {e}", f.display())))
}

fn failed(message: String) -> Failure {
    Failure {
        code: EXIT_REJECTED,
        json: serde_json::json!({"ok": false, "verified": false, "error": {"kind": "verification_failed", "message": message}}),
        message: format!("FAILED: {message}"),
    }
}

pub(in crate::cli) fn verify(
    cli: &Cli,
    out: &Out,
    file: &std::path::Path,
    snapshot: Option<&std::path::Path>,
    replacements: Option<&std::path::Path>,
    light: bool,
    level: Option<Level>,
) -> Result<(), Failure> {
    let proof: DrawProof = read_json(file, "a draw proof")?;
    let in_workspace = cli.workspace.join(crate::store::DB_FILE).is_file();
    // What must be reached: a verification never drops below it silently.
    let requested = level.unwrap_or(if light {
        Level::Light
    } else if snapshot.is_some() {
        Level::Public
    } else if in_workspace {
        Level::Audit
    } else {
        Level::Light
    });
    let public = match (snapshot, light) {
        (Some(f), false) => Some(read_json::<crate::core::snapshot::PublicSnapshot>(
            f,
            "a public snapshot",
        )?),
        _ => None,
    };
    let ws = if light || public.is_some() {
        None
    } else if requested == Level::Audit {
        // An unreadable workspace is an error here, not a quiet light check.
        Some(Workspace::open(&cli.workspace)?)
    } else {
        Workspace::open(&cli.workspace).ok()
    };
    let list: Option<Vec<crate::core::replace::Replacement>> = replacements
        .map(|f| read_json(f, "a replacement list"))
        .transpose()?;
    let level = verify_draw(ws.as_ref(), &proof, public.as_ref(), list.as_deref()).map_err(|e| {
        match e {
            VerifyDrawError::ReplacementsNeedAudit => Failure::usage(
                "--replacements needs the workspace that holds the draw's snapshot (audit level)",
            ),
            VerifyDrawError::Mismatch(m) => Failure {
                code: EXIT_REJECTED,
                json: serde_json::json!({"ok": false, "verified": false, "error": {"kind": "verification_failed", "message": m.to_string(), "what": m.what, "expected": m.expected, "got": m.got}}),
                message: format!("FAILED: {m}"),
            },
            VerifyDrawError::Replacement(m) => failed(m),
            VerifyDrawError::ReplacementsDiffer { .. } => failed(e.to_string()),
            VerifyDrawError::Store(s) => Failure::from(s),
        }
    })?;
    if level < requested {
        let why = match (requested, ws.is_some()) {
            (Level::Audit, true) => format!(
                "the workspace {} holds no snapshot with digest {} (the draw's): it was deleted, or this is another workspace",
                cli.workspace.display(),
                proof.announcement.snapshot.digest
            ),
            (Level::Audit, false) => "no workspace was opened".to_string(),
            _ => "give the published public snapshot with --snapshot".to_string(),
        };
        let name = |l: Level| match l {
            Level::Light => "light",
            Level::Public => "public",
            Level::Audit => "audit",
        };
        return Err(Failure {
            code: EXIT_REJECTED,
            json: serde_json::json!({"ok": false, "verified": false, "level": level, "requested": requested,
                "error": {"kind": "level_not_reached", "message": why}}),
            message: format!(
                "NOT VERIFIED AT THE {} LEVEL: the proof passed the {} level only, because {why}",
                name(requested).to_uppercase(),
                name(level)
            ),
        });
    }
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
        &serde_json::json!({"verified": true, "level": level, "requested": requested, "seed": proof.seed, "targets": proof.targets.len()}),
        &summary(&proof, how),
    )
}
