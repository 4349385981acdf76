//! Public snapshots (`dualdraw registry export --public`): every public field
//! of a registry snapshot and the commitments standing for the confidential
//! ones. It reproduces the four roots, so anyone holding it can re-check a
//! draw's pool without learning a credit class or a recusal.

pub mod compact;

use crate::core::commitment::{
    PublicEntity, PublicRecusal, SaltKey, SnapshotRoots, item_leaf, officer_leaf,
};
use crate::core::merkle::{Hash, MerkleRoot, root_parallel};
use crate::core::record_proof::SnapshotRef;
use crate::core::registry::{Item, Officer, Registries};
use crate::par::*;
use serde::{Deserialize, Serialize};

/// Format tag of a public snapshot.
pub const PUBLIC_SNAPSHOT_FORMAT: &str = "dualdraw-public-snapshot-v1";

/// How a public snapshot is written (公开快照格式).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SnapshotFormat {
    /// JSON (`dualdraw-public-snapshot-v1`, `docs/COMMITMENTS.md` §8).
    #[default]
    Json,
    /// Compact (`dualdraw-public-snapshot-v2`, §9): blocks of columns.
    Compact,
}

impl SnapshotFormat {
    /// The file name `publish` gives it.
    pub fn file_name(self) -> &'static str {
        match self {
            SnapshotFormat::Json => "public-snapshot.json",
            SnapshotFormat::Compact => "public-snapshot.ddps",
        }
    }
}

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

/// The recusals' public views (two commitments each), in leaf order: how
/// every public snapshot lists them (COMMITMENTS §5).
pub(crate) fn public_recusals(reg: &Registries, key: &SaltKey) -> Vec<PublicRecusal> {
    let mut recusals: Vec<PublicRecusal> = reg
        .recusals
        .par_iter()
        .map(|r| PublicRecusal::of(r, key))
        .collect();
    recusals.par_sort_unstable_by_key(|r| r.leaf());
    recusals
}

impl PublicSnapshot {
    /// The public snapshot of `reg`.
    pub fn of(reg: &Registries, key: &SaltKey, snapshot: SnapshotRef) -> Self {
        let recusals = public_recusals(reg, key);
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

/// Writes a public snapshot (公开快照) as JSON while its entities stream by,
/// byte for byte what `serde_json::to_string` of [`PublicSnapshot::of`]
/// gives, holding one run of entities at a time: memory is the items,
/// officers and recusals, not the registry (issue 17).
#[derive(Debug)]
pub struct PublicSnapshotWriter<W: std::io::Write> {
    w: W,
    key: SaltKey,
    first: bool,
    tail: Vec<u8>,
}

impl<W: std::io::Write> PublicSnapshotWriter<W> {
    /// Writes the snapshot's head (format, reference, items) from `reg`,
    /// whose entities are not read; the officers and recusals follow the
    /// entities at [`PublicSnapshotWriter::finish`].
    ///
    /// # Errors
    /// The writer's.
    pub fn start(
        mut w: W,
        reg: &Registries,
        key: &SaltKey,
        snapshot: SnapshotRef,
    ) -> std::io::Result<Self> {
        let head = PublicSnapshot {
            format: PUBLIC_SNAPSHOT_FORMAT.into(),
            snapshot,
            items: reg.items.clone(),
            entities: Vec::new(),
            officers: reg.officers.clone(),
            recusals: Vec::new(),
        };
        let recusals = public_recusals(reg, key);
        w.write_all(br#"{"format":"#)?;
        serde_json::to_writer(&mut w, &head.format)?;
        w.write_all(br#","snapshot":"#)?;
        serde_json::to_writer(&mut w, &head.snapshot)?;
        w.write_all(br#","items":"#)?;
        serde_json::to_writer(&mut w, &head.items)?;
        w.write_all(br#","entities":["#)?;
        let mut tail = br#"],"officers":"#.to_vec();
        serde_json::to_writer(&mut tail, &head.officers)?;
        tail.extend_from_slice(br#","recusals":"#);
        serde_json::to_writer(&mut tail, &recusals)?;
        tail.push(b'}');
        Ok(PublicSnapshotWriter {
            w,
            key: key.clone(),
            first: true,
            tail,
        })
    }

    /// Writes the public views of the next run of entities (in USCC order).
    ///
    /// # Errors
    /// The writer's.
    pub fn entities(&mut self, run: &[crate::core::registry::Entity]) -> std::io::Result<()> {
        let key = &self.key;
        let commitments: Vec<Hash> = run
            .par_iter()
            .map(|e| crate::core::commitment::entity_commitment(e, key))
            .collect();
        self.entities_committed(run, &commitments)
    }

    /// As [`PublicSnapshotWriter::entities`], with the credit classes'
    /// commitments a stream already made.
    ///
    /// # Errors
    /// The writer's; runs of different lengths.
    pub fn entities_committed(
        &mut self,
        run: &[crate::core::registry::Entity],
        commitments: &[Hash],
    ) -> std::io::Result<()> {
        if commitments.len() != run.len() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{} entities, {} commitments", run.len(), commitments.len()),
            ));
        }
        let parts: Vec<Vec<u8>> = run
            .par_chunks(1024)
            .zip(commitments.par_chunks(1024))
            .map(|(part, cs)| {
                let mut out = Vec::with_capacity(part.len() * 320);
                for (e, c) in part.iter().zip(cs) {
                    out.push(b',');
                    // Serialising plain strings and lists cannot fail.
                    let _ = serde_json::to_writer(&mut out, &PublicEntity::with_commitment(e, *c));
                }
                out
            })
            .collect();
        for p in parts {
            let bytes = if self.first && !p.is_empty() {
                self.first = false;
                &p[1..]
            } else {
                &p[..]
            };
            self.w.write_all(bytes)?;
        }
        Ok(())
    }

    /// Writes the officers and recusals and the end; returns the writer.
    ///
    /// # Errors
    /// The writer's.
    pub fn finish(mut self) -> std::io::Result<W> {
        self.w.write_all(&self.tail)?;
        Ok(self.w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::generate::{CountySpec, county};

    /// Guards the streamed publication: the writer's bytes are exactly
    /// `serde_json::to_string` of the whole snapshot, whatever the runs.
    #[test]
    fn the_streamed_public_snapshot_is_byte_identical_to_the_whole_one() {
        let reg = county(&CountySpec {
            entities: 3000,
            seed: 3,
            ..Default::default()
        })
        .unwrap();
        let key = SaltKey::from_bytes([4; 32]);
        let sref = SnapshotRef {
            id: 7,
            digest: crate::core::merkle::Hash([1; 32]),
            roots: SnapshotRoots::compute(&reg, &key),
        };
        let whole = serde_json::to_string(&PublicSnapshot::of(&reg, &key, sref.clone())).unwrap();
        for cuts in [vec![0, 3000], vec![0, 0, 1, 1500, 2999, 3000]] {
            let mut w = PublicSnapshotWriter::start(Vec::new(), &reg, &key, sref.clone()).unwrap();
            for c in cuts.windows(2) {
                w.entities(&reg.entities[c[0]..c[1]]).unwrap();
            }
            let bytes = w.finish().unwrap();
            assert_eq!(String::from_utf8(bytes).unwrap(), whole);
        }
        let empty = Registries::default();
        let w = PublicSnapshotWriter::start(Vec::new(), &empty, &key, sref.clone()).unwrap();
        let bytes = w.finish().unwrap();
        let whole = serde_json::to_string(&PublicSnapshot::of(&empty, &key, sref)).unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), whole);
    }
}
