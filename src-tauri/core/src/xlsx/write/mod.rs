//! The standard disclosure workbook: one sheet per table of the template, in the template's
//! order, laid out as the published tables are (seeds 003 and 004) — merged title, 编制部门 and
//! 单位 line, merged multi-row headers, codes as text, amounts as numbers in `#,##0.00`, 宋体,
//! borders, A4 landscape at a scale that keeps the text at 9 points or more, the header rows
//! repeated on every page and the 合计 never alone on one (see `paper`). A table the
//! disclosure does not have, or one without rows, is still published with its header and the
//! "…未安排…，此表为空表。" note.
//!
//! The workbook is what the reader (`xlsx::read`) recognises back into the same tables, so an
//! exported disclosure can be checked like any workbook sent in.

mod code_tables;
mod final_panels;
mod final_tables;
mod overview;
pub mod paper;
mod projects;
mod sheet;
mod three_public;

use crate::error::{CoreError, ErrorCode};
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use crate::money::Scale;
use crate::tables::{BudgetTables, TableId, TableMeta, TableSpec, Template};

pub use final_tables::{
    add_final_table_sheets, final_empty_note, write_final_workbook, write_final_workbook_laid_out,
};
pub use paper::Orientation;
pub use sheet::SheetLayout;
use sheet::Styles;

/// Who the workbook is for: printed as "编制部门：…" and in the titles and notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkbookHeader {
    /// 编制部门, e.g. "若羌县人民政府办公室".
    pub unit: String,
    /// The budget year, e.g. 2024.
    pub year: i32,
}

/// Why the workbook could not be written. Messages are one Chinese sentence each.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The template lists no table to write.
    #[error("模板“{template}”不包含任何表，无法导出公开工作簿。")]
    EmptyTemplate {
        /// The template's id.
        template: String,
    },
    /// One sheet could not be written.
    #[error("生成工作表“{sheet}”（{title}）失败：{reason}")]
    Sheet {
        /// The sheet's name.
        sheet: String,
        /// The table's title.
        title: String,
        /// What the writer said.
        reason: String,
    },
    /// The workbook could not be put together.
    #[error("生成工作簿失败：{reason}")]
    Workbook {
        /// What the writer said.
        reason: String,
    },
    /// The file could not be written.
    #[error("写入文件 {path} 失败：{}。", crate::text::io_reason(.source))]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

impl WriteError {
    /// The kind of failure, as the UI branches on it ([`ErrorCode`]).
    pub fn code(&self) -> ErrorCode {
        match self {
            WriteError::EmptyTemplate { .. } => ErrorCode::EmptyTemplate,
            WriteError::Sheet { .. } => ErrorCode::SheetWriteFailed,
            WriteError::Workbook { .. } => ErrorCode::WorkbookWriteFailed,
            WriteError::Io { source, .. } => crate::error::io_code(source),
        }
    }
}

/// A workbook that could not be written reaches the shell with its code.
impl From<WriteError> for CoreError {
    fn from(err: WriteError) -> Self {
        CoreError::area(err.code(), &err)
    }
}

/// Writes the standard disclosure workbook of `tables` in the layout of `template` and returns
/// the .xlsx file's bytes.
pub fn write_disclosure_workbook(
    tables: &BudgetTables,
    template: &Template,
    header: &WorkbookHeader,
) -> Result<Vec<u8>, WriteError> {
    let mut book = Workbook::new();
    // A disclosure workbook is a few dozen KB: the fastest deflate level costs a few KB and
    // halves the time spent compressing.
    book.set_zip_compression_level(1);
    add_table_sheets(&mut book, tables, template, header)?;
    book.save_to_buffer().map_err(|e| WriteError::Workbook {
        reason: e.to_string(),
    })
}

/// The standard disclosure workbook's bytes with the layout of each sheet, in the template's
/// order: what the .docx needs to print the same tables.
pub fn write_disclosure_workbook_laid_out(
    tables: &BudgetTables,
    template: &Template,
    header: &WorkbookHeader,
) -> Result<(Vec<u8>, Vec<SheetLayout>), WriteError> {
    let mut book = Workbook::new();
    book.set_zip_compression_level(1);
    let layouts = add_table_sheets(&mut book, tables, template, header)?;
    let bytes = book.save_to_buffer().map_err(|e| WriteError::Workbook {
        reason: e.to_string(),
    })?;
    Ok((bytes, layouts))
}

/// Adds one sheet per table of `template` to `book`, in the template's order: the tables part
/// of the standard workbook, also used inside the complete document workbook. Returns the
/// layout of each sheet.
pub fn add_table_sheets(
    book: &mut Workbook,
    tables: &BudgetTables,
    template: &Template,
    header: &WorkbookHeader,
) -> Result<Vec<SheetLayout>, WriteError> {
    if template.tables.is_empty() {
        return Err(WriteError::EmptyTemplate {
            template: template.id.to_string(),
        });
    }
    let styles = Styles::new();
    let mut layouts = Vec::with_capacity(template.tables.len());
    for spec in template.tables {
        let ctx = TableContext {
            spec,
            header,
            scale: template.scale,
            styles: &styles,
        };
        let ws = book.add_worksheet();
        let layout = write_table(ws, &ctx, tables).map_err(|e| WriteError::Sheet {
            sheet: ctx.sheet_name(),
            title: spec.title.to_string(),
            reason: e.to_string(),
        })?;
        layouts.push(layout);
    }
    Ok(layouts)
}

