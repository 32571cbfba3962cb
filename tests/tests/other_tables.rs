//! Rules of the tables the 若羌 fixture does not print (T2, T8, T9 with amounts, T11), on small
//! workbooks built here: each is clean as built, and breaking one number fires the rule there.

use budget_core::checks::Severity;
use budget_core::review::ReviewedFile;
use budget_core::tables::TableId;
use budget_tests::{num, review_sheets, text, write_workbook, Put, SheetSpec};

/// A function-code table: title, amount column headers, rows of (类, 款, 项, 名称, amounts).
fn code_table(
    sheet: &str,
    title: &str,
    amount_headers: &[&str],
    rows: &[(&str, &str, &str, &str, &[f64])],
) -> SheetSpec {
    let mut s = SheetSpec::new(sheet);
    s.set("A1", text(title));
    s.set("A2", text("编制部门：某县某局"));
    s.set("B2", text("单位：万元"));
    let mut header = vec![
        text("功能分类科目编码"),
        Put::Blank,
        Put::Blank,
        text("功能分类科目名称"),
    ];
    header.extend(amount_headers.iter().map(|h| text(h)));
    s.row(2, &header);
    s.merge("A3:C3");
    s.row(3, &[text("类"), text("款"), text("项")]);
    for (i, (lei, kuan, xiang, name, amounts)) in rows.iter().enumerate() {
        let t = |v: &str| if v.is_empty() { Put::Blank } else { text(v) };
        let mut cells = vec![t(lei), t(kuan), t(xiang), t(name)];
        cells.extend(
            amounts
                .iter()
                .map(|a| if *a == 0.0 { Put::Blank } else { num(*a) }),
        );
        s.row(4 + i as u32, &cells);
    }
    s
}

fn assert_fires(file: &ReviewedFile, rule: &str, sheet: &str, cell: &str) {
    assert!(
        file.findings.iter().any(|f| f.rule == rule
            && f.severity == Severity::Error
            && f.location.sheet.as_deref() == Some(sheet)
            && f.location.cell.as_deref() == Some(cell)),
        "{rule} not at {sheet}!{cell}: {:#?}",
        file.findings
    );
}

fn t2() -> SheetSpec {
    code_table(
        "收入",
        "部门收入总体情况表",
        &["合计", "一般公共预算", "政府性基金预算", "单位资金"],
        &[
            ("201", "", "", "一般公共服务支出", &[12.0, 10.0, 0.0, 2.0]),
            (
                "201",
                "03",
                "",
                "政府办公厅（室）及相关机构事务",
                &[12.0, 10.0, 0.0, 2.0],
            ),
            ("201", "03", "01", "行政运行", &[12.0, 10.0, 0.0, 2.0]),
            ("", "", "", "合计", &[12.0, 10.0, 0.0, 2.0]),
        ],
    )
}

#[test]
fn t2_rows_tree_and_total() {
    let clean = review_sheets(&[t2()]);
    assert_eq!(clean.tables[0].id, TableId::T2);
    assert!(clean.findings.is_empty(), "{:#?}", clean.findings);
    let mut s = t2();
    s.set("G7", num(3.0));
    assert_fires(&review_sheets(&[s]), "t2_row_total", "收入", "E7");
    let mut s = t2();
    s.set("E6", num(13.0)).set("F6", num(11.0));
    assert_fires(&review_sheets(&[s]), "t2_tree", "收入", "E5");
    let mut s = t2();
    s.set("E8", num(12.5));
    assert_fires(&review_sheets(&[s]), "t2_grand_total", "收入", "E8");
}

fn t11() -> SheetSpec {
    code_table(
        "结转",
        "上年结转结余情况明细表",
        &["合计", "一般公共预算", "政府性基金预算"],
        &[
            ("208", "", "", "社会保障和就业支出", &[3.0, 3.0, 0.0]),
            ("208", "05", "", "行政事业单位养老支出", &[3.0, 3.0, 0.0]),
            ("208", "05", "01", "行政单位离退休", &[1.0, 1.0, 0.0]),
            (
                "208",
                "05",
                "05",
                "机关事业单位基本养老保险缴费支出",
                &[2.0, 2.0, 0.0],
            ),
            ("", "", "", "合计", &[3.0, 3.0, 0.0]),
        ],
    )
}

#[test]
fn t11_rows_and_tree() {
    let clean = review_sheets(&[t11()]);
    assert_eq!(clean.tables[0].id, TableId::T11);
    assert!(clean.findings.is_empty(), "{:#?}", clean.findings);
    let mut s = t11();
    s.set("E7", num(1.5)).set("F7", num(1.5));
    let file = review_sheets(&[s]);
    assert_fires(&file, "t11_tree", "结转", "E6");
    let mut s = t11();
    s.set("F8", num(2.5));
    assert_fires(&review_sheets(&[s]), "t11_row_total", "结转", "E8");
}

