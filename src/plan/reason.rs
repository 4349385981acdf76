//! Why a key of the plan itself (`plan`, `year`, `defaults`, …) is refused:
//! a typed [`PlanReason`] with English `Display`, worded by a program in its
//! own language by matching on it (the CLI: `locales/*/campaign-file.ftl`).

/// Why a plan key is refused (see [`super::PlanError::Invalid`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PlanReason {
    /// A key a plan does not have.
    #[error(
        "unknown key{}; a plan has plan, year, max_visits_per_officer_per_day, defaults, campaign",
        if *.campaigns { " (each campaign is a [[campaign]] table)" } else { "" }
    )]
    UnknownKey {
        /// The key is `campaigns` (each campaign is a `[[campaign]]` table).
        campaigns: bool,
    },
    /// `plan` is not a non-empty text.
    #[error("the plan's name, a non-empty text")]
    Name,
    /// `plan` is missing.
    #[error("missing: name the plan, e.g. plan = \"XX县2026年度双随机抽查计划\"")]
    NameMissing,
    /// `year` is not a year.
    #[error("a year such as 2026 (an integer)")]
    Year,
    /// `year` is missing.
    #[error("missing: the plan's year, e.g. year = 2026")]
    YearMissing,
    /// `max_visits_per_officer_per_day` is not a whole number ≥ 1.
    #[error("a whole number of visits, at least 1")]
    MaxVisits,
    /// `defaults` is not a table.
    #[error("a table: [defaults]")]
    DefaultsTable,
    /// `defaults.id` or `defaults.title`.
    #[error("each campaign gives its own {key}")]
    OwnKeyInDefaults {
        /// `id` or `title`.
        key: String,
    },
    /// `campaign` is not a non-empty array of tables.
    #[error("one [[campaign]] table per campaign, at least one")]
    Campaigns,
    /// No `[[campaign]]`.
    #[error("missing: a plan lists its campaigns as [[campaign]] tables")]
    CampaignsMissing,
    /// A `campaign` entry that is not a table.
    #[error("a campaign is a [[campaign]] table")]
    CampaignTable,
}
