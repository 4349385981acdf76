//! `plan check|announce`: annual plans (年度抽查计划, `docs/PLAN.md`).

use super::{Cli, EXIT_REJECTED, Failure, Out, parse_instant};
use crate::core::campaign::instant_text;
use crate::plan::{CampaignCheck, Expected, Plan, PlanCheck, PlanCheckError, Severity, check};
use crate::store::Workspace;
use chrono::{DateTime, Utc};
use clap::Subcommand;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// `plan` subcommands.
#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Report, before anything is drawn, what a plan file would draw and every rule it cannot meet
    /// (exit 1 when one cannot be met). An internal report: it shows credit-class counts.
    Check {
        /// The plan TOML file.
        file: PathBuf,
        /// Holiday file, assumed years (the workspace's calendar otherwise, docs/CALENDAR.md).
        #[command(flatten)]
        calendar: super::calendar::CalendarArgs,
        /// Check as if announced at this instant (default: now), e.g. 2026-01-05T09:00:00+08:00.
        #[arg(long, value_parser = parse_instant)]
        now: Option<DateTime<Utc>>,
    },
    /// Announce every campaign of a plan file in one transaction (all or none).
    Announce {
        /// The plan TOML file.
        file: PathBuf,
        /// The announcement time (default: now), e.g. 2026-01-05T09:00:00+08:00.
        #[arg(long, value_parser = parse_instant)]
        now: Option<DateTime<Utc>>,
    },
}

fn read_plan(file: &Path) -> Result<Plan, Failure> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Failure::rejected("unreadable", format!("{}: {e}", file.display())))?;
    Plan::from_toml(&text)
        .map_err(|e| Failure::rejected("rejected", format!("{}: {e}", file.display())))
}

fn check_failure(e: PlanCheckError) -> Failure {
    match e {
        PlanCheckError::NoSnapshot => Failure::usage(e.to_string()),
        PlanCheckError::Store(s) => Failure::from(s),
        PlanCheckError::Calendar {
            campaign,
            start,
            end,
            source,
        } => super::calendar::missing_year_failure(
            "rejected",
            "plan check",
            &format!("campaign {campaign}: period {start}..{end}: "),
            &source,
        ),
        PlanCheckError::TooLarge(_) => Failure::rejected("rejected", e.to_string()),
    }
}

/// As `campaign announce` reports a refusal, naming the refused campaign.
fn announce_failure(e: crate::store::AnnounceError) -> Failure {
    let named = matches!(e, crate::store::AnnounceError::Campaign { .. });
    let mut f = super::campaign::announce_failure(e, true);
    if named {
        f.message.push_str("; nothing was announced");
        if let Some(m) = f.json.pointer_mut("/error/message") {
            *m = serde_json::Value::String(f.message.clone());
        }
    }
    f
}

