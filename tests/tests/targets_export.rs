//! Export → import → the same targets, field for field, for every form the export writes: the
//! 项目支出绩效目标表 (seed 004's full form and seed 003's short form), the 部门整体绩效目标表 and
//! the one-row-per-project 绩效目标公开表. Exports are merged and laid out like the printed forms.

use std::path::Path;

use budget_core::checks::Severity;
use budget_core::money::{parse_amount, Scale};
use budget_core::review::review_file;
use budget_core::targets::write::{
    write_department_targets, write_disclosure_table, write_project_targets, ProjectForm,
};
use budget_core::targets::{
    import_file, DepartmentTargets, Indicator, Operator, ProjectTargets, TargetSet,
};
use budget_core::xlsx;
use budget_tests::fixture;
use budget_tests::targets::seed_002_workbook;

fn imported(path: &Path) -> TargetSet {
    import_file(path).expect("imports").set.without_cells()
}

fn exported(set: &TargetSet, write: impl Fn(&Path, &TargetSet)) -> (tempfile::TempDir, TargetSet) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.xlsx");
    write(&path, set);
    let back = imported(&path);
    (dir, back)
}

#[test]
fn full_form_round_trips_both_fixtures() {
    for name in [
        "ruoqiang-2024-project-targets.xlsx",
        "baqing-2025-indicator-list.xlsx",
    ] {
        let original = imported(&fixture(name));
        let (_dir, back) = exported(&original, |p, s| {
            write_project_targets(p, s, ProjectForm::Full, "").unwrap()
        });
        assert_eq!(back, original, "{name}");
    }
}

/// What the short form (seed 003) carries: no weights, basis, scoring, evidence or direction.
fn short(p: &ProjectTargets) -> ProjectTargets {
    ProjectTargets {
        indicators: p
            .indicators
            .iter()
            .map(|i| Indicator {
                weight: None,
                direction: None,
                basis: String::new(),
                last_year: String::new(),
                scoring_rule: String::new(),
                evidence: String::new(),
                ..i.clone()
            })
            .collect(),
        ..p.clone()
    }
}

#[test]
fn short_form_round_trips_what_it_carries() {
    let original = imported(&fixture("baqing-2025-indicator-list.xlsx"));
    let (_dir, back) = exported(&original, |p, s| {
        write_project_targets(p, s, ProjectForm::Short, "").unwrap()
    });
    let expected: Vec<ProjectTargets> = original.projects.iter().map(short).collect();
    assert_eq!(back.projects, expected);
    assert!(back.projects.iter().all(|p| p.weight_total().is_none()));
}

#[test]
fn the_full_form_is_merged_and_laid_out_like_seed_004() {
    let original = imported(&fixture("ruoqiang-2024-project-targets.xlsx"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.xlsx");
    write_project_targets(&path, &original, ProjectForm::Full, "").unwrap();
    let book = xlsx::load(&path).unwrap();
    let sheet = &book.sheets[0];
    assert_eq!(sheet.name, "1 政府办业务经费");
    assert_eq!(sheet.cell(0, 0).display(), "项目支出绩效目标表");
    assert_eq!(sheet.cell(1, 0).display(), "(2024年)");
    let merged = |a: &str| {
        let (r, c) = xlsx::parse_a1(a).unwrap();
        let m = sheet.merge_at(r, c).copied().expect("merged");
        format!(
            "{}:{}",
            xlsx::a1(m.first_row, m.first_col),
            xlsx::a1(m.last_row, m.last_col)
        )
    };
    // Title across the table; 一级 产出 over its seven rows, 二级 数量 over four, 成本 over four.
    assert_eq!(merged("A1"), "A1:I1");
    assert_eq!(sheet.cell(6, 0).display(), "一级指标");
    assert_eq!(merged("A8"), "A8:A14");
    assert_eq!(merged("B8"), "B8:B11");
    assert_eq!(merged("A15"), "A15:A18");
    assert_eq!(sheet.cell(7, 6).display(), "6");
    assert_eq!(sheet.cell(4, 3).display(), "249.08");
    // The exported table checks clean, as the fixture does.
    let r = review_file(&path);
    assert!(r.findings.is_empty(), "{:?}", r.findings);
}

fn wan(text: &str) -> Option<budget_core::money::Money> {
    parse_amount(text, Scale::Wanyuan).unwrap()
}

fn dept_indicator(
    level2: &str,
    name: &str,
    op: Operator,
    value: &str,
    unit: &str,
    basis: &str,
) -> Indicator {
    Indicator {
        level1: "履职效能".into(),
        level2: level2.into(),
        name: name.into(),
        operator: Some(op),
        value: value.into(),
        unit: unit.into(),
        weight: Some(18.into()),
        basis: basis.into(),
        ..Indicator::default()
    }
}

/// Seed 004's 部门整体绩效目标表.
fn ruoqiang_department() -> DepartmentTargets {
    let plan = "若羌县人民政府办公室 2024 年工作计划";
    DepartmentTargets {
        department: "若羌县人民政府办公室".into(),
        contact: "谢东升".into(),
        phone: "13667508777".into(),
        goal:
            "紧紧围绕社会稳定和长治久安总目标，全面贯彻落实自治区会议精神，持续推进政务数字化建设。"
                .into(),
        superior_funds: wan("0.00"),
        own_funds: wan("842.07"),
        other_funds: wan("0.00"),
        indicators: vec![
            dept_indicator(
                "数量指标",
                "召开县政府常务会议次数",
                Operator::AtLeast,
                "18",
                "次",
                plan,
            ),
            dept_indicator(
                "数量指标",
                "信息报送数量",
                Operator::AtLeast,
                "30",
                "篇",
                plan,
            ),
            dept_indicator(
                "数量指标",
                "保障办理人大和政协提案件数",
                Operator::AtLeast,
                "5",
                "件",
                "《关于印发〈若羌县民生“微实事”〉工作方案的通知》",
            ),
            dept_indicator(
                "质量指标",
                "政务规范管理服务率",
                Operator::AtLeast,
                "95",
                "%",
                plan,
            ),
            dept_indicator(
                "质量指标",
                "政务公开及时率",
                Operator::Equal,
                "100",
                "%",
                plan,
            ),
        ],
    }
}

#[test]
fn department_table_round_trips_and_checks_clean() {
    let original = TargetSet {
        year: Some(2024),
        projects: Vec::new(),
        department: Some(ruoqiang_department()),
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dept.xlsx");
    write_department_targets(&path, &ruoqiang_department(), Some(2024), "").unwrap();
    assert_eq!(imported(&path), original);
    let r = review_file(&path);
    assert!(r.findings.is_empty(), "{:?}", r.findings);

    // One weight changed: the department's weights must total 90 too.
    let mut broken = ruoqiang_department();
    broken.indicators[4].weight = Some(20.into());
    write_department_targets(&path, &broken, Some(2024), "").unwrap();
    let r = review_file(&path);
    let errors: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].rule, "target_weights");
    assert!(errors[0].message.contains("92"), "{}", errors[0].message);
}

#[test]
fn disclosure_table_round_trips_seed_002() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("seed-002.xlsx");
    seed_002_workbook(&source);
    let original = imported(&source);
    assert_eq!(original.projects.len(), 9);
    let (_out, back) = exported(&original, |p, s| {
        write_disclosure_table(
            p,
            s,
            "门源县工业商务和信息化局2024年部门预算项目支出绩效目标公开表",
        )
        .unwrap()
    });
    assert_eq!(back, original);
}

