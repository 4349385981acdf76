//! The words of campaign-file and plan-file errors (issue 15): the typed
//! reasons of the library ([`Reason`], [`PlanReason`]) and the TOML reader's
//! messages ([`TomlProblem`]) from the catalogues (`campaign-file.ftl`), with
//! the file and line first (`FILE:LINE:`) and keys and values as written.
//! The `--json` error adds `key`, `line` (when known) and `detail`, the
//! library's English text, so nothing is lost when a message is worded.

use super::Failure;
use super::i18n::t;
use crate::core::campaign::{CampaignError, Reason, TomlProblem, key_at_line};
use crate::plan::{PlanError, PlanReason};
use std::path::Path;

/// A [`Reason`] in the language of the run.
pub(crate) fn reason(r: &Reason) -> String {
    match r {
        Reason::ListedTwice => t!("cf-listed-twice"),
        Reason::EmptyEntry => t!("cf-empty-entry"),
        Reason::NotAnInstant => t!("cf-not-an-instant"),
        Reason::NotADate => t!("cf-not-a-date"),
        Reason::UnknownCreditClass(e) => t!(
            "cf-unknown-credit-class",
            value = format!("{:?}", e.value),
            accepted = e.accepted
        ),
        Reason::RatioAndCount => t!("cf-ratio-and-count"),
        Reason::NoRatioOrCount => t!("cf-no-ratio-or-count"),
        Reason::NotARatio => t!("cf-not-a-ratio"),
        Reason::RatioAsNumber => t!("cf-ratio-as-number"),
        Reason::OfficerRegion => t!("cf-officer-region"),
        Reason::Assignment => t!("cf-assignment"),
        Reason::NotACommitment => t!("cf-not-a-commitment"),
        Reason::WitnessNameCharacter { ch } => {
            t!("cf-witness-name-character", ch = format!("{ch:?}"))
        }
        Reason::BeaconScheme => t!("cf-beacon-scheme"),
        Reason::OnMissingReveal => t!("cf-on-missing-reveal"),
        Reason::CoordinationStart => t!("cf-coordination-start"),
        Reason::NotSorted => t!("cf-not-sorted"),
        Reason::TwoStrata => t!("cf-two-strata"),
        Reason::BadId => t!("cf-bad-id"),
        Reason::MustBeGiven => t!("cf-must-be-given"),
        Reason::NoItems => t!("cf-no-items"),
        Reason::TeamTooSmall => t!("cf-team-too-small"),
        Reason::PerDepartmentZero => t!("cf-per-department-zero"),
        Reason::MaxTargetsZero => t!("cf-max-targets-zero"),
        Reason::MinAboveMax { min, max } => t!("cf-min-above-max", min = min, max = max),
        Reason::StratumExcluded => t!("cf-stratum-excluded"),
        Reason::RegionPrefix => t!("cf-region-prefix"),
        Reason::DuplicateWitness => t!("cf-duplicate-witness"),
        Reason::WitnessNameless => t!("cf-witness-nameless"),
        Reason::NoEntropy => t!("cf-no-entropy"),
        Reason::DrandRound => t!("cf-drand-round"),
        Reason::LotteryRound => t!("cf-lottery-round"),
        Reason::LotteryDeadline => t!("cf-lottery-deadline"),
        Reason::ProceedWithoutBeacon => t!("cf-proceed-without-beacon"),
        Reason::EndBeforeStart { start } => t!("cf-end-before-start", start = start),
        Reason::StartBeforeDraw { draw_date } => {
            t!("cf-start-before-draw", draw_date = draw_date)
        }
        Reason::GroupName => t!("cf-group-name"),
        Reason::CoordinationStartRange => t!("cf-coordination-start-range"),
    }
}

