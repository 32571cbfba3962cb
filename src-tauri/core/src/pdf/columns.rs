//! One table region's rows → columns. Columns come from the data rows (amounts are printed in
//! their column, never across two); header cells are put above the columns they sit over, a
//! header centred over several columns becomes a merged cell over them, and a header over a
//! column without any amount (a blank 因公出国(境)费) becomes a column of its own.

use super::lines::{Row, Segment};

/// A column: the x-extent of what is printed in it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    pub x0: f64,
    pub x1: f64,
}

impl Column {
    fn center(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
}

/// Where a segment goes: its first column and, when it spans several, its last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub first: usize,
    pub last: usize,
}

/// Whether the text is an amount or a code as a table prints it: digits with `,` `.` `-`.
pub fn is_number(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '—' | '%'))
}

/// A data row holds an amount or a code.
pub fn is_data_row(row: &Row) -> bool {
    row.segments.iter().any(|s| is_number(&s.text))
}

/// How far a printed extent is trusted: glyph advances from font metrics may be off by a
/// fraction of a character, so extents are shrunk by this many character heights before they
/// are compared.
const SLACK: f64 = 0.25;

pub(super) fn shrunk(s: &Segment) -> (f64, f64) {
    let pad = SLACK * s.size;
    if s.x1 - s.x0 > 2.0 * pad {
        (s.x0 + pad, s.x1 - pad)
    } else {
        let c = (s.x0 + s.x1) / 2.0;
        (c - 0.5, c + 0.5)
    }
}

pub(super) fn overlaps(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// The columns of the data rows: extents of their segments, overlapping ones joined.
pub fn data_columns(rows: &[&Row]) -> Vec<Column> {
    let mut spans: Vec<(f64, f64)> = rows
        .iter()
        .flat_map(|r| r.segments.iter().map(shrunk))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<(f64, f64)> = Vec::new();
    for s in spans {
        match out.last_mut() {
            Some(last) if s.0 < last.1 => last.1 = last.1.max(s.1),
            _ => out.push(s),
        }
    }
    out.into_iter().map(|(x0, x1)| Column { x0, x1 }).collect()
}

/// The left and right edge of the cells of `columns[i]`: halfway to the neighbours.
fn bounds(columns: &[Column], i: usize) -> (f64, f64) {
    let left = if i == 0 {
        columns[0].x0
    } else {
        (columns[i - 1].x1 + columns[i].x0) / 2.0
    };
    let right = if i + 1 == columns.len() {
        columns[i].x1
    } else {
        (columns[i].x1 + columns[i + 1].x0) / 2.0
    };
    (left, right)
}

/// A run of consecutive columns whose cells together are centred under `center` (within
/// `tolerance`); the widest such run.
fn centred_span(columns: &[Column], center: f64, tolerance: f64) -> Option<Placed> {
    let n = columns.len();
    let mut best: Option<Placed> = None;
    for first in 0..n {
        for last in first..n {
            let span_center = (bounds(columns, first).0 + bounds(columns, last).1) / 2.0;
            if (span_center - center).abs() <= tolerance
                && best.is_none_or(|b| last - first > b.last - b.first)
            {
                best = Some(Placed { first, last });
            }
        }
    }
    best
}

/// Places the header rows (top to bottom as given) over `columns`, adding the columns that
/// only a header names. `numeric[i]` tells whether column `i` holds amounts (printed flush
/// right). Returns, per row, each segment's place.
///
/// Rows are taken from the deepest up; in each row a segment goes, in this order of trust:
/// over the columns it overlaps; as a heading centred over several columns (rows above the
/// deepest only); over the amounts its centred name is left of (amounts are flush right, a
/// name centred: "购置费" over "25"); beside the column it nearly touches; else it is a column
/// of its own, printed without any amount.
pub fn place_header(
    rows: &[&Row],
    columns: &mut Vec<Column>,
    numeric: &mut Vec<bool>,
) -> Vec<Vec<Placed>> {
    let mut placer = HeaderPlacer {
        columns,
        numeric,
        out: rows.iter().map(|r| vec![None; r.segments.len()]).collect(),
    };
    for ri in (0..rows.len()).rev() {
        placer.place_row(rows, ri);
    }
    placer
        .out
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|p| p.unwrap_or(Placed { first: 0, last: 0 }))
                .collect()
        })
        .collect()
}

