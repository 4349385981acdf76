//! Black-box tests of workspaces, global options, exit codes and `generate`
//! (`docs/CLI.md`).

#[path = "cli_support.rs"]
mod support;

use support::*;

const NOT_A_WORKSPACE: &str = "不是 dualdraw 工作区";

#[test]
fn init_creates_the_folder_and_its_database() {
    let t = Ws::bare();
    let r = t.raw(&["-w", "a/b/ws", "init"]);
    r.expect(0);
    assert_eq!(
        r.stdout.trim(),
        "已创建工作区 a/b/ws（数据库 a/b/ws/dualdraw.db）"
    );
    let r = t.raw(&["--lang", "en", "-w", "c/ws", "init"]);
    r.expect(0);
    assert_eq!(
        r.stdout.trim(),
        "created workspace c/ws (database c/ws/dualdraw.db)"
    );
    assert!(t.abs("a/b/ws/dualdraw.db").is_file());
}

#[test]
fn init_json_reports_workspace_and_database_paths() {
    let t = Ws::bare();
    let r = t.raw(&["--json", "-w", "ws", "init"]);
    r.expect(0);
    let v = r.json();
    assert_eq!(v["schema"], "dualdraw.init.v1");
    assert_eq!(v["ok"], true);
    assert_eq!(v["workspace"], "ws");
    assert_eq!(v["database"], "ws/dualdraw.db");
}

