//! Export tests: what is written reads back as the same evaluation.

use std::str::FromStr;

use super::*;
use crate::money::parse_amount;
use crate::scoring::model::{Achievement, EvaluationFunds, QualitativeGrading, StatedScores};
use crate::scoring::{read_sheets, score_read};
use crate::xlsx;

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn wan(text: &str) -> Option<Money> {
    parse_amount(text, Scale::Wanyuan).unwrap()
}

fn indicator(
    level1: &str,
    level2: &str,
    name: &str,
    target: &str,
    actual: &str,
    weight: &str,
) -> EvaluatedIndicator {
    EvaluatedIndicator {
        level1: level1.into(),
        level2: level2.into(),
        name: name.into(),
        target: target.into(),
        actual: actual.into(),
        weight: d(weight),
        stated_score: None,
        grading: None,
        deviation: String::new(),
    }
}

fn sample(project: &str) -> SelfEvaluation {
    let mut qualitative = indicator(
        "效益指标",
        "社会效益指标",
        "办事效率",
        "有效提高",
        "略有提高",
        "15",
    );
    qualitative.grading = Some(QualitativeGrading {
        achievement: Achievement::PartlyAchieved,
        score: d("10.5"),
    });
    qualitative.deviation = "部分单位网络改造滞后，明年第一季度完成。".into();
    SelfEvaluation {
        title: "色尼区部门预算支出绩效自评表".into(),
        year: Some(2023),
        filled_by: "色尼区经济和信息化局".into(),
        filled_on: "2023年12月11日".into(),
        project: project.into(),
        department: "色尼区经济和信息化局".into(),
        implementer: "色尼区经济和信息化局".into(),
        funds: EvaluationFunds {
            total: FundExecution {
                initial_budget: wan("300"),
                full_year_budget: wan("260.5"),
                executed: wan("244.234567"),
            },
            current_appropriation: FundExecution {
                initial_budget: wan("300"),
                full_year_budget: wan("250"),
                executed: wan("234.234567"),
            },
            carried_over: FundExecution {
                initial_budget: None,
                full_year_budget: wan("10.5"),
                executed: wan("10"),
            },
            other: FundExecution::default(),
        },
        overall_target: "通过电子政务外网，提高各部门业务运行效率。".into(),
        overall_actual: "一次性拨付244.23万元，扶持单位数54家，成功54家。".into(),
        indicators: vec![
            indicator(
                "产出指标",
                "数量指标",
                "受扶持单位数量(个）",
                "≥1",
                "54",
                "10",
            ),
            indicator(
                "产出指标",
                "质量指标",
                "扶持项目成功率",
                "≥90%",
                "81%",
                "10",
            ),
            indicator(
                "产出指标",
                "质量指标",
                "资金分配是否合理",
                "合理",
                "合理",
                "10",
            ),
            indicator("产出指标", "质量指标", "违规可能性", "0%", "0%", "10"),
            indicator(
                "产出指标",
                "时效指标",
                "资金到位及时率",
                "一次性发放",
                "一次性发放",
                "5",
            ),
            indicator(
                "产出指标",
                "成本指标",
                "实施总成本",
                "≤244.23万元",
                "260万元",
                "5",
            ),
            qualitative,
            indicator(
                "效益指标",
                "可持续影响指标",
                "网络可使用年限",
                "≥1年",
                "1年",
                "15",
            ),
            indicator(
                "满意度指标",
                "服务对象满意度指标",
                "受益对象满意度",
                "≥95%",
                "100%",
                "10",
            ),
        ],
        stated: StatedScores::default(),
    }
}

/// What reading the export back must give: the same evaluation, now stating the scores.
fn with_stated(mut e: SelfEvaluation) -> SelfEvaluation {
    let result = score(&e);
    for (indicator, computed) in e.indicators.iter_mut().zip(&result.indicators) {
        indicator.stated_score = computed.score;
    }
    e.stated = StatedScores {
        execution_weight: Some(EXECUTION_WEIGHT),
        execution_rate: result.execution_rate,
        execution_score: result.execution_score,
        weight_total: Some(d("100")),
        total: Some(result.total),
        grade: Some(result.grade),
    };
    e
}

#[test]
fn export_then_import_gives_the_same_evaluation() {
    let originals = vec![
        sample("电子政务外网延伸项目"),
        sample("经信、商务领域宣传经费"),
    ];
    let bytes = write_workbook(&originals).unwrap();
    let book = xlsx::load_bytes(Path::new("导出.xlsx"), bytes).unwrap();
    assert_eq!(book.sheets.len(), 2);
    let read = read_sheets(Path::new("导出.xlsx"), &book).unwrap();
    assert_eq!(read.len(), 2);
    for (original, back) in originals.iter().zip(&read) {
        assert_eq!(back.evaluation, with_stated(original.clone()));
        let before = score(original);
        let after = score_read(back);
        assert_eq!(after.total, before.total);
        assert_eq!(after.indicators, before.indicators);
        // Only the note that the qualitative band came from the stated score.
        let rules: Vec<&str> = after.findings.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(rules, ["qualitative_grade_inferred"]);
    }
    // 244.234567 ÷ 260.5 = 93.756…% → 9.38 points; indicators 10 + 9 + 10 + 10 + 5 + 4.68
    // + 10.5 + 15 + 10 = 84.18; total 93.56.
    let result = score(&originals[0]);
    assert_eq!(result.execution_score, Some(d("9.38")));
    assert_eq!(result.execution_rate, Some(d("93.76")));
    assert_eq!(result.total.to_string(), "93.56");
}

#[test]
fn the_fixture_round_trips_through_export() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/seni-2023-self-evaluation.xlsx"
    );
    let original = crate::scoring::read_workbook(Path::new(path)).unwrap();
    let evaluation = original[0].evaluation.clone();
    let bytes = write_workbook(std::slice::from_ref(&evaluation)).unwrap();
    let book = xlsx::load_bytes(Path::new("导出.xlsx"), bytes).unwrap();
    let back = read_sheets(Path::new("导出.xlsx"), &book).unwrap();
    assert_eq!(back[0].evaluation, with_stated(evaluation));
    let result = score_read(&back[0]);
    assert_eq!(
        (result.total.to_string(), result.grade.label()),
        ("100.00".into(), "优")
    );
    assert!(result.findings.is_empty(), "{:?}", result.findings);
}

#[test]
fn sheet_names_are_valid_and_unique() {
    assert_eq!(sheet_name("a/b:c", &[]), "a_b_c");
    // Pasted control characters and non-characters would make workbook.xml unreadable.
    assert_eq!(sheet_name("宣传\u{7}经费\u{FFFE}", &[]), "宣传_经费_");
    let long = "很".repeat(40);
    assert_eq!(sheet_name(&long, &[]).chars().count(), 31);
    let taken = vec!["项目".to_string()];
    assert_eq!(sheet_name("项目", &taken), "项目(2)");
    assert_eq!(sheet_name("  ", &[]), "自评表");
}

#[test]
fn runs_group_consecutive_levels() {
    let e = sample("x");
    let level1: Vec<(&str, std::ops::Range<usize>)> = runs(&e.indicators, |i| i.level1.as_str());
    assert_eq!(
        level1,
        [("产出指标", 0..6), ("效益指标", 6..8), ("满意度指标", 8..9)]
    );
}
