//! The words of import problems and hints (`src/io/import/messages.rs`) from
//! the catalogues: installed once per run, in the language of the run.

use super::i18n::t;
use crate::io::import::messages::{ImportTexts, Message, Tried, sheet_list};
use crate::io::import::reasons::Reason;

/// The catalogue's words for [`Message`]s.
pub(crate) struct Catalogue;

impl ImportTexts for Catalogue {
    fn reason(&self, r: &Reason<'_>) -> Option<String> {
        super::import_reasons::text(r)
    }

    fn text(&self, m: &Message<'_>) -> String {
        match *m {
            Message::EmptyFile {
                kind,
                header_line,
                records_now,
                department: Some(d),
            } => t!(
                "import-empty-file-department",
                line = header_line,
                kind = super::messages::registry(kind),
                department = format!("{d:?}"),
                records = records_now
            ),
            Message::EmptyFile {
                kind,
                header_line,
                records_now,
                department: None,
            } => t!(
                "import-empty-file",
                line = header_line,
                kind = super::messages::registry(kind),
                records = records_now
            ),
            Message::NothingInFile => t!("import-nothing-in-file"),
            Message::DepartmentEmptied {
                department,
                emptied,
            } => t!(
                "import-department-emptied",
                department = format!("{department:?}"),
                emptied = if emptied { "yes" } else { "no" }
            ),
            Message::NotInEncoding {
                bytes,
                offset,
                encoding,
                how,
            } => {
                let mut s = t!(
                    "import-not-in-encoding",
                    bytes = bytes,
                    offset = offset,
                    encoding = encoding
                );
                s.push_str(&match how {
                    Tried::Forced if encoding == "UTF-8" => t!("import-encoding-forced-utf8"),
                    Tried::Forced => t!("import-encoding-forced", encoding = encoding),
                    Tried::AfterUtf8 { line } => t!("import-encoding-after-utf8", line = line),
                    Tried::Bom => t!("import-encoding-bom"),
                });
                s
            }
            Message::EncodingSummary {
                lines,
                listed,
                encoding,
            } if lines > listed => t!(
                "import-encoding-summary-listed",
                lines = lines,
                listed = listed,
                encoding = encoding
            ),
            Message::EncodingSummary {
                lines, encoding, ..
            } => t!(
                "import-encoding-summary",
                lines = lines,
                encoding = encoding
            ),
            Message::WorkbookNamedAsText => t!("import-workbook-named-as-text"),
            Message::OldWorkbookNamedAsText => t!("import-old-workbook-named-as-text"),
            Message::QuoteNeverClosed => t!("import-quote-never-closed"),
            Message::QuoteClosedWithTextAfter { close_line } => {
                t!("import-quote-closed-with-text-after", line = close_line)
            }
            Message::QuoteSwallowsRows { close_line } => {
                t!("import-quote-swallows-rows", line = close_line)
            }
            Message::StrayQuoteInCell { position } => {
                t!("import-stray-quote", position = position)
            }
            Message::UsccScientific => t!("import-uscc-scientific"),
            Message::UsccPrecisionLost => t!("import-uscc-precision-lost"),
            Message::UsccLastZero { check_error, fixed } => {
                t!("import-uscc-last-zero", why = check_error, fixed = fixed)
            }
            Message::UsccSeventeen {
                length_error,
                fixed: Some(fixed),
            } => t!(
                "import-uscc-seventeen-fixed",
                why = length_error,
                fixed = fixed
            ),
            Message::UsccSeventeen {
                length_error,
                fixed: None,
            } => t!("import-uscc-seventeen", why = length_error),
            Message::SeveralSheets { with_data } => t!(
                "import-several-sheets",
                count = with_data.len(),
                sheets = sheet_list(with_data, &t!("import-sheet-hidden")),
                example = format!(
                    "{:?}",
                    with_data.first().map(|(n, _)| n.as_str()).unwrap_or("")
                )
            ),
            Message::SheetNotFound { name, sheets } => t!(
                "import-sheet-not-found",
                name = format!("{name:?}"),
                sheets = sheet_list(sheets, &t!("import-sheet-hidden"))
            ),
            Message::SheetWithCsv => t!("import-sheet-with-csv"),
            Message::More { count } => t!("import-more", count = count),
            Message::RejectedSummary { count } => t!("import-rejected-summary", count = count),
            Message::RejectedHeadline { count } => t!("import-rejected-headline", count = count),
        }
    }
}
