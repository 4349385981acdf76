//! Black-box tests of `dualdraw import entities FILE FILE …` (issue 17): a
//! province's registry from its counties' files in one new version, the
//! same registry as one file holding every row, all or nothing across the
//! files, a USCC in two files refused naming both.

#[path = "cli_support.rs"]
mod support;

use support::*;

/// The generated county's entity rows (header first), cut into `parts`
/// files of unequal size with the rows of each in reverse order; returns
/// their names.
fn split(t: &Ws, rows: &[Vec<String>], parts: &[usize]) -> Vec<String> {
    let mut names = Vec::new();
    let mut at = 1;
    for (i, &n) in parts.iter().enumerate() {
        let mut part = vec![rows[0].clone()];
        part.extend(rows[at..at + n].iter().rev().cloned());
        at += n;
        names.push(t.write(&format!("county-{i}.csv"), &csv_text(&part)));
    }
    assert_eq!(at, rows.len(), "every row in a part");
    names
}

#[test]
fn several_files_make_the_registry_one_file_of_all_their_rows_makes() {
    let t = Ws::new();
    t.generate(900);
    let rows = csv_rows(&t.read("gen/entities.csv"));
    let files = split(&t, &rows, &[400, 1, 499]);
    let mut args = vec!["import", "entities"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--today", TODAY]);
    let v = t.json(&args, 0);
    assert_eq!(v["rows"], 900);
    assert_eq!(v["total"], 900);
    assert_eq!(t.snapshot_count(), 1, "one new snapshot for all the files");
    let root = t.root_hash("entities");
    // The one file holding every row commits to the same registry (the
    // roots are salted by workspace, so compared in the same one).
    let one = t.json(
        &["import", "entities", "gen/entities.csv", "--today", TODAY],
        0,
    );
    assert_eq!(one["outcome"]["outcome"], "unchanged", "{one}");
    // The same files again change nothing either.
    let again = t.json(&args, 0);
    assert_eq!(again["outcome"]["outcome"], "unchanged", "{again}");
    assert_eq!(t.snapshot_count(), 1);
    assert_eq!(t.root_hash("entities"), root);
    // A registry of other content first, then the files: the same root again.
    let mut few = rows[..11].to_vec();
    few[1..].reverse();
    let f = t.write("few.csv", &csv_text(&few));
    t.import("entities", &f, &[]).expect(0);
    assert_ne!(t.root_hash("entities"), root);
    t.json(&args, 0);
    assert_eq!(t.root_hash("entities"), root);
}

#[test]
fn several_files_replace_the_registry_and_name_dangling_recusals() {
    let t = Ws::new();
    t.county();
    let before = t.snapshot_count();
    let rows = csv_rows(&t.read("gen/entities.csv"));
    // The first 120 and the last 60 rows: the 20 between are no longer listed.
    let mut a = vec![rows[0].clone()];
    a.extend(rows[1..121].iter().cloned());
    let mut b = vec![rows[0].clone()];
    b.extend(rows[141..].iter().cloned());
    let fa = t.write("a.csv", &csv_text(&a));
    let fb = t.write("b.csv", &csv_text(&b));
    let v = t.json(&["import", "entities", &fa, &fb, "--today", TODAY], 0);
    assert_eq!(v["total"], 180);
    assert_eq!(t.stats()["counts"]["entities"], 180);
    assert_eq!(t.snapshot_count(), before + 1);
    let gone: Vec<&str> = rows[121..141].iter().map(|r| r[0].as_str()).collect();
    let recusals = t.read("gen/recusals.csv");
    let dangling = gone.iter().filter(|u| recusals.contains(*u)).count();
    let warned = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["code"] == "dangling_recusals");
    assert_eq!(warned, dangling > 0, "{v}");
}

#[test]
fn a_uscc_in_two_files_is_refused_naming_both_lines_and_nothing_is_stored() {
    let t = Ws::new();
    t.generate(300);
    t.import("entities", "gen/entities.csv", &[]).expect(0);
    let root = t.root_hash("entities");
    let rows = csv_rows(&t.read("gen/entities.csv"));
    let fa = {
        let mut a = vec![rows[0].clone()];
        a.extend(rows[1..151].iter().cloned());
        t.write("a.csv", &csv_text(&a))
    };
    // b.csv repeats a.csv's rows 5 and 77 (file lines 6 and 78) on its lines 3 and 5.
    let fb = {
        let mut b = vec![rows[0].clone(), rows[151].clone(), rows[5].clone()];
        b.push(rows[152].clone());
        b.push(rows[77].clone());
        b.extend(rows[153..].iter().cloned());
        t.write("b.csv", &csv_text(&b))
    };
    let r = t.run(&[
        "--lang", "en", "import", "entities", &fa, &fb, "--today", TODAY,
    ]);
    r.expect(1);
    let e = r.stderr.clone();
    let lines: Vec<&str> = e.lines().filter(|l| l.starts_with(fb.as_str())).collect();
    assert_eq!(lines.len(), 2, "{e}");
    for (got, (line, first, row)) in lines.iter().zip([(3, 6, 5), (5, 78, 77)]) {
        let want = format!(
            "{fb}:{line}:0: \"{}\": duplicate key: already in {fa} on line {first}",
            rows[row][0]
        );
        assert_eq!(*got, want, "in:\n{e}");
    }
    assert!(e.contains("2 problem(s); nothing was imported"), "{e}");
    assert_eq!(t.snapshot_count(), 1, "nothing stored");
    assert_eq!(t.root_hash("entities"), root);
    // In Chinese, with the code for a program.
    let z = t.run(&[
        "--lang", "zh-CN", "import", "entities", &fa, &fb, "--today", TODAY,
    ]);
    z.expect(1);
    assert!(
        z.stderr
            .contains(&format!("重复：文件 {fa} 第 6 行已有同一主体")),
        "{}",
        z.stderr
    );
    let j = t.run(&["--json", "import", "entities", &fa, &fb, "--today", TODAY]);
    j.expect(1);
    let v = j.json();
    let codes: Vec<&str> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["duplicate_key", "duplicate_key"], "{v}");
}

