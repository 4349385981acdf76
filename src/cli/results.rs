//! `results record|correct|object|import|publish`, `history import`,
//! `publish`, `status`.

use super::{Cli, EXIT_REJECTED, Failure, Out, calendar, parse_day, parse_instant};
use crate::core::proof::DrawProof;
use crate::core::replace::current_teams;
use crate::core::results::{InspectionResult, category, check};
use crate::io::import::{Issue, read_table};
use crate::store::{CampaignState, ResultMode, Workspace};
use chrono::{NaiveDate, Utc};
use clap::Subcommand;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn stamp(now: Option<chrono::DateTime<Utc>>) -> String {
    crate::core::campaign::instant_text(&now.unwrap_or_else(Utc::now))
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

struct Drawn {
    proof: DrawProof,
    replacements: Vec<crate::core::replace::Replacement>,
    reg: crate::core::registry::Registries,
}

fn drawn(ws: &Workspace, id: &str) -> Result<Drawn, Failure> {
    if ws.campaign_state(id)? != CampaignState::Drawn {
        return Err(Failure::rejected(
            "not_drawn",
            format!("campaign {id} is not drawn"),
        ));
    }
    let proof = ws.draw_proof(id)?;
    let replacements = ws.replacements(id)?;
    let snap = ws.snapshot(proof.announcement.snapshot.id)?;
    let reg = ws.load_kinds(
        &snap,
        &[
            crate::core::registry::RegistryKind::Items,
            crate::core::registry::RegistryKind::Entities,
        ],
    )?;
    Ok(Drawn {
        proof,
        replacements,
        reg,
    })
}

fn items_of(d: &Drawn) -> impl Fn(&str) -> Vec<String> + '_ {
    move |u: &str| {
        if let Some(t) = d.proof.targets.iter().find(|t| t.entity.uscc == u) {
            return t.items.clone();
        }
        let c = &d.proof.announcement.campaign;
        let (Ok(items), Some(e)) = (
            crate::core::sample::campaign_items(&d.reg, c),
            d.reg.entity(u),
        ) else {
            return vec![];
        };
        let cats = crate::core::sample::categories(c, &items).unwrap_or_default();
        crate::core::assign::needs_of(e, c, &items, &cats).items
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
    let due = check(&r, &d.proof, &d.replacements, &items_of(&d), &cal)
        .map_err(|e| Failure::rejected("rejected", e.to_string()))?;
    let at = stamp(a.now);
    ws.store_results(std::slice::from_ref(&r), mode, &at, &cli.actor())?;
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
    let mut results = Vec::new();
    let items = items_of(&d);
    let recorded: std::collections::BTreeSet<(String, String)> = ws
        .results(id)?
        .into_iter()
        .map(|r| (r.target, r.item))
        .collect();
    let mut seen: std::collections::BTreeMap<(String, String), u64> = Default::default();
    for (line, r) in rows {
        if let Err(e) = check(&r, &d.proof, &d.replacements, &items, &cal) {
            problems.push(Issue::new(&name, line, None, &r.target, e.to_string()));
            continue;
        }
        let key = (r.target.clone(), r.item.clone());
        if let Some(first) = seen.get(&key) {
            problems.push(Issue::new(
                &name,
                line,
                None,
                &r.target,
                format!("{} item {} is already on line {first}", r.target, r.item),
            ));
            continue;
        }
        seen.insert(key.clone(), line);
        if recorded.contains(&key) {
            problems.push(Issue::new(
                &name,
                line,
                None,
                &r.target,
                format!(
                    "a result for {} item {} is already recorded: use results correct",
                    r.target, r.item
                ),
            ));
            continue;
        }
        results.push(r);
    }
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
            if !current_teams(&d.proof, &d.replacements)
                .iter()
                .any(|t| &t.0 == target)
            {
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
            let d = drawn(&ws, id)?;
            ws.check_records_against_ledger()?;
            let results = ws.results(id)?;
            let dir = dir
                .clone()
                .unwrap_or_else(|| ws.dir().join("published").join(id));
            let names = |u: &str| d.reg.entity(u).map(|e| e.name.clone()).unwrap_or_default();
            let files = crate::io::publish::publish_results(&dir, &d.proof, &results, &names)
                .map_err(|e| Failure::rejected("io", e.to_string()))?;
            let at = stamp(*now);
            ws.store_publication(
                id,
                "results",
                &crate::io::publish::ledger_files(&files),
                &at,
                &cli.actor(),
            )?;
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
        .map_err(|e| match e {
            crate::io::publish::CampaignPublishError::Store(e) => Failure::from(e),
            crate::io::publish::CampaignPublishError::NotDrawn(_) => {
                Failure::rejected("not_drawn", e.to_string())
            }
            e => Failure::rejected("io", e.to_string()),
        })?;
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
    let mut rows = Vec::new();
    let mut t = format!("status on {today}\n");
    for id in ws.campaign_ids()? {
        let state = ws.campaign_state(&id)?;
        let mut entry = serde_json::json!({"id": id, "state": state});
        let _ = write!(
            t,
            "{id}: {}",
            match state {
                CampaignState::Announced => "announced",
                CampaignState::Drawn => "drawn",
                CampaignState::Voided => "voided",
            }
        );
        if state == CampaignState::Drawn {
            let proof = ws.draw_proof(&id)?;
            let reps = ws.replacements(&id)?;
            let teams = current_teams(&proof, &reps);
            let results = ws.results(&id)?;
            let unpublished = ws.unpublished_results(&id)?;
            let published = ws.published_at(&id, "draw")?;
            let results_published = (!results.is_empty() && unpublished.is_empty()).then_some(());
            let mut overdue = Vec::new();
            let mut due_soon = Vec::new();
            let mut unknown = Vec::new();
            for r in &unpublished {
                let left = cal
                    .results_due(r.inspected_on)
                    .and_then(|due| Ok((due, cal.working_days_between(today, due)?)));
                match left {
                    Ok((due, left)) if left < 0 => overdue.push(serde_json::json!({"target": r.target, "item": r.item, "due": due})),
                    Ok((due, left)) if left <= 5 => due_soon.push(serde_json::json!({"target": r.target, "item": r.item, "due": due})),
                    Ok(_) => {}
                    Err(e) => unknown.push(serde_json::json!({"target": r.target, "item": r.item, "why": e.to_string()})),
                }
            }
            for u in &unknown {
                let _ = write!(
                    t,
                    "\n  due date unknown for {} {}: {}",
                    u["target"].as_str().unwrap_or(""),
                    u["item"].as_str().unwrap_or(""),
                    u["why"].as_str().unwrap_or("")
                );
            }
            let with_result: std::collections::BTreeSet<&str> =
                results.iter().map(|r| r.target.as_str()).collect();
            let _ = write!(
                t,
                ", {} target(s), {} with results, list {}, results {}; {} overdue, {} due within 5 working days",
                teams.len(),
                with_result.len(),
                if published.is_some() {
                    "published"
                } else {
                    "not published"
                },
                if results_published.is_some() {
                    "published"
                } else {
                    "not published"
                },
                overdue.len(),
                due_soon.len()
            );
            let mut sched_text = String::new();
            // Visit dates (docs/SCHEDULE.md §16).
            let schedule = match ws.scheduled_with(std::slice::from_ref(&id))? {
                None => {
                    sched_text.push_str("; visits not scheduled");
                    serde_json::Value::Null
                }
                Some(key) => {
                    let ids: Vec<String> = key.split('+').map(str::to_string).collect();
                    let rec = ws.schedule_record(&ids)?;
                    let revealed = rec.as_ref().is_some_and(|r| r.revealed);
                    let moves = rec.as_ref().map_or(0, |r| r.reschedules);
                    let _ = write!(
                        sched_text,
                        "; visits scheduled ({key}{}{})",
                        if moves > 0 {
                            format!(", {moves} move(s)")
                        } else {
                            String::new()
                        },
                        if revealed { ", revealed" } else { "" }
                    );
                    serde_json::json!({"key": key, "reschedules": moves, "revealed": revealed})
                }
            };
            entry["schedule"] = schedule;
            t.push_str(&sched_text);
            for o in &overdue {
                let _ = write!(
                    t,
                    "\n  OVERDUE {} {} (due {})",
                    o["target"].as_str().unwrap_or(""),
                    o["item"].as_str().unwrap_or(""),
                    o["due"].as_str().unwrap_or("")
                );
            }
            for o in &due_soon {
                let _ = write!(
                    t,
                    "\n  due soon {} {} (due {})",
                    o["target"].as_str().unwrap_or(""),
                    o["item"].as_str().unwrap_or(""),
                    o["due"].as_str().unwrap_or("")
                );
            }
            entry["targets"] = teams.len().into();
            entry["with_results"] = with_result.len().into();
            entry["results"] = results.len().into();
            entry["list_published"] = published.is_some().into();
            entry["results_published"] = results_published.is_some().into();
            entry["unpublished_results"] = unpublished.len().into();
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
