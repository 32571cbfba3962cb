//! A workbook as plain text, so that byte mutations make other workbooks rather than broken zips.
//!
//! Sheets are separated by a form feed (0x0C). A sheet's first line is its name, optionally
//! followed by tab-separated merges `r1:c1:r2:c2`; every other line is a row, its cells separated
//! by tabs. A cell that reads as a decimal is a number, one starting with `'` is text as it
//! stands, an empty one is empty.

use std::str::FromStr;

use budget_core::xlsx::{CellValue, Merge, SheetGrid, Workbook};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

// Large enough for every fixture, small enough that one input stays well under the 2 s budget.
const MAX_SHEETS: usize = 8;
const MAX_ROWS: usize = 4000;
const MAX_COLS: usize = 200;
const MAX_MERGES: usize = 500;
const MAX_MERGE_INDEX: u32 = 20_000;

pub fn parse(data: &[u8]) -> Workbook {
    let text = String::from_utf8_lossy(data);
    let sheets = text
        .split('\u{c}')
        .take(MAX_SHEETS)
        .map(parse_sheet)
        .collect();
    Workbook { sheets }
}

fn parse_sheet(text: &str) -> SheetGrid {
    let mut lines = text.split('\n');
    let head = lines.next().unwrap_or_default();
    let mut head_fields = head.split('\t');
    let name = head_fields.next().unwrap_or_default().trim().to_string();
    let merges = head_fields
        .filter_map(parse_merge)
        .take(MAX_MERGES)
        .collect();
    let rows = lines
        .take(MAX_ROWS)
        .map(|line| {
            line.trim_end_matches('\r')
                .split('\t')
                .take(MAX_COLS)
                .map(parse_cell)
                .collect()
        })
        .collect();
    SheetGrid::new(name, rows, merges)
}

fn parse_merge(field: &str) -> Option<Merge> {
    let mut n = field.split(':').map(|p| p.trim().parse::<u32>().ok());
    let mut next = || n.next().flatten().map(|v| v.min(MAX_MERGE_INDEX));
    Some(Merge {
        first_row: next()?,
        first_col: next()?,
        last_row: next()?,
        last_col: next()?,
    })
}

fn parse_cell(text: &str) -> CellValue {
    if text.is_empty() {
        CellValue::Empty
    } else if let Some(rest) = text.strip_prefix('\'') {
        CellValue::Text(rest.to_string())
    } else if text.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
        match Decimal::from_str(text) {
            Ok(d) => CellValue::Number(d),
            Err(_) => CellValue::Text(text.to_string()),
        }
    } else {
        CellValue::Text(text.to_string())
    }
}

/// The text form of an opened workbook (fixtures become seeds this way).
pub fn render(book: &Workbook) -> String {
    let mut out = Vec::new();
    for sheet in &book.sheets {
        let mut s = sheet.name.replace(['\t', '\n', '\u{c}'], " ");
        for m in &sheet.merges {
            s.push_str(&format!(
                "\t{}:{}:{}:{}",
                m.first_row, m.first_col, m.last_row, m.last_col
            ));
        }
        for row in 0..sheet.height() {
            s.push('\n');
            let mut col = 0;
            for (c, value) in sheet.row_cells(row) {
                while col < c {
                    s.push('\t');
                    col += 1;
                }
                s.push_str(&render_cell(value));
            }
        }
        out.push(s);
    }
    out.join("\u{c}")
}

fn render_cell(value: &CellValue) -> String {
    let clean = |t: &str| t.replace(['\t', '\n', '\u{c}'], " ");
    match value {
        CellValue::Empty => String::new(),
        CellValue::Number(d) => d.normalize().to_string(),
        CellValue::Text(t) => {
            let t = clean(t);
            if matches!(parse_cell(&t), CellValue::Text(_)) && !t.starts_with('\'') {
                t
            } else {
                format!("'{t}")
            }
        }
    }
}

/// The workbook as a real .xlsx; `None` when the writer refuses it (invalid sheet names).
pub fn to_xlsx(book: &Workbook) -> Option<Vec<u8>> {
    let mut out = rust_xlsxwriter::Workbook::new();
    let blank = rust_xlsxwriter::Format::new();
    for (i, sheet) in book.sheets.iter().enumerate() {
        let ws = out.add_worksheet();
        if ws.set_name(&sheet.name).is_err() {
            ws.set_name(format!("Sheet{}", i + 1)).ok()?;
        }
        for row in 0..sheet.height() {
            for (col, value) in sheet.row_cells(row) {
                let col = u16::try_from(col).ok()?;
                let _ = match value {
                    CellValue::Empty => continue,
                    CellValue::Text(t) => ws.write_string(row, col, t).map(|_| ()),
                    CellValue::Number(d) => ws
                        .write_number(row, col, d.to_f64().unwrap_or_default())
                        .map(|_| ()),
                };
            }
        }
        for m in &sheet.merges {
            let (Ok(c1), Ok(c2)) = (u16::try_from(m.first_col), u16::try_from(m.last_col)) else {
                continue;
            };
            let _ = ws.merge_range(m.first_row, c1, m.last_row, c2, "", &blank);
        }
    }
    // Duplicate sheet names make the writer fail; that input is simply skipped.
    out.save_to_buffer().ok()
}
