//! Registry versions and snapshots as stored, the pieces that touch no SQL:
//! a snapshot row read into a [`SnapshotInfo`], a version's chunks encoded
//! and decoded, a loaded registry checked against its recorded root, and the
//! base check of a read-modify-write. Shared by the SQLite workspace and the
//! PostgreSQL store (`store::postgres`), so both store and refuse alike.

use super::codec;
use crate::core::canonical::DecodeError;
use crate::core::commitment::{SaltKey, SnapshotRoots, registry_root};
use crate::core::merkle::{Hash, MerkleRoot, empty_root};
use crate::core::registry::{Registries, RegistryKind};
use crate::par::*;
use crate::store::{SnapshotInfo, StoreError};

/// A registry's place in a snapshot's `versions` (items, entities, officers,
/// recusals).
pub(crate) fn kind_index(kind: RegistryKind) -> usize {
    match kind {
        RegistryKind::Items => 0,
        RegistryKind::Entities => 1,
        RegistryKind::Officers => 2,
        RegistryKind::Recusals => 3,
    }
}

/// A snapshot as stored: its row's columns and its four versions' roots and
/// sizes (items, entities, officers, recusals); a column of another length
/// than 32 reads as zeros, which the schemas never store.
pub(crate) fn snapshot_info(
    id: i64,
    digest: &[u8],
    created_at: String,
    note: String,
    versions: [i64; 4],
    roots: &[(Vec<u8>, i64); 4],
) -> SnapshotInfo {
    let h = |b: &[u8]| {
        let mut a = [0u8; 32];
        if b.len() == 32 {
            a.copy_from_slice(b);
        }
        Hash(a)
    };
    let root_at = |(hash, size): &(Vec<u8>, i64)| MerkleRoot {
        hash: h(hash),
        size: *size as u64,
    };
    let [items, entities, officers, recusals] = roots;
    SnapshotInfo {
        id: id as u64,
        digest: h(digest),
        roots: SnapshotRoots {
            items: root_at(items),
            entities: root_at(entities),
            officers: root_at(officers),
            recusals: root_at(recusals),
        },
        created_at,
        note,
        versions,
    }
}

/// Decodes version `version` of registry `kind` from its stored chunks (in
/// order) into `into`, the chunks side by side.
///
/// # Errors
/// [`StoreError::Damaged`] if a record does not decode.
pub(crate) fn decode_version(
    kind: RegistryKind,
    version: i64,
    chunks: &[Vec<u8>],
    into: &mut Registries,
) -> Result<(), StoreError> {
    let damaged = |source| StoreError::Damaged {
        kind,
        version,
        source,
    };
    fn decode_all<T: Send>(
        chunks: &[Vec<u8>],
        f: fn(&[u8]) -> Result<T, DecodeError>,
    ) -> Result<Vec<T>, DecodeError> {
        let parts: Vec<Vec<T>> = chunks
            .par_iter()
            .map(|c| {
                let mut v = Vec::new();
                codec::unchunk(c, f, &mut v).map(|_| v)
            })
            .collect::<Result<_, _>>()?;
        Ok(parts.into_iter().flatten().collect())
    }
    match kind {
        RegistryKind::Items => {
            into.items = decode_all(chunks, codec::decode_item).map_err(damaged)?
        }
        RegistryKind::Entities => {
            into.entities = decode_all(chunks, codec::decode_entity).map_err(damaged)?
        }
        RegistryKind::Officers => {
            into.officers = decode_all(chunks, codec::decode_officer).map_err(damaged)?
        }
        RegistryKind::Recusals => {
            into.recusals = decode_all(chunks, codec::decode_recusal).map_err(damaged)?
        }
    }
    Ok(())
}

/// Checks a loaded registry `kind` of `reg` against the root `snap` records.
///
/// # Errors
/// [`StoreError::RootMismatch`].
pub(crate) fn check_loaded(
    reg: &Registries,
    kind: RegistryKind,
    snap: &SnapshotInfo,
    key: &SaltKey,
) -> Result<(), StoreError> {
    let got = registry_root(reg, kind, key);
    let expected = snap.roots.get(kind);
    if got != expected {
        return Err(StoreError::RootMismatch {
            kind,
            snapshot: snap.id,
            expected: expected.hash,
            got: got.hash,
        });
    }
    Ok(())
}

/// Refuses a commit of `kind` derived from a base whose `kind` had root
/// `was` (the empty root for no base) when the current snapshot holds
/// other content of `kind` (compared by root).
///
/// # Errors
/// [`StoreError::Conflict`] ([`crate::store::Conflict::RegistryMoved`]).
pub(crate) fn check_unmoved(
    kind: RegistryKind,
    was: MerkleRoot,
    current: Option<&SnapshotInfo>,
) -> Result<(), StoreError> {
    let empty = MerkleRoot {
        hash: empty_root(),
        size: 0,
    };
    let now = current.map(|c| c.roots.get(kind)).unwrap_or(empty);
    if was == now {
        return Ok(());
    }
    let by = current
        .map(|c| format!("snapshot {} ({})", c.id, c.note))
        .unwrap_or_default();
    Err(StoreError::Conflict(
        crate::store::Conflict::RegistryMoved {
            kind: kind.to_string(),
            by,
        },
    ))
}

/// Registry `kind` of `reg` as a new version: its root and its chunks.
pub(crate) fn encode_version(
    reg: &Registries,
    kind: RegistryKind,
    key: &SaltKey,
) -> (MerkleRoot, Vec<Vec<u8>>) {
    crate::par::join(
        || registry_root(reg, kind, key),
        || match kind {
            RegistryKind::Items => codec::chunks(&reg.items, codec::encode_item),
            RegistryKind::Entities => codec::chunks(&reg.entities, codec::encode_entity),
            RegistryKind::Officers => codec::chunks(&reg.officers, codec::encode_officer),
            RegistryKind::Recusals => codec::chunks(&reg.recusals, codec::encode_recusal),
        },
    )
}
