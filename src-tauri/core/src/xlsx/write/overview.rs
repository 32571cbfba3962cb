//! T1 部门收支总体情况表 and T4 财政拨款收支预算总体情况表: income items on the left, function
//! classes ("201 一般公共服务支出", code and name in one cell as the seeds print them) on the right,
//! 收入总计 and 支出总计 on the last row.

use rust_xlsxwriter::{Worksheet, XlsxError};

use crate::money::Money;
use crate::tables::{FiscalGrantTable, GrantClassRow, IncomeItem, OverviewTable};

use super::sheet::{head, span, Cell, HeaderCell, SheetLayout, SheetWriter};
use super::TableContext;

fn item_cells(item: Option<&IncomeItem>) -> [Cell<'_>; 2] {
    match item {
        Some(i) => [Cell::text(i.label.describe()), Cell::Amount(i.amount.value)],
        None => [Cell::Blank, Cell::Blank],
    }
}

fn total_amount(item: Option<&IncomeItem>) -> Cell<'static> {
    Cell::Amount(item.map_or(Money::ZERO, |i| i.amount.value))
}

/// The template's leaf headers ("项目", "预算数", "功能分类", …) under the two sides.
fn two_sided_header<'a>(
    income: &'a str,
    expenditure: &'a str,
    columns: &'a [&'a str],
) -> Vec<HeaderCell<'a>> {
    let width = columns.len() as u16;
    let mut cells = vec![
        span(0, 0, 1, 2, income),
        span(0, 2, 1, width.saturating_sub(2), expenditure),
    ];
    cells.extend(
        columns
            .iter()
            .enumerate()
            .map(|(col, text)| head(1, col as u16, *text)),
    );
    cells
}

/// T1: 收入 (项目, 预算数) ‖ 支出 (功能分类, 预算数).
pub fn write_overview(
    ws: &mut Worksheet,
    ctx: &TableContext<'_>,
    table: Option<&OverviewTable>,
) -> Result<SheetLayout, XlsxError> {
    let columns = ctx.spec.columns;
    let mut w = SheetWriter::begin(
        ws,
        ctx.styles,
        ctx.scale,
        columns.len() as u16,
        &ctx.title(),
        &ctx.header.unit,
    )?;
    w.header(2, &two_sided_header("收入", "支出", columns))?;
    let (income, expenditure): (Vec<&IncomeItem>, Vec<&IncomeItem>) = match table {
        Some(t) => (
            t.income.iter().collect(),
            t.classes.iter().chain(&t.other_expenditure).collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    for i in 0..income.len().max(expenditure.len()) {
        let [a, b] = item_cells(income.get(i).copied());
        let [c, d] = item_cells(expenditure.get(i).copied());
        w.row(&[a, b, c, d])?;
    }
    w.total_row(&[
        Cell::text("收入总计"),
        total_amount(table.and_then(|t| t.income_total.as_ref())),
        Cell::text("支出总计"),
        total_amount(table.and_then(|t| t.expenditure_total.as_ref())),
    ])?;
    let empty = income.is_empty() && expenditure.is_empty();
    if let Some(note) = ctx.note(table.map(|t| &t.meta), empty) {
        w.note(&note)?;
    }
    w.finish()
}

fn grant_cells(row: Option<&GrantClassRow>) -> [Cell<'_>; 5] {
    match row {
        Some(r) => [
            Cell::text(r.label.describe()),
            Cell::Amount(r.total.value),
            Cell::Amount(r.general.value),
            Cell::Amount(r.fund.value),
            Cell::Amount(r.state_capital.value),
        ],
        None => [
            Cell::Blank,
            Cell::Blank,
            Cell::Blank,
            Cell::Blank,
            Cell::Blank,
        ],
    }
}

/// T4: 财政拨款收入 (项目, 合计) ‖ 财政拨款支出 (功能分类, 合计, 一般公共预算, 政府性基金预算,
/// 国有资本经营预算).
pub fn write_grants(
    ws: &mut Worksheet,
    ctx: &TableContext<'_>,
    table: Option<&FiscalGrantTable>,
) -> Result<SheetLayout, XlsxError> {
    let columns = ctx.spec.columns;
    let mut w = SheetWriter::begin(
        ws,
        ctx.styles,
        ctx.scale,
        columns.len() as u16,
        &ctx.title(),
        &ctx.header.unit,
    )?;
    w.header(
        2,
        &two_sided_header("财政拨款收入", "财政拨款支出", columns),
    )?;
    let (income, classes): (&[IncomeItem], &[GrantClassRow]) = match table {
        Some(t) => (&t.income, &t.classes),
        None => (&[], &[]),
    };
    for i in 0..income.len().max(classes.len()) {
        let [a, b] = item_cells(income.get(i));
        let [c, d, e, f, g] = grant_cells(classes.get(i));
        w.row(&[a, b, c, d, e, f, g])?;
    }
    let total = table.and_then(|t| t.expenditure_total.as_ref());
    let [_, d, e, f, g] = grant_cells(total);
    let mut last = vec![
        Cell::text("收入总计"),
        total_amount(table.and_then(|t| t.income_total.as_ref())),
        Cell::text("支出总计"),
    ];
    last.extend(if total.is_some() {
        vec![d, e, f, g]
    } else {
        vec![Cell::Amount(Money::ZERO); 4]
    });
    w.total_row(&last)?;
    let empty = income.is_empty() && classes.is_empty();
    if let Some(note) = ctx.note(table.map(|t| &t.meta), empty) {
        w.note(&note)?;
    }
    w.finish()
}
