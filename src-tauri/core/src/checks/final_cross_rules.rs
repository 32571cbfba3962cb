//! The identities between 决算 tables (docs/final-accounts.md §1.6 B): F1 ↔ F2/F3, F4 ↔ F1/F5/
//! F8/F9, F5 ↔ F6, F7 ↔ F6, and the spending F1 shows beyond 财政拨款 against the money that
//! could pay for it. They run before the rules inside each table, so that a broken sum can blame
//! the component another table contradicts.

use std::collections::BTreeMap;

use crate::money::Money;
use crate::tables::{
    Amount, FinalCodeTable, FinalColumn, FinalFund, FinalIncome, FinalTables, IncomeItem, TableMeta,
};

use super::sums::{show, table_name, tolerance_between, Checker};
use super::Severity;

/// Compares `actual` (in `meta`) with the figure `expected` of another table.
#[allow(clippy::too_many_arguments)]
fn compare(
    checker: &mut Checker,
    rule: &str,
    meta: &TableMeta,
    other: &TableMeta,
    subject: &str,
    actual: &Amount,
    expected: Money,
    expected_what: &str,
) {
    checker.compare(
        rule,
        Severity::Error,
        meta,
        subject,
        actual,
        expected,
        &format!("{}中{}", table_name(other), expected_what),
        tolerance_between(meta, other),
    );
}

fn total_value(table: &FinalCodeTable, column: FinalColumn) -> Option<&Amount> {
    table.total.as_ref().and_then(|t| table.value(t, column))
}

/// Amount per function 类 of a code table's column: the 类 row, or Σ of the rows under it.
fn class_values(table: &FinalCodeTable, column: FinalColumn) -> BTreeMap<String, Money> {
    let mut out = BTreeMap::new();
    let Some(i) = table.column(column) else {
        return out;
    };
    let classes: Vec<&str> = table
        .rows
        .iter()
        .filter_map(|r| r.label.code.as_deref())
        .filter(|c| c.len() == 3)
        .collect();
    for row in &table.rows {
        let Some(code) = row.label.code.as_deref() else {
            continue;
        };
        let Some(value) = row.values.get(i) else {
            continue;
        };
        let class = &code[..3.min(code.len())];
        let counts = code.len() == 3 || (!classes.contains(&class) && code.len() == 5);
        if counts {
            *out.entry(class.to_string()).or_insert(Money::ZERO) += value.value;
        }
    }
    out
}

fn class_code(item: &IncomeItem) -> Option<&str> {
    item.label.code.as_deref().map(|c| &c[..3.min(c.len())])
}

fn f1_vs_f2_f3(tables: &FinalTables, checker: &mut Checker) {
    let Some(f1) = &tables.f1 else {
        return;
    };
    if let Some(f2) = &tables.f2 {
        if let (Some(total), Some(it)) = (total_value(f2, FinalColumn::Total), &f1.income_total) {
            compare(
                checker,
                "f2_vs_f1_income",
                &f2.meta,
                &f1.meta,
                "合计行的本年收入合计",
                total,
                it.amount.value,
                "本年收入合计",
            );
        }
        let grants: Vec<&IncomeItem> = f1
            .income
            .iter()
            .filter(|s| s.source.is_fiscal_grant())
            .map(|s| &s.item)
            .collect();
        if let Some(total) = total_value(f2, FinalColumn::FiscalGrant) {
            if !grants.is_empty() {
                compare(
                    checker,
                    "f2_vs_f1_income",
                    &f2.meta,
                    &f1.meta,
                    "合计行的财政拨款收入",
                    total,
                    grants.iter().map(|g| g.amount.value).sum(),
                    "三项财政拨款收入之和",
                );
            }
        }
        for (column, source) in [
            (FinalColumn::UpperSubsidy, FinalIncome::UpperSubsidy),
            (FinalColumn::Operation, FinalIncome::Operation),
            (FinalColumn::Business, FinalIncome::Business),
            (
                FinalColumn::SubsidiaryRemittance,
                FinalIncome::SubsidiaryRemittance,
            ),
            (FinalColumn::Other, FinalIncome::Other),
        ] {
            if let (Some(total), Some(item)) = (total_value(f2, column), f1.source(source)) {
                compare(
                    checker,
                    "f2_vs_f1_income",
                    &f2.meta,
                    &f1.meta,
                    &format!("合计行的{}", column.label()),
                    total,
                    item.amount.value,
                    source.label(),
                );
            }
        }
    }
    if let Some(f3) = &tables.f3 {
        if let (Some(total), Some(et)) =
            (total_value(f3, FinalColumn::Total), &f1.expenditure_total)
        {
            compare(
                checker,
                "f3_vs_f1_total",
                &f3.meta,
                &f1.meta,
                "合计行的本年支出合计",
                total,
                et.amount.value,
                "本年支出合计",
            );
        }
        let f3_classes = class_values(f3, FinalColumn::Total);
        for class in &f1.classes {
            let Some(code) = class_code(class) else {
                continue;
            };
            let expected = f3_classes.get(code).copied().unwrap_or(Money::ZERO);
            compare(
                checker,
                "f1_vs_f3_class",
                &f1.meta,
                &f3.meta,
                &format!("“{}”", class.label.describe()),
                &class.amount,
                expected,
                "该类本年支出合计",
            );
        }
    }
}

