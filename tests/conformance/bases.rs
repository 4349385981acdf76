//! The corpus's base draws: a joint campaign with two witnesses and the
//! exclusion rule (and the same campaign redrawn in a copy of the workspace),
//! a coordinated pair, a lottery campaign, and a drand campaign (its clock
//! pinned: the round lies in the past).

use crate::county::{County, Drawn, Rng, dd};
use crate::tampers::Base;
use serde_json::Value;
use std::path::Path;

pub fn read(p: &Path) -> Result<String, String> {
    std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))
}

fn secret(rng: &mut Rng) -> String {
    rng.hex()
}

fn toml(
    id: &str,
    today: chrono::NaiveDate,
    extra_targets: &str,
    entropy: &str,
    tail: &str,
) -> String {
    format!(
        r#"id = "{id}"
title = "篡改样本 {id}"
lead_department = "县市场监管局"
draw_date = "{today}"
items = ["SC-001", "SC-004", "JY-004"]
[targets]
exclude_inspected_within_days = 365
{extra_targets}[[targets.strata]]
credit_class = "A"
ratio = "30%"
[[targets.strata]]
credit_class = "B"
ratio = "30%"
[[targets.strata]]
credit_class = "C"
ratio = "30%"
[[targets.strata]]
credit_class = "D"
ratio = "30%"
[teams]
min_size = 2
per_department = 1
[entropy]
{entropy}{tail}"#
    )
}

fn witnesses(list: &[(&str, &str)]) -> String {
    let w: Vec<String> = list
        .iter()
        .map(|(n, s)| {
            format!(
                "{{ name = \"{n}\", commitment = \"{}\" }}",
                dualdraw::core::entropy::witness_commitment(s)
            )
        })
        .collect();
    format!("witnesses = [{}]\n", w.join(", "))
}

fn drawn(c: &County, id: &str, proof: &Path) -> Result<Drawn, String> {
    let p: Value = serde_json::from_str(&read(proof)?).map_err(|e| e.to_string())?;
    let snap_id = p["announcement"]["snapshot"]["id"].to_string();
    let snapshot = c.public_snapshot(&snap_id)?;
    Ok(Drawn {
        id: id.into(),
        proof: proof.to_path_buf(),
        snapshot,
        ws: c.ws.clone(),
        options: vec!["corpus"],
        replacements: None,
        announced: None,
    })
}

fn announce_reveal_draw(
    c: &County,
    files: &[&Path],
    reveals: &[(&str, &[(&str, &str)])],
    extra: &[&str],
) -> Result<(), String> {
    let mut a = vec!["campaign", "announce"];
    a.extend(files.iter().map(|f| f.to_str().unwrap_or_default()));
    dd(&c.ws, &a)?;
    for (id, ws) in reveals {
        for (n, s) in *ws {
            dd(&c.ws, &["campaign", "reveal", id, &format!("{n}={s}")])?;
        }
        let out = c.dir.join(format!("{id}.json"));
        let mut d = vec![
            "campaign",
            "draw",
            id,
            "--out",
            out.to_str().unwrap_or_default(),
        ];
        d.extend_from_slice(extra);
        dd(&c.ws, &d)?;
    }
    Ok(())
}

