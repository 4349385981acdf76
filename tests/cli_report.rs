//! Black-box tests of `dualdraw report YEAR` (`docs/REPORT.md`), run through
//! the real binary on a deterministic county: `demo d --entities 3000
//! --registries-only --salt-key …`, campaigns with fixed witness secrets and
//! explicit `--now` instants, results with explicit dates. Nothing depends on
//! the real date.
//!
//! The workspace holds, in the order made:
//! - `2025-A`, drawn on 2025-11-03 (another year);
//! - `2026-A`, drawn on 2026-03-02, with results, its results published;
//! - `2026-V`, drawn on 2026-04-01, then voided;
//! - `2026-B`, drawn on 2026-06-01 with high ratios (its targets overlap
//!   `2026-A`'s), one target replaced, results (one inspected in 2027);
//! - `2026-N`, announced for 2026-09-01, never drawn.
//!
//! The report's numbers are checked against the proof files, the
//! replacements file and the county's entities file, recomputed here.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Stdio};

const WS: &str = "d/workspace";
const SALT_KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
const JIA: &str = "义务监督员甲";
const YI: &str = "义务监督员乙";
const BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    cmd: String,
}

impl Run {
    #[track_caller]
    fn expect(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "`{}` exited with {} (expected {code})\nstdout:\n{}\nstderr:\n{}",
            self.cmd, self.code, self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout of `{}` is not JSON ({e}):\n{}\nstderr:\n{}",
                self.cmd, self.stdout, self.stderr
            )
        })
    }
}

fn run_in(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_dualdraw"))
        .current_dir(cwd)
        .args(args)
        .env_remove("DUALDRAW_WORKSPACE")
        .env_remove("DUALDRAW_OPERATOR")
        .env_remove("DUALDRAW_APPROVER")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run dualdraw");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        cmd: format!("dualdraw {}", args.join(" ")),
    }
}

fn secret(name: &str) -> String {
    format!("dualdraw-report-test-witness-{name}-0123456789abcdef")
}

fn commitment(name: &str) -> String {
    dualdraw::core::entropy::witness_commitment(&secret(name)).to_hex()
}

/// The campaign file: `ratios` are the A, B, C, D stratum ratios.
fn campaign_toml(id: &str, draw_date: &str, ratios: [&str; 4], max_per_officer: &str) -> String {
    format!(
        r#"id = "{id}"
title = "{id} 部门联合双随机抽查"
lead_department = "县市场监管局"
draw_date = "{draw_date}"
items = ["SC-001", "JY-002", "WL-001", "JT-003", "GA-004"]
[targets]
categories = ["民办学校", "旅游市场", "客运站", "爆破作业单位"]
regions = ["520123"]
[[targets.strata]]
credit_class = "A"
ratio = "{}"
[[targets.strata]]
credit_class = "B"
ratio = "{}"
[[targets.strata]]
credit_class = "C"
ratio = "{}"
[[targets.strata]]
credit_class = "D"
ratio = "{}"
min = 1
[teams]
min_size = 2
per_department = 1
{max_per_officer}
officer_region = "same"
[entropy]
witnesses = [{{ name = "{JIA}", commitment = "{}" }}, {{ name = "{YI}", commitment = "{}" }}]
"#,
        ratios[0],
        ratios[1],
        ratios[2],
        ratios[3],
        commitment(JIA),
        commitment(YI)
    )
}

/// A temporary folder with a demo county (`d/county`, `d/workspace`).
struct County {
    dir: tempfile::TempDir,
}

impl County {
    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn dd(&self, args: &[&str]) -> Run {
        let mut v = vec!["-w", WS];
        v.extend_from_slice(args);
        run_in(self.path(), &v)
    }

    #[track_caller]
    fn dd_json(&self, args: &[&str], code: i32) -> Value {
        let mut v = vec!["--json"];
        v.extend_from_slice(args);
        let r = self.dd(&v);
        r.expect(code);
        r.json()
    }

