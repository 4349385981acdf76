//! `results record|correct|object|import|publish`, `history import`,
//! `publish`, `status`.

use super::{Cli, EXIT_REJECTED, Failure, Out, calendar, parse_day, parse_instant};
use crate::core::results::{InspectionResult, category};
use crate::io::import::{Issue, read_table};
use crate::store::{
    CampaignState, DrawnCampaign, ResultMode, ResultsFlowError, Workspace, campaign_statuses,
    drawn_campaign,
};
use chrono::{NaiveDate, Utc};
use clap::Subcommand;
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
        /// A holiday file for years after 2026.
        #[arg(long)]
        holidays: Option<PathBuf>,
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
    /// A holiday file for years after 2026.
    #[arg(long)]
    pub holidays: Option<PathBuf>,
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
    match e {
        ResultsFlowError::NotDrawn(_) => Failure::rejected("not_drawn", e.to_string()),
        ResultsFlowError::Store(s) => Failure::from(s),
        e => Failure::rejected("rejected", e.to_string()),
    }
}

fn record(cli: &Cli, out: &Out, a: &RecordArgs, mode: ResultMode) -> Result<(), Failure> {
    let mut ws = Workspace::open(&cli.workspace)?;
    let d = drawn(&ws, &a.id)?;
    let cal = calendar(a.holidays.as_deref())?;
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
        .record(&mut ws, &r, mode, &cal, &at, &cli.actor())
        .map_err(results_failure)?;
    let verb = if mode == ResultMode::New {
        "recorded"
    } else {
        "corrected"
    };
    out.done(
        "dualdraw.result.v1",
        &serde_json::json!({"result": r, "publish_by": due}),
        &format!(
            "{verb} {} {}: {}; publish by {due} (20th working day after {})",
            r.target, r.item, r.result, r.inspected_on
        ),
    )
}

fn import(
    cli: &Cli,
    out: &Out,
    id: &str,
    file: &Path,
    holidays: Option<&Path>,
    now: Option<chrono::DateTime<Utc>>,
) -> Result<(), Failure> {
    let mut ws = Workspace::open(&cli.workspace)?;
    let d = drawn(&ws, id)?;
    let cal = calendar(holidays)?;
    let table =
        read_table(file, None).map_err(|e| Failure::rejected("unreadable", e.to_string()))?;
    let name = file.display().to_string();
    let (rows, mut problems) = crate::io::import::results::parse_table(&table, &name, id);
    let (results, refused) = d.check_rows(&ws, rows, &cal)?;
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
        let _ = write!(
            message,
            "{} problem(s); nothing was imported",
            problems.len()
        );
        return Err(Failure {
            code: EXIT_REJECTED,
            json: serde_json::json!({"ok": false, "error": {"kind": "rejected", "message": format!("{} problem(s); nothing was imported", problems.len())}, "problems": problems}),
            message,
        });
    }
    let at = stamp(now);
    ws.store_results(&results, ResultMode::New, &at, &cli.actor())?;
    out.done(
        "dualdraw.results-import.v1",
        &serde_json::json!({"campaign": id, "results": results.len()}),
        &format!("imported {} result(s) for {id}", results.len()),
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
                    format!("{target} is not a target of {id}"),
                ));
            }
            let at = stamp(*now);
            ws.store_objection(id, target, text, &at, &cli.actor())?;
            out.done(
                "dualdraw.objection.v1",
                &serde_json::json!({"campaign": id, "target": target}),
                &format!("objection recorded for {target} in {id}"),
            )
        }
        ResultsCommand::Import {
            id,
            file,
            holidays,
            now,
        } => import(cli, out, id, file, holidays.as_deref(), *now),
        ResultsCommand::Publish { id, out: dir, now } => {
            let mut ws = Workspace::open(&cli.workspace)?;
            let dir = dir
                .clone()
                .unwrap_or_else(|| ws.dir().join("published").join(id));
            let at = stamp(*now);
            let (results, files) =
                crate::io::publish::publish_campaign_results(&mut ws, id, &dir, &at, &cli.actor())
                    .map_err(publish_failure)?;
            let mut t = format!(
                "wrote the results notice of {id} ({} result(s)):\n",
                results.len()
            );
            for f in &files {
                let _ = writeln!(t, "  {}", f.path.display());
            }
            out.done(
                "dualdraw.results-publish.v1",
                &serde_json::json!({"campaign": id, "files": files}),
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
            format!("{name}: needs the columns 统一社会信用代码 (uscc) and 检查日期 (date)"),
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
                "not a date (expected YYYY-MM-DD)",
            )),
        }
    }
    if !problems.is_empty() {
        let mut message: String = problems.iter().map(|p| format!("{p}\n")).collect();
        let _ = write!(
            message,
            "{} problem(s); nothing was imported",
            problems.len()
        );
        return Err(Failure {
            code: EXIT_REJECTED,
            json: serde_json::json!({"ok": false, "error": {"kind": "rejected", "message": "nothing was imported"}, "problems": problems}),
            message,
        });
    }
    let at = stamp(*now);
    ws.store_history(&rows, &name, &at, &cli.actor())?;
    out.done(
        "dualdraw.history-import.v1",
        &serde_json::json!({"rows": rows.len()}),
        &format!("loaded {} earlier inspection(s) from {name}", rows.len()),
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
    let mut t = format!(
        "wrote the notice of {id} ({} target(s)) to {}:\n",
        rows.len(),
        dir.display()
    );
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
    t.push_str("Timing is your choice: the announcement was public before the draw; publish this list now, or after the visits so that targets are not warned (the proof shows nothing changed in between).\n");
    out.done(
        "dualdraw.publish.v1",
        &serde_json::json!({"campaign": id, "dir": dir, "files": files}),
        &t,
    )
}

