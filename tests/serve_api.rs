//! `dualdraw serve` in process (tower's `oneshot` on the router): every
//! endpoint with every role and a foreign bureau's token, the two-person
//! flow from a clerk's request to a public proof, and bad bodies. On the
//! SQLite workspace always; on PostgreSQL when DUALDRAW_PG_URL is set (and
//! always under CI).

mod serve_support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use dualdraw::serve::{Backend, ENDPOINTS, Limits, Role, ServeState, router};
use serde_json::{Value, json};
use serve_support::*;
use tower::ServiceExt;

struct Api {
    app: axum::Router,
}

impl Api {
    fn new(backend: Backend, limits: Limits) -> Api {
        let state = ServeState::new(backend, limits);
        state.prepare().unwrap();
        Api { app: router(state) }
    }

    fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let bytes = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
        self.raw(method, path, token, "application/json", bytes)
    }

    fn raw(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        ct: &str,
        body: Vec<u8>,
    ) -> (StatusCode, Value) {
        let mut r = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            r = r.header("authorization", format!("Bearer {t}"));
        }
        if !body.is_empty() {
            r = r.header("content-type", ct);
        }
        let req = r.body(Body::from(body)).unwrap();
        let app = self.app.clone();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let res = app.oneshot(req).await.unwrap();
            let status = res.status();
            let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
                .await
                .unwrap();
            let v = serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| json!({ "raw": String::from_utf8_lossy(&bytes) }));
            (status, v)
        })
    }
}

fn code(v: &Value) -> &str {
    v["error"]["code"].as_str().unwrap_or("")
}

/// Announces campaign `id` through the two-person flow and returns the
/// announcement hash.
/// `token`'s holder approves request `rid` of bureau `b`.
fn approve(api: &Api, b: &str, token: &str, rid: i64) -> (StatusCode, Value) {
    api.call(
        "POST",
        &format!("/v1/bureaus/{b}/requests/{rid}/approve"),
        Some(token),
        None,
    )
}

fn announce(api: &Api, b: &str, t: &Tokens, id: &str, with_witness: bool) -> String {
    let (s, v) = api.call(
        "POST",
        &format!("/v1/bureaus/{b}/campaigns"),
        Some(&t["clerk"]),
        Some(json!({ "campaign": campaign_toml(id, "县市场监管局", with_witness) })),
    );
    assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    let rid = v["request"]["id"].as_i64().unwrap();
    let (s, v) = approve(api, b, &t["approver"], rid);
    assert_eq!(s, StatusCode::OK, "{v}");
    v["announcement_hash"].as_str().unwrap().to_string()
}

fn every_endpoint_refuses_every_role_it_does_not_allow(api: &Api, b: &str, t: &Tokens) {
    announce(api, b, t, "matrix-1", true);
    let foreign = format!("dd1.other_bureau.{}", "ab".repeat(32));
    let mut checked = 0;
    for e in ENDPOINTS {
        let path = e
            .path
            .replace("{bureau}", b)
            .replace("{campaign}", "matrix-1")
            .replace("{request}", "999999")
            .replace("{account}", "999999")
            .replace("{kind}", "recusals");
        let body = (e.method != "GET").then(|| json!({}));
        if e.roles.is_empty() {
            let (s, v) = api.call(e.method, &path, None, body.clone());
            assert!(
                s != StatusCode::UNAUTHORIZED && s != StatusCode::FORBIDDEN,
                "{} {path} anonymous: {s} {v}",
                e.method
            );
            checked += 1;
            continue;
        }
        for r in Role::ALL {
            let (s, v) = api.call(e.method, &path, Some(&t[r.as_str()]), body.clone());
            if e.roles.contains(&r) {
                assert!(
                    s != StatusCode::UNAUTHORIZED && s != StatusCode::FORBIDDEN,
                    "{} {path} as {r}: {s} {v}",
                    e.method
                );
            } else {
                assert_eq!(
                    (s, code(&v)),
                    (StatusCode::FORBIDDEN, "role"),
                    "{} {path} as {r}: {v}",
                    e.method
                );
            }
            checked += 1;
        }
        let (s, v) = api.call(e.method, &path, Some(&foreign), body.clone());
        assert_eq!(
            (s, code(&v)),
            (StatusCode::FORBIDDEN, "foreign_bureau"),
            "{} {path} foreign: {v}",
            e.method
        );
        let (s, _) = api.call(e.method, &path, None, body.clone());
        assert_eq!(
            s,
            StatusCode::UNAUTHORIZED,
            "{} {path} without a token",
            e.method
        );
        let (s, _) = api.call(e.method, &path, Some(&t["revoked"]), body.clone());
        assert_eq!(s, StatusCode::UNAUTHORIZED, "{} {path} revoked", e.method);
        let (s, _) = api.call(e.method, &path, Some("dd1.local.not-hex"), body);
        assert_eq!(s, StatusCode::UNAUTHORIZED, "{} {path} malformed", e.method);
        checked += 4;
    }
    eprintln!("{checked} endpoint × caller checks on bureau {b}");
    assert!(checked > 150);
}

