//! The per-project block (seeds 003, 004) and the 部门整体绩效目标表: labelled lines above a
//! table of indicators whose 一级/二级 cells are merged down (or left blank under the first).

use rust_decimal::Decimal;

use super::columns::{column_of, Column};
use super::{problem, Sheet, TargetsRead};
use crate::money::{parse_amount, Money, Scale};
use crate::targets::model::{
    DepartmentTargets, Direction, Indicator, IndicatorCells, Level1, ProjectTargets,
};
use crate::targets::value::{split_columns, split_value, SplitValue};
use crate::text::{a1, fold_label};
use crate::xlsx::CellValue;

/// Labels of the lines above a table; a row holding one ends the table before it.
const META_LABELS: &[&str] = &[
    "预算单位",
    "项目名称",
    "项目编码",
    "项目资金",
    "部门名称",
    "部门联系人",
    "年度绩效目标",
    "年度预算",
    "项目总体目标",
];

/// Labels that sit beside values on the same line.
const INLINE_LABELS: &[&str] = &[
    "项目负责人",
    "联系电话",
    "年度资金总额",
    "年度预算总额",
    "其中:财政拨款",
    "其他资金",
    "上级安排",
    "本级安排",
    "其他",
    "资金来源",
    "资金总额",
    "财政资金",
];

fn looks_like_label(f: &str) -> bool {
    let bare = match f.find('(') {
        Some(i) if f.ends_with(')') => &f[..i],
        _ => f,
    };
    INLINE_LABELS.contains(&bare) || META_LABELS.contains(&bare)
}

fn folded(text: &str) -> String {
    fold_label(text).trim_end_matches(':').to_string()
}

/// A row that starts the next block: a title, or a cell that is exactly one of the labels
/// ("项目资金(万元)", "部门名称(盖章)"). An indicator named "项目资金到位率" is not one.
fn is_boundary(sheet: &Sheet<'_>, row: u32) -> bool {
    sheet.grid.row_cells(row).any(|(col, _)| {
        let f = folded(&sheet.own_text(row, col));
        let bare = match f.find('(') {
            Some(i) if f.ends_with(')') => &f[..i],
            _ => f.as_str(),
        };
        f.contains("绩效目标表") || META_LABELS.contains(&bare)
    })
}

/// The labelled values of the lines `rows`: for a label, the first non-empty cell to its right
/// that is not itself in the label's merged region.
struct Meta<'s, 'a> {
    sheet: &'s Sheet<'a>,
    first: u32,
    end: u32,
}

impl Meta<'_, '_> {
    fn find(&self, matches: impl Fn(&str) -> bool) -> Option<(String, u32, u32)> {
        for row in self.first..self.end {
            let cells: Vec<u32> = self.sheet.grid.row_cells(row).map(|(c, _)| c).collect();
            for (i, col) in cells.iter().enumerate() {
                if !matches(&folded(&self.sheet.own_text(row, *col))) {
                    continue;
                }
                // The next filled cell, unless it is the next label: an empty value.
                let value = cells[i + 1..]
                    .iter()
                    .map(|c| (self.sheet.own_text(row, *c), *c))
                    .find(|(t, _)| !t.is_empty())
                    .filter(|(t, _)| !looks_like_label(&folded(t)) && !t.ends_with(['：', ':']));
                return Some(match value {
                    Some((text, c)) => (text, row, c),
                    None => (String::new(), row, *col),
                });
            }
        }
        None
    }

    fn text(&self, matches: impl Fn(&str) -> bool) -> String {
        self.find(matches).map(|(t, _, _)| t).unwrap_or_default()
    }

    fn money(
        &self,
        matches: impl Fn(&str) -> bool,
        scale: Scale,
        what: &str,
        read: &mut TargetsRead,
    ) -> (Option<Money>, Option<(String, String)>) {
        let Some((text, row, col)) = self.find(matches) else {
            return (None, None);
        };
        let name = self.sheet.name();
        let at = Some((name.to_string(), a1(row, col)));
        let parsed = match self.sheet.value(row, col) {
            CellValue::Number(d) => Money::from_decimal(*d, scale).map(Some),
            _ => parse_amount(&text, scale),
        };
        match parsed {
            Ok(m) => (m, at),
            Err(e) => {
                read.problems.push(problem(
                    name,
                    row,
                    col,
                    format!("“{name}”{}：{what}{e}", a1(row, col)),
                ));
                (None, at)
            }
        }
    }
}

