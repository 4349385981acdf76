//! Assignment v2 (`docs/SPEC.md` §6.1): the orders v1 takes from officer ids
//! and USCCs come from the department's stream instead, so the distribution
//! of teams is invariant under renaming officers and targets; then a chain of
//! rotations that keep every officer's load moves the assignment towards the
//! uniform distribution over complete assignments with those loads.

use super::hot::Hot;
use super::{Problem, SolveStats, Unstaffable};
use crate::core::campaign::OfficerRegion;
use crate::core::entropy::{Bound, Stream};
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
}

/// A place as the chain reads it, kept small so that the chain's random
/// reads stay in cache: `t`/`o` target and officer, `lo..lo + size` the
/// target's places (contiguous), `block` its block, `need` the target's need.
#[derive(Clone, Copy, Default)]
struct Cell {
    t: u32,
    o: u32,
    lo: u32,
    block: u32,
    need: u32,
    size: u32,
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
        hot: &Hot,
    ) -> Result<(), Box<Unstaffable>> {
        let mut stream = Stream::new(seed, &format!("assign-v2/{dept}"));
        let d = hot.dept_number(dept);
        let of_dept = |o: usize| Some(hot.officers.officer_dept[o]) == d;
        // 1. T_d by USCC, shuffled; 2. O_d by id, shuffled.
        let mut order: Vec<(usize, usize)> = (0..self.targets.len())
            .filter_map(|ti| {
                hot.need_depts(ti)
                    .iter()
                    .position(|&n| Some(n) == d)
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
        let mut qualified = super::hot::Qualified::default();
        for &(ti, ni) in &order {
            let need = &self.targets[ti].needs[ni];
            let group = self.group(ti, &o_d, &by_region);
            for _ in 0..need.demand {
                let place = super::hot::Place {
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
                    // The search moved places along a path: one load grew.
                    for &o in &o_d {
                        qualified.set_load(o, load[o]);
                    }
                }
            }
        }
        // 5. The rotation chain.
        let mut places: Vec<Place> = Vec::new();
        for &(ti, ni) in &order {
            let mut mine: Vec<usize> = teams[ti].iter().copied().filter(|&o| of_dept(o)).collect();
            mine.sort_by_key(|&o| o_rank[o]);
            let (lo, hi) = (places.len(), places.len() + mine.len());
            places.extend(mine.into_iter().map(|o| Place {
                t: ti,
                o,
                need: ni,
                lo,
                hi,
            }));
        }
        let (steps, made) = self.rotate(&mut places, &mut stream, hot);
        let mut st = stats.get();
        st.rotation_steps += steps;
        st.rotations_made += made;
        stats.set(st);
        for &(ti, _) in &order {
            teams[ti].retain(|&o| !of_dept(o));
        }
        for p in &places {
            teams[p.t].push(p.o);
        }
        Ok(())
    }

    /// The rotation chain of §6.1 on one department's places; returns the
    /// steps taken and the rotations made.
    fn rotate(&self, places: &mut [Place], stream: &mut Stream, hot: &Hot) -> (u64, u64) {
        let n = places.len();
        let steps = rotation_steps(n as u64);
        if steps == 0 {
            return (0, 0);
        }
        // An officer on a place is active and certified, so only the region
        // rule, qualifications and blocked pairs can stop it from moving to
        // another target.
        //
        // Blocks: with the "same" rule, the places of one region (no officer
        // can move between regions); otherwise all places. The chain works on
        // a copy laid out block by block (each block in list order), so that
        // `B[j]` is `start + j`; the result is written back in list order.
        let mut block_of: Vec<usize> = vec![0; n];
        let mut sizes: Vec<usize> = Vec::new();
        if self.region == OfficerRegion::Same {
            let mut numbers: BTreeMap<u32, usize> = BTreeMap::new();
            for (i, p) in places.iter().enumerate() {
                let next = numbers.len();
                let b = *numbers.entry(hot.target_region[p.t]).or_insert(next);
                if b >= sizes.len() {
                    sizes.resize(b + 1, 0);
                }
                sizes[b] += 1;
                block_of[i] = b;
            }
        } else {
            sizes.push(n);
        }
        let mut blocks: Vec<(usize, Bound)> = Vec::with_capacity(sizes.len());
        let mut acc = 0;
        for &z in &sizes {
            blocks.push((acc, Bound::new(z as u64)));
            acc += z;
        }
        let mut fill: Vec<usize> = blocks.iter().map(|b| b.0).collect();
        let mut phys_of: Vec<usize> = vec![0; n];
        let mut cells: Vec<Cell> = vec![Cell::default(); n];
        for (i, p) in places.iter().enumerate() {
            let b = block_of[i];
            let q = fill[b];
            fill[b] += 1;
            phys_of[i] = q;
            cells[q] = Cell {
                t: p.t as u32,
                o: p.o as u32,
                lo: 0,
                block: b as u32,
                need: p.need as u32,
                size: (p.hi - p.lo) as u32,
            };
        }
        // A target's places are contiguous in the list and in one block.
        for p in places.iter() {
            let lo = phys_of[p.lo];
            for c in &mut cells[lo..lo + (p.hi - p.lo)] {
                c.lo = lo as u32;
            }
        }
        // The same eligibility as the search's (`Hot::eligible`): an officer
        // in the chain is serving, so only region, recusal and qualification
        // can refuse the move.
        let movable = |o: usize, to: &Cell| -> bool {
            hot.eligible_at(self, o, to.t as usize, to.need as usize)
        };
        let all = Bound::new(n as u64);
        let two = Bound::new(2);
        let mut made = 0u64;
        let mut idx = [0usize; 3];
        let mut olds = [0u32; 3];
        for _ in 0..steps {
            idx[0] = phys_of[stream.below_bound(all) as usize];
            let (start, len) = blocks[cells[idx[0]].block as usize];
            let k = 2 + stream.below_bound(two) as usize;
            for slot in idx.iter_mut().take(k).skip(1) {
                *slot = start + stream.below_bound(len) as usize;
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
                cells[idx[j]].t == to.t || movable(olds[j] as usize, to)
            });
            if !eligible {
                continue;
            }
            for j in 0..k {
                cells[idx[(j + 1) % k]].o = olds[j];
            }
            let distinct_teams = idx[..k].iter().all(|&i| {
                let c = &cells[i];
                let lo = c.lo as usize;
                (lo..lo + c.size as usize).all(|q| q == i || cells[q].o != c.o)
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
            p.o = cells[phys_of[i]].o as usize;
        }
        (steps, made)
    }
}