fn a_draw_takes_a_clerk_and_another_approver_and_ends_public(api: &Api, b: &str, t: &Tokens) {
    // The clerk asks; the witness adds a commitment made on their own machine.
    let (s, v) = api.call(
        "POST",
        &format!("/v1/bureaus/{b}/campaigns"),
        Some(&t["clerk"]),
        Some(json!({ "campaign": campaign_toml("flow-1", "县市场监管局", false) })),
    );
    assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    let rid = v["request"]["id"].as_i64().unwrap();
    let commitment = dualdraw::core::entropy::witness_commitment(SECRET).to_hex();
    let (s, v) = api.call(
        "POST",
        &format!("/v1/bureaus/{b}/requests/{rid}/commitments"),
        Some(&t["witness"]),
        Some(json!({ "commitment": commitment })),
    );
    assert_eq!(s, StatusCode::OK, "{v}");
    // The clerk cannot approve (wrong role); an approver who asked could not either.
    let (s, v) = approve(api, b, &t["clerk"], rid);
    assert_eq!((s, code(&v)), (StatusCode::FORBIDDEN, "role"));
    let (s, v) = approve(api, b, &t["approver"], rid);
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = approve(api, b, &t["approver2"], rid);
    assert_eq!(
        s,
        StatusCode::CONFLICT,
        "a decided request is not approved twice: {v}"
    );
    // A scoped clerk of another department may not ask for its draw.
    let (s, v) = api.call(
        "POST",
        &format!("/v1/bureaus/{b}/campaigns/flow-1/draw"),
        Some(&t["clerk_scoped"]),
        None,
    );
    assert_eq!(
        (s, code(&v)),
        (StatusCode::FORBIDDEN, "department_scope"),
        "{v}"
    );
    // The witness reveals (the only time the secret reaches the service).
    let (s, v) = api.call(
        "POST",
        &format!("/v1/bureaus/{b}/campaigns/flow-1/reveals"),
        Some(&t["witness"]),
        Some(json!({ "secret": "a wrong secret" })),
    );
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let (s, v) = api.call(
        "POST",
        &format!("/v1/bureaus/{b}/campaigns/flow-1/reveals"),
        Some(&t["witness"]),
        Some(json!({ "secret": SECRET })),
    );
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = api.call(
        "POST",
        &format!("/v1/bureaus/{b}/campaigns/flow-1/draw"),
        Some(&t["clerk"]),
        None,
    );
    assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    let rid = v["request"]["id"].as_i64().unwrap();
    // The public sees nothing of the draw yet.
    let (s, _) = api.call(
        "GET",
        &format!("/v1/bureaus/{b}/public/campaigns/flow-1/proof"),
        None,
        None,
    );
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, v) = approve(api, b, &t["approver2"], rid);
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(v["targets"].as_u64().unwrap() > 0, "{v}");
    // The ledger names both people.
    let (s, v) = api.call(
        "GET",
        &format!("/v1/bureaus/{b}/ledger"),
        Some(&t["auditor"]),
        None,
    );
    assert_eq!(s, StatusCode::OK);
    let draw = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "draw" && e["campaign"] == "flow-1")
        .unwrap()
        .clone();
    assert_eq!(
        (draw["operator"].as_str(), draw["approver"].as_str()),
        (Some("clerk-1"), Some("approver-2"))
    );
    let ann = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "announcement" && e["campaign"] == "flow-1")
        .unwrap()
        .clone();
    assert_eq!(
        (ann["operator"].as_str(), ann["approver"].as_str()),
        (Some("clerk-1"), Some("approver-1"))
    );
    let (s, v) = api.call(
        "GET",
        &format!("/v1/bureaus/{b}/ledger/verify"),
        Some(&t["auditor"]),
        None,
    );
    assert_eq!((s, &v["ok"]), (StatusCode::OK, &json!(true)), "{v}");
    // The auditor's verdict names the level and what it could not establish.
    let (s, v) = api.call(
        "GET",
        &format!("/v1/bureaus/{b}/campaigns/flow-1/verify"),
        Some(&t["auditor"]),
        None,
    );
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        (&v["ok"], &v["level"], &v["verdict"]),
        (&json!(true), &json!("audit"), &json!("valid")),
        "{v}"
    );
    assert!(v["not_checked"].is_array());
    // A second draw is refused, whoever asks.
    let (s, _) = api.call(
        "POST",
        &format!("/v1/bureaus/{b}/campaigns/flow-1/draw"),
        Some(&t["clerk"]),
        None,
    );
    assert_eq!(s, StatusCode::CONFLICT);
    // Published: anyone reads the same proof the staff read.
    let (s, v) = api.call(
        "POST",
        &format!("/v1/bureaus/{b}/campaigns/flow-1/publication"),
        Some(&t["clerk"]),
        None,
    );
    assert_eq!(s, StatusCode::OK, "{v}");
    let (_, staff) = api.call(
        "GET",
        &format!("/v1/bureaus/{b}/campaigns/flow-1/proof"),
        Some(&t["approver"]),
        None,
    );
    let (s, public) = api.call(
        "GET",
        &format!("/v1/bureaus/{b}/public/campaigns/flow-1/proof"),
        None,
        None,
    );
    assert_eq!(s, StatusCode::OK);
    assert_eq!(staff, public);
    let (s, v) = api.call(
        "GET",
        &format!("/v1/bureaus/{b}/public/campaigns"),
        None,
        None,
    );
    assert_eq!(s, StatusCode::OK);
    let flow = v["campaigns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "flow-1")
        .unwrap()
        .clone();
    assert!(flow["draw_published_at"].is_string(), "{v}");
    assert_eq!(
        flow["announcement_hash"], staff["announcement"]["hash"],
        "{v}"
    );
    // A registry file uploaded (streamed to disk, then imported all or none).
    let dir = tempfile::tempdir().unwrap();
    dualdraw::io::generate::write_county(
        &dualdraw::io::generate::CountySpec {
            seed: 11,
            entities: 300,
            ..Default::default()
        },
        dir.path(),
    )
    .unwrap();
    let csv = std::fs::read(dir.path().join("items.csv")).unwrap();
    let (s, v) = api.raw(
        "POST",
        &format!("/v1/bureaus/{b}/registries/items"),
        Some(&t["clerk"]),
        "text/csv",
        csv,
    );
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["import"]["kind"], json!("items"), "{v}");
    assert_eq!(v["import"]["file"], json!("items.csv"), "{v}");
    // Every bad row is reported, by line and column, in the file's own name.
    let bad = std::fs::read(dir.path().join("recusals.csv")).unwrap();
    let (s, v) = api.raw(
        "POST",
        &format!("/v1/bureaus/{b}/registries/recusals"),
        Some(&t["clerk"]),
        "text/csv",
        bad,
    );
    assert_eq!(
        (s, code(&v)),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid"),
        "{v}"
    );
    let m = v["error"]["message"].as_str().unwrap();
    assert!(
        m.contains("recusals.csv:2:") && !m.contains("dualdraw-upload"),
        "{m}"
    );
    let (s, v) = api.raw(
        "POST",
        &format!("/v1/bureaus/{b}/registries/recusals"),
        Some(&t["clerk_scoped"]),
        "text/csv",
        b"x".to_vec(),
    );
    assert_eq!(
        (s, code(&v)),
        (StatusCode::FORBIDDEN, "department_scope"),
        "{v}"
    );
    // Results after the draw: checked against it, all or none.
    let targets = staff["targets"].as_array().unwrap().clone();
    assert!(targets.len() >= 2, "{staff}");
    let uscc = targets[0]["entity"]["uscc"].as_str().unwrap();
    let item = targets[0]["items"][0].as_str().unwrap();
    let team = staff["teams"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["target"] == uscc)
        .unwrap()["officers"]
        .clone();
    let row = json!({ "target": uscc, "item": item, "result": "未发现问题",
        "inspected_on": china_today().to_string(), "officers": team });
    let results = format!("/v1/bureaus/{b}/campaigns/flow-1/results");
    let (s, v) = api.call(
        "POST",
        &results,
        Some(&t["clerk"]),
        Some(json!({ "results": [row.clone()] })),
    );
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = api.call(
        "POST",
        &results,
        Some(&t["clerk"]),
        Some(json!({ "results": [row] })),
    );
    assert_eq!(
        (s, code(&v)),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid"),
        "{v}"
    );
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("already recorded"),
        "{v}"
    );
    let (_, v) = api.call("GET", &results, Some(&t["auditor"]), None);
    assert_eq!(v["results"].as_array().unwrap().len(), 1, "{v}");
    // A replacement: asked by the clerk, approved by another person, once.
    // The draw is on the real clock: a target whose stratum has no entity
    // left to replace it is refused as the rule says (422), and the next
    // target is asked for instead.
    let mut approved = None;
    for target in &targets[1..] {
        let other = target["entity"]["uscc"].as_str().unwrap();
        let (s, v) = api.call(
            "POST",
            &format!("/v1/bureaus/{b}/campaigns/flow-1/replacements"),
            Some(&t["clerk"]),
            Some(json!({ "target": other, "reason": "已注销" })),
        );
        assert_eq!(s, StatusCode::ACCEPTED, "{v}");
        let rid = v["request"]["id"].as_i64().unwrap();
        let (s, v) = approve(api, b, &t["approver"], rid);
        if s == StatusCode::UNPROCESSABLE_ENTITY
            && v["error"]["message"]
                .as_str()
                .is_some_and(|m| m.contains("no entity is left in the stratum"))
        {
            continue;
        }
        assert_eq!(s, StatusCode::OK, "{v}");
        approved = Some(rid);
        break;
    }
    let rid = approved.expect("some target of the draw can be replaced");
    let (s, _) = approve(api, b, &t["approver2"], rid);
    assert_eq!(s, StatusCode::CONFLICT);
    let (_, v) = api.call(
        "GET",
        &format!("/v1/bureaus/{b}/campaigns/flow-1/replacements"),
        Some(&t["auditor"]),
        None,
    );
    let list = v["replacements"].as_array().unwrap();
    assert_eq!(list.len(), 1, "{v}");
    assert!(
        list[0]["reason"]
            .as_str()
            .unwrap()
            .starts_with("已注销 (request "),
        "{v}"
    );
    // The calendar: a year assumed once; a year with an official schedule is not assumed.
    let year = chrono::Datelike::year(&china_today()) + 2;
    let (s, v) = api.call(
        "POST",
        &format!("/v1/bureaus/{b}/calendar/assumed-years"),
        Some(&t["clerk"]),
        Some(json!({ "year": year })),
    );
    assert_eq!((s, &v["recorded"]), (StatusCode::OK, &json!(true)), "{v}");
    let (s, _) = api.call(
        "POST",
        &format!("/v1/bureaus/{b}/calendar/assumed-years"),
        Some(&t["clerk"]),
        Some(json!({ "year": 2025 })),
    );
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, v) = api.call(
        "POST",
        &format!("/v1/bureaus/{b}/calendar/assumed-years"),
        Some(&t["clerk_scoped"]),
        Some(json!({ "year": year + 1 })),
    );
    assert_eq!((s, code(&v)), (StatusCode::FORBIDDEN, "department_scope"));
    let (_, v) = api.call(
        "GET",
        &format!("/v1/bureaus/{b}/calendar"),
        Some(&t["auditor"]),
        None,
    );
    assert!(
        v["stored"]
            .as_array()
            .unwrap()
            .iter()
            .any(|y| y["year"] == json!(year) && y["schedule"].is_null()),
        "{v}"
    );
    // Voiding another campaign in the open: then it cannot be drawn.
    announce(api, b, t, "flow-2", true);
    let (s, v) = api.call(
        "POST",
        &format!("/v1/bureaus/{b}/campaigns/flow-2/void"),
        Some(&t["clerk"]),
        Some(json!({ "reason": "重复立项" })),
    );
    assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    let rid = v["request"]["id"].as_i64().unwrap();
    let (s, v) = approve(api, b, &t["approver2"], rid);
    assert_eq!(s, StatusCode::OK, "{v}");
    let (_, v) = api.call(
        "GET",
        &format!("/v1/bureaus/{b}/campaigns/flow-2"),
        Some(&t["auditor"]),
        None,
    );
    assert_eq!(v["state"], json!("voided"), "{v}");
    let (s, _) = api.call(
        "POST",
        &format!("/v1/bureaus/{b}/campaigns/flow-2/draw"),
        Some(&t["clerk"]),
        None,
    );
    assert_eq!(s, StatusCode::CONFLICT);
    // Tokens: the admin rotates one; the old token stops at once.
    let (s, v) = api.call(
        "POST",
        &format!("/v1/bureaus/{b}/tokens"),
        Some(&t["admin"]),
        Some(json!({ "name": "新经办人", "role": "clerk" })),
    );
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let old = v["token"].as_str().unwrap().to_string();
    let id = v["account"]["id"].as_i64().unwrap();
    let (s, _) = api.call(
        "GET",
        &format!("/v1/bureaus/{b}/campaigns"),
        Some(&old),
        None,
    );
    assert_eq!(s, StatusCode::OK);
    let (s, v) = api.call(
        "POST",
        &format!("/v1/bureaus/{b}/tokens/{id}/rotate"),
        Some(&t["admin"]),
        None,
    );
    assert_eq!(s, StatusCode::OK);
    let new = v["token"].as_str().unwrap().to_string();
    let (s, _) = api.call(
        "GET",
        &format!("/v1/bureaus/{b}/campaigns"),
        Some(&old),
        None,
    );
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = api.call(
        "GET",
        &format!("/v1/bureaus/{b}/campaigns"),
        Some(&new),
        None,
    );
    assert_eq!(s, StatusCode::OK);
    let (_, v) = api.call(
        "GET",
        &format!("/v1/bureaus/{b}/tokens"),
        Some(&t["auditor"]),
        None,
    );
    assert!(
        !v.to_string().contains(&new[12..]),
        "tokens are never listed"
    );
}

