//! Black-box tests of `dualdraw registry update | stats | root | snapshots |
//! prove | verify-proof` (`docs/CLI.md`, `docs/IMPORT.md`,
//! `docs/COMMITMENTS.md` §6–§7).

#[path = "cli_support.rs"]
mod support;

use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use support::*;

fn e1() -> String {
    uscc("91520123MA0000001")
}
fn e2() -> String {
    uscc("92520123000000002")
}
fn e3() -> String {
    uscc("12520123000000003")
}
fn e4() -> String {
    uscc("91520123MA0000004")
}

fn good_entities() -> String {
    format!(
        "{ENTITY_HEADER}\n\
         {},甲有限公司,企业,520123,A,存续,2001-01-01\n\
         {},乙经营部,个体工商户,520123,B,存续,2002-02-02\n\
         {},丙中心,事业单位,520123,C,注销,2003-03-03\n",
        e1(),
        e2(),
        e3()
    )
}

fn ws_with_entities() -> Ws {
    let t = Ws::new();
    let f = t.write("good.csv", &good_entities());
    t.import("entities", &f, &[]).expect(0);
    t
}

/// The problem lines of a rejected import's text output.
fn problem_lines(r: &Run) -> Vec<String> {
    let mut out = Vec::new();
    let mut on = false;
    for l in r.stderr.lines() {
        if l.starts_with("问题（") {
            on = true;
        } else if l.starts_with("警告（") || l.ends_with("未导入任何内容") {
            on = false;
        } else if on {
            out.push(l.to_string());
        }
    }
    out
}

/// Strips `schema` and `ok` from a `registry root --json` answer.
fn bare(mut v: Value) -> Value {
    let o = v.as_object_mut().unwrap();
    o.remove("schema");
    o.remove("ok");
    v
}

// ---------------------------------------------------------------------------
// registry update

#[test]
fn update_adds_replaces_and_removes_and_keeps_the_old_snapshot() {
    let t = ws_with_entities();
    let old_root = t.root(Some(1));
    let old_stats = t.stats();
    let delta = format!(
        "uscc,name,kind,region,credit_class,status,action\n\
         {},丁公司,企业,520123,B,存续,新增\n\
         {},甲有限公司（更名）,企业,520123,D,存续,修改\n\
         {},,,,,,删除\n",
        e4(),
        e1(),
        e3()
    );
    let f = t.write("delta.csv", &delta);
    let r = t.update("entities", &f, &[]);
    r.expect(0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "已更新 2 行、删除 1 条到检查对象名录（entities）（现有 3 条记录）；新版本快照 2"
    );
    let new_root = t.root(None);
    assert_eq!(
        lines[1],
        format!(
            "Merkle 根 {}",
            new_root["roots"]["entities"]["hash"].as_str().unwrap()
        )
    );
    assert_eq!(new_root["id"], 2);
    assert_ne!(
        new_root["roots"]["entities"]["hash"],
        old_root["roots"]["entities"]["hash"]
    );
    assert_eq!(new_root["roots"]["entities"]["size"], 3);
    let snaps = t.snapshots();
    assert_eq!(snaps.len(), 2);
    assert_eq!(snaps[1]["note"], "update entities delta.csv");

    // Counts afterwards.
    let s = t.stats();
    assert_eq!(s["counts"]["entities"], 3);
    assert_eq!(s["entities_by_credit_class"], json!({"B": 2, "D": 1}));
    assert_eq!(s["entities_by_kind"], json!({"企业": 2, "个体工商户": 1}));
    assert_ne!(s, old_stats);
    // E3 is gone, E4 is there, E1 has its new name and class.
    t.run(&["registry", "prove", &e3()]).expect(1);
    t.run(&["registry", "prove", &e4()]).expect(0);
    let p = t.run(&["registry", "prove", &e1(), "--open"]);
    p.expect(0);
    let pv = p.json();
    assert_eq!(pv["record"]["name"], "甲有限公司（更名）");
    assert_eq!(pv["opening"]["value"], "D");

    // The old snapshot is retrievable exactly.
    assert_eq!(t.root(Some(1)), old_root);
    let v = t.json(&["registry", "stats", "--snapshot", "1"], 0);
    assert_eq!(v["snapshot"], 1);
    assert_eq!(v["stats"], old_stats);
    let p = t.run(&["registry", "prove", &e3(), "--snapshot", "1", "--open"]);
    p.expect(0);
    let pv = p.json();
    assert_eq!(pv["snapshot"]["id"], 1);
    assert_eq!(pv["snapshot"]["digest"], old_root["digest"]);
    assert_eq!(pv["record"]["status"], "deregistered");
    assert_eq!(pv["opening"]["value"], "C");
    t.write("old.json", &p.stdout);
    let r = t.run(&["registry", "verify-proof", "old.json"]);
    r.expect(0);
    assert!(
        r.stdout.contains("这是本工作区的版本快照 1"),
        "{}",
        r.stdout
    );
}

#[test]
fn update_json_reports_rows_removed_and_total() {
    let t = ws_with_entities();
    let f = t.write(
        "delta.csv",
        &format!(
            "统一社会信用代码,名称,主体类型,行政区划代码,信用风险分类,登记状态,操作\n\
             {},丁公司,企业,520123,B,存续,add\n\
             {},,,,,,delete\n\
             {},,,,,,remove\n",
            e4(),
            e2(),
            e3()
        ),
    );
    let v = t.json(&["registry", "update", "entities", &f, "--today", TODAY], 0);
    assert_eq!(v["schema"], "dualdraw.update.v1");
    assert_eq!(v["ok"], true);
    assert_eq!(v["kind"], "entities");
    assert_eq!(v["file"], "delta.csv");
    assert_eq!(v["rows"], 1);
    assert_eq!(v["removed"], 2);
    assert_eq!(v["total"], 2);
    assert_eq!(v["encoding"], "utf-8");
    assert_eq!(v["warnings"], json!([]));
    assert_eq!(v["outcome"]["outcome"], "new_snapshot");
    assert_eq!(v["outcome"]["snapshot"]["id"], 2);
    assert_eq!(v["outcome"]["snapshot"]["roots"]["entities"]["size"], 2);
}

