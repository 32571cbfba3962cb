//! A flat 决算数据 workbook, as accounting systems export it and officers keep it: a sheet of
//! 支出 (one row per 功能 × 经济 × 来源 × 类型), one of 收入, one of 结转和结余, and optionally one of
//! single figures (使用非财政拨款结余, 结余分配, 三公预算数). Columns are found by the header words
//! the 决算数据 grids use (`final_accounts::vocabulary`), in any order; amounts in 万元 unless a
//! header or the 单位 line says 元. Every problem is collected with its sheet and cell; nothing is
//! returned unless the whole workbook reads.

use crate::final_accounts::vocabulary::{
    header_rules, parse_fund, parse_kind, parse_source, HeaderRule,
};
use crate::final_accounts::{CarryOver, FinalData, FinalLine, IncomeLine, ThreePublicBudget};
use crate::money::{parse_amount, Money, Scale};
use crate::tables::FinalIncome;
use crate::text::{a1, fold_label};

use super::grid::{CellValue, SheetGrid};
use super::Workbook;

/// What is wrong where, in words the officer reads.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct FinalDataProblem {
    /// The sheet's name.
    pub sheet: String,
    /// A1 reference of the cell at fault.
    pub cell: String,
    /// What is wrong, in Chinese.
    pub message: String,
}

impl std::fmt::Display for FinalDataProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "工作表“{}”{}：{}", self.sheet, self.cell, self.message)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Part {
    Lines,
    Incomes,
    CarryOvers,
    Figures,
}

impl Part {
    fn label(self) -> &'static str {
        match self {
            Part::Lines => "支出",
            Part::Incomes => "收入",
            Part::CarryOvers => "结转和结余",
            Part::Figures => "其他数据",
        }
    }

    fn required(self) -> &'static [&'static str] {
        match self {
            Part::Lines => &["function_code", "economic_code", "source", "kind", "amount"],
            Part::Incomes => &["function_code", "source", "amount"],
            Part::CarryOvers => &["fund", "function_code", "opening", "closing"],
            Part::Figures => &[],
        }
    }
}

fn column_name(key: &str) -> &'static str {
    match key {
        "function_code" => "功能分类科目编码",
        "economic_code" => "经济分类科目编码",
        "source" => "资金来源",
        "kind" => "支出类型",
        "amount" => "金额",
        "project" => "项目",
        "fund" => "资金",
        "opening" => "年初结转和结余",
        "closing" => "年末结转和结余",
        _ => "列",
    }
}

/// The part a sheet holds, by its name.
fn part_of(name: &str) -> Option<Part> {
    let n = fold_label(name);
    if n.contains("结转") || n.contains("结余") && !n.contains("使用") {
        Some(Part::CarryOvers)
    } else if n.contains("支出") {
        Some(Part::Lines)
    } else if n.contains("收入") {
        Some(Part::Incomes)
    } else if n.contains("其他") || n.contains("补充") || n.contains("三公") {
        Some(Part::Figures)
    } else {
        None
    }
}

fn rules(part: Part) -> Vec<HeaderRule> {
    let all = header_rules();
    match part {
        Part::Lines => all.lines,
        Part::Incomes => all.incomes,
        Part::CarryOvers => all.carry_overs,
        Part::Figures => Vec::new(),
    }
}

