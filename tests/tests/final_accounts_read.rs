//! Reading 部门决算 workbooks into the typed 决算 tables F1–F9: the 普陀区规划和自然资源局 2024
//! fixture (the published PDF re-keyed as printed, its 0.01 尾差 included), and small workbooks
//! built here for the layouts other exports use.

use std::path::Path;

use budget_core::money::Scale;
use budget_core::review::{review_file, FileKind};
use budget_core::tables::{
    Amount, FinalCodeTable, FinalColumn, FinalFund, FinalIncome, FinalTables, IncomeItem, TableId,
    ValueRow,
};
use budget_core::xlsx::{self, DocumentKind, RecognisedWorkbook};
use budget_tests::{fixture, num, text, write_workbook, Put, SheetSpec};

const FIXTURE: &str = "putuo-planning-2024-final-accounts.xlsx";

fn read_fixture() -> RecognisedWorkbook {
    xlsx::read(&fixture(FIXTURE)).expect("fixture opens")
}

/// "9746.50" (万元, two decimals).
fn wan(amount: &Amount) -> String {
    amount.value.plain_wanyuan()
}

/// "B6": where the amount was read.
fn cell(amount: &Amount) -> String {
    amount.at.as_ref().expect("read from a cell").a1()
}

/// (value, cell) of an amount.
fn at(amount: &Amount) -> (String, String) {
    (wan(amount), cell(amount))
}

fn pair(value: &str, cell: &str) -> (String, String) {
    (value.to_string(), cell.to_string())
}

/// (value, cell) of an item printed once (a total, a balance): not optional here.
fn item_at(item: &Option<IncomeItem>) -> (String, String) {
    at(&item.as_ref().expect("item printed").amount)
}

fn value_at(table: &FinalCodeTable, row: &ValueRow, column: FinalColumn) -> (String, String) {
    at(table.value(row, column).expect("column printed"))
}

/// (value, cell) of the table's 合计 row in `column`.
fn total_at(table: &FinalCodeTable, column: FinalColumn) -> (String, String) {
    value_at(table, table.total.as_ref().expect("total printed"), column)
}

fn codes(table: &FinalCodeTable) -> Vec<&str> {
    table
        .rows
        .iter()
        .map(|r| r.label.code.as_deref().unwrap_or("-"))
        .collect()
}

#[test]
fn the_fixture_is_a_final_accounts_workbook_with_all_nine_tables() {
    let book = read_fixture();
    assert_eq!(book.kind, DocumentKind::FinalAccounts);
    assert_eq!(book.template, Some("final-shanghai-2024"));
    assert_eq!(book.year, Some(2024));
    assert_eq!(book.unit.as_deref(), Some("上海市规划和自然资源局"));
    assert!(book.tables.is_empty(), "no 预算 table");
    assert!(
        book.unrecognised_sheets.is_empty(),
        "{:?}",
        book.unrecognised_sheets
    );
    assert!(book.duplicates.is_empty());
    let found: Vec<(TableId, &str)> = book
        .recognised
        .iter()
        .map(|t| (t.id, t.sheet.as_str()))
        .collect();
    assert_eq!(
        found,
        vec![
            (TableId::F1, "收入支出决算总表"),
            (TableId::F2, "收入决算表"),
            (TableId::F3, "支出决算表"),
            (TableId::F4, "财政拨款收入支出决算总表"),
            (TableId::F5, "一般公共预算财政拨款支出决算表"),
            (TableId::F6, "一般公共预算财政拨款基本支出决算表"),
            (TableId::F7, "财政拨款“三公”经费支出决算表"),
            (TableId::F8, "政府性基金预算财政拨款收入支出决算表"),
            (TableId::F9, "国有资本经营预算财政拨款收入支出决算表"),
        ]
    );
    let t = &book.final_tables;
    for id in TableId::FINAL {
        assert!(t.has(id), "{id}");
    }
    for meta in t.metas() {
        assert_eq!(meta.scale, Scale::Wanyuan, "{}", meta.title);
        assert!(!meta.scale_assumed, "{}", meta.title);
        assert!(
            meta.unreadable.is_empty(),
            "{}: {:?}",
            meta.title,
            meta.unreadable
        );
    }
    let f1 = t.f1.as_ref().unwrap();
    assert_eq!(f1.meta.unit.as_deref(), Some("上海市规划和自然资源局"));
    assert_eq!(f1.meta.title_at.as_ref().unwrap().a1(), "A2");
    // Only the 8 empty tables say so.
    let empty: Vec<TableId> = book
        .recognised
        .iter()
        .filter(|r| r.empty)
        .map(|r| r.id)
        .collect();
    assert_eq!(empty, [TableId::F8, TableId::F9]);
}

