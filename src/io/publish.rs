//! 一公开: the files a bureau publishes for a draw (the list as CSV with BOM,
//! `.xlsx`, JSON and a self-contained HTML page; a printable draw record) and
//! for its results. Only public data goes in: no credit class, no recusal, no
//! personal number.

use crate::core::merkle::Hash;
use crate::core::proof::DrawProof;
use crate::core::results::InspectionResult;
use rust_xlsxwriter::Workbook;
use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Why files could not be written (公示文件写入错误).
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// Filesystem.
    #[error("{path}: {source}")]
    Io {
        /// Path.
        path: PathBuf,
        /// Error.
        source: std::io::Error,
    },
    /// Spreadsheet writer.
    #[error("{path}: {message}")]
    Xlsx {
        /// Path.
        path: PathBuf,
        /// Error.
        message: String,
    },
}

/// A file written (已写入的公示文件), with its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Written {
    /// Path.
    pub path: PathBuf,
    /// SHA-256 of its bytes.
    pub sha256: Hash,
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

/// Escapes text for HTML element content and double-quoted attributes.
pub(crate) fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab
/// or CR first: the OWASP CSV-injection rule) gets a leading `'`, which
/// spreadsheets show as text.
pub(crate) fn neutralize_cell(s: &str) -> std::borrow::Cow<'_, str> {
    match s.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{s}").into(),
        _ => s.into(),
    }
}

/// CSV bytes, UTF-8 with a BOM so that Excel opens Chinese text correctly;
/// every cell neutralized ([`neutralize_cell`]).
pub(crate) fn csv_bytes(rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    for r in rows {
        let _ = w.write_record(r.iter().map(|c| neutralize_cell(c).into_owned()));
    }
    w.into_inner().unwrap_or_default()
}

/// The width in Excel's character units of a cell's text: a CJK or other
/// wide character counts 2, any other 1.
fn cell_width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
        .sum()
}

/// An xlsx file of `rows` (the first row the header: bold, frozen, with an
/// autofilter), byte for byte the same for the same rows and `created` day
/// (the document's creation date is set to it, not the clock), so a
/// published file can be written again identically and a rerun can compare
/// its bytes.
///
/// Every cell is written as a string cell in the text number format (`@`),
/// never as a number or a formula: a USCC or a certificate number stays as
/// written (no `9.13502E+17`, no lost leading zero), and every cell is
/// neutralized ([`neutralize_cell`]) exactly as in the CSV beside it, so the
/// two files have the same rows and a sheet saved again as CSV stays safe.
/// Columns are as wide as their widest cell (between 6 and 60 characters).
pub(crate) fn xlsx_bytes(
    path: &Path,
    sheet: &str,
    rows: &[Vec<String>],
    created: chrono::NaiveDate,
) -> Result<Vec<u8>, PublishError> {
    use chrono::Datelike;
    let err = |e: rust_xlsxwriter::XlsxError| PublishError::Xlsx {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let mut wb = Workbook::new();
    let day = rust_xlsxwriter::ExcelDateTime::from_ymd(
        u16::try_from(created.year()).unwrap_or(2000),
        u8::try_from(created.month()).unwrap_or(1),
        u8::try_from(created.day()).unwrap_or(1),
    )
    .map_err(err)?;
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&day));
    let text = rust_xlsxwriter::Format::new().set_num_format("@");
    let head = rust_xlsxwriter::Format::new()
        .set_num_format("@")
        .set_bold()
        .set_background_color(rust_xlsxwriter::Color::RGB(0xEEEEEE))
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let ws = wb.add_worksheet();
    ws.set_name(sheet).map_err(err)?;
    let mut widths: Vec<usize> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let r32 = u32::try_from(r).unwrap_or(u32::MAX);
        for (c, v) in row.iter().enumerate() {
            let c16 = u16::try_from(c).unwrap_or(u16::MAX);
            let v = neutralize_cell(v);
            let f = if r == 0 { &head } else { &text };
            ws.write_string_with_format(r32, c16, v.as_ref(), f)
                .map_err(err)?;
            if widths.len() <= c {
                widths.resize(c + 1, 0);
            }
            widths[c] = widths[c].max(cell_width(&v));
        }
    }
    for (c, w) in widths.iter().enumerate() {
        let c16 = u16::try_from(c).unwrap_or(u16::MAX);
        #[allow(clippy::cast_precision_loss)]
        let w = (*w).clamp(6, 60) as f64 + 2.0;
        ws.set_column_width(c16, w).map_err(err)?;
        ws.set_column_format(c16, &text).map_err(err)?;
    }
    if !rows.is_empty() {
        ws.set_freeze_panes(1, 0).map_err(err)?;
        if let Some(last) = rows[0].len().checked_sub(1) {
            let last = u16::try_from(last).unwrap_or(u16::MAX);
            let end = u32::try_from(rows.len() - 1).unwrap_or(u32::MAX);
            ws.autofilter(0, 0, end, last).map_err(err)?;
        }
    }
    wb.save_to_buffer().map_err(err)
}

