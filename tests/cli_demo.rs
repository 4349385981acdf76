//! Black-box tests of `dualdraw demo DIR`: the files it leaves for a newcomer
//! (the campaign, the year's plan and the commands of the whole job as a
//! script that runs again), and counties of any size it makes feasible.

#[path = "cli_support.rs"]
mod support;

use support::{bin, run_in};

const SALT_KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

#[test]
fn demo_writes_the_campaign_the_plan_and_the_commands_it_ran() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let r = run_in(
        d,
        &["demo", "d", "--entities", "3000", "--salt-key", SALT_KEY],
    );
    r.expect(0)
        .has("想自己试一试，可编辑以下文件后重新运行：")
        .has("d/campaign.toml")
        .has("d/plan.toml")
        .has("sh d/commands.sh");
    for f in ["campaign.toml", "plan.toml", "commands.sh"] {
        assert!(d.join("d").join(f).is_file(), "{f}");
    }
    let script = std::fs::read_to_string(d.join("d/commands.sh")).unwrap();
    for step in [
        "init",
        "import entities",
        "plan check",
        "campaign announce",
        "campaign reveal",
        "campaign draw",
        "verify",
        "publish",
        "schedule",
        "results record",
        "ledger verify",
    ] {
        assert!(script.contains(step), "the script runs {step}");
    }
    // The campaign file is the campaign the demo announced.
    let proof: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(d.join("d/workspace/proofs/2026-JOINT-01.json")).unwrap(),
    )
    .unwrap();
    let c =
        dualdraw::Campaign::from_toml(&std::fs::read_to_string(d.join("d/campaign.toml")).unwrap())
            .unwrap();
    assert_eq!(
        proof["announcement"]["campaign_hash"],
        c.hash().to_hex(),
        "campaign.toml is the demo's campaign"
    );
    // The script runs the whole job again, in a new workspace beside it.
    let sh = |env: &[(&str, &str)]| {
        let mut c = std::process::Command::new("sh");
        c.current_dir(d)
            .arg("d/commands.sh")
            .env("DUALDRAW", bin())
            .env_remove("DUALDRAW_WORKSPACE")
            .env("DUALDRAW_LANG", "zh-CN");
        for (k, v) in env {
            c.env(k, v);
        }
        c.output().expect("sh")
    };
    let out = sh(&[]);
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "commands.sh failed:\n{text}");
    assert!(text.contains("200 次模拟抽取中有 0 次不可行"), "{text}");
    assert!(text.contains("VERIFIED"), "{text}");
    assert!(d.join("d/rerun/proofs/2026-JOINT-01.json").is_file());
    // It never overwrites a workspace: again, it stops at once.
    let again = sh(&[]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("已存在"));
    // An edited campaign runs in another workspace.
    let edited = std::fs::read_to_string(d.join("d/campaign.toml"))
        .unwrap()
        .replace("ratio = \"3%\"", "ratio = \"4%\"");
    std::fs::write(d.join("d/campaign.toml"), edited).unwrap();
    let ws2 = d.join("other");
    let out = sh(&[("WS", ws2.to_str().unwrap())]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(ws2.join("proofs/2026-JOINT-01.json").is_file());
}

#[test]
fn demo_registries_only_also_leaves_the_files_to_go_on_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let r = run_in(
        d,
        &[
            "--json",
            "demo",
            "d",
            "--entities",
            "300",
            "--registries-only",
        ],
    );
    r.expect(0);
    let v = r.json();
    for k in ["campaign_file", "plan_file", "commands"] {
        let p = v[k].as_str().unwrap_or_else(|| panic!("{k}: {v:#}"));
        assert!(
            d.join(p).is_file() || std::path::Path::new(p).is_file(),
            "{p}"
        );
    }
    assert_eq!(v["checks"], serde_json::Value::Null);
}

