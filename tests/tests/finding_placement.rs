//! Where a finding points: at the cell most likely wrong, using what the other tables say. A
//! class typed wrong in 表1 makes 表1's 支出总计 disagree with its classes; the total is right
//! (it agrees with 表4), so the finding belongs on the class, once, not on 支出总计.

use budget_core::checks::Finding;
use budget_core::review::ReviewedFile;
use budget_tests::{fixture_sheets, num, review_sheets, sheet_mut, SheetSpec, BUDGET_TABLES};

fn cells(file: &ReviewedFile) -> Vec<String> {
    file.findings
        .iter()
        .map(|f| {
            format!(
                "{}!{} {}",
                f.location.sheet.as_deref().unwrap_or(""),
                f.location.cell.as_deref().unwrap_or(""),
                f.rule
            )
        })
        .collect()
}

fn at(f: &Finding, sheet: &str, cell: &str) -> bool {
    f.location.sheet.as_deref() == Some(sheet) && f.location.cell.as_deref() == Some(cell)
}

/// The 若羌 fixture as a department sent it with 205 教育支出 funded: 6.27 万元 in 表1 and 表4
/// (totals 848.34), without the detail tables 表3 and 表5 that would also name the class.
fn with_education(t1_education: f64) -> Vec<SheetSpec> {
    let mut sheets = fixture_sheets(BUDGET_TABLES);
    sheets.retain(|s| s.name != "表3" && s.name != "表5");
    let t1 = sheet_mut(&mut sheets, "表1");
    for cell in ["B5", "B6", "B7", "B35", "D35"] {
        t1.set(cell, num(848.34));
    }
    t1.set("D9", num(t1_education));
    let t4 = sheet_mut(&mut sheets, "表4");
    for cell in ["B5", "B6", "B35", "D35", "E35"] {
        t4.set(cell, num(848.34));
    }
    t4.set("D9", num(6.27)).set("E9", num(6.27));
    sheets
}

#[test]
fn the_workbook_with_education_funded_is_clean() {
    let file = review_sheets(&with_education(6.27));
    assert!(file.findings.is_empty(), "{:#?}", cells(&file));
}

#[test]
fn a_class_typed_wrong_in_t1_is_found_at_that_class_once() {
    // 205 教育支出 16.27 in 表1 against 6.27 in 表4: the user test's workbook.
    let file = review_sheets(&with_education(16.27));
    assert_eq!(cells(&file), ["表1!D9 t1_expenditure_total"]);
    let f = &file.findings[0];
    assert_eq!(f.actual.unwrap().plain_wanyuan(), "16.27");
    assert_eq!(f.expected.unwrap().plain_wanyuan(), "6.27");
    assert!(
        f.message.contains("D9") && f.message.contains("表4") && f.message.contains("6.27万元"),
        "{}",
        f.message
    );
    assert!(!f.message.contains("D35"), "{}", f.message);
    assert_eq!(f.title, "支出总计=各功能分类之和");
}

#[test]
fn with_all_tables_a_class_changed_in_t1_is_flagged_only_at_that_class() {
    let mut sheets = fixture_sheets(BUDGET_TABLES);
    sheet_mut(&mut sheets, "表1").set("D9", num(10.0));
    let file = review_sheets(&sheets);
    assert!(!file.findings.is_empty());
    assert!(
        file.findings.iter().all(|f| at(f, "表1", "D9")),
        "{:#?}",
        cells(&file)
    );
    assert!(file
        .findings
        .iter()
        .any(|f| f.rule == "t1_expenditure_total"));
}

#[test]
fn a_class_typed_wrong_in_t4_is_found_in_t4_not_at_its_totals() {
    let mut sheets = with_education(6.27);
    sheet_mut(&mut sheets, "表4")
        .set("D9", num(16.27))
        .set("E9", num(16.27));
    let file = review_sheets(&sheets);
    assert!(!file.findings.is_empty());
    assert!(
        file.findings
            .iter()
            .all(|f| at(f, "表4", "D9") || at(f, "表4", "E9")),
        "{:#?}",
        cells(&file)
    );
}

#[test]
fn a_total_typed_wrong_is_found_at_the_total() {
    let mut sheets = with_education(6.27);
    sheet_mut(&mut sheets, "表1").set("D35", num(858.34));
    let file = review_sheets(&sheets);
    assert!(!file.findings.is_empty());
    assert!(
        file.findings.iter().all(|f| at(f, "表1", "D35")),
        "{:#?}",
        cells(&file)
    );
}