/// Runs a `plan` subcommand.
pub(crate) fn dispatch(cli: &Cli, out: &Out, c: &PlanCommand) -> Result<(), Failure> {
    match c {
        PlanCommand::Check {
            file,
            calendar,
            now,
        } => {
            let plan = read_plan(file)?;
            let mut ws = Workspace::open(&cli.workspace)?;
            let cal = super::calendar::load(cli, &mut ws, calendar, "plan check", *now)?.cal;
            let report = check(&ws, &plan, &cal, now.unwrap_or_else(crate::cli::now))
                .map_err(check_failure)?;
            let text = render(&report);
            if report.ok() {
                return out.done("dualdraw.plan-check.v1", &report, &text);
            }
            let message = format!(
                "{} problem(s): the plan cannot be carried out as written",
                report.problems
            );
            let mut json = serde_json::to_value(&report)
                .map_err(|e| Failure::rejected("internal", e.to_string()))?;
            if let Some(o) = json.as_object_mut() {
                o.insert("ok".into(), serde_json::Value::Bool(false));
                o.insert(
                    "error".into(),
                    serde_json::json!({"kind": "infeasible", "message": message}),
                );
            }
            if !out.json {
                // The report goes to standard output like a success; the
                // verdict to standard error.
                out.clear_progress();
                super::emit(&text);
            }
            Err(Failure {
                code: EXIT_REJECTED,
                message,
                json,
            })
        }
        PlanCommand::Announce { file, now } => {
            let plan = read_plan(file)?;
            let mut ws = Workspace::open(&cli.workspace)?;
            let recorded = ws
                .announce_campaigns(
                    plan.campaigns.clone(),
                    now.unwrap_or_else(crate::cli::now),
                    &cli.actor(),
                )
                .map_err(announce_failure)?;
            let mut t = format!(
                "plan {} ({}): {} campaign(s) announced in one transaction",
                plan.name,
                plan.year,
                recorded.len()
            );
            let mut docs = Vec::new();
            for (a, summary) in &recorded {
                let _ = write!(
                    t,
                    "\n\n【抽查公告 / announcement】{}\n{}\nannouncement hash: {}\ncampaign hash:     {}\nsnapshot {} digest {}\ndraw date {}; pool {} entities",
                    a.campaign.id,
                    a.campaign.title,
                    a.hash,
                    a.campaign_hash,
                    a.snapshot.id,
                    a.snapshot.digest,
                    a.campaign.draw_date,
                    summary.pool
                );
                if let Some(p) = &a.campaign.period {
                    let _ = write!(t, "; period {}..{}", p.start, p.end);
                }
                if !a.exclusion.is_empty()
                    || !a.officer_history.is_empty()
                    || !a.drawn_this_year.is_empty()
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
                docs.push(serde_json::json!({"campaign": a.campaign.id, "announcement_hash": a.hash, "campaign_hash": a.campaign_hash,
                    "snapshot": a.snapshot.id, "snapshot_digest": a.snapshot.digest, "pool": summary.pool,
                    "announced_at": instant_text(&a.announced_at),
                    "history": {"exclusion": a.exclusion.len(), "officer_history": a.officer_history.len(), "drawn_this_year": a.drawn_this_year.len()},
                    "group": a.coordination.as_ref().map(|g| serde_json::json!({"name": g.group, "hash": g.hash, "members": g.members.len()}))}));
            }
            t.push_str("\n\nPublish these notices before the draws: they fix the registries, the rules and the entropy.");
            out.done(
                "dualdraw.plan-announce.v1",
                &serde_json::json!({"plan": plan.name, "year": plan.year, "announcements": docs}),
                &t,
            )
        }
    }
}

fn expected(e: &Expected) -> String {
    format!("≈{} (at most {})", e.rounded, e.at_most)
}

