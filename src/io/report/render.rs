//! The report's files: a self-contained `report.html` (Chinese labels with
//! English in parentheses, an inline SVG bar chart of officers' loads, no
//! script, no external resource; an A4 print stylesheet), `report.json` and
//! CSV tables (UTF-8 with a BOM, as the notices of `crate::io::publish` are
//! written), each with an `.xlsx` of the same rows beside it.

use super::{Report, median_text};
use crate::core::merkle::Hash;
use crate::io::publish::{PublishError, Written};
use std::fmt::Write as _;
use std::path::Path;

/// The files [`write_files`] writes, in order: each CSV table is followed
/// by its `.xlsx`.
pub const REPORT_FILES: [&str; 12] = [
    "report.html",
    "report.json",
    "campaigns.csv",
    "campaigns.xlsx",
    "credit_classes.csv",
    "credit_classes.xlsx",
    "departments.csv",
    "departments.xlsx",
    "officers.csv",
    "officers.xlsx",
    "repeat_visits.csv",
    "repeat_visits.xlsx",
];

use crate::io::publish::{csv_bytes, html_escape as esc, xlsx_bytes};

fn yes_no(b: bool) -> String {
    if b { "是" } else { "否" }.to_string()
}

fn header(cols: &[&str]) -> Vec<String> {
    cols.iter().map(|s| (*s).to_string()).collect()
}

/// The report's CSV tables: `(file name, rows)`, the header row first
/// (Chinese column names with the JSON field names in parentheses).
pub fn tables(r: &Report) -> Vec<(&'static str, Vec<Vec<String>>)> {
    let mut campaigns = vec![header(&[
        "任务编号 (id)",
        "任务名称 (title)",
        "抽取日期 (draw_date)",
        "协调组 (coordination_group)",
        "抽查对象 (targets)",
        "替换 (replacements)",
        "已录结果对象 (targets_with_results)",
        "检查结果 (results)",
        "已公示结果 (results_published)",
        "次年检查结果 (results_later)",
        "名单已公示 (list_published)",
    ])];
    for c in &r.campaigns {
        campaigns.push(vec![
            c.id.clone(),
            c.title.clone(),
            c.draw_date.to_string(),
            c.coordination_group.clone().unwrap_or_default(),
            c.targets.to_string(),
            c.replacements.to_string(),
            c.targets_with_results.to_string(),
            c.results.to_string(),
            c.results_published.to_string(),
            c.results_later.to_string(),
            yes_no(c.list_published),
        ]);
    }
    let mut classes = vec![header(&[
        "信用风险分类 (credit_class)",
        "抽中对象 (entities)",
        "已录结果对象 (entities_with_results)",
        "检查户次 (visits)",
        "已录结果户次 (visits_with_results)",
    ])];
    for c in &r.by_credit_class {
        classes.push(vec![
            c.credit_class.token().to_string(),
            c.entities.to_string(),
            c.entities_with_results.to_string(),
            c.visits.to_string(),
            c.visits_with_results.to_string(),
        ]);
    }
    let mut departments = vec![header(&[
        "部门 (department)",
        "抽中对象 (entities)",
        "已录结果对象 (entities_with_results)",
        "检查户次 (visits)",
        "已录结果户次 (visits_with_results)",
        "执法人员 (officers)",
        "参加检查人员 (officers_with_visits)",
        "最少 (load.min)",
        "中位数 (load.median)",
        "最多 (load.max)",
        "合计 (load.total)",
    ])];
    for d in &r.by_department {
        departments.push(vec![
            d.department.clone(),
            d.entities.to_string(),
            d.entities_with_results.to_string(),
            d.visits.to_string(),
            d.visits_with_results.to_string(),
            d.officers.to_string(),
            d.officers_with_visits.to_string(),
            d.load.min.to_string(),
            median_text(d.load.median),
            d.load.max.to_string(),
            d.load.total.to_string(),
        ]);
    }
    let mut officers = vec![header(&[
        "部门 (department)",
        "执法证号 (id)",
        "姓名 (name)",
        "检查户次 (visits)",
        "已录结果户次 (visits_with_results)",
        "任务数 (campaigns)",
    ])];
    for o in &r.officers {
        officers.push(vec![
            o.department.clone(),
            o.id.clone(),
            o.name.clone(),
            o.visits.to_string(),
            o.visits_with_results.to_string(),
            o.campaigns.to_string(),
        ]);
    }
    let mut repeats = vec![header(&[
        "统一社会信用代码 (uscc)",
        "名称 (name)",
        "检查户次 (visits)",
        "已录结果户次 (visits_with_results)",
        "抽查任务 (campaigns)",
        "检查部门 (departments)",
    ])];
    for e in &r.repeat_visits {
        repeats.push(vec![
            e.uscc.clone(),
            e.name.clone(),
            e.visits.to_string(),
            e.visits_with_results.to_string(),
            e.campaigns.join("、"),
            e.departments.join("、"),
        ]);
    }
    vec![
        ("campaigns.csv", campaigns),
        ("credit_classes.csv", classes),
        ("departments.csv", departments),
        ("officers.csv", officers),
        ("repeat_visits.csv", repeats),
    ]
}

