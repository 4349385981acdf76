//! Issue 13, exports that can't attack their reader: a county whose entity
//! and officer names begin with `=`, `+`, `-`, `@` (formula injection), run
//! on the real clock through announce, reveal, draw, publish and the yearly
//! report. Every CSV the project wrote neutralises such cells (OWASP: a
//! leading `'`), and no xlsx it wrote holds a formula cell.

use calamine::Reader;
use std::path::{Path, PathBuf};
use std::process::Command;

fn dd(ws: &Path, args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_dualdraw"))
        .arg("-w")
        .arg(ws)
        .args(args)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.status.success(), "{args:?}: {text}");
    text
}

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, ext, out);
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
}

const HOSTILE: [&str; 6] = [
    "=HYPERLINK(\"http://example.invalid\",\"点此\")",
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\tTAB",
    "\rCR",
];

/// Rewrites column `col` of a CSV file: row i gets `HOSTILE[i % 6]` in front.
fn poison(path: &Path, col: usize) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().unwrap().clone();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&header).unwrap();
    for (i, rec) in r.records().enumerate() {
        let mut rec: Vec<String> = rec.unwrap().iter().map(str::to_string).collect();
        // Tab and CR are control characters, refused by imports; the others pass.
        let h = HOSTILE[i % 4];
        rec[col] = format!("{h}{}", rec[col]);
        w.write_record(&rec).unwrap();
    }
    std::fs::write(path, w.into_inner().unwrap()).unwrap();
}

#[test]
fn no_written_csv_or_xlsx_can_run_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    let county = dir.path().join("county");
    let ws = dir.path().join("ws");
    dd(
        dir.path(),
        &[
            "generate",
            "--seed",
            "13",
            "--entities",
            "300",
            "--out",
            county.to_str().unwrap(),
        ],
    );
    poison(&county.join("entities.csv"), 1);
    poison(&county.join("officers.csv"), 1);
    dd(&ws, &["init"]);
    for k in ["items", "entities", "officers", "recusals"] {
        let f = county.join(format!("{k}.csv"));
        dd(&ws, &["import", k, f.to_str().unwrap()]);
    }
    let secret = "0123456789abcdef0123456789abcdef";
    let commitment = dualdraw::core::entropy::witness_commitment(secret);
    let today = (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive();
    let campaign = format!(
        r#"id = "X-1"
title = "导出安全"
lead_department = "县市场监管局"
draw_date = "{today}"
items = ["SC-001", "JY-002"]
[targets]
categories = ["民办学校", "食品销售经营者"]
[[targets.strata]]
credit_class = "A"
ratio = "20%"
[[targets.strata]]
credit_class = "B"
ratio = "20%"
[[targets.strata]]
credit_class = "C"
ratio = "20%"
[[targets.strata]]
credit_class = "D"
ratio = "20%"
[teams]
min_size = 2
per_department = 1
[entropy]
witnesses = [{{ name = "甲", commitment = "{commitment}" }}]
"#
    );
    let toml = dir.path().join("x.toml");
    std::fs::write(&toml, campaign).unwrap();
    dd(&ws, &["campaign", "announce", toml.to_str().unwrap()]);
    dd(&ws, &["campaign", "reveal", "X-1", &format!("甲={secret}")]);
    dd(&ws, &["campaign", "draw", "X-1"]);
    dd(&ws, &["publish", "X-1"]);
    let year = today.format("%Y").to_string();
    dd(&ws, &["report", &year]);

    let mut csvs = Vec::new();
    files(&ws, "csv", &mut csvs);
    assert!(csvs.len() >= 3, "{csvs:?}");
    let mut neutralized = 0;
    for f in &csvs {
        let text = std::fs::read_to_string(f).unwrap();
        let text = text.trim_start_matches('\u{FEFF}');
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        for rec in r.records() {
            for cell in rec.unwrap().iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{}: cell {cell:?} would run as a formula",
                    f.display()
                );
                if cell.starts_with("'=") || cell.starts_with("'@") || cell.starts_with("'+") {
                    neutralized += 1;
                }
            }
        }
    }
    // The hostile names did reach the published list and were neutralised.
    assert!(neutralized > 0, "no hostile name reached a CSV");

    let mut xlsxs = Vec::new();
    files(&ws, "xlsx", &mut xlsxs);
    assert!(!xlsxs.is_empty());
    for f in &xlsxs {
        let mut wb = calamine::open_workbook_auto(f).unwrap();
        for name in wb.sheet_names().to_vec() {
            let formulas = wb.worksheet_formula(&name).unwrap();
            let n = formulas
                .used_cells()
                .filter(|(_, _, v)| !v.is_empty())
                .count();
            assert_eq!(
                n,
                0,
                "{}: sheet {name} holds {n} formula cell(s)",
                f.display()
            );
            // Hostile text is stored as text, as the registry had it.
            let range = wb.worksheet_range(&name).unwrap();
            assert!(
                range
                    .used_cells()
                    .all(|(_, _, v)| !matches!(v, calamine::Data::Error(_)))
            );
        }
    }
}

#[test]
fn a_witness_name_that_would_break_name_equals_secret_is_refused_at_announce() {
    let base = |name: &str| {
        format!(
            r#"id = "W-1"
title = "t"
lead_department = "县市场监管局"
draw_date = "2026-03-02"
items = ["SC-001"]
[[targets.strata]]
credit_class = "A"
ratio = "3%"
[teams]
min_size = 2
[entropy]
witnesses = [{{ name = "{name}", commitment = "{}" }}]
"#,
            "ab".repeat(32)
        )
    };
    for bad in ["甲=乙", "甲\\u0000", "甲\\n乙", "\\ufeff甲"] {
        let e = dualdraw::Campaign::from_toml(&base(bad)).unwrap_err();
        assert!(e.to_string().contains("witness name"), "{bad}: {e}");
    }
    assert!(dualdraw::Campaign::from_toml(&base("义务监督员甲")).is_ok());
}
