//! 审核 of a published PDF: its tables are read from the text layer into the grids the
//! workbook recognisers read, checked by the same rules, and its 情况说明 by the narrative
//! check against those tables. Every finding carries its page, and either the table, row and
//! column it is about or the quoted text.

use std::path::Path;

use sha2::{Digest, Sha256};

use super::{hex, workbook_rules, FileKind, ReviewedFile};
use crate::catalog::Catalog;
use crate::checks::{
    check_final_tables, check_tables, rule_title, Finding, Location, PagePoint, Severity,
};
use crate::narrative::check::{check_narrative, check_narrative_final};
use crate::pdf::{read_pdf, PdfBook, ProseLine};
use crate::text::{fold_label, parse_a1};
use crate::xlsx::{self, DocumentKind, RecognisedWorkbook, SheetGrid};

/// Reads and checks one PDF. Never fails: a PDF without a text layer, encrypted or broken
/// comes back with `error` set (one Chinese sentence), so a batch goes on.
pub fn review_pdf(path: &Path) -> ReviewedFile {
    let mut reviewed = ReviewedFile::nothing_read(path);
    let bytes = match xlsx::read_bytes(path) {
        Ok(b) => b,
        Err(err) => {
            reviewed.error = Some(err.to_string());
            return reviewed;
        }
    };
    reviewed.content_hash = hex(&Sha256::digest(&bytes));
    let book = match read_pdf(path, &bytes) {
        Ok(book) => book,
        Err(err) => {
            reviewed.error = Some(err.to_string());
            return reviewed;
        }
    };
    let found = xlsx::recognise(&book.workbook);
    let catalog = Catalog::embedded(found.year.unwrap_or(2024));
    let mut findings = if found.kind == DocumentKind::FinalAccounts {
        check_final_tables(&found.final_tables, catalog)
    } else {
        check_tables(&found.tables, catalog)
    };
    findings.extend(workbook_rules::check_workbook(&book.workbook, &found));
    for f in &mut findings {
        locate_in_table(f, &book, &found);
    }
    if !found.recognised.is_empty() {
        findings.extend(narrative_findings(&book, &found));
    }
    // The text as the public reads it: parts, template text, punctuation, years, wording.
    let year = found.year.or_else(|| cover(&book).1);
    findings.extend(super::document_text::pdf_findings(&book, &found, year));
    findings.sort_by(|a, b| {
        (
            a.location.page.unwrap_or(u32::MAX),
            &a.location.sheet,
            cell_key(a),
        )
            .cmp(&(
                b.location.page.unwrap_or(u32::MAX),
                &b.location.sheet,
                cell_key(b),
            ))
            .then_with(|| a.rule.cmp(&b.rule))
    });
    reviewed.kind = match found.kind {
        DocumentKind::FinalAccounts => FileKind::FinalAccounts,
        DocumentKind::BudgetTables => FileKind::BudgetTables,
        _ => FileKind::Unknown,
    };
    let (cover_unit, cover_year) = cover(&book);
    if found.unit.is_none() {
        header_unit_findings(&book, cover_unit.as_deref(), &mut findings);
    }
    reviewed.unit = found.unit.clone().or(cover_unit);
    reviewed.year = found.year.or(cover_year);
    reviewed.template = found.template.map(str::to_string);
    reviewed.tables = found.recognised.clone();
    reviewed.sheets = book
        .workbook
        .sheets
        .iter()
        .map(|s| s.name.clone())
        .collect();
    reviewed.unrecognised_sheets = found.unrecognised_sheets.clone();
    reviewed.error_count = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count() as u32;
    reviewed.warning_count = findings.len() as u32 - reviewed.error_count;
    reviewed.findings = findings;
    reviewed
}

/// The unit and year the cover names ("上海市普陀区规划和自然资源局 2024 年度部门决算"), for a PDF
/// whose tables do not name them.
fn cover(book: &PdfBook) -> (Option<String>, Option<i32>) {
    let first: String = book
        .prose
        .iter()
        .filter(|l| l.page == 1)
        .map(|l| fold_label(&l.text))
        .collect();
    for (at, _) in first.match_indices('年') {
        let Some(head) = first.get(..at) else {
            continue;
        };
        let digits: String = head
            .chars()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let Ok(year) = digits.parse::<i32>() else {
            continue;
        };
        let rest = &first[at + '年'.len_utf8()..];
        let rest = rest.strip_prefix('度').unwrap_or(rest);
        if !(2000..=2100).contains(&year) || !(rest.starts_with("部门") || rest.starts_with("单位"))
        {
            continue;
        }
        let unit = &head[..head.len() - digits.len()];
        let unit = unit.rsplit(['。', '，', ':']).next().unwrap_or(unit);
        let unit = (4..=40)
            .contains(&unit.chars().count())
            .then(|| unit.to_string());
        return (unit, Some(year));
    }
    (None, None)
}

