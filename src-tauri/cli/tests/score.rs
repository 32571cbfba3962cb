//! `budget-cli score`: the JSON shape and exit codes of docs/design.md §7, run on the real binary.

use std::path::{Path, PathBuf};

use budget_core::xlsx::{self, parse_a1, CellValue};

mod common;
use common::{keys, run};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/seni-2023-self-evaluation.xlsx"
);

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("score --json prints JSON")
}

/// Copies the fixture cell by cell into `path`, with `cell` set to `value`: a broken copy.
fn broken_copy(path: &Path, cell: &str, value: &str) {
    let book = xlsx::load(Path::new(FIXTURE)).expect("fixture opens");
    let (edit_row, edit_col) = parse_a1(cell).expect("A1 reference");
    let mut out = rust_xlsxwriter::Workbook::new();
    for sheet in &book.sheets {
        let ws = out.add_worksheet();
        ws.set_name(&sheet.name).expect("sheet name");
        for row in 0..sheet.height() {
            for col in 0..sheet.width() {
                if (row, col) == (edit_row, edit_col) {
                    ws.write_string(row, col as u16, value).expect("write");
                    continue;
                }
                match sheet.cell(row, col) {
                    CellValue::Empty => {}
                    CellValue::Text(t) => {
                        ws.write_string(row, col as u16, t).expect("write");
                    }
                    CellValue::Number(d) => {
                        let n: f64 = d.to_string().parse().expect("number");
                        ws.write_number(row, col as u16, n).expect("write");
                    }
                }
            }
        }
    }
    out.save(path).expect("save broken copy");
}

#[test]
fn the_seed_001_fixture_scores_100_excellent_and_exits_0() {
    let (code, out, err) = run(&["score", FIXTURE, "--json"]);
    assert_eq!(code, 0, "{out}{err}");
    let v = json(&out);
    assert_eq!(keys(&v), ["evaluations"]);
    let evaluations = v["evaluations"].as_array().expect("array");
    assert_eq!(evaluations.len(), 1);
    let e = &evaluations[0];
    assert_eq!(
        keys(e),
        [
            "execution_rate",
            "execution_score",
            "findings",
            "grade",
            "indicators",
            "project",
            "total"
        ]
    );
    assert_eq!(e["project"], "色尼区电子政务外网延伸项目");
    assert_eq!(e["execution_rate"], "100.00");
    assert_eq!(e["execution_score"], "10.00");
    assert_eq!(e["total"], "100.00");
    assert_eq!(e["grade"], "优");
    assert_eq!(e["findings"], serde_json::json!([]));
    let indicators = e["indicators"].as_array().expect("array");
    assert_eq!(indicators.len(), 9);
    assert_eq!(
        keys(&indicators[0]),
        ["actual", "name", "score", "target", "weight"]
    );
    assert_eq!(indicators[5]["name"], "实施总成本");
    assert_eq!(indicators[5]["target"], "≤244.23万元");
    assert_eq!(indicators[5]["score"], "5.00");
}

#[test]
fn a_changed_stated_score_exits_1_and_points_at_its_cell() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path: PathBuf = dir.path().join("自评表-改动.xlsx");
    broken_copy(&path, "H14", "8分");
    let (code, out, err) = run(&["score", path.to_str().expect("utf-8 path"), "--json"]);
    assert_eq!(code, 1, "{out}{err}");
    let v = json(&out);
    let e = &v["evaluations"][0];
    assert_eq!(e["total"], "100.00");
    let findings = e["findings"].as_array().expect("array");
    assert_eq!(findings.len(), 1, "{findings:?}");
    let f = &findings[0];
    assert_eq!(f["rule"], "stated_indicator_score");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["sheet"], "电子政务外网延伸项目");
    assert_eq!(f["cell"], "H14");
    assert_eq!(f["expected"], "10.00");
    assert_eq!(f["actual"], "8.00");
}

#[test]
fn human_output_is_chinese() {
    let (code, out, _) = run(&["score", FIXTURE]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("项目：色尼区电子政务外网延伸项目"), "{out}");
    assert!(out.contains("总分 100.00 分，自评结论：优"), "{out}");
}

#[test]
fn an_unreadable_file_exits_2_with_a_chinese_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("不是工作簿.xlsx");
    std::fs::write(&path, "这不是 Excel 文件").expect("write");
    let (code, out, err) = run(&["score", path.to_str().expect("utf-8 path")]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("不是工作簿.xlsx"), "{err}");
}
