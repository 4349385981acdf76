//! What every handler shares: the blocking gate, the caller's check, the
//! campaign look-ups.

use super::api::roles;
use super::{ApiError, Caller, ServeState, authorize};
use crate::store::{CampaignState, Store};
use axum::http::HeaderMap;

const B: &str = "/v1/bureaus/{bureau}";

/// Runs `f` on a blocking thread (the stores are synchronous), once one of
/// the service's database slots is free ([`super::Limits::concurrent`]):
/// requests beyond them wait their turn instead of exhausting the
/// database's connections.
pub(super) async fn blocking<T, F>(
    gate: std::sync::Arc<tokio::sync::Semaphore>,
    f: F,
) -> Result<T, ApiError>
where
    F: FnOnce() -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    let permit = gate
        .acquire_owned()
        .await
        .map_err(|_| ApiError::internal("the service is stopping"))?;
    tokio::task::spawn_blocking(move || {
        let r = f();
        drop(permit);
        r
    })
    .await
    .map_err(|e| ApiError::internal(format!("the request's worker failed: {e}")))?
}

/// What every handler does first: on a blocking worker behind the gate
/// ([`blocking`]), the caller checked for `route` (method, path as
/// `docs/API.md` names it after `/v1/bureaus/{bureau}`) of bureau `b` from
/// the Authorization header's value `auth`, then `f` with the state and the
/// caller.
pub(super) async fn authorized<T, F>(
    st: ServeState,
    auth: Option<String>,
    b: String,
    route: (&'static str, &'static str),
    f: F,
) -> Result<T, ApiError>
where
    F: FnOnce(&ServeState, Caller) -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    blocking(st.gate(), move || {
        let c = caller(&st, auth.as_deref(), &b, route.0, route.1)?;
        f(&st, c)
    })
    .await
}

/// The Authorization header's value.
pub(super) fn bearer(h: &HeaderMap) -> Option<String> {
    h.get(axum::http::header::AUTHORIZATION)
        .map(|v| v.to_str().unwrap_or("").to_string())
}

/// Checks the caller of `method` `B + path`.
pub(super) fn caller(
    st: &ServeState,
    auth: Option<&str>,
    bureau: &str,
    method: &str,
    path: &str,
) -> Result<Caller, ApiError> {
    authorize(st, auth, bureau, roles(method, &format!("{B}{path}")))
}

pub(super) fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

pub(super) fn known(store: &dyn Store, id: &str) -> Result<CampaignState, ApiError> {
    if !store.campaign_ids()?.iter().any(|c| c == id) {
        return Err(ApiError::not_found(format!("no campaign {id}")));
    }
    Ok(store.campaign_state(id)?)
}

pub(super) fn request_id(s: &str) -> Result<i64, ApiError> {
    s.parse()
        .map_err(|_| ApiError::not_found(format!("no request {s:?} (requests are numbered)")))
}

/// A scoped clerk may act only on their department's campaigns.
pub(super) fn in_scope(c: &Caller, lead: &str) -> Result<(), ApiError> {
    match c.account.as_ref().and_then(|a| a.department.as_deref()) {
        Some(d) if d != lead => Err(ApiError::forbidden(
            "department_scope",
            format!("this clerk acts for {d}; the campaign's lead department is {lead}"),
        )),
        _ => Ok(()),
    }
}

/// The proof of drawn campaign `id` (404 when not drawn).
pub(super) fn drawn_proof(store: &dyn Store, id: &str) -> Result<crate::DrawProof, ApiError> {
    match known(store, id)? {
        CampaignState::Drawn => Ok(store.draw_proof(id)?),
        s => Err(ApiError::not_found(format!(
            "campaign {id} is {s:?}: no draw proof"
        ))),
    }
}
