//! Cells whose text wraps onto several lines: header cells ("一般公共" / "预算"), long names in
//! the body printed half a line above and below their row's amounts, and notes under a table.

use super::columns::{is_data_row, is_number, overlaps, shrunk, Column};
use super::lines::{Row, Segment};

/// Whether two extents overlap by at least half of the narrower one.
fn same_place(a: (f64, f64), b: (f64, f64)) -> bool {
    let overlap = a.1.min(b.1) - a.0.max(b.0);
    let narrower = (a.1 - a.0).min(b.1 - b.0).max(0.5);
    overlap >= 0.5 * narrower
}

/// Header cells whose text wraps onto two or three lines ("一般公共" / "预算") become one text:
/// a segment printed within `WRAP_PITCH` character heights under a segment at the same place
/// continues it, unless the one above heads several columns ("功能分类科目编码" over 类 款 项).
/// The joined text stays on the lower line; rows left without segments are dropped.
pub fn join_wrapped(rows: &[&Row], columns: &[Column]) -> Vec<Row> {
    let mut out: Vec<Row> = rows.iter().map(|r| (*r).clone()).collect();
    for i in 1..out.len() {
        let y = out[i].y;
        for k in 0..out[i].segments.len() {
            let s = out[i].segments[k].clone();
            let s_cell = cell_edges(&out[i], &s);
            let mut found: Option<(usize, usize)> = None;
            'rows: for j in (0..i).rev() {
                if y - out[j].y > WRAP_PITCH * s.size {
                    break;
                }
                for (m, p) in out[j].segments.iter().enumerate() {
                    let spans = columns
                        .iter()
                        .filter(|c| overlaps(shrunk(p), (c.x0, c.x1)))
                        .count();
                    // a wrapped header cell: short lines, three at most
                    let short = p.text.chars().count() <= 12 && s.text.chars().count() <= 12;
                    // in a ruled table both lines lie between the same two borders
                    let same_cell = match (s_cell, cell_edges(&out[j], p)) {
                        (Some(a), Some(b)) => (a.0 - b.0).abs() < 1.5 && (a.1 - b.1).abs() < 1.5,
                        _ => true,
                    };
                    if same_place((p.x0, p.x1), (s.x0, s.x1))
                        && short
                        && same_cell
                        && spans <= 1
                        && !is_number(&p.text)
                        && !is_number(&s.text)
                    {
                        found = Some((j, m));
                        break 'rows;
                    }
                }
            }
            if let Some((j, m)) = found {
                let p = out[j].segments.remove(m);
                let s = &mut out[i].segments[k];
                s.text = format!("{}{}", p.text, s.text);
                s.x0 = s.x0.min(p.x0);
                s.x1 = s.x1.max(p.x1);
            }
        }
    }
    out.retain(|r| !r.segments.is_empty());
    out
}

/// The borders left and right of a segment on a ruled row.
fn cell_edges(row: &Row, s: &Segment) -> Option<(f64, f64)> {
    if row.borders.len() < 2 {
        return None;
    }
    let left = row.borders.iter().copied().rfind(|b| *b <= s.x0 + 0.75)?;
    let right = row.borders.iter().copied().find(|b| *b >= s.x1 - 0.75)?;
    Some((left, right))
}

/// Lines of one wrapped cell are this many character heights apart at most (LibreOffice and
/// Excel print them 1.2–1.5 apart; header rows of their own are further).
const WRAP_PITCH: f64 = 1.6;

