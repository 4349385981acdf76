//! `report YEAR [--out DIR]`: the yearly report (年度报告, `docs/REPORT.md`).

use super::i18n::t;
use super::{Cli, Failure, Out, messages};
use crate::io::report::ReportError;
use crate::store::Workspace;
use clap::Args;
use std::fmt::Write as _;
use std::path::PathBuf;

/// `report` arguments.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The calendar year, e.g. 2026.
    #[arg(allow_negative_numbers = true)]
    pub year: i32,
    /// Folder for report.html, report.json and the CSV tables (default: WORKSPACE/reports/YEAR/).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

fn failure(e: ReportError) -> Failure {
    match e {
        ReportError::Year(year) => Failure::usage(t!("report-year", year = year)),
        ReportError::Store(e) => Failure::from(e),
        ReportError::Inconsistent { campaign, message } => Failure::rejected(
            "store",
            t!("report-inconsistent", campaign = campaign, why = message),
        ),
        ReportError::Write(e) => Failure::rejected("io", messages::publish(&e)),
    }
}

/// Runs `report`.
pub(crate) fn run(cli: &Cli, out: &Out, a: &ReportArgs) -> Result<(), Failure> {
    let ws = Workspace::open(&cli.workspace)?;
    let report = crate::io::report::build(&ws, a.year).map_err(failure)?;
    let dir = a
        .out
        .clone()
        .unwrap_or_else(|| crate::io::report::default_dir(ws.dir(), a.year));
    let files = crate::io::report::write_files(&dir, &report)
        .map_err(|e| failure(ReportError::Write(e)))?;
    let mut text = crate::io::report::text_in(&report, &super::report_texts::Catalogue);
    let _ = writeln!(text, "{}", t!("report-wrote", dir = dir.display()));
    for f in &files {
        let _ = writeln!(
            text,
            "  {}",
            f.path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default()
        );
    }
    let mut value =
        serde_json::to_value(&report).map_err(|e| Failure::rejected("internal", e.to_string()))?;
    if let Some(o) = value.as_object_mut() {
        o.insert("dir".into(), serde_json::json!(dir));
        o.insert("files".into(), serde_json::json!(files));
    }
    out.done(crate::io::report::REPORT_SCHEMA, &value, &text)
}
