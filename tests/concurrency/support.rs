//! Helpers shared by the concurrency tests: the binary, a county and its
//! workspace, racing two commands and judging a pair.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_dualdraw")
}

pub fn pairs() -> usize {
    std::env::var("DUALDRAW_CONCURRENCY")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
}

pub fn dd(ws: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .arg("-w")
        .arg(ws)
        .args(args)
        .output()
        .unwrap()
}

pub fn spawn(ws: &Path, args: &[&str]) -> Child {
    Command::new(bin())
        .arg("-w")
        .arg(ws)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

pub fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

pub fn ok(o: &Output) {
    assert!(o.status.success(), "{}", text(o));
}

/// A county of a few hundred entities and its workspace, with two entity
/// rows held back and every file at hand.
pub struct County {
    pub dir: tempfile::TempDir,
    pub header: String,
    pub held: Vec<String>,
    pub officers: Vec<String>,
}

impl County {
    pub fn new() -> County {
        let dir = tempfile::tempdir().unwrap();
        let c = dir.path().join("county");
        ok(&Command::new(bin())
            .args(["generate", "--seed", "11", "--entities", "300", "--out"])
            .arg(&c)
            .output()
            .unwrap());
        let text = std::fs::read_to_string(c.join("entities.csv")).unwrap();
        let mut lines = text.lines();
        let header = lines.next().unwrap().to_string();
        let rows: Vec<String> = lines.map(str::to_string).collect();
        let held = rows[rows.len() - 2..].to_vec();
        let kept = format!("{header}\n{}\n", rows[..rows.len() - 2].join("\n"));
        std::fs::write(c.join("entities.csv"), kept).unwrap();
        let officers = std::fs::read_to_string(c.join("officers.csv"))
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        County {
            dir,
            header,
            held,
            officers,
        }
    }

    pub fn workspace(&self, name: &str) -> PathBuf {
        let ws = self.dir.path().join(name);
        ok(&dd(&ws, &["init"]));
        for k in ["items", "entities", "officers", "recusals"] {
            let f = self.dir.path().join("county").join(format!("{k}.csv"));
            ok(&dd(
                &ws,
                &["import", k, f.to_str().unwrap(), "--today", "2026-03-01"],
            ));
        }
        ws
    }

    pub fn file(&self, name: &str, text: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }
}

/// The workspace's current registries.
pub fn current(ws: &Path) -> dualdraw::Registries {
    dualdraw::Workspace::open(ws)
        .unwrap()
        .load_current(&dualdraw::RegistryKind::ALL)
        .unwrap()
}

/// Runs two commands at once; returns both outputs.
pub fn race(ws: &Path, a: &[&str], b: &[&str]) -> (Output, Output) {
    let x = spawn(ws, a);
    let y = spawn(ws, b);
    (x.wait_with_output().unwrap(), y.wait_with_output().unwrap())
}

/// A pair's verdict: both applied, or one refused clearly; `applied(i)` says
/// whether update i is in the workspace now.
pub fn judge(what: &str, x: &Output, y: &Output, applied: [bool; 2]) -> &'static str {
    for (i, o) in [x, y].into_iter().enumerate() {
        if o.status.success() {
            assert!(
                applied[i],
                "{what}: update {i} reported done but is lost\n{}",
                text(o)
            );
        } else {
            assert_eq!(o.status.code(), Some(1), "{what}: {}", text(o));
            assert!(!applied[i], "{what}: update {i} refused but stored");
            let t = text(o);
            assert!(
                t.contains("changed while this ran")
                    || t.contains("run it again")
                    || t.contains("请重新运行"),
                "{what}: the refusal does not say why: {t}"
            );
        }
    }
    match (x.status.success(), y.status.success()) {
        (true, true) => "both applied",
        (false, false) => panic!("{what}: both refused"),
        _ => "one refused, the other applied",
    }
}

pub fn secret(name: &str) -> String {
    dualdraw::Hash::digest(format!("concurrency/{name}").as_bytes()).to_hex()
}

pub fn campaign(id: &str) -> String {
    use dualdraw::core::entropy::witness_commitment;
    format!(
        r#"id = "{id}"
title = "并发测试"
lead_department = "县市场监管局"
draw_date = "2026-03-02"
items = ["SC-001", "JY-002", "WL-001", "JT-003", "GA-004"]
[targets]
categories = ["民办学校", "旅游市场", "客运站", "爆破作业单位"]
[[targets.strata]]
credit_class = "A"
ratio = "3%"
[[targets.strata]]
credit_class = "B"
ratio = "5%"
[[targets.strata]]
credit_class = "C"
ratio = "10%"
[[targets.strata]]
credit_class = "D"
ratio = "30%"
[teams]
min_size = 2
per_department = 1
[entropy]
witnesses = [{{ name = "甲", commitment = "{}" }}, {{ name = "乙", commitment = "{}" }}]
"#,
        witness_commitment(&secret("甲")),
        witness_commitment(&secret("乙"))
    )
}

