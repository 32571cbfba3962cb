//! 决算 from the command line: `import --kind 决算` reads a 决算数据 workbook all or nothing,
//! `export --kind 决算` writes the nine tables, and `check` reads them back as a 决算 with tables
//! F1–F9 and no errors.

use std::path::Path;
use std::process::{Command, Output};

use budget_core::model::{DisclosureKind, UnitInput, UnitType};
use budget_core::Store;
use rust_xlsxwriter::Workbook;

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budget-cli"))
        .args(args)
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// 支出 / 收入 / 结转和结余 sheets with one row each (万元); `amount` is the 支出 amount as typed.
fn data_workbook(path: &Path, amount: &str) {
    let mut book = Workbook::new();
    let sheets: [(&str, &[&[&str]]); 3] = [
        (
            "支出",
            &[
                &[
                    "功能分类科目编码",
                    "经济分类科目编码",
                    "资金来源",
                    "支出类型",
                    "金额（万元）",
                ],
                &["2010301", "30101", "一般公共预算", "基本支出", amount],
                &["2010301", "30217", "一般公共预算", "基本支出", "0.39"],
            ],
        ),
        (
            "收入",
            &[
                &["功能分类科目编码", "资金来源", "金额"],
                &["2010301", "一般公共预算财政拨款收入", "100.39"],
            ],
        ),
        (
            "结转和结余",
            &[
                &[
                    "资金",
                    "功能分类科目编码",
                    "年初结转和结余",
                    "年末结转和结余",
                ],
                &["一般公共预算财政拨款", "2010301", "5", "5"],
            ],
        ),
    ];
    for (name, rows) in sheets {
        let ws = book.add_worksheet().set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, value) in row.iter().enumerate() {
                ws.write_string(r as u32, c as u16, *value).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

#[test]
fn import_export_and_check_a_final_accounts_disclosure() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.sqlite");
    {
        let mut store = Store::open(&db).unwrap();
        store
            .create_unit(&UnitInput {
                name: "某某局".into(),
                code: "101".into(),
                unit_type: UnitType::Administrative,
                parent_id: None,
            })
            .unwrap();
    }
    let db = db.to_str().unwrap();

    // A workbook with a mistyped amount is refused, naming the cell; nothing is created.
    let bad = dir.path().join("坏的决算数据.xlsx");
    data_workbook(&bad, "100..0");
    let out = cli(&[
        "import",
        bad.to_str().unwrap(),
        "--db",
        db,
        "--unit",
        "101",
        "--year",
        "2024",
        "--kind",
        "决算",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("工作表“支出”E2"), "{}", text(&out));
    let store = Store::open(Path::new(db)).unwrap();
    let unit = store.find_unit("101").unwrap().unwrap();
    assert!(store.list_disclosures(unit.id).unwrap().is_empty());
    drop(store);

    let good = dir.path().join("决算数据.xlsx");
    data_workbook(&good, "100.00");
    let out = cli(&[
        "import",
        good.to_str().unwrap(),
        "--db",
        db,
        "--unit",
        "101",
        "--year",
        "2024",
        "--kind",
        "决算",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        text(&out).contains("已导入 2 条支出、1 条收入、1 条结转和结余到“某某局”2024年决算公开"),
        "{}",
        text(&out)
    );
    let store = Store::open(Path::new(db)).unwrap();
    let disclosures = store.list_disclosures(unit.id).unwrap();
    assert_eq!(disclosures.len(), 1);
    assert_eq!(disclosures[0].kind, DisclosureKind::FinalAccounts);
    drop(store);

    let exported = dir.path().join("决算公开表.xlsx");
    let out = cli(&[
        "export",
        "--db",
        db,
        "--unit",
        "某某局",
        "--year",
        "2024",
        "--kind",
        "决算",
        "--out",
        exported.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let out = cli(&["check", exported.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let file = &json["files"][0];
    assert_eq!(file["kind"], "final_accounts", "{json}");
    let ids: Vec<&str> = file["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9"]);

    // No 预算 disclosure to export; an unknown kind is refused.
    let out = cli(&[
        "export",
        "--db",
        db,
        "--unit",
        "101",
        "--year",
        "2024",
        "--out",
        exported.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("没有2024年预算公开"), "{}", text(&out));
    let out = cli(&[
        "export",
        "--db",
        db,
        "--unit",
        "101",
        "--year",
        "2024",
        "--kind",
        "决策",
        "--out",
        exported.to_str().unwrap(),
    ]);
    assert!(
        text(&out).contains("公开类型“决策”无法识别"),
        "{}",
        text(&out)
    );
}
