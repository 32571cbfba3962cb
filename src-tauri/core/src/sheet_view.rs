//! A worksheet as the review screen draws it: cell texts as printed, merged regions as row and
//! column spans, numbers marked so the view can right-align them.

use crate::error::{CoreError, ErrorCode};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::money::format_grouped;
use crate::text::a1;
use crate::xlsx::{self, CellValue, ReadError, SheetGrid};

/// The most rows and columns sent to the screen; published tables are far smaller.
const MAX_ROWS: u32 = 3000;
const MAX_COLS: u32 = 64;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
/// One cell to draw: a merge's top-left cell carries the merge's spans.
pub struct ViewCell {
    /// Zero-based column.
    pub col: u32,
    /// A1 reference, as findings name cells.
    pub a1: String,
    /// The value as shown: amounts with 千分位 and two decimals in amount columns, other numbers
    /// as written, text as read.
    pub text: String,
    /// Whether the value is a number, so the screen right-aligns it.
    pub numeric: bool,
    /// Rows covered, 1 when not merged; cut at the shown extent.
    pub row_span: u32,
    /// Columns covered, 1 when not merged; cut at the shown extent.
    pub col_span: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
/// One row of the drawn sheet, empty rows included.
pub struct ViewRow {
    /// Zero-based row.
    pub row: u32,
    /// The cells that start in this row; cells covered by a merge are left out.
    pub cells: Vec<ViewCell>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
/// A worksheet ready to draw: at most 3000 rows × 64 columns, up to the last value or merge.
pub struct SheetView {
    /// The sheet's name in the workbook.
    pub sheet: String,
    /// Columns shown (the grid's width as drawn).
    pub width: u32,
    /// Every row from the first up to the last shown one.
    pub rows: Vec<ViewRow>,
    /// True when the sheet was larger than what is shown.
    pub truncated: bool,
}

/// How a cell reads on screen. In a column that holds amounts (any number with decimals) every
/// number gets 千分位 and at least two decimals, so 15 reads 15.00 beside 234.08; elsewhere
/// integers (codes, counts, weights) stay as they are.
fn display(value: &CellValue, amount_column: bool) -> (String, bool) {
    match value {
        CellValue::Number(d) if d.fract().is_zero() && !amount_column => {
            (d.trunc().to_string(), true)
        }
        CellValue::Number(d) => (format_grouped(*d, d.normalize().scale().max(2)), true),
        other => (other.display(), false),
    }
}

fn amount_columns(grid: &SheetGrid, height: u32, width: u32) -> Vec<bool> {
    (0..width)
        .map(|col| {
            (0..height).any(
                |row| matches!(grid.cell(row, col), CellValue::Number(d) if !d.fract().is_zero()),
            )
        })
        .collect()
}

/// Rows and columns to show: up to the last one holding a value or a merge within the first
/// MAX_ROWS × MAX_COLS. A stray value far away (XFD1048576) makes the sheet that large, but
/// sending thousands of empty rows would leave the screen loading for no picture.
fn shown_extent(grid: &SheetGrid) -> (u32, u32) {
    let last_value_row = (0..grid.height().min(MAX_ROWS))
        .rev()
        .find(|&r| grid.row_cells(r).next().is_some())
        .map_or(0, |r| r + 1);
    let merged_rows = grid
        .merges
        .iter()
        .filter(|m| m.first_row < last_value_row)
        .map(|m| m.last_row + 1)
        .max()
        .unwrap_or(0);
    let height = last_value_row.max(merged_rows).min(MAX_ROWS);
    let value_cols = (0..height)
        .filter_map(|r| grid.row_cells(r).last().map(|(c, _)| c + 1))
        .max()
        .unwrap_or(0);
    let merged_cols = grid
        .merges
        .iter()
        .filter(|m| m.first_row < height)
        .map(|m| m.last_col + 1)
        .max()
        .unwrap_or(0);
    (height, value_cols.max(merged_cols).min(MAX_COLS))
}

/// The view of a sheet already read: trims trailing empty rows and columns, leaves out cells
/// covered by a merge, and formats numbers as the review screen shows them.
pub fn view_of_grid(grid: &SheetGrid) -> SheetView {
    let (height, width) = shown_extent(grid);
    let amounts = amount_columns(grid, height, width);
    let rows = (0..height)
        .map(|row| ViewRow {
            row,
            cells: (0..width)
                .filter_map(|col| {
                    let (row_span, col_span) = match grid.merge_at(row, col) {
                        Some(m) if m.first_row == row && m.first_col == col => (
                            m.last_row.min(height.saturating_sub(1)) - row + 1,
                            m.last_col.min(width.saturating_sub(1)) - col + 1,
                        ),
                        Some(_) => return None,
                        None => (1, 1),
                    };
                    let amount_column = amounts.get(col as usize).copied().unwrap_or(false);
                    let (text, numeric) = display(grid.cell(row, col), amount_column);
                    Some(ViewCell {
                        col,
                        a1: a1(row, col),
                        text,
                        numeric,
                        row_span,
                        col_span,
                    })
                })
                .collect(),
        })
        .collect();
    SheetView {
        sheet: grid.name.clone(),
        width,
        rows,
        truncated: grid.height() > height || grid.width() > width,
    }
}

/// Reads `sheet` of the workbook at `path` for display.
pub fn sheet_view(path: &Path, sheet: &str) -> Result<SheetView, SheetViewError> {
    let book = xlsx::load(path)?;
    let grid = book
        .sheet(sheet)
        .ok_or_else(|| SheetViewError::NoSuchSheet(sheet.to_string()))?;
    Ok(view_of_grid(grid))
}

#[derive(Debug, thiserror::Error)]
/// Why a sheet could not be shown.
pub enum SheetViewError {
    #[error(transparent)]
    /// The workbook could not be read.
    Read(#[from] ReadError),
    #[error("工作簿中没有名为“{0}”的工作表，文件可能已被修改，请重新打开。")]
    /// The sheet named is not (or no longer) in the workbook.
    NoSuchSheet(String),
}

impl SheetViewError {
    /// The kind of failure, as the UI branches on it ([`ErrorCode`]).
    pub fn code(&self) -> ErrorCode {
        match self {
            SheetViewError::Read(e) => e.code(),
            SheetViewError::NoSuchSheet(_) => ErrorCode::NoSuchSheet,
        }
    }
}

/// A sheet that cannot be shown reaches the shell with its code.
impl From<SheetViewError> for CoreError {
    fn from(err: SheetViewError) -> Self {
        CoreError::area(err.code(), &err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xlsx::Merge;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn num(s: &str) -> CellValue {
        CellValue::Number(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn merges_become_spans_and_covered_cells_disappear() {
        let rows = vec![
            vec![
                CellValue::Text("部门支出总体情况表".into()),
                CellValue::Empty,
                CellValue::Empty,
            ],
            vec![
                num("201"),
                CellValue::Text("一般公共服务支出".into()),
                num("683.7"),
            ],
            vec![
                num("201"),
                CellValue::Text("小计".into()),
                num("1234567.891"),
            ],
            vec![num("208"), CellValue::Text("信访事务".into()), num("15")],
        ];
        let grid = SheetGrid::new(
            "表3".into(),
            rows,
            vec![Merge {
                first_row: 0,
                first_col: 0,
                last_row: 0,
                last_col: 2,
            }],
        );
        let view = view_of_grid(&grid);
        assert_eq!(view.rows[0].cells.len(), 1);
        assert_eq!(
            (
                view.rows[0].cells[0].col_span,
                view.rows[0].cells[0].row_span
            ),
            (3, 1)
        );
        let r1 = &view.rows[1].cells;
        assert_eq!((r1[0].text.as_str(), r1[0].numeric), ("201", true));
        assert_eq!(r1[2].text, "683.70");
        assert_eq!(r1[2].a1, "C2");
        assert_eq!(view.rows[2].cells[2].text, "1,234,567.891");
        // an integer amount in a column of amounts reads like its neighbours; codes stay bare
        assert_eq!(view.rows[3].cells[2].text, "15.00");
        assert_eq!(view.rows[3].cells[0].text, "208");
        assert!(!view.truncated);
    }

    #[test]
    fn a_stray_value_far_away_does_not_fill_the_view_with_empty_rows() {
        let grid = SheetGrid::from_cells(
            "表1".into(),
            [
                (0, 0, CellValue::Text("部门收支总体情况表".into())),
                (2, 3, num("1.5")),
                (1_048_575, 16_383, CellValue::Text("x".into())),
            ],
            vec![Merge {
                first_row: 0,
                first_col: 0,
                last_row: 0,
                last_col: 5,
            }],
        );
        let view = view_of_grid(&grid);
        assert_eq!(view.rows.len(), 3);
        assert_eq!(view.width, 6, "the title's merge is shown whole");
        assert!(view.truncated);
    }
}
