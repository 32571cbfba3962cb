//! 项目支出 blocks ("项目名称：…" then "预算安排规模：…万元") against the projects of 表7.

use crate::checks::{rule_title, Finding, Location, Severity};
use crate::money::{Money, Scale};
use crate::tables::BudgetTables;
use crate::text::fold_label;

use super::super::wording::wan_decimal;
use super::text::{paragraphs, tokens, TokenKind};

/// The value after "label：" on a line, when the line has that label.
fn labelled<'l>(line: &'l str, label: &str) -> Option<&'l str> {
    let folded_start = line.find(label)?;
    let rest = line[folded_start + label.len()..].trim_start();
    rest.strip_prefix('：')
        .or_else(|| rest.strip_prefix(':'))
        .map(str::trim)
}

/// 表7's projects with their totals (a project over several 项 summed).
fn t7_projects(tables: &BudgetTables) -> Vec<(String, Money)> {
    let mut out: Vec<(String, Money)> = Vec::new();
    for row in tables.t7.iter().flat_map(|t| &t.rows) {
        if let Some(name) = &row.project {
            match out.iter_mut().find(|(n, _)| n == name) {
                Some((_, total)) => *total += row.total.value,
                None => out.push((name.clone(), row.total.value)),
            }
        }
    }
    out
}

fn finding(rule: &str, severity: Severity, line: u32, quote: &str, message: String) -> Finding {
    Finding {
        rule: rule.to_string(),
        title: rule_title(rule),
        severity,
        location: Location {
            sheet: None,
            cell: None,
            line: Some(line),
            quote: Some(quote.to_string()),
            page: None,
            table: None,
            row: None,
            column: None,
            point: None,
        },
        message,
        expected: None,
        actual: None,
    }
}

pub(crate) fn check_projects(text: &str, tables: &BudgetTables, out: &mut Vec<Finding>) {
    let projects = t7_projects(tables);
    if projects.is_empty() {
        return;
    }
    let mut current: Option<(String, u32, String)> = None;
    for (i, line) in text.lines().enumerate() {
        let number = i as u32 + 1;
        if let Some(name) = labelled(line, "项目名称") {
            current =
                (!name.is_empty()).then(|| (name.to_string(), number, line.trim().to_string()));
            continue;
        }
        let Some(scale_text) = labelled(line, "预算安排规模") else {
            continue;
        };
        let Some((name, name_line, name_quote)) = current.take() else {
            continue;
        };
        let Some(amount) = paragraphs(scale_text)
            .first()
            .and_then(|p| tokens(p).into_iter().find(|t| t.kind == TokenKind::Amount))
            .map(|t| t.value)
        else {
            continue;
        };
        let printed = Money::from_decimal(amount, Scale::Wanyuan).unwrap_or(Money::ZERO);
        match projects
            .iter()
            .find(|(n, _)| fold_label(n) == fold_label(&name))
        {
            Some((_, total)) if *total == printed => {}
            Some((n, total)) => out.push(Finding {
                expected: Some(*total),
                actual: Some(printed),
                ..finding(
                    "narrative_project_amount",
                    Severity::Error,
                    number,
                    line.trim(),
                    format!(
                        "项目“{n}”文中预算安排规模为{}万元，表7中为{}万元。",
                        wan_decimal(amount),
                        total.plain_wanyuan()
                    ),
                )
            }),
            None => {
                let same_amount: Vec<String> = projects
                    .iter()
                    .filter(|(_, t)| *t == printed)
                    .map(|(n, _)| format!("“{n}”"))
                    .collect();
                let hint = if same_amount.is_empty() {
                    String::new()
                } else {
                    format!(
                        "表7中金额同为{}万元的项目是{}，",
                        wan_decimal(amount),
                        same_amount.join("、")
                    )
                };
                out.push(finding(
                    "narrative_project_name",
                    Severity::Warning,
                    name_line,
                    &name_quote,
                    format!(
                        "文中的项目“{name}”在表7（一般公共预算项目支出情况表）中没有同名项目；{hint}请统一项目名称。"
                    ),
                ));
            }
        }
    }
}
