//! `budget-cli export`: the standard 预算 or 决算 disclosure workbook of a unit and year.

use std::path::Path;

use budget_core::model::DisclosureKind;

use crate::CliError;

pub fn export(db: &Path, unit: &str, year: i32, kind: &str, out: &Path) -> Result<(), CliError> {
    let kind = crate::disclosure_kind(kind)?;
    let store = crate::open_existing(db)?;
    let (found, disclosure) = store.find_disclosure(unit, year, kind)?;
    match kind {
        DisclosureKind::Budget => {
            budget_core::prepare::export_disclosure(&store, disclosure.id, out)?
        }
        DisclosureKind::FinalAccounts => {
            budget_core::prepare::final_accounts::export_final_disclosure(
                &store,
                disclosure.id,
                out,
            )?
        }
    }
    outln!(
        "已导出“{}”{year}年部门{}公开表：{}",
        found.name,
        kind.label(),
        out.display()
    );
    Ok(())
}
