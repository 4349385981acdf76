//! The exhaustive search of small groups (`docs/SCHEDULE.md` §9): the visits
//! linked by shared officers, searched depth first within a node budget.

use super::NONE;
use super::state::State;
use crate::schedule::{Problem, SEARCH_NODE_BUDGET, Unplaced};

pub(super) enum Outcome {
    Found,
    Fail,
    Budget,
}

impl State<'_> {
    /// §9: the visits linked to `u` by shared officers, by greedy rank.
    pub(super) fn component(&self, u: usize, mark: &mut [bool], rank: &[u32]) -> Vec<u32> {
        let mut comp = vec![u as u32];
        mark[u] = true;
        let mut i = 0;
        while i < comp.len() {
            let x = comp[i] as usize;
            i += 1;
            for &o in &self.inst.team[x] {
                for &w in &self.inst.officer_visits[o as usize] {
                    if !mark[w as usize] {
                        mark[w as usize] = true;
                        comp.push(w);
                    }
                }
            }
        }
        comp.sort_by_key(|&w| rank[w as usize]);
        comp
    }

    pub(super) fn unplaced_detail(&self, v: usize, p: &Problem) -> Unplaced {
        let full = self
            .inst
            .allowed_days(v)
            .map(|d| {
                let os: Vec<String> = self.inst.team[v]
                    .iter()
                    .filter(|&&o| self.full(o, d))
                    .map(|&o| self.inst.officers[o as usize].clone())
                    .collect();
                (p.days[d], os)
            })
            .collect();
        Unplaced {
            visit: p.visits[v].id.clone(),
            full,
        }
    }

    /// §9: depth-first search over the unplaced visits of `comp`, the most
    /// constrained first (fewest days with room; ties by greedy rank), days
    /// in preference order (the old day first when rescheduling).
    pub(super) fn search(&mut self, comp: &[u32], old: Option<&[u32]>, nodes: &mut u64) -> Outcome {
        let mut best: Option<(usize, usize)> = None;
        for &u in comp {
            let u = u as usize;
            if self.day[u] != NONE {
                continue;
            }
            let k = self
                .inst
                .allowed_days(u)
                .filter(|&d| self.fits(u, d))
                .count();
            if k == 0 {
                return Outcome::Fail;
            }
            if best.is_none_or(|(bk, _)| k < bk) {
                best = Some((k, u));
            }
        }
        let Some((_, u)) = best else {
            return Outcome::Found;
        };
        let mut cands = Vec::new();
        let first = old.map_or(NONE, |o| o[u]);
        if first != NONE && self.fits(u, first as usize) {
            cands.push(first);
        }
        let mut pref = Vec::new();
        self.pref(u, &mut pref);
        cands.extend(
            pref.into_iter()
                .filter(|&d| d != first && self.fits(u, d as usize)),
        );
        for d in cands {
            *nodes += 1;
            if *nodes > SEARCH_NODE_BUDGET {
                return Outcome::Budget;
            }
            self.assign(u, d as usize);
            match self.search(comp, old, nodes) {
                Outcome::Found => return Outcome::Found,
                Outcome::Budget => return Outcome::Budget,
                Outcome::Fail => self.unassign(u),
            }
        }
        Outcome::Fail
    }
}
