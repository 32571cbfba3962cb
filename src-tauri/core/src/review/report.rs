//! The 审核报告 workbook: every finding of every reviewed file, one row each, with the 说明
//! written for it, and a summary sheet with one row per file. This is what the finance bureau
//! prints, signs and sends back to the departments, so both sheets are print-ready: a title,
//! the date and the 审核人 above the table, A4 landscape fitted to the page width, the header
//! row repeated on every page, page numbers in the footer. Tables are named as printed
//! ("表8 “三公”经费支出情况表") and rules by their Chinese names; internal ids never appear.

use crate::error::{CoreError, ErrorCode};
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::{FileKind, ReviewedFile};
use crate::checks::{rule_title, Finding};
use crate::tables::printed_name;
use crate::xlsx::{RecognisedTable, ReportHeading};

/// Why a 审核报告 or a 公开情况检查表 workbook could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// Writing the 审核报告 workbook failed.
    #[error("写入审核报告 {path} 失败：{reason}。")]
    Write {
        /// The workbook to be written.
        path: PathBuf,
        /// What the writer said.
        reason: String,
    },
    /// Writing the 公开情况检查表 workbook failed.
    #[error("写入公开情况检查表 {path} 失败：{reason}。")]
    Checklist {
        /// The workbook to be written.
        path: PathBuf,
        /// What the writer said.
        reason: String,
    },
}

impl ReportError {
    /// The kind of failure, as the UI branches on it ([`ErrorCode`]).
    pub fn code(&self) -> ErrorCode {
        match self {
            ReportError::Write { .. } | ReportError::Checklist { .. } => ErrorCode::Export,
        }
    }
}

/// A 审核报告 or 检查表 that could not be written reaches the shell with its code.
impl From<ReportError> for CoreError {
    fn from(err: ReportError) -> Self {
        CoreError::area(err.code(), &err)
    }
}

const FONT: &str = "宋体";
const PAPER_A4: u8 = 9;
const TITLE: &str = "预算公开审核报告";
/// Rows above the header: the title, then the date and the reviewer.
pub(super) const HEADER_ROW: u32 = 2;
/// Height in points of one line of 10-point text (宋体 takes 13.5, the CJK fonts that stand in
/// for it elsewhere a little more), and what a row adds around its lines.
pub(super) const LINE_HEIGHT: f64 = 14.5;
const ROW_PADDING: f64 = 3.0;

/// Columns of the findings sheet, with widths that fit A4 landscape at about 95 % in Excel.
const FINDING_HEADERS: [(&str, f64); 8] = [
    ("文件", 16.0),
    ("单位", 14.0),
    ("表", 20.0),
    ("单元格", 9.0),
    ("规则", 20.0),
    ("级别", 5.0),
    ("说明", 50.0),
    ("出错说明", 18.0),
];

const SUMMARY_HEADERS: [(&str, f64); 7] = [
    ("文件", 22.0),
    ("单位", 20.0),
    ("年度", 6.0),
    ("识别的表", 44.0),
    ("错误", 6.0),
    ("提示", 6.0),
    ("备注", 40.0),
];

pub(super) struct Looks {
    title: Format,
    heading_left: Format,
    heading_right: Format,
    pub(super) header: Format,
    pub(super) text: Format,
    pub(super) center: Format,
    pub(super) number: Format,
    /// A line of text under a table, without borders.
    pub(super) note: Format,
}

impl Looks {
    pub(super) fn new() -> Looks {
        let base = Format::new().set_font_name(FONT).set_font_size(10);
        let cell = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::Top);
        Looks {
            title: base
                .clone()
                .set_font_size(16)
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            heading_left: base
                .clone()
                .set_font_size(11)
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::VerticalCenter),
            note: base
                .clone()
                .set_text_wrap()
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::Top),
            heading_right: base
                .set_font_size(11)
                .set_align(FormatAlign::Right)
                .set_align(FormatAlign::VerticalCenter),
            header: cell
                .clone()
                .set_bold()
                .set_background_color("#DDEBF7")
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            text: cell.clone().set_align(FormatAlign::Left),
            center: cell.clone().set_align(FormatAlign::Center),
            number: cell.set_align(FormatAlign::Right),
        }
    }
}

