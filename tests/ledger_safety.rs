//! Safety of the ledger under real processes: two draws started at once on
//! one workspace cannot both succeed or fork the chain, and a draw killed at
//! any moment (SIGKILL) leaves the workspace consistent: the draw is recorded
//! whole (with its ledger entry) or not at all.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

const ID: &str = "SAFE-01";
const SECRET: &str = "safety-test-secret-0123456789";

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_dualdraw")
}

fn run(ws: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .arg("-w")
        .arg(ws)
        .args(args)
        .env_remove("DUALDRAW_WORKSPACE")
        .output()
        .expect("run dualdraw")
}

fn commitment() -> String {
    dualdraw::core::entropy::witness_commitment(SECRET).to_hex()
}

/// A demo county with one announced campaign; returns the workspace.
fn setup(dir: &Path, entities: &str) -> PathBuf {
    let out = Command::new(bin())
        .args(["demo"])
        .arg(dir)
        .args(["--entities", entities, "--registries-only"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ws = dir.join("workspace");
    let toml = format!(
        "id = \"{ID}\"\ntitle = \"安全\"\nlead_department = \"县市场监管局\"\ndraw_date = \"2026-03-02\"\nitems = [\"SC-001\", \"JY-002\", \"WL-001\", \"JT-003\", \"GA-004\"]\n[[targets.strata]]\ncredit_class = \"A\"\nratio = \"3%\"\n[[targets.strata]]\ncredit_class = \"B\"\nratio = \"5%\"\n[[targets.strata]]\ncredit_class = \"C\"\nratio = \"10%\"\n[[targets.strata]]\ncredit_class = \"D\"\nratio = \"30%\"\n[teams]\nmax_targets_per_officer = 40\n[entropy]\nwitnesses = [{{ name = \"甲\", commitment = \"{}\" }}]\n",
        commitment()
    );
    std::fs::write(dir.join("c.toml"), toml).unwrap();
    let c = dir.join("c.toml");
    let out = run(
        &ws,
        &[
            "campaign",
            "announce",
            c.to_str().unwrap(),
            "--now",
            "2026-03-01T09:00:00+08:00",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(
        &ws,
        &[
            "campaign",
            "reveal",
            ID,
            &format!("甲={SECRET}"),
            "--now",
            "2026-03-02T09:00:00+08:00",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    ws
}

fn ledger(ws: &Path) -> serde_json::Value {
    let out = run(ws, &["ledger", "verify", "--json"]);
    assert!(
        out.status.success(),
        "ledger broken: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn draw_entries(ws: &Path) -> usize {
    let out = run(
        ws,
        &["ledger", "export", ws.join("l.jsonl").to_str().unwrap()],
    );
    assert!(out.status.success());
    std::fs::read_to_string(ws.join("l.jsonl"))
        .unwrap()
        .lines()
        .filter(|l| l.contains("\"kind\":\"draw\""))
        .count()
}

#[test]
fn two_draws_started_at_once_cannot_both_succeed() {
    let d = tempfile::tempdir().unwrap();
    let ws = setup(d.path(), "20000");
    for round in 0..3 {
        let spawn = |k: usize| {
            Command::new(bin())
                .arg("-w")
                .arg(&ws)
                .args(["campaign", "draw", ID, "--out"])
                .arg(d.path().join(format!("p{round}-{k}.json")))
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(0), spawn(1));
        let (ra, rb) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        let ok = [ra.status.success(), rb.status.success()]
            .iter()
            .filter(|&&x| x)
            .count();
        if round == 0 {
            assert_eq!(
                ok,
                1,
                "exactly one draw succeeds: {} / {}",
                String::from_utf8_lossy(&ra.stderr),
                String::from_utf8_lossy(&rb.stderr)
            );
            let loser = if ra.status.success() { &rb } else { &ra };
            assert_eq!(loser.status.code(), Some(1));
            let e = String::from_utf8_lossy(&loser.stderr);
            assert!(e.contains("已经抽取") || e.contains("already drawn"), "{e}");
        } else {
            assert_eq!(ok, 0, "a drawn campaign cannot be drawn again");
        }
        assert_eq!(draw_entries(&ws), 1);
        assert_eq!(ledger(&ws)["entries"], 3);
    }
}

#[test]
fn a_draw_killed_at_any_moment_leaves_the_workspace_consistent() {
    let d = tempfile::tempdir().unwrap();
    let ws = setup(d.path(), "60000");
    let mut recorded_seen = false;
    let mut unrecorded_seen = false;
    for delay_ms in [5u64, 20, 40, 80, 120, 160, 240, 320, 480, 640] {
        let base = d.path().join(format!("copy-{delay_ms}"));
        std::fs::create_dir_all(&base).unwrap();
        for f in ["dualdraw.db", "dualdraw.db-wal", "dualdraw.db-shm"] {
            let src = ws.join(f);
            if src.exists() {
                std::fs::copy(&src, base.join(f)).unwrap();
            }
        }
        let mut child = Command::new(bin())
            .arg("-w")
            .arg(&base)
            .args(["campaign", "draw", ID])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        // The workspace opens, the chain is intact, and the draw is all or nothing.
        let l = ledger(&base);
        let draws = draw_entries(&base);
        let state = run(
            &base,
            &[
                "campaign",
                "proof",
                ID,
                "--out",
                base.join("again.json").to_str().unwrap(),
            ],
        );
        match draws {
            1 => {
                recorded_seen = true;
                assert!(state.status.success(), "a draw entry without its proof");
                assert_eq!(l["entries"], 3);
                let v = run(
                    &base,
                    &["verify", base.join("again.json").to_str().unwrap()],
                );
                assert!(v.status.success(), "{}", String::from_utf8_lossy(&v.stderr));
            }
            0 => {
                unrecorded_seen = true;
                assert!(!state.status.success(), "a proof without its draw entry");
                assert_eq!(l["entries"], 2);
                // The campaign can still be drawn, once.
                let again = run(&base, &["campaign", "draw", ID]);
                assert!(
                    again.status.success(),
                    "{}",
                    String::from_utf8_lossy(&again.stderr)
                );
                assert_eq!(draw_entries(&base), 1);
            }
            n => panic!("{n} draw entries after a kill at {delay_ms} ms (exit {status:?})"),
        }
    }
    assert!(
        unrecorded_seen,
        "no kill landed before the draw was recorded"
    );
    let _ = recorded_seen;
}
