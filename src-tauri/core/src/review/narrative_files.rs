//! 情况说明 files in 审核: a .txt or .docx given to `review_file` becomes a file entry of kind
//! "narrative"; given together with a 预算 or 决算 workbook, it is checked against that
//! workbook's tables.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::{FileKind, ReviewedFile};
use crate::checks::Severity;
use crate::tables::{BudgetTables, FinalTables};

use crate::narrative::check::{check_narrative, check_narrative_final, read_narrative_bytes};

/// The tables a 情况说明 describes: a 预算's or a 决算's.
#[derive(Clone, Copy)]
pub enum DescribedTables<'a> {
    Budget(&'a BudgetTables),
    Final(&'a FinalTables),
}

impl<'a> DescribedTables<'a> {
    /// The tables of a recognised workbook, by what it holds.
    fn of(book: &'a crate::xlsx::RecognisedWorkbook) -> DescribedTables<'a> {
        if book.kind == crate::xlsx::DocumentKind::FinalAccounts {
            DescribedTables::Final(&book.final_tables)
        } else {
            DescribedTables::Budget(&book.tables)
        }
    }
}

/// Reads and checks one narrative file, against `tables` when given. Never fails: an unreadable
/// file comes back with `error` set.
pub fn review_narrative(path: &Path, tables: Option<&BudgetTables>) -> ReviewedFile {
    review_narrative_against(path, tables.map(DescribedTables::Budget))
}

/// As `review_narrative`, against a 预算's or a 决算's tables.
pub fn review_narrative_against(path: &Path, tables: Option<DescribedTables<'_>>) -> ReviewedFile {
    let mut reviewed = ReviewedFile::nothing_read(path);
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            reviewed.error = Some(format!("无法读取文件 {}：{e}", path.display()));
            return reviewed;
        }
    };
    reviewed.content_hash = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let text = match read_narrative_bytes(path, &bytes) {
        Ok(t) => t,
        Err(e) => {
            reviewed.error = Some(e.to_string());
            return reviewed;
        }
    };
    let mut findings = match tables {
        Some(DescribedTables::Final(t)) => check_narrative_final(&text, t),
        Some(DescribedTables::Budget(t)) => check_narrative(&text, Some(t)),
        None => check_narrative(&text, None),
    };
    findings.extend(super::document_text::narrative_text_findings(&text));
    findings.sort_by_key(|f| f.location.line.unwrap_or(0));
    reviewed.kind = FileKind::Narrative;
    reviewed.error_count = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count() as u32;
    reviewed.warning_count = findings.len() as u32 - reviewed.error_count;
    reviewed.findings = findings;
    reviewed
}

/// Re-checks the narratives of a batch against the tables of a budget workbook of the same
/// batch, so `check WORKBOOK.xlsx NARRATIVE.txt` compares the text with its tables. With several
/// workbooks, a text goes with the one whose 编制部门 it names (else the first).
pub fn check_with_workbooks(paths: &[PathBuf], files: &mut [ReviewedFile]) {
    let workbooks: Vec<(PathBuf, Option<String>)> = files
        .iter()
        .zip(paths)
        .filter(|(f, _)| matches!(f.kind, FileKind::BudgetTables | FileKind::FinalAccounts))
        .map(|(f, p)| (p.clone(), f.unit.clone()))
        .collect();
    if workbooks.is_empty() {
        return;
    }
    let mut read: Vec<Option<crate::xlsx::RecognisedWorkbook>> = vec![None; workbooks.len()];
    for (file, path) in files.iter_mut().zip(paths) {
        if file.kind != FileKind::Narrative {
            continue;
        }
        let text = crate::narrative::check::read_narrative(path).unwrap_or_default();
        let chosen = workbooks
            .iter()
            .position(|(_, unit)| {
                unit.as_deref()
                    .is_some_and(|u| !u.is_empty() && text.contains(u))
            })
            .unwrap_or(0);
        if read[chosen].is_none() {
            read[chosen] = super::pdf_file::read_tables(&workbooks[chosen].0);
        }
        if let Some(book) = &read[chosen] {
            *file = review_narrative_against(path, Some(DescribedTables::of(book)));
        }
    }
}
