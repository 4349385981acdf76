//! Issue 15, item 6 ("publications people read"), through the real binary on
//! the demo county (`dualdraw demo d --entities 3000 --salt-key …`: a drawn
//! joint campaign, its notice published, its visits scheduled, three results
//! recorded): officers' names beside their certificate numbers in the results
//! notice, item names beside item codes in the public lists, an A4 print
//! stylesheet in every notice, and an `.xlsx` of the same rows (text cells
//! only) beside every CSV of the schedule and of the yearly report.

#[path = "cli_support.rs"]
mod support;

use calamine::{Data, Reader};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use support::{csv_rows, run_in};

const SALT_KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
const ID: &str = "2026-JOINT-01";
const WS: &str = "d/workspace";

struct Demo {
    dir: tempfile::TempDir,
}

impl Demo {
    fn new() -> Demo {
        let dir = tempfile::tempdir().unwrap();
        run_in(
            dir.path(),
            &["demo", "d", "--entities", "3000", "--salt-key", SALT_KEY],
        )
        .expect(0);
        Demo { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn dd(&self, args: &[&str]) -> support::Run {
        let mut all = vec!["-w", WS];
        all.extend_from_slice(args);
        run_in(self.path(), &all)
    }

    fn read(&self, rel: &str) -> String {
        let bytes = std::fs::read(self.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        String::from_utf8(bytes)
            .unwrap()
            .trim_start_matches('\u{feff}')
            .to_string()
    }

    /// `d/county/<file>.csv` as code → name (its first two columns).
    fn names(&self, file: &str) -> BTreeMap<String, String> {
        csv_rows(&self.read(&format!("d/county/{file}.csv")))
            .into_iter()
            .skip(1)
            .map(|r| (r[0].clone(), r[1].clone()))
            .collect()
    }

    fn published(&self) -> String {
        format!("{WS}/published/{ID}")
    }

    fn results_notice(&self) -> String {
        self.dd(&["results", "publish", ID, "--out", "res"])
            .expect(0);
        "res".to_string()
    }
}

fn column(rows: &[Vec<String>], name: &str) -> usize {
    rows[0]
        .iter()
        .position(|c| c == name)
        .unwrap_or_else(|| panic!("no column {name} in {:?}", rows[0]))
}

/// The first sheet of an xlsx file: every cell must be a string cell (never
/// a number, a date or an error), and no cell may hold a formula.
fn xlsx_rows(path: &Path) -> Vec<Vec<String>> {
    let mut wb = calamine::open_workbook_auto(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let sheet = wb.sheet_names()[0].clone();
    let formulas = wb.worksheet_formula(&sheet).unwrap();
    assert_eq!(
        formulas
            .used_cells()
            .filter(|(_, _, f)| !f.is_empty())
            .count(),
        0,
        "{path:?} holds a formula"
    );
    let range = wb.worksheet_range(&sheet).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => panic!("{path:?}: {other:?} is not a text cell"),
                })
                .collect()
        })
        .collect()
}

fn files_with(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    v.sort();
    v
}

/// Every CSV in `dir` has an `.xlsx` of the same name with the same rows
/// (the CSV's cells as written, neutralised ones included), as text cells.
fn xlsx_beside_each_csv(dir: &Path) -> usize {
    let csvs = files_with(dir, "csv");
    assert!(!csvs.is_empty(), "no CSV in {dir:?}");
    for csv in &csvs {
        let xlsx = csv.with_extension("xlsx");
        assert!(xlsx.is_file(), "{xlsx:?} is missing beside {csv:?}");
        let text = std::fs::read_to_string(csv).unwrap();
        let want = csv_rows(text.trim_start_matches('\u{feff}'));
        let got = xlsx_rows(&xlsx);
        assert_eq!(got, want, "{xlsx:?} and {csv:?} differ");
    }
    assert_eq!(files_with(dir, "xlsx").len(), csvs.len(), "{dir:?}");
    csvs.len()
}