pub(super) fn status(
    cli: &Cli,
    out: &Out,
    today: NaiveDate,
    holidays: Option<&Path>,
) -> Result<(), Failure> {
    let ws = Workspace::open(&cli.workspace)?;
    let cal = calendar(holidays)?;
    let statuses = campaign_statuses(&ws, &cal, today, &|id| ws.unpublished_results(id))?;
    let mut rows = Vec::new();
    let mut t = format!("status on {today}\n");
    for s in statuses {
        let id = &s.id;
        let mut entry = serde_json::json!({"id": id, "state": s.state});
        let _ = write!(
            t,
            "{id}: {}",
            match s.state {
                CampaignState::Announced => "announced",
                CampaignState::Drawn => "drawn",
                CampaignState::Voided => "voided",
            }
        );
        if let Some(d) = s.drawn {
            let due = |v: &[crate::store::ResultDue]| -> Vec<serde_json::Value> {
                v.iter()
                    .map(|o| serde_json::json!({"target": o.target, "item": o.item, "due": o.due}))
                    .collect()
            };
            let (overdue, due_soon) = (due(&d.deadlines.overdue), due(&d.deadlines.due_soon));
            let unknown: Vec<serde_json::Value> = d
                .deadlines
                .unknown
                .iter()
                .map(|u| serde_json::json!({"target": u.target, "item": u.item, "why": u.why}))
                .collect();
            for u in &d.deadlines.unknown {
                let _ = write!(
                    t,
                    "\n  due date unknown for {} {}: {}",
                    u.target, u.item, u.why
                );
            }
            let _ = write!(
                t,
                ", {} target(s), {} with results, list {}, results {}; {} overdue, {} due within 5 working days",
                d.targets,
                d.with_results,
                if d.list_published {
                    "published"
                } else {
                    "not published"
                },
                if d.results_published {
                    "published"
                } else {
                    "not published"
                },
                overdue.len(),
                due_soon.len()
            );
            // Visit dates (docs/SCHEDULE.md §16).
            entry["schedule"] = match &d.schedule {
                None => {
                    t.push_str("; visits not scheduled");
                    serde_json::Value::Null
                }
                Some(sc) => {
                    let moves = sc.reschedules;
                    let _ = write!(
                        t,
                        "; visits scheduled ({}{}{})",
                        sc.key,
                        if moves > 0 {
                            format!(", {moves} move(s)")
                        } else {
                            String::new()
                        },
                        if sc.revealed { ", revealed" } else { "" }
                    );
                    serde_json::json!({"key": sc.key, "reschedules": moves, "revealed": sc.revealed})
                }
            };
            for o in &d.deadlines.overdue {
                let _ = write!(t, "\n  OVERDUE {} {} (due {})", o.target, o.item, o.due);
            }
            for o in &d.deadlines.due_soon {
                let _ = write!(t, "\n  due soon {} {} (due {})", o.target, o.item, o.due);
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
        }
        t.push('\n');
        rows.push(entry);
    }
    if rows.is_empty() {
        t.push_str("no campaigns yet\n");
    }
    out.done(
        "dualdraw.status.v1",
        &serde_json::json!({"today": today, "campaigns": rows}),
        &t,
    )
}