/// Reads the block whose header is `header`; its labelled lines start at `meta_start`. Returns
/// the row after the block's last indicator.
pub(super) fn read(
    sheet: &Sheet<'_>,
    meta_start: u32,
    header: u32,
    limit: u32,
    columns: &[(u32, Column)],
    read: &mut TargetsRead,
) -> u32 {
    let meta = Meta {
        sheet,
        first: meta_start,
        end: header,
    };
    let department = meta.find(|f| f.starts_with("部门名称")).is_some()
        || meta.find(|f| f.contains("部门整体绩效目标")).is_some();
    let scale = match meta.find(|f| f.contains("(元)")) {
        Some(_) => Scale::Yuan,
        None => Scale::Wanyuan,
    };
    if department {
        // The lines above first, then the indicators: problems come in reading order.
        let (superior, _) = meta.money(|f| f == "上级安排", scale, "上级安排", read);
        let (own, _) = meta.money(|f| f == "本级安排", scale, "本级安排", read);
        let (other, _) = meta.money(|f| f == "其他", scale, "其他资金", read);
        let (indicators, end) = read_indicators(sheet, header, limit, columns, false, read);
        let target = DepartmentTargets {
            department: meta.text(|f| f.starts_with("部门名称")),
            contact: meta.text(|f| f.starts_with("部门联系人")),
            phone: meta.text(|f| f.starts_with("联系电话")),
            goal: meta.text(|f| f.starts_with("年度绩效目标")),
            superior_funds: superior,
            own_funds: own,
            other_funds: other,
            indicators,
        };
        if read.set.department.is_some() {
            read.problems.push(problem(
                sheet.name(),
                header,
                0,
                format!(
                    "“{}”{}：工作簿中有两张部门整体绩效目标表，只能导入一张。",
                    sheet.name(),
                    a1(header, 0)
                ),
            ));
        } else {
            read.set.department = Some(target);
        }
        return end;
    }
    let (amount, amount_cell) = meta.money(
        |f| f.starts_with("年度资金总额") || f.starts_with("年度预算总额"),
        scale,
        "年度资金总额",
        read,
    );
    let (fiscal, _) = meta.money(|f| f.contains("财政拨款"), scale, "财政拨款", read);
    let (other, _) = meta.money(|f| f.starts_with("其他资金"), scale, "其他资金", read);
    let (indicators, end) = read_indicators(sheet, header, limit, columns, true, read);
    let name = meta.find(|f| f == "项目名称");
    let Some((name_text, name_row, name_col)) = name.filter(|(t, _, _)| !t.is_empty()) else {
        read.problems.push(problem(
            sheet.name(),
            header,
            0,
            format!(
                "“{}”{}：这张项目支出绩效目标表上方没有写项目名称。",
                sheet.name(),
                a1(header, 0)
            ),
        ));
        return end;
    };
    read.set.projects.push(ProjectTargets {
        code: meta.text(|f| f == "项目编码" || f == "项目代码"),
        name: name_text,
        unit: meta.text(|f| f == "预算单位" || f == "单位名称"),
        manager: meta.text(|f| f == "项目负责人"),
        amount,
        fiscal,
        other,
        goal: meta.text(|f| f.starts_with("项目总体目标") || f == "总体目标"),
        indicators,
        name_cell: Some((sheet.name().to_string(), a1(name_row, name_col))),
        amount_cell,
    });
    end
}

