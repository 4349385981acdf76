//! Black-box tests of annual plans (`dualdraw plan check|announce`,
//! `docs/PLAN.md`), run through the real binary.
//!
//! Every test makes its own synthetic county with `dualdraw demo d
//! --entities 3000 --registries-only --salt-key …` in its own temporary
//! folder (workspace `d/workspace`) and passes `--now` to every command that
//! would read the clock: nothing depends on the real date. Working days are
//! those of `data/cn-holidays.toml`.

#[path = "cli_support.rs"]
mod support;

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use support::{Run, run_in};

const WS: &str = "d/workspace";
const CHECK_AT: &str = "2026-01-05T09:00:00+08:00";
const ANNOUNCE_AT: &str = "2026-01-05T09:00:00+08:00";
const DRAW_AT: &str = "2026-03-02T09:30:00+08:00";
const JIA: &str = "义务监督员甲";
const YI: &str = "义务监督员乙";
const TEST_SALT_KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

fn secret(name: &str) -> String {
    format!("dualdraw-test-witness-{name}-0123456789abcdef")
}

fn commitment(name: &str) -> String {
    dualdraw::core::entropy::witness_commitment(&secret(name)).to_hex()
}

/// A temporary folder with a demo county (`d/county`, `d/workspace`).
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
                TEST_SALT_KEY,
            ],
        )
        .expect(0);
        County { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `dualdraw -w d/workspace ARGS`.
    fn dd(&self, args: &[&str]) -> Run {
        let mut v = vec!["-w", WS];
        v.extend_from_slice(args);
        run_in(self.path(), &v)
    }

    /// `dualdraw -w d/workspace --json ARGS`, expecting `code`, parsed.
    #[track_caller]
    fn dd_json(&self, args: &[&str], code: i32) -> Value {
        let mut v = vec!["--json"];
        v.extend_from_slice(args);
        let r = self.dd(&v);
        r.expect(code);
        r.json()
    }

    fn write(&self, name: &str, text: &str) -> String {
        std::fs::write(self.path().join(name), text).expect("write");
        name.to_string()
    }

    fn read_json(&self, name: &str) -> Value {
        let text = std::fs::read_to_string(self.path().join(name)).expect("read");
        serde_json::from_str(&text).expect("JSON")
    }

    /// `plan check FILE --now CHECK_AT EXTRA…` (JSON), expecting `code`.
    #[track_caller]
    fn check(&self, file: &str, extra: &[&str], code: i32) -> Value {
        let mut v = vec!["plan", "check", file, "--now", CHECK_AT];
        v.extend_from_slice(extra);
        self.dd_json(&v, code)
    }

    /// The campaigns `status` lists.
    fn status_campaigns(&self) -> Vec<Value> {
        let v = self.dd_json(&["status", "--today", "2026-03-01"], 0);
        v["campaigns"].as_array().expect("campaigns").clone()
    }

    /// Reveals and draws campaign `id`; returns its proof.
    #[track_caller]
    fn draw(&self, id: &str) -> Value {
        let out = format!("{id}.proof.json");
        let (j, y) = (
            format!("{JIA}={}", secret("jia")),
            format!("{YI}={}", secret("yi")),
        );
        let v = self.dd_json(
            &[
                "campaign", "draw", id, "--reveal", &j, "--reveal", &y, "--now", DRAW_AT, "--out",
                &out,
            ],
            0,
        );
        assert_eq!(v["schema"], "dualdraw.draw.v1");
        self.read_json(&out)
    }
}

