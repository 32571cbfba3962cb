//! 决算数据 imported from a flat workbook (`xlsx::final_data`): all or nothing, after a backup of
//! the database, into a 决算 disclosure (created for the unit and year when needed).

use std::path::{Path, PathBuf};

use crate::error::{CoreError, ErrorCode};
use crate::final_accounts::{validate, DataProblem};
use crate::model::{Disclosure, DisclosureKind, Unit};
use crate::store::Store;
use crate::xlsx::final_data::{read_final_data, FinalDataProblem};

/// What an import of 决算数据 did.
#[derive(Debug)]
pub struct FinalImportOutcome {
    /// The unit of the disclosure.
    pub unit: Unit,
    /// The 决算 disclosure the data replaced.
    pub disclosure: Disclosure,
    /// Number of spending lines (支出) imported.
    pub lines: usize,
    /// Number of income lines (收入) imported.
    pub incomes: usize,
    /// Number of carry-over rows (结转和结余) imported.
    pub carry_overs: usize,
    /// The copy of the database taken before anything was written.
    pub backup: PathBuf,
    /// What the saved data still lack (funds that do not balance, codes not in the catalog).
    pub problems: Vec<DataProblem>,
}

/// Why nothing was imported.
#[derive(Debug, thiserror::Error)]
pub enum FinalImportError {
    /// The workbook could not be read as 决算数据; each problem is at its sheet and cell.
    #[error("决算数据工作簿有 {} 处问题，未导入", .0.len())]
    Problems(Vec<FinalDataProblem>),
    /// The disclosure is not a 决算, the file cannot be opened, or the database failed.
    #[error(transparent)]
    Core(#[from] CoreError),
}

impl FinalImportError {
    /// The kind of failure, as the UI branches on it ([`ErrorCode`]).
    pub fn code(&self) -> ErrorCode {
        match self {
            FinalImportError::Problems(_) => ErrorCode::ImportProblems,
            FinalImportError::Core(e) => e.code(),
        }
    }
}

/// A refused 决算数据 workbook reaches the shell with its code (its problems are listed apart).
impl From<FinalImportError> for CoreError {
    fn from(err: FinalImportError) -> Self {
        CoreError::area(err.code(), &err)
    }
}

/// Reads a 决算数据 workbook and replaces the data of the 决算 disclosure `disclosure_id` with
/// it: all or nothing, after a backup of the database.
pub fn import_final_data_into(
    store: &mut Store,
    disclosure_id: i64,
    path: &Path,
) -> Result<FinalImportOutcome, FinalImportError> {
    let disclosure = store.get_disclosure(disclosure_id)?;
    if disclosure.kind != DisclosureKind::FinalAccounts {
        return Err(CoreError::Invalid(format!(
            "{}年{}公开不能导入决算数据。",
            disclosure.year,
            disclosure.kind.label()
        ))
        .into());
    }
    let book = crate::xlsx::load(path).map_err(CoreError::from)?;
    let data = read_final_data(&book).map_err(FinalImportError::Problems)?;
    let backup = store.backup_before_import()?;
    store.save_final_data(disclosure_id, &data)?;
    let catalog = store.catalog(disclosure.year)?;
    Ok(FinalImportOutcome {
        unit: store.get_unit(disclosure.unit_id)?,
        disclosure,
        lines: data.lines.len(),
        incomes: data.incomes.len(),
        carry_overs: data.carry_overs.len(),
        backup,
        problems: validate(&data, &catalog),
    })
}

/// As `import_final_data_into`, for the unit `unit` (code or name) and `year`; the 决算
/// disclosure is created when the unit has none for the year.
pub fn import_final_data(
    store: &mut Store,
    path: &Path,
    unit: &str,
    year: i32,
) -> Result<FinalImportOutcome, FinalImportError> {
    let found = store.find_unit(unit)?.ok_or_else(|| {
        CoreError::Invalid(format!(
            "数据库中没有单位“{unit}”，请先新建该单位，或指定已有单位的编码。"
        ))
    })?;
    let existing = store
        .list_disclosures(found.id)?
        .into_iter()
        .find(|d| d.year == year && d.kind == DisclosureKind::FinalAccounts);
    // Read first, so that a broken workbook creates nothing.
    let book = crate::xlsx::load(path).map_err(CoreError::from)?;
    read_final_data(&book).map_err(FinalImportError::Problems)?;
    let disclosure = match existing {
        Some(d) => d,
        None => store.create_disclosure(found.id, year, DisclosureKind::FinalAccounts)?,
    };
    import_final_data_into(store, disclosure.id, path)
}