/// The indicator rows under `header`, up to the next block or `limit`.
fn read_indicators(
    sheet: &Sheet<'_>,
    header: u32,
    limit: u32,
    columns: &[(u32, Column)],
    project: bool,
    read: &mut TargetsRead,
) -> (Vec<Indicator>, u32) {
    let col = |k| column_of(columns, k);
    let (Some(l3), Some(value_col)) = (col(Column::Level3), col(Column::Value)) else {
        read.problems.push(problem(
            sheet.name(),
            header,
            0,
            format!(
                "“{}”第{}行：指标表头缺少“三级指标”或“指标值”列。",
                sheet.name(),
                header + 1
            ),
        ));
        return (Vec::new(), header + 1);
    };
    let l1 = col(Column::Level1);
    let l2 = col(Column::Level2);
    let mut out = Vec::new();
    let mut levels = Levels::default();
    let mut row = header + 1;
    while row < limit {
        if is_boundary(sheet, row) {
            break;
        }
        let first = l1.map(|c| sheet.text(row, c)).unwrap_or_default();
        if first.starts_with("注") || first.starts_with("备注") {
            break;
        }
        // A row without a 三级指标 carries no indicator, nor a new 一级/二级.
        if !sheet.text(row, l3).is_empty() {
            levels.carry(first, l2.map(|c| sheet.text(row, c)).unwrap_or_default());
            let level1 = if project {
                levels.project_level1(sheet, row, l1, read)
            } else {
                levels.level1.clone()
            };
            let level2 = levels.level2.clone();
            if let Some(indicator) =
                read_indicator(sheet, row, columns, (l3, value_col), (level1, level2), read)
            {
                out.push(indicator);
            }
        }
        row += 1;
    }
    (out, row)
}

/// The 一级 and 二级 in force while reading indicator rows: a merged or blank cell carries the
/// one above down, and a new 一级 starts without a 二级.
#[derive(Default)]
struct Levels {
    level1: String,
    level2: String,
    /// 一级 texts already reported as unknown: a merged 一级 cell is reported once.
    reported_level1: std::collections::HashSet<String>,
}

impl Levels {
    /// Takes the 一级 (`first`) and 二级 (`second`) cells of a row; empty cells keep what is
    /// in force.
    fn carry(&mut self, first: String, second: String) {
        if !first.is_empty() {
            if first != self.level1 {
                self.level2.clear();
            }
            self.level1 = first;
        }
        if !second.is_empty() {
            self.level2 = second;
        }
    }

    /// The 一级 in force as a project's level label; a text that is none of the four levels is
    /// kept as written and reported once, at the row (and the 一级 column `l1`) it is met.
    fn project_level1(
        &mut self,
        sheet: &Sheet<'_>,
        row: u32,
        l1: Option<u32>,
        read: &mut TargetsRead,
    ) -> String {
        let level1 = &self.level1;
        match Level1::parse(level1) {
            Some(l) => l.label().to_string(),
            None if !self.reported_level1.insert(level1.clone()) => level1.clone(),
            None => {
                let name = sheet.name();
                let c = l1.unwrap_or(0);
                read.problems.push(problem(
                    name,
                    row,
                    c,
                    format!(
                        "“{name}”{}：一级指标“{level1}”不是产出指标、效益指标、满意度指标或成本指标。",
                        a1(row, c)
                    ),
                ));
                level1.clone()
            }
        }
    }
}

/// The indicator of `row`, whose 三级指标 (column `l3`) is not empty, under the `levels` (一级,
/// 二级) in force. None, with the problem noted, when its value cannot be split.
fn read_indicator(
    sheet: &Sheet<'_>,
    row: u32,
    columns: &[(u32, Column)],
    (l3, value_col): (u32, u32),
    (level1, level2): (String, String),
    read: &mut TargetsRead,
) -> Option<Indicator> {
    let col = |k| column_of(columns, k);
    let split = split_row_value(sheet, row, columns, value_col, read)?;
    let weight = col(Column::Weight).and_then(|c| read_weight(sheet, row, c, read));
    let direction = col(Column::Direction).and_then(|c| read_direction(sheet, row, c, read));
    Some(assemble_indicator(
        sheet,
        row,
        columns,
        (l3, value_col),
        Levels12 { level1, level2 },
        (split, weight, direction),
    ))
}

