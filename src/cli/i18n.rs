//! The CLI's language: every message, error and `--help` text a person reads
//! comes from a Project Fluent catalogue, Simplified Chinese by default,
//! English with `--lang en` or `DUALDRAW_LANG=en` (`docs/CLI.md`).
//!
//! - Catalogues: `locales/zh-CN/dualdraw.ftl` and `locales/en/dualdraw.ftl`,
//!   built into the binary (it works from any folder).
//! - A message: `t!` (`use crate::cli::i18n::t;`) with named arguments,
//!   `t!("store-no-snapshot", id = 9)`. Arguments are turned into text with
//!   `Display` (exact, no locale number formatting).
//! - `--help`: [`localize_help`] sets every command's `about` and every
//!   argument's `help` from the keys [`help_key`] derives from the command
//!   path (`help-campaign-announce`, `help-campaign-announce--allow-past`).
//! - A missing key never panics: the key itself is printed (the tests in this
//!   file guarantee that none is missing); a missing help key keeps the
//!   English doc comment.
//!
//! The library stays free of locale: its errors keep typed fields and codes,
//! and the CLI maps each variant to a catalogue message (`src/cli/messages.rs`).
//!
//! # Adding a message
//!
//! 1. Pick a key, `AREA-WHAT` (`ledger-verified`), and write it in both
//!    catalogues with the same `{ $arguments }`; Chinese uses the domain's
//!    terms (抽查, 检查对象, 执法检查人员, 台账, 核验, …) and keeps
//!    identifiers, codes, file and command names as they are. A message
//!    about a place in a file starts with it: `{ $file }:{ $line }: …`.
//! 2. In the code: `use crate::cli::i18n::t;` then
//!    `t!("ledger-verified", source = s, entries = n, head = h)` (a string
//!    literal key; each argument `name = value`, any `Display`; a count that
//!    an English plural depends on as `Num(n)`).
//! 3. `Failure::rejected("kind", t!(…))`: the `kind` code never changes.
//!
//! `cargo test --lib cli::i18n` then checks both catalogues (same keys, same
//! arguments, no syntax error) and every `t!` in `src/` (its key in both,
//! every argument the catalogues use passed).
//!
//! # Adding a command or an argument
//!
//! Its doc comment is the English help as before; add the key the test
//! `every_command_and_argument_has_a_help_text_in_both_catalogues` names
//! (`help-PATH` for a command, `help-PATH--LONG` for an argument, e.g.
//! `help-calendar-import--file`) to both catalogues, the English text being
//! the doc comment's.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::ffi::OsString;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

/// A catalogue message in the language of this process:
/// `t!("key")` or `t!("key", name = value, …)` (`$name` in the `.ftl`;
/// each value is anything `Display`, passed as its text, or a [`Num`],
/// passed as a number for plural selectors). The key must be a string literal: a
/// test checks that every key used in `src/` is in both catalogues.
macro_rules! t {
    ($key:literal) => {
        $crate::cli::i18n::message($key, None)
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = ::fluent_bundle::FluentArgs::new();
        $( args.set(stringify!($name), $crate::cli::i18n::IntoArg::into_arg(&$value)); )+
        $crate::cli::i18n::message($key, Some(&args))
    }};
}
pub(crate) use t;

