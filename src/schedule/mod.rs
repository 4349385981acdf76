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
mod error;
mod reschedule;
mod rules;
#[cfg(test)]
mod tests;

pub use error::{Bottleneck, ScheduleError, Unplaced};
pub use reschedule::{Change, MoveReason, Moved, Rescheduled, reschedule, reschedule_on_days};
pub use rules::{Violation, check};

use crate::core::calendar::{Calendar, CalendarError};
use crate::core::entropy::Stream;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

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

/// How the work went (排期统计; for benchmarks and tests).
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

/// A target's name and address (检查对象名称与地址) as the caller has them
/// (from the entity registry, or a joint visit's description).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetLabel {
    /// Name (名称).
    pub name: String,
    /// Address (地址), for the calendar's `LOCATION`.
    pub address: String,
}

/// What the writers print besides ids (名称标签).
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
