//! `schedule`: visit dates for drawn teams (`docs/SCHEDULE.md`), their
//! calendar files, moving one visit, and revealing the secrets afterwards.

use super::calendar::{CalendarArgs, missing_year_failure, msg_schedule_provisional};
use super::i18n::t;
use super::{Cli, Failure, Out, parse_day, parse_instant};
use crate::core::campaign::instant_text;
use crate::io::leave::parse_leave;
use crate::io::schedule_files::write_files;
use crate::schedule::{Change, DEFAULT_MAX_VISITS_PER_OFFICER_PER_DAY, Schedule, ScheduleError};
use crate::store::{ScheduleFlowError, ScheduleRecord, ScheduleStoreError, Workspace};
use chrono::{DateTime, NaiveDate, Utc};
use clap::{Args, Subcommand};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// `schedule` arguments: date the visits of drawn campaigns, or a subcommand.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ScheduleArgs {
    /// `move` or `reveal` (default: make the schedule).
    #[command(subcommand)]
    pub command: Option<ScheduleCommand>,
    /// What to schedule.
    #[command(flatten)]
    pub make: MakeArgs,
}

/// Making a schedule.
#[derive(Debug, Args)]
pub struct MakeArgs {
    /// Campaign id(s); the targets of a coordination group's campaigns given
    /// together get one joint visit.
    pub ids: Vec<String>,
    /// Folder for the calendar files (default: WORKSPACE/schedules/ID/).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Officers' leave (CSV or .xlsx: 执法证号, 开始日期, 结束日期).
    #[arg(long)]
    pub leave: Option<PathBuf>,
    /// At most this many visits per officer a day.
    #[arg(long, default_value_t = DEFAULT_MAX_VISITS_PER_OFFICER_PER_DAY)]
    pub per_day: u32,
    /// Holiday file, assumed years (the workspace's calendar otherwise, docs/CALENDAR.md).
    #[command(flatten)]
    pub calendar: CalendarArgs,
    /// The time recorded in the ledger and the calendar files (default: now).
    #[arg(long, value_parser = parse_instant)]
    pub now: Option<DateTime<Utc>>,
}

/// `schedule` subcommands.
#[derive(Debug, Subcommand)]
pub enum ScheduleCommand {
    /// Move one visit (an officer falls ill, the target is closed that day), moving as little else as possible.
    Move {
        /// Campaign id(s), as scheduled.
        #[arg(required = true)]
        ids: Vec<String>,
        /// The visit (the target's USCC).
        #[arg(long)]
        visit: Option<String>,
        /// The visit must not be on this day.
        #[arg(long, value_parser = parse_day, requires = "visit")]
        not_on: Option<NaiveDate>,
        /// An officer's new leave: OFFICER=YYYY-MM-DD[,YYYY-MM-DD…].
        #[arg(long)]
        officer_leave: Option<String>,
        /// Why (recorded in the ledger).
        #[arg(long)]
        reason: String,
        /// Folder for the calendar files (default: WORKSPACE/schedules/ID/).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Holiday file, assumed years (the workspace's calendar otherwise, docs/CALENDAR.md).
        #[command(flatten)]
        calendar: CalendarArgs,
        /// The time recorded in the ledger (default: now).
        #[arg(long, value_parser = parse_instant)]
        now: Option<DateTime<Utc>>,
    },
    /// After the visits: reveal the schedule secrets and the dates (a ledger entry anyone can check).
    Reveal {
        /// Campaign id(s), as scheduled.
        #[arg(required = true)]
        ids: Vec<String>,
        /// The time recorded in the ledger (default: now).
        #[arg(long, value_parser = parse_instant)]
        now: Option<DateTime<Utc>>,
    },
}

fn flow_fail(e: ScheduleFlowError) -> Failure {
    flow_fail_of("schedule", e)
}

