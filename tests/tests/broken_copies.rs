//! Broken copies of the 若羌 fixture, built here: each changes one thing, and the review must
//! flag it as an error at the changed cell or its row, and (for the four cases the issue names)
//! nothing else.

use budget_core::checks::{Finding, Severity};
use budget_core::review::ReviewedFile;
use budget_core::xlsx::parse_a1;
use budget_tests::{
    fixture_sheets, num, project_sheet, review_sheets, sheet_mut, text, three_public_one_row_sheet,
    Put, BUDGET_TABLES,
};

fn with_change(sheet: &str, cell: &str, value: Put) -> ReviewedFile {
    let mut sheets = fixture_sheets(BUDGET_TABLES);
    sheet_mut(&mut sheets, sheet).set(cell, value);
    review_sheets(&sheets)
}

fn row_of(cell: &str) -> u32 {
    parse_a1(cell).unwrap().0
}

fn at_row(f: &Finding, sheet: &str, cell: &str) -> bool {
    f.location.sheet.as_deref() == Some(sheet)
        && f.location
            .cell
            .as_deref()
            .and_then(parse_a1)
            .is_some_and(|(r, _)| r == row_of(cell))
}

/// Every finding is an error on the changed row, and there is at least one.
fn assert_only_at(file: &ReviewedFile, sheet: &str, cell: &str) {
    assert!(
        !file.findings.is_empty(),
        "nothing flagged for {sheet}!{cell}"
    );
    for f in &file.findings {
        assert_eq!(f.severity, Severity::Error, "{f:#?}");
        assert!(at_row(f, sheet, cell), "flagged elsewhere: {f:#?}");
    }
}

/// The rule fires, as an error, at the changed cell's row.
fn assert_rule_at(file: &ReviewedFile, rule: &str, sheet: &str, cell: &str) {
    assert!(
        file.findings
            .iter()
            .any(|f| f.rule == rule && f.severity == Severity::Error && at_row(f, sheet, cell)),
        "{rule} not flagged at {sheet}!{cell}: {:#?}",
        file.findings
    );
}

#[test]
fn a_class_amount_changed_in_t1_is_flagged_there_and_nowhere_else() {
    let file = with_change("表1", "D5", num(683.80));
    assert_only_at(&file, "表1", "D5");
    assert_rule_at(&file, "t1_vs_t3_class", "表1", "D5");
    assert_rule_at(&file, "t1_expenditure_total", "表1", "D5");
    let f = file
        .findings
        .iter()
        .find(|f| f.rule == "t1_vs_t3_class")
        .unwrap();
    assert_eq!(f.location.cell.as_deref(), Some("D5"));
    assert_eq!(f.actual.unwrap().plain_wanyuan(), "683.80");
    assert_eq!(f.expected.unwrap().plain_wanyuan(), "683.70");
    assert!(
        f.message.contains("683.80") && f.message.contains("683.70") && f.message.contains("0.10")
    );
}

#[test]
fn a_general_budget_cell_changed_in_t4_is_flagged_there_and_nowhere_else() {
    let file = with_change("表4", "E5", num(683.60));
    assert_only_at(&file, "表4", "E5");
    assert_rule_at(&file, "t4_vs_t5_class", "表4", "E5");
    assert_rule_at(&file, "t4_row_funds", "表4", "E5");
    assert_rule_at(&file, "t4_column_total", "表4", "E5");
}

#[test]
fn a_clean_project_table_adds_nothing() {
    let mut sheets = fixture_sheets(BUDGET_TABLES);
    sheets.insert(5, project_sheet());
    let file = review_sheets(&sheets);
    assert!(file
        .tables
        .iter()
        .any(|t| t.id == budget_core::tables::TableId::T7));
    assert!(file.findings.is_empty(), "{:#?}", file.findings);
}

#[test]
fn an_economic_cell_changed_in_a_t7_project_row_is_flagged_there_and_nowhere_else() {
    let mut sheets = fixture_sheets(BUDGET_TABLES);
    let mut t7 = project_sheet();
    t7.set("H7", num(200.18));
    sheets.insert(5, t7);
    let file = review_sheets(&sheets);
    assert_only_at(&file, "表7", "H7");
    assert_rule_at(&file, "t7_row_economic", "表7", "H7");
}

