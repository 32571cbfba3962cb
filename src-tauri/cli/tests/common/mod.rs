//! What the CLI tests share: the built binary, the fixtures in `tests/fixtures`, and reading
//! the binary's output. Each test file uses a part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn cli() -> Command {
    Command::new(env!("CARGO_BIN_EXE_budget-cli"))
}

/// Runs budget-cli: exit code, stdout, stderr.
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = cli().args(args).output().expect("budget-cli runs");
    (
        out.status.code().expect("exit code"),
        String::from_utf8(out.stdout).expect("utf-8 stdout"),
        String::from_utf8(out.stderr).expect("utf-8 stderr"),
    )
}

/// The fixture workbooks, in `tests/fixtures` at the repository root.
pub fn fixtures_dir() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures")).to_path_buf()
}

/// The seed texts, in `tests/fixtures/seeds`.
pub fn seeds_dir() -> PathBuf {
    fixtures_dir().join("seeds")
}

pub fn fixture(name: &str) -> PathBuf {
    fixtures_dir().join(name)
}

/// The keys of a JSON object, sorted: to compare with the documented shape.
pub fn keys(value: &serde_json::Value) -> Vec<&str> {
    let mut k: Vec<&str> = value
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    k.sort_unstable();
    k
}

/// A line workbook as a finance office fills it in: the title "{year}年预算明细", "编制部门：
/// {department}", the header row, then one 人员经费 line of 一般公共预算 per `(function code,
/// amount in 元)`, economic code 30101.
pub fn lines_workbook(path: &Path, year: i32, department: &str, lines: &[(&str, u32)]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("预算明细").unwrap();
    sheet
        .write_string(0, 0, format!("{year}年预算明细"))
        .unwrap();
    sheet
        .write_string(1, 0, format!("编制部门：{department}"))
        .unwrap();
    for (c, h) in [
        "功能分类科目编码",
        "经济分类科目编码",
        "资金来源",
        "支出类型",
        "金额（元）",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    for (i, (function_code, yuan)) in lines.iter().enumerate() {
        let r = 3 + i as u32;
        sheet.write_string(r, 0, *function_code).unwrap();
        sheet.write_string(r, 1, "30101").unwrap();
        sheet.write_string(r, 2, "一般公共预算").unwrap();
        sheet.write_string(r, 3, "人员经费").unwrap();
        sheet.write_number(r, 4, f64::from(*yuan)).unwrap();
    }
    book.save(path).unwrap();
}