/// The Simplified Chinese catalogue (the default): the files of
/// `locales/zh-CN/`, one per area of the CLI, read as one catalogue.
pub(crate) const ZH_CN_FTL: &str = concat!(
    include_str!("../../locales/zh-CN/dualdraw.ftl"),
    "\n",
    include_str!("../../locales/zh-CN/campaign.ftl"),
    "\n",
    include_str!("../../locales/zh-CN/office.ftl"),
    "\n",
    include_str!("../../locales/zh-CN/assign.ftl"),
    "\n",
    include_str!("../../locales/zh-CN/office-errors.ftl"),
    "\n",
    include_str!("../../locales/zh-CN/verify-details.ftl"),
    "\n",
    include_str!("../../locales/zh-CN/conflicts.ftl"),
    "\n",
    include_str!("../../locales/zh-CN/demo-script.ftl"),
    "\n",
    include_str!("../../locales/zh-CN/plan-findings.ftl"),
    "\n",
    include_str!("../../locales/zh-CN/template.ftl"),
    "\n",
    include_str!("../../locales/zh-CN/import-rows.ftl"),
    "\n",
    include_str!("../../locales/zh-CN/campaign-file.ftl"),
    "\n",
    include_str!("../../locales/zh-CN/log.ftl"),
    "\n",
    include_str!("../../locales/zh-CN/key-rotation.ftl"),
);
/// The English catalogue: the files of `locales/en/`, as for Chinese.
pub(crate) const EN_FTL: &str = concat!(
    include_str!("../../locales/en/dualdraw.ftl"),
    "\n",
    include_str!("../../locales/en/campaign.ftl"),
    "\n",
    include_str!("../../locales/en/office.ftl"),
    "\n",
    include_str!("../../locales/en/assign.ftl"),
    "\n",
    include_str!("../../locales/en/office-errors.ftl"),
    "\n",
    include_str!("../../locales/en/verify-details.ftl"),
    "\n",
    include_str!("../../locales/en/conflicts.ftl"),
    "\n",
    include_str!("../../locales/en/demo-script.ftl"),
    "\n",
    include_str!("../../locales/en/plan-findings.ftl"),
    "\n",
    include_str!("../../locales/en/template.ftl"),
    "\n",
    include_str!("../../locales/en/import-rows.ftl"),
    "\n",
    include_str!("../../locales/en/campaign-file.ftl"),
    "\n",
    include_str!("../../locales/en/log.ftl"),
    "\n",
    include_str!("../../locales/en/key-rotation.ftl"),
);

/// A language of the CLI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Simplified Chinese (简体中文), the default.
    ZhCn,
    /// English.
    En,
}

impl Lang {
    /// Every language, the default first.
    pub const ALL: [Lang; 2] = [Lang::ZhCn, Lang::En];

    /// Reads a `--lang` or `DUALDRAW_LANG` value: `zh`, `zh-CN`, `zh_CN.UTF-8`,
    /// `en`, `en-US`, … (case does not matter); `None` for anything else.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        let base = s.split(['-', '_', '.', '@']).next().unwrap_or("");
        match base {
            "zh" => Some(Lang::ZhCn),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language tag of its catalogue folder (`locales/TAG/`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The catalogue's text.
    pub(crate) fn source(self) -> &'static str {
        match self {
            Lang::ZhCn => ZH_CN_FTL,
            Lang::En => EN_FTL,
        }
    }
}

/// The value parser of `--lang` (the value itself is read before parsing,
/// by [`detect`]).
pub(crate) fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| t!("error-lang", value = format!("{s:?}")))
}

/// The language of a run: `--lang X` or `--lang=X` on the command line
/// (before a `--`), else `DUALDRAW_LANG`, else a locale variable
/// (`LC_ALL`, `LC_MESSAGES`, `LANG`, the first one set) starting with `en`;
/// anything else (`C`, `POSIX`, `zh_CN.UTF-8`, unset, unknown) is Chinese.
/// `env` reads a variable (`std::env::var` in the binary).
pub fn detect(args: &[OsString], env: impl Fn(&str) -> Option<String>) -> Lang {
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        let Some(a) = a.to_str() else { continue };
        if a == "--" {
            break;
        }
        let value = if a == "--lang" {
            it.next().and_then(|v| v.to_str()).map(str::to_string)
        } else {
            a.strip_prefix("--lang=").map(str::to_string)
        };
        if let Some(l) = value.as_deref().and_then(Lang::parse) {
            return l;
        }
    }
    if let Some(l) = env("DUALDRAW_LANG").as_deref().and_then(Lang::parse) {
        return l;
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| env(k).filter(|v| !v.is_empty()));
    match locale.as_deref().and_then(Lang::parse) {
        Some(Lang::En) => Lang::En,
        _ => Lang::ZhCn,
    }
}

static LANG: AtomicU8 = AtomicU8::new(0);

