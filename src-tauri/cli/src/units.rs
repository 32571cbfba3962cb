//! `budget-cli units` (and `unit list`): the units in the database and their disclosures, as
//! text or JSON.

use std::path::Path;

use crate::CliError;

/// Every unit with its disclosures: a tab-separated listing, or JSON.
pub fn list(db: &Path, json: bool) -> Result<(), CliError> {
    let store = crate::open_existing(db)?;
    let summaries = store.unit_summaries()?;
    if json {
        outln!("{}", serde_json::to_string_pretty(&summaries)?);
        return Ok(());
    }
    if summaries.is_empty() {
        outln!("（数据库中还没有单位）");
    }
    for s in &summaries {
        outln!(
            "{}\t{}\t{}",
            s.unit.code,
            s.unit.name,
            s.unit.unit_type.label()
        );
        for d in &s.disclosures {
            outln!("\t{}年{}\t模板 {}", d.year, d.kind.label(), d.template);
        }
    }
    Ok(())
}