#[test]
fn demo_county_of_100k_entities_is_feasible() {
    // A county of 70,000 entities or more used to be infeasible: officers now
    // grow with the county.
    let dir = tempfile::tempdir().unwrap();
    let r = run_in(
        dir.path(),
        &[
            "--json",
            "demo",
            "d",
            "--entities",
            "100000",
            "--salt-key",
            SALT_KEY,
        ],
    );
    r.expect(0);
    let v = r.json();
    assert_eq!(v["verified"], "audit");
    assert_eq!(v["checks"]["risk"]["infeasible"], 0, "{:#}", v["checks"]);
    assert_eq!(v["checks"]["risk"]["draws"], 200);
    assert!(v["list"].as_array().unwrap().len() > 500);
}

/// The demo's signed log (issue 16): checkpoints after the announcement and
/// the draw, two cosignatures meeting the policy, signed notices and an
/// auditor's attestation; the Rust CLI, the page's node entry and (when its
/// virtual environment is there) the Python reference verify them offline
/// from the published folder alone.
#[test]
fn demo_shows_a_signed_cosigned_log_and_an_attestation_that_verify_offline() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let v = run_in(d, &["--json", "demo", "d", "--entities", "3000"])
        .expect(0)
        .json();
    let log = &v["log"];
    assert_eq!(log["checkpoints"].as_array().unwrap().len(), 3);
    assert_eq!(log["cosignatures"], 2);
    assert!(log["signed_files"].as_u64().unwrap() >= 6);
    let p = d.join("d/workspace/published/2026-JOINT-01");
    let l = p.join("log");
    let s = |x: &std::path::Path| x.to_string_lossy().to_string();
    let (proof, keys, policy) = (
        s(&p.join("proof.json")),
        s(&l.join("bureau-keys.txt")),
        s(&l.join("log-policy.toml")),
    );
    let (inclusion, kept, consistency) = (
        s(&l.join("inclusion.txt")),
        s(&l.join("checkpoint-draw-day.txt")),
        s(&l.join("consistency.txt")),
    );
    let attestation = s(log["attestation"]
        .as_str()
        .map(std::path::Path::new)
        .unwrap());
    // The Rust CLI.
    let r = run_in(
        d,
        &[
            "--json",
            "ledger",
            "verify-proof",
            &inclusion,
            "--log-key",
            &keys,
            "--policy",
            &policy,
        ],
    );
    r.expect(0);
    assert_eq!(r.json()["policy"]["met"], true);
    run_in(
        d,
        &[
            "ledger",
            "verify-proof",
            &consistency,
            "--older",
            &kept,
            "--log-key",
            &keys,
            "--policy",
            &policy,
        ],
    )
    .expect(0);
    run_in(
        d,
        &[
            "verify",
            &proof,
            "--log-key",
            &keys,
            "--inclusion",
            &inclusion,
        ],
    )
    .expect(0);
    run_in(
        d,
        &[
            "verify-signature",
            &s(&p.join("index.html")),
            "--log-key",
            &keys,
        ],
    )
    .expect(0);
    // The page's node entry and the Python reference, with the same files.
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let args = [
        proof.as_str(),
        "--log-key",
        &keys,
        "--policy",
        &policy,
        "--inclusion",
        &inclusion,
        "--consistency",
        &kept,
        &consistency,
        "--auditor-key",
        &s(&l.join("auditor-keys.txt")),
        "--attestation",
        &attestation,
        "--signature",
        &s(&p.join("index.html.sig")),
        "--json",
    ];
    let mut ran = 0;
    let node_ok = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok();
    if node_ok {
        let o = std::process::Command::new("node")
            .arg(repo.join("web/dist/verify-cli.mjs"))
            .args(args)
            .current_dir(d)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "node: {}",
            String::from_utf8_lossy(&o.stdout)
        );
        ran += 1;
    }
    let py = repo.join(".venv-log/bin/python");
    if py.is_file() {
        let o = std::process::Command::new(&py)
            .arg(repo.join("tests/vectors/verify_log.py"))
            .args(args)
            .current_dir(d)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "python: {}",
            String::from_utf8_lossy(&o.stdout)
        );
        ran += 1;
    }
    if std::env::var_os("CI").is_some() {
        assert_eq!(ran, 2, "CI has node and .venv-log");
    }
}