/// A [`PlanReason`] in the language of the run.
pub(crate) fn plan_reason(r: &PlanReason) -> String {
    match r {
        PlanReason::UnknownKey { campaigns: false } => t!("cf-plan-unknown-key"),
        PlanReason::UnknownKey { campaigns: true } => t!("cf-plan-unknown-key-campaigns"),
        PlanReason::Name => t!("cf-plan-name"),
        PlanReason::NameMissing => t!("cf-plan-name-missing"),
        PlanReason::Year => t!("cf-plan-year"),
        PlanReason::YearMissing => t!("cf-plan-year-missing"),
        PlanReason::MaxVisits => t!("cf-plan-max-visits"),
        PlanReason::DefaultsTable => t!("cf-plan-defaults-table"),
        PlanReason::OwnKeyInDefaults { key } => t!("cf-plan-own-key-in-defaults", key = key),
        PlanReason::Campaigns => t!("cf-plan-campaigns"),
        PlanReason::CampaignsMissing => t!("cf-plan-campaigns-missing"),
        PlanReason::CampaignTable => t!("cf-plan-campaign-table"),
    }
}

/// What the reader found (`integer `3``), worded; as is when not recognised.
fn found(s: &str) -> String {
    if let Some(v) = s.strip_prefix("boolean ") {
        t!("cf-kind-boolean", value = v)
    } else if let Some(v) = s.strip_prefix("integer ") {
        t!("cf-kind-integer", value = v)
    } else if let Some(v) = s.strip_prefix("floating point ") {
        t!("cf-kind-float", value = v)
    } else if let Some(v) = s.strip_prefix("string ") {
        t!("cf-kind-string", value = v)
    } else if let Some(v) = s.strip_prefix("character ") {
        t!("cf-kind-character", value = v)
    } else if s == "sequence" {
        t!("cf-kind-sequence")
    } else if s == "map" {
        t!("cf-kind-map")
    } else {
        s.to_string()
    }
}

/// What the reader expected (`a string`, `u64`), worded; as is when not
/// recognised.
fn expected(s: &str) -> String {
    match s {
        "a string" | "a borrowed string" | "string" => t!("cf-expect-string"),
        "a sequence" | "sequence" => t!("cf-expect-sequence"),
        "a boolean" | "bool" => t!("cf-expect-boolean"),
        "u8" | "u16" | "u32" | "u64" | "usize" => t!("cf-expect-unsigned"),
        "i8" | "i16" | "i32" | "i64" | "isize" => t!("cf-expect-integer"),
        "f32" | "f64" => t!("cf-expect-float"),
        "a map" | "map" => t!("cf-expect-table"),
        "a TOML datetime" | "a datetime" => t!("cf-expect-datetime"),
        _ if s.starts_with("struct ") => t!("cf-expect-table"),
        _ => s.to_string(),
    }
}

/// A TOML reader's message in the language of the run: its fixed shapes
/// worded from their parts, a syntax error (the text is not TOML at all)
/// framed with the reader's own words, anything else as the reader says it.
pub(crate) fn toml_message(message: &str, text: Option<&str>) -> String {
    match TomlProblem::recognise(message) {
        TomlProblem::UnknownField { field, expected } if expected.is_empty() => {
            t!("cf-toml-unknown-field-none", field = field)
        }
        TomlProblem::UnknownField { field, expected } => {
            let list: Vec<String> = expected.iter().map(|k| format!("`{k}`")).collect();
            t!(
                "cf-toml-unknown-field",
                field = field,
                expected = list.join(", ")
            )
        }
        TomlProblem::MissingField { field } => t!("cf-toml-missing-field", field = field),
        TomlProblem::InvalidType {
            found: f,
            expected: x,
        } => t!(
            "cf-toml-invalid-type",
            found = found(&f),
            expected = expected(&x)
        ),
        TomlProblem::InvalidValue {
            found: f,
            expected: x,
        } => t!(
            "cf-toml-invalid-value",
            found = found(&f),
            expected = expected(&x)
        ),
        TomlProblem::DuplicateKey { key: None } => t!("cf-toml-duplicate-key"),
        TomlProblem::DuplicateKey { key: Some(k) } => t!("cf-toml-duplicate-key-named", key = k),
        TomlProblem::NoMatchingType => t!("cf-toml-no-matching-type"),
        _ if text.is_some_and(|t| toml::from_str::<toml::Table>(t).is_err()) => {
            t!("cf-toml-syntax", detail = message.trim())
        }
        _ => t!("cf-toml-other", detail = message.trim()),
    }
}

