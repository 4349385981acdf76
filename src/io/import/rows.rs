//! Row-by-row validation of each registry. Every problem is collected; a row
//! with a problem is dropped, and the caller refuses the file if any was found.

use super::columns::columns;
use super::reasons::{Reason, control_character};
use super::{ImportOptions, Issue, Records, Table};
use crate::core::registry::vocab::{
    CreditClass, EntityKind, EntityStatus, ItemType, OfficerStatus, RegionCode, VocabError,
};
use crate::core::registry::{Entity, Item, Officer, Recusal, Registries, RegistryKind};
use crate::core::uscc::{Uscc, UsccError};
use chrono::NaiveDate;
use csv::StringRecord;
use std::collections::HashMap;

pub(super) struct Ctx<'a> {
    pub file: &'a str,
    pub map: &'a super::columns::ColumnMap,
    pub opts: &'a ImportOptions,
    pub kind: RegistryKind,
    pub problems: Vec<Issue>,
    pub warnings: Vec<Issue>,
}

/// Trims ASCII and full-width spaces.
fn clean(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}')
}

/// Splits a list cell on `;` `；` `,` `，` `、` `|` and newlines; sorted, unique.
pub fn split_list(s: &str) -> Vec<String> {
    let mut v: Vec<String> = s
        .split([';', '；', ',', '，', '、', '|', '\n'])
        .map(clean)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Parses the date spellings exports use: `2026-03-02`, `2026/3/2`,
/// `2026.3.2`, `20260302`, `2026年3月2日`; `长期` (no expiry) gives 9999-12-31.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let t = clean(s);
    if matches!(t, "长期" | "长期有效" | "永久" | "permanent") {
        return NaiveDate::from_ymd_opt(9999, 12, 31);
    }
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(t, "%Y%m%d").ok();
    }
    let t = t.strip_suffix('日').unwrap_or(t);
    let norm: String = t
        .chars()
        .map(|c| {
            if matches!(c, '/' | '.' | '年' | '月') {
                '-'
            } else {
                c
            }
        })
        .collect();
    // A datetime such as "2026-03-02 00:00:00": keep the date.
    let date_part = norm.split([' ', 'T']).next().unwrap_or("");
    let mut parts = date_part.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

enum Action {
    Upsert,
    Remove,
}

fn parse_action(s: &str) -> Option<Action> {
    match clean(s).to_lowercase().as_str() {
        "" | "add" | "upsert" | "replace" | "update" | "新增" | "增加" | "修改" | "更新"
        | "替换" | "变更" => Some(Action::Upsert),
        "remove" | "delete" | "删除" | "移除" | "退出" => Some(Action::Remove),
        _ => None,
    }
}

struct Row<'r, 'c, 'a> {
    ctx: &'c mut Ctx<'a>,
    rec: &'r StringRecord,
    line: u64,
    ok: bool,
}

impl<'r> Row<'r, '_, '_> {
    fn cell(&self, name: &str) -> Option<(usize, &'r str)> {
        let i = self.ctx.map.index(name)?;
        Some((i, clean(self.rec.get(i).unwrap_or(""))))
    }

    fn issue(&self, name: &str, col: Option<usize>, value: &str, reason: Reason<'_>) -> Issue {
        Issue::of(self.ctx.file, self.line, col.map(|c| c + 1), value, reason)
            .in_column(name, self.ctx.map.header(name))
    }

    fn problem(&mut self, name: &str, col: Option<usize>, value: &str, reason: Reason<'_>) {
        let i = self.issue(name, col, value, reason);
        self.ctx.problems.push(i);
        self.ok = false;
    }

    fn warn(&mut self, name: &str, col: Option<usize>, value: &str, reason: Reason<'_>) {
        let i = self.issue(name, col, value, reason);
        self.ctx.warnings.push(i);
    }

    /// A required, non-empty text.
    fn text(&mut self, name: &str) -> String {
        match self.cell(name) {
            Some((_, v)) if !v.is_empty() => v.to_string(),
            Some((i, v)) => {
                self.problem(name, Some(i), v, Reason::Empty);
                String::new()
            }
            None => {
                self.problem(name, None, "", Reason::ColumnNeeded);
                String::new()
            }
        }
    }

