//! The signed log's verdicts (`log.rs`): each implementation run as a user
//! runs it — the Rust CLI (`--json`, its `error.kind`), the TypeScript node
//! entry and `verify_log.py` (`dualdraw.verify-log.v1`, their checks) — and
//! the comparison of the three on one case.

use crate::verifiers::repo;
use serde_json::Value;
use std::collections::BTreeSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the verifiers are: `node web/dist/verify-cli.mjs` and the venv's
/// python with `verify_log.py` (either may be absent: then it is skipped).
pub struct Tools {
    pub node: bool,
    pub python: Option<PathBuf>,
}

impl Tools {
    pub fn names(&self) -> Vec<&'static str> {
        let mut v = vec!["rust"];
        if self.node {
            v.push("typescript");
        }
        if self.python.is_some() {
            v.push("python");
        }
        v
    }
}

/// The venv's python (`.venv-log/bin/python`, made by `.ci/run` before
/// `cargo test`): under CI its absence is an error, otherwise a note.
pub fn tools(node: bool) -> Result<Tools, String> {
    let py = repo().join(".venv-log/bin/python");
    let python = if py.is_file() {
        Some(py)
    } else if std::env::var_os("CI").is_some() {
        return Err(format!(
            "signed log: {} is missing; make it first: python3 -m venv .venv-log && .venv-log/bin/pip install -r tests/vectors/requirements-log.txt",
            py.display()
        ));
    } else {
        println!(
            "signed log: {} is missing: the Python log verifier is skipped (python3 -m venv .venv-log && .venv-log/bin/pip install -r tests/vectors/requirements-log.txt)",
            py.display()
        );
        None
    };
    Ok(Tools { node, python })
}

/// What the Rust side said: accepted, or refused with an `error.kind`.
#[derive(Debug, Clone)]
pub struct RustSays {
    pub ok: bool,
    pub kind: String,
    pub json: Value,
}

impl RustSays {
    pub fn ok() -> RustSays {
        RustSays {
            ok: true,
            kind: String::new(),
            json: Value::Null,
        }
    }
    pub fn refused(kind: &str) -> RustSays {
        RustSays {
            ok: false,
            kind: kind.to_string(),
            json: Value::Null,
        }
    }
}

/// The Rust CLI outside any workspace (`--json`): exit 0 accepted, 1 refused.
pub fn rust_cli(cwd: &Path, args: &[&str]) -> Result<RustSays, String> {
    let o = Command::new(env!("CARGO_BIN_EXE_dualdraw"))
        .arg("--json")
        .args(args)
        .current_dir(cwd)
        .output()
        .map_err(|e| e.to_string())?;
    let out = String::from_utf8_lossy(&o.stdout);
    let json: Value = serde_json::from_str(out.trim()).unwrap_or(Value::Null);
    match o.status.code() {
        Some(0) => Ok(RustSays {
            ok: true,
            kind: String::new(),
            json,
        }),
        Some(1) => Ok(RustSays {
            ok: false,
            kind: json["error"]["kind"].as_str().unwrap_or("?").to_string(),
            json,
        }),
        c => Err(format!(
            "dualdraw {}: exit {c:?}: {} {}",
            args.join(" "),
            out.chars().take(300).collect::<String>(),
            String::from_utf8_lossy(&o.stderr)
                .chars()
                .take(300)
                .collect::<String>()
        )),
    }
}

/// What the node entry or `verify_log.py` said (`dualdraw.verify-log.v1`).
#[derive(Debug)]
pub struct LogSays {
    pub ok: bool,
    pub failing: BTreeSet<String>,
    pub passing: BTreeSet<String>,
    pub json: Value,
}

pub fn run_log(tools: &Tools, which: &str, args: &[OsString]) -> Result<LogSays, String> {
    let mut cmd = if which == "typescript" {
        let mut c = Command::new("node");
        c.arg(repo().join("web/dist/verify-cli.mjs"));
        c
    } else {
        let mut c = Command::new(tools.python.clone().unwrap_or_default());
        c.arg(repo().join("tests/vectors/verify_log.py"));
        c
    };
    let o = cmd
        .args(args)
        .arg("--json")
        .output()
        .map_err(|e| format!("{which}: {e}"))?;
    let out = String::from_utf8_lossy(&o.stdout);
    let json: Value = serde_json::from_str(out.trim()).map_err(|e| {
        format!(
            "{which}: no JSON ({e}), exit {:?}: {} {}",
            o.status.code(),
            out.chars().take(300).collect::<String>(),
            String::from_utf8_lossy(&o.stderr)
                .chars()
                .take(300)
                .collect::<String>()
        )
    })?;
    let checks = |ok: bool| -> BTreeSet<String> {
        json["reports"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|r| r["checks"].as_array().into_iter().flatten())
            .filter(|c| c["ok"] == ok)
            .filter_map(|c| c["check"].as_str().map(str::to_string))
            .collect()
    };
    let (failing, passing) = (checks(false), checks(true));
    let ok = json["ok"] == true;
    if ok != (o.status.code() == Some(0)) {
        return Err(format!("{which}: ok={ok} but exit {:?}", o.status.code()));
    }
    Ok(LogSays {
        ok,
        failing,
        passing,
        json,
    })
}

