//! Black-box tests of imports that explain themselves (issue 15, item 4;
//! `docs/IMPORT.md`): empty files need `--allow-empty`, encoding errors and
//! unbalanced quotes point at `FILE:LINE:COLUMN`, USCCs Excel damaged get a
//! hint, the headers clerks use are recognised, and a workbook's sheet is
//! chosen (`--sheet`, or the only one with data). Every refusal stores nothing.
//!
//! Most tests read the English words (`--lang en`); the last ones the
//! Chinese of the default language, with the positions unchanged.
#![cfg(feature = "cli")]

#[path = "cli_support.rs"]
mod support;

use serde_json::Value;
use support::*;

const HEADER: &str = "统一社会信用代码,名称,主体类型,行政区划代码,信用风险分类,登记状态";

fn row(uscc: &str, name: &str) -> String {
    format!("{uscc},{name},企业,520123,A,存续")
}

fn a() -> String {
    uscc("91520123MA0000001")
}
fn b() -> String {
    uscc("91520123MA0000002")
}

/// A workspace holding two entities (snapshot 1).
fn ws_with_two() -> Ws {
    let t = Ws::new();
    let f = t.write(
        "two.csv",
        &format!("{HEADER}\n{}\n{}\n", row(&a(), "甲"), row(&b(), "乙")),
    );
    t.import("entities", &f, &["--lang", "en"]).expect(0);
    t
}

/// The problem lines (`FILE:…`) of a refused run, in order.
fn problem_lines(r: &Run, file: &str) -> Vec<String> {
    r.expect(1);
    r.issue_lines(file)
}

#[track_caller]
fn assert_unchanged(t: &Ws, snapshots: usize, root: &str) {
    assert_eq!(t.snapshot_count(), snapshots, "a refusal stores nothing");
    assert_eq!(t.root_hash("entities"), root);
}

fn json_of(t: &Ws, args: &[&str], code: i32) -> Value {
    let mut v = args.to_vec();
    v.extend(["--today", TODAY]);
    t.json(&v, code)
}

// ---------------------------------------------------------------------------
// Empty files

#[test]
fn a_header_only_csv_is_refused_without_allow_empty() {
    let t = ws_with_two();
    let root = t.root_hash("entities");
    let f = t.write("h.csv", &format!("{HEADER}\n\n,,,,,\n"));
    let r = t.import("entities", &f, &["--lang", "en"]);
    r.expect(1);
    assert_eq!(
        r.stderr.trim_end(),
        "h.csv:1:0: the file has no data rows, only the header on line 1: it would empty the entities registry \
         (2 records now); nothing was changed. To empty it on purpose, run the import again with --allow-empty"
    );
    let v = json_of(&t, &["--lang", "en", "import", "entities", &f], 1);
    assert_eq!(v["error"]["kind"], "empty_file");
    assert_unchanged(&t, 1, &root);
}

#[test]
fn a_header_only_csv_empties_the_registry_with_allow_empty() {
    let t = ws_with_two();
    let f = t.write("h.csv", &format!("{HEADER}\n"));
    let v = json_of(
        &t,
        &["--lang", "en", "import", "entities", &f, "--allow-empty"],
        0,
    );
    assert_eq!(v["total"], 0);
    assert_eq!(
        v["warnings"][0]["reason"],
        "the file has no rows: the registry is emptied"
    );
    assert_eq!(t.snapshot_count(), 2);
    assert_eq!(t.root_hash("entities"), EMPTY_ROOT);
}

#[test]
fn a_header_only_department_file_is_refused_without_allow_empty() {
    let t = Ws::new();
    let f = t.write(
        "o.csv",
        &format!(
            "{OFFICER_HEADER}\nA001,张三,县市场监管局,,520123,,在岗,长期\nB001,李四,县卫健局,,520123,,在岗,长期\n"
        ),
    );
    t.import("officers", &f, &["--lang", "en"]).expect(0);
    let h = t.write("h.csv", &format!("{OFFICER_HEADER}\n"));
    let r = t.import(
        "officers",
        &h,
        &["--lang", "en", "--department", "县卫健局"],
    );
    r.expect(1).has(
        "h.csv:1:0: the file has no data rows, only the header on line 1: it would empty the officers of \
         department \"县卫健局\" (1 records now)",
    );
    assert_eq!(t.snapshot_count(), 1);
    // Allowed, only that department's part is emptied.
    let v = json_of(
        &t,
        &[
            "--lang",
            "en",
            "import",
            "officers",
            &h,
            "--department",
            "县卫健局",
            "--allow-empty",
        ],
        0,
    );
    assert_eq!(v["total"], 1);
    assert_eq!(
        v["warnings"][0]["reason"],
        "the file has no rows: department \"县卫健局\"'s part is emptied"
    );
}

