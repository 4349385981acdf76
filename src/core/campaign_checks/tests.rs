use super::*;
use crate::core::announcement::{History, announce};
use crate::core::commitment::{SaltKey, SnapshotRoots};
use crate::core::draw::{draw, staff};
use crate::core::record_proof::SnapshotRef;
use crate::core::registry::vocab::OfficerStatus;
use crate::core::sample::PrnKey;
use crate::io::generate::{CountySpec, county};

fn registries(entities: u64) -> Registries {
    county(&CountySpec {
        entities,
        ..Default::default()
    })
    .unwrap()
}

fn campaign_text(edit: &str) -> String {
    let base = format!(
        r#"id = "CHK-01"
title = "检查"
lead_department = "县市场监管局"
draw_date = "2026-03-02"
items = ["SC-001", "JY-002", "WL-001", "JT-003", "GA-004"]
[targets]
categories = ["食品销售经营者", "民办学校", "旅游市场", "客运站"]
[[targets.strata]]
credit_class = "A"
ratio = "3%"
[[targets.strata]]
credit_class = "B"
ratio = "5%"
[[targets.strata]]
credit_class = "C"
ratio = "10%"
[[targets.strata]]
credit_class = "D"
ratio = "30%"
[teams]
max_targets_per_officer = 40
[entropy]
witnesses = [{{ name = "甲", commitment = "{}" }}]
"#,
        crate::core::entropy::witness_commitment("secret-甲")
    );
    if edit.is_empty() {
        return base;
    }
    let (from, to) = edit.split_once("=>").unwrap();
    assert!(base.contains(from), "{from}");
    base.replace(from, to)
}

fn announced(reg: &Registries, text: &str, at: &str) -> Announcement {
    let roots = SnapshotRoots::compute(reg, &SaltKey::from_bytes([3; 32]));
    let sref = SnapshotRef {
        id: 1,
        digest: roots.digest(),
        roots,
    };
    let now = chrono::DateTime::parse_from_rfc3339(at)
        .unwrap()
        .with_timezone(&Utc);
    let c = Campaign::from_toml(text).unwrap();
    announce(reg, sref, c, History::default(), None, Hash([0; 32]), now)
        .unwrap()
        .0
}

/// The campaign with one target per officer: few officer places, so that
/// some draws fail and some do not.
fn one_target_per_officer() -> String {
    campaign_text("max_targets_per_officer = 40=>max_targets_per_officer = 1")
}

const AT: &str = "2026-03-01T09:00:00+08:00";

fn go() -> impl FnMut(u64) -> bool {
    |_| true
}

#[test]
fn risk_seeds_are_pinned_and_never_the_real_seed() {
    let h = Hash([7; 32]);
    // Value stability: the documented derivation, byte for byte.
    let mut bytes = Vec::new();
    bytes.extend_from_slice(&(RISK_LABEL.len() as u32).to_be_bytes());
    bytes.extend_from_slice(RISK_LABEL.as_bytes());
    bytes.extend_from_slice(&h.0);
    bytes.extend_from_slice(&5u64.to_be_bytes());
    assert_eq!(risk_seed(&h, 5), Hash::digest(&bytes));
    assert_ne!(risk_seed(&h, 5), risk_seed(&h, 6));
    // The real seed of an announcement with that hash and no reveal differs.
    assert_ne!(risk_seed(&h, 0), crate::core::entropy::seed(&h, &[], None));
}

#[test]
fn a_draw_date_before_the_announcement_day_is_refused_unless_allowed() {
    let reg = registries(600);
    let a = announced(&reg, &campaign_text(""), "2026-03-03T09:00:00+08:00");
    let e = check_announcement(&reg, &a, &CheckOptions::default(), &mut go()).unwrap_err();
    assert!(matches!(e, CheckError::PastDrawDate { .. }), "{e}");
    assert!(e.to_string().contains("--allow-past"));
    let opts = CheckOptions {
        allow_past: true,
        ..Default::default()
    };
    check_announcement(&reg, &a, &opts, &mut go()).unwrap();
    // The China date counts: 2026-03-02 01:00 China time is still 2026-03-01 UTC.
    let a = announced(&reg, &campaign_text(""), "2026-03-02T01:00:00+08:00");
    check_announcement(&reg, &a, &CheckOptions::default(), &mut go()).unwrap();
    let a = announced(&reg, &campaign_text(""), "2026-03-02T23:59:59+08:00");
    check_announcement(&reg, &a, &CheckOptions::default(), &mut go()).unwrap();
}

