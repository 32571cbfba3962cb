//! One table on one worksheet, laid out as the published tables are: a merged title, the
//! "编制部门：X … 单位：万元" line, a merged header band, bordered data rows, an optional note
//! under the table, and a print setup (A4 landscape at a readable scale, header rows repeated
//! on every page, see `paper`). Amounts and codes never wrap: their columns are as wide as
//! their widest figure; names wrap in columns narrowed as far as the page needs, and every row
//! is as high as its wrapped text. The table families only decide what goes in which cell.

use std::borrow::Cow;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

use super::paper::{self, column_points, Orientation, PagePlan};
use crate::money::{Money, Scale};

/// The font of the published tables.
const FONT: &str = "宋体";
const BODY_SIZE: f64 = 11.0;
const TITLE_SIZE: f64 = 16.0;
/// Excel's paper size code for A4.
const PAPER_A4: u8 = 9;
/// Row height (points) of one line of 11-point 宋体, with the spacing Excel gives it.
const LINE_HEIGHT: f64 = 15.0;
/// Height of each line of a wrapped cell: LibreOffice sets 11-point CJK lines 16 points apart.
const WRAPPED_LINE_HEIGHT: f64 = 16.0;
const TITLE_HEIGHT: f64 = 30.0;
/// Column widths are in Excel's units: the digit width of the default font, seven pixels or
/// 5.25 points. An 11-point 宋体 character takes 11 points (2.1 units), a half-width one 5.5.
const UNIT_POINTS: f64 = 5.25;
const MIN_COLUMN_WIDTH: f64 = 6.0;
/// A name column is at most this wide; wider names wrap. When the table is wider than the
/// page, name columns narrow down to `MIN_TEXT_WIDTH` (about nine characters a line) before
/// the scale goes down.
const MAX_TEXT_WIDTH: f64 = 40.0;
const MIN_TEXT_WIDTH: f64 = 20.0;
/// The narrowest a name column goes to keep a table on one page across: five characters a
/// line.
const MIN_WRAPPED_WIDTH: f64 = 13.0;
/// A one-column header wraps onto at most this many lines before it widens its column.
const MAX_HEADER_LINES: u32 = 4;
/// Room a cell keeps beside its text, in units.
const PADDING: f64 = 2.0;

/// The cell formats of a disclosure workbook, created once per workbook.
pub struct Styles {
    title: Format,
    meta_left: Format,
    meta_right: Format,
    header: Format,
    text: Format,
    code: Format,
    amount: Format,
    total_text: Format,
    total_amount: Format,
    note: Format,
}

impl Styles {
    pub fn new() -> Styles {
        let base = Format::new()
            .set_font_name(FONT)
            .set_font_size(BODY_SIZE)
            .set_align(FormatAlign::VerticalCenter);
        let bordered = base.clone().set_border(FormatBorder::Thin);
        let amount = bordered
            .clone()
            .set_align(FormatAlign::Right)
            .set_num_format("#,##0.00");
        Styles {
            title: base
                .clone()
                .set_font_size(TITLE_SIZE)
                .set_bold()
                .set_align(FormatAlign::Center),
            meta_left: base.clone().set_align(FormatAlign::Left),
            meta_right: base.clone().set_align(FormatAlign::Right),
            header: bordered
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            text: bordered
                .clone()
                .set_align(FormatAlign::Left)
                .set_text_wrap(),
            // "@": the cell stays text when someone retypes a code such as "03" in Excel.
            code: bordered
                .clone()
                .set_align(FormatAlign::Center)
                .set_num_format("@"),
            total_text: bordered.clone().set_bold().set_align(FormatAlign::Center),
            total_amount: amount.clone().set_bold(),
            amount,
            note: base.set_align(FormatAlign::Left).set_text_wrap(),
        }
    }
}

/// What one cell of a data row holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell<'a> {
    /// A label or name, left aligned.
    Text(Cow<'a, str>),
    /// A part of a classification code, written as text so "03" keeps its zero.
    Code(&'a str),
    /// An amount; zero is printed as a blank cell, as the published tables do.
    Amount(Money),
    Blank,
}

impl<'a> Cell<'a> {
    pub fn text(text: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell::Text(text.into())
    }
}

/// A header cell, relative to the first header row, spanning `rows` × `cols`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderCell<'a> {
    pub row: u32,
    pub col: u16,
    pub rows: u32,
    pub cols: u16,
    pub text: Cow<'a, str>,
}

