//! Seed 001's 2023 决算 entered as data (as far as the seed prints its numbers) gives a 情况说明
//! in which none of its impossible figures can appear: no "增长159318%" over a zero base, no
//! "下降4000%", no "完成0%" from 0/0, one 财政拨款 comparison instead of two that disagree; and
//! the narrative check finds nothing wrong with what was generated.

use std::collections::BTreeMap;

use budget_core::catalog::Catalog;
use budget_core::checks::Severity;
use budget_core::final_accounts::{
    derive_final_tables, general_budget_completion, three_public_completion, CarryFund, CarryOver,
    FinalData, FinalLine, IncomeLine, SpendingKind,
};
use budget_core::narrative::{
    check_final_facts, check_narrative, check_narrative_final, generate_final, EvaluationSummary,
    FinalPerformance, FinalSources, NarrativeFacts, NarrativeInput, PerformanceFacts,
};
use budget_core::tables::{final_templates, FinalIncome, FinalTables};
use budget_core::Money;
use budget_tests::wan;

fn line(code: &str, economic: &str, kind: SpendingKind, amount: &str) -> FinalLine {
    FinalLine {
        function_code: code.into(),
        economic_code: economic.into(),
        source: FinalIncome::GeneralGrant,
        kind,
        amount: wan(amount),
        project: None,
    }
}

fn tables(data: &FinalData) -> FinalTables {
    derive_final_tables(data, Catalog::embedded(2024), &final_templates()[0])
}

/// 2023: 本年收入 742.81 (all 一般公共预算), 年初 1,593.17, spent 2,335.98 (基本 510.45 = 人员
/// 498.60 + 公用 11.85, 项目 1,825.53), 年末 0. The seed prints 年初 1,593.18 and 221 at 13.94,
/// each 0.01 off its own totals; the data here balance.
fn seed_001_2023() -> FinalData {
    use SpendingKind::{Basic, Project};
    FinalData {
        lines: vec![
            line("2010301", "30101", Basic, "430.75"),
            line("2010301", "30201", Basic, "11.85"),
            line("2010301", "30201", Project, "1.09"),
            line("2080505", "30108", Basic, "52.35"),
            line("2101101", "30110", Basic, "15.50"),
            line("2101101", "30227", Project, "1545.35"),
            line("2160299", "30227", Project, "265.16"),
            line("2210201", "30113", Project, "13.93"),
        ],
        incomes: vec![IncomeLine {
            function_code: "2010301".into(),
            source: FinalIncome::GeneralGrant,
            amount: wan("742.81"),
        }],
        carry_overs: vec![CarryOver {
            fund: CarryFund::General,
            function_code: "2101101".into(),
            opening: wan("1593.17"),
            closing: Money::ZERO,
        }],
        ..FinalData::default()
    }
}

/// 2022 as seed 001's changes imply it: 总计 623.22 (no 年初), spent 583.22, 年末 40.00.
fn seed_001_2022() -> FinalData {
    FinalData {
        lines: vec![line("2010301", "30101", SpendingKind::Basic, "583.22")],
        incomes: vec![IncomeLine {
            function_code: "2010301".into(),
            source: FinalIncome::GeneralGrant,
            amount: wan("623.22"),
        }],
        carry_overs: vec![CarryOver {
            fund: CarryFund::General,
            function_code: "2010301".into(),
            opening: Money::ZERO,
            closing: wan("40.00"),
        }],
        ..FinalData::default()
    }
}

