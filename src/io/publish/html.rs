//! The HTML of the draw's notice and record: stylesheets (screen and A4
//! print), the list table, the strata chart.

use crate::core::proof::DrawProof;
use std::fmt::Write as _;

use super::{ListRow, html_escape, item_label};

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

pub(super) fn index_html(p: &DrawProof, rows: &[ListRow], snapshot: Option<&str>) -> String {
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
        "<h2>如何核验 / How to verify</h2><div class=\"note\"><p><b>在浏览器中核验：</b>打开 <a href=\"verify.html\">verify.html</a>（无需安装，不联网），选择 proof.json 与公开快照文件（public-snapshot.json 或 .ddps），即可看到核验结论；输入统一社会信用代码可查询企业是否在抽取范围内、是否被抽中。<br><b>Verify in your browser:</b> open <a href=\"verify.html\">verify.html</a> (nothing to install, no network), choose proof.json and the public snapshot (public-snapshot.json or .ddps) and read the verdict; type a USCC to see whether an enterprise was in the pool and whether it was drawn.</p><p>任何人都可以重新计算本次抽取：下载 <a href=\"proof.json\">proof.json</a>{}，运行<br><code>dualdraw verify proof.json{}</code></p><p>核验内容：见证人承诺与揭示、随机种子、每个抽中对象的默克尔包含证明、各层抽取数量、全部执法人员分配的重新计算。信用风险分类等内部数据只以加盐承诺出现，不会公开。</p><p>Anyone can re-run this draw: the proof checks the witnesses' commitments and reveals, the seed, every target's inclusion proof, the strata counts, and re-runs the whole officer assignment. Credit classes and recusals appear only as salted commitments.</p><p>公布时间由机关决定：公告在抽取前公开（使重复抽取可被发现）；名单可立即公布，也可在检查结束后公布（此时至少一名见证人在公布前不公开其揭示值，证明表明期间没有任何改动）。</p></div></body></html>",
        snapshot
            .map(|f| format!(" 与 <a href=\"{f}\">{f}</a>"))
            .unwrap_or_default(),
        snapshot
            .map(|f| format!(" --snapshot {f}"))
            .unwrap_or_default()
    );
    h
}

/// An instant as Beijing time, for printed records.
fn beijing(t: &chrono::DateTime<chrono::Utc>) -> String {
    (*t + chrono::Duration::hours(8))
        .format("%Y-%m-%d %H:%M:%S（北京时间）")
        .to_string()
}

pub(super) fn record_html(p: &DrawProof, rows: &[ListRow]) -> String {
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