/// A header cell one row high and one column wide.
pub fn head<'a>(row: u32, col: u16, text: impl Into<Cow<'a, str>>) -> HeaderCell<'a> {
    span(row, col, 1, 1, text)
}

/// A header cell merged over `rows` × `cols`.
pub fn span<'a>(
    row: u32,
    col: u16,
    rows: u32,
    cols: u16,
    text: impl Into<Cow<'a, str>>,
) -> HeaderCell<'a> {
    HeaderCell {
        row,
        col,
        rows,
        cols,
        text: text.into(),
    }
}

/// Display width of `text` in Excel width units: two for a CJK (or any non-ASCII) character.
pub fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
        .sum()
}

/// How wide `text` prints at `size` points, in column units.
fn units(text: &str, size: f64) -> f64 {
    text_width(text) * size / 2.0 / UNIT_POINTS
}

/// How many lines `text` takes at `size` points in `available` units, wrapped character by
/// character as Excel and LibreOffice wrap CJK text.
fn lines(text: &str, size: f64, available: f64) -> u32 {
    let mut lines = 1;
    let mut used = 0.0;
    for c in text.chars() {
        if c == '\n' {
            lines += 1;
            used = 0.0;
            continue;
        }
        let w = units(c.encode_utf8(&mut [0; 4]), size);
        // A text exactly as wide as the room fits: the hundredth spares rounding.
        if used + w > available + 0.01 && used > 0.0 {
            lines += 1;
            used = 0.0;
        }
        used += w;
    }
    lines
}

/// The height of a row whose tallest cell takes `lines` lines.
fn height_of(lines: u32) -> f64 {
    if lines <= 1 {
        LINE_HEIGHT
    } else {
        f64::from(lines) * WRAPPED_LINE_HEIGHT
    }
}

/// The double a cell stores for `money` in `scale`: the exact decimal rounded 四舍五入 to two
/// places, as the nearest double. This is the one place money becomes a float, because the
/// file format stores numbers as doubles. The rounded decimal is an integer count of
/// hundredths; dividing it (exact below 2^53) by 100 is correctly rounded by IEEE 754, so the
/// cell holds the double closest to the decimal, as parsing its text would.
pub fn cell_number(money: Money, scale: Scale) -> Result<f64, XlsxError> {
    let mut rounded = money.rounded(scale, 2);
    rounded.rescale(2);
    let hundredths = i64::try_from(rounded.mantissa())
        .ok()
        .filter(|h| h.unsigned_abs() < 1 << 53)
        .ok_or_else(|| {
            XlsxError::ParameterError(format!("金额 {rounded} 超出单元格可表示的范围"))
        })?;
    Ok(hundredths as f64 / 100.0)
}

/// Display width of an amount as `#,##0.00` shows it ("1,234.56" is 8).
fn amount_width(money: Money, scale: Scale) -> f64 {
    let whole = money.rounded(scale, 2).trunc().abs();
    let digits = whole.to_string().len();
    let separators = (digits - 1) / 3;
    let sign = usize::from(money.fen() < 0);
    (sign + digits + separators + 3) as f64
}

/// What the print setup of a written sheet is, for whoever prints its cells elsewhere (the
/// .docx repeats the header rows and keeps the 合计 with its rows too).
#[derive(Debug, Clone, PartialEq)]
pub struct SheetLayout {
    /// The header band: first and last row.
    pub header: Option<(u32, u32)>,
    /// The first and last body row (the 合计 row included).
    pub body: Option<(u32, u32)>,
    /// The 科目 columns on the left, repeated on every page across.
    pub labels: u16,
    /// Which way round the page is.
    pub orientation: Orientation,
    /// Column widths in Excel's units.
    pub widths: Vec<f64>,
    /// Scale and page breaks.
    pub plan: PagePlan,
}

/// What a column's cells need, in units.
#[derive(Debug, Clone, Copy, Default)]
struct ColumnNeed {
    /// The widest text that stays on one line (codes, amounts, short labels).
    fixed: f64,
    /// The widest text that may wrap (names).
    text: f64,
    /// The narrowest width that keeps its one-column headers on `MAX_HEADER_LINES` lines.
    header: f64,
}

impl ColumnNeed {
    /// The width below which the column's fixed text or headers would not fit.
    fn floor(self) -> f64 {
        (self.fixed + PADDING)
            .max(self.header)
            .max(MIN_COLUMN_WIDTH)
    }

