//! The nine 决算 tables F1–F9 as a print-ready workbook: one sheet per table of the
//! `FinalTemplate`, in its order, laid out as the Shanghai 2024 template prints them — F1 and F4
//! two-sided, the code tables with one 功能分类科目编码 column (205 / 20502 / 2050205), F6 in
//! two panels with the template's full list of 款, F7 with its three-row header over 预算数 and
//! 决算数 — with the conventions of the budget workbook (`sheet`, `paper`): 宋体 at 11 points
//! printed at 9 or more, 千分位 with two decimals, codes as text, 编制部门 and 单位：万元, header
//! rows repeated on every page, A4 at a scale that fits the width. F1, F5 and F6 print
//! portrait, as the published tables do; the others landscape.
//!
//! Every table ends with its "注：本表反映…" line; an F8/F9 without figures keeps its header and
//! 合计 and says "说明：<单位>本年度没有…故本表无数据。", as the template asks.

use std::path::Path;

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use crate::money::{Money, Scale};
use crate::tables::{
    FinalCodeTable, FinalColumn, FinalTableSpec, FinalTables, FinalTemplate, FinalThreePublicTable,
    TableId, TableMeta, ThreePublicPair, ValueRow,
};

use super::final_panels::{write_basic, write_grants, write_overview};
use super::sheet::{head, span, Cell, HeaderCell, SheetLayout, SheetWriter, Styles};
use super::{save_bytes, WorkbookHeader, WriteError};

/// The scale every 决算 table prints in.
const SCALE: Scale = Scale::Wanyuan;

/// Writes the 决算 workbook of `tables` in the order and titles of `template` to `path` (beside
/// it first, then moved over it).
pub fn write_final_workbook(
    tables: &FinalTables,
    template: &FinalTemplate,
    header: &WorkbookHeader,
    path: &Path,
) -> Result<(), WriteError> {
    let (bytes, _) = write_final_workbook_laid_out(tables, template, header)?;
    save_bytes(path, &bytes)
}

/// The 决算 workbook's bytes and the layout of each sheet, in the template's order.
pub fn write_final_workbook_laid_out(
    tables: &FinalTables,
    template: &FinalTemplate,
    header: &WorkbookHeader,
) -> Result<(Vec<u8>, Vec<SheetLayout>), WriteError> {
    let mut book = Workbook::new();
    book.set_zip_compression_level(1);
    let layouts = add_final_table_sheets(&mut book, tables, template, header)?;
    let bytes = book.save_to_buffer().map_err(|e| WriteError::Workbook {
        reason: e.to_string(),
    })?;
    Ok((bytes, layouts))
}

/// Adds one sheet per table of `template` to `book`, in the template's order. A table
/// `tables` does not have is written with its header and zero totals.
pub fn add_final_table_sheets(
    book: &mut Workbook,
    tables: &FinalTables,
    template: &FinalTemplate,
    header: &WorkbookHeader,
) -> Result<Vec<SheetLayout>, WriteError> {
    if template.tables.is_empty() {
        return Err(WriteError::EmptyTemplate {
            template: template.id.to_string(),
        });
    }
    let styles = Styles::new();
    let mut layouts = Vec::with_capacity(template.tables.len());
    for (index, spec) in template.tables.iter().enumerate() {
        let ctx = FinalContext {
            spec,
            header,
            styles: &styles,
            sheet: sheet_name(spec, index),
        };
        let ws = book.add_worksheet();
        let layout = write_table(ws, &ctx, tables).map_err(|e| WriteError::Sheet {
            sheet: ctx.sheet.clone(),
            title: spec.title.to_string(),
            reason: e.to_string(),
        })?;
        layouts.push(layout);
    }
    Ok(layouts)
}

/// "公开07表" as the template numbers the table, or "表7" by its place when it does not.
fn sheet_name(spec: &FinalTableSpec, index: usize) -> String {
    if spec.label.is_empty() {
        format!("表{}", index + 1)
    } else {
        spec.label.to_string()
    }
}

/// What every 决算 table writer needs besides its table.
pub(super) struct FinalContext<'a> {
    pub spec: &'a FinalTableSpec,
    pub header: &'a WorkbookHeader,
    pub styles: &'a Styles,
    pub sheet: String,
}

