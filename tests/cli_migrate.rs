//! Black-box tests of `dualdraw migrate` (`docs/PLATFORM.md`): a demo
//! workspace (its campaign drawn, then voided) moved into a new bureau of the PostgreSQL database at
//! `DUALDRAW_PG_URL` (`bash .ci/pg.sh start` prints one) and verified, the
//! bureau listed by `dualdraw bureau list`, a second move into the same
//! bureau refused, and a bad bureau name refused as a usage error (that
//! one needs no server).
//!
//! Without `DUALDRAW_PG_URL` the case that needs a server says so and passes,
//! except under CI (`CI` set), where a missing server is a failure (as
//! `tests/store_postgres.rs`).

#[path = "cli_support.rs"]
mod support;

use support::{Run, run_in};

const SALT_KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

/// Where `dualdraw demo d` leaves its workspace.
const WS: &str = "d/workspace";

fn url() -> Option<String> {
    match std::env::var("DUALDRAW_PG_URL") {
        Ok(u) if !u.is_empty() => Some(u),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI is set but DUALDRAW_PG_URL is not: start PostgreSQL with `bash .ci/pg.sh start`"
            );
            eprintln!("DUALDRAW_PG_URL is not set: the `dualdraw migrate` test is skipped");
            None
        }
    }
}

/// A bureau name no other run uses: `mig_<pid>_<nanos>` (a-z, 0-9, _; at
/// most 40 characters).
fn fresh_bureau() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let name = format!("mig_{}_{}", std::process::id(), nanos);
    assert!(name.len() <= 40, "{name}");
    name
}

/// Asserts a refusal: exit `code`, no panic, and a JSON error of `kind`
/// when run again with `--json`.
#[track_caller]
fn refused(d: &std::path::Path, args: &[&str], code: i32, kind: &str) -> Run {
    let text = run_in(d, args);
    text.expect(code);
    assert!(!text.stderr.contains("panicked"), "{}", text.stderr);
    let mut v = vec!["--json"];
    v.extend_from_slice(args);
    let json = run_in(d, &v);
    json.expect(code);
    let j = json.json();
    assert_eq!(j["ok"], false, "{j:#}");
    assert_eq!(j["error"]["kind"], kind, "{j:#}");
    text
}

#[test]
fn a_demo_workspace_moves_into_a_new_bureau_once_and_verified() {
    let Some(url) = url() else { return };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    run_in(
        d,
        &["demo", "d", "--entities", "2000", "--salt-key", SALT_KEY],
    )
    .expect(0);
    // Voided after its draw: the draw (and its proof) is copied and checked
    // all the same, and the void after it.
    run_in(
        d,
        &[
            "-w",
            WS,
            "campaign",
            "void",
            "2026-JOINT-01",
            "--reason",
            "migrate test",
        ],
    )
    .expect(0);
    let ledger = run_in(d, &["--json", "-w", WS, "ledger", "verify"]);
    ledger.expect(0);
    let ledger = ledger.json();
    let head = ledger["head"].as_str().expect("ledger head").to_string();
    let entries = ledger["entries"].as_u64().expect("ledger entries");
    let db = d.join(WS).join("dualdraw.db");
    let before = std::fs::read(&db).unwrap();

    let bureau = fresh_bureau();
    let migrate = [
        "--lang", "en", "-w", WS, "migrate", "--to", &url, "--bureau", &bureau,
    ];
    let done = run_in(d, &migrate);
    done.expect(0)
        .has(&format!("moved into bureau {bureau} and verified"))
        .has(&format!(
            "the ledger's chain ({entries} entries, head {head})"
        ))
        .has("snapshot(s) with their roots recomputed from the copied chunks")
        .has("every draw's proof")
        .has("  draws: 1 row(s)")
        .has("  voids: 1 row(s)")
        .has("not in the database, kept in the workspace folder:");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "migrate only reads the workspace"
    );

    // The bureau is on the platform.
    let list = run_in(d, &["--json", "bureau", "list", "--db", &url]);
    list.expect(0);
    let names = list.json()["bureaus"].as_array().unwrap().clone();
    assert_eq!(
        names.iter().filter(|n| n.as_str() == Some(&bureau)).count(),
        1,
        "{bureau} in {names:?}"
    );
    run_in(d, &["bureau", "list", "--db", &url])
        .expect(0)
        .has(&bureau);

    // The same workspace again into the same bureau: refused, nothing written.
    refused(d, &migrate, 1, "conflict")
        .has(&format!("bureau {bureau} already exists on this database"));
    let list = run_in(d, &["--json", "bureau", "list", "--db", &url]);
    list.expect(0);
    let again = list.json()["bureaus"].as_array().unwrap().clone();
    // (Compared by this bureau alone: other runs may share the server.)
    assert_eq!(
        again.iter().filter(|n| n.as_str() == Some(&bureau)).count(),
        1,
        "{bureau} in {again:?}"
    );
}

/// A bad bureau name is refused before anything is read or connected: no
/// server is needed (the address below answers nothing).
#[test]
fn a_bad_bureau_name_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    run_in(d, &["-w", "ws", "init"]).expect(0);
    let nowhere = "postgresql://nobody@127.0.0.1:9/none";
    let long = "a".repeat(41);
    for bad in ["Bad-Name", "1abc", "bureau-x", "", long.as_str()] {
        refused(
            d,
            &[
                "--lang", "en", "-w", "ws", "migrate", "--to", nowhere, "--bureau", bad,
            ],
            2,
            "usage",
        )
        .has(&format!("{bad} is not a bureau name"));
    }
}
