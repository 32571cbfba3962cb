//! The one-project-per-row 绩效目标公开表 (seed 002): 编码 · 项目名称 · 金额 · 绩效目标 · 绩效指标,
//! the indicators written as free text in one cell.

use super::columns::{amounts_in_yuan, column_of, Column};
use super::{problem, Sheet, TargetsRead};
use crate::money::{parse_amount, Money, Scale};
use crate::targets::freetext::{parse_indicators, plain_lines};
use crate::targets::model::{IndicatorCells, ProjectTargets};
use crate::text::{a1, fold_label};
use crate::xlsx::CellValue;

pub(super) fn read(
    sheet: &Sheet<'_>,
    header: u32,
    limit: u32,
    columns: &[(u32, Column)],
    read: &mut TargetsRead,
) {
    let col = |k| column_of(columns, k);
    let name = sheet.name().to_string();
    let (Some(project_col), Some(indicators_col)) = (col(Column::Project), col(Column::Indicators))
    else {
        return;
    };
    let scale = match col(Column::Amount) {
        Some(c) if amounts_in_yuan(&sheet.text(header, c)) => Scale::Yuan,
        _ => Scale::Wanyuan,
    };
    for row in header + 1..limit {
        let text = |k| col(k).map(|c| sheet.text(row, c)).unwrap_or_default();
        let project_name = sheet.text(row, project_col);
        let code_text = text(Column::Code);
        let folded_code = fold_label(&code_text);
        if project_name.is_empty() {
            // The 合计 row, blank rows and notes carry no project.
            let total_or_blank = folded_code.is_empty()
                || folded_code.contains("合计")
                || folded_code.contains("总计");
            if !total_or_blank && !sheet.text(row, indicators_col).is_empty() {
                read.problems.push(problem(
                    &name,
                    row,
                    project_col,
                    format!(
                        "“{name}”{}：这一行写了绩效指标，但没有项目名称。",
                        a1(row, project_col)
                    ),
                ));
            }
            continue;
        }
        if folded_code.contains("合计") || fold_label(&project_name) == "合计" {
            continue;
        }
        let amount = col(Column::Amount).and_then(|c| {
            let parsed = match sheet.value(row, c) {
                CellValue::Number(d) => Money::from_decimal(*d, scale).map(Some),
                _ => parse_amount(&sheet.text(row, c), scale),
            };
            parsed
                .map_err(|e| {
                    read.problems.push(problem(
                        &name,
                        row,
                        c,
                        format!("“{name}”{}：金额{e}", a1(row, c)),
                    ))
                })
                .ok()
                .flatten()
        });
        // A sequence number (1, 2, 3…) in the 编码 column is not a project code.
        let code = if code_text.chars().count() >= 4 {
            code_text.clone()
        } else {
            String::new()
        };
        let cells = IndicatorCells {
            sheet: name.clone(),
            name: a1(row, indicators_col),
            value: a1(row, indicators_col),
            weight: String::new(),
        };
        let indicators = parse_indicators(&sheet.text(row, indicators_col))
            .into_iter()
            .map(|mut i| {
                i.cells = Some(cells.clone());
                i
            })
            .collect();
        read.set.projects.push(ProjectTargets {
            code,
            name: project_name,
            amount,
            goal: plain_lines(&text(Column::Goal)).join("\n"),
            indicators,
            name_cell: Some((name.clone(), a1(row, project_col))),
            amount_cell: col(Column::Amount).map(|c| (name.clone(), a1(row, c))),
            ..ProjectTargets::default()
        });
    }
}