#[test]
fn f1_income_by_source_classes_by_name_and_the_balances() {
    let book = read_fixture();
    let f1 = book.final_tables.f1.as_ref().unwrap();
    assert_eq!(f1.income.len(), 8);
    let general = f1.source(FinalIncome::GeneralGrant).unwrap();
    assert_eq!(at(&general.amount), pair("9746.50", "B6"));
    assert_eq!(general.label.name, "一、一般公共预算财政拨款收入");
    assert_eq!(wan(&f1.source(FinalIncome::Other).unwrap().amount), "0.00");
    assert_eq!(item_at(&f1.income_total), pair("9746.50", "B30"));
    assert_eq!(item_at(&f1.use_of_balance), pair("0.00", "B31"));
    assert_eq!(item_at(&f1.opening), pair("112.88", "B32"));
    assert_eq!(item_at(&f1.income_grand_total), pair("9859.38", "B33"));
    assert_eq!(item_at(&f1.expenditure_total), pair("9759.38", "D30"));
    assert_eq!(item_at(&f1.distribution), pair("0.00", "D31"));
    assert_eq!(item_at(&f1.closing), pair("100.00", "D32"));
    assert_eq!(item_at(&f1.expenditure_grand_total), pair("9859.38", "D33"));
    // All 24 printed classes, each code found from its name.
    assert_eq!(f1.classes.len(), 24);
    assert!(f1.classes.iter().all(|c| c.label.code.is_some()));
    let class = |code: &str| {
        f1.classes
            .iter()
            .find(|c| c.label.code.as_deref() == Some(code))
            .unwrap()
    };
    assert_eq!(class("208").label.name, "社会保障和就业支出");
    assert_eq!(class("208").label.at.as_ref().unwrap().a1(), "C13");
    assert_eq!(at(&class("208").amount), pair("754.75", "D13"));
    // As printed: 236.63 here, 236.64 in 支出决算表.
    assert_eq!(at(&class("210").amount), pair("236.63", "D14"));
    assert_eq!(wan(&class("212").amount), "3845.25");
    assert_eq!(wan(&class("234").amount), "0.00");
}

#[test]
fn f2_f3_codes_and_columns() {
    let book = read_fixture();
    let t = &book.final_tables;
    let f2 = t.f2.as_ref().unwrap();
    assert_eq!(
        f2.columns,
        [
            FinalColumn::Total,
            FinalColumn::FiscalGrant,
            FinalColumn::UpperSubsidy,
            FinalColumn::Operation,
            FinalColumn::Business,
            FinalColumn::SubsidiaryRemittance,
            FinalColumn::Other,
        ]
    );
    assert_eq!(f2.rows.len(), 24);
    assert_eq!(
        codes(f2),
        [
            "208", "20805", "2080501", "2080502", "2080505", "2080506", "2080599", "210", "21011",
            "2101101", "2101102", "212", "21201", "2120101", "21202", "2120201", "220", "22001",
            "2200150", "2200199", "221", "22102", "2210201", "2210203",
        ]
    );
    let total = f2.total.as_ref().unwrap();
    assert_eq!(total.label.at.as_ref().unwrap().a1(), "A5");
    assert_eq!(total_at(f2, FinalColumn::Total), pair("9746.50", "C5"));
    assert_eq!(
        total_at(f2, FinalColumn::FiscalGrant),
        pair("9746.50", "D5")
    );
    assert_eq!(total_at(f2, FinalColumn::Other), pair("0.00", "I5"));
    let row = f2.row("2080501").unwrap();
    assert_eq!(row.label.name, "行政单位离退休");
    assert_eq!(row.label.at.as_ref().unwrap().a1(), "A8");
    assert_eq!(value_at(f2, row, FinalColumn::Total), pair("54.53", "C8"));
    assert_eq!(wan(&f2.row("210").unwrap().values[0]), "236.64");

    let f3 = t.f3.as_ref().unwrap();
    assert_eq!(f3.columns.len(), 6);
    assert_eq!(f3.rows.len(), 24);
    assert_eq!(total_at(f3, FinalColumn::Total), pair("9759.38", "C5"));
    assert_eq!(total_at(f3, FinalColumn::Basic), pair("5377.64", "D5"));
    assert_eq!(total_at(f3, FinalColumn::Project), pair("4381.74", "E5"));
    assert_eq!(
        total_at(f3, FinalColumn::SubsidiaryGrant),
        pair("0.00", "H5")
    );
    let row = f3.row("212").unwrap();
    assert_eq!(wan(f3.value(row, FinalColumn::Total).unwrap()), "3845.24");
    assert_eq!(wan(f3.value(row, FinalColumn::Basic).unwrap()), "1585.59");
}