#[test]
fn update_that_changes_nothing_is_unchanged() {
    let t = ws_with_entities();
    let f = t.write(
        "same.csv",
        &format!(
            "uscc,name,kind,region,credit_class,status,established,action\n\
             {},乙经营部,个体工商户,520123,B,存续,2002-02-02,\n",
            e2()
        ),
    );
    let r = t.update("entities", &f, &[]);
    r.expect(0);
    assert_eq!(
        r.stdout.trim_end(),
        "已读取 1 行：检查对象名录（entities）没有变化，未生成新版本快照（当前为 1）"
    );
    let v = t.json(&["registry", "update", "entities", &f, "--today", TODAY], 0);
    assert_eq!(v["outcome"]["outcome"], "unchanged");
    assert_eq!(v["outcome"]["snapshot"]["id"], 1);
    assert_eq!(t.snapshot_count(), 1);
}

#[test]
fn update_needs_only_the_key_column_to_remove() {
    let t = Ws::new();
    let f = t.write(
        "o.csv",
        &format!(
            "{OFFICER_HEADER}\n\
             A001,张三,县市场监管局,,520123,,在岗,2028-01-01\n\
             A002,李四,县市场监管局,,520123,,在岗,2028-01-01\n\
             B001,王五,县卫健局,,520123,,在岗,长期\n"
        ),
    );
    t.import("officers", &f, &[]).expect(0);
    let f = t.write("rm.csv", "执法证号,变更类型\nA002,移除\nB001,退出\n");
    let r = t.update("officers", &f, &["--lang", "en"]);
    r.expect(0);
    assert!(
        r.stdout
            .starts_with("updated 0 rows, removed 2 into officers (1 records now); new snapshot 2"),
        "{}",
        r.stdout
    );
    assert_eq!(
        t.stats()["officers_by_department"],
        json!({"县市场监管局": 1})
    );
    // A key column is still required.
    let f = t.write("nokey.csv", "姓名,操作\n张三,删除\n");
    let r = t.update("officers", &f, &[]);
    r.expect(1);
    assert_eq!(
        problem_lines(&r),
        ["nokey.csv:1:0: 缺少必需的列 id（执法证号 / 执法证件号）"]
    );
    assert_eq!(t.snapshot_count(), 2);
}

#[test]
fn update_of_items_and_recusals_by_key() {
    let t = Ws::new();
    t.county();
    let items = csv_rows(&t.read("gen/items.csv"));
    let first_code = items[1][0].clone();
    let f = t.write(
        "items_delta.csv",
        &format!(
            "code,name,department,type,target_category,action\n\
             {first_code},,,,,删除\n\
             ZZ-1,新事项,县市场监管局,重点,食品销售经营者,新增\n"
        ),
    );
    let n = items.len() - 1;
    let r = t.update("items", &f, &["--lang", "en"]);
    r.expect(0);
    assert!(
        r.stdout.starts_with(&format!(
            "updated 1 rows, removed 1 into items ({n} records now); new snapshot 5"
        )),
        "{}",
        r.stdout
    );
    t.run(&["registry", "prove", &first_code]).expect(1);
    t.run(&["registry", "prove", "ZZ-1"]).expect(0);

    let rec = csv_rows(&t.read("gen/recusals.csv"));
    let k = rec.len() - 1;
    let f = t.write(
        "rec_delta.csv",
        &format!(
            "执法证号,统一社会信用代码,操作\n{},{},删除\n",
            rec[1][0], rec[1][1]
        ),
    );
    let r = t.update("recusals", &f, &["--lang", "en"]);
    r.expect(0);
    assert!(
        r.stdout.starts_with(&format!(
            "updated 0 rows, removed 1 into recusals ({} records now); new snapshot 6",
            k - 1
        )),
        "{}",
        r.stdout
    );
    assert_eq!(t.root(None)["roots"]["recusals"]["size"], k as u64 - 1);
}

#[test]
fn update_removing_a_key_that_does_not_exist_is_refused() {
    let t = ws_with_entities();
    let root = t.root(None);
    let missing = e4();
    let f = t.write(
        "u.csv",
        &format!("uscc,action\n{},删除\n{missing},删除\n", e1()),
    );
    let r = t.update("entities", &f, &[]);
    r.expect(1);
    assert_eq!(
        problem_lines(&r),
        [format!(
            "u.csv:3:1: uscc \"{missing}\": 标记为删除，但名录中没有这条记录"
        )]
    );
    assert_eq!(r.stderr.lines().last().unwrap(), "1 个问题；未导入任何内容");
    let v = t.json(&["registry", "update", "entities", &f, "--today", TODAY], 1);
    assert_eq!(v["schema"], "dualdraw.error.v1");
    assert_eq!(v["error"]["kind"], "rejected");
    assert_eq!(
        v["problems"],
        json!([{"file": "u.csv", "line": 3, "column": 1, "column_name": "uscc",
                "header": "uscc", "code": "remove_missing", "value": missing, "reason": "标记为删除，但名录中没有这条记录"}])
    );
    // Nothing stored: E1 is still there.
    assert_eq!(t.snapshot_count(), 1);
    assert_eq!(t.root(None), root);
    t.run(&["registry", "prove", &e1()]).expect(0);
}