    fn opt_text(&mut self, name: &str) -> Option<String> {
        self.cell(name)
            .map(|(_, v)| v)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    }

    fn list(&mut self, name: &str) -> Vec<String> {
        self.cell(name)
            .map(|(_, v)| split_list(v))
            .unwrap_or_default()
    }

    fn vocab<T>(&mut self, name: &str, parse: fn(&str) -> Result<T, VocabError>) -> Option<T> {
        let (i, v) = match self.cell(name) {
            Some(c) => c,
            None => {
                self.problem(name, None, "", Reason::ColumnNeeded);
                return None;
            }
        };
        match parse(v) {
            Ok(x) => Some(x),
            Err(e) => {
                let reason = if v.is_empty() {
                    Reason::EmptyExpected {
                        vocabulary: e.vocabulary,
                        accepted: e.accepted,
                    }
                } else {
                    Reason::NotInVocabulary {
                        vocabulary: e.vocabulary,
                        accepted: e.accepted,
                    }
                };
                self.problem(name, Some(i), v, reason);
                None
            }
        }
    }

    /// The cell of a column every added or replaced row needs: a missing
    /// column (possible in an update file) is a problem of the row.
    fn required_cell(&mut self, name: &str) -> Option<(usize, &'r str)> {
        let c = self.cell(name);
        if c.is_none() {
            self.problem(name, None, "", Reason::ColumnNeeded);
        }
        c
    }

    fn region(&mut self, name: &str) -> Option<RegionCode> {
        let (i, v) = self.required_cell(name)?;
        match RegionCode::parse(v) {
            Ok(r) => Some(r),
            Err(e) => {
                self.problem(name, Some(i), v, Reason::Region(&e));
                None
            }
        }
    }

    fn date(&mut self, name: &str, required: bool) -> Option<NaiveDate> {
        let (i, v) = if required {
            self.required_cell(name)?
        } else {
            self.cell(name)?
        };
        if v.is_empty() {
            if required {
                self.problem(name, Some(i), v, Reason::EmptyDate);
            }
            return None;
        }
        let d = parse_date(v);
        if d.is_none() {
            self.problem(name, Some(i), v, Reason::NotADate);
        }
        d
    }

    fn uscc(&mut self, name: &str) -> Option<Uscc> {
        let (i, v) = self.required_cell(name)?;
        if v.is_empty() {
            self.problem(name, Some(i), v, Reason::Empty);
            return None;
        }
        match Uscc::parse(v) {
            Ok(u) => Some(u),
            Err(e @ UsccError::CheckCharacter { .. })
                if self
                    .ctx
                    .opts
                    .accept_legacy
                    .contains(&v.to_ascii_uppercase()) =>
            {
                self.warn(name, Some(i), v, Reason::UsccLegacyAccepted(&e));
                Uscc::accept_legacy(v).ok()
            }
            Err(e) => {
                let hint = super::hints::uscc_hint(v, &e);
                let reason = match (&hint, &e) {
                    (Some(h), _) => h.reason(),
                    (None, UsccError::CheckCharacter { .. }) => Reason::UsccCheck(&e),
                    (None, _) => Reason::Uscc(&e),
                };
                self.problem(name, Some(i), v, reason);
                None
            }
        }
    }
}

fn check_department(row: &mut Row<'_, '_, '_>, dept: &str) {
    if let Some(want) = &row.ctx.opts.department
        && dept != want
    {
        let col = row.ctx.map.index("department");
        row.problem("department", col, dept, Reason::OtherDepartment { want });
    }
}

fn parse_item(row: &mut Row<'_, '_, '_>) -> Item {
    let code = row.text("code");
    let name = row.text("name");
    let department = row.text("department");
    check_department(row, &department);
    let item_type = row.vocab("type", ItemType::parse);
    Item {
        code,
        name,
        department,
        item_type: item_type.unwrap_or(ItemType::General),
        target_category: row.text("target_category"),
        method: row.opt_text("method").unwrap_or_default(),
        basis: row.opt_text("basis").unwrap_or_default(),
        qualification: row.opt_text("qualification"),
    }
}