#[test]
fn f4_income_and_opening_by_fund_spending_by_fund() {
    let book = read_fixture();
    let f4 = book.final_tables.f4.as_ref().unwrap();
    let funds: Vec<FinalFund> = f4.income.iter().map(|i| i.fund).collect();
    assert_eq!(funds, FinalFund::ALL);
    assert_eq!(at(&f4.income[0].item.amount), pair("9746.50", "B5"));
    assert_eq!(item_at(&f4.income_total), pair("9746.50", "B29"));
    assert_eq!(item_at(&f4.opening_total), pair("0.00", "B30"));
    let opening: Vec<(FinalFund, String)> = f4
        .opening
        .iter()
        .map(|o| (o.fund, cell(&o.item.amount)))
        .collect();
    assert_eq!(
        opening,
        vec![
            (FinalFund::General, "B31".to_string()),
            (FinalFund::GovernmentFund, "B32".to_string()),
            (FinalFund::StateCapital, "B33".to_string()),
        ]
    );
    assert_eq!(item_at(&f4.income_grand_total), pair("9746.50", "B34"));
    assert_eq!(f4.classes.len(), 24);
    let social = f4
        .classes
        .iter()
        .find(|c| c.label.code.as_deref() == Some("208"))
        .unwrap();
    assert_eq!(social.label.name, "社会保障和就业支出");
    assert_eq!(at(&social.total), pair("754.75", "D12"));
    assert_eq!(at(&social.general), pair("754.75", "E12"));
    let spent = f4.expenditure_total.as_ref().unwrap();
    assert_eq!(at(&spent.total), pair("9746.50", "D29"));
    assert_eq!(at(spent.fund(FinalFund::General)), pair("9746.50", "E29"));
    assert_eq!(
        at(spent.fund(FinalFund::GovernmentFund)),
        pair("0.00", "F29")
    );
    assert_eq!(at(spent.fund(FinalFund::StateCapital)), pair("0.00", "G29"));
    assert_eq!(at(&f4.closing.as_ref().unwrap().total), pair("0.00", "D30"));
    let grand = f4.expenditure_grand_total.as_ref().unwrap();
    assert_eq!(at(&grand.total), pair("9746.50", "D34"));
    assert_eq!(grand.label.at.as_ref().unwrap().a1(), "C34");
}

#[test]
fn f5_total_last_and_its_printed_rounding() {
    let book = read_fixture();
    let f5 = book.final_tables.f5.as_ref().unwrap();
    assert_eq!(
        f5.columns,
        [FinalColumn::Total, FinalColumn::Basic, FinalColumn::Project]
    );
    assert_eq!(f5.rows.len(), 24);
    let total = f5.total.as_ref().unwrap();
    assert_eq!(total.label.at.as_ref().unwrap().a1(), "A29");
    assert_eq!(total_at(f5, FinalColumn::Total), pair("9746.50", "C29"));
    // 5364.75 + 4381.74 = 9746.49: kept as printed.
    assert_eq!(total_at(f5, FinalColumn::Basic), pair("5364.75", "D29"));
    assert_eq!(total_at(f5, FinalColumn::Project), pair("4381.74", "E29"));
    let row = f5.row("212").unwrap();
    assert_eq!(row.label.name, "城乡社区支出");
    assert_eq!(
        value_at(f5, row, FinalColumn::Total),
        pair("3832.36", "C16")
    );
    assert_eq!(
        value_at(f5, row, FinalColumn::Basic),
        pair("1572.70", "D16")
    );
    assert_eq!(
        value_at(f5, row, FinalColumn::Project),
        pair("2259.65", "E16")
    );
    assert!(f5.rows.iter().all(|r| r.label.code.is_some()));
}

