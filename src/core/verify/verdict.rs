//! The verdict every verifier reports (核验结论, `dualdraw.verify.v2`,
//! `docs/SPEC.md` §9): the level, what it established, what it could not
//! check and who can.

use super::{Check, Level, Mismatch, VerifiedDraw, Who};
use crate::core::proof::DrawProof;
use serde::Serialize;

/// The verdict schema tag.
pub const VERDICT_SCHEMA: &str = "dualdraw.verify.v2";

/// The one-word verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VerdictWord {
    /// The audit level passed: the whole draw was re-run (真实有效).
    Valid,
    /// The light or public level passed: nothing wrong found, with what this
    /// level could not see listed (未发现问题).
    Consistent,
    /// A check failed (核验不通过).
    Invalid,
}

/// A check a level could not run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotChecked {
    /// The check.
    pub check: Check,
    /// Who can run it.
    pub who: Vec<Who>,
    /// Why this level could not.
    pub why: &'static str,
}

/// One failure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerdictError {
    /// The check that failed.
    pub check: Check,
    /// What differs (a sentence).
    pub message: String,
    /// What was checked (names the target, officer or stratum).
    pub what: String,
    /// What the proof's own inputs give, where it applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// What the file says, where it applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub got: Option<String>,
}

/// A team in a verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerdictTeam {
    /// The target's USCC.
    pub target: String,
    /// Officer ids in team order.
    pub officers: Vec<String>,
}

/// The §9 verdict object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// [`VERDICT_SCHEMA`].
    pub schema: &'static str,
    /// No check of the level failed.
    pub ok: bool,
    /// The one-word verdict.
    pub verdict: VerdictWord,
    /// The level run.
    pub level: Level,
    /// The campaign id.
    pub campaign: Option<String>,
    /// The announcement hash (hex).
    pub announcement_hash: Option<String>,
    /// The seed (hex).
    pub seed: Option<String>,
    /// Checks that ran and passed, in table order.
    pub established: Vec<Check>,
    /// Checks that failed.
    pub failed: Vec<Check>,
    /// Checks this level could not run.
    pub not_checked: Vec<NotChecked>,
    /// The failures.
    pub errors: Vec<VerdictError>,
    /// Verified targets (sorted) when `ok`.
    pub targets: Option<Vec<String>>,
    /// The teams re-run when `ok`.
    pub teams: Option<Vec<VerdictTeam>>,
    /// Compare the announcement hash with the one published before the draw.
    pub announcement_note: &'static str,
}

const NOTE: &str = "Compare announcement_hash with the hash the bureau published before the draw (公告中的公告哈希); a verifier cannot see what was published before.";

fn not_checked(level: Level) -> Vec<NotChecked> {
    Check::not_checked_at(level)
        .into_iter()
        .map(|(check, who, why)| NotChecked { check, who, why })
        .collect()
}

impl Verdict {
    /// The verdict of a passed verification.
    pub fn passed(v: &VerifiedDraw) -> Verdict {
        let p = v.proof();
        let level = v.level();
        Verdict {
            schema: VERDICT_SCHEMA,
            ok: true,
            verdict: if level == Level::Audit {
                VerdictWord::Valid
            } else {
                VerdictWord::Consistent
            },
            level,
            campaign: Some(p.announcement.campaign.id.clone()),
            announcement_hash: Some(p.announcement.hash.to_hex()),
            seed: Some(p.seed.to_hex()),
            established: Check::established_at(level),
            failed: Vec::new(),
            not_checked: not_checked(level),
            errors: Vec::new(),
            targets: Some(p.targets.iter().map(|t| t.entity.uscc.clone()).collect()),
            teams: Some(
                p.teams
                    .iter()
                    .map(|t| VerdictTeam {
                        target: t.target.clone(),
                        officers: t.officers.clone(),
                    })
                    .collect(),
            ),
            announcement_note: NOTE,
        }
    }

    /// The verdict of a failed verification at `level` (the checks before the
    /// failed one in table order, at that level, are reported established
    /// only when they are light checks that run before it).
    pub fn failed(level: Level, proof: Option<&DrawProof>, m: &Mismatch) -> Verdict {
        let (expected, got) = if m.expected.is_empty() {
            (None, Some(m.got.clone()))
        } else {
            (Some(m.expected.clone()), Some(m.got.clone()))
        };
        Verdict {
            schema: VERDICT_SCHEMA,
            ok: false,
            verdict: VerdictWord::Invalid,
            level,
            campaign: proof.map(|p| p.announcement.campaign.id.clone()),
            announcement_hash: proof.map(|p| p.announcement.hash.to_hex()),
            seed: proof.map(|p| p.seed.to_hex()),
            established: Vec::new(),
            failed: vec![m.check],
            not_checked: not_checked(level),
            errors: vec![VerdictError {
                check: m.check,
                message: m.to_string(),
                what: m.what.clone(),
                expected,
                got,
            }],
            targets: None,
            teams: None,
            announcement_note: NOTE,
        }
    }

    /// The verdict on a file that could not be read as a proof (`json` or
    /// `format`).
    pub fn unreadable(level: Level, check: Check, message: String) -> Verdict {
        Verdict::failed(
            level,
            None,
            &Mismatch {
                check,
                what: "file".into(),
                expected: String::new(),
                got: message,
            },
        )
    }
}
