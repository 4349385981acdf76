//! Visit dates for drawn teams (检查日期安排), version `dualdraw-schedule-v1`
//! (`docs/SCHEDULE.md` fixes the algorithm byte by byte).
//!
//! After a draw says who inspects whom, the scheduler says when: every visit
//! (检查任务) gets one working day (工作日) of the campaign's period such that
//! - no officer of its team is on leave (请假) that day, and the day is not
//!   one the visit was moved off;
//! - no officer has more than `max_visits_per_officer_per_day` visits a day;
//! - visits in the same township (乡镇/街道) share days where they can (less
//!   travel), while which days they get is drawn from a secret-seeded stream
//!   (so dates cannot be predicted from public data).
//!
//! [`schedule`] makes a [`Schedule`]; [`reschedule`] applies a [`Change`]
//! (an officer falls ill, a visit must move off a date, a team changes) and
//! moves as few visits as it can. The calendars and lists are written by
//! `io::schedule_files` (feature `publish`); leave files are read by
//! `io::leave` (feature `import`).
//!
//! Only the stream's primitives, integer arithmetic and sorted orders are
//! used: an auditor with the same inputs and stream gets the same dates.
//!
//! ```
//! use chrono::NaiveDate;
//! use dualdraw::core::entropy::Stream;
//! use dualdraw::core::merkle::Hash;
//! use dualdraw::schedule::{Problem, Visit, schedule};
//!
//! let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
//! let days = vec![d("2026-03-02"), d("2026-03-03"), d("2026-03-04")];
//! let visits = vec![
//!     Visit::new("91350200776049653A", ["A01", "B07"], "350203001"),
//!     Visit::new("91350200MA2XYZ1234", ["A01", "B07"], "350203001"),
//!     Visit::new("91350200MA2XYZ5678", ["A01", "C02"], "350203002"),
//! ];
//! let p = Problem::new(visits, days.clone());
//! let s = schedule(&p, &mut Stream::new(&Hash([7; 32]), "schedule")).unwrap();
//! assert_eq!(s.len(), 3);
//! // The two visits in township 350203001 share a day.
//! assert_eq!(s.date_of("91350200776049653A"), s.date_of("91350200MA2XYZ1234"));
//! ```

mod engine;
#[cfg(test)]
mod tests;

use crate::core::calendar::{Calendar, CalendarError};
use crate::core::entropy::Stream;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The version tag of the scheduling algorithm and its outputs.
pub const SCHEDULE_VERSION: &str = "dualdraw-schedule-v1";

/// The default daily limit: an officer goes on at most 2 visits a day.
pub const DEFAULT_MAX_VISITS_PER_OFFICER_PER_DAY: u32 = 2;

/// How many placements the exhaustive search of one group of visits may try
/// before giving up (`docs/SCHEDULE.md` §9).
pub const SEARCH_NODE_BUDGET: u64 = 100_000;

/// The largest group of linked visits the exhaustive search takes on.
pub const SEARCH_MAX_VISITS: usize = 64;

/// One visit (检查任务): a target (or a joint visit) and its team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    /// The target's USCC (统一社会信用代码), or a joint visit's id (联合检查编号).
    pub id: String,
    /// The officers of its team (检查组, 执法证号); a joint visit's team may
    /// hold officers of several departments. Order does not matter.
    pub officers: Vec<String>,
    /// The target's township (乡镇/街道, 9 digits) or county (区县, 6 digits)
    /// code; visits with the same code are grouped on the same days.
    pub township: String,
    /// The departments (检查部门) taking part, when known (for the CSV lists).
    #[serde(default)]
    pub departments: Vec<String>,
    /// Dates this visit must not be on (e.g. the target is closed that day, or
    /// the visit was moved off it by [`Change::NotOn`]).
    #[serde(default)]
    pub not_on: Vec<NaiveDate>,
}

impl Visit {
    /// A visit with no departments and no excluded dates.
    pub fn new<I, S>(id: impl Into<String>, officers: I, township: impl Into<String>) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Visit {
            id: id.into(),
            officers: officers.into_iter().map(Into::into).collect(),
            township: township.into(),
            departments: Vec::new(),
            not_on: Vec::new(),
        }
    }
}

