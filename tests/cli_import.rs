//! Black-box tests of `dualdraw import` (`docs/IMPORT.md`, `docs/CLI.md`):
//! formats, every check with its exact `FILE:LINE:COLUMN` line, warnings,
//! legacy codes, department imports and the all-or-nothing rule.
//!
//! These tests read the English words of the problems (`--lang en`); the
//! Chinese ones are tested in `cli_import_explain.rs` and `cli_registry.rs`.

#[path = "cli_support.rs"]
mod support;

use serde_json::Value;
use support::*;

/// Splits the text output of a command into its `problems (N):` and
/// `warnings (N):` lines, checking that each count matches.
fn sections(text: &str) -> (Vec<String>, Vec<String>) {
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let mut cur: Option<(&mut Vec<String>, usize)> = None;
    let mut expected = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("problems (") {
            let n: usize = rest.trim_end_matches("):").parse().unwrap();
            expected.push(("problems", n));
            cur = Some((&mut problems, n));
            continue;
        }
        if let Some(rest) = line.strip_prefix("warnings (") {
            let n: usize = rest.trim_end_matches("):").parse().unwrap();
            expected.push(("warnings", n));
            cur = Some((&mut warnings, n));
            continue;
        }
        match &mut cur {
            Some((v, n)) if v.len() < *n => v.push(line.to_string()),
            _ => cur = None,
        }
    }
    for (what, n) in expected {
        let got = if what == "problems" {
            problems.len()
        } else {
            warnings.len()
        };
        assert_eq!(got, n, "{what} count in:\n{text}");
    }
    (problems, warnings)
}

/// Asserts a rejected import: exit 1, nothing on stdout, exactly `expected`
/// problem lines (in order) and the closing line; returns the warning lines.
#[track_caller]
fn assert_rejected(r: &Run, expected: &[String]) -> Vec<String> {
    r.expect(1);
    assert_eq!(r.stdout, "", "stdout of a rejected import");
    let (problems, warnings) = sections(&r.stderr);
    assert_eq!(problems, expected, "problems of `{}`", r.cmd);
    assert_eq!(
        r.stderr.lines().last().unwrap(),
        format!("{} problem(s); nothing was imported", expected.len())
    );
    warnings
}

/// Like [`assert_rejected`] but compares each problem line by prefix.
#[track_caller]
fn assert_rejected_prefixes(r: &Run, prefixes: &[String]) -> Vec<String> {
    r.expect(1);
    let (problems, warnings) = sections(&r.stderr);
    assert_eq!(
        problems.len(),
        prefixes.len(),
        "problems of `{}`:\n{}",
        r.cmd,
        r.stderr
    );
    for (p, want) in problems.iter().zip(prefixes) {
        assert!(
            p.starts_with(want.as_str()),
            "{p:?} should start with {want:?}"
        );
    }
    warnings
}

fn e1() -> String {
    uscc("91520123MA0000001")
}
fn e2() -> String {
    uscc("92520123000000002")
}
fn e3() -> String {
    uscc("12520123000000003")
}

/// A valid small entities file (3 rows, Chinese header).
fn good_entities() -> String {
    format!(
        "{ENTITY_HEADER}\n\
         {},甲有限公司,企业,520123,A,存续,2001-01-01\n\
         {},乙经营部,个体工商户,520123,B,存续,2002-02-02\n\
         {},丙中心,事业单位,520123,C,注销,2003-03-03\n",
        e1(),
        e2(),
        e3()
    )
}

/// A workspace holding the three good entities (snapshot 1).
fn ws_with_entities() -> Ws {
    let t = Ws::new();
    let f = t.write("good.csv", &good_entities());
    t.import("entities", &f, &["--lang", "en"]).expect(0);
    assert_eq!(t.snapshot_count(), 1);
    t
}

/// Asserts that the workspace still has exactly `n` snapshots and the
/// entities root `root`.
#[track_caller]
fn assert_nothing_stored(t: &Ws, n: usize, root: &str) {
    assert_eq!(t.snapshot_count(), n, "a refused import must store nothing");
    assert_eq!(t.root_hash("entities"), root);
}

fn is_hex64(v: &Value) -> bool {
    v.as_str().is_some_and(|s| {
        s.len() == 64
            && s.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    })
}

// ---------------------------------------------------------------------------
// Importing the generated county

