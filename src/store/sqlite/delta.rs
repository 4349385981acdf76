//! An update of the entities (`registry update entities`) merged into a new
//! version as the stored one streams by (issue 17): the old version's
//! chunks are read one at a time, merged with the update's rows (sorted by
//! USCC) and removals, encoded into the new version's chunks and hashed
//! into its root, all in one write transaction. Memory is the update and a
//! chunk, not the registry. The stored chunks and the root are exactly what
//! a commit of the merged registry writes (`Workspace::commit_based`).

use super::versions::kind_index;
use super::{StoreError, Workspace, codec, commit, now_rfc3339};
use crate::core::canonical::Encoder;
use crate::core::commitment::encode_entity_leaf;
use crate::core::merkle::{Hash, MerkleRoot, RootBuilder, empty_root, leaf_hash};
use crate::core::registry::{Entity, RegistryKind};
use crate::par::*;
use crate::store::{CommitOutcome, SnapshotInfo};
use rusqlite::{OptionalExtension, params};
use std::collections::BTreeSet;

/// Entities hashed and encoded together, on every core.
const BATCH: usize = 8192;

/// Stored chunks read and decoded side by side.
pub(crate) const GROUP: usize = 4;

/// An update of the entities merged with the stored version as its chunks
/// arrive (backend-neutral: a backend reads the old version's chunks a few
/// at a time into [`EntityMerge::feed`] and stores the new version's chunks
/// [`EntityMerge::take_ready`] hands back, in order).
pub(crate) struct EntityMerge<'a> {
    key: &'a crate::core::commitment::SaltKey,
    removals: &'a BTreeSet<String>,
    up: std::iter::Peekable<Box<dyn Iterator<Item = Entity> + 'a>>,
    /// The upserts replace the stored version: it is not read.
    replaces: bool,
    /// The stored version's root, rebuilt as it streams by.
    old_root: RootBuilder,
    /// The new version's root.
    root: RootBuilder,
    seq: i64,
    chunk: Encoder,
    /// Merged entities not yet encoded, with their leaf hash when known.
    batch: Vec<(Entity, Option<Hash>)>,
    /// The new version's chunks not yet stored, with their `seq`.
    ready: Vec<(i64, Vec<u8>)>,
}

impl<'a> EntityMerge<'a> {
    /// A merge of `upserts` (sorted by USCC, distinct) and `removals`.
    ///
    /// # Errors
    /// [`StoreError::Backend`] for upserts out of order or repeated.
    pub(crate) fn new(
        upserts: Vec<Entity>,
        removals: &'a BTreeSet<String>,
        key: &'a crate::core::commitment::SaltKey,
    ) -> Result<Self, StoreError> {
        if let Some(w) = upserts
            .windows(2)
            .find(|w| w[0].uscc.as_bytes() >= w[1].uscc.as_bytes())
        {
            return Err(crate::store::snapshots::out_of_order(
                &w[0].uscc, &w[1].uscc,
            ));
        }
        Ok(Self::with(
            Box::new(upserts.into_iter()),
            removals,
            key,
            false,
        ))
    }

    /// A merge whose entities, `sorted` by USCC and distinct (the caller's
    /// promise, checked by the backend as they arrive), replace the stored
    /// version: nothing is read from it, and the backend feeds no chunks.
    pub(crate) fn replacing(
        sorted: Box<dyn Iterator<Item = Entity> + 'a>,
        key: &'a crate::core::commitment::SaltKey,
    ) -> Self {
        static NONE: BTreeSet<String> = BTreeSet::new();
        Self::with(sorted, &NONE, key, true)
    }

    fn with(
        up: Box<dyn Iterator<Item = Entity> + 'a>,
        removals: &'a BTreeSet<String>,
        key: &'a crate::core::commitment::SaltKey,
        replaces: bool,
    ) -> Self {
        EntityMerge {
            key,
            removals,
            up: up.peekable(),
            replaces,
            old_root: RootBuilder::new(),
            root: RootBuilder::new(),
            seq: 0,
            chunk: Encoder::with_capacity(codec::CHUNK_BYTES + 4096),
            batch: Vec::with_capacity(BATCH),
            ready: Vec::new(),
        }
    }

