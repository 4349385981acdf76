//! What an announcement can check before anyone reveals (公告前检查,
//! `docs/CAMPAIGN.md` "Checks before the announcement"): a draw date not in
//! the past, a lead department with items in the campaign, a pool that is not
//! empty, no certain infeasibility, and the risk that the draw turns out
//! infeasible, estimated by simulated draws.
//!
//! Everything here is pure: an [`Announcement`] as it would be recorded and
//! the registries of its snapshot in, a verdict out. The simulated draws run
//! the real target draw ([`sample::select`]) and the real assignment
//! ([`staff`]) with seeds derived from the campaign hash under their own
//! label ([`risk_seed`]), so they are reproducible by anyone and can never be
//! the seed of the real draw (which is derived from the announcement hash and
//! the witnesses' secrets under `dualdraw-seed-v1`).

use crate::core::announcement::{Announcement, DrawError, china_date};
use crate::core::assign::{Infeasible, Problem, TargetNeeds, needs_of};
use crate::core::campaign::{Campaign, Ratio};
use crate::core::canonical::Encoder;
use crate::core::draw::{blocks, staff};
use crate::core::merkle::Hash;
use crate::core::registry::vocab::{CreditClass, OfficerStatus};
use crate::core::registry::{Item, Registries};
use crate::core::sample::{self, HistorySets, Pool, PrnKey, SampleError};
use crate::par::*;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

/// The label of the simulated draws' seeds ([`risk_seed`]).
pub const RISK_LABEL: &str = "dualdraw-announce-risk-v1";

/// Simulated draws made by default (at least this many unless a time budget
/// stops them earlier; the estimate always says how many were made).
pub const DEFAULT_RISK_DRAWS: u64 = 200;

/// Simulated draws made side by side between two looks at the budget.
pub const RISK_BATCH: u64 = 8;

/// The default limit on the estimated risk: 1 in 100 simulated draws.
pub fn default_max_risk() -> Ratio {
    Ratio::new(1, 100).unwrap_or_else(|| unreachable!("1/100 is a ratio"))
}

/// The seed of simulated draw `i` of a campaign:
/// `SHA-256(lp("dualdraw-announce-risk-v1") ‖ raw(campaign_hash) ‖ u64be(i))`.
/// It depends only on the campaign (public at the announcement), never on a
/// witness's secret or a beacon, and its label differs from the real seed's
/// (`dualdraw-seed-v1`, `docs/SPEC.md` §4), so no simulated seed is ever the
/// seed of a draw.
pub fn risk_seed(campaign_hash: &Hash, i: u64) -> Hash {
    let mut e = Encoder::with_capacity(80);
    e.str(RISK_LABEL).raw(&campaign_hash.0).u64(i);
    Hash::digest(e.as_bytes())
}

/// What the checks are told besides the announcement and its registries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckOptions {
    /// Accept a draw date before the announcement's China date.
    pub allow_past: bool,
    /// Simulated draws to make (0: no estimate).
    pub risk_draws: u64,
    /// Refuse when the share of infeasible simulated draws is above this.
    pub max_risk: Ratio,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            allow_past: false,
            risk_draws: DEFAULT_RISK_DRAWS,
            max_risk: default_max_risk(),
        }
    }
}

/// A credit-class stratum in which every possible draw takes a target that
/// no officer team can staff (有必然无法配齐人员的分层).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertainStratum {
    /// The credit class.
    pub credit_class: CreditClass,
    /// Pool entities of the class.
    pub pool: u64,
    /// How many every draw takes from it.
    pub drawn: u64,
    /// How many of them could be staffed.
    pub staffable: u64,
    /// The draw's explanation for a few of the others (as the draw would give it).
    pub examples: Vec<crate::core::assign::Unstaffable>,
}

