//! `campaign announce|reveal|draw`, `verify`, `witness new`.
//!
//! Here: the `campaign` subcommands, their dispatch and what they share;
//! each group of subcommands is in its own file (`announce`: announce,
//! reveal and `witness new`; `draw`; `replace`: replace and
//! resolve-replacement; `records`: proof, open-threshold and void;
//! `verify`).

mod announce;
mod draw;
mod mismatch;
mod records;
mod replace;
mod template;
pub(super) mod texts;
pub(crate) mod unstaffable;
mod verify;

pub(crate) use crate::store::announce_checked;
pub(super) use announce::witness_new;
pub(crate) use template::write_new;
pub(super) use verify::{read_checked, verify};

use super::i18n::t;
use super::{Cli, EXIT_REJECTED, Failure, Out, parse_instant};
use crate::core::announcement::DrawError;
use crate::core::proof::DrawProof;
use chrono::{DateTime, Utc};
use clap::Subcommand;
use std::fmt::Write as _;
use std::path::PathBuf;

fn parse_reveal(s: &str) -> Result<(String, String), String> {
    s.split_once('=')
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .filter(|(n, v)| !n.is_empty() && !v.is_empty())
        .ok_or_else(|| t!("campaign-not-name-secret", value = format!("{s:?}")))
}

