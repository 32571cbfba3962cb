//! The two target fixtures import completely (every indicator, every field, transcribed here
//! from seeds 004 and 000), their weights total 90, the duplicate indicator of the 供销合作社
//! project is flagged, and broken copies are flagged at the changed cell.

use std::path::Path;

use budget_core::checks::Severity;
use budget_core::money::{parse_amount, Money, Scale};
use budget_core::review::{review_file, FileKind, ReviewedFile};
use budget_core::targets::{import_file, Indicator, ProjectTargets};
use budget_tests::{fixture, fixture_sheets, num, sheet_mut, text, write_workbook, Put};

const RUOQIANG: &str = "ruoqiang-2024-project-targets.xlsx";
const BAQING: &str = "baqing-2025-indicator-list.xlsx";

fn wan(text: &str) -> Option<Money> {
    parse_amount(text, Scale::Wanyuan).unwrap()
}

/// All fields of an indicator on one line, in the order the forms print them.
fn line(i: &Indicator) -> String {
    [
        i.level1.clone(),
        i.level2.clone(),
        i.printed_name(),
        i.operator
            .map(|o| o.label().to_string())
            .unwrap_or_default(),
        i.value.clone(),
        i.unit.clone(),
        i.weight.map(|w| w.to_string()).unwrap_or_default(),
        i.direction
            .map(|d| d.label().to_string())
            .unwrap_or_default(),
        i.basis.clone(),
        i.last_year.clone(),
        i.scoring_rule.clone(),
        i.evidence.clone(),
        i.verbatim.clone().unwrap_or_default(),
    ]
    .join("|")
}

fn lines(p: &ProjectTargets) -> Vec<String> {
    p.indicators.iter().map(line).collect()
}

#[test]
fn ruoqiang_block_imports_every_field() {
    let read = import_file(&fixture(RUOQIANG)).expect("imports");
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    assert_eq!(read.set.year, Some(2024));
    assert!(read.set.department.is_none());
    let [p] = read.set.projects.as_slice() else {
        panic!("one project: {:?}", read.set.projects);
    };
    assert_eq!(
        (
            p.code.as_str(),
            p.name.as_str(),
            p.unit.as_str(),
            p.manager.as_str()
        ),
        ("", "政府办业务经费", "若羌县人民政府办公室", "XX")
    );
    assert_eq!(
        (p.amount, p.fiscal, p.other),
        (wan("249.08"), wan("249.08"), wan("0"))
    );
    assert!(p
        .goal
        .starts_with("1、通过官方网站发布信息数量不少于3500条"));
    assert!(p.goal.ends_with("5、民生“微实事”项目的实施。"));
    let plan = "计划标准";
    let ratio = "按照完成比例赋分";
    let expected = vec![
        format!("产出指标|数量指标|官方网站发布信息数量|≥|3500|条|6||{plan}|3620条|{ratio}|工作资料|"),
        format!("产出指标|数量指标|登记办理群众信访数量|≥|130|件|6||{plan}|126件|{ratio}|工作资料|"),
        format!("产出指标|数量指标|信息系统维护数量|≥|12|次|6||{plan}||{ratio}|工作资料|"),
        format!("产出指标|数量指标|政府办文件印刷次数|≥|30|次|6||{plan}||{ratio}|工作资料|"),
        format!("产出指标|质量指标|系统故障率|≤|10|%|6||{plan}||{ratio}|工作资料|"),
        // Typed as "=100%", the cell holds a formula without a result.
        format!("产出指标|时效指标|信访事项及时受理率|＝|100|%|5||{plan}|95%|{ratio}|工作资料|"),
        format!("产出指标|时效指标|系统故障修复处理时间|≤|1|天|5||{plan}||{ratio}|工作资料|"),
        format!("成本指标|经济成本指标|信访局业务经费|≤|15|万元|5||{plan}||{ratio}|原始凭证|"),
        format!("成本指标|经济成本指标|行政服务中心业务经费|≤|40|万元|5||{plan}||{ratio}|原始凭证|"),
        format!("成本指标|经济成本指标|政府办业务经费|≤|144.08|万元|5||{plan}||{ratio}|原始凭证|"),
        format!("成本指标|经济成本指标|若羌县民生“微实事”项目|≤|50|万元|5||{plan}||{ratio}|原始凭证|"),
        format!("效益指标|社会效益指标|官方网站点击量增长率|≥|10|%|10||{plan}||{ratio}|工作资料|"),
        format!("效益指标|社会效益指标|有效保障单位正常运转|定性|有效保障||10||{plan}||按评判等级赋分|工作资料|"),
        format!("满意度指标|满意度指标|信访人员满意度|≥|95|%|10||{plan}||满意度赋分|工作资料|"),
    ];
    assert_eq!(lines(p), expected);
    assert_eq!(p.weight_total().map(|w| w.to_string()), Some("90".into()));
    let cells = p.indicators[5].cells.as_ref().unwrap();
    assert_eq!(
        (
            cells.sheet.as_str(),
            cells.name.as_str(),
            cells.value.as_str(),
            cells.weight.as_str()
        ),
        ("项目支出绩效目标表", "C13", "D13", "G13")
    );
}