#[test]
fn f6_both_panels_and_their_totals() {
    let book = read_fixture();
    let f6 = book.final_tables.f6.as_ref().unwrap();
    assert_eq!(f6.rows.len(), 27 + 38);
    assert_eq!(f6.rows[0].label.code.as_deref(), Some("301"));
    assert_eq!(f6.rows[27].label.code.as_deref(), Some("302"));
    assert_eq!(at(&f6.row("301").unwrap().amount), pair("4816.14", "C4"));
    assert_eq!(at(&f6.row("303").unwrap().amount), pair("67.96", "C18"));
    assert_eq!(at(&f6.row("302").unwrap().amount), pair("440.90", "F4"));
    assert_eq!(at(&f6.row("310").unwrap().amount), pair("39.76", "F32"));
    assert_eq!(at(&f6.row("30217").unwrap().amount), pair("0.39", "F20"));
    assert_eq!(f6.row("30217").unwrap().label.name, "公务接待费");
    // 4816.14 + 67.96 = 4884.10: kept as printed.
    let personnel = f6.personnel_total.as_ref().unwrap();
    assert_eq!(at(&personnel.amount), pair("4884.09", "C42"));
    assert_eq!(personnel.label.name, "人员经费合计");
    assert_eq!(item_at(&f6.public_total), pair("480.66", "F42"));
}

#[test]
fn f7_the_twelve_numbers() {
    let book = read_fixture();
    let f7 = book.final_tables.f7.as_ref().unwrap();
    let items = [
        &f7.total,
        &f7.outbound,
        &f7.vehicle_subtotal,
        &f7.vehicle_purchase,
        &f7.vehicle_operation,
        &f7.reception,
    ];
    let read: Vec<(String, String)> = items
        .iter()
        .flat_map(|p| {
            let p = p.as_ref().expect("item printed");
            [at(&p.budget), at(&p.actual)]
        })
        .collect();
    let expected: Vec<(String, String)> = [
        "2.85", "0.39", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "2.85",
        "0.39",
    ]
    .iter()
    .zip("ABCDEFGHIJKL".chars())
    .map(|(v, c)| pair(v, &format!("{c}7")))
    .collect();
    assert_eq!(read, expected);
}

#[test]
fn f8_and_f9_are_empty_with_their_note() {
    let book = read_fixture();
    let t = &book.final_tables;
    let carry = [
        FinalColumn::Opening,
        FinalColumn::Income,
        FinalColumn::Spending,
        FinalColumn::Basic,
        FinalColumn::Project,
        FinalColumn::Closing,
    ];
    for (table, fund) in [(&t.f8, "政府性基金预算"), (&t.f9, "国有资本经营预算")] {
        let table = table.as_ref().unwrap();
        assert_eq!(table.columns, carry);
        assert!(table.rows.is_empty());
        assert!(table.total.is_none());
        assert_eq!(
            table.meta.empty_note.as_deref(),
            Some(
                format!(
                    "说明：上海市普陀区规划和自然资源局本年度没有{fund}财政拨款收入和支出，故本表无数据。"
                )
                .as_str()
            )
        );
    }
}

#[test]
fn the_review_lists_the_nine_tables_in_workbook_order() {
    let file = review_file(&fixture(FIXTURE));
    assert_eq!(file.kind, FileKind::FinalAccounts);
    assert_eq!(FileKind::FinalAccounts.label(), "决算公开表");
    assert_eq!(file.template.as_deref(), Some("final-shanghai-2024"));
    assert_eq!(file.unit.as_deref(), Some("上海市规划和自然资源局"));
    assert_eq!(file.year, Some(2024));
    let ids: Vec<TableId> = file.tables.iter().map(|t| t.id).collect();
    assert_eq!(ids, TableId::FINAL);
    assert_eq!(file.tables[6].name, "财政拨款“三公”经费支出决算表");
    assert!(file.unrecognised_sheets.is_empty());
    assert!(file.error.is_none());
}

// ---------------------------------------------------------------- built variants

fn read_built(sheets: &[SheetSpec]) -> RecognisedWorkbook {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("决算.xlsx");
    write_workbook(&path, sheets);
    xlsx::read(Path::new(&path)).unwrap()
}