fn f4_vs_f1(tables: &FinalTables, checker: &mut Checker) {
    let (Some(f4), Some(f1)) = (&tables.f4, &tables.f1) else {
        return;
    };
    for item in &f4.income {
        let source = FinalIncome::ALL
            .into_iter()
            .find(|s| s.fund() == Some(item.fund));
        if let Some(f1_item) = source.and_then(|s| f1.source(s)) {
            compare(
                checker,
                "f4_vs_f1_income",
                &f4.meta,
                &f1.meta,
                item.fund.label(),
                &item.item.amount,
                f1_item.amount.value,
                &format!("{}收入", item.fund.label()),
            );
        }
    }
}

fn f4_vs_f5(tables: &FinalTables, checker: &mut Checker) {
    let (Some(f4), Some(f5)) = (&tables.f4, &tables.f5) else {
        return;
    };
    if let (Some(et), Some(total)) = (&f4.expenditure_total, total_value(f5, FinalColumn::Total)) {
        compare(
            checker,
            "f5_vs_f4_total",
            &f5.meta,
            &f4.meta,
            "合计",
            total,
            et.general.value,
            "一般公共预算财政拨款本年支出合计",
        );
    }
    let f5_classes = class_values(f5, FinalColumn::Total);
    for row in &f4.classes {
        let Some(code) = row.label.code.as_deref() else {
            continue;
        };
        let expected = f5_classes.get(code).copied().unwrap_or(Money::ZERO);
        compare(
            checker,
            "f4_vs_f5_class",
            &f4.meta,
            &f5.meta,
            &format!("“{}”的一般公共预算财政拨款", row.label.describe()),
            &row.general,
            expected,
            "该类合计",
        );
    }
}

fn f4_vs_carry_tables(tables: &FinalTables, checker: &mut Checker) {
    let Some(f4) = &tables.f4 else {
        return;
    };
    for (fund, table, rule) in [
        (FinalFund::GovernmentFund, &tables.f8, "f8_vs_f4"),
        (FinalFund::StateCapital, &tables.f9, "f9_vs_f4"),
    ] {
        let Some(table) = table else {
            continue;
        };
        let opening = f4
            .opening
            .iter()
            .find(|f| f.fund == fund)
            .map(|f| f.item.amount.value);
        let income = f4
            .income
            .iter()
            .find(|f| f.fund == fund)
            .map(|f| f.item.amount.value);
        let spent = f4.expenditure_total.as_ref().map(|r| r.fund(fund).value);
        let closing = f4.closing.as_ref().map(|r| r.fund(fund).value);
        let spending_column = if table.column(FinalColumn::Spending).is_some() {
            FinalColumn::Spending
        } else {
            FinalColumn::Total
        };
        for (column, expected, what) in [
            (FinalColumn::Opening, opening, "年初结转和结余"),
            (FinalColumn::Income, income, "本年收入"),
            (spending_column, spent, "本年支出合计"),
            (FinalColumn::Closing, closing, "年末结转和结余"),
        ] {
            if let (Some(actual), Some(expected)) = (total_value(table, column), expected) {
                compare(
                    checker,
                    rule,
                    &table.meta,
                    &f4.meta,
                    &format!("合计行的{}", column.label()),
                    actual,
                    expected,
                    &format!("{}{}", fund.label(), what),
                );
            }
        }
        let f4_all_zero = [opening, income, spent, closing]
            .iter()
            .all(|v| v.is_none_or(|v| v.is_zero()));
        let table_empty = table
            .rows
            .iter()
            .chain(&table.total)
            .flat_map(|r| &r.values)
            .all(|a| a.value.is_zero());
        if f4_all_zero && table_empty && table.meta.empty_note.is_none() {
            checker.note(
                "final_empty_table_note",
                Severity::Warning,
                table.meta.title_at.as_ref(),
                format!(
                    "{}无数据，应保留表格并在表下注明“本年度没有{}收入和支出，故本表无数据”。",
                    table_name(&table.meta),
                    fund.label()
                ),
            );
        }
    }
}

