//! T7 一般公共预算项目支出情况表 as seed 003 prints it: 科目编码 (类 款 项), 科目, 项目名称,
//! 项目支出合计 and one column per economic 类; the 合计 label stands in the 项目名称 column.
//! A 汇总's table names the unit of each project in a 单位名称 column before 项目名称: neither
//! template has one, and without it a reader cannot tell which sub-unit carries a project.

use std::borrow::Cow;

use rust_xlsxwriter::{Worksheet, XlsxError};

use crate::money::Money;
use crate::tables::{ProjectExpenditureTable, ProjectRow};

use super::code_tables::label_cells;
use super::sheet::{head, span, Cell, SheetLayout, SheetWriter};
use super::TableContext;

/// The template's header over the project amounts; the economic columns follow it.
const PROJECT_TOTAL: &str = "项目支出合计";
/// The header of the unit column of a 汇总's table.
pub const UNIT_COLUMN: &str = "单位名称";

fn amount_cells(row: &ProjectRow, columns: usize) -> Vec<Cell<'static>> {
    let mut cells = vec![Cell::Amount(row.total.value)];
    cells.extend(
        (0..columns).map(|i| Cell::Amount(row.economic.get(i).map_or(Money::ZERO, |a| a.value))),
    );
    cells
}

/// The economic columns are the table's own (its amounts are aligned with them); a table
/// without any takes the template's.
pub fn write_projects(
    ws: &mut Worksheet,
    ctx: &TableContext<'_>,
    table: Option<&ProjectExpenditureTable>,
) -> Result<SheetLayout, XlsxError> {
    let economic: Vec<Cow<'_, str>> = match table {
        Some(t) if !t.economic_columns.is_empty() => t
            .economic_columns
            .iter()
            .map(|c| Cow::Borrowed(c.as_str()))
            .collect(),
        _ => ctx
            .spec
            .columns
            .iter()
            .skip_while(|c| **c != PROJECT_TOTAL)
            .skip(1)
            .map(|c| Cow::Borrowed(*c))
            .collect(),
    };
    let by_unit = table.is_some_and(|t| t.rows.iter().any(|r| r.unit.is_some()));
    // The first amount column: after 类 款 项, 科目, (单位名称,) 项目名称.
    let first = 5 + u16::from(by_unit);
    let width = first + 1 + economic.len() as u16;
    let mut w = SheetWriter::begin(
        ws,
        ctx.styles,
        ctx.scale,
        width,
        &ctx.title(),
        &ctx.header.unit,
    )?;
    let mut header = vec![
        span(0, 0, 1, 3, "科目编码"),
        span(0, 3, 2, 1, "科目"),
        span(0, first - 1, 2, 1, "项目名称"),
        span(0, first, 2, 1, PROJECT_TOTAL),
        head(1, 0, "类"),
        head(1, 1, "款"),
        head(1, 2, "项"),
    ];
    if by_unit {
        header.push(span(0, 4, 2, 1, UNIT_COLUMN));
    }
    for (i, name) in economic.iter().enumerate() {
        header.push(span(0, first + 1 + i as u16, 2, 1, name.clone()));
    }
    w.header(2, &header)?;
    w.labels(first);
    let rows = table.map_or(&[][..], |t| t.rows.as_slice());
    for row in rows {
        let mut cells = label_cells(&row.label, 3);
        if by_unit {
            cells.push(row.unit.as_deref().map_or(Cell::Blank, Cell::text));
        }
        cells.push(match row.project.as_deref() {
            Some(project) => Cell::text(project),
            None => Cell::Blank,
        });
        cells.extend(amount_cells(row, economic.len()));
        w.row(&cells)?;
    }
    let mut total = vec![Cell::Blank; usize::from(first - 1)];
    total.push(Cell::text("合计"));
    match table.and_then(|t| t.total.as_ref()) {
        Some(row) => total.extend(amount_cells(row, economic.len())),
        None => total.extend(vec![Cell::Amount(Money::ZERO); 1 + economic.len()]),
    }
    w.total_row(&total)?;
    if let Some(note) = ctx.note(table.map(|t| &t.meta), rows.is_empty()) {
        w.note(&note)?;
    }
    w.finish()
}
