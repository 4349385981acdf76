//! Reading campaign TOML: the file's shape, defaults, and the checks that need
//! no registry.

use super::Reason;
use super::{
    AssignmentVersion, BeaconScheme, BeaconSpec, Campaign, Coordination, EntropyPlan,
    MissingReveal, OfficerRegion, Period, Ratio, Stratum, StratumRule, Targets, Teams,
    WitnessCommitment,
};
use crate::core::merkle::Hash;
use crate::core::registry::vocab::CreditClass;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

/// Why a campaign is refused (抽查任务错误).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CampaignError {
    /// The TOML does not parse or has an unknown or mistyped key.
    #[error("campaign file{}: {message}", .line.map(|l| format!(", line {l}")).unwrap_or_default())]
    Toml {
        /// 1-based line, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A key has a value that is not allowed.
    #[error("{key} = {value:?}: {reason}")]
    Invalid {
        /// The key, as written in the file (e.g. `targets.strata[1].ratio`).
        key: String,
        /// The value.
        value: String,
        /// Why.
        reason: Reason,
    },
}

fn invalid(key: impl Into<String>, value: impl ToString, reason: Reason) -> CampaignError {
    CampaignError::Invalid {
        key: key.into(),
        value: value.to_string(),
        reason,
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum DateValue {
    Text(String),
    Toml(toml::value::Datetime),
}

impl DateValue {
    fn text(&self) -> String {
        match self {
            DateValue::Text(s) => s.clone(),
            DateValue::Toml(d) => d.to_string(),
        }
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RoundValue {
    Number(u64),
    Text(String),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RatioValue {
    Text(String),
    Number(f64),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    id: String,
    title: String,
    lead_department: String,
    draw_date: DateValue,
    items: Vec<String>,
    #[serde(default)]
    targets: Option<TargetsFile>,
    #[serde(default)]
    teams: Option<TeamsFile>,
    entropy: EntropyFile,
    #[serde(default)]
    period: Option<PeriodFile>,
    #[serde(default)]
    coordination: Option<CoordinationFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodFile {
    start: DateValue,
    end: DateValue,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CoordinationFile {
    group: String,
    #[serde(default)]
    start: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct TargetsFile {
    categories: Option<Vec<String>>,
    #[serde(default)]
    regions: Vec<String>,
    #[serde(default)]
    exclude_flags: Vec<String>,
    #[serde(default)]
    exclude_credit_classes: Vec<String>,
    #[serde(default)]
    exclude_inspected_within_days: u64,
    #[serde(default)]
    strata: Vec<StratumFile>,
    #[serde(default)]
    low_risk_once_a_year: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StratumFile {
    credit_class: String,
    ratio: Option<RatioValue>,
    count: Option<u64>,
    min: Option<u64>,
    max: Option<u64>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct TeamsFile {
    min_size: Option<u64>,
    per_department: Option<u64>,
    max_targets_per_officer: Option<u64>,
    officer_region: Option<String>,
    #[serde(default)]
    avoid_same_officer_within_days: u64,
    assignment: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntropyFile {
    #[serde(default)]
    witnesses: Vec<WitnessFile>,
    beacon: Option<BeaconFile>,
    reveal_deadline: Option<DateValue>,
    on_missing_reveal: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WitnessFile {
    name: String,
    commitment: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BeaconFile {
    scheme: String,
    round: RoundValue,
}

fn sorted_unique(key: &str, mut v: Vec<String>) -> Result<Vec<String>, CampaignError> {
    let mut out: Vec<String> = v.drain(..).map(|s| s.trim().to_string()).collect();
    out.sort();
    for w in out.windows(2) {
        if w[0] == w[1] {
            return Err(invalid(key, &w[0], Reason::ListedTwice));
        }
    }
    if let Some(e) = out.iter().find(|s| s.is_empty()) {
        return Err(invalid(key, e, Reason::EmptyEntry));
    }
    Ok(out)
}

fn parse_instant(key: &str, s: &str) -> Result<DateTime<Utc>, CampaignError> {
    crate::core::instant::parse_instant(s.trim()).map_err(|_| invalid(key, s, Reason::NotAnInstant))
}

pub(super) fn from_toml(text: &str) -> Result<Campaign, CampaignError> {
    let file: File = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        CampaignError::Toml {
            line,
            message: e.message().to_string(),
        }
    })?;
    let draw_date_text = file.draw_date.text();
    let draw_date = NaiveDate::parse_from_str(draw_date_text.trim(), "%Y-%m-%d")
        .map_err(|_| invalid("draw_date", &draw_date_text, Reason::NotADate))?;
    let t = file.targets.unwrap_or_default();
    let mut strata = Vec::new();
    for (i, s) in t.strata.into_iter().enumerate() {
        let key = format!("targets.strata[{}]", i + 1);
        let credit_class = CreditClass::parse(&s.credit_class).map_err(|e| {
            invalid(
                format!("{key}.credit_class"),
                &s.credit_class,
                Reason::UnknownCreditClass(Box::new(e)),
            )
        })?;
        let rule = match (s.ratio, s.count) {
            (Some(_), Some(_)) => {
                return Err(invalid(&key, credit_class.token(), Reason::RatioAndCount));
            }
            (None, None) => {
                return Err(invalid(&key, credit_class.token(), Reason::NoRatioOrCount));
            }
            (None, Some(c)) => StratumRule::Count(c),
            (Some(RatioValue::Text(r)), None) => StratumRule::Ratio(
                Ratio::parse(&r)
                    .ok_or_else(|| invalid(format!("{key}.ratio"), &r, Reason::NotARatio))?,
            ),
            (Some(RatioValue::Number(x)), None) => {
                return Err(invalid(format!("{key}.ratio"), x, Reason::RatioAsNumber));
            }
        };
        strata.push(Stratum {
            credit_class,
            rule,
            min: s.min,
            max: s.max,
        });
    }
    strata.sort_by_key(|s| s.credit_class);
    let mut exclude_credit_classes = Vec::new();
    for c in &t.exclude_credit_classes {
        exclude_credit_classes.push(CreditClass::parse(c).map_err(|e| {
            invalid(
                "targets.exclude_credit_classes",
                c,
                Reason::UnknownCreditClass(Box::new(e)),
            )
        })?);
    }
    exclude_credit_classes.sort();
    if let Some(w) = exclude_credit_classes.windows(2).find(|w| w[0] == w[1]) {
        return Err(invalid(
            "targets.exclude_credit_classes",
            w[0].token(),
            Reason::ListedTwice,
        ));
    }
    let teams = file.teams.unwrap_or_default();
    let officer_region = match teams.officer_region.as_deref().map(str::trim) {
        None | Some("any") => OfficerRegion::Any,
        Some("same") => OfficerRegion::Same,
        Some("other") => OfficerRegion::Other,
        Some(x) => {
            return Err(invalid("teams.officer_region", x, Reason::OfficerRegion));
        }
    };
    let assignment = match teams.assignment.as_deref().map(str::trim) {
        // A campaign file without the key is a new campaign: v2 (issue 14).
        // "v1" reproduces the first assignment; stored JSON campaigns
        // without the key are v1 (they were announced before v2).
        Some("v1") => AssignmentVersion::V1,
        None | Some("v2") => AssignmentVersion::V2,
        Some(x) => {
            return Err(invalid("teams.assignment", x, Reason::Assignment));
        }
    };
    let mut witnesses = Vec::new();
    for (i, w) in file.entropy.witnesses.into_iter().enumerate() {
        let commitment = Hash::from_hex(&w.commitment).map_err(|_| {
            invalid(
                format!("entropy.witnesses[{}].commitment", i + 1),
                &w.commitment,
                Reason::NotACommitment,
            )
        })?;
        // A reveal is written `NAME=SECRET`: a name must not hold `=`, and no
        // control or format character (a NUL, a line break, a BOM) may hide in it.
        if let Some(bad) = w
            .name
            .chars()
            .find(|&ch| ch == '=' || ch.is_control() || ch == '\u{FEFF}' || ch == '\u{200B}')
        {
            return Err(invalid(
                format!("entropy.witnesses[{}].name", i + 1),
                &w.name,
                Reason::WitnessNameCharacter { ch: bad },
            ));
        }
        witnesses.push(WitnessCommitment {
            name: w.name.trim().to_string(),
            commitment,
        });
    }
    let beacon = match file.entropy.beacon {
        None => None,
        Some(b) => {
            let scheme = match b.scheme.trim() {
                "drand-quicknet" => BeaconScheme::DrandQuicknet,
                "lottery" => BeaconScheme::Lottery,
                x => {
                    return Err(invalid("entropy.beacon.scheme", x, Reason::BeaconScheme));
                }
            };
            let round = match b.round {
                RoundValue::Number(n) => n.to_string(),
                RoundValue::Text(s) => s.trim().to_string(),
            };
            Some(BeaconSpec { scheme, round })
        }
    };
    let reveal_deadline = file
        .entropy
        .reveal_deadline
        .map(|d| parse_instant("entropy.reveal_deadline", &d.text()))
        .transpose()?;
    let on_missing_reveal = match file.entropy.on_missing_reveal.as_deref().map(str::trim) {
        None | Some("void") => MissingReveal::Void,
        Some("proceed") => MissingReveal::Proceed,
        Some(x) => {
            return Err(invalid(
                "entropy.on_missing_reveal",
                x,
                Reason::OnMissingReveal,
            ));
        }
    };
    let date = |key: &str, v: &DateValue| {
        let text = v.text();
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map_err(|_| invalid(key, &text, Reason::NotADate))
    };
    let period = match &file.period {
        None => None,
        Some(p) => Some(Period {
            start: date("period.start", &p.start)?,
            end: date("period.end", &p.end)?,
        }),
    };
    let coordination = match file.coordination {
        None => None,
        Some(k) => {
            let text = k.start.unwrap_or_else(|| "0".into());
            let start = Ratio::parse(&text)
                .filter(|r| r.p() < r.q())
                .ok_or_else(|| invalid("coordination.start", &text, Reason::CoordinationStart))?;
            Some(Coordination {
                group: k.group.trim().to_string(),
                start,
            })
        }
    };
    let c = Campaign {
        id: file.id.trim().to_string(),
        title: file.title.trim().to_string(),
        lead_department: file.lead_department.trim().to_string(),
        draw_date,
        items: sorted_unique("items", file.items)?,
        targets: Targets {
            categories: t
                .categories
                .map(|c| sorted_unique("targets.categories", c))
                .transpose()?,
            regions: sorted_unique("targets.regions", t.regions)?,
            exclude_flags: sorted_unique("targets.exclude_flags", t.exclude_flags)?,
            exclude_credit_classes,
            exclude_inspected_within_days: t.exclude_inspected_within_days,
            strata,
            low_risk_once_a_year: t.low_risk_once_a_year,
        },
        teams: Teams {
            min_size: teams.min_size.unwrap_or(2),
            per_department: teams.per_department.unwrap_or(1),
            max_targets_per_officer: teams.max_targets_per_officer,
            officer_region,
            avoid_same_officer_within_days: teams.avoid_same_officer_within_days,
            assignment,
        },
        entropy: EntropyPlan {
            witnesses,
            beacon,
            reveal_deadline,
            on_missing_reveal,
        },
        period,
        coordination,
    };
    check(&c)?;
    Ok(c)
}

/// Checks that need no registry.
fn strictly_sorted<T: PartialOrd + std::fmt::Debug>(
    key: &str,
    v: &[T],
) -> Result<(), CampaignError> {
    match v.windows(2).find(|w| w[0] >= w[1]) {
        Some(w) => Err(invalid(key, format!("{:?}", w[1]), Reason::NotSorted)),
        None => Ok(()),
    }
}

pub(super) fn check(c: &Campaign) -> Result<(), CampaignError> {
    strictly_sorted("items", &c.items)?;
    strictly_sorted("targets.regions", &c.targets.regions)?;
    strictly_sorted("targets.exclude_flags", &c.targets.exclude_flags)?;
    strictly_sorted(
        "targets.exclude_credit_classes",
        &c.targets.exclude_credit_classes,
    )?;
    if let Some(cats) = &c.targets.categories {
        strictly_sorted("targets.categories", cats)?;
    }
    for w in c.targets.strata.windows(2) {
        if w[0].credit_class == w[1].credit_class {
            return Err(invalid(
                "targets.strata",
                w[0].credit_class.token(),
                Reason::TwoStrata,
            ));
        }
    }
    let classes: Vec<_> = c.targets.strata.iter().map(|s| s.credit_class).collect();
    strictly_sorted("targets.strata", &classes)?;
    if c.id.is_empty()
        || c.id
            .chars()
            .any(|ch| ch.is_control() || ch == '/' || ch == '\\')
    {
        return Err(invalid("id", &c.id, Reason::BadId));
    }
    if c.lead_department.is_empty() {
        return Err(invalid("lead_department", "", Reason::MustBeGiven));
    }
    if c.items.is_empty() {
        return Err(invalid("items", "[]", Reason::NoItems));
    }
    if c.teams.min_size < 2 {
        return Err(invalid(
            "teams.min_size",
            c.teams.min_size,
            Reason::TeamTooSmall,
        ));
    }
    if c.teams.per_department == 0 {
        return Err(invalid(
            "teams.per_department",
            0,
            Reason::PerDepartmentZero,
        ));
    }
    if c.teams.max_targets_per_officer == Some(0) {
        return Err(invalid(
            "teams.max_targets_per_officer",
            0,
            Reason::MaxTargetsZero,
        ));
    }
    for s in &c.targets.strata {
        if let (Some(min), Some(max)) = (s.min, s.max)
            && min > max
        {
            return Err(invalid(
                "targets.strata",
                s.credit_class.token(),
                Reason::MinAboveMax { min, max },
            ));
        }
        if c.targets.exclude_credit_classes.contains(&s.credit_class) {
            return Err(invalid(
                "targets.exclude_credit_classes",
                s.credit_class.token(),
                Reason::StratumExcluded,
            ));
        }
    }
    for r in &c.targets.regions {
        if r.is_empty() || r.len() > 6 || !r.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid("targets.regions", r, Reason::RegionPrefix));
        }
    }
    let mut names: Vec<&str> = c
        .entropy
        .witnesses
        .iter()
        .map(|w| w.name.as_str())
        .collect();
    names.sort();
    if let Some(w) = names.windows(2).find(|w| w[0] == w[1]) {
        return Err(invalid("entropy.witnesses", w[0], Reason::DuplicateWitness));
    }
    if names.iter().any(|n| n.is_empty()) {
        return Err(invalid("entropy.witnesses", "", Reason::WitnessNameless));
    }
    if c.entropy.witnesses.is_empty() && c.entropy.beacon.is_none() {
        return Err(invalid("entropy", "", Reason::NoEntropy));
    }
    if let Some(b) = &c.entropy.beacon {
        match b.scheme {
            BeaconScheme::DrandQuicknet => {
                if b.round.parse::<u64>().map_or(true, |r| r == 0) {
                    return Err(invalid(
                        "entropy.beacon.round",
                        &b.round,
                        Reason::DrandRound,
                    ));
                }
            }
            BeaconScheme::Lottery => {
                if b.round.is_empty() {
                    return Err(invalid("entropy.beacon.round", "", Reason::LotteryRound));
                }
                if c.entropy.reveal_deadline.is_none() {
                    return Err(invalid(
                        "entropy.reveal_deadline",
                        "",
                        Reason::LotteryDeadline,
                    ));
                }
            }
        }
    }
    if c.entropy.on_missing_reveal == MissingReveal::Proceed && c.entropy.beacon.is_none() {
        return Err(invalid(
            "entropy.on_missing_reveal",
            "proceed",
            Reason::ProceedWithoutBeacon,
        ));
    }
    if let Some(p) = &c.period {
        if p.end < p.start {
            return Err(invalid(
                "period.end",
                p.end,
                Reason::EndBeforeStart { start: p.start },
            ));
        }
        if p.start < c.draw_date {
            return Err(invalid(
                "period.start",
                p.start,
                Reason::StartBeforeDraw {
                    draw_date: c.draw_date,
                },
            ));
        }
    }
    if let Some(k) = &c.coordination {
        if k.group.is_empty() || k.group.chars().any(char::is_control) {
            return Err(invalid("coordination.group", &k.group, Reason::GroupName));
        }
        if k.start.p() >= k.start.q() {
            return Err(invalid(
                "coordination.start",
                k.start,
                Reason::CoordinationStartRange,
            ));
        }
    }
    Ok(())
}
