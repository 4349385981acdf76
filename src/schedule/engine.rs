//! The scheduling engine (`docs/SCHEDULE.md` §2–§11). Everything here works
//! on indices into the canonical problem: visits by id, officers by id,
//! townships by code, days ascending.

use super::{
    Bottleneck, Problem, SEARCH_MAX_VISITS, SEARCH_NODE_BUDGET, ScheduleError, Stats, Unplaced,
};
use crate::core::entropy::Stream;
use std::collections::{BTreeSet, VecDeque};

/// No day.
pub(crate) const NONE: u32 = u32::MAX;

/// The ejection search's step budget: this plus [`EJECTION_PER_VISIT`] per visit.
const EJECTION_BASE: u64 = 10_000;
/// See [`EJECTION_BASE`].
const EJECTION_PER_VISIT: u64 = 20;

/// What rescheduling adds: the old days (by visit index, [`NONE`] when the
/// old date is not a day of the period) and the visit whose team changed.
pub(crate) struct Resched<'a> {
    pub old: &'a [u32],
    pub last: Option<usize>,
}

/// The canonical instance.
struct Inst {
    n: usize,
    words: usize,
    limit: u32,
    officers: Vec<String>,
    team: Vec<Vec<u32>>,
    township: Vec<u32>,
    townships: usize,
    /// Visit-major bitsets: bit `d` of visit `v` is set when every officer
    /// of the team is free on day `d` and `d` is not excluded for `v`.
    allowed: Vec<u64>,
    allowed_count: Vec<u32>,
    /// Per officer: the period's days they are not on leave.
    free_days: Vec<u32>,
    /// Per officer: the visits they are on, by visit index.
    officer_visits: Vec<Vec<u32>>,
}