/// An item as the public reads it: its code and name (`SC-001
/// 食品销售经营者经营行为检查`), or the code alone when the draw's item list
/// does not have it.
pub fn item_label(p: &DrawProof, code: &str) -> String {
    match p.items.iter().find(|i| i.code == code) {
        Some(i) if !i.name.is_empty() => format!("{} {}", i.code, i.name),
        _ => code.to_string(),
    }
}

/// An officer's name (执法人员姓名) from the draw's officer directory, or `""`.
fn officer_name<'a>(p: &'a DrawProof, id: &str) -> &'a str {
    p.officers
        .iter()
        .find(|o| o.id.as_str() == id)
        .map_or("", |o| o.name.as_str())
}

/// One row of the published list (公示的抽查名单).
#[derive(Debug, Clone, Serialize)]
pub struct ListRow {
    /// USCC.
    pub uscc: String,
    /// Name.
    pub name: String,
    /// Items.
    pub items: Vec<String>,
    /// Departments.
    pub departments: Vec<String>,
    /// Team: (name, certificate number, department).
    pub team: Vec<(String, String, String)>,
}

/// Looks up a (replacement) target's name and items by USCC.
pub type TargetLookup<'a> = &'a dyn Fn(&str) -> Option<(String, Vec<String>)>;

/// The published list of a draw, with the current teams (after replacements).
pub fn list_rows(
    p: &DrawProof,
    teams: &[(String, Vec<String>)],
    names: TargetLookup<'_>,
) -> Vec<ListRow> {
    teams
        .iter()
        .map(|(uscc, ids)| {
            let (name, items) = p
                .targets
                .iter()
                .find(|t| &t.entity.uscc == uscc)
                .map(|t| (t.entity.name.clone(), t.items.clone()))
                .or_else(|| names(uscc))
                .unwrap_or_default();
            let team: Vec<(String, String, String)> = ids
                .iter()
                .map(|id| {
                    p.officers
                        .binary_search_by(|o| o.id.as_str().cmp(id))
                        .map(|i| {
                            (
                                p.officers[i].name.clone(),
                                id.clone(),
                                p.officers[i].department.clone(),
                            )
                        })
                        .unwrap_or_else(|_| (String::new(), id.clone(), String::new()))
                })
                .collect();
            let mut departments: Vec<String> = team.iter().map(|t| t.2.clone()).collect();
            departments.dedup();
            ListRow {
                uscc: uscc.clone(),
                name,
                items,
                departments,
                team,
            }
        })
        .collect()
}

