//! Scheduling: pinned dates, township orders and day sharing, leave and
//! excluded days, proven bottlenecks, and the repair and search phases.

use super::*;

/// Value stability: these dates are part of `dualdraw-schedule-v1`; a
/// change here is a new version.
#[test]
fn pinned_dates_of_a_small_instance() {
    let p = pinned_problem();
    let s = schedule(&p, &mut stream("schedule")).unwrap();
    rules_hold(&s);
    let got: Vec<String> = s.iter().map(|(v, d)| format!("{} {d}", v.id)).collect();
    assert_eq!(got, PINNED);
}

const PINNED: [&str; 8] = [
    "91350203MA0000001A 2026-03-13",
    "91350203MA0000002B 2026-03-13",
    "91350203MA0000003C 2026-03-13",
    "91350203MA0000004D 2026-03-04",
    "91350203MA0000005E 2026-03-04",
    "91350203MA0000006F 2026-03-09",
    "91350203MA0000007G 2026-03-11",
    "LH-0001 2026-03-09",
];

/// §3–§4 re-derived from the stream primitives: townships by code, one
/// shuffle of the day indices each; a visit goes to the first day of its
/// township's order with room.
#[test]
fn townships_take_the_first_day_of_their_drawn_order() {
    let visits = vec![
        v("V1", &["A"], "350203001"),
        v("V2", &["B"], "350203001"),
        v("V3", &["C", "D"], "350203001"),
        v("V4", &["E"], "350203002"),
        v("V5", &["F", "G"], "350203002"),
    ];
    let p = Problem::new(visits, days(10));
    let s = schedule(&p, &mut stream("schedule")).unwrap();
    let mut st = stream("schedule");
    let mut first = Vec::new();
    for _ in 0..2 {
        let mut o: Vec<u32> = (0..10).collect();
        st.shuffle(&mut o);
        first.push(p.days[o[0] as usize]);
    }
    for (v, date) in s.iter() {
        let g = usize::from(v.township == "350203002");
        assert_eq!(date, first[g], "{}", v.id);
    }
}

#[test]
fn same_township_shares_days_and_townships_spread_over_the_period() {
    // 30 townships, 4 visits each with their own officers.
    let mut visits = Vec::new();
    for t in 0..30 {
        for k in 0..4 {
            visits.push(v(
                &format!("V{t:02}{k}"),
                &[&format!("O{t:02}{k}a"), &format!("O{t:02}{k}b")],
                &format!("350203{t:03}"),
            ));
        }
    }
    let p = Problem::new(visits, days(20));
    let s = schedule(&p, &mut stream("schedule")).unwrap();
    rules_hold(&s);
    let mut by_township: BTreeMap<&str, BTreeSet<NaiveDate>> = BTreeMap::new();
    for (v, d) in s.iter() {
        by_township.entry(&v.township).or_default().insert(d);
    }
    assert!(by_township.values().all(|ds| ds.len() == 1));
    let used: BTreeSet<NaiveDate> = by_township.values().flatten().copied().collect();
    assert!(used.len() >= 12, "only {} days used", used.len());
    // Another stream gives other days.
    let t = schedule(&p, &mut stream("schedule/other")).unwrap();
    assert_ne!(s.dates(), t.dates());
}

#[test]
fn an_officer_over_the_limit_splits_the_township_over_days() {
    // Officer A is on 5 visits of one township; 2 a day → 3 days.
    let visits: Vec<Visit> = (0..5)
        .map(|k| v(&format!("V{k}"), &["A", &format!("P{k}")], "T"))
        .collect();
    let p = Problem::new(visits, days(10));
    let s = schedule(&p, &mut stream("schedule")).unwrap();
    rules_hold(&s);
    assert_eq!(s.by_day().len(), 3);
}

