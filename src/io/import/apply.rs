//! Applying a validated file to a workspace: a full import replaces a registry
//! (or one department's part of it), an update adds, replaces and removes rows
//! by key. Either makes a new snapshot unless the content is unchanged.

use super::reasons::{Reason, render_reason};
use super::{ImportError, ImportOptions, Issue, Parsed, Records, parse_table, read_table_sheet};
use crate::core::registry::{Entity, Item, Officer, Recusal, Registries, RegistryKind};
use crate::store::{CommitOutcome, Store, StoreError};
use serde::Serialize;
use std::collections::HashSet;
use std::path::Path;

/// Why an import into a workspace failed (导入工作区错误). Nothing is stored.
#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    /// The file was refused.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What an import did (导入摘要).
#[derive(Debug, Clone, Serialize)]
pub struct ImportSummary {
    /// Registry.
    pub kind: RegistryKind,
    /// The file.
    pub file: String,
    /// Rows read (added or replaced).
    pub rows: usize,
    /// Rows removed (updates).
    pub removed: usize,
    /// Records in the registry afterwards.
    pub total: usize,
    /// Encoding detected or forced (`null` for xlsx).
    pub encoding: Option<super::TextEncoding>,
    /// The workbook sheet read (`null` for CSV).
    pub sheet: Option<String>,
    /// Warnings.
    pub warnings: Vec<Issue>,
    /// The snapshot made, or the unchanged current one.
    pub outcome: CommitOutcome,
}

/// A stage of an import, reported to a progress display (English with
/// `Display`; the CLI words it from its catalogues).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Stage {
    /// Reading the file.
    Reading,
    /// Loading the registries the workspace holds now.
    Loading,
    /// Validating the rows.
    Validating,
    /// Merging them into the registry.
    Merging,
    /// Checking recusals.
    CheckingRecusals,
    /// Committing the snapshot.
    Committing,
    /// Committed.
    Committed,
    /// Another import committed meanwhile: merging again onto it.
    MergingAgain,
}

impl std::fmt::Display for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Stage::Reading => "reading",
            Stage::Loading => "loading current registries",
            Stage::Validating => "validating",
            Stage::Merging => "merging",
            Stage::CheckingRecusals => "checking recusals",
            Stage::Committing => "committing",
            Stage::Committed => "committed",
            Stage::MergingAgain => "the registry changed meanwhile: merging again",
        })
    }
}

/// Stages reported to a progress display.
pub type Progress<'a> = &'a dyn Fn(Stage);

/// Every cell of `table` that reads as a USCC (strictly, or as a legacy code
/// an import may accept), as the import will read it: the entities a
/// recusals file can name.
fn uscc_cells(table: &crate::io::import::table::Table) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    crate::io::import::streamed::add_uscc_cells(&table.rows, &mut out);
    out
}

fn kinds_needed(kind: RegistryKind) -> Vec<RegistryKind> {
    match kind {
        RegistryKind::Recusals => vec![
            RegistryKind::Recusals,
            RegistryKind::Officers,
            RegistryKind::Entities,
        ],
        k => vec![k],
    }
}

