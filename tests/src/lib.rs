//! Helpers for the integration tests: where the fixtures are, and how to write a copy
//! of a fixture workbook with some cells changed, sheets replaced or sheets added.

pub mod bureau;
pub mod county;
pub mod crash;
pub mod disclosures;
pub mod final_accounts;
pub mod print;
pub mod targets;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use budget_core::lines::{BudgetLine, FundSource, SpendingType};
use budget_core::money::{parse_amount, Money, Scale};
use budget_core::review::{review_file, ReviewedFile};
use budget_core::xlsx::{self, CellValue, Merge, SheetGrid};
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, Workbook};

/// The fixture workbooks, in `tests/fixtures` (see its README).
pub fn fixtures_dir() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures")).to_path_buf()
}

/// The seed texts, in `tests/fixtures/seeds`.
pub fn seeds_dir() -> PathBuf {
    fixtures_dir().join("seeds")
}

/// The text of the seed whose file name starts with `prefix` ("004_").
pub fn seed_text(prefix: &str) -> String {
    let entry = std::fs::read_dir(seeds_dir())
        .expect("seeds folder")
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("seed {prefix}"));
    std::fs::read_to_string(entry.path()).expect("seed text")
}

/// The fixture file `name` in `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    fixtures_dir().join(name)
}

/// The fixture of seed 004: the seven 预算 tables it prints, laid out as budget systems export
/// them (see tests/fixtures/README).
pub const BUDGET_TABLES: &str = "ruoqiang-2024-budget-tables.xlsx";

/// The amount written `text` in 万元 ("120.50"), as a finance officer types it.
pub fn wan(text: &str) -> Money {
    parse_amount(text, Scale::Wanyuan)
        .expect("an amount")
        .expect("not blank")
}

/// A 预算 line of 人员经费 paid from 一般公共预算, not carried over and of no project: `amount`
/// 万元 under the 功能 `function` and the 经济 `economic` code.
pub fn personnel_line(function: &str, economic: &str, amount: &str) -> BudgetLine {
    BudgetLine {
        function_code: function.into(),
        economic_code: economic.into(),
        source: FundSource::parse("一般公共预算").expect("a fund source"),
        carried_over: false,
        spending: SpendingType::parse("人员经费").expect("a spending type"),
        project_code: None,
        amount: wan(amount),
        note: String::new(),
    }
}

/// A value to write into a cell.
#[derive(Debug, Clone)]
pub enum Put {
    /// A number.
    Number(f64),
    /// A text.
    Text(String),
    /// Nothing: the cell stays empty.
    Blank,
}

/// A number to write.
pub fn num(value: f64) -> Put {
    Put::Number(value)
}

/// A text to write.
pub fn text(value: &str) -> Put {
    Put::Text(value.to_string())
}

/// A sheet to write: cells by (row, col) and merged regions.
#[derive(Debug, Clone, Default)]
pub struct SheetSpec {
    /// The sheet's name.
    pub name: String,
    /// The values by zero-based (row, column).
    pub cells: BTreeMap<(u32, u32), Put>,
    /// The merged regions.
    pub merges: Vec<Merge>,
}

impl SheetSpec {
    /// An empty sheet named `name`.
    pub fn new(name: &str) -> SheetSpec {
        SheetSpec {
            name: name.to_string(),
            ..SheetSpec::default()
        }
    }

    /// The cells and merges of a sheet read from a workbook, to be written again.
    pub fn from_grid(grid: &SheetGrid) -> SheetSpec {
        let mut spec = SheetSpec::new(&grid.name);
        for row in 0..grid.height() {
            for col in 0..grid.width() {
                let put = match grid.cell(row, col) {
                    CellValue::Empty => continue,
                    CellValue::Text(t) => Put::Text(t.clone()),
                    CellValue::Number(d) => Put::Number(d.to_f64().expect("fixture number")),
                };
                spec.cells.insert((row, col), put);
            }
        }
        spec.merges = grid.merges.clone();
        spec
    }

    /// Sets a cell by A1 reference.
    pub fn set(&mut self, a1: &str, value: Put) -> &mut SheetSpec {
        let pos = xlsx::parse_a1(a1).expect("A1 reference");
        self.cells.insert(pos, value);
        self
    }

    /// Writes a row of values starting at column A of zero-based `row`.
    pub fn row(&mut self, row: u32, values: &[Put]) -> &mut SheetSpec {
        for (col, v) in values.iter().enumerate() {
            self.cells.insert((row, col as u32), v.clone());
        }
        self
    }

    /// Merges the cells of an A1 range ("A1:C1").
    pub fn merge(&mut self, range: &str) -> &mut SheetSpec {
        let (a, b) = range.split_once(':').expect("A1:B2");
        let (r1, c1) = xlsx::parse_a1(a).expect("A1");
        let (r2, c2) = xlsx::parse_a1(b).expect("B2");
        self.merges.push(Merge {
            first_row: r1,
            first_col: c1,
            last_row: r2,
            last_col: c2,
        });
        self
    }
}

/// The sheets of a fixture, ready to be changed and written again.
pub fn fixture_sheets(name: &str) -> Vec<SheetSpec> {
    let book = xlsx::load(&fixture(name)).expect("fixture opens");
    book.sheets.iter().map(SheetSpec::from_grid).collect()
}

/// The sheet named `name` of `sheets`, to change.
pub fn sheet_mut<'a>(sheets: &'a mut [SheetSpec], name: &str) -> &'a mut SheetSpec {
    sheets
        .iter_mut()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no sheet {name}"))
}

