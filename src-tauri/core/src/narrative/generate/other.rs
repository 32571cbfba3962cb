//! Section 十二 其他重要事项 (机关运行经费, 政府采购, 国有资产, 预算绩效, 其他) from the typed facts,
//! and the 人员 sentence of 第一部分.

use std::fmt::Display;

use crate::money::Money;

use super::super::model::{
    AssetFacts, NarrativeFacts, PerformanceFacts, ProcurementFacts, StaffFacts,
};
use super::super::wording::{wan, Change};
use super::{Writer, TO_FILL};

/// A typed figure, or （待填写） when it was not entered.
fn figure<T: Display>(value: Option<T>) -> String {
    value.map_or_else(|| TO_FILL.to_string(), |v| v.to_string())
}

/// A typed amount in 万元 ("38.69"), or （待填写）.
fn amount(value: Option<Money>) -> String {
    value.map_or_else(|| TO_FILL.to_string(), wan)
}

/// The sum of typed figures, known only when every one is.
fn sum<T: std::iter::Sum<T>>(values: impl IntoIterator<Item = Option<T>>) -> Option<T> {
    values.into_iter().sum()
}

fn signed_people(change: Option<i32>) -> String {
    match change {
        Some(c) if c < 0 => format!("减少{}人", c.unsigned_abs()),
        Some(c) => format!("增加{c}人"),
        None => format!("增减{TO_FILL}人"),
    }
}

/// "若羌县人民政府办公室编制数41，实有人数34人，其中：在职22人，减少6人；…". A figure not
/// entered reads （待填写）.
pub fn staff_sentence(unit: &str, staff: &StaffFacts) -> String {
    let people = sum([staff.in_service, staff.retired, staff.veteran_retired]);
    format!(
        "{unit}编制数{}，实有人数{}人，其中：在职{}人，{}；退休{}人，{}；离休{}人，{}。",
        figure(staff.establishment),
        figure(people),
        figure(staff.in_service),
        signed_people(staff.in_service_change),
        figure(staff.retired),
        signed_people(staff.retired_change),
        figure(staff.veteran_retired),
        signed_people(staff.veteran_retired_change),
    )
}

/// Section 十二 其他重要事项的情况说明: 机关运行经费, 政府采购, 国有资产, 预算绩效 and 其他.
pub(super) fn other_matters(w: &mut Writer<'_>) {
    let facts = w.input.facts.clone();
    w.section("other", "其他重要事项的情况说明");
    office_operation(w, &facts);
    procurement(w, &facts.procurement);
    assets(w, &facts.assets);
    performance(w, &facts.performance);
    w.para("（五）其他需说明的事项");
    match w.text("other").map(str::to_string) {
        Some(text) => w.para(format!("{text}。")),
        None => w.para("本部门无其他需说明事项。"),
    }
}

/// （一）机关运行经费: the typed amount against last year's, or the typed text when no amount
/// was entered.
fn office_operation(w: &mut Writer<'_>, facts: &NarrativeFacts) {
    let uy = w.unit_year();
    w.para("（一）机关运行经费情况");
    match facts.office_operation {
        Some(amount) => {
            let change = Change::between(amount, w.input.prior.office_operation);
            let head = format!("{uy}机关运行经费财政拨款预算{}万元", wan(amount));
            let text = Writer::with_change(&head, &change, "上年预算");
            w.para_change(&text, &change, "office_operation", "。");
        }
        None => w.para_typed("", "", "office_operation.text", "。"),
    }
}

/// （二）政府采购: the budget by 货物/工程/服务 and what is reserved for 中小企业.
fn procurement(w: &mut Writer<'_>, p: &ProcurementFacts) {
    let unit = w.input.unit.clone();
    let year = w.input.year;
    w.para("（二）政府采购情况");
    w.para_facts(format!(
        "{year}年，{unit}政府采购预算{}万元，其中：政府采购货物预算{}万元，政府采购工程预算{}万元，政府采购服务预算{}万元。",
        amount(sum([p.goods, p.works, p.services])),
        amount(p.goods),
        amount(p.works),
        amount(p.services)
    ));
    w.para_facts(format!(
        "{year}年，{unit}面向中小企业预留政府采购项目预算金额{}万元，其中：面向小微企业预留政府采购项目预算金额{}万元。",
        amount(p.reserved_for_sme),
        amount(p.reserved_for_small_micro)
    ));
}

