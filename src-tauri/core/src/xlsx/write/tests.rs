use std::path::Path;

use rust_decimal::Decimal;

use super::*;
use crate::money::Money;
use crate::tables::{
    template, Amount, DepartmentExpenditureTable, ExpenditureBody, ExpenditureRow, RowLabel,
};
use crate::xlsx::write::paper;
use crate::xlsx::{load_bytes, recognise, CellValue, Merge, SheetGrid};

fn header() -> WorkbookHeader {
    WorkbookHeader {
        unit: "若羌县人民政府办公室".to_string(),
        year: 2024,
    }
}

fn wanyuan(text: &str) -> Money {
    Money::from_decimal(text.parse().unwrap(), Scale::Wanyuan).unwrap()
}

fn row(code: Option<&str>, name: &str, total: &str, basic: &str, project: &str) -> ExpenditureRow {
    ExpenditureRow {
        label: RowLabel {
            code: code.map(str::to_string),
            name: name.to_string(),
            at: None,
            name_at: None,
        },
        total: Amount::derived(wanyuan(total)),
        basic: Some(Amount::derived(wanyuan(basic))),
        personnel: None,
        public: None,
        project: Some(Amount::derived(wanyuan(project))),
    }
}

/// T3 with the 行政运行 line of seed 004 and nothing else.
fn one_line_t3() -> BudgetTables {
    let line = |code: &str, name: &str| row(Some(code), name, "265.54", "265.54", "0");
    BudgetTables {
        t3: Some(DepartmentExpenditureTable {
            meta: TableMeta::new(TableId::T3, "部门支出总体情况表"),
            body: ExpenditureBody {
                rows: vec![
                    line("201", "一般公共服务支出"),
                    line("20103", "政府办公厅（室）及相关机构事务"),
                    line("2010301", "行政运行"),
                ],
                total: Some(row(None, "合计", "265.54", "265.54", "0")),
            },
        }),
        ..BudgetTables::default()
    }
}

fn written(tables: &BudgetTables, template_id: &str) -> Vec<SheetGrid> {
    let template = template(template_id).unwrap();
    let bytes = write_disclosure_workbook(tables, template, &header()).unwrap();
    load_bytes(Path::new("export.xlsx"), bytes).unwrap().sheets
}

fn text(grid: &SheetGrid, a1: &str) -> String {
    let (row, col) = crate::xlsx::parse_a1(a1).unwrap();
    match grid.cell(row, col) {
        CellValue::Text(t) => t.clone(),
        other => panic!("{a1} should hold text, holds {other:?}"),
    }
}

#[test]
fn the_empty_table_note_is_the_sentence_seed_004_prints() {
    let county = template("county-11").unwrap();
    let t9 = county.spec(TableId::T9).unwrap();
    assert_eq!(
        empty_table_note(t9, &header()),
        "备注：若羌县人民政府办公室2024年未安排国有资本经营预算拨款，国有资本经营预算支出情况表为空表。"
    );
}

#[test]
fn one_sheet_per_template_table_in_template_order() {
    let sheets = written(&BudgetTables::default(), "county-11");
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        ["表1", "表2", "表3", "表4", "表5", "表6", "表7", "表8", "表9", "表10", "表11"]
    );
    let sheets = written(&BudgetTables::default(), "xj-2022");
    assert_eq!(sheets.len(), 9);
    assert_eq!(sheets[7].name, "表8");
    assert_eq!(
        text(&sheets[7], "A1"),
        "2024年一般公共预算“三公”经费支出情况表"
    );
    assert_eq!(text(&sheets[8], "A1"), "2024年政府性基金预算支出情况表");
}

#[test]
fn codes_are_text_amounts_are_numbers_and_zero_is_blank() {
    let sheets = written(&one_line_t3(), "county-11");
    let t3 = sheets.iter().find(|s| s.name == "表3").unwrap();
    assert_eq!(text(t3, "A2"), "编制部门：若羌县人民政府办公室");
    assert_eq!(text(t3, "G2"), "单位：万元");
    assert_eq!(
        [text(t3, "A8"), text(t3, "B8"), text(t3, "C8")],
        ["201", "03", "01"]
    );
    assert_eq!(text(t3, "D8"), "行政运行");
    assert_eq!(
        t3.cell(7, 4),
        &CellValue::Number(Decimal::new(26554, 2)),
        "E8 holds 265.54 as a number"
    );
    assert_eq!(
        t3.cell(7, 6),
        &CellValue::Empty,
        "项目支出 0 is a blank cell"
    );
    assert_eq!(text(t3, "D9"), "合计");
}