#[test]
fn init_twice_exits_2_and_keeps_the_workspace() {
    let t = Ws::new();
    t.generate(20);
    t.import("items", "gen/items.csv", &[]).expect(0);
    let r = t.run(&["init"]);
    r.expect(2);
    assert!(
        r.stderr.contains("ws 已经是一个 dualdraw 工作区"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stdout, "");
    let v = t.json(&["init"], 2);
    assert_eq!(v["schema"], "dualdraw.error.v1");
    assert_eq!(v["ok"], false);
    assert_eq!(v["error"]["kind"], "usage");
    // The existing snapshot is still there.
    assert_eq!(t.snapshot_count(), 1);
}

#[test]
fn workspace_option_is_accepted_before_and_after_the_subcommand() {
    let t = Ws::bare();
    t.raw(&["init", "--workspace", "ws"]).expect(0);
    t.generate(20);
    t.raw(&[
        "import",
        "items",
        "gen/items.csv",
        "-w",
        "ws",
        "--today",
        TODAY,
    ])
    .expect(0);
    let forms: [&[&str]; 5] = [
        &["-w", "ws", "registry", "root"],
        &["--workspace", "ws", "registry", "root"],
        &["registry", "-w", "ws", "root"],
        &["registry", "root", "-w", "ws"],
        &["registry", "root", "--workspace", "ws"],
    ];
    let outputs: Vec<String> = forms
        .iter()
        .map(|args| {
            let r = t.raw(args);
            r.expect(0);
            r.stdout
        })
        .collect();
    assert!(
        outputs[0].starts_with("版本快照 1，摘要 "),
        "{}",
        outputs[0]
    );
    for o in &outputs {
        assert_eq!(o, &outputs[0]);
    }
    // --json is global too.
    let r = t.raw(&["registry", "root", "-w", "ws", "--json"]);
    r.expect(0);
    assert_eq!(r.json()["id"], 1);
}

#[test]
fn workspace_env_var_is_used_and_the_option_overrides_it() {
    let t = Ws::bare();
    run_full(
        t.path(),
        &["init"],
        &[("DUALDRAW_WORKSPACE", "envws")],
        None,
    )
    .expect(0);
    assert!(t.abs("envws/dualdraw.db").is_file());
    t.generate(20);
    run_full(
        t.path(),
        &["import", "items", "gen/items.csv", "--today", TODAY],
        &[("DUALDRAW_WORKSPACE", "envws")],
        None,
    )
    .expect(0);
    let r = run_full(
        t.path(),
        &["--json", "registry", "snapshots"],
        &[("DUALDRAW_WORKSPACE", "envws")],
        None,
    );
    r.expect(0);
    assert_eq!(r.json()["snapshots"].as_array().unwrap().len(), 1);
    // -w beats the variable: "other" is not a workspace.
    let r = run_full(
        t.path(),
        &["-w", "other", "registry", "snapshots"],
        &[("DUALDRAW_WORKSPACE", "envws")],
        None,
    );
    r.expect(2);
    assert!(r.stderr.contains(NOT_A_WORKSPACE), "{}", r.stderr);
}

#[test]
fn default_workspace_is_the_current_folder() {
    let t = Ws::bare();
    t.raw(&["init"]).expect(0);
    assert!(t.abs("dualdraw.db").is_file());
    t.generate(20);
    t.raw(&["import", "items", "gen/items.csv", "--today", TODAY])
        .expect(0);
    let r = t.raw(&["--json", "registry", "root"]);
    r.expect(0);
    let items = csv_rows(&t.read("gen/items.csv")).len() - 1;
    assert_eq!(r.json()["roots"]["items"]["size"], items);
}

#[test]
fn commands_in_a_folder_that_is_not_a_workspace_exit_2() {
    let t = Ws::bare();
    t.generate(20);
    let cmds: [&[&str]; 7] = [
        &["registry", "root"],
        &["registry", "stats"],
        &["registry", "snapshots"],
        &["registry", "prove", "GA-001"],
        &["import", "items", "gen/items.csv", "--today", TODAY],
        &["registry", "update", "items", "gen/items.csv"],
        &["-w", "missing", "registry", "root"],
    ];
    for args in cmds {
        let r = t.raw(args);
        r.expect(2);
        assert!(r.stderr.contains(NOT_A_WORKSPACE), "{args:?}: {}", r.stderr);
        assert_eq!(r.stdout, "", "{args:?}");
        let mut j = vec!["--json"];
        j.extend_from_slice(args);
        let r = t.raw(&j);
        r.expect(2);
        let v = r.json();
        assert_eq!(v["schema"], "dualdraw.error.v1");
        assert_eq!(v["ok"], false);
        assert_eq!(v["error"]["kind"], "usage");
        assert!(
            v["error"]["message"]
                .as_str()
                .unwrap()
                .contains(NOT_A_WORKSPACE)
        );
    }
    // Nothing was created by those attempts.
    assert!(!t.abs("dualdraw.db").exists());
    assert!(!t.abs("missing").exists());
}

#[test]
fn root_and_stats_of_a_workspace_without_snapshots_exit_2() {
    let t = Ws::new();
    for args in [["registry", "root"], ["registry", "stats"]] {
        let r = t.run(&args);
        r.expect(2);
        assert!(
            r.stderr.contains("工作区还没有版本快照：请先导入名录库"),
            "{}",
            r.stderr
        );
    }
    let v = t.json(&["registry", "root"], 2);
    assert_eq!(v["error"]["kind"], "usage");
    // Listing no snapshots is not an error.
    let r = t.run(&["registry", "snapshots"]);
    r.expect(0);
    assert_eq!(r.stdout.trim(), "还没有版本快照");
    assert_eq!(t.snapshot_count(), 0);
}

#[test]
fn unknown_snapshot_is_a_usage_error() {
    let t = Ws::new();
    t.generate(20);
    t.import("items", "gen/items.csv", &[]).expect(0);
    for cmd in ["root", "stats"] {
        let r = t.run(&["registry", cmd, "--snapshot", "9"]);
        r.expect(2);
        assert!(r.stderr.contains("没有编号为 9 的版本快照"), "{}", r.stderr);
    }
    let r = t.run(&["registry", "prove", "GA-001", "--snapshot", "9"]);
    r.expect(2);
    let v = t.json(&["registry", "root", "--snapshot", "9"], 2);
    assert_eq!(v["schema"], "dualdraw.error.v1");
    assert_eq!(v["error"]["kind"], "usage");
    assert_eq!(v["error"]["message"], "没有编号为 9 的版本快照");
    let mut en = vec!["--lang", "en", "--json"];
    en.extend_from_slice(&["registry", "root", "--snapshot", "9"]);
    let r = t.run(&en);
    r.expect(2);
    assert_eq!(r.json()["error"]["message"], "no snapshot 9");
}

#[test]
fn bad_arguments_exit_2() {
    let t = Ws::new();
    t.generate(20);
    let cmds: [&[&str]; 8] = [
        &["frobnicate"],
        &["import", "widgets", "gen/items.csv"],
        &["import", "items"],
        &["import", "items", "gen/items.csv", "--today", "2026-13-01"],
        &["import", "items", "gen/items.csv", "--today", "01/03/2026"],
        &["import", "items", "gen/items.csv", "--encoding", "latin1"],
        &["registry", "root", "--snapshot", "abc"],
        &[
            "registry",
            "verify-proof",
            "p.json",
            "--snapshot-digest",
            "xyz",
        ],
    ];
    for args in cmds {
        let r = t.run(args);
        r.expect(2);
        assert!(!r.stderr.is_empty(), "{args:?}");
    }
    // Nothing was imported by any of them.
    assert_eq!(t.snapshot_count(), 0);
}

#[test]
fn help_and_version_exit_0() {
    let t = Ws::bare();
    let r = t.raw(&["--help"]);
    r.expect(0);
    for cmd in ["init", "import", "registry", "generate"] {
        assert!(r.stdout.contains(cmd), "{}", r.stdout);
    }
    let r = t.raw(&["--version"]);
    r.expect(0);
    assert!(r.stdout.starts_with("dualdraw "), "{}", r.stdout);
}

#[test]
fn json_mode_usage_errors_from_bad_arguments_print_one_json_object() {
    let t = Ws::new();
    let r = t.run(&["--json", "registry", "root", "--snapshot", "abc"]);
    r.expect(2);
    let v = r.json();
    assert_eq!(v["schema"], "dualdraw.error.v1");
    assert_eq!(v["ok"], false);
    assert_eq!(v["error"]["kind"], "usage");
}

#[test]
fn generate_writes_four_files_deterministically() {
    let t = Ws::bare();
    let r = t.raw(&["--json", "generate", "--out", "a", "--entities", "50"]);
    r.expect(0);
    let v = r.json();
    assert_eq!(v["schema"], "dualdraw.generate.v1");
    assert_eq!(v["ok"], true);
    assert_eq!(v["seed"], 1);
    assert_eq!(v["entities"], 50);
    let files: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "a/items.csv",
            "a/entities.csv",
            "a/officers.csv",
            "a/recusals.csv"
        ]
    );
    let entities = t.read("a/entities.csv");
    let rows = csv_rows(&entities);
    assert_eq!(rows.len(), 51, "header + 50 entities");
    assert_eq!(rows[0][0], "统一社会信用代码");
    // Every generated code is valid by the standard.
    for r in &rows[1..] {
        assert_eq!(r[0], uscc(&r[0][..17]), "generated USCC {}", r[0]);
    }
    // Same seed: same bytes; other seed: other entities.
    t.raw(&["generate", "--out", "b", "--entities", "50"])
        .expect(0);
    t.raw(&["generate", "--out", "c", "--entities", "50", "--seed", "2"])
        .expect(0);
    for f in ["items.csv", "entities.csv", "officers.csv", "recusals.csv"] {
        assert_eq!(t.read(&format!("a/{f}")), t.read(&format!("b/{f}")), "{f}");
    }
    assert_ne!(entities, t.read("c/entities.csv"));
}