/// Width of `text` in column-width units: a Chinese character takes about two.
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 1.1 } else { 2.0 })
        .sum()
}

/// How many lines `text` wraps to in a column `width` units wide.
pub(super) fn lines_in(text: &str, width: f64) -> f64 {
    let room = (width - 1.0).max(1.0);
    text.split('\n')
        .map(|line| (text_width(line) / room).ceil().max(1.0))
        .sum()
}

/// Sets the row's height to its tallest wrapped cell: spreadsheet programs do not grow rows
/// for wrapped text on their own when they open a written file.
pub(super) fn fit_row(
    ws: &mut Worksheet,
    row: u32,
    texts: &[&str],
    headers: &[(&str, f64)],
) -> Result<(), XlsxError> {
    let lines = texts
        .iter()
        .zip(headers)
        .map(|(t, (_, width))| lines_in(t, *width))
        .fold(1.0, f64::max);
    ws.set_row_height(row, LINE_HEIGHT * lines + ROW_PADDING)?;
    Ok(())
}

/// Title, date and reviewer, the header row, and the page setup.
fn head(
    ws: &mut Worksheet,
    title: &str,
    heading: &ReportHeading,
    stated: &str,
    headers: &[(&str, f64)],
    looks: &Looks,
) -> Result<(), XlsxError> {
    let split = (headers.len() as u16).div_ceil(2);
    head_split(ws, title, heading, stated, headers, split, "审核人", looks)
}

/// As `head`, with the date and `stated` over the columns before `split` and the signer
/// (`signer`：name, or a blank to sign) over the rest.
#[allow(clippy::too_many_arguments)]
pub(super) fn head_split(
    ws: &mut Worksheet,
    title: &str,
    heading: &ReportHeading,
    stated: &str,
    headers: &[(&str, f64)],
    split: u16,
    signer: &str,
    looks: &Looks,
) -> Result<(), XlsxError> {
    let last = headers.len() as u16 - 1;
    ws.merge_range(0, 0, 0, last, title, &looks.title)?;
    ws.set_row_height(0, 30)?;
    ws.merge_range(
        1,
        0,
        1,
        split - 1,
        &format!("制表日期：{}　{stated}", heading.date),
        &looks.heading_left,
    )?;
    let reviewer = match heading.reviewer.as_deref().map(str::trim) {
        Some(name) if !name.is_empty() => format!("{signer}：{name}"),
        _ => format!("{signer}：＿＿＿＿＿＿＿＿"),
    };
    ws.merge_range(1, split, 1, last, &reviewer, &looks.heading_right)?;
    ws.set_row_height(1, 22)?;
    for (col, (name, width)) in headers.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, col as u16, *name, &looks.header)?;
        ws.set_column_width(col as u16, *width)?;
    }
    ws.set_row_height(HEADER_ROW, 20)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    ws.set_landscape();
    ws.set_paper_size(PAPER_A4);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.4, 0.4, 0.6, 0.7, 0.3, 0.3);
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    ws.set_footer("&C第 &P 页 共 &N 页");
    Ok(())
}

/// The printed name of a table: "表8 “三公”经费支出情况表".
fn table_name(table: &RecognisedTable) -> String {
    if table.name.is_empty() {
        printed_name(table.label.as_deref(), &table.title)
    } else {
        table.name.clone()
    }
}

/// The table the finding is in, by its printed name.
fn table_of(file: &ReviewedFile, finding: &Finding) -> String {
    super::checklist::table_at(file, finding)
        .map(table_name)
        .unwrap_or_default()
}

