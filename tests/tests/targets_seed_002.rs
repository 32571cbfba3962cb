//! Seed 002's 绩效目标公开表 — one project per row, indicators as free text with HTML and TeX
//! remnants — built into a workbook from the seed's own text: every indicator is split into
//! operator, number and unit or kept verbatim with a warning, and the two projects whose
//! indicators state more money than the project has are flagged.

use std::path::PathBuf;

use budget_core::checks::Severity;
use budget_core::money::{parse_amount, Money, Scale};
use budget_core::review::{review_file, FileKind};
use budget_core::targets::{import_file, Indicator, Operator, ProjectTargets};
use budget_tests::targets::seed_002_workbook;

fn workbook() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("menyuan-2024-targets.xlsx");
    seed_002_workbook(&path);
    (dir, path)
}

fn wan(text: &str) -> Option<Money> {
    parse_amount(text, Scale::Wanyuan).unwrap()
}

fn find<'a>(p: &'a ProjectTargets, name: &str) -> &'a Indicator {
    p.indicators
        .iter()
        .find(|i| i.name == name)
        .unwrap_or_else(|| panic!("{}: no indicator {name}: {:#?}", p.name, p.indicators))
}

fn split(i: &Indicator) -> (String, Option<Operator>, String, String) {
    (
        i.level2.clone(),
        i.operator,
        i.value.clone(),
        i.unit.clone(),
    )
}

fn q(
    level2: &str,
    op: Option<Operator>,
    value: &str,
    unit: &str,
) -> (String, Option<Operator>, String, String) {
    (level2.into(), op, value.into(), unit.into())
}

#[test]
fn every_project_and_indicator_is_read() {
    let (_dir, path) = workbook();
    let read = import_file(&path).expect("imports");
    let names: Vec<(&str, Option<Money>)> = read
        .set
        .projects
        .iter()
        .map(|p| (p.name.as_str(), p.amount))
        .collect();
    assert_eq!(
        names,
        vec![
            ("招商引资工作经费", wan("18.00")),
            ("冻猪肉应急储备", wan("90.79")),
            ("两节慰问工作经费", wan("1.20")),
            ("牛羊肉储备", wan("124.10")),
            ("青洽会专项经费", wan("30.00")),
            ("电子商务服务中心运行经费", wan("19.80")),
            ("2023年促消费专项资金", wan("50.00")),
            ("科级及以下退休人员公用经费", wan("0.27")),
            ("编外人员生活补助", wan("13.63")),
        ]
    );
    let p = &read.set.projects;
    use Operator::*;
    let zs = &p[0];
    assert!(zs.goal.starts_with("1. 目标一：充分利用门源现有资源优势"));
    assert_eq!(
        split(find(zs, "项目资金金额")),
        q("数量指标", Some(AtLeast), "30", "万元")
    );
    assert_eq!(
        split(find(zs, "大力引进外资企业到门源投资")),
        q("质量指标", Some(Qualitative), "效果明显", "")
    );
    assert_eq!(
        split(find(zs, "2024年年内完成")),
        q("时效指标", None, "100", "%")
    );
    let kept = find(
        zs,
        "开展招商引资业务工作经费:10万元≤18万元宣传推介费：8万元",
    );
    assert_eq!(kept.level2, "成本指标");
    assert!(kept.verbatim.is_some());
    let satisfaction = find(zs, "为中小企业发展创造环境，社会满意度满意度达到");
    assert_eq!(
        (satisfaction.level1.as_str(), split(satisfaction)),
        (
            "满意度指标",
            q("服务对象满意度指标", Some(AtLeast), "95", "%")
        )
    );

    let lj = &p[2];
    assert_eq!(
        split(find(lj, "慰问企业")),
        q("数量指标", Some(AtLeast), "3", "家")
    );
    assert_eq!(
        split(find(lj, "慰问覆盖率")),
        q("质量指标", None, "20", "%")
    );
    assert_eq!(
        split(find(lj, "慰问程序合规率")),
        q("质量指标", Some(Qualitative), "合规", "")
    );
    assert_eq!(
        split(find(lj, "两节慰问总成本")),
        q("成本指标", Some(AtMost), "1.2", "万元")
    );
    assert!(find(lj, "每家企业慰问金额").verbatim.is_some());
    assert_eq!(
        split(find(lj, "企业积极性提升")),
        q("社会效益指标", Some(Qualitative), "提升", "")
    );

    let nr = &p[3];
    assert_eq!(
        split(find(nr, "储备金额")),
        q("数量指标", None, "292", "万元")
    );
    assert_eq!(
        split(find(nr, "储备费用")),
        q("成本指标", None, "4.1", "万元/年")
    );

    let ds = &p[5];
    for name in ["拨付网络经费", "拨付水费", "维修维护费", "物业管理费"] {
        assert_eq!(
            split(find(ds, name)),
            q("数量指标", Some(AtLeast), "12", "次(全年)"),
            "{name}"
        );
    }
    assert_eq!(
        split(find(ds, "暖气费")),
        q("数量指标", Some(AtLeast), "1", "次")
    );
    assert_eq!(
        split(find(ds, "取暖费")),
        q("成本指标", None, "2.6", "万元")
    );
    assert_eq!(split(find(ds, "工作经费")), q("成本指标", None, "5", ""));
    assert_eq!(
        split(find(ds, "为我县企业提供产品销售平台")),
        q("社会效益指标", Some(AtLeast), "95", "%")
    );

    let cx = &p[6];
    assert_eq!(
        split(find(cx, "参与商家")),
        q("数量指标", Some(AtLeast), "300", "家")
    );
    assert_eq!(
        split(find(cx, "消费券发放时效")),
        q("时效指标", Some(Qualitative), "15天", "")
    );
    assert_eq!(
        split(find(cx, "社会公众满意度")),
        q("服务对象满意度指标", Some(AtLeast), "95", "")
    );

    // Every indicator has a name and is either split or kept verbatim with a warning.
    let all: Vec<&Indicator> = p.iter().flat_map(|p| &p.indicators).collect();
    assert!(all.len() > 80, "{}", all.len());
    for i in &all {
        assert!(!i.name.is_empty() && !i.level1.is_empty(), "{i:?}");
        assert!(i.verbatim.is_some() || !i.value.is_empty(), "{i:?}");
    }
    let verbatim = all.iter().filter(|i| i.verbatim.is_some()).count();
    let warnings = read
        .problems
        .iter()
        .filter(|f| f.rule == "target_value_verbatim" && f.severity == Severity::Warning)
        .count();
    assert_eq!(warnings, verbatim);
    assert!(
        verbatim < all.len() / 5,
        "{verbatim} of {} kept verbatim",
        all.len()
    );
}

