//! Inclusion proofs of chosen leaves from a stream of leaf hashes (流式包含证明):
//! the tree's frontier plus the few nodes the paths need, never the tree.
//!
//! A path (RFC 9162 §2.1.3) is the sibling of the leaf's node at each
//! level that has one. Level `l`'s node `s` covers leaves
//! `s·2^l .. min((s+1)·2^l, n)`. A whole one is made the moment its last
//! leaf arrives, as the frontier merges; one cut by the tree's right edge
//! is the fold of the frontier's subtrees from its first leaf on, known
//! when the stream ends. [`PathCollector`] keeps, per level, the sorted
//! node numbers the paths need and a cursor into them, so each merge costs
//! a comparison; memory is the frontier and `targets × log₂ n` hashes.

use super::{Hash, InclusionProof, MerkleRoot, empty_root, node_hash};

/// Why [`PathCollector::finish`] gives no proofs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PathError {
    /// A leaf index asked for is not below the tree size.
    #[error("leaf index {index} is not below tree size {size}")]
    IndexOutOfRange {
        /// The index.
        index: u64,
        /// The tree size.
        size: u64,
    },
    /// The stream ended early or ran long.
    #[error("the tree has {expected} leaves but {got} were pushed")]
    Size {
        /// The tree size given.
        expected: u64,
        /// Leaves pushed.
        got: u64,
    },
}

/// One level's wanted nodes: their numbers (sorted, distinct), their hashes
/// once known, and the next number not yet reached.
#[derive(Debug, Clone, Default)]
struct Level {
    wanted: Vec<u64>,
    hashes: Vec<Option<Hash>>,
    next: usize,
}

/// Collects the inclusion proofs of `targets` in a tree of `size` leaves
/// while its leaf hashes are pushed in order, and the tree's root.
///
/// ```
/// use dualdraw::core::merkle::{MerkleTree, PathCollector, leaf_hash};
/// let leaves: Vec<_> = (0u8..11).map(|i| leaf_hash(&[i])).collect();
/// let mut c = PathCollector::new(11, &[0, 7, 10]).unwrap();
/// for h in &leaves {
///     c.push(*h);
/// }
/// let (root, proofs) = c.finish().unwrap();
/// let tree = MerkleTree::from_leaf_hashes(leaves);
/// assert_eq!(root, tree.root());
/// assert_eq!(proofs[1], tree.prove(7).unwrap());
/// ```
#[derive(Debug, Clone)]
pub struct PathCollector {
    size: u64,
    targets: Vec<u64>,
    levels: Vec<Level>,
    /// (level, first leaf, hash) of the perfect subtrees so far, highest first.
    frontier: Vec<(u32, u64, Hash)>,
    pushed: u64,
    /// With [`PathCollector::keeping_blocks`]: the level, and every node of
    /// it made so far (the whole blocks of `2^level` leaves, in order).
    kept: Option<(u32, Vec<Hash>)>,
}

impl PathCollector {
    /// A collector for the proofs of `targets` (any order, repeats allowed)
    /// in a tree of `size` leaves.
    ///
    /// # Errors
    /// [`PathError::IndexOutOfRange`] for a target not below `size`.
    pub fn new(size: u64, targets: &[u64]) -> Result<Self, PathError> {
        let mut levels: Vec<Level> = Vec::new();
        for &t in targets {
            if t >= size {
                return Err(PathError::IndexOutOfRange { index: t, size });
            }
            let (mut i, mut n, mut l) = (t, size, 0usize);
            while n > 1 {
                if i ^ 1 < n {
                    if levels.len() <= l {
                        levels.resize_with(l + 1, Level::default);
                    }
                    levels[l].wanted.push(i ^ 1);
                }
                i >>= 1;
                n = n.div_ceil(2);
                l += 1;
            }
        }
        for level in &mut levels {
            level.wanted.sort_unstable();
            level.wanted.dedup();
            level.hashes = vec![None; level.wanted.len()];
        }
        Ok(PathCollector {
            size,
            targets: targets.to_vec(),
            levels,
            frontier: Vec::new(),
            pushed: 0,
            kept: None,
        })
    }

    /// The collector of an empty tree with no targets.
    pub fn empty() -> Self {
        PathCollector {
            size: 0,
            targets: Vec::new(),
            levels: Vec::new(),
            frontier: Vec::new(),
            pushed: 0,
            kept: None,
        }
    }

    /// Also keeps the hash of every block of `2^level` leaves (the nodes of
    /// `level`, the last block cut short by the tree's end included), for
    /// [`PathCollector::finish_with_blocks`]: what proofs of other leaves
    /// need later besides those leaves' own blocks.
    pub fn keeping_blocks(mut self, level: u32) -> Self {
        self.kept = Some((level, Vec::new()));
        self
    }

