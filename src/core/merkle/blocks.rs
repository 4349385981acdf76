//! Leaves added to a streamed tree a block at a time ([`RootBuilder::push_all`],
//! [`super::PathCollector::push_all`]): each whole block of 1,024 leaves that
//! starts at a multiple of 1,024 is a perfect subtree, hashed on its own
//! core, then merged into the frontier as one node. Adding the leaves one by
//! one hashes the same nodes in the same order of levels; only the cores
//! differ (at 20,000,000 entities the 20 million node hashes of a pass took
//! about 8 s on one core).

use super::{Hash, RootBuilder, node_hash};
use crate::par::*;

/// The level of a block's root: blocks of `2^BLOCK_LEVEL` leaves.
pub(super) const BLOCK_LEVEL: u32 = 10;

/// Leaves in a block.
pub(super) const BLOCK: usize = 1 << BLOCK_LEVEL;

/// The root of the perfect subtree over `leaves` (a block, its first leaf
/// numbered `first`) and, for each level `l` below the block's root that
/// `wanted` has, the hashes of nodes `wanted[l]` (node numbers of level `l`
/// inside the block, sorted).
pub(super) fn perfect_subtree(
    leaves: &[Hash],
    first: u64,
    wanted: &[&[u64]],
) -> (Hash, Vec<Vec<Hash>>) {
    let mut level: Vec<Hash> = leaves.to_vec();
    let mut found = Vec::with_capacity(wanted.len());
    for l in 0..BLOCK_LEVEL as usize {
        if let Some(w) = wanted.get(l) {
            let base = first >> l;
            found.push(w.iter().map(|&s| level[(s - base) as usize]).collect());
        }
        level = level
            .chunks_exact(2)
            .map(|p| node_hash(&p[0], &p[1]))
            .collect();
    }
    (level[0], found)
}

/// Of `n` leaves added after `pushed` leaves: how many go one by one before
/// the next multiple of [`BLOCK`], and how many whole blocks follow them.
pub(super) fn split(pushed: u64, n: usize) -> (usize, usize) {
    let block = BLOCK as u64;
    let head = ((block - pushed % block) % block) as usize;
    let head = head.min(n);
    (head, (n - head) / BLOCK)
}

impl RootBuilder {
    /// Adds the next leaves' hashes, in order: the root is the one
    /// [`RootBuilder::push`] of each gives, with the whole aligned blocks
    /// of 1,024 leaves hashed on every core.
    pub fn push_all(&mut self, leaves: &[Hash]) {
        let (head, blocks) = split(self.size, leaves.len());
        let body_end = head + blocks * BLOCK;
        for h in &leaves[..head] {
            self.push(*h);
        }
        let roots: Vec<Hash> = leaves[head..body_end]
            .par_chunks(BLOCK)
            .map(|b| perfect_subtree(b, 0, &[]).0)
            .collect();
        for r in roots {
            self.push_subtree(BLOCK_LEVEL, r);
        }
        for h in &leaves[body_end..] {
            self.push(*h);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{MerkleTree, PathCollector, leaf_hash};
    use super::*;
    use proptest::prelude::*;

    fn leaves(n: u64) -> Vec<Hash> {
        (0..n).map(|i| leaf_hash(&i.to_be_bytes())).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Guards the blocks: leaves added in runs of any length (across
        /// block boundaries, runs shorter and longer than a block) give the
        /// root and the proofs that adding them one by one gives, and the
        /// whole tree's.
        #[test]
        fn leaves_added_in_runs_give_the_roots_and_proofs_of_one_by_one(
            n in prop_oneof![1u64..3000, Just(1024u64), Just(2048), Just(3072), Just(4097)],
            cuts in prop::collection::vec(1usize..2600, 1..12),
            picks in prop::collection::vec(any::<u64>(), 0..40),
        ) {
            let all = leaves(n);
            let targets: Vec<u64> = picks.iter().map(|p| p % n).chain([0, n - 1]).collect();
            let mut one = PathCollector::new(n, &targets).unwrap();
            let mut runs = PathCollector::new(n, &targets).unwrap();
            let mut r_one = RootBuilder::new();
            let mut r_runs = RootBuilder::new();
            for h in &all {
                one.push(*h);
                r_one.push(*h);
            }
            let mut at = 0usize;
            for c in cuts.iter().cycle() {
                if at == all.len() {
                    break;
                }
                let end = (at + c).min(all.len());
                runs.push_all(&all[at..end]);
                r_runs.push_all(&all[at..end]);
                at = end;
            }
            let tree = MerkleTree::from_leaf_hashes(all.clone());
            prop_assert_eq!(r_runs.finish(), r_one.finish());
            prop_assert_eq!(r_runs.finish(), tree.root());
            let (root, proofs) = runs.finish().unwrap();
            let (root_one, proofs_one) = one.finish().unwrap();
            prop_assert_eq!(root, root_one);
            prop_assert_eq!(&proofs, &proofs_one);
            for (t, p) in targets.iter().zip(&proofs) {
                prop_assert_eq!(p, &tree.prove(*t).unwrap());
            }
        }
    }

    #[test]
    fn split_stops_at_the_next_block_boundary() {
        assert_eq!(split(0, 5000), (0, 4));
        assert_eq!(split(1000, 5000), (24, 4));
        assert_eq!(split(1000, 10), (10, 0));
        assert_eq!(split(1024, 1023), (0, 0));
        assert_eq!(split(1023, 2049), (1, 2));
    }
}