/// A department that every possible draw needs for more places than its
/// officers can fill (部门执法人员容量必然不足).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CapacityShortfall {
    /// Department.
    pub department: String,
    /// The fewest places any draw needs from it.
    pub min_places: u64,
    /// Targets every draw takes.
    pub targets: u64,
    /// Its officers eligible for at least one pool entity that needs it
    /// (recusals aside).
    pub eligible: u64,
    /// Each officer's limit.
    pub capacity: u64,
    /// The department's officers.
    pub department_officers: u64,
    /// Of the others: not active (在岗).
    pub not_active: u64,
    /// Of the others: certificate expired before the draw date.
    pub certificate_expired: u64,
    /// Of the others: outside the region rule or lacking a qualification.
    pub other_rules: u64,
}

/// Why no draw of a campaign can succeed, known before any randomness
/// (必然无法完成选派).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertainlyInfeasible {
    /// Strata that always give an unstaffable target.
    pub strata: Vec<CertainStratum>,
    /// Departments always short of places.
    pub capacity: Vec<CapacityShortfall>,
}

impl CertainlyInfeasible {
    /// Every explanation of the strata, as the draw gives them.
    pub fn unstaffable(&self) -> Vec<crate::core::assign::Unstaffable> {
        self.strata
            .iter()
            .flat_map(|s| s.examples.iter().cloned())
            .collect()
    }
}

/// The estimate of the risk that the draw is infeasible (不可行风险估计).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RiskEstimate {
    /// Simulated draws made (draws 0 to `draws − 1`).
    pub draws: u64,
    /// How many were asked for.
    pub requested: u64,
    /// How many of them were infeasible.
    pub infeasible: u64,
    /// Per department, the infeasible simulated draws it was short in.
    pub by_department: BTreeMap<String, u64>,
    /// The first infeasible simulated draw: its number and the draw's explanation.
    #[serde(skip)]
    pub example: Option<(u64, Infeasible)>,
    /// The limit it was judged against.
    #[serde(serialize_with = "ratio_text")]
    pub max_risk: Ratio,
}

fn ratio_text<S: serde::Serializer>(r: &Ratio, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&r.to_string())
}

impl RiskEstimate {
    /// Whether the share of infeasible draws is above the limit.
    pub fn above_limit(&self) -> bool {
        self.draws > 0
            && u128::from(self.infeasible) * u128::from(self.max_risk.q())
                > u128::from(self.max_risk.p()) * u128::from(self.draws)
    }
}

/// `n/d` as a percentage with at most one decimal, e.g. `1.5%`.
pub fn percent(n: u64, d: u64) -> String {
    if d == 0 {
        return "0%".into();
    }
    let tenths = (u128::from(n) * 1000 + u128::from(d) / 2) / u128::from(d);
    if tenths % 10 == 0 {
        format!("{}%", tenths / 10)
    } else {
        format!("{}.{}%", tenths / 10, tenths % 10)
    }
}

/// The estimate line the CLI prints (one message).
pub fn risk_line(r: &RiskEstimate) -> String {
    let mut t = format!(
        "infeasible in {} of {} simulated draws ({}; limit {})",
        r.infeasible,
        r.draws,
        percent(r.infeasible, r.draws),
        percent(r.max_risk.p(), r.max_risk.q())
    );
    if r.draws < r.requested {
        t.push_str(&format!(
            "; {} of the {} asked for were made in the time allowed",
            r.draws, r.requested
        ));
    }
    t
}

