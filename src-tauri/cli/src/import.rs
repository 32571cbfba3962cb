//! `budget-cli import`: a line, targets or 决算数据 workbook into the database, all or nothing.
//! A missing database is created (said on stderr); with `--create-unit` a unit the database does
//! not know is created too, and removed again when the import fails (`Store::with_unit`).

use std::path::Path;

use budget_core::import::targets::{import_targets_file, is_targets_workbook, TargetImportOutcome};
use budget_core::model::{DisclosureKind, UnitInput};
use budget_core::prepare::final_accounts::{
    import_final_data, FinalImportError, FinalImportOutcome,
};
use budget_core::prepare::{import_lines_file, ImportError, ImportOutcome};
use budget_core::targets::TargetImportError;
use budget_core::{CoreError, Store};

use crate::CliError;

/// What the command line says about the import.
pub struct ImportArgs<'a> {
    pub file: &'a Path,
    pub db: &'a Path,
    pub unit: Option<&'a str>,
    pub year: Option<i32>,
    pub kind: &'a str,
    pub create_unit: bool,
    pub unit_name: Option<&'a str>,
    pub unit_type: Option<&'a str>,
}

enum Imported {
    Lines(ImportOutcome),
    Targets(TargetImportOutcome),
    Final(FinalImportOutcome),
}

/// Why an import wrote nothing, as each importer says it.
#[derive(Debug, thiserror::Error)]
enum Failure {
    #[error(transparent)]
    Lines(ImportError),
    #[error(transparent)]
    Targets(TargetImportError),
    #[error(transparent)]
    Final(FinalImportError),
    #[error(transparent)]
    Core(CoreError),
}

impl From<CoreError> for Failure {
    fn from(err: CoreError) -> Self {
        Failure::Core(err)
    }
}

/// One import into the unit `unit` (code or name; `None`: the one the workbook names).
fn run(
    store: &mut Store,
    kind: DisclosureKind,
    file: &Path,
    unit: Option<&str>,
    year: Option<i32>,
) -> Result<Imported, Failure> {
    match kind {
        DisclosureKind::FinalAccounts => {
            let (Some(unit), Some(year)) = (unit, year) else {
                return Err(
                    CoreError::Invalid("导入决算数据须指定 --unit 和 --year。".into()).into(),
                );
            };
            import_final_data(store, file, unit, year)
                .map(Imported::Final)
                .map_err(Failure::Final)
        }
        DisclosureKind::Budget if is_targets_workbook(file) => {
            import_targets_file(store, file, unit, year)
                .map(Imported::Targets)
                .map_err(Failure::Targets)
        }
        DisclosureKind::Budget => import_lines_file(store, file, unit, year)
            .map(Imported::Lines)
            .map_err(Failure::Lines),
    }
}

/// The unit `--create-unit` creates when it is missing, from `--unit`, `--unit-name` and
/// `--unit-type`; `None` without `--create-unit`. Checked before the database is touched.
fn unit_to_create(args: &ImportArgs<'_>) -> Result<Option<UnitInput>, CliError> {
    if !args.create_unit {
        if args.unit_name.is_some() || args.unit_type.is_some() {
            return Err(CoreError::Invalid(
                "--unit-name 和 --unit-type 只在加 --create-unit（新建单位）时使用。".into(),
            )
            .into());
        }
        return Ok(None);
    }
    let (Some(code), Some(name)) = (args.unit, args.unit_name) else {
        return Err(CoreError::Invalid(
            "加 --create-unit 时须用 --unit 给出新单位的编码、用 --unit-name 给出它的名称。".into(),
        )
        .into());
    };
    Ok(Some(UnitInput {
        name: name.to_string(),
        code: code.to_string(),
        unit_type: crate::setup::unit_type(args.unit_type.unwrap_or("行政"))?,
        parent_id: None,
    }))
}

