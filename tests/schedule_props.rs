//! Properties of the visit scheduler (`docs/SCHEDULE.md`): every schedule
//! keeps every rule; the same inputs give the same dates whatever their
//! order; on small instances the scheduler is exact (a brute-force search
//! agrees whenever it says a schedule does or does not exist); rescheduling
//! moves only what it reports and only what it must.

use chrono::NaiveDate;
use dualdraw::core::entropy::Stream;
use dualdraw::core::merkle::Hash;
use dualdraw::schedule::{
    Change, MoveReason, Problem, ScheduleError, Visit, check, reschedule, schedule,
    schedule_with_stats,
};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

fn day(i: usize) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap() + chrono::Duration::days(i as i64)
}

fn stream(seed: u64, label: &str) -> Stream {
    let mut h = [0u8; 32];
    h[..8].copy_from_slice(&seed.to_le_bytes());
    Stream::new(&Hash(h), label)
}

type RawVisit = (BTreeSet<usize>, usize, BTreeSet<usize>);

fn build(n: usize, c: u32, visits: &[RawVisit], leave: &[BTreeSet<usize>]) -> Problem {
    let visits = visits
        .iter()
        .enumerate()
        .map(|(i, (team, g, not_on))| Visit {
            id: format!("V{i:02}"),
            officers: team.iter().map(|o| format!("O{o}")).collect(),
            township: format!("35020300{g}"),
            departments: vec![],
            not_on: not_on.iter().map(|&d| day(d)).collect(),
        })
        .collect();
    let mut p = Problem::new(visits, (0..n).map(day).collect());
    p.max_visits_per_officer_per_day = c;
    for (o, l) in leave.iter().enumerate() {
        if !l.is_empty() {
            p.leave
                .insert(format!("O{o}"), l.iter().map(|&d| day(d)).collect());
        }
    }
    p
}

/// Small instances: up to 4 days, 5 officers, 8 visits with teams of 1–3.
fn small() -> impl Strategy<Value = Problem> {
    (1usize..=4, 1usize..=5, 1u32..=2)
        .prop_flat_map(|(n, m, c)| {
            let visit = (
                prop::collection::btree_set(0..m, 1..=m.min(3)),
                0..3usize,
                prop::collection::btree_set(0..n, 0..=1),
            );
            (
                Just(n),
                Just(c),
                prop::collection::vec(visit, 0..=8),
                prop::collection::vec(prop::collection::btree_set(0..n, 0..=2), m),
            )
        })
        .prop_map(|(n, c, visits, leave)| build(n, c, &visits, &leave))
}

/// Every schedule of `p`, by brute force (backtracking in id order); `Some`
/// with one when any exists.
fn brute(p: &Problem) -> Option<BTreeMap<String, NaiveDate>> {
    fn go(
        p: &Problem,
        i: usize,
        load: &mut BTreeMap<(String, NaiveDate), u32>,
        out: &mut Vec<NaiveDate>,
    ) -> bool {
        let Some(v) = p.visits.get(i) else {
            return true;
        };
        for &d in &p.days {
            let ok = !v.not_on.contains(&d)
                && v.officers.iter().all(|o| {
                    !p.leave.get(o).is_some_and(|l| l.contains(&d))
                        && load.get(&(o.clone(), d)).copied().unwrap_or(0)
                            < p.max_visits_per_officer_per_day
                });
            if !ok {
                continue;
            }
            for o in &v.officers {
                *load.entry((o.clone(), d)).or_default() += 1;
            }
            out.push(d);
            if go(p, i + 1, load, out) {
                return true;
            }
            out.pop();
            for o in &v.officers {
                *load.entry((o.clone(), d)).or_default() -= 1;
            }
        }
        false
    }
    let mut out = Vec::new();
    go(p, 0, &mut BTreeMap::new(), &mut out)
        .then(|| p.visits.iter().map(|v| v.id.clone()).zip(out).collect())
}