#[test]
fn generate_uses_the_region_given_and_refuses_a_bad_one() {
    let t = Ws::bare();
    t.raw(&[
        "generate",
        "--out",
        "g",
        "--entities",
        "10",
        "--region",
        "350203",
    ])
    .expect(0);
    let rows = csv_rows(&t.read("g/entities.csv"));
    let col = rows[0].iter().position(|h| h == "行政区划代码").unwrap();
    assert!(rows[1..].iter().all(|r| r[col] == "350203"));
    let r = t.raw(&["generate", "--out", "h", "--region", "999999"]);
    r.expect(2);
    assert!(r.stderr.contains("--region"), "{}", r.stderr);
}

#[test]
fn every_json_output_carries_its_schema_and_ok() {
    let t = Ws::bare();
    let check = |args: &[&str], code: i32, schema: &str, ok: bool| {
        let mut v = vec!["--json"];
        v.extend_from_slice(args);
        let r = t.raw(&v);
        r.expect(code);
        let j = r.json();
        assert!(j.is_object(), "{args:?}");
        assert_eq!(j["schema"], schema, "{args:?}: {j:#}");
        assert_eq!(j["ok"], ok, "{args:?}: {j:#}");
        if !ok {
            let kind = j["error"]["kind"].as_str().unwrap();
            assert!(
                [
                    "usage",
                    "rejected",
                    "unreadable",
                    "not_found",
                    "malformed",
                    "verification_failed",
                    "store",
                    "io"
                ]
                .contains(&kind),
                "{kind}"
            );
            assert!(j["error"]["message"].is_string());
        }
        // Exactly one JSON object: nothing else on stdout.
        assert_eq!(r.stdout.trim_start().chars().next(), Some('{'));
        assert_eq!(r.stdout.trim_end().chars().last(), Some('}'));
        j
    };
    check(
        &["registry", "root", "-w", "ws"],
        2,
        "dualdraw.error.v1",
        false,
    );
    check(&["init", "-w", "ws"], 0, "dualdraw.init.v1", true);
    check(&["init", "-w", "ws"], 2, "dualdraw.error.v1", false);
    check(
        &["generate", "--out", "gen", "--entities", "30"],
        0,
        "dualdraw.generate.v1",
        true,
    );
    for kind in ["items", "entities", "officers", "recusals"] {
        let f = format!("gen/{kind}.csv");
        let j = check(
            &["-w", "ws", "import", kind, &f, "--today", TODAY],
            0,
            "dualdraw.import.v1",
            true,
        );
        assert_eq!(j["outcome"]["outcome"], "new_snapshot");
    }
    t.write(
        "bad.csv",
        "统一社会信用代码,名称,主体类型,行政区划代码,信用风险分类,登记状态\nX,甲,企业,520123,A,存续\n",
    );
    let j = check(
        &[
            "-w", "ws", "import", "entities", "bad.csv", "--today", TODAY,
        ],
        1,
        "dualdraw.error.v1",
        false,
    );
    assert_eq!(j["error"]["kind"], "rejected");
    assert_eq!(j["problems"].as_array().unwrap().len(), 1);
    assert!(j["warnings"].is_array());
    t.write("rm.csv", "事项编码,操作\nGA-001,删除\n");
    let j = check(
        &[
            "-w", "ws", "registry", "update", "items", "rm.csv", "--today", TODAY,
        ],
        0,
        "dualdraw.update.v1",
        true,
    );
    assert_eq!(j["removed"], 1);
    check(
        &[
            "-w", "ws", "registry", "update", "items", "rm.csv", "--today", TODAY,
        ],
        1,
        "dualdraw.error.v1",
        false,
    );
    check(
        &["-w", "ws", "registry", "root"],
        0,
        "dualdraw.root.v1",
        true,
    );
    check(
        &["-w", "ws", "registry", "root", "--snapshot", "2"],
        0,
        "dualdraw.root.v1",
        true,
    );
    check(
        &["-w", "ws", "registry", "snapshots"],
        0,
        "dualdraw.snapshots.v1",
        true,
    );
    check(
        &["-w", "ws", "registry", "stats"],
        0,
        "dualdraw.stats.v1",
        true,
    );
    check(
        &["-w", "ws", "registry", "prove", "NOPE"],
        1,
        "dualdraw.error.v1",
        false,
    );
    let r = t.raw(&["-w", "ws", "registry", "prove", "GA-002"]);
    r.expect(0);
    assert_eq!(r.json()["format"], "dualdraw-inclusion-v1");
    t.write("p.json", &r.stdout);
    let j = check(
        &["-w", "ws", "registry", "verify-proof", "p.json"],
        0,
        "dualdraw.verify-proof.v1",
        true,
    );
    assert_eq!(j["verified"], true);
    assert_eq!(j["registry"], "items");
    assert_eq!(j["workspace_snapshot"], 5);
    t.write("p.json", &r.stdout.replace("GA-002", "GA-099"));
    let j = check(
        &["-w", "ws", "registry", "verify-proof", "p.json"],
        1,
        "dualdraw.error.v1",
        false,
    );
    assert_eq!(j["error"]["kind"], "verification_failed");
}