#[test]
fn bad_rows_in_every_file_are_reported_together() {
    let t = Ws::new();
    t.generate(100);
    let rows = csv_rows(&t.read("gen/entities.csv"));
    let mut a = vec![rows[0].clone()];
    a.extend(rows[1..50].iter().cloned());
    a[10][0] = bad_uscc("91520123MA6AAAAA0");
    let mut b = vec![rows[0].clone()];
    b.extend(rows[50..].iter().cloned());
    b[20][0] = "not-a-uscc".into();
    let fa = t.write("a.csv", &csv_text(&a));
    let fb = t.write("b.csv", &csv_text(&b));
    let r = t.run(&[
        "--lang", "en", "import", "entities", &fa, &fb, "--today", TODAY,
    ]);
    r.expect(1);
    assert!(r.stderr.contains(&format!("{fa}:11:")), "{}", r.stderr);
    assert!(r.stderr.contains(&format!("{fb}:21:")), "{}", r.stderr);
    assert!(r.stderr.contains("nothing was imported"), "{}", r.stderr);
    assert_eq!(t.snapshot_count(), 0);
}

#[test]
fn several_files_are_a_usage_error_for_updates_departments_and_other_registries() {
    let t = Ws::new();
    t.generate(20);
    for args in [
        vec![
            "registry",
            "update",
            "entities",
            "gen/entities.csv",
            "gen/entities.csv",
        ],
        vec!["import", "officers", "gen/officers.csv", "gen/officers.csv"],
        vec![
            "import",
            "items",
            "gen/items.csv",
            "gen/items.csv",
            "--department",
            "市场监管",
        ],
    ] {
        let mut a = vec!["--lang", "en"];
        a.extend(args);
        let r = t.run(&a);
        r.expect(2);
        assert!(r.stderr.contains("several files"), "{}", r.stderr);
    }
}

/// Guards the crash windows of an import of several files: killed (SIGKILL)
/// at times spread over its run, it leaves the workspace with the snapshot
/// it had or with the one new snapshot of all the files (never a part);
/// its temporary runs are removed by the next import, which completes.
#[test]
fn an_import_of_several_files_killed_at_any_moment_stores_all_or_nothing() {
    const N: u64 = 40_000;
    let parts = [15_000, 15_000, 10_000];
    let t = Ws::new();
    t.generate(N);
    let rows = csv_rows(&t.read("gen/entities.csv"));
    let files = split(&t, &rows, &parts);
    let few = t.write("few.csv", &csv_text(&rows[..11]));
    let tmp = t.abs("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let mut args: Vec<&str> = vec!["import", "entities"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--today", TODAY]);
    let env = [("TMPDIR", tmp.to_str().unwrap())];
    // How long a whole import takes here, to spread the kills over it.
    t.import("entities", &few, &[]).expect(0);
    let started = std::time::Instant::now();
    let mut ws_args = vec!["-w", "ws"];
    ws_args.extend(args.iter().copied());
    run_full(t.path(), &ws_args, &env, None).expect(0);
    let whole = started.elapsed();
    let mut outcomes = [0usize; 2];
    for round in 0..6u32 {
        // Another registry first, so that the import makes a new snapshot.
        t.import("entities", &few, &[]).expect(0);
        let before = t.snapshot_count();
        let mut child = std::process::Command::new(bin())
            .current_dir(t.path())
            .args(&ws_args)
            .env("TMPDIR", &tmp)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(whole * (2 * round + 1) / 10);
        let _ = child.kill();
        let _ = child.wait();
        let after = t.snapshot_count();
        assert!(
            after == before || after == before + 1,
            "round {round}: {before} -> {after}"
        );
        outcomes[after - before] += 1;
        let expect = if after == before { 10 } else { N };
        assert_eq!(t.stats()["counts"]["entities"], expect, "round {round}");
        // The next import completes and leaves no runs behind, the killed
        // one's included.
        run_full(t.path(), &ws_args, &env, None).expect(0);
        assert_eq!(t.stats()["counts"]["entities"], N);
        let left: Vec<_> = std::fs::read_dir(&tmp).unwrap().collect();
        assert!(left.is_empty(), "round {round}: {left:?}");
    }
    eprintln!(
        "killed before the commit: {}, after it: {}",
        outcomes[0], outcomes[1]
    );
}