#[test]
fn update_with_an_unknown_action_is_refused() {
    let t = ws_with_entities();
    let root = t.root(None);
    let f = t.write(
        "u.csv",
        &format!(
            "uscc,name,kind,region,credit_class,status,action\n\
             {},丁公司,企业,520123,B,存续,新增\n\
             {},,,,,,跳过\n\
             {},,,,,,archive\n",
            e4(),
            e1(),
            e2()
        ),
    );
    let r = t.update("entities", &f, &[]);
    r.expect(1);
    let reason = "不是有效的操作（新增或替换请填“新增”或“修改”，删除请填“删除”）";
    assert_eq!(
        problem_lines(&r),
        [
            format!("u.csv:3:7: action \"跳过\": {reason}"),
            format!("u.csv:4:7: action \"archive\": {reason}"),
        ]
    );
    assert_eq!(t.snapshot_count(), 1);
    assert_eq!(t.root(None), root);
}

#[test]
fn update_rows_are_checked_like_an_import() {
    let t = ws_with_entities();
    let f = t.write(
        "u.csv",
        &format!(
            "uscc,name,kind,region,credit_class,status,action\n\
             {},丁公司,企业,520123,Q,存续,新增\n\
             {},,企业,520123,A,存续,修改\n\
             {},丁公司,企业,520123,B,存续,新增\n",
            e4(),
            e1(),
            e4()
        ),
    );
    let r = t.update("entities", &f, &[]);
    r.expect(1);
    let p = problem_lines(&r);
    assert_eq!(p.len(), 3, "{}", r.stderr);
    assert!(p[0].starts_with("u.csv:2:5: credit_class \"Q\": 不是有效的信用风险分类"));
    assert_eq!(p[1], "u.csv:3:2: name \"\": 为空");
    assert_eq!(
        p[2],
        format!("u.csv:4:1: uscc \"{}\": 重复：第 2 行已有同一条记录", e4())
    );
    assert_eq!(t.snapshot_count(), 1);
}

#[test]
fn update_row_missing_a_required_column_is_a_problem() {
    let t = ws_with_entities();
    let f = t.write(
        "u.csv",
        &format!(
            "uscc,name,kind,credit_class,status,action\n{},丁公司,企业,B,存续,新增\n",
            e4()
        ),
    );
    let r = t.update("entities", &f, &[]);
    r.expect(1);
    let p = problem_lines(&r);
    assert_eq!(p.len(), 1, "{}", r.stderr);
    assert!(p[0].starts_with("u.csv:2:"), "{}", p[0]);
    assert!(p[0].contains("region"), "{}", p[0]);
}

#[test]
fn update_lists_every_problem_including_missing_removals() {
    let t = ws_with_entities();
    let missing = e4();
    let f = t.write(
        "u.csv",
        &format!("uscc,action\n{missing},删除\n{},跳过\n", e1()),
    );
    let r = t.update("entities", &f, &[]);
    r.expect(1);
    assert_eq!(
        problem_lines(&r),
        [
            format!("u.csv:2:1: uscc \"{missing}\": 标记为删除，但名录中没有这条记录"),
            "u.csv:3:2: action \"跳过\": 不是有效的操作（新增或替换请填“新增”或“修改”，删除请填“删除”）"
                .to_string(),
        ]
    );
}

// ---------------------------------------------------------------------------
// stats, root, snapshots

#[test]
fn stats_json_has_every_documented_field() {
    let t = Ws::new();
    t.county();
    let v = t.json(&["registry", "stats"], 0);
    assert_eq!(v["schema"], "dualdraw.stats.v1");
    assert_eq!(v["ok"], true);
    assert_eq!(v["snapshot"], 4);
    let s = &v["stats"];
    for k in [
        "counts",
        "entities_by_kind",
        "entities_by_category",
        "entities_by_credit_class",
        "entities_by_status",
        "officers_by_department",
        "active_officers_by_department",
        "items_by_department",
    ] {
        assert!(s[k].is_object(), "stats.{k}: {s:#}");
    }
    // Cross-check against the generated files.
    let ents = csv_rows(&t.read("gen/entities.csv"));
    let officers = csv_rows(&t.read("gen/officers.csv"));
    let items = csv_rows(&t.read("gen/items.csv"));
    let count = |rows: &[Vec<String>], col: usize, val: &str| {
        rows[1..].iter().filter(|r| r[col] == val).count() as u64
    };
    for (col, field) in [
        (2, "entities_by_kind"),
        (7, "entities_by_credit_class"),
        (8, "entities_by_status"),
    ] {
        let values: std::collections::BTreeSet<&str> =
            ents[1..].iter().map(|r| r[col].as_str()).collect();
        assert_eq!(s[field].as_object().unwrap().len(), values.len(), "{field}");
        for v in values {
            assert_eq!(s[field][v], count(&ents, col, v), "{field} {v}");
        }
    }
    let mut cats = std::collections::BTreeMap::<&str, u64>::new();
    for r in &ents[1..] {
        for c in r[3].split(';').filter(|c| !c.is_empty()) {
            *cats.entry(c).or_default() += 1;
        }
    }
    assert_eq!(s["entities_by_category"], json!(cats));
    for class in ["A", "B", "C", "D"] {
        assert_eq!(
            s["entities_by_credit_class"][class].as_u64().unwrap_or(0),
            count(&ents, 7, class),
            "class {class}"
        );
    }
    let depts: std::collections::BTreeSet<&str> =
        officers[1..].iter().map(|r| r[2].as_str()).collect();
    for d in &depts {
        assert_eq!(
            s["officers_by_department"][*d],
            count(&officers, 2, d),
            "{d}"
        );
        let active = officers[1..]
            .iter()
            .filter(|r| r[2] == *d && r[6] == "在岗")
            .count() as u64;
        assert_eq!(
            s["active_officers_by_department"][*d].as_u64().unwrap_or(0),
            active,
            "{d}"
        );
    }
    let item_depts: std::collections::BTreeSet<&str> =
        items[1..].iter().map(|r| r[2].as_str()).collect();
    for d in &item_depts {
        assert_eq!(s["items_by_department"][*d], count(&items, 2, d), "{d}");
    }
    // The text form names the snapshot and the counts.
    let r = t.run(&["registry", "stats"]);
    r.expect(0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines[0], "版本快照 4");
    assert_eq!(
        lines[2].split_whitespace().collect::<Vec<_>>(),
        ["entities", "200"]
    );
    for title in [
        "检查对象（按主体类型）：",
        "检查对象（按信用风险分类）：",
        "执法检查人员（按部门）：",
        "在岗执法检查人员（按部门）：",
        "检查事项（按部门）：",
    ] {
        assert!(lines.contains(&title), "{title}");
    }
}

