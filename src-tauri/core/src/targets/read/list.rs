//! The budget system's indicator list (seed 000): one indicator per row; 单位, 项目 and 金额 are
//! written on a project's first row (or merged down over its rows).

use super::block::read_weight;
use super::columns::{amounts_in_yuan, column_of, Column};
use super::{problem, Sheet, TargetsRead};
use crate::money::{parse_amount, Money, Scale};
use crate::targets::model::{Direction, Indicator, IndicatorCells, Level1, ProjectTargets};
use crate::targets::value::split_columns;
use crate::text::a1;
use crate::xlsx::CellValue;

/// "54060024R000001579909－公益性岗位生活补贴" → (code, name). A name without a code prefix
/// comes back whole with an empty code.
pub fn split_code_name(text: &str) -> (String, String) {
    let text = text.trim();
    for sep in ['－', '-', '—', ' ', '　'] {
        if let Some((code, name)) = text.split_once(sep) {
            let code = code.trim();
            if code.len() >= 4 && code.chars().all(|c| c.is_ascii_alphanumeric()) {
                return (code.to_string(), name.trim().to_string());
            }
        }
    }
    (String::new(), text.to_string())
}

pub(super) fn read(
    sheet: &Sheet<'_>,
    header: u32,
    limit: u32,
    columns: &[(u32, Column)],
    read: &mut TargetsRead,
) {
    let col = |k| column_of(columns, k);
    let name = sheet.name().to_string();
    let (Some(project_col), Some(l3)) = (col(Column::Project), col(Column::Level3)) else {
        return;
    };
    let Some(value_col) = col(Column::Value) else {
        read.problems.push(problem(
            &name,
            header,
            l3,
            format!("“{name}”第{}行：指标清单缺少“指标值”列。", header + 1),
        ));
        return;
    };
    let scale = match col(Column::Amount) {
        Some(c) if amounts_in_yuan(&sheet.text(header, c)) => Scale::Yuan,
        _ => Scale::Wanyuan,
    };
    let first_project = read.set.projects.len();
    for row in header + 1..limit {
        let text = |k| col(k).map(|c| sheet.text(row, c)).unwrap_or_default();
        let starts_project = !sheet.own_text(row, project_col).is_empty()
            && !sheet.continues_merge(row, project_col);
        if starts_project {
            let (code, project_name) = split_code_name(&sheet.text(row, project_col));
            let amount = col(Column::Amount).and_then(|c| amount(sheet, row, c, scale, read));
            read.set.projects.push(ProjectTargets {
                code,
                name: project_name,
                unit: text(Column::Unit),
                amount,
                name_cell: Some((name.clone(), a1(row, project_col))),
                amount_cell: col(Column::Amount).map(|c| (name.clone(), a1(row, c))),
                ..ProjectTargets::default()
            });
        }
        let level3 = sheet.text(row, l3);
        if level3.is_empty() {
            continue;
        }
        if read.set.projects.len() == first_project {
            read.problems.push(problem(
                &name,
                row,
                project_col,
                format!(
                    "“{name}”{}：指标“{level3}”前面没有项目名称。",
                    a1(row, project_col)
                ),
            ));
            continue;
        }
        let level1_raw = text(Column::Level1);
        let level1 = match Level1::parse(&level1_raw) {
            Some(l) => l.label().to_string(),
            None => {
                let c = col(Column::Level1).unwrap_or(l3);
                read.problems.push(problem(
                    &name,
                    row,
                    c,
                    format!(
                        "“{name}”{}：一级指标“{level1_raw}”不是产出指标、效益指标、满意度指标或成本指标。",
                        a1(row, c)
                    ),
                ));
                level1_raw
            }
        };
        let split = match split_columns(
            &text(Column::Operator),
            &sheet.text(row, value_col),
            &text(Column::MeasureUnit),
        ) {
            Ok(s) => s,
            Err(reason) => {
                let c = col(Column::Operator).unwrap_or(value_col);
                read.problems.push(problem(
                    &name,
                    row,
                    c,
                    format!("“{name}”{}：{reason}。", a1(row, c)),
                ));
                continue;
            }
        };
        let direction_text = text(Column::Direction);
        let direction = if direction_text.is_empty() {
            None
        } else {
            let d = Direction::parse(&direction_text);
            if d.is_none() {
                let c = col(Column::Direction).unwrap_or(l3);
                read.problems.push(problem(
                    &name,
                    row,
                    c,
                    format!(
                        "“{name}”{}：指标方向“{direction_text}”应为正向或反向。",
                        a1(row, c)
                    ),
                ));
            }
            d
        };
        let weight = col(Column::Weight).and_then(|c| read_weight(sheet, row, c, read));
        let (name3, core) = match level3.strip_suffix('★') {
            Some(n) => (n.trim().to_string(), true),
            None => (level3.clone(), false),
        };
        let indicator = Indicator {
            level1,
            level2: text(Column::Level2),
            name: name3,
            core,
            operator: split.operator,
            value: split.value,
            unit: split.unit,
            weight,
            direction,
            basis: text(Column::Basis),
            last_year: text(Column::LastYear),
            scoring_rule: text(Column::ScoringRule),
            evidence: text(Column::Evidence),
            verbatim: split.verbatim,
            cells: Some(IndicatorCells {
                sheet: name.clone(),
                name: a1(row, l3),
                value: a1(row, value_col),
                weight: col(Column::Weight).map(|c| a1(row, c)).unwrap_or_default(),
            }),
        };
        if let Some(project) = read.set.projects.last_mut() {
            project.indicators.push(indicator);
        }
    }
}

fn amount(
    sheet: &Sheet<'_>,
    row: u32,
    col: u32,
    scale: Scale,
    read: &mut TargetsRead,
) -> Option<Money> {
    let parsed = match sheet.value(row, col) {
        CellValue::Number(d) => Money::from_decimal(*d, scale).map(Some),
        _ => parse_amount(&sheet.text(row, col), scale),
    };
    match parsed {
        Ok(m) => m,
        Err(e) => {
            let name = sheet.name();
            read.problems.push(problem(
                name,
                row,
                col,
                format!("“{name}”{}：金额{e}", a1(row, col)),
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_split_from_names() {
        assert_eq!(
            split_code_name("54060024R000001579909－公益性岗位生活补贴"),
            ("54060024R000001579909".into(), "公益性岗位生活补贴".into())
        );
        assert_eq!(
            split_code_name("54060024T000001453263-供销合作社业务工作经费"),
            (
                "54060024T000001453263".into(),
                "供销合作社业务工作经费".into()
            )
        );
        assert_eq!(
            split_code_name("政府办业务经费"),
            (String::new(), "政府办业务经费".into())
        );
    }
}
