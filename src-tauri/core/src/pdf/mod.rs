//! Reading published PDFs (printed from Word and Excel): the text layer becomes rows and
//! columns, each table region a `SheetGrid` that the workbook recognisers read unchanged, and
//! every cell remembers its page and position. The prose (情况说明) is kept as lines with their
//! pages, for the narrative check.
//!
//! The library is `pdf-extract` (over `lopdf`): pure Rust, so it builds for Windows without a
//! system library; the comparison that chose it is in docs/benchmarks.md ("PDF text").

mod columns;
mod glyphs;
mod lines;
mod regions;
mod wrapped;

#[cfg(test)]
mod tests;

use crate::error::{CoreError, ErrorCode};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use glyphs::{Glyph, PageText};
pub use lines::{page_rows, Row, Segment};
pub use regions::{Place, ProseLine};

use crate::xlsx::Workbook;

/// Why a PDF cannot be reviewed. Each message is one Chinese sentence naming the file.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The file has no bytes at all.
    #[error("文件 {path} 是空文件（0 字节），请确认保存完整后重新提供。")]
    Empty {
        /// The file, as the message names it.
        path: PathBuf,
    },
    /// The first kilobyte holds no `%PDF-` header.
    #[error("文件 {path} 不是 PDF 文件，无法审核。")]
    NotAPdf {
        /// The file, as the message names it.
        path: PathBuf,
    },
    /// The PDF needs a password to open (one with only an owner password is read).
    #[error("PDF 文件 {path} 设有密码（已加密），无法读取文字，无法审核；请提供未加密的 PDF。")]
    Encrypted {
        /// The file, as the message names it.
        path: PathBuf,
    },
    /// The PDF library could not load it, or panicked on it.
    #[error("PDF 文件 {path} 已损坏或格式不受支持，无法读取，无法审核。")]
    Corrupt {
        /// The file, as the message names it.
        path: PathBuf,
    },
    /// Fewer than 20 characters in the whole text layer: a scan or images.
    #[error("{path}：此PDF没有文字层，无法审核（可能是扫描件或图片），请提供由 Word、Excel 或 WPS 直接导出的 PDF。")]
    NoText {
        /// The file, as the message names it.
        path: PathBuf,
    },
}

impl PdfError {
    /// The kind of failure, as the UI branches on it ([`ErrorCode`]).
    pub fn code(&self) -> ErrorCode {
        match self {
            PdfError::Empty { .. } => ErrorCode::EmptyFile,
            PdfError::NotAPdf { .. } => ErrorCode::NotAPdf,
            PdfError::Encrypted { .. } => ErrorCode::EncryptedPdf,
            PdfError::Corrupt { .. } => ErrorCode::CorruptPdf,
            PdfError::NoText { .. } => ErrorCode::PdfWithoutText,
        }
    }
}

/// A PDF that cannot be reviewed reaches the shell with its code (encrypted, scanned, damaged).
impl From<PdfError> for CoreError {
    fn from(err: PdfError) -> Self {
        CoreError::area(err.code(), &err)
    }
}

/// A table region of the PDF: the grid's sheet name, where each of its cells was printed, and
/// the page its title is on.
#[derive(Debug, Clone)]
pub struct PdfTable {
    /// The name of the region's grid in `PdfBook::workbook` ("第9页").
    pub sheet: String,
    /// (row, column) of the grid → where that cell was printed: title, header and data alike.
    pub places: HashMap<(u32, u32), Place>,
    /// 1-based page of the table's title.
    pub first_page: u32,
}

/// What a PDF holds: its table regions as a workbook of grids (one sheet per table, named by
/// the page its title is on: "第9页"), where each cell was printed, and its prose.
#[derive(Debug, Clone)]
pub struct PdfBook {
    /// One grid per table region, for the workbook recognisers.
    pub workbook: Workbook,
    /// Where each grid's cells were printed, one entry per sheet of `workbook`, same order.
    pub tables: Vec<PdfTable>,
    /// The lines outside every table region (page numbers and footers dropped), page by
    /// page, top to bottom.
    pub prose: Vec<ProseLine>,
    /// Pages in the document.
    pub pages: u32,
}

impl PdfBook {
    /// Where the cell (`row`, `col`) of the grid `sheet` was printed.
    pub fn place(&self, sheet: &str, row: u32, col: u32) -> Option<&Place> {
        self.tables
            .iter()
            .find(|t| t.sheet == sheet)
            .and_then(|t| t.places.get(&(row, col)))
    }

    /// The page the table on grid `sheet` starts on.
    pub fn first_page(&self, sheet: &str) -> Option<u32> {
        self.tables
            .iter()
            .find(|t| t.sheet == sheet)
            .map(|t| t.first_page)
    }
}

