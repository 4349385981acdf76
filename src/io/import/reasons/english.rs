//! The English of [`Reason`]s (their `Display`).

use super::Reason;
use crate::core::registry::vocab::RegionError;
use crate::core::uscc::UsccError;
use std::fmt;

/// The English of a [`UsccError`] (as `core::uscc` writes it).
fn uscc_error(f: &mut fmt::Formatter<'_>, e: &UsccError) -> fmt::Result {
    write!(f, "{e}")
}

impl fmt::Display for Reason<'_> {
    /// The English text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Reason::Empty => f.write_str("is empty"),
            Reason::EmptyExpected { accepted, .. } => write!(f, "is empty; expected {accepted}"),
            Reason::ColumnNeeded => f.write_str("column missing: needed to add or replace a row"),
            Reason::NotInVocabulary {
                vocabulary,
                accepted,
            } => write!(f, "not a known {vocabulary} (accepted: {accepted})"),
            Reason::Region(RegionError::Shape(_)) => f.write_str("is not a 6-digit region code"),
            Reason::Region(RegionError::Province(_)) => {
                f.write_str("does not start with a province code of GB/T 2260")
            }
            Reason::EmptyDate => f.write_str("is empty; expected a date such as 2026-03-02"),
            Reason::NotADate => {
                f.write_str("not a date (expected YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)")
            }
            Reason::NotAnIsoDate => f.write_str("not a date (expected YYYY-MM-DD)"),
            Reason::Uscc(e) => uscc_error(f, e),
            Reason::UsccCheck(e) => write!(
                f,
                "{e} (GB 32100-2015); to accept a legacy code knowingly, list it with --accept-legacy-uscc"
            ),
            Reason::UsccLegacyAccepted(e) => {
                write!(f, "{e}; accepted as a listed legacy code")
            }
            Reason::OtherDepartment { want } => write!(
                f,
                "differs from --department {want:?}; a department import holds only that department's rows"
            ),
            Reason::UsccKindMismatch {
                uscc,
                prefix,
                expected,
            } => write!(
                f,
                "USCC {uscc} starts with {prefix}, which GB 32100-2015 gives to another kind (expected {expected})"
            ),
            Reason::CertExpired { id, today, expiry } => write!(
                f,
                "certificate of {id} expired before {today}: kept, but not eligible for draws dated after {expiry}"
            ),
            Reason::UnknownOfficer => {
                f.write_str("no officer with this certificate number in the officer directory")
            }
            Reason::UnknownEntity => {
                f.write_str("no entity with this USCC in the target directory")
            }
            Reason::DuplicateKey { first_line } => {
                write!(f, "duplicate key: already on line {first_line}")
            }
            Reason::DuplicateKeyInFile { file, line } => {
                write!(f, "duplicate key: already in {file} on line {line}")
            }
            Reason::RemoveMissing => f.write_str("marked for removal, but no such record exists"),
            Reason::RemoveOtherDepartment { owner, want } => write!(
                f,
                "marked for removal, but it belongs to {owner:?}, not --department {want:?}"
            ),
            Reason::BadAction => {
                f.write_str("not an action (use 新增/修改 to add or replace, 删除 to remove)")
            }
            Reason::ControlCharacter {
                character,
                position,
            } => write!(
                f,
                "contains the control character U+{:04X}{} at character {position}; control characters are not allowed in text",
                character as u32,
                control_name(character)
            ),
            Reason::ColumnTwice { column, first } => {
                write!(f, "column {column:?} is given twice (also column {first})")
            }
            Reason::UnknownColumn => f.write_str("unknown column, ignored"),
            Reason::MissingColumn { column, aliases } => {
                write!(f, "missing required column {column} ({aliases})")
            }
            Reason::ResultsMissingColumn { column } => {
                write!(f, "missing required column {column}")
            }
            Reason::ForeignKey {
                officer,
                key,
                owner,
                department,
            } => write!(
                f,
                "{} {key} belongs to {owner}, not {department}: a department's file lists only its own (ask {owner} to change it)",
                if officer { "officer" } else { "item" }
            ),
            Reason::RegistryEmptied { emptied } => write!(
                f,
                "the file has no rows: the registry {}",
                if emptied { "is emptied" } else { "stays empty" }
            ),
            Reason::DanglingRecusals { count, officers } => write!(
                f,
                "{count} recusal(s) name a {} no longer in the registry; they are kept",
                if officers { "officer" } else { "entity" }
            ),
            Reason::DepartmentNotApplicable { kind } => {
                write!(f, "--department applies to items and officers, not {kind}")
            }
            Reason::UnreadableCsv { error } => write!(f, "unreadable CSV: {error}"),
            Reason::TooManyRows { limit } => write!(
                f,
                "more than {limit} data rows (Excel's own limit): split the file"
            ),
            Reason::TooManyCells { limit } => {
                write!(f, "more than {limit} cells in all: split the file")
            }
            Reason::RowTooLong { limit, open_quote } => {
                write!(f, "a row of more than {limit} bytes (1 MiB)")?;
                if let Some((line, column)) = open_quote {
                    write!(
                        f,
                        ": a quote \" is never closed (it opens the cell at line {line}, column {column})"
                    )?;
                }
                Ok(())
            }
            Reason::TooManyColumns { limit } => write!(f, "a row of more than {limit} columns"),
            Reason::CellTooLong { chars, limit } => write!(
                f,
                "a cell of {chars} characters; the limit is {limit} (Excel's own)"
            ),
            Reason::CellBeyondRows { row, limit } => {
                write!(f, "a cell in row {row}, beyond Excel's {limit} rows")
            }
            Reason::CellBeyondColumns {
                name,
                number,
                limit,
            } => write!(
                f,
                "a cell in column {name} ({number}), beyond the {limit} columns read"
            ),
            Reason::TooMuchText { limit } => write!(
                f,
                "more than {limit} bytes of text in all (512 MiB): split the file"
            ),
            Reason::FileTooLarge { size, limit } => write!(
                f,
                "the file is {size} bytes; the limit is {limit} (256 MiB): split it"
            ),
            Reason::OldXls => f.write_str("old .xls workbooks are not read; save as .xlsx or CSV"),
            Reason::PartTooLarge { part, size, limit } => {
                write!(f, "the workbook part {part} unpacks to ")?;
                match size {
                    Some(s) => write!(f, "{s}")?,
                    None => f.write_str("more than 4 GiB")?,
                }
                write!(f, " bytes; the limit is {limit} (1 GiB)")
            }
            Reason::DamagedWorkbook { what } => write!(
                f,
                "damaged workbook: the spreadsheet reader failed on it ({what}); open and save it again in Excel, or export CSV"
            ),
            Reason::CannotOpenWorkbook { error } => write!(f, "cannot open workbook: {error}"),
            Reason::CannotReadSheet { sheet, error } => {
                write!(f, "cannot read sheet {sheet:?}: {error}")
            }
            Reason::NoSheet => f.write_str("workbook has no sheet"),
            Reason::SheetRangeBeyond {
                sheet,
                range,
                rows,
                columns,
            } => write!(
                f,
                "sheet {sheet:?} declares the range {range}, beyond Excel's {rows} rows and {columns} columns"
            ),
            Reason::LeaveColumns => f.write_str(
                "a leave file needs the columns 执法证号 and 开始日期 (or 日期), and may have 结束日期",
            ),
            Reason::LeaveNoOfficer => f.write_str("missing officer id"),
            Reason::LeaveUnknownOfficer => {
                f.write_str("not an officer of these campaigns' directory")
            }
            Reason::LeaveDate => f.write_str("not a date YYYY-MM-DD"),
            Reason::LeaveEnd { start } => write!(
                f,
                "the end must be on or after {start} and within a year of it"
            ),
            Reason::Explained(m) => write!(f, "{m}"),
        }
    }
}

/// The name of a control character, ` (tab)`, as English writes it after
/// its code point; empty for one without a name.
pub fn control_name(c: char) -> &'static str {
    match c {
        '\0' => " (NUL)",
        '\t' => " (tab)",
        '\n' => " (line break)",
        '\r' => " (carriage return)",
        '\u{1b}' => " (escape)",
        _ => "",
    }
}