/// A plan of four campaigns sharing `[defaults]`: a 市场监管 campaign at the
/// usual ratios, the joint campaign drawing every entity of its categories
/// (so that its per-department counts are exact), and a coordination group
/// of two 文旅 batches. `extra` is appended to the file.
fn plan(extra: &str) -> String {
    format!(
        r#"plan = "XX县2026年度双随机抽查计划"
year = 2026

[defaults]
lead_department = "县市场监管局"
[defaults.teams]
max_targets_per_officer = 10
officer_region = "same"
[defaults.entropy]
witnesses = [{{ name = "{JIA}", commitment = "{}" }}, {{ name = "{YI}", commitment = "{}" }}]
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
title = "2026年食品药品双随机抽查"
draw_date = "2026-03-02"
items = ["SC-001", "SC-005", "SC-006"]
period = {{ start = "2026-03-09", end = "2026-04-30" }}

[[campaign]]
id = "2026-JOINT-01"
title = "2026年部门联合双随机抽查（全覆盖）"
draw_date = "2026-03-02"
items = ["SC-001", "JY-002", "WL-001", "JT-003", "GA-004"]
[campaign.targets]
categories = ["民办学校", "旅游市场", "客运站", "爆破作业单位"]
regions = ["520123"]
[[campaign.targets.strata]]
credit_class = "A"
ratio = "100%"
[[campaign.targets.strata]]
credit_class = "B"
ratio = "100%"
[[campaign.targets.strata]]
credit_class = "C"
ratio = "100%"
[[campaign.targets.strata]]
credit_class = "D"
ratio = "100%"
[campaign.teams]
max_targets_per_officer = 20
[campaign.period]
start = "2026-03-16"
end = "2026-05-29"

[[campaign]]
id = "2026-WL-01"
title = "2026年文化市场双随机抽查（第一批）"
lead_department = "县文旅局"
draw_date = "2026-03-02"
items = ["WL-002", "WL-003", "WL-005", "WL-006"]
period = {{ start = "2026-06-01", end = "2026-06-30" }}
coordination = {{ group = "2026文旅", start = "0" }}

[[campaign]]
id = "2026-WL-02"
title = "2026年文化市场双随机抽查（第二批）"
lead_department = "县文旅局"
draw_date = "2026-03-02"
items = ["WL-002", "WL-003", "WL-005", "WL-006"]
period = {{ start = "2026-09-01", end = "2026-09-30" }}
coordination = {{ group = "2026文旅", start = "1/2" }}
{extra}"#,
        commitment("jia"),
        commitment("yi")
    )
}

fn strata(v: &Value) -> Vec<(String, u64, u64)> {
    v.as_array()
        .expect("strata")
        .iter()
        .map(|s| {
            (
                s["credit_class"].as_str().expect("class").to_string(),
                s["pool"].as_u64().expect("pool"),
                s["drawn"].as_u64().expect("drawn"),
            )
        })
        .collect()
}

fn findings_of<'a>(v: &'a Value, kind: &str) -> Vec<&'a Value> {
    v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["kind"] == kind)
        .collect()
}

