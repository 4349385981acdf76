//! The workspace's signing keys and checkpoints (`docs/LOG.md` §2–§3):
//! `WS/keys/` (0700) holds `log.key` (the bureau's) and `auditor.key`
//! (0600 each, never printed); `WS/checkpoints/SIZE.txt` holds each signed
//! checkpoint, written atomically.

use crate::core::log::{Checkpoint, KeyError, KeyType, SignedCheckpoint, Signer};
use crate::ledger::Entry;
use crate::ledger::log::ledger_tree;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The `format` of a key file.
pub const KEY_FORMAT: &str = "dualdraw-log-key/v1";

/// Whose key: the bureau's (signs checkpoints and files) or an auditor's
/// (signs attestations).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The bureau (机关).
    Bureau,
    /// An auditor (审计人员).
    Auditor,
}

/// A key file: the name and both secrets, base64.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct KeyFile {
    format: String,
    name: String,
    role: Role,
    ed25519: String,
    sm2: String,
}

/// A pair of signing keys of one name: Ed25519 and SM2.
#[derive(Debug, Clone)]
pub struct KeyPair {
    /// The role.
    pub role: Role,
    /// The Ed25519 key.
    pub ed25519: Signer,
    /// The SM2 key.
    pub sm2: Signer,
}

impl KeyPair {
    /// Both signers, Ed25519 first.
    pub fn signers(&self) -> [&Signer; 2] {
        [&self.ed25519, &self.sm2]
    }

    /// The name (the log's origin for the bureau).
    pub fn name(&self) -> &str {
        self.ed25519.verifier().name()
    }
}

/// Why keys or checkpoints cannot be read or written (密钥或检查点文件错误).
#[derive(Debug, thiserror::Error)]
pub enum LogFilesError {
    /// A file operation failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What failed.
        #[source]
        source: std::io::Error,
    },
    /// The key file exists already.
    #[error("{0} exists already: a workspace's keys are made once")]
    Exists(PathBuf),
    /// A key file or checkpoint that does not read.
    #[error("{path} is not valid: {why}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Why.
        why: String,
    },
    /// A bad name or secret.
    #[error(transparent)]
    Key(#[from] KeyError),
    /// A key rotation was started and not finished (`WS/keys/log.next.key`
    /// exists): `dualdraw key rotate` (or `key revoke`) finishes it.
    #[error(
        "a key rotation was interrupted ({0} exists): run `dualdraw key rotate` (or `key revoke`) again to finish it"
    )]
    RotationPending(PathBuf),
}

impl LogFilesError {
    /// A stable code.
    pub fn kind(&self) -> &'static str {
        match self {
            LogFilesError::Io { .. } => "io",
            LogFilesError::Exists(_) => "keys-exist",
            LogFilesError::Invalid { .. } => "invalid-file",
            LogFilesError::Key(e) => e.kind(),
            LogFilesError::RotationPending(_) => "rotation-pending",
        }
    }
}

pub(crate) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> LogFilesError + '_ {
    move |source| LogFilesError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The key file of `role` in workspace `dir`.
pub fn key_path(dir: &Path, role: Role) -> PathBuf {
    dir.join("keys").join(match role {
        Role::Bureau => "log.key",
        Role::Auditor => "auditor.key",
    })
}

/// `WS/keys/log.next.key`: the new keys of a rotation under way
/// (`store::key_rotation`).
pub fn next_key_path(dir: &Path) -> PathBuf {
    dir.join("keys").join("log.next.key")
}

/// Writes `bytes` to `path` readable by its owner only (0600 on Unix),
/// atomically: a temporary file made 0600 from the start, synced, renamed.
///
/// # Errors
/// The I/O error.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    crate::durable::remove_stale_partials(path);
    let tmp = crate::durable::partial_name(path);
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let result = opts.open(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    if let Err(e) = result.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(())
}

/// Makes `dir` (and its parents) with owner-only permissions (0700 on Unix).
///
/// # Errors
/// The I/O error.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}

/// Makes and stores a new key pair named `name` in workspace `dir`; refuses
/// when that role's keys exist.
///
/// # Errors
/// [`LogFilesError`].
pub fn create_keys(dir: &Path, name: &str, role: Role) -> Result<KeyPair, LogFilesError> {
    let path = key_path(dir, role);
    if path.exists() {
        return Err(LogFilesError::Exists(path));
    }
    let k = KeyPair {
        role,
        ed25519: Signer::generate(name, KeyType::Ed25519)?,
        sm2: Signer::generate(name, KeyType::Sm2)?,
    };
    write_key_file(dir, &path, &k)?;
    Ok(k)
}

/// Writes `k` to the key file `path` in workspace `dir` (owner-only).
///
/// # Errors
/// [`LogFilesError`].
pub fn write_key_file(dir: &Path, path: &Path, k: &KeyPair) -> Result<(), LogFilesError> {
    let (name, role, ed25519, sm2) = (k.name(), k.role, &k.ed25519, &k.sm2);
    let path = path.to_path_buf();
    let file = KeyFile {
        format: KEY_FORMAT.into(),
        name: name.into(),
        role,
        ed25519: B64.encode(ed25519.secret_bytes()),
        sm2: B64.encode(sm2.secret_bytes()),
    };
    let bytes = serde_json::to_vec_pretty(&file).map_err(|e| LogFilesError::Invalid {
        path: path.clone(),
        why: e.to_string(),
    })?;
    let keys_dir = dir.join("keys");
    create_private_dir(&keys_dir).map_err(io(&keys_dir))?;
    write_private(&path, &bytes).map_err(io(&path))?;
    Ok(())
}

