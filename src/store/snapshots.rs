//! Snapshots (版本快照) from any [`Store`]: choosing one, finding the one a
//! published proof is about, its public snapshot, and a record's inclusion
//! proof (记录证明).

use super::{SnapshotInfo, Store, StoreError};
use crate::core::record_proof::{RecordProof, SnapshotRef};
use crate::core::registry::RegistryKind;
use crate::core::snapshot::PublicSnapshot;

/// Snapshot `id`, or the newest when `id` is `None` (`None` before the first
/// commit).
///
/// # Errors
/// [`StoreError::NoSnapshot`] for an unknown id.
pub fn snapshot_or_current<S: Store + ?Sized>(
    store: &S,
    id: Option<u64>,
) -> Result<Option<SnapshotInfo>, StoreError> {
    match id {
        Some(id) => store.snapshot(id).map(Some),
        None => store.current_snapshot(),
    }
}

/// The store's snapshot a published proof is about (已知快照): the one it
/// names if that one has its digest, else the newest with that digest.
///
/// # Errors
/// [`StoreError`] for an unreadable store.
pub fn known_snapshot<S: Store + ?Sized>(
    store: &S,
    snap: &SnapshotRef,
) -> Result<Option<u64>, StoreError> {
    let digest = snap.roots.digest();
    let all = store.snapshots()?;
    Ok(all
        .iter()
        .find(|s| s.id == snap.id && s.digest == digest)
        .or_else(|| all.iter().rev().find(|s| s.digest == digest))
        .map(|s| s.id))
}

fn reference(snap: &SnapshotInfo) -> SnapshotRef {
    SnapshotRef {
        id: snap.id,
        digest: snap.digest,
        roots: snap.roots,
    }
}

/// The public snapshot (公开快照) of `snap`: public fields and commitments,
/// what a public verification needs.
///
/// # Errors
/// [`StoreError`] for a damaged store.
pub fn public_snapshot<S: Store + ?Sized>(
    store: &S,
    snap: &SnapshotInfo,
) -> Result<PublicSnapshot, StoreError> {
    let reg = store.load(snap)?;
    Ok(PublicSnapshot::of(&reg, store.salt_key(), reference(snap)))
}

/// The registries a streamed pass loads whole: all but the entities.
pub(super) const NOT_ENTITIES: [RegistryKind; 3] = [
    RegistryKind::Items,
    RegistryKind::Officers,
    RegistryKind::Recusals,
];

/// Hands the entities of `snap` to a pass of the core
/// ([`crate::core::sample::EntityRuns`]) run by run.
///
/// # Errors
/// The store's.
pub(super) fn entity_runs<S: Store + ?Sized>(
    store: &S,
    snap: &SnapshotInfo,
    f: &mut dyn FnMut(usize, &[crate::core::registry::Entity]),
) -> Result<(), StoreError> {
    store.for_each_entity_run(snap, &mut |first, run| {
        f(first, run);
        Ok(())
    })
}

/// The entities of `snap` at `indices` with their inclusion proofs
/// ([`Store::entity_proofs`] for a core pass's `usize` indices).
///
/// # Errors
/// The store's.
pub(super) fn entities_at<S: Store + ?Sized>(
    store: &S,
    snap: &SnapshotInfo,
    indices: &[usize],
) -> Result<
    Vec<(
        crate::core::registry::Entity,
        crate::core::merkle::InclusionProof,
    )>,
    StoreError,
> {
    let wanted: Vec<u64> = indices.iter().map(|&i| i as u64).collect();
    store.entity_proofs(snap, &wanted)
}

/// Writes the public snapshot (公开快照) of `snap` to `w` in `format` while its
/// entities stream from the store (JSON: the bytes of `serde_json::to_string` of
/// [`public_snapshot`]'s value), handing each entity to `visit` on the
/// way; the snapshot is named `sref` (a draw's announcement names it), or
/// from the store. Memory is the other registries and a few stored chunks.
///
/// # Errors
/// The store's errors; the writer's as [`StoreError::Backend`]. What was
/// written before an error is not a snapshot: write to a temporary file.
pub fn write_public_snapshot<S: Store + ?Sized>(
    store: &S,
    snap: &SnapshotInfo,
    sref: Option<SnapshotRef>,
    format: crate::core::snapshot::SnapshotFormat,
    w: &mut dyn std::io::Write,
    visit: &mut dyn FnMut(&crate::core::registry::Entity),
) -> Result<(), StoreError> {
    use crate::core::snapshot::{SnapshotFormat, compact::CompactWriter};
    let io = |e: std::io::Error| StoreError::Backend(Box::new(e));
    let reg = store.load_kinds(snap, &NOT_ENTITIES)?;
    let sref = sref.unwrap_or_else(|| reference(snap));
    match format {
        SnapshotFormat::Json => {
            let mut sw =
                crate::core::snapshot::PublicSnapshotWriter::start(w, &reg, store.salt_key(), sref)
                    .map_err(io)?;
            store.for_each_committed_run(snap, &mut |r| {
                r.entities.iter().for_each(&mut *visit);
                sw.entities_committed(r.entities, r.commitments).map_err(io)
            })?;
            sw.finish().map_err(io)?;
        }
        SnapshotFormat::Compact => {
            // The leaf hashes and commitments the stream made to check the
            // root are the public records' (COMMITMENTS §8): not made twice.
            let mut sw = CompactWriter::start(w, &reg, store.salt_key(), sref).map_err(io)?;
            store.for_each_committed_run(snap, &mut |r| {
                r.entities.iter().for_each(&mut *visit);
                sw.entities_committed(r.entities, r.leaves, r.commitments)
                    .map_err(io)
            })?;
            sw.finish().map_err(io)?;
        }
    }
    Ok(())
}

