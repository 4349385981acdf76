//! The cells of published tables: HTML escaping, spreadsheet-formula
//! neutralising, CSV with a BOM and deterministic `.xlsx`.

use super::PublishError;
use rust_xlsxwriter::Workbook;
use std::path::Path;

/// Escapes text for HTML element content and double-quoted attributes.
pub(crate) fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab
/// or CR first: the OWASP CSV-injection rule) gets a leading `'`, which
/// spreadsheets show as text.
pub(crate) fn neutralize_cell(s: &str) -> std::borrow::Cow<'_, str> {
    match s.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{s}").into(),
        _ => s.into(),
    }
}

/// CSV bytes, UTF-8 with a BOM so that Excel opens Chinese text correctly;
/// every cell neutralized ([`neutralize_cell`]).
pub(crate) fn csv_bytes(rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    for r in rows {
        let _ = w.write_record(r.iter().map(|c| neutralize_cell(c).into_owned()));
    }
    w.into_inner().unwrap_or_default()
}

/// The width in Excel's character units of a cell's text: a CJK or other
/// wide character counts 2, any other 1.
fn cell_width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
        .sum()
}

/// An xlsx file of `rows` (the first row the header: bold, frozen, with an
/// autofilter), byte for byte the same for the same rows and `created` day
/// (the document's creation date is set to it, not the clock), so a
/// published file can be written again identically and a rerun can compare
/// its bytes.
///
/// Every cell is written as a string cell in the text number format (`@`),
/// never as a number or a formula: a USCC or a certificate number stays as
/// written (no `9.13502E+17`, no lost leading zero), and every cell is
/// neutralized ([`neutralize_cell`]) exactly as in the CSV beside it, so the
/// two files have the same rows and a sheet saved again as CSV stays safe.
/// Columns are as wide as their widest cell (between 6 and 60 characters).
pub(crate) fn xlsx_bytes(
    path: &Path,
    sheet: &str,
    rows: &[Vec<String>],
    created: chrono::NaiveDate,
) -> Result<Vec<u8>, PublishError> {
    use chrono::Datelike;
    let err = |e: rust_xlsxwriter::XlsxError| PublishError::Xlsx {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let mut wb = Workbook::new();
    let day = rust_xlsxwriter::ExcelDateTime::from_ymd(
        u16::try_from(created.year()).unwrap_or(2000),
        u8::try_from(created.month()).unwrap_or(1),
        u8::try_from(created.day()).unwrap_or(1),
    )
    .map_err(err)?;
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&day));
    let text = rust_xlsxwriter::Format::new().set_num_format("@");
    let head = rust_xlsxwriter::Format::new()
        .set_num_format("@")
        .set_bold()
        .set_background_color(rust_xlsxwriter::Color::RGB(0xEEEEEE))
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let ws = wb.add_worksheet();
    ws.set_name(sheet).map_err(err)?;
    let mut widths: Vec<usize> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let r32 = u32::try_from(r).unwrap_or(u32::MAX);
        for (c, v) in row.iter().enumerate() {
            let c16 = u16::try_from(c).unwrap_or(u16::MAX);
            let v = neutralize_cell(v);
            let f = if r == 0 { &head } else { &text };
            ws.write_string_with_format(r32, c16, v.as_ref(), f)
                .map_err(err)?;
            if widths.len() <= c {
                widths.resize(c + 1, 0);
            }
            widths[c] = widths[c].max(cell_width(&v));
        }
    }
    for (c, w) in widths.iter().enumerate() {
        let c16 = u16::try_from(c).unwrap_or(u16::MAX);
        #[allow(clippy::cast_precision_loss)]
        let w = (*w).clamp(6, 60) as f64 + 2.0;
        ws.set_column_width(c16, w).map_err(err)?;
        ws.set_column_format(c16, &text).map_err(err)?;
    }
    if !rows.is_empty() {
        ws.set_freeze_panes(1, 0).map_err(err)?;
        if let Some(last) = rows[0].len().checked_sub(1) {
            let last = u16::try_from(last).unwrap_or(u16::MAX);
            let end = u32::try_from(rows.len() - 1).unwrap_or(u32::MAX);
            ws.autofilter(0, 0, end, last).map_err(err)?;
        }
    }
    wb.save_to_buffer().map_err(err)
}
