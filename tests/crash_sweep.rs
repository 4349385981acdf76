//! Issue 12, crash windows: every writing command of a county's year is
//! interrupted at each of its write steps (deterministic crash points,
//! `DUALDRAW_CRASH_AT`, the process aborts as under `kill -9`) and, for a
//! sample, by a real `kill -9` at a random moment. After each interruption the
//! test runs the command again, or the recovery command its error names, and
//! compares the workspace with the one an uninterrupted run made: the same
//! ledger (kinds, campaigns, committed hashes), snapshots and files, a ledger
//! that verifies, nothing partial left anywhere.
//!
//! `cargo test --test crash_sweep` interrupts a sample of the points (every
//! one in `DUALDRAW_SWEEP=full`, as the closing note reports);
//! `DUALDRAW_SWEEP_KILLS=N` sets the number of real `kill -9` runs (default 6).

use dualdraw::Workspace;
use dualdraw::core::entropy::witness_commitment;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

const ID: &str = "2026-CRASH-01";

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_dualdraw")
}

fn secret(name: &str) -> String {
    dualdraw::Hash::digest(format!("crash-sweep/{name}").as_bytes()).to_hex()
}

fn campaign() -> String {
    format!(
        r#"id = "{ID}"
title = "2026年部门联合双随机抽查（中断测试）"
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
min = 1
[teams]
min_size = 2
per_department = 1
max_targets_per_officer = 10
[period]
start = "2026-03-09"
end = "2026-04-17"
[entropy]
witnesses = [{{ name = "甲", commitment = "{}" }}, {{ name = "乙", commitment = "{}" }}]
"#,
        witness_commitment(&secret("甲")),
        witness_commitment(&secret("乙"))
    )
}

/// Writes the results file of the drawn campaign (one result per target,
/// its first item) into the stage folder.
fn results_file(d: &Path) {
    let proof: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(d.join("ws/proofs").join(format!("{ID}.json"))).unwrap(),
    )
    .unwrap();
    let mut csv = String::from("统一社会信用代码,事项编码,检查结果,检查日期\n");
    for t in proof["targets"].as_array().unwrap() {
        csv.push_str(&format!(
            "{},{},未发现问题,2026-03-20\n",
            t["entity"]["uscc"].as_str().unwrap(),
            t["items"][0].as_str().unwrap()
        ));
    }
    std::fs::write(d.join("results.csv"), csv).unwrap();
}

/// A delta adding back the last entity row of the county, held back from
/// the first import.
fn hold_back(d: &Path) {
    let f = d.join("county/entities.csv");
    let text = std::fs::read_to_string(&f).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let last = lines.pop().unwrap();
    std::fs::write(&f, format!("{}\n", lines.join("\n"))).unwrap();
    std::fs::write(d.join("delta.csv"), format!("{}\n{last}\n", lines[0])).unwrap();
}

type Prepare = fn(&Path);

/// The year's writing commands, in order, each with what must be in the
/// stage folder before it runs; `{d}` is the folder holding the workspace
/// `ws` and the files.
fn steps() -> Vec<(Vec<String>, Option<Prepare>)> {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let plain: Vec<Vec<String>> = vec![
        s(&["init"]),
        s(&[
            "import",
            "items",
            "{d}/county/items.csv",
            "--today",
            "2026-03-01",
        ]),
        s(&[
            "import",
            "entities",
            "{d}/county/entities.csv",
            "--today",
            "2026-03-01",
        ]),
        s(&[
            "import",
            "officers",
            "{d}/county/officers.csv",
            "--today",
            "2026-03-01",
        ]),
        s(&[
            "import",
            "recusals",
            "{d}/county/recusals.csv",
            "--today",
            "2026-03-01",
        ]),
        s(&[
            "campaign",
            "announce",
            "{d}/c.toml",
            "--now",
            "2026-03-01T09:00:00+08:00",
        ]),
        vec![
            "campaign".into(),
            "reveal".into(),
            ID.into(),
            format!("甲={}", secret("甲")),
            "--now".into(),
            "2026-03-02T09:00:00+08:00".into(),
        ],
        vec![
            "campaign".into(),
            "draw".into(),
            ID.into(),
            "--reveal".into(),
            format!("乙={}", secret("乙")),
            "--now".into(),
            "2026-03-02T09:05:00+08:00".into(),
        ],
        s(&["publish", ID, "--now", "2026-03-02T10:00:00+08:00"]),
        s(&["schedule", ID, "--now", "2026-03-03T10:00:00+08:00"]),
        s(&[
            "results",
            "import",
            ID,
            "{d}/results.csv",
            "--now",
            "2026-03-21T10:00:00+08:00",
        ]),
        s(&[
            "results",
            "publish",
            ID,
            "--now",
            "2026-03-22T10:00:00+08:00",
        ]),
        s(&["ledger", "export", "{d}/ws/export/ledger.jsonl"]),
    ];
    let mut out: Vec<(Vec<String>, Option<Prepare>)> =
        plain.into_iter().map(|v| (v, None)).collect();
    // The registry update comes after the four imports.
    out.insert(
        5,
        (
            s(&[
                "registry",
                "update",
                "entities",
                "{d}/delta.csv",
                "--today",
                "2026-03-01",
            ]),
            None,
        ),
    );
    let results = out
        .iter()
        .position(|(v, _)| v[0] == "results" && v[1] == "import")
        .unwrap();
    out[results].1 = Some(results_file);
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let t = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &t);
        } else {
            std::fs::copy(e.path(), t).unwrap();
        }
    }
}

