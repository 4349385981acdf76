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
/// (§6.1): `4 · P · bitlen(P)` when `P ≥ 2`, else 0. `bitlen(P)` is the
/// number of binary digits of `P` (`⌈log2(P + 1)⌉`).
pub fn rotation_steps(places: u64) -> u64 {
    if places < 2 {
        return 0;
    }
    let bits = u64::from(64 - places.leading_zeros());
    places.saturating_mul(bits).saturating_mul(4)
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
            }));
        }
        let (steps, made) = self.rotate(&mut places, &mut stream, blocked_lists);
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
        stream: &mut Stream,
        blocked_lists: &[Vec<usize>],
    ) -> (u64, u64) {
        let n = places.len();
        let steps = rotation_steps(n as u64);
        if steps == 0 {
            return (0, 0);
        }
        // Blocks: with the "same" rule, the places of one region (no officer
        // can move between regions); otherwise all places.
        let mut block_of: Vec<usize> = vec![0; n];
        let mut blocks: Vec<Vec<usize>> = Vec::new();
        if self.region == OfficerRegion::Same {
            let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
            for (i, p) in places.iter().enumerate() {
                let next = ids.len();
                let b = *ids.entry(self.targets[p.t].region.as_str()).or_insert(next);
                if b == blocks.len() {
                    blocks.push(Vec::new());
                }
                blocks[b].push(i);
                block_of[i] = b;
            }
        } else {
            blocks.push((0..n).collect());
        }
        let mut made = 0u64;
        let mut idx = [0usize; 3];
        let mut olds = [0usize; 3];
        for _ in 0..steps {
            idx[0] = stream.below(n as u64) as usize;
            let block = &blocks[block_of[idx[0]]];
            let k = 2 + stream.below(2) as usize;
            for slot in idx.iter_mut().take(k).skip(1) {
                *slot = block[stream.below(block.len() as u64) as usize];
            }
            let distinct = (0..k).all(|a| (a + 1..k).all(|b| idx[a] != idx[b]));
            if !distinct {
                continue;
            }
            // The officer at idx[j] moves to idx[j + 1], the last to idx[0].
            for j in 0..k {
                olds[j] = places[idx[j]].o;
            }
            let eligible = (0..k).all(|j| {
                let to = places[idx[(j + 1) % k]];
                let from = places[idx[j]];
                from.t == to.t || {
                    let need = &self.targets[to.t].needs[to.need];
                    self.eligible_fast(olds[j], to.t, need, &blocked_lists[to.t])
                }
            });
            if !eligible {
                continue;
            }
            for j in 0..k {
                places[idx[(j + 1) % k]].o = olds[j];
            }
            let distinct_teams = idx[..k].iter().all(|&i| {
                let p = places[i];
                (p.lo..p.hi).all(|q| q == i || places[q].o != p.o)
            });
            if distinct_teams {
                made += 1;
            } else {
                for j in 0..k {
                    places[idx[j]].o = olds[j];
                }
            }
        }
        (steps, made)
    }
}
