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
        println!(
            "数据库 {} 已存在（{} 个单位），未作改动。",
            db.display(),
            store.list_units()?.len()
        );
        return Ok(());
    }
    Store::open(db)?;
    println!("已新建数据库 {}。", db.display());
    Ok(())
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
    let unit_type = UnitType::from_label(unit_type).ok_or_else(|| {
        CoreError::Invalid(format!(
            "单位类型“{unit_type}”无法识别，请写 行政、事业 或 参公。"
        ))
    })?;
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
    println!(
        "已添加单位“{}”（编码 {}，{}）。",
        unit.name,
        unit.code,
        unit_type.label()
    );
    Ok(())
}
