//! The enterprise's look-up (§9.4, "was I in the pool?"): one entity's
//! record and inclusion path from the trailer, the index and one block,
//! without reading the rest of the file.

use super::{
    CompactError, CompactHead, END, INDEX_ENTRY_BYTES, IndexEntry, TRAILER_BYTES, block,
    read::CompactReader,
};
use crate::core::commitment::PublicEntity;
use crate::core::merkle::{Hash, InclusionProof, MerkleTree, leaf_hash};
use std::io::{Read, Seek, SeekFrom};

/// One entity of a compact snapshot with its inclusion path, checked against
/// the head's entities root (a value only [`look_up`] makes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proven {
    /// The entity's public record.
    pub record: PublicEntity,
    /// Its leaf index.
    pub index: u64,
    /// Its audit path (RFC 9162 §2.1.3), leaf level first.
    pub proof: InclusionProof,
}

/// What a look-up found (§9.4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// The entity is leaf `index`.
    Present(Box<Proven>),
    /// The entity is not in the snapshot: its neighbours are adjacent leaves
    /// (`below` at `i`, `above` at `i + 1`), or the first or last leaf alone.
    Absent {
        /// The entity just below the wanted USCC, if any.
        below: Option<Box<Proven>>,
        /// The entity just above it, if any.
        above: Option<Box<Proven>>,
    },
}

/// The answer to "was this entity in the snapshot?" (企业查询), checked: the
/// head whose entities root every path reaches, and what was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookedUp {
    /// The head: the snapshot reference whose entities root the paths reach.
    pub head: CompactHead,
    /// The entity with its path, or the two neighbours showing it absent.
    pub found: Found,
}

fn read_at<R: Read + Seek>(
    r: &mut R,
    at: u64,
    n: usize,
    what: &str,
) -> Result<Vec<u8>, CompactError> {
    r.seek(SeekFrom::Start(at))?;
    let mut b = Vec::new();
    r.take(n as u64).read_to_end(&mut b)?;
    if b.len() != n {
        return Err(CompactError::at(what, "the file ends early"));
    }
    Ok(b)
}

/// Finds `uscc` in a compact snapshot reading the head, the trailer, the
/// index and one block (two when the neighbours of an absent USCC straddle
/// blocks). Every path is checked against the head's entities root and
/// absent is shown by adjacent neighbours, so a wrong index or block gives an
/// error, never a wrong answer. (Whether the head is the announced snapshot
/// is the caller's check: compare `head.snapshot.digest`.)
///
/// # Errors
/// [`CompactError`]: the file breaks §9 where it was read, a path does not
/// reach the root, or the neighbours are not adjacent.
pub fn look_up<R: Read + Seek>(mut r: R, uscc: &str) -> Result<LookedUp, CompactError> {
    let head = CompactReader::open(&mut r)?.head().clone();
    let n = head.entities.count;
    if n == 0 {
        return Ok(LookedUp {
            head,
            found: Found::Absent {
                below: None,
                above: None,
            },
        });
    }
    let len = r.seek(SeekFrom::End(0))?;
    let t = read_at(
        &mut r,
        len.checked_sub(TRAILER_BYTES as u64)
            .ok_or_else(|| CompactError::at("trailer", "the file is too short"))?,
        TRAILER_BYTES,
        "trailer",
    )?;
    if &t[12..] != END {
        return Err(CompactError::at(
            "trailer",
            "the file does not end with DDPSEND2",
        ));
    }
    let mut off = [0u8; 8];
    off.copy_from_slice(&t[..8]);
    let index_at = u64::from_be_bytes(off);
    let blocks = u32::from_be_bytes([t[8], t[9], t[10], t[11]]) as u64;
    if blocks != head.entities.blocks()
        || index_at.checked_add(blocks * INDEX_ENTRY_BYTES as u64 + TRAILER_BYTES as u64)
            != Some(len)
    {
        return Err(CompactError::at(
            "trailer",
            "its index offset or block count is not the file's",
        ));
    }
    let raw = read_at(
        &mut r,
        index_at,
        blocks as usize * INDEX_ENTRY_BYTES,
        "index",
    )?;
    let index: Vec<IndexEntry> = raw
        .chunks(INDEX_ENTRY_BYTES)
        .map(IndexEntry::decode)
        .collect();
    let mut l = Locator {
        r,
        head: &head,
        index: &index,
        index_at,
    };
    let i = index
        .partition_point(|e| e.first.as_slice() <= uscc.as_bytes())
        .saturating_sub(1);
    let (entities, leaves) = l.block(i)?;
    let found = match entities.binary_search_by(|e| e.uscc.as_str().cmp(uscc)) {
        Ok(j) => Found::Present(Box::new(l.prove(i, &entities, &leaves, j)?)),
        Err(j) => {
            let below = match (j, i) {
                (0, 0) => None,
                (0, _) => {
                    let (e, h) = l.block(i - 1)?;
                    Some(l.prove(i - 1, &e, &h, e.len() - 1)?)
                }
                _ => Some(l.prove(i, &entities, &leaves, j - 1)?),
            };
            let above = if j < entities.len() {
                Some(l.prove(i, &entities, &leaves, j)?)
            } else if i + 1 < index.len() {
                let (e, h) = l.block(i + 1)?;
                Some(l.prove(i + 1, &e, &h, 0)?)
            } else {
                None
            };
            adjacent(uscc, n, below.as_ref(), above.as_ref())?;
            Found::Absent {
                below: below.map(Box::new),
                above: above.map(Box::new),
            }
        }
    };
    Ok(LookedUp { head, found })
}

