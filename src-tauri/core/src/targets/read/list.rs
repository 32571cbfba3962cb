//! The budget system's indicator list (seed 000): one indicator per row; 单位, 项目 and 金额 are
//! written on a project's first row (or merged down over its rows).

use super::block::{assemble_indicator, read_weight, Levels12};
use super::columns::{amounts_in_yuan, column_of, Column};
use super::{problem, Sheet, TargetsRead};
use crate::money::{parse_amount, Money, Scale};
use crate::targets::model::{Direction, Indicator, Level1, ProjectTargets};
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

/// Reads the indicator list under `header` (up to `limit`): a row whose 项目 cell starts a
/// merge or holds its own text starts a project, every row with a 三级指标 adds an indicator to
/// the project above it.
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
        let starts_project = !sheet.own_text(row, project_col).is_empty()
            && !sheet.continues_merge(row, project_col);
        if starts_project {
            let project = project_of_row(sheet, row, columns, project_col, scale, read);
            read.set.projects.push(project);
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
        let Some(indicator) = indicator_of_row(sheet, row, columns, (l3, value_col), read) else {
            continue;
        };
        if let Some(project) = read.set.projects.last_mut() {
            project.indicators.push(indicator);
        }
    }
}

/// The project a row starts: its code and name from the 项目 cell, its 单位 and its 金额 (in
/// `scale`), with the cells findings point at.
fn project_of_row(
    sheet: &Sheet<'_>,
    row: u32,
    columns: &[(u32, Column)],
    project_col: u32,
    scale: Scale,
    read: &mut TargetsRead,
) -> ProjectTargets {
    let col = |k| column_of(columns, k);
    let name = sheet.name().to_string();
    let (code, project_name) = split_code_name(&sheet.text(row, project_col));
    let amount = col(Column::Amount).and_then(|c| amount(sheet, row, c, scale, read));
    ProjectTargets {
        code,
        name: project_name,
        unit: col(Column::Unit)
            .map(|c| sheet.text(row, c))
            .unwrap_or_default(),
        amount,
        name_cell: Some((name.clone(), a1(row, project_col))),
        amount_cell: col(Column::Amount).map(|c| (name.clone(), a1(row, c))),
        ..ProjectTargets::default()
    }
}

/// The indicator of `row`, whose 三级指标 (column `l3`) is not empty. None, with the problem
/// noted, when its operator cell holds something unknown.
fn indicator_of_row(
    sheet: &Sheet<'_>,
    row: u32,
    columns: &[(u32, Column)],
    (l3, value_col): (u32, u32),
    read: &mut TargetsRead,
) -> Option<Indicator> {
    let col = |k| column_of(columns, k);
    let text = |k| col(k).map(|c| sheet.text(row, c)).unwrap_or_default();
    let name = sheet.name().to_string();
    let level1 = level1_of_row(sheet, row, columns, l3, read);
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
            return None;
        }
    };
    let direction = direction_of_row(sheet, row, columns, l3, read);
    let weight = col(Column::Weight).and_then(|c| read_weight(sheet, row, c, read));
    let levels = Levels12 {
        level1,
        level2: text(Column::Level2),
    };
    Some(assemble_indicator(
        sheet,
        row,
        columns,
        (l3, value_col),
        levels,
        (split, weight, direction),
    ))
}

/// The row's 一级指标 as a level label; a text that is none of the four levels is kept as
/// written and reported (at the 一级 cell, else the 三级 column `l3`).
fn level1_of_row(
    sheet: &Sheet<'_>,
    row: u32,
    columns: &[(u32, Column)],
    l3: u32,
    read: &mut TargetsRead,
) -> String {
    let col = column_of(columns, Column::Level1);
    let level1_raw = col.map(|c| sheet.text(row, c)).unwrap_or_default();
    match Level1::parse(&level1_raw) {
        Some(l) => l.label().to_string(),
        None => {
            let name = sheet.name();
            let c = col.unwrap_or(l3);
            read.problems.push(problem(
                name,
                row,
                c,
                format!(
                    "“{name}”{}：一级指标“{level1_raw}”不是产出指标、效益指标、满意度指标或成本指标。",
                    a1(row, c)
                ),
            ));
            level1_raw
        }
    }
}

/// The row's 指标方向: None when empty, or (with the problem noted) when it is neither 正向 nor
/// 反向.
fn direction_of_row(
    sheet: &Sheet<'_>,
    row: u32,
    columns: &[(u32, Column)],
    l3: u32,
    read: &mut TargetsRead,
) -> Option<Direction> {
    let col = column_of(columns, Column::Direction);
    let direction_text = col.map(|c| sheet.text(row, c)).unwrap_or_default();
    if direction_text.is_empty() {
        return None;
    }
    let d = Direction::parse(&direction_text);
    if d.is_none() {
        let name = sheet.name();
        let c = col.unwrap_or(l3);
        read.problems.push(problem(
            name,
            row,
            c,
            format!(
                "“{name}”{}：指标方向“{direction_text}”应为正向或反向。",
                a1(row, c)
            ),
        ));
    }
    d
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
