//! The complete disclosure document as a .docx: 封面, 目录, 第一部分 概况, 第二部分 the tables
//! (the exported workbook's sheets, cell for cell, merges kept), 第三部分 the generated
//! 情况说明, 第四部分 名词解释, and the signature.

pub(super) mod glossary;
mod xml;

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::tables::{BudgetTables, Template};
use crate::xlsx::write::{write_disclosure_workbook, WorkbookHeader};
use crate::xlsx::{load_bytes, SheetGrid};

use super::generate::staff_sentence;
use super::model::{Narrative, StaffFacts};
use xml::{page_break, paragraph, Look};

/// The texts of 封面 and 第一部分 that staff type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct DocumentTexts {
    /// Printed above the unit on the cover ("新疆维吾尔自治区巴音郭楞蒙古自治州").
    pub region: String,
    /// 主要职能, one item each ("协助县政府组织落实决定、决策事项…").
    pub functions: Vec<String>,
    /// 机构设置 ("若羌县人民政府办公室无下属预算单位，下设7个科室…").
    pub organisation: String,
    pub staff: StaffFacts,
    /// The date under the signature ("2024年2月18日").
    pub date: String,
}

#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("生成公开表失败：{0}")]
    Tables(String),
    #[error("生成 Word 文档失败：{0}")]
    Package(String),
    #[error("写入文件 {path} 失败：{source}。请确认文件未在 Word 中打开，且目录可写。")]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

const CHINESE: [&str; 11] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一",
];

fn numbered(i: usize) -> &'static str {
    CHINESE.get(i).copied().unwrap_or("")
}

fn grid_text(grid: &SheetGrid, row: u32) -> String {
    grid.row_cells(row)
        .map(|(_, v)| v.display().trim().to_string())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("　　")
}

/// One exported sheet: its title and 编制部门 line as paragraphs, the table, its note.
fn sheet_section(grid: &SheetGrid) -> String {
    let height = grid.height();
    if height == 0 {
        return String::new();
    }
    let is_lead = |row: u32| {
        let text = grid_text(grid, row);
        row == 0 || text.contains("编制部门")
    };
    let is_note = |row: u32| {
        let text = grid_text(grid, row);
        text.starts_with("备注") || text.starts_with("注：") || text.starts_with("注:")
    };
    let mut first = 0;
    while first < height && is_lead(first) {
        first += 1;
    }
    let mut last = height - 1;
    while last > first && (is_note(last) || grid_text(grid, last).is_empty()) {
        last -= 1;
    }
    let mut xml = String::new();
    for row in 0..first {
        let look = if row == 0 { Look::Title } else { Look::Centre };
        xml.push_str(&paragraph(&grid_text(grid, row), look));
    }
    if first <= last {
        xml.push_str(&xml::table(grid, first, last, xml::text_width_twips(true)));
    }
    for row in last + 1..height {
        let text = grid_text(grid, row);
        if !text.is_empty() {
            xml.push_str(&paragraph(&text, Look::Body));
        }
    }
    xml
}

/// The whole document's bytes.
pub fn write_document_docx(
    tables: &BudgetTables,
    template: &Template,
    header: &WorkbookHeader,
    narrative: &Narrative,
    texts: &DocumentTexts,
) -> Result<Vec<u8>, DocxError> {
    let workbook = write_disclosure_workbook(tables, template, header)
        .map_err(|e| DocxError::Tables(e.to_string()))?;
    let book = load_bytes(Path::new("公开表.xlsx"), workbook)
        .map_err(|e| DocxError::Tables(e.to_string()))?;
    let (unit, year) = (&header.unit, header.year);
    let mut body = String::new();

    // 封面
    for _ in 0..6 {
        body.push_str(&paragraph("", Look::Centre));
    }
    if !texts.region.is_empty() {
        body.push_str(&paragraph(&texts.region, Look::Title));
    }
    body.push_str(&paragraph(unit, Look::Title));
    body.push_str(&paragraph(&format!("{year}年部门预算公开"), Look::Title));
    body.push_str(&page_break());

    // 目录
    body.push_str(&paragraph("目　录", Look::Title));
    body.push_str(&paragraph(
        &format!("第一部分 {year}年部门概况"),
        Look::Heading,
    ));
    body.push_str(&paragraph("一、主要职能", Look::Body));
    body.push_str(&paragraph("二、机构设置及人员情况", Look::Body));
    body.push_str(&paragraph(
        &format!("第二部分 {year}年部门预算公开表"),
        Look::Heading,
    ));
    for (i, spec) in template.tables.iter().enumerate() {
        body.push_str(&paragraph(
            &format!("{}、{}", numbered(i), spec.title),
            Look::Body,
        ));
    }
    body.push_str(&paragraph(&narrative.title, Look::Heading));
    for section in &narrative.sections {
        body.push_str(&paragraph(&section.title, Look::Body));
    }
    body.push_str(&paragraph("第四部分 名词解释", Look::Heading));
    body.push_str(&page_break());

    // 第一部分
    body.push_str(&paragraph(
        &format!("第一部分 {year}年部门概况"),
        Look::Heading,
    ));
    body.push_str(&paragraph("一、主要职能", Look::Heading));
    for (i, f) in texts.functions.iter().enumerate() {
        body.push_str(&paragraph(&format!("（{}）{f}", numbered(i)), Look::Body));
    }
    body.push_str(&paragraph("二、机构设置及人员情况", Look::Heading));
    if !texts.organisation.is_empty() {
        body.push_str(&paragraph(&texts.organisation, Look::Body));
    }
    body.push_str(&paragraph(&staff_sentence(unit, &texts.staff), Look::Body));
    // The tables go on landscape pages of their own.
    body.push_str(&xml::section_end(false));

    // 第二部分
    body.push_str(&paragraph(
        &format!("第二部分 {year}年部门预算公开表"),
        Look::Heading,
    ));
    for sheet in &book.sheets {
        body.push_str(&paragraph(&sheet.name, Look::Body));
        body.push_str(&sheet_section(sheet));
        body.push_str(&paragraph("", Look::Body));
    }
    body.push_str(&xml::section_end(true));

    // 第三部分
    body.push_str(&paragraph(&narrative.title, Look::Heading));
    for section in &narrative.sections {
        body.push_str(&paragraph(&section.title, Look::Heading));
        for p in &section.paragraphs {
            body.push_str(&paragraph(&p.text, Look::Body));
        }
    }
    body.push_str(&page_break());

    // 第四部分
    body.push_str(&paragraph("第四部分 名词解释", Look::Heading));
    for term in glossary::TERMS {
        body.push_str(&paragraph(term, Look::Body));
    }
    body.push_str(&paragraph(unit, Look::Right));
    if !texts.date.is_empty() {
        body.push_str(&paragraph(&texts.date, Look::Right));
    }
    xml::package(&body).map_err(DocxError::Package)
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
) -> Result<(), DocxError> {
    let bytes = write_document_docx(tables, template, header, narrative, texts)?;
    let io = |source| DocxError::Io {
        path: path.to_path_buf(),
        source,
    };
    let partial = path.with_extension("docx.partial");
    std::fs::write(&partial, bytes).map_err(io)?;
    std::fs::rename(&partial, path).map_err(io)
}
