//! Writing the published target forms, print-ready like the disclosure tables (宋体, thin
//! borders, merged headings, A4 landscape, header rows repeated; the columns fit the page
//! width at full size, so that fitting to the width never takes the 10-point text below 9):
//! * 项目支出绩效目标表, one sheet per project, in seed 003's short form (一级 · 二级 · 三级 · 指标值)
//!   or seed 004's full form (依据, 上年完成值, 权重, 赋分规则, 佐证资料; 指标方向 when set);
//! * 部门整体绩效目标表 (seed 004);
//! * 绩效目标公开表, one project per row with the indicators as text (seed 002).
//!
//! Everything written reads back through `read` to the same targets.

use crate::error::{CoreError, ErrorCode};
use std::path::{Path, PathBuf};

use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::model::{DepartmentTargets, Indicator, ProjectTargets, TargetSet};
use crate::money::{Money, Scale};

pub use super::write_disclosure::{indicators_text, write_disclosure_table};

/// Why a 绩效目标 workbook was not written.
#[derive(Debug, thiserror::Error)]
pub enum TargetExportError {
    /// The workbook could not be built.
    #[error("生成绩效目标表工作簿失败：{0}")]
    Xlsx(#[from] XlsxError),
    /// The workbook could not be saved.
    #[error("保存绩效目标表到 {path} 失败：{}。", crate::text::io_reason(.source))]
    Save {
        /// Where it was to be saved.
        path: PathBuf,
        /// The operating system's error (a file held open by Excel among them).
        source: std::io::Error,
    },
    /// There were no targets to write.
    #[error("没有可导出的绩效目标。")]
    Empty,
}

impl TargetExportError {
    /// The kind of failure, as the UI branches on it ([`ErrorCode`]).
    pub fn code(&self) -> ErrorCode {
        match self {
            TargetExportError::Xlsx(_) => ErrorCode::Export,
            TargetExportError::Save { source, .. } => crate::error::io_code(source),
            TargetExportError::Empty => ErrorCode::Invalid,
        }
    }
}

/// A 绩效目标表 that could not be exported reaches the shell with its code.
impl From<TargetExportError> for CoreError {
    fn from(err: TargetExportError) -> Self {
        CoreError::area(err.code(), &err)
    }
}

/// Which 项目支出绩效目标表 form to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ProjectForm {
    /// Seed 003: 一级 · 二级 · 三级 · 指标值.
    Short,
    /// Seed 004: with 指标值设置依据, 上年完成值, 指标分值权重, 指标赋分规则, 佐证资料.
    Full,
}

const FONT: &str = "宋体";
const PAPER_A4: u8 = 9;

pub(super) struct Formats {
    pub title: Format,
    pub subtitle: Format,
    pub label: Format,
    pub text: Format,
    pub center: Format,
    pub amount: Format,
}

impl Formats {
    pub fn new() -> Formats {
        let base = Format::new().set_font_name(FONT).set_font_size(10);
        let cell = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap();
        Formats {
            title: base
                .clone()
                .set_font_size(16)
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            subtitle: base.set_align(FormatAlign::Center),
            label: cell.clone().set_align(FormatAlign::Center).set_bold(),
            text: cell.clone().set_align(FormatAlign::Left),
            center: cell.clone().set_align(FormatAlign::Center),
            amount: cell
                .set_align(FormatAlign::Right)
                .set_num_format("#,##0.00"),
        }
    }
}

/// Writes `text` over the cells, merging when they are more than one.
pub(super) fn put(
    ws: &mut Worksheet,
    (r1, c1): (u32, u16),
    (r2, c2): (u32, u16),
    text: &str,
    f: &Format,
) -> Result<(), XlsxError> {
    if r1 == r2 && c1 == c2 {
        ws.write_string_with_format(r1, c1, text, f)?;
    } else {
        ws.merge_range(r1, c1, r2, c2, text, f)?;
    }
    Ok(())
}