/// 一级 and 二级 of an indicator row, as read or carried down.
pub(super) struct Levels12 {
    pub level1: String,
    pub level2: String,
}

/// The indicator of `row` once its levels, split value, weight and direction are read (the two
/// layouts read those differently): the 三级 name with a trailing ★ marking a 核心指标, the other
/// text columns as written, and the cells a finding points at.
pub(super) fn assemble_indicator(
    sheet: &Sheet<'_>,
    row: u32,
    columns: &[(u32, Column)],
    (l3, value_col): (u32, u32),
    levels: Levels12,
    (split, weight, direction): (SplitValue, Option<Decimal>, Option<Direction>),
) -> Indicator {
    let col = |k| column_of(columns, k);
    let text = |k| col(k).map(|c| sheet.text(row, c)).unwrap_or_default();
    let level3 = sheet.text(row, l3);
    let (name3, core) = match level3.strip_suffix('★') {
        Some(n) => (n.trim().to_string(), true),
        None => (level3.clone(), false),
    };
    Indicator {
        level1: levels.level1,
        level2: levels.level2,
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
            sheet: sheet.name().to_string(),
            name: a1(row, l3),
            value: a1(row, value_col),
            weight: col(Column::Weight).map(|c| a1(row, c)).unwrap_or_default(),
        }),
    }
}

/// The value of `row` split into operator, number and unit: from the value cell alone, or
/// with the 运算符 and 度量单位 columns when the table has them. None, with the problem noted at
/// the operator (else the value) cell, when the operator cell holds something unknown.
fn split_row_value(
    sheet: &Sheet<'_>,
    row: u32,
    columns: &[(u32, Column)],
    value_col: u32,
    read: &mut TargetsRead,
) -> Option<SplitValue> {
    let col = |k| column_of(columns, k);
    let text = |k| col(k).map(|c| sheet.text(row, c)).unwrap_or_default();
    let value_text = sheet.text(row, value_col);
    let split = match (col(Column::Operator), col(Column::MeasureUnit)) {
        (None, None) => Ok(split_value(&value_text)),
        _ => split_columns(
            &text(Column::Operator),
            &value_text,
            &text(Column::MeasureUnit),
        ),
    };
    match split {
        Ok(s) => Some(s),
        Err(reason) => {
            let name = sheet.name();
            let c = col(Column::Operator).unwrap_or(value_col);
            read.problems.push(problem(
                name,
                row,
                c,
                format!("“{name}”{}：{reason}。", a1(row, c)),
            ));
            None
        }
    }
}

/// The 指标方向 cell at (`row`, `c`): None when empty, or (with the problem noted) when it is
/// neither 正向 nor 反向.
fn read_direction(
    sheet: &Sheet<'_>,
    row: u32,
    c: u32,
    read: &mut TargetsRead,
) -> Option<Direction> {
    let t = sheet.text(row, c);
    if t.is_empty() {
        return None;
    }
    let d = Direction::parse(&t);
    if d.is_none() {
        let name = sheet.name();
        read.problems.push(problem(
            name,
            row,
            c,
            format!("“{name}”{}：指标方向“{t}”应为正向或反向。", a1(row, c)),
        ));
    }
    d
}

/// A weight cell: a number, or text such as "6" / "6分". Empty is no weight.
pub(super) fn read_weight(
    sheet: &Sheet<'_>,
    row: u32,
    col: u32,
    read: &mut TargetsRead,
) -> Option<Decimal> {
    if let CellValue::Number(d) = sheet.value(row, col) {
        return Some(d.normalize());
    }
    let text = sheet.text(row, col);
    let folded = fold_label(&text);
    let folded = folded.trim_end_matches('分');
    if folded.is_empty() {
        return None;
    }
    match folded.parse::<Decimal>() {
        Ok(d) => Some(d.normalize()),
        Err(_) => {
            let name = sheet.name();
            read.problems.push(problem(
                name,
                row,
                col,
                format!("“{name}”{}：权重“{text}”不是数字。", a1(row, col)),
            ));
            None
        }
    }
}