fn parse_entity(row: &mut Row<'_, '_, '_>) -> Option<Entity> {
    let uscc = row.uscc("uscc");
    let name = row.text("name");
    let kind = row.vocab("kind", EntityKind::parse);
    if let (Some(u), Some(k)) = (&uscc, kind)
        && let Some(prefixes) = k.uscc_prefixes()
    {
        let p = &u.as_str()[..2];
        if !prefixes.contains(&p) {
            let col = row.ctx.map.index("kind");
            let expected = prefixes.join("/");
            row.warn(
                "kind",
                col,
                k.zh(),
                Reason::UsccKindMismatch {
                    uscc: u.as_str(),
                    prefix: p,
                    expected: &expected,
                },
            );
        }
    }
    let categories = row.list("categories");
    let industry = row.opt_text("industry").unwrap_or_default();
    let region = row.region("region");
    let township = row.opt_text("township");
    let credit_class = row.vocab("credit_class", CreditClass::parse);
    let status = row.vocab("status", EntityStatus::parse);
    let established = row.date("established", false);
    let flags = row.list("flags");
    Some(Entity {
        uscc: uscc?,
        name,
        kind: kind?,
        categories,
        industry,
        region: region?,
        township,
        credit_class: credit_class?,
        status: status?,
        established,
        flags,
    })
}

fn parse_officer(row: &mut Row<'_, '_, '_>) -> Option<Officer> {
    let id = row.text("id");
    let name = row.text("name");
    let department = row.text("department");
    check_department(row, &department);
    let unit = row.opt_text("unit").unwrap_or_default();
    let region = row.region("region");
    let qualifications = row.list("qualifications");
    let status = row.vocab("status", OfficerStatus::parse);
    let cert_expiry = row.date("cert_expiry", true);
    if let (Some(exp), Some(today)) = (cert_expiry, row.ctx.opts.today)
        && exp < today
    {
        let col = row.ctx.map.index("cert_expiry");
        row.warn(
            "cert_expiry",
            col,
            &exp.to_string(),
            Reason::CertExpired {
                id: &id,
                today,
                expiry: exp,
            },
        );
    }
    Some(Officer {
        id,
        name,
        department,
        unit,
        region: region?,
        qualifications,
        status: status?,
        cert_expiry: cert_expiry?,
    })
}

fn parse_recusal(row: &mut Row<'_, '_, '_>, current: &Registries) -> Option<Recusal> {
    let officer_id = row.text("officer_id");
    let uscc = row.uscc("uscc");
    if !officer_id.is_empty() && current.officer(&officer_id).is_none() {
        let col = row.ctx.map.index("officer_id");
        row.problem("officer_id", col, &officer_id, Reason::UnknownOfficer);
    }
    if let Some(u) = &uscc
        && current.entity(u.as_str()).is_none()
    {
        let col = row.ctx.map.index("uscc");
        row.problem("uscc", col, u.as_str(), Reason::UnknownEntity);
    }
    Some(Recusal {
        officer_id,
        uscc: uscc?,
        reason: row.opt_text("reason").unwrap_or_default(),
    })
}

fn key_of(kind: RegistryKind, rec: &StringRecord, map: &super::columns::ColumnMap) -> String {
    let get = |n: &str| {
        map.index(n)
            .and_then(|i| rec.get(i))
            .map(|v| clean(v).to_string())
            .unwrap_or_default()
    };
    match kind {
        RegistryKind::Items => get("code"),
        RegistryKind::Entities => get("uscc").to_ascii_uppercase(),
        RegistryKind::Officers => get("id"),
        RegistryKind::Recusals => {
            format!("{}/{}", get("officer_id"), get("uscc").to_ascii_uppercase())
        }
    }
}

enum Plan {
    Skip,
    Remove(u64, String),
    Parse,
}

fn parse_one<'a>(
    ctx: &mut Ctx<'a>,
    kind: RegistryKind,
    line: u64,
    rec: &StringRecord,
    current: &Registries,
) -> Option<Parsed1> {
    let mut row = Row {
        ctx,
        rec,
        line,
        ok: true,
    };
    let out = match kind {
        RegistryKind::Items => Some(Parsed1::Item(parse_item(&mut row))),
        RegistryKind::Entities => parse_entity(&mut row).map(Parsed1::Entity),
        RegistryKind::Officers => parse_officer(&mut row).map(Parsed1::Officer),
        RegistryKind::Recusals => parse_recusal(&mut row, current).map(Parsed1::Recusal),
    };
    if row.ok { out } else { None }
}

