//! The projects of a 汇总 stay with the unit that holds them (seed 003 names the sub-unit per
//! project): a department with two units below it, each holding one project with 绩效目标.
//! The 汇总's 表7 lists the three projects each with its unit, cell by cell in the exported
//! workbook; a change in a unit's project shows in the 汇总 at once; the 绩效目标表 and the
//! 情况说明 list the units' projects under their units, read from the units' own disclosures.

use std::path::Path;

use budget_core::lines::{BudgetLine, FundSource, LineSet, Project, ProjectCategory, SpendingType};
use budget_core::model::{Disclosure, DisclosureKind, Unit};
use budget_core::narrative::NarrativeInput;
use budget_core::prepare::{
    disclosure_tables, disclosure_workbook, generate_for_disclosure, save_public_targets,
    targets_by_unit, targets_for_export,
};
use budget_core::store::Store;
use budget_core::targets::write::{write_project_targets, ProjectForm};
use budget_core::targets::{Indicator, ProjectTargets, TargetSet};
use budget_tests::county::{department_with_two_units, CENTRE, DEPARTMENT, LIAISON};
use budget_tests::wan;
use calamine::{Data, Reader, Xlsx};

/// A unit's 预算: 人员经费 and one project paid from `function`.
fn lines(code: &str, project: &str, function: &str, amount: &str) -> LineSet {
    let line = |spending, project_code: Option<&str>, economic: &str, amount: &str| BudgetLine {
        function_code: function.into(),
        economic_code: economic.into(),
        source: FundSource::GeneralBudget,
        carried_over: false,
        spending,
        project_code: project_code.map(str::to_string),
        amount: wan(amount),
        note: String::new(),
    };
    LineSet {
        projects: vec![Project {
            code: code.into(),
            name: project.into(),
            category: ProjectCategory::SpecificPurpose,
        }],
        lines: vec![
            line(SpendingType::Personnel, None, "30101", "50"),
            line(SpendingType::Project, Some(code), "30201", amount),
        ],
    }
}

fn targets(code: &str, project: &str, amount: &str, goal: &str) -> TargetSet {
    TargetSet {
        year: Some(2024),
        projects: vec![ProjectTargets {
            code: code.into(),
            name: project.into(),
            amount: Some(wan(amount)),
            fiscal: Some(wan(amount)),
            goal: goal.into(),
            indicators: vec![Indicator {
                level1: "产出指标".into(),
                level2: "数量指标".into(),
                name: "服务次数".into(),
                value: "12".into(),
                unit: "次".into(),
                operator: Some(budget_core::targets::Operator::AtLeast),
                ..Indicator::default()
            }],
            ..ProjectTargets::default()
        }],
        department: None,
    }
}

struct County {
    store: Store,
    dept: Disclosure,
    liaison: Disclosure,
    centre: Disclosure,
    _dir: tempfile::TempDir,
}

/// 本级 with 政务保障经费 (2010302, 30), 驻京联络处 with 驻京接待经费 (2010302, 12),
/// 政务服务中心 with 热线运行经费 (2010350, 20); each with its targets; the 本级 marked 汇总.
fn county() -> County {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("c.db")).unwrap();
    let units = department_with_two_units(&mut store);
    let mut budget = |u: &Unit, code: &str, project: &str, function: &str, amount: &str| {
        let d = store
            .create_disclosure(u.id, 2024, DisclosureKind::Budget)
            .unwrap();
        store
            .save_lines(d.id, &lines(code, project, function, amount))
            .unwrap();
        store
            .save_targets(
                d.id,
                &targets(code, project, amount, &format!("保障{project}")),
            )
            .unwrap();
        d
    };
    let dept = budget(&units.department, "P001", "政务保障经费", "2010302", "30");
    let liaison = budget(&units.liaison, "P101", "驻京接待经费", "2010302", "12");
    let centre = budget(&units.centre, "P201", "热线运行经费", "2010350", "20");
    store.set_consolidated(dept.id, true).unwrap();
    County {
        store,
        dept,
        liaison,
        centre,
        _dir: dir,
    }
}

