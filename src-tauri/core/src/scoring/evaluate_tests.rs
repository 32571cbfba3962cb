//! Tests of whole-evaluation scoring: totals, stated scores, findings.

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

/// Seed 001's second project, 经信、商务领域宣传经费, typed in from the published 自评表:
/// every indicator meets its target, stated 100 / 优.
#[test]
fn seed_001_publicity_project_scores_100() {
    let row = FundExecution {
        initial_budget: wan("0.2"),
        full_year_budget: wan("0.2"),
        executed: wan("0.2"),
    };
    let rows = [
        ("产出指标", "数量指标", "宣传次数", "≥3次", "6次", "5"),
        (
            "产出指标",
            "数量指标",
            "宣传册数量",
            "≥100册",
            "2000册",
            "5",
        ),
        (
            "产出指标",
            "质量指标",
            "资金分配是否合理",
            "合理",
            "合理",
            "10",
        ),
        (
            "产出指标",
            "质量指标",
            "宣传内容领会度",
            "≥95%",
            "95%",
            "10",
        ),
        (
            "产出指标",
            "质量指标",
            "资金使用存在不合规、超标准、虚列等情况可能性",
            "0%",
            "0%",
            "5",
        ),
        (
            "产出指标",
            "时效指标",
            "资金到位及时率",
            "一次性发放",
            "一次性发放",
            "5",
        ),
        ("产出指标", "时效指标", "及时宣传率", "≥98%", "98%", "5"),
        (
            "产出指标",
            "成本指标",
            "实施总成本",
            "≤0.2万元",
            "0.2万元",
            "5",
        ),
        (
            "效益指标",
            "社会效益指标",
            "政策知晓率",
            "≥95%",
            "96%",
            "10",
        ),
        (
            "效益指标",
            "生态效益指标",
            "宣传污染治理，有效改善生态环境",
            "有效改善",
            "有效改善",
            "10",
        ),
        (
            "效益指标",
            "可持续影响指标",
            "有效增强群众安全、环保等意识",
            "持续增强",
            "持续增强",
            "10",
        ),
        (
            "满意度指标",
            "服务对象满意度指标",
            "宣传对象满意度",
            "≥95%",
            "100%",
            "10",
        ),
    ];
    let e = SelfEvaluation {
        project: "经信、商务领域宣传经费".into(),
        funds: EvaluationFunds {
            total: row.clone(),
            current_appropriation: row,
            ..Default::default()
        },
        indicators: rows
            .iter()
            .map(|(l1, l2, name, target, actual, weight)| {
                let mut i = indicator(name, target, actual, weight);
                i.level1 = (*l1).into();
                i.level2 = (*l2).into();
                i.stated_score = Some(d(weight));
                i
            })
            .collect(),
        stated: StatedScores {
            execution_score: Some(d("10")),
            total: Some(d("100")),
            grade: Some(EvaluationGrade::Excellent),
            ..Default::default()
        },
        ..Default::default()
    };
    let result = score(&e);
    assert_eq!(result.total.to_string(), "100.00");
    assert_eq!(result.grade, EvaluationGrade::Excellent);
    assert!(result.findings.is_empty(), "{:?}", result.findings);
}

#[test]
fn executed_missing_is_said_plainly() {
    let mut e = evaluation("80", "80", "80");
    e.funds.total.executed = None;
    e.funds.current_appropriation.executed = None;
    let result = score(&e);
    assert_eq!(result.findings[0].rule, "execution_no_executed");
    assert!(
        result.findings[0].message.contains("全年执行数"),
        "{}",
        result.findings[0].message
    );
}
