//! The words of campaign-file errors (issue 15; plan files: `plan_file.rs`):
//! the typed reasons of the library ([`Reason`]) and the TOML reader's
//! messages ([`TomlProblem`]) from the catalogues (`campaign-file.ftl`), with
//! the file and line first (`FILE:LINE:`) and keys and values as written.
//! The `--json` error adds `key`, `line` (when known) and `detail`, the
//! library's English text, so nothing is lost when a message is worded.

use super::Failure;
use super::i18n::t;
use crate::core::campaign::{CampaignError, Reason, TomlProblem, key_at_line};
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
pub(super) fn line_of_key(text: &str, key: &str) -> Option<usize> {
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

/// The key the reader's message at `line` is about.
pub(super) fn toml_key(text: &str, line: Option<usize>, message: &str) -> Option<String> {
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
pub(super) fn failure(
    message: String,
    key: Option<&str>,
    line: Option<usize>,
    detail: String,
) -> Failure {
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
