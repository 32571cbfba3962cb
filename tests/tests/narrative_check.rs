//! The 情况说明 check over the full texts of seeds 003 and 004 with their tables, and seed 001
//! alone: exactly the findings verified by hand, nothing that is right.
//!
//! Verified by hand (every change: last year = amount − change, percentage = change ÷ last
//! year; every share: amount ÷ total):
//! * seed 004: all figures agree except "信访业务(04项) … 增加15万元, 增长100%": last year was 0
//!   (15 − 15), so no percentage can be printed.
//! * seed 003: all figures agree; two projects are named differently in text and 表7 (their
//!   amounts are right): "巴州人民政府办公室政务服务保障费" (295 万元) is "巴州政府办公室政务服务
//!   保障费" in 表7 and in its 绩效目标表, and "电子政务网络监测维护费" (27 万元) is "电子政务
//!   网络维护费". Both are naming warnings.
//! * seed 001: "增长159318%" (twice) is printed on a zero base (1593.18 − 1593.18), and
//!   "0.00万元 … 减少40万元，下降4000%" (twice) is −100%.

use budget_core::catalog::Catalog;
use budget_core::checks::{Finding, Severity};
use budget_core::lines::{derive_tables, DeriveContext};
use budget_core::money::{parse_amount, Scale};
use budget_core::narrative::check_narrative;
use budget_core::tables::{
    template, Amount, BudgetTables, FiscalGrantTable, GrantClassRow, IncomeItem, OverviewTable,
    ProjectExpenditureTable, ProjectRow, RowLabel, TableId, TableMeta, ThreePublicItem,
    ThreePublicTable,
};
use budget_core::xlsx;
use budget_core::Money;
use budget_tests::disclosures::{ruoqiang_2024, ruoqiang_2024_tables};
use budget_tests::{fixture, seed_text, BUDGET_TABLES};

fn summary(findings: &[Finding]) -> Vec<(String, Severity, u32, String)> {
    findings
        .iter()
        .map(|f| {
            (
                f.rule.clone(),
                f.severity,
                f.location.line.unwrap_or(0),
                f.location.quote.clone().unwrap_or_default(),
            )
        })
        .collect()
}

fn line_of(text: &str, needle: &str) -> u32 {
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| i as u32 + 1)
        .unwrap_or_else(|| panic!("no line with {needle}"))
}

#[test]
fn seed_004_with_the_fixture_tables_has_one_zero_base_percentage() {
    let text = seed_text("004_");
    let tables = xlsx::read(&fixture(BUDGET_TABLES)).expect("fixture").tables;
    let found = check_narrative(&text, Some(&tables));
    let line = line_of(&text, "信访业务(04项)");
    assert_eq!(
        summary(&found),
        vec![(
            "narrative_percent_zero_base".to_string(),
            Severity::Error,
            line,
            "比上年预算增加15万元, 增长100%".to_string()
        )],
        "{found:#?}"
    );
    // The same text with the tables derived from the lines (表7 with the projects): the same.
    let derived = check_narrative(&text, Some(&ruoqiang_2024_tables("county-11")));
    assert_eq!(summary(&derived), summary(&found), "{derived:#?}");
}

#[test]
fn seed_004_broken_copies_are_flagged_where_changed() {
    let text = seed_text("004_");
    let tables = ruoqiang_2024_tables("county-11");
    let cases = [
        // A 项 amount that differs from 表5 (its change percentage then fails too).
        (
            "2024年预算数为265.54万元",
            "2024年预算数为256.54万元",
            &["narrative_change_percent", "narrative_amount_mismatch"][..],
        ),
        // A share that does not match amount ÷ total.
        ("占 70.42%", "占 74.02%", &["narrative_share"][..]),
        // A percentage that does not match the change.
        (
            "增长 46.11%",
            "增长 41.61%",
            &["narrative_change_percent"][..],
        ),
        // 三公 amount against 表10.
        (
            "公务接待费0.25万元",
            "公务接待费0.52万元",
            &["narrative_amount_mismatch"][..],
        ),
        // A project amount against 表7.
        (
            "预算安排规模：40万元",
            "预算安排规模：45万元",
            &["narrative_project_amount"][..],
        ),
        // 人员经费 against 表6.
        (
            "人员经费 554.3 万元",
            "人员经费 545.3 万元",
            &["narrative_amount_mismatch"][..],
        ),
        // A class amount against 表1/表4/表5.
        (
            "住房保障支出 39.61 万元",
            "住房保障支出 36.91 万元",
            &["narrative_amount_mismatch"][..],
        ),
        // The department total against 表1.
        (
            "管理。收支总预算 842.07 万元",
            "管理。收支总预算 824.07 万元",
            &["narrative_amount_mismatch"][..],
        ),
    ];
    let baseline = summary(&check_narrative(&text, Some(&tables)));
    for (from, to, rules) in cases {
        assert_eq!(text.matches(from).count(), 1, "{from}");
        let broken = text.replace(from, to);
        let line = line_of(&broken, to);
        let found = summary(&check_narrative(&broken, Some(&tables)));
        let new: Vec<(&str, u32)> = found
            .iter()
            .filter(|f| !baseline.contains(f))
            .map(|f| (f.0.as_str(), f.2))
            .collect();
        let want: Vec<(&str, u32)> = rules.iter().map(|r| (*r, line)).collect();
        assert_eq!(new, want, "{to}");
    }
}