/// Whether `below` and `above` show `uscc` absent from a tree of `n` leaves.
fn adjacent(
    uscc: &str,
    n: u64,
    below: Option<&Proven>,
    above: Option<&Proven>,
) -> Result<(), CompactError> {
    let ok = match (below, above) {
        (Some(b), Some(a)) => {
            b.index + 1 == a.index && b.record.uscc.as_str() < uscc && uscc < a.record.uscc.as_str()
        }
        (None, Some(a)) => a.index == 0 && uscc < a.record.uscc.as_str(),
        (Some(b), None) => b.index + 1 == n && b.record.uscc.as_str() < uscc,
        (None, None) => n == 0,
    };
    if ok {
        Ok(())
    } else {
        Err(CompactError::at(
            "look-up",
            format!("the neighbours found do not show {uscc} absent (the leaves are out of order)"),
        ))
    }
}

/// Reads blocks by number and proves their entities.
struct Locator<'a, R> {
    r: R,
    head: &'a CompactHead,
    index: &'a [IndexEntry],
    index_at: u64,
}

impl<R: Read + Seek> Locator<'_, R> {
    /// Block `i`'s entities and leaf hashes.
    fn block(&mut self, i: usize) -> Result<(Vec<PublicEntity>, Vec<Hash>), CompactError> {
        let at = format!("block {i}");
        let start = self.index[i].offset;
        let end = self.index.get(i + 1).map_or(self.index_at, |e| e.offset);
        let size = end
            .checked_sub(start)
            .filter(|&s| s >= 8 && s <= 8 + super::max_stored(super::MAX_BLOCK_BYTES))
            .ok_or_else(|| CompactError::at(&at, "its offset in the index is wrong"))?;
        let bytes = read_at(&mut self.r, start, size as usize, &at)?;
        let raw = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        let stored = u32::from_be_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]);
        if raw > super::MAX_BLOCK_BYTES || u64::from(stored) + 8 != size {
            return Err(CompactError::at(&at, "its sizes are not the index's"));
        }
        let body = super::inflate(&bytes[8..], raw).map_err(|why| CompactError::at(&at, why))?;
        let entities = block::decode(&body).map_err(|why| CompactError::at(&at, why))?;
        if entities.is_empty() {
            return Err(CompactError::at(&at, "no entities"));
        }
        let leaves = entities.iter().map(|e| leaf_hash(&e.leaf())).collect();
        Ok((entities, leaves))
    }

    /// Entity `j` of block `i` with its path, checked against the root.
    fn prove(
        &self,
        i: usize,
        entities: &[PublicEntity],
        leaves: &[Hash],
        j: usize,
    ) -> Result<Proven, CompactError> {
        let at = format!("block {i}");
        let mut path = MerkleTree::from_leaf_hashes(leaves.to_vec())
            .prove(j as u64)
            .ok_or_else(|| CompactError::at(&at, "no path"))?
            .path;
        let roots: Vec<Hash> = self.index.iter().map(|e| e.root).collect();
        path.extend(
            MerkleTree::from_leaf_hashes(roots)
                .prove(i as u64)
                .ok_or_else(|| CompactError::at("index", "no path"))?
                .path,
        );
        let proof = InclusionProof { path };
        let index = i as u64 * u64::from(self.head.entities.block_size) + j as u64;
        let record = entities[j].clone();
        self.head
            .snapshot
            .roots
            .entities
            .verify_inclusion(&record.leaf(), index, &proof)
            .map_err(|e| {
                CompactError::at(
                    &at,
                    format!(
                        "the path of {} does not reach the entities root: {e}",
                        record.uscc
                    ),
                )
            })?;
        Ok(Proven {
            record,
            index,
            proof,
        })
    }
}