/// The work of `place_header`: the columns as header-only columns are added, and every header
/// segment's place once it is decided.
struct HeaderPlacer<'a> {
    columns: &'a mut Vec<Column>,
    numeric: &'a mut Vec<bool>,
    /// Per header row, per segment.
    out: Vec<Vec<Option<Placed>>>,
}

impl HeaderPlacer<'_> {
    /// Places the segments of header row `ri`, the rows below it being placed already. Each
    /// step takes the segments the steps before could not place; `taken` holds the columns
    /// this row has claimed.
    fn place_row(&mut self, rows: &[&Row], ri: usize) {
        let row = rows[ri];
        let above = ri + 1 < rows.len();
        let mut taken: Vec<usize> = Vec::new();
        let pending = self.place_overlapping(ri, row, &mut taken);
        let rest = if above {
            self.place_centred_headings(ri, row, &mut taken, pending)
        } else {
            pending
        };
        let left = self.place_over_flush_right_amounts(ri, row, &mut taken, &rest);
        self.place_beside_or_as_new_column(ri, row, &mut taken, left);
        if above {
            self.span_budget_and_actual(rows, ri, &mut taken);
        }
        self.widen_to_names(ri, row);
    }

    /// Places the segments that overlap columns over those columns; returns the others.
    fn place_overlapping(&mut self, ri: usize, row: &Row, taken: &mut Vec<usize>) -> Vec<usize> {
        let mut pending: Vec<usize> = Vec::new();
        for (k, s) in row.segments.iter().enumerate() {
            let (x0, x1) = shrunk(s);
            let hit: Vec<usize> = (0..self.columns.len())
                .filter(|&i| overlaps((x0, x1), (self.columns[i].x0, self.columns[i].x1)))
                .collect();
            match (hit.first(), hit.last()) {
                (Some(&a), Some(&b)) => {
                    self.out[ri][k] = Some(Placed { first: a, last: b });
                    taken.extend(a..=b);
                }
                _ => pending.push(k),
            }
        }
        pending
    }

    /// Places the segments `pending` that are headings centred over free columns the rows
    /// below have named; returns the others.
    fn place_centred_headings(
        &mut self,
        ri: usize,
        row: &Row,
        taken: &mut Vec<usize>,
        pending: Vec<usize>,
    ) -> Vec<usize> {
        let mut rest: Vec<usize> = Vec::new();
        for k in pending {
            let s = &row.segments[k];
            let center = (s.x0 + s.x1) / 2.0;
            // a heading is centred over columns the rows below have named
            let named_below = |p: &Placed| {
                self.out[ri + 1..]
                    .iter()
                    .flatten()
                    .flatten()
                    .filter(|q| q.first >= p.first && q.last <= p.last)
                    .count()
                    >= 2
            };
            let group = centred_span(self.columns, center, 0.75 * s.size).filter(|p| {
                p.last > p.first
                    && !(p.first..=p.last).any(|c| taken.contains(&c))
                    && named_below(p)
            });
            match group {
                Some(p) => {
                    self.out[ri][k] = Some(p);
                    taken.extend(p.first..=p.last);
                }
                None => rest.push(k),
            }
        }
        rest
    }

    /// Places the segments `rest` that are names centred over flush-right amounts, each over
    /// the free amount column whose right edge is right of its centre; returns the others.
    fn place_over_flush_right_amounts(
        &mut self,
        ri: usize,
        row: &Row,
        taken: &mut Vec<usize>,
        rest: &[usize],
    ) -> Vec<usize> {
        let mut wants: Vec<(usize, usize)> = Vec::new();
        for &k in rest {
            let s = &row.segments[k];
            let center = (s.x0 + s.x1) / 2.0;
            if let Some(c) = (0..self.columns.len()).find(|&c| self.columns[c].x1 >= center) {
                if self.numeric.get(c).copied().unwrap_or(false)
                    && !taken.contains(&c)
                    && self.columns[c].x0 - s.x1 <= 3.0 * s.size
                {
                    wants.push((k, c));
                }
            }
        }
        // of two names wanting one column, the one nearer its right edge has it
        let mut left: Vec<usize> = Vec::new();
        for &k in rest {
            let mine = wants.iter().find(|(w, _)| *w == k).map(|(_, c)| *c);
            let won = mine.filter(|&c| {
                let center = |k: usize| (row.segments[k].x0 + row.segments[k].x1) / 2.0;
                wants
                    .iter()
                    .filter(|(o, oc)| *oc == c && *o != k)
                    .all(|(o, _)| center(*o) < center(k))
            });
            match won {
                Some(c) => {
                    self.out[ri][k] = Some(Placed { first: c, last: c });
                    taken.push(c);
                }
                None => left.push(k),
            }
        }
        left
    }

    /// Places each of the segments `left` beside the free column it nearly touches, else as a
    /// column of its own: a column printed without any amount.
    fn place_beside_or_as_new_column(
        &mut self,
        ri: usize,
        row: &Row,
        taken: &mut Vec<usize>,
        left: Vec<usize>,
    ) {
        for k in left {
            let s = &row.segments[k];
            if let Some(c) = nearest(self.columns, s).filter(|c| !taken.contains(c)) {
                self.out[ri][k] = Some(Placed { first: c, last: c });
                taken.push(c);
                continue;
            }
            let at = self.insert_column(s, taken);
            self.out[ri][k] = Some(Placed {
                first: at,
                last: at,
            });
            taken.push(at);
        }
    }

    /// Adds a column as wide as `s` where its centre falls, shifting every place and taken
    /// column right of it; returns its index.
    fn insert_column(&mut self, s: &Segment, taken: &mut [usize]) -> usize {
        let center = (s.x0 + s.x1) / 2.0;
        let at = self.columns.partition_point(|c| c.center() < center);
        self.columns.insert(at, Column { x0: s.x0, x1: s.x1 });
        self.numeric.insert(at, false);
        for placed in self.out.iter_mut().flatten().flatten() {
            if placed.first >= at {
                placed.first += 1;
            }
            if placed.last >= at {
                placed.last += 1;
            }
        }
        for t in taken.iter_mut() {
            if *t >= at {
                *t += 1;
            }
        }
        at
    }

    /// A 决算 heading ("小计", "因公出国（境）费") stands over its 预算数 and 决算数; centred
    /// over the pair it may touch the flush-right figures of one of them only. Widens such a
    /// heading of row `ri` over both leaves of the deepest row.
    fn span_budget_and_actual(&mut self, rows: &[&Row], ri: usize, taken: &mut Vec<usize>) {
        let deepest = rows.len() - 1;
        let leaves: Vec<(usize, &str)> = rows[deepest]
            .segments
            .iter()
            .zip(&self.out[deepest])
            .filter_map(|(s, p)| {
                p.filter(|p| p.first == p.last)
                    .map(|p| (p.first, s.text.as_str()))
            })
            .collect();
        let leaf = |c: usize| leaves.iter().find(|(at, _)| *at == c).map(|(_, t)| *t);
        for placed in self.out[ri].iter_mut() {
            let Some(p) = placed.filter(|p| p.first == p.last) else {
                continue;
            };
            let c = p.first;
            let pair = match leaf(c) {
                Some("决算数") if c > 0 && leaf(c - 1) == Some("预算数") => Some(c - 1),
                Some("预算数") if leaf(c + 1) == Some("决算数") => Some(c + 1),
                _ => None,
            };
            if let Some(other) = pair.filter(|o| !taken.contains(o)) {
                *placed = Some(Placed {
                    first: c.min(other),
                    last: c.max(other),
                });
                taken.push(other);
            }
        }
    }

    /// A column is as wide as its own name too (flush-right amounts under a centred name are
    /// narrower than the cell): headings above are centred over the cells, not over the
    /// amounts. Never into a neighbour.
    fn widen_to_names(&mut self, ri: usize, row: &Row) {
        let columns = &mut *self.columns;
        for (k, s) in row.segments.iter().enumerate() {
            let Some(p) = self.out[ri][k].filter(|p| p.first == p.last) else {
                continue;
            };
            let c = p.first;
            let floor = if c > 0 {
                columns[c - 1].x1 + 0.5
            } else {
                f64::MIN
            };
            let ceiling = columns.get(c + 1).map_or(f64::MAX, |n| n.x0 - 0.5);
            columns[c].x0 = columns[c].x0.min(s.x0.max(floor));
            columns[c].x1 = columns[c].x1.max(s.x1.min(ceiling));
        }
    }
}

