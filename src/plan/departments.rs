//! The department side of `plan check`: expected places against capacity,
//! qualified and same-region officers, unstaffable targets, overlapping
//! periods and the year's totals per department.

use super::findings::{
    CampaignCheck, DepartmentCheck, DepartmentYear, Finding, FindingKind, FindingText, PeriodCheck,
    PlanCheckError, Severity,
};
use super::frac::{Expected, YearExpected};
use super::tally::working_days;
use crate::core::calendar::Calendar;
use crate::core::campaign::Campaign;
use std::collections::BTreeMap;

/// A finding when `e` (expected) exceeds `limit`: a problem when the
/// expectation does, a warning when only the worst case does.
pub(super) fn against(e: &Expected, limit: u64) -> Option<Severity> {
    if e.exact.exceeds(u128::from(limit)) {
        Some(Severity::Problem)
    } else if e.at_most > limit {
        Some(Severity::Warning)
    } else {
        None
    }
}

pub(super) fn department_findings(
    c: &Campaign,
    d: &DepartmentCheck,
    period: Option<&PeriodCheck>,
    limit: u64,
    findings: &mut Vec<Finding>,
) {
    let mut push = |severity: Severity, kind: FindingKind, message: String, text: FindingText| {
        findings.push(Finding {
            severity,
            kind,
            campaigns: vec![c.id.clone()],
            department: Some(d.department.clone()),
            message,
            text,
        });
    };
    let problem = |sev: Severity| {
        if sev == Severity::Problem {
            "expected"
        } else {
            "worst"
        }
    };
    let per = c
        .teams
        .max_targets_per_officer
        .map(|m| format!("{m}"))
        .unwrap_or_default();
    let worst = |sev: Severity| match sev {
        Severity::Problem => "expected",
        Severity::Warning => "in the worst case",
    };
    if d.unstaffable.entities > 0 {
        let shown: Vec<String> = d
            .unstaffable
            .examples
            .iter()
            .map(|x| {
                format!(
                    "{} {} (needs {}, {} eligible)",
                    x.uscc, x.name, x.demand, x.eligible
                )
            })
            .collect();
        push(
            Severity::Problem,
            FindingKind::Unstaffable,
            format!(
                "campaign {}: {} pool entit{} cannot be staffed by {} ({} of its {} officer(s) are active with a certificate valid on {}; the region rule \"{}\", qualifications and recusals leave fewer than needed): {}{}; if one is drawn (≈{} expected) the draw fails",
                c.id,
                d.unstaffable.entities,
                if d.unstaffable.entities == 1 {
                    "y"
                } else {
                    "ies"
                },
                d.department,
                d.eligible,
                d.officers,
                c.draw_date,
                c.teams.officer_region.token(),
                shown.join(", "),
                if d.unstaffable.entities > shown.len() as u64 {
                    ", …"
                } else {
                    ""
                },
                d.unstaffable.expected_drawn.rounded
            ),
            FindingText::new(
                "plan-finding-unstaffable",
                &[
                    ("campaign", &c.id),
                    ("entities", &d.unstaffable.entities),
                    ("department", &d.department),
                    ("eligible", &d.eligible),
                    ("officers", &d.officers),
                    ("date", &c.draw_date),
                    ("rule", &c.teams.officer_region.token()),
                    ("examples", &shown.join(", ")),
                    (
                        "more",
                        &if d.unstaffable.entities > shown.len() as u64 {
                            ", …"
                        } else {
                            ""
                        },
                    ),
                    ("expected", &d.unstaffable.expected_drawn.rounded),
                ],
            ),
        );
    }
    if let Some(capacity) = d.capacity
        && let Some(sev) = against(&d.places, capacity)
    {
        push(
            sev,
            FindingKind::Capacity,
            format!(
                "campaign {}: {} needs ≈{} officer place(s) (at most {}): {} more than its capacity {} ({} eligible officer(s) × {per} target(s) each)",
                c.id,
                d.department,
                d.places.rounded,
                d.places.at_most,
                worst(sev),
                capacity,
                d.eligible
            ),
            FindingText::new(
                "plan-finding-capacity",
                &[
                    ("campaign", &c.id),
                    ("department", &d.department),
                    ("places", &d.places.rounded),
                    ("at_most", &d.places.at_most),
                    ("case", &problem(sev)),
                    ("capacity", &capacity),
                    ("eligible", &d.eligible),
                    ("per", &per),
                ],
            ),
        );
    }
    // A qualification or region check that says what the department's
    // capacity check says (the same officers, the same places) is left out.
    let same_as_department =
        |officers: u64, places: &Expected| officers == d.eligible && places.exact == d.places.exact;
    for q in &d.qualifications {
        if same_as_department(q.holders, &q.places) {
            continue;
        }
        if let Some(capacity) = q.capacity
            && let Some(sev) = against(&q.places, capacity)
        {
            push(
                sev,
                FindingKind::Qualification,
                format!(
                    "campaign {}: {} needs ≈{} place(s) (at most {}) holding {}: {} more than {} holder(s) × {per} = {}",
                    c.id,
                    d.department,
                    q.places.rounded,
                    q.places.at_most,
                    q.qualification,
                    worst(sev),
                    q.holders,
                    capacity
                ),
                FindingText::new(
                    "plan-finding-qualification",
                    &[
                        ("campaign", &c.id),
                        ("department", &d.department),
                        ("places", &q.places.rounded),
                        ("at_most", &q.places.at_most),
                        ("qualification", &q.qualification),
                        ("case", &problem(sev)),
                        ("holders", &q.holders),
                        ("per", &per),
                        ("capacity", &capacity),
                    ],
                ),
            );
        }
    }
    for r in &d.regions {
        if same_as_department(r.officers, &r.places) {
            continue;
        }
        if let Some(capacity) = r.capacity
            && let Some(sev) = against(&r.places, capacity)
        {
            push(
                sev,
                FindingKind::Region,
                format!(
                    "campaign {}: {} needs ≈{} place(s) (at most {}) for targets in region {}: {} more than the {} officer(s) the region rule \"{}\" allows × {per} = {}",
                    c.id,
                    d.department,
                    r.places.rounded,
                    r.places.at_most,
                    r.region,
                    worst(sev),
                    r.officers,
                    c.teams.officer_region.token(),
                    capacity
                ),
                FindingText::new(
                    "plan-finding-region",
                    &[
                        ("campaign", &c.id),
                        ("department", &d.department),
                        ("places", &r.places.rounded),
                        ("at_most", &r.places.at_most),
                        ("region", &r.region),
                        ("case", &problem(sev)),
                        ("officers", &r.officers),
                        ("rule", &c.teams.officer_region.token()),
                        ("per", &per),
                        ("capacity", &capacity),
                    ],
                ),
            );
        }
    }
    if let (Some(p), Some(vc)) = (period, d.visit_capacity)
        && p.working_days > 0
        && let Some(sev) = against(&d.places, vc)
    {
        push(
            sev,
            FindingKind::PeriodTooShort,
            format!(
                "campaign {}: {} has ≈{} visit(s) (at most {}) to make in {} working day(s) of {}..{}: {} more than {} eligible officer(s) × {} day(s) × {limit} visit(s) a day = {}{}",
                c.id,
                d.department,
                d.places.rounded,
                d.places.at_most,
                p.working_days,
                p.start,
                p.end,
                worst(sev),
                d.eligible,
                p.working_days,
                vc,
                d.working_days_needed
                    .map(|n| format!("; the expected visits need at least {n} working day(s)"))
                    .unwrap_or_default()
            ),
            FindingText::new(
                "plan-finding-period",
                &[
                    ("campaign", &c.id),
                    ("department", &d.department),
                    ("places", &d.places.rounded),
                    ("at_most", &d.places.at_most),
                    ("days", &p.working_days),
                    ("start", &p.start),
                    ("end", &p.end),
                    ("case", &problem(sev)),
                    ("eligible", &d.eligible),
                    ("limit", &limit),
                    ("capacity", &vc),
                    (
                        "needed",
                        &d.working_days_needed
                            .map_or_else(|| "none".to_string(), |n| n.to_string()),
                    ),
                ],
            ),
        );
    }
}

