//! The whole pipeline at province size (issue 17 item 4), through the
//! release CLI as a bureau runs it: for each size, a generated county on
//! disk (not timed), then `init`, the four imports, `campaign announce`, the
//! two reveals and `campaign draw`, `verify` at audit level, `publish`, and
//! `verify --snapshot` at public level (the compact snapshot, COMMITMENTS §9;
//! `DUALDRAW_SCALE_JSON=1` for the JSON one) — each step's wall time and peak
//! memory (`/usr/bin/time -v`, when installed), and the disk the workspace
//! and the publication take. Prints a Markdown table for
//! `docs/BENCHMARKS.md`. Not run by CI.
//!
//! ```text
//! cargo build --release
//! cargo run --release --example scale -- 1000000 5000000 20000000
//! DUALDRAW_SCALE_DIR=/big/disk cargo run --release --example scale -- 1000000
//! ```
//!
//! Clocks are pinned (`--now`): the measurement is of work, not of dates.
//! Generated counties are kept in `DUALDRAW_SCALE_DIR` (default
//! `target/scale`) and reused; workspaces are made afresh.

use dualdraw::core::entropy::witness_commitment;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const ID: &str = "SCALE-01";
const WITNESSES: [(&str, &str); 2] = [
    ("义务监督员甲", "scale-measure-secret-1"),
    ("义务监督员乙", "scale-measure-secret-2"),
];

/// One step's measurement.
struct Step {
    name: String,
    wall_s: f64,
    peak_kib: Option<u64>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sizes: Vec<u64> = std::env::args()
        .skip(1)
        .map(|a| a.replace('_', "").parse::<u64>())
        .collect::<Result<_, _>>()?;
    let sizes = if sizes.is_empty() {
        vec![1_000_000]
    } else {
        sizes
    };
    let bin = std::env::var_os("DUALDRAW_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/release/dualdraw"));
    if !bin.exists() {
        return Err(format!(
            "{} not found: run `cargo build --release` first",
            bin.display()
        )
        .into());
    }
    let root = std::env::var_os("DUALDRAW_SCALE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/scale"));
    std::fs::create_dir_all(&root)?;
    let timer = Path::new("/usr/bin/time").exists();
    let mut table = Vec::new();
    for n in sizes {
        let steps = run_size(&bin, &root, n, timer)?;
        for s in steps {
            table.push((n, s));
        }
    }
    println!("\n| step | entities | wall | peak memory | per entity |");
    println!("|---|---|---|---|---|");
    for (n, s) in &table {
        let peak = s.peak_kib.map_or("unmeasured".to_string(), |k| {
            format!("{:.0} MiB", k as f64 / 1024.0)
        });
        let per = s.peak_kib.map_or(String::new(), |k| {
            format!("{:.0} B", k as f64 * 1024.0 / *n as f64)
        });
        println!(
            "| {} | {} | {:.2} s | {} | {} |",
            s.name,
            group(*n),
            s.wall_s,
            peak,
            per
        );
    }
    // The pipeline: every step but `init`, summed per size.
    let mut sizes: Vec<u64> = table.iter().map(|(n, _)| *n).collect();
    sizes.dedup();
    for n in sizes {
        let steps = table.iter().filter(|(m, s)| *m == n && s.name != "init");
        let wall: f64 = steps.clone().map(|(_, s)| s.wall_s).sum();
        let peak = steps.filter_map(|(_, s)| s.peak_kib).max().unwrap_or(0);
        println!(
            "| **whole pipeline** | {} | **{:.1} s** ({:.2} µs an entity) | {:.0} MiB at most | |",
            group(n),
            wall,
            wall * 1e6 / n as f64,
            peak as f64 / 1024.0
        );
    }
    Ok(())
}

