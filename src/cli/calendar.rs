//! `calendar import|list|show` (`docs/CALENDAR.md`), and the working-day
//! calendar every command that counts working days uses: the shipped years,
//! the years stored in the workspace, `--holidays FILE` for one command, and
//! `--assume-weekends YEAR` (recorded in the workspace; every deadline
//! counted through that year is provisional, 暂定).
//!
//! The user-facing texts of calendars are the `msg_*` functions below, one
//! per message.

mod assume;

use super::i18n::t;
use super::{Cli, Failure, Out, parse_instant};
use crate::core::calendar::{Calendar, CalendarError, YearSchedule, parse_schedules};
use crate::core::campaign::instant_text;
use crate::store::{StoredYear, Workspace, YearImport};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use clap::{Args, Subcommand};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The largest holiday file read (a year's schedule is a few hundred bytes).
pub const MAX_HOLIDAY_FILE_BYTES: u64 = 1 << 20;

/// The options of every command that counts working days.
#[derive(Debug, Clone, Default, Args)]
pub struct CalendarArgs {
    /// A holiday file for this command only (the format of `calendar import`, docs/CALENDAR.md); its years
    /// override the workspace's.
    #[arg(long, value_name = "FILE")]
    pub holidays: Option<PathBuf>,
    /// Proceed on weekends only in YEAR while its official holiday schedule is not published: recorded in the
    /// workspace, and every deadline counted through YEAR is provisional (暂定) until `calendar import` (repeatable).
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1900..=9999))]
    pub assume_weekends: Vec<i32>,
}

/// `calendar` subcommands.
#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Store official holiday schedules (days off, make-up working days 调休) from FILE in the workspace
    /// (docs/CALENDAR.md); a year assumed to have weekends only is replaced and its deadlines recomputed.
    Import {
        /// The holiday file (TOML, one table per year).
        file: PathBuf,
        /// Replace a year whose official schedule is known with other days (a corrected notice).
        #[arg(long)]
        replace: bool,
        /// The time recorded in the ledger (default: now).
        #[arg(long, value_parser = parse_instant)]
        now: Option<DateTime<Utc>>,
    },
    /// Count on weekends only every year a campaign's dates need (draw date to 60 days after its period) whose official schedule is not known; years with one are left as they are.
    AssumeWeekends {
        /// The campaign file.
        #[arg(long = "for", value_name = "CAMPAIGN.toml")]
        campaign: PathBuf,
        /// The time recorded in the ledger (default: now).
        #[arg(long, value_parser = parse_instant)]
        now: Option<DateTime<Utc>>,
    },
    /// The years working days can be counted in: shipped, imported, assumed (weekends only).
    List,
    /// One year's days off and make-up working days.
    Show {
        /// The year, e.g. 2027.
        #[arg(value_parser = clap::value_parser!(i32).range(1900..=9999))]
        year: i32,
    },
}

// ---------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------

/// A command needs a year whose schedule is not known.
pub(crate) fn msg_missing_year(command: &str, context: &str, year: i32, known: &str) -> String {
    t!(
        "calendar-missing-year",
        command = command,
        context = context,
        year = year,
        known = known
    )
}

/// `--assume-weekends` for a year whose schedule is known.
pub(crate) fn msg_assume_known_year(command: &str, year: i32, source: &str) -> String {
    t!(
        "calendar-assume-known-year",
        command = command,
        year = year,
        source = source
    )
}

/// A year was assumed to have weekends only by this command.
pub(crate) fn msg_assumed_now(year: i32) -> String {
    t!("calendar-assumed-now", year = year)
}

/// The short mark of a provisional date in a list (also in `--json`
/// output: the same in every language).
const PROVISIONAL_SHORT: &str = " (暂定)";

/// The mark of a provisional date.
pub(crate) fn msg_provisional_mark() -> String {
    t!("calendar-provisional-mark")
}

/// Visits dated in assumed years.
pub(crate) fn msg_schedule_provisional(years: &[i32]) -> String {
    t!("calendar-schedule-provisional", years = join(years, ", "))
}

/// `status` could not count some deadlines.
pub(crate) fn msg_status_missing_years(years: &BTreeSet<i32>) -> String {
    let y = join(&years.iter().copied().collect::<Vec<_>>(), ", ");
    t!("calendar-status-missing-years", years = y)
}

