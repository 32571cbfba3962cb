//! The 决算 workbook of 上海市普陀区规划和自然资源局 2024 (derived from budget_tests::final_accounts)
//! written and read back cell by cell: one sheet per table in the template's order, titles, the
//! 编制部门 and 单位 line, codes as text, figures as printed, the notes.

use std::path::Path;

use budget_core::catalog::Catalog;
use budget_core::final_accounts::derive_final_tables;
use budget_core::money::format_grouped;
use budget_core::tables::{final_templates, FinalTables, TableId};
use budget_core::xlsx::write::{write_final_workbook, WorkbookHeader};
use budget_core::xlsx::{self, CellValue, SheetGrid};
use budget_tests::final_accounts::{putuo_planning_2024, PUTUO_PLANNING_UNIT};

fn header() -> WorkbookHeader {
    WorkbookHeader {
        unit: PUTUO_PLANNING_UNIT.to_string(),
        year: 2024,
    }
}

fn tables(template: usize) -> FinalTables {
    derive_final_tables(
        &putuo_planning_2024(),
        Catalog::embedded(2024),
        &final_templates()[template],
    )
}

fn write_and_load(dir: &Path, template: usize) -> Vec<SheetGrid> {
    let path = dir.join(format!("决算-{template}.xlsx"));
    write_final_workbook(
        &tables(template),
        &final_templates()[template],
        &header(),
        &path,
    )
    .expect("written");
    assert!(!dir.join(format!("决算-{template}.xlsx.part")).exists());
    xlsx::load(&path).expect("reads back").sheets
}

/// A row as printed: texts as they are, numbers as `#,##0.00` shows them, empty cells left out.
fn row(grid: &SheetGrid, row: u32) -> Vec<String> {
    grid.row_cells(row)
        .filter(|(_, v)| !v.is_empty())
        .map(|(_, v)| match v {
            CellValue::Number(d) => format_grouped(*d, 2),
            other => other.display(),
        })
        .collect()
}

/// The first row whose cells start with `first`.
fn row_starting(grid: &SheetGrid, first: &[&str]) -> Vec<String> {
    (0..grid.height())
        .map(|r| row(grid, r))
        .find(|cells| cells.len() >= first.len() && cells[..first.len()] == *first)
        .unwrap_or_else(|| panic!("{}: a row starting {first:?}", grid.name))
}

#[test]
fn the_workbook_has_the_nine_tables_in_template_order_with_titles_and_units() {
    let dir = tempfile::tempdir().unwrap();
    let sheets = write_and_load(dir.path(), 0);
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "公开01表",
            "公开02表",
            "公开03表",
            "公开04表",
            "公开05表",
            "公开06表",
            "公开07表",
            "公开08表",
            "公开09表"
        ]
    );
    for (grid, spec) in sheets.iter().zip(final_templates()[0].tables) {
        assert_eq!(row(grid, 0), [format!("2024年度{}", spec.title)]);
        assert_eq!(
            row(grid, 1),
            [
                format!("编制部门：{PUTUO_PLANNING_UNIT}"),
                "单位：万元".to_string()
            ]
        );
        let last = row(grid, grid.height() - 1).concat();
        assert!(
            last.starts_with("注：本表反映部门本年度") || last.starts_with("说明："),
            "{}: {last}",
            grid.name
        );
    }
    // The central 2023 order: 三公 last, sheets numbered by place.
    let central = write_and_load(dir.path(), 1);
    assert_eq!(central[8].name, "表9");
    assert_eq!(
        row(&central[8], 0),
        ["2024年度财政拨款“三公”经费支出决算表"]
    );
    assert_eq!(
        row(&central[7], 0),
        ["2024年度国有资本经营预算财政拨款支出决算表"]
    );
}