#[test]
fn the_header_band_is_merged_as_printed() {
    let sheets = written(&one_line_t3(), "county-11");
    let t3 = sheets.iter().find(|s| s.name == "表3").unwrap();
    let merge = |first_row, first_col, last_row, last_col| Merge {
        first_row,
        first_col,
        last_row,
        last_col,
    };
    for expected in [
        merge(0, 0, 0, 6), // title
        merge(2, 0, 2, 3), // 科目
        merge(2, 4, 2, 6), // 支出预算
        merge(3, 0, 3, 2), // 功能分类科目编码
        merge(3, 3, 4, 3), // 功能分类科目名称
        merge(3, 4, 4, 4), // 合计
    ] {
        assert!(
            t3.merges.contains(&expected),
            "{expected:?} in {:?}",
            t3.merges
        );
    }
    assert_eq!(text(t3, "A3"), "科目");
    assert_eq!(text(t3, "E3"), "支出预算");
    assert_eq!(
        [text(t3, "A5"), text(t3, "B5"), text(t3, "C5")],
        ["类", "款", "项"]
    );
}

#[test]
fn a_missing_table_is_published_empty_with_its_note_and_recognised_back() {
    let sheets = written(&one_line_t3(), "county-11");
    let t9 = sheets.iter().find(|s| s.name == "表9").unwrap();
    // 基本支出 over 人员经费 and 公用经费, as seed 004 prints T9.
    assert_eq!(text(t9, "F4"), "基本支出");
    assert_eq!([text(t9, "F5"), text(t9, "G5")], ["人员经费", "公用经费"]);
    assert_eq!(text(t9, "D6"), "合计");
    assert!(text(t9, "A7").ends_with("国有资本经营预算支出情况表为空表。"));
    let book = recognise(&crate::xlsx::Workbook { sheets });
    let found = book
        .recognised
        .iter()
        .find(|t| t.id == TableId::T9)
        .unwrap();
    assert!(found.empty);
    assert_eq!(book.year, Some(2024));
    assert_eq!(book.unit.as_deref(), Some("若羌县人民政府办公室"));
    assert_eq!(book.template, Some("county-11"));
}

#[test]
fn saving_replaces_the_file_and_leaves_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir
        .path()
        .join("若羌县人民政府办公室2024年部门预算公开表.xlsx");
    std::fs::write(&path, b"old").unwrap();
    let county = template("county-11").unwrap();
    save_disclosure_workbook(&path, &one_line_t3(), county, &header()).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"PK"));
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "only the workbook remains");
}

#[test]
fn a_template_without_tables_is_refused() {
    let empty = Template {
        id: "none",
        name: "无表",
        scale: Scale::Wanyuan,
        tables: &[],
    };
    let err = write_disclosure_workbook(&BudgetTables::default(), &empty, &header()).unwrap_err();
    assert_eq!(err.code(), "empty_template");
    assert!(err.to_string().contains("不包含任何表"));
}

#[test]
fn the_2022_three_public_table_is_one_row_under_grouped_headers() {
    let sheets = written(&BudgetTables::default(), "xj-2022");
    let t8 = sheets.iter().find(|s| s.name == "表8").unwrap();
    let merge = |first_row, first_col, last_row, last_col| Merge {
        first_row,
        first_col,
        last_row,
        last_col,
    };
    // 合计 | 因公出国(境)费 | 公务用车购置及运行费 (小计, 购置费, 运行费) | 公务接待费, as seed 003.
    for expected in [
        merge(2, 0, 3, 0),
        merge(2, 1, 3, 1),
        merge(2, 2, 2, 4),
        merge(2, 5, 3, 5),
    ] {
        assert!(
            t8.merges.contains(&expected),
            "{expected:?} in {:?}",
            t8.merges
        );
    }
    assert_eq!(text(t8, "C3"), "公务用车购置及运行费");
    assert_eq!(
        [text(t8, "C4"), text(t8, "D4"), text(t8, "E4")],
        ["小计", "公务用车购置费", "公务用车运行费"]
    );
    // No 三公 money: the figures row is blank and the note says why.
    assert_eq!(t8.row_cells(4).count(), 0);
    assert_eq!(
        text(t8, "A6"),
        "备注：若羌县人民政府办公室2024年未安排“三公”经费，一般公共预算“三公”经费支出情况表为空表。"
    );
}

fn laid_out(tables: &BudgetTables, template_id: &str) -> Vec<SheetLayout> {
    let template = template(template_id).unwrap();
    write_disclosure_workbook_laid_out(tables, template, &header())
        .unwrap()
        .1
}