/// [`flow_fail`] for `command`: a year the calendar does not know is named
/// with the way to load it.
fn flow_fail_of(command: &str, e: ScheduleFlowError) -> Failure {
    match e {
        ScheduleFlowError::Store(s) | ScheduleFlowError::Inputs(ScheduleStoreError::Store(s)) => {
            Failure::from(s)
        }
        ScheduleFlowError::Inputs(ScheduleStoreError::Calendar(c)) => {
            missing_year_failure("calendar", command, "", &c)
        }
        ScheduleFlowError::Schedule(e) => {
            let kind = match e {
                ScheduleError::Infeasible(_) => "infeasible",
                ScheduleError::NotFound(_) => "not_found",
                _ => "rejected",
            };
            Failure::rejected(kind, super::office_texts::schedule_error(&e))
        }
        ScheduleFlowError::NotScheduled(id) => {
            Failure::rejected("not_scheduled", t!("schedule-not-scheduled", id = id))
        }
        ScheduleFlowError::Revealed(id) => {
            Failure::rejected("revealed", t!("schedule-already-revealed", id = id))
        }
        ScheduleFlowError::TooEarly { key, last } => Failure::rejected(
            "too_early",
            t!("schedule-too-early", key = key, last = last.to_string()),
        ),
        other => Failure::rejected("rejected", other.to_string()),
    }
}

impl From<ScheduleFlowError> for Failure {
    fn from(e: ScheduleFlowError) -> Self {
        flow_fail(e)
    }
}

/// A failure of `schedule move` (its errors name that command).
struct MoveFailure(Failure);

impl From<ScheduleFlowError> for MoveFailure {
    fn from(e: ScheduleFlowError) -> Self {
        MoveFailure(flow_fail_of("schedule move", e))
    }
}

fn write(
    dir: &Path,
    s: &Schedule,
    labels: &crate::schedule::Labels,
    at: DateTime<Utc>,
) -> Result<Vec<PathBuf>, Failure> {
    write_files(dir, s, labels, at).map_err(|(p, e)| {
        Failure::rejected("io", t!("schedule-file-error", file = p.display(), why = e))
    })
}

fn summary(s: &Schedule) -> (usize, usize, usize) {
    let by_day = s.by_day();
    let busiest = by_day.values().map(Vec::len).max().unwrap_or(0);
    let officer_max = s
        .by_officer()
        .values()
        .map(|v| {
            let mut per: std::collections::BTreeMap<NaiveDate, usize> = Default::default();
            for (d, _) in v {
                *per.entry(*d).or_default() += 1;
            }
            per.values().copied().max().unwrap_or(0)
        })
        .max()
        .unwrap_or(0);
    (by_day.len(), busiest, officer_max)
}

/// Runs `schedule`.
pub(crate) fn run(cli: &Cli, out: &Out, a: &ScheduleArgs) -> Result<(), Failure> {
    match &a.command {
        None => make(cli, out, &a.make),
        Some(ScheduleCommand::Move {
            ids,
            visit,
            not_on,
            officer_leave,
            reason,
            out: dir,
            calendar,
            now,
        }) => move_visit(
            cli,
            out,
            ids,
            visit.as_deref(),
            *not_on,
            officer_leave.as_deref(),
            reason,
            dir.as_deref(),
            calendar,
            *now,
        ),
        Some(ScheduleCommand::Reveal { ids, now }) => reveal(cli, out, ids, *now),
    }
}

fn default_dir(ws: &Workspace, key: &str) -> PathBuf {
    ws.dir().join("schedules").join(key)
}

