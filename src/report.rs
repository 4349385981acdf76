//! The yearly report (年度报告). Work in progress.
