//! Keeping a workspace sound: a verified backup (备份), a check-up that says
//! what is wrong and the exact command that repairs it (体检), and published
//! files checked against the ledger (公示文件核对).

use super::{DB_FILE, StoreError, Workspace};
use crate::core::merkle::Hash;
use crate::ledger::Entry;
use rusqlite::{Connection, OpenFlags};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// What [`Workspace::backup_to`] wrote and checked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Backup {
    /// The backup file (a complete workspace database).
    pub file: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// Ledger entries in the backup.
    pub entries: usize,
    /// The backup's ledger head.
    pub head: Hash,
    /// Snapshots in the backup.
    pub snapshots: usize,
}

/// One thing [`Workspace::doctor`] found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    /// Stable code (`database`, `ledger`, `proof_missing`, `proof_differs`,
    /// `partial_file`, `published_differs`, `published_missing`, `stale_init`).
    pub code: &'static str,
    /// What is wrong, and where.
    pub message: String,
    /// The command that repairs it, where one does.
    pub repair: Option<String>,
}

/// Why a published file does not match its publication entry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PublishedMismatch {
    /// The folder holds no file of any publication entry.
    #[error("{0}: no file of any publication in the ledger is here")]
    Nothing(PathBuf),
    /// A file named by the entry is missing.
    #[error("{path}: missing (ledger entry {seq} published it for {campaign})")]
    Missing {
        /// Where it was looked for.
        path: PathBuf,
        /// Ledger entry.
        seq: u64,
        /// Campaign.
        campaign: String,
    },
    /// A file's bytes differ from what was published.
    #[error("{path}: SHA-256 {got}, but ledger entry {seq} published {expected} for {campaign}")]
    Differs {
        /// The file.
        path: PathBuf,
        /// Ledger entry.
        seq: u64,
        /// Campaign.
        campaign: String,
        /// SHA-256 recorded.
        expected: String,
        /// SHA-256 of the file now.
        got: String,
    },
}

/// What [`check_published`] matched.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct PublishedCheck {
    /// Files whose SHA-256 is the one published.
    pub files: usize,
    /// The campaigns whose files were checked.
    pub campaigns: Vec<String>,
}

/// Checks a folder of published files against the ledger's `publication`
/// entries (the latest of each campaign and kind). `dir` is either a folder of
/// campaign folders (`dir/CAMPAIGN/FILE`, the layout `publish` writes under
/// `published/`) or one campaign's folder (`dir/FILE`, the campaigns whose
/// published file names are found there). Every file an entry names for a
/// campaign checked must be present with the recorded SHA-256.
///
/// # Errors
/// Every mismatch found; none found in `dir` at all is a
/// [`PublishedMismatch::Nothing`].
pub fn check_published(
    entries: &[Entry],
    dir: &Path,
) -> Result<PublishedCheck, Vec<PublishedMismatch>> {
    let mut latest: std::collections::BTreeMap<(String, String), &Entry> = Default::default();
    for e in entries.iter().filter(|e| e.kind == "publication") {
        let what = serde_json::from_str::<Value>(&e.body)
            .ok()
            .and_then(|b| b["what"].as_str().map(str::to_string))
            .unwrap_or_default();
        latest.insert((e.campaign.clone(), what), e);
    }
    let files_of = |e: &Entry| -> Vec<(String, String)> {
        let body: Value = serde_json::from_str(&e.body).unwrap_or(Value::Null);
        body["files"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| {
                let name = f["file"].as_str()?.to_string();
                let safe = !name.is_empty()
                    && !name.contains('/')
                    && !name.contains('\\')
                    && name != ".."
                    && name != ".";
                safe.then(|| (name, f["sha256"].as_str().unwrap_or_default().to_string()))
            })
            .collect()
    };
    let nested = latest.keys().any(|(c, _)| dir.join(c).is_dir());
    let mut out = PublishedCheck::default();
    let mut bad = Vec::new();
    for ((campaign, _), e) in &latest {
        let folder = if nested {
            dir.join(campaign)
        } else {
            dir.to_path_buf()
        };
        let files = files_of(e);
        // A campaign is checked when its folder is there (nested) or, in one
        // campaign's folder, when any of its files is.
        let present = if nested {
            folder.is_dir()
        } else {
            files.iter().any(|(n, _)| folder.join(n).is_file())
        };
        if !present {
            continue;
        }
        if !out.campaigns.contains(campaign) {
            out.campaigns.push(campaign.clone());
        }
        for (name, expected) in files {
            let path = folder.join(&name);
            match std::fs::read(&path) {
                Err(_) => bad.push(PublishedMismatch::Missing {
                    path,
                    seq: e.seq,
                    campaign: campaign.clone(),
                }),
                Ok(bytes) => {
                    let got = Hash::digest(&bytes).to_hex();
                    if got == expected {
                        out.files += 1;
                    } else {
                        bad.push(PublishedMismatch::Differs {
                            path,
                            seq: e.seq,
                            campaign: campaign.clone(),
                            expected,
                            got,
                        });
                    }
                }
            }
        }
    }
    if out.campaigns.is_empty() && bad.is_empty() {
        bad.push(PublishedMismatch::Nothing(dir.to_path_buf()));
    }
    if bad.is_empty() { Ok(out) } else { Err(bad) }
}