#[test]
fn the_figures_read_back_as_published() {
    let dir = tempfile::tempdir().unwrap();
    let sheets = write_and_load(dir.path(), 0);
    let [f1, f2, f3, f4, f5, f6, f7, f8, f9] = &sheets[..] else {
        panic!("nine sheets");
    };
    // F1: two-sided, the template's 24 类, the totals at the bottom.
    assert_eq!(
        row(f1, 4),
        [
            "一、一般公共预算财政拨款收入",
            "9,746.50",
            "一、一般公共服务支出"
        ]
    );
    assert_eq!(
        row_starting(f1, &["八、其他收入"]),
        ["八、其他收入", "八、社会保障和就业支出", "754.75"]
    );
    assert_eq!(
        row_starting(f1, &["二十四、抗疫特别国债安排的支出"]).len(),
        1
    );
    assert_eq!(
        row_starting(f1, &["本年收入合计"]),
        ["本年收入合计", "9,746.50", "本年支出合计", "9,759.38"]
    );
    assert_eq!(
        row_starting(f1, &["年初结转和结余"]),
        ["年初结转和结余", "112.88", "年末结转和结余", "100.00"]
    );
    assert_eq!(
        row_starting(f1, &["总计"]),
        ["总计", "9,859.38", "总计", "9,859.38"]
    );
    // F2/F3: 合计 first, codes as text in one column.
    assert_eq!(row(f2, 4), ["合计", "9,746.50", "9,746.50"]);
    assert_eq!(
        row(f2, 5),
        ["208", "社会保障和就业支出", "754.75", "754.75"]
    );
    assert!(matches!(f2.cell(7, 0), CellValue::Text(t) if t == "2080501"));
    assert_eq!(
        row_starting(f3, &["2120101"]),
        ["2120101", "行政运行", "1,105.68", "1,096.91", "8.77"]
    );
    // F4: the funds' columns.
    assert_eq!(
        row_starting(f4, &["十一、城乡社区支出"]),
        ["十一、城乡社区支出", "3,832.35", "3,832.35"]
    );
    assert_eq!(
        row_starting(f4, &["本年收入合计"]),
        [
            "本年收入合计",
            "9,746.50",
            "本年支出合计",
            "9,746.49",
            "9,746.49"
        ]
    );
    // F5: 合计 last.
    let last_body = (0..f5.height())
        .map(|r| row(f5, r))
        .rfind(|r| r.first().is_some_and(|c| c == "合计"))
        .unwrap();
    assert_eq!(last_body, ["合计", "9,746.49", "5,364.75", "4,381.74"]);
    // F6: both panels, the template's 款 whether or not they hold money.
    assert_eq!(
        row(f6, 3),
        [
            "301",
            "工资福利支出",
            "4,816.14",
            "302",
            "商品和服务支出",
            "440.90"
        ]
    );
    assert_eq!(
        row_starting(f6, &["30103"]),
        ["30103", "奖金", "30203", "咨询费"]
    );
    assert_eq!(
        row_starting(f6, &["人员经费合计"]),
        ["人员经费合计", "4,884.09", "公用经费合计", "480.66"]
    );
    // F7: four header rows, one row of figures.
    assert_eq!(row(f7, 2), ["财政拨款“三公”经费"]);
    assert_eq!(row(f7, 5).len(), 12);
    assert_eq!(row(f7, 6), ["2.85", "0.39", "2.85", "0.39"]);
    // F8/F9: header and 合计 kept, the 说明 under the 注.
    for (grid, what) in [
        (f8, "政府性基金预算财政拨款收入和支出"),
        (f9, "国有资本经营预算财政拨款收入和支出"),
    ] {
        assert_eq!(
            row(grid, 3),
            [
                "功能分类科目编码",
                "科目名称",
                "合计",
                "基本支出",
                "项目支出"
            ]
        );
        assert_eq!(row(grid, 4), ["合计"]);
        assert_eq!(
            row(grid, grid.height() - 1),
            [format!(
                "说明：{PUTUO_PLANNING_UNIT}本年度没有{what}，故本表无数据。"
            )]
        );
    }
}

