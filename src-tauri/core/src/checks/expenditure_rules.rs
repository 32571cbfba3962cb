//! Tables whose rows are codes: each row's 合计 equals its parts, 类 = Σ 款 = Σ 项, and the 合计
//! row equals the Σ of the top-level rows. T3/T5/T8/T9 (function × 基本/项目), T6 (economic ×
//! 人员/公用), T7 (projects × economic classes), T2/T11 (function × sources).

use crate::tables::{
    Amount, BudgetTables, EconomicRow, ExpenditureBody, ExpenditureRow, ProjectExpenditureTable,
    RowLabel, SourceRow, TableMeta,
};

use super::sums::{check_empty_note, Checker, SumCheck};

/// The rows whose nearest printed ancestor is `parent`: its 款, or its 项 where a table skips
/// the 款 line (a 类 printed with only some of its 款 rows and 项 rows directly under it).
fn children_of<'a, T>(rows: &'a [T], label: impl Fn(&T) -> &RowLabel, parent: &str) -> Vec<&'a T> {
    let codes: Vec<&str> = rows
        .iter()
        .filter_map(|r| label(r).code.as_deref())
        .collect();
    rows.iter()
        .filter(|r| {
            let Some(code) = label(r).code.as_deref() else {
                return false;
            };
            code.len() > parent.len()
                && code.starts_with(parent)
                && !codes.iter().any(|between| {
                    between.len() > parent.len()
                        && between.len() < code.len()
                        && between.starts_with(parent)
                        && code.starts_with(between)
                })
        })
        .collect()
}

/// Rows whose parent code is not in the table: what the 合计 row adds up.
fn top_rows<T>(rows: &[T], label: impl Fn(&T) -> &RowLabel) -> Vec<&T> {
    let codes: Vec<&str> = rows
        .iter()
        .filter_map(|r| label(r).code.as_deref())
        .collect();
    rows.iter()
        .filter(|r| match label(r).code.as_deref() {
            Some(code) => !codes
                .iter()
                .any(|c| c.len() < code.len() && code.starts_with(c)),
            None => false,
        })
        .collect()
}

/// Named amount columns of a row, absent columns skipped.
pub(super) type Columns<'a> = Vec<(&'static str, &'a Amount)>;

fn expenditure_columns(row: &ExpenditureRow) -> Columns<'_> {
    let mut cols = vec![("合计", &row.total)];
    for (name, value) in [
        ("基本支出", &row.basic),
        ("人员经费", &row.personnel),
        ("公用经费", &row.public),
        ("项目支出", &row.project),
    ] {
        if let Some(v) = value {
            cols.push((name, v));
        }
    }
    cols
}

/// Tree and 合计-row checks over any code table, column by column.
pub(super) fn check_tree<T>(
    prefix: &str,
    meta: &TableMeta,
    rows: &[T],
    total: Option<&T>,
    label: impl Fn(&T) -> &RowLabel + Copy,
    columns: impl Fn(&T) -> Columns<'_> + Copy,
    checker: &mut Checker,
) {
    for parent in rows {
        let Some(code) = label(parent).code.as_deref() else {
            continue;
        };
        let kids = children_of(rows, label, code);
        if kids.is_empty() {
            continue;
        }
        let level = if code.len() == 3 { "类" } else { "款" };
        let kid_level = match kids.first().and_then(|k| label(k).code.as_deref()) {
            Some(c) if c.len() == 5 => "款",
            _ => "项",
        };
        for (i, (name, amount)) in columns(parent).into_iter().enumerate() {
            let parts: Vec<&Amount> = kids
                .iter()
                .filter_map(|k| columns(k).get(i).map(|c| c.1))
                .collect();
            checker.sum(SumCheck {
                rule: format!("{prefix}_tree"),
                meta,
                subject: format!("{level}“{}”的{name}", label(parent).describe()),
                total: amount,
                parts,
                parts_name: format!("其下各{kid_level}之和"),
            });
        }
    }
    if let Some(total) = total {
        let tops = top_rows(rows, label);
        for (i, (name, amount)) in columns(total).into_iter().enumerate() {
            let parts: Vec<&Amount> = tops
                .iter()
                .filter_map(|k| columns(k).get(i).map(|c| c.1))
                .collect();
            checker.sum(SumCheck {
                rule: format!("{prefix}_grand_total"),
                meta,
                subject: format!("合计行的{name}"),
                total: amount,
                parts,
                parts_name: "各类之和".to_string(),
            });
        }
    }
}

