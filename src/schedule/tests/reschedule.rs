//! Rescheduling: what moves after a change, and a change's errors.

use super::*;

fn loose() -> Schedule {
    let visits: Vec<Visit> = (0..12)
        .map(|k| {
            v(
                &format!("V{k:02}"),
                &[&format!("A{}", k % 4), &format!("B{}", k % 3)],
                &format!("T{}", k % 3),
            )
        })
        .collect();
    schedule(&Problem::new(visits, days(8)), &mut stream("schedule")).unwrap()
}

#[test]
fn an_ill_officer_moves_only_their_visits_that_day() {
    let s = loose();
    let (visit, date) = s.iter().next().map(|(v, d)| (v.clone(), d)).unwrap();
    let officer = visit.officers[0].clone();
    let on_that_day: Vec<String> = s
        .iter()
        .filter(|(v, d)| *d == date && v.officers.contains(&officer))
        .map(|(v, _)| v.id.clone())
        .collect();
    let r = reschedule(
        &s,
        &Change::Leave {
            officer: officer.clone(),
            days: vec![date],
        },
        &mut stream("reschedule/1"),
    )
    .unwrap();
    rules_hold(&r.schedule);
    let moved: Vec<&str> = r.moved.iter().map(|m| m.visit.as_str()).collect();
    assert_eq!(moved, on_that_day);
    for m in &r.moved {
        assert_eq!(m.reason, MoveReason::Change);
        assert_eq!(m.from, date);
        assert_ne!(m.to, date);
    }
    for (v, d) in r.schedule.iter() {
        if !moved.contains(&v.id.as_str()) {
            assert_eq!(s.date_of(&v.id), Some(d));
        }
    }
    assert!(r.schedule.problem().leave[&officer].contains(&date));
    // Deterministic given the stream.
    let again = reschedule(
        &s,
        &Change::Leave {
            officer,
            days: vec![date],
        },
        &mut stream("reschedule/1"),
    )
    .unwrap();
    assert_eq!(again, r);
}

#[test]
fn a_visit_moved_off_a_date_stays_off_it() {
    let s = loose();
    let date = s.date_of("V05").unwrap();
    let r = reschedule(
        &s,
        &Change::NotOn {
            visit: "V05".into(),
            date,
        },
        &mut stream("reschedule/1"),
    )
    .unwrap();
    assert_eq!(r.moved.len(), 1);
    assert_eq!(r.moved[0].visit, "V05");
    assert_eq!(r.moved[0].from, date);
    // A later change elsewhere never brings it back.
    let officer = r.schedule.problem().visits[0].officers[0].clone();
    let first = r.schedule.iter().next().map(|(_, d)| d).unwrap();
    let r2 = reschedule(
        &r.schedule,
        &Change::Leave {
            officer,
            days: vec![first],
        },
        &mut stream("reschedule/2"),
    )
    .unwrap();
    assert_ne!(r2.schedule.date_of("V05"), Some(date));
    rules_hold(&r2.schedule);
    // Moving a visit off a date it is not on moves nothing.
    let other = days(8).into_iter().find(|&x| x != date).unwrap();
    let r3 = reschedule(
        &s,
        &Change::NotOn {
            visit: "V05".into(),
            date: other,
        },
        &mut stream("reschedule/1"),
    )
    .unwrap();
    assert!(r3.moved.is_empty());
    assert_eq!(r3.schedule.dates(), s.dates());
}

