//! The entities imported from several files at once (`dualdraw import
//! entities county-01.csv county-02.csv …`): a province's registry from its
//! counties' files, in one new version (issue 17).
//!
//! Each file is read and validated as one file is (its own limits, every bad
//! row reported), sorted by USCC and spilled to a temporary run; a USCC in
//! two files is refused naming both; then the runs are merged by USCC into
//! the store, which writes the new version as the merge streams by
//! ([`Store::commit_entity_stream`]). Memory is one file's parse, then a
//! buffer per run; the time is linear in the entities, where importing the
//! first file and updating with the others rewrote the growing registry
//! once per file. All or nothing: any problem in any file stores nothing.

use super::apply::{ApplyError, ImportSummary, Progress, Stage, Written};
use super::reasons::Reason;
use super::table::{CsvEvent, read_csv_stream};
use super::{ImportError, ImportOptions, Issue, Parsed, Records, parse_table, read_table_sheet};
use crate::core::canonical::Encoder;
use crate::core::registry::{Entity, Registries, RegistryKind};
use crate::core::uscc::LEN;
use crate::par::*;
use crate::store::sqlite::codec;
use crate::store::{Store, StoreError};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// Reads, validates and stores the entities of all of `paths` as the whole
/// registry (a full import: what the files do not list is no longer in it).
/// One file is [`super::apply::import_into`].
///
/// # Errors
/// [`ApplyError`]: every bad row of every file in one
/// [`ImportError::Rejected`], a USCC in two files among them; a file that
/// cannot be read at all is refused on its own. Nothing is stored then.
pub fn import_entity_files<S: Store + ?Sized>(
    ws: &mut S,
    paths: &[PathBuf],
    opts: &ImportOptions,
    progress: Progress<'_>,
) -> Result<ImportSummary, ApplyError> {
    let kind = RegistryKind::Entities;
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    if opts.delta || opts.department.is_some() {
        return Err(ImportError::Unsupported {
            file: names.join(", "),
            reason: "several files are imported at once only as the whole registry of entities (not an update, not a department's part)".into(),
        }
        .into());
    }
    progress(Stage::Loading);
    let mut opts = opts.clone();
    opts.accept_legacy.extend(ws.accepted_legacy()?);
    let dir = RunDir::new()?;
    progress(Stage::Reading);
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let mut encoding = None;
    let mut runs = Vec::new();
    let mut rows = 0usize;
    for (i, path) in paths.iter().enumerate() {
        progress(Stage::Validating);
        let parsed = match parse_one(path, &names[i], &opts) {
            Ok(p) => p,
            Err(ImportError::Rejected {
                problems: p,
                warnings: w,
            }) => {
                problems.extend(p);
                warnings.extend(w);
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        encoding = encoding.or(parsed.encoding);
        warnings.extend(parsed.warnings);
        let Records::Entities(mut entities) = parsed.records else {
            return Err(
                StoreError::Backend("a file of entities parsed other records".into()).into(),
            );
        };
        if !problems.is_empty() {
            continue; // refused anyway: no run needed
        }
        rows += entities.len();
        // In place on every core (a file's USCCs are distinct: its parse
        // refuses a repeated one).
        entities.par_sort_unstable_by(|a, b| a.uscc.as_bytes().cmp(b.uscc.as_bytes()));
        runs.push(dir.write_run(i, &entities)?);
        // A file's million entities are freed beside the next file's read.
        drop_elsewhere(entities);
    }
    if problems.is_empty() {
        problems = duplicates(&runs, paths, &names, &opts)?;
    }
    if !problems.is_empty() {
        return Err(ImportError::Rejected { problems, warnings }.into());
    }
    progress(Stage::Merging);
    let recusals = ws.load_current(&[RegistryKind::Recusals])?.recusals;
    let note = format!("import {kind} {}", names.join(" "));
    progress(Stage::Committing);
    let mut attempt = 0;
    let (outcome, seen) = loop {
        attempt += 1;
        let base = ws.current_snapshot()?;
        let mut merged = Merge::open(&runs)?;
        let mut seen = Written::new(&recusals);
        let got =
            ws.commit_entity_stream(base.map(|s| s.id), &mut merged, &note, &mut |e| seen.see(e));
        match got {
            Err(StoreError::Conflict(crate::store::Conflict::RegistryMoved { .. }))
                if attempt < 4 =>
            {
                progress(Stage::MergingAgain)
            }
            other => break (other?, seen),
        }
    };
    progress(Stage::Committed);
    let total = seen.total;
    seen.finish(ws, &names.join(", "), &opts, &mut warnings)?;
    Ok(ImportSummary {
        kind,
        file: names.join(", "),
        rows,
        removed: 0,
        total,
        encoding,
        sheet: None,
        warnings,
        outcome,
    })
}

/// One file read and validated as a full import into an empty registry.
fn parse_one(path: &Path, file: &str, opts: &ImportOptions) -> Result<Parsed, ImportError> {
    let kind = RegistryKind::Entities;
    let none = Registries::default();
    if super::apply::is_csv(path)
        && let Some(p) = super::parse_csv_streamed(kind, path, opts, &none)?
    {
        return Ok(p);
    }
    let (table, _) = read_table_sheet(path, opts.encoding, &opts.sheet_choice())?;
    parse_table(kind, &table, file, opts, &none)
}

/// A folder of runs, removed with everything in it when dropped.
struct RunDir(PathBuf);

impl RunDir {
    fn new() -> Result<Self, StoreError> {
        remove_stale(&std::env::temp_dir());
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let dir =
            std::env::temp_dir().join(format!("dualdraw-import-{}-{nanos}", std::process::id()));
        std::fs::create_dir(&dir).map_err(|e| io_error(&dir, e))?;
        Ok(RunDir(dir))
    }

    /// Writes `entities` (sorted) as run `i`: per entity its USCC's 18
    /// bytes, the length of its stored encoding (u32, little-endian) and
    /// that encoding ([`codec::encode_entity`]).
    fn write_run(&self, i: usize, entities: &[Entity]) -> Result<PathBuf, StoreError> {
        let path = self.0.join(format!("run-{i}"));
        let err = |e| io_error(&path, e);
        let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(&path).map_err(err)?);
        // Encoded on every core a group at a time, written in order: the
        // same bytes as one entity after the other, with a group's buffers
        // the only memory added.
        for group in entities.chunks(RUN_GROUP) {
            let parts: Vec<Result<Vec<u8>, StoreError>> = group
                .par_chunks(RUN_GROUP / 16)
                .map(encode_run_part)
                .collect();
            for part in parts {
                w.write_all(&part?).map_err(err)?;
            }
        }
        w.flush().map_err(err)?;
        Ok(path)
    }
}

/// Entities encoded side by side per group by [`RunDir::write_run`].
const RUN_GROUP: usize = 1 << 16;

/// `entities` as a run stores them, one after the other: per entity its
/// USCC's 18 bytes, the length of its stored encoding (u32, little-endian)
/// and that encoding ([`codec::encode_entity`]).
fn encode_run_part(entities: &[Entity]) -> Result<Vec<u8>, StoreError> {
    let mut out = Vec::with_capacity(entities.len() * 256);
    let mut enc = Encoder::with_capacity(512);
    for e in entities {
        enc.clear();
        codec::encode_entity(e, &mut enc);
        let b = enc.as_bytes();
        let len = u32::try_from(b.len())
            .map_err(|_| StoreError::Backend("an entity of more than 4 GiB".into()))?;
        out.extend_from_slice(e.uscc.as_bytes());
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(b);
    }
    Ok(out)
}

/// Removes the run folders an import killed before it could remove them
/// left in `tmp` (`dualdraw-import-PID-…` of a process no longer running;
/// Linux only, where `/proc` says so).
fn remove_stale(tmp: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(tmp) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix("dualdraw-import-"))
            .and_then(|rest| rest.split('-').next())
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

impl Drop for RunDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn io_error(path: &Path, e: std::io::Error) -> StoreError {
    StoreError::Backend(format!("{}: {e}", path.display()).into())
}

/// A run read back in order.
struct Run {
    r: BufReader<std::fs::File>,
    path: PathBuf,
}

impl Run {
    fn open(path: &Path) -> Result<Self, StoreError> {
        let f = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
        Ok(Run {
            r: BufReader::with_capacity(1 << 20, f),
            path: path.to_path_buf(),
        })
    }

    /// The next record's USCC and stored length, `None` at the end.
    fn head(&mut self) -> Result<Option<([u8; LEN], usize)>, StoreError> {
        if self
            .r
            .fill_buf()
            .map_err(|e| io_error(&self.path, e))?
            .is_empty()
        {
            return Ok(None);
        }
        let mut h = [0u8; LEN + 4];
        self.r
            .read_exact(&mut h)
            .map_err(|e| io_error(&self.path, e))?;
        let mut k = [0u8; LEN];
        k.copy_from_slice(&h[..LEN]);
        let mut n = [0u8; 4];
        n.copy_from_slice(&h[LEN..]);
        Ok(Some((k, u32::from_le_bytes(n) as usize)))
    }

    fn skip(&mut self, n: usize) -> Result<(), StoreError> {
        self.r
            .seek_relative(n as i64)
            .map_err(|e| io_error(&self.path, e))
    }

    fn entity(&mut self, n: usize, buf: &mut Vec<u8>) -> Result<Entity, StoreError> {
        buf.resize(n, 0);
        self.r
            .read_exact(buf)
            .map_err(|e| io_error(&self.path, e))?;
        codec::decode_entity(buf)
            .map_err(|e| StoreError::Backend(format!("{}: {e}", self.path.display()).into()))
    }
}

/// Every USCC in two files, as problems: the later file's line, naming the
/// earlier file and its line.
fn duplicates(
    runs: &[PathBuf],
    paths: &[PathBuf],
    names: &[String],
    opts: &ImportOptions,
) -> Result<Vec<Issue>, ImportError> {
    let backend = |e: StoreError| ImportError::Io {
        file: names.join(", "),
        source: std::io::Error::other(e.to_string()),
    };
    let mut readers: Vec<Run> = runs
        .iter()
        .map(|p| Run::open(p))
        .collect::<Result<_, _>>()
        .map_err(backend)?;
    let mut heap = BinaryHeap::new();
    for (i, r) in readers.iter_mut().enumerate() {
        if let Some((k, n)) = r.head().map_err(backend)? {
            r.skip(n).map_err(backend)?;
            heap.push(Reverse((k, i)));
        }
    }
    // (USCC, earlier file, later file)
    let mut found: Vec<(String, usize, usize)> = Vec::new();
    let mut last: Option<([u8; LEN], usize)> = None;
    while let Some(Reverse((k, i))) = heap.pop() {
        match last {
            Some((lk, li)) if lk == k => {
                found.push((String::from_utf8_lossy(&k).into_owned(), li, i));
            }
            _ => last = Some((k, i)),
        }
        let r = &mut readers[i];
        if let Some((k, n)) = r.head().map_err(backend)? {
            r.skip(n).map_err(backend)?;
            heap.push(Reverse((k, i)));
        }
    }
    if found.is_empty() {
        return Ok(Vec::new());
    }
    // Where each is in its files: read again, only when there are some.
    let mut lines: HashMap<usize, HashMap<String, u64>> = HashMap::new();
    for (u, a, b) in &found {
        for f in [*a, *b] {
            lines.entry(f).or_default().insert(u.clone(), 0);
        }
    }
    for (f, want) in lines.iter_mut() {
        find_lines(&paths[*f], opts, want)?;
    }
    let line = |f: usize, u: &str| lines.get(&f).and_then(|m| m.get(u)).copied().unwrap_or(0);
    // In the order of the files and their lines.
    found.sort_by_key(|(u, _, b)| (*b, line(*b, u)));
    Ok(found
        .iter()
        .map(|(u, a, b)| {
            Issue::of(
                &names[*b],
                line(*b, u),
                None,
                u,
                Reason::DuplicateKeyInFile {
                    file: &names[*a],
                    line: line(*a, u),
                },
            )
        })
        .collect())
}

/// Sets the line of each USCC in `want` to its first line in the file.
fn find_lines(
    path: &Path,
    opts: &ImportOptions,
    want: &mut HashMap<String, u64>,
) -> Result<(), ImportError> {
    let mut see = |rows: &[(u64, csv::StringRecord)]| {
        for row in rows {
            let line = row.0;
            let mut cells = HashSet::new();
            super::streamed::add_uscc_cells(std::slice::from_ref(row), &mut cells);
            for c in cells {
                if let Some(l) = want.get_mut(&c).filter(|l| **l == 0) {
                    *l = line;
                }
            }
        }
    };
    if super::apply::is_csv(path) {
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
            file: file.clone(),
            source,
        })?;
        read_csv_stream(bytes, &file, opts.encoding, &mut |ev| {
            if let CsvEvent::Rows(rows) = ev {
                see(&rows);
            }
            Ok(())
        })
        .map(|_| ())
    } else {
        let (table, _) = read_table_sheet(path, opts.encoding, &opts.sheet_choice())?;
        see(&table.rows);
        Ok(())
    }
}

