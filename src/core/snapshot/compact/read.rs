//! Reading a compact public snapshot (§9.4) one block at a time, checking
//! everything the format fixes and, at the end, the four roots and the
//! digest.

use super::{
    COMPACT_FORMAT, CompactError, CompactHead, END, INDEX_ENTRY_BYTES, IndexEntry, MAGIC,
    MAX_BLOCK_BYTES, MAX_HEAD_BYTES, TRAILER_BYTES, block,
};
use crate::core::commitment::{
    PublicEntity, PublicRecusal, SnapshotRoots, item_leaf, officer_leaf,
};
use crate::core::merkle::{Hash, MerkleRoot, leaf_hash, root_from_leaf_hashes, root_parallel};
use crate::core::registry::RegistryKind;
use crate::par::*;
use std::io::Read;

/// Reads a compact public snapshot (紧凑公开快照) as a stream: the head at
/// [`CompactReader::open`], each block at [`CompactReader::next_block`], the
/// index, trailer and roots at [`CompactReader::finish`]. Memory is the head
/// and one block.
pub struct CompactReader<R: Read> {
    r: R,
    head: CompactHead,
    at: u64,
    read: u64,
    index: Vec<IndexEntry>,
    last: Option<String>,
    /// The item, officer and recusal roots checked at `open`, kept for
    /// `finish` (computed once).
    small: SnapshotRoots,
}

impl<R: Read> std::fmt::Debug for CompactReader<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompactReader")
            .field("at", &self.at)
            .field("read", &self.read)
            .finish_non_exhaustive()
    }
}

fn read_exact<R: Read>(r: &mut R, buf: &mut [u8], at: &str) -> Result<(), CompactError> {
    r.read_exact(buf).map_err(|e| match e.kind() {
        std::io::ErrorKind::UnexpectedEof => CompactError::at(at, "the file ends early"),
        _ => CompactError::Io(e),
    })
}