/// An amount as a number cell in 万元 (the one place money becomes a float), blank when unknown.
pub(super) fn put_amount(
    ws: &mut Worksheet,
    (r1, c1): (u32, u16),
    (r2, c2): (u32, u16),
    amount: Option<Money>,
    f: &Format,
) -> Result<(), XlsxError> {
    put(ws, (r1, c1), (r2, c2), "", f)?;
    if let Some(value) = amount.and_then(|m| m.to_decimal(Scale::Wanyuan).to_f64()) {
        ws.write_number_with_format(r1, c1, value, f)?;
    }
    Ok(())
}

pub(super) fn page_setup(ws: &mut Worksheet, header_row: u32) -> Result<(), XlsxError> {
    use crate::xlsx::write::paper;
    ws.set_landscape();
    ws.set_paper_size(PAPER_A4);
    ws.set_margins(
        paper::MARGIN_SIDE,
        paper::MARGIN_SIDE,
        paper::MARGIN_TOP_BOTTOM,
        paper::MARGIN_TOP_BOTTOM,
        paper::MARGIN_HEADER_FOOTER,
        paper::MARGIN_HEADER_FOOTER,
    );
    // The columns are chosen to fit the page at 100 % (see the widths where each form is
    // written); fitting to the width only absorbs a renderer's wider column unit.
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_repeat_rows(header_row, header_row)?;
    Ok(())
}

/// A sheet name Excel accepts: no []:*?/\, at most 31 characters, unique in the workbook.
fn sheet_name(index: usize, name: &str) -> String {
    let clean: String = name
        .chars()
        // Characters Excel refuses in a sheet name, and control characters, which the
        // workbook's XML cannot carry (a project name may have been pasted with them).
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\' | '\''))
        .filter(|c| !c.is_control() && crate::text::is_xml_char(*c))
        .collect();
    let prefix = format!("{} ", index + 1);
    let room = 31 - prefix.chars().count();
    format!("{prefix}{}", clean.chars().take(room).collect::<String>())
}

fn year_line(year: Option<i32>) -> String {
    year.map(|y| format!("({y}年)")).unwrap_or_default()
}

/// How many 10-point characters a line of a column `units` wide holds (a character is 10
/// points, 1.9 units; the cell keeps some room).
pub(super) fn chars_per_line(units: f64) -> f64 {
    ((units - 1.5) / 1.9).max(1.0)
}

/// The height of a row whose wrapped text of 10-point characters fills `chars_per_line` a
/// line, at least `least` points. Rows are given their height: a spreadsheet program does
/// not grow a row for its wrapped text when it opens a file.
pub(super) fn wrapped_height(text: &str, chars_per_line: f64, least: f64) -> f64 {
    let lines: f64 = text
        .lines()
        .map(|line| {
            let width: f64 = line
                .chars()
                .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
                .sum();
            (width / chars_per_line.max(1.0)).ceil().max(1.0)
        })
        .sum();
    // LibreOffice sets 10-point CJK lines about 14.5 points apart.
    (lines.max(1.0) * 15.0 + 6.0).max(least)
}

/// The 预算单位 printed: the project's own, else the unit's the targets belong to.
fn unit_of<'a>(p: &'a ProjectTargets, unit: &'a str) -> &'a str {
    if p.unit.trim().is_empty() {
        unit
    } else {
        &p.unit
    }
}

/// The 项目编码 printed, if any: a line workbook that names projects only by name gives them
/// their name as code, which is no 项目编码.
fn code_of(p: &ProjectTargets) -> Option<&str> {
    let code = p.code.trim();
    (!code.is_empty() && code != p.name.trim()).then_some(code)
}

