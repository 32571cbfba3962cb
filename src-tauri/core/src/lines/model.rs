//! Budget lines: the truth of a disclosure a department prepares itself. Every standard table is
//! a pivot of these, so prepared tables balance by construction.

use serde::{Deserialize, Serialize};

use crate::money::Money;

/// 资金来源. Carried-over money (上年结转) keeps its fund and is marked on the line.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
#[ts(export)]
pub enum FundSource {
    /// 一般公共预算 (a 财政拨款).
    #[serde(rename = "一般公共预算")]
    GeneralBudget,
    /// 政府性基金预算 (a 财政拨款).
    #[serde(rename = "政府性基金")]
    GovernmentFund,
    /// 国有资本经营预算 (a 财政拨款).
    #[serde(rename = "国有资本经营")]
    StateCapital,
    /// 财政专户管理资金.
    #[serde(rename = "财政专户")]
    SpecialAccount,
    /// 单位资金: the unit's own income (事业收入, 经营收入, …).
    #[serde(rename = "单位资金")]
    UnitFunds,
}

impl FundSource {
    /// Every fund: the three 财政拨款 first, then 财政专户 and 单位资金.
    pub const ALL: [FundSource; 5] = [
        FundSource::GeneralBudget,
        FundSource::GovernmentFund,
        FundSource::StateCapital,
        FundSource::SpecialAccount,
        FundSource::UnitFunds,
    ];

    /// The fund's Chinese name, also its serialised form.
    pub fn label(self) -> &'static str {
        match self {
            FundSource::GeneralBudget => "一般公共预算",
            FundSource::GovernmentFund => "政府性基金",
            FundSource::StateCapital => "国有资本经营",
            FundSource::SpecialAccount => "财政专户",
            FundSource::UnitFunds => "单位资金",
        }
    }

    /// Short names people write for a fund; anything that starts with a label is that fund too.
    pub const ALIASES: [(&'static str, FundSource); 10] = [
        ("一般公共", FundSource::GeneralBudget),
        ("公共预算", FundSource::GeneralBudget),
        ("一般预算", FundSource::GeneralBudget),
        ("基金", FundSource::GovernmentFund),
        ("基金预算", FundSource::GovernmentFund),
        ("国资", FundSource::StateCapital),
        ("国有资本", FundSource::StateCapital),
        ("专户", FundSource::SpecialAccount),
        ("单位", FundSource::UnitFunds),
        ("自有资金", FundSource::UnitFunds),
    ];

    /// Accepts the label and the longer forms budget systems print ("一般公共预算拨款",
    /// "政府性基金预算", "国有资本经营预算", "财政专户管理资金", "财政专户核拨").
    pub fn parse(text: &str) -> Option<FundSource> {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if t.is_empty() {
            return None;
        }
        FundSource::ALL
            .into_iter()
            .find(|s| t.starts_with(s.label()))
            .or_else(|| {
                FundSource::ALIASES
                    .iter()
                    .find(|(alias, _)| *alias == t)
                    .map(|(_, s)| *s)
            })
    }

    /// 财政拨款: the three budgets the finance bureau appropriates.
    pub fn is_fiscal_grant(self) -> bool {
        matches!(
            self,
            FundSource::GeneralBudget | FundSource::GovernmentFund | FundSource::StateCapital
        )
    }
}

/// 支出类型: 基本支出 is 人员经费 + 公用经费.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
#[ts(export)]
pub enum SpendingType {
    /// 人员经费 (基本支出).
    #[serde(rename = "人员经费")]
    Personnel,
    /// 公用经费 (基本支出).
    #[serde(rename = "公用经费")]
    Public,
    /// 项目支出; the line names its project.
    #[serde(rename = "项目支出")]
    Project,
}

impl SpendingType {
    /// Every spending type, in the order the grid offers them.
    pub const ALL: [SpendingType; 3] = [
        SpendingType::Personnel,
        SpendingType::Public,
        SpendingType::Project,
    ];

