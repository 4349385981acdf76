//! Fuzzes parsing and verifying record proofs (JSON): never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dualdraw::fuzzing::record_proof(data);
});
