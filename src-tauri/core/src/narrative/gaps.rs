//! What a document still lacks before it is published: every fact not entered and every
//! （待填写） the generated text still holds, each described in one Chinese sentence, so that
//! the app can list them before the export.
//!
//! A fact not entered is listed once, as the fact ("人员情况：编制数未填写"), also where the text
//! prints （待填写） for it; a typed text not given is listed at its place in 第三部分 with the
//! words before it ("第三部分 二、…：…，主要原因是：（待填写）").

use serde::{Deserialize, Serialize};

use super::docx::DocumentTexts;
use super::generate::TO_FILL;
use super::model::{Narrative, NarrativeFacts};

/// One thing still to fill in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct DocumentGap {
    /// Where it shows: "第一部分 概况", "人员情况", "第三部分 二、关于…收入预算情况说明".
    pub place: String,
    /// What is missing, in one sentence: "人员情况：编制数未填写".
    pub description: String,
    /// The typed text that fills it ("income.general"); `None` for a fact or a 概况 text.
    pub text_key: Option<String>,
}

/// The key of the text typed instead of 机关运行经费 when the unit has none to report.
const OFFICE_OPERATION_TEXT: &str = "office_operation.text";
/// How many characters before a （待填写） describe its place.
const CONTEXT_CHARS: usize = 40;

fn gap(place: &str, what: &str) -> DocumentGap {
    DocumentGap {
        place: place.to_string(),
        description: format!("{place}：{what}未填写"),
        text_key: None,
    }
}

/// The facts not entered, by group and label.
fn fact_gaps(facts: &NarrativeFacts, office_text: bool, out: &mut Vec<DocumentGap>) {
    let mut missing = |place: &str, fields: &[(&str, bool)]| {
        for (label, entered) in fields {
            if !entered {
                out.push(gap(place, label));
            }
        }
    };
    let s = &facts.staff;
    missing(
        "人员情况",
        &[
            ("编制数", s.establishment.is_some()),
            ("在职人数", s.in_service.is_some()),
            ("在职人数比上年增减", s.in_service_change.is_some()),
            ("退休人数", s.retired.is_some()),
            ("退休人数比上年增减", s.retired_change.is_some()),
            ("离休人数", s.veteran_retired.is_some()),
            ("离休人数比上年增减", s.veteran_retired_change.is_some()),
        ],
    );
    // 机关运行经费: the amount, or a typed text in its place.
    missing(
        "机关运行经费",
        &[(
            "机关运行经费财政拨款预算",
            facts.office_operation.is_some() || office_text,
        )],
    );
    let p = &facts.procurement;
    missing(
        "政府采购",
        &[
            ("政府采购货物预算", p.goods.is_some()),
            ("政府采购工程预算", p.works.is_some()),
            ("政府采购服务预算", p.services.is_some()),
            ("面向中小企业预留金额", p.reserved_for_sme.is_some()),
            (
                "其中面向小微企业预留金额",
                p.reserved_for_small_micro.is_some(),
            ),
        ],
    );
    let a = &facts.assets;
    missing(
        "国有资产占用使用情况",
        &[
            ("房屋面积", a.building_area.is_some()),
            ("房屋价值", a.building_value.is_some()),
            ("一般公务用车数量", a.official_vehicles.is_some()),
            ("一般公务用车价值", a.official_vehicle_value.is_some()),
            ("执法执勤用车数量", a.enforcement_vehicles.is_some()),
            ("执法执勤用车价值", a.enforcement_vehicle_value.is_some()),
            ("其他车辆数量", a.other_vehicles.is_some()),
            ("其他车辆价值", a.other_vehicle_value.is_some()),
            ("办公家具价值", a.furniture_value.is_some()),
            ("其他资产价值", a.other_asset_value.is_some()),
            ("50万元以上大型设备台数", a.equipment_over_50.is_some()),
            ("100万元以上大型设备台数", a.equipment_over_100.is_some()),
            ("本年购置车辆经费", a.vehicle_purchase_budget.is_some()),
            (
                "本年拟购置50万元以上大型设备台数",
                a.planned_equipment_over_50.is_some(),
            ),
            (
                "本年拟购置100万元以上大型设备台数",
                a.planned_equipment_over_100.is_some(),
            ),
        ],
    );
    let f = &facts.performance;
    missing(
        "预算绩效情况",
        &[
            ("整体预算绩效目标个数", f.department_targets.is_some()),
            ("整体预算绩效目标涉及金额", f.department_amount.is_some()),
            ("非财政拨款项目个数", f.non_fiscal_projects.is_some()),
            ("非财政拨款项目涉及金额", f.non_fiscal_amount.is_some()),
        ],
    );
}

