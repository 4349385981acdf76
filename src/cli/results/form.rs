//! `results form ID`: the results form (检查结果登记表) of a drawn campaign,
//! as an Excel workbook to fill in and give back to `results import`: one
//! row per current target (after replacements) and item, with its name, the
//! item's name, the visit date when the campaign is scheduled, the team's
//! certificate numbers and names, and an empty 检查结果 column.

use super::drawn;
use crate::cli::i18n::t;
use crate::cli::{Cli, Failure, Out};
use crate::core::replace::current_teams;
use crate::store::Workspace;
use std::path::PathBuf;

/// The form's columns; `results import` reads 统一社会信用代码, 事项编码,
/// 检查结果, 检查日期 and 执法证号 (the first of the officer columns), and
/// ignores the others.
pub const FORM_HEADER: [&str; 8] = [
    "统一社会信用代码",
    "名称",
    "事项编码",
    "事项名称",
    "检查日期",
    "执法证号",
    "执法人员",
    "检查结果",
];

/// Runs `results form ID [--out FILE]`.
pub(super) fn form(cli: &Cli, out: &Out, id: &str, path: &Option<PathBuf>) -> Result<(), Failure> {
    let ws = Workspace::open(&cli.workspace)?;
    let d = drawn(&ws, id)?;
    let schedule = ws
        .schedule_record(&[id.to_string()])?
        .map(|r| r.schedule())
        .transpose()?;
    let officer_name = |o: &str| {
        d.proof
            .officers
            .binary_search_by(|x| x.id.as_str().cmp(o))
            .map(|i| d.proof.officers[i].name.clone())
            .unwrap_or_default()
    };
    let item_name = |code: &str| {
        d.proof
            .items
            .iter()
            .find(|i| i.code == code)
            .map(|i| i.name.clone())
            .unwrap_or_default()
    };
    let mut rows = vec![FORM_HEADER.map(String::from).to_vec()];
    let mut dated = 0usize;
    for (target, team) in current_teams(&d.proof, &d.replacements) {
        let date = schedule.as_ref().and_then(|s| s.date_of(&target));
        if date.is_some() {
            dated += 1;
        }
        let names: Vec<String> = team.iter().map(|o| officer_name(o)).collect();
        for item in d.items_of(&target) {
            rows.push(vec![
                target.clone(),
                d.entity_name(&target),
                item.clone(),
                item_name(&item),
                date.map(|x| x.to_string()).unwrap_or_default(),
                team.join("、"),
                names.join("、"),
                String::new(),
            ]);
        }
    }
    let file = path.clone().unwrap_or_else(|| {
        PathBuf::from(format!("{}-检查结果.xlsx", id.replace(['/', '\\'], "_")))
    });
    let today = crate::core::announcement::china_date(&crate::cli::now());
    let bytes = crate::io::publish::xlsx_bytes(&file, "检查结果登记表", &rows, today)
        .map_err(|e| Failure::rejected("io", e.to_string()))?;
    crate::cli::campaign::write_new(&file, &bytes)?;
    let n = rows.len() - 1;
    out.done(
        "dualdraw.results-form.v1",
        &serde_json::json!({"campaign": id, "file": file, "rows": n, "dated": dated}),
        &t!(
            "results-form-written",
            file = file.display(),
            id = id,
            rows = n
        ),
    )
}
