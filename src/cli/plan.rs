//! `plan check|announce`: annual plans (年度抽查计划, `docs/PLAN.md`).

use super::{Cli, EXIT_REJECTED, Failure, Out, parse_instant};
use crate::core::campaign::instant_text;
use crate::plan::{CampaignCheck, Expected, Plan, PlanCheck, PlanCheckError, Severity, check};
use crate::store::Workspace;
use chrono::{DateTime, Utc};
use clap::Subcommand;
use std::fmt::Write as _;

use super::i18n::t;
use super::messages;
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
    /// Announce every campaign of a plan file in one transaction (all or none), after the checks `campaign announce` makes.
    Announce {
        /// The plan TOML file.
        file: PathBuf,
        /// The announcement time (default: now), e.g. 2026-01-05T09:00:00+08:00.
        #[arg(long, value_parser = parse_instant)]
        now: Option<DateTime<Utc>>,
        /// What is checked before anything is announced (as `campaign announce`).
        #[command(flatten)]
        checks: super::campaign::AnnounceChecks,
    },
}

fn read_plan(file: &Path) -> Result<Plan, Failure> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Failure::rejected("unreadable", messages::file_error(file, &e)))?;
    Plan::from_toml(&text).map_err(|e| super::plan_file::plan_file_failure(file, &text, &e))
}

