//! The shared store suite: the contract of `dualdraw::store::Store` (its
//! rustdoc), checked on any backend. A backend's test file makes a fresh,
//! empty store per case and calls every `pub fn` here (see
//! `tests/store_sqlite.rs`). Each case uses only the trait and the generic
//! workflows (`announce_campaigns`, `history_for`; draws, replacements,
//! verification, results, status and snapshots in `workflows.rs`), never a
//! backend's own API.

#![allow(dead_code)]

mod calendars;
mod concurrent;
mod streaming;
mod workflows;
pub use calendars::*;
pub use concurrent::*;
pub use streaming::*;
pub use workflows::*;

use chrono::{DateTime, NaiveDate, Utc};
use dualdraw::core::campaign::Campaign;
use dualdraw::core::entropy::{Reveal, witness_commitment};
use dualdraw::core::proof::{DrawProof, EntropyRecord, make_proof};
use dualdraw::core::results::InspectionResult;
use dualdraw::core::sample::PrnKey;
use dualdraw::io::generate::{CountySpec, county};
use dualdraw::ledger::verify_chain;
use dualdraw::schedule::{Problem, Visit};
use dualdraw::store::{
    Actor, CampaignState, CommitOutcome, ResultMode, SCHEDULE_RECORD_FORMAT, ScheduleRecord, Store,
    StoreError, announce_campaigns,
};
use dualdraw::{Hash, Registries, RegistryKind, SnapshotRoots, derive_seed, draw};
use std::collections::{BTreeMap, BTreeSet};

fn actor() -> Actor {
    Actor {
        operator: "suite".into(),
        approver: String::new(),
    }
}

