//! The 审核报告 on paper: LibreOffice (headless) prints it to PDF. A batch of workbooks with a
//! few dozen findings must come out on a few A4 landscape pages, one page wide, not on many
//! portrait pages of one or two columns each.
//!
//! LibreOffice is a test dependency (scripts/lib.sh installs `libreoffice-calc`): without it
//! this test fails, it does not pass silently.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::Command;

use budget_core::review::{review_files, write_review_report_with_heading, ReviewedFile};
use budget_core::xlsx::{self, ReportHeading};
use budget_tests::{fixture, fixture_sheets, num, sheet_mut, text, write_workbook, BUDGET_TABLES};

/// Converts `input` to PDF beside it, with a LibreOffice profile of its own so that tests
/// running at the same time do not share (and lock) one.
fn to_pdf(input: &Path) -> PathBuf {
    let profile = tempfile::tempdir().unwrap();
    let profile_url = format!(
        "-env:UserInstallation=file:///{}",
        profile.path().display().to_string().trim_start_matches('/')
    );
    let output = Command::new("soffice")
        .arg(profile_url)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(input.parent().unwrap())
        .arg(input)
        .output();
    let output = match output {
        Ok(o) => o,
        Err(e) if e.kind() == ErrorKind::NotFound => panic!(
            "LibreOffice is not installed (no `soffice` on PATH). The print tests need it: \
             apt-get install -y --no-install-recommends libreoffice-calc (scripts/lib.sh does)."
        ),
        Err(e) => panic!("could not run soffice: {e}"),
    };
    assert!(
        output.status.success(),
        "soffice --convert-to pdf failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    input.with_extension("pdf")
}

/// Width and height in points of every page of a PDF LibreOffice wrote (its page objects are
/// not compressed).
fn page_sizes(pdf: &[u8]) -> Vec<(f64, f64)> {
    let text = String::from_utf8_lossy(pdf);
    text.split("/Type/Page")
        .skip(1)
        .filter(|rest| !rest.starts_with('s'))
        .filter_map(|rest| {
            let start = rest.find("/MediaBox[")? + "/MediaBox[".len();
            let end = rest[start..].find(']')? + start;
            let n: Vec<f64> = rest[start..end]
                .split_whitespace()
                .filter_map(|n| n.parse().ok())
                .collect();
            match n[..] {
                [x0, y0, x1, y1] => Some((x1 - x0, y1 - y0)),
                _ => None,
            }
        })
        .collect()
}

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

    let pdf = std::fs::read(to_pdf(&path)).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let pages = page_sizes(&pdf);
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