/// `campaign` subcommands.
#[derive(Debug, Subcommand)]
pub enum CampaignCommand {
    /// Write a campaign file to edit, with a comment on every key: drawn today (China date), inspected in the six weeks from a week later.
    Template {
        /// Campaign id.
        id: String,
        /// Output file (default: ID.toml); an existing file is never replaced.
        #[arg(long)]
        out: Option<PathBuf>,
        /// A witness and the commitment they gave, NAME=COMMITMENT (repeatable).
        #[arg(long = "witness", value_parser = template::parse_witness)]
        witnesses: Vec<(String, String)>,
        /// The draw date (default: today's China date).
        #[arg(long, value_parser = super::parse_day)]
        draw_date: Option<chrono::NaiveDate>,
    },
    /// Write the recorded proof of a drawn campaign again (exactly the bytes the ledger hashed).
    Proof {
        /// Campaign id.
        id: String,
        /// Output file (default: WORKSPACE/proofs/ID.json).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Open one stratum's threshold (for an enterprise of that credit class to see why it was or was not drawn).
    OpenThreshold {
        /// Campaign id.
        id: String,
        /// The credit class (A–D).
        class: String,
        /// Output file (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Void a campaign in the open (recorded in the ledger; a new campaign needs a new announcement).
    Void {
        /// Campaign id.
        id: String,
        /// Why (recorded and published).
        #[arg(long)]
        reason: String,
        /// Time of the voiding (default: now).
        #[arg(long, value_parser = parse_instant)]
        now: Option<DateTime<Utc>>,
    },
    /// Replace a drawn target (by the next of its stratum) or one officer of a team; recorded.
    Replace {
        /// Campaign id.
        id: String,
        /// The drawn target to replace, or whose officer is replaced.
        #[arg(long)]
        target: String,
        /// The officer who cannot go (omit to replace the target).
        #[arg(long)]
        officer: Option<String>,
        /// Why (published with the replacement).
        #[arg(long)]
        reason: String,
        /// Decide it with fresh randomness: a drand quicknet round that does not exist yet
        /// (the request is recorded now; `campaign resolve-replacement` completes it).
        #[arg(long)]
        round: Option<u64>,
        /// Time of the replacement (default: now).
        #[arg(long, value_parser = parse_instant)]
        now: Option<DateTime<Utc>>,
    },
    /// Complete a replacement requested with --round, with that round's drand file.
    ResolveReplacement {
        /// Campaign id.
        id: String,
        /// The drand round file (JSON with round and signature).
        #[arg(long)]
        beacon: PathBuf,
        /// Time of the resolution (default: now).
        #[arg(long, value_parser = parse_instant)]
        now: Option<DateTime<Utc>>,
    },
    /// Check campaign files against the current snapshot and what can be known before anyone reveals (draw date, pool, staffing, the risk of an infeasible draw), and announce them (prints the announcement hashes).
    Announce {
        /// The campaign TOML file(s). The campaigns of one coordination group
        /// (`[coordination]`) are announced together, in one command.
        #[arg(required = true, num_args = 1..)]
        files: Vec<PathBuf>,
        /// The announcement time (default: now), e.g. 2026-03-01T09:00:00+08:00.
        #[arg(long, value_parser = parse_instant)]
        now: Option<DateTime<Utc>>,
        /// What is checked before anything is announced.
        #[command(flatten)]
        checks: AnnounceChecks,
    },
    /// Record one witness's reveal NAME=SECRET (refused if it does not match the commitment).
    Reveal {
        /// Campaign id.
        id: String,
        /// NAME=SECRET.
        #[arg(value_parser = parse_reveal)]
        reveal: (String, String),
        /// The reveal time (default: now).
        #[arg(long, value_parser = parse_instant)]
        now: Option<DateTime<Utc>>,
    },
    /// Draw targets and teams, write the proof.
    Draw {
        /// Campaign id.
        id: String,
        /// Reveals to record first, NAME=SECRET (repeatable).
        #[arg(long = "reveal", value_parser = parse_reveal)]
        reveals: Vec<(String, String)>,
        /// drand round file (JSON with round and signature).
        #[arg(long)]
        beacon: Option<PathBuf>,
        /// Lottery result, e.g. "3,7,12,19,25,31/9".
        #[arg(long)]
        lottery: Option<String>,
        /// Where to write the proof (default: WORKSPACE/proofs/ID.json).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Time of reveals given here (default: now).
        #[arg(long, value_parser = parse_instant)]
        now: Option<DateTime<Utc>>,
    },
}

/// The options of the checks `campaign announce` makes before announcing
/// (`docs/CAMPAIGN.md` "Checks before the announcement").
#[derive(Debug, Clone, clap::Args)]
pub struct AnnounceChecks {
    /// Accept a draw date before the announcement's (China) date.
    #[arg(long)]
    pub allow_past: bool,
    /// Refuse when more than this share of the simulated draws is infeasible,
    /// e.g. 5% or 1/20.
    #[arg(long, env = "DUALDRAW_MAX_INFEASIBLE_RISK", value_parser = parse_risk, default_value = "1%")]
    pub max_infeasible_risk: crate::core::campaign::Ratio,
    /// Simulated draws per campaign for the risk estimate (0: no estimate).
    #[arg(long, default_value_t = crate::core::campaign_checks::DEFAULT_RISK_DRAWS)]
    pub risk_draws: u64,
    /// Stop the simulated draws of a campaign after this many seconds (the
    /// estimate then says how many were made).
    #[arg(long, default_value_t = 60)]
    pub risk_seconds: u64,
}

impl AnnounceChecks {
    /// The checks' options.
    pub(crate) fn options(&self) -> crate::core::campaign_checks::CheckOptions {
        crate::core::campaign_checks::CheckOptions {
            allow_past: self.allow_past,
            risk_draws: self.risk_draws,
            max_risk: self.max_infeasible_risk,
        }
    }

    /// How long each campaign's simulated draws may run.
    pub(crate) fn budget(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.risk_seconds)
    }
}

fn parse_risk(s: &str) -> Result<crate::core::campaign::Ratio, String> {
    crate::core::campaign::Ratio::parse(s)
        .ok_or_else(|| t!("campaign-not-a-share", value = format!("{s:?}")))
}

fn draw_failure(e: DrawError) -> Failure {
    let kind = match &e {
        DrawError::Infeasible(_) => "infeasible",
        DrawError::Campaign(_) | DrawError::Sample(_) => "rejected",
        _ => "entropy",
    };
    let message = texts::draw_error(&e);
    Failure {
        code: EXIT_REJECTED,
        json: serde_json::json!({"ok": false, "error": {"kind": kind, "message": message},
            "unstaffable": match &e { DrawError::Infeasible(i) => serde_json::to_value(&i.0).unwrap_or_default(), _ => serde_json::Value::Null }}),
        message,
    }
}

/// A refused announcement; `name` prefixes the campaign's id to the message
/// (when several campaigns were announced together). The JSON error always
/// carries `campaign`.
pub(crate) fn announce_failure(e: crate::store::AnnounceError, name: bool) -> Failure {
    use crate::store::AnnounceError as E;
    match e {
        E::NoSnapshot => Failure::usage(texts::announce_error(&e)),
        E::Store(s) => store_fail(s),
        E::Campaign { id, source } => {
            let mut f = draw_failure(source);
            if name {
                f.message = t!("campaign-named", id = id, message = f.message);
                if let Some(m) = f.json.pointer_mut("/error/message") {
                    *m = serde_json::Value::String(f.message.clone());
                }
            }
            if let Some(o) = f.json.pointer_mut("/error").and_then(|v| v.as_object_mut()) {
                o.insert("campaign".into(), serde_json::Value::String(id));
            }
            f
        }
        E::Group(m) => Failure::rejected("rejected", m),
        E::GroupTaken { group } => {
            let mut f = Failure::rejected(
                "conflict",
                t!("announce-group-taken", group = format!("{group:?}")),
            );
            if let Some(o) = f.json.pointer_mut("/error").and_then(|v| v.as_object_mut()) {
                o.insert("conflict".into(), "group_taken".into());
            }
            f
        }
    }
}

/// A campaign refused by the checks before the announcement; `name`
/// prefixes the campaign's id to the message (several campaigns announced
/// together). The JSON error carries `campaign`, and for infeasibility the
/// draw's `unstaffable` explanations.
pub(crate) fn check_failure(
    e: crate::core::campaign_checks::CheckError,
    id: &str,
    name: bool,
) -> Failure {
    use crate::core::campaign_checks::CheckError as E;
    let message = if name {
        t!("campaign-named", id = id, message = texts::check_error(&e))
    } else {
        texts::check_error(&e)
    };
    let (kind, extra) = match &e {
        E::Draw(d) => {
            let mut f = draw_failure(d.clone());
            if name {
                f.message = message.clone();
                if let Some(m) = f.json.pointer_mut("/error/message") {
                    *m = serde_json::Value::String(message);
                }
            }
            if let Some(o) = f.json.pointer_mut("/error").and_then(|v| v.as_object_mut()) {
                o.insert("campaign".into(), serde_json::Value::String(id.into()));
            }
            return f;
        }
        E::PastDrawDate { .. } => ("past_draw_date", serde_json::json!({})),
        E::LeadWithoutItems { .. } => ("lead_department", serde_json::json!({})),
        E::EmptyPool { .. } | E::NothingDrawn { .. } => ("empty_pool", serde_json::json!({})),
        E::Infeasible(c) => (
            "infeasible",
            serde_json::json!({"unstaffable": c.unstaffable(), "certain": c}),
        ),
        E::Risk(r) => (
            "infeasible_risk",
            serde_json::json!({"risk": r,
                "simulated_draw": r.example.as_ref().map(|x| x.0),
                "unstaffable": r.example.as_ref().map(|x| &x.1.0)}),
        ),
    };
    let mut json = serde_json::json!({"ok": false,
        "error": {"kind": kind, "message": message, "campaign": id}});
    if let (Some(o), Some(x)) = (json.as_object_mut(), extra.as_object()) {
        for (k, v) in x {
            o.insert(k.clone(), v.clone());
        }
    }
    Failure {
        code: EXIT_REJECTED,
        json,
        message,
    }
}

/// A refused reveal, with the kind the CLI has always given it.
fn reveal_failure(e: crate::store::RevealError) -> Failure {
    use crate::store::RevealError as E;
    match e {
        E::NotAWitness { .. } => Failure::rejected("rejected", texts::reveal_error(&e)),
        E::Secret(s) => draw_failure(s.into()),
        E::BeforeAnnouncement { .. } | E::PastDeadline { .. } => {
            Failure::rejected("late", texts::reveal_error(&e))
        }
        E::Store(s) => store_fail(s),
    }
}

fn store_fail(e: crate::store::StoreError) -> Failure {
    Failure::from(e)
}

pub(super) fn dispatch(cli: &Cli, out: &Out, c: &CampaignCommand) -> Result<(), Failure> {
    match c {
        CampaignCommand::Template {
            id,
            out: path,
            witnesses,
            draw_date,
        } => template::template(out, id, path, witnesses, draw_date),
        CampaignCommand::OpenThreshold {
            id,
            class,
            out: path,
        } => records::open_threshold(cli, out, id, class, path),
        CampaignCommand::Proof { id, out: path } => records::proof(cli, out, id, path),
        CampaignCommand::Void { id, reason, now } => records::void(cli, out, id, reason, now),
        CampaignCommand::ResolveReplacement { id, beacon, now } => {
            replace::resolve_replacement(cli, out, id, beacon, now)
        }
        CampaignCommand::Replace {
            id,
            target,
            officer,
            reason,
            round,
            now,
        } => replace::replace(cli, out, id, target, officer, reason, round, now),
        CampaignCommand::Announce { files, now, checks } => {
            announce::announce(cli, out, files, now, checks)
        }
        CampaignCommand::Reveal { id, reveal, now } => announce::reveal(cli, out, id, reveal, now),
        CampaignCommand::Draw {
            id,
            reveals,
            beacon,
            lottery,
            out: path,
            now,
        } => draw::run(cli, out, id, reveals, beacon, lottery, path, now),
    }
}

/// The clerk-readable summary of a proof.
pub fn summary(p: &DrawProof, first: &str) -> String {
    let mut t = format!(
        "{first}\n{}\n{}\n",
        t!(
            "summary-campaign",
            id = p.announcement.campaign.id,
            title = p.announcement.campaign.title
        ),
        t!("summary-seed", seed = p.seed)
    );
    let _ = writeln!(
        t,
        "{}",
        t!(
            "summary-pool",
            pool = p.pool_size,
            excluded = p.excluded_by_class
        )
    );
    for s in &p.strata {
        let _ = writeln!(
            t,
            "{}",
            t!(
                "summary-stratum",
                class = s.credit_class.token(),
                pool = format!("{:>7}", s.pool),
                drawn = format!("{:>5}", s.drawn)
            )
        );
    }
    let _ = writeln!(t, "{}", t!("summary-targets", count = p.targets.len()));
    for (tr, team) in p.targets.iter().zip(&p.teams) {
        let names: Vec<String> = team
            .officers
            .iter()
            .map(|id| {
                p.officers
                    .binary_search_by(|o| o.id.as_str().cmp(id))
                    .map(|i| {
                        t!(
                            "summary-officer",
                            name = p.officers[i].name,
                            id = id,
                            department = p.officers[i].department
                        )
                    })
                    .unwrap_or_else(|_| id.clone())
            })
            .collect();
        let _ = writeln!(
            t,
            "{}",
            t!(
                "summary-target",
                uscc = tr.entity.uscc,
                name = tr.entity.name,
                items = tr.items.join(","),
                team = names.join(", ")
            )
        );
    }
    t
}
