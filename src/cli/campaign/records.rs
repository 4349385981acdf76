//! `campaign proof`, `campaign open-threshold` and `campaign void`: what is
//! done with a campaign's records after its announcement or draw.

use super::store_fail;
use crate::cli::i18n::t;
use crate::cli::messages::file_error;
use crate::cli::{Cli, Failure, Out};
use crate::core::campaign::instant_text;
use crate::store::{VerifyDrawError, Workspace, open_stratum_threshold};
use chrono::{DateTime, Utc};
use std::path::PathBuf;

/// `campaign proof`: writes the recorded proof again.
pub(super) fn proof(cli: &Cli, out: &Out, id: &str, path: &Option<PathBuf>) -> Result<(), Failure> {
    let ws = Workspace::open(&cli.workspace)?;
    let text = match ws.campaign_state(id).map_err(store_fail)? {
        crate::store::CampaignState::Drawn => {
            ws.check_records_against_ledger().map_err(store_fail)?;
            ws.draw_proof_text(id).map_err(store_fail)?
        }
        _ => {
            return Err(Failure::rejected(
                "not_drawn",
                t!("proof-not-drawn", id = id),
            ));
        }
    };
    let path = path
        .clone()
        .unwrap_or_else(|| ws.dir().join("proofs").join(format!("{id}.json")));
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| Failure::rejected("io", file_error(parent, &e)))?;
    }
    crate::durable::remove_stale_partials(&path);
    crate::durable::write_atomic(&path, text.as_bytes())
        .map_err(|e| Failure::rejected("io", file_error(&path, &e)))?;
    out.done(
        "dualdraw.proof.v1",
        &serde_json::json!({"campaign": id, "proof": path}),
        &t!("proof-written", id = id, file = path.display()),
    )
}

/// `campaign open-threshold`: opens one stratum's threshold.
pub(super) fn open_threshold(
    cli: &Cli,
    out: &Out,
    id: &str,
    class: &str,
    path: &Option<PathBuf>,
) -> Result<(), Failure> {
    let class = crate::core::registry::vocab::CreditClass::parse(class)
        .map_err(|e| Failure::usage(e.to_string()))?;
    let ws = Workspace::open(&cli.workspace)?;
    let opening = open_stratum_threshold(&ws, id, class).map_err(|e| match e {
        VerifyDrawError::Store(s) => store_fail(s),
        e => Failure::rejected("verification", e.to_string()),
    })?;
    let body = serde_json::to_string_pretty(&opening)
        .map_err(|e| Failure::rejected("internal", e.to_string()))?;
    match path {
        Some(p) => {
            crate::durable::write_atomic(p, body.as_bytes())
                .map_err(|e| Failure::rejected("io", file_error(p, &e)))?;
            out.done(
                "dualdraw.threshold-opening.v1",
                &serde_json::json!({"campaign": id, "credit_class": class, "file": p}),
                &t!(
                    "threshold-written",
                    class = class.token(),
                    file = p.display()
                ),
            )
        }
        None => out.done("dualdraw.threshold-opening.v1", &opening, &body),
    }
}

/// `campaign void`: voids a campaign in the open.
pub(super) fn void(
    cli: &Cli,
    out: &Out,
    id: &str,
    reason: &str,
    now: &Option<DateTime<Utc>>,
) -> Result<(), Failure> {
    let mut ws = Workspace::open(&cli.workspace)?;
    let at = instant_text(&now.unwrap_or_else(crate::cli::now));
    ws.void_campaign(id, reason, &at, &cli.actor())
        .map_err(store_fail)?;
    out.done(
        "dualdraw.void.v1",
        &serde_json::json!({"campaign": id, "reason": reason, "at": at}),
        &t!("void-done", id = id, reason = reason),
    )
}