#[test]
fn a_good_plan_checks_and_the_draws_then_draw_exactly_what_it_said() {
    let c = County::new();
    let file = c.write("plan.toml", &plan(""));
    let report = c.check(&file, &[], 0);
    assert_eq!(report["schema"], "dualdraw.plan-check.v1");
    assert_eq!(report["ok"], true);
    assert_eq!(report["problems"], 0);
    assert_eq!(report["plan"], "XX县2026年度双随机抽查计划");
    assert_eq!(report["year"], 2026);
    assert_eq!(report["max_visits_per_officer_per_day"], 2);
    let campaigns = report["campaigns"].as_array().expect("campaigns").clone();
    assert_eq!(campaigns.len(), 4);
    assert_eq!(campaigns[2]["coordination"], "2026文旅");
    // 2026-03-09..2026-04-30: 38 working days (清明 04-04..04-06 off).
    assert_eq!(campaigns[0]["period"]["working_days"], 38);

    // The text report says the same, and that it is internal (内部资料),
    // in Chinese by default and in English with --lang en.
    let r = c.dd(&["plan", "check", &file, "--now", CHECK_AT]);
    r.expect(0);
    assert!(r.stdout.contains("内部资料"), "{}", r.stdout);
    assert!(r.stdout.contains("每条规则都能满足"), "{}", r.stdout);
    assert!(r.stdout.contains("抽查批次 2026-JOINT-01"), "{}", r.stdout);
    let r = c.dd(&["--lang", "en", "plan", "check", &file, "--now", CHECK_AT]);
    r.expect(0);
    assert!(r.stdout.contains("INTERNAL"), "{}", r.stdout);
    assert!(r.stdout.contains("every rule can be met"), "{}", r.stdout);
    assert!(r.stdout.contains("campaign 2026-JOINT-01"), "{}", r.stdout);

    // Nothing was announced by the check.
    assert!(c.status_campaigns().is_empty());

    let a = c.dd_json(&["plan", "announce", &file, "--now", ANNOUNCE_AT], 0);
    assert_eq!(a["schema"], "dualdraw.plan-announce.v1");
    assert_eq!(a["plan"], "XX县2026年度双随机抽查计划");
    let anns = a["announcements"].as_array().expect("announcements");
    assert_eq!(anns.len(), 4);
    for (ann, chk) in anns.iter().zip(&campaigns) {
        assert_eq!(ann["campaign"], chk["id"]);
        assert_eq!(ann["pool"], chk["numbers"]["pool"]);
        assert_eq!(ann["announcement_hash"].as_str().map(str::len), Some(64));
    }
    // The coordination group is formed by the [coordination] tables.
    assert_eq!(anns[0]["group"], Value::Null);
    assert_eq!(anns[2]["group"]["name"], "2026文旅");
    assert_eq!(anns[2]["group"]["members"], 2);
    assert_eq!(anns[2]["group"]["hash"], anns[3]["group"]["hash"]);
    assert_eq!(c.status_campaigns().len(), 4);

    for chk in &campaigns {
        let id = chk["id"].as_str().expect("id");
        let proof = c.draw(id);
        let n = &chk["numbers"];
        assert_eq!(proof["pool_size"], n["pool"], "{id}");
        assert_eq!(strata(&proof["strata"]), strata(&n["strata"]), "{id}");
        let targets = proof["targets"].as_array().expect("targets");
        assert_eq!(Some(targets.len() as u64), n["targets"].as_u64(), "{id}");
        // Targets and officer places per department, as drawn.
        let mut drawn: BTreeMap<String, u64> = BTreeMap::new();
        for t in targets {
            for d in t["departments"].as_array().expect("departments") {
                *drawn
                    .entry(d.as_str().expect("dept").to_string())
                    .or_default() += 1;
            }
        }
        let dept_of: BTreeMap<String, String> = proof["officers"]
            .as_array()
            .expect("officers")
            .iter()
            .map(|o| {
                (
                    o["id"].as_str().expect("id").to_string(),
                    o["department"].as_str().expect("dept").to_string(),
                )
            })
            .collect();
        let mut places: BTreeMap<String, u64> = BTreeMap::new();
        for team in proof["teams"].as_array().expect("teams") {
            for o in team["officers"].as_array().expect("officers") {
                *places
                    .entry(dept_of[o.as_str().expect("id")].clone())
                    .or_default() += 1;
            }
        }
        let depts = n["departments"].as_array().expect("departments");
        assert!(depts.len() >= drawn.len(), "{id}");
        for d in depts {
            let name = d["department"].as_str().expect("department");
            let got_targets = drawn.get(name).copied().unwrap_or(0);
            let got_places = places.get(name).copied().unwrap_or(0);
            assert!(got_targets <= d["targets"]["at_most"].as_u64().expect("at_most"));
            assert!(got_places <= d["places"]["at_most"].as_u64().expect("at_most"));
            if id == "2026-JOINT-01" {
                // Everything is drawn: the expectation is exact.
                assert_eq!(d["targets"]["exact"], got_targets.to_string(), "{name}");
                assert_eq!(d["places"]["exact"], got_places.to_string(), "{name}");
                assert_eq!(d["targets"]["ceil"], got_targets, "{name}");
            }
        }
        for name in drawn.keys() {
            assert!(
                depts.iter().any(|d| d["department"] == name.as_str()),
                "{id}: {name} drawn but not in the check"
            );
        }
    }

    // Checking again: every campaign is already announced, and so is the group.
    let again = c.check(&file, &[], 1);
    assert_eq!(again["schema"], "dualdraw.error.v1");
    let f = findings_of(&again, "announce");
    for chk in &campaigns {
        let id = chk["id"].as_str().expect("id");
        assert!(
            f.iter().any(|x| x["message"]
                .as_str()
                .is_some_and(|m| m.contains(&format!("campaign {id} is already announced")))),
            "{id}: {again:#}"
        );
    }
    assert!(f.iter().any(|x| {
        x["message"]
            .as_str()
            .is_some_and(|m| m.contains("coordination group \"2026文旅\" is already announced"))
    }));
}

