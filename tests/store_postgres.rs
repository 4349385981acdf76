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
);
