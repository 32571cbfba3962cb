//! The 审核报告 workbook: every finding of every reviewed file, one row each, with the 说明
//! written for it, and a summary sheet with one row per file. This is what the finance bureau
//! sends back to the departments.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

use crate::checks::{rule_title, Finding};
use crate::review::ReviewedFile;

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("写入审核报告 {path} 失败：{reason}。请确认文件未在 Excel 中打开，且目录可写。")]
    Write { path: PathBuf, reason: String },
}

const FINDING_HEADERS: [(&str, f64); 8] = [
    ("文件", 28.0),
    ("单位", 24.0),
    ("表", 30.0),
    ("单元格", 14.0),
    ("规则", 36.0),
    ("级别", 6.0),
    ("说明", 80.0),
    ("出错说明", 40.0),
];

const SUMMARY_HEADERS: [(&str, f64); 7] = [
    ("文件", 28.0),
    ("单位", 24.0),
    ("年度", 8.0),
    ("识别的表", 40.0),
    ("错误", 8.0),
    ("提示", 8.0),
    ("备注", 50.0),
];

fn header(ws: &mut Worksheet, headers: &[(&str, f64)], bold: &Format) -> Result<(), XlsxError> {
    for (col, (title, width)) in headers.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, *title, bold)?;
        ws.set_column_width(col as u16, *width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// "表1 部门收支总体情况表", the table on the finding's sheet as printed.
fn table_of(file: &ReviewedFile, finding: &Finding) -> String {
    let sheet = finding.location.sheet.as_deref();
    file.tables
        .iter()
        .find(|t| Some(t.sheet.as_str()) == sheet)
        .map(|t| t.name.clone())
        .unwrap_or_default()
}

fn cell_of(finding: &Finding) -> String {
    match (
        &finding.location.sheet,
        &finding.location.cell,
        finding.location.line,
    ) {
        (Some(s), Some(c), _) => format!("{s}!{c}"),
        (Some(s), None, _) => s.clone(),
        (None, _, Some(line)) => format!("第{line}行"),
        _ => String::new(),
    }
}

fn write(
    path: &Path,
    files: &[ReviewedFile],
    note_for: &dyn Fn(&ReviewedFile, &Finding) -> Option<String>,
) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold().set_background_color("#DDEBF7");
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);

    let ws = book.add_worksheet();
    ws.set_name("审核结果")?;
    header(ws, &FINDING_HEADERS, &bold)?;
    let mut row: u32 = 1;
    for file in files {
        let unit = file.unit.clone().unwrap_or_default();
        if let Some(err) = &file.error {
            let unreadable = rule_title("file_unreadable");
            let values = [&file.file_name, &unit, "", "", &unreadable, "错误", err, ""];
            for (col, v) in values.iter().enumerate() {
                ws.write_string_with_format(row, col as u16, *v, &wrap)?;
            }
            row += 1;
            continue;
        }
        for finding in &file.findings {
            let note = note_for(file, finding).unwrap_or_default();
            let values = [
                file.file_name.clone(),
                unit.clone(),
                table_of(file, finding),
                cell_of(finding),
                rule_title(&finding.rule),
                finding.severity.label().to_string(),
                finding.message.clone(),
                note,
            ];
            for (col, v) in values.iter().enumerate() {
                ws.write_string_with_format(row, col as u16, v, &wrap)?;
            }
            row += 1;
        }
    }
    ws.autofilter(
        0,
        0,
        row.saturating_sub(1).max(1),
        FINDING_HEADERS.len() as u16 - 1,
    )?;

    let ws = book.add_worksheet();
    ws.set_name("文件汇总")?;
    header(ws, &SUMMARY_HEADERS, &bold)?;
    for (i, file) in files.iter().enumerate() {
        let r = i as u32 + 1;
        let tables: Vec<String> = file
            .tables
            .iter()
            .map(|t| t.label.clone().unwrap_or_else(|| t.name.clone()))
            .collect();
        ws.write_string_with_format(r, 0, &file.file_name, &wrap)?;
        ws.write_string_with_format(r, 1, file.unit.as_deref().unwrap_or(""), &wrap)?;
        if let Some(year) = file.year {
            ws.write_number(r, 2, year)?;
        }
        ws.write_string_with_format(r, 3, tables.join("、"), &wrap)?;
        ws.write_number(r, 4, file.error_count)?;
        ws.write_number(r, 5, file.warning_count)?;
        let remark = match (&file.error, file.findings.is_empty()) {
            (Some(err), _) => err.clone(),
            (None, true) => "未发现问题".to_string(),
            (None, false) => String::new(),
        };
        ws.write_string_with_format(r, 6, remark, &wrap)?;
    }
    book.save(path)
}

