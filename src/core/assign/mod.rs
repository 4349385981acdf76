//! Officer assignment (`docs/SPEC.md` §6): demands per target and department,
//! eligibility, least-loaded random choice, and augmenting paths so that an
//! assignment is found whenever one exists; otherwise the smallest set found
//! that cannot be staffed, with the reasons. Two versions: v1 (id and USCC
//! order wherever the domain leaves an order free) and v2 (`v2.rs`: every
//! such order from the seed, then a chain of load-preserving rotations).

mod explain;
mod hot;
mod load_index;
mod tables;
mod v2;

pub use tables::OfficerTables;
pub use v2::rotation_steps;

pub use crate::core::campaign::AssignmentVersion;
use crate::core::campaign::{Campaign, OfficerRegion};
use crate::core::entropy::Stream;
use crate::core::merkle::Hash;
use crate::core::registry::{Entity, Item, Officer};
use crate::par::*;
use chrono::NaiveDate;
use hot::Hot;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet, VecDeque};
use std::fmt;

/// What one drawn target needs from one department (部门检查人员需求).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Need {
    /// Department.
    pub department: String,
    /// Officers needed.
    pub demand: u64,
    /// Qualifications each of them must hold.
    pub qualifications: Vec<String>,
}

/// A drawn target (被抽中的检查对象) as the assignment sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetNeeds {
    /// USCC.
    pub uscc: String,
    /// Region code.
    pub region: String,
    /// Applicable item codes, sorted.
    pub items: Vec<String>,
    /// Per department, lead department first.
    pub needs: Vec<Need>,
}

/// The needs of a target (检查对象的选派需求, §6): items, departments in order,
/// demands with the fill-up rule, qualifications.
pub fn needs_of(e: &Entity, c: &Campaign, items: &[&Item], cats: &[String]) -> TargetNeeds {
    let applicable: Vec<&&Item> = items
        .iter()
        .filter(|i| {
            cats.binary_search(&i.target_category).is_ok()
                && e.categories.contains(&i.target_category)
        })
        .collect();
    let mut depts: Vec<String> = applicable.iter().map(|i| i.department.clone()).collect();
    depts.sort();
    depts.dedup();
    if let Some(p) = depts.iter().position(|d| *d == c.lead_department) {
        let lead = depts.remove(p);
        depts.insert(0, lead);
    }
    let mut demand: Vec<u64> = vec![c.teams.per_department; depts.len()];
    let total: u64 = demand.iter().sum();
    if !depts.is_empty() && total < c.teams.min_size {
        for k in 0..(c.teams.min_size - total) as usize {
            let n = depts.len();
            demand[k % n] += 1;
        }
    }
    let needs = depts
        .into_iter()
        .zip(demand)
        .map(|(d, demand)| {
            let mut q: Vec<String> = applicable
                .iter()
                .filter(|i| i.department == d)
                .filter_map(|i| i.qualification.clone())
                .collect();
            q.sort();
            q.dedup();
            Need {
                department: d,
                demand,
                qualifications: q,
            }
        })
        .collect();
    let mut item_codes: Vec<String> = applicable.iter().map(|i| i.code.clone()).collect();
    item_codes.sort();
    TargetNeeds {
        uscc: e.uscc.as_str().to_string(),
        region: e.region.as_str().to_string(),
        items: item_codes,
        needs,
    }
}

/// Why an officer is not eligible (执法检查人员不符合选派条件的原因).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Exclusion {
    /// Not 在岗.
    NotActive,
    /// Certificate expired before the draw date.
    CertificateExpired,
    /// Region rule.
    Region,
    /// Lacks a required qualification.
    Qualification,
    /// A blocked pair (recusal).
    Recused,
}

impl fmt::Display for Exclusion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Exclusion::NotActive => "not active (在岗)",
            Exclusion::CertificateExpired => "certificate expired before the draw date",
            Exclusion::Region => "outside the region rule",
            Exclusion::Qualification => "lacking a required qualification",
            Exclusion::Recused => "recused from the target",
        })
    }
}