/// A campaign with a visit period, every credit class drawn at `ratio`.
pub fn campaign_at(id: &str, ratio: &str) -> String {
    campaign(id)
        .replace("ratio = \"3%\"", &format!("ratio = \"{ratio}\""))
        .replace("ratio = \"5%\"", &format!("ratio = \"{ratio}\""))
        .replace("ratio = \"10%\"", &format!("ratio = \"{ratio}\""))
        .replace("ratio = \"30%\"", &format!("ratio = \"{ratio}\"\nmin = 1"))
        .replace(
            "[entropy]",
            "[period]\nstart = \"2026-03-09\"\nend = \"2026-04-17\"\n[entropy]",
        )
}

pub const ANNOUNCE_AT: &str = "2026-03-01T09:00:00+08:00";
pub const REVEAL_AT: &str = "2026-03-02T09:00:00+08:00";
pub const DRAW_AT: &str = "2026-03-02T09:05:00+08:00";

impl County {
    /// Announces campaign `id` (drawn at `ratio`, with a period) in `ws`.
    pub fn announce(&self, ws: &Path, id: &str, ratio: &str) {
        let f = self.file(&format!("{id}.toml"), &campaign_at(id, ratio));
        ok(&dd(
            ws,
            &[
                "campaign",
                "announce",
                f.to_str().unwrap(),
                "--now",
                ANNOUNCE_AT,
            ],
        ));
    }

    /// Announces, reveals and draws campaign `id` in `ws`.
    pub fn drawn(&self, ws: &Path, id: &str, ratio: &str) {
        self.announce(ws, id, ratio);
        reveal_first(ws, id);
        ok(&dd(
            ws,
            &draw_args(id).iter().map(String::as_str).collect::<Vec<_>>(),
        ));
    }
}

/// Records witness 甲's reveal of campaign `id`.
pub fn reveal_first(ws: &Path, id: &str) {
    let a = format!("甲={}", secret("甲"));
    ok(&dd(ws, &["campaign", "reveal", id, &a, "--now", REVEAL_AT]));
}

/// `campaign draw ID` with witness 乙's reveal (after 甲's).
pub fn draw_args(id: &str) -> Vec<String> {
    vec![
        "campaign".into(),
        "draw".into(),
        id.into(),
        "--reveal".into(),
        format!("乙={}", secret("乙")),
        "--now".into(),
        DRAW_AT.into(),
    ]
}

/// The drawn targets of campaign `id` with their first item, from its proof file.
pub fn targets(ws: &Path, id: &str) -> Vec<(String, String)> {
    let proof: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(ws.join("proofs").join(format!("{id}.json"))).unwrap(),
    )
    .unwrap();
    proof["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["entity"]["uscc"].as_str().unwrap().to_string(),
                t["items"][0].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A results file: one result (未发现问题) per (target, item).
pub fn results_csv(rows: &[(String, String)]) -> String {
    let mut csv = String::from("统一社会信用代码,事项编码,检查结果,检查日期\n");
    for (u, i) in rows {
        csv.push_str(&format!("{u},{i},未发现问题,2026-03-20\n"));
    }
    csv
}

/// `ledger verify` passes.
pub fn ledger_ok(ws: &Path) {
    let o = dd(ws, &["ledger", "verify"]);
    assert!(o.status.success(), "ledger verify: {}", text(&o));
}

/// The counts a concurrency test prints on one line.
#[derive(Default)]
pub struct Tally {
    pub pairs: usize,
    pub both: usize,
    pub refused: usize,
    pub reads: usize,
    pub alarms: usize,
}

impl Tally {
    pub fn add(&mut self, verdict: &str) {
        self.pairs += 1;
        if verdict == "both applied" {
            self.both += 1;
        } else {
            self.refused += 1;
        }
    }

    pub fn print(&self, what: &str) {
        eprintln!(
            "{what}: {} pairs, {} both applied, {} one refused, {} reads, {} false alarms",
            self.pairs, self.both, self.refused, self.reads, self.alarms
        );
    }
}

/// Borrowed arguments.
pub fn strs(x: &[String]) -> Vec<&str> {
    x.iter().map(String::as_str).collect()
}