fn bad_bodies_get_a_4xx_that_says_what_is_wrong(b: &str, t: &Tokens, backend: Backend) {
    let api = Api::new(
        backend,
        Limits {
            json_body: 4096,
            ..Limits::default()
        },
    );
    let path = format!("/v1/bureaus/{b}/campaigns");
    let clerk = Some(t["clerk"].as_str());
    let (s, v) = api.raw(
        "POST",
        &path,
        clerk,
        "application/json",
        b"{\"campaign\": ".to_vec(),
    );
    assert_eq!((s, code(&v)), (StatusCode::BAD_REQUEST, "bad_json"), "{v}");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not valid JSON")
    );
    let (s, v) = api.call(
        "POST",
        &path,
        clerk,
        Some(json!({ "campaign": "x", "priority": 1 })),
    );
    assert_eq!(
        (s, code(&v)),
        (StatusCode::UNPROCESSABLE_ENTITY, "bad_field"),
        "{v}"
    );
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("unknown field `priority`"),
        "{v}"
    );
    let (s, v) = api.call("POST", &path, clerk, Some(json!({ "campaign": 7 })));
    assert_eq!(
        (s, code(&v)),
        (StatusCode::UNPROCESSABLE_ENTITY, "bad_field"),
        "{v}"
    );
    let (s, v) = api.raw("POST", &path, clerk, "text/plain", b"{}".to_vec());
    assert_eq!(
        (s, code(&v)),
        (StatusCode::UNSUPPORTED_MEDIA_TYPE, "content_type"),
        "{v}"
    );
    let big = json!({ "campaign": "x".repeat(10_000) });
    let (s, v) = api.call("POST", &path, clerk, Some(big));
    assert_eq!(
        (s, code(&v)),
        (StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
        "{v}"
    );
    let (s, v) = api.call("POST", &path, clerk, Some(json!({ "campaign": "id = 3" })));
    assert_eq!(
        (s, code(&v)),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid"),
        "{v}"
    );
    let (s, v) = api.call("DELETE", &path, clerk, None);
    assert_eq!(
        (s, code(&v)),
        (StatusCode::METHOD_NOT_ALLOWED, "method"),
        "{v}"
    );
    let (s, v) = api.call("GET", "/v1/nothing/here", None, None);
    assert_eq!((s, code(&v)), (StatusCode::NOT_FOUND, "not_found"), "{v}");
    let (s, v) = api.call(
        "POST",
        &format!("/v1/bureaus/{b}/requests/abc/approve"),
        Some(&t["approver"]),
        None,
    );
    assert_eq!((s, code(&v)), (StatusCode::NOT_FOUND, "not_found"), "{v}");
    let (s, v) = api.call(
        "POST",
        &format!("/v1/bureaus/{b}/tokens"),
        Some(&t["admin"]),
        Some(json!({ "name": "x", "role": "king" })),
    );
    assert_eq!(
        (s, code(&v)),
        (StatusCode::UNPROCESSABLE_ENTITY, "bad_field"),
        "{v}"
    );
    let (s, v) = api.raw(
        "POST",
        &format!("/v1/bureaus/{b}/registries/recusals?format=pdf"),
        clerk,
        "text/csv",
        b"a,b\n".to_vec(),
    );
    assert_eq!(
        (s, code(&v)),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid"),
        "{v}"
    );
    let (s, v) = api.raw(
        "POST",
        &format!("/v1/bureaus/{b}/registries/recusals?colour=red"),
        clerk,
        "text/csv",
        b"a,b\n".to_vec(),
    );
    assert_eq!(
        (s, code(&v)),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid"),
        "{v}"
    );
}

