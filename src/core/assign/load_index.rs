//! The officers of a candidate list by load, so that §6's greedy step finds
//! the least-loaded eligible officers without scanning the list (issue 17:
//! at a province's size the scan made the assignment quadratic, 84 % of an
//! announcement's simulated draws).
//!
//! A list is a group's officers holding a set of qualifications and serving
//! on the draw date, in the group's order (the spec's order). For each load
//! it keeps a Fenwick tree over the list's positions, so that the number of
//! officers of a load and the k-th of them in list order cost a logarithm.
//! The officers a target excludes (blocked by a recusal, already on the
//! team) are few and are skipped by rank. Nothing here changes what §6
//! decides: the candidates, their count and their order are those of the
//! plain filter (tested against it).

/// Counts over positions `0..n`: add at a position, the k-th set position.
struct Fenwick {
    tree: Vec<u32>,
    total: u32,
}

impl Fenwick {
    fn new(n: usize) -> Self {
        Fenwick {
            tree: vec![0; n + 1],
            total: 0,
        }
    }

    fn add(&mut self, pos: usize, up: bool) {
        let mut i = pos + 1;
        while i < self.tree.len() {
            if up {
                self.tree[i] += 1;
            } else {
                self.tree[i] -= 1;
            }
            i += i & i.wrapping_neg();
        }
        if up {
            self.total += 1;
        } else {
            self.total -= 1;
        }
    }

    /// The position of the `k`-th (from 0) counted one; `k < total`.
    fn kth(&self, k: u32) -> usize {
        let n = self.tree.len() - 1;
        let mut pos = 0usize;
        let mut rest = k;
        let mut step = n.checked_ilog2().map_or(0, |b| 1usize << b);
        while step > 0 {
            let next = pos + step;
            if next <= n && self.tree[next] <= rest {
                pos = next;
                rest -= self.tree[next];
            }
            step >>= 1;
        }
        pos
    }
}

/// One candidate list by load.
struct List {
    /// The officer at each position (group order).
    members: Vec<usize>,
    /// `levels[l]`: the positions whose officer has load `l`.
    levels: Vec<Fenwick>,
    /// No officer of the list has a load below this.
    min: usize,
}

/// Every candidate list of one department's solve, and where each officer
/// is in them.
pub(super) struct LoadIndex {
    /// Lists by (group, qualifications mask).
    keys: std::collections::HashMap<(usize, usize, u64), usize>,
    lists: Vec<List>,
    /// `of_officer[o]`: (list, position) of officer `o` in each list.
    of_officer: Vec<Vec<(u32, u32)>>,
    /// The loads the lists hold.
    known: Vec<u64>,
}

impl Default for LoadIndex {
    fn default() -> Self {
        Self::new()
    }
}

impl LoadIndex {
    pub(super) fn new() -> Self {
        LoadIndex {
            keys: std::collections::HashMap::new(),
            lists: Vec::new(),
            of_officer: Vec::new(),
            known: Vec::new(),
        }
    }

    /// The list of `key` (made from `members` and `load` the first time).
    pub(super) fn list(
        &mut self,
        key: (usize, usize, u64),
        members: impl FnOnce() -> Vec<usize>,
        load: &[u64],
    ) -> usize {
        if let Some(&i) = self.keys.get(&key) {
            return i;
        }
        if self.known.len() < load.len() {
            // The first list: the loads so far (later ones are kept by
            // `set_load`).
            self.known = load.to_vec();
            self.of_officer.resize(load.len(), Vec::new());
        }
        let members = members();
        let id = self.lists.len();
        let mut list = List {
            levels: Vec::new(),
            min: usize::MAX,
            members: Vec::new(),
        };
        for (pos, &o) in members.iter().enumerate() {
            list.members.push(o);
            Self::put(&mut list, members.len(), pos, self.known[o] as usize);
            self.of_officer[o].push((id as u32, pos as u32));
        }
        self.lists.push(list);
        self.keys.insert(key, id);
        id
    }

    fn put(list: &mut List, n: usize, pos: usize, level: usize) {
        while list.levels.len() <= level {
            list.levels.push(Fenwick::new(n));
        }
        list.levels[level].add(pos, true);
        list.min = list.min.min(level);
    }

