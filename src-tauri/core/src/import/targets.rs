//! Importing a targets workbook into the database, all or nothing: read and check everything,
//! find the unit and year, back the database up, then write in one transaction.

use std::path::{Path, PathBuf};

use crate::checks::Finding;
use crate::error::CoreError;
use crate::model::{Disclosure, Unit};
use crate::store::Store;
use crate::targets::read::{import_file, split_code_name, TargetImportError};
use crate::xlsx::{self, DocumentKind};

#[derive(Debug)]
/// What a targets import wrote, for the message shown after it.
pub struct TargetImportOutcome {
    /// The unit the targets went to: the one named by the caller, else by the workbook.
    pub unit: Unit,
    /// Its 预算 disclosure of the year, created if it did not exist.
    pub disclosure: Disclosure,
    /// 项目 (project) target tables imported; each replaced the stored project of its code or name.
    pub projects: usize,
    /// Indicators in those projects, all levels together.
    pub indicators: usize,
    /// Whether the workbook held a 部门整体 target table (it replaced the stored one).
    pub department: bool,
    /// Values kept verbatim: imported, to be looked at.
    pub warnings: Vec<Finding>,
    /// The copy of the database taken before anything was written.
    pub backup: PathBuf,
}

/// True when the workbook at `path` holds 绩效目标 tables rather than budget tables or a
/// self-evaluation.
pub fn is_targets_workbook(path: &Path) -> bool {
    xlsx::read(path).is_ok_and(|r| r.kind == DocumentKind::Targets)
}

/// Imports the targets of the workbook at `path` into the unit's 预算 disclosure of the year.
/// The unit ("114001－巴青县经信商务局机关": by code, else by name) and year come from the
/// workbook unless given.
pub fn import_targets_file(
    store: &mut Store,
    path: &Path,
    unit: Option<&str>,
    year: Option<i32>,
) -> Result<TargetImportOutcome, TargetImportError> {
    let read = import_file(path)?;
    let stated_unit = read
        .set
        .projects
        .iter()
        .map(|p| p.unit.as_str())
        .chain(read.set.department.iter().map(|d| d.department.as_str()))
        .find(|u| !u.trim().is_empty())
        .map(str::to_string);
    let unit = match unit {
        Some(key) => store.find_unit(key)?.ok_or_else(|| {
            CoreError::Invalid(format!(
                "数据库中没有单位“{key}”，请先新建该单位，或指定已有单位的编码。"
            ))
        })?,
        None => {
            let stated = stated_unit.ok_or_else(|| {
                CoreError::Invalid(
                    "工作簿中没有注明预算单位，请指定导入到哪个单位（单位编码或名称）。".into(),
                )
            })?;
            let (code, name) = split_code_name(&stated);
            let by_code = if code.is_empty() {
                None
            } else {
                store.find_unit(&code)?
            };
            match by_code {
                Some(u) => u,
                None => store.find_unit(&name)?.ok_or_else(|| {
                    CoreError::Invalid(format!(
                        "数据库中没有单位“{stated}”，请先新建该单位，或指定导入到哪个单位。"
                    ))
                })?,
            }
        }
    };
    let year = year
        .or(read.set.year)
        .ok_or_else(|| CoreError::Invalid("工作簿中没有注明年度，请指定导入到哪一年。".into()))?;
    let backup = store.backup_before_import()?;
    let disclosure = store.import_targets(unit.id, year, &read.set)?;
    Ok(TargetImportOutcome {
        unit,
        disclosure,
        projects: read.set.projects.len(),
        indicators: read.set.projects.iter().map(|p| p.indicators.len()).sum(),
        department: read.set.department.is_some(),
        warnings: read.problems,
        backup,
    })
}
