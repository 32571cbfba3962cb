//! 表间审核: figures that must agree between tables. The finding is placed in the summary
//! table (T1, T4, T6, T7), which is derived from the detail tables (T3, T5, T8, T9).

use std::collections::BTreeMap;

use crate::money::Money;
use crate::tables::{Amount, BudgetTables, ExpenditureBody, IncomeItem, TableMeta};
use crate::text::fold_label;

use super::sums::{table_name, tolerance, tolerance_between, Checker};
use super::Severity;

/// 类 totals of a function table, by 3-digit code: the 类 row's 合计 where the table prints
/// one, else the sum of its highest printed rows under that 类 (tables that list only 款/项).
fn class_totals(body: &ExpenditureBody) -> BTreeMap<String, Money> {
    let codes: Vec<&str> = body
        .rows
        .iter()
        .filter_map(|r| r.label.code.as_deref())
        .collect();
    let mut totals: BTreeMap<String, Money> = BTreeMap::new();
    for row in &body.rows {
        let Some(code) = row.label.code.as_deref().filter(|c| c.len() >= 3) else {
            continue;
        };
        let has_parent = codes
            .iter()
            .any(|c| c.len() < code.len() && code.starts_with(c));
        if !has_parent {
            *totals.entry(code[..3].to_string()).or_default() += row.total.value;
        }
    }
    totals
}

/// Compares `amount` (in the summary table) with the detail table's class figure.
#[allow(clippy::too_many_arguments)]
fn compare_class(
    rule: &str,
    meta: &TableMeta,
    column: &str,
    code: &str,
    name: &str,
    amount: &Amount,
    detail_meta: &TableMeta,
    detail: Money,
    checker: &mut Checker,
) {
    checker.compare(
        rule,
        Severity::Error,
        meta,
        &format!("“{code} {name}”的{column}"),
        amount,
        detail,
        &format!("{}中该类的合计", table_name(detail_meta)),
        tolerance_between(meta, detail_meta),
    );
}

fn t1_vs_t3(tables: &BudgetTables, checker: &mut Checker) {
    let (Some(t1), Some(t3)) = (&tables.t1, &tables.t3) else {
        return;
    };
    let detail = class_totals(&t3.body);
    for class in &t1.classes {
        let Some(code) = class.label.code.as_deref() else {
            continue;
        };
        let other = detail.get(code).copied().unwrap_or(Money::ZERO);
        compare_class(
            "t1_vs_t3_class",
            &t1.meta,
            "预算数",
            code,
            &class.label.name,
            &class.amount,
            &t3.meta,
            other,
            checker,
        );
    }
}

/// (rule, T4 column, the detail table if the workbook has it).
type DetailTable<'a> = (
    &'static str,
    &'static str,
    Option<(&'a TableMeta, &'a ExpenditureBody)>,
);

fn t4_vs_details(tables: &BudgetTables, checker: &mut Checker) {
    let Some(t4) = &tables.t4 else {
        return;
    };
    let details: [DetailTable<'_>; 3] = [
        (
            "t4_vs_t5_class",
            "一般公共预算",
            tables.t5.as_ref().map(|t| (&t.meta, &t.body)),
        ),
        (
            "t4_vs_t8_class",
            "政府性基金预算",
            tables.t8.as_ref().map(|t| (&t.meta, &t.body)),
        ),
        (
            "t4_vs_t9_class",
            "国有资本经营预算",
            tables.t9.as_ref().map(|t| (&t.meta, &t.body)),
        ),
    ];
    for (i, (rule, column, detail)) in details.into_iter().enumerate() {
        let Some((detail_meta, body)) = detail else {
            continue;
        };
        let totals = class_totals(body);
        for row in &t4.classes {
            let Some(code) = row.label.code.as_deref() else {
                continue;
            };
            let amount = [&row.general, &row.fund, &row.state_capital][i];
            let other = totals.get(code).copied().unwrap_or(Money::ZERO);
            compare_class(
                rule,
                &t4.meta,
                column,
                code,
                &row.label.name,
                amount,
                detail_meta,
                other,
                checker,
            );
        }
        // A class the detail table spends on but T4 does not list at all.
        for (code, value) in totals {
            let listed = t4
                .classes
                .iter()
                .any(|r| r.label.code.as_deref() == Some(code.as_str()));
            if !listed && !value.is_zero() {
                let at = body
                    .rows
                    .iter()
                    .find(|r| {
                        r.label
                            .code
                            .as_deref()
                            .is_some_and(|c| c.starts_with(code.as_str()))
                    })
                    .and_then(|r| r.total.at.as_ref());
                checker.note(
                    rule,
                    Severity::Error,
                    at,
                    format!(
                        "{}列有功能分类 {code}（合计 {}），但{}没有这一类。",
                        table_name(detail_meta),
                        super::sums::show(value, detail_meta.scale),
                        table_name(&t4.meta)
                    ),
                );
            }
        }
    }
}

