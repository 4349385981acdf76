//! Fuzzes leave workbooks (`.xlsx`, built from the input by
//! `dualdraw::fuzzing::xlsx_from_fuzz`): never panics; problems name real rows.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dualdraw::fuzzing::leave_xlsx(data);
});
