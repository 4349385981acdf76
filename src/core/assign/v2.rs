//! Assignment v2 (`docs/SPEC.md` §6.1): the orders v1 takes from officer ids
//! and USCCs come from the department's stream instead, so the distribution
//! of teams is invariant under renaming officers and targets; then a chain of
//! rotations that keep every officer's load moves the assignment towards the
//! uniform distribution over complete assignments with those loads.

use super::{Problem, SolveStats, Unstaffable};
use crate::core::campaign::OfficerRegion;
use crate::core::entropy::Stream;
use crate::core::merkle::Hash;
use std::collections::BTreeMap;

/// The number of rotation steps for `places` places of one department
/// (§6.1): `P · bitlen(P)` when `P ≥ 2`, else 0. `bitlen(P)` is the
/// number of binary digits of `P` (`⌈log2(P + 1)⌉`).
pub fn rotation_steps(places: u64) -> u64 {
    if places < 2 {
        return 0;
    }
    let bits = u64::from(64 - places.leading_zeros());
    places.saturating_mul(bits)
}

/// One place of the chain: target, officer, the target's need index, and
/// the range of the target's places in the list (they are contiguous).
#[derive(Clone, Copy)]
struct Place {
    t: usize,
    o: usize,
    need: usize,
    lo: usize,
    hi: usize,
    /// The target's region, as a number for this department's chain.
    region: u32,
}

/// A place as the chain reads it: `start`/`len` its block, `lo..hi` its
/// target's places, `blocked` the target's blocked officers (sorted).
#[derive(Clone, Copy, Default)]
struct Cell<'b> {
    t: usize,
    o: usize,
    region: u32,
    quals: bool,
    need: usize,
    start: usize,
    len: usize,
    lo: usize,
    hi: usize,
    blocked: &'b [usize],
}

