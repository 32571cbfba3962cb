//! `budget-cli catalog`: lists what an official catalog adds or renames, and applies it only
//! when asked; lines then validate against the extended catalog.

use std::process::Command;

use budget_core::Store;
use rust_xlsxwriter::Workbook;

#[test]
fn lists_changes_then_applies_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite");
    drop(Store::open(&db).unwrap());
    let file = dir.path().join("2025科目.xlsx");
    let mut book = Workbook::new();
    let ws = book.add_worksheet().set_name("支出功能分类科目").unwrap();
    for (r, (code, name)) in [
        ("科目编码", "科目名称"),
        ("201", "一般公共服务支出"),
        ("2010361", "数字政府建设"),
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(r as u32, 0, *code).unwrap();
        ws.write_string(r as u32, 1, *name).unwrap();
    }
    book.save(&file).unwrap();

    let run = |apply: bool| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_budget-cli"));
        c.arg("catalog")
            .arg(&file)
            .arg("--db")
            .arg(&db)
            .args(["--year", "2025"]);
        if apply {
            c.arg("--apply");
        }
        c.output().unwrap()
    };
    let listed = run(false);
    let text = String::from_utf8_lossy(&listed.stdout);
    assert!(
        listed.status.success(),
        "{}",
        String::from_utf8_lossy(&listed.stderr)
    );
    assert!(
        text.contains("新增 1 个") && text.contains("2010361\t数字政府建设"),
        "{text}"
    );
    assert!(Store::open(&db)
        .unwrap()
        .catalog(2025)
        .unwrap()
        .function("2010361")
        .is_none());

    assert!(run(true).status.success());
    let store = Store::open(&db).unwrap();
    assert_eq!(
        store
            .catalog(2025)
            .unwrap()
            .function("2010361")
            .unwrap()
            .name,
        "数字政府建设"
    );
}
