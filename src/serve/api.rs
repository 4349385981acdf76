//! The endpoint table (接口清单): every route with its method, path and the
//! roles allowed on it. The router, `docs/API.md`, `docs/openapi.json` and
//! the role test (`tests/serve_roles.rs`) all read this one table.

use super::access::Role::{self, Admin, Approver, Auditor, Clerk, Witness};
use super::{ServeState, campaigns, outcomes, registry_handlers, requests};
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{delete, get, post};
use std::time::Instant;

/// One endpoint (接口).
#[derive(Debug, Clone, Copy)]
pub struct Endpoint {
    /// HTTP method.
    pub method: &'static str,
    /// Path, with `{placeholders}`.
    pub path: &'static str,
    /// Roles allowed (empty: anyone, no token needed).
    pub roles: &'static [Role],
    /// What it does.
    pub summary: &'static str,
}

const READERS: &[Role] = &[Clerk, Approver, Witness, Auditor];
const STAFF: &[Role] = &[Clerk, Approver, Auditor];

/// Every endpoint of `dualdraw serve`, in `docs/API.md`'s order.
pub const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        method: "GET",
        path: "/v1/health",
        roles: &[],
        summary: "The service is up (no token).",
    },
    Endpoint {
        method: "GET",
        path: "/v1/openapi.json",
        roles: &[],
        summary: "This API's OpenAPI 3.1 description (no token).",
    },
    Endpoint {
        method: "GET",
        path: "/v1/bureaus/{bureau}/campaigns",
        roles: READERS,
        summary: "The bureau's campaigns and their states.",
    },
    Endpoint {
        method: "POST",
        path: "/v1/bureaus/{bureau}/campaigns",
        roles: &[Clerk],
        summary: "Ask for an announcement: a campaign file (TOML); an approver approves it.",
    },
    Endpoint {
        method: "GET",
        path: "/v1/bureaus/{bureau}/campaigns/{campaign}",
        roles: READERS,
        summary: "A campaign's state and announcement.",
    },
    Endpoint {
        method: "POST",
        path: "/v1/bureaus/{bureau}/campaigns/{campaign}/draw",
        roles: &[Clerk],
        summary: "Ask for the draw of an announced campaign; an approver approves it.",
    },
    Endpoint {
        method: "POST",
        path: "/v1/bureaus/{bureau}/campaigns/{campaign}/reveals",
        roles: &[Witness],
        summary: "A witness reveals their secret (after the announcement, before the draw).",
    },
    Endpoint {
        method: "GET",
        path: "/v1/bureaus/{bureau}/campaigns/{campaign}/proof",
        roles: STAFF,
        summary: "The draw proof.",
    },
    Endpoint {
        method: "GET",
        path: "/v1/bureaus/{bureau}/campaigns/{campaign}/verify",
        roles: &[Auditor],
        summary: "Verifies the draw at the audit level: the verdict (SPEC §9).",
    },
    Endpoint {
        method: "POST",
        path: "/v1/bureaus/{bureau}/campaigns/{campaign}/publication",
        roles: &[Clerk],
        summary: "Publishes the draw: its proof becomes readable without a token.",
    },
    Endpoint {
        method: "POST",
        path: "/v1/bureaus/{bureau}/campaigns/{campaign}/results",
        roles: &[Clerk],
        summary: "Records inspection results of a drawn campaign, all or none, each checked against the draw.",
    },
    Endpoint {
        method: "GET",
        path: "/v1/bureaus/{bureau}/campaigns/{campaign}/results",
        roles: STAFF,
        summary: "The campaign's recorded inspection results.",
    },
    Endpoint {
        method: "POST",
        path: "/v1/bureaus/{bureau}/campaigns/{campaign}/replacements",
        roles: &[Clerk],
        summary: "Ask to replace a drawn target or one officer of its team; an approver approves it.",
    },
    Endpoint {
        method: "GET",
        path: "/v1/bureaus/{bureau}/campaigns/{campaign}/replacements",
        roles: STAFF,
        summary: "The campaign's replacements.",
    },
    Endpoint {
        method: "POST",
        path: "/v1/bureaus/{bureau}/campaigns/{campaign}/void",
        roles: &[Clerk],
        summary: "Ask to void a campaign in the open; an approver approves it.",
    },
    Endpoint {
        method: "GET",
        path: "/v1/bureaus/{bureau}/requests",
        roles: READERS,
        summary: "Requests for announcements and draws, pending and decided.",
    },
    Endpoint {
        method: "POST",
        path: "/v1/bureaus/{bureau}/requests/{request}/commitments",
        roles: &[Witness],
        summary: "A witness adds their commitment to a pending announcement.",
    },
    Endpoint {
        method: "POST",
        path: "/v1/bureaus/{bureau}/requests/{request}/approve",
        roles: &[Approver],
        summary: "Approves a request (not one's own): the announcement or draw is made and recorded.",
    },
    Endpoint {
        method: "POST",
        path: "/v1/bureaus/{bureau}/requests/{request}/refuse",
        roles: &[Approver],
        summary: "Refuses a request, with a reason.",
    },
    Endpoint {
        method: "GET",
        path: "/v1/bureaus/{bureau}/registries",
        roles: STAFF,
        summary: "The registries' snapshots (一单两库 versions).",
    },
    Endpoint {
        method: "POST",
        path: "/v1/bureaus/{bureau}/registries/{kind}",
        roles: &[Clerk],
        summary: "Imports a registry file (CSV or xlsx body), all rows or none.",
    },
    Endpoint {
        method: "GET",
        path: "/v1/bureaus/{bureau}/calendar",
        roles: STAFF,
        summary: "The working-day calendar: shipped years, and the years the bureau recorded or assumed.",
    },
    Endpoint {
        method: "POST",
        path: "/v1/bureaus/{bureau}/calendar/years",
        roles: &[Clerk],
        summary: "Records official holiday schedules (the TOML of dualdraw calendar import).",
    },
    Endpoint {
        method: "POST",
        path: "/v1/bureaus/{bureau}/calendar/assumed-years",
        roles: &[Clerk],
        summary: "Assumes a year without an official schedule has weekends only (deadlines through it provisional).",
    },
    Endpoint {
        method: "GET",
        path: "/v1/bureaus/{bureau}/ledger",
        roles: &[Auditor],
        summary: "The ledger's entries.",
    },
    Endpoint {
        method: "GET",
        path: "/v1/bureaus/{bureau}/ledger/verify",
        roles: &[Auditor],
        summary: "Verifies the ledger's hash chain.",
    },
    Endpoint {
        method: "GET",
        path: "/v1/bureaus/{bureau}/tokens",
        roles: &[Admin, Auditor],
        summary: "The bureau's accounts (never their tokens).",
    },
    Endpoint {
        method: "POST",
        path: "/v1/bureaus/{bureau}/tokens",
        roles: &[Admin],
        summary: "Makes an account and issues its token (shown once).",
    },
    Endpoint {
        method: "POST",
        path: "/v1/bureaus/{bureau}/tokens/{account}/rotate",
        roles: &[Admin],
        summary: "Issues a new token for an account; the old one stops working.",
    },
    Endpoint {
        method: "DELETE",
        path: "/v1/bureaus/{bureau}/tokens/{account}",
        roles: &[Admin],
        summary: "Revokes an account's token for good.",
    },
    Endpoint {
        method: "GET",
        path: "/v1/bureaus/{bureau}/public/campaigns",
        roles: &[],
        summary: "The bureau's announced campaigns, with their announcement hashes and whether their draws are published, for anyone.",
    },
    Endpoint {
        method: "GET",
        path: "/v1/bureaus/{bureau}/public/campaigns/{campaign}",
        roles: &[],
        summary: "A campaign's announcement, for anyone.",
    },
    Endpoint {
        method: "GET",
        path: "/v1/bureaus/{bureau}/public/campaigns/{campaign}/proof",
        roles: &[],
        summary: "A published draw's proof, for anyone.",
    },
];

