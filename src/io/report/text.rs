//! The summary `dualdraw report` prints (without the list of files).
//!
//! The summary is a list of typed [`Line`]s: [`text`] writes them in
//! English (each line's `Display`); a program writes them in its own words
//! with [`text_in`] and a [`ReportTexts`] (the CLI: its catalogues).

use super::{NotCountedReason, Report};
use chrono::NaiveDate;
use std::fmt;

/// A load's median as text (`2`, `2.5`).
pub fn median_text(m: f64) -> String {
    if m.fract() == 0.0 {
        format!("{m:.0}")
    } else {
        format!("{m:.1}")
    }
}

/// One line of the yearly report's summary, with its figures.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Line {
    /// The heading: the year, and that the report is internal.
    Heading {
        /// The year.
        year: i32,
    },
    /// No campaign was drawn in the year.
    NothingDrawn {
        /// The year.
        year: i32,
    },
    /// Campaigns counted and not counted.
    Campaigns {
        /// The year.
        year: i32,
        /// Campaigns counted.
        counted: usize,
        /// Voided campaigns, not counted.
        voided: usize,
        /// Campaigns not drawn, not counted.
        not_drawn: usize,
    },
    /// Visits and entities.
    Visits {
        /// Visits.
        visits: usize,
        /// Entities visited.
        entities: usize,
        /// Visits with results.
        visits_with_results: usize,
        /// Entities with results.
        entities_with_results: usize,
        /// Joint visits (2+ departments).
        joint_visits: usize,
        /// Department checks.
        department_checks: usize,
    },
    /// Entities visited more than once.
    VisitedMoreThanOnce {
        /// Entities.
        entities: usize,
        /// The most visits of one entity.
        max_visits: usize,
    },
    /// Results inspected in the year.
    Results {
        /// The year.
        year: i32,
        /// Results.
        results: usize,
        /// Of them published.
        published: usize,
        /// Inspected later, not counted.
        later: usize,
    },
    /// The heading of the credit classes.
    ByCreditClass,
    /// One credit class.
    CreditClass {
        /// Its token.
        class: &'static str,
        /// Entities drawn.
        entities: usize,
        /// Entities with results.
        entities_with_results: usize,
        /// Visits.
        visits: usize,
        /// Visits with results.
        visits_with_results: usize,
    },
    /// The heading of the departments.
    ByDepartment,
    /// One department.
    Department {
        /// Its name.
        department: String,
        /// Entities drawn.
        entities: usize,
        /// Entities with results.
        entities_with_results: usize,
        /// Officers with visits.
        officers_with_visits: usize,
        /// Officers reported.
        officers: usize,
        /// Load: least visits of an officer.
        min: usize,
        /// Load: median ([`median_text`]).
        median: String,
        /// Load: most visits of an officer.
        max: usize,
    },
    /// The heading of the campaigns.
    CampaignList,
    /// One campaign.
    Campaign {
        /// Its id.
        id: String,
        /// Its draw date.
        draw_date: NaiveDate,
        /// Targets.
        targets: usize,
        /// Targets with results.
        targets_with_results: usize,
        /// Results.
        results: usize,
        /// Results published.
        results_published: usize,
        /// Whether its list is published.
        list_published: bool,
    },
}