#[test]
fn t7_totals_and_the_link_to_t5_are_checked() {
    let mut sheets = fixture_sheets(BUDGET_TABLES);
    let mut t7 = project_sheet();
    // A project's total and its economic cell raised together: the row adds up, but the
    // subtotals, the 合计 row and T5's 项目支出 no longer agree.
    t7.set("F9", num(16.0)).set("H9", num(16.0));
    sheets.insert(5, t7);
    let file = review_sheets(&sheets);
    assert_rule_at(&file, "t7_tree", "表7", "F8");
    assert_rule_at(&file, "t7_grand_total", "表7", "F10");
    assert_rule_at(&file, "t7_vs_t5_project", "表7", "F10");
}

#[test]
fn the_three_public_total_changed_is_flagged_there_and_nowhere_else() {
    let file = with_change("表10", "B5", num(0.35));
    assert_only_at(&file, "表10", "B5");
    assert_rule_at(&file, "t10_total", "表10", "B5");
}

#[test]
fn the_one_row_three_public_layout_is_read_and_checked() {
    let mut sheets = fixture_sheets(BUDGET_TABLES);
    let i = sheets.iter().position(|s| s.name == "表10").unwrap();
    sheets[i] = three_public_one_row_sheet();
    let clean = review_sheets(&sheets);
    assert!(clean.findings.is_empty(), "{:#?}", clean.findings);
    sheet_mut(&mut sheets, "表10").set("C5", num(1.0));
    let broken = review_sheets(&sheets);
    assert_rule_at(&broken, "t10_vehicle", "表10", "C5");
    assert_rule_at(&broken, "t10_total", "表10", "A5");
}

/// One change per rule: (sheet, cell, new value, rule that must fire at that row).
#[test]
fn each_table_rule_fires_on_a_copy_that_breaks_it() {
    let cases: &[(&str, &str, Put, &str, &str)] = &[
        ("表1", "B6", num(842.00), "t1_income_parts", "B6"),
        ("表1", "B35", num(843.07), "t1_income_total", "B35"),
        ("表1", "B35", num(843.07), "t1_balance", "D35"),
        ("表3", "E8", num(265.64), "t3_row_total", "E8"),
        ("表3", "E8", num(265.64), "t3_tree", "E7"),
        ("表3", "E26", num(842.17), "t3_grand_total", "E26"),
        ("表5", "G11", num(15.10), "t5_row_total", "G11"),
        ("表5", "F26", num(593.09), "t5_grand_total", "F26"),
        ("表4", "B6", num(842.00), "t4_vs_t1_income", "B6"),
        ("表4", "B6", num(842.00), "t4_income_parts", "B6"),
        ("表4", "B35", num(843.07), "t4_balance", "D35"),
        ("表4", "G5", num(1.00), "t4_vs_t9_class", "G5"),
        ("表6", "D7", num(98.58), "t6_row_total", "D7"),
        ("表6", "D7", num(98.58), "t6_tree", "D6"),
        ("表6", "D32", num(593.09), "t6_vs_t5_basic", "D32"),
        ("表6", "E32", num(554.40), "t6_grand_total", "E32"),
        ("表9", "E6", num(1.00), "empty_table_has_amounts", "E6"),
        ("表10", "C7", num(0.30), "t10_sources", "C7"),
        ("表3", "F8", text("二百六十五"), "amount_unreadable", "F8"),
        ("表3", "A6", text("218"), "catalog_unknown_code", "A6"),
    ];
    for (sheet, cell, value, rule, at) in cases {
        let file = with_change(sheet, cell, value.clone());
        assert_rule_at(&file, rule, sheet, at);
    }
}

