//! The shared store suite (`tests/store_suite/`) on the PostgreSQL store,
//! each case in a fresh bureau of the database at `DUALDRAW_PG_URL`
//! (`bash .ci/pg.sh start` prints one), and the rules the database itself
//! enforces: bureau isolation, append-only tables, the ledger's chain, one
//! draw per announcement.
//!
//! Without `DUALDRAW_PG_URL` each case says so and passes, except under CI
//! (`CI` set), where a missing server is a failure.

mod store_suite;

use dualdraw::{Bureau, PgStore, SaltKey};
use std::sync::atomic::{AtomicU32, Ordering};

fn url() -> Option<String> {
    match std::env::var("DUALDRAW_PG_URL") {
        Ok(u) if !u.is_empty() => Some(u),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI is set but DUALDRAW_PG_URL is not: start PostgreSQL with `bash .ci/pg.sh start`"
            );
            eprintln!("DUALDRAW_PG_URL is not set: the PostgreSQL store suite is skipped");
            None
        }
    }
}

/// A bureau name no other case or run uses.
fn fresh_name(case: &str) -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let short: String = case
        .chars()
        .filter(|c| c.is_ascii_lowercase())
        .take(12)
        .collect();
    format!(
        "t{}_{}_{}_{}",
        short,
        std::process::id(),
        nanos,
        N.fetch_add(1, Ordering::Relaxed)
    )
}

fn fresh(url: &str, case: &str) -> PgStore {
    let b = Bureau::new(&fresh_name(case)).unwrap();
    PgStore::create_bureau_with_key(url, &b, SaltKey::from_bytes([9; 32])).unwrap()
}

macro_rules! suite {
    ($($case:ident),* $(,)?) => {$(
        #[test]
        fn $case() {
            let Some(url) = url() else { return };
            store_suite::$case(fresh(&url, stringify!($case)));
        }
    )*};
}

suite!(
    a_new_store_is_empty,
    every_snapshot_loads_back_exactly,
    entities_stream_in_uscc_order,
    one_draw_per_announcement,
    every_write_is_chained_in_the_ledger,
    results_are_new_once_and_corrected_in_the_open,
    a_schedule_is_recorded_once,
    a_change_to_a_replaced_schedule_is_refused,
    an_announcement_on_a_moved_ledger_is_refused,
    legacy_codes_are_kept,
    history_rules_read_the_store,
    a_stale_commit_is_refused,
    reveals_are_checked_before_they_are_recorded,
    a_campaign_is_drawn_once_by_the_library,
    replacements_follow_the_draw,
    draws_verify_at_the_level_the_inputs_allow,
    results_are_checked_against_the_draw,
    snapshots_are_chosen_found_and_proved,
    calendars_are_kept_with_their_ledger_entries,
    a_streamed_draw_equals_the_loaded_draw,
    an_entity_update_equals_a_whole_commit_of_the_merged_registry,
    an_entity_stream_equals_a_whole_commit_of_its_entities,
    a_look_up_by_uscc_finds_what_the_stream_finds,
);

#[test]
fn concurrent_writers_never_fork_the_ledger_or_draw_twice() {
    let Some(url) = url() else { return };
    let b = new_bureau(&url, "concurrent");
    store_suite::concurrent_writers_never_fork_the_ledger_or_draw_twice(|| {
        PgStore::open(&url, &b).unwrap()
    });
}

/// Regression: a writer that found a campaign undrawn, then had another
/// writer's draw land before its reveal was written, was told its reveal
/// failed ("already drawn or voided") instead of "already drawn" (a CI run
/// of 2026-12-04).
#[test]
fn a_draw_landing_between_a_writers_check_and_its_reveal_is_already_drawn() {
    let Some(url) = url() else { return };
    let b = new_bureau(&url, "race");
    store_suite::writers_race(|| PgStore::open(&url, &b).unwrap(), 8, 16);
}

#[test]
fn backends_terminated_mid_transaction_leave_each_campaign_drawn_once() {
    let Some(url) = url() else { return };
    let b = new_bureau(&url, "terminate");
    let mut killer = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let killer = std::sync::Mutex::new(&mut killer);
    let cut = store_suite::cut_connections_leave_each_campaign_drawn_once(
        || PgStore::open(&url, &b),
        || {
            let mut k = killer.lock().unwrap();
            k.query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                 WHERE application_name = $1 AND pid <> pg_backend_pid()
                   AND state IN ('active', 'idle in transaction')",
                &[&format!("dualdraw_{}", b.as_str())],
            )
            .unwrap()
            .len() as u64
        },
    );
    eprintln!("{cut} connections cut while drawing");
    assert!(cut > 0, "no connection was cut: the test proved nothing");
}

