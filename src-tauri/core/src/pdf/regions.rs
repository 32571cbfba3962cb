//! The rows of a whole document → table regions (from a table's title to the next title, over
//! as many pages as the table runs) and prose. Each region becomes one `SheetGrid`, every cell
//! remembering the page and position it was printed at.

use std::collections::HashMap;

use crate::tables::TableId;
use crate::text::fold_label;
use crate::xlsx::{classify_title, is_total_label, CellValue, Merge, SheetGrid};

use super::columns::{
    data_columns, is_data_row, is_number, numeric_columns, place_data, place_header, place_ruled,
    ruled_columns, Column, Placed,
};
use super::lines::Row;
use super::wrapped::{join_wrapped, join_wrapped_body};

/// Where a cell of a region's grid was printed.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// 1-based page.
    pub page: u32,
    /// Left edge and baseline, points from the page's top-left corner.
    pub x: f64,
    /// Baseline.
    pub y: f64,
}

/// A table region read into a grid.
#[derive(Debug, Clone)]
pub struct Region {
    pub grid: SheetGrid,
    /// (row, column) of the grid → where it was printed.
    pub places: HashMap<(u32, u32), Place>,
    pub first_page: u32,
}

/// A line of prose with its page, and its left edge and baseline (points from the page's
/// top-left corner).
#[derive(Debug, Clone, PartialEq)]
pub struct ProseLine {
    /// 1-based page.
    pub page: u32,
    /// The line's text, its segments joined without spaces.
    pub text: String,
    /// Left edge of the first segment.
    pub x: f64,
    /// Baseline.
    pub y: f64,
}

impl ProseLine {
    fn of(row: &Row) -> ProseLine {
        ProseLine {
            page: row.page,
            text: row.joined(),
            x: row.segments.first().map_or(0.0, |s| s.x0),
            y: row.y,
        }
    }
}

/// The document's tables and its prose.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub regions: Vec<Region>,
    pub prose: Vec<ProseLine>,
}

/// A page number or running footer ("- 3 -", "第 3 页", "3"): not content.
fn is_page_furniture(row: &Row) -> bool {
    let text = fold_label(&row.joined());
    let bare = text.trim_matches(|c: char| matches!(c, '-' | '—' | '–' | ' '));
    (row.segments.len() <= 2
        && !bare.is_empty()
        && bare.len() <= 4
        && bare.chars().all(|c| c.is_ascii_digit()))
        || (text.starts_with('第') && text.contains('页') && text.chars().count() <= 12)
}

/// The table a row announces, when the row is a table's title: one or two segments whose text
/// names a standard table.
fn title_of(row: &Row) -> Option<TableId> {
    if row.segments.len() > 3 {
        return None;
    }
    let joined = row.joined();
    // a note under a table names the table too ("说明：…没有政府性基金预算财政拨款收入和支出，故本表")
    if joined.chars().count() > 60 || is_enumerated(&joined) || is_note(&joined) {
        return None;
    }
    classify_title(&joined)
}

/// "九、国有资本经营预算…决算表": an item of the 目录 or a heading of the prose, not the
/// title over a table.
fn is_enumerated(text: &str) -> bool {
    let t = text.trim_start();
    let numeral = t
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .count();
    numeral > 0 && t.chars().nth(numeral) == Some('、')
}

fn is_meta(text: &str) -> bool {
    let f = fold_label(text);
    f.starts_with("编制部门")
        || f.starts_with("编制单位")
        || f.starts_with("单位:")
        || f.starts_with("金额单位")
        || f.starts_with("部门:")
        || f.starts_with("单位名称")
        || f.starts_with("表")
        || f.starts_with("附表")
        || f.starts_with("公开")
        || (f.starts_with('(') && f.ends_with(')') && f.contains('年'))
}

fn is_note(text: &str) -> bool {
    let f = fold_label(text);
    f.starts_with("注") || f.starts_with("备注") || f.starts_with("说明") || f.contains("空表")
}