#[test]
fn seed_001_as_data_cannot_print_its_impossible_percentages() {
    let now = tables(&seed_001_2023());
    let prior = tables(&seed_001_2022());
    assert_eq!(
        now.f1
            .as_ref()
            .unwrap()
            .income_grand_total
            .as_ref()
            .unwrap()
            .amount
            .value,
        wan("2335.98")
    );
    // 年初预算 2,412.11 in all, 76.13 of it unspent (seed 001 第三部分 五(三)).
    let mut budget = BTreeMap::new();
    for (code, name, amount) in [
        ("2010301", "行政运行", "519.82"),
        ("2080505", "机关事业单位基本养老保险缴费支出", "52.35"),
        ("2101101", "行政单位医疗", "1560.85"),
        ("2160299", "其他商业流通事务支出", "265.16"),
        ("2210201", "住房公积金", "13.93"),
    ] {
        budget.insert(code.to_string(), (name.to_string(), wan(amount)));
    }
    let completion = general_budget_completion(now.f5.as_ref().unwrap(), Some(&budget));
    let three_public = three_public_completion(now.f7.as_ref().unwrap());
    let input = NarrativeInput {
        unit: "那曲市色尼区经济和信息化局".into(),
        year: 2023,
        ..NarrativeInput::default()
    };
    let narrative = generate_final(
        &FinalSources {
            tables: &now,
            prior: Some(&prior),
            completion: &completion,
            three_public: &three_public,
            performance: &FinalPerformance::default(),
        },
        &input,
    );
    let text = narrative.to_text();
    for impossible in ["159318", "4000%", "完成年初预算的0%", "完成预算的0%"] {
        assert!(!text.contains(impossible), "{impossible} in:\n{text}");
    }
    assert!(
        text.contains("收入支出总计2335.98万元，比上年决算增加1712.76万元，增长274.82%"),
        "{text}"
    );
    // 一般公共预算 spending is compared with last year's spending (583.22), not its 总计.
    assert!(
        text.contains("一般公共预算财政拨款支出2335.98万元，占本年支出合计的100.00%，比上年决算增加1752.76万元，增长300.53%"),
        "{text}"
    );
    assert!(
        text.contains("年初结转和结余1593.17万元，与上年年末结转和结余40.00万元相差1553.17万元，主要原因是：（待填写）"),
        "{text}"
    );
    assert!(
        text.contains("年末结转和结余0.00万元，比上年决算减少40.00万元，下降100.00%"),
        "{text}"
    );
    assert!(text.contains("完成年初预算的96.84%"), "{text}");
    assert!(text.contains("无“三公”经费财政拨款支出"), "{text}");
    assert!(
        text.contains("没有政府性基金预算财政拨款收入和支出"),
        "{text}"
    );
    assert!(
        text.contains("基本支出510.45万元，其中：人员经费498.60万元"),
        "{text}"
    );
    // The generated text passes the narrative check: no percentage it states is wrong.
    let errors: Vec<_> = check_narrative(&text, None)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{text}");

    // Against its own tables the generated text holds, amount by amount …
    let against: Vec<_> = check_narrative_final(&text, &now)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(against.is_empty(), "{against:#?}\n{text}");
    // … and a figure typed wrong elsewhere is found, while the 年初预算 figures are left alone.
    let typed = text.replace("本年收入合计742.81万元", "本年收入合计724.81万元");
    let found = check_narrative_final(&typed, &now);
    assert_eq!(
        found
            .iter()
            .map(|f| (f.rule.as_str(), f.message.as_str()))
            .collect::<Vec<_>>(),
        [(
            "narrative_amount_mismatch",
            "文中本年收入合计为724.81万元，表中为742.81万元。"
        )],
        "{found:#?}"
    );
}

/// 十 and 十一 of the Shanghai 2024 template: what the officer typed stands in the text, a sum is
/// printed only from parts that are all known (so 货物 + 工程 + 服务 = 政府采购金额 and the vehicle
/// types add up to the vehicles, docs/final-accounts.md §1.6 D 26), and a figure not typed is
/// （待填写）, never a zero.
#[test]
fn the_other_matters_print_typed_facts_and_their_sums_never_a_guess() {
    let now = tables(&seed_001_2023());
    let completion = general_budget_completion(now.f5.as_ref().unwrap(), None);
    let three_public = three_public_completion(now.f7.as_ref().unwrap());
    let generate = |input: &NarrativeInput| {
        generate_final(
            &FinalSources {
                tables: &now,
                prior: None,
                completion: &completion,
                three_public: &three_public,
                performance: &FinalPerformance::default(),
            },
            input,
        )
    };
    let blank = NarrativeInput {
        unit: "那曲市色尼区经济和信息化局".into(),
        year: 2023,
        ..NarrativeInput::default()
    };
    let text = generate(&blank).to_text();
    assert!(text.contains("十、预算绩效管理情况说明"), "{text}");
    assert!(
        text.contains("本部门建立了如下预算绩效管理制度：（待填写）。"),
        "{text}"
    );
    assert!(
        text.contains(
            "政府采购金额（以合同签订为准）为（待填写）万元，其中：货物采购金额（待填写）万元"
        ),
        "{text}"
    );
    assert!(text.contains("共有车辆（待填写）辆"), "{text}");
    assert!(text.contains("机关运行经费支出（待填写）万元"), "{text}");

    let mut typed = blank.clone();
    typed.texts.insert(
        "final.performance.systems".into(),
        "《色尼区经信局预算绩效管理办法》。".into(),
    );
    typed.facts.office_operation = Some(wan("11.85"));
    let p = &mut typed.facts.procurement;
    p.goods = Some(wan("12.30"));
    p.works = Some(Money::ZERO);
    p.services = Some(wan("5.5"));
    p.reserved_for_sme = Some(wan("10"));
    p.reserved_for_small_micro = Some(wan("6"));
    p.awarded_sme_reserved = Some(wan("10"));
    p.awarded_small_micro_reserved = Some(wan("6"));
    p.awarded_sme_other = Some(Money::ZERO);
    let a = &mut typed.facts.assets;
    for n in [
        &mut a.minister_vehicles,
        &mut a.leader_vehicles,
        &mut a.confidential_vehicles,
        &mut a.emergency_vehicles,
        &mut a.special_vehicles,
        &mut a.retiree_vehicles,
    ] {
        *n = Some(0);
    }
    a.enforcement_vehicles = Some(2);
    a.other_vehicles = Some(1);
    a.equipment_over_100 = Some(0);
    let narrative = generate(&typed);
    let text = narrative.to_text();
    assert!(
        text.contains("本部门建立了如下预算绩效管理制度：《色尼区经信局预算绩效管理办法》。"),
        "{text}"
    );
    assert!(
        text.contains(
            "（一）机关运行经费：那曲市色尼区经济和信息化局2023年度机关运行经费支出11.85万元。"
        ),
        "{text}"
    );
    assert!(
        text.contains("政府采购金额（以合同签订为准）为17.80万元，其中：货物采购金额12.30万元、工程采购金额0.00万元、服务采购金额5.50万元。"),
        "{text}"
    );
    assert!(
        text.contains("由小微企业供应商中标或成交的，采购金额6.00万元；在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额0.00万元。"),
        "{text}"
    );
    assert!(
        text.contains("截至2023年12月31日，那曲市色尼区经济和信息化局共有车辆3辆，其中：部级领导干部用车0辆、主要领导干部用车0辆、机要通信用车0辆、应急保障用车0辆、执法执勤用车2辆、特种专业技术用车0辆、离退休干部用车0辆、其他用车1辆。单价100万元（含）以上设备（不含车辆）0台（套）。"),
        "{text}"
    );
    // Only the 绩效 figures the app holds elsewhere still wait; the 制度 paragraph does not.
    let systems = narrative
        .sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .find(|p| p.text_key.as_deref() == Some("final.performance.systems"))
        .unwrap();
    assert!(!systems.needs_text);
    assert_eq!(systems.prompt.as_deref(), Some("制度名称"));
    let other = narrative
        .sections
        .iter()
        .find(|s| s.key == "final.other")
        .unwrap();
    assert!(other.paragraphs.iter().all(|p| !p.needs_text), "{other:#?}");

    // Nothing bought is said in words, not as a sum of zeros.
    let p = &mut typed.facts.procurement;
    (p.goods, p.works, p.services) = (Some(Money::ZERO), Some(Money::ZERO), Some(Money::ZERO));
    typed.facts.office_operation = Some(Money::ZERO);
    let text = generate(&typed).to_text();
    assert!(
        text.contains("（二）政府采购支出情况：那曲市色尼区经济和信息化局2023年度无政府采购支出。"),
        "{text}"
    );
    assert!(text.contains("2023年度无机关运行经费支出。"), "{text}");
}

