//! `dualdraw serve` (服务): the workspace's operations as an HTTP JSON API
//! for a provincial platform (issue 18, `docs/API.md`), with accounts and
//! roles. Every request names its bureau in the path
//! (`/v1/bureaus/{bureau}/…`) and carries a bureau's token; the service
//! refuses another bureau's token, a role the endpoint does not allow, bad
//! JSON, unknown fields and oversized bodies with a 4xx and a sentence.
//!
//! Announcements and draws take two people: a clerk asks
//! (`POST …/campaigns`, `POST …/campaigns/{id}/draw`), an approver who is
//! not that clerk approves (`POST …/requests/{n}/approve`), and the ledger
//! records the clerk as operator and the approver as approver. Witnesses'
//! secrets reach the service only in their reveal, after the announcement.
//!
//! The storage is the library's [`crate::store::Store`]: a SQLite workspace
//! (one bureau) or a PostgreSQL database (every bureau on it). Each request
//! opens its own connection on a blocking thread; the database's own rules
//! (`docs/PLATFORM.md`) keep one draw per announcement whatever the
//! interleaving, and a killed service leaves nothing half done.
//!
//! ```no_run
//! use dualdraw::Bureau;
//! use dualdraw::serve::{Backend, Limits, ServeState, router};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let state = ServeState::new(
//!     Backend::Workspace { dir: "county".into(), bureau: Bureau::new("local")? },
//!     Limits::default(),
//! );
//! state.prepare()?; // the access records (SQLite: access.sqlite beside the workspace)
//! let app = router(state); // an axum Router: mount it, or run dualdraw::serve::serve
//! # let _ = app;
//! # Ok(())
//! # }
//! ```

pub mod access;
pub mod access_db;
mod api;
mod campaigns;
mod common;
pub mod error;
pub mod openapi;
mod outcomes;
mod registry_handlers;
mod requests;

pub use access::{AccessError, AccessStore, Account, IssuedToken, Request, Role};
pub use access_db::{PgAccess, SqliteAccess};
pub use api::{ENDPOINTS, Endpoint, router};
pub use error::ApiError;

use crate::store::{Bureau, PgStore, Store, Workspace};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Where the service keeps its bureaus.
#[derive(Debug, Clone)]
pub enum Backend {
    /// One SQLite workspace, served as bureau `bureau`.
    Workspace {
        /// The workspace folder.
        dir: PathBuf,
        /// The name it is served under.
        bureau: Bureau,
    },
    /// Every bureau of a PostgreSQL database.
    Postgres {
        /// The connection URL (the platform administrator's).
        url: String,
    },
}

/// The service's limits.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest JSON body, bytes.
    pub json_body: usize,
    /// Largest registry file uploaded, bytes.
    pub upload_body: usize,
    /// Longest a request may take.
    pub timeout: Duration,
    /// How long an announcement's simulated draws may run.
    pub check_budget: Duration,
    /// Requests working on the database at once (each holds up to two
    /// connections); the rest wait.
    pub concurrent: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            json_body: 1 << 20,
            upload_body: 512 << 20,
            timeout: Duration::from_secs(120),
            check_budget: Duration::from_secs(10),
            concurrent: 32,
        }
    }
}

/// What the handlers share.
#[derive(Debug, Clone)]
pub struct ServeState {
    inner: Arc<(Backend, Limits)>,
    gate: Arc<tokio::sync::Semaphore>,
}

impl ServeState {
    /// A service on `backend` with `limits`.
    pub fn new(backend: Backend, limits: Limits) -> Self {
        ServeState {
            inner: Arc::new((backend, limits)),
            gate: Arc::new(tokio::sync::Semaphore::new(limits.concurrent.max(1))),
        }
    }

    /// The database slots ([`Limits::concurrent`]).
    pub(crate) fn gate(&self) -> Arc<tokio::sync::Semaphore> {
        self.gate.clone()
    }

    /// The limits.
    pub fn limits(&self) -> Limits {
        self.inner.1
    }

    /// Makes the access records of every bureau ready (PostgreSQL: their
    /// tables and grants, as the administrator).
    ///
    /// # Errors
    /// [`AccessError`].
    pub fn prepare(&self) -> Result<(), AccessError> {
        match &self.inner.0 {
            Backend::Workspace { dir, bureau } => {
                SqliteAccess::open(dir, bureau.as_str()).map(|_| ())
            }
            Backend::Postgres { url } => {
                let bureaus =
                    PgStore::bureaus(url).map_err(|e| AccessError::Backend(e.to_string()))?;
                for b in bureaus {
                    PgAccess::prepare(url, &b)?;
                }
                Ok(())
            }
        }
    }