#[test]
fn a_file_with_nothing_in_it_is_refused_even_with_allow_empty() {
    let t = ws_with_two();
    let root = t.root_hash("entities");
    for (name, text) in [("zero.csv", ""), ("blank.csv", "\n\n  \n")] {
        let f = t.write(name, text);
        for extra in [
            &["--lang", "en"][..],
            &["--lang", "en", "--allow-empty"][..],
        ] {
            let r = t.import("entities", &f, extra);
            r.expect(1).has(&format!(
                "{name}:0:0: the file is empty: no header line and no data rows; nothing was changed"
            ));
        }
        let v = json_of(&t, &["--lang", "en", "import", "entities", &f], 1);
        assert_eq!(v["error"]["kind"], "empty_file");
    }
    assert_unchanged(&t, 1, &root);
}

#[test]
fn a_header_only_update_changes_nothing_and_needs_no_flag() {
    let t = ws_with_two();
    let f = t.write("h.csv", &format!("{HEADER}\n"));
    let v = t.json(
        &[
            "--lang", "en", "registry", "update", "entities", &f, "--today", TODAY,
        ],
        0,
    );
    assert_eq!(v["outcome"]["outcome"], "unchanged");
    assert_eq!(v["total"], 2);
}

// ---------------------------------------------------------------------------
// Encodings

#[test]
fn invalid_utf8_is_reported_at_file_line_and_character_column() {
    let t = ws_with_two();
    let root = t.root_hash("entities");
    // UTF-8 header, then GBK bytes after 9 characters on line 3.
    let mut bytes = format!("{HEADER}\n{}\n", row(&a(), "甲")).into_bytes();
    let line3 = format!("{},", b());
    bytes.extend_from_slice(line3.as_bytes());
    let (gbk, _, _) = encoding_rs::GBK.encode("乙,企业,520123,A,存续\n");
    bytes.extend_from_slice(&gbk);
    let f = t.write_bytes("mixed.csv", &bytes);
    let offset = bytes.len() - gbk.len();
    let r = t.import("entities", &f, &["--lang", "en", "--encoding", "utf-8"]);
    assert_eq!(
        problem_lines(&r, "mixed.csv"),
        [
            format!(
                "mixed.csv:3:20: the byte(s) D2 (byte offset {offset} in the file) are not UTF-8 text (read as UTF-8 \
                 because --encoding says so); a CSV file Chinese Excel saves as \"CSV (逗号分隔)\" is GBK: try \
                 --encoding gbk, or leave --encoding out to detect the encoding"
            ),
            "mixed.csv: 1 line(s) cannot be read as UTF-8; nothing was imported".into(),
        ]
    );
    let v = json_of(
        &t,
        &[
            "--lang",
            "en",
            "import",
            "entities",
            &f,
            "--encoding",
            "utf-8",
        ],
        1,
    );
    assert_eq!(v["error"]["kind"], "unreadable");
    assert_eq!(
        v["error"]["message"],
        "mixed.csv: 1 line(s) cannot be read as UTF-8; nothing was imported"
    );
    assert_eq!(v["problems"][0]["line"], 3);
    assert_eq!(v["problems"][0]["column"], 20);
    assert_unchanged(&t, 1, &root);
}

