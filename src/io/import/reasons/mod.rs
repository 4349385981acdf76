//! Why a row, a cell or a file is refused (issue 15): every reason of an
//! import [`Issue`](super::Issue) is a typed [`Reason`] with its fields and a
//! stable machine [`code`](Reason::code) (the `code` of a `--json` problem,
//! listed in `docs/IMPORT.md`).
//!
//! As for [`Message`]: the library writes a reason in English
//! ([`Reason`]'s `Display`); a program installs its own words with
//! [`super::messages::set_texts`] ([`ImportTexts::reason`]).

mod english;

use super::messages::{ImportTexts, Message, render};
use crate::core::registry::RegistryKind;
use crate::core::registry::vocab::RegionError;
use crate::core::uscc::UsccError;

/// One reason of an import problem or warning, with its fields.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Reason<'a> {
    /// A required cell is empty.
    Empty,
    /// A cell of a vocabulary is empty.
    EmptyExpected {
        /// The vocabulary (`entity kind`, `credit class`, …).
        vocabulary: &'a str,
        /// The accepted spellings.
        accepted: &'a str,
    },
    /// A column every added or replaced row needs is not in the file.
    ColumnNeeded,
    /// A value not in its vocabulary.
    NotInVocabulary {
        /// The vocabulary (`entity kind`, `credit class`, …).
        vocabulary: &'a str,
        /// The accepted spellings.
        accepted: &'a str,
    },
    /// A region code that is not one.
    Region(&'a RegionError),
    /// A required date cell is empty.
    EmptyDate,
    /// Not a date in any spelling read.
    NotADate,
    /// Not a date (results files: `YYYY-MM-DD`).
    NotAnIsoDate,
    /// A USCC that is not one (length, characters).
    Uscc(&'a UsccError),
    /// A USCC whose check character fails, with no other hint.
    UsccCheck(&'a UsccError),
    /// A USCC whose check character fails, accepted as a listed legacy code.
    UsccLegacyAccepted(&'a UsccError),
    /// A row of another department than `--department`.
    OtherDepartment {
        /// The department given.
        want: &'a str,
    },
    /// A USCC whose registration prefix belongs to another entity kind.
    UsccKindMismatch {
        /// The code.
        uscc: &'a str,
        /// Its first two characters.
        prefix: &'a str,
        /// The prefixes of the kind given, joined by `/`.
        expected: &'a str,
    },
    /// An officer's certificate expired before `today`.
    CertExpired {
        /// The certificate number.
        id: &'a str,
        /// The date it is judged against.
        today: chrono::NaiveDate,
        /// Its expiry.
        expiry: chrono::NaiveDate,
    },
    /// A recusal naming an officer not in the directory.
    UnknownOfficer,
    /// A recusal naming an entity not in the directory.
    UnknownEntity,
    /// A key already on an earlier line.
    DuplicateKey {
        /// The earlier line.
        first_line: u64,
    },
    /// A key already in another file of the same import (several files of
    /// entities imported at once).
    DuplicateKeyInFile {
        /// The other file.
        file: &'a str,
        /// Its line there (0 when it cannot be found again).
        line: u64,
    },
    /// A row marked for removal whose key does not exist.
    RemoveMissing,
    /// A row marked for removal that belongs to another department.
    RemoveOtherDepartment {
        /// Its department.
        owner: &'a str,
        /// The department given.
        want: &'a str,
    },
    /// Not an action of an update file.
    BadAction,
    /// A control character in a cell.
    ControlCharacter {
        /// The character.
        character: char,
        /// 1-based character position in the cell.
        position: usize,
    },
    /// A column given twice in the header.
    ColumnTwice {
        /// Its canonical name.
        column: &'a str,
        /// The 1-based column it is first at.
        first: usize,
    },
    /// A header the registry does not know (a warning).
    UnknownColumn,
    /// A required column missing from the header.
    MissingColumn {
        /// Its canonical name.
        column: &'a str,
        /// Two of its aliases, joined by ` / `.
        aliases: &'a str,
    },
    /// A required column missing from a results file.
    ResultsMissingColumn {
        /// Its Chinese and canonical names, `检查结果 (result)`.
        column: &'a str,
    },
    /// An officer or item of another department in a department's file.
    ForeignKey {
        /// Whether it is an officer (else an item).
        officer: bool,
        /// Its id or code.
        key: &'a str,
        /// The department it belongs to.
        owner: &'a str,
        /// The department of the file.
        department: &'a str,
    },
    /// A full import of a file with no rows (a warning).
    RegistryEmptied {
        /// Whether the registry held records before.
        emptied: bool,
    },
    /// Recusals left naming an officer or entity no longer present (a warning).
    DanglingRecusals {
        /// How many.
        count: usize,
        /// Whether they name officers (else entities).
        officers: bool,
    },
    /// `--department` with a registry other than items and officers.
    DepartmentNotApplicable {
        /// The registry.
        kind: RegistryKind,
    },
    /// The csv reader failed.
    UnreadableCsv {
        /// Its error.
        error: &'a str,
    },
    /// More data rows than the limit.
    TooManyRows {
        /// The limit.
        limit: usize,
    },
    /// More cells than the limit.
    TooManyCells {
        /// The limit.
        limit: usize,
    },
    /// A row longer than the limit.
    RowTooLong {
        /// The limit, in bytes.
        limit: usize,
        /// Where a quote that is never closed opens the row's cell (line, column).
        open_quote: Option<(u64, usize)>,
    },
    /// A row of more columns than the limit.
    TooManyColumns {
        /// The limit.
        limit: usize,
    },
    /// A cell longer than the limit.
    CellTooLong {
        /// Its length in characters.
        chars: usize,
        /// The limit.
        limit: usize,
    },
    /// A workbook cell beyond Excel's rows.
    CellBeyondRows {
        /// Its row.
        row: u64,
        /// The limit.
        limit: u64,
    },
    /// A workbook cell beyond the columns read.
    CellBeyondColumns {
        /// Its A1-style column.
        name: &'a str,
        /// Its 1-based column.
        number: u64,
        /// The limit.
        limit: usize,
    },
    /// More text in a workbook than the limit.
    TooMuchText {
        /// The limit, in bytes.
        limit: usize,
    },
    /// A file larger than the limit.
    FileTooLarge {
        /// Its size in bytes.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// An old `.xls` workbook.
    OldXls,
    /// A workbook part that unpacks larger than the limit.
    PartTooLarge {
        /// The part's name.
        part: &'a str,
        /// Its declared size; `None`: more than 4 GiB.
        size: Option<u64>,
        /// The limit.
        limit: u64,
    },
    /// calamine panicked on the workbook.
    DamagedWorkbook {
        /// What it said.
        what: &'a str,
    },
    /// calamine cannot open the workbook.
    CannotOpenWorkbook {
        /// Its error.
        error: &'a str,
    },
    /// calamine cannot read a sheet.
    CannotReadSheet {
        /// The sheet.
        sheet: &'a str,
        /// Its error.
        error: &'a str,
    },
    /// A workbook with no sheet.
    NoSheet,
    /// A sheet declaring a range beyond Excel's.
    SheetRangeBeyond {
        /// The sheet.
        sheet: &'a str,
        /// The range, `A1:XFE2`.
        range: &'a str,
        /// Excel's rows.
        rows: u64,
        /// Excel's columns.
        columns: u64,
    },
    /// A leave file without its officer and start-date columns.
    LeaveColumns,
    /// A leave row without an officer id.
    LeaveNoOfficer,
    /// A leave row naming an officer not in the campaigns' directory.
    LeaveUnknownOfficer,
    /// A leave date that is not `YYYY-MM-DD`.
    LeaveDate,
    /// A leave end before its start or more than a year after it.
    LeaveEnd {
        /// The start.
        start: chrono::NaiveDate,
    },
    /// A text of [`Message`] (encodings, quotes, USCCs Excel damaged, …).
    Explained(Message<'a>),
}

impl Reason<'_> {
    /// The stable machine code of this reason (`docs/IMPORT.md`).
    pub fn code(&self) -> &'static str {
        match self {
            Reason::Empty | Reason::EmptyExpected { .. } | Reason::EmptyDate => "empty_value",
            Reason::ColumnNeeded => "column_needed",
            Reason::NotInVocabulary { .. } => "unknown_value",
            Reason::Region(_) => "bad_region",
            Reason::NotADate | Reason::NotAnIsoDate => "bad_date",
            Reason::Uscc(_) => "bad_uscc",
            Reason::UsccCheck(_) => "uscc_check_character",
            Reason::UsccLegacyAccepted(_) => "uscc_legacy_accepted",
            Reason::OtherDepartment { .. } => "other_department",
            Reason::UsccKindMismatch { .. } => "uscc_kind_mismatch",
            Reason::CertExpired { .. } => "cert_expired",
            Reason::UnknownOfficer => "unknown_officer",
            Reason::UnknownEntity => "unknown_entity",
            Reason::DuplicateKey { .. } | Reason::DuplicateKeyInFile { .. } => "duplicate_key",
            Reason::RemoveMissing => "remove_missing",
            Reason::RemoveOtherDepartment { .. } => "remove_other_department",
            Reason::BadAction => "bad_action",
            Reason::ControlCharacter { .. } => "control_character",
            Reason::ColumnTwice { .. } => "duplicate_column",
            Reason::UnknownColumn => "unknown_column",
            Reason::MissingColumn { .. } | Reason::ResultsMissingColumn { .. } => "missing_column",
            Reason::ForeignKey { .. } => "foreign_key",
            Reason::RegistryEmptied { .. } => "registry_emptied",
            Reason::DanglingRecusals { .. } => "dangling_recusals",
            Reason::DepartmentNotApplicable { .. } => "department_not_applicable",
            Reason::UnreadableCsv { .. } => "unreadable_csv",
            Reason::TooManyRows { .. } => "too_many_rows",
            Reason::TooManyCells { .. } => "too_many_cells",
            Reason::RowTooLong { .. } => "row_too_long",
            Reason::TooManyColumns { .. } => "too_many_columns",
            Reason::CellTooLong { .. } => "cell_too_long",
            Reason::CellBeyondRows { .. } | Reason::CellBeyondColumns { .. } => "cell_beyond_sheet",
            Reason::TooMuchText { .. } => "too_much_text",
            Reason::FileTooLarge { .. } => "file_too_large",
            Reason::OldXls => "old_xls",
            Reason::PartTooLarge { .. } => "part_too_large",
            Reason::DamagedWorkbook { .. }
            | Reason::CannotOpenWorkbook { .. }
            | Reason::CannotReadSheet { .. }
            | Reason::NoSheet
            | Reason::SheetRangeBeyond { .. } => "unreadable_workbook",
            Reason::LeaveColumns => "missing_column",
            Reason::LeaveNoOfficer => "empty_value",
            Reason::LeaveUnknownOfficer => "unknown_officer",
            Reason::LeaveDate => "bad_date",
            Reason::LeaveEnd { .. } => "bad_leave_end",
            Reason::Explained(m) => message_code(m),
        }
    }
}

/// The code of an issue whose reason is a [`Message`].
fn message_code(m: &Message<'_>) -> &'static str {
    match m {
        Message::NotInEncoding { .. } => "not_in_encoding",
        Message::QuoteNeverClosed
        | Message::QuoteClosedWithTextAfter { .. }
        | Message::QuoteSwallowsRows { .. }
        | Message::StrayQuoteInCell { .. } => "unbalanced_quote",
        Message::UsccScientific => "uscc_excel_scientific",
        Message::UsccPrecisionLost => "uscc_excel_rounded",
        Message::UsccLastZero { .. } => "uscc_check_character_zero",
        Message::UsccSeventeen { .. } => "uscc_17_characters",
        Message::DepartmentEmptied { .. } => "department_emptied",
        _ => "other",
    }
}

/// The text of `r`: the installed words, else English.
pub(crate) fn render_reason(r: Reason<'_>) -> String {
    if let Reason::Explained(m) = r {
        return render(m);
    }
    super::messages::installed()
        .and_then(|t: &dyn ImportTexts| t.reason(&r))
        .unwrap_or_else(|| r.to_string())
}

/// The control character [`crate::core::registry::control_character`]
/// refuses in `s`, as a reason (line breaks allowed when `line_breaks`).
pub(crate) fn control_character(s: &str, line_breaks: bool) -> Option<Reason<'static>> {
    crate::core::registry::control_character(s, line_breaks)?;
    let (at, character) = s
        .chars()
        .enumerate()
        .find(|&(_, c)| c.is_control() && !(line_breaks && matches!(c, '\n' | '\r')))?;
    Some(Reason::ControlCharacter {
        character,
        position: at + 1,
    })
}