#[test]
fn money_beyond_the_project_is_flagged() {
    let (_dir, path) = workbook();
    let r = review_file(&path);
    assert_eq!(r.kind, FileKind::Targets);
    assert_eq!(r.projects.len(), 9);
    let exceeds: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "target_money_exceeds")
        .collect();
    assert_eq!(exceeds.len(), 2, "{exceeds:#?}");
    let zs = &exceeds[0];
    assert!(
        zs.message.contains("招商引资工作经费") && zs.message.contains("18.00万元"),
        "{}",
        zs.message
    );
    assert!(
        zs.message.contains("项目资金金额") && zs.message.contains("≥30万元"),
        "{}",
        zs.message
    );
    assert_eq!((zs.expected, zs.actual), (wan("18.00"), wan("30")));
    assert_eq!(zs.location.cell.as_deref(), Some("E4"));
    let nr = &exceeds[1];
    assert!(
        nr.message.contains("牛羊肉储备") && nr.message.contains("124.10万元"),
        "{}",
        nr.message
    );
    assert!(
        nr.message.contains("储备金额") && nr.message.contains("292万元"),
        "{}",
        nr.message
    );
    assert_eq!((nr.expected, nr.actual), (wan("124.10"), wan("292")));
    assert_eq!(nr.location.cell.as_deref(), Some("E7"));
    // A cost written with ≥ and 定性 on a number are flagged too.
    assert!(r.findings.iter().any(|f| f.rule == "target_cost_operator"
        && f.severity == Severity::Error
        && f.message.contains("宣传推介会议费")));
    assert!(r
        .findings
        .iter()
        .any(|f| f.rule == "target_operator_value" && f.message.contains("消费券发放时效")));
}
