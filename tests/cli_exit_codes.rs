//! The exit codes of `docs/CLI.md` ("a stable interface"), walked across the
//! commands through the real binary: 0 success; 1 rejected input (a record
//! not found — such as an unknown campaign —, a bad or unreadable file) or
//! failed verification; 2 usage error (bad arguments, no workspace, `init` on
//! a workspace, an unknown snapshot). Each case is run with and without
//! `--json`: the code never depends on the output format, and the JSON error
//! names its kind.

#[path = "cli_support.rs"]
mod support;

use support::{Run, run_in};

const WS: &str = "d/workspace";

/// Runs `dualdraw ARGS` in `dir` with and without `--json`; both must exit
/// `code`, and the JSON failure must be of `kind`.
#[track_caller]
fn expect(dir: &std::path::Path, args: &[&str], code: i32, kind: Option<&str>) -> Run {
    let text = run_in(dir, args);
    text.expect(code);
    let mut v = vec!["--json"];
    v.extend_from_slice(args);
    let json = run_in(dir, &v);
    json.expect(code);
    if let Some(k) = kind {
        let j = json.json();
        assert_eq!(j["ok"], false, "{}", json.cmd);
        assert_eq!(j["error"]["kind"], k, "{}: {j:#}", json.cmd);
    }
    text
}

#[test]
fn documented_exit_codes_hold_across_commands() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // 0: success.
    run_in(d, &["demo", "d", "--entities", "300", "--registries-only"]).expect(0);
    expect(d, &["-w", WS, "registry", "stats"], 0, None);
    expect(d, &["witness", "new"], 0, None);

    // 1: an unknown campaign is a record not found, in every command that names one.
    let uscc = "91350200776049653A";
    let unknown: Vec<Vec<&str>> = vec![
        vec!["campaign", "reveal", "NO-SUCH", "甲=secret"],
        vec!["campaign", "draw", "NO-SUCH"],
        vec!["campaign", "void", "NO-SUCH", "--reason", "x"],
        vec!["campaign", "proof", "NO-SUCH"],
        vec!["campaign", "open-threshold", "NO-SUCH", "A"],
        vec![
            "campaign", "replace", "NO-SUCH", "--target", uscc, "--reason", "x",
        ],
        vec!["publish", "NO-SUCH"],
        vec![
            "results",
            "record",
            "NO-SUCH",
            "--target",
            uscc,
            "--item",
            "SC-001",
            "--result",
            "未发现问题",
            "--date",
            "2026-04-01",
        ],
        vec![
            "results", "object", "NO-SUCH", "--target", uscc, "--text", "x",
        ],
        vec!["results", "publish", "NO-SUCH"],
        vec!["schedule", "NO-SUCH"],
        vec!["schedule", "reveal", "NO-SUCH"],
    ];
    for args in unknown {
        let mut v = vec!["-w", WS];
        v.extend_from_slice(&args);
        expect(d, &v, 1, Some("not_found")).has("工作区中没有抽查批次 \"NO-SUCH\"");
    }
    // 1: other records not found, bad and unreadable input, failed verification.
    std::fs::write(d.join("bad.toml"), "id = 3\n").unwrap();
    std::fs::write(d.join("bad.csv"), "统一社会信用代码,名称\nXX,y\n").unwrap();
    std::fs::write(d.join("garbage.json"), "{}").unwrap();
    expect(
        d,
        &["-w", WS, "registry", "prove", uscc],
        1,
        Some("not_found"),
    );
    expect(
        d,
        &["-w", WS, "campaign", "announce", "bad.toml"],
        1,
        Some("rejected"),
    );
    expect(
        d,
        &["-w", WS, "campaign", "announce", "missing.toml"],
        1,
        Some("unreadable"),
    );
    expect(
        d,
        &[
            "-w",
            WS,
            "import",
            "entities",
            "bad.csv",
            "--today",
            "2026-03-01",
        ],
        1,
        Some("rejected"),
    );
    expect(d, &["-w", WS, "verify", "garbage.json"], 1, None);

    // 2: usage errors.
    expect(d, &["-w", WS, "campaign", "announce"], 2, Some("usage"));
    expect(d, &["-w", WS, "nonsense"], 2, Some("usage"));
    expect(
        d,
        &["-w", WS, "campaign", "draw", "X", "--now", "yesterday"],
        2,
        Some("usage"),
    );
    expect(d, &["-w", "nowhere", "status"], 2, Some("usage"));
    expect(
        d,
        &["-w", "nowhere", "campaign", "draw", "X"],
        2,
        Some("usage"),
    );
    expect(d, &["-w", WS, "init"], 2, Some("usage"));
    expect(
        d,
        &["demo", "d", "--entities", "300", "--registries-only"],
        2,
        Some("usage"),
    );
    expect(
        d,
        &["-w", WS, "registry", "root", "--snapshot", "99"],
        2,
        Some("usage"),
    );
}