/// Why a campaign is not announced (公告前检查不通过). Nothing is recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckError {
    /// The draw date is before the announcement's China date.
    #[error(
        "the draw date {draw_date} is before the announcement date {today} (China time): a draw date in the past is refused unless --allow-past is given"
    )]
    PastDrawDate {
        /// The campaign's draw date.
        draw_date: NaiveDate,
        /// The China date of the announcement.
        today: NaiveDate,
    },
    /// The lead department has no item in the campaign.
    #[error(
        "the lead department {lead:?} has no item in the campaign (its items belong to {}): the lead department leads every team, so it needs at least one item; correct lead_department or add one of its items",
        .departments.join(", ")
    )]
    LeadWithoutItems {
        /// The lead department.
        lead: String,
        /// The departments of the campaign's items.
        departments: Vec<String>,
    },
    /// The pool is empty.
    #[error(
        "the pool is empty: no entity in business matches the campaign's categories ({}), regions ({}), flags and history rules{}; check targets.categories and targets.regions against the registries",
        .categories.join(", "),
        if .regions.is_empty() { "all".to_string() } else { .regions.join(", ") },
        if *.excluded_by_class > 0 { format!(" ({} more are left out by their credit class or the low-risk rule)", .excluded_by_class) } else { String::new() }
    )]
    EmptyPool {
        /// The categories drawn from.
        categories: Vec<String>,
        /// The region prefixes.
        regions: Vec<String>,
        /// Left out by class.
        excluded_by_class: u64,
    },
    /// The strata draw no target at all.
    #[error(
        "the strata draw no target from a pool of {pool} entities: check the ratios, counts and max of targets.strata"
    )]
    NothingDrawn {
        /// Pool size.
        pool: u64,
    },
    /// No draw can be staffed, whatever the seed.
    #[error("{}", certain_text(.0))]
    Infeasible(CertainlyInfeasible),
    /// The estimated risk is above the limit.
    #[error("{}", risk_text(.0))]
    Risk(Box<RiskEstimate>),
    /// The campaign does not fit the snapshot (caught by the announcement's
    /// own checks first).
    #[error(transparent)]
    Draw(#[from] DrawError),
}

impl From<SampleError> for CheckError {
    fn from(e: SampleError) -> Self {
        CheckError::Draw(e.into())
    }
}

fn certain_text(c: &CertainlyInfeasible) -> String {
    let mut t = String::from(
        "no draw of this campaign can be staffed, whatever the seed (known now, before anyone reveals):",
    );
    for s in &c.strata {
        t.push_str(&format!(
            "\n  - every draw takes {} of the {} pool entities of credit class {}, but only {} of them can be staffed",
            s.drawn,
            s.pool,
            s.credit_class.token(),
            s.staffable
        ));
        for u in &s.examples {
            t.push_str(&format!("\n    e.g. {u}"));
        }
    }
    for k in &c.capacity {
        t.push_str(&format!(
            "\n  - every draw of {} target(s) needs at least {} place(s) of {} officers, but only {} officer(s) can be eligible (each serves at most {} target(s): {} place(s)); of the department's {} officer(s), {} not active (在岗), {} certificate expired before the draw date, {} outside the region rule or lacking a required qualification",
            k.targets,
            k.min_places,
            k.department,
            k.eligible,
            k.capacity,
            k.eligible.saturating_mul(k.capacity),
            k.department_officers,
            k.not_active,
            k.certificate_expired,
            k.other_rules
        ));
    }
    t.push_str("\nadd or renew officers, lower the ratios, or raise teams.max_targets_per_officer");
    t
}

fn risk_text(r: &RiskEstimate) -> String {
    let mut t = format!(
        "the draw is too likely to be infeasible: {}",
        risk_line(r)
    );
    if !r.by_department.is_empty() {
        let d: Vec<String> = r
            .by_department
            .iter()
            .map(|(k, v)| format!("{k} short in {v}"))
            .collect();
        t.push_str(&format!("; {}", d.join(", ")));
    }
    if let Some((i, e)) = &r.example {
        t.push_str(&format!("\nsimulated draw {i}: {e}"));
    }
    t.push_str("\nadd officers, lower the ratios or raise teams.max_targets_per_officer; or accept the risk with --max-infeasible-risk");
    t
}

/// The checks a campaign passed, for the notice and the JSON output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Checked {
    /// Pool size.
    pub pool: u64,
    /// Targets every draw takes.
    pub targets: u64,
    /// The risk estimate (`None` when no simulated draw was asked for).
    pub risk: Option<RiskEstimate>,
    /// What passed but deserves a look.
    pub warnings: Vec<String>,
}