fn cell_of(finding: &Finding) -> String {
    if let Some(place) = finding.location.page_place() {
        return place;
    }
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

fn write_findings(
    ws: &mut Worksheet,
    files: &[ReviewedFile],
    note_for: &dyn Fn(&ReviewedFile, &Finding) -> Option<String>,
    heading: &ReportHeading,
    looks: &Looks,
) -> Result<(), XlsxError> {
    ws.set_name("审核结果")?;
    let errors: u32 = files.iter().map(|f| f.error_count).sum();
    let warnings: u32 = files.iter().map(|f| f.warning_count).sum();
    let stated = format!(
        "审核文件 {} 个：错误 {errors} 条，提示 {warnings} 条",
        files.len()
    );
    head(ws, TITLE, heading, &stated, &FINDING_HEADERS, looks)?;
    let mut row = HEADER_ROW + 1;
    for file in files {
        let unit = file.unit.clone().unwrap_or_default();
        let mut rows: Vec<[String; 8]> = Vec::new();
        if let Some(err) = &file.error {
            rows.push([
                file.file_name.clone(),
                unit.clone(),
                String::new(),
                String::new(),
                rule_title("file_unreadable"),
                "错误".to_string(),
                err.clone(),
                String::new(),
            ]);
        }
        for finding in file.findings.iter().filter(|_| file.error.is_none()) {
            rows.push([
                file.file_name.clone(),
                unit.clone(),
                table_of(file, finding),
                cell_of(finding),
                rule_title(&finding.rule),
                finding.severity.label().to_string(),
                finding.message.clone(),
                note_for(file, finding).unwrap_or_default(),
            ]);
        }
        for values in rows {
            for (col, v) in values.iter().enumerate() {
                let look = match col {
                    3 | 5 => &looks.center,
                    _ => &looks.text,
                };
                ws.write_string_with_format(row, col as u16, v, look)?;
            }
            let texts: Vec<&str> = values.iter().map(String::as_str).collect();
            fit_row(ws, row, &texts, &FINDING_HEADERS)?;
            row += 1;
        }
    }
    if row == HEADER_ROW + 1 {
        ws.merge_range(
            row,
            0,
            row,
            FINDING_HEADERS.len() as u16 - 1,
            "未发现问题",
            &looks.center,
        )?;
        row += 1;
    }
    ws.autofilter(HEADER_ROW, 0, row - 1, FINDING_HEADERS.len() as u16 - 1)?;
    Ok(())
}

fn write_summary(
    ws: &mut Worksheet,
    files: &[ReviewedFile],
    heading: &ReportHeading,
    looks: &Looks,
) -> Result<(), XlsxError> {
    ws.set_name("文件汇总")?;
    let clean = files
        .iter()
        .filter(|f| f.error.is_none() && f.findings.is_empty())
        .count();
    let stated = format!("审核文件 {} 个，其中未发现问题 {clean} 个", files.len());
    head(
        ws,
        &format!("{TITLE}（文件汇总）"),
        heading,
        &stated,
        &SUMMARY_HEADERS,
        looks,
    )?;
    for (i, file) in files.iter().enumerate() {
        let r = HEADER_ROW + 1 + i as u32;
        let tables = if file.tables.is_empty() {
            match file.kind {
                FileKind::BudgetTables | FileKind::Unknown | FileKind::Unreadable => String::new(),
                kind => kind.label().to_string(),
            }
        } else {
            // By the number printed ("表1、表3、表10"), by title where none is printed.
            let names: Vec<String> = file
                .tables
                .iter()
                .map(|t| t.label.clone().unwrap_or_else(|| table_name(t)))
                .collect();
            names.join("、")
        };
        let remark = match (&file.error, file.findings.is_empty()) {
            (Some(err), _) => err.clone(),
            (None, true) => "未发现问题".to_string(),
            (None, false) => String::new(),
        };
        let unit = file.unit.as_deref().unwrap_or("");
        ws.write_string_with_format(r, 0, &file.file_name, &looks.text)?;
        ws.write_string_with_format(r, 1, unit, &looks.text)?;
        match file.year {
            Some(year) => ws.write_number_with_format(r, 2, year, &looks.center)?,
            None => ws.write_blank(r, 2, &looks.center)?,
        };
        ws.write_string_with_format(r, 3, &tables, &looks.text)?;
        ws.write_number_with_format(r, 4, file.error_count, &looks.number)?;
        ws.write_number_with_format(r, 5, file.warning_count, &looks.number)?;
        ws.write_string_with_format(r, 6, &remark, &looks.text)?;
        fit_row(
            ws,
            r,
            &[&file.file_name, unit, "", &tables, "", "", &remark],
            &SUMMARY_HEADERS,
        )?;
    }
    Ok(())
}

fn write(
    path: &Path,
    files: &[ReviewedFile],
    note_for: &dyn Fn(&ReviewedFile, &Finding) -> Option<String>,
    heading: &ReportHeading,
) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let looks = Looks::new();
    write_findings(book.add_worksheet(), files, note_for, heading, &looks)?;
    write_summary(book.add_worksheet(), files, heading, &looks)?;
    let bytes = book.save_to_buffer()?;
    crate::files::write_whole(path, &bytes).map_err(XlsxError::IoError)
}