fn t9() -> SheetSpec {
    code_table(
        "国资",
        "国有资本经营预算支出情况表",
        &["合计", "人员经费", "公用经费", "项目支出"],
        &[
            (
                "223",
                "",
                "",
                "国有资本经营预算支出",
                &[10.0, 3.0, 2.0, 5.0],
            ),
            (
                "223",
                "01",
                "",
                "解决历史遗留问题及改革成本支出",
                &[10.0, 3.0, 2.0, 5.0],
            ),
            (
                "223",
                "01",
                "05",
                "国有企业退休人员社会化管理补助支出",
                &[10.0, 3.0, 2.0, 5.0],
            ),
            ("", "", "", "合计", &[10.0, 3.0, 2.0, 5.0]),
        ],
    )
}

#[test]
fn t9_with_personnel_and_public_columns() {
    let clean = review_sheets(&[t9()]);
    assert!(clean.findings.is_empty(), "{:#?}", clean.findings);
    let mut s = t9();
    s.set("F7", num(4.0));
    assert_fires(&review_sheets(&[s]), "t9_row_total", "国资", "E7");
}

/// T4 with one fund-budget class, and T8 spending it.
fn t4_with_fund() -> SheetSpec {
    let mut s = SheetSpec::new("表4");
    s.set("A1", text("财政拨款收支预算总体情况表"));
    s.set("A2", text("编制部门：某县某局"))
        .set("G2", text("单位：万元"));
    s.row(2, &[text("财政拨款收入"), Put::Blank, text("财政拨款支出")]);
    s.merge("A3:B3").merge("C3:G3");
    s.row(
        3,
        &[
            text("项目"),
            text("合计"),
            text("功能分类"),
            text("合计"),
            text("一般公共预算"),
            text("政府性基金预算"),
            text("国有资本经营预算"),
        ],
    );
    s.row(
        4,
        &[
            text("一、财政拨款（补助）"),
            num(5.0),
            text("212 城乡社区支出"),
            num(5.0),
            Put::Blank,
            num(5.0),
        ],
    );
    s.row(5, &[text("一般公共预算"), Put::Blank, text("229 其他支出")]);
    s.row(6, &[text("政府性基金预算"), num(5.0)]);
    s.row(
        7,
        &[
            text("收入总计"),
            num(5.0),
            text("支出总计"),
            num(5.0),
            Put::Blank,
            num(5.0),
        ],
    );
    s
}

fn t8() -> SheetSpec {
    code_table(
        "表8",
        "政府性基金预算支出情况表",
        &["合计", "基本支出", "项目支出"],
        &[
            ("212", "", "", "城乡社区支出", &[5.0, 0.0, 5.0]),
            (
                "212",
                "08",
                "",
                "国有土地使用权出让收入安排的支出",
                &[5.0, 0.0, 5.0],
            ),
            ("212", "08", "01", "征地和拆迁补偿支出", &[5.0, 0.0, 5.0]),
            ("", "", "", "合计", &[5.0, 0.0, 5.0]),
        ],
    )
}

#[test]
fn t4_fund_column_equals_t8_classes() {
    let clean = review_sheets(&[t4_with_fund(), t8()]);
    let rules: Vec<&str> = clean.findings.iter().map(|f| f.rule.as_str()).collect();
    // 21208/2120801 are not in the embedded catalog sample: warnings only, no errors.
    assert!(
        rules.iter().all(|r| *r == "catalog_unknown_code"),
        "{:#?}",
        clean.findings
    );
    assert_eq!(clean.error_count, 0);
    let mut t8 = t8();
    for cell in ["E5", "G5", "E6", "G6", "E7", "G7", "E8", "G8"] {
        t8.set(cell, num(6.0));
    }
    let file = review_sheets(&[t4_with_fund(), t8]);
    assert_fires(&file, "t4_vs_t8_class", "表4", "F5");
    // A class T8 spends on that T4 does not list at all is flagged in T8.
    let mut t8 = self::t8();
    t8.set("A5", text("213"))
        .set("A6", text("213"))
        .set("A7", text("213"));
    let file = review_sheets(&[t4_with_fund(), t8]);
    assert_fires(&file, "t4_vs_t8_class", "表8", "E5");
}

#[test]
fn two_tables_on_one_sheet_are_both_found() {
    let mut sheet = t2();
    let below = t11();
    for ((row, col), put) in below.cells {
        sheet.cells.insert((row + 12, col), put);
    }
    sheet.merge("A15:C15");
    let file = review_sheets(&[sheet]);
    let ids: Vec<TableId> = file.tables.iter().map(|t| t.id).collect();
    assert_eq!(ids, vec![TableId::T2, TableId::T11]);
    assert!(file.findings.is_empty(), "{:#?}", file.findings);
}

