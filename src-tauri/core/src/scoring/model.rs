//! The self-evaluation (绩效自评) of one project as staff fill it in or as a 自评表 workbook
//! states it, and the scores computed from it. Plain data: serde for IPC and JSON, ts-rs for
//! the UI. Money is `Money` (a decimal string in 万元); scores and weights are decimal strings.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::Money;

/// One row of the 项目资金 block: what was budgeted at the start of the year, the budget after
/// adjustments, and what was spent. A blank cell is `None`, not zero: "not filled" and "0.00"
/// are different statements.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct FundExecution {
    /// 年初预算数 (A)
    pub initial_budget: Option<Money>,
    /// 全年预算数 (B)
    pub full_year_budget: Option<Money>,
    /// 全年执行数
    pub executed: Option<Money>,
}

impl FundExecution {
    /// True when none of the three cells is filled.
    pub fn is_blank(&self) -> bool {
        self.initial_budget.is_none() && self.full_year_budget.is_none() && self.executed.is_none()
    }
}

/// 项目资金: 年度资金总额 and its split by source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct EvaluationFunds {
    /// 年度资金总额
    pub total: FundExecution,
    /// 其中：当年财政拨款
    pub current_appropriation: FundExecution,
    /// 上年结转资金
    pub carried_over: FundExecution,
    /// 其他资金
    pub other: FundExecution,
}

/// How a qualitative indicator whose result is not the target wording was graded by staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub enum Achievement {
    /// 80–100 % of the weight
    #[serde(rename = "达成")]
    Achieved,
    /// 60–80 % of the weight
    #[serde(rename = "部分达成")]
    PartlyAchieved,
    /// 0–60 % of the weight
    #[serde(rename = "未达成")]
    NotAchieved,
}

impl Achievement {
    /// The three bands, best first, as the UI offers them.
    pub const ALL: [Achievement; 3] = [
        Achievement::Achieved,
        Achievement::PartlyAchieved,
        Achievement::NotAchieved,
    ];

    /// "达成", "部分达成" or "未达成", as the workbook writes it.
    pub fn label(self) -> &'static str {
        match self {
            Achievement::Achieved => "达成",
            Achievement::PartlyAchieved => "部分达成",
            Achievement::NotAchieved => "未达成",
        }
    }

    /// The band of the weight, in percent, inclusive at both ends (财预〔2020〕10号).
    pub fn band_percent(self) -> (Decimal, Decimal) {
        match self {
            Achievement::Achieved => (Decimal::from(80), Decimal::from(100)),
            Achievement::PartlyAchieved => (Decimal::from(60), Decimal::from(80)),
            Achievement::NotAchieved => (Decimal::ZERO, Decimal::from(60)),
        }
    }
}

/// Staff's grading of a qualitative indicator: the band and the score they give inside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct QualitativeGrading {
    /// The band chosen.
    pub achievement: Achievement,
    /// The 得分 given, in points; must lie within the band of the weight (else the rules refuse it).
    #[ts(type = "string")]
    pub score: Decimal,
}

/// One 三级指标 row of the 自评表.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct EvaluatedIndicator {
    /// 一级指标 without its printed weight: "产出指标", "效益指标", "满意度指标", "成本指标".
    pub level1: String,
    /// 二级指标: "数量指标", "质量指标", …
    pub level2: String,
    /// 三级指标
    pub name: String,
    /// 年度指标值 as written ("≥90%", "合理").
    pub target: String,
    /// 实际完成值 as written.
    pub actual: String,
    /// 分值
    #[ts(type = "string")]
    pub weight: Decimal,
    /// 得分 as the workbook or the user states it; compared with the computed score.
    #[ts(type = "string | null")]
    pub stated_score: Option<Decimal>,
    /// Only for a qualitative indicator whose actual value is not the target wording.
    pub grading: Option<QualitativeGrading>,
    /// 偏差原因分析及改进措施
    pub deviation: String,
}

/// 自评结论
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub enum EvaluationGrade {
    /// 优: total ≥ 90.
    #[serde(rename = "优")]
    Excellent,
    /// 良: total ≥ 80.
    #[serde(rename = "良")]
    Good,
    /// 中: total ≥ 60.
    #[serde(rename = "中")]
    Fair,
    /// 差: total below 60.
    #[serde(rename = "差")]
    Poor,
}

impl EvaluationGrade {
    /// "优", "良", "中" or "差".
    pub fn label(self) -> &'static str {
        match self {
            EvaluationGrade::Excellent => "优",
            EvaluationGrade::Good => "良",
            EvaluationGrade::Fair => "中",
            EvaluationGrade::Poor => "差",
        }
    }

    /// The grade written as `text` (surrounding blanks ignored); `None` for any other text.
    pub fn from_label(text: &str) -> Option<EvaluationGrade> {
        [
            EvaluationGrade::Excellent,
            EvaluationGrade::Good,
            EvaluationGrade::Fair,
            EvaluationGrade::Poor,
        ]
        .into_iter()
        .find(|g| g.label() == text.trim())
    }
}

