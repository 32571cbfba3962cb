//! The 决算 tables F2, F3, F5, F8, F9 (function codes × the columns printed), F6 (economic codes
//! in side-by-side panels) and F7 (三公 预算数/决算数), and the one entry that reads any 决算
//! table into `FinalTables` (F1 and F4, the two-sided tables, are in `parse_final_overview`).

use std::ops::Range;

use crate::tables::{
    FinalBasicTable, FinalCodeTable, FinalColumn, FinalTables, FinalThreePublicTable, IncomeItem,
    RowLabel, TableId, TableMeta, ThreePublicPair, ValueRow,
};

use super::layout::{is_total_label, note_text, Block};
use super::parse_code_tables::{read_label, CellReader, CodeColumns, CodeKind};
use super::parse_final_overview::{parse_final_grants, parse_final_overview};
use crate::text::fold_label;

/// Reads the 决算 table under `reader` into `tables`. False when the layout is not understood
/// (no amount column the table needs), so the caller can list the sheet as unrecognised.
pub fn read_final(reader: &mut CellReader<'_>, meta: TableMeta, tables: &mut FinalTables) -> bool {
    match meta.id {
        TableId::F1 => match parse_final_overview(reader, meta) {
            Some(t) => tables.f1 = Some(t),
            None => return false,
        },
        TableId::F4 => match parse_final_grants(reader, meta) {
            Some(t) => tables.f4 = Some(t),
            None => return false,
        },
        TableId::F6 => match parse_final_basic(reader, meta) {
            Some(t) => tables.f6 = Some(t),
            None => return false,
        },
        TableId::F7 => match parse_final_three_public(reader, meta) {
            Some(t) => tables.f7 = Some(t),
            None => return false,
        },
        id @ (TableId::F2 | TableId::F3 | TableId::F5 | TableId::F8 | TableId::F9) => {
            let Some(table) = parse_final_code(reader, meta) else {
                return false;
            };
            let slot = match id {
                TableId::F2 => &mut tables.f2,
                TableId::F3 => &mut tables.f3,
                TableId::F5 => &mut tables.f5,
                TableId::F8 => &mut tables.f8,
                _ => &mut tables.f9,
            };
            *slot = Some(table);
        }
        _ => return false,
    }
    true
}

/// The data rows of the table up to its first note: "注：本表反映…" ends a 决算 table, and the
/// "说明：…故本表无数据。" under it is no row either.
pub(super) fn rows_before_notes(reader: &CellReader<'_>) -> Vec<u32> {
    let grid = reader.grid;
    reader
        .block
        .data_rows()
        .take_while(|r| note_text(grid, *r).is_none())
        .collect()
}

/// A row's label; failing that, the first text among `label_cols`: an export merges "合计" or
/// "人员经费合计" over the code and name columns, which leaves it in the code column, where
/// `read_label` looks for codes only.
fn row_label(
    reader: &CellReader<'_>,
    cols: &CodeColumns,
    row: u32,
    kind: CodeKind,
    label_cols: Range<u32>,
) -> Option<RowLabel> {
    read_label(reader, cols, row, kind).or_else(|| {
        label_cols.into_iter().find_map(|c| {
            let text = reader.text(row, c);
            (!text.is_empty()).then(|| RowLabel {
                code: None,
                name: text,
                at: Some(reader.at(row, c)),
                name_at: None,
            })
        })
    })
}