#[test]
fn bytes_that_are_neither_utf8_nor_gbk_are_reported_on_every_line() {
    let t = ws_with_two();
    let root = t.root_hash("entities");
    let mut bytes = encoding_rs::GBK
        .encode(&format!("{HEADER}\n{}\n", row(&a(), "甲")))
        .0
        .into_owned();
    bytes.extend_from_slice(b"\xFF\xFF,x\n");
    bytes.extend_from_slice(b"ok,\x80\xFF\n");
    let f = t.write_bytes("bin.csv", &bytes);
    let lines = problem_lines(&t.import("entities", &f, &["--lang", "en"]), "bin.csv");
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[0].starts_with("bin.csv:3:1: the byte(s) FF (byte offset "));
    assert!(
        lines[0]
            .contains("are not GB18030/GBK text (the file is not UTF-8 either, from line 1 on,"),
        "{}",
        lines[0]
    );
    // 0x80 is the euro sign in GBK: the bad byte is the next one.
    assert!(
        lines[1].starts_with("bin.csv:4:5: the byte(s) FF "),
        "{}",
        lines[1]
    );
    assert_eq!(
        lines[2],
        "bin.csv: 2 line(s) cannot be read as GB18030/GBK; nothing was imported"
    );
    assert_unchanged(&t, 1, &root);
}

#[test]
fn a_workbook_saved_under_a_csv_name_is_recognised() {
    let t = Ws::new();
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().write_string(0, 0, "名称").unwrap();
    wb.save(t.abs("book.csv")).unwrap();
    t.import("entities", "book.csv", &["--lang", "en"])
        .expect(1)
        .has("book.csv: this is an Excel workbook (.xlsx), not CSV text: name the file .xlsx");
}

// ---------------------------------------------------------------------------
// USCCs damaged by Excel

#[test]
fn excel_scientific_usccs_get_a_hint() {
    let t = ws_with_two();
    let root = t.root_hash("entities");
    // Two different codes read the same once Excel wrote them: each row is
    // refused for its code, neither as a duplicate.
    let f = t.write(
        "sci.csv",
        &format!(
            "{HEADER}\n{}\n{}\n{}\n",
            row("9.13201E+17", "甲"),
            row("9.13201E+17", "乙"),
            row("9.1320100MA1K2L3X4E+17", "丙")
        ),
    );
    let lines = problem_lines(&t.import("entities", &f, &["--lang", "en"]), "sci.csv");
    let hint = "Excel converted this column to numbers and wrote the code in scientific notation: the code is lost \
                and cannot be recovered from this file; in Excel, format the column as 文本 (Text) before pasting the \
                codes (or use 数据 → 从文本/CSV and set the column to 文本), or import the .xlsx workbook the codes \
                came in instead of a CSV file saved by Excel";
    assert_eq!(
        lines,
        [
            format!("sci.csv:2:1: 统一社会信用代码 \"9.13201E+17\": {hint}"),
            format!("sci.csv:3:1: 统一社会信用代码 \"9.13201E+17\": {hint}"),
            format!("sci.csv:4:1: 统一社会信用代码 \"9.1320100MA1K2L3X4E+17\": {hint}"),
        ]
    );
    assert_unchanged(&t, 1, &root);
}

#[test]
fn usccs_excel_rounded_to_15_digits_get_a_hint_in_csv_and_xlsx() {
    let t = ws_with_two();
    let root = t.root_hash("entities");
    let rounded = "913201001234567000";
    let f = t.write("r.csv", &format!("{HEADER}\n{}\n", row(rounded, "甲")));
    let lines = problem_lines(&t.import("entities", &f, &["--lang", "en"]), "r.csv");
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with(&format!(
            "r.csv:2:1: 统一社会信用代码 \"{rounded}\": not a valid code: it looks like a number Excel rounded (Excel keeps only \
             15 significant digits, so the last 3 digits became 0)"
        )),
        "{}",
        lines[0]
    );
    // A number cell in a workbook, as Excel stores an 18-digit code typed
    // into a General column.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (j, h) in HEADER.split(',').enumerate() {
        ws.write_string(0, j as u16, h).unwrap();
    }
    ws.write_number(1, 0, 913_201_001_234_567_000.0).unwrap();
    for (j, c) in ["甲", "企业", "520123", "A", "存续"].iter().enumerate() {
        ws.write_string(1, j as u16 + 1, *c).unwrap();
    }
    wb.save(t.abs("r.xlsx")).unwrap();
    let lines = problem_lines(&t.import("entities", "r.xlsx", &["--lang", "en"]), "r.xlsx");
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with(&format!(
            "r.xlsx:2:1: 统一社会信用代码 \"{rounded}\": not a valid code: it looks like a number Excel rounded"
        )),
        "{}",
        lines[0]
    );
    assert_unchanged(&t, 1, &root);
}

