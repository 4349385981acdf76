//! `report YEAR`: the yearly report (年度报告). Work in progress.

use super::{Cli, Failure, Out};
use clap::Args;

/// `report` arguments.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The calendar year, e.g. 2026.
    pub year: i32,
}

/// Runs `report`.
pub(crate) fn run(_cli: &Cli, _out: &Out, _a: &ReportArgs) -> Result<(), Failure> {
    Err(Failure::usage("report: not implemented yet"))
}
