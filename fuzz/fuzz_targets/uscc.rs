//! Fuzzes USCC validation: never panics; what parses re-parses to itself and
//! has a check character that GB 32100-2015 recomputes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        dualdraw::fuzzing::uscc(s);
    }
});