/// Refuses a draw date before the China date of the announcement, unless
/// `allow_past`.
///
/// # Errors
/// [`CheckError::PastDrawDate`].
pub fn check_draw_date(
    c: &Campaign,
    announced_at: &DateTime<Utc>,
    allow_past: bool,
) -> Result<(), CheckError> {
    let today = china_date(announced_at);
    if c.draw_date < today && !allow_past {
        return Err(CheckError::PastDrawDate {
            draw_date: c.draw_date,
            today,
        });
    }
    Ok(())
}

/// Refuses a lead department without any item among the campaign's items.
///
/// # Errors
/// [`CheckError::LeadWithoutItems`].
pub fn check_lead_department(c: &Campaign, items: &[&Item]) -> Result<(), CheckError> {
    if items.iter().any(|i| i.department == c.lead_department) {
        return Ok(());
    }
    let departments: BTreeSet<&str> = items.iter().map(|i| i.department.as_str()).collect();
    Err(CheckError::LeadWithoutItems {
        lead: c.lead_department.clone(),
        departments: departments.into_iter().map(str::to_string).collect(),
    })
}

/// The warning given when the lead department's items check none of the
/// categories drawn from (one message).
pub fn lead_on_no_team(lead: &str, categories: &[String]) -> String {
    format!(
        "the lead department {lead:?} has items in the campaign, but none checks a category drawn from ({}): it will be on no team",
        categories.join(", ")
    )
}

/// The warning given when some simulated draws were infeasible, below the
/// limit (one message).
pub fn some_draws_infeasible(r: &RiskEstimate) -> String {
    format!(
        "the draw may be infeasible: {}; if it is, the campaign must be voided and announced again",
        risk_line(r)
    )
}

/// A campaign's pool and allocation, ready for the checks that need them.
pub struct Prepared<'a> {
    reg: &'a Registries,
    a: &'a Announcement,
    items: Vec<&'a Item>,
    cats: Vec<String>,
    pool: Pool,
    /// Per stratum of the pool: class, pool members (indices), drawn.
    strata: Vec<(CreditClass, Vec<usize>, u64)>,
}

impl<'a> Prepared<'a> {
    /// The pool of `a` on `reg` (`reg` holding at least items, entities and
    /// officers of the announcement's snapshot, and its recusals).
    ///
    /// # Errors
    /// [`CheckError::EmptyPool`], [`CheckError::NothingDrawn`], or
    /// [`CheckError::Draw`] for a campaign that does not fit the snapshot.
    pub fn new(reg: &'a Registries, a: &'a Announcement) -> Result<Self, CheckError> {
        let c = &a.campaign;
        let items = sample::campaign_items(reg, c)?;
        let cats = sample::categories(c, &items)?;
        let pool = sample::pool(reg, c, &cats, &HistorySets::of(a));
        if pool.members.is_empty() {
            return Err(CheckError::EmptyPool {
                categories: cats,
                regions: c.targets.regions.clone(),
                excluded_by_class: pool.excluded_by_class,
            });
        }
        let mut by_class: BTreeMap<CreditClass, Vec<usize>> = BTreeMap::new();
        for &i in &pool.members {
            by_class
                .entry(reg.entities[i].credit_class)
                .or_default()
                .push(i);
        }
        let mut strata = Vec::new();
        for (class, members) in by_class {
            let stratum = c.stratum(class).ok_or(SampleError::MissingStratum {
                class,
                count: members.len() as u64,
            })?;
            let k = stratum.allocate(members.len() as u64);
            strata.push((class, members, k));
        }
        if strata.iter().all(|s| s.2 == 0) {
            return Err(CheckError::NothingDrawn {
                pool: pool.members.len() as u64,
            });
        }
        Ok(Prepared {
            reg,
            a,
            items,
            cats,
            pool,
            strata,
        })
    }

    /// Pool size.
    pub fn pool_size(&self) -> u64 {
        self.pool.members.len() as u64
    }

    /// Targets every draw takes.
    pub fn targets(&self) -> u64 {
        self.strata.iter().map(|s| s.2).sum()
    }

    /// The categories drawn from.
    pub fn categories(&self) -> &[String] {
        &self.cats
    }