#[test]
fn a_department_that_cannot_staff_its_teams_fails_the_check_naming_it() {
    let c = County::new();
    // Every 交通 target of the county, one target per officer.
    let text = r#"plan = "交通"
year = 2026
[[campaign]]
id = "2026-JT-01"
title = "交通运输全覆盖"
lead_department = "县交通运输局"
draw_date = "2026-03-02"
items = ["JT-001", "JT-002", "JT-003"]
[[campaign.targets.strata]]
credit_class = "A"
ratio = "100%"
[[campaign.targets.strata]]
credit_class = "B"
ratio = "100%"
[[campaign.targets.strata]]
credit_class = "C"
ratio = "100%"
[[campaign.targets.strata]]
credit_class = "D"
ratio = "100%"
[campaign.teams]
max_targets_per_officer = 1
[campaign.entropy]
witnesses = [{ name = "甲", commitment = "COMMIT" }]
"#
    .replace("COMMIT", &commitment("jia"));
    let file = c.write("jt.toml", &text);
    let v = c.check(&file, &[], 1);
    assert_eq!(v["schema"], "dualdraw.error.v1");
    assert_eq!(v["ok"], false);
    assert_eq!(v["error"]["kind"], "infeasible");
    assert!(v["problems"].as_u64().expect("problems") >= 1);
    let cap = findings_of(&v, "capacity");
    assert_eq!(cap.len(), 1, "{v:#}");
    assert_eq!(cap[0]["severity"], "problem");
    assert_eq!(cap[0]["department"], "县交通运输局");
    assert_eq!(cap[0]["campaigns"][0], "2026-JT-01");
    let d = &v["campaigns"][0]["numbers"]["departments"][0];
    assert_eq!(d["department"], "县交通运输局");
    assert!(
        d["capacity"].as_u64().expect("capacity") < d["places"]["ceil"].as_u64().expect("ceil")
    );

    // Text: the report on standard output names the department; the verdict on standard error.
    let r = c.dd(&["plan", "check", &file, "--now", CHECK_AT]);
    r.expect(1);
    assert!(r.stdout.contains("问题 [capacity]"), "{}", r.stdout);
    assert!(r.stdout.contains("县交通运输局"), "{}", r.stdout);
    assert!(
        r.stderr.contains("2 个问题：计划无法按所写内容执行"),
        "{}",
        r.stderr
    );
    let r = c.dd(&["--lang", "en", "plan", "check", &file, "--now", CHECK_AT]);
    r.expect(1);
    assert!(r.stdout.contains("PROBLEM [capacity]"), "{}", r.stdout);
    assert!(r.stdout.contains("县交通运输局 needs"), "{}", r.stdout);
    assert!(r.stderr.contains("problem(s)"), "{}", r.stderr);

    // Officers of another county only: every pool entity is unstaffable, named.
    let other = text.replace("max_targets_per_officer = 1", "officer_region = \"other\"");
    let file = c.write("jt-other.toml", &other);
    let v = c.check(&file, &[], 1);
    let un = findings_of(&v, "unstaffable");
    assert_eq!(un.len(), 1, "{v:#}");
    assert_eq!(un[0]["department"], "县交通运输局");
    let u = &v["campaigns"][0]["numbers"]["departments"][0]["unstaffable"];
    assert_eq!(u["entities"], v["campaigns"][0]["numbers"]["pool"]);
    let first = u["examples"][0]["uscc"].as_str().expect("uscc");
    assert!(un[0]["message"].as_str().expect("message").contains(first));

    // And `plan announce` refuses it before anyone reveals, as `campaign
    // announce` does, with the same explanation: nothing is announced.
    let v = c.dd_json(&["plan", "announce", &file, "--now", ANNOUNCE_AT], 1);
    assert_eq!(v["error"]["kind"], "infeasible", "{v:#}");
    assert_eq!(v["error"]["campaign"], "2026-JT-01", "{v:#}");
    assert!(
        v["error"]["message"]
            .as_str()
            .expect("message")
            .contains(first),
        "{v:#}"
    );
    assert!(c.status_campaigns().is_empty());
}

#[test]
fn a_period_without_working_days_fails_the_check() {
    let c = County::new();
    // Spring Festival 2026: 02-15..02-23 are all days off.
    let text = plan("")
        .replace(
            "draw_date = \"2026-03-02\"\nitems = [\"SC-001\"",
            "draw_date = \"2026-02-13\"\nitems = [\"SC-001\"",
        )
        .replace(
            "period = { start = \"2026-03-09\", end = \"2026-04-30\" }",
            "period = { start = \"2026-02-15\", end = \"2026-02-23\" }",
        );
    let file = c.write("plan.toml", &text);
    let v = c.check(&file, &[], 1);
    let f = findings_of(&v, "no_working_days");
    assert_eq!(f.len(), 1, "{v:#}");
    assert_eq!(f[0]["campaigns"][0], "2026-SC-01");
    assert_eq!(v["campaigns"][0]["period"]["working_days"], 0);
    let r = c.dd(&["plan", "check", &file, "--now", CHECK_AT]);
    r.expect(1);
    assert!(
        r.stdout
            .contains("检查期间 2026-02-15..2026-02-23 没有工作日"),
        "{}",
        r.stdout
    );
    // The same finding in English, and in --json as the library words it.
    let en = c.dd(&["--lang", "en", "plan", "check", &file, "--now", CHECK_AT]);
    en.expect(1);
    assert!(en.stdout.contains("has no working day"), "{}", en.stdout);
    assert!(
        f[0]["message"]
            .as_str()
            .expect("message")
            .contains("has no working day"),
        "{v:#}"
    );
}