/// Writes the 一级/二级/三级 indicator rows from `first_row`, merging 一级 and 二级 down over
/// runs of the same text. `extra` gives the cells after 三级 (from column `value_col`);
/// `widths` (the columns' widths) give each row the height of its wrapped text.
#[allow(clippy::too_many_arguments)]
fn write_indicator_rows(
    ws: &mut Worksheet,
    f: &Formats,
    first_row: u32,
    indicators: &[Indicator],
    name_cols: (u16, u16),
    value_cols: (u16, u16),
    extra: &dyn Fn(&Indicator) -> Vec<ExtraCell>,
    widths: &[f64],
) -> Result<(), XlsxError> {
    let span = |(from, to): (u16, u16)| -> f64 {
        widths
            .iter()
            .skip(usize::from(from))
            .take(usize::from(to.saturating_sub(from)) + 1)
            .sum()
    };
    let mut runs = |key: &dyn Fn(&Indicator) -> String, col: u16| -> Result<(), XlsxError> {
        let mut start = 0;
        while start < indicators.len() {
            let k = key(&indicators[start]);
            let mut end = start;
            while end + 1 < indicators.len() && key(&indicators[end + 1]) == k {
                end += 1;
            }
            let text = match col {
                0 => indicators[start].level1.clone(),
                _ => indicators[start].level2.clone(),
            };
            put(
                ws,
                (first_row + start as u32, col),
                (first_row + end as u32, col),
                &text,
                &f.center,
            )?;
            start = end + 1;
        }
        Ok(())
    };
    runs(&|i: &Indicator| i.level1.clone(), 0)?;
    runs(&|i: &Indicator| format!("{}\u{1}{}", i.level1, i.level2), 1)?;
    for (n, i) in indicators.iter().enumerate() {
        let row = first_row + n as u32;
        let mut height =
            wrapped_height(&i.printed_name(), chars_per_line(span(name_cols)), 15.0).max(
                wrapped_height(&i.printed_value(), chars_per_line(span(value_cols)), 15.0),
            );
        put(
            ws,
            (row, name_cols.0),
            (row, name_cols.1),
            &i.printed_name(),
            &f.text,
        )?;
        put(
            ws,
            (row, value_cols.0),
            (row, value_cols.1),
            &i.printed_value(),
            &f.center,
        )?;
        for cell in extra(i) {
            match cell {
                ExtraCell::Text(col, text) => {
                    let room = chars_per_line(span((col, col)));
                    height = height.max(wrapped_height(&text, room, 15.0));
                    ws.write_string_with_format(row, col, &text, &f.text)?;
                }
                ExtraCell::Number(col, number) => match number {
                    Some(n) => {
                        ws.write_number_with_format(row, col, n, &f.center)?;
                    }
                    None => {
                        ws.write_string_with_format(row, col, "", &f.center)?;
                    }
                },
            }
        }
        ws.set_row_height(row, height)?;
    }
    Ok(())
}

enum ExtraCell {
    Text(u16, String),
    Number(u16, Option<f64>),
}

/// One 项目支出绩效目标表 on its own sheet; `unit` is the 预算单位 of a project naming none.
fn write_project_sheet(
    ws: &mut Worksheet,
    f: &Formats,
    p: &ProjectTargets,
    year: Option<i32>,
    form: ProjectForm,
    unit: &str,
) -> Result<(), XlsxError> {
    let with_direction = p.indicators.iter().any(|i| i.direction.is_some());
    let layout = ProjectLayout::new(form, with_direction);
    let header_row = write_project_heading(ws, f, p, year, unit, &layout)?;
    write_indicator_header(ws, f, header_row, form, &layout)?;
    let extra = |i: &Indicator| extra_cells(i, form, with_direction);
    write_indicator_rows(
        ws,
        f,
        header_row + 1,
        &p.indicators,
        layout.name_cols,
        layout.value_cols,
        &extra,
        &layout.widths,
    )?;
    for (col, width) in layout.widths.iter().enumerate() {
        ws.set_column_width(col as u16, *width)?;
    }
    page_setup(ws, header_row)
}

/// The columns of a 项目支出绩效目标表 in `form`, with or without 指标方向.
struct ProjectLayout {
    /// Column widths (Excel units, about two a character) that fit A4 landscape at 100 %.
    widths: Vec<f64>,
    /// The indicator table's column titles.
    headers: Vec<&'static str>,
    /// First and last column of 三级指标.
    name_cols: (u16, u16),
    /// First and last column of 指标值.
    value_cols: (u16, u16),
    /// The last column of the sheet.
    last: u16,
}