/// The unit a PDF's tables name in the line above their titles ("上海市规划和自然资源局 2024
/// 年度部门决算表", as Shanghai's 决算 prints it instead of a 编制单位 line), with that line.
fn header_unit(book: &PdfBook) -> Option<(String, &ProseLine)> {
    let first_table = book.tables.iter().map(|t| t.first_page).min()?;
    book.prose
        .iter()
        .filter(|l| l.page >= first_table)
        .find_map(|l| {
            let text = fold_label(&l.text);
            let head = text
                .strip_suffix("部门决算表")
                .or_else(|| text.strip_suffix("部门预算表"))
                .or_else(|| text.strip_suffix("单位决算表"))
                .or_else(|| text.strip_suffix("单位预算表"))?;
            let head = head.strip_suffix('度').unwrap_or(head).strip_suffix('年')?;
            let unit = head.trim_end_matches(|c: char| c.is_ascii_digit());
            (head.len() - unit.len() == 4 && unit.chars().count() >= 4)
                .then(|| (unit.to_string(), l))
        })
}

/// A PDF whose tables name their unit only in the line above their titles does name it: no
/// 未注明编制部门, but that name must be the cover's (the 规划和自然资源局 2024 决算 prints
/// "上海市规划和自然资源局" above every table, the city bureau's name, on a 普陀区 document).
fn header_unit_findings(book: &PdfBook, cover_unit: Option<&str>, findings: &mut Vec<Finding>) {
    let Some((unit, line)) = header_unit(book) else {
        return;
    };
    findings.retain(|f| f.rule != "unit_missing");
    let Some(cover_unit) = cover_unit.filter(|c| fold_label(c) != unit) else {
        return;
    };
    findings.push(Finding {
        rule: "unit_header_mismatch".to_string(),
        title: rule_title("unit_header_mismatch"),
        severity: Severity::Warning,
        location: Location {
            page: Some(line.page),
            quote: Some(line.text.clone()),
            point: PagePoint::from_points(line.x, line.y),
            ..Location::default()
        },
        message: format!(
            "公开表表头写的单位是“{unit}”，封面是“{cover_unit}”，两者不一致，请核对单位名称。"
        ),
        expected: None,
        actual: None,
    });
}

/// The recognised tables of a workbook or, for a `.pdf`, of a published PDF: what the steps
/// across a batch (a 情况说明 against its tables, 年初 against last year's 年末) compare.
pub(super) fn read_tables(path: &Path) -> Option<RecognisedWorkbook> {
    if crate::pdf::is_pdf_path(path) {
        let bytes = std::fs::read(path).ok()?;
        let book = read_pdf(path, &bytes).ok()?;
        Some(xlsx::recognise(&book.workbook))
    } else {
        xlsx::read(path).ok()
    }
}

fn cell_key(f: &Finding) -> (u32, u32) {
    f.location
        .cell
        .as_deref()
        .and_then(parse_a1)
        .unwrap_or((u32::MAX, u32::MAX))
}

/// Adds the page, the table's printed name, the row's label and the column's header to a
/// finding about a cell of a PDF table.
fn locate_in_table(f: &mut Finding, book: &PdfBook, found: &RecognisedWorkbook) {
    let Some(sheet) = f.location.sheet.clone() else {
        f.location.page = Some(1);
        return;
    };
    let table = found.recognised.iter().find(|t| t.sheet == sheet);
    f.location.table = table.map(|t| t.name.clone());
    let cell = f.location.cell.as_deref().and_then(parse_a1);
    let place = cell.and_then(|(r, c)| book.place(&sheet, r, c));
    f.location.page = place.map(|p| p.page).or_else(|| book.first_page(&sheet));
    f.location.point = place.and_then(|p| PagePoint::from_points(p.x, p.y));
    let (Some((row, col)), Some(grid)) = (cell, book.workbook.sheet(&sheet)) else {
        return;
    };
    let label = row_label(grid, row, col);
    if !label.is_empty() {
        f.location.row = Some(label);
    }
    let header = column_header(grid, col);
    if !header.is_empty() {
        f.location.column = Some(header);
    }
    f.message = name_cells(&f.message, &sheet, book);
}