/// Which 财政拨款 figure an income label names, if any.
fn grant_kind(label: &str) -> Option<&'static str> {
    let f = fold_label(label);
    if f.contains("结转") || f.contains("转移支付") || f.starts_with("其中") {
        None
    } else if f.contains("财政拨款") {
        Some("财政拨款")
    } else if f.contains("一般公共预算") {
        Some("一般公共预算")
    } else if f.contains("政府性基金") {
        Some("政府性基金预算")
    } else if f.contains("国有资本经营") {
        Some("国有资本经营预算")
    } else {
        None
    }
}

/// The first item of each 财政拨款 kind, before any 上年结转 section.
fn grant_items(items: &[IncomeItem]) -> BTreeMap<&'static str, &IncomeItem> {
    let mut out = BTreeMap::new();
    for item in items {
        if fold_label(&item.label.name).contains("结转") {
            break;
        }
        if let Some(kind) = grant_kind(&item.label.name) {
            out.entry(kind).or_insert(item);
        }
    }
    out
}

fn t4_vs_t1(tables: &BudgetTables, checker: &mut Checker) {
    let (Some(t1), Some(t4)) = (&tables.t1, &tables.t4) else {
        return;
    };
    let t1_items = grant_items(&t1.income);
    for (kind, item) in grant_items(&t4.income) {
        let Some(other) = t1_items.get(kind) else {
            continue;
        };
        checker.compare(
            "t4_vs_t1_income",
            Severity::Error,
            &t4.meta,
            &format!("收入“{}”", item.label.name.trim()),
            &item.amount,
            other.amount.value,
            &format!("{}中“{}”", table_name(&t1.meta), other.label.name.trim()),
            Money::ZERO,
        );
    }
}

fn t6_vs_t5(tables: &BudgetTables, checker: &mut Checker) {
    let (Some(t6), Some(t5)) = (&tables.t6, &tables.t5) else {
        return;
    };
    let Some(t5_total) = &t5.body.total else {
        return;
    };
    let basic = match (&t5_total.basic, &t5_total.personnel, &t5_total.public) {
        (Some(b), _, _) => b.value,
        (None, Some(p), Some(q)) => p.value + q.value,
        _ => return,
    };
    let t6_total = match &t6.total {
        Some(row) => row.total.clone(),
        None => Amount::new(
            t6.rows
                .iter()
                .filter(|r| r.label.code.as_deref().is_some_and(|c| c.len() == 3))
                .map(|r| r.total.value)
                .sum(),
            t6.meta.title_at.clone(),
        ),
    };
    checker.compare(
        "t6_vs_t5_basic",
        Severity::Error,
        &t6.meta,
        "基本支出合计",
        &t6_total,
        basic,
        &format!("{}的基本支出合计", table_name(&t5.meta)),
        tolerance(&t6.meta),
    );
}

fn t7_vs_t5(tables: &BudgetTables, checker: &mut Checker) {
    let (Some(t7), Some(t5)) = (&tables.t7, &tables.t5) else {
        return;
    };
    let Some(project) = t5.body.total.as_ref().and_then(|t| t.project.as_ref()) else {
        return;
    };
    let projects: Money = t7
        .rows
        .iter()
        .filter(|r| r.project.is_some())
        .map(|r| r.total.value)
        .sum();
    let stated = match &t7.total {
        Some(row) => Amount::new(projects, row.total.at.clone()),
        None => Amount::new(projects, t7.meta.title_at.clone()),
    };
    checker.compare(
        "t7_vs_t5_project",
        Severity::Error,
        &t7.meta,
        "各项目支出之和",
        &stated,
        project.value,
        &format!("{}的项目支出合计", table_name(&t5.meta)),
        tolerance(&t7.meta),
    );
}

pub fn check(tables: &BudgetTables, checker: &mut Checker) {
    t1_vs_t3(tables, checker);
    t4_vs_details(tables, checker);
    t4_vs_t1(tables, checker);
    t6_vs_t5(tables, checker);
    t7_vs_t5(tables, checker);
}
