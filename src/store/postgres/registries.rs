//! Registries of the PostgreSQL store: immutable versions in chunks of the
//! SQLite workspace's codec, snapshots over them, streamed reads and
//! streamed entity updates, as `src/store/sqlite` (`mod.rs`, `delta.rs`,
//! `stream.rs`) does, with the same checks, roots and errors; the
//! backend-neutral parts are the SQLite store's own functions
//! (`sqlite::versions`).

use super::{PgStore, hash_of, now_rfc3339};
use crate::core::commitment::SnapshotRoots;
use crate::core::merkle::{Hash, InclusionProof, MerkleRoot, empty_root};
use crate::core::registry::{Entity, Registries, RegistryKind};
use crate::store::snapshots::checked_stream;
use crate::store::sqlite::delta::{EntityMerge, GROUP, PUMP, check_rebuilt};
use crate::store::sqlite::stream::{EntityRuns, entity_proofs, named_in_chunks};
use crate::store::sqlite::versions::{
    check_loaded, check_unmoved, decode_version, encode_version, kind_index, snapshot_info,
};
use crate::store::{CommitOutcome, EntityRunVisitor, SnapshotInfo, StoreError};
use postgres::{GenericClient, Row, Transaction};
use std::collections::BTreeSet;

const SNAPSHOT_SQL: &str = "SELECT s.id, s.digest, s.created_at, s.note,
    s.items_v, s.entities_v, s.officers_v, s.recusals_v,
    vi.root, vi.size, ve.root, ve.size, vo.root, vo.size, vr.root, vr.size
    FROM snapshots s
    JOIN registry_versions vi ON vi.id = s.items_v
    JOIN registry_versions ve ON ve.id = s.entities_v
    JOIN registry_versions vo ON vo.id = s.officers_v
    JOIN registry_versions vr ON vr.id = s.recusals_v";

/// The root of an empty registry.
fn empty() -> MerkleRoot {
    MerkleRoot {
        hash: empty_root(),
        size: 0,
    }
}

fn read_snapshot(row: &Row) -> Result<SnapshotInfo, StoreError> {
    let mut versions = [0i64; 4];
    for (i, v) in versions.iter_mut().enumerate() {
        *v = row.try_get(4 + i)?;
    }
    let mut roots: [(Vec<u8>, i64); 4] = Default::default();
    for (i, r) in roots.iter_mut().enumerate() {
        *r = (row.try_get(8 + 2 * i)?, row.try_get(9 + 2 * i)?);
    }
    let digest: Vec<u8> = row.try_get(1)?;
    Ok(snapshot_info(
        row.try_get(0)?,
        &digest,
        row.try_get(2)?,
        row.try_get(3)?,
        versions,
        &roots,
    ))
}

/// The newest snapshot, if any.
fn latest(c: &mut impl GenericClient) -> Result<Option<SnapshotInfo>, StoreError> {
    let sql = format!("{SNAPSHOT_SQL} ORDER BY s.id DESC LIMIT 1");
    c.query_opt(&sql, &[])?
        .as_ref()
        .map(read_snapshot)
        .transpose()
}

/// Snapshot `id`, if there is one.
fn snapshot_in(c: &mut impl GenericClient, id: u64) -> Result<Option<SnapshotInfo>, StoreError> {
    let sql = format!("{SNAPSHOT_SQL} WHERE s.id = $1");
    c.query_opt(&sql, &[&(id as i64)])?
        .as_ref()
        .map(read_snapshot)
        .transpose()
}

/// Refuses a commit of `kind` derived from snapshot `base` when the current
/// snapshot holds other content of `kind` (compared by root), as the SQLite
/// workspace's `check_base`.
fn check_base(
    c: &mut impl GenericClient,
    kind: RegistryKind,
    base: Option<u64>,
    current: Option<&SnapshotInfo>,
) -> Result<(), StoreError> {
    let was = match base {
        Some(id) => snapshot_in(c, id)?
            .ok_or(StoreError::NoSnapshot(id))?
            .roots
            .get(kind),
        None => empty(),
    };
    check_unmoved(kind, was, current)
}

/// The next id of `table` (inside a write: the writer lock makes it safe).
fn next_id(tx: &mut impl GenericClient, table: &str) -> Result<i64, StoreError> {
    let sql = format!("SELECT coalesce(max(id), 0) + 1 FROM {table}");
    Ok(tx.query_one(&sql, &[])?.try_get(0)?)
}

