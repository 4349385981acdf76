//! After the draw (抽取之后): inspection results, replacements and voiding.
//! Results are recorded by a clerk (all rows or none); a replacement or a
//! voiding is a request that an approver approves, like a draw.

use super::access::{Request, RequestKind};
use super::common::{authorized, bearer, in_scope, known, now};
use super::error::{Body, parse_json};
use super::{ApiError, ServeState};
use crate::core::replace::Request as Replace;
use crate::core::results::InspectionResult;
use crate::store::{
    Actor, CampaignState, ReplaceFlowError, ResultsFlowError, RowWhy, Store, import_results,
    replace_now, store_calendar,
};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use serde_json::{Value, json};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ResultRow {
    target: String,
    item: String,
    /// The category (检查结果类别), e.g. `未发现问题`.
    result: String,
    inspected_on: chrono::NaiveDate,
    officers: Vec<String>,
    #[serde(default)]
    note: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Results {
    results: Vec<ResultRow>,
}

pub(super) async fn add_results(
    State(st): State<ServeState>,
    Path((b, id)): Path<(String, String)>,
    h: HeaderMap,
    Body(body): Body,
) -> Result<Json<Value>, ApiError> {
    let route = ("POST", "/campaigns/{campaign}/results");
    authorized(st, bearer(&h), b, route, move |st, c| {
        let ask: Results = parse_json(&h, &body)?;
        let mut store = st.store(&c.bureau, true)?;
        known(&*store, &id)?;
        in_scope(&c, &store.announcement(&id)?.campaign.lead_department)?;
        let rows = ask
            .results
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let row = InspectionResult {
                    campaign: id.clone(),
                    target: r.target,
                    item: r.item,
                    result: r.result,
                    inspected_on: r.inspected_on,
                    officers: r.officers,
                    note: r.note,
                };
                (i as u64 + 1, row)
            })
            .collect();
        let cal = store_calendar(&*store)?;
        let at = now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let actor = Actor {
            operator: c.name().to_string(),
            approver: String::new(),
        };
        let recorded =
            import_results(&mut *store, &id, rows, &cal, &at, &actor).map_err(|e| match e {
                ResultsFlowError::Rows(problems) => {
                    let list: Vec<String> = problems
                        .iter()
                        .map(|p| {
                            let why = match &p.why {
                                RowWhy::Rejected(e) => e.to_string(),
                                RowWhy::Duplicate { first_line } => {
                                    format!("the same target and item as result {first_line}")
                                }
                                RowWhy::AlreadyRecorded => {
                                    "already recorded (a correction is `dualdraw results correct`)"
                                        .into()
                                }
                            };
                            format!(
                                "result {} ({} {}): {why} [{}]",
                                p.line,
                                p.target,
                                p.item,
                                p.why.code()
                            )
                        })
                        .collect();
                    ApiError::invalid(format!(
                        "{} problem(s); nothing was recorded:\n{}",
                        list.len(),
                        list.join("\n")
                    ))
                }
                ResultsFlowError::Store(s) => s.into(),
                e => ApiError::invalid(e.to_string()),
            })?;
        Ok(Json(json!({ "campaign": id, "recorded": recorded.len() })))
    })
    .await
}

pub(super) async fn results(
    State(st): State<ServeState>,
    Path((b, id)): Path<(String, String)>,
    h: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let route = ("GET", "/campaigns/{campaign}/results");
    authorized(st, bearer(&h), b, route, move |st, c| {
        let store = st.store(&c.bureau, false)?;
        known(&*store, &id)?;
        Ok(Json(
            json!({ "campaign": id, "results": store.results(&id)? }),
        ))
    })
    .await
}