impl Inst {
    fn build(p: &Problem) -> Inst {
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
        if n % 64 != 0 {
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

    fn visits(&self) -> usize {
        self.team.len()
    }

    fn allowed(&self, v: usize, d: usize) -> bool {
        self.allowed[v * self.words + d / 64] >> (d % 64) & 1 == 1
    }

    fn allowed_days(&self, v: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.n).filter(move |&d| self.allowed(v, d))
    }

    /// §3: visits by tightness of their tightest officer (descending), then
    /// fewer allowed days, then larger teams, then id.
    fn greedy_order(&self) -> Vec<u32> {
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

/// §4: one Fisher–Yates shuffle of the day indices per township, townships
/// by code.
fn draw_orders(inst: &Inst, stream: &mut Stream) -> Vec<Vec<u32>> {
    (0..inst.townships)
        .map(|_| {
            let mut v: Vec<u32> = (0..inst.n as u32).collect();
            stream.shuffle(&mut v);
            v
        })
        .collect()
}

/// §5: the proven bottlenecks: visits with no allowed day, then for each
/// officer (by id) the first Hall violator of its own visits.
fn precheck(inst: &Inst, p: &Problem) -> Vec<Bottleneck> {
    let mut out = Vec::new();
    for v in 0..inst.visits() {
        if inst.allowed_count[v] == 0 {
            let visit = &p.visits[v];
            let leave = visit
                .officers
                .iter()
                .map(|o| {
                    let k = p.leave.get(o).map_or(0, |l| {
                        l.iter().filter(|d| p.days.binary_search(d).is_ok()).count()
                    });
                    (o.clone(), k)
                })
                .collect();
            let excluded = visit
                .not_on
                .iter()
                .filter(|d| p.days.binary_search(d).is_ok())
                .count();
            out.push(Bottleneck::NoDay {
                visit: visit.id.clone(),
                leave,
                excluded,
            });
        }
    }
    let c = inst.limit;
    let mut load = vec![0u32; inst.n];
    let mut seen_day = vec![false; inst.n];
    let mut reached_by = vec![0u32; inst.n];
    for (o, vs) in inst.officer_visits.iter().enumerate() {
        // Local indices 0..vs.len() for the officer's visits.
        let vs: Vec<u32> = vs
            .iter()
            .copied()
            .filter(|&v| inst.allowed_count[v as usize] > 0)
            .collect();
        if (vs.len() as u64) <= u64::from(c) {
            continue;
        }
        let mut mday = vec![NONE; vs.len()];
        load.fill(0);
        let mut violator = None;
        for u in 0..vs.len() {
            seen_day.fill(false);
            let mut seen_visit = vec![false; vs.len()];
            seen_visit[u] = true;
            let mut queue = VecDeque::from([u]);
            let mut found = None;
            'bfs: while let Some(x) = queue.pop_front() {
                for d in inst.allowed_days(vs[x] as usize) {
                    if seen_day[d] {
                        continue;
                    }
                    seen_day[d] = true;
                    reached_by[d] = x as u32;
                    if load[d] < c {
                        found = Some(d);
                        break 'bfs;
                    }
                    for (w, &md) in mday.iter().enumerate() {
                        if md as usize == d && !seen_visit[w] {
                            seen_visit[w] = true;
                            queue.push_back(w);
                        }
                    }
                }
            }
            match found {
                Some(mut d) => {
                    load[d] += 1;
                    loop {
                        let x = reached_by[d] as usize;
                        let prev = mday[x];
                        mday[x] = d as u32;
                        if prev == NONE {
                            break;
                        }
                        d = prev as usize;
                    }
                }
                None => {
                    let mut visits: Vec<String> = (0..vs.len())
                        .filter(|&w| seen_visit[w])
                        .map(|w| p.visits[vs[w] as usize].id.clone())
                        .collect();
                    visits.sort();
                    let days = (0..inst.n)
                        .filter(|&d| seen_day[d])
                        .map(|d| p.days[d])
                        .collect();
                    violator = Some(Bottleneck::Officer {
                        officer: inst.officers[o].clone(),
                        visits,
                        days,
                        limit: c,
                    });
                    break;
                }
            }
        }
        out.extend(violator);
    }
    out
}

enum Outcome {
    Found,
    Fail,
    Budget,
}

struct State<'a> {
    inst: &'a Inst,
    orders: Vec<Vec<u32>>,
    day: Vec<u32>,
    load: Vec<u32>,
    tcount: Vec<u32>,
    // Scratch for the augmenting search.
    stamp: Vec<u32>,
    generation: u32,
    parent: Vec<(u32, u32)>,
}

impl<'a> State<'a> {
    fn new(inst: &'a Inst, orders: Vec<Vec<u32>>) -> Self {
        State {
            inst,
            orders,
            day: vec![NONE; inst.visits()],
            load: vec![0; inst.officers.len() * inst.n],
            tcount: vec![0; inst.townships * inst.n],
            stamp: vec![0; inst.visits()],
            generation: 0,
            parent: vec![(NONE, NONE); inst.visits()],
        }
    }

    fn full(&self, o: u32, d: usize) -> bool {
        self.load[o as usize * self.inst.n + d] >= self.inst.limit
    }

    fn fits(&self, v: usize, d: usize) -> bool {
        self.inst.allowed(v, d) && self.inst.team[v].iter().all(|&o| !self.full(o, d))
    }

    fn assign(&mut self, v: usize, d: usize) {
        let n = self.inst.n;
        self.day[v] = d as u32;
        for &o in &self.inst.team[v] {
            self.load[o as usize * n + d] += 1;
        }
        self.tcount[self.inst.township[v] as usize * n + d] += 1;
    }

    fn unassign(&mut self, v: usize) {
        let n = self.inst.n;
        let d = self.day[v];
        if d == NONE {
            return;
        }
        let d = d as usize;
        for &o in &self.inst.team[v] {
            self.load[o as usize * n + d] -= 1;
        }
        self.tcount[self.inst.township[v] as usize * n + d] -= 1;
        self.day[v] = NONE;
    }

    /// §4: the allowed days of `v` in preference order: days already holding
    /// a visit of its township, in the township's order, then the others in
    /// the township's order.
    fn pref(&self, v: usize, out: &mut Vec<u32>) {
        out.clear();
        let n = self.inst.n;
        let g = self.inst.township[v] as usize;
        let counts = &self.tcount[g * n..(g + 1) * n];
        for pass in [true, false] {
            for &d in &self.orders[g] {
                if (counts[d as usize] > 0) == pass && self.inst.allowed(v, d as usize) {
                    out.push(d);
                }
            }
        }
    }