/// Campaigns needing one department in overlapping periods: a warning, or a
/// problem when their visits together exceed the officers' working days
/// over both periods.
pub(super) fn overlaps(
    cal: &Calendar,
    campaigns: &[CampaignCheck],
    limit: u64,
    findings: &mut Vec<Finding>,
) -> Result<(), PlanCheckError> {
    let mut by_dept: BTreeMap<&str, Vec<(&CampaignCheck, &PeriodCheck, &DepartmentCheck)>> =
        BTreeMap::new();
    for c in campaigns {
        let (Some(p), Some(n)) = (&c.period, &c.numbers) else {
            continue;
        };
        for d in &n.departments {
            if d.places.at_most > 0 {
                by_dept
                    .entry(d.department.as_str())
                    .or_default()
                    .push((c, p, d));
            }
        }
    }
    for (dept, list) in by_dept {
        for (i, (a, pa, da)) in list.iter().enumerate() {
            for (b, pb, db) in &list[i + 1..] {
                if pa.start > pb.end || pb.start > pa.end {
                    continue;
                }
                let (start, end) = (pa.start.min(pb.start), pa.end.max(pb.end));
                let days =
                    working_days(cal, start, end).map_err(|source| PlanCheckError::Calendar {
                        campaign: format!("{} and {}", a.id, b.id),
                        start,
                        end,
                        source,
                    })?;
                let officers = da.eligible.min(db.eligible);
                let capacity = officers.saturating_mul(days).saturating_mul(limit);
                let together = da.places.exact.checked_add(db.places.exact);
                let exceeds = match together {
                    Some(t) => t.exceeds(u128::from(capacity)),
                    None => {
                        da.places.exact.millionths() + db.places.exact.millionths()
                            > u128::from(capacity) * 1_000_000
                    }
                };
                let rounded = YearExpected::sum([&da.places, &db.places]).rounded;
                findings.push(Finding {
                    severity: if exceeds {
                        Severity::Problem
                    } else {
                        Severity::Warning
                    },
                    kind: FindingKind::Overlap,
                    campaigns: vec![a.id.clone(), b.id.clone()],
                    department: Some(dept.to_string()),
                    message: format!(
                        "campaigns {} ({}..{}) and {} ({}..{}) both need {dept} in overlapping periods: together ≈{rounded} visit(s) in {days} working day(s) of {start}..{end}, {} {officers} officer(s) × {days} day(s) × {limit} visit(s) a day = {capacity}",
                        a.id,
                        pa.start,
                        pa.end,
                        b.id,
                        pb.start,
                        pb.end,
                        if exceeds { "more than" } else { "within" }
                    ),
                    text: FindingText::new(
                        "plan-finding-overlap",
                        &[
                            ("a", &a.id),
                            ("a_start", &pa.start),
                            ("a_end", &pa.end),
                            ("b", &b.id),
                            ("b_start", &pb.start),
                            ("b_end", &pb.end),
                            ("department", &dept),
                            ("visits", &rounded),
                            ("days", &days),
                            ("start", &start),
                            ("end", &end),
                            ("case", &if exceeds { "more" } else { "within" }),
                            ("officers", &officers),
                            ("limit", &limit),
                            ("capacity", &capacity),
                        ],
                    ),
                });
            }
        }
    }
    Ok(())
}

