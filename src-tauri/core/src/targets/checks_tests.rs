//! Each target rule broken once on a small project.

use super::*;
use crate::money::parse_amount;

fn wan(text: &str) -> Money {
    parse_amount(text, Scale::Wanyuan).unwrap().unwrap()
}

fn ind(
    level1: &str,
    level2: &str,
    name: &str,
    op: Option<Operator>,
    value: &str,
    unit: &str,
) -> Indicator {
    Indicator {
        level1: level1.into(),
        level2: level2.into(),
        name: name.into(),
        operator: op,
        value: value.into(),
        unit: unit.into(),
        ..Indicator::default()
    }
}

/// A clean project of 20 万元 with the three levels and a cost indicator.
fn project() -> ProjectTargets {
    ProjectTargets {
        name: "电子政务外网运维".into(),
        amount: Some(wan("20")),
        fiscal: Some(wan("20")),
        other: Some(wan("0")),
        indicators: vec![
            ind(
                "产出指标",
                "数量指标",
                "运维站点数",
                Some(Operator::AtLeast),
                "12",
                "个",
            ),
            ind(
                "成本指标",
                "经济成本指标",
                "运维费",
                Some(Operator::AtMost),
                "12",
                "万元",
            ),
            ind(
                "成本指标",
                "经济成本指标",
                "线路租赁费",
                Some(Operator::AtMost),
                "8",
                "万元",
            ),
            ind(
                "效益指标",
                "社会效益指标",
                "政务服务水平",
                Some(Operator::Qualitative),
                "有所提升",
                "",
            ),
            ind(
                "满意度指标",
                "满意度指标",
                "使用人员满意度",
                Some(Operator::AtLeast),
                "90",
                "%",
            ),
        ],
        ..ProjectTargets::default()
    }
}

fn rules(p: ProjectTargets, known: &[KnownAmount]) -> Vec<(String, Severity)> {
    let set = TargetSet {
        projects: vec![p],
        ..TargetSet::default()
    };
    check_targets(&set, known)
        .into_iter()
        .map(|f| (f.rule, f.severity))
        .collect()
}

#[test]
fn a_clean_project_has_no_findings() {
    assert_eq!(rules(project(), &[]), vec![]);
}

#[test]
fn weights_total_90_and_none_is_missing() {
    let mut p = project();
    for (i, w) in p.indicators.iter_mut().zip([20, 20, 20, 20, 10]) {
        i.weight = Some(Decimal::from(w));
    }
    assert_eq!(rules(p.clone(), &[]), vec![]);
    p.indicators[4].weight = None;
    assert_eq!(
        rules(p, &[]),
        vec![
            ("target_weight_missing".into(), Severity::Error),
            ("target_weights".into(), Severity::Error)
        ]
    );
}

#[test]
fn costs_together_may_not_exceed_the_project() {
    let mut p = project();
    p.indicators[2].value = "8.01".into();
    assert_eq!(
        rules(p, &[]),
        vec![("target_cost_total".into(), Severity::Error)]
    );
}

#[test]
fn cost_units_operators_and_missing_values() {
    let mut p = project();
    p.indicators[1].unit = "%".into();
    p.indicators[2].operator = None;
    p.indicators[0].operator = None;
    p.indicators[3].value = String::new();
    p.indicators[3].operator = None;
    assert_eq!(
        rules(p, &[]),
        vec![
            ("target_cost_unit".into(), Severity::Warning),
            ("target_cost_operator".into(), Severity::Warning),
            ("target_operator_missing".into(), Severity::Warning),
            ("target_value_missing".into(), Severity::Warning),
        ]
    );
}

#[test]
fn comparison_with_wording_is_flagged() {
    let mut p = project();
    p.indicators[3].operator = Some(Operator::AtLeast);
    let found = rules(p, &[]);
    assert_eq!(
        found,
        vec![("target_operator_value".into(), Severity::Error)]
    );
}

#[test]
fn the_amount_known_from_t7_must_match() {
    let known = |amount: &str, name: &str| KnownAmount {
        code: String::new(),
        name: name.into(),
        amount: wan(amount),
        source: "“表7”F7的项目支出".into(),
    };
    assert_eq!(
        rules(project(), &[known("20.00", "电子政务外网运维")]),
        vec![]
    );
    assert_eq!(rules(project(), &[known("19.00", "另一个项目")]), vec![]);
    let set = TargetSet {
        projects: vec![project()],
        ..TargetSet::default()
    };
    let found = check_targets(&set, &[known("19.00", "电子政务 外网运维")]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].rule, "target_amount");
    assert_eq!(
        (found[0].expected, found[0].actual),
        (Some(wan("19")), Some(wan("20")))
    );
    assert!(
        found[0].message.contains("“表7”F7的项目支出为19.00万元"),
        "{}",
        found[0].message
    );
}
