//! The text layer of a PDF as positioned characters, page by page, through `pdf-extract`
//! (which decodes each font's ToUnicode map or encoding). Coordinates are turned to the way a
//! page is read: y grows downwards from the top edge, in points.

use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};

/// One character drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The text `pdf-extract` decoded for the character (one `char` as a rule).
    pub text: String,
    /// Left edge of the character, points from the left of the page.
    pub x: f64,
    /// Right edge (x + advance).
    pub right: f64,
    /// Baseline, points from the top of the page.
    pub y: f64,
    /// The character's size on the page, points.
    pub size: f64,
}

/// A vertical line drawn on a page (a cell border of a table), top-down coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ruling {
    pub x: f64,
    pub top: f64,
    pub bottom: f64,
}

/// The characters of one page, in the order the page draws them, and its vertical rulings.
#[derive(Debug, Clone, Default)]
pub struct PageText {
    /// 1-based page number.
    pub number: u32,
    /// The page's characters in drawing order (not reading order).
    pub glyphs: Vec<Glyph>,
    /// The vertical lines drawn on the page, the cell borders of ruled tables.
    pub rulings: Vec<Ruling>,
    /// The library could not interpret the page (it erred or panicked): a damaged page, not a
    /// page without text.
    pub unreadable: bool,
}

/// Collects the characters `pdf-extract` reports for one page.
struct Collector {
    page_height: f64,
    glyphs: Vec<Glyph>,
    rulings: Vec<Ruling>,
}

impl Collector {
    /// The vertical lines of a painted path: a line drawn from point to point, or a rectangle
    /// (its two sides when stroked; the rectangle itself when it is a thin filled bar).
    fn rulings_of(&mut self, ctm: &Transform, path: &Path, filled: bool) {
        let at = |x: f64, y: f64| {
            (
                x * ctm.m11 + y * ctm.m21 + ctm.m31,
                self.page_height - (x * ctm.m12 + y * ctm.m22 + ctm.m32),
            )
        };
        let mut found = Vec::new();
        let vertical = |a: (f64, f64), b: (f64, f64), found: &mut Vec<Ruling>| {
            if (a.0 - b.0).abs() < 1.0 && (a.1 - b.1).abs() > 2.0 {
                found.push(Ruling {
                    x: (a.0 + b.0) / 2.0,
                    top: a.1.min(b.1),
                    bottom: a.1.max(b.1),
                });
            }
        };
        let mut current: Option<(f64, f64)> = None;
        let mut start: Option<(f64, f64)> = None;
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    current = Some(at(x, y));
                    start = current;
                }
                PathOp::LineTo(x, y) => {
                    let p = at(x, y);
                    if let Some(c) = current {
                        if !filled {
                            vertical(c, p, &mut found);
                        }
                    }
                    current = Some(p);
                }
                PathOp::Close => {
                    if let (Some(c), Some(s)) = (current, start) {
                        if !filled {
                            vertical(c, s, &mut found);
                        }
                    }
                    current = start;
                }
                PathOp::CurveTo(_, _, _, _, x, y) => current = Some(at(x, y)),
                PathOp::Rect(x, y, w, h) => {
                    let a = at(x, y);
                    let b = at(x + w, y + h);
                    if filled {
                        if (a.0 - b.0).abs() < 2.0 {
                            vertical(
                                ((a.0 + b.0) / 2.0, a.1),
                                ((a.0 + b.0) / 2.0, b.1),
                                &mut found,
                            );
                        }
                    } else {
                        vertical((a.0, a.1), (a.0, b.1), &mut found);
                        vertical((b.0, a.1), (b.0, b.1), &mut found);
                    }
                }
            }
        }
        // a filled path of lines (a bar drawn as four points) counts by its extent
        if filled && found.is_empty() {
            let points: Vec<(f64, f64)> = path
                .ops
                .iter()
                .filter_map(|op| match *op {
                    PathOp::MoveTo(x, y) | PathOp::LineTo(x, y) => Some(at(x, y)),
                    _ => None,
                })
                .collect();
            if points.len() >= 3 {
                let (x0, x1) = points
                    .iter()
                    .fold((f64::MAX, f64::MIN), |(l, r), p| (l.min(p.0), r.max(p.0)));
                let (y0, y1) = points
                    .iter()
                    .fold((f64::MAX, f64::MIN), |(l, r), p| (l.min(p.1), r.max(p.1)));
                if x1 - x0 < 2.0 && y1 - y0 > 2.0 {
                    found.push(Ruling {
                        x: (x0 + x1) / 2.0,
                        top: y0,
                        bottom: y1,
                    });
                }
            }
        }
        self.rulings.extend(
            found
                .into_iter()
                .filter(|r| r.x.is_finite() && r.top.is_finite() && r.bottom.is_finite()),
        );
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.page_height = media_box.ury;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.rulings_of(ctm, path, false);
        Ok(())
    }

    fn fill(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.rulings_of(ctm, path, true);
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        // the font size carried through the text and page matrices
        let sx = font_size * (trm.m11 + trm.m21);
        let sy = font_size * (trm.m12 + trm.m22);
        let size = (sx * sy).abs().sqrt();
        let (x, y) = (trm.m31, trm.m32);
        if !x.is_finite() || !y.is_finite() || !size.is_finite() || char.trim().is_empty() {
            return Ok(());
        }
        // Text drawn upside down or rotated (a stamp, a vertical label) is left out: a table
        // printed from a spreadsheet has none.
        if trm.m11 <= 0.0 || trm.m12.abs() > trm.m11.abs() * 0.1 {
            return Ok(());
        }
        let advance = (width * size).max(0.0);
        self.glyphs.push(Glyph {
            text: char.to_string(),
            x,
            right: x + advance,
            y: self.page_height - y,
            size,
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// The characters of every page of `doc`. A page the library cannot interpret (it panics or
/// errs on it) comes back empty, so one odd page costs that page only.
pub fn read_pages(doc: &pdf_extract::Document) -> Vec<PageText> {
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    numbers
        .into_iter()
        .map(|number| {
            let mut collector = Collector {
                page_height: 0.0,
                glyphs: Vec::new(),
                rulings: Vec::new(),
            };
            let done =
                crate::guard::quietly(|| pdf_extract::output_doc_page(doc, &mut collector, number));
            match done {
                Ok(Ok(())) => PageText {
                    number,
                    glyphs: collector.glyphs,
                    rulings: collector.rulings,
                    unreadable: false,
                },
                _ => PageText {
                    number,
                    unreadable: true,
                    ..PageText::default()
                },
            }
        })
        .collect()
}
