//! `results record|correct|object|import|publish`, `history import`,
//! `publish`, `status`.

use super::calendar::{CalendarArgs, missing_year_failure};
use super::i18n::{Num, t};
use super::{Cli, EXIT_REJECTED, Failure, Out, parse_day, parse_instant};
use crate::core::results::{InspectionResult, category};
use crate::io::import::{Issue, read_table};
use crate::store::{
    CampaignState, DrawnCampaign, DueBasis, ResultMode, ResultsFlowError, Tally, TargetDeadline,
    TargetState, Workspace, campaign_statuses, drawn_campaign,
};
use chrono::{NaiveDate, Utc};
use clap::Subcommand;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn stamp(now: Option<chrono::DateTime<Utc>>) -> String {
    crate::core::campaign::instant_text(&now.unwrap_or_else(crate::cli::now))
}

/// `results` subcommands.
#[derive(Debug, Subcommand)]
pub enum ResultsCommand {
    /// Record the result of one target and item.
    Record(RecordArgs),
    /// Correct (更正) a recorded result; the correction is a ledger entry.
    Correct(RecordArgs),
    /// Record an objection (异议) to a target's result.
    Object {
        /// Campaign id.
        id: String,
        /// Target USCC.
        #[arg(long)]
        target: String,
        /// The objection's text.
        #[arg(long)]
        text: String,
        /// The time recorded in the ledger (default: now), e.g. 2026-03-20T09:00:00+08:00.
        #[arg(long, value_parser = parse_instant)]
        now: Option<chrono::DateTime<Utc>>,
    },
    /// Import results from CSV or .xlsx (columns: 统一社会信用代码, 事项编码, 检查结果, 检查日期, 执法证号); all or nothing.
    Import {
        /// Campaign id.
        id: String,
        /// The file.
        file: PathBuf,
        /// Holiday file, assumed years (the workspace's calendar otherwise).
        #[command(flatten)]
        calendar: CalendarArgs,
        /// The time recorded in the ledger (default: now), e.g. 2026-03-20T09:00:00+08:00.
        #[arg(long, value_parser = parse_instant)]
        now: Option<chrono::DateTime<Utc>>,
    },
    /// Write the results notice (CSV, .xlsx, JSON, HTML).
    Publish {
        /// Campaign id.
        id: String,
        /// Folder (default: WORKSPACE/published/ID/).
        #[arg(long)]
        out: Option<PathBuf>,
        /// The time recorded in the ledger (default: now), e.g. 2026-03-20T09:00:00+08:00.
        #[arg(long, value_parser = parse_instant)]
        now: Option<chrono::DateTime<Utc>>,
    },
}

/// Arguments of `results record` and `results correct`.
#[derive(Debug, clap::Args)]
pub struct RecordArgs {
    /// Campaign id.
    pub id: String,
    /// Target USCC.
    #[arg(long)]
    pub target: String,
    /// Item code.
    #[arg(long)]
    pub item: String,
    /// Result category, e.g. 未发现问题.
    #[arg(long)]
    pub result: String,
    /// The day the inspection ended.
    #[arg(long, value_parser = parse_day)]
    pub date: NaiveDate,
    /// Officers who inspected (certificate numbers, comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub officers: Vec<String>,
    /// A note.
    #[arg(long, default_value = "")]
    pub note: String,
    /// Holiday file, assumed years (the workspace's calendar otherwise).
    #[command(flatten)]
    pub calendar: CalendarArgs,
    /// The time recorded in the ledger (default: now).
    #[arg(long, value_parser = parse_instant)]
    pub now: Option<chrono::DateTime<Utc>>,
}

/// `history` subcommands.
#[derive(Debug, Subcommand)]
pub enum HistoryCommand {
    /// Load inspections made before dualdraw was used (columns: 统一社会信用代码, 检查日期).
    Import {
        /// CSV or .xlsx file.
        file: PathBuf,
        /// The time recorded in the ledger (default: now), e.g. 2026-03-20T09:00:00+08:00.
        #[arg(long, value_parser = parse_instant)]
        now: Option<chrono::DateTime<Utc>>,
    },
}

