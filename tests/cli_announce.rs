//! Black-box tests of what `campaign announce` checks before anyone reveals
//! (`docs/CAMPAIGN.md` "Checks before the announcement", `docs/CLI.md`): an
//! empty pool, a draw date in the past, a lead department without items, a
//! campaign no draw can staff, and the risk of an infeasible draw estimated
//! from simulated draws. Run through the real binary on the real clock (no
//! `--now`): "today" is the China date of the moment the test runs.

#[path = "cli_support.rs"]
mod support;

use chrono::{Duration, NaiveDate, Utc};
use serde_json::Value;
use sha2::{Digest, Sha256};
use support::{Run, run_full, run_in};

const WS: &str = "d/workspace";
const SALT_KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
const SECRET: &str = "dualdraw-test-witness-jia-0123456789abcdef";

/// Today's date in China (UTC+8), read from the real clock.
fn china_today() -> NaiveDate {
    (Utc::now() + Duration::hours(8)).date_naive()
}

/// A demo county of 3000 entities in a temporary folder (registries only).
struct County {
    dir: tempfile::TempDir,
}

impl County {
    fn new() -> County {
        let dir = tempfile::tempdir().expect("tempdir");
        run_in(
            dir.path(),
            &[
                "demo",
                "d",
                "--entities",
                "3000",
                "--registries-only",
                "--salt-key",
                SALT_KEY,
            ],
        )
        .expect(0);
        County { dir }
    }

    /// `dualdraw -w d/workspace ARGS`.
    fn dd(&self, args: &[&str]) -> Run {
        let mut v = vec!["-w", WS];
        v.extend_from_slice(args);
        run_in(self.dir.path(), &v)
    }

    /// `campaign announce FILE EXTRA…` of `text` (no `--now`: the real clock).
    fn announce(&self, text: &str, extra: &[&str]) -> Run {
        std::fs::write(self.dir.path().join("c.toml"), text).expect("write");
        let mut v = vec!["campaign", "announce", "c.toml"];
        v.extend_from_slice(extra);
        self.dd(&v)
    }

    /// The same with `--json`, expecting `code`.
    #[track_caller]
    fn announce_json(&self, text: &str, extra: &[&str], code: i32) -> Value {
        let mut v = vec!["--json"];
        v.extend_from_slice(extra);
        let r = self.announce(text, &v);
        r.expect(code);
        r.json()
    }

    /// Entries of the workspace's ledger.
    fn entries(&self) -> u64 {
        let r = self.dd(&["--json", "ledger", "verify"]);
        r.expect(0);
        r.json()["entries"].as_u64().expect("entries")
    }
}

/// The campaign of the brief, drawn tomorrow (China time), with `edits`
/// (`from => to`) applied.
fn campaign(id: &str, edits: &[(&str, &str)]) -> String {
    let tomorrow = china_today() + Duration::days(1);
    let mut t = format!(
        r#"id = "{id}"
title = "公告前检查"
lead_department = "县市场监管局"
draw_date = "{tomorrow}"
items = ["SC-001", "JY-002", "WL-001", "JT-003", "GA-004"]
[targets]
categories = ["民办学校", "旅游市场", "客运站", "爆破作业单位"]
regions = ["520123"]
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
min = 1
[teams]
min_size = 2
per_department = 1
max_targets_per_officer = 10
officer_region = "same"
[entropy]
witnesses = [{{ name = "义务监督员甲", commitment = "{}" }}]
"#,
        dualdraw::core::entropy::witness_commitment(SECRET).to_hex()
    );
    for (from, to) in edits {
        assert!(t.contains(from), "{from:?} not in the campaign");
        t = t.replacen(from, to, 1);
    }
    t
}

#[track_caller]
fn kind(v: &Value) -> &str {
    assert_eq!(v["ok"], false, "{v:#}");
    assert_eq!(v["schema"], "dualdraw.error.v1");
    v["error"]["kind"].as_str().expect("kind")
}

/// Refused: exit 1, the kind, the campaign named, and nothing recorded.
#[track_caller]
fn refused(c: &County, text: &str, extra: &[&str], want: &str) -> Value {
    let before = c.entries();
    let v = c.announce_json(text, extra, 1);
    assert_eq!(kind(&v), want, "{v:#}");
    assert!(v["error"]["campaign"].is_string(), "{v:#}");
    assert_eq!(
        c.entries(),
        before,
        "a refused announcement records nothing"
    );
    let id = v["error"]["campaign"].as_str().unwrap().to_string();
    c.dd(&["campaign", "draw", &id])
        .expect(1)
        .has("工作区中没有抽查批次");
    v
}

#[test]
fn announce_refuses_an_empty_pool() {
    let c = County::new();
    let text = campaign(
        "EMPTY",
        &[("regions = [\"520123\"]", "regions = [\"110101\"]")],
    );
    let r = c.announce(&text, &[]);
    r.expect(1).has("对象库为空").has("110101");
    refused(&c, &text, &[], "empty_pool");
}