/// A set of targets that cannot be staffed (无法配齐执法检查人员的检查对象) by
/// one department, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unstaffable {
    /// Department.
    pub department: String,
    /// The targets (USCC).
    pub targets: Vec<String>,
    /// Places they need from the department.
    pub demand: u64,
    /// Officers eligible for at least one of them.
    pub eligible: Vec<String>,
    /// Each officer's limit (`None`: no limit).
    pub capacity: Option<u64>,
    /// The department's officers.
    pub department_officers: u64,
    /// How many officers each rule excluded (an officer counts under its first reason).
    pub excluded: BTreeMap<Exclusion, u64>,
    /// Recused pairs among these targets: (officer, target).
    pub recused: Vec<(String, String)>,
}

impl fmt::Display for Unstaffable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown: Vec<&str> = self.targets.iter().take(5).map(String::as_str).collect();
        write!(
            f,
            "{} target(s) ({}{}) need {} place(s) of {} officers, but only {} officer(s) are eligible",
            self.targets.len(),
            shown.join(", "),
            if self.targets.len() > 5 { ", …" } else { "" },
            self.demand,
            self.department,
            self.eligible.len()
        )?;
        if let Some(c) = self.capacity {
            write!(
                f,
                " (each serves at most {c} target(s), never twice in one team)"
            )?;
        } else {
            write!(f, " (never twice in one team)")?;
        }
        write!(
            f,
            "; of the department's {} officer(s)",
            self.department_officers
        )?;
        if self.excluded.is_empty() {
            write!(f, " none is excluded by a rule")?;
        }
        for (k, v) in &self.excluded {
            write!(f, ", {v} {k}")?;
        }
        for (o, t) in self.recused.iter().take(5) {
            write!(f, "; {o} is recused from {t}")?;
        }
        Ok(())
    }
}

/// Why no assignment exists (无法完成执法检查人员选派).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no assignment satisfies every rule:\n{}", .0.iter().map(|u| format!("  - {u}")).collect::<Vec<_>>().join("\n"))]
pub struct Infeasible(pub Vec<Unstaffable>);

/// The assignment problem (执法检查人员选派问题) of one campaign.
pub struct Problem<'a> {
    /// The draw date.
    pub date: NaiveDate,
    /// Region rule.
    pub region: OfficerRegion,
    /// Capacity per officer.
    pub capacity: Option<u64>,
    /// All officers, by id.
    pub officers: &'a [Officer],
    /// Drawn targets, by USCC.
    pub targets: &'a [TargetNeeds],
    /// Blocked (officer index, target index) pairs.
    pub blocked: &'a HashSet<(usize, usize)>,
}

/// One department's teams (its officers only), statistics and outcome.
type DepartmentSolved = (Vec<Vec<usize>>, SolveStats, Result<(), Box<Unstaffable>>);

/// How the places of an assignment were filled (选派统计).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SolveStats {
    /// Places filled.
    pub places: u64,
    /// Places with a single least-loaded candidate (`below(s, 1)`).
    pub single_candidate_picks: u64,
    /// Places that needed an augmenting search.
    pub augmenting_searches: u64,
    /// v2: steps of the rotation chain (§6.1). Not written when 0, so v1
    /// statistics keep their JSON.
    #[serde(skip_serializing_if = "is_zero")]
    pub rotation_steps: u64,
    /// v2: steps whose rotation was made (the others change nothing).
    #[serde(skip_serializing_if = "is_zero")]
    pub rotations_made: u64,
}

fn is_zero(x: &u64) -> bool {
    *x == 0
}

/// The team of each target: officer indices, by department order then id.
pub type Teams = Vec<Vec<usize>>;