impl FinalContext<'_> {
    /// "2024年度收入决算表": the year tells a reader of the file which 决算 it is.
    pub fn title(&self) -> String {
        format!("{}年度{}", self.header.year, self.spec.title)
    }

    /// Starts the sheet: title, 编制部门 and 单位 line, `width` columns.
    pub fn begin<'w>(
        &'w self,
        ws: &'w mut Worksheet,
        width: u16,
    ) -> Result<SheetWriter<'w>, XlsxError> {
        SheetWriter::begin(
            ws,
            self.styles,
            SCALE,
            width,
            &self.title(),
            &self.header.unit,
        )
    }

    /// Writes the "注：本表反映…" line under the table, and for an empty F8/F9 the 说明: the one
    /// the table carries, or the template's sentence with the unit of the heading.
    pub fn notes(
        &self,
        w: &mut SheetWriter<'_>,
        meta: Option<&TableMeta>,
        empty: bool,
    ) -> Result<(), XlsxError> {
        w.note(reflects(self.spec))?;
        if empty {
            let note = meta
                .and_then(|m| m.empty_note.clone())
                .or_else(|| final_empty_note(self.spec, &self.header.unit));
            if let Some(note) = note {
                w.note(&note)?;
            }
        }
        Ok(())
    }
}

/// The "注：本表反映…" line of each table, as the Shanghai 2024 template words it.
fn reflects(spec: &FinalTableSpec) -> &'static str {
    match spec.id {
        TableId::F1 => "注：本表反映部门本年度的总收支和年末结转结余情况。",
        TableId::F2 => "注：本表反映部门本年度取得的各项收入情况。",
        TableId::F3 => "注：本表反映部门本年度各项支出情况。",
        TableId::F4 => "注：本表反映部门本年度财政拨款总收支和结转结余情况。",
        TableId::F5 => "注：本表反映部门本年度一般公共预算财政拨款支出情况。",
        TableId::F6 => "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。",
        TableId::F7 => "注：本表反映部门本年度“三公”经费支出预决算情况。",
        TableId::F8 => "注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。",
        TableId::F9 if !spec.columns.contains(&FinalColumn::Income) => {
            "注：本表反映部门本年度国有资本经营预算财政拨款支出情况。"
        }
        TableId::F9 => "注：本表反映部门本年度国有资本经营预算财政拨款收入支出及结转和结余情况。",
        _ => "",
    }
}

/// "说明：上海市普陀区规划和自然资源局本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。"
/// for an F8 or F9 without figures; None for the other tables.
pub fn final_empty_note(spec: &FinalTableSpec, unit: &str) -> Option<String> {
    let what = match spec.id {
        TableId::F8 => "政府性基金预算财政拨款收入和支出",
        TableId::F9 if !spec.columns.contains(&FinalColumn::Income) => {
            "国有资本经营预算财政拨款支出"
        }
        TableId::F9 => "国有资本经营预算财政拨款收入和支出",
        _ => return None,
    };
    Some(format!("说明：{unit}本年度没有{what}，故本表无数据。"))
}

fn write_table(
    ws: &mut Worksheet,
    ctx: &FinalContext<'_>,
    tables: &FinalTables,
) -> Result<SheetLayout, XlsxError> {
    ws.set_name(&ctx.sheet)?;
    match ctx.spec.id {
        TableId::F1 => write_overview(ws, ctx, tables.f1.as_ref()),
        TableId::F4 => write_grants(ws, ctx, tables.f4.as_ref()),
        TableId::F6 => write_basic(ws, ctx, tables.f6.as_ref()),
        TableId::F7 => write_three_public(ws, ctx, tables.f7.as_ref()),
        id @ (TableId::F2 | TableId::F3 | TableId::F5 | TableId::F8 | TableId::F9) => {
            write_code_table(ws, ctx, tables.code_table(id))
        }
        // A 决算 template lists 决算 tables only; the 预算 tables have their own writer.
        id => Err(XlsxError::ParameterError(format!(
            "决算公开表中没有{}",
            id.standard_title()
        ))),
    }
}

/// The header of an amount column: 合计 is 本年收入合计 in F2, 本年支出合计 in F3.
fn column_header(id: TableId, column: FinalColumn) -> &'static str {
    match (id, column) {
        (TableId::F2, FinalColumn::Total) => "本年收入合计",
        (TableId::F3, FinalColumn::Total) => "本年支出合计",
        (_, FinalColumn::Spending) => "合计",
        (_, c) => c.label(),
    }
}

/// The columns under "本年支出" (F8/F9: 合计, 基本支出, 项目支出), when they stand together.
fn spending_group(columns: &[FinalColumn]) -> Option<(usize, usize)> {
    let start = columns.iter().position(|c| *c == FinalColumn::Spending)?;
    let len = columns[start..]
        .iter()
        .take_while(|c| {
            matches!(
                c,
                FinalColumn::Spending | FinalColumn::Basic | FinalColumn::Project
            )
        })
        .count();
    Some((start, len))
}