#[test]
fn leave_and_excluded_days_are_respected() {
    let mut a = v("V1", &["A", "B"], "T");
    a.not_on = vec![d("2026-03-05")];
    let mut p = Problem::new(vec![a, v("V2", &["A"], "T")], days(5));
    p.leave.insert(
        "A".into(),
        [d("2026-03-02"), d("2026-03-03")].into_iter().collect(),
    );
    p.leave.insert("B".into(), [d("2026-03-04")].into());
    for label in ["a", "b", "c", "d"] {
        let s = schedule(&p, &mut stream(label)).unwrap();
        rules_hold(&s);
        assert_eq!(s.date_of("V1"), Some(d("2026-03-06")));
    }
}

#[test]
fn an_officer_with_more_visits_than_places_is_named() {
    let visits: Vec<Visit> = (0..9)
        .map(|k| v(&format!("V{k}"), &["X", &format!("P{k}")], "T"))
        .collect();
    let p = Problem::new(visits, days(4));
    let e = schedule(&p, &mut stream("schedule")).unwrap_err();
    let ScheduleError::Infeasible(b) = &e else {
        panic!("{e}")
    };
    assert_eq!(
        b,
        &vec![Bottleneck::Officer {
            officer: "X".into(),
            visits: (0..9).map(|k| format!("V{k}")).collect(),
            days: days(4),
            limit: 2,
        }]
    );
    let msg = e.to_string();
    assert!(
        msg.contains("officer X has 9 visits that can only be on 4 days (2026-03-02, 2026-03-03, 2026-03-04, 2026-03-05) × 2 a day = 8 places"),
        "{msg}"
    );
}

#[test]
fn the_bottleneck_is_the_smallest_violated_set_of_days() {
    // X has 6 visits: 3 whose partner is free only on day 0, 3 free any day.
    // Days 0 alone can take 2 of the first 3: those 3 on 1 day are the proof.
    let mut visits: Vec<Visit> = (0..6)
        .map(|k| v(&format!("V{k}"), &["X", &format!("P{k}")], "T"))
        .collect();
    visits.truncate(6);
    let mut p = Problem::new(visits, days(5));
    for k in 0..3 {
        p.leave
            .insert(format!("P{k}"), days(5)[1..].iter().copied().collect());
    }
    let e = schedule(&p, &mut stream("schedule")).unwrap_err();
    let ScheduleError::Infeasible(b) = e else {
        panic!()
    };
    assert_eq!(
        b,
        vec![Bottleneck::Officer {
            officer: "X".into(),
            visits: vec!["V0".into(), "V1".into(), "V2".into()],
            days: vec![d("2026-03-02")],
            limit: 2,
        }]
    );
}

#[test]
fn a_team_never_free_together_is_named() {
    let mut p = Problem::new(vec![v("V1", &["A", "B"], "T")], days(5));
    p.leave.insert("A".into(), days(3).into_iter().collect());
    p.leave
        .insert("B".into(), days(5)[3..].iter().copied().collect());
    let e = schedule(&p, &mut stream("schedule")).unwrap_err();
    assert_eq!(
        e,
        ScheduleError::Infeasible(vec![Bottleneck::NoDay {
            visit: "V1".into(),
            leave: vec![("A".into(), 3), ("B".into(), 2)],
            excluded: 0,
        }])
    );
    assert!(
        e.to_string()
            .contains("A on leave 3 days, B on leave 2 days")
    );
}

#[test]
fn a_tight_edge_colouring_is_found() {
    // K4: 6 visits, each officer on 3, 3 days, 1 a day: a perfect colouring.
    let mut p = Problem::new(complete(4), days(3));
    p.max_visits_per_officer_per_day = 1;
    for label in ["a", "b", "c", "d", "e", "f"] {
        let s = schedule(&p, &mut stream(label)).unwrap();
        rules_hold(&s);
    }
    // K6 with 5 days, 2 teams of one officer pair on a day each.
    let mut p = Problem::new(complete(6), days(5));
    p.max_visits_per_officer_per_day = 1;
    let (s, _) = schedule_with_stats(&p, &mut stream("schedule")).unwrap();
    rules_hold(&s);
}