enum Parsed1 {
    Item(Item),
    Entity(Entity),
    Officer(Officer),
    Recusal(Recusal),
}

/// Validates every row: keys, duplicates and actions in order, then the rows
/// themselves on all cores. Problems and warnings come out in line order.
/// Reports every cell of a known column holding a control character (see
/// [`control_character`]; line breaks are allowed: a cell wrapped with
/// Alt+Enter holds them, and in a list cell they separate entries); whether
/// there was one.
/// The control characters in the cells of `rec` (at `line` of `file`), one
/// problem per cell holding one.
fn control_characters(
    file: &str,
    map: &super::columns::ColumnMap,
    rec: &StringRecord,
    line: u64,
) -> Vec<Issue> {
    let mut found = Vec::new();
    for &(name, i) in map.found() {
        let v = clean(rec.get(i).unwrap_or(""));
        if let Some(reason) = control_character(v, true) {
            found.push(
                Issue::of(file, line, Some(i + 1), v, reason).in_column(name, map.header(name)),
            );
        }
    }
    found
}

pub(super) fn parse_rows(
    ctx: &mut Ctx<'_>,
    table: &Table,
    current: &Registries,
) -> (Records, Vec<(u64, String)>) {
    let mut p = RowsParser::new(ctx.kind, current, table.rows.len());
    p.batch(ctx, &table.rows);
    p.finish(ctx)
}

/// [`parse_rows`] a batch of rows at a time (a streamed CSV file, issue 17):
/// the keys seen so far, the records parsed and the removals.
pub(super) struct RowsParser<'c> {
    kind: RegistryKind,
    current: &'c Registries,
    seen: HashMap<String, u64>,
    removals: Vec<(u64, String)>,
    items: Vec<Item>,
    entities: Vec<Entity>,
    officers: Vec<Officer>,
    recusals: Vec<Recusal>,
}

impl<'c> RowsParser<'c> {
    pub(super) fn new(kind: RegistryKind, current: &'c Registries, rows: usize) -> Self {
        RowsParser {
            kind,
            current,
            seen: HashMap::with_capacity(rows),
            removals: Vec::new(),
            items: Vec::new(),
            entities: Vec::new(),
            officers: Vec::new(),
            recusals: Vec::new(),
        }
    }