fn drawn(ws: &Workspace, id: &str) -> Result<DrawnCampaign, Failure> {
    drawn_campaign(ws, id).map_err(results_failure)
}

fn results_failure(e: ResultsFlowError) -> Failure {
    results_failure_of("", e)
}

/// [`results_failure`] for `command`: a year the calendar does not know is
/// named with the way to load it.
fn results_failure_of(command: &str, e: ResultsFlowError) -> Failure {
    match e {
        ResultsFlowError::Rejected(crate::core::results::ResultError::Calendar(c)) => {
            missing_year_failure("rejected", command, "", &c)
        }
        ResultsFlowError::NotDrawn(_) => Failure::rejected("not_drawn", e.to_string()),
        ResultsFlowError::Store(s) => Failure::from(s),
        e => Failure::rejected("rejected", e.to_string()),
    }
}

fn record(cli: &Cli, out: &Out, a: &RecordArgs, mode: ResultMode) -> Result<(), Failure> {
    let command = if mode == ResultMode::New {
        "results record"
    } else {
        "results correct"
    };
    let mut ws = Workspace::open(&cli.workspace)?;
    let d = drawn(&ws, &a.id)?;
    let loaded = super::calendar::load(cli, &mut ws, &a.calendar, command, a.now)?;
    let cal = &loaded.cal;
    let r = InspectionResult {
        campaign: a.id.clone(),
        target: a.target.trim().to_ascii_uppercase(),
        item: a.item.trim().to_string(),
        result: category(&a.result)
            .map(str::to_string)
            .unwrap_or_else(|| a.result.clone()),
        inspected_on: a.date,
        officers: a
            .officers
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        note: a.note.clone(),
    };
    let at = stamp(a.now);
    let due = d
        .record(&mut ws, &r, mode, cal, &at, &cli.actor())
        .map_err(|e| results_failure_of(command, e))?;
    let provisional = cal
        .results_due_marked(r.inspected_on)
        .is_ok_and(|d| d.provisional);
    out.done(
        "dualdraw.result.v1",
        &serde_json::json!({"result": r, "publish_by": due, "publish_by_provisional": provisional}),
        &t!(
            "results-recorded",
            mode = if mode == ResultMode::New {
                "new"
            } else {
                "correction"
            },
            target = r.target,
            item = r.item,
            result = r.result,
            due = due,
            mark = if provisional {
                super::calendar::msg_provisional_mark()
            } else {
                String::new()
            },
            date = r.inspected_on,
            notes = loaded.notes()
        ),
    )
}

fn import(
    cli: &Cli,
    out: &Out,
    id: &str,
    file: &Path,
    calendar: &CalendarArgs,
    now: Option<chrono::DateTime<Utc>>,
) -> Result<(), Failure> {
    let mut ws = Workspace::open(&cli.workspace)?;
    let d = drawn(&ws, id)?;
    let loaded = super::calendar::load(cli, &mut ws, calendar, "results import", now)?;
    let cal = &loaded.cal;
    let table =
        read_table(file, None).map_err(|e| Failure::rejected("unreadable", e.to_string()))?;
    let name = file.display().to_string();
    let (rows, mut problems) = crate::io::import::results::parse_table(&table, &name, id);
    // A year the calendar does not know stops the import once, with the way
    // to load it, rather than once per row.
    let mut missing: Option<(crate::core::calendar::CalendarError, Vec<u64>)> = None;
    for (line, r) in &rows {
        if let Err(e @ crate::core::calendar::CalendarError::UnknownYear { .. }) =
            cal.results_due(r.inspected_on)
        {
            missing.get_or_insert_with(|| (e, Vec::new())).1.push(*line);
        }
    }
    if let Some((e, lines)) = missing {
        let lines: Vec<String> = lines.iter().map(u64::to_string).collect();
        return Err(missing_year_failure(
            "rejected",
            "results import",
            &t!(
                "results-lines-context",
                file = name,
                lines = lines.join(", ")
            ),
            &e,
        ));
    }
    let (results, refused) = d.check_rows(&ws, rows, cal)?;
    problems.extend(
        refused
            .into_iter()
            .map(|p| Issue::new(&name, p.line, None, &p.target, p.message)),
    );
    problems.sort_by_key(|p| p.line);
    if !problems.is_empty() {
        let mut message = String::new();
        for p in &problems {
            let _ = writeln!(message, "{p}");
        }
        let headline = t!("results-rejected", count = problems.len());
        message.push_str(&headline);
        return Err(Failure {
            code: EXIT_REJECTED,
            json: serde_json::json!({"ok": false, "error": {"kind": "rejected", "message": headline}, "problems": problems}),
            message,
        });
    }
    let at = stamp(now);
    ws.store_results(&results, ResultMode::New, &at, &cli.actor())?;
    let provisional = results
        .iter()
        .filter(|r| {
            cal.results_due_marked(r.inspected_on)
                .is_ok_and(|d| d.provisional)
        })
        .count();
    out.done(
        "dualdraw.results-import.v1",
        &serde_json::json!({"campaign": id, "results": results.len(), "provisional": provisional}),
        &t!(
            "results-imported",
            count = results.len(),
            campaign = id,
            provisional = if provisional > 0 {
                super::calendar::msg_import_provisional(provisional)
            } else {
                String::new()
            },
            notes = loaded.notes()
        ),
    )
}

