//! The real 2024 决算 of 上海市普陀区规划和自然资源局 (its nine tables re-keyed as printed): every
//! inconsistency it really has is reported, and nothing else; then copies broken one number at
//! a time, each flagged by its rule at the changed cell's row.

use std::path::Path;

use budget_core::checks::Severity;
use budget_core::review::{review_file, ReviewedFile};
use budget_core::xlsx::{a1, parse_a1};
use budget_tests::{fixture, fixture_sheets, num, sheet_mut, write_workbook, Put, SheetSpec};

const FIXTURE: &str = "putuo-planning-2024-final-accounts.xlsx";
const F1: &str = "收入支出决算总表";
const F2: &str = "收入决算表";
const F3: &str = "支出决算表";
const F4: &str = "财政拨款收入支出决算总表";
const F5: &str = "一般公共预算财政拨款支出决算表";
const F6: &str = "一般公共预算财政拨款基本支出决算表";
const F7: &str = "财政拨款“三公”经费支出决算表";
const F8: &str = "政府性基金预算财政拨款收入支出决算表";

fn findings(file: &ReviewedFile) -> Vec<(String, Severity, String, String)> {
    let mut out: Vec<_> = file
        .findings
        .iter()
        .map(|f| {
            (
                f.rule.clone(),
                f.severity,
                f.location.sheet.clone().unwrap_or_default(),
                f.location.cell.clone().unwrap_or_default(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn the_published_tables_report_exactly_their_real_inconsistencies() {
    let file = review_file(&fixture(FIXTURE));
    assert_eq!(file.tables.len(), 9);
    let w = Severity::Warning;
    let mut expected: Vec<(String, Severity, String, String)> = [
        // F1 prints 卫生健康 236.63 and 城乡社区 3,845.25; F3 has 236.64 and 3,845.24.
        ("f1_vs_f3_class", w, F1, "D14"),
        ("f1_vs_f3_class", w, F1, "D16"),
        // F4 卫生健康 236.63 against F5's 236.64; F4's classes sum to 9,746.49, not 9,746.50.
        ("f4_vs_f5_class", w, F4, "E13"),
        ("f4_expenditure_total", w, F4, "D29"),
        ("f4_expenditure_total", w, F4, "E29"),
        // F5: 212 1,572.70 + 2,259.65 = 3,832.35 (printed 3,832.36); 21201 and 2120101
        // 1,084.02 + 8.77 = 1,092.79 (printed 1,092.80); 合计 5,364.75 + 4,381.74 = 9,746.49
        // (printed 9,746.50).
        ("f5_row_total", w, F5, "C16"),
        ("f5_row_total", w, F5, "C17"),
        ("f5_row_total", w, F5, "C18"),
        ("f5_row_total", w, F5, "C29"),
        // F6 302 商品和服务支出 440.90, its 款 sum to 440.88: more than rounding.
        ("f6_tree", Severity::Error, F6, "F4"),
        // F6 人员经费合计 4,884.09 but 301 4,816.14 + 303 67.96 = 4,884.10.
        ("f6_personnel", w, F6, "C42"),
    ]
    .into_iter()
    .map(|(r, s, sheet, cell)| (r.to_string(), s, sheet.to_string(), cell.to_string()))
    .collect();
    expected.sort();
    assert_eq!(findings(&file), expected, "{:#?}", file.findings);
    assert_eq!((file.error_count, file.warning_count), (1, 10));
}

/// The cell right of the first cell of `sheet` whose text is `label`.
fn right_of(sheet: &SheetSpec, label: &str) -> String {
    let (row, col) = sheet
        .cells
        .iter()
        .find(|(_, v)| matches!(v, Put::Text(t) if t.trim() == label))
        .map(|(pos, _)| *pos)
        .unwrap_or_else(|| panic!("no “{label}” on {}", sheet.name));
    a1(row, col + 1)
}

fn broken(sheet: &str, cell: &str, value: f64) -> ReviewedFile {
    let mut sheets = fixture_sheets(FIXTURE);
    sheet_mut(&mut sheets, sheet).set(cell, num(value));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copy.xlsx");
    write_workbook(&path, &sheets);
    review_file(Path::new(&path))
}

/// `rule` fires as an error on `sheet` at the row of `cell`.
fn assert_flagged(file: &ReviewedFile, rule: &str, sheet: &str, cell: &str) {
    let row = parse_a1(cell).unwrap().0;
    assert!(
        file.findings.iter().any(|f| f.rule == rule
            && f.severity == Severity::Error
            && f.location.sheet.as_deref() == Some(sheet)
            && f.location.cell.as_deref().and_then(parse_a1).map(|p| p.0) == Some(row)),
        "{rule} not flagged at {sheet}!{cell}: {:#?}",
        file.findings
    );
}

fn cell_of(sheet: &str, label: &str) -> String {
    let sheets = fixture_sheets(FIXTURE);
    let spec = sheets.iter().find(|s| s.name == sheet).unwrap();
    right_of(spec, label)
}

#[test]
fn f1_totals_balance_and_classes() {
    let it = cell_of(F1, "本年收入合计");
    assert_flagged(&broken(F1, &it, 9800.0), "f1_income_total", F1, &it);
    let ig = cell_of(F1, "总计");
    assert_flagged(&broken(F1, &ig, 9900.0), "f1_income_grand_total", F1, &ig);
    assert_flagged(&broken(F1, "D16", 3900.0), "f1_vs_f3_class", F1, "D16");
    let opening = cell_of(F1, "年初结转和结余");
    let file = broken(F1, &opening, 120.0);
    assert_flagged(&file, "f1_income_grand_total", F1, &ig);
}

#[test]
fn f2_f3_rows_trees_and_f1() {
    assert_flagged(&broken(F2, "C5", 9800.0), "f2_vs_f1_income", F2, "C5");
    let file = broken(F2, "D8", 60.0);
    assert_flagged(&file, "f2_row_total", F2, "C8");
    assert_flagged(&file, "f2_tree", F2, "D7");
    assert_flagged(&broken(F3, "C5", 9800.0), "f3_vs_f1_total", F3, "C5");
    assert_flagged(&broken(F3, "E8", 5.0), "f3_row_total", F3, "C8");
}

#[test]
fn f4_by_fund_against_f1_and_f5() {
    let file = broken(F4, "B5", 9800.0);
    assert_flagged(&file, "f4_vs_f1_income", F4, "B5");
    let file = broken(F4, "E12", 760.0);
    assert_flagged(&file, "f4_row_funds", F4, "D12");
    assert_flagged(&file, "f4_vs_f5_class", F4, "E12");
    let closing_row = parse_a1(&cell_of(F4, "年末财政拨款结转和结余")).unwrap().0;
    let closing = a1(closing_row, 4);
    let file = broken(F4, &closing, 5.0);
    assert_flagged(&file, "f4_fund_balance", F4, &closing);
}

#[test]
fn f5_f6_f7_and_the_empty_f8() {
    let file = broken(F5, "C5", 760.0);
    assert_flagged(&file, "f5_row_total", F5, "C5");
    assert_flagged(&file, "f5_tree", F5, "C5");
    assert_flagged(&broken(F5, "D29", 5400.0), "f5_vs_f6_basic", F5, "D29");
    assert_flagged(&broken(F6, "C5", 540.0), "f6_tree", F6, "C4");
    // 人员经费合计 is printed over 编码 and 名称 merged; its figure is in C42.
    assert_flagged(&broken(F6, "C42", 4900.0), "f6_personnel", F6, "C42");
    assert_flagged(&broken(F7, "A7", 3.0), "f7_total", F7, "A7");
    assert_flagged(&broken(F7, "E7", 1.0), "f7_vehicle", F7, "E7");
    // 年初 5.00 in the 合计 row of a table that says it has no data.
    let file = broken(F8, "C5", 5.0);
    assert_flagged(&file, "empty_table_has_amounts", F8, "C5");
}

/// The 情况说明 of the same published 决算 (第三部分, as its PDF's text layer reads), checked with
/// its workbook: the real slips of its text are reported, each at its line, and nothing else.
#[test]
fn the_published_narrative_checked_against_its_tables() {
    use budget_core::review::{review_files, FileKind};
    let files = review_files(&[
        fixture(FIXTURE),
        fixture("putuo-planning-2024-final-accounts-narrative.txt"),
    ]);
    let text = &files[1];
    assert_eq!(text.kind, FileKind::Narrative);
    let found: Vec<(&str, Severity, u32)> = text
        .findings
        .iter()
        .map(|f| (f.rule.as_str(), f.severity, f.location.line.unwrap_or(0)))
        .collect();
    assert_eq!(
        found,
        [
            // 9,746.50 of 本年支出合计 9,759.38 is 99.87 %, printed 99.86 %.
            ("narrative_percent_rounding", Severity::Warning, 30),
            // 9,746.50 of 年初预算 10,210.34 is 95.46 %, printed 95.45 %.
            ("narrative_percent_rounding", Severity::Warning, 42),
            // 一般公共预算财政拨款基本支出 5,377.64 is F3's 基本支出 of all funds; F5/F6: 5,364.75.
            ("narrative_amount_mismatch", Severity::Error, 113),
            // 人员经费 4,896.98 against F6's 4,884.09.
            ("narrative_amount_mismatch", Severity::Error, 114),
            // "完成预算的0.00%" for 出国 and 公务用车, whose 预算数 in F7 are 0.
            ("narrative_completion_zero_budget", Severity::Error, 129),
            ("narrative_completion_zero_budget", Severity::Error, 130),
            // Leftovers of the template: "下降（增长）27.78%", a "（其中" never closed,
            // "部门（单位）共有车辆" (the same three as in its PDF, document_checks.rs).
            ("document_placeholder", Severity::Warning, 135),
            ("document_bracket_unbalanced", Severity::Warning, 178),
            ("document_placeholder", Severity::Warning, 203),
        ],
        "{:#?}",
        text.findings
    );
}

/// §1.6 A 9: a negative spending figure is a warning at its own cell (besides the sums it breaks).
#[test]
fn a_negative_spending_figure_is_pointed_at() {
    let file = broken(F3, "E8", -5.0);
    assert!(
        file.findings.iter().any(|f| f.rule == "final_negative"
            && f.severity == Severity::Warning
            && f.location.sheet.as_deref() == Some(F3)
            && f.location.cell.as_deref() == Some("E8")
            && f.message.contains("-5.00")),
        "{:#?}",
        file.findings
    );
}
