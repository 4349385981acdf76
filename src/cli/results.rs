//! `results record|correct|object|import|form|publish`, `history import`.

mod form;

use super::calendar::{CalendarArgs, missing_year_failure};
use super::i18n::t;
use super::publish::publish_failure;
use super::stamp;
use super::{Cli, EXIT_REJECTED, Failure, Out, parse_day, parse_instant};
use crate::core::results::{InspectionResult, category};
use crate::io::import::{Issue, read_table};
use crate::store::{DrawnCampaign, ResultMode, ResultsFlowError, Workspace, drawn_campaign};
use chrono::{NaiveDate, Utc};
use clap::Subcommand;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

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
    /// Write the results form (.xlsx) of a drawn campaign to fill in: one row per target and item, with the visit date and team; give it back to `results import`.
    Form {
        /// Campaign id.
        id: String,
        /// Output file (default: ID-检查结果.xlsx); an existing file is never replaced.
        #[arg(long)]
        out: Option<PathBuf>,
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
        ResultsFlowError::NotDrawn(id) => {
            Failure::rejected("not_drawn", t!("results-not-drawn", id = id))
        }
        ResultsFlowError::Store(s) => Failure::from(s),
        ResultsFlowError::Rejected(r) => {
            Failure::rejected("rejected", super::office_texts::result_error(&r))
        }
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
    let table = read_table(file, None).map_err(|e| super::import_reasons::import_failure(&e))?;
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
    problems.extend(refused.into_iter().map(|p| Issue {
        code: p.why.code(),
        ..Issue::new(
            &name,
            p.line,
            None,
            &p.target,
            super::office_texts::row_problem(&p),
        )
    }));
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
        ResultsCommand::Form { id, out: path } => form::form(cli, out, id, path),
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
    let table = read_table(file, None).map_err(|e| super::import_reasons::import_failure(&e))?;
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
            (Err(e), _) => problems.push(Issue::of(
                &name,
                *line,
                Some(uc + 1),
                u,
                crate::io::import::reasons::Reason::Uscc(&e),
            )),
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