    /// Whether the lead department's items check a category drawn from.
    pub fn lead_checks_a_category(&self) -> bool {
        let c = &self.a.campaign;
        self.items.iter().any(|i| {
            i.department == c.lead_department && self.cats.binary_search(&i.target_category).is_ok()
        })
    }

    /// Refuses a campaign no draw of which can be staffed (§6), whatever
    /// the seed: a stratum with fewer staffable pool entities than it draws
    /// (a target is staffable when each of its departments has as many
    /// eligible officers as it needs, recusals and the officer-history rule
    /// counted), or a department whose eligible officers cannot fill the
    /// fewest places any draw needs from it.
    ///
    /// # Errors
    /// [`CheckError::Infeasible`] with the explanation.
    pub fn check_certain(&self) -> Result<(), CheckError> {
        let reg = self.reg;
        let c = &self.a.campaign;
        let any_region = c.teams.officer_region == crate::core::campaign::OfficerRegion::Any;
        // Pool entities with the same needs and (unless any region will do)
        // the same region are alike: one representative each.
        let mut sig_index: HashMap<(&str, Vec<&str>), usize> = HashMap::new();
        let mut reps: Vec<usize> = Vec::new();
        // Per entity index: its representative's number (usize::MAX: not in the pool).
        let mut sig_of: Vec<usize> = vec![usize::MAX; reg.entities.len()];
        for &i in &self.pool.members {
            let e = &reg.entities[i];
            let applicable: Vec<&str> = e
                .categories
                .iter()
                .filter(|x| self.cats.binary_search(x).is_ok())
                .map(String::as_str)
                .collect();
            let region = if any_region { "" } else { e.region.as_str() };
            let n = reps.len();
            let s = *sig_index.entry((region, applicable)).or_insert(n);
            if s == n {
                reps.push(i);
            }
            sig_of[i] = s;
        }
        let rep_needs: Vec<TargetNeeds> = reps
            .iter()
            .map(|&i| needs_of(&reg.entities[i], c, &self.items, &self.cats))
            .collect();
        let none = Default::default();
        let problem = Problem {
            date: c.draw_date,
            region: c.teams.officer_region,
            capacity: c.teams.max_targets_per_officer,
            officers: &reg.officers,
            targets: &rep_needs,
            blocked: &none,
        };
        let mut by_dept: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (o, off) in reg.officers.iter().enumerate() {
            by_dept.entry(off.department.as_str()).or_default().push(o);
        }
        // Per representative and need: the officers eligible, recusals aside.
        let eligible: Vec<Vec<Vec<usize>>> = rep_needs
            .par_iter()
            .enumerate()
            .map(|(s, t)| {
                t.needs
                    .iter()
                    .map(|n| {
                        by_dept
                            .get(n.department.as_str())
                            .map(|os| {
                                os.iter()
                                    .copied()
                                    .filter(|&o| problem.is_eligible(o, s, n))
                                    .collect()
                            })
                            .unwrap_or_default()
                    })
                    .collect()
            })
            .collect();
        // Recusals and the officer-history rule, per pool entity concerned.
        let mut blocked: HashMap<usize, Vec<usize>> = HashMap::new();
        let entity_of = |u: &str| {
            reg.entities
                .binary_search_by(|e| e.uscc.as_str().cmp(u))
                .ok()
                .filter(|&i| sig_of[i] != usize::MAX)
        };
        let officer_of = |id: &str| reg.officers.binary_search_by(|o| o.id.as_str().cmp(id)).ok();
        for r in &reg.recusals {
            if let (Some(e), Some(o)) = (entity_of(r.uscc.as_str()), officer_of(&r.officer_id)) {
                blocked.entry(e).or_default().push(o);
            }
        }
        for v in &self.a.officer_history {
            if let (Some(e), Some(o)) = (entity_of(&v.target), officer_of(&v.officer)) {
                blocked.entry(e).or_default().push(o);
            }
        }
        let staffable = |i: usize| {
            let s = sig_of[i];
            let none = Vec::new();
            let b = blocked.get(&i).unwrap_or(&none);
            rep_needs[s].needs.iter().enumerate().all(|(ni, n)| {
                let list = &eligible[s][ni];
                let out = b.iter().filter(|o| list.binary_search(o).is_ok()).count();
                (list.len() - out) as u64 >= n.demand
            })
        };
        let mut strata = Vec::new();
        for (class, members, k) in &self.strata {
            let ok = members.iter().filter(|&&i| staffable(i)).count() as u64;
            if ok < *k {
                let bad: Vec<usize> = members
                    .iter()
                    .copied()
                    .filter(|&i| !staffable(i))
                    .take(3)
                    .collect();
                strata.push(CertainStratum {
                    credit_class: *class,
                    pool: members.len() as u64,
                    drawn: *k,
                    staffable: ok,
                    examples: self.explain(&bad),
                });
            }
        }
        let mut capacity = Vec::new();
        if let Some(cap) = c.teams.max_targets_per_officer {
            for (d, officers) in &by_dept {
                // The fewest places of d any draw needs: in each stratum, its
                // k entities that need d least.
                let demand_of = |s: usize| {
                    rep_needs[s]
                        .needs
                        .iter()
                        .find(|n| n.department == *d)
                        .map_or(0, |n| n.demand)
                };
                let mut min_places = 0u64;
                for (_, members, k) in &self.strata {
                    let mut demands: Vec<u64> =
                        members.iter().map(|&i| demand_of(sig_of[i])).collect();
                    demands.sort_unstable();
                    min_places += demands.iter().take(*k as usize).sum::<u64>();
                }
                if min_places == 0 {
                    continue;
                }
                let mut any: BTreeSet<usize> = BTreeSet::new();
                for (s, t) in rep_needs.iter().enumerate() {
                    for (ni, n) in t.needs.iter().enumerate() {
                        if n.department == *d {
                            any.extend(eligible[s][ni].iter().copied());
                        }
                    }
                }
                let n_eligible = any.len() as u64;
                if min_places <= n_eligible.saturating_mul(cap) {
                    continue;
                }
                let (mut not_active, mut expired, mut other) = (0, 0, 0);
                for &o in officers.iter().filter(|o| !any.contains(o)) {
                    let off = &reg.officers[o];
                    if off.status != OfficerStatus::Active {
                        not_active += 1;
                    } else if c.draw_date > off.cert_expiry {
                        expired += 1;
                    } else {
                        other += 1;
                    }
                }
                capacity.push(CapacityShortfall {
                    department: d.to_string(),
                    min_places,
                    targets: self.targets(),
                    eligible: n_eligible,
                    capacity: cap,
                    department_officers: officers.len() as u64,
                    not_active,
                    certificate_expired: expired,
                    other_rules: other,
                });
            }
        }
        if strata.is_empty() && capacity.is_empty() {
            Ok(())
        } else {
            Err(CheckError::Infeasible(CertainlyInfeasible { strata, capacity }))
        }
    }

