//! Writers on one store at once, each through its own handle (a second
//! connection, a second process's view): never a forked ledger, never a
//! second draw of one announcement, never a lost write.

use super::*;
use dualdraw::store::{DrawCampaignError, draw_campaign};

const CAMPAIGNS: [&str; 4] = ["C-1", "C-2", "C-3", "C-4"];
const WRITERS: usize = 4;

/// `WRITERS` threads, each with a store from `open`, race to draw every
/// campaign (each in its own order) and to record history rows; each
/// campaign is drawn exactly once, every history row is kept, and the
/// ledger is one chain with exactly one draw entry per campaign.
pub fn concurrent_writers_never_fork_the_ledger_or_draw_twice<S, F>(open: F)
where
    S: Store + Send,
    F: Fn() -> S + Sync,
{
    let mut first = open();
    commit_all(&mut first, &small_county());
    for id in CAMPAIGNS {
        announce_campaigns(
            &mut first,
            vec![campaign(id)],
            instant("2026-03-01T09:00:00+08:00"),
            &actor(),
        )
        .unwrap();
    }
    let won: Vec<Vec<String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..WRITERS)
            .map(|w| {
                let open = &open;
                scope.spawn(move || {
                    let mut s = open();
                    let inputs = dualdraw::store::DrawInputs {
                        reveals: vec![("甲".into(), secret("甲"))],
                        ..Default::default()
                    };
                    let mut mine = Vec::new();
                    for k in 0..CAMPAIGNS.len() {
                        let id = CAMPAIGNS[(k + w) % CAMPAIGNS.len()];
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
                            NaiveDate::from_ymd_opt(2025, 1 + k as u32, 1).unwrap(),
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
    assert_eq!(
        drawn,
        CAMPAIGNS.to_vec(),
        "each campaign drawn exactly once"
    );
    let s = open();
    let entries = s.ledger().unwrap();
    verify_chain(&entries).unwrap();
    assert_eq!(s.ledger_head().unwrap(), entries.last().unwrap().hash);
    let draws = entries.iter().filter(|e| e.kind == "draw").count();
    assert_eq!(draws, CAMPAIGNS.len(), "one draw entry per campaign");
    assert_eq!(
        s.imported_history().unwrap().len(),
        WRITERS * CAMPAIGNS.len(),
        "no history row lost"
    );
    for id in CAMPAIGNS {
        assert_eq!(s.campaign_state(id).unwrap(), CampaignState::Drawn);
    }
}
