//! Fuzzes recorded schedules: never panics; accepted dates keep every rule.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dualdraw::fuzzing::schedule_record(data);
});