    /// The draw's own explanation (§6) for unstaffable pool entities `bad`:
    /// the assignment run on them alone.
    fn explain(&self, bad: &[usize]) -> Vec<crate::core::assign::Unstaffable> {
        let c = &self.a.campaign;
        let needs: Vec<TargetNeeds> = bad
            .iter()
            .map(|&i| needs_of(&self.reg.entities[i], c, &self.items, &self.cats))
            .collect();
        let (_, blocked) = blocks(self.reg, self.a, &needs);
        let problem = Problem {
            date: c.draw_date,
            region: c.teams.officer_region,
            capacity: c.teams.max_targets_per_officer,
            officers: &self.reg.officers,
            targets: &needs,
            blocked: &blocked,
        };
        match problem.solve_version(&Hash([0; 32]), c.teams.assignment) {
            Ok(_) => Vec::new(),
            Err(Infeasible(u)) => u,
        }
    }

    /// Simulated draw `i` (§5 and §6 with [`risk_seed`]`(campaign_hash, i)`
    /// as the seed, and as the PRN seed read from the campaign's coordination
    /// start): `Ok(Err(_))` when it is infeasible, with the draw's explanation.
    ///
    /// # Errors
    /// [`SampleError`] (a campaign that does not fit the snapshot).
    pub fn simulate(&self, i: u64) -> Result<Result<(), Infeasible>, SampleError> {
        let c = &self.a.campaign;
        let seed = risk_seed(&self.a.campaign_hash, i);
        let key = PrnKey::new(seed, c.coordination.as_ref().map(|k| k.start));
        let strata = sample::select(self.reg, c, &self.pool, &key)?;
        Ok(staff(self.reg, self.a, &self.items, &self.cats, &strata, &seed).map(|_| ()))
    }

