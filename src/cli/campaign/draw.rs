//! `campaign draw`: reads the beacon the user named, draws with the library
//! ([`crate::store::prepare_draw`]), writes the proof and records the draw
//! with the schedule secret.

use super::{draw_failure, reveal_failure, store_fail, summary, texts};
use crate::cli::i18n::t;
use crate::cli::messages::{file_error, io_error};
use crate::cli::{Cli, Failure, Out};
use crate::core::campaign::instant_text;
use crate::core::entropy::{self, DrandRound};
use crate::store::{DrawCampaignError, DrawInputs, Workspace, prepare_draw};
use chrono::{DateTime, Utc};
use std::path::PathBuf;

/// Reads a drand round file.
pub(super) fn read_round(f: &std::path::Path) -> Result<DrandRound, Failure> {
    let text = std::fs::read_to_string(f)
        .map_err(|e| Failure::rejected("unreadable", file_error(f, &e)))?;
    serde_json::from_str(&text).map_err(|e| {
        Failure::rejected(
            "malformed",
            t!("draw-not-a-round", file = f.display(), why = e),
        )
    })
}

fn draw_campaign_failure(e: DrawCampaignError) -> Failure {
    match e {
        DrawCampaignError::AlreadyDrawn(_) => {
            Failure::rejected("already_drawn", texts::draw_campaign_error(&e))
        }
        DrawCampaignError::Reveal(r) => reveal_failure(r),
        DrawCampaignError::Draw(d) => draw_failure(d),
        DrawCampaignError::Store(s) => store_fail(s),
    }
}

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
    let inputs = DrawInputs {
        reveals: reveals.to_vec(),
        drand: beacon.as_deref().map(read_round).transpose()?,
        lottery: lottery.clone(),
    };
    let at = now.unwrap_or_else(crate::cli::now);
    let path = path
        .clone()
        .unwrap_or_else(|| ws.dir().join("proofs").join(format!("{id}.json")));
    // What a killed earlier run may have left beside the proof.
    crate::durable::remove_stale_partials(&path);
    let proof = match prepare_draw(&mut ws, id, &inputs, at, &cli.actor()) {
        Ok(p) => p,
        Err(DrawCampaignError::AlreadyDrawn(_)) if !path.is_file() => {
            // A draw recorded by a run that was killed before its proof
            // file was in place: say how to finish it.
            return Err(Failure::rejected(
                "already_drawn",
                t!("draw-proof-missing", id = id, file = path.display()),
            ));
        }
        Err(e) => return Err(draw_campaign_failure(e)),
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| Failure::rejected("io", file_error(parent, &e)))?;
    }
    let body = serde_json::to_string_pretty(&proof)
        .map_err(|e| Failure::rejected("internal", e.to_string()))?;
    // A draw is recorded only when its proof can be written: stage it beside
    // its final name first, record, then move it in place.
    if path.is_dir() {
        return Err(Failure::rejected(
            "io",
            t!("draw-out-is-a-folder", file = path.display()),
        ));
    }
    let mut staged = crate::durable::Staged::new();
    staged.write(&path, body.as_bytes()).map_err(|e| {
        Failure::rejected(
            "io",
            t!("draw-not-staged", file = path.display(), why = io_error(&e)),
        )
    })?;
    // The schedule secret of the visit dates: fixed now, revealed after the visits.
    let (schedule_secret, _) = entropy::new_witness_secret()
        .map_err(|e| Failure::rejected("entropy", t!("draw-no-randomness", why = e)))?;
    ws.store_draw_with(
        &proof,
        &instant_text(&at),
        &cli.actor(),
        Some(&schedule_secret),
    )
    .map_err(store_fail)?;
    staged.finish().map_err(|e| {
        Failure::rejected(
            "io",
            t!(
                "draw-not-moved",
                file = path.display(),
                why = io_error(&e),
                id = id
            ),
        )
    })?;
    let mut text = summary(&proof, &t!("draw-proof-written", file = path.display()));
    let signed = crate::cli::key::checkpoint_after(&cli.workspace, &ws);
    if !signed.is_empty() {
        text.push('\n');
        text.push_str(&signed);
    }
    out.done(
        "dualdraw.draw.v1",
        &serde_json::json!({"proof": path, "seed": proof.seed, "teams": proof.teams.iter().map(|t| serde_json::json!({"target": t.target, "officers": t.officers})).collect::<Vec<_>>()}),
        &text,
    )
}