fn text(cell: Option<&Data>) -> String {
    match cell {
        Some(Data::String(s)) => s.trim().to_string(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

fn number(cell: Option<&Data>) -> String {
    match cell {
        Some(Data::Float(f)) => format!("{f:.2}"),
        Some(Data::Int(i)) => format!("{i}.00"),
        other => text(other),
    }
}

/// The 表7 sheet of an exported workbook: its header row and every project row as
/// (单位名称 or "", 项目名称, 项目支出合计, the 科目 code cells joined), read by calamine.
fn t7_projects(bytes: Vec<u8>) -> (Vec<String>, Vec<[String; 4]>) {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    // The county-11 template prints the project table as 表7.
    let range = book.worksheet_range("表7").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| text(Some(c))).collect())
        .collect();
    let head = rows
        .iter()
        .position(|r| r.iter().any(|c| c == "项目名称"))
        .expect("a header with 项目名称");
    let header = rows[head].clone();
    let col = |title: &str| header.iter().position(|c| c == title);
    let project = col("项目名称").unwrap();
    let total = col("项目支出合计").unwrap();
    let unit = col("单位名称");
    let mut out = Vec::new();
    for (r, row) in range.rows().enumerate().skip(head + 1) {
        let name = text(row.get(project));
        if name.is_empty() || name == "合计" {
            continue;
        }
        out.push([
            unit.map(|c| text(row.get(c))).unwrap_or_default(),
            name,
            number(row.get(total)),
            rows[r][..3].concat(),
        ]);
    }
    (header, out)
}

fn row(unit: &str, project: &str, amount: &str, code: &str) -> [String; 4] {
    [unit.into(), project.into(), amount.into(), code.into()]
}

#[test]
fn the_consolidated_project_table_names_the_unit_of_each_project() {
    let c = county();
    let (header, rows) = t7_projects(disclosure_workbook(&c.store, c.dept.id).unwrap());
    let at = |t: &str| header.iter().position(|c| c == t);
    assert!(
        at("单位名称") < at("项目名称") && at("单位名称").is_some(),
        "{header:?}"
    );
    assert_eq!(
        rows,
        [
            row(DEPARTMENT, "政务保障经费", "30.00", "2010302"),
            row(LIAISON, "驻京接待经费", "12.00", "2010302"),
            row(CENTRE, "热线运行经费", "20.00", "2010350"),
        ]
    );
    // The 合计 row of 表7 is the three projects.
    let t7 = disclosure_tables(&c.store, c.dept.id).unwrap().t7.unwrap();
    assert_eq!(t7.total.unwrap().total.value, wan("62"));

    // A unit's own table is as it was: no unit column, its project alone.
    let (header, rows) = t7_projects(disclosure_workbook(&c.store, c.liaison.id).unwrap());
    assert!(!header.iter().any(|h| h == "单位名称"), "{header:?}");
    assert_eq!(rows, [row("", "驻京接待经费", "12.00", "2010302")]);
}

#[test]
fn a_change_in_a_units_project_changes_the_consolidated_project_table() {
    let mut c = county();
    c.store
        .save_lines(
            c.centre.id,
            &lines("P201", "热线运行经费", "2010350", "26.5"),
        )
        .unwrap();
    let (_, rows) = t7_projects(disclosure_workbook(&c.store, c.dept.id).unwrap());
    assert_eq!(rows[2], row(CENTRE, "热线运行经费", "26.50", "2010350"));
    let t7 = disclosure_tables(&c.store, c.dept.id).unwrap().t7.unwrap();
    assert_eq!(t7.total.unwrap().total.value, wan("68.5"));
}

/// The 情况说明's project list says which unit carries each project (项目承担单位), as seed 003.
#[test]
fn the_consolidated_narrative_names_the_unit_carrying_each_project() {
    let c = county();
    let text = generate_for_disclosure(&c.store, c.dept.id, &NarrativeInput::default())
        .unwrap()
        .to_text();
    for (project, holder) in [
        ("政务保障经费", DEPARTMENT),
        ("驻京接待经费", LIAISON),
        ("热线运行经费", CENTRE),
    ] {
        let at = text.find(&format!("项目名称：{project}")).expect(project);
        let next = text[at..].find("项目承担单位：").unwrap() + at;
        assert!(
            text[next..].starts_with(&format!("项目承担单位：{holder}\n")),
            "{project}: {}",
            &text[next..next + 60]
        );
    }
}

/// Every sheet of a 项目支出绩效目标表 workbook: (预算单位, 项目名称) as printed.
fn target_sheets(path: &Path) -> Vec<(String, String)> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        let after = |label: &str| -> String {
            range
                .rows()
                .find_map(|r| {
                    let at = r.iter().position(|c| text(Some(c)) == label)?;
                    r[at + 1..]
                        .iter()
                        .map(|c| text(Some(c)))
                        .find(|t| !t.is_empty())
                })
                .unwrap_or_default()
        };
        out.push((after("预算单位"), after("项目名称")));
    }
    out
}