#[test]
fn a_new_team_moves_the_visit_only_when_it_must() {
    let s = loose();
    let date = s.date_of("V00").unwrap();
    // A fresh officer free that day: nothing moves.
    let r = reschedule(
        &s,
        &Change::Team {
            visit: "V00".into(),
            officers: vec!["A0".into(), "N1".into()],
        },
        &mut stream("reschedule/1"),
    )
    .unwrap();
    assert!(r.moved.is_empty());
    assert_eq!(
        r.schedule.problem().visits[0].officers,
        vec!["A0".to_string(), "N1".to_string()]
    );
    // A replacement on leave that day: the visit moves.
    let mut p = s.problem().clone();
    p.leave.insert("N2".into(), [date].into());
    let s2 = Schedule::from_dates(&p, &s.dates()).unwrap();
    let r = reschedule(
        &s2,
        &Change::Team {
            visit: "V00".into(),
            officers: vec!["A0".into(), "N2".into()],
        },
        &mut stream("reschedule/1"),
    )
    .unwrap();
    assert_eq!(r.moved.len(), 1);
    assert_eq!(r.moved[0].visit, "V00");
    assert_eq!(r.moved[0].reason, MoveReason::Change);
    rules_hold(&r.schedule);
}

#[test]
fn a_full_day_is_freed_by_moving_another_visit() {
    // A has 2 visits on each of 2 days (the limit); V-new's team changes to
    // include A and it can only be on day 0 ⇒ one of A's day-0 visits moves
    // to day 1? No: day 1 is full too ⇒ infeasible. With a third day free,
    // the visit itself moves there.
    let mut vs: Vec<Visit> = (0..4).map(|k| v(&format!("V{k}"), &["A"], "T")).collect();
    vs.push(v("W", &["B"], "T"));
    let p = Problem::new(vs, days(3));
    let dates = BTreeMap::from([
        ("V0".to_string(), d("2026-03-02")),
        ("V1".to_string(), d("2026-03-02")),
        ("V2".to_string(), d("2026-03-03")),
        ("V3".to_string(), d("2026-03-03")),
        ("W".to_string(), d("2026-03-02")),
    ]);
    let s = Schedule::from_dates(&p, &dates).unwrap();
    let r = reschedule(
        &s,
        &Change::Team {
            visit: "W".into(),
            officers: vec!["A".into(), "B".into()],
        },
        &mut stream("reschedule/1"),
    )
    .unwrap();
    assert_eq!(r.moved.len(), 1);
    assert_eq!(r.moved[0].visit, "W");
    assert_eq!(r.moved[0].to, d("2026-03-04"));
    // W may not go on day 2: the repair moves one of A's visits instead.
    let mut p2 = p.clone();
    p2.visits[4].not_on = vec![d("2026-03-04")];
    let s = Schedule::from_dates(&p2, &dates).unwrap();
    let r = reschedule(
        &s,
        &Change::Team {
            visit: "W".into(),
            officers: vec!["A".into(), "B".into()],
        },
        &mut stream("reschedule/1"),
    )
    .unwrap();
    rules_hold(&r.schedule);
    assert_eq!(r.moved.len(), 1);
    assert_eq!(r.moved[0].reason, MoveReason::Repair);
    assert_eq!(r.moved[0].to, d("2026-03-04"));
    assert_eq!(r.schedule.date_of("W"), Some(d("2026-03-02")));
}

#[test]
fn reschedule_errors() {
    let s = loose();
    let mut st = stream("reschedule/1");
    assert_eq!(
        reschedule(
            &s,
            &Change::NotOn {
                visit: "nope".into(),
                date: d("2026-03-02")
            },
            &mut st
        ),
        Err(ScheduleError::UnknownVisit {
            visit: "nope".into()
        })
    );
    assert_eq!(
        reschedule(
            &s,
            &Change::Leave {
                officer: "Z9".into(),
                days: vec![]
            },
            &mut st
        ),
        Err(ScheduleError::UnknownOfficer {
            officer: "Z9".into()
        })
    );
    // Leave on every day for an officer ⇒ proven infeasible, naming the visit.
    let officer = s.problem().visits[0].officers[0].clone();
    let e = reschedule(
        &s,
        &Change::Leave {
            officer,
            days: days(8),
        },
        &mut st,
    )
    .unwrap_err();
    assert!(
        matches!(e, ScheduleError::Infeasible(ref b) if matches!(b[0], Bottleneck::NoDay { .. }))
    );
}
