//! Fuzzes exported-ledger parsing and chain verification: never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dualdraw::fuzzing::ledger_jsonl(data);
});