/// `1234567` as `1,234,567`.
fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn run_size(
    bin: &Path,
    root: &Path,
    n: u64,
    timer: bool,
) -> Result<Vec<Step>, Box<dyn std::error::Error>> {
    let county = root.join(format!("county-{n}"));
    if !county.join("entities.csv").exists() {
        eprintln!(
            "== generating {} entities in {} (not timed)",
            group(n),
            county.display()
        );
        let ok = Command::new(bin)
            .args([
                "generate",
                "--seed",
                "1",
                "--region",
                "520123",
                "--entities",
            ])
            .arg(n.to_string())
            .arg("--out")
            .arg(&county)
            .status()?
            .success();
        if !ok {
            return Err("generate failed".into());
        }
    }
    let ws = root.join(format!("ws-{n}"));
    if ws.exists() {
        std::fs::remove_dir_all(&ws)?;
    }
    let campaign = root.join(format!("campaign-{n}.toml"));
    std::fs::write(&campaign, campaign_toml())?;
    let w = ws.to_string_lossy().to_string();
    let c = |f: &str| county.join(f).to_string_lossy().to_string();
    let proof = ws.join("proofs").join(format!("{ID}.json"));
    let published = ws.join("published").join(ID);
    let mut steps = Vec::new();
    let mut run = |name: &str, args: Vec<String>| -> Result<(), Box<dyn std::error::Error>> {
        eprintln!("== {} ({} entities)", name, group(n));
        let s = step(bin, name, &args, timer)?;
        eprintln!("   {:.2} s, {:?} KiB", s.wall_s, s.peak_kib);
        steps.push(s);
        Ok(())
    };
    let v = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    run("init", v(&["-w", &w, "init"]))?;
    // A file holds at most about a million rows (docs/IMPORT.md, "Limits"):
    // a province's registry comes as its counties' files, imported at once
    // as one registry (`import entities FILE FILE …`). With
    // DUALDRAW_SCALE_UPDATES=1, the first file is imported and the others
    // applied one by one with `registry update` (each rewrites the registry).
    let parts = split_entities(&county, PART_ROWS)?;
    let updates = std::env::var("DUALDRAW_SCALE_UPDATES").is_ok_and(|v| v == "1");
    for kind in ["items", "entities", "officers", "recusals"] {
        if kind != "entities" {
            let file = c(&format!("{kind}.csv"));
            run(
                &format!("import {kind}"),
                v(&["-w", &w, "import", kind, &file, "--today", "2026-03-02"]),
            )?;
            continue;
        }
        if !updates {
            let mut args = v(&["-w", &w, "import", "entities"]);
            args.extend(parts.iter().map(|p| p.to_string_lossy().to_string()));
            args.extend(v(&["--today", "2026-03-02"]));
            run(
                &format!("import entities ({} files at once)", parts.len()),
                args,
            )?;
            continue;
        }
        for (i, part) in parts.iter().enumerate() {
            let p = part.to_string_lossy().to_string();
            let mut args = v(&["-w", &w]);
            let name = if i == 0 {
                args.push("import".into());
                format!("import entities (file 1 of {})", parts.len())
            } else {
                args.extend(v(&["registry", "update"]));
                format!(
                    "registry update entities (file {} of {})",
                    i + 1,
                    parts.len()
                )
            };
            args.extend(v(&["entities", &p, "--today", "2026-03-02"]));
            run(&name, args)?;
        }
    }
    // A county's update onto the province's registry: 10,000 rows of
    // another generated county (new entities, a few replacing ones).
    let update = root.join("update-10000");
    if !update.join("entities.csv").exists() {
        Command::new(bin)
            .args([
                "generate",
                "--seed",
                "2",
                "--region",
                "520123",
                "--entities",
                "10000",
                "--out",
            ])
            .arg(&update)
            .status()?;
    }
    let u = update.join("entities.csv").to_string_lossy().to_string();
    run(
        "registry update entities (10,000 rows)",
        v(&[
            "-w",
            &w,
            "registry",
            "update",
            "entities",
            &u,
            "--today",
            "2026-03-02",
        ]),
    )?;
    run(
        "campaign announce",
        v(&[
            "-w",
            &w,
            "campaign",
            "announce",
            &campaign.to_string_lossy(),
            "--now",
            "2026-03-01T09:00:00+08:00",
        ]),
    )?;
    let reveals: Vec<String> = WITNESSES.iter().map(|(n, s)| format!("{n}={s}")).collect();
    let mut draw = v(&[
        "-w",
        &w,
        "campaign",
        "draw",
        ID,
        "--now",
        "2026-03-02T09:30:00+08:00",
    ]);
    for r in &reveals {
        draw.push("--reveal".into());
        draw.push(r.clone());
    }
    run("campaign draw", draw)?;
    let p = proof.to_string_lossy().to_string();
    run("verify (audit)", v(&["-w", &w, "verify", &p]))?;
    // The compact public snapshot (COMMITMENTS §9) unless DUALDRAW_SCALE_JSON=1.
    let json = std::env::var("DUALDRAW_SCALE_JSON").is_ok_and(|v| v == "1");
    let mut publish = v(&[
        "-w",
        &w,
        "publish",
        ID,
        "--now",
        "2026-03-02T10:00:00+08:00",
    ]);
    if !json {
        publish.push("--compact".into());
    }
    run("publish", publish)?;
    let snap_file = published.join(if json {
        "public-snapshot.json"
    } else {
        "public-snapshot.ddps"
    });
    let snap_bytes = du(&snap_file);
    eprintln!(
        "   public snapshot {} bytes, {:.1} bytes an entity",
        snap_bytes,
        snap_bytes as f64 / n as f64
    );
    let snap = snap_file.to_string_lossy().to_string();
    run(
        "verify --snapshot (public)",
        v(&["verify", &p, "--snapshot", &snap, "-w", "/nonexistent"]),
    )?;
    eprintln!(
        "   workspace {} MiB, publication {} MiB",
        du(&ws.join("dualdraw.db")) / (1 << 20),
        du(&published) / (1 << 20)
    );
    Ok(steps)
}