fn check_failure(e: PlanCheckError) -> Failure {
    match e {
        PlanCheckError::NoSnapshot => Failure::usage(t!("plan-no-snapshot")),
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
fn announce_failure(e: crate::store::CheckedAnnounceError) -> Failure {
    use crate::store::{AnnounceError, CheckedAnnounceError as E};
    let named = matches!(
        e,
        E::Announce(AnnounceError::Campaign { .. }) | E::Check { .. }
    );
    let mut f = match e {
        E::Announce(e) => super::campaign::announce_failure(e, true),
        E::Check { id, source } => super::campaign::check_failure(source, &id, true),
    };
    if named {
        f.message.push_str(&t!("plan-nothing-announced"));
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
            let message = t!("plan-check-failed", problems = report.problems);
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
        PlanCommand::Announce { file, now, checks } => {
            let plan = read_plan(file)?;
            let mut ws = Workspace::open(&cli.workspace)?;
            let (recorded, checked) = crate::store::announce_checked(
                &mut ws,
                plan.campaigns.clone(),
                now.unwrap_or_else(crate::cli::now),
                &cli.actor(),
                &checks.options(),
                checks.budget(),
            )
            .map_err(announce_failure)?;
            let mut t = t!(
                "plan-announced",
                plan = plan.name,
                year = plan.year,
                count = recorded.len()
            );
            let mut docs = Vec::new();
            for ((a, summary), checks) in recorded.iter().zip(&checked) {
                t.push_str("\n\n");
                t.push_str(&t!(
                    "plan-announcement",
                    id = a.campaign.id,
                    title = a.campaign.title,
                    hash = a.hash,
                    campaign_hash = a.campaign_hash,
                    snapshot = a.snapshot.id,
                    digest = a.snapshot.digest,
                    draw_date = a.campaign.draw_date,
                    pool = summary.pool
                ));
                if let Some(p) = &a.campaign.period {
                    t.push_str(&t!(
                        "plan-announcement-period",
                        start = p.start,
                        end = p.end
                    ));
                }
                if !a.exclusion.is_empty()
                    || !a.officer_history.is_empty()
                    || !a.drawn_this_year.is_empty()
                {
                    t.push('\n');
                    t.push_str(&t!(
                        "plan-announcement-history",
                        excluded = a.exclusion.len(),
                        pairs = a.officer_history.len(),
                        drawn = a.drawn_this_year.len()
                    ));
                }
                if let Some(g) = &a.coordination {
                    t.push('\n');
                    t.push_str(&t!(
                        "plan-announcement-group",
                        group = g.group,
                        members = g.members.len(),
                        hash = g.hash
                    ));
                }
                for w in &a.campaign.entropy.witnesses {
                    t.push('\n');
                    t.push_str(&t!(
                        "plan-announcement-witness",
                        name = w.name,
                        commitment = w.commitment
                    ));
                }
                if let Some(b) = &a.campaign.entropy.beacon {
                    t.push('\n');
                    t.push_str(&t!(
                        "plan-announcement-beacon",
                        scheme = b.scheme.token(),
                        round = b.round
                    ));
                    if let Some(bt) = a.beacon_time() {
                        t.push_str(&t!("plan-announcement-beacon-due", due = instant_text(&bt)));
                    }
                }
                t.push('\n');
                t.push_str(&super::campaign::texts::checks_line(checks));
                for w in super::campaign::texts::warnings(checks) {
                    t.push('\n');
                    t.push_str(&w);
                }
                docs.push(serde_json::json!({"campaign": a.campaign.id, "announcement_hash": a.hash, "campaign_hash": a.campaign_hash,
                    "snapshot": a.snapshot.id, "snapshot_digest": a.snapshot.digest, "pool": summary.pool,
                    "announced_at": instant_text(&a.announced_at),
                    "history": {"exclusion": a.exclusion.len(), "officer_history": a.officer_history.len(), "drawn_this_year": a.drawn_this_year.len()},
                    "group": a.coordination.as_ref().map(|g| serde_json::json!({"name": g.group, "hash": g.hash, "members": g.members.len()})),
                    "checks": checks}));
            }
            t.push_str("\n\n");
            t.push_str(&t!("plan-announce-publish"));
            let signed = super::key::checkpoint_after_announcement(&cli.workspace, &ws);
            if !signed.is_empty() {
                t.push('\n');
                t.push_str(&signed);
            }
            out.done(
                "dualdraw.plan-announce.v1",
                &serde_json::json!({"plan": plan.name, "year": plan.year, "announcements": docs}),
                &t,
            )
        }
    }
}

fn expected(e: &Expected) -> String {
    t!("plan-expected", rounded = e.rounded, at_most = e.at_most)
}

fn capacity(c: Option<u64>) -> String {
    c.map_or_else(|| t!("plan-no-limit"), |c| c.to_string())
}

fn render_campaign(t: &mut String, c: &CampaignCheck) {
    t.push('\n');
    t.push_str(&t!(
        "plan-check-campaign",
        id = c.id,
        title = c.title,
        lead = c.lead_department,
        draw_date = c.draw_date
    ));
    if let Some(p) = &c.period {
        t.push_str(&t!(
            "plan-check-period",
            start = p.start,
            end = p.end,
            days = p.working_days
        ));
    }
    if let Some(g) = &c.coordination {
        t.push_str(&t!("plan-check-group", group = g));
    }
    if !c.announceable {
        t.push_str("\n  ");
        t.push_str(&t!("plan-check-refused"));
    }
    let Some(n) = &c.numbers else {
        t.push_str("\n  ");
        t.push_str(&t!("plan-check-no-numbers"));
        t.push('\n');
        return;
    };
    t.push_str("\n  ");
    t.push_str(&t!(
        "plan-check-pool",
        pool = n.pool,
        excluded = n.excluded_by_class,
        targets = n.targets
    ));
    for s in &n.strata {
        let _ = write!(
            t,
            "\n    {}",
            t!(
                "plan-check-stratum",
                class = s.credit_class.token(),
                pool = format!("{:>7}", s.pool),
                drawn = format!("{:>5}", s.drawn)
            )
        );
        if !s.has_stratum {
            t.push_str(&t!("plan-check-no-stratum"));
        }
    }
    for d in &n.departments {
        let cap = match (d.capacity, n.max_targets_per_officer) {
            (Some(cap), Some(m)) => t!("plan-check-capacity-each", capacity = cap, each = m),
            _ => t!("plan-no-limit"),
        };
        t.push_str("\n  ");
        t.push_str(&t!(
            "plan-check-department",
            department = d.department,
            targets = expected(&d.targets),
            places = expected(&d.places),
            eligible = d.eligible,
            officers = d.officers,
            draw_date = c.draw_date,
            capacity = cap
        ));
        if let (Some(vc), Some(p)) = (d.visit_capacity, &c.period) {
            t.push_str("\n    ");
            t.push_str(&t!(
                "plan-check-visits",
                capacity = vc,
                days = p.working_days
            ));
            if let Some(w) = d.working_days_needed {
                t.push_str(&t!("plan-check-days-needed", days = w));
            }
        }
        for q in &d.qualifications {
            t.push_str("\n    ");
            t.push_str(&t!(
                "plan-check-qualification",
                qualification = q.qualification,
                holders = q.holders,
                places = expected(&q.places),
                capacity = capacity(q.capacity)
            ));
        }
        for r in &d.regions {
            t.push_str("\n    ");
            t.push_str(&t!(
                "plan-check-region",
                region = r.region,
                officers = r.officers,
                places = expected(&r.places),
                capacity = capacity(r.capacity)
            ));
        }
        if d.unstaffable.entities > 0 {
            t.push_str("\n    ");
            t.push_str(&t!(
                "plan-check-unstaffable",
                entities = super::i18n::Num(d.unstaffable.entities),
                expected = d.unstaffable.expected_drawn.rounded,
                examples = d
                    .unstaffable
                    .examples
                    .iter()
                    .map(|x| x.uscc.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    t.push('\n');
}

/// The clerk-readable report.
fn render(r: &PlanCheck) -> String {
    let mut t = t!(
        "plan-check-head",
        plan = r.plan,
        year = r.year,
        campaigns = r.campaigns.len(),
        snapshot = r.snapshot,
        digest = r.snapshot_digest,
        as_of = r.as_of
    );
    t.push('\n');
    for c in &r.campaigns {
        render_campaign(&mut t, c);
    }
    if !r.departments.is_empty() {
        t.push('\n');
        t.push_str(&t!("plan-check-year"));
        for d in &r.departments {
            let each = d
                .places_per_officer
                .as_ref()
                .map(|p| t!("plan-check-year-each", places = p))
                .unwrap_or_default();
            t.push_str("\n  ");
            t.push_str(&t!(
                "plan-check-year-department",
                department = d.department,
                count = d.campaigns.len(),
                campaigns = d.campaigns.join(", "),
                targets = d.targets.rounded,
                targets_at_most = d.targets.at_most,
                places = d.places.rounded,
                places_at_most = d.places.at_most,
                officers = d.officers,
                each = each,
                capacity = capacity(d.capacity)
            ));
        }
        t.push('\n');
    }
    t.push('\n');
    t.push_str(&t!(
        "plan-check-findings",
        problems = r.problems,
        warnings = r.warnings
    ));
    for f in &r.findings {
        let kind = serde_json::to_value(f.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        t.push_str("\n  ");
        let message = finding_text(f);
        t.push_str(&match f.severity {
            Severity::Problem => t!("plan-check-problem", kind = kind, message = message),
            Severity::Warning => t!("plan-check-warning", kind = kind, message = message),
        });
    }
    if r.ok() {
        t.push('\n');
        t.push_str(&t!("plan-check-ok"));
    }
    // Otherwise the verdict is the failure's message (standard error).
    t
}

/// A finding in the CLI's language, from its catalogue message
/// (`locales/*/plan-findings.ftl`); the library's English when it has none.
fn finding_text(f: &crate::plan::Finding) -> String {
    if f.text.key.is_empty() || !super::i18n::has(super::i18n::lang(), f.text.key) {
        return f.message.clone();
    }
    let mut args = fluent_bundle::FluentArgs::new();
    for (k, v) in &f.text.args {
        args.set(*k, v.clone());
    }
    super::i18n::message(f.text.key, Some(&args))
}

#[cfg(test)]
mod findings_tests {
    use crate::cli::i18n::{Lang, has, message_in};

    /// Every `FindingText::new("key", &[("arg", …), …])` of the plan check,
    /// scanned from its sources: (key, argument names).
    fn texts() -> Vec<(String, Vec<String>)> {
        let sources = [
            include_str!("../plan/check.rs"),
            include_str!("../plan/departments.rs"),
        ];
        let mut out = Vec::new();
        for src in sources {
            for piece in src.split("FindingText::new(").skip(1) {
                let Some((key, rest)) = piece
                    .trim_start()
                    .strip_prefix('"')
                    .and_then(|p| p.split_once('"'))
                else {
                    continue;
                };
                // The arguments: `("name", …)` up to the call's end `],`.
                let body = rest.split("\n            ),").next().unwrap_or(rest);
                let body = body.split(")],").next().unwrap_or(body);
                let flat = body
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .replace("( \"", "(\"");
                let args = flat
                    .split("(\"")
                    .skip(1)
                    .filter_map(|a| a.split_once('"').map(|(n, _)| n.to_string()))
                    .collect();
                out.push((key.to_string(), args));
            }
        }
        out
    }

    #[test]
    fn every_plan_finding_has_a_text_in_both_catalogues_with_its_arguments() {
        let found = texts();
        assert!(found.len() >= 9, "the scan found {found:?}");
        for (key, args) in found {
            for l in [Lang::ZhCn, Lang::En] {
                assert!(has(l, &key), "{key} is not in the {l:?} catalogue");
                let mut a = fluent_bundle::FluentArgs::new();
                for n in &args {
                    a.set(n.clone(), "X");
                }
                let text = message_in(l, &key, Some(&a));
                assert!(
                    !text.contains("{$") && !text.contains("{ $"),
                    "{key} ({l:?}) uses an argument the code does not pass: {text}"
                );
            }
        }
    }
}
