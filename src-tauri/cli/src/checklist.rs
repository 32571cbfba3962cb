//! `budget-cli checklist`: reviews the files and writes their 公开情况检查表 workbook; with
//! `--db`, the inspector's overrides and remarks kept there are applied.

use std::path::{Path, PathBuf};

use budget_core::review::{self, write_checklists};
use budget_core::xlsx::ReportHeading;
use budget_core::CoreError;

use crate::CliError;

/// Exit status 2 when a file could not be read (its sheet says why), else 0.
pub fn checklist(files: &[PathBuf], out: &Path, db: Option<&Path>) -> Result<u8, CliError> {
    let store = db.map(crate::open_existing).transpose()?;
    let reviewed = review::review_files(files);
    let lists = match &store {
        Some(store) => store.checklists(&reviewed)?,
        None => reviewed.iter().map(|f| review::checklist(f, &[])).collect(),
    };
    write_checklists(out, &lists, &ReportHeading::today(None))
        .map_err(|e| CoreError::Invalid(e.to_string()))?;
    for list in &lists {
        match &list.note {
            Some(note) if list.items.is_empty() => {
                outln!("{}\t{}", list.file_name, note);
            }
            _ => outln!(
                "{}\t{}\t{}\t检查项目 {} 项，不符合要求 {} 项",
                list.file_name,
                list.department(),
                list.document,
                list.items.len(),
                list.not_met()
            ),
        }
    }
    eprintln!("已导出公开情况检查表：{}", out.display());
    Ok(
        if reviewed.iter().any(review::ReviewedFile::is_unreadable) {
            2
        } else {
            0
        },
    )
}
