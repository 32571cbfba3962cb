//! Reading targets from a workbook in any of the three layouts, all or nothing: every problem is
//! collected with its sheet and cell before anything is handed on.
//!
//! * per-project block (seeds 003, 004): 预算单位 / 项目名称 / 项目资金 lines above a table of
//!   一级 · 二级 · 三级 · 指标值 [· 依据 · 上年完成值 · 权重 · 赋分规则 · 佐证资料], 一级/二级 merged down;
//!   the 部门整体绩效目标表 is the same shape under 部门名称 lines;
//! * indicator list of the budget system (seed 000): one indicator per row with 单位, 项目, 金额;
//! * disclosure table (seed 002): one project per row, indicators as free text in one cell.

mod block;
mod columns;
mod disclosure;
mod list;

use crate::error::{CoreError, ErrorCode};
use std::path::Path;

use super::model::{Indicator, TargetSet};
use crate::checks::{rule_title, Finding, Location, Severity};
use crate::text::{a1, fold_label};
use crate::xlsx::{self, CellValue, ReadError, SheetGrid, Workbook};

use columns::{header_columns, Column};
pub use list::split_code_name;

/// Formula texts of cells, by sheet and (row, column). A value typed as "=100%" becomes the
/// formula `100%` with no stored result; without its formula the cell would read as empty.
#[derive(Debug, Clone, Default)]
pub struct Formulas(xlsx::SheetFormulas);

impl Formulas {
    /// Reads the formulas of every sheet (see [`xlsx::read_formulas`]).
    pub fn from_bytes(bytes: &[u8]) -> Formulas {
        Formulas(xlsx::read_formulas(bytes))
    }

    fn get(&self, sheet: &str, row: u32, col: u32) -> Option<&str> {
        self.0.get(sheet)?.get(&(row, col)).map(String::as_str)
    }
}

/// A sheet with its formulas: the text of a cell as the person who typed it meant it.
pub(crate) struct Sheet<'a> {
    pub grid: &'a SheetGrid,
    formulas: &'a Formulas,
}

impl Sheet<'_> {
    pub fn name(&self) -> &str {
        &self.grid.name
    }

    /// The cell's text (a merged cell shows its region's value); a formula without a stored
    /// result shows as typed, "=100%".
    pub fn text(&self, row: u32, col: u32) -> String {
        let (r, c) = match self.grid.merge_at(row, col) {
            Some(m) => (m.first_row, m.first_col),
            None => (row, col),
        };
        let value = self.grid.cell(r, c);
        if value.is_empty() {
            if let Some(f) = self.formulas.get(&self.grid.name, r, c) {
                return format!("={f}");
            }
        }
        value.display().trim().to_string()
    }

    /// The cell itself, not its merged region's.
    pub fn own_text(&self, row: u32, col: u32) -> String {
        let value = self.grid.cell(row, col);
        if value.is_empty() {
            if let Some(f) = self.formulas.get(&self.grid.name, row, col) {
                return format!("={f}");
            }
        }
        value.display().trim().to_string()
    }

    pub fn value(&self, row: u32, col: u32) -> &CellValue {
        self.grid.cell(row, col)
    }

    /// True for a cell inside a merged region other than its first row.
    pub fn continues_merge(&self, row: u32, col: u32) -> bool {
        self.grid
            .merge_at(row, col)
            .is_some_and(|m| m.first_row < row)
    }
}

/// What a workbook's targets read to, with every problem found.
#[derive(Debug, Clone, Default)]
pub struct TargetsRead {
    /// The targets read.
    pub set: TargetSet,
    /// The sheets target tables were read from, in workbook order.
    pub sheets: Vec<String>,
    /// Errors make the import fail; warnings (a value kept verbatim) are reported and kept.
    pub problems: Vec<Finding>,
}

impl TargetsRead {
    /// Whether any problem is an error, which stops an import.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }
}

