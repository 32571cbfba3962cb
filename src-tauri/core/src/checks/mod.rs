//! 审核: rules over the standard tables → `Finding`s that point at cells.
//!
//! Errors (强制性) block a clean export; warnings (提示性) need a written 说明. Every message is
//! Chinese, names the numbers on both sides, the difference, and the cell to look at.

mod bound_rules;
mod catalog_rules;
mod cross_rules;
mod expenditure_rules;
mod final_cross_rules;
mod final_negative_rules;
mod final_table_rules;
#[cfg(test)]
mod final_tests;
mod final_years;
mod overview_rules;
mod rules;
mod sums;
mod three_public_rules;

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::money::Money;
use crate::tables::{BudgetTables, CellRef, FinalTables};

pub use final_years::check_final_years;
pub use rules::rule_title;
pub use sums::Checker;

/// How hard a finding stops the work: an error blocks a clean export, a warning asks for a
/// written 说明.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// 强制性: the figures contradict each other; fix before export.
    Error,
    /// 提示性: may be right, but needs a 说明 before export.
    Warning,
}

impl Severity {
    /// The Chinese word the findings panel and the 审核报告 show: 错误 or 提示.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "提示",
        }
    }
}

/// Where a finding points: a cell of a sheet, or (for a 情况说明 text) a line and the quoted
/// fragment. Fields that do not apply are absent from the JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Location {
    /// The sheet's name as the workbook has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub sheet: Option<String>,
    /// A1 reference ("E6").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cell: Option<String>,
    /// 1-based line of a narrative text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub line: Option<u32>,
    /// The fragment of narrative text the finding is about, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub quote: Option<String>,
    /// 1-based page, on a finding in a PDF.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub page: Option<u32>,
    /// The table as printed ("2025年部门收入预算总表"), on a finding in a PDF table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub table: Option<String>,
    /// The row's label (code and name, "201 13 01 行政运行"), on a finding in a PDF table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub row: Option<String>,
    /// The column's header ("收入预算/合计"), on a finding in a PDF table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub column: Option<String>,
    /// Where on its page a finding in a PDF was printed: the left edge and baseline of the
    /// figure or of the line quoted, in whole points from the page's top-left corner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub point: Option<PagePoint>,
}

/// A point on a PDF page, in points (1/72 inch) from its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct PagePoint {
    /// Points from the left edge of the page.
    pub x: u32,
    /// Points down from the top edge of the page.
    pub y: u32,
}

impl PagePoint {
    /// A point of the page from `pdf`'s coordinates; None off the page or not a number.
    pub fn from_points(x: f64, y: f64) -> Option<PagePoint> {
        let whole = |v: f64| (0.0..100_000.0).contains(&v).then(|| v.round() as u32);
        Some(PagePoint {
            x: whole(x)?,
            y: whole(y)?,
        })
    }
}

impl Location {
    /// Where a finding in a PDF is, as a reader looks it up: "第16页 302 商品和服务支出 · 决算数",
    /// or "第25页「…quoted…」". None for a finding that is not in a PDF.
    pub fn page_place(&self) -> Option<String> {
        let page = self.page?;
        let what = match (&self.row, &self.column, &self.quote) {
            (Some(row), Some(column), _) => format!(" {row} · {column}"),
            (Some(row), None, _) => format!(" {row}"),
            (None, _, Some(quote)) => format!("「{quote}」"),
            _ => String::new(),
        };
        Some(format!("第{page}页{what}"))
    }

    /// The location of the cell `at`: its sheet and A1 reference.
    pub fn cell(at: &CellRef) -> Location {
        Location {
            sheet: Some(at.sheet.clone()),
            cell: Some(at.a1()),
            ..Location::default()
        }
    }

    /// The location of `at`, or an empty location (a finding about the whole file) when None.
    pub fn of(at: Option<&CellRef>) -> Location {
        at.map(Location::cell).unwrap_or_default()
    }
}

/// One thing 审核 found: which rule, how severe, where, and the numbers on both sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Finding {
    /// Stable rule id, e.g. "t3_row_total": the key of a written 说明, never shown.
    pub rule: String,
    /// The rule's Chinese name, e.g. "合计=各部分之和", as the findings panel and the
    /// 审核报告 show it (`rule_title(rule)`).
    #[serde(default)]
    pub title: String,
    /// Error or warning.
    pub severity: Severity,
    /// Where to look; its fields are flattened into the finding's JSON.
    #[serde(flatten)]
    pub location: Location,
    /// The Chinese message shown to the user; for a broken identity it names both figures,
    /// their difference and the cell to look at.
    pub message: String,
    /// What the cell should hold, in 万元 (decimal string).
    pub expected: Option<Money>,
    /// What the cell holds, in 万元 (decimal string).
    pub actual: Option<Money>,
}

/// Runs every table rule on `tables`, with `catalog` for the code rules. Findings come in a
/// stable order: by sheet as the tables were found, then by rule.
pub fn check_tables(tables: &BudgetTables, catalog: &Catalog) -> Vec<Finding> {
    let mut checker = Checker::default();
    // Cross-table comparisons first: they tell which component of a broken sum is the one that
    // disagrees with the rest of the workbook, so the sum's finding can point at it.
    cross_rules::check(tables, &mut checker);
    bound_rules::check(tables, &mut checker);
    overview_rules::check(tables, &mut checker);
    expenditure_rules::check(tables, &mut checker);
    three_public_rules::check(tables, &mut checker);
    catalog_rules::check(tables, catalog, &mut checker);
    sums::check_meta(tables, &mut checker);
    checker.into_findings()
}

/// Runs every rule on the 决算 tables `tables` (docs/final-accounts.md §1.6 A–B): identities
/// between tables first (so that a broken sum can blame the part another table contradicts),
/// then inside each table, the codes against `catalog`, and the tables' metadata. A 尾差 of one
/// unit of the last decimal is a warning here, never passed silently.
pub fn check_final_tables(tables: &FinalTables, catalog: &Catalog) -> Vec<Finding> {
    let mut checker = Checker::reporting_rounding();
    final_cross_rules::check(tables, &mut checker);
    final_table_rules::check(tables, &mut checker);
    final_negative_rules::check(tables, &mut checker);
    catalog_rules::check_final(tables, catalog, &mut checker);
    sums::check_metas(tables.metas(), &mut checker);
    checker.into_findings()
}
