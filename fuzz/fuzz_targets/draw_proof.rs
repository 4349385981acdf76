//! Fuzzes draw-proof JSON parsing and light verification: never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dualdraw::fuzzing::draw_proof(data);
});
