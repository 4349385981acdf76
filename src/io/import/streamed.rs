//! A CSV registry file parsed as it is read (issue 17): the rows are
//! validated a batch at a time and dropped, so a file of a million rows
//! never exists as a whole table beside the records made of it. The
//! problems, warnings and records are those [`super::parse_table`] gives for
//! the same file.

use super::columns::ColumnMap;
use super::rows::{Ctx, RowsParser};
use super::table::{CsvEvent, read_csv_stream};
use super::{ImportError, ImportOptions, Parsed, messages};
use crate::core::registry::{Registries, RegistryKind};
use std::io::Read;
use std::path::Path;

/// Adds the cells of `rows` that read as a USCC to `out` (the entities an update or a recusals file can name).
pub(crate) fn add_uscc_cells(
    rows: &[(u64, csv::StringRecord)],
    out: &mut std::collections::HashSet<String>,
) {
    use crate::core::uscc::Uscc;
    for (_, rec) in rows {
        for cell in rec.iter() {
            let v = cell
                .trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}');
            if let Ok(u) = Uscc::parse(v) {
                out.insert(u.as_str().to_string());
            }
            if let Ok(u) = Uscc::accept_legacy(v) {
                out.insert(u.as_str().to_string());
            }
        }
    }
}

/// Every cell of a CSV file that reads as a USCC, read as a stream (the
/// stored entities an update of the entities may name).
///
/// # Errors
/// As [`super::parse_file`].
pub(crate) fn csv_uscc_cells(
    path: &Path,
    encoding: Option<super::TextEncoding>,
) -> Result<std::collections::HashSet<String>, ImportError> {
    let file = path.display().to_string();
    let io = |source| ImportError::Io {
        file: file.clone(),
        source,
    };
    let mut out = std::collections::HashSet::new();
    let mut f = std::fs::File::open(path).map_err(io)?;
    let size = f.metadata().map_err(io)?.len();
    if size > super::limits::MAX_FILE_BYTES {
        // Refused with its reason when it is parsed.
        return Ok(out);
    }
    let mut bytes = Vec::with_capacity(size as usize);
    f.read_to_end(&mut bytes).map_err(io)?;
    read_csv_stream(bytes, &file, encoding, &mut |ev| {
        if let CsvEvent::Rows(rows) = ev {
            add_uscc_cells(&rows, &mut out);
        }
        Ok(())
    })?;
    Ok(out)
}

