//! Fuzzes reading results files: never panics; problems name their lines.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dualdraw::fuzzing::results_import(data);
});
