//! The complete disclosure document as a .docx: 封面, 目录, 第一部分 概况, 第二部分 the tables
//! (the exported workbook's sheets, cell for cell, merges kept), 第三部分 the generated
//! 情况说明, 第四部分 名词解释, and the signature.

pub(super) mod glossary;
mod xml;

use crate::error::{CoreError, ErrorCode};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::tables::{BudgetTables, FinalTables, FinalTemplate, Template};
use crate::xlsx::write::{
    write_disclosure_workbook_laid_out, write_final_workbook_laid_out, Orientation, SheetLayout,
    WorkbookHeader,
};
use crate::xlsx::{load_bytes, ReportHeading, SheetGrid};

use super::generate::staff_sentence;
use super::model::{Narrative, StaffFacts};
use xml::{page_break, paragraph, Look};

/// The texts of 封面 and 第一部分 that staff type (the 人员 figures are facts:
/// `NarrativeFacts::staff`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct DocumentTexts {
    /// Printed above the unit on the cover ("新疆维吾尔自治区巴音郭楞蒙古自治州").
    pub region: String,
    /// 主要职能, one item each ("协助县政府组织落实决定、决策事项…").
    pub functions: Vec<String>,
    /// 机构设置 ("若羌县人民政府办公室无下属预算单位，下设7个科室…").
    pub organisation: String,
    /// The date under the signature ("2024年2月18日"); blank, the day of the export.
    pub date: String,
}

impl DocumentTexts {
    /// The date printed under the signature: the typed one, or else today's
    /// ("2024年2月18日", China Standard Time).
    pub fn signature_date(&self) -> String {
        let typed = self.date.trim();
        if typed.is_empty() {
            ReportHeading::today(None).date
        } else {
            typed.to_string()
        }
    }
}

/// Why the .docx of a disclosure could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// Laying out the 公开表 (the workbook the document's tables come from) failed; the message of
    /// that error.
    #[error("生成公开表失败：{0}")]
    Tables(String),
    /// Zipping the document parts failed; the message of that error.
    #[error("生成 Word 文档失败：{0}")]
    Package(String),
    /// Writing the .docx file failed.
    #[error("写入文件 {path} 失败：{}。", crate::text::io_reason(.source))]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
}

impl DocxError {
    /// The kind of failure, as the UI branches on it ([`ErrorCode`]).
    pub fn code(&self) -> ErrorCode {
        match self {
            DocxError::Tables(_) | DocxError::Package(_) => ErrorCode::Export,
            DocxError::Io { source, .. } => crate::error::io_code(source),
        }
    }
}

/// A .docx that could not be written reaches the shell with its code.
impl From<DocxError> for CoreError {
    fn from(err: DocxError) -> Self {
        CoreError::area(err.code(), &err)
    }
}

const CHINESE: [&str; 11] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一",
];

/// The height in points one note line under a table takes.
const NOTE_LINE: f64 = 16.0;

fn numbered(i: usize) -> &'static str {
    CHINESE.get(i).copied().unwrap_or("")
}

/// The texts of a row, `separator` between them.
fn grid_text(grid: &SheetGrid, row: u32, separator: &str) -> String {
    grid.row_cells(row)
        .map(|(_, v)| v.display().trim().to_string())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(separator)
}

/// One exported sheet on pages of its own: "表N", its title and 编制部门 line kept with the
/// table, the table (header rows repeated, figures on one line), the note under it.
fn sheet_section(
    grid: &SheetGrid,
    layout: &SheetLayout,
    first_table: bool,
    new_page: bool,
) -> String {
    let height = grid.height();
    if height == 0 {
        return String::new();
    }
    let mut xml = String::new();
    let caption = paragraph(&grid.name, Look::Caption);
    if new_page {
        // Every table starts a page (a section break before it already does).
        xml.push_str(&caption.replacen("<w:pPr>", "<w:pPr><w:pageBreakBefore/>", 1));
    } else {
        xml.push_str(&caption);
    }
    let first = layout.header.map_or(0, |(a, _)| a).min(height);
    for row in 0..first {
        let look = if row == 0 { Look::Title } else { Look::Lead };
        xml.push_str(&paragraph(&grid_text(grid, row, "\t"), look));
    }
    let last = layout
        .body
        .map(|(_, b)| b)
        .or(layout.header.map(|(_, b)| b))
        .unwrap_or(height - 1)
        .min(height - 1);
    if first <= last {
        // The first table shares its page with the part heading (one 28-point line), and the
        // notes under a table ("注：本表反映…") stay on its page: their lines are kept free.
        let notes = (last + 1..height)
            .filter(|row| !grid_text(grid, *row, "").is_empty())
            .count();
        let above = if first_table { 28.0 } else { 0.0 } + NOTE_LINE * notes as f64;
        let landscape = layout.orientation == Orientation::Landscape;
        xml.push_str(&xml::table(
            grid,
            first,
            last,
            layout,
            xml::text_width_twips(landscape),
            above,
        ));
    }
    for row in last + 1..height {
        let text = grid_text(grid, row, "　　");
        if !text.is_empty() {
            xml.push_str(&paragraph(&text, Look::Note));
        }
    }
    xml
}

