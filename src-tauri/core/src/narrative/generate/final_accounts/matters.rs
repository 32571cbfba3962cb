//! The last two parts of the 决算 情况说明 (docs/final-accounts.md §1.3 十 and 十一): 预算绩效管理
//! from the year's 绩效目标 and the 自评 kept with the 决算, and the other matters (机关运行经费,
//! 政府采购, 国有资产) from the typed facts. A figure not typed prints （待填写）, never 0; a sum
//! is printed only when every part of it is known, so its parts always add up.

use rust_decimal::Decimal;

use crate::money::Money;

use super::super::super::model::NarrativeParagraph;
use super::super::super::wording::wan;
use super::super::TO_FILL;
use super::{compared, value, FinalSources, Writer};

/// The 自评 of the 决算 year as the scoring rules graded them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluationSummary {
    /// Number of projects evaluated (自评) in the year.
    pub projects: u32,
    /// 全年预算数 (年初预算数 where no 全年 was typed) of the evaluated projects.
    pub amount: Money,
    /// Mean 总分, 四舍五入 to two decimals.
    pub average: Decimal,
    /// Projects per grade, every grade of the rules in their order (优, 良, 中, 差).
    pub grades: Vec<(&'static str, u32)>,
}

/// What 十、预算绩效管理情况 takes from the rest of the app.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FinalPerformance {
    /// Projects of the year's 预算 with 绩效目标, and their 年度资金总额; `None` when that 预算
    /// is not in the app (the figures are then typed).
    pub targeted: Option<(u32, Money)>,
    /// `None` when no 自评 is kept with the 决算.
    pub evaluated: Option<EvaluationSummary>,
    /// For a 汇总, the units whose targets and 自评 the figures count (本级 first); empty for a
    /// unit's own 决算.
    pub units: Vec<UnitPerformance>,
}

/// One unit's share of a 汇总's 预算绩效管理 figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitPerformance {
    /// "县政府办公室（本级）" or the unit's name.
    pub unit: String,
    /// Projects of the unit's 预算 with 绩效目标; `None` when that 预算 is not in the app.
    pub targeted: Option<u32>,
    /// Projects of the unit's 自评.
    pub evaluated: u32,
}

fn figure<T: std::fmt::Display>(value: Option<T>) -> String {
    value.map_or_else(|| TO_FILL.to_string(), |v| v.to_string())
}

fn amount(value: Option<Money>) -> String {
    value.map_or_else(|| TO_FILL.to_string(), wan)
}

/// A paragraph of typed figures: it waits while one of them is missing.
fn facts(w: &mut Writer<'_>, text: String) {
    let needs_text = text.contains(TO_FILL);
    w.push(NarrativeParagraph {
        text,
        text_key: None,
        needs_text,
        prompt: None,
    });
}

pub(super) fn performance(w: &mut Writer<'_>, src: &FinalSources<'_>) {
    w.section("final.performance", "预算绩效管理情况说明");
    let year = w.input.year;
    let systems = w
        .input
        .texts
        .get("final.performance.systems")
        .map(|t| {
            t.trim()
                .trim_end_matches(['。', '；', ';', '，'])
                .to_string()
        })
        .filter(|t| !t.is_empty());
    w.push(NarrativeParagraph {
        text: format!(
            "{}预算绩效管理工作开展情况如下：本部门建立了如下预算绩效管理制度：{}。",
            w.unit_year(),
            systems.as_deref().unwrap_or(TO_FILL)
        ),
        text_key: Some("final.performance.systems".to_string()),
        needs_text: systems.is_none(),
        prompt: Some("制度名称".to_string()),
    });
    let typed = w.input.facts.performance.clone();
    let (targeted, targeted_amount) = match src.performance.targeted {
        Some((count, sum)) => (Some(count), Some(sum)),
        None => (typed.targeted_projects, typed.targeted_amount),
    };
    let evaluated = match &src.performance.evaluated {
        Some(e) => {
            let grades: Vec<String> = e
                .grades
                .iter()
                .map(|(grade, n)| format!("绩效评级为“{grade}”的项目{n}个"))
                .collect();
            format!(
                "绩效自评的{year}年度项目{}个，涉及预算金额{}万元，平均得分{}分（其中，{}",
                e.projects,
                wan(e.amount),
                e.average,
                grades.join("；")
            )
        }
        None => format!("绩效自评的{year}年度项目{TO_FILL}个，涉及预算金额{TO_FILL}万元，平均得分{TO_FILL}分（其中，各绩效评级的项目数{TO_FILL}"),
    };
    facts(
        w,
        format!(
            "全过程绩效管理实施情况：编报绩效目标的{year}年度项目{}个，涉及预算金额{}万元；绩效跟踪评价的{year}年度项目{}个，涉及预算金额{}万元；{evaluated}。绩效自评中共发现问题{}个，已经完成整改的{}个，正在整改的{}个）。",
            figure(targeted),
            amount(targeted_amount),
            figure(typed.tracked_projects),
            amount(typed.tracked_amount),
            figure(typed.problems_found),
            figure(typed.problems_rectified),
            figure(typed.problems_rectifying),
        ),
    );
    if !src.performance.units.is_empty() {
        let units: Vec<String> = src
            .performance
            .units
            .iter()
            .map(|u| {
                format!(
                    "{}编报绩效目标的项目{}个、绩效自评的项目{}个",
                    u.unit,
                    figure(u.targeted),
                    u.evaluated
                )
            })
            .collect();
        w.para(format!(
            "以上项目数包括汇总范围内各单位的项目：{}。",
            units.join("；")
        ));
    }
}

