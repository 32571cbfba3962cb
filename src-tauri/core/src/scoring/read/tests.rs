//! Tests of the 自评表 reader: the seed 001 fixture and edited copies of it.

use std::str::FromStr;

use super::indicators::split_heading_weight;
use super::*;
use crate::scoring::model::EvaluationGrade;

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

#[test]
fn points_accept_numbers_and_fen_suffix() {
    assert_eq!(
        parse_points(&CellValue::Text("10分".into())),
        Ok(Some(d("10")))
    );
    assert_eq!(
        parse_points(&CellValue::Text(" 4.68 分".into())),
        Ok(Some(d("4.68")))
    );
    assert_eq!(
        parse_points(&CellValue::Text("１５分".into())),
        Ok(Some(d("15")))
    );
    assert_eq!(
        parse_points(&CellValue::Number(d("9.5"))),
        Ok(Some(d("9.5")))
    );
    assert_eq!(parse_points(&CellValue::Text("-".into())), Ok(None));
    assert_eq!(parse_points(&CellValue::Empty), Ok(None));
    assert_eq!(
        parse_points(&CellValue::Text("满分".into())),
        Err("满分".into())
    );
}

#[test]
fn heading_weights() {
    assert_eq!(
        split_heading_weight("产出指标(50分）"),
        ("产出指标".into(), Some(d("50")))
    );
    assert_eq!(
        split_heading_weight("满意度指标（10分）"),
        ("满意度指标".into(), Some(d("10")))
    );
    assert_eq!(split_heading_weight("效益指标"), ("效益指标".into(), None));
}

#[test]
fn years_from_titles() {
    assert_eq!(
        year_of("色尼区部门预算支出绩效自评表\n(2023年度）"),
        Some(2023)
    );
    assert_eq!(year_of("（２０２４年度）"), Some(2024));
    assert_eq!(year_of("项目支出绩效自评表"), None);
}

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/seni-2023-self-evaluation.xlsx"
);

fn fixture() -> Workbook {
    xlsx::load(Path::new(FIXTURE)).expect("the seed 001 fixture opens")
}

/// Every cell of `sheet` as rows, so a test can edit cells and rebuild the grid.
fn rows_of(sheet: &SheetGrid) -> Vec<Vec<CellValue>> {
    (0..sheet.height())
        .map(|r| {
            (0..sheet.width())
                .map(|c| sheet.cell(r, c).clone())
                .collect()
        })
        .collect()
}

fn edited(edits: &[(&str, CellValue)]) -> Workbook {
    let book = fixture();
    let sheet = &book.sheets[0];
    let mut rows = rows_of(sheet);
    for (cell, value) in edits {
        let (r, c) = xlsx::parse_a1(cell).unwrap();
        rows[r as usize][c as usize] = value.clone();
    }
    Workbook {
        sheets: vec![SheetGrid::new(
            sheet.name.clone(),
            rows,
            sheet.merges.clone(),
        )],
    }
}

fn text(t: &str) -> CellValue {
    CellValue::Text(t.to_string())
}

fn read_one(book: &Workbook) -> ReadEvaluation {
    let mut all = read_sheets(Path::new("自评表.xlsx"), book).expect("reads");
    assert_eq!(all.len(), 1);
    all.remove(0)
}