#[test]
fn root_and_snapshots_json_follow_the_snapshot_schema() {
    let t = Ws::new();
    t.county();
    let snaps = t.snapshots();
    assert_eq!(snaps.len(), 4);
    for (i, s) in snaps.iter().enumerate() {
        let mut keys: Vec<&str> = s.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        keys.sort();
        assert_eq!(keys, ["created_at", "digest", "id", "note", "roots"]);
        let roots = s["roots"].as_object().unwrap();
        let mut rk: Vec<&str> = roots.keys().map(|k| k.as_str()).collect();
        rk.sort();
        assert_eq!(rk, ["entities", "items", "officers", "recusals"]);
        for r in roots.values() {
            assert!(r["hash"].as_str().unwrap().len() == 64);
            assert!(r["size"].is_u64());
        }
        // Each snapshot's root equals `registry root --snapshot N`.
        assert_eq!(&bare(t.root(Some(i as u64 + 1))), s);
        // And its digest is the one of COMMITMENTS.md §6.
        assert_eq!(s["digest"], snapshot_digest(&s["roots"]));
    }
    // Registries not yet imported were empty in the early snapshots.
    assert_eq!(snaps[0]["roots"]["entities"]["hash"], EMPTY_ROOT);
    assert_eq!(snaps[0]["roots"]["entities"]["size"], 0);
    assert_ne!(snaps[1]["roots"]["entities"]["hash"], EMPTY_ROOT);
    assert_eq!(snaps[3]["roots"]["items"], snaps[0]["roots"]["items"]);
    // Text form: one line per snapshot, oldest first.
    let r = t.run(&["registry", "snapshots"]);
    r.expect(0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 4);
    for (l, s) in lines.iter().zip(&snaps) {
        let w: Vec<&str> = l.split_whitespace().collect();
        assert_eq!(w[0], s["id"].to_string());
        assert_eq!(w[2], s["digest"].as_str().unwrap());
        assert!(l.ends_with(s["note"].as_str().unwrap()), "{l}");
    }
}

// ---------------------------------------------------------------------------
// An independent verifier written from docs/COMMITMENTS.md

fn lp(out: &mut Vec<u8>, x: &[u8]) {
    out.extend_from_slice(&(x.len() as u32).to_be_bytes());
    out.extend_from_slice(x);
}
fn lp_str(out: &mut Vec<u8>, v: &Value) {
    lp(out, v.as_str().expect("text field").as_bytes());
}
fn list(out: &mut Vec<u8>, v: &Value) {
    let a = v.as_array().expect("list field");
    out.extend_from_slice(&(a.len() as u32).to_be_bytes());
    for x in a {
        lp_str(out, x);
    }
}
fn opt(out: &mut Vec<u8>, v: &Value) {
    if v.is_null() {
        out.push(0);
    } else {
        out.push(1);
        lp_str(out, v);
    }
}
fn sha(parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}
fn unhex(v: &Value) -> Vec<u8> {
    hex::decode(v.as_str().expect("hex")).expect("hex")
}

/// The leaf of §4 rebuilt from a proof's `record`.
fn leaf(registry: &str, r: &Value) -> Vec<u8> {
    let mut o = Vec::new();
    match registry {
        "entities" => {
            lp(&mut o, b"dualdraw-leaf-v1/entity");
            for f in ["uscc", "name", "kind"] {
                lp_str(&mut o, &r[f]);
            }
            list(&mut o, &r["categories"]);
            lp_str(&mut o, &r["industry"]);
            lp_str(&mut o, &r["region"]);
            opt(&mut o, &r["township"]);
            lp_str(&mut o, &r["status"]);
            opt(&mut o, &r["established"]);
            list(&mut o, &r["flags"]);
            o.extend_from_slice(&unhex(&r["credit_class_commitment"]));
        }
        "officers" => {
            lp(&mut o, b"dualdraw-leaf-v1/officer");
            for f in ["id", "name", "department", "unit", "region"] {
                lp_str(&mut o, &r[f]);
            }
            list(&mut o, &r["qualifications"]);
            lp_str(&mut o, &r["status"]);
            lp_str(&mut o, &r["cert_expiry"]);
        }
        "items" => {
            lp(&mut o, b"dualdraw-leaf-v1/item");
            for f in [
                "code",
                "name",
                "department",
                "item_type",
                "target_category",
                "method",
                "basis",
            ] {
                lp_str(&mut o, &r[f]);
            }
            opt(&mut o, &r["qualification"]);
        }
        other => panic!("no leaf for {other}"),
    }
    o
}

