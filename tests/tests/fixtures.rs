//! Every fixture that holds budget tables is recognised completely and checks clean;
//! the other fixtures and the Shanghai reference templates are read without failing.

use budget_core::review::{review_file, FileKind};
use budget_core::tables::TableId;
use budget_tests::{fixture, fixtures_dir, BUDGET_TABLES};

#[test]
fn ruoqiang_budget_tables_are_recognised_completely_and_check_clean() {
    let file = review_file(&fixture(BUDGET_TABLES));
    assert_eq!(file.kind, FileKind::BudgetTables);
    assert_eq!(file.unit.as_deref(), Some("若羌县人民政府办公室"));
    assert_eq!(file.template.as_deref(), Some("county-11"));
    let found: Vec<(TableId, &str)> = file
        .tables
        .iter()
        .map(|t| (t.id, t.sheet.as_str()))
        .collect();
    assert_eq!(
        found,
        vec![
            (TableId::T1, "表1"),
            (TableId::T3, "表3"),
            (TableId::T5, "表5"),
            (TableId::T4, "表4"),
            (TableId::T6, "表6"),
            (TableId::T9, "表9"),
            (TableId::T10, "表10"),
        ]
    );
    assert!(
        file.tables
            .iter()
            .find(|t| t.id == TableId::T9)
            .unwrap()
            .empty
    );
    assert!(file.unrecognised_sheets.is_empty());
    assert_eq!(file.error_count, 0, "{:#?}", file.findings);
    assert!(file.findings.is_empty(), "{:#?}", file.findings);
}

#[test]
fn the_fixture_tables_hold_the_seed_figures() {
    let book = budget_core::xlsx::read(&fixture(BUDGET_TABLES)).unwrap();
    let t = &book.tables;
    let t1 = t.t1.as_ref().unwrap();
    assert_eq!(t1.classes.len(), 30);
    assert_eq!(
        t1.expenditure_total
            .as_ref()
            .unwrap()
            .amount
            .value
            .plain_wanyuan(),
        "842.07"
    );
    let t3 = t.t3.as_ref().unwrap();
    assert_eq!(t3.body.rows.len(), 20);
    let row = &t3.body.rows[2];
    assert_eq!(row.label.code.as_deref(), Some("2010301"));
    assert_eq!(row.total.value.plain_wanyuan(), "265.54");
    assert_eq!(row.total.at.as_ref().unwrap().a1(), "E8");
    let t6 = t.t6.as_ref().unwrap();
    assert_eq!(t6.rows.len(), 26);
    assert_eq!(
        t6.total.as_ref().unwrap().personnel.value.plain_wanyuan(),
        "554.30"
    );
    let t10 = t.t10.as_ref().unwrap();
    assert_eq!(
        t10.total.as_ref().unwrap().amount.value.plain_wanyuan(),
        "0.25"
    );
    assert_eq!(t10.reception.as_ref().unwrap().by_source.len(), 3);
    assert!(t.t9.as_ref().unwrap().meta.empty_note.is_some());
}

#[test]
fn other_fixtures_are_read_without_budget_tables() {
    // The 巴青 list names 群众物资配送及时率 twice in one project: the one error it must have.
    for (name, kind, errors) in [
        ("ruoqiang-2024-project-targets.xlsx", FileKind::Targets, 0),
        ("baqing-2025-indicator-list.xlsx", FileKind::Targets, 1),
        (
            "seni-2023-self-evaluation.xlsx",
            FileKind::SelfEvaluation,
            0,
        ),
    ] {
        let file = review_file(&fixture(name));
        assert_eq!(file.kind, kind, "{name}");
        assert!(file.tables.is_empty(), "{name}");
        assert_eq!(file.error_count, errors, "{name}: {:#?}", file.findings);
    }
}

#[test]
fn every_fixture_is_read() {
    let entries = std::fs::read_dir(fixtures_dir()).unwrap();
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "xlsx") {
            let file = review_file(&path);
            assert!(file.error.is_none(), "{}: {:?}", path.display(), file.error);
        }
    }
}

#[test]
fn shanghai_templates_are_recognised_without_crashing() {
    let dir = fixtures_dir().join("reference");
    for name in [
        "shanghai-putuo-2026-department-budget-template.xlsx",
        "shanghai-putuo-2026-unit-budget-template.xlsx",
    ] {
        let file = review_file(&dir.join(name));
        assert_eq!(file.kind, FileKind::BudgetTables, "{name}");
        assert_eq!(file.year, Some(2026));
        let ids: Vec<TableId> = file.tables.iter().map(|t| t.id).collect();
        for id in [
            TableId::T1,
            TableId::T2,
            TableId::T3,
            TableId::T4,
            TableId::T5,
            TableId::T6,
            TableId::T8,
            TableId::T9,
            TableId::T10,
        ] {
            assert!(ids.contains(&id), "{name}: {id} missing from {ids:?}");
        }
        assert!(file.unrecognised_sheets.iter().any(|s| s == "封面"));
        assert!(file.unrecognised_sheets.iter().any(|s| s == "目录"));
        // The blank template has no amounts, so nothing can be out of balance.
        assert_eq!(file.error_count, 0, "{name}: {:#?}", file.findings);
    }
}

#[test]
fn a_file_that_is_not_a_workbook_gets_one_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("说明.xlsx");
    std::fs::write(&path, "这不是工作簿").unwrap();
    let file = review_file(&path);
    assert_eq!(file.kind, FileKind::Unreadable);
    let message = file.error.unwrap();
    assert!(message.contains("不是 Excel 工作簿"), "{message}");
    let missing = review_file(&dir.path().join("没有这个文件.xlsx"));
    assert_eq!(missing.kind, FileKind::Unreadable);
    assert!(missing.error.unwrap().contains("无法读取文件"));
}

#[test]
fn the_same_workbook_saved_as_xls_reads_the_same() {
    // tests/data/make_xls.py wrote this from the fixture: same cells, same merges.
    let xls = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/ruoqiang-2024-budget-tables.xls"
    ));
    let book = budget_core::xlsx::load(xls).unwrap();
    let t3 = book.sheet("表3").unwrap();
    assert!(t3.merges.len() >= 5, "merged header cells read from .xls");
    let old = review_file(xls);
    let new = review_file(&fixture(BUDGET_TABLES));
    assert_eq!(old.kind, FileKind::BudgetTables);
    assert_eq!(old.tables, new.tables);
    assert_eq!(old.unit, new.unit);
    assert!(old.findings.is_empty(), "{:#?}", old.findings);
    let a = budget_core::xlsx::read(xls).unwrap().tables;
    let b = budget_core::xlsx::read(&fixture(BUDGET_TABLES))
        .unwrap()
        .tables;
    assert_eq!(a, b, "every value and cell reference identical");
}
