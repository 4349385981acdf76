//! The walk-through of `README.zh-CN.md`, run as a clerk runs it: every
//! ```` ```sh ```` block marked `<!-- readme-test -->`, line by line, in
//! order, as real processes (`sh -c LINE`, the built `dualdraw` first on
//! `PATH`) in a fresh folder holding only what the README says to put there
//! (the `data` folder), on the real clock (no `--now`). It must end with the
//! results published and the draw verified at the audit level. Run in
//! Chinese (the default) and in English (`DUALDRAW_LANG=en`).
//!
//! What the test does that the README leaves to people — kept to the
//! minimum:
//! - the two witnesses' `witness new` print a secret and a commitment: the
//!   test captures them (the first run is 义务监督员甲's, the second 乙's)
//!   and puts them where the README writes the placeholders 【甲的承诺值】,
//!   【乙的承诺值】, 【甲的秘密值】 and 【乙的秘密值】 (nothing else in a
//!   line is changed);
//! - the README asks the clerk to open 检查结果.xlsx in Excel and fill in the
//!   检查结果 column: before `results import` the test writes 未发现问题 in
//!   that column of every row, and changes nothing else.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const README: &str = include_str!("../README.zh-CN.md");
const MARK: &str = "<!-- readme-test -->";

/// The command lines of the marked blocks, in order.
fn walkthrough() -> Vec<String> {
    let mut lines = README.lines();
    let mut out = Vec::new();
    while let Some(l) = lines.next() {
        if l.trim() != MARK {
            continue;
        }
        assert_eq!(
            lines.next().map(str::trim),
            Some("```sh"),
            "a {MARK} line must be followed by a ```sh block"
        );
        for l in lines.by_ref() {
            if l.trim() == "```" {
                break;
            }
            let l = l.trim();
            if !l.is_empty() && !l.starts_with('#') {
                out.push(l.to_string());
            }
        }
    }
    out
}

/// China time (UTC+8) now.
fn china_now() -> chrono::NaiveDateTime {
    (chrono::Utc::now() + chrono::Duration::hours(8)).naive_utc()
}

/// The walk-through reads today's China date twice (the template's draw
/// date, the announcement's check of it): never start it in the last three
/// minutes of a China day.
fn not_near_midnight() {
    use chrono::Timelike;
    let t = china_now();
    let left = 86_400 - i64::from(t.num_seconds_from_midnight());
    if left < 180 {
        std::thread::sleep(std::time::Duration::from_secs(left as u64 + 2));
    }
}

/// What a witness's `witness new` printed.
#[derive(Debug, Clone)]
struct Witness {
    secret: String,
    commitment: String,
}

fn parse_witness(stdout: &str) -> Witness {
    let field = |name: &str| {
        stdout
            .lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_else(|| panic!("no `{name}` line in:\n{stdout}"))
    };
    let w = Witness {
        secret: field("secret:"),
        commitment: field("commitment:"),
    };
    assert_eq!(w.secret.len(), 64, "{stdout}");
    assert_eq!(w.commitment.len(), 64, "{stdout}");
    w
}

/// What the clerk does in Excel: fills in the 检查结果 column of every row of
/// the form, and changes nothing else.
fn fill_in_results(form: &Path) -> usize {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(form).expect("open the form");
    let sheet = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&sheet).expect("the form's sheet");
    let mut rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let col = rows[0]
        .iter()
        .position(|h| h == "检查结果")
        .expect("a 检查结果 column");
    for row in rows.iter_mut().skip(1) {
        assert!(row[col].is_empty(), "the form comes with the result empty");
        row[col] = "未发现问题".into();
    }
    let mut out = rust_xlsxwriter::Workbook::new();
    let ws = out.add_worksheet();
    ws.set_name(&sheet).expect("sheet name");
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, v).expect("cell");
        }
    }
    out.save(form).expect("save the form");
    rows.len() - 1
}

