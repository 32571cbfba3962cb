//! What preparing a disclosure needs from both front ends: importing a line workbook into the
//! database (all-or-nothing, with a backup first) and the disclosure's derived tables.

pub mod document;
pub mod evaluation_start;
pub mod final_accounts;
mod final_import;
mod final_performance;
pub mod unit_targets;

pub use document::{
    document_gaps_for_disclosure, generate_for_disclosure, load_document_input,
    prior_year_from_store, save_disclosure_document, save_disclosure_document_workbook,
};
pub use unit_targets::{save_public_targets, targets_by_unit, targets_for_export, UnitTargets};

use std::path::{Path, PathBuf};

use crate::catalog::Catalog;
use crate::error::{CoreError, ErrorCode};
use crate::lines::import::{read_lines, ImportProblem};
use crate::lines::{derive_tables_by_unit, DeriveContext};
use crate::model::{Disclosure, Unit};
use crate::store::Store;
use crate::tables::{template, BudgetTables};
use crate::xlsx::write::{save_disclosure_workbook, write_disclosure_workbook, WorkbookHeader};

/// What an import of a line workbook did.
#[derive(Debug)]
pub struct ImportOutcome {
    /// The unit the lines went to.
    pub unit: Unit,
    /// Its 预算 disclosure of the year, created when it did not exist.
    pub disclosure: Disclosure,
    /// Number of budget lines written.
    pub lines: usize,
    /// Number of projects written.
    pub projects: usize,
    /// The copy of the database taken before anything was written.
    pub backup: PathBuf,
}

/// Why a line workbook was not imported; in either case the database is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The workbook has problems; nothing was written.
    #[error("导入失败，共 {} 处问题，数据库未作任何修改：\n{}", .0.len(), .0.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))]
    Problems(Vec<ImportProblem>),
    /// The database could not be read or written, or the unit or year could not be told.
    #[error(transparent)]
    Core(#[from] CoreError),
}

impl ImportError {
    /// The kind of failure, as the UI branches on it ([`ErrorCode`]).
    pub fn code(&self) -> ErrorCode {
        match self {
            ImportError::Problems(_) => ErrorCode::ImportProblems,
            ImportError::Core(e) => e.code(),
        }
    }
}

/// A refused line workbook reaches the shell with its code (its problems are listed in the message).
impl From<ImportError> for CoreError {
    fn from(err: ImportError) -> Self {
        CoreError::area(err.code(), &err)
    }
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
    let catalog = store.catalog(year.unwrap_or(latest))?;
    let imported = read_lines(path, &catalog).map_err(ImportError::Problems)?;
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
    let backup = store.backup_before_import()?;
    let disclosure = store.import_lines(unit.id, year, &imported.set)?;
    Ok(ImportOutcome {
        unit,
        disclosure,
        lines: imported.set.lines.len(),
        projects: imported.set.projects.len(),
        backup,
    })
}

/// Where a line workbook says it comes from, when that is not the disclosure it is being
/// imported into: the user is asked before the lines of another unit or year replace these.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ForeignOrigin {
    /// The sentence to show: "工作簿的编制部门是“…”，不是“…”。"
    pub message: String,
}

/// Compares what a line workbook states (编制部门, year) with the disclosure it is about to
/// replace. `None` when they agree, when the workbook states nothing, or when it cannot be read
/// (the import itself then lists the problems).
pub fn foreign_origin(
    store: &Store,
    path: &Path,
    disclosure_id: i64,
) -> Result<Option<ForeignOrigin>, CoreError> {
    let disclosure = store.get_disclosure(disclosure_id)?;
    let unit = store.get_unit(disclosure.unit_id)?;
    let catalog = store.catalog(disclosure.year)?;
    let Ok(imported) = read_lines(path, &catalog) else {
        return Ok(None);
    };
    let mut differs = Vec::new();
    if let Some(stated) = imported.unit.as_deref().filter(|s| !names_unit(s, &unit)) {
        differs.push(format!("编制部门是“{stated}”，不是“{}”", unit.name));
    }
    if let Some(year) = imported.year.filter(|y| *y != disclosure.year) {
        differs.push(format!("年度是{year}年，不是{}年", disclosure.year));
    }
    Ok((!differs.is_empty()).then(|| ForeignOrigin {
        message: format!("所选工作簿的{}。", differs.join("，")),
    }))
}

