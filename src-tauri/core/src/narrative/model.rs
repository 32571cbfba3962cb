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
    /// The sentence(s) as printed; a missing figure or text reads （待填写）.
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
    /// The heading as printed, numbered: "一、关于若羌县人民政府办公室2024年收支预算情况的总体说明".
    pub title: String,
    /// In print order.
    pub paragraphs: Vec<NarrativeParagraph>,
}

/// 第三部分 情况说明, generated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Narrative {
    /// The unit (or department) name as the input gave it.
    pub unit: String,
    /// The 预算年度 (or 决算 year).
    pub year: i32,
    /// "第三部分 2024年部门预算情况说明".
    pub title: String,
    /// In print order.
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
// as a zero. A zero is a zero the user typed. Amounts are `Money` (integer 分), printed in 万元.

/// 政府采购 of the year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ProcurementFacts {
    /// 政府采购货物预算.
    pub goods: Option<Money>,
    /// 政府采购工程预算.
    pub works: Option<Money>,
    /// 政府采购服务预算.
    pub services: Option<Money>,
    /// 面向中小企业预留.
    pub reserved_for_sme: Option<Money>,
    /// 其中：面向小微企业预留.
    pub reserved_for_small_micro: Option<Money>,
    /// 决算: awarded to 中小企业 in the projects reserved for them.
    pub awarded_sme_reserved: Option<Money>,
    /// 决算: awarded to 小微企业 in the projects reserved for them.
    pub awarded_small_micro_reserved: Option<Money>,
    /// 决算: awarded to 中小企业 in the projects not reserved for them.
    pub awarded_sme_other: Option<Money>,
}

/// 国有资产占用使用情况 at the end of last year, and this year's planned purchases.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AssetFacts {
    /// 房屋 in 平方米.
    #[ts(type = "string | null")]
    pub building_area: Option<Decimal>,
    /// Value of the 房屋.
    pub building_value: Option<Money>,
    /// 一般公务用车 held (count).
    pub official_vehicles: Option<u32>,
    /// Value of the 一般公务用车.
    pub official_vehicle_value: Option<Money>,
    /// 执法执勤用车 held (count).
    pub enforcement_vehicles: Option<u32>,
    /// Value of the 执法执勤用车.
    pub enforcement_vehicle_value: Option<Money>,
    /// 其他车辆 held (count).
    pub other_vehicles: Option<u32>,
    /// Value of the 其他车辆.
    pub other_vehicle_value: Option<Money>,
    /// Value of 办公家具.
    pub furniture_value: Option<Money>,
    /// Value of 其他资产.
    pub other_asset_value: Option<Money>,
    /// 大型设备 of 单位价值 50 万元以上 held (count).
    pub equipment_over_50: Option<u32>,
    /// 大型设备 of 单位价值 100 万元以上 held (count).
    pub equipment_over_100: Option<u32>,
    /// This year's budget for buying vehicles (购置车辆经费).
    pub vehicle_purchase_budget: Option<Money>,
    /// 大型设备 of 50 万元以上 to buy this year (count).
    pub planned_equipment_over_50: Option<u32>,
    /// 大型设备 of 单位价值 100 万元以上 to buy this year (count).
    pub planned_equipment_over_100: Option<u32>,
    /// 决算: 部级领导干部用车 held at the end of the year (count). This and the five fields
    /// after it are the types the 决算 template lists beside 执法执勤用车 and 其他用车.
    pub minister_vehicles: Option<u32>,
    /// 主要领导干部用车 (count).
    pub leader_vehicles: Option<u32>,
    /// 机要通信用车 (count).
    pub confidential_vehicles: Option<u32>,
    /// 应急保障用车 (count).
    pub emergency_vehicles: Option<u32>,
    /// 特种专业技术用车 (count).
    pub special_vehicles: Option<u32>,
    /// 离退休干部用车 (count).
    pub retiree_vehicles: Option<u32>,
}

