//! Hostile table files (issue 12, part 5): every one is refused with an error
//! naming the file and the reason, exit code 1, no panic, and without
//! allocating what the file asks for (the binary runs under a 4 GiB address
//! space limit where `prlimit` exists). Each file is made here, in code: the
//! workbooks with `dualdraw::fuzzing::xlsx`, a zip whose parts are stored.

#[path = "cli_support.rs"]
mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use support::*;

/// The demo's drawn campaign.
const CAMPAIGN: &str = "2026-JOINT-01";

/// An address space the old reader blew through (512 GB for the huge range,
/// 4.9 GB for the 10 MB cell) and the refusals stay far below.
const MEMORY_LIMIT: &str = "--as=4294967296";

/// A demo county (`d/county`, drawn campaign in `d/workspace`).
fn demo() -> Ws {
    let w = Ws::bare();
    w.raw(&["demo", "d", "--entities", "300"]).expect(0);
    w
}

/// `dualdraw --lang en -w d/workspace ARGS` under the memory limit (the
/// reasons asserted are the English ones).
fn limited(w: &Ws, args: &[&str]) -> Run {
    let mut all = vec!["--lang", "en", "-w", "d/workspace"];
    all.extend_from_slice(args);
    let have_prlimit = Command::new("prlimit")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !have_prlimit {
        return run_in(w.path(), &all);
    }
    let out = Command::new("prlimit")
        .arg(MEMORY_LIMIT)
        .arg(bin())
        .args(&all)
        .current_dir(w.path())
        .env_remove("DUALDRAW_WORKSPACE")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run prlimit");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        cmd: format!("prlimit {MEMORY_LIMIT} dualdraw {}", all.join(" ")),
    }
}

/// The three ways a table reaches the reader: a registry import, a results
/// import, a leave file.
fn every_path(w: &Ws, file: &str) -> Vec<Run> {
    vec![
        limited(w, &["import", "entities", file, "--today", TODAY]),
        limited(w, &["results", "import", CAMPAIGN, file]),
        limited(
            w,
            &[
                "schedule",
                CAMPAIGN,
                "--leave",
                file,
                "--now",
                "2026-03-20T09:00:00+08:00",
            ],
        ),
    ]
}

/// Exit 1, the file and `reason` named, no panic.
#[track_caller]
fn refused(r: &Run, file: &str, reason: &str) {
    r.expect(1);
    r.has(file).has(reason);
    assert!(
        !r.all().contains("panicked"),
        "`{}` panicked:\n{}",
        r.cmd,
        r.all()
    );
}

fn sheet(rows: &str) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{rows}</worksheet>"#
    )
    .into_bytes()
}

fn shared(strings: &[&str]) -> Vec<u8> {
    let si: String = strings
        .iter()
        .map(|s| format!("<si><t>{s}</t></si>"))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{si}</sst>"#
    )
    .into_bytes()
}

fn write_xlsx(w: &Ws, name: &str, sheet_xml: &[u8], strings: Option<&[u8]>) -> String {
    w.write_bytes(name, &dualdraw::fuzzing::xlsx(sheet_xml, strings))
}