/// What the scheduler is asked (排期问题).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The visits, any order (ids must be unique).
    pub visits: Vec<Visit>,
    /// The working days (工作日) of the campaign's period; see
    /// [`working_days`]. Sorted and deduplicated by the scheduler.
    pub days: Vec<NaiveDate>,
    /// Officers' leave days (请假): officer id → dates. Dates outside the
    /// period and officers without visits are ignored.
    #[serde(default)]
    pub leave: BTreeMap<String, BTreeSet<NaiveDate>>,
    /// No officer goes on more than this many visits a day (default 2).
    pub max_visits_per_officer_per_day: u32,
}

impl Problem {
    /// A problem with no leave and the default daily limit.
    pub fn new(visits: Vec<Visit>, days: Vec<NaiveDate>) -> Self {
        Problem {
            visits,
            days,
            leave: BTreeMap::new(),
            max_visits_per_officer_per_day: DEFAULT_MAX_VISITS_PER_OFFICER_PER_DAY,
        }
    }

    /// The canonical form (`docs/SCHEDULE.md` §2): visits by id, each team's
    /// officers by id, days and excluded dates sorted without repeats.
    ///
    /// # Errors
    /// [`ScheduleError`] for a zero limit, an empty or repeated visit id, an
    /// empty team or an officer listed twice in one team.
    pub fn canonical(&self) -> Result<Problem, ScheduleError> {
        if self.max_visits_per_officer_per_day == 0 {
            return Err(ScheduleError::ZeroLimit);
        }
        let mut visits = self.visits.clone();
        visits.sort_by(|a, b| a.id.cmp(&b.id));
        for v in &mut visits {
            if v.id.is_empty() {
                return Err(ScheduleError::EmptyVisitId);
            }
            if v.officers.is_empty() {
                return Err(ScheduleError::EmptyTeam {
                    visit: v.id.clone(),
                });
            }
            v.officers.sort();
            if let Some(w) = v.officers.windows(2).find(|w| w[0] == w[1]) {
                return Err(ScheduleError::DuplicateOfficer {
                    visit: v.id.clone(),
                    officer: w[0].clone(),
                });
            }
            if v.officers.iter().any(String::is_empty) {
                return Err(ScheduleError::EmptyOfficerId {
                    visit: v.id.clone(),
                });
            }
            v.not_on.sort();
            v.not_on.dedup();
        }
        if let Some(w) = visits.windows(2).find(|w| w[0].id == w[1].id) {
            return Err(ScheduleError::DuplicateVisit {
                visit: w[0].id.clone(),
            });
        }
        let mut days = self.days.clone();
        days.sort();
        days.dedup();
        if days.is_empty() && !visits.is_empty() {
            return Err(ScheduleError::NoDays);
        }
        Ok(Problem {
            visits,
            days,
            leave: self.leave.clone(),
            max_visits_per_officer_per_day: self.max_visits_per_officer_per_day,
        })
    }
}

/// The working days from `start` to `end` (both included) by the official
/// calendar.
///
/// # Errors
/// [`CalendarError::UnknownYear`] when a day of the range is in a year the
/// calendar does not know.
pub fn working_days(
    cal: &Calendar,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<Vec<NaiveDate>, CalendarError> {
    let mut out = Vec::new();
    let mut d = start;
    while d <= end {
        if cal.is_working_day(d)? {
            out.push(d);
        }
        match d.succ_opt() {
            Some(next) => d = next,
            None => break,
        }
    }
    Ok(out)
}

/// A schedule (排期): one date per visit. Always satisfies every rule of its
/// problem (it is only made by [`schedule`], [`reschedule`] or the checked
/// [`Schedule::from_dates`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    problem: Problem,
    dates: Vec<NaiveDate>,
}

impl Schedule {
    /// The problem it solves, in canonical form.
    pub fn problem(&self) -> &Problem {
        &self.problem
    }

