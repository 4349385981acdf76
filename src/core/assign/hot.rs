//! What the assignment's inner loops read, prepared once per solve: each
//! target's blocked officers as a sorted list, whether each officer can serve
//! at all on the draw date, and regions as numbers. Nothing here changes what
//! §6 decides; it only avoids hashing pairs and comparing strings per check.

use super::tables::OfficerTables;
use super::{Need, Problem};
use crate::core::campaign::OfficerRegion;
use std::collections::BTreeMap;

/// The prepared tables of one solve (shared read-only by all departments):
/// the officers' ([`OfficerTables`], made once for many solves or by this
/// one) and the targets'.
pub(super) struct Hot<'a> {
    /// `blocked[t]`: the officers blocked for target `t`, sorted.
    pub blocked: Vec<Vec<usize>>,
    /// `target_region[t]`: the target's region as a number (the officers'
    /// numbers, then new ones for regions no officer is of).
    pub target_region: Vec<u32>,
    /// The officers' tables.
    pub officers: Tables<'a>,
    /// `need_at[t]..need_at[t + 1]`: target `t`'s needs in `need_dept` and
    /// `need_quals`.
    need_at: Vec<usize>,
    /// Per need of every target (targets in order, a target's needs in
    /// order): its department as a number ([`Hot::dept_number`]).
    need_dept: Vec<u32>,
    /// Per need, as `need_dept`: its qualifications as the officers' bits.
    need_quals: Vec<QualBits>,
    /// Departments as numbers: the officers' (`officer_dept`), then new ones
    /// for departments no officer is of.
    dept_ids: BTreeMap<String, u32>,
}

/// A need's qualifications as the officers' bit sets see them.
#[derive(Clone, Copy)]
enum QualBits {
    /// An officer holds them all when his bits cover these.
    Bits(u64),
    /// One of them no officer holds: nobody is eligible.
    Nobody,
    /// The officers' are not bit sets: compare the strings.
    Strings,
}

/// The officers' tables of a solve: given, or made by it.
pub(super) enum Tables<'a> {
    Given(&'a OfficerTables),
    Made(Box<OfficerTables>),
}

impl std::ops::Deref for Tables<'_> {
    type Target = OfficerTables;
    fn deref(&self) -> &OfficerTables {
        match self {
            Tables::Given(t) => t,
            Tables::Made(t) => t,
        }
    }
}

