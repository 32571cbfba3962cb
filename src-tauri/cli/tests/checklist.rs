//! `budget-cli checklist`: the 公开情况检查表 of published PDFs, written by the real binary,
//! with the overrides kept in a database applied when `--db` is given.

use budget_core::review::{self, ChecklistOverride};
use budget_core::xlsx::load;
use budget_core::Store;

mod common;
use common::{fixture, run};

const BUDGET: &str = "pdf/putuo-wanli-2024-department-budget.pdf";
const FINAL: &str = "pdf/putuo-planning-2024-department-final-accounts.pdf";

#[test]
fn writes_a_sheet_per_document_and_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("检查表.xlsx");
    let (budget, final_accounts) = (fixture(BUDGET), fixture(FINAL));
    let (code, stdout, stderr) = run(&[
        "checklist",
        budget.to_str().unwrap(),
        final_accounts.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stderr.contains("已导出公开情况检查表"), "{stderr}");
    assert!(
        stdout.contains(
            "上海市普陀区人民政府万里街道办事处\t2024年度部门预算\t检查项目 17 项，不符合要求 1 项"
        ),
        "{stdout}"
    );
    let book = load(&out).unwrap();
    let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "汇总",
            "上海市普陀区人民政府万里街道办事处",
            "上海市普陀区规划和自然资源局"
        ]
    );
    let summary = book.sheet("汇总").unwrap();
    assert_eq!(summary.cell(3, 4).display(), "1");
    assert_eq!(summary.cell(4, 4).display(), "2");
}

#[test]
fn with_a_database_the_inspectors_overrides_are_applied() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.sqlite");
    let out = dir.path().join("检查表.xlsx");
    let budget = fixture(BUDGET);
    let hash = review::review_file(&budget).content_hash;
    let store = Store::open(&db).unwrap();
    store
        .set_checklist_override(
            &hash,
            &ChecklistOverride {
                item: "table:T10".into(),
                meets: Some(true),
                remark: "金额为机关运行经费".into(),
            },
            "wanli.pdf",
        )
        .unwrap();
    drop(store);
    let (code, stdout, stderr) = run(&[
        "checklist",
        budget.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("不符合要求 0 项"), "{stdout}");
    // one document: its sheet alone, the computed 否 beside the inspector's 是 and remark
    let book = load(&out).unwrap();
    assert_eq!(book.sheets.len(), 1);
    let sheet = &book.sheets[0];
    let row = (0..sheet.height())
        .find(|&r| sheet.cell(r, 1).display() == "部门“三公”经费和机关运行经费预算表")
        .expect("the 三公 item");
    let shown: Vec<String> = [2, 4, 5]
        .iter()
        .map(|&c| sheet.cell(row, c).display())
        .collect();
    assert_eq!(shown, ["否", "是", "金额为机关运行经费"]);
}

#[test]
fn an_unreadable_file_is_listed_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("检查表.xlsx");
    let scanned = fixture("pdf/scanned-page.pdf");
    let (code, stdout, _) = run(&[
        "checklist",
        scanned.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{stdout}");
    assert!(stdout.contains("此PDF没有文字层"), "{stdout}");
    let book = load(&out).unwrap();
    let sheet = &book.sheets[0];
    let text: Vec<String> = (0..sheet.height())
        .map(|r| sheet.cell(r, 0).display())
        .collect();
    assert!(
        text.iter().any(|t| t.contains("此PDF没有文字层")),
        "{text:?}"
    );
}

#[test]
fn a_missing_database_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("检查表.xlsx");
    let budget = fixture(BUDGET);
    let (code, _, stderr) = run(&[
        "checklist",
        budget.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--db",
        dir.path().join("没有.sqlite").to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("不存在"), "{stderr}");
    assert!(!out.exists());
}
