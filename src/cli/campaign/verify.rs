//! `verify`: reads the proof, public snapshot and replacement list the user
//! named, and verifies with the library ([`crate::store::verify_draw`]) at
//! the light, public or audit level (with the workspace).

use super::summary;
use crate::cli::i18n::t;
use crate::cli::messages::file_error;
use crate::cli::{Cli, EXIT_REJECTED, Failure, Out};
use crate::core::proof::DrawProof;
use crate::core::verify::{Check, Level, VERDICT_SCHEMA, Verdict};
use crate::store::{VerifyDrawError, Workspace, level_available, verify_draw};

/// Reads a JSON file the user named under the rules of `docs/SPEC.md` §10
/// (size, BOM, depth, checked before parsing); `what` names it in errors.
/// `Err((check, message))`: `json` for a file that is not acceptable JSON,
/// `format` for JSON that is not `what`.
pub(in crate::cli) fn read_checked<T: serde::de::DeserializeOwned>(
    f: &std::path::Path,
    what: &str,
    limit: u64,
) -> Result<T, (Check, String, bool)> {
    use crate::core::json_limits::checked_text;
    let size = std::fs::metadata(f)
        .map_err(|e| (Check::Json, file_error(f, &e), true))?
        .len();
    if size > limit {
        return Err((
            Check::Json,
            t!(
                "verify-too-large",
                file = f.display(),
                size = size,
                limit = limit,
                what = what
            ),
            false,
        ));
    }
    let bytes = std::fs::read(f).map_err(|e| (Check::Json, file_error(f, &e), true))?;
    let text = checked_text(&bytes, limit)
        .map_err(|e| (Check::Json, format!("{}: {e}", f.display()), false))?;
    serde_json::from_str(text).map_err(|e| {
        let check = match e.classify() {
            serde_json::error::Category::Data => Check::Format,
            _ => Check::Json,
        };
        (
            check,
            t!("verify-not-a", file = f.display(), what = what, why = e),
            false,
        )
    })
}

fn read_json<T: serde::de::DeserializeOwned>(
    f: &std::path::Path,
    what: &str,
    limit: u64,
) -> Result<T, Failure> {
    read_checked(f, what, limit)
        .map_err(|(_, m, io)| Failure::rejected(if io { "unreadable" } else { "malformed" }, m))
}

fn failed(message: String) -> Failure {
    Failure {
        code: EXIT_REJECTED,
        json: serde_json::json!({"ok": false, "verified": false, "error": {"kind": "verification_failed", "message": message}}),
        message: t!("verify-failed", message = message),
    }
}

/// A failed verdict as the command's failure: the v2 verdict in `--json`
/// (with `verified: false` and an `error` for v1 readers).
/// The verdict as the command prints it: the §9 object plus `requested`, for
/// v1 readers `verified`, and (on a failure) `error`.
fn verdict_json(
    v: &Verdict,
    requested: Level,
    verified: bool,
    error: Option<serde_json::Value>,
) -> serde_json::Value {
    let mut json = serde_json::to_value(v).unwrap_or_default();
    if let Some(o) = json.as_object_mut() {
        if !verified {
            o.insert("ok".into(), false.into());
        }
        o.insert("verified".into(), verified.into());
        o.insert(
            "requested".into(),
            serde_json::to_value(requested).unwrap_or_default(),
        );
        if let Some(e) = error {
            o.insert("error".into(), e);
        }
    }
    json
}

fn verdict_failure(v: &Verdict, requested: Level) -> Failure {
    let message = v
        .errors
        .first()
        .map(super::mismatch::mismatch)
        .unwrap_or_default();
    let check = v.failed.first().map_or("?", |c| c.id());
    let error = match v.errors.first() {
        Some(e) => {
            serde_json::json!({"kind": "verification_failed", "check": check, "message": message,
            "what": e.what, "expected": e.expected.clone().unwrap_or_default(), "got": e.got})
        }
        None => {
            serde_json::json!({"kind": "verification_failed", "check": check, "message": message})
        }
    };
    let json = verdict_json(v, requested, false, Some(error));
    Failure {
        code: EXIT_REJECTED,
        json,
        message: t!(
            "verify-invalid",
            message = message,
            level = t!("verify-level", level = level_name(v.level)),
            check = check
        ),
    }
}

fn level_name(l: Level) -> &'static str {
    match l {
        Level::Light => "light",
        Level::Public => "public",
        Level::Audit => "audit",
    }
}

