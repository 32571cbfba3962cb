//! Tables whose rows are classification codes split over 类/款/项 columns: T3, T5, T8, T9
//! (function code × 合计, 基本支出 or 人员经费/公用经费, 项目支出), T6 (economic 类/款 × 合计,
//! 人员经费, 公用经费) and T2, T11 (function code × 合计 and one column per source).

use std::borrow::Cow;

use rust_xlsxwriter::{Worksheet, XlsxError};

use crate::money::Money;
use crate::tables::{
    Amount, BasicExpenditureTable, ExpenditureBody, ExpenditureRow, RowLabel, SourceRow, TableId,
    TableMeta,
};

use super::sheet::{head, span, Cell, HeaderCell, SheetLayout, SheetWriter};
use super::TableContext;

/// The 类, 款 and 项 parts of a code ("2010301" → "201", "03", "01"); absent parts are empty.
pub fn code_parts(code: &str) -> [&str; 3] {
    [
        code.get(0..3).unwrap_or(code),
        code.get(3..5).unwrap_or(""),
        code.get(5..7).unwrap_or(""),
    ]
}

/// The code cells and the name cell of a row label, `levels` code columns wide.
pub fn label_cells<'a>(label: &'a RowLabel, levels: usize) -> Vec<Cell<'a>> {
    let mut cells: Vec<Cell<'a>> = match label.code.as_deref() {
        Some(code) => code_parts(code)
            .into_iter()
            .take(levels)
            .map(|part| {
                if part.is_empty() {
                    Cell::Blank
                } else {
                    Cell::Code(part)
                }
            })
            .collect(),
        None => vec![Cell::Blank; levels],
    };
    cells.push(Cell::text(label.name.as_str()));
    cells
}

fn money(amount: Option<&Amount>) -> Cell<'static> {
    Cell::Amount(amount.map_or(Money::ZERO, |a| a.value))
}

/// The header the seeds print over the amounts of each function-code table.
fn amount_group(id: TableId) -> &'static str {
    match id {
        TableId::T2 => "收入预算",
        TableId::T5 => "一般公共预算支出",
        TableId::T8 => "政府性基金预算支出",
        TableId::T9 => "国有资本经营预算支出",
        TableId::T11 => "上年结转结余",
        _ => "支出预算",
    }
}

/// 科目 / 功能分类科目编码 over 类 款 项 / 功能分类科目名称, three rows high: the left part of
/// every function-code table. `amount_cols` is the number of amount columns to its right.
fn function_code_header(group: &str, amount_cols: u16) -> Vec<HeaderCell<'_>> {
    vec![
        span(0, 0, 1, 4, "科目"),
        span(0, 4, 1, amount_cols, group),
        span(1, 0, 1, 3, "功能分类科目编码"),
        span(1, 3, 2, 1, "功能分类科目名称"),
        head(2, 0, "类"),
        head(2, 1, "款"),
        head(2, 2, "项"),
    ]
}

/// T3, T5, T8, T9. The template's columns decide whether 基本支出 is one column or split into
/// 人员经费 and 公用经费 (T9 in seed 004).
pub fn write_expenditure(
    ws: &mut Worksheet,
    ctx: &TableContext<'_>,
    table: Option<(&TableMeta, &ExpenditureBody)>,
) -> Result<SheetLayout, XlsxError> {
    let split_basic = ctx.spec.columns.contains(&"人员经费");
    let amount_cols: u16 = if split_basic { 4 } else { 3 };
    let mut w = SheetWriter::begin(
        ws,
        ctx.styles,
        ctx.scale,
        4 + amount_cols,
        &ctx.title(),
        &ctx.header.unit,
    )?;
    let mut header = function_code_header(amount_group(ctx.spec.id), amount_cols);
    header.push(span(1, 4, 2, 1, "合计"));
    if split_basic {
        header.extend([
            span(1, 5, 1, 2, "基本支出"),
            head(2, 5, "人员经费"),
            head(2, 6, "公用经费"),
            span(1, 7, 2, 1, "项目支出"),
        ]);
    } else {
        header.extend([span(1, 5, 2, 1, "基本支出"), span(1, 6, 2, 1, "项目支出")]);
    }
    w.header(3, &header)?;
    w.labels(4);
    let amounts = |row: &ExpenditureRow| -> Vec<Cell<'static>> {
        let mut cells = vec![money(Some(&row.total))];
        if split_basic {
            cells.push(money(row.personnel.as_ref()));
            cells.push(money(row.public.as_ref()));
        } else {
            // A table read with 人员/公用 columns has no 基本支出 of its own: it is their sum.
            let basic = match (&row.basic, &row.personnel, &row.public) {
                (Some(b), _, _) => b.value,
                (None, p, q) => {
                    p.as_ref().map_or(Money::ZERO, |a| a.value)
                        + q.as_ref().map_or(Money::ZERO, |a| a.value)
                }
            };
            cells.push(Cell::Amount(basic));
        }
        cells.push(money(row.project.as_ref()));
        cells
    };
    let rows = table.map_or(&[][..], |(_, body)| body.rows.as_slice());
    for row in rows {
        let mut cells = label_cells(&row.label, 3);
        cells.extend(amounts(row));
        w.row(&cells)?;
    }
    let mut total = vec![Cell::Blank, Cell::Blank, Cell::Blank, Cell::text("合计")];
    match table.and_then(|(_, body)| body.total.as_ref()) {
        Some(row) => total.extend(amounts(row)),
        None => total.extend(vec![Cell::Amount(Money::ZERO); usize::from(amount_cols)]),
    }
    w.total_row(&total)?;
    if let Some(note) = ctx.note(table.map(|(meta, _)| meta), rows.is_empty()) {
        w.note(&note)?;
    }
    w.finish()
}