fn instant(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn small_county() -> Registries {
    county(&CountySpec {
        seed: 5,
        entities: 2_000,
        ..Default::default()
    })
    .unwrap()
}

fn commit_all<S: Store>(s: &mut S, reg: &Registries) {
    for k in RegistryKind::ALL {
        s.commit(k, reg, "suite").unwrap();
    }
}

fn secret(name: &str) -> String {
    Hash::digest(format!("store-suite/{name}").as_bytes()).to_hex()
}

fn campaign(id: &str) -> Campaign {
    Campaign::from_toml(&format!(
        r#"id = "{id}"
title = "store suite"
lead_department = "县市场监管局"
draw_date = "2026-03-02"
items = ["SC-001", "JY-002", "WL-001", "JT-003", "GA-004"]
[targets]
categories = ["民办学校", "旅游市场", "客运站", "爆破作业单位"]
[[targets.strata]]
credit_class = "A"
ratio = "3%"
[[targets.strata]]
credit_class = "B"
ratio = "5%"
[[targets.strata]]
credit_class = "C"
ratio = "10%"
[[targets.strata]]
credit_class = "D"
ratio = "30%"
[teams]
min_size = 2
per_department = 1
max_targets_per_officer = 10
[period]
start = "2026-03-09"
end = "2026-04-17"
[entropy]
witnesses = [{{ name = "甲", commitment = "{}" }}]
"#,
        witness_commitment(&secret("甲"))
    ))
    .unwrap()
}

/// Announces, reveals and draws campaign `id`; returns its proof.
fn drawn<S: Store>(s: &mut S, id: &str) -> DrawProof {
    let (a, _) = announce_campaigns(
        s,
        vec![campaign(id)],
        instant("2026-03-01T09:00:00+08:00"),
        &actor(),
    )
    .unwrap()
    .remove(0);
    let r = Reveal {
        name: "甲".into(),
        secret: secret("甲"),
        revealed_at: instant("2026-03-02T09:00:00+08:00"),
    };
    s.store_reveal(id, &r, &actor()).unwrap();
    let reveals = s.reveals(id).unwrap();
    assert_eq!(reveals, vec![r]);
    let (seed, used, missing) = derive_seed(&a, &reveals, None).unwrap();
    let snap = s.current_snapshot().unwrap().unwrap();
    let reg = s.load(&snap).unwrap();
    let out = draw(&reg, &a, &seed, &PrnKey::plain(seed)).unwrap();
    let proof = make_proof(
        &reg,
        s.salt_key(),
        &a,
        EntropyRecord {
            reveals: used,
            missing,
            beacon: None,
        },
        &out,
        &[],
    );
    s.store_draw_with(&proof, "2026-03-02T01:30:00Z", &actor(), Some("secret"))
        .unwrap();
    proof
}

fn is_conflict<T: std::fmt::Debug>(r: Result<T, StoreError>) -> bool {
    matches!(r, Err(StoreError::Conflict(_)))
}

/// A new store is empty: no snapshot, no campaign, an empty ledger whose head
/// is the genesis value.
pub fn a_new_store_is_empty<S: Store>(s: S) {
    assert_eq!(s.current_snapshot().unwrap(), None);
    assert!(s.snapshots().unwrap().is_empty());
    assert!(matches!(s.snapshot(1), Err(StoreError::NoSnapshot(1))));
    assert_eq!(
        s.load_current(&RegistryKind::ALL).unwrap(),
        Registries::default()
    );
    assert!(s.campaign_ids().unwrap().is_empty());
    assert!(s.drawn_campaigns().unwrap().is_empty());
    assert!(s.ledger().unwrap().is_empty());
    assert_eq!(s.ledger_head().unwrap(), Hash([0; 32]));
    assert!(matches!(
        s.announcement("X"),
        Err(StoreError::NoCampaign(_))
    ));
}

/// Versions are immutable: every snapshot loads back exactly after later
/// changes, its roots recompute, and equal content makes no new snapshot.
pub fn every_snapshot_loads_back_exactly<S: Store>(mut s: S) {
    let reg = small_county();
    commit_all(&mut s, &reg);
    let s4 = s.current_snapshot().unwrap().unwrap();
    assert_eq!(s4.id, 4);
    assert_eq!(s4.roots, SnapshotRoots::compute(&reg, s.salt_key()));
    assert_eq!(s4.digest, s4.roots.digest());
    let again = s.commit(RegistryKind::Entities, &reg, "same").unwrap();
    assert!(matches!(again, CommitOutcome::Unchanged { .. }));
    let mut changed = reg.clone();
    changed.entities.truncate(100);
    changed.officers[0].name.push('X');
    s.commit(RegistryKind::Entities, &changed, "shrink")
        .unwrap();
    s.commit(RegistryKind::Officers, &changed, "rename")
        .unwrap();
    assert_eq!(s.load(&s.snapshot(4).unwrap()).unwrap(), reg);
    let now = s.load(&s.current_snapshot().unwrap().unwrap()).unwrap();
    assert_eq!(now.entities.len(), 100);
    assert_eq!(now.items, reg.items);
    assert_eq!(now.officers[0].name, changed.officers[0].name);
    let ids: Vec<u64> = s.snapshots().unwrap().iter().map(|x| x.id).collect();
    assert_eq!(ids, vec![1, 2, 3, 4, 5, 6]);
    assert_eq!(s.snapshot_by_digest(&s4.digest).unwrap(), Some(s4.clone()));
    assert_eq!(s.snapshot_by_digest(&Hash([1; 32])).unwrap(), None);
    let only = s.load_kinds(&s4, &[RegistryKind::Items]).unwrap();
    assert_eq!(only.items, reg.items);
    assert!(only.entities.is_empty());
}

/// `for_each_entity` hands over exactly the snapshot's entities, in USCC
/// order, and stops at the first error.
pub fn entities_stream_in_uscc_order<S: Store>(mut s: S) {
    let reg = small_county();
    commit_all(&mut s, &reg);
    let snap = s.current_snapshot().unwrap().unwrap();
    let mut seen = Vec::new();
    s.for_each_entity(&snap, &mut |e| {
        seen.push(e.clone());
        Ok(())
    })
    .unwrap();
    assert_eq!(seen, s.load(&snap).unwrap().entities);
    assert!(
        seen.windows(2)
            .all(|w| w[0].uscc.as_str() < w[1].uscc.as_str())
    );
    let mut n = 0;
    let r = s.for_each_entity(&snap, &mut |_| {
        n += 1;
        if n == 3 {
            Err(StoreError::Conflict("stop".into()))
        } else {
            Ok(())
        }
    });
    assert!(is_conflict(r));
    assert_eq!(n, 3);
}

/// One announcement, one reveal per witness, one draw: every second attempt
/// is a conflict; the stored proof is the one drawn; a void ends the campaign.
pub fn one_draw_per_announcement<S: Store>(mut s: S) {
    commit_all(&mut s, &small_county());
    let proof = drawn(&mut s, "C-1");
    assert_eq!(s.campaign_ids().unwrap(), vec!["C-1".to_string()]);
    assert_eq!(s.campaign_state("C-1").unwrap(), CampaignState::Drawn);
    assert_eq!(s.draw_proof("C-1").unwrap(), proof);
    assert_eq!(s.announcement("C-1").unwrap(), proof.announcement);
    assert_eq!(s.drawn_campaigns().unwrap(), vec!["C-1".to_string()]);
    assert_eq!(s.schedule_secret("C-1").unwrap().as_deref(), Some("secret"));
    // Second announcement, reveal and draw of the same campaign.
    let again = announce_campaigns(
        &mut s,
        vec![campaign("C-1")],
        instant("2026-03-01T10:00:00+08:00"),
        &actor(),
    );
    assert!(again.is_err(), "a second announcement was accepted");
    let r = Reveal {
        name: "甲".into(),
        secret: secret("甲"),
        revealed_at: instant("2026-03-02T10:00:00+08:00"),
    };
    assert!(is_conflict(s.store_reveal("C-1", &r, &actor())));
    assert!(is_conflict(s.store_draw_with(
        &proof,
        "2026-03-02T02:00:00Z",
        &actor(),
        None
    )));
    // Void.
    s.void_campaign("C-1", "suite", "2026-03-03T00:00:00Z", &actor())
        .unwrap();
    assert_eq!(s.campaign_state("C-1").unwrap(), CampaignState::Voided);
    assert!(s.drawn_campaigns().unwrap().is_empty());
    assert!(is_conflict(s.void_campaign(
        "C-1",
        "again",
        "2026-03-03T00:00:01Z",
        &actor()
    )));
    assert!(s.replacements("C-1").unwrap().is_empty());
    assert_eq!(s.pending_replacement("C-1").unwrap(), None);
}

/// Every write is a ledger entry; the chain verifies and its head is what
/// `ledger_head` says; announcements start from the head they saw.
pub fn every_write_is_chained_in_the_ledger<S: Store>(mut s: S) {
    commit_all(&mut s, &small_county());
    let head0 = s.ledger_head().unwrap();
    let proof = drawn(&mut s, "C-2");
    assert_eq!(proof.announcement.ledger_head, head0);
    let entries = s.ledger().unwrap();
    let kinds: Vec<&str> = entries.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, vec!["announcement", "reveal", "draw"]);
    assert_eq!(verify_chain(&entries).unwrap(), s.ledger_head().unwrap());
    let seqs: Vec<u64> = entries.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, vec![1, 2, 3]);
}

