//! The proven bottlenecks, checked before anything is placed
//! (`docs/SCHEDULE.md` §5).

use super::NONE;
use super::inst::Inst;
use crate::schedule::{Bottleneck, Problem};
use std::collections::VecDeque;

/// §5: the proven bottlenecks: visits with no allowed day, then for each
/// officer (by id) the first Hall violator of its own visits.
pub(super) fn precheck(inst: &Inst, p: &Problem) -> Vec<Bottleneck> {
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