    /// Keeps a node of level `l` made whole if that level's blocks are kept.
    #[inline]
    fn keep(&mut self, l: u32, h: &Hash) {
        if let Some((level, v)) = &mut self.kept
            && *level == l
        {
            v.push(*h);
        }
    }

    /// Keeps the node `s` of level `l` if a path needs it.
    #[inline]
    fn offer(&mut self, l: u32, s: u64, h: &Hash) {
        if let Some(level) = self.levels.get_mut(l as usize)
            && let Some(&w) = level.wanted.get(level.next)
            && w == s
        {
            level.hashes[level.next] = Some(*h);
            level.next += 1;
        }
    }

    /// Adds the next leaf's hash.
    pub fn push(&mut self, leaf: Hash) {
        self.push_node(0, leaf);
    }

    /// Adds the perfect subtree of `2^level` leaves whose root is `hash`
    /// (the leaves so far a multiple of `2^level`), keeping the nodes the
    /// paths need from its root up.
    fn push_node(&mut self, level: u32, hash: Hash) {
        let mut node = (level, self.pushed, hash);
        self.offer(level, self.pushed >> level, &hash);
        self.keep(level, &hash);
        while let Some(&(l, start, left)) = self.frontier.last() {
            if l != node.0 {
                break;
            }
            self.frontier.pop();
            node = (l + 1, start, node_hash(&left, &node.2));
            self.offer(node.0, start >> node.0, &node.2);
            self.keep(node.0, &node.2);
        }
        self.frontier.push(node);
        self.pushed += 1 << level;
    }

    /// Adds the next leaves' hashes, in order: the root and proofs are the
    /// ones [`PathCollector::push`] of each gives, with the whole aligned
    /// blocks of 1,024 leaves hashed on every core (and the nodes the paths
    /// need inside them kept).
    pub fn push_all(&mut self, leaves: &[Hash]) {
        use super::blocks::{BLOCK, BLOCK_LEVEL, perfect_subtree, split};
        use crate::par::*;
        if self.kept.is_some() {
            // The kept level's nodes are made one by one.
            for h in leaves {
                self.push(*h);
            }
            return;
        }
        let (head, blocks) = split(self.pushed, leaves.len());
        let body_end = head + blocks * BLOCK;
        for h in &leaves[..head] {
            self.push(*h);
        }
        // The nodes each block holds that the paths need, below its root:
        // per level, the next run of that level's list.
        let below = (BLOCK_LEVEL as usize).min(self.levels.len());
        let mut cursor: Vec<usize> = self.levels[..below].iter().map(|l| l.next).collect();
        let first = self.pushed;
        let mut plan: Vec<Vec<(usize, usize)>> = Vec::with_capacity(blocks);
        for b in 0..blocks {
            let end = first + ((b + 1) * BLOCK) as u64;
            plan.push(
                (0..below)
                    .map(|l| {
                        let w = &self.levels[l].wanted;
                        let from = cursor[l];
                        let mut to = from;
                        while to < w.len() && w[to] < end >> l {
                            to += 1;
                        }
                        cursor[l] = to;
                        (from, to)
                    })
                    .collect(),
            );
        }
        let levels = &self.levels;
        let done: Vec<(Hash, Vec<Vec<Hash>>)> = leaves[head..body_end]
            .par_chunks(BLOCK)
            .zip(plan.par_iter())
            .enumerate()
            .map(|(b, (block, ranges))| {
                let wanted: Vec<&[u64]> = ranges
                    .iter()
                    .enumerate()
                    .map(|(l, &(from, to))| &levels[l].wanted[from..to])
                    .collect();
                perfect_subtree(block, first + (b * BLOCK) as u64, &wanted)
            })
            .collect();
        for ((root, found), ranges) in done.into_iter().zip(plan) {
            for (l, (hashes, (from, to))) in found.into_iter().zip(ranges).enumerate() {
                for (k, h) in (from..to).zip(hashes) {
                    self.levels[l].hashes[k] = Some(h);
                }
                self.levels[l].next = to;
            }
            self.push_node(BLOCK_LEVEL, root);
        }
        for h in &leaves[body_end..] {
            self.push(*h);
        }
    }

    /// Leaves pushed so far.
    pub fn pushed(&self) -> u64 {
        self.pushed
    }

