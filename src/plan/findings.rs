//! What `plan check` reports: findings, per-campaign and per-department
//! numbers, and the whole check ([`PlanCheck`]).

use super::frac::{Expected, YearExpected};
use crate::core::calendar::CalendarError;
use crate::core::merkle::Hash;
use crate::core::registry::vocab::CreditClass;
use crate::store::StoreError;
use chrono::NaiveDate;
use serde::Serialize;

/// Why a plan cannot be checked at all (年度抽查计划无法检查的原因; as opposed
/// to a rule it cannot meet, which is a [`Finding`]).
#[derive(Debug, thiserror::Error)]
pub enum PlanCheckError {
    /// The workspace has no snapshot yet.
    #[error("the workspace has no snapshot yet: import the registries first")]
    NoSnapshot,
    /// A period's working days cannot be counted: its year's holiday
    /// schedule is not known (never a guess).
    #[error("campaign {campaign}: period {start}..{end}: {source}")]
    Calendar {
        /// Campaign id.
        campaign: String,
        /// Period start.
        start: NaiveDate,
        /// Period end.
        end: NaiveDate,
        /// The calendar's error.
        source: CalendarError,
    },
    /// A count is beyond exact 128-bit arithmetic (not met in practice).
    #[error("campaign {0}: the expected counts are too large for exact arithmetic")]
    TooLarge(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// How bad a finding is (问题严重程度).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A rule that cannot be met as planned (`plan check` exits 1).
    Problem,
    /// A rule that holds on average but not in the worst case, or a note.
    Warning,
}

/// What a finding is about (问题类型).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// The campaign would be refused at announcement (or is already announced).
    Announce,
    /// Officer places against the eligible officers × `max_targets_per_officer`.
    Capacity,
    /// Places needing a qualification against its holders × `max_targets_per_officer`.
    Qualification,
    /// Places of one region against the officers the region rule allows there.
    Region,
    /// Pool entities whose places cannot be filled: drawing one makes the draw fail.
    Unstaffable,
    /// A period without a working day.
    NoWorkingDays,
    /// More visits than the officers' working days × the daily limit.
    PeriodTooShort,
    /// Campaigns of one department with overlapping periods.
    Overlap,
}

/// A rule that cannot be met, or a warning (计划检查发现的问题).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Problem or warning.
    pub severity: Severity,
    /// What it is about.
    pub kind: FindingKind,
    /// The campaigns concerned (ids).
    pub campaigns: Vec<String>,
    /// The department concerned, if one.
    pub department: Option<String>,
    /// For people, in English.
    pub message: String,
    /// The same as a catalogue message: its key and arguments, so that a
    /// program words it in its own language (the CLI: `locales/*/plan-findings.ftl`).
    #[serde(skip)]
    pub text: FindingText,
}

/// A finding as a message key and its named arguments (计划检查结果的消息).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FindingText {
    /// The message key, e.g. `plan-finding-capacity`.
    pub key: &'static str,
    /// The arguments, by name, as text.
    pub args: Vec<(&'static str, String)>,
}

impl FindingText {
    /// A key with its arguments.
    pub fn new(key: &'static str, args: &[(&'static str, &dyn std::fmt::Display)]) -> Self {
        FindingText {
            key,
            args: args.iter().map(|(k, v)| (*k, v.to_string())).collect(),
        }
    }
}

/// One stratum (分层) as the draw would compute it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StratumCheck {
    /// Credit class (confidential: internal report).
    pub credit_class: CreditClass,
    /// `N`: pool entities of the class.
    pub pool: u64,
    /// `n`: drawn (0 when the campaign has no stratum for a class in the pool).
    pub drawn: u64,
    /// Whether the campaign has a stratum for the class.
    pub has_stratum: bool,
}

/// A campaign's period (检查期间) and its working days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodCheck {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// Working days (工作日) in it, both ends included.
    pub working_days: u64,
}

/// Places needing one qualification (资质).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QualificationCheck {
    /// The qualification (资质).
    pub qualification: String,
    /// Eligible officers (active, certified) of the department holding it.
    pub holders: u64,
    /// Places that need it.
    pub places: Expected,
    /// `holders × max_targets_per_officer` (`None`: no limit).
    pub capacity: Option<u64>,
}

/// Places of targets in one region, under the region rule (异地交叉检查).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionCheck {
    /// The targets' region code.
    pub region: String,
    /// Eligible officers (active, certified) of the department the rule allows there.
    pub officers: u64,
    /// Places of targets in the region.
    pub places: Expected,
    /// `officers × max_targets_per_officer` (`None`: no limit).
    pub capacity: Option<u64>,
}