/// A folder holding the county files, the campaign and (after `done` steps)
/// the workspace `ws`.
struct Stage {
    dir: tempfile::TempDir,
}

impl Stage {
    fn ws(&self) -> PathBuf {
        self.dir.path().join("ws")
    }

    fn args(&self, step: &[String]) -> Vec<String> {
        let d = self.dir.path().to_string_lossy().to_string();
        let mut v = vec!["-w".to_string(), self.ws().to_string_lossy().to_string()];
        v.extend(step.iter().map(|a| a.replace("{d}", &d)));
        v
    }

    fn run(&self, step: &[String], env: &[(&str, String)]) -> Output {
        let mut c = Command::new(bin());
        c.args(self.args(step)).env("DUALDRAW_OPERATOR", "sweep");
        for (k, v) in env {
            c.env(k, v);
        }
        c.output().unwrap()
    }

    fn copy(&self) -> Stage {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(self.dir.path(), dir.path());
        Stage { dir }
    }
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// What must be equal after an interrupted and recovered run and after an
/// uninterrupted one.
fn fingerprint(ws: &Path) -> BTreeMap<String, String> {
    let mut f = BTreeMap::new();
    let mut files = Vec::new();
    collect(ws, ws, &mut files);
    for (rel, bytes) in files {
        assert!(
            !rel.contains("partial"),
            "a partial file was left behind: {rel}"
        );
        if rel.starts_with("dualdraw.db") {
            continue;
        }
        // Visit dates come from a fresh schedule secret: names only.
        let v = if rel.starts_with("schedules/") {
            String::new()
        } else {
            dualdraw::Hash::digest(&bytes).to_hex()
        };
        f.insert(format!("file {rel}"), v);
    }
    if !ws.join("dualdraw.db").exists() {
        return f;
    }
    let w = Workspace::open(ws).unwrap();
    w.audit_records()
        .unwrap_or_else(|e| panic!("the recovered workspace does not verify: {e}"));
    for s in w.snapshots().unwrap() {
        f.insert(format!("snapshot {}", s.id), s.roots.digest().to_hex());
    }
    for e in w.ledger().unwrap() {
        let b: serde_json::Value = serde_json::from_str(&e.body).unwrap();
        let keep = match e.kind.as_str() {
            "announcement" => b["announcement_hash"].to_string(),
            "draw" => b["proof_sha256"].to_string(),
            "publication" => b["files"].to_string(),
            "reveal" => b["witness"].to_string(),
            _ => String::new(),
        };
        f.insert(format!("ledger {} {} {}", e.seq, e.kind, e.campaign), keep);
    }
    f
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(root, &p, out);
        } else {
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, std::fs::read(&p).unwrap_or_default()));
        }
    }
}

/// The first `` `dualdraw …` `` command an error names.
fn named_recovery(message: &str) -> Option<Vec<String>> {
    let start = message.find("`dualdraw ")? + 1;
    let end = start + message[start..].find('`')?;
    let words: Vec<String> = message[start..end]
        .split_whitespace()
        .skip(1)
        .map(str::to_string)
        .collect();
    Some(words)
}

/// After an interrupted run: run the step again; if it is refused because
/// the interrupted run had already completed, that is the recovery; otherwise
/// run the recovery its message names. Returns what was done.
fn recover(stage: &Stage, step: &[String], want: &BTreeMap<String, String>) -> String {
    let again = stage.run(step, &[]);
    if again.status.success() {
        return "rerun".into();
    }
    let message = text(&again);
    if &fingerprint(&stage.ws()) == want {
        return format!(
            "rerun refused as complete ({})",
            message
                .lines()
                .next()
                .unwrap_or_default()
                .split(':')
                .next()
                .unwrap_or_default()
                .trim()
        );
    }
    let Some(cmd) = named_recovery(&message) else {
        panic!(
            "after the interruption, `{}` is refused and names no recovery:\n{message}",
            step.join(" ")
        );
    };
    let r = stage.run(&cmd, &[]);
    assert!(
        r.status.success(),
        "the named recovery `dualdraw {}` failed:\n{}",
        cmd.join(" "),
        text(&r)
    );
    format!("named: dualdraw {}", cmd.join(" "))
}