    /// Emits up to `n` further upserts (a replacing stream is driven this
    /// way, its chunks stored between calls with [`EntityMerge::take_ready`]);
    /// `false` once the upserts are exhausted.
    pub(crate) fn pump(&mut self, n: usize, visit: &mut dyn FnMut(&Entity)) -> bool {
        for _ in 0..n {
            match self.up.next() {
                Some(u) => self.emit(u, None, visit),
                None => return false,
            }
        }
        true
    }

    /// Whether the upserts replace the stored version (no chunks are fed,
    /// and the stored root is not rebuilt).
    pub(crate) fn replaces(&self) -> bool {
        self.replaces
    }

    /// Merges the next stored chunks (of `version`, in order), decoded and
    /// hashed side by side; `visit` sees every merged entity in order.
    ///
    /// # Errors
    /// [`StoreError::Damaged`] for a chunk that does not decode.
    pub(crate) fn feed(
        &mut self,
        blobs: &[Vec<u8>],
        version: i64,
        visit: &mut dyn FnMut(&Entity),
    ) -> Result<(), StoreError> {
        let key = self.key;
        let decoded: Vec<super::stream::DecodedChunk> = blobs
            .par_iter()
            .map(|data| super::stream::decode_with_leaves(data, version, key))
            .collect();
        for d in decoded {
            let (old, leaves, _) = d?;
            self.old_root.push_all(&leaves);
            for (e, h) in old.into_iter().zip(leaves) {
                while let Some(u) = self.up.next_if(|u| u.uscc.as_bytes() < e.uscc.as_bytes()) {
                    self.emit(u, None, visit);
                }
                if let Some(u) = self.up.next_if(|u| u.uscc.as_bytes() == e.uscc.as_bytes()) {
                    self.emit(u, None, visit);
                } else if !self.removals.contains(e.uscc.as_str()) {
                    self.emit(e, Some(h), visit);
                }
            }
        }
        Ok(())
    }

    fn emit(&mut self, e: Entity, leaf: Option<Hash>, visit: &mut dyn FnMut(&Entity)) {
        visit(&e);
        self.batch.push((e, leaf));
        if self.batch.len() >= BATCH {
            self.flush();
        }
    }

    /// Hashes and encodes the batch on every core, then appends it in order.
    fn flush(&mut self) {
        let key = self.key;
        let done: Vec<(Hash, Vec<u8>)> = self
            .batch
            .par_iter()
            .map(|(e, leaf)| {
                let mut enc = Encoder::with_capacity(512);
                let h = match leaf {
                    Some(h) => *h,
                    None => {
                        encode_entity_leaf(e, key, &mut enc);
                        let h = leaf_hash(enc.as_bytes());
                        enc.clear();
                        h
                    }
                };
                codec::encode_entity(e, &mut enc);
                (h, enc.as_bytes().to_vec())
            })
            .collect();
        self.batch.clear();
        let leaves: Vec<Hash> = done.iter().map(|(h, _)| *h).collect();
        self.root.push_all(&leaves);
        for (_, bytes) in done {
            // As `codec::chunks`: a chunk ends once it reaches the size.
            self.chunk.bytes(&bytes);
            if self.chunk.as_bytes().len() >= codec::CHUNK_BYTES {
                self.end_chunk();
            }
        }
    }

    fn end_chunk(&mut self) {
        let chunk = std::mem::replace(
            &mut self.chunk,
            Encoder::with_capacity(codec::CHUNK_BYTES + 4096),
        )
        .finish();
        self.ready.push((self.seq, chunk));
        self.seq += 1;
    }

    /// The new version's chunks completed since the last call, with their
    /// `seq`, to be stored now.
    pub(crate) fn take_ready(&mut self) -> Vec<(i64, Vec<u8>)> {
        std::mem::take(&mut self.ready)
    }