    /// The width before the table meets the page: names up to `MAX_TEXT_WIDTH`.
    fn natural(self) -> f64 {
        let text = if self.text > 0.0 {
            (self.text + PADDING).min(MAX_TEXT_WIDTH)
        } else {
            0.0
        };
        self.floor().max(text)
    }
}

/// A table that would still be cut into pages across at `paper::MIN_SCALE` (a 汇总's 表7 with
/// its 单位名称 beside 科目 and 项目名称) lets its name columns wrap further, down to
/// `MIN_WRAPPED_WIDTH`, rather than send one amount column to a page of its own.
fn narrow_to_one_page_across(widths: &mut [f64], needs: &[ColumnNeed], page: f64) {
    let fits = page * 100.0 / f64::from(paper::MIN_SCALE);
    let total: f64 = widths.iter().map(|w| column_points(*w)).sum();
    if total <= fits {
        return;
    }
    let floors: Vec<f64> = needs
        .iter()
        .zip(widths.iter())
        .map(|(n, w)| {
            if n.text > 0.0 {
                n.floor().max(MIN_WRAPPED_WIDTH).min(*w)
            } else {
                *w
            }
        })
        .collect();
    let room: f64 = widths.iter().zip(&floors).map(|(w, f)| w - f).sum();
    // Too wide even then: the table is cut across as it is, its name columns unchanged.
    if room <= 0.0 || total - room * UNIT_POINTS > fits {
        return;
    }
    let share = ((total - fits) / UNIT_POINTS / room).min(1.0);
    for (w, f) in widths.iter_mut().zip(&floors) {
        *w -= (*w - f) * share;
    }
}

/// Writes one table onto `ws`, row by row, and remembers what the column widths, the row
/// heights and the print setup need.
pub struct SheetWriter<'w> {
    ws: &'w mut Worksheet,
    styles: &'w Styles,
    scale: Scale,
    width: u16,
    title: String,
    unit_line: String,
    needs: Vec<ColumnNeed>,
    header_cells: Vec<(u32, HeaderCell<'static>)>,
    header_rows: Option<(u32, u32)>,
    /// Texts that may wrap: row, column, text.
    wrapping: Vec<(u32, u16, String)>,
    notes: Vec<(u32, String)>,
    body: Option<(u32, u32)>,
    labels: u16,
    orientation: Orientation,
    row: u32,
}

