//! The shared store suite (`tests/store_suite/`) on the SQLite workspace,
//! each case on a fresh workspace in a temporary folder.

mod store_suite;

use dualdraw::{SaltKey, Workspace};

fn fresh() -> (tempfile::TempDir, Workspace) {
    let d = tempfile::tempdir().unwrap();
    let w = Workspace::init_with_key(d.path(), SaltKey::from_bytes([9; 32])).unwrap();
    (d, w)
}

macro_rules! suite {
    ($($case:ident),* $(,)?) => {$(
        #[test]
        fn $case() {
            let (_dir, w) = fresh();
            store_suite::$case(w);
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
    let (dir, w) = fresh();
    drop(w);
    store_suite::concurrent_writers_never_fork_the_ledger_or_draw_twice(|| {
        Workspace::open(dir.path()).unwrap()
    });
}

/// Regression: a writer whose reveal lost the race to another writer's draw
/// is told the campaign is already drawn (see the PostgreSQL suite).
#[test]
fn a_draw_landing_between_a_writers_check_and_its_reveal_is_already_drawn() {
    let (dir, w) = fresh();
    drop(w);
    store_suite::writers_race(|| Workspace::open(dir.path()).unwrap(), 8, 16);
}
