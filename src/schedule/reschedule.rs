//! Rescheduling (`docs/SCHEDULE.md` §11): a [`Change`] to a schedule and
//! [`reschedule`], which moves as few visits as it can and says which
//! [`Moved`] and why.

use super::{Problem, Schedule, ScheduleError, dates_of, engine};
use crate::core::entropy::Stream;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A change to a schedule (排期变更).
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

/// Why a visit moved (改期原因).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveReason {
    /// The change made its date break a rule.
    Change,
    /// It was moved to free a place for a visit that had to move.
    Repair,
}

/// A visit that moved (改期的检查任务; for the ledger).
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

/// A rescheduled schedule (重新排期) and what moved.
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
/// change naming nothing in the schedule; otherwise as [`schedule`](super::schedule).
pub fn reschedule(
    schedule: &Schedule,
    change: &Change,
    stream: &mut Stream,
) -> Result<Rescheduled, ScheduleError> {
    reschedule_on_days(schedule, change, None, stream)
}

/// [`reschedule`] on the period's working days as the calendar now gives
/// them (`days`; `None`: the schedule's own). When the official schedule of
/// a year assumed to have weekends only was loaded since (`docs/CALENDAR.md`),
/// a visit on a day that turned out to be a day off is no longer on a
/// working day: it moves with the change (reason [`MoveReason::Change`]),
/// and no visit moves to such a day.
///
/// # Errors
/// As [`reschedule`].
pub fn reschedule_on_days(
    schedule: &Schedule,
    change: &Change,
    days: Option<&[NaiveDate]>,
    stream: &mut Stream,
) -> Result<Rescheduled, ScheduleError> {
    let mut p = schedule.problem.clone();
    if let Some(days) = days {
        p.days = days.to_vec();
    }
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
