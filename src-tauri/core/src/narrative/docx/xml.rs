//! WordprocessingML written by hand: the document needs only paragraphs in a few styles, page
//! breaks and bordered tables with merged cells, which a few templates cover without pulling a
//! document library (and its image codecs) into the build.
//!
//! Fonts are the ones Chinese Windows has and official documents use: 仿宋 for the text, 黑体
//! for headings, 宋体 for the tables. Tables have fixed column widths worked out from the
//! longest text of each column: figures never wrap, names wrap, the font goes down from 10.5
//! to 9 points before a table would pass the right margin. Their header rows repeat on every
//! page, no row breaks across pages, and captions and the last rows before the 合计 keep
//! with what follows them.

use std::io::{Cursor, Write};

use crate::xlsx::write::SheetLayout;
use crate::xlsx::{CellValue, SheetGrid};

/// Text safe inside an XML element: markup escaped, and the characters XML 1.0 cannot carry
/// (typed or pasted control characters, U+FFFE…) left out, since Word refuses a document with
/// any of them. A carriage return is left out as well: within a paragraph a newline ends a
/// line, and "\r\n" would be read as two.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\r' => {}
            c if !crate::text::is_xml_char(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// A font for Latin and for Chinese text.
#[derive(Debug, Clone, Copy)]
struct Font {
    latin: &'static str,
    chinese: &'static str,
}

/// 仿宋 (FangSong) for the text, figures in Times New Roman.
const FANGSONG: Font = Font {
    latin: "Times New Roman",
    chinese: "仿宋",
};
/// 黑体 (SimHei) for headings.
const HEITI: Font = Font {
    latin: "黑体",
    chinese: "黑体",
};
/// 宋体 (SimSun) for the tables.
const SONGTI: Font = Font {
    latin: "宋体",
    chinese: "宋体",
};

/// How a paragraph looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// Body text: 仿宋 三号 (16 pt), first line indented two characters, 28-point lines.
    Body,
    /// A section heading ("一、主要职能"): 黑体 三号, indented like the text.
    Heading,
    /// A part heading ("第一部分 …") or the 目录 title: 黑体 三号, centred.
    Part,
    /// The cover's lines: 黑体 二号 (22 pt), centred.
    Cover,
    /// A table's number ("表1"), left: 黑体 12 pt.
    Caption,
    /// A table's title: 黑体 16 pt, centred.
    Title,
    /// The line between a table's title and the table ("编制部门：…　单位：万元"): 宋体 10.5 pt.
    Lead,
    /// A note under a table: 宋体 10.5 pt.
    Note,
    /// Right-aligned text (signature, date): 仿宋 三号.
    Right,
    /// An empty line of the cover's size.
    Blank,
}

/// One run of text; `size` in half-points.
fn run(text: &str, font: Font, size: u32, bold: bool) -> String {
    let bold = if bold { "<w:b/><w:bCs/>" } else { "" };
    format!(
        r#"<w:r><w:rPr><w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{chinese}" w:cs="{latin}" w:hint="eastAsia"/>{bold}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
        escape(text),
        latin = font.latin,
        chinese = font.chinese,
    )
}

/// Punctuation never hangs into the right margin; no extra space between Chinese and figures.
const TYPOGRAPHY: &str =
    r#"<w:overflowPunct w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>"#;

/// Exact 28-point lines, as official documents set 三号 text.
const TEXT_SPACING: &str =
    r#"<w:spacing w:before="0" w:after="0" w:line="560" w:lineRule="exact"/>"#;
/// Two characters of 三号 text.
const TEXT_INDENT: &str = r#"<w:ind w:firstLineChars="200" w:firstLine="640"/>"#;

