//! The library's errors as the CLI shows them: each variant mapped to a
//! catalogue message with its typed fields as arguments (`src/cli/i18n.rs`).
//! The library keeps its own `Display` (English, for embedders and logs).

use super::i18n::t;
use crate::ledger::{HeadError, LedgerError, ProofFileError};
use crate::store::StoreError;
use crate::store::sqlite::PublishedMismatch;
use std::path::Path;

/// An operating-system error in words a clerk reads; the system's own
/// words for a kind without a message of ours.
pub(crate) fn io_error(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => t!("io-not-found"),
        K::PermissionDenied => t!("io-permission-denied"),
        K::AlreadyExists => t!("io-already-exists"),
        K::IsADirectory => t!("io-is-a-directory"),
        K::NotADirectory => t!("io-not-a-directory"),
        K::StorageFull => t!("io-storage-full"),
        K::ReadOnlyFilesystem => t!("io-read-only"),
        K::InvalidData => t!("io-invalid-data", why = e),
        _ => t!("io-other", why = e),
    }
}

/// `FILE: why` for a file that cannot be read or written (the file first,
/// as in every language).
pub(crate) fn file_error(file: &Path, e: &std::io::Error) -> String {
    t!("error-file", file = file.display(), why = io_error(e))
}

/// The name of a registry in messages (`entities` → 检查对象名录).
pub(crate) fn registry(kind: crate::core::registry::RegistryKind) -> String {
    t!("registry-name", kind = kind.token())
}

/// A store error as the CLI shows it.
pub(crate) fn store(e: &StoreError) -> String {
    use StoreError as E;
    match e {
        E::NotAWorkspace(p) => t!("store-not-a-workspace", dir = p.display()),
        E::AlreadyExists(p) => t!("store-already-exists", dir = p.display()),
        E::Schema { expected, got } => t!("store-schema", expected = expected, got = got),
        E::NoSnapshot(id) => t!("store-no-snapshot", id = id),
        E::Damaged {
            kind,
            version,
            source,
        } => t!(
            "store-damaged",
            registry = registry(*kind),
            version = version,
            why = source
        ),
        E::RootMismatch {
            kind,
            snapshot,
            expected,
            got,
        } => t!(
            "store-root-mismatch",
            registry = registry(*kind),
            snapshot = snapshot,
            expected = expected,
            got = got
        ),
        E::Io { path, source } => file_error(path, source),
        E::Backend(b) => t!("store-backend", why = b),
        // What conflicts is said by the flow that refused it.
        E::Conflict(c) => super::conflict_texts::conflict(c),
        E::NoCampaign(id) => t!("store-no-campaign", id = format!("{id:?}")),
        E::ReadOnly => t!("store-read-only"),
        E::Random(m) => t!("store-random", why = m),
    }
}

/// Where a ledger chain breaks.
pub(crate) fn ledger(e: &LedgerError) -> String {
    use LedgerError as E;
    match e {
        E::ScheduleDates { seq } => t!("ledger-schedule-dates", seq = seq),
        E::ScheduleSecret { seq, campaign } => {
            t!("ledger-schedule-secret", seq = seq, campaign = campaign)
        }
        E::Sequence {
            position,
            expected,
            got,
        } => t!(
            "ledger-sequence",
            position = position,
            expected = expected,
            got = got
        ),
        E::Link { seq, expected, got } => t!(
            "ledger-link",
            seq = seq,
            previous = seq.saturating_sub(1),
            expected = expected,
            got = got
        ),
        E::Edited { seq, expected, got } => {
            t!("ledger-edited", seq = seq, expected = expected, got = got)
        }
        E::Body { seq } => t!("ledger-body", seq = seq),
    }
}

/// A chain that is broken or ends elsewhere than the published head.
pub(crate) fn head(e: &HeadError) -> String {
    match e {
        HeadError::Chain(c) => ledger(c),
        HeadError::Head { got, published } => {
            t!("ledger-head", got = got, published = published)
        }
    }
}

/// An exported draw proof that does not match its entry.
pub(crate) fn proof_file(e: &ProofFileError) -> String {
    match e {
        ProofFileError::Body(seq) => t!("ledger-proof-body", seq = seq),
        ProofFileError::Unreadable { seq, path, source } => t!(
            "ledger-proof-unreadable",
            seq = seq,
            file = path.display(),
            why = io_error(source)
        ),
        ProofFileError::Differs {
            seq,
            path,
            got,
            recorded,
        } => t!(
            "ledger-proof-differs",
            seq = seq,
            file = path.display(),
            got = got,
            recorded = recorded
        ),
    }
}

/// A published file that does not match its publication entry.
pub(crate) fn published(e: &PublishedMismatch) -> String {
    match e {
        PublishedMismatch::Nothing(dir) => t!("published-nothing", dir = dir.display()),
        PublishedMismatch::Missing {
            path,
            seq,
            campaign,
        } => t!(
            "published-missing",
            file = path.display(),
            seq = seq,
            campaign = campaign
        ),
        PublishedMismatch::Differs {
            path,
            got,
            seq,
            expected,
            campaign,
        } => t!(
            "published-differs",
            file = path.display(),
            got = got,
            seq = seq,
            expected = expected,
            campaign = campaign
        ),
    }
}

/// A notice or report file that could not be written.
pub(crate) fn publish(e: &crate::io::publish::PublishError) -> String {
    use crate::io::publish::PublishError as E;
    match e {
        E::Io { path, source } => file_error(path, source),
        E::Xlsx { path, message } => t!("error-xlsx", file = path.display(), why = message),
    }
}