/// Every figure of the tables, rounded to 0.01 万元 as a workbook holds them, with what it is:
/// "F5 2120101 Basic 1084.02". Zero figures are left out (a written F1 lists all 24 类, a
/// written F6 every 款 of the template).
fn figures(tables: &FinalTables) -> Vec<String> {
    use budget_core::tables::{Amount, IncomeItem};
    let mut out = Vec::new();
    let mut put = |what: String, amount: &Amount| {
        if !amount.value.is_zero() {
            out.push(format!("{what} {}", amount.value.plain_wanyuan()));
        }
    };
    let key = |item: &IncomeItem| {
        item.label
            .code
            .clone()
            .unwrap_or_else(|| item.label.name.clone())
    };
    if let Some(f1) = &tables.f1 {
        for s in &f1.income {
            put(format!("F1 {:?}", s.source), &s.item.amount);
        }
        for (name, item) in [
            ("收入合计", &f1.income_total),
            ("使用结余", &f1.use_of_balance),
            ("年初", &f1.opening),
            ("收入总计", &f1.income_grand_total),
            ("支出合计", &f1.expenditure_total),
            ("结余分配", &f1.distribution),
            ("年末", &f1.closing),
            ("支出总计", &f1.expenditure_grand_total),
        ] {
            if let Some(item) = item {
                put(format!("F1 {name}"), &item.amount);
            }
        }
        for c in &f1.classes {
            put(format!("F1 {}", key(c)), &c.amount);
        }
    }
    for (id, table) in [
        ("F2", &tables.f2),
        ("F3", &tables.f3),
        ("F5", &tables.f5),
        ("F8", &tables.f8),
        ("F9", &tables.f9),
    ] {
        let Some(table) = table else { continue };
        for row in table.total.iter().chain(&table.rows) {
            let code = row.label.code.as_deref().unwrap_or("合计");
            for (column, value) in table.columns.iter().zip(&row.values) {
                put(format!("{id} {code} {column:?}"), value);
            }
        }
    }
    if let Some(f4) = &tables.f4 {
        for i in &f4.income {
            put(format!("F4 收入 {:?}", i.fund), &i.item.amount);
        }
        for i in &f4.opening {
            put(format!("F4 年初 {:?}", i.fund), &i.item.amount);
        }
        for (name, item) in [
            ("收入合计", &f4.income_total),
            ("年初合计", &f4.opening_total),
            ("收入总计", &f4.income_grand_total),
        ] {
            if let Some(item) = item {
                put(format!("F4 {name}"), &item.amount);
            }
        }
        let rows = f4.classes.iter().map(|r| {
            (
                r.label.code.clone().unwrap_or_else(|| r.label.name.clone()),
                r,
            )
        });
        let totals = [
            ("支出合计", &f4.expenditure_total),
            ("年末", &f4.closing),
            ("支出总计", &f4.expenditure_grand_total),
        ]
        .into_iter()
        .filter_map(|(name, row)| row.as_ref().map(|r| (name.to_string(), r)));
        for (name, row) in rows.chain(totals) {
            put(format!("F4 {name} 合计"), &row.total);
            put(format!("F4 {name} 一般"), &row.general);
            put(format!("F4 {name} 基金"), &row.government_fund);
            put(format!("F4 {name} 国资"), &row.state_capital);
        }
    }
    if let Some(f6) = &tables.f6 {
        for row in &f6.rows {
            put(format!("F6 {}", key(row)), &row.amount);
        }
        for (name, item) in [("人员", &f6.personnel_total), ("公用", &f6.public_total)] {
            if let Some(item) = item {
                put(format!("F6 {name}"), &item.amount);
            }
        }
    }
    if let Some(f7) = &tables.f7 {
        for (name, pair) in [
            ("合计", &f7.total),
            ("出国", &f7.outbound),
            ("车小计", &f7.vehicle_subtotal),
            ("购置", &f7.vehicle_purchase),
            ("运行", &f7.vehicle_operation),
            ("接待", &f7.reception),
        ] {
            if let Some(pair) = pair {
                put(format!("F7 {name} 预算"), &pair.budget);
                put(format!("F7 {name} 决算"), &pair.actual);
            }
        }
    }
    out.sort();
    out
}

/// Written, then read as any workbook sent in is read (`xlsx::read`, which recognises the
/// tables): a 决算 workbook of the Shanghai 2024 template, the unit and year of its heading, and
/// every figure of the nine tables as derived, to the 0.01 万元 a cell holds.
#[test]
fn the_written_workbook_reads_back_into_the_same_tables() {
    use budget_core::xlsx::DocumentKind;
    let dir = tempfile::tempdir().unwrap();
    for template in [0, 1] {
        let path = dir.path().join(format!("决算-{template}.xlsx"));
        let derived = tables(template);
        write_final_workbook(&derived, &final_templates()[template], &header(), &path).unwrap();
        let book = xlsx::read(&path).expect("reads");
        assert_eq!(book.kind, DocumentKind::FinalAccounts);
        assert_eq!(book.template, Some(final_templates()[template].id));
        assert_eq!(book.unit.as_deref(), Some(PUTUO_PLANNING_UNIT));
        assert_eq!(book.year, Some(2024));
        assert!(
            book.unrecognised_sheets.is_empty(),
            "{:?}",
            book.unrecognised_sheets
        );
        let read = &book.final_tables;
        assert_eq!(
            read.metas().map(|m| m.id).collect::<Vec<_>>(),
            derived.metas().map(|m| m.id).collect::<Vec<_>>()
        );
        for (r, d) in read.metas().zip(derived.metas()) {
            assert_eq!(r.title, format!("2024年度{}", d.title));
        }
        assert_eq!(figures(read), figures(&derived), "template {template}");
        for id in [TableId::F8, TableId::F9] {
            let meta = read.metas().find(|m| m.id == id).unwrap();
            assert!(
                meta.empty_note
                    .as_deref()
                    .is_some_and(|n| n.contains("故本表无数据")),
                "{id}: {meta:?}"
            );
        }
    }
}
