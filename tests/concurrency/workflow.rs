//! The campaign workflow's updating commands in pairs: `campaign announce`
//! and `campaign draw` of two campaigns, `results import`, `schedule move`,
//! `publish` and `results publish`, and readers (`ledger verify`, `verify`)
//! beside a writer of results.

use crate::support::*;
use std::collections::BTreeSet;
use std::path::Path;

fn open(ws: &Path) -> dualdraw::Workspace {
    dualdraw::Workspace::open(ws).unwrap()
}

/// The (target, item) pairs recorded for campaign `id`.
fn recorded(ws: &Path, id: &str) -> BTreeSet<(String, String)> {
    open(ws)
        .results(id)
        .unwrap()
        .into_iter()
        .map(|r| (r.target, r.item))
        .collect()
}

/// Whether every row of `rows` is recorded; panics when only some are (an
/// import is all or nothing).
fn all_recorded(what: &str, have: &BTreeSet<(String, String)>, rows: &[(String, String)]) -> bool {
    let n = rows.iter().filter(|r| have.contains(*r)).count();
    assert!(
        n == 0 || n == rows.len(),
        "{what}: {n} of {} rows recorded (an import is all or nothing)",
        rows.len()
    );
    n == rows.len()
}

fn results_import<'a>(id: &'a str, file: &'a Path) -> [&'a str; 4] {
    ["results", "import", id, file.to_str().unwrap()]
}

fn state(ws: &Path, id: &str) -> Option<dualdraw::store::CampaignState> {
    open(ws).campaign_state(id).ok()
}

/// Two campaigns announced at once, then drawn at once, then results
/// imported in pairs: two files of one campaign, and files of two campaigns.
#[test]
fn concurrent_announces_draws_and_results_imports_never_lose_one() {
    let c = County::new();
    let ws = c.workspace("ws-flow");
    let mut announces = Tally::default();
    let mut draws = Tally::default();
    let mut same = Tally::default();
    let mut two = Tally::default();
    for round in 0..pairs() {
        let (p, q) = (format!("P-{round}"), format!("Q-{round}"));
        let fp = c.file(&format!("{p}.toml"), &campaign_at(&p, "30%"));
        let fq = c.file(&format!("{q}.toml"), &campaign_at(&q, "30%"));
        let announce = |f: &Path| {
            vec![
                "campaign".to_string(),
                "announce".into(),
                f.to_str().unwrap().into(),
                "--now".into(),
                ANNOUNCE_AT.into(),
            ]
        };
        let (a, b) = (announce(&fp), announce(&fq));
        let (x, y) = race(&ws, &strs(&a), &strs(&b));
        let applied = [state(&ws, &p).is_some(), state(&ws, &q).is_some()];
        announces.add(judge(&format!("announce round {round}"), &x, &y, applied));
        for (i, f) in [&a, &b].into_iter().enumerate() {
            if !applied[i] {
                ok(&dd(&ws, &strs(f)));
            }
        }
        reveal_first(&ws, &p);
        reveal_first(&ws, &q);
        let (x, y) = race(&ws, &strs(&draw_args(&p)), &strs(&draw_args(&q)));
        let drawn = |id: &str| state(&ws, id) == Some(dualdraw::store::CampaignState::Drawn);
        let applied = [drawn(&p), drawn(&q)];
        draws.add(judge(&format!("draw round {round}"), &x, &y, applied));
        for (i, id) in [&p, &q].into_iter().enumerate() {
            if !applied[i] {
                ok(&dd(&ws, &strs(&draw_args(id))));
            }
        }
        // Results: P's targets in three parts, Q's first half.
        let tp = targets(&ws, &p);
        let tq = targets(&ws, &q);
        assert!(tp.len() >= 3, "{p} drew {} target(s)", tp.len());
        let part = |t: &[(String, String)], k: usize, of: usize| -> Vec<(String, String)> {
            t.iter()
                .enumerate()
                .filter(|(i, _)| i % of == k)
                .map(|(_, r)| r.clone())
                .collect()
        };
        let (pa, pb, pc, qa) = (
            part(&tp, 0, 3),
            part(&tp, 1, 3),
            part(&tp, 2, 3),
            part(&tq, 0, 2),
        );
        let files: Vec<_> = [("pa", &pa), ("pb", &pb), ("pc", &pc), ("qa", &qa)]
            .iter()
            .map(|(n, rows)| c.file(&format!("{n}.csv"), &results_csv(rows)))
            .collect();
        let (x, y) = race(
            &ws,
            &results_import(&p, &files[0]),
            &results_import(&p, &files[1]),
        );
        let have = recorded(&ws, &p);
        let applied = [
            all_recorded("pa", &have, &pa),
            all_recorded("pb", &have, &pb),
        ];
        same.add(judge(
            &format!("results import round {round}"),
            &x,
            &y,
            applied,
        ));
        let (x, y) = race(
            &ws,
            &results_import(&p, &files[2]),
            &results_import(&q, &files[3]),
        );
        let applied = [
            all_recorded("pc", &recorded(&ws, &p), &pc),
            all_recorded("qa", &recorded(&ws, &q), &qa),
        ];
        two.add(judge(
            &format!("results import round {round}"),
            &x,
            &y,
            applied,
        ));
        ledger_ok(&ws);
    }
    announces.print("campaign announce (two campaigns)");
    draws.print("campaign draw (two campaigns)");
    same.print("results import (two files, one campaign)");
    two.print("results import (two campaigns)");
}

