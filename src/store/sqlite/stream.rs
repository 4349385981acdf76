//! Entities read as a stream (`Store::for_each_entity_run`,
//! `Store::entity_proofs`): one stored chunk decoded at a time, each
//! entity's leaf hashed into a [`PathCollector`], the snapshot's recorded
//! root checked at the end. Memory stays one chunk, the tree's frontier and
//! the asked paths' nodes, whatever the registry's size (issue 17).

use super::{StoreError, Workspace, codec, kind_index};
use crate::core::canonical::Encoder;
use crate::core::commitment::encode_entity_leaf;
use crate::core::merkle::{Hash, InclusionProof, PathCollector, leaf_hash};
use crate::core::registry::{Entity, RegistryKind};
use crate::par::*;
use crate::store::SnapshotInfo;

/// Stored chunks decoded side by side (each about 4 MiB of records).
const GROUP: usize = 4;

/// A stored chunk's entities and their leaf hashes, or why it is damaged.
pub(super) type DecodedChunk = Result<(Vec<Entity>, Vec<Hash>), StoreError>;

/// Decodes a stored chunk of entities of `version` and hashes their leaves.
pub(super) fn decode_with_leaves(
    chunk: &[u8],
    version: i64,
    key: &crate::core::commitment::SaltKey,
) -> DecodedChunk {
    let mut batch = Vec::new();
    codec::unchunk(chunk, codec::decode_entity, &mut batch).map_err(|source| {
        StoreError::Damaged {
            kind: RegistryKind::Entities,
            version,
            source,
        }
    })?;
    let hashes: Vec<Vec<Hash>> = batch
        .par_chunks(1024)
        .map(|part| {
            let mut enc = Encoder::with_capacity(512);
            part.iter()
                .map(|e| {
                    enc.clear();
                    encode_entity_leaf(e, key, &mut enc);
                    leaf_hash(enc.as_bytes())
                })
                .collect()
        })
        .collect();
    Ok((batch, hashes.concat()))
}

impl Workspace {
    /// Hands every entity of `snap` to `f` run by run (one stored chunk,
    /// with the index of its first entity) in stored (USCC) order, and
    /// returns the proofs of leaves `targets`; the entities' root must be
    /// the snapshot's.
    ///
    /// # Errors
    /// [`StoreError::Damaged`] for a chunk that does not decode,
    /// [`StoreError::RootMismatch`] (after the last entity: a caller keeps
    /// nothing from a call that failed), [`StoreError::Backend`] for a
    /// target past the end, or what `f` returns.
    pub fn stream_entity_runs(
        &self,
        snap: &SnapshotInfo,
        targets: &[u64],
        f: &mut crate::store::EntityRunVisitor<'_>,
    ) -> Result<Vec<InclusionProof>, StoreError> {
        let kind = RegistryKind::Entities;
        let version = snap.versions[kind_index(kind)];
        let expected = snap.roots.get(kind);
        let mut paths = PathCollector::new(expected.size, targets)
            .map_err(|e| StoreError::Backend(Box::new(e)))?;
        let mut st = self
            .conn
            .prepare_cached("SELECT data FROM registry_chunks WHERE version = ?1 ORDER BY seq")?;
        let mut rows = st.query([version])?;
        let mut first = 0usize;
        let mut got_size = 0u64;
        let key = &self.key;
        // A few stored chunks at a time, each decoded and its leaves hashed
        // on its own core, then handed over in order.
        let mut blobs: Vec<Vec<u8>> = Vec::with_capacity(GROUP);
        let mut more = true;
        while more {
            blobs.clear();
            while blobs.len() < GROUP {
                match rows.next()? {
                    Some(row) => blobs.push(row.get(0)?),
                    None => {
                        more = false;
                        break;
                    }
                }
            }
            let decoded: Vec<DecodedChunk> = blobs
                .par_iter()
                .map(|chunk| decode_with_leaves(chunk, version, key))
                .collect();
            for d in decoded {
                let (batch, hashes) = d?;
                for h in hashes {
                    got_size += 1;
                    // Past the recorded size the root cannot match: counted only.
                    if got_size <= expected.size {
                        paths.push(h);
                    }
                }
                f(first, &batch)?;
                first += batch.len();
            }
        }
        let mismatch = |got: Hash| StoreError::RootMismatch {
            kind,
            snapshot: snap.id,
            expected: expected.hash,
            got,
        };
        if got_size != expected.size {
            // A registry of another size: its root is not the recorded one.
            return Err(mismatch(Hash::digest(&got_size.to_be_bytes())));
        }
        let (root, proofs) = paths
            .finish()
            .map_err(|e| StoreError::Backend(Box::new(e)))?;
        if root != expected {
            return Err(mismatch(root.hash));
        }
        Ok(proofs)
    }

    /// The entities of `snap` at `indices` and their inclusion proofs, in
    /// the order asked, from one streamed pass.
    ///
    /// # Errors
    /// As [`Workspace::stream_entity_runs`].
    pub fn stream_entity_proofs(
        &self,
        snap: &SnapshotInfo,
        indices: &[u64],
    ) -> Result<Vec<(Entity, InclusionProof)>, StoreError> {
        let mut wanted: Vec<u64> = indices.to_vec();
        wanted.sort_unstable();
        wanted.dedup();
        let mut found: Vec<Option<Entity>> = vec![None; wanted.len()];
        let mut next = 0usize;
        let proofs = self.stream_entity_runs(snap, &wanted, &mut |first, run| {
            let end = (first + run.len()) as u64;
            while let Some(&w) = wanted.get(next)
                && w < end
            {
                found[next] = Some(run[(w as usize) - first].clone());
                next += 1;
            }
            Ok(())
        })?;
        indices
            .iter()
            .map(|i| {
                let k = wanted.binary_search(i).ok();
                match k.and_then(|k| Some((found[k].clone()?, proofs[k].clone()))) {
                    Some(x) => Ok(x),
                    None => Err(StoreError::Backend(Box::new(
                        crate::core::merkle::PathError::IndexOutOfRange {
                            index: *i,
                            size: snap.roots.get(RegistryKind::Entities).size,
                        },
                    ))),
                }
            })
            .collect()
    }
}