fn f5_vs_f6_and_f3(tables: &FinalTables, checker: &mut Checker) {
    let Some(f5) = &tables.f5 else {
        return;
    };
    if let Some(f6) = &tables.f6 {
        if let (Some(basic), Some(personnel), Some(public)) = (
            total_value(f5, FinalColumn::Basic),
            &f6.personnel_total,
            &f6.public_total,
        ) {
            let expected = personnel.amount.value + public.amount.value;
            compare(
                checker,
                "f5_vs_f6_basic",
                &f5.meta,
                &f6.meta,
                "合计行的基本支出",
                basic,
                expected,
                "人员经费合计与公用经费合计之和",
            );
        }
    }
    if let Some(f3) = &tables.f3 {
        let f3_classes = class_values(f3, FinalColumn::Total);
        for class in class_values(f5, FinalColumn::Total).into_keys() {
            let Some(row) = f5.row(&class) else {
                continue;
            };
            let Some(amount) = f5.value(row, FinalColumn::Total) else {
                continue;
            };
            let bound = f3_classes.get(&class).copied().unwrap_or(Money::ZERO);
            checker.at_most(
                "f5_within_f3_class",
                &f5.meta,
                &format!("“{}”的合计", row.label.describe()),
                amount,
                bound,
                &format!("{}中该类本年支出合计", table_name(&f3.meta)),
                tolerance_between(&f5.meta, &f3.meta),
            );
        }
    }
}

/// 三公 决算 paid from 基本支出 shows in F6 under its economic 款; F7 covers 项目支出 too, so it
/// can only be more (docs/final-accounts.md §1.2 T7).
fn f7_vs_f6(tables: &FinalTables, checker: &mut Checker) {
    let (Some(f7), Some(f6)) = (&tables.f7, &tables.f6) else {
        return;
    };
    for (code, item, name) in [
        ("30212", &f7.outbound, "因公出国（境）费"),
        ("30217", &f7.reception, "公务接待费"),
        ("30231", &f7.vehicle_operation, "公务用车运行（维护）费"),
        ("31013", &f7.vehicle_purchase, "公务用车购置费"),
    ] {
        let (Some(item), Some(row)) = (item, f6.row(code)) else {
            continue;
        };
        let shortfall = row.amount.value - item.actual.value;
        if shortfall <= tolerance_between(&f7.meta, &f6.meta) {
            continue;
        }
        checker.note(
            "f7_covers_f6",
            Severity::Warning,
            item.actual.at.as_ref(),
            format!(
                "{}：{}决算数为 {}，少于{}中 {} {} 的 {}（基本支出部分），相差 {}。",
                table_name(&f7.meta),
                name,
                show(item.actual.value, f7.meta.scale),
                table_name(&f6.meta),
                code,
                row.label.name.trim(),
                show(row.amount.value, f6.meta.scale),
                show(shortfall, f7.meta.scale),
            ),
        );
    }
}

/// F1 spends beyond 财政拨款 (F1 本年支出 − F4 本年支出) only what non-fiscal money can pay:
/// 非财政拨款 income, 使用非财政拨款结余 and the non-fiscal part of 年初结转和结余.
fn non_fiscal_gap(tables: &FinalTables, checker: &mut Checker) {
    let (Some(f1), Some(f4)) = (&tables.f1, &tables.f4) else {
        return;
    };
    let (Some(et), Some(grant_et)) = (&f1.expenditure_total, &f4.expenditure_total) else {
        return;
    };
    let gap = et.amount.value - grant_et.total.value;
    let non_fiscal_income: Money = f1
        .income
        .iter()
        .filter(|s| !s.source.is_fiscal_grant())
        .map(|s| s.item.amount.value)
        .sum();
    let grant_opening = f4
        .opening_total
        .as_ref()
        .map(|o| o.amount.value)
        .unwrap_or_else(|| f4.opening.iter().map(|f| f.item.amount.value).sum());
    let opening = f1.opening.as_ref().map_or(Money::ZERO, |o| o.amount.value);
    let used = f1
        .use_of_balance
        .as_ref()
        .map_or(Money::ZERO, |u| u.amount.value);
    let available = non_fiscal_income + used + (opening - grant_opening).max(Money::ZERO);
    let excess = gap - available;
    if excess <= tolerance_between(&f1.meta, &f4.meta) {
        return;
    }
    checker.note(
        "f1_non_fiscal_gap",
        Severity::Warning,
        et.amount.at.as_ref(),
        format!(
            "{}本年支出合计 {} 比{}的财政拨款本年支出 {} 多 {}，而非财政拨款收入、使用非财政拨款结余与非财政拨款年初结转和结余合计只有 {}。请核对收入和结转结余。",
            table_name(&f1.meta),
            show(et.amount.value, f1.meta.scale),
            table_name(&f4.meta),
            show(grant_et.total.value, f4.meta.scale),
            show(gap, f1.meta.scale),
            show(available, f1.meta.scale),
        ),
    );
}

/// Every identity between two 决算 tables.
pub fn check(tables: &FinalTables, checker: &mut Checker) {
    f1_vs_f2_f3(tables, checker);
    f4_vs_f1(tables, checker);
    f4_vs_f5(tables, checker);
    f4_vs_carry_tables(tables, checker);
    f5_vs_f6_and_f3(tables, checker);
    f7_vs_f6(tables, checker);
    non_fiscal_gap(tables, checker);
}