/// Writes the 审核报告 of `files` to `path`, dated today with a blank for the reviewer to sign;
/// `note_for` gives the 说明 written for a finding.
pub fn write_review_report(
    path: &Path,
    files: &[ReviewedFile],
    note_for: &dyn Fn(&ReviewedFile, &Finding) -> Option<String>,
) -> Result<(), ReportError> {
    write_review_report_with_heading(path, files, note_for, &ReportHeading::today(None))
}

/// As `write_review_report`, with the date and the reviewer given.
pub fn write_review_report_with_heading(
    path: &Path,
    files: &[ReviewedFile],
    note_for: &dyn Fn(&ReviewedFile, &Finding) -> Option<String>,
    heading: &ReportHeading,
) -> Result<(), ReportError> {
    write(path, files, note_for, heading).map_err(|e| ReportError::Write {
        path: path.to_path_buf(),
        reason: match e {
            rust_xlsxwriter::XlsxError::IoError(io) => crate::text::io_reason(&io),
            other => other.to_string(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::{Location, Severity};
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
            tables: vec![
                crate::xlsx::RecognisedTable {
                    id: crate::tables::TableId::T3,
                    sheet: "表3".into(),
                    title: "部门支出总体情况表".into(),
                    label: Some("表3".into()),
                    name: "表3 部门支出总体情况表".into(),
                    cell: "A1".into(),
                    empty: false,
                },
                crate::xlsx::RecognisedTable {
                    id: crate::tables::TableId::T10,
                    sheet: "表8".into(),
                    title: "“三公”经费支出情况表".into(),
                    label: Some("表8".into()),
                    name: String::new(),
                    cell: "A1".into(),
                    empty: false,
                },
            ],
            sheets: vec!["表3".into(), "表8".into()],
            unrecognised_sheets: Vec::new(),
            findings: vec![
                Finding {
                    rule: "catalog_name_mismatch".into(),
                    title: String::new(),
                    severity: Severity::Warning,
                    location: Location {
                        sheet: Some("表3".into()),
                        cell: Some("D8".into()),
                        line: None,
                        quote: None,
                        page: None,
                        table: None,
                        row: None,
                        column: None,
                        point: None,
                    },
                    message: "名称不符".into(),
                    expected: None,
                    actual: None,
                },
                Finding {
                    rule: "t10_total".into(),
                    title: String::new(),
                    severity: Severity::Error,
                    location: Location {
                        sheet: Some("表8".into()),
                        cell: Some("B5".into()),
                        line: None,
                        quote: None,
                        page: None,
                        table: None,
                        row: None,
                        column: None,
                        point: None,
                    },
                    message: "合计不符".into(),
                    expected: None,
                    actual: None,
                },
            ],
            projects: Vec::new(),
            error: None,
            error_count: 1,
            warning_count: 1,
        }
    }

    fn heading() -> ReportHeading {
        ReportHeading {
            date: "2024年5月6日".into(),
            reviewer: Some("李审核".into()),
        }
    }

    #[test]
    fn one_row_per_finding_with_its_note_and_a_summary_per_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("审核报告.xlsx");
        let mut bad = reviewed();
        bad.file_name = "b.txt".into();
        bad.kind = FileKind::Unreadable;
        bad.tables.clear();
        bad.findings.clear();
        bad.error = Some("文件 b.txt 不是 Excel 工作簿".into());
        let files = vec![reviewed(), bad];
        write_review_report_with_heading(
            &path,
            &files,
            &|_, f| (f.rule == "catalog_name_mismatch").then(|| "沿用上年科目名称".to_string()),
            &heading(),
        )
        .unwrap();
        let book = load(&path).unwrap();
        let results = book.sheet("审核结果").unwrap();
        let text = |r, c| results.cell(r, c).display();
        // Title, then date and reviewer, then the header row; findings from the fourth row.
        assert_eq!(text(0, 0), "预算公开审核报告");
        assert!(
            text(1, 0).contains("制表日期：2024年5月6日"),
            "{}",
            text(1, 0)
        );
        assert_eq!(text(1, 4), "审核人：李审核");
        assert_eq!(text(2, 6), "说明");
        assert_eq!(text(2, 7), "出错说明");
        assert_eq!(
            (0..=7).map(|c| text(3, c)).collect::<Vec<_>>(),
            [
                "a.xlsx",
                "若羌县人民政府办公室",
                "表3 部门支出总体情况表",
                "表3!D8",
                "科目名称与编码不符",
                "提示",
                "名称不符",
                "沿用上年科目名称"
            ]
        );
        // A table named by its printed number, a rule by its Chinese name: no internal ids.
        assert_eq!(text(4, 2), "表8 “三公”经费支出情况表");
        assert_eq!(text(4, 4), "三公合计=出国+接待+公务用车");
        assert_eq!(text(5, 0), "b.txt");
        assert_eq!(text(5, 4), "文件无法读取");
        for sheet in &book.sheets {
            for r in 0..sheet.height() {
                for (_, v) in sheet.row_cells(r) {
                    let shown = v.display();
                    assert!(
                        !shown.contains("T10") && !shown.contains('_'),
                        "an id in the report: {shown}"
                    );
                }
            }
        }
        let summary = book.sheet("文件汇总").unwrap();
        assert_eq!(summary.cell(2, 3).display(), "识别的表");
        assert_eq!(summary.cell(3, 3).display(), "表3、表8");
        assert!(matches!(summary.cell(3, 5), CellValue::Number(_)));
        assert_eq!(summary.cell(3, 5).display(), "1");
        assert_eq!(summary.cell(4, 6).display(), "文件 b.txt 不是 Excel 工作簿");
    }

    #[test]
    fn without_a_reviewer_a_blank_is_left_to_sign() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.xlsx");
        write_review_report(&path, &[reviewed()], &|_, _| None).unwrap();
        let book = load(&path).unwrap();
        let results = book.sheet("审核结果").unwrap();
        assert!(results.cell(1, 4).display().starts_with("审核人：＿"));
        assert!(results.cell(1, 0).display().starts_with("制表日期：20"));
    }

    #[test]
    fn an_unwritable_path_gives_a_chinese_message() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("没有的目录").join("r.xlsx");
        let err = write_review_report(&path, &[reviewed()], &|_, _| None).unwrap_err();
        assert!(err.to_string().contains("写入审核报告"));
    }
}
