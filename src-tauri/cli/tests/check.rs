//! `budget-cli check`: the JSON shape and exit codes of docs/design.md §7, run on the real binary.

use std::path::Path;

mod common;
use common::{fixture, keys, run};

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("check --json prints JSON")
}

#[test]
fn a_clean_workbook_exits_0_with_the_documented_shape() {
    let path = fixture("ruoqiang-2024-budget-tables.xlsx");
    let (code, out, _) = run(&["check", path.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{out}");
    let v = json(&out);
    assert_eq!(keys(&v), vec!["files"]);
    let file = &v["files"][0];
    assert_eq!(
        keys(file),
        vec!["file", "findings", "kind", "projects", "tables", "unit", "year"]
    );
    assert_eq!(file["kind"], "budget_tables");
    assert_eq!(file["unit"], "若羌县人民政府办公室");
    assert!(file["year"].is_null());
    assert_eq!(file["projects"], serde_json::json!([]));
    assert_eq!(file["findings"], serde_json::json!([]));
    let tables = file["tables"].as_array().unwrap();
    let ids: Vec<&str> = tables.iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["T1", "T3", "T5", "T4", "T6", "T9", "T10"]);
    assert_eq!(keys(&tables[0]), vec!["id", "sheet", "title"]);
    assert_eq!(tables[0]["sheet"], "表1");
    assert_eq!(tables[0]["title"], "部门收支总体情况表");
}

#[test]
fn errors_found_exit_1_and_point_at_the_cell() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("broken.xlsx");
    write_broken_three_public(&copy);
    let (code, out, _) = run(&["check", copy.to_str().unwrap(), "--json"]);
    assert_eq!(code, 1, "{out}");
    let v = json(&out);
    let findings = v["files"][0]["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        assert_eq!(
            keys(f),
            vec!["actual", "cell", "expected", "message", "rule", "severity", "sheet"]
        );
        assert_eq!(f["severity"], "error");
        assert_eq!(f["sheet"], "表10");
        assert_eq!(f["cell"], "B5");
    }
    let total = findings.iter().find(|f| f["rule"] == "t10_total").unwrap();
    assert_eq!(total["actual"], "1.25");
    assert_eq!(total["expected"], "0.25");
}

#[test]
fn an_unreadable_file_exits_2_and_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("notes.xlsx");
    std::fs::write(&bad, "plain text").unwrap();
    let good = fixture("ruoqiang-2024-budget-tables.xlsx");
    let (code, out, _) = run(&[
        "check",
        bad.to_str().unwrap(),
        good.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(code, 2, "{out}");
    let v = json(&out);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["kind"], "unreadable");
    assert_eq!(files[0]["findings"][0]["rule"], "file_unreadable");
    assert!(files[0]["findings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("不是 Excel 工作簿"));
    assert_eq!(files[1]["kind"], "budget_tables");
    assert_eq!(files[1]["tables"].as_array().unwrap().len(), 7);
}

#[test]
fn human_output_is_chinese() {
    let path = fixture("ruoqiang-2024-budget-tables.xlsx");
    let (code, out, _) = run(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("单位：若羌县人民政府办公室"), "{out}");
    assert!(
        out.contains("财政拨款“三公”经费支出情况表\t工作表"),
        "{out}"
    );
    // tables as the workbook prints them, never the internal ids (those are for --json)
    assert!(!out.contains("T10"), "{out}");
    assert!(out.contains("共 0 个错误，0 个提示。"), "{out}");
}

/// The fixture with its 三公 合计 (表10!B5) raised from 0.25 to 1.25 万元.
fn write_broken_three_public(path: &Path) {
    use budget_core::xlsx::{load, CellValue};
    use rust_decimal::prelude::ToPrimitive;
    let book = load(&fixture("ruoqiang-2024-budget-tables.xlsx")).unwrap();
    let mut out = rust_xlsxwriter::Workbook::new();
    for grid in &book.sheets {
        let ws = out.add_worksheet();
        ws.set_name(&grid.name).unwrap();
        for row in 0..grid.height() {
            for col in 0..grid.width() {
                match grid.cell(row, col) {
                    CellValue::Text(t) => {
                        ws.write_string(row, col as u16, t).unwrap();
                    }
                    CellValue::Number(d) => {
                        let mut n = d.to_f64().unwrap();
                        if grid.name == "表10" && (row, col) == (4, 1) {
                            n = 1.25;
                        }
                        ws.write_number(row, col as u16, n).unwrap();
                    }
                    CellValue::Empty => {}
                }
            }
        }
    }
    out.save(path).unwrap();
}