/// Whether each column's data are amounts (flush right) rather than names or codes.
pub fn numeric_columns(columns: &[Column], rows: &[&Row]) -> Vec<bool> {
    columns
        .iter()
        .map(|c| {
            let texts: Vec<&Segment> = rows
                .iter()
                .flat_map(|r| r.segments.iter())
                .filter(|s| overlaps(shrunk(s), (c.x0, c.x1)))
                .collect();
            !texts.is_empty() && texts.iter().all(|s| is_number(&s.text))
        })
        .collect()
}

/// The column a header sits beside, within one character's height ("合计" centred in its cell
/// left of right-aligned amounts).
fn nearest(columns: &[Column], s: &Segment) -> Option<usize> {
    let center = (s.x0 + s.x1) / 2.0;
    (0..columns.len())
        .filter(|&i| {
            // the first and the last column reach to the table's edges
            let (mut l, mut r) = bounds(columns, i);
            if i == 0 {
                l = f64::MIN;
            }
            if i + 1 == columns.len() {
                r = f64::MAX;
            }
            center >= l && center <= r
        })
        .find(|&i| {
            let gap = (columns[i].x0 - s.x1).max(s.x0 - columns[i].x1);
            gap <= s.size
        })
}

/// The column whose cells hold `x`, or the closest.
pub fn closest(columns: &[Column], x: f64) -> usize {
    (0..columns.len())
        .min_by(|&a, &b| {
            let d = |i: usize| {
                let (l, r) = bounds(columns, i);
                if x < l {
                    l - x
                } else if x > r {
                    x - r
                } else {
                    0.0
                }
            };
            d(a).total_cmp(&d(b))
        })
        .unwrap_or(0)
}