impl<'w> SheetWriter<'w> {
    /// Starts a table `width` columns wide: writes the title and the 编制部门/单位 line.
    pub fn begin(
        ws: &'w mut Worksheet,
        styles: &'w Styles,
        scale: Scale,
        width: u16,
        title: &str,
        unit: &str,
    ) -> Result<SheetWriter<'w>, XlsxError> {
        let width = width.max(2);
        let mut writer = SheetWriter {
            ws,
            styles,
            scale,
            width,
            title: title.to_string(),
            unit_line: format!("编制部门：{unit}"),
            needs: vec![ColumnNeed::default(); usize::from(width)],
            header_cells: Vec::new(),
            header_rows: None,
            wrapping: Vec::new(),
            notes: Vec::new(),
            body: None,
            labels: 0,
            orientation: Orientation::Landscape,
            row: 0,
        };
        writer.merged(0, 0, 0, width - 1, title, &styles.title)?;
        let unit_line = writer.unit_line.clone();
        writer.merged(1, 0, 1, width - 2, &unit_line, &styles.meta_left)?;
        let scale_line = format!("单位：{}", scale.label());
        writer
            .ws
            .write_string_with_format(1, width - 1, &scale_line, &styles.meta_right)?;
        let last = &mut writer.needs[usize::from(width - 1)];
        last.fixed = last.fixed.max(units(&scale_line, BODY_SIZE));
        writer.row = 2;
        Ok(writer)
    }

    /// The first `columns` columns name the rows (codes and 科目): a table printed over pages
    /// across repeats them on each.
    pub fn labels(&mut self, columns: u16) {
        self.labels = columns.min(self.width);
    }

    /// Prints the table on portrait pages (narrow, long tables); landscape otherwise.
    pub fn portrait(&mut self) {
        self.orientation = Orientation::Portrait;
    }

    /// Writes `string` over the range, merging only when it spans more than one cell.
    fn merged(
        &mut self,
        first_row: u32,
        first_col: u16,
        last_row: u32,
        last_col: u16,
        string: &str,
        format: &Format,
    ) -> Result<(), XlsxError> {
        if first_row == last_row && first_col == last_col {
            self.ws
                .write_string_with_format(first_row, first_col, string, format)?;
        } else {
            self.ws
                .merge_range(first_row, first_col, last_row, last_col, string, format)?;
        }
        Ok(())
    }

    /// Writes the header band, `rows` rows high, with its merged cells.
    pub fn header(&mut self, rows: u32, cells: &[HeaderCell<'_>]) -> Result<(), XlsxError> {
        let first = self.row;
        let styles = self.styles;
        // Borders on every cell of the band, also where no header cell is placed.
        for r in first..first + rows {
            for c in 0..self.width {
                self.ws.write_blank(r, c, &styles.header)?;
            }
        }
        for cell in cells {
            let (row, col) = (first + cell.row, cell.col);
            let last_row = row + cell.rows.max(1) - 1;
            let last_col = col + cell.cols.max(1) - 1;
            self.merged(row, col, last_row, last_col, &cell.text, &styles.header)?;
            self.header_cells.push((
                first,
                HeaderCell {
                    text: Cow::Owned(cell.text.to_string()),
                    ..*cell
                },
            ));
        }
        self.header_rows = Some((first, first + rows - 1));
        self.row = first + rows;
        Ok(())
    }

    /// Writes a data row; missing cells at the end are written blank with borders.
    pub fn row(&mut self, cells: &[Cell<'_>]) -> Result<(), XlsxError> {
        self.write_row(cells, false)
    }

    /// Writes the 合计/总计 row in bold.
    pub fn total_row(&mut self, cells: &[Cell<'_>]) -> Result<(), XlsxError> {
        self.write_row(cells, true)
    }

    fn write_row(&mut self, cells: &[Cell<'_>], total: bool) -> Result<(), XlsxError> {
        let row = self.row;
        let styles = self.styles;
        let (text_format, amount_format) = if total {
            (&styles.total_text, &styles.total_amount)
        } else {
            (&styles.text, &styles.amount)
        };
        for col in 0..self.width {
            let cell = cells.get(usize::from(col)).unwrap_or(&Cell::Blank);
            let need = &mut self.needs[usize::from(col)];
            match cell {
                Cell::Text(text) => {
                    self.ws
                        .write_string_with_format(row, col, text.as_ref(), text_format)?;
                    let width = units(text, BODY_SIZE);
                    if total {
                        need.fixed = need.fixed.max(width);
                    } else {
                        need.text = need.text.max(width);
                        self.wrapping.push((row, col, text.to_string()));
                    }
                }
                Cell::Code(code) => {
                    self.ws
                        .write_string_with_format(row, col, *code, &styles.code)?;
                    need.fixed = need.fixed.max(units(code, BODY_SIZE));
                }
                Cell::Amount(money) if !money.is_zero() => {
                    let number = cell_number(*money, self.scale)?;
                    self.ws
                        .write_number_with_format(row, col, number, amount_format)?;
                    need.fixed = need
                        .fixed
                        .max(amount_width(*money, self.scale) * BODY_SIZE / 2.0 / UNIT_POINTS);
                }
                Cell::Amount(_) => {
                    self.ws.write_blank(row, col, amount_format)?;
                }
                Cell::Blank => {
                    self.ws.write_blank(row, col, text_format)?;
                }
            }
        }
        self.body = Some((self.body.map_or(row, |(first, _)| first), row));
        self.row += 1;
        Ok(())
    }

    /// Writes a note ("备注：…此表为空表。") under the table, merged over its width.
    pub fn note(&mut self, text: &str) -> Result<(), XlsxError> {
        let row = self.row;
        let styles = self.styles;
        self.merged(row, 0, row, self.width - 1, text, &styles.note)?;
        self.notes.push((row, text.to_string()));
        self.row += 1;
        Ok(())
    }

    /// The column widths: every column as wide as its widest figure and its headers need,
    /// names up to `MAX_TEXT_WIDTH`; merged headers, the 编制部门 line and the title never
    /// wrap; a table wider than the page narrows its name columns first.
    fn column_widths(&self) -> Vec<f64> {
        let mut needs = self.needs.clone();
        for (_, cell) in self.header_cells.iter().filter(|(_, c)| c.cols <= 1) {
            // Four characters or fewer stay on one line ("基本支出", never "基本支" over
            // "出"); a 科目 column's header takes two lines at most, others four.
            let most = if cell.text.chars().count() <= 4 {
                1
            } else if cell.col < self.labels {
                2
            } else {
                MAX_HEADER_LINES
            };
            let mut w = MIN_COLUMN_WIDTH;
            while lines(&cell.text, BODY_SIZE, w - PADDING) > most {
                w += 0.5;
            }
            if let Some(need) = needs.get_mut(usize::from(cell.col)) {
                need.header = need.header.max(w);
            }
        }
        let mut widths: Vec<f64> = needs.iter().map(|n| n.natural()).collect();
        let widen = |widths: &mut [f64], from: usize, to: usize, need: f64| {
            let range = from..to.min(widths.len());
            let have: f64 = widths[range.clone()].iter().sum();
            if need > have && !range.is_empty() {
                let extra = (need - have) / range.len() as f64;
                widths[range].iter_mut().for_each(|w| *w += extra);
            }
        };
        for (_, cell) in self.header_cells.iter().filter(|(_, c)| c.cols > 1) {
            let from = usize::from(cell.col);
            let need = units(&cell.text, BODY_SIZE) + PADDING;
            widen(&mut widths, from, from + usize::from(cell.cols), need);
        }
        let last = usize::from(self.width - 1);
        widen(
            &mut widths,
            0,
            last,
            units(&self.unit_line, BODY_SIZE) + PADDING,
        );
        // Name columns narrow when the table is wider than the page.
        let (page, _) = paper::printable_on(self.orientation);
        let total: f64 = widths.iter().map(|w| column_points(*w)).sum();
        if total > page {
            let floors: Vec<f64> = needs
                .iter()
                .zip(&widths)
                .map(|(n, w)| {
                    if n.text > 0.0 {
                        n.floor().max(MIN_TEXT_WIDTH).min(*w)
                    } else {
                        *w
                    }
                })
                .collect();
            let room: f64 = widths.iter().zip(&floors).map(|(w, f)| w - f).sum();
            if room > 0.0 {
                let share = ((total - page) / UNIT_POINTS / room).min(1.0);
                for (w, f) in widths.iter_mut().zip(&floors) {
                    *w -= (*w - f) * share;
                }
            }
            narrow_to_one_page_across(&mut widths, &needs, page);
        } else {
            // Room left on the page lets names longer than MAX_TEXT_WIDTH wrap less.
            let wants: Vec<f64> = needs
                .iter()
                .zip(&widths)
                .map(|(n, w)| (n.text + PADDING - w).max(0.0))
                .collect();
            let wanted: f64 = wants.iter().sum();
            if wanted > 0.0 {
                let share = ((page - total) / 5.56 / wanted).min(1.0);
                for (w, want) in widths.iter_mut().zip(&wants) {
                    *w += want * share;
                }
            }
        }
        let width = widths.len();
        widen(
            &mut widths,
            0,
            width,
            units(&self.title, TITLE_SIZE) + PADDING,
        );
        widths
    }

    /// The row heights in points: every row from the title down, as high as its wrapped text.
    fn row_heights(&self, widths: &[f64]) -> Vec<f64> {
        let mut heights = vec![LINE_HEIGHT; self.row as usize];
        if let Some(title) = heights.first_mut() {
            *title = TITLE_HEIGHT;
        }
        let span = |from: u16, cols: u16| -> f64 {
            widths
                .iter()
                .skip(usize::from(from))
                .take(usize::from(cols.max(1)))
                .sum::<f64>()
                - PADDING
        };
        for (band_first, cell) in &self.header_cells {
            let lines = lines(&cell.text, BODY_SIZE, span(cell.col, cell.cols));
            let rows = cell.rows.max(1);
            let per_row = height_of(lines) / f64::from(rows);
            let start = (band_first + cell.row) as usize;
            for h in heights.iter_mut().skip(start).take(rows as usize) {
                *h = h.max(per_row);
            }
        }
        for (row, col, text) in &self.wrapping {
            if let Some(h) = heights.get_mut(*row as usize) {
                *h = h.max(height_of(lines(text, BODY_SIZE, span(*col, 1))));
            }
        }
        for (row, text) in &self.notes {
            if let Some(h) = heights.get_mut(*row as usize) {
                *h = h.max(height_of(lines(text, BODY_SIZE, span(0, self.width))));
            }
        }
        heights
    }

    /// Sets the column widths, the row heights and the print setup.
    pub fn finish(self) -> Result<SheetLayout, XlsxError> {
        let widths = self.column_widths();
        let heights = self.row_heights(&widths);
        let plan = paper::plan(&paper::Sheet {
            widths: &widths,
            heights: &heights,
            header: self.header_rows,
            body: self.body,
            labels: self.labels,
            orientation: self.orientation,
        });
        let ws = self.ws;
        for (col, width) in widths.iter().enumerate() {
            ws.set_column_width(col as u16, *width)?;
        }
        for (row, height) in heights.iter().enumerate() {
            ws.set_row_height(row as u32, *height)?;
        }
        match self.orientation {
            Orientation::Landscape => ws.set_landscape(),
            Orientation::Portrait => ws.set_portrait(),
        };
        ws.set_paper_size(PAPER_A4);
        ws.set_margins(
            paper::MARGIN_SIDE,
            paper::MARGIN_SIDE,
            paper::MARGIN_TOP_BOTTOM,
            paper::MARGIN_TOP_BOTTOM,
            paper::MARGIN_HEADER_FOOTER,
            paper::MARGIN_HEADER_FOOTER,
        );
        ws.set_print_center_horizontally(true);
        ws.set_print_scale(plan.scale);
        if !plan.row_breaks.is_empty() {
            ws.set_page_breaks(&plan.row_breaks)?;
        }
        if !plan.column_breaks.is_empty() {
            let columns: Vec<u32> = plan.column_breaks.iter().map(|c| u32::from(*c)).collect();
            ws.set_vertical_page_breaks(&columns)?;
        }
        if let Some((first, last)) = self.header_rows {
            ws.set_repeat_rows(first, last)?;
            ws.set_freeze_panes(last + 1, 0)?;
        }
        if self.labels > 0 {
            ws.set_repeat_columns(0, self.labels - 1)?;
        }
        Ok(SheetLayout {
            header: self.header_rows,
            body: self.body,
            labels: self.labels,
            orientation: self.orientation,
            widths,
            plan,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_characters_count_twice() {
        assert_eq!(text_width("201"), 3.0);
        assert_eq!(text_width("行政运行"), 8.0);
        assert_eq!(text_width("“三公”"), 8.0);
    }

    #[test]
    fn text_wraps_character_by_character() {
        // Eight 11-point characters take 8 × 2.1 units.
        assert_eq!(lines("一般公共服务支出", BODY_SIZE, 20.0), 1);
        assert_eq!(lines("一般公共服务支出", BODY_SIZE, 16.0), 2);
        assert_eq!(lines("预算数", BODY_SIZE, units("预算数", BODY_SIZE)), 1);
        assert_eq!(lines("对企业补助（基本建设）", BODY_SIZE, 6.3), 4);
        assert_eq!(height_of(1), LINE_HEIGHT);
        assert_eq!(height_of(3), 3.0 * WRAPPED_LINE_HEIGHT);
    }

    #[test]
    fn cell_numbers_are_the_nearest_double_of_the_rounded_decimal() {
        let m = Money::from_fen(842_070_000);
        assert_eq!(cell_number(m, Scale::Wanyuan).unwrap(), 842.07);
        // 0.005 万元 (50 元) rounds half away from zero to 0.01.
        assert_eq!(
            cell_number(Money::from_fen(5_000), Scale::Wanyuan).unwrap(),
            0.01
        );
        assert_eq!(
            cell_number(Money::from_fen(-5_000), Scale::Wanyuan).unwrap(),
            -0.01
        );
        assert_eq!(
            cell_number(Money::from_fen(123_456), Scale::Yuan).unwrap(),
            1234.56
        );
        // Two-decimal amounts up to two billion 万元 land on the double their text parses to.
        for fen in (0..2_000_000_000_000_000i64).step_by(99_990_001_237) {
            let m = Money::from_fen(fen);
            let text = m.rounded(Scale::Wanyuan, 2).to_string();
            assert_eq!(
                cell_number(m, Scale::Wanyuan).unwrap(),
                text.parse::<f64>().unwrap()
            );
        }
    }

    #[test]
    fn amount_widths_count_separators_and_decimals() {
        assert_eq!(
            amount_width(Money::from_fen(842_070_000), Scale::Wanyuan),
            6.0
        );
        assert_eq!(
            amount_width(Money::from_fen(19_013_400_000), Scale::Wanyuan),
            9.0
        );
        assert_eq!(
            amount_width(Money::from_fen(-2_500_000), Scale::Wanyuan),
            5.0
        );
        assert_eq!(
            amount_width(Money::from_fen(1_234_567_800), Scale::Yuan),
            13.0
        );
    }
}