/// What differs between the 预算 and the 决算 document besides the tables and the text.
struct DocumentWords<'a> {
    /// "部门预算" / "部门决算".
    kind: &'a str,
    /// The titles of the tables, in order, for the 目录.
    titles: Vec<&'a str>,
    glossary: &'a [&'a str],
}

/// The whole document's bytes. `staff` gives the 人员 sentence of 第一部分; a figure not
/// entered prints as （待填写）.
pub fn write_document_docx(
    tables: &BudgetTables,
    template: &Template,
    header: &WorkbookHeader,
    narrative: &Narrative,
    texts: &DocumentTexts,
    staff: &StaffFacts,
) -> Result<Vec<u8>, DocxError> {
    let (workbook, layouts) = write_disclosure_workbook_laid_out(tables, template, header)
        .map_err(|e| DocxError::Tables(e.to_string()))?;
    let words = DocumentWords {
        kind: "部门预算",
        titles: template.tables.iter().map(|t| t.title).collect(),
        glossary: &glossary::TERMS,
    };
    write_document(workbook, &layouts, &words, header, narrative, texts, staff)
}

/// The whole 部门决算 document's bytes: the nine 决算 tables of `template`, the 决算 情况说明
/// and the 决算 名词解释.
pub fn write_final_document_docx(
    tables: &FinalTables,
    template: &FinalTemplate,
    header: &WorkbookHeader,
    narrative: &Narrative,
    texts: &DocumentTexts,
    staff: &StaffFacts,
) -> Result<Vec<u8>, DocxError> {
    let (workbook, layouts) = write_final_workbook_laid_out(tables, template, header)
        .map_err(|e| DocxError::Tables(e.to_string()))?;
    let words = DocumentWords {
        kind: "部门决算",
        titles: template.tables.iter().map(|t| t.title).collect(),
        glossary: &glossary::FINAL_TERMS,
    };
    write_document(workbook, &layouts, &words, header, narrative, texts, staff)
}

/// The document's parts in order (封面, 目录, 第一部分 to 第四部分 and the signature), packaged
/// as a .docx.
fn write_document(
    workbook: Vec<u8>,
    layouts: &[SheetLayout],
    words: &DocumentWords<'_>,
    header: &WorkbookHeader,
    narrative: &Narrative,
    texts: &DocumentTexts,
    staff: &StaffFacts,
) -> Result<Vec<u8>, DocxError> {
    let book = load_bytes(Path::new("公开表.xlsx"), workbook)
        .map_err(|e| DocxError::Tables(e.to_string()))?;
    let mut body = String::new();
    write_cover(&mut body, words, header, texts);
    write_contents(&mut body, words, header.year, narrative);
    write_overview(&mut body, header, texts, staff);
    write_tables_part(&mut body, words, header.year, &book.sheets, layouts);
    write_narrative_part(&mut body, narrative);
    write_glossary_part(&mut body, words, &header.unit, texts);
    xml::package(&body).map_err(DocxError::Package)
}

/// 封面: the region, the unit and "2024年部门预算公开", then a page break.
fn write_cover(
    body: &mut String,
    words: &DocumentWords<'_>,
    header: &WorkbookHeader,
    texts: &DocumentTexts,
) {
    let (unit, year, kind) = (&header.unit, header.year, words.kind);
    for _ in 0..5 {
        body.push_str(&paragraph("", Look::Blank));
    }
    if !texts.region.is_empty() {
        body.push_str(&paragraph(&texts.region, Look::Cover));
    }
    body.push_str(&paragraph(unit, Look::Cover));
    body.push_str(&paragraph(&format!("{year}年{kind}公开"), Look::Cover));
    body.push_str(&page_break());
}

/// 目录: the four parts with the tables and the sections of part three, then a page break.
fn write_contents(body: &mut String, words: &DocumentWords<'_>, year: i32, narrative: &Narrative) {
    let kind = words.kind;
    body.push_str(&paragraph("目　录", Look::Part));
    body.push_str(&paragraph(
        &format!("第一部分 {year}年部门概况"),
        Look::Heading,
    ));
    body.push_str(&paragraph("一、主要职能", Look::Body));
    body.push_str(&paragraph("二、机构设置及人员情况", Look::Body));
    body.push_str(&paragraph(
        &format!("第二部分 {year}年{kind}公开表"),
        Look::Heading,
    ));
    for (i, title) in words.titles.iter().enumerate() {
        body.push_str(&paragraph(&format!("{}、{title}", numbered(i)), Look::Body));
    }
    body.push_str(&paragraph(&narrative.title, Look::Heading));
    for section in &narrative.sections {
        body.push_str(&paragraph(&section.title, Look::Body));
    }
    body.push_str(&paragraph("第四部分 名词解释", Look::Heading));
    body.push_str(&page_break());
}

