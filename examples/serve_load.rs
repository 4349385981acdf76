//! The provincial platform under load through `dualdraw serve` (issue 18
//! item 5): the service on PostgreSQL in this process, BUREAUS bureaus of
//! ENTITIES generated entities, CAMPAIGNS campaigns in all run by CLIENTS
//! HTTP clients at once, each campaign as people run it: a clerk asks for
//! the announcement and an approver approves it, the witness reveals, the
//! clerk asks for the draw and another approver approves it, an auditor
//! verifies. Then, through the API: every bureau's ledger chain verifies,
//! every campaign has exactly one draw entry, and every bureau's tokens are
//! refused on every other bureau's ledger. Prints p50/p99/max of each step
//! (Markdown, for `docs/BENCHMARKS.md`). Not run by CI.
//!
//! ```text
//! export DUALDRAW_PG_URL="$(bash .ci/pg.sh start)"
//! cargo run --release --example serve_load -- 50 20000 1000 4
//! ```

use dualdraw::core::entropy::witness_commitment;
use dualdraw::io::generate::{CountySpec, county};
use dualdraw::serve::{AccessStore, Backend, Limits, PgAccess, Role, ServeState};
use dualdraw::{Bureau, PgStore, RegistryKind};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

type Res<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

const SECRET: &str = "serve-load-secret";

