//! Scheduling benchmarks (`docs/SCHEDULE.md`): a province-sized batch of
//! 20,000 visits by 5,000 officers over 40 working days (20 counties × 10
//! townships; per county 250 officers in 5 departments; teams of 2 from one
//! department, 5 % joint visits of 4 from four departments; 3 % of officers
//! with 3–10 days of leave), scheduled, rescheduled after an officer falls
//! ill, and written as one calendar per officer. Budget: schedule < 5 s.

use chrono::{DateTime, NaiveDate};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dualdraw::core::calendar::Calendar;
use dualdraw::core::entropy::Stream;
use dualdraw::core::merkle::Hash;
use dualdraw::io::schedule_files::ics_by_officer;
use dualdraw::schedule::{
    Change, Labels, Problem, TargetLabel, Visit, reschedule, schedule, schedule_with_stats,
    working_days,
};
use std::collections::{BTreeMap, BTreeSet};
use std::hint::black_box;
use std::time::Duration;

const COUNTIES: u64 = 20;
const TOWNSHIPS: u64 = 10;
const DEPARTMENTS: u64 = 5;
const PER_DEPARTMENT: u64 = 50;
const VISITS_PER_COUNTY: u64 = 1_000;

fn officer(county: u64, dept: u64, k: u64) -> String {
    format!("3502{county:02}{dept}{k:03}")
}

fn province() -> (Problem, Labels) {
    let mut s = Stream::new(&Hash([5; 32]), "bench-gen");
    let start = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
    let end = NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
    let mut days = working_days(&Calendar::shipped(), start, end).expect("calendar");
    days.truncate(40);
    assert_eq!(days.len(), 40);
    let mut visits = Vec::new();
    let mut labels = Labels {
        campaign: "2026-PROV-01".into(),
        title: "全省双随机抽查".into(),
        ..Labels::default()
    };
    for county in 0..COUNTIES {
        for k in 0..VISITS_PER_COUNTY {
            let township = format!("3502{county:02}{:03}", 1 + s.below(TOWNSHIPS));
            let joint = s.below(20) == 0;
            let (id, officers, departments) = if joint {
                let mut depts: Vec<u64> = (0..DEPARTMENTS).collect();
                s.shuffle(&mut depts);
                depts.truncate(4);
                let officers: Vec<String> = depts
                    .iter()
                    .map(|&d| officer(county, d, s.below(PER_DEPARTMENT)))
                    .collect();
                (
                    format!("LH-3502{county:02}-{k:04}"),
                    officers,
                    depts.iter().map(|d| format!("部门{d}")).collect(),
                )
            } else {
                let dept = s.below(DEPARTMENTS);
                let a = s.below(PER_DEPARTMENT);
                let b = (a + 1 + s.below(PER_DEPARTMENT - 1)) % PER_DEPARTMENT;
                (
                    format!("91350{county:02}{k:04}{:07}", s.below(10_000_000)),
                    vec![officer(county, dept, a), officer(county, dept, b)],
                    vec![format!("部门{dept}")],
                )
            };
            labels.targets.insert(
                id.clone(),
                TargetLabel {
                    name: format!("某某市场主体{county}-{k}有限公司"),
                    address: format!("福建省厦门市某区某街道{k}号"),
                },
            );
            visits.push(Visit {
                id,
                officers,
                township,
                departments,
                not_on: vec![],
            });
        }
    }
    let mut p = Problem::new(visits, days.clone());
    for county in 0..COUNTIES {
        for dept in 0..DEPARTMENTS {
            for k in 0..PER_DEPARTMENT {
                let id = officer(county, dept, k);
                labels.officers.insert(id.clone(), format!("执法员{k}"));
                if s.below(100) < 3 {
                    let n = 3 + s.below(8);
                    let leave: BTreeSet<NaiveDate> = (0..n)
                        .map(|_| days[s.below(days.len() as u64) as usize])
                        .collect();
                    p.leave.insert(id, leave);
                }
            }
        }
    }
    (p, labels)
}