/// Places a data row's segments: each into the column it overlaps most (the first when it
/// spans several), else the column whose cells hold its centre.
pub fn place_data(columns: &[Column], row: &Row) -> Vec<Placed> {
    row.segments
        .iter()
        .map(|s| {
            let (x0, x1) = shrunk(s);
            let hit: Vec<usize> = (0..columns.len())
                .filter(|&i| overlaps((x0, x1), (columns[i].x0, columns[i].x1)))
                .collect();
            match (hit.first(), hit.last()) {
                (Some(&a), Some(&b)) => Placed { first: a, last: b },
                _ => {
                    let i = closest(columns, (s.x0 + s.x1) / 2.0);
                    Placed { first: i, last: i }
                }
            }
        })
        .collect()
}

/// The columns of a ruled table: between the cell borders its rows cross. `None` when fewer
/// than half of the data rows cross two borders (a table printed without rulings).
pub fn ruled_columns(data: &[&Row], all: &[&Row]) -> Option<Vec<f64>> {
    // an empty table (此表为空表) has only its header to go by
    let judged = if data.is_empty() { all } else { data };
    let ruled = judged.iter().filter(|r| r.borders.len() >= 2).count();
    if judged.is_empty() || ruled * 2 < judged.len() {
        return None;
    }
    let mut xs: Vec<f64> = all.iter().flat_map(|r| r.borders.iter().copied()).collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() < 1.5);
    (xs.len() >= 2).then_some(xs)
}

/// Places a row's segments in a ruled table: each in the cell between the borders its row
/// crosses left and right of it, spanning the columns between them (a merged header cell).
pub fn place_ruled(xs: &[f64], row: &Row) -> Vec<Placed> {
    let column_of = |x: f64| -> usize {
        let i = xs.partition_point(|b| *b <= x);
        i.saturating_sub(1).min(xs.len().saturating_sub(2))
    };
    row.segments
        .iter()
        .map(|s| {
            let center = (s.x0 + s.x1) / 2.0;
            let here = column_of(center);
            let left = row.borders.iter().copied().rfind(|b| *b <= center);
            let right = row.borders.iter().copied().find(|b| *b > center);
            match (left, right) {
                (Some(l), Some(r)) => {
                    let first = column_of(l + 0.75);
                    let last = column_of(r - 0.75);
                    if first <= here && here <= last {
                        Placed { first, last }
                    } else {
                        Placed {
                            first: here,
                            last: here,
                        }
                    }
                }
                _ => Placed {
                    first: here,
                    last: here,
                },
            }
        })
        .collect()
}
