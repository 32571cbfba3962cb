//! Writing the 自评表 of each project in seed 001's layout: one sheet per project, title and
//! headers merged as printed forms have them, 宋体, thin borders, amounts `#,##0.00` in 万元,
//! A4 landscape fitted to the page width. The scores written are the computed ones, so a
//! workbook exported here reads back with no findings.

use crate::error::{CoreError, ErrorCode};
use std::path::{Path, PathBuf};

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::evaluate::score;
use super::model::{EvaluatedIndicator, EvaluationScore, FundExecution, SelfEvaluation};
use super::rules::EXECUTION_WEIGHT;
use crate::money::{Money, Scale};

/// Why the 自评表 workbook could not be exported.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Building the workbook failed (rust_xlsxwriter's error).
    #[error("生成绩效自评表工作簿失败：{0}")]
    Xlsx(#[from] XlsxError),
    /// Saving the file failed.
    #[error("保存绩效自评表到 {path} 失败：{}。", crate::text::io_reason(.source))]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
}

impl ExportError {
    /// The kind of failure, as the UI branches on it ([`ErrorCode`]).
    pub fn code(&self) -> ErrorCode {
        match self {
            ExportError::Xlsx(_) => ErrorCode::Export,
            ExportError::Io { source, .. } => crate::error::io_code(source),
        }
    }
}

/// A 绩效自评表 that could not be exported reaches the shell with its code.
impl From<ExportError> for CoreError {
    fn from(err: ExportError) -> Self {
        CoreError::area(err.code(), &err)
    }
}

/// Columns of the form, A to I.
const LAST_COL: u16 = 8;
const FONT: &str = "宋体";
/// Excel's paper size code for A4.
const PAPER_A4: u8 = 9;
const GRADE_NOTE: &str =
    "总分高于90分（含）的结论为“优”，90～80分（含）为“良”，80～60分（含）为“中”，低于60分为“差”。";

struct Formats {
    title: Format,
    plain: Format,
    label: Format,
    text: Format,
    amount: Format,
    weight: Format,
    score: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new().set_font_name(FONT).set_font_size(10);
        let cell = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap();
        Formats {
            title: base
                .clone()
                .set_font_size(16)
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            plain: base.set_align(FormatAlign::VerticalCenter),
            label: cell.clone().set_align(FormatAlign::Center).set_bold(),
            text: cell.clone().set_align(FormatAlign::Left),
            amount: cell.clone().set_num_format("#,##0.00"),
            weight: cell.clone().set_align(FormatAlign::Center),
            score: cell.set_align(FormatAlign::Center).set_num_format("0.00"),
        }
    }
}

/// Writes every evaluation to one workbook (a sheet per project) and returns its bytes.
pub fn write_workbook(evaluations: &[SelfEvaluation]) -> Result<Vec<u8>, ExportError> {
    let formats = Formats::new();
    let mut book = Workbook::new();
    let mut names: Vec<String> = Vec::new();
    for evaluation in evaluations {
        let name = sheet_name(&evaluation.project, &names);
        let sheet = book.add_worksheet();
        sheet.set_name(&name)?;
        names.push(name);
        write_sheet(sheet, evaluation, &score(evaluation), &formats)?;
    }
    Ok(book.save_to_buffer()?)
}

/// Writes every evaluation to the workbook file at `path`.
pub fn export_workbook(path: &Path, evaluations: &[SelfEvaluation]) -> Result<(), ExportError> {
    let bytes = write_workbook(evaluations)?;
    crate::files::write_whole(path, &bytes).map_err(|source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// A sheet name Excel accepts: no []:*?/\, at most 31 characters, unique in the workbook.
fn sheet_name(project: &str, taken: &[String]) -> String {
    let cleaned: String = project
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            // The workbook's XML cannot carry control characters (a pasted project name).
            c if c.is_control() || !crate::text::is_xml_char(c) => '_',
            c => c,
        })
        .collect();
    let cleaned = cleaned.trim().trim_matches('\'');
    let base: String = if cleaned.is_empty() {
        "自评表".to_string()
    } else {
        cleaned.chars().take(31).collect()
    };
    let mut name = base.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        let suffix = format!("({n})");
        let keep = 31 - suffix.chars().count();
        name = base.chars().take(keep).collect::<String>() + &suffix;
        n += 1;
    }
    name
}

/// Merges the range, or writes the one cell when the range is a single cell (which Excel
/// does not allow as a merge).
fn put(
    sheet: &mut Worksheet,
    (r1, c1): (u32, u16),
    (r2, c2): (u32, u16),
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if (r1, c1) == (r2, c2) {
        sheet.write_string_with_format(r1, c1, text, format)?;
    } else {
        sheet.merge_range(r1, c1, r2, c2, text, format)?;
    }
    Ok(())
}