/// 预算绩效 coverage. The fiscal projects come from 表7.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct PerformanceFacts {
    /// 部门整体绩效目标 (count).
    pub department_targets: Option<u32>,
    /// Amount covered by the 部门整体绩效目标.
    pub department_amount: Option<Money>,
    /// 当年非财政拨款项目 with 绩效目标 (count).
    pub non_fiscal_projects: Option<u32>,
    /// Their 预算金额.
    pub non_fiscal_amount: Option<Money>,
    /// 决算: projects with 绩效目标 (count; typed only where the year's 预算 is not in the app).
    pub targeted_projects: Option<u32>,
    /// 决算: the 预算金额 of the projects with 绩效目标 (typed only where not in the app).
    pub targeted_amount: Option<Money>,
    /// 决算: projects under 绩效跟踪评价 (count).
    pub tracked_projects: Option<u32>,
    /// 决算: their 预算金额.
    pub tracked_amount: Option<Money>,
    /// 决算: problems the 绩效自评 found (count).
    pub problems_found: Option<u32>,
    /// 决算: of those, already rectified (已经完成整改).
    pub problems_rectified: Option<u32>,
    /// 决算: of those, being rectified (正在整改).
    pub problems_rectifying: Option<u32>,
}

/// 人员: 编制数, 实有人数 and its parts with their change on last year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct StaffFacts {
    /// 编制数.
    pub establishment: Option<u32>,
    /// 在职 people.
    pub in_service: Option<u32>,
    /// Change of 在职 on last year (negative: 减少).
    pub in_service_change: Option<i32>,
    /// 退休 people.
    pub retired: Option<u32>,
    /// Change of 退休 on last year (negative: 减少).
    pub retired_change: Option<i32>,
    /// 离休 people.
    pub veteran_retired: Option<u32>,
    /// Change of 离休 on last year (negative: 减少).
    pub veteran_retired_change: Option<i32>,
}

/// What part three and the 人员 sentence of part one need and the tables do not hold; typed
/// once a year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct NarrativeFacts {
    /// 机关运行经费 financed by 财政拨款.
    pub office_operation: Option<Money>,
    /// 政府采购 (part three, section 其他重要事项).
    pub procurement: ProcurementFacts,
    /// 国有资产占用使用情况.
    pub assets: AssetFacts,
    /// 预算绩效 coverage.
    pub performance: PerformanceFacts,
    /// 人员, for the sentence of 第一部分.
    pub staff: StaffFacts,
}

/// Last year's figures the comparisons need. `None` means unknown (the comparison is left out);
/// a known zero means 未安排.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct PriorYear {
    /// 一般公共预算 income.
    pub general_budget: Option<Money>,
    /// 政府性基金预算 income.
    pub government_fund: Option<Money>,
    /// 国有资本经营预算 income.
    pub state_capital: Option<Money>,
    /// 财政专户 income (财政专户核拨 / 财政专户管理资金).
    pub special_account: Option<Money>,
    /// 单位资金 income.
    pub unit_funds: Option<Money>,
    /// 上年结转(结余).
    pub carried_over: Option<Money>,
    /// 部门 基本支出 (表3).
    pub basic: Option<Money>,
    /// 部门 项目支出 (表3).
    pub project: Option<Money>,
    /// 一般公共预算 基本支出 (表5).
    pub general_basic: Option<Money>,
    /// 一般公共预算 项目支出 (表5).
    pub general_project: Option<Money>,
    /// 一般公共预算 by 项 code (7 digits); a 项 missing here had nothing last year.
    pub general_by_xiang: BTreeMap<String, Money>,
    /// 政府性基金预算 支出 total (表8).
    pub fund_expenditure: Option<Money>,
    /// 国有资本经营预算 支出 total (表9).
    pub state_capital_expenditure: Option<Money>,
    /// 财政拨款“三公”经费 total (表10).
    pub three_public: Option<Money>,
    /// 因公出国（境）费.
    pub outbound: Option<Money>,
    /// 公务用车购置费.
    pub vehicle_purchase: Option<Money>,
    /// 公务用车运行费.
    pub vehicle_operation: Option<Money>,
    /// 公务接待费.
    pub reception: Option<Money>,
    /// 机关运行经费 (表10).
    pub office_operation: Option<Money>,
}

/// Everything the generator reads besides the tables.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct NarrativeInput {
    /// The unit (or department) name the text speaks of.
    pub unit: String,
    /// The 预算年度 (or 决算 year) of the text.
    pub year: i32,
    /// The typed facts the tables do not hold.
    pub facts: NarrativeFacts,
    /// Last year's figures for the comparisons.
    pub prior: PriorYear,
    /// Typed texts by key: reasons ("income.general", "xiang.2010301"), 主要用于 of a class
    /// ("usage.201"), project texts ("project.政府办业务经费.basis", ".allocation"), "other".
    pub texts: BTreeMap<String, String>,
}
