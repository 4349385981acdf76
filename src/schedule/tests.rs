//! Tests of the scheduler, and the helpers they share; the tests themselves
//! are in `tests/`: placing visits and naming bottlenecks, input errors and
//! the auditor's check, rescheduling, and the shared known answers.

mod input;
mod placing;
mod reschedule;
mod vectors;

use super::*;
use crate::core::merkle::Hash;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// `n` consecutive days from 2026-03-02 (taken as the period's working days).
fn days(n: usize) -> Vec<NaiveDate> {
    (0..n)
        .map(|i| d("2026-03-02") + chrono::Duration::days(i as i64))
        .collect()
}

fn stream(label: &str) -> Stream {
    Stream::new(&Hash([7; 32]), label)
}

fn v(id: &str, team: &[&str], township: &str) -> Visit {
    Visit::new(id, team.iter().copied(), township)
}

fn rules_hold(s: &Schedule) {
    assert_eq!(check(s.problem(), &s.dates()), vec![]);
}

/// Visits `{i, j}` for every pair of officers `0..k` (the complete graph's edges).
fn complete(k: usize) -> Vec<Visit> {
    let mut out = Vec::new();
    for i in 0..k {
        for j in i + 1..k {
            out.push(v(
                &format!("V{i:02}-{j:02}"),
                &[&format!("O{i:02}"), &format!("O{j:02}")],
                "T",
            ));
        }
    }
    out
}

fn pinned_problem() -> Problem {
    let mut visits = vec![
        v("91350203MA0000001A", &["A01", "B01"], "350203001"),
        v("91350203MA0000002B", &["A01", "B02"], "350203001"),
        v("91350203MA0000003C", &["A02", "B01"], "350203001"),
        v("91350203MA0000004D", &["A02", "B02"], "350203002"),
        v("91350203MA0000005E", &["A01", "A02"], "350203002"),
        v("91350203MA0000006F", &["B01", "B02"], "350203003"),
        v("LH-0001", &["A01", "B01", "C01", "D01"], "350203003"),
        v("91350203MA0000007G", &["C01"], "350203004"),
    ];
    visits[7].not_on = vec![d("2026-03-04")];
    let mut ds = days(5);
    ds.extend((7..12).map(|i| d("2026-03-02") + chrono::Duration::days(i)));
    let mut p = Problem::new(visits, ds);
    p.leave
        .insert("A01".into(), [d("2026-03-03"), d("2026-03-10")].into());
    p.leave.insert("C01".into(), [d("2026-03-02")].into());
    p
}
