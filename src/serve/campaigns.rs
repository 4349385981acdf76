//! Campaign endpoints (抽查任务接口): reads, reveals, proofs, verification,
//! publication, public reads.

use super::common::{authorized, bearer, drawn_proof, in_scope, known, now};
use super::error::{Body, parse_json};
use super::{ApiError, ServeState};
use crate::core::verify::{Level, Verdict};
use crate::store::{Actor, VerifyDrawError, record_reveal, verify_draw};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, Uri};
use serde_json::{Value, json};

/// `GET /v1/health`.
pub(super) async fn health() -> Json<Value> {
    Json(json!({ "ok": true, "service": "dualdraw", "version": env!("CARGO_PKG_VERSION") }))
}

/// `GET /v1/openapi.json`.
pub(super) async fn openapi() -> Json<Value> {
    Json(super::openapi::document())
}

/// A path of the API with a method it does not have.
pub(super) async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::new(
        axum::http::StatusCode::METHOD_NOT_ALLOWED,
        "method",
        format!("{} has no {method} (see GET /v1/openapi.json)", uri.path()),
    )
}

/// Any other path.
pub(super) async fn no_such_endpoint(method: Method, uri: Uri) -> ApiError {
    ApiError::not_found(format!(
        "no endpoint {method} {} (see GET /v1/openapi.json)",
        uri.path()
    ))
}

pub(super) async fn campaigns(
    State(st): State<ServeState>,
    Path(b): Path<String>,
    h: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let route = ("GET", "/campaigns");
    authorized(st, bearer(&h), b, route, move |st, c| {
        let store = st.store(&c.bureau, false)?;
        let mut list = Vec::new();
        for id in store.campaign_ids()? {
            let state = store.campaign_state(&id)?;
            list.push(json!({ "id": id, "state": state }));
        }
        Ok(Json(json!({ "campaigns": list })))
    })
    .await
}

