//! Seed 001's two 项目支出绩效自评, started from the projects' 绩效目标 of the year's 预算 instead of
//! typed from scratch: the targets, weights and amounts come over, the officer types the actual
//! values, and each scores as the published one says (100 / 优).

use rust_decimal::Decimal;

use budget_core::final_accounts::{FinalData, FinalLine, SpendingKind};
use budget_core::lines::{BudgetLine, FundSource, LineSet, Project, ProjectCategory, SpendingType};
use budget_core::model::{DisclosureKind, UnitInput, UnitType};
use budget_core::narrative::NarrativeInput;
use budget_core::prepare::evaluation_start::{
    evaluation_candidates, evaluation_from_targets, start_evaluation, StartContext,
};
use budget_core::prepare::final_accounts::final_narrative;
use budget_core::scoring::{read_workbook, score, EvaluationGrade, ReportProse, SelfEvaluation};
use budget_core::store::Store;
use budget_core::tables::FinalIncome;
use budget_core::targets::value::split_value;
use budget_core::targets::{Indicator, ProjectTargets, TargetSet};
use budget_tests::fixture;
use budget_tests::wan;

fn indicator(level1: &str, level2: &str, name: &str, target: &str, weight: u32) -> Indicator {
    let split = split_value(target);
    Indicator {
        level1: level1.into(),
        level2: level2.into(),
        name: name.into(),
        operator: split.operator,
        value: split.value,
        unit: split.unit,
        verbatim: split.verbatim,
        weight: Some(Decimal::from(weight)),
        ..Indicator::default()
    }
}

/// The 经信、商务领域宣传经费 targets as its 自评表 in seed 001 prints them (年度指标值, 分值).
fn publicity_targets() -> ProjectTargets {
    ProjectTargets {
        code: "540602-XC".into(),
        name: "经信、商务领域宣传经费".into(),
        amount: Some(wan("0.2")),
        fiscal: Some(wan("0.2")),
        goal: "年内经济和信息化领域、商务领域的安全生产、疫情防控、白色污染治理、促进消费、食用加碘盐及饮用健康茶等宣传教育，有关经费年底一次性拨付。".into(),
        indicators: vec![
            indicator("产出指标", "数量指标", "宣传次数", "≥3次", 5),
            indicator("产出指标", "数量指标", "宣传册数量", "≥100册", 5),
            indicator("产出指标", "质量指标", "资金分配是否合理", "合理", 10),
            indicator("产出指标", "质量指标", "宣传内容领会度", "≥95%", 10),
            indicator(
                "产出指标",
                "质量指标",
                "资金使用存在不合规、超标准、虚列等情况可能性",
                "0%",
                5,
            ),
            indicator("产出指标", "时效指标", "资金到位及时率", "一次性发放", 5),
            indicator("产出指标", "时效指标", "及时宣传率", "≥98%", 5),
            indicator("产出指标", "成本指标", "实施总成本", "≤0.2万元", 5),
            indicator("效益指标", "社会效益指标", "政策知晓率", "≥95%", 10),
            indicator(
                "效益指标",
                "生态效益指标",
                "宣传污染治理，有效改善生态环境",
                "有效改善",
                10,
            ),
            indicator(
                "效益指标",
                "可持续影响指标",
                "有效增强群众安全、环保等意识",
                "持续增强",
                10,
            ),
            indicator("满意度指标", "服务对象满意度指标", "宣传对象满意度", "≥95%", 10),
        ],
        ..ProjectTargets::default()
    }
}

/// What the officer types: the 实际完成值 as seed 001 prints them.
const PUBLICITY_ACTUALS: [&str; 12] = [
    "6次",
    "2000册",
    "合理",
    "95%",
    "0%",
    "一次性发放",
    "98%",
    "0.2万元",
    "96%",
    "有效改善",
    "持续增强",
    "100%",
];

fn fill(evaluation: &mut SelfEvaluation, actuals: &[String]) {
    assert_eq!(evaluation.indicators.len(), actuals.len());
    for (indicator, actual) in evaluation.indicators.iter_mut().zip(actuals) {
        indicator.actual = actual.clone();
    }
}

#[test]
fn the_published_network_evaluation_scores_the_same_when_started_from_its_targets() {
    let read = read_workbook(&fixture("seni-2023-self-evaluation.xlsx")).unwrap();
    let published = &read[0].evaluation;
    assert_eq!(score(published).total, Decimal::from(100));
    // Its targets, as the 预算's 绩效目标 would hold them.
    let targets = ProjectTargets {
        name: published.project.clone(),
        amount: published.funds.total.initial_budget,
        goal: published.overall_target.clone(),
        indicators: published
            .indicators
            .iter()
            .map(|i| {
                let mut t = indicator(&i.level1, &i.level2, &i.name, &i.target, 0);
                t.weight = Some(i.weight);
                t
            })
            .collect(),
        ..ProjectTargets::default()
    };
    let mut started = evaluation_from_targets(
        &targets,
        &StartContext {
            year: 2023,
            unit: "那曲市色尼区经济和信息化局".into(),
            department: "那曲市色尼区经济和信息化局".into(),
            budget: published.funds.total.full_year_budget,
            executed: published.funds.total.executed,
        },
    );
    for (new, old) in started.indicators.iter().zip(&published.indicators) {
        assert_eq!(new.name, old.name);
        assert_eq!(new.weight, old.weight);
        assert_eq!(
            split_value(&new.target),
            split_value(&old.target),
            "{} → {}",
            old.target,
            new.target
        );
    }
    let actuals: Vec<String> = published
        .indicators
        .iter()
        .map(|i| i.actual.clone())
        .collect();
    fill(&mut started, &actuals);
    let scored = score(&started);
    assert_eq!(scored.total, Decimal::from(100), "{:#?}", scored.findings);
    assert_eq!(scored.grade, EvaluationGrade::Excellent);
}

