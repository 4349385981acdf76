//! The OpenAPI 3.1 description (接口描述) of `dualdraw serve`, built from
//! [`super::ENDPOINTS`]: served at `GET /v1/openapi.json` and committed as
//! `docs/openapi.json` (a test keeps the two equal).

use super::api::ENDPOINTS;
use serde_json::{Map, Value, json};

fn body_schema(method: &str, path: &str) -> Option<Value> {
    let s = |props: Value, required: &[&str]| json!({ "type": "object", "additionalProperties": false, "properties": props, "required": required });
    let short = path.trim_start_matches("/v1/bureaus/{bureau}");
    Some(match (method, short) {
        ("POST", "/campaigns") => s(
            json!({ "campaign": { "type": "string", "description": "The campaign file (TOML, docs/CAMPAIGN.md)." } }),
            &["campaign"],
        ),
        ("POST", "/campaigns/{campaign}/draw") => s(
            json!({ "lottery": { "type": ["string", "null"], "description": "The lottery result, for a campaign committed to one." } }),
            &[],
        ),
        ("POST", "/campaigns/{campaign}/reveals") => s(
            json!({ "secret": { "type": "string", "description": "The witness's secret; the witness is the token's account." } }),
            &["secret"],
        ),
        ("POST", "/campaigns/{campaign}/publication") => s(json!({}), &[]),
        ("POST", "/campaigns/{campaign}/results") => s(
            json!({ "results": { "type": "array", "items": {
                "type": "object", "additionalProperties": false,
                "properties": {
                    "target": { "type": "string", "description": "USCC of a current target" },
                    "item": { "type": "string", "description": "检查事项编码" },
                    "result": { "type": "string", "description": "检查结果类别, e.g. 未发现问题" },
                    "inspected_on": { "type": "string", "format": "date" },
                    "officers": { "type": "array", "items": { "type": "string" } },
                    "note": { "type": "string" }
                },
                "required": ["target", "item", "result", "inspected_on", "officers"]
            } } }),
            &["results"],
        ),
        ("POST", "/campaigns/{campaign}/replacements") => s(
            json!({
                "target": { "type": "string" },
                "officer": { "type": ["string", "null"], "description": "One officer of the target's team; without it the target is replaced." },
                "reason": { "type": "string" }
            }),
            &["target", "reason"],
        ),
        ("POST", "/campaigns/{campaign}/void") => {
            s(json!({ "reason": { "type": "string" } }), &["reason"])
        }
        ("POST", "/calendar/years") => s(
            json!({ "schedule": { "type": "string", "description": "docs/CALENDAR.md's TOML" }, "replace": { "type": "boolean" } }),
            &["schedule"],
        ),
        ("POST", "/calendar/assumed-years") => {
            s(json!({ "year": { "type": "integer" } }), &["year"])
        }
        ("POST", "/requests/{request}/commitments") => s(
            json!({ "commitment": { "type": "string", "pattern": "^[0-9a-f]{64}$" } }),
            &["commitment"],
        ),
        ("POST", "/requests/{request}/approve") => s(json!({}), &[]),
        ("POST", "/requests/{request}/refuse") => {
            s(json!({ "reason": { "type": "string" } }), &["reason"])
        }
        ("POST", "/tokens") => s(
            json!({
                "name": { "type": "string" },
                "role": { "type": "string", "enum": ["admin", "clerk", "approver", "witness", "auditor", "public"] },
                "department": { "type": ["string", "null"], "description": "A clerk's department scope." }
            }),
            &["name", "role"],
        ),
        _ => return None,
    })
}

/// The description, as JSON.
pub fn document() -> Value {
    let mut paths = Map::new();
    for e in ENDPOINTS {
        let params: Vec<Value> = e
            .path
            .split('/')
            .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(|name| json!({ "name": name, "in": "path", "required": true, "schema": { "type": "string" } }))
            .collect();
        let ok = match (e.method, e.path) {
            ("POST", "/v1/bureaus/{bureau}/campaigns")
            | ("POST", "/v1/bureaus/{bureau}/campaigns/{campaign}/draw")
            | ("POST", "/v1/bureaus/{bureau}/campaigns/{campaign}/replacements")
            | ("POST", "/v1/bureaus/{bureau}/campaigns/{campaign}/void") => "202",
            ("POST", "/v1/bureaus/{bureau}/tokens") => "201",
            _ => "200",
        };
        let err = json!({ "description": "Error", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } });
        let mut responses = Map::new();
        responses.insert(
            ok.into(),
            json!({ "description": "OK", "content": { "application/json": {} } }),
        );
        for code in ["400", "401", "403", "404", "409", "413", "415", "422"] {
            responses.insert(code.into(), err.clone());
        }
        let mut op = Map::new();
        op.insert("summary".into(), json!(e.summary));
        op.insert("operationId".into(), json!(operation_id(e.method, e.path)));
        op.insert("parameters".into(), json!(params));
        op.insert("responses".into(), Value::Object(responses));
        let roles: Vec<&str> = e.roles.iter().map(|r| r.as_str()).collect();
        op.insert("x-roles".into(), json!(roles));
        if e.roles.is_empty() {
            op.insert("security".into(), json!([]));
        }
        if e.path.ends_with("/registries/{kind}") {
            op.insert("parameters".into(), json!([
                { "name": "bureau", "in": "path", "required": true, "schema": { "type": "string" } },
                { "name": "kind", "in": "path", "required": true, "schema": { "type": "string", "enum": ["items", "entities", "officers", "recusals"] } },
                { "name": "format", "in": "query", "schema": { "type": "string", "enum": ["csv", "xlsx"] } },
                { "name": "delta", "in": "query", "schema": { "type": "boolean" } },
                { "name": "allow_empty", "in": "query", "schema": { "type": "boolean" } }
            ]));
            op.insert(
                "requestBody".into(),
                json!({ "required": true, "content": {
                "text/csv": { "schema": { "type": "string" } },
                "application/octet-stream": { "schema": { "type": "string", "format": "binary" } }
            } }),
            );
        } else if let Some(schema) = body_schema(e.method, e.path) {
            op.insert(
                "requestBody".into(),
                json!({ "content": { "application/json": { "schema": schema } } }),
            );
        }
        let entry = paths.entry(e.path.to_string()).or_insert_with(|| json!({}));
        if let Some(m) = entry.as_object_mut() {
            m.insert(e.method.to_ascii_lowercase(), Value::Object(op));
        }
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "dualdraw serve",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "双随机、一公开 draws for a provincial platform: see docs/API.md. Every request under /v1/bureaus/{bureau} needs a token of that bureau (Authorization: Bearer dd1.<bureau>.<secret>) with a role listed in x-roles."
        },
        "paths": paths,
        "security": [{ "bearer": [] }],
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "schemas": { "Error": {
                "type": "object",
                "properties": { "error": { "type": "object", "properties": {
                    "code": { "type": "string" }, "message": { "type": "string" }
                }, "required": ["code", "message"] } },
                "required": ["error"]
            } }
        }
    })
}

fn operation_id(method: &str, path: &str) -> String {
    let mut id = method.to_ascii_lowercase();
    for seg in path.split('/').skip(2) {
        if seg.is_empty() || seg == "bureaus" || seg == "{bureau}" {
            continue;
        }
        id.push('_');
        id.push_str(
            seg.trim_matches(|c| c == '{' || c == '}')
                .trim_end_matches(".json"),
        );
    }
    id
}