#[test]
fn the_consolidated_targets_export_lists_the_units_projects_under_their_units() {
    let mut c = county();
    let dir = tempfile::tempdir().unwrap();
    let short = dir.path().join("目标.xlsx");
    let set = targets_for_export(&c.store, c.dept.id).unwrap();
    write_project_targets(&short, &set, ProjectForm::Short, DEPARTMENT).unwrap();
    assert_eq!(
        target_sheets(&short),
        [
            (DEPARTMENT.to_string(), "政务保障经费".to_string()),
            (LIAISON.to_string(), "驻京接待经费".to_string()),
            (CENTRE.to_string(), "热线运行经费".to_string()),
        ]
    );
    // Nothing was copied: the 本级's own targets are its own project alone.
    assert_eq!(c.store.load_targets(c.dept.id).unwrap().projects.len(), 1);

    // The one-row 公开表: each unit's row (编码, 名称, its total), its projects under it.
    let public = dir.path().join("公开表.xlsx");
    let groups = targets_by_unit(&c.store, c.dept.id).unwrap();
    save_public_targets(&groups, &public, "县政府办公室2024年绩效目标公开表").unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook(&public).unwrap();
    let range = book.worksheet_range("绩效目标公开表").unwrap();
    let printed: Vec<[String; 3]> = range
        .rows()
        .skip(2)
        .map(|r| [text(r.first()), text(r.get(1)), number(r.get(2))])
        .collect();
    let r = |a: &str, b: &str, c: &str| [a.to_string(), b.to_string(), c.to_string()];
    assert_eq!(
        printed,
        [
            r("合计", "", "62.00"),
            r("101", DEPARTMENT, "30.00"),
            r("P001", "政务保障经费", "30.00"),
            r("101001", LIAISON, "12.00"),
            r("P101", "驻京接待经费", "12.00"),
            r("101002", CENTRE, "20.00"),
            r("P201", "热线运行经费", "20.00"),
        ]
    );

    // A unit's targets changed afterwards show in the next export at once.
    c.store
        .save_targets(
            c.liaison.id,
            &targets("P101", "驻京接待经费", "15", "保障驻京接待"),
        )
        .unwrap();
    let set = targets_for_export(&c.store, c.dept.id).unwrap();
    assert_eq!(set.projects[1].amount, Some(wan("15")));
    assert_eq!(set.projects[1].unit, LIAISON);
}

/// The 情况说明's 预算绩效情况 lists each unit's targets under the unit.
#[test]
fn the_consolidated_document_lists_the_targets_under_their_units() {
    let c = county();
    let text = generate_for_disclosure(&c.store, c.dept.id, &NarrativeInput::default())
        .unwrap()
        .to_text();
    let from = text.find("各单位项目支出绩效目标如下：").expect(&text);
    let part = &text[from..];
    let order: Vec<usize> = [
        "县政府办公室（本级）：项目1个，涉及金额30.00万元。",
        "1. “政务保障经费”（30.00万元）：绩效目标：保障政务保障经费；绩效指标：服务次数≥12次。",
        "驻京联络处：项目1个，涉及金额12.00万元。",
        "1. “驻京接待经费”（12.00万元）",
        "政务服务中心：项目1个，涉及金额20.00万元。",
        "1. “热线运行经费”（20.00万元）",
    ]
    .iter()
    .map(|t| part.find(t).unwrap_or_else(|| panic!("{t} not in {part}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{part}");
    // A unit's own document lists no units.
    let own = generate_for_disclosure(&c.store, c.liaison.id, &NarrativeInput::default())
        .unwrap()
        .to_text();
    assert!(!own.contains("各单位项目支出绩效目标"), "{own}");
}

/// A 汇总 决算's 预算绩效管理情况 counts every unit's 绩效目标 (from its 预算 of the year) and 自评
/// (kept with its 决算), and says which units they are.
#[test]
fn the_consolidated_final_performance_counts_the_units_targets_and_evaluations() {
    use budget_core::prepare::evaluation_start::start_evaluation;
    use budget_core::prepare::final_accounts::final_narrative;
    use budget_core::scoring::ReportProse;

    let mut c = county();
    let mut finals = Vec::new();
    for d in [&c.dept, &c.liaison, &c.centre] {
        let f = c
            .store
            .create_disclosure(d.unit_id, 2024, DisclosureKind::FinalAccounts)
            .unwrap();
        c.store
            .save_final_data(
                f.id,
                &budget_tests::final_accounts::one_line_final("50", "50"),
            )
            .unwrap();
        finals.push(f);
    }
    let evaluation = start_evaluation(&c.store, finals[1].id, "P101").unwrap();
    c.store
        .save_evaluation(finals[1].id, None, &evaluation, &ReportProse::default())
        .unwrap();
    let text = |s: &Store| {
        final_narrative(s, finals[0].id, &NarrativeInput::default())
            .unwrap()
            .to_text()
    };
    let own = text(&c.store);
    assert!(
        own.contains("编报绩效目标的2024年度项目1个，涉及预算金额30.00万元"),
        "{own}"
    );
    assert!(!own.contains("汇总范围内各单位"), "{own}");

    c.store.set_consolidated(finals[0].id, true).unwrap();
    let all = text(&c.store);
    assert!(
        all.contains("编报绩效目标的2024年度项目3个，涉及预算金额62.00万元"),
        "{all}"
    );
    assert!(all.contains("绩效自评的2024年度项目1个"), "{all}");
    assert!(
        all.contains("以上项目数包括汇总范围内各单位的项目：县政府办公室（本级）编报绩效目标的项目1个、绩效自评的项目0个；驻京联络处编报绩效目标的项目1个、绩效自评的项目1个；政务服务中心编报绩效目标的项目1个、绩效自评的项目0个。"),
        "{all}"
    );
}