/// Inserts version `id` of registry `kind` with `root` and `size`.
fn insert_version(
    tx: &mut impl GenericClient,
    kind: RegistryKind,
    root: &Hash,
    size: i64,
    now: &str,
) -> Result<i64, StoreError> {
    let id = next_id(tx, "registry_versions")?;
    tx.execute(
        "INSERT INTO registry_versions(id, kind, root, size, created_at) VALUES ($1, $2, $3, $4, $5)",
        &[&id, &kind.token(), &root.0.as_slice(), &size, &now],
    )?;
    Ok(id)
}

/// An empty version of `kind` (the first commit's other registries).
fn empty_version(
    tx: &mut impl GenericClient,
    kind: RegistryKind,
    now: &str,
) -> Result<i64, StoreError> {
    insert_version(tx, kind, &empty_root(), 0, now)
}

/// Stores chunks `(seq, data)` of `version`, streamed with `COPY … FROM
/// STDIN (FORMAT binary)` (the driver's binary copy writer): one round trip
/// for a whole registry, the chunks never all in one statement. The
/// table's triggers and keys apply as to an INSERT.
fn store_chunks(
    tx: &mut impl GenericClient,
    version: i64,
    chunks: Vec<(i64, Vec<u8>)>,
) -> Result<(), StoreError> {
    use postgres::binary_copy::BinaryCopyInWriter;
    use postgres::types::Type;
    if chunks.is_empty() {
        return Ok(());
    }
    let sink = tx.copy_in("COPY registry_chunks(version, seq, data) FROM STDIN (FORMAT binary)")?;
    let mut w = BinaryCopyInWriter::new(sink, &[Type::INT8, Type::INT8, Type::BYTEA]);
    for (seq, data) in chunks {
        w.write(&[&version, &seq, &data])?;
    }
    w.finish()?;
    Ok(())
}

/// Up to [`GROUP`] chunks of `version` from `seq` on, in order: the seq past
/// the last one read and their data (none: the version's end).
fn chunk_group(
    c: &mut impl GenericClient,
    version: i64,
    seq: i64,
) -> Result<(i64, Vec<Vec<u8>>), StoreError> {
    let rows = c.query(
        "SELECT seq, data FROM registry_chunks WHERE version = $1 AND seq >= $2 ORDER BY seq LIMIT $3",
        &[&version, &seq, &(GROUP as i64)],
    )?;
    let mut next = seq;
    let mut blobs = Vec::with_capacity(rows.len());
    for r in rows {
        next = r.try_get::<_, i64>(0)? + 1;
        blobs.push(r.try_get(1)?);
    }
    Ok((next, blobs))
}

/// Inserts a snapshot of `versions` with `roots`; its id.
fn insert_snapshot(
    tx: &mut impl GenericClient,
    roots: &SnapshotRoots,
    versions: &[i64; 4],
    note: &str,
    now: &str,
) -> Result<i64, StoreError> {
    let digest = roots.digest();
    let sid = next_id(tx, "snapshots")?;
    tx.execute(
        "INSERT INTO snapshots(id, digest, created_at, note, items_v, entities_v, officers_v, recusals_v)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        &[
            &sid,
            &digest.0.as_slice(),
            &now,
            &note,
            &versions[0],
            &versions[1],
            &versions[2],
            &versions[3],
        ],
    )?;
    Ok(sid)
}

