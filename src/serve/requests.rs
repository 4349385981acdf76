//! Requests and their approval (申请与审批): a clerk asks for an
//! announcement, a draw, a replacement or a voiding; witnesses add their
//! commitments; an approver who is not the clerk approves or refuses.

use super::access::{RequestKind, RequestState};
use super::common::{authorized, bearer, in_scope, known, now, request_id};
use super::error::{Body, parse_json};
use super::{ApiError, ServeState};
use crate::core::campaign::Campaign;
use crate::core::campaign_checks::CheckOptions;
use crate::core::merkle::Hash;
use crate::store::{Actor, CampaignState, DrawInputs, announce_checked, draw_campaign};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use serde_json::{Value, json};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct AskAnnounce {
    /// The campaign file (TOML, `docs/CAMPAIGN.md`).
    campaign: String,
}

pub(super) async fn ask_announce(
    State(st): State<ServeState>,
    Path(b): Path<String>,
    h: HeaderMap,
    Body(body): Body,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let route = ("POST", "/campaigns");
    authorized(st, bearer(&h), b, route, move |st, c| {
        let ask: AskAnnounce = parse_json(&h, &body)?;
        let campaign = asked_campaign(&ask.campaign)?;
        in_scope(&c, &campaign.lead_department)?;
        let store = st.store(&c.bureau, false)?;
        if store.campaign_ids()?.contains(&campaign.id) {
            return Err(ApiError::conflict(format!(
                "campaign {} is already announced",
                campaign.id
            )));
        }
        let payload = json!({ "campaign": ask.campaign, "witnesses": [] });
        let r = st.access(&c.bureau)?.add_request(
            RequestKind::Announce,
            &campaign.id,
            &payload,
            c.name(),
        )?;
        Ok((StatusCode::ACCEPTED, Json(json!({ "request": r }))))
    })
    .await
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct AskDraw {
    /// The lottery result, for a campaign committed to one.
    #[serde(default)]
    lottery: Option<String>,
}

pub(super) async fn ask_draw(
    State(st): State<ServeState>,
    Path((b, id)): Path<(String, String)>,
    h: HeaderMap,
    Body(body): Body,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let route = ("POST", "/campaigns/{campaign}/draw");
    authorized(st, bearer(&h), b, route, move |st, c| {
        let ask: AskDraw = parse_json(&h, &body)?;
        let store = st.store(&c.bureau, false)?;
        match known(&*store, &id)? {
            CampaignState::Announced => {}
            s => {
                return Err(ApiError::conflict(format!(
                    "campaign {id} is {s:?}, not waiting for its draw"
                )));
            }
        }
        in_scope(&c, &store.announcement(&id)?.campaign.lead_department)?;
        let payload = json!({ "lottery": ask.lottery });
        let r = st
            .access(&c.bureau)?
            .add_request(RequestKind::Draw, &id, &payload, c.name())?;
        Ok((StatusCode::ACCEPTED, Json(json!({ "request": r }))))
    })
    .await
}

pub(super) async fn requests(
    State(st): State<ServeState>,
    Path(b): Path<String>,
    h: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let route = ("GET", "/requests");
    authorized(st, bearer(&h), b, route, move |st, c| {
        let list = st.access(&c.bureau)?.requests()?;
        Ok(Json(json!({ "requests": list })))
    })
    .await
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Commit {
    /// `SHA-256(lp("dualdraw-witness-v1") ‖ lp(secret))`, hex (made with
    /// `dualdraw witness new` on the witness's own machine).
    commitment: String,
}

pub(super) async fn commit(
    State(st): State<ServeState>,
    Path((b, rid)): Path<(String, String)>,
    h: HeaderMap,
    Body(body): Body,
) -> Result<Json<Value>, ApiError> {
    let route = ("POST", "/requests/{request}/commitments");
    authorized(st, bearer(&h), b, route, move |st, c| {
        let rid = request_id(&rid)?;
        let ask: Commit = parse_json(&h, &body)?;
        let commitment = Hash::from_hex(&ask.commitment).map_err(|_| {
            ApiError::invalid("commitment: expected 64 hex digits (dualdraw witness new)")
        })?;
        let mut access = st.access(&c.bureau)?;
        let r = access.request(rid)?;
        if r.kind != RequestKind::Announce || r.state != RequestState::Pending {
            return Err(ApiError::conflict(format!(
                "request {rid} is not a pending announcement"
            )));
        }
        let campaign = asked_campaign(
            r.payload
                .get("campaign")
                .and_then(Value::as_str)
                .unwrap_or(""),
        )?;
        let already = added_witnesses(&r.payload);
        if campaign
            .entropy
            .witnesses
            .iter()
            .any(|w| w.name == c.name())
            || already.iter().any(|(n, _)| n == c.name())
        {
            return Err(ApiError::conflict(format!(
                "witness {} already has a commitment in request {rid}",
                c.name()
            )));
        }
        let mut new = r.payload.clone();
        if let Some(list) = new.get_mut("witnesses").and_then(Value::as_array_mut) {
            list.push(json!({ "name": c.name(), "commitment": commitment.to_hex() }));
        }
        access.replace_payload(rid, &r.payload, &new)?;
        Ok(Json(json!({ "request": access.request(rid)? })))
    })
    .await
}

/// The campaign file `text` with `added` witnesses (name, commitment hex)
/// appended to its `[entropy] witnesses`, parsed and checked as a file.
fn with_witnesses(text: &str, added: &[(String, String)]) -> Result<Campaign, ApiError> {
    let bad = |e: &dyn std::fmt::Display| ApiError::invalid(format!("campaign file: {e}"));
    let mut table: toml::Table = text.parse().map_err(|e| bad(&e))?;
    if !added.is_empty() {
        let entropy = table
            .entry("entropy")
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        let Some(entropy) = entropy.as_table_mut() else {
            return Err(bad(&"entropy is not a table"));
        };
        let list = entropy
            .entry("witnesses")
            .or_insert_with(|| toml::Value::Array(Vec::new()));
        let Some(list) = list.as_array_mut() else {
            return Err(bad(&"entropy.witnesses is not a list"));
        };
        for (name, commitment) in added {
            let mut w = toml::Table::new();
            w.insert("name".into(), toml::Value::String(name.clone()));
            w.insert("commitment".into(), toml::Value::String(commitment.clone()));
            list.push(toml::Value::Table(w));
        }
    }
    let text = toml::to_string(&table).map_err(|e| bad(&e))?;
    Campaign::from_toml(&text).map_err(|e| bad(&e))
}

/// The witnesses added to an announcement request through the service.
fn added_witnesses(payload: &Value) -> Vec<(String, String)> {
    let list = payload
        .get("witnesses")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    list.iter()
        .map(|w| {
            let f = |k: &str| w.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            (f("name"), f("commitment"))
        })
        .collect()
}

/// The campaign of an announcement request: its file with the witnesses'
/// commitments added through the service.
fn announced_campaign(payload: &Value) -> Result<Campaign, ApiError> {
    let text = payload
        .get("campaign")
        .and_then(Value::as_str)
        .unwrap_or("");
    with_witnesses(text, &added_witnesses(payload))
}

/// Checks a campaign file asked for, whose witnesses may come later: as
/// if one had already added a commitment.
fn asked_campaign(text: &str) -> Result<Campaign, ApiError> {
    let placeholder = ("(witness to come)".to_string(), "0".repeat(64));
    with_witnesses(text, &[placeholder])
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Refuse {
    /// Why.
    reason: String,
}

pub(super) async fn refuse(
    State(st): State<ServeState>,
    Path((b, rid)): Path<(String, String)>,
    h: HeaderMap,
    Body(body): Body,
) -> Result<Json<Value>, ApiError> {
    let route = ("POST", "/requests/{request}/refuse");
    authorized(st, bearer(&h), b, route, move |st, c| {
        let rid = request_id(&rid)?;
        let ask: Refuse = parse_json(&h, &body)?;
        let r = st
            .access(&c.bureau)?
            .decide(rid, RequestState::Refused, c.name(), &ask.reason)?;
        Ok(Json(json!({ "request": r })))
    })
    .await
}

pub(super) async fn approve(
    State(st): State<ServeState>,
    Path((b, rid)): Path<(String, String)>,
    h: HeaderMap,
    Body(body): Body,
) -> Result<Json<Value>, ApiError> {
    let budget = st.limits().check_budget;
    let route = ("POST", "/requests/{request}/approve");
    authorized(st, bearer(&h), b, route, move |st, c| {
        let rid = request_id(&rid)?;
        let _: serde_json::Map<String, Value> = parse_json(&h, &body)?;
        let mut access = st.access(&c.bureau)?;
        let r = access.request(rid)?;
        if r.state != RequestState::Pending {
            return Err(ApiError::conflict(format!(
                "request {rid} is already {:?}",
                r.state
            )));
        }
        if r.requested_by == c.name() {
            return Err(ApiError::forbidden(
                "four_eyes",
                format!(
                    "{} asked for request {rid}: another person must approve it",
                    c.name()
                ),
            ));
        }
        let actor = Actor {
            operator: r.requested_by.clone(),
            approver: c.name().to_string(),
        };
        let mut store = st.store(&c.bureau, true)?;
        let known = store.campaign_ids()?.contains(&r.campaign);
        match r.kind {
            RequestKind::Announce => {
                if known {
                    // Announced by an earlier approval whose answer was lost
                    // (a killed service): name it, do not announce twice.
                    let h = store.announcement(&r.campaign)?.hash.to_hex();
                    access.decide(
                        rid,
                        RequestState::Done,
                        c.name(),
                        &format!("announced earlier: {h}"),
                    )?;
                    return Err(ApiError::conflict(format!(
                        "campaign {} was already announced ({h})",
                        r.campaign
                    )));
                }
                let campaign = announced_campaign(&r.payload)?;
                let (list, _checked) = announce_checked(
                    &mut *store,
                    vec![campaign],
                    now(),
                    &actor,
                    &CheckOptions::default(),
                    budget,
                )
                .map_err(|e| ApiError::invalid(e.to_string()))?;
                let hash = list
                    .first()
                    .map(|(a, _)| a.hash.to_hex())
                    .unwrap_or_default();
                let r = access.decide(rid, RequestState::Done, c.name(), &hash)?;
                Ok(Json(json!({ "request": r, "announcement_hash": hash })))
            }
            RequestKind::Draw => {
                if known && store.campaign_state(&r.campaign)? == CampaignState::Drawn {
                    let seed = store.draw_proof(&r.campaign)?.seed.to_hex();
                    access.decide(
                        rid,
                        RequestState::Done,
                        c.name(),
                        &format!("drawn earlier: seed {seed}"),
                    )?;
                    return Err(ApiError::conflict(format!(
                        "campaign {} was already drawn (seed {seed})",
                        r.campaign
                    )));
                }
                let lottery = r
                    .payload
                    .get("lottery")
                    .and_then(Value::as_str)
                    .map(str::to_string);
                let inputs = DrawInputs {
                    reveals: Vec::new(),
                    drand: None,
                    lottery,
                };
                let proof = draw_campaign(&mut *store, &r.campaign, &inputs, now(), &actor, None)
                    .map_err(|e| match e {
                    crate::store::DrawCampaignError::AlreadyDrawn(_) => {
                        ApiError::conflict(e.to_string())
                    }
                    crate::store::DrawCampaignError::Store(s) => s.into(),
                    e => ApiError::invalid(e.to_string()),
                })?;
                let seed = proof.seed.to_hex();
                let r =
                    access.decide(rid, RequestState::Done, c.name(), &format!("seed {seed}"))?;
                Ok(Json(
                    json!({ "request": r, "seed": seed, "targets": proof.targets.len() }),
                ))
            }
            RequestKind::Replace | RequestKind::Void => {
                match super::outcomes::execute(&mut *store, &r, &actor) {
                    Ok((outcome, answer)) => {
                        let r = access.decide(rid, RequestState::Done, c.name(), &outcome)?;
                        Ok(Json(json!({ "request": r, "result": answer })))
                    }
                    Err((e, Some(outcome))) => {
                        access.decide(rid, RequestState::Done, c.name(), &outcome)?;
                        Err(e)
                    }
                    Err((e, None)) => Err(e),
                }
            }
        }
    })
    .await
}
