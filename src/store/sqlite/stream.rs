//! Entities read as a stream (`Store::for_each_entity_run`,
//! `Store::entity_proofs`): one stored chunk decoded at a time, each
//! entity's leaf hashed into a [`PathCollector`], the snapshot's recorded
//! root checked at the end. Memory stays one chunk, the tree's frontier and
//! the asked paths' nodes, whatever the registry's size (issue 17).

use super::versions::kind_index;
use super::{StoreError, Workspace, codec};
use crate::core::commitment::entity_leaves;
use crate::core::merkle::{Hash, InclusionProof, PathCollector};
use crate::core::registry::{Entity, RegistryKind};
use crate::par::{drop_elsewhere, *};
use crate::store::{CommittedRun, CommittedRunVisitor, Named, SnapshotInfo};

/// Stored chunks decoded side by side (each about 4 MiB of records).
pub(crate) const GROUP: usize = 4;

/// A stored chunk's entities, their leaf hashes and their credit classes'
/// commitments, or why it is damaged.
pub(crate) type DecodedChunk = Result<(Vec<Entity>, Vec<Hash>, Vec<Hash>), StoreError>;

/// Decodes a stored chunk of entities of `version` and hashes their leaves.
pub(crate) fn decode_with_leaves(
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
    let (leaves, commitments) = entity_leaves(&batch, key);
    Ok((batch, leaves, commitments))
}

/// Stored chunks of `version` decoded side by side, each its leaves hashed
/// on its own core ([`decode_with_leaves`]), in order.
pub(crate) fn decode_group(
    blobs: &[Vec<u8>],
    version: i64,
    key: &crate::core::commitment::SaltKey,
) -> Vec<DecodedChunk> {
    blobs
        .par_iter()
        .map(|chunk| decode_with_leaves(chunk, version, key))
        .collect()
}

/// The entities of stored chunks of `version` that `named` wants, in order:
/// each record's USCC read, only the wanted records decoded, the chunks
/// side by side. No leaf is hashed: a look-up, not a proof.
///
/// # Errors
/// [`StoreError::Damaged`] for a chunk that does not decode.
pub(crate) fn named_in_chunks(
    blobs: &[Vec<u8>],
    version: i64,
    named: Named<'_>,
) -> Result<Vec<Entity>, StoreError> {
    let damaged = |source| StoreError::Damaged {
        kind: RegistryKind::Entities,
        version,
        source,
    };
    let found: Vec<Result<Vec<Entity>, StoreError>> = blobs
        .par_iter()
        .map(|chunk| {
            let mut out = Vec::new();
            let mut d = crate::core::canonical::Decoder::new(chunk);
            while !d.is_empty() {
                let record = d.bytes().map_err(damaged)?;
                if named(codec::entity_uscc(record).map_err(damaged)?) {
                    out.push(codec::decode_entity(record).map_err(damaged)?);
                }
            }
            Ok(out)
        })
        .collect();
    let mut out = Vec::new();
    for f in found {
        out.extend(f?);
    }
    Ok(out)
}

/// A stream's tree: its collector, or the thread adding the latest leaves
/// to it (one at a time, off the thread that reads the stream and off the
/// cores' pool, which decodes the next chunks meanwhile).
enum Tree {
    Here(PathCollector),
    Adding(std::thread::JoinHandle<PathCollector>),
}

impl Tree {
    /// The collector with every leaf added so far.
    fn into_collector(self) -> PathCollector {
        match self {
            Tree::Here(c) => c,
            Tree::Adding(h) => h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
        }
    }

    /// Adds `leaves` on a thread of its own, after the leaves before.
    fn add(&mut self, leaves: Vec<Hash>) {
        let empty = Tree::Here(PathCollector::empty());
        let mut c = std::mem::replace(self, empty).into_collector();
        *self = Tree::Adding(std::thread::spawn(move || {
            for h in leaves {
                c.push(h);
            }
            c
        }));
    }
}

/// The entities of a snapshot as they stream by (backend-neutral: a backend
/// reads the version's chunks a few at a time, in order, into
/// [`EntityRuns::feed`], then calls [`EntityRuns::finish`]).
pub(crate) struct EntityRuns<'a> {
    snapshot: u64,
    version: i64,
    expected: crate::core::merkle::MerkleRoot,
    /// The tree of the leaves so far, or the thread adding the last ones.
    tree: Tree,
    first: usize,
    got_size: u64,
    key: &'a crate::core::commitment::SaltKey,
}