/// Reads, validates and stores one registry file (see [`ImportOptions`]).
///
/// # Errors
/// [`ApplyError`]; on any error nothing is stored.
pub fn import_into<S: Store + ?Sized>(
    ws: &mut S,
    kind: RegistryKind,
    path: &Path,
    opts: &ImportOptions,
    progress: Progress<'_>,
) -> Result<ImportSummary, ApplyError> {
    let file = path.display().to_string();
    if opts.department.is_some() && !matches!(kind, RegistryKind::Items | RegistryKind::Officers) {
        return Err(ImportError::Unsupported {
            file,
            reason: render_reason(Reason::DepartmentNotApplicable { kind }),
        }
        .into());
    }
    progress(Stage::Reading);
    // A CSV file of entities (a county's registry, or an update: up to a
    // million rows) is validated as it is read, never held as a table
    // (issue 17).
    if kind == RegistryKind::Entities && is_csv(path) {
        let mut attempt = 0;
        loop {
            attempt += 1;
            match import_streamed(ws, path, &file, opts, progress) {
                Ok(None) => break, // no data rows: read whole, below
                Ok(Some(s)) => return Ok(s),
                Err(ApplyError::Store(StoreError::Conflict(
                    crate::store::Conflict::RegistryMoved { .. },
                ))) if attempt < 4 => progress(Stage::MergingAgain),
                Err(e) => return Err(e),
            }
        }
    }
    let (table, sheet) = read_table_sheet(path, opts.encoding, &opts.sheet_choice())?;
    // A concurrent import or update that commits first makes this one's
    // base stale: its commit is refused (never lost) and it is merged again
    // onto the new registry, a few times before giving up with that refusal.
    let mut attempt = 0;
    loop {
        attempt += 1;
        match import_once(ws, kind, &table, &file, opts, progress).map(|s| ImportSummary {
            sheet: sheet.clone(),
            ..s
        }) {
            Err(ApplyError::Store(StoreError::Conflict(
                crate::store::Conflict::RegistryMoved { .. },
            ))) if attempt < 4 => {
                progress(Stage::MergingAgain);
            }
            other => return other,
        }
    }
}

/// Whether `path` is read as CSV (not a workbook).
pub(super) fn is_csv(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    !matches!(ext.as_str(), "xlsx" | "xlsm" | "xls")
}

/// A CSV file of entities, validated as it is read
/// ([`crate::io::import::parse_csv_streamed`]) and committed; `None` when it
/// has no data rows. An update reads the file twice: first for the USCCs it
/// names (the stored entities the rows may remove), then to validate.
fn import_streamed<S: Store + ?Sized>(
    ws: &mut S,
    path: &Path,
    file: &str,
    opts: &ImportOptions,
    progress: Progress<'_>,
) -> Result<Option<ImportSummary>, ApplyError> {
    let kind = RegistryKind::Entities;
    progress(Stage::Loading);
    let base = ws.current_snapshot()?;
    let mut opts = opts.clone();
    opts.accept_legacy.extend(ws.accepted_legacy()?);
    progress(Stage::Validating);
    let mut current = Registries::default();
    if let (true, Some(s)) = (opts.delta, &base) {
        let named = crate::io::import::csv_uscc_cells(path, opts.encoding)?;
        current.entities = ws.entities_named(s, &|u| named.contains(u))?;
    }
    let Some(parsed) = crate::io::import::parse_csv_streamed(kind, path, &opts, &current)? else {
        return Ok(None);
    };
    apply_parsed(ws, kind, base, current, parsed, file, &opts, progress).map(Some)
}

fn import_once<S: Store + ?Sized>(
    ws: &mut S,
    kind: RegistryKind,
    table: &crate::io::import::table::Table,
    file: &str,
    opts: &ImportOptions,
    progress: Progress<'_>,
) -> Result<ImportSummary, ApplyError> {
    let file = file.to_string();

    progress(Stage::Loading);
    // The snapshot this import is based on: the commit is refused if the
    // registry changed meanwhile (another import or update), never lost.
    let base = ws.current_snapshot()?;
    let current = match &base {
        // Recusals need the officers, and of the entities only those the file
        // names: streamed, not loaded (a province's registry stays on disk).
        // An update of the entities reads only the entities it names
        // (removals must exist); the merge streams the rest (below).
        Some(s) if kind == RegistryKind::Entities && opts.delta => {
            let named = uscc_cells(table);
            Registries {
                entities: ws.entities_named(s, &|u| named.contains(u))?,
                ..Registries::default()
            }
        }
        // A whole file of entities replaces the registry: the stored one
        // is not read (an empty file is checked against its size).
        Some(_) if kind == RegistryKind::Entities && !table.rows.is_empty() => {
            Registries::default()
        }
        Some(s) if kind == RegistryKind::Recusals => {
            let mut reg = ws.load_kinds(s, &[RegistryKind::Recusals, RegistryKind::Officers])?;
            let named = uscc_cells(table);
            reg.entities = ws.entities_named(s, &|u| named.contains(u))?;
            reg
        }
        Some(s) => ws.load_kinds(s, &kinds_needed(kind))?,
        None => Registries::default(),
    };
    let mut opts = opts.clone();
    opts.accept_legacy.extend(ws.accepted_legacy()?);
    progress(Stage::Validating);
    let parsed = parse_table(kind, table, &file, &opts, &current)?;
    if let Some(dept) = opts.department.as_deref() {
        foreign_keys(
            &parsed.records,
            &current,
            dept,
            table,
            &file,
            parsed.warnings.clone(),
        )?;
    }
    apply_parsed(ws, kind, base, current, parsed, &file, &opts, progress)
}

