//! The inputs and the output of the 情况说明 generator, as the app sends and shows them.
//!
//! Everything the tables hold comes from `BudgetTables`; what they do not hold (机关运行经费,
//! 政府采购, 国有资产, 绩效 coverage, 人员) is typed once into `NarrativeFacts`. Last year comes in
//! as `PriorYear`, built from last year's tables or typed from last year's published text.
//! The reasons (主要原因) and the other free texts are the only prose staff write; they are
//! keyed per sentence so the app can remember them and offer them again next year.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::Money;

/// One paragraph of the generated text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct NarrativeParagraph {
    pub text: String,
    /// The key of the typed text (reason, 主要用于, 政策依据…) this paragraph carries, if any.
    pub text_key: Option<String>,
    /// True when the paragraph waits for a typed text that was not given.
    pub needs_text: bool,
    /// What the typed text is, when it is not a 主要原因 ("制度名称").
    pub prompt: Option<String>,
}

/// One numbered section of 第三部分 ("一、关于…总体说明").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct NarrativeSection {
    /// Stable id of the section ("overall", "income", … "other").
    pub key: String,
    pub title: String,
    pub paragraphs: Vec<NarrativeParagraph>,
}

/// 第三部分 情况说明, generated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Narrative {
    pub unit: String,
    pub year: i32,
    /// "第三部分 2024年部门预算情况说明".
    pub title: String,
    pub sections: Vec<NarrativeSection>,
}

impl Narrative {
    /// The whole text, one paragraph a line, titles included.
    pub fn to_text(&self) -> String {
        let mut out = format!("{}\n", self.title);
        for s in &self.sections {
            out.push_str(&s.title);
            out.push('\n');
            for p in &s.paragraphs {
                out.push_str(&p.text);
                out.push('\n');
            }
        }
        out
    }
}

// The facts below are typed by hand; `None` is "not entered yet" and prints as （待填写）, never
// as a zero. A zero is a zero the user typed.

/// 政府采购 of the year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ProcurementFacts {
    pub goods: Option<Money>,
    pub works: Option<Money>,
    pub services: Option<Money>,
    /// 面向中小企业预留.
    pub reserved_for_sme: Option<Money>,
    /// 其中：面向小微企业预留.
    pub reserved_for_small_micro: Option<Money>,
    /// 决算: awarded to 中小企业 in the projects reserved for them, to 小微企业 in those reserved
    /// for them, and to 中小企业 in the other projects.
    pub awarded_sme_reserved: Option<Money>,
    pub awarded_small_micro_reserved: Option<Money>,
    pub awarded_sme_other: Option<Money>,
}

/// 国有资产占用使用情况 at the end of last year, and this year's planned purchases.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AssetFacts {
    /// 房屋 in 平方米.
    #[ts(type = "string | null")]
    pub building_area: Option<Decimal>,
    pub building_value: Option<Money>,
    pub official_vehicles: Option<u32>,
    pub official_vehicle_value: Option<Money>,
    pub enforcement_vehicles: Option<u32>,
    pub enforcement_vehicle_value: Option<Money>,
    pub other_vehicles: Option<u32>,
    pub other_vehicle_value: Option<Money>,
    pub furniture_value: Option<Money>,
    pub other_asset_value: Option<Money>,
    /// 单位价值 50 万元以上 and 100 万元以上 大型设备 held.
    pub equipment_over_50: Option<u32>,
    pub equipment_over_100: Option<u32>,
    /// This year's budget for buying vehicles, and large equipment to buy.
    pub vehicle_purchase_budget: Option<Money>,
    pub planned_equipment_over_50: Option<u32>,
    pub planned_equipment_over_100: Option<u32>,
    /// 决算: the vehicles held at the end of the year by the types the 决算 template lists
    /// beside 执法执勤用车 and 其他用车 (部级领导干部, 主要领导干部, 机要通信, 应急保障, 特种专业技术,
    /// 离退休干部).
    pub minister_vehicles: Option<u32>,
    pub leader_vehicles: Option<u32>,
    pub confidential_vehicles: Option<u32>,
    pub emergency_vehicles: Option<u32>,
    pub special_vehicles: Option<u32>,
    pub retiree_vehicles: Option<u32>,
}

/// 预算绩效 coverage. The fiscal projects come from 表7.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct PerformanceFacts {
    /// 部门整体绩效目标 count and amount.
    pub department_targets: Option<u32>,
    pub department_amount: Option<Money>,
    pub non_fiscal_projects: Option<u32>,
    pub non_fiscal_amount: Option<Money>,
    /// 决算: projects with 绩效目标 (typed only where the year's 预算 is not in the app), projects
    /// under 绩效跟踪, and the problems the 自评 found, rectified and being rectified.
    pub targeted_projects: Option<u32>,
    pub targeted_amount: Option<Money>,
    pub tracked_projects: Option<u32>,
    pub tracked_amount: Option<Money>,
    pub problems_found: Option<u32>,
    pub problems_rectified: Option<u32>,
    pub problems_rectifying: Option<u32>,
}

/// 人员: 编制数, 实有人数 and its parts with their change on last year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct StaffFacts {
    pub establishment: Option<u32>,
    pub in_service: Option<u32>,
    pub in_service_change: Option<i32>,
    pub retired: Option<u32>,
    pub retired_change: Option<i32>,
    pub veteran_retired: Option<u32>,
    pub veteran_retired_change: Option<i32>,
}

/// What part three and the 人员 sentence of part one need and the tables do not hold; typed
/// once a year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct NarrativeFacts {
    /// 机关运行经费 financed by 财政拨款.
    pub office_operation: Option<Money>,
    pub procurement: ProcurementFacts,
    pub assets: AssetFacts,
    pub performance: PerformanceFacts,
    pub staff: StaffFacts,
}

/// Last year's figures the comparisons need. `None` means unknown (the comparison is left out);
/// a known zero means 未安排.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct PriorYear {
    /// Income by source: 一般公共预算, 政府性基金, 国有资本经营, 财政专户, 单位资金, 上年结转.
    pub general_budget: Option<Money>,
    pub government_fund: Option<Money>,
    pub state_capital: Option<Money>,
    pub special_account: Option<Money>,
    pub unit_funds: Option<Money>,
    pub carried_over: Option<Money>,
    /// 部门 基本支出 and 项目支出 (表3).
    pub basic: Option<Money>,
    pub project: Option<Money>,
    /// 一般公共预算 基本支出 and 项目支出 (表5).
    pub general_basic: Option<Money>,
    pub general_project: Option<Money>,
    /// 一般公共预算 by 项 code (7 digits); a 项 missing here had nothing last year.
    pub general_by_xiang: BTreeMap<String, Money>,
    /// 政府性基金 and 国有资本经营 支出 totals (表8, 表9).
    pub fund_expenditure: Option<Money>,
    pub state_capital_expenditure: Option<Money>,
    /// 三公.
    pub three_public: Option<Money>,
    pub outbound: Option<Money>,
    pub vehicle_purchase: Option<Money>,
    pub vehicle_operation: Option<Money>,
    pub reception: Option<Money>,
    pub office_operation: Option<Money>,
}

/// Everything the generator reads besides the tables.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct NarrativeInput {
    pub unit: String,
    pub year: i32,
    pub facts: NarrativeFacts,
    pub prior: PriorYear,
    /// Typed texts by key: reasons ("income.general", "xiang.2010301"), 主要用于 of a class
    /// ("usage.201"), project texts ("project.政府办业务经费.basis", ".allocation"), "other".
    pub texts: BTreeMap<String, String>,
}
