//! Importing budget lines from a flat workbook (one line per row) and writing the template for
//! it. Headers are matched leniently; every problem names sheet, cell and column; nothing is
//! returned unless every row is good (all-or-nothing).

use std::collections::BTreeMap;
use std::path::Path;

use rust_xlsxwriter::{Format, FormatBorder, Workbook, XlsxError};
use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use rust_decimal::prelude::ToPrimitive;

use crate::money::{parse_amount, Scale};
use crate::text::fold_label;
use crate::xlsx::{self, CellValue, SheetGrid};

use super::import_rows::{heading_facts, LineReader};
use super::model::LineSet;
use super::validate::validate;

/// One problem of a line workbook, at its sheet, cell and column; shown as “工作表“…”A1（…）：…”.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ImportProblem {
    /// The sheet's name; empty when the file itself could not be read.
    pub sheet: String,
    /// A1 reference of the cell at fault (the row's first cell when the whole row is at fault).
    pub cell: String,
    /// The Chinese name of the column (field) at fault; empty when not about one column.
    pub column: String,
    /// What is wrong, in Chinese.
    pub message: String,
}

impl std::fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "工作表“{}”{}（{}）：{}",
            self.sheet, self.cell, self.column, self.message
        )
    }
}

/// What a line workbook holds besides the lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedLines {
    /// The lines and projects read, already validated against the catalog.
    pub set: LineSet,
    /// 编制部门 printed above the header, if any.
    pub unit: Option<String>,
    /// A year printed above the header ("2024年…"), if any.
    pub year: Option<i32>,
    /// The sheet the lines were read from.
    pub sheet: String,
}

/// A column of the flat line workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// 功能分类 项 code.
    Function,
    /// 经济分类 款 code.
    Economic,
    /// 资金来源.
    Source,
    /// 支出类型 (人员经费/公用经费/项目支出).
    Spending,
    /// 项目编码 of a 项目支出 line.
    ProjectCode,
    /// 项目名称; registers the project if new.
    ProjectName,
    /// 项目类别 of a project seen first on this row; 特定目标类 when blank.
    ProjectCategory,
    /// 金额, in 万元 or 元 as its header says (万元 when it says neither).
    Amount,
    /// 上年结转 yes/no (`YES_WORDS`/`NO_WORDS`).
    CarriedOver,
    /// 备注.
    Note,
}

impl Field {
    pub(super) fn name(self) -> &'static str {
        match self {
            Field::Function => "功能分类",
            Field::Economic => "经济分类",
            Field::Source => "资金来源",
            Field::Spending => "支出类型",
            Field::ProjectCode => "项目编码",
            Field::ProjectName => "项目名称",
            Field::ProjectCategory => "项目类别",
            Field::Amount => "金额",
            Field::CarriedOver => "上年结转",
            Field::Note => "备注",
        }
    }

    const REQUIRED: [Field; 5] = [
        Field::Function,
        Field::Economic,
        Field::Source,
        Field::Spending,
        Field::Amount,
    ];

    /// Which field a header names, leniently ("功能分类科目编码", "资金性质", "金额（万元）"):
    /// the first rule of `HEADER_RULES` whose words the folded header contains (or equals).
    fn from_header(folded: &str) -> Option<Field> {
        HEADER_RULES
            .iter()
            .find(|r| r.contains.iter().any(|k| folded.contains(k)) || r.equals.contains(&folded))
            .map(|r| r.field)
    }

    /// The grid column a field fills (the grid has no columns for a project's name and
    /// category: a project is registered on the 项目 tab, and a line names it by code or name).
    pub fn grid_key(self) -> Option<&'static str> {
        Some(match self {
            Field::Function => "function_code",
            Field::Economic => "economic_code",
            Field::Source => "source",
            Field::Spending => "spending",
            Field::ProjectCode | Field::ProjectName => "project_code",
            Field::Amount => "amount",
            Field::CarriedOver => "carried_over",
            Field::Note => "note",
            Field::ProjectCategory => return None,
        })
    }
}

