//! The document checks (`narrative::document`) over what a file gives of a published text: a
//! PDF's prose lines, a workbook's prose sheets (封面, 目录, 主要职能 … of the Shanghai templates
//! and of the documents this app writes), a 情况说明 file. Each finding is placed where its
//! line is: the page of a PDF, the sheet and cell of a workbook.

use crate::checks::{Finding, PagePoint};
use crate::narrative::document::{check_document, DocumentFacts};
use crate::pdf::PdfBook;
use crate::text::a1;
use crate::xlsx::{DocumentKind, RecognisedWorkbook, Workbook};

fn facts(found: &RecognisedWorkbook, year: Option<i32>) -> DocumentFacts {
    let finals = found.kind == DocumentKind::FinalAccounts;
    DocumentFacts {
        year,
        kind: None,
        has_tables: !found.recognised.is_empty(),
        whole_document: true,
        figures: DocumentFacts::figures_of(
            (!finals).then_some(&found.tables),
            finals.then_some(&found.final_tables),
        ),
    }
}

/// The checks over all the prose of a PDF, each finding on the page of its line.
pub(super) fn pdf_findings(
    book: &PdfBook,
    found: &RecognisedWorkbook,
    year: Option<i32>,
) -> Vec<Finding> {
    let lines: Vec<&str> = book.prose.iter().map(|l| l.text.as_str()).collect();
    let mut findings = check_document(&lines, &facts(found, year));
    for f in &mut findings {
        let index = f.location.line.and_then(|n| (n as usize).checked_sub(1));
        let line = index.and_then(|i| book.prose.get(i));
        f.location.page = line.map(|l| l.page);
        f.location.point = line.and_then(|l| PagePoint::from_points(l.x, l.y));
        // A PDF has no lines to number; the page and the quote place the finding.
        f.location.line = None;
    }
    findings
}

/// The checks over the sheets of a workbook that hold no recognised table, one line per text
/// line of a cell, row by row, each sheet after a blank line and its name; each finding names its sheet and cell. A workbook of tables
/// alone has no such text and gets none.
pub(super) fn workbook_findings(book: &Workbook, found: &RecognisedWorkbook) -> Vec<Finding> {
    let mut lines: Vec<String> = Vec::new();
    let mut places: Vec<(String, String)> = Vec::new();
    for grid in &book.sheets {
        if found.recognised.iter().any(|t| t.sheet == grid.name) || !is_prose_sheet(&grid.name) {
            continue;
        }
        // A blank line ends the sheet's last paragraph; the sheet's name heads its text when
        // its first cell does not ("其他相关情况说明" holding only its sections).
        lines.push(String::new());
        places.push((grid.name.clone(), a1(0, 0)));
        if grid.name != "封面" {
            lines.push(grid.name.trim().to_string());
            places.push((grid.name.clone(), a1(0, 0)));
        }
        for r in 0..grid.height() {
            for (c, value) in grid.row_cells(r) {
                for text in value.display().lines() {
                    if text.trim().is_empty() {
                        continue;
                    }
                    lines.push(text.to_string());
                    places.push((grid.name.clone(), a1(r, c)));
                }
            }
        }
    }
    if lines.is_empty() {
        return Vec::new();
    }
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let mut findings = check_document(&refs, &facts(found, found.year));
    for f in &mut findings {
        let index = f.location.line.and_then(|n| (n as usize).checked_sub(1));
        if let Some((sheet, cell)) = index.and_then(|i| places.get(i)) {
            f.location.sheet = Some(sheet.clone());
            f.location.cell = Some(cell.clone());
        }
        f.location.line = None;
    }
    findings
}

/// The checks over a 情况说明 text alone: no parts to miss, no year or tables to compare with.
pub(super) fn narrative_text_findings(text: &str) -> Vec<Finding> {
    let lines: Vec<&str> = text.lines().collect();
    check_document(&lines, &DocumentFacts::default())
}

/// Sheets named as a disclosure's text parts are ("封面", "部门主要职能", "单位编制说明",
/// "其他重要事项" …): 绩效目标 and other sheets of cells are no prose.
fn is_prose_sheet(name: &str) -> bool {
    const PARTS: [&str; 9] = [
        "封面",
        "目录",
        "职能",
        "机构设置",
        "名词解释",
        "编制说明",
        "情况说明",
        "其他重要事项",
        "其他相关",
    ];
    PARTS.iter().any(|p| name.contains(p))
}