// ---- what the database itself enforces (raw SQL, around the application) ----

/// A connection as the platform's administrator, in `bureau`'s schema.
fn admin(url: &str, bureau: &Bureau) -> postgres::Client {
    let mut c = postgres::Client::connect(url, postgres::NoTls).unwrap();
    c.batch_execute(&format!("SET search_path TO bureau_{}", bureau.as_str()))
        .unwrap();
    c
}

/// A connection working as `bureau`'s role, as the store's do.
fn as_bureau(url: &str, bureau: &Bureau) -> postgres::Client {
    let mut c = admin(url, bureau);
    c.batch_execute(&format!("SET ROLE dualdraw_bureau_{}", bureau.as_str()))
        .unwrap();
    c
}

fn new_bureau(url: &str, case: &str) -> Bureau {
    let b = Bureau::new(&fresh_name(case)).unwrap();
    PgStore::create_bureau_with_key(url, &b, SaltKey::from_bytes([7; 32])).unwrap();
    b
}

fn entry(seq: u64, prev: dualdraw::core::merkle::Hash) -> dualdraw::ledger::Entry {
    dualdraw::ledger::Entry::new(
        seq,
        prev,
        "test",
        "C-1",
        "2026-12-05T10:00:00Z",
        "clerk",
        "",
        "{}".to_string(),
    )
}

fn insert_entry(
    c: &mut postgres::Client,
    e: &dualdraw::ledger::Entry,
) -> Result<u64, postgres::Error> {
    c.execute(
        "INSERT INTO ledger(seq, prev, hash, kind, campaign, at, operator, approver, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &[
            &(e.seq as i64),
            &e.prev.0.as_slice(),
            &e.hash.0.as_slice(),
            &e.kind,
            &e.campaign,
            &e.at,
            &e.operator,
            &e.approver,
            &e.body,
        ],
    )
}

fn code(e: &postgres::Error) -> String {
    e.code().map(|c| c.code().to_string()).unwrap_or_default()
}

#[test]
fn a_bureau_cannot_read_or_write_another_bureaus_tables() {
    let Some(url) = url() else { return };
    let a = new_bureau(&url, "isolation");
    let b = new_bureau(&url, "isolation");
    let mut c = as_bureau(&url, &a);
    // Its own tables: readable.
    c.query("SELECT count(*) FROM ledger", &[]).unwrap();
    for sql in [
        format!("SELECT count(*) FROM bureau_{}.ledger", b.as_str()),
        format!("SELECT data FROM bureau_{}.registry_chunks", b.as_str()),
        format!("SELECT value FROM bureau_{}.meta", b.as_str()),
        format!(
            "INSERT INTO bureau_{}.legacy_uscc(code) VALUES ('x')",
            b.as_str()
        ),
    ] {
        let e = c.batch_execute(&sql).unwrap_err();
        assert_eq!(code(&e), "42501", "{sql}: {e}"); // insufficient_privilege
    }
    // A login made for bureau `a` opens `a`, and PostgreSQL refuses it
    // `b`'s role, tables and store.
    let user = format!("login_{}", a.as_str());
    admin(&url, &a)
        .batch_execute(&format!("CREATE ROLE {user} LOGIN"))
        .unwrap();
    PgStore::grant_login(&url, &a, &user).unwrap();
    let login_url = url.replacen("postgres@", &format!("{user}@"), 1);
    assert_ne!(
        login_url, url,
        "DUALDRAW_PG_URL names its user as postgres@"
    );
    let s = PgStore::open(&login_url, &a).unwrap();
    assert_eq!(s.bureau(), &a);
    assert!(s.ledger().unwrap().is_empty());
    let err = PgStore::open(&login_url, &b).unwrap_err();
    assert!(err.to_string().contains("permission denied"), "{err}");
    let mut l = postgres::Client::connect(&login_url, postgres::NoTls).unwrap();
    let e = l
        .batch_execute(&format!("SET ROLE dualdraw_bureau_{}", b.as_str()))
        .unwrap_err();
    assert_eq!(code(&e), "42501", "{e}");
    let e = l
        .batch_execute(&format!(
            "SELECT count(*) FROM bureau_{}.ledger",
            b.as_str()
        ))
        .unwrap_err();
    assert_eq!(code(&e), "42501", "{e}");
}

