//! Importing the official 政府收支分类科目 workbook a finance bureau distributes: code and name
//! columns, 类/款/项 told by the code's length. What is new or renamed is listed first; applying
//! it stores the entries for the year, on top of the embedded catalog.

use crate::error::{CoreError, ErrorCode};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::catalog::{split_code_name, Catalog, CatalogEntry, Classification, Level};
use crate::text::{a1, fold_label};
use crate::xlsx::{self, SheetGrid};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
/// One 科目 read from an official catalog workbook (or stored from one for a year).
#[ts(export)]
pub struct ImportedEntry {
    /// From the sheet's name or the text above its header ("经济" means 经济分类).
    pub class: Classification,
    /// The canonical digit string, of a length valid for `class`.
    pub code: String,
    /// The name as the workbook writes it, trimmed; never empty.
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
/// A code the current catalog already has under another name.
#[ts(export)]
pub struct RenamedEntry {
    /// The classification of the code.
    pub class: Classification,
    /// The canonical code.
    pub code: String,
    /// The name in the current catalog.
    pub old_name: String,
    /// The name in the imported workbook.
    pub new_name: String,
}

/// What applying a catalog workbook would change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct CatalogChanges {
    /// The year the entries would be stored for.
    pub year: i32,
    /// Codes the current catalog lacks, in workbook order.
    pub added: Vec<ImportedEntry>,
    /// Codes whose name differs, in workbook order.
    pub renamed: Vec<RenamedEntry>,
    /// How many entries the current catalog already has with the same name.
    pub unchanged: u32,
}

/// Why a catalog workbook could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CatalogImportError {
    /// The file could not be read as a workbook.
    #[error(transparent)]
    Read(#[from] xlsx::ReadError),
    /// No sheet has a code header (编码, 代码 or 科目) in its first 20 rows, or no entry is read.
    #[error("工作簿中没有找到科目表：需要“科目编码”和“科目名称”两列（表名或标题中写明“功能分类”或“经济分类”）。")]
    NoCatalog,
    /// Rows whose code is not a valid code of the sheet's classification, or that have no
    /// name; one Chinese message per row, naming sheet and cell. Nothing is imported then.
    #[error("科目表有 {} 处问题，未导入：{}", .0.len(), .0.join("；"))]
    Problems(Vec<String>),
}

impl CatalogImportError {
    /// The kind of failure, as the UI branches on it ([`ErrorCode`]).
    pub fn code(&self) -> ErrorCode {
        match self {
            CatalogImportError::Read(e) => e.code(),
            CatalogImportError::NoCatalog => ErrorCode::NoCatalog,
            CatalogImportError::Problems(_) => ErrorCode::ImportProblems,
        }
    }
}

/// A refused 科目表 workbook reaches the shell with its code.
impl From<CatalogImportError> for CoreError {
    fn from(err: CatalogImportError) -> Self {
        CoreError::area(err.code(), &err)
    }
}

/// Which classification a sheet holds, from its name or the text above its header.
fn classification_of(grid: &SheetGrid, header_row: u32) -> Classification {
    let mut text = fold_label(&grid.name);
    for row in 0..header_row {
        for (_, v) in grid.row_cells(row) {
            text.push_str(&fold_label(&v.display()));
        }
    }
    if text.contains("经济") {
        Classification::Economic
    } else {
        Classification::Function
    }
}

/// The header row and the code and name columns (or one column holding both).
fn find_columns(grid: &SheetGrid) -> Option<(u32, u32, Option<u32>)> {
    (0..grid.height().min(20)).find_map(|row| {
        let mut code = None;
        let mut name = None;
        for (col, v) in grid.row_cells(row) {
            let t = fold_label(&v.display());
            if code.is_none() && (t.contains("编码") || t.contains("代码") || t == "科目") {
                code = Some(col);
            } else if name.is_none() && t.contains("名称") {
                name = Some(col);
            }
        }
        code.map(|c| (row, c, name))
    })
}

fn level_of(class: Classification, code: &str) -> Option<Level> {
    match (class, code.len()) {
        (_, 3) => Some(Level::Lei),
        (_, 5) => Some(Level::Kuan),
        (Classification::Function, 7) => Some(Level::Xiang),
        _ => None,
    }
}

