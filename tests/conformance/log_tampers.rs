//! The signed log's cases (`log.rs`): the honest inputs the real CLI made,
//! and random tampers of them, each with the check that must refuse it.

use crate::county::{Drawn, Rng, dd};
use crate::log::{Keyed, Made, key_args, read};
use crate::log_judge::{Case, RustSays, rust_cli};
use dualdraw::core::log::{Attestation, FileSignature, LogKeys, VerifierKey};
use dualdraw::core::merkle::Hash;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

fn os(v: &[&Path]) -> Vec<OsString> {
    v.iter().map(|p| p.as_os_str().to_owned()).collect()
}

fn with_keys(mut head: Vec<OsString>, keys: &[String]) -> Vec<OsString> {
    head.extend(key_args("--log-key", keys));
    head
}

/// The Rust CLI with `--log-key K…` appended.
fn rust(cwd: &Path, args: &[&str], keys: &[String]) -> Result<RustSays, String> {
    let mut a: Vec<&str> = args.to_vec();
    for k in keys {
        a.extend(["--log-key", k.as_str()]);
    }
    rust_cli(cwd, &a)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap_or_default()
}

fn log_keys(keys: &[String]) -> Result<LogKeys, String> {
    let v = keys
        .iter()
        .map(|k| VerifierKey::parse(k).map_err(|e| e.to_string()))
        .collect::<Result<Vec<_>, _>>()?;
    LogKeys::new(v).map_err(|e| e.to_string())
}

/// The Rust library on file signatures (the CLI checks only `PROOF.sig`).
fn rust_file_sigs(sigs: &[(PathBuf, PathBuf)], keys: &[String]) -> Result<RustSays, String> {
    let keys = log_keys(keys)?;
    for (sig, file) in sigs {
        let b = std::fs::read(sig).map_err(|e| e.to_string())?;
        let f = std::fs::read(file).map_err(|e| e.to_string())?;
        match FileSignature::verify(&b, &keys) {
            Err(e) => return Ok(RustSays::refused(e.kind())),
            Ok(v) => {
                let name = file
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default();
                if !v.matches(&name, &f) {
                    return Ok(RustSays::refused("file-mismatch"));
                }
            }
        }
    }
    Ok(RustSays::ok())
}

/// The Rust library on an attestation, and that it names these proof bytes.
fn rust_attestation(att: &Path, proof: &Path, auditor: &[String]) -> Result<RustSays, String> {
    let keys = log_keys(auditor)?;
    let b = std::fs::read(att).map_err(|e| e.to_string())?;
    let p = std::fs::read(proof).map_err(|e| e.to_string())?;
    Ok(match Attestation::verify(&b, &keys) {
        Err(e) => RustSays::refused(e.kind()),
        Ok(a) if a.proof != Hash::digest(&p) => RustSays::refused("attestation-other-proof"),
        Ok(_) => RustSays::ok(),
    })
}

fn both(
    a: Result<RustSays, String>,
    b: impl FnOnce() -> Result<RustSays, String>,
) -> Result<RustSays, String> {
    match a {
        Ok(r) if r.ok => b(),
        other => other,
    }
}

fn sig_pairs(m: &Made) -> Vec<(PathBuf, PathBuf)> {
    m.sigs
        .iter()
        .map(|sig| {
            let f = sig.with_extension("");
            (sig.clone(), f)
        })
        .collect()
}

