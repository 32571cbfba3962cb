//! Reading disclosure workbooks: any .xlsx/.xls a department sends in becomes the typed
//! standard tables, every value remembering its sheet and cell.

pub mod final_data;
mod formulas;
mod grid;
mod heading;
mod layout;
pub mod limits;
mod parse_code_tables;
mod parse_final;
mod parse_final_overview;
mod parse_overview;
mod parse_three_public;
mod recognise;
pub mod write;

use crate::error::{CoreError, ErrorCode};
use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{open_workbook_from_rs, Data, Reader, Xls, Xlsx, XlsxError};

use limits::Refusal;

pub use crate::text::{a1, fold_label, parse_a1};
pub use formulas::{read_formulas, SheetFormulas};
pub use grid::{CellValue, Merge, SheetGrid};
pub use heading::{now_in_china, ReportHeading};
pub use layout::{classify_title, is_total_label};
pub use recognise::{recognise, DocumentKind, RecognisedTable, RecognisedWorkbook};

/// Why a file could not be read at all. Each message is one Chinese sentence naming the file.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be read from disk.
    #[error("无法读取文件 {path}：{}。", crate::text::io_reason(.source))]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is no .xlsx or .xls workbook.
    #[error("文件 {path} 不是 Excel 工作簿（.xlsx 或 .xls），无法审核。")]
    NotAWorkbook {
        /// The file.
        path: PathBuf,
    },
    /// The workbook is damaged or of a format the reader does not support.
    #[error("工作簿 {path} 已损坏或格式不受支持：{reason}。请用 Excel 或 WPS 打开后另存为 .xlsx，再重新提供。")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// Which part could not be read, in Chinese.
        reason: String,
        /// What the library said (English): for support, never in the message.
        detail: String,
    },
    /// The file has 0 bytes.
    #[error("文件 {path} 是空文件（0 字节），请确认保存完整后重新提供。")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The workbook needs a password to open.
    #[error("工作簿 {path} 设有打开密码，无法读取；请在 Excel 中取消密码、保存后再试。")]
    Encrypted {
        /// The file.
        path: PathBuf,
    },
    /// The workbook exceeds one of the reading limits (`limits`); reading stopped there.
    #[error("工作簿 {path}：{limit}，已停止读取。")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Which limit, as a Chinese phrase of `limits`.
        limit: String,
    },
    /// The reader panicked on the file; the other files of a batch are not affected.
    #[error("读取工作簿 {path} 时程序出错，已跳过这个文件，其他文件不受影响。")]
    Internal {
        /// The file.
        path: PathBuf,
    },
}

impl ReadError {
    /// The kind of failure, as the UI branches on it ([`ErrorCode`]).
    pub fn code(&self) -> ErrorCode {
        match self {
            ReadError::Io { source, .. } => crate::error::io_code(source),
            ReadError::NotAWorkbook { .. } => ErrorCode::NotAWorkbook,
            ReadError::Corrupt { .. } => ErrorCode::CorruptWorkbook,
            ReadError::Empty { .. } => ErrorCode::EmptyFile,
            ReadError::Encrypted { .. } => ErrorCode::EncryptedWorkbook,
            ReadError::TooLarge { .. } => ErrorCode::WorkbookTooLarge,
            ReadError::Internal { .. } => ErrorCode::InternalReadError,
        }
    }
}

/// A workbook that cannot be read reaches the shell with its code (a locked file, an encrypted or damaged workbook).
impl From<ReadError> for CoreError {
    fn from(err: ReadError) -> Self {
        CoreError::area(err.code(), &err)
    }
}

/// A workbook's sheets as grids, in workbook order.
#[derive(Debug, Clone)]
pub struct Workbook {
    /// Every sheet, in workbook order.
    pub sheets: Vec<SheetGrid>,
}

impl Workbook {
    /// The sheet named exactly `name`; None when there is none.
    pub fn sheet(&self, name: &str) -> Option<&SheetGrid> {
        self.sheets.iter().find(|s| s.name == name)
    }
}

/// Reads the file's bytes; the caller may also hash them.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    std::fs::read(path).map_err(|source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    })
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Opens a workbook from its bytes, telling .xlsx from .xls by content, not by name. The bytes
/// are measured against [`limits`] first, and a panic inside the reading library ends as this
/// file's error instead of taking the program (and a batch's other files) down with it.
pub fn load_bytes(path: &Path, bytes: Vec<u8>) -> Result<Workbook, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty {
            path: path.to_path_buf(),
        });
    }
    let refused = |refusal: Refusal| match refusal {
        Refusal::TooLarge(limit) => ReadError::TooLarge {
            path: path.to_path_buf(),
            limit,
        },
        Refusal::Encrypted => ReadError::Encrypted {
            path: path.to_path_buf(),
        },
        Refusal::Corrupt { reason, detail } => ReadError::Corrupt {
            path: path.to_path_buf(),
            reason,
            detail,
        },
    };
    let kind = if bytes.starts_with(ZIP_MAGIC) {
        Container::Zip
    } else if bytes.starts_with(OLE_MAGIC) {
        Container::Compound
    } else {
        return Err(ReadError::NotAWorkbook {
            path: path.to_path_buf(),
        });
    };
    let read = crate::guard::quietly(|| match kind {
        Container::Zip => {
            limits::check_zip(&bytes)?;
            read_xlsx(bytes)
        }
        Container::Compound => {
            limits::check_compound(&bytes)?;
            read_xls(bytes)
        }
    });
    match read {
        Ok(result) => result.map_err(refused),
        Err(_) => Err(ReadError::Internal {
            path: path.to_path_buf(),
        }),
    }
}

