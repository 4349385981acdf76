//! Inclusion proofs of single records (`dualdraw registry prove` /
//! `verify-proof`): a record's public view, its place in a registry's Merkle
//! tree, the snapshot the tree belongs to, and optionally the opening of its
//! confidential value for the one party entitled to it.
//!
//! [`RecordProof::verify`] is the only way to obtain a [`VerifiedRecord`].

use crate::core::commitment::{
    PublicEntity, PublicRecusal, SaltKey, SnapshotRoots, confidential_commitment,
    credit_class_values, item_leaf, officer_leaf,
};
use crate::core::merkle::{Hash, InclusionProof, MerkleRoot, ProofError};
use crate::core::registry::vocab::CreditClass;
use crate::core::registry::{Item, Officer, Registries, RegistryKind};
use serde::{Deserialize, Serialize};

/// The format tag of a record proof.
pub const RECORD_PROOF_FORMAT: &str = "dualdraw-inclusion-v1";

/// The public view of one record (名录记录的公开信息), tagged with its
/// registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "registry", content = "record", rename_all = "snake_case")]
pub enum PublicRecord {
    /// An item.
    Items(Item),
    /// An entity (credit class as a commitment).
    Entities(PublicEntity),
    /// An officer.
    Officers(Officer),
    /// A recusal (two commitments).
    Recusals(PublicRecusal),
}

impl PublicRecord {
    /// Its registry.
    pub fn kind(&self) -> RegistryKind {
        match self {
            PublicRecord::Items(_) => RegistryKind::Items,
            PublicRecord::Entities(_) => RegistryKind::Entities,
            PublicRecord::Officers(_) => RegistryKind::Officers,
            PublicRecord::Recusals(_) => RegistryKind::Recusals,
        }
    }

    /// The canonical leaf bytes.
    pub fn leaf(&self) -> Vec<u8> {
        match self {
            PublicRecord::Items(i) => item_leaf(i),
            PublicRecord::Entities(e) => e.leaf(),
            PublicRecord::Officers(o) => officer_leaf(o),
            PublicRecord::Recusals(r) => r.leaf(),
        }
    }
}

/// The opening of a confidential value (保密数据的揭示): the value and its
/// salt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opening {
    /// The field (`credit_class`).
    pub field: String,
    /// The value's canonical token.
    pub value: String,
    /// The salt, hex.
    pub salt: Hash,
}

/// Which snapshot (快照) a proof is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotRef {
    /// Snapshot id in the workspace that made the proof.
    pub id: u64,
    /// Snapshot digest.
    pub digest: Hash,
    /// The four roots the digest is computed over.
    pub roots: SnapshotRoots,
}

impl SnapshotRef {
    /// The reference to snapshot `id` over `roots`, its digest computed
    /// ([`SnapshotRoots::digest`]) so that it cannot be set wrong.
    pub fn new(id: u64, roots: SnapshotRoots) -> Self {
        SnapshotRef {
            id,
            digest: roots.digest(),
            roots,
        }
    }
}

/// An inclusion proof of one record (名录记录包含证明), as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordProof {
    /// Always [`RECORD_PROOF_FORMAT`].
    pub format: String,
    /// The snapshot.
    pub snapshot: SnapshotRef,
    /// The record.
    #[serde(flatten)]
    pub record: PublicRecord,
    /// Leaf index in the registry's tree.
    pub index: u64,
    /// Audit path, leaf level first.
    pub path: Vec<Hash>,
    /// The opening of the record's confidential value, if disclosed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening: Option<Opening>,
}

/// What can be wrong with a record proof (名录记录包含证明错误).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordProofError {
    /// Not a proof of this format.
    #[error("format is {got:?}, expected {expected:?}")]
    Format {
        /// Expected format.
        expected: &'static str,
        /// Found.
        got: String,
    },
    /// The snapshot digest does not match the roots given with it.
    #[error("snapshot digest is {got}, but the roots given give {expected}")]
    SnapshotDigest {
        /// Digest of the roots.
        expected: Hash,
        /// Digest claimed.
        got: Hash,
    },
    /// The Merkle path does not lead to the registry's root.
    #[error("record is not in the {kind} tree: {source}")]
    Inclusion {
        /// Registry.
        kind: RegistryKind,
        /// Why.
        source: ProofError,
    },
    /// The record's public fields are malformed.
    #[error("record is malformed: {0}")]
    Record(String),
    /// The opening does not match the committed value.
    #[error("opening of {field} as {value:?} does not match the commitment {commitment}")]
    Opening {
        /// Field.
        field: String,
        /// Value claimed.
        value: String,
        /// Commitment in the record.
        commitment: Hash,
    },
    /// The snapshot is not the one expected.
    #[error("snapshot digest is {got}, expected {expected}")]
    UnexpectedSnapshot {
        /// Expected digest.
        expected: Hash,
        /// Found.
        got: Hash,
    },
}

/// A record whose inclusion (and opening, if any) was checked
/// (已核验的名录记录). Only [`RecordProof::verify`] makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedRecord {
    record: PublicRecord,
    root: MerkleRoot,
    snapshot_digest: Hash,
    index: u64,
    opened_class: Option<CreditClass>,
}

impl VerifiedRecord {
    /// The record.
    pub fn record(&self) -> &PublicRecord {
        &self.record
    }
    /// The registry root it is included in.
    pub fn root(&self) -> MerkleRoot {
        self.root
    }
    /// The snapshot digest that root belongs to.
    pub fn snapshot_digest(&self) -> Hash {
        self.snapshot_digest
    }
    /// The leaf index.
    pub fn index(&self) -> u64 {
        self.index
    }
    /// The credit class, if the proof opened it.
    pub fn opened_class(&self) -> Option<CreditClass> {
        self.opened_class
    }
}