/// RFC 9162 §2.1.3.2.
fn root_from_path(leaf: &[u8], index: u64, size: u64, path: &[Vec<u8>]) -> Option<[u8; 32]> {
    if index >= size {
        return None;
    }
    let (mut fnn, mut sn) = (index, size - 1);
    let mut r = sha(&[&[0u8], leaf]);
    for p in path {
        if sn == 0 {
            return None;
        }
        if fnn & 1 == 1 || fnn == sn {
            r = sha(&[&[1u8], p, &r]);
            while fnn & 1 == 0 && fnn != 0 {
                fnn >>= 1;
                sn >>= 1;
            }
        } else {
            r = sha(&[&[1u8], &r, p]);
        }
        fnn >>= 1;
        sn >>= 1;
    }
    (sn == 0).then_some(r)
}

/// §6.
fn snapshot_digest(roots: &Value) -> String {
    let mut o = Vec::new();
    lp(&mut o, b"dualdraw-snapshot-v1");
    for k in ["items", "entities", "officers", "recusals"] {
        lp(&mut o, k.as_bytes());
        o.extend_from_slice(&roots[k]["size"].as_u64().unwrap().to_be_bytes());
        o.extend_from_slice(&unhex(&roots[k]["hash"]));
    }
    hex::encode(sha(&[&o]))
}

/// Checks a proof document by the rules of §7, independently of the binary.
fn independently_verified(p: &Value) -> bool {
    if p["format"] != "dualdraw-inclusion-v1" {
        return false;
    }
    let roots = &p["snapshot"]["roots"];
    if snapshot_digest(roots) != p["snapshot"]["digest"].as_str().unwrap() {
        return false;
    }
    let reg = p["registry"].as_str().unwrap();
    let path: Vec<Vec<u8>> = p["path"].as_array().unwrap().iter().map(unhex).collect();
    let root = root_from_path(
        &leaf(reg, &p["record"]),
        p["index"].as_u64().unwrap(),
        roots[reg]["size"].as_u64().unwrap(),
        &path,
    );
    if root.map(hex::encode).as_deref() != roots[reg]["hash"].as_str() {
        return false;
    }
    if let Some(op) = p.get("opening") {
        // COMMITMENTS.md §3: SHA-256(pad32(tag) ‖ salt ‖ list(["credit_class", USCC, CLASS])).
        let mut vals = Vec::new();
        vals.extend_from_slice(&3u32.to_be_bytes());
        for v in [
            "credit_class",
            p["record"]["uscc"].as_str().unwrap(),
            op["value"].as_str().unwrap(),
        ] {
            lp(&mut vals, v.as_bytes());
        }
        let mut pre = b"dualdraw-confidential-v1".to_vec();
        pre.resize(32, 0);
        pre.extend_from_slice(&unhex(&op["salt"]));
        let c = hex::encode(sha(&[&pre, &vals]));
        if c != p["record"]["credit_class_commitment"].as_str().unwrap() {
            return false;
        }
    }
    true
}

// ---------------------------------------------------------------------------
// prove and verify-proof

/// A county workspace and an entity of it (the 150th row of the file).
fn county_and_entity() -> (Ws, Vec<String>) {
    let t = Ws::new();
    t.county();
    let rows = csv_rows(&t.read("gen/entities.csv"));
    (t, rows[150].clone())
}

#[test]
fn prove_prints_the_documented_proof_json() {
    let (t, row) = county_and_entity();
    let r = t.run(&["registry", "prove", &row[0]]);
    r.expect(0);
    let p = r.json();
    let mut keys: Vec<&str> = p.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    keys.sort();
    assert_eq!(
        keys,
        ["format", "index", "path", "record", "registry", "snapshot"]
    );
    assert_eq!(p["format"], "dualdraw-inclusion-v1");
    assert_eq!(p["registry"], "entities");
    assert_eq!(
        bare(t.root(None)).as_object().unwrap()["digest"],
        p["snapshot"]["digest"]
    );
    assert_eq!(p["snapshot"]["id"], 4);
    assert_eq!(p["snapshot"]["roots"], t.root(None)["roots"]);
    let rec = &p["record"];
    let mut rk: Vec<&str> = rec
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    rk.sort();
    assert_eq!(
        rk,
        [
            "categories",
            "credit_class_commitment",
            "established",
            "flags",
            "industry",
            "kind",
            "name",
            "region",
            "status",
            "township",
            "uscc"
        ]
    );
    // The public view of the row, with canonical tokens; no credit class.
    assert_eq!(rec["uscc"], row[0]);
    assert_eq!(rec["name"], row[1]);
    assert_eq!(rec["region"], row[5]);
    assert_eq!(rec["industry"], row[4]);
    let mut cats: Vec<&str> = row[3].split(';').filter(|c| !c.is_empty()).collect();
    cats.sort();
    assert_eq!(rec["categories"], json!(cats));
    assert!(rec.get("credit_class").is_none());
    assert!(!r.stdout.contains("\"credit_class\""));
    assert!(p.get("opening").is_none());
    // Index: the rank of the USCC among all (canonical order by USCC).
    let ents = csv_rows(&t.read("gen/entities.csv"));
    let rank = ents[1..].iter().filter(|r| r[0] < row[0]).count();
    assert_eq!(p["index"], rank as u64);
    // Path: log2-ish length of hashes.
    let path = p["path"].as_array().unwrap();
    assert_eq!(path.len(), 8, "200 leaves");
    for h in path {
        assert_eq!(h.as_str().unwrap().len(), 64);
    }
    // With --json the output is the same proof document.
    let r2 = t.run(&["--json", "registry", "prove", &row[0]]);
    r2.expect(0);
    assert_eq!(r2.json(), p);
    // It checks out against the specification.
    assert!(independently_verified(&p));
}

