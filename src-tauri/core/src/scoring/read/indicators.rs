//! The 绩效指标 part of a 自评表 block: the header row, the indicator rows with 一级/二级
//! carried down over merged cells, the 总分 row, and the 自评结论.

use rust_decimal::Decimal;

use super::{Block, SelfEvaluationReadError};
use crate::indicator_value::{self, IndicatorValue};
use crate::scoring::evaluate::{EvaluationCells, IndicatorCells};
use crate::scoring::model::{
    EvaluatedIndicator, EvaluationGrade, QualitativeGrading, ScoreFinding, ScoreSeverity,
    SelfEvaluation,
};
use crate::scoring::rules;
use crate::text::a1;

/// Columns of the 绩效指标 header row.
struct IndicatorColumns {
    level1: Option<u32>,
    level2: Option<u32>,
    name: u32,
    target: u32,
    actual: u32,
    weight: u32,
    score: u32,
    deviation: Option<u32>,
}

impl Block<'_> {
    fn indicator_columns(&self, header: u32) -> Result<IndicatorColumns, SelfEvaluationReadError> {
        let mut level1 = None;
        let mut level2 = None;
        let mut name = None;
        let mut target = None;
        let mut actual = None;
        let mut weight = None;
        let mut score = None;
        let mut deviation = None;
        for (c, _) in self.sheet.row_cells(header) {
            let l = self.label(header, c);
            if l.starts_with("一级指标") {
                level1 = Some(c);
            } else if l.starts_with("二级指标") {
                level2 = Some(c);
            } else if l.starts_with("三级指标") {
                name = Some(c);
            } else if l.starts_with("实际") {
                actual = Some(c);
            } else if l.contains("指标值") {
                target = Some(c);
            } else if l.starts_with("分值") || l.starts_with("权重") {
                weight = Some(c);
            } else if l.starts_with("得分") {
                score = Some(c);
            } else if l.contains("偏差") {
                deviation = Some(c);
            }
        }
        let missing = [
            (name.is_none(), "三级指标"),
            (target.is_none(), "年度指标值"),
            (actual.is_none(), "实际完成值"),
            (weight.is_none(), "分值"),
            (score.is_none(), "得分"),
        ]
        .into_iter()
        .filter(|(absent, _)| *absent)
        .map(|(_, label)| label)
        .collect::<Vec<_>>();
        match (name, target, actual, weight, score) {
            (Some(name), Some(target), Some(actual), Some(weight), Some(score)) => {
                Ok(IndicatorColumns {
                    level1,
                    level2,
                    name,
                    target,
                    actual,
                    weight,
                    score,
                    deviation,
                })
            }
            _ => Err(self.cell_error(
                header,
                level1.unwrap_or(0),
                format!("绩效指标表头缺少“{}”列。", missing.join("”“")),
            )),
        }
    }

    pub(super) fn read_indicators(
        &self,
        evaluation: &mut SelfEvaluation,
        cells: &mut EvaluationCells,
        findings: &mut Vec<ScoreFinding>,
    ) -> Result<(), SelfEvaluationReadError> {
        let Some((header, _)) = self.find(self.start, self.end, |l| l.starts_with("一级指标"))
        else {
            return Ok(());
        };
        let columns = self.indicator_columns(header)?;
        let first_col = columns.level1.unwrap_or(columns.name);
        let mut level1 = String::new();
        let mut level2 = String::new();
        // (heading cell, stated weight, index of the first indicator under it)
        let mut headings: Vec<(u32, u32, Decimal, usize)> = Vec::new();
        for row in header + 1..self.end {
            let row_label: String = (0..first_col).map(|c| self.label(row, c)).collect();
            if row_label.starts_with("总分") || row_label.starts_with("合计") {
                if evaluation.stated.total.is_none() {
                    evaluation.stated.weight_total = self.points(row, Some(columns.weight))?;
                    evaluation.stated.total = self.points(row, Some(columns.score))?;
                    cells.weight_total = Some(a1(row, columns.weight));
                    cells.total = Some(a1(row, columns.score));
                }
                continue;
            }
            if row_label.starts_with("自评结论") {
                break;
            }
            if let Some(c) = columns.level1 {
                let text = self.text(row, c);
                if !text.is_empty() {
                    let (name, weight) = split_heading_weight(&text);
                    level1 = name;
                    level2.clear();
                    if let Some(weight) = weight {
                        headings.push((row, c, weight, evaluation.indicators.len()));
                    }
                }
            }
            if let Some(c) = columns.level2 {
                let text = self.text(row, c);
                if !text.is_empty() {
                    level2 = text;
                }
            }
            let name = self.text(row, columns.name);
            let target = self.text(row, columns.target);
            if name.is_empty() && target.is_empty() {
                continue;
            }
            let heading = (level1.clone(), level2.clone());
            self.push_indicator(
                row,
                &columns,
                heading,
                (name, target),
                evaluation,
                cells,
                findings,
            )?;
        }
        self.check_headings(&headings, evaluation, findings);
        self.infer_gradings(evaluation, cells, findings);
        Ok(())
    }

    /// Adds the indicator of `row` (its 一级/二级 `heading`, its `name` and `target` already
    /// read) with the cells it came from; a missing 分值 counts as 0 and is an error finding.
    #[allow(clippy::too_many_arguments)]
    fn push_indicator(
        &self,
        row: u32,
        columns: &IndicatorColumns,
        (level1, level2): (String, String),
        (name, target): (String, String),
        evaluation: &mut SelfEvaluation,
        cells: &mut EvaluationCells,
        findings: &mut Vec<ScoreFinding>,
    ) -> Result<(), SelfEvaluationReadError> {
        let weight = self.points(row, Some(columns.weight))?;
        let indicator = EvaluatedIndicator {
            level1,
            level2,
            name,
            target,
            actual: self.text(row, columns.actual),
            weight: weight.unwrap_or(Decimal::ZERO),
            stated_score: self.points(row, Some(columns.score))?,
            grading: None,
            deviation: columns
                .deviation
                .map(|c| self.text(row, c))
                .unwrap_or_default(),
        };
        if weight.is_none() {
            findings.push(self.finding(
                "indicator_no_weight",
                ScoreSeverity::Error,
                row,
                columns.weight,
                format!("指标“{}”没有分值，按 0 分计。", indicator.name),
            ));
        }
        cells.indicators.push(IndicatorCells {
            name: Some(a1(row, columns.name)),
            target: Some(a1(row, columns.target)),
            actual: Some(a1(row, columns.actual)),
            weight: Some(a1(row, columns.weight)),
            score: Some(a1(row, columns.score)),
        });
        evaluation.indicators.push(indicator);
        Ok(())
    }

    /// "产出指标(50分）" must equal the sum of the weights under it.
    fn check_headings(
        &self,
        headings: &[(u32, u32, Decimal, usize)],
        evaluation: &SelfEvaluation,
        findings: &mut Vec<ScoreFinding>,
    ) {
        for (i, &(row, col, stated, first)) in headings.iter().enumerate() {
            let last = headings
                .get(i + 1)
                .map(|h| h.3)
                .unwrap_or(evaluation.indicators.len());
            let Some(group) = evaluation.indicators.get(first..last) else {
                continue;
            };
            let sum: Decimal = group.iter().map(|i| i.weight).sum();
            if sum != stated {
                let name = group.first().map(|i| i.level1.as_str()).unwrap_or_default();
                let mut finding = self.finding(
                    "level_weight",
                    ScoreSeverity::Warning,
                    row,
                    col,
                    format!(
                        "一级指标“{name}”标明 {} 分，其下各指标分值合计为 {} 分。",
                        stated.normalize(),
                        sum.normalize()
                    ),
                );
                finding.expected = Some(sum.normalize().to_string());
                finding.actual = Some(stated.normalize().to_string());
                findings.push(finding);
            }
        }
    }

    /// A qualitative indicator whose result is not the target wording needs a band; the
    /// workbook has no column for it, so the band is the one its stated score falls in.
    fn infer_gradings(
        &self,
        evaluation: &mut SelfEvaluation,
        cells: &EvaluationCells,
        findings: &mut Vec<ScoreFinding>,
    ) {
        for (indicator, at) in evaluation.indicators.iter_mut().zip(&cells.indicators) {
            let qualitative = matches!(
                indicator_value::parse(&indicator.target),
                IndicatorValue::Wording { .. }
            );
            let actual = indicator_value::fold(&indicator.actual);
            if !qualitative
                || actual.is_empty()
                || rules::same_wording(&indicator.actual, &indicator.target)
            {
                continue;
            }
            let Some(score) = indicator.stated_score else {
                continue;
            };
            let Some(achievement) = rules::achievement_for_score(score, indicator.weight) else {
                continue;
            };
            let (low, high) = rules::band(achievement, indicator.weight);
            findings.push(ScoreFinding {
                rule: "qualitative_grade_inferred".to_string(),
                severity: ScoreSeverity::Warning,
                sheet: Some(self.sheet.name.clone()),
                cell: at.score.clone(),
                message: format!(
                    "定性指标“{}”实际完成值“{}”与年度指标值“{}”表述不一致，按表内得分 {} 分认定为“{}”（{low}–{high} 分），请确认。",
                    indicator.name,
                    indicator.actual,
                    indicator.target,
                    score.normalize(),
                    achievement.label()
                ),
                expected: None,
                actual: Some(score.normalize().to_string()),
            });
            indicator.grading = Some(QualitativeGrading { achievement, score });
        }
    }

    /// 总分 may also sit below the indicator rows without a 一级指标 header; 自评结论 holds the grade.
    pub(super) fn read_conclusion(
        &self,
        evaluation: &mut SelfEvaluation,
        cells: &mut EvaluationCells,
        findings: &mut Vec<ScoreFinding>,
    ) {
        let Some((row, col)) = self.find(self.start, self.end, |l| l.starts_with("自评结论"))
        else {
            return;
        };
        let Some((c, text)) = self.value_right(row, col) else {
            return;
        };
        cells.grade = Some(a1(row, c));
        let first = text.chars().next().map(String::from).unwrap_or_default();
        match EvaluationGrade::from_label(&text).or_else(|| EvaluationGrade::from_label(&first)) {
            Some(grade) => evaluation.stated.grade = Some(grade),
            None => findings.push(self.finding(
                "stated_grade_unreadable",
                ScoreSeverity::Warning,
                row,
                c,
                format!("自评结论“{text}”不是优、良、中、差之一。"),
            )),
        }
    }
}

/// "产出指标(50分）" → ("产出指标", 50); "产出指标" → ("产出指标", None).
pub(super) fn split_heading_weight(text: &str) -> (String, Option<Decimal>) {
    let folded = indicator_value::fold(text);
    if let Some(open) = folded.find('(') {
        let inner = folded[open + 1..].trim_end_matches(')');
        if let Some(Ok(weight)) = inner.strip_suffix('分').map(str::parse::<Decimal>) {
            return (folded[..open].to_string(), Some(weight));
        }
    }
    (text.trim().to_string(), None)
}
