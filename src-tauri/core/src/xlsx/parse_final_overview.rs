//! F1 收入支出决算总表 and F4 财政拨款收入支出决算总表: income on the left, function classes and
//! the closing balances on the right. Class rows print "八、社会保障和就业支出" without a code;
//! the code is found from the name through the catalog.

use crate::catalog::{fold_name, Classification, Level};
use crate::money::Money;
use crate::tables::{
    Amount, FinalFund, FinalGrantTable, FinalIncome, FinalOverviewTable, FundItem, FundRow,
    IncomeItem, RowLabel, SourceItem, TableMeta,
};

use super::parse_code_tables::{split_spaced_code_name, CellReader};
use super::parse_final::rows_before_notes;
use super::parse_overview::{find_sides, Sides};
use crate::text::fold_label;

/// "八、社会保障和就业支出" → "社会保障和就业支出"; a name that merely starts with a numeral
/// ("一般公共服务支出") is left alone.
fn strip_enumerator(text: &str) -> &str {
    let rest = text.trim_start_matches(|c: char| {
        "一二三四五六七八九十百零〇".contains(c) || c.is_ascii_digit()
    });
    if rest.len() == text.len() {
        return text;
    }
    match rest.chars().next() {
        Some(sep) if "、,.，．:：".contains(sep) => rest[sep.len_utf8()..].trim_start(),
        _ => text,
    }
}

/// The label printed at (`row`, `col`), as printed; `None` for a blank cell.
fn plain_label(reader: &CellReader<'_>, row: u32, col: u32) -> Option<RowLabel> {
    let text = reader.text(row, col);
    (!text.is_empty()).then(|| RowLabel {
        code: None,
        name: text,
        at: Some(reader.at(row, col)),
        name_at: None,
    })
}

/// The function 类 a right-hand label names: "201 一般公共服务支出" by its code, or
/// "八、社会保障和就业支出" by its name. The code stays `None` when the catalog knows no class of
/// that name; the name is kept without its "八、".
fn class_label(reader: &CellReader<'_>, row: u32, col: u32) -> Option<RowLabel> {
    let text = reader.text(row, col);
    if text.is_empty() {
        return None;
    }
    let at = Some(reader.at(row, col));
    let (code, name) = split_spaced_code_name(&text);
    let (code, name) = match code {
        Some(code) => (reader.catalog.normalize_function_code(&code), name),
        None => {
            let name = strip_enumerator(&text).to_string();
            let folded = fold_name(&name);
            let code = reader
                .catalog
                .entries(Classification::Function)
                .find(|e| e.level == Level::Lei && fold_name(&e.name) == folded)
                .map(|e| e.code.clone());
            (code, name)
        }
    };
    Some(RowLabel {
        code,
        name,
        at: at.clone(),
        name_at: at,
    })
}

/// What a row of either side is, by its folded label without enumerator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    GrandTotal,
    /// 本年收入合计 / 本年支出合计.
    YearTotal,
    /// 使用非财政拨款结余(含专用结余).
    UseOfBalance,
    /// 结余分配.
    Distribution,
    /// 年初(财政拨款)结转和结余.
    Opening,
    /// 年末(财政拨款)结转和结余.
    Closing,
    Other,
}

fn line_of(label: &RowLabel) -> Line {
    let f = fold_label(strip_enumerator(label.name.trim()));
    if f.contains("总计") {
        Line::GrandTotal
    } else if f.contains("合计") {
        Line::YearTotal
    } else if f.contains("非财政拨款结余") {
        Line::UseOfBalance
    } else if f.contains("结余分配") {
        Line::Distribution
    } else if f.starts_with("年初") {
        Line::Opening
    } else if f.starts_with("年末") {
        Line::Closing
    } else {
        Line::Other
    }
}

