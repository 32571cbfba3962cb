//! Recognising a whole workbook: which sheets hold which standard tables, the unit (编制部门)
//! and year, the template, and which sheets are something else (cover, prose, targets).

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::tables::{
    bare_title, final_templates, printed_name, split_table_label, templates, BasicExpenditureTable,
    BudgetTables, CarryoverTable, CellRef, DepartmentExpenditureTable, FinalTables,
    FiscalGrantTable, GeneralBudgetExpenditureTable, GovernmentFundExpenditureTable, IncomeTable,
    OverviewTable, ProjectExpenditureTable, StateCapitalExpenditureTable, TableId, TableMeta,
    ThreePublicTable,
};

use super::grid::SheetGrid;
use super::layout::{analyse_block, find_titles, split_public_label};
use super::parse_code_tables::{
    parse_basic_expenditure, parse_expenditure, parse_projects, parse_sources, CellReader,
};
use super::parse_final::read_final;
use super::parse_overview::{parse_grants, parse_overview};
use super::parse_three_public::parse_three_public;
use super::Workbook;
use crate::text::fold_label;

/// What a workbook holds, by what its sheets say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// 部门预算 tables (预算公开表).
    BudgetTables,
    /// 部门决算 tables (F1–F9).
    FinalAccounts,
    /// 绩效目标 tables and no standard table.
    Targets,
    /// A 绩效自评表.
    SelfEvaluation,
    /// Nothing recognised.
    Unknown,
}

/// A table found in the workbook, as listed to the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct RecognisedTable {
    /// Internal key of the kind of table; never shown (schemes number tables differently).
    pub id: TableId,
    /// The sheet it was found on.
    pub sheet: String,
    /// The title as printed.
    pub title: String,
    /// The number printed for the table ("表8", "附表1"), when the workbook prints one.
    #[serde(default)]
    pub label: Option<String>,
    /// What the user reads: "表8 “三公”经费支出情况表" (the title alone without a number).
    #[serde(default)]
    pub name: String,
    /// A1 reference of the title cell.
    pub cell: String,
    /// True when the table carries its "此表为空表" note.
    pub empty: bool,
}

/// Everything recognising a workbook found: its kind, its tables read, and what it names.
#[derive(Debug, Clone)]
pub struct RecognisedWorkbook {
    /// What the workbook holds: 决算 when at least half its tables are 决算 tables.
    pub kind: DocumentKind,
    /// The 预算 tables read (each None when not found).
    pub tables: BudgetTables,
    /// The 决算 tables, when the workbook holds any.
    pub final_tables: FinalTables,
    /// Every table found, in workbook order.
    pub recognised: Vec<RecognisedTable>,
    /// Sheets that hold no standard table (cover, 目录, prose, 绩效目标: the targets reader
    /// looks at these) and are no 自评表.
    pub unrecognised_sheets: Vec<String>,
    /// Tables found twice: the first is used, these are listed (sheet, id).
    pub duplicates: Vec<(String, TableId)>,
    /// 编制单位 of the first table that names one.
    pub unit: Option<String>,
    /// The year a table title, a "(2024年)" line or a cover heading states.
    pub year: Option<i32>,
    /// The template whose titles match best, e.g. "county-11".
    pub template: Option<&'static str>,
}

/// Recognises the standard tables of `book`.
pub fn recognise(book: &Workbook) -> RecognisedWorkbook {
    let mut out = RecognisedWorkbook {
        kind: DocumentKind::Unknown,
        tables: BudgetTables::default(),
        final_tables: FinalTables::default(),
        recognised: Vec::new(),
        unrecognised_sheets: Vec::new(),
        duplicates: Vec::new(),
        unit: None,
        year: None,
        template: None,
    };
    let year = find_year(book);
    let catalog = Catalog::embedded(year.unwrap_or(2024));
    out.year = year;
    for grid in &book.sheets {
        // A 目录 lists every table's title: it holds none of them.
        let found = !is_contents(grid) && recognise_sheet(grid, catalog, &mut out);
        if !found {
            out.unrecognised_sheets.push(grid.name.clone());
        }
    }
    out.unit = out
        .tables
        .metas()
        .chain(out.final_tables.metas())
        .find_map(|m| m.unit.clone());
    let finals = out.recognised.iter().filter(|r| r.id.is_final()).count();
    out.kind = if out.recognised.is_empty() {
        other_kind(book)
    } else if finals * 2 >= out.recognised.len() {
        // A 决算 workbook may carry a table titled as in a 预算 (Yunnan's 三公 without 决算).
        DocumentKind::FinalAccounts
    } else {
        DocumentKind::BudgetTables
    };
    out.template = if out.kind == DocumentKind::FinalAccounts {
        best_final_template(&out.recognised)
    } else {
        best_template(&out.recognised)
    };
    if out.kind == DocumentKind::SelfEvaluation {
        // The 自评表 sheets are what the workbook is; nothing else reads them.
        out.unrecognised_sheets.retain(|name| {
            book.sheet(name)
                .and_then(sheet_kind)
                .is_none_or(|k| k != DocumentKind::SelfEvaluation)
        });
    }
    out
}