/// A text that states whole 万元 ("收入预算17,192万元", as the Shanghai finance bureau's 2025
/// 说明 does for a table's 17,191.52) is right when the table's value rounds to it, and still
/// wrong when it does not.
#[test]
fn an_amount_printed_in_whole_wanyuan_is_compared_at_its_precision() {
    let text = seed_text("004_");
    let tables = ruoqiang_2024_tables("county-11");
    let from = "管理。收支总预算 842.07 万元";
    assert_eq!(text.matches(from).count(), 1);
    let baseline = summary(&check_narrative(&text, Some(&tables)));
    let new_rules = |to: &str| -> Vec<String> {
        let broken = text.replace(from, to);
        summary(&check_narrative(&broken, Some(&tables)))
            .into_iter()
            .filter(|f| !baseline.iter().any(|b| b.0 == f.0 && b.3 == f.3))
            .map(|f| f.0)
            .collect()
    };
    assert!(new_rules("管理。收支总预算 842 万元").is_empty());
    assert!(new_rules("管理。收支总预算 842.1 万元").is_empty());
    assert_eq!(
        new_rules("管理。收支总预算 843 万元"),
        ["narrative_amount_mismatch"]
    );
    assert_eq!(
        new_rules("管理。收支总预算 842.0 万元"),
        ["narrative_amount_mismatch"]
    );
}

fn m(text: &str) -> Money {
    parse_amount(text, Scale::Wanyuan)
        .unwrap()
        .unwrap_or(Money::ZERO)
}

fn label(code: Option<&str>, name: &str) -> RowLabel {
    RowLabel {
        code: code.map(str::to_string),
        name: name.to_string(),
        at: None,
        name_at: None,
    }
}

fn income(name: &str, amount: &str) -> IncomeItem {
    IncomeItem {
        label: label(None, name),
        amount: Amount::derived(m(amount)),
    }
}

