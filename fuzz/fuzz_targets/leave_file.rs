//! Fuzzes leave files: never panics; problems name real lines.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dualdraw::fuzzing::leave_file(data);
});
