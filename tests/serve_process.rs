//! `dualdraw serve` as a real process on the loopback, on the real clock:
//! draws approved concurrently while the service is killed with SIGKILL,
//! then restarted. After each kill every campaign is drawn once or not at
//! all, the ledger verifies, and approving again finishes the rest or
//! names the draw made before the kill. The service's log lines are JSON
//! and never hold a token or a witness's secret. On the SQLite workspace
//! always; on PostgreSQL when DUALDRAW_PG_URL is set (always under CI).

mod serve_support;

use serde_json::{Value, json};
use serve_support::*;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_dualdraw");

struct Server {
    child: Child,
    base: String,
}

fn start(ws: &Path, db: Option<&str>, bureau: &str, log: &Path) -> Server {
    let mut cmd = Command::new(BIN);
    cmd.args(["--lang", "en", "-w"]).arg(ws).args([
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--bureau",
        bureau,
    ]);
    if let Some(url) = db {
        cmd.args(["--db", url]);
    }
    let errlog = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .unwrap();
    let mut child = cmd.stdout(Stdio::piped()).stderr(errlog).spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let at = line
        .find("http://")
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    let base = line[at..].split_whitespace().next().unwrap().to_string();
    Server { child, base }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into()
}

fn call(
    a: &ureq::Agent,
    method: &str,
    url: &str,
    token: &str,
    body: Option<Value>,
) -> Result<(u16, Value), ureq::Error> {
    let auth = format!("Bearer {token}");
    let mut res = match (method, body) {
        ("GET", _) => a.get(url).header("Authorization", &auth).call()?,
        (_, Some(b)) => a.post(url).header("Authorization", &auth).send_json(&b)?,
        (_, None) => a.post(url).header("Authorization", &auth).send_empty()?,
    };
    let status = res.status().as_u16();
    let v = res.body_mut().read_json::<Value>().unwrap_or(Value::Null);
    Ok((status, v))
}

fn ok(a: &ureq::Agent, method: &str, url: &str, token: &str, body: Option<Value>) -> Value {
    let (s, v) = call(a, method, url, token, body).unwrap();
    assert!((200..300).contains(&s), "{method} {url}: {s} {v}");
    v
}