#[test]
fn announce_refuses_a_past_draw_date_without_allow_past() {
    let c = County::new();
    let yesterday = china_today() - Duration::days(1);
    let text = campaign(
        "PAST",
        &[(
            &format!("draw_date = \"{}\"", china_today() + Duration::days(1)),
            &format!("draw_date = \"{yesterday}\""),
        )],
    );
    let r = c.announce(&text, &[]);
    r.expect(1)
        .has(&format!("抽取日期 {yesterday} 早于公告日期"))
        .has("--allow-past");
    refused(&c, &text, &[], "past_draw_date");
    // Knowingly: accepted.
    let v = c.announce_json(&text, &["--allow-past"], 0);
    assert_eq!(v["campaign"], "PAST");
}

#[test]
fn announce_accepts_a_draw_date_of_today_china_time() {
    let c = County::new();
    let text = campaign(
        "TODAY",
        &[(
            &format!("draw_date = \"{}\"", china_today() + Duration::days(1)),
            &format!("draw_date = \"{}\"", china_today()),
        )],
    );
    c.announce_json(&text, &[], 0);
}

#[test]
fn announce_refuses_a_lead_department_without_items_in_the_campaign() {
    let c = County::new();
    let text = campaign(
        "LEAD",
        &[(
            "lead_department = \"县市场监管局\"",
            "lead_department = \"县应急管理局\"",
        )],
    );
    c.announce(&text, &[])
        .expect(1)
        .has("牵头部门 \"县应急管理局\" 在本抽查批次中没有检查事项");
    refused(&c, &text, &[], "lead_department");
}

#[test]
fn announce_refuses_a_campaign_no_draw_can_staff_before_anyone_reveals() {
    // Only schools, each needing 50 officers of the education bureau, which
    // has fewer: whatever the seed, the draw fails.
    let c = County::new();
    let text = campaign(
        "NOSTAFF",
        &[
            (
                "categories = [\"民办学校\", \"旅游市场\", \"客运站\", \"爆破作业单位\"]",
                "categories = [\"民办学校\"]",
            ),
            ("per_department = 1", "per_department = 50"),
        ],
    );
    c.announce(&text, &[])
        .expect(1)
        .has("本抽查批次的任何一次抽取都无法配齐检查组")
        // The draw's own explanation (the library's words).
        .has("需要县教育局执法检查人员 50 人次，但只有");
    let v = refused(&c, &text, &[], "infeasible");
    // The draw's own explanation (docs/CLI.md: `unstaffable`).
    let un = v["unstaffable"].as_array().expect("unstaffable");
    assert!(!un.is_empty());
    for u in un {
        assert_eq!(u["department"], "县教育局", "{u:#}");
        assert_eq!(u["demand"], 50);
        assert!(u["eligible"].as_array().unwrap().len() < 50);
    }
    assert!(!v["certain"]["strata"].as_array().unwrap().is_empty());
    // Accepting any risk does not announce what cannot be drawn.
    refused(&c, &text, &["--max-infeasible-risk", "100%"], "infeasible");
}

#[test]
fn announce_refuses_a_department_every_draw_overloads() {
    // Every school, one target per officer: the education bureau would need
    // two places per school from far fewer officers.
    let c = County::new();
    let mut edits = vec![
        (
            "categories = [\"民办学校\", \"旅游市场\", \"客运站\", \"爆破作业单位\"]",
            "categories = [\"民办学校\"]",
        ),
        (
            "max_targets_per_officer = 10",
            "max_targets_per_officer = 1",
        ),
    ];
    for r in [
        "ratio = \"3%\"",
        "ratio = \"5%\"",
        "ratio = \"10%\"",
        "ratio = \"30%\"",
    ] {
        edits.push((r, "ratio = \"100%\""));
    }
    let text = campaign("OVERLOAD", &edits);
    c.announce(&text, &[])
        .expect(1)
        .has("至少需要 县教育局 的执法检查人员")
        .has("人次，但只有");
    let v = refused(&c, &text, &[], "infeasible");
    let k = &v["certain"]["capacity"][0];
    assert_eq!(k["department"], "县教育局", "{v:#}");
    assert!(k["min_places"].as_u64().unwrap() > k["eligible"].as_u64().unwrap());
}

#[test]
fn announce_refuses_a_campaign_too_likely_to_be_infeasible_and_prints_the_estimate() {
    // 20% of class A and one target per officer: most draws, not all, fail.
    let c = County::new();
    let edits = [
        (
            "max_targets_per_officer = 10",
            "max_targets_per_officer = 1",
        ),
        ("ratio = \"3%\"", "ratio = \"20%\""),
    ];
    let text = campaign("RISKY", &edits);
    let r = c.announce(&text, &[]);
    r.expect(1)
        .has("抽取不可行的风险过高：200 次模拟抽取中有 ")
        .has("次不可行")
        .has("次模拟抽取：")
        .has("--max-infeasible-risk");
    let v = refused(&c, &text, &[], "infeasible_risk");
    let risk = &v["risk"];
    assert_eq!(risk["draws"], 200);
    let bad = risk["infeasible"].as_u64().unwrap();
    assert!(bad > 2, "{v:#}");
    assert!(v["unstaffable"].as_array().is_some_and(|u| !u.is_empty()));
    // The bureau accepts the risk (a flag, or its environment): announced, with a warning.
    let r = c.announce(&text, &["--max-infeasible-risk", "100%"]);
    r.expect(0)
        .has(&format!("200 次模拟抽取中有 {bad} 次不可行"))
        .has("注意：抽取可能不可行");
    let env = campaign("RISKY-2", &edits);
    std::fs::write(c.dir.path().join("c2.toml"), env).unwrap();
    run_full(
        c.dir.path(),
        &["-w", WS, "campaign", "announce", "c2.toml"],
        &[("DUALDRAW_MAX_INFEASIBLE_RISK", "1/1")],
        None,
    )
    .expect(0);
    // A bad share is a usage error.
    c.announce(&text, &["--max-infeasible-risk", "lots"])
        .expect(2);
}