#[test]
fn the_database_refuses_a_ledger_entry_that_forks_the_chain() {
    let Some(url) = url() else { return };
    let b = new_bureau(&url, "fork");
    let mut c = as_bureau(&url, &b);
    let zero = dualdraw::core::merkle::Hash([0; 32]);
    let first = entry(1, zero);
    insert_entry(&mut c, &first).unwrap();
    // A second entry 1, an entry 2 on another parent, a gap: all refused.
    let other_first = dualdraw::ledger::Entry::new(
        1,
        zero,
        "test",
        "C-2",
        "2026-12-05T10:00:01Z",
        "clerk",
        "",
        "{}".to_string(),
    );
    for bad in [other_first, entry(2, zero), entry(3, first.hash)] {
        let e = insert_entry(&mut c, &bad).unwrap_err();
        assert!(
            ["23000", "23505"].contains(&code(&e).as_str()),
            "entry {} accepted or refused oddly: {e}",
            bad.seq
        );
    }
    insert_entry(&mut c, &entry(2, first.hash)).unwrap();
    let s = PgStore::open(&url, &b).unwrap();
    let entries = s.ledger().unwrap();
    assert_eq!(entries.len(), 2);
    dualdraw::ledger::verify_chain(&entries).unwrap();
}

#[test]
fn append_only_tables_refuse_update_delete_and_truncate_even_for_the_owner() {
    let Some(url) = url() else { return };
    let b = new_bureau(&url, "appendonly");
    let mut role = as_bureau(&url, &b);
    insert_entry(&mut role, &entry(1, dualdraw::core::merkle::Hash([0; 32]))).unwrap();
    role.batch_execute(
        "INSERT INTO announcements VALUES ('C-1', decode(repeat('11', 32), 'hex'), '{}', '2026-12-05T10:00:00Z')",
    )
    .unwrap();
    for sql in [
        "UPDATE ledger SET body = '{\"x\":1}'",
        "DELETE FROM ledger",
        "TRUNCATE ledger",
        "UPDATE announcements SET body = '{}'",
        "DELETE FROM announcements",
        "UPDATE meta SET value = '\\x00'",
    ] {
        // The bureau's role holds no such privilege ...
        let e = role.batch_execute(sql).unwrap_err();
        assert_eq!(code(&e), "42501", "{sql} as the bureau: {e}");
        // ... and the owner is refused by the trigger.
        let mut owner = admin(&url, &b);
        let e = owner.batch_execute(sql).unwrap_err();
        assert_eq!(code(&e), "23000", "{sql} as the owner: {e}");
    }
    let n: i64 = role
        .query_one("SELECT count(*) FROM ledger", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 1);
}

#[test]
fn the_database_refuses_a_second_draw_and_the_draw_of_a_voided_campaign() {
    let Some(url) = url() else { return };
    let b = new_bureau(&url, "onedraw");
    let mut c = as_bureau(&url, &b);
    c.batch_execute(
        "INSERT INTO announcements VALUES ('C-1', decode(repeat('11', 32), 'hex'), '{}', '2026-12-05T10:00:00Z');
         INSERT INTO announcements VALUES ('C-2', decode(repeat('22', 32), 'hex'), '{}', '2026-12-05T10:00:00Z');
         INSERT INTO draws VALUES ('C-1', decode(repeat('33', 32), 'hex'), '{}');
         INSERT INTO voids VALUES ('C-2', 'wrong items', '2026-12-05T10:01:00Z');",
    )
    .unwrap();
    let e = c
        .batch_execute("INSERT INTO draws VALUES ('C-1', decode(repeat('44', 32), 'hex'), '{}')")
        .unwrap_err();
    assert_eq!(code(&e), "23505", "{e}"); // unique_violation: one draw per announcement
    let e = c
        .batch_execute("INSERT INTO draws VALUES ('C-2', decode(repeat('44', 32), 'hex'), '{}')")
        .unwrap_err();
    assert_eq!(code(&e), "23000", "{e}"); // the void trigger
    let e = c
        .batch_execute("INSERT INTO draws VALUES ('C-9', decode(repeat('44', 32), 'hex'), '{}')")
        .unwrap_err();
    assert_eq!(code(&e), "23503", "{e}"); // no draw without its announcement
}
