//! T1 部门收支总体情况表 and T4 财政拨款收支总体情况表: income items add up to their parents and
//! to 收入总计, classes add up to 支出总计, and income equals expenditure.

use crate::tables::{Amount, BudgetTables, GrantClassRow, IncomeItem, TableMeta};
use crate::text::fold_label;

use super::sums::{tolerance, Checker, SumCheck};
use super::Severity;

/// The outline level an income label's marker gives: "一、" 1, "1." 2, "其中：" 3.
fn marker_level(folded: &str) -> Option<u8> {
    if folded.starts_with("其中") {
        return Some(3);
    }
    let mut chars = folded.chars();
    match (chars.next(), chars.next()) {
        (Some(c), Some(',' | '.')) if "一二三四五六七八九十".contains(c) => Some(1),
        (Some(c), _) if c.is_ascii_digit() => {
            let rest = folded.trim_start_matches(|c: char| c.is_ascii_digit());
            (rest.starts_with('.') || rest.starts_with(',')).then_some(2)
        }
        _ => None,
    }
}

/// 一般公共预算 / 政府性基金预算 / 国有资本经营预算 printed under 财政拨款 without a marker.
fn is_fund_name(folded: &str) -> bool {
    ["一般公共预算", "政府性基金", "国有资本经营"]
        .iter()
        .any(|f| folded.starts_with(f))
}

/// The parent of each income item (index into `items`), from the markers and, where a layout
/// has none (seed 003), from the fund names that sit under 财政拨款.
pub fn income_parents(items: &[IncomeItem]) -> Vec<Option<usize>> {
    let mut levels: Vec<u8> = Vec::with_capacity(items.len());
    let mut in_breakdown = false;
    let mut last_marked: Option<u8> = None;
    for (i, item) in items.iter().enumerate() {
        let folded = fold_label(&item.label.name);
        let level = match marker_level(&folded) {
            Some(3) => {
                in_breakdown = true;
                3
            }
            Some(l) => {
                in_breakdown = false;
                last_marked = Some(l);
                l
            }
            None if in_breakdown => 3,
            None => {
                let grant_parent = (0..i)
                    .rev()
                    .find(|j| fold_label(&items[*j].label.name).contains("财政拨款"));
                match grant_parent {
                    Some(p) if is_fund_name(&folded) && !folded.contains("结转") => levels[p] + 1,
                    // An unmarked item is a sibling of the last marked one, or top level.
                    _ => last_marked.unwrap_or(1),
                }
            }
        };
        levels.push(level);
    }
    (0..items.len())
        .map(|i| (0..i).rev().find(|j| levels[*j] < levels[i]))
        .collect()
}

/// "本年收入合计": a subtotal line between the items, not an item itself.
fn is_subtotal(item: &IncomeItem) -> bool {
    let f = fold_label(&item.label.name);
    f.contains("合计") && !f.starts_with("其中")
}

fn check_income(
    prefix: &str,
    meta: &TableMeta,
    all_items: &[IncomeItem],
    total: Option<&IncomeItem>,
    checker: &mut Checker,
) {
    let items: Vec<IncomeItem> = all_items
        .iter()
        .filter(|i| !is_subtotal(i))
        .cloned()
        .collect();
    let parents = income_parents(&items);
    for (p, parent) in items.iter().enumerate() {
        let children: Vec<&Amount> = items
            .iter()
            .zip(&parents)
            .filter(|(_, pp)| **pp == Some(p))
            .map(|(c, _)| &c.amount)
            .collect();
        // A breakdown left blank is not given; one that is filled must add up.
        if children.is_empty() || children.iter().all(|c| c.value.is_zero()) {
            continue;
        }
        checker.sum(SumCheck {
            rule: format!("{prefix}_income_parts"),
            meta,
            subject: format!("收入项目“{}”", parent.label.name.trim()),
            total: &parent.amount,
            parts: children,
            parts_name: "其下各项之和".to_string(),
        });
    }
    let is_root = |item: &IncomeItem| {
        items
            .iter()
            .position(|i| i == item)
            .is_some_and(|p| parents[p].is_none())
    };
    // Each subtotal line covers the top-level items since the previous one.
    let mut since_last: Vec<&Amount> = Vec::new();
    for item in all_items {
        if is_subtotal(item) {
            checker.sum(SumCheck {
                rule: format!("{prefix}_income_total"),
                meta,
                subject: format!("“{}”", item.label.name.trim()),
                total: &item.amount,
                parts: std::mem::take(&mut since_last),
                parts_name: "以上各收入项目之和".to_string(),
            });
        } else if is_root(item) {
            since_last.push(&item.amount);
        }
    }
    if let Some(total) = total {
        let roots: Vec<&Amount> = items
            .iter()
            .zip(&parents)
            .filter(|(_, p)| p.is_none())
            .map(|(i, _)| &i.amount)
            .collect();
        checker.sum(SumCheck {
            rule: format!("{prefix}_income_total"),
            meta,
            subject: "收入总计".to_string(),
            total: &total.amount,
            parts: roots,
            parts_name: "各收入项目之和".to_string(),
        });
    }
}