/// A schedule of exactly these campaigns that is recorded but whose files
/// are not all in place (a run killed between the commit and the files):
/// the files are written again from the record, stamped with the recorded
/// time, so that they are the ones the uninterrupted run would have written.
/// `None` when there is nothing to complete (no record, or every file there).
fn complete_interrupted(
    ws: &Workspace,
    out: &Out,
    a: &MakeArgs,
    cal: &crate::core::calendar::Calendar,
) -> Result<Option<Result<(), Failure>>, Failure> {
    let Some(rec) = ws.schedule_record(&a.ids)? else {
        return Ok(None);
    };
    let key = ScheduleRecord::key_of(&rec.campaigns);
    // Only the same request completes: the recorded daily limit, and the
    // default folder or an `--out` folder the interrupted run had made.
    if rec.problem.max_visits_per_officer_per_day != a.per_day {
        return Ok(None);
    }
    if a.out.as_ref().is_some_and(|d| !d.is_dir()) {
        return Ok(None);
    }
    let dir = a.out.clone().unwrap_or_else(|| default_dir(ws, &key));
    let Some(at) = ws
        .ledger()?
        .into_iter()
        .rfind(|e| e.campaign == key && (e.kind == "schedule" || e.kind == "reschedule"))
        .and_then(|e| parse_instant(&e.at).ok())
    else {
        return Ok(None);
    };
    let inputs = ws
        .schedule_inputs(&rec.campaigns, cal, a.per_day)
        .map_err(|e| flow_fail(ScheduleFlowError::Inputs(e)))?;
    let schedule = rec.schedule()?;
    let set = crate::io::schedule_files::file_set(&schedule, &inputs.labels, at);
    if set
        .iter()
        .all(|(rel, bytes)| std::fs::read(dir.join(rel)).ok().as_deref() == Some(bytes))
    {
        return Ok(None);
    }
    let files = write(&dir, &schedule, &inputs.labels, at)?;
    Ok(Some(out.done(
        "dualdraw.schedule.v1",
        &serde_json::json!({"campaigns": rec.campaigns, "visits": rec.dates.len(),
            "dates_sha256": rec.dates_sha256(), "dir": dir, "files": files, "completed": true}),
        &t!(
            "schedule-completed",
            key = key,
            files = files.len(),
            dir = dir.display()
        ),
    )))
}

fn make(cli: &Cli, out: &Out, a: &MakeArgs) -> Result<(), Failure> {
    if a.ids.is_empty() {
        return Err(Failure::usage(t!("schedule-name-campaigns")));
    }
    let mut ws = Workspace::open(&cli.workspace)?;
    let loaded = super::calendar::load(cli, &mut ws, &a.calendar, "schedule", a.now)?;
    let cal = loaded.cal.clone();
    let leave = match &a.leave {
        None => Default::default(),
        Some(f) => {
            let table = crate::io::import::read_table(f, None)
                .map_err(|e| super::import_reasons::import_failure(&e))?;
            let known = ws.officers_of(&a.ids)?;
            parse_leave(&table, &f.display().to_string(), &known).map_err(|issues| {
                let lines: Vec<String> = issues.iter().map(ToString::to_string).collect();
                Failure::rejected(
                    "rejected",
                    t!(
                        "schedule-bad-leave",
                        count = issues.len(),
                        lines = lines.join("\n")
                    ),
                )
            })?
        }
    };
    if let Some(done) = complete_interrupted(&ws, out, a, &cal)? {
        return done;
    }
    let at = a.now.unwrap_or_else(crate::cli::now);
    let made = ws
        .make_schedule(
            &a.ids,
            &cal,
            a.per_day,
            leave,
            &instant_text(&at),
            &cli.actor(),
        )
        .map_err(flow_fail)?;
    let key = ScheduleRecord::key_of(&made.inputs.campaigns);
    let dir = a.out.clone().unwrap_or_else(|| default_dir(&ws, &key));
    let files = write(&dir, &made.schedule, &made.inputs.labels, at)?;
    let (days_used, busiest, officer_max) = summary(&made.schedule);
    let days = made.schedule.problem().days.len();
    let mut provisional_years: Vec<i32> = made
        .schedule
        .problem()
        .days
        .iter()
        .map(chrono::Datelike::year)
        .filter(|y| cal.is_assumed(*y))
        .collect();
    provisional_years.dedup();
    let mut t = t!(
        "schedule-made",
        key = key,
        visits = made.record.dates.len(),
        joint = made.inputs.joint_visits,
        days_used = days_used,
        days = days,
        start = made.inputs.period.start,
        end = made.inputs.period.end,
        busiest = busiest,
        officer_max = officer_max,
        per_day = a.per_day,
        campaigns = made.inputs.campaigns.join(" "),
        dir = dir.display(),
        calendars = files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "ics"))
            .count()
    );
    if !provisional_years.is_empty() {
        let _ = write!(t, "\n{}", msg_schedule_provisional(&provisional_years));
    }
    t.push_str(&loaded.notes());
    out.done(
        "dualdraw.schedule.v1",
        &serde_json::json!({"campaigns": made.inputs.campaigns, "visits": made.record.dates.len(),
            "joint_visits": made.inputs.joint_visits, "working_days": days, "days_used": days_used,
            "busiest_day": busiest, "officer_max_per_day": officer_max, "dates_sha256": made.record.dates_sha256(),
            "provisional_years": provisional_years, "dir": dir, "files": files}),
        &t,
    )
}