pub fn paragraph(text: &str, look: Look) -> String {
    // (keep with next, spacing and indent and alignment, font, size in half-points, bold)
    let (keep, props, font, size) = match look {
        Look::Body => (false, format!("{TEXT_SPACING}{TEXT_INDENT}"), FANGSONG, 32),
        Look::Heading => (true, format!("{TEXT_SPACING}{TEXT_INDENT}"), HEITI, 32),
        Look::Part => (
            true,
            format!(r#"{TEXT_SPACING}<w:jc w:val="center"/>"#),
            HEITI,
            32,
        ),
        Look::Cover => (
            false,
            r#"<w:spacing w:before="240" w:after="240"/><w:jc w:val="center"/>"#.to_string(),
            HEITI,
            44,
        ),
        Look::Blank => (false, TEXT_SPACING.to_string(), FANGSONG, 32),
        Look::Caption => (
            true,
            r#"<w:spacing w:before="0" w:after="0"/>"#.to_string(),
            HEITI,
            24,
        ),
        Look::Title => (
            true,
            r#"<w:spacing w:before="0" w:after="60"/><w:jc w:val="center"/>"#.to_string(),
            HEITI,
            32,
        ),
        Look::Lead => (
            true,
            r#"<w:spacing w:before="0" w:after="60"/>"#.to_string(),
            SONGTI,
            21,
        ),
        Look::Note => (
            false,
            r#"<w:spacing w:before="60" w:after="0"/>"#.to_string(),
            SONGTI,
            21,
        ),
        Look::Right => (
            false,
            format!(r#"{TEXT_SPACING}<w:jc w:val="right"/>"#),
            FANGSONG,
            32,
        ),
    };
    let keep = if keep { "<w:keepNext/>" } else { "" };
    let tabs = if look == Look::Lead {
        format!(
            r#"<w:tabs><w:tab w:val="right" w:pos="{}"/></w:tabs>"#,
            text_width_twips(true)
        )
    } else {
        String::new()
    };
    // A tab in a lead line ("编制部门：…\t单位：万元") goes to the right tab stop.
    let runs = if look == Look::Lead {
        text.split('\t')
            .map(|part| run(part, font, size, false))
            .collect::<Vec<_>>()
            .join("<w:r><w:tab/></w:r>")
    } else {
        run(text, font, size, false)
    };
    format!(r#"<w:p><w:pPr>{keep}{tabs}{TYPOGRAPHY}{props}</w:pPr>{runs}</w:p>"#)
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

/// True for a Chinese (or any non-ASCII) character.
fn is_wide(c: char) -> bool {
    !c.is_ascii()
}

/// Width of `text` in points at `size` points: a Chinese character is one em; a Latin one is
/// taken at 0.64 em, the widest digits of the fonts a 宋体 table may be shown in (SimSun's are
/// 0.5 em, a substitute's up to 0.64), so that a figure never wraps.
fn text_points(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| if is_wide(c) { size } else { 0.64 * size })
        .sum()
}

/// Room a cell takes beside its text, in points: the cell margins (2 pt each side), the
/// borders and some slack.
const CELL_EXTRA: f64 = 6.0;
/// Table font sizes tried in turn, in half-points: 五号 10.5 pt down to 小五 9 pt.
const TABLE_SIZES: [u32; 4] = [21, 20, 19, 18];
/// A name wraps at no fewer than this many characters a line; a header at no fewer than two.
const MIN_NAME_CHARS: f64 = 6.0;
const MIN_HEADER_CHARS: f64 = 2.0;
/// A name column is at most this many characters wide before the table meets the page; a
/// header takes this many characters a line.
const MAX_NAME_CHARS: f64 = 20.0;
const MAX_HEADER_CHARS: f64 = 4.0;

/// What one column needs at one font size, in points.
#[derive(Debug, Clone, Copy, Default)]
struct Need {
    /// Text that never wraps (figures, codes).
    fixed: f64,
    /// The widest text that may wrap, and the narrowest it may wrap to.
    natural: f64,
    least: f64,
}

fn needs(
    grid: &SheetGrid,
    first: u32,
    last: u32,
    header: Option<(u32, u32)>,
    size: f64,
) -> Vec<Need> {
    let width = grid.width().max(1);
    (0..width)
        .map(|col| {
            let mut need = Need::default();
            for row in first..=last {
                if grid
                    .merge_at(row, col)
                    .is_some_and(|m| m.first_col != m.last_col)
                {
                    continue;
                }
                let (text, _) = cell_text(grid.cell(row, col));
                let points = text_points(&text, size);
                if !text.chars().any(is_wide) {
                    need.fixed = need.fixed.max(points);
                    continue;
                }
                let in_header = header.is_some_and(|(a, b)| (a..=b).contains(&row));
                // A header of four characters or fewer stays on one line ("基本支出", not
                // "基本支" over "出"); a longer one wraps, two characters a line at least.
                let chars = text.chars().count() as f64;
                let least_chars = if in_header && chars <= 4.0 {
                    chars
                } else if in_header {
                    MIN_HEADER_CHARS
                } else {
                    MIN_NAME_CHARS
                };
                // A header is laid out four characters a line, a name up to MAX_NAME_CHARS:
                // when the page is short of room, names keep more of it than headers.
                let most_chars = if in_header {
                    MAX_HEADER_CHARS
                } else {
                    MAX_NAME_CHARS
                };
                need.natural = need.natural.max(points.min(most_chars * size));
                need.least = need.least.max(points.min(least_chars * size));
            }
            need
        })
        .collect()
}

/// The line height of table text of `half_points` (exact spacing, 1.25 times the size), in
/// twips.
fn table_line(half_points: u32) -> u32 {
    half_points * 25 / 2
}

/// The column widths in points at `size` points that fit `available` points, if any: every
/// figure on one line and names wrapped no narrower than `MIN_NAME_CHARS`; the widths share
/// the whole width in proportion to what they need.
fn widths_at(needs: &[Need], available: f64) -> Option<Vec<f64>> {
    let natural: Vec<f64> = needs
        .iter()
        .map(|n| n.fixed.max(n.natural) + CELL_EXTRA)
        .collect();
    let least: Vec<f64> = needs
        .iter()
        .map(|n| n.fixed.max(n.least) + CELL_EXTRA)
        .collect();
    let widths = if natural.iter().sum::<f64>() <= available {
        natural
    } else if least.iter().sum::<f64>() <= available {
        // Names narrow from their natural width towards their least, all by one share.
        let room: f64 = natural.iter().zip(&least).map(|(n, l)| n - l).sum();
        let share = (natural.iter().sum::<f64>() - available) / room.max(1.0);
        natural
            .iter()
            .zip(&least)
            .map(|(n, l)| n - (n - l) * share)
            .collect()
    } else {
        return None;
    };
    let sum: f64 = widths.iter().sum::<f64>().max(1.0);
    Some(widths.iter().map(|w| w / sum * available).collect())
}

/// How high rows `first..=last` print at `half_points` in columns `widths` (points): each row
/// as many lines as its most wrapped cell.
fn height_at(grid: &SheetGrid, first: u32, last: u32, half_points: u32, widths: &[f64]) -> f64 {
    let size = f64::from(half_points) / 2.0;
    let line = f64::from(table_line(half_points)) / 20.0;
    (first..=last)
        .map(|row| {
            let lines = (0..grid.width())
                .filter_map(|col| {
                    let span = match grid.merge_at(row, col) {
                        Some(m) if m.first_row != row || m.first_col != col => return None,
                        Some(m) => m.first_col..=m.last_col,
                        None => col..=col,
                    };
                    let room: f64 =
                        span.filter_map(|c| widths.get(c as usize)).sum::<f64>() - CELL_EXTRA;
                    let (text, _) = cell_text(grid.cell(row, col));
                    Some((text_points(&text, size) / room.max(size)).ceil().max(1.0))
                })
                .fold(1.0, f64::max);
            // LibreOffice and Word add the border to the exact line height.
            lines * line + 0.6
        })
        .sum()
}

/// The font size (half-points) and the column widths (twips) of the table: the largest size
/// at which it fits `total` twips across (see `widths_at`), smaller when that puts a table on
/// one page of `page_height` points that would otherwise run over two.
fn fit(
    grid: &SheetGrid,
    first: u32,
    last: u32,
    header: Option<(u32, u32)>,
    total: u32,
    page_height: f64,
) -> (u32, Vec<u32>) {
    let available = f64::from(total) / 20.0;
    let twips =
        |widths: &[f64]| -> Vec<u32> { widths.iter().map(|w| (w * 20.0).floor() as u32).collect() };
    let fitting: Vec<(u32, Vec<f64>)> = TABLE_SIZES
        .iter()
        .filter_map(|&half| {
            let size = f64::from(half) / 2.0;
            widths_at(&needs(grid, first, last, header, size), available).map(|w| (half, w))
        })
        .collect();
    let on_one_page = fitting
        .iter()
        .find(|(half, w)| height_at(grid, first, last, *half, w) <= page_height);
    if let Some((half, widths)) = on_one_page.or(fitting.first()) {
        return (*half, twips(widths));
    }
    // Wider than the page even at 9 points with every name wrapped: the columns share the
    // page in proportion to their least widths (the workbook prints such a table across
    // pages).
    let half = TABLE_SIZES[TABLE_SIZES.len() - 1];
    let least: Vec<f64> = needs(grid, first, last, header, f64::from(half) / 2.0)
        .iter()
        .map(|n| n.fixed.max(n.least) + CELL_EXTRA)
        .collect();
    let sum: f64 = least.iter().sum::<f64>().max(1.0);
    let shared: Vec<f64> = least.iter().map(|w| w / sum * available).collect();
    (half, twips(&shared))
}

/// Body rows kept on the page of the 合计 row after them.
const KEEP_WITH_TOTAL: u32 = 3;

const TABLE_PROPERTIES: &str = r#"<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="40" w:type="dxa"/><w:right w:w="40" w:type="dxa"/></w:tblCellMar>"#;

/// Rows `first..=last` of `grid` as a bordered Word table at most `total` twips wide, merged
/// cells merged; `layout` tells the header band and the body rows of the sheet; `above` is
/// the height (points) of what precedes the caption on the table's first page.
pub fn table(
    grid: &SheetGrid,
    first: u32,
    last: u32,
    layout: &SheetLayout,
    total: u32,
    above: f64,
) -> String {
    let header = layout.header.filter(|(a, b)| *a >= first && *b <= last);
    let landscape = layout.orientation == crate::xlsx::write::Orientation::Landscape;
    let (size, widths) = fit(
        grid,
        first,
        last,
        header,
        total,
        table_page_height(above, landscape),
    );
    let table_width: u32 = widths.iter().sum();
    let mut xml = format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{table_width}" w:type="dxa"/><w:jc w:val="center"/>{TABLE_PROPERTIES}</w:tblPr><w:tblGrid>"#
    );
    for w in &widths {
        xml.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
    }
    xml.push_str("</w:tblGrid>");
    let rows = TableRows {
        grid,
        first,
        last,
        has_header: header.is_some(),
        header_end: header.map_or(first, |(_, b)| b + 1),
        total_row: layout.body.map(|(_, b)| b).filter(|b| *b <= last),
        widths: &widths,
        size,
        line: table_line(size),
    };
    for row in first..=last {
        xml.push_str(&rows.row(row));
    }
    xml.push_str("</w:tbl>");
    xml
}

/// What every row of one Word table needs: the rows' span, the header band, the 合计 row, the
/// column widths (twips) and the font size (half-points) with its line height.
struct TableRows<'a> {
    grid: &'a SheetGrid,
    first: u32,
    last: u32,
    has_header: bool,
    /// The first row after the header band (`first` when there is none).
    header_end: u32,
    /// The 合计 row closing the body, when it is among the rows.
    total_row: Option<u32>,
    widths: &'a [u32],
    size: u32,
    line: u32,
}

impl TableRows<'_> {
    /// Whether `row` stays on the page of the next one: the 合计 keeps the rows before it;
    /// the header keeps the first body row.
    fn keep(&self, row: u32) -> bool {
        row < self.header_end
            || self
                .total_row
                .is_some_and(|t| row < t && row + KEEP_WITH_TOTAL >= t)
    }

    /// One `<w:tr>`: never split across pages, repeated on every page when in the header band,
    /// bold when in the header or a 总计/合计 row.
    fn row(&self, row: u32) -> String {
        let width = self.grid.width().max(1);
        let in_header = row < self.header_end && self.has_header;
        let row_texts: Vec<String> = (0..width)
            .map(|c| cell_text(self.grid.cell(row, c)).0)
            .collect();
        let bold_row = in_header || row_texts.iter().any(|t| t.ends_with("总计") || t == "合计");
        let mut xml = String::from("<w:tr><w:trPr><w:cantSplit/>");
        if in_header {
            xml.push_str("<w:tblHeader/>");
        }
        xml.push_str("</w:trPr>");
        let mut col = 0;
        while col < width {
            let (cell, span) = self.cell(row, col, in_header, bold_row);
            xml.push_str(&cell);
            col += span;
        }
        xml.push_str("</w:tr>");
        xml
    }

    /// The `<w:tc>` at `row`, `col` and the number of columns it spans. A merge within the
    /// rows shows its text in its first cell; numbers are right-aligned, short or merged or
    /// header texts centred.
    fn cell(&self, row: u32, col: u32, in_header: bool, bold_row: bool) -> (String, u32) {
        let (first, last, line, size) = (self.first, self.last, self.line, self.size);
        let merge = self
            .grid
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
            cell_text(self.grid.cell(row, col))
        } else {
            (String::new(), false)
        };
        let no_wrap = !text.is_empty() && !text.chars().any(is_wide);
        let jc = if is_number {
            "right"
        } else if span > 1 || in_header || no_wrap {
            "center"
        } else {
            "left"
        };
        let grid_span = if span > 1 {
            format!(r#"<w:gridSpan w:val="{span}"/>"#)
        } else {
            String::new()
        };
        let xml = format!(
            r#"<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/>{grid_span}{vmerge}{}<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr>{}<w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="exact"/><w:jc w:val="{jc}"/></w:pPr>{}</w:p></w:tc>"#,
            (col..col + span)
                .map(|c| self.widths.get(c as usize).copied().unwrap_or(0))
                .sum::<u32>(),
            if no_wrap { "<w:noWrap/>" } else { "" },
            if self.keep(row) { "<w:keepNext/>" } else { "" },
            run(&text, SONGTI, size, bold_row)
        );
        (xml, span)
    }
}

