use super::*;
use crate::core::registry::vocab::{OfficerStatus, RegionCode};
use proptest::prelude::*;

pub(super) fn officer(i: usize, dept: &str, region: &str, quals: &[&str]) -> Officer {
    Officer {
        id: format!("O{i:03}"),
        name: format!("官{i}"),
        department: dept.into(),
        unit: String::new(),
        region: RegionCode::parse(region).unwrap(),
        qualifications: quals.iter().map(|q| q.to_string()).collect(),
        status: OfficerStatus::Active,
        cert_expiry: NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(),
    }
}

pub(super) fn target(i: usize, region: &str, needs: &[(&str, u64)]) -> TargetNeeds {
    TargetNeeds {
        uscc: format!("T{i:03}"),
        region: region.into(),
        items: vec![],
        needs: needs
            .iter()
            .map(|(d, k)| Need {
                department: d.to_string(),
                demand: *k,
                qualifications: vec![],
            })
            .collect(),
    }
}

pub(super) fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
}

/// Every rule of §6 holds in `teams`.
pub(super) fn check_rules(p: &Problem<'_>, teams: &Teams) {
    let mut load = vec![0u64; p.officers.len()];
    for (t, team) in teams.iter().enumerate() {
        let mut seen = std::collections::HashSet::new();
        for &o in team {
            assert!(seen.insert(o), "officer twice in one team");
            load[o] += 1;
        }
        for need in &p.targets[t].needs {
            let members: Vec<usize> = team
                .iter()
                .copied()
                .filter(|&o| p.officers[o].department == need.department)
                .collect();
            assert_eq!(
                members.len() as u64,
                need.demand,
                "demand of {} in {}",
                p.targets[t].uscc,
                need.department
            );
            for o in members {
                assert!(
                    p.eligible(o, t, need),
                    "{} not eligible for {}",
                    p.officers[o].id,
                    p.targets[t].uscc
                );
            }
        }
    }
    if let Some(c) = p.capacity {
        assert!(load.iter().all(|&l| l <= c), "capacity exceeded");
    }
}

/// Exhaustive search: is there any assignment?
pub(super) fn brute_force(p: &Problem<'_>) -> bool {
    let places: Vec<(usize, usize)> = p
        .targets
        .iter()
        .enumerate()
        .flat_map(|(t, tn)| {
            tn.needs
                .iter()
                .enumerate()
                .flat_map(move |(ni, n)| (0..n.demand).map(move |_| (t, ni)))
        })
        .collect();
    fn go(
        p: &Problem<'_>,
        places: &[(usize, usize)],
        k: usize,
        teams: &mut Vec<Vec<usize>>,
        load: &mut Vec<u64>,
    ) -> bool {
        if k == places.len() {
            return true;
        }
        let (t, ni) = places[k];
        let need = &p.targets[t].needs[ni];
        for o in 0..p.officers.len() {
            if p.officers[o].department != need.department
                || teams[t].contains(&o)
                || !p.eligible(o, t, need)
            {
                continue;
            }
            if load[o] >= p.capacity.unwrap_or(u64::MAX) {
                continue;
            }
            // places of one target and department are filled in increasing officer order
            if k > 0 && places[k - 1] == (t, ni) && teams[t].last().is_some_and(|&l| l > o) {
                continue;
            }
            teams[t].push(o);
            load[o] += 1;
            if go(p, places, k + 1, teams, load) {
                return true;
            }
            teams[t].pop();
            load[o] -= 1;
        }
        false
    }
    go(
        p,
        &places,
        0,
        &mut vec![Vec::new(); p.targets.len()],
        &mut vec![0; p.officers.len()],
    )
}