/// Sets the language of this process's messages.
pub fn set_lang(l: Lang) {
    LANG.store(
        match l {
            Lang::ZhCn => 0,
            Lang::En => 1,
        },
        Ordering::Relaxed,
    );
}

/// The language of this process's messages (Chinese until [`set_lang`]).
pub fn lang() -> Lang {
    match LANG.load(Ordering::Relaxed) {
        1 => Lang::En,
        _ => Lang::ZhCn,
    }
}

fn bundle(l: Lang) -> &'static FluentBundle<FluentResource> {
    static ZH: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static EN: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let cell = match l {
        Lang::ZhCn => &ZH,
        Lang::En => &EN,
    };
    cell.get_or_init(|| {
        let id: unic_langid::LanguageIdentifier = l.tag().parse().unwrap_or_default();
        let mut b = FluentBundle::new_concurrent(vec![id]);
        // No Unicode isolation marks around arguments: `FILE:LINE:COL:`
        // prefixes, paths and hashes stay byte for byte what they are.
        b.set_use_isolating(false);
        // A catalogue with a syntax error still gives every message it could
        // read (a test keeps both catalogues free of errors).
        let res = FluentResource::try_new(l.source().to_string()).unwrap_or_else(|(r, _)| r);
        let _ = b.add_resource(res);
        b
    })
}

/// Whether the catalogue of `l` has a message `key`.
pub fn has(l: Lang, key: &str) -> bool {
    bundle(l)
        .get_message(key)
        .is_some_and(|m| m.value().is_some())
}

/// The message `key` in `l` with `args`; the key itself when the catalogue
/// has no such message (never a panic).
pub fn message_in(l: Lang, key: &str, args: Option<&FluentArgs>) -> String {
    let b = bundle(l);
    let Some(pattern) = b.get_message(key).and_then(|m| m.value()) else {
        return key.to_string();
    };
    let mut errors = Vec::new();
    b.format_pattern(pattern, args, &mut errors).into_owned()
}

/// The message `key` in the language of this process.
pub fn message(key: &str, args: Option<&FluentArgs>) -> String {
    message_in(lang(), key, args)
}

/// A count passed to a message as a number, so that a catalogue can select
/// a plural form (`{ $n -> [one] entity *[other] entities }`); anything
/// else is passed as its `Display` text (exact digits, no grouping).
#[derive(Debug, Clone, Copy)]
pub struct Num(pub u64);

/// A value that can be an argument of a message.
pub trait IntoArg {
    /// The Fluent value.
    fn into_arg(self) -> FluentValue<'static>;
}

impl<T: std::fmt::Display> IntoArg for T {
    fn into_arg(self) -> FluentValue<'static> {
        FluentValue::from(self.to_string())
    }
}

impl IntoArg for &Num {
    fn into_arg(self) -> FluentValue<'static> {
        // Counts are far below 2^53: exact as a float.
        FluentValue::from(self.0 as f64)
    }
}

// ---------------------------------------------------------------- --help

/// The catalogue key of a command's `about` (`path`: its subcommand names
/// from the top, e.g. `["campaign", "announce"]`), or with `arg` of one of
/// its arguments (the long name, else the id; `_` written `-`):
/// `help-campaign-announce`, `help-campaign-announce--allow-past`. The top
/// command is `help` and its arguments `help--json`. A global argument has
/// the key of the command that declares it, in every subcommand.
pub fn help_key(path: &[&str], arg: Option<&str>) -> String {
    let mut k = String::from("help");
    for p in path {
        k.push('-');
        k.push_str(p);
    }
    if let Some(a) = arg {
        k.push_str("--");
        k.push_str(&a.replace('_', "-"));
    }
    k
}

/// The name of an argument in its help key.
fn arg_name(a: &clap::Arg) -> String {
    a.get_long()
        .map(str::to_string)
        .unwrap_or_else(|| a.get_id().as_str().to_string())
}