impl ProjectLayout {
    fn new(form: ProjectForm, with_direction: bool) -> ProjectLayout {
        let widths: Vec<f64> = match form {
            ProjectForm::Short => vec![12.0, 14.0, 24.0, 10.0, 14.0, 14.0, 14.0, 14.0],
            ProjectForm::Full if with_direction => {
                vec![10.0, 12.0, 22.0, 12.0, 8.0, 14.0, 10.0, 8.0, 16.0, 12.0]
            }
            ProjectForm::Full => vec![10.0, 12.0, 24.0, 12.0, 16.0, 10.0, 8.0, 18.0, 12.0],
        };
        // Column titles after 三级指标 and 指标值.
        let mut headers: Vec<&str> = vec!["一级指标", "二级指标", "三级指标"];
        let (name_cols, value_cols, last) = match form {
            ProjectForm::Short => ((2, 3), (4, 7), 7u16),
            ProjectForm::Full => {
                let extra = if with_direction { 7 } else { 6 };
                ((2, 2), (3, 3), 2 + extra)
            }
        };
        match form {
            ProjectForm::Short => headers.push("指标值（包含数字及文字描述）"),
            ProjectForm::Full => {
                headers.push("指标值");
                if with_direction {
                    headers.push("指标方向");
                }
                headers.extend([
                    "指标值设置依据",
                    "上年完成值",
                    "指标分值权重",
                    "指标赋分规则",
                    "佐证资料",
                ]);
            }
        }
        ProjectLayout {
            widths,
            headers,
            name_cols,
            value_cols,
            last,
        }
    }
}

/// The title, the year and the labelled lines above the indicators (预算单位, 项目名称 and
/// 项目负责人, 项目编码 when it has one, 项目资金, 项目总体目标). Returns the row the indicator
/// table's header goes in.
fn write_project_heading(
    ws: &mut Worksheet,
    f: &Formats,
    p: &ProjectTargets,
    year: Option<i32>,
    unit: &str,
    layout: &ProjectLayout,
) -> Result<u32, XlsxError> {
    let last = layout.last;
    put(ws, (0, 0), (0, last), "项目支出绩效目标表", &f.title)?;
    put(ws, (1, 0), (1, last), &year_line(year), &f.subtitle)?;
    ws.set_row_height(0, 30)?;
    let mut row = 2;
    put(ws, (row, 0), (row, 1), "预算单位", &f.label)?;
    put(ws, (row, 2), (row, last), unit_of(p, unit), &f.text)?;
    row += 1;
    put(ws, (row, 0), (row, 1), "项目名称", &f.label)?;
    put(ws, (row, 2), (row, 4), &p.name, &f.text)?;
    put(ws, (row, 5), (row, 5), "项目负责人", &f.label)?;
    put(ws, (row, 6), (row, last), &p.manager, &f.text)?;
    row += 1;
    if let Some(code) = code_of(p) {
        put(ws, (row, 0), (row, 1), "项目编码", &f.label)?;
        put(ws, (row, 2), (row, last), code, &f.text)?;
        row += 1;
    }
    put(ws, (row, 0), (row, 1), "项目资金(万元)", &f.label)?;
    put(ws, (row, 2), (row, 2), "年度资金总额:", &f.label)?;
    put_amount(ws, (row, 3), (row, 3), p.amount, &f.amount)?;
    put(ws, (row, 4), (row, 4), "其中:财政拨款", &f.label)?;
    put_amount(ws, (row, 5), (row, 5), p.fiscal, &f.amount)?;
    put(ws, (row, 6), (row, 6), "其他资金:", &f.label)?;
    put_amount(ws, (row, 7), (row, last.max(7)), p.other, &f.amount)?;
    row += 1;
    put(ws, (row, 0), (row, 1), "项目总体目标", &f.label)?;
    put(ws, (row, 2), (row, last), &p.goal, &f.text)?;
    let goal_chars = chars_per_line(layout.widths.iter().skip(2).sum::<f64>());
    ws.set_row_height(row, wrapped_height(&p.goal, goal_chars, 60.0))?;
    Ok(row + 1)
}