impl PgStore {
    /// The newest snapshot, if any import was made.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn current_snapshot(&self) -> Result<Option<SnapshotInfo>, StoreError> {
        latest(&mut *self.client()?)
    }

    /// Snapshot `id`.
    ///
    /// # Errors
    /// [`StoreError::NoSnapshot`].
    pub fn snapshot(&self, id: u64) -> Result<SnapshotInfo, StoreError> {
        snapshot_in(&mut *self.client()?, id)?.ok_or(StoreError::NoSnapshot(id))
    }

    /// Every snapshot, oldest first.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn snapshots(&self) -> Result<Vec<SnapshotInfo>, StoreError> {
        let sql = format!("{SNAPSHOT_SQL} ORDER BY s.id");
        let rows = self.client()?.query(&sql, &[])?;
        rows.iter().map(read_snapshot).collect()
    }

    /// The newest snapshot with `digest`, if any.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn snapshot_by_digest(&self, digest: &Hash) -> Result<Option<SnapshotInfo>, StoreError> {
        let sql = format!("{SNAPSHOT_SQL} WHERE s.digest = $1 ORDER BY s.id DESC LIMIT 1");
        let row = self.client()?.query_opt(&sql, &[&digest.0.as_slice()])?;
        row.as_ref().map(read_snapshot).transpose()
    }

    /// Loads the given registries of a snapshot (the others stay empty), and
    /// checks each against its recorded root.
    ///
    /// # Errors
    /// [`StoreError::RootMismatch`] if the stored records no longer give the
    /// recorded root; [`StoreError::Damaged`] if they do not decode.
    pub fn load_kinds(
        &self,
        snap: &SnapshotInfo,
        kinds: &[RegistryKind],
    ) -> Result<Registries, StoreError> {
        let mut reg = Registries::default();
        for &k in kinds {
            let version = snap.versions[kind_index(k)];
            let rows = self.client()?.query(
                "SELECT data FROM registry_chunks WHERE version = $1 ORDER BY seq",
                &[&version],
            )?;
            let chunks: Vec<Vec<u8>> = rows
                .into_iter()
                .map(|r| r.try_get(0))
                .collect::<Result<_, _>>()?;
            decode_version(k, version, &chunks, &mut reg)?;
            drop(chunks);
            check_loaded(&reg, k, snap, &self.key)?;
        }
        Ok(reg)
    }

    /// Hands every entity of `snap` to `f` run by run (one stored chunk,
    /// with the index of its first entity) in stored (USCC) order, reading
    /// a few chunks at a time, and returns the proofs of leaves `targets`;
    /// the entities' root must be the snapshot's.
    ///
    /// # Errors
    /// [`StoreError::Damaged`], [`StoreError::RootMismatch`] (after the last
    /// entity), [`StoreError::Backend`] for a target past the end, or what
    /// `f` returns.
    pub fn stream_entity_runs(
        &self,
        snap: &SnapshotInfo,
        targets: &[u64],
        f: &mut EntityRunVisitor<'_>,
    ) -> Result<Vec<InclusionProof>, StoreError> {
        let mut runs = EntityRuns::new(snap, targets, &self.key)?;
        let version = runs.version();
        let mut seq = 0i64;
        loop {
            // The connection is released before `f` runs.
            let (next, blobs) = chunk_group(&mut *self.client()?, version, seq)?;
            if blobs.is_empty() {
                break;
            }
            let full = blobs.len() == GROUP;
            runs.feed(&blobs, f)?;
            if !full {
                break;
            }
            seq = next;
        }
        runs.finish()
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
        named: crate::store::Named<'_>,
    ) -> Result<Vec<Entity>, StoreError> {
        let version = snap.versions[kind_index(RegistryKind::Entities)];
        let mut out = Vec::new();
        let mut seq = 0i64;
        loop {
            let (next, blobs) = chunk_group(&mut *self.client()?, version, seq)?;
            out.extend(named_in_chunks(&blobs, version, named)?);
            if blobs.len() < GROUP {
                return Ok(out);
            }
            seq = next;
        }
    }

    /// The entities of `snap` at `indices` and their inclusion proofs, in
    /// the order asked, from one streamed pass.
    ///
    /// # Errors
    /// As [`PgStore::stream_entity_runs`].
    pub fn stream_entity_proofs(
        &self,
        snap: &SnapshotInfo,
        indices: &[u64],
    ) -> Result<Vec<(Entity, InclusionProof)>, StoreError> {
        entity_proofs(snap, indices, |wanted, f| {
            self.stream_entity_runs(snap, wanted, f)
        })
    }

    /// Stores registry `kind` of `reg` (sorted, unique keys) as a new version
    /// and makes a new snapshot, unless its root equals the current one.
    ///
    /// # Errors
    /// [`StoreError::Backend`]; nothing is written on error.
    pub fn commit(
        &mut self,
        kind: RegistryKind,
        reg: &Registries,
        note: &str,
    ) -> Result<CommitOutcome, StoreError> {
        self.commit_inner(kind, reg, note, None)
    }

    /// [`PgStore::commit`] for content derived from snapshot `base` (`None`:
    /// from the empty store): refused with [`StoreError::Conflict`] if `kind`
    /// changed since `base`, checked again under the writer lock.
    ///
    /// # Errors
    /// As [`PgStore::commit`], and the conflict above.
    pub fn commit_based(
        &mut self,
        kind: RegistryKind,
        reg: &Registries,
        note: &str,
        base: Option<u64>,
    ) -> Result<CommitOutcome, StoreError> {
        self.commit_inner(kind, reg, note, Some(base))
    }

    fn commit_inner(
        &mut self,
        kind: RegistryKind,
        reg: &Registries,
        note: &str,
        base: Option<Option<u64>>,
    ) -> Result<CommitOutcome, StoreError> {
        let (root, chunks) = encode_version(reg, kind, &self.key);
        let current = self.current_snapshot()?;
        if let Some(base) = base {
            check_base(&mut *self.client()?, kind, base, current.as_ref())?;
        }
        let base_root = current.as_ref().map_or(empty(), |s| s.roots.get(kind));
        if root == base_root {
            return Ok(CommitOutcome::Unchanged { snapshot: current });
        }
        let now = now_rfc3339();
        let sid = self.write(|tx| {
            // Re-read inside the write lock: another writer may have committed.
            let now_current = latest(tx)?;
            if let Some(base) = base {
                check_base(tx, kind, base, now_current.as_ref())?;
            }
            let mut versions = [0i64; 4];
            let mut roots = SnapshotRoots {
                items: base_root,
                entities: base_root,
                officers: base_root,
                recusals: base_root,
            };
            for k in RegistryKind::ALL {
                let v = match &now_current {
                    Some(l) => l.versions[kind_index(k)],
                    None => empty_version(tx, k, &now)?,
                };
                versions[kind_index(k)] = v;
                let row = tx.query_one(
                    "SELECT root, size FROM registry_versions WHERE id = $1",
                    &[&v],
                )?;
                let h: Vec<u8> = row.try_get(0)?;
                let size: i64 = row.try_get(1)?;
                roots.set(
                    k,
                    MerkleRoot {
                        hash: hash_of(&h),
                        size: size as u64,
                    },
                );
            }
            let vid = insert_version(tx, kind, &root.hash, root.size as i64, &now)?;
            store_chunks(
                tx,
                vid,
                chunks
                    .into_iter()
                    .enumerate()
                    .map(|(i, c)| (i as i64, c))
                    .collect(),
            )?;
            versions[kind_index(kind)] = vid;
            roots.set(kind, root);
            insert_snapshot(tx, &roots, &versions, note, &now)
        })?;
        Ok(CommitOutcome::NewSnapshot {
            snapshot: self.snapshot(sid as u64)?,
        })
    }

    /// Merges an update of the entities into a new version and snapshot,
    /// streaming the stored version a few chunks at a time: `upserts`
    /// (sorted by USCC, distinct) added or replacing the stored entity of
    /// the same USCC, `removals` (USCCs) left out; `visit` sees every entity
    /// of the new version in order. Based on snapshot `base` as
    /// [`PgStore::commit_based`], and, like it, nothing new when the content
    /// is unchanged. The new version's row is written first as pending
    /// (size -1), then set once to its root and size.
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

    /// Replaces the entities with `sorted` (by USCC, distinct: a stream out
    /// of order is refused) as a new version and snapshot, its chunks
    /// written as the stream arrives; as [`crate::store::Workspace`]'s
    /// `commit_entity_stream`. The stream's first error is returned and
    /// nothing is written.
    ///
    /// # Errors
    /// As [`PgStore::commit_entity_delta`], and the stream's errors.
    pub fn commit_entity_stream(
        &mut self,
        base: Option<u64>,
        sorted: &mut dyn Iterator<Item = Result<Entity, StoreError>>,
        note: &str,
        visit: &mut dyn FnMut(&Entity),
    ) -> Result<CommitOutcome, StoreError> {
        let key = self.key.clone();
        let failed = std::cell::RefCell::new(None);
        let merge = EntityMerge::replacing(checked_stream(sorted, &failed), &key);
        self.commit_merge(base, merge, note, visit, Some(&failed))
    }

    fn commit_merge(
        &mut self,
        base: Option<u64>,
        merge: EntityMerge<'_>,
        note: &str,
        visit: &mut dyn FnMut(&Entity),
        failed: Option<&std::cell::RefCell<Option<StoreError>>>,
    ) -> Result<CommitOutcome, StoreError> {
        let kind = RegistryKind::Entities;
        let now = now_rfc3339();
        let made = self.write(|tx| {
            let current = latest(tx)?;
            check_base(tx, kind, base, current.as_ref())?;
            // In a savepoint: an unchanged registry rolls the version back.
            let mut sp = tx.transaction()?;
            let made = merge_into(&mut sp, merge, current.as_ref(), note, &now, visit, failed)?;
            match made {
                Some(_) => sp.commit()?,
                None => sp.rollback()?,
            }
            Ok(made.ok_or(current))
        })?;
        match made {
            Ok(sid) => Ok(CommitOutcome::NewSnapshot {
                snapshot: self.snapshot(sid as u64)?,
            }),
            Err(current) => Ok(CommitOutcome::Unchanged { snapshot: current }),
        }
    }

    /// USCCs accepted as legacy codes in this bureau.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn accepted_legacy(&self) -> Result<BTreeSet<String>, StoreError> {
        let rows = self.client()?.query("SELECT code FROM legacy_uscc", &[])?;
        rows.iter()
            .map(|r| r.try_get::<_, String>(0).map_err(StoreError::from))
            .collect()
    }

    /// Remembers legacy USCCs accepted knowingly, so later imports accept them.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn accept_legacy(&mut self, codes: &BTreeSet<String>) -> Result<(), StoreError> {
        self.write(|tx| {
            for c in codes {
                tx.execute(
                    "INSERT INTO legacy_uscc(code) VALUES ($1) ON CONFLICT DO NOTHING",
                    &[c],
                )?;
            }
            Ok(())
        })
    }
}