/// The help keys of `cmd` and everything under it, each with a description
/// of what it is for (a command, or an argument of one), built-in help,
/// version and `help` subcommand left out (they have fixed keys).
pub fn help_keys(cmd: &clap::Command) -> Vec<(String, String)> {
    fn walk(cmd: &clap::Command, path: &mut Vec<String>, out: &mut Vec<(String, String)>) {
        let p: Vec<&str> = path.iter().map(String::as_str).collect();
        let shown = if p.is_empty() {
            "dualdraw".to_string()
        } else {
            format!("dualdraw {}", p.join(" "))
        };
        out.push((help_key(&p, None), format!("the command `{shown}`")));
        for a in cmd.get_arguments() {
            let id = a.get_id().as_str();
            if id == "help" || id == "version" || a.is_global_set() && !p.is_empty() {
                continue;
            }
            let name = arg_name(a);
            out.push((
                help_key(&p, Some(&name)),
                format!("the argument `{name}` of `{shown}`"),
            ));
        }
        for sc in cmd.get_subcommands() {
            if sc.get_name() == "help" {
                continue;
            }
            path.push(sc.get_name().to_string());
            walk(sc, path, out);
            path.pop();
        }
    }
    let mut out = Vec::new();
    walk(cmd, &mut Vec::new(), &mut out);
    out
}

/// `cmd` (built here) with every `about` and `help` from the catalogue of
/// `l`, and headings (`用法`, `选项`, …) in that language.
pub fn localize_help(mut cmd: clap::Command, l: Lang) -> clap::Command {
    // Built first: global arguments are then in every subcommand, with the
    // built-in help and version flags and `help` subcommands.
    cmd.build();
    let globals: Vec<String> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set())
        .map(|a| a.get_id().as_str().to_string())
        .collect();
    localize_command(cmd, l, &mut Vec::new(), &globals)
}

/// clap's default help layout with the usage heading of `l`.
fn template(l: Lang) -> String {
    format!(
        "{{before-help}}{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
        message_in(l, "help-heading-usage", None)
    )
}

fn localize_command(
    cmd: clap::Command,
    l: Lang,
    path: &mut Vec<String>,
    globals: &[String],
) -> clap::Command {
    let text = |key: &str| has(l, key).then(|| message_in(l, key, None));
    let p: Vec<&str> = path.iter().map(String::as_str).collect();
    let mut cmd = cmd
        .help_template(template(l))
        .subcommand_help_heading(message_in(l, "help-heading-commands", None));
    if let Some(about) = text(&help_key(&p, None)) {
        cmd = cmd.about(about).long_about(None);
    }
    let positional = message_in(l, "help-heading-arguments", None);
    let options = message_in(l, "help-heading-options", None);
    cmd = cmd.mut_args(|a| {
        let id = a.get_id().as_str().to_string();
        let key = match id.as_str() {
            "help" => "help-flag-help".to_string(),
            "version" => "help-flag-version".to_string(),
            _ if a.is_global_set() && globals.contains(&id) => help_key(&[], Some(&arg_name(&a))),
            _ => help_key(&p, Some(&arg_name(&a))),
        };
        let heading = if a.is_positional() {
            positional.clone()
        } else {
            options.clone()
        };
        let mut a = a.help_heading(heading);
        if let Some(h) = text(&key) {
            a = a.help(h).long_help(None);
        }
        a
    });
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        if name == "help" {
            cmd = cmd.mut_subcommand("help", |h| localize_help_subcommand(h, l));
            continue;
        }
        path.push(name.clone());
        cmd = cmd.mut_subcommand(&name, |sc| localize_command(sc, l, path, globals));
        path.pop();
    }
    cmd
}

