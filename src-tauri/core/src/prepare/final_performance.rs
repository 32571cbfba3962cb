//! What 十、预算绩效管理情况 of a 决算 takes from the rest of the year: the projects the year's
//! 预算 gave 绩效目标 (with their money from the targets, or from the 预算 lines), and the 自评
//! kept with the 决算, scored by the same rules as on the 绩效自评 tab. The text never states a
//! count or an average staff typed by hand where the app holds the evaluations themselves.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::CoreError;
use crate::model::{Disclosure, DisclosureKind};
use crate::money::Money;
use crate::narrative::{EvaluationSummary, FinalPerformance, UnitPerformance};
use crate::scoring::{score, EvaluationGrade, SelfEvaluation};
use crate::store::Store;

use super::unit_targets::member_disclosures;
use crate::targets::amounts::funds_from_lines;

/// The 自评's 涉及预算金额: 全年预算数, or 年初预算数 where no 全年 was typed.
fn budgeted(evaluation: &SelfEvaluation) -> Money {
    let total = &evaluation.funds.total;
    total
        .full_year_budget
        .or(total.initial_budget)
        .unwrap_or(Money::ZERO)
}

/// The evaluations scored and summed up; `None` for none.
pub fn summarize_evaluations(evaluations: &[SelfEvaluation]) -> Option<EvaluationSummary> {
    if evaluations.is_empty() {
        return None;
    }
    const GRADES: [EvaluationGrade; 4] = [
        EvaluationGrade::Excellent,
        EvaluationGrade::Good,
        EvaluationGrade::Fair,
        EvaluationGrade::Poor,
    ];
    let mut counts = [0u32; 4];
    let mut amount = Money::ZERO;
    let mut sum = Decimal::ZERO;
    for evaluation in evaluations {
        let scored = score(evaluation);
        sum += scored.total;
        if let Some(i) = GRADES.iter().position(|g| *g == scored.grade) {
            counts[i] += 1;
        }
        amount += budgeted(evaluation);
    }
    let projects = u32::try_from(evaluations.len()).unwrap_or(u32::MAX);
    let mut average = (sum / Decimal::from(projects))
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    average.rescale(2);
    Some(EvaluationSummary {
        projects,
        amount,
        average,
        grades: GRADES
            .iter()
            .zip(counts)
            .map(|(g, n)| (g.label(), n))
            .collect(),
    })
}

/// The projects of the `budget` disclosure with at least one 绩效指标, and their money.
fn targeted(store: &Store, budget: &Disclosure) -> Result<(u32, Money), CoreError> {
    let targets = store.load_targets(budget.id)?;
    let lines = store.load_lines(budget.id)?;
    let mut count = 0u32;
    let mut total = Money::ZERO;
    for project in targets
        .projects
        .iter()
        .filter(|p| p.indicators.iter().any(|i| !i.is_blank()))
    {
        count += 1;
        let from_lines = || {
            Some(project.code.trim())
                .filter(|c| !c.is_empty())
                .and_then(|c| funds_from_lines(&lines, c))
                .map_or(Money::ZERO, |f| f.total)
        };
        total += project.amount.unwrap_or_else(from_lines);
    }
    Ok((count, total))
}

/// 十's figures for the 决算 `disclosure`, with `budget` the same unit's 预算 of the year. A 汇总
/// counts every included unit's targets (from that unit's 预算 of the year) and 自评 (kept with
/// its 决算) too, and says which units they are.
pub(super) fn final_performance(
    store: &Store,
    disclosure: &Disclosure,
    budget: Option<&Disclosure>,
) -> Result<FinalPerformance, CoreError> {
    let members = member_disclosures(store, disclosure.id)?;
    let consolidated = members.len() > 1;
    let mut evaluations: Vec<SelfEvaluation> = Vec::new();
    let mut targeted_total: Option<(u32, Money)> = None;
    let mut units = Vec::new();
    for (i, (_, name, own, d)) in members.iter().enumerate() {
        let found: Vec<SelfEvaluation> = store
            .list_evaluations(d.id)?
            .into_iter()
            .map(|e| e.evaluation)
            .collect();
        let unit_budget = if *own {
            budget.cloned()
        } else {
            store.disclosure_of_unit(d.unit_id, d.year, DisclosureKind::Budget)?
        };
        let targeted_here = unit_budget.map(|b| targeted(store, &b)).transpose()?;
        // The 本级's figures decide whether the count is known: a unit without a 预算 in the app
        // adds nothing it could count, and is named with （待填写）.
        targeted_total = match (i, targeted_total, targeted_here) {
            (0, _, here) => here,
            (_, Some((n, sum)), Some((m, more))) => Some((n + m, sum + more)),
            (_, total, _) => total,
        };
        if consolidated {
            units.push(UnitPerformance {
                unit: if *own {
                    format!("{name}（本级）")
                } else {
                    name.clone()
                },
                targeted: targeted_here.map(|(n, _)| n),
                evaluated: u32::try_from(found.len()).unwrap_or(u32::MAX),
            });
        }
        evaluations.extend(found);
    }
    Ok(FinalPerformance {
        targeted: targeted_total,
        evaluated: summarize_evaluations(&evaluations),
        units,
    })
}
