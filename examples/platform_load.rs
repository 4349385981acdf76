//! A provincial platform under load (issue 18 item 5), on the PostgreSQL
//! store through the library: BUREAUS bureaus of ENTITIES generated entities
//! each, then CAMPAIGNS campaigns in all announced, drawn (one witness
//! revealing with the draw) and verified at the audit level by WRITERS
//! threads at once, each thread with its own connection per bureau, bureaus
//! and campaigns interleaved so that several threads write to one bureau at
//! the same time. Then it checks what must hold: every bureau's ledger one
//! chain (0 forks), every campaign drawn exactly once (0 double draws), no
//! bureau's ledger naming another's campaign, and each bureau's role
//! refused by PostgreSQL on every other bureau's tables (0 cross-bureau
//! reads or writes). Prints the latency of each operation (p50, p99, max),
//! the wall time, the process's peak memory and the database's size, as a
//! Markdown table for `docs/BENCHMARKS.md`. Not run by CI.
//!
//! ```text
//! export DUALDRAW_PG_URL="$(bash .ci/pg.sh start)"
//! cargo run --release --example platform_load -- 50 20000 1000 4
//! ```
//!
//! Arguments: BUREAUS ENTITIES CAMPAIGNS WRITERS (default 50 20000 1000 4).
//! Instants are pinned (the measurement is of work, not of dates); bureaus
//! are named `load<unix time>_<n>` and left in the database for inspection.

use dualdraw::core::campaign::Campaign;
use dualdraw::core::entropy::witness_commitment;
use dualdraw::io::generate::{CountySpec, county};
use dualdraw::store::{
    Actor, CampaignState, DrawInputs, announce_campaigns, draw_campaign, verify_draw,
};
use dualdraw::{Bureau, PgStore, RegistryKind};
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const SECRET: &str = "platform-load-secret";

fn instant(s: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&chrono::Utc))
        .unwrap_or_default()
}

fn campaign(id: &str) -> Result<Campaign, Box<dyn std::error::Error>> {
    Ok(Campaign::from_toml(&format!(
        r#"id = "{id}"
title = "platform load"
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
max_targets_per_officer = 10
[period]
start = "2026-03-09"
end = "2026-04-17"
[entropy]
witnesses = [{{ name = "甲", commitment = "{}" }}]
"#,
        witness_commitment(SECRET)
    ))?)
}

fn actor(w: usize) -> Actor {
    Actor {
        operator: format!("clerk-{w}"),
        approver: format!("approver-{w}"),
    }
}

/// Latencies of one operation.
#[derive(Default)]
struct Times(Vec<Duration>);

impl Times {
    fn at(&self, q: f64) -> f64 {
        let mut v: Vec<f64> = self.0.iter().map(|d| d.as_secs_f64() * 1e3).collect();
        v.sort_by(f64::total_cmp);
        if v.is_empty() {
            return 0.0;
        }
        let i = ((v.len() as f64 - 1.0) * q).round() as usize;
        v[i.min(v.len() - 1)]
    }
}

fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.replace('_', "").parse::<usize>())
        .collect::<Result<_, _>>()?;
    let arg = |i: usize, d: usize| args.get(i).copied().unwrap_or(d);
    let (bureaus, entities, campaigns, writers) =
        (arg(0, 50), arg(1, 20_000), arg(2, 1000), arg(3, 4));
    let url = std::env::var("DUALDRAW_PG_URL")
        .map_err(|_| "set DUALDRAW_PG_URL (bash .ci/pg.sh start prints one)")?;
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs();
    let names: Vec<Bureau> = (0..bureaus)
        .map(|i| Bureau::new(&format!("load{stamp}_{i}")))
        .collect::<Result<_, _>>()?;

    // Setup: bureaus and their registries (timed apart from the load).
    let t0 = Instant::now();
    for (i, b) in names.iter().enumerate() {
        let mut s = PgStore::create_bureau(&url, b)?;
        let reg = county(&CountySpec {
            seed: 100 + i as u64,
            entities: entities as u64,
            ..Default::default()
        })?;
        for k in RegistryKind::ALL {
            s.commit(k, &reg, "platform load")?;
        }
    }
    let setup = t0.elapsed();
    eprintln!(
        "setup: {bureaus} bureaus of {entities} entities in {:.1} s",
        setup.as_secs_f64()
    );

    // The load: campaign k belongs to bureau k mod BUREAUS.
    let next = AtomicUsize::new(0);
    let times: Mutex<BTreeMap<&str, Times>> = Mutex::new(BTreeMap::new());
    let record = |op: &'static str, d: Duration| {
        if let Ok(mut t) = times.lock() {
            t.entry(op).or_default().0.push(d);
        }
    };
    let t1 = Instant::now();
    let failures: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..writers)
            .map(|w| {
                let (names, url, next, record) = (&names, &url, &next, &record);
                scope.spawn(move || -> Vec<String> {
                    let mut open: BTreeMap<usize, PgStore> = BTreeMap::new();
                    let mut failed = Vec::new();
                    loop {
                        let k = next.fetch_add(1, Ordering::Relaxed);
                        if k >= campaigns {
                            return failed;
                        }
                        let bi = k % names.len();
                        let id = format!("L-{k:05}");
                        let mut run = || -> Result<(), Box<dyn std::error::Error>> {
                            if let std::collections::btree_map::Entry::Vacant(e) = open.entry(bi) {
                                e.insert(PgStore::open(url, &names[bi])?);
                            }
                            let s = open.get_mut(&bi).ok_or("no store")?;
                            let t = Instant::now();
                            announce_campaigns(
                                s,
                                vec![campaign(&id)?],
                                instant("2026-03-01T09:00:00+08:00"),
                                &actor(w),
                            )?;
                            record("announce", t.elapsed());
                            let t = Instant::now();
                            let proof = draw_campaign(
                                s,
                                &id,
                                &DrawInputs {
                                    reveals: vec![("甲".into(), SECRET.into())],
                                    ..DrawInputs::default()
                                },
                                instant("2026-03-02T09:30:00+08:00"),
                                &actor(w),
                                None,
                            )?;
                            record("draw", t.elapsed());
                            let t = Instant::now();
                            let v = verify_draw(Some(&*s), &proof, None, None)?;
                            record("verify (audit)", t.elapsed());
                            if v.level() != dualdraw::core::verify::Level::Audit {
                                return Err(format!("{id}: verified at {:?}", v.level()).into());
                            }
                            Ok(())
                        };
                        if let Err(e) = run() {
                            failed.push(format!("{}/{id}: {e}", names[bi]));
                        }
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|_| vec!["a writer panicked".into()])
            })
            .collect()
    });
    let load = t1.elapsed();

    // What must hold.
    let mut forks = 0;
    let mut double_draws = 0;
    let mut undrawn = 0;
    let mut foreign = 0;
    for (bi, b) in names.iter().enumerate() {
        let s = PgStore::open(&url, b)?;
        let entries = s.ledger()?;
        if dualdraw::ledger::verify_chain(&entries).is_err() {
            forks += 1;
        }
        let mut draws: BTreeMap<&str, usize> = BTreeMap::new();
        for e in entries.iter().filter(|e| e.kind == "draw") {
            *draws.entry(e.campaign.as_str()).or_default() += 1;
        }
        double_draws += draws.values().filter(|n| **n > 1).count();
        for k in (bi..campaigns).step_by(names.len()) {
            let id = format!("L-{k:05}");
            if s.campaign_state(&id)? != CampaignState::Drawn {
                undrawn += 1;
            }
        }
        foreign += s
            .campaign_ids()?
            .iter()
            .filter(|id| {
                id.trim_start_matches("L-")
                    .parse::<usize>()
                    .map(|k| k % names.len() != bi)
                    .unwrap_or(true)
            })
            .count();
    }
    // Each bureau's role against every other bureau's ledger: refused.
    let mut refused = 0;
    let mut crossed = 0;
    let mut admin = postgres::Client::connect(&url, postgres::NoTls)?;
    for a in &names {
        admin.batch_execute(&format!("SET ROLE dualdraw_bureau_{a}"))?;
        for b in names.iter().filter(|b| *b != a) {
            match admin.query(&format!("SELECT count(*) FROM bureau_{b}.ledger"), &[]) {
                Ok(_) => crossed += 1,
                Err(_) => refused += 1,
            }
        }
        admin.batch_execute("RESET ROLE")?;
    }
    let size: String = admin
        .query_one(
            "SELECT pg_size_pretty(pg_database_size(current_database()))",
            &[],
        )?
        .get(0);

    let times = times.lock().map_err(|_| "poisoned")?;
    println!(
        "\n{bureaus} bureaus × {entities} entities, {campaigns} campaigns, {writers} writers, {} ({} cores)\n",
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC"),
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    );
    println!("| operation | count | p50 ms | p99 ms | max ms |");
    println!("|---|---|---|---|---|");
    for (op, t) in times.iter() {
        println!(
            "| {op} | {} | {:.1} | {:.1} | {:.1} |",
            t.0.len(),
            t.at(0.5),
            t.at(0.99),
            t.at(1.0)
        );
    }
    println!(
        "\nsetup {:.1} s; load {:.1} s ({:.1} campaigns/s); peak memory {} MiB; database {size}",
        setup.as_secs_f64(),
        load.as_secs_f64(),
        campaigns as f64 / load.as_secs_f64(),
        peak_kib() / 1024
    );
    println!(
        "failures {}; forks {forks}; double draws {double_draws}; undrawn {undrawn}; foreign campaigns {foreign}; cross-bureau reads refused {refused}, allowed {crossed}",
        failures.len()
    );
    for f in failures.iter().take(10) {
        println!("  {f}");
    }
    if !failures.is_empty() || forks + double_draws + undrawn + foreign + crossed > 0 {
        return Err("the platform's rules did not hold".into());
    }
    Ok(())
}
