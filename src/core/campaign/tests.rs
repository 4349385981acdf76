use super::*;

const C1: &str = "0000000000000000000000000000000000000000000000000000000000000001";
const C2: &str = "0000000000000000000000000000000000000000000000000000000000000002";

fn example() -> String {
    format!(
        r#"
id = "2026-JOINT-01"
title = "2026年部门联合双随机抽查（第一批）"
lead_department = "县市场监管局"
draw_date = "2026-03-02"               # eligibility (status, certificate validity) is judged as of this date
items = ["SC-001", "JY-002", "WL-001", "JT-003", "GA-004"]
[targets]
categories = ["民办学校", "旅游市场", "客运站", "爆破作业单位"]
regions = ["520123"]
exclude_flags = []
exclude_inspected_within_days = 365
[[targets.strata]]
credit_class = "A"
ratio = "3%"
[[targets.strata]]
credit_class = "D"
ratio = "30%"
min = 1
[teams]
min_size = 2
per_department = 1
max_targets_per_officer = 10
officer_region = "same"
avoid_same_officer_within_days = 365
[entropy]
witnesses = [{{ name = "义务监督员甲", commitment = "{C1}" }}, {{ name = "义务监督员乙", commitment = "{C2}" }}]
beacon = {{ scheme = "drand-quicknet", round = 12345678 }}
"#
    )
}

#[test]
fn the_issue_example_parses_as_written() {
    let c = Campaign::from_toml(&example()).unwrap();
    assert_eq!(c.id, "2026-JOINT-01");
    assert_eq!(
        c.items,
        vec!["GA-004", "JT-003", "JY-002", "SC-001", "WL-001"]
    );
    assert_eq!(c.targets.strata.len(), 2);
    assert_eq!(
        c.targets.strata[0].rule,
        StratumRule::Ratio(Ratio::new(3, 100).unwrap())
    );
    assert_eq!(c.targets.strata[1].min, Some(1));
    assert_eq!(c.teams.officer_region, OfficerRegion::Same);
    assert_eq!(c.entropy.beacon.as_ref().unwrap().round, "12345678");
    assert_eq!(c.entropy.on_missing_reveal, MissingReveal::Void);
}

#[test]
fn a_file_without_optional_keys_gets_the_documented_defaults() {
    let c = Campaign::from_toml(&format!(
        "id = \"X\"\ntitle = \"t\"\nlead_department = \"县市场监管局\"\ndraw_date = 2026-03-02\nitems = [\"SC-001\"]\n[entropy]\nwitnesses = [{{ name = \"甲\", commitment = \"{C1}\" }}]\n"
    ))
    .unwrap();
    assert_eq!(c.targets.categories, None);
    assert!(c.targets.regions.is_empty() && c.targets.strata.is_empty());
    assert_eq!(c.teams.min_size, 2);
    assert_eq!(c.teams.per_department, 1);
    assert_eq!(c.teams.max_targets_per_officer, None);
    assert_eq!(c.teams.officer_region, OfficerRegion::Any);
    assert_eq!(c.entropy.beacon, None);
}

#[test]
fn ratios_are_exact_and_round_up() {
    assert_eq!(Ratio::parse("2.5%"), Ratio::new(1, 40));
    assert_eq!(Ratio::parse("1/30"), Ratio::new(1, 30));
    assert_eq!(Ratio::parse("0.03"), Ratio::new(3, 100));
    assert_eq!(Ratio::parse("100%"), Ratio::new(1, 1));
    assert_eq!(Ratio::parse("120%"), None);
    assert_eq!(Ratio::parse("x%"), None);
    let r = Ratio::new(3, 100).unwrap();
    assert_eq!(r.ceil_of(0), 0);
    assert_eq!(r.ceil_of(1), 1);
    assert_eq!(r.ceil_of(100), 3);
    assert_eq!(r.ceil_of(101), 4);
    assert_eq!(Ratio::new(1, 1).unwrap().ceil_of(u64::MAX), u64::MAX);
    let s = Stratum {
        credit_class: CreditClass::D,
        rule: StratumRule::Ratio(r),
        min: Some(5),
        max: Some(7),
    };
    assert_eq!(s.allocate(0), 0);
    assert_eq!(s.allocate(3), 3);
    assert_eq!(s.allocate(100), 5);
    assert_eq!(s.allocate(1000), 7);
}

fn refused(text: &str) -> CampaignError {
    Campaign::from_toml(text).unwrap_err()
}

#[test]
fn bad_campaigns_are_refused_naming_the_key() {
    let base = example();
    let e = refused(&base.replace("min_size = 2", "min_size = 1"));
    assert!(
        matches!(&e, CampaignError::Invalid { key, .. } if key == "teams.min_size"),
        "{e}"
    );
    let e = refused(&base.replace("ratio = \"3%\"", "ratio = 0.03"));
    assert!(e.to_string().contains("floating point"), "{e}");
    let e = refused(&base.replace("ratio = \"3%\"", "ratio = \"3%\"\ncount = 4"));
    assert!(e.to_string().contains("not both"), "{e}");
    let e = refused(&base.replace("officer_region = \"same\"", "officer_region = \"near\""));
    assert!(e.to_string().contains("teams.officer_region"), "{e}");
    let e = refused(&base.replace("exclude_flags = []", "exclude_flagz = []"));
    assert!(
        matches!(e, CampaignError::Toml { line: Some(10), .. }),
        "{e}"
    );
    let e = refused(&base.replace(C2, "nothex"));
    assert!(
        e.to_string().contains("entropy.witnesses[2].commitment"),
        "{e}"
    );
    let e = refused(&base.replace("credit_class = \"D\"", "credit_class = \"A\""));
    assert!(e.to_string().contains("two strata"), "{e}");
    let no_beacon = base.replace(
        "beacon = { scheme = \"drand-quicknet\", round = 12345678 }",
        "on_missing_reveal = \"proceed\"",
    );
    assert!(
        refused(&no_beacon)
            .to_string()
            .contains("only with a beacon")
    );
}