/// Rows per imported file.
const PART_ROWS: usize = 1_000_000;

/// `entities.csv` of `county` cut into files of at most `rows` data rows
/// (the header repeated), kept beside it; the file itself when it is small.
fn split_entities(county: &Path, rows: usize) -> Result<Vec<PathBuf>, Box<dyn std::error::Error>> {
    use std::io::{BufRead, Write};
    let whole = county.join("entities.csv");
    let mut input = std::io::BufReader::new(std::fs::File::open(&whole)?);
    let mut header = String::new();
    input.read_line(&mut header)?;
    let mut parts = Vec::new();
    let mut out: Option<std::io::BufWriter<std::fs::File>> = None;
    let mut in_part = 0;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            break;
        }
        if out.is_none() || in_part == rows {
            if let Some(mut w) = out.take() {
                w.flush()?;
            }
            let p = county.join(format!("entities-part-{:03}.csv", parts.len() + 1));
            let mut w = std::io::BufWriter::new(std::fs::File::create(&p)?);
            w.write_all(header.as_bytes())?;
            out = Some(w);
            parts.push(p);
            in_part = 0;
        }
        if let Some(w) = out.as_mut() {
            w.write_all(line.as_bytes())?;
        }
        in_part += 1;
    }
    if let Some(mut w) = out {
        w.flush()?;
    }
    if parts.len() <= 1 {
        for p in &parts {
            std::fs::remove_file(p)?;
        }
        return Ok(vec![whole]);
    }
    Ok(parts)
}

/// The measured campaign: four categories of the generated counties at
/// 1 %, 2 %, 3 % and 10 % by credit class (about 1,900 targets per million
/// entities). With the earlier 3/5/10/30 %, the draw of 20,000,000 entities
/// had 113,816 targets and its proof was 435 MB, past the 256 MiB SPEC §10
/// lets a verifier read: refused before it is parsed.
fn campaign_toml() -> String {
    let w: Vec<String> = WITNESSES
        .iter()
        .map(|(n, s)| {
            format!(
                "{{ name = \"{n}\", commitment = \"{}\" }}",
                witness_commitment(s).to_hex()
            )
        })
        .collect();
    format!(
        r#"id = "{ID}"
title = "规模测量"
lead_department = "县市场监管局"
draw_date = "2026-03-02"
items = ["SC-001", "JY-002", "WL-001", "JT-003", "GA-004"]
[targets]
categories = ["民办学校", "旅游市场", "客运站", "爆破作业单位"]
regions = ["520123"]
[[targets.strata]]
credit_class = "A"
ratio = "1%"
[[targets.strata]]
credit_class = "B"
ratio = "2%"
[[targets.strata]]
credit_class = "C"
ratio = "3%"
[[targets.strata]]
credit_class = "D"
ratio = "10%"
[teams]
min_size = 2
per_department = 1
max_targets_per_officer = 10
[period]
start = "2026-03-09"
end = "2026-04-17"
[entropy]
witnesses = [{}]
"#,
        w.join(", ")
    )
}

/// Runs one step; its wall time and, under `/usr/bin/time -v`, its peak
/// resident memory.
fn step(
    bin: &Path,
    name: &str,
    args: &[String],
    timer: bool,
) -> Result<Step, Box<dyn std::error::Error>> {
    let report = std::env::temp_dir().join(format!("dualdraw-scale-{}.time", std::process::id()));
    let mut cmd = if timer {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-v").arg("-o").arg(&report).arg(bin);
        c
    } else {
        Command::new(bin)
    };
    cmd.args(args).env("DUALDRAW_LANG", "en");
    let t = Instant::now();
    let out = cmd.output()?;
    let wall_s = t.elapsed().as_secs_f64();
    if !out.status.success() {
        return Err(format!(
            "{name} failed: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    let peak_kib = if timer {
        let text = std::fs::read_to_string(&report)?;
        text.lines()
            .find_map(|l| {
                l.trim()
                    .strip_prefix("Maximum resident set size (kbytes): ")
            })
            .and_then(|v| v.trim().parse().ok())
    } else {
        None
    };
    Ok(Step {
        name: name.to_string(),
        wall_s,
        peak_kib,
    })
}

/// Bytes under `p` (a file or a folder).
fn du(p: &Path) -> u64 {
    let Ok(m) = std::fs::metadata(p) else {
        return 0;
    };
    if m.is_file() {
        return m.len();
    }
    std::fs::read_dir(p)
        .map(|d| d.flatten().map(|e| du(&e.path())).sum())
        .unwrap_or(0)
}
