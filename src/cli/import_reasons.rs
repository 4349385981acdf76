//! The words of the reasons of import problems (`src/io/import/reasons.rs`)
//! and of the stages an import reports, from the catalogues
//! (`locales/*/import-rows.ftl`).

use super::i18n::t;
use crate::core::registry::vocab::RegionError;
use crate::core::uscc::UsccError;
use crate::io::import::apply::Stage;
use crate::io::import::reasons::Reason;

/// `yes` or `no`, for a selector of the catalogues.
fn yes(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// A vocabulary's label (`entity kind`) as a selector (`entity-kind`).
fn token(label: &str) -> String {
    label.replace(' ', "-")
}

/// The values a vocabulary accepts, in the catalogue's words.
fn accepted_words(vocabulary: &str, accepted: &str) -> String {
    t!(
        "import-vocabulary-accepted",
        vocabulary = token(vocabulary),
        accepted = accepted
    )
}

/// The catalogue's words for a USCC that is not one.
pub(crate) fn uscc_error(e: &UsccError) -> String {
    match e {
        UsccError::Length { got } => t!("import-reason-uscc-length", got = got),
        UsccError::Character { ch, position } => t!(
            "import-reason-uscc-character",
            ch = format!("{ch:?}"),
            position = position
        ),
        UsccError::CheckCharacter { expected, got } => t!(
            "import-reason-uscc-check-character",
            got = got,
            expected = expected
        ),
    }
}

/// The catalogue's words for `r` (`None`: a text of `Message`, worded by
/// `import_texts`).
pub(crate) fn text(r: &Reason<'_>) -> Option<String> {
    Some(match *r {
        Reason::Empty => t!("import-reason-empty"),
        Reason::EmptyExpected {
            vocabulary,
            accepted,
        } => t!(
            "import-reason-empty-expected",
            accepted = accepted_words(vocabulary, accepted)
        ),
        Reason::ColumnNeeded => t!("import-reason-column-needed"),
        Reason::NotInVocabulary {
            vocabulary,
            accepted,
        } => t!(
            "import-reason-not-in-vocabulary",
            vocabulary = token(vocabulary),
            accepted = accepted_words(vocabulary, accepted)
        ),
        Reason::Region(RegionError::Shape(_)) => t!("import-reason-region-shape"),
        Reason::Region(RegionError::Province(_)) => t!("import-reason-region-province"),
        Reason::EmptyDate => t!("import-reason-empty-date"),
        Reason::NotADate => t!("import-reason-not-a-date"),
        Reason::NotAnIsoDate => t!("import-reason-not-an-iso-date"),
        Reason::Uscc(e) => uscc_error(e),
        Reason::UsccCheck(e) => t!("import-reason-uscc-check", why = uscc_error(e)),
        Reason::UsccLegacyAccepted(e) => {
            t!("import-reason-uscc-legacy-accepted", why = uscc_error(e))
        }
        Reason::OtherDepartment { want } => {
            t!("import-reason-other-department", want = format!("{want:?}"))
        }
        Reason::UsccKindMismatch {
            uscc,
            prefix,
            expected,
        } => t!(
            "import-reason-uscc-kind-mismatch",
            uscc = uscc,
            prefix = prefix,
            expected = expected
        ),
        Reason::CertExpired { id, today, expiry } => t!(
            "import-reason-cert-expired",
            id = id,
            today = today,
            expiry = expiry
        ),
        Reason::UnknownOfficer => t!("import-reason-unknown-officer"),
        Reason::UnknownEntity => t!("import-reason-unknown-entity"),
        Reason::DuplicateKey { first_line } => {
            t!("import-reason-duplicate-key", line = first_line)
        }
        Reason::DuplicateKeyInFile { file, line } => {
            t!(
                "import-reason-duplicate-key-in-file",
                file = file,
                line = line
            )
        }
        Reason::RemoveMissing => t!("import-reason-remove-missing"),
        Reason::RemoveOtherDepartment { owner, want } => t!(
            "import-reason-remove-other-department",
            owner = format!("{owner:?}"),
            want = format!("{want:?}")
        ),
        Reason::BadAction => t!("import-reason-bad-action"),
        Reason::ControlCharacter {
            character,
            position,
        } => t!(
            "import-reason-control-character",
            code = format!("{:04X}", character as u32),
            name = match character {
                '\0' => "nul",
                '\t' => "tab",
                '\n' => "line-break",
                '\r' => "carriage-return",
                '\u{1b}' => "escape",
                _ => "other",
            },
            position = position
        ),
        Reason::ColumnTwice { column, first } => t!(
            "import-reason-column-twice",
            column = format!("{column:?}"),
            first = first
        ),
        Reason::UnknownColumn => t!("import-reason-unknown-column"),
        Reason::MissingColumn { column, aliases } => t!(
            "import-reason-missing-column",
            column = column,
            aliases = aliases
        ),
        Reason::ResultsMissingColumn { column } => {
            t!("import-reason-results-missing-column", column = column)
        }
        Reason::ForeignKey {
            officer,
            key,
            owner,
            department,
        } => t!(
            "import-reason-foreign-key",
            officer = yes(officer),
            key = key,
            owner = owner,
            department = department
        ),
        Reason::RegistryEmptied { emptied } => {
            t!("import-reason-registry-emptied", emptied = yes(emptied))
        }
        Reason::DanglingRecusals { count, officers } => t!(
            "import-reason-dangling-recusals",
            count = count,
            officers = yes(officers)
        ),
        Reason::DepartmentNotApplicable { kind } => t!(
            "import-reason-department-not-applicable",
            kind = super::messages::registry(kind)
        ),
        Reason::UnreadableCsv { error } => t!("import-reason-unreadable-csv", error = error),
        Reason::TooManyRows { limit } => t!("import-reason-too-many-rows", limit = limit),
        Reason::TooManyCells { limit } => t!("import-reason-too-many-cells", limit = limit),
        Reason::RowTooLong {
            limit,
            open_quote: Some((line, column)),
        } => t!(
            "import-reason-row-too-long-open-quote",
            limit = limit,
            line = line,
            column = column
        ),
        Reason::RowTooLong {
            limit,
            open_quote: None,
        } => t!("import-reason-row-too-long", limit = limit),
        Reason::TooManyColumns { limit } => t!("import-reason-too-many-columns", limit = limit),
        Reason::CellTooLong { chars, limit } => {
            t!("import-reason-cell-too-long", chars = chars, limit = limit)
        }
        Reason::CellBeyondRows { row, limit } => {
            t!("import-reason-cell-beyond-rows", row = row, limit = limit)
        }
        Reason::CellBeyondColumns {
            name,
            number,
            limit,
        } => t!(
            "import-reason-cell-beyond-columns",
            name = name,
            number = number,
            limit = limit
        ),
        Reason::TooMuchText { limit } => t!("import-reason-too-much-text", limit = limit),
        Reason::FileTooLarge { size, limit } => {
            t!("import-reason-file-too-large", size = size, limit = limit)
        }
        Reason::OldXls => t!("import-reason-old-xls"),
        Reason::PartTooLarge {
            part,
            size: Some(size),
            limit,
        } => t!(
            "import-reason-part-too-large",
            part = part,
            size = size,
            limit = limit
        ),
        Reason::PartTooLarge {
            part,
            size: None,
            limit,
        } => t!(
            "import-reason-part-too-large-huge",
            part = part,
            limit = limit
        ),
        Reason::DamagedWorkbook { what } => t!("import-reason-damaged-workbook", what = what),
        Reason::CannotOpenWorkbook { error } => {
            t!("import-reason-cannot-open-workbook", error = error)
        }
        Reason::CannotReadSheet { sheet, error } => t!(
            "import-reason-cannot-read-sheet",
            sheet = format!("{sheet:?}"),
            error = error
        ),
        Reason::NoSheet => t!("import-reason-no-sheet"),
        Reason::SheetRangeBeyond {
            sheet,
            range,
            rows,
            columns,
        } => t!(
            "import-reason-sheet-range-beyond",
            sheet = format!("{sheet:?}"),
            range = range,
            rows = rows,
            columns = columns
        ),
        Reason::LeaveColumns => t!("import-reason-leave-columns"),
        Reason::LeaveNoOfficer => t!("import-reason-leave-no-officer"),
        Reason::LeaveUnknownOfficer => t!("import-reason-leave-unknown-officer"),
        Reason::LeaveDate => t!("import-reason-leave-date"),
        Reason::LeaveEnd { start } => t!("import-reason-leave-end", start = start),
        Reason::Explained(_) => return None,
    })
}

/// The catalogue's words for a stage of an import (the progress bar and
/// `DUALDRAW_TIMING` lines).
pub(crate) fn stage(s: Stage) -> String {
    match s {
        Stage::Reading => t!("import-stage-reading"),
        Stage::Loading => t!("import-stage-loading"),
        Stage::Validating => t!("import-stage-validating"),
        Stage::Merging => t!("import-stage-merging"),
        Stage::CheckingRecusals => t!("import-stage-checking-recusals"),
        Stage::Committing => t!("import-stage-committing"),
        Stage::Committed => t!("import-stage-committed"),
        Stage::MergingAgain => t!("import-stage-merging-again"),
    }
}

/// How the CLI reports a failed demo.
pub(crate) fn demo_failure(e: crate::cli::demo::DemoError) -> super::Failure {
    use crate::cli::demo::DemoError;
    match e {
        DemoError::Store(e) => super::Failure::from(e),
        DemoError::Import { file, source } => super::Failure::rejected(
            "demo",
            t!("demo-error-import", file = file.display(), why = source),
        ),
        DemoError::Step { step, message } => {
            super::Failure::rejected("demo", t!("demo-error-step", step = step, why = message))
        }
        e => super::Failure::rejected("demo", e.to_string()),
    }
}

/// How the CLI reports a refused import (other than rows with problems):
/// its kind, its headline, its text, and its `--json` details; a file that
/// cannot be read is worded by the catalogues.
pub(crate) fn import_failure(e: &crate::io::import::ImportError) -> super::Failure {
    use crate::io::import::ImportError;
    let io = match e {
        ImportError::Io { file, source } => Some(t!(
            "error-file",
            file = file,
            why = super::messages::io_error(source)
        )),
        _ => None,
    };
    let mut failure =
        super::Failure::rejected(e.kind(), io.clone().unwrap_or_else(|| e.headline()));
    failure.message = io.unwrap_or_else(|| e.to_string());
    if let Some(o) = failure.json.as_object_mut() {
        o.extend(e.json_details());
    }
    failure
}