/// A pool entity that could not be staffed if drawn
/// (无法配齐执法检查人员的对象示例).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnstaffableExample {
    /// USCC.
    pub uscc: String,
    /// Name.
    pub name: String,
    /// Places it needs from the department.
    pub demand: u64,
    /// Officers eligible for it.
    pub eligible: u64,
}

/// Pool entities whose places in one department cannot be filled
/// (无法配齐执法检查人员的对象).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnstaffableCheck {
    /// How many pool entities.
    pub entities: u64,
    /// How many of them a draw is expected to draw.
    pub expected_drawn: Expected,
    /// The first few, by USCC.
    pub examples: Vec<UnstaffableExample>,
}

/// One department in one campaign (抽查任务中的部门).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DepartmentCheck {
    /// Department.
    pub department: String,
    /// Drawn targets needing the department (one of their categories in
    /// the campaign's is an item of the department's).
    pub targets: Expected,
    /// Officer places (`per_department` per target, plus the `min_size` top-up).
    pub places: Expected,
    /// The department's officers.
    pub officers: u64,
    /// Of them, active with a certificate valid on the draw date.
    pub eligible: u64,
    /// `eligible × max_targets_per_officer` (`None`: no limit).
    pub capacity: Option<u64>,
    /// Per qualification the department's items require.
    pub qualifications: Vec<QualificationCheck>,
    /// Per region of the pool, under `officer_region = "same"` or `"other"`.
    pub regions: Vec<RegionCheck>,
    /// Pool entities that could not be staffed.
    pub unstaffable: UnstaffableCheck,
    /// With a period: `eligible × working days × daily limit`.
    pub visit_capacity: Option<u64>,
    /// With a period: working days the expected places need at the daily limit.
    pub working_days_needed: Option<u64>,
}

/// What a campaign would draw now (预计抽取数量).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CampaignNumbers {
    /// Pool size (after class exclusions).
    pub pool: u64,
    /// Left out by class.
    pub excluded_by_class: u64,
    /// Categories drawn from.
    pub categories: Vec<String>,
    /// Every class in the pool or with a stratum, A to D.
    pub strata: Vec<StratumCheck>,
    /// Targets drawn (the sum of the strata's `n`).
    pub targets: u64,
    /// The campaign's limit per officer.
    pub max_targets_per_officer: Option<u64>,
    /// Per department: the lead department first, then by name.
    pub departments: Vec<DepartmentCheck>,
}

/// One campaign of the plan (计划中的抽查任务).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CampaignCheck {
    /// Campaign id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Lead department.
    pub lead_department: String,
    /// Draw date.
    pub draw_date: NaiveDate,
    /// Coordination group, if any.
    pub coordination: Option<String>,
    /// Whether the announcement checks pass now.
    pub announceable: bool,
    /// The period, if any.
    pub period: Option<PeriodCheck>,
    /// The numbers (`None` when the items or categories are wrong).
    pub numbers: Option<CampaignNumbers>,
}

/// One department over the year (部门年度汇总).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DepartmentYear {
    /// Department.
    pub department: String,
    /// Campaigns that need it.
    pub campaigns: Vec<String>,
    /// Drawn targets needing it over the year.
    pub targets: YearExpected,
    /// Officer places over the year.
    pub places: YearExpected,
    /// The fewest eligible officers on any of its campaigns' draw dates.
    pub officers: u64,
    /// Sum of the campaigns' capacities (`None` when one has no limit).
    pub capacity: Option<u64>,
    /// Expected places per officer over the year, one decimal (half up).
    pub places_per_officer: Option<String>,
}

/// The report of `plan check` (年度抽查计划检查报告, `dualdraw.plan-check.v1`).
/// It shows credit-class counts, which are confidential: an internal report,
/// not for publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanCheck {
    /// The plan's name.
    pub plan: String,
    /// Its year.
    pub year: i32,
    /// The snapshot checked against.
    pub snapshot: u64,
    /// Its digest.
    pub snapshot_digest: Hash,
    /// The instant the announcement checks assumed.
    pub as_of: String,
    /// The daily limit of visits per officer assumed.
    pub max_visits_per_officer_per_day: u32,
    /// Findings that are problems.
    pub problems: usize,
    /// Findings that are warnings.
    pub warnings: usize,
    /// Per campaign, in the plan's order.
    pub campaigns: Vec<CampaignCheck>,
    /// Per department over the year, by name.
    pub departments: Vec<DepartmentYear>,
    /// Every problem and warning.
    pub findings: Vec<Finding>,
}

impl PlanCheck {
    /// Whether every rule can be met (no problem).
    pub fn ok(&self) -> bool {
        self.problems == 0
    }
}