    /// The number of visits.
    pub fn len(&self) -> usize {
        self.dates.len()
    }

    /// Whether there are no visits.
    pub fn is_empty(&self) -> bool {
        self.dates.is_empty()
    }

    /// The date of a visit.
    pub fn date_of(&self, visit: &str) -> Option<NaiveDate> {
        self.problem
            .visits
            .binary_search_by(|v| v.id.as_str().cmp(visit))
            .ok()
            .map(|i| self.dates[i])
    }

    /// Visits and their dates, by visit id.
    pub fn iter(&self) -> impl Iterator<Item = (&Visit, NaiveDate)> {
        self.problem.visits.iter().zip(self.dates.iter().copied())
    }

    /// Visit id → date (for storing; see [`Schedule::from_dates`]).
    pub fn dates(&self) -> BTreeMap<String, NaiveDate> {
        self.iter().map(|(v, d)| (v.id.clone(), d)).collect()
    }

    /// Each officer's visits, by officer id, each list by date then visit id.
    pub fn by_officer(&self) -> BTreeMap<&str, Vec<(NaiveDate, &Visit)>> {
        let mut m: BTreeMap<&str, Vec<(NaiveDate, &Visit)>> = BTreeMap::new();
        for (v, d) in self.iter() {
            for o in &v.officers {
                m.entry(o.as_str()).or_default().push((d, v));
            }
        }
        for l in m.values_mut() {
            l.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
        }
        m
    }

    /// Each day's visits, by date, each list by visit id.
    pub fn by_day(&self) -> BTreeMap<NaiveDate, Vec<&Visit>> {
        let mut m: BTreeMap<NaiveDate, Vec<&Visit>> = BTreeMap::new();
        for (v, d) in self.iter() {
            m.entry(d).or_default().push(v);
        }
        m
    }

    /// A recorded schedule, checked against its problem.
    ///
    /// # Errors
    /// [`ScheduleError::Invalid`] with every rule the dates break, or the
    /// problem's own errors.
    pub fn from_dates(
        problem: &Problem,
        dates: &BTreeMap<String, NaiveDate>,
    ) -> Result<Schedule, ScheduleError> {
        let problem = problem.canonical()?;
        let v = check(&problem, dates);
        if !v.is_empty() {
            return Err(ScheduleError::Invalid(v));
        }
        let dates = problem
            .visits
            .iter()
            .map(|v| dates.get(&v.id).copied())
            .collect::<Option<Vec<_>>>()
            .ok_or(ScheduleError::Invalid(Vec::new()))?;
        Ok(Schedule { problem, dates })
    }
}

/// A rule a set of dates breaks (see [`check`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Violation {
    /// A visit has no date.
    Missing {
        /// Visit id.
        visit: String,
    },
    /// A date for a visit the problem does not have.
    Unknown {
        /// Visit id.
        visit: String,
    },
    /// A date that is not one of the period's working days.
    NotAWorkingDay {
        /// Visit id.
        visit: String,
        /// Its date.
        date: NaiveDate,
    },
    /// An officer of the team is on leave that day.
    OnLeave {
        /// Visit id.
        visit: String,
        /// The officer.
        officer: String,
        /// The date.
        date: NaiveDate,
    },
    /// The visit must not be on that date.
    Excluded {
        /// Visit id.
        visit: String,
        /// The date.
        date: NaiveDate,
    },
    /// An officer has more visits that day than the limit.
    OverLimit {
        /// The officer.
        officer: String,
        /// The date.
        date: NaiveDate,
        /// The visits that day.
        visits: Vec<String>,
    },
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Violation::Missing { visit } => write!(f, "visit {visit} has no date"),
            Violation::Unknown { visit } => write!(f, "{visit} is not a visit of the problem"),
            Violation::NotAWorkingDay { visit, date } => {
                write!(
                    f,
                    "visit {visit} is on {date}, not a working day of the period"
                )
            }
            Violation::OnLeave {
                visit,
                officer,
                date,
            } => write!(
                f,
                "visit {visit} is on {date} when officer {officer} is on leave"
            ),
            Violation::Excluded { visit, date } => {
                write!(f, "visit {visit} is on {date}, a date it must not be on")
            }
            Violation::OverLimit {
                officer,
                date,
                visits,
            } => write!(
                f,
                "officer {officer} has {} visits on {date}: {}",
                visits.len(),
                visits.join(", ")
            ),
        }
    }
}