/// Exit 0 imported, 1 the workbook has problems (nothing written), 2 anything else.
pub fn import(args: &ImportArgs<'_>) -> Result<u8, CliError> {
    let kind = crate::disclosure_kind(args.kind)?;
    if kind == DisclosureKind::FinalAccounts && (args.unit.is_none() || args.year.is_none()) {
        return Err(CoreError::Invalid("导入决算数据须指定 --unit 和 --year。".into()).into());
    }
    let new_unit = unit_to_create(args)?;
    let mut store = crate::setup::open_or_create(args.db)?;
    let result = match &new_unit {
        Some(input) => store
            .with_unit(input, |store, unit| {
                run(store, kind, args.file, Some(&unit.code), args.year)
            })
            .map(|(done, ensured)| {
                if ensured.created {
                    eprintln!(
                        "已新建单位“{}”（编码 {}，{}）。",
                        ensured.unit.name,
                        ensured.unit.code,
                        ensured.unit.unit_type.label()
                    );
                }
                done
            }),
        None => run(&mut store, kind, args.file, args.unit, args.year),
    };
    match result {
        Ok(done) => {
            report(&done);
            Ok(0)
        }
        Err(failure) => refused(failure, args.db),
    }
}

fn report(done: &Imported) {
    match done {
        Imported::Lines(done) => {
            outln!(
                "已导入 {} 条预算明细、{} 个项目到“{}”{}年{}公开。",
                done.lines,
                done.projects,
                done.unit.name,
                done.disclosure.year,
                done.disclosure.kind.label()
            );
            outln!("导入前的数据库备份：{}", done.backup.display());
        }
        Imported::Targets(done) => {
            let department = if done.department {
                "和部门整体绩效目标"
            } else {
                ""
            };
            outln!(
                "已导入 {} 个项目的绩效目标（{} 个指标）{department}到“{}”{}年{}公开。",
                done.projects,
                done.indicators,
                done.unit.name,
                done.disclosure.year,
                done.disclosure.kind.label()
            );
            for w in &done.warnings {
                outln!("  [提示] {}", w.message);
            }
            outln!("导入前的数据库备份：{}", done.backup.display());
        }
        Imported::Final(done) => {
            outln!(
                "已导入 {} 条支出、{} 条收入、{} 条结转和结余到“{}”{}年决算公开。",
                done.lines,
                done.incomes,
                done.carry_overs,
                done.unit.name,
                done.disclosure.year
            );
            for p in &done.problems {
                outln!("  待处理：{}", p.message);
            }
            outln!("导入前的数据库备份：{}", done.backup.display());
        }
    }
}

/// Problems in the workbook: listed, exit 1. Anything else: an error, exit 2.
fn refused(failure: Failure, db: &Path) -> Result<u8, CliError> {
    let problems: Vec<String> = match failure {
        Failure::Lines(ImportError::Problems(problems)) => {
            problems.iter().map(ToString::to_string).collect()
        }
        Failure::Targets(TargetImportError::Invalid { problems }) => {
            problems.into_iter().map(|p| p.message).collect()
        }
        Failure::Final(FinalImportError::Problems(problems)) => {
            problems.iter().map(ToString::to_string).collect()
        }
        Failure::Targets(e @ (TargetImportError::Read(_) | TargetImportError::NoTargets)) => {
            eprintln!("错误：{e}");
            return Ok(2);
        }
        Failure::Lines(ImportError::Core(e))
        | Failure::Targets(TargetImportError::Core(e))
        | Failure::Final(FinalImportError::Core(e))
        | Failure::Core(e) => return Err(with_unit_hint(e, db)),
    };
    eprintln!(
        "导入失败，共 {} 处问题，数据库未作任何修改：",
        problems.len()
    );
    for p in &problems {
        eprintln!("  {p}");
    }
    Ok(1)
}

/// The importers refuse a unit the database does not have with "数据库中没有单位“…”…"; on the
/// command line the user is told the two ways to create it.
fn with_unit_hint(err: CoreError, db: &Path) -> CliError {
    match err {
        CoreError::Invalid(message) if message.starts_with("数据库中没有单位") => {
            CoreError::Invalid(format!(
                "{message}\n可先新建该单位：budget-cli unit add --db {} --code 编码 --name 名称；\
                 或在导入时加 --create-unit --unit 编码 --unit-name 名称，导入成功时一并新建。",
                db.display()
            ))
            .into()
        }
        other => other.into(),
    }
}
