//! Black-box tests of the reasons of import problems in both languages
//! (issue 15): Simplified Chinese by default, English with `--lang en`; the
//! position `FILE:LINE:COL:` and the column as the file's header writes it
//! the same in both, and each problem's stable `code` in `--json` the same
//! in both.
#![cfg(feature = "cli")]

#[path = "cli_support.rs"]
mod support;

use support::*;

/// A valid USCC.
fn good(n: u32) -> String {
    uscc(&format!("91520123MA{n:07}"))
}

/// A USCC whose check character is wrong and not `0` (no Excel hint).
fn wrong_check(n: u32) -> (String, char, char) {
    let first17 = format!("91520123MA{n:07}");
    let right = check_char(&first17);
    let wrong = if right == 'X' { 'Y' } else { 'X' };
    (format!("{first17}{wrong}"), wrong, right)
}

/// An entities file with one problem of each kind (lines 3 to 7).
fn bad_entities(t: &Ws) -> (String, String, char, char) {
    let (bad, wrong, right) = wrong_check(2);
    let text = format!(
        "{ENTITY_HEADER}\n\
         {a},甲,企业,520123,A,存续,2001-01-01\n\
         {bad},乙,企业,520123,A,存续,2001-01-01\n\
         {c},丙,企业,520123,A,存续,2001-02-30\n\
         {d},丁,公司企业,5201,E,存续,\n\
         {a},戊,企业,520123,A,存续,\n\
         {e},,企业,520123,A,存续,\n",
        a = good(1),
        c = good(3),
        d = good(4),
        e = good(5),
    );
    (t.write("zh.csv", &text), bad, wrong, right)
}

const CODES: [&str; 7] = [
    "uscc_check_character",
    "bad_date",
    "unknown_value",
    "bad_region",
    "unknown_value",
    "duplicate_key",
    "empty_value",
];

#[test]
fn row_reasons_are_in_chinese_by_default_with_positions_and_headers_unchanged() {
    let t = Ws::new();
    let (f, bad, wrong, right) = bad_entities(&t);
    let r = t.import("entities", &f, &[]);
    r.expect(1);
    let p = r.issue_lines("zh.csv");
    assert_eq!(p.len(), 7, "{}", r.all());
    assert_eq!(
        p[0],
        format!(
            "zh.csv:3:1: 统一社会信用代码 \"{bad}\": 统一社会信用代码 校验位错误：校验位是 {wrong}，应为 {right}（GB 32100-2015）；如确认是旧代码需要接受，请用 --accept-legacy-uscc 列出"
        )
    );
    assert_eq!(
        p[1],
        "zh.csv:4:7: 成立日期 \"2001-02-30\": 不是日期（日期格式应为 YYYY-MM-DD、YYYY/M/D 或 YYYY年M月D日）"
    );
    assert_eq!(
        p[2],
        "zh.csv:5:3: 主体类型 \"公司企业\": 不是有效的主体类型（可填写：企业、个体工商户、农民专业合作社、事业单位、社会团体、民办非企业单位（社会服务机构）、其他）"
    );
    assert_eq!(
        p[3],
        "zh.csv:5:4: 行政区划代码 \"5201\": 不是 6 位数字的行政区划代码"
    );
    assert_eq!(
        p[4],
        "zh.csv:5:5: 信用风险分类 \"E\": 不是有效的信用风险分类（可填写：A、B、C、D（或 低风险、一般风险、较高风险、高风险））"
    );
    assert_eq!(
        p[5],
        format!(
            "zh.csv:6:1: 统一社会信用代码 \"{}\": 重复：第 2 行已有同一条记录",
            good(1)
        )
    );
    assert_eq!(p[6], "zh.csv:7:2: 名称 \"\": 为空");
    // No English word is left in the reasons (codes, flags and values aside).
    for l in &p {
        for word in [
            "is empty",
            "not a ",
            "duplicate",
            "check character",
            "expected",
        ] {
            assert!(!l.contains(word), "{l}");
        }
    }
    assert_eq!(t.snapshot_count(), 0, "a refusal stores nothing");
}

