//! Files in and out (文件导入与发布): what reads the bureau's spreadsheets and
//! writes what the public and the office read. Each part is behind a feature:
//! `import` ([`import`], [`leave`]), `publish` ([`publish`], [`report`],
//! [`schedule_files`]) and `generate` ([`generate`], synthetic counties).

// The in-memory generator also serves the core's own unit tests.
#[cfg(any(test, feature = "generate"))]
pub mod generate;
#[cfg(feature = "import")]
pub mod import;
#[cfg(feature = "import")]
pub mod leave;
#[cfg(feature = "publish")]
pub mod publish;
#[cfg(feature = "publish")]
pub mod report;
#[cfg(feature = "publish")]
pub mod schedule_files;