/// The header row of a code table: 科目编码, 科目名称, then `columns`.
fn code_header(columns: &[&str]) -> Vec<Put> {
    let mut head = vec![text("科目编码"), text("科目名称")];
    head.extend(columns.iter().map(|c| text(c)));
    head
}

fn blank_or(v: f64) -> Put {
    if v == 0.0 {
        Put::Blank
    } else {
        num(v)
    }
}

/// A 支出决算表 whose first column prints code and name together, as some exports do.
#[test]
fn joined_and_spaced_codes_in_one_column() {
    let mut s = SheetSpec::new("表3");
    s.set("A1", text("支出决算表")).merge("A1:D1");
    s.set("D2", text("单位：万元"));
    s.row(
        2,
        &[
            text("项目"),
            text("本年支出合计"),
            text("基本支出"),
            text("项目支出"),
        ],
    );
    let rows: [(&str, [f64; 3]); 5] = [
        ("合计", [90.0, 80.0, 10.0]),
        ("208 社会保障和就业支出", [90.0, 80.0, 10.0]),
        ("20805 行政事业单位养老支出", [90.0, 80.0, 10.0]),
        ("2080501 行政单位离退休", [60.0, 50.0, 10.0]),
        ("208 05 02 事业单位离退休", [30.0, 30.0, 0.0]),
    ];
    for (i, (label, values)) in rows.iter().enumerate() {
        let mut cells = vec![text(label)];
        cells.extend(values.iter().map(|v| blank_or(*v)));
        s.row(3 + i as u32, &cells);
    }
    s.set("A9", text("注：本表反映部门本年度各项支出情况。"));
    let book = read_built(&[s]);
    assert_eq!(book.kind, DocumentKind::FinalAccounts);
    let f3 = book.final_tables.f3.as_ref().unwrap();
    assert_eq!(codes(f3), ["208", "20805", "2080501", "2080502"]);
    let row = f3.row("2080501").unwrap();
    assert_eq!(row.label.name, "行政单位离退休");
    assert_eq!(row.label.at.as_ref().unwrap().a1(), "A7");
    assert_eq!(value_at(f3, row, FinalColumn::Total), pair("60.00", "B7"));
    assert_eq!(f3.row("2080502").unwrap().label.name, "事业单位离退休");
    assert_eq!(total_at(f3, FinalColumn::Basic), pair("80.00", "C4"));
}

/// A 一般公共预算财政拨款支出决算表 with the code split over 类 | 款 | 项.
#[test]
fn codes_split_over_lei_kuan_xiang() {
    let mut s = SheetSpec::new("Sheet1");
    s.set("A1", text("一般公共预算财政拨款支出决算表"))
        .merge("A1:G1");
    s.set("A2", text("编制单位：某区某局"))
        .set("G2", text("单位：万元"));
    s.row(
        2,
        &[
            text("科目编码"),
            Put::Blank,
            Put::Blank,
            text("科目名称"),
            text("合计"),
            text("基本支出"),
            text("项目支出"),
        ],
    );
    s.merge("A3:C3")
        .merge("D3:D4")
        .merge("E3:E4")
        .merge("F3:F4")
        .merge("G3:G4");
    s.row(3, &[text("类"), text("款"), text("项")]);
    let rows: [([&str; 4], [f64; 3]); 4] = [
        (["201", "", "", "一般公共服务支出"], [12.5, 10.0, 2.5]),
        (
            ["201", "03", "", "政府办公厅（室）及相关机构事务"],
            [12.5, 10.0, 2.5],
        ),
        (["201", "03", "01", "行政运行"], [12.5, 10.0, 2.5]),
        (["", "", "", "合计"], [12.5, 10.0, 2.5]),
    ];
    for (i, (labels, values)) in rows.iter().enumerate() {
        let mut cells: Vec<Put> = labels
            .iter()
            .map(|l| if l.is_empty() { Put::Blank } else { text(l) })
            .collect();
        cells.extend(values.iter().map(|v| num(*v)));
        s.row(4 + i as u32, &cells);
    }
    let book = read_built(&[s]);
    let f5 = book.final_tables.f5.as_ref().unwrap();
    assert_eq!(f5.meta.unit.as_deref(), Some("某区某局"));
    assert_eq!(codes(f5), ["201", "20103", "2010301"]);
    let row = f5.row("2010301").unwrap();
    assert_eq!(row.label.at.as_ref().unwrap().a1(), "A7");
    assert_eq!(row.label.name_at.as_ref().unwrap().a1(), "D7");
    assert_eq!(value_at(f5, row, FinalColumn::Project), pair("2.50", "G7"));
    assert_eq!(total_at(f5, FinalColumn::Total), pair("12.50", "E8"));
}