#[test]
fn a_well_formed_stored_workbook_is_read() {
    // The writer the hostile files are made with makes files the reader
    // takes: the demo's entities, as inline strings, import as from CSV.
    let w = demo();
    let rows = csv_rows(&w.read("d/county/entities.csv"));
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
    let xml: String = rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let cells: String = row
                .iter()
                .map(|c| format!(r#"<c t="inlineStr"><is><t>{}</t></is></c>"#, esc(c)))
                .collect();
            format!(r#"<row r="{}">{cells}</row>"#, r + 1)
        })
        .collect();
    let file = write_xlsx(
        &w,
        "entities.xlsx",
        &sheet(&format!("<sheetData>{xml}</sheetData>")),
        None,
    );
    let r = limited(&w, &["import", "entities", &file, "--today", TODAY]);
    r.expect(0);
}

#[test]
fn a_shared_string_index_out_of_range_is_a_damaged_workbook_not_a_panic() {
    let w = demo();
    let file = write_xlsx(
        &w,
        "bad-index.xlsx",
        &sheet(
            r#"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>99</v></c></row></sheetData>"#,
        ),
        Some(&shared(&["统一社会信用代码"])),
    );
    for r in every_path(&w, &file) {
        refused(
            &r,
            "bad-index.xlsx: damaged workbook",
            "index out of bounds",
        );
    }
}

#[test]
fn a_huge_cell_range_is_refused_without_allocating_it() {
    let w = demo();
    // One cell at each corner of Excel's grid: a whole-sheet range is 17
    // billion cells (512 GB); the cell far right is past the columns read.
    let file = write_xlsx(
        &w,
        "corners.xlsx",
        &sheet(
            r#"<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>"#,
        ),
        None,
    );
    for r in every_path(&w, &file) {
        refused(
            &r,
            "corners.xlsx:1048576:16384:",
            "a cell in column XFD (16384), beyond the 1024 columns read",
        );
    }
    // A declared range past the grid.
    let file = write_xlsx(
        &w,
        "declared.xlsx",
        &sheet(
            r#"<dimension ref="A1:XFD9999999"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>"#,
        ),
        None,
    );
    for r in every_path(&w, &file) {
        refused(
            &r,
            "declared.xlsx: sheet \"Sheet1\" declares the range A1:XFD9999999",
            "beyond Excel's 1048576 rows and 16384 columns",
        );
    }
    // A row number past the grid.
    let file = write_xlsx(
        &w,
        "far-row.xlsx",
        &sheet(r#"<sheetData><row r="2000000"><c r="A2000000"><v>1</v></c></row></sheetData>"#),
        None,
    );
    refused(
        &limited(&w, &["import", "entities", &file, "--today", TODAY]),
        "far-row.xlsx:2000000:0:",
        "a cell in row 2000000, beyond Excel's 1048576 rows",
    );
}

#[test]
fn a_ten_megabyte_cell_is_refused() {
    let w = demo();
    let big = "甲".repeat(10 * 1024 * 1024 / 3);
    let n = big.chars().count();
    let reason = format!("a cell of {n} characters; the limit is 32767");
    let file = write_xlsx(
        &w,
        "big-cell.xlsx",
        &sheet(&format!(
            r#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>{big}</t></is></c></row></sheetData>"#
        )),
        None,
    );
    for r in every_path(&w, &file) {
        refused(&r, "big-cell.xlsx:2:1:", &reason);
    }
    // In CSV, the same cell makes a row past 1 MiB, found before it is parsed.
    let csv = w.write("big-cell.csv", &format!("名称,x\n\"{big}\",1\n"));
    for r in every_path(&w, &csv) {
        refused(
            &r,
            "big-cell.csv:2:0:",
            "a row of more than 1048576 bytes (1 MiB)",
        );
    }
    let long = "a".repeat(40_000);
    let csv = w.write("long-cell.csv", &format!("名称,x\n1,{long}\n"));
    refused(
        &limited(&w, &["import", "entities", &csv, "--today", TODAY]),
        "long-cell.csv:2:2: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…\": ",
        "a cell of 40000 characters; the limit is 32767",
    );
    // Unquoted, the same cell is a row past 1 MiB, found before it is parsed.
    let csv = w.write("big-row.csv", &format!("名称,x\n1,2\n{big},1\n"));
    refused(
        &limited(&w, &["import", "entities", &csv, "--today", TODAY]),
        "big-row.csv:3:0:",
        "a row of more than 1048576 bytes (1 MiB)",
    );
    let csv = w.write("open-quote.csv", &format!("名称,x\n\"{big}\n"));
    refused(
        &limited(&w, &["import", "entities", &csv, "--today", TODAY]),
        "open-quote.csv:2:0:",
        "a row of more than 1048576 bytes (1 MiB): a quote \" is never closed",
    );
}

#[test]
fn a_row_of_too_many_columns_is_refused() {
    let w = demo();
    let csv = w.write("wide.csv", &format!("名称{}\n", ",".repeat(5000)));
    refused(
        &limited(&w, &["import", "entities", &csv, "--today", TODAY]),
        "wide.csv:1:1025:",
        "a row of more than 1024 columns",
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let w = demo();
    for name in ["huge.csv", "huge.xlsx"] {
        // Sparse: no disk is used, and reading it would take 257 MiB.
        let f = std::fs::File::create(w.abs(name)).unwrap();
        f.set_len(257 * 1024 * 1024).unwrap();
        for r in every_path(&w, name) {
            refused(
                &r,
                &format!("{name}: the file is 269484032 bytes"),
                "the limit is 268435456 (256 MiB)",
            );
        }
    }
}

/// The demo's entities file with `f` applied to the name of its first row.
fn entities_with_name(w: &Ws, f: impl Fn(&str) -> String) -> String {
    let mut rows = csv_rows(&w.read("d/county/entities.csv"));
    let col = rows[0].iter().position(|h| h == "名称").unwrap();
    rows[1][col] = f(&rows[1][col]);
    csv_text(&rows)
}

#[test]
fn a_nul_or_control_character_in_a_name_is_a_positioned_problem() {
    let w = demo();
    let before = w.path().join("d/workspace");
    assert!(Path::new(&before).exists());
    let file = w.write(
        "nul.csv",
        &entities_with_name(&w, |n| format!("{n}\0分公司")),
    );
    let r = limited(&w, &["import", "entities", &file, "--today", TODAY]);
    refused(
        &r,
        "nul.csv:2:2: 名称 ",
        "contains the control character U+0000 (NUL)",
    );
    let lines = r.issue_lines("nul.csv");
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].contains("\\0分公司\": contains the control character U+0000 (NUL) at character"),
        "{lines:?}"
    );
    let file = w.write(
        "esc.csv",
        &entities_with_name(&w, |n| format!("{n}\u{1b}[31m")),
    );
    refused(
        &limited(&w, &["import", "entities", &file, "--today", TODAY]),
        "esc.csv:2:2: 名称 ",
        "U+001B (escape)",
    );
    // Excel writes a control character as _x0000_ in its shared strings.
    let file = write_xlsx(
        &w,
        "nul.xlsx",
        &sheet(
            r#"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>46101</v></c></row></sheetData>"#,
        ),
        Some(&shared(&["执法证号", "开始日期", "O1_x0000_"])),
    );
    let r = limited(
        &w,
        &[
            "schedule",
            CAMPAIGN,
            "--leave",
            &file,
            "--now",
            "2026-03-20T09:00:00+08:00",
        ],
    );
    refused(
        &r,
        "nul.xlsx:2:1: ",
        "contains the control character U+0000 (NUL)",
    );
}