#[test]
fn proofs_of_officers_and_items_verify_independently() {
    let t = Ws::new();
    t.county();
    let officers = csv_rows(&t.read("gen/officers.csv"));
    let items = csv_rows(&t.read("gen/items.csv"));
    for (key, reg) in [(&officers[17][0], "officers"), (&items[5][0], "items")] {
        let r = t.run(&["registry", "prove", key]);
        r.expect(0);
        let p = r.json();
        assert_eq!(p["registry"], reg);
        assert!(independently_verified(&p), "{reg}: {p:#}");
        t.write("p.json", &r.stdout);
        let v = t.json(&["registry", "verify-proof", "p.json"], 0);
        assert_eq!(v["registry"], reg);
        assert_eq!(v["opened_credit_class"], Value::Null);
        // --kind picks the registry explicitly.
        t.run(&["registry", "prove", key, "--kind", reg]).expect(0);
    }
    let o = t.run(&["registry", "prove", &officers[17][0]]).json();
    assert_eq!(o["record"]["id"], officers[17][0]);
    assert_eq!(o["record"]["name"], officers[17][1]);
    assert_eq!(o["record"]["department"], officers[17][2]);
    // A key of the wrong registry is not found.
    t.run(&["registry", "prove", &officers[17][0], "--kind", "items"])
        .expect(1);
}

#[test]
fn verify_proof_of_a_fresh_proof_succeeds() {
    let (t, row) = county_and_entity();
    let r = t.run(&["registry", "prove", &row[0]]);
    t.write("p.json", &r.stdout);
    let p = r.json();
    let root = p["snapshot"]["roots"]["entities"]["hash"].as_str().unwrap();
    let digest = p["snapshot"]["digest"].as_str().unwrap();
    let r = t.run(&["registry", "verify-proof", "p.json", "--lang", "en"]);
    r.expect(0);
    assert_eq!(
        r.stdout,
        format!(
            "VERIFIED: entities record #{} is in the tree with root {root} (200 records)\n\
             of snapshot digest {digest}\n\
             this is snapshot 4 of the workspace\n",
            p["index"]
        )
    );
    let v = t.json(&["registry", "verify-proof", "p.json"], 0);
    assert_eq!(
        v,
        json!({
            "schema": "dualdraw.verify-proof.v1", "ok": true, "verified": true,
            "registry": "entities", "index": p["index"], "root": root, "tree_size": 200,
            "snapshot_digest": digest, "workspace_snapshot": 4, "opened_credit_class": null
        })
    );
    // From standard input.
    let r = run_full(
        t.path(),
        &["-w", "ws", "registry", "verify-proof", "-"],
        &[],
        Some(t.read("p.json").as_bytes()),
    );
    r.expect(0);
    assert!(r.stdout.starts_with("核验通过（VERIFIED）："));
    // Outside any workspace: verified, but the snapshot is not known.
    let other = Ws::bare();
    other.write("p.json", &t.read("p.json"));
    let r = other.raw(&["registry", "verify-proof", "p.json"]);
    r.expect(0);
    assert!(
        r.stdout
            .ends_with("请将版本快照摘要与公示的摘要比对（或用 --snapshot-digest 给出）\n"),
        "{}",
        r.stdout
    );
    let r = other.raw(&["--json", "registry", "verify-proof", "p.json"]);
    r.expect(0);
    assert_eq!(r.json()["workspace_snapshot"], Value::Null);
    // With the published digest.
    let r = other.raw(&[
        "registry",
        "verify-proof",
        "p.json",
        "--snapshot-digest",
        digest,
    ]);
    r.expect(0);
    assert!(r.stdout.ends_with("版本快照摘要与给定的一致\n"));
}

#[test]
fn verify_proof_with_open_reports_the_credit_class() {
    let (t, row) = county_and_entity();
    let r = t.run(&["registry", "prove", &row[0], "--open"]);
    r.expect(0);
    let p = r.json();
    let class = row[7].as_str();
    assert_eq!(p["opening"]["field"], "credit_class");
    assert_eq!(p["opening"]["value"], class);
    assert_eq!(p["opening"]["salt"].as_str().unwrap().len(), 64);
    assert!(independently_verified(&p));
    t.write("po.json", &r.stdout);
    let r = t.run(&["registry", "verify-proof", "po.json", "--lang", "en"]);
    r.expect(0);
    assert!(
        r.stdout
            .contains(&format!("opened credit class: {class} ({class}类)\n")),
        "{}",
        r.stdout
    );
    let v = t.json(&["registry", "verify-proof", "po.json"], 0);
    assert_eq!(v["opened_credit_class"], class);
    assert_eq!(v["verified"], true);
    // The opening is the only thing that changes; the rest is the plain proof.
    let mut plain = p.clone();
    plain.as_object_mut().unwrap().remove("opening");
    assert_eq!(plain, t.run(&["registry", "prove", &row[0]]).json());
}

/// Writes `p` changed by `f` and asserts that `verify-proof` refuses it with
/// exit 1, a `FAILED: ` line containing `needle`, and the JSON failure form.
#[track_caller]
fn assert_tamper_refused(t: &Ws, p: &Value, what: &str, needle: &str, f: impl Fn(&mut Value)) {
    let mut q = p.clone();
    f(&mut q);
    assert_ne!(&q, p, "{what}: the tampering changed nothing");
    let name = format!("tampered-{what}.json");
    t.write(&name, &serde_json::to_string_pretty(&q).unwrap());
    let r = t.run(&["registry", "verify-proof", &name]);
    r.expect(1);
    assert!(
        r.stderr.starts_with("核验失败（FAILED）：") && r.stderr.contains(needle),
        "{what}: {}",
        r.stderr
    );
    assert!(!r.stdout.contains("VERIFIED"), "{what}");
    let v = t.json(&["registry", "verify-proof", &name], 1);
    assert_eq!(v["schema"], "dualdraw.error.v1", "{what}");
    assert_eq!(v["ok"], false, "{what}");
    assert_eq!(v["verified"], false, "{what}");
    assert_eq!(v["error"]["kind"], "verification_failed", "{what}");
    assert!(
        !independently_verified(&q),
        "{what}: the test's verifier accepts it"
    );
}

