//! Targets in the database: round trip, refusal, import merge, last year, library.

use super::*;
use crate::model::{UnitInput, UnitType};

fn setup() -> (tempfile::TempDir, Store, i64, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.sqlite")).unwrap();
    let unit = store
        .create_unit(&UnitInput {
            name: "巴青县经信商务局".into(),
            code: "114001".into(),
            unit_type: UnitType::Administrative,
            parent_id: None,
        })
        .unwrap();
    let d = store
        .create_disclosure(unit.id, 2025, DisclosureKind::Budget)
        .unwrap();
    (dir, store, unit.id, d.id)
}

fn indicator(level1: &str, name: &str, op: Operator, value: &str, unit: &str) -> Indicator {
    Indicator {
        level1: level1.into(),
        level2: "数量指标".into(),
        name: name.into(),
        operator: Some(op),
        value: value.into(),
        unit: unit.into(),
        weight: Some(Decimal::new(30, 0)),
        direction: Some(Direction::Positive),
        ..Indicator::default()
    }
}

fn project(code: &str, name: &str) -> ProjectTargets {
    ProjectTargets {
        code: code.into(),
        name: name.into(),
        unit: "114001－巴青县经信商务局机关".into(),
        manager: "XX".into(),
        amount: Some(Money::from_fen(12_000_000)),
        fiscal: Some(Money::from_fen(12_000_000)),
        other: Some(Money::ZERO),
        goal: "保障公益性岗位人员生活补贴足额发放".into(),
        indicators: vec![
            indicator("产出指标", "人员覆盖率", Operator::Equal, "100", "%"),
            Indicator {
                core: true,
                basis: "计划标准".into(),
                last_year: "稳定".into(),
                scoring_rule: "按评判等级赋分".into(),
                evidence: "工作资料".into(),
                ..indicator("效益指标", "社会稳定性", Operator::Qualitative, "稳定", "")
            },
            Indicator {
                weight: Some("30.5".parse().unwrap()),
                verbatim: Some("2022 年 12 月".into()),
                ..indicator("满意度指标", "受益对象满意度", Operator::AtLeast, "90", "%")
            },
        ],
        ..ProjectTargets::default()
    }
}

fn set() -> TargetSet {
    TargetSet {
        year: Some(2025),
        projects: vec![project("54060025R000001579909", "公益性岗位生活补贴")],
        department: Some(DepartmentTargets {
            department: "巴青县经信商务局".into(),
            contact: "谢东升".into(),
            phone: "13667508777".into(),
            goal: "保障运转".into(),
            superior_funds: Some(Money::ZERO),
            own_funds: Some(Money::from_fen(842_070_000)),
            other_funds: None,
            indicators: vec![indicator(
                "履职效能",
                "召开会议次数",
                Operator::AtLeast,
                "18",
                "次",
            )],
        }),
    }
}

#[test]
fn targets_round_trip_exactly() {
    let (_d, mut s, _, id) = setup();
    s.save_targets(id, &set()).unwrap();
    assert_eq!(s.load_targets(id).unwrap(), set());
    // Saving again replaces, it does not add.
    s.save_targets(id, &set()).unwrap();
    assert_eq!(s.load_targets(id).unwrap(), set());
}

#[test]
fn a_bad_set_saves_nothing() {
    let (_d, mut s, _, id) = setup();
    s.save_targets(id, &set()).unwrap();
    let mut bad = set();
    bad.projects
        .push(project("54060025R000001579909", "另一个名称"));
    bad.projects[0].indicators[0].name = " ".into();
    let err = s.save_targets(id, &bad).unwrap_err().to_string();
    assert!(err.contains("第1个指标没有三级指标名称"), "{err}");
    assert!(err.contains("另有 1 处问题"), "{err}");
    assert_eq!(s.load_targets(id).unwrap(), set());
}

#[test]
fn starter_rows_nothing_was_typed_into_are_neither_refused_nor_stored() {
    let (_d, mut s, _, id) = setup();
    let mut typed = set();
    for level1 in ["产出指标", "效益指标", "满意度指标"] {
        typed.projects[0].indicators.push(Indicator {
            level1: level1.into(),
            level2: "数量指标".into(),
            operator: Some(Operator::AtLeast),
            ..Indicator::default()
        });
    }
    s.save_targets(id, &typed).unwrap();
    assert_eq!(s.load_targets(id).unwrap(), set());
}

#[test]
fn saving_lines_keeps_targets_and_deleting_the_disclosure_removes_them() {
    let (_d, mut s, _, id) = setup();
    s.save_targets(id, &set()).unwrap();
    s.save_lines(id, &crate::lines::LineSet::default()).unwrap();
    assert_eq!(s.load_targets(id).unwrap(), set());
    s.delete_disclosure(id).unwrap();
    let left: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM target_indicator", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
}