/// Writes the draw's notice files into `dir`: `list.csv` (UTF-8 with BOM),
/// `list.xlsx`, `list.json`, `index.html`, `record.html` and `proof.json`
/// (the recorded proof text), and `public-snapshot.json` when given.
///
/// # Errors
/// [`PublishError`].
pub fn publish_draw(
    dir: &Path,
    p: &DrawProof,
    proof_text: &str,
    rows: &[ListRow],
    public_snapshot: Option<&str>,
) -> Result<Vec<Written>, PublishError> {
    std::fs::create_dir_all(dir).map_err(|source| PublishError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let c = &p.announcement.campaign;
    let mut out = Vec::new();
    let mut table = vec![vec![
        "序号".to_string(),
        "统一社会信用代码".into(),
        "名称".into(),
        "抽查事项".into(),
        "检查部门".into(),
        "执法人员".into(),
        "执法证号".into(),
    ]];
    for (i, r) in rows.iter().enumerate() {
        table.push(vec![
            (i + 1).to_string(),
            r.uscc.clone(),
            r.name.clone(),
            r.items
                .iter()
                .map(|i| item_label(p, i))
                .collect::<Vec<_>>()
                .join("、"),
            r.departments.join("、"),
            r.team
                .iter()
                .map(|t| t.0.clone())
                .collect::<Vec<_>>()
                .join("、"),
            r.team
                .iter()
                .map(|t| t.1.clone())
                .collect::<Vec<_>>()
                .join("、"),
        ]);
    }
    write(dir, "list.csv", &csv_bytes(&table), &mut out)?;
    let xl = xlsx_bytes(
        &dir.join("list.xlsx"),
        "抽查名单",
        &table,
        p.announcement.campaign.draw_date,
    )?;
    write(dir, "list.xlsx", &xl, &mut out)?;
    let json = serde_json::json!({
        "format": "dualdraw-list-v1",
        "campaign": c.id, "title": c.title, "draw_date": c.draw_date,
        "announcement_hash": p.announcement.hash, "seed": p.seed,
        "strata": p.strata.iter().map(|s| serde_json::json!({"credit_class": s.credit_class, "pool": s.pool, "drawn": s.drawn})).collect::<Vec<_>>(),
        "targets": rows,
    });
    write(
        dir,
        "list.json",
        serde_json::to_string_pretty(&json)
            .unwrap_or_default()
            .as_bytes(),
        &mut out,
    )?;
    write(dir, "proof.json", proof_text.as_bytes(), &mut out)?;
    if let Some(s) = public_snapshot {
        write(dir, "public-snapshot.json", s.as_bytes(), &mut out)?;
    }
    write(
        dir,
        "index.html",
        index_html(p, rows, public_snapshot.is_some()).as_bytes(),
        &mut out,
    )?;
    write(
        dir,
        "record.html",
        record_html(p, rows).as_bytes(),
        &mut out,
    )?;
    write(dir, "verify.html", VERIFY_PAGE.as_bytes(), &mut out)?;
    Ok(out)
}

/// The public verification page (`web/`, an independent TypeScript
/// implementation of `docs/SPEC.md`), one self-contained file that runs in
/// any browser without a network: published beside the notice files.
pub const VERIFY_PAGE: &str = include_str!("../../web/dist/verify.html");

/// The font stack of notices and reports: Latin first, then Chinese fonts of
/// Windows, macOS and Linux, so that a printed notice uses a real Chinese
/// face wherever it is opened.
macro_rules! font_stack {
    () => {
        "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC','Hiragino Sans GB','SimSun','WenQuanYi Micro Hei',sans-serif"
    };
}
pub(crate) use font_stack;

/// The A4 print stylesheet of every published HTML file (notices, draw
/// record, results, report): A4 portrait with 15 mm/12 mm margins, black on
/// white (no background colours or dark fills, except the thin borders),
/// table headers repeated on every page, no table row split across pages,
/// headings kept with what follows, and each link's address printed after
/// its text.
macro_rules! print_style {
    () => {
        "@page{size:A4;margin:15mm 12mm}@media print{html,body{background:#fff!important;color:#000!important}body{max-width:none;margin:0;padding:0;font-size:10.5pt}*{background:transparent!important;color:#000!important;box-shadow:none!important}table{page-break-inside:auto}thead{display:table-header-group}tfoot{display:table-footer-group}tr,td,th,svg,.note{page-break-inside:avoid;break-inside:avoid}th,td{font-size:9.5pt;border-color:#000}h1,h2,h3{page-break-after:avoid;break-after:avoid}a{text-decoration:none}a[href]::after{content:\" (\" attr(href) \")\";font-size:9pt}code{font-size:8.5pt}.note,.internal{border-left:2px solid #000}}"
    };
}
pub(crate) use print_style;

/// The notices' stylesheet: screen, then A4 print (`PRINT_STYLE`).
pub(crate) const STYLE: &str = concat!(
    "body{font-family:",
    font_stack!(),
    ";max-width:1000px;margin:2em auto;padding:0 1em;color:#222}table{border-collapse:collapse;width:100%;margin:1em 0}th,td{border:1px solid #999;padding:4px 6px;text-align:left;font-size:14px}th{background:#eee}code{word-break:break-all;font-size:12px}.note{background:#f6f6e8;padding:8px 12px;border-left:4px solid #cc9}",
    print_style!()
);

fn list_table(p: &DrawProof, rows: &[ListRow]) -> String {
    let mut t = String::from(
        "<table><thead><tr><th>序号</th><th>统一社会信用代码</th><th>名称</th><th>抽查事项</th><th>检查部门</th><th>执法人员（执法证号）</th></tr></thead><tbody>",
    );
    for (i, r) in rows.iter().enumerate() {
        let team: Vec<String> = r
            .team
            .iter()
            .map(|x| format!("{}（{}）", html_escape(&x.0), html_escape(&x.1)))
            .collect();
        let _ = write!(
            t,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            i + 1,
            html_escape(&r.uscc),
            html_escape(&r.name),
            html_escape(
                &r.items
                    .iter()
                    .map(|i| item_label(p, i))
                    .collect::<Vec<_>>()
                    .join("、")
            ),
            html_escape(&r.departments.join("、")),
            team.join("、")
        );
    }
    t.push_str("</tbody></table>");
    t
}

fn strata_chart(p: &DrawProof) -> String {
    let max = p.strata.iter().map(|s| s.pool).max().unwrap_or(1).max(1);
    let mut svg = format!(
        "<svg width=\"520\" height=\"{}\" role=\"img\" aria-label=\"pool and drawn per stratum\">",
        30 * p.strata.len() + 10
    );
    for (i, s) in p.strata.iter().enumerate() {
        let y = 10 + 30 * i;
        let w_pool = 400 * s.pool / max;
        let w_drawn = (400 * s.drawn / max).max(u64::from(s.drawn > 0));
        let _ = write!(
            svg,
            "<text x=\"0\" y=\"{}\" font-size=\"13\">{}类</text><rect x=\"40\" y=\"{}\" width=\"{w_pool}\" height=\"18\" fill=\"#cde\"/><rect x=\"40\" y=\"{}\" width=\"{w_drawn}\" height=\"18\" fill=\"#357\"/><text x=\"{}\" y=\"{}\" font-size=\"12\">{} / {}</text>",
            y + 14,
            s.credit_class.token(),
            y,
            y,
            46 + w_pool,
            y + 14,
            s.drawn,
            s.pool
        );
    }
    svg.push_str("</svg>");
    svg
}

fn index_html(p: &DrawProof, rows: &[ListRow], with_snapshot: bool) -> String {
    let c = &p.announcement.campaign;
    let mut h = format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{t}</title><style>{STYLE}</style></head><body><h1>{t}</h1>",
        t = html_escape(&c.title)
    );
    let _ = write!(
        h,
        "<p>任务编号 {}；抽取日期 {}；牵头部门 {}</p><p>公告哈希（抽取前公布）<br><code>{}</code></p><p>随机种子<br><code>{}</code></p>",
        html_escape(&c.id),
        c.draw_date,
        html_escape(&c.lead_department),
        p.announcement.hash,
        p.seed
    );
    let _ = write!(
        h,
        "<h2>各层抽取情况（信用风险分类）</h2>{}<table><thead><tr><th>分类</th><th>对象库数量</th><th>抽取数量</th></tr></thead>",
        strata_chart(p)
    );
    for s in &p.strata {
        let _ = write!(
            h,
            "<tr><td>{}类</td><td>{}</td><td>{}</td></tr>",
            s.credit_class.token(),
            s.pool,
            s.drawn
        );
    }
    let _ = write!(
        h,
        "</table><h2>抽查名单（{} 户）</h2>{}",
        rows.len(),
        list_table(p, rows)
    );
    let _ = write!(
        h,
        "<h2>如何核验 / How to verify</h2><div class=\"note\"><p><b>在浏览器中核验：</b>打开 <a href=\"verify.html\">verify.html</a>（无需安装，不联网），选择 proof.json 与 public-snapshot.json，即可看到核验结论；输入统一社会信用代码可查询企业是否在抽取范围内、是否被抽中。<br><b>Verify in your browser:</b> open <a href=\"verify.html\">verify.html</a> (nothing to install, no network), choose proof.json and public-snapshot.json and read the verdict; type a USCC to see whether an enterprise was in the pool and whether it was drawn.</p><p>任何人都可以重新计算本次抽取：下载 <a href=\"proof.json\">proof.json</a>{}，运行<br><code>dualdraw verify proof.json{}</code></p><p>核验内容：见证人承诺与揭示、随机种子、每个抽中对象的默克尔包含证明、各层抽取数量、全部执法人员分配的重新计算。信用风险分类等内部数据只以加盐承诺出现，不会公开。</p><p>Anyone can re-run this draw: the proof checks the witnesses' commitments and reveals, the seed, every target's inclusion proof, the strata counts, and re-runs the whole officer assignment. Credit classes and recusals appear only as salted commitments.</p><p>公布时间由机关决定：公告在抽取前公开（使重复抽取可被发现）；名单可立即公布，也可在检查结束后公布（此时至少一名见证人在公布前不公开其揭示值，证明表明期间没有任何改动）。</p></div></body></html>",
        if with_snapshot {
            " 与 <a href=\"public-snapshot.json\">public-snapshot.json</a>"
        } else {
            ""
        },
        if with_snapshot {
            " --snapshot public-snapshot.json"
        } else {
            ""
        }
    );
    h
}

