//! `dualdraw demo DIR`: the main job end to end on a synthetic county. For
//! now: write a county as the four CSV files an outside system would export,
//! create a workspace and import them, as a bureau would.

use crate::generate::{CountySpec, FILES, write_county};
use crate::import::ImportOptions;
use crate::import::apply::{ApplyError, ImportSummary, import_into};
use crate::registry::RegistryKind;
use crate::store::{SnapshotInfo, StoreError, Workspace};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// Why the demo failed.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// Generating the county failed.
    #[error(transparent)]
    Generate(#[from] crate::generate::GenerateError),
    /// The workspace failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// An import failed.
    #[error("importing {file}: {source}")]
    Import {
        /// File.
        file: PathBuf,
        /// Error.
        source: ApplyError,
    },
}

/// What the demo did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DemoReport {
    /// Folder of the generated CSV files.
    pub county_dir: PathBuf,
    /// The workspace.
    pub workspace: PathBuf,
    /// One summary per import.
    pub imports: Vec<ImportSummary>,
    /// The final snapshot.
    pub snapshot: Option<SnapshotInfo>,
}

/// The demo's fixed "today" (inside the calendar years the project ships), so
/// that its output never depends on the real date.
pub fn demo_today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default()
}

/// Runs the demo in `dir`: `dir/county/*.csv` and the workspace `dir/workspace`.
///
/// # Errors
/// [`DemoError`]; `dir/workspace` must not already hold a workspace.
pub fn run(dir: &Path, spec: &CountySpec) -> Result<DemoReport, DemoError> {
    let county_dir = dir.join("county");
    let ws_dir = dir.join("workspace");
    write_county(spec, &county_dir)?;
    let mut ws = Workspace::init(&ws_dir)?;
    let opts = ImportOptions {
        today: Some(demo_today()),
        ..ImportOptions::default()
    };
    let mut imports = Vec::new();
    for (kind, f) in RegistryKind::ALL.into_iter().zip(FILES) {
        let file = county_dir.join(f);
        let s = import_into(&mut ws, kind, &file, &opts, &|_| {}).map_err(|source| {
            DemoError::Import {
                file: file.clone(),
                source,
            }
        })?;
        imports.push(s);
    }
    Ok(DemoReport {
        county_dir,
        workspace: ws_dir,
        imports,
        snapshot: ws.current_snapshot()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_imports_every_registry_into_a_fresh_workspace() {
        let d = tempfile::tempdir().unwrap();
        let r = run(
            d.path(),
            &CountySpec {
                entities: 500,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(r.imports.len(), 4);
        let snap = r.snapshot.unwrap();
        assert_eq!(snap.id, 4);
        assert_eq!(snap.roots.entities.size, 500);
        // Running it again in the same folder refuses to overwrite the workspace.
        assert!(matches!(
            run(d.path(), &CountySpec::default()),
            Err(DemoError::Store(StoreError::AlreadyExists(_)))
        ));
    }
}
