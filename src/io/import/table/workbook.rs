//! Workbooks: the zip directory checked before calamine opens them, panics
//! inside calamine caught, and the sheet to read chosen.

use super::SheetChoice;
use crate::io::import::ImportError;
use crate::io::import::limits::MAX_PART_BYTES;
use crate::io::import::messages;
use crate::io::import::reasons::{Reason, render_reason};
use calamine::{Data, Reader, Xlsx, XlsxError};
use std::io::{Read, Seek};

/// Refuses a workbook whose zip directory declares a part (the sheet, the
/// shared strings calamine loads whole) larger than [`MAX_PART_BYTES`]
/// unpacked. What is not a readable zip directory is left to calamine to
/// report. (A zip can understate a part's size: the cell limits still hold
/// for the sheet, which is streamed, but not for the shared strings.)
pub(super) fn check_zip_directory<R: Read + Seek>(
    r: &mut R,
    file: &str,
) -> Result<(), ImportError> {
    use std::io::SeekFrom;
    let Ok(len) = r.seek(SeekFrom::End(0)) else {
        return Ok(());
    };
    // The end-of-central-directory record: 22 bytes and a comment of at most 64 KiB.
    let tail_len = len.min(22 + 65_535);
    let mut tail = vec![0u8; tail_len as usize];
    if r.seek(SeekFrom::Start(len - tail_len)).is_err() || r.read_exact(&mut tail).is_err() {
        return Ok(());
    }
    let Some(eocd) = (0..tail.len().saturating_sub(21))
        .rev()
        .find(|&i| tail[i..].starts_with(b"PK\x05\x06"))
    else {
        return Ok(());
    };
    let u16_at = |b: &[u8], i: usize| u16::from_le_bytes([b[i], b[i + 1]]) as u64;
    let u32_at =
        |b: &[u8], i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as u64;
    let entries = u16_at(&tail, eocd + 10);
    let dir_size = u32_at(&tail, eocd + 12);
    let dir_at = u32_at(&tail, eocd + 16);
    if dir_size > len || dir_at > len - dir_size {
        return Ok(());
    }
    let mut dir = vec![0u8; dir_size as usize];
    if r.seek(SeekFrom::Start(dir_at)).is_err() || r.read_exact(&mut dir).is_err() {
        return Ok(());
    }
    let mut at = 0usize;
    for _ in 0..entries {
        if at + 46 > dir.len() || !dir[at..].starts_with(b"PK\x01\x02") {
            break;
        }
        let unpacked = u32_at(&dir, at + 24);
        let name_len = u16_at(&dir, at + 28) as usize;
        let extra_len = u16_at(&dir, at + 30) as usize;
        let comment_len = u16_at(&dir, at + 32) as usize;
        let name = dir
            .get(at + 46..at + 46 + name_len)
            .map(String::from_utf8_lossy)
            .unwrap_or_default();
        // 0xFFFFFFFF means the size is in a zip64 field: at least that large.
        if unpacked > MAX_PART_BYTES || unpacked == u32::MAX as u64 {
            return Err(ImportError::Unsupported {
                file: file.to_string(),
                reason: render_reason(Reason::PartTooLarge {
                    part: &name,
                    size: (unpacked != u32::MAX as u64).then_some(unpacked),
                    limit: MAX_PART_BYTES,
                }),
            });
        }
        at += 46 + name_len + extra_len + comment_len;
    }
    Ok(())
}

std::thread_local! {
    /// Set while calamine runs on this thread: its panics are reported as
    /// errors, not printed.
    static IN_READER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, which calls calamine, turning a panic inside it into an error
/// naming the file. The panic hook in place is kept for every other panic.
pub(super) fn guarded<T>(
    file: &str,
    f: impl FnOnce() -> Result<T, ImportError>,
) -> Result<T, ImportError> {
    static QUIET_HOOK: std::sync::Once = std::sync::Once::new();
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_READER.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    let was = IN_READER.with(|q| q.replace(true));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    IN_READER.with(|q| q.set(was));
    r.unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(ImportError::Unsupported {
            file: file.to_string(),
            reason: render_reason(Reason::DamagedWorkbook { what: &what }),
        })
    })
}

/// Whether a worksheet holds a cell with text other than spaces (read up to
/// the first one). A chart sheet holds none.
fn has_data<RS: Read + Seek>(
    wb: &mut Xlsx<RS>,
    sheet: &str,
    file: &str,
) -> Result<bool, ImportError> {
    let unsupported = |e: XlsxError| ImportError::Unsupported {
        file: file.to_string(),
        reason: render_reason(Reason::CannotReadSheet {
            sheet,
            error: &e.to_string(),
        }),
    };
    let mut reader = match wb.worksheet_cells_reader(sheet) {
        Err(XlsxError::NotAWorksheet(_)) => return Ok(false),
        Err(e) => return Err(unsupported(e)),
        Ok(r) => r,
    };
    while let Some(cell) = reader.next_cell().map_err(unsupported)? {
        if matches!(cell.get_value(), calamine::DataRef::Empty) {
            continue;
        }
        if !cell_text(&Data::from(cell.get_value().clone()))
            .trim()
            .is_empty()
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The sheet `choice` names in `wb`.
pub(super) fn choose_sheet<RS: Read + Seek>(
    wb: &mut Xlsx<RS>,
    choice: &SheetChoice,
    file: &str,
) -> Result<String, ImportError> {
    let sheets: Vec<(String, bool)> = wb
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible != calamine::SheetVisible::Visible))
        .collect();
    let Some(first) = sheets.first().map(|(n, _)| n.clone()) else {
        return Err(ImportError::Unsupported {
            file: file.to_string(),
            reason: render_reason(Reason::NoSheet),
        });
    };
    match choice {
        SheetChoice::First => Ok(first),
        SheetChoice::Named(name) => {
            if let Some((n, _)) = sheets.iter().find(|(n, _)| n == name) {
                return Ok(n.clone());
            }
            let loose: Vec<&String> = sheets
                .iter()
                .map(|(n, _)| n)
                .filter(|n| n.trim().to_lowercase() == name.trim().to_lowercase())
                .collect();
            match loose.as_slice() {
                [one] => Ok((*one).clone()),
                _ => Err(ImportError::Sheet {
                    file: file.to_string(),
                    reason: messages::sheet_not_found(name, &sheets),
                    sheets: sheets.iter().map(|(n, _)| n.clone()).collect(),
                    not_found: true,
                }),
            }
        }
        SheetChoice::OnlyWithData => {
            let mut with_data = Vec::new();
            for (name, hidden) in &sheets {
                if has_data(wb, name, file)? {
                    with_data.push((name.clone(), *hidden));
                }
            }
            let visible: Vec<(String, bool)> =
                with_data.iter().filter(|(_, h)| !h).cloned().collect();
            let candidates = if visible.is_empty() {
                with_data
            } else {
                visible
            };
            match candidates.len() {
                0 => Ok(first),
                1 => Ok(candidates[0].0.clone()),
                _ => Err(ImportError::Sheet {
                    file: file.to_string(),
                    reason: messages::several_sheets(&candidates),
                    sheets: candidates.into_iter().map(|(n, _)| n).collect(),
                    not_found: false,
                }),
            }
        }
    }
}

pub(super) fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) => t.date().format("%Y-%m-%d").to_string(),
            None => dt.to_string(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.chars().take(10).collect(),
        Data::Error(e) => format!("#{e:?}"),
    }
}