/// One rule for reading a header: which words name which field.
pub struct HeaderRule {
    /// The field the header names.
    pub field: Field,
    /// Words any of which, found in the folded header, names the field.
    pub contains: &'static [&'static str],
    /// Whole folded headers that name the field.
    pub equals: &'static [&'static str],
}

/// The header rules in the order they are tried: "上年结转" before "资金来源", "项目类别"
/// before "项目名称", so that a header is read as the most specific field it names.
pub const HEADER_RULES: [HeaderRule; 10] = [
    HeaderRule {
        field: Field::Function,
        contains: &["功能"],
        equals: &[],
    },
    HeaderRule {
        field: Field::Economic,
        contains: &["经济"],
        equals: &[],
    },
    HeaderRule {
        field: Field::CarriedOver,
        contains: &["结转"],
        equals: &[],
    },
    HeaderRule {
        field: Field::Source,
        contains: &["来源", "资金性质"],
        equals: &[],
    },
    HeaderRule {
        field: Field::ProjectCategory,
        contains: &["项目类别", "项目类型"],
        equals: &[],
    },
    HeaderRule {
        field: Field::ProjectCode,
        contains: &["项目编码", "项目代码"],
        equals: &[],
    },
    HeaderRule {
        field: Field::ProjectName,
        contains: &["项目名称"],
        equals: &["项目"],
    },
    HeaderRule {
        field: Field::Spending,
        contains: &["支出类型", "支出类别", "经费类型"],
        equals: &[],
    },
    HeaderRule {
        field: Field::Amount,
        contains: &["金额", "预算数"],
        equals: &[],
    },
    HeaderRule {
        field: Field::Note,
        contains: &["备注", "说明"],
        equals: &[],
    },
];

fn find_header(grid: &SheetGrid) -> Option<(u32, BTreeMap<Field, u32>)> {
    (0..grid.height().min(30)).find_map(|row| {
        let mut fields = BTreeMap::new();
        for (col, value) in grid.row_cells(row) {
            if let Some(f) = Field::from_header(&fold_label(&value.display())) {
                fields.entry(f).or_insert(col);
            }
        }
        Field::REQUIRED
            .iter()
            .all(|f| fields.contains_key(f))
            .then_some((row, fields))
    })
}

fn scale_of(header: &str) -> Scale {
    let folded = fold_label(header);
    if folded.contains("万元") {
        Scale::Wanyuan
    } else if folded.contains('元') {
        Scale::Yuan
    } else {
        Scale::Wanyuan
    }
}

pub(super) fn text_of(value: &CellValue) -> String {
    value.display().trim().to_string()
}

/// What a 上年结转 cell may say for yes and for no (blank is no).
pub const YES_WORDS: [&str; 9] = ["是", "Y", "y", "1", "TRUE", "true", "√", "✓", "上年结转"];
/// What a 上年结转 cell may say for no.
pub const NO_WORDS: [&str; 8] = ["", "否", "N", "n", "0", "FALSE", "false", "×"];

pub(super) fn yes(text: &str) -> Option<bool> {
    let t = text.trim();
    if NO_WORDS.contains(&t) {
        Some(false)
    } else if YES_WORDS.contains(&t) {
        Some(true)
    } else {
        None
    }
}

/// Reads the first sheet that has a line header; `Err` lists every problem found.
pub fn read_lines(path: &Path, catalog: &Catalog) -> Result<ImportedLines, Vec<ImportProblem>> {
    let book = xlsx::load(path).map_err(|e| {
        vec![ImportProblem {
            sheet: String::new(),
            cell: String::new(),
            column: String::new(),
            message: e.to_string(),
        }]
    })?;
    let Some((grid, (header_row, columns))) = book
        .sheets
        .iter()
        .find_map(|g| find_header(g).map(|h| (g, h)))
    else {
        return Err(vec![ImportProblem {
            sheet: book.sheets.first().map(|s| s.name.clone()).unwrap_or_default(),
            cell: "A1".into(),
            column: String::new(),
            message: "没有找到预算明细的表头：需要“功能分类”“经济分类”“资金来源”“支出类型”“金额”各列。可在程序中下载导入模板。".into(),
        }]);
    };
    read_grid(grid, header_row, &columns, catalog)
}