/// Why a targets import did not happen.
#[derive(Debug, thiserror::Error)]
pub enum TargetImportError {
    /// The file could not be read as a workbook.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The database could not be read or written.
    #[error(transparent)]
    Core(#[from] crate::error::CoreError),
    /// The workbook holds no target table of any known layout.
    #[error(
        "工作簿中没有找到绩效目标表（项目支出绩效目标表、项目绩效目标清单或绩效目标公开表）。"
    )]
    NoTargets,
    /// The tables have errors; nothing was imported.
    #[error("绩效目标未导入，共 {} 处问题：{}", problems.len(), first_messages(problems))]
    Invalid {
        /// The errors only; warnings are left out.
        problems: Vec<Finding>,
    },
}

impl TargetImportError {
    /// The kind of failure, as the UI branches on it ([`ErrorCode`]).
    pub fn code(&self) -> ErrorCode {
        match self {
            TargetImportError::Read(e) => e.code(),
            TargetImportError::Core(e) => e.code(),
            TargetImportError::NoTargets => ErrorCode::NoTargets,
            TargetImportError::Invalid { .. } => ErrorCode::InvalidTargets,
        }
    }
}

/// A refused 绩效目标 workbook reaches the shell with its code (the database's own errors keep theirs).
impl From<TargetImportError> for CoreError {
    fn from(err: TargetImportError) -> Self {
        CoreError::area(err.code(), &err)
    }
}

fn first_messages(problems: &[Finding]) -> String {
    let mut text: Vec<&str> = problems
        .iter()
        .take(3)
        .map(|p| p.message.as_str())
        .collect();
    if problems.len() > 3 {
        text.push("……");
    }
    text.join("；")
}

pub(crate) fn problem(sheet: &str, row: u32, col: u32, message: String) -> Finding {
    finding("target_read", Severity::Error, sheet, row, col, message)
}

pub(crate) fn finding(
    rule: &str,
    severity: Severity,
    sheet: &str,
    row: u32,
    col: u32,
    message: String,
) -> Finding {
    Finding {
        rule: rule.to_string(),
        title: rule_title(rule),
        severity,
        location: Location {
            sheet: Some(sheet.to_string()),
            cell: Some(a1(row, col)),
            line: None,
            quote: None,
            page: None,
            table: None,
            row: None,
            column: None,
            point: None,
        },
        message,
        expected: None,
        actual: None,
    }
}

/// The warning for a value kept as written.
pub(crate) fn verbatim_warnings(indicators: &[Indicator], out: &mut Vec<Finding>) {
    for i in indicators {
        let (Some(text), Some(cells)) = (&i.verbatim, &i.cells) else {
            continue;
        };
        let cell = if cells.value.is_empty() {
            &cells.name
        } else {
            &cells.value
        };
        out.push(Finding {
            rule: "target_value_verbatim".to_string(),
            title: rule_title("target_value_verbatim"),
            severity: Severity::Warning,
            location: Location {
                sheet: Some(cells.sheet.clone()),
                cell: Some(cell.clone()),
                line: None,
                quote: None,
                            page: None,
                table: None,
                row: None,
                column: None,
                point: None,
},
            message: if *text == i.name {
                format!(
                    "“{}”{}：“{}”无法拆分为指标名称、运算符、数值和单位，已原样保留，请核对。",
                    cells.sheet, cell, text
                )
            } else {
                format!(
                    "“{}”{}：指标“{}”的指标值“{}”无法拆分为运算符、数值和单位，已原样保留，请核对。",
                    cells.sheet, cell, i.name, text
                )
            },
            expected: None,
            actual: None,
        });
    }
}

/// Which layout a header row introduces.
enum Layout {
    Block,
    List,
    Disclosure,
}

/// A header row: its index, its layout and the columns it names.
type HeaderRow = (u32, Layout, Vec<(u32, Column)>);

/// Header rows of the target tables in a sheet, in order, with their layout.
fn header_rows(sheet: &Sheet<'_>) -> Vec<HeaderRow> {
    let mut out = Vec::new();
    for row in 0..sheet.grid.height() {
        let columns = header_columns(sheet, row);
        let has = |c: Column| columns.iter().any(|(_, k)| *k == c);
        let layout = if has(Column::Indicators) && has(Column::Project) {
            Layout::Disclosure
        } else if has(Column::Level3) && has(Column::Project) {
            Layout::List
        } else if has(Column::Level3) && has(Column::Level1) {
            Layout::Block
        } else {
            continue;
        };
        out.push((row, layout, columns));
    }
    out
}

