//! Issue 12, lost updates and false alarms: pairs of the same updating
//! command run at the same moment on one workspace. Each pair must end with
//! both updates applied, or one applied and the other refused with a clear
//! message (exit 1, nothing stored) — never both reported done with one lost.
//! A reader (`ledger verify`) running beside writers never reports a broken
//! ledger.
//!
//! Here: registry updates, department imports, reveals, and `ledger verify`
//! beside history imports; `workflow.rs`: announce, draw, results import,
//! schedule move, publish and results publish, and readers beside results
//! imports; `support.rs`: the helpers. Each test prints one summary line.
//!
//! `DUALDRAW_CONCURRENCY=N` runs N pairs of each kind (the closing note's
//! figures come from N = 100); the default is a small sample for CI.

mod support;
mod workflow;

use support::*;

#[test]
fn concurrent_registry_updates_never_lose_one() {
    let c = County::new();
    let ws = c.workspace("ws-update");
    let mut seen = std::collections::BTreeMap::new();
    for round in 0..pairs() {
        // Each delta adds one held-back entity; afterwards both are removed again.
        let a = c.file("a.csv", &format!("{}\n{}\n", c.header, c.held[0]));
        let b = c.file("b.csv", &format!("{}\n{}\n", c.header, c.held[1]));
        let (x, y) = race(
            &ws,
            &[
                "registry",
                "update",
                "entities",
                a.to_str().unwrap(),
                "--today",
                "2026-03-01",
            ],
            &[
                "registry",
                "update",
                "entities",
                b.to_str().unwrap(),
                "--today",
                "2026-03-01",
            ],
        );
        let now = current(&ws);
        let has = |row: &str| {
            let key = row.split(',').next().unwrap();
            now.entities.iter().any(|e| e.uscc.as_str() == key)
        };
        let applied = [has(&c.held[0]), has(&c.held[1])];
        *seen
            .entry(judge(&format!("round {round}"), &x, &y, applied))
            .or_insert(0) += 1;
        // Back to the start: remove what was added.
        let mut rm = format!("{},操作\n", c.header);
        for (i, row) in c.held.iter().enumerate() {
            if applied[i] {
                rm.push_str(&format!("{row},删除\n"));
            }
        }
        if applied.iter().any(|x| *x) {
            let f = c.file("rm.csv", &rm);
            ok(&dd(
                &ws,
                &[
                    "registry",
                    "update",
                    "entities",
                    f.to_str().unwrap(),
                    "--today",
                    "2026-03-01",
                ],
            ));
        }
    }
    ledger_ok(&ws);
    eprintln!("registry update pairs: {seen:?}");
}

#[test]
fn concurrent_department_imports_never_lose_one() {
    let c = County::new();
    let ws = c.workspace("ws-dept");
    let header = &c.officers[0];
    let of = |dept: &str| -> Vec<String> {
        c.officers[1..]
            .iter()
            .filter(|l| l.split(',').nth(2) == Some(dept))
            .cloned()
            .collect()
    };
    let mut seen = std::collections::BTreeMap::new();
    for round in 0..pairs() {
        // Each department renames its first officer (a different name each round).
        let mut files = Vec::new();
        let mut names = Vec::new();
        for dept in ["县公安局", "县文旅局"] {
            let mut rows = of(dept);
            let mut cols: Vec<String> = rows[0].split(',').map(str::to_string).collect();
            let name = format!("改名{round}{}", &dept[3..6]);
            cols[1] = name.clone();
            rows[0] = cols.join(",");
            files.push(c.file(
                &format!("{dept}.csv"),
                &format!("{header}\n{}\n", rows.join("\n")),
            ));
            names.push(name);
        }
        let (x, y) = race(
            &ws,
            &[
                "import",
                "officers",
                files[0].to_str().unwrap(),
                "--department",
                "县公安局",
                "--today",
                "2026-03-01",
            ],
            &[
                "import",
                "officers",
                files[1].to_str().unwrap(),
                "--department",
                "县文旅局",
                "--today",
                "2026-03-01",
            ],
        );
        let now = current(&ws);
        let has = |name: &str| now.officers.iter().any(|o| o.name == name);
        let applied = [has(&names[0]), has(&names[1])];
        *seen
            .entry(judge(&format!("round {round}"), &x, &y, applied))
            .or_insert(0) += 1;
    }
    ledger_ok(&ws);
    eprintln!("department import pairs: {seen:?}");
}