/// In the body of a table, a cell whose text wraps (a long project name) prints its lines
/// above and below the line that holds the row's amounts, half a line away. Such text-only
/// lines, within `BODY_WRAP` character heights of a line with amounts, join that line: each
/// piece with the piece at the same place, in reading order.
pub fn join_wrapped_body(rows: Vec<Row>) -> Vec<Row> {
    let rows = join_note_lines(rows);
    let anchors: Vec<usize> = (0..rows.len()).filter(|&i| is_data_row(&rows[i])).collect();
    let mut attach: Vec<Option<usize>> = vec![None; rows.len()];
    let text_only = |r: &Row| !is_data_row(r) && !r.segments.iter().any(|s| is_note_text(&s.text));
    // A cell of three lines prints one above and one below its row's line, a line away: a pair
    // of text lines at the same place and the same distance around a line with amounts.
    for &a in &anchors {
        let size = rows[a].size().max(1.0);
        // Only where no cell borders were found: in a ruled table a text line a line away
        // is a row of its own (LibreOffice's "207文化旅游体育与传媒支出" beside "208 …").
        let near = |i: usize| {
            rows[i].page == rows[a].page
                && rows[i].borders.len() < 2
                && text_only(&rows[i])
                && (rows[i].y - rows[a].y).abs() <= SYMMETRIC_WRAP * size
        };
        for u in (0..a).rev().take_while(|&u| near(u)) {
            for l in (a + 1..rows.len()).take_while(|&l| near(l)) {
                let (du, dl) = (rows[a].y - rows[u].y, rows[l].y - rows[a].y);
                let paired = (du - dl).abs() <= 0.2 * size
                    && rows[u].segments.iter().any(|p| {
                        rows[l]
                            .segments
                            .iter()
                            .any(|q| same_place((p.x0, p.x1), (q.x0, q.x1)))
                    })
                    && !rows[u]
                        .segments
                        .iter()
                        .any(|p| shorter_than_line(p, &rows[a]));
                if paired && attach[u].is_none() && attach[l].is_none() {
                    attach[u] = Some(a);
                    attach[l] = Some(a);
                }
            }
        }
    }
    for i in 0..rows.len() {
        if !text_only(&rows[i]) || attach[i].is_some() {
            continue;
        }
        let size = rows[i].size().max(1.0);
        if let Some(a) = top_aligned_owner(&rows, &anchors, i) {
            attach[i] = Some(a);
            continue;
        }
        let nearest = anchors
            .iter()
            .copied()
            .filter(|&a| rows[a].page == rows[i].page)
            .min_by(|&a, &b| {
                (rows[a].y - rows[i].y)
                    .abs()
                    .total_cmp(&(rows[b].y - rows[i].y).abs())
            });
        if let Some(a) = nearest.filter(|&a| (rows[a].y - rows[i].y).abs() <= BODY_WRAP * size) {
            attach[i] = Some(a);
        }
    }
    let mut pieces: Vec<Vec<(f64, Segment)>> = vec![Vec::new(); rows.len()];
    for (i, row) in rows.iter().enumerate() {
        let to = attach[i].unwrap_or(i);
        pieces[to].extend(row.segments.iter().map(|s| (row.y, s.clone())));
    }
    rows.into_iter()
        .enumerate()
        .filter(|(i, _)| attach[*i].is_none())
        .map(|(i, mut row)| {
            let mut mine = std::mem::take(&mut pieces[i]);
            mine.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.x0.total_cmp(&b.1.x0)));
            let mut groups: Vec<Segment> = Vec::new();
            for (_, s) in mine {
                // The lines of one cell overlap, however each is aligned ("信息网络及软件购置"
                // from 385, "更新" from 374 under it); cells of two columns never do.
                match groups.iter_mut().find(|g| {
                    g.x0.max(s.x0) < g.x1.min(s.x1) && !is_number(&g.text) && !is_number(&s.text)
                }) {
                    Some(g) => {
                        g.text.push_str(&s.text);
                        g.x0 = g.x0.min(s.x0);
                        g.x1 = g.x1.max(s.x1);
                    }
                    None => groups.push(s),
                }
            }
            groups.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            row.segments = groups;
            row
        })
        .collect()
}

/// Whether `piece` is shorter than the text `row` prints where it starts: the first line of a
/// wrapped cell is a full one, so a short line above a row's text ends the cell above it.
fn shorter_than_line(piece: &Segment, row: &Row) -> bool {
    row.segments.iter().any(|s| {
        (s.x0 - piece.x0).abs() < 1.0
            && !is_number(&s.text)
            && piece.x1 - piece.x0 < 0.8 * (s.x1 - s.x0)
    })
}

/// Word prints a wrapped cell from the top: the row's line holds the first line of the name
/// ("机关事业单位基本养老保险缴") and the rest follows a line below ("费支出"), nearer to that row
/// than to the next. Such a text-only line belongs to the data row above it when that row
/// prints text starting at the same place, at least as wide, within a line and a half.
fn top_aligned_owner(rows: &[Row], anchors: &[usize], i: usize) -> Option<usize> {
    let size = rows[i].size().max(1.0);
    let above = anchors
        .iter()
        .copied()
        .filter(|&a| a < i && rows[a].page == rows[i].page)
        .max()?;
    let below = anchors
        .iter()
        .copied()
        .find(|&a| a > i && rows[a].page == rows[i].page);
    let up = rows[i].y - rows[above].y;
    let closer_above = below.is_none_or(|b| up <= rows[b].y - rows[i].y);
    let continues = rows[i].segments.iter().all(|p| {
        rows[above]
            .segments
            .iter()
            .any(|s| (s.x0 - p.x0).abs() < 1.0 && !is_number(&s.text) && s.x1 - s.x0 >= p.x1 - p.x0)
    });
    (up <= SYMMETRIC_WRAP * size && closer_above && continues && !rows[i].segments.is_empty())
        .then_some(above)
}

/// A note under a table wraps onto lines of its own ("说明：…故本表" / "无数据。"): a single
/// segment starting where the note starts, and not a note of its own, continues it.
fn join_note_lines(rows: Vec<Row>) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::with_capacity(rows.len());
    for row in rows {
        let continues = match (out.last(), row.segments.as_slice()) {
            (Some(prev), [s]) => {
                prev.segments.len() == 1
                    && is_note_text(&prev.segments[0].text)
                    && !is_note_text(&s.text)
                    && !is_number(&s.text)
                    && prev.page == row.page
                    && (s.x0 - prev.segments[0].x0).abs() < s.size
                    && row.y - prev.y <= 2.0 * s.size
            }
            _ => false,
        };
        match out.last_mut() {
            Some(prev) if continues => {
                let note = &mut prev.segments[0];
                note.text.push_str(&row.segments[0].text);
                note.x1 = note.x1.max(row.segments[0].x1);
                prev.y = row.y;
            }
            _ => out.push(row),
        }
    }
    out
}

/// The lines above and below a row's line of a three-line cell are at most this many
/// character heights from it (a line apart: 1.2–1.4).
const SYMMETRIC_WRAP: f64 = 1.6;

/// Text lines this many character heights or less from a line with amounts are its wrapped
/// cells (half a line: ≈ 0.7); rows of their own are more than a line apart.
const BODY_WRAP: f64 = 1.0;

fn is_note_text(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('注') || t.starts_with("备注") || t.starts_with("说明") || t.contains("空表")
}