/// The inclusion proof (记录证明) of record `key` in `snap`: in registry
/// `kind`, or, without one, among entities for a USCC and else among
/// officers, then items. `open` reveals the committed credit class.
/// `None` when no such record exists.
///
/// # Errors
/// [`StoreError`] for a damaged store.
pub fn prove_record<S: Store + ?Sized>(
    store: &S,
    snap: &SnapshotInfo,
    kind: Option<RegistryKind>,
    key: &str,
    open: bool,
) -> Result<Option<RecordProof>, StoreError> {
    let kinds: Vec<RegistryKind> = match kind {
        Some(k) => vec![k],
        None if crate::core::uscc::Uscc::accept_legacy(key).is_ok() => {
            vec![RegistryKind::Entities]
        }
        None => vec![RegistryKind::Officers, RegistryKind::Items],
    };
    let sref = reference(snap);
    if kinds == [RegistryKind::Entities] {
        return prove_entity(store, snap, key, sref, open);
    }
    let reg = store.load_kinds(snap, &kinds)?;
    Ok(kinds
        .iter()
        .find_map(|k| RecordProof::make(&reg, *k, key, sref.clone(), store.salt_key(), open)))
}

/// [`prove_record`] for an entity, streaming the registry twice: its
/// position, then its inclusion proof from the leaves as they pass
/// ([`Store::entity_proofs`]); memory is one stored chunk and the path.
fn prove_entity<S: Store + ?Sized>(
    store: &S,
    snap: &SnapshotInfo,
    key: &str,
    sref: crate::core::record_proof::SnapshotRef,
    open: bool,
) -> Result<Option<RecordProof>, StoreError> {
    let wanted = key.trim().to_ascii_uppercase();
    let mut index = None;
    store.for_each_entity_run(snap, &mut |first, run| {
        if let Ok(pos) = run.binary_search_by(|e| e.uscc.as_str().cmp(wanted.as_str())) {
            index = Some((first + pos) as u64);
        }
        Ok(())
    })?;
    let Some(index) = index else {
        return Ok(None);
    };
    let Some((e, proof)) = store.entity_proofs(snap, &[index])?.pop() else {
        return Ok(None);
    };
    Ok(Some(RecordProof::of_entity(
        &e,
        index,
        proof.path,
        sref,
        store.salt_key(),
        open,
    )))
}

/// `sorted` as a replacing merge takes it: the stream's first error, or its
/// first entity not above the one before (by USCC bytes), ends it and is
/// kept in `failed` for the backend to return.
pub(crate) fn checked_stream<'a>(
    sorted: &'a mut dyn Iterator<Item = Result<crate::core::registry::Entity, StoreError>>,
    failed: &'a std::cell::RefCell<Option<StoreError>>,
) -> Box<dyn Iterator<Item = crate::core::registry::Entity> + 'a> {
    let mut last: Option<crate::core::uscc::Uscc> = None;
    Box::new(sorted.map_while(move |r| match r {
        Ok(e) => {
            if let Some(l) = last.as_ref().filter(|l| l.as_bytes() >= e.uscc.as_bytes()) {
                *failed.borrow_mut() = Some(out_of_order(l, &e.uscc));
                return None;
            }
            last = Some(e.uscc.clone());
            Some(e)
        }
        Err(e) => {
            *failed.borrow_mut() = Some(e);
            None
        }
    }))
}

/// Entities given out of USCC order, or one USCC twice, where a commit
/// needs them sorted and distinct: `after` came after `before`.
pub(crate) fn out_of_order(
    before: &crate::core::uscc::Uscc,
    after: &crate::core::uscc::Uscc,
) -> StoreError {
    StoreError::Backend(
        format!(
            "entities must be sorted by USCC and distinct: {} came after {}",
            after.as_str(),
            before.as_str()
        )
        .into(),
    )
}