#[test]
fn tampered_proofs_are_refused() {
    let (t, row) = county_and_entity();
    let p = t.run(&["registry", "prove", &row[0], "--open"]).json();
    let zero = "0".repeat(64);
    let not_in_tree = "record is not in the entities tree";
    assert_tamper_refused(&t, &p, "name", not_in_tree, |q| {
        q["record"]["name"] = json!("别的公司");
    });
    assert_tamper_refused(&t, &p, "status", not_in_tree, |q| {
        q["record"]["status"] = json!("revoked");
    });
    assert_tamper_refused(&t, &p, "categories", not_in_tree, |q| {
        q["record"]["categories"] = json!([]);
    });
    assert_tamper_refused(&t, &p, "index", not_in_tree, |q| {
        let i = q["index"].as_u64().unwrap();
        q["index"] = json!(i ^ 1);
    });
    assert_tamper_refused(
        &t,
        &p,
        "index-out-of-range",
        "not below tree size 200",
        |q| {
            q["index"] = json!(200);
        },
    );
    assert_tamper_refused(&t, &p, "path-hash", not_in_tree, |q| {
        q["path"][3] = json!(zero.clone());
    });
    assert_tamper_refused(&t, &p, "path-short", not_in_tree, |q| {
        q["path"].as_array_mut().unwrap().pop();
    });
    assert_tamper_refused(&t, &p, "path-long", not_in_tree, |q| {
        q["path"].as_array_mut().unwrap().push(json!(zero.clone()));
    });
    let digest = p["snapshot"]["digest"].as_str().unwrap().to_string();
    assert_tamper_refused(
        &t,
        &p,
        "digest",
        &format!("snapshot digest is {zero}, but the roots given give {digest}"),
        |q| q["snapshot"]["digest"] = json!(zero.clone()),
    );
    assert_tamper_refused(&t, &p, "root-hash", "snapshot digest is", |q| {
        q["snapshot"]["roots"]["entities"]["hash"] = json!(zero.clone());
    });
    assert_tamper_refused(&t, &p, "other-root", "snapshot digest is", |q| {
        q["snapshot"]["roots"]["officers"]["size"] = json!(1);
    });
    let other_class = if row[7] == "D" { "A" } else { "D" };
    assert_tamper_refused(
        &t,
        &p,
        "opening-value",
        &format!("opening of credit_class as \"{other_class}\" does not match the commitment"),
        |q| q["opening"]["value"] = json!(other_class),
    );
    assert_tamper_refused(
        &t,
        &p,
        "opening-salt",
        "does not match the commitment",
        |q| {
            q["opening"]["salt"] = json!(zero.clone());
        },
    );
    assert_tamper_refused(&t, &p, "commitment", not_in_tree, |q| {
        q["record"]["credit_class_commitment"] = json!(zero.clone());
    });
    assert_tamper_refused(&t, &p, "format", "dualdraw-inclusion-v1", |q| {
        q["format"] = json!("dualdraw-inclusion-v2");
    });
}

#[test]
fn no_other_index_verifies() {
    let (t, row) = county_and_entity();
    let p = t.run(&["registry", "prove", &row[0]]).json();
    let true_index = p["index"].as_u64().unwrap();
    let mut accepted = Vec::new();
    for i in 0..203u64 {
        if i == true_index {
            continue;
        }
        let mut q = p.clone();
        q["index"] = json!(i);
        t.write("q.json", &q.to_string());
        if t.run(&["registry", "verify-proof", "q.json"]).code != 1 {
            accepted.push(i);
        }
    }
    assert_eq!(accepted, Vec::<u64>::new());
}

#[test]
fn verify_proof_against_another_snapshots_digest_fails() {
    let (t, row) = county_and_entity();
    let r = t.run(&["registry", "prove", &row[0]]);
    t.write("p.json", &r.stdout);
    let snaps = t.snapshots();
    let digest = snaps[3]["digest"].as_str().unwrap();
    let other = snaps[1]["digest"].as_str().unwrap();
    let r = t.run(&[
        "registry",
        "verify-proof",
        "p.json",
        "--snapshot-digest",
        other,
        "--lang",
        "en",
    ]);
    r.expect(1);
    assert_eq!(
        r.stderr.trim_end(),
        format!("FAILED: snapshot digest is {digest}, expected {other}")
    );
    let v = t.json(
        &[
            "registry",
            "verify-proof",
            "p.json",
            "--snapshot-digest",
            other,
        ],
        1,
    );
    assert_eq!(v["schema"], "dualdraw.error.v1");
    assert_eq!(v["error"]["kind"], "verification_failed");
    // A proof from snapshot 2 verifies and names snapshot 2.
    let r = t.run(&["registry", "prove", &row[0], "--snapshot", "2"]);
    r.expect(0);
    let p2 = r.json();
    assert_eq!(p2["snapshot"]["digest"], other);
    t.write("p2.json", &r.stdout);
    let v = t.json(
        &[
            "registry",
            "verify-proof",
            "p2.json",
            "--snapshot-digest",
            other,
        ],
        0,
    );
    assert_eq!(v["snapshot_digest"], other);
    let v = t.json(&["registry", "verify-proof", "p2.json"], 0);
    assert_eq!(v["workspace_snapshot"], 2);
    // But not against the current digest.
    t.run(&[
        "registry",
        "verify-proof",
        "p2.json",
        "--snapshot-digest",
        digest,
    ])
    .expect(1);
}