/// A table of contents: named 目录, or with 目录 as its first text.
fn is_contents(grid: &SheetGrid) -> bool {
    let first_text = (0..grid.height().min(5))
        .flat_map(|r| {
            grid.row_cells(r)
                .map(|(_, v)| fold_label(&v.display()))
                .collect::<Vec<_>>()
        })
        .find(|t| !t.is_empty());
    fold_label(&grid.name) == "目录" || first_text.as_deref() == Some("目录")
}

/// Reads every standard table whose title is on `grid` into `out`; true when the sheet holds
/// at least one (a table found twice counts, and is listed in `duplicates`).
fn recognise_sheet(grid: &SheetGrid, catalog: &Catalog, out: &mut RecognisedWorkbook) -> bool {
    let titles = find_titles(grid);
    let mut found = false;
    for (i, (row, col, title, id)) in titles.iter().enumerate() {
        let limit = titles.get(i + 1).map_or(grid.height(), |t| t.0);
        let Some(block) = analyse_block(grid, *id, title.clone(), *row, limit) else {
            continue;
        };
        if out.tables.has(*id) || out.final_tables.has(*id) {
            out.duplicates.push((grid.name.clone(), *id));
            found = true;
            continue;
        }
        let reader = CellReader::new(grid, &block, catalog);
        let title_at = CellRef::new(&grid.name, *row, *col);
        let mut meta = reader.meta(title_at);
        let above = i.checked_sub(1).map_or(0, |p| titles[p].0 + 1);
        meta.label = printed_label(grid, &titles, i, above, block.data_first);
        let mut title = title.clone();
        if let Some((label, rest)) = split_public_label(&title).filter(|(_, r)| !r.is_empty()) {
            // "公开07表财政拨款“三公”经费支出决算表": the number is the label, not the title.
            meta.label = Some(label);
            title = rest.to_string();
            meta.title = title.clone();
        }
        let label = meta.label.clone();
        if id.is_final() && meta.unit.is_none() {
            meta.unit = heading_unit(grid, above, *row);
        }
        if !read_table(*id, reader, meta, out) {
            continue;
        }
        found = true;
        out.recognised.push(RecognisedTable {
            id: *id,
            sheet: grid.name.clone(),
            name: printed_name(label.as_deref(), &title),
            title,
            label,
            cell: crate::text::a1(*row, *col),
            empty: block.empty_note.is_some(),
        });
    }
    found
}