/// The income source an F1 label names ("一、一般公共预算财政拨款收入" … "八、其他收入").
fn income_source(folded: &str) -> Option<FinalIncome> {
    FinalIncome::ALL
        .into_iter()
        .find(|s| fold_label(s.label()) == folded)
        .or_else(|| {
            fund_of(folded).map(|f| match f {
                FinalFund::General => FinalIncome::GeneralGrant,
                FinalFund::GovernmentFund => FinalIncome::FundGrant,
                FinalFund::StateCapital => FinalIncome::CapitalGrant,
            })
        })
        .or_else(|| {
            [
                ("上级补助", FinalIncome::UpperSubsidy),
                ("事业收入", FinalIncome::Operation),
                ("附属单位", FinalIncome::SubsidiaryRemittance),
                ("经营收入", FinalIncome::Business),
                ("其他收入", FinalIncome::Other),
            ]
            .into_iter()
            .find(|(word, _)| folded.contains(word))
            .map(|(_, source)| source)
        })
}

/// The fund a label names ("一、一般公共预算财政拨款").
fn fund_of(folded: &str) -> Option<FinalFund> {
    if folded.contains("一般公共预算") {
        Some(FinalFund::General)
    } else if folded.contains("政府性基金") {
        Some(FinalFund::GovernmentFund)
    } else if folded.contains("国有资本经营") {
        Some(FinalFund::StateCapital)
    } else {
        None
    }
}

fn bare_folded(label: &RowLabel) -> String {
    fold_label(strip_enumerator(label.name.trim()))
}

/// F1: income by source and the balances ‖ classes, 本年支出合计, 结余分配, 年末, 总计.
pub fn parse_final_overview(
    reader: &mut CellReader<'_>,
    meta: TableMeta,
) -> Option<FinalOverviewTable> {
    let sides = find_sides(reader.block)?;
    let expenditure_amount = expenditure_amount_col(reader, &sides)?;
    let mut t = FinalOverviewTable {
        meta: TableMeta::new(meta.id, &meta.title),
        income: Vec::new(),
        income_total: None,
        use_of_balance: None,
        opening: None,
        income_grand_total: None,
        classes: Vec::new(),
        expenditure_total: None,
        distribution: None,
        closing: None,
        expenditure_grand_total: None,
    };
    for row in rows_before_notes(reader) {
        if let Some(label) = plain_label(reader, row, sides.income_label) {
            let line = line_of(&label);
            let source = income_source(&bare_folded(&label));
            let item = IncomeItem {
                amount: reader.amount(row, sides.income_amount),
                label,
            };
            match (line, source) {
                (Line::GrandTotal, _) => keep(&mut t.income_grand_total, item),
                (Line::YearTotal, _) => keep(&mut t.income_total, item),
                (Line::UseOfBalance, _) => keep(&mut t.use_of_balance, item),
                (Line::Opening, _) => keep(&mut t.opening, item),
                (_, Some(source)) => t.income.push(SourceItem { source, item }),
                // An income line the model has no place for is not guessed into one.
                _ => {}
            }
        }
        if let Some(label) = class_label(reader, row, sides.expenditure_label) {
            let item = IncomeItem {
                amount: reader.amount(row, expenditure_amount),
                label,
            };
            match line_of(&item.label) {
                Line::GrandTotal => keep(&mut t.expenditure_grand_total, item),
                Line::YearTotal => keep(&mut t.expenditure_total, item),
                Line::Distribution => keep(&mut t.distribution, item),
                Line::Closing => keep(&mut t.closing, item),
                _ => t.classes.push(item),
            }
        }
    }
    t.meta = take_meta(reader, meta);
    Some(t)
}

fn keep<T>(slot: &mut Option<T>, value: T) {
    slot.get_or_insert(value);
}

fn take_meta(reader: &mut CellReader<'_>, mut meta: TableMeta) -> TableMeta {
    reader.take_into(&mut meta);
    meta
}

/// The one amount column of the expenditure side of F1.
fn expenditure_amount_col(reader: &CellReader<'_>, sides: &Sides) -> Option<u32> {
    let block = reader.block;
    (sides.expenditure_label + 1..block.columns.len() as u32).find(|c| !block.leaf(*c).is_empty())
}