    /// Ends the merge (the upserts past the last stored entity, `visit`ed):
    /// the new version's root, the stored version's rebuilt root, and the
    /// new version's last chunks to store.
    pub(crate) fn finish(
        mut self,
        visit: &mut dyn FnMut(&Entity),
    ) -> (MerkleRoot, MerkleRoot, Vec<(i64, Vec<u8>)>) {
        // One at a time: a replacing stream can be a province's registry.
        let rest = std::mem::replace(
            &mut self.up,
            (Box::new(std::iter::empty()) as Box<dyn Iterator<Item = Entity>>).peekable(),
        );
        for u in rest {
            self.emit(u, None, visit);
        }
        self.flush();
        if !self.chunk.as_bytes().is_empty() {
            self.end_chunk();
        }
        let ready = std::mem::take(&mut self.ready);
        (self.root.finish(), self.old_root.finish(), ready)
    }
}

/// Entities a replacing stream hands to the merge between stores of its
/// chunks.
pub(crate) const PUMP: usize = 4 * BATCH;

/// Checks the stored version's rebuilt root `was` against `base_root`, the
/// root `current` (the snapshot merged into) records.
///
/// # Errors
/// [`StoreError::RootMismatch`].
pub(crate) fn check_rebuilt(
    was: MerkleRoot,
    base_root: MerkleRoot,
    current: Option<&SnapshotInfo>,
) -> Result<(), StoreError> {
    if was != base_root {
        return Err(StoreError::RootMismatch {
            kind: RegistryKind::Entities,
            snapshot: current.map_or(0, |s| s.id),
            expected: base_root.hash,
            got: was.hash,
        });
    }
    Ok(())
}

impl Workspace {
    /// Merges an update of the entities into a new version and snapshot,
    /// streaming the stored version: `upserts` (sorted by USCC, distinct)
    /// added or replacing the stored entity of the same USCC, `removals`
    /// (USCCs) left out; `visit` sees every entity of the new version in
    /// order. Based on snapshot `base` as [`Workspace::commit_based`]
    /// (refused if the entities changed since), and, like it, nothing new
    /// when the content is unchanged.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] for a moved base, [`StoreError::Damaged`] or
    /// [`StoreError::RootMismatch`] for a damaged stored version,
    /// [`StoreError::Backend`]; nothing is written then.
    pub fn commit_entity_delta(
        &mut self,
        base: Option<u64>,
        upserts: Vec<Entity>,
        removals: &BTreeSet<String>,
        note: &str,
        visit: &mut dyn FnMut(&Entity),
    ) -> Result<CommitOutcome, StoreError> {
        let key = self.key.clone();
        let merge = EntityMerge::new(upserts, removals, &key)?;
        self.commit_merge(base, merge, note, visit, None)
    }

    /// Replaces the entities with `sorted` (by USCC, distinct: a stream
    /// out of order is refused) as a new version and snapshot, written as
    /// the stream arrives, never held whole (a province's registry imported
    /// from its counties' files, issue 17). Based on snapshot `base` as
    /// [`Workspace::commit_based`], and nothing new when unchanged; the
    /// stream's first error is returned and nothing is written.
    ///
    /// # Errors
    /// As [`Workspace::commit_entity_delta`], and the stream's errors.
    pub fn commit_entity_stream(
        &mut self,
        base: Option<u64>,
        sorted: &mut dyn Iterator<Item = Result<Entity, StoreError>>,
        note: &str,
        visit: &mut dyn FnMut(&Entity),
    ) -> Result<CommitOutcome, StoreError> {
        let key = self.key.clone();
        let failed = std::cell::RefCell::new(None);
        let merge = EntityMerge::replacing(
            crate::store::snapshots::checked_stream(sorted, &failed),
            &key,
        );
        self.commit_merge(base, merge, note, visit, Some(&failed))
    }

