//! The targets of a simulated draw (模拟抽取的检查对象), `docs/CAMPAIGN.md`
//! "The risk estimate": in each stratum of `m` pool entities that draws `k`,
//! a uniformly random `k`-subset of its members, read from the stream
//! [`SIMULATED_TARGETS_LABEL`] under the simulated draw's seed.
//!
//! The real draw (§5) takes the `k` smallest PRNs of the stratum: for a seed
//! nobody knows in advance, every `k`-subset equally likely. A simulated draw
//! takes a subset with exactly that distribution, in `O(k)` instead of one
//! compression per pool entity: 200 simulated draws at 20,000,000 entities
//! no longer cost 200 passes over the pool. Only the estimate's draws change,
//! never a real draw.

use crate::core::entropy::Stream;
use crate::core::merkle::Hash;
use crate::core::registry::vocab::CreditClass;
use crate::core::sample::StratumDraw;
use std::collections::HashSet;

/// The label of the stream that picks a simulated draw's targets.
pub const SIMULATED_TARGETS_LABEL: &str = "dualdraw-announce-risk-targets-v2";

/// The strata of the simulated draw with seed `seed`: per stratum (class,
/// pool members as entity indices, number drawn), in the order given, `k`
/// distinct members picked by [`uniform_subset`] from one stream. `selected`
/// lists the picked entity indices in increasing order; `threshold` is none
/// (a simulated draw has no PRNs).
pub fn simulated_strata(
    seed: &Hash,
    strata: &[(CreditClass, Vec<usize>, u64)],
) -> Vec<StratumDraw> {
    let mut stream = Stream::new(seed, SIMULATED_TARGETS_LABEL);
    strata
        .iter()
        .map(|(class, members, k)| {
            let picked = uniform_subset(&mut stream, members.len() as u64, *k);
            StratumDraw {
                credit_class: *class,
                pool: members.len() as u64,
                drawn: picked.len() as u64,
                // `picked` is sorted, `members` increasing: so is this.
                selected: picked
                    .into_iter()
                    .filter_map(|p| {
                        usize::try_from(p)
                            .ok()
                            .and_then(|p| members.get(p).copied())
                    })
                    .collect(),
                threshold: None,
            }
        })
        .collect()
}

/// `min(k, m)` distinct positions in `0..m`, every such subset equally likely,
/// sorted: Floyd's algorithm (for `j` in `m−k..m`: `t = below(j+1)`; take
/// `t`, or `j` when `t` is taken already), on the complement when `k > m/2`.
/// Reads `min(k, m − k)` numbers of [`Stream::below`].
pub fn uniform_subset(stream: &mut Stream, m: u64, k: u64) -> Vec<u64> {
    let k = k.min(m);
    let complement = k > m / 2;
    let pick = if complement { m - k } else { k };
    let mut chosen: HashSet<u64> = HashSet::with_capacity(pick as usize);
    for j in m - pick..m {
        let t = stream.below(j + 1);
        if !chosen.insert(t) {
            chosen.insert(j);
        }
    }
    if complement {
        (0..m).filter(|p| !chosen.contains(p)).collect()
    } else {
        let mut out: Vec<u64> = chosen.into_iter().collect();
        out.sort_unstable();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn stream(i: u64) -> Stream {
        Stream::new(&Hash::digest(&i.to_be_bytes()), SIMULATED_TARGETS_LABEL)
    }

    #[test]
    fn a_subset_has_k_distinct_sorted_positions_below_m() {
        for (m, k) in [
            (0, 0),
            (0, 3),
            (1, 1),
            (5, 0),
            (5, 2),
            (5, 3),
            (5, 5),
            (5, 9),
            (1000, 37),
            (1000, 990),
        ] {
            for i in 0..20 {
                let s = uniform_subset(&mut stream(i), m, k);
                assert_eq!(s.len() as u64, k.min(m), "m {m} k {k}");
                assert!(s.windows(2).all(|w| w[0] < w[1]), "m {m} k {k}: {s:?}");
                assert!(s.iter().all(|&p| p < m), "m {m} k {k}: {s:?}");
            }
        }
    }

    /// χ² over every subset of a small stratum: each of the C(m, k) subsets
    /// drawn about equally often, on both sides of the complement switch.
    /// Fails for a sampler that favours low positions (as `t % m` without
    /// Floyd's swap would).
    #[test]
    fn every_subset_of_a_small_stratum_is_equally_likely() {
        for (m, k) in [(6u64, 2u64), (6, 4), (7, 3)] {
            let n = 60_000u64;
            let mut counts: BTreeMap<Vec<u64>, u64> = BTreeMap::new();
            for i in 0..n {
                *counts
                    .entry(uniform_subset(&mut stream(i), m, k))
                    .or_default() += 1;
            }
            let subsets = (0..k).fold(1u64, |c, j| c * (m - j) / (j + 1));
            assert_eq!(counts.len() as u64, subsets, "m {m} k {k}");
            let expected = n as f64 / subsets as f64;
            let chi2: f64 = counts
                .values()
                .map(|&c| (c as f64 - expected).powi(2) / expected)
                .sum();
            // df = subsets − 1 (14, 14, 34); the 0.1 % critical values are
            // 36.1 and 65.2.
            let limit = if subsets == 15 { 36.1 } else { 65.2 };
            assert!(chi2 < limit, "m {m} k {k}: χ² {chi2:.1} ≥ {limit}");
        }
    }

    #[test]
    fn the_strata_map_positions_to_members_and_are_pinned_by_the_seed() {
        let members: Vec<usize> = (0..50).map(|i| 1000 + 3 * i).collect();
        let strata = vec![
            (CreditClass::A, members.clone(), 5),
            (CreditClass::B, vec![7, 9], 2),
        ];
        let seed = Hash([9; 32]);
        let a = simulated_strata(&seed, &strata);
        assert_eq!(a, simulated_strata(&seed, &strata));
        assert_ne!(a, simulated_strata(&Hash([8; 32]), &strata));
        assert_eq!(a[0].drawn, 5);
        assert_eq!(a[0].pool, 50);
        assert!(a[0].selected.iter().all(|i| members.contains(i)));
        assert_eq!(a[1].selected, vec![7, 9]);
    }

    /// Value stability: the documented stream and Floyd's steps give these
    /// positions (a change of either changes them). The same values came from
    /// the Python reference's `Stream` and `below`
    /// (`tests/vectors/reference_draw.py`) with Floyd's steps written there
    /// from `docs/CAMPAIGN.md`.
    #[test]
    fn simulated_subsets_are_pinned() {
        let seed = Hash([1; 32]);
        let mut s = Stream::new(&seed, SIMULATED_TARGETS_LABEL);
        let small = uniform_subset(&mut s, 100, 5);
        let large = uniform_subset(&mut s, 10, 8);
        assert_eq!(small, vec![14, 39, 66, 77, 83]);
        assert_eq!(large, vec![0, 1, 3, 4, 5, 6, 7, 9]);
    }
}
