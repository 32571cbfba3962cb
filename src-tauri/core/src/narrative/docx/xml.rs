//! WordprocessingML written by hand: the document needs only paragraphs in a few styles, page
//! breaks and bordered tables with merged cells, which a few templates cover without pulling a
//! document library (and its image codecs) into the build.

use std::io::{Cursor, Write};

use crate::xlsx::{CellValue, SheetGrid};

/// Text safe inside an XML element.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// How a paragraph looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// Body text, first line indented two characters.
    Body,
    /// A part or section heading (bold).
    Heading,
    /// Centred, bold and large (cover, table titles).
    Title,
    /// Centred body text.
    Centre,
    /// Right-aligned body text (signature, date).
    Right,
}

fn run(text: &str, size_half_points: u32, bold: bool) -> String {
    let bold = if bold { "<w:b/>" } else { "" };
    format!(
        r#"<w:r><w:rPr><w:rFonts w:ascii="宋体" w:eastAsia="宋体" w:hAnsi="宋体"/>{bold}<w:sz w:val="{size_half_points}"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
        escape(text)
    )
}

pub fn paragraph(text: &str, look: Look) -> String {
    let (props, size, bold) = match look {
        Look::Body => (
            r#"<w:ind w:firstLineChars="200" w:firstLine="480"/>"#,
            24,
            false,
        ),
        Look::Heading => ("", 28, true),
        Look::Title => (r#"<w:jc w:val="center"/>"#, 36, true),
        Look::Centre => (r#"<w:jc w:val="center"/>"#, 24, false),
        Look::Right => (r#"<w:jc w:val="right"/>"#, 24, false),
    };
    format!(
        r#"<w:p><w:pPr><w:spacing w:after="120" w:line="360" w:lineRule="auto"/>{props}</w:pPr>{}</w:p>"#,
        run(text, size, bold)
    )
}

pub fn page_break() -> String {
    r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#.to_string()
}

/// What a cell shows: amounts with two decimals and 千分位 as the workbook formats them.
fn cell_text(value: &CellValue) -> (String, bool) {
    match value {
        CellValue::Empty => (String::new(), false),
        CellValue::Text(t) => (t.trim().to_string(), false),
        CellValue::Number(d) => (crate::money::format_grouped(*d, 2), true),
    }
}

/// Width of a text in half-CJK units (a CJK character counts two, like Excel's column widths).
fn text_width(text: &str) -> u32 {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Column widths in twips sharing `total`: in proportion to the widest text of each column
/// (at least 6, at most 40 units), so names get room and amounts do not wrap.
fn column_widths(grid: &SheetGrid, first: u32, last: u32, total: u32) -> Vec<u32> {
    let width = grid.width().max(1);
    let units: Vec<u32> = (0..width)
        .map(|col| {
            (first..=last)
                .filter(|row| grid.merge_at(*row, col).is_none())
                .map(|row| text_width(&cell_text(grid.cell(row, col)).0))
                .max()
                .unwrap_or(0)
                .clamp(6, 40)
        })
        .collect();
    let sum: u32 = units.iter().sum::<u32>().max(1);
    units.iter().map(|u| total * u / sum).collect()
}

/// Rows `first..=last` of `grid` as a bordered Word table `total` twips wide, merged cells
/// merged.
pub fn table(grid: &SheetGrid, first: u32, last: u32, total: u32) -> String {
    let width = grid.width().max(1);
    let widths = column_widths(grid, first, last, total);
    let mut xml = String::from(
        r#"<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders><w:tblCellMar><w:left w:w="40" w:type="dxa"/><w:right w:w="40" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>"#,
    );
    for w in &widths {
        xml.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
    }
    xml.push_str("</w:tblGrid>");
    for row in first..=last {
        xml.push_str("<w:tr>");
        let mut col = 0;
        while col < width {
            let merge = grid
                .merge_at(row, col)
                .filter(|m| m.first_row >= first && m.last_row <= last);
            let (span, vmerge, show) = match merge {
                Some(m) => {
                    let span = m.last_col - m.first_col + 1;
                    let vmerge = if m.first_row == m.last_row {
                        ""
                    } else if m.first_row == row {
                        r#"<w:vMerge w:val="restart"/>"#
                    } else {
                        "<w:vMerge/>"
                    };
                    (span, vmerge, m.first_row == row && m.first_col == col)
                }
                None => (1, "", true),
            };
            let (text, is_number) = if show {
                cell_text(grid.cell(row, col))
            } else {
                (String::new(), false)
            };
            let jc = if is_number {
                "right"
            } else if span > 1 {
                "center"
            } else {
                "left"
            };
            let grid_span = if span > 1 {
                format!(r#"<w:gridSpan w:val="{span}"/>"#)
            } else {
                String::new()
            };
            xml.push_str(&format!(
                r#"<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/>{grid_span}{vmerge}<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:spacing w:after="0"/><w:jc w:val="{jc}"/></w:pPr>{}</w:p></w:tc>"#,
                (col..col + span)
                    .map(|c| widths.get(c as usize).copied().unwrap_or(0))
                    .sum::<u32>(),
                run(&text, 16, false)
            ));
            col += span;
        }
        xml.push_str("</w:tr>");
    }
    xml.push_str("</w:tbl>");
    xml
}

/// A4 in twips, and the margins (2.5 cm).
const A4_SHORT: u32 = 11906;
const A4_LONG: u32 = 16838;
const MARGIN: u32 = 1418;

/// The text width of a page in twips.
pub fn text_width_twips(landscape: bool) -> u32 {
    if landscape {
        A4_LONG - 2 * MARGIN
    } else {
        A4_SHORT - 2 * MARGIN
    }
}

fn section_properties(landscape: bool) -> String {
    let (w, h, orient) = if landscape {
        (A4_LONG, A4_SHORT, r#" w:orient="landscape""#)
    } else {
        (A4_SHORT, A4_LONG, "")
    };
    format!(
        r#"<w:sectPr><w:pgSz w:w="{w}" w:h="{h}"{orient}/><w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" w:left="{MARGIN}" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>"#
    )
}

/// Ends the section before it (on a new page after it) with the given orientation: the
/// tables are printed landscape, the text portrait.
pub fn section_end(landscape: bool) -> String {
    format!(
        "<w:p><w:pPr>{}</w:pPr></w:p>",
        section_properties(landscape)
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>"#;

/// The .docx package around `body` (its last section A4 portrait, 2.5 cm margins).
pub fn package(body: &str) -> Result<Vec<u8>, String> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}{}</w:body></w:document>"#,
        section_properties(false)
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, content) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", PACKAGE_RELS),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/document.xml", document.as_str()),
    ] {
        zip.start_file(name, options).map_err(|e| e.to_string())?;
        zip.write_all(content.as_bytes())
            .map_err(|e| e.to_string())?;
    }
    zip.finish()
        .map(|c| c.into_inner())
        .map_err(|e| e.to_string())
}
