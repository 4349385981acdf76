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

/// One entity found in a compact snapshot, with its inclusion path checked
/// against the head's entities root (a value only [`look_up`] makes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookedUp {
    /// The head: the snapshot reference whose entities root the path reaches.
    pub head: CompactHead,
    /// The entity's public record.
    pub record: PublicEntity,
    /// Its leaf index.
    pub index: u64,
    /// Its audit path (RFC 9162 §2.1.3), leaf level first.
    pub proof: InclusionProof,
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
/// index and one block; `None` when it is not in the snapshot. The path is
/// checked against the head's entities root, so a wrong index or block gives
/// an error, never a wrong answer. (Whether the head is the announced
/// snapshot is the caller's check: compare `head.snapshot.digest`.)
///
/// # Errors
/// [`CompactError`]: the file breaks §9 where it was read, or the path does
/// not reach the root.
pub fn look_up<R: Read + Seek>(mut r: R, uscc: &str) -> Result<Option<LookedUp>, CompactError> {
    let head = CompactReader::open(&mut r)?.head().clone();
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
        || index_at + blocks * INDEX_ENTRY_BYTES as u64 + TRAILER_BYTES as u64 != len
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
    let want = uscc.as_bytes();
    let i = index.partition_point(|e| e.first.as_slice() <= want);
    if i == 0 {
        return Ok(None);
    }
    let i = i - 1;
    let start = index[i].offset;
    let end = index.get(i + 1).map_or(index_at, |e| e.offset);
    let at = format!("block {i}");
    let stored = end
        .checked_sub(start)
        .filter(|&n| n >= 8 && n <= u64::from(super::MAX_BLOCK_BYTES) * 2)
        .ok_or_else(|| CompactError::at(&at, "its offset in the index is wrong"))?;
    let bytes = read_at(&mut r, start, stored as usize, &at)?;
    let rawlen = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
    if rawlen > super::MAX_BLOCK_BYTES {
        return Err(CompactError::at(&at, "over the block size limit"));
    }
    let mut body = Vec::new();
    flate2::read::DeflateDecoder::new(&bytes[8..])
        .take(u64::from(rawlen) + 1)
        .read_to_end(&mut body)
        .map_err(|e| CompactError::at(&at, format!("not raw DEFLATE: {e}")))?;
    if body.len() != rawlen as usize {
        return Err(CompactError::at(
            &at,
            "inflates to another size than it says",
        ));
    }
    let entities = block::decode(&body).map_err(|why| CompactError::at(&at, why))?;
    let Some(j) = entities.iter().position(|e| e.uscc == uscc) else {
        return Ok(None);
    };
    let leaves: Vec<Hash> = entities.iter().map(|e| leaf_hash(&e.leaf())).collect();
    let mut path = MerkleTree::from_leaf_hashes(leaves)
        .prove(j as u64)
        .ok_or_else(|| CompactError::at(&at, "no path"))?
        .path;
    let roots: Vec<Hash> = index.iter().map(|e| e.root).collect();
    path.extend(
        MerkleTree::from_leaf_hashes(roots)
            .prove(i as u64)
            .ok_or_else(|| CompactError::at("index", "no path"))?
            .path,
    );
    let proof = InclusionProof { path };
    let leaf_index = i as u64 * u64::from(head.entities.block_size) + j as u64;
    let record = entities
        .into_iter()
        .nth(j)
        .ok_or_else(|| CompactError::at(&at, "no record"))?;
    head.snapshot
        .roots
        .entities
        .verify_inclusion(&record.leaf(), leaf_index, &proof)
        .map_err(|e| {
            CompactError::at(
                &at,
                format!("the entity's path does not reach the entities root: {e}"),
            )
        })?;
    Ok(Some(LookedUp {
        head,
        record,
        index: leaf_index,
        proof,
    }))
}