fn number(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<Decimal>,
    format: &Format,
) -> Result<(), XlsxError> {
    match value.and_then(|v| v.to_f64()) {
        Some(v) => sheet.write_number_with_format(row, col, v, format)?,
        None => sheet.write_blank(row, col, format)?,
    };
    Ok(())
}

fn wanyuan(money: Option<Money>) -> Option<Decimal> {
    money.map(|m| m.to_decimal(Scale::Wanyuan))
}

fn write_sheet(
    sheet: &mut Worksheet,
    e: &SelfEvaluation,
    result: &EvaluationScore,
    f: &Formats,
) -> Result<(), XlsxError> {
    for (col, width) in [8.0, 12.0, 12.0, 24.0, 14.0, 14.0, 8.0, 10.0, 24.0]
        .into_iter()
        .enumerate()
    {
        sheet.set_column_width(col as u16, width)?;
    }
    sheet.set_paper_size(PAPER_A4);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);

    let title = if e.title.trim().is_empty() {
        "项目支出绩效自评表"
    } else {
        e.title.trim()
    };
    let title = match e.year {
        Some(year) => format!("{title}\n（{year}年度）"),
        None => title.to_string(),
    };
    sheet.set_row_height(0, 48)?;
    put(sheet, (0, 0), (0, LAST_COL), &title, &f.title)?;
    sheet.write_string_with_format(1, 0, "填报机构：", &f.plain)?;
    put(sheet, (1, 1), (1, 4), &e.filled_by, &f.plain)?;
    sheet.write_string_with_format(1, 5, "填报日期：", &f.plain)?;
    put(sheet, (1, 6), (1, LAST_COL), &e.filled_on, &f.plain)?;

    put(sheet, (2, 0), (2, 1), "项目名称", &f.label)?;
    put(sheet, (2, 2), (2, LAST_COL), &e.project, &f.text)?;
    put(sheet, (3, 0), (3, 1), "主管部门", &f.label)?;
    put(sheet, (3, 2), (3, 4), &e.department, &f.text)?;
    sheet.write_string_with_format(3, 5, "实施单位", &f.label)?;
    put(sheet, (3, 6), (3, LAST_COL), &e.implementer, &f.text)?;

    write_funds(sheet, e, result, f)?;

    put(sheet, (9, 0), (10, 0), "年度总体目标", &f.label)?;
    put(sheet, (9, 1), (9, 4), "预期目标", &f.label)?;
    put(sheet, (9, 5), (9, LAST_COL), "实际完成情况", &f.label)?;
    sheet.set_row_height(10, 60)?;
    put(sheet, (10, 1), (10, 4), &e.overall_target, &f.text)?;
    put(sheet, (10, 5), (10, LAST_COL), &e.overall_actual, &f.text)?;

    let last = write_indicators(sheet, &e.indicators, result, f)?;

    let total_row = last + 1;
    put(sheet, (total_row, 0), (total_row, 5), "总分", &f.label)?;
    let weight_total = EXECUTION_WEIGHT + e.indicators.iter().map(|i| i.weight).sum::<Decimal>();
    number(sheet, total_row, 6, Some(weight_total), &f.weight)?;
    number(sheet, total_row, 7, Some(result.total), &f.score)?;
    sheet.write_blank(total_row, 8, &f.text)?;
    let grade_row = total_row + 1;
    sheet.write_string_with_format(grade_row, 0, "自评结论", &f.label)?;
    sheet.write_string_with_format(grade_row, 1, result.grade.label(), &f.label)?;
    sheet.set_row_height(grade_row, 30)?;
    put(
        sheet,
        (grade_row, 2),
        (grade_row, LAST_COL),
        GRADE_NOTE,
        &f.text,
    )?;
    Ok(())
}