/// 第一部分 部门概况: 主要职能, 机构设置 and the 人员 sentence; its section ends there.
fn write_overview(
    body: &mut String,
    header: &WorkbookHeader,
    texts: &DocumentTexts,
    staff: &StaffFacts,
) {
    let (unit, year) = (&header.unit, header.year);
    body.push_str(&paragraph(
        &format!("第一部分 {year}年部门概况"),
        Look::Part,
    ));
    body.push_str(&paragraph("一、主要职能", Look::Heading));
    for (i, f) in texts.functions.iter().enumerate() {
        body.push_str(&paragraph(&format!("（{}）{f}", numbered(i)), Look::Body));
    }
    body.push_str(&paragraph("二、机构设置及人员情况", Look::Heading));
    if !texts.organisation.is_empty() {
        body.push_str(&paragraph(&texts.organisation, Look::Body));
    }
    body.push_str(&paragraph(&staff_sentence(unit, staff), Look::Body));
    // The tables go on landscape pages of their own.
    body.push_str(&xml::section_end(false));
}

/// 第二部分: every table of the workbook, each on paper of its orientation.
fn write_tables_part(
    body: &mut String,
    words: &DocumentWords<'_>,
    year: i32,
    sheets: &[SheetGrid],
    layouts: &[SheetLayout],
) {
    body.push_str(&paragraph(
        &format!("第二部分 {year}年{}公开表", words.kind),
        Look::Part,
    ));
    // Each table on paper of its orientation: a section ends where the orientation changes.
    let mut current: Option<Orientation> = None;
    for (i, (sheet, layout)) in sheets.iter().zip(layouts).enumerate() {
        let turned = current.is_some_and(|c| c != layout.orientation);
        if let Some(c) = current.filter(|_| turned) {
            body.push_str(&xml::table_section_end(c == Orientation::Landscape));
        }
        body.push_str(&sheet_section(sheet, layout, i == 0, i > 0 && !turned));
        current = Some(layout.orientation);
    }
    body.push_str(&xml::table_section_end(
        current.is_none_or(|c| c == Orientation::Landscape),
    ));
}

/// 第三部分: the generated 情况说明, then a page break.
fn write_narrative_part(body: &mut String, narrative: &Narrative) {
    body.push_str(&paragraph(&narrative.title, Look::Part));
    for section in &narrative.sections {
        body.push_str(&paragraph(&section.title, Look::Heading));
        for p in &section.paragraphs {
            body.push_str(&paragraph(&p.text, Look::Body));
        }
    }
    body.push_str(&page_break());
}

/// 第四部分 名词解释, and the signature with its date.
fn write_glossary_part(
    body: &mut String,
    words: &DocumentWords<'_>,
    unit: &str,
    texts: &DocumentTexts,
) {
    body.push_str(&paragraph("第四部分 名词解释", Look::Part));
    for term in words.glossary {
        body.push_str(&paragraph(term, Look::Body));
    }
    body.push_str(&paragraph("", Look::Blank));
    body.push_str(&paragraph(unit, Look::Right));
    body.push_str(&paragraph(&texts.signature_date(), Look::Right));
}

/// Writes the document to `path` (beside it first, then moved over, so a failed export never
/// leaves half a file under the chosen name).
pub fn save_document_docx(
    path: &Path,
    tables: &BudgetTables,
    template: &Template,
    header: &WorkbookHeader,
    narrative: &Narrative,
    texts: &DocumentTexts,
    staff: &StaffFacts,
) -> Result<(), DocxError> {
    let bytes = write_document_docx(tables, template, header, narrative, texts, staff)?;
    save_bytes(path, bytes)
}

/// Writes the 部门决算 document to `path`, as `save_document_docx` does.
pub fn save_final_document_docx(
    path: &Path,
    tables: &FinalTables,
    template: &FinalTemplate,
    header: &WorkbookHeader,
    narrative: &Narrative,
    texts: &DocumentTexts,
    staff: &StaffFacts,
) -> Result<(), DocxError> {
    let bytes = write_final_document_docx(tables, template, header, narrative, texts, staff)?;
    save_bytes(path, bytes)
}

fn save_bytes(path: &Path, bytes: Vec<u8>) -> Result<(), DocxError> {
    crate::files::write_whole(path, &bytes).map_err(|source| DocxError::Io {
        path: path.to_path_buf(),
        source,
    })
}
