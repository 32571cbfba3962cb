//! Negative amounts in the 决算 tables (docs/final-accounts.md §1.6 A 9). Income and spending are
//! not negative; where a figure is (收回以前年度支出 booked against this year, a correction), the
//! reader must be told why, so each one is a warning at its cell. 年初/年末结转和结余 may be
//! negative (an 超支 carried over) and are left alone; F7 has its own error (`f7_negative`).

use crate::money::Money;
use crate::tables::{Amount, FinalCodeTable, FinalColumn, FinalTables, RowLabel, TableMeta};

use super::sums::{show, table_name, Checker};
use super::Severity;

fn note(checker: &mut Checker, meta: &TableMeta, label: &RowLabel, column: &str, amount: &Amount) {
    let row = match &label.code {
        Some(code) => format!("{code} {}", label.name.trim()),
        None => label.name.trim().to_string(),
    };
    checker.note(
        "final_negative",
        Severity::Warning,
        amount.at.as_ref(),
        format!(
            "{}：{row}的{column}为 {}。收入和支出一般不为负数，如系冲减（如收回以前年度支出），请在说明中写明。",
            table_name(meta),
            show(amount.value, meta.scale)
        ),
    );
}

fn code_table(table: &FinalCodeTable, checker: &mut Checker) {
    for row in table.total.iter().chain(&table.rows) {
        for (column, amount) in table.columns.iter().zip(&row.values) {
            if matches!(column, FinalColumn::Opening | FinalColumn::Closing) {
                continue;
            }
            if amount.value < Money::ZERO {
                note(checker, &table.meta, &row.label, column.label(), amount);
            }
        }
    }
}

pub fn check(tables: &FinalTables, checker: &mut Checker) {
    for table in [&tables.f2, &tables.f3, &tables.f5, &tables.f8, &tables.f9]
        .into_iter()
        .flatten()
    {
        code_table(table, checker);
    }
    if let Some(f6) = &tables.f6 {
        let totals = f6.personnel_total.iter().chain(&f6.public_total);
        for item in f6.rows.iter().chain(totals) {
            if item.amount.value < Money::ZERO {
                note(checker, &f6.meta, &item.label, "决算数", &item.amount);
            }
        }
    }
}