#[test]
fn sqlite_every_endpoint_refuses_every_role_it_does_not_allow() {
    let dir = tempfile::tempdir().unwrap();
    let (backend, b, t) = sqlite_bureau(dir.path());
    let api = Api::new(backend, Limits::default());
    every_endpoint_refuses_every_role_it_does_not_allow(&api, b.as_str(), &t);
}

#[test]
fn sqlite_a_draw_takes_a_clerk_and_another_approver_and_ends_public() {
    let dir = tempfile::tempdir().unwrap();
    let (backend, b, t) = sqlite_bureau(dir.path());
    let api = Api::new(backend, Limits::default());
    a_draw_takes_a_clerk_and_another_approver_and_ends_public(&api, b.as_str(), &t);
}

#[test]
fn sqlite_bad_bodies_get_a_4xx_that_says_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let (backend, b, t) = sqlite_bureau(dir.path());
    bad_bodies_get_a_4xx_that_says_what_is_wrong(b.as_str(), &t, backend);
}

#[test]
fn postgres_every_endpoint_refuses_every_role_and_every_other_bureau() {
    let Some(url) = pg_url() else { return };
    let (backend, b, t) = pg_bureau(&url, "sra");
    let (_, other, other_tokens) = pg_bureau(&url, "srb");
    let api = Api::new(backend, Limits::default());
    every_endpoint_refuses_every_role_it_does_not_allow(&api, b.as_str(), &t);
    // A real token of another bureau on this bureau's paths, for every
    // endpoint and every role of that bureau: refused before any look-up.
    for e in ENDPOINTS.iter().filter(|e| !e.roles.is_empty()) {
        let path = e
            .path
            .replace("{bureau}", b.as_str())
            .replace("{campaign}", "matrix-1")
            .replace("{request}", "1")
            .replace("{account}", "1")
            .replace("{kind}", "recusals");
        for r in Role::ALL {
            let (s, v) = api.call(
                e.method,
                &path,
                Some(&other_tokens[r.as_str()]),
                (e.method != "GET").then(|| json!({})),
            );
            assert_eq!(
                (s, code(&v)),
                (StatusCode::FORBIDDEN, "foreign_bureau"),
                "{} {path} with {other}'s {r}: {v}",
                e.method
            );
        }
    }
}

