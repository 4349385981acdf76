//! The results' and schedules' library errors as the CLI shows them: each
//! variant worded from the catalogue (`locales/*/office-errors.ftl`) with its
//! typed fields. The library keeps its English `Display` for embedders.

use super::i18n::t;
use crate::core::results::{CATEGORIES, ResultError};
use crate::schedule::{Bottleneck, ScheduleError, Unplaced, Violation};
use crate::store::{RowProblem, RowWhy};
use chrono::NaiveDate;
use std::collections::BTreeMap;

fn dates(ds: &[NaiveDate]) -> String {
    ds.iter()
        .map(NaiveDate::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why a result is refused.
pub(super) fn result_error(e: &ResultError) -> String {
    match e {
        ResultError::NotATarget(target) => t!("result-not-a-target", target = target.as_str()),
        ResultError::ItemNotApplicable {
            item,
            target,
            items,
        } => t!(
            "result-item-not-applicable",
            item = item.as_str(),
            target = target.as_str(),
            items = items.as_str()
        ),
        ResultError::Category(v) => t!(
            "result-category",
            value = format!("{v:?}"),
            accepted = CATEGORIES.join(", ")
        ),
        ResultError::BeforeDraw { date, draw_date } => t!(
            "result-before-draw",
            date = date.to_string(),
            draw_date = draw_date.to_string()
        ),
        ResultError::NotOnTeam {
            officer,
            target,
            team,
        } => t!(
            "result-not-on-team",
            officer = officer.as_str(),
            target = target.as_str(),
            team = team.as_str()
        ),
        ResultError::Calendar(c) => c.to_string(),
    }
}

/// Why a row of a results file is refused.
pub(super) fn row_problem(p: &RowProblem) -> String {
    match &p.why {
        RowWhy::Rejected(e) => result_error(e),
        RowWhy::Duplicate { first_line } => t!(
            "result-duplicate-row",
            target = p.target.as_str(),
            item = p.item.as_str(),
            first = *first_line
        ),
        RowWhy::AlreadyRecorded => t!(
            "result-already-recorded",
            target = p.target.as_str(),
            item = p.item.as_str()
        ),
    }
}

/// A date a visit breaks a rule on.
fn violation(v: &Violation) -> String {
    match v {
        Violation::Missing { visit } => t!("violation-missing", visit = visit.as_str()),
        Violation::Unknown { visit } => t!("violation-unknown", visit = visit.as_str()),
        Violation::NotAWorkingDay { visit, date } => t!(
            "violation-not-working-day",
            visit = visit.as_str(),
            date = date.to_string()
        ),
        Violation::OnLeave {
            visit,
            officer,
            date,
        } => t!(
            "violation-on-leave",
            visit = visit.as_str(),
            officer = officer.as_str(),
            date = date.to_string()
        ),
        Violation::Excluded { visit, date } => t!(
            "violation-excluded",
            visit = visit.as_str(),
            date = date.to_string()
        ),
        Violation::OverLimit {
            officer,
            date,
            visits,
        } => t!(
            "violation-over-limit",
            officer = officer.as_str(),
            count = visits.len(),
            date = date.to_string(),
            visits = visits.join(", ")
        ),
    }
}

/// A visit the search could not place, and the officers full on its days.
fn unplaced(u: &Unplaced) -> String {
    let mut by_officers: BTreeMap<&[String], Vec<NaiveDate>> = BTreeMap::new();
    for (d, os) in u.full.iter().filter(|(_, os)| !os.is_empty()) {
        by_officers.entry(os.as_slice()).or_default().push(*d);
    }
    let parts: Vec<String> = by_officers
        .iter()
        .map(|(os, ds)| {
            t!(
                "unplaced-full",
                officers = os.join(t!("list-and").as_str()),
                dates = dates(ds)
            )
        })
        .collect();
    t!(
        "unplaced",
        visit = u.visit.as_str(),
        why = parts.join(t!("list-semicolon").as_str())
    )
}

/// A proven reason no schedule exists.
fn bottleneck(b: &Bottleneck) -> String {
    match b {
        Bottleneck::NoDay {
            visit,
            leave,
            excluded,
        } => {
            let l: Vec<String> = leave
                .iter()
                .map(|(o, n)| t!("bottleneck-on-leave", officer = o.as_str(), days = *n))
                .collect();
            let mut why = l.join(t!("list-comma").as_str());
            if *excluded > 0 {
                why.push_str(&t!("bottleneck-excluded-days", days = *excluded));
            }
            t!("bottleneck-no-day", visit = visit.as_str(), why = why)
        }
        Bottleneck::Officer {
            officer,
            visits,
            days,
            limit,
        } => t!(
            "bottleneck-officer",
            officer = officer.as_str(),
            count = visits.len(),
            days = days.len(),
            dates = dates(days),
            limit = *limit,
            places = days.len() as u64 * u64::from(*limit),
            visits = visits.join(", ")
        ),
        Bottleneck::Group {
            visits,
            officers,
            unplaced: u,
        } => {
            let u: Vec<String> = u.iter().map(unplaced).collect();
            t!(
                "bottleneck-group",
                count = *visits,
                officers = officers.join(", "),
                unplaced = u.join(t!("list-semicolon").as_str())
            )
        }
    }
}

fn list<T>(v: &[T], f: fn(&T) -> String) -> String {
    v.iter()
        .map(|x| format!("\n  - {}", f(x)))
        .collect::<String>()
}

/// Why no schedule is made.
pub(super) fn schedule_error(e: &ScheduleError) -> String {
    match e {
        ScheduleError::ZeroLimit => t!("schedule-zero-limit"),
        ScheduleError::NoDays => t!("schedule-no-days"),
        ScheduleError::Invalid(v) => t!("schedule-invalid") + &list(v, violation),
        ScheduleError::Infeasible(b) => t!("schedule-infeasible") + &list(b, bottleneck),
        ScheduleError::NotFound(u) => t!("schedule-not-found") + &list(u, unplaced),
        other => other.to_string(),
    }
}