/// The text report: the verdict, what the level established, what it could
/// not check and who can.
fn verdict_text(v: &Verdict) -> String {
    use std::fmt::Write as _;
    let mut t = match v.level {
        Level::Audit => t!("verify-valid-audit"),
        Level::Public => t!("verify-consistent-public"),
        Level::Light => t!("verify-consistent-light"),
    };
    let ids: Vec<&str> = v.established.iter().map(|c| c.id()).collect();
    let _ = write!(t, "\n{}", t!("verify-established", checks = ids.join(", ")));
    for n in &v.not_checked {
        let who: Vec<String> = n
            .who
            .iter()
            .map(|w| match w {
                crate::core::verify::Who::Public => t!("verify-who-public"),
                crate::core::verify::Who::Auditor => t!("verify-who-auditor"),
                crate::core::verify::Who::Enterprise => t!("verify-who-enterprise"),
            })
            .collect();
        let _ = write!(
            t,
            "\n{}",
            t!(
                "verify-not-checked",
                check = n.check.id(),
                why = n.why,
                who = who.join(", ")
            )
        );
    }
    let _ = write!(
        t,
        "\n{}",
        t!(
            "verify-compare-hash",
            hash = v.announcement_hash.as_deref().unwrap_or("?")
        )
    );
    t
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
    use crate::core::json_limits::{MAX_PROOF_BYTES, MAX_SNAPSHOT_BYTES};
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
    let proof: DrawProof = match read_checked(file, &t!("verify-what-proof"), MAX_PROOF_BYTES) {
        Ok(p) => p,
        Err((check, message, io)) => {
            let mut f = verdict_failure(&Verdict::unreadable(requested, check, message), requested);
            // `error.kind` as before: the file could not be read, or is not a proof.
            if let Some(e) = f.json.get_mut("error").and_then(|e| e.as_object_mut()) {
                let kind = if io { "unreadable" } else { "malformed" };
                e.insert("kind".into(), kind.into());
            }
            return Err(f);
        }
    };
    // A compact public snapshot (COMMITMENTS §9) is read block by block.
    let compact = match (snapshot, light) {
        (Some(f), false) if starts_compact(f) => Some(f),
        _ => None,
    };
    let public = match (snapshot, light) {
        _ if compact.is_some() => None,
        (Some(f), false) => Some(read_json::<crate::core::snapshot::PublicSnapshot>(
            f,
            &t!("verify-what-snapshot"),
            MAX_SNAPSHOT_BYTES,
        )?),
        _ => None,
    };
    let ws = if light || public.is_some() || compact.is_some() {
        None
    } else if requested == Level::Audit {
        // An unreadable workspace is an error here, not a quiet light check.
        Some(Workspace::open(&cli.workspace)?)
    } else {
        Workspace::open(&cli.workspace).ok()
    };
    let list: Option<Vec<crate::core::replace::Replacement>> = replacements
        .map(|f| read_json(f, &t!("verify-what-replacements"), MAX_PROOF_BYTES))
        .transpose()?;
    let attempted = if compact.is_some() {
        Level::Public
    } else {
        level_available(ws.as_ref(), &proof, public.as_ref())
    };
    let verified = match compact {
        Some(f) => verify_compact(f, &proof),
        None => verify_draw(ws.as_ref(), &proof, public.as_ref(), list.as_deref()),
    }
    .map_err(|e| match e {
        VerifyDrawError::ReplacementsNeedAudit => {
            Failure::usage(t!("verify-replacements-need-audit"))
        }
        VerifyDrawError::Mismatch(m) => {
            verdict_failure(&Verdict::failed(attempted, Some(&proof), &m), requested)
        }
        VerifyDrawError::Replacement(m) => failed(m),
        VerifyDrawError::ReplacementsDiffer { given, recorded } => failed(t!(
            "verify-replacements-differ",
            given = given,
            recorded = recorded
        )),
        VerifyDrawError::Store(s) => Failure::from(s),
    })?;
    let verdict = Verdict::passed(&verified);
    let level = verified.level();
    if level < requested {
        let why = match (requested, ws.is_some()) {
            (Level::Audit, true) => t!(
                "verify-why-not-in-workspace",
                dir = cli.workspace.display(),
                digest = proof.announcement.snapshot.digest,
                id = proof.announcement.campaign.id
            ),
            (Level::Audit, false) => t!("verify-why-no-workspace"),
            _ => t!("verify-why-no-snapshot"),
        };
        let name = level_name;
        let json = verdict_json(
            &verdict,
            requested,
            false,
            Some(serde_json::json!({"kind": "level_not_reached", "message": why})),
        );
        return Err(Failure {
            code: EXIT_REJECTED,
            json,
            message: t!(
                "verify-not-reached",
                requested = t!("verify-level-caps", level = name(requested)),
                level = t!("verify-level", level = name(level)),
                why = why
            ),
        });
    }
    let json = verdict_json(&verdict, requested, true, None);
    out.done(
        VERDICT_SCHEMA,
        &json,
        &summary(&proof, &verdict_text(&verdict)),
    )
}

/// Whether the file starts with the compact snapshot's magic (§9).
fn starts_compact(f: &std::path::Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 8];
    std::fs::File::open(f)
        .and_then(|mut r| r.read_exact(&mut head))
        .is_ok()
        && crate::core::snapshot::compact::is_compact(&head)
}

/// Public verification with a compact public snapshot, streamed from the
/// file (memory: one block and the pool).
fn verify_compact(
    f: &std::path::Path,
    proof: &DrawProof,
) -> Result<crate::core::verify::VerifiedDraw, VerifyDrawError> {
    use crate::core::snapshot::compact::CompactReader;
    let file = std::fs::File::open(f).map_err(|e| mismatch_of(f, e.to_string()))?;
    let reader = CompactReader::open(std::io::BufReader::with_capacity(1 << 20, file))
        .map_err(|e| mismatch_of(f, e.to_string()))?;
    Ok(crate::core::verify::verify_public_compact(proof, reader)?)
}

fn mismatch_of(f: &std::path::Path, why: String) -> VerifyDrawError {
    VerifyDrawError::Mismatch(crate::core::verify::Mismatch {
        check: crate::core::verify::Check::PublicSnapshot,
        what: format!("public snapshot {}", f.display()),
        expected: "a compact public snapshot (COMMITMENTS §9)".into(),
        got: why,
    })
}