pub(super) fn dispatch(cli: &Cli, out: &Out, c: &ResultsCommand) -> Result<(), Failure> {
    match c {
        ResultsCommand::Record(a) => record(cli, out, a, ResultMode::New),
        ResultsCommand::Correct(a) => record(cli, out, a, ResultMode::Correction),
        ResultsCommand::Object {
            id,
            target,
            text,
            now,
        } => {
            let mut ws = Workspace::open(&cli.workspace)?;
            let d = drawn(&ws, id)?;
            if !d.is_target(target) {
                return Err(Failure::rejected(
                    "rejected",
                    t!("results-not-a-target", target = target, campaign = id),
                ));
            }
            let at = stamp(*now);
            ws.store_objection(id, target, text, &at, &cli.actor())?;
            out.done(
                "dualdraw.objection.v1",
                &serde_json::json!({"campaign": id, "target": target}),
                &t!("results-objection-recorded", target = target, campaign = id),
            )
        }
        ResultsCommand::Import {
            id,
            file,
            calendar,
            now,
        } => import(cli, out, id, file, calendar, *now),
        ResultsCommand::Publish { id, out: dir, now } => {
            let mut ws = Workspace::open(&cli.workspace)?;
            let dir = dir
                .clone()
                .unwrap_or_else(|| ws.dir().join("published").join(id));
            let at = stamp(*now);
            let (results, files) =
                crate::io::publish::publish_campaign_results(&mut ws, id, &dir, &at, &cli.actor())
                    .map_err(publish_failure)?;
            let mut t = t!(
                "results-notice-written",
                campaign = id,
                count = results.len()
            );
            t.push('\n');
            for f in &files {
                let _ = writeln!(t, "  {}", f.path.display());
            }
            let sigs = super::key::sign_published_noting(&cli.workspace, &files, &mut t)?;
            out.done(
                "dualdraw.results-publish.v1",
                &serde_json::json!({"campaign": id, "files": files, "signatures": sigs}),
                &t,
            )
        }
    }
}