#[test]
fn row_reasons_are_in_english_with_lang_en_at_the_same_positions() {
    let t = Ws::new();
    let (f, bad, wrong, right) = bad_entities(&t);
    let r = t.import("entities", &f, &["--lang", "en"]);
    r.expect(1);
    let p = r.issue_lines("zh.csv");
    assert_eq!(p.len(), 7, "{}", r.all());
    assert_eq!(
        p[0],
        format!(
            "zh.csv:3:1: 统一社会信用代码 \"{bad}\": check character is {wrong}, expected {right} (GB 32100-2015); to accept a legacy code knowingly, list it with --accept-legacy-uscc"
        )
    );
    assert_eq!(
        p[1],
        "zh.csv:4:7: 成立日期 \"2001-02-30\": not a date (expected YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)"
    );
    assert!(
        p[2].starts_with("zh.csv:5:3: 主体类型 \"公司企业\": not a known entity kind (accepted: "),
        "{}",
        p[2]
    );
    assert_eq!(
        p[3],
        "zh.csv:5:4: 行政区划代码 \"5201\": is not a 6-digit region code"
    );
    assert!(
        p[4].starts_with("zh.csv:5:5: 信用风险分类 \"E\": not a known credit class (accepted: "),
        "{}",
        p[4]
    );
    assert_eq!(
        p[5],
        format!(
            "zh.csv:6:1: 统一社会信用代码 \"{}\": duplicate key: already on line 2",
            good(1)
        )
    );
    assert_eq!(p[6], "zh.csv:7:2: 名称 \"\": is empty");
}