#[test]
fn a_group_proven_infeasible_by_exhaustive_search() {
    // A triangle of pairs on 2 days at 1 a day: each officer alone fits.
    let mut p = Problem::new(complete(3), days(2));
    p.max_visits_per_officer_per_day = 1;
    let e = schedule(&p, &mut stream("schedule")).unwrap_err();
    let ScheduleError::Infeasible(b) = &e else {
        panic!("{e}")
    };
    assert!(
        matches!(&b[..], [Bottleneck::Group { visits: 3, officers, unplaced }]
            if officers.len() == 3 && unplaced.len() == 1 && unplaced[0].full.len() == 2),
        "{b:?}"
    );
    assert!(e.to_string().contains("cannot all be placed"), "{e}");
    // K5 on 4 days: 10 visits, odd complete graphs need 5 colours.
    let mut p = Problem::new(complete(5), days(4));
    p.max_visits_per_officer_per_day = 1;
    assert!(matches!(
        schedule(&p, &mut stream("schedule")),
        Err(ScheduleError::Infeasible(b)) if matches!(b[..], [Bottleneck::Group { visits: 10, .. }])
    ));
}

#[test]
fn a_group_too_large_to_search_is_not_found_not_infeasible() {
    // K13 on 12 days at 1 a day: 78 linked visits (more than the search
    // takes); infeasible, but only the exhaustive search could prove it.
    let mut p = Problem::new(complete(13), days(12));
    p.max_visits_per_officer_per_day = 1;
    let e = schedule(&p, &mut stream("schedule")).unwrap_err();
    let ScheduleError::NotFound(u) = &e else {
        panic!("{e}")
    };
    assert!(!u.is_empty());
    for x in u {
        assert!(!x.full.is_empty());
    }
    assert!(e.to_string().contains("no schedule found (one may exist)"));
}

#[test]
fn repair_phases_place_what_greedy_cannot() {
    // Officer A: x (with tight B) and y (only day 0); B: x and z, on leave
    // day 2; 1 visit a day. Greedy places x first; when x takes day 0, y needs
    // the augmenting path or the ejection search.
    let mut y = v("y", &["A"], "T2");
    y.not_on = vec![d("2026-03-03"), d("2026-03-04")];
    let mut p = Problem::new(
        vec![v("x", &["A", "B"], "T1"), y, v("z", &["B"], "T3")],
        days(3),
    );
    p.max_visits_per_officer_per_day = 1;
    p.leave.insert("B".into(), [d("2026-03-04")].into());
    let mut repaired = 0;
    for k in 0..40 {
        let (s, st) = schedule_with_stats(&p, &mut stream(&format!("r{k}"))).unwrap();
        rules_hold(&s);
        assert_eq!(s.date_of("y"), Some(d("2026-03-02")));
        if st.direct < 3 {
            repaired += 1;
        }
    }
    assert!(repaired > 0);
    // Single-officer chains: the augmenting path alone suffices.
    let mut vs = Vec::new();
    for (k, allowed) in [[0, 1], [1, 2], [0, 2]].iter().enumerate() {
        let mut x = v(&format!("s{k}"), &["A"], "T");
        x.not_on = (0..3)
            .filter(|i| !allowed.contains(i))
            .map(|i| days(3)[i])
            .collect();
        vs.push(x);
    }
    let mut p = Problem::new(vs, days(3));
    p.max_visits_per_officer_per_day = 1;
    let mut augmented = 0;
    for k in 0..40 {
        let (s, st) = schedule_with_stats(&p, &mut stream(&format!("s{k}"))).unwrap();
        rules_hold(&s);
        assert_eq!(st.ejections, 0);
        augmented += st.augmented;
    }
    assert!(augmented > 0);
}