/// Every rule `dates` breaks for `problem` (empty when it is a schedule):
/// each visit exactly once, on a working day of the period, no officer of
/// its team on leave, not an excluded date, no officer over the daily limit.
/// Violations are listed by kind as above, then by visit id (officer id and
/// date for [`Violation::OverLimit`]). Independent of how the dates were
/// made: an auditor's check.
pub fn check(problem: &Problem, dates: &BTreeMap<String, NaiveDate>) -> Vec<Violation> {
    let mut out = Vec::new();
    let days: BTreeSet<NaiveDate> = problem.days.iter().copied().collect();
    let ids: BTreeSet<&str> = problem.visits.iter().map(|v| v.id.as_str()).collect();
    let mut visits: Vec<&Visit> = problem.visits.iter().collect();
    visits.sort_by(|a, b| a.id.cmp(&b.id));
    for v in &visits {
        if !dates.contains_key(&v.id) {
            out.push(Violation::Missing {
                visit: v.id.clone(),
            });
        }
    }
    for id in dates.keys() {
        if !ids.contains(id.as_str()) {
            out.push(Violation::Unknown { visit: id.clone() });
        }
    }
    let mut per: BTreeMap<(&str, NaiveDate), Vec<String>> = BTreeMap::new();
    for v in &visits {
        let Some(&d) = dates.get(&v.id) else { continue };
        if !days.contains(&d) {
            out.push(Violation::NotAWorkingDay {
                visit: v.id.clone(),
                date: d,
            });
        }
        let mut team: Vec<&String> = v.officers.iter().collect();
        team.sort();
        team.dedup();
        for o in team {
            if problem.leave.get(o).is_some_and(|l| l.contains(&d)) {
                out.push(Violation::OnLeave {
                    visit: v.id.clone(),
                    officer: o.clone(),
                    date: d,
                });
            }
            per.entry((o.as_str(), d)).or_default().push(v.id.clone());
        }
        if v.not_on.contains(&d) {
            out.push(Violation::Excluded {
                visit: v.id.clone(),
                date: d,
            });
        }
    }
    let limit = problem.max_visits_per_officer_per_day as usize;
    for ((o, d), vs) in per {
        if vs.len() > limit {
            out.push(Violation::OverLimit {
                officer: o.to_string(),
                date: d,
                visits: vs,
            });
        }
    }
    out.sort_by_key(violation_rank);
    out
}

fn violation_rank(v: &Violation) -> u8 {
    match v {
        Violation::Missing { .. } => 0,
        Violation::Unknown { .. } => 1,
        Violation::NotAWorkingDay { .. } => 2,
        Violation::OnLeave { .. } => 3,
        Violation::Excluded { .. } => 4,
        Violation::OverLimit { .. } => 5,
    }
}

/// A visit that could not be placed, and why: on each day its team could
/// go, the officers whose places were already full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unplaced {
    /// Visit id.
    pub visit: String,
    /// Each working day on which the whole team is free (by date), with the
    /// team's officers who already had the daily limit of visits that day.
    pub full: Vec<(NaiveDate, Vec<String>)>,
}

