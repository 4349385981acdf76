//! Known answers shared with the independent implementation
//! (`tests/vectors/schedule-v1.json`).

use super::*;

#[derive(serde::Deserialize)]
struct VectorFile {
    format: String,
    cases: Vec<VectorCase>,
}

#[derive(serde::Deserialize)]
struct VectorCase {
    name: String,
    problem: Problem,
    seed: String,
    label: String,
    expect: serde_json::Value,
    #[serde(default)]
    reschedules: Vec<VectorReschedule>,
}

#[derive(serde::Deserialize)]
struct VectorReschedule {
    change: Change,
    seed: String,
    label: String,
    expect: serde_json::Value,
}

fn seed_of(hex_seed: &str) -> Hash {
    let mut h = [0u8; 32];
    hex::decode_to_slice(hex_seed, &mut h).unwrap();
    Hash(h)
}

fn outcome_json<T>(
    r: &Result<T, ScheduleError>,
    ok: impl Fn(&T) -> serde_json::Value,
) -> serde_json::Value {
    match r {
        Ok(x) => ok(x),
        Err(ScheduleError::Infeasible(_)) => serde_json::json!({ "error": "infeasible" }),
        Err(ScheduleError::NotFound(_)) => serde_json::json!({ "error": "not_found" }),
        Err(e) => serde_json::json!({ "error": format!("rejected: {e}") }),
    }
}

/// `tests/vectors/schedule-v1.json` was computed by `tests/vectors/reference_schedule.py`, written from
/// `docs/SCHEDULE.md` rather than from this code; the Rust implementation
/// must agree on every date, every error kind and every move.
#[test]
fn vectors_v1_known_answers() {
    let v: VectorFile =
        serde_json::from_str(include_str!("../../../tests/vectors/schedule-v1.json")).unwrap();
    assert_eq!(v.format, "dualdraw-schedule-vectors-v1");
    assert!(v.cases.len() >= 10);
    let mut checked = 0;
    for c in &v.cases {
        let got = schedule(&c.problem, &mut Stream::new(&seed_of(&c.seed), &c.label));
        let json = outcome_json(&got, |s| serde_json::json!({ "dates": s.dates() }));
        assert_eq!(json, c.expect, "case {}", c.name);
        checked += 1;
        if let Ok(s) = &got {
            rules_hold(s);
            for r in &c.reschedules {
                let got = reschedule(s, &r.change, &mut Stream::new(&seed_of(&r.seed), &r.label));
                let json = outcome_json(
                    &got,
                    |x| serde_json::json!({ "dates": x.schedule.dates(), "moved": x.moved }),
                );
                assert_eq!(json, r.expect, "case {} / {:?}", c.name, r.change);
                if let Ok(x) = &got {
                    rules_hold(&x.schedule);
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 20);
}