/// Reads every target table of `book`.
pub fn read_workbook(book: &Workbook, formulas: &Formulas) -> TargetsRead {
    let mut read = TargetsRead::default();
    for grid in &book.sheets {
        let sheet = Sheet { grid, formulas };
        let headers = header_rows(&sheet);
        if !headers.is_empty() {
            read.sheets.push(grid.name.clone());
        }
        let mut previous_end = 0;
        for (i, (row, layout, columns)) in headers.iter().enumerate() {
            let next = headers.get(i + 1).map_or(grid.height(), |h| h.0);
            match layout {
                Layout::Block => {
                    previous_end =
                        block::read(&sheet, previous_end, *row, next, columns, &mut read);
                }
                Layout::List => {
                    list::read(&sheet, *row, next, columns, &mut read);
                    previous_end = next;
                }
                Layout::Disclosure => {
                    disclosure::read(&sheet, *row, next, columns, &mut read);
                    previous_end = next;
                }
            }
        }
        if read.set.year.is_none() {
            read.set.year = stated_year(grid);
        }
    }
    let mut warnings = Vec::new();
    for p in &read.set.projects {
        verbatim_warnings(&p.indicators, &mut warnings);
    }
    if let Some(d) = &read.set.department {
        verbatim_warnings(&d.indicators, &mut warnings);
    }
    read.problems.extend(warnings);
    read
}

/// "(2024年)" or "2025年部门预算项目绩效目标表" near the top of a sheet.
fn stated_year(grid: &SheetGrid) -> Option<i32> {
    for row in 0..grid.height().min(6) {
        for (_, value) in grid.row_cells(row) {
            let f = fold_label(&value.display());
            let Some(pos) = f.find('年') else { continue };
            if f.chars().count() > 40 {
                continue;
            }
            // The four bytes before 年 are only a year when they are four ASCII digits; anything
            // else (Chinese text) may not even start on a character boundary.
            let Some(digits) = pos.checked_sub(4).and_then(|start| f.get(start..pos)) else {
                continue;
            };
            if let Ok(year) = digits.parse::<i32>() {
                if (2000..=2100).contains(&year) && (f.starts_with('(') || f.contains("绩效")) {
                    return Some(year);
                }
            }
        }
    }
    None
}

/// Reads the targets of the workbook at `path` (warnings and errors in `problems`).
pub fn read_file(path: &Path) -> Result<TargetsRead, ReadError> {
    let bytes = xlsx::read_bytes(path)?;
    let formulas = Formulas::from_bytes(&bytes);
    let book = xlsx::load_bytes(path, bytes)?;
    Ok(read_workbook(&book, &formulas))
}

/// All or nothing: the targets of the workbook at `path`, or every problem that stops them.
/// Warnings (values kept verbatim) do not stop the import; they come back with the set.
pub fn import_file(path: &Path) -> Result<TargetsRead, TargetImportError> {
    let read = read_file(path)?;
    if read.has_errors() {
        return Err(TargetImportError::Invalid {
            problems: read
                .problems
                .into_iter()
                .filter(|p| p.severity == Severity::Error)
                .collect(),
        });
    }
    if read.set.projects.is_empty() && read.set.department.is_none() {
        return Err(TargetImportError::NoTargets);
    }
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_column(texts: &[&str]) -> Workbook {
        let rows = texts
            .iter()
            .map(|t| vec![CellValue::Text((*t).to_string())])
            .collect();
        Workbook {
            sheets: vec![SheetGrid::new("Sheet1".into(), rows, Vec::new())],
        }
    }

    // Found by fuzzing: 年 four bytes into a heading but two characters in ("部门年度…") made
    // the year lookup slice inside a character and panic.
    #[test]
    fn a_heading_with_year_after_two_characters_is_no_year() {
        let book = one_column(&["部门年度绩效目标", "(2024年)"]);
        let read = read_workbook(&book, &Formulas::default());
        assert_eq!(read.set.year, Some(2024));
    }
}