/// （三）国有资产: what was held at the end of last year, and this year's planned purchases.
fn assets(w: &mut Writer<'_>, a: &AssetFacts) {
    let unit = w.input.unit.clone();
    let year = w.input.year;
    w.para("（三）国有资产占用使用情况");
    let vehicles = sum([
        a.official_vehicles,
        a.enforcement_vehicles,
        a.other_vehicles,
    ]);
    let vehicle_value = sum([
        a.official_vehicle_value,
        a.enforcement_vehicle_value,
        a.other_vehicle_value,
    ]);
    w.para(format!(
        "截至{}年底，{unit}及下属各预算单位占用使用国有资产总体情况为：",
        year - 1
    ));
    w.para_facts(format!(
        "1. 房屋{}平方米，价值{}万元。",
        figure(a.building_area.map(|d| d.normalize())),
        amount(a.building_value)
    ));
    w.para_facts(format!(
        "2. 车辆{}辆，价值{}万元；其中：一般公务用车{}辆，价值{}万元；执法执勤用车{}辆，价值{}万元；其他车辆{}辆，价值{}万元。",
        figure(vehicles),
        amount(vehicle_value),
        figure(a.official_vehicles),
        amount(a.official_vehicle_value),
        figure(a.enforcement_vehicles),
        amount(a.enforcement_vehicle_value),
        figure(a.other_vehicles),
        amount(a.other_vehicle_value)
    ));
    w.para_facts(format!(
        "3. 办公家具价值{}万元。",
        amount(a.furniture_value)
    ));
    w.para_facts(format!(
        "4. 其他资产价值{}万元。",
        amount(a.other_asset_value)
    ));
    w.para_facts(format!(
        "部门价值50万元以上大型设备{}台，部门价值100万元以上大型设备{}台。",
        figure(a.equipment_over_50),
        figure(a.equipment_over_100)
    ));
    w.para_facts(format!(
        "{year}年部门预算安排购置车辆经费{}万元，安排购置50万元以上大型设备{}台，单位价值100万元以上大型设备{}台。",
        amount(a.vehicle_purchase_budget),
        figure(a.planned_equipment_over_50),
        figure(a.planned_equipment_over_100)
    ));
}

/// （四）预算绩效: the 部门整体 targets, the fiscal projects of 表7 and the non-fiscal ones.
fn performance(w: &mut Writer<'_>, perf: &PerformanceFacts) {
    let year = w.input.year;
    w.para("（四）预算绩效情况");
    let (projects, fiscal) = fiscal_projects(w);
    w.para_facts(format!(
        "{year}年，本部门预算绩效管理整体预算绩效目标{}个，涉及金额{}万元；当年财政拨款项目{projects}个，涉及预算金额{}万元；当年非财政拨款项目{}个，涉及预算金额{}万元。",
        figure(perf.department_targets),
        amount(perf.department_amount),
        wan(fiscal),
        figure(perf.non_fiscal_projects),
        amount(perf.non_fiscal_amount)
    ));
}

/// The projects of 表7 and their total.
fn fiscal_projects(w: &Writer<'_>) -> (usize, Money) {
    // A 汇总's projects of the same name in two units are two projects.
    let mut names: Vec<(&str, Option<&str>)> = Vec::new();
    let mut total = Money::ZERO;
    for row in w.tables.t7.iter().flat_map(|t| &t.rows) {
        if let Some(name) = row.project.as_deref() {
            let key = (name, row.unit.as_deref());
            if !names.contains(&key) {
                names.push(key);
            }
            total += row.total.value;
        }
    }
    (names.len(), total)
}
