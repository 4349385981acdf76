//! The catalogues: both hold the same messages with the same arguments,
//! every key the code uses, and a help text for every command and argument.

use super::*;
use clap::CommandFactory;

use std::collections::{BTreeMap, BTreeSet};

const FILES: [(Lang, &str); 2] = [
    (Lang::ZhCn, "locales/zh-CN/dualdraw.ftl"),
    (Lang::En, "locales/en/dualdraw.ftl"),
];

/// Each message of a catalogue and the variables it uses.
fn catalogue(l: Lang) -> BTreeMap<String, BTreeSet<String>> {
    use fluent_syntax::ast;
    fn inline(e: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match e {
            ast::InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_string());
            }
            ast::InlineExpression::Placeable { expression } => expr(expression, out),
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                arguments.positional.iter().for_each(|a| inline(a, out));
                arguments.named.iter().for_each(|a| inline(&a.value, out));
            }
            _ => {}
        }
    }
    fn expr(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
        match e {
            ast::Expression::Inline(i) => inline(i, out),
            ast::Expression::Select { selector, variants } => {
                inline(selector, out);
                variants.iter().for_each(|v| pattern(&v.value, out));
            }
        }
    }
    fn pattern(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
        for e in &p.elements {
            if let ast::PatternElement::Placeable { expression } = e {
                expr(expression, out);
            }
        }
    }
    let res = match fluent_syntax::parser::parse(l.source()) {
        Ok(r) => r,
        Err((_, errors)) => panic!("{}: {errors:?}", l.tag()),
    };
    let mut out = BTreeMap::new();
    for e in &res.body {
        match e {
            ast::Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                let value = m
                    .value
                    .as_ref()
                    .unwrap_or_else(|| panic!("{}: {} has no value", l.tag(), m.id.name));
                pattern(value, &mut vars);
                let old = out.insert(m.id.name.to_string(), vars);
                assert!(old.is_none(), "{}: {} twice", l.tag(), m.id.name);
            }
            ast::Entry::Junk { content } => panic!("{}: cannot read {content:?}", l.tag()),
            _ => {}
        }
    }
    out
}

#[test]
fn both_catalogues_parse_without_an_error() {
    for (l, file) in FILES {
        if let Err((_, errors)) = fluent_syntax::parser::parse(l.source()) {
            panic!("{file}: {errors:?}");
        }
        let res = FluentResource::try_new(l.source().to_string())
            .unwrap_or_else(|(_, e)| panic!("{file}: {e:?}"));
        let mut b = FluentBundle::new_concurrent(vec![]);
        if let Err(e) = b.add_resource(res) {
            panic!("{file}: {e:?}");
        }
    }
}

#[test]
fn every_key_is_in_both_catalogues_with_the_same_arguments() {
    let zh = catalogue(Lang::ZhCn);
    let en = catalogue(Lang::En);
    let mut wrong = Vec::new();
    for (k, vars) in &zh {
        match en.get(k) {
            None => wrong.push(format!("{k}: in zh-CN, not in en")),
            Some(v) if v != vars => {
                wrong.push(format!("{k}: arguments {vars:?} in zh-CN, {v:?} in en"))
            }
            _ => {}
        }
    }
    for k in en.keys().filter(|k| !zh.contains_key(*k)) {
        wrong.push(format!("{k}: in en, not in zh-CN"));
    }
    assert!(
        wrong.is_empty(),
        "the catalogues differ:\n{}",
        wrong.join("\n")
    );
}

