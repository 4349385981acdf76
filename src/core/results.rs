//! Inspection results (检查结果): one per drawn target and item, in the
//! standard result categories; corrections (更正) and objections (异议) are
//! recorded as entries too; due dates follow the working-day calendar.

use crate::core::calendar::{Calendar, CalendarError};
use crate::core::proof::DrawProof;
use crate::core::replace::Replacement;
use crate::core::replace::current_teams;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The result categories of a provincial system (检查结果类别).
pub const CATEGORIES: &[&str] = &[
    "未发现问题",
    "未按规定公示应当公示的信息",
    "公示信息隐瞒真实情况、弄虚作假",
    "通过登记的住所（经营场所）无法联系",
    "发现问题待后续处理",
    "发现问题经责令已改正",
    "未发现开展本次抽查涉及的经营活动",
    "已关闭停业或正在组织清算",
    "不配合检查情节严重",
    "已注销",
    "已吊销",
    "已撤销",
    "已迁出",
    "其他",
];

/// Parses a result category (检查结果类别; exact Chinese name; `(`/`)` accepted
/// for `（`/`）`).
pub fn category(s: &str) -> Option<&'static str> {
    let t = s.trim().replace('(', "（").replace(')', "）");
    CATEGORIES.iter().copied().find(|c| *c == t)
}

/// One recorded result (检查结果).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionResult {
    /// Campaign.
    pub campaign: String,
    /// Target USCC.
    pub target: String,
    /// Item code.
    pub item: String,
    /// Category.
    pub result: String,
    /// The day the inspection ended.
    pub inspected_on: NaiveDate,
    /// Officers who inspected.
    pub officers: Vec<String>,
    /// Free note.
    pub note: String,
}

/// Why a result is refused (检查结果错误).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResultError {
    /// Not a current target of the draw.
    #[error("{0} is not a target of this campaign's draw (after replacements)")]
    NotATarget(String),
    /// The item does not apply to the target.
    #[error("item {item} does not apply to {target} (its items: {items})")]
    ItemNotApplicable {
        /// Item.
        item: String,
        /// Target.
        target: String,
        /// The target's items.
        items: String,
    },
    /// Unknown category.
    #[error("{0:?} is not a result category (accepted: {accepted})", accepted = CATEGORIES.join(", "))]
    Category(String),
    /// Inspection before the draw.
    #[error("inspection date {date} is before the draw date {draw_date}")]
    BeforeDraw {
        /// Date.
        date: NaiveDate,
        /// Draw date.
        draw_date: NaiveDate,
    },
    /// An officer not on the target's team.
    #[error("officer {officer} is not on the team of {target} ({team})")]
    NotOnTeam {
        /// Officer.
        officer: String,
        /// Target.
        target: String,
        /// The team.
        team: String,
    },
    /// The calendar cannot count.
    #[error(transparent)]
    Calendar(CalendarError),
}

/// Checks a result (检查结果) against the draw (and its replacements) and the
/// calendar. `items_of` gives the items that apply to a target (from the proof,
/// or recomputed for a replacement target).
///
/// # Errors
/// [`ResultError`] naming the problem.
pub fn check(
    r: &InspectionResult,
    proof: &DrawProof,
    replacements: &[Replacement],
    items_of: &dyn Fn(&str) -> Vec<String>,
    calendar: &Calendar,
) -> Result<NaiveDate, ResultError> {
    let teams = current_teams(proof, replacements);
    let team = teams
        .iter()
        .find(|t| t.0 == r.target)
        .ok_or_else(|| ResultError::NotATarget(r.target.clone()))?;
    let items = items_of(&r.target);
    if !items.contains(&r.item) {
        return Err(ResultError::ItemNotApplicable {
            item: r.item.clone(),
            target: r.target.clone(),
            items: items.join(", "),
        });
    }
    if category(&r.result).is_none() {
        return Err(ResultError::Category(r.result.clone()));
    }
    let draw_date = proof.announcement.campaign.draw_date;
    if r.inspected_on < draw_date {
        return Err(ResultError::BeforeDraw {
            date: r.inspected_on,
            draw_date,
        });
    }
    for o in &r.officers {
        if !team.1.contains(o) {
            return Err(ResultError::NotOnTeam {
                officer: o.clone(),
                target: r.target.clone(),
                team: team.1.join(", "),
            });
        }
    }
    calendar
        .results_due(r.inspected_on)
        .map_err(ResultError::Calendar)
}

/// The digest of a source's imported history rows (`docs/LEDGER.md`,
/// `history_import`): SHA-256 over
/// `lp("dualdraw-history-rows-v1") ‖ lp(source) ‖ u64be(n) ‖ (lp(uscc) ‖ lp(day))…`,
/// the `n` rows (USCC, inspection day as `YYYY-MM-DD`) sorted by USCC, then
/// day, duplicates kept (`lp` as in [`crate::core::canonical`]). The same
/// rows give the same digest in any order; an edited, swapped, added or
/// removed row gives another.
pub fn history_rows_sha256(source: &str, rows: &[(String, String)]) -> crate::core::merkle::Hash {
    let mut sorted: Vec<&(String, String)> = rows.iter().collect();
    sorted.sort();
    let mut e = crate::core::canonical::Encoder::with_capacity(64 + 40 * rows.len());
    e.str("dualdraw-history-rows-v1")
        .str(source)
        .u64(sorted.len() as u64);
    for (uscc, day) in sorted {
        e.str(uscc).str(day);
    }
    crate::core::merkle::Hash::digest(e.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A known answer (computed independently from the documented
    /// encoding), in any row order; one day changed gives another digest.
    #[test]
    fn history_rows_digest_is_the_documented_hash() {
        let r = |u: &str, d: &str| (u.to_string(), d.to_string());
        let rows = vec![
            r("91350200776049653A", "2026-01-05"),
            r("12520123000241JP6X", "2025-12-31"),
            r("91350200776049653A", "2025-11-05"),
        ];
        let want = "e58e89eb6deb8e0690b82667846e6c24563546522e928c37a18a12f36717a198";
        assert_eq!(history_rows_sha256("h.csv", &rows).to_hex(), want);
        let mut reversed = rows.clone();
        reversed.reverse();
        assert_eq!(history_rows_sha256("h.csv", &reversed).to_hex(), want);
        let mut edited = rows.clone();
        edited[0].1 = "2026-01-06".into();
        assert_ne!(history_rows_sha256("h.csv", &edited).to_hex(), want);
        assert_ne!(history_rows_sha256("g.csv", &rows).to_hex(), want);
    }

    #[test]
    fn categories_parse_exactly() {
        assert_eq!(category("未发现问题"), Some("未发现问题"));
        assert_eq!(
            category("通过登记的住所(经营场所)无法联系"),
            Some("通过登记的住所（经营场所）无法联系")
        );
        assert_eq!(category("没问题"), None);
        assert_eq!(CATEGORIES.len(), 14);
    }
}