fn changes(p: &Problem) -> impl Strategy<Value = Change> + use<> {
    let ids: Vec<String> = p.visits.iter().map(|v| v.id.clone()).collect();
    let officers: Vec<String> = p
        .visits
        .iter()
        .flat_map(|v| v.officers.iter().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let n = p.days.len();
    let all: Vec<String> = (0..5).map(|o| format!("O{o}")).collect();
    prop_oneof![
        (
            prop::sample::select(officers),
            prop::collection::btree_set(0..n, 1..=2)
        )
            .prop_map(|(officer, ds)| Change::Leave {
                officer,
                days: ds.into_iter().map(day).collect(),
            }),
        (prop::sample::select(ids.clone()), 0..n).prop_map(|(visit, d)| Change::NotOn {
            visit,
            date: day(d),
        }),
        (
            prop::sample::select(ids),
            prop::sample::subsequence(all, 1..=3)
        )
            .prop_map(|(visit, officers)| Change::Team { visit, officers }),
    ]
}

/// A feasible small instance (at least one visit), a change and seeds.
fn feasible_with_change() -> impl Strategy<Value = (Problem, Change, u64, u64)> {
    small()
        .prop_filter("feasible with visits", |p| {
            !p.visits.is_empty() && brute(p).is_some()
        })
        .prop_flat_map(|p| {
            let ch = changes(&p);
            (Just(p), ch, any::<u64>(), any::<u64>())
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Exactness on small instances and the rules of every schedule.
    #[test]
    fn small_instances_are_solved_exactly(p in small(), seed in any::<u64>()) {
        let got = schedule(&p, &mut stream(seed, "schedule"));
        let truth = brute(&p);
        match got {
            Ok(s) => {
                prop_assert!(truth.is_some(), "scheduled an instance brute force cannot");
                prop_assert_eq!(check(&p, &s.dates()), vec![]);
                prop_assert_eq!(s.len(), p.visits.len());
                for (v, d) in s.iter() {
                    prop_assert!(p.days.contains(&d), "{} on {} outside the period", v.id, d);
                }
            }
            Err(ScheduleError::Infeasible(b)) => {
                prop_assert!(truth.is_none(), "said infeasible ({:?}) but {:?} works", b, truth);
            }
            Err(e) => prop_assert!(false, "unexpected error {}", e),
        }
    }

    /// The same problem and stream give the same dates, whatever the order
    /// of visits, team members, days and leave in the input.
    #[test]
    fn deterministic_and_independent_of_input_order(p in small(), seed in any::<u64>(), rot in 0usize..8) {
        let a = schedule(&p, &mut stream(seed, "schedule"));
        let mut q = p.clone();
        let k = if q.visits.is_empty() { 0 } else { rot % q.visits.len() };
        q.visits.rotate_left(k);
        q.visits.reverse();
        for v in &mut q.visits {
            v.officers.reverse();
        }
        q.days.reverse();
        let b = schedule(&q, &mut stream(seed, "schedule"));
        prop_assert_eq!(a.as_ref().map(|s| s.dates()), b.as_ref().map(|s| s.dates()));
        let c = schedule(&p, &mut stream(seed, "schedule"));
        prop_assert_eq!(a.map(|s| s.dates()), c.map(|s| s.dates()));
    }

    /// Rescheduling keeps the rules, reports exactly what moved, moves a
    /// visit "for the change" only when the change broke its date, moves
    /// nothing when nothing broke, and moves nothing else when the one broken
    /// visit has a free day of its own.
    #[test]
    fn rescheduling_moves_only_what_it_must((p, change, seed, seed2) in feasible_with_change()) {
        let s = schedule(&p, &mut stream(seed, "schedule")).unwrap();
        let r = reschedule(&s, &change, &mut stream(seed2, "reschedule/1"));
        // The problem after the change.
        let mut q = s.problem().clone();
        match &change {
            Change::Leave { officer, days } => {
                q.leave.entry(officer.clone()).or_default().extend(days.iter().copied());
            }
            Change::NotOn { visit, date } => {
                if let Some(v) = q.visits.iter_mut().find(|v| &v.id == visit) {
                    v.not_on.push(*date);
                }
            }
            Change::Team { visit, officers } => {
                if let Some(v) = q.visits.iter_mut().find(|v| &v.id == visit) {
                    v.officers = officers.clone();
                }
            }
        }
        let old = s.dates();
        // The visits whose old dates the change breaks.
        let broken: BTreeSet<String> = check(&q, &old)
            .into_iter()
            .flat_map(|v| match v {
                dualdraw::schedule::Violation::OnLeave { visit, .. }
                | dualdraw::schedule::Violation::Excluded { visit, .. } => vec![visit],
                dualdraw::schedule::Violation::OverLimit { .. } => match &change {
                    Change::Team { visit, .. } => vec![visit.clone()],
                    _ => vec![],
                },
                _ => vec![],
            })
            .collect();
        match r {
            Ok(r) => {
                let new = r.schedule.dates();
                prop_assert_eq!(check(&q, &new), vec![]);
                let diff: Vec<String> = old
                    .iter()
                    .filter(|(k, d)| new.get(*k) != Some(d))
                    .map(|(k, _)| k.clone())
                    .collect();
                let reported: Vec<String> = r.moved.iter().map(|m| m.visit.clone()).collect();
                prop_assert_eq!(&diff, &reported);
                for m in &r.moved {
                    prop_assert_eq!(Some(&m.from), old.get(&m.visit));
                    prop_assert_eq!(Some(&m.to), new.get(&m.visit));
                    prop_assert_eq!(
                        m.reason == MoveReason::Change,
                        broken.contains(&m.visit),
                        "reason of {}", m.visit
                    );
                }
                // Nothing moves unless the change broke a date. (A broken visit
                // may keep its date when moving others frees its place there.)
                if broken.is_empty() {
                    prop_assert_eq!(reported.len(), 0);
                }
                // One broken visit with a free day of its own: nothing else moves.
                if broken.len() == 1 {
                    let b = broken.iter().next().unwrap();
                    let mut others = old.clone();
                    others.remove(b);
                    let free = q.days.iter().any(|&d| {
                        let mut t = others.clone();
                        t.insert(b.clone(), d);
                        check(&q, &t).is_empty()
                    });
                    if free {
                        prop_assert_eq!(reported.len(), 1, "moved {:?}", reported);
                    }
                }
                // Deterministic given the stream.
                let again = reschedule(&s, &change, &mut stream(seed2, "reschedule/1")).unwrap();
                prop_assert_eq!(again, r);
            }
            Err(ScheduleError::Infeasible(_)) => {
                prop_assert!(brute(&q).is_none(), "said infeasible after {:?}", change);
            }
            Err(ScheduleError::DuplicateOfficer { .. }) => {}
            Err(e) => prop_assert!(false, "unexpected error {}", e),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Odd inputs (empty or repeated ids, repeated officers, dates outside
    /// the period, unsorted days, large limits) give a schedule that keeps
    /// the rules or an error, never a panic.
    #[test]
    fn odd_inputs_never_panic(
        visits in prop::collection::vec(
            ("[ab]{0,2}", prop::collection::vec("[xyz]{0,1}", 0..4), "[ä1]{0,1}", prop::collection::vec(0usize..9, 0..3)),
            0..7,
        ),
        days in prop::collection::vec(0usize..6, 0..6),
        leave in prop::collection::vec(("[xyz]{0,1}", 0usize..9), 0..5),
        c in prop_oneof![Just(0u32), Just(1), Just(2), Just(u32::MAX)],
        seed in any::<u64>(),
    ) {
        let mut p = Problem::new(
            visits
                .iter()
                .map(|(id, team, g, not_on)| Visit {
                    id: id.clone(),
                    officers: team.clone(),
                    township: g.clone(),
                    departments: vec![],
                    not_on: not_on.iter().map(|&d| day(d)).collect(),
                })
                .collect(),
            days.iter().map(|&d| day(d)).collect(),
        );
        p.max_visits_per_officer_per_day = c;
        for (o, d) in &leave {
            p.leave.entry(o.clone()).or_default().insert(day(*d));
        }
        if let Ok(s) = schedule(&p, &mut stream(seed, "schedule")) {
            prop_assert_eq!(check(&p, &s.dates()), vec![]);
            if let Some(v) = p.visits.first() {
                let r = reschedule(&s, &Change::NotOn { visit: v.id.clone(), date: day(0) }, &mut stream(seed, "r"));
                if let Ok(r) = r {
                    prop_assert_eq!(check(r.schedule.problem(), &r.schedule.dates()), vec![]);
                }
            }
        }
    }
}

/// Random medium instances (teams of 2–4 drawn from a county's officers):
/// every schedule keeps the rules; counts how often each phase was needed.
/// Printed with `--nocapture`; the numbers are in `docs/SCHEDULE.md` §9.
#[test]
fn medium_instances_keep_the_rules_and_phase_counts() {
    let mut s = stream(99, "gen");
    let (mut ok, mut infeasible, mut not_found, mut augmented, mut searched) = (0, 0, 0, 0, 0);
    for round in 0..300u64 {
        let n = 3 + s.below(8) as usize;
        let m = 6 + s.below(20) as usize;
        let c = 1 + s.below(2) as u32;
        let k = 10 + s.below(60) as usize;
        let visits: Vec<RawVisit> = (0..k)
            .map(|_| {
                let size = if s.below(10) == 0 { 4 } else { 2 };
                let mut team = BTreeSet::new();
                while team.len() < size.min(m) {
                    team.insert(s.below(m as u64) as usize);
                }
                let not_on = if s.below(8) == 0 {
                    BTreeSet::from([s.below(n as u64) as usize])
                } else {
                    BTreeSet::new()
                };
                (team, s.below(4) as usize, not_on)
            })
            .collect();
        let leave: Vec<BTreeSet<usize>> = (0..m)
            .map(|_| {
                if s.below(10) == 0 {
                    BTreeSet::from([s.below(n as u64) as usize])
                } else {
                    BTreeSet::new()
                }
            })
            .collect();
        let p = build(n, c, &visits, &leave);
        match schedule_with_stats(&p, &mut stream(round, "schedule")) {
            Ok((sched, st)) => {
                assert_eq!(check(&p, &sched.dates()), vec![], "round {round}");
                ok += 1;
                if st.augmented > 0 {
                    augmented += 1;
                }
                if st.searched > 0 {
                    searched += 1;
                }
            }
            Err(ScheduleError::Infeasible(_)) => infeasible += 1,
            Err(ScheduleError::NotFound(_)) => not_found += 1,
            Err(e) => panic!("round {round}: {e}"),
        }
    }
    println!(
        "medium: {ok} scheduled ({augmented} needed an augmenting path, {searched} the exhaustive search), {infeasible} proven infeasible, {not_found} gave up"
    );
    assert_eq!(ok + infeasible + not_found, 300);
}

/// Instances with a planted schedule (so one exists): teams of 2 (10 % of
/// 4) filled to `density` of every officer's places in the planted schedule,
/// 8 townships, leave on some free days, some excluded days. Returns how
/// many were scheduled; `Infeasible` would be a false proof and fails.
fn planted(n: usize, m: usize, c: u32, density_percent: usize, rounds: u64) -> u64 {
    let mut s = stream(u64::from(c) * 1000 + n as u64, "planted");
    let mut ok = 0;
    for round in 0..rounds {
        let places = m * n * c as usize * density_percent / 100;
        let mut load = vec![0u32; m * n];
        let mut visits = Vec::new();
        let (mut used, mut tries) = (0, 0);
        while used < places && tries < 100_000 {
            tries += 1;
            let d = s.below(n as u64) as usize;
            let size = if s.below(10) == 0 { 4 } else { 2 };
            let free: Vec<usize> = (0..m).filter(|&o| load[o * n + d] < c).collect();
            if free.len() < size {
                continue;
            }
            let mut team = BTreeSet::new();
            while team.len() < size {
                team.insert(free[s.below(free.len() as u64) as usize]);
            }
            for &o in &team {
                load[o * n + d] += 1;
            }
            used += size;
            let mut v = Visit::new(
                format!("V{:05}", visits.len()),
                team.iter().map(|o| format!("O{o}")),
                format!("T{}", s.below(8)),
            );
            let x = s.below(n as u64) as usize;
            if s.below(6) == 0 && x != d {
                v.not_on.push(day(x));
            }
            visits.push(v);
        }
        let mut p = Problem::new(visits, (0..n).map(day).collect());
        p.max_visits_per_officer_per_day = c;
        for o in 0..m {
            let x = s.below(n as u64) as usize;
            if s.below(10) == 0 && load[o * n + x] == 0 {
                p.leave.insert(format!("O{o}"), [day(x)].into());
            }
        }
        match schedule(&p, &mut stream(round, "schedule")) {
            Ok(sched) => {
                assert_eq!(check(&p, &sched.dates()), vec![]);
                ok += 1;
            }
            Err(ScheduleError::NotFound(_)) => {}
            Err(e) => panic!("planted instance {round}: {e}"),
        }
    }
    ok
}

/// How often the scheduler misses on instances known to be feasible (the
/// table in `docs/SCHEDULE.md` §12 is this test with
/// `DUALDRAW_SCHEDULE_PLANTED_ROUNDS=100` in a release build).
#[test]
fn planted_schedules_are_found() {
    let rounds: u64 = std::env::var("DUALDRAW_SCHEDULE_PLANTED_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let mut report = Vec::new();
    for (n, m, c, densities, min_share) in [
        (10, 30, 2, &[70, 85, 95, 100][..], 100),
        (20, 100, 2, &[70, 85, 95, 100][..], 100),
        (10, 30, 1, &[70, 85, 95][..], 100),
        (10, 30, 1, &[100][..], 50),
        (5, 10, 2, &[70, 85, 95, 100][..], 100),
    ] {
        for &density in densities {
            let ok = planted(n, m, c, density, rounds);
            report.push(format!(
                "{n} days × {m} officers, c = {c}, density {density} %: {ok} of {rounds}"
            ));
            assert!(
                ok * 100 >= rounds * min_share,
                "{n}×{m} c={c} density {density}: only {ok} of {rounds}"
            );
        }
    }
    println!("{}", report.join("\n"));
}