/// An instant as Beijing time, for printed records.
fn beijing(t: &chrono::DateTime<chrono::Utc>) -> String {
    (*t + chrono::Duration::hours(8))
        .format("%Y-%m-%d %H:%M:%S（北京时间）")
        .to_string()
}

fn record_html(p: &DrawProof, rows: &[ListRow]) -> String {
    let c = &p.announcement.campaign;
    let mut h = format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>抽取记录 {id}</title><style>{STYLE}@media print{{body{{margin:0}}}}</style></head><body><h1>“双随机、一公开”抽取记录</h1>",
        id = html_escape(&c.id)
    );
    let _ = write!(
        h,
        "<table><tr><th>任务</th><td>{} {}</td></tr><tr><th>抽取日期</th><td>{}</td></tr><tr><th>公告哈希</th><td><code>{}</code></td></tr><tr><th>公告时间</th><td>{}</td></tr><tr><th>随机种子</th><td><code>{}</code></td></tr></table><h2>见证人</h2><table><thead><tr><th>见证人</th><th>承诺值</th><th>揭示时间</th></tr></thead>",
        html_escape(&c.id),
        html_escape(&c.title),
        c.draw_date,
        p.announcement.hash,
        beijing(&p.announcement.announced_at),
        p.seed
    );
    for w in &c.entropy.witnesses {
        let at = p
            .entropy
            .reveals
            .iter()
            .find(|r| r.name == w.name)
            .map(|r| beijing(&r.revealed_at))
            .unwrap_or_else(|| "未揭示".into());
        let _ = write!(
            h,
            "<tr><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
            html_escape(&w.name),
            w.commitment,
            at
        );
    }
    let _ = write!(h, "</table><h2>抽查名单</h2>{}", list_table(p, rows));
    h.push_str("<h2>签字</h2><table><tr><th>操作人</th><td style=\"height:40px\"></td><th>审核人</th><td></td></tr><tr><th>见证人</th><td style=\"height:40px\"></td><th>见证人</th><td></td></tr><tr><th>日期</th><td colspan=\"3\"></td></tr></table></body></html>");
    h
}

