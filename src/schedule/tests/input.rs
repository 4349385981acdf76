//! Input errors, the official calendar's working days, and the check of
//! recorded dates.

use super::*;

#[test]
fn input_errors() {
    let ok = || Problem::new(vec![v("V1", &["A"], "T")], days(2));
    let mut p = ok();
    p.max_visits_per_officer_per_day = 0;
    assert_eq!(
        schedule(&p, &mut stream("s")),
        Err(ScheduleError::ZeroLimit)
    );
    let mut p = ok();
    p.visits.push(v("V1", &["B"], "T"));
    assert_eq!(
        schedule(&p, &mut stream("s")),
        Err(ScheduleError::DuplicateVisit { visit: "V1".into() })
    );
    let mut p = ok();
    p.visits.push(v("V2", &[], "T"));
    assert_eq!(
        schedule(&p, &mut stream("s")),
        Err(ScheduleError::EmptyTeam { visit: "V2".into() })
    );
    let mut p = ok();
    p.visits.push(v("V2", &["B", "A", "B"], "T"));
    assert_eq!(
        schedule(&p, &mut stream("s")),
        Err(ScheduleError::DuplicateOfficer {
            visit: "V2".into(),
            officer: "B".into()
        })
    );
    let mut p = ok();
    p.visits.push(v("", &["B"], "T"));
    assert_eq!(
        schedule(&p, &mut stream("s")),
        Err(ScheduleError::EmptyVisitId)
    );
    let mut p = ok();
    p.visits.push(v("V2", &[""], "T"));
    assert_eq!(
        schedule(&p, &mut stream("s")),
        Err(ScheduleError::EmptyOfficerId { visit: "V2".into() })
    );
    let mut p = ok();
    p.days.clear();
    assert_eq!(schedule(&p, &mut stream("s")), Err(ScheduleError::NoDays));
    // Nothing to schedule is fine, even with no days.
    let s = schedule(&Problem::new(vec![], vec![]), &mut stream("s")).unwrap();
    assert!(s.is_empty());
    // Unsorted and repeated days are taken as their sorted set.
    let mut p = ok();
    p.days = vec![d("2026-03-03"), d("2026-03-02"), d("2026-03-03")];
    let s = schedule(&p, &mut stream("s")).unwrap();
    assert_eq!(s.problem().days, days(2));
}

#[test]
fn working_days_follow_the_official_calendar() {
    let cal = Calendar::shipped();
    let w = working_days(&cal, d("2026-02-09"), d("2026-03-01")).unwrap();
    let want: Vec<NaiveDate> = [
        "2026-02-09",
        "2026-02-10",
        "2026-02-11",
        "2026-02-12",
        "2026-02-13",
        "2026-02-14", // make-up Saturday
        "2026-02-24",
        "2026-02-25",
        "2026-02-26",
        "2026-02-27",
        "2026-02-28", // make-up Saturday
    ]
    .iter()
    .map(|s| d(s))
    .collect();
    assert_eq!(w, want);
    assert!(working_days(&cal, d("2026-12-28"), d("2027-01-05")).is_err());
    assert_eq!(
        working_days(&cal, d("2026-03-02"), d("2026-03-01")).unwrap(),
        vec![]
    );
}

#[test]
fn recorded_dates_are_checked() {
    let mut p = Problem::new(
        vec![
            v("V1", &["A"], "T"),
            v("V2", &["A"], "T"),
            v("V3", &["A"], "T"),
            v("V4", &["B"], "T"),
        ],
        days(3),
    );
    p.visits[3].not_on = vec![d("2026-03-03")];
    p.leave.insert("B".into(), [d("2026-03-03")].into());
    let dates = BTreeMap::from([
        ("V1".to_string(), d("2026-03-02")),
        ("V2".to_string(), d("2026-03-02")),
        ("V3".to_string(), d("2026-03-02")),
        ("V4".to_string(), d("2026-03-03")),
        ("V9".to_string(), d("2026-03-09")),
    ]);
    let e = Schedule::from_dates(&p, &dates).unwrap_err();
    let ScheduleError::Invalid(v) = e else {
        panic!()
    };
    assert_eq!(
        v,
        vec![
            Violation::Unknown { visit: "V9".into() },
            Violation::OnLeave {
                visit: "V4".into(),
                officer: "B".into(),
                date: d("2026-03-03")
            },
            Violation::Excluded {
                visit: "V4".into(),
                date: d("2026-03-03")
            },
            Violation::OverLimit {
                officer: "A".into(),
                date: d("2026-03-02"),
                visits: vec!["V1".into(), "V2".into(), "V3".into()]
            },
        ]
    );
    let mut partial = dates.clone();
    partial.remove("V1");
    partial.insert("V3".into(), d("2026-03-10"));
    let v = check(&p, &partial);
    assert_eq!(v[0], Violation::Missing { visit: "V1".into() });
    assert!(v.contains(&Violation::NotAWorkingDay {
        visit: "V3".into(),
        date: d("2026-03-10")
    }));
    // A schedule round-trips through its dates.
    let s = schedule(&pinned_problem(), &mut stream("schedule")).unwrap();
    assert_eq!(Schedule::from_dates(s.problem(), &s.dates()).unwrap(), s);
}