/// Writes the 审核报告 of `files` to `path`; `note_for` gives the 说明 written for a finding.
pub fn write_review_report(
    path: &Path,
    files: &[ReviewedFile],
    note_for: &dyn Fn(&ReviewedFile, &Finding) -> Option<String>,
) -> Result<(), ReportError> {
    write(path, files, note_for).map_err(|e| ReportError::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::{Location, Severity};
    use crate::review::FileKind;
    use crate::xlsx::{load, CellValue};

    fn reviewed() -> ReviewedFile {
        ReviewedFile {
            file: "in/a.xlsx".into(),
            file_name: "a.xlsx".into(),
            content_hash: "ab".repeat(32),
            kind: FileKind::BudgetTables,
            unit: Some("若羌县人民政府办公室".into()),
            year: Some(2024),
            template: Some("county-11".into()),
            tables: vec![crate::xlsx::RecognisedTable {
                id: crate::tables::TableId::T3,
                sheet: "表3".into(),
                title: "部门支出总体情况表".into(),
                label: Some("表3".into()),
                name: "表3 部门支出总体情况表".into(),
                cell: "A1".into(),
                empty: false,
            }],
            sheets: vec!["表3".into()],
            unrecognised_sheets: Vec::new(),
            findings: vec![Finding {
                rule: "catalog_name_mismatch".into(),
                title: String::new(),
                severity: Severity::Warning,
                location: Location {
                    sheet: Some("表3".into()),
                    cell: Some("D8".into()),
                    line: None,
                    quote: None,
                },
                message: "名称不符".into(),
                expected: None,
                actual: None,
            }],
            projects: Vec::new(),
            error: None,
            error_count: 0,
            warning_count: 1,
        }
    }

    #[test]
    fn one_row_per_finding_with_its_note_and_a_summary_per_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("审核报告.xlsx");
        let mut bad = reviewed();
        bad.file_name = "b.txt".into();
        bad.kind = FileKind::Unreadable;
        bad.findings.clear();
        bad.error = Some("文件 b.txt 不是 Excel 工作簿".into());
        let files = vec![reviewed(), bad];
        write_review_report(&path, &files, &|_, f| {
            (f.rule == "catalog_name_mismatch").then(|| "沿用上年科目名称".to_string())
        })
        .unwrap();
        let book = load(&path).unwrap();
        let results = book.sheet("审核结果").unwrap();
        let text = |r, c| results.cell(r, c).display();
        assert_eq!(text(0, 7), "出错说明");
        assert_eq!(
            (1..=7).map(|c| text(1, c)).collect::<Vec<_>>(),
            [
                "若羌县人民政府办公室",
                "表3 部门支出总体情况表",
                "表3!D8",
                "科目名称与编码不符",
                "提示",
                "名称不符",
                "沿用上年科目名称"
            ]
        );
        assert_eq!(text(2, 0), "b.txt");
        assert_eq!(text(2, 4), "文件无法读取");
        let summary = book.sheet("文件汇总").unwrap();
        assert_eq!(summary.cell(1, 3).display(), "表3");
        assert!(matches!(summary.cell(1, 5), CellValue::Number(_)));
        assert_eq!(summary.cell(1, 5).display(), "1");
    }

    #[test]
    fn an_unwritable_path_gives_a_chinese_message() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("没有的目录").join("r.xlsx");
        let err = write_review_report(&path, &[reviewed()], &|_, _| None).unwrap_err();
        assert!(err.to_string().contains("写入审核报告"));
    }
}