#[test]
fn a_date_outside_the_known_calendar_is_a_clear_error_until_its_holidays_are_loaded() {
    let c = County::new();
    let text = plan("")
        .replace("year = 2026", "year = 2027")
        .replace("2026-", "2027-");
    let file = c.write("plan2027.toml", &text);
    let r = c.dd(&["plan", "check", &file, "--now", CHECK_AT]);
    r.expect(1);
    assert!(
        r.stderr.contains("尚未载入 2027 年的法定节假日安排"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("campaign 2027-SC-01"), "{}", r.stderr);
    let v = c.check(&file, &[], 1);
    assert_eq!(v["error"]["kind"], "rejected");
    let holidays = c.write(
        "holidays-2027.toml",
        "[2027]\ndays_off = [\"01-01\", \"05-01..05-05\", \"10-01..10-07\"]\n",
    );
    let v = c.check(&file, &["--holidays", &holidays], 0);
    assert_eq!(v["schema"], "dualdraw.plan-check.v1");
    assert_eq!(v["year"], 2027);
}

#[test]
fn plan_announce_is_all_or_nothing() {
    let c = County::new();
    // The second campaign names an item the county does not have.
    let text = plan("").replace(
        "items = [\"SC-001\", \"JY-002\", \"WL-001\", \"JT-003\", \"GA-004\"]",
        "items = [\"SC-001\", \"JY-002\", \"WL-001\", \"JT-003\", \"GA-999\"]",
    );
    let file = c.write("bad.toml", &text);
    let r = c.dd(&["plan", "announce", &file, "--now", ANNOUNCE_AT]);
    r.expect(1);
    assert!(r.stderr.contains("2026-JOINT-01"), "{}", r.stderr);
    assert!(r.stderr.contains("GA-999"), "{}", r.stderr);
    assert!(c.status_campaigns().is_empty());
    let v = c.dd_json(&["plan", "announce", &file, "--now", ANNOUNCE_AT], 1);
    assert_eq!(v["schema"], "dualdraw.error.v1");
    assert!(c.status_campaigns().is_empty());
    // The check names the campaign and still checks the others.
    let v = c.check(&file, &[], 1);
    let f = findings_of(&v, "announce");
    assert_eq!(f.len(), 1, "{v:#}");
    assert_eq!(f[0]["campaigns"][0], "2026-JOINT-01");
    assert_eq!(v["campaigns"][0]["announceable"], true);
    assert_eq!(v["campaigns"][1]["announceable"], false);
    assert!(v["campaigns"][0]["numbers"]["pool"].as_u64().expect("pool") > 0);
    // A plan that cannot be read announces nothing either.
    let dup = plan("").replace("id = \"2026-WL-02\"", "id = \"2026-SC-01\"");
    let file = c.write("dup.toml", &dup);
    c.dd(&["plan", "announce", &file, "--now", ANNOUNCE_AT])
        .expect(1);
    assert!(c.status_campaigns().is_empty());
}

#[test]
fn duplicate_ids_are_refused() {
    let c = County::new();
    let text = plan("").replace("id = \"2026-WL-02\"", "id = \"2026-SC-01\"");
    let file = c.write("dup.toml", &text);
    // The line of the second campaign's id.
    let lines: Vec<&str> = text.lines().collect();
    let line = lines
        .iter()
        .rposition(|l| l.trim() == "id = \"2026-SC-01\"")
        .expect("the id")
        + 1;
    let r = c.dd(&["plan", "check", &file, "--now", CHECK_AT]);
    r.expect(1);
    assert_eq!(
        r.stderr.trim(),
        format!(
            "dup.toml:{line}: campaign[4] 的 id \"2026-SC-01\" 与 campaign[1] 重复：抽查批次的 id 必须唯一"
        )
    );
    let r = c.dd(&["--lang", "en", "plan", "check", &file, "--now", CHECK_AT]);
    r.expect(1);
    assert_eq!(
        r.stderr.trim(),
        format!(
            "dup.toml:{line}: campaign[4] has id \"2026-SC-01\" like campaign[1]: campaign ids are unique"
        )
    );
    let v = c.check(&file, &[], 1);
    assert_eq!(v["error"]["kind"], "rejected");
}

#[test]
fn unknown_keys_are_refused_by_name() {
    let c = County::new();
    let cases = [
        (
            format!("campaigns = []\n{}", plan("")),
            "campaigns = ",
            "campaigns = \"[]\": unknown key (each campaign is a [[campaign]] table)",
        ),
        (
            plan("").replace(
                "[campaign.period]\n",
                "[campaign.period]\nstrat = \"2026-03-16\"\n",
            ),
            "strat = ",
            "campaign[2] (2026-JOINT-01): period.strat: unknown field `strat`",
        ),
        (
            plan("").replace(
                "[defaults.teams]\n",
                "[defaults.teams]\nmax_target_per_officer = 3\n",
            ),
            "max_target_per_officer = ",
            "campaign[1] (2026-SC-01): defaults.teams.max_target_per_officer: unknown field",
        ),
        (
            plan("").replace("ratio = \"10%\"", "ratio = 0.1"),
            "ratio = 0.1",
            "campaign[1] (2026-SC-01): targets.strata[3].ratio = \"0.1\": write the ratio as text",
        ),
    ];
    for (text, at, want) in cases {
        let file = c.write("dup.toml", &text);
        // The file and the line of the key in the plan file first.
        let line = text
            .lines()
            .position(|l| l.trim_start().starts_with(at))
            .expect("the key's line")
            + 1;
        let want = format!("dup.toml:{line}: {want}");
        let want = want.as_str();
        for cmd in ["check", "announce"] {
            let r = c.dd(&["--lang", "en", "plan", cmd, &file, "--now", CHECK_AT]);
            r.expect(1);
            assert!(
                r.stderr.starts_with(want),
                "{cmd}: {}\nwanted: {want}",
                r.stderr
            );
        }
    }
    // In Chinese: the file and line first, as in English, then the key.
    let file = c.write("dup.toml", &format!("campaigns = []\n{}", plan("")));
    let r = c.dd(&["plan", "check", &file, "--now", CHECK_AT]);
    r.expect(1);
    assert!(
        r.stderr
            .starts_with("dup.toml:1: campaigns = \"[]\"：未知的键"),
        "{}",
        r.stderr
    );
    assert!(c.status_campaigns().is_empty());
}

#[test]
fn usage_errors_exit_2() {
    let c = County::new();
    let file = c.write("plan.toml", &plan(""));
    // No workspace.
    let r = run_in(
        c.path(),
        &["-w", "nowhere", "plan", "check", &file, "--now", CHECK_AT],
    );
    r.expect(2);
    // A workspace without a snapshot.
    run_in(c.path(), &["-w", "empty", "init"]).expect(0);
    let r = run_in(
        c.path(),
        &[
            "-w", "empty", "--json", "plan", "check", &file, "--now", CHECK_AT,
        ],
    );
    r.expect(2);
    assert_eq!(r.json()["error"]["kind"], "usage");
    // A bad instant.
    c.dd(&["plan", "announce", &file, "--now", "yesterday"])
        .expect(2);
    // A missing file.
    c.dd(&["plan", "check", "missing.toml"]).expect(1);
}

#[test]
fn plan_announce_makes_the_checks_campaign_announce_makes() {
    let c = County::new();
    let file = c.write("plan.toml", &plan(""));
    // A week after the draw dates: refused as `campaign announce` refuses it,
    // naming the campaign, and nothing is announced.
    let late = "2026-03-09T09:00:00+08:00";
    let v = c.dd_json(&["plan", "announce", &file, "--now", late], 1);
    assert_eq!(v["error"]["kind"], "past_draw_date", "{v:#}");
    assert!(v["error"]["campaign"].is_string(), "{v:#}");
    assert!(c.status_campaigns().is_empty());
    let r = c.dd(&["plan", "announce", &file, "--now", late]);
    r.expect(1);
    assert!(r.stderr.contains("--allow-past"), "{}", r.stderr);
    // Meant: every announcement carries what its checks found.
    let v = c.dd_json(
        &[
            "plan",
            "announce",
            &file,
            "--now",
            late,
            "--allow-past",
            "--risk-draws",
            "20",
        ],
        0,
    );
    let list = v["announcements"].as_array().expect("announcements");
    assert!(!list.is_empty());
    for a in list {
        assert!(a["checks"].is_object(), "{a:#}");
    }
}