/// Results: a new result once, corrections only of what exists, read back in
/// order, and counted as inspections by day.
pub fn results_are_new_once_and_corrected_in_the_open<S: Store>(mut s: S) {
    commit_all(&mut s, &small_county());
    let proof = drawn(&mut s, "C-3");
    let t = &proof.teams[0];
    let target = proof
        .targets
        .iter()
        .find(|x| x.entity.uscc == t.target)
        .unwrap();
    let r = InspectionResult {
        campaign: "C-3".into(),
        target: t.target.clone(),
        item: target.items[0].clone(),
        result: "未发现问题".into(),
        inspected_on: NaiveDate::from_ymd_opt(2026, 3, 10).unwrap(),
        officers: t.officers.clone(),
        note: String::new(),
    };
    let mut fixed = r.clone();
    fixed.result = "发现问题已责令改正".into();
    assert!(is_conflict(s.store_results(
        std::slice::from_ref(&fixed),
        ResultMode::Correction,
        "2026-03-10T08:00:00Z",
        &actor()
    )));
    s.store_results(
        std::slice::from_ref(&r),
        ResultMode::New,
        "2026-03-10T08:00:00Z",
        &actor(),
    )
    .unwrap();
    assert!(is_conflict(s.store_results(
        std::slice::from_ref(&r),
        ResultMode::New,
        "2026-03-10T08:00:01Z",
        &actor()
    )));
    s.store_results(
        std::slice::from_ref(&fixed),
        ResultMode::Correction,
        "2026-03-11T08:00:00Z",
        &actor(),
    )
    .unwrap();
    assert_eq!(s.results("C-3").unwrap(), vec![fixed.clone()]);
    assert_eq!(s.all_results().unwrap(), vec![fixed]);
    let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
    assert_eq!(
        s.inspected_between(day(10), day(11)).unwrap(),
        vec![t.target.clone()]
    );
    assert!(s.inspected_between(day(11), day(12)).unwrap().is_empty());
    s.store_history(
        &[("91350200776049653A".to_string(), day(5))],
        "history.csv",
        "2026-03-11T09:00:00Z",
        &actor(),
    )
    .unwrap();
    assert_eq!(
        s.inspected_between(day(5), day(6)).unwrap(),
        vec!["91350200776049653A".to_string()]
    );
    assert_eq!(s.published_at("C-3", "list").unwrap(), None);
    s.store_publication(
        "C-3",
        "list",
        &serde_json::json!({"list.csv": "00"}),
        "2026-03-12T00:00:00Z",
        &actor(),
    )
    .unwrap();
    assert_eq!(
        s.published_at("C-3", "list").unwrap().as_deref(),
        Some("2026-03-12T00:00:00Z")
    );
}

