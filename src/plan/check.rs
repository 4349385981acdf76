//! `plan check`: what a plan would draw from the workspace's current
//! snapshot, and every rule it cannot meet, before anything is drawn.
//!
//! Per campaign: the announcement checks ([`crate::store::check_campaigns`]),
//! the pool and each stratum's `N` and `n` exactly as the draw computes them
//! (`docs/SPEC.md` §5), the expected targets and officer places per
//! department (§6), capacity against the officers eligible on the draw date,
//! pool entities that could not be staffed if drawn, and the period's working
//! days. Across the plan: per department, the year's places, and campaigns
//! with overlapping periods.

use super::departments::{department_findings, overlaps, year_totals};
use super::findings::{
    CampaignCheck, CampaignNumbers, DepartmentCheck, Finding, FindingKind, FindingText,
    PeriodCheck, PlanCheck, PlanCheckError, QualificationCheck, RegionCheck, Severity,
    StratumCheck, UnstaffableCheck, UnstaffableExample,
};
use super::parse::Plan;
use super::tally::{DeptTally, EXAMPLES, cap, class_index, region_ok, working_days};
use crate::core::assign::needs_of;
use crate::core::calendar::Calendar;
use crate::core::campaign::{Campaign, OfficerRegion, instant_text};
use crate::core::registry::vocab::CreditClass;
use crate::core::registry::{Officer, Registries, RegistryKind};
use crate::core::sample::{self, HistorySets};
use crate::store::{AnnounceError, Store, check_campaigns, history_for};
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, HashMap};

/// Checks a plan against the workspace's current snapshot and history as if
/// its campaigns were announced at `now`; records nothing.
///
/// # Errors
/// [`PlanCheckError`] when the plan cannot be checked at all (no snapshot, a
/// period in a year without a holiday schedule, the store failing). Rules
/// that cannot be met are [`Finding`]s of the report.
pub fn check<S: Store + ?Sized>(
    ws: &S,
    plan: &Plan,
    cal: &Calendar,
    now: DateTime<Utc>,
) -> Result<PlanCheck, PlanCheckError> {
    // Periods first: a year without a holiday schedule is an error, not a guess.
    let mut periods = Vec::with_capacity(plan.campaigns.len());
    for c in &plan.campaigns {
        periods.push(match &c.period {
            None => None,
            Some(p) => Some(PeriodCheck {
                start: p.start,
                end: p.end,
                working_days: working_days(cal, p.start, p.end).map_err(|source| {
                    PlanCheckError::Calendar {
                        campaign: c.id.clone(),
                        start: p.start,
                        end: p.end,
                        source,
                    }
                })?,
            }),
        });
    }
    let snap = ws.current_snapshot()?.ok_or(PlanCheckError::NoSnapshot)?;
    let mut findings = Vec::new();
    let mut announceable = vec![true; plan.campaigns.len()];
    announce_findings(ws, plan, now, &mut announceable, &mut findings)?;
    // Only the entities that can be in a campaign's pool (streamed).
    let kinds = [RegistryKind::Officers, RegistryKind::Recusals];
    let reg = crate::store::pool_registries(ws, &snap, &kinds, &plan.campaigns)?;
    let limit = u64::from(plan.max_visits_per_officer_per_day);
    let mut campaigns = Vec::with_capacity(plan.campaigns.len());
    for ((c, period), ok) in plan.campaigns.iter().zip(periods).zip(announceable) {
        let numbers = numbers(ws, &reg, c, period.as_ref(), limit, &mut findings)?;
        if let Some(p) = &period
            && p.working_days == 0
        {
            findings.push(Finding {
                severity: Severity::Problem,
                kind: FindingKind::NoWorkingDays,
                campaigns: vec![c.id.clone()],
                department: None,
                message: format!(
                    "campaign {}: the period {}..{} has no working day (工作日): no visit can be dated in it",
                    c.id, p.start, p.end
                ),
                text: FindingText::new(
                    "plan-finding-no-working-days",
                    &[("campaign", &c.id), ("start", &p.start), ("end", &p.end)],
                ),
            });
        }
        campaigns.push(CampaignCheck {
            id: c.id.clone(),
            title: c.title.clone(),
            lead_department: c.lead_department.clone(),
            draw_date: c.draw_date,
            coordination: c.coordination.as_ref().map(|k| k.group.clone()),
            announceable: ok,
            period,
            numbers,
        });
    }
    overlaps(cal, &campaigns, limit, &mut findings)?;
    let departments = year_totals(&campaigns);
    findings.sort_by_key(|f| f.severity);
    let problems = findings
        .iter()
        .filter(|f| f.severity == Severity::Problem)
        .count();
    Ok(PlanCheck {
        plan: plan.name.clone(),
        year: plan.year,
        snapshot: snap.id,
        snapshot_digest: snap.digest,
        as_of: instant_text(&now),
        max_visits_per_officer_per_day: plan.max_visits_per_officer_per_day,
        problems,
        warnings: findings.len() - problems,
        campaigns,
        departments,
        findings,
    })
}