/// The streamed merge of [`PgStore::commit_entity_delta`] inside its write:
/// the new snapshot's id, or `None` when the entities are unchanged.
fn merge_into(
    tx: &mut Transaction<'_>,
    mut merge: EntityMerge<'_>,
    current: Option<&SnapshotInfo>,
    note: &str,
    now: &str,
    visit: &mut dyn FnMut(&Entity),
    failed: Option<&std::cell::RefCell<Option<StoreError>>>,
) -> Result<Option<i64>, StoreError> {
    let kind = RegistryKind::Entities;
    let base_root = current.map_or(empty(), |s| s.roots.get(kind));
    let old_version = current.map(|s| s.versions[kind_index(kind)]);
    let version = insert_version(tx, kind, &Hash([0; 32]), -1, now)?;
    if merge.replaces() {
        while merge.pump(PUMP, visit) {
            store_chunks(tx, version, merge.take_ready())?;
        }
    } else if let Some(old) = old_version {
        let mut seq = 0i64;
        loop {
            let (next, blobs) = chunk_group(tx, old, seq)?;
            if blobs.is_empty() {
                break;
            }
            let full = blobs.len() == GROUP;
            merge.feed(&blobs, old, visit)?;
            drop(blobs);
            store_chunks(tx, version, merge.take_ready())?;
            if !full {
                break;
            }
            seq = next;
        }
    }
    let replaces = merge.replaces();
    let (root, was, last) = merge.finish(visit);
    if let Some(e) = failed.and_then(|f| f.borrow_mut().take()) {
        return Err(e);
    }
    store_chunks(tx, version, last)?;
    if !replaces {
        check_rebuilt(was, base_root, current)?;
    }
    if root == base_root {
        return Ok(None);
    }
    tx.execute(
        "UPDATE registry_versions SET root = $1, size = $2 WHERE id = $3",
        &[&root.hash.0.as_slice(), &(root.size as i64), &version],
    )?;
    let mut versions = [0i64; 4];
    let mut roots = current.map_or(
        SnapshotRoots {
            items: empty(),
            entities: empty(),
            officers: empty(),
            recusals: empty(),
        },
        |s| s.roots,
    );
    for k in RegistryKind::ALL {
        versions[kind_index(k)] = match current {
            Some(s) => s.versions[kind_index(k)],
            None => empty_version(tx, k, now)?,
        };
    }
    versions[kind_index(kind)] = version;
    roots.set(kind, root);
    insert_snapshot(tx, &roots, &versions, note, now).map(Some)
}
