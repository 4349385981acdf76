//! Checking a plan against a workspace: what the draw then draws, staffing,
//! periods and their working days, overlaps, and campaigns refused at
//! announcement.

use super::*;
use crate::core::calendar::Calendar;
use crate::core::registry::RegistryKind;
use crate::core::sample::PrnKey;
use crate::io::generate::{CountySpec, county};
use crate::{SaltKey, Workspace};

fn workspace(dir: &std::path::Path) -> Workspace {
    let mut w = Workspace::init_with_key(dir, SaltKey::from_bytes([9; 32])).unwrap();
    let reg = county(&CountySpec {
        entities: 3000,
        ..Default::default()
    })
    .unwrap();
    for k in RegistryKind::ALL {
        w.commit(k, &reg, "test").unwrap();
    }
    w
}

/// The second campaign draws every entity (so that its per-department
/// counts are exact), with the joint items.
fn full_plan() -> String {
    plan_text("").replace(
        "[campaign.teams]\nmin_size = 3\n",
        "[[campaign.targets.strata]]\ncredit_class = \"A\"\nratio = \"100%\"\n[[campaign.targets.strata]]\ncredit_class = \"B\"\nratio = \"1/1\"\n[[campaign.targets.strata]]\ncredit_class = \"C\"\ncount = 100000\n[[campaign.targets.strata]]\ncredit_class = \"D\"\nratio = \"100%\"\n[campaign.teams]\nmax_targets_per_officer = 20\n",
    )
}

#[test]
fn the_check_gives_what_the_draw_then_draws() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    let plan = Plan::from_toml(&full_plan()).unwrap();
    let report = check(&ws, &plan, &Calendar::shipped(), now()).unwrap();
    assert!(report.ok(), "{:#?}", report.findings);
    assert_eq!(report.snapshot, 4);
    let reg = ws.load(&ws.current_snapshot().unwrap().unwrap()).unwrap();
    let (anns, _) = ws.check_campaigns(plan.campaigns.clone(), now()).unwrap();
    for (a, c) in anns.iter().zip(&report.campaigns) {
        assert!(c.announceable);
        let n = c.numbers.as_ref().unwrap();
        let seed = crate::core::merkle::Hash([5; 32]);
        let out = crate::core::draw::draw(&reg, a, &seed, &PrnKey::plain(seed)).unwrap();
        assert_eq!(out.pool_size, n.pool);
        let drawn: Vec<(String, u64, u64)> = out
            .strata
            .iter()
            .map(|s| (s.credit_class.token().to_string(), s.pool, s.drawn))
            .collect();
        let checked: Vec<(String, u64, u64)> = n
            .strata
            .iter()
            .map(|s| (s.credit_class.token().to_string(), s.pool, s.drawn))
            .collect();
        assert_eq!(drawn, checked, "{}", c.id);
        assert_eq!(out.targets.len() as u64, n.targets);
        // Per department: targets and places of the draw, within the worst
        // case, and equal to the expectation where everything is drawn.
        for dep in &n.departments {
            let targets = out
                .needs
                .iter()
                .filter(|t| t.needs.iter().any(|x| x.department == dep.department))
                .count() as u64;
            let places: u64 = out
                .needs
                .iter()
                .flat_map(|t| t.needs.iter())
                .filter(|x| x.department == dep.department)
                .map(|x| x.demand)
                .sum();
            assert!(targets <= dep.targets.at_most);
            assert!(places <= dep.places.at_most);
            if c.id == "2026-JOINT-01" {
                assert_eq!(
                    dep.targets.exact,
                    Fraction::whole(targets),
                    "{}",
                    dep.department
                );
                assert_eq!(
                    dep.places.exact,
                    Fraction::whole(places),
                    "{}",
                    dep.department
                );
                assert_eq!(dep.targets.at_most, targets);
            }
        }
    }
    let joint = &report.campaigns[1].numbers.as_ref().unwrap();
    // Every drawn target needs at least one department; min_size 2 with one
    // department gives it both places.
    assert!(joint.departments.len() >= 4);
    // Year totals add the campaigns up.
    let sc = report
        .departments
        .iter()
        .find(|d| d.department == "县市场监管局")
        .unwrap();
    assert_eq!(sc.campaigns, vec!["2026-SC-01".to_string()]);
    // Periods: 2026-03-09..2026-04-30 has 38 working days (Qingming 04-04..06 off).
    assert_eq!(
        report.campaigns[0].period.as_ref().unwrap().working_days,
        38
    );
    // Nothing was recorded.
    assert!(ws.campaign_ids().unwrap().is_empty());
}

#[test]
fn a_department_that_cannot_staff_its_teams_is_a_problem_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    // Every 交通 target, one target per officer: far beyond 交通's officers.
    let text = full_plan().replace(
        "max_targets_per_officer = 20\n",
        "max_targets_per_officer = 1\n",
    );
    let plan = Plan::from_toml(&text).unwrap();
    let report = check(&ws, &plan, &Calendar::shipped(), now()).unwrap();
    assert!(!report.ok());
    let f = report
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::Capacity && f.severity == Severity::Problem)
        .expect("a capacity problem");
    assert_eq!(f.campaigns, vec!["2026-JOINT-01".to_string()]);
    assert!(f.department.is_some());
    assert!(
        f.message.contains(f.department.as_deref().unwrap()),
        "{}",
        f.message
    );

    // Officers of another county only: every pool entity is unstaffable.
    let text = full_plan().replace("officer_region = \"same\"", "officer_region = \"other\"");
    let plan = Plan::from_toml(&text).unwrap();
    let report = check(&ws, &plan, &Calendar::shipped(), now()).unwrap();
    let un: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::Unstaffable)
        .collect();
    assert!(!un.is_empty());
    assert!(un.iter().all(|f| f.severity == Severity::Problem));
    let sc = &report.campaigns[0].numbers.as_ref().unwrap().departments[0];
    assert_eq!(sc.department, "县市场监管局");
    assert_eq!(
        sc.unstaffable.entities,
        report.campaigns[0].numbers.as_ref().unwrap().pool
    );
    assert_eq!(sc.unstaffable.examples.len(), 5);
    assert!(
        sc.unstaffable
            .examples
            .windows(2)
            .all(|w| w[0].uscc < w[1].uscc)
    );
    assert_eq!(sc.unstaffable.examples[0].eligible, 0);
}