fn sheet_xml(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// T3 with `n` 项 rows under one class.
fn long_t3(n: usize) -> BudgetTables {
    let mut tables = one_line_t3();
    if let Some(t3) = tables.t3.as_mut() {
        t3.body.rows = (0..n)
            .map(|i| {
                row(
                    Some(&format!("20103{:02}", i % 100)),
                    "行政运行",
                    "1",
                    "1",
                    "0",
                )
            })
            .collect();
    }
    tables
}

#[test]
fn small_tables_print_at_full_size_on_one_page() {
    for layout in laid_out(&one_line_t3(), "county-11") {
        assert_eq!(layout.plan.scale, 100, "{layout:?}");
        assert!(layout.plan.is_one_page());
    }
}

#[test]
fn a_long_table_is_cut_into_pages_and_its_total_keeps_rows_with_it() {
    let layouts = laid_out(&long_t3(90), "county-11");
    let t3 = &layouts[2];
    assert_eq!(t3.plan.scale, 100, "{t3:?}");
    assert!(t3.plan.column_breaks.is_empty());
    let (_, last_body) = t3.body.unwrap();
    let last_break = *t3.plan.row_breaks.last().unwrap();
    assert!(last_break + 3 <= last_body, "{t3:?}");
    // Between 34 and 45 rows fall on each page, all the pages of one table.
    assert!((2..=3).contains(&t3.plan.row_breaks.len()), "{t3:?}");
    for length in [40, 62, 85, 91] {
        let t3 = &laid_out(&long_t3(length), "county-11")[2];
        let (first, last) = t3.body.unwrap();
        if let Some(b) = t3.plan.row_breaks.last() {
            assert!(*b > first && b + 3 <= last, "{length}: {t3:?}");
        }
    }
}

#[test]
fn a_very_wide_table_prints_across_pages_with_its_code_columns_repeated() {
    let county = template("county-11").unwrap();
    let columns: Vec<String> = (0..30).map(|i| format!("经济分类科目{i}")).collect();
    let project = |code: &str, project: Option<&str>| crate::tables::ProjectRow {
        label: RowLabel {
            code: Some(code.to_string()),
            name: "其他政府办公厅（室）及相关机构事务支出".to_string(),
            at: None,
            name_at: None,
        },
        project: project.map(str::to_string),
        unit: None,
        total: Amount::derived(wanyuan("144.08")),
        economic: vec![Amount::derived(wanyuan("4.8")); 30],
    };
    let tables = BudgetTables {
        t7: Some(crate::tables::ProjectExpenditureTable {
            meta: TableMeta::new(TableId::T7, "一般公共预算项目支出情况表"),
            economic_columns: columns,
            rows: vec![project("2010399", Some("政府办业务经费"))],
            total: None,
        }),
        ..BudgetTables::default()
    };
    let (bytes, layouts) = write_disclosure_workbook_laid_out(&tables, county, &header()).unwrap();
    let t7 = &layouts[6];
    assert_eq!(t7.labels, 5);
    assert_eq!(t7.plan.scale, paper::MIN_SCALE);
    assert!(!t7.plan.column_breaks.is_empty(), "{t7:?}");
    let sheet = sheet_xml(&bytes, "xl/worksheets/sheet7.xml");
    assert!(sheet.contains("<colBreaks"), "{sheet}");
    assert!(sheet.contains("scale=\"83\""), "{sheet}");
    assert!(!sheet.contains("fitToPage"), "{sheet}");
    let workbook = sheet_xml(&bytes, "xl/workbook.xml");
    assert!(
        workbook.contains("表7!$A:$E,表7!$3:$4"),
        "the 科目 columns and the header rows repeat: {workbook}"
    );
}

#[test]
fn names_wrap_and_amounts_keep_their_width() {
    let layouts = laid_out(&one_line_t3(), "county-11");
    let t3 = &layouts[2];
    // 类 款 项 share the width of 功能分类科目编码; the name column is at most 40 wide; the
    // amount columns are as wide as "265.54" and the header over them needs ("基本支出" on one
    // line: 4 × 2.1 + 2).
    assert!(t3.widths[3] <= 40.0, "{:?}", t3.widths);
    for w in &t3.widths[4..6] {
        assert!((6.0..=10.5).contains(w), "{:?}", t3.widths);
    }
    // The last column holds "单位：万元" above the table.
    assert!(t3.widths[6] >= 12.0, "{:?}", t3.widths);
}
