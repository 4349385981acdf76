//! `campaign draw`: the draw itself (reveals, beacon, seed, targets and
//! teams), its proof written and recorded with the schedule secret.

use super::announce::record_reveal;
use super::{draw_failure, store_fail, summary};
use crate::cli::{Cli, Failure, Out};
use crate::core::campaign::{BeaconScheme, instant_text};
use crate::core::draw::{derive_seed, draw};
use crate::core::entropy::{self, DrandRound};
use crate::core::proof::{EntropyRecord, make_proof};
use crate::store::Workspace;
use chrono::{DateTime, Utc};
use std::path::PathBuf;

/// `campaign draw`: draws targets and teams and writes the proof.
#[allow(clippy::too_many_arguments)]
pub(super) fn run(
    cli: &Cli,
    out: &Out,
    id: &str,
    reveals: &[(String, String)],
    beacon: &Option<PathBuf>,
    lottery: &Option<String>,
    path: &Option<PathBuf>,
    now: &Option<DateTime<Utc>>,
) -> Result<(), Failure> {
    let mut ws = Workspace::open(&cli.workspace)?;
    let a = ws.announcement(id).map_err(store_fail)?;
    if ws.campaign_state(id).map_err(store_fail)? == crate::store::CampaignState::Drawn {
        return Err(Failure::rejected(
            "already_drawn",
            format!("campaign {id} is already drawn: one draw per announcement"),
        ));
    }
    let at = now.unwrap_or_else(Utc::now);
    for r in reveals {
        record_reveal(&mut ws, id, r, at, &cli.actor(), true)?;
    }
    let beacon_value = match (&a.campaign.entropy.beacon, beacon, lottery) {
        (Some(spec), Some(f), _) if spec.scheme == BeaconScheme::DrandQuicknet => {
            let text = std::fs::read_to_string(f)
                .map_err(|e| Failure::rejected("unreadable", format!("{}: {e}", f.display())))?;
            let round: DrandRound = serde_json::from_str(&text).map_err(|e| {
                Failure::rejected(
                    "malformed",
                    format!("{}: not a drand round: {e}", f.display()),
                )
            })?;
            Some(entropy::verify_quicknet(spec, &round).map_err(|e| draw_failure(e.into()))?)
        }
        (Some(spec), _, Some(result)) if spec.scheme == BeaconScheme::Lottery => {
            Some(entropy::lottery_value(spec, result).map_err(|e| draw_failure(e.into()))?)
        }
        _ => None,
    };
    let recorded = ws.reveals(id)?;
    let (seed, used, missing) =
        derive_seed(&a, &recorded, beacon_value.as_ref()).map_err(draw_failure)?;
    let snap = ws.snapshot(a.snapshot.id)?;
    let reg = ws.load(&snap)?;
    let group_announcements = ws.group_announcements(&a).map_err(store_fail)?;
    let key = crate::core::draw::prn_key(
        &a,
        &seed,
        &used,
        beacon_value.as_ref().map(|b| &b.value),
        &group_announcements,
    )
    .map_err(draw_failure)?;
    let outcome = draw(&reg, &a, &seed, &key).map_err(draw_failure)?;
    let proof = make_proof(
        &reg,
        ws.salt_key(),
        &a,
        EntropyRecord {
            reveals: used,
            missing,
            beacon: beacon_value,
        },
        &outcome,
        &group_announcements,
    );
    let path = path
        .clone()
        .unwrap_or_else(|| ws.dir().join("proofs").join(format!("{id}.json")));
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| Failure::rejected("io", format!("{}: {e}", parent.display())))?;
    }
    let body = serde_json::to_string_pretty(&proof)
        .map_err(|e| Failure::rejected("internal", e.to_string()))?;
    // A draw is recorded only when its proof can be written: write it
    // beside its final name first, record, then move it in place.
    if path.is_dir() {
        return Err(Failure::rejected(
            "io",
            format!("{} is a folder; nothing was recorded", path.display()),
        ));
    }
    let tmp = path.with_extension(format!("partial-{}", std::process::id()));
    std::fs::write(&tmp, &body).map_err(|e| {
        Failure::rejected(
            "io",
            format!("{}: {e}; nothing was recorded", tmp.display()),
        )
    })?;
    // The schedule secret of the visit dates: fixed now, revealed after the visits.
    let (schedule_secret, _) = entropy::new_witness_secret().map_err(|e| {
        Failure::rejected(
            "entropy",
            format!("no system randomness for the schedule secret: {e}"),
        )
    })?;
    if let Err(e) = ws.store_draw_with(
        &proof,
        &instant_text(&at),
        &cli.actor(),
        Some(&schedule_secret),
    ) {
        let _ = std::fs::remove_file(&tmp);
        return Err(store_fail(e));
    }
    std::fs::rename(&tmp, &path).map_err(|e| {
        Failure::rejected(
            "io",
            format!("{}: {e} (the draw is recorded: write it again with `dualdraw campaign proof {id}`)", path.display()),
        )
    })?;
    let text = summary(&proof, &format!("proof written to {}", path.display()));
    out.done(
        "dualdraw.draw.v1",
        &serde_json::json!({"proof": path, "seed": proof.seed, "teams": proof.teams.iter().map(|t| serde_json::json!({"target": t.target, "officers": t.officers})).collect::<Vec<_>>()}),
        &text,
    )
}
