//! T1 and T4: income items on the left, function classes on the right.

use crate::catalog::{fold_name, split_code_name, Classification, Level};
use crate::tables::{GrantClassRow, IncomeItem, RowLabel};

use super::layout::Block;
use super::parse_code_tables::CellReader;
use crate::text::fold_label;

/// Header words of a label column: the income side's "项目", the expenditure side's "功能分类".
fn is_label_header(leaf: &str) -> bool {
    matches!(
        leaf,
        "项目" | "功能分类" | "科目" | "科目名称" | "支出功能分类科目" | "收入项目" | "支出项目"
    ) || leaf.starts_with("项目(")
        || leaf.starts_with("功能分类")
}

/// Column positions of a two-sided table (T1/T4, and the 决算 F1/F4).
pub(super) struct Sides {
    pub income_label: u32,
    pub income_amount: u32,
    pub expenditure_label: u32,
}

pub(super) fn find_sides(block: &Block) -> Option<Sides> {
    let income_label = block.find_leaf(0, is_label_header)?;
    let expenditure_label = block.find_leaf(income_label + 1, is_label_header)?;
    let income_amount =
        (income_label + 1..expenditure_label).find(|c| !block.leaf(*c).is_empty())?;
    Some(Sides {
        income_label,
        income_amount,
        expenditure_label,
    })
}

/// The class a right-hand label names: "201 一般公共服务支出", or "一、一般公共服务支出" by name.
fn class_label(reader: &CellReader<'_>, row: u32, col: u32) -> Option<RowLabel> {
    let text = reader.text(row, col);
    if text.is_empty() {
        return None;
    }
    let at = Some(reader.at(row, col));
    let (code, name) = split_code_name(&text);
    if let Some(code) = code {
        return Some(RowLabel {
            code: reader.catalog.normalize_function_code(&code),
            name,
            at: at.clone(),
            name_at: at,
        });
    }
    let folded = fold_label(&text);
    let bare = folded
        .trim_start_matches(|c: char| "一二三四五六七八九十".contains(c) || c.is_ascii_digit())
        .trim_start_matches([',', '.']);
    let by_name = reader
        .catalog
        .entries(Classification::Function)
        .find(|e| e.level == Level::Lei && fold_name(&e.name) == fold_name(bare));
    // A class found by its name keeps the name without its "一、" marker.
    let name = if by_name.is_some() {
        bare.to_string()
    } else {
        text
    };
    Some(RowLabel {
        code: by_name.map(|e| e.code.clone()),
        name,
        at: at.clone(),
        name_at: at,
    })
}

fn plain_label(reader: &CellReader<'_>, row: u32, col: u32) -> Option<RowLabel> {
    let text = reader.text(row, col);
    (!text.is_empty()).then(|| RowLabel {
        code: None,
        name: text,
        at: Some(reader.at(row, col)),
        name_at: None,
    })
}

fn is_grand_total(label: &RowLabel) -> bool {
    let f = fold_label(&label.name);
    f.contains("总计")
}

/// The income side of T1/T4: items in order and the 收入总计 line.
fn read_income(
    reader: &mut CellReader<'_>,
    sides: &Sides,
) -> (Vec<IncomeItem>, Option<IncomeItem>) {
    let mut items = Vec::new();
    let mut total = None;
    for row in reader.block.data_rows() {
        let Some(label) = plain_label(reader, row, sides.income_label) else {
            continue;
        };
        let amount = reader.amount(row, sides.income_amount);
        let item = IncomeItem { label, amount };
        if is_grand_total(&item.label) {
            total.get_or_insert(item);
        } else {
            items.push(item);
        }
    }
    (items, total)
}

pub struct OverviewBody {
    pub income: Vec<IncomeItem>,
    pub income_total: Option<IncomeItem>,
    pub classes: Vec<IncomeItem>,
    pub other_expenditure: Vec<IncomeItem>,
    pub expenditure_total: Option<IncomeItem>,
}

/// T1 部门收支总体情况表.
pub fn parse_overview(reader: &mut CellReader<'_>) -> Option<OverviewBody> {
    let sides = find_sides(reader.block)?;
    let expenditure_amount = (sides.expenditure_label + 1..reader.block.columns.len() as u32)
        .find(|c| !reader.block.leaf(*c).is_empty())?;
    let (income, income_total) = read_income(reader, &sides);
    let mut body = OverviewBody {
        income,
        income_total,
        classes: Vec::new(),
        other_expenditure: Vec::new(),
        expenditure_total: None,
    };
    for row in reader.block.data_rows() {
        let Some(label) = class_label(reader, row, sides.expenditure_label) else {
            continue;
        };
        let amount = reader.amount(row, expenditure_amount);
        let item = IncomeItem { label, amount };
        if is_grand_total(&item.label) {
            body.expenditure_total.get_or_insert(item);
        } else if item.label.code.is_some() {
            body.classes.push(item);
        } else if !item.amount.value.is_zero() && !fold_label(&item.label.name).contains("合计") {
            // "结转下年" counts toward 支出总计; "本年支出合计" only repeats the classes.
            body.other_expenditure.push(item);
        }
    }
    Some(body)
}

pub struct GrantBody {
    pub income: Vec<IncomeItem>,
    pub income_total: Option<IncomeItem>,
    pub classes: Vec<GrantClassRow>,
    pub expenditure_total: Option<GrantClassRow>,
}

/// T4 财政拨款收支总体情况表.
pub fn parse_grants(reader: &mut CellReader<'_>) -> Option<GrantBody> {
    let block = reader.block;
    let sides = find_sides(block)?;
    let from = sides.expenditure_label + 1;
    let total_col = block.find_leaf(from, |l| l == "合计" || l == "预算数" || l == "小计")?;
    let general_col = block.find_leaf(from, |l| l.starts_with("一般公共预算"))?;
    let fund_col = block.find_leaf(from, |l| l.starts_with("政府性基金"));
    let capital_col = block.find_leaf(from, |l| l.starts_with("国有资本经营"));
    let (income, income_total) = read_income(reader, &sides);
    let mut body = GrantBody {
        income,
        income_total,
        classes: Vec::new(),
        expenditure_total: None,
    };
    for row in block.data_rows() {
        let Some(label) = class_label(reader, row, sides.expenditure_label) else {
            continue;
        };
        let grand = is_grand_total(&label);
        if label.code.is_none() && !grand {
            continue;
        }
        let parsed = GrantClassRow {
            total: reader.amount(row, total_col),
            general: reader.amount(row, general_col),
            fund: match fund_col {
                Some(c) => reader.amount(row, c),
                None => crate::tables::Amount::derived(crate::money::Money::ZERO),
            },
            state_capital: match capital_col {
                Some(c) => reader.amount(row, c),
                None => crate::tables::Amount::derived(crate::money::Money::ZERO),
            },
            label,
        };
        if grand {
            body.expenditure_total.get_or_insert(parsed);
        } else {
            body.classes.push(parsed);
        }
    }
    Some(body)
}
