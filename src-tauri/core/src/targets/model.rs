//! Performance targets (绩效目标) as plain data: a project's 项目支出绩效目标表, the department's
//! 部门整体绩效目标表, and their indicators. The same types come out of every workbook layout, go
//! into the grid, the checks, the export and the database.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::indicator_value::Comparison;
use crate::money::Money;

/// 一级指标 of a project. 成本 is its own level in 2024+ forms (seeds 000, 004); older forms
/// put 成本指标 under 产出 as a 二级 (seed 003), which is kept as read.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
#[ts(export)]
pub enum Level1 {
    /// 产出指标.
    #[serde(rename = "产出指标")]
    Output,
    /// 效益指标.
    #[serde(rename = "效益指标")]
    Benefit,
    /// 满意度指标.
    #[serde(rename = "满意度指标")]
    Satisfaction,
    /// 成本指标 (its own 一级 in 2024+ forms).
    #[serde(rename = "成本指标")]
    Cost,
}

impl Level1 {
    /// Every level: 产出, 成本, 效益, 满意度.
    pub const ALL: [Level1; 4] = [
        Level1::Output,
        Level1::Cost,
        Level1::Benefit,
        Level1::Satisfaction,
    ];

    /// The level's Chinese name ("产出指标"), also its serialised form.
    pub fn label(self) -> &'static str {
        match self {
            Level1::Output => "产出指标",
            Level1::Benefit => "效益指标",
            Level1::Satisfaction => "满意度指标",
            Level1::Cost => "成本指标",
        }
    }

    /// "产出指标", "产出", "一、产出指标" all read as 产出.
    pub fn parse(text: &str) -> Option<Level1> {
        let folded = crate::indicator_value::fold(text);
        Level1::ALL.into_iter().find(|l| {
            let short = l.label().trim_end_matches("指标");
            folded == l.label() || folded == short
        })
    }

    /// The 二级指标 the forms offer under this level (docs/design.md §5).
    pub fn level2_choices(self) -> &'static [&'static str] {
        match self {
            Level1::Output => &["数量指标", "质量指标", "时效指标", "成本指标"],
            Level1::Benefit => &[
                "经济效益指标",
                "社会效益指标",
                "生态效益指标",
                "可持续影响指标",
            ],
            Level1::Satisfaction => &["服务对象满意度指标"],
            Level1::Cost => &["经济成本指标", "社会成本指标", "生态环境成本指标"],
        }
    }
}

impl fmt::Display for Level1 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// 运算符 / 指标性质: a comparison with a number, or 定性 wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub enum Operator {
    /// ＝: equal to the value.
    #[serde(rename = "＝")]
    Equal,
    /// ≥: at least the value.
    #[serde(rename = "≥")]
    AtLeast,
    /// ≤: at most the value.
    #[serde(rename = "≤")]
    AtMost,
    /// ＞: more than the value.
    #[serde(rename = "＞")]
    MoreThan,
    /// ＜: less than the value.
    #[serde(rename = "＜")]
    LessThan,
    /// 定性: the value is wording, not a number.
    #[serde(rename = "定性")]
    Qualitative,
}

impl Operator {
    /// Every operator, in the order the grid offers them.
    pub const ALL: [Operator; 6] = [
        Operator::Equal,
        Operator::AtLeast,
        Operator::AtMost,
        Operator::MoreThan,
        Operator::LessThan,
        Operator::Qualitative,
    ];

    /// The symbol as the forms print it (full-width ＝＞＜), or 定性.
    pub fn label(self) -> &'static str {
        match self {
            Operator::Equal => "＝",
            Operator::AtLeast => "≥",
            Operator::AtMost => "≤",
            Operator::MoreThan => "＞",
            Operator::LessThan => "＜",
            Operator::Qualitative => "定性",
        }
    }

    /// The symbol as budget systems and people type it: "＝", "=", ">=", "≥", "定性", "大于等于".
    pub fn parse(text: &str) -> Option<Operator> {
        let folded = crate::indicator_value::fold(text);
        if folded.is_empty() {
            return None;
        }
        if folded == "定性" {
            return Some(Operator::Qualitative);
        }
        match crate::indicator_value::parse(&format!("{folded}0")) {
            crate::indicator_value::IndicatorValue::Quantity(q) if q.unit.is_empty() => {
                q.comparison.map(Operator::from)
            }
            _ => None,
        }
    }

    /// The numeric comparison; None for 定性.
    pub fn comparison(self) -> Option<Comparison> {
        match self {
            Operator::Equal => Some(Comparison::Equal),
            Operator::AtLeast => Some(Comparison::AtLeast),
            Operator::AtMost => Some(Comparison::AtMost),
            Operator::MoreThan => Some(Comparison::MoreThan),
            Operator::LessThan => Some(Comparison::LessThan),
            Operator::Qualitative => None,
        }
    }
}