impl<'a> Hot<'a> {
    /// The tables of `p`, with the officers' from `tables` when they are
    /// `p`'s officers on `p`'s date, else made here.
    pub(super) fn new(p: &Problem<'_>, tables: Option<&'a OfficerTables>) -> Hot<'a> {
        let officers = match tables {
            Some(t) if t.are_of(p.officers, p.date) => Tables::Given(t),
            _ => Tables::Made(Box::new(OfficerTables::new(p.officers, p.date))),
        };
        let mut blocked: Vec<Vec<usize>> = vec![Vec::new(); p.targets.len()];
        for &(o, t) in p.blocked {
            if let Some(v) = blocked.get_mut(t) {
                v.push(o);
            }
        }
        for v in &mut blocked {
            v.sort_unstable();
        }
        let mut more: BTreeMap<&str, u32> = BTreeMap::new();
        let mut target_region = Vec::with_capacity(p.targets.len());
        for t in p.targets {
            let r = match officers.region_ids.get(t.region.as_str()) {
                Some(&r) => r,
                None => {
                    let next = (officers.region_ids.len() + more.len()) as u32;
                    *more.entry(t.region.as_str()).or_insert(next)
                }
            };
            target_region.push(r);
        }
        let mut dept_ids: BTreeMap<String, u32> = officers
            .by_dept
            .keys()
            .enumerate()
            .map(|(d, k)| (k.clone(), d as u32))
            .collect();
        let mut need_at = Vec::with_capacity(p.targets.len() + 1);
        let mut need_dept = Vec::new();
        let mut need_quals = Vec::new();
        for t in p.targets {
            need_at.push(need_dept.len());
            for n in &t.needs {
                let d = match dept_ids.get(n.department.as_str()) {
                    Some(&d) => d,
                    None => {
                        let next = dept_ids.len() as u32;
                        dept_ids.insert(n.department.clone(), next);
                        next
                    }
                };
                need_dept.push(d);
                need_quals.push(match officers.officer_quals {
                    None => QualBits::Strings,
                    Some(_) => n
                        .qualifications
                        .iter()
                        .try_fold(0u64, |m, q| officers.qual_ids.get(q).map(|&i| m | (1 << i)))
                        .map_or(QualBits::Nobody, QualBits::Bits),
                });
            }
        }
        need_at.push(need_dept.len());
        Hot {
            blocked,
            target_region,
            officers,
            need_at,
            need_dept,
            need_quals,
            dept_ids,
        }
    }

    /// Department `dept` as a number (`None`: no officer is of it and no
    /// target needs it).
    pub(super) fn dept_number(&self, dept: &str) -> Option<u32> {
        self.dept_ids.get(dept).copied()
    }

    /// Target `t`'s needs' departments as numbers, in the needs' order.
    pub(super) fn need_depts(&self, t: usize) -> &[u32] {
        &self.need_dept[self.need_at[t]..self.need_at[t + 1]]
    }

    /// [`Hot::eligible`] for target `t`'s need number `ni`, reading the
    /// qualifications as bits when the officers' are (the same answer).
    pub(super) fn eligible_at(&self, p: &Problem<'_>, o: usize, t: usize, ni: usize) -> bool {
        let quals_ok = match self.need_quals[self.need_at[t] + ni] {
            QualBits::Bits(m) => self
                .officers
                .officer_quals
                .as_ref()
                .is_some_and(|qs| qs[o] & m == m),
            QualBits::Nobody => false,
            QualBits::Strings => {
                return self.eligible(p, o, t, &p.targets[t].needs[ni]);
            }
        };
        quals_ok && self.eligible_but_qualifications(p, o, t)
    }

    /// [`Hot::eligible`] but for the qualifications.
    fn eligible_but_qualifications(&self, p: &Problem<'_>, o: usize, t: usize) -> bool {
        self.officers.serving[o]
            && match p.region {
                OfficerRegion::Any => true,
                OfficerRegion::Same => self.officers.officer_region[o] == self.target_region[t],
                OfficerRegion::Other => self.officers.officer_region[o] != self.target_region[t],
            }
            && self.blocked[t].binary_search(&o).is_err()
    }

    /// §6's eligibility of officer `o` for target `t`'s `need`, from the
    /// prepared tables (the same answer as [`Problem::is_eligible`]).
    pub(super) fn eligible(&self, p: &Problem<'_>, o: usize, t: usize, need: &Need) -> bool {
        self.officers.serving[o]
            && match p.region {
                OfficerRegion::Any => true,
                OfficerRegion::Same => self.officers.officer_region[o] == self.target_region[t],
                OfficerRegion::Other => self.officers.officer_region[o] != self.target_region[t],
            }
            && (need.qualifications.is_empty()
                || need
                    .qualifications
                    .iter()
                    .all(|q| p.officers[o].qualifications.binary_search(q).is_ok()))
            && self.blocked[t].binary_search(&o).is_err()
    }
}

/// Whether [`Hot::pick`] may read the lists by load (tests compare it with
/// the scan).
#[cfg(not(test))]
fn indexed() -> bool {
    true
}

#[cfg(test)]
thread_local! {
    /// Set by a test to make [`Hot::pick`] scan.
    pub(super) static SCAN_ONLY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

#[cfg(test)]
fn indexed() -> bool {
    !SCAN_ONLY.with(std::cell::Cell::get)
}

/// The officers of a group holding a set of qualifications, in group order,
/// kept by one department's solve (a group is scanned for every place; most
/// needs ask for a qualification few officers hold).
#[derive(Default)]
pub(super) struct Qualified {
    lists: std::collections::HashMap<(usize, usize, u64), Vec<usize>>,
    /// The lists by load, for [`Hot::pick`].
    index: super::load_index::LoadIndex,
    /// The candidates of a scan, kept between places.
    cands: Vec<usize>,
}

impl Qualified {
    /// Records officer `o`'s load after a pick or a search changed it.
    pub(super) fn set_load(&mut self, o: usize, now: u64) {
        self.index.set_load(o, now);
    }
}

/// What the greedy step of §6 reads for one place: who may take it.
pub(super) struct Place<'a> {
    /// The officers that can be eligible by region, in the spec's order.
    pub group: &'a [usize],
    /// The target.
    pub target: usize,
    /// Its need of this department.
    pub need: &'a Need,
    /// Most places an officer may hold.
    pub cap: u64,
}

