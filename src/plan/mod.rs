//! Annual plans (年度抽查计划): a department's or a county's campaigns for a
//! year in one TOML file (`docs/PLAN.md`).
//!
//! [`Plan::from_toml`] reads a plan: `[defaults]` are deep-merged into every
//! `[[campaign]]` (the campaign's own keys win) and each campaign is then read
//! exactly as a campaign file ([`crate::Campaign::from_toml`]), so every key
//! and check of `docs/CAMPAIGN.md` applies, with errors naming the campaign
//! (`campaign[2] (2026-SC-02): targets.strata[1].ratio = …`). Ids must be
//! unique and every draw date and period must lie in the plan's year.
//!
//! [`check`] reports, before anything is drawn, what the plan would draw
//! from a workspace's current snapshot and every rule it cannot meet
//! ([`PlanCheck`]); [`crate::store::announce_campaigns`] announces its
//! campaigns (all or none).
//!
//! Expected counts are exact fractions ([`Fraction`]); nothing here uses
//! floating point.

mod check;
mod departments;
mod findings;
mod frac;
mod parse;
mod reason;
mod tally;

pub use check::check;
pub use findings::{
    CampaignCheck, CampaignNumbers, DepartmentCheck, DepartmentYear, Finding, FindingKind,
    FindingText, PeriodCheck, PlanCheck, PlanCheckError, QualificationCheck, RegionCheck, Severity,
    StratumCheck, UnstaffableCheck, UnstaffableExample,
};
pub use frac::{Expected, Fraction, YearExpected};
pub use parse::{Plan, PlanError};
pub use reason::PlanReason;

/// The daily limit of visits per officer assumed by the period checks when
/// the plan does not set `max_visits_per_officer_per_day`: 2, the default of
/// the visit scheduler (`dualdraw schedule`).
pub const DEFAULT_MAX_VISITS_PER_OFFICER_PER_DAY: u32 = 2;

#[cfg(all(test, feature = "sqlite"))]
mod tests;
