//! Registry, ledger and token endpoints (名录、台账与令牌接口).

use super::access::Role;
use super::common::{authorized, bearer, blocking, caller};
use super::error::{Body, parse_json};
use super::{ApiError, ServeState};
use crate::RegistryKind;
use crate::io::import::ImportOptions;
use crate::io::import::apply::import_into;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use serde_json::{Value, json};
use std::io::Write;

pub(super) async fn registries(
    State(st): State<ServeState>,
    Path(b): Path<String>,
    h: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let route = ("GET", "/registries");
    authorized(st, bearer(&h), b, route, move |st, c| {
        let store = st.store(&c.bureau, false)?;
        Ok(Json(json!({
            "current": store.current_snapshot()?,
            "snapshots": store.snapshots()?,
        })))
    })
    .await
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ImportQuery {
    /// `csv` (default) or `xlsx`.
    #[serde(default)]
    format: Option<String>,
    /// The file is an update (rows replace by key; removal rows remove).
    #[serde(default)]
    delta: bool,
    /// A full import without data rows may empty the registry.
    #[serde(default)]
    allow_empty: bool,
}

pub(super) async fn import(
    State(st): State<ServeState>,
    Path((b, kind)): Path<(String, String)>,
    query: Result<Query<ImportQuery>, axum::extract::rejection::QueryRejection>,
    h: HeaderMap,
    body: axum::body::Body,
) -> Result<Json<Value>, ApiError> {
    let auth = bearer(&h);
    // Who, what and where first: nothing of the body is read before.
    let checked = st.clone();
    let (c, q, kind, ext) = blocking(st.gate(), move || {
        let c = caller(&checked, auth.as_deref(), &b, "POST", "/registries/{kind}")?;
        let Query(q) = query.map_err(|e| ApiError::invalid(e.body_text()))?;
        let kind = RegistryKind::from_token(&kind).ok_or_else(|| {
            ApiError::not_found(format!(
                "no registry {kind:?} (items, entities, officers, recusals)"
            ))
        })?;
        let ext = match q.format.as_deref().unwrap_or("csv") {
            "csv" => "csv",
            "xlsx" => "xlsx",
            other => return Err(ApiError::invalid(format!("format {other:?}: csv or xlsx"))),
        };
        if let Some(d) = c.account.as_ref().and_then(|a| a.department.as_deref())
            && !matches!(kind, RegistryKind::Items | RegistryKind::Officers)
        {
            return Err(ApiError::forbidden(
                "department_scope",
                format!(
                    "a clerk scoped to a department ({d}) imports only its items and officers, not {}",
                    kind.token()
                ),
            ));
        }
        Ok((c, q, kind, ext))
    })
    .await?;
    // The importer reads files (it detects encodings and sheets, streams
    // CSV rows): the body is streamed to a private temporary file, frame by
    // frame, never whole in memory, and refused past the upload limit.
    let dir = upload_dir();
    std::fs::create_dir_all(&dir).map_err(|e| ApiError::internal(e.to_string()))?;
    let path = dir.join(format!("{}.{ext}", kind.token()));
    let streamed = stream_to_file(body, &path, st.limits().upload_body).await;
    let result = match streamed {
        Err(e) => Err(e),
        Ok(_) => {
            let file = path.clone();
            // The importer's messages name the file: the upload's name, not
            // the temporary folder's.
            let folder = format!("{}{}", dir.display(), std::path::MAIN_SEPARATOR);
            blocking(st.gate(), move || {
                let mut store = st.store(&c.bureau, true)?;
                let opts = ImportOptions {
                    department: c.account.as_ref().and_then(|a| a.department.clone()),
                    delta: q.delta,
                    allow_empty: q.allow_empty,
                    ..ImportOptions::default()
                };
                let mut summary = import_into(&mut *store, kind, &file, &opts, &|_| {})
                    .map_err(|e| ApiError::invalid(e.to_string().replace(&folder, "")))?;
                summary.file = summary.file.replace(&folder, "");
                Ok(summary)
            })
            .await
        }
    };
    let _ = std::fs::remove_dir_all(&dir);
    Ok(Json(json!({ "import": result? })))
}

/// A fresh private folder for one upload.
fn upload_dir() -> std::path::PathBuf {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    std::env::temp_dir().join(format!(
        "dualdraw-upload-{}-{stamp}-{n}",
        std::process::id()
    ))
}

/// Writes `body` to `path` as it arrives; 413 past `limit` bytes.
async fn stream_to_file(
    mut body: axum::body::Body,
    path: &std::path::Path,
    limit: usize,
) -> Result<u64, ApiError> {
    use http_body_util::BodyExt;
    let io = |e: std::io::Error| ApiError::internal(format!("the upload's temporary file: {e}"));
    let mut file = std::fs::File::create(path).map_err(io)?;
    let mut n: u64 = 0;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "bad_body",
                format!("the upload broke off: {e}"),
            )
        })?;
        if let Ok(data) = frame.into_data() {
            n += data.len() as u64;
            if n > limit as u64 {
                return Err(ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "too_large",
                    format!("the upload is over {limit} bytes (serve --max-upload-mib)"),
                ));
            }
            file.write_all(&data).map_err(io)?;
        }
    }
    file.sync_all().map_err(io)?;
    Ok(n)
}

