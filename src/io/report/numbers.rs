//! The report's numbers (`dualdraw.report.v1`, `docs/REPORT.md`): the
//! [`Report`] and its summary and rows, as [`compute`](super::compute)
//! fills them in.

use super::NotCounted;
use crate::core::merkle::Hash;
use crate::core::registry::vocab::CreditClass;
use chrono::NaiveDate;
use serde::Serialize;

/// The yearly report (年度报告, `dualdraw.report.v1`; every field in
/// `docs/REPORT.md`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// [`REPORT_SCHEMA`](super::REPORT_SCHEMA).
    pub schema: &'static str,
    /// The calendar year.
    pub year: i32,
    /// Always `true`: the report holds confidential credit-class counts and
    /// is for the bureau only.
    pub internal: bool,
    /// The workspace's ledger head when the report was made (which records
    /// it covers).
    pub ledger_head: Hash,
    /// Totals.
    pub summary: Summary,
    /// Per credit class, A to D (every class, also with zero counts).
    pub by_credit_class: Vec<ClassRow>,
    /// Per department, by name.
    pub by_department: Vec<DepartmentRow>,
    /// Per officer and department, by department then id.
    pub officers: Vec<OfficerRow>,
    /// Entities visited more than once: most visits first, then by USCC.
    pub repeat_visits: Vec<RepeatRow>,
    /// The counted campaigns, by draw date then id.
    pub campaigns: Vec<CampaignRow>,
    /// Campaigns with their draw date in the year that are not counted.
    pub not_counted: Vec<NotCounted>,
}

/// Totals of the year (年度汇总).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Counted campaigns.
    pub campaigns: usize,
    /// Visits (current targets of the counted draws).
    pub visits: usize,
    /// Visits with at least one result inspected in the year.
    pub visits_with_results: usize,
    /// Distinct entities visited.
    pub entities: usize,
    /// Distinct entities with at least one result inspected in the year.
    pub entities_with_results: usize,
    /// Entities visited more than once (by several campaigns).
    pub visited_more_than_once: usize,
    /// The most visits of one entity (0 without visits).
    pub max_visits: usize,
    /// How many entities had 1, 2, … visits (up to `max_visits`).
    pub visits_histogram: Vec<HistogramRow>,
    /// Visits whose team comes from two departments or more (joint visits).
    pub joint_visits: usize,
    /// Department checks: the sum over visits of their departments.
    pub department_checks: usize,
    /// Results recorded with an inspection date in the year.
    pub results: usize,
    /// Of those, in a published results notice.
    pub results_published: usize,
    /// Results of the counted campaigns inspected after the year (not counted).
    pub results_later: usize,
}

/// One line of the visits histogram (检查次数分布).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistogramRow {
    /// Number of visits.
    pub visits: usize,
    /// Entities visited that many times.
    pub entities: usize,
}

/// Counts of one credit class (信用风险分类).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClassRow {
    /// The class (`A` … `D`).
    pub credit_class: CreditClass,
    /// Distinct entities drawn while in this class.
    pub entities: usize,
    /// Of those, with results recorded.
    pub entities_with_results: usize,
    /// Visits to entities of this class.
    pub visits: usize,
    /// Of those, with results recorded.
    pub visits_with_results: usize,
}

/// Officers' loads (执法检查人员工作量) in one department.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoadStats {
    /// Fewest visits of an officer.
    pub min: usize,
    /// Median (the mean of the two middle loads for an even count).
    pub median: f64,
    /// Most visits of an officer.
    pub max: usize,
    /// Sum of the loads (team places filled).
    pub total: usize,
}

/// Counts of one department (部门统计).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DepartmentRow {
    /// Department.
    pub department: String,
    /// Distinct entities whose visit involved the department.
    pub entities: usize,
    /// Of those, with a result for one of the department's items.
    pub entities_with_results: usize,
    /// Visits involving the department.
    pub visits: usize,
    /// Of those, with a result for one of the department's items.
    pub visits_with_results: usize,
    /// Officers reported (the roster: see [`CampaignInput::roster`](super::CampaignInput::roster)).
    pub officers: usize,
    /// Of those, on at least one visit.
    pub officers_with_visits: usize,
    /// Loads over the roster (officers without visits count as 0).
    pub load: LoadStats,
}

/// One officer's load (执法检查人员工作量) in one department.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfficerRow {
    /// Department.
    pub department: String,
    /// 执法证号.
    pub id: String,
    /// 姓名.
    pub name: String,
    /// Visits (teams served): the load.
    pub visits: usize,
    /// Of those, with a result for one of the department's items.
    pub visits_with_results: usize,
    /// Campaigns served in.
    pub campaigns: usize,
}

/// An entity visited more than once (重复检查的市场主体).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RepeatRow {
    /// USCC.
    pub uscc: String,
    /// Name (as of its last visit).
    pub name: String,
    /// Visits.
    pub visits: usize,
    /// Of those, with results recorded.
    pub visits_with_results: usize,
    /// The campaigns, by draw date then id.
    pub campaigns: Vec<String>,
    /// Every department involved, by name.
    pub departments: Vec<String>,
}

/// One counted campaign (计入统计的抽查任务).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CampaignRow {
    /// Campaign id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Draw date.
    pub draw_date: NaiveDate,
    /// Coordination group, or `null`.
    pub coordination_group: Option<String>,
    /// Current targets (after replacements).
    pub targets: usize,
    /// Replacements recorded.
    pub replacements: usize,
    /// Targets with at least one result inspected in the year.
    pub targets_with_results: usize,
    /// Results inspected in the year.
    pub results: usize,
    /// Of those, in a published results notice.
    pub results_published: usize,
    /// Results inspected after the year (not counted).
    pub results_later: usize,
    /// Whether the list was published.
    pub list_published: bool,
}