    /// Simulated draws `0, 1, …` up to `draws`, [`RISK_BATCH`] side by side;
    /// before each batch after the first, `keep_going(done)` may stop them
    /// (a time budget). The estimate says how many were made; simulated draws
    /// `0..n` always give the same result.
    ///
    /// # Errors
    /// [`CheckError::Draw`] for a campaign that does not fit the snapshot.
    pub fn estimate(
        &self,
        draws: u64,
        max_risk: Ratio,
        keep_going: &mut dyn FnMut(u64) -> bool,
    ) -> Result<RiskEstimate, CheckError> {
        let mut r = RiskEstimate {
            draws: 0,
            requested: draws,
            infeasible: 0,
            by_department: BTreeMap::new(),
            example: None,
            max_risk,
        };
        while r.draws < draws {
            if r.draws > 0 && !keep_going(r.draws) {
                break;
            }
            let end = (r.draws + RISK_BATCH).min(draws);
            let outcomes: Vec<(u64, Result<Result<(), Infeasible>, SampleError>)> = (r.draws
                ..end)
                .into_par_iter()
                .map(|i| (i, self.simulate(i)))
                .collect();
            for (i, o) in outcomes {
                if let Err(e) = o? {
                    r.infeasible += 1;
                    let depts: BTreeSet<&str> = e.0.iter().map(|u| u.department.as_str()).collect();
                    for d in depts {
                        *r.by_department.entry(d.to_string()).or_default() += 1;
                    }
                    if r.example.is_none() {
                        r.example = Some((i, e));
                    }
                }
            }
            r.draws = end;
        }
        Ok(r)
    }
}

/// Every check of an announcement `a` (as it would be recorded) on the
/// registries of its snapshot, in order: the draw date
/// ([`check_draw_date`]), the lead department ([`check_lead_department`]),
/// the pool ([`Prepared::new`]), certain infeasibility
/// ([`Prepared::check_certain`]) and the estimated risk
/// ([`Prepared::estimate`], refused above `opts.max_risk`).
///
/// # Errors
/// [`CheckError`]: the first check that fails.
pub fn check_announcement(
    reg: &Registries,
    a: &Announcement,
    opts: &CheckOptions,
    keep_going: &mut dyn FnMut(u64) -> bool,
) -> Result<Checked, CheckError> {
    let c = &a.campaign;
    check_draw_date(c, &a.announced_at, opts.allow_past)?;
    check_lead_department(c, &sample::campaign_items(reg, c)?)?;
    let p = Prepared::new(reg, a)?;
    let mut warnings = Vec::new();
    if !p.lead_checks_a_category() {
        warnings.push(lead_on_no_team(&c.lead_department, p.categories()));
    }
    p.check_certain()?;
    let risk = if opts.risk_draws == 0 {
        None
    } else {
        let r = p.estimate(opts.risk_draws, opts.max_risk, keep_going)?;
        if r.above_limit() {
            return Err(CheckError::Risk(Box::new(r)));
        }
        if r.infeasible > 0 {
            warnings.push(some_draws_infeasible(&r));
        }
        Some(r)
    };
    Ok(Checked {
        pool: p.pool_size(),
        targets: p.targets(),
        risk,
        warnings,
    })
}

impl fmt::Display for Checked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "every draw takes {} target(s)", self.targets)?;
        if let Some(r) = &self.risk {
            write!(f, "; {}", risk_line(r))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