impl From<Comparison> for Operator {
    fn from(c: Comparison) -> Operator {
        match c {
            Comparison::Equal => Operator::Equal,
            Comparison::AtLeast => Operator::AtLeast,
            Comparison::AtMost => Operator::AtMost,
            Comparison::MoreThan => Operator::MoreThan,
            Comparison::LessThan => Operator::LessThan,
        }
    }
}

/// 指标方向.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub enum Direction {
    /// 正向: more is better.
    #[serde(rename = "正向")]
    Positive,
    /// 反向: less is better.
    #[serde(rename = "反向")]
    Reverse,
}

impl Direction {
    /// The Chinese name, also its serialised form.
    pub fn label(self) -> &'static str {
        match self {
            Direction::Positive => "正向",
            Direction::Reverse => "反向",
        }
    }

    /// "正向", "正向指标", "反向指标".
    pub fn parse(text: &str) -> Option<Direction> {
        let t = crate::indicator_value::fold(text);
        let t = t.trim_end_matches("指标");
        match t {
            "正向" => Some(Direction::Positive),
            "反向" => Some(Direction::Reverse),
            _ => None,
        }
    }
}

/// Where an indicator was read from, so findings can point at its cells. Not part of the
/// target itself: two indicators read from different places are still the same target.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct IndicatorCells {
    /// The sheet the indicator was read from.
    pub sheet: String,
    /// A1 reference of the indicator's name; empty when the layout has no such cell.
    pub name: String,
    /// A1 reference of the indicator's value; empty when the layout has no such cell.
    pub value: String,
    /// A1 reference of its weight; empty when the layout has no such cell.
    pub weight: String,
}

/// One 三级指标 with everything the forms carry about it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Indicator {
    /// 一级指标 as printed ("产出指标"); for department targets also "履职效能" and the like.
    pub level1: String,
    /// 二级指标 ("数量指标", "经济成本指标").
    pub level2: String,
    /// 三级指标 name without the ★.
    pub name: String,
    /// ★ 核心指标.
    pub core: bool,
    /// None when the table wrote a bare number ("慰问覆盖率 20%") or nothing.
    pub operator: Option<Operator>,
    /// The number as an exact decimal string ("100", "244.23"), or the 定性 wording ("有所提升").
    pub value: String,
    /// 度量单位 ("%", "万元", "元/人/月"); empty for 定性.
    pub unit: String,
    /// 指标分值权重; None where the table carries no weights.
    #[ts(type = "string | null")]
    pub weight: Option<Decimal>,
    /// 指标方向; None when the table gives none.
    pub direction: Option<Direction>,
    /// 指标值设置依据.
    pub basis: String,
    /// 上年完成值.
    pub last_year: String,
    /// 指标赋分规则.
    pub scoring_rule: String,
    /// 佐证资料.
    pub evidence: String,
    /// The text as written when it could not be split into operator, number and unit; the
    /// import keeps it and reports it rather than guessing.
    pub verbatim: Option<String>,
    /// Where it was read from; None for an indicator typed in or loaded from the database.
    #[serde(default)]
    pub cells: Option<IndicatorCells>,
}

impl Indicator {
    /// The 一级指标 as one of the project levels; None for any other wording (department targets).
    pub fn level1_kind(&self) -> Option<Level1> {
        Level1::parse(&self.level1)
    }

    /// A 成本 indicator: 一级 成本, or 二级 成本指标 under 产出 (the older forms).
    pub fn is_cost(&self) -> bool {
        self.level1_kind() == Some(Level1::Cost) || self.level2.contains("成本")
    }

    /// The three-level name with ★ as the forms print it.
    pub fn printed_name(&self) -> String {
        if self.core {
            format!("{}★", self.name)
        } else {
            self.name.clone()
        }
    }

    /// The value as one text ("≥95%", "有所提升"), as the block forms print it.
    pub fn printed_value(&self) -> String {
        if let Some(v) = &self.verbatim {
            return v.clone();
        }
        match self.operator {
            // Wording that would read back as a number is marked 定性.
            Some(Operator::Qualitative)
                if self.value.is_empty()
                    || crate::indicator_value::parse(&self.value)
                        .quantity()
                        .is_some() =>
            {
                format!("定性 {}", self.value)
            }
            Some(Operator::Qualitative) | None => format!("{}{}", self.value, self.unit),
            Some(op) => format!("{}{}{}", op.label(), self.value, self.unit),
        }
    }