/// The roles allowed on `method` `path` (a path of [`ENDPOINTS`]).
pub(crate) fn roles(method: &str, path: &str) -> &'static [Role] {
    ENDPOINTS
        .iter()
        .find(|e| e.method == method && e.path == path)
        .map_or(&[Admin], |e| e.roles)
}

/// The service's router on `state`: every endpoint of [`ENDPOINTS`], the
/// body limits, the timeout and one JSON log line per request.
pub fn router(state: ServeState) -> Router {
    use campaigns as h;
    use registry_handlers as r;
    use requests as q;
    let limits = state.limits();
    let b = "/v1/bureaus/{bureau}";
    let upload = Router::new()
        .route(&format!("{b}/registries/{{kind}}"), post(r::import))
        .layer(DefaultBodyLimit::max(limits.upload_body));
    let json = Router::new()
        .route("/v1/health", get(h::health))
        .route("/v1/openapi.json", get(h::openapi))
        .route(
            &format!("{b}/campaigns"),
            get(h::campaigns).post(q::ask_announce),
        )
        .route(&format!("{b}/campaigns/{{campaign}}"), get(h::campaign))
        .route(
            &format!("{b}/campaigns/{{campaign}}/draw"),
            post(q::ask_draw),
        )
        .route(
            &format!("{b}/campaigns/{{campaign}}/reveals"),
            post(h::reveal),
        )
        .route(&format!("{b}/campaigns/{{campaign}}/proof"), get(h::proof))
        .route(
            &format!("{b}/campaigns/{{campaign}}/verify"),
            get(h::verify),
        )
        .route(
            &format!("{b}/campaigns/{{campaign}}/publication"),
            post(h::publish),
        )
        .route(
            &format!("{b}/campaigns/{{campaign}}/results"),
            get(outcomes::results).post(outcomes::add_results),
        )
        .route(
            &format!("{b}/campaigns/{{campaign}}/replacements"),
            get(outcomes::replacements).post(outcomes::ask_replacement),
        )
        .route(
            &format!("{b}/campaigns/{{campaign}}/void"),
            post(outcomes::ask_void),
        )
        .route(&format!("{b}/requests"), get(q::requests))
        .route(
            &format!("{b}/requests/{{request}}/commitments"),
            post(q::commit),
        )
        .route(
            &format!("{b}/requests/{{request}}/approve"),
            post(q::approve),
        )
        .route(&format!("{b}/requests/{{request}}/refuse"), post(q::refuse))
        .route(&format!("{b}/registries"), get(r::registries))
        .route(&format!("{b}/calendar"), get(outcomes::calendar))
        .route(&format!("{b}/calendar/years"), post(outcomes::import_years))
        .route(
            &format!("{b}/calendar/assumed-years"),
            post(outcomes::assume_year),
        )
        .route(&format!("{b}/ledger"), get(r::ledger))
        .route(&format!("{b}/ledger/verify"), get(r::ledger_verify))
        .route(&format!("{b}/tokens"), get(r::tokens).post(r::issue))
        .route(&format!("{b}/tokens/{{account}}/rotate"), post(r::rotate))
        .route(&format!("{b}/tokens/{{account}}"), delete(r::revoke))
        .route(&format!("{b}/public/campaigns"), get(h::public_campaigns))
        .route(
            &format!("{b}/public/campaigns/{{campaign}}"),
            get(h::public_campaign),
        )
        .route(
            &format!("{b}/public/campaigns/{{campaign}}/proof"),
            get(h::public_proof),
        )
        .layer(DefaultBodyLimit::max(limits.json_body));
    json.merge(upload)
        .fallback(h::no_such_endpoint)
        .method_not_allowed_fallback(h::method_not_allowed)
        .layer(middleware::from_fn(log_request))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::GATEWAY_TIMEOUT,
            limits.timeout,
        ))
        .with_state(state)
}

/// One structured log line per request: method, path, status, time taken.
/// Never the Authorization header or the body (secrets are revealed there).
async fn log_request(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let started = Instant::now();
    let res = next.run(req).await;
    tracing::info!(
        method = %method,
        path = %path,
        status = res.status().as_u16(),
        ms = started.elapsed().as_secs_f64() * 1000.0,
        "request"
    );
    res
}