impl Problem<'_> {
    /// §6.1 for department `dept` (`officers`: its officers by id).
    pub(super) fn solve_department_v2(
        &self,
        dept: &str,
        officers: &[usize],
        seed: &Hash,
        teams: &mut [Vec<usize>],
        stats: &std::cell::Cell<SolveStats>,
        blocked_lists: &[Vec<usize>],
    ) -> Result<(), Box<Unstaffable>> {
        let mut stream = Stream::new(seed, &format!("assign-v2/{dept}"));
        // 1. T_d by USCC, shuffled; 2. O_d by id, shuffled.
        let mut order: Vec<(usize, usize)> = self
            .targets
            .iter()
            .enumerate()
            .filter_map(|(ti, t)| {
                t.needs
                    .iter()
                    .position(|n| n.department == dept)
                    .map(|ni| (ti, ni))
            })
            .collect();
        order.sort_by(|a, b| self.targets[a.0].uscc.cmp(&self.targets[b.0].uscc));
        stream.shuffle(&mut order);
        let mut o_d: Vec<usize> = officers.to_vec();
        o_d.sort_by(|a, b| self.officers[*a].id.cmp(&self.officers[*b].id));
        stream.shuffle(&mut o_d);
        let mut t_rank = vec![usize::MAX; self.targets.len()];
        for (r, &(ti, _)) in order.iter().enumerate() {
            t_rank[ti] = r;
        }
        let mut o_rank = vec![usize::MAX; self.officers.len()];
        for (r, &o) in o_d.iter().enumerate() {
            o_rank[o] = r;
        }
        // 3. Least loaded first, in the shuffled officer order.
        let cap = self.capacity.unwrap_or(u64::MAX);
        let mut load: Vec<u64> = vec![0; self.officers.len()];
        let mut serves: Vec<Vec<usize>> = vec![Vec::new(); self.officers.len()];
        let by_region = self.regions(&o_d);
        let mut cands: Vec<usize> = Vec::new();
        for &(ti, ni) in &order {
            let need = &self.targets[ti].needs[ni];
            let group = self.group(ti, &o_d, &by_region);
            let blocked_t = &blocked_lists[ti];
            for _ in 0..need.demand {
                cands.clear();
                cands.extend(group.iter().copied().filter(|&o| {
                    load[o] < cap
                        && !teams[ti].contains(&o)
                        && self.eligible_fast(o, ti, need, blocked_t)
                }));
                let mut st = stats.get();
                st.places += 1;
                if let Some(m) = cands.iter().map(|&o| load[o]).min() {
                    cands.retain(|&o| load[o] == m);
                    if cands.len() == 1 {
                        st.single_candidate_picks += 1;
                    }
                    stats.set(st);
                    let pick = cands[stream.below(cands.len() as u64) as usize];
                    teams[ti].push(pick);
                    load[pick] += 1;
                    serves[pick].push(ti);
                } else {
                    st.augmenting_searches += 1;
                    stats.set(st);
                    // 4. The search of §6 in the shuffled orders.
                    if !self.augment(
                        dept,
                        ti,
                        &o_d,
                        &by_region,
                        Some(&t_rank),
                        cap,
                        teams,
                        &mut load,
                        &mut serves,
                    ) {
                        return Err(Box::new(
                            self.explain_search(dept, ti, officers, teams, &serves),
                        ));
                    }
                }
            }
        }
        // 5. The rotation chain.
        let mut places: Vec<Place> = Vec::new();
        for &(ti, ni) in &order {
            let mut mine: Vec<usize> = teams[ti]
                .iter()
                .copied()
                .filter(|&o| self.officers[o].department == dept)
                .collect();
            mine.sort_by_key(|&o| o_rank[o]);
            let (lo, hi) = (places.len(), places.len() + mine.len());
            places.extend(mine.into_iter().map(|o| Place {
                t: ti,
                o,
                need: ni,
                lo,
                hi,
                region: 0,
            }));
        }
        let (steps, made) = self.rotate(&mut places, &o_d, &mut stream, blocked_lists);
        let mut st = stats.get();
        st.rotation_steps += steps;
        st.rotations_made += made;
        stats.set(st);
        for &(ti, _) in &order {
            teams[ti].retain(|&o| self.officers[o].department != dept);
        }
        for p in &places {
            teams[p.t].push(p.o);
        }
        Ok(())
    }

    /// The rotation chain of §6.1 on one department's places; returns the
    /// steps taken and the rotations made.
    fn rotate(
        &self,
        places: &mut [Place],
        o_d: &[usize],
        stream: &mut Stream,
        blocked_lists: &[Vec<usize>],
    ) -> (u64, u64) {
        let n = places.len();
        let steps = rotation_steps(n as u64);
        if steps == 0 {
            return (0, 0);
        }
        // Regions as numbers: an officer on a place is active and certified,
        // so only the region rule, qualifications and blocked pairs can stop
        // it from moving to another target.
        let mut region_ids: BTreeMap<&str, u32> = BTreeMap::new();
        let mut officer_region: Vec<u32> = vec![0; self.officers.len()];
        for &o in o_d {
            let next = region_ids.len() as u32;
            officer_region[o] = *region_ids
                .entry(self.officers[o].region.as_str())
                .or_insert(next);
        }
        for p in places.iter_mut() {
            let next = region_ids.len() as u32;
            p.region = *region_ids
                .entry(self.targets[p.t].region.as_str())
                .or_insert(next);
        }
        // Blocks: with the "same" rule, the places of one region (no officer
        // can move between regions); otherwise all places. The chain works on
        // a copy laid out block by block (each block in list order), so that
        // `B[j]` is `start + j`; the result is written back in list order.
        let mut block_of: Vec<usize> = vec![0; n];
        let mut sizes: Vec<usize> = Vec::new();
        if self.region == OfficerRegion::Same {
            for (i, p) in places.iter().enumerate() {
                let b = p.region as usize;
                if b >= sizes.len() {
                    sizes.resize(b + 1, 0);
                }
                sizes[b] += 1;
                block_of[i] = b;
            }
        } else {
            sizes.push(n);
        }
        let mut starts: Vec<usize> = Vec::with_capacity(sizes.len());
        let mut acc = 0;
        for &z in &sizes {
            starts.push(acc);
            acc += z;
        }
        let mut fill = starts.clone();
        let mut phys_of: Vec<usize> = vec![0; n];
        let mut cells: Vec<Cell<'_>> = Vec::with_capacity(n);
        cells.resize(n, Cell::default());
        for (i, p) in places.iter().enumerate() {
            let b = block_of[i];
            let q = fill[b];
            fill[b] += 1;
            phys_of[i] = q;
            cells[q] = Cell {
                t: p.t,
                o: p.o,
                region: p.region,
                quals: !self.targets[p.t].needs[p.need].qualifications.is_empty(),
                need: p.need,
                start: starts[b],
                len: sizes[b],
                lo: 0,
                hi: 0,
                blocked: &blocked_lists[p.t],
            };
        }
        // A target's places are contiguous in the list and in one block.
        for p in places.iter() {
            let (lo, hi) = (phys_of[p.lo], phys_of[p.lo] + (p.hi - p.lo));
            for c in &mut cells[lo..hi] {
                c.lo = lo;
                c.hi = hi;
            }
        }
        let movable = |o: usize, to: &Cell<'_>| -> bool {
            let region_ok = match self.region {
                OfficerRegion::Any => true,
                OfficerRegion::Same => officer_region[o] == to.region,
                OfficerRegion::Other => officer_region[o] != to.region,
            };
            region_ok
                && to.blocked.binary_search(&o).is_err()
                && (!to.quals
                    || self.targets[to.t].needs[to.need]
                        .qualifications
                        .iter()
                        .all(|q| self.officers[o].qualifications.binary_search(q).is_ok()))
        };
        let mut made = 0u64;
        let mut idx = [0usize; 3];
        let mut olds = [0usize; 3];
        for _ in 0..steps {
            idx[0] = phys_of[stream.below(n as u64) as usize];
            let (start, len) = (cells[idx[0]].start, cells[idx[0]].len);
            let k = 2 + stream.below(2) as usize;
            for slot in idx.iter_mut().take(k).skip(1) {
                *slot = start + stream.below(len as u64) as usize;
            }
            let distinct = (0..k).all(|a| (a + 1..k).all(|b| idx[a] != idx[b]));
            if !distinct {
                continue;
            }
            // The officer at idx[j] moves to idx[j + 1], the last to idx[0].
            for j in 0..k {
                olds[j] = cells[idx[j]].o;
            }
            let eligible = (0..k).all(|j| {
                let to = &cells[idx[(j + 1) % k]];
                cells[idx[j]].t == to.t || movable(olds[j], to)
            });
            if !eligible {
                continue;
            }
            for j in 0..k {
                cells[idx[(j + 1) % k]].o = olds[j];
            }
            let distinct_teams = idx[..k].iter().all(|&i| {
                let c = &cells[i];
                (c.lo..c.hi).all(|q| q == i || cells[q].o != c.o)
            });
            if distinct_teams {
                made += 1;
            } else {
                for j in 0..k {
                    cells[idx[j]].o = olds[j];
                }
            }
        }
        for (i, p) in places.iter_mut().enumerate() {
            p.o = cells[phys_of[i]].o;
        }
        (steps, made)
    }
}
