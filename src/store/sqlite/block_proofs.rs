//! Inclusion proofs of a few entities after a whole pass over their version
//! (a draw's targets after its selection pass, issue 17): the pass keeps the
//! hash of every block of [`BLOCK_LEVEL`]'s 32 leaves, checked with the root;
//! the proofs then read the stored chunks again but decode and hash only the
//! blocks the asked leaves are in. A leaf's path is its path inside its
//! block followed by its block's path in the tree of the blocks' hashes
//! (RFC 9162's tree splits at powers of two, so aligned blocks are its
//! subtrees). Every block read again must hash to the kept hash, the blocks'
//! tree to the snapshot's root, and every proof must verify; otherwise the
//! proofs are made by a whole pass instead, which names the damage.

use super::stream::GROUP;
use super::versions::kind_index;
use super::{StoreError, Workspace, codec};
use crate::core::canonical::{Decoder, Encoder};
use crate::core::commitment::encode_entity_leaf;
use crate::core::merkle::{Hash, InclusionProof, MerkleTree, PathCollector, leaf_hash};
use crate::core::registry::{Entity, RegistryKind};
use crate::par::*;
use crate::store::SnapshotInfo;

/// The level whose nodes a whole pass keeps: blocks of 32 leaves (at
/// 20,000,000 entities 625,000 hashes, 20 MB).
pub(crate) const BLOCK_LEVEL: u32 = 5;

/// The kept blocks of one stored version of the entities.
#[derive(Debug, Default)]
pub(crate) struct KnownBlocks {
    version: i64,
    size: u64,
    hashes: Vec<Hash>,
}

impl Workspace {
    /// Keeps the block hashes of a whole pass over `version` (`size`
    /// entities, its root checked).
    pub(crate) fn remember_blocks(&self, version: i64, size: u64, hashes: Vec<Hash>) {
        if let Ok(mut k) = self.blocks.lock() {
            *k = KnownBlocks {
                version,
                size,
                hashes,
            };
        }
    }

    /// The entities of `snap` at `indices` and their proofs, in the order
    /// asked, from the kept blocks: `None` when no whole pass over this
    /// version kept them, or when anything read does not match what was
    /// kept (the caller then makes a whole pass).
    ///
    /// # Errors
    /// The database's.
    pub(crate) fn proofs_from_blocks(
        &self,
        snap: &SnapshotInfo,
        indices: &[u64],
    ) -> Result<Option<Vec<(Entity, InclusionProof)>>, StoreError> {
        let version = snap.versions[kind_index(RegistryKind::Entities)];
        let root = snap.roots.get(RegistryKind::Entities);
        let known: Vec<Hash> = match self.blocks.lock() {
            Ok(k) if k.version == version && k.size == root.size && !k.hashes.is_empty() => {
                k.hashes.clone()
            }
            _ => return Ok(None),
        };
        let mut wanted: Vec<u64> = indices.to_vec();
        wanted.sort_unstable();
        wanted.dedup();
        if wanted.last().is_some_and(|&i| i >= root.size) {
            return Ok(None);
        }
        let mut blocks: Vec<u64> = wanted.iter().map(|i| i >> BLOCK_LEVEL).collect();
        blocks.dedup();
        // The asked blocks' leaves (and the asked entities), read again.
        let Some(read) = self.read_blocks(version, &blocks, &wanted)? else {
            return Ok(None);
        };
        let Reread { leaves, entities } = read;
        let mut trees = Vec::with_capacity(blocks.len());
        for (b, hashes) in blocks.iter().zip(leaves) {
            let first = b << BLOCK_LEVEL;
            let len = (root.size - first).min(1 << BLOCK_LEVEL);
            if hashes.len() as u64 != len {
                return Ok(None);
            }
            let tree = MerkleTree::from_leaf_hashes(hashes);
            if known.get(*b as usize) != Some(&tree.root().hash) {
                return Ok(None);
            }
            trees.push(tree);
        }
        let mut upper = match PathCollector::new(known.len() as u64, &blocks) {
            Ok(c) => c,
            Err(_) => return Ok(None),
        };
        for h in &known {
            upper.push(*h);
        }
        let Ok((top, upper_paths)) = upper.finish() else {
            return Ok(None);
        };
        if top.hash != root.hash {
            return Ok(None);
        }
        let mut out = Vec::with_capacity(indices.len());
        for i in indices {
            let (Ok(w), Ok(k)) = (
                wanted.binary_search(i),
                blocks.binary_search(&(i >> BLOCK_LEVEL)),
            ) else {
                return Ok(None);
            };
            let tree = &trees[k];
            let offset = i - (blocks[k] << BLOCK_LEVEL);
            let (Some(inner), Some(leaf)) = (tree.prove(offset), tree.node(offset, offset + 1))
            else {
                return Ok(None);
            };
            let mut path = inner.path;
            path.extend_from_slice(&upper_paths[k].path);
            let proof = InclusionProof { path };
            if root.verify_inclusion_hash(&leaf, *i, &proof).is_err() {
                return Ok(None);
            }
            out.push((entities[w].clone(), proof));
        }
        Ok(Some(out))
    }