    /// Without where it was read from: what a round trip must preserve.
    pub fn without_cells(&self) -> Indicator {
        Indicator {
            cells: None,
            ..self.clone()
        }
    }
    /// A row nothing was typed into (the editor's starter rows keep only their 一级/二级):
    /// neither checked nor stored.
    pub fn is_blank(&self) -> bool {
        [
            &self.name,
            &self.value,
            &self.unit,
            &self.basis,
            &self.last_year,
            &self.scoring_rule,
            &self.evidence,
        ]
        .iter()
        .all(|t| t.trim().is_empty())
            && self.weight.is_none()
            && self.verbatim.is_none()
    }
}

/// 项目支出绩效目标表 of one project.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ProjectTargets {
    /// 项目编码 where the table gives one ("54060024R000001579909"); empty otherwise.
    pub code: String,
    /// 项目名称.
    pub name: String,
    /// 预算单位 / 单位 as the table names it.
    pub unit: String,
    /// 项目负责人.
    pub manager: String,
    /// 年度资金总额 (金额 of the list layouts).
    pub amount: Option<Money>,
    /// 其中：财政拨款.
    pub fiscal: Option<Money>,
    /// 其他资金.
    pub other: Option<Money>,
    /// 项目总体目标 / 绩效目标.
    pub goal: String,
    /// 三级指标 in table order.
    pub indicators: Vec<Indicator>,
    /// Sheet and A1 cell of the project's name, for findings; None when not read from a
    /// workbook.
    #[serde(default)]
    pub name_cell: Option<(String, String)>,
    /// Sheet and A1 cell of its 年度资金总额; None when not read from a workbook or when the
    /// table has no amount cell.
    #[serde(default)]
    pub amount_cell: Option<(String, String)>,
}

impl ProjectTargets {
    /// True when the table carries weights for this project.
    pub fn has_weights(&self) -> bool {
        self.indicators.iter().any(|i| i.weight.is_some())
    }

    /// Σ weights, None where the table carries none.
    pub fn weight_total(&self) -> Option<Decimal> {
        self.has_weights()
            .then(|| self.indicators.iter().filter_map(|i| i.weight).sum())
    }

    /// Without where it was read from.
    pub fn without_cells(&self) -> ProjectTargets {
        ProjectTargets {
            indicators: self
                .indicators
                .iter()
                .map(Indicator::without_cells)
                .collect(),
            name_cell: None,
            amount_cell: None,
            ..self.clone()
        }
    }
}

/// 部门整体绩效目标表 (seed 004).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct DepartmentTargets {
    /// 部门名称.
    pub department: String,
    /// 部门联系人.
    pub contact: String,
    /// 联系电话.
    pub phone: String,
    /// 年度绩效目标.
    pub goal: String,
    /// 财政资金 上级安排.
    pub superior_funds: Option<Money>,
    /// 财政资金 本级安排.
    pub own_funds: Option<Money>,
    /// 其他资金.
    pub other_funds: Option<Money>,
    /// 三级指标 in table order.
    pub indicators: Vec<Indicator>,
}

impl DepartmentTargets {
    /// Without where its indicators were read from.
    pub fn without_cells(&self) -> DepartmentTargets {
        DepartmentTargets {
            indicators: self
                .indicators
                .iter()
                .map(Indicator::without_cells)
                .collect(),
            ..self.clone()
        }
    }
}

/// Everything about targets a workbook or a disclosure holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct TargetSet {
    /// The budget year the targets are for; None when the workbook names none.
    pub year: Option<i32>,
    /// 项目支出绩效目标 of each project, in table order.
    pub projects: Vec<ProjectTargets>,
    /// 部门整体绩效目标, when the workbook or disclosure has them.
    pub department: Option<DepartmentTargets>,
}

impl TargetSet {
    /// The set without the rows nothing was typed into: what is checked and saved.
    pub fn without_blank_indicators(&self) -> TargetSet {
        let keep = |list: &[Indicator]| -> Vec<Indicator> {
            list.iter().filter(|i| !i.is_blank()).cloned().collect()
        };
        TargetSet {
            year: self.year,
            projects: self
                .projects
                .iter()
                .map(|p| ProjectTargets {
                    indicators: keep(&p.indicators),
                    ..p.clone()
                })
                .collect(),
            department: self.department.as_ref().map(|d| DepartmentTargets {
                indicators: keep(&d.indicators),
                ..d.clone()
            }),
        }
    }

    /// Without where anything was read from: what a round trip must preserve.
    pub fn without_cells(&self) -> TargetSet {
        TargetSet {
            year: self.year,
            projects: self
                .projects
                .iter()
                .map(ProjectTargets::without_cells)
                .collect(),
            department: self
                .department
                .as_ref()
                .map(DepartmentTargets::without_cells),
        }
    }
}
