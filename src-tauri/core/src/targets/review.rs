//! Targets in 审核: when a workbook holds target tables, read them (keeping every reading
//! problem as a finding), run the target checks against what the workbook itself says about
//! the projects' amounts (T7), and summarise each project for the file list and `check --json`.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::checks::{check_targets, KnownAmount};
use super::model::TargetSet;
use super::read::{read_workbook, Formulas};
use crate::checks::Finding;
use crate::money::Money;
use crate::xlsx::{self, DocumentKind, RecognisedWorkbook, Workbook};

/// One project of a targets workbook as `check` reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct TargetProjectSummary {
    /// 项目名称 as the table prints it.
    pub name: String,
    /// 项目编码; empty when the table prints none.
    pub code: String,
    /// 年度资金总额 / 金额, 万元 (decimal string).
    pub amount: Option<Money>,
    /// Number of 绩效指标 read for the project.
    pub indicators: u32,
    /// Σ weights as a decimal string ("90"); None where the table carries no weights.
    pub weight_total: Option<String>,
}

/// What review learns from a workbook's target tables.
#[derive(Debug, Clone, Default)]
pub struct TargetsReview {
    /// The targets read, as far as they could be read.
    pub set: TargetSet,
    /// The unit the tables name (预算单位, 单位, 部门名称), without a code prefix.
    pub unit: Option<String>,
    /// One summary per project, in table order.
    pub projects: Vec<TargetProjectSummary>,
    /// Reading problems and the target checks' findings.
    pub findings: Vec<Finding>,
    /// The sheets the targets were read from.
    pub sheets: Vec<String>,
}

/// One summary per project of `set`, in its order.
pub fn summarise(set: &TargetSet) -> Vec<TargetProjectSummary> {
    set.projects
        .iter()
        .map(|p| TargetProjectSummary {
            name: p.name.clone(),
            code: p.code.clone(),
            amount: p.amount,
            indicators: p.indicators.len() as u32,
            weight_total: p.weight_total().map(|w| w.normalize().to_string()),
        })
        .collect()
}

/// Project amounts of T7 in the same workbook.
fn known_amounts(found: &RecognisedWorkbook) -> Vec<KnownAmount> {
    let Some(t7) = &found.tables.t7 else {
        return Vec::new();
    };
    t7.rows
        .iter()
        .filter_map(|r| {
            let name = r.project.clone()?;
            let source = match &r.total.at {
                Some(at) => format!("{}的项目支出", at.describe()),
                None => "一般公共预算项目支出情况表".to_string(),
            };
            Some(KnownAmount {
                code: r.label.code.clone().unwrap_or_default(),
                name,
                amount: r.total.value,
                source,
            })
        })
        .collect()
}

/// Reads and checks the target tables of `book` (read from `path`), when it has any: a
/// targets workbook, or target sheets beside the budget tables. None otherwise.
pub fn review_workbook(
    path: &Path,
    book: &Workbook,
    found: &RecognisedWorkbook,
) -> Option<TargetsReview> {
    // A 自评表 has 一级/二级/三级 columns too; it is read by the self-evaluation reader.
    if found.kind == DocumentKind::SelfEvaluation {
        return None;
    }
    let sheets: Vec<_> = book
        .sheets
        .iter()
        .filter(|s| {
            found.kind == DocumentKind::Targets || found.unrecognised_sheets.contains(&s.name)
        })
        .cloned()
        .collect();
    if sheets.is_empty() {
        return None;
    }
    // Formulas are only needed here ("=100%" typed into a value cell), so they are read only
    // for workbooks that hold targets.
    let formulas = xlsx::read_bytes(path)
        .map(|b| Formulas::from_bytes(&b))
        .unwrap_or_default();
    let read = read_workbook(&Workbook { sheets }, &formulas);
    if read.set.projects.is_empty() && read.set.department.is_none() && read.problems.is_empty() {
        return None;
    }
    let mut findings = read.problems;
    findings.extend(check_targets(&read.set, &known_amounts(found)));
    let unit = read
        .set
        .projects
        .iter()
        .map(|p| p.unit.as_str())
        .chain(read.set.department.iter().map(|d| d.department.as_str()))
        .find(|u| !u.is_empty())
        .map(|u| super::read::split_code_name(u).1);
    Some(TargetsReview {
        unit,
        sheets: read.sheets,
        projects: summarise(&read.set),
        set: read.set,
        findings,
    })
}