#[test]
fn baqing_list_imports_every_field() {
    let read = import_file(&fixture(BAQING)).expect("imports");
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    assert_eq!(read.set.year, Some(2025));
    let [first, second] = read.set.projects.as_slice() else {
        panic!("two projects: {:?}", read.set.projects);
    };
    assert_eq!(
        (
            first.code.as_str(),
            first.name.as_str(),
            first.unit.as_str(),
            first.amount
        ),
        (
            "54060024R000001579909",
            "公益性岗位生活补贴",
            "114001－巴青县经信商务局机关",
            wan("12.00")
        )
    );
    let pos = "正向";
    assert_eq!(
        lines(first),
        vec![
            format!("产出指标|时效指标|即时支付率|＝|100|%|10|{pos}|||||"),
            format!("满意度指标|服务对象满意度指标|受益对象满意度|≥|90|%|10|{pos}|||||"),
            format!("产出指标|质量指标|使用规范率|＝|100|%|10|{pos}|||||"),
            format!("效益指标|社会效益指标|社会稳定性★|定性|稳定||20|{pos}|||||"),
            format!("产出指标|数量指标|人员覆盖率★|＝|100|%|20|{pos}|||||"),
            format!("产出指标|质量指标|足额保障率|＝|100|%|10|{pos}|||||"),
            format!("效益指标|社会效益指标|人员幸福感|定性|提升||10|{pos}|||||"),
        ]
    );
    assert_eq!(
        (second.code.as_str(), second.name.as_str(), second.amount),
        (
            "54060024T000001453263",
            "供销合作社业务工作经费",
            wan("10.00")
        )
    );
    assert_eq!(
        lines(second),
        vec![
            format!("产出指标|成本指标|业务经费|＝|10|万元|10|{pos}|||||"),
            format!("产出指标|数量指标|制作供销合作社基层门牌|＝|10|个|10|{pos}|||||"),
            format!("满意度指标|服务对象满意度指标|群众满意度达到率|≥|98|%|5|{pos}|||||"),
            format!("效益指标|经济效益指标|提高群众增收率|≥|90|%|10|{pos}|||||"),
            format!("产出指标|质量指标|基层社挂牌率|≥|96|%|10|{pos}|||||"),
            format!("满意度指标|帮扶对象满意度指标|困难群众就业帮扶满意度|≥|90|%|5|{pos}|||||"),
            format!("产出指标|数量指标|基层社数量|＝|10|个|10|{pos}|||||"),
            format!("产出指标|时效指标|群众物资配送及时率|≥|95|%|10|{pos}|||||"),
            format!("产出指标|质量指标|培育社属企业前期工作开展率|≥|98|%|10|{pos}|||||"),
            format!("效益指标|社会效益指标|群众物资配送及时率|≥|98|%|10|{pos}|||||"),
        ]
    );
    for p in &read.set.projects {
        assert_eq!(
            p.weight_total().map(|w| w.to_string()),
            Some("90".into()),
            "{}",
            p.name
        );
    }
}

