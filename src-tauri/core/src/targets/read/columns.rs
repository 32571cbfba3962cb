//! Header cells of the target layouts, told apart by what they say ("指标值设置依据" is not
//! "指标值", "度量单位" is not "单位").

use super::Sheet;
use crate::text::fold_label;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Unit,
    Project,
    Code,
    Amount,
    Level1,
    Level2,
    Level3,
    Operator,
    Value,
    MeasureUnit,
    Weight,
    Direction,
    Basis,
    LastYear,
    ScoringRule,
    Evidence,
    Goal,
    Indicators,
}

/// What a header cell names, if it names a column of a target table.
pub fn classify(text: &str) -> Option<Column> {
    let f = fold_label(text);
    let f = f.trim_end_matches(':');
    let column = if f.contains("一级指标") {
        Column::Level1
    } else if f.contains("二级指标") {
        Column::Level2
    } else if f.contains("三级指标") {
        Column::Level3
    } else if f.contains("依据") {
        Column::Basis
    } else if f.contains("上年") {
        Column::LastYear
    } else if f.contains("赋分") {
        Column::ScoringRule
    } else if f.contains("佐证") {
        Column::Evidence
    } else if f.contains("权重") || f.starts_with("分值") || f.starts_with("指标分值") {
        Column::Weight
    } else if f.contains("方向") {
        Column::Direction
    } else if f.contains("性质") || f.contains("运算符") {
        Column::Operator
    } else if f.contains("度量单位") || f.contains("计量单位") {
        Column::MeasureUnit
    } else if f.starts_with("指标值") {
        Column::Value
    } else if f.contains("绩效指标") {
        Column::Indicators
    } else if f.contains("绩效目标") || f.contains("总体目标") {
        Column::Goal
    } else if f.contains("项目编码") || f.contains("项目代码") {
        Column::Code
    } else if f.contains("项目") {
        Column::Project
    } else if f.starts_with("金额") || f.contains("资金") || f.contains("预算数") {
        Column::Amount
    } else if f.contains("编码") || f == "序号" {
        Column::Code
    } else if f == "单位" || f == "单位名称" || f == "预算单位" {
        Column::Unit
    } else {
        return None;
    };
    Some(column)
}

/// The columns a row names, when it reads as a header of a target table (it names 三级指标 or
/// 绩效指标); empty otherwise.
pub(super) fn header_columns(sheet: &Sheet<'_>, row: u32) -> Vec<(u32, Column)> {
    let cells: Vec<(u32, Column)> = sheet
        .grid
        .row_cells(row)
        .filter_map(|(col, v)| classify(&v.display()).map(|c| (col, c)))
        .collect();
    let is_header = cells
        .iter()
        .any(|(_, c)| matches!(c, Column::Level3 | Column::Indicators));
    if !is_header {
        return Vec::new();
    }
    // The first column of each kind: a repeated header cell is a merged header's echo.
    let mut out: Vec<(u32, Column)> = Vec::new();
    for (col, c) in cells {
        if !out.iter().any(|(_, k)| *k == c) {
            out.push((col, c));
        }
    }
    out
}

pub(super) fn column_of(columns: &[(u32, Column)], kind: Column) -> Option<u32> {
    columns.iter().find(|(_, k)| *k == kind).map(|(c, _)| *c)
}

/// Whether the amounts of a table are in 元 (a header says "(元)") rather than 万元.
pub(super) fn amounts_in_yuan(header: &str) -> bool {
    let f = fold_label(header);
    f.contains("(元)") || (f.contains('元') && !f.contains("万元"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_texts() {
        assert_eq!(classify("指标值设置依据"), Some(Column::Basis));
        assert_eq!(classify("指标值 (包含数字及文字描述)"), Some(Column::Value));
        assert_eq!(classify("度量单位"), Some(Column::MeasureUnit));
        assert_eq!(classify("单位"), Some(Column::Unit));
        assert_eq!(classify("单位及项目名称"), Some(Column::Project));
        assert_eq!(classify("金额（万元）"), Some(Column::Amount));
        assert_eq!(classify("指标分值权重"), Some(Column::Weight));
        assert_eq!(classify("指标性质"), Some(Column::Operator));
        assert_eq!(classify("绩效指标"), Some(Column::Indicators));
        assert_eq!(classify("绩效目标"), Some(Column::Goal));
        assert_eq!(classify("单位编码"), Some(Column::Code));
        assert_eq!(classify("指标方向"), Some(Column::Direction));
    }
}