fn kill_during_draws(
    ws: &Path,
    db: Option<&str>,
    b: &str,
    t: &Tokens,
    rounds: usize,
    per_round: usize,
) {
    let log = ws.join("serve-log.jsonl");
    let a = agent();
    let mut all = Vec::new();
    let mut drawn_before_restart = 0;
    let mut named = 0;
    for round in 0..rounds {
        let mut server = start(ws, db, b, &log);
        let api = format!("{}/v1/bureaus/{b}", server.base);
        // Announced (clerk + approver), revealed (witness), draws asked (clerk).
        let mut asked = Vec::new();
        for k in 0..per_round {
            let id = format!("kill-{round}-{k}");
            let v = ok(
                &a,
                "POST",
                &format!("{api}/campaigns"),
                &t["clerk"],
                Some(json!({ "campaign": campaign_toml(&id, "县市场监管局", true) })),
            );
            let rid = v["request"]["id"].as_i64().unwrap();
            ok(
                &a,
                "POST",
                &format!("{api}/requests/{rid}/approve"),
                &t["approver"],
                None,
            );
            ok(
                &a,
                "POST",
                &format!("{api}/campaigns/{id}/reveals"),
                &t["witness"],
                Some(json!({ "secret": SECRET })),
            );
            let v = ok(
                &a,
                "POST",
                &format!("{api}/campaigns/{id}/draw"),
                &t["clerk"],
                None,
            );
            asked.push((id, v["request"]["id"].as_i64().unwrap()));
        }
        // Approvals from 3 threads at once; SIGKILL once some have answered.
        let answered = AtomicUsize::new(0);
        let want = 1 + round % per_round.max(1);
        std::thread::scope(|s| {
            for w in 0..3 {
                let asked = &asked;
                let answered = &answered;
                let api = api.clone();
                s.spawn(move || {
                    let a = agent();
                    for (id, rid) in asked.iter().skip(w).step_by(3) {
                        let r = call(
                            &a,
                            "POST",
                            &format!("{api}/requests/{rid}/approve"),
                            &t["approver2"],
                            None,
                        );
                        match r {
                            Ok((200, _)) => {
                                answered.fetch_add(1, Ordering::SeqCst);
                            }
                            Ok((s, v)) => panic!("approving the draw of {id}: {s} {v}"),
                            Err(_) => return, // the service was killed
                        }
                    }
                });
            }
            let started = Instant::now();
            while answered.load(Ordering::SeqCst) < want
                && started.elapsed() < Duration::from_secs(60)
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            // Some rounds kill at once, others with draws in flight.
            std::thread::sleep(Duration::from_millis(4 * round as u64));
            server.child.kill().unwrap(); // SIGKILL
            server.child.wait().unwrap();
        });
        // Restarted: each campaign drawn once or not at all; the chain verifies.
        let mut server = start(ws, db, b, &log);
        let api = format!("{}/v1/bureaus/{b}", server.base);
        let v = ok(
            &a,
            "GET",
            &format!("{api}/ledger/verify"),
            &t["auditor"],
            None,
        );
        assert_eq!(v["ok"], json!(true), "after the kill of round {round}: {v}");
        for (id, _) in &asked {
            let v = ok(
                &a,
                "GET",
                &format!("{api}/campaigns/{id}"),
                &t["auditor"],
                None,
            );
            let state = v["state"].as_str().unwrap().to_string();
            assert!(state == "drawn" || state == "announced", "{id}: {state}");
            drawn_before_restart += usize::from(state == "drawn");
        }
        // Approving again: the rest are drawn; one drawn before the kill is named.
        for (id, rid) in &asked {
            let (s, v) = call(
                &a,
                "POST",
                &format!("{api}/requests/{rid}/approve"),
                &t["approver2"],
                None,
            )
            .unwrap();
            match s {
                200 => {}
                409 => {
                    named += 1;
                    let m = v["error"]["message"].as_str().unwrap_or("");
                    assert!(
                        m.contains("already drawn")
                            || m.contains("already Done")
                            || m.contains("already done"),
                        "{id}: {v}"
                    );
                }
                _ => panic!("{id}: {s} {v}"),
            }
        }
        let v = ok(&a, "GET", &format!("{api}/ledger"), &t["auditor"], None);
        for (id, _) in &asked {
            let draws = v["entries"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|e| e["kind"] == "draw" && e["campaign"] == id.as_str())
                .count();
            assert_eq!(draws, 1, "campaign {id} has {draws} draw entries");
            let verdict = ok(
                &a,
                "GET",
                &format!("{api}/campaigns/{id}/verify"),
                &t["auditor"],
                None,
            );
            assert_eq!(verdict["ok"], json!(true), "{id}: {verdict}");
        }
        if round == 0 {
            // Published: anyone fetches the proof and verifies it on their own machine.
            let id = &asked[0].0;
            ok(
                &a,
                "POST",
                &format!("{api}/campaigns/{id}/publication"),
                &t["clerk"],
                None,
            );
            let mut res = a
                .get(&format!("{api}/public/campaigns/{id}/proof"))
                .call()
                .unwrap();
            assert_eq!(res.status().as_u16(), 200);
            let file = ws.join("fetched-proof.json");
            std::fs::write(&file, res.body_mut().read_to_string().unwrap()).unwrap();
            let out = Command::new(BIN)
                .args(["--lang", "en", "verify", "--light"])
                .arg(&file)
                .current_dir(std::env::temp_dir())
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        server.child.kill().unwrap();
        server.child.wait().unwrap();
        all.extend(asked);
    }
    eprintln!(
        "{} kills, {} campaigns: {drawn_before_restart} drawn before a kill ({named} of them named on approving again), all drawn exactly once after",
        rounds,
        all.len()
    );
    if db.is_none() {
        let out = Command::new(BIN)
            .args(["--lang", "en", "-w"])
            .arg(ws)
            .args(["ledger", "verify"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // One JSON line per request, never a token or a secret.
    let text = std::fs::read_to_string(&log).unwrap();
    let mut requests = 0;
    for line in text.lines().filter(|l| l.starts_with('{')) {
        let v: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        if v["fields"]["message"] == "request" {
            assert!(
                v["fields"]["status"].is_u64() && v["fields"]["path"].is_string(),
                "{line}"
            );
            requests += 1;
        }
    }
    assert!(requests > 0, "no request was logged");
    assert!(!text.contains("dd1."), "a token reached the log");
    assert!(!text.contains(SECRET), "a witness's secret reached the log");
}

#[test]
fn sqlite_killed_during_draws_leaves_each_campaign_drawn_once_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let (_, b, t) = sqlite_bureau(dir.path());
    kill_during_draws(dir.path(), None, b.as_str(), &t, 4, 6);
}

#[test]
fn postgres_killed_during_draws_leaves_each_campaign_drawn_once_or_not_at_all() {
    let Some(url) = pg_url() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (_, b, t) = pg_bureau(&url, "skill");
    kill_during_draws(dir.path(), Some(&url), b.as_str(), &t, 4, 6);
}

#[test]
fn token_commands_issue_list_rotate_and_revoke_on_the_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path();
    let (_, _, _) = sqlite_bureau(ws);
    let run = |args: &[&str]| {
        let out = Command::new(BIN)
            .args(["--lang", "en", "--json", "-w"])
            .arg(ws)
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            serde_json::from_slice::<Value>(&out.stdout).unwrap_or(Value::Null),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (code, v, err) = run(&["token", "issue", "--name", "王五", "--role", "admin"]);
    assert_eq!(code, Some(0), "{err}");
    let token = v["token"].as_str().unwrap().to_string();
    let id = v["account"]["id"].as_i64().unwrap().to_string();
    assert!(token.starts_with("dd1.local."));
    let (_, v, _) = run(&["token", "list"]);
    assert!(!v.to_string().contains(&token), "list never shows a token");
    assert!(
        v["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["name"] == "王五")
    );
    let (code, v, _) = run(&["token", "rotate", &id]);
    assert_eq!(code, Some(0));
    assert_ne!(v["token"].as_str().unwrap(), token);
    let (code, _, _) = run(&["token", "revoke", &id]);
    assert_eq!(code, Some(0));
    let (code, _, _) = run(&["token", "rotate", &id]);
    assert_ne!(code, Some(0), "a revoked account gets no new token");
    let (code, _, err) = run(&["token", "issue", "--name", "x", "--role", "king"]);
    assert_eq!(code, Some(2), "{err}");
    if let Some(url) = pg_url() {
        let out = Command::new(BIN)
            .args([
                "--lang",
                "zh-CN",
                "token",
                "list",
                "--db",
                &url,
                "--bureau",
                "nosuch_bureau_x",
            ])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr).to_string()
            + &String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains("此数据库上没有单位 nosuch_bureau_x"), "{err}");
    }
}
