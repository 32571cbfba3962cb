//! The limits every workbook read works under, and the checks made before a file is handed
//! to calamine.
//!
//! A bureau opens files from departments it does not control. calamine trusts what a file says
//! about itself: an .xls DIMENSIONS record makes it reserve rows × columns cells up front, and an
//! .xlsx sheet that inflates to gigabytes is read to its end. Either can end the whole process
//! (an allocation failure aborts; it cannot be caught), so the sizes are measured here first,
//! from the bytes themselves, and a file over a limit is refused with one sentence naming it.

use std::io::{Cursor, Read};

/// Largest inflated size of one member of an .xlsx (a sheet's XML, the shared strings).
/// The largest real export seen, 10,000 budget lines, inflates to about 5 MB.
pub const MAX_MEMBER_BYTES: u64 = 100 * MB;
/// Largest inflated size of all members of an .xlsx together.
pub const MAX_TOTAL_BYTES: u64 = 300 * MB;
/// Largest workbook stream of an .xls.
pub const MAX_XLS_STREAM_BYTES: u64 = 100 * MB;
/// Most parts in an .xlsx package.
pub const MAX_MEMBERS: usize = 10_000;
/// Most sheets in one workbook.
pub const MAX_SHEETS: usize = 1_000;
/// Most cells one sheet may hold (and, for .xls, span: calamine lays those out densely).
pub const MAX_SHEET_CELLS: u64 = 2_000_000;
/// Most cells of all sheets together.
pub const MAX_WORKBOOK_CELLS: u64 = 5_000_000;
/// Longest text of one cell: Excel's own limit.
pub const MAX_CELL_CHARS: usize = 32_767;
/// Most merged regions in one sheet; every cell lookup walks them.
pub const MAX_SHEET_MERGES: usize = 20_000;

const MB: u64 = 1024 * 1024;

/// Why a file is not handed on to the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Over a limit; the text names it ("工作表“表1”超过 200 万个单元格").
    TooLarge(String),
    /// Protected with a password to open.
    Encrypted,
    /// Not readable as the container it claims to be.
    Corrupt {
        /// Which part could not be read, in Chinese: what the user reads.
        reason: String,
        /// What the library said (English): kept with the error for support, never shown.
        detail: String,
    },
}

impl Refusal {
    /// A damaged part: `reason` in Chinese for the user; the library's own words (`detail`)
    /// stay out of every message.
    pub fn corrupt(reason: impl Into<String>, detail: impl std::fmt::Display) -> Refusal {
        Refusal::Corrupt {
            reason: reason.into(),
            detail: detail.to_string(),
        }
    }
}

/// The limit phrase of a sheet with more cells than `MAX_SHEET_CELLS`.
pub fn cells_over_limit(sheet: &str) -> String {
    format!(
        "工作表“{sheet}”超过 {} 万个单元格",
        MAX_SHEET_CELLS / 10_000
    )
}

/// The limit phrase of a workbook with more cells than `MAX_WORKBOOK_CELLS` in all.
pub fn workbook_cells_over_limit() -> String {
    format!(
        "全部工作表合计超过 {} 万个单元格",
        MAX_WORKBOOK_CELLS / 10_000
    )
}

/// The limit phrase of a sheet with more merged regions than `MAX_SHEET_MERGES`.
pub fn merges_over_limit(sheet: &str) -> String {
    format!(
        "工作表“{sheet}”的合并单元格区域超过 {} 万个",
        MAX_SHEET_MERGES / 10_000
    )
}

/// The limit phrase of a cell with more text than `MAX_CELL_CHARS` characters.
pub fn text_over_limit(sheet: &str, cell: &str) -> String {
    format!("工作表“{sheet}”单元格 {cell} 的文字超过 {MAX_CELL_CHARS} 个字符")
}

/// The limit phrase of a workbook with more sheets than `MAX_SHEETS`.
pub fn sheets_over_limit() -> String {
    format!("工作簿超过 {MAX_SHEETS} 个工作表")
}

/// Counts the cells a reader yields against the per-sheet and per-workbook limits. Empty
/// styled cells count too: a million of them cost time to walk.
#[derive(Default)]
pub struct CellBudget {
    sheet: u64,
    workbook: u64,
}