pub(super) async fn replacements(
    State(st): State<ServeState>,
    Path((b, id)): Path<(String, String)>,
    h: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let route = ("GET", "/campaigns/{campaign}/replacements");
    authorized(st, bearer(&h), b, route, move |st, c| {
        let store = st.store(&c.bureau, false)?;
        known(&*store, &id)?;
        Ok(Json(
            json!({ "campaign": id, "replacements": store.replacements(&id)? }),
        ))
    })
    .await
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct AskReplacement {
    /// The drawn target (USCC).
    target: String,
    /// One officer of its team (certificate number); without it the target
    /// itself is replaced.
    #[serde(default)]
    officer: Option<String>,
    /// Why (closed, moved out, ill…).
    reason: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct AskVoid {
    /// Why the campaign is voided in the open (作废原因).
    reason: String,
}

fn ask(
    st: &ServeState,
    c: &super::Caller,
    id: &str,
    kind: RequestKind,
    payload: Value,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let store = st.store(&c.bureau, false)?;
    let state = known(&*store, id)?;
    if state == CampaignState::Voided {
        return Err(ApiError::conflict(format!("campaign {id} is voided")));
    }
    if kind == RequestKind::Replace && state != CampaignState::Drawn {
        return Err(ApiError::conflict(format!(
            "campaign {id} is not drawn: nothing to replace"
        )));
    }
    in_scope(c, &store.announcement(id)?.campaign.lead_department)?;
    let r = st
        .access(&c.bureau)?
        .add_request(kind, id, &payload, c.name())?;
    Ok((StatusCode::ACCEPTED, Json(json!({ "request": r }))))
}

pub(super) async fn ask_replacement(
    State(st): State<ServeState>,
    Path((b, id)): Path<(String, String)>,
    h: HeaderMap,
    Body(body): Body,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let route = ("POST", "/campaigns/{campaign}/replacements");
    authorized(st, bearer(&h), b, route, move |st, c| {
        let a: AskReplacement = parse_json(&h, &body)?;
        let payload = json!({ "target": a.target, "officer": a.officer, "reason": a.reason });
        ask(st, &c, &id, RequestKind::Replace, payload)
    })
    .await
}

pub(super) async fn ask_void(
    State(st): State<ServeState>,
    Path((b, id)): Path<(String, String)>,
    h: HeaderMap,
    Body(body): Body,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let route = ("POST", "/campaigns/{campaign}/void");
    authorized(st, bearer(&h), b, route, move |st, c| {
        let a: AskVoid = parse_json(&h, &body)?;
        ask(
            st,
            &c,
            &id,
            RequestKind::Void,
            json!({ "reason": a.reason }),
        )
    })
    .await
}

/// The reason recorded for request `r`: the clerk's, marked with the
/// request's number, so that approving again after a lost answer finds
/// what was recorded instead of doing it twice.
fn marked(r: &Request) -> String {
    let reason = r
        .payload
        .get("reason")
        .and_then(Value::as_str)
        .unwrap_or("");
    format!("{reason} (request {})", r.id)
}

/// Carries out an approved replacement or voiding: what to record as the
/// request's outcome, and the answer. `Err` with 409 and `Some(outcome)`
/// when it was done before (the request is then closed with that outcome).
pub(super) fn execute(
    store: &mut dyn Store,
    r: &Request,
    actor: &Actor,
) -> Result<(String, Value), (ApiError, Option<String>)> {
    let reason = marked(r);
    let id = r.campaign.as_str();
    let store_err = |e: crate::store::StoreError| (ApiError::from(e), None);
    match r.kind {
        RequestKind::Void => {
            if store.campaign_state(id).map_err(store_err)? == CampaignState::Voided {
                let m = format!("campaign {id} was already voided");
                return Err((ApiError::conflict(m.clone()), Some(m)));
            }
            let at = now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            store
                .void_campaign(id, &reason, &at, actor)
                .map_err(store_err)?;
            Ok((
                format!("voided: {reason}"),
                json!({ "campaign": id, "voided": true }),
            ))
        }
        RequestKind::Replace => {
            let done = store.replacements(id).map_err(store_err)?;
            if let Some(x) = done.iter().find(|x| x.reason == reason) {
                let m = format!(
                    "request {} was already carried out: replacement {} of campaign {id}",
                    r.id, x.seq
                );
                return Err((ApiError::conflict(m.clone()), Some(m)));
            }
            let target = r
                .payload
                .get("target")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let request = match r.payload.get("officer").and_then(Value::as_str) {
                Some(officer) => Replace::Officer {
                    target,
                    officer: officer.to_string(),
                },
                None => Replace::Target { target },
            };
            let x =
                replace_now(store, id, request, &reason, now(), actor).map_err(|e| match e {
                    ReplaceFlowError::Store(s) => (s.into(), None),
                    e => (ApiError::invalid(e.to_string()), None),
                })?;
            let v =
                serde_json::to_value(&x).map_err(|e| (ApiError::internal(e.to_string()), None))?;
            Ok((
                format!("replacement {}: {}", x.seq, x.replacement),
                json!({ "replacement": v }),
            ))
        }
        RequestKind::Announce | RequestKind::Draw => {
            Err((ApiError::internal("not a replacement or a voiding"), None))
        }
    }
}

/// Refuses a clerk scoped to a department: the calendar is the bureau's.
fn whole_bureau(c: &super::Caller) -> Result<(), ApiError> {
    match c.account.as_ref().and_then(|a| a.department.as_deref()) {
        Some(d) => Err(ApiError::forbidden(
            "department_scope",
            format!("the calendar is the whole bureau's; this clerk acts for {d}"),
        )),
        None => Ok(()),
    }
}

pub(super) async fn calendar(
    State(st): State<ServeState>,
    Path(b): Path<String>,
    h: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let route = ("GET", "/calendar");
    authorized(st, bearer(&h), b, route, move |st, c| {
        let store = st.store(&c.bureau, false)?;
        let shipped: Vec<i32> = crate::core::calendar::Calendar::shipped().years();
        Ok(Json(
            json!({ "shipped": shipped, "stored": store.calendar_years()? }),
        ))
    })
    .await
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ImportYears {
    /// The official schedules (the TOML of `dualdraw calendar import`).
    schedule: String,
    /// Replace a known year's other days.
    #[serde(default)]
    replace: bool,
}

pub(super) async fn import_years(
    State(st): State<ServeState>,
    Path(b): Path<String>,
    h: HeaderMap,
    Body(body): Body,
) -> Result<Json<Value>, ApiError> {
    let route = ("POST", "/calendar/years");
    authorized(st, bearer(&h), b, route, move |st, c| {
        whole_bureau(&c)?;
        let ask: ImportYears = parse_json(&h, &body)?;
        let years = crate::core::calendar::parse_schedules(&ask.schedule)
            .and_then(|ys| {
                ys.iter()
                    .try_for_each(crate::core::calendar::YearSchedule::check_official)?;
                Ok(ys)
            })
            .map_err(|e| ApiError::invalid(format!("schedule: {e}")))?;
        if years.is_empty() {
            return Err(ApiError::invalid("schedule: no year in it"));
        }
        let mut store = st.store(&c.bureau, true)?;
        let at = now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let actor = Actor {
            operator: c.name().to_string(),
            approver: String::new(),
        };
        let outcomes = store.store_calendar_years(&years, ask.replace, "api", &at, &actor)?;
        let list: Vec<Value> = outcomes
            .iter()
            .map(|(y, o)| json!({ "year": y, "outcome": o }))
            .collect();
        Ok(Json(json!({ "years": list })))
    })
    .await
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct AssumeYear {
    /// A year without an official schedule yet: weekends only, every
    /// deadline through it provisional (暂定).
    year: i32,
}

pub(super) async fn assume_year(
    State(st): State<ServeState>,
    Path(b): Path<String>,
    h: HeaderMap,
    Body(body): Body,
) -> Result<Json<Value>, ApiError> {
    let route = ("POST", "/calendar/assumed-years");
    authorized(st, bearer(&h), b, route, move |st, c| {
        whole_bureau(&c)?;
        let ask: AssumeYear = parse_json(&h, &body)?;
        if !(2000..=2100).contains(&ask.year) {
            return Err(ApiError::invalid(format!(
                "year {}: 2000 to 2100",
                ask.year
            )));
        }
        let mut store = st.store(&c.bureau, true)?;
        let cal = store_calendar(&*store)?;
        if cal.year(ask.year).is_some() {
            return Err(ApiError::conflict(format!(
                "{} has an official schedule: nothing to assume",
                ask.year
            )));
        }
        let at = now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let actor = Actor {
            operator: c.name().to_string(),
            approver: String::new(),
        };
        let recorded = store.assume_weekends(ask.year, &at, &actor)?;
        Ok(Json(json!({ "year": ask.year, "recorded": recorded })))
    })
    .await
}