#[test]
fn reads_the_seed_001_fixture() {
    let read = read_one(&fixture());
    let e = &read.evaluation;
    assert_eq!(e.title, "色尼区部门预算支出绩效自评表");
    assert_eq!(e.year, Some(2023));
    assert_eq!(e.filled_by, "色尼区经济和信息化局");
    assert_eq!(e.filled_on, "2023年12月11日");
    assert_eq!(e.project, "色尼区电子政务外网延伸项目");
    assert_eq!(e.department, "色尼区经济和信息化局");
    assert_eq!(e.implementer, "色尼区经济和信息化局");
    let wan = |t: &str| money::parse_amount(t, Scale::Wanyuan).unwrap();
    assert_eq!(e.funds.total.initial_budget, wan("244.23"));
    assert_eq!(e.funds.total.full_year_budget, wan("244.23"));
    assert_eq!(e.funds.total.executed, wan("244.23"));
    assert_eq!(e.funds.current_appropriation.executed, wan("244.23"));
    assert!(e.funds.carried_over.is_blank() && e.funds.other.is_blank());
    assert_eq!(
        e.overall_target,
        "通过电子政务外网，提高各部门业务运行效率。"
    );
    assert!(e.overall_actual.starts_with("一次性拨付244.23万元"));
    assert_eq!(e.indicators.len(), 9);
    let first = &e.indicators[0];
    assert_eq!(
        (
            first.level1.as_str(),
            first.level2.as_str(),
            first.name.as_str()
        ),
        ("产出指标", "数量指标", "受扶持单位数量(个）")
    );
    assert_eq!((first.target.as_str(), first.actual.as_str()), ("≥1", "54"));
    assert_eq!((first.weight, first.stated_score), (d("10"), Some(d("10"))));
    // 一级 and 二级 carry down over the rows they span.
    assert_eq!(
        (
            e.indicators[3].level1.as_str(),
            e.indicators[3].level2.as_str()
        ),
        ("产出指标", "质量指标")
    );
    assert_eq!(e.indicators[8].level1, "满意度指标");
    assert_eq!(e.stated.execution_weight, Some(d("10")));
    assert_eq!(e.stated.execution_rate, Some(d("100")));
    assert_eq!(e.stated.execution_score, Some(d("10")));
    assert_eq!(e.stated.weight_total, Some(d("100")));
    assert_eq!(e.stated.total, Some(d("100")));
    assert_eq!(e.stated.grade, Some(EvaluationGrade::Excellent));
    assert_eq!(read.cells.total.as_deref(), Some("H22"));
    assert_eq!(read.cells.indicators[1].score.as_deref(), Some("H14"));
    assert!(read.findings.is_empty(), "{:?}", read.findings);
}

#[test]
fn the_fixture_scores_100_excellent_without_findings() {
    let result = crate::scoring::score_read(&read_one(&fixture()));
    assert_eq!(result.total.to_string(), "100.00");
    assert_eq!(result.grade, EvaluationGrade::Excellent);
    assert_eq!(
        result.execution_rate.map(|r| r.to_string()).as_deref(),
        Some("100.00")
    );
    assert!(result.findings.is_empty(), "{:?}", result.findings);
}

#[test]
fn a_changed_stated_score_is_flagged_at_its_cell() {
    let read = read_one(&edited(&[("H14", text("8分"))]));
    let result = crate::scoring::score_read(&read);
    assert_eq!(result.total.to_string(), "100.00");
    let flagged: Vec<(&str, Option<&str>)> = result
        .findings
        .iter()
        .map(|f| (f.rule.as_str(), f.cell.as_deref()))
        .collect();
    assert_eq!(flagged, [("stated_indicator_score", Some("H14"))]);
    let message = &result.findings[0].message;
    assert!(
        message.contains("10.00") && message.contains("8"),
        "{message}"
    );
}

#[test]
fn a_changed_actual_value_changes_the_score_and_the_stated_ones_are_flagged() {
    // 81% against ≥90% of weight 10 → 9.00; total 99.00 but the sheet says 100.
    let read = read_one(&edited(&[("F14", text("81%"))]));
    let result = crate::scoring::score_read(&read);
    assert_eq!(result.indicators[1].score, Some(d("9.00")));
    assert_eq!(result.total.to_string(), "99.00");
    let cells: Vec<&str> = result
        .findings
        .iter()
        .filter_map(|f| f.cell.as_deref())
        .collect();
    assert_eq!(cells, ["H14", "H22"]);
}

#[test]
fn spaced_labels_numbers_as_text_and_amounts_in_yuan() {
    let book = edited(&[
        ("A3", text("项 目 名 称")),
        ("A5", text("项目资金（元）")),
        ("D6", text("2,442,300.00")),
        ("E6", CellValue::Number(d("2442300"))),
        ("F6", CellValue::Number(d("2442300"))),
        ("D7", CellValue::Number(d("2442300"))),
        ("E7", CellValue::Number(d("2442300"))),
        ("F7", CellValue::Number(d("2442300"))),
        ("H6", CellValue::Number(d("1"))),
        ("G14", CellValue::Number(d("10"))),
    ]);
    let read = read_one(&book);
    assert_eq!(
        read.evaluation.funds.total.initial_budget,
        money::parse_amount("244.23", Scale::Wanyuan).unwrap()
    );
    let result = crate::scoring::score_read(&read);
    assert_eq!(result.total.to_string(), "100.00");
    assert!(result.findings.is_empty(), "{:?}", result.findings);
}

