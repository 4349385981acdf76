//! The canonical instance (`docs/SCHEDULE.md` §2–§3): officers, teams and
//! townships as indices, the days each visit may be on as bitsets, and the
//! greedy order.

use crate::schedule::Problem;
use std::collections::BTreeSet;

/// The canonical instance.
pub(super) struct Inst {
    pub(super) n: usize,
    words: usize,
    pub(super) limit: u32,
    pub(super) officers: Vec<String>,
    pub(super) team: Vec<Vec<u32>>,
    pub(super) township: Vec<u32>,
    pub(super) townships: usize,
    /// Visit-major bitsets: bit `d` of visit `v` is set when every officer
    /// of the team is free on day `d` and `d` is not excluded for `v`.
    allowed: Vec<u64>,
    pub(super) allowed_count: Vec<u32>,
    /// Per officer: the period's days they are not on leave.
    free_days: Vec<u32>,
    /// Per officer: the visits they are on, by visit index.
    pub(super) officer_visits: Vec<Vec<u32>>,
}

impl Inst {
    pub(super) fn build(p: &Problem) -> Inst {
        let n = p.days.len();
        let words = n.div_ceil(64);
        let officers: Vec<String> = p
            .visits
            .iter()
            .flat_map(|v| v.officers.iter().cloned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let townships: Vec<&str> = p
            .visits
            .iter()
            .map(|v| v.township.as_str())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let day_index = |d: &chrono::NaiveDate| p.days.binary_search(d).ok();
        let mut free = vec![!0u64; officers.len() * words];
        if !n.is_multiple_of(64) {
            for o in 0..officers.len() {
                free[o * words + words - 1] = (1u64 << (n % 64)) - 1;
            }
        }
        for (o, id) in officers.iter().enumerate() {
            if let Some(l) = p.leave.get(id) {
                for d in l.iter().filter_map(day_index) {
                    free[o * words + d / 64] &= !(1u64 << (d % 64));
                }
            }
        }
        let free_days = (0..officers.len())
            .map(|o| {
                free[o * words..(o + 1) * words]
                    .iter()
                    .map(|w| w.count_ones())
                    .sum()
            })
            .collect();
        let mut team = Vec::with_capacity(p.visits.len());
        let mut township = Vec::with_capacity(p.visits.len());
        let mut allowed = vec![!0u64; p.visits.len() * words];
        let mut allowed_count = Vec::with_capacity(p.visits.len());
        let mut officer_visits = vec![Vec::new(); officers.len()];
        for (v, visit) in p.visits.iter().enumerate() {
            let t: Vec<u32> = visit
                .officers
                .iter()
                .filter_map(|o| officers.binary_search(o).ok())
                .map(|o| o as u32)
                .collect();
            let a = &mut allowed[v * words..(v + 1) * words];
            for &o in &t {
                officer_visits[o as usize].push(v as u32);
                for (w, f) in a.iter_mut().zip(&free[o as usize * words..]) {
                    *w &= f;
                }
            }
            for d in visit.not_on.iter().filter_map(day_index) {
                a[d / 64] &= !(1u64 << (d % 64));
            }
            allowed_count.push(a.iter().map(|w| w.count_ones()).sum());
            team.push(t);
            township.push(
                townships
                    .binary_search(&visit.township.as_str())
                    .unwrap_or(0) as u32,
            );
        }
        Inst {
            n,
            words,
            limit: p.max_visits_per_officer_per_day,
            officers,
            team,
            township,
            townships: townships.len(),
            allowed,
            allowed_count,
            free_days,
            officer_visits,
        }
    }

    pub(super) fn visits(&self) -> usize {
        self.team.len()
    }

    pub(super) fn allowed(&self, v: usize, d: usize) -> bool {
        self.allowed[v * self.words + d / 64] >> (d % 64) & 1 == 1
    }

    pub(super) fn allowed_days(&self, v: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.n).filter(move |&d| self.allowed(v, d))
    }

    /// §3: visits by tightness of their tightest officer (descending), then
    /// fewer allowed days, then larger teams, then id.
    pub(super) fn greedy_order(&self) -> Vec<u32> {
        let c = u128::from(self.limit);
        let tight: Vec<(u128, u128)> = self
            .team
            .iter()
            .map(|t| {
                let mut best = (0u128, 1u128);
                for &o in t {
                    let k = self.officer_visits[o as usize].len() as u128;
                    let places = (c * u128::from(self.free_days[o as usize])).max(1);
                    if k * best.1 > best.0 * places {
                        best = (k, places);
                    }
                }
                best
            })
            .collect();
        let mut order: Vec<u32> = (0..self.visits() as u32).collect();
        order.sort_by(|&a, &b| {
            let (ta, tb) = (tight[a as usize], tight[b as usize]);
            (tb.0 * ta.1)
                .cmp(&(ta.0 * tb.1))
                .then_with(|| self.allowed_count[a as usize].cmp(&self.allowed_count[b as usize]))
                .then_with(|| {
                    self.team[b as usize]
                        .len()
                        .cmp(&self.team[a as usize].len())
                })
                .then_with(|| a.cmp(&b))
        });
        order
    }
}