impl CellBudget {
    /// Starts counting a new sheet; the workbook's count goes on.
    pub fn start_sheet(&mut self) {
        self.sheet = 0;
    }

    /// Counts one more cell of `sheet`; `TooLarge` once the sheet or the workbook is over its
    /// limit.
    pub fn one_more(&mut self, sheet: &str) -> Result<(), Refusal> {
        self.sheet += 1;
        self.workbook += 1;
        if self.sheet > MAX_SHEET_CELLS {
            return Err(Refusal::TooLarge(cells_over_limit(sheet)));
        }
        if self.workbook > MAX_WORKBOOK_CELLS {
            return Err(Refusal::TooLarge(workbook_cells_over_limit()));
        }
        Ok(())
    }
}

/// Measures every member of an .xlsx package by inflating it, never by trusting the sizes the
/// zip directory declares (a bomb declares small ones). Stops at the first member over a limit,
/// so a 3 GB sheet costs the time of inflating 100 MB.
pub fn check_zip(bytes: &[u8]) -> Result<(), Refusal> {
    check_zip_within(bytes, MAX_MEMBER_BYTES, MAX_TOTAL_BYTES)
}

fn check_zip_within(bytes: &[u8], member_cap: u64, total_cap: u64) -> Result<(), Refusal> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Refusal::corrupt("压缩结构无法读取", e))?;
    if zip.len() > MAX_MEMBERS {
        return Err(Refusal::TooLarge(format!(
            "工作簿包含超过 {MAX_MEMBERS} 个部件"
        )));
    }
    let mut total = 0u64;
    let mut total_cells = 0u64;
    for i in 0..zip.len() {
        // A member that cannot be opened (encrypted, unknown method) is left to the reader,
        // which refuses it if it needs it; a thumbnail it never reads must not stop the file.
        let Ok(member) = zip.by_index(i) else {
            continue;
        };
        if member.is_dir() {
            continue;
        }
        let name = member
            .name()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| format!("第 {} 个部件", i + 1));
        let is_sheet = name.starts_with("xl/worksheets/") && name.ends_with(".xml");
        let (inflated, cells) = inflated_size(member, member_cap + 1, is_sheet);
        if cells > MAX_SHEET_CELLS {
            // refused before any cell is parsed: parsing two million cells takes seconds
            return Err(Refusal::TooLarge(format!(
                "工作簿中的工作表部件“{name}”超过 {} 万个单元格",
                MAX_SHEET_CELLS / 10_000
            )));
        }
        total_cells += cells;
        if total_cells > MAX_WORKBOOK_CELLS {
            return Err(Refusal::TooLarge(workbook_cells_over_limit()));
        }
        if inflated > member_cap {
            return Err(Refusal::TooLarge(format!(
                "工作簿中的部件“{name}”解压后超过 {}",
                size_text(member_cap)
            )));
        }
        total += inflated;
        if total > total_cap {
            return Err(Refusal::TooLarge(format!(
                "工作簿解压后合计超过 {}",
                size_text(total_cap)
            )));
        }
    }
    Ok(())
}

fn size_text(bytes: u64) -> String {
    if bytes >= MB {
        format!("{} MB", bytes / MB)
    } else {
        format!("{bytes} 字节")
    }
}

/// Bytes a reader yields, up to `cap`, and, for a sheet's XML, the cell elements in them. A
/// read error (a damaged stream, a wrong checksum at the end) still counts what came before
/// it: the reader would have parsed that much.
fn inflated_size(mut reader: impl Read, cap: u64, count_cells: bool) -> (u64, u64) {
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    let mut cells = CellTags::default();
    while total < cap {
        match reader.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                total += n as u64;
                if count_cells {
                    cells.feed(&buf[..n]);
                }
            }
        }
    }
    (total, cells.count)
}

/// Counts `<c …>` elements (also prefixed, `<x:c …>`) in XML fed in pieces.
#[derive(Default)]
struct CellTags {
    count: u64,
    /// The last two bytes of the previous piece, so a tag split between pieces is seen.
    tail: [u8; 2],
}

impl CellTags {
    fn feed(&mut self, piece: &[u8]) {
        let mut before = self.tail;
        for &byte in piece {
            if matches!(before[0], b'<' | b':')
                && before[1] == b'c'
                && matches!(byte, b' ' | b'>' | b'/' | b'\t' | b'\n' | b'\r')
            {
                self.count += 1;
            }
            before = [before[1], byte];
        }
        self.tail = before;
    }
}