    /// Records officer `o`'s load `now` (after a pick or a search).
    pub(super) fn set_load(&mut self, o: usize, now: u64) {
        let Some(&was) = self.known.get(o) else {
            return;
        };
        if was == now {
            return;
        }
        self.known[o] = now;
        for &(li, pos) in &self.of_officer[o] {
            let list = &mut self.lists[li as usize];
            list.levels[was as usize].add(pos as usize, false);
            let n = list.members.len();
            Self::put(list, n, pos as usize, now as usize);
            if list.min == was as usize {
                while list.min < list.levels.len() && list.levels[list.min].total == 0 {
                    list.min += 1;
                }
            }
        }
    }

    /// §6's pick among the officers of list `li` with the least load below
    /// `cap`, but for those at `excluded` (officers, in any order; only
    /// those of the list count): `below(n)` chooses among the `n`
    /// candidates. The officer and `n`, or `None` when there is no candidate.
    pub(super) fn pick(
        &self,
        li: usize,
        cap: u64,
        excluded: &[usize],
        below: &mut dyn FnMut(u64) -> u64,
    ) -> Option<(usize, u64)> {
        let list = &self.lists[li];
        let mut skip: Vec<(usize, usize)> = excluded
            .iter()
            .filter_map(|&o| {
                let pos = self
                    .of_officer
                    .get(o)?
                    .iter()
                    .find(|&&(l, _)| l as usize == li)?
                    .1 as usize;
                Some((self.known[o] as usize, pos))
            })
            .collect();
        skip.sort_unstable();
        skip.dedup();
        let top = list
            .levels
            .len()
            .min(usize::try_from(cap).unwrap_or(usize::MAX));
        for level in list.min..top {
            let tree = &list.levels[level];
            let out: Vec<usize> = skip
                .iter()
                .filter(|(l, _)| *l == level)
                .map(|&(_, p)| p)
                .collect();
            let n = tree.total as u64 - out.len() as u64;
            if n == 0 {
                continue;
            }
            let k = below(n) as u32;
            // The k-th position not skipped: the least fixed point of
            // p = kth(k + #skipped positions <= p).
            let mut p = tree.kth(k);
            loop {
                let c = out.iter().filter(|&&q| q <= p).count() as u32;
                let next = tree.kth(k + c);
                if next == p {
                    break;
                }
                p = next;
            }
            return Some((list.members[p], n));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Guards the rank arithmetic: the pick is the k-th of the plain
        /// list of least-loaded officers not excluded, and n its length.
        #[test]
        fn pick_is_the_kth_of_the_plain_candidates(
            loads in prop::collection::vec(0u64..4, 1..60),
            moves in prop::collection::vec((0usize..60, 0u64..5), 0..40),
            excluded in prop::collection::vec(0usize..70, 0..6),
            cap in 1u64..6,
            k in any::<u64>(),
        ) {
            let n = loads.len();
            // Members: every other officer, in reverse order.
            let members: Vec<usize> = (0..n).rev().filter(|o| o % 3 != 1).collect();
            let mut load = loads.clone();
            let mut idx = LoadIndex::new();
            let li = idx.list((1, 2, 3), || members.clone(), &load);
            for (o, l) in moves {
                if o < n {
                    load[o] = l;
                    idx.set_load(o, l);
                }
            }
            let plain: Vec<usize> = {
                let ok: Vec<usize> = members
                    .iter()
                    .copied()
                    .filter(|o| load[*o] < cap && !excluded.contains(o))
                    .collect();
                match ok.iter().map(|&o| load[o]).min() {
                    Some(m) => ok.into_iter().filter(|&o| load[o] == m).collect(),
                    None => Vec::new(),
                }
            };
            let mut asked = None;
            let got = idx.pick(li, cap, &excluded, &mut |m| {
                asked = Some(m);
                k % m
            });
            match got {
                None => prop_assert!(plain.is_empty()),
                Some((o, m)) => {
                    prop_assert_eq!(m as usize, plain.len());
                    prop_assert_eq!(asked, Some(m));
                    prop_assert_eq!(o, plain[(k % m) as usize]);
                }
            }
        }
    }
}