/// F4: income by fund, 本年收入合计, 年初财政拨款结转和结余 with its rows by fund, 总计 ‖
/// classes × (合计, 一般公共预算, 政府性基金, 国有资本经营), 本年支出合计, 年末, 总计.
pub fn parse_final_grants(reader: &mut CellReader<'_>, meta: TableMeta) -> Option<FinalGrantTable> {
    let block = reader.block;
    let sides = find_sides(block)?;
    let from = sides.expenditure_label + 1;
    let total_col = block.find_leaf(from, |l| {
        l.ends_with("合计") || l == "小计" || l == "决算数"
    })?;
    let general_col = block.find_leaf(from, |l| l.starts_with("一般公共预算"))?;
    let fund_col = block.find_leaf(from, |l| l.starts_with("政府性基金"));
    let capital_col = block.find_leaf(from, |l| l.starts_with("国有资本经营"));
    let mut t = FinalGrantTable {
        meta: TableMeta::new(meta.id, &meta.title),
        income: Vec::new(),
        income_total: None,
        opening_total: None,
        opening: Vec::new(),
        income_grand_total: None,
        classes: Vec::new(),
        expenditure_total: None,
        closing: None,
        expenditure_grand_total: None,
    };
    // The rows by fund after 年初财政拨款结转和结余 are its parts, not 本年收入.
    let mut in_opening = false;
    for row in rows_before_notes(reader) {
        if let Some(label) = plain_label(reader, row, sides.income_label) {
            let line = line_of(&label);
            let fund = fund_of(&bare_folded(&label));
            let item = IncomeItem {
                amount: reader.amount(row, sides.income_amount),
                label,
            };
            match (line, fund) {
                (Line::GrandTotal, _) => {
                    in_opening = false;
                    keep(&mut t.income_grand_total, item);
                }
                (Line::YearTotal, _) => keep(&mut t.income_total, item),
                (Line::Opening, _) => {
                    in_opening = true;
                    keep(&mut t.opening_total, item);
                }
                (_, Some(fund)) if in_opening => t.opening.push(FundItem { fund, item }),
                (_, Some(fund)) => t.income.push(FundItem { fund, item }),
                _ => {}
            }
        }
        if let Some(label) = class_label(reader, row, sides.expenditure_label) {
            let mut amount = |col: Option<u32>| match col {
                Some(c) => reader.amount(row, c),
                None => Amount::derived(Money::ZERO),
            };
            let parsed = FundRow {
                total: amount(Some(total_col)),
                general: amount(Some(general_col)),
                government_fund: amount(fund_col),
                state_capital: amount(capital_col),
                label,
            };
            match line_of(&parsed.label) {
                Line::GrandTotal => keep(&mut t.expenditure_grand_total, parsed),
                Line::YearTotal => keep(&mut t.expenditure_total, parsed),
                Line::Closing => keep(&mut t.closing, parsed),
                _ => t.classes.push(parsed),
            }
        }
    }
    t.meta = take_meta(reader, meta);
    Some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enumerators_are_stripped_names_are_not() {
        assert_eq!(
            strip_enumerator("八、社会保障和就业支出"),
            "社会保障和就业支出"
        );
        assert_eq!(
            strip_enumerator("二十二、灾害防治及应急管理支出"),
            "灾害防治及应急管理支出"
        );
        assert_eq!(strip_enumerator("一般公共服务支出"), "一般公共服务支出");
        assert_eq!(strip_enumerator("一、一般公共服务支出"), "一般公共服务支出");
        assert_eq!(strip_enumerator("3.其他收入"), "其他收入");
    }

    #[test]
    fn income_sources_by_their_words() {
        assert_eq!(
            income_source("一般公共预算财政拨款收入"),
            Some(FinalIncome::GeneralGrant)
        );
        assert_eq!(income_source("经营收入"), Some(FinalIncome::Business));
        assert_eq!(
            income_source("国有资本经营预算财政拨款收入"),
            Some(FinalIncome::CapitalGrant)
        );
        assert_eq!(
            income_source("附属单位上缴收入"),
            Some(FinalIncome::SubsidiaryRemittance)
        );
        assert_eq!(income_source("用事业基金弥补收支差额"), None);
    }
}
