//! The 项目支出绩效自评报告 (structure of seed 001 附件2). Every number comes from the
//! evaluation and its computed scores; only the prose the seed shows as the unit's own words
//! (background, process, experience, problems, how results are used) comes from staff, and a
//! part they have not written is marked 待填写 rather than made up.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::evaluate::score;
use super::model::{EvaluatedIndicator, EvaluationScore, FundExecution, SelfEvaluation};
use super::rules::{round2, EXECUTION_WEIGHT};
use crate::money::Money;

/// What staff write themselves; empty fields are marked 待填写 in the report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ReportProse {
    /// 项目背景
    pub background: String,
    /// 主要内容及实施情况
    pub content: String,
    /// 绩效阶段性目标 (optional: left out when empty)
    pub stage_goals: String,
    /// 绩效评价目的
    pub evaluation_purpose: String,
    /// 绩效评价工作过程
    pub evaluation_process: String,
    /// 主要经验及做法
    pub experience: String,
    /// 存在问题及原因分析
    pub problems: String,
    /// 绩效自评结果拟应用和公开情况
    pub application: String,
    /// 其他需要说明的问题 ("无" when empty)
    pub other: String,
}

/// One heading and the paragraphs under it. `level` 1 is "一、", 2 is "（一）", 3 is "1.".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ReportSection {
    /// 1 ("一、"), 2 ("（一）") or 3 ("1.").
    pub level: u8,
    /// The heading as printed, its number included.
    pub heading: String,
    /// The paragraphs under the heading, in order; may be empty.
    pub paragraphs: Vec<String>,
}

/// The 绩效自评报告 of one project: its title and numbered sections, generated from the evaluation, its
/// scores and the typed texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SelfEvaluationReport {
    /// "色尼区电子政务外网延伸项目支出绩效自评报告"
    pub title: String,
    /// In print order.
    pub sections: Vec<ReportSection>,
}

impl SelfEvaluationReport {
    /// The report as plain text, one paragraph per line.
    pub fn to_text(&self) -> String {
        let mut out = format!("{}\n", self.title);
        for s in &self.sections {
            out.push_str(&s.heading);
            out.push('\n');
            for p in &s.paragraphs {
                out.push_str(p);
                out.push('\n');
            }
        }
        out
    }
}

const TO_FILL: &str = "（待填写）";
const CHINESE_NUMBERS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// "10", "4.68", "93.76": a score or percentage without trailing zeros, as reports print them.
fn num(value: Decimal) -> String {
    round2(value).normalize().to_string()
}

fn wan(money: Money) -> String {
    format!("{}万元", money.format_wanyuan())
}

fn prose(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        TO_FILL.to_string()
    } else {
        text.to_string()
    }
}

struct Builder {
    sections: Vec<ReportSection>,
}

impl Builder {
    fn section(&mut self, level: u8, heading: String, paragraphs: Vec<String>) {
        self.sections.push(ReportSection {
            level,
            heading,
            paragraphs,
        });
    }
}

/// The sentence the 决算 情况说明 quotes for each project (seed 001, 十、(二)).
pub fn summary_sentence(evaluation: &SelfEvaluation, result: &EvaluationScore) -> String {
    let funds = &evaluation.funds.total;
    let mut text = format!(
        "根据年初设定的绩效目标，项目绩效自评得分为{}分。",
        num(result.total)
    );
    if let (Some(budget), Some(executed), Some(rate)) = (
        funds.full_year_budget,
        funds.executed,
        result.execution_rate,
    ) {
        text.push_str(&format!(
            "全年预算数为{}，执行数为{}，完成预算的{}%。",
            wan(budget),
            wan(executed),
            num(rate)
        ));
    }
    if !evaluation.overall_actual.trim().is_empty() {
        text.push_str(&format!(
            "项目绩效目标完成情况：{}",
            evaluation.overall_actual.trim()
        ));
    }
    text
}

