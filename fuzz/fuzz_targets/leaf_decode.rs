//! Fuzzes decoding of canonical leaves (published snapshots, proofs): never
//! panics, and what decodes re-encodes to the same bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dualdraw::fuzzing::leaf_decode(data);
});