fn render_campaign(t: &mut String, c: &CampaignCheck) {
    let _ = write!(
        t,
        "\ncampaign {} {} (lead {})\n  draw date {}",
        c.id, c.title, c.lead_department, c.draw_date
    );
    if let Some(p) = &c.period {
        let _ = write!(
            t,
            "; period {}..{}: {} working day(s)",
            p.start, p.end, p.working_days
        );
    }
    if let Some(g) = &c.coordination {
        let _ = write!(t, "; coordination group {g}");
    }
    if !c.announceable {
        t.push_str("\n  would be refused at announcement (see the findings)");
    }
    let Some(n) = &c.numbers else {
        t.push_str("\n  no numbers: the campaign's items or categories are not in the snapshot\n");
        return;
    };
    let _ = write!(
        t,
        "\n  pool {} entities ({} left out by class); {} target(s)",
        n.pool, n.excluded_by_class, n.targets
    );
    for s in &n.strata {
        let _ = write!(
            t,
            "\n    stratum {}: pool {:>7}  drawn {:>5}{}",
            s.credit_class.token(),
            s.pool,
            s.drawn,
            if s.has_stratum { "" } else { "  (no stratum)" }
        );
    }
    for d in &n.departments {
        let _ = write!(
            t,
            "\n  {}: targets {}; officer places {}; {} of {} officer(s) active and certified on {}; capacity {}",
            d.department,
            expected(&d.targets),
            expected(&d.places),
            d.eligible,
            d.officers,
            c.draw_date,
            match (d.capacity, n.max_targets_per_officer) {
                (Some(cap), Some(m)) => format!("{cap} ({m} target(s) each)"),
                _ => "no limit".to_string(),
            }
        );
        if let (Some(vc), Some(p)) = (d.visit_capacity, &c.period) {
            let _ = write!(
                t,
                "\n    visits: capacity {vc} in {} working day(s)",
                p.working_days
            );
            if let Some(w) = d.working_days_needed {
                let _ = write!(t, "; ≥{w} working day(s) needed");
            }
        }
        for q in &d.qualifications {
            let _ = write!(
                t,
                "\n    qualification {}: {} holder(s); places {}; capacity {}",
                q.qualification,
                q.holders,
                expected(&q.places),
                q.capacity
                    .map_or_else(|| "no limit".to_string(), |c| c.to_string())
            );
        }
        for r in &d.regions {
            let _ = write!(
                t,
                "\n    region {}: {} officer(s) allowed; places {}; capacity {}",
                r.region,
                r.officers,
                expected(&r.places),
                r.capacity
                    .map_or_else(|| "no limit".to_string(), |c| c.to_string())
            );
        }
        if d.unstaffable.entities > 0 {
            let _ = write!(
                t,
                "\n    UNSTAFFABLE: {} pool entit{} (≈{} expected drawn), e.g. {}",
                d.unstaffable.entities,
                if d.unstaffable.entities == 1 {
                    "y"
                } else {
                    "ies"
                },
                d.unstaffable.expected_drawn.rounded,
                d.unstaffable
                    .examples
                    .iter()
                    .map(|x| x.uscc.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    t.push('\n');
}

/// The clerk-readable report.
fn render(r: &PlanCheck) -> String {
    let mut t = format!(
        "plan {} ({}): {} campaign(s), checked against snapshot {} (digest {}) as if announced at {}\n\
         INTERNAL: this report shows credit-class counts, which are confidential; do not publish it.\n\
         ≈ values are exact expectations shown to one decimal (rounded half up); \"at most\" is the worst case of any draw.\n",
        r.plan,
        r.year,
        r.campaigns.len(),
        r.snapshot,
        r.snapshot_digest,
        r.as_of
    );
    for c in &r.campaigns {
        render_campaign(&mut t, c);
    }
    if !r.departments.is_empty() {
        t.push_str("\nthe year, per department:");
        for d in &r.departments {
            let _ = write!(
                t,
                "\n  {}: {} campaign(s) ({}); targets ≈{} (at most {}); officer places ≈{} (at most {}); {} eligible officer(s){}; capacity {}",
                d.department,
                d.campaigns.len(),
                d.campaigns.join(", "),
                d.targets.rounded,
                d.targets.at_most,
                d.places.rounded,
                d.places.at_most,
                d.officers,
                d.places_per_officer
                    .as_ref()
                    .map(|p| format!(", ≈{p} place(s) each"))
                    .unwrap_or_default(),
                d.capacity
                    .map_or_else(|| "no limit".to_string(), |c| c.to_string())
            );
        }
        t.push('\n');
    }
    let _ = write!(
        t,
        "\nfindings: {} problem(s), {} warning(s)",
        r.problems, r.warnings
    );
    for f in &r.findings {
        let tag = match f.severity {
            Severity::Problem => "PROBLEM",
            Severity::Warning => "warning",
        };
        let kind = serde_json::to_value(f.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let _ = write!(t, "\n  {tag} [{kind}] {}", f.message);
    }
    if r.ok() {
        t.push_str("\nevery rule can be met");
    }
    // Otherwise the verdict is the failure's message (standard error).
    t
}
