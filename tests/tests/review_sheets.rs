//! What 审核 tells about a workbook's sheets, in the user's words: tables named by the number
//! and title the workbook prints (never the internal ids T1…T11), and only sheets nothing was
//! read from listed as 未识别.

use budget_core::review::{review_file, FileKind};
use budget_tests::{
    fixture, fixture_sheets, num, review_sheets, sheet_mut, text, SheetSpec, BUDGET_TABLES,
};

const TARGETS: &str = "ruoqiang-2024-project-targets.xlsx";

/// An internal table id ("T1" … "T11") anywhere in `text`.
fn has_table_id(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(2)
        .any(|w| w[0] == 'T' && w[1].is_ascii_digit())
}

#[test]
fn a_sheet_read_as_targets_is_not_listed_as_unrecognised() {
    let mut sheets = fixture_sheets(BUDGET_TABLES);
    let mut targets = fixture_sheets(TARGETS);
    targets[0].name = "项目绩效目标".to_string();
    sheets.extend(targets);
    let file = review_sheets(&sheets);
    assert_eq!(file.kind, FileKind::BudgetTables);
    assert_eq!(file.projects.len(), 1, "the targets were read");
    assert!(
        file.unrecognised_sheets.is_empty(),
        "{:?}",
        file.unrecognised_sheets
    );
    // Every sheet is still there to be looked at, in workbook order.
    assert_eq!(file.sheets.len(), 8);
    assert_eq!(file.sheets.last().map(String::as_str), Some("项目绩效目标"));
}

#[test]
fn targets_and_self_evaluation_workbooks_have_no_unrecognised_sheets() {
    let targets = review_file(&fixture(TARGETS));
    assert_eq!(targets.kind, FileKind::Targets);
    assert!(targets.unrecognised_sheets.is_empty(), "{targets:#?}");
    let evaluation = review_file(&fixture("seni-2023-self-evaluation.xlsx"));
    assert_eq!(evaluation.kind, FileKind::SelfEvaluation);
    assert!(
        evaluation.unrecognised_sheets.is_empty(),
        "{:?}",
        evaluation.unrecognised_sheets
    );
}

#[test]
fn a_cover_is_still_listed_beside_targets() {
    let mut sheets = vec![SheetSpec::new("封面")];
    sheets[0].set("A1", text("若羌县人民政府办公室2024年部门预算"));
    sheets.extend(fixture_sheets(TARGETS));
    let file = review_sheets(&sheets);
    assert_eq!(file.unrecognised_sheets, ["封面"]);
}

#[test]
fn tables_are_named_by_the_number_and_title_the_workbook_prints() {
    let mut sheets = fixture_sheets(BUDGET_TABLES);
    // The number in the title itself, on a sheet named otherwise.
    let t1 = sheet_mut(&mut sheets, "表1");
    t1.name = "收支总表".to_string();
    t1.set("A1", text("表1 部门收支总体情况表"));
    // No number printed anywhere: the title alone.
    sheet_mut(&mut sheets, "表3").name = "Sheet3".to_string();
    // The number on a line of its own under the title.
    let t5 = sheet_mut(&mut sheets, "表5");
    t5.name = "一般公共预算支出".to_string();
    t5.set("D2", text("表5"));
    // The 三公 table numbered 8, as the 2022 scheme numbers it, with its 合计 broken.
    let t10 = sheet_mut(&mut sheets, "表10");
    t10.name = "表8".to_string();
    t10.set("B5", num(0.35));
    let file = review_sheets(&sheets);
    let names: Vec<(&str, &str)> = file
        .tables
        .iter()
        .map(|t| (t.sheet.as_str(), t.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("收支总表", "表1 部门收支总体情况表"),
            ("Sheet3", "部门支出总体情况表"),
            ("一般公共预算支出", "表5 一般公共预算支出情况表"),
            ("表4", "表4 财政拨款收支预算总体情况表"),
            ("表6", "表6 一般公共预算基本支出情况表"),
            ("表9", "表9 国有资本经营预算支出情况表"),
            ("表8", "表8 财政拨款“三公”经费支出情况表"),
        ]
    );
    let broken = file
        .findings
        .iter()
        .find(|f| f.rule == "t10_total")
        .expect("the 三公 合计 is flagged");
    assert!(
        broken
            .message
            .starts_with("表8《财政拨款“三公”经费支出情况表》"),
        "{}",
        broken.message
    );
    assert_eq!(broken.title, "三公合计=出国+接待+公务用车");
    for f in &file.findings {
        assert!(!has_table_id(&f.message), "{}", f.message);
        assert!(!f.title.is_empty() && !f.title.contains('_'), "{f:#?}");
    }
}