/// The report as its JSON file (`report.json`): the [`Report`], pretty-printed.
pub fn json_text(r: &Report) -> String {
    let mut s = serde_json::to_string_pretty(r).unwrap_or_default();
    s.push('\n');
    s
}

fn write(dir: &Path, name: &str, bytes: &[u8], out: &mut Vec<Written>) -> Result<(), PublishError> {
    let path = dir.join(name);
    crate::durable::write_atomic(&path, bytes).map_err(|source| PublishError::Io {
        path: path.clone(),
        source,
    })?;
    out.push(Written {
        path,
        sha256: Hash::digest(bytes),
    });
    Ok(())
}

/// Writes the report's files ([`REPORT_FILES`]) into `dir` (made if missing),
/// replacing earlier ones, and returns them with their SHA-256. Each CSV
/// table gets an `.xlsx` of the same rows (every cell text; the workbook's
/// creation date is 1 January of the report's year, so the same records give
/// the same bytes).
///
/// # Errors
/// [`PublishError::Io`] when a file cannot be written,
/// [`PublishError::Xlsx`] when a workbook cannot be made.
pub fn write_files(dir: &Path, r: &Report) -> Result<Vec<Written>, PublishError> {
    std::fs::create_dir_all(dir).map_err(|source| PublishError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut out = Vec::new();
    write(dir, "report.html", html(r).as_bytes(), &mut out)?;
    write(dir, "report.json", json_text(r).as_bytes(), &mut out)?;
    let created = chrono::NaiveDate::from_ymd_opt(r.year, 1, 1).unwrap_or_default();
    for (name, rows) in tables(r) {
        write(dir, name, &csv_bytes(&rows), &mut out)?;
        let stem = name.trim_end_matches(".csv");
        let xlsx_name = format!("{stem}.xlsx");
        let bytes = xlsx_bytes(&dir.join(&xlsx_name), stem, &rows, created)?;
        write(dir, &xlsx_name, &bytes, &mut out)?;
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------

const STYLE: &str = concat!(
    "body{font-family:",
    crate::io::publish::font_stack!(),
    ";max-width:1000px;margin:2em auto;padding:0 1em;color:#222}table{border-collapse:collapse;width:100%;margin:1em 0}th,td{border:1px solid #999;padding:4px 6px;text-align:left;font-size:14px}td.n{text-align:right}th{background:#eee}code{word-break:break-all;font-size:12px}.note{background:#f6f6e8;padding:8px 12px;border-left:4px solid #cc9}.internal{background:#fbe9e7;padding:8px 12px;border-left:4px solid #c62828;font-weight:bold}svg text{font-family:inherit}",
    crate::io::publish::print_style!()
);

fn table(h: &mut String, head: &[&str], rows: &[Vec<String>], numeric_from: usize) {
    h.push_str("<table><thead><tr>");
    for c in head {
        let _ = write!(h, "<th>{c}</th>");
    }
    h.push_str("</tr></thead><tbody>");
    for r in rows {
        h.push_str("<tr>");
        for (i, v) in r.iter().enumerate() {
            if i >= numeric_from {
                let _ = write!(h, "<td class=\"n\">{}</td>", esc(v));
            } else {
                let _ = write!(h, "<td>{}</td>", esc(v));
            }
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table>");
}

/// An inline SVG bar chart of one department's officers' loads: one bar per
/// officer with visits (most visits first, then by certificate number), and a
/// dashed line at the department's median load.
fn load_chart(department: &str, bars: &[(String, usize)], median: f64) -> String {
    const LABEL: usize = 230;
    const WIDTH: usize = 380;
    const ROW: usize = 20;
    let max = bars.iter().map(|b| b.1).max().unwrap_or(1).max(1);
    let height = ROW * bars.len() + 34;
    let mut s = format!(
        "<svg width=\"{w}\" height=\"{height}\" viewBox=\"0 0 {w} {height}\" role=\"img\" aria-label=\"{a}\">",
        w = LABEL + WIDTH + 50,
        a = esc(&format!("{department} 执法人员检查户次（officers' loads）")),
    );
    for (i, (label, load)) in bars.iter().enumerate() {
        let y = 4 + ROW * i;
        let w = (WIDTH * load / max).max(1);
        let _ = write!(
            s,
            "<text x=\"{tx}\" y=\"{ty}\" font-size=\"12\" text-anchor=\"end\">{l}</text><rect x=\"{LABEL}\" y=\"{y}\" width=\"{w}\" height=\"{bh}\" fill=\"#357\"/><text x=\"{vx}\" y=\"{ty}\" font-size=\"12\">{load}</text>",
            tx = LABEL - 6,
            ty = y + 13,
            l = esc(label),
            bh = ROW - 4,
            vx = LABEL + w + 4,
        );
    }
    let mx = LABEL as f64 + WIDTH as f64 * median / max as f64;
    let bottom = ROW * bars.len() + 6;
    let _ = write!(
        s,
        "<line x1=\"{mx:.1}\" y1=\"0\" x2=\"{mx:.1}\" y2=\"{bottom}\" stroke=\"#c62828\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/><text x=\"{mx:.1}\" y=\"{ty}\" font-size=\"12\" fill=\"#c62828\" text-anchor=\"middle\">中位数 {m}（median）</text></svg>",
        ty = bottom + 16,
        m = median_text(median),
    );
    s
}

fn summary_html(h: &mut String, r: &Report) {
    let s = &r.summary;
    let rows: Vec<Vec<String>> = [
        ("计入的抽查任务（Campaigns counted）", s.campaigns),
        ("检查户次（Visits）", s.visits),
        (
            "已录入结果的户次（Visits with results）",
            s.visits_with_results,
        ),
        ("检查对象（Distinct entities）", s.entities),
        (
            "已录入结果的对象（Entities with results）",
            s.entities_with_results,
        ),
        (
            "被检查一次以上的对象（Entities visited more than once）",
            s.visited_more_than_once,
        ),
        (
            "单个对象最多检查次数（Most visits of one entity）",
            s.max_visits,
        ),
        (
            "多部门联合检查户次（Joint visits, 2+ departments）",
            s.joint_visits,
        ),
        ("部门检查项次（Department checks）", s.department_checks),
        ("本年检查结果（Results inspected in the year）", s.results),
        ("其中已公示（Published）", s.results_published),
        (
            "次年检查的结果，未计入（Results inspected later, not counted）",
            s.results_later,
        ),
    ]
    .iter()
    .map(|(k, v)| vec![(*k).to_string(), v.to_string()])
    .collect();
    table(h, &["项目（Item）", "数量（Count）"], &rows, 1);
    if !s.visits_histogram.is_empty() {
        let rows: Vec<Vec<String>> = s
            .visits_histogram
            .iter()
            .map(|x| vec![x.visits.to_string(), x.entities.to_string()])
            .collect();
        h.push_str("<h3>检查次数分布（Visits per entity）</h3><p>“进一次门、查多项事”：同一对象被不同任务分别检查的次数越少越好；多部门联合检查计为一次。（One door, many checks: the fewer separate visits to one entity the better; a joint visit counts once.）</p>");
        table(h, &["检查次数（Visits）", "对象数（Entities）"], &rows, 0);
    }
}

fn officers_html(h: &mut String, r: &Report) {
    h.push_str("<h2>执法人员检查量（Officers' loads）</h2><p>每名执法人员参加的检查户次（按部门）。统计范围：各部门在计入任务抽取日在岗且执法证有效的人员；未参加检查的计为 0。（Visits per officer, by department. Reported: the department's officers active and certified on the draw date of a counted campaign; officers without visits count as 0.）</p>");
    for d in &r.by_department {
        // Most visits first, then by certificate number.
        let mut with_visits: Vec<&super::OfficerRow> = r
            .officers
            .iter()
            .filter(|o| o.department == d.department && o.visits > 0)
            .collect();
        with_visits.sort_by(|a, b| b.visits.cmp(&a.visits).then_with(|| a.id.cmp(&b.id)));
        let bars: Vec<(String, usize)> = with_visits
            .iter()
            .map(|o| (format!("{} {}", o.name, o.id), o.visits))
            .collect();
        let _ = write!(
            h,
            "<h3>{}</h3><p>参加检查 {} 人，统计 {} 人；检查户次 最少 {}、中位数 {}、最多 {}，合计 {}。（{} of {} officers had visits; load min {}, median {}, max {}, total {}.）</p>",
            esc(&d.department),
            d.officers_with_visits,
            d.officers,
            d.load.min,
            median_text(d.load.median),
            d.load.max,
            d.load.total,
            d.officers_with_visits,
            d.officers,
            d.load.min,
            median_text(d.load.median),
            d.load.max,
            d.load.total,
        );
        if bars.is_empty() {
            h.push_str("<p>本年度无人参加检查（No officer had a visit）。</p>");
        } else {
            h.push_str(&load_chart(&d.department, &bars, d.load.median));
        }
    }
    let rows: Vec<Vec<String>> = r
        .officers
        .iter()
        .filter(|o| o.visits > 0)
        .map(|o| {
            vec![
                o.department.clone(),
                o.name.clone(),
                o.id.clone(),
                o.visits.to_string(),
                o.visits_with_results.to_string(),
                o.campaigns.to_string(),
            ]
        })
        .collect();
    let idle = r.officers.len() - rows.len();
    h.push_str("<h3>参加检查的人员（Officers with visits）</h3>");
    table(
        h,
        &[
            "部门（Department）",
            "姓名（Name）",
            "执法证号（Certificate）",
            "检查户次（Visits）",
            "已录结果户次（With results）",
            "任务数（Campaigns）",
        ],
        &rows,
        3,
    );
    let _ = write!(
        h,
        "<p>另有 {idle} 名人员本年度未参加检查，见 officers.csv。（{idle} more officers had no visits; every officer is in officers.csv.）</p>"
    );
}

/// The report as a self-contained HTML page.
pub fn html(r: &Report) -> String {
    let year = r.year;
    let mut h = format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{year}年度“双随机、一公开”抽查报告（Yearly report {year}）</title><style>{STYLE}</style></head><body><h1>{year}年度“双随机、一公开”抽查报告（Yearly report {year}）</h1>"
    );
    h.push_str("<p class=\"internal\">内部资料：本报告含按信用风险分类的统计，信用风险分类属于监管内部信息，仅供本机关内部使用，不得公开。（Internal: this report shows counts per credit-risk class, which is confidential supervision data; for the bureau only, never for publication.）</p>");
    let _ = write!(
        h,
        "<p class=\"note\">统计口径：抽取日期在 {year} 年内、已抽取且未作废的抽查任务；检查对象以替换后的当前名单为准；检查结果以检查日期在 {year} 年内者为准。（Counted: campaigns drawn in {year} and not voided; targets after replacements; results inspected in {year}.）</p>"
    );
    if r.campaigns.is_empty() {
        let _ = write!(
            h,
            "<p>本年度没有计入的抽查任务。（No campaign was drawn in {year}.）</p>"
        );
    } else {
        h.push_str("<h2>概况（Summary）</h2>");
        summary_html(&mut h, r);
        h.push_str("<h2>按信用风险分类（By credit class）</h2><p>分类按每次抽取所用快照中的记录；同一对象在年内分类变化的，分别计入。（The class in each draw's snapshot; an entity reclassified during the year counts in each class it had.）</p>");
        let rows: Vec<Vec<String>> = r
            .by_credit_class
            .iter()
            .map(|c| {
                vec![
                    format!(
                        "{}（class {}）",
                        c.credit_class.zh(),
                        c.credit_class.token()
                    ),
                    c.entities.to_string(),
                    c.entities_with_results.to_string(),
                    c.visits.to_string(),
                    c.visits_with_results.to_string(),
                ]
            })
            .collect();
        table(
            &mut h,
            &[
                "信用风险分类（Credit class）",
                "抽中对象（Entities drawn）",
                "已录结果对象（With results）",
                "检查户次（Visits）",
                "已录结果户次（Visits with results）",
            ],
            &rows,
            1,
        );
        h.push_str("<h2>按部门（By department）</h2>");
        let rows: Vec<Vec<String>> = r
            .by_department
            .iter()
            .map(|d| {
                vec![
                    d.department.clone(),
                    d.entities.to_string(),
                    d.entities_with_results.to_string(),
                    d.visits.to_string(),
                    d.visits_with_results.to_string(),
                    d.officers_with_visits.to_string(),
                    d.officers.to_string(),
                    format!(
                        "{} / {} / {}",
                        d.load.min,
                        median_text(d.load.median),
                        d.load.max
                    ),
                ]
            })
            .collect();
        table(
            &mut h,
            &[
                "部门（Department）",
                "抽中对象（Entities drawn）",
                "已录结果对象（With results）",
                "检查户次（Visits）",
                "已录结果户次（Visits with results）",
                "参加检查人员（Officers with visits）",
                "统计人员（Officers）",
                "检查户次 最少/中位数/最多（Load min/median/max）",
            ],
            &rows,
            1,
        );
        officers_html(&mut h, r);
        let _ = write!(
            h,
            "<h2>被检查一次以上的对象（Entities visited more than once）：{} 户</h2>",
            r.repeat_visits.len()
        );
        let rows: Vec<Vec<String>> = r
            .repeat_visits
            .iter()
            .map(|e| {
                vec![
                    e.uscc.clone(),
                    e.name.clone(),
                    e.campaigns.join("、"),
                    e.departments.join("、"),
                    e.visits.to_string(),
                    e.visits_with_results.to_string(),
                ]
            })
            .collect();
        table(
            &mut h,
            &[
                "统一社会信用代码（USCC）",
                "名称（Name）",
                "抽查任务（Campaigns）",
                "检查部门（Departments）",
                "检查户次（Visits）",
                "已录结果户次（With results）",
            ],
            &rows,
            4,
        );
        h.push_str("<h2>抽查任务（Campaigns）</h2>");
        let rows: Vec<Vec<String>> = r
            .campaigns
            .iter()
            .map(|c| {
                vec![
                    c.id.clone(),
                    c.title.clone(),
                    c.draw_date.to_string(),
                    c.targets.to_string(),
                    c.replacements.to_string(),
                    c.targets_with_results.to_string(),
                    c.results.to_string(),
                    c.results_published.to_string(),
                    yes_no(c.list_published),
                ]
            })
            .collect();
        table(
            &mut h,
            &[
                "任务编号（Id）",
                "任务名称（Title）",
                "抽取日期（Draw date）",
                "抽查对象（Targets）",
                "替换（Replacements）",
                "已录结果对象（With results）",
                "检查结果（Results）",
                "已公示结果（Published）",
                "名单已公示（List published）",
            ],
            &rows,
            3,
        );
    }
    if !r.not_counted.is_empty() {
        h.push_str("<h2>未计入的任务（Campaigns not counted）</h2>");
        let rows: Vec<Vec<String>> = r
            .not_counted
            .iter()
            .map(|n| {
                vec![
                    n.id.clone(),
                    n.title.clone(),
                    n.draw_date.to_string(),
                    match n.reason {
                        super::NotCountedReason::Voided => "已作废（voided）",
                        super::NotCountedReason::NotDrawn => "未抽取（not drawn）",
                    }
                    .to_string(),
                ]
            })
            .collect();
        table(
            &mut h,
            &[
                "任务编号（Id）",
                "任务名称（Title）",
                "抽取日期（Draw date）",
                "原因（Reason）",
            ],
            &rows,
            4,
        );
    }
    let _ = writeln!(
        h,
        "<p class=\"note\">由 dualdraw 根据工作区记录生成；生成时台账头（ledger head）<br><code>{}</code><br>同一台账状态下重新生成，结果完全相同。（Made by dualdraw from the workspace's records at this ledger head; made again from the same records it is identical.）</p></body></html>",
        r.ledger_head
    );
    h
}