#[allow(clippy::too_many_arguments)]
fn move_visit(
    cli: &Cli,
    out: &Out,
    ids: &[String],
    visit: Option<&str>,
    not_on: Option<NaiveDate>,
    officer_leave: Option<&str>,
    reason: &str,
    dir: Option<&Path>,
    calendar: &CalendarArgs,
    now: Option<DateTime<Utc>>,
) -> Result<(), Failure> {
    let change = match (visit, not_on, officer_leave) {
        (Some(v), Some(d), None) => Change::NotOn {
            visit: v.to_string(),
            date: d,
        },
        (_, None, Some(spec)) => {
            let (officer, days) = spec.split_once('=').ok_or_else(|| {
                Failure::usage(t!("schedule-bad-officer-leave", spec = format!("{spec:?}")))
            })?;
            let days = days
                .split(',')
                .map(|d| parse_day(d.trim()).map_err(Failure::usage))
                .collect::<Result<Vec<_>, _>>()?;
            Change::Leave {
                officer: officer.trim().to_string(),
                days: days.into_iter().collect(),
            }
        }
        _ => {
            return Err(Failure::usage(t!("schedule-say-what-changed")));
        }
    };
    let mut ws = Workspace::open(&cli.workspace)?;
    let loaded = super::calendar::load(cli, &mut ws, calendar, "schedule move", now)?;
    let cal = loaded.cal.clone();
    let at = now.unwrap_or_else(crate::cli::now);
    let key = ScheduleRecord::key_of(ids);
    let dir = dir
        .map(Path::to_path_buf)
        .unwrap_or_else(|| default_dir(&ws, &key));
    // The files are written before the change commits, under its write
    // lock: a move run at the same moment waits, and the files left are
    // those of the last change recorded.
    let (m, files) = ws
        .move_visit_with(
            ids,
            &cal,
            &change,
            reason,
            &instant_text(&at),
            &cli.actor(),
            |m| write(&dir, &m.schedule, &m.labels, at).map_err(MoveFailure),
        )
        .map_err(|MoveFailure(f)| f)?;
    let k = m.record.reschedules;
    let mut t = t!(
        "schedule-moved",
        seq = k,
        key = key,
        reason = reason,
        count = m.moved.len()
    );
    for x in &m.moved {
        let _ = write!(
            t,
            "\n{}",
            t!(
                "schedule-moved-visit",
                visit = x.visit,
                from = x.from,
                to = x.to
            )
        );
    }
    let _ = write!(
        t,
        "\n{}",
        t!("schedule-files-rewritten", dir = dir.display())
    );
    t.push_str(&loaded.notes());
    out.done(
        "dualdraw.reschedule.v1",
        &serde_json::json!({"campaigns": m.record.campaigns, "seq": k,
            "moved": m.moved.iter().map(|x| serde_json::json!({"visit": x.visit, "from": x.from, "to": x.to})).collect::<Vec<_>>(),
            "dates_sha256": m.record.dates_sha256(), "files": files}),
        &t,
    )
}

fn reveal(cli: &Cli, out: &Out, ids: &[String], now: Option<DateTime<Utc>>) -> Result<(), Failure> {
    let mut ws = Workspace::open(&cli.workspace)?;
    let at = now.unwrap_or_else(crate::cli::now);
    let record = ws
        .reveal_schedule(ids, &instant_text(&at), &cli.actor())
        .map_err(flow_fail)?;
    out.done(
        "dualdraw.schedule-reveal.v1",
        &serde_json::json!({"campaigns": record.campaigns, "visits": record.dates.len(), "dates_sha256": record.dates_sha256()}),
        &t!(
            "schedule-revealed",
            visits = record.dates.len(),
            campaigns = record.campaigns.join(" + ")
        ),
    )
}
