//! `budget-cli export` writes the standard workbook, and `budget-cli check` finds nothing wrong
//! in it: prepared tables balance by construction.

use budget_core::lines::{BudgetLine, FundSource, LineSet, Project, ProjectCategory, SpendingType};
use budget_core::model::{DisclosureKind, UnitInput, UnitType};
use budget_core::money::{parse_amount, Scale};
use budget_core::Store;

mod common;
use common::cli;

fn line(
    f: &str,
    e: &str,
    source: FundSource,
    spending: SpendingType,
    project: Option<&str>,
    amount: &str,
) -> BudgetLine {
    BudgetLine {
        function_code: f.into(),
        economic_code: e.into(),
        source,
        carried_over: false,
        spending,
        project_code: project.map(str::to_string),
        amount: parse_amount(amount, Scale::Wanyuan).unwrap().unwrap(),
        note: String::new(),
    }
}

#[test]
fn exported_workbook_checks_clean_and_carries_the_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("budget.sqlite");
    let mut store = Store::open(&db).unwrap();
    let unit = store
        .create_unit(&UnitInput {
            name: "县教育局".into(),
            code: "200".into(),
            unit_type: UnitType::Administrative,
            parent_id: None,
        })
        .unwrap();
    let d = store
        .create_disclosure(unit.id, 2024, DisclosureKind::Budget)
        .unwrap();
    let set = LineSet {
        projects: vec![Project {
            code: "P1".into(),
            name: "教师培训".into(),
            category: ProjectCategory::SpecificPurpose,
        }],
        lines: vec![
            line(
                "2010301",
                "30101",
                FundSource::GeneralBudget,
                SpendingType::Personnel,
                None,
                "120.50",
            ),
            line(
                "2010301",
                "30217",
                FundSource::GeneralBudget,
                SpendingType::Public,
                None,
                "1.25",
            ),
            line(
                "2010399",
                "30216",
                FundSource::GeneralBudget,
                SpendingType::Project,
                Some("P1"),
                "30.00",
            ),
            line(
                "2080505",
                "30108",
                FundSource::UnitFunds,
                SpendingType::Personnel,
                None,
                "10.00",
            ),
        ],
    };
    store.save_lines(d.id, &set).unwrap();
    drop(store);

    let out = dir.path().join("公开表.xlsx");
    let run = cli()
        .args(["export", "--unit", "200", "--year", "2024", "--db"])
        .arg(&db)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );

    let check = cli().args(["check", "--json"]).arg(&out).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let file = &json["files"][0];
    assert_eq!(check.status.code(), Some(0), "{:#}", file["findings"]);
    assert_eq!(file["kind"], "budget_tables");
    assert_eq!(file["unit"], "县教育局");
    let ids: Vec<&str> = file["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11"]
    );
    assert_eq!(file["findings"].as_array().unwrap().len(), 0);

    // and the numbers are there: T3 合计, the project in T7, 公务接待费 in T10
    let tables = budget_core::xlsx::read(&out).unwrap().tables;
    let t3 = tables.t3.unwrap();
    assert_eq!(t3.body.total.unwrap().total.value.plain_wanyuan(), "161.75");
    let t7 = tables.t7.unwrap();
    assert!(t7
        .rows
        .iter()
        .any(|r| r.project.as_deref() == Some("教师培训")
            && r.total.value.plain_wanyuan() == "30.00"));
    assert_eq!(
        tables
            .t10
            .unwrap()
            .reception
            .unwrap()
            .amount
            .value
            .plain_wanyuan(),
        "1.25"
    );
}

#[test]
fn exporting_a_missing_year_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("budget.sqlite");
    let mut store = Store::open(&db).unwrap();
    store
        .create_unit(&UnitInput {
            name: "县教育局".into(),
            code: "200".into(),
            unit_type: UnitType::Administrative,
            parent_id: None,
        })
        .unwrap();
    drop(store);
    let run = cli()
        .args([
            "export",
            "--unit",
            "县教育局",
            "--year",
            "2030",
            "--out",
            "x.xlsx",
            "--db",
        ])
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("没有2030年预算公开"));
}