/// Parses the table `id` with `reader` and puts it, with its `meta`, into `out`'s 预算 or 决算
/// tables; false when its body could not be read (nothing is stored then).
fn read_table(
    id: TableId,
    mut reader: CellReader<'_>,
    meta: TableMeta,
    out: &mut RecognisedWorkbook,
) -> bool {
    let t = &mut out.tables;
    match id {
        TableId::T1 => {
            let Some(body) = parse_overview(&mut reader) else {
                return false;
            };
            t.t1 = Some(OverviewTable {
                meta: reader.finish(meta),
                income: body.income,
                income_total: body.income_total,
                classes: body.classes,
                other_expenditure: body.other_expenditure,
                expenditure_total: body.expenditure_total,
            });
        }
        TableId::T4 => {
            let Some(body) = parse_grants(&mut reader) else {
                return false;
            };
            t.t4 = Some(FiscalGrantTable {
                meta: reader.finish(meta),
                income: body.income,
                income_total: body.income_total,
                classes: body.classes,
                expenditure_total: body.expenditure_total,
            });
        }
        TableId::T3 | TableId::T5 | TableId::T8 | TableId::T9 => {
            let body = parse_expenditure(&mut reader);
            let meta = reader.finish(meta);
            match id {
                TableId::T3 => t.t3 = Some(DepartmentExpenditureTable { meta, body }),
                TableId::T5 => t.t5 = Some(GeneralBudgetExpenditureTable { meta, body }),
                TableId::T8 => t.t8 = Some(GovernmentFundExpenditureTable { meta, body }),
                _ => t.t9 = Some(StateCapitalExpenditureTable { meta, body }),
            }
        }
        TableId::T6 => {
            let (rows, total) = parse_basic_expenditure(&mut reader);
            t.t6 = Some(BasicExpenditureTable {
                meta: reader.finish(meta),
                rows,
                total,
            });
        }
        TableId::T7 => {
            let body = parse_projects(&mut reader);
            t.t7 = Some(ProjectExpenditureTable {
                meta: reader.finish(meta),
                economic_columns: body.economic_columns,
                rows: body.rows,
                total: body.total,
            });
        }
        TableId::T2 | TableId::T11 => read_sources_table(id, reader, meta, t),
        TableId::T10 => {
            let body = parse_three_public(&mut reader);
            t.t10 = Some(ThreePublicTable {
                meta: reader.finish(meta),
                total: body.total,
                outbound: body.outbound,
                reception: body.reception,
                vehicle_subtotal: body.vehicle_subtotal,
                vehicle_purchase: body.vehicle_purchase,
                vehicle_operation: body.vehicle_operation,
                office_operation: body.office_operation,
            });
        }
        _ => return read_final(&mut reader, meta, &mut out.final_tables),
    }
    true
}

/// T2 (收入预算表) or T11 (结转结余): the same layout, by fund source.
fn read_sources_table(
    id: TableId,
    mut reader: CellReader<'_>,
    meta: TableMeta,
    t: &mut BudgetTables,
) {
    let body = parse_sources(&mut reader);
    let meta = reader.finish(meta);
    if id == TableId::T2 {
        t.t2 = Some(IncomeTable {
            meta,
            source_columns: body.source_columns,
            rows: body.rows,
            total: body.total,
        });
    } else {
        t.t11 = Some(CarryoverTable {
            meta,
            source_columns: body.source_columns,
            rows: body.rows,
            total: body.total,
        });
    }
}

/// The number the workbook prints for the table whose title is `titles[index]`: in the title
/// itself ("表1 部门收支总体情况表"), in a cell of its own on the title's row, just above it
/// (from row `above` on) or below it before the data (which starts at row `data_first`), or
/// else as the name of a sheet that holds this one table ("表8", "表8 三公经费").
fn printed_label(
    grid: &SheetGrid,
    titles: &[(u32, u32, String, TableId)],
    index: usize,
    above: u32,
    data_first: u32,
) -> Option<String> {
    let (row, col, title, _) = &titles[index];
    if let Some((label, rest)) = table_number(title) {
        if !rest.is_empty() {
            return Some(label);
        }
    }
    let label_in_row = |r: u32| {
        grid.row_cells(r)
            .filter(|(c, _)| !(r == *row && c == col))
            .find_map(|(_, v)| {
                table_number(&v.display())
                    .filter(|(_, rest)| rest.is_empty())
                    .map(|(label, _)| label)
            })
    };
    let nearby = std::iter::once(*row)
        .chain((above.max(row.saturating_sub(3))..*row).rev())
        .chain(row + 1..data_first.min(row + 4));
    for r in nearby {
        if let Some(label) = label_in_row(r) {
            return Some(label);
        }
    }
    if titles.len() == 1 {
        return table_number(&grid.name).map(|(label, _)| label);
    }
    None
}

/// "表8", "附表1" or the 决算 "公开07表" at the start of `text`, and the text after it.
fn table_number(text: &str) -> Option<(String, &str)> {
    split_table_label(text).or_else(|| split_public_label(text))
}

/// The unit a 决算 workbook names in its heading above the table ("上海市XX局2024年度部门决算表"),
/// looked for from row `from` up to the title at `title_row`.
fn heading_unit(grid: &SheetGrid, from: u32, title_row: u32) -> Option<String> {
    (from..title_row).find_map(|r| {
        grid.row_cells(r).find_map(|(_, v)| {
            let folded = fold_label(&v.display());
            let (_, end) = year_in(&folded)?;
            let unit = &folded[..end - "0000年".len()];
            let rest = folded[end..].trim_start_matches('度');
            (!unit.is_empty() && rest.contains("决算") && rest.chars().count() <= 8)
                .then(|| unit.to_string())
        })
    })
}