#[test]
fn generated_county_imports_all_four_registries_with_four_roots() {
    let t = Ws::new();
    t.generate(200);
    let mut roots_from_output = Vec::new();
    for (i, kind) in ["items", "entities", "officers", "recusals"]
        .into_iter()
        .enumerate()
    {
        let file = format!("gen/{kind}.csv");
        let rows = csv_rows(&t.read(&file)).len() - 1;
        let r = t.import(kind, &file, &["--lang", "en"]);
        r.expect(0);
        let tail: Vec<&str> = r.stdout.lines().rev().take(2).collect();
        assert_eq!(
            tail[1],
            format!(
                "imported {rows} rows into {kind} ({rows} records now); new snapshot {}",
                i + 1
            )
        );
        let root = tail[0].strip_prefix("root ").expect("root line");
        roots_from_output.push((kind, rows, root.to_string()));
    }
    let root = t.root(None);
    assert_eq!(root["id"], 4);
    assert!(is_hex64(&root["digest"]));
    let roots = root["roots"].as_object().unwrap();
    assert_eq!(roots.len(), 4);
    for (kind, rows, hash) in &roots_from_output {
        assert_eq!(roots[*kind]["size"], *rows as u64, "{kind}");
        assert_eq!(roots[*kind]["hash"], hash.as_str(), "{kind}");
        assert_ne!(roots[*kind]["hash"], EMPTY_ROOT, "{kind}");
        assert!(is_hex64(&roots[*kind]["hash"]));
    }
    assert_eq!(roots["entities"]["size"], 200);
    // The text form shows the same four roots.
    let r = t.run(&["--lang", "en", "registry", "root"]);
    r.expect(0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines[0],
        format!("snapshot 4 digest {}", root["digest"].as_str().unwrap())
    );
    assert_eq!(lines.len(), 5);
    for (line, (kind, rows, hash)) in lines[1..].iter().zip(&roots_from_output) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let rows = rows.to_string();
        assert_eq!(
            words,
            [*kind, rows.as_str(), "records", "root", hash.as_str()]
        );
    }
    // Snapshots: oldest first, each noting what made it.
    let snaps = t.snapshots();
    assert_eq!(snaps.len(), 4);
    for (i, (s, (kind, _, _))) in snaps.iter().zip(&roots_from_output).enumerate() {
        assert_eq!(s["id"], i as u64 + 1);
        assert_eq!(s["note"], format!("import {kind} gen/{kind}.csv"));
        assert!(is_hex64(&s["digest"]));
        assert!(s["created_at"].is_string());
    }
    assert_eq!(snaps[3]["digest"], root["digest"]);
    // Stats agree.
    let stats = t.stats();
    for (kind, rows, _) in &roots_from_output {
        assert_eq!(stats["counts"][*kind], *rows as u64, "{kind}");
    }
    let by_kind: u64 = stats["entities_by_kind"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(by_kind, 200);
    let by_class: u64 = stats["entities_by_credit_class"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(by_class, 200);
}

#[test]
fn reimporting_the_same_file_is_unchanged_and_makes_no_snapshot() {
    let t = Ws::new();
    t.county();
    let before = t.root(None);
    for kind in ["items", "entities", "officers", "recusals"] {
        let file = format!("gen/{kind}.csv");
        let rows = csv_rows(&t.read(&file)).len() - 1;
        let r = t.import(kind, &file, &["--lang", "en"]);
        r.expect(0);
        assert_eq!(
            r.stdout.lines().last().unwrap(),
            format!("{rows} rows read: {kind} unchanged, no new snapshot (current: 4)")
        );
        let v = t.json(
            &["--lang", "en", "import", kind, &file, "--today", TODAY],
            0,
        );
        assert_eq!(v["schema"], "dualdraw.import.v1");
        assert_eq!(v["ok"], true);
        assert_eq!(v["kind"], kind);
        assert_eq!(v["file"], file);
        assert_eq!(v["rows"], rows as u64);
        assert_eq!(v["removed"], 0);
        assert_eq!(v["total"], rows as u64);
        assert_eq!(v["encoding"], "utf-8");
        assert_eq!(v["outcome"]["outcome"], "unchanged");
        assert_eq!(v["outcome"]["snapshot"]["id"], 4);
        assert_eq!(v["outcome"]["snapshot"]["digest"], before["digest"]);
    }
    assert_eq!(t.snapshot_count(), 4);
    assert_eq!(t.root(None), before);
}

#[test]
fn import_json_reports_a_new_snapshot() {
    let t = Ws::new();
    let f = t.write("good.csv", &good_entities());
    let v = t.json(
        &["--lang", "en", "import", "entities", &f, "--today", TODAY],
        0,
    );
    assert_eq!(v["schema"], "dualdraw.import.v1");
    assert_eq!(v["ok"], true);
    assert_eq!(v["kind"], "entities");
    assert_eq!(v["file"], "good.csv");
    assert_eq!(v["rows"], 3);
    assert_eq!(v["removed"], 0);
    assert_eq!(v["total"], 3);
    assert_eq!(v["encoding"], "utf-8");
    assert_eq!(v["warnings"], serde_json::json!([]));
    assert_eq!(v["outcome"]["outcome"], "new_snapshot");
    let s = &v["outcome"]["snapshot"];
    assert_eq!(s["id"], 1);
    assert_eq!(s["note"], "import entities good.csv");
    assert!(is_hex64(&s["digest"]));
    assert_eq!(s["roots"]["entities"]["size"], 3);
    for k in ["items", "officers", "recusals"] {
        assert_eq!(s["roots"][k]["hash"], EMPTY_ROOT);
        assert_eq!(s["roots"][k]["size"], 0);
    }
    // `registry root` reports the same snapshot.
    let mut root = t.root(None);
    let o = root.as_object_mut().unwrap();
    o.remove("schema");
    o.remove("ok");
    assert_eq!(&root, s);
}

/// The generated entities with Chinese headers → rows.
fn generated_entity_rows(t: &Ws) -> Vec<Vec<String>> {
    csv_rows(&t.read("gen/entities.csv"))
}

/// Imports `file` into `t` and asserts it commits to the same entities root
/// (outcome "unchanged", 200 rows, the given encoding).
#[track_caller]
fn assert_same_entities(t: &Ws, file: &str, encoding: Value, root: &str) {
    let v = t.json(
        &["--lang", "en", "import", "entities", file, "--today", TODAY],
        0,
    );
    assert_eq!(v["rows"], 200, "{file}");
    assert_eq!(v["encoding"], encoding, "{file}");
    assert_eq!(
        v["outcome"]["outcome"], "unchanged",
        "{file} should commit to the same entities root: {v:#}"
    );
    assert_eq!(v["outcome"]["snapshot"]["roots"]["entities"]["hash"], root);
    assert_eq!(t.root_hash("entities"), root);
}

#[test]
fn entities_root_does_not_depend_on_row_order() {
    let t = Ws::new();
    t.generate(200);
    t.import("entities", "gen/entities.csv", &["--lang", "en"])
        .expect(0);
    let root = t.root_hash("entities");
    let rows = generated_entity_rows(&t);
    let mut reversed = vec![rows[0].clone()];
    reversed.extend(rows[1..].iter().rev().cloned());
    let f = t.write("reversed.csv", &csv_text(&reversed));
    assert_same_entities(&t, &f, "utf-8".into(), &root);
    // Columns in another order too.
    let perm: Vec<usize> = (0..rows[0].len()).rev().collect();
    let shuffled: Vec<Vec<String>> = rows
        .iter()
        .map(|r| perm.iter().map(|&i| r[i].clone()).collect())
        .collect();
    let f = t.write("columns.csv", &csv_text(&shuffled));
    assert_same_entities(&t, &f, "utf-8".into(), &root);
    assert_eq!(t.snapshot_count(), 1);
}

#[test]
fn entities_root_does_not_depend_on_gbk_utf16_or_bom_encodings() {
    let t = Ws::new();
    t.generate(200);
    t.import("entities", "gen/entities.csv", &["--lang", "en"])
        .expect(0);
    let root = t.root_hash("entities");
    let text = t.read("gen/entities.csv");

    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&gbk).is_err(),
        "GBK bytes are not UTF-8"
    );
    let f = t.write_bytes("gbk.csv", &gbk);
    assert_same_entities(&t, &f, "gb18030".into(), &root);
    // Forcing the encoding gives the same.
    let v = t.json(
        &[
            "--lang",
            "en",
            "import",
            "entities",
            &f,
            "--encoding",
            "gbk",
            "--today",
            TODAY,
        ],
        0,
    );
    assert_eq!(v["outcome"]["outcome"], "unchanged");

    // UTF-8 with BOM and CRLF line ends.
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend(text.replace('\n', "\r\n").bytes());
    let f = t.write_bytes("bom.csv", &bom);
    assert_same_entities(&t, &f, "utf-8".into(), &root);

    // Excel's "Unicode text": UTF-16LE with BOM, tab-separated.
    let tabbed = csv_rows(&text)
        .iter()
        .map(|r| r.join("\t"))
        .collect::<Vec<_>>()
        .join("\r\n");
    let mut utf16 = vec![0xFF, 0xFE];
    for u in tabbed.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let f = t.write_bytes("unicode.txt", &utf16);
    assert_same_entities(&t, &f, "utf-16".into(), &root);

    // Tab-separated UTF-8.
    let f = t.write("tabs.tsv", &tabbed);
    assert_same_entities(&t, &f, "utf-8".into(), &root);
    assert_eq!(t.snapshot_count(), 1);
}

#[test]
fn entities_root_does_not_depend_on_header_language_or_spelling() {
    let t = Ws::new();
    t.generate(200);
    t.import("entities", "gen/entities.csv", &["--lang", "en"])
        .expect(0);
    let root = t.root_hash("entities");
    let mut rows = generated_entity_rows(&t);
    // English names, in several spellings (case, `_`, `-`, spaces, `*`, notes).
    let english = [
        "USCC（必填）*",
        "Name",
        "entity-kind",
        "Categories",
        "INDUSTRY",
        "Region Code",
        "township",
        "credit_class",
        "*Status",
        "established (YYYY-MM-DD)",
        "flags【可选】",
    ];
    assert_eq!(rows[0].len(), english.len());
    rows[0] = english.iter().map(|s| s.to_string()).collect();
    let f = t.write("english.csv", &csv_text(&rows));
    assert_same_entities(&t, &f, "utf-8".into(), &root);

    // Other accepted spellings of every vocabulary value, dates and lists;
    // cells padded with ASCII and full-width spaces.
    let kind = |s: &str| match s {
        "企业" => "enterprise",
        "个体工商户" => "个体",
        "农民专业合作社" => "Farmer-Cooperative",
        "事业单位" => "institution",
        "社会团体" => "社团",
        "民办非企业单位" => "民非",
        "其他" => "other",
        other => panic!("unexpected kind {other}"),
    };
    let status = |s: &str| match s {
        "存续" => "在业",
        "吊销" => "revoked",
        "注销" => "已注销",
        "撤销" => "withdrawn",
        "迁出" => "已迁出",
        "停业" => "歇业",
        other => panic!("unexpected status {other}"),
    };
    let class = |s: &str| match s {
        "A" => "A类",
        "B" => "一般风险",
        "C" => "较高",
        "D" => "高风险",
        other => panic!("unexpected class {other}"),
    };
    let mut spelled = generated_entity_rows(&t);
    for r in &mut spelled[1..] {
        r[0] = format!(" {}\u{3000}", r[0].to_lowercase());
        r[2] = kind(&r[2]).to_string();
        let mut cats: Vec<&str> = r[3].split(';').collect();
        cats.reverse();
        if let Some(first) = cats.first().copied() {
            cats.push(first); // a duplicate
        }
        r[3] = cats.join("、");
        r[7] = format!("\u{3000}{}", class(&r[7]));
        r[8] = status(&r[8]).to_string();
        if !r[9].is_empty() {
            let p: Vec<u32> = r[9].split('-').map(|x| x.parse().unwrap()).collect();
            r[9] = format!("{}年{}月{}日", p[0], p[1], p[2]);
        }
    }
    let f = t.write("spelled.csv", &csv_text(&spelled));
    assert_same_entities(&t, &f, "utf-8".into(), &root);
    assert_eq!(t.snapshot_count(), 1);
}

#[test]
fn entities_root_is_the_same_from_an_xlsx_workbook() {
    let t = Ws::new();
    t.generate(200);
    t.import("entities", "gen/entities.csv", &["--lang", "en"])
        .expect(0);
    let root = t.root_hash("entities");
    let rows = generated_entity_rows(&t);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (i, r) in rows.iter().enumerate() {
        for (j, cell) in r.iter().enumerate() {
            let (row, col) = (i as u32, j as u16);
            if i > 0 && j == 5 {
                // Region codes as numbers: whole numbers lose their ".0".
                ws.write_number(row, col, cell.parse::<f64>().unwrap())
                    .unwrap();
            } else if i > 0 && j == 9 && !cell.is_empty() {
                // Dates as date cells.
                let p: Vec<u16> = cell.split('-').map(|x| x.parse().unwrap()).collect();
                let d =
                    rust_xlsxwriter::ExcelDateTime::from_ymd(p[0], p[1] as u8, p[2] as u8).unwrap();
                ws.write_datetime_with_format(row, col, &d, &date).unwrap();
            } else if !cell.is_empty() {
                ws.write_string(row, col, cell).unwrap();
            }
        }
    }
    wb.save(t.abs("entities.xlsx")).unwrap();
    assert_same_entities(&t, "entities.xlsx", Value::Null, &root);
    assert_eq!(t.snapshot_count(), 1);
}