    fn bureau(&self, name: &str) -> Result<Bureau, ApiError> {
        let b = Bureau::new(name).map_err(|e| ApiError::not_found(e.to_string()))?;
        if let Backend::Workspace { bureau, .. } = &self.inner.0
            && bureau != &b
        {
            return Err(ApiError::not_found(format!(
                "this service holds bureau {bureau}, not {b}"
            )));
        }
        Ok(b)
    }

    /// The access records of `bureau`.
    pub(crate) fn access(&self, bureau: &Bureau) -> Result<Box<dyn AccessStore>, ApiError> {
        match &self.inner.0 {
            Backend::Workspace { dir, .. } => {
                Ok(Box::new(SqliteAccess::open(dir, bureau.as_str())?))
            }
            Backend::Postgres { url } => Ok(Box::new(PgAccess::open(url, bureau)?)),
        }
    }

    /// The store of `bureau`.
    pub(crate) fn store(&self, bureau: &Bureau, write: bool) -> Result<Box<dyn Store>, ApiError> {
        match &self.inner.0 {
            Backend::Workspace { dir, .. } => {
                let ws = if write {
                    Workspace::open(dir)?
                } else {
                    Workspace::open_read_only(dir)?
                };
                Ok(Box::new(ws))
            }
            Backend::Postgres { url } => Ok(Box::new(PgStore::open(url, bureau)?)),
        }
    }
}

/// Who is calling: the account behind a checked token, of the path's bureau.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The bureau.
    pub bureau: Bureau,
    /// The account (`None` for an anonymous call of a public endpoint).
    pub account: Option<Account>,
}

impl Caller {
    /// The caller's name (empty when anonymous).
    pub fn name(&self) -> &str {
        self.account.as_ref().map_or("", |a| a.name.as_str())
    }
}

/// Checks `authorization` (the header's value) for bureau `bureau_name`
/// against `allowed`: no or malformed token → 401; another bureau's token →
/// 403 `foreign_bureau`; unknown or revoked token → 401; a role not
/// allowed → 403 `role`. An empty `allowed` is a public endpoint: anyone,
/// a token being optional but checked when given.
///
/// # Errors
/// [`ApiError`] as above.
pub fn authorize(
    state: &ServeState,
    authorization: Option<&str>,
    bureau_name: &str,
    allowed: &[Role],
) -> Result<Caller, ApiError> {
    let bureau = state.bureau(bureau_name)?;
    let token = match authorization {
        None if allowed.is_empty() => {
            return Ok(Caller {
                bureau,
                account: None,
            });
        }
        None => {
            return Err(ApiError::unauthorized(
                "this endpoint needs a token: Authorization: Bearer dd1.<bureau>.<secret>",
            ));
        }
        Some(h) => h.strip_prefix("Bearer ").unwrap_or(""),
    };
    let Some(token_bureau) = access::token_bureau(token) else {
        return Err(ApiError::unauthorized(
            "malformed token: expected Authorization: Bearer dd1.<bureau>.<64 hex digits>",
        ));
    };
    if token_bureau != bureau.as_str() {
        return Err(ApiError::forbidden(
            "foreign_bureau",
            format!("a token of bureau {token_bureau} cannot act for bureau {bureau}"),
        ));
    }
    let mut records = state.access(&bureau)?;
    let Some(account) = records.account_by_token_hash(&access::token_hash(token))? else {
        return Err(ApiError::unauthorized("unknown or revoked token"));
    };
    if !allowed.is_empty() && !allowed.contains(&account.role) {
        let names: Vec<&str> = allowed.iter().map(|r| r.as_str()).collect();
        return Err(ApiError::forbidden(
            "role",
            format!(
                "role {} may not do this (allowed: {})",
                account.role,
                names.join(", ")
            ),
        ));
    }
    Ok(Caller {
        bureau,
        account: Some(account),
    })
}

/// Serves `state` on `listener` until Ctrl-C or SIGTERM, logging one JSON
/// line per request to standard error.
///
/// # Errors
/// The listener's I/O error.
pub async fn serve(listener: tokio::net::TcpListener, state: ServeState) -> std::io::Result<()> {
    let app = router(state);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown())
        .await
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