impl<'a> EntityRuns<'a> {
    /// The stream of `snap`'s entities, collecting the proofs of `targets`.
    ///
    /// # Errors
    /// [`StoreError::Backend`] for a target past the end.
    pub(crate) fn new(
        snap: &SnapshotInfo,
        targets: &[u64],
        key: &'a crate::core::commitment::SaltKey,
    ) -> Result<Self, StoreError> {
        let kind = RegistryKind::Entities;
        let expected = snap.roots.get(kind);
        Ok(EntityRuns {
            snapshot: snap.id,
            version: snap.versions[kind_index(kind)],
            expected,
            tree: Tree::Here(
                PathCollector::new(expected.size, targets)
                    .map_err(|e| StoreError::Backend(Box::new(e)))?
                    .keeping_blocks(super::block_proofs::BLOCK_LEVEL),
            ),
            first: 0,
            got_size: 0,
            key,
        })
    }

    /// The stored version read.
    pub(crate) fn version(&self) -> i64 {
        self.version
    }

    /// Decodes the next stored chunks side by side, each its leaves hashed
    /// on its own core, and hands them to `f` in order.
    ///
    /// # Errors
    /// [`StoreError::Damaged`], or what `f` returns.
    pub(crate) fn feed(
        &mut self,
        blobs: &[Vec<u8>],
        f: &mut crate::store::EntityRunVisitor<'_>,
    ) -> Result<(), StoreError> {
        let decoded = decode_group(blobs, self.version, self.key);
        self.feed_decoded(decoded, &mut |r| f(r.first, r.entities))
    }

    /// Hands chunks decoded by [`decode_group`] to `f` in order, their
    /// leaves added to the tree.
    ///
    /// # Errors
    /// [`StoreError::Damaged`], or what `f` returns.
    pub(crate) fn feed_decoded(
        &mut self,
        decoded: Vec<DecodedChunk>,
        f: &mut CommittedRunVisitor<'_>,
    ) -> Result<(), StoreError> {
        let mut leaves = Vec::new();
        let mut runs = Vec::with_capacity(decoded.len());
        for d in decoded {
            let (batch, hashes, commitments) = d?;
            // Past the recorded size the root cannot match: counted only.
            let room = self.expected.size.saturating_sub(self.got_size);
            let fit = usize::try_from(room).map_or(hashes.len(), |r| r.min(hashes.len()));
            leaves.extend_from_slice(&hashes[..fit]);
            self.got_size += hashes.len() as u64;
            runs.push((batch, hashes, commitments));
        }
        self.tree.add(leaves);
        for (batch, hashes, commitments) in runs {
            f(CommittedRun {
                first: self.first,
                entities: &batch,
                leaves: &hashes,
                commitments: &commitments,
            })?;
            self.first += batch.len();
            drop_elsewhere(batch);
        }
        Ok(())
    }

    /// Checks the root and returns the targets' proofs.
    ///
    /// # Errors
    /// [`StoreError::RootMismatch`].
    pub(crate) fn finish(self) -> Result<Vec<InclusionProof>, StoreError> {
        self.finish_with_blocks().map(|(proofs, _)| proofs)
    }

    /// As [`EntityRuns::finish`], with the hashes of the blocks of
    /// [`super::block_proofs::BLOCK_LEVEL`] (checked with the root).
    ///
    /// # Errors
    /// [`StoreError::RootMismatch`].
    pub(crate) fn finish_with_blocks(self) -> Result<(Vec<InclusionProof>, Vec<Hash>), StoreError> {
        let expected = self.expected;
        let mismatch = |got: Hash| StoreError::RootMismatch {
            kind: RegistryKind::Entities,
            snapshot: self.snapshot,
            expected: expected.hash,
            got,
        };
        if self.got_size != expected.size {
            // A registry of another size: its root is not the recorded one.
            return Err(mismatch(Hash::digest(&self.got_size.to_be_bytes())));
        }
        let (root, proofs, blocks) = self
            .tree
            .into_collector()
            .finish_with_blocks()
            .map_err(|e| StoreError::Backend(Box::new(e)))?;
        if root != expected {
            return Err(mismatch(root.hash));
        }
        Ok((proofs, blocks))
    }
}

