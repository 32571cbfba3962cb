//! How a table goes on paper: A4 landscape at a print scale that keeps the 11-point text at
//! 9 points or more, on as few pages as that allows, with the totals never alone on a page.
//!
//! The scale is written as a number, not as "fit to page": Excel and LibreOffice shrink a
//! fitted sheet as far as it takes, to any size. Here a table that fits the page at full size
//! prints at 100 %; one that does not is scaled down to fit it, as long as the scale stays at
//! `MIN_SCALE` or above; a longer table is cut into pages by manual page breaks (the header rows
//! repeat, the last page keeps some body rows with the 合计), and a table too wide even at
//! `MIN_SCALE` is cut into pages across as well, its 科目 columns repeated on each.

/// A4 in points.
const A4_LONG: f64 = 841.89;
const A4_SHORT: f64 = 595.28;

/// Left and right margin, in inches as the workbook stores margins.
pub const MARGIN_SIDE: f64 = 0.4;
/// Top and bottom margin, inches.
pub const MARGIN_TOP_BOTTOM: f64 = 0.5;
/// Header and footer margin, inches.
pub const MARGIN_HEADER_FOOTER: f64 = 0.3;

/// The smallest print scale in percent: the 11-point body text prints at 9.1 points.
pub const MIN_SCALE: u16 = 83;

/// The share of the printable area a plan fills at most, for the rounding of column widths
/// to pixels and the borders.
const SAFETY: f64 = 0.98;

/// Body rows the last page of a table keeps with its 合计 at least, besides the 合计 (fewer
/// when the table has fewer).
const KEEP_WITH_TOTAL: u32 = 3;

/// How wide a column of `units` (Excel's column width) prints, in points, at most. A unit is the
/// digit width of the workbook's default font, Calibri 11, and a column adds some padding:
/// Excel and WPS print a unit as seven pixels (5.25 points) plus five pixels; LibreOffice (with
/// Calibri or its metric twin Carlito) as the digit's true width, 5.56 points, plus about four.
/// The wider is taken.
pub fn column_points(units: f64) -> f64 {
    units * 5.56 + 4.0
}

/// Which way round the A4 sheet is printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Orientation {
    /// Wide tables: every 预算 table, most 决算 tables.
    #[default]
    Landscape,
    /// Narrow, long tables, as the 决算 template prints F1, F5 and F6.
    Portrait,
}

/// The printable area of an A4 landscape page in points: width, height.
pub fn printable() -> (f64, f64) {
    printable_on(Orientation::Landscape)
}

/// The printable area of an A4 page printed `orientation`, in points: width, height.
pub fn printable_on(orientation: Orientation) -> (f64, f64) {
    let (width, height) = match orientation {
        Orientation::Landscape => (A4_LONG, A4_SHORT),
        Orientation::Portrait => (A4_SHORT, A4_LONG),
    };
    (
        (width - 2.0 * MARGIN_SIDE * 72.0) * SAFETY,
        (height - 2.0 * MARGIN_TOP_BOTTOM * 72.0) * SAFETY,
    )
}

/// A table as the plan sees it.
#[derive(Debug, Clone)]
pub struct Sheet<'a> {
    /// Column widths in units.
    pub widths: &'a [f64],
    /// Row heights in points, every row from the title down.
    pub heights: &'a [f64],
    /// The header rows printed again at the top of every page.
    pub header: Option<(u32, u32)>,
    /// The first and the last body row (the 合计 row included; notes come after it).
    pub body: Option<(u32, u32)>,
    /// How many columns on the left (the 科目 columns) print again on every page across.
    pub labels: u16,
    /// Landscape or portrait.
    pub orientation: Orientation,
}

/// Where the pages go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PagePlan {
    /// The print scale in percent.
    pub scale: u16,
    /// The first row of each page after the first.
    pub row_breaks: Vec<u32>,
    /// The first column of each page across after the first.
    pub column_breaks: Vec<u16>,
}

impl PagePlan {
    /// True when the whole table prints on one page.
    pub fn is_one_page(&self) -> bool {
        self.row_breaks.is_empty() && self.column_breaks.is_empty()
    }
}

fn percent(fraction: f64) -> u16 {
    (fraction * 100.0).floor().clamp(10.0, 100.0) as u16
}

/// The pages of `sheet`.
pub fn plan(sheet: &Sheet<'_>) -> PagePlan {
    let (page_width, page_height) = printable_on(sheet.orientation);
    let width: f64 = sheet.widths.iter().map(|w| column_points(*w)).sum();
    let height: f64 = sheet.heights.iter().sum();
    let across = page_width / width.max(1.0);
    let down = page_height / height.max(1.0);
    let one_page = percent(across.min(down));
    if one_page >= MIN_SCALE {
        return PagePlan {
            scale: one_page,
            row_breaks: Vec::new(),
            column_breaks: Vec::new(),
        };
    }
    let scale = percent(across).max(MIN_SCALE);
    let factor = f64::from(scale) / 100.0;
    PagePlan {
        scale,
        row_breaks: row_breaks(sheet, page_height / factor),
        column_breaks: column_breaks(sheet, page_width / factor),
    }
}

