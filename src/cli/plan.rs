//! `plan check|announce`: annual plans (年度抽查计划). Work in progress.

use super::{Cli, Failure, Out};
use clap::Subcommand;
use std::path::PathBuf;

/// `plan` subcommands.
#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Report, before anything is drawn, what a plan file would draw and every rule it cannot meet.
    Check {
        /// The plan TOML file.
        file: PathBuf,
    },
    /// Announce every campaign of a plan file (coordination groups together).
    Announce {
        /// The plan TOML file.
        file: PathBuf,
    },
}

/// Runs a `plan` subcommand.
pub(crate) fn dispatch(_cli: &Cli, _out: &Out, _c: &PlanCommand) -> Result<(), Failure> {
    Err(Failure::usage("plan: not implemented yet"))
}