#[test]
fn any_change_of_a_field_changes_the_campaign_hash() {
    let c = Campaign::from_toml(&example()).unwrap();
    let h = c.hash();
    type Edit = Box<dyn Fn(&mut Campaign)>;
    let edits: Vec<Edit> = vec![
        Box::new(|c| c.id.push('x')),
        Box::new(|c| c.title.push('x')),
        Box::new(|c| c.draw_date = c.draw_date.succ_opt().unwrap()),
        Box::new(|c| c.items.pop().map(|_| ()).unwrap_or(())),
        Box::new(|c| c.targets.categories = None),
        Box::new(|c| c.targets.regions.clear()),
        Box::new(|c| c.targets.exclude_inspected_within_days += 1),
        Box::new(|c| c.targets.strata[1].min = None),
        Box::new(|c| c.teams.per_department += 1),
        Box::new(|c| c.teams.max_targets_per_officer = None),
        Box::new(|c| c.teams.officer_region = OfficerRegion::Any),
        Box::new(|c| c.entropy.witnesses.reverse()),
        Box::new(|c| c.entropy.beacon = None),
        Box::new(|c| c.entropy.on_missing_reveal = MissingReveal::Proceed),
    ];
    for (i, edit) in edits.iter().enumerate() {
        let mut d = c.clone();
        edit(&mut d);
        assert_ne!(d.hash(), h, "edit {i}");
    }
    // JSON round trip keeps the hash (proofs carry the campaign as JSON).
    let back: Campaign = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
    assert_eq!(back.hash(), h);
}

#[test]
fn assignment_v2_enters_the_hash_and_v1_keeps_its_bytes() {
    let base = example();
    // A file without the key is a new campaign: v2, the default.
    let default = Campaign::from_toml(&base).unwrap();
    assert_eq!(default.teams.assignment, AssignmentVersion::V2);
    let v1 = Campaign::from_toml(&base.replace(
        "officer_region = \"same\"",
        "officer_region = \"same\"\nassignment = \"v1\"",
    ))
    .unwrap();
    assert_eq!(v1.teams.assignment, AssignmentVersion::V1);
    // v1 encodes nothing for the key: the bytes a file without it had before v2.
    let mut unmarked = v1.clone();
    unmarked.teams.assignment = AssignmentVersion::V1;
    assert_eq!(unmarked.canonical(), v1.canonical());
    let v2 = Campaign::from_toml(&base.replace(
        "officer_region = \"same\"",
        "officer_region = \"same\"\nassignment = \"v2\"",
    ))
    .unwrap();
    assert_eq!(v2.teams.assignment, AssignmentVersion::V2);
    assert_eq!(v2.canonical(), default.canonical());
    assert_ne!(v2.hash(), v1.hash());
    assert!(v2.canonical().starts_with(&v1.canonical()));
    // JSON: v1 writes nothing, v2 writes the key, both read back.
    let j1 = serde_json::to_value(&v1).unwrap();
    assert!(j1["teams"].get("assignment").is_none());
    let j2 = serde_json::to_value(&v2).unwrap();
    assert_eq!(j2["teams"]["assignment"], "v2");
    let back: Campaign = serde_json::from_value(j2).unwrap();
    assert_eq!(back, v2);
    // A stored JSON campaign without the key (announced before v2) reads as v1.
    let old: Campaign = serde_json::from_value(j1).unwrap();
    assert_eq!(old.teams.assignment, AssignmentVersion::V1);
    assert_eq!(old.hash(), v1.hash());
    let e = refused(&base.replace(
        "officer_region = \"same\"",
        "officer_region = \"same\"\nassignment = \"v3\"",
    ));
    assert!(e.to_string().contains("teams.assignment"), "{e}");
}

#[test]
fn typed_reasons_keep_the_english_texts_and_carry_their_fields() {
    let base = example();
    let e = refused(&base.replace("min_size = 2", "min_size = 1"));
    assert_eq!(
        e.to_string(),
        "teams.min_size = \"1\": at least 2: the law requires two officers per inspection (行政处罚法 第四十二条)"
    );
    assert!(
        matches!(
            &e,
            CampaignError::Invalid {
                reason: super::Reason::TeamTooSmall,
                ..
            }
        ),
        "{e:?}"
    );
    let e = refused(&base.replace("draw_date = \"2026-03-02\"", "draw_date = \"2026-13-01\""));
    assert_eq!(
        e.to_string(),
        "draw_date = \"2026-13-01\": not a date YYYY-MM-DD"
    );
    let e = refused(&base.replace("ratio = \"3%\"", "ratio = \"3%\"\ncount = 4"));
    assert!(
        matches!(
            &e,
            CampaignError::Invalid {
                reason: super::Reason::RatioAndCount,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(
        e.to_string().ends_with(": give ratio or count, not both"),
        "{e}"
    );
}
