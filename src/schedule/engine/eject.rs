//! The ejection search (`docs/SCHEDULE.md` §8): unplaced visits push the
//! visits in their way off their days, least cost first, within a step
//! budget.

use super::state::State;
use crate::schedule::Stats;
use std::collections::VecDeque;

impl State<'_> {
    /// §8: the visits that must leave day `d` for `v` to fit there: while
    /// some officer of `v`'s team is still full on `d` (the first such by
    /// id), the visit on `d` with that officer covering the most of the
    /// still-full officers, then moved the fewest times, then first in greedy
    /// rank.
    fn eviction_set(&self, v: usize, d: usize, rank: &[u32], moves: &[u32], out: &mut Vec<usize>) {
        let inst = self.inst;
        out.clear();
        let mut pending: Vec<u32> = inst.team[v]
            .iter()
            .copied()
            .filter(|&o| self.full(o, d))
            .collect();
        while let Some(&o) = pending.first() {
            let mut best: Option<(usize, usize)> = None;
            for &w in &inst.officer_visits[o as usize] {
                let w = w as usize;
                if self.day[w] != d as u32 || out.contains(&w) {
                    continue;
                }
                let cover = pending
                    .iter()
                    .filter(|p| inst.team[w].binary_search(p).is_ok())
                    .count();
                let better = match best {
                    None => true,
                    Some((bc, b)) => {
                        (
                            cover,
                            std::cmp::Reverse(moves[w]),
                            std::cmp::Reverse(rank[w]),
                        ) > (bc, std::cmp::Reverse(moves[b]), std::cmp::Reverse(rank[b]))
                    }
                };
                if better {
                    best = Some((cover, w));
                }
            }
            let Some((_, w)) = best else {
                // Unreachable in a valid state: a full officer has visits there.
                return;
            };
            out.push(w);
            pending.retain(|p| inst.team[w].binary_search(p).is_err());
        }
    }

    /// §8: ejection search over the unplaced visits (a queue): each takes
    /// the allowed day where pushing off the visits in its way costs least,
    /// a visit costing 1 plus the times it was pushed off before (ties in
    /// preference order); the visits pushed off join the back of the queue.
    /// Returns the visits still unplaced when the budget runs out.
    pub(super) fn eject(
        &mut self,
        unplaced: Vec<usize>,
        rank: &[u32],
        budget: u64,
        stats: &mut Stats,
    ) -> Vec<usize> {
        let inst = self.inst;
        let mut queue: VecDeque<usize> = unplaced.into();
        let mut moves = vec![0u32; inst.visits()];
        let mut step = 0u64;
        let mut buf = Vec::new();
        let mut evict = Vec::new();
        let mut chosen = Vec::new();
        let mut stuck = Vec::new();
        while let Some(v) = queue.pop_front() {
            if step >= budget {
                queue.push_front(v);
                break;
            }
            step += 1;
            self.pref(v, &mut buf);
            let mut best: Option<(u64, u32)> = None;
            for &d in &buf {
                self.eviction_set(v, d as usize, rank, &moves, &mut evict);
                let cost: u64 = evict.iter().map(|&w| 1 + u64::from(moves[w])).sum();
                if best.is_none_or(|(c, _)| cost < c) {
                    best = Some((cost, d));
                    std::mem::swap(&mut chosen, &mut evict);
                    if cost == 0 {
                        break;
                    }
                }
            }
            let Some((_, d)) = best else {
                // No allowed day (excluded by the pre-check; kept for safety).
                stuck.push(v);
                continue;
            };
            for &w in &chosen {
                self.unassign(w);
                moves[w] = moves[w].saturating_add(1);
                queue.push_back(w);
            }
            stats.ejections += chosen.len();
            self.assign(v, d as usize);
        }
        stuck.extend(queue);
        stats.ejection_steps += step;
        stuck
    }
}