    /// The hash of leaves `first..` of the tree: the frontier's subtrees
    /// from `first` on, folded from the right.
    fn right_edge(&self, first: u64) -> Hash {
        let mut it = self.frontier.iter().rev().take_while(|f| f.1 >= first);
        match it.next() {
            None => empty_root(),
            Some(&(_, _, last)) => it.fold(last, |acc, &(_, _, left)| node_hash(&left, &acc)),
        }
    }

    /// The tree's root and the targets' proofs, in the order given.
    ///
    /// # Errors
    /// [`PathError::Size`] when the leaves pushed are not `size`.
    pub fn finish(self) -> Result<(MerkleRoot, Vec<InclusionProof>), PathError> {
        self.finish_with_blocks()
            .map(|(root, proofs, _)| (root, proofs))
    }

    /// As [`PathCollector::finish`], with the kept blocks' hashes
    /// ([`PathCollector::keeping_blocks`]; empty without): block `b` covers
    /// leaves `b·2^level .. min((b+1)·2^level, size)`.
    ///
    /// # Errors
    /// [`PathError::Size`] when the leaves pushed are not `size`.
    pub fn finish_with_blocks(
        mut self,
    ) -> Result<(MerkleRoot, Vec<InclusionProof>, Vec<Hash>), PathError> {
        if self.pushed != self.size {
            return Err(PathError::Size {
                expected: self.size,
                got: self.pushed,
            });
        }
        // The nodes cut by the right edge: folds of the frontier.
        let mut edges = Vec::new();
        for (l, level) in self.levels.iter().enumerate() {
            for (k, h) in level.hashes.iter().enumerate() {
                if h.is_none() {
                    edges.push((l, k, self.right_edge(level.wanted[k] << l)));
                }
            }
        }
        for (l, k, h) in edges {
            self.levels[l].hashes[k] = Some(h);
        }
        let proofs = self
            .targets
            .iter()
            .map(|&t| {
                let (mut i, mut n, mut l) = (t, self.size, 0usize);
                let mut path = Vec::new();
                while n > 1 {
                    if i ^ 1 < n {
                        let level = &self.levels[l];
                        if let Ok(k) = level.wanted.binary_search(&(i ^ 1))
                            && let Some(h) = level.hashes[k]
                        {
                            path.push(h);
                        }
                    }
                    i >>= 1;
                    n = n.div_ceil(2);
                    l += 1;
                }
                InclusionProof { path }
            })
            .collect();
        let mut blocks = Vec::new();
        if let Some((level, kept)) = self.kept.take() {
            blocks = kept;
            // The last block, cut short by the tree's end.
            let whole = (blocks.len() as u64) << level;
            if whole < self.size {
                blocks.push(self.right_edge(whole));
            }
        }
        Ok((
            MerkleRoot {
                hash: self.right_edge(0),
                size: self.size,
            },
            proofs,
            blocks,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::merkle::{MerkleTree, leaf_hash};

    /// Every leaf's proof, and a few chosen ones', equal the whole tree's
    /// at every size up to 70 (powers of two, one more, one less).
    #[test]
    fn streamed_paths_equal_the_whole_trees() {
        for n in 1u64..=70 {
            let leaves: Vec<Hash> = (0..n).map(|i| leaf_hash(&i.to_be_bytes())).collect();
            let tree = MerkleTree::from_leaf_hashes(leaves.clone());
            let all: Vec<u64> = (0..n).collect();
            let some: Vec<u64> = vec![n - 1, 0, n / 2, n / 2];
            for targets in [&all, &some] {
                let mut c = PathCollector::new(n, targets).unwrap();
                for h in &leaves {
                    c.push(*h);
                }
                let (root, proofs) = c.finish().unwrap();
                assert_eq!(root, tree.root(), "root of {n}");
                for (t, p) in targets.iter().zip(&proofs) {
                    assert_eq!(*p, tree.prove(*t).unwrap(), "leaf {t} of {n}");
                    root.verify_inclusion_hash(&leaves[*t as usize], *t, p)
                        .unwrap();
                }
            }
        }
    }

    #[test]
    fn a_short_stream_or_a_target_out_of_range_is_refused() {
        assert_eq!(
            PathCollector::new(3, &[3]).unwrap_err(),
            PathError::IndexOutOfRange { index: 3, size: 3 }
        );
        let mut c = PathCollector::new(3, &[1]).unwrap();
        c.push(leaf_hash(b"a"));
        assert_eq!(
            c.finish().unwrap_err(),
            PathError::Size {
                expected: 3,
                got: 1
            }
        );
        let (root, proofs) = PathCollector::new(0, &[]).unwrap().finish().unwrap();
        assert_eq!(root.hash, empty_root());
        assert!(proofs.is_empty());
    }
}