/// T6 一般公共预算基本支出情况表: economic 类/款.
pub fn write_basic_expenditure(
    ws: &mut Worksheet,
    ctx: &TableContext<'_>,
    table: Option<&BasicExpenditureTable>,
) -> Result<SheetLayout, XlsxError> {
    let mut w = SheetWriter::begin(ws, ctx.styles, ctx.scale, 6, &ctx.title(), &ctx.header.unit)?;
    w.header(
        3,
        &[
            span(0, 0, 1, 3, "科目"),
            span(0, 3, 1, 3, "一般公共预算基本支出"),
            span(1, 0, 1, 2, "经济分类科目编码"),
            span(1, 2, 2, 1, "经济分类科目名称"),
            span(1, 3, 2, 1, "合计"),
            span(1, 4, 2, 1, "人员经费"),
            span(1, 5, 2, 1, "公用经费"),
            head(2, 0, "类"),
            head(2, 1, "款"),
        ],
    )?;
    w.labels(3);
    let rows = table.map_or(&[][..], |t| t.rows.as_slice());
    for row in rows {
        let mut cells = label_cells(&row.label, 2);
        cells.extend([
            money(Some(&row.total)),
            money(Some(&row.personnel)),
            money(Some(&row.public)),
        ]);
        w.row(&cells)?;
    }
    let total = table.and_then(|t| t.total.as_ref());
    w.total_row(&[
        Cell::Blank,
        Cell::Blank,
        Cell::text("合计"),
        money(total.map(|t| &t.total)),
        money(total.map(|t| &t.personnel)),
        money(total.map(|t| &t.public)),
    ])?;
    if let Some(note) = ctx.note(table.map(|t| &t.meta), rows.is_empty()) {
        w.note(&note)?;
    }
    w.finish()
}

/// T2 or T11 as the writer sees it.
pub struct SourceTable<'a> {
    pub meta: &'a TableMeta,
    pub columns: &'a [String],
    pub rows: &'a [SourceRow],
    pub total: Option<&'a SourceRow>,
}

/// T2 部门收入总体情况表 and T11 上年结转结余情况明细表: function code × 合计 and sources. The
/// source columns are the table's own (its amounts are aligned with them); a table without
/// any takes the template's.
pub fn write_sources(
    ws: &mut Worksheet,
    ctx: &TableContext<'_>,
    table: Option<SourceTable<'_>>,
) -> Result<SheetLayout, XlsxError> {
    let template_sources: Vec<Cow<'_, str>> = ctx
        .spec
        .columns
        .iter()
        .skip_while(|c| **c != "合计")
        .skip(1)
        .map(|c| Cow::Borrowed(*c))
        .collect();
    let sources: Vec<Cow<'_, str>> = match &table {
        Some(t) if !t.columns.is_empty() => t
            .columns
            .iter()
            .map(|c| Cow::Borrowed(c.as_str()))
            .collect(),
        _ => template_sources,
    };
    let amount_cols = 1 + sources.len() as u16;
    let mut w = SheetWriter::begin(
        ws,
        ctx.styles,
        ctx.scale,
        4 + amount_cols,
        &ctx.title(),
        &ctx.header.unit,
    )?;
    let mut header = function_code_header(amount_group(ctx.spec.id), amount_cols);
    header.push(span(1, 4, 2, 1, "合计"));
    for (i, source) in sources.iter().enumerate() {
        header.push(span(1, 5 + i as u16, 2, 1, source.clone()));
    }
    w.header(3, &header)?;
    w.labels(4);
    let amounts = |row: &SourceRow| -> Vec<Cell<'static>> {
        let mut cells = vec![money(Some(&row.total))];
        cells.extend((0..sources.len()).map(|i| money(row.sources.get(i))));
        cells
    };
    let rows = table.as_ref().map_or(&[][..], |t| t.rows);
    for row in rows {
        let mut cells = label_cells(&row.label, 3);
        cells.extend(amounts(row));
        w.row(&cells)?;
    }
    let mut total = vec![Cell::Blank, Cell::Blank, Cell::Blank, Cell::text("合计")];
    match table.as_ref().and_then(|t| t.total) {
        Some(row) => total.extend(amounts(row)),
        None => total.extend(vec![Cell::Amount(Money::ZERO); usize::from(amount_cols)]),
    }
    w.total_row(&total)?;
    if let Some(note) = ctx.note(table.as_ref().map(|t| t.meta), rows.is_empty()) {
        w.note(&note)?;
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_split_into_text_parts_that_keep_their_zeros() {
        assert_eq!(code_parts("2010301"), ["201", "03", "01"]);
        assert_eq!(code_parts("20103"), ["201", "03", ""]);
        assert_eq!(code_parts("201"), ["201", "", ""]);
        assert_eq!(code_parts("30102"), ["301", "02", ""]);
    }

    #[test]
    fn a_label_becomes_code_cells_and_its_name() {
        let label = RowLabel {
            code: Some("2080505".to_string()),
            name: "机关事业单位基本养老保险缴费支出".to_string(),
            at: None,
            name_at: None,
        };
        assert_eq!(
            label_cells(&label, 3),
            vec![
                Cell::Code("208"),
                Cell::Code("05"),
                Cell::Code("05"),
                Cell::text("机关事业单位基本养老保险缴费支出"),
            ]
        );
        let economic = RowLabel {
            code: Some("302".to_string()),
            name: "商品和服务支出".to_string(),
            at: None,
            name_at: None,
        };
        assert_eq!(
            label_cells(&economic, 2),
            vec![Cell::Code("302"), Cell::Blank, Cell::text("商品和服务支出")]
        );
    }
}
