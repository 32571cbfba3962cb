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
    pub sheet: String,
    pub project: Option<String>,
    pub execution_weight: Option<String>,
    pub execution_rate: Option<String>,
    pub execution_score: Option<String>,
    /// 全年执行数 and 全年预算数 of 年度资金总额.
    pub executed: Option<String>,
    pub full_year_budget: Option<String>,
    pub weight_total: Option<String>,
    pub total: Option<String>,
    pub grade: Option<String>,
    pub indicators: Vec<IndicatorCells>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndicatorCells {
    pub name: Option<String>,
    pub target: Option<String>,
    pub actual: Option<String>,
    pub weight: Option<String>,
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

/// Scores `evaluation` by the rules of DESIGN §5, without cell references.
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
    let execution = execution(&evaluation.funds);
    let (execution_rate, execution_score) = match execution {
        Some((rate, points)) => (Some(rate), Some(points)),
        None => {
            findings.push(
                "execution_no_budget",
                ScoreSeverity::Error,
                cell(|c| &c.full_year_budget),
                format!(
                    "项目“{}”没有全年预算数（或为 0）和全年执行数，无法计算预算执行率和执行得分。",
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

/// The 年度资金总额 row, or the sum of the source rows when the total row was left blank.
fn execution(funds: &EvaluationFunds) -> Option<(Decimal, Decimal)> {
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
        .or_else(|| sum(|r| r.full_year_budget))?;
    let executed = funds.total.executed.or_else(|| sum(|r| r.executed))?;
    rules::execution(executed, budget)
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
mod tests {
    use std::str::FromStr;

    use super::*;
    use crate::money::{parse_amount, Scale};
    use crate::scoring::model::{Achievement, EvaluationGrade, QualitativeGrading, StatedScores};

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn wan(text: &str) -> Option<Money> {
        parse_amount(text, Scale::Wanyuan).unwrap()
    }

    fn indicator(name: &str, target: &str, actual: &str, weight: &str) -> EvaluatedIndicator {
        EvaluatedIndicator {
            level1: "产出指标".into(),
            level2: "数量指标".into(),
            name: name.into(),
            target: target.into(),
            actual: actual.into(),
            weight: d(weight),
            stated_score: None,
            grading: None,
            deviation: String::new(),
        }
    }

    fn evaluation(initial: &str, budget: &str, executed: &str) -> SelfEvaluation {
        let row = FundExecution {
            initial_budget: wan(initial),
            full_year_budget: wan(budget),
            executed: wan(executed),
        };
        SelfEvaluation {
            project: "测试项目".into(),
            funds: EvaluationFunds {
                total: row.clone(),
                current_appropriation: row,
                ..Default::default()
            },
            indicators: vec![
                indicator("成功率", "≥90%", "81%", "10"),
                indicator("总成本", "≤244.23万元", "260万元", "5"),
                indicator("资金分配", "合理", "合理", "30"),
                indicator("违规可能性", "0%", "0%", "20"),
                indicator("满意度", "≥95%", "100%", "25"),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn total_adds_execution_and_indicator_scores() {
        // 年初 100 ≠ 全年 80; executed 76 → 95 % → 9.50
        let result = score(&evaluation("100", "80", "76"));
        assert_eq!(result.execution_rate, Some(d("95.00")));
        assert_eq!(result.execution_score, Some(d("9.50")));
        let points: Vec<String> = result
            .indicators
            .iter()
            .map(|i| i.score.unwrap().to_string())
            .collect();
        assert_eq!(points, ["9.00", "4.68", "30.00", "20.00", "25.00"]);
        // 9.50 + 9.00 + 4.68 + 30 + 20 + 25 = 98.18
        assert_eq!(result.total.to_string(), "98.18");
        assert_eq!(result.grade, EvaluationGrade::Excellent);
        assert!(result.findings.is_empty(), "{:?}", result.findings);
    }

    #[test]
    fn stated_scores_that_differ_are_findings_naming_both_numbers() {
        let mut e = evaluation("80", "80", "80");
        e.indicators[0].stated_score = Some(d("10"));
        e.stated = StatedScores {
            execution_score: Some(d("10")),
            total: Some(d("100")),
            grade: Some(EvaluationGrade::Excellent),
            ..Default::default()
        };
        let cells = EvaluationCells {
            sheet: "自评表".into(),
            total: Some("H22".into()),
            indicators: vec![IndicatorCells {
                score: Some("H13".into()),
                ..Default::default()
            }],
            ..Default::default()
        };
        let result = score_with_cells(&e, Some(&cells));
        // 10 + 9 + 4.68 + 30 + 20 + 25 = 98.68
        assert_eq!(result.total.to_string(), "98.68");
        let rules: Vec<&str> = result.findings.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(rules, ["stated_indicator_score", "stated_total"]);
        let first = &result.findings[0];
        assert_eq!(first.cell.as_deref(), Some("H13"));
        assert_eq!(first.sheet.as_deref(), Some("自评表"));
        assert!(
            first.message.contains("9.00") && first.message.contains("10"),
            "{}",
            first.message
        );
        assert_eq!(result.findings[1].cell.as_deref(), Some("H22"));
        assert_eq!(result.findings[1].expected.as_deref(), Some("98.68"));
        assert_eq!(result.findings[1].actual.as_deref(), Some("100.00"));
    }

    #[test]
    fn stated_grade_is_checked() {
        let mut e = evaluation("80", "40", "20");
        // 5 + 9 + 4.68 + 75 = 93.68 → still 优; make it 良 by failing the satisfaction survey
        e.indicators[4].actual = "50%".into();
        e.stated.grade = Some(EvaluationGrade::Excellent);
        let result = score(&e);
        // 25 × 50 ÷ 95 = 13.157… → 13.16; 5 + 9 + 4.68 + 30 + 20 + 13.16 = 81.84
        assert_eq!(result.total.to_string(), "81.84");
        assert_eq!(result.grade, EvaluationGrade::Good);
        assert_eq!(result.findings.len(), 1);
        assert_eq!(result.findings[0].rule, "stated_grade");
    }

    #[test]
    fn unscorable_indicators_are_findings_not_guesses() {
        let mut e = evaluation("80", "80", "80");
        e.indicators[0].actual = "95次".into();
        e.indicators[2].actual = "基本合理".into();
        let result = score(&e);
        assert_eq!(result.indicators[0].score, None);
        assert_eq!(result.indicators[2].score, None);
        let rules: Vec<&str> = result.findings.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(
            rules,
            ["indicator_unit_mismatch", "qualitative_needs_grading"]
        );
        // Graded 部分达成 with 20 of 30 (66.7 %): inside its band, so it counts.
        e.indicators[0].actual = "81%".into();
        e.indicators[2].grading = Some(QualitativeGrading {
            achievement: Achievement::PartlyAchieved,
            score: d("20"),
        });
        let result = score(&e);
        assert_eq!(result.indicators[2].score, Some(d("20.00")));
        assert!(result.findings.is_empty(), "{:?}", result.findings);
    }

    #[test]
    fn missing_budget_and_bad_split_are_reported() {
        let mut e = evaluation("80", "80", "80");
        e.funds.total.full_year_budget = None;
        e.funds.current_appropriation.full_year_budget = None;
        let result = score(&e);
        assert_eq!(result.execution_score, None);
        assert_eq!(result.findings[0].rule, "execution_no_budget");

        let mut e = evaluation("80", "80", "80");
        e.funds.other.executed = wan("1");
        let result = score(&e);
        assert_eq!(result.findings[0].rule, "funds_split");
        assert!(
            result.findings[0].message.contains("81.00"),
            "{}",
            result.findings[0].message
        );
    }

    #[test]
    fn weights_must_total_ninety() {
        let mut e = evaluation("80", "80", "80");
        e.indicators.pop();
        let result = score(&e);
        assert_eq!(result.findings[0].rule, "indicator_weight_total");
        assert_eq!(result.findings[0].actual.as_deref(), Some("65"));
    }
}
