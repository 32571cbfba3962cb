//! Reading 自评表 workbooks in seed 001's layout: one project per sheet or several blocks per
//! sheet, each block starting at its 项目名称 row. Labels are matched after folding spaces and
//! full-width punctuation ("项 目 名 称", "年初预算数（A)"), columns are found by their header
//! text, never by position, and every value keeps the cell it came from.

use crate::error::{CoreError, ErrorCode};
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use super::evaluate::EvaluationCells;
use super::model::{FundExecution, ScoreFinding, ScoreSeverity, SelfEvaluation};
use crate::indicator_value::{self, IndicatorValue};
use crate::money::{self, Money, Scale};
use crate::text::{a1, fold_label};
use crate::xlsx::{self, CellValue, SheetGrid, Workbook};

/// Why a 自评表 workbook could not be read. One Chinese sentence naming file, sheet and cell.
#[derive(Debug, thiserror::Error)]
pub enum SelfEvaluationReadError {
    /// The file could not be read as a workbook.
    #[error(transparent)]
    Workbook(#[from] xlsx::ReadError),
    /// No block of any sheet holds 项目名称 with 实际完成值 or 全年执行数 (a 绩效目标表 has
    /// neither).
    #[error("工作簿 {path} 中没有找到绩效自评表：没有一个工作表同时含“项目名称”和“实际完成值”或“全年执行数”。")]
    NotFound {
        /// The workbook.
        path: PathBuf,
    },
    /// A found block cannot be read: an empty 项目名称, an indicator header lacking a column, or
    /// an amount, score or rate that is not a number.
    #[error("工作簿 {path} 工作表“{sheet}”单元格 {cell}：{reason}")]
    Cell {
        /// The workbook.
        path: PathBuf,
        /// The worksheet's name.
        sheet: String,
        /// A1 reference of the cell.
        cell: String,
        /// What is wrong with it, in Chinese.
        reason: String,
    },
}

impl SelfEvaluationReadError {
    /// The kind of failure, as the UI branches on it ([`ErrorCode`]).
    pub fn code(&self) -> ErrorCode {
        match self {
            SelfEvaluationReadError::Workbook(e) => e.code(),
            SelfEvaluationReadError::NotFound { .. } => ErrorCode::NotASelfEvaluation,
            SelfEvaluationReadError::Cell { .. } => ErrorCode::UnreadableCell,
        }
    }
}

/// A refused 绩效自评表 reaches the shell with its code.
impl From<SelfEvaluationReadError> for CoreError {
    fn from(err: SelfEvaluationReadError) -> Self {
        CoreError::area(err.code(), &err)
    }
}

/// One project's self-evaluation as a workbook states it, where each value came from, and what
/// reading noticed (a 一级指标 heading whose weight disagrees with its rows, a qualitative band
/// inferred from a stated score).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadEvaluation {
    /// The values as the block states them.
    pub evaluation: SelfEvaluation,
    /// Where each value came from.
    pub cells: EvaluationCells,
    /// What reading noticed; `score_read` puts them before the scoring's findings.
    pub findings: Vec<ScoreFinding>,
}

/// Reads every 自评表 block of the workbook at `path`.
pub fn read_workbook(path: &Path) -> Result<Vec<ReadEvaluation>, SelfEvaluationReadError> {
    let workbook = xlsx::load(path)?;
    read_sheets(path, &workbook)
}

/// Reads every 自评表 block of an opened workbook; `path` only names the file in messages.
pub fn read_sheets(
    path: &Path,
    workbook: &Workbook,
) -> Result<Vec<ReadEvaluation>, SelfEvaluationReadError> {
    let mut evaluations = Vec::new();
    for sheet in &workbook.sheets {
        let starts = block_starts(sheet);
        for (i, &start) in starts.iter().enumerate() {
            let top = if i == 0 { 0 } else { starts[i - 1] + 1 };
            let end = starts.get(i + 1).copied().unwrap_or(sheet.height());
            let block = Block {
                path,
                sheet,
                top,
                start,
                end,
            };
            // A 绩效目标表 also has 项目名称 and indicators, but nothing was done yet: no
            // 实际完成值 and no 全年执行数. It is not an evaluation and is left alone.
            if block.is_self_evaluation() {
                evaluations.push(block.read()?);
            }
        }
    }
    if evaluations.is_empty() {
        return Err(SelfEvaluationReadError::NotFound {
            path: path.to_path_buf(),
        });
    }
    Ok(evaluations)
}