#[test]
fn import_merges_projects_and_creates_the_disclosure() {
    let (_d, mut s, unit, id) = setup();
    s.save_targets(id, &set()).unwrap();
    let mut incoming = set();
    incoming.department = None;
    incoming.projects[0].goal = "新的目标".into();
    incoming
        .projects
        .push(project("54060025R000001586429", "干部职工通讯补助"));
    let d = s.import_targets(unit, 2025, &incoming).unwrap();
    assert_eq!(d.id, id);
    let stored = s.load_targets(id).unwrap();
    assert_eq!(stored.projects.len(), 2);
    assert_eq!(stored.projects[0].goal, "新的目标");
    assert_eq!(
        stored.department,
        set().department,
        "kept: the workbook had none"
    );
    let created = s.import_targets(unit, 2027, &incoming).unwrap();
    assert_eq!((created.year, created.kind), (2027, DisclosureKind::Budget));
    assert_eq!(
        s.load_targets(created.id).unwrap().projects,
        incoming.projects
    );
    let mut bad = incoming.clone();
    bad.projects[1].indicators[0].level1 = String::new();
    assert!(s.import_targets(unit, 2028, &bad).is_err());
    assert!(s
        .list_disclosures(unit)
        .unwrap()
        .iter()
        .all(|d| d.year != 2028));
}

#[test]
fn last_years_targets_are_found_by_code_or_name() {
    let (_d, mut s, unit, id) = setup();
    s.save_targets(id, &set()).unwrap();
    let next = s
        .create_disclosure(unit, 2026, DisclosureKind::Budget)
        .unwrap();
    // The 2026 code differs (budget systems renumber), the name is the same.
    let copy = s
        .copy_last_year_targets(next.id, "54060026R000009999999", "公益性岗位生活补贴")
        .unwrap()
        .expect("found by name");
    assert_eq!(copy.code, "54060026R000009999999");
    assert_eq!(copy.amount, None);
    assert_eq!(copy.indicators, set().projects[0].indicators);
    let by_code = s
        .copy_last_year_targets(next.id, "54060025R000001579909", "改了名字的项目")
        .unwrap()
        .expect("found by code");
    assert_eq!(by_code.name, "改了名字的项目");
    assert_eq!(by_code.goal, set().projects[0].goal);
    assert!(s
        .copy_last_year_targets(next.id, "", "没有这个项目")
        .unwrap()
        .is_none());
    assert!(
        s.copy_last_year_targets(id, "", "公益性岗位生活补贴")
            .unwrap()
            .is_none(),
        "2024 has no disclosure"
    );
}

#[test]
fn the_library_counts_uses_of_the_same_indicator() {
    let (_d, mut s, _, id) = setup();
    let mut two = set();
    two.projects
        .push(project("54060025R000001586429", "干部职工通讯补助"));
    two.projects[1].indicators[0].value = "95".into();
    s.save_targets(id, &two).unwrap();
    let all = s.indicator_library("", 50).unwrap();
    let first = &all[0];
    assert_eq!(
        (first.name.as_str(), first.uses, first.operator),
        ("社会稳定性", 2, Some(Operator::Qualitative))
    );
    assert!(first.core);
    // 人员覆盖率 with two different values: two entries, one use each.
    let coverage: Vec<_> = all.iter().filter(|l| l.name == "人员覆盖率").collect();
    assert_eq!(coverage.len(), 2);
    assert!(coverage.iter().all(|l| l.uses == 1));
    // The department's indicators and values kept verbatim are not offered.
    assert!(all
        .iter()
        .all(|l| l.name != "召开会议次数" && l.name != "受益对象满意度"));
    let filtered = s.indicator_library("覆盖", 50).unwrap();
    assert_eq!(filtered.len(), 2);
    assert_eq!(s.indicator_library("", 1).unwrap().len(), 1);
}

#[test]
fn stored_targets_are_checked_against_the_lines() {
    use crate::lines::{BudgetLine, FundSource, LineSet, Project, ProjectCategory, SpendingType};
    let (_d, mut s, _, id) = setup();
    s.save_targets(id, &set()).unwrap();
    let lines = |fen: i64| LineSet {
        projects: vec![Project {
            code: "54060025R000001579909".into(),
            name: "公益性岗位生活补贴".into(),
            category: ProjectCategory::Personnel,
        }],
        lines: vec![BudgetLine {
            function_code: "2010399".into(),
            economic_code: "30299".into(),
            source: FundSource::GeneralBudget,
            carried_over: false,
            spending: SpendingType::Project,
            project_code: Some("54060025R000001579909".into()),
            amount: Money::from_fen(fen),
            note: String::new(),
        }],
    };
    s.save_lines(id, &lines(12_000_000)).unwrap();
    let amount_rules = |s: &Store| -> Vec<String> {
        s.check_stored_targets(id)
            .unwrap()
            .into_iter()
            .filter(|f| f.rule == "target_amount")
            .map(|f| f.message)
            .collect()
    };
    assert!(amount_rules(&s).is_empty());
    s.save_lines(id, &lines(11_000_000)).unwrap();
    let found = amount_rules(&s);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("12.00") && found[0].contains("11.00"),
        "{}",
        found[0]
    );
}