impl fmt::Display for Unplaced {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "visit {} found no place: ", self.visit)?;
        let mut by_officers: BTreeMap<&[String], Vec<NaiveDate>> = BTreeMap::new();
        for (d, os) in self.full.iter().filter(|(_, os)| !os.is_empty()) {
            by_officers.entry(os.as_slice()).or_default().push(*d);
        }
        let parts: Vec<String> = by_officers
            .iter()
            .map(|(os, ds)| {
                format!(
                    "{} full on {}",
                    os.join(" and "),
                    ds.iter()
                        .map(NaiveDate::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
            .collect();
        write!(f, "{}", parts.join("; "))
    }
}

/// Why no schedule exists (each a proof).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Bottleneck {
    /// No working day of the period has the whole team free (and is not
    /// excluded for the visit).
    NoDay {
        /// Visit id.
        visit: String,
        /// Each officer of the team and how many of the period's working days
        /// they are on leave.
        leave: Vec<(String, usize)>,
        /// How many of the period's working days the visit must not be on.
        excluded: usize,
    },
    /// An officer with more visits than places: `visits` can only be on
    /// `days` (their teams are free only then) and `visits.len() >
    /// days.len() × limit`.
    Officer {
        /// The officer.
        officer: String,
        /// The visits competing for the officer's places, by id.
        visits: Vec<String>,
        /// The only days those visits can be on, ascending.
        days: Vec<NaiveDate>,
        /// The daily limit.
        limit: u32,
    },
    /// A group of visits linked by shared officers that the exhaustive search
    /// proved cannot all be placed, although every officer on their own could
    /// take their visits.
    Group {
        /// How many visits the group has.
        visits: usize,
        /// The group's officers.
        officers: Vec<String>,
        /// The visits the greedy placement and repair could not place, and
        /// the full officers on each of their days.
        unplaced: Vec<Unplaced>,
    },
}

impl fmt::Display for Bottleneck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Bottleneck::NoDay {
                visit,
                leave,
                excluded,
            } => {
                write!(
                    f,
                    "visit {visit}: no working day of the period has its whole team free ("
                )?;
                let l: Vec<String> = leave
                    .iter()
                    .map(|(o, n)| format!("{o} on leave {n} days"))
                    .collect();
                write!(f, "{}", l.join(", "))?;
                if *excluded > 0 {
                    write!(f, "; {excluded} days excluded for the visit")?;
                }
                write!(f, ")")
            }
            Bottleneck::Officer {
                officer,
                visits,
                days,
                limit,
            } => write!(
                f,
                "officer {officer} has {} visits that can only be on {} days ({}) × {limit} a day = {} places: {}",
                visits.len(),
                days.len(),
                days.iter()
                    .map(NaiveDate::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
                days.len() as u64 * u64::from(*limit),
                visits.join(", ")
            ),
            Bottleneck::Group {
                visits,
                officers,
                unplaced,
            } => {
                write!(
                    f,
                    "{visits} visits of officers {} cannot all be placed (exhaustive search); ",
                    officers.join(", ")
                )?;
                let u: Vec<String> = unplaced.iter().map(Unplaced::to_string).collect();
                write!(f, "{}", u.join("; "))
            }
        }
    }
}

fn list<T: fmt::Display>(v: &[T]) -> String {
    v.iter().map(T::to_string).collect::<Vec<_>>().join("; ")
}

/// Why scheduling or rescheduling failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    /// `max_visits_per_officer_per_day` is 0.
    #[error("the daily limit of visits per officer is 0")]
    ZeroLimit,
    /// There are visits but no working days.
    #[error("the period has no working days")]
    NoDays,
    /// A visit with an empty id.
    #[error("a visit has an empty id")]
    EmptyVisitId,
    /// Two visits with the same id.
    #[error("visit {visit} is listed twice")]
    DuplicateVisit {
        /// Visit id.
        visit: String,
    },
    /// A visit without officers.
    #[error("visit {visit} has no officers")]
    EmptyTeam {
        /// Visit id.
        visit: String,
    },
    /// An empty officer id.
    #[error("visit {visit} has an officer with an empty id")]
    EmptyOfficerId {
        /// Visit id.
        visit: String,
    },
    /// An officer listed twice in one team.
    #[error("officer {officer} is listed twice in the team of visit {visit}")]
    DuplicateOfficer {
        /// Visit id.
        visit: String,
        /// Officer id.
        officer: String,
    },
    /// A change names a visit the schedule does not have.
    #[error("{visit} is not a visit of the schedule")]
    UnknownVisit {
        /// Visit id.
        visit: String,
    },
    /// A change names an officer on no visit of the schedule.
    #[error("officer {officer} is on no visit of the schedule")]
    UnknownOfficer {
        /// Officer id.
        officer: String,
    },
    /// Recorded dates break rules of their problem.
    #[error("the dates break the rules: {}", list(.0))]
    Invalid(Vec<Violation>),
    /// No schedule exists; each bottleneck is a proof.
    #[error("no schedule exists: {}", list(.0))]
    Infeasible(Vec<Bottleneck>),
    /// The scheduler gave up: these visits found no place, and their groups
    /// are too large (more than [`SEARCH_MAX_VISITS`] visits) or too hard
    /// (more than [`SEARCH_NODE_BUDGET`] placements) for the exhaustive
    /// search. A schedule may still exist (fewer visits, more days, a higher
    /// limit or less leave will help).
    #[error("no schedule found (one may exist): {}", list(.0))]
    NotFound(Vec<Unplaced>),
}

