//! Computing the report from plain inputs, without touching the workspace:
//! every number of a [`Report`] can be tested on hand-made
//! [`CampaignInput`]s.

use super::numbers::{
    CampaignRow, ClassRow, DepartmentRow, HistogramRow, LoadStats, OfficerRow, RepeatRow, Report,
    Summary,
};
use super::{CampaignInput, NotCounted, REPORT_SCHEMA};
use crate::core::merkle::Hash;
use crate::core::registry::vocab::CreditClass;
use chrono::Datelike;
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn median(sorted: &[usize]) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2] as f64,
        n => (sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0,
    }
}

#[derive(Default)]
struct EntityAcc<'a> {
    name: &'a str,
    visits: usize,
    schedules: BTreeSet<&'a str>,
    done: usize,
    campaigns: Vec<&'a str>,
    departments: BTreeSet<&'a str>,
}

#[derive(Default)]
struct GroupAcc<'a> {
    entities: BTreeSet<&'a str>,
    entities_done: BTreeSet<&'a str>,
    visits: usize,
    done: usize,
}

#[derive(Default)]
struct OfficerAcc<'a> {
    name: &'a str,
    visits: usize,
    done: usize,
    campaigns: BTreeSet<&'a str>,
}

/// Computes the report of `year` from the counted campaigns (those
/// [`counted`](super::counted) in the year) and the ones not counted. Results inspected
/// outside the year are left out (counted as `results_later`).
pub fn compute(
    year: i32,
    ledger_head: Hash,
    campaigns: &[CampaignInput],
    not_counted: Vec<NotCounted>,
) -> Report {
    let mut order: Vec<&CampaignInput> = campaigns.iter().collect();
    order.sort_by(|a, b| (a.draw_date, &a.id).cmp(&(b.draw_date, &b.id)));
    let mut summary = Summary {
        campaigns: order.len(),
        ..Summary::default()
    };
    let mut entities: BTreeMap<&str, EntityAcc<'_>> = BTreeMap::new();
    let mut classes: BTreeMap<CreditClass, GroupAcc<'_>> = CreditClass::ALL
        .iter()
        .map(|c| (*c, GroupAcc::default()))
        .collect();
    let mut departments: BTreeMap<&str, GroupAcc<'_>> = BTreeMap::new();
    let mut officers: BTreeMap<(&str, &str), OfficerAcc<'_>> = BTreeMap::new();
    let mut rows = Vec::with_capacity(order.len());
    for c in order {
        // Departments with a result in the year, per target.
        let mut done_by_target: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        let (mut results, mut published, mut later) = (0, 0, 0);
        for r in &c.results {
            if r.inspected_on.year() != year {
                later += 1;
                continue;
            }
            results += 1;
            published += usize::from(r.published);
            done_by_target
                .entry(r.target.as_str())
                .or_default()
                .insert(r.department.as_str());
        }
        for o in &c.roster {
            officers
                .entry((o.department.as_str(), o.id.as_str()))
                .or_default()
                .name = o.name.as_str();
        }
        let mut with_results = 0;
        for v in &c.visits {
            let done_depts = done_by_target.get(v.target.as_str());
            let done = done_depts.is_some();
            let dept_done = |d: &str| done_depts.is_some_and(|s| s.contains(d));
            with_results += usize::from(done);
            let e = entities.entry(v.target.as_str()).or_default();
            e.name = v.name.as_str();
            // One joint visit for the campaigns of one recorded schedule.
            let joint = c
                .schedule
                .as_deref()
                .is_some_and(|k| !e.schedules.insert(k));
            if !joint {
                e.visits += 1;
            }
            e.done += usize::from(done);
            e.campaigns.push(c.id.as_str());
            e.departments
                .extend(v.departments.iter().map(String::as_str));
            let k = classes.entry(v.credit_class).or_default();
            k.entities.insert(v.target.as_str());
            k.visits += 1;
            if done {
                k.entities_done.insert(v.target.as_str());
                k.done += 1;
            }
            for d in &v.departments {
                let g = departments.entry(d.as_str()).or_default();
                g.entities.insert(v.target.as_str());
                g.visits += 1;
                if dept_done(d) {
                    g.entities_done.insert(v.target.as_str());
                    g.done += 1;
                }
            }
            for o in &v.officers {
                let a = officers
                    .entry((o.department.as_str(), o.id.as_str()))
                    .or_default();
                a.name = o.name.as_str();
                a.visits += 1;
                a.done += usize::from(dept_done(&o.department));
                a.campaigns.insert(c.id.as_str());
            }
            summary.visits += 1;
            summary.visits_with_results += usize::from(done);
            summary.joint_visits += usize::from(v.departments.len() >= 2);
            summary.department_checks += v.departments.len();
        }
        summary.results += results;
        summary.results_published += published;
        summary.results_later += later;
        rows.push(CampaignRow {
            id: c.id.clone(),
            title: c.title.clone(),
            draw_date: c.draw_date,
            coordination_group: c.coordination_group.clone(),
            targets: c.visits.len(),
            replacements: c.replacements,
            targets_with_results: with_results,
            results,
            results_published: published,
            results_later: later,
            list_published: c.list_published,
        });
    }
    summary.entities = entities.len();
    summary.entities_with_results = entities.values().filter(|e| e.done > 0).count();
    summary.visited_more_than_once = entities.values().filter(|e| e.visits > 1).count();
    summary.max_visits = entities.values().map(|e| e.visits).max().unwrap_or(0);
    summary.visits_histogram = (1..=summary.max_visits)
        .map(|k| HistogramRow {
            visits: k,
            entities: entities.values().filter(|e| e.visits == k).count(),
        })
        .collect();
    let mut repeat_visits: Vec<RepeatRow> = entities
        .iter()
        .filter(|(_, e)| e.visits > 1)
        .map(|(u, e)| RepeatRow {
            uscc: (*u).to_string(),
            name: e.name.to_string(),
            visits: e.visits,
            visits_with_results: e.done,
            campaigns: e.campaigns.iter().map(|s| (*s).to_string()).collect(),
            departments: e.departments.iter().map(|s| (*s).to_string()).collect(),
        })
        .collect();
    repeat_visits.sort_by(|a, b| b.visits.cmp(&a.visits).then_with(|| a.uscc.cmp(&b.uscc)));
    let by_credit_class = classes
        .into_iter()
        .map(|(credit_class, g)| ClassRow {
            credit_class,
            entities: g.entities.len(),
            entities_with_results: g.entities_done.len(),
            visits: g.visits,
            visits_with_results: g.done,
        })
        .collect();
    let officer_rows: Vec<OfficerRow> = officers
        .iter()
        .map(|((d, id), a)| OfficerRow {
            department: (*d).to_string(),
            id: (*id).to_string(),
            name: a.name.to_string(),
            visits: a.visits,
            visits_with_results: a.done,
            campaigns: a.campaigns.len(),
        })
        .collect();
    for (d, _) in officers.keys() {
        departments.entry(*d).or_default();
    }
    let by_department = departments
        .into_iter()
        .map(|(d, g)| {
            let mut loads: Vec<usize> = officer_rows
                .iter()
                .filter(|o| o.department == d)
                .map(|o| o.visits)
                .collect();
            loads.sort_unstable();
            DepartmentRow {
                department: d.to_string(),
                entities: g.entities.len(),
                entities_with_results: g.entities_done.len(),
                visits: g.visits,
                visits_with_results: g.done,
                officers: loads.len(),
                officers_with_visits: loads.iter().filter(|&&l| l > 0).count(),
                load: LoadStats {
                    min: loads.first().copied().unwrap_or(0),
                    median: median(&loads),
                    max: loads.last().copied().unwrap_or(0),
                    total: loads.iter().sum(),
                },
            }
        })
        .collect();
    let mut not_counted = not_counted;
    not_counted.sort_by(|a, b| (a.draw_date, &a.id).cmp(&(b.draw_date, &b.id)));
    Report {
        schema: REPORT_SCHEMA,
        year,
        internal: true,
        ledger_head,
        summary,
        by_credit_class,
        by_department,
        officers: officer_rows,
        repeat_visits,
        campaigns: rows,
        not_counted,
    }
}