/// Rows holding a 项目名称 label: each starts one project's block.
fn block_starts(sheet: &SheetGrid) -> Vec<u32> {
    (0..sheet.height())
        .filter(|&r| {
            sheet
                .row_cells(r)
                .any(|(_, v)| matches!(v, CellValue::Text(t) if fold_label(t) == "项目名称"))
        })
        .collect()
}

/// Labels that sit in a row beside values; a value search to the right stops at them so that
/// a blank 主管部门 is not read as "实施单位".
const ROW_LABELS: &[&str] = &["主管部门", "实施单位", "填报机构", "填报单位", "填报日期"];

/// One project's rows: the title and 填报 line live in `top..start`, the table in `start..end`.
struct Block<'a> {
    path: &'a Path,
    sheet: &'a SheetGrid,
    top: u32,
    start: u32,
    end: u32,
}

/// Columns of the 项目资金 header row.
#[derive(Default)]
struct FundColumns {
    initial: Option<u32>,
    full_year: Option<u32>,
    executed: Option<u32>,
    weight: Option<u32>,
    rate: Option<u32>,
    score: Option<u32>,
}

impl Block<'_> {
    fn is_self_evaluation(&self) -> bool {
        self.find(self.top, self.end, |l| {
            l.starts_with("实际完成") || l.starts_with("全年执行") || l.contains("自评表")
        })
        .is_some()
    }

    fn read(&self) -> Result<ReadEvaluation, SelfEvaluationReadError> {
        let mut evaluation = SelfEvaluation::default();
        let mut cells = EvaluationCells {
            sheet: self.sheet.name.clone(),
            ..Default::default()
        };
        let mut findings = Vec::new();

        self.read_heading(&mut evaluation);
        if let Some((row, col)) = self.find(self.start, self.end, |l| l == "项目名称") {
            if let Some((c, text)) = self.value_right(row, col) {
                evaluation.project = text;
                cells.project = Some(a1(row, c));
            }
        }
        if let Some((row, col)) = self.find(self.start, self.end, |l| l == "主管部门") {
            evaluation.department = self.value_right(row, col).map(|v| v.1).unwrap_or_default();
        }
        if let Some((row, col)) = self.find(self.start, self.end, |l| l == "实施单位") {
            evaluation.implementer = self.value_right(row, col).map(|v| v.1).unwrap_or_default();
        }
        self.read_funds(&mut evaluation, &mut cells)?;
        self.read_overall_target(&mut evaluation);
        self.read_indicators(&mut evaluation, &mut cells, &mut findings)?;
        self.read_conclusion(&mut evaluation, &mut cells, &mut findings);
        if evaluation.project.is_empty() {
            return Err(self.cell_error(self.start, 0, "项目名称为空。".to_string()));
        }
        Ok(ReadEvaluation {
            evaluation,
            cells,
            findings,
        })
    }

    fn text(&self, row: u32, col: u32) -> String {
        self.sheet.cell(row, col).display().trim().to_string()
    }

    fn label(&self, row: u32, col: u32) -> String {
        match self.sheet.cell(row, col) {
            CellValue::Text(t) => fold_label(t),
            _ => String::new(),
        }
    }

    /// The first cell in `rows` (row by row, left to right) whose folded label satisfies `is`.
    fn find(&self, from: u32, to: u32, is: impl Fn(&str) -> bool) -> Option<(u32, u32)> {
        (from..to).find_map(|r| {
            self.sheet
                .row_cells(r)
                .find(|(c, _)| is(&self.label(r, *c)))
                .map(|(c, _)| (r, c))
        })
    }

    /// Like `find`, but the match nearest to `to`: the title of the second block on a sheet
    /// is the one just above its 项目名称, not anything further up.
    fn find_last(&self, from: u32, to: u32, is: impl Fn(&str) -> bool) -> Option<(u32, u32)> {
        (from..to).rev().find_map(|r| {
            self.sheet
                .row_cells(r)
                .find(|(c, _)| is(&self.label(r, *c)))
                .map(|(c, _)| (r, c))
        })
    }

    /// The next non-empty cell right of (row, col), unless it is another label of the row.
    fn value_right(&self, row: u32, col: u32) -> Option<(u32, String)> {
        let (c, value) = self.sheet.row_cells(row).find(|(c, _)| *c > col)?;
        let text = value.display().trim().to_string();
        let folded = fold_label(&text);
        let is_label = ROW_LABELS
            .iter()
            .any(|l| folded.trim_end_matches(':') == *l);
        (!is_label).then_some((c, text))
    }

    fn cell_error(&self, row: u32, col: u32, reason: String) -> SelfEvaluationReadError {
        SelfEvaluationReadError::Cell {
            path: self.path.to_path_buf(),
            sheet: self.sheet.name.clone(),
            cell: a1(row, col),
            reason,
        }
    }

    /// Title ("色尼区部门预算支出绩效自评表\n(2023年度）"), 填报机构 and 填报日期 above 项目名称.
    fn read_heading(&self, evaluation: &mut SelfEvaluation) {
        if let Some((row, col)) = self.find_last(self.top, self.start, |l| l.contains("自评表"))
        {
            let title = self.text(row, col);
            evaluation.year = year_of(&title);
            let first_line = title
                .split(['\n', '(', '（'])
                .next()
                .unwrap_or_default()
                .trim()
                .to_string();
            evaluation.title = first_line;
        }
        for (labels, field) in [
            (&["填报机构", "填报单位"][..], &mut evaluation.filled_by),
            (&["填报日期"][..], &mut evaluation.filled_on),
        ] {
            let Some((row, col)) = self.find_last(self.top, self.start, |l| {
                labels.iter().any(|x| l.starts_with(x))
            }) else {
                continue;
            };
            // "填报机构：某局" in one cell, or the label and the value side by side.
            let own = self.text(row, col);
            let inline = own
                .split_once(['：', ':'])
                .map(|(_, rest)| rest.trim().to_string())
                .filter(|rest| !rest.is_empty());
            *field = match inline {
                Some(value) => value,
                None => self.value_right(row, col).map(|v| v.1).unwrap_or_default(),
            };
        }
    }

    fn read_funds(
        &self,
        evaluation: &mut SelfEvaluation,
        cells: &mut EvaluationCells,
    ) -> Result<(), SelfEvaluationReadError> {
        let Some((header, _)) = self.find(self.start, self.end, |l| l.starts_with("年初预算"))
        else {
            return Ok(());
        };
        let mut columns = FundColumns::default();
        for (c, _) in self.sheet.row_cells(header) {
            let l = self.label(header, c);
            if l.starts_with("年初预算") {
                columns.initial = Some(c);
            } else if l.starts_with("全年预算") {
                columns.full_year = Some(c);
            } else if l.starts_with("全年执行") || l.starts_with("执行数") {
                columns.executed = Some(c);
            } else if l.starts_with("分值") {
                columns.weight = Some(c);
            } else if l.starts_with("执行率") {
                columns.rate = Some(c);
            } else if l.starts_with("得分") {
                columns.score = Some(c);
            }
        }
        let scale = self.amount_scale(header);
        let first_amount = [columns.initial, columns.full_year, columns.executed]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(0);
        let stop = self
            .find(header + 1, self.end, |l| {
                l.starts_with("年度总体目标") || l == "一级指标" || l.starts_with("绩效指标")
            })
            .map(|(r, _)| r)
            .unwrap_or(self.end);
        for row in header + 1..stop {
            let row_label: String = (0..first_amount).map(|c| self.label(row, c)).collect();
            let is_total = row_label.contains("资金总额") || row_label.contains("合计");
            let target = if row_label.contains("上年结转") {
                &mut evaluation.funds.carried_over
            } else if row_label.contains("其他资金") {
                &mut evaluation.funds.other
            } else if row_label.contains("财政拨款") {
                &mut evaluation.funds.current_appropriation
            } else if is_total {
                &mut evaluation.funds.total
            } else {
                continue;
            };
            *target = FundExecution {
                initial_budget: self.amount(row, columns.initial, scale)?,
                full_year_budget: self.amount(row, columns.full_year, scale)?,
                executed: self.amount(row, columns.executed, scale)?,
            };
            if is_total {
                let stated = &mut evaluation.stated;
                stated.execution_weight = self.points(row, columns.weight)?;
                stated.execution_rate = self.rate(row, columns.rate)?;
                stated.execution_score = self.points(row, columns.score)?;
                cells.execution_weight = columns.weight.map(|c| a1(row, c));
                cells.execution_rate = columns.rate.map(|c| a1(row, c));
                cells.execution_score = columns.score.map(|c| a1(row, c));
                cells.executed = columns.executed.map(|c| a1(row, c));
                cells.full_year_budget = columns.full_year.map(|c| a1(row, c));
            }
        }
        Ok(())
    }

    /// "项目资金 (万元)" or "(元)" near the header; 万元 when nothing says otherwise.
    fn amount_scale(&self, header: u32) -> Scale {
        let unit_label = self.find(self.start, header + 1, |l| {
            l.contains("项目资金") || l.contains("单位:")
        });
        match unit_label.map(|(r, c)| self.label(r, c)) {
            Some(l) if l.contains("(元)") || l.ends_with(":元") => Scale::Yuan,
            _ => Scale::Wanyuan,
        }
    }

    fn amount(
        &self,
        row: u32,
        col: Option<u32>,
        scale: Scale,
    ) -> Result<Option<Money>, SelfEvaluationReadError> {
        let Some(col) = col else { return Ok(None) };
        match self.sheet.cell(row, col) {
            CellValue::Empty => Ok(None),
            CellValue::Number(d) => Money::from_decimal(*d, scale)
                .map(Some)
                .map_err(|e| self.cell_error(row, col, e.to_string())),
            CellValue::Text(t) => money::parse_amount(t, scale)
                .map_err(|e| self.cell_error(row, col, format!("{e}，应为金额。"))),
        }
    }

    /// A score or weight: 10, "10", "10分", "10.5 分"; blank or "-" is none.
    fn points(
        &self,
        row: u32,
        col: Option<u32>,
    ) -> Result<Option<Decimal>, SelfEvaluationReadError> {
        let Some(col) = col else { return Ok(None) };
        parse_points(self.sheet.cell(row, col))
            .map_err(|text| self.cell_error(row, col, format!("“{text}”不是有效的分数。")))
    }

    /// 执行率 in percent: "100%" as written, or a number that Excel stores as a fraction.
    fn rate(&self, row: u32, col: Option<u32>) -> Result<Option<Decimal>, SelfEvaluationReadError> {
        let Some(col) = col else { return Ok(None) };
        match self.sheet.cell(row, col) {
            CellValue::Empty => Ok(None),
            // A percent-formatted cell stores 1 for 100 %; a plain 95 means 95 %.
            CellValue::Number(d) if *d <= Decimal::TWO => Ok(Some(*d * Decimal::ONE_HUNDRED)),
            CellValue::Number(d) => Ok(Some(*d)),
            CellValue::Text(t) => match indicator_value::parse(t) {
                IndicatorValue::Blank => Ok(None),
                IndicatorValue::Quantity(q) if q.unit.is_empty() || q.unit == "%" => {
                    Ok(Some(q.number))
                }
                _ => Err(self.cell_error(row, col, format!("“{}”不是有效的执行率。", t.trim()))),
            },
        }
    }

    /// 年度总体目标: the 预期目标 and 实际完成情况 texts under their headers.
    fn read_overall_target(&self, evaluation: &mut SelfEvaluation) {
        let Some((row, col)) = self.find(self.start, self.end, |l| l.starts_with("年度总体目标"))
        else {
            return;
        };
        let headers = self.find(row, (row + 2).min(self.end), |l| l.starts_with("预期目标"));
        let actual_header = self.find(row, (row + 2).min(self.end), |l| {
            l.starts_with("实际完成情况") || l.starts_with("实际完成")
        });
        match (headers, actual_header) {
            (Some((hr, tc)), Some((_, ac))) => {
                evaluation.overall_target = self.text(hr + 1, tc);
                evaluation.overall_actual = self.text(hr + 1, ac);
            }
            _ => {
                evaluation.overall_target =
                    self.value_right(row, col).map(|v| v.1).unwrap_or_default();
            }
        }
    }

    fn finding(
        &self,
        rule: &str,
        severity: ScoreSeverity,
        row: u32,
        col: u32,
        message: String,
    ) -> ScoreFinding {
        ScoreFinding {
            rule: rule.to_string(),
            severity,
            sheet: Some(self.sheet.name.clone()),
            cell: Some(a1(row, col)),
            message,
            expected: None,
            actual: None,
        }
    }
}

/// A score cell: a number, or text like "10分"; blank and dashes are none. The error is the
/// text that is not a score.
fn parse_points(cell: &CellValue) -> Result<Option<Decimal>, String> {
    match cell {
        CellValue::Empty => Ok(None),
        CellValue::Number(d) => Ok(Some(*d)),
        CellValue::Text(t) => {
            let folded = indicator_value::fold(t);
            let body = folded.trim_end_matches('分');
            if body.is_empty() || body.chars().all(|c| matches!(c, '-' | '—' | '/')) {
                return Ok(None);
            }
            body.parse::<Decimal>()
                .map(Some)
                .map_err(|_| t.trim().to_string())
        }
    }
}

/// "(2023年度）" → 2023: the four digits before 年.
fn year_of(title: &str) -> Option<i32> {
    let folded = indicator_value::fold(title);
    let at = folded.find('年')?;
    let digits: String = folded[..at]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (digits.len() == 4).then(|| digits.parse().ok()).flatten()
}

mod indicators;
#[cfg(test)]
mod tests;