/// A schedule is recorded once (then only rescheduled), read back exactly,
/// and found by any of its campaigns.
pub fn a_schedule_is_recorded_once<S: Store>(mut s: S) {
    commit_all(&mut s, &small_county());
    drawn(&mut s, "C-4");
    let day = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
    let problem = Problem::new(vec![Visit::new("V1", ["O1"], "T1")], vec![day]);
    let record = ScheduleRecord {
        format: SCHEDULE_RECORD_FORMAT.into(),
        campaigns: vec!["C-4".into()],
        problem,
        dates: BTreeMap::from([("V1".to_string(), day)]),
        reschedules: 0,
        revealed: false,
    };
    let ids = vec!["C-4".to_string()];
    assert_eq!(s.schedule_record(&ids).unwrap(), None);
    assert_eq!(s.scheduled_with(&ids).unwrap(), None);
    assert!(is_conflict(s.store_schedule(
        &record,
        "reschedule",
        serde_json::json!({}),
        "2026-03-05T00:00:00Z",
        &actor()
    )));
    s.store_schedule(
        &record,
        "schedule",
        serde_json::json!({}),
        "2026-03-05T00:00:00Z",
        &actor(),
    )
    .unwrap();
    assert_eq!(s.schedule_record(&ids).unwrap(), Some(record.clone()));
    assert_eq!(s.scheduled_with(&ids).unwrap().as_deref(), Some("C-4"));
    assert!(is_conflict(s.store_schedule(
        &record,
        "schedule",
        serde_json::json!({}),
        "2026-03-05T00:00:01Z",
        &actor()
    )));
    let entries = s.ledger().unwrap();
    assert_eq!(entries.last().map(|e| e.kind.as_str()), Some("schedule"));
}

