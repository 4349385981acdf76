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

/// [`prove_record`] for an entity, streaming the registry: its leaf hashes
/// (32 bytes per entity) rather than the entities themselves are kept.
fn prove_entity<S: Store + ?Sized>(
    store: &S,
    snap: &SnapshotInfo,
    key: &str,
    sref: crate::core::record_proof::SnapshotRef,
    open: bool,
) -> Result<Option<RecordProof>, StoreError> {
    use crate::core::canonical::Encoder;
    use crate::core::commitment::encode_entity_leaf;
    use crate::core::merkle::{MerkleTree, leaf_hash};
    let wanted = key.trim().to_ascii_uppercase();
    let salt = store.salt_key();
    let mut hashes = Vec::new();
    let mut found = None;
    let mut enc = Encoder::with_capacity(512);
    store.for_each_entity(snap, &mut |e| {
        if e.uscc.as_str() == wanted {
            found = Some((hashes.len() as u64, e.clone()));
        }
        enc.clear();
        encode_entity_leaf(e, salt, &mut enc);
        hashes.push(leaf_hash(enc.as_bytes()));
        Ok(())
    })?;
    let Some((index, e)) = found else {
        return Ok(None);
    };
    let path = MerkleTree::from_leaf_hashes(hashes)
        .prove(index)
        .map(|p| p.path);
    Ok(path.map(|p| RecordProof::of_entity(&e, index, p, sref, salt, open)))
}