/// The indicator table's header on `row`: the short form spans 三级指标 and 指标值 over merged
/// columns; the full form has one column per title, its row as high as the most wrapped.
fn write_indicator_header(
    ws: &mut Worksheet,
    f: &Formats,
    row: u32,
    form: ProjectForm,
    layout: &ProjectLayout,
) -> Result<(), XlsxError> {
    let headers = &layout.headers;
    match form {
        ProjectForm::Short => {
            put(ws, (row, 0), (row, 0), headers[0], &f.label)?;
            put(ws, (row, 1), (row, 1), headers[1], &f.label)?;
            put(ws, (row, 2), (row, 3), headers[2], &f.label)?;
            put(ws, (row, 4), (row, 7), headers[3], &f.label)?;
        }
        ProjectForm::Full => {
            for (c, h) in headers.iter().enumerate() {
                put(ws, (row, c as u16), (row, c as u16), h, &f.label)?;
            }
            // "指标分值权重" and the like wrap in their narrow columns.
            let height = headers
                .iter()
                .zip(&layout.widths)
                .map(|(h, w)| wrapped_height(h, chars_per_line(*w), 15.0))
                .fold(15.0, f64::max);
            ws.set_row_height(row, height)?;
        }
    }
    Ok(())
}

/// The cells of an indicator row after 指标值 in the full form (指标方向 when the table has it,
/// then 指标值设置依据, 上年完成值, 指标分值权重, 指标赋分规则, 佐证资料); none in the short form.
fn extra_cells(i: &Indicator, form: ProjectForm, with_direction: bool) -> Vec<ExtraCell> {
    if form == ProjectForm::Short {
        return Vec::new();
    }
    let first = 4 + u16::from(with_direction);
    let mut cells = Vec::new();
    if with_direction {
        let d = i.direction.map(|d| d.label()).unwrap_or_default();
        cells.push(ExtraCell::Text(4, d.to_string()));
    }
    cells.push(ExtraCell::Text(first, i.basis.clone()));
    cells.push(ExtraCell::Text(first + 1, i.last_year.clone()));
    cells.push(ExtraCell::Number(
        first + 2,
        i.weight.and_then(|w| w.to_f64()),
    ));
    cells.push(ExtraCell::Text(first + 3, i.scoring_rule.clone()));
    cells.push(ExtraCell::Text(first + 4, i.evidence.clone()));
    cells
}

pub(super) fn save(mut book: Workbook, path: &Path) -> Result<(), TargetExportError> {
    let bytes = book.save_to_buffer()?;
    crate::files::write_whole(path, &bytes).map_err(|source| TargetExportError::Save {
        path: path.to_path_buf(),
        source,
    })
}

/// Adds one 项目支出绩效目标表 sheet per project of `set` to `book`. `unit` (the name of the
/// unit the targets belong to) is printed as 预算单位 where a project names none.
pub fn add_project_sheets(
    book: &mut Workbook,
    set: &TargetSet,
    form: ProjectForm,
    unit: &str,
) -> Result<(), TargetExportError> {
    let f = Formats::new();
    for (n, p) in set.projects.iter().enumerate() {
        let ws = book.add_worksheet();
        ws.set_name(sheet_name(n, &p.name))?;
        write_project_sheet(ws, &f, p, set.year, form, unit)?;
    }
    Ok(())
}

/// The 项目支出绩效目标表 of every project of `set`, one sheet each; `unit` is the 预算单位 of
/// projects that name none.
pub fn write_project_targets(
    path: &Path,
    set: &TargetSet,
    form: ProjectForm,
    unit: &str,
) -> Result<(), TargetExportError> {
    if set.projects.is_empty() {
        return Err(TargetExportError::Empty);
    }
    let mut book = Workbook::new();
    add_project_sheets(&mut book, set, form, unit)?;
    save(book, path)
}