/// What a column of a 决算 code table holds, from its folded header path ("本年支出/合计").
/// Under 本年支出 (F8/F9) the 合计/小计 is the year's spending, elsewhere the row total.
fn final_column(path: &str) -> Option<FinalColumn> {
    let mut parts = path.rsplit('/');
    let leaf = parts.next().unwrap_or("");
    let parent = parts.next().unwrap_or("");
    let is_sum = leaf.ends_with("合计") || leaf == "小计" || leaf == "总计";
    let column = if leaf == "本年支出" || (is_sum && parent.contains("本年支出")) {
        FinalColumn::Spending
    } else if is_sum {
        FinalColumn::Total
    } else if leaf.contains("财政拨款") {
        FinalColumn::FiscalGrant
    } else if leaf.contains("上级补助") {
        FinalColumn::UpperSubsidy
    } else if leaf.contains("附属单位上缴") {
        FinalColumn::SubsidiaryRemittance
    } else if leaf.contains("对附属单位补助") {
        FinalColumn::SubsidiaryGrant
    } else if leaf.contains("上缴上级") {
        FinalColumn::RemitToUpper
    } else if leaf.contains("事业收入") {
        FinalColumn::Operation
    } else if leaf.contains("经营收入") {
        FinalColumn::Business
    } else if leaf.contains("经营支出") {
        FinalColumn::BusinessSpending
    } else if leaf.contains("其他收入") {
        FinalColumn::Other
    } else if leaf.contains("基本支出") {
        FinalColumn::Basic
    } else if leaf.contains("项目支出") {
        FinalColumn::Project
    } else if leaf.contains("年初") {
        FinalColumn::Opening
    } else if leaf.contains("年末") {
        FinalColumn::Closing
    } else if leaf == "本年收入" {
        FinalColumn::Income
    } else {
        return None;
    };
    Some(column)
}

/// The amount columns of a code table from `from` on, each kept once, left to right.
fn code_table_columns(block: &Block, from: u32) -> Vec<(u32, FinalColumn)> {
    let mut found: Vec<(u32, FinalColumn)> = Vec::new();
    for col in from..block.columns.len() as u32 {
        if let Some(column) = final_column(block.path(col)) {
            if found.iter().all(|(_, c)| *c != column) {
                found.push((col, column));
            }
        }
    }
    found
}

/// F2, F3, F5, F8, F9: function code × the columns the table printed; the 合计 row wherever it
/// stands (first in F2/F3/F8/F9, last in F5).
pub fn parse_final_code(reader: &mut CellReader<'_>, meta: TableMeta) -> Option<FinalCodeTable> {
    let block = reader.block;
    let cols = CodeColumns::find(block);
    let from = cols.first_amount_col();
    let columns = code_table_columns(block, from);
    if columns.is_empty() {
        return None;
    }
    let amount_cols: Vec<u32> = columns.iter().map(|(c, _)| *c).collect();
    let mut rows = Vec::new();
    let mut total = None;
    for row in rows_before_notes(reader) {
        let Some(label) = row_label(reader, &cols, row, CodeKind::Function, 0..from) else {
            continue;
        };
        let is_total = label.code.is_none() && is_total_label(&fold_label(&label.name));
        if label.code.is_none() && !is_total && all_blank(reader, row, &amount_cols) {
            continue;
        }
        let values = amount_cols.iter().map(|c| reader.amount(row, *c)).collect();
        let parsed = ValueRow { label, values };
        if is_total {
            total.get_or_insert(parsed);
        } else {
            rows.push(parsed);
        }
    }
    Some(FinalCodeTable {
        meta: take_meta(reader, meta),
        columns: columns.into_iter().map(|(_, c)| c).collect(),
        rows,
        total,
    })
}

fn all_blank(reader: &CellReader<'_>, row: u32, cols: &[u32]) -> bool {
    cols.iter().all(|c| reader.grid.cell(row, *c).is_empty())
}

/// The metadata with the cells that could not be read so far.
fn take_meta(reader: &mut CellReader<'_>, mut meta: TableMeta) -> TableMeta {
    reader.take_into(&mut meta);
    meta
}

/// One panel of F6: its label columns and its amount column.
struct Panel {
    labels: Range<u32>,
    codes: CodeColumns,
    amount: u32,
}

fn is_label_leaf(leaf: &str) -> bool {
    ["编码", "代码", "名称", "科目", "项目"]
        .iter()
        .any(|w| leaf.contains(w))
        || leaf == "类"
        || leaf == "款"
}