/// Writes the workbook to `path`. The file is written beside the target first and then moved
/// over it, so a failed export never leaves a half-written workbook under the chosen name.
pub fn save_disclosure_workbook(
    path: &Path,
    tables: &BudgetTables,
    template: &Template,
    header: &WorkbookHeader,
) -> Result<(), WriteError> {
    let bytes = write_disclosure_workbook(tables, template, header)?;
    save_bytes(path, &bytes)
}

/// Writes the workbook through [`crate::files::write_whole`]: complete or not at all.
fn save_bytes(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    crate::files::write_whole(path, bytes).map_err(|source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// What every table writer needs besides its table.
pub(crate) struct TableContext<'a> {
    pub spec: &'a TableSpec,
    pub header: &'a WorkbookHeader,
    pub scale: Scale,
    pub styles: &'a Styles,
}

impl TableContext<'_> {
    /// "表3", as the template numbers the table.
    pub fn sheet_name(&self) -> String {
        format!("表{}", self.spec.number)
    }

    /// "2024年部门支出总体情况表": the year in the title tells a reader of the file (and
    /// `budget-cli import`) which year the tables are for.
    pub fn title(&self) -> String {
        format!("{}年{}", self.header.year, self.spec.title)
    }

    /// The note under the table: the one the table carries, or for an empty table the
    /// sentence the seeds print.
    pub fn note(&self, meta: Option<&TableMeta>, empty: bool) -> Option<String> {
        meta.and_then(|m| m.empty_note.clone())
            .or_else(|| empty.then(|| empty_table_note(self.spec, self.header)))
    }
}

/// "备注：若羌县人民政府办公室2024年未安排国有资本经营预算拨款，国有资本经营预算支出情况表为空表。"
pub fn empty_table_note(spec: &TableSpec, header: &WorkbookHeader) -> String {
    format!(
        "备注：{}{}年未安排{}，{}为空表。",
        header.unit,
        header.year,
        not_arranged(spec.id),
        spec.title
    )
}

/// What an empty table says was not arranged.
fn not_arranged(id: TableId) -> &'static str {
    match id {
        TableId::T1 => "收支预算",
        TableId::T2 => "收入预算",
        TableId::T3 => "支出预算",
        TableId::T4 => "财政拨款收支预算",
        TableId::T5 => "一般公共预算拨款",
        TableId::T6 => "一般公共预算基本支出",
        TableId::T7 => "一般公共预算项目支出",
        TableId::T8 => "政府性基金预算拨款",
        TableId::T9 => "国有资本经营预算拨款",
        TableId::T10 => "“三公”经费",
        TableId::T11 => "上年结转结余",
        TableId::F1 | TableId::F2 | TableId::F3 => "收入支出决算",
        TableId::F4 => "财政拨款收入支出决算",
        TableId::F5 => "一般公共预算财政拨款支出决算",
        TableId::F6 => "一般公共预算财政拨款基本支出决算",
        TableId::F7 => "“三公”经费决算",
        TableId::F8 => "政府性基金预算财政拨款收入支出决算",
        TableId::F9 => "国有资本经营预算财政拨款收入支出决算",
    }
}

fn write_table(
    ws: &mut Worksheet,
    ctx: &TableContext<'_>,
    tables: &BudgetTables,
) -> Result<SheetLayout, XlsxError> {
    ws.set_name(ctx.sheet_name())?;
    match ctx.spec.id {
        TableId::T1 => overview::write_overview(ws, ctx, tables.t1.as_ref()),
        TableId::T4 => overview::write_grants(ws, ctx, tables.t4.as_ref()),
        TableId::T3 => {
            code_tables::write_expenditure(ws, ctx, tables.t3.as_ref().map(|t| (&t.meta, &t.body)))
        }
        TableId::T5 => {
            code_tables::write_expenditure(ws, ctx, tables.t5.as_ref().map(|t| (&t.meta, &t.body)))
        }
        TableId::T8 => {
            code_tables::write_expenditure(ws, ctx, tables.t8.as_ref().map(|t| (&t.meta, &t.body)))
        }
        TableId::T9 => {
            code_tables::write_expenditure(ws, ctx, tables.t9.as_ref().map(|t| (&t.meta, &t.body)))
        }
        TableId::T6 => code_tables::write_basic_expenditure(ws, ctx, tables.t6.as_ref()),
        TableId::T2 => code_tables::write_sources(
            ws,
            ctx,
            tables.t2.as_ref().map(|t| code_tables::SourceTable {
                meta: &t.meta,
                columns: &t.source_columns,
                rows: &t.rows,
                total: t.total.as_ref(),
            }),
        ),
        TableId::T11 => code_tables::write_sources(
            ws,
            ctx,
            tables.t11.as_ref().map(|t| code_tables::SourceTable {
                meta: &t.meta,
                columns: &t.source_columns,
                rows: &t.rows,
                total: t.total.as_ref(),
            }),
        ),
        TableId::T7 => projects::write_projects(ws, ctx, tables.t7.as_ref()),
        TableId::T10 => three_public::write_three_public(ws, ctx, tables.t10.as_ref()),
        // A budget template lists budget tables only; the 决算 tables have their own writer.
        id => Err(XlsxError::ParameterError(format!(
            "预算公开表中没有{}",
            id.standard_title()
        ))),
    }
}

#[cfg(test)]
mod tests;