#[test]
fn a_check_character_replaced_by_zero_gets_the_expected_one() {
    let t = ws_with_two();
    let first = "91520123MA0000003";
    let check = check_char(first);
    assert_ne!(check, '0');
    let f = t.write(
        "z.csv",
        &format!("{HEADER}\n{}\n", row(&format!("{first}0"), "甲")),
    );
    assert_eq!(
        problem_lines(&t.import("entities", &f, &["--lang", "en"]), "z.csv"),
        [format!(
            "z.csv:2:1: 统一社会信用代码 \"{first}0\": check character is 0, expected {check} (GB 32100-2015): the last character \
             was probably lost or replaced by 0; with the check character of the first 17 the code would be \
             {first}{check}: check it against the business licence; if it is a legacy code, list it with \
             --accept-legacy-uscc"
        )]
    );
}

#[test]
fn a_seventeen_character_uscc_gets_the_missing_check_character() {
    let t = ws_with_two();
    let first = "91520123MA0000004";
    let f = t.write("s.csv", &format!("{HEADER}\n{}\n", row(first, "甲")));
    assert_eq!(
        problem_lines(&t.import("entities", &f, &["--lang", "en"]), "s.csv"),
        [format!(
            "s.csv:2:1: 统一社会信用代码 \"{first}\": has 17 characters, expected 18: the last character (the check character) \
             was probably lost; with it the code would be {}: check it against the business licence",
            uscc(first)
        )]
    );
}

#[test]
fn recusal_usccs_damaged_by_excel_get_the_same_hint() {
    let t = ws_with_two();
    let f = t.write(
        "o.csv",
        &format!("{OFFICER_HEADER}\nA001,张三,县市场监管局,,520123,,在岗,长期\n"),
    );
    t.import("officers", &f, &["--lang", "en"]).expect(0);
    let f = t.write("r.csv", "执法证号,统一社会信用代码\nA001,9.15201E+17\n");
    let lines = problem_lines(&t.import("recusals", &f, &["--lang", "en"]), "r.csv");
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with(
            "r.csv:2:2: 统一社会信用代码 \"9.15201E+17\": Excel converted this column to numbers"
        ),
        "{}",
        lines[0]
    );
}

// ---------------------------------------------------------------------------
// Quotes

#[test]
fn an_unbalanced_quote_is_reported_with_its_line_and_column() {
    let t = ws_with_two();
    let root = t.root_hash("entities");
    let c = uscc("91520123MA0000005");
    let text = format!(
        "{HEADER}\n{}\n{}\n{}\n",
        row(&a(), "甲公司\""),
        row(&b(), "\"乙公司"),
        row(&c, "丙公司")
    );
    let f = t.write("q.csv", &text);
    let r = t.import("entities", &f, &["--lang", "en"]);
    let fix = "remove the stray quote; a quote that belongs in a cell is written doubled, with the whole cell in \
               quotes (\"甲\"\"公司\" for 甲\"公司)";
    assert_eq!(
        problem_lines(&r, "q.csv"),
        [
            format!(
                "q.csv:2:2: \"甲公司\\\"\": an unbalanced quote \" at character 4 of the cell: {fix}"
            ),
            format!(
                "q.csv:3:2: \"\\\"乙公司,企业,520123,A,存续\": a quote \" opens this cell and is never closed: \
                 everything after it, to the end of the file, would be read as one cell; {fix}"
            ),
        ]
    );
    r.has("2 problem(s); nothing was imported");
    assert_eq!(
        json_of(&t, &["--lang", "en", "import", "entities", &f], 1)["error"]["kind"],
        "rejected"
    );
    assert_unchanged(&t, 1, &root);
}