    pub(super) fn batch(&mut self, ctx: &mut Ctx<'_>, rows: &[(u64, StringRecord)]) {
        use crate::par::*;
        let kind = self.kind;
        let current = self.current;
        let key_col = columns(kind)[0].name;
        let seen = &mut self.seen;
        // Each row's control characters and key, on every core; the keys are
        // then checked in order.
        let (file, map) = (ctx.file, ctx.map);
        let checked: Vec<(Vec<Issue>, String, bool)> = rows
            .par_iter()
            .map(|(line, rec)| {
                let bad = control_characters(file, map, rec, *line);
                if !bad.is_empty() {
                    return (bad, String::new(), false);
                }
                let key = key_of(kind, rec, map);
                // Codes Excel turned into numbers can read the same: each row
                // is refused for its code (with the hint), not as a duplicate.
                let excel_number = matches!(kind, RegistryKind::Entities | RegistryKind::Recusals)
                    && super::hints::excel_number(key.rsplit('/').next().unwrap_or(""));
                (bad, key, excel_number)
            })
            .collect();
        let mut plans = Vec::with_capacity(rows.len());
        for ((line, rec), (bad, key, excel_number)) in rows.iter().zip(checked) {
            if !bad.is_empty() {
                ctx.problems.extend(bad);
                plans.push(Plan::Skip);
                continue;
            }
            let mut row = Row {
                ctx,
                rec,
                line: *line,
                ok: true,
            };
            let blank_key = key.is_empty() || key.starts_with('/') || key.ends_with('/');
            if !blank_key && !excel_number {
                // One look-up: the first line of the key, or this one.
                let first = *seen.entry(key.clone()).or_insert(*line);
                if first != *line {
                    let col = row.ctx.map.index(key_col);
                    row.problem(
                        key_col,
                        col,
                        &key,
                        Reason::DuplicateKey { first_line: first },
                    );
                    plans.push(Plan::Skip);
                    continue;
                }
            }
            let action = if row.ctx.opts.delta {
                row.ctx
                    .map
                    .index("action")
                    .map(|i| (i, clean(rec.get(i).unwrap_or(""))))
            } else {
                None
            };
            let plan = match action.map(|(i, a)| (i, a, parse_action(a))) {
                None | Some((_, _, Some(Action::Upsert))) => Plan::Parse,
                Some((_, _, Some(Action::Remove))) => {
                    let key_idx = row.ctx.map.index(key_col);
                    match current.department_of(kind, &key) {
                        None => {
                            row.problem(key_col, key_idx, &key, Reason::RemoveMissing);
                            Plan::Skip
                        }
                        Some(d) => match &row.ctx.opts.department {
                            Some(want) if d.as_deref() != Some(want.as_str()) => {
                                row.problem(
                                    key_col,
                                    key_idx,
                                    &key,
                                    Reason::RemoveOtherDepartment {
                                        owner: d.as_deref().unwrap_or_default(),
                                        want,
                                    },
                                );
                                Plan::Skip
                            }
                            _ => Plan::Remove(*line, key),
                        },
                    }
                }
                Some((i, a, None)) => {
                    row.problem("action", Some(i), a, Reason::BadAction);
                    Plan::Skip
                }
            };
            plans.push(plan);
        }
        let opts = ctx.opts;
        const CHUNK: usize = 4096;
        let parts: Vec<(Vec<Parsed1>, Vec<Issue>, Vec<Issue>)> = rows
            .par_chunks(CHUNK)
            .zip(plans.par_chunks_mut(CHUNK))
            .map(|(rows, plans)| {
                let mut local = Ctx {
                    file,
                    map,
                    opts,
                    kind,
                    problems: Vec::new(),
                    warnings: Vec::new(),
                };
                let mut out = Vec::with_capacity(rows.len());
                for ((line, rec), plan) in rows.iter().zip(plans.iter()) {
                    if matches!(plan, Plan::Parse)
                        && let Some(p) = parse_one(&mut local, kind, *line, rec, current)
                    {
                        out.push(p);
                    }
                }
                (out, local.problems, local.warnings)
            })
            .collect();
        for plan in plans {
            if let Plan::Remove(line, k) = plan {
                self.removals.push((line, k));
            }
        }
        for (recs, problems, warnings) in parts {
            ctx.problems.extend(problems);
            ctx.warnings.extend(warnings);
            for r in recs {
                match r {
                    Parsed1::Item(x) => self.items.push(x),
                    Parsed1::Entity(x) => self.entities.push(x),
                    Parsed1::Officer(x) => self.officers.push(x),
                    Parsed1::Recusal(x) => self.recusals.push(x),
                }
            }
        }
    }

    pub(super) fn finish(self, ctx: &mut Ctx<'_>) -> (Records, Vec<(u64, String)>) {
        ctx.problems.sort_by_key(|i| i.line);
        ctx.warnings.sort_by_key(|i| i.line);
        let records = match self.kind {
            RegistryKind::Items => Records::Items(self.items),
            RegistryKind::Entities => Records::Entities(self.entities),
            RegistryKind::Officers => Records::Officers(self.officers),
            RegistryKind::Recusals => Records::Recusals(self.recusals),
        };
        (records, self.removals)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_spellings() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        for s in [
            "2026-03-02",
            "2026/3/2",
            "2026.3.2",
            "20260302",
            "2026年3月2日",
            "2026-03-02 00:00:00",
        ] {
            assert_eq!(parse_date(s), Some(d), "{s}");
        }
        assert_eq!(
            parse_date("长期").map(|d| d.to_string()),
            Some("9999-12-31".into())
        );
        for s in ["2026-02-30", "03/02/2026", "yesterday", "", "2026-3"] {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }

    #[test]
    fn lists_split_on_chinese_and_ascii_separators() {
        assert_eq!(
            split_list("旅游市场；民办学校、旅游市场, 客运站"),
            vec!["客运站", "旅游市场", "民办学校"]
        );
        assert!(split_list(" ; ").is_empty());
    }
}
