//! Tests of the yearly plan, and the helpers they share; the tests
//! themselves are in `tests/`: parsing and merging, exact arithmetic, and
//! checking a plan against a workspace.

mod arithmetic;
mod checking;
mod parsing;

use super::*;
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