/// How the work went (for benchmarks and tests).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Visits placed directly on a day with room.
    pub direct: usize,
    /// Visits placed by an augmenting path (moving already-placed visits).
    pub augmented: usize,
    /// Already-placed visits moved by augmenting paths.
    pub repair_moves: usize,
    /// Steps of the ejection search.
    pub ejection_steps: u64,
    /// Visits pushed off their day by the ejection search.
    pub ejections: usize,
    /// Groups handed to the exhaustive search.
    pub searched: usize,
    /// Placements the exhaustive search tried.
    pub search_nodes: u64,
}

/// Schedules every visit (`docs/SCHEDULE.md` §2–§10). `stream` should be
/// keyed by a secret (e.g. `Stream::new(&secret_seed, "schedule")`); the
/// dates depend on the problem and the stream only.
///
/// # Errors
/// The problem's [`ScheduleError`]s; [`ScheduleError::Infeasible`] with the
/// bottlenecks when no schedule exists; [`ScheduleError::NotFound`] when the
/// search gave up.
pub fn schedule(problem: &Problem, stream: &mut Stream) -> Result<Schedule, ScheduleError> {
    schedule_with_stats(problem, stream).map(|(s, _)| s)
}

/// [`schedule`], also saying how the work went.
///
/// # Errors
/// As [`schedule`].
pub fn schedule_with_stats(
    problem: &Problem,
    stream: &mut Stream,
) -> Result<(Schedule, Stats), ScheduleError> {
    let problem = problem.canonical()?;
    let (days, stats, _) = engine::solve(&problem, stream, None)?;
    let dates = dates_of(&problem, &days)?;
    Ok((Schedule { problem, dates }, stats))
}

/// Day indices to dates (every visit is placed when the engine succeeds).
fn dates_of(problem: &Problem, days: &[u32]) -> Result<Vec<NaiveDate>, ScheduleError> {
    days.iter()
        .map(|&d| problem.days.get(d as usize).copied())
        .collect::<Option<Vec<_>>>()
        .ok_or(ScheduleError::NotFound(Vec::new()))
}

/// A change to a schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// An officer is on leave (请假, e.g. falls ill) on these days, in
    /// addition to their earlier leave.
    Leave {
        /// Officer id.
        officer: String,
        /// The days.
        days: Vec<NaiveDate>,
    },
    /// Move this visit off this date, and keep it off.
    NotOn {
        /// Visit id.
        visit: String,
        /// The date.
        date: NaiveDate,
    },
    /// The visit's team is now these officers (after a replacement, 换人).
    Team {
        /// Visit id.
        visit: String,
        /// The new team.
        officers: Vec<String>,
    },
}

/// Why a visit moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveReason {
    /// The change made its date break a rule.
    Change,
    /// It was moved to free a place for a visit that had to move.
    Repair,
}

/// A visit that moved (for the ledger).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moved {
    /// Visit id.
    pub visit: String,
    /// Its old date.
    pub from: NaiveDate,
    /// Its new date.
    pub to: NaiveDate,
    /// Why.
    pub reason: MoveReason,
}

