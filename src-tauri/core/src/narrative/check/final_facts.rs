//! The typed facts of a 决算 情况说明 against each other and against the tables
//! (docs/final-accounts.md §1.6 B 17 and D 25): problems rectified or being rectified cannot
//! outnumber the problems found, the 自评 cannot cover more money than the 项目支出 of F3, and
//! 机关运行经费, the 公用经费 of the 行政/参公 units, cannot exceed F6's 公用经费合计 (for a
//! single 行政 unit it is that figure). The sums of D 26 (货物 + 工程 + 服务, the vehicle types)
//! hold by construction: the text prints only the sum of the typed parts.

use crate::checks::{rule_title, Finding, Location, Severity};
use crate::money::Money;
use crate::tables::{FinalColumn, FinalTables};

use super::super::generate::final_accounts::FinalPerformance;
use super::super::model::NarrativeFacts;
use super::super::wording::wan;

/// Where these findings point: the 情况说明 tab, where the facts are typed.
const WHERE: &str = "情况说明";

fn finding(rule: &str, severity: Severity, message: String) -> Finding {
    Finding {
        rule: rule.to_string(),
        title: rule_title(rule),
        severity,
        location: Location {
            sheet: Some(WHERE.to_string()),
            ..Location::default()
        },
        message,
        expected: None,
        actual: None,
    }
}

/// Checks the facts of a 决算 情况说明. `single_administrative` is true for a 行政 or 参公 unit
/// without sub-units, whose 机关运行经费 is its 公用经费.
pub fn check_final_facts(
    facts: &NarrativeFacts,
    tables: &FinalTables,
    performance: &FinalPerformance,
    single_administrative: bool,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let p = &facts.performance;
    if let Some(found) = p.problems_found {
        let handled = p.problems_rectified.unwrap_or(0) + p.problems_rectifying.unwrap_or(0);
        if handled > found {
            out.push(finding(
                "final_performance_problems",
                Severity::Error,
                format!(
                    "预算绩效管理：已完成整改{}个、正在整改{}个，合计{handled}个，多于发现的问题{found}个。",
                    p.problems_rectified.unwrap_or(0),
                    p.problems_rectifying.unwrap_or(0)
                ),
            ));
        }
    }
    let project_spending = tables
        .f3
        .as_ref()
        .and_then(|t| {
            t.total
                .as_ref()
                .and_then(|r| t.value(r, FinalColumn::Project))
        })
        .map(|a| a.value);
    if let (Some(evaluated), Some(spent)) = (&performance.evaluated, project_spending) {
        if evaluated.amount > spent {
            out.push(finding(
                "final_evaluation_amount",
                Severity::Warning,
                format!(
                    "预算绩效管理：绩效自评项目涉及预算金额{}万元，多于本年项目支出{}万元，请核对自评表的全年预算数。",
                    wan(evaluated.amount),
                    wan(spent)
                ),
            ));
        }
    }
    let public = tables
        .f6
        .as_ref()
        .and_then(|t| t.public_total.as_ref())
        .map(|i| i.amount.value);
    if let (Some(typed), Some(public)) = (facts.office_operation, public) {
        office_operation(&mut out, typed, public, single_administrative);
    }
    out
}

fn office_operation(out: &mut Vec<Finding>, typed: Money, public: Money, single: bool) {
    if typed > public {
        out.push(finding(
            "final_office_operation",
            Severity::Error,
            format!(
                "机关运行经费{}万元多于公开06表公用经费合计{}万元：机关运行经费是行政单位（含参公事业单位）公用经费的一部分。",
                wan(typed),
                wan(public)
            ),
        ));
    } else if single && typed != public {
        out.push(finding(
            "final_office_operation",
            Severity::Warning,
            format!(
                "机关运行经费{}万元，公开06表公用经费合计{}万元：单一行政单位的机关运行经费应等于其公用经费，请核对。",
                wan(typed),
                wan(public)
            ),
        ));
    }
}
