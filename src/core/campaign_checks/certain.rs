//! Certain infeasibility (必然无法完成选派): what no seed can staff, known
//! from the pool, the allocation and the officers before any randomness.

use super::{CheckError, Prepared};
use crate::core::assign::{Infeasible, Problem, TargetNeeds, Unstaffable, needs_of};
use crate::core::draw::blocks;
use crate::core::merkle::Hash;
use crate::core::registry::vocab::{CreditClass, OfficerStatus};
use crate::par::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

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
    pub examples: Vec<Unstaffable>,
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
    pub fn unstaffable(&self) -> Vec<Unstaffable> {
        self.strata
            .iter()
            .flat_map(|s| s.examples.iter().cloned())
            .collect()
    }
}

pub(super) fn certain_text(c: &CertainlyInfeasible) -> String {
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

impl Prepared<'_> {
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
        // Per entity index: its representative's number (u32::MAX: not in the pool).
        let mut sig_of: Vec<u32> = vec![u32::MAX; reg.entities.len()];
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
            sig_of[i] = u32::try_from(s).unwrap_or(u32::MAX - 1);
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
                .filter(|&i| sig_of[i] != u32::MAX)
        };
        let officer_of = |id: &str| {
            reg.officers
                .binary_search_by(|o| o.id.as_str().cmp(id))
                .ok()
        };
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
            let s = sig_of[i] as usize;
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
                    let mut demands: Vec<u64> = members
                        .iter()
                        .map(|&i| demand_of(sig_of[i] as usize))
                        .collect();
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
            Err(CheckError::Infeasible(CertainlyInfeasible {
                strata,
                capacity,
            }))
        }
    }

    /// The draw's own explanation (§6) for unstaffable pool entities `bad`:
    /// the assignment run on them alone.
    fn explain(&self, bad: &[usize]) -> Vec<Unstaffable> {
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
}
