//! A verifier's "what differs" ([`VerdictError`]) worded from the catalogue
//! (`locales/*/verify-details.ftl`): the subject checked, what the proof's
//! own inputs give and what the file says. Values (hashes, USCCs, officer
//! ids) are shown as they are; a reason the library words in English (a
//! malformed field) is shown as it words it.
//!
//! The library names a subject with a fixed English pattern (`prn of {}`,
//! `seed`, …, in `src/core/verify/`); [`SUBJECTS`] gives each its catalogue
//! key, and a test checks that every pattern the verifier's sources use is
//! in the table and every key in both catalogues.

use crate::cli::i18n::{message, t};
use crate::core::verify::VerdictError;
use fluent_bundle::FluentArgs;

/// Each subject pattern of the verifier (`{}` stands for a value), with its
/// catalogue key; a longer pattern before a shorter one it starts with.
pub(crate) const SUBJECTS: &[(&str, &str)] = &[
    ("prn of {}", "subject-prn-of"),
    ("team of {}", "subject-team-of"),
    ("entity {}", "subject-entity"),
    ("target {} inclusion", "subject-target-inclusion"),
    ("target {}", "subject-target"),
    ("departments of {}", "subject-departments-of"),
    ("items of {}", "subject-items-of"),
    (
        "items and departments of {}",
        "subject-items-departments-of",
    ),
    ("number drawn in stratum {}", "subject-drawn-in-stratum"),
    (
        "threshold commitment of stratum {}",
        "subject-threshold-commitment",
    ),
    ("stratum {} pool", "subject-stratum-pool"),
    ("stratum {} threshold", "subject-stratum-threshold"),
    ("stratum {}", "subject-stratum-of"),
    ("recusal {} / {}", "subject-recusal"),
    ("blocked pair {} / {}", "subject-blocked-pair"),
    ("PRN seed", "subject-prn-seed"),
    ("announcement hash", "subject-announcement-hash"),
    ("assignment", "subject-assignment"),
    ("beacon", "subject-beacon"),
    ("beacon round", "subject-beacon-round"),
    (
        "beacon round time (genesis + (round − 1) · period)",
        "subject-beacon-round-time",
    ),
    ("beacon value", "subject-beacon-value"),
    ("blocked pair", "subject-blocked-pair-one"),
    ("blocked pairs", "subject-blocked-pairs"),
    (
        "blocked pairs (every recusal among drawn targets)",
        "subject-blocked-pairs-all",
    ),
    ("campaign", "subject-campaign"),
    ("campaign hash", "subject-campaign-hash"),
    ("categories", "subject-categories"),
    ("coordination", "subject-coordination"),
    ("coordination group", "subject-coordination-group"),
    ("coordination group hash", "subject-coordination-group-hash"),
    ("cross-stratum consistency", "subject-cross-stratum"),
    ("draw", "subject-draw"),
    ("drawn targets", "subject-drawn-targets"),
    ("drawn this year", "subject-drawn-this-year"),
    ("drawn-this-year root", "subject-drawn-this-year-root"),
    ("entropy", "subject-entropy"),
    ("exclusion list order", "subject-exclusion-order"),
    ("exclusion root", "subject-exclusion-root"),
    ("format", "subject-format"),
    ("group announcements", "subject-group-announcements"),
    ("items", "subject-items"),
    (
        "items root (from the items in the proof)",
        "subject-items-root",
    ),
    ("left out by class", "subject-left-out-by-class"),
    ("number of strata", "subject-number-of-strata"),
    ("number of targets (sum drawn)", "subject-number-of-targets"),
    ("number of teams", "subject-number-of-teams"),
    ("officer history", "subject-officer-history"),
    ("officer history root", "subject-officer-history-root"),
    (
        "officers root (from the officers in the proof)",
        "subject-officers-root",
    ),
    ("pool size", "subject-pool-size"),
    ("pool size (sum of strata)", "subject-pool-size-sum"),
    (
        "pool size from the public snapshot (pool + left out by class)",
        "subject-pool-size-public",
    ),
    ("public snapshot", "subject-public-snapshot"),
    ("public snapshot digest", "subject-public-snapshot-digest"),
    ("registries", "subject-registries"),
    ("reveals used", "subject-reveals-used"),
    ("seed", "subject-seed"),
    ("snapshot digest", "subject-snapshot-digest"),
    (
        "snapshot digest (recomputed from the workspace)",
        "subject-snapshot-digest-workspace",
    ),
    (
        "strata in the proof (one per campaign stratum)",
        "subject-strata-in-proof",
    ),
    ("stratum", "subject-stratum"),
    ("targets", "subject-targets"),
    (
        "targets in the pool recomputed from the public snapshot",
        "subject-targets-in-pool",
    ),
    ("team order", "subject-team-order"),
    ("witnesses left out", "subject-witnesses-left-out"),
];