/// The announcement checks: every campaign at once, and when that fails,
/// each campaign alone (a coordination group together) to name every one
/// that would be refused.
fn announce_findings<S: Store + ?Sized>(
    ws: &S,
    plan: &Plan,
    now: DateTime<Utc>,
    announceable: &mut [bool],
    findings: &mut Vec<Finding>,
) -> Result<(), PlanCheckError> {
    let taken = ws.campaign_ids()?;
    for (i, c) in plan.campaigns.iter().enumerate() {
        if taken.contains(&c.id) {
            announceable[i] = false;
            findings.push(Finding {
                severity: Severity::Problem,
                kind: FindingKind::Announce,
                campaigns: vec![c.id.clone()],
                department: None,
                message: format!(
                    "campaign {} is already announced in this workspace: a campaign id is announced once",
                    c.id
                ),
                text: FindingText::new("plan-finding-announced", &[("campaign", &c.id)]),
            });
        }
    }
    let fatal = |e: AnnounceError| match e {
        AnnounceError::NoSnapshot => Some(PlanCheckError::NoSnapshot),
        AnnounceError::Store(s) => Some(PlanCheckError::Store(s)),
        _ => None,
    };
    match check_campaigns(ws, plan.campaigns.clone(), now) {
        Ok(_) => return Ok(()),
        Err(e) => {
            if let Some(f) = fatal(e) {
                return Err(f);
            }
        }
    }
    // Units: each uncoordinated campaign alone, each group together.
    let mut units: Vec<Vec<usize>> = Vec::new();
    let mut group_unit: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, c) in plan.campaigns.iter().enumerate() {
        match &c.coordination {
            Some(k) => match group_unit.get(k.group.as_str()) {
                Some(&u) => units[u].push(i),
                None => {
                    group_unit.insert(k.group.as_str(), units.len());
                    units.push(vec![i]);
                }
            },
            None => units.push(vec![i]),
        }
    }
    for unit in units {
        let list: Vec<Campaign> = unit.iter().map(|&i| plan.campaigns[i].clone()).collect();
        if let Err(e) = check_campaigns(ws, list, now) {
            let message = e.to_string();
            if let Some(f) = fatal(e) {
                return Err(f);
            }
            for &i in &unit {
                announceable[i] = false;
            }
            findings.push(Finding {
                severity: Severity::Problem,
                kind: FindingKind::Announce,
                campaigns: unit.iter().map(|&i| plan.campaigns[i].id.clone()).collect(),
                department: None,
                text: FindingText::new("plan-finding-refused", &[("why", &message)]),
                message: format!("would be refused at announcement: {message}"),
            });
        }
    }
    Ok(())
}

/// Eligible officers (indices) of a department for a qualification set and
/// region, before blocked pairs.
type EligibleKey = (String, Vec<String>, Option<String>);

