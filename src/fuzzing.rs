//! Harnesses shared by the cargo-fuzz targets in `fuzz/` (and run on fixed
//! inputs by the unit tests below). Each takes arbitrary bytes and checks the
//! invariants that must hold for any input; a violated invariant panics, which
//! is what the fuzzer looks for.

use crate::core::commitment::{
    PublicEntity, PublicRecusal, SaltKey, item_from_leaf, item_leaf, officer_from_leaf,
    officer_leaf, registry_root,
};
use crate::core::registry::{Registries, RegistryKind};
use crate::core::uscc::{Uscc, UsccError, check_character};
use crate::io::import::{ImportError, ImportOptions, parse_table, read_csv_bytes};

/// Reads `data` as a CSV file of `kind` and validates it against a small
/// fixed workspace. Every problem must name a line that exists; accepted
/// records must have unique keys and commit.
pub fn import_bytes(kind: RegistryKind, data: &[u8]) {
    let Ok(table) = read_csv_bytes(data, "fuzz.csv", None) else {
        return;
    };
    let current = Registries::default();
    let max_line = 1 + data.iter().filter(|&&b| b == b'\n').count() as u64;
    for delta in [false, true] {
        let opts = ImportOptions {
            delta,
            ..ImportOptions::default()
        };
        match parse_table(kind, &table, "fuzz.csv", &opts, &current) {
            Ok(p) => {
                let mut reg = Registries::default();
                match p.records {
                    crate::io::import::Records::Items(v) => reg.items = v,
                    crate::io::import::Records::Entities(v) => reg.entities = v,
                    crate::io::import::Records::Officers(v) => reg.officers = v,
                    crate::io::import::Records::Recusals(v) => reg.recusals = v,
                }
                let reg = Registries::new(reg.items, reg.entities, reg.officers, reg.recusals)
                    .expect("accepted records have unique keys");
                let _ = registry_root(&reg, kind, &SaltKey::from_bytes([0; 32]));
            }
            Err(ImportError::Rejected { problems, .. }) => {
                assert!(!problems.is_empty());
                for p in problems {
                    assert!(
                        p.line <= max_line,
                        "line {} past the end ({max_line})",
                        p.line
                    );
                }
            }
            Err(_) => {}
        }
    }
}

/// Validates `s` as a USCC.
pub fn uscc(s: &str) {
    match Uscc::parse(s) {
        Ok(u) => {
            assert_eq!(Uscc::parse(u.as_str()).as_ref(), Ok(&u));
            assert_eq!(
                check_character(&u.as_str()[..17]),
                Ok(u.as_str().as_bytes()[17] as char)
            );
        }
        Err(UsccError::CheckCharacter { .. }) => {
            assert!(Uscc::accept_legacy(s).is_ok_and(|u| u.is_legacy()));
        }
        Err(_) => assert!(Uscc::accept_legacy(s).is_err()),
    }
}

/// Decodes `data` as each kind of leaf; what decodes must re-encode to `data`.
pub fn leaf_decode(data: &[u8]) {
    if let Ok(e) = PublicEntity::from_leaf(data) {
        assert_eq!(e.leaf(), data);
    }
    if let Ok(i) = item_from_leaf(data) {
        assert_eq!(item_leaf(&i), data);
    }
    if let Ok(o) = officer_from_leaf(data) {
        assert_eq!(officer_leaf(&o), data);
    }
    if let Ok(r) = PublicRecusal::from_leaf(data) {
        assert_eq!(r.leaf(), data);
    }
}

/// Parses `data` as a record proof and verifies it.
pub fn record_proof(data: &[u8]) {
    if let Ok(p) = serde_json::from_slice::<crate::core::record_proof::RecordProof>(data) {
        let _ = p.verify(None);
    }
}

/// Parses `s` as a campaign file; what parses must survive a JSON round trip
/// with the same canonical hash and pass its own checks.
pub fn campaign_toml(s: &str) {
    if let Ok(c) = crate::core::campaign::Campaign::from_toml(s) {
        assert!(c.check().is_ok());
        let json = serde_json::to_string(&c).expect("serializes");
        let back: crate::core::campaign::Campaign =
            serde_json::from_str(&json).expect("round trip");
        assert_eq!(back.hash(), c.hash());
    }
}