/// The four base draws (main, drand, coordinated, lottery) and, kept in the
/// main base's folder, the redrawn proof of the main campaign made in a copy
/// of the workspace.
pub fn bases(root: &Path, rng: &mut Rng) -> Result<Vec<Base>, String> {
    // A fixed county (the corpus must not depend on the run's seed to be drawable).
    let c = County::with_recusals(root, 900, &mut Rng(20_261_204), 400)?;
    let (s1, s2) = (secret(rng), secret(rng));
    // A copy of the workspace before the announcement: the redraw happens there.
    let copy = c.dir.join("ws-copy");
    let _ = std::fs::create_dir_all(&copy);
    std::fs::copy(c.ws.join("dualdraw.db"), copy.join("dualdraw.db")).map_err(|e| e.to_string())?;
    let main = c.dir.join("T-1.toml");
    let w = [("义务监督员甲", s1.as_str()), ("义务监督员乙", s2.as_str())];
    std::fs::write(&main, toml("T-1", c.today, "", &witnesses(&w), ""))
        .map_err(|e| e.to_string())?;
    announce_reveal_draw(&c, &[&main], &[("T-1", &w)], &[])?;
    // The redraw: same campaign file but another witness secret, in the copy.
    let other = secret(rng);
    let w2 = [
        ("义务监督员甲", other.as_str()),
        ("义务监督员乙", s2.as_str()),
    ];
    let redo = c.dir.join("T-1-redo.toml");
    std::fs::write(&redo, toml("T-1", c.today, "", &witnesses(&w2), ""))
        .map_err(|e| e.to_string())?;
    dd(
        &copy,
        &["campaign", "announce", redo.to_str().unwrap_or_default()],
    )?;
    for (n, s) in w2 {
        dd(&copy, &["campaign", "reveal", "T-1", &format!("{n}={s}")])?;
    }
    dd(
        &copy,
        &[
            "campaign",
            "draw",
            "T-1",
            "--out",
            c.dir.join("T-1-redrawn.json").to_str().unwrap_or_default(),
        ],
    )?;
    // Coordinated pair and a lottery campaign in the same county.
    let g = [("义务监督员甲", s1.as_str())];
    let (ga, gb) = (c.dir.join("T-G1.toml"), c.dir.join("T-G2.toml"));
    std::fs::write(
        &ga,
        toml(
            "T-G1",
            c.today,
            "",
            &witnesses(&g),
            "[coordination]\ngroup = \"TG\"\nstart = \"0\"\n",
        ),
    )
    .map_err(|e| e.to_string())?;
    std::fs::write(
        &gb,
        toml(
            "T-G2",
            c.today,
            "",
            &witnesses(&g),
            "[coordination]\ngroup = \"TG\"\nstart = \"1/2\"\n",
        ),
    )
    .map_err(|e| e.to_string())?;
    announce_reveal_draw(&c, &[&ga, &gb], &[("T-G1", &g), ("T-G2", &g)], &[])?;
    let lot = c.dir.join("T-L.toml");
    let deadline = (chrono::Utc::now() + chrono::Duration::hours(1)).format("%Y-%m-%dT%H:%M:%SZ");
    std::fs::write(
        &lot,
        toml("T-L", c.today, "", &format!("{}beacon = {{ scheme = \"lottery\", round = \"福彩3D2026330期\" }}\nreveal_deadline = \"{deadline}\"\n", witnesses(&g)), ""),
    )
    .map_err(|e| e.to_string())?;
    announce_reveal_draw(&c, &[&lot], &[("T-L", &g)], &["--lottery", "3,7,1/9"])?;
    let d = drand_campaign(root, 902, rng)?;
    let mut out = Vec::new();
    for (id, dr) in [
        ("T-1", None),
        ("drand", Some(d)),
        ("T-G1", None),
        ("T-L", None),
    ] {
        let dr = match dr {
            Some(d) => d,
            None => drawn(&c, id, &c.dir.join(format!("{id}.json")))?,
        };
        let proof = serde_json::from_str(&read(&dr.proof)?).map_err(|e| e.to_string())?;
        out.push(Base { drawn: dr, proof });
    }
    Ok(out)
}

/// A campaign committed to drand quicknet round 657413 (SPEC §4 vector):
/// announced and revealed with `--now` before the round, drawn now.
pub fn drand_campaign(root: &Path, idx: usize, rng: &mut Rng) -> Result<Drawn, String> {
    let c = County::new(root, idx, &mut Rng(20_261_205 + idx as u64))?;
    let s = secret(rng);
    let w = [("义务监督员甲", s.as_str())];
    let f = c.dir.join("D-1.toml");
    let text = toml(
        "D-1",
        chrono::NaiveDate::from_ymd_opt(2023, 9, 15).unwrap_or_default(),
        "",
        &format!(
            "{}beacon = {{ scheme = \"drand-quicknet\", round = 657413 }}\n",
            witnesses(&w)
        ),
        "",
    );
    std::fs::write(&f, text).map_err(|e| e.to_string())?;
    dd(
        &c.ws,
        &[
            "campaign",
            "announce",
            f.to_str().unwrap_or_default(),
            "--now",
            "2023-09-15T10:00:00Z",
        ],
    )?;
    dd(
        &c.ws,
        &[
            "campaign",
            "reveal",
            "D-1",
            &format!("义务监督员甲={s}"),
            "--now",
            "2023-09-15T10:30:00Z",
        ],
    )?;
    let round = c.dir.join("round.json");
    std::fs::write(&round, "{\"round\": 657413, \"signature\": \"b713718a38ae728dfd477991af2822e08d2f305e47718cef9f7848ce4050e7be41076862b98fad56e91a6b85b89cd97b\"}").map_err(|e| e.to_string())?;
    let out = c.dir.join("D-1.json");
    dd(
        &c.ws,
        &[
            "campaign",
            "draw",
            "D-1",
            "--beacon",
            round.to_str().unwrap_or_default(),
            "--out",
            out.to_str().unwrap_or_default(),
        ],
    )?;
    let mut d = drawn(&c, "D-1", &out)?;
    d.options = vec!["drand"];
    Ok(d)
}