#[test]
fn postgres_a_draw_takes_a_clerk_and_another_approver_and_ends_public() {
    let Some(url) = pg_url() else { return };
    let (backend, b, t) = pg_bureau(&url, "srf");
    let api = Api::new(backend, Limits::default());
    a_draw_takes_a_clerk_and_another_approver_and_ends_public(&api, b.as_str(), &t);
}

#[test]
fn postgres_bad_bodies_get_a_4xx_that_says_what_is_wrong() {
    let Some(url) = pg_url() else { return };
    let (backend, b, t) = pg_bureau(&url, "srx");
    // A bureau that is not on the database: 404, whoever asks.
    let api = Api::new(backend.clone(), Limits::default());
    let ghost = format!("dd1.nosuch_bureau_x.{}", "cd".repeat(32));
    let (s, v) = api.call(
        "GET",
        "/v1/bureaus/nosuch_bureau_x/campaigns",
        Some(&ghost),
        None,
    );
    assert_eq!((s, code(&v)), (StatusCode::NOT_FOUND, "not_found"), "{v}");
    bad_bodies_get_a_4xx_that_says_what_is_wrong(b.as_str(), &t, backend);
}

#[test]
fn the_committed_openapi_description_is_the_one_served() {
    let served = dualdraw::serve::openapi::document();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/openapi.json");
    let pretty = serde_json::to_string_pretty(&served).unwrap() + "\n";
    if std::env::var_os("DUALDRAW_UPDATE_OPENAPI").is_some() {
        std::fs::write(path, &pretty).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        committed, pretty,
        "docs/openapi.json is stale: DUALDRAW_UPDATE_OPENAPI=1 cargo test --test serve_api"
    );
    for e in ENDPOINTS {
        assert!(
            served["paths"][e.path][e.method.to_ascii_lowercase()].is_object(),
            "{} {}",
            e.method,
            e.path
        );
    }
}