#[test]
fn results_csv_names_officers_beside_certificates() {
    let d = Demo::new();
    let officers = d.names("officers");
    let dir = d.results_notice();
    let rows = csv_rows(&d.read(&format!("{dir}/results.csv")));
    let (names, certs) = (column(&rows, "执法人员"), column(&rows, "执法证号"));
    assert_eq!(certs, names + 1, "the certificate numbers follow the names");
    assert!(rows.len() > 1, "the demo recorded results");
    for r in &rows[1..] {
        let n: Vec<&str> = r[names].split('、').collect();
        let c: Vec<&str> = r[certs].split('、').collect();
        assert!(c.len() >= 2, "at least two officers: {r:?}");
        assert_eq!(n.len(), c.len(), "one name per certificate: {r:?}");
        for (name, cert) in n.iter().zip(&c) {
            assert_eq!(
                officers.get(*cert).map(String::as_str),
                Some(*name),
                "{cert} is not {name}'s certificate"
            );
        }
    }
    // The same in the workbook, the JSON and the HTML page.
    assert_eq!(xlsx_rows(&d.path().join(&dir).join("results.xlsx")), rows);
    let json: serde_json::Value =
        serde_json::from_str(&d.read(&format!("{dir}/results.json"))).unwrap();
    for r in json["results"].as_array().unwrap() {
        let ids = r["officers"].as_array().unwrap();
        let ns = r["officer_names"].as_array().unwrap();
        assert_eq!(ids.len(), ns.len(), "{r:#}");
        for (id, n) in ids.iter().zip(ns) {
            assert_eq!(officers[id.as_str().unwrap()], n.as_str().unwrap());
        }
    }
    let html = d.read(&format!("{dir}/results.html"));
    let first = &rows[1];
    assert!(html.contains(&format!(
        "<td>{}</td><td>{}</td>",
        first[names], first[certs]
    )));
}

#[test]
fn public_lists_show_item_names_with_codes() {
    let d = Demo::new();
    let items = d.names("items");
    let label = |cell: &str| {
        for one in cell.split('、') {
            let (code, name) = one
                .split_once(' ')
                .unwrap_or_else(|| panic!("{one:?} has no name"));
            assert_eq!(items.get(code), Some(&name.to_string()), "{one:?}");
        }
    };
    // The published list (CSV, workbook, web page, draw record).
    let list = csv_rows(&d.read(&format!("{}/list.csv", d.published())));
    let col = column(&list, "抽查事项");
    assert!(list.len() > 1);
    for r in &list[1..] {
        label(&r[col]);
    }
    assert_eq!(
        xlsx_rows(&d.path().join(d.published()).join("list.xlsx")),
        list
    );
    for page in ["index.html", "record.html"] {
        let html = d.read(&format!("{}/{page}", d.published()));
        assert!(
            html.contains(&format!("<td>{}</td>", list[1][col])),
            "{page} shows {}",
            list[1][col]
        );
    }
    // The results notice.
    let dir = d.results_notice();
    let res = csv_rows(&d.read(&format!("{dir}/results.csv")));
    let col = column(&res, "抽查事项");
    for r in &res[1..] {
        label(&r[col]);
    }
    let html = d.read(&format!("{dir}/results.html"));
    assert!(html.contains(&format!("<td>{}</td>", res[1][col])));
}

#[test]
fn notices_have_an_a4_print_stylesheet() {
    let d = Demo::new();
    let dir = d.results_notice();
    d.dd(&["report", "2026", "--out", "rep"]).expect(0);
    let pages = [
        format!("{}/index.html", d.published()),
        format!("{}/record.html", d.published()),
        format!("{dir}/results.html"),
        "rep/report.html".to_string(),
    ];
    for page in &pages {
        let html = d.read(page);
        let css = &html[html.find("<style>").unwrap()..html.find("</style>").unwrap()];
        for needle in [
            "@page{size:A4;margin:",
            "@media print{",
            // Black on white: no background survives printing.
            "background:#fff!important",
            "*{background:transparent!important;color:#000!important",
            // Table headers repeat; a row is never split.
            "thead{display:table-header-group}",
            "tr,td,th",
            "break-inside:avoid",
            // Links printed as text.
            "a[href]::after{content:\" (\" attr(href) \")\"",
            // Chinese fonts.
            "'Noto Sans CJK SC'",
            "'Microsoft YaHei'",
            "'SimSun'",
        ] {
            assert!(css.contains(needle), "{page}: no {needle:?} in\n{css}");
        }
        // Every table's header is a <thead> (repeated on each printed page).
        assert_eq!(
            html.matches("<table>").count(),
            html.matches("<table><thead>").count() + count_key_value_tables(&html),
            "{page}: a table without <thead>"
        );
        // Self-contained: nothing loaded from elsewhere.
        for bad in ["<link", "<script src", "src=\"http", "url(", "@import"] {
            assert!(!html.contains(bad), "{page} loads {bad}");
        }
    }
}

