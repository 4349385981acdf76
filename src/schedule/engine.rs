//! The scheduling engine (`docs/SCHEDULE.md` §2–§11). Everything here works
//! on indices into the canonical problem: visits by id, officers by id,
//! townships by code, days ascending.
//!
//! `solve` runs the phases in order: the instance (`inst`, §2–§3), the
//! township orders (§4, here), the proven bottlenecks (`precheck`, §5),
//! direct placement and augmenting paths (`state`, §6–§7), the ejection
//! search (`eject`, §8) and the exhaustive search of small groups (`search`,
//! §9).

mod eject;
mod inst;
mod precheck;
mod search;
mod state;

use super::{
    Bottleneck, Problem, SEARCH_MAX_VISITS, SEARCH_NODE_BUDGET, ScheduleError, Stats, Unplaced,
};
use crate::core::entropy::Stream;
use inst::Inst;
use precheck::precheck;
use search::Outcome;
use state::State;
use std::collections::BTreeSet;

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