/// The most connections bureau `b` held at once while `requests` GETs of
/// its ledger ran from 16 threads, with the service's `--concurrent` at
/// `concurrent`, sampled from pg_stat_activity.
fn peak_connections(url: &str, concurrent: usize, requests: usize) -> usize {
    let (backend, b, t) = pg_bureau(url, "scc");
    let state = ServeState::new(
        backend,
        Limits {
            concurrent,
            ..Limits::default()
        },
    );
    state.prepare().unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let base = format!(
        "http://{}/v1/bureaus/{b}/ledger",
        listener.local_addr().unwrap()
    );
    rt.spawn(async move { axum::serve(listener, router(state)).await });
    let done = std::sync::atomic::AtomicBool::new(false);
    let mut peak = 0;
    std::thread::scope(|s| {
        let sampler = s.spawn(|| {
            let mut c = postgres::Client::connect(url, postgres::NoTls).unwrap();
            let mut peak = 0i64;
            while !done.load(std::sync::atomic::Ordering::SeqCst) {
                let n: i64 = c
                    .query_one(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1",
                        &[&format!("dualdraw_{b}")],
                    )
                    .unwrap()
                    .get(0);
                peak = peak.max(n);
            }
            peak as usize
        });
        let workers: Vec<_> = (0..16)
            .map(|_| {
                s.spawn(|| {
                    let agent: ureq::Agent = ureq::Agent::config_builder()
                        .http_status_as_error(false)
                        .build()
                        .into();
                    for _ in 0..requests / 16 {
                        let r = agent
                            .get(&base)
                            .header("Authorization", &format!("Bearer {}", t["auditor"]))
                            .call()
                            .unwrap();
                        assert_eq!(r.status().as_u16(), 200);
                    }
                })
            })
            .collect();
        for w in workers {
            w.join().unwrap();
        }
        done.store(true, std::sync::atomic::Ordering::SeqCst);
        peak = sampler.join().unwrap();
    });
    peak
}

#[test]
fn postgres_the_service_holds_at_most_two_connections_per_concurrent_slot() {
    let Some(url) = pg_url() else { return };
    let bounded = peak_connections(&url, 2, 480);
    let open = peak_connections(&url, 64, 480);
    eprintln!(
        "peak connections of one bureau, 16 clients: --concurrent 2 → {bounded}, --concurrent 64 → {open}"
    );
    assert!(
        bounded <= 4,
        "--concurrent 2 let {bounded} connections open at once"
    );
    assert!(
        open > 4,
        "the measurement cannot tell: 16 clients held only {open} connections without the bound"
    );
}