pub(super) async fn ledger(
    State(st): State<ServeState>,
    Path(b): Path<String>,
    h: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let route = ("GET", "/ledger");
    authorized(st, bearer(&h), b, route, move |st, c| {
        let store = st.store(&c.bureau, false)?;
        Ok(Json(
            json!({ "entries": store.ledger()?, "head": store.ledger_head()?.to_hex() }),
        ))
    })
    .await
}

pub(super) async fn ledger_verify(
    State(st): State<ServeState>,
    Path(b): Path<String>,
    h: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let route = ("GET", "/ledger/verify");
    authorized(st, bearer(&h), b, route, move |st, c| {
        let store = st.store(&c.bureau, false)?;
        let entries = store.ledger()?;
        let head = store.ledger_head()?;
        Ok(Json(match crate::ledger::verify_chain_to(&entries, Some(&head)) {
            Ok(h) => json!({ "ok": true, "entries": entries.len(), "head": h.to_hex(),
                "established": "every entry links to the one before and the chain ends at the recorded head",
                "not_established": "that no earlier chain was replaced: compare the head with one published or cosigned before (docs/LOG.md)" }),
            Err(e) => json!({ "ok": false, "entries": entries.len(), "error": e.to_string() }),
        }))
    })
    .await
}

pub(super) async fn tokens(
    State(st): State<ServeState>,
    Path(b): Path<String>,
    h: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let route = ("GET", "/tokens");
    authorized(st, bearer(&h), b, route, move |st, c| {
        Ok(Json(
            json!({ "accounts": st.access(&c.bureau)?.accounts()? }),
        ))
    })
    .await
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Issue {
    name: String,
    role: Role,
    #[serde(default)]
    department: Option<String>,
}

pub(super) async fn issue(
    State(st): State<ServeState>,
    Path(b): Path<String>,
    h: HeaderMap,
    Body(body): Body,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let route = ("POST", "/tokens");
    authorized(st, bearer(&h), b, route, move |st, c| {
        let ask: Issue = parse_json(&h, &body)?;
        if ask.department.is_some() && ask.role != Role::Clerk {
            return Err(ApiError::invalid("only a clerk is scoped to a department"));
        }
        let t = st
            .access(&c.bureau)?
            .issue(&ask.name, ask.role, ask.department.as_deref())?;
        Ok((StatusCode::CREATED, Json(json!(t))))
    })
    .await
}

fn account_id(s: &str) -> Result<i64, ApiError> {
    s.parse()
        .map_err(|_| ApiError::not_found(format!("no account {s:?} (accounts are numbered)")))
}

pub(super) async fn rotate(
    State(st): State<ServeState>,
    Path((b, id)): Path<(String, String)>,
    h: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let route = ("POST", "/tokens/{account}/rotate");
    authorized(st, bearer(&h), b, route, move |st, c| {
        let t = st.access(&c.bureau)?.rotate(account_id(&id)?)?;
        Ok(Json(json!(t)))
    })
    .await
}

pub(super) async fn revoke(
    State(st): State<ServeState>,
    Path((b, id)): Path<(String, String)>,
    h: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let route = ("DELETE", "/tokens/{account}");
    authorized(st, bearer(&h), b, route, move |st, c| {
        let a = st.access(&c.bureau)?.revoke(account_id(&id)?)?;
        Ok(Json(json!({ "account": a })))
    })
    .await
}
