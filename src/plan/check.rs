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

use super::frac::{Expected, Fraction, YearExpected};
use super::parse::Plan;
use crate::core::assign::needs_of;
use crate::core::calendar::{Calendar, CalendarError};
use crate::core::campaign::{Campaign, OfficerRegion, instant_text};
use crate::core::merkle::Hash;
use crate::core::registry::vocab::CreditClass;
use crate::core::registry::{Officer, Registries};
use crate::core::sample::{self, HistorySets};
use crate::store::{AnnounceError, Store, StoreError, check_campaigns, history_for};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// How many unstaffable pool entities a department's check names.
const EXAMPLES: usize = 5;

/// Why a plan cannot be checked at all (as opposed to a rule it cannot
/// meet, which is a [`Finding`]).
#[derive(Debug, thiserror::Error)]
pub enum PlanCheckError {
    /// The workspace has no snapshot yet.
    #[error("the workspace has no snapshot yet: import the registries first")]
    NoSnapshot,
    /// A period's working days cannot be counted: its year's holiday
    /// schedule is not known (never a guess).
    #[error("campaign {campaign}: period {start}..{end}: {source}")]
    Calendar {
        /// Campaign id.
        campaign: String,
        /// Period start.
        start: NaiveDate,
        /// Period end.
        end: NaiveDate,
        /// The calendar's error.
        source: CalendarError,
    },
    /// A count is beyond exact 128-bit arithmetic (not met in practice).
    #[error("campaign {0}: the expected counts are too large for exact arithmetic")]
    TooLarge(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A rule that cannot be met as planned (`plan check` exits 1).
    Problem,
    /// A rule that holds on average but not in the worst case, or a note.
    Warning,
}

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// The campaign would be refused at announcement (or is already announced).
    Announce,
    /// Officer places against the eligible officers × `max_targets_per_officer`.
    Capacity,
    /// Places needing a qualification against its holders × `max_targets_per_officer`.
    Qualification,
    /// Places of one region against the officers the region rule allows there.
    Region,
    /// Pool entities whose places cannot be filled: drawing one makes the draw fail.
    Unstaffable,
    /// A period without a working day.
    NoWorkingDays,
    /// More visits than the officers' working days × the daily limit.
    PeriodTooShort,
    /// Campaigns of one department with overlapping periods.
    Overlap,
}

/// A rule that cannot be met, or a warning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Problem or warning.
    pub severity: Severity,
    /// What it is about.
    pub kind: FindingKind,
    /// The campaigns concerned (ids).
    pub campaigns: Vec<String>,
    /// The department concerned, if one.
    pub department: Option<String>,
    /// For people.
    pub message: String,
}

/// One stratum as the draw would compute it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StratumCheck {
    /// Credit class (confidential: internal report).
    pub credit_class: CreditClass,
    /// `N`: pool entities of the class.
    pub pool: u64,
    /// `n`: drawn (0 when the campaign has no stratum for a class in the pool).
    pub drawn: u64,
    /// Whether the campaign has a stratum for the class.
    pub has_stratum: bool,
}

/// A campaign's period and its working days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodCheck {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// Working days (工作日) in it, both ends included.
    pub working_days: u64,
}

/// Places needing one qualification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QualificationCheck {
    /// The qualification (资质).
    pub qualification: String,
    /// Eligible officers (active, certified) of the department holding it.
    pub holders: u64,
    /// Places that need it.
    pub places: Expected,
    /// `holders × max_targets_per_officer` (`None`: no limit).
    pub capacity: Option<u64>,
}

/// Places of targets in one region, under the region rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionCheck {
    /// The targets' region code.
    pub region: String,
    /// Eligible officers (active, certified) of the department the rule allows there.
    pub officers: u64,
    /// Places of targets in the region.
    pub places: Expected,
    /// `officers × max_targets_per_officer` (`None`: no limit).
    pub capacity: Option<u64>,
}

/// A pool entity that could not be staffed if drawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnstaffableExample {
    /// USCC.
    pub uscc: String,
    /// Name.
    pub name: String,
    /// Places it needs from the department.
    pub demand: u64,
    /// Officers eligible for it.
    pub eligible: u64,
}