/// A change to a schedule follows the record it was made from: a
/// reschedule made from a record another writer replaced meanwhile (its
/// number already taken), or a reveal of a record moved since, is refused
/// as a change made while this ran, and nothing is recorded (issue 12: two
/// `schedule move` at once lost one).
pub fn a_change_to_a_replaced_schedule_is_refused<S: Store>(mut s: S) {
    commit_all(&mut s, &small_county());
    drawn(&mut s, "C-5");
    let days = [
        NaiveDate::from_ymd_opt(2026, 3, 9).unwrap(),
        NaiveDate::from_ymd_opt(2026, 3, 10).unwrap(),
    ];
    let problem = Problem::new(vec![Visit::new("V1", ["O1"], "T1")], days.to_vec());
    let mut record = ScheduleRecord {
        format: SCHEDULE_RECORD_FORMAT.into(),
        campaigns: vec!["C-5".into()],
        problem,
        dates: BTreeMap::from([("V1".to_string(), days[0])]),
        reschedules: 0,
        revealed: false,
    };
    let at = "2026-03-05T00:00:00Z";
    let json = serde_json::json!({});
    s.store_schedule(&record, "schedule", json.clone(), at, &actor())
        .unwrap();
    // Two changes made from reschedule 0: the first is recorded, the second refused.
    let mut first = record.clone();
    first.reschedules = 1;
    first.dates.insert("V1".into(), days[1]);
    s.store_schedule(&first, "reschedule", json.clone(), at, &actor())
        .unwrap();
    record.reschedules = 1;
    let entries = s.ledger().unwrap().len();
    let refused = s.store_schedule(&record, "reschedule", json.clone(), at, &actor());
    assert!(
        matches!(
            &refused,
            Err(StoreError::Conflict(
                dualdraw::store::Conflict::ScheduleMoved { .. }
            ))
        ),
        "{refused:?}"
    );
    let ids = vec!["C-5".to_string()];
    assert_eq!(s.schedule_record(&ids).unwrap(), Some(first.clone()));
    assert_eq!(s.ledger().unwrap().len(), entries);
    // A reveal names the record it reveals.
    let mut reveal = first.clone();
    reveal.revealed = true;
    reveal.reschedules = 0;
    assert!(is_conflict(s.store_schedule(
        &reveal,
        "schedule_reveal",
        json.clone(),
        at,
        &actor()
    )));
    reveal.reschedules = 1;
    s.store_schedule(&reveal, "schedule_reveal", json.clone(), at, &actor())
        .unwrap();
    // Nothing changes a revealed schedule.
    let mut late = reveal.clone();
    late.revealed = false;
    late.reschedules = 2;
    assert!(is_conflict(s.store_schedule(
        &late,
        "reschedule",
        json,
        at,
        &actor()
    )));
    assert_eq!(s.schedule_record(&ids).unwrap(), Some(reveal));
}

/// Announcements made on a ledger head that another write moved meanwhile
/// are refused ([`dualdraw::store::Conflict::LedgerMoved`], nothing recorded), and
/// announcing again makes them on the new head.
pub fn an_announcement_on_a_moved_ledger_is_refused<S: Store>(mut s: S) {
    commit_all(&mut s, &small_county());
    let now = instant("2026-03-01T09:00:00+08:00");
    let (list, _) = dualdraw::store::check_campaigns(&s, vec![campaign("C-6")], now).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    s.store_history(
        &[("X".to_string(), day)],
        "h.csv",
        "2026-03-01T00:00:00Z",
        &actor(),
    )
    .unwrap();
    let entries = s.ledger().unwrap().len();
    let refused = s.store_announcements(list, &actor());
    assert!(
        matches!(
            &refused,
            Err(StoreError::Conflict(dualdraw::store::Conflict::LedgerMoved))
        ),
        "{refused:?}"
    );
    assert_eq!(s.ledger().unwrap().len(), entries);
    let (a, _) = announce_campaigns(&mut s, vec![campaign("C-6")], now, &actor())
        .unwrap()
        .remove(0);
    assert_eq!(
        a.ledger_head,
        verify_chain(&s.ledger().unwrap()[..entries]).unwrap()
    );
}

/// Legacy codes accepted once stay accepted.
pub fn legacy_codes_are_kept<S: Store>(mut s: S) {
    assert!(s.accepted_legacy().unwrap().is_empty());
    let codes: BTreeSet<String> = ["110108000000001".to_string()].into();
    s.accept_legacy(&codes).unwrap();
    s.accept_legacy(&codes).unwrap();
    assert_eq!(s.accepted_legacy().unwrap(), codes);
}