#[test]
fn announce_prints_the_estimate_of_simulated_draws() {
    let c = County::new();
    let text = campaign("FINE", &[]);
    let r = c.announce(&text, &[]);
    r.expect(0)
        .has("公告前检查：每次抽取均抽取 ")
        .has("200 次模拟抽取中有 0 次不可行（0%；上限 1%）");
    // The same in English.
    let c = County::new();
    std::fs::write(c.dir.path().join("c.toml"), &text).unwrap();
    c.dd(&["--lang", "en", "campaign", "announce", "c.toml"])
        .expect(0)
        .has("checked before the announcement: every draw takes ")
        .has("infeasible in 0 of 200 simulated draws (0%; limit 1%)");
    let c = County::new();
    let v = c.announce_json(&text, &[], 0);
    assert_eq!(v["schema"], "dualdraw.announce.v1");
    let k = &v["checks"];
    assert_eq!(k["pool"], v["pool"]);
    assert!(k["targets"].as_u64().unwrap() > 0);
    assert_eq!(k["risk"]["draws"], 200);
    assert_eq!(k["risk"]["requested"], 200);
    assert_eq!(k["risk"]["infeasible"], 0);
    assert_eq!(k["risk"]["max_risk"], "1/100");
}

#[test]
fn announce_risk_estimate_is_the_same_in_another_workspace() {
    // Simulated draws are seeded by the campaign hash: the same campaign on
    // the same registries gives the same estimate, whoever runs it.
    let edits = [
        (
            "max_targets_per_officer = 10",
            "max_targets_per_officer = 1",
        ),
        ("ratio = \"3%\"", "ratio = \"20%\""),
    ];
    let text = campaign("SAME", &edits);
    let a = County::new().announce_json(&text, &["--max-infeasible-risk", "100%"], 0);
    let b = County::new().announce_json(&text, &["--max-infeasible-risk", "100%"], 0);
    assert_eq!(a["checks"], b["checks"]);
    assert_eq!(a["campaign_hash"], b["campaign_hash"]);
}

#[test]
fn announce_caps_the_simulation_in_time_and_says_how_many() {
    let c = County::new();
    let text = campaign("QUICK", &[]);
    let r = c.announce(&text, &["--risk-seconds", "0"]);
    r.expect(0)
        .has("在规定时间内只完成了所要求 200 次中的 8 次");
    let c = County::new();
    let v = c.announce_json(&text, &["--risk-seconds", "0"], 0);
    assert_eq!(v["checks"]["risk"]["draws"], 8);
    assert_eq!(v["checks"]["risk"]["requested"], 200);
    // No estimate at all when none is asked for.
    let c = County::new();
    let v = c.announce_json(&text, &["--risk-draws", "0"], 0);
    assert_eq!(v["checks"]["risk"], Value::Null);
}

/// `SHA-256(lp("dualdraw-announce-risk-v1") ‖ campaign_hash ‖ u64be(i))`,
/// written here from docs/CAMPAIGN.md, independently of the crate.
fn risk_seed(campaign_hash: &[u8], i: u64) -> String {
    let label = b"dualdraw-announce-risk-v1";
    let mut h = Sha256::new();
    h.update((label.len() as u32).to_be_bytes());
    h.update(label);
    h.update(campaign_hash);
    h.update(i.to_be_bytes());
    hex::encode(h.finalize())
}

#[test]
fn simulated_seeds_are_never_the_real_seed() {
    let c = County::new();
    let text = campaign("SEEDS", &[]);
    let v = c.announce_json(&text, &[], 0);
    let ch = hex::decode(v["campaign_hash"].as_str().unwrap()).unwrap();
    let h = dualdraw::core::merkle::Hash(ch.clone().try_into().unwrap());
    assert_eq!(
        dualdraw::core::campaign_checks::risk_seed(&h, 7).to_hex(),
        risk_seed(&ch, 7),
        "the documented derivation"
    );
    let d = c.dd(&[
        "--json",
        "campaign",
        "draw",
        "SEEDS",
        "--reveal",
        &format!("义务监督员甲={SECRET}"),
    ]);
    d.expect(0);
    let seed = d.json()["seed"].as_str().unwrap().to_string();
    for i in 0..200 {
        assert_ne!(risk_seed(&ch, i), seed, "simulated draw {i}");
    }
}
