//! Reading inspection results (检查结果) from a bureau's table: CSV or xlsx
//! rows into [`InspectionResult`]s, every bad row a positioned [`Issue`].

use super::reasons::{Reason, control_character};
use super::{Issue, Table};
use crate::core::results::{InspectionResult, category};

/// Reads result rows from a table (columns 统一社会信用代码/uscc, 事项编码/item,
/// 检查结果/result, 检查日期/date, optional 执法证号/officers). Rows that
/// cannot be read are problems; the rest still need [`crate::core::results::check`].
pub fn parse_table(
    table: &Table,
    file: &str,
    campaign: &str,
) -> (Vec<(u64, InspectionResult)>, Vec<Issue>) {
    use Issue;
    let norm = |h: &str| crate::io::import::columns::normalize_header(h);
    let col = |names: &[&str]| {
        table
            .headers
            .iter()
            .position(|h| names.iter().any(|n| norm(n) == norm(h)))
    };
    let cols = [
        col(&["uscc", "统一社会信用代码", "社会信用代码"]),
        col(&["item", "事项编码", "抽查事项编码"]),
        col(&["result", "检查结果", "抽查结果"]),
        col(&["date", "检查日期", "检查完成日期"]),
    ];
    let officers_col = col(&["officers", "执法证号", "执法人员"]);
    let mut problems = Vec::new();
    for (k, c) in cols.iter().enumerate() {
        if c.is_none() {
            let n = [
                "统一社会信用代码 (uscc)",
                "事项编码 (item)",
                "检查结果 (result)",
                "检查日期 (date)",
            ][k];
            problems.push(Issue::of(
                file,
                table.header_line,
                None,
                "",
                Reason::ResultsMissingColumn { column: n },
            ));
        }
    }
    let mut out = Vec::new();
    if !problems.is_empty() {
        return (out, problems);
    }
    for (line, rec) in &table.rows {
        let get = |i: Option<usize>| i.and_then(|i| rec.get(i)).unwrap_or("").trim().to_string();
        let mut bad = false;
        for (name, c, list) in [
            ("uscc", cols[0], false),
            ("item", cols[1], false),
            ("result", cols[2], true),
            ("officers", officers_col, true),
        ] {
            let v = get(c);
            if let Some(reason) = control_character(&v, list) {
                let header = c.and_then(|c| table.headers.get(c)).map(|h| h.trim());
                problems.push(
                    Issue::of(file, *line, c.map(|c| c + 1), &v, reason).in_column(name, header),
                );
                bad = true;
            }
        }
        if bad {
            continue;
        }
        let date_text = get(cols[3]);
        let Some(date) = crate::io::import::parse_date(&date_text) else {
            let header = cols[3].and_then(|c| table.headers.get(c)).map(|h| h.trim());
            problems.push(
                Issue::of(
                    file,
                    *line,
                    cols[3].map(|c| c + 1),
                    &date_text,
                    Reason::NotAnIsoDate,
                )
                .in_column("date", header),
            );
            continue;
        };
        let raw = get(cols[2]);
        out.push((
            *line,
            InspectionResult {
                campaign: campaign.to_string(),
                target: get(cols[0]).to_ascii_uppercase(),
                item: get(cols[1]),
                result: category(&raw).map(str::to_string).unwrap_or(raw),
                inspected_on: date,
                officers: crate::io::import::split_list(&get(officers_col)),
                note: String::new(),
            },
        ));
    }
    (out, problems)
}