/// An OLE compound file is either an .xls or an encrypted .xlsx (Office wraps a password
/// protected package in one). For an .xls, every sheet's declared and actual extent is
/// measured before calamine lays it out.
pub fn check_compound(bytes: &[u8]) -> Result<(), Refusal> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| Refusal::corrupt("复合文档结构无法读取", e))?;
    if file.exists("/EncryptionInfo") || file.exists("/EncryptedPackage") {
        return Err(Refusal::Encrypted);
    }
    let path = ["/Workbook", "/Book"]
        .into_iter()
        .find(|p| file.is_stream(p))
        .ok_or_else(|| Refusal::corrupt("找不到工作簿数据流", ""))?;
    let mut stream = file
        .open_stream(path)
        .map_err(|e| Refusal::corrupt("工作簿数据流无法读取", e))?;
    if stream.len() > MAX_XLS_STREAM_BYTES {
        return Err(Refusal::TooLarge(format!(
            "工作簿数据流超过 {} MB",
            MAX_XLS_STREAM_BYTES / MB
        )));
    }
    let mut data = Vec::new();
    stream
        .read_to_end(&mut data)
        .map_err(|e| Refusal::corrupt("工作簿数据流无法读取", e))?;
    check_biff(&data)
}

struct Record<'a> {
    typ: u16,
    data: &'a [u8],
}

/// BIFF records from `pos` on; a record running past the end ends the walk (calamine then
/// reports the file as damaged).
fn records(stream: &[u8], pos: usize) -> impl Iterator<Item = Record<'_>> {
    let mut at = pos;
    std::iter::from_fn(move || {
        let head = stream.get(at..at.checked_add(4)?)?;
        let typ = u16::from_le_bytes([head[0], head[1]]);
        let len = u16::from_le_bytes([head[2], head[3]]) as usize;
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some(Record { typ, data })
    })
}

fn u16_at(data: &[u8], at: usize) -> Option<u32> {
    data.get(at..at + 2)
        .map(|b| u16::from_le_bytes([b[0], b[1]]) as u32)
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    data.get(at..at + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const FILEPASS: u16 = 0x002F;
const BOUNDSHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
const MERGE_CELLS: u16 = 0x00E5;
const MUL_RK: u16 = 0x00BD;
/// Records that hold one cell, its row and column first: Number, Label, RString, BoolErr,
/// Rk, LabelSst, Formula.
const ONE_CELL: [u16; 7] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006];

/// The sheet's name from its BoundSheet8 record, for messages; the position when unreadable.
fn sheet_name(data: &[u8], index: usize) -> String {
    let fallback = || format!("第 {} 个工作表", index + 1);
    let (Some(&cch), Some(&flags)) = (data.get(6), data.get(7)) else {
        return fallback();
    };
    let chars = data.get(8..).unwrap_or_default();
    let name = if flags & 1 == 1 {
        let units: Vec<u16> = chars
            .chunks_exact(2)
            .take(cch as usize)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        chars
            .iter()
            .take(cch as usize)
            .map(|&b| char::from(b))
            .collect()
    };
    if name.trim().is_empty() {
        fallback()
    } else {
        name
    }
}

/// Walks the workbook globals for the sheets, then each sheet's own records the way calamine
/// will, measuring what calamine would allocate for it.
fn check_biff(stream: &[u8]) -> Result<(), Refusal> {
    let mut sheets = Vec::new();
    for record in records(stream, 0) {
        match record.typ {
            FILEPASS if u16_at(record.data, 0).unwrap_or(0) != 0 => return Err(Refusal::Encrypted),
            BOUNDSHEET => {
                let pos = u32_at(record.data, 0).unwrap_or(0) as usize;
                sheets.push((pos, sheet_name(record.data, sheets.len())));
                if sheets.len() > MAX_SHEETS {
                    return Err(Refusal::TooLarge(sheets_over_limit()));
                }
            }
            EOF => break,
            _ => {}
        }
    }
    let mut workbook_cells = 0u64;
    for (pos, name) in sheets {
        if pos > stream.len() {
            return Err(Refusal::corrupt(
                format!("工作表“{name}”的位置超出了工作簿数据流"),
                "",
            ));
        }
        workbook_cells += check_sheet(stream, pos, &name)?;
        if workbook_cells > MAX_WORKBOOK_CELLS {
            return Err(Refusal::TooLarge(workbook_cells_over_limit()));
        }
    }
    Ok(())
}

/// Bounds of the cells seen so far.
#[derive(Default)]
struct Extent {
    rows: Option<(u32, u32)>,
    cols: Option<(u32, u32)>,
}

impl Extent {
    fn add(&mut self, row: u32, first_col: u32, last_col: u32) {
        let widen = |span: &mut Option<(u32, u32)>, lo: u32, hi: u32| {
            *span = Some(match *span {
                Some((a, b)) => (a.min(lo), b.max(hi)),
                None => (lo, hi),
            })
        };
        widen(&mut self.rows, row, row);
        widen(&mut self.cols, first_col, last_col.max(first_col));
    }

    fn area(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1),
            _ => 0,
        }
    }
}

