//! Fuzzes campaign TOML parsing: never panics; what parses keeps its hash
//! through a JSON round trip.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        dualdraw::fuzzing::campaign_toml(s);
    }
});