    /// The type's Chinese name, also its serialised form.
    pub fn label(self) -> &'static str {
        match self {
            SpendingType::Personnel => "人员经费",
            SpendingType::Public => "公用经费",
            SpendingType::Project => "项目支出",
        }
    }

    /// Other names budget systems and people use for a spending type.
    pub const ALIASES: [(&'static str, SpendingType); 7] = [
        ("人员", SpendingType::Personnel),
        ("基本支出-人员经费", SpendingType::Personnel),
        ("公用", SpendingType::Public),
        ("日常公用经费", SpendingType::Public),
        ("基本支出-公用经费", SpendingType::Public),
        ("项目", SpendingType::Project),
        ("项目经费", SpendingType::Project),
    ];

    /// The type named by `text` exactly (whitespace removed) or by one of `ALIASES`; None
    /// otherwise.
    pub fn parse(text: &str) -> Option<SpendingType> {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        SpendingType::ALL
            .into_iter()
            .find(|s| s.label() == t)
            .or_else(|| {
                SpendingType::ALIASES
                    .iter()
                    .find(|(alias, _)| *alias == t)
                    .map(|(_, s)| *s)
            })
    }

    /// 基本支出: 人员经费 or 公用经费, anything but 项目支出.
    pub fn is_basic(self) -> bool {
        !matches!(self, SpendingType::Project)
    }
}

/// 项目类别 in the budget system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub enum ProjectCategory {
    /// 人员类项目.
    #[serde(rename = "人员类")]
    Personnel,
    /// 运转类项目.
    #[serde(rename = "运转类")]
    Operation,
    /// 特定目标类项目.
    #[serde(rename = "特定目标类")]
    SpecificPurpose,
}

impl ProjectCategory {
    /// Every category.
    pub const ALL: [ProjectCategory; 3] = [
        ProjectCategory::Personnel,
        ProjectCategory::Operation,
        ProjectCategory::SpecificPurpose,
    ];

    /// The category's Chinese name, also its serialised form.
    pub fn label(self) -> &'static str {
        match self {
            ProjectCategory::Personnel => "人员类",
            ProjectCategory::Operation => "运转类",
            ProjectCategory::SpecificPurpose => "特定目标类",
        }
    }

    /// The category named by `text` (trimmed), with or without its final 类; None otherwise.
    pub fn parse(text: &str) -> Option<ProjectCategory> {
        let t = text.trim();
        ProjectCategory::ALL
            .into_iter()
            .find(|c| c.label() == t || c.label().trim_end_matches('类') == t)
    }
}

/// A 项目 of a disclosure, which 项目支出 lines name by its code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Project {
    /// 项目编码, unique within a disclosure.
    pub code: String,
    /// 项目名称.
    pub name: String,
    /// 项目类别.
    pub category: ProjectCategory,
}

/// One budget line, as entered in the grid or imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct BudgetLine {
    /// 功能分类 项 code (7 digits).
    pub function_code: String,
    /// 部门经济分类 款 code (5 digits).
    pub economic_code: String,
    /// 资金来源 of the money.
    pub source: FundSource,
    /// 上年结转: money carried over from last year rather than appropriated this year.
    pub carried_over: bool,
    /// 人员经费, 公用经费 or 项目支出.
    pub spending: SpendingType,
    /// 项目编码 of a project of the same disclosure; required for 项目支出.
    pub project_code: Option<String>,
    /// Amount (分; entered and shown in 万元).
    pub amount: Money,
    /// Free remark of the preparer; empty when none.
    pub note: String,
}

/// A disclosure's lines and projects, saved and loaded together.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct LineSet {
    /// The disclosure's projects; a code should appear once (`validate` reports a repeat).
    pub projects: Vec<Project>,
    /// The budget lines, in the order entered.
    pub lines: Vec<BudgetLine>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_source_labels_as_budget_systems_print_them() {
        assert_eq!(
            FundSource::parse("一般公共预算拨款"),
            Some(FundSource::GeneralBudget)
        );
        assert_eq!(
            FundSource::parse("政府性基金预算"),
            Some(FundSource::GovernmentFund)
        );
        assert_eq!(
            FundSource::parse("国有资本经营预算"),
            Some(FundSource::StateCapital)
        );
        assert_eq!(
            FundSource::parse("财政专户管理资金"),
            Some(FundSource::SpecialAccount)
        );
        assert_eq!(FundSource::parse(" 单位资金 "), Some(FundSource::UnitFunds));
        assert_eq!(FundSource::parse("其他"), None);
        assert_eq!(FundSource::parse(""), None);
    }

    #[test]
    fn parses_spending_types_and_categories() {
        assert_eq!(SpendingType::parse("公用"), Some(SpendingType::Public));
        assert_eq!(SpendingType::parse("项目支出"), Some(SpendingType::Project));
        assert_eq!(SpendingType::parse("x"), None);
        assert_eq!(
            ProjectCategory::parse("特定目标"),
            Some(ProjectCategory::SpecificPurpose)
        );
        assert_eq!(
            ProjectCategory::parse("运转类"),
            Some(ProjectCategory::Operation)
        );
    }
}