/// The facts typed for 十 and 十一 against each other and the tables (§1.6 B 17, D 25): each
/// rule silent on consistent facts and speaking on a broken copy.
#[test]
fn facts_that_contradict_each_other_or_the_tables_are_found() {
    let now = tables(&seed_001_2023());
    let facts = NarrativeFacts {
        office_operation: Some(wan("11.85")),
        performance: PerformanceFacts {
            problems_found: Some(3),
            problems_rectified: Some(2),
            problems_rectifying: Some(1),
            ..PerformanceFacts::default()
        },
        ..NarrativeFacts::default()
    };
    let evaluated = FinalPerformance {
        targeted: Some((2, wan("244.43"))),
        evaluated: Some(EvaluationSummary {
            projects: 2,
            amount: wan("244.43"),
            average: "100.00".parse().unwrap(),
            grades: vec![("优", 2), ("良", 0), ("中", 0), ("差", 0)],
        }),
        units: Vec::new(),
    };
    let rules = |facts: &NarrativeFacts, performance: &FinalPerformance, single: bool| {
        check_final_facts(facts, &now, performance, single)
            .into_iter()
            .map(|f| (f.rule, f.severity, f.location.sheet.unwrap_or_default()))
            .collect::<Vec<_>>()
    };
    assert!(rules(&facts, &evaluated, true).is_empty());

    let mut broken = facts.clone();
    broken.performance.problems_rectifying = Some(2);
    assert_eq!(
        rules(&broken, &evaluated, true),
        [(
            "final_performance_problems".to_string(),
            Severity::Error,
            "情况说明".to_string()
        )]
    );

    // 项目支出 is 1,825.53: a 自评 over 2,000 is more money than was spent on projects.
    let mut over = evaluated.clone();
    if let Some(e) = over.evaluated.as_mut() {
        e.amount = wan("2000");
    }
    assert_eq!(
        rules(&facts, &over, true)
            .into_iter()
            .map(|(r, s, _)| (r, s))
            .collect::<Vec<_>>(),
        [("final_evaluation_amount".to_string(), Severity::Warning)]
    );

    // 公用经费合计 is 11.85: more is an error anywhere, less is fine for a department (its 事业
    // units' 公用经费 is not 机关运行经费) and a warning for a single 行政 unit.
    let mut high = facts.clone();
    high.office_operation = Some(wan("20.06"));
    assert_eq!(
        rules(&high, &evaluated, false)
            .into_iter()
            .map(|(r, s, _)| (r, s))
            .collect::<Vec<_>>(),
        [("final_office_operation".to_string(), Severity::Error)]
    );
    let mut low = facts.clone();
    low.office_operation = Some(wan("8.00"));
    assert!(rules(&low, &evaluated, false).is_empty());
    assert_eq!(
        rules(&low, &evaluated, true)
            .into_iter()
            .map(|(r, s, _)| (r, s))
            .collect::<Vec<_>>(),
        [("final_office_operation".to_string(), Severity::Warning)]
    );
}
