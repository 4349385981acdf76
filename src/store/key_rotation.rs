//! A bureau's key rotation and revocation in the workspace (`docs/LOG.md`
//! §8), in steps a crash can interrupt at any point and `key rotate` (or
//! `key revoke`) run again completes:
//!
//! 1. the new keys are written to `WS/keys/log.next.key` (while it exists,
//!    every command that signs refuses with [`LogFilesError::RotationPending`]);
//! 2. the ledger entry of kind `key` is appended (once: a rerun finds it);
//! 3. the checkpoint of the ledger up to that entry is signed with the old and
//!    the new keys, and the key statement (its inclusion proof) is written to
//!    `WS/key-statements/SIZE.txt`;
//! 4. the old keys are copied to `WS/keys/retired/log-SIZE.key`, then
//!    `log.next.key` replaces `log.key` (one rename).

pub use super::log_files::next_key_path;
use super::log_files::{
    KeyPair, LogFilesError, Role, create_private_dir, io, key_path, load_key_file,
    sign_and_store_checkpoint, write_key_file,
};
use crate::core::log::{KeyType, Signer};
use crate::ledger::Entry;
use crate::ledger::keys::{KeyAction, key_entry_body};
use crate::ledger::log::{ledger_tree, prove_entry};
use std::path::{Path, PathBuf};

/// `WS/key-statements/`.
pub fn statements_dir(dir: &Path) -> PathBuf {
    dir.join("key-statements")
}

/// The key statements stored in the workspace, by size ascending: (size, path).
///
/// # Errors
/// [`LogFilesError`] when the folder cannot be read.
pub fn stored_statements(dir: &Path) -> Result<Vec<(u64, PathBuf)>, LogFilesError> {
    let sdir = statements_dir(dir);
    let rd = match std::fs::read_dir(&sdir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(&sdir)(e)),
    };
    let mut out: Vec<(u64, PathBuf)> = rd
        .filter_map(Result::ok)
        .filter_map(|e| {
            let size = e
                .file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".txt"))
                .and_then(|n| n.parse().ok())?;
            Some((size, e.path()))
        })
        .collect();
    out.sort();
    Ok(out)
}

/// The bureau's current keys and the new keys of the rotation under way (made
/// and written to `log.next.key` when none is).
///
/// # Errors
/// [`LogFilesError`]; `Ok(None)` when the workspace has no bureau keys.
pub fn begin_rotation(dir: &Path) -> Result<Option<(KeyPair, KeyPair)>, LogFilesError> {
    let Some(old) = load_key_file(&key_path(dir, Role::Bureau), Role::Bureau)? else {
        return Ok(None);
    };
    let next = next_key_path(dir);
    if let Some(new) = load_key_file(&next, Role::Bureau)? {
        return Ok(Some((old, new)));
    }
    let name = old.name().to_string();
    let new = KeyPair {
        role: Role::Bureau,
        ed25519: Signer::generate(&name, KeyType::Ed25519)?,
        sm2: Signer::generate(&name, KeyType::Sm2)?,
    };
    write_key_file(dir, &next, &new)?;
    Ok(Some((old, new)))
}

/// The `key` entry of this rotation if the ledger has it already (a rerun
/// after a crash): the last `key` entry naming `new`'s keys.
pub fn recorded_entry<'a>(entries: &'a [Entry], new: &KeyPair) -> Option<&'a Entry> {
    let vkeys: Vec<String> = new.signers().iter().map(|s| s.verifier().vkey()).collect();
    entries.iter().rev().filter(|e| e.kind == "key").find(|e| {
        serde_json::from_str::<serde_json::Value>(&e.body)
            .ok()
            .and_then(|b| {
                b["new"].as_array().map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str())
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                })
            })
            .is_some_and(|n| n == vkeys)
    })
}

/// The body of the `key` entry that rotates (or revokes) `old` for `new`.
pub fn entry_body(
    action: KeyAction,
    old: &KeyPair,
    new: &KeyPair,
    reason: &str,
) -> serde_json::Value {
    let vk = |k: &KeyPair| {
        k.signers()
            .iter()
            .map(|s| s.verifier().clone())
            .collect::<Vec<_>>()
    };
    key_entry_body(action, &vk(old), &vk(new), reason)
}

/// What a finished rotation wrote.
#[derive(Debug, Clone)]
pub struct Rotated {
    /// The `key` entry.
    pub entry: Entry,
    /// The key statement's file.
    pub statement: PathBuf,
    /// The key statement's text.
    pub text: String,
    /// Where the old keys were kept.
    pub retired: PathBuf,
}

/// Steps 3 and 4: signs the checkpoint up to `entry` with `old` and `new`,
/// writes the key statement, retires `old` and puts `new` in force.
///
/// # Errors
/// [`LogFilesError`].
pub fn finish_rotation(
    dir: &Path,
    entries: &[Entry],
    entry: &Entry,
    old: &KeyPair,
    new: &KeyPair,
) -> Result<Rotated, LogFilesError> {
    let invalid = |why: &str| LogFilesError::Invalid {
        path: dir.join("ledger"),
        why: why.to_string(),
    };
    let n = usize::try_from(entry.seq).map_err(|_| invalid("entry number"))?;
    let upto = entries
        .get(..n)
        .ok_or_else(|| invalid("key entry not in the ledger"))?;
    let mut signers = old.signers().to_vec();
    signers.extend(new.signers());
    let checkpoint = sign_and_store_checkpoint(dir, upto, old.name(), &signers)?;
    let text = prove_entry(entry, &ledger_tree(upto), checkpoint)
        .ok_or_else(|| invalid("key entry not in the ledger"))?
        .to_text();
    let sdir = statements_dir(dir);
    std::fs::create_dir_all(&sdir).map_err(io(&sdir))?;
    let statement = sdir.join(format!("{}.txt", entry.seq));
    crate::durable::write_atomic(&statement, text.as_bytes()).map_err(io(&statement))?;
    let rdir = dir.join("keys").join("retired");
    create_private_dir(&rdir).map_err(io(&rdir))?;
    let retired = rdir.join(format!("log-{}.key", entry.seq));
    write_key_file(dir, &retired, old)?;
    let next = next_key_path(dir);
    let current = key_path(dir, Role::Bureau);
    std::fs::rename(&next, &current).map_err(io(&current))?;
    Ok(Rotated {
        entry: entry.clone(),
        statement,
        text,
        retired,
    })
}