/// The values of `what` in the places of `pattern`'s `{}`, if it matches.
fn matches<'a>(pattern: &str, what: &'a str) -> Option<Vec<&'a str>> {
    let parts: Vec<&str> = pattern.split("{}").collect();
    let (first, rest) = parts.split_first()?;
    let mut s = what.strip_prefix(first)?;
    let mut values = Vec::new();
    for (i, lit) in rest.iter().enumerate() {
        let last = i + 1 == rest.len();
        let (value, after) = if last {
            (s.strip_suffix(lit)?, "")
        } else {
            let at = s.find(lit)?;
            (&s[..at], &s[at + lit.len()..])
        };
        if value.is_empty() {
            return None;
        }
        values.push(value);
        s = after;
    }
    if rest.is_empty() && !s.is_empty() {
        return None;
    }
    Some(values)
}

/// The subject of a check as a clerk reads it; an unknown subject as the
/// library names it.
fn subject(what: &str) -> String {
    for (pattern, key) in SUBJECTS {
        if let Some(values) = matches(pattern, what) {
            let mut args = FluentArgs::new();
            for (name, v) in ["a", "b"].iter().zip(&values) {
                args.set(*name, v.to_string());
            }
            return message(key, Some(&args));
        }
    }
    what.to_string()
}

/// What differs, in the CLI's language.
pub(super) fn mismatch(e: &VerdictError) -> String {
    let got = e.got.clone().unwrap_or_default();
    match e.expected.as_deref() {
        Some(expected) if !expected.is_empty() => t!(
            "mismatch-expected",
            what = subject(&e.what),
            expected = expected,
            got = got
        ),
        _ if e.what.is_empty() => e.message.clone(),
        _ => t!("mismatch-why", what = subject(&e.what), why = got),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::i18n::{Lang, has};

    #[test]
    fn every_subject_the_verifier_names_has_a_text_in_both_catalogues() {
        let sources = [
            include_str!("../../core/verify.rs"),
            include_str!("../../core/verify/light.rs"),
            include_str!("../../core/verify/public.rs"),
            include_str!("../../core/verify/audit.rs"),
            include_str!("../../core/verify/recompute.rs"),
            include_str!("../../core/verify/threshold.rs"),
        ];
        // `check(Check::X, "subject"` or `check(Check::X, format!("subject {u}"`.
        let mut missing = Vec::new();
        for src in sources {
            let flat: String = src
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .replace("( ", "(");
            for call in ["check(Check::", "fail(Check::"] {
                for piece in flat.split(call).skip(1) {
                    let Some((_, after)) = piece.split_once(", ") else {
                        continue;
                    };
                    let after = after.strip_prefix("format!(").unwrap_or(after);
                    let Some(lit) = after.strip_prefix('"') else {
                        continue;
                    };
                    let Some((lit, _)) = lit.split_once('"') else {
                        continue;
                    };
                    // `{u}`, `{k}`, `{}` all stand for a value.
                    let mut pattern = String::new();
                    let mut inside = false;
                    for ch in lit.chars() {
                        match (ch, inside) {
                            ('{', _) => inside = true,
                            ('}', true) => {
                                inside = false;
                                pattern.push_str("{}");
                            }
                            (_, true) => {}
                            (c, false) => pattern.push(c),
                        }
                    }
                    if !SUBJECTS.iter().any(|(p, _)| *p == pattern) {
                        missing.push(pattern);
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "add to SUBJECTS and verify-details.ftl: {missing:?}"
        );
        for (_, key) in SUBJECTS {
            for l in [Lang::ZhCn, Lang::En] {
                assert!(has(l, key), "{key} missing in {l:?}");
            }
        }
    }

    #[test]
    fn a_subject_with_values_is_worded_with_them() {
        assert_eq!(
            matches("recusal {} / {}", "recusal O1 / 91X"),
            Some(vec!["O1", "91X"])
        );
        assert_eq!(
            matches("target {} inclusion", "target 91X inclusion"),
            Some(vec!["91X"])
        );
        assert_eq!(
            matches("target {}", "target 91X inclusion"),
            Some(vec!["91X inclusion"])
        );
        assert_eq!(matches("seed", "seed"), Some(vec![]));
        assert_eq!(matches("seed", "seeds"), None);
        assert_eq!(matches("stratum {}", "stratum"), None);
    }
}
