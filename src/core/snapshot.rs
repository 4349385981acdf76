//! Public snapshots (`dualdraw registry export --public`): every public field
//! of a registry snapshot and the commitments standing for the confidential
//! ones. It reproduces the four roots, so anyone holding it can re-check a
//! draw's pool without learning a credit class or a recusal.

use crate::core::commitment::{
    PublicEntity, PublicRecusal, SaltKey, SnapshotRoots, item_leaf, officer_leaf,
};
use crate::core::merkle::{MerkleRoot, root_parallel};
use crate::core::record_proof::SnapshotRef;
use crate::core::registry::{Item, Officer, Registries};
use crate::par::*;
use serde::{Deserialize, Serialize};

/// Format tag of a public snapshot.
pub const PUBLIC_SNAPSHOT_FORMAT: &str = "dualdraw-public-snapshot-v1";

/// A public snapshot (公开快照).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicSnapshot {
    /// [`PUBLIC_SNAPSHOT_FORMAT`].
    pub format: String,
    /// The snapshot it is.
    pub snapshot: SnapshotRef,
    /// Items, by code.
    pub items: Vec<Item>,
    /// Entities' public views, by USCC.
    pub entities: Vec<PublicEntity>,
    /// Officers, by id.
    pub officers: Vec<Officer>,
    /// Recusals' commitments, in leaf order.
    pub recusals: Vec<PublicRecusal>,
}

/// Why a public snapshot (公开快照) is not what it claims.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("public snapshot: {0}")]
pub struct SnapshotError(pub String);

impl PublicSnapshot {
    /// The public snapshot of `reg`.
    pub fn of(reg: &Registries, key: &SaltKey, snapshot: SnapshotRef) -> Self {
        let mut recusals: Vec<PublicRecusal> = reg
            .recusals
            .par_iter()
            .map(|r| PublicRecusal::of(r, key))
            .collect();
        recusals.par_sort_unstable_by_key(|r| r.leaf());
        PublicSnapshot {
            format: PUBLIC_SNAPSHOT_FORMAT.into(),
            snapshot,
            items: reg.items.clone(),
            entities: reg
                .entities
                .par_iter()
                .map(|e| PublicEntity::of(e, key))
                .collect(),
            officers: reg.officers.clone(),
            recusals,
        }
    }

    /// Recomputes the four roots and checks them and the digest.
    ///
    /// # Errors
    /// [`SnapshotError`] naming the registry that differs.
    pub fn check(&self) -> Result<SnapshotRoots, SnapshotError> {
        if self.format != PUBLIC_SNAPSHOT_FORMAT {
            return Err(SnapshotError(format!(
                "format is {:?}, expected {PUBLIC_SNAPSHOT_FORMAT:?}",
                self.format
            )));
        }
        let root = |leaves: Vec<Vec<u8>>| MerkleRoot {
            size: leaves.len() as u64,
            hash: root_parallel(&leaves),
        };
        let roots = SnapshotRoots {
            items: root(self.items.iter().map(item_leaf).collect()),
            entities: root(self.entities.par_iter().map(PublicEntity::leaf).collect()),
            officers: root(self.officers.iter().map(officer_leaf).collect()),
            recusals: root(self.recusals.iter().map(PublicRecusal::leaf).collect()),
        };
        for k in crate::core::registry::RegistryKind::ALL {
            if roots.get(k) != self.snapshot.roots.get(k) {
                return Err(SnapshotError(format!(
                    "{k} give root {} ({} records), but the snapshot says {} ({} records)",
                    roots.get(k).hash,
                    roots.get(k).size,
                    self.snapshot.roots.get(k).hash,
                    self.snapshot.roots.get(k).size
                )));
            }
        }
        if roots.digest() != self.snapshot.digest {
            return Err(SnapshotError(format!(
                "digest {} differs from {}",
                roots.digest(),
                self.snapshot.digest
            )));
        }
        Ok(roots)
    }
}
