//! Real published PDFs (tests/fixtures/pdf, copied from the public disclosures of 上海市普陀区):
//! every table recognised, and exactly the inconsistencies their printed figures hold, each at
//! its page; nothing else as an error.

use budget_core::checks::Severity;
use budget_core::review::{self, FileKind};
use budget_core::tables::TableId::*;
use budget_tests::fixture;

/// (rule, page, a fragment of the row or the quote) of every error, sorted.
fn errors(file: &review::ReviewedFile) -> Vec<(String, u32, String)> {
    let mut out: Vec<_> = file
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| {
            (
                f.rule.clone(),
                f.location.page.unwrap_or(0),
                f.location
                    .row
                    .clone()
                    .or_else(|| f.location.quote.clone())
                    .unwrap_or_default(),
            )
        })
        .collect();
    out.sort();
    out
}

fn ids(file: &review::ReviewedFile) -> Vec<budget_core::tables::TableId> {
    file.tables.iter().map(|t| t.id).collect()
}

/// The Shanghai 9-table budget of 区政府办公室 2025 (WPS): all nine tables, no error.
#[test]
fn a_clean_published_budget_has_no_error() {
    let file = review::review_file(&fixture(
        "pdf/putuo-government-office-2025-department-budget.pdf",
    ));
    assert_eq!(file.kind, FileKind::BudgetTables);
    assert_eq!(ids(&file), [T1, T2, T3, T4, T5, T8, T9, T6, T10]);
    assert_eq!(file.unit.as_deref(), Some("上海市普陀区人民政府办公室"));
    assert_eq!(file.year, Some(2025));
    assert_eq!(errors(&file), []);
}

/// 万里街道 2024 (WPS, amounts in whole 元, a 三公 table without borders): its 三公 table prints
/// 47.91 万元 and more under a note saying the table is empty ("故本表为空表"). That one error.
#[test]
fn a_published_budget_whose_empty_table_prints_amounts() {
    let file = review::review_file(&fixture("pdf/putuo-wanli-2024-department-budget.pdf"));
    assert_eq!(ids(&file), [T1, T2, T3, T4, T5, T8, T9, T6, T10]);
    assert_eq!(
        errors(&file),
        [("empty_table_has_amounts".to_string(), 31, String::new())]
    );
    let finding = file
        .findings
        .iter()
        .find(|f| f.rule == "empty_table_has_amounts")
        .unwrap();
    assert!(finding.message.contains("47.91万元"), "{}", finding.message);
}

/// 上海市财政局 2025 (Excel 2007, city level): tables in whole 元, its 说明 in whole 万元. The
/// 说明's "收入预算17,192万元" is the tables' 17,191.52 万元 as the text rounds it, and 302's
/// 24,840,779 元 over 款 summing to 24,840,778 is a 尾差 of figures rounded to 1 元: no error.
#[test]
fn a_published_budget_in_whole_yuan_and_whole_wanyuan_has_no_error() {
    let file = review::review_file(&fixture("pdf/shanghai-finance-bureau-2025-unit-budget.pdf"));
    assert_eq!(file.kind, FileKind::BudgetTables);
    assert_eq!(ids(&file), [T1, T2, T3, T4, T5, T8, T9, T6, T10]);
    assert_eq!(file.unit.as_deref(), Some("上海市财政局"));
    assert_eq!(errors(&file), []);
}

/// 规划和自然资源局 2024 决算 (Word 2010): the nine 决算 tables, and the five inconsistencies
/// its figures hold (tests/fixtures/README.md): 302 printed 440.90 over 款 summing to 440.88;
/// the 情况说明's 一般公共预算财政拨款基本支出 5377.64 and 人员经费 4896.98 against 表5/表6's
/// 5364.75 and 4884.09; 完成预算的0.00% on the 因公出国 and the 公务用车 budgets of 0.
#[test]
fn a_published_final_accounts_document_with_its_real_inconsistencies() {
    let file = review::review_file(&fixture(
        "pdf/putuo-planning-2024-department-final-accounts.pdf",
    ));
    assert_eq!(file.kind, FileKind::FinalAccounts);
    assert_eq!(ids(&file), [F1, F2, F3, F4, F5, F6, F7, F8, F9]);
    assert_eq!(file.unit.as_deref(), Some("上海市普陀区规划和自然资源局"));
    assert_eq!(file.year, Some(2024));
    let found = errors(&file);
    let expect = [
        ("f6_tree", 16, "302 商品和服务支出"),
        ("narrative_amount_mismatch", 24, "5377.64万元"),
        ("narrative_amount_mismatch", 24, "4896.98万元"),
        // F7 prints 小计 centred over its 预算数 and 决算数: both are read as 小计's, so
        // the 公务用车 预算 of 0 is known and its 完成预算的0.00% found as in the text.
        (
            "narrative_completion_zero_budget",
            25,
            "公务用车购置及运行维护费支出决算为0.00万元，完成预算的0.00%",
        ),
        (
            "narrative_completion_zero_budget",
            25,
            "因公出国（境）费决算为0.00万元，完成预算的0.00%",
        ),
    ];
    assert_eq!(found.len(), expect.len(), "{found:#?}");
    for ((rule, page, text), (want_rule, want_page, want_text)) in found.iter().zip(expect) {
        assert_eq!((rule.as_str(), *page), (want_rule, want_page), "{found:#?}");
        assert!(text.contains(want_text), "{text} ∌ {want_text}");
    }
    // Each error knows where on its page it was printed, for the page view to mark it: 302's
    // 440.90 at x 507.6, baseline 137 of page 16 (as poppler's pdftotext -bbox places it).
    let tree = file.findings.iter().find(|f| f.rule == "f6_tree").unwrap();
    let at = tree.location.point.unwrap();
    assert!(at.x.abs_diff(508) <= 1 && at.y.abs_diff(137) <= 2, "{at:?}");
    let quoted = file
        .findings
        .iter()
        .find(|f| f.rule == "narrative_amount_mismatch")
        .unwrap();
    assert!(quoted.location.point.is_some_and(|p| p.y > 0 && p.y < 842));
    // Its tables name their unit only in the line above their titles, "上海市规划和自然资源局
    // 2024 年度部门决算表": the city bureau's name on a 普陀区 document, not the cover's.
    let header: Vec<_> = file
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("unit_"))
        .map(|f| (f.rule.as_str(), f.location.page, f.message.as_str()))
        .collect();
    assert_eq!(header.len(), 1, "{header:#?}");
    assert_eq!(
        (header[0].0, header[0].1),
        ("unit_header_mismatch", Some(7))
    );
    assert!(
        header[0].2.contains("“上海市规划和自然资源局”")
            && header[0].2.contains("“上海市普陀区规划和自然资源局”"),
        "{}",
        header[0].2
    );
    // Word prints a long name from the top of its cell ("机关事业单位基本养老保险缴" / "费支出"
    // a line below, nearer to its row than to the next) and centres a short second line
    // ("信息网络及软件购置" / "更新"): every name is read whole, none taken for a misnamed code.
    let misnamed: Vec<_> = file
        .findings
        .iter()
        .filter(|f| f.rule == "catalog_name_mismatch")
        .map(|f| &f.message)
        .collect();
    assert!(misnamed.is_empty(), "{misnamed:#?}");
}