/// What a workbook (or a user) states about the scores, to be checked against the rules.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct StatedScores {
    /// 分值 of budget execution (the rules fix it at 10).
    #[ts(type = "string | null")]
    pub execution_weight: Option<Decimal>,
    /// 执行率 in percent.
    #[ts(type = "string | null")]
    pub execution_rate: Option<Decimal>,
    /// 得分 of budget execution.
    #[ts(type = "string | null")]
    pub execution_score: Option<Decimal>,
    /// 总分 of the 分值 column.
    #[ts(type = "string | null")]
    pub weight_total: Option<Decimal>,
    /// 总分 of the 得分 column.
    #[ts(type = "string | null")]
    pub total: Option<Decimal>,
    /// 自评结论 (优/良/中/差); `None` when blank or unreadable (a workbook reader notes the latter).
    pub grade: Option<EvaluationGrade>,
}

/// The self-evaluation of one project (seed 001's 部门预算支出绩效自评表).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SelfEvaluation {
    /// Title without the year line: "色尼区部门预算支出绩效自评表".
    pub title: String,
    /// The year evaluated, from the title's year line; `None` when not stated.
    pub year: Option<i32>,
    /// 填报机构
    pub filled_by: String,
    /// 填报日期 as written.
    pub filled_on: String,
    /// 项目名称
    pub project: String,
    /// 主管部门
    pub department: String,
    /// 实施单位
    pub implementer: String,
    /// 项目资金 (年度资金总额 and its split by source).
    pub funds: EvaluationFunds,
    /// 年度总体目标 — 预期目标
    pub overall_target: String,
    /// 年度总体目标 — 实际完成情况
    pub overall_actual: String,
    /// The 三级指标 rows in sheet order.
    pub indicators: Vec<EvaluatedIndicator>,
    /// The scores the sheet (or the user) states, to compare with the computed ones.
    pub stated: StatedScores,
}

/// The computed score of one indicator (docs/design.md §7 `score --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct IndicatorScore {
    /// 三级指标.
    pub name: String,
    /// 年度指标值 as written.
    pub target: String,
    /// 实际完成值 as written.
    pub actual: String,
    /// 分值, in points.
    #[ts(type = "string")]
    pub weight: Decimal,
    /// `None` when the rules cannot score it (a finding says why).
    #[ts(type = "string | null")]
    pub score: Option<Decimal>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
/// How bad a finding is.
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ScoreSeverity {
    /// The scores or the figures are wrong or missing; `budget-cli score` exits with 1.
    Error,
    /// Worth a look; does not fail the evaluation.
    Warning,
}

impl ScoreSeverity {
    /// "错误" or "提示", as the report prints it.
    pub fn label(self) -> &'static str {
        match self {
            ScoreSeverity::Error => "错误",
            ScoreSeverity::Warning => "提示",
        }
    }
}

/// A problem with a self-evaluation, in the shape `check --json` uses for its findings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ScoreFinding {
    /// Stable rule id, e.g. "stated_indicator_score".
    pub rule: String,
    /// Error or warning.
    pub severity: ScoreSeverity,
    /// The worksheet the evaluation was read from; `None` for one entered in the app.
    pub sheet: Option<String>,
    /// A1 reference of the cell to look at.
    pub cell: Option<String>,
    /// The problem in a Chinese sentence, naming both numbers where there are two.
    pub message: String,
    /// The value the rules give, when the finding compares two values.
    pub expected: Option<String>,
    /// The value stated, when the finding compares two values.
    pub actual: Option<String>,
}

/// The computed scores of one project (docs/design.md §7 `score --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct EvaluationScore {
    /// 项目名称.
    pub project: String,
    /// 全年执行数 ÷ 全年预算数 in percent, 2 decimals ("100.00").
    #[ts(type = "string | null")]
    pub execution_rate: Option<Decimal>,
    /// 10 × min(rate, 1), two decimals; `None` when the rate cannot be computed (counted as 0 in
    /// the total).
    #[ts(type = "string | null")]
    pub execution_score: Option<Decimal>,
    /// One per 三级指标, in sheet order.
    pub indicators: Vec<IndicatorScore>,
    /// Execution score plus every indicator score that could be computed.
    #[ts(type = "string")]
    pub total: Decimal,
    /// The grade of `total`.
    pub grade: EvaluationGrade,
    /// Every problem found, errors and warnings: missing figures, unscorable indicators, weights
    /// that do not add up, stated figures that differ from the computed ones.
    pub findings: Vec<ScoreFinding>,
}

impl EvaluationScore {
    /// True when any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.severity == ScoreSeverity::Error)
    }
}