/// The panels of F6, left to right: the label columns (经济分类科目编码, 科目名称, or 类 | 款)
/// before each amount column (决算数).
fn find_panels(block: &Block) -> Vec<Panel> {
    let mut panels = Vec::new();
    let mut start = 0;
    for col in 0..block.columns.len() as u32 {
        let leaf = block.leaf(col);
        if leaf.is_empty() || is_label_leaf(leaf) {
            continue;
        }
        let labels = start..col;
        start = col + 1;
        let find = |pred: fn(&str) -> bool| labels.clone().find(|c| pred(block.leaf(*c)));
        let lei = find(|l| l == "类");
        let code = find(|l| l.contains("编码") || l.contains("代码"));
        let name = find(|l| l.contains("名称")).or_else(|| {
            find(|l| {
                (l.contains("科目") || l.contains("项目"))
                    && !l.contains("编码")
                    && !l.contains("代码")
            })
        });
        if lei.is_none() && code.is_none() && name.is_none() {
            continue;
        }
        let codes = CodeColumns {
            split: lei.map(|l| (l, find(|x| x == "款"), None)),
            joined: if lei.is_some() { None } else { code },
            name: name.or(code),
        };
        panels.push(Panel {
            labels,
            codes,
            amount: col,
        });
    }
    panels
}