/// Below this many characters in the whole document there is no text layer worth the name (a
/// scan carries at most a page number or a stamp's text).
const MIN_CHARACTERS: usize = 20;

/// Whether `path` names a PDF, by its extension.
pub fn is_pdf_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

/// Reads a PDF's text layer into tables and prose. A panic inside the PDF library ends as
/// this file's error.
pub fn read_pdf(path: &Path, bytes: &[u8]) -> Result<PdfBook, PdfError> {
    let p = || path.to_path_buf();
    if bytes.is_empty() {
        return Err(PdfError::Empty { path: p() });
    }
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::NotAPdf { path: p() });
    }
    let loaded = crate::guard::quietly(|| pdf_extract::Document::load_mem(bytes));
    let mut doc = match loaded {
        Ok(Ok(doc)) => doc,
        Ok(Err(err)) if is_password_error(&err) => return Err(PdfError::Encrypted { path: p() }),
        _ => return Err(PdfError::Corrupt { path: p() }),
    };
    if doc.is_encrypted() {
        // Printed with an owner password only (no password to open): the empty user password
        // opens it, as every PDF reader does.
        let opened = crate::guard::quietly(|| doc.decrypt(""));
        if !matches!(opened, Ok(Ok(()))) || doc.is_encrypted() {
            return Err(PdfError::Encrypted { path: p() });
        }
    }
    let pages = glyphs::read_pages(&doc);
    let characters: usize = pages.iter().map(|pg| pg.glyphs.len()).sum();
    if characters < MIN_CHARACTERS {
        // No page tree, or pages the library could not interpret, are damage, not a scan.
        if pages.is_empty() || pages.iter().any(|pg| pg.unreadable) {
            return Err(PdfError::Corrupt { path: p() });
        }
        return Err(PdfError::NoText { path: p() });
    }
    let page_count = pages.len() as u32;
    let rows: Vec<Row> = pages.iter().flat_map(page_rows).collect();
    let layout = regions::split(rows);
    let mut tables = Vec::with_capacity(layout.regions.len());
    let mut sheets = Vec::with_capacity(layout.regions.len());
    for region in layout.regions {
        tables.push(PdfTable {
            sheet: region.grid.name.clone(),
            places: region.places,
            first_page: region.first_page,
        });
        sheets.push(region.grid);
    }
    Ok(PdfBook {
        workbook: Workbook { sheets },
        tables,
        prose: layout.prose,
        pages: page_count,
    })
}

fn is_password_error(err: &pdf_extract::Error) -> bool {
    let text = format!("{err:?}").to_lowercase();
    text.contains("password") || text.contains("decrypt") || text.contains("encrypt")
}

#[cfg(test)]
mod dump {
    /// `PDF_DUMP=file.pdf cargo test -p budget-core pdf::dump -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn dump_rows() {
        let Ok(path) = std::env::var("PDF_DUMP") else {
            return;
        };
        let bytes = std::fs::read(&path).unwrap();
        if let Some(only) = std::env::var("PDF_PAGE")
            .ok()
            .and_then(|p| p.parse::<u32>().ok())
        {
            let doc = pdf_extract::Document::load_mem(&bytes).unwrap();
            for page in super::glyphs::read_pages(&doc) {
                if page.number != only {
                    continue;
                }
                for row in super::page_rows(&page) {
                    let cells: Vec<String> = row
                        .segments
                        .iter()
                        .map(|s| format!("[{:.0}-{:.0} s{:.1} {}]", s.x0, s.x1, s.size, s.text))
                        .collect();
                    println!(
                        "p{} y{:.1}: {} borders {:?}",
                        row.page,
                        row.y,
                        cells.join(" "),
                        row.borders.iter().map(|b| b.round()).collect::<Vec<_>>()
                    );
                }
            }
            return;
        }
        let book = if path.ends_with(".xlsx") {
            super::PdfBook {
                workbook: crate::xlsx::load(std::path::Path::new(&path)).unwrap(),
                tables: Vec::new(),
                prose: Vec::new(),
                pages: 0,
            }
        } else {
            super::read_pdf(std::path::Path::new(&path), &bytes).unwrap()
        };
        for grid in &book.workbook.sheets {
            println!("=== {}", grid.name);
            for r in 0..grid.height() {
                let cells: Vec<String> = grid
                    .row_cells(r)
                    .map(|(c, v)| format!("{}:{}", c, v.display()))
                    .collect();
                println!("  {r}: {}", cells.join(" | "));
            }
        }
        for line in &book.prose {
            if std::env::var("PDF_PROSE").is_ok() {
                println!("prose p{}: {}", line.page, line.text);
            }
        }
        let found = crate::xlsx::recognise(&book.workbook);
        for t in &found.recognised {
            println!("recognised {:?} {} {}", t.id, t.sheet, t.name);
        }
        println!("unrecognised {:?}", found.unrecognised_sheets);
    }
}
