//! The tamper corpus: each entry names a manipulation, the lowest level that
//! must catch it and the check(s) that may name it (`docs/SPEC.md` §9).
//! Every implementation runs every entry at the levels it has: below the
//! entry's level the verdict must be `consistent` with the check among
//! `not_checked` (never `valid`); at its level `invalid` with the check in
//! `failed`; above it `invalid`. "Smart" entries recompute PRNs, inclusion
//! paths, items, teams and hashes (`smart.rs`) so that only the real rule is
//! broken. Benign entries (other encodings of the same proof) must pass.

use crate::county::{Drawn, Rng};
use crate::smart;
use crate::verifiers::{Impl, Level, first_error, ids, run};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

pub struct Entry {
    pub name: String,
    pub level: Level,
    pub checks: Vec<&'static str>,
    pub smart: bool,
    pub benign: bool,
    /// The file's bytes (most entries: the tampered proof as JSON).
    pub bytes: Vec<u8>,
    pub base: usize,
}

#[derive(Default)]
pub struct Corpus {
    pub entries: usize,
    pub smart: usize,
    pub benign: usize,
    pub checks: usize,
    pub failures: Vec<String>,
    pub audit_only: Vec<String>,
}

/// One of the corpus's base draws.
pub struct Base {
    pub drawn: Drawn,
    pub proof: Value,
}

fn flip(h: &str) -> String {
    let mut c: Vec<char> = h.chars().collect();
    if let Some(x) = c.first_mut() {
        *x = if *x == '0' { '1' } else { '0' };
    }
    c.into_iter().collect()
}

