use super::check::Tally;
use super::parse::{lookup, merge, path_at_line};
use super::*;
use crate::core::calendar::Calendar;
use crate::core::campaign::{CampaignError, OfficerRegion, StratumRule};
use crate::core::registry::RegistryKind;
use crate::core::sample::PrnKey;
use crate::io::generate::{CountySpec, county};
use crate::{SaltKey, Workspace};
use chrono::{DateTime, NaiveDate, Utc};

const C1: &str = "0000000000000000000000000000000000000000000000000000000000000001";
const C2: &str = "0000000000000000000000000000000000000000000000000000000000000002";

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-01-05T09:00:00+08:00")
        .unwrap()
        .with_timezone(&Utc)
}

/// A plan with shared defaults and two campaigns; `extra` is appended (more
/// campaigns or keys of the last one).
fn plan_text(extra: &str) -> String {
    format!(
        r#"plan = "XX县2026年度双随机抽查计划"
year = 2026

[defaults]
lead_department = "县市场监管局"
[defaults.teams]
max_targets_per_officer = 10
officer_region = "same"
[defaults.entropy]
witnesses = [{{ name = "义务监督员甲", commitment = "{C1}" }}, {{ name = "义务监督员乙", commitment = "{C2}" }}]
[[defaults.targets.strata]]
credit_class = "A"
ratio = "3%"
[[defaults.targets.strata]]
credit_class = "B"
ratio = "5%"
[[defaults.targets.strata]]
credit_class = "C"
ratio = "10%"
[[defaults.targets.strata]]
credit_class = "D"
ratio = "30%"
min = 1

[[campaign]]
id = "2026-SC-01"
title = "食品药品"
draw_date = "2026-03-02"
items = ["SC-001", "SC-005", "SC-006"]
period = {{ start = "2026-03-09", end = "2026-04-30" }}

[[campaign]]
id = "2026-JOINT-01"
title = "部门联合"
draw_date = 2026-03-02
items = ["SC-001", "JY-002", "WL-001", "JT-003", "GA-004"]
[campaign.targets]
categories = ["民办学校", "旅游市场", "客运站", "爆破作业单位"]
[campaign.teams]
min_size = 3
{extra}"#
    )
}

// ---------------------------------------------------------------------------
// Parsing and merging
// ---------------------------------------------------------------------------

#[test]
fn a_plan_parses_with_defaults_merged_and_the_campaigns_own_keys_winning() {
    let p = Plan::from_toml(&plan_text("")).unwrap();
    assert_eq!(p.name, "XX县2026年度双随机抽查计划");
    assert_eq!(p.year, 2026);
    assert_eq!(p.max_visits_per_officer_per_day, 2);
    assert_eq!(p.campaigns.len(), 2);
    let (a, b) = (&p.campaigns[0], &p.campaigns[1]);
    assert_eq!(a.id, "2026-SC-01");
    assert_eq!(a.lead_department, "县市场监管局");
    assert_eq!(a.targets.strata.len(), 4);
    assert_eq!(a.teams.max_targets_per_officer, Some(10));
    assert_eq!(a.teams.officer_region, OfficerRegion::Same);
    assert_eq!(a.entropy.witnesses.len(), 2);
    assert_eq!(a.period.unwrap().end, d("2026-04-30"));
    // [campaign.teams] merges key by key with [defaults.teams].
    assert_eq!(b.teams.min_size, 3);
    assert_eq!(b.teams.max_targets_per_officer, Some(10));
    assert_eq!(b.teams.officer_region, OfficerRegion::Same);
    assert_eq!(b.draw_date, d("2026-03-02"));
    assert_eq!(b.targets.categories.as_ref().unwrap().len(), 4);
    // Each campaign is exactly what its own campaign file would give.
    assert_eq!(a.hash(), a.clone().hash());
}

#[test]
fn arrays_are_replaced_not_merged() {
    let p = Plan::from_toml(&plan_text(
        "[[campaign.targets.strata]]\ncredit_class = \"A\"\ncount = 2\n[[campaign.targets.strata]]\ncredit_class = \"B\"\ncount = 1\n[[campaign.targets.strata]]\ncredit_class = \"C\"\ncount = 1\n[[campaign.targets.strata]]\ncredit_class = \"D\"\ncount = 1\n",
    ))
    .unwrap();
    let b = &p.campaigns[1];
    assert_eq!(b.targets.strata.len(), 4);
    assert_eq!(b.targets.strata[0].rule, StratumRule::Count(2));
    // The first campaign keeps the defaults' strata.
    assert!(matches!(
        p.campaigns[0].targets.strata[0].rule,
        StratumRule::Ratio(_)
    ));
}