#[test]
fn a_stray_quote_that_swallows_rows_is_reported_where_it_opens() {
    let t = ws_with_two();
    let c = uscc("91520123MA0000005");
    // The stray quote on line 2 pairs with the quote that opens a proper
    // quoted cell on line 4: lines 2–4 would be one cell.
    let text = format!(
        "{HEADER}\n{}\n{}\n{c},\"丙,丁\",企业,520123,A,存续\n",
        row(&a(), "\"甲公司"),
        row(&b(), "乙公司"),
    );
    let f = t.write("s.csv", &text);
    let lines = problem_lines(&t.import("entities", &f, &["--lang", "en"]), "s.csv");
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with(
            "s.csv:2:2: \"\\\"甲公司,企业,520123,A,存续\": a quote \" opens this cell and the next quote is on line 4, \
             with more text after it"
        ),
        "{}",
        lines[0]
    );
}

#[test]
fn quotes_excel_writes_are_not_problems() {
    let t = Ws::new();
    let text = format!(
        "{HEADER}\n{},\"甲\"\"乙\"\"公司\",企业,520123,A,存续\n{},\"乙公司\n（分公司）\",企业,520123,A,存续\n",
        a(),
        b()
    );
    let f = t.write("ok.csv", &text);
    let v = json_of(&t, &["--lang", "en", "import", "entities", &f], 0);
    assert_eq!(v["total"], 2);
}

// ---------------------------------------------------------------------------
// Headers clerks use

#[test]
fn chinese_headers_clerks_use_are_recognised() {
    let t = Ws::new();
    let f = t.write(
        "e.csv",
        &format!(
            "统一社会信用代码,企业名称,主体类型,所属区域,信用等级,经营状态\n{}\n",
            row(&a(), "甲")
        ),
    );
    let v = json_of(&t, &["--lang", "en", "import", "entities", &f], 0);
    assert_eq!(v["warnings"], serde_json::json!([]));
    let f = t.write(
        "o.csv",
        "执法证号,执法人员姓名,执法主体,所在单位,所属区域,执法领域,在岗情况,执法证有效期至\n\
         A001,张三,县市场监管局,一所,520123,食品,在岗,2027-12-31\n",
    );
    let v = json_of(&t, &["--lang", "en", "import", "officers", &f], 0);
    assert_eq!(v["warnings"], serde_json::json!([]));
    assert_eq!(v["total"], 1);
    let f = t.write(
        "i.csv",
        "事项编码,检查事项,检查部门,事项类型,检查对象\nSC-1,食品经营检查,县市场监管局,重点,食品销售经营者\n",
    );
    let v = json_of(&t, &["--lang", "en", "import", "items", &f], 0);
    assert_eq!(v["warnings"], serde_json::json!([]));
}

// ---------------------------------------------------------------------------
// Workbook sheets

/// Writes a workbook: each sheet a name, hidden or not, and rows of cells.
fn workbook(t: &Ws, name: &str, sheets: &[(&str, bool, Vec<Vec<String>>)]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (sheet, hidden, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*sheet).unwrap();
        if *hidden {
            ws.set_hidden(true);
        }
        for (i, r) in rows.iter().enumerate() {
            for (j, c) in r.iter().enumerate() {
                ws.write_string(i as u32, j as u16, c).unwrap();
            }
        }
    }
    wb.save(t.abs(name)).unwrap();
}

fn entity_rows(codes: &[(String, &str)]) -> Vec<Vec<String>> {
    let mut v = vec![HEADER.split(',').map(str::to_string).collect()];
    for (code, name) in codes {
        v.push(row(code, name).split(',').map(str::to_string).collect());
    }
    v
}

#[test]
fn the_only_sheet_with_data_is_read() {
    let t = Ws::new();
    workbook(
        &t,
        "w.xlsx",
        &[
            ("说明", false, vec![]),
            ("企业名录", false, entity_rows(&[(a(), "甲"), (b(), "乙")])),
            // A hidden sheet of drop-down lists does not count.
            (
                "下拉选项",
                true,
                vec![vec!["企业".into(), "个体工商户".into()]],
            ),
        ],
    );
    let v = json_of(&t, &["--lang", "en", "import", "entities", "w.xlsx"], 0);
    assert_eq!(v["total"], 2);
    assert_eq!(v["sheet"], "企业名录");
}