impl Problem<'_> {
    fn reason(&self, o: usize, t: usize, need: &Need) -> Option<Exclusion> {
        let off = &self.officers[o];
        if off.status != crate::core::registry::vocab::OfficerStatus::Active {
            return Some(Exclusion::NotActive);
        }
        if self.date > off.cert_expiry {
            return Some(Exclusion::CertificateExpired);
        }
        let tr = &self.targets[t].region;
        let region_ok = match self.region {
            OfficerRegion::Any => true,
            OfficerRegion::Same => off.region.as_str() == tr,
            OfficerRegion::Other => off.region.as_str() != tr,
        };
        if !region_ok {
            return Some(Exclusion::Region);
        }
        if !need
            .qualifications
            .iter()
            .all(|q| off.qualifications.binary_search(q).is_ok())
        {
            return Some(Exclusion::Qualification);
        }
        if self.blocked.contains(&(o, t)) {
            return Some(Exclusion::Recused);
        }
        None
    }

    fn eligible(&self, o: usize, t: usize, need: &Need) -> bool {
        self.reason(o, t, need).is_none()
    }

    /// Whether officer `o` is eligible for target `t`'s `need` (§6).
    pub fn is_eligible(&self, o: usize, t: usize, need: &Need) -> bool {
        self.eligible(o, t, need)
    }

    /// Solves every department with its stream from `seed`.
    ///
    /// # Errors
    /// [`Infeasible`] with every unstaffable set found.
    pub fn solve(&self, seed: &Hash) -> Result<Teams, Infeasible> {
        self.solve_with_stats(seed).map(|(t, _)| t)
    }

    /// As [`Problem::solve`], also counting how the places were filled.
    ///
    /// # Errors
    /// [`Infeasible`] with every unstaffable set found.
    pub fn solve_with_stats(&self, seed: &Hash) -> Result<(Teams, SolveStats), Infeasible> {
        self.solve_version_with_stats(seed, AssignmentVersion::V1)
    }

    /// Solves with the campaign's assignment version (§6 v1, §6.1 v2).
    ///
    /// # Errors
    /// [`Infeasible`] with every unstaffable set found.
    pub fn solve_version(&self, seed: &Hash, v: AssignmentVersion) -> Result<Teams, Infeasible> {
        self.solve_version_with_stats(seed, v).map(|(t, _)| t)
    }

    /// As [`Problem::solve_version`], also counting how the places were filled.
    ///
    /// # Errors
    /// [`Infeasible`] with every unstaffable set found.
    pub fn solve_version_with_stats(
        &self,
        seed: &Hash,
        v: AssignmentVersion,
    ) -> Result<(Teams, SolveStats), Infeasible> {
        let stats = std::cell::Cell::new(SolveStats::default());
        let teams = self.solve_inner(seed, v, &stats, None)?;
        Ok((teams, stats.get()))
    }

    /// As [`Problem::solve_version`], reading the officers from `tables`
    /// (made once with [`OfficerTables::new`] for many solves on the same
    /// officers and draw date; tables of other officers or another date are
    /// not read, the solve makes its own). The same teams.
    ///
    /// # Errors
    /// [`Infeasible`] with every unstaffable set found.
    pub fn solve_version_with_tables(
        &self,
        seed: &Hash,
        v: AssignmentVersion,
        tables: &OfficerTables,
    ) -> Result<Teams, Infeasible> {
        let stats = std::cell::Cell::new(SolveStats::default());
        self.solve_inner(seed, v, &stats, Some(tables))
    }

    fn solve_inner(
        &self,
        seed: &Hash,
        version: AssignmentVersion,
        stats: &std::cell::Cell<SolveStats>,
        tables: Option<&OfficerTables>,
    ) -> Result<Teams, Infeasible> {
        let hot = Hot::new(self, tables);
        let by_dept = &hot.officers.by_dept;
        let mut depts: Vec<&str> = self
            .targets
            .iter()
            .flat_map(|t| t.needs.iter().map(|n| n.department.as_str()))
            .collect();
        depts.sort();
        depts.dedup();
        let empty = Vec::new();
        // Check each place alone first: the smallest unstaffable sets.
        let mut problems = Vec::new();
        let regions: BTreeMap<&str, BTreeMap<&str, Vec<usize>>> = by_dept
            .iter()
            .map(|(d, os)| (d.as_str(), self.regions(os)))
            .collect();
        let no_regions = BTreeMap::new();
        for (ti, t) in self.targets.iter().enumerate() {
            for (ni, need) in t.needs.iter().enumerate() {
                let officers = by_dept.get(need.department.as_str()).unwrap_or(&empty);
                let group = self.group(
                    ti,
                    officers,
                    regions.get(need.department.as_str()).unwrap_or(&no_regions),
                );
                let k = usize::try_from(need.demand).unwrap_or(usize::MAX);
                let eligible = group
                    .iter()
                    .filter(|&&o| hot.eligible_at(self, o, ti, ni))
                    .take(k)
                    .count() as u64;
                if eligible < need.demand {
                    problems.push(self.explain(&need.department, &[ti], officers));
                }
            }
        }
        if !problems.is_empty() {
            return Err(Infeasible(problems));
        }
        // Departments are independent (an officer belongs to one department,
        // each has its own stream): solved side by side, merged in order.
        let solved: Vec<DepartmentSolved> = depts
            .par_iter()
            .map(|d| {
                let officers = by_dept.get(*d).unwrap_or(&empty);
                let stats = std::cell::Cell::new(SolveStats::default());
                let mut teams: Vec<Vec<usize>> = vec![Vec::new(); self.targets.len()];
                let r = match version {
                    AssignmentVersion::V1 => {
                        self.solve_department(d, officers, seed, &mut teams, &stats, &hot)
                    }
                    AssignmentVersion::V2 => {
                        self.solve_department_v2(d, officers, seed, &mut teams, &stats, &hot)
                    }
                };
                (teams, stats.get(), r)
            })
            .collect();
        let mut teams: Vec<Vec<usize>> = vec![Vec::new(); self.targets.len()];
        let mut total = SolveStats::default();
        for (dept_teams, st, r) in solved {
            if let Err(u) = r {
                problems.push(*u);
            }
            total.places += st.places;
            total.single_candidate_picks += st.single_candidate_picks;
            total.augmenting_searches += st.augmenting_searches;
            total.rotation_steps += st.rotation_steps;
            total.rotations_made += st.rotations_made;
            for (team, mine) in teams.iter_mut().zip(dept_teams) {
                team.extend(mine);
            }
        }
        stats.set(total);
        if !problems.is_empty() {
            return Err(Infeasible(problems));
        }
        for (ti, team) in teams.iter_mut().enumerate() {
            let order = hot.need_depts(ti);
            team.sort_by_key(|&o| {
                let d = order
                    .iter()
                    .position(|&d| d == hot.officers.officer_dept[o])
                    .unwrap_or(usize::MAX);
                (d, o)
            });
        }
        Ok(teams)
    }

    /// The officers of `officers` (one department, id order) that can be
    /// eligible for target `t` by the region rule: the target's county for
    /// "same", all otherwise. Order is kept, so the spec's order is unchanged.
    fn group<'b>(
        &self,
        t: usize,
        officers: &'b [usize],
        by_region: &'b BTreeMap<&str, Vec<usize>>,
    ) -> &'b [usize] {
        match self.region {
            OfficerRegion::Same => by_region
                .get(self.targets[t].region.as_str())
                .map(Vec::as_slice)
                .unwrap_or(&[]),
            _ => officers,
        }
    }

    /// `officers` by region, in the order given: what [`Problem::group`]
    /// reads under the "same" rule, and only then (empty under the others,
    /// which take the department's whole list).
    fn regions<'b>(&'b self, officers: &[usize]) -> BTreeMap<&'b str, Vec<usize>> {
        let mut by_region: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        if self.region != OfficerRegion::Same {
            return by_region;
        }
        for &o in officers {
            by_region
                .entry(self.officers[o].region.as_str())
                .or_default()
                .push(o);
        }
        by_region
    }

    fn solve_department(
        &self,
        dept: &str,
        officers: &[usize],
        seed: &Hash,
        teams: &mut [Vec<usize>],
        stats: &std::cell::Cell<SolveStats>,
        hot: &Hot,
    ) -> Result<(), Box<Unstaffable>> {
        let mut stream = Stream::new(seed, &format!("assign/{dept}"));
        let d = hot.dept_number(dept);
        let mut order: Vec<(usize, usize)> = (0..self.targets.len())
            .filter_map(|ti| {
                hot.need_depts(ti)
                    .iter()
                    .position(|&n| Some(n) == d)
                    .map(|ni| (ti, ni))
            })
            .collect();
        stream.shuffle(&mut order);
        let cap = self.capacity.unwrap_or(u64::MAX);
        let mut load: Vec<u64> = vec![0; self.officers.len()];
        let mut serves: Vec<Vec<usize>> = vec![Vec::new(); self.officers.len()];
        // Officers grouped by region keep O_d order; "same" scans only the target's region.
        let by_region = self.regions(officers);
        let mut qualified = hot::Qualified::default();
        for (ti, ni) in order {
            let need = &self.targets[ti].needs[ni];
            let group = self.group(ti, officers, &by_region);
            for _ in 0..need.demand {
                // The eligible officers with room, of the least load.
                let place = hot::Place {
                    group,
                    target: ti,
                    need,
                    cap,
                };
                let picked = hot.pick(self, &place, &load, &teams[ti], &mut qualified, &mut |n| {
                    stream.below(n)
                });
                let mut st = stats.get();
                st.places += 1;
                if let Some((pick, n)) = picked {
                    if n == 1 {
                        st.single_candidate_picks += 1;
                    }
                    stats.set(st);
                    teams[ti].push(pick);
                    load[pick] += 1;
                    qualified.set_load(pick, load[pick]);
                    serves[pick].push(ti);
                } else {
                    st.augmenting_searches += 1;
                    stats.set(st);
                    if !self.augment(
                        dept,
                        ti,
                        officers,
                        &by_region,
                        None,
                        cap,
                        teams,
                        &mut load,
                        &mut serves,
                    ) {
                        return Err(Box::new(
                            self.explain_search(dept, ti, officers, teams, &serves),
                        ));
                    }
                    // The search moved places along a path: one load grew.
                    for &o in officers {
                        qualified.set_load(o, load[o]);
                    }
                }
            }
        }
        Ok(())
    }

    fn need_of(&self, t: usize, dept: &str) -> Option<&Need> {
        self.targets[t].needs.iter().find(|n| n.department == dept)
    }

    /// Breadth-first augmenting search for one more place of `t0` (§6):
    /// officers in the order of `officers` (v1: by id; v2: shuffled), the
    /// targets an officer serves by USCC (v1, `rank = None`) or by their
    /// place in the shuffled `T_d` (v2, `rank[t]`).
    #[allow(clippy::too_many_arguments)]
    fn augment(
        &self,
        dept: &str,
        t0: usize,
        officers: &[usize],
        by_region: &BTreeMap<&str, Vec<usize>>,
        rank: Option<&[usize]>,
        cap: u64,
        teams: &mut [Vec<usize>],
        load: &mut [u64],
        serves: &mut [Vec<usize>],
    ) -> bool {
        let mut parent: BTreeMap<usize, (usize, Option<usize>)> = BTreeMap::new();
        let mut queue = VecDeque::new();
        let Some(need0) = self.need_of(t0, dept) else {
            return false;
        };
        for &o in self.group(t0, officers, by_region) {
            if !teams[t0].contains(&o) && self.eligible(o, t0, need0) {
                parent.insert(o, (t0, None));
                if load[o] < cap {
                    self.flip(o, &parent, teams, load, serves);
                    return true;
                }
                queue.push_back(o);
            }
        }
        while let Some(o) = queue.pop_front() {
            let mut ts = serves[o].clone();
            match rank {
                None => ts.sort_by(|a, b| self.targets[*a].uscc.cmp(&self.targets[*b].uscc)),
                Some(r) => ts.sort_by_key(|&t| r[t]),
            }
            for t in ts {
                let Some(need) = self.need_of(t, dept) else {
                    continue;
                };
                for &o2 in self.group(t, officers, by_region) {
                    if parent.contains_key(&o2)
                        || teams[t].contains(&o2)
                        || !self.eligible(o2, t, need)
                    {
                        continue;
                    }
                    parent.insert(o2, (t, Some(o)));
                    if load[o2] < cap {
                        self.flip(o2, &parent, teams, load, serves);
                        return true;
                    }
                    queue.push_back(o2);
                }
            }
        }
        false
    }

    fn flip(
        &self,
        end: usize,
        parent: &BTreeMap<usize, (usize, Option<usize>)>,
        teams: &mut [Vec<usize>],
        load: &mut [u64],
        serves: &mut [Vec<usize>],
    ) {
        load[end] += 1;
        let mut o = end;
        while let Some(&(t, prev)) = parent.get(&o) {
            teams[t].push(o);
            serves[o].push(t);
            match prev {
                None => break,
                Some(p) => {
                    teams[t].retain(|&x| x != p);
                    serves[p].retain(|&x| x != t);
                    o = p;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_v2;