pub(super) fn history(cli: &Cli, out: &Out, c: &HistoryCommand) -> Result<(), Failure> {
    let HistoryCommand::Import { file, now } = c;
    let mut ws = Workspace::open(&cli.workspace)?;
    let table =
        read_table(file, None).map_err(|e| Failure::rejected("unreadable", e.to_string()))?;
    let name = file.display().to_string();
    let norm = |h: &str| crate::io::import::columns::normalize_header(h);
    let col = |names: &[&str]| {
        table
            .headers
            .iter()
            .position(|h| names.iter().any(|n| norm(n) == norm(h)))
    };
    let (Some(uc), Some(dc)) = (
        col(&["uscc", "统一社会信用代码", "社会信用代码"]),
        col(&["date", "检查日期", "检查完成日期"]),
    ) else {
        return Err(Failure::rejected(
            "rejected",
            t!("history-needs-columns", file = name),
        ));
    };
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (line, rec) in &table.rows {
        let u = rec.get(uc).unwrap_or("").trim();
        let dt = rec.get(dc).unwrap_or("").trim();
        match (
            crate::core::uscc::Uscc::accept_legacy(u),
            crate::io::import::parse_date(dt),
        ) {
            (Ok(u), Some(d)) => rows.push((u.to_string(), d)),
            (Err(e), _) => problems.push(Issue::new(&name, *line, Some(uc + 1), u, e.to_string())),
            (_, None) => problems.push(Issue::new(
                &name,
                *line,
                Some(dc + 1),
                dt,
                t!("history-not-a-date"),
            )),
        }
    }
    if !problems.is_empty() {
        let mut message: String = problems.iter().map(|p| format!("{p}\n")).collect();
        message.push_str(&t!("results-rejected", count = problems.len()));
        return Err(Failure {
            code: EXIT_REJECTED,
            json: serde_json::json!({"ok": false, "error": {"kind": "rejected", "message": t!("history-nothing-imported")}, "problems": problems}),
            message,
        });
    }
    let at = stamp(*now);
    ws.store_history(&rows, &name, &at, &cli.actor())?;
    out.done(
        "dualdraw.history-import.v1",
        &serde_json::json!({"rows": rows.len()}),
        &t!("history-loaded", count = rows.len(), file = name),
    )
}

fn publish_failure(e: crate::io::publish::CampaignPublishError) -> Failure {
    use crate::io::publish::CampaignPublishError as E;
    match e {
        E::Store(e) => Failure::from(e),
        E::NotDrawn(_) => Failure::rejected("not_drawn", e.to_string()),
        e => Failure::rejected("io", e.to_string()),
    }
}

pub(super) fn publish(
    cli: &Cli,
    out: &Out,
    id: &str,
    dir: Option<&Path>,
    now: Option<chrono::DateTime<Utc>>,
) -> Result<(), Failure> {
    let mut ws = Workspace::open(&cli.workspace)?;
    let dir = dir
        .map(Path::to_path_buf)
        .unwrap_or_else(|| ws.dir().join("published").join(id));
    let at = stamp(now);
    let (rows, files) = crate::io::publish::publish_campaign(&mut ws, id, &dir, &at, &cli.actor())
        .map_err(publish_failure)?;
    let mut t = t!(
        "publish-written",
        campaign = id,
        count = rows.len(),
        dir = dir.display()
    );
    t.push('\n');
    for f in &files {
        let _ = writeln!(
            t,
            "  {}",
            f.path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default()
        );
    }
    t.push_str(&t!("publish-timing"));
    t.push('\n');
    let sigs = super::key::sign_published_noting(&cli.workspace, &files, &mut t)?;
    out.done(
        "dualdraw.publish.v1",
        &serde_json::json!({"campaign": id, "dir": dir, "files": files, "signatures": sigs}),
        &t,
    )
}