    fn commit_merge(
        &mut self,
        base: Option<u64>,
        mut merge: EntityMerge<'_>,
        note: &str,
        visit: &mut dyn FnMut(&Entity),
        failed: Option<&std::cell::RefCell<Option<StoreError>>>,
    ) -> Result<CommitOutcome, StoreError> {
        let kind = RegistryKind::Entities;
        let now = now_rfc3339();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let has_latest = tx
            .query_row(
                "SELECT id FROM snapshots ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get::<_, i64>(0),
            )
            .optional()?
            .is_some();
        let current: Option<SnapshotInfo> = if has_latest {
            Some(Self::read_latest(&tx)?)
        } else {
            None
        };
        Self::check_base(&tx, kind, base, current.as_ref())?;
        let empty = MerkleRoot {
            hash: empty_root(),
            size: 0,
        };
        let base_root = current.as_ref().map_or(empty, |s| s.roots.get(kind));
        let old_version = current.as_ref().map(|s| s.versions[kind_index(kind)]);
        tx.execute(
            "INSERT INTO registry_versions(kind, root, size, created_at) VALUES (?1, ?2, 0, ?3)",
            params![kind.token(), empty_root().0.to_vec(), now],
        )?;
        let version = tx.last_insert_rowid();
        let store = |ready: Vec<(i64, Vec<u8>)>| -> Result<(), StoreError> {
            for (seq, data) in ready {
                tx.execute(
                    "INSERT INTO registry_chunks(version, seq, data) VALUES (?1, ?2, ?3)",
                    params![version, seq, data],
                )?;
            }
            Ok(())
        };
        let chunks: i64 = match old_version.filter(|_| !merge.replaces()) {
            Some(v) => tx.query_row(
                "SELECT COUNT(*) FROM registry_chunks WHERE version = ?1",
                [v],
                |r| r.get(0),
            )?,
            None => 0,
        };
        // A few stored chunks at a time, decoded and hashed side by side,
        // then merged in order.
        for group in (0..chunks).collect::<Vec<_>>().chunks(GROUP) {
            let mut blobs = Vec::with_capacity(group.len());
            for &seq in group {
                let data: Vec<u8> = tx.query_row(
                    "SELECT data FROM registry_chunks WHERE version = ?1 AND seq = ?2",
                    params![old_version, seq],
                    |r| r.get(0),
                )?;
                blobs.push(data);
            }
            merge.feed(&blobs, old_version.unwrap_or_default(), visit)?;
            store(merge.take_ready())?;
        }
        if merge.replaces() {
            while merge.pump(PUMP, visit) {
                store(merge.take_ready())?;
            }
        }
        let replaces = merge.replaces();
        let (root, was, last) = merge.finish(visit);
        if let Some(e) = failed.and_then(|f| f.borrow_mut().take()) {
            return Err(e);
        }
        store(last)?;
        if !replaces {
            check_rebuilt(was, base_root, current.as_ref())?;
        }
        if root == base_root {
            // Dropping the transaction rolls the new version back.
            return Ok(CommitOutcome::Unchanged { snapshot: current });
        }
        tx.execute(
            "UPDATE registry_versions SET root = ?1, size = ?2 WHERE id = ?3",
            params![root.hash.0.to_vec(), root.size as i64, version],
        )?;
        let mut versions = [0i64; 4];
        let mut roots = current.as_ref().map_or(
            crate::core::commitment::SnapshotRoots {
                items: empty,
                entities: empty,
                officers: empty,
                recusals: empty,
            },
            |s| s.roots,
        );
        for k in RegistryKind::ALL {
            versions[kind_index(k)] = match &current {
                Some(s) => s.versions[kind_index(k)],
                None => Self::empty_version(&tx, k, &now)?,
            };
        }
        versions[kind_index(kind)] = version;
        roots.set(kind, root);
        let digest = roots.digest();
        tx.execute(
            "INSERT INTO snapshots(digest, created_at, note, items_v, entities_v, officers_v, recusals_v)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![digest.0.to_vec(), now, note, versions[0], versions[1], versions[2], versions[3]],
        )?;
        let sid = tx.last_insert_rowid() as u64;
        commit(tx)?;
        Ok(CommitOutcome::NewSnapshot {
            snapshot: self.snapshot(sid)?,
        })
    }
}