fn amounts(values: &[crate::tables::Amount], width: usize) -> Vec<Cell<'static>> {
    (0..width)
        .map(|i| Cell::Amount(values.get(i).map_or(Money::ZERO, |a| a.value)))
        .collect()
}

/// F2, F3, F5, F8, F9: 项目 (功能分类科目编码 | 科目名称) × the table's amount columns; the 合计
/// row first, except in F5, which prints it last.
fn write_code_table(
    ws: &mut Worksheet,
    ctx: &FinalContext<'_>,
    table: Option<&FinalCodeTable>,
) -> Result<SheetLayout, XlsxError> {
    let id = ctx.spec.id;
    let columns: &[FinalColumn] = table.map_or(ctx.spec.columns, |t| t.columns.as_slice());
    let width = columns.len();
    let mut w = ctx.begin(ws, 2 + width as u16)?;
    if id == TableId::F5 {
        w.portrait();
    }
    let mut header: Vec<HeaderCell<'_>> = vec![
        span(0, 0, 1, 2, "项目"),
        head(1, 0, "功能分类科目编码"),
        head(1, 1, "科目名称"),
    ];
    let group = spending_group(columns);
    if let Some((start, len)) = group {
        header.push(span(0, 2 + start as u16, 1, len as u16, "本年支出"));
    }
    for (i, column) in columns.iter().enumerate() {
        let col = 2 + i as u16;
        let text = column_header(id, *column);
        match group {
            Some((start, len)) if (start..start + len).contains(&i) => {
                header.push(head(1, col, text))
            }
            _ => header.push(span(0, col, 2, 1, text)),
        }
    }
    w.header(2, &header)?;
    w.labels(2);
    let total_row = |row: Option<&ValueRow>| -> Vec<Cell<'static>> {
        let mut cells = vec![Cell::Blank, Cell::text("合计")];
        cells.extend(amounts(row.map_or(&[][..], |r| &r.values), width));
        cells
    };
    let total = table.and_then(|t| t.total.as_ref());
    let total_last = id == TableId::F5;
    if !total_last {
        w.total_row(&total_row(total))?;
    }
    let rows = table.map_or(&[][..], |t| t.rows.as_slice());
    for row in rows {
        let mut cells = vec![
            row.label.code.as_deref().map_or(Cell::Blank, Cell::Code),
            Cell::text(row.label.name.as_str()),
        ];
        cells.extend(amounts(&row.values, width));
        w.row(&cells)?;
    }
    if total_last {
        w.total_row(&total_row(total))?;
    }
    ctx.notes(&mut w, table.map(|t| &t.meta), rows.is_empty())?;
    w.finish()
}

/// F7: 合计 | 因公出国（境）费 | 公务用车购置及运行维护费 (小计, 购置费, 运行维护费) | 公务接待费, each
/// as 预算数 and 决算数, under "财政拨款“三公”经费"; one row of twelve figures.
fn write_three_public(
    ws: &mut Worksheet,
    ctx: &FinalContext<'_>,
    table: Option<&FinalThreePublicTable>,
) -> Result<SheetLayout, XlsxError> {
    let mut w = ctx.begin(ws, 12)?;
    let mut header = vec![
        span(0, 0, 1, 12, "财政拨款“三公”经费"),
        span(1, 0, 2, 2, "合计"),
        span(1, 2, 2, 2, "因公出国（境）费"),
        span(1, 4, 1, 6, "公务用车购置及运行维护费"),
        span(2, 4, 1, 2, "小计"),
        span(2, 6, 1, 2, "公务用车购置费"),
        span(2, 8, 1, 2, "公务用车运行维护费"),
        span(1, 10, 2, 2, "公务接待费"),
    ];
    for i in 0..6u16 {
        header.push(head(3, 2 * i, "预算数"));
        header.push(head(3, 2 * i + 1, "决算数"));
    }
    w.header(4, &header)?;
    let items: [Option<&ThreePublicPair>; 6] = match table {
        Some(t) => [
            t.total.as_ref(),
            t.outbound.as_ref(),
            t.vehicle_subtotal.as_ref(),
            t.vehicle_purchase.as_ref(),
            t.vehicle_operation.as_ref(),
            t.reception.as_ref(),
        ],
        None => [None; 6],
    };
    let cells: Vec<Cell<'_>> = items
        .iter()
        .flat_map(|pair| {
            let (budget, actual) = pair.map_or((Money::ZERO, Money::ZERO), |p| {
                (p.budget.value, p.actual.value)
            });
            [Cell::Amount(budget), Cell::Amount(actual)]
        })
        .collect();
    w.row(&cells)?;
    ctx.notes(&mut w, None, false)?;
    w.finish()
}
