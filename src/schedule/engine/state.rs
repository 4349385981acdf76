//! The placement state and the first placing phases (`docs/SCHEDULE.md` §4,
//! §6–§7): days in township preference order, direct placement and shortest
//! augmenting paths.

use super::NONE;
use super::inst::Inst;
use std::collections::VecDeque;

pub(super) struct State<'a> {
    pub(super) inst: &'a Inst,
    orders: Vec<Vec<u32>>,
    pub(super) day: Vec<u32>,
    load: Vec<u32>,
    tcount: Vec<u32>,
    // Scratch for the augmenting search.
    stamp: Vec<u32>,
    generation: u32,
    parent: Vec<(u32, u32)>,
}

impl<'a> State<'a> {
    pub(super) fn new(inst: &'a Inst, orders: Vec<Vec<u32>>) -> Self {
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

    pub(super) fn full(&self, o: u32, d: usize) -> bool {
        self.load[o as usize * self.inst.n + d] >= self.inst.limit
    }

    pub(super) fn fits(&self, v: usize, d: usize) -> bool {
        self.inst.allowed(v, d) && self.inst.team[v].iter().all(|&o| !self.full(o, d))
    }

    pub(super) fn assign(&mut self, v: usize, d: usize) {
        let n = self.inst.n;
        self.day[v] = d as u32;
        for &o in &self.inst.team[v] {
            self.load[o as usize * n + d] += 1;
        }
        self.tcount[self.inst.township[v] as usize * n + d] += 1;
    }

    pub(super) fn unassign(&mut self, v: usize) {
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
    pub(super) fn pref(&self, v: usize, out: &mut Vec<u32>) {
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
    pub(super) fn place_direct(&mut self, v: usize, buf: &mut Vec<u32>) -> bool {
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
    pub(super) fn augment(&mut self, v: usize) -> Option<usize> {
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
}