fn sheet_unreadable(sheet: &str, e: impl std::fmt::Display) -> Refusal {
    Refusal::corrupt(format!("工作表“{sheet}”的内容无法读取"), e)
}

fn merges_unreadable(sheet: &str, e: impl std::fmt::Display) -> Refusal {
    Refusal::corrupt(format!("工作表“{sheet}”的合并单元格无法读取"), e)
}

enum Container {
    Zip,
    Compound,
}

fn check_text(sheet: &str, row: u32, col: u32, value: &CellValue) -> Result<(), Refusal> {
    match value {
        CellValue::Text(t) if t.chars().count() > limits::MAX_CELL_CHARS => Err(Refusal::TooLarge(
            limits::text_over_limit(sheet, &a1(row, col)),
        )),
        _ => Ok(()),
    }
}

/// Reads an .xlsx cell by cell from calamine's streaming reader into sparse grids: nothing is
/// laid out by the extent a sheet declares or its cells span, only by the cells present.
fn read_xlsx(bytes: Vec<u8>) -> Result<Workbook, Refusal> {
    let mut book = open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes))
        .map_err(|e| Refusal::corrupt("工作簿结构无法读取", e))?;
    let names = book.sheet_names();
    if names.len() > limits::MAX_SHEETS {
        return Err(Refusal::TooLarge(limits::sheets_over_limit()));
    }
    let mut budget = limits::CellBudget::default();
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let mut cells = Vec::new();
        budget.start_sheet();
        match book.worksheet_cells_reader(&name) {
            Ok(mut reader) => loop {
                let cell = match reader.next_cell() {
                    Ok(Some(cell)) => cell,
                    Ok(None) => break,
                    Err(e) => return Err(sheet_unreadable(&name, e)),
                };
                let (row, col) = cell.get_position();
                let value = CellValue::from_calamine(&Data::from(cell.get_value().clone()));
                check_text(&name, row, col, &value)?;
                if !value.is_empty() {
                    cells.push((row, col, value));
                }
                budget.one_more(&name)?;
            },
            // a chart sheet holds no cells
            Err(XlsxError::NotAWorksheet(_)) => {}
            Err(e) => return Err(sheet_unreadable(&name, e)),
        }
        let merges = book
            .merge_cells_by_sheet_name(&name)
            .map_err(|e| merges_unreadable(&name, e))?;
        if merges.len() > limits::MAX_SHEET_MERGES {
            return Err(Refusal::TooLarge(limits::merges_over_limit(&name)));
        }
        sheets.push(SheetGrid::from_cells(name, cells, clip_merges(&merges)));
    }
    Ok(Workbook { sheets })
}

/// Reads an .xls, which calamine parses whole on opening; [`limits::check_compound`] has
/// measured it before.
fn read_xls(bytes: Vec<u8>) -> Result<Workbook, Refusal> {
    let mut book = open_workbook_from_rs::<Xls<_>, _>(Cursor::new(bytes)).map_err(|e| match e {
        calamine::XlsError::Password => Refusal::Encrypted,
        e => Refusal::corrupt("工作簿结构无法读取", e),
    })?;
    let names = book.sheet_names();
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| sheet_unreadable(&name, e))?;
        let merges = book
            .merge_cells_by_sheet_name(&name)
            .map_err(|e| merges_unreadable(&name, e))?;
        let mut cells = Vec::new();
        for (row, col, data) in range.used_cells() {
            let (row, col) = (row as u32, col as u32);
            let (row, col) = match range.start() {
                Some((r0, c0)) => (r0 + row, c0 + col),
                None => (row, col),
            };
            let value = CellValue::from_calamine(data);
            check_text(&name, row, col, &value)?;
            cells.push((row, col, value));
        }
        sheets.push(SheetGrid::from_cells(name, cells, clip_merges(&merges)));
    }
    Ok(Workbook { sheets })
}

/// Merged regions as the file declares them. A region reaching past the last row or column
/// Excel has (1,048,576 × 16,384) is cut there: some writers declare whole-column merges.
fn clip_merges(dims: &[calamine::Dimensions]) -> Vec<Merge> {
    const LAST_ROW: u32 = 1_048_575;
    const LAST_COL: u32 = 16_383;
    dims.iter()
        .filter(|d| d.start.0 <= d.end.0 && d.start.1 <= d.end.1)
        .filter(|d| d.start.0 <= LAST_ROW && d.start.1 <= LAST_COL)
        .map(|d| Merge {
            first_row: d.start.0,
            first_col: d.start.1,
            last_row: d.end.0.min(LAST_ROW),
            last_col: d.end.1.min(LAST_COL),
        })
        .collect()
}

/// Opens the workbook at `path`.
pub fn load(path: &Path) -> Result<Workbook, ReadError> {
    load_bytes(path, read_bytes(path)?)
}

/// Opens the workbook at `path` and recognises its standard tables.
pub fn read(path: &Path) -> Result<RecognisedWorkbook, ReadError> {
    Ok(recognise(&load(path)?))
}