#[test]
fn xlsx_problems_point_at_the_sheet_row_and_column() {
    let t = ws_with_entities();
    let root = t.root_hash("entities");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let header: Vec<&str> = ENTITY_HEADER.split(',').collect();
    for (j, h) in header.iter().enumerate() {
        ws.write_string(0, j as u16, *h).unwrap();
    }
    let good = e1();
    let bad = ["9", "坏公司", "企业", "520123", "Z", "存续", "2001-01-01"];
    let ok = [
        good.as_str(),
        "好公司",
        "企业",
        "520123",
        "A",
        "存续",
        "2001-01-01",
    ];
    for (j, c) in ok.iter().enumerate() {
        ws.write_string(1, j as u16, *c).unwrap();
    }
    // Row 3 is left empty (skipped); the bad row is row 4.
    for (j, c) in bad.iter().enumerate() {
        ws.write_string(3, j as u16, *c).unwrap();
    }
    wb.save(t.abs("bad.xlsx")).unwrap();
    let r = t.import("entities", "bad.xlsx", &["--lang", "en"]);
    assert_rejected_prefixes(
        &r,
        &[
            "bad.xlsx:4:1: 统一社会信用代码 \"9\": has 1 characters, expected 18".into(),
            "bad.xlsx:4:5: 信用风险分类 \"Z\": not a known credit class".into(),
        ],
    );
    assert_nothing_stored(&t, 1, &root);
}

#[test]
fn old_xls_workbooks_are_refused_with_exit_1() {
    let t = ws_with_entities();
    let f = t.write_bytes("old.xls", b"\xD0\xCF\x11\xE0 not really");
    let r = t.import("entities", &f, &["--lang", "en"]);
    r.expect(1);
    assert!(
        r.stderr
            .contains("old.xls: old .xls workbooks are not read; save as .xlsx or CSV"),
        "{}",
        r.stderr
    );
    assert_eq!(t.snapshot_count(), 1);
}

#[test]
fn a_missing_file_is_unreadable_with_exit_1() {
    let t = ws_with_entities();
    let r = t.import("entities", "nothere.csv", &["--lang", "en"]);
    r.expect(1);
    assert!(r.stderr.starts_with("nothere.csv: "), "{}", r.stderr);
    let v = t.json(
        &[
            "--lang",
            "en",
            "import",
            "entities",
            "nothere.csv",
            "--today",
            TODAY,
        ],
        1,
    );
    assert_eq!(v["schema"], "dualdraw.error.v1");
    assert_eq!(v["ok"], false);
    assert_eq!(v["error"]["kind"], "unreadable");
    assert_eq!(t.snapshot_count(), 1);
}