/// Generates the 自评报告 of one project.
pub fn report(evaluation: &SelfEvaluation, staff: &ReportProse) -> SelfEvaluationReport {
    let result = score(evaluation);
    let e = evaluation;
    let mut b = Builder {
        sections: Vec::new(),
    };
    basic_information(&mut b, e, staff, &result);
    evaluation_work(&mut b, e, staff);
    conclusion(&mut b, e, &result);
    indicator_analysis(&mut b, e, &result);
    deviation_analysis(&mut b, e, &result);
    lessons_and_use(&mut b, staff);
    SelfEvaluationReport {
        title: format!("{}支出绩效自评报告", e.project),
        sections: b.sections,
    }
}

/// 一、基本情况: the project (background, content, 实施主体, funds) and its 绩效目标.
fn basic_information(
    b: &mut Builder,
    e: &SelfEvaluation,
    staff: &ReportProse,
    result: &EvaluationScore,
) {
    b.section(1, "一、基本情况".into(), vec![]);
    b.section(2, "（一）项目概况".into(), vec![]);
    b.section(3, "1.项目背景".into(), vec![prose(&staff.background)]);
    b.section(
        3,
        "2.主要内容及实施情况".into(),
        vec![prose(&staff.content)],
    );
    b.section(3, "3.项目实施主体".into(), vec![prose(&e.implementer)]);
    b.section(
        3,
        "4.资金投入和使用情况".into(),
        vec![funds_paragraph(e, result)],
    );
    b.section(2, "（二）项目绩效目标".into(), vec![]);
    b.section(3, "1.绩效总目标".into(), vec![prose(&e.overall_target)]);
    if !staff.stage_goals.trim().is_empty() {
        b.section(
            3,
            "2.绩效阶段性目标".into(),
            vec![prose(&staff.stage_goals)],
        );
    }
}

/// 二、绩效评价工作开展情况: purpose, object and scope, and the process.
fn evaluation_work(b: &mut Builder, e: &SelfEvaluation, staff: &ReportProse) {
    b.section(1, "二、绩效评价工作开展情况".into(), vec![]);
    b.section(
        2,
        "（一）绩效评价目的、对象和范围".into(),
        vec![
            format!("评价目的：{}", prose(&staff.evaluation_purpose)),
            format!(
                "评价对象：{}。本次评价遵循财政部《项目支出绩效评价管理办法》（财预〔2020〕10号），对项目资金的使用管理、综合效益等进行绩效评价。",
                e.project
            ),
            "评价范围：涵盖项目总体绩效目标、各项绩效指标完成情况以及预算执行情况。".into(),
        ],
    );
    b.section(
        2,
        "（二）绩效评价工作过程".into(),
        vec![prose(&staff.evaluation_process)],
    );
}

/// 三、综合评价情况及评价结论: the overall target against what was done, and the scores.
fn conclusion(b: &mut Builder, e: &SelfEvaluation, result: &EvaluationScore) {
    b.section(
        1,
        "三、综合评价情况及评价结论".into(),
        vec![
            format!(
                "项目年度总体目标为：{}实际完成情况：{}",
                with_stop(&prose(&e.overall_target)),
                prose(&e.overall_actual)
            ),
            format!(
                "经自评，项目预算执行率得分{}分，绩效指标得分{}分，自评总分{}分，自评结论为“{}”。",
                result
                    .execution_score
                    .map(num)
                    .unwrap_or_else(|| "0".into()),
                num(result.total - result.execution_score.unwrap_or_default()),
                num(result.total),
                result.grade.label()
            ),
        ],
    );
}

/// 六 to 八: experience and problems, how the result is used and published, other matters
/// ("无" when none were typed).
fn lessons_and_use(b: &mut Builder, staff: &ReportProse) {
    b.section(1, "六、主要经验及做法、存在的问题及原因分析".into(), vec![]);
    b.section(
        2,
        "（一）主要经验及做法".into(),
        vec![prose(&staff.experience)],
    );
    b.section(
        2,
        "（二）存在问题及原因分析".into(),
        vec![prose(&staff.problems)],
    );
    b.section(
        1,
        "七、绩效自评结果拟应用和公开情况".into(),
        vec![prose(&staff.application)],
    );
    let other = if staff.other.trim().is_empty() {
        "无".to_string()
    } else {
        staff.other.trim().to_string()
    };
    b.section(1, "八、其他需要说明的问题".into(), vec![other]);
}

