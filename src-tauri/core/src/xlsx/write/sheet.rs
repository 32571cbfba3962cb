//! One table on one worksheet, laid out as the published tables are: a merged title, the
//! "编制部门：X … 单位：万元" line, a merged header band, bordered data rows, an optional note
//! under the table, and a print setup (A4 landscape, one page wide, header rows repeated on
//! every page). The table families only decide what goes in which cell.

use std::borrow::Cow;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

use crate::money::{Money, Scale};

/// The font of the published tables.
const FONT: &str = "宋体";
const BODY_SIZE: f64 = 11.0;
const TITLE_SIZE: f64 = 16.0;
/// Excel's paper size code for A4.
const PAPER_A4: u8 = 9;
/// Row height (points) of one line of 11-point 宋体, with the spacing Excel gives it.
const LINE_HEIGHT: f64 = 15.0;
const TITLE_HEIGHT: f64 = 30.0;
/// Column widths are in Excel's units (the width of one "0"); a CJK character takes two.
const MIN_COLUMN_WIDTH: f64 = 6.0;
const MAX_COLUMN_WIDTH: f64 = 60.0;
/// A one-column header longer than this wraps instead of widening an amount column.
const HEADER_WRAP_WIDTH: f64 = 16.0;
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
            text: bordered.clone().set_align(FormatAlign::Left),
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

/// Writes one table onto `ws`, row by row, and remembers what the column widths and the print
/// setup need.
pub struct SheetWriter<'w> {
    ws: &'w mut Worksheet,
    styles: &'w Styles,
    scale: Scale,
    width: u16,
    /// The width each column's contents need.
    widths: Vec<f64>,
    header_cells: Vec<(u32, HeaderCell<'static>)>,
    header_rows: Option<(u32, u32)>,
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
            widths: vec![MIN_COLUMN_WIDTH; usize::from(width)],
            header_cells: Vec::new(),
            header_rows: None,
            row: 0,
        };
        writer.merged(0, 0, 0, width - 1, title, &styles.title)?;
        writer.ws.set_row_height(0, TITLE_HEIGHT)?;
        let unit_line = format!("编制部门：{unit}");
        writer.merged(1, 0, 1, width - 2, &unit_line, &styles.meta_left)?;
        let scale_line = format!("单位：{}", scale.label());
        writer
            .ws
            .write_string_with_format(1, width - 1, &scale_line, &styles.meta_right)?;
        writer.row = 2;
        Ok(writer)
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
            let needed = match cell {
                Cell::Text(text) => {
                    self.ws
                        .write_string_with_format(row, col, text.as_ref(), text_format)?;
                    text_width(text)
                }
                Cell::Code(code) => {
                    self.ws
                        .write_string_with_format(row, col, *code, &styles.code)?;
                    text_width(code)
                }
                Cell::Amount(money) if !money.is_zero() => {
                    let number = cell_number(*money, self.scale)?;
                    self.ws
                        .write_number_with_format(row, col, number, amount_format)?;
                    amount_width(*money, self.scale)
                }
                Cell::Amount(_) => {
                    self.ws.write_blank(row, col, amount_format)?;
                    0.0
                }
                Cell::Blank => {
                    self.ws.write_blank(row, col, text_format)?;
                    0.0
                }
            };
            let slot = &mut self.widths[usize::from(col)];
            *slot = slot.max(needed.min(MAX_COLUMN_WIDTH));
        }
        self.row += 1;
        Ok(())
    }

    /// Writes a note ("备注：…此表为空表。") under the table, merged over its width.
    pub fn note(&mut self, text: &str) -> Result<(), XlsxError> {
        let row = self.row;
        let styles = self.styles;
        self.merged(row, 0, row, self.width - 1, text, &styles.note)?;
        let available: f64 = self.widths.iter().sum();
        let lines = (text_width(text) / available.max(1.0)).ceil().max(1.0);
        self.ws.set_row_height(row, lines * LINE_HEIGHT)?;
        self.row += 1;
        Ok(())
    }

    /// Sets the column widths, the header row heights and the print setup.
    pub fn finish(mut self) -> Result<(), XlsxError> {
        // One-column headers may wrap: they widen a column only up to HEADER_WRAP_WIDTH.
        for (_, cell) in self.header_cells.iter().filter(|(_, c)| c.cols <= 1) {
            let slot = &mut self.widths[usize::from(cell.col)];
            *slot = slot.max(text_width(&cell.text).min(HEADER_WRAP_WIDTH));
        }
        let mut widths: Vec<f64> = self.widths.iter().map(|w| w + PADDING).collect();
        // A merged header never wraps: its columns share the width it needs.
        for (_, cell) in self.header_cells.iter().filter(|(_, c)| c.cols > 1) {
            let range = usize::from(cell.col)..usize::from(cell.col + cell.cols);
            let have: f64 = widths[range.clone()].iter().sum();
            let need = text_width(&cell.text) + PADDING;
            if need > have {
                let extra = (need - have) / f64::from(cell.cols);
                widths[range].iter_mut().for_each(|w| *w += extra);
            }
        }
        for (col, width) in widths.iter().enumerate() {
            self.ws.set_column_width(col as u16, *width)?;
        }
        self.set_header_heights(&widths)?;
        let ws = &mut *self.ws;
        ws.set_landscape();
        ws.set_paper_size(PAPER_A4);
        ws.set_print_fit_to_pages(1, 0);
        ws.set_print_center_horizontally(true);
        if let Some((first, last)) = self.header_rows {
            ws.set_repeat_rows(first, last)?;
            ws.set_freeze_panes(last + 1, 0)?;
        }
        Ok(())
    }

    /// Header rows tall enough for their wrapped text: Excel does not grow rows when it opens a
    /// file, so the height is set here.
    fn set_header_heights(&mut self, widths: &[f64]) -> Result<(), XlsxError> {
        let Some((first, last)) = self.header_rows else {
            return Ok(());
        };
        let mut heights = vec![LINE_HEIGHT; (last - first + 1) as usize];
        for (band_first, cell) in &self.header_cells {
            let range = usize::from(cell.col)..usize::from(cell.col + cell.cols.max(1));
            let available: f64 = widths[range].iter().sum::<f64>() - PADDING;
            let lines = (text_width(&cell.text) / available.max(1.0))
                .ceil()
                .max(1.0);
            let per_row = lines * LINE_HEIGHT / f64::from(cell.rows.max(1));
            let start = (band_first + cell.row - first) as usize;
            for h in heights
                .iter_mut()
                .skip(start)
                .take(cell.rows.max(1) as usize)
            {
                *h = h.max(per_row);
            }
        }
        for (i, height) in heights.iter().enumerate() {
            self.ws.set_row_height(first + i as u32, *height)?;
        }
        Ok(())
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
