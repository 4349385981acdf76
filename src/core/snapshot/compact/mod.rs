//! Compact public snapshots (`dualdraw-public-snapshot-v2`,
//! `docs/COMMITMENTS.md` §9): the records of a JSON public snapshot (§8) in
//! blocks of columns with dictionary-coded strings, raw DEFLATE per block, an
//! index of the blocks and a fixed trailer. A verifier streams it one block
//! at a time; an enterprise finds its record and inclusion path from the
//! trailer, the index and one block.
//!
//! ```
//! use dualdraw::core::commitment::{SaltKey, SnapshotRoots};
//! use dualdraw::core::registry::Registries;
//! use dualdraw::core::snapshot::compact::{CompactReader, CompactWriter};
//! use dualdraw::core::record_proof::SnapshotRef;
//!
//! let reg = Registries::default();
//! let key = SaltKey::from_bytes([7; 32]);
//! let sref = SnapshotRef::new(1, SnapshotRoots::compute(&reg, &key));
//! let mut w = CompactWriter::start(Vec::new(), &reg, &key, sref)?;
//! w.entities(&reg.entities)?;
//! let bytes = w.finish()?;
//! let mut r = CompactReader::open(&bytes[..])?;
//! while let Some(block) = r.next_block()? {
//!     assert!(!block.is_empty());
//! }
//! let roots = r.finish()?;
//! assert_eq!(roots, SnapshotRoots::compute(&reg, &key));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod block;
mod lookup;
mod read;
mod write;

pub use lookup::{Found, LookedUp, Proven, look_up};
pub use read::CompactReader;
pub use write::CompactWriter;

use crate::core::commitment::PublicRecusal;
use crate::core::merkle::Hash;
use crate::core::record_proof::SnapshotRef;
use crate::core::registry::{Item, Officer};
use serde::{Deserialize, Serialize};

/// Format tag of a compact public snapshot's head.
pub const COMPACT_FORMAT: &str = "dualdraw-public-snapshot-v2";
/// The file's first 8 bytes.
pub const MAGIC: &[u8; 8] = b"DDPSNAP2";
/// The file's last 8 bytes.
pub const END: &[u8; 8] = b"DDPSEND2";
/// Entities per block written ([`CompactWriter`]).
pub const BLOCK_SIZE: u32 = 4096;
/// Largest head accepted (256 MiB).
pub const MAX_HEAD_BYTES: u32 = 256 << 20;
/// Largest inflated block accepted (64 MiB).
pub const MAX_BLOCK_BYTES: u32 = 64 << 20;
/// Bytes of one index entry: offset, first USCC, block root.
pub const INDEX_ENTRY_BYTES: usize = 8 + 18 + 32;
/// Bytes of the trailer: index offset, block count, [`END`].
pub const TRAILER_BYTES: usize = 8 + 4 + 8;

/// Whether `head` (a file's first bytes) starts a compact snapshot.
pub fn is_compact(head: &[u8]) -> bool {
    head.starts_with(MAGIC)
}

/// How a compact snapshot's entities are cut into blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityBlocks {
    /// Entities in the snapshot (`snapshot.roots.entities.size`).
    pub count: u64,
    /// Entities per block (a power of two from 256 to 65,536).
    pub block_size: u32,
}

impl EntityBlocks {
    /// Blocks in the file.
    pub fn blocks(&self) -> u64 {
        self.count.div_ceil(u64::from(self.block_size.max(1)))
    }
}

/// The head of a compact public snapshot (公开快照头): everything but the
/// entities, which follow in blocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompactHead {
    /// [`COMPACT_FORMAT`].
    pub format: String,
    /// The snapshot it is.
    pub snapshot: SnapshotRef,
    /// Items, by code.
    pub items: Vec<Item>,
    /// Officers, by id.
    pub officers: Vec<Officer>,
    /// Recusals' commitments, in leaf order.
    pub recusals: Vec<PublicRecusal>,
    /// How the entities are cut.
    pub entities: EntityBlocks,
}

/// One entry of the index at the end of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexEntry {
    /// Where the block starts in the file.
    pub offset: u64,
    /// Its first entity's USCC.
    pub first: [u8; 18],
    /// The root of its entities' leaves.
    pub root: Hash,
}

impl IndexEntry {
    fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.offset.to_be_bytes());
        out.extend_from_slice(&self.first);
        out.extend_from_slice(&self.root.0);
    }

    fn decode(b: &[u8]) -> Self {
        let mut offset = [0u8; 8];
        offset.copy_from_slice(&b[..8]);
        let mut first = [0u8; 18];
        first.copy_from_slice(&b[8..26]);
        let mut root = [0u8; 32];
        root.copy_from_slice(&b[26..58]);
        IndexEntry {
            offset: u64::from_be_bytes(offset),
            first,
            root: Hash(root),
        }
    }
}

/// Why a compact snapshot is not what §9 says (紧凑快照格式错误).
#[derive(Debug, thiserror::Error)]
pub enum CompactError {
    /// The file could not be read.
    #[error("compact public snapshot: {0}")]
    Io(#[from] std::io::Error),
    /// Something in the file breaks §9; `at` names where.
    #[error("compact public snapshot, {at}: {why}")]
    Format {
        /// Where: the head, block `i`, the index, the trailer.
        at: String,
        /// What is wrong.
        why: String,
    },
}

impl CompactError {
    fn at(at: impl Into<String>, why: impl Into<String>) -> Self {
        CompactError::Format {
            at: at.into(),
            why: why.into(),
        }
    }
}

/// `inflate(stored)` of a block that says it inflates to `raw` bytes: never
/// more than `raw + 1` bytes produced, exactly one DEFLATE stream (§9.1).
fn inflate(stored: &[u8], raw: u32) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut d = flate2::bufread::DeflateDecoder::new(stored);
    let mut body = Vec::with_capacity(raw as usize);
    (&mut d)
        .take(u64::from(raw) + 1)
        .read_to_end(&mut body)
        .map_err(|e| format!("not raw DEFLATE: {e}"))?;
    if body.len() > raw as usize {
        return Err(format!("inflates to more than the {raw} bytes it says"));
    }
    if body.len() < raw as usize {
        return Err(format!("inflates to {} bytes, it says {raw}", body.len()));
    }
    if d.total_in() != stored.len() as u64 {
        return Err(format!(
            "{} bytes follow the DEFLATE stream",
            stored.len() as u64 - d.total_in()
        ));
    }
    Ok(body)
}

/// The largest `stored_len` a block of `raw` inflated bytes may have (§9.2).
fn max_stored(raw: u32) -> u64 {
    u64::from(raw) + u64::from(raw) / 1024 + 1024
}

/// Appends `uv(n)` (unsigned LEB128, shortest form).
fn put_uv(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// `YYYY-MM-DD` as `YYYY·10000 + MM·100 + DD`.
fn date_number(d: &str) -> Option<u32> {
    let b = d.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |s: &[u8]| -> Option<u32> {
        s.iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    Some(num(&b[..4])? * 10_000 + num(&b[5..7])? * 100 + num(&b[8..])?)
}

/// The text of a date number (four-digit year).
fn date_text(n: u32) -> String {
    let (y, m, d) = (n / 10_000, n / 100 % 100, n % 100);
    if y > 9999 {
        return format!("{y:04}-{m:02}-{d:02}");
    }
    let digit = |v: u32| char::from(b'0' + (v % 10) as u8);
    [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        '-',
        digit(m / 10),
        digit(m),
        '-',
        digit(d / 10),
        digit(d),
    ]
    .iter()
    .collect()
}

#[cfg(test)]
mod tests;
