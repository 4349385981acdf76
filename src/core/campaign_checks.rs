//! What an announcement can check before anyone reveals (公告前检查,
//! `docs/CAMPAIGN.md` "Checks before the announcement"): a draw date not in
//! the past, a lead department with items in the campaign, a pool that is not
//! empty, no certain infeasibility, and the risk that the draw turns out
//! infeasible, estimated by simulated draws.
//!
//! Everything here is pure: an [`Announcement`] as it would be recorded and
//! the registries of its snapshot in, a verdict out. A simulated draw takes
//! in each stratum a uniformly random subset of the size the real draw
//! takes ([`simulated`]: the distribution of the real draw's targets, §5,
//! without one compression per pool entity) and staffs it with the real
//! assignment ([`staff`]), with seeds derived from the campaign hash under
//! their own label ([`risk_seed`]): reproducible by anyone, and never the
//! seed of the real draw (which is derived from the announcement hash and
//! the witnesses' secrets under `dualdraw-seed-v1`).

use crate::core::announcement::{Announcement, DrawError, china_date};
use crate::core::assign::{Infeasible, OfficerTables, TargetNeeds};
use crate::core::campaign::{Campaign, Ratio};
use crate::core::canonical::Encoder;
use crate::core::draw::{Staffed, staff_needs};
use crate::core::merkle::Hash;
use crate::core::registry::vocab::CreditClass;
use crate::core::registry::{Item, Registries};
use crate::core::sample::{self, HistorySets, Pool, SampleError};
use crate::par::*;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use templates::NeedTemplates;

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

/// One simulated draw: staffed, or infeasible with the draw's explanation.
pub type SimulatedDraw = Result<(), Infeasible>;

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

fn risk_text(r: &RiskEstimate) -> String {
    let mut t = format!("the draw is too likely to be infeasible: {}", risk_line(r));
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
    /// The same warnings with their fields, in the same order (for a
    /// caller that words them itself).
    #[serde(skip)]
    pub warning_kinds: Vec<CheckWarning>,
}

/// A warning of the checks, with its fields (its English text is in
/// [`Checked::warnings`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckWarning {
    /// The lead department's items check none of the categories drawn from
    /// ([`lead_on_no_team`]).
    LeadOnNoTeam {
        /// The lead department.
        lead: String,
        /// The categories drawn from.
        categories: Vec<String>,
    },
    /// Some simulated draws were infeasible, below the limit
    /// ([`some_draws_infeasible`]; the estimate is [`Checked::risk`]).
    SomeDrawsInfeasible,
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
    /// The officers as every simulated draw's assignment reads them.
    officers: OfficerTables,
    /// The needs of the pool's entities ([`NeedTemplates`]).
    needs: NeedTemplates,
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
        let pool = sample::pool_members(reg, c, &cats, &HistorySets::of(a));
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
        let needs = NeedTemplates::new(reg, c, &items, &cats, &strata);
        Ok(Prepared {
            reg,
            a,
            items,
            cats,
            pool,
            needs,
            strata,
            officers: OfficerTables::new(&reg.officers, c.draw_date),
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

    /// Simulated draw `i`: with [`risk_seed`]`(campaign_hash, i)` as the
    /// seed, a uniformly random subset of each stratum of the size the draw
    /// takes ([`simulated::simulated_strata`], the distribution of §5's
    /// targets) staffed by the real assignment (§6, [`staff`]): `Err(_)` when
    /// it is infeasible, with the draw's explanation.
    pub fn simulate(&self, i: u64) -> SimulatedDraw {
        self.simulate_staffed(i).map(|_| ())
    }

    /// [`Prepared::simulate`], with the teams.
    pub(crate) fn simulate_staffed(&self, i: u64) -> Result<Staffed, Infeasible> {
        let seed = risk_seed(&self.a.campaign_hash, i);
        let strata = simulated::simulated_strata(&seed, &self.strata);
        // Each target with its needs' template: the members are in
        // increasing order, and so are a stratum's picks.
        let mut drawn: Vec<(usize, u32)> = Vec::new();
        for ((s, (_, members, _)), of) in strata.iter().zip(&self.strata).zip(&self.needs.of) {
            for &e in &s.selected {
                if let Ok(j) = members.binary_search(&e) {
                    drawn.push((e, of[j]));
                }
            }
        }
        drawn.sort_unstable_by_key(|d| d.0);
        let needs: Vec<TargetNeeds> = drawn
            .iter()
            .map(|&(e, t)| {
                let entity = &self.reg.entities[e];
                let mut n = self.needs.templates[t as usize].clone();
                n.uscc.push_str(entity.uscc.as_str());
                n.region.push_str(entity.region.as_str());
                n
            })
            .collect();
        let targets = drawn.into_iter().map(|d| d.0).collect();
        staff_needs(
            self.reg,
            self.a,
            targets,
            needs,
            &seed,
            Some(&self.officers),
        )
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
            let outcomes: Vec<(u64, SimulatedDraw)> = (r.draws..end)
                .into_par_iter()
                .map(|i| (i, self.simulate(i)))
                .collect();
            for (i, o) in outcomes {
                if let Err(e) = o {
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
    let mut warning_kinds = Vec::new();
    if !p.lead_checks_a_category() {
        warnings.push(lead_on_no_team(&c.lead_department, p.categories()));
        warning_kinds.push(CheckWarning::LeadOnNoTeam {
            lead: c.lead_department.clone(),
            categories: p.categories().to_vec(),
        });
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
            warning_kinds.push(CheckWarning::SomeDrawsInfeasible);
        }
        Some(r)
    };
    Ok(Checked {
        pool: p.pool_size(),
        targets: p.targets(),
        risk,
        warnings,
        warning_kinds,
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

mod certain;
pub mod simulated;
mod templates;
use certain::certain_text;
pub use certain::{CapacityShortfall, CertainStratum, CertainlyInfeasible};

#[cfg(test)]
mod tests;