/// The history rules read the store (§3): inspections (results, imported
/// history) before the draw date exclude, drawn teams and results keep
/// officers apart, everything this year counts for the low-risk rule; a
/// voided draw counts for nothing.
pub fn history_rules_read_the_store<S: Store>(mut s: S) {
    commit_all(&mut s, &small_county());
    let proof = drawn(&mut s, "C-5");
    let t = &proof.teams[0];
    let item = proof
        .targets
        .iter()
        .find(|x| x.entity.uscc == t.target)
        .unwrap()
        .items[0]
        .clone();
    let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    s.store_results(
        &[InspectionResult {
            campaign: "C-5".into(),
            target: t.target.clone(),
            item,
            result: "未发现问题".into(),
            inspected_on: day(3, 10),
            officers: t.officers.clone(),
            note: String::new(),
        }],
        ResultMode::New,
        "2026-03-10T08:00:00Z",
        &actor(),
    )
    .unwrap();
    let imported = "91350200776049653A".to_string();
    s.store_history(
        &[(imported.clone(), day(3, 5)), (imported.clone(), day(1, 2))],
        "history.csv",
        "2026-03-11T00:00:00Z",
        &actor(),
    )
    .unwrap();
    let mut later = campaign("C-6");
    later.draw_date = day(3, 20);
    later.targets.exclude_inspected_within_days = 30;
    later.teams.avoid_same_officer_within_days = 30;
    later.targets.low_risk_once_a_year = true;
    let h = dualdraw::store::history_for(&s, &later).unwrap();
    let mut want = vec![imported.clone(), t.target.clone()];
    want.sort();
    assert_eq!(h.exclusion, want);
    for team in &proof.teams {
        for o in &team.officers {
            assert!(
                h.officer_history
                    .iter()
                    .any(|p| &p.officer == o && p.target == team.target),
                "pair ({o}, {}) of an earlier draw is missing",
                team.target
            );
        }
        assert!(h.drawn_this_year.contains(&team.target));
    }
    assert!(h.drawn_this_year.contains(&imported));
    // Rules off: nothing.
    let off = campaign("C-7");
    assert_eq!(
        dualdraw::store::history_for(&s, &off).unwrap(),
        dualdraw::core::announcement::History::default()
    );
    // A voided draw's teams no longer count; the result still does.
    s.void_campaign("C-5", "suite", "2026-03-12T00:00:00Z", &actor())
        .unwrap();
    let h = dualdraw::store::history_for(&s, &later).unwrap();
    let from_result: Vec<_> = h.officer_history.iter().map(|p| &p.target).collect();
    assert!(from_result.iter().all(|x| **x == t.target));
    assert_eq!(h.officer_history.len(), t.officers.len());
}

/// A read-modify-write never loses an update: content derived from an older
/// snapshot is refused when its registry changed since, and accepted when
/// only another registry did.
pub fn a_stale_commit_is_refused<S: Store>(mut s: S) {
    let reg = small_county();
    commit_all(&mut s, &reg);
    let base = s.current_snapshot().unwrap().unwrap().id;
    let mut first = reg.clone();
    first.entities.truncate(1_000);
    let mut second = reg.clone();
    second.entities.truncate(500);
    s.commit_based(RegistryKind::Entities, &first, "first", Some(base))
        .unwrap();
    let lost = s.commit_based(RegistryKind::Entities, &second, "second", Some(base));
    assert!(
        is_conflict(lost),
        "the second update would have lost the first"
    );
    let now = s.load_current(&[RegistryKind::Entities]).unwrap();
    assert_eq!(now.entities.len(), 1_000);
    // Another registry changed since the base: no conflict for officers.
    let mut officers = reg.clone();
    officers.officers.truncate(10);
    s.commit_based(RegistryKind::Officers, &officers, "officers", Some(base))
        .unwrap();
    // From the empty store while entities exist: refused.
    assert!(is_conflict(s.commit_based(
        RegistryKind::Entities,
        &reg,
        "stale",
        None
    )));
}
