//! The check of a 情况说明 typed elsewhere: every number or percentage that does not hold.
//!
//! Without tables the text is checked against itself (amount, change and percentage agree; no
//! percentage from a zero base; shares of a total the text names). With the tables it
//! describes, amounts of recognised items are compared with them too. What cannot be verified
//! is left alone: no false alarms.

mod against_final;
mod against_tables;
mod arranged;
mod consistency;
mod final_facts;
mod mentions;
mod projects;
mod read;
mod text;

use rust_decimal::Decimal;

use crate::checks::Finding;
use crate::money::Scale;
use crate::tables::{BudgetTables, FinalColumn, FinalTables};

pub use final_facts::check_final_facts;
pub use read::{is_narrative_path, read_narrative, read_narrative_bytes, NarrativeReadError};

/// Totals of the tables a share may be of (income, expenditure, 一般公共预算, 财政拨款).
fn table_totals(tables: &BudgetTables) -> Vec<Decimal> {
    let mut out = Vec::new();
    if let Some(t) = &tables.t1 {
        out.extend(t.income_total.iter().map(|i| i.amount.value));
    }
    if let Some(t) = &tables.t4 {
        out.extend(t.income_total.iter().map(|i| i.amount.value));
        out.extend(t.expenditure_total.iter().map(|r| r.general.value));
    }
    for body in [
        tables.t3.as_ref().map(|t| &t.body),
        tables.t5.as_ref().map(|t| &t.body),
    ]
    .into_iter()
    .flatten()
    {
        out.extend(body.total.iter().map(|r| r.total.value));
    }
    out.into_iter()
        .filter(|m| !m.is_zero())
        .map(|m| m.to_decimal(Scale::Wanyuan))
        .collect()
}

/// Checks `text`; with `tables`, also against them. Findings come in line order.
pub fn check_narrative(text: &str, tables: Option<&BudgetTables>) -> Vec<Finding> {
    let paragraphs = text::paragraphs(text);
    let all = mentions::mentions(&paragraphs);
    let mut findings = Vec::new();
    consistency::check_changes(&paragraphs, &all, &mut findings);
    consistency::check_completion_base(&paragraphs, &all, &mut findings);
    let totals = tables.map(table_totals).unwrap_or_default();
    consistency::check_shares(&paragraphs, &all, &totals, &mut findings);
    if let Some(tables) = tables {
        against_tables::check_amounts(&paragraphs, &all, tables, &mut findings);
        projects::check_projects(text, tables, &mut findings);
        arranged::check_not_arranged(&paragraphs, tables, &mut findings);
    }
    findings.sort_by_key(|f| f.location.line);
    findings
}

/// Totals of the 决算 tables a share may be of (本年收入, 本年支出, 一般公共预算财政拨款支出, 财政拨款,
/// 基本支出).
fn final_totals(tables: &FinalTables) -> Vec<Decimal> {
    let mut out = Vec::new();
    if let Some(t) = &tables.f1 {
        out.extend(
            [&t.income_total, &t.expenditure_total, &t.income_grand_total]
                .into_iter()
                .flatten()
                .map(|i| i.amount.value),
        );
    }
    if let Some(t) = &tables.f4 {
        out.extend(t.income_total.iter().map(|i| i.amount.value));
    }
    for table in [tables.f3.as_ref(), tables.f5.as_ref()]
        .into_iter()
        .flatten()
    {
        for column in [FinalColumn::Total, FinalColumn::Basic] {
            out.extend(
                table
                    .total
                    .as_ref()
                    .and_then(|r| table.value(r, column))
                    .map(|a| a.value),
            );
        }
    }
    out.into_iter()
        .filter(|m| !m.is_zero())
        .map(|m| m.to_decimal(Scale::Wanyuan))
        .collect()
}

/// Checks a 决算 情况说明 `text` against itself and against the 决算 `tables` it describes.
pub fn check_narrative_final(text: &str, tables: &FinalTables) -> Vec<Finding> {
    let paragraphs = text::paragraphs(text);
    let all = mentions::mentions(&paragraphs);
    let mut findings = Vec::new();
    consistency::check_changes(&paragraphs, &all, &mut findings);
    consistency::check_completion_base(&paragraphs, &all, &mut findings);
    consistency::check_shares(&paragraphs, &all, &final_totals(tables), &mut findings);
    against_final::check_final_amounts(&paragraphs, &all, tables, &mut findings);
    against_final::check_three_public_completion(&paragraphs, &all, tables, &mut findings);
    findings.sort_by_key(|f| f.location.line);
    findings
}

#[cfg(test)]
mod tests;
