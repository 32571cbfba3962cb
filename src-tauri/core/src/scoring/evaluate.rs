//! Scores a whole self-evaluation and compares what it states with what the rules give.
//! Every difference becomes a finding that names both numbers and, for a workbook, the cell.

use rust_decimal::Decimal;

use super::model::{
    EvaluatedIndicator, EvaluationFunds, EvaluationScore, FundExecution, IndicatorScore,
    ScoreFinding, ScoreSeverity, SelfEvaluation,
};
use super::rules::{self, round2, EXECUTION_WEIGHT};
use crate::money::Money;

/// The indicators' weights add up to 90: the other 10 belong to budget execution.
const INDICATOR_WEIGHT_TOTAL: Decimal = Decimal::from_parts(90, 0, 0, false, 0);

/// Where the values of one self-evaluation were read from (A1 references on `sheet`), so that
/// findings point at cells. An evaluation entered in the app has no cells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvaluationCells {
    /// The worksheet's name.
    pub sheet: String,
    /// 项目名称.
    pub project: Option<String>,
    /// 分值 of budget execution.
    pub execution_weight: Option<String>,
    /// 执行率 stated.
    pub execution_rate: Option<String>,
    /// 得分 of budget execution stated.
    pub execution_score: Option<String>,
    /// 全年执行数 of 年度资金总额.
    pub executed: Option<String>,
    /// 全年预算数 of 年度资金总额.
    pub full_year_budget: Option<String>,
    /// 总分 of the 分值 column.
    pub weight_total: Option<String>,
    /// 总分 of the 得分 column.
    pub total: Option<String>,
    /// 自评结论.
    pub grade: Option<String>,
    /// One per indicator, in the order of `SelfEvaluation::indicators`.
    pub indicators: Vec<IndicatorCells>,
}

/// Where one 三级指标 row's values were read from (A1 references); `None` for a value not found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndicatorCells {
    /// 三级指标.
    pub name: Option<String>,
    /// 年度指标值.
    pub target: Option<String>,
    /// 实际完成值.
    pub actual: Option<String>,
    /// 分值.
    pub weight: Option<String>,
    /// 得分 stated.
    pub score: Option<String>,
}

/// Builds findings with the sheet filled in when the evaluation came from a workbook.
struct Findings<'a> {
    cells: Option<&'a EvaluationCells>,
    list: Vec<ScoreFinding>,
}

impl Findings<'_> {
    fn push(
        &mut self,
        rule: &str,
        severity: ScoreSeverity,
        cell: Option<&String>,
        message: String,
        expected: Option<String>,
        actual: Option<String>,
    ) {
        self.list.push(ScoreFinding {
            rule: rule.to_string(),
            severity,
            sheet: self.cells.map(|c| c.sheet.clone()),
            cell: cell.cloned(),
            message,
            expected,
            actual,
        });
    }
}

/// Scores `evaluation` by the rules of docs/design.md §5, without cell references.
pub fn score(evaluation: &SelfEvaluation) -> EvaluationScore {
    score_with_cells(evaluation, None)
}

/// Scores `evaluation`; findings point at `cells` when given.
pub fn score_with_cells(
    evaluation: &SelfEvaluation,
    cells: Option<&EvaluationCells>,
) -> EvaluationScore {
    let mut findings = Findings {
        cells,
        list: Vec::new(),
    };
    let cell = |pick: fn(&EvaluationCells) -> &Option<String>| cells.and_then(|c| pick(c).as_ref());

    check_fund_split(&evaluation.funds, &mut findings, cell(|c| &c.executed));
    let (execution_rate, execution_score) = match execution(&evaluation.funds) {
        Ok((rate, points)) => (Some(rate), Some(points)),
        Err(missing) => {
            let (rule, what, at) = match missing {
                Missing::Budget => (
                    "execution_no_budget",
                    "全年预算数（或为 0）",
                    cell(|c| &c.full_year_budget),
                ),
                Missing::Executed => ("execution_no_executed", "全年执行数", cell(|c| &c.executed)),
            };
            findings.push(
                rule,
                ScoreSeverity::Error,
                at,
                format!(
                    "项目“{}”没有填写{what}，无法计算预算执行率（全年执行数 ÷ 全年预算数），执行得分按 0 分计。",
                    evaluation.project
                ),
                None,
                None,
            );
            (None, None)
        }
    };

    let mut indicators = Vec::with_capacity(evaluation.indicators.len());
    for (index, indicator) in evaluation.indicators.iter().enumerate() {
        let at = cells.and_then(|c| c.indicators.get(index));
        indicators.push(score_indicator(indicator, at, &mut findings));
    }

    let total = round2(
        execution_score.unwrap_or(Decimal::ZERO)
            + indicators.iter().filter_map(|i| i.score).sum::<Decimal>(),
    );
    let grade = rules::grade(total);

    check_weights(evaluation, &mut findings, cells);
    check_stated(
        evaluation,
        execution_rate,
        execution_score,
        total,
        grade,
        &mut findings,
        cells,
    );

    EvaluationScore {
        project: evaluation.project.clone(),
        execution_rate,
        execution_score,
        indicators,
        total,
        grade,
        findings: findings.list,
    }
}