/// Every entry of the catalog workbook at `path`, or every problem found.
pub fn read_catalog_workbook(path: &Path) -> Result<Vec<ImportedEntry>, CatalogImportError> {
    let book = xlsx::load(path)?;
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for grid in &book.sheets {
        let Some((header, code_col, name_col)) = find_columns(grid) else {
            continue;
        };
        let class = classification_of(grid, header);
        for row in header + 1..grid.height() {
            let raw_code = grid.cell(row, code_col).display();
            let raw_name = name_col
                .map(|c| grid.cell(row, c).display())
                .unwrap_or_default();
            if raw_code.trim().is_empty() && raw_name.trim().is_empty() {
                continue;
            }
            let (code, joined_name) = split_code_name(&raw_code);
            let code = code.or_else(|| {
                let digits: String = raw_code.trim().trim_end_matches(".0").to_string();
                digits.bytes().all(|b| b.is_ascii_digit()).then_some(digits)
            });
            let name = if raw_name.trim().is_empty() {
                joined_name
            } else {
                raw_name.trim().to_string()
            };
            match code.filter(|c| level_of(class, c).is_some()) {
                Some(code) if !name.is_empty() => entries.push(ImportedEntry { class, code, name }),
                _ => problems.push(format!(
                    "工作表“{}”{}：“{}”不是{}的科目编码或缺少名称",
                    grid.name,
                    a1(row, code_col),
                    raw_code.trim(),
                    match class {
                        Classification::Function => "功能分类（3/5/7位）",
                        Classification::Economic => "经济分类（3/5位）",
                    }
                )),
            }
        }
    }
    if !problems.is_empty() {
        return Err(CatalogImportError::Problems(problems));
    }
    if entries.is_empty() {
        return Err(CatalogImportError::NoCatalog);
    }
    Ok(entries)
}

/// What `entries` would add to or rename in `current`.
pub fn changes(current: &Catalog, year: i32, entries: &[ImportedEntry]) -> CatalogChanges {
    let mut out = CatalogChanges {
        year,
        ..CatalogChanges::default()
    };
    for e in entries {
        match current.lookup(e.class, &e.code) {
            None => out.added.push(e.clone()),
            Some(known) if known.name != e.name => out.renamed.push(RenamedEntry {
                class: e.class,
                code: e.code.clone(),
                old_name: known.name.clone(),
                new_name: e.name.clone(),
            }),
            Some(_) => out.unchanged += 1,
        }
    }
    out
}

/// `base` with the stored entries of its year laid over it.
pub fn with_entries(base: &Catalog, entries: &[ImportedEntry]) -> Catalog {
    let mut catalog = base.clone();
    for e in entries {
        if let Some(level) = level_of(e.class, &e.code) {
            catalog.insert(
                e.class,
                CatalogEntry {
                    code: e.code.clone(),
                    name: e.name.clone(),
                    level,
                },
            );
        }
    }
    catalog
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::Workbook;

    fn workbook(rows: &[(&str, &[&str])]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("科目.xlsx");
        let mut book = Workbook::new();
        for (sheet_name, lines) in rows {
            let ws = book.add_worksheet().set_name(*sheet_name).unwrap();
            for (r, line) in lines.iter().enumerate() {
                for (c, v) in line.split('|').enumerate() {
                    ws.write_string(r as u32, c as u16, v).unwrap();
                }
            }
        }
        book.save(&path).unwrap();
        (dir, path)
    }

    #[test]
    fn reads_both_classifications_and_lists_what_changes() {
        let (_d, path) = workbook(&[
            (
                "2025年政府收支分类科目（支出功能分类）",
                &[
                    "科目编码|科目名称",
                    "201|一般公共服务支出",
                    "20103|政府办公厅（室）及相关机构事务",
                    "2010361|数字政府建设",
                    "2010301|行政运行（新）",
                ],
            ),
            (
                "部门支出经济分类",
                &["编码|名称", "30101|基本工资", "30232|新增商品服务"],
            ),
        ]);
        let entries = read_catalog_workbook(&path).unwrap();
        assert_eq!(entries.len(), 6);
        assert_eq!(entries[5].class, Classification::Economic);
        let c = changes(Catalog::embedded(2025), 2025, &entries);
        assert_eq!(
            c.added.iter().map(|e| e.code.as_str()).collect::<Vec<_>>(),
            ["2010361", "30232"]
        );
        assert_eq!(c.renamed.len(), 1);
        assert_eq!(c.renamed[0].old_name, "行政运行");
        assert_eq!(c.unchanged, 3);
        let merged = with_entries(Catalog::embedded(2025), &entries);
        assert_eq!(merged.function("2010361").unwrap().level, Level::Xiang);
        assert_eq!(merged.function("2010301").unwrap().name, "行政运行（新）");
    }

    #[test]
    fn a_bad_code_is_named_by_its_cell_and_nothing_is_returned() {
        let (_d, path) = workbook(&[(
            "功能分类",
            &["科目编码|科目名称", "201|一般公共服务支出", "20|太短"],
        )]);
        let err = read_catalog_workbook(&path).unwrap_err();
        assert!(err.to_string().contains("A3"), "{err}");
        let (_d, path) = workbook(&[("说明", &["本表说明"])]);
        assert!(matches!(
            read_catalog_workbook(&path),
            Err(CatalogImportError::NoCatalog)
        ));
    }
}
