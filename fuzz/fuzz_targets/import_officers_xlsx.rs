//! Fuzzes reading and validating an officers workbook (`.xlsx`, built from the
//! input by `dualdraw::fuzzing::xlsx_from_fuzz`): never a panic, inside
//! calamine or out; what is read keeps the limits; accepted records commit.
#![no_main]
use dualdraw::fuzzing::import_xlsx;
use dualdraw::RegistryKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    import_xlsx(RegistryKind::Officers, data);
});