/// Runs the walk-through in a fresh folder with `env`; returns the folder
/// and every command's output, in order.
fn run_walkthrough(env: &[(&str, &str)]) -> (tempfile::TempDir, Vec<(String, String)>) {
    let dir = tempfile::tempdir().expect("temp dir");
    // What the README says to put in the working folder: the `data` folder.
    std::fs::create_dir(dir.path().join("data")).expect("data");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/cn-holidays.toml"),
        dir.path().join("data/cn-holidays.toml"),
    )
    .expect("copy data/cn-holidays.toml");
    let bin_dir = PathBuf::from(env!("CARGO_BIN_EXE_dualdraw"))
        .parent()
        .expect("bin dir")
        .to_path_buf();
    let path = std::env::join_paths(std::iter::once(bin_dir).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .expect("PATH");
    not_near_midnight();
    let mut witnesses: Vec<Witness> = Vec::new();
    let mut outputs = Vec::new();
    for line in walkthrough() {
        assert!(
            line.starts_with("dualdraw "),
            "every walk-through line runs dualdraw: {line}"
        );
        let mut cmd_line = line.clone();
        let placeholders: BTreeMap<&str, String> = [
            (
                "【甲的承诺值】",
                witnesses.first().map(|w| w.commitment.clone()),
            ),
            (
                "【乙的承诺值】",
                witnesses.get(1).map(|w| w.commitment.clone()),
            ),
            (
                "【甲的秘密值】",
                witnesses.first().map(|w| w.secret.clone()),
            ),
            ("【乙的秘密值】", witnesses.get(1).map(|w| w.secret.clone())),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect();
        for (k, v) in &placeholders {
            cmd_line = cmd_line.replace(k, v);
        }
        assert!(
            !cmd_line.contains('【'),
            "a placeholder the test cannot fill: {line}"
        );
        if line.contains(" results import ") {
            let n = fill_in_results(&dir.path().join("检查结果.xlsx"));
            assert!(n > 0, "the form has rows");
        }
        let mut cmd = Command::new("sh");
        cmd.arg("-c").arg(&cmd_line).current_dir(dir.path());
        for v in [
            "DUALDRAW_WORKSPACE",
            "DUALDRAW_OPERATOR",
            "DUALDRAW_APPROVER",
            "DUALDRAW_LANG",
            "DUALDRAW_MAX_INFEASIBLE_RISK",
            "LC_ALL",
            "LC_MESSAGES",
            "LANG",
        ] {
            cmd.env_remove(v);
        }
        cmd.env("PATH", &path);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let o = cmd.output().expect("run sh");
        let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(
            o.status.success(),
            "`{line}` failed ({:?})\nstdout:\n{stdout}\nstderr:\n{stderr}",
            o.status.code()
        );
        if line == "dualdraw witness new" {
            witnesses.push(parse_witness(&stdout));
        }
        outputs.push((line, format!("{stdout}{stderr}")));
    }
    assert_eq!(witnesses.len(), 2, "two witnesses");
    (dir, outputs)
}

/// What the walk-through must leave, in any language: the notices, the
/// results notice with every row of the form, and a draw verified again at
/// the audit level.
fn check_results(dir: &Path, outputs: &[(String, String)]) {
    let published = dir.join("工作区/published/联合抽查-01");
    for f in [
        "list.csv",
        "list.xlsx",
        "index.html",
        "record.html",
        "proof.json",
        "public-snapshot.json",
        "verify.html",
        "results.csv",
        "results.xlsx",
        "results.json",
        "results.html",
    ] {
        assert!(published.join(f).is_file(), "{f} is published");
    }
    let results: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(published.join("results.json")).expect("results.json"),
    )
    .expect("results.json is JSON");
    let text = results.to_string();
    assert!(text.contains("未发现问题"), "{text}");
    // The campaign file the template wrote: drawn today (China date).
    let campaign = std::fs::read_to_string(dir.join("联合抽查-01.toml")).expect("campaign");
    let today = china_now().date();
    assert!(
        campaign.contains(&format!("draw_date = \"{today}\"")) || {
            // The day may have turned between the template and now.
            let yesterday = today.pred_opt().expect("a day before");
            campaign.contains(&format!("draw_date = \"{yesterday}\""))
        },
        "{campaign}"
    );
    // The walk-through's announcement printed the witnesses' commitments.
    let announce = &outputs
        .iter()
        .find(|(l, _)| l.contains("campaign announce"))
        .expect("announce")
        .1;
    assert_eq!(
        announce.matches("义务监督员").count(),
        2,
        "both witnesses' commitments are in the announcement:\n{announce}"
    );
    // Verified again, as anyone with the workspace would: audit level.
    let o = Command::new(env!("CARGO_BIN_EXE_dualdraw"))
        .args([
            "--json",
            "-w",
            "工作区",
            "verify",
            "工作区/proofs/联合抽查-01.json",
        ])
        .current_dir(dir)
        .output()
        .expect("verify");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("verify JSON");
    assert_eq!(v["level"], "audit", "{v}");
}

fn output_of<'a>(outputs: &'a [(String, String)], needle: &str) -> &'a str {
    &outputs
        .iter()
        .find(|(l, _)| l.contains(needle))
        .unwrap_or_else(|| panic!("no `{needle}` in the walk-through"))
        .1
}

#[test]
fn readme_zh_walkthrough_runs_verbatim_in_chinese() {
    let (dir, outputs) = run_walkthrough(&[]);
    check_results(dir.path(), &outputs);
    assert!(output_of(&outputs, "campaign announce").contains("公告哈希"));
    assert!(output_of(&outputs, " verify ").contains("有效（VALID，审计级"));
    assert!(output_of(&outputs, "--snapshot").contains("公开级一致（CONSISTENT"));
    assert!(
        output_of(&outputs, "campaign template").contains("已写出抽查批次 联合抽查-01 的设置文件")
    );
    assert!(output_of(&outputs, "results import").contains("联合抽查-01"));
    // The template's comments are in Chinese too.
    let campaign = std::fs::read_to_string(dir.path().join("联合抽查-01.toml")).expect("campaign");
    assert!(campaign.contains("# 抽取日期（北京时间）"), "{campaign}");
}

#[test]
fn readme_zh_walkthrough_runs_verbatim_in_english() {
    let (dir, outputs) = run_walkthrough(&[("DUALDRAW_LANG", "en")]);
    check_results(dir.path(), &outputs);
    assert!(output_of(&outputs, "campaign announce").contains("announcement hash:"));
    assert!(!output_of(&outputs, "campaign announce").contains("公告哈希"));
    assert!(output_of(&outputs, " verify ").contains("VALID"));
    assert!(output_of(&outputs, "--snapshot").contains("CONSISTENT"));
    assert!(
        output_of(&outputs, "campaign template")
            .contains("Wrote the settings of campaign 联合抽查-01")
    );
    let campaign = std::fs::read_to_string(dir.path().join("联合抽查-01.toml")).expect("campaign");
    assert!(campaign.contains("# Draw date (China)"), "{campaign}");
}
