//! Key rotation and revocation (`docs/LOG.md` §8) across the three
//! implementations, on a workspace whose campaigns are drawn: the real CLI
//! rotates (or revokes) the bureau's keys after its last campaign and signs a
//! checkpoint with the new keys only; a reader holding the old keys and the
//! key statement must accept the draw's inclusion proof in it (Rust, the node
//! entry and `verify_log.py` alike), and refuse the same proof re-signed with
//! the retired or revoked keys (`key-retired` / `key-revoked`, the failing
//! check `keys.in-force`); after a revocation the file signatures the old keys
//! made are refused too, after a rotation they are accepted.

use crate::county::{Drawn, dd};
use crate::log::{Keyed, Made, key_args};
use crate::log_judge::{Case, LogStats, RustSays, Tools, judge, rust_cli};
use dualdraw::core::log::InclusionProofText;
use dualdraw::store::log_files::{Role, load_key_file};
use serde_json::Value;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

fn s(p: &Path) -> &str {
    p.to_str().unwrap_or_default()
}

fn rust(cwd: &Path, head: &[&str], keys: &[String], stmt: &Path) -> Result<RustSays, String> {
    let mut a: Vec<&str> = head.to_vec();
    for k in keys {
        a.extend(["--log-key", k.as_str()]);
    }
    a.extend(["--key-statement", s(stmt)]);
    rust_cli(cwd, &a)
}

fn args(keys: &[String], stmt: &Path, tail: &[&Path], flag: &str) -> Vec<OsString> {
    let mut v = key_args("--log-key", keys);
    v.push("--key-statement".into());
    v.push(stmt.as_os_str().to_owned());
    v.push(flag.into());
    v.extend(tail.iter().map(|p| p.as_os_str().to_owned()));
    v
}

/// Rotates (or revokes) `k`'s keys after campaign `d` (its files in `m`)
/// and judges the readers' cases. `k` must not be used afterwards.
pub fn check_rotation(
    tools: &Tools,
    k: &Keyed,
    d: &Drawn,
    m: &Made,
    revoke: bool,
    stats: &mut LogStats,
) {
    let who = format!(
        "{} (key {})",
        d.id,
        if revoke { "revoke" } else { "rotate" }
    );
    match cases(k, d, m, revoke) {
        Ok(cases) => {
            for c in cases {
                judge(tools, &who, c, stats);
            }
        }
        Err(e) => stats.failures.push(format!("{who}: {e}")),
    }
}

fn cases(k: &Keyed, d: &Drawn, m: &Made, revoke: bool) -> Result<Vec<Case>, String> {
    let ws = &k.ws;
    let dir = m.dir.join("rotation");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let v: Value = serde_json::from_str(
        dd(
            ws,
            &[
                "--json",
                "key",
                if revoke { "revoke" } else { "rotate" },
                "--reason",
                "conformance",
            ],
        )?
        .trim(),
    )
    .map_err(|e| format!("key rotate --json: {e}"))?;
    let stmt = PathBuf::from(v["statement"].as_str().ok_or("no statement")?);
    let stmt = if stmt.is_absolute() {
        stmt
    } else {
        ws.join(stmt)
    };
    let retired = PathBuf::from(v["retired"].as_str().ok_or("no retired key file")?);
    // A checkpoint the new keys alone sign, and the draw's inclusion in it.
    dd(ws, &["ledger", "checkpoint"])?;
    let incl = dir.join("inclusion-new-keys.txt");
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
    // The same proof, its checkpoint re-signed with the retired keys.
    let old = load_key_file(&retired, Role::Bureau)
        .map_err(|e| e.to_string())?
        .ok_or("the retired key file is missing")?;
    let text = std::fs::read(&incl).map_err(|e| e.to_string())?;
    let mut p = InclusionProofText::parse(&text).map_err(|e| e.to_string())?;
    p.checkpoint = p
        .checkpoint
        .checkpoint()
        .sign(&old.signers())
        .map_err(|e| e.to_string())?;
    let by_old = dir.join("inclusion-old-keys.txt");
    std::fs::write(&by_old, p.to_text()).map_err(|e| e.to_string())?;
    let cwd = &m.dir;
    let kinds: &'static [&'static str] = if revoke {
        &["key-revoked"]
    } else {
        &["key-retired"]
    };
    let sig = PathBuf::from(format!("{}.sig", m.published_proof.display()));
    let mut out = vec![
        Case {
            name: "the draw's inclusion in a checkpoint of the new keys, read with the old keys and the key statement".into(),
            refuse: None,
            must_pass: &["keys.statement", "inclusion.path", "inclusion.entry"],
            rust: rust(cwd, &["ledger", "verify-proof", s(&incl)], &k.keys, &stmt),
            args: args(&k.keys, &stmt, &[&incl], "--inclusion"),
        },
        Case {
            name: "the same inclusion proof, its checkpoint signed by the keys the statement replaced".into(),
            refuse: Some(("keys.in-force", kinds)),
            must_pass: &[],
            rust: rust(cwd, &["ledger", "verify-proof", s(&by_old)], &k.keys, &stmt),
            args: args(&k.keys, &stmt, &[&by_old], "--inclusion"),
        },
    ];
    let file_case = Case {
        name: format!(
            "proof.json.sig, made before the {}",
            if revoke { "revocation" } else { "rotation" }
        ),
        refuse: revoke.then_some(("keys.in-force", kinds)),
        must_pass: if revoke {
            &[]
        } else {
            &["keys.statement", "file.signature", "file.digest"]
        },
        rust: rust(
            cwd,
            &["verify-signature", s(&m.published_proof)],
            &k.keys,
            &stmt,
        ),
        args: args(&k.keys, &stmt, &[&sig], "--signature"),
    };
    out.push(file_case);
    Ok(out)
}