/// Two visits of one scheduled campaign moved at once.
#[test]
fn concurrent_schedule_moves_never_lose_one() {
    let c = County::new();
    let ws = c.workspace("ws-move");
    c.drawn(&ws, "S", "100%");
    ok(&dd(
        &ws,
        &["schedule", "S", "--now", "2026-03-03T10:00:00+08:00"],
    ));
    let ids = vec!["S".to_string()];
    let moves = |ws: &Path| {
        open(ws)
            .ledger()
            .unwrap()
            .iter()
            .filter(|e| e.kind == "reschedule")
            .count()
    };
    let mut t = Tally::default();
    for round in 0..pairs() {
        let before = open(&ws).schedule_record(&ids).unwrap().unwrap();
        let visits: Vec<&String> = before.dates.keys().collect();
        let n = visits.len();
        assert!(n >= 2, "S has {n} visit(s)");
        let v = [
            visits[(2 * round) % n].clone(),
            visits[(2 * round + 1) % n].clone(),
        ];
        let d = [
            before.dates[&v[0]].to_string(),
            before.dates[&v[1]].to_string(),
        ];
        let args = |i: usize| {
            vec![
                "schedule".to_string(),
                "move".into(),
                "S".into(),
                "--visit".into(),
                v[i].clone(),
                "--not-on".into(),
                d[i].clone(),
                "--reason".into(),
                format!("并发改期{round}-{i}"),
            ]
        };
        let (a, b) = (args(0), args(1));
        let (x, y) = race(&ws, &strs(&a), &strs(&b));
        let after = open(&ws).schedule_record(&ids).unwrap().unwrap();
        let applied = [
            after.dates[&v[0]].to_string() != d[0],
            after.dates[&v[1]].to_string() != d[1],
        ];
        t.add(judge(
            &format!("schedule move round {round}"),
            &x,
            &y,
            applied,
        ));
        // Every recorded move is in the schedule, and the schedule counts them.
        assert_eq!(after.reschedules as usize, moves(&ws), "round {round}");
        ledger_ok(&ws);
    }
    t.print("schedule move (two visits)");
}

/// Files left half-written anywhere under `dir`.
fn partials(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(partials(&p));
        } else if p.to_string_lossy().contains(".partial-") {
            out.push(p.display().to_string());
        }
    }
    out
}

/// The publication entries of campaign `id` for `what` (`draw`, `results`):
/// their file lists, in order.
fn publications(ws: &Path, id: &str, what: &str) -> Vec<serde_json::Value> {
    open(ws)
        .ledger()
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == "publication" && e.campaign == id)
        .filter_map(|e| serde_json::from_str::<serde_json::Value>(&e.body).ok())
        .filter(|b| b["what"] == what)
        .map(|b| b["files"].clone())
        .collect()
}

/// After publishing: nothing partial, the ledger verifies, `doctor` finds
/// nothing, and no publication was recorded twice in a row with the same files.
fn published_consistently(ws: &Path, id: &str) {
    assert_eq!(partials(ws), Vec::<String>::new(), "partial files left");
    ledger_ok(ws);
    let o = dd(ws, &["doctor"]);
    assert!(o.status.success(), "doctor: {}", text(&o));
    for what in ["draw", "results"] {
        let p = publications(ws, id, what);
        assert!(
            p.windows(2).all(|w| w[0] != w[1]),
            "{id}: the same {what} publication recorded twice in a row"
        );
    }
}