fn campaign(id: &str) -> String {
    let today = (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive();
    let (start, end) = (
        today + chrono::Duration::days(7),
        today + chrono::Duration::days(60),
    );
    format!(
        r#"id = "{id}"
title = "serve load"
lead_department = "县市场监管局"
draw_date = "{today}"
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
start = "{start}"
end = "{end}"
[entropy]
witnesses = [{{ name = "甲", commitment = "{}" }}]
"#,
        witness_commitment(SECRET)
    )
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

fn at(v: &mut [f64], q: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return 0.0;
    }
    v[(((v.len() - 1) as f64) * q).round() as usize]
}

struct Client {
    agent: ureq::Agent,
}

impl Client {
    fn new() -> Client {
        Client {
            agent: ureq::Agent::config_builder()
                .http_status_as_error(false)
                .timeout_global(Some(Duration::from_secs(300)))
                .build()
                .into(),
        }
    }
    fn call(&self, method: &str, url: &str, token: &str, body: Option<Value>) -> Res<(u16, Value)> {
        let auth = format!("Bearer {token}");
        let mut res = match (method, body) {
            ("GET", _) => self.agent.get(url).header("Authorization", &auth).call()?,
            (_, Some(b)) => self
                .agent
                .post(url)
                .header("Authorization", &auth)
                .send_json(&b)?,
            (_, None) => self
                .agent
                .post(url)
                .header("Authorization", &auth)
                .send_empty()?,
        };
        let status = res.status().as_u16();
        Ok((
            status,
            res.body_mut().read_json::<Value>().unwrap_or(Value::Null),
        ))
    }
    fn ok(&self, method: &str, url: &str, token: &str, body: Option<Value>) -> Res<Value> {
        let (s, v) = self.call(method, url, token, body)?;
        if !(200..300).contains(&s) {
            return Err(format!("{method} {url}: {s} {v}").into());
        }
        Ok(v)
    }
}

fn main() -> Res<()> {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.replace('_', "").parse::<usize>())
        .collect::<Result<_, _>>()?;
    let arg = |i: usize, d: usize| args.get(i).copied().unwrap_or(d);
    let (bureaus, entities, campaigns, clients) =
        (arg(0, 50), arg(1, 20_000), arg(2, 1000), arg(3, 4));
    let url = std::env::var("DUALDRAW_PG_URL")
        .map_err(|_| "set DUALDRAW_PG_URL (bash .ci/pg.sh start prints one)")?;
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs();

    // Setup: bureaus, registries, one account per role (timed apart).
    let t0 = Instant::now();
    let mut names = Vec::new();
    let mut tokens: Vec<BTreeMap<&str, String>> = Vec::new();
    for i in 0..bureaus {
        let b = Bureau::new(&format!("sload{stamp}_{i}"))?;
        let mut s = PgStore::create_bureau(&url, &b)?;
        let reg = county(&CountySpec {
            seed: 300 + i as u64,
            entities: entities as u64,
            ..Default::default()
        })?;
        for k in RegistryKind::ALL {
            s.commit(k, &reg, "serve load")?;
        }
        PgAccess::prepare(&url, &b)?;
        let mut a = PgAccess::open(&url, &b)?;
        let mut t = BTreeMap::new();
        t.insert("clerk", a.issue("经办人", Role::Clerk, None)?.token);
        t.insert("approver", a.issue("审批人", Role::Approver, None)?.token);
        t.insert("witness", a.issue("甲", Role::Witness, None)?.token);
        t.insert("auditor", a.issue("审计", Role::Auditor, None)?.token);
        tokens.push(t);
        names.push(b);
    }
    let setup = t0.elapsed();
    eprintln!(
        "setup: {bureaus} bureaus of {entities} entities in {:.1} s",
        setup.as_secs_f64()
    );

    // The service, in this process, on a free loopback port.
    let state = ServeState::new(Backend::Postgres { url: url.clone() }, Limits::default());
    let rt = tokio::runtime::Runtime::new()?;
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))?;
    let base = format!("http://{}/v1/bureaus", listener.local_addr()?);
    std::thread::spawn(move || rt.block_on(dualdraw::serve::serve(listener, state)));

    let next = AtomicUsize::new(0);
    let times: Mutex<BTreeMap<&str, Vec<f64>>> = Mutex::new(BTreeMap::new());
    let record = |op: &'static str, t: Instant| {
        if let Ok(mut m) = times.lock() {
            m.entry(op)
                .or_default()
                .push(t.elapsed().as_secs_f64() * 1e3);
        }
    };
    let t1 = Instant::now();
    let failures: Vec<String> = std::thread::scope(|scope| {
        let hs: Vec<_> = (0..clients)
            .map(|_| {
                let (names, tokens, next, record, base) = (&names, &tokens, &next, &record, &base);
                scope.spawn(move || {
                    let c = Client::new();
                    let mut failed = Vec::new();
                    loop {
                        let k = next.fetch_add(1, Ordering::Relaxed);
                        if k >= campaigns {
                            return failed;
                        }
                        let bi = k % names.len();
                        let (t, api) = (&tokens[bi], format!("{base}/{}", names[bi]));
                        let id = format!("S-{k:05}");
                        let run = || -> Res<()> {
                            let s = Instant::now();
                            let v = c.ok(
                                "POST",
                                &format!("{api}/campaigns"),
                                &t["clerk"],
                                Some(json!({ "campaign": campaign(&id) })),
                            )?;
                            let rid = v["request"]["id"].as_i64().ok_or("no request id")?;
                            c.ok(
                                "POST",
                                &format!("{api}/requests/{rid}/approve"),
                                &t["approver"],
                                None,
                            )?;
                            record("announce (ask + approve)", s);
                            let s = Instant::now();
                            c.ok(
                                "POST",
                                &format!("{api}/campaigns/{id}/reveals"),
                                &t["witness"],
                                Some(json!({ "secret": SECRET })),
                            )?;
                            record("reveal", s);
                            let s = Instant::now();
                            let v = c.ok(
                                "POST",
                                &format!("{api}/campaigns/{id}/draw"),
                                &t["clerk"],
                                None,
                            )?;
                            let rid = v["request"]["id"].as_i64().ok_or("no request id")?;
                            c.ok(
                                "POST",
                                &format!("{api}/requests/{rid}/approve"),
                                &t["approver"],
                                None,
                            )?;
                            record("draw (ask + approve)", s);
                            let s = Instant::now();
                            let v = c.ok(
                                "GET",
                                &format!("{api}/campaigns/{id}/verify"),
                                &t["auditor"],
                                None,
                            )?;
                            record("verify (audit)", s);
                            if v["ok"] != json!(true) || v["level"] != json!("audit") {
                                return Err(format!("{id}: {v}").into());
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
        hs.into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|_| vec!["a client panicked".into()])
            })
            .collect()
    });
    let load = t1.elapsed();

    // What must hold, read through the API.
    let c = Client::new();
    let (mut forks, mut double, mut undrawn, mut refused, mut crossed) = (0, 0, 0, 0, 0);
    for (bi, b) in names.iter().enumerate() {
        let api = format!("{base}/{b}");
        let v = c.ok(
            "GET",
            &format!("{api}/ledger/verify"),
            &tokens[bi]["auditor"],
            None,
        )?;
        if v["ok"] != json!(true) {
            forks += 1;
        }
        let v = c.ok(
            "GET",
            &format!("{api}/ledger"),
            &tokens[bi]["auditor"],
            None,
        )?;
        let mut draws: BTreeMap<String, usize> = BTreeMap::new();
        for e in v["entries"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["kind"] == "draw")
        {
            *draws
                .entry(e["campaign"].as_str().unwrap_or("").to_string())
                .or_default() += 1;
        }
        double += draws.values().filter(|n| **n > 1).count();
        undrawn += (bi..campaigns)
            .step_by(names.len())
            .filter(|k| !draws.contains_key(&format!("S-{k:05}")))
            .count();
        for (oi, other) in tokens.iter().enumerate().filter(|(oi, _)| *oi != bi) {
            let _ = oi;
            for role in ["clerk", "approver", "witness", "auditor"] {
                match c
                    .call("GET", &format!("{api}/ledger"), &other[role], None)?
                    .0
                {
                    403 => refused += 1,
                    _ => crossed += 1,
                }
            }
        }
    }

    let mut times = times.into_inner().map_err(|_| "poisoned")?;
    println!(
        "\n{bureaus} bureaus × {entities} entities, {campaigns} campaigns, {clients} HTTP clients, through dualdraw serve on PostgreSQL, {}\n",
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC")
    );
    println!("| step (HTTP) | count | p50 ms | p99 ms | max ms |");
    println!("|---|---|---|---|---|");
    for (op, v) in times.iter_mut() {
        let n = v.len();
        println!(
            "| {op} | {n} | {:.1} | {:.1} | {:.1} |",
            at(v, 0.5),
            at(v, 0.99),
            at(v, 1.0)
        );
    }
    println!(
        "\nsetup {:.1} s; load {:.1} s ({:.1} campaigns/s); peak memory (service and clients) {} MiB",
        setup.as_secs_f64(),
        load.as_secs_f64(),
        campaigns as f64 / load.as_secs_f64(),
        peak_kib() / 1024
    );
    println!(
        "failures {}; forks {forks}; double draws {double}; undrawn {undrawn}; other bureaus' tokens refused {refused}, allowed {crossed}",
        failures.len()
    );
    for f in failures.iter().take(10) {
        println!("  {f}");
    }
    if !failures.is_empty() || forks + double + undrawn + crossed > 0 {
        return Err("the platform's rules did not hold".into());
    }
    Ok(())
}