/// Rows 5–9: the 项目资金 block. Only 年度资金总额 carries 分值, 执行率 and 得分.
fn write_funds(
    sheet: &mut Worksheet,
    e: &SelfEvaluation,
    result: &EvaluationScore,
    f: &Formats,
) -> Result<(), XlsxError> {
    put(sheet, (4, 0), (8, 0), "项目资金\n（万元）", &f.label)?;
    put(sheet, (4, 1), (4, 2), "", &f.label)?;
    let headers = [
        "年初预算数（A）",
        "全年预算数（B）",
        "全年执行数（C）",
        "分值",
        "执行率（C/B）",
        "得分",
    ];
    for (i, header) in headers.into_iter().enumerate() {
        sheet.write_string_with_format(4, 3 + i as u16, header, &f.label)?;
    }
    let rows: [(&str, &FundExecution); 4] = [
        ("年度资金总额：", &e.funds.total),
        ("其中：当年财政拨款", &e.funds.current_appropriation),
        ("上年结转资金", &e.funds.carried_over),
        ("其他资金", &e.funds.other),
    ];
    for (i, (label, fund)) in rows.into_iter().enumerate() {
        let row = 5 + i as u32;
        put(sheet, (row, 1), (row, 2), label, &f.text)?;
        number(sheet, row, 3, wanyuan(fund.initial_budget), &f.amount)?;
        number(sheet, row, 4, wanyuan(fund.full_year_budget), &f.amount)?;
        number(sheet, row, 5, wanyuan(fund.executed), &f.amount)?;
        if i == 0 {
            number(sheet, row, 6, Some(EXECUTION_WEIGHT), &f.weight)?;
            match result.execution_rate {
                Some(rate) => {
                    sheet.write_string_with_format(row, 7, format!("{rate}%"), &f.weight)?
                }
                None => sheet.write_blank(row, 7, &f.weight)?,
            };
            number(sheet, row, 8, result.execution_score, &f.score)?;
        } else {
            for col in 6..=8 {
                sheet.write_blank(row, col, &f.weight)?;
            }
        }
    }
    Ok(())
}

/// The 绩效指标 header (row 12) and one row per indicator; 一级 and 二级 merged over the rows
/// they span, 一级 showing its weight ("产出指标（50分）"). Returns the last row written.
fn write_indicators(
    sheet: &mut Worksheet,
    indicators: &[EvaluatedIndicator],
    result: &EvaluationScore,
    f: &Formats,
) -> Result<u32, XlsxError> {
    const HEADER: u32 = 11;
    let headers = [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ];
    for (i, header) in headers.into_iter().enumerate() {
        sheet.write_string_with_format(HEADER, 1 + i as u16, header, &f.label)?;
    }
    let first = HEADER + 1;
    let last = HEADER + indicators.len().max(1) as u32;
    put(sheet, (HEADER, 0), (last, 0), "绩效指标", &f.label)?;

    for (level1_run, run) in runs(indicators, |i| i.level1.as_str()) {
        let weight: Decimal = indicators[run.clone()].iter().map(|i| i.weight).sum();
        let heading = if level1_run.is_empty() {
            String::new()
        } else {
            format!("{level1_run}（{}分）", weight.normalize())
        };
        let (top, bottom) = (first + run.start as u32, first + run.end as u32 - 1);
        put(sheet, (top, 1), (bottom, 1), &heading, &f.text)?;
        let group = &indicators[run.clone()];
        for (level2, sub) in runs(group, |i| i.level2.as_str()) {
            let (top, bottom) = (
                first + (run.start + sub.start) as u32,
                first + (run.start + sub.end) as u32 - 1,
            );
            put(sheet, (top, 2), (bottom, 2), level2, &f.text)?;
        }
    }
    for (i, indicator) in indicators.iter().enumerate() {
        let row = first + i as u32;
        sheet.write_string_with_format(row, 3, &indicator.name, &f.text)?;
        sheet.write_string_with_format(row, 4, &indicator.target, &f.weight)?;
        sheet.write_string_with_format(row, 5, &indicator.actual, &f.weight)?;
        number(sheet, row, 6, Some(indicator.weight), &f.weight)?;
        let computed = result.indicators.get(i).and_then(|s| s.score);
        number(sheet, row, 7, computed, &f.score)?;
        sheet.write_string_with_format(row, 8, &indicator.deviation, &f.text)?;
    }
    if indicators.is_empty() {
        for col in 1..=LAST_COL {
            sheet.write_blank(first, col, &f.text)?;
        }
    }
    Ok(last)
}

/// Consecutive runs of equal keys: [("产出指标", 0..6), ("效益指标", 6..8), …].
fn runs<'a>(
    items: &'a [EvaluatedIndicator],
    key: impl Fn(&'a EvaluatedIndicator) -> &'a str,
) -> Vec<(&'a str, std::ops::Range<usize>)> {
    let mut out: Vec<(&str, std::ops::Range<usize>)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let k = key(item);
        match out.last_mut() {
            Some((last, range)) if *last == k => range.end = i + 1,
            _ => out.push((k, i..i + 1)),
        }
    }
    out
}

#[cfg(test)]
#[path = "write_tests.rs"]
mod tests;
