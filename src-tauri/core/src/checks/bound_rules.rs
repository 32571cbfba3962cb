//! 表间审核 of parts and wholes: a figure that is part of another table's figure cannot exceed
//! it. 财政拨款 (T4, T5, T8, T9) is part of the department's whole budget (T1, T3); the 三公
//! table (all 财政拨款, 基本 and 项目) contains the 三公 items of T6's basic spending.

use crate::tables::three_public;
use std::collections::BTreeMap;

use crate::money::Money;
use crate::tables::{Amount, BudgetTables, ExpenditureBody, ThreePublicItem};

use super::sums::{table_name, tolerance_between, Checker};

/// 类 rows of a function table with their 合计 cell, by code.
fn class_rows(body: &ExpenditureBody) -> BTreeMap<&str, &Amount> {
    body.rows
        .iter()
        .filter_map(|r| {
            r.label
                .code
                .as_deref()
                .filter(|c| c.len() == 3)
                .map(|c| (c, &r.total))
        })
        .collect()
}

/// T5 + T8 + T9 of a class ≤ T3 of that class.
fn grants_within_department(tables: &BudgetTables, checker: &mut Checker) {
    let Some(t3) = &tables.t3 else {
        return;
    };
    let parts: Vec<(&crate::tables::TableMeta, &ExpenditureBody)> = [
        tables.t5.as_ref().map(|t| (&t.meta, &t.body)),
        tables.t8.as_ref().map(|t| (&t.meta, &t.body)),
        tables.t9.as_ref().map(|t| (&t.meta, &t.body)),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        return;
    }
    let department = class_rows(&t3.body);
    let mut grants: BTreeMap<&str, Money> = BTreeMap::new();
    for (_, body) in &parts {
        for (code, amount) in class_rows(body) {
            *grants.entry(code).or_default() += amount.value;
        }
    }
    let names: Vec<String> = parts.iter().map(|(m, _)| table_name(m)).collect();
    for (code, grant) in grants {
        let Some(total) = department.get(code) else {
            continue;
        };
        let tol = parts
            .iter()
            .map(|(m, _)| tolerance_between(&t3.meta, m))
            .max()
            .unwrap_or(Money::ZERO);
        // The finding sits in T3: it is the table that must contain the grants.
        checker.at_least(
            "t3_covers_grants",
            &t3.meta,
            &format!("功能分类 {code} 的合计"),
            total,
            grant,
            &format!("{}中该类之和", names.join("、")),
            tol,
        );
    }
}

/// T4 class 合计 (财政拨款) ≤ T1 class (all funds).
fn t4_within_t1(tables: &BudgetTables, checker: &mut Checker) {
    let (Some(t1), Some(t4)) = (&tables.t1, &tables.t4) else {
        return;
    };
    for row in &t4.classes {
        let Some(code) = row.label.code.as_deref() else {
            continue;
        };
        let Some(whole) = t1
            .classes
            .iter()
            .find(|c| c.label.code.as_deref() == Some(code))
        else {
            continue;
        };
        checker.at_most(
            "t4_within_t1_class",
            &t4.meta,
            &format!("“{}”的财政拨款合计", row.label.describe()),
            &row.total,
            whole.amount.value,
            &format!("{}中该类的预算数", table_name(&t1.meta)),
            tolerance_between(&t1.meta, &t4.meta),
        );
    }
}

/// Where T1's 支出总计 equals T4's, all of the department's money is 财政拨款 and each T1 class
/// must equal T4's. A class that differs is no finding of its own (the sums and the bound above
/// report what is broken) but tells which part of a broken sum is the wrong one: 205 教育支出
/// typed as 16.27 in 表1 against 6.27 in 表4 makes 表1's 支出总计 disagree with its classes,
/// and the finding belongs on 16.27, not on the 支出总计 that is right.
fn grants_are_all_funds(tables: &BudgetTables, checker: &mut Checker) {
    let (Some(t1), Some(t4)) = (&tables.t1, &tables.t4) else {
        return;
    };
    let (Some(t1_total), Some(t4_total)) = (&t1.expenditure_total, &t4.expenditure_total) else {
        return;
    };
    let tol = tolerance_between(&t1.meta, &t4.meta);
    if (t1_total.amount.value - t4_total.total.value).abs() > tol {
        return;
    }
    for class in &t1.classes {
        let Some(code) = class.label.code.as_deref() else {
            continue;
        };
        let row = t4
            .classes
            .iter()
            .find(|r| r.label.code.as_deref() == Some(code));
        let grant = row.map_or(Money::ZERO, |r| r.total.value);
        let excess = class.amount.value - grant;
        if excess.abs() <= tol {
            continue;
        }
        let scale = |m: &crate::tables::TableMeta, v| super::sums::show(v, m.scale);
        checker.hint(
            class.amount.at.as_ref(),
            excess,
            format!(
                "{}中该类为 {}",
                table_name(&t4.meta),
                scale(&t4.meta, grant)
            ),
        );
        let Some(row) = row else {
            continue;
        };
        // T4's 合计, and a fund column that holds all the money (一般公共预算, as a rule).
        let columns = [
            (&row.total, &t4_total.total),
            (&row.general, &t4_total.general),
            (&row.fund, &t4_total.fund),
            (&row.state_capital, &t4_total.state_capital),
        ];
        for (cell, column_total) in columns {
            if (column_total.value - t4_total.total.value).abs() <= tol {
                checker.hint(
                    cell.at.as_ref(),
                    cell.value - class.amount.value,
                    format!(
                        "{}中该类为 {}",
                        table_name(&t1.meta),
                        scale(&t1.meta, class.amount.value)
                    ),
                );
            }
        }
    }
}

/// T6's 三公 items (basic spending, 一般公共预算) ≤ the 三公 table's items.
fn three_public_covers_basic(tables: &BudgetTables, checker: &mut Checker) {
    let (Some(t6), Some(t10)) = (&tables.t6, &tables.t10) else {
        return;
    };
    let items: [(three_public::ThreePublicItem, &Option<ThreePublicItem>); 4] = [
        (three_public::OUTBOUND, &t10.outbound),
        (three_public::RECEPTION, &t10.reception),
        (three_public::VEHICLE_OPERATION, &t10.vehicle_operation),
        (three_public::VEHICLE_PURCHASE, &t10.vehicle_purchase),
    ];
    for (of, item) in items {
        let rows: Vec<_> = t6
            .rows
            .iter()
            .filter(|r| {
                r.label
                    .code
                    .as_deref()
                    .is_some_and(|c| of.codes.contains(&c))
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        let basic = rows.iter().fold(Money::ZERO, |sum, r| sum + r.total.value);
        let covered = item.as_ref().map_or(Money::ZERO, |i| i.amount.value);
        let at = item
            .as_ref()
            .map(|i| i.amount.clone())
            .unwrap_or(Amount::new(covered, t10.meta.title_at.clone()));
        checker.at_least(
            "t10_covers_basic",
            &t10.meta,
            of.name,
            &at,
            basic,
            &format!(
                "{}中 {} {}",
                table_name(&t6.meta),
                of.codes.join("、"),
                of.name
            ),
            tolerance_between(&t6.meta, &t10.meta),
        );
    }
}

pub fn check(tables: &BudgetTables, checker: &mut Checker) {
    grants_within_department(tables, checker);
    t4_within_t1(tables, checker);
    grants_are_all_funds(tables, checker);
    three_public_covers_basic(tables, checker);
}
