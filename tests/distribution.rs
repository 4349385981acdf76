//! On instances small enough to enumerate the exact distribution, the
//! empirical frequencies over many seeds match it (chi-square). The seeds are
//! fixed (`SHA-256(i)`), so these tests are deterministic, not flaky; the
//! thresholds are the 0.1% critical values.

use dualdraw::core::assign::{Need, Problem, TargetNeeds};
use dualdraw::core::campaign::OfficerRegion;
use dualdraw::core::merkle::Hash;
use dualdraw::core::registry::Officer;
use dualdraw::core::registry::vocab::{OfficerStatus, RegionCode};
use dualdraw::core::sample::prn;
use std::collections::{BTreeMap, HashSet};

fn chi_square(counts: &BTreeMap<String, u64>, cells: usize, total: u64) -> f64 {
    let expected = total as f64 / cells as f64;
    let seen: f64 = counts
        .values()
        .map(|&c| (c as f64 - expected).powi(2) / expected)
        .sum();
    // cells never observed contribute `expected` each
    seen + (cells - counts.len()) as f64 * expected
}

#[test]
fn two_of_five_targets_are_drawn_uniformly() {
    // A stratum of 5 drawing 2 (the n smallest PRNs): each of the 10 pairs has
    // probability 1/10.
    let usccs = [
        "91350200776049653A",
        "913502000728319549",
        "91440101MA5CJQ4N59",
        "91350213678251743X",
        "915201230001B73TEE",
    ];
    let runs = 5000u64;
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for i in 0..runs {
        let seed = Hash::digest(&i.to_be_bytes());
        let mut v: Vec<(Hash, &str)> = usccs.iter().map(|u| (prn(&seed, u), *u)).collect();
        v.sort();
        let mut pair = [v[0].1, v[1].1];
        pair.sort();
        *counts.entry(pair.join("+")).or_default() += 1;
    }
    assert_eq!(counts.len(), 10);
    let x2 = chi_square(&counts, 10, runs);
    assert!(x2 < 27.88, "chi-square {x2:.2} with 9 degrees of freedom");
}

#[test]
fn a_coordinated_start_keeps_two_of_five_uniform_and_spread_starts_rarely_meet() {
    // The same stratum read from start 1/3 (SPEC §5: order by (prn − offset)
    // mod 2^256) is still a uniform 2-of-5 sample; and two campaigns reading
    // the same PRNs from starts 0 and 1/2 share a target less often than two
    // independent samples would (each pair shares ≥ 1 of 2 with probability 7/10).
    use dualdraw::core::campaign::Ratio;
    use dualdraw::core::sample::PrnKey;
    let usccs = [
        "91350200776049653A",
        "913502000728319549",
        "91440101MA5CJQ4N59",
        "91350213678251743X",
        "915201230001B73TEE",
    ];
    let runs = 5000u64;
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    let mut met = 0u64;
    for i in 0..runs {
        let seed = Hash::digest(&i.to_be_bytes());
        let pick = |start: Ratio| {
            let key = PrnKey::new(seed, Some(start));
            let mut v: Vec<(Hash, &str)> = usccs
                .iter()
                .map(|u| (key.order(&prn(&seed, u)), *u))
                .collect();
            v.sort();
            let mut pair = [v[0].1, v[1].1];
            pair.sort();
            pair
        };
        let third = pick(Ratio::new(1, 3).unwrap());
        *counts.entry(third.join("+")).or_default() += 1;
        let (a, b) = (
            pick(Ratio::new(0, 1).unwrap()),
            pick(Ratio::new(1, 2).unwrap()),
        );
        if a.iter().any(|x| b.contains(x)) {
            met += 1;
        }
    }
    assert_eq!(counts.len(), 10);
    let x2 = chi_square(&counts, 10, runs);
    assert!(x2 < 27.88, "chi-square {x2:.2} with 9 degrees of freedom");
    // Independent pairs meet in 70% of runs; spread starts far less often.
    assert!(
        met * 100 < runs * 50,
        "spread samples met in {met} of {runs} runs"
    );
}

fn officer(i: usize) -> Officer {
    Officer {
        id: format!("O{i}"),
        name: format!("官{i}"),
        department: "D".into(),
        unit: String::new(),
        region: RegionCode::parse("520123").unwrap(),
        qualifications: vec![],
        status: OfficerStatus::Active,
        cert_expiry: chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(),
    }
}

#[test]
fn a_team_of_two_from_four_officers_is_uniform_over_pairs() {
    let officers: Vec<Officer> = (0..4).map(officer).collect();
    let targets = vec![TargetNeeds {
        uscc: "T".into(),
        region: "520123".into(),
        items: vec![],
        needs: vec![Need {
            department: "D".into(),
            demand: 2,
            qualifications: vec![],
        }],
    }];
    let blocked = HashSet::new();
    let p = Problem {
        date: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        region: OfficerRegion::Same,
        capacity: None,
        officers: &officers,
        targets: &targets,
        blocked: &blocked,
    };
    let runs = 3000u64;
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for i in 0..runs {
        let teams = p.solve(&Hash::digest(&i.to_le_bytes())).unwrap();
        let ids: Vec<&str> = teams[0].iter().map(|&o| officers[o].id.as_str()).collect();
        *counts.entry(ids.join("+")).or_default() += 1;
    }
    assert_eq!(counts.len(), 6);
    let x2 = chi_square(&counts, 6, runs);
    assert!(x2 < 20.52, "chi-square {x2:.2} with 5 degrees of freedom");
}

#[test]
fn with_a_recusal_the_remaining_officers_share_the_place_uniformly() {
    // One place, three officers, O1 recused: O0 and O2 each with probability 1/2.
    let officers: Vec<Officer> = (0..3).map(officer).collect();
    let targets = vec![TargetNeeds {
        uscc: "T".into(),
        region: "520123".into(),
        items: vec![],
        needs: vec![Need {
            department: "D".into(),
            demand: 1,
            qualifications: vec![],
        }],
    }];
    let blocked: HashSet<(usize, usize)> = [(1, 0)].into();
    let p = Problem {
        date: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        region: OfficerRegion::Any,
        capacity: Some(1),
        officers: &officers,
        targets: &targets,
        blocked: &blocked,
    };
    let runs = 2000u64;
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for i in 0..runs {
        let teams = p.solve(&Hash::digest(&(i + 7).to_be_bytes())).unwrap();
        *counts.entry(officers[teams[0][0]].id.clone()).or_default() += 1;
    }
    assert!(!counts.contains_key("O1"));
    let x2 = chi_square(&counts, 2, runs);
    assert!(x2 < 10.83, "chi-square {x2:.2} with 1 degree of freedom");
}