    /// Reads the stored chunks of `version` again, decoding and hashing the
    /// entities of `blocks` only (sorted), keeping those at `wanted`
    /// (sorted): each block's leaf hashes and the wanted entities, in order;
    /// `None` when a wanted entity is missing.
    fn read_blocks(
        &self,
        version: i64,
        blocks: &[u64],
        wanted: &[u64],
    ) -> Result<Option<Reread>, StoreError> {
        let key = &self.key;
        let damaged = |source| StoreError::Damaged {
            kind: RegistryKind::Entities,
            version,
            source,
        };
        let mut st = self
            .conn
            .prepare_cached("SELECT data FROM registry_chunks WHERE version = ?1 ORDER BY seq")?;
        let mut rows = st.query([version])?;
        let mut leaves: Vec<Vec<Hash>> = vec![Vec::new(); blocks.len()];
        let mut entities: Vec<Option<Entity>> = vec![None; wanted.len()];
        let mut first = 0u64;
        let mut ended = false;
        while !ended {
            let mut group: Vec<(u64, Vec<u8>)> = Vec::with_capacity(GROUP);
            while group.len() < GROUP {
                match rows.next()? {
                    Some(row) => {
                        let data: Vec<u8> = row.get(0)?;
                        let n = count_records(&data).map_err(damaged)?;
                        group.push((first, data));
                        first += n;
                    }
                    None => {
                        ended = true;
                        break;
                    }
                }
            }
            let found: Vec<Result<Vec<Reread1>, StoreError>> = group
                .par_iter()
                .map(|(start, data)| {
                    let mut out = Vec::new();
                    let mut d = Decoder::new(data);
                    let mut i = *start;
                    let mut enc = Encoder::with_capacity(512);
                    while !d.is_empty() {
                        let record = d.bytes().map_err(damaged)?;
                        if blocks.binary_search(&(i >> BLOCK_LEVEL)).is_ok() {
                            let e = codec::decode_entity(record).map_err(damaged)?;
                            enc.clear();
                            encode_entity_leaf(&e, key, &mut enc);
                            let h = leaf_hash(enc.as_bytes());
                            let keep = wanted.binary_search(&i).is_ok().then_some(e);
                            out.push((i, h, keep));
                        }
                        i += 1;
                    }
                    Ok(out)
                })
                .collect();
            for f in found {
                for (i, h, e) in f? {
                    if let Ok(k) = blocks.binary_search(&(i >> BLOCK_LEVEL)) {
                        leaves[k].push(h);
                    }
                    if let (Some(e), Ok(w)) = (e, wanted.binary_search(&i)) {
                        entities[w] = Some(e);
                    }
                }
            }
        }
        let entities: Option<Vec<Entity>> = entities.into_iter().collect();
        Ok(entities.map(|entities| Reread { leaves, entities }))
    }
}

/// One entity of an asked block read again: its index, its leaf hash, and
/// itself when it was asked for.
type Reread1 = (u64, Hash, Option<Entity>);

/// What [`Workspace::read_blocks`] read.
struct Reread {
    /// Each asked block's leaf hashes, in order.
    leaves: Vec<Vec<Hash>>,
    /// The wanted entities, in index order.
    entities: Vec<Entity>,
}

/// The records in a stored chunk (their lengths read, nothing decoded).
pub(super) fn count_records(chunk: &[u8]) -> Result<u64, crate::core::canonical::DecodeError> {
    let mut d = Decoder::new(chunk);
    let mut n = 0u64;
    while !d.is_empty() {
        d.bytes()?;
        n += 1;
    }
    Ok(n)
}