/// The opening of an entity's committed credit class: its value and salt.
fn entity_opening(e: &crate::core::registry::Entity, salt_key: &SaltKey) -> Opening {
    let values = credit_class_values(e.uscc.as_str(), e.credit_class.token());
    Opening {
        field: "credit_class".into(),
        value: e.credit_class.token().into(),
        salt: Hash(salt_key.salt(&values)),
    }
}

impl RecordProof {
    /// An entity's proof from its leaf index and inclusion path in the
    /// entities' tree of `snapshot` (a store that streams its entities
    /// computes them without loading the registry).
    pub fn of_entity(
        e: &crate::core::registry::Entity,
        index: u64,
        path: Vec<Hash>,
        snapshot: SnapshotRef,
        salt_key: &SaltKey,
        open: bool,
    ) -> Self {
        RecordProof {
            format: RECORD_PROOF_FORMAT.into(),
            snapshot,
            record: PublicRecord::Entities(PublicEntity::of(e, salt_key)),
            index,
            path,
            opening: open.then(|| entity_opening(e, salt_key)),
        }
    }

    /// Proves the record with `key` (USCC, certificate number or item code) in
    /// registry `kind` of `reg`, which must be the registries of `snapshot`.
    /// With `open`, an entity's proof includes its credit class and salt.
    pub fn make(
        reg: &Registries,
        kind: RegistryKind,
        key: &str,
        snapshot: SnapshotRef,
        salt_key: &SaltKey,
        open: bool,
    ) -> Option<Self> {
        let (index, record, opening) = match kind {
            RegistryKind::Items => {
                let i = reg
                    .items
                    .binary_search_by(|x| x.code.as_str().cmp(key))
                    .ok()?;
                (i, PublicRecord::Items(reg.items[i].clone()), None)
            }
            RegistryKind::Officers => {
                let i = reg
                    .officers
                    .binary_search_by(|x| x.id.as_str().cmp(key))
                    .ok()?;
                (i, PublicRecord::Officers(reg.officers[i].clone()), None)
            }
            RegistryKind::Entities => {
                let k = key.trim().to_ascii_uppercase();
                let i = reg
                    .entities
                    .binary_search_by(|x| x.uscc.as_str().cmp(&k))
                    .ok()?;
                let e = &reg.entities[i];
                let opening = open.then(|| entity_opening(e, salt_key));
                (
                    i,
                    PublicRecord::Entities(PublicEntity::of(e, salt_key)),
                    opening,
                )
            }
            RegistryKind::Recusals => return None,
        };
        let tree = crate::core::commitment::registry_tree(reg, kind, salt_key);
        let path = tree.prove(index as u64)?.path;
        Some(RecordProof {
            format: RECORD_PROOF_FORMAT.into(),
            snapshot,
            record,
            index: index as u64,
            path,
            opening,
        })
    }

    /// Checks the proof: the format, that the snapshot digest covers the roots,
    /// that the record is in its registry's tree, and any opening. With
    /// `expected_digest`, also that the snapshot is that one (a digest taken
    /// from a published notice, not from the proof itself).
    ///
    /// # Errors
    /// [`RecordProofError`] naming what differs.
    pub fn verify(
        &self,
        expected_digest: Option<&Hash>,
    ) -> Result<VerifiedRecord, RecordProofError> {
        if self.format != RECORD_PROOF_FORMAT {
            return Err(RecordProofError::Format {
                expected: RECORD_PROOF_FORMAT,
                got: self.format.clone(),
            });
        }
        let digest = self.snapshot.roots.digest();
        if digest != self.snapshot.digest {
            return Err(RecordProofError::SnapshotDigest {
                expected: digest,
                got: self.snapshot.digest,
            });
        }
        if let Some(want) = expected_digest
            && *want != digest
        {
            return Err(RecordProofError::UnexpectedSnapshot {
                expected: *want,
                got: digest,
            });
        }
        let kind = self.record.kind();
        if let PublicRecord::Entities(e) = &self.record {
            PublicEntity::from_leaf(&e.leaf())
                .map_err(|err| RecordProofError::Record(err.to_string()))?;
        }
        let root = self.snapshot.roots.get(kind);
        root.verify_inclusion(
            &self.record.leaf(),
            self.index,
            &InclusionProof {
                path: self.path.clone(),
            },
        )
        .map_err(|source| RecordProofError::Inclusion { kind, source })?;
        let mut opened_class = None;
        if let Some(o) = &self.opening {
            let PublicRecord::Entities(e) = &self.record else {
                return Err(RecordProofError::Record(
                    "only an entity's credit class can be opened".into(),
                ));
            };
            let bad = || RecordProofError::Opening {
                field: o.field.clone(),
                value: o.value.clone(),
                commitment: e.credit_class_commitment,
            };
            let class = CreditClass::from_token(&o.value).ok_or_else(bad)?;
            if o.field != "credit_class"
                || confidential_commitment(&o.salt.0, &credit_class_values(&e.uscc, &o.value))
                    != e.credit_class_commitment
            {
                return Err(bad());
            }
            opened_class = Some(class);
        }
        Ok(VerifiedRecord {
            record: self.record.clone(),
            root,
            snapshot_digest: digest,
            index: self.index,
            opened_class,
        })
    }
}

#[cfg(test)]
mod tests;