#[test]
fn a_department_import_refuses_an_id_of_another_department() {
    let c = County::new();
    let ws = c.workspace("ws-foreign");
    let header = &c.officers[0];
    // An officer of 县公安局 listed in 县文旅局's file.
    let foreign = c.officers[1..]
        .iter()
        .find(|l| l.split(',').nth(2) == Some("县公安局"))
        .unwrap()
        .replace("县公安局", "县文旅局");
    let f = c.file("x.csv", &format!("{header}\n{foreign}\n"));
    let o = dd(
        &ws,
        &[
            "import",
            "officers",
            f.to_str().unwrap(),
            "--department",
            "县文旅局",
            "--today",
            "2026-03-01",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let id = foreign.split(',').next().unwrap();
    assert!(
        text(&o).contains(id) && text(&o).contains("县公安局"),
        "the refusal names neither the id nor its department: {}",
        text(&o)
    );
    ok(&dd(&ws, &["ledger", "verify"]));
}

#[test]
fn two_witnesses_revealing_at_once_are_both_recorded() {
    let c = County::new();
    let ws = c.workspace("ws-reveal");
    for round in 0..pairs() {
        let id = format!("C-{round}");
        let f = c.file(&format!("{id}.toml"), &campaign(&id));
        ok(&dd(
            &ws,
            &[
                "campaign",
                "announce",
                f.to_str().unwrap(),
                "--now",
                "2026-03-01T09:00:00+08:00",
            ],
        ));
        let a = format!("甲={}", secret("甲"));
        let b = format!("乙={}", secret("乙"));
        let now = ["--now", "2026-03-02T09:00:00+08:00"];
        let (x, y) = race(
            &ws,
            &["campaign", "reveal", &id, &a, now[0], now[1]],
            &["campaign", "reveal", &id, &b, now[0], now[1]],
        );
        ok(&x);
        ok(&y);
        let w = dualdraw::Workspace::open(&ws).unwrap();
        assert_eq!(w.reveals(&id).unwrap().len(), 2, "round {round}");
    }
    ok(&dd(&ws, &["ledger", "verify"]));
    eprintln!(
        "reveal pairs (two witnesses): {} pairs, {} both applied, 0 one refused",
        pairs(),
        pairs()
    );
}

/// `ledger verify` beside a writer that keeps adding history imports (rows
/// and their ledger entry in one transaction): never a false alarm.
#[test]
fn a_reader_beside_a_writer_never_sees_a_broken_ledger() {
    let c = County::new();
    let ws = c.workspace("ws-reader");
    let uscc = c.held[0].split(',').next().unwrap().to_string();
    let file = c.file(
        "history.csv",
        &format!("统一社会信用代码,检查日期\n{uscc},2026-01-05\n"),
    );
    let rounds = pairs() * 10;
    let writer = {
        let ws = ws.clone();
        let file = file.clone();
        std::thread::spawn(move || {
            for _ in 0..rounds {
                let o = dd(&ws, &["history", "import", file.to_str().unwrap()]);
                assert!(o.status.success(), "{}", text(&o));
            }
        })
    };
    let mut reads = 0;
    while !writer.is_finished() {
        let o = dd(&ws, &["ledger", "verify"]);
        assert!(
            o.status.success(),
            "false alarm after {reads} reads: {}",
            text(&o)
        );
        reads += 1;
    }
    writer.join().unwrap();
    eprintln!("ledger verify beside {rounds} history imports: {reads} reads, 0 false alarms");
    assert!(reads > 0);
}