/// Parses `s` as an annual plan: never panics; every campaign of a plan that
/// parses passes its own checks.
pub fn plan_toml(s: &str) {
    if let Ok(p) = crate::plan::Plan::from_toml(s) {
        for c in &p.campaigns {
            assert!(c.check().is_ok());
        }
    }
}

/// Reads `data` as a leave file for two known officers: never panics; every
/// problem names a line that exists, and accepted leave names known officers.
pub fn leave_file(data: &[u8]) {
    let Ok(table) = read_csv_bytes(data, "leave.csv", None) else {
        return;
    };
    let known: std::collections::BTreeSet<String> = ["O1".to_string(), "O2".to_string()].into();
    let max_line = 1 + data.iter().filter(|&&b| b == b'\n').count() as u64;
    match crate::io::leave::parse_leave(&table, "leave.csv", &known) {
        Ok(m) => assert!(m.keys().all(|o| known.contains(o))),
        Err(issues) => {
            assert!(!issues.is_empty());
            assert!(issues.iter().all(|i| i.line <= max_line));
        }
    }
}

/// Parses `data` as a recorded schedule and re-checks it: never panics, and
/// dates that pass the check keep every rule.
pub fn schedule_record(data: &[u8]) {
    if let Ok(r) = serde_json::from_slice::<crate::store::ScheduleRecord>(data)
        && let Ok(s) = r.schedule()
    {
        assert!(crate::schedule::check(s.problem(), &s.dates()).is_empty());
    }
}

/// Parses `data` as a draw proof and verifies it (light): never panics.
pub fn draw_proof(data: &[u8]) {
    if let Ok(p) = serde_json::from_slice::<crate::core::proof::DrawProof>(data) {
        let _ = crate::core::verify::verify_light(&p);
    }
}

/// Parses `data` as an exported ledger (JSON Lines) and verifies the chain:
/// never panics; an intact chain's head is its last hash.
pub fn ledger_jsonl(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let entries: Result<Vec<crate::ledger::Entry>, _> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect();
    if let Ok(entries) = entries
        && let Ok(head) = crate::ledger::verify_chain(&entries)
    {
        assert_eq!(
            head,
            entries
                .last()
                .map(|e| e.hash)
                .unwrap_or(crate::core::merkle::Hash([0; 32]))
        );
    }
}

/// Reads `data` as a results file: never panics; every problem names a line.
pub fn results_import(data: &[u8]) {
    let Ok(table) = read_csv_bytes(data, "fuzz.csv", None) else {
        return;
    };
    let (rows, problems) = crate::io::import::results::parse_table(&table, "fuzz.csv", "C");
    for (line, r) in rows {
        assert!(line >= 1);
        let _ = crate::core::results::category(&r.result);
    }
    for p in problems {
        assert!(p.line >= 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn harnesses_accept_generated_files_and_garbage() {
        let dir = tempfile::tempdir().unwrap();
        let spec = crate::io::generate::CountySpec {
            entities: 300,
            malformed: 8,
            ..Default::default()
        };
        crate::io::generate::write_county(&spec, dir.path()).unwrap();
        for (kind, f) in RegistryKind::ALL.iter().zip(crate::io::generate::FILES) {
            let bytes = std::fs::read(dir.path().join(f)).unwrap();
            import_bytes(*kind, &bytes);
            import_bytes(*kind, &bytes[..bytes.len() / 2]);
        }
        for junk in [
            &b""[..],
            b"\xff\xfe\x00",
            b"a,b\n\"",
            b"\n\n\n,,,\n",
            "统一社会信用代码\n9\n".as_bytes(),
        ] {
            for kind in RegistryKind::ALL {
                import_bytes(kind, junk);
            }
            leaf_decode(junk);
            record_proof(junk);
            draw_proof(junk);
            ledger_jsonl(junk);
            results_import(junk);
            campaign_toml(std::str::from_utf8(junk).unwrap_or(""));
            plan_toml(std::str::from_utf8(junk).unwrap_or(""));
            leave_file(junk);
            schedule_record(junk);
        }
        leave_file(
            "执法证号,开始日期,结束日期\nO1,2026-03-09,2026-03-11\nO3,2026-03-09,\n".as_bytes(),
        );
        plan_toml("plan = \"p\"\nyear = 2026\n[[campaign]]\nid = \"x\"\n");
        for s in [
            "91350200776049653A",
            "91350203M0001QAY9B",
            "",
            "9135020077604965３A",
            "IIIIIIIIIIIIIIIIII",
        ] {
            uscc(s);
        }
    }
}