/// Writes a campaign's results notice: `results.csv` (BOM), `results.xlsx`,
/// `results.json`, `results.html`.
///
/// # Errors
/// [`PublishError`].
pub fn publish_results(
    dir: &Path,
    p: &DrawProof,
    results: &[InspectionResult],
    names: &dyn Fn(&str) -> String,
) -> Result<Vec<Written>, PublishError> {
    std::fs::create_dir_all(dir).map_err(|source| PublishError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let c = &p.announcement.campaign;
    let mut out = Vec::new();
    let mut table = vec![vec![
        "统一社会信用代码".to_string(),
        "名称".into(),
        "抽查事项".into(),
        "检查结果".into(),
        "检查日期".into(),
        "执法人员".into(),
        "执法证号".into(),
    ]];
    // Each officer's name beside their certificate number, in the same
    // order; an officer the draw's directory does not name shows `—`.
    let officer_names = |r: &InspectionResult| -> Vec<String> {
        r.officers
            .iter()
            .map(|o| match officer_name(p, o) {
                "" => "—".to_string(),
                n => n.to_string(),
            })
            .collect()
    };
    for r in results {
        table.push(vec![
            r.target.clone(),
            names(&r.target),
            item_label(p, &r.item),
            r.result.clone(),
            r.inspected_on.to_string(),
            officer_names(r).join("、"),
            r.officers.join("、"),
        ]);
    }
    write(dir, "results.csv", &csv_bytes(&table), &mut out)?;
    let xl = xlsx_bytes(
        &dir.join("results.xlsx"),
        "抽查结果",
        &table,
        p.announcement.campaign.draw_date,
    )?;
    write(dir, "results.xlsx", &xl, &mut out)?;
    let public: Vec<serde_json::Value> = results
        .iter()
        .map(|r| serde_json::json!({"target": r.target, "name": names(&r.target), "item": r.item, "item_name": p.items.iter().find(|i| i.code == r.item).map(|i| i.name.clone()).unwrap_or_default(), "result": r.result, "inspected_on": r.inspected_on, "officers": r.officers, "officer_names": officer_names(r)}))
        .collect();
    let json = serde_json::json!({"format": "dualdraw-results-v1", "campaign": c.id, "title": c.title, "results": public});
    write(
        dir,
        "results.json",
        serde_json::to_string_pretty(&json)
            .unwrap_or_default()
            .as_bytes(),
        &mut out,
    )?;
    let mut h = format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{t} 抽查结果</title><style>{STYLE}</style></head><body><h1>{t} 抽查结果公示</h1><table>",
        t = html_escape(&c.title)
    );
    for (i, row) in table.iter().enumerate() {
        let tag = if i == 0 { "th" } else { "td" };
        if i == 0 {
            h.push_str("<thead>");
        }
        h.push_str("<tr>");
        for v in row {
            let _ = write!(h, "<{tag}>{}</{tag}>", html_escape(v));
        }
        h.push_str("</tr>");
        if i == 0 {
            h.push_str("</thead><tbody>");
        }
    }
    h.push_str("</tbody></table></body></html>");
    write(dir, "results.html", h.as_bytes(), &mut out)?;
    Ok(out)
}