/// The runs merged by USCC: the new registry as a sorted stream.
struct Merge {
    readers: Vec<Run>,
    heap: BinaryHeap<Reverse<([u8; LEN], usize, usize)>>,
    buf: Vec<u8>,
    failed: bool,
}

impl Merge {
    fn open(runs: &[PathBuf]) -> Result<Self, StoreError> {
        let mut readers: Vec<Run> = runs
            .iter()
            .map(|p| Run::open(p))
            .collect::<Result<_, _>>()?;
        let mut heap = BinaryHeap::new();
        for (i, r) in readers.iter_mut().enumerate() {
            if let Some((k, n)) = r.head()? {
                heap.push(Reverse((k, i, n)));
            }
        }
        Ok(Merge {
            readers,
            heap,
            buf: Vec::new(),
            failed: false,
        })
    }

    fn step(&mut self) -> Result<Option<Entity>, StoreError> {
        let Some(Reverse((_, i, n))) = self.heap.pop() else {
            return Ok(None);
        };
        let r = &mut self.readers[i];
        let e = r.entity(n, &mut self.buf)?;
        if let Some((k, n)) = r.head()? {
            self.heap.push(Reverse((k, i, n)));
        }
        Ok(Some(e))
    }
}

impl Iterator for Merge {
    type Item = Result<Entity, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let got = self.step();
        self.failed = got.is_err();
        got.transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_reads_back_the_entities_in_order() {
        let reg = crate::io::generate::county(&crate::io::generate::CountySpec {
            entities: 300,
            ..Default::default()
        })
        .unwrap();
        let mut es = reg.entities.clone();
        es.sort_by(|a, b| a.uscc.as_bytes().cmp(b.uscc.as_bytes()));
        let dir = RunDir::new().unwrap();
        let (a, b): (Vec<_>, Vec<_>) = es
            .iter()
            .cloned()
            .enumerate()
            .partition(|(i, _)| i % 3 == 0);
        let a: Vec<Entity> = a.into_iter().map(|x| x.1).collect();
        let b: Vec<Entity> = b.into_iter().map(|x| x.1).collect();
        let ra = dir.write_run(0, &a).unwrap();
        let rb = dir.write_run(1, &b).unwrap();
        let back: Vec<Entity> = Merge::open(&[ra, rb])
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(back, es);
        let path = dir.0.clone();
        drop(dir);
        assert!(!path.exists(), "the runs are removed");
    }

    #[test]
    fn runs_left_by_a_killed_import_are_removed_by_the_next() {
        let tmp = tempfile::tempdir().unwrap();
        // No process has this id (above Linux's pid_max).
        let dead = tmp.path().join("dualdraw-import-4294967294-1");
        std::fs::create_dir(&dead).unwrap();
        std::fs::write(dead.join("run-0"), b"x").unwrap();
        let alive = tmp
            .path()
            .join(format!("dualdraw-import-{}-1", std::process::id()));
        std::fs::create_dir(&alive).unwrap();
        let other = tmp.path().join("someone-else");
        std::fs::create_dir(&other).unwrap();
        remove_stale(tmp.path());
        if std::path::Path::new("/proc/self").exists() {
            assert!(!dead.exists());
        }
        assert!(alive.exists() && other.exists());
    }
}