#[test]
fn a_lead_department_without_items_is_refused() {
    let reg = registries(600);
    let a = announced(
        &reg,
        &campaign_text("lead_department = \"县市场监管局\"=>lead_department = \"县应急管理局\""),
        AT,
    );
    let e = check_announcement(&reg, &a, &CheckOptions::default(), &mut go()).unwrap_err();
    let CheckError::LeadWithoutItems { lead, departments } = &e else {
        panic!("{e}");
    };
    assert_eq!(lead, "县应急管理局");
    assert!(departments.contains(&"县教育局".to_string()));
}

#[test]
fn an_empty_pool_is_refused() {
    let reg = registries(600);
    let a = announced(
        &reg,
        &campaign_text("[targets]\n=>[targets]\nregions = [\"110101\"]\n"),
        AT,
    );
    let e = check_announcement(&reg, &a, &CheckOptions::default(), &mut go()).unwrap_err();
    assert!(matches!(e, CheckError::EmptyPool { .. }), "{e}");
}

#[test]
fn a_department_without_active_officers_is_certainly_infeasible_with_the_draws_explanation() {
    let mut reg = registries(3000);
    for o in reg
        .officers
        .iter_mut()
        .filter(|o| o.department == "县文旅局")
    {
        o.status = OfficerStatus::Retired;
    }
    // Only tourism businesses: every target needs the culture and tourism bureau.
    let text = campaign_text(
        "categories = [\"食品销售经营者\", \"民办学校\", \"旅游市场\", \"客运站\"]=>categories = [\"旅游市场\"]",
    );
    let a = announced(&reg, &text, AT);
    let e = check_announcement(&reg, &a, &CheckOptions::default(), &mut go()).unwrap_err();
    let CheckError::Infeasible(c) = &e else {
        panic!("{e}");
    };
    assert!(!c.strata.is_empty(), "{e}");
    let u = c.unstaffable();
    assert!(u.iter().all(|u| u.department == "县文旅局"));
    assert!(u[0].eligible.is_empty());
    assert!(
        u[0].excluded
            .contains_key(&crate::core::assign::Exclusion::NotActive)
    );
    // And indeed every draw fails there.
    let p = Prepared::new(&reg, &a).unwrap();
    for i in 0..5 {
        let Err(inf) = p.simulate(i) else {
            panic!("simulated draw {i} was staffed");
        };
        assert!(inf.0.iter().any(|u| u.department == "县文旅局"));
    }
}

#[test]
fn a_department_short_of_places_in_every_draw_is_certainly_infeasible() {
    let mut reg = registries(3000);
    // Four active officers of the market regulator, each for one target.
    let mut kept = 0;
    for o in reg
        .officers
        .iter_mut()
        .filter(|o| o.department == "县市场监管局")
    {
        if o.eligible_on(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()) && kept < 4 {
            kept += 1;
        } else {
            o.status = OfficerStatus::OnLeave;
        }
    }
    let text = campaign_text(
        "categories = [\"食品销售经营者\", \"民办学校\", \"旅游市场\", \"客运站\"]=>categories = [\"食品销售经营者\"]",
    )
    .replace("max_targets_per_officer = 40", "max_targets_per_officer = 1");
    let a = announced(&reg, &text, AT);
    let e = Prepared::new(&reg, &a)
        .unwrap()
        .check_certain()
        .unwrap_err();
    let CheckError::Infeasible(c) = &e else {
        panic!("{e}");
    };
    let k = c
        .capacity
        .iter()
        .find(|k| k.department == "县市场监管局")
        .unwrap_or_else(|| panic!("{e}"));
    assert_eq!(k.eligible, 4);
    assert!(k.min_places > 4);
    assert!(k.not_active > 0);
    assert!(e.to_string().contains("县市场监管局"));
}

#[test]
fn the_estimate_is_reproducible_and_its_draws_are_pinned() {
    let reg = registries(3000);
    let a = announced(&reg, &one_target_per_officer(), AT);
    let p = Prepared::new(&reg, &a).unwrap();
    let r1 = p.estimate(16, default_max_risk(), &mut go()).unwrap();
    let r2 = p.estimate(16, default_max_risk(), &mut go()).unwrap();
    assert_eq!(r1, r2);
    assert_eq!(r1.draws, 16);
    for i in 0..16 {
        let seed = risk_seed(&a.campaign_hash, i);
        // Simulated draw i: the documented subsets, staffed with its seed.
        let mut stream =
            crate::core::entropy::Stream::new(&seed, simulated::SIMULATED_TARGETS_LABEL);
        let mut strata = Vec::new();
        for (class, members, k) in &p.strata {
            let picked = simulated::uniform_subset(&mut stream, members.len() as u64, *k);
            assert_eq!(picked.len() as u64, *k);
            strata.push(crate::core::sample::StratumDraw {
                credit_class: *class,
                pool: members.len() as u64,
                drawn: *k,
                selected: picked.iter().map(|&j| members[j as usize]).collect(),
                threshold: None,
            });
        }
        // The needs copied from templates are §6's needs of each target.
        let staffed = staff(&reg, &a, &p.items, &p.cats, &strata, &seed);
        assert_eq!(staffed, p.simulate_staffed(i), "simulated draw {i}");
        assert_eq!(staffed.map(|_| ()), p.simulate(i), "simulated draw {i}");
    }
}