/// A rescheduled schedule and what moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rescheduled {
    /// The new schedule (its problem includes the change).
    pub schedule: Schedule,
    /// Every visit whose date changed, by visit id.
    pub moved: Vec<Moved>,
}

/// Applies a change and moves as few visits as it can (`docs/SCHEDULE.md`
/// §11): visits whose dates still keep every rule stay unless a visit that
/// must move can only be placed by moving them (a shortest augmenting path);
/// deterministic given `stream` (e.g. `Stream::new(&secret_seed,
/// "reschedule/1")`).
///
/// # Errors
/// [`ScheduleError::UnknownVisit`] / [`ScheduleError::UnknownOfficer`] for a
/// change naming nothing in the schedule; otherwise as [`schedule`].
pub fn reschedule(
    schedule: &Schedule,
    change: &Change,
    stream: &mut Stream,
) -> Result<Rescheduled, ScheduleError> {
    let mut p = schedule.problem.clone();
    let find = |p: &Problem, visit: &str| {
        p.visits
            .binary_search_by(|v| v.id.as_str().cmp(visit))
            .map_err(|_| ScheduleError::UnknownVisit {
                visit: visit.to_string(),
            })
    };
    match change {
        Change::Leave { officer, days } => {
            if !p.visits.iter().any(|v| v.officers.contains(officer)) {
                return Err(ScheduleError::UnknownOfficer {
                    officer: officer.clone(),
                });
            }
            p.leave
                .entry(officer.clone())
                .or_default()
                .extend(days.iter().copied());
        }
        Change::NotOn { visit, date } => {
            let i = find(&p, visit)?;
            p.visits[i].not_on.push(*date);
        }
        Change::Team { visit, officers } => {
            let i = find(&p, visit)?;
            p.visits[i].officers = officers.clone();
        }
    }
    let p = p.canonical()?;
    let old: Vec<u32> = schedule
        .dates
        .iter()
        .map(|d| p.days.binary_search(d).map_or(engine::NONE, |i| i as u32))
        .collect();
    let last = match change {
        Change::Team { visit, .. } => find(&p, visit).ok(),
        _ => None,
    };
    let (days, _, affected) =
        engine::solve(&p, stream, Some(&engine::Resched { old: &old, last }))?;
    let dates = dates_of(&p, &days)?;
    // The change neither adds nor removes visits: old and new line up by id.
    let moved = p
        .visits
        .iter()
        .zip(schedule.dates.iter().zip(&dates))
        .zip(&affected)
        .filter(|((_, (from, to)), _)| from != to)
        .map(|((v, (&from, &to)), &affected)| Moved {
            visit: v.id.clone(),
            from,
            to,
            reason: if affected {
                MoveReason::Change
            } else {
                MoveReason::Repair
            },
        })
        .collect();
    Ok(Rescheduled {
        schedule: Schedule { problem: p, dates },
        moved,
    })
}

/// A target's name and address as the caller has them (from the entity
/// registry, or a joint visit's description).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetLabel {
    /// Name (名称).
    pub name: String,
    /// Address (地址), for the calendar's `LOCATION`.
    pub address: String,
}

/// What the writers print besides ids.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Labels {
    /// The campaign's id (任务编号), part of every event's `UID`.
    pub campaign: String,
    /// The campaign's title (任务名称), may be empty.
    pub title: String,
    /// Visit id → the target's name and address.
    pub targets: BTreeMap<String, TargetLabel>,
    /// Officer id → name (姓名).
    pub officers: BTreeMap<String, String>,
}

impl Labels {
    /// The name to show for a visit's target (its id when unnamed).
    pub fn target_name<'a>(&'a self, v: &'a Visit) -> &'a str {
        self.targets
            .get(&v.id)
            .map(|t| t.name.as_str())
            .filter(|n| !n.is_empty())
            .unwrap_or(&v.id)
    }

    /// The name to show for an officer (the id when unnamed).
    pub fn officer_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.officers
            .get(id)
            .map(String::as_str)
            .filter(|n| !n.is_empty())
            .unwrap_or(id)
    }
}