fn errors(r: &ReviewedFile) -> Vec<(String, String, String)> {
    r.findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| {
            (
                f.rule.clone(),
                f.location.cell.clone().unwrap_or_default(),
                f.message.clone(),
            )
        })
        .collect()
}

#[test]
fn review_flags_only_the_duplicate_of_the_supply_cooperative() {
    let r = review_file(&fixture(BAQING));
    assert_eq!(r.kind, FileKind::Targets);
    assert_eq!(r.projects.len(), 2);
    let found = errors(&r);
    assert_eq!(found.len(), 1, "{found:?}");
    let (rule, cell, message) = &found[0];
    assert_eq!(
        (rule.as_str(), cell.as_str()),
        ("target_duplicate_name", "F19")
    );
    assert!(message.contains("供销合作社业务工作经费"), "{message}");
    assert!(message.contains("群众物资配送及时率"), "{message}");
    assert!(message.contains("F17"), "{message}");
    assert!(
        r.findings.iter().all(|f| f.severity == Severity::Error),
        "{:?}",
        r.findings
    );

    let clean = review_file(&fixture(RUOQIANG));
    assert_eq!(clean.kind, FileKind::Targets);
    assert_eq!(clean.unit.as_deref(), Some("若羌县人民政府办公室"));
    assert!(clean.findings.is_empty(), "{:?}", clean.findings);
}

/// The 若羌 fixture written again with `changes`; "=100%" is put back as text because the
/// copy keeps values, not formulas.
fn ruoqiang_copy(changes: &[(&str, Put)]) -> ReviewedFile {
    let mut sheets = fixture_sheets(RUOQIANG);
    let sheet = sheet_mut(&mut sheets, "项目支出绩效目标表");
    sheet.set("D13", text("=100%"));
    for (cell, value) in changes {
        sheet.set(cell, value.clone());
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copy.xlsx");
    write_workbook(&path, &sheets);
    review_file(Path::new(&path))
}

#[test]
fn broken_copies_are_flagged_at_the_changed_cell() {
    assert!(ruoqiang_copy(&[]).findings.is_empty());

    let r = ruoqiang_copy(&[("G8", num(7.0))]);
    let found = errors(&r);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].0.as_str(), found[0].1.as_str()),
        ("target_weights", "G8")
    );
    assert!(
        found[0].2.contains("合计为91") && found[0].2.contains("应为90"),
        "{}",
        found[0].2
    );

    // A cost indicator written with ≥, and one larger than the whole project.
    let r = ruoqiang_copy(&[("D15", text(">=15万元")), ("D17", text("<=300万元"))]);
    let rules: Vec<_> = errors(&r).into_iter().map(|(r, c, _)| (r, c)).collect();
    assert_eq!(
        rules,
        vec![
            ("target_cost_operator".to_string(), "D15".to_string()),
            ("target_money_exceeds".to_string(), "D17".to_string()),
        ]
    );

    // 年度资金总额 that is not 财政拨款 + 其他资金.
    let r = ruoqiang_copy(&[("D5", text("250.08"))]);
    let found = errors(&r);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].0.as_str(), found[0].1.as_str()),
        ("target_funds_sum", "D5")
    );
    assert!(found[0].2.contains("250.08") && found[0].2.contains("249.08"));

    // No 满意度 indicator left; a 定性 value on a number; a duplicate name.
    let r = ruoqiang_copy(&[
        ("A21", text("效益指标")),
        ("D19", text("定性 10%")),
        ("C12", text("信息系统维护数量")),
    ]);
    let rules: Vec<_> = errors(&r).into_iter().map(|(r, c, _)| (r, c)).collect();
    assert!(
        rules.contains(&("target_levels".into(), "C4".into())),
        "{rules:?}"
    );
    assert!(
        rules.contains(&("target_operator_value".into(), "D19".into())),
        "{rules:?}"
    );
    assert!(
        rules.contains(&("target_duplicate_name".into(), "C12".into())),
        "{rules:?}"
    );
    assert_eq!(rules.len(), 3, "{rules:?}");

    // A value that cannot be split is kept and reported, not guessed.
    let r = ruoqiang_copy(&[("D10", text("2024年12月前"))]);
    let warnings: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "target_value_verbatim")
        .collect();
    assert_eq!(warnings.len(), 1, "{:?}", r.findings);
    assert_eq!(warnings[0].location.cell.as_deref(), Some("D10"));
    assert!(errors(&r).is_empty());
}

