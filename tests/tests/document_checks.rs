//! The document checks (parts, template text, punctuation, years, 部门/单位 wording, 元 and
//! 万元) on real published PDFs: exactly what is really wrong in them, each on its page, and
//! nothing in the clean ones. A false alarm added to any check fails here.

use budget_core::checks::Severity;
use budget_core::review;
use budget_tests::fixture;

/// (rule, page, quote) of every document finding, sorted.
fn document_findings(name: &str) -> Vec<(String, Severity, u32, String)> {
    let file = review::review_file(&fixture(name));
    assert!(file.error.is_none(), "{name}: {:?}", file.error);
    let mut out: Vec<_> = file
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("document_"))
        .map(|f| {
            (
                f.rule.clone(),
                f.severity,
                f.location.page.unwrap_or(0),
                f.location.quote.clone().unwrap_or_default(),
            )
        })
        .collect();
    out.sort();
    out
}

/// 规划和自然资源局 2024 决算: two alternatives of the template left in (下降（增长）,
/// 部门（单位）) and a bracket opened before 其中 and never closed.
#[test]
fn the_final_accounts_keep_three_leftovers_of_their_template() {
    let found = document_findings("pdf/putuo-planning-2024-department-final-accounts.pdf");
    let short: Vec<(&str, Severity, u32)> = found
        .iter()
        .map(|(r, s, p, _)| (r.as_str(), *s, *p))
        .collect();
    assert_eq!(
        short,
        [
            ("document_bracket_unbalanced", Severity::Warning, 27),
            ("document_placeholder", Severity::Warning, 25),
            ("document_placeholder", Severity::Warning, 28),
        ],
        "{found:#?}"
    );
    assert!(found[0].3.contains("平均得分99.33分（其中"), "{found:#?}");
    assert!(found[1].3.contains("下降（增长）27.78%"), "{found:#?}");
    assert!(found[2].3.contains("部门（单位）共有车辆"), "{found:#?}");
    // each can be marked on its page: the line it is on has a place there
    let file = review::review_file(&fixture(
        "pdf/putuo-planning-2024-department-final-accounts.pdf",
    ));
    for f in file
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("document_"))
    {
        let at = f.location.point.unwrap_or_else(|| panic!("{f:#?}"));
        assert!(at.x < 595 && at.y > 0 && at.y < 842, "{f:#?}");
    }
}

/// The 部门 and the 单位 budget of 区政府办公室 2025, and 万里街道 2024: every part there
/// (项目经费情况说明 in the 部门 version, none needed in the 单位 one), each wording right for
/// its type, years only this year's and last year's. Nothing to report.
#[test]
fn clean_published_budgets_have_no_document_finding() {
    for name in [
        "pdf/putuo-government-office-2025-department-budget.pdf",
        "pdf/putuo-government-office-2025-unit-budget.pdf",
        "pdf/putuo-wanli-2024-department-budget.pdf",
    ] {
        assert_eq!(document_findings(name), [], "{name}");
    }
}