/// Page breaks down the table for pages `capacity` points high (at full size): as many rows
/// as fit on each page, then the last break moved up so that the 合计 keeps body rows with it.
fn row_breaks(sheet: &Sheet<'_>, capacity: f64) -> Vec<u32> {
    let heights = sheet.heights;
    let repeated: f64 = match sheet.header {
        Some((first, last)) => heights
            .get(first as usize..=last as usize)
            .map_or(0.0, |h| h.iter().sum()),
        None => 0.0,
    };
    let header_end = sheet.header.map_or(0, |(_, last)| last + 1);
    let mut breaks = Vec::new();
    let mut used = 0.0;
    let mut start = 0u32;
    for (row, h) in heights.iter().enumerate() {
        let row = row as u32;
        if used + h > capacity && row > start && row > header_end {
            breaks.push(row);
            start = row;
            used = repeated;
        }
        used += h;
    }
    if let (Some(last), Some((first_body, last_body))) = (breaks.last().copied(), sheet.body) {
        // The 合计 row and the rows it keeps.
        let body_rows = last_body + 1 - first_body;
        let keep = (KEEP_WITH_TOTAL + 1).min(body_rows);
        let on_last_page = (last_body + 1).saturating_sub(last.max(first_body));
        if on_last_page < keep {
            let earlier = breaks.len().checked_sub(2).map_or(0, |i| breaks[i]);
            let floor = earlier.max(header_end).max(first_body) + 1;
            let mut moved = last_body + 1 - keep;
            let rest =
                |from: u32| -> f64 { repeated + heights[from as usize..].iter().sum::<f64>() };
            // Keep fewer rows rather than overflow the last page.
            while moved < last && rest(moved) > capacity {
                moved += 1;
            }
            if moved >= floor && moved < last {
                if let Some(b) = breaks.last_mut() {
                    *b = moved;
                }
            }
        }
    }
    breaks
}

/// Page breaks across the table for pages `capacity` points wide (at full size): the label
/// columns on every page, then as many columns as fit.
fn column_breaks(sheet: &Sheet<'_>, capacity: f64) -> Vec<u16> {
    let points: Vec<f64> = sheet.widths.iter().map(|w| column_points(*w)).collect();
    let labels: f64 = points.iter().take(usize::from(sheet.labels)).sum();
    let mut breaks = Vec::new();
    let mut used = labels;
    let first = usize::from(sheet.labels);
    for (col, w) in points.iter().enumerate().skip(first) {
        if used + w > capacity && col > first {
            breaks.push(col as u16);
            used = labels;
        }
        used += w;
    }
    breaks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet<'a>(widths: &'a [f64], heights: &'a [f64]) -> Sheet<'a> {
        Sheet {
            widths,
            heights,
            header: Some((2, 3)),
            body: Some((4, heights.len() as u32 - 1)),
            labels: 2,
            orientation: Orientation::Landscape,
        }
    }

    #[test]
    fn a_table_that_fits_prints_at_full_size() {
        let heights = [30.0, 15.0, 15.0, 15.0, 15.0, 15.0];
        let plan = plan(&sheet(&[10.0, 30.0, 12.0, 12.0], &heights));
        assert_eq!(plan.scale, 100);
        assert!(plan.is_one_page());
    }

    #[test]
    fn a_little_too_long_table_is_scaled_onto_one_page() {
        // 40 rows of 15 points: 600 points against 507 printable at most.
        let heights = [15.0; 40];
        let plan = plan(&sheet(&[10.0, 30.0, 12.0, 12.0], &heights));
        assert!(plan.is_one_page());
        assert!((MIN_SCALE..100).contains(&plan.scale), "{plan:?}");
    }

    #[test]
    fn a_long_table_breaks_into_pages_and_keeps_rows_with_its_total() {
        let mut heights = vec![15.0; 71];
        heights[0] = 30.0;
        let plan = plan(&sheet(&[10.0, 30.0, 12.0, 12.0], &heights));
        assert_eq!(plan.scale, 100);
        assert!(plan.column_breaks.is_empty());
        // 30 + 32 × 15 fit the first page: the second starts at row 33 with the header again.
        assert_eq!(plan.row_breaks[0], 33);
        let last = *plan.row_breaks.last().unwrap();
        assert!(last + KEEP_WITH_TOTAL < 70, "{plan:?}");
        // Without the rule the last page would hold the 合计 alone: 33 + 32 rows, then one.
        let mut orphan = vec![15.0; 33 + 32 + 1];
        orphan[0] = 30.0;
        let plan = super::plan(&sheet(&[10.0, 30.0, 12.0, 12.0], &orphan));
        let last = *plan.row_breaks.last().unwrap();
        assert_eq!(last, 65 - KEEP_WITH_TOTAL, "{plan:?}");
    }

    #[test]
    fn a_very_wide_table_prints_across_pages_with_its_labels_repeated() {
        let mut widths = vec![6.0, 30.0];
        widths.extend([10.0; 30]);
        let heights = [30.0, 15.0, 15.0, 15.0, 15.0, 15.0];
        let plan = plan(&sheet(&widths, &heights));
        assert_eq!(plan.scale, MIN_SCALE);
        assert!(!plan.column_breaks.is_empty());
        let (page, _) = printable();
        let labels = column_points(6.0) + column_points(30.0);
        let mut from = 2usize;
        for &to in plan
            .column_breaks
            .iter()
            .chain(std::iter::once(&(widths.len() as u16)))
        {
            let on_page: f64 = widths[from..usize::from(to)]
                .iter()
                .map(|w| column_points(*w))
                .sum();
            assert!(
                (labels + on_page) * f64::from(MIN_SCALE) / 100.0 <= page,
                "{from}..{to}"
            );
            from = usize::from(to);
        }
    }
}
