//! Known answers for assignment v2 (`docs/SPEC.md` §6.1,
//! `tests/vectors/draw-v2.json`): the campaign key and its hash, the issue-14
//! instance solved at fixed seeds, and a complete v2 draw of the tight
//! registries whose assignment needs the augmenting search, with its proof.
//!
//! Value stability as for `draw-v1.json`: the file was written once with
//! `DUALDRAW_BLESS=1`; a failure means an output §6.1 fixes changed. The Python
//! reference (`tests/vectors/reference_draw.py`) and the page
//! (`web/test/vectors.test.ts`) check every section of this file.

use dualdraw::core::announcement::{History, announce};
use dualdraw::core::assign::{AssignmentVersion, Need, Problem, TargetNeeds};
use dualdraw::core::campaign::{Campaign, OfficerRegion};
use dualdraw::core::draw::{derive_seed, draw};
use dualdraw::core::entropy::Reveal;
use dualdraw::core::merkle::Hash;
use dualdraw::core::proof::{EntropyRecord, make_proof};
use dualdraw::core::record_proof::SnapshotRef;
use dualdraw::core::registry::Officer;
use dualdraw::core::registry::vocab::{OfficerStatus, RegionCode};
use dualdraw::core::sample::PrnKey;
use dualdraw::core::verify::{verify_audit, verify_light};
use dualdraw::{DrawProof, SaltKey, SnapshotRoots};
use serde_json::{Value, json};
use std::collections::HashSet;

mod tight;
use tight::{SECRET_A, regional_campaign, regional_registries, tight_campaign, tight_registries};

const FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/draw-v2.json");

fn v2_toml() -> String {
    tight_campaign()
        .replace("id = \"VECTOR-TIGHT\"", "id = \"VECTOR-TIGHT-V2\"")
        .replace("assignment = \"v1\"", "assignment = \"v2\"")
}

/// The issue-14 instance: T1…T8 need 2 officers of D, O1…O8 (capacity 2),
/// recusals T1×{O5…O8} and T2×{O5, O6}.
fn issue_instance() -> (Vec<Officer>, Vec<TargetNeeds>, HashSet<(usize, usize)>) {
    let officers = (1..=8)
        .map(|k| Officer {
            id: format!("O{k}"),
            name: format!("官{k}"),
            department: "D".into(),
            unit: String::new(),
            region: RegionCode::parse("520123").unwrap(),
            qualifications: vec![],
            status: OfficerStatus::Active,
            cert_expiry: chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(),
        })
        .collect();
    let targets = (1..=8)
        .map(|k| TargetNeeds {
            uscc: format!("T{k}"),
            region: "520123".into(),
            items: vec![],
            needs: vec![Need {
                department: "D".into(),
                demand: 2,
                qualifications: vec![],
            }],
        })
        .collect();
    let blocked = [(4, 0), (5, 0), (6, 0), (7, 0), (4, 1), (5, 1)].into();
    (officers, targets, blocked)
}

fn assignment_vectors() -> Value {
    let (officers, targets, blocked) = issue_instance();
    let p = Problem {
        date: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        region: OfficerRegion::Any,
        capacity: Some(2),
        officers: &officers,
        targets: &targets,
        blocked: &blocked,
    };
    let mut cases = Vec::new();
    let mut searched = 0;
    for i in 0u64..8 {
        let seed = Hash::digest(&i.to_be_bytes());
        let (teams, stats) = p
            .solve_version_with_stats(&seed, AssignmentVersion::V2)
            .unwrap();
        searched += u64::from(stats.augmenting_searches > 0);
        let (v1, _) = p.solve_with_stats(&seed).unwrap();
        let ids = |t: &Vec<Vec<usize>>| -> Vec<Vec<String>> {
            t.iter()
                .map(|team| team.iter().map(|&o| officers[o].id.clone()).collect())
                .collect()
        };
        cases.push(json!({
            "seed": seed,
            "teams_v2": ids(&teams),
            "stats_v2": stats,
            "teams_v1": ids(&v1),
        }));
    }
    assert!(searched > 0, "no case exercises the search");
    json!({
        "instance": "issue 14: targets T1..T8 need 2 officers of department D; officers O1..O8, capacity 2, region rule any, draw date 2026-03-02; blocked T1×{O5,O6,O7,O8}, T2×{O5,O6}; seed i = SHA-256(u64be(i)); teams by target, officers by id",
        "cases": cases,
    })
}

fn build_tight_v2(minute: i64) -> (DrawProof, dualdraw::core::assign::SolveStats) {
    build_v2(&tight_registries(), &v2_toml(), minute)
}