/// F6: economic 类/款 with one amount each, panel by panel, and 人员经费合计 / 公用经费合计
/// wherever they stand.
pub fn parse_final_basic(reader: &mut CellReader<'_>, meta: TableMeta) -> Option<FinalBasicTable> {
    let panels = find_panels(reader.block);
    if panels.is_empty() {
        return None;
    }
    let rows = rows_before_notes(reader);
    let mut items = Vec::new();
    let mut personnel_total = None;
    let mut public_total = None;
    for panel in &panels {
        for &row in &rows {
            let Some(label) = row_label(
                reader,
                &panel.codes,
                row,
                CodeKind::Economic,
                panel.labels.clone(),
            ) else {
                continue;
            };
            let folded = fold_label(&label.name);
            let slot = if label.code.is_some() {
                None
            } else if folded.contains("人员经费") {
                Some(&mut personnel_total)
            } else if folded.contains("公用经费") {
                Some(&mut public_total)
            } else {
                // Neither an economic code nor one of the two totals: a heading, or a 合计 the
                // model has no place for.
                continue;
            };
            let item = IncomeItem {
                amount: reader.amount(row, panel.amount),
                label,
            };
            match slot {
                Some(slot) => {
                    slot.get_or_insert(item);
                }
                None => items.push(item),
            }
        }
    }
    Some(FinalBasicTable {
        meta: take_meta(reader, meta),
        rows: items,
        personnel_total,
        public_total,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Total,
    Outbound,
    VehicleSubtotal,
    VehiclePurchase,
    VehicleOperation,
    Reception,
}

/// The 三公 item a header or row label names ("公务用车运行（维护）费", "运行维护费", "小计").
fn item_of(folded: &str) -> Option<Item> {
    let f = folded.trim_start_matches("其中:");
    Some(if f.contains("因公出国") {
        Item::Outbound
    } else if f.contains("接待") {
        Item::Reception
    } else if f.contains("购置及运行") || f.contains("购置和运行") || f == "小计" {
        Item::VehicleSubtotal
    } else if f.contains("购置") {
        Item::VehiclePurchase
    } else if f.contains("运行") {
        Item::VehicleOperation
    } else if is_total_label(f) || f.contains("三公") {
        Item::Total
    } else {
        return None;
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Figure {
    Budget,
    Actual,
}

fn figure_of(leaf: &str) -> Option<Figure> {
    if leaf.contains("决算") {
        Some(Figure::Actual)
    } else if leaf.contains("预算") {
        Some(Figure::Budget)
    } else {
        None
    }
}

/// F7: six items × (预算数, 决算数), either as one data row under a header band of items, or
/// one item per row with a 预算数 and a 决算数 column. An item is kept when both its figures
/// are printed.
pub fn parse_final_three_public(
    reader: &mut CellReader<'_>,
    meta: TableMeta,
) -> Option<FinalThreePublicTable> {
    let block = reader.block;
    let width = block.columns.len() as u32;
    let rows = rows_before_notes(reader);
    // (item, figure, row, col) of every figure found.
    let mut cells: Vec<(Item, Figure, u32, u32)> = Vec::new();
    if (0..width).any(|c| block.path(c).contains("因公出国")) {
        let row = rows
            .iter()
            .copied()
            .find(|r| reader.grid.row_cells(*r).next().is_some());
        for col in 0..width {
            let mut parts = block.path(col).rsplit('/');
            let (Some(figure), Some(item)) = (
                parts.next().and_then(figure_of),
                parts.next().and_then(item_of),
            ) else {
                continue;
            };
            if let Some(row) = row {
                cells.push((item, figure, row, col));
            }
        }
        if cells.is_empty() && row.is_some() {
            return None;
        }
    } else {
        let label_col = (0..width).find(|c| {
            let p = block.path(*c);
            p.contains("项目") || p.contains("三公") || p.contains("内容") || p.contains("名称")
        })?;
        let budget_col =
            block.find_leaf(label_col + 1, |l| figure_of(l) == Some(Figure::Budget))?;
        let actual_col =
            block.find_leaf(label_col + 1, |l| figure_of(l) == Some(Figure::Actual))?;
        for &row in &rows {
            if let Some(item) = item_of(&fold_label(&reader.text(row, label_col))) {
                cells.push((item, Figure::Budget, row, budget_col));
                cells.push((item, Figure::Actual, row, actual_col));
            }
        }
    }
    let mut pair = |item: Item| -> Option<ThreePublicPair> {
        let at = |figure: Figure| {
            cells
                .iter()
                .find(|(i, f, _, _)| *i == item && *f == figure)
                .map(|(_, _, r, c)| (*r, *c))
        };
        let (budget, actual) = (at(Figure::Budget)?, at(Figure::Actual)?);
        Some(ThreePublicPair {
            budget: reader.amount(budget.0, budget.1),
            actual: reader.amount(actual.0, actual.1),
        })
    };
    let total = pair(Item::Total);
    let outbound = pair(Item::Outbound);
    let vehicle_subtotal = pair(Item::VehicleSubtotal);
    let vehicle_purchase = pair(Item::VehiclePurchase);
    let vehicle_operation = pair(Item::VehicleOperation);
    let reception = pair(Item::Reception);
    Some(FinalThreePublicTable {
        meta: take_meta(reader, meta),
        total,
        outbound,
        vehicle_subtotal,
        vehicle_purchase,
        vehicle_operation,
        reception,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_keyed_by_their_headers() {
        let c = |p: &str| final_column(p);
        assert_eq!(c("本年收入合计"), Some(FinalColumn::Total));
        assert_eq!(c("本年支出合计"), Some(FinalColumn::Total));
        assert_eq!(c("合计"), Some(FinalColumn::Total));
        assert_eq!(c("本年支出/合计"), Some(FinalColumn::Spending));
        assert_eq!(c("本年支出/小计"), Some(FinalColumn::Spending));
        assert_eq!(c("本年支出/基本支出"), Some(FinalColumn::Basic));
        assert_eq!(c("年初结转和结余"), Some(FinalColumn::Opening));
        assert_eq!(c("本年收入"), Some(FinalColumn::Income));
        assert_eq!(c("年末结转和结余"), Some(FinalColumn::Closing));
        assert_eq!(c("财政拨款收入"), Some(FinalColumn::FiscalGrant));
        assert_eq!(
            c("附属单位上缴收入"),
            Some(FinalColumn::SubsidiaryRemittance)
        );
        assert_eq!(c("对附属单位补助支出"), Some(FinalColumn::SubsidiaryGrant));
        assert_eq!(c("经营收入"), Some(FinalColumn::Business));
        assert_eq!(c("经营支出"), Some(FinalColumn::BusinessSpending));
        assert_eq!(c("上缴上级支出"), Some(FinalColumn::RemitToUpper));
        assert_eq!(c("项目/科目名称"), None);
    }

    #[test]
    fn three_public_items_in_either_wording() {
        assert_eq!(item_of("公务用车运行维护费"), Some(Item::VehicleOperation));
        assert_eq!(
            item_of("公务用车运行(维护)费"),
            Some(Item::VehicleOperation)
        );
        assert_eq!(item_of("公务用车购置费"), Some(Item::VehiclePurchase));
        assert_eq!(
            item_of("公务用车购置及运行(维护)费"),
            Some(Item::VehicleSubtotal)
        );
        assert_eq!(item_of("小计"), Some(Item::VehicleSubtotal));
        assert_eq!(item_of("因公出国(境)费"), Some(Item::Outbound));
        assert_eq!(item_of("合计"), Some(Item::Total));
        assert_eq!(item_of("预算数"), None);
    }
}
