//! Permanent random numbers (永久随机数, `docs/SPEC.md` §5) and their order.
//!
//! `prn = SHA-256(P ‖ lp(uscc))` with `P` one 64-byte block, so every PRN
//! starts from the same state after `P`: [`PrnHasher`] saves it once and
//! finishes each hash with a single call of the crate's compression function
//! on one prepared final block (`lp(uscc)`, the padding and the bit length).
//! The hash itself is `sha2`'s; only the block layout, which the spec and
//! FIPS 180-4 fix, is written here.

use crate::core::campaign::Ratio;
use crate::core::merkle::Hash;
use crate::core::uscc::LEN as USCC_LEN;
use sha2::digest::consts::U64;
use sha2::digest::generic_array::GenericArray;
use sha2::{Digest, Sha256};

/// One SHA-256 block as `sha2::compress256` takes it.
type Block = GenericArray<u8, U64>;

/// How many codes a [`StateBatch`] takes at once.
pub(crate) const PRN_BATCH: usize = 16;

/// The initial hash value of SHA-256 (FIPS 180-4 §5.3.3).
const SHA256_IV: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];

/// The longest USCC whose `lp(uscc)`, the `0x80` byte and the 8-byte length
/// still fit in one block after `P`.
const ONE_BLOCK_MAX: usize = 64 - 4 - 1 - 8;

/// The fixed first block `P`: `dualdraw-prn-v1` padded to 32 bytes, then the
/// seed.
fn prefix_block(seed: &Hash) -> [u8; 64] {
    let mut block = [0u8; 64];
    block[..15].copy_from_slice(b"dualdraw-prn-v1");
    block[32..].copy_from_slice(&seed.0);
    block
}

/// The final block of `P ‖ lp(uscc)` for a USCC of `len ≤ ONE_BLOCK_MAX`
/// bytes, without the USCC: its length prefix, the `0x80` byte and the
/// message length in bits (FIPS 180-4 §5.1.1).
fn final_block_template(len: usize) -> Block {
    let mut b = Block::default();
    b[..4].copy_from_slice(&(len as u32).to_be_bytes());
    b[4 + len] = 0x80;
    b[56..].copy_from_slice(&(((64 + 4 + len) as u64) * 8).to_be_bytes());
    b
}

fn state_hash(state: &[u32; 8]) -> Hash {
    let mut out = [0u8; 32];
    for (o, w) in out.chunks_exact_mut(4).zip(state) {
        o.copy_from_slice(&w.to_be_bytes());
    }
    Hash(out)
}

/// PRNs of one seed (§5), each from the saved state after `P`: one
/// compression per entity, no allocation.
#[derive(Debug, Clone)]
pub struct PrnHasher {
    seed: Hash,
    state: [u32; 8],
    template: Block,
}

impl PrnHasher {
    /// Hashes `P` for `seed` once.
    pub fn new(seed: &Hash) -> Self {
        let mut state = SHA256_IV;
        sha2::compress256(&mut state, &[Block::from(prefix_block(seed))]);
        PrnHasher {
            seed: *seed,
            state,
            template: final_block_template(USCC_LEN),
        }
    }

    /// The PRN of an 18-byte USCC: the prepared final block with the code
    /// copied in, one compression.
    #[inline]
    pub fn prn18(&self, uscc: &[u8; USCC_LEN]) -> Hash {
        let mut block = self.template;
        block[4..4 + USCC_LEN].copy_from_slice(uscc);
        let mut state = self.state;
        sha2::compress256(&mut state, std::slice::from_ref(&block));
        state_hash(&state)
    }

    /// The compression state that ends the PRN of an 18-byte USCC: its first
    /// two words are the PRN's first 64 bits (the ordering value's, when the
    /// key starts from zero), and it is made a [`struct@Hash`] only when kept
    /// ([`PrnHasher::hash_of`]).
    #[inline]
    pub fn state18(&self, uscc: &[u8; USCC_LEN]) -> [u32; 8] {
        let mut block = self.template;
        block[4..4 + USCC_LEN].copy_from_slice(uscc);
        let mut state = self.state;
        sha2::compress256(&mut state, std::slice::from_ref(&block));
        state
    }

    /// The PRN of a state [`PrnHasher::state18`] returned.
    #[inline]
    pub fn hash_of(state: &[u32; 8]) -> Hash {
        state_hash(state)
    }

    /// The PRN of any USCC text (`SHA-256(P ‖ lp(uscc))`); codes of up to 51
    /// bytes take one compression, longer ones the whole hash.
    #[inline]
    pub fn prn(&self, uscc: &[u8]) -> Hash {
        if let Ok(fixed) = <&[u8; USCC_LEN]>::try_from(uscc) {
            return self.prn18(fixed);
        }
        if uscc.len() <= ONE_BLOCK_MAX {
            let mut block = final_block_template(uscc.len());
            block[4..4 + uscc.len()].copy_from_slice(uscc);
            let mut state = self.state;
            sha2::compress256(&mut state, std::slice::from_ref(&block));
            return state_hash(&state);
        }
        full_prn(&self.seed, uscc)
    }
}

