//! `status`: every drawn target, with or without a result, by its deadline
//! (pending, due, overdue), per department and township.

use super::calendar::CalendarArgs;
use super::i18n::{Num, t};
use super::{Cli, Failure, Out};
use crate::store::{
    CampaignState, DueBasis, Tally, TargetDeadline, TargetState, Workspace, campaign_statuses,
};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

pub(super) fn status(
    cli: &Cli,
    out: &Out,
    today: NaiveDate,
    calendar: &CalendarArgs,
) -> Result<(), Failure> {
    let mut ws = Workspace::open(&cli.workspace)?;
    let loaded = super::calendar::load(cli, &mut ws, calendar, "status", None)?;
    let cal = &loaded.cal;
    let statuses = campaign_statuses(&ws, cal, today, &|id| ws.unpublished_results(id))?;
    let mut rows = Vec::new();
    let mut t = t!("status-heading", today = today);
    t.push('\n');
    let mut totals = Tally::default();
    let mut by_department: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_township: BTreeMap<String, Tally> = BTreeMap::new();
    let mut missing_years: BTreeSet<i32> = BTreeSet::new();
    for s in statuses {
        let id = &s.id;
        let mut entry = serde_json::json!({"id": id, "state": s.state});
        let state = match s.state {
            CampaignState::Announced => "announced",
            CampaignState::Drawn => "drawn",
            CampaignState::Voided => "voided",
        };
        t.push_str(&t!("status-campaign", campaign = id, state = state));
        if let Some(d) = s.drawn {
            let due = |v: &[crate::store::ResultDue]| -> Vec<serde_json::Value> {
                v.iter()
                    .map(|o| serde_json::json!({"target": o.target, "item": o.item, "due": o.due, "provisional": o.provisional}))
                    .collect()
            };
            let (overdue, due_soon) = (due(&d.deadlines.overdue), due(&d.deadlines.due_soon));
            let unknown: Vec<serde_json::Value> = d
                .deadlines
                .unknown
                .iter()
                .map(|u| serde_json::json!({"target": u.target, "item": u.item, "why": u.why, "year": u.year}))
                .collect();
            let tally = d.targets_due.totals;
            let yes = |b: bool| if b { "yes" } else { "no" };
            t.push_str(&t!(
                "status-drawn",
                targets = d.targets,
                with_results = d.with_results,
                list = yes(d.list_published),
                results = yes(d.results_published),
                overdue = tally.overdue,
                due_soon = tally.due_soon
            ));
            // Visit dates (docs/SCHEDULE.md §16).
            entry["schedule"] = match &d.schedule {
                None => {
                    t.push_str(&t!("status-not-scheduled"));
                    serde_json::Value::Null
                }
                Some(sc) => {
                    let moves = sc.reschedules;
                    t.push_str(&t!(
                        "status-scheduled",
                        key = sc.key,
                        moves = Num(moves as u64),
                        revealed = yes(sc.revealed)
                    ));
                    serde_json::json!({"key": sc.key, "reschedules": moves, "revealed": sc.revealed,
                        "visits_on_days_off": sc.visits_on_days_off.iter()
                            .map(|(v, day)| serde_json::json!({"visit": v, "date": day}))
                            .collect::<Vec<_>>(),
                        "provisional_visits": sc.provisional_visits})
                }
            };
            let _ = write!(t, "\n  {}", msg_tally(&t!("status-targets"), &tally));
            for u in &d.deadlines.unknown {
                let _ = write!(
                    t,
                    "\n  {}",
                    t!(
                        "status-due-unknown",
                        target = u.target,
                        item = u.item,
                        why = u.why
                    )
                );
            }
            for o in &d.deadlines.overdue {
                let _ = write!(
                    t,
                    "\n  {}",
                    t!(
                        "status-overdue",
                        target = o.target,
                        item = o.item,
                        due = o.due,
                        mark = mark(o.provisional)
                    )
                );
            }
            for o in &d.deadlines.due_soon {
                let _ = write!(
                    t,
                    "\n  {}",
                    t!(
                        "status-due-soon",
                        target = o.target,
                        item = o.item,
                        due = o.due,
                        mark = mark(o.provisional)
                    )
                );
            }
            // Targets without any result: by their deadline too.
            for x in d.targets_due.targets.iter().filter(|x| x.results == 0) {
                // Unknown ones are counted; how to count them is said once, below.
                let line = match x.state {
                    TargetState::Overdue => {
                        t!(
                            "status-target-overdue",
                            target = x.target,
                            why = msg_no_result(x)
                        )
                    }
                    TargetState::Pending if x.due_soon => {
                        t!(
                            "status-target-due-soon",
                            target = x.target,
                            why = msg_no_result(x)
                        )
                    }
                    _ => continue,
                };
                let _ = write!(t, "\n  {line}");
            }
            if let Some(sc) = &d.schedule {
                for (v, day) in &sc.visits_on_days_off {
                    let _ = write!(t, "\n  {}", msg_visit_on_day_off(&sc.key, v, *day));
                }
            }
            missing_years.extend(d.targets_due.targets.iter().filter_map(|x| x.missing_year));
            missing_years.extend(d.deadlines.unknown.iter().filter_map(|u| u.year));
            totals.merge(&tally);
            for (k, v) in &d.targets_due.by_department {
                by_department.entry(k.clone()).or_default().merge(v);
            }
            for (k, v) in &d.targets_due.by_township {
                by_township.entry(k.clone()).or_default().merge(v);
            }
            entry["targets"] = d.targets.into();
            entry["with_results"] = d.with_results.into();
            entry["results"] = d.results.into();
            entry["list_published"] = d.list_published.into();
            entry["results_published"] = d.results_published.into();
            entry["unpublished_results"] = d.unpublished_results.into();
            entry["due_unknown"] = unknown.into();
            entry["overdue"] = overdue.into();
            entry["due_soon"] = due_soon.into();
            entry["totals"] = serde_json::to_value(tally).unwrap_or_default();
            entry["by_department"] =
                serde_json::to_value(&d.targets_due.by_department).unwrap_or_default();
            entry["by_township"] =
                serde_json::to_value(&d.targets_due.by_township).unwrap_or_default();
            entry["target_deadlines"] =
                serde_json::to_value(&d.targets_due.targets).unwrap_or_default();
        }
        t.push('\n');
        rows.push(entry);
    }
    if rows.is_empty() {
        t.push_str(&t!("status-no-campaigns"));
        t.push('\n');
    }
    if totals.targets > 0 {
        let _ = writeln!(t, "{}", msg_tally(&t!("status-all-targets"), &totals));
        let _ = writeln!(t, "{}", t!("status-by-department"));
        for (k, v) in &by_department {
            let name = if k.is_empty() {
                t!("status-no-department")
            } else {
                k.clone()
            };
            let _ = writeln!(t, "  {}", msg_tally(&name, v));
        }
        let _ = writeln!(t, "{}", t!("status-by-township"));
        for (k, v) in &by_township {
            let _ = writeln!(t, "  {}", msg_tally(k, v));
        }
    }
    if !missing_years.is_empty() {
        let _ = writeln!(
            t,
            "{}",
            super::calendar::msg_status_missing_years(&missing_years)
        );
    }
    t.push_str(loaded.notes().trim_start());
    out.done(
        "dualdraw.status.v1",
        &serde_json::json!({"today": today, "campaigns": rows,
            "totals": totals, "by_department": by_department, "by_township": by_township,
            "calendar": {"official_years": cal.years(), "assumed_years": cal.assumed_years(),
                "missing_years": missing_years}}),
        t.trim_end(),
    )
}