#[test]
fn messages_and_help_are_chinese_by_default_and_english_on_request() {
    let t = Ws::bare();
    let nowhere = ["-w", "nowhere", "registry", "root"];
    // Chinese by default, and under the C, POSIX or a Chinese locale.
    for env in [
        vec![],
        vec![("LANG", "C")],
        vec![("LANG", "POSIX")],
        vec![("LANG", "zh_CN.UTF-8")],
        vec![("LC_ALL", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")],
        vec![("DUALDRAW_LANG", "zh-CN"), ("LANG", "en_US.UTF-8")],
    ] {
        let r = run_full(t.path(), &nowhere, &env, None);
        r.expect(2);
        assert!(
            r.stderr.contains("nowhere 不是 dualdraw 工作区"),
            "{env:?}: {}",
            r.stderr
        );
    }
    // English with --lang en, DUALDRAW_LANG=en or an English locale; --lang first.
    for (args, env) in [
        (vec!["--lang", "en"], vec![]),
        (vec!["--lang=en"], vec![("DUALDRAW_LANG", "zh-CN")]),
        (vec![], vec![("DUALDRAW_LANG", "en")]),
        (vec![], vec![("LANG", "en_US.UTF-8")]),
    ] {
        let mut a = args.clone();
        a.extend_from_slice(&nowhere);
        let r = run_full(t.path(), &a, &env, None);
        r.expect(2);
        assert!(
            r.stderr.contains("nowhere is not a dualdraw workspace"),
            "{args:?} {env:?}: {}",
            r.stderr
        );
    }
    // --lang with a value it does not know is a usage error, in Chinese.
    let r = t.raw(&["--lang", "fr", "init"]);
    r.expect(2);
    assert!(r.stderr.contains("语言只能是 zh-CN"), "{}", r.stderr);
    // The JSON kinds are the same in both languages; the message follows.
    for lang in ["zh-CN", "en"] {
        let r = t.raw(&[
            "--lang", lang, "--json", "-w", "nowhere", "registry", "root",
        ]);
        r.expect(2);
        let v = r.json();
        assert_eq!(v["error"]["kind"], "usage");
        let r = t.raw(&["--lang", lang, "--json", "frobnicate"]);
        r.expect(2);
        assert_eq!(r.json()["error"]["kind"], "usage");
    }
    // --help: every command and option described in the language asked.
    let r = t.raw(&["--help"]);
    r.expect(0);
    assert!(r.stdout.contains("用法: dualdraw"), "{}", r.stdout);
    assert!(r.stdout.contains("创建工作区"), "{}", r.stdout);
    assert!(r.stdout.contains("--lang <LANG>"), "{}", r.stdout);
    let r = t.raw(&["ledger", "verify", "--help"]);
    r.expect(0);
    assert!(r.stdout.contains("台账必须止于的链头"), "{}", r.stdout);
    let r = t.raw(&["--lang", "en", "ledger", "verify", "--help"]);
    r.expect(0);
    assert!(
        r.stdout.contains("Usage: dualdraw ledger verify"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("The head the ledger must end at"),
        "{}",
        r.stdout
    );
    // clap's own errors too, with the usage line.
    let r = t.raw(&["frobnicate"]);
    r.expect(2);
    assert!(
        r.stderr.contains("错误：无法识别的子命令 'frobnicate'"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("用法："), "{}", r.stderr);
}