/// Pool entities whose places in one department cannot be filled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnstaffableCheck {
    /// How many pool entities.
    pub entities: u64,
    /// How many of them a draw is expected to draw.
    pub expected_drawn: Expected,
    /// The first few, by USCC.
    pub examples: Vec<UnstaffableExample>,
}

/// One department in one campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DepartmentCheck {
    /// Department.
    pub department: String,
    /// Drawn targets needing the department (one of their categories in
    /// the campaign's is an item of the department's).
    pub targets: Expected,
    /// Officer places (`per_department` per target, plus the `min_size` top-up).
    pub places: Expected,
    /// The department's officers.
    pub officers: u64,
    /// Of them, active with a certificate valid on the draw date.
    pub eligible: u64,
    /// `eligible × max_targets_per_officer` (`None`: no limit).
    pub capacity: Option<u64>,
    /// Per qualification the department's items require.
    pub qualifications: Vec<QualificationCheck>,
    /// Per region of the pool, under `officer_region = "same"` or `"other"`.
    pub regions: Vec<RegionCheck>,
    /// Pool entities that could not be staffed.
    pub unstaffable: UnstaffableCheck,
    /// With a period: `eligible × working days × daily limit`.
    pub visit_capacity: Option<u64>,
    /// With a period: working days the expected places need at the daily limit.
    pub working_days_needed: Option<u64>,
}

/// What a campaign would draw now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CampaignNumbers {
    /// Pool size (after class exclusions).
    pub pool: u64,
    /// Left out by class.
    pub excluded_by_class: u64,
    /// Categories drawn from.
    pub categories: Vec<String>,
    /// Every class in the pool or with a stratum, A to D.
    pub strata: Vec<StratumCheck>,
    /// Targets drawn (the sum of the strata's `n`).
    pub targets: u64,
    /// The campaign's limit per officer.
    pub max_targets_per_officer: Option<u64>,
    /// Per department: the lead department first, then by name.
    pub departments: Vec<DepartmentCheck>,
}

/// One campaign of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CampaignCheck {
    /// Campaign id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Lead department.
    pub lead_department: String,
    /// Draw date.
    pub draw_date: NaiveDate,
    /// Coordination group, if any.
    pub coordination: Option<String>,
    /// Whether the announcement checks pass now.
    pub announceable: bool,
    /// The period, if any.
    pub period: Option<PeriodCheck>,
    /// The numbers (`None` when the items or categories are wrong).
    pub numbers: Option<CampaignNumbers>,
}

/// One department over the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DepartmentYear {
    /// Department.
    pub department: String,
    /// Campaigns that need it.
    pub campaigns: Vec<String>,
    /// Drawn targets needing it over the year.
    pub targets: YearExpected,
    /// Officer places over the year.
    pub places: YearExpected,
    /// The fewest eligible officers on any of its campaigns' draw dates.
    pub officers: u64,
    /// Sum of the campaigns' capacities (`None` when one has no limit).
    pub capacity: Option<u64>,
    /// Expected places per officer over the year, one decimal (half up).
    pub places_per_officer: Option<String>,
}

/// The report of `plan check` (`dualdraw.plan-check.v1`). It shows credit-class
/// counts, which are confidential: an internal report, not for publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanCheck {
    /// The plan's name.
    pub plan: String,
    /// Its year.
    pub year: i32,
    /// The snapshot checked against.
    pub snapshot: u64,
    /// Its digest.
    pub snapshot_digest: Hash,
    /// The instant the announcement checks assumed.
    pub as_of: String,
    /// The daily limit of visits per officer assumed.
    pub max_visits_per_officer_per_day: u32,
    /// Findings that are problems.
    pub problems: usize,
    /// Findings that are warnings.
    pub warnings: usize,
    /// Per campaign, in the plan's order.
    pub campaigns: Vec<CampaignCheck>,
    /// Per department over the year, by name.
    pub departments: Vec<DepartmentYear>,
    /// Every problem and warning.
    pub findings: Vec<Finding>,
}

