//! Codes against the year's 政府收支分类科目.
//!
//! An unknown 类 is an error: the 30 function classes and the economic classes are complete in
//! every catalog, so such a code is wrong. An unknown 款 or 项 is a warning: the embedded catalog
//! lists the codes seen so far, not yet the whole official list, and a new code may be right.
//! A name that differs from the catalog's is a warning too: names change between years and
//! units abbreviate, so a person decides.

use crate::catalog::{Catalog, Classification};
use crate::tables::{BudgetTables, FinalTables, RowLabel, TableMeta};

use super::sums::{table_name, Checker};
use super::Severity;

pub(super) fn check_label(
    meta: &TableMeta,
    label: &RowLabel,
    class: Classification,
    catalog: &Catalog,
    checker: &mut Checker,
) {
    let Some(code) = label.code.as_deref() else {
        return;
    };
    let kind = match class {
        Classification::Function => "功能分类",
        Classification::Economic => "经济分类",
    };
    let Some(entry) = catalog.lookup(class, code) else {
        let class_known = catalog.lookup(class, &code[..3.min(code.len())]).is_some();
        let (severity, advice) = if class_known {
            (
                Severity::Warning,
                "请核对编码，或导入本年度官方科目表后重新审核",
            )
        } else {
            (Severity::Error, "该类不存在，请改正编码")
        };
        checker.note(
            "catalog_unknown_code",
            severity,
            label.at.as_ref(),
            format!(
                "{}：{kind}科目编码 {code}（{}）不在 {} 年科目表中，{advice}。",
                table_name(meta),
                label.name.trim(),
                catalog.year
            ),
        );
        return;
    };
    if label.name.trim().is_empty() {
        return;
    }
    if catalog.name_matches(class, code, &label.name) == Some(false) {
        checker.note(
            "catalog_name_mismatch",
            Severity::Warning,
            label.name_at.as_ref().or(label.at.as_ref()),
            format!(
                "{}：{kind}科目 {code} 的名称写作“{}”，科目表中为“{}”。",
                table_name(meta),
                label.name.trim(),
                entry.name
            ),
        );
    }
}

pub fn check(tables: &BudgetTables, catalog: &Catalog, checker: &mut Checker) {
    let f = Classification::Function;
    if let Some(t) = &tables.t1 {
        for c in &t.classes {
            check_label(&t.meta, &c.label, f, catalog, checker);
        }
    }
    if let Some(t) = &tables.t2 {
        for r in &t.rows {
            check_label(&t.meta, &r.label, f, catalog, checker);
        }
    }
    for (meta, body) in [
        tables.t3.as_ref().map(|t| (&t.meta, &t.body)),
        tables.t5.as_ref().map(|t| (&t.meta, &t.body)),
        tables.t8.as_ref().map(|t| (&t.meta, &t.body)),
        tables.t9.as_ref().map(|t| (&t.meta, &t.body)),
    ]
    .into_iter()
    .flatten()
    {
        for r in &body.rows {
            check_label(meta, &r.label, f, catalog, checker);
        }
    }
    if let Some(t) = &tables.t4 {
        for c in &t.classes {
            check_label(&t.meta, &c.label, f, catalog, checker);
        }
    }
    if let Some(t) = &tables.t6 {
        for r in &t.rows {
            check_label(
                &t.meta,
                &r.label,
                Classification::Economic,
                catalog,
                checker,
            );
        }
    }
    if let Some(t) = &tables.t7 {
        for r in &t.rows {
            check_label(&t.meta, &r.label, f, catalog, checker);
        }
    }
    if let Some(t) = &tables.t11 {
        for r in &t.rows {
            check_label(&t.meta, &r.label, f, catalog, checker);
        }
    }
}

/// The codes of the 决算 tables: function codes of F1–F5, F8, F9, economic codes of F6.
pub fn check_final(tables: &FinalTables, catalog: &Catalog, checker: &mut Checker) {
    let f = Classification::Function;
    if let Some(t) = &tables.f1 {
        for c in &t.classes {
            check_label(&t.meta, &c.label, f, catalog, checker);
        }
    }
    if let Some(t) = &tables.f4 {
        for c in &t.classes {
            check_label(&t.meta, &c.label, f, catalog, checker);
        }
    }
    for t in [&tables.f2, &tables.f3, &tables.f5, &tables.f8, &tables.f9]
        .into_iter()
        .flatten()
    {
        for r in &t.rows {
            check_label(&t.meta, &r.label, f, catalog, checker);
        }
    }
    if let Some(t) = &tables.f6 {
        for r in &t.rows {
            check_label(
                &t.meta,
                &r.label,
                Classification::Economic,
                catalog,
                checker,
            );
        }
    }
}