/// Tables of label/value rows (the draw record's heading table and its
/// signature block) have no header row to repeat.
fn count_key_value_tables(html: &str) -> usize {
    html.matches("<table><tr><th>任务</th>").count()
        + html.matches("<table><tr><th>操作人</th>").count()
}

#[test]
fn schedule_writes_xlsx_beside_each_csv() {
    let d = Demo::new();
    let dir = d.path().join(format!("{WS}/schedules/{ID}"));
    let lists = xlsx_beside_each_csv(&dir);
    assert!(lists >= 2, "one list per department");
    for x in files_with(&dir, "xlsx") {
        let rows = xlsx_rows(&x);
        assert_eq!(
            rows[0],
            [
                "检查日期",
                "统一社会信用代码",
                "名称",
                "乡镇（街道）",
                "执法人员",
                "执法证号"
            ]
        );
        // A USCC and a certificate number stay exactly as written.
        for r in &rows[1..] {
            assert_eq!(r[1].len(), 18, "{r:?}");
            assert!(
                r[5].split('、')
                    .all(|c| c.chars().all(|ch| ch.is_ascii_alphanumeric()))
            );
        }
    }
    // A run killed before its files were all written is completed from the
    // record: the workbooks written again are byte for byte the ones before,
    // so the rerun's comparison of the folder's bytes still holds.
    let before: BTreeMap<PathBuf, Vec<u8>> = files_with(&dir, "xlsx")
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect();
    let gone = before.keys().next().unwrap().clone();
    std::fs::remove_file(&gone).unwrap();
    d.dd(&["--lang", "en", "schedule", ID])
        .expect(0)
        .has("written again");
    for (p, bytes) in &before {
        assert_eq!(&std::fs::read(p).unwrap(), bytes, "{p:?} differs");
    }
    // Every file in place and equal to the record's: nothing to complete,
    // and the same campaigns are not scheduled twice.
    d.dd(&["schedule", ID]).expect(1);
    for (p, bytes) in &before {
        assert_eq!(&std::fs::read(p).unwrap(), bytes, "{p:?} differs");
    }
}

#[test]
fn report_xlsx_cells_are_text_not_formulas() {
    let d = Demo::new();
    d.results_notice();
    let out = d.dd(&["--json", "report", "2026", "--out", "rep"]);
    out.expect(0);
    let dir = d.path().join("rep");
    assert_eq!(xlsx_beside_each_csv(&dir), 5);
    let listed: Vec<String> = out.json()["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            f["path"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    for stem in [
        "campaigns",
        "credit_classes",
        "departments",
        "officers",
        "repeat_visits",
    ] {
        let i = listed
            .iter()
            .position(|f| *f == format!("{stem}.csv"))
            .unwrap();
        assert_eq!(listed[i + 1], format!("{stem}.xlsx"), "{listed:?}");
    }
    // Certificate numbers are text (no 5.2E+11, no lost digit).
    let officers = d.names("officers");
    let rows = xlsx_rows(&dir.join("officers.xlsx"));
    let col = column(&rows, "执法证号 (id)");
    for r in &rows[1..] {
        assert!(officers.contains_key(&r[col]), "{r:?}");
    }
    // The same records give the same bytes (no clock in the workbook).
    let first: Vec<Vec<u8>> = files_with(&dir, "xlsx")
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    d.dd(&["report", "2026", "--out", "rep2"]).expect(0);
    let second: Vec<Vec<u8>> = files_with(&d.path().join("rep2"), "xlsx")
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    assert_eq!(first, second);
}