impl PlanCheck {
    /// Whether every rule can be met (no problem).
    pub fn ok(&self) -> bool {
        self.problems == 0
    }
}

fn class_index(c: CreditClass) -> usize {
    CreditClass::ALL.iter().position(|x| *x == c).unwrap_or(0)
}

/// Per stratum, how many pool entities have each positive value (places,
/// or 1 for a count).
#[derive(Debug, Clone, Default)]
pub(super) struct Tally {
    by_stratum: [BTreeMap<u64, u64>; 4],
}

impl Tally {
    pub(super) fn add(&mut self, s: usize, r: u64) {
        if r > 0 {
            *self.by_stratum[s].entry(r).or_insert(0) += 1;
        }
    }

    /// `Σ_s n_s · (Σ r) / N_s` exactly, and the most any draw gives: the
    /// `n_s` largest values of each stratum.
    pub(super) fn expected(&self, sizes: &[(u64, u64); 4]) -> Option<Expected> {
        let mut exact = Fraction::ZERO;
        let mut at_most: u64 = 0;
        for (s, hist) in self.by_stratum.iter().enumerate() {
            let (big_n, n) = sizes[s];
            if big_n == 0 || n == 0 {
                continue;
            }
            let sum: u128 = hist
                .iter()
                .map(|(r, c)| u128::from(*r) * u128::from(*c))
                .sum();
            let term = Fraction::new(u128::from(n).checked_mul(sum)?, u128::from(big_n))?;
            exact = exact.checked_add(term)?;
            let mut left = n;
            for (r, c) in hist.iter().rev() {
                let take = left.min(*c);
                at_most = at_most.saturating_add(r.saturating_mul(take));
                left -= take;
                if left == 0 {
                    break;
                }
            }
        }
        Some(Expected::new(exact, at_most))
    }
}

#[derive(Default)]
struct DeptTally {
    targets: Tally,
    places: Tally,
    quals: BTreeMap<String, Tally>,
    regions: BTreeMap<String, Tally>,
    unstaffable: Tally,
    unstaffable_count: u64,
    examples: Vec<UnstaffableExample>,
}

fn region_ok(rule: OfficerRegion, o: &Officer, region: &str) -> bool {
    match rule {
        OfficerRegion::Any => true,
        OfficerRegion::Same => o.region.as_str() == region,
        OfficerRegion::Other => o.region.as_str() != region,
    }
}

fn cap(officers: u64, max: Option<u64>) -> Option<u64> {
    max.map(|m| officers.saturating_mul(m))
}

/// Working days in `start..=end`.
fn working_days(cal: &Calendar, start: NaiveDate, end: NaiveDate) -> Result<u64, CalendarError> {
    let mut n = 0;
    let mut d = start;
    while d <= end {
        if cal.is_working_day(d)? {
            n += 1;
        }
        d += Duration::days(1);
    }
    Ok(n)
}

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
    let reg = ws.load(&snap)?;
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

/// A finding when `e` (expected) exceeds `limit`: a problem when the
/// expectation does, a warning when only the worst case does.
fn against(e: &Expected, limit: u64) -> Option<Severity> {
    if e.exact.exceeds(u128::from(limit)) {
        Some(Severity::Problem)
    } else if e.at_most > limit {
        Some(Severity::Warning)
    } else {
        None
    }
}

fn department_findings(
    c: &Campaign,
    d: &DepartmentCheck,
    period: Option<&PeriodCheck>,
    limit: u64,
    findings: &mut Vec<Finding>,
) {
    let mut push = |severity: Severity, kind: FindingKind, message: String| {
        findings.push(Finding {
            severity,
            kind,
            campaigns: vec![c.id.clone()],
            department: Some(d.department.clone()),
            message,
        });
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
        );
    }
}

/// Campaigns needing one department in overlapping periods: a warning, or a
/// problem when their visits together exceed the officers' working days
/// over both periods.
fn overlaps(
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
                });
            }
        }
    }
    Ok(())
}

fn year_totals(campaigns: &[CampaignCheck]) -> Vec<DepartmentYear> {
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
