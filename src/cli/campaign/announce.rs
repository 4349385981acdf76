//! `campaign announce`, `campaign reveal` and `witness new`: announcing
//! campaigns, and the witnesses' secrets, commitments and reveals.

use super::{AnnounceChecks, announce_failure, check_failure, reveal_failure, texts};
use crate::cli::i18n::t;
use crate::cli::messages::file_error;
use crate::cli::{Cli, Failure, Out};
use crate::core::campaign::{Campaign, instant_text};
use crate::core::entropy;
use crate::store::{CheckedAnnounceError, Workspace, announce_checked, record_reveal};
use chrono::{DateTime, Utc};
use std::fmt::Write as _;
use std::path::PathBuf;

/// `campaign announce`: checks campaign files and announces them.
pub(super) fn announce(
    cli: &Cli,
    out: &Out,
    files: &[PathBuf],
    now: &Option<DateTime<Utc>>,
    checks: &AnnounceChecks,
) -> Result<(), Failure> {
    let mut campaigns = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file)
            .map_err(|e| Failure::rejected("unreadable", file_error(file, &e)))?;
        campaigns.push(
            Campaign::from_toml(&text)
                .map_err(|e| crate::cli::campaign_file::campaign_file_failure(file, &text, &e))?,
        );
    }
    let mut ws = Workspace::open(&cli.workspace)?;
    let opts = checks.options();
    let budget = checks.budget();
    let name = files.len() > 1;
    let at = now.unwrap_or_else(crate::cli::now);
    let (recorded, checked) = announce_checked(&mut ws, campaigns, at, &cli.actor(), &opts, budget)
        .map_err(|e| match e {
            CheckedAnnounceError::Announce(e) => announce_failure(e, name),
            CheckedAnnounceError::Check { id, source } => check_failure(source, &id, name),
        })?;
    let mut texts = Vec::new();
    let mut docs = Vec::new();
    for ((a, summary), checks) in recorded.iter().zip(&checked) {
        let mut t = t!(
            "announce-notice",
            id = a.campaign.id,
            title = a.campaign.title,
            hash = a.hash,
            campaign_hash = a.campaign_hash,
            snapshot = a.snapshot.id,
            digest = a.snapshot.digest,
            draw_date = a.campaign.draw_date,
            pool = summary.pool
        );
        if !a.exclusion.is_empty() || !a.officer_history.is_empty() || !a.drawn_this_year.is_empty()
        {
            let _ = write!(
                t,
                "\n{}",
                t!(
                    "announce-history",
                    excluded = a.exclusion.len(),
                    pairs = a.officer_history.len(),
                    drawn = a.drawn_this_year.len()
                )
            );
        }
        if let Some(g) = &a.coordination {
            let _ = write!(
                t,
                "\n{}",
                t!(
                    "announce-group",
                    group = g.group,
                    members = g.members.len(),
                    hash = g.hash
                )
            );
        }
        for w in &a.campaign.entropy.witnesses {
            let _ = write!(
                t,
                "\n{}",
                t!("announce-witness", name = w.name, commitment = w.commitment)
            );
        }
        if let Some(b) = &a.campaign.entropy.beacon {
            let _ = write!(
                t,
                "\n{}",
                t!(
                    "announce-beacon",
                    scheme = b.scheme.token(),
                    round = b.round
                )
            );
            if let Some(bt) = a.beacon_time() {
                t.push_str(&t!("announce-beacon-due", due = instant_text(&bt)));
            }
        }
        let _ = write!(t, "\n{}", texts::checks_line(checks));
        for w in texts::warnings(checks) {
            let _ = write!(t, "\n{w}");
        }
        texts.push(t);
        docs.push(serde_json::json!({"campaign": a.campaign.id, "announcement_hash": a.hash, "campaign_hash": a.campaign_hash,
            "snapshot": a.snapshot.id, "snapshot_digest": a.snapshot.digest, "pool": summary.pool,
            "announced_at": instant_text(&a.announced_at),
            "history": {"exclusion": a.exclusion.len(), "officer_history": a.officer_history.len(), "drawn_this_year": a.drawn_this_year.len()},
            "group": a.coordination.as_ref().map(|g| serde_json::json!({"name": g.group, "hash": g.hash, "members": g.members.len()})),
            "checks": checks}));
    }
    let mut t = texts.join("\n\n");
    t.push('\n');
    t.push_str(&t!("announce-publish"));
    let signed = crate::cli::key::checkpoint_after_announcement(&cli.workspace, &ws);
    if !signed.is_empty() {
        t.push('\n');
        t.push_str(&signed);
    }
    if docs.len() == 1 {
        out.done("dualdraw.announce.v1", &docs[0], &t)
    } else {
        out.done(
            "dualdraw.announce-group.v1",
            &serde_json::json!({"announcements": docs}),
            &t,
        )
    }
}

/// `campaign reveal`: records one witness's reveal.
pub(super) fn reveal(
    cli: &Cli,
    out: &Out,
    id: &str,
    reveal: &(String, String),
    now: &Option<DateTime<Utc>>,
) -> Result<(), Failure> {
    let mut ws = Workspace::open(&cli.workspace)?;
    record_reveal(
        &mut ws,
        id,
        (&reveal.0, &reveal.1),
        now.unwrap_or_else(crate::cli::now),
        &cli.actor(),
    )
    .map_err(reveal_failure)?;
    out.done(
        "dualdraw.reveal.v1",
        &serde_json::json!({"campaign": id, "witness": reveal.0}),
        &t!("reveal-recorded", witness = reveal.0, id = id),
    )
}

pub(in crate::cli) fn witness_new(out: &Out) -> Result<(), Failure> {
    let (secret, commitment) =
        entropy::new_witness_secret().map_err(|e| Failure::rejected("io", e.to_string()))?;
    out.done(
        "dualdraw.witness.v1",
        &serde_json::json!({"secret": secret, "commitment": commitment}),
        &t!("witness-new", secret = secret, commitment = commitment),
    )
}