fn read_grid(
    grid: &SheetGrid,
    header_row: u32,
    columns: &BTreeMap<Field, u32>,
    catalog: &Catalog,
) -> Result<ImportedLines, Vec<ImportProblem>> {
    let scale = columns
        .get(&Field::Amount)
        .map(|c| scale_of(&grid.cell(header_row, *c).display()))
        .unwrap_or(Scale::Wanyuan);
    let (unit, year) = heading_facts(grid, header_row);
    let mut reader = LineReader {
        grid,
        columns,
        scale,
        problems: Vec::new(),
    };
    let mut set = LineSet::default();
    let mut line_rows = Vec::new();
    for row in header_row + 1..grid.height() {
        if reader.skipped(row) {
            continue;
        }
        if let Some(line) = reader.line(row, catalog, &mut set) {
            set.lines.push(line);
            line_rows.push(row);
        }
    }
    // What validation finds is put on the row and column it is about.
    for p in validate(&set, catalog) {
        let field = match p.column.as_str() {
            "功能分类" => Field::Function,
            "经济分类" => Field::Economic,
            "金额" => Field::Amount,
            "项目编码" => Field::ProjectCode,
            _ => Field::ProjectName,
        };
        let row = line_rows
            .get((p.line as usize).wrapping_sub(1))
            .copied()
            .unwrap_or(header_row);
        reader.complain(row, field, p.message);
    }
    if set.lines.is_empty() && reader.problems.is_empty() {
        reader.complain(header_row, Field::Function, "表头下面没有预算明细。".into());
    }
    let mut problems = reader.problems;
    if problems.is_empty() {
        Ok(ImportedLines {
            set,
            unit,
            year,
            sheet: grid.name.clone(),
        })
    } else {
        problems.sort_by_key(|p| xlsx::parse_a1(&p.cell));
        Err(problems)
    }
}

/// The import template: the header row, two example lines, and a sheet explaining each column.
pub fn write_template() -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_font_name("宋体");
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_font_name("宋体");
    let money = cell.clone().set_num_format("#,##0.00");
    let sheet = book.add_worksheet().set_name("预算明细")?;
    // The grid's columns first and in its order, so rows copied from here paste into the grid
    // as they are; then what registers a project (its name and category).
    let headers = [
        ("功能分类科目编码", 18.0),
        ("经济分类科目编码", 18.0),
        ("资金来源", 14.0),
        ("支出类型", 12.0),
        ("项目编码", 14.0),
        ("金额（万元）", 14.0),
        ("上年结转", 10.0),
        ("备注", 24.0),
        ("项目名称", 30.0),
        ("项目类别", 12.0),
    ];
    for (col, (title, width)) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *title, &head)?;
        sheet.set_column_width(col as u16, *width)?;
    }
    let examples: [[&str; 10]; 2] = [
        [
            "2010301",
            "30101",
            "一般公共预算",
            "人员经费",
            "",
            "98.48",
            "否",
            "",
            "",
            "",
        ],
        [
            "2010399",
            "30299",
            "一般公共预算",
            "项目支出",
            "P001",
            "234.08",
            "否",
            "",
            "政务服务保障经费",
            "特定目标类",
        ],
    ];
    for (r, row) in examples.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            if c == 5 {
                let amount = parse_amount(value, Scale::Wanyuan)
                    .ok()
                    .flatten()
                    .unwrap_or_default();
                sheet.write_number_with_format(r, c, f64_for_cell(amount), &money)?;
            } else {
                sheet.write_string_with_format(r, c, *value, &cell)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    let help = book.add_worksheet().set_name("填写说明")?;
    let notes = [
        "每行一条预算明细；表头名称可以略有不同（如“资金性质”“预算数”），但须包含上述各列。",
        "功能分类填项级7位编码（如2010301），也可以填“2010301 行政运行”；经济分类填款级5位编码（如30101）。",
        "资金来源：一般公共预算、政府性基金、国有资本经营、财政专户、单位资金。",
        "支出类型：人员经费、公用经费、项目支出；项目支出必须填项目编码或项目名称。",
        "金额单位以表头为准：“金额（万元）”或“金额（元）”，未注明时按万元。",
        "上年结转填“是”或“否”（空白为否）。",
        "导入时全部检查：有任何一处错误都不会导入，并列出每个错误所在的单元格。",
    ];
    help.set_column_width(0, 110)?;
    for (i, n) in notes.iter().enumerate() {
        help.write_string(i as u32, 0, *n)?;
    }
    book.save_to_buffer()
}

