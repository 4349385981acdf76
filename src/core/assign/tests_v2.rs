//! Assignment v2 (§6.1): completeness, explanations, determinism, and
//! invariance under renaming measured on a fixed set of seeds.

use super::tests::{Instance, brute_force, check_rules, date, instance, officer, target};
use super::*;
use crate::core::registry::vocab::OfficerStatus;
use proptest::prelude::*;

const V2: AssignmentVersion = AssignmentVersion::V2;

/// The instance of issue 14: 8 targets needing 2 officers of one department,
/// 8 officers of capacity 2, recusals T1×{O5..O8} and T2×{O5, O6}. With
/// `reversed`, officer `k` is named `O(7 − k)` (officers stay sorted by id).
fn issue_instance(reversed: bool) -> (Vec<Officer>, Vec<TargetNeeds>, HashSet<(usize, usize)>) {
    let mut officers: Vec<Officer> = (0..8).map(|i| officer(i, "D", "520123", &[])).collect();
    // `name` keeps the identity: "k" for the officer with constraints of O(k+1).
    for (k, o) in officers.iter_mut().enumerate() {
        o.name = format!("{k}");
        if reversed {
            o.id = format!("O{:03}", 7 - k);
        }
    }
    officers.sort_by(|a, b| a.id.cmp(&b.id));
    let index = |k: usize| -> usize {
        officers
            .iter()
            .position(|o| o.name == format!("{k}"))
            .unwrap()
    };
    let targets: Vec<TargetNeeds> = (0..8).map(|i| target(i, "520123", &[("D", 2)])).collect();
    let mut blocked = HashSet::new();
    for k in 4..8 {
        blocked.insert((index(k), 0));
    }
    for k in 4..6 {
        blocked.insert((index(k), 1));
    }
    (officers, targets, blocked)
}

/// How often each of the first four officers (by constraints) is on T1's team.
fn t1_rates(reversed: bool, version: AssignmentVersion, seeds: u64) -> [f64; 4] {
    let (officers, targets, blocked) = issue_instance(reversed);
    let p = Problem {
        date: date(),
        region: OfficerRegion::Any,
        capacity: Some(2),
        officers: &officers,
        targets: &targets,
        blocked: &blocked,
    };
    let mut counts = [0u64; 4];
    for i in 0..seeds {
        let teams = p
            .solve_version(&Hash::digest(&i.to_be_bytes()), version)
            .unwrap();
        check_rules(&p, &teams);
        for &o in &teams[0] {
            let k: usize = officers[o].name.parse().unwrap();
            counts[k] += 1;
        }
    }
    counts.map(|c| c as f64 / seeds as f64)
}

#[test]
fn v2_on_the_issue_instance_gives_o1_to_o4_equal_chances_by_name_and_renamed() {
    // Symmetry demands 1/2 for each; 4,000 fixed seeds: standard error 0.0079,
    // the bound is 4.5 standard errors. v1 fails the same bound on O1 (its
    // search walks officers in id order), which is why v2 exists.
    let n = 4000;
    let bound = 4.5 * (0.25f64 / n as f64).sqrt();
    for reversed in [false, true] {
        let r = t1_rates(reversed, V2, n);
        for (k, x) in r.iter().enumerate() {
            assert!(
                (x - 0.5).abs() < bound,
                "v2, reversed {reversed}: O{} on T1 at {x:.4}",
                k + 1
            );
        }
    }
    let v1 = t1_rates(false, AssignmentVersion::V1, n);
    assert!(v1[0] - 0.5 > bound, "v1 bias on O1 gone? {v1:?}");
}

#[test]
fn v2_is_deterministic_and_keeps_every_rule_on_the_tight_instance() {
    let (officers, targets, blocked) = issue_instance(false);
    let p = Problem {
        date: date(),
        region: OfficerRegion::Any,
        capacity: Some(2),
        officers: &officers,
        targets: &targets,
        blocked: &blocked,
    };
    let mut searched = 0;
    for s in 0..200u8 {
        let (teams, st) = p.solve_version_with_stats(&Hash([s; 32]), V2).unwrap();
        check_rules(&p, &teams);
        assert_eq!(p.solve_version(&Hash([s; 32]), V2).unwrap(), teams);
        assert_eq!(st.places, 16);
        assert_eq!(st.rotation_steps, rotation_steps(16));
        searched += u64::from(st.augmenting_searches > 0);
    }
    // The instance is tight: the search runs on a fair share of the seeds.
    assert!(searched > 10, "{searched}");
}