/// "若羌县人民政府办公室", "101001", "101001－若羌县人民政府办公室" all name the same unit.
fn names_unit(stated: &str, unit: &Unit) -> bool {
    let fold = |t: &str| -> String { t.chars().filter(|c| !c.is_whitespace()).collect() };
    let stated = fold(stated);
    stated == fold(&unit.name)
        || stated == fold(&unit.code)
        || (stated.contains(&fold(&unit.name)) && !unit.name.trim().is_empty())
}

/// The standard tables of a disclosure, derived from its saved lines (summed with its units'
/// when it is 汇总) with its template.
pub fn disclosure_tables(store: &Store, disclosure_id: i64) -> Result<BudgetTables, CoreError> {
    let disclosure = store.get_disclosure(disclosure_id)?;
    let unit = store.get_unit(disclosure.unit_id)?;
    let template = template(&disclosure.template).ok_or_else(|| {
        CoreError::Invalid(format!("公开表模板“{}”不存在。", disclosure.template))
    })?;
    let (set, owners) = crate::consolidate::lines_for_tables_by_unit(store, &disclosure)?;
    Ok(derive_tables_by_unit(
        &set,
        &DeriveContext {
            template,
            catalog: &store.catalog(disclosure.year)?,
            unit_name: &unit.name,
            year: disclosure.year,
        },
        &owners,
    ))
}

/// One function class in the overview chart.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ClassShare {
    /// 功能分类 类 code (3 digits).
    pub code: String,
    /// The class's name as T3 prints it.
    pub name: String,
    /// All the class's expenditure (分; shown in 万元).
    pub total: crate::money::Money,
    /// 基本支出 (人员经费 and 公用经费 included).
    pub basic: crate::money::Money,
    /// 项目支出.
    pub project: crate::money::Money,
}

/// What the overview shows: totals, the 基本/项目 split and expenditure by function class.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct DisclosureOverview {
    /// All expenditure of T3, summed over the classes.
    pub total: crate::money::Money,
    /// 基本支出 of all classes.
    pub basic: crate::money::Money,
    /// 项目支出 of all classes.
    pub project: crate::money::Money,
    /// The function classes (类) in T3's order.
    pub classes: Vec<ClassShare>,
}

/// The overview of a disclosure, from its T3 (all money, by function class).
pub fn overview(tables: &BudgetTables) -> DisclosureOverview {
    use crate::money::Money;
    let value = |a: &Option<crate::tables::Amount>| a.as_ref().map_or(Money::ZERO, |a| a.value);
    let mut out = DisclosureOverview {
        total: Money::ZERO,
        basic: Money::ZERO,
        project: Money::ZERO,
        classes: Vec::new(),
    };
    let Some(t3) = &tables.t3 else {
        return out;
    };
    for row in &t3.body.rows {
        let Some(code) = row.label.code.as_ref().filter(|c| c.len() == 3) else {
            continue;
        };
        let share = ClassShare {
            code: code.clone(),
            name: row.label.name.clone(),
            total: row.total.value,
            basic: value(&row.basic) + value(&row.personnel) + value(&row.public),
            project: value(&row.project),
        };
        out.total += share.total;
        out.basic += share.basic;
        out.project += share.project;
        out.classes.push(share);
    }
    out
}

/// What writing a disclosure's workbook needs: its derived tables, template and header.
fn workbook_parts(
    store: &Store,
    disclosure_id: i64,
) -> Result<
    (
        BudgetTables,
        &'static crate::tables::Template,
        WorkbookHeader,
    ),
    CoreError,
> {
    let disclosure = store.get_disclosure(disclosure_id)?;
    let unit = store.get_unit(disclosure.unit_id)?;
    let template = template(&disclosure.template).ok_or_else(|| {
        CoreError::Invalid(format!("公开表模板“{}”不存在。", disclosure.template))
    })?;
    let header = WorkbookHeader {
        unit: unit.name,
        year: disclosure.year,
    };
    Ok((disclosure_tables(store, disclosure_id)?, template, header))
}

/// The disclosure's standard workbook (bytes), in its template's layout.
pub fn disclosure_workbook(store: &Store, disclosure_id: i64) -> Result<Vec<u8>, CoreError> {
    let (tables, template, header) = workbook_parts(store, disclosure_id)?;
    write_disclosure_workbook(&tables, template, &header).map_err(CoreError::from)
}

/// Writes the disclosure's standard workbook to `path`.
pub fn export_disclosure(store: &Store, disclosure_id: i64, path: &Path) -> Result<(), CoreError> {
    let (tables, template, header) = workbook_parts(store, disclosure_id)?;
    save_disclosure_workbook(path, &tables, template, &header).map_err(CoreError::from)
}

