//! The county as Excel workbooks (`dualdraw generate --xlsx`): the same rows
//! as the CSV files, every cell text (a USCC or a certificate number stays as
//! written), plus one officers' workbook per department, as each department
//! sends its own list (`import officers FILE --department D`).

use super::registries::{entities, items, officers_for, recusals};
use super::rows::{
    ENTITY_HEADER, ITEM_HEADER, OFFICER_HEADER, RECUSAL_HEADER, Spoiler, entity_row, item_row,
    officer_row, recusal_row,
};
use super::{CountySpec, DEPARTMENTS, GenerateError};
use crate::core::registry::vocab::RegionCode;
use std::path::{Path, PathBuf};

/// The most data rows a worksheet holds (Excel's 1,048,576 rows, less the
/// header).
pub const XLSX_MAX_ROWS: u64 = 1_048_575;

/// The name of a department's officers' workbook: `officers-部门.xlsx`.
pub fn department_officers_file(department: &str) -> String {
    format!("officers-{}.xlsx", department.replace(['/', '\\'], "_"))
}

/// Writes the county as workbooks in `dir`: `items.xlsx`, `entities.xlsx`,
/// `officers.xlsx`, `recusals.xlsx` (the rows of [`super::write_county`]'s
/// CSV files, with `spec.malformed` bad entity rows likewise) and one
/// [`department_officers_file`] per department; returns the files written,
/// in that order. The workbooks' creation date is fixed, so one seed gives
/// the same bytes on any day.
///
/// # Errors
/// [`GenerateError::TooManyRows`] above [`XLSX_MAX_ROWS`] entities (nothing
/// is written), [`GenerateError::Region`], [`GenerateError::Xlsx`],
/// [`GenerateError::Io`].
pub fn write_county_xlsx(spec: &CountySpec, dir: &Path) -> Result<Vec<PathBuf>, GenerateError> {
    let region = RegionCode::parse(&spec.region)?;
    if spec.entities > XLSX_MAX_ROWS {
        return Err(GenerateError::TooManyRows {
            rows: spec.entities,
            max: XLSX_MAX_ROWS,
        });
    }
    std::fs::create_dir_all(dir).map_err(|source| GenerateError::Io {
        path: dir.display().to_string(),
        source,
    })?;
    let created = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    let mut written = Vec::new();
    let mut write = |name: &str, sheet: &str, header: &[&str], rows: Vec<Vec<String>>| {
        let path = dir.join(name);
        let mut table = Vec::with_capacity(rows.len() + 1);
        table.push(header.iter().map(|h| (*h).to_string()).collect());
        table.extend(rows);
        let bytes = crate::io::publish::xlsx_bytes(&path, sheet, &table, created).map_err(|e| {
            GenerateError::Xlsx {
                path: path.display().to_string(),
                message: e.to_string(),
            }
        })?;
        crate::durable::write_atomic(&path, &bytes).map_err(|source| GenerateError::Io {
            path: path.display().to_string(),
            source,
        })?;
        written.push(path);
        Ok::<(), GenerateError>(())
    };
    let item_rows = items(spec.seed).iter().map(item_row).collect();
    write("items.xlsx", "事项清单", &ITEM_HEADER, item_rows)?;
    let mut spoiler = Spoiler::new(spec);
    let entity_rows = entities(spec, &region, 0..spec.entities)
        .into_iter()
        .enumerate()
        .map(|(i, e)| {
            let mut row = entity_row(e);
            spoiler.spoil(i as u64, &mut row);
            row
        })
        .collect();
    write("entities.xlsx", "检查对象名录", &ENTITY_HEADER, entity_rows)?;
    let offs = officers_for(spec.seed, &region, spec.entities);
    write(
        "officers.xlsx",
        "执法检查人员名录",
        &OFFICER_HEADER,
        offs.iter().map(officer_row).collect(),
    )?;
    let recusal_rows = recusals(spec.seed, &offs, spec.entities, spec, &region)
        .iter()
        .map(recusal_row)
        .collect();
    write("recusals.xlsx", "回避", &RECUSAL_HEADER, recusal_rows)?;
    for d in DEPARTMENTS {
        let rows = offs
            .iter()
            .filter(|o| o.department == d.name)
            .map(officer_row)
            .collect();
        write(
            &department_officers_file(d.name),
            "执法检查人员名录",
            &OFFICER_HEADER,
            rows,
        )?;
    }
    Ok(written)
}

#[cfg(all(test, feature = "import"))]
mod tests {
    use super::*;
    use crate::io::import::read_table;

    fn rows(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
        let t = read_table(path, None).unwrap();
        let rows = t
            .rows
            .iter()
            .map(|(_, r)| {
                // A workbook has no cell after the last one written.
                let mut v: Vec<String> = r.iter().map(str::to_string).collect();
                while v.last().is_some_and(String::is_empty) {
                    v.pop();
                }
                v
            })
            .collect();
        (t.headers, rows)
    }

    /// The workbooks hold exactly the CSV files' rows (malformed rows
    /// included), and the departments' workbooks together the officers'.
    #[test]
    fn generated_workbooks_hold_the_csv_rows() {
        let d = tempfile::tempdir().unwrap();
        let spec = CountySpec {
            entities: 700,
            malformed: 4,
            ..CountySpec::default()
        };
        super::super::write_county(&spec, d.path()).unwrap();
        let written = write_county_xlsx(&spec, d.path()).unwrap();
        assert_eq!(written.len(), 4 + DEPARTMENTS.len());
        for stem in ["items", "entities", "officers", "recusals"] {
            let csv = rows(&d.path().join(format!("{stem}.csv")));
            let xlsx = rows(&d.path().join(format!("{stem}.xlsx")));
            assert_eq!(csv, xlsx, "{stem}");
        }
        let (_, all) = rows(&d.path().join("officers.xlsx"));
        let mut per_department = Vec::new();
        for dep in DEPARTMENTS {
            let (_, mine) = rows(&d.path().join(department_officers_file(dep.name)));
            assert!(!mine.is_empty() && mine.iter().all(|r| r[2] == dep.name));
            per_department.extend(mine);
        }
        let key = |v: &mut Vec<Vec<String>>| v.sort();
        let (mut a, mut b) = (all, per_department);
        key(&mut a);
        key(&mut b);
        assert_eq!(a, b);
        // One seed, the same bytes on any day.
        let again = tempfile::tempdir().unwrap();
        write_county_xlsx(&spec, again.path()).unwrap();
        for p in &written {
            let name = p.file_name().unwrap();
            assert_eq!(
                std::fs::read(p).unwrap(),
                std::fs::read(again.path().join(name)).unwrap()
            );
        }
    }

    #[test]
    fn more_entities_than_a_worksheet_holds_are_refused_before_writing() {
        let d = tempfile::tempdir().unwrap();
        let spec = CountySpec {
            entities: XLSX_MAX_ROWS + 1,
            ..CountySpec::default()
        };
        assert!(matches!(
            write_county_xlsx(&spec, &d.path().join("out")),
            Err(GenerateError::TooManyRows { .. })
        ));
        assert!(!d.path().join("out").exists());
    }
}