#[test]
fn v2_explains_infeasibility_exactly_as_v1() {
    // Each place alone (region, status) and a capacity shortage (Hall's
    // condition over three targets): the explanation does not depend on the
    // version or the seed.
    let mut officers = vec![
        officer(0, "县文旅局", "520123", &["文化市场"]),
        officer(1, "县文旅局", "520123", &[]),
    ];
    officers[1].status = OfficerStatus::Retired;
    officers.push(officer(2, "县文旅局", "520124", &["文化市场"]));
    let mut t = target(0, "520123", &[("县文旅局", 2)]);
    t.needs[0].qualifications = vec!["文化市场".into()];
    let targets = vec![t];
    let blocked = HashSet::new();
    let p = Problem {
        date: date(),
        region: OfficerRegion::Same,
        capacity: None,
        officers: &officers,
        targets: &targets,
        blocked: &blocked,
    };
    let seed = Hash([5; 32]);
    assert_eq!(
        p.solve_version(&seed, V2).unwrap_err(),
        p.solve(&seed).unwrap_err()
    );
    let officers: Vec<Officer> = (0..2).map(|i| officer(i, "D", "520123", &[])).collect();
    let targets: Vec<TargetNeeds> = (0..3).map(|i| target(i, "520123", &[("D", 2)])).collect();
    let p = Problem {
        date: date(),
        region: OfficerRegion::Any,
        capacity: Some(2),
        officers: &officers,
        targets: &targets,
        blocked: &blocked,
    };
    for s in 0..20u8 {
        let e2 = p.solve_version(&Hash([s; 32]), V2).unwrap_err();
        assert_eq!(e2, p.solve(&Hash([s; 32])).unwrap_err());
        assert_eq!(e2.0[0].targets.len(), 3);
        assert_eq!(e2.0[0].demand, 6);
    }
}

#[test]
fn rotation_steps_follow_the_formula() {
    assert_eq!(rotation_steps(0), 0);
    assert_eq!(rotation_steps(1), 0);
    assert_eq!(rotation_steps(2), 2 * 2);
    assert_eq!(rotation_steps(16), 16 * 5);
    assert_eq!(rotation_steps(100_000), 100_000 * 17);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn v2_feasibility_equals_brute_force_and_rules_always_hold(inst in instance(), seed in any::<[u8; 32]>()) {
        let inst: Instance = inst;
        let regions = ["520123", "520124"];
        let depts = ["D0", "D1"];
        let officers: Vec<Officer> = inst.officers.iter().enumerate().map(|(i, &(d, r, active))| {
            let mut o = officer(i, depts[d as usize], regions[r as usize], &[]);
            if !active { o.status = OfficerStatus::OnLeave; }
            o
        }).collect();
        let targets: Vec<TargetNeeds> = inst.targets.iter().enumerate().map(|(i, &(r, d0, d1))| {
            let mut needs = vec![];
            if d0 > 0 { needs.push(("D0", d0 as u64)); }
            if d1 > 0 { needs.push(("D1", d1 as u64)); }
            target(i, regions[r as usize], &needs)
        }).collect();
        let blocked: HashSet<(usize, usize)> = inst.blocked.iter().copied().filter(|&(o, t)| o < officers.len() && t < targets.len()).collect();
        let region = [OfficerRegion::Same, OfficerRegion::Other, OfficerRegion::Any][inst.region as usize];
        let p = Problem { date: date(), region, capacity: inst.capacity, officers: &officers, targets: &targets, blocked: &blocked };
        let exists = brute_force(&p);
        // Officer tables made once give the teams (or the refusal) a solve
        // makes with its own; tables of another draw date are not read.
        let tables = OfficerTables::new(&officers, date());
        let other_date = OfficerTables::new(&officers, date() + chrono::Days::new(400));
        for v in [AssignmentVersion::V1, V2] {
            let own = p.solve_version(&Hash(seed), v);
            prop_assert_eq!(&p.solve_version_with_tables(&Hash(seed), v, &tables), &own);
            prop_assert_eq!(&p.solve_version_with_tables(&Hash(seed), v, &other_date), &own);
        }
        match p.solve_version(&Hash(seed), V2) {
            Ok(teams) => {
                prop_assert!(exists);
                check_rules(&p, &teams);
                prop_assert_eq!(p.solve_version(&Hash(seed), V2).unwrap(), teams);
            }
            Err(e) => {
                prop_assert!(!exists, "solver said infeasible: {}", e);
                prop_assert!(p.solve(&Hash(seed)).is_err());
            }
        }
    }
}

#[test]
fn officer_tables_give_the_same_teams_for_targets_in_a_region_no_officer_is_of() {
    let officers: Vec<Officer> = (0..6)
        .map(|i| officer(i, "D", ["520123", "520124"][i % 2], &[]))
        .collect();
    let targets: Vec<TargetNeeds> = (0..6)
        .map(|i| target(i, ["520123", "520124", "520125"][i % 3], &[("D", 1)]))
        .collect();
    let blocked = HashSet::new();
    let tables = OfficerTables::new(&officers, date());
    for region in [
        OfficerRegion::Any,
        OfficerRegion::Same,
        OfficerRegion::Other,
    ] {
        let p = Problem {
            date: date(),
            region,
            capacity: Some(2),
            officers: &officers,
            targets: &targets,
            blocked: &blocked,
        };
        for s in 0..20u8 {
            for v in [AssignmentVersion::V1, V2] {
                let own = p.solve_version(&Hash([s; 32]), v);
                assert_eq!(p.solve_version_with_tables(&Hash([s; 32]), v, &tables), own);
                // "same" cannot staff the targets of 520125; the others can.
                assert_eq!(own.is_ok(), region != OfficerRegion::Same, "{region:?}");
            }
        }
    }
}