/// Codes numbered [`PRN_BATCH`] at a time, each as [`PrnHasher::state18`]
/// numbers it: every final block is written before the first is
/// compressed, so no compression waits for the copy of its code into its
/// block (the draw at 10,000,000 entities took 1.6× the time with one code
/// at a time on the same machine; `docs/BENCHMARKS.md`).
pub(crate) struct StateBatch {
    blocks: [Block; PRN_BATCH],
    len: usize,
}

impl StateBatch {
    /// An empty batch for `h`'s final blocks.
    pub(crate) fn new(h: &PrnHasher) -> Self {
        StateBatch {
            blocks: std::array::from_fn(|_| h.template),
            len: 0,
        }
    }

    /// How many codes wait.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Adds a code; `true` when the batch is full and must be run before
    /// the next one is added.
    #[inline]
    pub(crate) fn push(&mut self, uscc: &[u8; USCC_LEN]) -> bool {
        if let Some(b) = self.blocks.get_mut(self.len) {
            b[4..4 + USCC_LEN].copy_from_slice(uscc);
            self.len += 1;
        }
        self.len == PRN_BATCH
    }

    /// Calls `f(j, state)` for the `j`-th code added since the last run, in
    /// the order they were added, and empties the batch.
    #[inline]
    pub(crate) fn run(&mut self, h: &PrnHasher, mut f: impl FnMut(usize, &[u32; 8])) {
        let mut states = [[0u32; 8]; PRN_BATCH];
        for (st, b) in states.iter_mut().zip(&self.blocks[..self.len]) {
            *st = h.state;
            sha2::compress256(st, std::slice::from_ref(b));
        }
        for (j, st) in states[..self.len].iter().enumerate() {
            f(j, st);
        }
        self.len = 0;
    }
}

/// `SHA-256(P ‖ lp(uscc))` hashed whole, as the spec writes it.
fn full_prn(seed: &Hash, uscc: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update(prefix_block(seed));
    h.update((uscc.len() as u32).to_be_bytes());
    h.update(uscc);
    Hash(h.finalize().into())
}

/// An entity's permanent random number (永久随机数): `SHA-256(P ‖ lp(uscc))`.
/// Many PRNs of one seed are faster with one [`PrnHasher`].
pub fn prn(seed: &Hash, uscc: &str) -> Hash {
    PrnHasher::new(seed).prn(uscc.as_bytes())
}

/// How PRNs (永久随机数) are read (§5): the seed they come from and the
/// starting point subtracted before ordering (zero unless the campaign is
/// coordinated).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrnKey {
    /// The PRN seed: the draw's seed, or the group seed of a coordinated campaign.
    pub seed: Hash,
    /// `floor(start · 2^256)` as 32 big-endian bytes.
    pub offset: Hash,
}

impl PrnKey {
    /// PRNs from `seed`, read from the start `start` (`None`: from zero).
    pub fn new(seed: Hash, start: Option<Ratio>) -> Self {
        PrnKey {
            seed,
            offset: start.map_or(Hash([0; 32]), start_offset),
        }
    }

    /// An uncoordinated draw's key: the seed, from zero.
    pub fn plain(seed: Hash) -> Self {
        Self::new(seed, None)
    }

    /// The ordering value of a PRN: `(prn − offset) mod 2^256`.
    #[inline]
    pub fn order(&self, prn: &Hash) -> Hash {
        if self.offset.0 == [0; 32] {
            return *prn;
        }
        let mut out = [0u8; 32];
        let mut borrow = 0i16;
        for i in (0..32).rev() {
            let mut d = i16::from(prn.0[i]) - i16::from(self.offset.0[i]) - borrow;
            borrow = 0;
            if d < 0 {
                d += 256;
                borrow = 1;
            }
            out[i] = d as u8;
        }
        Hash(out)
    }

    /// The PRN whose ordering value is `v`: `(v + offset) mod 2^256`.
    pub fn unorder(&self, v: &Hash) -> Hash {
        let mut out = [0u8; 32];
        let mut carry = 0u16;
        for i in (0..32).rev() {
            let d = u16::from(v.0[i]) + u16::from(self.offset.0[i]) + carry;
            out[i] = (d & 0xff) as u8;
            carry = d >> 8;
        }
        Hash(out)
    }
}

/// A coordination starting point (样本协调起点): `floor(p · 2^256 / q)`
/// for `p < q`, as 32 big-endian bytes (long division).
pub fn start_offset(r: Ratio) -> Hash {
    let q = u128::from(r.q());
    let mut rem = u128::from(r.p()) % q;
    let mut out = [0u8; 32];
    for byte in out.iter_mut() {
        let num = rem << 8;
        *byte = (num / q) as u8;
        rem = num % q;
    }
    Hash(out)
}