/// Seed 003's tables as printed: 表1, 表4, 表7 (four projects) and 表8 三公 (one row).
fn seed_003_tables() -> BudgetTables {
    let classes = [
        ("201", "一般公共服务支出", "1901.34"),
        ("205", "教育支出", "6.27"),
        ("208", "社会保障和就业支出", "272.29"),
        ("210", "卫生健康支出", "146.57"),
        ("221", "住房保障支出", "114.53"),
    ];
    let t1 = OverviewTable {
        meta: TableMeta::new(TableId::T1, "部门收支总体情况表"),
        income: vec![
            income("财政拨款（补助）", "2441.00"),
            income("一般公共预算", "2441.00"),
            income("政府性基金预算", ""),
            income("国有资本经营预算", ""),
        ],
        income_total: Some(income("收入总计", "2441.00")),
        classes: classes
            .iter()
            .map(|(code, name, amount)| IncomeItem {
                label: label(Some(code), name),
                amount: Amount::derived(m(amount)),
            })
            .collect(),
        other_expenditure: Vec::new(),
        expenditure_total: Some(income("支出总计", "2441.00")),
    };
    let grant = |code: Option<&str>, name: &str, amount: &str| GrantClassRow {
        label: label(code, name),
        total: Amount::derived(m(amount)),
        general: Amount::derived(m(amount)),
        fund: Amount::derived(Money::ZERO),
        state_capital: Amount::derived(Money::ZERO),
    };
    let t4 = FiscalGrantTable {
        meta: TableMeta::new(TableId::T4, "财政拨款收支预算总体情况表"),
        income: vec![
            income("财政拨款(补助)", "2441.00"),
            income("一般公共预算", "2441.00"),
            income("政府性基金预算", ""),
            income("国有资本经营预算", ""),
        ],
        income_total: Some(income("收入总计", "2441.00")),
        classes: classes
            .iter()
            .map(|(code, name, amount)| grant(Some(code), name, amount))
            .collect(),
        expenditure_total: Some(grant(None, "支出总计", "2441.00")),
    };
    let project = |code: &str, name: &str, project: &str, amount: &str| ProjectRow {
        label: label(Some(code), name),
        project: Some(project.to_string()),
        unit: None,
        total: Amount::derived(m(amount)),
        economic: Vec::new(),
    };
    let t7 = ProjectExpenditureTable {
        meta: TableMeta::new(TableId::T7, "一般公共预算项目支出情况表"),
        economic_columns: Vec::new(),
        rows: vec![
            project(
                "2010302",
                "一般行政管理事务",
                "巴州政府办公室政务服务保障费",
                "295",
            ),
            project(
                "2010302",
                "一般行政管理事务",
                "“放管服”工作及“12345”政务服务热线保障费",
                "75",
            ),
            project("2010302", "一般行政管理事务", "电子政务网络维护费", "27"),
            project("2010350", "事业运行", "政府采购专家评审费", "30"),
        ],
        total: Some(ProjectRow {
            label: label(None, "合计"),
            project: None,
            unit: None,
            total: Amount::derived(m("427")),
            economic: Vec::new(),
        }),
    };
    let three = |amount: &str| {
        Some(ThreePublicItem {
            amount: Amount::derived(m(amount)),
            by_source: Vec::new(),
        })
    };
    let t10 = ThreePublicTable {
        meta: TableMeta::new(TableId::T10, "一般公共预算“三公”经费支出情况表"),
        total: three("98.00"),
        outbound: three(""),
        reception: three("1.00"),
        vehicle_subtotal: three("97.00"),
        vehicle_purchase: three(""),
        vehicle_operation: three("97.00"),
        office_operation: None,
    };
    BudgetTables {
        t1: Some(t1),
        t4: Some(t4),
        t7: Some(t7),
        t10: Some(t10),
        ..BudgetTables::default()
    }
}

#[test]
fn seed_003_has_only_the_projects_named_differently() {
    let text = seed_text("003_");
    let found = check_narrative(&text, Some(&seed_003_tables()));
    let first = line_of(&text, "项目名称：巴州人民政府办公室政务服务保障费");
    let second = line_of(&text, "项目名称：电子政务网络监测维护费");
    assert_eq!(
        summary(&found),
        vec![
            (
                "narrative_project_name".to_string(),
                Severity::Warning,
                first,
                "1、项目名称：巴州人民政府办公室政务服务保障费".to_string()
            ),
            (
                "narrative_project_name".to_string(),
                Severity::Warning,
                second,
                "2、项目名称：电子政务网络监测维护费".to_string()
            )
        ],
        "{found:#?}"
    );
    assert!(
        found[0].message.contains("“巴州政府办公室政务服务保障费”"),
        "{}",
        found[0].message
    );
    assert!(
        found[1].message.contains("“电子政务网络维护费”"),
        "{}",
        found[1].message
    );
    // Alone, the text agrees with itself.
    assert_eq!(summary(&check_narrative(&text, None)), vec![]);
}