#[test]
fn merge_is_deep_for_tables_only() {
    let defaults: toml::Table =
        toml::from_str("a = 1\nlist = [1, 2]\n[t]\nx = 1\ny = 2\n[t.u]\nz = 3\n").unwrap();
    let own: toml::Table = toml::from_str("list = [3]\n[t]\ny = 5\n[t.u]\nw = 4\n").unwrap();
    let m = merge(&defaults, &own);
    let want: toml::Table =
        toml::from_str("a = 1\nlist = [3]\n[t]\nx = 1\ny = 5\n[t.u]\nz = 3\nw = 4\n").unwrap();
    assert_eq!(m, want);
}

#[test]
fn max_visits_per_officer_per_day_is_read_and_checked() {
    let p = Plan::from_toml(&plan_text("").replace(
        "year = 2026\n",
        "year = 2026\nmax_visits_per_officer_per_day = 3\n",
    ))
    .unwrap();
    assert_eq!(p.max_visits_per_officer_per_day, 3);
    let e = Plan::from_toml(&plan_text("").replace(
        "year = 2026\n",
        "year = 2026\nmax_visits_per_officer_per_day = 0\n",
    ))
    .unwrap_err();
    assert!(
        matches!(&e, PlanError::Invalid { key, .. } if key == "max_visits_per_officer_per_day"),
        "{e}"
    );
}

fn key_of(e: &PlanError) -> String {
    match e {
        PlanError::Invalid { key, .. } => key.clone(),
        other => panic!("not an Invalid error: {other:?}"),
    }
}

#[test]
fn the_plans_own_keys_are_checked_by_name() {
    let base = plan_text("");
    let cases: Vec<(String, &str, &str)> = vec![
        (
            base.replace("plan = \"XX县2026年度双随机抽查计划\"\n", ""),
            "plan",
            "missing",
        ),
        (
            base.replace("plan = \"XX县2026年度双随机抽查计划\"", "plan = \" \""),
            "plan",
            "non-empty",
        ),
        (base.replace("year = 2026\n", ""), "year", "missing"),
        (
            base.replace("year = 2026", "year = \"2026\""),
            "year",
            "integer",
        ),
        (base.replace("year = 2026", "year = 0"), "year", "integer"),
        (
            format!("campaigns = 1\n{base}"),
            "campaigns",
            "[[campaign]]",
        ),
        (
            format!("department = \"x\"\n{base}"),
            "department",
            "unknown key",
        ),
        (
            base.replace("[defaults]\n", "[defaults]\nid = \"X\"\n"),
            "defaults.id",
            "its own id",
        ),
        (
            base.replace("[defaults]\n", "[defaults]\ntitle = \"X\"\n"),
            "defaults.title",
            "its own title",
        ),
        (
            "plan = \"p\"\nyear = 2026\ndefaults = 3\n[[campaign]]\nid = \"a\"\n".to_string(),
            "defaults",
            "a table",
        ),
        (
            "plan = \"p\"\nyear = 2026\n".to_string(),
            "campaign",
            "missing",
        ),
        (
            "plan = \"p\"\nyear = 2026\ncampaign = []\n".to_string(),
            "campaign",
            "at least one",
        ),
        (
            "plan = \"p\"\nyear = 2026\ncampaign = [1]\n".to_string(),
            "campaign[1]",
            "table",
        ),
    ];
    for (text, key, reason) in cases {
        let e = Plan::from_toml(&text).unwrap_err();
        assert_eq!(key_of(&e), key, "{e}");
        assert!(e.to_string().contains(reason), "{key}: {e}");
    }
}

#[test]
fn a_toml_syntax_error_names_the_plan_files_line() {
    let text = plan_text("").replace("items = [\"SC-001\", \"SC-005\", \"SC-006\"]", "items = [");
    let e = Plan::from_toml(&text).unwrap_err();
    assert!(matches!(e, PlanError::Toml { line: Some(_), .. }), "{e:?}");
    assert!(e.to_string().starts_with("plan file, line "), "{e}");
}