/// Seed 004 prints the 部门整体绩效目标表 and the 项目支出绩效目标表 one under the other: both
/// exported tables stacked on one sheet read back to the same targets.
#[test]
fn tables_stacked_on_one_sheet_read_back() {
    use budget_tests::{write_workbook, SheetSpec};
    let project = imported(&fixture("ruoqiang-2024-project-targets.xlsx"));
    let dir = tempfile::tempdir().unwrap();
    let (dept_path, project_path) = (dir.path().join("d.xlsx"), dir.path().join("p.xlsx"));
    write_department_targets(&dept_path, &ruoqiang_department(), Some(2024), "").unwrap();
    write_project_targets(&project_path, &project, ProjectForm::Full, "").unwrap();
    let dept = xlsx::load(&dept_path).unwrap();
    let proj = xlsx::load(&project_path).unwrap();
    let mut stacked = SheetSpec::from_grid(&dept.sheets[0]);
    stacked.name = "绩效目标".into();
    let offset = dept.sheets[0].height() + 2;
    let below = SheetSpec::from_grid(&proj.sheets[0]);
    for ((r, c), put) in below.cells {
        stacked.cells.insert((r + offset, c), put);
    }
    for m in below.merges {
        stacked.merges.push(xlsx::Merge {
            first_row: m.first_row + offset,
            last_row: m.last_row + offset,
            ..m
        });
    }
    let path = dir.path().join("stacked.xlsx");
    write_workbook(&path, &[stacked]);
    let back = imported(&path);
    assert_eq!(back.department, Some(ruoqiang_department()));
    assert_eq!(back.projects, project.projects);
}

/// The app hands the unit's name to the writer: a project naming no 预算单位 prints the unit's,
/// and a project whose code is only its name (a line workbook naming projects by name) prints
/// no 项目编码, while a real code is printed as it is.
#[test]
fn the_unit_fills_a_blank_budget_unit_and_a_name_is_never_a_project_code() {
    let unit = "若羌县人民政府办公室";
    let mut set = imported(&fixture("ruoqiang-2024-project-targets.xlsx"));
    let mut named = set.projects[0].clone();
    named.unit = String::new();
    named.code = named.name.clone();
    let mut coded = named.clone();
    coded.name = "行政服务中心业务经费".into();
    coded.code = "54060024R000001579909".into();
    set.projects = vec![named, coded];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("targets.xlsx");
    write_project_targets(&path, &set, ProjectForm::Full, unit).unwrap();
    let book = xlsx::load(&path).unwrap();
    let right_of = |sheet: &xlsx::SheetGrid, label: &str| -> Option<String> {
        (0..sheet.height())
            .find_map(|r| (sheet.cell(r, 0).display() == label).then(|| sheet.cell(r, 2).display()))
    };
    for sheet in &book.sheets {
        assert_eq!(
            right_of(sheet, "预算单位").as_deref(),
            Some(unit),
            "{}",
            sheet.name
        );
    }
    assert_eq!(right_of(&book.sheets[0], "项目编码"), None);
    assert_eq!(
        right_of(&book.sheets[1], "项目编码").as_deref(),
        Some("54060024R000001579909")
    );

    let mut department = ruoqiang_department();
    department.department = String::new();
    write_department_targets(&path, &department, Some(2024), unit).unwrap();
    let sheet = &xlsx::load(&path).unwrap().sheets[0];
    assert_eq!(right_of(sheet, "部门名称（盖章）").as_deref(), Some(unit));
}
