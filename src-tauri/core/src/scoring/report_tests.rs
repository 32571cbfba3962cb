//! Tests of the 自评报告 text on the seed 001 fixture and an edited copy of it.

use std::path::Path;

use super::*;
use crate::scoring::read_workbook;

fn seed_evaluation() -> SelfEvaluation {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/seni-2023-self-evaluation.xlsx"
    );
    read_workbook(Path::new(path))
        .expect("fixture reads")
        .remove(0)
        .evaluation
}

fn section<'a>(report: &'a SelfEvaluationReport, heading: &str) -> &'a ReportSection {
    report
        .sections
        .iter()
        .find(|s| s.heading == heading)
        .unwrap_or_else(|| panic!("no section {heading}: {:#?}", report.sections))
}

#[test]
fn the_summary_sentence_is_the_one_seed_001_prints() {
    let e = seed_evaluation();
    assert_eq!(
        summary_sentence(&e, &score(&e)),
        "根据年初设定的绩效目标，项目绩效自评得分为100分。全年预算数为244.23万元，执行数为244.23万元，完成预算的100%。项目绩效目标完成情况：一次性拨付244.23万元，扶持单位数54家，成功54家。"
    );
}

#[test]
fn sections_follow_the_seed_structure() {
    let report = report(&seed_evaluation(), &ReportProse::default());
    assert_eq!(report.title, "色尼区电子政务外网延伸项目支出绩效自评报告");
    let top: Vec<&str> = report
        .sections
        .iter()
        .filter(|s| s.level == 1)
        .map(|s| s.heading.as_str())
        .collect();
    assert_eq!(
        top,
        [
            "一、基本情况",
            "二、绩效评价工作开展情况",
            "三、综合评价情况及评价结论",
            "四、绩效指标分析",
            "五、预算执行进度与绩效指标偏差情况",
            "六、主要经验及做法、存在的问题及原因分析",
            "七、绩效自评结果拟应用和公开情况",
            "八、其他需要说明的问题",
        ]
    );
}

#[test]
fn numbers_come_from_the_evaluation() {
    let report = report(&seed_evaluation(), &ReportProse::default());
    assert_eq!(
        section(&report, "4.资金投入和使用情况").paragraphs,
        ["色尼区电子政务外网延伸项目全年预算数244.23万元，其中：当年财政拨款244.23万元。截至2023年12月31日，项目实际支出244.23万元，资金预算执行率100%。"]
    );
    // The seed's own figures: 3 一级, 7 二级, 9 三级, 100 of 100.
    assert!(section(&report, "四、绩效指标分析").paragraphs[0]
        .contains("由产出、效益、满意度3个一级指标、7个二级指标、9个三级指标构成。权重分为100分，实际得分100分，得分率为100%。"));
    assert_eq!(
        section(&report, "（一）产出指标").paragraphs,
        ["由6个三级指标构成，权重分为50分，实际得分50分，得分率100%。"]
    );
    assert_eq!(
        section(&report, "1.数量指标").paragraphs,
        [
            "受扶持单位数量(个）：年度指标值≥1，实际完成值54，分值10分，得分10分。",
            "数量指标得分10分，实际完成值与预期目标值一致。"
        ]
    );
    assert_eq!(
        section(&report, "五、预算执行进度与绩效指标偏差情况").paragraphs,
        [
            "2023年本项目全年预算数244.23万元，全年执行数244.23万元，预算执行率为100%。",
            "各项绩效指标均达到年度指标值，不存在绩效指标偏差情况。"
        ]
    );
}

#[test]
fn a_shortfall_is_explained_with_the_staff_reason() {
    let mut e = seed_evaluation();
    e.indicators[1].actual = "81%".into();
    e.indicators[1].deviation = "3家单位线路改造未完成，下年一季度完成".into();
    let report = report(&e, &ReportProse::default());
    let deviation = &section(&report, "五、预算执行进度与绩效指标偏差情况").paragraphs;
    assert_eq!(
        deviation[1],
        "“扶持项目成功率”年度指标值≥90%，实际完成值81%，得分9分（分值10分）。偏差原因分析及改进措施：3家单位线路改造未完成，下年一季度完成。"
    );
    assert!(section(&report, "2.质量指标")
        .paragraphs
        .last()
        .unwrap()
        .contains("得分29分（分值30分）"));
    assert!(section(&report, "三、综合评价情况及评价结论").paragraphs[1]
        .contains("自评总分99分，自评结论为“优”"));
}

#[test]
fn staff_prose_is_used_and_missing_prose_is_marked() {
    let staff = ReportProse {
        background: "根据自治区信息产业发展领导小组会议精神，加快完成电子政务外网延伸建设。".into(),
        ..Default::default()
    };
    let report = report(&seed_evaluation(), &staff);
    assert_eq!(
        section(&report, "1.项目背景").paragraphs,
        std::slice::from_ref(&staff.background)
    );
    assert_eq!(
        section(&report, "2.主要内容及实施情况").paragraphs,
        ["（待填写）"]
    );
    assert_eq!(
        section(&report, "八、其他需要说明的问题").paragraphs,
        ["无"]
    );
    let text = report.to_text();
    assert!(text.starts_with("色尼区电子政务外网延伸项目支出绩效自评报告\n一、基本情况\n"));
}
