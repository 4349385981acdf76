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
use crate::io::import::limits::{MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, MAX_SHEET_ROWS};
use crate::io::import::{
    ImportError, ImportOptions, Table, parse_table, read_csv_bytes, read_xlsx_bytes,
};

/// Reads `data` as a CSV file of `kind` and validates it against a small
/// fixed workspace. Every problem must name a line that exists; accepted
/// records must have unique keys and commit.
pub fn import_bytes(kind: RegistryKind, data: &[u8]) {
    let Ok(table) = read_csv_bytes(data, "fuzz.csv", None) else {
        return;
    };
    let max_line = 1 + data.iter().filter(|&&b| b == b'\n').count() as u64;
    import_table(kind, &table, "fuzz.csv", max_line);
}

/// As [`import_bytes`] for a workbook made of `data` (see [`xlsx_from_fuzz`]).
pub fn import_xlsx(kind: RegistryKind, data: &[u8]) {
    let Some(table) = xlsx_table(data) else {
        return;
    };
    import_table(kind, &table, "fuzz.xlsx", MAX_SHEET_ROWS);
}

fn import_table(kind: RegistryKind, table: &Table, file: &str, max_line: u64) {
    let current = Registries::default();
    for delta in [false, true] {
        let opts = ImportOptions {
            delta,
            ..ImportOptions::default()
        };
        match parse_table(kind, table, file, &opts, &current) {
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

/// Reads a workbook made of `data`: never panics (a panic inside calamine is
/// an error); what is read keeps the limits.
fn xlsx_table(data: &[u8]) -> Option<Table> {
    let t = read_xlsx_bytes(&xlsx_from_fuzz(data), "fuzz.xlsx").ok()?;
    assert!(t.rows.len() <= MAX_ROWS);
    assert!(t.headers.len() <= MAX_COLUMNS);
    assert!(t.header_line >= 1 && t.header_line <= MAX_SHEET_ROWS);
    for (line, r) in &t.rows {
        assert!(*line > t.header_line && *line <= MAX_SHEET_ROWS);
        assert!(r.len() <= MAX_COLUMNS);
        assert!(r.iter().all(|c| c.chars().count() <= MAX_CELL_CHARS));
    }
    Some(t)
}

/// A workbook made of fuzz input: input starting with `PK` is a whole zip;
/// otherwise the bytes before the first NUL are the sheet's XML (inside
/// `<sheetData>`, unless they hold their own `<sheetData`) and the rest the
/// shared strings (inside `<sst>`), packed by [`xlsx`].
pub fn xlsx_from_fuzz(data: &[u8]) -> Vec<u8> {
    if data.starts_with(b"PK") {
        return data.to_vec();
    }
    let (sheet, strings) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], Some(&data[i + 1..])),
        None => (data, None),
    };
    let has_sheet_data = sheet.windows(10).any(|w| w == b"<sheetData");
    let mut xml = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">".to_vec();
    if !has_sheet_data {
        xml.extend_from_slice(b"<sheetData>");
    }
    xml.extend_from_slice(sheet);
    if !has_sheet_data {
        xml.extend_from_slice(b"</sheetData>");
    }
    xml.extend_from_slice(b"</worksheet>");
    let sst = strings.map(|s| {
        let mut x = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">".to_vec();
        x.extend_from_slice(s);
        x.extend_from_slice(b"</sst>");
        x
    });
    xlsx(&xml, sst.as_deref())
}

/// A minimal `.xlsx`: one sheet whose XML is `sheet`, and shared strings
/// (a whole `sharedStrings.xml`) when given, in a zip whose parts are stored
/// uncompressed. For tests and fuzzing: hostile workbooks are written with it.
pub fn xlsx(sheet: &[u8], shared_strings: Option<&[u8]>) -> Vec<u8> {
    const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const PKG: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
    let types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
    let rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    );
    let workbook = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    );
    let workbook_rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#
    );
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", rels.as_bytes()),
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", workbook_rels.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    if let Some(s) = shared_strings {
        parts.push(("xl/sharedStrings.xml", s));
    }
    stored_zip(&parts)
}