/// The 1-based line where `key` (`targets.strata[1].ratio`) is written: the
/// line of the key itself, else of the nearest table or key holding it (an
/// inline table, an array of tables' header). None for long files.
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    let lines = text.lines().count();
    if lines > 3000 {
        return None;
    }
    let paths: Vec<Option<String>> = (1..=lines).map(|l| key_at_line(text, l, false)).collect();
    let mut k = key;
    loop {
        if let Some(i) = paths.iter().position(|p| p.as_deref() == Some(k)) {
            return Some(i + 1);
        }
        let cut = k.rfind(['.', '['])?;
        k = &k[..cut];
    }
}

/// The 1-based line of a plan file where `key` of its `index`-th
/// `[[campaign]]` table is written (of `[defaults]` for a key `defaults.…`):
/// the table's lines read as a campaign file of their own.
fn plan_campaign_line(text: &str, index: usize, key: &str) -> Option<usize> {
    let (table, key) = match key.strip_prefix("defaults.") {
        Some(k) => ("defaults", k),
        None => ("campaign", key),
    };
    let lines: Vec<&str> = text.lines().collect();
    let mut seen = 0;
    let start = lines.iter().position(|l| match (table, l.trim()) {
        ("defaults", t) => t == "[defaults]",
        (_, "[[campaign]]") => {
            seen += 1;
            seen == index
        }
        _ => false,
    })?;
    let mut own = vec![String::new()];
    for l in &lines[start + 1..] {
        let t = l.trim();
        if t.starts_with('[') && t.ends_with(']') {
            let double = t.starts_with("[[");
            let name = t.trim_start_matches('[').trim_end_matches(']').trim();
            match name.strip_prefix(table).and_then(|r| r.strip_prefix('.')) {
                Some(rest) if double => own.push(format!("[[{rest}]]")),
                Some(rest) => own.push(format!("[{rest}]")),
                None => break,
            }
        } else {
            own.push((*l).to_string());
        }
    }
    line_of_key(&own.join("\n"), key).map(|l| start + l)
}

/// The key the reader's message at `line` is about.
fn toml_key(text: &str, line: Option<usize>, message: &str) -> Option<String> {
    match TomlProblem::recognise(message) {
        TomlProblem::MissingField { field } => {
            let table = line.and_then(|l| key_at_line(text, l, true));
            Some(match table {
                Some(t) => format!("{t}.{field}"),
                None => field,
            })
        }
        _ => line.and_then(|l| key_at_line(text, l, false)),
    }
}

/// A refused file: the message, and `key`, `line` and `detail` in the JSON.
fn failure(message: String, key: Option<&str>, line: Option<usize>, detail: String) -> Failure {
    let mut f = Failure::rejected("rejected", message);
    if let Some(e) = f.json.get_mut("error").and_then(|e| e.as_object_mut()) {
        if let Some(k) = key {
            e.insert("key".into(), k.into());
        }
        if let Some(l) = line {
            e.insert("line".into(), l.into());
        }
        e.insert("detail".into(), detail.into());
    }
    f
}

/// A campaign file refused: `FILE:LINE: …` in the language of the run.
pub(crate) fn campaign_file_failure(file: &Path, text: &str, e: &CampaignError) -> Failure {
    let file_name = file.display();
    match e {
        CampaignError::Toml { line, message } => {
            let why = toml_message(message, Some(text));
            let m = match line {
                Some(l) => t!("cf-toml-line", file = file_name, line = l, why = why),
                None => t!("cf-toml", file = file_name, why = why),
            };
            let key = toml_key(text, *line, message);
            failure(m, key.as_deref(), *line, e.to_string())
        }
        CampaignError::Invalid { key, .. } => {
            let line = line_of_key(text, key);
            let why = campaign_error(e);
            let m = match line {
                Some(l) => t!("cf-file-line", file = file_name, line = l, why = why),
                None => t!("error-file", file = file_name, why = why),
            };
            failure(m, Some(key), line, e.to_string())
        }
    }
}

/// A campaign error without its file, in the language of the run.
pub(crate) fn campaign_error(e: &CampaignError) -> String {
    match e {
        CampaignError::Toml {
            line: Some(l),
            message,
        } => t!("cf-line", line = l, why = toml_message(message, None)),
        CampaignError::Toml {
            line: None,
            message,
        } => toml_message(message, None),
        CampaignError::Invalid {
            key,
            value,
            reason: r,
        } => t!(
            "cf-campaign-invalid",
            key = key,
            value = format!("{value:?}"),
            why = reason(r)
        ),
    }
}

