//! The cross-stratum check (跨层一致性核验, `docs/SPEC.md` §9.1): is there an
//! assignment of the hidden credit classes, consistent with the published
//! stratum sizes, that draws exactly these targets?
//!
//! Each stratum has a cut in the key order: its targets before it, its other
//! entities after. For each order of the strata the lowest cuts are "blocks"
//! of consecutive targets; the other entities then fit the bins (strata and
//! the class-excluded bin) exactly when Hall's condition holds for every set of
//! bins. Sorting once, then `O(k)` per order and `O(2^(k+1))` Hall sums.

use crate::core::merkle::Hash;

/// One stratum's published numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StratumCount {
    /// Class A (低风险): with `low_risk_once_a_year`, no entity drawn this year
    /// can be in it.
    pub low_risk: bool,
    /// `N`: entities in the stratum.
    pub pool: u64,
    /// `n`: entities drawn.
    pub drawn: u64,
}

/// One pool entity (after §5 rules 1–5).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PoolEntity {
    /// Its key (§5: the PRN moved by the starting point).
    pub key: Hash,
    /// Its USCC (breaks ties).
    pub uscc: String,
    /// Whether it is a target.
    pub target: bool,
    /// Whether it is in *drawn this year*.
    pub drawn_this_year: bool,
}

/// What the check reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossStratumInput {
    /// The pool's entities, any order.
    pub entities: Vec<PoolEntity>,
    /// The strata.
    pub strata: Vec<StratumCount>,
    /// `excluded_by_class`.
    pub excluded: u64,
    /// The campaign excludes some credit class.
    pub any_class_excluded: bool,
    /// The campaign's `low_risk_once_a_year`.
    pub low_risk_once_a_year: bool,
}

/// More strata than the check enumerates orders of (the spec has at most
/// five classes).
const MAX_STRATA: usize = 8;

fn permutations(k: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut p: Vec<usize> = (0..k).collect();
    fn rec(i: usize, p: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        if i == p.len() {
            out.push(p.clone());
            return;
        }
        for j in i..p.len() {
            p.swap(i, j);
            rec(i + 1, p, out);
            p.swap(i, j);
        }
    }
    rec(0, &mut p, &mut out);
    out
}

/// Whether the selection is consistent (§9.1).
///
/// # Errors
/// A sentence saying why no class assignment yields these targets.
pub fn cross_stratum_consistent(input: &CrossStratumInput) -> Result<(), String> {
    let k = input.strata.len();
    if k > MAX_STRATA {
        return Err(format!(
            "{k} strata: more than the {MAX_STRATA} the check handles"
        ));
    }
    let mut es: Vec<&PoolEntity> = input.entities.iter().collect();
    es.sort_by(|a, b| (a.key.0, a.uscc.as_bytes()).cmp(&(b.key.0, b.uscc.as_bytes())));
    let targets: Vec<usize> = (0..es.len()).filter(|&i| es[i].target).collect();
    let n_total: u64 = input.strata.iter().map(|s| s.drawn).sum();
    let cap_total: u64 = input.strata.iter().map(|s| s.pool).sum::<u64>() + input.excluded;
    if targets.len() as u64 != n_total {
        return Err(format!(
            "{} targets in the pool, the strata draw {n_total}",
            targets.len()
        ));
    }
    if es.len() as u64 != cap_total {
        return Err(format!(
            "{} entities in the pool, the strata and the class-excluded count hold {cap_total}",
            es.len()
        ));
    }
    if let Some(s) = input.strata.iter().find(|s| s.drawn > s.pool) {
        return Err(format!("a stratum draws {} of {}", s.drawn, s.pool));
    }
    // Targets of drawn this year cannot be in the low-risk stratum (the
    // relaxation of §9.1: counted, not placed).
    if input.low_risk_once_a_year {
        let dty = targets.iter().filter(|&&i| es[i].drawn_this_year).count() as u64;
        let room: u64 = input
            .strata
            .iter()
            .filter(|s| !s.low_risk)
            .map(|s| s.drawn)
            .sum();
        if dty > room {
            return Err(format!(
                "{dty} targets were drawn earlier this year, but the strata other than A draw only {room}"
            ));
        }
    }
    let x_bit = 1usize << k;
    // Which bins an entity of each type may enter regardless of cuts.
    let x_allowed = |dty: bool| input.any_class_excluded || (input.low_risk_once_a_year && dty);
    let stratum_allowed =
        |s: usize, dty: bool| !(input.low_risk_once_a_year && dty && input.strata[s].low_risk);
    let mut caps = vec![0u64; k + 1];
    for (s, c) in input.strata.iter().enumerate() {
        caps[s] = c.pool - c.drawn;
    }
    caps[k] = input.excluded;
    // Non-targets after each position, by type: suffix[t][i] = non-targets of
    // type t at positions ≥ i.
    let n = es.len();
    let mut suffix = [vec![0u64; n + 1], vec![0u64; n + 1]];
    for i in (0..n).rev() {
        for (t, col) in suffix.iter_mut().enumerate() {
            col[i] =
                col[i + 1] + u64::from(!es[i].target && usize::from(es[i].drawn_this_year) == t);
        }
    }
    for order in permutations(k) {
        // The block cut of each stratum: the position just after the last of
        // its targets (0 = before everything).
        let mut cut = vec![0usize; k];
        let mut taken = 0usize;
        for &s in &order {
            taken += usize::try_from(input.strata[s].drawn).unwrap_or(usize::MAX);
            cut[s] = if taken == 0 {
                0
            } else {
                targets[taken - 1] + 1
            };
        }
        // Count non-targets by their mask of allowed bins: between consecutive
        // distinct cuts the open strata are fixed.
        let mut bounds: Vec<usize> = cut.clone();
        bounds.push(0);
        bounds.push(n);
        bounds.sort_unstable();
        bounds.dedup();
        let mut by_mask = vec![0u64; 1 << (k + 1)];
        for w in bounds.windows(2) {
            let (lo, hi) = (w[0], w[1]);
            for (t, col) in suffix.iter().enumerate() {
                let dty = t == 1;
                let count = col[lo] - col[hi];
                if count == 0 {
                    continue;
                }
                let mut mask = 0usize;
                for (s, &c) in cut.iter().enumerate() {
                    if c <= lo && stratum_allowed(s, dty) {
                        mask |= 1 << s;
                    }
                }
                if x_allowed(dty) {
                    mask |= x_bit;
                }
                by_mask[mask] += count;
            }
        }
        if hall(&by_mask, &caps) {
            return Ok(());
        }
    }
    Err(
        "no assignment of credit classes consistent with the stratum sizes and the class-excluded count draws exactly these targets (§9.1)"
            .into(),
    )
}