/// Ends a sentence with "。" unless it already ends with punctuation.
fn with_stop(text: &str) -> String {
    if text.ends_with(['。', '；', '！', '.', '）']) {
        text.to_string()
    } else {
        format!("{text}。")
    }
}

fn funds_paragraph(e: &SelfEvaluation, result: &EvaluationScore) -> String {
    let total = &e.funds.total;
    let mut text = e.project.clone();
    match total.full_year_budget {
        Some(budget) => {
            text.push_str(&format!("全年预算数{}", wan(budget)));
            if let Some(initial) = total.initial_budget.filter(|i| *i != budget) {
                text.push_str(&format!("（年初预算数{}）", wan(initial)));
            }
        }
        None => text.push_str("未填写全年预算数"),
    }
    let sources: Vec<String> = [
        ("当年财政拨款", &e.funds.current_appropriation),
        ("上年结转资金", &e.funds.carried_over),
        ("其他资金", &e.funds.other),
    ]
    .into_iter()
    .filter_map(|(label, row): (&str, &FundExecution)| {
        row.full_year_budget
            .filter(|m| !m.is_zero())
            .map(|m| format!("{label}{}", wan(m)))
    })
    .collect();
    if !sources.is_empty() {
        text.push_str(&format!("，其中：{}", sources.join("、")));
    }
    text.push('。');
    if let Some(executed) = total.executed {
        let year = e
            .year
            .map(|y| format!("截至{y}年12月31日，"))
            .unwrap_or_default();
        text.push_str(&format!("{year}项目实际支出{}", wan(executed)));
        if let Some(rate) = result.execution_rate {
            text.push_str(&format!("，资金预算执行率{}%", num(rate)));
        }
        text.push('。');
    }
    text
}

