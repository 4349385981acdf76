//! Registry, ledger and token endpoints (名录、台账与令牌接口).

use super::access::Role;
use super::common::{bearer, blocking, caller};
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
    let auth = bearer(&h);
    blocking(st.gate(), move || {
        let c = caller(&st, auth.as_deref(), &b, "GET", "/registries")?;
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
    Body(body): Body,
) -> Result<Json<Value>, ApiError> {
    let auth = bearer(&h);
    blocking(st.gate(), move || {
        let c = caller(&st, auth.as_deref(), &b, "POST", "/registries/{kind}")?;
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
        let department = c.account.as_ref().and_then(|a| a.department.clone());
        if department.is_some() && !matches!(kind, RegistryKind::Items | RegistryKind::Officers) {
            return Err(ApiError::forbidden(
                "department_scope",
                format!(
                    "a clerk scoped to a department imports only its items and officers, not {}",
                    kind.token()
                ),
            ));
        }
        // The importer reads files (it detects encodings and sheets): the
        // body goes to a private temporary file named after the upload.
        let dir = std::env::temp_dir().join(format!(
            "dualdraw-upload-{}-{}",
            std::process::id(),
            crate::serve::access::token_hash(&format!(
                "{:?}{}",
                std::time::SystemTime::now(),
                body.len()
            ))
        ));
        std::fs::create_dir_all(&dir).map_err(|e| ApiError::internal(e.to_string()))?;
        let path = dir.join(format!("upload.{ext}"));
        let written = std::fs::File::create(&path).and_then(|mut f| f.write_all(&body));
        let result = written
            .map_err(|e| ApiError::internal(e.to_string()))
            .and_then(|()| {
                let mut store = st.store(&c.bureau, true)?;
                let opts = ImportOptions {
                    department,
                    delta: q.delta,
                    allow_empty: q.allow_empty,
                    ..ImportOptions::default()
                };
                import_into(&mut *store, kind, &path, &opts, &|_| {})
                    .map_err(|e| ApiError::invalid(e.to_string()))
            });
        let _ = std::fs::remove_dir_all(&dir);
        let summary = result?;
        Ok(Json(json!({ "import": summary })))
    })
    .await
}

pub(super) async fn ledger(
    State(st): State<ServeState>,
    Path(b): Path<String>,
    h: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let auth = bearer(&h);
    blocking(st.gate(), move || {
        let c = caller(&st, auth.as_deref(), &b, "GET", "/ledger")?;
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
    let auth = bearer(&h);
    blocking(st.gate(), move || {
        let c = caller(&st, auth.as_deref(), &b, "GET", "/ledger/verify")?;
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
    let auth = bearer(&h);
    blocking(st.gate(), move || {
        let c = caller(&st, auth.as_deref(), &b, "GET", "/tokens")?;
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
    let auth = bearer(&h);
    blocking(st.gate(), move || {
        let c = caller(&st, auth.as_deref(), &b, "POST", "/tokens")?;
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
    let auth = bearer(&h);
    blocking(st.gate(), move || {
        let c = caller(&st, auth.as_deref(), &b, "POST", "/tokens/{account}/rotate")?;
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
    let auth = bearer(&h);
    blocking(st.gate(), move || {
        let c = caller(&st, auth.as_deref(), &b, "DELETE", "/tokens/{account}")?;
        let a = st.access(&c.bureau)?.revoke(account_id(&id)?)?;
        Ok(Json(json!({ "account": a })))
    })
    .await
}
