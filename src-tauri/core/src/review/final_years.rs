//! A batch holding a unit's 决算 of two consecutive years: this year's 年初结转和结余 is checked
//! against last year's 年末 (seed 001 starts 2023 with 1,593.18 where 2022 ended with 40.00).
//! The bureau reviews many years' files together; the pair is found by 编制部门 and year.

use std::path::PathBuf;

use super::{FileKind, ReviewedFile};
use crate::checks::{check_final_years, Severity};
use crate::text::fold_label;

/// Adds the cross-year findings to every 决算 file whose unit has last year's 决算 in the batch.
pub fn check_consecutive_years(paths: &[PathBuf], files: &mut [ReviewedFile]) {
    let finals: Vec<(usize, String, i32)> = files
        .iter()
        .enumerate()
        .filter(|(_, f)| f.kind == FileKind::FinalAccounts)
        .filter_map(|(i, f)| Some((i, fold_label(f.unit.as_deref()?), f.year?)))
        .collect();
    for (i, unit, year) in &finals {
        let Some((prior, _, _)) = finals.iter().find(|(_, u, y)| u == unit && *y == year - 1)
        else {
            continue;
        };
        let (Ok(this), Ok(before)) = (
            crate::xlsx::read(&paths[*i]),
            crate::xlsx::read(&paths[*prior]),
        ) else {
            continue;
        };
        let found = check_final_years(&this.final_tables, &before.final_tables);
        let file = &mut files[*i];
        for mut finding in found {
            finding.message = format!(
                "{}上年决算见“{}”。",
                finding.message,
                files_name(paths, *prior)
            );
            if finding.severity == Severity::Error {
                file.error_count += 1;
            } else {
                file.warning_count += 1;
            }
            file.findings.push(finding);
        }
    }
}

fn files_name(paths: &[PathBuf], i: usize) -> String {
    paths[i]
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