fn build_v2(
    reg: &dualdraw::Registries,
    toml: &str,
    minute: i64,
) -> (DrawProof, dualdraw::core::assign::SolveStats) {
    let reg = reg.clone();
    let key = SaltKey::from_bytes([0x33; 32]);
    let roots = SnapshotRoots::compute(&reg, &key);
    let sref = SnapshotRef {
        id: 1,
        digest: roots.digest(),
        roots,
    };
    let c = Campaign::from_toml(toml).unwrap();
    assert_eq!(c.teams.assignment, AssignmentVersion::V2);
    let t0 = chrono::DateTime::parse_from_rfc3339("2026-03-01T01:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc)
        + chrono::Duration::minutes(minute);
    let (a, _) = announce(&reg, sref, c, History::default(), None, Hash([0; 32]), t0).unwrap();
    let r = Reveal {
        name: "甲".into(),
        secret: SECRET_A.into(),
        revealed_at: t0 + chrono::Duration::hours(1),
    };
    let (seed, used, missing) = derive_seed(&a, &[r], None).unwrap();
    let out = draw(&reg, &a, &seed, &PrnKey::plain(seed)).unwrap();
    let blocked: HashSet<(usize, usize)> = out.blocked.iter().map(|&(o, p, _)| (o, p)).collect();
    let problem = Problem {
        date: a.campaign.draw_date,
        region: a.campaign.teams.officer_region,
        capacity: a.campaign.teams.max_targets_per_officer,
        officers: &reg.officers,
        targets: &out.needs,
        blocked: &blocked,
    };
    let (teams, stats) = problem
        .solve_version_with_stats(&seed, AssignmentVersion::V2)
        .unwrap();
    assert_eq!(teams, out.teams);
    let proof = make_proof(
        &reg,
        &key,
        &a,
        EntropyRecord {
            reveals: used,
            missing,
            beacon: None,
        },
        &out,
        &[],
    );
    verify_audit(&proof, &reg, &key).unwrap();
    (proof, stats)
}

/// The first announcement minute whose v2 draw needs the augmenting search
/// and makes rotations (found by `find_tight_v2_minute`).
const TIGHT_V2_MINUTE: i64 = 6;

#[test]
#[ignore = "search helper: prints the first minute whose v2 draw exercises the search"]
fn find_tight_v2_minute() {
    for m in 0..500 {
        let (_, s) = build_tight_v2(m);
        if s.augmenting_searches > 0 && s.rotations_made > 0 {
            println!("minute {m}: {s:?}");
            return;
        }
    }
    panic!("no minute found");
}

/// The first announcement minute whose regional v2 draw needs the search
/// and makes rotations in both counties' blocks (`find_regions_v2_minute`).
const REGIONS_V2_MINUTE: i64 = 0;

#[test]
#[ignore = "search helper: prints minutes whose regional v2 draw exercises the search"]
fn find_regions_v2_minute() {
    for m in 0..500 {
        let (p, s) = build_v2(&regional_registries(), &regional_campaign(), m);
        let regions: HashSet<_> = p.targets.iter().map(|t| t.entity.region.clone()).collect();
        if s.augmenting_searches > 0 && s.rotations_made > 0 && regions.len() == 2 {
            println!("minute {m}: {s:?}");
            return;
        }
    }
    panic!("no minute found");
}

#[test]
fn v2_vectors_are_stable_and_the_v2_proof_verifies() {
    let v1 = Campaign::from_toml(&tight_campaign()).unwrap();
    let c = Campaign::from_toml(&v2_toml()).unwrap();
    let mut same = c.clone();
    same.teams.assignment = AssignmentVersion::V1;
    // Absent = v1: dropping the key gives the v1 encoding exactly.
    assert!(c.canonical().starts_with(&same.canonical()));
    let (proof, stats) = build_tight_v2(TIGHT_V2_MINUTE);
    assert!(
        stats.augmenting_searches > 0 && stats.rotations_made > 0,
        "{stats:?}"
    );
    let a = &proof.announcement;
    let v = json!({
        "format": "dualdraw-draw-vectors-v2",
        "campaign": {
            "toml": v2_toml(),
            "canonical": hex::encode(c.canonical()),
            "hash": c.hash(),
            "hash_without_key": same.hash(),
            "v1_tight_hash": v1.hash(),
        },
        "assignment": assignment_vectors(),
        "draw_tight_v2": {
            "campaign_toml": v2_toml(),
            "campaign_hash": a.campaign_hash,
            "announcement_hash": a.hash,
            "seed": proof.seed,
            "stats": stats,
            "targets": proof.targets.iter().map(|t| t.entity.uscc.clone()).collect::<Vec<_>>(),
            "teams": proof.teams,
            "proof": proof,
        },
        "draw_regions_v2": regions_section(),
    });
    if std::env::var_os("DUALDRAW_BLESS").is_some() && std::fs::read_to_string(FILE).is_err() {
        std::fs::write(FILE, serde_json::to_string_pretty(&v).unwrap() + "\n").unwrap();
        return;
    }
    let stored: Value =
        serde_json::from_str(&std::fs::read_to_string(FILE).expect("vector file")).unwrap();
    assert_eq!(stored, v);
    let p: DrawProof = serde_json::from_value(stored["draw_tight_v2"]["proof"].clone()).unwrap();
    assert_eq!(
        p.announcement.campaign.teams.assignment,
        AssignmentVersion::V2
    );
    verify_light(&p).unwrap();
    let r: DrawProof = serde_json::from_value(stored["draw_regions_v2"]["proof"].clone()).unwrap();
    verify_light(&r).unwrap();
    // The proof's campaign says v2: a verifier that re-ran v1 would disagree.
    let mut as_v1 = p.clone();
    as_v1.announcement.campaign.teams.assignment = AssignmentVersion::V1;
    assert!(verify_light(&as_v1).is_err());
}

/// A complete v2 draw with `officer_region = "same"`: two counties, two
/// departments with qualifications, capacity 3, recusals; the search runs
/// and the chain rotates within each county's block.
fn regions_section() -> Value {
    let (proof, stats) = build_v2(
        &regional_registries(),
        &regional_campaign(),
        REGIONS_V2_MINUTE,
    );
    assert!(
        stats.augmenting_searches > 0 && stats.rotations_made > 0,
        "{stats:?}"
    );
    let a = &proof.announcement;
    json!({
        "campaign_toml": regional_campaign(),
        "campaign_hash": a.campaign_hash,
        "announcement_hash": a.hash,
        "seed": proof.seed,
        "stats": stats,
        "targets": proof.targets.iter().map(|t| t.entity.uscc.clone()).collect::<Vec<_>>(),
        "teams": proof.teams,
        "proof": proof,
    })
}
