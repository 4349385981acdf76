//! Fuzzes annual plan parsing: never panics; parsed campaigns pass their checks.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        dualdraw::fuzzing::plan_toml(s);
    }
});