pub(super) async fn campaign(
    State(st): State<ServeState>,
    Path((b, id)): Path<(String, String)>,
    h: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let route = ("GET", "/campaigns/{campaign}");
    authorized(st, bearer(&h), b, route, move |st, c| {
        let store = st.store(&c.bureau, false)?;
        let state = known(&*store, &id)?;
        let a = store.announcement(&id)?;
        Ok(Json(json!({
            "id": id, "state": state,
            "announcement_hash": a.hash.to_hex(),
            "announcement": a,
        })))
    })
    .await
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Reveal {
    /// The witness's secret (its commitment is in the announcement).
    secret: String,
}

pub(super) async fn reveal(
    State(st): State<ServeState>,
    Path((b, id)): Path<(String, String)>,
    h: HeaderMap,
    Body(body): Body,
) -> Result<Json<Value>, ApiError> {
    let route = ("POST", "/campaigns/{campaign}/reveals");
    authorized(st, bearer(&h), b, route, move |st, c| {
        let ask: Reveal = parse_json(&h, &body)?;
        let mut store = st.store(&c.bureau, true)?;
        known(&*store, &id)?;
        let actor = Actor {
            operator: c.name().to_string(),
            approver: String::new(),
        };
        record_reveal(&mut *store, &id, (c.name(), &ask.secret), now(), &actor).map_err(
            |e| match e {
                crate::store::RevealError::Store(s) => s.into(),
                e => ApiError::invalid(e.to_string()),
            },
        )?;
        Ok(Json(
            json!({ "campaign": id, "witness": c.name(), "recorded": true }),
        ))
    })
    .await
}

pub(super) async fn proof(
    State(st): State<ServeState>,
    Path((b, id)): Path<(String, String)>,
    h: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let route = ("GET", "/campaigns/{campaign}/proof");
    authorized(st, bearer(&h), b, route, move |st, c| {
        let store = st.store(&c.bureau, false)?;
        let p = drawn_proof(&*store, &id)?;
        Ok(Json(
            serde_json::to_value(p).map_err(|e| ApiError::internal(e.to_string()))?,
        ))
    })
    .await
}

pub(super) async fn verify(
    State(st): State<ServeState>,
    Path((b, id)): Path<(String, String)>,
    h: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let route = ("GET", "/campaigns/{campaign}/verify");
    authorized(st, bearer(&h), b, route, move |st, c| {
        let store = st.store(&c.bureau, false)?;
        let p = drawn_proof(&*store, &id)?;
        let level = if store
            .snapshot_by_digest(&p.announcement.snapshot.digest)?
            .is_some()
        {
            Level::Audit
        } else {
            Level::Light
        };
        let verdict = match verify_draw(Some(&*store), &p, None, None) {
            Ok(v) => Verdict::passed(&v),
            Err(VerifyDrawError::Mismatch(m)) => Verdict::failed(level, Some(&p), &m),
            Err(e) => return Err(ApiError::internal(e.to_string())),
        };
        Ok(Json(
            serde_json::to_value(verdict).map_err(|e| ApiError::internal(e.to_string()))?,
        ))
    })
    .await
}

pub(super) async fn publish(
    State(st): State<ServeState>,
    Path((b, id)): Path<(String, String)>,
    h: HeaderMap,
    Body(body): Body,
) -> Result<Json<Value>, ApiError> {
    let route = ("POST", "/campaigns/{campaign}/publication");
    authorized(st, bearer(&h), b, route, move |st, c| {
        let _: serde_json::Map<String, Value> = parse_json(&h, &body)?;
        let mut store = st.store(&c.bureau, true)?;
        let p = drawn_proof(&*store, &id)?;
        in_scope(&c, &p.announcement.campaign.lead_department)?;
        let url = format!("/v1/bureaus/{}/public/campaigns/{id}/proof", c.bureau);
        if let Some(at) = store.published_at(&id, "draw")? {
            return Ok(Json(
                json!({ "campaign": id, "published_at": at, "url": url, "already": true }),
            ));
        }
        let at = now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let actor = Actor {
            operator: c.name().to_string(),
            approver: String::new(),
        };
        store.store_publication(&id, "draw", &json!({ "api": url }), &at, &actor)?;
        Ok(Json(
            json!({ "campaign": id, "published_at": at, "url": url, "already": false }),
        ))
    })
    .await
}

pub(super) async fn public_campaigns(
    State(st): State<ServeState>,
    Path(b): Path<String>,
    h: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let route = ("GET", "/public/campaigns");
    authorized(st, bearer(&h), b, route, move |st, c| {
        let store = st.store(&c.bureau, false)?;
        let mut list = Vec::new();
        for id in store.campaign_ids()? {
            let a = store.announcement(&id)?;
            let published = store.published_at(&id, "draw")?;
            list.push(json!({
                "id": id,
                "state": store.campaign_state(&id)?,
                "announcement_hash": a.hash.to_hex(),
                "draw_published_at": published,
            }));
        }
        Ok(Json(json!({ "campaigns": list })))
    })
    .await
}

pub(super) async fn public_campaign(
    State(st): State<ServeState>,
    Path((b, id)): Path<(String, String)>,
    h: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let route = ("GET", "/public/campaigns/{campaign}");
    authorized(st, bearer(&h), b, route, move |st, c| {
        let store = st.store(&c.bureau, false)?;
        let state = known(&*store, &id)?;
        let a = store.announcement(&id)?;
        Ok(Json(json!({ "id": id, "state": state, "announcement_hash": a.hash.to_hex(), "announcement": a })))
    })
    .await
}

pub(super) async fn public_proof(
    State(st): State<ServeState>,
    Path((b, id)): Path<(String, String)>,
    h: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let route = ("GET", "/public/campaigns/{campaign}/proof");
    authorized(st, bearer(&h), b, route, move |st, c| {
        let store = st.store(&c.bureau, false)?;
        let p = drawn_proof(&*store, &id)?;
        if store.published_at(&id, "draw")?.is_none() {
            return Err(ApiError::not_found(format!(
                "the draw of campaign {id} is not published yet"
            )));
        }
        Ok(Json(
            serde_json::to_value(p).map_err(|e| ApiError::internal(e.to_string()))?,
        ))
    })
    .await
}