#[test]
fn periods_without_working_days_and_too_short_periods_are_problems() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    // Spring Festival 2026: 02-15..02-23 all off.
    let text = full_plan()
        .replace("draw_date = \"2026-03-02\"", "draw_date = \"2026-02-13\"")
        .replace(
            "start = \"2026-03-09\", end = \"2026-04-30\"",
            "start = \"2026-02-15\", end = \"2026-02-23\"",
        );
    let plan = Plan::from_toml(&text).unwrap();
    let report = check(&ws, &plan, &Calendar::shipped(), now()).unwrap();
    assert_eq!(report.campaigns[0].period.as_ref().unwrap().working_days, 0);
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.kind == FindingKind::NoWorkingDays
                && f.severity == Severity::Problem
                && f.campaigns == vec!["2026-SC-01".to_string()])
    );
    // One working day (Tue 2026-02-24) for every 交通 target at a daily limit of 1.
    let text = full_plan().replace(
        "year = 2026\n",
        "year = 2026\nmax_visits_per_officer_per_day = 1\n",
    ) + "[campaign.period]\nstart = \"2026-03-03\"\nend = \"2026-03-03\"\n";
    let plan = Plan::from_toml(&text).unwrap();
    let report = check(&ws, &plan, &Calendar::shipped(), now()).unwrap();
    let f = report
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::PeriodTooShort && f.severity == Severity::Problem)
        .expect("too short");
    assert_eq!(f.campaigns, vec!["2026-JOINT-01".to_string()]);
    // Both campaigns run in March: an overlap for 县市场监管局? Only if the joint
    // campaign needs it (its categories have no 市场监管 item): so none for it.
    assert!(
        !report
            .findings
            .iter()
            .any(|f| f.kind == FindingKind::Overlap
                && f.department.as_deref() == Some("县市场监管局"))
    );
}

#[test]
fn overlapping_periods_of_one_department_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    let text = plan_text("")
        + "[campaign.period]\nstart = \"2026-04-01\"\nend = \"2026-05-15\"\n\
           [[campaign]]\nid = \"2026-SC-02\"\ntitle = \"食品第二批\"\ndraw_date = \"2026-03-20\"\nitems = [\"SC-001\"]\nperiod = { start = \"2026-04-20\", end = \"2026-06-30\" }\n";
    let plan = Plan::from_toml(&text).unwrap();
    let report = check(&ws, &plan, &Calendar::shipped(), now()).unwrap();
    let o: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::Overlap)
        .collect();
    assert_eq!(o.len(), 1, "{o:#?}");
    assert_eq!(o[0].severity, Severity::Warning);
    assert_eq!(o[0].department.as_deref(), Some("县市场监管局"));
    assert_eq!(
        o[0].campaigns,
        vec!["2026-SC-01".to_string(), "2026-SC-02".to_string()]
    );
    assert!(report.ok());
}

#[test]
fn a_period_outside_the_known_calendar_is_an_error_not_a_guess() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    let text = plan_text("")
        .replace("year = 2026", "year = 2027")
        .replace("2026-03-02", "2027-03-02")
        .replace("2026-03-09", "2027-03-09")
        .replace("2026-04-30", "2027-04-30");
    let plan = Plan::from_toml(&text).unwrap();
    let e = check(&ws, &plan, &Calendar::shipped(), now()).unwrap_err();
    assert!(matches!(e, PlanCheckError::Calendar { .. }), "{e}");
    assert!(
        e.to_string()
            .contains("no official holiday schedule for 2027"),
        "{e}"
    );
    let mut cal = Calendar::shipped();
    cal.load_toml("[2027]\ndays_off = [\"01-01\"]\n").unwrap();
    assert!(check(&ws, &plan, &cal, now()).is_ok());
}

#[test]
fn campaigns_refused_at_announcement_are_problems_and_the_others_are_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    // The first campaign names an item that does not exist.
    let text = plan_text("").replace("\"SC-005\"", "\"SC-999\"");
    let plan = Plan::from_toml(&text).unwrap();
    let report = check(&ws, &plan, &Calendar::shipped(), now()).unwrap();
    assert!(!report.ok());
    assert!(!report.campaigns[0].announceable);
    assert!(report.campaigns[0].numbers.is_none());
    assert!(report.campaigns[1].announceable);
    assert!(report.campaigns[1].numbers.is_some());
    let f = &report.findings[0];
    assert_eq!(f.kind, FindingKind::Announce);
    assert!(f.message.contains("SC-999"), "{}", f.message);

    // A workspace without a snapshot cannot be checked.
    let empty = tempfile::tempdir().unwrap();
    let ws = Workspace::init_with_key(empty.path(), SaltKey::from_bytes([9; 32])).unwrap();
    assert!(matches!(
        check(&ws, &plan, &Calendar::shipped(), now()),
        Err(PlanCheckError::NoSnapshot)
    ));
}