/// Hall's condition: for every set `S` of bins, the entities allowed only in
/// `S` fit `S`'s capacity.
fn hall(by_mask: &[u64], caps: &[u64]) -> bool {
    let bins = caps.len();
    (0..1usize << bins).all(|set| {
        let need: u64 = by_mask
            .iter()
            .enumerate()
            .filter(|&(m, _)| m & !set == 0)
            .map(|(_, c)| c)
            .sum();
        let cap: u64 = (0..bins)
            .filter(|b| set >> b & 1 == 1)
            .map(|b| caps[b])
            .sum();
        need <= cap
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(key: u8, target: bool) -> PoolEntity {
        let mut h = [0u8; 32];
        h[0] = key;
        PoolEntity {
            key: Hash(h),
            uscc: format!("U{key:03}"),
            target,
            drawn_this_year: false,
        }
    }

    fn input(targets: &[u8], others: &[u8], strata: &[(u64, u64)]) -> CrossStratumInput {
        CrossStratumInput {
            entities: targets
                .iter()
                .map(|&k| e(k, true))
                .chain(others.iter().map(|&k| e(k, false)))
                .collect(),
            strata: strata
                .iter()
                .map(|&(pool, drawn)| StratumCount {
                    low_risk: false,
                    pool,
                    drawn,
                })
                .collect(),
            excluded: 0,
            any_class_excluded: false,
            low_risk_once_a_year: false,
        }
    }

    #[test]
    fn an_honest_selection_passes() {
        // Stratum 1 (N=3, n=1): keys 10 | 50, 60; stratum 2 (N=3, n=1): 20 | 30, 40.
        assert!(
            cross_stratum_consistent(&input(&[10, 20], &[30, 40, 50, 60], &[(3, 1), (3, 1)]))
                .is_ok()
        );
    }

    #[test]
    fn a_target_with_a_key_above_every_cut_is_refused() {
        // One stratum of 4 drawing 1: the target must hold the smallest key.
        let r = cross_stratum_consistent(&input(&[90], &[10, 20, 30], &[(4, 1)]));
        assert!(r.is_err());
        // Two strata, 1 of 2 each: a target above both non-targets cannot be first anywhere.
        assert!(cross_stratum_consistent(&input(&[5, 90], &[10, 20], &[(2, 1), (2, 1)])).is_err());
    }

    #[test]
    fn a_forged_but_consistent_selection_is_not_refused() {
        // True classes: S1 = {10, 30}, S2 = {20, 40}; drawn 10 and 20. Forged:
        // 30 instead of 20 — consistent with S1 = {10, 20}? No: 20 < 30 would be
        // drawn. With S1 = {10, 40}, S2 = {30, ...}: S2 = {30, 20}? 20 < 30. So
        // use S2 = {30, 40}, S1 = {10, 20}: S1 draws 10 (smallest), S2 draws 30. Consistent.
        assert!(cross_stratum_consistent(&input(&[10, 30], &[20, 40], &[(2, 1), (2, 1)])).is_ok());
    }

    #[test]
    fn the_excluded_bin_takes_only_whom_the_rules_allow() {
        // One stratum (N=2, n=1) and one entity left out by class: the smallest
        // non-target can be the excluded one only if some class is excluded.
        let mut i = input(&[20], &[10, 30], &[(2, 1)]);
        i.excluded = 1;
        assert!(cross_stratum_consistent(&i).is_err());
        i.any_class_excluded = true;
        assert!(cross_stratum_consistent(&i).is_ok());
        // With only the low-risk rule, the excluded one must be of drawn this year.
        i.any_class_excluded = false;
        i.low_risk_once_a_year = true;
        assert!(cross_stratum_consistent(&i).is_err());
        i.entities[1].drawn_this_year = true; // key 10
        assert!(cross_stratum_consistent(&i).is_ok());
    }

    #[test]
    fn counts_that_do_not_add_up_are_refused() {
        assert!(cross_stratum_consistent(&input(&[10], &[20], &[(3, 1)])).is_err());
        assert!(cross_stratum_consistent(&input(&[10, 20], &[30], &[(3, 1)])).is_err());
    }
}