#[test]
fn proving_an_unknown_key_exits_1() {
    let (t, _) = county_and_entity();
    let unknown = uscc("91520123MA9999999");
    let r = t.run(&["registry", "prove", &unknown]);
    r.expect(1);
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr.trim_end(),
        format!("版本快照 4 中没有记录 \"{unknown}\"")
    );
    let v = t.json(&["registry", "prove", &unknown], 1);
    assert_eq!(
        v,
        json!({"schema": "dualdraw.error.v1", "ok": false,
               "error": {"kind": "not_found", "message": format!("版本快照 4 中没有记录 \"{unknown}\"")}})
    );
    for key in ["NO-SUCH-ITEM", "000000000000"] {
        let r = t.run(&["registry", "prove", key]);
        r.expect(1);
        assert_eq!(
            r.stderr.trim_end(),
            format!("版本快照 4 中没有记录 \"{key}\"")
        );
    }
    // An entity that exists now but not in snapshot 1 (items only).
    let ents = csv_rows(&t.read("gen/entities.csv"));
    let r = t.run(&["registry", "prove", &ents[1][0], "--snapshot", "1"]);
    r.expect(1);
    assert!(r.stderr.contains("版本快照 1 中没有记录"), "{}", r.stderr);
}

#[test]
fn verify_proof_of_a_malformed_document_exits_1() {
    let t = Ws::bare();
    t.write("bad.json", "{");
    let r = t.raw(&["registry", "verify-proof", "bad.json"]);
    r.expect(1);
    assert!(
        r.stderr.starts_with("bad.json: 不是记录包含证明："),
        "{}",
        r.stderr
    );
    let r = t.raw(&["--json", "registry", "verify-proof", "bad.json"]);
    r.expect(1);
    let v = r.json();
    assert_eq!(v["schema"], "dualdraw.error.v1");
    assert_eq!(v["ok"], false);
    assert_eq!(v["error"]["kind"], "malformed");
    t.write("other.json", r#"{"format": "something-else"}"#);
    t.raw(&["registry", "verify-proof", "other.json"]).expect(1);
}

#[test]
fn verify_proof_of_a_missing_file_exits_1() {
    let t = Ws::bare();
    let r = t.raw(&["registry", "verify-proof", "missing.json"]);
    r.expect(1);
    let r = t.raw(&["--json", "registry", "verify-proof", "missing.json"]);
    r.expect(1);
    assert_eq!(r.json()["error"]["kind"], "unreadable");
}

#[test]
fn accept_legacy_list_that_cannot_be_read_exits_1() {
    let t = ws_with_entities();
    let f = t.write("e.csv", &good_entities());
    let r = t.update("entities", &f, &["--accept-legacy-list", "missing.txt"]);
    r.expect(1);
}

#[test]
fn verify_proof_names_the_snapshot_the_proof_is_about() {
    let t = Ws::new();
    let a = t.write("a.csv", &good_entities());
    let b = t.write(
        "b.csv",
        &format!("{ENTITY_HEADER}\n{},丁,企业,520123,A,存续,\n", e4()),
    );
    t.import("entities", &a, &[]).expect(0);
    t.import("entities", &b, &[]).expect(0);
    t.import("entities", &a, &[]).expect(0);
    assert_eq!(t.snapshot_count(), 3);
    let r = t.run(&["registry", "prove", &e1()]);
    r.expect(0);
    assert_eq!(r.json()["snapshot"]["id"], 3);
    t.write("p.json", &r.stdout);
    let v = t.json(&["registry", "verify-proof", "p.json"], 0);
    assert_eq!(v["workspace_snapshot"], 3);
}

#[test]
fn department_update_refuses_rows_of_another_department() {
    let t = Ws::new();
    let f = t.write(
        "o.csv",
        &format!(
            "{OFFICER_HEADER}\n\
             A001,张三,县市场监管局,,520123,,在岗,2028-01-01\n\
             B001,王五,县卫健局,,520123,,在岗,长期\n"
        ),
    );
    t.import("officers", &f, &[]).expect(0);
    let f = t.write(
        "u.csv",
        &format!(
            "{OFFICER_HEADER}\n\
             B002,周八,县卫健局,,520123,,在岗,长期\n\
             A002,吴九,县市场监管局,,520123,,在岗,长期\n"
        ),
    );
    let r = t.update("officers", &f, &["--department", "县卫健局"]);
    r.expect(1);
    assert_eq!(
        problem_lines(&r),
        [
            "u.csv:3:3: 部门 \"县市场监管局\": 与 --department \"县卫健局\" 不一致；按部门导入时只能包含该部门的行"
        ]
    );
    assert_eq!(t.snapshot_count(), 1);
    // Only the department's own row: fine, the others stay.
    let f = t.write(
        "u2.csv",
        &format!("{OFFICER_HEADER}\nB002,周八,县卫健局,,520123,,在岗,长期\n"),
    );
    t.update("officers", &f, &["--department", "县卫健局"])
        .expect(0);
    assert_eq!(
        t.stats()["officers_by_department"],
        json!({"县市场监管局": 1, "县卫健局": 2})
    );
}

#[test]
fn department_update_cannot_remove_another_departments_officer() {
    let t = Ws::new();
    let f = t.write(
        "o.csv",
        &format!(
            "{OFFICER_HEADER}\n\
             A001,张三,县市场监管局,,520123,,在岗,2028-01-01\n\
             B001,王五,县卫健局,,520123,,在岗,长期\n"
        ),
    );
    t.import("officers", &f, &[]).expect(0);
    let f = t.write("rm.csv", "执法证号,操作\nA001,删除\n");
    let r = t.update("officers", &f, &["--department", "县卫健局"]);
    r.expect(1);
    assert_eq!(t.snapshot_count(), 1);
}