impl Workspace {
    /// Writes a complete, consistent copy of the database to `file` while the
    /// workspace stays usable (SQLite `VACUUM INTO`), under a temporary name
    /// that is renamed into place only after the copy was opened and checked:
    /// its integrity, its ledger and every table against the ledger
    /// ([`Workspace::audit_records`]), and its ledger a prefix of this one's.
    /// Restore by copying the file to `WORKSPACE/dualdraw.db`.
    ///
    /// # Errors
    /// [`StoreError::AlreadyExists`] when `file` exists; [`StoreError::Io`];
    /// [`StoreError::Conflict`] when the copy does not check.
    pub fn backup_to(&self, file: &Path) -> Result<Backup, StoreError> {
        if file.exists() {
            return Err(StoreError::AlreadyExists(file.to_path_buf()));
        }
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "backup".into());
        let tmp = file.with_file_name(format!(".{name}.partial-{}", std::process::id()));
        let _ = std::fs::remove_file(&tmp);
        let result = self.backup_checked(&tmp);
        let backup = match result {
            Ok(b) => b,
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                return Err(e);
            }
        };
        if file.exists() {
            let _ = std::fs::remove_file(&tmp);
            return Err(StoreError::AlreadyExists(file.to_path_buf()));
        }
        std::fs::rename(&tmp, file).map_err(|source| StoreError::Io {
            path: file.to_path_buf(),
            source,
        })?;
        let bytes = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
        Ok(Backup {
            file: file.to_path_buf(),
            bytes,
            ..backup
        })
    }

    fn backup_checked(&self, tmp: &Path) -> Result<Backup, StoreError> {
        self.conn
            .execute("VACUUM INTO ?1", [tmp.to_string_lossy().to_string()])?;
        std::fs::File::open(tmp)
            .and_then(|f| f.sync_all())
            .map_err(|source| StoreError::Io {
                path: tmp.to_path_buf(),
                source,
            })?;
        let conn = Connection::open_with_flags(
            tmp,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if integrity != "ok" {
            return Err(StoreError::Conflict(
                format!("the backup failed SQLite's integrity check: {integrity}").into(),
            ));
        }
        let copy = Workspace {
            dir: tmp.parent().map(Path::to_path_buf).unwrap_or_default(),
            conn,
            key: self.key.clone(),
            read_only: true,
            blocks: Default::default(),
        };
        let audit = copy
            .audit_records()
            .map_err(|e| StoreError::Conflict(format!("the backup does not check: {e}").into()))?;
        let mine = self.ledger()?;
        let theirs = copy.ledger()?;
        if theirs.len() > mine.len() || mine[..theirs.len()] != theirs[..] {
            return Err(StoreError::Conflict(
                "the backup's ledger is not this workspace's ledger".into(),
            ));
        }
        Ok(Backup {
            file: tmp.to_path_buf(),
            bytes: 0,
            entries: audit.entries,
            head: audit.head,
            snapshots: copy.snapshots()?.len(),
        })
    }

    /// Checks the workspace and its files and says what is wrong, each with
    /// the command that repairs it where one does: the database's integrity;
    /// the ledger and every table against it; each draw's proof file
    /// (`proofs/ID.json`) against the recorded proof; files left by a killed
    /// command (`*.partial-*`, `dualdraw.db.init-*`); published files
    /// (`published/`) against their publication entries. An empty list means
    /// nothing was found.
    ///
    /// # Errors
    /// [`StoreError`] when the database cannot be read at all.
    pub fn doctor(&self) -> Result<Vec<Finding>, StoreError> {
        let mut out = Vec::new();
        let ws = {
            let d = self.dir.display().to_string();
            if d.chars().all(|c| c.is_alphanumeric() || "/._-".contains(c)) {
                d
            } else {
                format!("'{}'", d.replace('\'', "'\\''"))
            }
        };
        let integrity: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if integrity != "ok" {
            out.push(Finding {
                code: "database",
                message: format!("SQLite integrity check: {integrity}"),
                repair: Some(
                    "restore the last backup: copy it to dualdraw.db (`dualdraw backup FILE` makes one)"
                        .into(),
                ),
            });
            return Ok(out);
        }
        if let Err(e) = self.audit_records() {
            out.push(Finding {
                code: "ledger",
                message: e.to_string(),
                repair: Some(
                    "nothing repairs a tampered record: restore the last backup and report the tamper"
                        .into(),
                ),
            });
        }
        let proofs = self.dir.join("proofs");
        for id in self.drawn_campaigns()? {
            let path = proofs.join(format!("{id}.json"));
            let text = self.draw_proof_text(&id)?;
            match std::fs::read(&path) {
                Err(_) => out.push(Finding {
                    code: "proof_missing",
                    message: format!("{}: the proof file of {id} is missing", path.display()),
                    repair: Some(format!("dualdraw -w {ws} campaign proof {id}")),
                }),
                Ok(b) if b != text.as_bytes() => out.push(Finding {
                    code: "proof_differs",
                    message: format!(
                        "{}: differs from the recorded proof of {id}",
                        path.display()
                    ),
                    repair: Some(format!("dualdraw -w {ws} campaign proof {id}")),
                }),
                Ok(_) => {}
            }
        }
        for (folder, pattern) in [
            (self.dir.clone(), format!("{DB_FILE}.init-")),
            (proofs, ".partial-".to_string()),
        ] {
            for e in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
                let n = e.file_name().to_string_lossy().to_string();
                if n.contains(&pattern) {
                    out.push(Finding {
                        code: if pattern.contains("init") {
                            "stale_init"
                        } else {
                            "partial_file"
                        },
                        message: format!(
                            "{}: left by a command that was killed; nothing refers to it",
                            e.path().display()
                        ),
                        repair: Some(format!("rm '{}'", e.path().display())),
                    });
                }
            }
        }
        let published = self.dir.join("published");
        if published.is_dir() {
            let entries = self.ledger()?;
            if let Err(bad) = check_published(&entries, &published) {
                for m in bad {
                    let (code, campaign) = match &m {
                        PublishedMismatch::Missing { campaign, .. } => {
                            ("published_missing", campaign.clone())
                        }
                        PublishedMismatch::Differs { campaign, .. } => {
                            ("published_differs", campaign.clone())
                        }
                        // Nothing published under published/ yet.
                        PublishedMismatch::Nothing(_) => continue,
                    };
                    out.push(Finding {
                        code,
                        message: m.to_string(),
                        repair: Some(format!(
                            "dualdraw -w {ws} publish {campaign} (or `dualdraw -w {ws} results publish {campaign}` for results files)"
                        )),
                    });
                }
            }
        }
        Ok(out)
    }
}