fn numbers<S: Store + ?Sized>(
    ws: &S,
    reg: &Registries,
    c: &Campaign,
    period: Option<&PeriodCheck>,
    limit: u64,
    findings: &mut Vec<Finding>,
) -> Result<Option<CampaignNumbers>, PlanCheckError> {
    let Ok(items) = sample::campaign_items(reg, c) else {
        return Ok(None);
    };
    let Ok(cats) = sample::categories(c, &items) else {
        return Ok(None);
    };
    let history = history_for(ws, c)?;
    let sets = HistorySets {
        exclusion: history.exclusion.iter().cloned().collect(),
        drawn_this_year: history.drawn_this_year.iter().cloned().collect(),
    };
    let pool = sample::pool(reg, c, &cats, &sets);
    let mut sizes = [(0u64, 0u64); 4];
    for &i in &pool.members {
        sizes[class_index(reg.entities[i].credit_class)].0 += 1;
    }
    let mut strata = Vec::new();
    for (s, class) in CreditClass::ALL.iter().enumerate() {
        let stratum = c.stratum(*class);
        sizes[s].1 = stratum.map_or(0, |st| st.allocate(sizes[s].0));
        if sizes[s].0 > 0 || stratum.is_some() {
            strata.push(StratumCheck {
                credit_class: *class,
                pool: sizes[s].0,
                drawn: sizes[s].1,
                has_stratum: stratum.is_some(),
            });
        }
    }
    let date = c.draw_date;
    let rule = c.teams.officer_region;
    let mut by_dept: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, o) in reg.officers.iter().enumerate() {
        by_dept.entry(o.department.as_str()).or_default().push(i);
    }
    let officer_index: HashMap<&str, usize> = reg
        .officers
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.as_str(), i))
        .collect();
    // Blocked pairs by entity: declared recusals and the officer history (§6).
    let mut blocked: HashMap<&str, Vec<usize>> = HashMap::new();
    for r in &reg.recusals {
        if let Some(&o) = officer_index.get(r.officer_id.as_str()) {
            blocked.entry(r.uscc.as_str()).or_default().push(o);
        }
    }
    for v in &history.officer_history {
        if let Some(&o) = officer_index.get(v.officer.as_str()) {
            blocked.entry(v.target.as_str()).or_default().push(o);
        }
    }
    let empty: Vec<usize> = Vec::new();
    let mut cache: HashMap<EligibleKey, Vec<usize>> = HashMap::new();
    let mut tallies: BTreeMap<String, DeptTally> = BTreeMap::new();
    for &i in &pool.members {
        let e = &reg.entities[i];
        let s = class_index(e.credit_class);
        let t = needs_of(e, c, &items, &cats);
        for need in &t.needs {
            let d = tallies.entry(need.department.clone()).or_default();
            d.targets.add(s, 1);
            d.places.add(s, need.demand);
            for q in &need.qualifications {
                d.quals.entry(q.clone()).or_default().add(s, need.demand);
            }
            if rule != OfficerRegion::Any {
                d.regions
                    .entry(e.region.as_str().to_string())
                    .or_default()
                    .add(s, need.demand);
            }
            let region = (rule != OfficerRegion::Any).then(|| e.region.as_str().to_string());
            let key = (need.department.clone(), need.qualifications.clone(), region);
            let eligible = cache.entry(key).or_insert_with(|| {
                by_dept
                    .get(need.department.as_str())
                    .unwrap_or(&empty)
                    .iter()
                    .copied()
                    .filter(|&o| {
                        let off = &reg.officers[o];
                        off.eligible_on(date)
                            && region_ok(rule, off, e.region.as_str())
                            && need
                                .qualifications
                                .iter()
                                .all(|q| off.qualifications.binary_search(q).is_ok())
                    })
                    .collect()
            });
            let mut n = eligible.len() as u64;
            if let Some(b) = blocked.get(e.uscc.as_str()) {
                let mut b = b.clone();
                b.sort_unstable();
                b.dedup();
                n -= b
                    .iter()
                    .filter(|o| eligible.binary_search(o).is_ok())
                    .count() as u64;
            }
            if n < need.demand {
                d.unstaffable.add(s, 1);
                d.unstaffable_count += 1;
                if d.examples.len() < EXAMPLES {
                    d.examples.push(UnstaffableExample {
                        uscc: e.uscc.as_str().to_string(),
                        name: e.name.clone(),
                        demand: need.demand,
                        eligible: n,
                    });
                }
            }
        }
    }
    let too_large = || PlanCheckError::TooLarge(c.id.clone());
    let max = c.teams.max_targets_per_officer;
    let mut order: Vec<String> = tallies.keys().cloned().collect();
    if let Some(p) = order.iter().position(|d| *d == c.lead_department) {
        let lead = order.remove(p);
        order.insert(0, lead);
    }
    let mut departments = Vec::new();
    for dept in order {
        let Some(t) = tallies.remove(&dept) else {
            continue;
        };
        let officers = by_dept.get(dept.as_str()).unwrap_or(&empty);
        let eligible: Vec<&Officer> = officers
            .iter()
            .map(|&o| &reg.officers[o])
            .filter(|o| o.eligible_on(date))
            .collect();
        let n_eligible = eligible.len() as u64;
        let places = t.places.expected(&sizes).ok_or_else(too_large)?;
        let capacity = cap(n_eligible, max);
        let mut qualifications = Vec::new();
        for (q, tally) in &t.quals {
            let holders = eligible
                .iter()
                .filter(|o| o.qualifications.binary_search(q).is_ok())
                .count() as u64;
            qualifications.push(QualificationCheck {
                qualification: q.clone(),
                holders,
                places: tally.expected(&sizes).ok_or_else(too_large)?,
                capacity: cap(holders, max),
            });
        }
        let mut regions = Vec::new();
        for (r, tally) in &t.regions {
            let n = eligible.iter().filter(|o| region_ok(rule, o, r)).count() as u64;
            regions.push(RegionCheck {
                region: r.clone(),
                officers: n,
                places: tally.expected(&sizes).ok_or_else(too_large)?,
                capacity: cap(n, max),
            });
        }
        let (visit_capacity, working_days_needed) = match period {
            Some(p) => {
                let per_day = n_eligible.saturating_mul(limit);
                let needed = if per_day == 0 {
                    None
                } else {
                    u64::try_from(places.exact.ceil().div_ceil(u128::from(per_day))).ok()
                };
                (Some(per_day.saturating_mul(p.working_days)), needed)
            }
            None => (None, None),
        };
        let dc = DepartmentCheck {
            department: dept.clone(),
            targets: t.targets.expected(&sizes).ok_or_else(too_large)?,
            places,
            officers: officers.len() as u64,
            eligible: n_eligible,
            capacity,
            qualifications,
            regions,
            unstaffable: UnstaffableCheck {
                entities: t.unstaffable_count,
                expected_drawn: t.unstaffable.expected(&sizes).ok_or_else(too_large)?,
                examples: t.examples,
            },
            visit_capacity,
            working_days_needed,
        };
        department_findings(c, &dc, period, limit, findings);
        departments.push(dc);
    }
    Ok(Some(CampaignNumbers {
        pool: pool.members.len() as u64,
        excluded_by_class: pool.excluded_by_class,
        categories: cats,
        targets: sizes.iter().map(|(_, n)| n).sum(),
        strata,
        max_targets_per_officer: max,
        departments,
    }))
}
