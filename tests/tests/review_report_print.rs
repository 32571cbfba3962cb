//! The 审核报告 on paper: LibreOffice (headless) prints it to PDF. A batch of workbooks with a
//! few dozen findings must come out on a few A4 landscape pages, one page wide, not on many
//! portrait pages of one or two columns each.
//!
//! LibreOffice is a test dependency (scripts/lib.sh installs `libreoffice-calc`): without it
//! this test fails, it does not pass silently.

use std::path::Path;

use budget_core::review::{review_files, write_review_report_with_heading, ReviewedFile};
use budget_core::xlsx::{self, ReportHeading};
use budget_tests::print::{pages, to_pdf};
use budget_tests::{fixture, fixture_sheets, num, sheet_mut, text, write_workbook, BUDGET_TABLES};

/// A batch as the bureau reviews one: the clean fixture, broken copies of it, a targets list
/// with its findings and a file that is no workbook.
fn batch(dir: &Path) -> Vec<ReviewedFile> {
    let mut paths = vec![
        fixture(BUDGET_TABLES),
        fixture("baqing-2025-indicator-list.xlsx"),
    ];
    let changes: [(&str, &str, &str, f64); 4] = [
        ("若羌-表1教育支出.xlsx", "表1", "D9", 10.0),
        ("若羌-表3改错.xlsx", "表3", "E7", 668.8),
        ("若羌-表4一般公共预算.xlsx", "表4", "E5", 683.6),
        ("若羌-表6合计.xlsx", "表6", "D32", 600.0),
    ];
    for (name, sheet, cell, value) in changes {
        let mut sheets = fixture_sheets(BUDGET_TABLES);
        sheet_mut(&mut sheets, sheet).set(cell, num(value));
        let path = dir.join(name);
        write_workbook(&path, &sheets);
        paths.push(path);
    }
    let mut renamed = fixture_sheets(BUDGET_TABLES);
    for (cell, name) in [
        ("D8", "行政运行费"),
        ("D9", "事业单位运行"),
        ("D16", "养老保险"),
    ] {
        sheet_mut(&mut renamed, "表3").set(cell, text(name));
    }
    let path = dir.join("若羌-科目名称.xlsx");
    write_workbook(&path, &renamed);
    paths.push(path);
    let not_a_workbook = dir.join("说明.xlsx");
    std::fs::write(&not_a_workbook, "不是工作簿").unwrap();
    paths.push(not_a_workbook);
    review_files(&paths)
}

#[test]
fn the_review_report_prints_on_a_few_a4_landscape_pages() {
    let dir = tempfile::tempdir().unwrap();
    let files = batch(dir.path());
    let findings: usize = files.iter().map(|f| f.findings.len()).sum();
    assert!(
        findings >= 15,
        "a report worth printing: {findings} findings"
    );
    let path = dir.path().join("审核报告.xlsx");
    let heading = ReportHeading {
        date: "2024年5月6日".to_string(),
        reviewer: Some("王审核".to_string()),
    };
    write_review_report_with_heading(
        &path,
        &files,
        &|_, f| (f.rule == "catalog_name_mismatch").then(|| "按单位习惯简称".to_string()),
        &heading,
    )
    .unwrap();
    // What is printed reads as written: the title, the date, the reviewer.
    let book = xlsx::load(&path).unwrap();
    let results = book.sheet("审核结果").unwrap();
    assert_eq!(results.cell(0, 0).display(), "预算公开审核报告");
    assert!(results.cell(1, 0).display().contains("2024年5月6日"));
    assert_eq!(results.cell(1, 4).display(), "审核人：王审核");

    let pdf = to_pdf(&path);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let pages: Vec<(f64, f64)> = pages(&pdf).iter().map(|p| (p.width, p.height)).collect();
    // A4 is 595.3 × 841.9 points; landscape puts the long side across.
    assert!(
        pages
            .iter()
            .all(|(w, h)| (w - 841.9).abs() < 1.0 && (h - 595.3).abs() < 1.0),
        "{pages:?}"
    );
    // The findings on a few pages, one page wide, and the summary on one.
    assert!(
        (2..=4).contains(&pages.len()),
        "{} pages for {findings} findings",
        pages.len()
    );
    if let Some(keep) = std::env::var_os("BUDGET_TESTS_PRINT_DIR") {
        std::fs::copy(
            path.with_extension("pdf"),
            Path::new(&keep).join("审核报告.pdf"),
        )
        .unwrap();
    }
}
