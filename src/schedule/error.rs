//! Why scheduling failed (`docs/SCHEDULE.md` §10): [`ScheduleError`], with
//! the proven [`Bottleneck`]s of an infeasible problem and the [`Unplaced`]
//! visits of a search that gave up.

use super::Violation;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// A visit that could not be placed (无法安排日期的检查任务), and why: on each
/// day its team could go, the officers whose places were already full.
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

/// Why no schedule exists (无法排期的瓶颈; each a proof).
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

/// Why scheduling or rescheduling failed (排期或重新排期错误).
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
    /// are too large (more than [`SEARCH_MAX_VISITS`](super::SEARCH_MAX_VISITS) visits) or too hard
    /// (more than [`SEARCH_NODE_BUDGET`](super::SEARCH_NODE_BUDGET) placements) for the exhaustive
    /// search. A schedule may still exist (fewer visits, more days, a higher
    /// limit or less leave will help).
    #[error("no schedule found (one may exist): {}", list(.0))]
    NotFound(Vec<Unplaced>),
}