/// Titles spaced out letter by letter, a "公开02表" label, and amounts in 元.
#[test]
fn spaced_titles_public_labels_and_yuan() {
    let mut s = SheetSpec::new("收入");
    s.set("A1", text("公开02表"));
    s.set("A2", text("收 入 决 算 表")).merge("A2:E2");
    s.set("E3", text("单位：元"));
    s.row(
        3,
        &code_header(&["本年收入合计", "财政拨款收入", "其他收入"]),
    );
    s.row(
        4,
        &[
            text("合计"),
            Put::Blank,
            num(7_545_000.0),
            num(7_500_000.0),
            num(45_000.0),
        ],
    );
    s.row(
        5,
        &[
            text("208"),
            text("社会保障和就业支出"),
            num(7_545_000.0),
            num(7_500_000.0),
            num(45_000.0),
        ],
    );
    let book = read_built(&[s]);
    let f2 = book.final_tables.f2.as_ref().unwrap();
    assert_eq!(f2.meta.title, "收入决算表");
    assert_eq!(f2.meta.label.as_deref(), Some("公开02表"));
    assert_eq!(f2.meta.scale, Scale::Yuan);
    assert_eq!(
        f2.columns,
        [
            FinalColumn::Total,
            FinalColumn::FiscalGrant,
            FinalColumn::Other
        ]
    );
    let row = f2.row("208").unwrap();
    assert_eq!(value_at(f2, row, FinalColumn::Total), pair("754.50", "C6"));
    assert_eq!(wan(&f2.total.as_ref().unwrap().values[2]), "4.50");
    assert_eq!(book.recognised[0].name, "公开02表 收入决算表");
}

/// Several 决算 tables on one sheet, each closed by its 注 line, and a 决算 table outside the
/// nine on a sheet of its own: read as unrecognised, not fatal.
#[test]
fn several_tables_on_one_sheet_and_an_unknown_one() {
    let mut s = SheetSpec::new("决算公开表");
    s.set("A1", text("上海市某局2024年度部门决算表"));
    // F5, 合计 last.
    s.set("A2", text("一般公共预算财政拨款支出决算表"));
    s.set("E3", text("单位：万元"));
    s.row(3, &code_header(&["合计", "基本支出", "项目支出"]));
    s.row(
        4,
        &[
            text("2080501"),
            text("行政单位离退休"),
            num(5.0),
            num(5.0),
            num(0.0),
        ],
    );
    s.row(5, &[text("合计"), Put::Blank, num(5.0), num(5.0), num(0.0)]);
    s.set(
        "A7",
        text("注：本表反映部门本年度一般公共预算财政拨款支出情况。"),
    );
    // F7, one row under its header band.
    s.set("A9", text("财政拨款“三公”经费支出决算表"));
    s.set("L10", text("单位：万元"));
    s.set("A11", text("合计")).merge("A11:B12");
    s.set("C11", text("因公出国（境）费")).merge("C11:D12");
    s.set("E11", text("公务用车购置及运行（维护）费"))
        .merge("E11:J11");
    s.set("K11", text("公务接待费")).merge("K11:L12");
    s.set("E12", text("小计")).merge("E12:F12");
    s.set("G12", text("公务用车购置费")).merge("G12:H12");
    s.set("I12", text("公务用车运行（维护）费"))
        .merge("I12:J12");
    let heads: Vec<Put> = (0..12)
        .map(|c| text(if c % 2 == 0 { "预算数" } else { "决算数" }))
        .collect();
    s.row(12, &heads);
    let values = [3.0, 2.0, 1.0, 0.5, 1.0, 1.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.5];
    s.row(13, &values.map(num));
    s.set(
        "A15",
        text("注：本表反映部门本年度“三公”经费支出预决算情况。"),
    );
    // F9 in the central 2023 form: 合计, 基本支出, 项目支出 only.
    s.set("A17", text("国有资本经营预算财政拨款支出决算表"));
    s.set("E18", text("单位：万元"));
    s.row(18, &code_header(&["合计", "基本支出", "项目支出"]));
    s.row(
        19,
        &[text("合计"), Put::Blank, num(2.0), num(0.0), num(2.0)],
    );
    s.row(
        20,
        &[
            text("2230105"),
            text("国有企业退休人员社会化管理补助支出"),
            num(2.0),
            num(0.0),
            num(2.0),
        ],
    );
    s.set(
        "A22",
        text("注：本表反映部门本年度国有资本经营预算财政拨款支出情况。"),
    );
    let mut extra = SheetSpec::new("项目支出");
    extra.set("A1", text("一般公共预算财政拨款项目支出决算表"));
    extra.row(1, &[text("项目名称"), text("决算数")]);
    extra.row(2, &[text("规划编制"), num(3.0)]);

    let book = read_built(&[s, extra]);
    assert_eq!(book.kind, DocumentKind::FinalAccounts);
    assert_eq!(book.unit.as_deref(), Some("上海市某局"));
    assert_eq!(book.unrecognised_sheets, ["项目支出"]);
    let ids: Vec<TableId> = book.recognised.iter().map(|r| r.id).collect();
    assert_eq!(ids, [TableId::F5, TableId::F7, TableId::F9]);
    let t: &FinalTables = &book.final_tables;

    let f5 = t.f5.as_ref().unwrap();
    assert_eq!(codes(f5), ["2080501"]);
    assert_eq!(total_at(f5, FinalColumn::Total), pair("5.00", "C6"));

    let f7 = t.f7.as_ref().unwrap();
    let total = f7.total.as_ref().unwrap();
    assert_eq!(
        (at(&total.budget), at(&total.actual)),
        (pair("3.00", "A14"), pair("2.00", "B14"))
    );
    let operation = f7.vehicle_operation.as_ref().unwrap();
    assert_eq!(at(&operation.actual), pair("1.00", "J14"));
    assert_eq!(
        at(&f7.reception.as_ref().unwrap().actual),
        pair("0.50", "L14")
    );

    let f9 = t.f9.as_ref().unwrap();
    assert_eq!(
        f9.columns,
        [FinalColumn::Total, FinalColumn::Basic, FinalColumn::Project]
    );
    assert_eq!(codes(f9), ["2230105"]);
    let row = f9.row("2230105").unwrap();
    assert_eq!(value_at(f9, row, FinalColumn::Project), pair("2.00", "E21"));
    assert!(f9.meta.empty_note.is_none());
}