fn check_expenditure(
    prefix: &str,
    meta: &TableMeta,
    body: &ExpenditureBody,
    checker: &mut Checker,
) {
    check_empty_note(
        meta,
        body.rows
            .iter()
            .chain(&body.total)
            .flat_map(|r| expenditure_columns(r).into_iter().map(|c| c.1)),
        checker,
    );
    for row in body.rows.iter().chain(&body.total) {
        let subject = format!("“{}”的合计", row.label.describe());
        match (&row.basic, &row.project) {
            (Some(basic), Some(project)) => {
                checker.sum(SumCheck {
                    rule: format!("{prefix}_row_total"),
                    meta,
                    subject,
                    total: &row.total,
                    parts: vec![basic, project],
                    parts_name: "基本支出与项目支出之和".to_string(),
                });
            }
            (None, Some(project)) if row.personnel.is_some() || row.public.is_some() => {
                let mut parts: Vec<&Amount> = row.personnel.iter().chain(&row.public).collect();
                parts.push(project);
                checker.sum(SumCheck {
                    rule: format!("{prefix}_row_total"),
                    meta,
                    subject,
                    total: &row.total,
                    parts,
                    parts_name: "人员经费、公用经费与项目支出之和".to_string(),
                });
            }
            _ => {}
        }
        if let (Some(basic), Some(personnel), Some(public)) =
            (&row.basic, &row.personnel, &row.public)
        {
            checker.sum(SumCheck {
                rule: format!("{prefix}_row_basic"),
                meta,
                subject: format!("“{}”的基本支出", row.label.describe()),
                total: basic,
                parts: vec![personnel, public],
                parts_name: "人员经费与公用经费之和".to_string(),
            });
        }
    }
    check_tree(
        prefix,
        meta,
        &body.rows,
        body.total.as_ref(),
        |r: &ExpenditureRow| &r.label,
        expenditure_columns,
        checker,
    );
}

fn economic_columns(r: &EconomicRow) -> Columns<'_> {
    vec![
        ("合计", &r.total),
        ("人员经费", &r.personnel),
        ("公用经费", &r.public),
    ]
}

fn check_t6(tables: &BudgetTables, checker: &mut Checker) {
    let Some(t6) = &tables.t6 else {
        return;
    };
    let meta = &t6.meta;
    check_empty_note(
        meta,
        t6.rows
            .iter()
            .chain(&t6.total)
            .flat_map(|r| economic_columns(r).into_iter().map(|c| c.1)),
        checker,
    );
    for row in t6.rows.iter().chain(&t6.total) {
        checker.sum(SumCheck {
            rule: "t6_row_total".to_string(),
            meta,
            subject: format!("“{}”的合计", row.label.describe()),
            total: &row.total,
            parts: vec![&row.personnel, &row.public],
            parts_name: "人员经费与公用经费之和".to_string(),
        });
    }
    check_tree(
        "t6",
        meta,
        &t6.rows,
        t6.total.as_ref(),
        |r: &EconomicRow| &r.label,
        economic_columns,
        checker,
    );
}

fn check_t7(t7: &ProjectExpenditureTable, checker: &mut Checker) {
    let meta = &t7.meta;
    check_empty_note(
        meta,
        t7.rows
            .iter()
            .chain(&t7.total)
            .flat_map(|r| std::iter::once(&r.total).chain(&r.economic)),
        checker,
    );
    for row in t7.rows.iter().chain(&t7.total) {
        if row.economic.is_empty() {
            continue;
        }
        let subject = match &row.project {
            Some(p) => format!("项目“{p}”的项目支出合计"),
            None => format!("“{}”的项目支出合计", row.label.describe()),
        };
        checker.sum(SumCheck {
            rule: "t7_row_economic".to_string(),
            meta,
            subject,
            total: &row.total,
            parts: row.economic.iter().collect(),
            parts_name: "各经济分类之和".to_string(),
        });
    }
    let projects: Vec<_> = t7.rows.iter().filter(|r| r.project.is_some()).collect();
    for subtotal in t7.rows.iter().filter(|r| r.project.is_none()) {
        let Some(code) = subtotal.label.code.as_deref() else {
            continue;
        };
        let under: Vec<&Amount> = projects
            .iter()
            .filter(|p| p.label.code.as_deref().is_some_and(|c| c.starts_with(code)))
            .map(|p| &p.total)
            .collect();
        if under.is_empty() {
            continue;
        }
        checker.sum(SumCheck {
            rule: "t7_tree".to_string(),
            meta,
            subject: format!("“{}”的项目支出合计", subtotal.label.describe()),
            total: &subtotal.total,
            parts: under,
            parts_name: "其下各项目之和".to_string(),
        });
    }
    if let Some(total) = &t7.total {
        checker.sum(SumCheck {
            rule: "t7_grand_total".to_string(),
            meta,
            subject: "合计行的项目支出合计".to_string(),
            total: &total.total,
            parts: projects.iter().map(|p| &p.total).collect(),
            parts_name: "各项目之和".to_string(),
        });
    }
}

