//! A worksheet as a plain grid of cells in absolute coordinates, with its merged regions.
//!
//! calamine's `Range` starts at the first non-empty cell; everything here is converted to
//! absolute (row, column) so that cell references match what Excel shows.

use std::str::FromStr;

use calamine::Data;
use rust_decimal::Decimal;

/// One cell as read from the file. Numbers become exact decimals right away: nothing after
/// reading ever sees the float the file stored.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    /// Nothing in the cell.
    Empty,
    /// Text as stored; also booleans, dates and error values as their text.
    Text(String),
    /// A number as an exact decimal, read from the shortest text of the float the file stored.
    Number(Decimal),
}

impl CellValue {
    /// Empty, or text of nothing but whitespace.
    pub fn is_empty(&self) -> bool {
        match self {
            CellValue::Empty => true,
            CellValue::Text(t) => t.trim().is_empty(),
            CellValue::Number(_) => false,
        }
    }

    /// The text a person sees in the cell (numbers without exponent or trailing float noise).
    pub fn display(&self) -> String {
        match self {
            CellValue::Empty => String::new(),
            CellValue::Text(t) => t.clone(),
            CellValue::Number(d) => d.normalize().to_string(),
        }
    }

    pub(crate) fn from_calamine(data: &Data) -> CellValue {
        match data {
            Data::Empty => CellValue::Empty,
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
                CellValue::Text(s.clone())
            }
            Data::Int(i) => CellValue::Number(Decimal::from(*i)),
            Data::Float(f) => float_to_decimal(*f)
                .map(CellValue::Number)
                .unwrap_or_else(|| CellValue::Text(f.to_string())),
            Data::Bool(b) => CellValue::Text(if *b { "TRUE" } else { "FALSE" }.to_string()),
            Data::DateTime(dt) => CellValue::Text(dt.to_string()),
            Data::Error(e) => CellValue::Text(e.to_string()),
        }
    }
}

/// The float's shortest round-trip text read as a decimal, so 842.0700000000001 (what a
/// spreadsheet stores for 842.07) stays close enough to round to 842.07 exactly.
fn float_to_decimal(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    let text = format!("{value}");
    Decimal::from_str(&text)
        .or_else(|_| Decimal::from_scientific(&text))
        .ok()
}

/// A merged region, inclusive, zero-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    /// Top row.
    pub first_row: u32,
    /// Left column.
    pub first_col: u32,
    /// Bottom row (inclusive).
    pub last_row: u32,
    /// Right column (inclusive).
    pub last_col: u32,
}

impl Merge {
    /// Whether the cell (row, col) lies in the region.
    pub fn contains(&self, row: u32, col: u32) -> bool {
        (self.first_row..=self.last_row).contains(&row)
            && (self.first_col..=self.last_col).contains(&col)
    }
}

/// A sheet's cells, stored sparsely: one short list of (column, value) per row, so that memory
/// follows the cells a file really holds. A lone value in XFD1048576 costs one row list, not
/// the 17 billion cells a dense grid up to that corner would.
#[derive(Debug, Clone)]
pub struct SheetGrid {
    /// The sheet's name as the workbook has it.
    pub name: String,
    rows: Vec<Vec<(u32, CellValue)>>,
    /// The merged regions of the sheet.
    pub merges: Vec<Merge>,
}

const EMPTY: CellValue = CellValue::Empty;

impl SheetGrid {
    /// A grid from dense rows (tests and generated sheets); empty cells are not stored.
    pub fn new(name: String, rows: Vec<Vec<CellValue>>, merges: Vec<Merge>) -> SheetGrid {
        let cells = rows.into_iter().enumerate().flat_map(|(r, row)| {
            row.into_iter()
                .enumerate()
                .map(move |(c, value)| (r as u32, c as u32, value))
        });
        SheetGrid::from_cells(name, cells, merges)
    }

    /// A grid from cells in any order; empty values are dropped and a later value for the same
    /// cell replaces an earlier one, as a spreadsheet does.
    pub fn from_cells(
        name: String,
        cells: impl IntoIterator<Item = (u32, u32, CellValue)>,
        merges: Vec<Merge>,
    ) -> SheetGrid {
        let mut rows: Vec<Vec<(u32, CellValue)>> = Vec::new();
        let mut ordered = true;
        for (row, col, value) in cells {
            if value.is_empty() {
                continue;
            }
            let row = row as usize;
            if rows.len() <= row {
                rows.resize_with(row + 1, Vec::new);
            }
            let cells = &mut rows[row];
            ordered &= cells.last().is_none_or(|(c, _)| *c < col);
            cells.push((col, value));
        }
        if !ordered {
            for cells in &mut rows {
                // stable, so that of two values for one cell the later stays last
                cells.sort_by_key(|(c, _)| *c);
                let mut deduped: Vec<(u32, CellValue)> = Vec::with_capacity(cells.len());
                for (c, v) in cells.drain(..) {
                    match deduped.last_mut() {
                        Some(last) if last.0 == c => last.1 = v,
                        _ => deduped.push((c, v)),
                    }
                }
                *cells = deduped;
            }
        }
        SheetGrid { name, rows, merges }
    }

    /// Number of rows up to the last one holding a value.
    pub fn height(&self) -> u32 {
        self.rows.len() as u32
    }

    /// Number of columns up to the last one holding a value in any row, or covered by a merge.
    pub fn width(&self) -> u32 {
        let cells = self
            .rows
            .iter()
            .filter_map(|cells| cells.last().map(|(c, _)| c + 1))
            .max()
            .unwrap_or(0);
        let merged = self
            .merges
            .iter()
            .map(|m| m.last_col + 1)
            .max()
            .unwrap_or(0);
        cells.max(merged)
    }

    /// The cell at zero-based (row, col); `Empty` outside what the sheet holds.
    pub fn cell(&self, row: u32, col: u32) -> &CellValue {
        let Some(cells) = self.rows.get(row as usize) else {
            return &EMPTY;
        };
        match cells.binary_search_by_key(&col, |(c, _)| *c) {
            Ok(i) => &cells[i].1,
            Err(_) => &EMPTY,
        }
    }

    /// The text of a cell; a cell inside a merged region shows the region's top-left value.
    pub fn merged_text(&self, row: u32, col: u32) -> String {
        match self.merge_at(row, col) {
            Some(m) => self.cell(m.first_row, m.first_col).display(),
            None => self.cell(row, col).display(),
        }
    }

    /// The merged region covering (row, col), if any.
    pub fn merge_at(&self, row: u32, col: u32) -> Option<&Merge> {
        self.merges.iter().find(|m| m.contains(row, col))
    }

    /// Columns of `row` that hold a value, with the value.
    pub fn row_cells(&self, row: u32) -> impl Iterator<Item = (u32, &CellValue)> {
        self.rows
            .get(row as usize)
            .into_iter()
            .flat_map(|cells| cells.iter())
            .map(|(c, v)| (*c, v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_become_the_decimal_people_typed() {
        // What a spreadsheet stores for 842.07 after summing: 842.0700000000001.
        let stored = 683.7 + 80.33 + 38.43 + 39.61;
        let exact = float_to_decimal(stored).unwrap();
        assert_eq!(
            crate::money::Money::from_decimal(exact, crate::money::Scale::Wanyuan)
                .unwrap()
                .plain_wanyuan(),
            "842.07"
        );
        assert_eq!(float_to_decimal(f64::NAN), None);
        assert_eq!(
            CellValue::Number(Decimal::from_str("683.70").unwrap()).display(),
            "683.7"
        );
    }
}