pub(super) fn status(
    cli: &Cli,
    out: &Out,
    today: NaiveDate,
    calendar: &CalendarArgs,
) -> Result<(), Failure> {
    let mut ws = Workspace::open(&cli.workspace)?;
    let loaded = super::calendar::load(cli, &mut ws, calendar, "status", None)?;
    let cal = &loaded.cal;
    let statuses = campaign_statuses(&ws, cal, today, &|id| ws.unpublished_results(id))?;
    let mut rows = Vec::new();
    let mut t = t!("status-heading", today = today);
    t.push('\n');
    let mut totals = Tally::default();
    let mut by_department: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_township: BTreeMap<String, Tally> = BTreeMap::new();
    let mut missing_years: BTreeSet<i32> = BTreeSet::new();
    for s in statuses {
        let id = &s.id;
        let mut entry = serde_json::json!({"id": id, "state": s.state});
        let state = match s.state {
            CampaignState::Announced => "announced",
            CampaignState::Drawn => "drawn",
            CampaignState::Voided => "voided",
        };
        t.push_str(&t!("status-campaign", campaign = id, state = state));
        if let Some(d) = s.drawn {
            let due = |v: &[crate::store::ResultDue]| -> Vec<serde_json::Value> {
                v.iter()
                    .map(|o| serde_json::json!({"target": o.target, "item": o.item, "due": o.due, "provisional": o.provisional}))
                    .collect()
            };
            let (overdue, due_soon) = (due(&d.deadlines.overdue), due(&d.deadlines.due_soon));
            let unknown: Vec<serde_json::Value> = d
                .deadlines
                .unknown
                .iter()
                .map(|u| serde_json::json!({"target": u.target, "item": u.item, "why": u.why, "year": u.year}))
                .collect();
            let tally = d.targets_due.totals;
            let yes = |b: bool| if b { "yes" } else { "no" };
            t.push_str(&t!(
                "status-drawn",
                targets = d.targets,
                with_results = d.with_results,
                list = yes(d.list_published),
                results = yes(d.results_published),
                overdue = tally.overdue,
                due_soon = tally.due_soon
            ));
            // Visit dates (docs/SCHEDULE.md §16).
            entry["schedule"] = match &d.schedule {
                None => {
                    t.push_str(&t!("status-not-scheduled"));
                    serde_json::Value::Null
                }
                Some(sc) => {
                    let moves = sc.reschedules;
                    t.push_str(&t!(
                        "status-scheduled",
                        key = sc.key,
                        moves = Num(moves as u64),
                        revealed = yes(sc.revealed)
                    ));
                    serde_json::json!({"key": sc.key, "reschedules": moves, "revealed": sc.revealed,
                        "visits_on_days_off": sc.visits_on_days_off.iter()
                            .map(|(v, day)| serde_json::json!({"visit": v, "date": day}))
                            .collect::<Vec<_>>(),
                        "provisional_visits": sc.provisional_visits})
                }
            };
            let _ = write!(t, "\n  {}", msg_tally(&t!("status-targets"), &tally));
            for u in &d.deadlines.unknown {
                let _ = write!(
                    t,
                    "\n  {}",
                    t!(
                        "status-due-unknown",
                        target = u.target,
                        item = u.item,
                        why = u.why
                    )
                );
            }
            for o in &d.deadlines.overdue {
                let _ = write!(
                    t,
                    "\n  {}",
                    t!(
                        "status-overdue",
                        target = o.target,
                        item = o.item,
                        due = o.due,
                        mark = mark(o.provisional)
                    )
                );
            }
            for o in &d.deadlines.due_soon {
                let _ = write!(
                    t,
                    "\n  {}",
                    t!(
                        "status-due-soon",
                        target = o.target,
                        item = o.item,
                        due = o.due,
                        mark = mark(o.provisional)
                    )
                );
            }
            // Targets without any result: by their deadline too.
            for x in d.targets_due.targets.iter().filter(|x| x.results == 0) {
                // Unknown ones are counted; how to count them is said once, below.
                let line = match x.state {
                    TargetState::Overdue => {
                        t!(
                            "status-target-overdue",
                            target = x.target,
                            why = msg_no_result(x)
                        )
                    }
                    TargetState::Pending if x.due_soon => {
                        t!(
                            "status-target-due-soon",
                            target = x.target,
                            why = msg_no_result(x)
                        )
                    }
                    _ => continue,
                };
                let _ = write!(t, "\n  {line}");
            }
            if let Some(sc) = &d.schedule {
                for (v, day) in &sc.visits_on_days_off {
                    let _ = write!(t, "\n  {}", msg_visit_on_day_off(&sc.key, v, *day));
                }
            }
            missing_years.extend(d.targets_due.targets.iter().filter_map(|x| x.missing_year));
            missing_years.extend(d.deadlines.unknown.iter().filter_map(|u| u.year));
            totals.merge(&tally);
            for (k, v) in &d.targets_due.by_department {
                by_department.entry(k.clone()).or_default().merge(v);
            }
            for (k, v) in &d.targets_due.by_township {
                by_township.entry(k.clone()).or_default().merge(v);
            }
            entry["targets"] = d.targets.into();
            entry["with_results"] = d.with_results.into();
            entry["results"] = d.results.into();
            entry["list_published"] = d.list_published.into();
            entry["results_published"] = d.results_published.into();
            entry["unpublished_results"] = d.unpublished_results.into();
            entry["due_unknown"] = unknown.into();
            entry["overdue"] = overdue.into();
            entry["due_soon"] = due_soon.into();
            entry["totals"] = serde_json::to_value(tally).unwrap_or_default();
            entry["by_department"] =
                serde_json::to_value(&d.targets_due.by_department).unwrap_or_default();
            entry["by_township"] =
                serde_json::to_value(&d.targets_due.by_township).unwrap_or_default();
            entry["target_deadlines"] =
                serde_json::to_value(&d.targets_due.targets).unwrap_or_default();
        }
        t.push('\n');
        rows.push(entry);
    }
    if rows.is_empty() {
        t.push_str(&t!("status-no-campaigns"));
        t.push('\n');
    }
    if totals.targets > 0 {
        let _ = writeln!(t, "{}", msg_tally(&t!("status-all-targets"), &totals));
        let _ = writeln!(t, "{}", t!("status-by-department"));
        for (k, v) in &by_department {
            let name = if k.is_empty() {
                t!("status-no-department")
            } else {
                k.clone()
            };
            let _ = writeln!(t, "  {}", msg_tally(&name, v));
        }
        let _ = writeln!(t, "{}", t!("status-by-township"));
        for (k, v) in &by_township {
            let _ = writeln!(t, "  {}", msg_tally(k, v));
        }
    }
    if !missing_years.is_empty() {
        let _ = writeln!(
            t,
            "{}",
            super::calendar::msg_status_missing_years(&missing_years)
        );
    }
    t.push_str(loaded.notes().trim_start());
    out.done(
        "dualdraw.status.v1",
        &serde_json::json!({"today": today, "campaigns": rows,
            "totals": totals, "by_department": by_department, "by_township": by_township,
            "calendar": {"official_years": cal.years(), "assumed_years": cal.assumed_years(),
                "missing_years": missing_years}}),
        t.trim_end(),
    )
}