/// 机关运行经费 is the 公用经费 of the 行政/参公 units only, so it is a typed fact
/// (`NarrativeFacts::office_operation`; the app fills it from F6 for a single 行政 unit); the
/// comparison uses last year's 公用经费 only when this year's figure is F6's too.
fn office_operation(w: &mut Writer<'_>, src: &FinalSources<'_>) {
    let Some(amount) = w.input.facts.office_operation else {
        facts(
            w,
            format!(
                "（一）机关运行经费：{}机关运行经费支出{TO_FILL}万元。",
                w.unit_year()
            ),
        );
        return;
    };
    if amount.is_zero() {
        w.para(format!(
            "（一）机关运行经费：{}无机关运行经费支出。",
            w.unit_year()
        ));
        return;
    }
    let from_tables = src
        .tables
        .f6
        .as_ref()
        .is_some_and(|f6| amount == value(&f6.public_total));
    let prior = src
        .prior
        .and_then(|p| p.f6.as_ref())
        .filter(|_| from_tables)
        .map(|p| value(&p.public_total));
    let (clause, change) = compared(amount, prior);
    w.para_reason(
        &format!(
            "（一）机关运行经费：{}机关运行经费支出{}万元{clause}",
            w.unit_year(),
            wan(amount)
        ),
        change.needs_reason(),
        "final.office_operation",
    );
}

fn procurement(w: &mut Writer<'_>) {
    let p = w.input.facts.procurement.clone();
    let parts = [p.goods, p.works, p.services];
    let total: Option<Money> = parts.into_iter().sum();
    if total.is_some_and(|t| t.is_zero()) {
        w.para(format!(
            "（二）政府采购支出情况：{}无政府采购支出。",
            w.unit_year()
        ));
        return;
    }
    facts(
        w,
        format!(
            "（二）政府采购支出情况：{}政府采购金额（以合同签订为准）为{}万元，其中：货物采购金额{}万元、工程采购金额{}万元、服务采购金额{}万元。",
            w.unit_year(),
            amount(total),
            amount(p.goods),
            amount(p.works),
            amount(p.services)
        ),
    );
    facts(
        w,
        format!(
            "{}年度本部门面向中小企业预留政府采购项目预算金额{}万元，面向小微企业预留政府采购项目预算金额{}万元。在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额{}万元；在面向小微企业预留政府采购项目中，由小微企业供应商中标或成交的，采购金额{}万元；在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额{}万元。",
            w.input.year,
            amount(p.reserved_for_sme),
            amount(p.reserved_for_small_micro),
            amount(p.awarded_sme_reserved),
            amount(p.awarded_small_micro_reserved),
            amount(p.awarded_sme_other)
        ),
    );
}

fn assets(w: &mut Writer<'_>) {
    let a = w.input.facts.assets.clone();
    let types = [
        ("部级领导干部用车", a.minister_vehicles),
        ("主要领导干部用车", a.leader_vehicles),
        ("机要通信用车", a.confidential_vehicles),
        ("应急保障用车", a.emergency_vehicles),
        ("执法执勤用车", a.enforcement_vehicles),
        ("特种专业技术用车", a.special_vehicles),
        ("离退休干部用车", a.retiree_vehicles),
        ("其他用车", a.other_vehicles),
    ];
    let total: Option<u32> = types.iter().map(|(_, n)| *n).sum();
    let listed: Vec<String> = types
        .iter()
        .map(|(name, n)| format!("{name}{}辆", figure(*n)))
        .collect();
    facts(
        w,
        format!(
            "（三）国有资产占有使用情况：截至{}年12月31日，{}共有车辆{}辆，其中：{}。单价100万元（含）以上设备（不含车辆）{}台（套）。",
            w.input.year,
            w.input.unit,
            figure(total),
            listed.join("、"),
            figure(a.equipment_over_100)
        ),
    );
}

/// 十一、其他重要事项的情况说明.
pub(super) fn other_matters(w: &mut Writer<'_>, src: &FinalSources<'_>) {
    w.section("final.other", "其他重要事项的情况说明");
    office_operation(w, src);
    procurement(w);
    assets(w);
}
