//! Starting from nothing: `init` creates a database, `unit add` the units a script then imports
//! into. Without them the command line could not be used before the window had been opened.

use std::path::Path;

use budget_core::model::{UnitInput, UnitType};
use budget_core::{CoreError, Store};

use crate::CliError;

/// Creates the database at `db`. An existing database is left as it is (said so): running a
/// setup script twice must not fail, nor empty anything.
pub fn init(db: &Path) -> Result<(), CliError> {
    if db.exists() {
        let store = Store::open(db)?;
        outln!(
            "数据库 {} 已存在（{} 个单位），未作改动。",
            db.display(),
            store.list_units()?.len()
        );
        return Ok(());
    }
    Store::open(db)?;
    outln!("已新建数据库 {}。", db.display());
    Ok(())
}

/// Opens the database at `db`, creating it when there is none (design §7: import creates one
/// too, saying so). Said on stderr, so that stdout stays the command's own result.
pub fn open_or_create(db: &Path) -> Result<Store, CliError> {
    if db.exists() {
        return Ok(Store::open(db)?);
    }
    let store = Store::open(db)?;
    eprintln!("已新建数据库 {}。", db.display());
    Ok(store)
}

/// 行政, 事业 or 参公 as the user typed it.
pub fn unit_type(label: &str) -> Result<UnitType, CliError> {
    UnitType::from_label(label).ok_or_else(|| {
        CoreError::Invalid(format!(
            "单位类型“{label}”无法识别，请写 行政、事业 或 参公。"
        ))
        .into()
    })
}

/// Adds a unit; `parent` is the code (or name) of a unit already in the database.
pub fn unit_add(
    db: &Path,
    code: &str,
    name: &str,
    unit_type: &str,
    parent: Option<&str>,
) -> Result<(), CliError> {
    let mut store = crate::open_existing(db)?;
    let unit_type = self::unit_type(unit_type)?;
    let parent_id = match parent {
        Some(p) => Some(
            store
                .find_unit(p)?
                .ok_or_else(|| CoreError::Invalid(format!("数据库中没有上级单位“{p}”。")))?
                .id,
        ),
        None => None,
    };
    let unit = store.create_unit(&UnitInput {
        name: name.to_string(),
        code: code.to_string(),
        unit_type,
        parent_id,
    })?;
    outln!(
        "已添加单位“{}”（编码 {}，{}）。",
        unit.name,
        unit.code,
        unit_type.label()
    );
    Ok(())
}