/// One input, as each implementation is given it, and what is expected.
pub struct Case {
    pub name: String,
    /// `None`: accepted by all; `Some((check, kinds))`: refused by all, the
    /// node entry and Python naming `check` among their failing checks and
    /// Rust giving one of `kinds`.
    pub refuse: Option<(&'static str, &'static [&'static str])>,
    /// Checks the node entry and Python must report as passed (an honest
    /// input: so that a check silently skipped is caught).
    pub must_pass: &'static [&'static str],
    pub rust: Result<RustSays, String>,
    pub args: Vec<OsString>,
}

#[derive(Default)]
pub struct LogStats {
    pub campaigns: usize,
    pub cases: usize,
    pub tampers: usize,
    pub verdicts: usize,
    pub failures: Vec<String>,
    pub seconds: f64,
}

/// Runs a case in the node entry and Python and compares the three verdicts.
pub fn judge(tools: &Tools, id: &str, case: Case, stats: &mut LogStats) {
    stats.cases += 1;
    if case.refuse.is_some() {
        stats.tampers += 1;
    }
    let who = format!("{id} {}", case.name);
    let rust = match case.rust {
        Ok(r) => r,
        Err(e) => return stats.failures.push(format!("{who}: rust: {e}")),
    };
    stats.verdicts += 1;
    let mut others = Vec::new();
    for which in ["typescript", "python"] {
        if (which == "typescript" && !tools.node) || (which == "python" && tools.python.is_none()) {
            continue;
        }
        match run_log(tools, which, &case.args) {
            Ok(s) => {
                stats.verdicts += 1;
                others.push((which, s));
            }
            Err(e) => stats.failures.push(format!("{who}: {e}")),
        }
    }
    let fail_set = |s: &LogSays| s.failing.iter().cloned().collect::<Vec<_>>().join(",");
    if std::env::var_os("DUALDRAW_CONFORMANCE_VERBOSE").is_some() {
        let o: Vec<String> = others
            .iter()
            .map(|(w, s)| format!("{w} ok={} [{}]", s.ok, fail_set(s)))
            .collect();
        println!(
            "  log {who}: rust ok={} {} · {}",
            rust.ok,
            rust.kind,
            o.join(" · ")
        );
    }
    match case.refuse {
        None => {
            if !rust.ok {
                stats.failures.push(format!(
                    "{who}: rust refuses an honest input: {} {}",
                    rust.kind, rust.json["error"]["message"]
                ));
            }
            for (w, s) in &others {
                let skipped: Vec<&str> = case
                    .must_pass
                    .iter()
                    .copied()
                    .filter(|c| !s.passing.contains(*c))
                    .collect();
                if !skipped.is_empty() {
                    stats
                        .failures
                        .push(format!("{who}: {w} does not report {skipped:?} as passed"));
                }
                if !s.ok {
                    stats.failures.push(format!(
                        "{who}: {w} refuses an honest input: failing [{}]: {}",
                        fail_set(s),
                        first_failure(&s.json)
                    ));
                }
            }
        }
        Some((check, kinds)) => {
            if rust.ok || !kinds.contains(&rust.kind.as_str()) {
                stats.failures.push(format!(
                    "{who}: rust {} (want a refusal {kinds:?})",
                    if rust.ok {
                        "accepts".to_string()
                    } else {
                        format!("refuses with {}", rust.kind)
                    }
                ));
            }
            for (w, s) in &others {
                if s.ok || !s.failing.contains(check) {
                    stats.failures.push(format!(
                        "{who}: {w} {} (want the failing check {check})",
                        if s.ok {
                            "accepts".to_string()
                        } else {
                            format!("fails [{}]", fail_set(s))
                        }
                    ));
                }
            }
            if let [(a, x), (b, y)] = others.as_slice()
                && x.failing != y.failing
            {
                stats.failures.push(format!(
                    "{who}: {a} fails [{}], {b} fails [{}]",
                    fail_set(x),
                    fail_set(y)
                ));
            }
        }
    }
}

fn first_failure(v: &Value) -> String {
    v["reports"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|r| r["checks"].as_array().into_iter().flatten())
        .find(|c| c["ok"] == false)
        .and_then(|c| c["message"].as_str())
        .unwrap_or("")
        .chars()
        .take(300)
        .collect()
}