/// The files of a publication as the ledger records them: file names (not
/// machine paths) and SHA-256.
pub fn ledger_files(files: &[Written]) -> serde_json::Value {
    serde_json::Value::Array(
        files
            .iter()
            .map(|f| {
                serde_json::json!({
                    "file": f.path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default(),
                    "sha256": f.sha256,
                })
            })
            .collect(),
    )
}

/// Why a campaign cannot be published (抽查任务公示错误).
#[derive(Debug, thiserror::Error)]
pub enum CampaignPublishError {
    /// The campaign is not drawn.
    #[error("campaign {0} is not drawn")]
    NotDrawn(String),
    /// The campaign was voided.
    #[error("campaign {0} was voided: its list is not published")]
    Voided(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// Writing failed.
    #[error(transparent)]
    Write(#[from] PublishError),
}

/// Publishes a drawn campaign from the workspace: the notice files of
/// [`publish_draw`] (with the current teams after replacements and the public
/// snapshot) into `dir`, and a `publication` ledger entry with their hashes.
///
/// # Errors
/// [`CampaignPublishError`].
pub fn publish_campaign(
    ws: &mut crate::store::Workspace,
    id: &str,
    dir: &Path,
    at: &str,
    actor: &crate::store::Actor,
) -> Result<(Vec<ListRow>, Vec<Written>), CampaignPublishError> {
    // Read, written and recorded under the workspace's write lock.
    let (out, _) = ws.publish_with(id, "draw", at, actor, |ws| {
        match ws.campaign_state(id)? {
            crate::store::CampaignState::Drawn => {}
            crate::store::CampaignState::Voided => {
                return Err(CampaignPublishError::Voided(id.to_string()));
            }
            crate::store::CampaignState::Announced => {
                return Err(CampaignPublishError::NotDrawn(id.to_string()));
            }
        }
        ws.check_records_against_ledger()?;
        let proof = ws.draw_proof(id)?;
        let text = ws.draw_proof_text(id)?;
        let reps = ws.replacements(id)?;
        let snap = ws.snapshot(proof.announcement.snapshot.id)?;
        let reg = ws.load(&snap)?;
        let teams = crate::core::replace::current_teams(&proof, &reps);
        let names = |u: &str| reg.entity(u).map(|e| (e.name.clone(), Vec::new()));
        let rows = list_rows(&proof, &teams, &names);
        let public = crate::core::snapshot::PublicSnapshot::of(
            &reg,
            ws.salt_key(),
            proof.announcement.snapshot.clone(),
        );
        let public_text = serde_json::to_string(&public).unwrap_or_default();
        let files = publish_draw(dir, &proof, &text, &rows, Some(&public_text))?;
        let listed = ledger_files(&files);
        Ok::<_, CampaignPublishError>(((rows, files), listed))
    })?;
    Ok(out)
}

/// Publishes the results (检查结果公示) of a drawn campaign from the
/// workspace: the recorded results' notice files of [`publish_results`]
/// into `dir`, and a `publication` ledger entry with their hashes. Returns
/// the results published and the files.
///
/// # Errors
/// [`CampaignPublishError`] (a voided campaign is [`CampaignPublishError::NotDrawn`]).
pub fn publish_campaign_results(
    ws: &mut crate::store::Workspace,
    id: &str,
    dir: &Path,
    at: &str,
    actor: &crate::store::Actor,
) -> Result<(Vec<InspectionResult>, Vec<Written>), CampaignPublishError> {
    use crate::store::ResultsFlowError as E;
    // Read, written and recorded under the workspace's write lock: the
    // results marked published are exactly those in the files.
    let (out, _) = ws.publish_with(id, "results", at, actor, |ws| {
        let d = crate::store::drawn_campaign(ws, id).map_err(|e| match e {
            E::Store(s) => CampaignPublishError::Store(s),
            _ => CampaignPublishError::NotDrawn(id.to_string()),
        })?;
        ws.check_records_against_ledger()?;
        let results = ws.results(id)?;
        let names = |u: &str| d.entity_name(u);
        let files = publish_results(dir, &d.proof, &results, &names)?;
        let listed = ledger_files(&files);
        Ok::<_, CampaignPublishError>(((results, files), listed))
    })?;
    Ok(out)
}