/// A message written for a workbook names cells ("请核对单元格 F4"); in a PDF there are none to
/// look up, so each becomes the page, row and column it was printed at.
fn name_cells(message: &str, sheet: &str, book: &PdfBook) -> String {
    const CELL: &str = "单元格 ";
    let Some(grid) = book.workbook.sheet(sheet) else {
        return message.to_string();
    };
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(CELL) {
        out.push_str(&rest[..at]);
        let after = &rest[at + CELL.len()..];
        let len = after
            .char_indices()
            .find(|(_, c)| !c.is_ascii_alphanumeric())
            .map_or(after.len(), |(i, _)| i);
        let reference = &after[..len];
        match parse_a1(reference) {
            Some((row, col)) => {
                let page = book.place(sheet, row, col).map(|p| p.page);
                let label = row_label(grid, row, col);
                let header = column_header(grid, col);
                let mut place = String::new();
                if let Some(page) = page {
                    place.push_str(&format!("第{page}页"));
                }
                if !label.is_empty() {
                    place.push_str(&format!("“{label}”行"));
                }
                if !header.is_empty() {
                    place.push_str(&format!("“{header}”栏"));
                }
                if place.is_empty() {
                    out.push_str(CELL);
                    out.push_str(reference);
                } else {
                    out.push_str(&place);
                }
            }
            None => {
                out.push_str(CELL);
                out.push_str(reference);
            }
        }
        rest = &after[len..];
        // "单元格 B5 填有…": the space after a cell reference goes with it
        if let Some(stripped) = rest.strip_prefix(' ') {
            if !out.ends_with(reference) {
                rest = stripped;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether a cell prints an amount ("1,234.00"), not a code ("201", "05").
fn is_amount_text(text: &str) -> bool {
    let t = text.trim();
    t.chars().any(|c| c.is_ascii_digit())
        && (t.contains('.') || t.contains(','))
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-'))
}

/// The codes and names printed left of `col` in `row` ("201 13 01 行政运行"): the run of
/// label cells nearest to it, so that a table printed in two halves side by side (经济分类
/// 301 … ‖ 302 …) names the half the cell is in.
fn row_label(grid: &SheetGrid, row: u32, col: u32) -> String {
    let left: Vec<(u32, String)> = grid
        .row_cells(row)
        .filter(|(c, _)| *c < col)
        .map(|(c, v)| (c, v.display()))
        .collect();
    let mut run: Vec<String> = Vec::new();
    for (_, text) in left.iter().rev() {
        if is_amount_text(text) {
            if run.is_empty() {
                continue;
            }
            break;
        }
        run.push(text.clone());
    }
    run.reverse();
    let mut label = run.join(" ");
    if label.is_empty() {
        // the label of a cell in the first column is the cell's own text
        label = grid.cell(row, col).display();
        if is_amount_text(&label) {
            label.clear();
        }
    }
    label
}

/// The header of column `col`: the texts above the first row that prints an amount, after the
/// title and meta lines, joined by "/".
fn column_header(grid: &SheetGrid, col: u32) -> String {
    let first_data = (0..grid.height())
        .find(|&r| grid.row_cells(r).any(|(_, v)| is_amount_text(&v.display())))
        .unwrap_or(grid.height());
    let mut parts: Vec<String> = Vec::new();
    for r in 1..first_data {
        let text = grid.merged_text(r, col);
        let folded = fold_label(&text);
        if folded.is_empty()
            || folded.starts_with("编制")
            || folded.starts_with("单位")
            || folded.starts_with("金额单位")
        {
            continue;
        }
        if parts.last() != Some(&text) {
            parts.push(text);
        }
    }
    parts.join("/")
}

/// The 情况说明 of the PDF (its prose from the heading that names 情况说明 on, else all of it),
/// checked against the PDF's own tables; each finding gets the page of its line.
fn narrative_findings(book: &PdfBook, found: &RecognisedWorkbook) -> Vec<Finding> {
    let start = book
        .prose
        .iter()
        .position(|l| {
            let f = fold_label(&l.text);
            f.contains("情况说明") && f.starts_with('第') && f.contains("部分")
        })
        .unwrap_or(0);
    let lines = &book.prose[start..];
    if lines.is_empty() {
        return Vec::new();
    }
    let text: String = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let mut findings = if found.kind == DocumentKind::FinalAccounts {
        check_narrative_final(&text, &found.final_tables)
    } else {
        check_narrative(&text, Some(&found.tables))
    };
    for f in &mut findings {
        let line = f
            .location
            .line
            .and_then(|n| lines.get((n as usize).checked_sub(1)?));
        f.location.page = line
            .map(|l| l.page)
            .or_else(|| lines.first().map(|l| l.page));
        f.location.point = line.and_then(|l| PagePoint::from_points(l.x, l.y));
    }
    findings
}