    /// §6: the first day of `pref(v)` with room for the whole team.
    fn place_direct(&mut self, v: usize, buf: &mut Vec<u32>) -> bool {
        self.pref(v, buf);
        match buf.iter().find(|&&d| self.fits(v, d as usize)) {
            Some(&d) => {
                self.assign(v, d as usize);
                true
            }
            None => false,
        }
    }

    /// §7: a shortest augmenting path for the unplaced visit `v`: each step
    /// moves one visit onto a day whose full officers (for it) are all in
    /// the team of one visit there, which moves on in turn; the last visit
    /// moves onto a day with room. Returns the number of other visits moved.
    fn augment(&mut self, v: usize) -> Option<usize> {
        let inst = self.inst;
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.stamp.fill(0);
            self.generation = 1;
        }
        let generation = self.generation;
        let mut seen_day = vec![false; inst.n];
        let mut queue = VecDeque::from([v as u32]);
        self.stamp[v] = generation;
        self.parent[v] = (NONE, NONE);
        let mut buf = Vec::new();
        let mut blockers = Vec::new();
        while let Some(x) = queue.pop_front() {
            let x = x as usize;
            self.pref(x, &mut buf);
            if let Some(&d) = buf
                .iter()
                .find(|&&d| !seen_day[d as usize] && self.fits(x, d as usize))
            {
                return Some(self.apply(x, d as usize, v));
            }
            for &d in &buf {
                let d = d as usize;
                if seen_day[d] {
                    continue;
                }
                blockers.clear();
                blockers.extend(inst.team[x].iter().copied().filter(|&o| self.full(o, d)));
                let Some(&first) = blockers.first() else {
                    continue;
                };
                let mut any = false;
                for &w in &inst.officer_visits[first as usize] {
                    let wu = w as usize;
                    if self.day[wu] == d as u32
                        && self.stamp[wu] != generation
                        && blockers
                            .iter()
                            .all(|b| inst.team[wu].binary_search(b).is_ok())
                    {
                        self.stamp[wu] = generation;
                        self.parent[wu] = (x as u32, d as u32);
                        queue.push_back(w);
                        any = true;
                    }
                }
                if any {
                    seen_day[d] = true;
                }
            }
        }
        None
    }