/// Splits the rows of all pages into table regions and prose.
pub fn split(rows: Vec<Row>) -> Layout {
    let rows: Vec<Row> = rows.into_iter().filter(|r| !is_page_furniture(r)).collect();
    let mut layout = Layout::default();
    let mut i = 0;
    while i < rows.len() {
        let Some(id) = title_of(&rows[i]) else {
            layout.prose.push(ProseLine::of(&rows[i]));
            i += 1;
            continue;
        };
        let end = region_end(&rows, i, id);
        if !rows[i + 1..end].iter().any(|r| r.segments.len() >= 2) {
            // a title with no table under it: a line of the 目录, or a heading in the prose
            layout.prose.extend(rows[i..end].iter().map(ProseLine::of));
            i = end;
            continue;
        }
        let region_rows: Vec<&Row> = rows[i..end].iter().collect();
        let grid_name = format!("第{}页", rows[i].page);
        layout.regions.push(build(grid_name, &region_rows));
        i = end;
    }
    // One name per grid: a second table on a page is "第3页（2）".
    let mut seen: HashMap<String, u32> = HashMap::new();
    for region in &mut layout.regions {
        let n = seen.entry(region.grid.name.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            region.grid.name = format!("{}（{}）", region.grid.name, n);
        }
    }
    layout
}

/// One past the last row of the region whose title is `rows[start]`: the next title, or the
/// end of a page after which the table does not go on, or prose after the table.
fn region_end(rows: &[Row], start: usize, id: TableId) -> usize {
    let mut seen_data = false;
    let mut widest_data = 0usize;
    let mut i = start + 1;
    while i < rows.len() {
        let row = &rows[i];
        if row.page != rows[i - 1].page {
            // A new page goes on with the table when it starts with its header again or with
            // its data (or repeats its title, "（续）").
            let next = &rows[i];
            let repeats_title = title_of(next) == Some(id);
            let goes_on = repeats_title
                || (seen_data && is_data_row(next) && next.segments.len() >= 2)
                || (seen_data && starts_with_header(rows, start, i));
            if !goes_on {
                return i;
            }
            if repeats_title {
                i += 1;
                continue;
            }
        }
        if title_of(row).is_some() {
            return i;
        }
        if is_data_row(row) {
            seen_data = true;
            widest_data = widest_data.max(row.segments.len());
        } else if seen_data
            && row.segments.len() == 1
            && !is_note(&row.segments[0].text)
            && row.segments[0].text.chars().count() > 40
        {
            // a paragraph after the table
            return i;
        }
        i += 1;
    }
    rows.len()
}

/// Whether the page starting at `rows[at]` begins with a row of the header printed under the
/// title at `rows[start]`.
fn starts_with_header(rows: &[Row], start: usize, at: usize) -> bool {
    let first = fold_label(&rows[at].joined());
    rows[start + 1..at]
        .iter()
        .take_while(|r| !is_data_row(r))
        .any(|r| fold_label(&r.joined()) == first)
}

/// Lays a region's rows out as a grid: the title and the meta lines in the first column, the
/// header and the data in the columns the data rows define.
fn build(name: String, rows: &[&Row]) -> Region {
    let first_page = rows.first().map_or(1, |r| r.page);
    let kept = without_repeated_page_heads(rows);
    let first_data = first_data_row(&kept);
    let header_start = header_start(&kept, first_data);
    let first_data = with_wrapped_first_name(&kept, header_start, first_data);
    let body = join_wrapped_body(kept[first_data..].iter().map(|r| (*r).clone()).collect());
    let data_rows: Vec<&Row> = body.iter().filter(|r| !is_note_line(r)).collect();
    let columns = data_columns(&data_rows);
    let header_rows = join_wrapped(&kept[header_start..first_data], &columns);
    let header: Vec<&Row> = header_rows.iter().collect();
    let layout = lay_out_columns(&header, &data_rows, columns);
    let last_col = layout.columns.len().saturating_sub(1) as u32;
    let mut grid = GridCells::default();
    let mut top = grid.put_title_and_meta(&kept[..header_start], last_col);
    top += grid.put_header(&header, &layout.header_places, top);
    grid.put_data(&body, top, &layout);
    Region {
        grid: SheetGrid::from_cells(name, grid.cells, grid.merges),
        places: grid.places,
        first_page,
    }
}

/// The rows of a region to lay out: on a continuation page, the repeated title, meta lines and
/// header rows are left out.
fn without_repeated_page_heads<'r>(rows: &[&'r Row]) -> Vec<&'r Row> {
    let title_page = rows.first().map_or(1, |r| r.page);
    let first_data = rows.iter().position(|r| is_data_row(r));
    let header_texts: Vec<String> = rows[1..first_data.unwrap_or(rows.len()).max(1)]
        .iter()
        .map(|r| fold_label(&r.joined()))
        .collect();
    let mut kept: Vec<&Row> = Vec::new();
    let mut current_page = title_page;
    let mut in_page_head = false;
    for (i, row) in rows.iter().enumerate() {
        if row.page != current_page {
            current_page = row.page;
            in_page_head = true;
        }
        if i > 0 && in_page_head && row.page != title_page {
            let text = fold_label(&row.joined());
            let repeated = header_texts.contains(&text)
                || title_of(row).is_some()
                || row.segments.iter().all(|s| is_meta(&s.text));
            if repeated {
                continue;
            }
            in_page_head = false;
        }
        kept.push(*row);
    }
    kept
}

