//! Parsing and merging: defaults and each campaign's own keys, and the
//! errors that name the plan's file, line, key and campaign.

use super::*;
use crate::core::campaign::{CampaignError, OfficerRegion, StratumRule};
use crate::plan::parse::{lookup, merge, path_at_line};

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
