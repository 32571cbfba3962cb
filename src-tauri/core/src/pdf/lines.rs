//! Positioned characters → rows (by baseline) → segments (runs of characters without a wide
//! gap, which is what one cell of a printed table becomes).

use super::glyphs::{Glyph, PageText};

/// A run of characters on one baseline: one cell's text, or a line of prose.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// The characters joined, without the gaps between them.
    pub text: String,
    /// Left edge of the first character, points from the left of the page.
    pub x0: f64,
    /// Right edge of the rightmost character.
    pub x1: f64,
    /// The largest character size in the run, points.
    pub size: f64,
}

/// One printed line of a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based page number.
    pub page: u32,
    /// Baseline, points from the top of the page.
    pub y: f64,
    /// The runs of the line, left to right.
    pub segments: Vec<Segment>,
    /// x of the cell borders (vertical rulings) the line crosses, left to right.
    pub borders: Vec<f64>,
}

impl Row {
    /// The row's text with its segments joined by one space.
    pub fn text(&self) -> String {
        self.segments
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The row's text with nothing between segments.
    pub fn joined(&self) -> String {
        self.segments.iter().map(|s| s.text.as_str()).collect()
    }

    /// The largest character size in the row (0 for a row without segments), points.
    pub fn size(&self) -> f64 {
        self.segments.iter().map(|s| s.size).fold(0.0, f64::max)
    }
}

/// Characters further apart than this many character heights start a new segment. Cells of a
/// printed table are separated by at least a cell's padding on both sides (≈ 1 em); letters
/// spaced out for looks ("编 制 部 门") by less.
const SEGMENT_GAP: f64 = 0.9;

/// Baselines closer than this many character heights are one row.
const SAME_BASELINE: f64 = 0.35;

/// The rows of a page, top to bottom.
pub fn page_rows(page: &PageText) -> Vec<Row> {
    let mut glyphs: Vec<&Glyph> = page.glyphs.iter().collect();
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<(f64, Vec<&Glyph>)> = Vec::new();
    for g in glyphs {
        match rows.last_mut() {
            Some((y, members)) if (g.y - *y).abs() <= SAME_BASELINE * g.size.max(1.0) => {
                members.push(g)
            }
            _ => rows.push((g.y, vec![g])),
        }
    }
    rows.into_iter()
        .map(|(y, mut members)| {
            members.sort_by(|a, b| a.x.total_cmp(&b.x));
            // the cell borders this line crosses
            let size = members.iter().map(|g| g.size).fold(0.0, f64::max);
            let mid = y - 0.35 * size;
            let mut borders: Vec<f64> = page
                .rulings
                .iter()
                .filter(|r| r.top <= mid && r.bottom >= mid)
                .map(|r| r.x)
                .collect();
            borders.sort_by(f64::total_cmp);
            borders.dedup_by(|a, b| (*a - *b).abs() < 1.5);
            Row {
                page: page.number,
                y,
                segments: segments(&members, &borders),
                borders,
            }
        })
        .collect()
}

/// Cuts a line into segments: at every cell border it crosses when it crosses at least two
/// (a ruled table), else at gaps.
fn segments(glyphs: &[&Glyph], borders: &[f64]) -> Vec<Segment> {
    let ruled = borders.len() >= 2;
    let mut out: Vec<Segment> = Vec::new();
    let mut last: Option<&Glyph> = None;
    for g in glyphs {
        if let Some(prev) = last {
            // The same character drawn twice at one place (fake bold) is one character.
            if prev.text == g.text && (g.x - prev.x).abs() < 0.2 * g.size {
                continue;
            }
        }
        let gap = last.map(|p| g.x - p.right);
        match (out.last_mut(), gap) {
            (Some(seg), Some(gap))
                if (ruled && !crosses(borders, seg, g) && gap <= RULED_GAP * g.size)
                    || (!ruled && continues(seg, g, gap, prev_size(last))) =>
            {
                seg.text.push_str(&g.text);
                seg.x1 = seg.x1.max(g.right);
                seg.size = seg.size.max(g.size);
            }
            _ => out.push(Segment {
                text: g.text.clone(),
                x0: g.x,
                x1: g.right,
                size: g.size,
            }),
        }
        last = Some(g);
    }
    out
}

/// Whether `g`, `gap` points after the segment so far, belongs to it. A wide gap always
/// separates; a narrower one separates a code from its name ("06" | "机关事业单位…") and two
/// amounts printed in adjacent narrow columns ("293,810,000.00" | "293,810,000.00").
fn continues(seg: &Segment, g: &Glyph, gap: f64, prev_size: f64) -> bool {
    let em = g.size.max(prev_size).max(1.0);
    if gap > SEGMENT_GAP * em {
        return false;
    }
    let first = g.text.chars().next().unwrap_or(' ');
    // An amount ends at its two decimals, however close the next cell's text is printed
    // ("371,514,655.00" | "一、一般公共服务支出"); a unit or a bracket may follow in prose.
    let unit_follows = matches!(
        first,
        '万' | '元' | '%' | '）' | ')' | '，' | '。' | '、' | '；'
    );
    if ends_with_cents(&seg.text) && !unit_follows {
        return false;
    }
    // So does an amount in whole 元 with its 千分位 ("156,211,123" | "一、一般公共服务支出").
    if seg.text.contains(',')
        && seg
            .text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-'))
        && !first.is_ascii_digit()
        && !matches!(first, ',' | '.')
        && !unit_follows
    {
        return false;
    }
    if gap <= NARROW_GAP * em {
        return true;
    }
    let last = seg.text.chars().last().unwrap_or(' ');
    let digitish = |c: char| c.is_ascii_digit() || matches!(c, '-' | '.' | ',');
    if digitish(last) != digitish(first) {
        return false;
    }
    true
}

/// Gaps up to this many character heights never separate (letter spacing, a space).
const NARROW_GAP: f64 = 0.3;

/// "1,234.56": an amount printed with its two decimals, after which a digit starts another.
fn ends_with_cents(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 4
        && b[b.len() - 3] == b'.'
        && b[b.len() - 2].is_ascii_digit()
        && b[b.len() - 1].is_ascii_digit()
}

/// In a ruled table a cell's text is one segment however it is spaced, up to this gap.
const RULED_GAP: f64 = 3.0;

/// Whether a border lies between the segment so far and the glyph.
fn crosses(borders: &[f64], seg: &Segment, g: &Glyph) -> bool {
    let left = seg.x1.min(g.x) - 0.5;
    let right = g.x + 0.5;
    borders
        .iter()
        .any(|&x| x > left && x < right && x > seg.x0 + 0.5)
}

fn prev_size(last: Option<&Glyph>) -> f64 {
    last.map_or(0.0, |g| g.size)
}
