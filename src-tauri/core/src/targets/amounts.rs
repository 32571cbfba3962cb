//! A project's money as its budget lines state it: the 年度资金总额 the target table should carry
//! (docs/design.md §4: "the target table's 年度资金总额 equals the project's amount").

use super::checks::KnownAmount;
use super::model::ProjectTargets;
use crate::lines::{LineSet, SpendingType};
use crate::money::Money;

/// 年度资金总额 split as the target table prints it.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS,
)]
#[ts(export)]
pub struct ProjectFunds {
    /// 年度资金总额: `fiscal` + `other` (分).
    pub total: Money,
    /// 财政拨款: 一般公共预算, 政府性基金, 国有资本经营.
    pub fiscal: Money,
    /// 其他资金: 财政专户, 单位资金.
    pub other: Money,
}

/// The project's funds from the 项目支出 lines carrying its code; None when no line does.
pub fn funds_from_lines(lines: &LineSet, project_code: &str) -> Option<ProjectFunds> {
    let code = project_code.trim();
    let mut funds = ProjectFunds::default();
    let mut any = false;
    for l in lines.lines.iter().filter(|l| {
        l.spending == SpendingType::Project
            && l.project_code.as_deref().map(str::trim) == Some(code)
    }) {
        any = true;
        funds.total += l.amount;
        if l.source.is_fiscal_grant() {
            funds.fiscal += l.amount;
        } else {
            funds.other += l.amount;
        }
    }
    any.then_some(funds)
}

/// Fills a project's 年度资金总额, 财政拨款 and 其他资金 from the lines, when they have it.
pub fn fill_funds_from_lines(project: &mut ProjectTargets, lines: &LineSet) {
    if let Some(f) = funds_from_lines(lines, &project.code) {
        project.amount = Some(f.total);
        project.fiscal = Some(f.fiscal);
        project.other = Some(f.other);
    }
}

/// Every project of the lines with its amount, for `check_targets`.
pub fn amounts_from_lines(lines: &LineSet) -> Vec<KnownAmount> {
    lines
        .projects
        .iter()
        .filter_map(|p| {
            let funds = funds_from_lines(lines, &p.code)?;
            Some(KnownAmount {
                code: p.code.clone(),
                name: p.name.clone(),
                amount: funds.total,
                source: "预算明细中该项目的项目支出".to_string(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::{BudgetLine, FundSource, Project, ProjectCategory};

    fn line(source: FundSource, code: Option<&str>, fen: i64) -> BudgetLine {
        BudgetLine {
            function_code: "2010399".into(),
            economic_code: "30299".into(),
            source,
            carried_over: false,
            spending: if code.is_some() {
                SpendingType::Project
            } else {
                SpendingType::Public
            },
            project_code: code.map(str::to_string),
            amount: Money::from_fen(fen),
            note: String::new(),
        }
    }

    #[test]
    fn funds_add_up_by_source() {
        let lines = LineSet {
            projects: vec![Project {
                code: "P1".into(),
                name: "政府办业务经费".into(),
                category: ProjectCategory::SpecificPurpose,
            }],
            lines: vec![
                line(FundSource::GeneralBudget, Some("P1"), 2_000_000),
                line(FundSource::UnitFunds, Some("P1"), 500_000),
                line(FundSource::GovernmentFund, Some("P1"), 100),
                line(FundSource::GeneralBudget, None, 9_999),
            ],
        };
        assert_eq!(
            funds_from_lines(&lines, "P1"),
            Some(ProjectFunds {
                total: Money::from_fen(2_500_100),
                fiscal: Money::from_fen(2_000_100),
                other: Money::from_fen(500_000),
            })
        );
        assert_eq!(funds_from_lines(&lines, "P2"), None);
        let known = amounts_from_lines(&lines);
        assert_eq!(known.len(), 1);
        assert_eq!(known[0].amount, Money::from_fen(2_500_100));
        let mut p = ProjectTargets {
            code: "P1".into(),
            ..ProjectTargets::default()
        };
        fill_funds_from_lines(&mut p, &lines);
        assert_eq!(
            (p.amount, p.other),
            (
                Some(Money::from_fen(2_500_100)),
                Some(Money::from_fen(500_000))
            )
        );
    }
}