/// The provisional mark after a date, or nothing.
fn mark(provisional: bool) -> String {
    if provisional {
        t!("status-provisional")
    } else {
        String::new()
    }
}

/// A line of totals: `NAME: N target(s): … published, … pending (期限未到), …`.
fn msg_tally(name: &str, t: &Tally) -> String {
    let mut s = t!(
        "status-tally",
        name = name,
        targets = t.targets,
        published = t.published,
        pending = t.pending,
        overdue = t.overdue,
        unknown = t.unknown,
        no_result = t.no_result
    );
    if t.provisional > 0 {
        s.push_str(&t!("status-tally-provisional", count = t.provisional));
    }
    s
}

/// A target without any result, by its deadline.
fn msg_no_result(x: &TargetDeadline) -> String {
    let basis = match (x.due_basis, x.visit) {
        (Some(DueBasis::Visit), Some(v)) => t!("status-basis-visit", visit = v),
        (Some(DueBasis::PeriodEnd), _) => t!("status-basis-period-end"),
        _ => String::new(),
    };
    match (x.due, &x.why) {
        (Some(d), _) => t!(
            "status-no-result-due",
            due = d,
            mark = mark(x.provisional),
            basis = basis
        ),
        (None, Some(why)) => t!("status-no-result-why", why = why),
        (None, None) => t!("status-no-result"),
    }
}

/// A visit on a day that turned out to be a day off.
fn msg_visit_on_day_off(key: &str, visit: &str, day: NaiveDate) -> String {
    t!(
        "status-visit-on-day-off",
        visit = visit,
        date = day,
        command = key.replace('+', " ")
    )
}
