//! `budget-cli check` on the two target fixtures: kind "targets", the projects summary of
//! docs/design.md §7, the duplicate indicator as an error, and the exit codes.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::fixture;

fn check(args: &[&Path], json: bool) -> (i32, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_budget-cli"));
    cmd.arg("check").args(args);
    if json {
        cmd.arg("--json");
    }
    let out = cmd.output().expect("budget-cli runs");
    (
        out.status.code().expect("exit code"),
        String::from_utf8(out.stdout).expect("utf-8"),
    )
}

fn projects(file: &serde_json::Value) -> Vec<(String, String, u64, String)> {
    file["projects"]
        .as_array()
        .expect("projects array")
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_string(),
                p["amount"].as_str().unwrap().to_string(),
                p["indicators"].as_u64().unwrap(),
                p["weight_total"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn check_json_reports_targets_with_their_projects() {
    let ruoqiang = fixture("ruoqiang-2024-project-targets.xlsx");
    let baqing = fixture("baqing-2025-indicator-list.xlsx");
    let (code, out) = check(&[&ruoqiang, &baqing], true);
    assert_eq!(code, 1, "the duplicate indicator is an error: {out}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);

    let r = &files[0];
    assert_eq!(r["kind"], "targets");
    assert_eq!(r["year"], 2024);
    assert_eq!(r["unit"], "若羌县人民政府办公室");
    assert_eq!(
        projects(r),
        vec![("政府办业务经费".into(), "249.08".into(), 14, "90".into())]
    );
    assert_eq!(r["findings"].as_array().unwrap().len(), 0);

    let b = &files[1];
    assert_eq!(b["kind"], "targets");
    assert_eq!(b["year"], 2025);
    assert_eq!(
        projects(b),
        vec![
            ("公益性岗位生活补贴".into(), "12.00".into(), 7, "90".into()),
            (
                "供销合作社业务工作经费".into(),
                "10.00".into(),
                10,
                "90".into()
            ),
        ]
    );
    let findings = b["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:?}");
    let f = &findings[0];
    assert_eq!(f["rule"], "target_duplicate_name");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["sheet"], "项目绩效目标");
    assert_eq!(f["cell"], "F19");
    assert!(f["message"]
        .as_str()
        .unwrap()
        .contains("群众物资配送及时率"));
}

#[test]
fn clean_targets_exit_zero_and_the_text_report_lists_projects() {
    let ruoqiang = fixture("ruoqiang-2024-project-targets.xlsx");
    let (code, out) = check(&[&ruoqiang], false);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("政府办业务经费"), "{out}");
    assert!(out.contains("14 个指标"), "{out}");
    assert!(out.contains("权重合计 90"), "{out}");
}

fn database(dir: &Path) -> PathBuf {
    use budget_core::model::{UnitInput, UnitType};
    let db = dir.join("budget.sqlite");
    let mut store = budget_core::Store::open(&db).unwrap();
    store
        .create_unit(&UnitInput {
            name: "巴青县经信商务局".into(),
            code: "114001".into(),
            unit_type: UnitType::Administrative,
            parent_id: None,
        })
        .unwrap();
    db
}

fn import(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_budget-cli"))
        .arg("import")
        .args(args)
        .output()
        .expect("budget-cli runs");
    (
        out.status.code().expect("exit code"),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn import_puts_the_targets_into_the_units_disclosure() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let baqing = fixture("baqing-2025-indicator-list.xlsx");
    let (code, out, err) = import(&[baqing.to_str().unwrap(), "--db", db.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("已导入 2 个项目的绩效目标（17 个指标）"),
        "{out}"
    );
    assert!(
        out.contains("巴青县经信商务局") && out.contains("2025年"),
        "{out}"
    );
    let store = budget_core::Store::open(&db).unwrap();
    let unit = store.find_unit("114001").unwrap().unwrap();
    let disclosure = &store.list_disclosures(unit.id).unwrap()[0];
    let stored = store.load_targets(disclosure.id).unwrap();
    let read = budget_core::targets::import_file(&baqing).unwrap();
    assert_eq!(stored, read.set.without_cells());
    let library = store.indicator_library("", 100).unwrap();
    let satisfaction = library
        .iter()
        .find(|l| l.name == "受益对象满意度")
        .expect("in the library");
    assert_eq!((satisfaction.value.as_str(), satisfaction.uses), ("90", 1));

    // The 若羌 table names a unit the database does not hold: refused, nothing written.
    let ruoqiang = fixture("ruoqiang-2024-project-targets.xlsx");
    let (code, _, err) = import(&[ruoqiang.to_str().unwrap(), "--db", db.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("若羌县人民政府办公室"), "{err}");
    assert_eq!(store.list_disclosures(unit.id).unwrap().len(), 1);
}
