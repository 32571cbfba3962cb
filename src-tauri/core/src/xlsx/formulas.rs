//! The formula text of cells: a value typed as "=100%" is a formula with no stored result, and
//! without its text the cell would read as empty.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{open_workbook_from_rs, Reader, Xls, Xlsx};

use super::limits;

/// Formula texts by sheet and absolute (row, column).
pub type SheetFormulas = HashMap<String, HashMap<(u32, u32), String>>;

/// Reads the formulas of every sheet under the same limits as the values. A workbook whose
/// formulas cannot be read simply has none: its values were read (or refused) by
/// [`super::load_bytes`], this only fills in cells without a stored result.
pub fn read_formulas(bytes: &[u8]) -> SheetFormulas {
    let read = crate::guard::quietly(|| {
        if bytes.starts_with(super::ZIP_MAGIC) {
            limits::check_zip(bytes).ok()?;
            Some(xlsx_formulas(bytes))
        } else if bytes.starts_with(super::OLE_MAGIC) {
            limits::check_compound(bytes).ok()?;
            Some(xls_formulas(bytes))
        } else {
            None
        }
    });
    read.ok().flatten().unwrap_or_default()
}

/// Streams an .xlsx's formulas cell by cell: a dense range up to the farthest formula would
/// be as large as that cell is far.
fn xlsx_formulas(bytes: &[u8]) -> SheetFormulas {
    let mut all = HashMap::new();
    let Ok(mut book) = open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes)) else {
        return all;
    };
    for name in book.sheet_names() {
        let Ok(mut reader) = book.worksheet_cells_reader(&name) else {
            continue;
        };
        let mut cells = HashMap::new();
        while let Ok(Some(cell)) = reader.next_formula() {
            if cells.len() as u64 >= limits::MAX_SHEET_CELLS {
                break;
            }
            let formula = cell.get_value();
            if !formula.trim().is_empty() {
                cells.insert(cell.get_position(), formula.clone());
            }
        }
        all.insert(name, cells);
    }
    all
}

/// An .xls's formulas; calamine has laid them out already, within the limits measured before.
fn xls_formulas(bytes: &[u8]) -> SheetFormulas {
    let mut all = HashMap::new();
    let Ok(mut book) = open_workbook_from_rs::<Xls<_>, _>(Cursor::new(bytes)) else {
        return all;
    };
    for name in book.sheet_names() {
        let Ok(range) = book.worksheet_formula(&name) else {
            continue;
        };
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let cells = range
            .used_cells()
            .filter(|(_, _, f)| !f.trim().is_empty())
            .map(|(r, c, f)| ((r0 + r as u32, c0 + c as u32), f.clone()))
            .collect();
        all.insert(name, cells);
    }
    all
}