impl fmt::Display for Line {
    /// The English line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Line::Heading { year } => write!(
                f,
                "yearly report {year} (年度报告) — INTERNAL (内部资料): it shows credit-risk classes; do not publish"
            ),
            Line::NothingDrawn { year } => write!(
                f,
                "no drawn campaign in {year} (with its draw date in the year and not voided): nothing to count"
            ),
            Line::Campaigns {
                year,
                counted,
                voided,
                not_drawn,
            } => write!(
                f,
                "campaigns: {counted} counted (drawn in {year}, not voided); not counted: {voided} voided, {not_drawn} not drawn"
            ),
            Line::Visits {
                visits,
                entities,
                visits_with_results,
                entities_with_results,
                joint_visits,
                department_checks,
            } => write!(
                f,
                "visits: {visits} to {entities} entities, {visits_with_results} with results ({entities_with_results} entities); {joint_visits} joint visits (2+ departments), {department_checks} department checks"
            ),
            Line::VisitedMoreThanOnce {
                entities,
                max_visits,
            } => write!(
                f,
                "visited more than once: {entities} entities (max {max_visits} visits)"
            ),
            Line::Results {
                year,
                results,
                published,
                later,
            } => write!(
                f,
                "results inspected in {year}: {results} ({published} published); {later} inspected later, not counted"
            ),
            Line::ByCreditClass => f.write_str(
                "by credit class: entities drawn / with results (visits / with results)",
            ),
            Line::CreditClass {
                class,
                entities,
                entities_with_results,
                visits,
                visits_with_results,
            } => write!(
                f,
                "  {class}  {entities} / {entities_with_results}  ({visits} / {visits_with_results})"
            ),
            Line::ByDepartment => f.write_str(
                "by department: entities drawn / with results; officers with visits / reported; load min / median / max",
            ),
            Line::Department {
                department,
                entities,
                entities_with_results,
                officers_with_visits,
                officers,
                min,
                median,
                max,
            } => write!(
                f,
                "  {department}  {entities} / {entities_with_results}; officers {officers_with_visits} / {officers}; load {min} / {median} / {max}"
            ),
            Line::CampaignList => {
                f.write_str("campaigns: targets, with results, results (published), list")
            }
            Line::Campaign {
                id,
                draw_date,
                targets,
                targets_with_results,
                results,
                results_published,
                list_published,
            } => write!(
                f,
                "  {id} {draw_date}  {targets}, {targets_with_results}, {results} ({results_published}), list {}",
                if *list_published {
                    "published"
                } else {
                    "not published"
                }
            ),
        }
    }
}

/// The words of [`Line`]s in a program's language.
pub trait ReportTexts {
    /// The text of `line` (one line, without its end).
    fn line(&self, line: &Line) -> String;
}

/// The summary's lines, in order.
pub fn lines(r: &Report) -> Vec<Line> {
    let mut out = vec![Line::Heading { year: r.year }];
    let nc = |reason| r.not_counted.iter().filter(|n| n.reason == reason).count();
    let (voided, not_drawn) = (nc(NotCountedReason::Voided), nc(NotCountedReason::NotDrawn));
    if r.campaigns.is_empty() {
        out.push(Line::NothingDrawn { year: r.year });
    }
    let s = &r.summary;
    out.push(Line::Campaigns {
        year: r.year,
        counted: s.campaigns,
        voided,
        not_drawn,
    });
    if r.campaigns.is_empty() {
        return out;
    }
    out.push(Line::Visits {
        visits: s.visits,
        entities: s.entities,
        visits_with_results: s.visits_with_results,
        entities_with_results: s.entities_with_results,
        joint_visits: s.joint_visits,
        department_checks: s.department_checks,
    });
    out.push(Line::VisitedMoreThanOnce {
        entities: s.visited_more_than_once,
        max_visits: s.max_visits,
    });
    out.push(Line::Results {
        year: r.year,
        results: s.results,
        published: s.results_published,
        later: s.results_later,
    });
    out.push(Line::ByCreditClass);
    for c in &r.by_credit_class {
        out.push(Line::CreditClass {
            class: c.credit_class.token(),
            entities: c.entities,
            entities_with_results: c.entities_with_results,
            visits: c.visits,
            visits_with_results: c.visits_with_results,
        });
    }
    out.push(Line::ByDepartment);
    for d in &r.by_department {
        out.push(Line::Department {
            department: d.department.clone(),
            entities: d.entities,
            entities_with_results: d.entities_with_results,
            officers_with_visits: d.officers_with_visits,
            officers: d.officers,
            min: d.load.min,
            median: median_text(d.load.median),
            max: d.load.max,
        });
    }
    out.push(Line::CampaignList);
    for c in &r.campaigns {
        out.push(Line::Campaign {
            id: c.id.clone(),
            draw_date: c.draw_date,
            targets: c.targets,
            targets_with_results: c.targets_with_results,
            results: c.results,
            results_published: c.results_published,
            list_published: c.list_published,
        });
    }
    out
}

/// The summary in the words of `texts`, one line each.
pub fn text_in(r: &Report, texts: &dyn ReportTexts) -> String {
    lines(r).iter().map(|l| texts.line(l) + "\n").collect()
}

/// The summary printed by `dualdraw report` (without the list of files), in
/// English.
pub fn text(r: &Report) -> String {
    lines(r).iter().map(|l| format!("{l}\n")).collect()
}