#[test]
fn seed_001_has_exactly_its_impossible_percentages() {
    let text = seed_text("001_");
    let found = check_narrative(&text, None);
    let rules: Vec<(&str, &str)> = found
        .iter()
        .map(|f| (f.rule.as_str(), f.location.quote.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        rules,
        vec![
            (
                "narrative_percent_zero_base",
                "较2022年度决算数增加1593.18万元，增长159318%"
            ),
            (
                "narrative_change_percent",
                "较2022年度决算数减少40万元，下降4000%"
            ),
            (
                "narrative_percent_zero_base",
                "较2022年度决算数增加1,593.18万元，增长159318%"
            ),
            (
                "narrative_change_percent",
                "较2022年度决算数减少40万元，下降4000%"
            ),
            // and three completion rates over a budget of 0 (政府性基金, 国资, 三公).
            (
                "narrative_completion_zero_budget",
                "2023年度政府性基金预算财政拨款支出年初预算为0万元，支出决算为0.00万元，完成年初预算的0%"
            ),
            (
                "narrative_completion_zero_budget",
                "2023年度国有资本经营预算财政拨款支出年初预算为0万元，支出决算为0.00万元，完成年初预算的0%"
            ),
            (
                "narrative_completion_zero_budget",
                "2023年度财政拨款“三公”经费支出预算为0.00万元，支出决算为0.00万元，完成预算的0%"
            ),
        ],
        "{found:#?}"
    );
    assert!(found.iter().all(|f| f.severity == Severity::Error));
}

#[test]
fn saying_a_fund_is_empty_when_the_tables_have_it_is_flagged() {
    let mut lines = ruoqiang_2024();
    let mut fund_line = lines.lines[0].clone();
    fund_line.function_code = "2120101".into();
    fund_line.source = budget_core::lines::FundSource::GovernmentFund;
    fund_line.amount = m("10");
    lines.lines.push(fund_line);
    let tables = derive_tables(
        &lines,
        &DeriveContext {
            template: template("county-11").expect("template"),
            catalog: Catalog::embedded(2024),
            unit_name: "若羌县人民政府办公室",
            year: 2024,
        },
    );
    let text = seed_text("004_");
    let found: Vec<(String, u32)> = check_narrative(&text, Some(&tables))
        .into_iter()
        .filter(|f| f.rule == "narrative_not_arranged")
        .map(|f| {
            (
                f.location.quote.unwrap_or_default(),
                f.location.line.unwrap_or(0),
            )
        })
        .collect();
    let at = |needle: &str| line_of(&text, needle);
    assert_eq!(
        found,
        vec![
            (
                "政府性基金预算未安排".to_string(),
                at("政府性基金预算未安排；")
            ),
            (
                "收入全部为一般公共预算拨款".to_string(),
                at("收入全部为一般公共预算拨款")
            ),
            (
                "无政府性基金预算拨款和国有资本经营预算拨款".to_string(),
                at("无政府性基金预算拨款")
            ),
            (
                "若羌县人民政府办公室2024年没有使用政府性基金预算拨款安排的支出".to_string(),
                at("2024年没有使用政府性基金预算拨款安排的支出")
            ),
        ]
    );
    // With the seed's own tables none of these sentences is flagged.
    assert!(
        check_narrative(&text, Some(&ruoqiang_2024_tables("county-11")))
            .iter()
            .all(|f| f.rule != "narrative_not_arranged")
    );
}

#[test]
fn in_a_batch_a_text_is_checked_against_the_workbook_of_its_unit() {
    use budget_tests::{fixture_sheets, write_workbook, Put};
    let dir = tempfile::tempdir().unwrap();
    // Another unit's workbook, first in the batch, whose 一般公共服务支出 differs.
    let mut other = fixture_sheets(BUDGET_TABLES);
    for sheet in &mut other {
        for put in sheet.cells.values_mut() {
            match put {
                Put::Text(t) if t.contains("若羌县人民政府办公室") => {
                    *t = t.replace("若羌县人民政府办公室", "若羌县某局");
                }
                Put::Number(n) if (*n - 683.7).abs() < 1e-9 => *n = 683.8,
                _ => {}
            }
        }
    }
    let other_path = dir.path().join("某局.xlsx");
    write_workbook(&other_path, &other);
    let narrative = dir.path().join("若羌政府办情况说明.txt");
    std::fs::write(&narrative, seed_text("004_")).unwrap();
    let files = budget_core::review::review_files(&[
        other_path.clone(),
        fixture(BUDGET_TABLES),
        narrative.clone(),
    ]);
    assert_eq!(files[0].unit.as_deref(), Some("若羌县某局"));
    // The figures' findings (the document checks of the text are tests/tests/document_checks.rs).
    let rules: Vec<&str> = files[2]
        .findings
        .iter()
        .map(|f| f.rule.as_str())
        .filter(|r| r.starts_with("narrative_"))
        .collect();
    assert_eq!(rules, ["narrative_percent_zero_base"]);
    // With the other unit's workbook alone, its 683.80 disagrees with the text's 683.7.
    let alone = budget_core::review::review_files(&[other_path, narrative]);
    let rules: Vec<&str> = alone[1].findings.iter().map(|f| f.rule.as_str()).collect();
    assert!(rules.contains(&"narrative_amount_mismatch"), "{rules:?}");
}
