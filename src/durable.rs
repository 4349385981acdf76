//! Durable writes (落盘) and crash points: what makes every command atomic
//! from the user's view.
//!
//! - [`write_atomic`] writes a file under a temporary name beside its final
//!   name, syncs it and renames it into place: a reader (or a crash, or a
//!   full disk) sees the old file or the new one, never a part.
//! - [`Staged`] does the same for several files whose renames must wait for a
//!   database commit: stage them all, commit, then [`Staged::finish`]. A crash
//!   in between leaves only `*.partial-*` files, which `doctor` names.
//! - [`crash_point`] marks each write step. With `DUALDRAW_CRASH_AT=N` in the
//!   environment, the process aborts (as `kill -9` would) at the N-th point it
//!   reaches; with `DUALDRAW_CRASH_LOG=FILE`, each point's label is appended
//!   to FILE. The crash-sweep tests use both; without them a point costs one
//!   relaxed atomic increment.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

static REACHED: AtomicU64 = AtomicU64::new(0);

fn crash_at() -> Option<u64> {
    static AT: OnceLock<Option<u64>> = OnceLock::new();
    *AT.get_or_init(|| {
        std::env::var("DUALDRAW_CRASH_AT")
            .ok()
            .and_then(|v| v.parse().ok())
    })
}

fn crash_log() -> Option<&'static PathBuf> {
    static LOG: OnceLock<Option<PathBuf>> = OnceLock::new();
    LOG.get_or_init(|| std::env::var_os("DUALDRAW_CRASH_LOG").map(PathBuf::from))
        .as_ref()
}

/// A write step named `label` (`commit`, `file`, `rename`, …): counted, logged
/// and, when it is the `DUALDRAW_CRASH_AT`-th, the process aborts here.
pub fn crash_point(label: &str) {
    let n = REACHED.fetch_add(1, Ordering::Relaxed) + 1;
    if let Some(log) = crash_log()
        && let Ok(mut f) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
    {
        let _ = writeln!(f, "{n} {label}");
    }
    if crash_at() == Some(n) {
        std::process::abort();
    }
}

/// The temporary name of `path` while it is written: beside it, hidden,
/// with this process's id (`.NAME.partial-PID`).
pub fn partial_name(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.partial-{}", std::process::id()))
}

/// Removes what killed writers of `path` left beside it: `.NAME.partial-*`
/// (this module's temporary names) and `STEM.partial-*` (earlier versions').
/// Only one writer of a given output runs at a time (each output belongs to
/// one recorded campaign or publication), so such files are never live.
pub fn remove_stale_partials(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let name = name.to_string_lossy();
    let ours = format!(".{name}.partial-");
    let stem = path
        .file_stem()
        .map(|s| format!("{}.partial-", s.to_string_lossy()))
        .unwrap_or_default();
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let n = e.file_name().to_string_lossy().to_string();
        if n.starts_with(&ours) || (!stem.is_empty() && n.starts_with(&stem)) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

fn write_synced(tmp: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::File::create(tmp)?;
    f.write_all(bytes)?;
    f.sync_all()
}

fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent()
        && let Ok(d) = std::fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
}

/// Writes `bytes` to `path` atomically: a temporary file beside it, synced,
/// then renamed over it (temporary files a killed earlier writer of `path`
/// left are removed first). On any error (a full disk, a read-only folder) the
/// temporary file is removed and `path` is as it was.
///
/// # Errors
/// The I/O error, with nothing partial left under `path`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    remove_stale_partials(path);
    let tmp = partial_name(path);
    if let Err(e) = write_synced(&tmp, bytes) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    crash_point("file");
    if let Err(e) = std::fs::rename(&tmp, path) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    sync_dir(path);
    crash_point("rename");
    Ok(())
}

/// As [`write_atomic`], with the bytes written by `fill` as they come (a
/// file too large to hold in memory first), buffered.
///
/// # Errors
/// The I/O error (`fill`'s too), with nothing partial left under `path`.
pub fn write_atomic_with(
    path: &Path,
    fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    remove_stale_partials(path);
    let tmp = partial_name(path);
    let written = (|| {
        let mut w = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&tmp)?);
        fill(&mut w)?;
        let f = w.into_inner().map_err(|e| e.into_error())?;
        f.sync_all()
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    crash_point("file");
    if let Err(e) = std::fs::rename(&tmp, path) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    sync_dir(path);
    crash_point("rename");
    Ok(())
}

/// Files written under temporary names, renamed into place together by
/// [`Staged::finish`] (after the database commit that records them), or
/// removed when dropped unfinished.
#[derive(Debug, Default)]
pub struct Staged {
    files: Vec<(PathBuf, PathBuf)>,
}

impl Staged {
    /// Nothing staged yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Writes `bytes` to a temporary name beside `path`, synced.
    ///
    /// # Errors
    /// The I/O error; the temporary file is removed.
    pub fn write(&mut self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        remove_stale_partials(path);
        let tmp = partial_name(path);
        if let Err(e) = write_synced(&tmp, bytes) {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        crash_point("file");
        self.files.push((tmp, path.to_path_buf()));
        Ok(())
    }

    /// The final paths staged, in order.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.iter().map(|(_, p)| p.as_path())
    }

    /// Renames every staged file into place.
    ///
    /// # Errors
    /// The first rename that fails (the files not yet renamed are removed).
    pub fn finish(mut self) -> std::io::Result<()> {
        let files = std::mem::take(&mut self.files);
        let mut result = Ok(());
        for (tmp, path) in files {
            if result.is_ok() {
                result = std::fs::rename(&tmp, &path);
                if result.is_ok() {
                    sync_dir(&path);
                    crash_point("rename");
                    continue;
                }
            }
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        for (tmp, _) in &self.files {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_atomic_write_replaces_whole_and_leaves_no_temporary_file() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("list.csv");
        write_atomic(&p, b"old").unwrap();
        write_atomic(&p, b"new").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_nothing_else() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("list.csv");
        write_atomic(&p, b"old").unwrap();
        // A folder in the way of the rename: the write fails whole.
        let blocked = d.path().join("sub");
        std::fs::create_dir(&blocked).unwrap();
        std::fs::write(blocked.join("x"), b"x").unwrap();
        assert!(write_atomic(&blocked, b"new").is_err());
        assert_eq!(std::fs::read(&p).unwrap(), b"old");
        let names: Vec<_> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        assert!(names.iter().all(|n| !n.contains("partial")), "{names:?}");
    }

    #[test]
    fn staged_files_appear_only_when_finished_and_vanish_when_dropped() {
        let d = tempfile::tempdir().unwrap();
        let a = d.path().join("a");
        let mut s = Staged::new();
        s.write(&a, b"1").unwrap();
        assert!(!a.exists());
        drop(s);
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 0);
        let mut s = Staged::new();
        s.write(&a, b"1").unwrap();
        s.finish().unwrap();
        assert_eq!(std::fs::read(&a).unwrap(), b"1");
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
    }
}