/// Adds the 部门整体绩效目标表 sheet (seed 004's form); `unit` is the 部门名称 when the targets
/// name none.
pub fn add_department_sheet(
    book: &mut Workbook,
    d: &DepartmentTargets,
    year: Option<i32>,
    unit: &str,
) -> Result<(), TargetExportError> {
    let f = Formats::new();
    let ws = book.add_worksheet();
    ws.set_name("部门整体绩效目标表")?;
    let last = 5;
    put(ws, (0, 0), (0, last), "部门整体绩效目标表", &f.title)?;
    put(ws, (1, 0), (1, last), &year_line(year), &f.subtitle)?;
    put(ws, (2, 0), (2, 1), "部门名称（盖章）", &f.label)?;
    let department = if d.department.trim().is_empty() {
        unit
    } else {
        &d.department
    };
    put(ws, (2, 2), (2, last), department, &f.text)?;
    put(ws, (3, 0), (3, 1), "部门联系人", &f.label)?;
    put(ws, (3, 2), (3, 2), &d.contact, &f.text)?;
    put(ws, (3, 3), (3, 3), "联系电话：", &f.label)?;
    put(ws, (3, 4), (3, last), &d.phone, &f.text)?;
    put(ws, (4, 0), (4, 1), "年度绩效目标", &f.label)?;
    put(ws, (4, 2), (4, last), &d.goal, &f.text)?;
    ws.set_row_height(4, wrapped_height(&d.goal, chars_per_line(104.0), 60.0))?;
    put(ws, (5, 0), (8, 1), "年度预算（万元）", &f.label)?;
    put(ws, (5, 2), (5, 3), "资金来源", &f.label)?;
    put(ws, (5, 4), (5, last), "资金总额（万元）", &f.label)?;
    put(ws, (6, 2), (7, 2), "财政资金（万元）", &f.label)?;
    put(ws, (6, 3), (6, 3), "上级安排", &f.label)?;
    put_amount(ws, (6, 4), (6, last), d.superior_funds, &f.amount)?;
    put(ws, (7, 3), (7, 3), "本级安排", &f.label)?;
    put_amount(ws, (7, 4), (7, last), d.own_funds, &f.amount)?;
    put(ws, (8, 2), (8, 2), "其他资金（万元）", &f.label)?;
    put(ws, (8, 3), (8, 3), "其他", &f.label)?;
    put_amount(ws, (8, 4), (8, last), d.other_funds, &f.amount)?;
    let header = 9;
    for (c, h) in [
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "指标设定依据",
        "分值权重",
    ]
    .iter()
    .enumerate()
    {
        put(ws, (header, c as u16), (header, c as u16), h, &f.label)?;
    }
    let extra = |i: &Indicator| {
        vec![
            ExtraCell::Text(4, i.basis.clone()),
            ExtraCell::Number(5, i.weight.and_then(|w| w.to_f64())),
        ]
    };
    // 116 units: A4 landscape at 100 %; the goal row's 104 units hold about 52 characters.
    let widths = [12.0, 14.0, 30.0, 14.0, 36.0, 10.0];
    write_indicator_rows(
        ws,
        &f,
        header + 1,
        &d.indicators,
        (2, 2),
        (3, 3),
        &extra,
        &widths,
    )?;
    for (col, width) in widths.iter().enumerate() {
        ws.set_column_width(col as u16, *width)?;
    }
    page_setup(ws, header)?;
    Ok(())
}

/// The 部门整体绩效目标表 alone; `unit` is the 部门名称 when the targets name none.
pub fn write_department_targets(
    path: &Path,
    d: &DepartmentTargets,
    year: Option<i32>,
    unit: &str,
) -> Result<(), TargetExportError> {
    let mut book = Workbook::new();
    add_department_sheet(&mut book, d, year, unit)?;
    save(book, path)
}

#[cfg(test)]
mod tests {
    use super::sheet_name;

    #[test]
    fn sheet_names_lose_what_a_workbook_cannot_carry() {
        assert_eq!(sheet_name(1, "a/b:c'd[e]"), "2 abcde");
        // Pasted control characters and non-characters would make workbook.xml unreadable.
        assert_eq!(sheet_name(0, "宣传\u{7}经费\u{FFFE}\t"), "1 宣传经费");
    }
}