/// A holiday file too large to be one.
pub(crate) fn msg_file_too_large(file: &Path, bytes: u64) -> String {
    t!(
        "calendar-file-too-large",
        file = file.display(),
        bytes = bytes,
        max = MAX_HOLIDAY_FILE_BYTES
    )
}

/// One imported year.
fn msg_imported_year(y: &YearSchedule, outcome: YearImport) -> String {
    let outcome = match outcome {
        YearImport::Imported => "imported",
        YearImport::ReplacedAssumption => "replaced-assumption",
        YearImport::Replaced => "replaced",
        YearImport::Unchanged => "unchanged",
    };
    t!(
        "calendar-imported-year",
        year = y.year,
        outcome = outcome,
        source = y.source,
        days_off = y.days_off.len(),
        periods = y.ranges().len(),
        working_weekends = y.working_weekends.len()
    )
}

/// An import refused.
fn msg_import_refused(file: &Path, why: &str) -> String {
    t!("calendar-import-refused", file = file.display(), why = why)
}

/// A malformed holiday file.
fn msg_bad_file(file: &Path, e: &CalendarError) -> String {
    t!("calendar-bad-file", file = file.display(), why = e)
}

/// How many deadlines an import changed (a heading).
fn msg_deadlines_recomputed(n: usize) -> String {
    t!("calendar-deadlines-recomputed", count = n)
}

/// How many scheduled visits an import put on a day off (a heading).
fn msg_visits_on_days_off(n: usize) -> String {
    t!("calendar-visits-on-days-off", count = n)
}

/// Results imported with provisional deadlines.
pub(crate) fn msg_import_provisional(n: usize) -> String {
    t!(
        "calendar-import-provisional",
        count = n,
        mark = msg_provisional_mark()
    )
}

/// The heading of `calendar list`.
fn msg_list_heading() -> String {
    t!("calendar-list-heading")
}

/// Where a year comes from, in words (`shipped`, `imported`, `assumed`),
/// padded as a column.
fn msg_origin(origin: &str) -> String {
    let o = t!("calendar-origin", origin = origin);
    let width = o
        .chars()
        .map(|c| if c.is_ascii() { 1 } else { 2 })
        .sum::<usize>();
    format!("{o}{}", " ".repeat(8usize.saturating_sub(width)))
}

/// A year of `calendar list` with its official schedule.
fn msg_list_official(
    y: &YearSchedule,
    origin: &str,
    working_days: usize,
    at: Option<&str>,
) -> String {
    match at {
        Some(at) => t!(
            "calendar-list-official-recorded",
            year = y.year,
            origin = msg_origin(origin),
            days_off = y.days_off.len(),
            working_weekends = y.working_weekends.len(),
            working_days = working_days,
            source = y.source,
            at = at
        ),
        None => t!(
            "calendar-list-official",
            year = y.year,
            origin = msg_origin(origin),
            days_off = y.days_off.len(),
            working_weekends = y.working_weekends.len(),
            working_days = working_days,
            source = y.source
        ),
    }
}

/// A year of `calendar list` (or `calendar show`) assumed to have weekends only.
fn msg_list_assumed(year: i32, origin: &str, at: &str) -> String {
    t!(
        "calendar-list-assumed",
        year = year,
        origin = msg_origin(origin),
        at = at
    )
}

/// `calendar show YEAR` of an official year.
fn msg_show(
    y: &YearSchedule,
    origin: &str,
    at: Option<&str>,
    ranges: &[String],
    worked: &[String],
    working_days: usize,
) -> String {
    t!(
        "calendar-show",
        year = y.year,
        origin = t!("calendar-origin", origin = origin),
        recorded = at
            .map(|a| t!("calendar-show-recorded", at = a))
            .unwrap_or_default(),
        source = y.source,
        ranges = ranges.join("; "),
        worked = if worked.is_empty() {
            t!("calendar-show-none")
        } else {
            worked.join("; ")
        },
        working_days = working_days
    )
}

/// A deadline that changed with the import.
fn msg_due_changed(campaign: &str, target: &str, from: &str, to: &str) -> String {
    t!(
        "calendar-due-changed",
        campaign = campaign,
        target = target,
        from = from,
        to = to
    )
}

/// A visit now on a day off.
fn msg_visit_on_day_off(key: &str, visit: &str, date: NaiveDate) -> String {
    t!(
        "calendar-visit-on-day-off",
        visit = visit,
        date = date,
        key = key,
        command = key.replace('+', " ")
    )
}