/// The lookups in `src/`: `t!("key", name = …)`, `message_in(l, "key", …)`,
/// with the argument names each call passes (`None` for `message_in`).
fn lookups() -> Vec<(String, String, Option<BTreeSet<String>>)> {
    fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                files(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut list = Vec::new();
    files(&root.join("src"), &mut list);
    let mut out = Vec::new();
    for f in list {
        let text = std::fs::read_to_string(&f).unwrap();
        // Comments name the macro in examples: left out.
        let code: String = text
            .lines()
            .map(|l| {
                if l.trim_start().starts_with("//") {
                    ""
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let name = f.strip_prefix(root).unwrap().display().to_string();
        if name.ends_with("i18n/tests.rs") {
            continue; // this scan's own patterns and test keys
        }
        for (pat, named) in [("t!(", true), ("message_in(", false)] {
            let mut from = 0;
            while let Some(i) = code[from..].find(pat) {
                let start = from + i + pat.len();
                from = start;
                // `t!(` only as the macro, not the end of another name.
                let before = code[..start - pat.len()].chars().last();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                // The call's text, to its closing parenthesis.
                let mut depth = 1;
                let mut end = start;
                let mut in_str = false;
                let bytes = code.as_bytes();
                while depth > 0 && end < bytes.len() {
                    match bytes[end] {
                        b'"' if bytes[end - 1] != b'\\' => in_str = !in_str,
                        b'(' | b'[' | b'{' if !in_str => depth += 1,
                        b')' | b']' | b'}' if !in_str => depth -= 1,
                        _ => {}
                    }
                    end += 1;
                }
                let body = &code[start..end - 1];
                // The key: the first string literal (after `l,` for message_in).
                let Some(q) = body.find('"') else { continue };
                if !named && !body[..q].trim_end().ends_with(',') {
                    continue;
                }
                let Some(q2) = body[q + 1..].find('"') else {
                    continue;
                };
                let key = body[q + 1..q + 1 + q2].to_string();
                if !named {
                    out.push((name.clone(), key, None));
                    continue;
                }
                // Top-level `name = value` pairs after the key.
                let mut args = BTreeSet::new();
                let rest = &body[q + 2 + q2..];
                let mut depth = 0;
                let mut in_str = false;
                let mut piece = String::new();
                let mut pieces = Vec::new();
                for (j, c) in rest.char_indices() {
                    match c {
                        '"' if !rest[..j].ends_with('\\') => in_str = !in_str,
                        '(' | '[' | '{' if !in_str => depth += 1,
                        ')' | ']' | '}' if !in_str => depth -= 1,
                        ',' if !in_str && depth == 0 => {
                            pieces.push(std::mem::take(&mut piece));
                            continue;
                        }
                        _ => {}
                    }
                    piece.push(c);
                }
                pieces.push(piece);
                for p in pieces {
                    if let Some((n, _)) = p.split_once('=') {
                        let n = n.trim();
                        if !n.is_empty() && n.chars().all(|c| c.is_alphanumeric() || c == '_') {
                            args.insert(n.to_string());
                        }
                    }
                }
                out.push((name.clone(), key, Some(args)));
            }
        }
    }
    out
}

#[test]
fn every_key_the_code_uses_is_in_both_catalogues_with_its_arguments() {
    let found = lookups();
    assert!(
        found.len() > 100,
        "the scan found only {} lookups",
        found.len()
    );
    let mut wrong = Vec::new();
    for (l, file) in FILES {
        let cat = catalogue(l);
        for (src, key, args) in &found {
            match (cat.get(key), args) {
                (None, _) => wrong.push(format!("{src}: {key:?} is not in {file}")),
                (Some(vars), Some(args)) => {
                    let missing: Vec<_> = vars.difference(args).collect();
                    if !missing.is_empty() {
                        wrong.push(format!(
                            "{src}: {key:?} in {file} uses {missing:?}, which the code does not pass"
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_command_and_argument_has_a_help_text_in_both_catalogues() {
    let mut cmd = crate::cli::Cli::command();
    cmd.build();
    let mut wrong = Vec::new();
    for (key, what) in help_keys(&cmd) {
        for (l, file) in FILES {
            if !has(l, &key) {
                wrong.push(format!("add `{key} = …` (the help of {what}) to {file}"));
            }
        }
    }
    for key in [
        "help-flag-help",
        "help-flag-version",
        "help-subcommand-help",
        "help-subcommand-help--subcommand",
        "help-heading-usage",
        "help-heading-commands",
        "help-heading-arguments",
        "help-heading-options",
    ] {
        for (l, file) in FILES {
            if !has(l, key) {
                wrong.push(format!("add `{key} = …` to {file}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "help texts missing:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_help_text_is_left_without_its_command_or_argument() {
    let mut cmd = crate::cli::Cli::command();
    cmd.build();
    let keys: BTreeSet<String> = help_keys(&cmd).into_iter().map(|(k, _)| k).collect();
    let fixed = [
        "help-flag-help",
        "help-flag-version",
        "help-subcommand-help",
        "help-subcommand-help--subcommand",
    ];
    let stale: Vec<String> = catalogue(Lang::En)
        .into_keys()
        .filter(|k| (k == "help" || k.starts_with("help-")) && !k.starts_with("help-heading-"))
        .filter(|k| !keys.contains(k) && !fixed.contains(&k.as_str()))
        .collect();
    assert!(
        stale.is_empty(),
        "help texts of no command or argument (renamed or removed? remove them from both catalogues): {stale:?}"
    );
}

#[test]
fn positions_come_first_and_verbatim_in_every_language() {
    // Every message is formatted with each argument as `<name>`: where the
    // English one starts with a position (`<file>:<line>: ` or `<dir>: `),
    // every other language starts with the same characters.
    let en = catalogue(Lang::En);
    let mut checked = 0;
    for (key, vars) in &en {
        let mut args = FluentArgs::new();
        for v in vars {
            args.set(v.as_str(), format!("<{v}>"));
        }
        let e = message_in(Lang::En, key, Some(&args));
        let Some(prefix) = position_prefix(&e) else {
            continue;
        };
        checked += 1;
        let z = message_in(Lang::ZhCn, key, Some(&args));
        assert!(
            z.starts_with(&prefix),
            "{key}: the zh-CN message must start with {prefix:?} as the English one does: {z:?}"
        );
    }
    assert!(checked >= 5, "{checked}");
}

/// `<file>:<line>:<col>: `, `<file>: `, … at the start of a message.
fn position_prefix(s: &str) -> Option<String> {
    let mut end = 0;
    let mut rest = s;
    loop {
        let inner = rest.strip_prefix('<')?;
        let close = inner.find('>')?;
        let name = &inner[..close];
        if !["file", "dir", "line", "col", "path"].contains(&name) {
            return None;
        }
        end += close + 2;
        rest = &inner[close + 1..];
        if let Some(r) = rest.strip_prefix(": ") {
            let _ = r;
            return Some(s[..end + 2].to_string());
        }
        rest = rest.strip_prefix(':')?;
        end += 1;
    }
}

#[test]
fn arguments_are_inserted_verbatim_without_isolation_marks() {
    for l in Lang::ALL {
        let mut args = FluentArgs::new();
        args.set("file", "a/b.jsonl");
        args.set("line", "3");
        args.set("why", "x");
        let m = message_in(l, "ledger-not-an-entry", Some(&args));
        assert!(m.starts_with("a/b.jsonl:3: "), "{m:?}");
        assert!(!m.contains('\u{2068}') && !m.contains('\u{2069}'), "{m:?}");
    }
}

#[test]
fn a_missing_key_gives_the_key_and_never_panics() {
    assert_eq!(message_in(Lang::ZhCn, "no-such-key", None), "no-such-key");
    // A missing argument leaves its name, no panic.
    let m = message_in(Lang::En, "store-no-snapshot", None);
    assert!(m.starts_with("no snapshot"), "{m}");
}

#[test]
fn plural_forms_follow_a_number_argument() {
    set_lang(Lang::En);
    let one = t!(
        "plan-check-unstaffable",
        entities = Num(1),
        expected = "0.5",
        examples = "X"
    );
    let many = t!(
        "plan-check-unstaffable",
        entities = Num(3),
        expected = "1.5",
        examples = "X"
    );
    set_lang(Lang::ZhCn);
    assert!(one.contains("1 pool entity ("), "{one}");
    assert!(many.contains("3 pool entities ("), "{many}");
}

#[test]
fn the_language_comes_from_lang_then_dualdraw_lang_then_the_locale() {
    let args = |v: &[&str]| -> Vec<OsString> {
        std::iter::once("dualdraw")
            .chain(v.iter().copied())
            .map(OsString::from)
            .collect()
    };
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |k: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    };
    assert_eq!(detect(&args(&["init"]), env(&[])), Lang::ZhCn);
    assert_eq!(detect(&args(&["--lang", "en", "init"]), env(&[])), Lang::En);
    assert_eq!(detect(&args(&["init", "--lang=en"]), env(&[])), Lang::En);
    assert_eq!(
        detect(&args(&["--lang", "zh-CN"]), env(&[("DUALDRAW_LANG", "en")])),
        Lang::ZhCn
    );
    assert_eq!(
        detect(&args(&["init"]), env(&[("DUALDRAW_LANG", "en")])),
        Lang::En
    );
    assert_eq!(
        detect(
            &args(&["init"]),
            env(&[("DUALDRAW_LANG", "zh"), ("LANG", "en_US.UTF-8")])
        ),
        Lang::ZhCn
    );
    assert_eq!(
        detect(&args(&["init"]), env(&[("LANG", "en_US.UTF-8")])),
        Lang::En
    );
    assert_eq!(
        detect(
            &args(&["init"]),
            env(&[("LC_ALL", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")])
        ),
        Lang::ZhCn
    );
    for c in ["C", "POSIX", "C.UTF-8", "fr_FR.UTF-8", ""] {
        assert_eq!(
            detect(&args(&["init"]), env_one("LANG", c)),
            Lang::ZhCn,
            "{c}"
        );
    }
    // After `--` nothing is an option.
    assert_eq!(detect(&args(&["--", "--lang", "en"]), env(&[])), Lang::ZhCn);
    // An unknown value is no choice: the next source decides.
    assert_eq!(
        detect(&args(&["--lang", "fr"]), env(&[("DUALDRAW_LANG", "en")])),
        Lang::En
    );
}

fn env_one(k: &'static str, v: &'static str) -> impl Fn(&str) -> Option<String> {
    move |n: &str| (n == k).then(|| v.to_string())
}

#[test]
fn help_is_in_the_language_asked() {
    let zh = localize_help(crate::cli::Cli::command(), Lang::ZhCn)
        .render_help()
        .to_string();
    assert!(zh.contains("用法: dualdraw"), "{zh}");
    assert!(zh.contains("命令:") && zh.contains("选项:"), "{zh}");
    assert!(zh.contains("创建工作区"), "{zh}");
    assert!(!zh.contains("Create a workspace"), "{zh}");
    let en = localize_help(crate::cli::Cli::command(), Lang::En)
        .render_help()
        .to_string();
    assert!(en.contains("Usage: dualdraw"), "{en}");
    assert!(en.contains("Create a workspace"), "{en}");
    // A subcommand, with its arguments and the global options.
    let mut cmd = localize_help(crate::cli::Cli::command(), Lang::ZhCn);
    let plan = cmd.find_subcommand_mut("plan").unwrap();
    let check = plan.find_subcommand_mut("check").unwrap();
    let h = check.render_help().to_string();
    assert!(h.contains("计划 TOML 文件"), "{h}");
    assert!(h.contains("工作区文件夹"), "{h}");
    assert!(h.contains("显示帮助"), "{h}");
}

/// Prints the help catalogue of today's doc comments (English), to start a
/// catalogue from: `cargo test --lib dump_help -- --ignored --nocapture`.
#[test]
#[ignore]
fn dump_help() {
    let cmd = crate::cli::Cli::command();
    let mut cmd = cmd;
    cmd.build();
    fn walk(cmd: &clap::Command, path: &mut Vec<String>) {
        let p: Vec<&str> = path.iter().map(String::as_str).collect();
        let about = cmd
            .get_long_about()
            .or(cmd.get_about())
            .map(ToString::to_string)
            .unwrap_or_default();
        println!("{}", ftl_entry(&help_key(&p, None), &about));
        for a in cmd.get_arguments() {
            let id = a.get_id().as_str();
            if id == "help" || id == "version" || a.is_global_set() && !p.is_empty() {
                continue;
            }
            let h = a
                .get_long_help()
                .or(a.get_help())
                .map(ToString::to_string)
                .unwrap_or_default();
            println!("{}", ftl_entry(&help_key(&p, Some(&arg_name(a))), &h));
        }
        for sc in cmd.get_subcommands() {
            if sc.get_name() == "help" {
                continue;
            }
            path.push(sc.get_name().to_string());
            walk(sc, path);
            path.pop();
        }
    }
    walk(&cmd, &mut Vec::new());
}

fn ftl_entry(key: &str, text: &str) -> String {
    let text = text
        .replace('{', "\u{0}")
        .replace('}', "{\"}\"}")
        .replace('\u{0}', "{\"{\"}");
    let lines: Vec<&str> = text.trim().lines().collect();
    if lines.len() <= 1 {
        format!("{key} = {}", lines.first().copied().unwrap_or(""))
    } else {
        let mut s = format!("{key} =");
        for l in lines {
            s.push_str("\n    ");
            s.push_str(l);
        }
        s
    }
}

#[test]
fn no_message_is_defined_twice_across_a_languages_files() {
    for l in Lang::ALL {
        let res = match fluent_syntax::parser::parse(l.source()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        let mut seen = BTreeSet::new();
        for entry in &res.body {
            if let fluent_syntax::ast::Entry::Message(m) = entry {
                assert!(
                    seen.insert(m.id.name.to_string()),
                    "{}: message {} is defined twice (locales/{}/*.ftl)",
                    l.tag(),
                    m.id.name,
                    l.tag()
                );
            }
        }
    }
}