#[test]
fn an_unknown_campaign_key_is_named_with_its_path_and_campaign() {
    let e = Plan::from_toml(&plan_text("frob = 1\n")).unwrap_err();
    assert!(
        matches!(&e, PlanError::CampaignKey { index: 2, key: Some(k), .. } if k == "teams.frob"),
        "{e:?}"
    );
    assert!(
        e.to_string()
            .starts_with("campaign[2] (2026-JOINT-01): teams.frob: unknown field `frob`"),
        "{e}"
    );

    let text = plan_text("").replace("id = \"2026-SC-01\"\n", "id = \"2026-SC-01\"\nfrob = 2\n");
    let e = Plan::from_toml(&text).unwrap_err();
    assert_eq!(
        e.to_string().split(": unknown").next().unwrap(),
        "campaign[1] (2026-SC-01): frob"
    );

    // Inside the second stratum (numbered from 1, as campaign errors are).
    let text = plan_text("").replace("ratio = \"5%\"\n", "ratio = \"5%\"\nfrob = 1\n");
    let e = Plan::from_toml(&text).unwrap_err();
    assert!(
        e.to_string().starts_with(
            "campaign[1] (2026-SC-01): defaults.targets.strata[2].frob: unknown field"
        ),
        "{e}"
    );

    // A misspelt key of [defaults] is named as such.
    let text = plan_text("").replace("[defaults.teams]\n", "[defaults.teams]\nmin_sise = 2\n");
    let e = Plan::from_toml(&text).unwrap_err();
    assert!(
        e.to_string().starts_with(
            "campaign[1] (2026-SC-01): defaults.teams.min_sise: unknown field `min_sise`"
        ),
        "{e}"
    );
}

#[test]
fn a_mistyped_or_missing_campaign_key_is_named() {
    let text = plan_text("").replace(
        "items = [\"SC-001\", \"SC-005\", \"SC-006\"]",
        "items = \"SC-001\"",
    );
    let e = Plan::from_toml(&text).unwrap_err();
    assert!(
        matches!(&e, PlanError::CampaignKey { index: 1, key: Some(k), .. } if k == "items"),
        "{e:?}"
    );
    let text = plan_text("").replace("title = \"食品药品\"\n", "");
    let e = Plan::from_toml(&text).unwrap_err();
    assert!(
        matches!(&e, PlanError::CampaignKey { index: 1, key: None, message, .. } if message.contains("missing field `title`")),
        "{e:?}"
    );
    assert!(
        e.to_string()
            .starts_with("campaign[1] (2026-SC-01): missing field `title`"),
        "{e}"
    );
    // A stratum without its class: named at the stratum.
    let text = plan_text("").replace("credit_class = \"B\"\n", "");
    let e = Plan::from_toml(&text).unwrap_err();
    assert!(
        e.to_string().starts_with(
            "campaign[1] (2026-SC-01): defaults.targets.strata[2]: missing field `credit_class`"
        ),
        "{e}"
    );
}

#[test]
fn campaign_check_errors_name_the_campaign_the_key_and_where_the_value_comes_from() {
    let e = Plan::from_toml(&plan_text("").replace("ratio = \"10%\"", "ratio = 0.1")).unwrap_err();
    match &e {
        PlanError::Campaign {
            index: 1,
            from_defaults: true,
            source: CampaignError::Invalid { key, .. },
            ..
        } => assert_eq!(key, "targets.strata[3].ratio"),
        other => panic!("{other:?}"),
    }
    assert!(
        e.to_string().ends_with("(the value comes from [defaults])"),
        "{e}"
    );

    let e = Plan::from_toml(&plan_text("").replace("min_size = 3", "min_size = 1")).unwrap_err();
    match &e {
        PlanError::Campaign {
            index: 2,
            id: Some(id),
            from_defaults: false,
            source: CampaignError::Invalid { key, .. },
        } => {
            assert_eq!(key, "teams.min_size");
            assert_eq!(id, "2026-JOINT-01");
        }
        other => panic!("{other:?}"),
    }
    assert!(
        e.to_string()
            .starts_with("campaign[2] (2026-JOINT-01): teams.min_size = \"1\": at least 2"),
        "{e}"
    );
}

#[test]
fn duplicate_ids_are_refused() {
    let text = plan_text("").replace("id = \"2026-JOINT-01\"", "id = \"2026-SC-01\"");
    let e = Plan::from_toml(&text).unwrap_err();
    assert_eq!(
        e,
        PlanError::DuplicateId {
            id: "2026-SC-01".into(),
            first: 1,
            second: 2
        }
    );
    assert_eq!(
        e.to_string(),
        "campaign[2] has id \"2026-SC-01\" like campaign[1]: campaign ids are unique"
    );
}

#[test]
fn dates_outside_the_plans_year_are_refused() {
    let text = plan_text("").replace("draw_date = 2026-03-02", "draw_date = 2027-03-02");
    let e = Plan::from_toml(&text).unwrap_err();
    assert!(
        matches!(&e, PlanError::OutsideYear { index: 2, key, year: 2026, .. } if key == "draw_date"),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        "campaign[2] (2026-JOINT-01): draw_date = 2027-03-02 is not in the plan's year 2026"
    );
    let text = plan_text("").replace("end = \"2026-04-30\"", "end = \"2027-01-10\"");
    let e = Plan::from_toml(&text).unwrap_err();
    assert!(
        matches!(&e, PlanError::OutsideYear { index: 1, key, .. } if key == "period.end"),
        "{e:?}"
    );
}