fn join<T: ToString>(v: &[T], sep: &str) -> String {
    v.iter().map(T::to_string).collect::<Vec<_>>().join(sep)
}

// ---------------------------------------------------------------------------
// The calendar of a command
// ---------------------------------------------------------------------------

/// Reads a holiday file (at most [`MAX_HOLIDAY_FILE_BYTES`]).
fn read_file(file: &Path) -> Result<String, Failure> {
    let unreadable =
        |e: std::io::Error| Failure::rejected("unreadable", super::messages::file_error(file, &e));
    let len = std::fs::metadata(file).map_err(unreadable)?.len();
    if len > MAX_HOLIDAY_FILE_BYTES {
        return Err(Failure::rejected("rejected", msg_file_too_large(file, len)));
    }
    std::fs::read_to_string(file).map_err(unreadable)
}

/// A command's calendar, and the years it assumed (recorded now).
pub(crate) struct Loaded {
    /// The calendar.
    pub cal: Calendar,
    /// Years this command recorded as assumed to have weekends only.
    pub assumed_now: Vec<i32>,
}

impl Loaded {
    /// The text lines saying what was assumed, for the command's output.
    pub fn notes(&self) -> String {
        self.assumed_now
            .iter()
            .map(|y| format!("\n{}", msg_assumed_now(*y)))
            .collect()
    }
}

/// The calendar `command` counts with: the shipped years, the workspace's,
/// `--holidays FILE` over them, and each `--assume-weekends YEAR` (recorded
/// in the workspace at `now`, or the clock).
pub(crate) fn load(
    cli: &Cli,
    ws: &mut Workspace,
    a: &CalendarArgs,
    command: &str,
    now: Option<DateTime<Utc>>,
) -> Result<Loaded, Failure> {
    let mut cal = ws.calendar()?;
    if let Some(f) = &a.holidays {
        let text = read_file(f)?;
        cal.load_toml(&text)
            .map_err(|e| Failure::rejected("rejected", format!("{}: {e}", f.display())))?;
    }
    let mut assumed_now = Vec::new();
    for &year in &a.assume_weekends {
        if let Some(y) = cal.year(year) {
            return Err(Failure::usage(msg_assume_known_year(
                command, year, &y.source,
            )));
        }
        if cal.is_assumed(year) {
            continue;
        }
        let at = instant_text(&now.unwrap_or_else(crate::cli::now));
        if ws.assume_weekends(year, &at, &cli.actor())? {
            assumed_now.push(year);
        }
        cal.assume_weekends(year);
    }
    Ok(Loaded { cal, assumed_now })
}

/// The failure of a command stopped by a year the calendar does not know
/// (`context` says where, e.g. `campaign X: `), with the year in the JSON
/// (`kind`: the error kind the command has always given).
pub(crate) fn missing_year_failure(
    kind: &str,
    command: &str,
    context: &str,
    e: &CalendarError,
) -> Failure {
    match e {
        CalendarError::UnknownYear { year, known } => {
            let mut f = Failure::rejected(kind, msg_missing_year(command, context, *year, known));
            if let Some(o) = f.json.get_mut("error").and_then(|e| e.as_object_mut()) {
                o.insert("year".into(), (*year).into());
            }
            f
        }
        e => Failure::rejected(
            kind,
            t!(
                "calendar-other-error",
                command = command,
                context = context,
                why = e
            ),
        ),
    }
}

// ---------------------------------------------------------------------------
// `calendar import|list|show`
// ---------------------------------------------------------------------------

/// Runs a `calendar` subcommand.
pub(crate) fn dispatch(cli: &Cli, out: &Out, c: &CalendarCommand) -> Result<(), Failure> {
    match c {
        CalendarCommand::Import { file, replace, now } => import(cli, out, file, *replace, *now),
        CalendarCommand::AssumeWeekends { campaign, now } => {
            assume::assume_for(cli, out, campaign, *now)
        }
        CalendarCommand::List => list(cli, out),
        CalendarCommand::Show { year } => show(cli, out, *year),
    }
}