/// A zip archive of `files`, stored without compression.
fn stored_zip(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut table = [0u32; 256];
    for (i, t) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 == 1 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *t = c;
    }
    let crc32 = |data: &[u8]| {
        !data.iter().fold(!0u32, |c, &b| {
            table[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8)
        })
    };
    let (mut out, mut dir) = (Vec::new(), Vec::new());
    for (name, data) in files {
        let offset = out.len() as u32;
        let (crc, size, name_len) = (crc32(data), data.len() as u32, name.len() as u16);
        // Local header: signature, version 2.0, no flags, stored, 1980-01-01 00:00.
        out.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x21\x00");
        for v in [crc, size, size] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&name_len.to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        dir.extend_from_slice(b"PK\x01\x02\x14\x00\x14\x00\x00\x00\x00\x00\x00\x00\x21\x00");
        for v in [crc, size, size] {
            dir.extend_from_slice(&v.to_le_bytes());
        }
        dir.extend_from_slice(&name_len.to_le_bytes());
        dir.extend_from_slice(&[0; 12]); // extra, comment, disk, attributes
        dir.extend_from_slice(&offset.to_le_bytes());
        dir.extend_from_slice(name.as_bytes());
    }
    let (dir_at, dir_len, n) = (out.len() as u32, dir.len() as u32, files.len() as u16);
    out.extend_from_slice(&dir);
    out.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00");
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&dir_len.to_le_bytes());
    out.extend_from_slice(&dir_at.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
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
    let max_line = 1 + data.iter().filter(|&&b| b == b'\n').count() as u64;
    leave_table(&table, "leave.csv", max_line);
}

/// As [`leave_file`] for a workbook made of `data` (see [`xlsx_from_fuzz`]).
pub fn leave_xlsx(data: &[u8]) {
    if let Some(table) = xlsx_table(data) {
        leave_table(&table, "leave.xlsx", MAX_SHEET_ROWS);
    }
}

fn leave_table(table: &Table, file: &str, max_line: u64) {
    let known: std::collections::BTreeSet<String> = ["O1".to_string(), "O2".to_string()].into();
    match crate::io::leave::parse_leave(table, file, &known) {
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
    if let Ok(table) = read_csv_bytes(data, "fuzz.csv", None) {
        results_table(&table, "fuzz.csv");
    }
}

/// As [`results_import`] for a workbook made of `data` (see [`xlsx_from_fuzz`]).
pub fn results_xlsx(data: &[u8]) {
    if let Some(table) = xlsx_table(data) {
        results_table(&table, "fuzz.xlsx");
    }
}

fn results_table(table: &Table, file: &str) {
    let (rows, problems) = crate::io::import::results::parse_table(table, file, "C");
    for (line, r) in rows {
        assert!(line >= 1);
        assert!(crate::core::registry::control_character(&r.target, false).is_none());
        let _ = crate::core::results::category(&r.result);
    }
    for p in problems {
        assert!(p.line >= 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sheet XML, then NUL and shared strings: what the xlsx targets start from.
    const XLSX_SEEDS: &[&str] = &[
        "",
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>O1</t></is></c><c r=\"B2\"><v>46090</v></c></row>\0<si><t>执法证号</t></si><si><t>开始日期</t></si>",
        // A shared string index past the end: calamine panics.
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row>\0<si><t>x</t></si>",
        // Cells at both corners of the grid: calamine's Range would allocate it all.
        "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row>",
        "<dimension ref=\"A1:XFD99999999\"/><sheetData><row><c><v>1</v></c></row></sheetData>",
        "<row r=\"99999999999\"><c r=\"A99999999999\"><v>1</v></c></row>",
        "<row><c t=\"inlineStr\"><is><t>a_x0000_b</t></is></c></row>",
        "PK\u{3}\u{4}",
    ];

    #[test]
    fn xlsx_round_trips_through_the_stored_zip() {
        let t = read_xlsx_bytes(&xlsx_from_fuzz(XLSX_SEEDS[1].as_bytes()), "x.xlsx").unwrap();
        assert_eq!(t.headers, vec!["执法证号", "开始日期"]);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].0, 2);
        assert_eq!(&t.rows[0].1[0], "O1");
        assert_eq!(&t.rows[0].1[1], "46090"); // no date style: a number
        let e = read_xlsx_bytes(&xlsx_from_fuzz(XLSX_SEEDS[2].as_bytes()), "x.xlsx")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("x.xlsx: damaged workbook"), "{e}");
        let e = read_xlsx_bytes(&xlsx_from_fuzz(XLSX_SEEDS[3].as_bytes()), "x.xlsx")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("x.xlsx:1048576:16384: "), "{e}");
    }

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
        for junk in XLSX_SEEDS {
            for kind in RegistryKind::ALL {
                import_xlsx(kind, junk.as_bytes());
            }
            results_xlsx(junk.as_bytes());
            leave_xlsx(junk.as_bytes());
        }
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
