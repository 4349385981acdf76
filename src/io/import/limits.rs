//! The limits every table file is read under (`docs/IMPORT.md`, "Limits"),
//! and the text rule every cell that is kept must pass. Each limit is checked
//! while reading, before the memory it guards is allocated: a file that
//! breaks one is refused with the file, the row and the limit named.

/// Largest file read, CSV or xlsx, as stored on disk (256 MiB).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Most data rows a table may have (Excel's own limit, 1,048,576, less the header row).
pub const MAX_ROWS: usize = 1_048_575;

/// Highest row number a workbook's cell or declared range may name (Excel's own limit).
pub const MAX_SHEET_ROWS: u64 = 1_048_576;

/// Highest column number a workbook's declared range may name (Excel's own limit, `XFD`).
pub const MAX_SHEET_COLUMNS: u64 = 16_384;

/// Most columns a row may have (`AMJ` in a workbook); empty cells further
/// right in a workbook are ignored.
pub const MAX_COLUMNS: usize = 1_024;

/// Most cells (header included) a table may hold once rows are laid out,
/// counting the empty cells left of the last filled one in each row.
pub const MAX_CELLS: usize = 20_000_000;

/// Longest cell, in characters (Excel's own limit).
pub const MAX_CELL_CHARS: usize = 32_767;

/// Longest row, in bytes of UTF-8 text (1 MiB).
pub const MAX_ROW_BYTES: usize = 1024 * 1024;

/// Most text, in bytes of UTF-8, the cells of a workbook may hold in all (512 MiB).
pub const MAX_TEXT_BYTES: usize = 512 * 1024 * 1024;

/// Largest part of a workbook (the sheet, the shared strings) as its zip
/// directory declares it unpacked (1 GiB).
pub const MAX_PART_BYTES: u64 = 1024 * 1024 * 1024;

pub use crate::core::registry::control_character;

/// The start of a value too long to show whole in a message.
pub(crate) fn preview(s: &str) -> String {
    const SHOWN: usize = 40;
    if s.chars().count() <= SHOWN {
        s.to_string()
    } else {
        let mut p: String = s.chars().take(SHOWN).collect();
        p.push('…');
        p
    }
}

/// Why a cell is too long, if it is.
pub(crate) fn cell_too_long(s: &str) -> Option<super::reasons::Reason<'static>> {
    if s.len() <= MAX_CELL_CHARS {
        return None;
    }
    let n = s.chars().count();
    (n > MAX_CELL_CHARS).then_some(super::reasons::Reason::CellTooLong {
        chars: n,
        limit: MAX_CELL_CHARS,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_cells_are_measured_in_characters() {
        assert!(cell_too_long(&"测".repeat(MAX_CELL_CHARS)).is_none());
        assert!(cell_too_long(&"a".repeat(MAX_CELL_CHARS + 1)).is_some());
        assert_eq!(preview(&"x".repeat(100)).chars().count(), 41);
    }
}