/// Where the header ends: at the first row with amounts, or at a note under an empty table.
fn first_data_row(kept: &[&Row]) -> usize {
    kept.iter()
        .enumerate()
        .position(|(i, r)| {
            let note = |r: &Row| r.segments.first().is_some_and(|s| is_note(&s.text));
            // a 合计 row of an empty table (nothing but 合计, then the notes or the end) is
            // its first row of data, as a workbook reads it
            let total_row = !r.segments.is_empty()
                && r.segments
                    .iter()
                    .all(|s| is_total_label(&fold_label(&s.text)))
                && kept.get(i + 1).is_none_or(|n| note(n) || is_data_row(n));
            is_data_row(r) || (i > 0 && (note(r) || total_row))
        })
        .unwrap_or(kept.len())
}

/// Where the header starts: after the title and the meta lines above it (编制部门, 单位, 表N).
fn header_start(kept: &[&Row], first_data: usize) -> usize {
    (1..first_data)
        .find(|&i| !kept[i].segments.iter().all(|s| is_meta(&s.text)))
        .unwrap_or(first_data)
}

/// The first line of a name wrapped around the first row of data is printed above it, where
/// the header ends: it goes with the body when a line at the same distance below that row
/// continues it. Returns the first row of the body with such lines moved into it.
fn with_wrapped_first_name(kept: &[&Row], header_start: usize, first_data: usize) -> usize {
    let mut first_data = first_data;
    let Some(anchor) = kept.get(first_data) else {
        return first_data;
    };
    let size = anchor.size().max(1.0);
    while first_data > header_start + 1 {
        let above = kept[first_data - 1];
        let d = anchor.y - above.y;
        let partner = kept[first_data..].iter().any(|r| {
            !is_data_row(r)
                && ((r.y - anchor.y) - d).abs() <= 0.2 * size
                && r.segments
                    .iter()
                    .any(|q| above.segments.iter().any(|p| (p.x0 - q.x0).abs() < size))
        });
        let ruled = above.borders.len() >= 2;
        if ruled || is_data_row(above) || d > 1.6 * size || d <= 0.0 || !partner {
            break;
        }
        first_data -= 1;
    }
    first_data
}

/// A note printed alone on its line under the table ("注：…", "说明：…").
fn is_note_line(row: &Row) -> bool {
    row.segments.len() == 1 && is_note(&row.segments[0].text)
}

/// A region's columns and where each header segment goes.
struct ColumnLayout {
    columns: Vec<Column>,
    /// The x of the cell borders, when the table is ruled.
    ruled: Option<Vec<f64>>,
    /// Per header row, each segment's place.
    header_places: Vec<Vec<Placed>>,
}

/// The columns between the rulings when the table is ruled; else the columns of the data
/// (`columns`) with those only the header names added.
fn lay_out_columns(header: &[&Row], data: &[&Row], mut columns: Vec<Column>) -> ColumnLayout {
    let all_rows: Vec<&Row> = header.iter().chain(data.iter()).copied().collect();
    let ruled = ruled_columns(data, &all_rows);
    let header_places = match &ruled {
        Some(xs) => header.iter().map(|r| place_ruled(xs, r)).collect(),
        None => {
            let mut numeric = numeric_columns(&columns, data);
            place_header(header, &mut columns, &mut numeric)
        }
    };
    if let Some(xs) = &ruled {
        columns = xs
            .windows(2)
            .map(|w| Column { x0: w[0], x1: w[1] })
            .collect();
    }
    ColumnLayout {
        columns,
        ruled,
        header_places,
    }
}

/// The cells of a region's grid as they are laid out, each with where it was printed.
#[derive(Default)]
struct GridCells {
    cells: Vec<(u32, u32, CellValue)>,
    merges: Vec<Merge>,
    places: HashMap<(u32, u32), Place>,
}

impl GridCells {
    fn put(&mut self, r: u32, c: u32, text: &str, row: &Row, x: f64) {
        self.cells.push((r, c, CellValue::Text(text.to_string())));
        self.places.insert(
            (r, c),
            Place {
                page: row.page,
                x,
                y: row.y,
            },
        );
    }