/// A header row: its row, the column of each key found, and the unit of its amounts.
type Header = (u32, Vec<(&'static str, u32)>, Scale);

/// The header row (within the first rows) and the column of each key.
fn find_header(grid: &SheetGrid, part: Part) -> Option<Header> {
    let rules = rules(part);
    let mut scale = Scale::Wanyuan;
    for row in 0..grid.height().min(12) {
        let mut found: Vec<(&'static str, u32)> = Vec::new();
        for (col, value) in grid.row_cells(row) {
            let text = fold_label(&value.display());
            if text.contains("单位") && text.contains('元') && !text.contains("万元") {
                scale = Scale::Yuan;
            }
            let rule = rules
                .iter()
                .find(|r| r.contains.iter().any(|w| text.contains(w)));
            if let Some(key) = rule.and_then(|r| r.key) {
                if !found.iter().any(|(k, _)| *k == key) {
                    if text.contains("(元)") {
                        scale = Scale::Yuan;
                    }
                    found.push((key, col));
                }
            }
        }
        if found.len() >= 2 {
            return Some((row, found, scale));
        }
    }
    None
}

struct Reader<'a> {
    grid: &'a SheetGrid,
    problems: &'a mut Vec<FinalDataProblem>,
    scale: Scale,
}

impl Reader<'_> {
    fn problem(&mut self, row: u32, col: u32, message: String) {
        self.problems.push(FinalDataProblem {
            sheet: self.grid.name.clone(),
            cell: a1(row, col),
            message,
        });
    }

    fn text(&self, row: u32, col: u32) -> String {
        match self.grid.cell(row, col) {
            CellValue::Number(d) => d.normalize().to_string(),
            other => other.display().trim().to_string(),
        }
    }

    fn code(&mut self, row: u32, col: u32, digits: &[usize], what: &str) -> String {
        let raw = self.text(row, col);
        let code: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        let code = code
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap_or_default()
            .to_string();
        if code.is_empty() || !digits.contains(&code.len()) {
            self.problem(
                row,
                col,
                format!(
                    "{what}“{raw}”不是{}位编码。",
                    digits
                        .iter()
                        .map(|d| d.to_string())
                        .collect::<Vec<_>>()
                        .join("或")
                ),
            );
        }
        code
    }

    fn amount(&mut self, row: u32, col: u32, what: &str) -> Money {
        let value = match self.grid.cell(row, col) {
            CellValue::Empty => Ok(Some(Money::ZERO)),
            CellValue::Number(d) => Money::from_decimal(*d, self.scale).map(Some),
            CellValue::Text(t) => parse_amount(t, self.scale),
        };
        match value {
            Ok(Some(m)) if m >= Money::ZERO => m,
            Ok(Some(m)) => {
                self.problem(
                    row,
                    col,
                    format!(
                        "{what}为负数（{}万元），决算数据不能为负。",
                        m.plain_wanyuan()
                    ),
                );
                Money::ZERO
            }
            Ok(None) => Money::ZERO,
            Err(e) => {
                self.problem(row, col, format!("{what}：{e}"));
                Money::ZERO
            }
        }
    }

    /// A row that holds nothing, or only a 合计 label.
    fn skip(&self, row: u32) -> bool {
        let texts: Vec<String> = self
            .grid
            .row_cells(row)
            .map(|(_, v)| fold_label(&v.display()))
            .filter(|t| !t.is_empty())
            .collect();
        texts.is_empty()
            || texts
                .first()
                .is_some_and(|t| t == "合计" || t == "总计" || t.starts_with("注"))
    }
}

fn column(columns: &[(&'static str, u32)], key: &str) -> Option<u32> {
    columns.iter().find(|(k, _)| *k == key).map(|(_, c)| *c)
}

/// Reads the rows of one part (支出, 收入, 结转和结余 or 其他数据) from `grid` into `data`; every
/// problem goes to `problems`, and a row with an unrecognised word is left out.
fn read_part(
    grid: &SheetGrid,
    part: Part,
    data: &mut FinalData,
    problems: &mut Vec<FinalDataProblem>,
) {
    if part == Part::Figures {
        read_figures(grid, data, problems);
        return;
    }
    let Some((header, columns, scale)) = part_header(grid, part, problems) else {
        return;
    };
    let mut r = Reader {
        grid,
        problems,
        scale,
    };
    for row in header + 1..grid.height() {
        if r.skip(row) {
            continue;
        }
        match part {
            Part::Lines => r.line(row, &columns, data),
            Part::Incomes => r.income(row, &columns, data),
            Part::CarryOvers => r.carry_over(row, &columns, data),
            Part::Figures => {}
        }
    }
}

/// The header of a part's sheet, with every column the part requires; None, with the problem
/// noted, when there is no header or it lacks a required column.
fn part_header(
    grid: &SheetGrid,
    part: Part,
    problems: &mut Vec<FinalDataProblem>,
) -> Option<Header> {
    let Some((header, columns, scale)) = find_header(grid, part) else {
        problems.push(FinalDataProblem {
            sheet: grid.name.clone(),
            cell: "A1".into(),
            message: format!(
                "找不到{}的表头（应有{}等列）。",
                part.label(),
                part.required()
                    .iter()
                    .map(|k| column_name(k))
                    .collect::<Vec<_>>()
                    .join("、")
            ),
        });
        return None;
    };
    let missing: Vec<&str> = part
        .required()
        .iter()
        .filter(|k| column(&columns, k).is_none())
        .map(|k| column_name(k))
        .collect();
    if !missing.is_empty() {
        problems.push(FinalDataProblem {
            sheet: grid.name.clone(),
            cell: a1(header, 0),
            message: format!("{}表头缺少“{}”列。", part.label(), missing.join("”“")),
        });
        return None;
    }
    Some((header, columns, scale))
}

impl Reader<'_> {
    /// The fund source in the `source` column of `row`; None, with the problem noted, when it
    /// names none.
    fn source(&mut self, row: u32, col: u32) -> Option<FinalIncome> {
        let source_text = self.text(row, col);
        let source = parse_source(&source_text);
        if source.is_none() {
            self.problem(row, col, format!("资金来源“{source_text}”无法识别。"));
        }
        source
    }

    /// A row of the 支出 part into `data.lines`.
    fn line(&mut self, row: u32, columns: &[(&'static str, u32)], data: &mut FinalData) {
        let col = |key: &str| column(columns, key).unwrap_or(0);
        let function_code = self.code(row, col("function_code"), &[7], "功能分类科目编码");
        let economic_code = self.code(row, col("economic_code"), &[5], "经济分类科目编码");
        let source = self.source(row, col("source"));
        let kind_text = self.text(row, col("kind"));
        let kind = parse_kind(&kind_text);
        if kind.is_none() {
            self.problem(row, col("kind"), format!("支出类型“{kind_text}”无法识别。"));
        }
        let amount = self.amount(row, col("amount"), "金额");
        let project = column(columns, "project")
            .map(|c| self.text(row, c))
            .filter(|p| !p.is_empty());
        if let (Some(source), Some(kind)) = (source, kind) {
            data.lines.push(FinalLine {
                function_code,
                economic_code,
                source,
                kind,
                amount,
                project,
            });
        }
    }

    /// A row of the 收入 part into `data.incomes`.
    fn income(&mut self, row: u32, columns: &[(&'static str, u32)], data: &mut FinalData) {
        let col = |key: &str| column(columns, key).unwrap_or(0);
        let function_code = self.code(row, col("function_code"), &[7], "功能分类科目编码");
        let source = self.source(row, col("source"));
        let amount = self.amount(row, col("amount"), "金额");
        if let Some(source) = source {
            data.incomes.push(IncomeLine {
                function_code,
                source,
                amount,
            });
        }
    }

    /// A row of the 结转和结余 part into `data.carry_overs`.
    fn carry_over(&mut self, row: u32, columns: &[(&'static str, u32)], data: &mut FinalData) {
        let col = |key: &str| column(columns, key).unwrap_or(0);
        let function_code = self.code(row, col("function_code"), &[7], "功能分类科目编码");
        let fund_text = self.text(row, col("fund"));
        let fund = parse_fund(&fund_text);
        if fund.is_none() {
            self.problem(row, col("fund"), format!("资金“{fund_text}”无法识别。"));
        }
        let opening = self.amount(row, col("opening"), "年初结转和结余");
        let closing = self.amount(row, col("closing"), "年末结转和结余");
        if let Some(fund) = fund {
            data.carry_overs.push(CarryOver {
                fund,
                function_code,
                opening,
                closing,
            });
        }
    }
}

/// Label ‖ amount rows: 使用非财政拨款结余, 结余分配, and the 三公 预算数.
fn read_figures(grid: &SheetGrid, data: &mut FinalData, problems: &mut Vec<FinalDataProblem>) {
    let mut r = Reader {
        grid,
        problems,
        scale: Scale::Wanyuan,
    };
    let mut tp = ThreePublicBudget::default();
    for row in 0..grid.height() {
        let cells: Vec<(u32, String)> = grid
            .row_cells(row)
            .map(|(c, v)| (c, fold_label(&v.display())))
            .collect();
        let Some((label_col, label)) = cells.first().cloned() else {
            continue;
        };
        if label.contains("单位") && label.contains('元') && !label.contains("万元") {
            r.scale = Scale::Yuan;
            continue;
        }
        let Some(value_col) = cells.iter().map(|(c, _)| *c).find(|c| *c > label_col) else {
            continue;
        };
        let target: Option<&mut Money> = if label.contains("使用非财政拨款结余") {
            Some(&mut data.use_of_non_fiscal_balance)
        } else if label.contains("结余分配") {
            Some(&mut data.distribution)
        } else if label.contains("出国") {
            Some(&mut tp.outbound)
        } else if label.contains("购置") {
            Some(&mut tp.vehicle_purchase)
        } else if label.contains("运行") {
            Some(&mut tp.vehicle_operation)
        } else if label.contains("接待") {
            Some(&mut tp.reception)
        } else {
            None
        };
        if let Some(target) = target {
            *target = r.amount(row, value_col, &label);
        }
    }
    data.three_public_budget = tp;
}

/// Reads the 决算数据 of `book`: every sheet whose name says which part it holds. All or nothing.
pub fn read_final_data(book: &Workbook) -> Result<FinalData, Vec<FinalDataProblem>> {
    let mut data = FinalData::default();
    let mut problems = Vec::new();
    let mut parts = 0;
    for grid in &book.sheets {
        if let Some(part) = part_of(&grid.name) {
            parts += 1;
            read_part(grid, part, &mut data, &mut problems);
        }
    }
    if parts == 0 {
        problems.push(FinalDataProblem {
            sheet: book
                .sheets
                .first()
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            cell: "A1".into(),
            message: "没有名为“支出”“收入”或“结转和结余”的工作表，不是决算数据工作簿。".into(),
        });
    }
    if problems.is_empty() {
        Ok(data)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> CellValue {
        CellValue::Text(t.to_string())
    }

    fn sheet(name: &str, rows: Vec<Vec<CellValue>>) -> SheetGrid {
        SheetGrid::new(name.to_string(), rows, Vec::new())
    }

    fn number(n: i64, scale: u32) -> CellValue {
        CellValue::Number(rust_decimal::Decimal::new(n, scale))
    }

    #[test]
    fn reads_the_three_parts_in_any_column_order_and_units() {
        let book = Workbook {
            sheets: vec![
                sheet(
                    "支出",
                    vec![
                        vec![
                            text("金额（元）"),
                            text("功能分类科目编码"),
                            text("经济分类"),
                            text("资金来源"),
                            text("支出类型"),
                            text("项目"),
                        ],
                        vec![
                            number(123_456, 2),
                            text("2010301"),
                            text("30101"),
                            text("一般公共预算"),
                            text("基本支出"),
                            CellValue::Empty,
                        ],
                        vec![text("合计"), CellValue::Empty],
                    ],
                ),
                sheet(
                    "收入",
                    vec![
                        vec![text("功能分类"), text("收入来源"), text("金额")],
                        vec![number(2010301, 0), text("上级补助"), text("10.5")],
                    ],
                ),
                sheet(
                    "结转和结余",
                    vec![
                        vec![
                            text("资金"),
                            text("功能分类"),
                            text("年初结转和结余"),
                            text("年末结转和结余"),
                        ],
                        vec![text("非财政拨款"), text("2010301"), text("2"), text("1.5")],
                    ],
                ),
                sheet(
                    "其他数据",
                    vec![
                        vec![text("使用非财政拨款结余"), text("0.3")],
                        vec![text("公务接待费预算数"), text("2.85")],
                    ],
                ),
            ],
        };
        let data = read_final_data(&book).unwrap();
        assert_eq!(data.lines.len(), 1);
        // 1,234.56 元 = 0.123456 万元, kept to the 分.
        assert_eq!(data.lines[0].amount, Money::from_fen(123_456));
        assert_eq!(data.lines[0].function_code, "2010301");
        assert_eq!(data.incomes[0].amount.plain_wanyuan(), "10.50");
        assert_eq!(data.carry_overs[0].closing.plain_wanyuan(), "1.50");
        assert_eq!(data.use_of_non_fiscal_balance.plain_wanyuan(), "0.30");
        assert_eq!(data.three_public_budget.reception.plain_wanyuan(), "2.85");
    }

    #[test]
    fn every_problem_is_named_by_its_cell_and_nothing_is_returned() {
        let book = Workbook {
            sheets: vec![sheet(
                "支出",
                vec![
                    vec![
                        text("功能分类"),
                        text("经济分类"),
                        text("资金来源"),
                        text("支出类型"),
                        text("金额"),
                    ],
                    vec![
                        text("20103"),
                        text("30101"),
                        text("一般公共预算"),
                        text("基本支出"),
                        text("1"),
                    ],
                    vec![
                        text("2010301"),
                        text("30101"),
                        text("专项"),
                        text("基本"),
                        text("12..5a"),
                    ],
                ],
            )],
        };
        let problems = read_final_data(&book).unwrap_err();
        let cells: Vec<&str> = problems.iter().map(|p| p.cell.as_str()).collect();
        assert_eq!(cells, ["A2", "C3", "E3"], "{problems:#?}");
        assert!(problems[0].to_string().starts_with("工作表“支出”A2："));
        let none = Workbook {
            sheets: vec![sheet("Sheet1", vec![vec![text("x")]])],
        };
        assert!(read_final_data(&none).unwrap_err()[0]
            .message
            .contains("不是决算数据工作簿"));
    }
}
