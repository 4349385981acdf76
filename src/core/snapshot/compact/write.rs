//! Writing a compact public snapshot (§9) while the entities stream by.

use super::{BLOCK_SIZE, COMPACT_FORMAT, CompactHead, END, EntityBlocks, IndexEntry, MAGIC, block};
use crate::core::commitment::{PublicEntity, SaltKey};
use crate::core::merkle::{Hash, leaf_hash, root_from_leaf_hashes};
use crate::core::record_proof::SnapshotRef;
use crate::core::registry::{Entity, Registries};
use crate::par::*;
use std::io::{self, Write};

/// A block as stored, its first USCC and its root.
type EncodedBlock = (Vec<u8>, [u8; 18], Hash);

/// Blocks encoded at once (in parallel) before they are written.
const BATCH_BLOCKS: usize = 16;

/// Writes a compact public snapshot (紧凑公开快照, `docs/COMMITMENTS.md` §9)
/// holding a batch of blocks at a time: memory is the items, officers,
/// recusals and `16 × 4096` entities, not the registry.
pub struct CompactWriter<W: Write> {
    w: W,
    key: SaltKey,
    block_size: usize,
    at: u64,
    count: u64,
    expected: u64,
    pending: Vec<PublicEntity>,
    /// The pending records' leaf hashes.
    pending_leaves: Vec<Hash>,
    index: Vec<IndexEntry>,
    last: Option<String>,
}

impl<W: Write> std::fmt::Debug for CompactWriter<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompactWriter")
            .field("at", &self.at)
            .field("count", &self.count)
            .field("blocks", &self.index.len())
            .finish_non_exhaustive()
    }
}

fn invalid(why: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, why)
}

impl<W: Write> CompactWriter<W> {
    /// Writes the magic and the head (format, reference, items, officers,
    /// recusals, the entity count of `snapshot`) from `reg`, whose entities
    /// are not read.
    ///
    /// # Errors
    /// The writer's; a head over 256 MiB.
    pub fn start(
        mut w: W,
        reg: &Registries,
        key: &SaltKey,
        snapshot: SnapshotRef,
    ) -> io::Result<Self> {
        let recusals = super::super::public_recusals(reg, key);
        let expected = snapshot.roots.entities.size;
        let head = CompactHead {
            format: COMPACT_FORMAT.into(),
            snapshot,
            items: reg.items.clone(),
            officers: reg.officers.clone(),
            recusals,
            entities: EntityBlocks {
                count: expected,
                block_size: BLOCK_SIZE,
            },
        };
        let json = serde_json::to_vec(&head)?;
        let len = u32::try_from(json.len())
            .ok()
            .filter(|&l| l <= super::MAX_HEAD_BYTES)
            .ok_or_else(|| invalid(format!("the head would take {} bytes", json.len())))?;
        w.write_all(MAGIC)?;
        w.write_all(&len.to_be_bytes())?;
        w.write_all(&json)?;
        Ok(CompactWriter {
            w,
            key: key.clone(),
            block_size: BLOCK_SIZE as usize,
            at: (MAGIC.len() + 4 + json.len()) as u64,
            count: 0,
            expected,
            pending: Vec::new(),
            pending_leaves: Vec::new(),
            index: Vec::new(),
            last: None,
        })
    }

    /// Writes the next run of entities (in USCC order).
    ///
    /// # Errors
    /// The writer's.
    pub fn entities(&mut self, run: &[Entity]) -> io::Result<()> {
        let (leaves, commitments) = crate::core::commitment::entity_leaves(run, &self.key);
        self.entities_committed(run, &leaves, &commitments)
    }

    /// Writes the next run of entities (in USCC order) whose leaf hashes
    /// and credit classes' commitments a stream already made (they are
    /// not made again; the blocks' roots are made from `leaves`).
    ///
    /// # Errors
    /// The writer's; runs of different lengths.
    pub fn entities_committed(
        &mut self,
        run: &[Entity],
        leaves: &[Hash],
        commitments: &[Hash],
    ) -> io::Result<()> {
        if leaves.len() != run.len() || commitments.len() != run.len() {
            return Err(invalid(format!(
                "{} entities, {} leaf hashes and {} commitments",
                run.len(),
                leaves.len(),
                commitments.len()
            )));
        }
        let step = self.block_size * BATCH_BLOCKS;
        for (k, part) in run.chunks(step).enumerate() {
            let cs = &commitments[k * step..k * step + part.len()];
            let views: Vec<PublicEntity> = part
                .par_iter()
                .zip(cs.par_iter())
                .map(|(e, c)| PublicEntity::with_commitment(e, *c))
                .collect();
            self.pending.extend(views);
            self.pending_leaves
                .extend_from_slice(&leaves[k * step..k * step + part.len()]);
            self.flush(false)?;
        }
        Ok(())
    }

