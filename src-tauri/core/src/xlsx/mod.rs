//! Reading disclosure workbooks: any .xlsx/.xls a department sends in becomes the typed
//! standard tables, every value remembering its sheet and cell.

pub mod final_data;
mod grid;
mod heading;
mod layout;
mod parse_code_tables;
mod parse_final;
mod parse_final_overview;
mod parse_overview;
mod parse_three_public;
mod recognise;
pub mod write;

use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{open_workbook_from_rs, Reader, Xls, Xlsx};

pub use crate::text::{a1, fold_label, parse_a1};
pub use grid::{CellValue, Merge, SheetGrid};
pub use heading::ReportHeading;
pub use recognise::{recognise, DocumentKind, RecognisedTable, RecognisedWorkbook};

/// Why a file could not be read at all. Each message is one Chinese sentence naming the file.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("无法读取文件 {path}：{source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("文件 {path} 不是 Excel 工作簿（.xlsx 或 .xls），无法审核。")]
    NotAWorkbook { path: PathBuf },
    #[error("工作簿 {path} 已损坏或格式不受支持：{reason}")]
    Corrupt { path: PathBuf, reason: String },
}

impl ReadError {
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::Io { .. } => "io",
            ReadError::NotAWorkbook { .. } => "not_a_workbook",
            ReadError::Corrupt { .. } => "corrupt_workbook",
        }
    }
}

/// A workbook's sheets as grids, in workbook order.
#[derive(Debug, Clone)]
pub struct Workbook {
    pub sheets: Vec<SheetGrid>,
}

impl Workbook {
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

/// Opens a workbook from its bytes, telling .xlsx from .xls by content, not by name.
pub fn load_bytes(path: &Path, bytes: Vec<u8>) -> Result<Workbook, ReadError> {
    let corrupt = |reason: String| ReadError::Corrupt {
        path: path.to_path_buf(),
        reason,
    };
    if bytes.starts_with(ZIP_MAGIC) {
        let mut book = open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes))
            .map_err(|e| corrupt(e.to_string()))?;
        let names = book.sheet_names();
        let mut sheets = Vec::with_capacity(names.len());
        for name in names {
            let range = book
                .worksheet_range(&name)
                .map_err(|e| corrupt(format!("工作表“{name}”：{e}")))?;
            let merges = book
                .merge_cells_by_sheet_name(&name)
                .map_err(|e| corrupt(format!("工作表“{name}”：{e}")))?;
            sheets.push(SheetGrid::from_range(&name, &range, to_merges(&merges)));
        }
        Ok(Workbook { sheets })
    } else if bytes.starts_with(OLE_MAGIC) {
        let mut book = open_workbook_from_rs::<Xls<_>, _>(Cursor::new(bytes))
            .map_err(|e| corrupt(e.to_string()))?;
        let names = book.sheet_names();
        let mut sheets = Vec::with_capacity(names.len());
        for name in names {
            let range = book
                .worksheet_range(&name)
                .map_err(|e| corrupt(format!("工作表“{name}”：{e}")))?;
            let merges = book
                .merge_cells_by_sheet_name(&name)
                .map_err(|e| corrupt(format!("工作表“{name}”：{e}")))?;
            sheets.push(SheetGrid::from_range(&name, &range, to_merges(&merges)));
        }
        Ok(Workbook { sheets })
    } else {
        Err(ReadError::NotAWorkbook {
            path: path.to_path_buf(),
        })
    }
}

fn to_merges(dims: &[calamine::Dimensions]) -> Vec<Merge> {
    dims.iter()
        .map(|d| Merge {
            first_row: d.start.0,
            first_col: d.start.1,
            last_row: d.end.0,
            last_col: d.end.1,
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
