//! `campaign replace` and `campaign resolve-replacement`: replacing a drawn
//! target or an officer of a team, at once or decided by a future drand
//! round, and the replacement list written beside the proof.

use super::{draw_failure, store_fail};
use crate::cli::{Cli, Failure, Out};
use crate::core::campaign::{BeaconScheme, instant_text};
use crate::core::entropy::{self, DrandRound};
use crate::store::Workspace;
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

/// `campaign replace`: replaces a drawn target or an officer of a team, or
/// records the request to be decided by a future drand round.
// `target` and `reason` stay `&String`: the body clones them into the request.
#[allow(clippy::too_many_arguments, clippy::ptr_arg)]
pub(super) fn replace(
    cli: &Cli,
    out: &Out,
    id: &str,
    target: &String,
    officer: &Option<String>,
    reason: &String,
    round: &Option<u64>,
    now: &Option<DateTime<Utc>>,
) -> Result<(), Failure> {
    let mut ws = Workspace::open(&cli.workspace)?;
    let a = ws.announcement(id).map_err(store_fail)?;
    match ws.campaign_state(id).map_err(store_fail)? {
        crate::store::CampaignState::Drawn => {}
        crate::store::CampaignState::Voided => {
            return Err(Failure::rejected(
                "voided",
                format!("campaign {id} was voided: nothing can be replaced"),
            ));
        }
        crate::store::CampaignState::Announced => {
            return Err(Failure::rejected(
                "not_drawn",
                format!("campaign {id} is not drawn"),
            ));
        }
    }
    let proof = ws.draw_proof(id).map_err(store_fail)?;
    let previous = ws.replacements(id)?;
    let snap = ws.snapshot(a.snapshot.id)?;
    let reg = ws.load(&snap)?;
    let request = match officer {
        Some(o) => crate::core::replace::Request::Officer {
            target: target.clone(),
            officer: o.clone(),
        },
        None => crate::core::replace::Request::Target {
            target: target.clone(),
        },
    };
    if let Some(round) = round {
        let at = now.unwrap_or_else(Utc::now);
        let due = entropy::quicknet_round_time(*round).filter(|t| *t > at).ok_or_else(|| {
            Failure::rejected("entropy", format!("drand round {round} is not in the future: name a round that does not exist yet"))
        })?;
        // Check the request itself now (target, officer), so that the round decides only the choice.
        crate::core::replace::replace(&reg, &a, &proof, &previous, request.clone(), reason, at)
            .map_err(|e| Failure::rejected("rejected", e.to_string()))?;
        let pending = crate::core::replace::PendingReplacement {
            request,
            reason: reason.clone(),
            round: *round,
            requested_at: at,
        };
        ws.store_replacement_request(id, &pending, &cli.actor())
            .map_err(store_fail)?;
        return out.done(
            "dualdraw.replace-request.v1",
            &serde_json::json!({"campaign": id, "round": round, "due": instant_text(&due)}),
            &format!("replacement requested; it will be decided by drand round {round} (due {}): then run\n  dualdraw campaign resolve-replacement {id} --beacon ROUND.json", instant_text(&due)),
        );
    }
    let r = crate::core::replace::replace(
        &reg,
        &a,
        &proof,
        &previous,
        request,
        reason,
        now.unwrap_or_else(Utc::now),
    )
    .map_err(|e| Failure::rejected("rejected", e.to_string()))?;
    ws.store_replacement(id, &r, &cli.actor())
        .map_err(store_fail)?;
    let path = write_replacements(&ws, id)?;
    let what = match &r.request {
        crate::core::replace::Request::Target { target } => {
            format!("target {target} replaced by {}", r.replacement)
        }
        crate::core::replace::Request::Officer { target, officer } => {
            format!(
                "officer {officer} on {target} replaced by {}",
                r.replacement
            )
        }
    };
    out.done(
        "dualdraw.replace.v1",
        &serde_json::json!({"replacement": r, "file": path}),
        &format!(
            "replacement {}: {what} ({}); team: {}\nrecorded in {}",
            r.seq,
            r.reason,
            r.team.join(", "),
            path.display()
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
    let a = ws.announcement(id).map_err(store_fail)?;
    let pending = ws.pending_replacement(id)?.ok_or_else(|| {
        Failure::rejected(
            "not_found",
            format!("no replacement of {id} is waiting for a beacon round"),
        )
    })?;
    let text = std::fs::read_to_string(beacon)
        .map_err(|e| Failure::rejected("unreadable", format!("{}: {e}", beacon.display())))?;
    let round: DrandRound = serde_json::from_str(&text).map_err(|e| {
        Failure::rejected(
            "malformed",
            format!("{}: not a drand round: {e}", beacon.display()),
        )
    })?;
    let spec = crate::core::campaign::BeaconSpec {
        scheme: BeaconScheme::DrandQuicknet,
        round: pending.round.to_string(),
    };
    let b = entropy::verify_quicknet(&spec, &round).map_err(|e| draw_failure(e.into()))?;
    if b.round_time.is_none_or(|t| t <= pending.requested_at) {
        return Err(Failure::rejected(
            "entropy",
            "the beacon round is not after the request".to_string(),
        ));
    }
    let proof = ws.draw_proof(id).map_err(store_fail)?;
    let previous = ws.replacements(id)?;
    let snap = ws.snapshot(a.snapshot.id)?;
    let reg = ws.load(&snap)?;
    let r = crate::core::replace::replace_with(
        &reg,
        &a,
        &proof,
        &previous,
        pending.request.clone(),
        &pending.reason,
        now.unwrap_or_else(Utc::now),
        Some(&b),
        Some(pending.requested_at),
    )
    .map_err(|e| Failure::rejected("rejected", e.to_string()))?;
    ws.store_replacement(id, &r, &cli.actor())
        .map_err(store_fail)?;
    let path = write_replacements(&ws, id)?;
    out.done(
        "dualdraw.replace.v1",
        &serde_json::json!({"replacement": r, "file": path}),
        &format!(
            "replacement {} decided by drand round {}: {}; team: {}\nrecorded in {}",
            r.seq,
            pending.round,
            r.replacement,
            r.team.join(", "),
            path.display()
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
            .map_err(|e| Failure::rejected("io", format!("{}: {e}", parent.display())))?;
    }
    let body = serde_json::to_string_pretty(&all)
        .map_err(|e| Failure::rejected("internal", e.to_string()))?;
    std::fs::write(&path, body)
        .map_err(|e| Failure::rejected("io", format!("{}: {e}", path.display())))?;
    Ok(path)
}