/// Every honest input: accepted by all three.
pub fn honest(k: &Keyed, d: &Drawn, m: &Made, one: usize) -> Vec<Case> {
    let cwd = &m.dir;
    let sig = PathBuf::from(format!("{}.sig", m.published_proof.display()));
    let mut sig_args = Vec::new();
    for (sig, _) in sig_pairs(m) {
        sig_args.push(OsString::from("--signature"));
        sig_args.push(sig.into_os_string());
    }
    let mut att_args = os(&[&d.proof]);
    att_args.extend(key_args("--auditor-key", &k.auditor));
    att_args.extend([
        OsString::from("--attestation"),
        m.attestation.clone().into_os_string(),
    ]);
    vec![
        Case {
            name: "the draw's inclusion proof, its proof.json and .sig".into(),
            refuse: None,
            must_pass: &[
                "checkpoint.signature",
                "inclusion.entry",
                "inclusion.path",
                "inclusion.draw",
                "file.digest",
                "file.signature",
            ],
            rust: both(
                rust(
                    cwd,
                    &[
                        "verify",
                        s(&m.published_proof),
                        "--inclusion",
                        s(&m.inclusion),
                    ],
                    &k.keys,
                ),
                || rust(cwd, &["ledger", "verify-proof", s(&m.inclusion)], &k.keys),
            ),
            args: with_keys(
                os(&[
                    &m.published_proof,
                    Path::new("--inclusion"),
                    &m.inclusion,
                    Path::new("--signature"),
                    &sig,
                ]),
                &k.keys,
            ),
        },
        Case {
            // "a reader given one key checks that one and says which" (§3)
            name: format!(
                "the inclusion proof checked with the bureau's key {} alone",
                one + 1
            ),
            refuse: None,
            must_pass: &["checkpoint.signature", "inclusion.path"],
            rust: rust(
                cwd,
                &["ledger", "verify-proof", s(&m.inclusion)],
                &k.keys[one..=one],
            ),
            args: with_keys(
                os(&[Path::new("--inclusion"), &m.inclusion]),
                &k.keys[one..=one],
            ),
        },
        Case {
            name: "consistency from the announcement's checkpoint".into(),
            refuse: None,
            must_pass: &["older.signature", "newer.signature", "consistency.proof"],
            rust: rust(
                cwd,
                &[
                    "ledger",
                    "verify-proof",
                    s(&m.consistency),
                    "--older",
                    s(&m.older),
                ],
                &k.keys,
            ),
            args: with_keys(
                os(&[Path::new("--consistency"), &m.older, &m.consistency]),
                &k.keys,
            ),
        },
        Case {
            name: "the cosigned checkpoint under the policy (quorum 1)".into(),
            refuse: None,
            must_pass: &["newer.cosignature", "newer.quorum", "consistency.proof"],
            rust: rust(
                cwd,
                &[
                    "ledger",
                    "verify-proof",
                    s(&m.cosigned_body),
                    "--older",
                    s(&m.older),
                    "--policy",
                    s(&m.policy),
                ],
                &k.keys,
            )
            .and_then(|r| {
                if r.ok && r.json["policy"]["met"] != true {
                    Err(format!(
                        "verify-proof --policy: policy {}",
                        r.json["policy"]
                    ))
                } else {
                    Ok(r)
                }
            }),
            args: with_keys(
                os(&[
                    Path::new("--consistency"),
                    &m.older,
                    &m.cosigned_body,
                    Path::new("--policy"),
                    &m.policy,
                ]),
                &k.keys,
            ),
        },
        Case {
            name: format!("the {} published files' .sig", m.sigs.len()),
            refuse: None,
            must_pass: &["file.signature", "file.digest"],
            rust: rust_file_sigs(&sig_pairs(m), &k.keys),
            args: with_keys(sig_args, &k.keys),
        },
        Case {
            name: "the auditor's attestation".into(),
            refuse: None,
            must_pass: &["attestation.signature", "attestation.proof"],
            rust: rust_attestation(&m.attestation, &d.proof, &k.auditor),
            args: att_args,
        },
        Case {
            name: "the cosigner's rollback fork proof".into(),
            refuse: None,
            must_pass: &["fork.a.signature", "fork.b.signature", "fork.kind"],
            rust: rust(cwd, &["verify-fork", s(&m.fork)], &k.keys).and_then(|r| {
                if r.ok && r.json["kind"] != "rollback" {
                    Err(format!("verify-fork says kind {}", r.json["kind"]))
                } else {
                    Ok(r)
                }
            }),
            args: with_keys(os(&[Path::new("--fork"), &m.fork]), &k.keys),
        },
    ]
}

