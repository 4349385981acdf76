//! The three implementations, each run as a user would: the Rust CLI
//! (light, public, audit), the TypeScript page's node entry (light, public)
//! and the Python reference (light, public). Each prints a
//! `dualdraw.verify.v2` verdict (`docs/SPEC.md` §9).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Light,
    Public,
    Audit,
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::Light => "light",
            Level::Public => "public",
            Level::Audit => "audit",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Impl {
    Rust,
    Node,
    Python,
}

impl Impl {
    pub fn name(self) -> &'static str {
        match self {
            Impl::Rust => "rust",
            Impl::Node => "typescript",
            Impl::Python => "python",
        }
    }
    pub fn levels(self) -> &'static [Level] {
        match self {
            Impl::Rust => &[Level::Light, Level::Public, Level::Audit],
            _ => &[Level::Light, Level::Public],
        }
    }
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The implementations this machine can run.
pub fn available() -> Vec<Impl> {
    let mut v = vec![Impl::Rust];
    let node_ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if node_ok && repo().join("web/dist/verify-cli.mjs").is_file() {
        v.push(Impl::Node);
    }
    let py_ok = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if py_ok && repo().join("tests/vectors/verify_proof.py").is_file() {
        v.push(Impl::Python);
    }
    v
}

/// One verdict: the implementation's JSON, or why it printed none.
pub fn run(
    imp: Impl,
    level: Level,
    proof: &Path,
    snapshot: &Path,
    ws: &Path,
) -> Result<Value, String> {
    let v = run_one(imp, level, proof, snapshot, ws)?;
    // At the public level, the same snapshot in the compact format
    // (COMMITMENTS §9) beside the JSON one must give the same verdict, byte
    // for byte, in every implementation.
    let compact = snapshot.with_extension("ddps");
    if level == Level::Public && compact.is_file() {
        let c = run_one(imp, level, proof, &compact, ws)?;
        if c != v {
            return Err(format!(
                "{}: the compact snapshot gives another verdict than the JSON one: {} vs {}",
                imp.name(),
                c.to_string().chars().take(400).collect::<String>(),
                v.to_string().chars().take(400).collect::<String>()
            ));
        }
    }
    Ok(v)
}

/// One verdict with this snapshot file.
pub fn run_one(
    imp: Impl,
    level: Level,
    proof: &Path,
    snapshot: &Path,
    ws: &Path,
) -> Result<Value, String> {
    let mut cmd = match imp {
        Impl::Rust => {
            let mut c = Command::new(env!("CARGO_BIN_EXE_dualdraw"));
            c.arg("--json");
            match level {
                Level::Audit => {
                    c.arg("-w")
                        .arg(ws)
                        .arg("verify")
                        .arg(proof)
                        .args(["--level", "audit"]);
                }
                Level::Public => {
                    c.arg("verify").arg(proof).arg("--snapshot").arg(snapshot);
                }
                Level::Light => {
                    c.arg("verify").arg("--light").arg(proof);
                }
            }
            c
        }
        Impl::Node => {
            let mut c = Command::new("node");
            c.arg(repo().join("web/dist/verify-cli.mjs")).arg(proof);
            if level == Level::Public {
                c.arg("--snapshot").arg(snapshot);
            }
            c.arg("--json");
            c
        }
        Impl::Python => {
            let mut c = Command::new("python3");
            c.arg(repo().join("tests/vectors/verify_proof.py"))
                .arg(proof);
            if level == Level::Public {
                c.arg("--snapshot").arg(snapshot);
            }
            c.arg("--json");
            c
        }
    };
    if imp == Impl::Rust && level != Level::Audit {
        // Outside any workspace: no audit by accident.
        cmd.current_dir(std::env::temp_dir());
    }
    let o = cmd.output().map_err(|e| format!("{}: {e}", imp.name()))?;
    let out = String::from_utf8_lossy(&o.stdout);
    serde_json::from_str(out.trim()).map_err(|e| {
        format!(
            "{} {}: no verdict JSON ({e}); exit {:?}; stdout {}; stderr {}",
            imp.name(),
            level.name(),
            o.status.code(),
            out.chars().take(400).collect::<String>(),
            String::from_utf8_lossy(&o.stderr)
                .chars()
                .take(400)
                .collect::<String>()
        )
    })
}

/// The list under `key` as strings (`[]` when absent).
pub fn ids(v: &Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|x| match x {
                    Value::String(s) => s.clone(),
                    other => other["check"].as_str().unwrap_or_default().to_string(),
                })
                .collect()
        })
        .unwrap_or_default()
}

pub fn first_error(v: &Value) -> String {
    v["errors"][0]["message"]
        .as_str()
        .or(v["error"]["message"].as_str())
        .unwrap_or("")
        .chars()
        .take(300)
        .collect()
}