/// Stores what a file parsed to: an update of the entities merged as the
/// stored registry streams by, else merged into `current` and committed on
/// `base`.
#[allow(clippy::too_many_arguments)]
fn apply_parsed<S: Store + ?Sized>(
    ws: &mut S,
    kind: RegistryKind,
    base: Option<crate::store::SnapshotInfo>,
    mut current: Registries,
    parsed: Parsed,
    file: &str,
    opts: &ImportOptions,
    progress: Progress<'_>,
) -> Result<ImportSummary, ApplyError> {
    let file = file.to_string();
    let Parsed {
        records,
        removals,
        mut warnings,
        encoding,
        ..
    } = parsed;
    let rows = records.len();
    if kind == RegistryKind::Entities && opts.delta {
        return update_entities(
            ws,
            base.as_ref(),
            records,
            &removals,
            &file,
            opts,
            warnings,
            encoding,
            progress,
        );
    }
    progress(Stage::Merging);
    let removed = merge(&mut current, records, &removals, opts, &file, &mut warnings);
    dangling_warnings(ws, kind, &current, &file, &mut warnings)?;
    progress(Stage::CheckingRecusals);
    let note = format!(
        "{} {kind} {file}{}",
        if opts.delta { "update" } else { "import" },
        opts.department
            .as_ref()
            .map(|d| format!(" --department {d}"))
            .unwrap_or_default()
    );
    let total = current.len(kind);
    progress(Stage::Committing);
    let outcome = ws.commit_based(kind, &current, &note, base.as_ref().map(|s| s.id))?;
    progress(Stage::Committed);
    if !opts.accept_legacy.is_empty() {
        let used: std::collections::BTreeSet<String> = opts.accept_legacy.clone();
        ws.accept_legacy(&used)?;
    }
    Ok(ImportSummary {
        kind,
        file,
        rows,
        removed,
        total,
        encoding,
        sheet: None,
        warnings,
        outcome,
    })
}

/// An update of the entities (`registry update entities`): merged into the
/// stored registry as it streams by ([`Store::commit_entity_delta`]), so
/// that a small update of a province's registry touches what it changes and
/// holds only itself in memory; the recusals left naming a removed entity
/// counted on the way.
#[allow(clippy::too_many_arguments)]
fn update_entities<S: Store + ?Sized>(
    ws: &mut S,
    base: Option<&crate::store::SnapshotInfo>,
    records: Records,
    removals: &[(u64, String)],
    file: &str,
    opts: &ImportOptions,
    mut warnings: Vec<Issue>,
    encoding: Option<super::TextEncoding>,
    progress: Progress<'_>,
) -> Result<ImportSummary, ApplyError> {
    let Records::Entities(mut upserts) = records else {
        return Err(
            StoreError::Backend("an update of the entities parsed other records".into()).into(),
        );
    };
    let rows = upserts.len();
    upserts.sort_by(|a, b| a.uscc.as_bytes().cmp(b.uscc.as_bytes()));
    let gone: std::collections::BTreeSet<String> =
        removals.iter().map(|(_, k)| k.clone()).collect();
    let recusals = ws.load_current(&[RegistryKind::Recusals])?.recusals;
    let mut seen = Written::new(&recusals);
    progress(Stage::Merging);
    let note = format!("update {} {file}", RegistryKind::Entities);
    progress(Stage::Committing);
    let outcome = ws.commit_entity_delta(base.map(|s| s.id), upserts, &gone, &note, &mut |e| {
        seen.see(e)
    })?;
    progress(Stage::Committed);
    let total = seen.total;
    seen.finish(ws, file, opts, &mut warnings)?;
    Ok(ImportSummary {
        kind: RegistryKind::Entities,
        file: file.to_string(),
        rows,
        removed: removals.len(),
        total,
        encoding,
        sheet: None,
        warnings,
        outcome,
    })
}

