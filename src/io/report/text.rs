//! The summary `dualdraw report` prints (without the list of files).

use super::{NotCountedReason, Report};
use std::fmt::Write as _;

/// A load's median as text (`2`, `2.5`).
pub fn median_text(m: f64) -> String {
    if m.fract() == 0.0 {
        format!("{m:.0}")
    } else {
        format!("{m:.1}")
    }
}

/// The summary printed by `dualdraw report` (without the list of files).
pub fn text(r: &Report) -> String {
    let mut t = format!(
        "yearly report {} (年度报告) — INTERNAL (内部资料): it shows credit-risk classes; do not publish\n",
        r.year
    );
    let nc = |reason| r.not_counted.iter().filter(|n| n.reason == reason).count();
    let (voided, not_drawn) = (nc(NotCountedReason::Voided), nc(NotCountedReason::NotDrawn));
    if r.campaigns.is_empty() {
        let _ = writeln!(
            t,
            "no drawn campaign in {} (with its draw date in the year and not voided): nothing to count",
            r.year
        );
    }
    let s = &r.summary;
    let _ = writeln!(
        t,
        "campaigns: {} counted (drawn in {}, not voided); not counted: {voided} voided, {not_drawn} not drawn",
        s.campaigns, r.year
    );
    if r.campaigns.is_empty() {
        return t;
    }
    let _ = writeln!(
        t,
        "visits: {} to {} entities, {} with results ({} entities); {} joint visits (2+ departments), {} department checks",
        s.visits,
        s.entities,
        s.visits_with_results,
        s.entities_with_results,
        s.joint_visits,
        s.department_checks
    );
    let _ = writeln!(
        t,
        "visited more than once: {} entities (max {} visits)",
        s.visited_more_than_once, s.max_visits
    );
    let _ = writeln!(
        t,
        "results inspected in {}: {} ({} published); {} inspected later, not counted",
        r.year, s.results, s.results_published, s.results_later
    );
    t.push_str("by credit class: entities drawn / with results (visits / with results)\n");
    for c in &r.by_credit_class {
        let _ = writeln!(
            t,
            "  {}  {} / {}  ({} / {})",
            c.credit_class.token(),
            c.entities,
            c.entities_with_results,
            c.visits,
            c.visits_with_results
        );
    }
    t.push_str(
        "by department: entities drawn / with results; officers with visits / reported; load min / median / max\n",
    );
    for d in &r.by_department {
        let _ = writeln!(
            t,
            "  {}  {} / {}; officers {} / {}; load {} / {} / {}",
            d.department,
            d.entities,
            d.entities_with_results,
            d.officers_with_visits,
            d.officers,
            d.load.min,
            median_text(d.load.median),
            d.load.max
        );
    }
    t.push_str("campaigns: targets, with results, results (published), list\n");
    for c in &r.campaigns {
        let _ = writeln!(
            t,
            "  {} {}  {}, {}, {} ({}), list {}",
            c.id,
            c.draw_date,
            c.targets,
            c.targets_with_results,
            c.results,
            c.results_published,
            if c.list_published {
                "published"
            } else {
                "not published"
            }
        );
    }
    t
}
