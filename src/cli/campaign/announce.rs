//! `campaign announce`, `campaign reveal` and `witness new`: announcing
//! campaigns, and the witnesses' secrets, commitments and reveals.

use super::{announce_failure, reveal_failure};
use crate::cli::{Cli, Failure, Out};
use crate::core::campaign::{Campaign, instant_text};
use crate::core::entropy;
use crate::store::{Workspace, record_reveal};
use chrono::{DateTime, Utc};
use std::fmt::Write as _;
use std::path::PathBuf;

/// `campaign announce`: checks campaign files and announces them.
pub(super) fn announce(
    cli: &Cli,
    out: &Out,
    files: &[PathBuf],
    now: &Option<DateTime<Utc>>,
) -> Result<(), Failure> {
    let mut campaigns = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file)
            .map_err(|e| Failure::rejected("unreadable", format!("{}: {e}", file.display())))?;
        campaigns.push(
            Campaign::from_toml(&text)
                .map_err(|e| Failure::rejected("rejected", format!("{}: {e}", file.display())))?,
        );
    }
    let mut ws = Workspace::open(&cli.workspace)?;
    let recorded = ws
        .announce_campaigns(campaigns, now.unwrap_or_else(crate::cli::now), &cli.actor())
        .map_err(|e| announce_failure(e, files.len() > 1))?;
    let mut texts = Vec::new();
    let mut docs = Vec::new();
    for (a, summary) in &recorded {
        let mut t = format!(
            "【抽查公告 / announcement】{}\n{}\nannouncement hash: {}\ncampaign hash:     {}\nsnapshot {} digest {}\ndraw date {}; pool {} entities",
            a.campaign.id,
            a.campaign.title,
            a.hash,
            a.campaign_hash,
            a.snapshot.id,
            a.snapshot.digest,
            a.campaign.draw_date,
            summary.pool
        );
        if !a.exclusion.is_empty() || !a.officer_history.is_empty() || !a.drawn_this_year.is_empty()
        {
            let _ = write!(
                t,
                "\nhistory: {} recently inspected left out; {} officer–entity pair(s) kept apart; {} entities drawn earlier this year",
                a.exclusion.len(),
                a.officer_history.len(),
                a.drawn_this_year.len()
            );
        }
        if let Some(g) = &a.coordination {
            let _ = write!(
                t,
                "\ncoordination group {} ({} campaigns) hash {}",
                g.group,
                g.members.len(),
                g.hash
            );
        }
        for w in &a.campaign.entropy.witnesses {
            let _ = write!(t, "\nwitness {} commitment {}", w.name, w.commitment);
        }
        if let Some(b) = &a.campaign.entropy.beacon {
            let _ = write!(t, "\nbeacon {} round {}", b.scheme.token(), b.round);
            if let Some(bt) = a.beacon_time() {
                let _ = write!(t, " (due {})", instant_text(&bt));
            }
        }
        texts.push(t);
        docs.push(serde_json::json!({"campaign": a.campaign.id, "announcement_hash": a.hash, "campaign_hash": a.campaign_hash,
            "snapshot": a.snapshot.id, "snapshot_digest": a.snapshot.digest, "pool": summary.pool,
            "announced_at": instant_text(&a.announced_at),
            "history": {"exclusion": a.exclusion.len(), "officer_history": a.officer_history.len(), "drawn_this_year": a.drawn_this_year.len()},
            "group": a.coordination.as_ref().map(|g| serde_json::json!({"name": g.group, "hash": g.hash, "members": g.members.len()}))}));
    }
    let mut t = texts.join("\n\n");
    t.push_str("\nPublish this notice before the draw: it fixes the registries, the rules and the entropy.");
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
        &format!("recorded the reveal of {} for {id}", reveal.0),
    )
}

pub(in crate::cli) fn witness_new(out: &Out) -> Result<(), Failure> {
    let (secret, commitment) =
        entropy::new_witness_secret().map_err(|e| Failure::rejected("io", e.to_string()))?;
    out.done(
        "dualdraw.witness.v1",
        &serde_json::json!({"secret": secret, "commitment": commitment}),
        &format!("secret:     {secret}\ncommitment: {commitment}\nGive the bureau only the commitment. Keep the secret until the reveal."),
    )
}
