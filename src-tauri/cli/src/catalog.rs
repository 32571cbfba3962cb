//! `budget-cli catalog`: the yearly 政府收支分类科目表 compared with the database's, and written
//! to it only with `--apply`.

use std::path::Path;

use crate::CliError;

pub fn catalog(file: &Path, db: &Path, year: i32, apply: bool) -> Result<(), CliError> {
    use budget_core::catalog_import::{changes, read_catalog_workbook};
    let mut store = crate::open_existing(db)?;
    let entries =
        read_catalog_workbook(file).map_err(|e| budget_core::CoreError::Invalid(e.to_string()))?;
    let found = changes(&store.catalog(year)?, year, &entries);
    outln!(
        "{year}年科目表：{} 个科目，新增 {} 个，改名 {} 个，不变 {} 个。",
        entries.len(),
        found.added.len(),
        found.renamed.len(),
        found.unchanged
    );
    for e in &found.added {
        outln!("  新增\t{}\t{}", e.code, e.name);
    }
    for r in &found.renamed {
        outln!("  改名\t{}\t{} → {}", r.code, r.old_name, r.new_name);
    }
    if apply {
        store.apply_catalog(year, &entries)?;
        outln!("已写入数据库。");
    } else {
        outln!("（未写入：确认无误后加 --apply）");
    }
    Ok(())
}