#[test]
fn several_sheets_with_data_are_refused_and_listed_without_sheet() {
    let t = ws_with_two();
    let root = t.root_hash("entities");
    workbook(
        &t,
        "w.xlsx",
        &[
            ("2025年", false, entity_rows(&[(a(), "甲")])),
            ("2026年", false, entity_rows(&[(b(), "乙")])),
        ],
    );
    let r = t.import("entities", "w.xlsx", &["--lang", "en"]);
    r.expect(1);
    assert_eq!(
        r.stderr.trim_end(),
        "w.xlsx: the workbook has 2 sheets with data: \"2025年\", \"2026年\"; choose one with --sheet NAME \
         (for example --sheet \"2025年\")"
    );
    let v = json_of(&t, &["--lang", "en", "import", "entities", "w.xlsx"], 1);
    assert_eq!(v["error"]["kind"], "several_sheets");
    assert_eq!(v["sheets"], serde_json::json!(["2025年", "2026年"]));
    assert_unchanged(&t, 1, &root);
    // Named, it is read.
    let v = json_of(
        &t,
        &[
            "--lang", "en", "import", "entities", "w.xlsx", "--sheet", "2026年",
        ],
        0,
    );
    assert_eq!(v["total"], 1);
    assert_eq!(v["sheet"], "2026年");
}

#[test]
fn an_unknown_sheet_is_refused_with_the_sheet_names() {
    let t = ws_with_two();
    let root = t.root_hash("entities");
    workbook(
        &t,
        "w.xlsx",
        &[
            ("名录", false, entity_rows(&[(a(), "甲")])),
            ("选项", true, vec![vec!["x".into()]]),
        ],
    );
    let r = t.import("entities", "w.xlsx", &["--lang", "en", "--sheet", "Sheet1"]);
    r.expect(1);
    assert_eq!(
        r.stderr.trim_end(),
        "w.xlsx: the workbook has no sheet named \"Sheet1\"; its sheets: \"名录\", \"选项\" (hidden)"
    );
    let v = json_of(
        &t,
        &[
            "--lang", "en", "import", "entities", "w.xlsx", "--sheet", "Sheet1",
        ],
        1,
    );
    assert_eq!(v["error"]["kind"], "sheet_not_found");
    assert_eq!(v["sheets"], serde_json::json!(["名录", "选项"]));
    assert_unchanged(&t, 1, &root);
}

#[test]
fn sheet_with_a_csv_file_is_a_usage_error() {
    let t = ws_with_two();
    let f = t.write("e.csv", &format!("{HEADER}\n{}\n", row(&a(), "甲")));
    t.import("entities", &f, &["--lang", "en", "--sheet", "名录"])
        .expect(2)
        .has("--sheet applies to .xlsx/.xlsm workbooks, not to CSV files");
    assert_eq!(t.snapshot_count(), 1);
}

// ---------------------------------------------------------------------------
// In Chinese (the default language)

#[test]
fn problems_are_explained_in_chinese_with_their_positions_verbatim() {
    let t = ws_with_two();
    let root = t.root_hash("entities");
    let f = t.write("head.csv", &format!("{HEADER}\n"));
    let r = t.import("entities", &f, &[]);
    r.expect(1)
        .has("head.csv:1:0: 文件只有第 1 行的表头，没有数据行")
        .has("--allow-empty");
    let mut bytes = format!("{HEADER}\n").into_bytes();
    bytes.extend_from_slice(b"\xFF,x\n");
    let f = t.write_bytes("bin.csv", &bytes);
    let r = t.import("entities", &f, &["--encoding", "utf-8"]);
    r.expect(1)
        .has("bin.csv:2:1: 字节 FF（文件中第")
        .has("不是 UTF-8 编码的文本");
    let f = t.write("sheet.csv", &format!("{HEADER}\n"));
    t.import("entities", &f, &["--sheet", "表1"])
        .expect(2)
        .has("--sheet 只适用于 .xlsx/.xlsm 工作簿");
    assert_unchanged(&t, 1, &root);
}
