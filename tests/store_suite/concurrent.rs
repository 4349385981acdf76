//! Writers on one store at once, each through its own handle (a second
//! connection, a second process's view): never a forked ledger, never a
//! second draw of one announcement, never a lost write.

use super::*;
use dualdraw::store::{DrawCampaignError, RevealError, draw_campaign};

/// `4` threads, each with a store from `open`, race to draw every one of 4
/// campaigns (each in its own order) and to record history rows; each
/// campaign is drawn exactly once, every history row is kept, and the
/// ledger is one chain with exactly one draw entry per campaign.
pub fn concurrent_writers_never_fork_the_ledger_or_draw_twice<S, F>(open: F)
where
    S: Store + Send,
    F: Fn() -> S + Sync,
{
    writers_race(open, 4, 4);
}

/// As [`concurrent_writers_never_fork_the_ledger_or_draw_twice`] with
/// `writers` threads and `campaigns` campaigns: more writers than cores
/// widen the windows between a writer's check that a campaign is not drawn
/// and its writes (its reveal, its draw), where another writer's draw lands.
pub fn writers_race<S, F>(open: F, writers: usize, campaigns: usize)
where
    S: Store + Send,
    F: Fn() -> S + Sync,
{
    let ids: Vec<String> = (1..=campaigns).map(|i| format!("C-{i}")).collect();
    let mut first = open();
    commit_all(&mut first, &small_county());
    for id in &ids {
        announce_campaigns(
            &mut first,
            vec![campaign(id)],
            instant("2026-03-01T09:00:00+08:00"),
            &actor(),
        )
        .unwrap();
    }
    let won: Vec<Vec<String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..writers)
            .map(|w| {
                let open = &open;
                let ids = &ids;
                scope.spawn(move || {
                    let mut s = open();
                    let inputs = dualdraw::store::DrawInputs {
                        reveals: vec![("甲".into(), secret("甲"))],
                        ..Default::default()
                    };
                    let mut mine = Vec::new();
                    for k in 0..ids.len() {
                        let id = ids[(k + w) % ids.len()].as_str();
                        match draw_campaign(
                            &mut s,
                            id,
                            &inputs,
                            instant("2026-03-02T09:30:00+08:00"),
                            &actor(),
                            None,
                        ) {
                            Ok(_) => mine.push(id.to_string()),
                            Err(DrawCampaignError::AlreadyDrawn(_))
                            | Err(DrawCampaignError::Store(StoreError::Conflict(_))) => {}
                            Err(e) => panic!("writer {w}, {id}: {e}"),
                        }
                        let row = (
                            format!("91520123MA{w:02}{k:06}"),
                            NaiveDate::from_ymd_opt(2025, 1 + (k % 12) as u32, 1 + (k / 12) as u32)
                                .unwrap(),
                        );
                        s.store_history(
                            &[row],
                            &format!("writer-{w}"),
                            "2026-03-02T01:00:00Z",
                            &actor(),
                        )
                        .unwrap();
                    }
                    mine
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut drawn: Vec<String> = won.concat();
    drawn.sort();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(drawn, expected, "each campaign drawn exactly once");
    let s = open();
    let entries = s.ledger().unwrap();
    verify_chain(&entries).unwrap();
    assert_eq!(s.ledger_head().unwrap(), entries.last().unwrap().hash);
    let draws = entries.iter().filter(|e| e.kind == "draw").count();
    assert_eq!(draws, ids.len(), "one draw entry per campaign");
    assert_eq!(
        s.imported_history().unwrap().len(),
        writers * ids.len(),
        "no history row lost"
    );
    for id in &ids {
        assert_eq!(s.campaign_state(id).unwrap(), CampaignState::Drawn);
    }
}

/// Writers drawing while `kill` keeps cutting their connections (on
/// PostgreSQL: `pg_terminate_backend` of every dualdraw backend, in or out
/// of a transaction); a writer whose connection died opens a new store and
/// tries again. Every campaign ends drawn, with exactly one draw entry in a
/// ledger that is one chain. Returns how many connections `kill` cut (the
/// caller asserts there were some: a test whose fault never happened
/// proves nothing).
pub fn cut_connections_leave_each_campaign_drawn_once<S, F, K>(open: F, kill: K) -> u64
where
    S: Store + Send,
    F: Fn() -> Result<S, StoreError> + Sync,
    K: Fn() -> u64 + Sync,
{
    const N: usize = 8;
    let ids: Vec<String> = (1..=N).map(|i| format!("K-{i}")).collect();
    let mut first = open().unwrap();
    commit_all(&mut first, &small_county());
    for id in &ids {
        announce_campaigns(
            &mut first,
            vec![campaign(id)],
            instant("2026-03-01T09:00:00+08:00"),
            &actor(),
        )
        .unwrap();
    }
    drop(first);
    let stop = std::sync::atomic::AtomicBool::new(false);
    let cut = std::thread::scope(|scope| {
        let killer = scope.spawn(|| {
            let mut cut = 0u64;
            let mut k = 0u64;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                k += 1;
                std::thread::sleep(std::time::Duration::from_millis(3 + k * 7 % 23));
                cut += kill();
            }
            cut
        });
        let workers: Vec<_> = (0..3usize)
            .map(|w| {
                let (open, ids) = (&open, &ids);
                scope.spawn(move || {
                    let inputs = dualdraw::store::DrawInputs {
                        reveals: vec![("甲".into(), secret("甲"))],
                        ..Default::default()
                    };
                    for k in 0..ids.len() {
                        let id = &ids[(k * (w + 1) + w) % ids.len()];
                        let mut tries = 0;
                        loop {
                            tries += 1;
                            assert!(tries < 200, "writer {w}: {id} never got through");
                            let Ok(mut s) = open() else { continue };
                            match draw_campaign(
                                &mut s,
                                id,
                                &inputs,
                                instant("2026-03-02T09:30:00+08:00"),
                                &actor(),
                                None,
                            ) {
                                Ok(_)
                                | Err(DrawCampaignError::AlreadyDrawn(_))
                                | Err(DrawCampaignError::Store(StoreError::Conflict(_))) => break,
                                // The connection was cut (while revealing or
                                // drawing): a new one, and again.
                                Err(DrawCampaignError::Store(StoreError::Backend(_)))
                                | Err(DrawCampaignError::Reveal(RevealError::Store(
                                    StoreError::Backend(_),
                                ))) => {}
                                // The reveal of a try whose answer was lost.
                                Err(DrawCampaignError::Reveal(RevealError::Store(
                                    StoreError::Conflict(_),
                                ))) => {}
                                Err(e) => panic!("writer {w}, {id}: {e}"),
                            }
                        }
                    }
                })
            })
            .collect();
        // Every writer joined before the killer is stopped; a writer's
        // panic is raised only after that, so the test never hangs on it.
        let joined: Vec<_> = workers.into_iter().map(|h| h.join()).collect();
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        let cut = killer.join().unwrap();
        for j in joined {
            if let Err(p) = j {
                std::panic::resume_unwind(p);
            }
        }
        cut
    });
    let s = open().unwrap();
    let entries = s.ledger().unwrap();
    verify_chain(&entries).unwrap();
    for id in &ids {
        assert_eq!(s.campaign_state(id).unwrap(), CampaignState::Drawn, "{id}");
        let draws = entries
            .iter()
            .filter(|e| e.kind == "draw" && &e.campaign == id)
            .count();
        assert_eq!(draws, 1, "{id}: {draws} draw entries");
    }
    cut
}