    /// Moves `x` to `d`, then each visit of the path into the day its
    /// successor left, back to the root `v`. Returns the visits moved
    /// other than `v`.
    fn apply(&mut self, mut x: usize, mut d: usize, v: usize) -> usize {
        let mut moved = 0;
        loop {
            self.unassign(x);
            self.assign(x, d);
            if x == v {
                return moved;
            }
            moved += 1;
            let (p, pd) = self.parent[x];
            x = p as usize;
            d = pd as usize;
        }
    }

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
    fn eject(
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

    /// §9: the visits linked to `u` by shared officers, by greedy rank.
    fn component(&self, u: usize, mark: &mut [bool], rank: &[u32]) -> Vec<u32> {
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

    fn unplaced_detail(&self, v: usize, p: &Problem) -> Unplaced {
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
    fn search(&mut self, comp: &[u32], old: Option<&[u32]>, nodes: &mut u64) -> Outcome {
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

/// Solves a canonical problem: the day index of every visit, the stats, and
/// (when rescheduling) which visits had to move because of the change.
pub(crate) fn solve(
    p: &Problem,
    stream: &mut Stream,
    re: Option<&Resched<'_>>,
) -> Result<(Vec<u32>, Stats, Vec<bool>), ScheduleError> {
    let inst = Inst::build(p);
    let orders = draw_orders(&inst, stream);
    let bottlenecks = precheck(&inst, p);
    if !bottlenecks.is_empty() {
        return Err(ScheduleError::Infeasible(bottlenecks));
    }
    let order = inst.greedy_order();
    let mut rank = vec![0u32; inst.visits()];
    for (r, &v) in order.iter().enumerate() {
        rank[v as usize] = r as u32;
    }
    let mut st = State::new(&inst, orders);
    let mut stats = Stats::default();
    let mut affected = vec![false; inst.visits()];
    let todo: Vec<u32> = match re {
        None => order.clone(),
        Some(re) => {
            let keep = |st: &mut State<'_>, v: usize| {
                let d = re.old.get(v).copied().unwrap_or(NONE);
                if d != NONE && st.fits(v, d as usize) {
                    st.assign(v, d as usize);
                    false
                } else {
                    true
                }
            };
            for v in (0..inst.visits()).filter(|&v| Some(v) != re.last) {
                affected[v] = keep(&mut st, v);
            }
            if let Some(v) = re.last.filter(|&v| v < inst.visits()) {
                affected[v] = keep(&mut st, v);
            }
            order
                .iter()
                .copied()
                .filter(|&v| affected[v as usize])
                .collect()
        }
    };
    let mut buf = Vec::new();
    let mut unplaced = Vec::new();
    for &v in &todo {
        let v = v as usize;
        if st.place_direct(v, &mut buf) {
            stats.direct += 1;
        } else if let Some(m) = st.augment(v) {
            stats.augmented += 1;
            stats.repair_moves += m;
        } else {
            unplaced.push(v);
        }
    }
    // Passes over the still-unplaced visits until one places none.
    loop {
        let before = unplaced.len();
        let mut left = Vec::new();
        for &v in &unplaced {
            if st.place_direct(v, &mut buf) {
                stats.direct += 1;
            } else if let Some(m) = st.augment(v) {
                stats.augmented += 1;
                stats.repair_moves += m;
            } else {
                left.push(v);
            }
        }
        unplaced = left;
        if unplaced.is_empty() || unplaced.len() == before {
            break;
        }
    }
    if !unplaced.is_empty() {
        let budget = EJECTION_BASE + EJECTION_PER_VISIT * inst.visits() as u64;
        unplaced = st.eject(unplaced, &rank, budget, &mut stats);
    }
    if unplaced.is_empty() {
        return Ok((st.day, stats, affected));
    }
    let details: Vec<Unplaced> = unplaced.iter().map(|&v| st.unplaced_detail(v, p)).collect();
    let mut mark = vec![false; inst.visits()];
    let mut comp_of = vec![NONE; inst.visits()];
    let mut proven = Vec::new();
    let mut gave_up = Vec::new();
    for (i, &u) in unplaced.iter().enumerate() {
        if mark[u] {
            continue;
        }
        let comp = st.component(u, &mut mark, &rank);
        for &w in &comp {
            comp_of[w as usize] = i as u32;
        }
        let in_comp: Vec<Unplaced> = unplaced
            .iter()
            .zip(&details)
            .filter(|(w, _)| comp_of[**w] == i as u32)
            .map(|(_, d)| d.clone())
            .collect();
        if comp.len() > SEARCH_MAX_VISITS {
            gave_up.extend(in_comp);
            continue;
        }
        stats.searched += 1;
        for &w in &comp {
            st.unassign(w as usize);
        }
        let mut nodes = 0;
        let outcome = st.search(&comp, re.map(|r| r.old), &mut nodes);
        stats.search_nodes += nodes.min(SEARCH_NODE_BUDGET);
        match outcome {
            Outcome::Found => {}
            Outcome::Budget => gave_up.extend(in_comp),
            Outcome::Fail => {
                let officers: BTreeSet<&String> = comp
                    .iter()
                    .flat_map(|&w| inst.team[w as usize].iter())
                    .map(|&o| &inst.officers[o as usize])
                    .collect();
                proven.push(Bottleneck::Group {
                    visits: comp.len(),
                    officers: officers.into_iter().cloned().collect(),
                    unplaced: in_comp,
                });
            }
        }
    }
    if !proven.is_empty() {
        return Err(ScheduleError::Infeasible(proven));
    }
    if !gave_up.is_empty() {
        return Err(ScheduleError::NotFound(gave_up));
    }
    if st.day.contains(&NONE) {
        // Unreachable: every group was searched to the end.
        return Err(ScheduleError::NotFound(Vec::new()));
    }
    Ok((st.day, stats, affected))
}
