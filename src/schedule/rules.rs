//! The rules every schedule keeps: [`check`] lists each [`Violation`] of a
//! set of dates, independently of how the dates were made (an auditor's check).

use super::{Problem, Visit};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// A rule a set of dates breaks (违反的排期规则; see [`check`]).
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
