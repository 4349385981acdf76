//! A schedule's calendars (iCalendar, RFC 5545, one per officer) and lists
//! (CSV, UTF-8 with BOM, one per department); `docs/SCHEDULE.md` §13–§14.

use crate::schedule::{Labels, SCHEDULE_VERSION, Schedule, Visit};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeMap;

/// RFC 5545 §3.3.11 TEXT escaping: `\` → `\\`, `;` → `\;`, `,` → `\,`, a
/// line break (CRLF, LF or CR) → `\n`; other control characters (U+0000 to
/// U+001F except TAB, and U+007F) are dropped.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {}
            c => out.push(c),
        }
    }
    out
}

/// RFC 5545 §3.1 folding of one content line (given without its CRLF): the
/// first physical line takes as many whole characters as fit in 75 octets,
/// each continuation line is a space followed by as many whole characters
/// as fit in 74 more; lines are joined by CRLF. A UTF-8 character is never
/// split. No CRLF is added at the end.
pub fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut used = 0;
    let mut room = 75;
    for c in line.chars() {
        let w = c.len_utf8();
        if used + w > room {
            out.push_str("\r\n ");
            used = 0;
            room = 74;
        }
        out.push(c);
        used += w;
    }
    out
}

fn ics_date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

fn team_text(v: &Visit, labels: &Labels) -> String {
    v.officers
        .iter()
        .map(|o| {
            let name = labels.officer_name(o);
            if name == o {
                o.clone()
            } else {
                format!("{name}（{o}）")
            }
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// The calendar of one officer: every visit of theirs as an all-day event,
/// by date then visit id; `None` when the officer has no visit. `dtstamp`
/// is the instant the calendar is issued (given by the caller, never the
/// clock).
pub fn ics_for_officer(
    schedule: &Schedule,
    officer: &str,
    labels: &Labels,
    dtstamp: DateTime<Utc>,
) -> Option<String> {
    let mut visits: Vec<(NaiveDate, &Visit)> = schedule
        .iter()
        .filter(|(v, _)| v.officers.iter().any(|o| o == officer))
        .map(|(v, d)| (d, v))
        .collect();
    if visits.is_empty() {
        return None;
    }
    visits.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    Some(ics_text(officer, &visits, labels, dtstamp))
}

fn ics_text(
    officer: &str,
    visits: &[(NaiveDate, &Visit)],
    labels: &Labels,
    dtstamp: DateTime<Utc>,
) -> String {
    let stamp = dtstamp.format("%Y%m%dT%H%M%SZ").to_string();
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!("PRODID:-//dualdraw//{SCHEDULE_VERSION}//ZH"),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
    ];
    for &(d, v) in visits {
        let name = labels.target_name(v);
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!(
            "UID:{}",
            escape_text(&format!(
                "{}/{}/{}@dualdraw",
                labels.campaign, v.id, officer
            ))
        ));
        lines.push(format!("DTSTAMP:{stamp}"));
        lines.push(format!("DTSTART;VALUE=DATE:{}", ics_date(d)));
        if let Some(next) = d.succ_opt() {
            lines.push(format!("DTEND;VALUE=DATE:{}", ics_date(next)));
        }
        lines.push(format!(
            "SUMMARY:{}",
            escape_text(&format!("双随机检查：{name}"))
        ));
        if let Some(a) = labels
            .targets
            .get(&v.id)
            .map(|t| t.address.as_str())
            .filter(|a| !a.is_empty())
        {
            lines.push(format!("LOCATION:{}", escape_text(a)));
        }
        let mut desc = vec![
            if labels.title.is_empty() {
                format!("任务：{}", labels.campaign)
            } else {
                format!("任务：{} {}", labels.campaign, labels.title)
            },
            if name == v.id {
                format!("检查对象：{}", v.id)
            } else {
                format!("检查对象：{name}（{}）", v.id)
            },
            format!("乡镇（街道）：{}", v.township),
            format!("检查组：{}", team_text(v, labels)),
        ];
        if !v.departments.is_empty() {
            desc.push(format!("部门：{}", v.departments.join("、")));
        }
        lines.push(format!("DESCRIPTION:{}", escape_text(&desc.join("\n"))));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for l in lines {
        out.push_str(&fold_line(&l));
        out.push_str("\r\n");
    }
    out
}

/// Every officer's calendar ([`ics_for_officer`]), by officer id.
pub fn ics_by_officer(
    schedule: &Schedule,
    labels: &Labels,
    dtstamp: DateTime<Utc>,
) -> BTreeMap<String, String> {
    schedule
        .by_officer()
        .into_iter()
        .map(|(o, visits)| (o.to_string(), ics_text(o, &visits, labels, dtstamp)))
        .collect()
}

/// One list per department (by department name; visits without
/// departments under `""`): UTF-8 CSV with a BOM, columns 检查日期,
/// 统一社会信用代码, 名称, 乡镇（街道）, 执法人员, 执法证号 (the whole team,
/// joined by `、`), rows by date then visit id.
pub fn csv_by_department(schedule: &Schedule, labels: &Labels) -> BTreeMap<String, Vec<u8>> {
    tables_by_department(schedule, labels)
        .into_iter()
        .map(|(dept, table)| (dept, crate::io::publish::csv_bytes(&table)))
        .collect()
}

/// The rows of each department's list ([`csv_by_department`]), the header
/// row first: what both its CSV and its `.xlsx` hold.
pub fn tables_by_department(
    schedule: &Schedule,
    labels: &Labels,
) -> BTreeMap<String, Vec<Vec<String>>> {
    let mut by_dept: BTreeMap<&str, Vec<(NaiveDate, &Visit)>> = BTreeMap::new();
    for (v, d) in schedule.iter() {
        if v.departments.is_empty() {
            by_dept.entry("").or_default().push((d, v));
        }
        let mut ds: Vec<&str> = v.departments.iter().map(String::as_str).collect();
        ds.sort_unstable();
        ds.dedup();
        for dept in ds {
            by_dept.entry(dept).or_default().push((d, v));
        }
    }
    by_dept
        .into_iter()
        .map(|(dept, mut rows)| {
            rows.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
            let mut table = vec![
                [
                    "检查日期",
                    "统一社会信用代码",
                    "名称",
                    "乡镇（街道）",
                    "执法人员",
                    "执法证号",
                ]
                .map(String::from)
                .to_vec(),
            ];
            for (d, v) in rows {
                let names: Vec<&str> = v.officers.iter().map(|o| labels.officer_name(o)).collect();
                table.push(vec![
                    d.to_string(),
                    v.id.clone(),
                    labels
                        .targets
                        .get(&v.id)
                        .map(|t| t.name.clone())
                        .unwrap_or_default(),
                    v.township.clone(),
                    names.join("、"),
                    v.officers.join("、"),
                ]);
            }
            (dept.to_string(), table)
        })
        .collect()
}

/// Writes one `.ics` per officer into `DIR/officers/` and one CSV and one
/// `.xlsx` per department into `DIR` (visits without a department in
/// `未分部门.csv` and `未分部门.xlsx`);
/// returns the files written, calendars first.
///
/// # Errors
/// The first file that cannot be written, with its path.
pub fn write_files(
    dir: &std::path::Path,
    schedule: &Schedule,
    labels: &Labels,
    dtstamp: DateTime<Utc>,
) -> Result<Vec<std::path::PathBuf>, (std::path::PathBuf, std::io::Error)> {
    let officers_dir = dir.join("officers");
    std::fs::create_dir_all(&officers_dir).map_err(|e| (officers_dir.clone(), e))?;
    let mut files = Vec::new();
    for (rel, bytes) in file_set(schedule, labels, dtstamp) {
        let p = dir.join(rel);
        crate::durable::write_atomic(&p, &bytes).map_err(|e| (p.clone(), e))?;
        files.push(p);
    }
    Ok(files)
}

/// The files [`write_files`] writes, as (path relative to the folder, bytes):
/// `officers/ID.ics` per officer and `DEPARTMENT.csv` and `DEPARTMENT.xlsx`
/// (the same rows; every cell text) per department. The same schedule,
/// labels and stamp give the same bytes (the workbook's creation date is the
/// stamp's day, never the clock), so a recorded schedule can be checked
/// against, or written again to, its folder.
pub fn file_set(
    schedule: &Schedule,
    labels: &Labels,
    dtstamp: DateTime<Utc>,
) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    for (officer, text) in ics_by_officer(schedule, labels, dtstamp) {
        let safe: String = officer
            .chars()
            .map(|c| {
                if c == '/' || c == '\\' || c.is_control() {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        files.push((
            std::path::Path::new("officers").join(format!("{safe}.ics")),
            text.into_bytes(),
        ));
    }
    for (dept, table) in tables_by_department(schedule, labels) {
        let name = if dept.is_empty() {
            "未分部门".to_string()
        } else {
            dept.replace(['/', '\\'], "_")
        };
        let xlsx_name = std::path::PathBuf::from(format!("{name}.xlsx"));
        let xlsx = crate::io::publish::xlsx_bytes(
            &xlsx_name,
            &sheet_name(&name),
            &table,
            dtstamp.date_naive(),
        );
        files.push((
            std::path::PathBuf::from(format!("{name}.csv")),
            crate::io::publish::csv_bytes(&table),
        ));
        // The rows are all strings and the sheet name is made valid, so
        // the writer has no reason to fail; if it ever does, the CSV is
        // still written and the workbook is left out.
        if let Ok(bytes) = xlsx {
            files.push((xlsx_name, bytes));
        }
    }
    files
}

/// A valid worksheet name for a department (at most 31 characters, none of
/// `[]:*?/\\`, not starting or ending with `'`), `检查排期` when nothing is
/// left.
fn sheet_name(dept: &str) -> String {
    let s: String = dept
        .chars()
        .map(|c| {
            if "[]:*?/\\".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .take(31)
        .collect();
    let s = s.trim_matches('\'').to_string();
    if s.is_empty() || s.eq_ignore_ascii_case("history") {
        "检查排期".to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests;