    /// Writes the next public records (in USCC order): a JSON snapshot's
    /// entities, say.
    ///
    /// # Errors
    /// The writer's.
    pub fn public_entities(&mut self, run: &[PublicEntity]) -> io::Result<()> {
        for part in run.chunks(self.block_size * BATCH_BLOCKS) {
            let leaves: Vec<Hash> = part.par_iter().map(|e| leaf_hash(&e.leaf())).collect();
            self.pending.extend_from_slice(part);
            self.pending_leaves.extend(leaves);
            self.flush(false)?;
        }
        Ok(())
    }

    /// Encodes and writes the full blocks pending (all of them at the end).
    fn flush(&mut self, end: bool) -> io::Result<()> {
        let bs = self.block_size;
        let full = if end {
            self.pending.len()
        } else if self.pending.len() >= bs * BATCH_BLOCKS {
            self.pending.len() / bs * bs
        } else {
            return Ok(());
        };
        if full == 0 {
            return Ok(());
        }
        if let Some(first) = self.pending.first() {
            let after = self.last.as_deref().is_none_or(|l| l < first.uscc.as_str());
            let sorted = self.pending[..full]
                .windows(2)
                .all(|w| w[0].uscc < w[1].uscc);
            if !after || !sorted {
                return Err(invalid(
                    "entities are not in strictly increasing USCC order".into(),
                ));
            }
        }
        let encoded: Vec<io::Result<EncodedBlock>> = self.pending[..full]
            .par_chunks(bs)
            .zip(self.pending_leaves[..full].par_chunks(bs))
            .map(|(b, leaves)| encode_block(b, leaves))
            .collect();
        for r in encoded {
            let (bytes, first, root) = r?;
            self.index.push(IndexEntry {
                offset: self.at,
                first,
                root,
            });
            self.w.write_all(&bytes)?;
            self.at += bytes.len() as u64;
        }
        self.count += full as u64;
        self.last = self.pending.get(full - 1).map(|e| e.uscc.clone());
        self.pending.drain(..full);
        self.pending_leaves.drain(..full);
        Ok(())
    }

    /// Writes the last block, the index and the trailer; returns the writer.
    ///
    /// # Errors
    /// The writer's; fewer or more entities than the snapshot's root counts.
    pub fn finish(mut self) -> io::Result<W> {
        self.flush(true)?;
        if self.count != self.expected {
            return Err(invalid(format!(
                "{} entities written, the snapshot has {}",
                self.count, self.expected
            )));
        }
        let mut index = Vec::with_capacity(self.index.len() * super::INDEX_ENTRY_BYTES + 20);
        for e in &self.index {
            e.encode(&mut index);
        }
        index.extend_from_slice(&self.at.to_be_bytes());
        let blocks =
            u32::try_from(self.index.len()).map_err(|_| invalid("too many blocks".into()))?;
        index.extend_from_slice(&blocks.to_be_bytes());
        index.extend_from_slice(END);
        self.w.write_all(&index)?;
        self.w.flush()?;
        Ok(self.w)
    }
}

/// One block's bytes as stored (`raw_len ‖ stored_len ‖ deflate`), its first
/// USCC and its root (from the records' `leaves`).
fn encode_block(b: &[PublicEntity], leaves: &[Hash]) -> io::Result<EncodedBlock> {
    let body = block::encode(b).ok_or_else(|| invalid("a record cannot be encoded".into()))?;
    let raw = u32::try_from(body.len())
        .ok()
        .filter(|&l| l <= super::MAX_BLOCK_BYTES)
        .ok_or_else(|| invalid(format!("a block of {} bytes", body.len())))?;
    let mut z = flate2::write::DeflateEncoder::new(
        Vec::with_capacity(body.len() / 2 + 8),
        // Level 2, not zlib's default 6: at 1,000,000 entities `publish`
        // takes 2.52 s instead of 2.99 s for 55.0 instead of 53.4 bytes per
        // entity (issue 17). Readers take any DEFLATE stream (§9.1).
        flate2::Compression::new(2),
    );
    z.write_all(&body)?;
    let stored = z.finish()?;
    let mut out = Vec::with_capacity(stored.len() + 8);
    out.extend_from_slice(&raw.to_be_bytes());
    out.extend_from_slice(&(stored.len() as u32).to_be_bytes());
    out.extend_from_slice(&stored);
    let mut first = [0u8; 18];
    if let Some(e) = b.first() {
        first.copy_from_slice(&e.uscc.as_bytes()[..18]);
    }
    let root = root_from_leaf_hashes(leaves.to_vec());
    Ok((out, first, root))
}
