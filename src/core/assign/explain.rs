//! Explanations of an infeasible assignment (§6): the targets, the demand,
//! the eligible officers and what each rule excluded. The same for v1 and v2.

use super::{Exclusion, Problem, Unstaffable};
use std::collections::{BTreeMap, BTreeSet, HashSet};

impl Problem<'_> {
    pub(super) fn explain(&self, dept: &str, ts: &[usize], officers: &[usize]) -> Unstaffable {
        let mut excluded = BTreeMap::new();
        let mut eligible = BTreeSet::new();
        let mut recused = Vec::new();
        for &o in officers {
            let mut first: Option<Exclusion> = None;
            let mut any = false;
            for &t in ts {
                let Some(need) = self.need_of(t, dept) else {
                    continue;
                };
                match self.reason(o, t, need) {
                    None => any = true,
                    Some(r) => {
                        if r == Exclusion::Recused {
                            recused
                                .push((self.officers[o].id.clone(), self.targets[t].uscc.clone()));
                        }
                        first = Some(first.map_or(r, |f: Exclusion| f.min(r)));
                    }
                }
            }
            if any {
                eligible.insert(self.officers[o].id.clone());
            } else if let Some(r) = first {
                *excluded.entry(r).or_insert(0) += 1;
            }
        }
        let mut targets: Vec<String> = ts.iter().map(|&t| self.targets[t].uscc.clone()).collect();
        targets.sort();
        targets.dedup();
        Unstaffable {
            department: dept.to_string(),
            demand: ts
                .iter()
                .filter_map(|&t| self.need_of(t, dept))
                .map(|n| n.demand)
                .sum(),
            targets,
            eligible: eligible.into_iter().collect(),
            capacity: self.capacity,
            department_officers: officers.len() as u64,
            excluded,
            recused,
        }
    }

    pub(super) fn explain_search(
        &self,
        dept: &str,
        t0: usize,
        officers: &[usize],
        teams: &[Vec<usize>],
        serves: &[Vec<usize>],
    ) -> Unstaffable {
        // The targets reachable from t0 through eligible, busy officers.
        let mut ts = vec![t0];
        let mut seen_t: HashSet<usize> = HashSet::from([t0]);
        let mut seen_o: HashSet<usize> = HashSet::new();
        let mut i = 0;
        while i < ts.len() {
            let t = ts[i];
            i += 1;
            let Some(need) = self.need_of(t, dept) else {
                continue;
            };
            for &o in officers {
                if seen_o.contains(&o) || teams[t].contains(&o) || !self.eligible(o, t, need) {
                    continue;
                }
                seen_o.insert(o);
                for &t2 in &serves[o] {
                    if seen_t.insert(t2) {
                        ts.push(t2);
                    }
                }
            }
        }
        self.explain(dept, &ts, officers)
    }
}
