//! `budget-cli disclosure add | list`: the disclosures (一年一类公开表) of the units, so that a
//! script can open a year before it imports into it, and see what the database holds.

use std::path::Path;

use budget_core::CoreError;

use crate::CliError;

/// Adds the disclosure of `unit` (code or name) for `year` and `kind`; a second one of the same
/// unit, year and kind is refused.
pub fn add(
    db: &Path,
    unit: &str,
    year: i32,
    kind: &str,
    template: Option<&str>,
) -> Result<(), CliError> {
    let kind = crate::disclosure_kind(kind)?;
    let mut store = crate::open_existing(db)?;
    let found = store.find_unit(unit)?.ok_or_else(|| {
        CoreError::Invalid(format!(
            "数据库中没有单位“{}”，可先用 budget-cli unit add 添加。",
            unit.trim()
        ))
    })?;
    let disclosure = store.create_disclosure_with_template(found.id, year, kind, template)?;
    outln!(
        "已添加“{}”{}年{}公开（模板 {}）。",
        found.name,
        disclosure.year,
        disclosure.kind.label(),
        disclosure.template
    );
    Ok(())
}

/// Every disclosure (or those of `unit`): a tab-separated table, or JSON.
pub fn list(db: &Path, unit: Option<&str>, json: bool) -> Result<(), CliError> {
    let store = crate::open_existing(db)?;
    let listing = store.disclosure_listing(unit)?;
    if json {
        outln!("{}", serde_json::to_string_pretty(&listing)?);
        return Ok(());
    }
    if listing.is_empty() {
        match unit {
            Some(u) => outln!("（单位“{}”还没有公开表）", u.trim()),
            None => outln!("（数据库中还没有公开表）"),
        }
        return Ok(());
    }
    outln!("单位编码\t单位名称\t年度\t类型\t模板");
    for d in &listing {
        outln!(
            "{}\t{}\t{}\t{}\t{}",
            d.unit_code,
            d.unit_name,
            d.year,
            d.kind.label(),
            d.template
        );
    }
    Ok(())
}