/// Which figure budget execution lacks.
enum Missing {
    Budget,
    Executed,
}

/// The 年度资金总额 row, or the sum of the source rows when the total row was left blank.
fn execution(funds: &EvaluationFunds) -> Result<(Decimal, Decimal), Missing> {
    let sources = [
        &funds.current_appropriation,
        &funds.carried_over,
        &funds.other,
    ];
    let sum = |pick: fn(&FundExecution) -> Option<Money>| -> Option<Money> {
        let present: Vec<Money> = sources.iter().filter_map(|r| pick(r)).collect();
        (!present.is_empty()).then(|| present.into_iter().sum())
    };
    let budget = funds
        .total
        .full_year_budget
        .or_else(|| sum(|r| r.full_year_budget))
        .ok_or(Missing::Budget)?;
    let executed = funds
        .total
        .executed
        .or_else(|| sum(|r| r.executed))
        .ok_or(Missing::Executed)?;
    rules::execution(executed, budget).ok_or(Missing::Budget)
}

/// Picks one column (年初预算数, 全年预算数 or 全年执行数) of a fund row.
type ColumnPick = fn(&FundExecution) -> Option<Money>;

/// 年度资金总额 must equal 当年财政拨款 + 上年结转 + 其他资金 in each column that is filled.
fn check_fund_split(funds: &EvaluationFunds, findings: &mut Findings, cell: Option<&String>) {
    let sources = [
        &funds.current_appropriation,
        &funds.carried_over,
        &funds.other,
    ];
    let columns: [(&str, ColumnPick); 3] = [
        ("年初预算数", |r| r.initial_budget),
        ("全年预算数", |r| r.full_year_budget),
        ("全年执行数", |r| r.executed),
    ];
    for (label, pick) in columns {
        let parts: Vec<Money> = sources.iter().filter_map(|r| pick(r)).collect();
        let (Some(total), false) = (pick(&funds.total), parts.is_empty()) else {
            continue;
        };
        let sum: Money = parts.into_iter().sum();
        if sum != total {
            findings.push(
                "funds_split",
                ScoreSeverity::Warning,
                cell,
                format!(
                    "年度资金总额的{label}为 {} 万元，而当年财政拨款、上年结转资金和其他资金合计为 {} 万元，相差 {} 万元。",
                    total.format_wanyuan(),
                    sum.format_wanyuan(),
                    (total - sum).format_wanyuan()
                ),
                Some(sum.plain_wanyuan()),
                Some(total.plain_wanyuan()),
            );
        }
    }
}

fn score_indicator(
    indicator: &EvaluatedIndicator,
    at: Option<&IndicatorCells>,
    findings: &mut Findings,
) -> IndicatorScore {
    let computed = rules::indicator(
        &indicator.target,
        &indicator.actual,
        indicator.weight,
        indicator.grading.as_ref(),
    );
    let score = match computed {
        Ok(points) => {
            if let Some(stated) = indicator.stated_score {
                if round2(stated) != points {
                    findings.push(
                        "stated_indicator_score",
                        ScoreSeverity::Error,
                        at.and_then(|c| c.score.as_ref()),
                        format!(
                            "指标“{}”（年度指标值“{}”，实际完成值“{}”，分值 {}）按评分规则应得 {} 分，表内得分为 {} 分。",
                            indicator.name,
                            indicator.target.trim(),
                            indicator.actual.trim(),
                            indicator.weight.normalize(),
                            points,
                            stated.normalize()
                        ),
                        Some(points.to_string()),
                        Some(round2(stated).to_string()),
                    );
                }
            }
            Some(points)
        }
        Err(why) => {
            let cell = match why {
                rules::Unscorable::BlankTarget => at.and_then(|c| c.target.as_ref()),
                rules::Unscorable::NeedsGrading | rules::Unscorable::GradeOutOfBand { .. } => {
                    at.and_then(|c| c.score.as_ref())
                }
                _ => at.and_then(|c| c.actual.as_ref()),
            };
            findings.push(
                why.rule(),
                ScoreSeverity::Error,
                cell,
                why.message(
                    &indicator.name,
                    indicator.target.trim(),
                    indicator.actual.trim(),
                ),
                None,
                None,
            );
            None
        }
    };
    IndicatorScore {
        name: indicator.name.clone(),
        target: indicator.target.clone(),
        actual: indicator.actual.clone(),
        weight: indicator.weight,
        score,
    }
}

