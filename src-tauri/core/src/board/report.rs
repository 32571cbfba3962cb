//! One 审核报告 for the whole county: the newest package of every department that sent one, with
//! the bureau's findings on it, in the layout of the 审核工作簿's report (a summary sheet and the
//! findings, printed landscape with the header row repeated).

use std::path::Path;

use crate::error::CoreError;
use crate::model::DisclosureKind;
use crate::review::{write_review_report, FileKind, ReviewedFile};
use crate::store::Store;

use super::county_board;

/// Writes the county's 审核报告 of `year` and `kind` to `path`; the number of departments in it.
pub fn county_report(
    store: &Store,
    year: i32,
    kind: DisclosureKind,
    path: &Path,
) -> Result<usize, CoreError> {
    let mut files = Vec::new();
    for row in county_board(store, year, kind)? {
        let Some(id) = row.disclosure_id else {
            continue;
        };
        let Some(latest) = store.submissions(id)?.into_iter().next() else {
            continue;
        };
        files.push(ReviewedFile {
            file: latest.file_name.clone(),
            file_name: latest.file_name,
            content_hash: latest.package_sha256,
            kind: match kind {
                DisclosureKind::Budget => FileKind::BudgetTables,
                DisclosureKind::FinalAccounts => FileKind::FinalAccounts,
            },
            unit: Some(row.unit_name),
            year: Some(year),
            template: None,
            tables: Vec::new(),
            sheets: Vec::new(),
            unrecognised_sheets: Vec::new(),
            findings: latest.findings,
            projects: Vec::new(),
            error: None,
            error_count: latest.errors,
            warning_count: latest.warnings,
        });
    }
    write_review_report(path, &files, &|_, _| None).map_err(CoreError::from)?;
    Ok(files.len())
}