    /// The title and meta lines from the grid's first row: the first segment in column 0, the
    /// others at the right. Returns the number of rows written.
    fn put_title_and_meta(&mut self, rows: &[&Row], last_col: u32) -> u32 {
        for (r, row) in (0u32..).zip(rows) {
            if r == 0 || row.segments.len() == 1 {
                let x = row.segments.first().map_or(0.0, |s| s.x0);
                self.put(r, 0, &row.joined(), row, x);
            } else {
                for (k, s) in row.segments.iter().enumerate() {
                    let c = if k == 0 { 0 } else { last_col.max(k as u32) };
                    self.put(r, c, &s.text, row, s.x0);
                }
            }
        }
        rows.len() as u32
    }

    /// Header cells by level from grid row `top`: a leaf (nothing under it) on the last header
    /// row, a heading over other cells a row above the highest of them, as the merged cells of
    /// the workbook were. Returns the number of header rows written.
    fn put_header(&mut self, header: &[&Row], places: &[Vec<Placed>], top: u32) -> u32 {
        let header_cells = header_levels(header, places);
        let levels = header_cells.iter().map(|h| h.level + 1).max().unwrap_or(0);
        for h in &header_cells {
            let r = top + (levels - 1 - h.level) as u32;
            self.put(r, h.placed.first as u32, &h.text, header[h.row], h.x);
            if h.placed.last > h.placed.first {
                self.merges.push(Merge {
                    first_row: r,
                    first_col: h.placed.first as u32,
                    last_row: r,
                    last_col: h.placed.last as u32,
                });
            }
        }
        levels as u32
    }

    /// The body from grid row `top`, one grid row per printed row; a note in the first column.
    fn put_data(&mut self, body: &[Row], top: u32, layout: &ColumnLayout) {
        for (r, row) in (top..).zip(body) {
            let placed: Vec<Placed> = if is_note_line(row) {
                vec![Placed { first: 0, last: 0 }]
            } else {
                match &layout.ruled {
                    Some(xs) => place_ruled(xs, row),
                    None => place_data(&layout.columns, row),
                }
            };
            // Two text segments in one cell (a name printed in two runs) are joined.
            let mut by_col: Vec<(Placed, String, f64)> = Vec::new();
            for (s, p) in row.segments.iter().zip(placed) {
                match by_col.last_mut() {
                    Some((q, text, _)) if q.first == p.first && !is_number(&s.text) => {
                        text.push_str(&s.text);
                        q.last = q.last.max(p.last);
                    }
                    _ => by_col.push((p, s.text.clone(), s.x0)),
                }
            }
            for (p, text, x) in by_col {
                self.put(r, p.first as u32, &text, row, x);
            }
        }
    }
}

/// A header cell with its level counted from the bottom: 0 for a column's own name, one more
/// than the highest cell under it for a heading over several.
struct HeaderCell {
    row: usize,
    placed: Placed,
    text: String,
    x: f64,
    level: usize,
}

fn header_levels(rows: &[&Row], places: &[Vec<Placed>]) -> Vec<HeaderCell> {
    let mut cells: Vec<(f64, HeaderCell)> = Vec::new();
    for (ri, (row, placed)) in rows.iter().zip(places).enumerate() {
        let mut by_col: Vec<HeaderCell> = Vec::new();
        for (s, p) in row.segments.iter().zip(placed) {
            match by_col.last_mut() {
                Some(h) if h.placed.first == p.first => {
                    h.text.push_str(&s.text);
                    h.placed.last = h.placed.last.max(p.last);
                }
                _ => by_col.push(HeaderCell {
                    row: ri,
                    placed: *p,
                    text: s.text.clone(),
                    x: s.x0,
                    level: 0,
                }),
            }
        }
        cells.extend(by_col.into_iter().map(|h| (row.y, h)));
    }
    // bottom-up: a cell's level is one more than the highest cell below it in its columns
    cells.sort_by(|a, b| b.0.total_cmp(&a.0));
    for i in 0..cells.len() {
        let (y, span) = (cells[i].0, cells[i].1.placed);
        let below = cells[..i]
            .iter()
            .filter(|(yb, h)| {
                *yb > y + 0.5 && h.placed.first <= span.last && span.first <= h.placed.last
            })
            .map(|(_, h)| h.level + 1)
            .max()
            .unwrap_or(0);
        cells[i].1.level = below;
    }
    cells.into_iter().map(|(_, h)| h).collect()
}