/// The built-in `help` subcommand: its own text, and the copies of the
/// commands it can show (`dualdraw help campaign draw`), as completions see
/// them.
fn localize_help_subcommand(h: clap::Command, l: Lang) -> clap::Command {
    fn copies(cmd: clap::Command, l: Lang, path: &mut Vec<String>) -> clap::Command {
        let names: Vec<String> = cmd
            .get_subcommands()
            .map(|s| s.get_name().to_string())
            .collect();
        let mut cmd = cmd;
        for name in names {
            path.push(name.clone());
            let p: Vec<&str> = path.iter().map(String::as_str).collect();
            let key = if name == "help" {
                "help-subcommand-help".to_string()
            } else {
                help_key(&p, None)
            };
            let about = has(l, &key).then(|| message_in(l, &key, None));
            cmd = cmd.mut_subcommand(&name, |sc| {
                let sc = match about {
                    Some(a) => sc.about(a).long_about(None),
                    None => sc,
                };
                copies(sc, l, path)
            });
            path.pop();
        }
        cmd
    }
    let mut h = h
        .about(message_in(l, "help-subcommand-help", None))
        .help_template(template(l))
        .subcommand_help_heading(message_in(l, "help-heading-commands", None));
    if h.get_arguments().any(|a| a.get_id() == "subcommand") {
        h = h.mut_arg("subcommand", |a| {
            a.help(message_in(l, "help-subcommand-help--subcommand", None))
                .help_heading(message_in(l, "help-heading-arguments", None))
        });
    }
    copies(h, l, &mut Vec::new())
}

// ---------------------------------------------------------------- clap errors

/// A command-line error (clap's) in the language of this process: what is
/// wrong, with the argument and value it names, and where to read more.
pub(crate) fn clap_error(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let ctx = |k: ContextKind| -> String {
        match e.get(k) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join(", "),
            Some(ContextValue::StyledStr(s)) => s.to_string(),
            Some(ContextValue::StyledStrs(v)) => v
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            Some(ContextValue::Number(n)) => n.to_string(),
            Some(ContextValue::Bool(b)) => b.to_string(),
            _ => String::new(),
        }
    };
    let arg = ctx(ContextKind::InvalidArg);
    let value = ctx(ContextKind::InvalidValue);
    let what = match e.kind() {
        ErrorKind::InvalidValue => {
            let valid = ctx(ContextKind::ValidValue);
            if valid.is_empty() {
                t!("clap-invalid-value", arg = arg, value = value)
            } else {
                t!(
                    "clap-invalid-value-valid",
                    arg = arg,
                    value = value,
                    valid = valid
                )
            }
        }
        ErrorKind::UnknownArgument => t!("clap-unknown-argument", arg = arg),
        ErrorKind::InvalidSubcommand => t!(
            "clap-invalid-subcommand",
            name = ctx(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::NoEquals => t!("clap-no-equals", arg = arg),
        ErrorKind::ValueValidation => {
            use std::error::Error as _;
            let why = e.source().map(ToString::to_string).unwrap_or_default();
            t!("clap-value-validation", arg = arg, value = value, why = why)
        }
        ErrorKind::TooManyValues => t!("clap-too-many-values", arg = arg, value = value),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            t!("clap-wrong-number-of-values", arg = arg)
        }
        ErrorKind::ArgumentConflict => t!(
            "clap-argument-conflict",
            arg = arg,
            other = ctx(ContextKind::PriorArg)
        ),
        ErrorKind::MissingRequiredArgument => t!("clap-missing-required", arg = arg),
        ErrorKind::MissingSubcommand => t!(
            "clap-missing-subcommand",
            name = ctx(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::InvalidUtf8 => t!("clap-invalid-utf8"),
        _ => {
            // Anything else: clap's own words (with its usage), after ours.
            return t!(
                "clap-other",
                detail = e.render().to_string().trim_end().to_string()
            );
        }
    };
    let mut text = t!("clap-error", message = what);
    for k in [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ] {
        let s = ctx(k);
        if !s.is_empty() {
            text.push('\n');
            text.push_str(&t!("clap-suggested", what = s));
        }
    }
    // The usage line as clap wrote it (command and argument names only).
    let rendered = e.render().to_string();
    if let Some(u) = rendered.lines().find_map(|l| l.strip_prefix("Usage: ")) {
        text.push('\n');
        text.push_str(&t!("clap-usage", usage = u));
    }
    text.push('\n');
    text.push_str(&t!("clap-more"));
    text
}

#[cfg(test)]
mod tests;
