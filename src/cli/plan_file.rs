//! The words of plan-file errors (issue 15): the typed reasons of the
//! library ([`PlanReason`]) and the campaign errors inside a plan, with the
//! file and the line in the plan file first (`FILE:LINE:`), as
//! `campaign_file.rs` does for campaign files.

use super::Failure;
use super::campaign_file::{campaign_error, failure, line_of_key, toml_key, toml_message};
use super::i18n::t;
use crate::core::campaign::CampaignError;
use crate::plan::{PlanError, PlanReason};
use std::path::Path;

/// A [`PlanReason`] in the language of the run.
fn plan_reason(r: &PlanReason) -> String {
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

/// `campaign[INDEX]` or `campaign[INDEX] (ID)`: a campaign of a plan file.
fn label(index: usize, id: Option<&str>) -> String {
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
fn plan_error(e: &PlanError) -> String {
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
