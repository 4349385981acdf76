//! Officers' leave (请假) read from a CSV or `.xlsx` file: columns
//! `执法证号` (officer id), `开始日期` (or `日期`) and an optional `结束日期`
//! (inclusive). All or nothing: every bad row is reported.

use crate::io::import::reasons::{Reason, control_character};
use crate::io::import::{Issue, Table};
use chrono::{Duration, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

const OFFICER: &[&str] = &["执法证号", "officer", "officer_id", "执法人员编号"];
const START: &[&str] = &["开始日期", "日期", "start", "date", "请假开始"];
const END: &[&str] = &["结束日期", "end", "请假结束"];

/// The longest leave one row may give (a year), so a typo cannot list millions of days.
const MAX_DAYS: i64 = 366;

fn column(t: &Table, names: &[&str]) -> Option<usize> {
    t.headers.iter().position(|h| {
        let h = h.trim().trim_start_matches('\u{feff}');
        names.iter().any(|n| h.eq_ignore_ascii_case(n))
    })
}

fn date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y/%m/%d"))
        .ok()
}

/// Reads leave rows. `known` are the officers of the schedule's campaigns: a
/// row naming another officer is an error (a typo would silently drop leave).
///
/// # Errors
/// Every bad row, as `FILE:LINE:COLUMN` issues.
pub fn parse_leave(
    t: &Table,
    file: &str,
    known: &BTreeSet<String>,
) -> Result<BTreeMap<String, BTreeSet<NaiveDate>>, Vec<Issue>> {
    let (Some(oc), Some(sc)) = (column(t, OFFICER), column(t, START)) else {
        return Err(vec![Issue::of(
            file,
            t.header_line,
            None,
            &t.headers.join(","),
            Reason::LeaveColumns,
        )]);
    };
    let ec = column(t, END);
    let mut out: BTreeMap<String, BTreeSet<NaiveDate>> = BTreeMap::new();
    let mut issues = Vec::new();
    for (line, row) in &t.rows {
        let cell = |c: usize| row.get(c).unwrap_or("").trim().to_string();
        let officer = cell(oc);
        if officer.is_empty() {
            issues.push(Issue::of(
                file,
                *line,
                Some(oc + 1),
                "",
                Reason::LeaveNoOfficer,
            ));
            continue;
        }
        if let Some(reason) = control_character(&officer, false) {
            issues.push(Issue::of(file, *line, Some(oc + 1), &officer, reason));
            continue;
        }
        if !known.contains(&officer) {
            issues.push(Issue::of(
                file,
                *line,
                Some(oc + 1),
                &officer,
                Reason::LeaveUnknownOfficer,
            ));
            continue;
        }
        let Some(start) = date(&cell(sc)) else {
            issues.push(Issue::of(
                file,
                *line,
                Some(sc + 1),
                &cell(sc),
                Reason::LeaveDate,
            ));
            continue;
        };
        let end = match ec.map(cell).filter(|s| !s.is_empty()) {
            None => start,
            Some(s) => match date(&s) {
                Some(d) => d,
                None => {
                    issues.push(Issue::of(
                        file,
                        *line,
                        ec.map(|c| c + 1),
                        &s,
                        Reason::LeaveDate,
                    ));
                    continue;
                }
            },
        };
        if end < start || end - start > Duration::days(MAX_DAYS) {
            issues.push(Issue::of(
                file,
                *line,
                ec.map(|c| c + 1),
                &end.to_string(),
                Reason::LeaveEnd { start },
            ));
            continue;
        }
        let days = out.entry(officer).or_default();
        let mut d = start;
        while d <= end {
            days.insert(d);
            d += Duration::days(1);
        }
    }
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(issues)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use csv::StringRecord;

    fn table(headers: &[&str], rows: &[&[&str]]) -> Table {
        Table {
            headers: headers.iter().map(|s| s.to_string()).collect(),
            header_line: 1,
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| (i as u64 + 2, StringRecord::from(r.to_vec())))
                .collect(),
            encoding: None,
        }
    }

    #[test]
    fn leave_ranges_expand_to_days_and_single_dates_work() {
        let known: BTreeSet<String> = ["O1".to_string(), "O2".to_string()].into();
        let t = table(
            &["执法证号", "开始日期", "结束日期"],
            &[
                &["O1", "2026-03-09", "2026-03-11"],
                &["O2", "2026/03/20", ""],
            ],
        );
        let m = parse_leave(&t, "leave.csv", &known).unwrap();
        assert_eq!(m["O1"].len(), 3);
        assert!(m["O2"].contains(&NaiveDate::from_ymd_opt(2026, 3, 20).unwrap()));
    }

    #[test]
    fn every_bad_leave_row_is_reported_with_its_position() {
        let known: BTreeSet<String> = ["O1".to_string()].into();
        let t = table(
            &["执法证号", "日期", "结束日期"],
            &[
                &["O9", "2026-03-09", ""],
                &["O1", "3月9日", ""],
                &["O1", "2026-03-09", "2026-03-01"],
                &["", "2026-03-09", ""],
            ],
        );
        let e = parse_leave(&t, "leave.csv", &known).unwrap_err();
        let lines: Vec<String> = e.iter().map(|i| i.to_string()).collect();
        assert_eq!(e.len(), 4, "{lines:?}");
        assert!(lines[0].starts_with("leave.csv:2:1:"), "{lines:?}");
        assert!(lines[1].starts_with("leave.csv:3:2:"), "{lines:?}");
        assert!(lines[2].starts_with("leave.csv:4:3:"), "{lines:?}");
    }

    #[test]
    fn a_leave_file_without_the_columns_is_refused() {
        let t = table(&["name", "when"], &[]);
        assert!(parse_leave(&t, "x.csv", &BTreeSet::new()).is_err());
    }
}