/// Reads and validates a CSV registry file streamed ([`read_csv_stream`]).
/// `None` when the file has no data rows: the caller reads it whole, as
/// whether an empty file may replace the registry depends on the stored
/// registry ([`super::parse_table`]'s check).
///
/// # Errors
/// As [`super::parse_file`].
pub(crate) fn parse_csv_streamed(
    kind: RegistryKind,
    path: &Path,
    opts: &ImportOptions,
    current: &Registries,
) -> Result<Option<Parsed>, ImportError> {
    let file = path.display().to_string();
    let io = |source| ImportError::Io {
        file: file.clone(),
        source,
    };
    let mut f = std::fs::File::open(path).map_err(io)?;
    let size = f.metadata().map_err(io)?.len();
    if size > super::limits::MAX_FILE_BYTES {
        // The table reader says why, as for any file.
        return super::table::read_table(path, opts.encoding).map(|_| None);
    }
    let mut bytes = Vec::with_capacity(size as usize);
    f.read_to_end(&mut bytes).map_err(io)?;
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let mut map: Option<ColumnMap> = None;
    let mut head: Option<(Vec<String>, u64)> = None;
    // Column problems are reported once the whole file is read, as when the
    // table is read first (a read error takes precedence).
    let mut column_problems = false;
    // The keys seen are kept in a table sized for the rows the file may hold
    // (a registry's row is rarely under 96 bytes), not grown row by row.
    let rows_hint = usize::try_from(size / 96)
        .unwrap_or(usize::MAX)
        .min(super::limits::MAX_ROWS);
    let mut parser = RowsParser::new(kind, current, rows_hint);
    let mut rows = 0usize;
    let encoding = read_csv_stream(bytes, &file, opts.encoding, &mut |ev| {
        match ev {
            CsvEvent::Head(h, line) => head = Some((h, line)),
            CsvEvent::Rows(batch) => {
                rows += batch.len();
                if map.is_none() && !column_problems {
                    let (h, line) = head.as_ref().map_or((&[][..], 1), |(h, l)| (&h[..], *l));
                    let m = ColumnMap::new(
                        kind,
                        h,
                        line,
                        &file,
                        opts.delta,
                        &mut problems,
                        &mut warnings,
                    );
                    if problems.is_empty() {
                        map = Some(m);
                    } else {
                        column_problems = true;
                    }
                }
                if let Some(m) = &map {
                    let mut ctx = Ctx {
                        file: &file,
                        map: m,
                        opts,
                        kind,
                        problems: std::mem::take(&mut problems),
                        warnings: std::mem::take(&mut warnings),
                    };
                    parser.batch(&mut ctx, &batch);
                    problems = ctx.problems;
                    warnings = ctx.warnings;
                    // Its 16,384 records are freed beside the next batch.
                    crate::par::drop_elsewhere(batch);
                }
            }
        }
        Ok(())
    })?;
    if rows == 0 {
        return Ok(None);
    }
    if column_problems {
        return Err(ImportError::Rejected { problems, warnings });
    }
    let Some(m) = &map else {
        return Err(ImportError::Empty {
            file: file.clone(),
            line: 0,
            reason: messages::nothing_in_file(),
        });
    };
    let mut ctx = Ctx {
        file: &file,
        map: m,
        opts,
        kind,
        problems,
        warnings,
    };
    let (records, removals) = parser.finish(&mut ctx);
    let Ctx {
        problems, warnings, ..
    } = ctx;
    if !problems.is_empty() {
        return Err(ImportError::Rejected { problems, warnings });
    }
    Ok(Some(Parsed {
        kind,
        records,
        removals,
        warnings,
        encoding: Some(encoding),
        sheet: None,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::generate::{CountySpec, write_county};

    fn both(path: &Path) -> (String, String) {
        let opts = ImportOptions::default();
        let none = Registries::default();
        let whole = super::super::parse_file(RegistryKind::Entities, path, &opts, &none);
        let streamed = parse_csv_streamed(RegistryKind::Entities, path, &opts, &none);
        let show = |r: Result<Option<Parsed>, ImportError>| match r {
            Ok(Some(p)) => format!("ok {:?} {:?} {:?}", p.records, p.removals, p.warnings),
            Ok(None) => "no rows".to_string(),
            Err(e) => format!("err {e:?}"),
        };
        (show(whole.map(Some)), show(streamed))
    }

    /// Guards the streamed import: over several batches, with bad rows, a
    /// duplicate and a bad header, it gives what the table-based parse gives.
    #[test]
    fn a_streamed_csv_parse_equals_the_table_parse() {
        let dir = tempfile::tempdir().unwrap();
        for (i, malformed) in [0usize, 40].into_iter().enumerate() {
            let d = dir.path().join(format!("c{i}"));
            write_county(
                &CountySpec {
                    entities: 40_000,
                    malformed,
                    seed: 9,
                    ..Default::default()
                },
                &d,
            )
            .unwrap();
            let f = d.join("entities.csv");
            let (w, s) = both(&f);
            assert!(
                w.starts_with(if malformed == 0 { "ok" } else { "err" }),
                "{}",
                &w[..200]
            );
            assert_eq!(w, s);
            // A row repeated near the end: a duplicate across batches.
            let text = std::fs::read_to_string(&f).unwrap();
            let second = text.lines().nth(2).unwrap().to_string();
            let dup = d.join("dup.csv");
            std::fs::write(&dup, format!("{text}{second}\n")).unwrap();
            let (w, s) = both(&dup);
            assert!(
                w.starts_with("err") && w.contains("line: 40002"),
                "{}",
                &w[..200]
            );
            assert_eq!(w, s);
            // A header missing a column.
            let bad = d.join("bad.csv");
            std::fs::write(&bad, text.replacen("名称", "名字", 1)).unwrap();
            let (w, s) = both(&bad);
            assert!(w.starts_with("err"));
            assert_eq!(w, s);
        }
    }
}
