//! The one-row-per-project 绩效目标公开表 (seed 002's layout): the indicators of each project as
//! numbered text under 一级/二级 headings, which `freetext` reads back to the same indicators.

use std::path::Path;

use rust_xlsxwriter::Workbook;

use super::model::{Indicator, Operator, ProjectTargets, TargetSet};
use super::write::{
    chars_per_line, page_setup, put, put_amount, save, wrapped_height, Formats, TargetExportError,
};
use crate::money::Money;

const CHINESE_NUMBERS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// The indicators of one project as the disclosure table prints them: headings for 一级 and
/// 二级, numbered items, one per line.
pub fn indicators_text(indicators: &[Indicator]) -> String {
    let mut lines = Vec::new();
    let (mut level1, mut level2) = (None::<&str>, None::<&str>);
    let (mut n1, mut n2, mut item) = (0, 0, 0);
    for i in indicators {
        if level1 != Some(i.level1.as_str()) {
            lines.push(format!("{}、{}", CHINESE_NUMBERS[n1 % 10], i.level1));
            n1 += 1;
            n2 = 0;
            level1 = Some(&i.level1);
            level2 = None;
            item = 0;
        }
        if level2 != Some(i.level2.as_str()) && !i.level2.is_empty() {
            lines.push(format!("({}) {}", CHINESE_NUMBERS[n2 % 10], i.level2));
            n2 += 1;
            level2 = Some(&i.level2);
            item = 0;
        }
        item += 1;
        let body = match (&i.verbatim, i.operator) {
            (Some(v), _) if v == &i.name => v.clone(),
            (Some(v), _) => format!("{} {v}", i.printed_name()),
            (None, Some(Operator::Qualitative)) => format!("{} 定性 {}", i.printed_name(), i.value),
            (None, _) => format!("{}{}", i.printed_name(), i.printed_value()),
        };
        lines.push(format!("{item}. {body}"));
    }
    lines.join("\n")
}

/// The projects of one unit in a 汇总's 绩效目标公开表, printed under a row naming the unit.
pub struct UnitGroup<'a> {
    /// 单位编码, printed in the unit's row.
    pub code: &'a str,
    /// The unit's name, printed in the unit's row.
    pub name: &'a str,
    /// The unit's projects, printed under its row.
    pub projects: &'a [ProjectTargets],
}

/// The one-row-per-project 绩效目标公开表 (seed 002's layout). `title` is printed above it, e.g.
/// "门源县工业商务和信息化局2024年部门预算项目支出绩效目标公开表".
pub fn write_disclosure_table(
    path: &Path,
    set: &TargetSet,
    title: &str,
) -> Result<(), TargetExportError> {
    write_table(path, &set.projects, &[], title)
}

/// The 绩效目标公开表 of a 汇总: each unit's row (单位编码, 单位名称, its projects' total) with
/// its projects under it, as the column "单位及项目名称" says.
pub fn write_disclosure_table_by_unit(
    path: &Path,
    groups: &[UnitGroup<'_>],
    title: &str,
) -> Result<(), TargetExportError> {
    let all: Vec<ProjectTargets> = groups
        .iter()
        .flat_map(|g| g.projects.iter().cloned())
        .collect();
    write_table(path, &all, groups, title)
}

/// One printed row: a unit's heading or a project (with its number among its unit's).
enum Row<'a> {
    Unit(&'a UnitGroup<'a>),
    Project(usize, &'a ProjectTargets),
}

fn write_table(
    path: &Path,
    projects: &[ProjectTargets],
    groups: &[UnitGroup<'_>],
    title: &str,
) -> Result<(), TargetExportError> {
    if projects.is_empty() {
        return Err(TargetExportError::Empty);
    }
    let rows: Vec<Row<'_>> = if groups.is_empty() {
        projects
            .iter()
            .enumerate()
            .map(|(n, p)| Row::Project(n, p))
            .collect()
    } else {
        groups
            .iter()
            .flat_map(|g| {
                std::iter::once(Row::Unit(g)).chain(
                    g.projects
                        .iter()
                        .enumerate()
                        .map(|(n, p)| Row::Project(n, p)),
                )
            })
            .collect()
    };
    let f = Formats::new();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("绩效目标公开表")?;
    put(ws, (0, 0), (0, 4), title, &f.title)?;
    ws.set_row_height(0, 30)?;
    for (c, h) in [
        "单位编码",
        "单位及项目名称",
        "金额(万元)",
        "绩效目标",
        "绩效指标",
    ]
    .iter()
    .enumerate()
    {
        put(ws, (1, c as u16), (1, c as u16), h, &f.label)?;
    }
    put(ws, (2, 0), (2, 0), "合计", &f.center)?;
    put(ws, (2, 1), (2, 1), "", &f.text)?;
    let total: Money = projects.iter().filter_map(|p| p.amount).sum();
    put_amount(ws, (2, 2), (2, 2), Some(total), &f.amount)?;
    put(ws, (2, 3), (2, 4), "", &f.text)?;
    // 134 units: A4 landscape at 100 %.
    let widths = [10.0, 22.0, 12.0, 36.0, 54.0];
    for (n, printed) in rows.iter().enumerate() {
        let row = 3 + n as u32;
        let (n, p) = match printed {
            Row::Unit(g) => {
                let sum: Money = g.projects.iter().filter_map(|p| p.amount).sum();
                put(ws, (row, 0), (row, 0), g.code, &f.center)?;
                put(ws, (row, 1), (row, 1), g.name, &f.label)?;
                put_amount(ws, (row, 2), (row, 2), Some(sum), &f.amount)?;
                put(ws, (row, 3), (row, 4), "", &f.text)?;
                let height = wrapped_height(g.name, chars_per_line(widths[1]), 15.0);
                ws.set_row_height(row, height)?;
                continue;
            }
            Row::Project(n, p) => (*n, *p),
        };
        let indicators = indicators_text(&p.indicators);
        let height = [(1, p.name.as_str()), (3, &p.goal), (4, &indicators)]
            .iter()
            .map(|(col, text)| wrapped_height(text, chars_per_line(widths[*col]), 15.0))
            .fold(15.0, f64::max);
        ws.set_row_height(row, height)?;
        let code = if p.code.is_empty() {
            (n + 1).to_string()
        } else {
            p.code.clone()
        };
        put(ws, (row, 0), (row, 0), &code, &f.center)?;
        put(ws, (row, 1), (row, 1), &p.name, &f.text)?;
        put_amount(ws, (row, 2), (row, 2), p.amount, &f.amount)?;
        put(ws, (row, 3), (row, 3), &p.goal, &f.text)?;
        put(ws, (row, 4), (row, 4), &indicators, &f.text)?;
    }
    for (col, width) in widths.iter().enumerate() {
        ws.set_column_width(col as u16, *width)?;
    }
    page_setup(ws, 1)?;
    save(book, path)
}