const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Another base64 character at a random place among the first 40 of `line`
/// (a 32-byte hash: still 32 bytes, another value).
fn flip(line: &str, rng: &mut Rng) -> String {
    let mut b: Vec<u8> = line.bytes().collect();
    let i = rng.below(b.len().min(40));
    let mut c = *rng.pick(B64);
    while c == b[i] {
        c = *rng.pick(B64);
    }
    b[i] = c;
    String::from_utf8(b).unwrap_or_default()
}

/// Indices of the hash lines of a proof text: after `first` lines, to the
/// empty line.
fn hash_lines(text: &str, first: usize) -> Vec<usize> {
    text.split('\n')
        .enumerate()
        .skip(first)
        .take_while(|(_, l)| !l.is_empty())
        .map(|(i, _)| i)
        .collect()
}

fn replace_line(text: &str, i: usize, with: &str) -> String {
    text.split('\n')
        .enumerate()
        .map(|(j, l)| if j == i { with } else { l })
        .collect::<Vec<_>>()
        .join("\n")
}

fn put(dir: &Path, name: &str, text: &str) -> Result<PathBuf, String> {
    let p = dir.join(name);
    std::fs::write(&p, text).map_err(|e| e.to_string())?;
    Ok(p)
}

type Make<'a> = Box<dyn FnOnce(&mut Rng) -> Result<Option<Case>, String> + 'a>;

