//! The 审核 of a package's data, the same on both sides: the department's summary goes into the
//! manifest, and the bureau runs it again on what it received (it never trusts the summary).
//!
//! Each finding is where both sides can see it: a table's at its sheet and cell of the standard
//! workbook (the one exported and shown as the department's 公开表 preview), a 决算数据 problem at
//! its row and column of the department's data grid.

use std::collections::BTreeSet;
use std::path::Path;

use crate::checks::{check_final_tables, check_tables, rule_title, Finding, Location, Severity};
use crate::error::CoreError;
use crate::final_accounts::{validate, DataPart, DataProblem};
use crate::lines::{derive_tables, DeriveContext};
use crate::model::DisclosureKind;
use crate::prepare::final_accounts::{final_tables_of, final_template};
use crate::store::Store;
use crate::tables::{template, BudgetTables, FinalTables, FinalTemplate, Template};
use crate::targets::amounts::amounts_from_lines;
use crate::targets::checks::check_targets;
use crate::xlsx::write::{
    write_disclosure_workbook, write_final_workbook_laid_out, WorkbookHeader,
};
use crate::xlsx::{recognise, DocumentKind};

use super::PackageData;

/// The findings on `data` of `unit_name`'s disclosure of `year` and `kind`: the tables derived
/// from it checked by the rules (each finding at its sheet and cell of the standard workbook the
/// tables are written to, read back), the 决算 data's own problems (at their row and column of
/// the data grid), the targets' checks.
pub fn review_data(
    store: &Store,
    unit_name: &str,
    year: i32,
    kind: DisclosureKind,
    template_id: &str,
    data: &PackageData,
) -> Result<Vec<Finding>, CoreError> {
    let catalog = store.catalog(year)?;
    let mut findings = Vec::new();
    match kind {
        DisclosureKind::Budget => {
            let lines = data.lines.clone().unwrap_or_default();
            let template = template(template_id)
                .or_else(|| template(DisclosureKind::Budget.default_template()))
                .ok_or_else(|| CoreError::Invalid(format!("公开表模板“{template_id}”不存在。")))?;
            let tables = derive_tables(
                &lines,
                &DeriveContext {
                    template,
                    catalog: &catalog,
                    unit_name,
                    year,
                },
            );
            let derived = check_tables(&tables, &catalog);
            findings.extend(
                match budget_tables_placed(&tables, template, &header(unit_name, year)) {
                    Some(placed) => placed_findings(check_tables(&placed, &catalog), derived),
                    None => derived,
                },
            );
            findings.extend(check_targets(&data.targets, &amounts_from_lines(&lines)));
        }
        DisclosureKind::FinalAccounts => {
            let final_data = data.final_data.clone().unwrap_or_default();
            findings.extend(validate(&final_data, &catalog).iter().map(data_finding));
            let template = final_template(template_id);
            let tables = final_tables_of(&final_data, &catalog, template, unit_name);
            let derived = check_final_tables(&tables, &catalog);
            findings.extend(
                match final_tables_placed(&tables, template, &header(unit_name, year)) {
                    Some(placed) => placed_findings(check_final_tables(&placed, &catalog), derived),
                    None => derived,
                },
            );
        }
    }
    Ok(findings)
}

fn header(unit_name: &str, year: i32) -> WorkbookHeader {
    WorkbookHeader {
        unit: unit_name.to_string(),
        year,
    }
}

/// The findings of the exact derived tables, each at its cell of the workbook as printed: a rule
/// the derived tables break is reported with the printed tables' findings of that rule (which
/// carry their sheet and cell), a rule only they break is kept as it is, without a cell. A rule
/// only the printed tables break is a rounding of figures finer than 0.01 (each cell rounded on
/// its own) that the data do not have: not reported, so the package's 审核 finds what the
/// department's own 审核 of the same data finds.
fn placed_findings(placed: Vec<Finding>, derived: Vec<Finding>) -> Vec<Finding> {
    let rules =
        |all: &[Finding]| -> BTreeSet<String> { all.iter().map(|f| f.rule.clone()).collect() };
    let (placed_rules, derived_rules) = (rules(&placed), rules(&derived));
    placed
        .into_iter()
        .filter(|p| derived_rules.contains(&p.rule))
        .chain(
            derived
                .into_iter()
                .filter(|d| !placed_rules.contains(&d.rule)),
        )
        .collect()
}

/// `tables` as read back from the standard workbook they are written to, so every amount has
/// its sheet ("表3") and cell there. None when the workbook cannot be written or read, or holds
/// no 预算 table: the derived tables are checked then, their findings without a cell.
fn budget_tables_placed(
    tables: &BudgetTables,
    template: &Template,
    header: &WorkbookHeader,
) -> Option<BudgetTables> {
    let bytes = write_disclosure_workbook(tables, template, header).ok()?;
    let book = crate::xlsx::load_bytes(Path::new("公开表.xlsx"), bytes).ok()?;
    let found = recognise(&book);
    (found.kind == DocumentKind::BudgetTables).then_some(found.tables)
}

/// The 决算 side of [`budget_tables_placed`]: the tables read back from the 决算公开表 workbook.
fn final_tables_placed(
    tables: &FinalTables,
    template: &FinalTemplate,
    header: &WorkbookHeader,
) -> Option<FinalTables> {
    let (bytes, _) = write_final_workbook_laid_out(tables, template, header).ok()?;
    let book = crate::xlsx::load_bytes(Path::new("决算公开表.xlsx"), bytes).ok()?;
    let found = recognise(&book);
    (found.kind == DocumentKind::FinalAccounts).then_some(found.final_tables)
}

/// The data grid's section of `part`, as the 决算 screen names it.
fn part_name(part: DataPart) -> &'static str {
    match part {
        DataPart::Lines => "支出",
        DataPart::Incomes => "收入",
        DataPart::CarryOvers => "结转和结余",
        DataPart::Figures => "其他数字",
        DataPart::Balance => "收支平衡",
    }
}

/// A problem of the 决算 data as a finding at its place in the department's data grid:
/// `sheet` "决算数据", `table` the grid's section ("支出", "收入", "结转和结余", "其他数字",
/// "收支平衡"), `row` the 1-based row among the section's filled rows ("3", absent for a figure
/// or a fund) and `column` the column's or figure's name ("功能分类", "金额") — what the
/// department's own 审核 list jumps to (`DataProblem`'s part, row and column).
fn data_finding(p: &DataProblem) -> Finding {
    Finding {
        rule: "final_data_invalid".to_string(),
        title: rule_title("final_data_invalid"),
        severity: Severity::Error,
        location: Location {
            sheet: Some("决算数据".to_string()),
            table: Some(part_name(p.part).to_string()),
            row: (p.row > 0).then(|| p.row.to_string()),
            column: Some(p.column.clone()),
            ..Location::default()
        },
        message: if p.row > 0 {
            format!("第 {} 行“{}”：{}", p.row, p.column, p.message)
        } else {
            format!("“{}”：{}", p.column, p.message)
        },
        expected: None,
        actual: None,
    }
}