fn u32be(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

impl<R: Read> CompactReader<R> {
    /// Reads and checks the magic and the head.
    ///
    /// # Errors
    /// [`CompactError`]: not a compact snapshot, a head over 256 MiB, a head
    /// that is not the §9.2 object.
    pub fn open(mut r: R) -> Result<Self, CompactError> {
        let mut start = [0u8; 12];
        read_exact(&mut r, &mut start, "magic")?;
        if &start[..8] != MAGIC {
            return Err(CompactError::at(
                "magic",
                "the file does not start with DDPSNAP2",
            ));
        }
        let len = u32be(&start[8..]);
        if len > MAX_HEAD_BYTES {
            return Err(CompactError::at(
                "head",
                format!("{len} bytes, over the limit of {MAX_HEAD_BYTES}"),
            ));
        }
        let mut json = Vec::new();
        (&mut r).take(u64::from(len)).read_to_end(&mut json)?;
        if json.len() != len as usize {
            return Err(CompactError::at("head", "the file ends early"));
        }
        let text = crate::core::json_limits::checked_text(&json, u64::from(MAX_HEAD_BYTES))
            .map_err(|e| CompactError::at("head", e.to_string()))?;
        let head: CompactHead =
            serde_json::from_str(text).map_err(|e| CompactError::at("head", e.to_string()))?;
        if head.format != COMPACT_FORMAT {
            return Err(CompactError::at(
                "head",
                format!("format is {:?}, expected {COMPACT_FORMAT:?}", head.format),
            ));
        }
        let bs = head.entities.block_size;
        if !bs.is_power_of_two() || !(256..=65_536).contains(&bs) {
            return Err(CompactError::at(
                "head",
                format!("block_size {bs} is not a power of two from 256 to 65,536"),
            ));
        }
        if head.entities.count != head.snapshot.roots.entities.size {
            return Err(CompactError::at(
                "head",
                format!(
                    "{} entities, but the snapshot's entities root has {}",
                    head.entities.count, head.snapshot.roots.entities.size
                ),
            ));
        }
        // The small registries' roots now, before any entity is read, as
        // the JSON snapshot's check does.
        let small = small_roots(&head);
        for k in [
            RegistryKind::Items,
            RegistryKind::Officers,
            RegistryKind::Recusals,
        ] {
            root_differs(k, &small, &head)?;
        }
        Ok(CompactReader {
            r,
            head,
            at: 12 + u64::from(len),
            read: 0,
            index: Vec::new(),
            last: None,
            small,
        })
    }

    /// The head: reference, items, officers, recusals, entity count.
    pub fn head(&self) -> &CompactHead {
        &self.head
    }

    /// The next block's entities (checked as leaves, in strictly increasing
    /// USCC order), or `None` after the last block.
    ///
    /// # Errors
    /// [`CompactError`] naming the block and what is wrong.
    pub fn next_block(&mut self) -> Result<Option<Vec<PublicEntity>>, CompactError> {
        Ok(self.next_blocks(1)?.pop())
    }

    /// The next blocks, up to `n` (at least one), inflated, decoded and
    /// hashed side by side, then checked in order as [`Self::next_block`]
    /// checks each: the same entities and the same first error. Empty after
    /// the last block. Memory is `n` blocks.
    ///
    /// # Errors
    /// [`CompactError`] naming the first block that is wrong.
    pub fn next_blocks(&mut self, n: usize) -> Result<Vec<Vec<PublicEntity>>, CompactError> {
        let total = self.head.entities.count;
        let bs = u64::from(self.head.entities.block_size);
        let mut stored = Vec::new();
        let mut planned = self.read;
        // A block that cannot be read is reported after those before it.
        let mut unread = None;
        while stored.len() < n.max(1) && planned < total {
            let i = self.index.len() + stored.len();
            match self.read_stored(i) {
                Ok(z) => stored.push((i, z)),
                Err(e) => {
                    unread = Some(e);
                    break;
                }
            }
            planned += bs;
        }
        let decoded: Vec<Result<Decoded, CompactError>> = stored
            .into_par_iter()
            .map(|(i, (raw, z))| decode_stored(i, raw, z))
            .collect();
        let mut out = Vec::with_capacity(decoded.len());
        for d in decoded {
            out.push(self.accept(d?)?);
        }
        match unread {
            Some(e) => Err(e),
            None => Ok(out),
        }
    }

    /// Block `i`'s inflated size and stored bytes, their sizes checked.
    fn read_stored(&mut self, i: usize) -> Result<(u32, Vec<u8>), CompactError> {
        let at = format!("block {i}");
        let mut h = [0u8; 8];
        read_exact(&mut self.r, &mut h, &at)?;
        let (raw, stored) = (u32be(&h[..4]), u32be(&h[4..]));
        if raw > MAX_BLOCK_BYTES {
            return Err(CompactError::at(
                &at,
                format!("{raw} bytes inflated, over {MAX_BLOCK_BYTES}"),
            ));
        }
        // DEFLATE never needs more than a few bytes per 16 KiB beyond the raw size (§9.2).
        if u64::from(stored) > super::max_stored(raw) {
            return Err(CompactError::at(
                &at,
                format!("{stored} bytes stored for {raw} inflated"),
            ));
        }
        let mut z = Vec::with_capacity(stored as usize);
        (&mut self.r).take(u64::from(stored)).read_to_end(&mut z)?;
        if z.len() != stored as usize {
            return Err(CompactError::at(&at, "the file ends early"));
        }
        Ok((raw, z))
    }

    /// Checks a decoded block against the blocks before it and indexes it.
    fn accept(&mut self, d: Decoded) -> Result<Vec<PublicEntity>, CompactError> {
        let Decoded {
            i,
            stored,
            entities,
            root,
        } = d;
        let at = format!("block {i}");
        let bs = u64::from(self.head.entities.block_size);
        let want = bs.min(self.head.entities.count - self.read);
        if entities.len() as u64 != want {
            return Err(CompactError::at(
                &at,
                format!("{} entities, expected {want}", entities.len()),
            ));
        }
        let after = match (&self.last, entities.first()) {
            (Some(l), Some(f)) => l < &f.uscc,
            _ => true,
        };
        if !after || !entities.windows(2).all(|w| w[0].uscc < w[1].uscc) {
            return Err(CompactError::at(&at, "USCCs are not strictly increasing"));
        }
        let mut first = [0u8; 18];
        if let Some(e) = entities.first() {
            first.copy_from_slice(e.uscc.as_bytes());
        }
        self.index.push(IndexEntry {
            offset: self.at,
            first,
            root,
        });
        self.at += 8 + stored;
        self.read += entities.len() as u64;
        self.last = entities.last().map(|e| e.uscc.clone());
        Ok(entities)
    }

    /// Reads and checks the index and trailer (after the last block), then
    /// recomputes the four roots and the digest and checks them against the
    /// head's snapshot.
    ///
    /// # Errors
    /// [`CompactError`]: blocks left unread, an index or trailer that is not
    /// the file's, bytes after the trailer, a root or digest that differs.
    pub fn finish(mut self) -> Result<SnapshotRoots, CompactError> {
        if self.read < self.head.entities.count {
            return Err(CompactError::at("blocks", "not all blocks were read"));
        }
        for (i, want) in self.index.iter().enumerate() {
            let mut b = [0u8; INDEX_ENTRY_BYTES];
            read_exact(&mut self.r, &mut b, "index")?;
            let got = IndexEntry::decode(&b);
            if got != *want {
                return Err(CompactError::at(
                    "index",
                    format!(
                        "entry {i} says offset {}, root {}; block {i} is at {}, root {}",
                        got.offset, got.root, want.offset, want.root
                    ),
                ));
            }
        }
        let mut t = [0u8; TRAILER_BYTES];
        read_exact(&mut self.r, &mut t, "trailer")?;
        let mut off = [0u8; 8];
        off.copy_from_slice(&t[..8]);
        let (offset, blocks) = (u64::from_be_bytes(off), u32be(&t[8..12]));
        if offset != self.at || blocks as usize != self.index.len() || &t[12..] != END {
            return Err(CompactError::at(
                "trailer",
                format!(
                    "says index at {offset} with {blocks} blocks; it is at {} with {}",
                    self.at,
                    self.index.len()
                ),
            ));
        }
        let mut more = [0u8; 1];
        if self.r.read(&mut more)? != 0 {
            return Err(CompactError::at("trailer", "bytes follow the trailer"));
        }
        let head = &self.head;
        let entities = MerkleRoot {
            size: self.read,
            hash: if self.index.is_empty() {
                crate::core::merkle::empty_root()
            } else {
                root_from_leaf_hashes(self.index.iter().map(|e| e.root).collect())
            },
        };
        let roots = SnapshotRoots {
            entities,
            ..self.small
        };
        for k in RegistryKind::ALL {
            root_differs(k, &roots, head)?;
        }
        if roots.digest() != head.snapshot.digest {
            return Err(CompactError::at(
                "roots",
                format!(
                    "digest {} differs from {}",
                    roots.digest(),
                    head.snapshot.digest
                ),
            ));
        }
        Ok(roots)
    }
}

/// The item, officer and recusal roots of the head's lists (the entities
/// root left empty).
fn small_roots(head: &CompactHead) -> SnapshotRoots {
    let root = |leaves: Vec<Vec<u8>>| MerkleRoot {
        size: leaves.len() as u64,
        hash: root_parallel(&leaves),
    };
    SnapshotRoots {
        items: root(head.items.iter().map(item_leaf).collect()),
        entities: root(Vec::new()),
        officers: root(head.officers.iter().map(officer_leaf).collect()),
        recusals: root(head.recusals.iter().map(PublicRecusal::leaf).collect()),
    }
}

fn root_differs(
    k: RegistryKind,
    roots: &SnapshotRoots,
    head: &CompactHead,
) -> Result<(), CompactError> {
    if roots.get(k) == head.snapshot.roots.get(k) {
        return Ok(());
    }
    Err(CompactError::at(
        "roots",
        format!(
            "{k} give root {} ({} records), but the snapshot says {} ({} records)",
            roots.get(k).hash,
            roots.get(k).size,
            head.snapshot.roots.get(k).hash,
            head.snapshot.roots.get(k).size
        ),
    ))
}

/// A block inflated, decoded and hashed, not yet checked against the
/// blocks before it.
struct Decoded {
    i: usize,
    stored: u64,
    entities: Vec<PublicEntity>,
    root: Hash,
}

/// Inflates and decodes block `i` (`raw` bytes inflated from `z`) and
/// hashes its leaves.
fn decode_stored(i: usize, raw: u32, z: Vec<u8>) -> Result<Decoded, CompactError> {
    let at = || format!("block {i}");
    let body = super::inflate(&z, raw).map_err(|why| CompactError::at(at(), why))?;
    let entities = block::decode(&body).map_err(|why| CompactError::at(at(), why))?;
    let leaves: Vec<Hash> = entities.iter().map(|e| leaf_hash(&e.leaf())).collect();
    Ok(Decoded {
        i,
        stored: z.len() as u64,
        entities,
        root: root_from_leaf_hashes(leaves),
    })
}