/// Runs of equal keys in order of first appearance.
fn groups<'a>(
    items: &'a [(usize, &'a EvaluatedIndicator)],
    key: impl Fn(&EvaluatedIndicator) -> &str,
) -> Vec<(String, Vec<(usize, &'a EvaluatedIndicator)>)> {
    let mut out: Vec<(String, Vec<(usize, &EvaluatedIndicator)>)> = Vec::new();
    for &(i, item) in items {
        let k = key(item);
        match out.iter_mut().find(|(name, _)| name == k) {
            Some((_, members)) => members.push((i, item)),
            None => out.push((k.to_string(), vec![(i, item)])),
        }
    }
    out
}

fn share(score: Decimal, weight: Decimal) -> String {
    if weight.is_zero() {
        "0".into()
    } else {
        num(score / weight * Decimal::ONE_HUNDRED)
    }
}

fn indicator_analysis(b: &mut Builder, e: &SelfEvaluation, result: &EvaluationScore) {
    let indexed: Vec<(usize, &EvaluatedIndicator)> = e.indicators.iter().enumerate().collect();
    let level1 = groups(&indexed, |i| i.level1.as_str());
    let level2_count: usize = level1
        .iter()
        .map(|(_, members)| groups(members, |i| i.level2.as_str()).len())
        .sum();
    let points = |i: usize| -> Decimal {
        result
            .indicators
            .get(i)
            .and_then(|s| s.score)
            .unwrap_or_default()
    };
    let weight_total = EXECUTION_WEIGHT + e.indicators.iter().map(|i| i.weight).sum::<Decimal>();
    let names: Vec<&str> = level1
        .iter()
        .map(|(n, _)| n.trim_end_matches("指标"))
        .collect();
    b.section(
        1,
        "四、绩效指标分析".into(),
        vec![format!(
            "本次绩效评价指标体系按照《项目支出绩效评价管理办法》（财预〔2020〕10号）设置，除预算执行率（分值10分）外，由{}{}个一级指标、{}个二级指标、{}个三级指标构成。权重分为{}分，实际得分{}分，得分率为{}%。",
            names.join("、"),
            level1.len(),
            level2_count,
            e.indicators.len(),
            num(weight_total),
            num(result.total),
            share(result.total, weight_total)
        )],
    );
    for (n, (name, members)) in level1.iter().enumerate() {
        let weight: Decimal = members.iter().map(|(_, i)| i.weight).sum();
        let got: Decimal = members.iter().map(|(i, _)| points(*i)).sum();
        let number = CHINESE_NUMBERS.get(n).copied().unwrap_or("十");
        b.section(
            2,
            format!("（{number}）{name}"),
            vec![format!(
                "由{}个三级指标构成，权重分为{}分，实际得分{}分，得分率{}%。",
                members.len(),
                num(weight),
                num(got),
                share(got, weight)
            )],
        );
        for (m, (level2, items)) in groups(members, |i| i.level2.as_str()).iter().enumerate() {
            let mut paragraphs: Vec<String> = items
                .iter()
                .map(|(i, indicator)| {
                    indicator_sentence(indicator, result.indicators.get(*i).and_then(|s| s.score))
                })
                .collect();
            let sub_weight: Decimal = items.iter().map(|(_, i)| i.weight).sum();
            let sub_got: Decimal = items.iter().map(|(i, _)| points(*i)).sum();
            paragraphs.push(if sub_got == sub_weight {
                format!(
                    "{level2}得分{}分，实际完成值与预期目标值一致。",
                    num(sub_got)
                )
            } else {
                format!(
                    "{level2}得分{}分（分值{}分），未全部达到预期目标。",
                    num(sub_got),
                    num(sub_weight)
                )
            });
            b.section(3, format!("{}.{level2}", m + 1), paragraphs);
        }
    }
}

fn indicator_sentence(indicator: &EvaluatedIndicator, points: Option<Decimal>) -> String {
    let got = match points {
        Some(p) => format!("得分{}分", num(p)),
        None => "无法评分".to_string(),
    };
    format!(
        "{}：年度指标值{}，实际完成值{}，分值{}分，{}。",
        indicator.name.trim(),
        indicator.target.trim(),
        prose(&indicator.actual),
        num(indicator.weight),
        got
    )
}

fn deviation_analysis(b: &mut Builder, e: &SelfEvaluation, result: &EvaluationScore) {
    let mut paragraphs = Vec::new();
    if let (Some(budget), Some(executed), Some(rate)) = (
        e.funds.total.full_year_budget,
        e.funds.total.executed,
        result.execution_rate,
    ) {
        let year = e.year.map(|y| format!("{y}年")).unwrap_or_default();
        paragraphs.push(format!(
            "{year}本项目全年预算数{}，全年执行数{}，预算执行率为{}%。",
            wan(budget),
            wan(executed),
            num(rate)
        ));
    }
    let short: Vec<String> = e
        .indicators
        .iter()
        .zip(&result.indicators)
        .filter(|(i, s)| s.score.is_none_or(|p| p < round2(i.weight)))
        .map(|(i, s)| {
            let got = s
                .score
                .map(|p| format!("得分{}分（分值{}分）", num(p), num(i.weight)))
                .unwrap_or_else(|| "无法评分".to_string());
            let reason = if i.deviation.trim().is_empty() {
                "未填写偏差原因分析及改进措施。".to_string()
            } else {
                format!("偏差原因分析及改进措施：{}", with_stop(i.deviation.trim()))
            };
            format!(
                "“{}”年度指标值{}，实际完成值{}，{}。{}",
                i.name.trim(),
                i.target.trim(),
                prose(&i.actual),
                got,
                reason
            )
        })
        .collect();
    if short.is_empty() {
        paragraphs.push("各项绩效指标均达到年度指标值，不存在绩效指标偏差情况。".into());
    } else {
        paragraphs.extend(short);
    }
    b.section(1, "五、预算执行进度与绩效指标偏差情况".into(), paragraphs);
}

#[cfg(test)]
#[path = "report_tests.rs"]
mod tests;