#[test]
fn two_blocks_on_one_sheet() {
    let book = fixture();
    let sheet = &book.sheets[0];
    let mut rows = rows_of(sheet);
    let height = rows.len();
    let mut second = rows.clone();
    second[2][2] = text("第二个项目");
    // The second project spent only half: 5.00 execution points, 95.00 total.
    second[5][5] = CellValue::Number(d("122.115"));
    rows.push(Vec::new());
    rows.extend(second);
    let book = Workbook {
        sheets: vec![SheetGrid::new(sheet.name.clone(), rows, Vec::new())],
    };
    let all = read_sheets(Path::new("两个项目.xlsx"), &book).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[1].evaluation.project, "第二个项目");
    assert_eq!(all[1].evaluation.year, Some(2023));
    assert_eq!(all[1].evaluation.indicators.len(), 9);
    let first = crate::scoring::score_read(&all[0]);
    let second = crate::scoring::score_read(&all[1]);
    assert!(first.findings.is_empty(), "{:?}", first.findings);
    assert_eq!(second.total.to_string(), "95.00");
    // The second block's cells are below the first block's.
    let execution_cell = all[1].cells.execution_score.clone().unwrap();
    assert_eq!(execution_cell, xlsx::a1(height as u32 + 1 + 5, 8));
    let rules: Vec<&str> = second.findings.iter().map(|f| f.rule.as_str()).collect();
    assert!(
        rules.contains(&"stated_execution_score") && rules.contains(&"stated_total"),
        "{rules:?}"
    );
}

#[test]
fn an_amount_that_is_not_a_number_is_one_error_naming_sheet_and_cell() {
    let err = read_sheets(Path::new("坏.xlsx"), &edited(&[("E6", text("二百万"))])).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("坏.xlsx"), "{message}");
    assert!(message.contains("电子政务外网延伸项目"), "{message}");
    assert!(message.contains("E6"), "{message}");
    assert_eq!(err.code(), "unreadable_cell");
}

#[test]
fn a_sheet_without_a_self_evaluation_is_not_found() {
    let book = Workbook {
        sheets: vec![SheetGrid::new(
            "表1".into(),
            vec![vec![text("部门收支总体情况表")]],
            Vec::new(),
        )],
    };
    let err = read_sheets(Path::new("收支表.xlsx"), &book).unwrap_err();
    assert_eq!(err.code(), "not_a_self_evaluation");
}

#[test]
fn a_qualitative_result_below_the_wording_takes_its_band_from_the_stated_score() {
    // 有效提高 → 略有提高 with 12 of 15 stated: 80 %, the 达成 band.
    let read = read_one(&edited(&[
        ("F19", text("略有提高")),
        ("H19", text("12分")),
        ("H22", text("97分")),
    ]));
    let grading = read.evaluation.indicators[6].grading.clone().unwrap();
    assert_eq!(grading.achievement, crate::scoring::Achievement::Achieved);
    let result = crate::scoring::score_read(&read);
    assert_eq!(result.total.to_string(), "97.00");
    let rules: Vec<&str> = result.findings.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(rules, ["qualitative_grade_inferred"]);
    assert_eq!(result.findings[0].cell.as_deref(), Some("H19"));
}

#[test]
fn a_level_heading_that_disagrees_with_its_rows_is_flagged() {
    let read = read_one(&edited(&[("B19", text("效益指标(40分）"))]));
    assert_eq!(read.findings.len(), 1);
    assert_eq!(read.findings[0].rule, "level_weight");
    assert_eq!(read.findings[0].cell.as_deref(), Some("B19"));
}

#[test]
fn a_performance_target_sheet_is_not_taken_for_an_evaluation() {
    let targets = SheetGrid::new(
        "项目支出绩效目标表".into(),
        vec![
            vec![text("项目支出绩效目标表")],
            vec![text("项目名称"), CellValue::Empty, text("办公楼维修")],
            vec![
                text("一级指标"),
                text("二级指标"),
                text("三级指标"),
                text("指标值"),
            ],
            vec![
                text("产出指标"),
                text("数量指标"),
                text("维修面积"),
                text("≥500平方米"),
            ],
        ],
        Vec::new(),
    );
    let only_targets = Workbook {
        sheets: vec![targets.clone()],
    };
    let err = read_sheets(Path::new("目标.xlsx"), &only_targets).unwrap_err();
    assert_eq!(err.code(), "not_a_self_evaluation");
    let mut both = fixture();
    both.sheets.insert(0, targets);
    let read = read_sheets(Path::new("目标和自评.xlsx"), &both).unwrap();
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].evaluation.project, "色尼区电子政务外网延伸项目");
}