/// The provisional mark after a date, or nothing.
fn mark(provisional: bool) -> String {
    if provisional {
        t!("status-provisional")
    } else {
        String::new()
    }
}

/// A line of totals: `NAME: N target(s): … published, … pending (期限未到), …`.
fn msg_tally(name: &str, t: &Tally) -> String {
    let mut s = t!(
        "status-tally",
        name = name,
        targets = t.targets,
        published = t.published,
        pending = t.pending,
        overdue = t.overdue,
        unknown = t.unknown,
        no_result = t.no_result
    );
    if t.provisional > 0 {
        s.push_str(&t!("status-tally-provisional", count = t.provisional));
    }
    s
}

/// A target without any result, by its deadline.
fn msg_no_result(x: &TargetDeadline) -> String {
    let basis = match (x.due_basis, x.visit) {
        (Some(DueBasis::Visit), Some(v)) => t!("status-basis-visit", visit = v),
        (Some(DueBasis::PeriodEnd), _) => t!("status-basis-period-end"),
        _ => String::new(),
    };
    match (x.due, &x.why) {
        (Some(d), _) => t!(
            "status-no-result-due",
            due = d,
            mark = mark(x.provisional),
            basis = basis
        ),
        (None, Some(why)) => t!("status-no-result-why", why = why),
        (None, None) => t!("status-no-result"),
    }
}

/// A visit on a day that turned out to be a day off.
fn msg_visit_on_day_off(key: &str, visit: &str, day: NaiveDate) -> String {
    t!(
        "status-visit-on-day-off",
        visit = visit,
        date = day,
        command = key.replace('+', " ")
    )
}
