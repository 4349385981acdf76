//! Why a key of a campaign file has a value that is not allowed: a typed
//! [`Reason`] with its fields. The library writes it in English (its
//! `Display`); a program words it in its own language by matching on it (the
//! CLI: `locales/*/campaign-file.ftl`). The key and the value stay as written
//! in the file; they are fields of [`super::CampaignError::Invalid`].

use crate::core::registry::vocab::VocabError;
use chrono::NaiveDate;

/// Why a value is refused (see [`super::CampaignError::Invalid`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Reason {
    /// An entry of a list is given twice.
    #[error("listed twice")]
    ListedTwice,
    /// An entry of a list is empty.
    #[error("empty entry")]
    EmptyEntry,
    /// Not an instant with a time zone.
    #[error("not an instant with a time zone, e.g. 2026-03-02T10:00:00+08:00")]
    NotAnInstant,
    /// Not a date `YYYY-MM-DD`.
    #[error("not a date YYYY-MM-DD")]
    NotADate,
    /// Not a credit class (A/B/C/D …).
    #[error("{0}")]
    UnknownCreditClass(Box<VocabError>),
    /// A stratum with both a ratio and a count.
    #[error("give ratio or count, not both")]
    RatioAndCount,
    /// A stratum with neither a ratio nor a count.
    #[error("needs a ratio (\"3%\", \"1/30\") or a count")]
    NoRatioOrCount,
    /// A ratio that is not an exact ratio between 0 and 1.
    #[error("not an exact ratio between 0 and 1 such as \"3%\", \"2.5%\" or \"1/30\"")]
    NotARatio,
    /// A ratio written as a bare (floating point) number.
    #[error(
        "write the ratio as text (\"3%\", \"1/30\"): a bare number is floating point and not exact"
    )]
    RatioAsNumber,
    /// `teams.officer_region` is not `same`, `other` or `any`.
    #[error("use \"same\", \"other\" or \"any\"")]
    OfficerRegion,
    /// `teams.assignment` is not `v2` or `v1`.
    #[error("use \"v2\" (the default) or \"v1\"")]
    Assignment,
    /// A witness commitment that is not 64 hex digits.
    #[error("not a 64-digit hex SHA-256 (make one with `dualdraw witness new`)")]
    NotACommitment,
    /// A witness name holding `=` or a control or format character.
    #[error("a witness name must not contain {ch:?}: reveals are written NAME=SECRET")]
    WitnessNameCharacter {
        /// The character.
        ch: char,
    },
    /// An unknown beacon scheme.
    #[error("use \"drand-quicknet\" or \"lottery\"")]
    BeaconScheme,
    /// `entropy.on_missing_reveal` is not `void` or `proceed`.
    #[error("use \"void\" or \"proceed\"")]
    OnMissingReveal,
    /// `coordination.start` is not a fraction in [0, 1).
    #[error("an exact fraction in [0, 1), such as \"0\", \"1/5\" or \"50%\"")]
    CoordinationStart,
    /// A list that must be sorted without duplicates is not.
    #[error("must be sorted without duplicates")]
    NotSorted,
    /// Two strata for one credit class.
    #[error("two strata for one credit class")]
    TwoStrata,
    /// An id that is empty or holds `/`, `\` or a control character.
    #[error("must be non-empty, without / or \\")]
    BadId,
    /// A key that must be given is empty.
    #[error("must be given")]
    MustBeGiven,
    /// No items.
    #[error("a campaign needs at least one item")]
    NoItems,
    /// Teams of fewer than two officers.
    #[error("at least 2: the law requires two officers per inspection (行政处罚法 第四十二条)")]
    TeamTooSmall,
    /// `teams.per_department = 0`.
    #[error("at least 1")]
    PerDepartmentZero,
    /// `teams.max_targets_per_officer = 0`.
    #[error("at least 1 (omit it for no limit)")]
    MaxTargetsZero,
    /// A stratum's `min` above its `max`.
    #[error("min {min} is above max {max}")]
    MinAboveMax {
        /// The minimum.
        min: u64,
        /// The maximum.
        max: u64,
    },
    /// A credit class with a stratum that is also excluded.
    #[error("has a stratum and is excluded at once")]
    StratumExcluded,
    /// A region-code prefix that is not 1 to 6 digits.
    #[error("a region-code prefix is 1 to 6 digits")]
    RegionPrefix,
    /// Two witnesses with one name.
    #[error("two witnesses with one name")]
    DuplicateWitness,
    /// A witness without a name.
    #[error("a witness needs a name")]
    WitnessNameless,
    /// Neither a witness nor a beacon.
    #[error(
        "needs at least one witness or a beacon: a draw without outside entropy cannot be checked"
    )]
    NoEntropy,
    /// A drand round that is not a positive integer.
    #[error("a drand round is a positive integer")]
    DrandRound,
    /// A lottery beacon without its draw's name.
    #[error("name the lottery draw (e.g. 福彩双色球2026025期)")]
    LotteryRound,
    /// A lottery beacon without a reveal deadline.
    #[error(
        "a lottery beacon has no round time: set the reveal deadline before the lottery is drawn"
    )]
    LotteryDeadline,
    /// `on_missing_reveal = "proceed"` without a beacon.
    #[error(
        "only with a beacon: otherwise the last witness could choose between outcomes by not revealing"
    )]
    ProceedWithoutBeacon,
    /// `period.end` before `period.start`.
    #[error("before period.start {start}")]
    EndBeforeStart {
        /// `period.start`.
        start: NaiveDate,
    },
    /// `period.start` before the draw date.
    #[error("before the draw date {draw_date}: visits come after the draw")]
    StartBeforeDraw {
        /// The draw date.
        draw_date: NaiveDate,
    },
    /// An empty coordination group, or one with control characters.
    #[error("name the group")]
    GroupName,
    /// `coordination.start` outside [0, 1).
    #[error("an exact fraction in [0, 1)")]
    CoordinationStartRange,
}