#[test]
fn the_publicity_evaluation_starts_from_the_stored_targets_and_the_final_data() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let unit = store
        .create_unit(&UnitInput {
            name: "那曲市色尼区经济和信息化局".into(),
            code: "540602".into(),
            unit_type: UnitType::Administrative,
            parent_id: None,
        })
        .unwrap();
    let budget = store
        .create_disclosure(unit.id, 2023, DisclosureKind::Budget)
        .unwrap();
    let project = publicity_targets();
    store
        .save_lines(
            budget.id,
            &LineSet {
                projects: vec![Project {
                    code: project.code.clone(),
                    name: project.name.clone(),
                    category: ProjectCategory::parse("特定目标类").unwrap(),
                }],
                lines: vec![BudgetLine {
                    function_code: "2010302".into(),
                    economic_code: "30201".into(),
                    source: FundSource::parse("一般公共预算").unwrap(),
                    carried_over: false,
                    spending: SpendingType::parse("项目支出").unwrap(),
                    project_code: Some(project.code.clone()),
                    amount: wan("0.2"),
                    note: String::new(),
                }],
            },
        )
        .unwrap();
    store
        .save_targets(
            budget.id,
            &TargetSet {
                year: Some(2023),
                projects: vec![project.clone()],
                department: None,
            },
        )
        .unwrap();
    let fin = store
        .create_disclosure(unit.id, 2023, DisclosureKind::FinalAccounts)
        .unwrap();
    store
        .save_final_data(
            fin.id,
            &FinalData {
                lines: vec![FinalLine {
                    function_code: "2010302".into(),
                    economic_code: "30201".into(),
                    source: FinalIncome::GeneralGrant,
                    kind: SpendingKind::Project,
                    amount: wan("0.2"),
                    project: Some(project.name.clone()),
                }],
                ..FinalData::default()
            },
        )
        .unwrap();

    let candidates = evaluation_candidates(&store, fin.id).unwrap();
    assert_eq!(candidates.len(), 1);
    assert_eq!(candidates[0].name, "经信、商务领域宣传经费");
    assert_eq!(candidates[0].budget, Some(wan("0.2")));
    assert_eq!(candidates[0].executed, Some(wan("0.2")));
    assert_eq!(candidates[0].indicators, 12);
    assert!(!candidates[0].started);

    let mut evaluation = start_evaluation(&store, fin.id, &project.code).unwrap();
    assert_eq!(evaluation.year, Some(2023));
    assert_eq!(evaluation.project, "经信、商务领域宣传经费");
    assert_eq!(evaluation.funds.total.initial_budget, Some(wan("0.2")));
    assert_eq!(evaluation.funds.total.executed, Some(wan("0.2")));
    assert_eq!(evaluation.indicators[7].target, "≤0.2万元");
    let actuals: Vec<String> = PUBLICITY_ACTUALS.iter().map(|a| a.to_string()).collect();
    fill(&mut evaluation, &actuals);
    let scored = score(&evaluation);
    assert_eq!(scored.total, Decimal::from(100), "{:#?}", scored.findings);
    assert_eq!(scored.grade, EvaluationGrade::Excellent);

    // Kept with the 决算 beside the published network evaluation, both feed 十、预算绩效管理情况:
    // the count, money, average and grades come from the evaluations as scored, the 绩效目标
    // count from the year's 预算.
    let network = read_workbook(&fixture("seni-2023-self-evaluation.xlsx")).unwrap()[0]
        .evaluation
        .clone();
    for e in [&network, &evaluation] {
        store
            .save_evaluation(fin.id, None, e, &ReportProse::default())
            .unwrap();
    }
    let text = final_narrative(&store, fin.id, &NarrativeInput::default())
        .unwrap()
        .to_text();
    assert!(
        text.contains("编报绩效目标的2023年度项目1个，涉及预算金额0.20万元；"),
        "{text}"
    );
    assert!(
        text.contains("绩效自评的2023年度项目2个，涉及预算金额244.43万元，平均得分100.00分（其中，绩效评级为“优”的项目2个；绩效评级为“良”的项目0个；绩效评级为“中”的项目0个；绩效评级为“差”的项目0个。"),
        "{text}"
    );
    // What the app cannot know waits for the officer: 跟踪 and the problems found.
    assert!(
        text.contains("绩效跟踪评价的2023年度项目（待填写）个"),
        "{text}"
    );

    // A 预算 project nobody set targets for, or a 决算 without its year's 预算, says so.
    assert!(start_evaluation(&store, fin.id, "不存在的项目").is_err());
    let lone = store
        .create_disclosure(unit.id, 2022, DisclosureKind::FinalAccounts)
        .unwrap();
    let err = start_evaluation(&store, lone.id, &project.code).unwrap_err();
    assert!(err.to_string().contains("没有2022年的预算公开"), "{err}");
}