/// The key pair of `role` in workspace `dir`, or `None` when it has none.
///
/// # Errors
/// [`LogFilesError`] for an unreadable or invalid key file.
pub fn load_keys(dir: &Path, role: Role) -> Result<Option<KeyPair>, LogFilesError> {
    if role == Role::Bureau {
        let next = next_key_path(dir);
        if next.exists() {
            return Err(LogFilesError::RotationPending(next));
        }
    }
    load_key_file(&key_path(dir, role), role)
}

/// The key pair in the key file `path`, or `None` when there is none.
///
/// # Errors
/// [`LogFilesError`] for an unreadable or invalid key file.
pub fn load_key_file(path: &Path, role: Role) -> Result<Option<KeyPair>, LogFilesError> {
    let path = path.to_path_buf();
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io(&path)(e)),
    };
    let invalid = |why: String| LogFilesError::Invalid {
        path: path.clone(),
        why,
    };
    let file: KeyFile = serde_json::from_slice(&bytes).map_err(|e| invalid(e.to_string()))?;
    if file.format != KEY_FORMAT || file.role != role {
        return Err(invalid(format!("format {:?}", file.format)));
    }
    let secret = |s: &str| -> Result<[u8; 32], LogFilesError> {
        B64.decode(s)
            .ok()
            .and_then(|v| <[u8; 32]>::try_from(v.as_slice()).ok())
            .ok_or_else(|| invalid("a secret is not 32 bytes of base64".into()))
    };
    Ok(Some(KeyPair {
        role,
        ed25519: Signer::from_secret(&file.name, KeyType::Ed25519, &secret(&file.ed25519)?)?,
        sm2: Signer::from_secret(&file.name, KeyType::Sm2, &secret(&file.sm2)?)?,
    }))
}

pub(crate) fn checkpoints_dir(dir: &Path) -> PathBuf {
    dir.join("checkpoints")
}

/// Signs a checkpoint of the whole ledger `entries` with `keys` and stores
/// it as `WS/checkpoints/SIZE.txt` (atomically).
///
/// # Errors
/// [`LogFilesError`].
pub fn make_checkpoint(
    dir: &Path,
    entries: &[Entry],
    keys: &KeyPair,
) -> Result<SignedCheckpoint, LogFilesError> {
    sign_and_store_checkpoint(dir, entries, keys.name(), &keys.signers())
}

/// Signs a checkpoint of `entries` (a whole ledger or its first entries) as
/// log `origin` with `signers` and stores it as `WS/checkpoints/SIZE.txt`.
///
/// # Errors
/// [`LogFilesError`].
pub fn sign_and_store_checkpoint(
    dir: &Path,
    entries: &[Entry],
    origin: &str,
    signers: &[&Signer],
) -> Result<SignedCheckpoint, LogFilesError> {
    let tree = ledger_tree(entries);
    let root = tree.root();
    let signed = Checkpoint {
        origin: origin.to_string(),
        size: root.size,
        root: root.hash,
    }
    .sign(signers)?;
    let mut signed = signed;
    let cdir = checkpoints_dir(dir);
    std::fs::create_dir_all(&cdir).map_err(io(&cdir))?;
    let path = cdir.join(format!("{}.txt", root.size));
    // The same checkpoint signed again keeps the cosignatures already added
    // to it (`ledger add-cosignatures`): lines of the cosignature form
    // (key ID, then 8-byte timestamp and 64-byte signature).
    if let Ok(old) = std::fs::read(&path).map(|b| SignedCheckpoint::parse(&b))
        && let Ok(old) = old
        && old.note().text() == signed.note().text()
    {
        for line in old.note().signatures() {
            let have = signed
                .note()
                .signatures()
                .iter()
                .any(|l| l.name == line.name && l.key_id == line.key_id);
            if line.signature.len() == 72 && !have {
                signed.push(line.clone());
            }
        }
    }
    crate::durable::write_atomic(&path, signed.to_text().as_bytes()).map_err(io(&path))?;
    Ok(signed)
}

/// The sizes of the stored checkpoints, ascending.
///
/// # Errors
/// [`LogFilesError`] when the folder cannot be read.
pub fn checkpoint_sizes(dir: &Path) -> Result<Vec<u64>, LogFilesError> {
    let cdir = checkpoints_dir(dir);
    let rd = match std::fs::read_dir(&cdir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(&cdir)(e)),
    };
    let mut sizes: Vec<u64> = rd
        .filter_map(Result::ok)
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".txt"))
                .and_then(|n| n.parse().ok())
        })
        .collect();
    sizes.sort_unstable();
    Ok(sizes)
}

/// The stored checkpoint of `size`, as read (not verified).
///
/// # Errors
/// [`LogFilesError`].
pub fn read_checkpoint(dir: &Path, size: u64) -> Result<SignedCheckpoint, LogFilesError> {
    let path = checkpoints_dir(dir).join(format!("{size}.txt"));
    let bytes = std::fs::read(&path).map_err(io(&path))?;
    SignedCheckpoint::parse(&bytes).map_err(|e| LogFilesError::Invalid {
        path,
        why: e.to_string(),
    })
}