impl Hot<'_> {
    /// The qualifications `place` needs as a bit set (an officer holds
    /// them all when his set covers it); `None` when one of them no officer
    /// holds (nobody is eligible). Only with the qualifications as bit sets.
    fn mask_of(&self, place: &Place<'_>) -> Option<u64> {
        let mut m = 0u64;
        for q in &place.need.qualifications {
            m |= 1 << *self.officers.qual_ids.get(q)?;
        }
        Some(m)
    }

    /// §6's greedy step for one place: among the candidates of
    /// [`Hot::least_loaded`], the one `below(n)` chooses (`n` candidates, in
    /// group order), with `n`; `None` when there is none. With the
    /// qualifications as bit sets and the region rule "any" or "same" (the
    /// group then holds only officers of an eligible region), it reads the
    /// lists by load ([`super::load_index`]) instead of scanning the group;
    /// the same pick. The caller records each changed load with
    /// [`Qualified::set_load`].
    pub(super) fn pick(
        &self,
        p: &Problem<'_>,
        place: &Place<'_>,
        load: &[u64],
        team: &[usize],
        qualified: &mut Qualified,
        below: &mut dyn FnMut(u64) -> u64,
    ) -> Option<(usize, u64)> {
        if let (Some(quals), OfficerRegion::Any | OfficerRegion::Same, true) =
            (&self.officers.officer_quals, p.region, indexed())
        {
            let m = self.mask_of(place)?;
            let group = place.group;
            let li = qualified.index.list(
                (group.as_ptr() as usize, group.len(), m),
                || {
                    group
                        .iter()
                        .copied()
                        .filter(|&o| quals[o] & m == m && self.officers.serving[o])
                        .collect()
                },
                load,
            );
            let mut excluded = self.blocked[place.target].clone();
            excluded.extend_from_slice(team);
            return qualified.index.pick(li, place.cap, &excluded, below);
        }
        let mut cands = std::mem::take(&mut qualified.cands);
        self.least_loaded(p, place, load, team, &mut cands, qualified);
        let got = (!cands.is_empty()).then(|| {
            let n = cands.len() as u64;
            (cands[below(n) as usize], n)
        });
        qualified.cands = cands;
        got
    }

    /// The eligible officers of `place.group` with room, not yet on the
    /// target's team, and of the least load among those, in group order
    /// (§6's candidates), into `cands`. One pass that checks eligibility only
    /// for officers not more loaded than the least load found so far: the
    /// same list as filtering every officer and then keeping the least
    /// loaded, without checking those that cannot be in it.
    pub(super) fn least_loaded(
        &self,
        p: &Problem<'_>,
        place: &Place<'_>,
        load: &[u64],
        team: &[usize],
        cands: &mut Vec<usize>,
        qualified: &mut Qualified,
    ) {
        cands.clear();
        let mask = match &self.officers.officer_quals {
            Some(quals) => match self.mask_of(place) {
                Some(m) => Some((quals, m)),
                None => return,
            },
            None => None,
        };
        // Only the officers holding the need's qualifications (a
        // subsequence of the group: the order is kept).
        let group: &[usize] = match mask {
            Some((quals, m)) if m != 0 => qualified
                .lists
                .entry((place.group.as_ptr() as usize, place.group.len(), m))
                .or_insert_with(|| {
                    place
                        .group
                        .iter()
                        .copied()
                        .filter(|&o| quals[o] & m == m)
                        .collect()
                }),
            _ => place.group,
        };
        let mut best = u64::MAX;
        for &o in group {
            let l = load[o];
            if l > best || l >= place.cap {
                continue;
            }
            let eligible = match mask {
                Some((quals, m)) => {
                    quals[o] & m == m && self.eligible_but_qualifications(p, o, place.target)
                }
                None => self.eligible(p, o, place.target, place.need),
            };
            if team.contains(&o) || !eligible {
                continue;
            }
            if l < best {
                best = l;
                cands.clear();
            }
            cands.push(o);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::TargetNeeds;
    use super::super::tests::{date, officer, target};
    use super::*;
    use crate::core::registry::Officer;
    use proptest::prelude::*;
    use std::collections::HashSet;

    const QUALS: [&str; 3] = ["药品", "特种设备", "食品安全"];

    proptest! {
        /// Guards the greedy step's shortcut: the candidates of
        /// [`Hot::least_loaded`] are exactly §6's (every eligible officer with
        /// room and not on the team, then those of the least load, in group
        /// order), whatever the loads, cap, team, recusals, regions and
        /// qualifications.
        #[test]
        fn least_loaded_gives_the_candidates_of_the_plain_filter(
            officers in prop::collection::vec((0usize..3, 0usize..2, 0u8..8, any::<bool>(), 0u64..4), 1..40),
            needs in prop::collection::vec(0u8..8, 1..4),
            blocked in prop::collection::vec((0usize..40, 0usize..4), 0..20),
            on_team in prop::collection::vec(0usize..40, 0..3),
            cap in prop_oneof![Just(u64::MAX), 1u64..4],
            region in 0usize..3,
        ) {
            let regions = ["520123", "520124"];
            let os: Vec<Officer> = officers
                .iter()
                .enumerate()
                .map(|(i, &(_, r, qs, active, _))| {
                    let q: Vec<&str> = QUALS.iter().enumerate().filter(|(b, _)| qs & (1 << b) != 0).map(|(_, q)| *q).collect();
                    let mut o = officer(i, "市场监管局", regions[r], &q);
                    // Lists are sorted in a registry (COMMITMENTS §1).
                    o.qualifications.sort();
                    if !active {
                        o.status = crate::core::registry::vocab::OfficerStatus::OnLeave;
                    }
                    o
                })
                .collect();
            let mut ts: Vec<TargetNeeds> = (0..4).map(|t| target(t, regions[t % 2], &[("市场监管局", 1)])).collect();
            for (t, &qs) in ts.iter_mut().zip(needs.iter().cycle()) {
                t.needs[0].qualifications = QUALS.iter().enumerate().filter(|(b, _)| qs & (1 << b) != 0).map(|(_, q)| q.to_string()).collect();
            }
            let blocked: HashSet<(usize, usize)> = blocked.into_iter().filter(|&(o, _)| o < os.len()).collect();
            let p = Problem {
                date: date(),
                region: [OfficerRegion::Any, OfficerRegion::Same, OfficerRegion::Other][region],
                capacity: None,
                officers: &os,
                targets: &ts,
                blocked: &blocked,
            };
            let hot = Hot::new(&p, None);
            let load: Vec<u64> = officers.iter().map(|o| o.4).collect();
            let group: Vec<usize> = (0..os.len()).rev().collect();
            let team: Vec<usize> = on_team.into_iter().filter(|&o| o < os.len()).collect();
            let mut qualified = Qualified::default();
            for (t, tn) in ts.iter().enumerate() {
                let need = &tn.needs[0];
                let place = Place { group: &group, target: t, need, cap };
                let mut got = Vec::new();
                hot.least_loaded(&p, &place, &load, &team, &mut got, &mut qualified);
                let eligible: Vec<usize> = group
                    .iter()
                    .copied()
                    .filter(|&o| load[o] < cap && !team.contains(&o) && p.is_eligible(o, t, need))
                    .collect();
                let want: Vec<usize> = match eligible.iter().map(|&o| load[o]).min() {
                    Some(m) => eligible.into_iter().filter(|&o| load[o] == m).collect(),
                    None => Vec::new(),
                };
                prop_assert_eq!(got, want);
            }
        }

    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Guards the lists by load: whole solves (v1 and v2) read through
        /// them give the teams the scan gives, on problems with
        /// qualifications, recusals, inactive officers, two regions, a cap
        /// and demands that make the greedy step augment.
        #[test]
        fn solves_through_the_load_index_equal_solves_by_scan(
            officers in prop::collection::vec((0usize..2, 0u8..8, prop::bool::weighted(0.9)), 1..30),
            targets in prop::collection::vec((0usize..2, 1u64..3, 0u8..8), 1..25),
            blocked in prop::collection::vec((0usize..30, 0usize..25), 0..30),
            cap in prop::option::of(1u64..4),
            region in 0usize..2,
            seed in any::<[u8; 32]>(),
        ) {
            let regions = ["520123", "520124"];
            let quals = |qs: u8| -> Vec<&str> {
                QUALS.iter().enumerate().filter(|(b, _)| qs & (1 << b) != 0).map(|(_, q)| *q).collect()
            };
            let mut os: Vec<Officer> = officers
                .iter()
                .enumerate()
                .map(|(i, &(r, qs, active))| {
                    let mut o = officer(i, "市场监管局", regions[r], &quals(qs));
                    o.qualifications.sort();
                    if !active {
                        o.status = crate::core::registry::vocab::OfficerStatus::OnLeave;
                    }
                    o
                })
                .collect();
            os.sort_by(|a, b| a.id.cmp(&b.id));
            let ts: Vec<TargetNeeds> = targets
                .iter()
                .enumerate()
                .map(|(i, &(r, demand, qs))| {
                    let mut t = target(i, regions[r], &[("市场监管局", demand)]);
                    // A need asks for at most one qualification, often none.
                    t.needs[0].qualifications = quals(qs & (1 << (qs % 4))).iter().take(1).map(|q| q.to_string()).collect();
                    t
                })
                .collect();
            let blocked: HashSet<(usize, usize)> = blocked
                .into_iter()
                .filter(|&(o, t)| o < os.len() && t < ts.len())
                .collect();
            let p = Problem {
                date: date(),
                region: [OfficerRegion::Any, OfficerRegion::Same][region],
                capacity: cap,
                officers: &os,
                targets: &ts,
                blocked: &blocked,
            };
            for v in [super::super::AssignmentVersion::V1, super::super::AssignmentVersion::V2] {
                SCAN_ONLY.with(|c| c.set(true));
                let scanned = p.solve_version_with_stats(&crate::core::merkle::Hash(seed), v);
                SCAN_ONLY.with(|c| c.set(false));
                let indexed = p.solve_version_with_stats(&crate::core::merkle::Hash(seed), v);
                match (scanned, indexed) {
                    (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
                    (Err(_), Err(_)) => {}
                    (a, b) => prop_assert!(false, "scan {:?} but index {:?}", a.is_ok(), b.is_ok()),
                }
            }
        }
    }
}