/// The xlsx format stores doubles; this is the one place a money value becomes one, rounded to
/// two decimals of 万元 first so the cell shows exactly the amount.
fn f64_for_cell(amount: crate::money::Money) -> f64 {
    amount.rounded(Scale::Wanyuan, 2).to_f64().unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(rows: &[&[&str]]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lines.xlsx");
        let mut book = Workbook::new();
        let sheet = book.add_worksheet().set_name("明细").unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                sheet.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
        book.save(&path).unwrap();
        (dir, path)
    }

    const HEAD: &[&str] = &[
        "功能分类",
        "经济分类科目",
        "资金性质",
        "支出类型",
        "项目名称",
        "预算数(元)",
        "备注",
    ];

    #[test]
    fn reads_lines_with_lenient_headers_and_yuan_amounts() {
        let (_d, path) = write(&[
            &["2024年预算明细"],
            &["编制部门：若羌县人民政府办公室"],
            HEAD,
            &[
                "2010301 行政运行",
                "30101",
                "一般公共预算拨款",
                "人员经费",
                "",
                "984,800.00",
                "",
            ],
            &[
                "2010399",
                "3022",
                "一般公共预算",
                "项目",
                "政务服务保障",
                "2340800",
                "新增",
            ],
            &["", "", "", "", "合计", "3325600", ""],
        ]);
        let got = read_lines(&path, Catalog::embedded(2024)).expect("imports");
        assert_eq!(got.unit.as_deref(), Some("若羌县人民政府办公室"));
        assert_eq!(got.year, Some(2024));
        assert_eq!(got.set.lines.len(), 2);
        assert_eq!(got.set.lines[0].function_code, "2010301");
        assert_eq!(got.set.lines[0].amount.plain_wanyuan(), "98.48");
        assert_eq!(got.set.lines[1].economic_code, "30202");
        assert_eq!(
            got.set.lines[1].project_code.as_deref(),
            Some("政务服务保障")
        );
        assert_eq!(got.set.projects.len(), 1);
        assert_eq!(got.set.lines[1].note, "新增");
    }

    #[test]
    fn every_bad_cell_is_reported_and_nothing_is_returned() {
        let (_d, path) = write(&[
            HEAD,
            &[
                "2010301",
                "30101",
                "一般公共预算",
                "人员经费",
                "",
                "1000",
                "",
            ],
            &[
                "2018801",
                "30101",
                "一般公共预算",
                "人员经费",
                "",
                "1000",
                "",
            ],
            &["2010301", "30101", "上级拨款", "人员经费", "", "abc", ""],
        ]);
        let problems = read_lines(&path, Catalog::embedded(2024)).unwrap_err();
        let cells: Vec<&str> = problems.iter().map(|p| p.cell.as_str()).collect();
        assert_eq!(cells, vec!["A3", "C4", "F4"]);
        assert!(problems[0].message.contains("2018801"));
        assert_eq!(problems[1].sheet, "明细");
        assert!(problems[2].to_string().contains("“abc”不是有效的金额"));
    }

    #[test]
    fn a_sheet_without_the_header_says_what_is_missing() {
        let (_d, path) = write(&[&["功能分类", "金额"], &["2010301", "1"]]);
        let problems = read_lines(&path, Catalog::embedded(2024)).unwrap_err();
        assert!(problems[0].message.contains("没有找到预算明细的表头"));
    }

    #[test]
    fn the_template_imports_as_its_two_example_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("template.xlsx");
        std::fs::write(&path, write_template().unwrap()).unwrap();
        let got = read_lines(&path, Catalog::embedded(2024)).expect("template imports");
        assert_eq!(got.set.lines.len(), 2);
        assert_eq!(got.set.lines[1].amount.plain_wanyuan(), "234.08");
        assert_eq!(got.set.projects[0].name, "政务服务保障经费");
    }
}
