//! The checker on sentences of the seeds, right and broken.

use super::check_narrative;

fn rules(text: &str) -> Vec<(String, u32)> {
    check_narrative(text, None)
        .into_iter()
        .map(|f| (f.rule, f.location.line.unwrap_or(0)))
        .collect()
}

#[test]
fn seed_001_impossible_percentages_are_flagged() {
    let text = "年初结转结余1,593.18万元，主要是由疫情防控物资保障组费用所形成，较2022年度决算数增加1593.18万元，增长159318%，主要原因是疫情防控物资的费用支出。\n\
                年末结转结余0.00万元，较2022年度决算数减少40万元，下降4000%，主要原因是2023年不存在年末结转结余。";
    let found = check_narrative(text, None);
    let got: Vec<(&str, u32)> = found
        .iter()
        .map(|f| (f.rule.as_str(), f.location.line.unwrap_or(0)))
        .collect();
    assert_eq!(
        got,
        [
            ("narrative_percent_zero_base", 1),
            ("narrative_change_percent", 2)
        ]
    );
    assert_eq!(
        found[1].location.quote.as_deref(),
        Some("较2022年度决算数减少40万元，下降4000%")
    );
    assert!(
        found[1].message.contains("应下降100%"),
        "{}",
        found[1].message
    );
}

#[test]
fn right_sentences_of_the_seeds_pass() {
    let text = "若羌县人民政府办公室收入预算 842.07 万元，其中：\n\
                一般公共预算 842.07 万元，占 100%，比上年预算减少 59.67 万元，下降 6.62%，主要原因是本年度人员减少；\n\
                基本支出 592.99 万元，占 70.42%，比上年预算减少 21.05 万元，\n\n下降 3.43%。主要原因是：人员减少；\n\
                9. 卫生健康支出(210类)行政事业单位医疗(11款)事业单位医疗(02项): 2024年预算数为10.85万元, 比上年预算增加7.96万元, 增长275.43%, 主要原因是: 本年度人\n\n员变动。\n\
                因公出国（境）费增加 0 万元，增长 0%，主要原因是未安排预算，与上年持平。";
    assert_eq!(rules(text), vec![]);
}

#[test]
fn a_wrong_percentage_a_wrong_direction_and_a_wrong_share() {
    let text = "收入预算 842.07 万元，其中：\n\
                一般公共预算 842.07 万元，占 100%，比上年预算减少 59.67 万元，下降 6.26%；\n\
                基本支出 592.99 万元，占 72.42%，比上年预算减少 21.05 万元，增长 3.43%；\n\
                项目支出 15万元, 比上年预算增加15万元, 增长100%。";
    assert_eq!(
        rules(text),
        vec![
            ("narrative_change_percent".to_string(), 2),
            ("narrative_change_direction".to_string(), 3),
            ("narrative_share".to_string(), 3),
            ("narrative_percent_zero_base".to_string(), 4),
        ]
    );
}

#[test]
fn a_change_finds_its_amount_by_name_across_paragraphs() {
    // Seed 003: the 三公 total is stated in one paragraph and compared in the next.
    let ok = "“三公”经费数为 98 万元，其中：公务用车运行费 97 万元，公务接待费 1 万元。\n\n\
              2022 年一般公共预算“三公”经费比上年减少 20 万元，下降 16.95%，其中：公务用车运行费减少 20 万元，下降 17.09%。";
    assert_eq!(rules(ok), vec![]);
    let wrong = ok.replace("下降 17.09%", "下降 16.95%");
    assert_eq!(
        rules(&wrong),
        vec![("narrative_change_percent".to_string(), 3)]
    );
}

#[test]
fn a_truncated_percentage_is_a_rounding_warning() {
    // Seed 000: 6.3 on 7.7 is 81.82%, 四舍五入 82%; the text prints 81%.
    let found = check_narrative(
        "2025年，本部门机关运行经费安排14万元，比上年增加6.3万元，增长81%，主要原因是：公用经费增长。",
        None,
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].rule, "narrative_percent_rounding");
    assert_eq!(found[0].severity, crate::checks::Severity::Warning);
    assert!(
        found[0].message.contains("四舍五入应写82%"),
        "{}",
        found[0].message
    );
    // Printed 82% or 81.82% it is right.
    assert_eq!(
        rules("本部门机关运行经费安排14万元，比上年增加6.3万元，增长81.82%。"),
        vec![]
    );
}

#[test]
fn targets_that_mention_completion_are_not_ratios() {
    // Seed 002: an indicator "年内完成100%" after an amount is no share of it.
    assert_eq!(
        rules("成本指标：开展招商引资业务工作经费:10万元，宣传推介费：8万元，2024年年内完成100%"),
        vec![]
    );
    assert_eq!(
        rules("年初预算为2412.11万元，支出决算为2,335.98万元，完成年初预算的96.84%。"),
        vec![]
    );
    assert_eq!(
        rules("年初预算为2412.11万元，支出决算为2,335.98万元，完成年初预算的69.84%。"),
        vec![("narrative_share".to_string(), 1)]
    );
}

#[test]
fn every_narrative_rule_has_a_chinese_title() {
    for rule in [
        "narrative_change_percent",
        "narrative_change_direction",
        "narrative_percent_zero_base",
        "narrative_percent_rounding",
        "narrative_share",
        "narrative_amount_mismatch",
        "narrative_project_amount",
        "narrative_project_name",
        "narrative_not_arranged",
    ] {
        assert!(
            crate::checks::rule_title(rule).starts_with("情况说明："),
            "{rule}"
        );
    }
}

#[test]
fn seed_001_completion_rates_from_a_zero_budget_are_flagged() {
    // Seed 001, 第三部分 八/九/七: three "完成…的0%" over a budget of 0; the GPB rate is right.
    let text = "2023年度一般公共预算财政拨款支出年初预算为2412.11万元，支出决算为2,335.98万元，完成年初预算的96.84%。\n\
                2023年度政府性基金预算财政拨款支出年初预算为0万元，支出决算为0.00万元，完成年初预算的0%。\n\
                2023年度财政拨款“三公”经费支出预算为0.00万元，支出决算为0.00万元，完成预算的0%，与2022年度相比无变动。";
    let found = check_narrative(text, None);
    let got: Vec<(&str, u32)> = found
        .iter()
        .map(|f| (f.rule.as_str(), f.location.line.unwrap_or(0)))
        .collect();
    assert_eq!(
        got,
        [
            ("narrative_completion_zero_budget", 2),
            ("narrative_completion_zero_budget", 3)
        ]
    );
    assert!(
        found[0].message.contains("年初未安排"),
        "{}",
        found[0].message
    );
}

// Found by fuzzing: an amount or percentage printed with 28 decimals made the half unit of its
// last digit a scale of 29, which rust_decimal refuses with a panic.
#[test]
fn figures_with_28_decimals_are_checked_without_panicking() {
    let long = "0.0000000000000000000000000001";
    let text = format!(
        "支出合计2441万元，其中：基本支出2014{}万元，占82.51%；项目支出427万元，占17.49{}%，比上年预算减少9.1999999999999999999999999999997万元，下降0.45%。",
        &long[1..],
        &long[1..]
    );
    let _ = rules(&text);
}