/// The words before the first （待填写） of `text` (at most `CONTEXT_CHARS` of them, "…" when
/// cut), or `previous` (the paragraph before) when the placeholder opens the paragraph.
fn context(text: &str, previous: &str) -> String {
    let before = text.split(TO_FILL).next().unwrap_or("");
    let before = if before.trim().is_empty() {
        previous.trim()
    } else {
        before
    };
    let count = before.chars().count();
    if count > CONTEXT_CHARS {
        let tail: String = before.chars().skip(count - CONTEXT_CHARS).collect();
        format!("…{tail}")
    } else {
        before.to_string()
    }
}

/// Everything still to fill in before `narrative` (generated from `facts` and the typed texts)
/// and `texts` are published: 概况 texts, facts, then the typed texts of 第三部分 in text order.
pub fn document_gaps(
    narrative: &Narrative,
    facts: &NarrativeFacts,
    texts: &DocumentTexts,
) -> Vec<DocumentGap> {
    let mut out = Vec::new();
    let overview = "第一部分 概况";
    if texts.functions.iter().all(|f| f.trim().is_empty()) {
        out.push(gap(overview, "主要职能"));
    }
    if texts.organisation.trim().is_empty() {
        out.push(gap(overview, "机构设置"));
    }
    let office_text = narrative
        .sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .any(|p| p.text_key.as_deref() == Some(OFFICE_OPERATION_TEXT) && !p.needs_text);
    fact_gaps(facts, office_text, &mut out);
    for section in &narrative.sections {
        let place = format!("第三部分 {}", section.title);
        let mut previous = "";
        for p in &section.paragraphs {
            let typed = p.text_key.as_deref();
            // A fact's （待填写） is listed as the fact above; so is 机关运行经费's.
            if p.needs_text && typed.is_some() && typed != Some(OFFICE_OPERATION_TEXT) {
                out.push(DocumentGap {
                    place: place.clone(),
                    description: format!("{place}：{}{TO_FILL}", context(&p.text, previous)),
                    text_key: p.text_key.clone(),
                });
            }
            previous = &p.text;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::narrative::{generate, NarrativeInput};
    use crate::tables::BudgetTables;

    #[test]
    fn nothing_entered_lists_every_fact_and_the_overview() {
        let input = NarrativeInput {
            unit: "甲单位".into(),
            year: 2024,
            ..NarrativeInput::default()
        };
        let narrative = generate(&BudgetTables::default(), &input);
        let gaps = document_gaps(&narrative, &input.facts, &DocumentTexts::default());
        let descriptions: Vec<&str> = gaps.iter().map(|g| g.description.as_str()).collect();
        for expected in [
            "第一部分 概况：主要职能未填写",
            "人员情况：编制数未填写",
            "人员情况：离休人数比上年增减未填写",
            "机关运行经费：机关运行经费财政拨款预算未填写",
            "政府采购：政府采购货物预算未填写",
            "国有资产占用使用情况：房屋面积未填写",
            "预算绩效情况：非财政拨款项目涉及金额未填写",
        ] {
            assert!(
                descriptions.contains(&expected),
                "{expected} in {descriptions:#?}"
            );
        }
        // Every （待填写） in the text is a fact listed above.
        assert!(gaps.iter().all(|g| g.text_key.is_none()), "{gaps:#?}");
    }

    #[test]
    fn a_typed_text_instead_of_the_office_amount_fills_it() {
        let mut input = NarrativeInput {
            unit: "甲单位".into(),
            year: 2024,
            ..NarrativeInput::default()
        };
        input.texts.insert(
            OFFICE_OPERATION_TEXT.into(),
            "本单位为事业单位，无机关运行经费".into(),
        );
        let narrative = generate(&BudgetTables::default(), &input);
        let gaps = document_gaps(&narrative, &input.facts, &DocumentTexts::default());
        assert!(!gaps.iter().any(|g| g.place == "机关运行经费"), "{gaps:#?}");
    }

    #[test]
    fn the_words_before_a_placeholder_say_where_it_is() {
        assert_eq!(
            context("收入减少10万元，主要原因是：（待填写）。", ""),
            "收入减少10万元，主要原因是："
        );
        assert_eq!(
            context("（待填写）。", "（一）机关运行经费情况"),
            "（一）机关运行经费情况"
        );
        let long = "一".repeat(50);
        assert_eq!(
            context(&format!("{long}（待填写）"), "").chars().count(),
            41
        );
    }
}