struct Sweep {
    points: usize,
    kills: usize,
    recoveries: BTreeMap<String, usize>,
}

fn sweep(seed: u64, entities: u64, sample_every: usize, kills: usize) -> Sweep {
    let base = Stage {
        dir: tempfile::tempdir().unwrap(),
    };
    let generated = Command::new(bin())
        .args(["generate", "--seed"])
        .arg(seed.to_string())
        .arg("--entities")
        .arg(entities.to_string())
        .arg("--out")
        .arg(base.dir.path().join("county"))
        .output()
        .unwrap();
    assert!(generated.status.success(), "{}", text(&generated));
    std::fs::write(base.dir.path().join("c.toml"), campaign()).unwrap();
    hold_back(base.dir.path());
    let mut out = Sweep {
        points: 0,
        kills: 0,
        recoveries: BTreeMap::new(),
    };
    let mut state = base;
    let all = steps();
    let mut kill_seed: u64 = 0x5eed;
    for (i, (step, prepare)) in all.iter().enumerate() {
        if let Some(p) = prepare {
            p(state.dir.path());
        }
        // The uninterrupted run, its number of crash points and its duration.
        let reference = state.copy();
        let log = reference.dir.path().join("points.log");
        let started = std::time::Instant::now();
        let r = reference.run(
            step,
            &[("DUALDRAW_CRASH_LOG", log.to_string_lossy().to_string())],
        );
        let took = started.elapsed();
        assert!(
            r.status.success(),
            "step {i} `{}`: {}",
            step.join(" "),
            text(&r)
        );
        let n = std::fs::read_to_string(&log)
            .unwrap_or_default()
            .lines()
            .count();
        std::fs::remove_file(&log).ok();
        let want = fingerprint(&reference.ws());
        for k in 1..=n {
            if (k + i) % sample_every != 0 && k != n {
                continue;
            }
            let s = state.copy();
            let crashed = s.run(step, &[("DUALDRAW_CRASH_AT", k.to_string())]);
            assert!(
                !crashed.status.success() && crashed.status.code().is_none(),
                "step {i} point {k}: the process did not stop there: {}",
                text(&crashed)
            );
            let how = recover(&s, step, &want);
            let got = fingerprint(&s.ws());
            assert_eq!(
                got,
                want,
                "step {i} `{}` interrupted at point {k} and recovered by {how}: the workspace differs from an uninterrupted run",
                step.join(" ")
            );
            *out.recoveries.entry(how).or_default() += 1;
            out.points += 1;
        }
        // Real kill -9 at a pseudo-random moment.
        for _ in 0..kills {
            kill_seed = kill_seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            // Anywhere in the command's run (as long as the uninterrupted one took).
            let delay = Duration::from_micros(
                (kill_seed >> 33) % (took.as_micros().clamp(1_000, 5_000_000) as u64),
            );
            let s = state.copy();
            let mut c = Command::new(bin());
            c.args(s.args(step))
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null());
            let mut child = c.spawn().unwrap();
            std::thread::sleep(delay);
            let _ = child.kill();
            let status = child.wait().unwrap();
            let how = if status.success() {
                "finished before the kill".to_string()
            } else {
                recover(&s, step, &want)
            };
            assert_eq!(
                fingerprint(&s.ws()),
                want,
                "step {i} `{}` killed after {delay:?} and recovered by {how}",
                step.join(" ")
            );
            *out.recoveries.entry(format!("kill -9: {how}")).or_default() += 1;
            out.kills += 1;
        }
        state = reference;
    }
    out
}

#[test]
fn every_interrupted_command_recovers_to_the_uninterrupted_result() {
    let full = std::env::var("DUALDRAW_SWEEP").as_deref() == Ok("full");
    let kills = std::env::var("DUALDRAW_SWEEP_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if full { 12 } else { 1 });
    // Counties of several sizes: more entities, more targets, officers and
    // calendar files, so more write steps.
    let counties: &[(u64, u64)] = if full {
        &[(7, 6_000), (8, 12_000), (9, 20_000)]
    } else {
        &[(7, 6_000)]
    };
    let (mut points, mut killed) = (0, 0);
    let mut all = BTreeMap::new();
    for &(seed, entities) in counties {
        let s = sweep(seed, entities, if full { 1 } else { 5 }, kills);
        points += s.points;
        killed += s.kills;
        for (k, v) in s.recoveries {
            *all.entry(k).or_insert(0) += v;
        }
    }
    eprintln!("crash sweep: {points} injected points, {killed} kill -9 runs; recoveries {all:?}");
    assert!(points > 0);
}