/// The 决算 template whose order of tables the workbook follows best (the longest run of its
/// tables found in the template's order), then whose titles match most; the default template
/// on a tie.
fn best_final_template(found: &[RecognisedTable]) -> Option<&'static str> {
    let order: Vec<TableId> = found
        .iter()
        .map(|r| r.id)
        .filter(|id| id.is_final())
        .collect();
    let mut best: Option<(usize, &'static str)> = None;
    for template in final_templates() {
        let ids: Vec<TableId> = template.tables.iter().map(|s| s.id).collect();
        let titles = found
            .iter()
            .filter(|r| {
                template.spec(r.id).is_some_and(|s| {
                    fold_label(s.title) == strip_year(&fold_label(bare_title(&r.title)))
                })
            })
            .count();
        let score = common_subsequence(&order, &ids) * 2 + titles;
        if score > 0 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, template.id));
        }
    }
    best.map(|(_, id)| id)
}

/// The length of the longest common subsequence of `a` and `b`.
fn common_subsequence(a: &[TableId], b: &[TableId]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    for x in a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The template most of whose titles appear as printed.
fn best_template(found: &[RecognisedTable]) -> Option<&'static str> {
    templates()
        .iter()
        .map(|t| {
            let hits = found
                .iter()
                .filter(|r| {
                    t.spec(r.id).is_some_and(|s| {
                        fold_label(s.title) == strip_year(&fold_label(bare_title(&r.title)))
                    })
                })
                .count();
            (hits, t.id)
        })
        .filter(|(hits, _)| *hits > 0)
        .max_by_key(|(hits, _)| *hits)
        .map(|(_, id)| id)
}

fn strip_year(folded: &str) -> String {
    match year_in(folded) {
        Some((_, end)) if folded[..end].len() <= 7 => folded[end..].to_string(),
        _ => folded.to_string(),
    }
}

/// The first "20xx年" in `text`: (year, byte offset after 年).
fn year_in(text: &str) -> Option<(i32, usize)> {
    let bytes = text.as_bytes();
    let pos = text.find('年')?;
    if pos < 4 || !bytes[pos - 4..pos].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let year: i32 = text[pos - 4..pos].parse().ok()?;
    (2000..=2100)
        .contains(&year)
        .then_some((year, pos + '年'.len_utf8()))
}

/// The year the workbook states: in a table title, a "(2024年)" line, or a cover heading
/// ("2024年部门预算公开表"). Dates ("2023年12月11日") and prose are not read.
fn find_year(book: &Workbook) -> Option<i32> {
    for grid in &book.sheets {
        for row in 0..grid.height().min(12) {
            for (_, value) in grid.row_cells(row) {
                let folded = fold_label(&value.display());
                if folded.chars().count() > 40 || folded.contains('月') || folded.contains("……")
                {
                    continue;
                }
                let stated =
                    folded.contains("预算") || folded.contains("决算") || folded.starts_with('(');
                if let Some((year, _)) = year_in(&folded).filter(|_| stated) {
                    return Some(year);
                }
            }
        }
    }
    None
}

/// Workbooks that hold no budget table: performance targets or a self-evaluation.
fn other_kind(book: &Workbook) -> DocumentKind {
    book.sheets
        .iter()
        .find_map(sheet_kind)
        .unwrap_or(DocumentKind::Unknown)
}

/// What the first rows of a sheet say it is: a 自评表 or 绩效目标.
fn sheet_kind(grid: &SheetGrid) -> Option<DocumentKind> {
    for row in 0..grid.height().min(4) {
        for (_, value) in grid.row_cells(row) {
            let f = fold_label(&value.display());
            if f.contains("自评") {
                return Some(DocumentKind::SelfEvaluation);
            }
            if f.contains("绩效目标") {
                return Some(DocumentKind::Targets);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_read_from_headings_not_dates() {
        assert_eq!(year_in("2024年部门预算公开表"), Some((2024, 7)));
        assert_eq!(year_in("(2024年)").map(|y| y.0), Some(2024));
        assert_eq!(year_in("第12年"), None);
        assert_eq!(strip_year("2026年部门支出预算总表"), "部门支出预算总表");
    }
}