/// The disclosure's tables exactly as the exported workbook lays them out, one view per sheet,
/// so what the screen shows is what will be printed.
pub fn disclosure_preview(
    store: &Store,
    disclosure_id: i64,
) -> Result<Vec<crate::sheet_view::SheetView>, CoreError> {
    let bytes = disclosure_workbook(store, disclosure_id)?;
    let book = crate::xlsx::load_bytes(Path::new("预览.xlsx"), bytes).map_err(CoreError::from)?;
    Ok(book
        .sheets
        .iter()
        .map(crate::sheet_view::view_of_grid)
        .collect())
}

#[cfg(test)]
mod origin_tests {
    use super::*;
    use crate::model::UnitType;

    fn unit(name: &str, code: &str) -> Unit {
        Unit {
            id: 1,
            name: name.into(),
            code: code.into(),
            unit_type: UnitType::Administrative,
            parent_id: None,
        }
    }

    fn lines_workbook(dir: &Path, unit: &str, year: i32) -> PathBuf {
        let path = dir.join("lines.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let rows: [&[&str]; 4] = [
            &[&format!("{year}年预算明细")],
            &[&format!("编制部门：{unit}")],
            &[
                "功能分类",
                "经济分类",
                "资金来源",
                "支出类型",
                "金额（万元）",
            ],
            &["2010301", "30101", "一般公共预算", "人员经费", "98.48"],
        ];
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                sheet.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
        book.save(&path).unwrap();
        path
    }

    #[test]
    fn a_workbook_of_another_unit_or_year_is_named_before_it_replaces_the_lines() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("d.sqlite")).unwrap();
        let u = store
            .create_unit(&crate::model::UnitInput {
                name: "若羌县审计局".into(),
                code: "101009".into(),
                unit_type: UnitType::Administrative,
                parent_id: None,
            })
            .unwrap();
        let d = store
            .create_disclosure(u.id, 2024, crate::model::DisclosureKind::Budget)
            .unwrap();
        let own = lines_workbook(dir.path(), "若羌县审计局", 2024);
        assert_eq!(foreign_origin(&store, &own, d.id).unwrap(), None);
        let other = lines_workbook(dir.path(), "若羌县财政局", 2023);
        let found = foreign_origin(&store, &other, d.id).unwrap().unwrap();
        assert!(
            found
                .message
                .contains("编制部门是“若羌县财政局”，不是“若羌县审计局”"),
            "{}",
            found.message
        );
        assert!(
            found.message.contains("年度是2023年，不是2024年"),
            "{}",
            found.message
        );
    }

    #[test]
    fn a_unit_is_named_by_its_name_its_code_or_both() {
        let u = unit("若羌县人民政府办公室", "101001");
        assert!(names_unit("若羌县人民政府办公室", &u));
        assert!(names_unit(" 101001 ", &u));
        assert!(names_unit("101001－若羌县人民政府办公室", &u));
        assert!(!names_unit("若羌县财政局", &u));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::{derive_tables, BudgetLine, FundSource, LineSet, SpendingType};
    use crate::money::{parse_amount, Scale};

    fn line(f: &str, spending: SpendingType, amount: &str) -> BudgetLine {
        BudgetLine {
            function_code: f.into(),
            economic_code: "30101".into(),
            source: FundSource::GeneralBudget,
            carried_over: false,
            spending,
            project_code: None,
            amount: parse_amount(amount, Scale::Wanyuan).unwrap().unwrap(),
            note: String::new(),
        }
    }

    #[test]
    fn overview_sums_classes_and_the_basic_project_split() {
        let set = LineSet {
            projects: vec![],
            lines: vec![
                line("2010301", SpendingType::Personnel, "265.54"),
                line("2080505", SpendingType::Personnel, "47.27"),
                line("2010350", SpendingType::Public, "1.00"),
            ],
        };
        let tables = derive_tables(
            &set,
            &DeriveContext {
                template: template("county-11").expect("template"),
                catalog: Catalog::embedded(2024),
                unit_name: "甲",
                year: 2024,
            },
        );
        let o = overview(&tables);
        assert_eq!(o.total.plain_wanyuan(), "313.81");
        assert_eq!(o.basic, o.total);
        assert_eq!(
            o.classes
                .iter()
                .map(|c| c.code.as_str())
                .collect::<Vec<_>>(),
            ["201", "208"]
        );
        assert_eq!(o.classes[0].name, "一般公共服务支出");
        assert_eq!(o.classes[0].total.plain_wanyuan(), "266.54");
    }
}