/// A workbook in the central 2023 order (三公 last, 国资 as 支出 only) is named so.
#[test]
fn the_central_order_names_the_central_template() {
    let table = |sheet: &str, title: &str, headers: &[&str]| {
        let mut s = SheetSpec::new(sheet);
        s.set("A1", text(title));
        s.row(1, &code_header(headers));
        let mut total = vec![text("合计"), Put::Blank];
        total.extend(headers.iter().map(|_| num(1.0)));
        s.row(2, &total);
        s
    };
    let three_public = {
        let mut s = SheetSpec::new("三公");
        s.set("A1", text("财政拨款“三公”经费支出决算表"));
        s.row(1, &[text("项目"), text("预算数"), text("决算数")]);
        s.row(2, &[text("合计"), num(2.0), num(1.0)]);
        s.row(3, &[text("因公出国（境）费"), num(0.0), num(0.0)]);
        s.row(4, &[text("公务接待费"), num(2.0), num(1.0)]);
        s
    };
    let book = read_built(&[
        table("收入", "收入决算表", &["本年收入合计", "财政拨款收入"]),
        table(
            "支出",
            "支出决算表",
            &["本年支出合计", "基本支出", "项目支出"],
        ),
        table(
            "一般公共预算",
            "一般公共预算财政拨款支出决算表",
            &["合计", "基本支出", "项目支出"],
        ),
        table(
            "国资",
            "国有资本经营预算财政拨款支出决算表",
            &["合计", "基本支出", "项目支出"],
        ),
        three_public,
    ]);
    assert_eq!(book.kind, DocumentKind::FinalAccounts);
    assert_eq!(book.template, Some("final-central-2023"));
    let f7 = book.final_tables.f7.as_ref().unwrap();
    assert_eq!(at(&f7.total.as_ref().unwrap().actual), pair("1.00", "C3"));
    assert_eq!(
        at(&f7.reception.as_ref().unwrap().budget),
        pair("2.00", "B5")
    );
    assert!(f7.vehicle_subtotal.is_none());
}