/// Writes `sheets` as an .xlsx file at `path`.
pub fn write_workbook(path: &Path, sheets: &[SheetSpec]) {
    let mut book = Workbook::new();
    let plain = Format::new();
    for spec in sheets {
        let ws = book.add_worksheet();
        ws.set_name(&spec.name).expect("sheet name");
        for m in &spec.merges {
            let text = match spec.cells.get(&(m.first_row, m.first_col)) {
                Some(Put::Text(t)) => t.clone(),
                _ => String::new(),
            };
            ws.merge_range(
                m.first_row,
                m.first_col as u16,
                m.last_row,
                m.last_col as u16,
                &text,
                &plain,
            )
            .expect("merge");
        }
        for ((row, col), put) in &spec.cells {
            let first_of_merge = spec
                .merges
                .iter()
                .any(|m| m.first_row == *row && m.first_col == *col);
            match put {
                Put::Number(n) => {
                    ws.write_number(*row, *col as u16, *n).expect("number");
                }
                Put::Text(t) if !first_of_merge => {
                    ws.write_string(*row, *col as u16, t).expect("text");
                }
                _ => {}
            }
        }
    }
    book.save(path).expect("save workbook");
}

/// The 审核 of a workbook holding `sheets`, as the app reviews a file dropped into its window: the
/// sheets are written to a temporary `.xlsx` and that file is reviewed.
pub fn review_sheets(sheets: &[SheetSpec]) -> ReviewedFile {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("copy.xlsx");
    write_workbook(&path, sheets);
    review_file(&path)
}

/// A T7 一般公共预算项目支出情况表 sheet in the layout of seed 003, whose projects add up to the
/// 若羌 fixture's 项目支出 (249.08 万元: 234.08 under 2010399 and 15.00 under 2014004).
pub fn project_sheet() -> SheetSpec {
    let mut s = SheetSpec::new("表7");
    s.set("A1", text("一般公共预算项目支出情况表"))
        .merge("A1:I1");
    s.set("A2", text("编制部门：若羌县人民政府办公室"))
        .set("I2", text("单位：万元"));
    s.row(
        2,
        &[
            text("科目编码"),
            Put::Blank,
            Put::Blank,
            text("科目"),
            text("项目名称"),
            text("项目支出合计"),
            text("工资福利支出"),
            text("商品和服务支出"),
            text("资本性支出"),
        ],
    );
    s.merge("A3:C3")
        .merge("D3:D4")
        .merge("E3:E4")
        .merge("F3:F4")
        .merge("G3:G4")
        .merge("H3:H4")
        .merge("I3:I4");
    s.row(3, &[text("类"), text("款"), text("项")]);
    let b = Put::Blank;
    s.row(
        4,
        &[
            text("201"),
            b.clone(),
            b.clone(),
            text("一般公共服务支出"),
            b.clone(),
            num(249.08),
            b.clone(),
            num(215.08),
            num(34.0),
        ],
    );
    s.row(
        5,
        &[
            text("201"),
            text("03"),
            b.clone(),
            text("政府办公厅（室）及相关机构事务"),
            b.clone(),
            num(234.08),
            b.clone(),
            num(200.08),
            num(34.0),
        ],
    );
    s.row(
        6,
        &[
            text("201"),
            text("03"),
            text("99"),
            text("其他政府办公厅（室）及相关机构事务支出"),
            text("政府办业务经费"),
            num(234.08),
            b.clone(),
            num(200.08),
            num(34.0),
        ],
    );
    s.row(
        7,
        &[
            text("201"),
            text("40"),
            b.clone(),
            text("信访事务"),
            b.clone(),
            num(15.0),
            b.clone(),
            num(15.0),
            b.clone(),
        ],
    );
    s.row(
        8,
        &[
            text("201"),
            text("40"),
            text("04"),
            text("信访业务"),
            text("信访局业务经费"),
            num(15.0),
            b.clone(),
            num(15.0),
            b.clone(),
        ],
    );
    s.row(
        9,
        &[
            b.clone(),
            b.clone(),
            b.clone(),
            b.clone(),
            text("合计"),
            num(249.08),
            b.clone(),
            num(215.08),
            num(34.0),
        ],
    );
    s
}

/// The 三公 table of the fixture in the one-row layout of seed 003, same figures.
pub fn three_public_one_row_sheet() -> SheetSpec {
    let mut s = SheetSpec::new("表10");
    s.set("A1", text("一般公共预算“三公”经费支出情况表"))
        .merge("A1:F1");
    s.set("A2", text("编 制 部 门 ： 若羌县人民政府办公室"))
        .set("F2", text("单位：万元"));
    s.row(
        2,
        &[
            text("合计"),
            text("因公出国(境)费"),
            text("公务用车购置及运行费"),
            Put::Blank,
            Put::Blank,
            text("公务接待费"),
        ],
    );
    s.merge("A3:A4")
        .merge("B3:B4")
        .merge("C3:E3")
        .merge("F3:F4");
    s.row(
        3,
        &[
            Put::Blank,
            Put::Blank,
            text("小计"),
            text("公务用车购置费"),
            text("公务用车运行费"),
        ],
    );
    s.row(
        4,
        &[
            text("0.25"),
            Put::Blank,
            Put::Blank,
            Put::Blank,
            Put::Blank,
            text("0.25"),
        ],
    );
    s
}

/// Every cell's text of the sheet `name` of `book`, row after row, joined: for asserting what a
/// written workbook says.
pub fn sheet_text(book: &budget_core::xlsx::Workbook, name: &str) -> String {
    let sheet = book
        .sheets
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no sheet {name}"));
    (0..sheet.height())
        .flat_map(|r| {
            sheet
                .row_cells(r)
                .map(|(_, v)| v.display())
                .collect::<Vec<_>>()
        })
        .collect()
}