/// The entities of `snap` at `indices` and their proofs, in the order asked,
/// from one pass of `runs` (a backend's `stream_entity_runs` on `snap`).
///
/// # Errors
/// What `runs` returns; [`StoreError::Backend`] for an index past the end.
pub(crate) fn entity_proofs(
    snap: &SnapshotInfo,
    indices: &[u64],
    runs: impl FnOnce(
        &[u64],
        &mut crate::store::EntityRunVisitor<'_>,
    ) -> Result<Vec<InclusionProof>, StoreError>,
) -> Result<Vec<(Entity, InclusionProof)>, StoreError> {
    let mut wanted: Vec<u64> = indices.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    let mut found: Vec<Option<Entity>> = vec![None; wanted.len()];
    let mut next = 0usize;
    let proofs = runs(&wanted, &mut |first, run| {
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
        self.stream_committed_runs(snap, targets, &mut |r| f(r.first, r.entities))
    }

    /// As [`Workspace::stream_entity_runs`], handing `f` each entity's leaf
    /// hash and credit class's commitment as well, as the stream made them
    /// ([`crate::store::Store::for_each_committed_run`]).
    ///
    /// # Errors
    /// As [`Workspace::stream_entity_runs`].
    pub fn stream_committed_runs(
        &self,
        snap: &SnapshotInfo,
        targets: &[u64],
        f: &mut CommittedRunVisitor<'_>,
    ) -> Result<Vec<InclusionProof>, StoreError> {
        let mut runs = EntityRuns::new(snap, targets, &self.key)?;
        let mut st = self
            .conn
            .prepare_cached("SELECT data FROM registry_chunks WHERE version = ?1 ORDER BY seq")?;
        let mut rows = st.query([runs.version()])?;
        // A few stored chunks at a time, the next ones read from the
        // database while these decode on the other cores, and decoding while
        // `f` reads the ones before (the reads, the decoding and `f` overlap;
        // the order is kept).
        let mut ended = false;
        let mut next_group = || -> Result<Vec<Vec<u8>>, StoreError> {
            let mut blobs = Vec::with_capacity(GROUP);
            while !ended && blobs.len() < GROUP {
                match rows.next()? {
                    Some(row) => blobs.push(row.get(0)?),
                    None => ended = true,
                }
            }
            Ok(blobs)
        };
        let (version, key) = (runs.version(), &self.key);
        std::thread::scope(|s| -> Result<(), StoreError> {
            let first = next_group()?;
            let mut decoding = Some(s.spawn(move || decode_group(&first, version, key)));
            while let Some(h) = decoding.take() {
                let next = next_group()?;
                let decoded = h.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
                if !next.is_empty() {
                    decoding = Some(s.spawn(move || decode_group(&next, version, key)));
                }
                runs.feed_decoded(decoded, f)?;
            }
            Ok(())
        })?;
        let size = snap.roots.get(RegistryKind::Entities).size;
        let (proofs, blocks) = runs.finish_with_blocks()?;
        // A later call for a few entities' proofs reads only their blocks.
        self.remember_blocks(version, size, blocks);
        Ok(proofs)
    }

    /// The entities of `snap` that `named` wants, in USCC order: each
    /// stored record's USCC read, only those wanted decoded; the root is not
    /// re-checked ([`crate::store::Store::entities_named`]).
    ///
    /// # Errors
    /// [`StoreError::Damaged`] for a chunk that does not decode.
    pub fn stream_entities_named(
        &self,
        snap: &SnapshotInfo,
        named: Named<'_>,
    ) -> Result<Vec<Entity>, StoreError> {
        let version = snap.versions[kind_index(RegistryKind::Entities)];
        let mut st = self
            .conn
            .prepare_cached("SELECT data FROM registry_chunks WHERE version = ?1 ORDER BY seq")?;
        let mut rows = st.query([version])?;
        let mut out = Vec::new();
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
            out.extend(named_in_chunks(&blobs, version, named)?);
        }
        Ok(out)
    }

    /// The entities of `snap` at `indices` and their inclusion proofs, in
    /// the order asked: after a whole pass over the same version, from the
    /// blocks it kept (`block_proofs`: only the asked entities' blocks
    /// decoded and hashed again), else from one streamed pass.
    ///
    /// # Errors
    /// As [`Workspace::stream_entity_runs`].
    pub fn stream_entity_proofs(
        &self,
        snap: &SnapshotInfo,
        indices: &[u64],
    ) -> Result<Vec<(Entity, InclusionProof)>, StoreError> {
        if let Some(found) = self.proofs_from_blocks(snap, indices)? {
            return Ok(found);
        }
        entity_proofs(snap, indices, |wanted, f| {
            self.stream_entity_runs(snap, wanted, f)
        })
    }
}
