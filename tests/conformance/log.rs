//! The signed log (`docs/LOG.md`) across the three implementations: for a
//! campaign drawn in a workspace with keys, the real CLI makes the inclusion
//! proof of its draw, the consistency proof from the checkpoint after its
//! announcement, the published files' `.sig`, an attestation and a cosigner
//! round (ending in a refused rollback and its fork proof); the Rust CLI (or,
//! where the CLI has no verifying command, the library), the TypeScript node
//! entry and `verify_log.py` must then agree: every honest input accepted,
//! every tamper (`log_tampers.rs`) refused, by the check each names.

use crate::county::{Drawn, Rng, dd};
use crate::log_judge::{LogStats, Tools, judge};
use crate::log_tampers;
use serde_json::Value;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Every county's bureau uses the same log name: another county's key is
/// then "a key of the same name", told apart only by its key ID.
pub const ORIGIN: &str = "scjg.520123.gov.cn/dualdraw";
const AUDITOR: &str = "audit.example.cn/conformance";

/// A workspace with bureau and auditor keys: their vkeys.
#[derive(Clone)]
pub struct Keyed {
    pub ws: PathBuf,
    pub keys: Vec<String>,
    pub auditor: Vec<String>,
}

fn vkeys(v: &str) -> Result<Vec<String>, String> {
    let v: Value = serde_json::from_str(v.trim()).map_err(|e| format!("key show: {e}"))?;
    Ok(v["keys"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|k| k["vkey"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default())
}

/// `key new` (bureau and auditor) in a workspace, before its announcements.
pub fn make_keys(ws: &Path) -> Result<Keyed, String> {
    dd(ws, &["key", "new", "--name", ORIGIN])?;
    dd(ws, &["key", "new", "--auditor", "--name", AUDITOR])?;
    let keys = vkeys(&dd(ws, &["--json", "key", "show"])?)?;
    let auditor = vkeys(&dd(ws, &["--json", "key", "show", "--auditor"])?)?;
    if keys.len() != 2 || auditor.len() != 2 {
        return Err(format!(
            "key show: {} bureau and {} auditor vkeys, not 2 and 2",
            keys.len(),
            auditor.len()
        ));
    }
    Ok(Keyed {
        ws: ws.to_path_buf(),
        keys,
        auditor,
    })
}

/// The size of the newest stored checkpoint (`WS/checkpoints/SIZE.txt`).
pub fn latest_checkpoint(ws: &Path) -> Option<u64> {
    std::fs::read_dir(ws.join("checkpoints"))
        .ok()?
        .filter_map(|e| {
            e.ok()?
                .file_name()
                .to_str()?
                .strip_suffix(".txt")?
                .parse::<u64>()
                .ok()
        })
        .max()
}

/// The files the real CLI made for one drawn campaign.
pub struct Made {
    pub dir: PathBuf,
    /// The published `proof.json` (with `proof.json.sig` beside it).
    pub published_proof: PathBuf,
    /// Every `.sig` publish wrote.
    pub sigs: Vec<PathBuf>,
    pub inclusion: PathBuf,
    /// The checkpoint after the announcement, and the consistency proof from
    /// it to the newest checkpoint.
    pub older: PathBuf,
    pub consistency: PathBuf,
    pub attestation: PathBuf,
    pub cosigned_body: PathBuf,
    pub policy: PathBuf,
    pub fork: PathBuf,
}

fn write(p: &Path, s: &str) -> Result<(), String> {
    std::fs::write(p, s).map_err(|e| format!("{}: {e}", p.display()))
}

pub fn read(p: &Path) -> Result<String, String> {
    std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap_or_default()
}

/// Publishes, proves, attests and runs a cosigner round for a drawn campaign.
pub fn make(k: &Keyed, d: &Drawn, announced: u64) -> Result<Made, String> {
    let ws = &k.ws;
    let dir = ws
        .parent()
        .unwrap_or(ws)
        .join("log")
        .join(d.id.replace('/', "_"));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let p = |f: &str| dir.join(f);
    let v: Value =
        serde_json::from_str(dd(ws, &["--json", "publish", &d.id, "--out", s(&p("pub"))])?.trim())
            .map_err(|e| format!("publish --json: {e}"))?;
    let paths = |key: &str| -> Vec<PathBuf> {
        v[key]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| f["path"].as_str().or(f.as_str()).map(PathBuf::from))
            .collect()
    };
    let sigs: Vec<PathBuf> = paths("signatures");
    let published_proof = paths("files")
        .into_iter()
        .find(|f| f.file_name().is_some_and(|n| n == "proof.json"))
        .ok_or("publish wrote no proof.json")?;
    if sigs.is_empty() {
        return Err(format!("publish wrote no .sig: {v}"));
    }
    let published_proof = absolute(ws, published_proof);
    let sigs = sigs.into_iter().map(|f| absolute(ws, f)).collect();
    let incl = p("inclusion.txt");
    dd(
        ws,
        &[
            "ledger",
            "prove-inclusion",
            "--campaign",
            &d.id,
            "--out",
            s(&incl),
        ],
    )?;
    let cons = p("consistency.txt");
    let from = announced.to_string();
    dd(
        ws,
        &[
            "ledger",
            "prove-consistency",
            "--from",
            &from,
            "--out",
            s(&cons),
        ],
    )?;
    let older = ws.join("checkpoints").join(format!("{announced}.txt"));
    let att = p("attestation.txt");
    dd(ws, &["attest", s(&d.proof), "--out", s(&att)])?;
    // A cosigner round: the announcement's checkpoint (from 0), then the
    // consistency proof to the newest; the announcement's again is a rollback.
    let state = p("w.state");
    let c: Value = serde_json::from_str(
        dd(
            ws,
            &[
                "--json",
                "cosigner",
                "new",
                "--name",
                "jiandu.example.cn/w",
                "--out",
                s(&state),
            ],
        )?
        .trim(),
    )
    .map_err(|e| format!("cosigner new --json: {e}"))?;
    let cosigner = c["vkey"]
        .as_str()
        .ok_or("cosigner new: no vkey")?
        .to_string();
    let mut follow = vec!["cosigner", "follow", "--state", s(&state)];
    for key in &k.keys {
        follow.extend(["--log-key", key.as_str()]);
    }
    dd(ws, &follow)?;
    let first = p("first.txt");
    write(&first, &format!("old 0\n\n{}", read(&older)?))?;
    dd(ws, &["cosigner", "cosign", "--state", s(&state), s(&first)])?;
    let cosigned = p("cosigned.txt");
    dd(
        ws,
        &[
            "cosigner",
            "cosign",
            "--state",
            s(&state),
            s(&cons),
            "--out",
            s(&cosigned),
        ],
    )?;
    let fork = p("fork.txt");
    match dd(
        ws,
        &[
            "--json",
            "cosigner",
            "cosign",
            "--state",
            s(&state),
            s(&first),
            "--fork-proof",
            s(&fork),
        ],
    ) {
        Ok(o) => return Err(format!("the cosigner cosigned a rollback: {o}")),
        Err(e) if e.contains("fork-rollback") => {}
        Err(e) => return Err(format!("a rollback is not refused as fork-rollback: {e}")),
    }
    let policy = p("log-policy.toml");
    write(
        &policy,
        &format!("cosigners = [\"{cosigner}\"]\nquorum = 1\n"),
    )?;
    let body = read(&cons)?;
    let head = body
        .split_once("\n\n")
        .map(|(h, _)| h)
        .ok_or("consistency body without an empty line")?;
    let cosigned_body = p("cosigned-body.txt");
    write(&cosigned_body, &format!("{head}\n\n{}", read(&cosigned)?))?;
    Ok(Made {
        dir,
        published_proof,
        sigs,
        inclusion: incl,
        older,
        consistency: cons,
        attestation: att,
        cosigned_body,
        policy,
        fork,
    })
}

fn absolute(ws: &Path, f: PathBuf) -> PathBuf {
    if f.is_absolute() || f.exists() {
        f
    } else {
        ws.join(f)
    }
}

/// `--log-key K…` for the node entry and Python; the same for Rust.
pub fn key_args(flag: &str, keys: &[String]) -> Vec<OsString> {
    keys.iter()
        .flat_map(|k| [OsString::from(flag), OsString::from(k)])
        .collect()
}

/// What every campaign's log checks share: the verifiers, another bureau
/// (same log name, other keys), how many tampers per campaign.
pub struct Run<'a> {
    pub tools: &'a Tools,
    pub other: &'a Keyed,
    pub tampers: usize,
}

/// The log checks of one drawn campaign: honest inputs, then tampers.
pub fn check_campaign(
    run: &Run,
    k: &Keyed,
    d: &Drawn,
    announced: u64,
    earlier: Option<&Drawn>,
    rng: &mut Rng,
    stats: &mut LogStats,
) -> Option<Made> {
    let (tools, other, tampers) = (run.tools, run.other, run.tampers);
    let t0 = std::time::Instant::now();
    stats.campaigns += 1;
    let m = match make(k, d, announced) {
        Ok(m) => m,
        Err(e) => {
            stats.failures.push(format!("{} (log): {e}", d.id));
            return None;
        }
    };
    for case in log_tampers::honest(k, d, &m, rng.below(2)) {
        judge(tools, &d.id, case, stats);
    }
    for case in log_tampers::some(k, other, &m, earlier, rng, tampers) {
        judge(tools, &d.id, case, stats);
    }
    stats.seconds += t0.elapsed().as_secs_f64();
    Some(m)
}