fn benches(c: &mut Criterion) {
    let (p, labels) = province();
    let seed = Hash([9; 32]);
    let (first, stats) =
        schedule_with_stats(&p, &mut Stream::new(&seed, "schedule")).expect("feasible");
    let officers: BTreeSet<&String> = p.visits.iter().flat_map(|v| v.officers.iter()).collect();
    let clusters: BTreeSet<(&str, NaiveDate)> = first
        .iter()
        .map(|(v, d)| (v.township.as_str(), d))
        .collect();
    let townships: BTreeSet<&str> = p.visits.iter().map(|v| v.township.as_str()).collect();
    let per_day: BTreeMap<NaiveDate, usize> = first
        .by_day()
        .into_iter()
        .map(|(d, vs)| (d, vs.len()))
        .collect();
    // docs/SCHEDULE.md §12.4: greedy alone cannot fail when every visit has
    // more allowed days than its officers' other visits can fill.
    let mut k: BTreeMap<&str, u64> = BTreeMap::new();
    for v in &p.visits {
        for o in &v.officers {
            *k.entry(o.as_str()).or_default() += 1;
        }
    }
    let limit = u64::from(p.max_visits_per_officer_per_day);
    let slack = p
        .visits
        .iter()
        .map(|v| {
            let allowed = p
                .days
                .iter()
                .filter(|d| {
                    v.officers
                        .iter()
                        .all(|o| !p.leave.get(o).is_some_and(|l| l.contains(d)))
                })
                .count() as i64;
            let filled: u64 = v.officers.iter().map(|o| (k[o.as_str()] - 1) / limit).sum();
            allowed - filled as i64
        })
        .min()
        .unwrap_or(0);
    eprintln!(
        "province: greedy-never-fails slack (min over visits of allowed days - sum of floor((k-1)/c)) = {slack}; max visits of an officer {}",
        k.values().max().copied().unwrap_or(0)
    );
    eprintln!(
        "province: {} visits, {} officers, {} days, {} townships; {:?}; {} (township, day) groups; days used {}, visits a day {}..{}",
        p.visits.len(),
        officers.len(),
        p.days.len(),
        townships.len(),
        stats,
        clusters.len(),
        per_day.len(),
        per_day.values().min().copied().unwrap_or(0),
        per_day.values().max().copied().unwrap_or(0),
    );
    // An officer with visits on 3 days falls ill on those days.
    let by_officer = first.by_officer();
    let (ill, their) = by_officer
        .iter()
        .find(|(_, vs)| vs.iter().map(|(d, _)| d).collect::<BTreeSet<_>>().len() >= 3)
        .expect("an officer with visits on 3 days");
    let ill_days: Vec<NaiveDate> = their.iter().map(|(d, _)| *d).take(3).collect();
    let change = Change::Leave {
        officer: (*ill).to_string(),
        days: ill_days,
    };
    let r = reschedule(&first, &change, &mut Stream::new(&seed, "reschedule/1")).expect("ok");
    eprintln!("reschedule: {} moved: {:?}", r.moved.len(), r.moved);
    let stamp = DateTime::from_timestamp(1_772_400_000, 0).expect("time");

    let mut g = c.benchmark_group("schedule");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(8))
        .throughput(Throughput::Elements(p.visits.len() as u64));
    g.bench_function("province_20k_visits_5k_officers_40_days", |b| {
        b.iter(|| black_box(schedule(&p, &mut Stream::new(&seed, "schedule")).expect("feasible")))
    });
    g.bench_function("reschedule_officer_ill_3_days", |b| {
        b.iter(|| {
            black_box(
                reschedule(&first, &change, &mut Stream::new(&seed, "reschedule/1")).expect("ok"),
            )
        })
    });
    g.bench_function("ics_all_officers", |b| {
        b.iter(|| black_box(ics_by_officer(&first, &labels, stamp)))
    });
    g.finish();
}

criterion_group!(schedule_benches, benches);
criterion_main!(schedule_benches);