fn entry(name: &str, level: Level, checks: &[&'static str], base: usize, v: &Value) -> Entry {
    Entry {
        name: name.into(),
        level,
        checks: checks.to_vec(),
        smart: false,
        benign: false,
        bytes: serde_json::to_vec_pretty(v).unwrap_or_default(),
        base,
    }
}

type Edit = fn(&mut Value) -> Option<()>;

/// Simple edits of one field (light level unless said).
fn simple(bases: &[Base]) -> Vec<Entry> {
    use Level::*;
    let table: Vec<(&str, Level, &[&'static str], usize, Edit)> = vec![
        ("format tag", Light, &["format"], 0, |p| {
            p["format"] = json!("dualdraw-draw-proof-v0");
            Some(())
        }),
        ("campaign title", Light, &["campaign"], 0, |p| {
            p["announcement"]["campaign"]["title"] = json!("改过的标题");
            Some(())
        }),
        ("campaign draw date", Light, &["campaign"], 0, |p| {
            p["announcement"]["campaign"]["draw_date"] = json!("2026-01-05");
            Some(())
        }),
        (
            "campaign item removed",
            Light,
            &["campaign", "targets"],
            0,
            |p| {
                p["announcement"]["campaign"]["items"].as_array_mut()?.pop();
                Some(())
            },
        ),
        ("campaign stratum ratio", Light, &["campaign"], 0, |p| {
            p["announcement"]["campaign"]["targets"]["strata"][0]["rule"] =
                json!({"ratio": "1/100"});
            Some(())
        }),
        ("campaign team size", Light, &["campaign"], 0, |p| {
            p["announcement"]["campaign"]["teams"]["min_size"] = json!(3);
            Some(())
        }),
        ("witness commitment", Light, &["campaign"], 0, |p| {
            let c = &mut p["announcement"]["campaign"]["entropy"]["witnesses"][0]["commitment"];
            *c = json!(flip(c.as_str()?));
            Some(())
        }),
        ("campaign hash", Light, &["campaign"], 0, |p| {
            let c = &mut p["announcement"]["campaign_hash"];
            *c = json!(flip(c.as_str()?));
            Some(())
        }),
        ("snapshot digest", Light, &["announcement"], 0, |p| {
            let c = &mut p["announcement"]["snapshot"]["digest"];
            *c = json!(flip(c.as_str()?));
            Some(())
        }),
        (
            "entities root",
            Light,
            &["announcement", "inclusion"],
            0,
            |p| {
                let c = &mut p["announcement"]["snapshot"]["roots"]["entities"]["hash"];
                *c = json!(flip(c.as_str()?));
                Some(())
            },
        ),
        (
            "entities count",
            Light,
            &["announcement", "inclusion"],
            0,
            |p| {
                let c = &mut p["announcement"]["snapshot"]["roots"]["entities"]["size"];
                *c = json!(c.as_u64()? + 1);
                Some(())
            },
        ),
        ("exclusion entry added", Light, &["announcement"], 0, |p| {
            p["announcement"]["exclusion"]
                .as_array_mut()?
                .push(json!("91520123ZZZZZZZZZZ"));
            Some(())
        }),
        ("exclusion root", Light, &["announcement"], 0, |p| {
            let c = &mut p["announcement"]["exclusion_root"];
            *c = json!(flip(c.as_str()?));
            Some(())
        }),
        ("officer history root", Light, &["announcement"], 0, |p| {
            let c = &mut p["announcement"]["officer_history_root"];
            *c = json!(flip(c.as_str()?));
            Some(())
        }),
        ("drawn-this-year root", Light, &["announcement"], 0, |p| {
            let c = &mut p["announcement"]["drawn_this_year_root"];
            *c = json!(flip(c.as_str()?));
            Some(())
        }),
        ("ledger head", Light, &["announcement"], 0, |p| {
            let c = &mut p["announcement"]["ledger_head"];
            *c = json!(flip(c.as_str()?));
            Some(())
        }),
        (
            "announced one day later",
            Light,
            &["announcement"],
            0,
            |p| {
                let t = p["announcement"]["announced_at"].as_str()?.to_string();
                let d = chrono::DateTime::parse_from_rfc3339(&t).ok()? + chrono::Duration::days(1);
                p["announcement"]["announced_at"] =
                    json!(d.format("%Y-%m-%dT%H:%M:%SZ").to_string());
                Some(())
            },
        ),
        (
            "announced_at not an instant",
            Light,
            &["announcement", "format"],
            0,
            |p| {
                p["announcement"]["announced_at"] = json!("2026-12-04 10:00:00");
                Some(())
            },
        ),
        ("announcement hash", Light, &["announcement"], 0, |p| {
            let c = &mut p["announcement"]["hash"];
            *c = json!(flip(c.as_str()?));
            Some(())
        }),
        (
            "coordination added",
            Light,
            &["coordination", "announcement"],
            0,
            |p| {
                p["announcement"]["coordination"] =
                    json!({"group": "G", "members": [], "hash": "00".repeat(32)});
                Some(())
            },
        ),
        ("reveal secret", Light, &["witnesses"], 0, |p| {
            let c = &mut p["entropy"]["reveals"][0]["secret"];
            *c = json!(flip(c.as_str()?));
            Some(())
        }),
        ("reveal name", Light, &["witnesses"], 0, |p| {
            p["entropy"]["reveals"][0]["name"] = json!("冒名者");
            Some(())
        }),
        (
            "reveal before the announcement",
            Light,
            &["witnesses"],
            0,
            |p| {
                p["entropy"]["reveals"][0]["revealed_at"] = json!("2020-01-01T00:00:00Z");
                Some(())
            },
        ),
        ("reveal removed", Light, &["witnesses", "seed"], 0, |p| {
            p["entropy"]["reveals"].as_array_mut()?.pop();
            Some(())
        }),
        ("witness listed missing", Light, &["witnesses"], 0, |p| {
            p["entropy"]["missing"] = json!(["义务监督员甲"]);
            Some(())
        }),
        ("beacon added", Light, &["beacon"], 0, |p| {
            p["entropy"]["beacon"] = json!({"scheme": "lottery", "round": "x", "evidence": "1/", "round_time": null, "value": "00".repeat(32)});
            Some(())
        }),
        ("seed", Light, &["seed"], 0, |p| {
            let c = &mut p["seed"];
            *c = json!(flip(c.as_str()?));
            Some(())
        }),
        ("PRN seed", Light, &["seed"], 0, |p| {
            let c = &mut p["prn_seed"];
            *c = json!(flip(c.as_str()?));
            Some(())
        }),
        ("pool size", Light, &["strata"], 0, |p| {
            p["pool_size"] = json!(p["pool_size"].as_u64()? + 1);
            Some(())
        }),
        (
            "left out by class without a class rule",
            Light,
            &["strata"],
            0,
            |p| {
                p["excluded_by_class"] = json!(3);
                Some(())
            },
        ),
        ("stratum pool", Light, &["strata"], 0, |p| {
            let s = &mut p["strata"][0]["pool"];
            *s = json!(s.as_u64()? + 5);
            Some(())
        }),
        ("stratum drawn", Light, &["strata"], 0, |p| {
            let s = &mut p["strata"][0]["drawn"];
            *s = json!(s.as_u64()? + 1);
            Some(())
        }),
        ("stratum removed", Light, &["strata"], 0, |p| {
            p["strata"].as_array_mut()?.pop();
            Some(())
        }),
        ("threshold commitment", Audit, &["selection"], 0, |p| {
            let c = &mut p["strata"][0]["threshold_commitment"];
            *c = json!(flip(c.as_str()?));
            Some(())
        }),
        ("item renamed", Light, &["registries"], 0, |p| {
            p["items"][0]["name"] = json!("改名事项");
            Some(())
        }),
        ("items out of order", Light, &["registries"], 0, |p| {
            p["items"].as_array_mut()?.reverse();
            Some(())
        }),
        ("officer's department", Light, &["registries"], 0, |p| {
            p["officers"][0]["department"] = json!("县某局");
            Some(())
        }),
        ("officer removed", Light, &["registries"], 0, |p| {
            p["officers"].as_array_mut()?.pop();
            Some(())
        }),
        ("target PRN", Light, &["prn"], 0, |p| {
            let c = &mut p["targets"][0]["prn"];
            *c = json!(flip(c.as_str()?));
            Some(())
        }),
        ("target leaf index", Light, &["inclusion"], 0, |p| {
            let c = &mut p["targets"][0]["index"];
            *c = json!(c.as_u64()? + 1);
            Some(())
        }),
        ("target path node", Light, &["inclusion"], 0, |p| {
            let c = &mut p["targets"][0]["path"][0];
            *c = json!(flip(c.as_str()?));
            Some(())
        }),
        ("target path cut", Light, &["inclusion"], 0, |p| {
            p["targets"][0]["path"].as_array_mut()?.pop();
            Some(())
        }),
        ("target name", Light, &["inclusion"], 0, |p| {
            p["targets"][0]["entity"]["name"] = json!("改名企业");
            Some(())
        }),
        ("target items", Light, &["targets"], 0, |p| {
            p["targets"][0]["items"] = json!([]);
            Some(())
        }),
        ("target departments", Light, &["targets"], 0, |p| {
            p["targets"].as_array()?.first()?;
            p["targets"][0]["departments"] = json!(["县某局"]);
            Some(())
        }),
        ("target duplicated", Light, &["targets", "strata"], 0, |p| {
            let t = p["targets"][0].clone();
            p["targets"].as_array_mut()?.insert(0, t);
            Some(())
        }),
        ("targets reversed", Light, &["targets"], 0, |p| {
            p["targets"].as_array_mut()?.reverse();
            Some(())
        }),
        ("target removed", Light, &["strata", "teams"], 0, |p| {
            p["targets"].as_array_mut()?.pop();
            Some(())
        }),
        ("team order swapped", Light, &["teams"], 0, |p| {
            p["teams"].as_array()?.first()?;
            p["teams"][0]["officers"].as_array_mut()?.reverse();
            Some(())
        }),
        ("team officer replaced", Light, &["teams"], 0, |p| {
            p["teams"].as_array()?.first()?;
            let o = p["officers"][p["officers"].as_array()?.len() - 1]["id"].clone();
            p["teams"][0]["officers"][0] = o;
            Some(())
        }),
        ("team removed", Light, &["teams"], 0, |p| {
            p["teams"].as_array_mut()?.pop();
            Some(())
        }),
        ("teams reordered", Light, &["teams"], 0, |p| {
            p["teams"].as_array_mut()?.reverse();
            Some(())
        }),
        (
            "blocked pair salt",
            Light,
            &["inclusion", "blocked_pairs"],
            0,
            |p| {
                p["blocked_pairs"].as_array()?.first()?;
                let c = &mut p["blocked_pairs"][0]["pair_salt"];
                *c = json!(flip(c.as_str()?));
                Some(())
            },
        ),
        (
            "blocked pair index",
            Light,
            &["inclusion", "blocked_pairs"],
            0,
            |p| {
                p["blocked_pairs"].as_array()?.first()?;
                let c = &mut p["blocked_pairs"][0]["index"];
                *c = json!(c.as_u64()? + 1);
                Some(())
            },
        ),
        (
            "blocked pair officer",
            Light,
            &["inclusion", "blocked_pairs"],
            0,
            |p| {
                p["blocked_pairs"].as_array()?.first()?;
                p["blocked_pairs"][0]["officer"] = json!("999999999999");
                Some(())
            },
        ),
        (
            "blocked pair duplicated",
            Light,
            &["blocked_pairs"],
            0,
            |p| {
                p["blocked_pairs"].as_array()?.first()?;
                let b = p["blocked_pairs"][0].clone();
                p["blocked_pairs"].as_array_mut()?.push(b);
                Some(())
            },
        ),
        (
            "group announcements for an ungrouped campaign",
            Light,
            &["coordination", "seed", "format"],
            0,
            |p| {
                p["group_announcements"] = json!(["00".repeat(32)]);
                Some(())
            },
        ),
        (
            "pool size as text",
            Light,
            &["format", "json", "strata"],
            0,
            |p| {
                p["pool_size"] = json!("12");
                Some(())
            },
        ),
        // The drand base (index 1).
        ("beacon round time", Light, &["beacon"], 1, |p| {
            p["entropy"]["beacon"]["round_time"] = json!("2023-09-15T11:00:06Z");
            Some(())
        }),
        ("beacon signature", Light, &["beacon"], 1, |p| {
            let c = &mut p["entropy"]["beacon"]["evidence"];
            *c = json!(flip(c.as_str()?));
            Some(())
        }),
        ("beacon value", Light, &["beacon"], 1, |p| {
            let c = &mut p["entropy"]["beacon"]["value"];
            *c = json!(flip(c.as_str()?));
            Some(())
        }),
        (
            "reveal after the beacon round",
            Light,
            &["witnesses", "beacon"],
            1,
            |p| {
                p["entropy"]["reveals"][0]["revealed_at"] = json!("2023-09-15T11:30:00Z");
                Some(())
            },
        ),
        // The coordinated base (index 2).
        ("group member hash", Light, &["coordination"], 2, |p| {
            p["announcement"]["coordination"]["members"]
                .as_array()?
                .first()?;
            let c = &mut p["announcement"]["coordination"]["members"][0];
            *c = json!(flip(c.as_str()?));
            Some(())
        }),
        (
            "group announcements swapped",
            Light,
            &["coordination", "seed"],
            2,
            |p| {
                p["group_announcements"].as_array()?.first()?;
                p["group_announcements"].as_array_mut()?.reverse();
                Some(())
            },
        ),
        // The lottery base (index 3).
        ("lottery result", Light, &["beacon"], 3, |p| {
            p["entropy"]["beacon"]["evidence"] = json!("4.7.9/9/");
            Some(())
        }),
    ];
    let mut out = Vec::new();
    for (name, level, checks, b, f) in table {
        let Some(base) = bases.get(b) else { continue };
        let mut v = base.proof.clone();
        if f(&mut v).is_some() {
            out.push(entry(name, level, checks, b, &v));
        }
    }
    out
}

/// Bytes that are not a proof (§10).
fn hostile(bases: &[Base]) -> Vec<Entry> {
    let p = serde_json::to_vec(&bases[0].proof).unwrap_or_default();
    let mut bom_inside = b"{\"format\":\"\xEF\xBB\xBF".to_vec();
    bom_inside.extend_from_slice(&p[11..]);
    let mut trailing = p.clone();
    trailing.extend_from_slice(b" {}");
    let raw = |name: &str, bytes: Vec<u8>| Entry {
        name: name.into(),
        level: Level::Light,
        checks: vec!["json"],
        smart: false,
        benign: false,
        bytes,
        base: 0,
    };
    vec![
        raw("nested 100000 deep", "[".repeat(100_000).into_bytes()),
        raw(
            "nested 65 deep",
            format!("{}{}", "[".repeat(65), "]".repeat(65)).into_bytes(),
        ),
        raw("byte-order mark inside", bom_inside),
        raw(
            "two byte-order marks",
            [b"\xEF\xBB\xBF\xEF\xBB\xBF".as_slice(), &p].concat(),
        ),
        raw(
            "not UTF-8",
            [b"{\"format\":\"\xFF\"".as_slice(), &p[1..]].concat(),
        ),
        raw("truncated", p[..p.len() / 2].to_vec()),
        raw("trailing value", trailing),
    ]
}

/// The same proof written differently: every implementation must pass it.
fn benign(bases: &[Base]) -> Vec<Entry> {
    let p = &bases[0].proof;
    let mut out = Vec::new();
    let mut add = |name: &str, bytes: Vec<u8>| {
        out.push(Entry {
            name: name.into(),
            level: Level::Light,
            checks: vec![],
            smart: false,
            benign: true,
            bytes,
            base: 0,
        })
    };
    add(
        "a byte-order mark first",
        [
            b"\xEF\xBB\xBF".as_slice(),
            &serde_json::to_vec(p).unwrap_or_default(),
        ]
        .concat(),
    );
    let mut v = p.clone();
    if let Some(t) = v["announcement"]["announced_at"].as_str() {
        v["announcement"]["announced_at"] = json!(t.replace('Z', ".999999999Z"));
    }
    add(
        "announced_at with nanoseconds (files before 2026-12-04)",
        serde_json::to_vec(&v).unwrap_or_default(),
    );
    let mut v = p.clone();
    for r in v["entropy"]["reveals"].as_array_mut().into_iter().flatten() {
        if let Some(t) = r["revealed_at"].as_str()
            && let Ok(d) = chrono::DateTime::parse_from_rfc3339(t)
        {
            let bj = d.with_timezone(
                &chrono::FixedOffset::east_opt(8 * 3600)
                    .unwrap_or(chrono::FixedOffset::east_opt(0).unwrap()),
            );
            r["revealed_at"] = json!(bj.format("%Y-%m-%dT%H:%M:%S+08:00").to_string());
        }
    }
    add(
        "reveal times with a +08:00 offset",
        serde_json::to_vec(&v).unwrap_or_default(),
    );
    add("compact JSON", serde_json::to_vec(p).unwrap_or_default());
    add(
        "pretty JSON",
        serde_json::to_vec_pretty(p).unwrap_or_default(),
    );
    out
}

/// Judges one implementation's verdict on one entry at one level.
fn judge(e: &Entry, imp: Impl, level: Level, v: &Value) -> Result<(), String> {
    let failed = ids(v, "failed");
    let not_checked = ids(v, "not_checked");
    let named = |list: &[String]| e.checks.iter().any(|c| list.iter().any(|x| x == c));
    let verdict = v["verdict"].as_str().unwrap_or("");
    let say = || {
        format!(
            "{} {}: ok={} verdict={verdict} failed={failed:?} {}",
            imp.name(),
            level.name(),
            v["ok"],
            first_error(v)
        )
    };
    if e.benign {
        return if v["ok"] == true && verdict != "invalid" {
            Ok(())
        } else {
            Err(say())
        };
    }
    if level < e.level {
        if v["ok"] == true && verdict == "consistent" && named(&not_checked) {
            Ok(())
        } else {
            Err(format!(
                "below its level must be consistent with {:?} not checked: {}",
                e.checks,
                say()
            ))
        }
    } else if level == e.level {
        if v["ok"] == false && verdict == "invalid" && named(&failed) {
            Ok(())
        } else {
            Err(format!("must fail at {:?}: {}", e.checks, say()))
        }
    } else if v["ok"] == false {
        Ok(())
    } else {
        Err(format!("above its level must fail: {}", say()))
    }
}

/// The levels an entry is run at: up to its own and one above (all for benign ones).
fn levels_for(e: &Entry, imp: Impl) -> Vec<Level> {
    imp.levels()
        .iter()
        .copied()
        .filter(|&l| e.benign || l <= e.level || (e.level == Level::Light && l == Level::Public))
        .collect()
}

pub fn run_corpus(root: &Path, _drawn: &[Drawn], imps: &[Impl], rng: &mut Rng) -> Corpus {
    let mut c = Corpus::default();
    let bases = match crate::bases::bases(root, rng) {
        Ok(b) => b,
        Err(e) => {
            c.failures.push(format!("corpus bases: {e}"));
            return c;
        }
    };
    let mut entries = simple(&bases);
    entries.extend(hostile(&bases));
    entries.extend(benign(&bases));
    match smart::entries(&bases) {
        Ok(s) => entries.extend(s),
        Err(e) => c.failures.push(format!("smart entries: {e}")),
    }
    let dir = root.join("tampers");
    let _ = std::fs::create_dir_all(&dir);
    for (i, e) in entries.iter().enumerate() {
        c.entries += 1;
        c.smart += usize::from(e.smart);
        c.benign += usize::from(e.benign);
        if e.level == Level::Audit && !e.benign {
            c.audit_only
                .push(format!("{} ({})", e.name, e.checks.join("/")));
        }
        let f: PathBuf = dir.join(format!("t{i:03}.json"));
        if std::fs::write(&f, &e.bytes).is_err() {
            c.failures.push(format!("{}: cannot write", e.name));
            continue;
        }
        let b = &bases[e.base].drawn;
        for &imp in imps {
            for level in levels_for(e, imp) {
                c.checks += 1;
                match run(imp, level, &f, &b.snapshot, &b.ws) {
                    Ok(v) => {
                        if let Err(why) = judge(e, imp, level, &v) {
                            c.failures
                                .push(format!("tamper \"{}\" (t{i:03}): {why}", e.name));
                        }
                    }
                    Err(why) => c.failures.push(format!("tamper \"{}\": {why}", e.name)),
                }
            }
        }
    }
    c
}

/// The drand campaign (pinned clock: the round lies in the past).
pub fn drand_campaign(root: &Path, rng: &mut Rng) -> Result<Drawn, String> {
    crate::bases::drand_campaign(root, 901, rng)
}
