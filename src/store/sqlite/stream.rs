//! Entities read as a stream (`Store::for_each_entity`): one stored chunk
//! decoded at a time, each entity's leaf hashed into a [`RootBuilder`], the
//! snapshot's recorded root checked at the end. Memory stays one chunk and
//! the tree's frontier, whatever the registry's size (issue 17).

use super::{StoreError, Workspace, codec, kind_index};
use crate::core::canonical::Encoder;
use crate::core::commitment::encode_entity_leaf;
use crate::core::merkle::{Hash, RootBuilder, leaf_hash};
use crate::core::registry::{Entity, RegistryKind};
use crate::par::*;
use crate::store::SnapshotInfo;

impl Workspace {
    /// Hands every entity of `snap` to `f` in stored (USCC) order, decoding
    /// one chunk at a time; the entities' root must be the snapshot's.
    ///
    /// # Errors
    /// [`StoreError::Damaged`] for a chunk that does not decode,
    /// [`StoreError::RootMismatch`] (after the last entity: a caller keeps
    /// nothing from a call that failed) or what `f` returns.
    pub fn stream_entities(
        &self,
        snap: &SnapshotInfo,
        f: &mut dyn FnMut(&Entity) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let kind = RegistryKind::Entities;
        let version = snap.versions[kind_index(kind)];
        let mut st = self
            .conn
            .prepare_cached("SELECT data FROM registry_chunks WHERE version = ?1 ORDER BY seq")?;
        let mut rows = st.query([version])?;
        let mut builder = RootBuilder::new();
        let mut batch: Vec<Entity> = Vec::new();
        while let Some(row) = rows.next()? {
            let chunk: Vec<u8> = row.get(0)?;
            batch.clear();
            codec::unchunk(&chunk, codec::decode_entity, &mut batch).map_err(|source| {
                StoreError::Damaged {
                    kind,
                    version,
                    source,
                }
            })?;
            // The chunk's leaves hashed on every core, then taken in order.
            let key = &self.key;
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
            for h in hashes.into_iter().flatten() {
                builder.push(h);
            }
            for e in &batch {
                f(e)?;
            }
        }
        let got = builder.finish();
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
}