#[test]
fn catalog_and_layout_warnings() {
    let file = with_change("表3", "D8", text("一般行政管理事务"));
    let f = file
        .findings
        .iter()
        .find(|f| f.rule == "catalog_name_mismatch")
        .expect("name mismatch flagged");
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.location.cell.as_deref(), Some("D8"));
    assert_eq!(file.error_count, 0, "{:#?}", file.findings);

    let file = with_change("表3", "C8", text("77"));
    let f = file
        .findings
        .iter()
        .find(|f| f.rule == "catalog_unknown_code")
        .unwrap();
    assert_eq!(
        f.severity,
        Severity::Warning,
        "an unknown 项 under a known 类 is a warning"
    );

    let file = with_change("表1", "D2", Put::Blank);
    assert!(file
        .findings
        .iter()
        .any(|f| f.rule == "scale_missing" && f.severity == Severity::Warning));

    let file = with_change("表3", "A2", text("编制部门：若羌县财政局"));
    assert!(file
        .findings
        .iter()
        .any(|f| f.rule == "unit_mismatch" && f.severity == Severity::Warning));
}

#[test]
fn text_amounts_spaced_labels_and_codes_that_lost_zeros_read_the_same() {
    let mut sheets = fixture_sheets(BUDGET_TABLES);
    let t3 = sheet_mut(&mut sheets, "表3");
    t3.set("A1", text("部 门 支 出 总 体\n情 况 表"))
        .set("A2", text("编 制 部 门 ： 若羌县人民政府办公室"))
        .set("G2", text("单位：万元"))
        // codes typed as numbers lose their leading zero
        .set("A8", num(201.0))
        .set("B8", num(3.0))
        .set("C8", num(1.0))
        // amounts as text with 千分位
        .set("E26", text("842.07"))
        .set("F8", text("265.54"))
        .set("E8", text("265.54"));
    let t1 = sheet_mut(&mut sheets, "表1");
    t1.set("B35", text("842.07"))
        .set("C5", text("201一般公共服务支出"));
    let file = review_sheets(&sheets);
    assert!(file.findings.is_empty(), "{:#?}", file.findings);
    assert_eq!(file.tables.len(), 7);
}

#[test]
fn amounts_in_yuan_are_converted() {
    let mut sheets = fixture_sheets(BUDGET_TABLES);
    let t10 = sheet_mut(&mut sheets, "表10");
    t10.set("E2", text("单位：元"))
        .set("B5", text("2,500.00"))
        .set("C5", num(2500.0))
        .set("B7", num(2500.0))
        .set("C7", num(2500.0));
    let file = review_sheets(&sheets);
    assert!(file.findings.is_empty(), "{:#?}", file.findings);
    let broken = {
        let t10 = sheet_mut(&mut sheets, "表10");
        // 0.02 元 over: beyond the 0.01 元 rounding tolerance of a table in 元.
        t10.set("B5", text("2,500.02"));
        review_sheets(&sheets)
    };
    let f = broken
        .findings
        .iter()
        .find(|f| f.rule == "t10_total")
        .unwrap();
    assert!(f.message.contains("2,500.02元"), "{}", f.message);
    assert_eq!(f.actual.unwrap().exact_wanyuan(), "0.250002");
}

/// Parts and wholes across tables: the finding sits in the table that must contain the other.
#[test]
fn part_and_whole_rules_across_tables() {
    // T5's class 201 grows beyond what T3 (all funds) spends on 201.
    let file = with_change("表5", "E6", num(684.70));
    assert_rule_at(&file, "t3_covers_grants", "表3", "E6");

    // T1's class 208 drops below T4's 财政拨款 for 208.
    let file = with_change("表1", "D12", num(80.00));
    assert_rule_at(&file, "t4_within_t1_class", "表4", "D12");

    // T6's 公务接待费 (basic spending) exceeds the 三公 table's 公务接待费.
    let mut sheets = fixture_sheets(BUDGET_TABLES);
    sheet_mut(&mut sheets, "表6")
        .set("D24", num(0.35))
        .set("F24", num(0.35));
    let file = review_sheets(&sheets);
    assert_rule_at(&file, "t10_covers_basic", "表10", "B7");
    let f = file
        .findings
        .iter()
        .find(|f| f.rule == "t10_covers_basic")
        .unwrap();
    assert!(
        f.message.contains("0.25") && f.message.contains("0.35"),
        "{}",
        f.message
    );
}