#[test]
fn augmenting_paths_find_what_greedy_misses() {
    // O0 can serve T0 or T1, O1 only T0. If T0 takes O0 first, T1 is stuck
    // unless the search moves O0 to T1 and gives T0 O1.
    let officers = vec![
        officer(0, "D", "520123", &[]),
        officer(1, "D", "520123", &["x"]),
    ];
    let mut t1 = target(1, "520123", &[("D", 1)]);
    t1.needs[0].qualifications = vec![];
    let mut t0 = target(0, "520123", &[("D", 1)]);
    t0.needs[0].qualifications = vec![];
    let targets = vec![t0, t1];
    let blocked: HashSet<(usize, usize)> = [(1, 1)].into();
    let p = Problem {
        date: date(),
        region: OfficerRegion::Same,
        capacity: Some(1),
        officers: &officers,
        targets: &targets,
        blocked: &blocked,
    };
    for s in 0..20u8 {
        let teams = p.solve(&Hash([s; 32])).unwrap();
        check_rules(&p, &teams);
        assert_eq!(teams[1], vec![0]);
        assert_eq!(teams[0], vec![1]);
    }
}

#[test]
fn infeasibility_names_the_targets_department_and_reasons() {
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
    let e = p.solve(&Hash([0; 32])).unwrap_err();
    assert_eq!(e.0.len(), 1);
    let u = &e.0[0];
    assert_eq!(u.department, "县文旅局");
    assert_eq!(u.targets, vec!["T000"]);
    assert_eq!(u.demand, 2);
    assert_eq!(u.eligible, vec!["O000"]);
    assert_eq!(u.excluded.get(&Exclusion::NotActive), Some(&1));
    assert_eq!(u.excluded.get(&Exclusion::Region), Some(&1));
    let text = e.to_string();
    assert!(
        text.contains("need 2 place(s) of 县文旅局 officers, but only 1 officer(s) are eligible"),
        "{text}"
    );
}

#[test]
fn capacity_shortage_is_reported_as_a_set_of_targets() {
    let officers = vec![
        officer(0, "D", "520123", &[]),
        officer(1, "D", "520123", &[]),
    ];
    let targets: Vec<TargetNeeds> = (0..3).map(|i| target(i, "520123", &[("D", 2)])).collect();
    let blocked = HashSet::new();
    let p = Problem {
        date: date(),
        region: OfficerRegion::Any,
        capacity: Some(2),
        officers: &officers,
        targets: &targets,
        blocked: &blocked,
    };
    let e = p.solve(&Hash([0; 32])).unwrap_err();
    assert_eq!(e.0[0].targets.len(), 3);
    assert_eq!(e.0[0].demand, 6);
    assert!(!brute_force(&p));
}

#[derive(Debug, Clone)]
pub(super) struct Instance {
    pub(super) officers: Vec<(u8, u8, bool)>, // dept, region, active
    pub(super) targets: Vec<(u8, u8, u8)>,    // region, demand D0, demand D1
    pub(super) blocked: Vec<(usize, usize)>,
    pub(super) capacity: Option<u64>,
    pub(super) region: u8,
}

pub(super) fn instance() -> impl Strategy<Value = Instance> {
    (
        prop::collection::vec((0u8..2, 0u8..2, prop::bool::weighted(0.85)), 1..6),
        prop::collection::vec((0u8..2, 0u8..3, 0u8..2), 1..5),
        prop::collection::vec((0usize..6, 0usize..5), 0..4),
        prop::option::of(1u64..3),
        0u8..3,
    )
        .prop_map(|(officers, targets, blocked, capacity, region)| Instance {
            officers,
            targets,
            blocked,
            capacity,
            region,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn feasibility_verdict_equals_brute_force_and_rules_always_hold(inst in instance(), seed in any::<[u8; 32]>()) {
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
        match p.solve(&Hash(seed)) {
            Ok(teams) => { prop_assert!(exists); check_rules(&p, &teams); prop_assert_eq!(p.solve(&Hash(seed)).unwrap(), teams); }
            Err(e) => { prop_assert!(!exists, "solver said infeasible: {}", e); prop_assert!(!e.0.is_empty()); }
        }
    }
}