fn check_t1(tables: &BudgetTables, checker: &mut Checker) {
    let Some(t1) = &tables.t1 else {
        return;
    };
    let meta = &t1.meta;
    check_income("t1", meta, &t1.income, t1.income_total.as_ref(), checker);
    if let Some(total) = &t1.expenditure_total {
        let parts: Vec<&Amount> = t1
            .classes
            .iter()
            .chain(&t1.other_expenditure)
            .map(|c| &c.amount)
            .collect();
        checker.sum(SumCheck {
            rule: "t1_expenditure_total".to_string(),
            meta,
            subject: "支出总计".to_string(),
            total: &total.amount,
            parts,
            parts_name: "各功能分类支出之和".to_string(),
        });
        if let Some(income) = &t1.income_total {
            checker.compare(
                "t1_balance",
                Severity::Error,
                meta,
                "支出总计",
                &total.amount,
                income.amount.value,
                "收入总计",
                tolerance(meta),
            );
        }
    }
}

const FUND_COLUMNS: [&str; 4] = ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"];

fn grant_columns(row: &GrantClassRow) -> [&Amount; 4] {
    [&row.total, &row.general, &row.fund, &row.state_capital]
}

fn check_t4(tables: &BudgetTables, checker: &mut Checker) {
    let Some(t4) = &tables.t4 else {
        return;
    };
    let meta = &t4.meta;
    check_income("t4", meta, &t4.income, t4.income_total.as_ref(), checker);
    for row in t4.classes.iter().chain(&t4.expenditure_total) {
        checker.sum(SumCheck {
            rule: "t4_row_funds".to_string(),
            meta,
            subject: format!("“{}”的合计", row.label.describe()),
            total: &row.total,
            parts: vec![&row.general, &row.fund, &row.state_capital],
            parts_name: "一般公共预算、政府性基金预算、国有资本经营预算之和".to_string(),
        });
    }
    if let Some(total) = &t4.expenditure_total {
        for (i, column) in FUND_COLUMNS.iter().enumerate() {
            checker.sum(SumCheck {
                rule: "t4_column_total".to_string(),
                meta,
                subject: format!("支出总计的“{column}”"),
                total: grant_columns(total)[i],
                parts: t4.classes.iter().map(|c| grant_columns(c)[i]).collect(),
                parts_name: "各功能分类之和".to_string(),
            });
        }
        if let Some(income) = &t4.income_total {
            checker.compare(
                "t4_balance",
                Severity::Error,
                meta,
                "支出总计",
                &total.total,
                income.amount.value,
                "收入总计",
                tolerance(meta),
            );
        }
    }
}

pub fn check(tables: &BudgetTables, checker: &mut Checker) {
    check_t1(tables, checker);
    check_t4(tables, checker);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Money;
    use crate::tables::RowLabel;

    fn items(labels: &[&str]) -> Vec<IncomeItem> {
        labels
            .iter()
            .map(|l| IncomeItem {
                label: RowLabel {
                    code: None,
                    name: l.to_string(),
                    at: None,
                    name_at: None,
                },
                amount: Amount::derived(Money::ZERO),
            })
            .collect()
    }

    #[test]
    fn outlines_marked_income_items() {
        let i = items(&[
            "一、本年收入",
            "1. 一般公共预算拨款",
            "其中：一般财力",
            "上级一般公共预算安排转移支付",
            "2. 政府性基金预算拨款",
            "二、上年结转结余",
            "1. 财政拨款结转",
        ]);
        assert_eq!(
            income_parents(&i),
            vec![None, Some(0), Some(1), Some(1), Some(0), None, Some(5)]
        );
    }

    #[test]
    fn outlines_unmarked_income_items_of_seed_003() {
        let i = items(&[
            "财政拨款（补助）",
            "一般公共预算",
            "政府性基金预算",
            "国有资本经营预算",
            "财政专户（教育收费）",
            "事业收入",
        ]);
        assert_eq!(
            income_parents(&i),
            vec![None, Some(0), Some(0), Some(0), None, None]
        );
    }
}