/// `n` random tampers (all of them when `n` is at least their number).
pub fn some(
    k: &'_ Keyed,
    other: &'_ Keyed,
    m: &'_ Made,
    earlier: Option<&'_ Drawn>,
    rng: &mut Rng,
    n: usize,
) -> Vec<Case> {
    let dir = m.dir.join("tampered");
    let _ = std::fs::create_dir_all(&dir);
    let cwd = m.dir.clone();
    let keys = &k.keys;
    let incl = || read(&m.inclusion);
    // The line of the checkpoint's `i`th text line in an inclusion proof.
    let cp_line = |text: &str, i: usize| {
        text.split('\n')
            .position(|l| l.is_empty())
            .map(|e| e + 1 + i)
    };
    let mut all: Vec<Make> = vec![
        Box::new(|rng| {
            let t = incl()?;
            let Some(&i) = rng_pick(rng, &hash_lines(&t, 3)) else {
                return Ok(None);
            };
            let line = t.split('\n').nth(i).unwrap_or_default().to_string();
            let f = put(
                &dir,
                "inclusion-flip.txt",
                &replace_line(&t, i, &flip(&line, rng)),
            )?;
            Ok(Some(Case {
                name: format!("a changed hash on line {} of the inclusion proof", i + 1),
                must_pass: &[],
                refuse: Some(("inclusion.path", &["inclusion-failed"])),
                rust: rust(&cwd, &["ledger", "verify-proof", s(&f)], keys),
                args: with_keys(os(&[Path::new("--inclusion"), &f]), keys),
            }))
        }),
        Box::new(|rng| {
            let t = read(&m.consistency)?;
            let Some(&i) = rng_pick(rng, &hash_lines(&t, 1)) else {
                return Ok(None);
            };
            let line = t.split('\n').nth(i).unwrap_or_default().to_string();
            let f = put(
                &dir,
                "consistency-flip.txt",
                &replace_line(&t, i, &flip(&line, rng)),
            )?;
            Ok(Some(Case {
                name: format!("a changed hash on line {} of the consistency proof", i + 1),
                must_pass: &[],
                refuse: Some((
                    "consistency.proof",
                    &["consistency-root-mismatch", "consistency-path-length"],
                )),
                rust: rust(
                    &cwd,
                    &["ledger", "verify-proof", s(&f), "--older", s(&m.older)],
                    keys,
                ),
                args: with_keys(os(&[Path::new("--consistency"), &m.older, &f]), keys),
            }))
        }),
        Box::new(|rng| {
            let t = incl()?;
            let size_line = cp_line(&t, 1).ok_or("no checkpoint in the inclusion proof")?;
            let root_line = size_line + 1;
            let lines: Vec<&str> = t.split('\n').collect();
            let (what, i, new) = if rng.chance(50) {
                let n: u64 = lines
                    .get(size_line)
                    .and_then(|l| l.parse().ok())
                    .ok_or("checkpoint size")?;
                ("size", size_line, (n + 1 + rng.below(3) as u64).to_string())
            } else {
                (
                    "root",
                    root_line,
                    flip(lines.get(root_line).copied().unwrap_or_default(), rng),
                )
            };
            let f = put(&dir, "inclusion-checkpoint.txt", &replace_line(&t, i, &new))?;
            Ok(Some(Case {
                name: format!("the inclusion proof's checkpoint with another {what}"),
                must_pass: &[],
                refuse: Some(("checkpoint.signature", &["note-bad-signature"])),
                rust: rust(&cwd, &["ledger", "verify-proof", s(&f)], keys),
                args: with_keys(os(&[Path::new("--inclusion"), &f]), keys),
            }))
        }),
        Box::new(|rng| {
            // Another county's keys (same log name, other key IDs): its lines
            // are unknown here; or one key of each.
            let (what, ks) = if rng.chance(50) {
                ("another bureau's keys", other.keys.clone())
            } else {
                (
                    "one key of this bureau, one of another",
                    vec![k.keys[0].clone(), other.keys[1].clone()],
                )
            };
            Ok(Some(Case {
                name: format!("the inclusion proof checked with {what}"),
                must_pass: &[],
                refuse: Some((
                    "checkpoint.signature",
                    &["note-no-known-signature", "checkpoint-missing-signature"],
                )),
                rust: rust(&cwd, &["ledger", "verify-proof", s(&m.inclusion)], &ks),
                args: with_keys(os(&[Path::new("--inclusion"), &m.inclusion]), &ks),
            }))
        }),
        Box::new(|_| {
            // The checkpoint cosigned last, offered after a newer one: the
            // newer becomes "older" and the announcement's the new one.
            let body = read(&m.consistency)?;
            let newer = body
                .split_once("\n\n")
                .map(|(_, c)| c.to_string())
                .ok_or("no checkpoint")?;
            let size = newer.split('\n').nth(1).unwrap_or_default().to_string();
            let older = put(&dir, "newest.txt", &newer)?;
            let f = put(
                &dir,
                "rollback.txt",
                &format!("old {size}\n\n{}", read(&m.older)?),
            )?;
            Ok(Some(Case {
                name: "a rolled-back checkpoint (the announcement's after the newest)".into(),
                must_pass: &[],
                refuse: Some((
                    "consistency.size",
                    &["consistency-old-larger", "consistency-old-size"],
                )),
                rust: rust(
                    &cwd,
                    &["ledger", "verify-proof", s(&f), "--older", s(&older)],
                    keys,
                ),
                args: with_keys(os(&[Path::new("--consistency"), &older, &f]), keys),
            }))
        }),
        Box::new(|_| {
            let f = dir.join("other-inclusion.txt");
            let by: Vec<&str> = match earlier {
                Some(e) => vec!["--campaign", e.id.as_str()],
                None => vec!["--seq", "1"],
            };
            let mut a = vec!["ledger", "prove-inclusion"];
            a.extend(by.iter());
            a.extend(["--out", s(&f)]);
            dd(&k.ws, &a)?;
            Ok(Some(Case {
                name: format!(
                    "proof.json with the inclusion proof of {}",
                    earlier.map_or("ledger entry 1".to_string(), |e| format!("{}'s draw", e.id))
                ),
                must_pass: &[],
                refuse: Some(("inclusion.draw", &["entry-not-this-draw"])),
                rust: rust(
                    &cwd,
                    &["verify", s(&m.published_proof), "--inclusion", s(&f)],
                    keys,
                ),
                args: with_keys(
                    os(&[&m.published_proof, Path::new("--inclusion"), &f]),
                    keys,
                ),
            }))
        }),
        Box::new(|_| {
            let sub = dir.join("changed");
            let _ = std::fs::create_dir_all(&sub);
            let p = sub.join("proof.json");
            let sig = sub.join("proof.json.sig");
            let mut b = std::fs::read(&m.published_proof).map_err(|e| e.to_string())?;
            b.push(b' ');
            std::fs::write(&p, b).map_err(|e| e.to_string())?;
            std::fs::copy(format!("{}.sig", m.published_proof.display()), &sig)
                .map_err(|e| e.to_string())?;
            Ok(Some(Case {
                name: "proof.json with a byte added, its .sig unchanged".into(),
                must_pass: &[],
                refuse: Some(("file.digest", &["file-mismatch"])),
                rust: rust(&cwd, &["verify", s(&p)], keys),
                args: with_keys(os(&[Path::new("--signature"), &sig]), keys),
            }))
        }),
        Box::new(|_| {
            let Some(e) = earlier else { return Ok(None) };
            let mut a = os(&[&e.proof]);
            a.extend(key_args("--auditor-key", &k.auditor));
            a.extend([
                OsString::from("--attestation"),
                m.attestation.clone().into_os_string(),
            ]);
            Ok(Some(Case {
                name: format!("the attestation shown with {}'s proof", e.id),
                must_pass: &[],
                refuse: Some(("attestation.proof", &["attestation-other-proof"])),
                rust: rust_attestation(&m.attestation, &e.proof, &k.auditor),
                args: a,
            }))
        }),
        Box::new(|rng| {
            let t = read(&m.cosigned_body)?;
            let Some(i) = t
                .split('\n')
                .position(|l| l.starts_with("— jiandu.example.cn/w "))
            else {
                return Err("no cosignature line in the cosigned checkpoint".into());
            };
            let line = t.split('\n').nth(i).unwrap_or_default();
            let (name, sig) = line.rsplit_once(' ').unwrap_or_default();
            // The key ID (4 bytes) and time (8) stay: the line is still the
            // cosigner's, its signature another.
            let at = 20 + rng.below(sig.len().saturating_sub(28).max(1));
            let mut b: Vec<u8> = sig.bytes().collect();
            let mut c = *rng.pick(B64);
            while b.get(at) == Some(&c) {
                c = *rng.pick(B64);
            }
            if let Some(x) = b.get_mut(at) {
                *x = c;
            }
            let changed = format!("{name} {}", String::from_utf8(b).unwrap_or_default());
            let f = put(&dir, "cosigned-flip.txt", &replace_line(&t, i, &changed))?;
            Ok(Some(Case {
                name: "the cosigned checkpoint with its cosignature changed, under the policy"
                    .into(),
                must_pass: &[],
                refuse: Some((
                    "newer.cosignature",
                    &["note-bad-signature", "quorum-not-met"],
                )),
                rust: rust(
                    &cwd,
                    &[
                        "ledger",
                        "verify-proof",
                        s(&f),
                        "--older",
                        s(&m.older),
                        "--policy",
                        s(&m.policy),
                    ],
                    keys,
                ),
                args: with_keys(
                    os(&[
                        Path::new("--consistency"),
                        &m.older,
                        &f,
                        Path::new("--policy"),
                        &m.policy,
                    ]),
                    keys,
                ),
            }))
        }),
    ];
    let mut out = Vec::new();
    let mut order: Vec<usize> = (0..all.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    order.truncate(n.min(order.len()));
    order.sort_unstable_by(|a, b| b.cmp(a));
    for i in order {
        let mk = all.swap_remove(i);
        match mk(rng) {
            Ok(Some(c)) => out.push(c),
            Ok(None) => {}
            Err(e) => out.push(Case {
                name: format!("tamper {i}"),
                refuse: None,
                must_pass: &[],
                rust: Err(format!("could not be made: {e}")),
                args: Vec::new(),
            }),
        }
    }
    out
}

fn rng_pick<'a, T>(rng: &mut Rng, v: &'a [T]) -> Option<&'a T> {
    if v.is_empty() {
        None
    } else {
        Some(rng.pick(v))
    }
}