/// The results of campaign `id` the published results notice shows.
fn in_notice(ws: &Path, id: &str) -> BTreeSet<(String, String)> {
    let notice: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(ws.join("published").join(id).join("results.json")).unwrap(),
    )
    .unwrap();
    notice["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["target"].as_str().unwrap().to_string(),
                r["item"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A `results publish` beside the `results import` it may or may not
/// include: every result is in the notice or still waiting for one, never
/// marked published without being in the published files (issue 12: the
/// publication marked every result of the campaign published, also those
/// imported after it had read them).
#[test]
fn a_results_publish_beside_an_import_marks_published_only_what_it_shows() {
    let c = County::new();
    let ws = c.workspace("ws-notice");
    let (mut t, mut shown_import) = (Tally::default(), 0);
    for round in 0..pairs() {
        let id = format!("N-{round}");
        c.drawn(&ws, &id, "30%");
        let rows = targets(&ws, &id);
        let f = c.file("n.csv", &results_csv(&rows));
        let (x, y) = race(&ws, &results_import(&id, &f), &["results", "publish", &id]);
        let shown = in_notice(&ws, &id);
        let waiting: BTreeSet<(String, String)> = open(&ws)
            .unpublished_results(&id)
            .unwrap()
            .into_iter()
            .map(|r| (r.target, r.item))
            .collect();
        for r in &rows {
            assert!(
                shown.contains(r) != waiting.contains(r),
                "round {round}: {r:?} is {} the notice and {} waiting",
                if shown.contains(r) { "in" } else { "not in" },
                if waiting.contains(r) { "" } else { "not" },
            );
        }
        let applied = [all_recorded("import", &recorded(&ws, &id), &rows), true];
        t.add(judge(
            &format!("import + publish round {round}"),
            &x,
            &y,
            applied,
        ));
        if !shown.is_empty() {
            shown_import += 1;
        }
        published_consistently(&ws, &id);
    }
    t.print("results import beside results publish");
    eprintln!(
        "  the notice showed the import in {shown_import} round(s), left it waiting in {}",
        t.pairs - shown_import
    );
}

/// Two `publish` of one campaign at once, and two `results publish` at once.
#[test]
fn concurrent_publishes_leave_one_consistent_record() {
    let c = County::new();
    let ws = c.workspace("ws-publish");
    let (mut lists, mut notices) = (Tally::default(), Tally::default());
    for round in 0..pairs() {
        let id = format!("T-{round}");
        c.drawn(&ws, &id, "30%");
        let rows = targets(&ws, &id);
        let f = c.file("t.csv", &results_csv(&rows[..rows.len() / 2]));
        ok(&dd(&ws, &results_import(&id, &f)));
        let (x, y) = race(&ws, &["publish", &id], &["publish", &id]);
        let applied = [publications(&ws, &id, "draw").len() == 1; 2];
        lists.add(judge(&format!("publish round {round}"), &x, &y, applied));
        published_consistently(&ws, &id);
        let (x, y) = race(
            &ws,
            &["results", "publish", &id],
            &["results", "publish", &id],
        );
        let all_shown = open(&ws).unpublished_results(&id).unwrap().is_empty()
            && in_notice(&ws, &id).len() == rows.len() / 2;
        notices.add(judge(
            &format!("results publish round {round}"),
            &x,
            &y,
            [all_shown; 2],
        ));
        assert_eq!(publications(&ws, &id, "results").len(), 1, "round {round}");
        published_consistently(&ws, &id);
    }
    lists.print("publish (one campaign)");
    notices.print("results publish (one campaign)");
}

/// `ledger verify` and `verify` of a drawn campaign's proof beside a writer
/// importing results one file at a time: never a false alarm.
#[test]
fn readers_beside_results_imports_never_raise_a_false_alarm() {
    let c = County::new();
    let ws = c.workspace("ws-readers");
    let imports = pairs() * 5;
    let mut rows: Vec<(String, (String, String))> = Vec::new();
    let mut k = 0;
    while rows.len() < imports {
        let id = format!("R-{k}");
        c.drawn(&ws, &id, "100%");
        rows.extend(targets(&ws, &id).into_iter().map(|r| (id.clone(), r)));
        k += 1;
    }
    rows.truncate(imports);
    let files: Vec<(String, std::path::PathBuf)> = rows
        .iter()
        .enumerate()
        .map(|(i, (id, r))| {
            (
                id.clone(),
                c.file(&format!("r{i}.csv"), &results_csv(std::slice::from_ref(r))),
            )
        })
        .collect();
    let writer = {
        let ws = ws.clone();
        std::thread::spawn(move || {
            for (id, f) in &files {
                let o = dd(&ws, &results_import(id, f));
                assert!(o.status.success(), "{}", text(&o));
            }
        })
    };
    let proof = ws.join("proofs").join("R-0.json");
    let mut t = Tally::default();
    while !writer.is_finished() {
        let o = if t.reads % 2 == 0 {
            dd(&ws, &["ledger", "verify"])
        } else {
            dd(&ws, &["verify", proof.to_str().unwrap()])
        };
        if !o.status.success() {
            t.alarms += 1;
            eprintln!("false alarm after {} reads: {}", t.reads, text(&o));
        }
        t.reads += 1;
    }
    writer.join().unwrap();
    ledger_ok(&ws);
    assert!(!recorded(&ws, "R-0").is_empty());
    eprintln!(
        "ledger verify + verify beside {imports} results imports: {} reads ({} ledger verify, {} verify), {} false alarms",
        t.reads,
        t.reads.div_ceil(2),
        t.reads / 2,
        t.alarms
    );
    assert_eq!(t.alarms, 0);
    assert!(t.reads > 0);
}