/// The estimate measures what it claims: the share of infeasible draws among
/// real draws. 300 real draws (§5 and §6 with unrelated seeds) and 300
/// simulated draws of a campaign that fails in some draws: the two shares
/// agree (two-proportion z below 4). A simulation that drew its targets from
/// another distribution than the real draw's, e.g. always the stratum's
/// first members, would be far apart.
#[test]
fn simulated_draws_fail_as_often_as_real_draws() {
    let reg = registries(3000);
    let a = announced(&reg, &one_target_per_officer(), AT);
    let p = Prepared::new(&reg, &a).unwrap();
    let n = 300u64;
    let simulated = p.estimate(n, Ratio::new(1, 1).unwrap(), &mut go()).unwrap();
    assert_eq!(simulated.draws, n);
    let real_failed: u64 = (0..n)
        .into_par_iter()
        .map(|i| {
            let seed = Hash::digest(&[b"real".as_slice(), &i.to_be_bytes()].concat());
            match draw(&reg, &a, &seed, &PrnKey::plain(seed)) {
                Ok(_) => 0,
                Err(DrawError::Infeasible(_)) => 1,
                Err(e) => panic!("real draw {i}: {e}"),
            }
        })
        .sum();
    let (x, y) = (simulated.infeasible as f64, real_failed as f64);
    let pooled = (x + y) / (2.0 * n as f64);
    assert!(
        pooled > 0.05 && pooled < 0.95,
        "the campaign should fail sometimes: {x} and {y} of {n}"
    );
    let z = (x - y).abs() / (pooled * (1.0 - pooled) * 2.0 * n as f64).sqrt();
    eprintln!("simulated {x} of {n} infeasible, real {y} of {n}: z = {z:.2}");
    assert!(
        z < 4.0,
        "simulated {x} of {n} infeasible, real {y} of {n}: z = {z:.2}"
    );
}

#[test]
fn the_estimate_stops_when_the_budget_says_so_and_says_how_many() {
    let reg = registries(600);
    let a = announced(&reg, &campaign_text(""), AT);
    let p = Prepared::new(&reg, &a).unwrap();
    let r = p
        .estimate(200, default_max_risk(), &mut |done| done < 16)
        .unwrap();
    assert_eq!(r.draws, 16);
    assert_eq!(r.requested, 200);
    assert!(risk_line(&r).contains("16 of the 200"));
}

#[test]
fn a_risk_above_the_limit_is_refused_and_below_it_warned() {
    let reg = registries(3000);
    let text = one_target_per_officer();
    let a = announced(&reg, &text, AT);
    let p = Prepared::new(&reg, &a).unwrap();
    p.check_certain().unwrap();
    let r = p.estimate(40, default_max_risk(), &mut go()).unwrap();
    assert!(r.infeasible > 0 && r.infeasible < r.draws, "{r:?}");
    let opts = CheckOptions {
        risk_draws: 40,
        ..Default::default()
    };
    let e = check_announcement(&reg, &a, &opts, &mut go()).unwrap_err();
    assert!(matches!(e, CheckError::Risk(_)), "{e}");
    assert!(e.to_string().contains("simulated draw"), "{e}");
    let opts = CheckOptions {
        risk_draws: 40,
        max_risk: Ratio::new(1, 1).unwrap(),
        ..Default::default()
    };
    let ok = check_announcement(&reg, &a, &opts, &mut go()).unwrap();
    assert!(ok.warnings.iter().any(|w| w.contains("may be infeasible")));
}

#[test]
fn percentages_are_exact_to_a_tenth() {
    assert_eq!(percent(3, 200), "1.5%");
    assert_eq!(percent(0, 200), "0%");
    assert_eq!(percent(1, 100), "1%");
    assert_eq!(percent(1, 3), "33.3%");
}