/// `campaign[INDEX]` or `campaign[INDEX] (ID)`: a campaign of a plan file.
pub(crate) fn label(index: usize, id: Option<&str>) -> String {
    match id {
        Some(id) => t!("plan-campaign-label-id", index = index, id = id),
        None => t!("plan-campaign-label", index = index),
    }
}

/// A plan file refused: `FILE:LINE: …` (the line when known) in the
/// language of the run.
pub(crate) fn plan_file_failure(file: &Path, text: &str, e: &PlanError) -> Failure {
    let file_name = file.display();
    let (key, line) = match e {
        PlanError::Toml { line, message } => (toml_key(text, *line, message), *line),
        PlanError::Invalid { key, .. } => (Some(key.clone()), line_of_key(text, key)),
        PlanError::Campaign {
            index,
            from_defaults,
            source,
            ..
        } => match source {
            CampaignError::Invalid { key, .. } => {
                let at = if *from_defaults {
                    format!("defaults.{key}")
                } else {
                    key.clone()
                };
                (Some(key.clone()), plan_campaign_line(text, *index, &at))
            }
            CampaignError::Toml { .. } => (None, None),
        },
        PlanError::CampaignKey { index, key, .. } => (
            key.clone(),
            key.as_deref()
                .and_then(|k| plan_campaign_line(text, *index, k)),
        ),
        PlanError::OutsideYear { index, key, .. } => {
            (Some(key.clone()), plan_campaign_line(text, *index, key))
        }
        PlanError::DuplicateId { second, .. } => (
            Some("id".to_string()),
            plan_campaign_line(text, *second, "id"),
        ),
    };
    let m = match (e, line) {
        (PlanError::Toml { message, .. }, Some(l)) => t!(
            "cf-plan-toml-line",
            file = file_name,
            line = l,
            why = toml_message(message, Some(text))
        ),
        (PlanError::Toml { message, .. }, None) => t!(
            "cf-plan-toml",
            file = file_name,
            why = toml_message(message, Some(text))
        ),
        (_, Some(l)) => t!(
            "cf-file-line",
            file = file_name,
            line = l,
            why = plan_error(e)
        ),
        (_, None) => t!("error-file", file = file_name, why = plan_error(e)),
    };
    failure(m, key.as_deref(), line, e.to_string())
}

/// Why a plan file is refused, without the file.
pub(crate) fn plan_error(e: &PlanError) -> String {
    match e {
        PlanError::Toml {
            line: Some(l),
            message,
        } => t!("cf-line", line = l, why = toml_message(message, None)),
        PlanError::Toml {
            line: None,
            message,
        } => toml_message(message, None),
        PlanError::Invalid { key, value, reason } => t!(
            "cf-campaign-invalid",
            key = key,
            value = format!("{value:?}"),
            why = plan_reason(reason)
        ),
        PlanError::Campaign {
            index,
            id,
            from_defaults,
            source,
        } => {
            let mut m = t!(
                "plan-campaign",
                campaign = label(*index, id.as_deref()),
                why = campaign_error(source)
            );
            if *from_defaults {
                m.push_str(&t!("plan-from-defaults"));
            }
            m
        }
        PlanError::CampaignKey {
            index,
            id,
            key: Some(key),
            message,
        } => t!(
            "plan-campaign-key",
            campaign = label(*index, id.as_deref()),
            key = key,
            why = toml_message(message, None)
        ),
        PlanError::CampaignKey {
            index,
            id,
            key: None,
            message,
        } => t!(
            "plan-campaign",
            campaign = label(*index, id.as_deref()),
            why = toml_message(message, None)
        ),
        PlanError::DuplicateId { id, first, second } => t!(
            "plan-duplicate-id",
            id = format!("{id:?}"),
            first = first,
            second = second
        ),
        PlanError::OutsideYear {
            index,
            id,
            key,
            value,
            year,
        } => t!(
            "plan-outside-year",
            campaign = label(*index, Some(id)),
            key = key,
            value = value,
            year = year
        ),
    }
}
