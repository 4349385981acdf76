//! Fuzzes reading and validating a recusals file: any bytes must give records or a
//! list of problems, never a panic; accepted records must commit.
#![no_main]
use dualdraw::fuzzing::import_bytes;
use dualdraw::RegistryKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    import_bytes(RegistryKind::Recusals, data);
});
