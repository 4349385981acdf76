//! Annual plans (年度抽查计划). Work in progress.