/// A department's file may list only that department's officers or items:
/// an id or code that belongs to another department is refused, naming it,
/// its line and the department it belongs to.
fn foreign_keys(
    records: &Records,
    current: &Registries,
    dept: &str,
    table: &crate::io::import::table::Table,
    file: &str,
    warnings: Vec<Issue>,
) -> Result<(), ImportError> {
    let owner: std::collections::HashMap<&str, &str> = match records {
        Records::Officers(_) => current
            .officers
            .iter()
            .map(|o| (o.id.as_str(), o.department.as_str()))
            .collect(),
        Records::Items(_) => current
            .items
            .iter()
            .map(|i| (i.code.as_str(), i.department.as_str()))
            .collect(),
        _ => return Ok(()),
    };
    let keys: Vec<String> = match records {
        Records::Officers(v) => v.iter().map(|o| o.id.clone()).collect(),
        Records::Items(v) => v.iter().map(|i| i.code.clone()).collect(),
        _ => Vec::new(),
    };
    let officer = matches!(records, Records::Officers(_));
    let mut problems = Vec::new();
    for k in keys {
        let Some(other) = owner.get(k.as_str()).filter(|o| **o != dept) else {
            continue;
        };
        let line = table
            .rows
            .iter()
            .find(|(_, r)| r.iter().any(|c| c.trim() == k))
            .map(|(l, _)| *l)
            .unwrap_or(0);
        problems.push(Issue::of(
            file,
            line,
            None,
            &k,
            Reason::ForeignKey {
                officer,
                key: &k,
                owner: other,
                department: dept,
            },
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ImportError::Rejected { problems, warnings })
    }
}

fn key_set<T>(v: &[T], key: impl Fn(&T) -> String) -> HashSet<String> {
    v.iter().map(key).collect()
}

/// Merges parsed rows into `current` (removals were checked while parsing),
/// returning how many rows were removed.
fn merge(
    current: &mut Registries,
    records: Records,
    removals: &[(u64, String)],
    opts: &ImportOptions,
    file: &str,
    warnings: &mut Vec<Issue>,
) -> usize {
    let dept = opts.department.as_deref();
    let gone: HashSet<&String> = removals.iter().map(|(_, k)| k).collect();
    macro_rules! apply {
        ($field:ident, $new:expr, $key:expr, $in_dept:expr) => {{
            let new = $new;
            let key = $key;
            if opts.delta {
                let new_keys = key_set(&new, key);
                current.$field.retain(|r| {
                    let k = key(r);
                    !new_keys.contains(&k) && !gone.contains(&k)
                });
                current.$field.extend(new);
            } else if let Some(d) = dept {
                let before = current.$field.len();
                current.$field.retain(|r| !$in_dept(r, d));
                if new.is_empty() {
                    warnings.push(Issue::of(
                        file,
                        0,
                        None,
                        "",
                        Reason::Explained(super::messages::Message::DepartmentEmptied {
                            department: d,
                            emptied: current.$field.len() < before,
                        }),
                    ));
                }
                current.$field.extend(new);
            } else {
                if new.is_empty() {
                    warnings.push(Issue::of(
                        file,
                        0,
                        None,
                        "",
                        Reason::RegistryEmptied {
                            emptied: !current.$field.is_empty(),
                        },
                    ));
                }
                current.$field = new;
            }
        }};
    }
    match records {
        Records::Items(v) => apply!(items, v, |r: &Item| r.code.clone(), |r: &Item, d: &str| r
            .department
            == d),
        Records::Entities(v) => apply!(
            entities,
            v,
            |r: &Entity| r.uscc.as_str().to_string(),
            |_: &Entity, _: &str| false
        ),
        Records::Officers(v) => {
            apply!(
                officers,
                v,
                |r: &Officer| r.id.clone(),
                |r: &Officer, d: &str| r.department == d
            )
        }
        Records::Recusals(v) => apply!(
            recusals,
            v,
            |r: &Recusal| format!("{}/{}", r.officer_id, r.uscc),
            |_: &Recusal, _: &str| false
        ),
    }
    current.sort_by_key_of();
    if opts.delta { removals.len() } else { 0 }
}

/// Warns about recusals left naming an officer or entity no longer present.
fn dangling_warnings<S: Store + ?Sized>(
    ws: &S,
    kind: RegistryKind,
    new: &Registries,
    file: &str,
    warnings: &mut Vec<Issue>,
) -> Result<(), StoreError> {
    if !matches!(kind, RegistryKind::Officers | RegistryKind::Entities) {
        return Ok(());
    }
    let rec = ws.load_current(&[RegistryKind::Recusals])?;
    let mut n = 0;
    for r in &rec.recusals {
        let missing = match kind {
            RegistryKind::Officers => new.officer(&r.officer_id).is_none(),
            _ => new.entity(r.uscc.as_str()).is_none(),
        };
        if missing {
            n += 1;
        }
    }
    warn_dangling(warnings, file, n, kind == RegistryKind::Officers);
    Ok(())
}

/// The entities a commit of the entities wrote, as they go by: how many,
/// and which of those the current recusals name (for the recusals left
/// naming an entity that is gone).
pub(super) struct Written<'r> {
    recusals: &'r [Recusal],
    named: HashSet<&'r str>,
    present: HashSet<String>,
    /// The entities written.
    pub(super) total: usize,
}