/// A4 in twips, and the margins: 2.5 cm, 1.5 cm above and below the tables on landscape
/// pages.
const A4_SHORT: u32 = 11906;
const A4_LONG: u32 = 16838;
const MARGIN: u32 = 1418;
const TABLE_MARGIN: u32 = 851;
/// The caption, title and 编制部门 line above a table, in points.
const TABLE_LEAD: f64 = 60.0;

/// The height a table has on its landscape page, in points, when `above` points of other
/// text (a part heading) come before its caption.
fn table_page_height(above: f64, landscape: bool) -> f64 {
    let paper = if landscape { A4_SHORT } else { A4_LONG };
    f64::from(paper - 2 * TABLE_MARGIN) / 20.0 - TABLE_LEAD - above
}

/// The text width of a page in twips.
pub fn text_width_twips(landscape: bool) -> u32 {
    if landscape {
        A4_LONG - 2 * MARGIN
    } else {
        A4_SHORT - 2 * MARGIN
    }
}

fn section_properties(landscape: bool, tables: bool) -> String {
    let (w, h, orient) = if landscape {
        (A4_LONG, A4_SHORT, r#" w:orient="landscape""#)
    } else {
        (A4_SHORT, A4_LONG, "")
    };
    let top = if tables { TABLE_MARGIN } else { MARGIN };
    format!(
        r#"<w:sectPr><w:pgSz w:w="{w}" w:h="{h}"{orient}/><w:pgMar w:top="{top}" w:right="{MARGIN}" w:bottom="{top}" w:left="{MARGIN}" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>"#
    )
}

/// Ends the section before it (on a new page after it) with the given orientation: the
/// tables are printed landscape, the text portrait.
pub fn section_end(landscape: bool) -> String {
    format!(
        "<w:p><w:pPr>{}</w:pPr></w:p>",
        section_properties(landscape, landscape)
    )
}

/// Ends a section of tables printed in the given orientation (the 决算 template prints some
/// tables portrait), with the tables' narrow top and bottom margins.
pub fn table_section_end(landscape: bool) -> String {
    format!(
        "<w:p><w:pPr>{}</w:pPr></w:p>",
        section_properties(landscape, true)
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// The document defaults: 仿宋 三号, Chinese as the East Asian language, so that empty
/// paragraphs and anything without its own run properties look like the text; punctuation
/// never hangs into the right margin, and no extra space is put between Chinese and figures.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋" w:cs="Times New Roman"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:overflowPunct w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style></w:styles>"#;

/// The .docx package around `body` (its last section A4 portrait, 2.5 cm margins).
pub fn package(body: &str) -> Result<Vec<u8>, String> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}{}</w:body></w:document>"#,
        section_properties(false, false)
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, content) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", PACKAGE_RELS),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/styles.xml", STYLES),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_measured_wide_and_chinese_at_one_em() {
        assert_eq!(text_points("一般", 10.0), 20.0);
        assert!((text_points("249.08", 10.0) - 38.4).abs() < 1e-9);
    }

    #[test]
    fn text_loses_what_xml_cannot_carry() {
        // Pasted 情况说明 text may hold control characters and non-characters; a document.xml
        // with any of them is not well-formed and Word refuses the whole document.
        assert_eq!(
            escape("说明<w:p>&\"'\u{1}a\u{B}b\u{FFFE}c\u{FFFF}\td"),
            "说明&lt;w:p&gt;&amp;&quot;'abc\td"
        );
    }
}
