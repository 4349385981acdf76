//! Verification of a draw record (核验) at three levels (`docs/SPEC.md` §7):
//! light (the record alone), public (with the public snapshot) and audit (with
//! the workspace's registries and salt key).
//!
//! Each level is in its own file (`light`, `public`, `audit`); `threshold`
//! opens a stratum's threshold commitment (by an audit re-run). What they
//! share is here: [`Mismatch`], [`Level`] and [`VerifiedDraw`].

mod audit;
mod checks;
mod cross_stratum;
mod light;
mod public;
mod recompute;
mod threshold;
mod verdict;

pub use audit::{verify_audit, verify_audit_runs};
pub use checks::{Check, Who};
pub use cross_stratum::{CrossStratumInput, PoolEntity, StratumCount, cross_stratum_consistent};
pub use light::verify_light;
pub use public::{verify_public, verify_public_compact};
pub use recompute::{PublicPool, public_pool, rerun_teams, target_needs};
pub use threshold::{
    THRESHOLD_OPENING_FORMAT, ThresholdOpening, open_threshold, open_threshold_runs,
};
pub use verdict::{NotChecked, VERDICT_SCHEMA, Verdict, VerdictError, VerdictWord};

use crate::core::proof::DrawProof;
use serde::Serialize;

/// What differs between a proof and a re-computation (核验不一致).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.describe())]
pub struct Mismatch {
    /// The check that failed (`docs/SPEC.md` §9).
    pub check: Check,
    /// What was checked (names the target, officer or stratum).
    pub what: String,
    /// What the proof's own inputs give.
    pub expected: String,
    /// What the proof says.
    pub got: String,
}

impl Mismatch {
    fn describe(&self) -> String {
        if self.expected.is_empty() {
            format!("{}: {}", self.what, self.got)
        } else {
            format!(
                "{}: expected {}, got {}",
                self.what, self.expected, self.got
            )
        }
    }
}

fn check(
    at: Check,
    what: impl Into<String>,
    expected: impl ToString,
    got: impl ToString,
) -> Result<(), Mismatch> {
    let (e, g) = (expected.to_string(), got.to_string());
    if e == g {
        Ok(())
    } else {
        Err(Mismatch {
            check: at,
            what: what.into(),
            expected: e,
            got: g,
        })
    }
}

fn fail(at: Check, what: impl Into<String>, why: impl ToString) -> Mismatch {
    Mismatch {
        check: at,
        what: what.into(),
        expected: String::new(),
        got: why.to_string(),
    }
}

/// How thoroughly a proof was checked (核验级别: 轻量核验/公开核验/审计核验).
/// Ordered: `Light < Public < Audit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// The proof alone (轻量核验).
    Light,
    /// With a published public snapshot (公开核验): also the pool.
    Public,
    /// With the workspace's registries and salts (审计核验).
    Audit,
}

/// A proof that passed verification (已核验的抽查记录). Only [`verify_light`],
/// [`verify_public`] and [`verify_audit`] make one.
#[derive(Debug, Clone)]
pub struct VerifiedDraw {
    level: Level,
    proof: DrawProof,
}

impl VerifiedDraw {
    /// The level reached.
    pub fn level(&self) -> Level {
        self.level
    }
    /// The verified proof.
    pub fn proof(&self) -> &DrawProof {
        &self.proof
    }
}
