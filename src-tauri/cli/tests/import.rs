//! `budget-cli import`: all-or-nothing, with every problem named by sheet and cell.

use std::path::Path;

use budget_core::model::{UnitInput, UnitType};
use budget_core::Store;

mod common;
use common::{cli, lines_workbook};

/// A line workbook of `rows` lines; line `bad` (1-based, if any) gets an unknown function code.
fn workbook(path: &Path, rows: usize, bad: Option<usize>) {
    let lines: Vec<(&str, u32)> = (0..rows)
        .map(|i| {
            let code = if Some(i + 1) == bad {
                "2018801"
            } else {
                "2010301"
            };
            (code, 1000 + i as u32)
        })
        .collect();
    lines_workbook(path, 2024, "若羌县人民政府办公室", &lines);
}

fn database(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("budget.sqlite");
    let mut store = Store::open(&db).unwrap();
    store
        .create_unit(&UnitInput {
            name: "若羌县人民政府办公室".into(),
            code: "101001".into(),
            unit_type: UnitType::Administrative,
            parent_id: None,
        })
        .unwrap();
    db
}

#[test]
fn one_bad_code_among_500_rows_leaves_the_database_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let file = dir.path().join("lines.xlsx");
    workbook(&file, 500, Some(377));
    let before = std::fs::read(&db).unwrap();

    let out = cli()
        .arg("import")
        .arg(&file)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    // line 377 sits on sheet row 380 (three rows above the first line)
    assert!(err.contains("工作表“预算明细”A380（功能分类）"), "{err}");
    assert!(err.contains("2018801"), "{err}");
    assert!(err.contains("共 1 处问题"), "{err}");

    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the database file is unchanged"
    );
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        !files
            .iter()
            .any(|f| f.to_string_lossy().contains("before-import")),
        "no backup for a refused import"
    );
}

#[test]
fn a_good_workbook_lands_in_the_unit_and_year_it_names() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let file = dir.path().join("lines.xlsx");
    workbook(&file, 3, None);
    let out = cli()
        .arg("import")
        .arg(&file)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("已导入 3 条预算明细"), "{text}");
    assert!(text.contains("2024年预算"), "{text}");

    let store = Store::open(&db).unwrap();
    let summaries = store.unit_summaries().unwrap();
    let d = &summaries[0].disclosures[0];
    let set = store.load_lines(d.id).unwrap();
    assert_eq!(set.lines.len(), 3);
    assert_eq!(set.lines[2].amount.plain_wanyuan(), "0.10");
}

#[test]
fn an_unknown_unit_is_refused_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let file = dir.path().join("lines.xlsx");
    workbook(&file, 1, None);
    let out = cli()
        .arg("import")
        .arg(&file)
        .args(["--unit", "县教育局"])
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有单位“县教育局”"));
}
