//! What preparing a disclosure needs from both front ends: importing a line workbook into the
//! database (all-or-nothing, with a backup first) and the disclosure's derived tables.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::catalog::Catalog;
use crate::error::CoreError;
use crate::lines::import::{read_lines, ImportProblem};
use crate::lines::{derive_tables, DeriveContext};
use crate::model::{Disclosure, Unit};
use crate::store::Store;
use crate::tables::{template, BudgetTables};

#[derive(Debug)]
pub struct ImportOutcome {
    pub unit: Unit,
    pub disclosure: Disclosure,
    pub lines: usize,
    pub projects: usize,
    /// The copy of the database taken before anything was written.
    pub backup: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The workbook has problems; nothing was written.
    #[error("导入失败，共 {} 处问题，数据库未作任何修改：\n{}", .0.len(), .0.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))]
    Problems(Vec<ImportProblem>),
    #[error(transparent)]
    Core(#[from] CoreError),
}

impl ImportError {
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Problems(_) => "import_problems",
            ImportError::Core(e) => e.code(),
        }
    }
}

fn backup_path(db: &Path) -> PathBuf {
    let stamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default();
    let stem = db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "budget-desk".into());
    db.with_file_name(format!("{stem}.before-import-{stamp}.bak.sqlite"))
}

/// Reads a line workbook and puts it into the unit's 预算 disclosure of the year. The unit and
/// year come from the workbook (编制部门, a year in the title) unless given. Everything is
/// checked before the database is touched; then a backup is taken and the lines are written
/// in one transaction.
pub fn import_lines_file(
    store: &mut Store,
    path: &Path,
    unit: Option<&str>,
    year: Option<i32>,
) -> Result<ImportOutcome, ImportError> {
    let latest = Catalog::embedded_years().last().copied().unwrap_or(2024);
    let imported = read_lines(path, Catalog::embedded(year.unwrap_or(latest)))
        .map_err(ImportError::Problems)?;
    let unit_key = unit
        .map(str::to_string)
        .or(imported.unit.clone())
        .ok_or_else(|| {
            CoreError::Invalid(
                "工作簿中没有“编制部门”，请指定导入到哪个单位（单位编码或名称）。".into(),
            )
        })?;
    let unit = store.find_unit(&unit_key)?.ok_or_else(|| {
        CoreError::Invalid(format!(
            "数据库中没有单位“{unit_key}”，请先新建该单位，或指定已有单位的编码。"
        ))
    })?;
    let year = year
        .or(imported.year)
        .ok_or_else(|| CoreError::Invalid("工作簿中没有注明年度，请指定导入到哪一年。".into()))?;
    let backup = backup_path(store.path());
    store.backup_to(&backup)?;
    let disclosure = store.import_lines(unit.id, year, &imported.set)?;
    Ok(ImportOutcome {
        unit,
        disclosure,
        lines: imported.set.lines.len(),
        projects: imported.set.projects.len(),
        backup,
    })
}

/// The standard tables of a disclosure, derived from its saved lines with its template.
pub fn disclosure_tables(store: &Store, disclosure_id: i64) -> Result<BudgetTables, CoreError> {
    let disclosure = store.get_disclosure(disclosure_id)?;
    let unit = store.get_unit(disclosure.unit_id)?;
    let template = template(&disclosure.template).ok_or_else(|| {
        CoreError::Invalid(format!("公开表模板“{}”不存在。", disclosure.template))
    })?;
    let set = store.load_lines(disclosure_id)?;
    Ok(derive_tables(
        &set,
        &DeriveContext {
            template,
            catalog: Catalog::embedded(disclosure.year),
            unit_name: &unit.name,
            year: disclosure.year,
        },
    ))
}