fn check_weights(
    evaluation: &SelfEvaluation,
    findings: &mut Findings,
    cells: Option<&EvaluationCells>,
) {
    let indicator_total: Decimal = evaluation.indicators.iter().map(|i| i.weight).sum();
    if indicator_total != INDICATOR_WEIGHT_TOTAL {
        findings.push(
            "indicator_weight_total",
            ScoreSeverity::Warning,
            cells.and_then(|c| c.weight_total.as_ref()),
            format!(
                "各绩效指标分值合计为 {} 分，应为 90 分（另 10 分为预算执行率）。",
                indicator_total.normalize()
            ),
            Some("90".to_string()),
            Some(indicator_total.normalize().to_string()),
        );
    }
    if let Some(stated) = evaluation.stated.execution_weight {
        if stated != EXECUTION_WEIGHT {
            findings.push(
                "execution_weight",
                ScoreSeverity::Warning,
                cells.and_then(|c| c.execution_weight.as_ref()),
                format!(
                    "预算执行率的分值为 {} 分，评分规则规定为 10 分，已按 10 分计算。",
                    stated.normalize()
                ),
                Some("10".to_string()),
                Some(stated.normalize().to_string()),
            );
        }
    }
    if let Some(stated) = evaluation.stated.weight_total {
        let expected = EXECUTION_WEIGHT + indicator_total;
        if stated != expected {
            findings.push(
                "stated_weight_total",
                ScoreSeverity::Warning,
                cells.and_then(|c| c.weight_total.as_ref()),
                format!(
                    "总分一行的分值为 {} 分，预算执行率 10 分加各指标分值应为 {} 分。",
                    stated.normalize(),
                    expected.normalize()
                ),
                Some(expected.normalize().to_string()),
                Some(stated.normalize().to_string()),
            );
        }
    }
}

fn check_stated(
    evaluation: &SelfEvaluation,
    execution_rate: Option<Decimal>,
    execution_score: Option<Decimal>,
    total: Decimal,
    grade: super::model::EvaluationGrade,
    findings: &mut Findings,
    cells: Option<&EvaluationCells>,
) {
    let stated = &evaluation.stated;
    if let (Some(stated_rate), Some(rate)) = (stated.execution_rate, execution_rate) {
        // A workbook prints the rate with fewer decimals ("100%"); compare at its precision.
        let shown = rate.round_dp_with_strategy(
            stated_rate.scale(),
            rust_decimal::RoundingStrategy::MidpointAwayFromZero,
        );
        if shown != stated_rate {
            findings.push(
                "stated_execution_rate",
                ScoreSeverity::Error,
                cells.and_then(|c| c.execution_rate.as_ref()),
                format!(
                    "预算执行率（全年执行数 ÷ 全年预算数）应为 {rate}%，表内为 {}%。",
                    stated_rate.normalize()
                ),
                Some(format!("{rate}%")),
                Some(format!("{}%", stated_rate.normalize())),
            );
        }
    }
    if let (Some(stated_score), Some(points)) = (stated.execution_score, execution_score) {
        if round2(stated_score) != points {
            findings.push(
                "stated_execution_score",
                ScoreSeverity::Error,
                cells.and_then(|c| c.execution_score.as_ref()),
                format!(
                    "预算执行得分应为 {points} 分（10 × 执行率，最高 10 分），表内为 {} 分。",
                    stated_score.normalize()
                ),
                Some(points.to_string()),
                Some(round2(stated_score).to_string()),
            );
        }
    }
    if let Some(stated_total) = stated.total {
        if round2(stated_total) != total {
            findings.push(
                "stated_total",
                ScoreSeverity::Error,
                cells.and_then(|c| c.total.as_ref()),
                format!(
                    "总分按评分规则应为 {total} 分，表内为 {} 分。",
                    stated_total.normalize()
                ),
                Some(total.to_string()),
                Some(round2(stated_total).to_string()),
            );
        }
    }
    if let Some(stated_grade) = stated.grade {
        if stated_grade != grade {
            findings.push(
                "stated_grade",
                ScoreSeverity::Error,
                cells.and_then(|c| c.grade.as_ref()),
                format!(
                    "总分 {total} 分的自评结论应为“{}”，表内为“{}”。",
                    grade.label(),
                    stated_grade.label()
                ),
                Some(grade.label().to_string()),
                Some(stated_grade.label().to_string()),
            );
        }
    }
}

#[cfg(test)]
#[path = "evaluate_tests.rs"]
mod tests;