#[test]
fn target_table_beside_t7_is_compared_with_it() {
    // Seed 004 merges three projects into the 政府办业务经费 target table (249.08 万元), while T7
    // lists 政府办业务经费 at 234.08: the target table's 年度资金总额 disagrees with T7.
    let mut sheets = fixture_sheets(budget_tests::BUDGET_TABLES);
    sheets.push(budget_tests::project_sheet());
    let mut targets = fixture_sheets(RUOQIANG);
    targets[0].set("D13", text("=100%"));
    sheets.extend(targets);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("combined.xlsx");
    write_workbook(&path, &sheets);
    let r = review_file(&path);
    assert_eq!(r.kind, FileKind::BudgetTables);
    assert_eq!(r.projects.len(), 1);
    let target: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("target_"))
        .collect();
    assert_eq!(target.len(), 1, "{target:#?}");
    let f = target[0];
    assert_eq!(f.rule, "target_amount");
    assert_eq!(f.location.cell.as_deref(), Some("D5"));
    assert_eq!((f.expected, f.actual), (wan("234.08"), wan("249.08")));
    assert!(f.message.contains("“表7”"), "{}", f.message);
}

#[test]
fn an_import_with_problems_names_every_cell_and_imports_nothing() {
    use budget_core::targets::TargetImportError;
    let dir = tempfile::tempdir().unwrap();

    let mut sheets = fixture_sheets(RUOQIANG);
    sheets[0]
        .set("G9", text("六分"))
        .set("A19", text("效果指标"))
        .set("D5", text("249.O8"));
    let path = dir.path().join("ruoqiang-bad.xlsx");
    write_workbook(&path, &sheets);
    let Err(TargetImportError::Invalid { problems }) = import_file(&path) else {
        panic!("refused");
    };
    let cells: Vec<_> = problems
        .iter()
        .map(|p| p.location.cell.clone().unwrap_or_default())
        .collect();
    assert_eq!(cells, vec!["D5", "G9", "A19"], "{problems:#?}");
    assert!(problems[0].message.contains("249.O8"));
    assert!(
        problems[1].message.contains("“项目支出绩效目标表”G9")
            && problems[1].message.contains("六分")
    );
    assert!(problems[2].message.contains("效果指标"));

    let mut sheets = fixture_sheets(BAQING);
    sheets[0].set("G5", text("约")).set("K8", text("双向指标"));
    let path = dir.path().join("baqing-bad.xlsx");
    write_workbook(&path, &sheets);
    let err = import_file(&path).expect_err("refused");
    let message = err.to_string();
    assert!(message.contains("共 2 处问题"), "{message}");
    assert!(
        message.contains("G5") && message.contains("指标性质“约”"),
        "{message}"
    );
    assert!(
        message.contains("K8") && message.contains("双向指标"),
        "{message}"
    );
    // In review the same problems are findings, so the file is still reported.
    let r = review_file(&path);
    assert_eq!(
        r.findings
            .iter()
            .filter(|f| f.rule == "target_read")
            .count(),
        2
    );
}