/// One sheet's records: its declared extent (calamine reserves that many cells), the area its
/// cells span (calamine lays them out densely), its cell count and merges. Returns the cells.
fn check_sheet(stream: &[u8], pos: usize, name: &str) -> Result<u64, Refusal> {
    let mut extent = Extent::default();
    let mut cells = 0u64;
    let mut merges = 0usize;
    let mut seen_bof = false;
    let mut nested = 0usize;
    for record in records(stream, pos) {
        if nested > 0 {
            match record.typ {
                BOF => nested += 1,
                EOF => nested -= 1,
                _ => {}
            }
            continue;
        }
        match record.typ {
            BOF if seen_bof => nested += 1,
            BOF => seen_bof = true,
            EOF => break,
            DIMENSIONS if declared_cells(record.data) > MAX_SHEET_CELLS => {
                return Err(Refusal::TooLarge(format!(
                    "工作表“{name}”声明的单元格范围超过 {} 万个单元格",
                    MAX_SHEET_CELLS / 10_000
                )));
            }
            MUL_RK => {
                let (Some(row), Some(first)) = (u16_at(record.data, 0), u16_at(record.data, 2))
                else {
                    continue;
                };
                let last =
                    u16_at(record.data, record.data.len().saturating_sub(2)).unwrap_or(first);
                extent.add(row, first, last);
                cells += u64::from(last.saturating_sub(first)) + 1;
            }
            MERGE_CELLS => {
                merges += u16_at(record.data, 0).unwrap_or(0) as usize;
                if merges > MAX_SHEET_MERGES {
                    return Err(Refusal::TooLarge(merges_over_limit(name)));
                }
            }
            typ if ONE_CELL.contains(&typ) => {
                let (Some(row), Some(col)) = (u16_at(record.data, 0), u16_at(record.data, 2))
                else {
                    continue;
                };
                extent.add(row, col, col);
                cells += 1;
            }
            _ => {}
        }
        if cells > MAX_SHEET_CELLS || extent.area() > MAX_SHEET_CELLS {
            return Err(Refusal::TooLarge(cells_over_limit(name)));
        }
    }
    Ok(cells)
}

/// Cells a DIMENSIONS record makes calamine reserve, computed as calamine computes it (in
/// 32-bit arithmetic that wraps in a release build, so a first row after the last declares
/// some four billion rows).
fn declared_cells(data: &[u8]) -> u64 {
    let fields = match data.len() {
        10 => (
            u16_at(data, 0),
            u16_at(data, 2),
            u16_at(data, 4),
            u16_at(data, 6),
        ),
        14 | 16 => (
            u32_at(data, 0),
            u32_at(data, 4),
            u16_at(data, 8),
            u16_at(data, 10),
        ),
        _ => return 0,
    };
    let (Some(first_row), Some(last_row), Some(first_col), Some(last_col)) = fields else {
        return 0;
    };
    let first_col = if first_col > 0xFF || last_col < first_col {
        0
    } else {
        first_col
    };
    if last_row < 1 || last_col < 1 {
        return 1;
    }
    let rows = (last_row - 1).wrapping_sub(first_row).wrapping_add(1);
    let cols = (last_col - 1).wrapping_sub(first_col).wrapping_add(1);
    u64::from(rows) * u64::from(cols)
}

#[cfg(test)]
mod tests;