pub(super) fn year_totals(campaigns: &[CampaignCheck]) -> Vec<DepartmentYear> {
    let mut by_dept: BTreeMap<&str, Vec<&DepartmentCheck>> = BTreeMap::new();
    let mut ids: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for c in campaigns {
        let Some(n) = &c.numbers else { continue };
        for d in &n.departments {
            by_dept.entry(d.department.as_str()).or_default().push(d);
            ids.entry(d.department.as_str())
                .or_default()
                .push(c.id.clone());
        }
    }
    by_dept
        .into_iter()
        .map(|(dept, list)| {
            let places = YearExpected::sum(list.iter().map(|d| &d.places));
            let officers = list.iter().map(|d| d.eligible).min().unwrap_or(0);
            let capacity = list
                .iter()
                .try_fold(0u64, |acc, d| d.capacity.map(|c| acc.saturating_add(c)));
            let places_per_officer = (officers > 0).then(|| {
                // Millionths / officers, to tenths, half up.
                let m = places.millionths / u128::from(officers);
                super::frac::tenths_text(m.saturating_add(50_000) / 100_000)
            });
            DepartmentYear {
                department: dept.to_string(),
                campaigns: ids.remove(dept).unwrap_or_default(),
                targets: YearExpected::sum(list.iter().map(|d| &d.targets)),
                places,
                officers,
                capacity,
                places_per_officer,
            }
        })
        .collect()
}