fn import(
    cli: &Cli,
    out: &Out,
    file: &Path,
    replace: bool,
    now: Option<DateTime<Utc>>,
) -> Result<(), Failure> {
    let mut ws = Workspace::open(&cli.workspace)?;
    let text = read_file(file)?;
    let years = parse_schedules(&text)
        .and_then(|ys| {
            ys.iter().try_for_each(YearSchedule::check_official)?;
            Ok(ys)
        })
        .map_err(|e| Failure::rejected("rejected", msg_bad_file(file, &e)))?;
    if years.is_empty() {
        return Err(Failure::rejected(
            "rejected",
            msg_bad_file(file, &CalendarError::Malformed(t!("calendar-no-year"))),
        ));
    }
    let before = ws.calendar()?;
    let at = instant_text(&now.unwrap_or_else(crate::cli::now));
    let name = file.display().to_string();
    let outcomes = ws
        .store_calendar_years(&years, replace, &name, &at, &cli.actor())
        .map_err(|e| match e {
            crate::store::StoreError::Conflict(why) => {
                Failure::rejected("conflict", msg_import_refused(file, &why.to_string()))
            }
            e => Failure::from(e),
        })?;
    let after = ws.calendar()?;
    let mut t = String::new();
    for (y, (_, o)) in years.iter().zip(&outcomes) {
        let _ = writeln!(t, "{}", msg_imported_year(y, *o));
    }
    // Deadlines counted before and after (they change only with the days).
    let today = crate::cli::china_today();
    let mut changed = Vec::new();
    let mut on_days_off = Vec::new();
    if outcomes.iter().any(|(_, o)| *o != YearImport::Unchanged) {
        let old = due_by_target(&ws, &before, today)?;
        let new = due_by_target(&ws, &after, today)?;
        for (k, n) in &new {
            if let Some(o) = old.get(k)
                && o != n
            {
                changed.push((k.clone(), o.clone(), n.clone()));
            }
        }
        for s in
            crate::store::campaign_statuses(&ws, &after, today, &|id| ws.unpublished_results(id))?
        {
            if let Some(sc) = s.drawn.and_then(|d| d.schedule) {
                for (v, d) in sc.visits_on_days_off {
                    on_days_off.push((sc.key.clone(), v, d));
                }
            }
        }
        on_days_off.sort();
        on_days_off.dedup();
    }
    if !changed.is_empty() {
        let _ = writeln!(t, "{}", msg_deadlines_recomputed(changed.len()));
        for ((c, target), o, n) in &changed {
            let _ = writeln!(t, "{}", msg_due_changed(c, target, o, n));
        }
    }
    if !on_days_off.is_empty() {
        let _ = writeln!(t, "{}", msg_visits_on_days_off(on_days_off.len()));
        for (k, v, d) in &on_days_off {
            let _ = writeln!(t, "{}", msg_visit_on_day_off(k, v, *d));
        }
    }
    out.done(
        "dualdraw.calendar-import.v1",
        &serde_json::json!({
            "file": name,
            "years": years.iter().zip(&outcomes).map(|(y, (_, o))| serde_json::json!({
                "year": y.year, "outcome": o, "source": y.source,
                "days_off": y.days_off.len(), "working_weekends": y.working_weekends.len(),
                "sha256": y.sha256(),
            })).collect::<Vec<_>>(),
            "deadlines_changed": changed.iter().map(|((c, target), o, n)| serde_json::json!({
                "campaign": c, "target": target, "from": o, "to": n,
            })).collect::<Vec<_>>(),
            "visits_on_days_off": on_days_off.iter().map(|(k, v, d)| serde_json::json!({
                "schedule": k, "visit": v, "date": d,
            })).collect::<Vec<_>>(),
        }),
        t.trim_end(),
    )
}

/// (campaign, target) → its deadline as text (`YYYY-MM-DD`, with the
/// provisional mark), for the targets with a countable deadline.
fn due_by_target(
    ws: &Workspace,
    cal: &Calendar,
    today: NaiveDate,
) -> Result<BTreeMap<(String, String), String>, Failure> {
    let mut out = BTreeMap::new();
    for s in crate::store::campaign_statuses(ws, cal, today, &|id| ws.unpublished_results(id))? {
        let Some(d) = s.drawn else { continue };
        for t in d.targets_due.targets {
            if let Some(due) = t.due {
                let mark = if t.provisional { PROVISIONAL_SHORT } else { "" };
                out.insert((s.id.clone(), t.target), format!("{due}{mark}"));
            }
        }
    }
    Ok(out)
}

/// Where a year of the calendar comes from.
fn origin(stored: Option<&StoredYear>) -> &'static str {
    match stored {
        None => "shipped",
        Some(s) if s.schedule.is_some() => "imported",
        Some(_) => "assumed",
    }
}