#[test]
fn json_problems_carry_the_same_codes_in_both_languages() {
    let t = Ws::new();
    let (f, _, _, _) = bad_entities(&t);
    let zh = t.json(&["import", "entities", &f, "--today", TODAY], 1);
    let en = t.json(
        &["--lang", "en", "import", "entities", &f, "--today", TODAY],
        1,
    );
    for v in [&zh, &en] {
        assert_eq!(v["error"]["kind"], "rejected");
        let problems = v["problems"].as_array().expect("problems");
        let codes: Vec<&str> = problems
            .iter()
            .map(|p| p["code"].as_str().expect("code"))
            .collect();
        assert_eq!(codes, CODES, "{v:#}");
        let at: Vec<(u64, u64, &str, &str)> = problems
            .iter()
            .map(|p| {
                (
                    p["line"].as_u64().unwrap(),
                    p["column"].as_u64().unwrap(),
                    p["column_name"].as_str().unwrap(),
                    p["header"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            at,
            [
                (3, 1, "uscc", "统一社会信用代码"),
                (4, 7, "established", "成立日期"),
                (5, 3, "kind", "主体类型"),
                (5, 4, "region", "行政区划代码"),
                (5, 5, "credit_class", "信用风险分类"),
                (6, 1, "uscc", "统一社会信用代码"),
                (7, 2, "name", "名称"),
            ]
        );
    }
    assert_eq!(zh["problems"][6]["reason"], "为空");
    assert_eq!(en["problems"][6]["reason"], "is empty");
}

#[test]
fn header_problems_and_warnings_are_in_chinese_by_default() {
    let t = Ws::new();
    // A missing required column and an unknown one.
    let f = t.write(
        "cols.csv",
        &format!(
            "统一社会信用代码,名称,主体类型,行政区划代码,登记状态,备注\n{},甲,企业,520123,存续,x\n",
            good(1)
        ),
    );
    let r = t.import("entities", &f, &[]);
    r.expect(1);
    assert_eq!(
        r.issue_lines("cols.csv"),
        [
            "cols.csv:1:6: \"备注\": 无法识别的列，已忽略",
            "cols.csv:1:0: 缺少必需的列 credit_class（信用风险分类 / 信用风险等级）",
        ]
        .iter()
        .rev()
        .map(|s| s.to_string())
        .collect::<Vec<_>>()
    );
    let v = t.json(&["import", "entities", &f, "--today", TODAY], 1);
    assert_eq!(v["problems"][0]["code"], "missing_column");
    assert_eq!(v["warnings"][0]["code"], "unknown_column");

    // An expired certificate: a warning, in Chinese, at its cell.
    let f = t.write(
        "o.csv",
        &format!("{OFFICER_HEADER}\nA001,张三,县市场监管局,,520123,,在岗,2026-02-28\n"),
    );
    let r = t.import("officers", &f, &[]);
    r.expect(0);
    assert_eq!(
        r.issue_lines("o.csv"),
        [
            "o.csv:2:8: 执法证有效期 \"2026-02-28\": 执法证 A001 在 2026-03-01 前已过期：已保留，但不能参加 2026-02-28 之后的抽取"
        ]
    );
}

#[test]
fn uscc_hints_word_the_check_in_the_language_of_the_run() {
    let t = Ws::new();
    let seventeen = &good(1)[..17];
    let f = t.write(
        "h.csv",
        &format!("{ENTITY_HEADER}\n{seventeen},甲,企业,520123,A,存续,\n"),
    );
    let zh = t.import("entities", &f, &[]);
    zh.expect(1);
    let p = zh.issue_lines("h.csv");
    assert_eq!(p.len(), 1, "{}", zh.all());
    assert!(
        p[0].starts_with(&format!(
            "h.csv:2:1: 统一社会信用代码 \"{seventeen}\": 统一社会信用代码有 17 位，应为 18 位：最后一位（校验码）很可能丢失了；补上后代码应为 {}",
            good(1)
        )),
        "{}",
        p[0]
    );
    let en = t.import("entities", &f, &["--lang", "en"]);
    assert!(
        en.issue_lines("h.csv")[0].contains("has 17 characters, expected 18: the last character"),
        "{}",
        en.all()
    );
    let v = t.json(&["import", "entities", &f, "--today", TODAY], 1);
    assert_eq!(v["problems"][0]["code"], "uscc_17_characters");
}

#[test]
fn file_level_reasons_and_import_stages_are_in_chinese_by_default() {
    let t = Ws::new();
    // Too many columns: a reason of the table reader.
    let f = t.write("wide.csv", &format!("名称{}\n", ",".repeat(1100)));
    let r = t.import("entities", &f, &[]);
    r.expect(1);
    r.has("wide.csv:1:1025: 一行超过 1024 列");
    let v = t.json(&["import", "entities", &f, "--today", TODAY], 1);
    assert_eq!(v["problems"][0]["code"], "too_many_columns");

    let f = t.write(
        "e.csv",
        &format!("{ENTITY_HEADER}\n{},甲,企业,520123,A,存续,\n", good(1)),
    );

    // A file that is not there.
    t.import("entities", "nope.csv", &[])
        .expect(1)
        .has("nope.csv: 文件或文件夹不存在");

    // The stages an import reports (DUALDRAW_TIMING), in each language.
    let args = ["-w", "ws", "import", "entities", &f, "--today", TODAY];
    let zh = run_full(t.path(), &args, &[("DUALDRAW_TIMING", "1")], None);
    zh.expect(0);
    for stage in [
        "读取文件",
        "载入现有名录",
        "校验",
        "合并",
        "检查回避关系",
        "已提交",
    ] {
        assert!(zh.stderr.contains(&format!("] {stage}\n")), "{}", zh.stderr);
    }
    let mut en_args = vec!["--lang", "en"];
    en_args.extend(args);
    let en = run_full(t.path(), &en_args, &[("DUALDRAW_TIMING", "1")], None);
    en.expect(0);
    assert!(en.stderr.contains("] validating\n"), "{}", en.stderr);
}

#[test]
fn demo_import_lines_name_the_registries_in_the_language_of_the_run() {
    let w = Ws::bare();
    let zh = w.raw(&["demo", "zh", "--entities", "100", "--registries-only"]);
    zh.expect(0);
    zh.has("条 检查对象名录（entities）")
        .has("条 执法检查人员名录（officers）");
    let en = w.raw(&[
        "--lang",
        "en",
        "demo",
        "en",
        "--entities",
        "100",
        "--registries-only",
    ]);
    en.expect(0);
    en.has(" entities  (0 warning(s))");
}