#[test]
fn forcing_utf8_on_gbk_bytes_is_refused_with_exit_1() {
    let t = ws_with_entities();
    let text = good_entities();
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let f = t.write_bytes("gbk.csv", &gbk);
    let r = t.import("entities", &f, &["--lang", "en", "--encoding", "utf-8"]);
    r.expect(1);
    // The header line is Chinese: the first bad byte is on line 1.
    assert!(
        r.stderr.starts_with("gbk.csv:1:") && r.stderr.contains("are not UTF-8 text"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--encoding gbk"), "{}", r.stderr);
    assert_eq!(t.snapshot_count(), 1);
    // Detected, it reads fine (and is the same content: unchanged).
    let v = t.json(
        &["--lang", "en", "import", "entities", &f, "--today", TODAY],
        0,
    );
    assert_eq!(v["encoding"], "gb18030");
    assert_eq!(v["outcome"]["outcome"], "unchanged");
}

// ---------------------------------------------------------------------------
// Every problem of docs/IMPORT.md, with its exact FILE:LINE:COLUMN line

#[test]
fn uscc_with_bad_check_character_wrong_length_or_forbidden_letter_is_refused() {
    let t = ws_with_entities();
    let root = t.root_hash("entities");
    let first = "91520123MA0000009";
    let expected_check = check_char(first);
    // A wrong check character other than 0 (a 0 gets a hint of its own:
    // tests/cli_import_explain.rs).
    let bad_check = format!("{first}{}", if expected_check == '1' { '2' } else { '1' });
    let got_check = bad_check.chars().last().unwrap();
    let short = "9152012300000001";
    let long = format!("{}0", e1());
    let letter_i = "9152I123MA0000001X";
    let letter_o = "91520123MA000000O1";
    let text = format!(
        "{ENTITY_HEADER}\n\
         {},好公司,企业,520123,A,存续,2001-01-01\n\
         {bad_check},校验错,企业,520123,A,存续,2001-01-01\n\
         {short},太短,企业,520123,A,存续,2001-01-01\n\
         {long},太长,企业,520123,A,存续,2001-01-01\n\
         {letter_i},字母I,企业,520123,A,存续,2001-01-01\n\
         {letter_o},字母O,企业,520123,A,存续,2001-01-01\n",
        e1()
    );
    let f = t.write("uscc.csv", &text);
    let r = t.import("entities", &f, &["--lang", "en"]);
    let allowed = "(allowed: 0-9 and A-Y without I, O, S, V, Z)";
    assert_rejected(
        &r,
        &[
            format!(
                "uscc.csv:3:1: 统一社会信用代码 \"{bad_check}\": check character is {got_check}, expected {expected_check} (GB 32100-2015); to accept a legacy code knowingly, list it with --accept-legacy-uscc"
            ),
            format!("uscc.csv:4:1: 统一社会信用代码 \"{short}\": has 16 characters, expected 18"),
            format!("uscc.csv:5:1: 统一社会信用代码 \"{long}\": has 19 characters, expected 18"),
            format!(
                "uscc.csv:6:1: 统一社会信用代码 \"{letter_i}\": character 'I' at position 5 is not allowed {allowed}"
            ),
            format!(
                "uscc.csv:7:1: 统一社会信用代码 \"{letter_o}\": character 'O' at position 17 is not allowed {allowed}"
            ),
        ],
    );
    assert_nothing_stored(&t, 1, &root);
}

#[test]
fn lower_case_uscc_is_upper_cased_and_accepted() {
    let t = ws_with_entities();
    let root = t.root_hash("entities");
    let f = t.write("lower.csv", &good_entities().to_lowercase());
    let v = t.json(
        &["--lang", "en", "import", "entities", &f, "--today", TODAY],
        0,
    );
    assert_eq!(v["outcome"]["outcome"], "unchanged");
    assert_eq!(t.root_hash("entities"), root);
}

#[test]
fn duplicate_key_names_the_line_of_the_first_occurrence() {
    let t = ws_with_entities();
    let root = t.root_hash("entities");
    let text = format!(
        "{ENTITY_HEADER}\n\
         {e1},甲,企业,520123,A,存续,2001-01-01\n\
         {e2},乙,个体工商户,520123,A,存续,2001-01-01\n\
         \n\
         {e1},甲二,企业,520123,B,存续,2001-01-01\n\
         {e2_lower},乙二,个体工商户,520123,A,存续,2001-01-01\n",
        e1 = e1(),
        e2 = e2(),
        e2_lower = e2().to_lowercase()
    );
    let f = t.write("dup.csv", &text);
    let r = t.import("entities", &f, &["--lang", "en"]);
    assert_rejected(
        &r,
        &[
            format!(
                "dup.csv:5:1: 统一社会信用代码 \"{}\": duplicate key: already on line 2",
                e1()
            ),
            format!(
                "dup.csv:6:1: 统一社会信用代码 \"{}\": duplicate key: already on line 3",
                e2()
            ),
        ],
    );
    assert_nothing_stored(&t, 1, &root);

    // Officers and items too.
    let f = t.write(
        "dupo.csv",
        &format!(
            "{OFFICER_HEADER}\n\
             A001,张三,县市场监管局,,520123,,在岗,2028-01-01\n\
             A002,李四,县市场监管局,,520123,,在岗,2028-01-01\n\
             A001,王五,县市场监管局,,520123,,在岗,2028-01-01\n"
        ),
    );
    assert_rejected(
        &t.import("officers", &f, &["--lang", "en"]),
        &["dupo.csv:4:1: 执法证号 \"A001\": duplicate key: already on line 2".into()],
    );
    let f = t.write(
        "dupi.csv",
        "事项编码,事项名称,检查主体,事项类型,检查对象\n\
         SC-1,食品检查,县市场监管局,重点,食品销售经营者\n\
         SC-1,药品检查,县市场监管局,一般,药品零售企业\n",
    );
    assert_rejected(
        &t.import("items", &f, &["--lang", "en"]),
        &["dupi.csv:3:1: 事项编码 \"SC-1\": duplicate key: already on line 2".into()],
    );
    assert_nothing_stored(&t, 1, &root);
}

#[test]
fn unknown_entity_kind_status_and_credit_class_are_refused() {
    let t = ws_with_entities();
    let root = t.root_hash("entities");
    let text = format!(
        "{ENTITY_HEADER}\n\
         {},甲,公司企业,520123,A,存续,2001-01-01\n\
         {},乙,个体工商户,520123,E,营业中,2001-01-01\n\
         {},丙,事业单位,520123,,存续,2001-01-01\n",
        e1(),
        e2(),
        e3()
    );
    let f = t.write("vocab.csv", &text);
    let r = t.import("entities", &f, &["--lang", "en"]);
    assert_rejected_prefixes(
        &r,
        &[
            "vocab.csv:2:3: 主体类型 \"公司企业\": not a known entity kind (accepted: ".into(),
            "vocab.csv:3:5: 信用风险分类 \"E\": not a known credit class (accepted: ".into(),
            "vocab.csv:3:6: 登记状态 \"营业中\": not a known entity status (accepted: ".into(),
            "vocab.csv:4:5: 信用风险分类 \"\": is empty; expected ".into(),
        ],
    );
    // The reasons list the accepted spellings.
    let (problems, _) = sections(&r.stderr);
    for zh in [
        "企业",
        "个体工商户",
        "农民专业合作社",
        "事业单位",
        "社会团体",
        "民办非企业单位",
        "其他",
    ] {
        assert!(problems[0].contains(zh), "{}", problems[0]);
    }
    for c in ["A", "B", "C", "D"] {
        assert!(problems[1].contains(c), "{}", problems[1]);
    }
    for s in ["存续", "吊销", "注销", "撤销", "迁出", "停业"] {
        assert!(problems[2].contains(s), "{}", problems[2]);
    }
    assert_nothing_stored(&t, 1, &root);
}

#[test]
fn unknown_officer_status_and_item_type_are_refused() {
    let t = ws_with_entities();
    let root = t.root_hash("entities");
    let f = t.write(
        "o.csv",
        &format!(
            "{OFFICER_HEADER}\n\
             A001,张三,县市场监管局,,520123,,在岗,2028-01-01\n\
             A002,李四,县市场监管局,,520123,,上班,2028-01-01\n"
        ),
    );
    let r = t.import("officers", &f, &["--lang", "en"]);
    assert_rejected_prefixes(
        &r,
        &["o.csv:3:7: 状态 \"上班\": not a known officer status (accepted: ".into()],
    );
    let (p, _) = sections(&r.stderr);
    for s in ["在岗", "休假", "借调", "调离", "退休", "停职"] {
        assert!(p[0].contains(s), "{}", p[0]);
    }
    let f = t.write(
        "i.csv",
        "code,name,department,type,target_category\n\
         SC-1,食品检查,县市场监管局,重点,食品销售经营者\n\
         SC-2,药品检查,县市场监管局,特别,药品零售企业\n",
    );
    let r = t.import("items", &f, &["--lang", "en"]);
    assert_rejected_prefixes(
        &r,
        &["i.csv:3:4: type \"特别\": not a known item type (accepted: ".into()],
    );
    let (p, _) = sections(&r.stderr);
    assert!(p[0].contains("重点") && p[0].contains("一般"), "{}", p[0]);
    assert_nothing_stored(&t, 1, &root);
}

#[test]
fn bad_region_codes_are_refused() {
    let t = ws_with_entities();
    let root = t.root_hash("entities");
    let text = format!(
        "{ENTITY_HEADER}\n\
         {},甲,企业,999999,A,存续,2001-01-01\n\
         {},乙,个体工商户,5201,A,存续,2001-01-01\n\
         {},丙,事业单位,52012a,A,存续,2001-01-01\n",
        e1(),
        e2(),
        e3()
    );
    let f = t.write("region.csv", &text);
    let r = t.import("entities", &f, &["--lang", "en"]);
    assert_rejected_prefixes(
        &r,
        &[
            "region.csv:2:4: 行政区划代码 \"999999\": does not start with a province code of GB/T 2260"
                .into(),
            "region.csv:3:4: 行政区划代码 \"5201\": is not a 6-digit region code".into(),
            "region.csv:4:4: 行政区划代码 \"52012a\": ".into(),
        ],
    );
    // Officers' regions are checked too.
    let f = t.write(
        "o.csv",
        &format!(
            "{OFFICER_HEADER}\n\
             A001,张三,县市场监管局,,100000,,在岗,2028-01-01\n"
        ),
    );
    assert_rejected_prefixes(
        &t.import("officers", &f, &["--lang", "en"]),
        &["o.csv:2:5: 行政区划代码 \"100000\": does not start with a province code".into()],
    );
    assert_nothing_stored(&t, 1, &root);
}

#[test]
fn bad_dates_are_refused() {
    let t = ws_with_entities();
    let root = t.root_hash("entities");
    let text = format!(
        "{ENTITY_HEADER}\n\
         {},甲,企业,520123,A,存续,2001-02-30\n\
         {},乙,个体工商户,520123,A,存续,03/02/2001\n\
         {},丙,事业单位,520123,A,存续,\n",
        e1(),
        e2(),
        e3()
    );
    let f = t.write("date.csv", &text);
    let reason = "not a date (expected YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)";
    assert_rejected(
        &t.import("entities", &f, &["--lang", "en"]),
        &[
            format!("date.csv:2:7: 成立日期 \"2001-02-30\": {reason}"),
            format!("date.csv:3:7: 成立日期 \"03/02/2001\": {reason}"),
        ],
    );
    // cert_expiry is required: empty is a problem too.
    let f = t.write(
        "o.csv",
        &format!(
            "{OFFICER_HEADER}\n\
             A001,张三,县市场监管局,,520123,,在岗,2028-13-01\n\
             A002,李四,县市场监管局,,520123,,在岗,\n\
             A003,王五,县市场监管局,,520123,,在岗,长期\n\
             A004,赵六,县市场监管局,,520123,,在岗,2028/1/2\n"
        ),
    );
    assert_rejected(
        &t.import("officers", &f, &["--lang", "en"]),
        &[
            format!("o.csv:2:8: 执法证有效期 \"2028-13-01\": {reason}"),
            "o.csv:3:8: 执法证有效期 \"\": is empty; expected a date such as 2026-03-02".into(),
        ],
    );
    assert_nothing_stored(&t, 1, &root);
}

#[test]
fn empty_required_cells_are_refused() {
    let t = ws_with_entities();
    let root = t.root_hash("entities");
    let text = format!(
        "{ENTITY_HEADER}\n\
         {},,企业,520123,A,存续,2001-01-01\n\
         ,乙,个体工商户,520123,A,存续,2001-01-01\n",
        e1()
    );
    let f = t.write("empty.csv", &text);
    assert_rejected(
        &t.import("entities", &f, &["--lang", "en"]),
        &[
            "empty.csv:2:2: 名称 \"\": is empty".into(),
            "empty.csv:3:1: 统一社会信用代码 \"\": is empty".into(),
        ],
    );
    assert_nothing_stored(&t, 1, &root);
}

#[test]
fn missing_required_column_is_a_problem_on_line_1() {
    let t = ws_with_entities();
    let root = t.root_hash("entities");
    let text = format!(
        "统一社会信用代码,名称,主体类型,行政区划代码,登记状态\n{},甲,企业,520123,存续\n",
        e1()
    );
    let f = t.write("nocol.csv", &text);
    assert_rejected(
        &t.import("entities", &f, &["--lang", "en"]),
        &[
            "nocol.csv:1:0: missing required column credit_class (信用风险分类 / 信用风险等级)"
                .into(),
        ],
    );
    // JSON: column and column_name are null.
    let v = t.json(
        &["--lang", "en", "import", "entities", &f, "--today", TODAY],
        1,
    );
    assert_eq!(
        v["problems"],
        serde_json::json!([{
            "file": "nocol.csv", "line": 1, "column": null, "column_name": null, "header": null,
            "value": "", "code": "missing_column",
            "reason": "missing required column credit_class (信用风险分类 / 信用风险等级)"
        }])
    );
    // Every missing column is listed.
    let f = t.write("two.csv", "姓名,备注\n甲,x\n");
    let r = t.import("officers", &f, &["--lang", "en"]);
    let (p, w) = sections(&r.stderr);
    r.expect(1);
    let missing: Vec<&str> = p
        .iter()
        .map(|l| {
            l.strip_prefix("two.csv:1:0: missing required column ")
                .unwrap()
                .split(' ')
                .next()
                .unwrap()
        })
        .collect();
    assert_eq!(
        missing,
        ["id", "department", "region", "status", "cert_expiry"]
    );
    assert_eq!(w, ["two.csv:1:2: \"备注\": unknown column, ignored"]);
    assert_nothing_stored(&t, 1, &root);
}

#[test]
fn a_column_given_twice_is_a_problem() {
    let t = ws_with_entities();
    let root = t.root_hash("entities");
    let text = format!(
        "{ENTITY_HEADER},企业名称\n{},甲,企业,520123,A,存续,2001-01-01,甲\n",
        e1()
    );
    let f = t.write("twice.csv", &text);
    assert_rejected(
        &t.import("entities", &f, &["--lang", "en"]),
        &["twice.csv:1:8: \"企业名称\": column \"name\" is given twice (also column 2)".into()],
    );
    assert_nothing_stored(&t, 1, &root);
}

#[test]
fn recusal_naming_an_unknown_officer_or_entity_is_refused() {
    let t = Ws::new();
    let f = t.write("good.csv", &good_entities());
    t.import("entities", &f, &["--lang", "en"]).expect(0);
    let f = t.write(
        "o.csv",
        &format!(
            "{OFFICER_HEADER}\n\
             A001,张三,县市场监管局,,520123,,在岗,2028-01-01\n\
             A002,李四,县市场监管局,,520123,,在岗,2028-01-01\n"
        ),
    );
    t.import("officers", &f, &["--lang", "en"]).expect(0);
    let stranger = uscc("91520123MA0000099");
    let text = format!(
        "执法证号,统一社会信用代码,回避原因\n\
         A001,{e1},亲属\n\
         Z999,{e2},亲属\n\
         A002,{stranger},曾任职\n\
         Z998,{stranger},\n",
        e1 = e1(),
        e2 = e2()
    );
    let f = t.write("r.csv", &text);
    let officer = "no officer with this certificate number in the officer directory";
    let entity = "no entity with this USCC in the target directory";
    assert_rejected(
        &t.import("recusals", &f, &["--lang", "en"]),
        &[
            format!("r.csv:3:1: 执法证号 \"Z999\": {officer}"),
            format!("r.csv:4:2: 统一社会信用代码 \"{stranger}\": {entity}"),
            format!("r.csv:5:1: 执法证号 \"Z998\": {officer}"),
            format!("r.csv:5:2: 统一社会信用代码 \"{stranger}\": {entity}"),
        ],
    );
    assert_eq!(t.snapshot_count(), 2);
    assert_eq!(t.root(None)["roots"]["recusals"]["size"], 0);
    // Duplicate pairs are duplicate keys.
    let f = t.write(
        "r2.csv",
        &format!(
            "执法证号,统一社会信用代码,回避原因\nA001,{e1},亲属\nA001,{e1},另一原因\n",
            e1 = e1()
        ),
    );
    let r = t.import("recusals", &f, &["--lang", "en"]);
    assert_rejected_prefixes(&r, &["r2.csv:3:1: 执法证号 \"".into()]);
    assert!(r.stderr.contains("duplicate key: already on line 2"));
    // A recusal import into a workspace without officers or entities.
    let t2 = Ws::new();
    let f = t2.write(
        "r.csv",
        &format!("执法证号,统一社会信用代码\nA001,{}\n", e1()),
    );
    assert_rejected(
        &t2.import("recusals", &f, &["--lang", "en"]),
        &[
            format!("r.csv:2:1: 执法证号 \"A001\": {officer}"),
            format!("r.csv:2:2: 统一社会信用代码 \"{}\": {entity}", e1()),
        ],
    );
    assert_eq!(t2.snapshot_count(), 0);
}

#[test]
fn department_import_refuses_rows_of_another_department() {
    let t = Ws::new();
    let f = t.write(
        "i.csv",
        "事项编码,事项名称,检查主体,事项类型,检查对象\n\
         SC-1,食品检查,县市场监管局,重点,食品销售经营者\n\
         WJ-1,卫生检查,县卫健局,一般,医疗机构\n\
         SC-2,药品检查,县市场监管局,一般,药品零售企业\n",
    );
    let reason = "a department import holds only that department's rows";
    assert_rejected(
        &t.import(
            "items",
            &f,
            &["--lang", "en", "--department", "县市场监管局"],
        ),
        &[format!(
            "i.csv:3:3: 检查主体 \"县卫健局\": differs from --department \"县市场监管局\"; {reason}"
        )],
    );
    let f = t.write(
        "o.csv",
        &format!(
            "{OFFICER_HEADER}\n\
             B001,王五,县卫健局,,520123,,在岗,长期\n\
             A009,吴,县市场监管局,,520123,,在岗,长期\n\
             A010,郑,县公安局,,520123,,在岗,长期\n"
        ),
    );
    assert_rejected(
        &t.import(
            "officers",
            &f,
            &["--lang", "en", "--department", "县卫健局"],
        ),
        &[
            format!(
                "o.csv:3:3: 部门 \"县市场监管局\": differs from --department \"县卫健局\"; {reason}"
            ),
            format!(
                "o.csv:4:3: 部门 \"县公安局\": differs from --department \"县卫健局\"; {reason}"
            ),
        ],
    );
    assert_eq!(t.snapshot_count(), 0);
}

#[test]
fn department_option_is_a_usage_error_for_entities_and_recusals() {
    let t = ws_with_entities();
    let root = t.root_hash("entities");
    let f = t.write("e.csv", &good_entities());
    let r = t.import(
        "entities",
        &f,
        &["--lang", "en", "--department", "县市场监管局"],
    );
    r.expect(2);
    assert_eq!(
        r.stderr.trim_end(),
        "--department applies to items and officers, not entities"
    );
    let f = t.write(
        "r.csv",
        &format!("执法证号,统一社会信用代码\nA001,{}\n", e1()),
    );
    let r = t.import(
        "recusals",
        &f,
        &["--lang", "en", "--department", "县市场监管局"],
    );
    r.expect(2);
    assert_eq!(
        r.stderr.trim_end(),
        "--department applies to items and officers, not recusals"
    );
    let v = t.json(
        &[
            "--lang",
            "en",
            "import",
            "entities",
            "e.csv",
            "--department",
            "X",
            "--today",
            TODAY,
        ],
        2,
    );
    assert_eq!(v["schema"], "dualdraw.error.v1");
    assert_eq!(v["ok"], false);
    assert_eq!(v["error"]["kind"], "usage");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("--department applies to items and officers")
    );
    assert_nothing_stored(&t, 1, &root);
}

#[test]
fn all_problems_of_a_file_are_listed_and_nothing_is_stored() {
    let t = ws_with_entities();
    let root = t.root_hash("entities");
    let good = uscc("91520123MA0000010");
    let bad = bad_uscc("91520123MA0000011");
    let text = format!(
        "{ENTITY_HEADER},备注\n\
         {good},好公司,企业,520123,A,存续,2001-01-01,\n\
         {bad},坏公司,企业,520123,A,存续,2001-01-01,\n\
         {e2},乙,公司企业,520123,A,营业中,2001-01-01,\n\
         {e3},丙,事业单位,999999,E,存续,2001-02-30,\n\
         {good},好公司二,企业,520123,A,存续,2001-01-01,\n",
        e2 = e2(),
        e3 = e3()
    );
    let f = t.write("many.csv", &text);
    let r = t.import("entities", &f, &["--lang", "en"]);
    let warnings = assert_rejected_prefixes(
        &r,
        &[
            format!("many.csv:3:1: 统一社会信用代码 \"{bad}\": check character is "),
            "many.csv:4:3: 主体类型 \"公司企业\": not a known entity kind".into(),
            "many.csv:4:6: 登记状态 \"营业中\": not a known entity status".into(),
            "many.csv:5:4: 行政区划代码 \"999999\": does not start with a province code".into(),
            "many.csv:5:5: 信用风险分类 \"E\": not a known credit class".into(),
            "many.csv:5:7: 成立日期 \"2001-02-30\": not a date".into(),
            format!("many.csv:6:1: 统一社会信用代码 \"{good}\": duplicate key: already on line 2"),
        ],
    );
    assert_eq!(
        warnings,
        ["many.csv:1:8: \"备注\": unknown column, ignored"]
    );
    assert_eq!(
        r.stderr.lines().last().unwrap(),
        "7 problem(s); nothing was imported"
    );
    assert_nothing_stored(&t, 1, &root);

    // The same in JSON.
    let v = t.json(
        &["--lang", "en", "import", "entities", &f, "--today", TODAY],
        1,
    );
    assert_eq!(v["schema"], "dualdraw.error.v1");
    assert_eq!(v["ok"], false);
    assert_eq!(v["error"]["kind"], "rejected");
    assert_eq!(v["error"]["message"], "7 problem(s); nothing was imported");
    let problems = v["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 7);
    let keys = [
        "code",
        "column",
        "column_name",
        "file",
        "header",
        "line",
        "reason",
        "value",
    ];
    for p in problems {
        let mut k: Vec<&str> = p.as_object().unwrap().keys().map(|s| s.as_str()).collect();
        k.sort();
        assert_eq!(k, keys);
        assert_eq!(p["file"], "many.csv");
    }
    let at: Vec<(u64, u64, &str, &str)> = problems
        .iter()
        .map(|p| {
            (
                p["line"].as_u64().unwrap(),
                p["column"].as_u64().unwrap(),
                p["column_name"].as_str().unwrap(),
                p["value"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        at,
        [
            (3, 1, "uscc", bad.as_str()),
            (4, 3, "kind", "公司企业"),
            (4, 6, "status", "营业中"),
            (5, 4, "region", "999999"),
            (5, 5, "credit_class", "E"),
            (5, 7, "established", "2001-02-30"),
            (6, 1, "uscc", good.as_str()),
        ]
    );
    assert_eq!(problems[6]["reason"], "duplicate key: already on line 2");
    // Each problem's stable code, and its column as the file's header writes it.
    let codes: Vec<(&str, &str)> = problems
        .iter()
        .map(|p| (p["code"].as_str().unwrap(), p["header"].as_str().unwrap()))
        .collect();
    assert_eq!(
        codes,
        [
            ("uscc_check_character_zero", "统一社会信用代码"),
            ("unknown_value", "主体类型"),
            ("unknown_value", "登记状态"),
            ("bad_region", "行政区划代码"),
            ("unknown_value", "信用风险分类"),
            ("bad_date", "成立日期"),
            ("duplicate_key", "统一社会信用代码"),
        ]
    );
    assert_eq!(
        v["warnings"],
        serde_json::json!([{
            "file": "many.csv", "line": 1, "column": 8, "column_name": null, "header": null,
            "value": "备注", "code": "unknown_column", "reason": "unknown column, ignored"
        }])
    );
    assert_nothing_stored(&t, 1, &root);
}

#[test]
fn generated_malformed_rows_are_each_reported() {
    let t = Ws::new();
    t.raw(&[
        "--lang",
        "en",
        "generate",
        "--out",
        "bad",
        "--entities",
        "200",
        "--malformed",
        "4",
    ])
    .expect(0);
    let r = t.import("entities", "bad/entities.csv", &["--lang", "en"]);
    r.expect(1);
    let (p, _) = sections(&r.stderr);
    assert_eq!(p.len(), 4, "{}", r.stderr);
    let cols: Vec<&str> = p
        .iter()
        .map(|l| l.split(": ").nth(1).unwrap().split(' ').next().unwrap())
        .collect();
    // The columns as the generated file's header names them.
    assert_eq!(
        cols,
        ["统一社会信用代码", "登记状态", "行政区划代码", "成立日期"]
    );
    // Each line points at the row that holds the bad value.
    let rows = csv_rows(&t.read("bad/entities.csv"));
    for l in &p {
        let mut parts = l.splitn(4, ':');
        assert_eq!(parts.next(), Some("bad/entities.csv"));
        let line: usize = parts.next().unwrap().parse().unwrap();
        let col: usize = parts.next().unwrap().parse().unwrap();
        let value = l.split('"').nth(1).unwrap();
        assert_eq!(rows[line - 1][col - 1], value, "{l}");
    }
    assert_eq!(t.snapshot_count(), 0);
}

#[test]
fn lines_count_line_breaks_inside_quoted_cells_and_blank_lines() {
    let t = ws_with_entities();
    let text = format!(
        "{ENTITY_HEADER}\r\n\
         {},\"甲\r\n有限\r\n公司\",企业,520123,A,存续,2001-01-01\r\n\
         \r\n\
         ,,,,,,\r\n\
         {},乙,个体工商户,520123,X,存续,2001-01-01\r\n",
        e1(),
        e2()
    );
    let f = t.write("ml.csv", &text);
    assert_rejected_prefixes(
        &t.import("entities", &f, &["--lang", "en"]),
        &["ml.csv:7:5: 信用风险分类 \"X\": not a known credit class".into()],
    );
}

#[test]
fn header_issues_point_at_the_header_line_after_leading_blank_lines() {
    let t = ws_with_entities();
    let text = format!(
        "\n{ENTITY_HEADER},备注\n{},甲,企业,520123,X,存续,2001-01-01,\n",
        e1()
    );
    let f = t.write("blank.csv", &text);
    let r = t.import("entities", &f, &["--lang", "en"]);
    let warnings = assert_rejected(
        &r,
        &[
            "blank.csv:3:5: 信用风险分类 \"X\": not a known credit class (accepted: A, B, C, D (or 低风险, 一般风险, 较高风险, 高风险))".into(),
        ],
    );
    assert_eq!(
        warnings,
        ["blank.csv:2:8: \"备注\": unknown column, ignored"]
    );
}

// ---------------------------------------------------------------------------
// Legacy codes

fn legacy_file(t: &Ws, name: &str, extra: &str) -> String {
    t.write(
        name,
        &format!(
            "{ENTITY_HEADER}\n\
             {LEGACY_USCC},老试点公司,企业,350203,B,存续,2000-01-01\n\
             {},甲,企业,520123,A,存续,2001-01-01\n{extra}",
            e1()
        ),
    )
}

#[test]
fn legacy_uscc_is_refused_without_the_flag() {
    let t = Ws::new();
    let f = legacy_file(&t, "l.csv", "");
    assert_rejected(
        &t.import("entities", &f, &["--lang", "en"]),
        &[format!(
            "l.csv:2:1: 统一社会信用代码 \"{LEGACY_USCC}\": check character is B, expected 9 (GB 32100-2015); to accept a legacy code knowingly, list it with --accept-legacy-uscc"
        )],
    );
    assert_eq!(t.snapshot_count(), 0);
}

#[test]
fn legacy_uscc_is_accepted_with_the_flag_warned_and_remembered() {
    let t = Ws::new();
    let f = legacy_file(&t, "l.csv", "");
    let warning = format!(
        "l.csv:2:1: 统一社会信用代码 \"{LEGACY_USCC}\": check character is B, expected 9; accepted as a listed legacy code"
    );
    // Listed in lower case: still the same code.
    let r = t.import(
        "entities",
        &f,
        &[
            "--lang",
            "en",
            "--accept-legacy-uscc",
            &LEGACY_USCC.to_lowercase(),
        ],
    );
    r.expect(0);
    let (_, w) = sections(&r.stdout);
    assert_eq!(w, std::slice::from_ref(&warning));
    assert!(
        r.stdout
            .contains("imported 2 rows into entities (2 records now); new snapshot 1")
    );
    assert_eq!(t.snapshot_count(), 1);
    assert_eq!(t.stats()["counts"]["entities"], 2);

    // A later import without the flag: remembered, and warned again.
    let f2 = legacy_file(
        &t,
        "l2.csv",
        &format!("{},乙,个体工商户,520123,A,存续,2001-01-01\n", e2()),
    );
    let v = t.json(
        &["--lang", "en", "import", "entities", &f2, "--today", TODAY],
        0,
    );
    assert_eq!(v["outcome"]["outcome"], "new_snapshot");
    assert_eq!(v["total"], 3);
    assert_eq!(
        v["warnings"],
        serde_json::json!([{
            "file": "l2.csv", "line": 2, "column": 1, "column_name": "uscc",
            "header": "统一社会信用代码", "value": LEGACY_USCC, "code": "uscc_legacy_accepted",
            "reason": "check character is B, expected 9; accepted as a listed legacy code"
        }])
    );
    // The first file again, without the flag: accepted (warned), a new snapshot.
    let r = t.import("entities", &f, &["--lang", "en"]);
    r.expect(0);
    let (_, w) = sections(&r.stdout);
    assert_eq!(w, [warning]);
    assert_eq!(t.snapshot_count(), 3);

    // Its proof can be made and verified.
    let r = t.run(&["--lang", "en", "registry", "prove", LEGACY_USCC]);
    r.expect(0);
    assert_eq!(r.json()["record"]["uscc"], LEGACY_USCC);
    t.write("p.json", &r.stdout);
    t.run(&["--lang", "en", "registry", "verify-proof", "p.json"])
        .expect(0);
}

#[test]
fn legacy_acceptance_covers_only_the_listed_code() {
    let t = Ws::new();
    let other = bad_uscc("91520123MA0000077");
    let f = legacy_file(&t, "l.csv", &format!("{other},丁,企业,520123,A,存续,\n"));
    let r = t.import(
        "entities",
        &f,
        &["--lang", "en", "--accept-legacy-uscc", LEGACY_USCC],
    );
    let warnings = assert_rejected_prefixes(
        &r,
        &[format!(
            "l.csv:4:1: 统一社会信用代码 \"{other}\": check character is "
        )],
    );
    assert_eq!(warnings.len(), 1, "the listed code is still a warning");
    assert!(warnings[0].starts_with("l.csv:2:1: 统一社会信用代码 \"91350203M0001QAY9B\""));
    // Listing a code of the wrong length does not make it acceptable.
    let f = t.write(
        "short.csv",
        &format!("{ENTITY_HEADER}\n9135020300000001,短,企业,350203,B,存续,\n"),
    );
    assert_rejected(
        &t.import(
            "entities",
            &f,
            &["--lang", "en", "--accept-legacy-uscc", "9135020300000001"],
        ),
        &[
            "short.csv:2:1: 统一社会信用代码 \"9135020300000001\": has 16 characters, expected 18"
                .into(),
        ],
    );
    assert_eq!(t.snapshot_count(), 0);
}

#[test]
fn legacy_codes_can_be_listed_in_a_file() {
    let t = Ws::new();
    let f = legacy_file(&t, "l.csv", "");
    let list = t.write("legacy.txt", &format!("\n  {LEGACY_USCC}  \n\n"));
    let r = t.import(
        "entities",
        &f,
        &["--lang", "en", "--accept-legacy-list", &list],
    );
    r.expect(0);
    let (_, w) = sections(&r.stdout);
    assert_eq!(w.len(), 1);
    assert!(
        w[0].ends_with("accepted as a listed legacy code"),
        "{}",
        w[0]
    );
    assert_eq!(t.snapshot_count(), 1);
}

// ---------------------------------------------------------------------------
// Warnings

#[test]
fn kind_disagreeing_with_the_uscc_prefix_is_a_warning() {
    let t = Ws::new();
    let individual = uscc("92520123000000055"); // 92: 个体工商户
    let coop = uscc("93520123000000066"); // 93: 农民专业合作社
    let f = t.write(
        "k.csv",
        &format!(
            "{ENTITY_HEADER}\n\
             {individual},甲,企业,520123,A,存续,\n\
             {coop},乙,个体工商户,520123,A,存续,\n\
             {},丙,事业单位,520123,A,存续,\n",
            e3()
        ),
    );
    let r = t.import("entities", &f, &["--lang", "en"]);
    r.expect(0);
    let (_, w) = sections(&r.stdout);
    assert_eq!(
        w,
        [
            format!(
                "k.csv:2:3: 主体类型 \"企业\": USCC {individual} starts with 92, which GB 32100-2015 gives to another kind (expected 91)"
            ),
            format!(
                "k.csv:3:3: 主体类型 \"个体工商户\": USCC {coop} starts with 93, which GB 32100-2015 gives to another kind (expected 92)"
            ),
        ]
    );
    assert!(
        r.stdout
            .contains("imported 3 rows into entities (3 records now); new snapshot 1")
    );
    let v = t.json(
        &["--lang", "en", "import", "entities", &f, "--today", TODAY],
        0,
    );
    assert_eq!(v["warnings"].as_array().unwrap().len(), 2);
    assert_eq!(v["warnings"][0]["column_name"], "kind");
    assert_eq!(v["warnings"][0]["line"], 2);
    assert_eq!(v["warnings"][0]["column"], 3);
}

#[test]
fn certificate_expired_before_today_is_a_warning() {
    let t = Ws::new();
    let f = t.write(
        "o.csv",
        &format!(
            "{OFFICER_HEADER}\n\
             A001,张三,县市场监管局,,520123,,在岗,2026-02-28\n\
             A002,李四,县市场监管局,,520123,,在岗,2026-03-01\n\
             A003,王五,县市场监管局,,520123,,在岗,长期\n\
             A004,赵六,县市场监管局,,520123,,退休,2020年1月2日\n"
        ),
    );
    let r = t.import("officers", &f, &["--lang", "en"]);
    r.expect(0);
    let (_, w) = sections(&r.stdout);
    assert_eq!(
        w,
        [
            "o.csv:2:8: 执法证有效期 \"2026-02-28\": certificate of A001 expired before 2026-03-01: kept, but not eligible for draws dated after 2026-02-28",
            "o.csv:5:8: 执法证有效期 \"2020-01-02\": certificate of A004 expired before 2026-03-01: kept, but not eligible for draws dated after 2020-01-02",
        ]
    );
    // The officers are kept.
    let stats = t.stats();
    assert_eq!(stats["counts"]["officers"], 4);
    assert_eq!(stats["officers_by_department"]["县市场监管局"], 4);
    assert_eq!(stats["active_officers_by_department"]["县市场监管局"], 3);
    // Judged against --today, not the real date.
    let v = t.json(
        &[
            "--lang",
            "en",
            "import",
            "officers",
            &f,
            "--today",
            "2020-01-01",
        ],
        0,
    );
    assert_eq!(v["warnings"], serde_json::json!([]));
    assert_eq!(v["outcome"]["outcome"], "unchanged");
    let v = t.json(
        &[
            "--lang",
            "en",
            "import",
            "officers",
            &f,
            "--today",
            "2026-03-02",
        ],
        0,
    );
    let lines: Vec<u64> = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [2, 3, 5]);
}

#[test]
fn unknown_columns_are_warnings_and_ignored() {
    let t = ws_with_entities();
    let root = t.root_hash("entities");
    let rows = csv_rows(&good_entities());
    let mut with_extra = rows.clone();
    with_extra[0].insert(2, "备注".into());
    with_extra[0].push("Remarks (internal)".into());
    for r in &mut with_extra[1..] {
        r.insert(2, "随便写".into());
        r.push("x".into());
    }
    let f = t.write("extra.csv", &csv_text(&with_extra));
    let r = t.import("entities", &f, &["--lang", "en"]);
    r.expect(0);
    let (_, w) = sections(&r.stdout);
    assert_eq!(
        w,
        [
            "extra.csv:1:3: \"备注\": unknown column, ignored",
            "extra.csv:1:9: \"Remarks (internal)\": unknown column, ignored",
        ]
    );
    assert!(
        r.stdout
            .ends_with("3 rows read: entities unchanged, no new snapshot (current: 1)\n")
    );
    assert_eq!(t.root_hash("entities"), root);
}

#[test]
fn removing_an_officer_named_by_a_recusal_is_a_warning_and_the_recusal_is_kept() {
    let t = Ws::new();
    let f = t.write("good.csv", &good_entities());
    t.import("entities", &f, &["--lang", "en"]).expect(0);
    let f = t.write(
        "o.csv",
        &format!(
            "{OFFICER_HEADER}\n\
             A001,张三,县市场监管局,,520123,,在岗,2028-01-01\n\
             A002,李四,县市场监管局,,520123,,在岗,2028-01-01\n"
        ),
    );
    t.import("officers", &f, &["--lang", "en"]).expect(0);
    let f = t.write(
        "r.csv",
        &format!("执法证号,统一社会信用代码,回避原因\nA001,{},亲属\n", e1()),
    );
    t.import("recusals", &f, &["--lang", "en"]).expect(0);
    let f = t.write(
        "o2.csv",
        &format!("{OFFICER_HEADER}\nA002,李四,县市场监管局,,520123,,在岗,2028-01-01\n"),
    );
    let r = t.import("officers", &f, &["--lang", "en"]);
    r.expect(0);
    let (_, w) = sections(&r.stdout);
    assert_eq!(
        w,
        ["o2.csv:0:0: 1 recusal(s) name a officer no longer in the registry; they are kept"]
    );
    let root = t.root(None);
    assert_eq!(root["roots"]["officers"]["size"], 1);
    assert_eq!(root["roots"]["recusals"]["size"], 1);
}

#[test]
fn header_only_file_into_an_empty_registry_is_a_warning() {
    let t = Ws::new();
    let f = t.write("h.csv", &format!("{ENTITY_HEADER}\n"));
    let r = t.import("entities", &f, &["--lang", "en"]);
    r.expect(0);
    let (_, w) = sections(&r.stdout);
    assert_eq!(
        w,
        ["h.csv:0:0: the file has no rows: the registry stays empty"]
    );
    assert_eq!(t.snapshot_count(), 0);
}

#[test]
fn header_only_file_replacing_a_non_empty_registry_is_a_warning_with_allow_empty() {
    let t = ws_with_entities();
    let f = t.write("h.csv", &format!("{ENTITY_HEADER}\n"));
    let v = t.json(
        &[
            "--lang",
            "en",
            "import",
            "entities",
            &f,
            "--today",
            TODAY,
            "--allow-empty",
        ],
        0,
    );
    let warnings = v["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{v:#}");
    assert!(
        warnings[0]["reason"]
            .as_str()
            .unwrap()
            .contains("the file has no rows"),
        "{v:#}"
    );
}

// ---------------------------------------------------------------------------
// Department imports

#[test]
fn department_import_of_officers_keeps_the_other_departments() {
    let t = Ws::new();
    let f = t.write(
        "o.csv",
        &format!(
            "{OFFICER_HEADER}\n\
             A001,张三,县市场监管局,,520123,,在岗,2028-01-01\n\
             A002,李四,县市场监管局,,520123,,休假,2028-01-01\n\
             B001,王五,县卫健局,,520123,,在岗,长期\n\
             C001,孙七,县公安局,,520123,,在岗,长期\n"
        ),
    );
    t.import("officers", &f, &["--lang", "en"]).expect(0);
    let s = t.stats();
    assert_eq!(
        s["officers_by_department"],
        serde_json::json!({"县市场监管局": 2, "县卫健局": 1, "县公安局": 1})
    );
    let f = t.write(
        "wj.csv",
        &format!(
            "{OFFICER_HEADER}\n\
             B002,周八,县卫健局,,520123,,在岗,长期\n\
             B003,吴九,县卫健局,,520123,,退休,长期\n\
             B004,郑十,县卫健局,,520123,,在岗,长期\n"
        ),
    );
    let r = t.import(
        "officers",
        &f,
        &["--lang", "en", "--department", "县卫健局"],
    );
    r.expect(0);
    assert!(
        r.stdout
            .contains("imported 3 rows into officers (6 records now); new snapshot 2"),
        "{}",
        r.stdout
    );
    let s = t.stats();
    assert_eq!(
        s["officers_by_department"],
        serde_json::json!({"县市场监管局": 2, "县卫健局": 3, "县公安局": 1})
    );
    assert_eq!(
        s["active_officers_by_department"],
        serde_json::json!({"县市场监管局": 1, "县卫健局": 2, "县公安局": 1})
    );
    assert_eq!(s["counts"]["officers"], 6);
    // B001 was replaced away; the other departments' officers are all there.
    for id in ["A001", "A002", "C001", "B002", "B003", "B004"] {
        t.run(&[
            "--lang", "en", "registry", "prove", id, "--kind", "officers",
        ])
        .expect(0);
    }
    t.run(&[
        "--lang", "en", "registry", "prove", "B001", "--kind", "officers",
    ])
    .expect(1);
    assert_eq!(
        t.snapshots()[1]["note"],
        "import officers wj.csv --department 县卫健局"
    );
    // Re-importing the same department file is unchanged.
    let r = t.import(
        "officers",
        &f,
        &["--lang", "en", "--department", "县卫健局"],
    );
    r.expect(0);
    assert!(r.stdout.contains("unchanged, no new snapshot (current: 2)"));
    assert_eq!(t.snapshot_count(), 2);
}

#[test]
fn department_import_of_items_keeps_the_other_departments() {
    let t = Ws::new();
    t.generate(200);
    t.import("items", "gen/items.csv", &["--lang", "en"])
        .expect(0);
    let before = t.stats()["items_by_department"].clone();
    let depts = before.as_object().unwrap();
    assert!(depts.len() >= 2, "{before}");
    let f = t.write(
        "sc.csv",
        "code,name,department,type,target_category,method,basis,qualification\n\
         SC-T1,测试事项一,县市场监管局,key,食品销售经营者,实地检查,某条例,食品安全\n\
         SC-T2,测试事项二,县市场监管局,general,药品零售企业,,,\n",
    );
    t.import(
        "items",
        &f,
        &["--lang", "en", "--department", "县市场监管局"],
    )
    .expect(0);
    let after = t.stats()["items_by_department"].clone();
    for (d, n) in depts {
        if d == "县市场监管局" {
            assert_eq!(after[d], 2);
        } else {
            assert_eq!(&after[d], n, "{d}");
        }
    }
    let p = t.run(&["--lang", "en", "registry", "prove", "SC-T1"]);
    p.expect(0);
    let rec = &p.json()["record"];
    assert_eq!(rec["item_type"], "key");
    assert_eq!(rec["qualification"], "食品安全");
    let p = t.run(&["--lang", "en", "registry", "prove", "SC-T2"]);
    assert_eq!(p.json()["record"]["qualification"], Value::Null);
}

#[test]
fn officers_from_xlsx_with_date_cells_and_numbers() {
    let t = Ws::new();
    let csv = t.write(
        "o.csv",
        &format!(
            "{OFFICER_HEADER}\n\
             520123010001,张三,县市场监管局,稽查科,520123,食品安全;药品,在岗,2028-01-31\n\
             520123010002,李四,县市场监管局,,520123,,在岗,2026-02-01\n\
             520123010003,王五,县卫健局,,520123,,休假,长期\n"
        ),
    );
    t.import("officers", &csv, &["--lang", "en"]).expect(0);
    let root = t.root_hash("officers");
    let rows = csv_rows(&t.read("o.csv"));
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy/m/d");
    for (i, r) in rows.iter().enumerate() {
        for (j, cell) in r.iter().enumerate() {
            let (row, col) = (i as u32, j as u16);
            let numeric = i > 0 && (j == 0 || j == 4);
            let dated = i > 0 && j == 7 && cell.contains('-');
            if numeric {
                ws.write_number(row, col, cell.parse::<f64>().unwrap())
                    .unwrap();
            } else if dated {
                let p: Vec<u16> = cell.split('-').map(|x| x.parse().unwrap()).collect();
                let d =
                    rust_xlsxwriter::ExcelDateTime::from_ymd(p[0], p[1] as u8, p[2] as u8).unwrap();
                ws.write_datetime_with_format(row, col, &d, &date).unwrap();
            } else if !cell.is_empty() {
                ws.write_string(row, col, cell).unwrap();
            }
        }
    }
    wb.save(t.abs("o.xlsx")).unwrap();
    let v = t.json(
        &[
            "--lang", "en", "import", "officers", "o.xlsx", "--today", TODAY,
        ],
        0,
    );
    assert_eq!(v["encoding"], Value::Null);
    assert_eq!(v["rows"], 3);
    assert_eq!(v["outcome"]["outcome"], "unchanged", "{v:#}");
    assert_eq!(t.root_hash("officers"), root);
    // The expired certificate is warned about at its sheet row and column.
    let w = v["warnings"].as_array().unwrap();
    assert_eq!(w.len(), 1);
    assert_eq!(
        (
            w[0]["file"].as_str(),
            w[0]["line"].as_u64(),
            w[0]["column"].as_u64()
        ),
        (Some("o.xlsx"), Some(3), Some(8))
    );
    assert_eq!(w[0]["value"], "2026-02-01");
    // 长期 is stored as 9999-12-31.
    let p = t.run(&["--lang", "en", "registry", "prove", "520123010003"]);
    p.expect(0);
    assert_eq!(p.json()["record"]["cert_expiry"], "9999-12-31");
    assert_eq!(p.json()["record"]["status"], "on_leave");
    let p = t
        .run(&["--lang", "en", "registry", "prove", "520123010001"])
        .json();
    assert_eq!(
        p["record"]["qualifications"],
        serde_json::json!(["药品", "食品安全"])
    );
}

#[test]
fn tab_separated_text_is_read() {
    let t = ws_with_entities();
    let tsv = good_entities().replace(',', "\t");
    let f = t.write("e.tsv", &tsv);
    let v = t.json(
        &["--lang", "en", "import", "entities", &f, "--today", TODAY],
        0,
    );
    assert_eq!(v["rows"], 3);
    assert_eq!(v["outcome"]["outcome"], "unchanged");
}

#[test]
fn tab_separated_text_after_a_leading_blank_line_is_read() {
    let t = ws_with_entities();
    let tsv = format!("\n{}", good_entities().replace(',', "\t"));
    let f = t.write("e.tsv", &tsv);
    let v = t.json(
        &["--lang", "en", "import", "entities", &f, "--today", TODAY],
        0,
    );
    assert_eq!(v["rows"], 3);
    assert_eq!(v["outcome"]["outcome"], "unchanged");
}