impl<'r> Written<'r> {
    /// Nothing written yet; `recusals` are the current ones.
    pub(super) fn new(recusals: &'r [Recusal]) -> Self {
        Written {
            recusals,
            named: recusals.iter().map(|r| r.uscc.as_str()).collect(),
            present: HashSet::new(),
            total: 0,
        }
    }

    /// One entity written.
    pub(super) fn see(&mut self, e: &Entity) {
        self.total += 1;
        if self.named.contains(e.uscc.as_str()) {
            self.present.insert(e.uscc.as_str().to_string());
        }
    }

    /// After the commit: warns (on `file`) of the recusals left naming an
    /// entity that is gone, and accepts the legacy codes `opts` names.
    ///
    /// # Errors
    /// The store's.
    pub(super) fn finish<S: Store + ?Sized>(
        self,
        ws: &mut S,
        file: &str,
        opts: &ImportOptions,
        warnings: &mut Vec<Issue>,
    ) -> Result<(), StoreError> {
        let dangling = self
            .recusals
            .iter()
            .filter(|r| !self.present.contains(r.uscc.as_str()))
            .count();
        warn_dangling(warnings, file, dangling, false);
        if !opts.accept_legacy.is_empty() {
            ws.accept_legacy(&opts.accept_legacy)?;
        }
        Ok(())
    }
}

/// Warns (on `file`) of `count` recusals left naming an officer
/// (`officers`) or an entity that is gone; nothing when there are none.
fn warn_dangling(warnings: &mut Vec<Issue>, file: &str, count: usize, officers: bool) {
    if count > 0 {
        warnings.push(Issue::of(
            file,
            0,
            None,
            "",
            Reason::DanglingRecusals { count, officers },
        ));
    }
}