fn working_days_in(cal: &Calendar, year: i32) -> Option<usize> {
    let (a, b) = (
        NaiveDate::from_ymd_opt(year, 1, 1)?,
        NaiveDate::from_ymd_opt(year, 12, 31)?,
    );
    crate::schedule::working_days(cal, a, b)
        .ok()
        .map(|d| d.len())
}

fn list(cli: &Cli, out: &Out) -> Result<(), Failure> {
    let ws = Workspace::open(&cli.workspace)?;
    let cal = ws.calendar()?;
    let stored: BTreeMap<i32, StoredYear> = ws
        .calendar_years()?
        .into_iter()
        .map(|y| (y.year, y))
        .collect();
    let years: BTreeSet<i32> = cal.years().into_iter().chain(cal.assumed_years()).collect();
    let mut rows = Vec::new();
    let mut t = msg_list_heading();
    t.push('\n');
    for y in years {
        let s = stored.get(&y);
        let sched = cal.year(y);
        let o = origin(s);
        let line = match &sched {
            Some(sc) => msg_list_official(
                sc,
                o,
                working_days_in(&cal, y).unwrap_or(0),
                s.map(|s| s.at.as_str()),
            ),
            None => msg_list_assumed(y, o, s.map(|s| s.at.as_str()).unwrap_or("")),
        };
        let _ = writeln!(t, "{line}");
        rows.push(serde_json::json!({
            "year": y, "origin": o,
            "source": sched.as_ref().map(|s| s.source.clone()),
            "days_off": sched.as_ref().map(|s| s.days_off.len()),
            "working_weekends": sched.as_ref().map(|s| s.working_weekends.len()),
            "working_days": working_days_in(&cal, y),
            "provisional": sched.is_none(),
            "recorded_at": s.map(|s| s.at.clone()),
        }));
    }
    out.done(
        "dualdraw.calendar-list.v1",
        &serde_json::json!({"years": rows}),
        t.trim_end(),
    )
}

fn show(cli: &Cli, out: &Out, year: i32) -> Result<(), Failure> {
    let ws = Workspace::open(&cli.workspace)?;
    let cal = ws.calendar()?;
    let stored = ws.calendar_years()?.into_iter().find(|y| y.year == year);
    let o = origin(stored.as_ref());
    let at = stored.as_ref().map(|s| s.at.clone());
    let Some(sched) = cal.year(year) else {
        if cal.is_assumed(year) {
            return out.done(
                "dualdraw.calendar-year.v1",
                &serde_json::json!({"year": year, "origin": o, "source": null, "days_off": [],
                    "working_weekends": [], "working_days": working_days_in(&cal, year),
                    "provisional": true, "recorded_at": at}),
                &msg_list_assumed(year, o, at.as_deref().unwrap_or("")),
            );
        }
        let e = CalendarError::UnknownYear {
            year,
            known: join(&cal.years(), ", "),
        };
        return Err(missing_year_failure("calendar", "calendar show", "", &e));
    };
    let ranges: Vec<String> = sched
        .ranges()
        .iter()
        .map(|(a, b)| {
            if a == b {
                a.format("%m-%d").to_string()
            } else {
                format!("{}..{}", a.format("%m-%d"), b.format("%m-%d"))
            }
        })
        .collect();
    let worked: Vec<String> = sched
        .working_weekends
        .iter()
        .map(|d| format!("{} ({})", d.format("%m-%d"), weekday_zh(*d)))
        .collect();
    let n = working_days_in(&cal, year);
    let t = msg_show(&sched, o, at.as_deref(), &ranges, &worked, n.unwrap_or(0));
    out.done(
        "dualdraw.calendar-year.v1",
        &serde_json::json!({"year": year, "origin": o, "source": sched.source,
            "days_off": sched.days_off, "working_weekends": sched.working_weekends,
            "working_days": n, "provisional": false, "recorded_at": at, "sha256": sched.sha256()}),
        &t,
    )
}

fn weekday_zh(d: NaiveDate) -> &'static str {
    match d.weekday() {
        chrono::Weekday::Mon => "周一",
        chrono::Weekday::Tue => "周二",
        chrono::Weekday::Wed => "周三",
        chrono::Weekday::Thu => "周四",
        chrono::Weekday::Fri => "周五",
        chrono::Weekday::Sat => "周六",
        chrono::Weekday::Sun => "周日",
    }
}
