//! `campaign replace` and `campaign resolve-replacement`: replacing a drawn
//! target or an officer of a team, at once or decided by a future drand
//! round, and the replacement list written beside the proof.

use super::draw::read_round;
use super::{draw_failure, store_fail, texts};
use crate::cli::i18n::t;
use crate::cli::messages::file_error;
use crate::cli::{Cli, Failure, Out};
use crate::core::campaign::instant_text;
use crate::core::replace::Request;
use crate::store::{
    ReplaceFlowError, Workspace, replace_now, request_replacement,
    resolve_replacement as resolve_replacement_in,
};
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

fn replace_failure(e: ReplaceFlowError) -> Failure {
    match e {
        ReplaceFlowError::Voided(_) => Failure::rejected("voided", texts::replace_error(&e)),
        ReplaceFlowError::NotDrawn(_) => Failure::rejected("not_drawn", texts::replace_error(&e)),
        ReplaceFlowError::RoundNotFuture(_) | ReplaceFlowError::BeaconNotAfterRequest => {
            Failure::rejected("entropy", texts::replace_error(&e))
        }
        ReplaceFlowError::NoPending(_) => Failure::rejected("not_found", texts::replace_error(&e)),
        ReplaceFlowError::Beacon(b) => draw_failure(b.into()),
        ReplaceFlowError::Rejected(_) => Failure::rejected("rejected", e.to_string()),
        ReplaceFlowError::Store(s) => store_fail(s),
    }
}

/// `campaign replace`: replaces a drawn target or an officer of a team, or
/// records the request to be decided by a future drand round.
#[allow(clippy::too_many_arguments)]
pub(super) fn replace(
    cli: &Cli,
    out: &Out,
    id: &str,
    target: &str,
    officer: &Option<String>,
    reason: &str,
    round: &Option<u64>,
    now: &Option<DateTime<Utc>>,
) -> Result<(), Failure> {
    let mut ws = Workspace::open(&cli.workspace)?;
    let request = match officer {
        Some(o) => Request::Officer {
            target: target.to_string(),
            officer: o.clone(),
        },
        None => Request::Target {
            target: target.to_string(),
        },
    };
    let at = now.unwrap_or_else(crate::cli::now);
    if let Some(round) = round {
        let (_, due) = request_replacement(&mut ws, id, request, reason, *round, at, &cli.actor())
            .map_err(replace_failure)?;
        return out.done(
            "dualdraw.replace-request.v1",
            &serde_json::json!({"campaign": id, "round": round, "due": instant_text(&due)}),
            &t!(
                "replace-requested",
                round = round,
                due = instant_text(&due),
                id = id
            ),
        );
    }
    let r = replace_now(&mut ws, id, request, reason, at, &cli.actor()).map_err(replace_failure)?;
    let path = write_replacements(&ws, id)?;
    let what = match &r.request {
        Request::Target { target } => t!(
            "replace-what-target",
            target = target,
            replacement = r.replacement
        ),
        Request::Officer { target, officer } => t!(
            "replace-what-officer",
            officer = officer,
            target = target,
            replacement = r.replacement
        ),
    };
    out.done(
        "dualdraw.replace.v1",
        &serde_json::json!({"replacement": r, "file": path}),
        &t!(
            "replace-done",
            seq = r.seq,
            what = what,
            reason = r.reason,
            team = r.team.join(", "),
            file = path.display()
        ),
    )
}

/// `campaign resolve-replacement`: completes a requested replacement with
/// its drand round.
pub(super) fn resolve_replacement(
    cli: &Cli,
    out: &Out,
    id: &str,
    beacon: &Path,
    now: &Option<DateTime<Utc>>,
) -> Result<(), Failure> {
    let mut ws = Workspace::open(&cli.workspace)?;
    let round = read_round(beacon)?;
    let (r, pending) = resolve_replacement_in(
        &mut ws,
        id,
        &round,
        now.unwrap_or_else(crate::cli::now),
        &cli.actor(),
    )
    .map_err(replace_failure)?;
    let path = write_replacements(&ws, id)?;
    out.done(
        "dualdraw.replace.v1",
        &serde_json::json!({"replacement": r, "file": path}),
        &t!(
            "replace-resolved",
            seq = r.seq,
            round = pending.round,
            replacement = r.replacement,
            team = r.team.join(", "),
            file = path.display()
        ),
    )
}

/// Writes every recorded replacement of a campaign to `proofs/ID.replacements.json`.
fn write_replacements(ws: &Workspace, id: &str) -> Result<PathBuf, Failure> {
    let all = ws.replacements(id)?;
    let path = ws
        .dir()
        .join("proofs")
        .join(format!("{id}.replacements.json"));
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| Failure::rejected("io", file_error(parent, &e)))?;
    }
    let body = serde_json::to_string_pretty(&all)
        .map_err(|e| Failure::rejected("internal", e.to_string()))?;
    crate::durable::write_atomic(&path, body.as_bytes())
        .map_err(|e| Failure::rejected("io", file_error(&path, &e)))?;
    Ok(path)
}