/// T5 as some systems export it: code and name in one indented column, the unit in the column
/// headers instead of a 单位 line, and a 栏次 row of column numbers under the header.
#[test]
fn joined_codes_unit_in_headers_and_column_numbers() {
    let mut s = SheetSpec::new("一般公共预算支出");
    s.set("A1", text("2024年一般公共预算支出情况表"));
    s.set("A2", text("编制单位：若羌县人民政府办公室"));
    s.row(
        2,
        &[
            text("功能分类科目"),
            text("合计（万元）"),
            text("基本支出（万元）"),
            text("项目支出（万元）"),
        ],
    );
    s.row(3, &[text("栏次"), num(1.0), num(2.0), num(3.0)]);
    let rows: [(&str, f64, f64, f64); 6] = [
        ("201 一般公共服务支出", 683.70, 434.62, 249.08),
        (
            "  20103 政府办公厅（室）及相关机构事务",
            668.70,
            434.62,
            234.08,
        ),
        ("    2010301 行政运行", 265.54, 265.54, 0.0),
        ("    2010350 事业运行", 169.08, 169.08, 0.0),
        (
            "    2010399 其他政府办公厅（室）及相关机构事务支出",
            234.08,
            0.0,
            234.08,
        ),
        ("  20140 信访事务", 15.00, 0.0, 15.00),
    ];
    for (i, (label, total, basic, project)) in rows.iter().enumerate() {
        let n = |v: f64| if v == 0.0 { Put::Blank } else { num(v) };
        s.row(
            4 + i as u32,
            &[text(label), n(*total), n(*basic), n(*project)],
        );
    }
    s.row(10, &[text("合计"), num(683.70), num(434.62), num(249.08)]);
    let file = review_sheets(&[s.clone()]);
    assert_eq!(file.tables[0].id, TableId::T5);
    assert_eq!(file.year, Some(2024));
    assert_eq!(file.unit.as_deref(), Some("若羌县人民政府办公室"));
    assert!(file.findings.is_empty(), "{:#?}", file.findings);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t5.xlsx");
    write_workbook(&path, &[s.clone()]);
    let tables = budget_core::xlsx::read(&path).unwrap().tables;
    let t5 = tables.t5.unwrap();
    assert!(!t5.meta.scale_assumed, "unit read from the column headers");
    assert_eq!(t5.body.rows.len(), 6);
    assert_eq!(t5.body.rows[2].label.code.as_deref(), Some("2010301"));
    assert_eq!(t5.body.rows[2].label.name, "行政运行");
    // The 款 20140 has no 项 printed here, so only 类 201 = Σ 款 is checked; break it.
    s.set("B10", num(16.0)).set("D10", num(16.0));
    let broken = review_sheets(&[s]);
    assert_fires(&broken, "t5_tree", "一般公共预算支出", "B5");
}

/// T1 with 本年收入合计 / 本年支出合计 lines and 上年结转 / 结转下年 below them.
fn overview_with_subtotals() -> SheetSpec {
    let mut s = SheetSpec::new("收支总表");
    s.set("A1", text("部门收支总体情况表"));
    s.set("A2", text("编制部门：某县某局"))
        .set("D2", text("单位：万元"));
    s.row(2, &[text("收入"), Put::Blank, text("支出")]);
    s.merge("A3:B3").merge("C3:D3");
    s.row(
        3,
        &[text("项目"), text("预算数"), text("项目"), text("预算数")],
    );
    s.row(
        4,
        &[
            text("一、一般公共预算拨款收入"),
            num(100.0),
            text("一、一般公共服务支出"),
            num(70.0),
        ],
    );
    s.row(
        5,
        &[
            text("二、事业收入"),
            num(20.0),
            text("二、教育支出"),
            num(50.0),
        ],
    );
    s.row(
        6,
        &[
            text("本年收入合计"),
            num(120.0),
            text("本年支出合计"),
            num(120.0),
        ],
    );
    s.row(
        7,
        &[text("三、上年结转"), num(10.0), text("结转下年"), num(10.0)],
    );
    s.row(
        8,
        &[text("收入总计"), num(130.0), text("支出总计"), num(130.0)],
    );
    s
}

#[test]
fn subtotal_lines_in_t1_are_neither_items_nor_double_counted() {
    let clean = review_sheets(&[overview_with_subtotals()]);
    assert_eq!(clean.tables[0].id, TableId::T1);
    assert!(clean.findings.is_empty(), "{:#?}", clean.findings);
    let tables = {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t1.xlsx");
        write_workbook(&path, &[overview_with_subtotals()]);
        budget_core::xlsx::read(&path).unwrap().tables
    };
    let t1 = tables.t1.unwrap();
    let codes: Vec<_> = t1.classes.iter().map(|c| c.label.code.clone()).collect();
    assert_eq!(codes, [Some("201".to_string()), Some("205".to_string())]);
    let mut s = overview_with_subtotals();
    s.set("B7", num(121.0));
    assert_fires(&review_sheets(&[s]), "t1_income_total", "收支总表", "B7");
}