    fn write(&self, name: &str, text: &str) -> String {
        std::fs::write(self.path().join(name), text).expect("write");
        name.to_string()
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path().join(name))
            .unwrap_or_else(|e| panic!("read {name}: {e}"))
    }

    fn json_file(&self, name: &str) -> Value {
        serde_json::from_str(&self.read(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    /// Announces, reveals and draws; the proof is `ID.json`. `day` is the
    /// draw date; the announcement is at 09:00 two days before.
    #[track_caller]
    fn draw(&self, id: &str, day: &str, announce_day: &str, toml: &str) {
        let file = self.write(&format!("{id}.toml"), toml);
        let at = |d: &str, t: &str| format!("{d}T{t}+08:00");
        self.dd(&[
            "campaign",
            "announce",
            &file,
            "--now",
            &at(announce_day, "09:00:00"),
        ])
        .expect(0);
        self.dd(&[
            "campaign",
            "reveal",
            id,
            &format!("{JIA}={}", secret(JIA)),
            "--now",
            &at(day, "09:00:00"),
        ])
        .expect(0);
        self.dd(&[
            "campaign",
            "draw",
            id,
            "--reveal",
            &format!("{YI}={}", secret(YI)),
            "--now",
            &at(day, "09:30:00"),
            "--out",
            &format!("{id}.json"),
        ])
        .expect(0);
    }

    /// Records a result of the first item of `t` (from the proof) on `date`.
    #[track_caller]
    fn record(&self, id: &str, t: &Value, date: &str, extra: &[&str]) {
        let uscc = t["entity"]["uscc"].as_str().expect("uscc");
        let item = t["items"][0].as_str().expect("item");
        let now = format!("{date}T18:00:00+08:00");
        let mut v = vec![
            "results",
            "record",
            id,
            "--target",
            uscc,
            "--item",
            item,
            "--result",
            "未发现问题",
            "--date",
            date,
            "--now",
            &now,
        ];
        v.extend_from_slice(extra);
        self.dd(&v).expect(0);
    }
}

/// The registries only (no campaign).
fn bare_county() -> County {
    let c = County {
        dir: tempfile::tempdir().expect("tempdir"),
    };
    run_in(
        c.path(),
        &[
            "demo",
            "d",
            "--entities",
            "3000",
            "--registries-only",
            "--salt-key",
            SALT_KEY,
        ],
    )
    .expect(0);
    c
}

/// The campaigns of the module's documentation, with results and a replacement.
fn county() -> County {
    let c = bare_county();
    let low = ["3%", "5%", "10%", "30%"];
    let max10 = "max_targets_per_officer = 10";
    // Another year.
    c.draw(
        "2025-A",
        "2025-11-03",
        "2025-11-01",
        &campaign_toml("2025-A", "2025-11-03", low, max10),
    );
    // The first batch of 2026.
    c.draw(
        "2026-A",
        "2026-03-02",
        "2026-02-28",
        &campaign_toml("2026-A", "2026-03-02", low, max10),
    );
    let a = c.json_file("2026-A.json");
    let targets = a["targets"].as_array().expect("targets");
    for (k, t) in targets.iter().take(4).enumerate() {
        c.record("2026-A", t, &format!("2026-03-1{k}"), &[]);
    }
    c.dd(&[
        "results",
        "publish",
        "2026-A",
        "--out",
        "pubA",
        "--now",
        "2026-03-20T09:00:00+08:00",
    ])
    .expect(0);
    // One result more after the publication: recorded, not published.
    c.record("2026-A", &targets[4], "2026-03-23", &[]);
    // Drawn, then voided: not counted.
    c.draw(
        "2026-V",
        "2026-04-01",
        "2026-03-30",
        &campaign_toml("2026-V", "2026-04-01", low, max10),
    );
    c.dd(&[
        "campaign",
        "void",
        "2026-V",
        "--reason",
        "抽查方案有误",
        "--now",
        "2026-04-02T09:00:00+08:00",
    ])
    .expect(0);
    // High ratios: most of 2026-A's targets are drawn again.
    c.draw(
        "2026-B",
        "2026-06-01",
        "2026-05-29",
        &campaign_toml("2026-B", "2026-06-01", ["30%", "40%", "60%", "100%"], ""),
    );
    let b = c.json_file("2026-B.json");
    let bt = b["targets"].as_array().expect("targets");
    // The first target closed: replaced by the next of its stratum.
    let closed = bt[0]["entity"]["uscc"].as_str().expect("uscc");
    c.dd(&[
        "campaign",
        "replace",
        "2026-B",
        "--target",
        closed,
        "--reason",
        "已注销",
        "--now",
        "2026-06-02T09:00:00+08:00",
    ])
    .expect(0);
    for t in &bt[1..4] {
        c.record("2026-B", t, "2026-06-10", &[]);
    }
    // Inspected in the next year (a holiday file for 2027): not counted in 2026.
    c.write(
        "h2027.toml",
        "[2027]\ndays_off = [\"01-01\"]\nworking_weekends = []\n",
    );
    c.record(
        "2026-B",
        &bt[4],
        "2027-01-05",
        &["--holidays", "h2027.toml"],
    );
    // Announced, never drawn.
    let n = c.write(
        "2026-N.toml",
        &campaign_toml("2026-N", "2026-09-01", low, max10),
    );
    c.dd(&[
        "campaign",
        "announce",
        &n,
        "--now",
        "2026-08-28T09:00:00+08:00",
    ])
    .expect(0);
    c
}

/// The credit classes of the county's entities file.
fn classes(c: &County) -> BTreeMap<String, String> {
    let text = c.read("d/county/entities.csv");
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr.headers().expect("header").clone();
    let col = |n: &str| headers.iter().position(|h| h == n).expect(n);
    let (u, k) = (col("统一社会信用代码"), col("信用风险分类"));
    rdr.records()
        .map(|r| {
            let r = r.expect("row");
            (r[u].to_string(), r[k].to_string())
        })
        .collect()
}

/// One visit recomputed from the files: target, departments, officers
/// (id, department).
#[derive(Debug, Clone)]
struct Visit {
    target: String,
    departments: Vec<String>,
    officers: Vec<(String, String)>,
}

/// The current visits of a campaign: the proof's teams with the
/// replacements file applied, departments from the proof (or, for a
/// replacement target, its officers' departments).
fn visits(c: &County, id: &str) -> Vec<Visit> {
    let proof = c.json_file(&format!("{id}.json"));
    let dept_of: BTreeMap<String, String> = proof["officers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["id"].as_str().unwrap().to_string(),
                o["department"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let target_depts: BTreeMap<String, Vec<String>> = proof["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["entity"]["uscc"].as_str().unwrap().to_string(),
                t["departments"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|d| d.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect();
    let mut teams: BTreeMap<String, Vec<String>> = proof["teams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["target"].as_str().unwrap().to_string(),
                t["officers"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|o| o.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect();
    let reps = format!("{WS}/proofs/{id}.replacements.json");
    if c.path().join(&reps).exists() {
        for r in c.json_file(&reps).as_array().unwrap() {
            let target = r["request"]["target"].as_str().unwrap().to_string();
            let team: Vec<String> = r["team"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o.as_str().unwrap().to_string())
                .collect();
            if r["request"]["kind"] == "target" {
                teams.remove(&target);
                teams.insert(r["replacement"].as_str().unwrap().to_string(), team);
            } else {
                teams.insert(target, team);
            }
        }
    }
    teams
        .into_iter()
        .map(|(target, officers)| {
            let officers: Vec<(String, String)> = officers
                .into_iter()
                .map(|o| {
                    let d = dept_of[&o].clone();
                    (o, d)
                })
                .collect();
            let departments = target_depts.get(&target).cloned().unwrap_or_else(|| {
                let s: BTreeSet<String> = officers.iter().map(|o| o.1.clone()).collect();
                s.into_iter().collect()
            });
            Visit {
                target,
                departments,
                officers,
            }
        })
        .collect()
}

fn report_json(c: &County, year: &str, out: &str) -> Value {
    let v = c.dd_json(&["report", year, "--out", out], 0);
    assert_eq!(v["schema"], "dualdraw.report.v1", "{v:#}");
    assert_eq!(v["ok"], true);
    v
}

fn n(v: &Value) -> usize {
    v.as_u64().unwrap_or_else(|| panic!("not a count: {v}")) as usize
}

#[test]
fn the_report_of_two_overlapping_campaigns_matches_the_proofs() {
    let c = county();
    numbers_match_the_proofs(&c);
    voided_and_other_years_campaigns_are_not_counted(&c);
    the_files_are_written_with_a_chart_and_bom(&c);
    the_text_summary_lists_the_files_in_the_default_folder(&c);
}

fn numbers_match_the_proofs(c: &County) {
    let r = report_json(c, "2026", "r2026");
    assert_eq!(r["year"], 2026);
    assert_eq!(r["internal"], true);
    assert_eq!(
        r["ledger_head"],
        c.dd_json(&["ledger", "verify"], 0)["head"]
    );
    let ids: Vec<&str> = r["campaigns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["2026-A", "2026-B"]);
    let not_counted: Vec<(&str, &str)> = r["not_counted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["id"].as_str().unwrap(), x["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(not_counted, [("2026-V", "voided"), ("2026-N", "not_drawn")]);

    let mut all = visits(c, "2026-A");
    all.extend(visits(c, "2026-B"));
    let mut per_entity: BTreeMap<&str, usize> = BTreeMap::new();
    for v in &all {
        *per_entity.entry(&v.target).or_default() += 1;
    }
    let s = &r["summary"];
    assert_eq!(n(&s["campaigns"]), 2);
    assert_eq!(n(&s["visits"]), all.len());
    assert_eq!(n(&s["entities"]), per_entity.len());
    let repeated = per_entity.values().filter(|&&k| k > 1).count();
    assert!(repeated > 0, "the test needs overlapping campaigns");
    assert_eq!(n(&s["visited_more_than_once"]), repeated);
    assert_eq!(n(&s["max_visits"]), *per_entity.values().max().unwrap());
    assert_eq!(n(&s["max_visits"]), 2);
    assert_eq!(r["repeat_visits"].as_array().unwrap().len(), repeated);
    let joint = all.iter().filter(|v| v.departments.len() > 1).count();
    assert_eq!(n(&s["joint_visits"]), joint);
    let checks: usize = all.iter().map(|v| v.departments.len()).sum();
    assert_eq!(n(&s["department_checks"]), checks);
    // Results: 5 + 3 in 2026 (4 published), 1 in 2027.
    assert_eq!(n(&s["results"]), 8);
    assert_eq!(n(&s["results_published"]), 4);
    assert_eq!(n(&s["results_later"]), 1);
    assert_eq!(n(&s["visits_with_results"]), 8);

    // Officers' loads, per (department, officer).
    let mut loads: BTreeMap<(String, String), usize> = BTreeMap::new();
    for v in &all {
        for (o, d) in &v.officers {
            *loads.entry((d.clone(), o.clone())).or_default() += 1;
        }
    }
    let got: BTreeMap<(String, String), usize> = r["officers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| n(&o["visits"]) > 0)
        .map(|o| {
            (
                (
                    o["department"].as_str().unwrap().to_string(),
                    o["id"].as_str().unwrap().to_string(),
                ),
                n(&o["visits"]),
            )
        })
        .collect();
    assert_eq!(got, loads);
    for d in r["by_department"].as_array().unwrap() {
        let dept = d["department"].as_str().unwrap();
        let mine: Vec<usize> = loads
            .iter()
            .filter(|(k, _)| k.0 == dept)
            .map(|(_, v)| *v)
            .collect();
        assert_eq!(n(&d["load"]["max"]), *mine.iter().max().unwrap(), "{dept}");
        assert_eq!(n(&d["load"]["total"]), mine.iter().sum::<usize>(), "{dept}");
        assert_eq!(n(&d["officers_with_visits"]), mine.len(), "{dept}");
        let entities: BTreeSet<&str> = all
            .iter()
            .filter(|v| v.departments.iter().any(|x| x == dept))
            .map(|v| v.target.as_str())
            .collect();
        assert_eq!(n(&d["entities"]), entities.len(), "{dept}");
        let visits = all
            .iter()
            .filter(|v| v.departments.iter().any(|x| x == dept))
            .count();
        assert_eq!(n(&d["visits"]), visits, "{dept}");
    }

    // Per credit class, from the county's entities file.
    let classes = classes(c);
    for row in r["by_credit_class"].as_array().unwrap() {
        let k = row["credit_class"].as_str().unwrap();
        let entities: BTreeSet<&str> = all
            .iter()
            .filter(|v| classes[&v.target] == k)
            .map(|v| v.target.as_str())
            .collect();
        assert_eq!(n(&row["entities"]), entities.len(), "class {k}");
        let visits = all.iter().filter(|v| classes[&v.target] == k).count();
        assert_eq!(n(&row["visits"]), visits, "class {k}");
    }

    // Per campaign.
    let a = &r["campaigns"][0];
    assert_eq!(n(&a["targets"]), visits(c, "2026-A").len());
    assert_eq!(
        (
            n(&a["targets_with_results"]),
            n(&a["results"]),
            n(&a["results_published"]),
            n(&a["results_later"])
        ),
        (5, 5, 4, 0)
    );
    assert_eq!(a["list_published"], false);
    let b = &r["campaigns"][1];
    assert_eq!(n(&b["replacements"]), 1);
    assert_eq!(
        (
            n(&b["targets_with_results"]),
            n(&b["results"]),
            n(&b["results_published"]),
            n(&b["results_later"])
        ),
        (3, 3, 0, 1)
    );
}

fn voided_and_other_years_campaigns_are_not_counted(c: &County) {
    let r = report_json(c, "2026", "r2026-voided");
    let voided: BTreeSet<String> = visits(c, "2026-V").into_iter().map(|v| v.target).collect();
    let counted: BTreeSet<String> = visits(c, "2026-A")
        .into_iter()
        .chain(visits(c, "2026-B"))
        .map(|v| v.target)
        .collect();
    // Targets drawn only by the voided campaign do not appear anywhere.
    let only_voided: Vec<&String> = voided.difference(&counted).collect();
    assert!(!only_voided.is_empty());
    let text = serde_json::to_string(&r).unwrap();
    let repeat: BTreeSet<&str> = r["repeat_visits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["uscc"].as_str().unwrap())
        .collect();
    for u in &only_voided {
        assert!(!repeat.contains(u.as_str()));
    }
    assert!(!text.contains("2025-A"));
    // 2025: only 2025-A.
    let r25 = report_json(c, "2025", "r2025");
    let ids: Vec<&str> = r25["campaigns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["2025-A"]);
    assert_eq!(n(&r25["summary"]["visits"]), visits(c, "2025-A").len());
    assert_eq!(n(&r25["summary"]["results"]), 0);
    assert_eq!(r25["not_counted"].as_array().unwrap().len(), 0);
}

fn the_files_are_written_with_a_chart_and_bom(c: &County) {
    let r = report_json(c, "2026", "r2026-files");
    let files: Vec<String> = r["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    let names: Vec<&str> = files
        .iter()
        .map(|p| Path::new(p).file_name().unwrap().to_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "report.html",
            "report.json",
            "campaigns.csv",
            "campaigns.xlsx",
            "credit_classes.csv",
            "credit_classes.xlsx",
            "departments.csv",
            "departments.xlsx",
            "officers.csv",
            "officers.xlsx",
            "repeat_visits.csv",
            "repeat_visits.xlsx"
        ]
    );
    let dir = c.path().join("r2026-files");
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.contains("<svg"), "the officers' loads chart");
    assert!(html.contains("内部资料"), "marked internal");
    assert!(!html.contains("<script") && !html.contains("src=") && !html.contains("href="));
    for f in [
        "campaigns",
        "credit_classes",
        "departments",
        "officers",
        "repeat_visits",
    ] {
        let bytes = std::fs::read(dir.join(format!("{f}.csv"))).unwrap();
        assert!(bytes.starts_with(BOM), "{f}.csv starts with a BOM");
    }
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(json["schema"], "dualdraw.report.v1");
    assert_eq!(json["summary"], r["summary"]);
    assert_eq!(json["officers"], r["officers"]);
    // Made again from the same records: the same bytes.
    let again = report_json(c, "2026", "r2026-files");
    assert_eq!(again["files"], r["files"]);
}

fn the_text_summary_lists_the_files_in_the_default_folder(c: &County) {
    let out = c.dd(&["report", "2026"]);
    out.expect(0);
    assert!(out.stdout.contains("内部资料"), "{}", out.stdout);
    assert!(out.stdout.contains("被检查不止一次的"), "{}", out.stdout);
    assert!(out.stdout.contains("2026-A") && out.stdout.contains("2026-B"));
    for f in ["report.html", "report.json", "officers.csv"] {
        assert!(out.stdout.contains(f), "{}", out.stdout);
        assert!(c.path().join(WS).join("reports/2026").join(f).is_file());
    }
}

#[test]
fn a_year_without_campaigns_is_fine_and_says_so() {
    let c = &bare_county();
    let out = c.dd(&["report", "2024", "--out", "r2024"]);
    out.expect(0);
    assert!(
        out.stdout.contains("2024 年没有已抽取的抽查批次"),
        "{}",
        out.stdout
    );
    let r = report_json(c, "2024", "r2024");
    assert_eq!(n(&r["summary"]["campaigns"]), 0);
    assert_eq!(r["campaigns"].as_array().unwrap().len(), 0);
    assert!(c.path().join("r2024/report.html").is_file());
}

#[test]
fn usage_errors_exit_2() {
    let c = &bare_county();
    for year in ["0", "-5", "10000", "abc"] {
        c.dd(&["report", year, "--out", "bad"]).expect(2);
    }
    let v = c.dd_json(&["report", "0", "--out", "bad"], 2);
    assert_eq!(v["schema"], "dualdraw.error.v1");
    assert_eq!(v["error"]["kind"], "usage");
    assert!(!c.path().join("bad").exists());
    let dir = tempfile::tempdir().unwrap();
    run_in(dir.path(), &["-w", "none", "report", "2026"]).expect(2);
    run_in(dir.path(), &["report", "2026"]).expect(2);
}