#[test]
fn key_paths_are_found_in_a_written_table() {
    let text = "draw_date = 2026-03-02\nid = \"a\"\n\n[[entropy.witnesses]]\nname = \"x\"\n\n[[entropy.witnesses]]\nname = \"y\"\nx = 2\n\n[targets]\nregions = 3\n";
    assert_eq!(path_at_line(text, 2, false).as_deref(), Some("id"));
    assert_eq!(path_at_line(text, 1, true), None);
    assert_eq!(
        path_at_line(text, 9, false).as_deref(),
        Some("entropy.witnesses[2].x")
    );
    assert_eq!(
        path_at_line(text, 7, true).as_deref(),
        Some("entropy.witnesses[2]")
    );
    assert_eq!(
        path_at_line(text, 12, false).as_deref(),
        Some("targets.regions")
    );
    let t: toml::Table = toml::from_str(text).unwrap();
    assert_eq!(
        lookup(&t, "entropy.witnesses[2].x"),
        Some(&toml::Value::Integer(2))
    );
    assert_eq!(lookup(&t, "entropy.witnesses[3].x"), None);
    assert_eq!(lookup(&t, "entropy.witnesses[0].x"), None);
    assert_eq!(lookup(&t, "id.x"), None);
}

// ---------------------------------------------------------------------------
// Exact arithmetic
// ---------------------------------------------------------------------------

#[test]
fn fractions_add_compare_and_round_exactly() {
    let f = |n, d| Fraction::new(n, d).unwrap();
    assert_eq!(f(2, 4), f(1, 2));
    assert!(Fraction::new(1, 0).is_none());
    assert_eq!(f(1, 3).checked_add(f(1, 6)).unwrap(), f(1, 2));
    assert_eq!(f(1, 2).to_string(), "1/2");
    assert_eq!(f(6, 3).to_string(), "2");
    // Rounded half up, to one decimal.
    assert_eq!(f(1, 20).rounded(), "0.1");
    assert_eq!(f(1, 21).rounded(), "0.0");
    assert_eq!(f(705, 4).rounded(), "176.3"); // 176.25
    assert_eq!(f(7049, 40).rounded(), "176.2"); // 176.225
    assert_eq!(f(19, 5).rounded(), "3.8");
    assert_eq!(Fraction::ZERO.rounded(), "0.0");
    assert_eq!(f(19, 5).ceil(), 4);
    assert_eq!(f(4, 1).ceil(), 4);
    assert!(f(19, 5).exceeds(3));
    assert!(!f(19, 5).exceeds(4));
    assert!(!f(4, 1).exceeds(4));
    assert_eq!(f(1, 3).millionths(), 333_333);
    assert_eq!(Fraction::whole(7), f(7, 1));
    // Large values never panic.
    let big = f(u128::MAX / 3, 7);
    assert!(big.checked_add(big).is_some() || big.checked_add(big).is_none());
    let _ = big.rounded();
    let _ = f(1, u128::MAX).rounded();
}

#[test]
fn expectations_per_stratum_are_exact_and_the_worst_case_takes_the_largest() {
    let mut t = Tally::default();
    // Stratum A: N = 10, n = 3; four entities need 1 place, one needs 2.
    for _ in 0..4 {
        t.add(0, 1);
    }
    t.add(0, 2);
    t.add(0, 0); // needs nothing: not counted
    // Stratum C: N = 5, n = 5 (all drawn); two entities need 1.
    t.add(2, 1);
    t.add(2, 1);
    let e = t.expected(&[(10, 3), (0, 0), (5, 5), (0, 0)]).unwrap();
    // 3·6/10 + 5·2/5 = 1.8 + 2 = 19/5.
    assert_eq!(e.exact, Fraction::new(19, 5).unwrap());
    assert_eq!(e.rounded, "3.8");
    assert_eq!(e.ceil, 4);
    // Worst case: 2 + 1 + 1 from A, 1 + 1 from C.
    assert_eq!(e.at_most, 6);
    assert_eq!(
        Tally::default().expected(&[(0, 0); 4]).unwrap(),
        Expected::zero()
    );
}

#[test]
fn year_sums_are_in_millionths() {
    let a = Expected::new(Fraction::new(1, 3).unwrap(), 1);
    let b = Expected::new(Fraction::new(1, 6).unwrap(), 2);
    let y = YearExpected::sum([&a, &b]);
    assert_eq!(y.millionths, 499_999);
    assert_eq!(y.rounded, "0.5");
    assert_eq!(y.at_most, 3);
}

// ---------------------------------------------------------------------------
// Checking against a workspace
// ---------------------------------------------------------------------------

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
