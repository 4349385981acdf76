//! Reading a plan file: its own keys, `[defaults]` merged into each
//! `[[campaign]]`, each campaign read as a campaign file, and the checks that
//! need no registry (unique ids, dates in the plan's year).

use super::PlanReason;
use crate::core::campaign::{Campaign, CampaignError};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;
use toml::{Table, Value};

/// An annual plan (年度抽查计划): checked campaigns for one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The plan's name (`plan = "…"`), e.g. `XX县2026年度双随机抽查计划`.
    pub name: String,
    /// The calendar year every draw date and period lies in.
    pub year: i32,
    /// The daily limit of visits per officer the period checks assume
    /// (default [`super::DEFAULT_MAX_VISITS_PER_OFFICER_PER_DAY`]).
    pub max_visits_per_officer_per_day: u32,
    /// The campaigns (批次), in the file's order, each with `[defaults]` applied.
    pub campaigns: Vec<Campaign>,
}

/// Why a plan file is refused (年度抽查计划文件错误). Every error names the
/// key, and a campaign's errors name the campaign by its place (`campaign[2]`,
/// 1-based) and id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// The file is not TOML.
    #[error("plan file{}: {message}", .line.map(|l| format!(", line {l}")).unwrap_or_default())]
    Toml {
        /// 1-based line, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A key of the plan itself (`plan`, `year`, `defaults`, …) is missing,
    /// unknown or has a value that is not allowed.
    #[error("{key} = {value:?}: {reason}")]
    Invalid {
        /// The key, e.g. `year` or `defaults.id`.
        key: String,
        /// The value as written (empty when missing).
        value: String,
        /// Why.
        reason: PlanReason,
    },
    /// A campaign is refused by the campaign checks (`docs/CAMPAIGN.md`).
    #[error("{}: {source}{}", label(*.index, .id.as_deref()), if *.from_defaults { " (the value comes from [defaults])" } else { "" })]
    Campaign {
        /// 1-based place in the file.
        index: usize,
        /// Its id, when it has one.
        id: Option<String>,
        /// Whether the offending key's value comes from `[defaults]`.
        from_defaults: bool,
        /// The campaign error.
        source: CampaignError,
    },
    /// A campaign's key is unknown, mistyped or missing.
    #[error("{}: {}{message}", label(*.index, .id.as_deref()), .key.as_ref().map(|k| format!("{k}: ")).unwrap_or_default())]
    CampaignKey {
        /// 1-based place in the file.
        index: usize,
        /// Its id, when it has one.
        id: Option<String>,
        /// The key inside the campaign (`targets.strata[2].frob`), prefixed
        /// `defaults.` when it comes from `[defaults]`; none for a missing
        /// top-level key (the message names it).
        key: Option<String>,
        /// What is wrong.
        message: String,
    },
    /// Two campaigns with one id.
    #[error("campaign[{second}] has id {id:?} like campaign[{first}]: campaign ids are unique")]
    DuplicateId {
        /// The id.
        id: String,
        /// 1-based place of the first.
        first: usize,
        /// 1-based place of the second.
        second: usize,
    },
    /// A draw date or period outside the plan's year.
    #[error("{}: {key} = {value} is not in the plan's year {year}", label(*.index, Some(.id)))]
    OutsideYear {
        /// 1-based place in the file.
        index: usize,
        /// Campaign id.
        id: String,
        /// `draw_date`, `period.start` or `period.end`.
        key: String,
        /// The date.
        value: NaiveDate,
        /// The plan's year.
        year: i32,
    },
}

fn label(index: usize, id: Option<&str>) -> String {
    match id {
        Some(id) => format!("campaign[{index}] ({id})"),
        None => format!("campaign[{index}]"),
    }
}

fn invalid(key: impl Into<String>, value: impl ToString, reason: PlanReason) -> PlanError {
    PlanError::Invalid {
        key: key.into(),
        value: value.to_string(),
        reason,
    }
}

/// The plan's own keys.
const PLAN_KEYS: [&str; 5] = [
    "plan",
    "year",
    "max_visits_per_officer_per_day",
    "defaults",
    "campaign",
];

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