fn check_sources(
    prefix: &str,
    meta: &TableMeta,
    columns_names: &[String],
    rows: &[SourceRow],
    total: Option<&SourceRow>,
    checker: &mut Checker,
) {
    check_empty_note(
        meta,
        rows.iter()
            .chain(total)
            .flat_map(|r| std::iter::once(&r.total).chain(&r.sources)),
        checker,
    );
    // A 小计 column repeats its neighbours: leave it out of the row sum.
    let summed: Vec<usize> = columns_names
        .iter()
        .enumerate()
        .filter(|(_, n)| !n.contains("小计"))
        .map(|(i, _)| i)
        .collect();
    for row in rows.iter().chain(total) {
        if row.sources.is_empty() {
            continue;
        }
        checker.sum(SumCheck {
            rule: format!("{prefix}_row_total"),
            meta,
            subject: format!("“{}”的合计", row.label.describe()),
            total: &row.total,
            parts: summed.iter().filter_map(|i| row.sources.get(*i)).collect(),
            parts_name: "各资金来源之和".to_string(),
        });
    }
    check_tree(
        prefix,
        meta,
        rows,
        total,
        |r: &SourceRow| &r.label,
        |r: &SourceRow| vec![("合计", &r.total)],
        checker,
    );
}

pub fn check(tables: &BudgetTables, checker: &mut Checker) {
    if let Some(t) = &tables.t2 {
        check_sources(
            "t2",
            &t.meta,
            &t.source_columns,
            &t.rows,
            t.total.as_ref(),
            checker,
        );
    }
    if let Some(t) = &tables.t3 {
        check_expenditure("t3", &t.meta, &t.body, checker);
    }
    if let Some(t) = &tables.t5 {
        check_expenditure("t5", &t.meta, &t.body, checker);
    }
    check_t6(tables, checker);
    if let Some(t) = &tables.t7 {
        check_t7(t, checker);
    }
    if let Some(t) = &tables.t8 {
        check_expenditure("t8", &t.meta, &t.body, checker);
    }
    if let Some(t) = &tables.t9 {
        check_expenditure("t9", &t.meta, &t.body, checker);
    }
    if let Some(t) = &tables.t11 {
        check_sources(
            "t11",
            &t.meta,
            &t.source_columns,
            &t.rows,
            t.total.as_ref(),
            checker,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(code: &str) -> RowLabel {
        RowLabel {
            code: Some(code.to_string()),
            name: String::new(),
            at: None,
            name_at: None,
        }
    }

    #[test]
    fn children_are_the_nearest_printed_descendants() {
        let rows: Vec<RowLabel> = [
            "201", "20103", "2010301", "2010350", "2014004", "208", "20805",
        ]
        .into_iter()
        .map(label)
        .collect();
        let kids = |p: &str| -> Vec<&str> {
            children_of(&rows, |r: &RowLabel| r, p)
                .iter()
                .filter_map(|r| r.code.as_deref())
                .collect()
        };
        // 2014004 has no 20140 line: it sits directly under 201 beside the 款 20103.
        assert_eq!(kids("201"), ["20103", "2014004"]);
        assert_eq!(kids("20103"), ["2010301", "2010350"]);
        assert_eq!(kids("208"), ["20805"]);
        assert!(kids("2010301").is_empty());
        let tops: Vec<&str> = top_rows(&rows, |r: &RowLabel| r)
            .iter()
            .filter_map(|r| r.code.as_deref())
            .collect();
        assert_eq!(tops, ["201", "208"]);
    }
}
