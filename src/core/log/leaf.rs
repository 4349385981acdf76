//! Ledger entries as log leaves (台账条目即日志叶子, `docs/LOG.md` §1).

use crate::core::merkle::{Hash, leaf_hash};

/// The domain tag that starts every leaf.
pub const LEAF_TAG: &[u8] = b"dualdraw-ledger-leaf/v1\n";

/// The leaf data of ledger entry `seq` with chain hash `entry_hash`:
/// `"dualdraw-ledger-leaf/v1\n" ‖ u64be(seq) ‖ raw(entry_hash)` (64 bytes).
pub fn leaf_data(seq: u64, entry_hash: &Hash) -> [u8; 64] {
    let mut out = [0u8; 64];
    out[..24].copy_from_slice(LEAF_TAG);
    out[24..32].copy_from_slice(&seq.to_be_bytes());
    out[32..].copy_from_slice(&entry_hash.0);
    out
}

/// The RFC 6962 leaf hash `SHA-256(0x00 ‖ leaf_data)` of ledger entry `seq`.
pub fn entry_leaf_hash(seq: u64, entry_hash: &Hash) -> Hash {
    leaf_hash(&leaf_data(seq, entry_hash))
}

/// The leaf index of entry `seq` (`seq − 1`), or `None` for `seq` 0.
pub fn leaf_index(seq: u64) -> Option<u64> {
    seq.checked_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaf_is_64_bytes_tag_seq_hash() {
        assert_eq!(LEAF_TAG.len(), 24);
        let h = Hash([0xab; 32]);
        let d = leaf_data(258, &h);
        assert_eq!(&d[..24], LEAF_TAG);
        assert_eq!(&d[24..32], &[0, 0, 0, 0, 0, 0, 1, 2]);
        assert_eq!(&d[32..], &[0xab; 32]);
        assert_eq!(entry_leaf_hash(258, &h), leaf_hash(&d));
        assert_eq!(leaf_index(1), Some(0));
        assert_eq!(leaf_index(0), None);
    }
}