impl Plan {
    /// Parses and checks a plan file (`docs/PLAN.md`).
    ///
    /// # Errors
    /// [`PlanError`] naming the key (and the campaign) that is wrong.
    pub fn from_toml(text: &str) -> Result<Plan, PlanError> {
        let table: Table = toml::from_str(text).map_err(|e| PlanError::Toml {
            line: e.span().map(|s| line_of(text, s.start)),
            message: e.message().to_string(),
        })?;
        if let Some(k) = table.keys().find(|k| !PLAN_KEYS.contains(&k.as_str())) {
            return Err(invalid(
                k.as_str(),
                table.get(k).map(short).unwrap_or_default(),
                PlanReason::UnknownKey {
                    campaigns: k == "campaigns",
                },
            ));
        }
        let name = match table.get("plan") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
            Some(v) => {
                return Err(invalid("plan", short(v), PlanReason::Name));
            }
            None => {
                return Err(invalid("plan", "", PlanReason::NameMissing));
            }
        };
        let year = match table.get("year") {
            Some(Value::Integer(y)) if (1..=9999).contains(y) => *y as i32,
            Some(v) => {
                return Err(invalid("year", short(v), PlanReason::Year));
            }
            None => {
                return Err(invalid("year", "", PlanReason::YearMissing));
            }
        };
        let max_visits_per_officer_per_day = match table.get("max_visits_per_officer_per_day") {
            None => super::DEFAULT_MAX_VISITS_PER_OFFICER_PER_DAY,
            Some(Value::Integer(n)) if *n >= 1 && *n <= i64::from(u32::MAX) => *n as u32,
            Some(v) => {
                return Err(invalid(
                    "max_visits_per_officer_per_day",
                    short(v),
                    PlanReason::MaxVisits,
                ));
            }
        };
        let defaults = match table.get("defaults") {
            None => Table::new(),
            Some(Value::Table(t)) => t.clone(),
            Some(v) => return Err(invalid("defaults", short(v), PlanReason::DefaultsTable)),
        };
        for k in ["id", "title"] {
            if let Some(v) = defaults.get(k) {
                return Err(invalid(
                    format!("defaults.{k}"),
                    short(v),
                    PlanReason::OwnKeyInDefaults { key: k.to_string() },
                ));
            }
        }
        let list = match table.get("campaign") {
            Some(Value::Array(a)) if !a.is_empty() => a,
            Some(v) => {
                return Err(invalid("campaign", short(v), PlanReason::Campaigns));
            }
            None => {
                return Err(invalid("campaign", "", PlanReason::CampaignsMissing));
            }
        };
        let mut campaigns: Vec<Campaign> = Vec::with_capacity(list.len());
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for (i, v) in list.iter().enumerate() {
            let index = i + 1;
            let Value::Table(own) = v else {
                return Err(invalid(
                    format!("campaign[{index}]"),
                    short(v),
                    PlanReason::CampaignTable,
                ));
            };
            let c = read_campaign(index, own, &defaults)?;
            if let Some(&first) = seen.get(&c.id) {
                return Err(PlanError::DuplicateId {
                    id: c.id,
                    first,
                    second: index,
                });
            }
            seen.insert(c.id.clone(), index);
            let mut dates = vec![("draw_date", c.draw_date)];
            if let Some(p) = &c.period {
                dates.push(("period.start", p.start));
                dates.push(("period.end", p.end));
            }
            if let Some((key, value)) = dates.into_iter().find(|(_, d)| d.year() != year) {
                return Err(PlanError::OutsideYear {
                    index,
                    id: c.id,
                    key: key.to_string(),
                    value,
                    year,
                });
            }
            campaigns.push(c);
        }
        Ok(Plan {
            name,
            year,
            max_visits_per_officer_per_day,
            campaigns,
        })
    }
}

/// A value as shown in an error (TOML text, cut short).
fn short(v: &Value) -> String {
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Table(_) => "{…}".to_string(),
        Value::Array(a) if a.iter().any(|x| matches!(x, Value::Table(_))) => "[…]".to_string(),
        other => other.to_string(),
    };
    if s.chars().count() > 60 {
        let mut t: String = s.chars().take(57).collect();
        t.push('…');
        t
    } else {
        s
    }
}

/// `defaults` deep-merged with `own`: tables merge key by key, anything else
/// (texts, numbers, arrays, arrays of tables) is taken from `own` when given.
pub(super) fn merge(defaults: &Table, own: &Table) -> Table {
    let mut out = defaults.clone();
    for (k, v) in own {
        let merged = match (out.get(k), v) {
            (Some(Value::Table(d)), Value::Table(o)) => Value::Table(merge(d, o)),
            _ => v.clone(),
        };
        out.insert(k.clone(), merged);
    }
    out
}

fn read_campaign(index: usize, own: &Table, defaults: &Table) -> Result<Campaign, PlanError> {
    let merged = merge(defaults, own);
    let id = match merged.get("id") {
        Some(Value::String(s)) => Some(s.trim().to_string()),
        _ => None,
    };
    let text = toml::to_string(&merged).map_err(|e| PlanError::CampaignKey {
        index,
        id: id.clone(),
        key: None,
        message: format!("cannot be written as a campaign file: {e}"),
    })?;
    Campaign::from_toml(&text).map_err(|e| match e {
        CampaignError::Toml { line, message } => {
            // Where in the re-written campaign the error is: the key path.
            let key = line
                .and_then(|l| path_at_line(&text, l, message.starts_with("missing field")))
                .map(|k| {
                    if lookup(own, &k).is_none() && lookup(defaults, &k).is_some() {
                        format!("defaults.{k}")
                    } else {
                        k
                    }
                });
            PlanError::CampaignKey {
                index,
                id: id.clone(),
                key,
                message,
            }
        }
        CampaignError::Invalid { ref key, .. } => PlanError::Campaign {
            index,
            id: id.clone(),
            from_defaults: lookup(own, key).is_none() && lookup(defaults, key).is_some(),
            source: e,
        },
    })
}

pub(super) use crate::core::campaign::key_at_line as path_at_line;

/// The value at a key path (`targets.strata[2].ratio`, 1-based indices).
pub(super) fn lookup<'a>(t: &'a Table, path: &str) -> Option<&'a Value> {
    let mut parts = path.split('.');
    let first = parts.next()?;
    let mut cur = step(t, first)?;
    for p in parts {
        match cur {
            Value::Table(tt) => cur = step(tt, p)?,
            _ => return None,
        }
    }
    Some(cur)
}

fn step<'a>(t: &'a Table, part: &str) -> Option<&'a Value> {
    match part.split_once('[') {
        None => t.get(part),
        Some((name, rest)) => {
            let i: usize = rest.strip_suffix(']')?.parse().ok()?;
            match t.get(name)? {
                Value::Array(a) => a.get(i.checked_sub(1)?),
                _ => None,
            }
        }
    }
}
