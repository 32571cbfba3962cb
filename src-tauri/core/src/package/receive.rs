//! Receiving a 报送包 at the bureau: read and verify everything first (the manifest's format and
//! version, every member against its SHA-256, nothing unlisted, the data against the manifest,
//! the unit by code), then the bureau's own 审核, then one transaction that replaces the
//! disclosure's data and records the submission. A refused package writes nothing. What changed
//! against the data already there (the tables by cell, the typed texts) is part of the answer, and
//! can be asked for without receiving (`dry_run`).

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::checks::{Finding, Severity};
use crate::model::DisclosureKind;
use crate::prepare::disclosure_workbook;
use crate::prepare::final_accounts::final_workbook;
use crate::store::{ReceivedData, Store, SubmissionStatus};
use crate::text::a1;
use crate::xlsx::{load_bytes, Workbook};

use super::export::sha256;
use super::{
    review_data, Manifest, PackageData, PackageError, DATA, FORMAT, FORMAT_VERSION, MANIFEST,
};

/// A package is small (data, one workbook, one .docx); these bounds keep a hostile file from
/// exhausting memory.
const MAX_PACKAGE: u64 = 200 * 1024 * 1024;
const MAX_MEMBER: u64 = 100 * 1024 * 1024;
/// More changed cells than this are counted, not listed.
const MAX_LISTED: usize = 500;

/// One cell of the standard tables that differs from what the bureau holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct CellChange {
    /// The sheet of the exported standard workbook.
    pub sheet: String,
    /// The cell's A1 reference ("E6").
    pub cell: String,
    /// The text the bureau's workbook shows there (empty for a blank).
    pub before: String,
    /// The text the package's workbook shows there.
    pub after: String,
}

/// What a package changes against the disclosure's data already in the database.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Changes {
    /// True when the database held no data of this disclosure before.
    pub first: bool,
    /// Up to 500 changed cells, sheet by sheet, row by row; the rest are only counted.
    pub cells: Vec<CellChange>,
    /// Changed cells beyond those listed.
    pub more_cells: u32,
    /// Typed texts (reasons, 概况) that differ: (before, after).
    pub texts: Vec<(String, String)>,
}

/// What receiving a package did (or, for a dry run, would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Receipt {
    /// The unit's code, as the bureau's database holds it.
    pub unit_code: String,
    /// The unit's name in the bureau's database (not the package's spelling).
    pub unit_name: String,
    /// The disclosure's year.
    pub year: i32,
    /// 预算 or 决算.
    pub kind: DisclosureKind,
    /// 已报送 when the bureau's 审核 found no error, else 未通过.
    pub status: SubmissionStatus,
    /// The bureau's own 审核 of the received data.
    pub findings: Vec<Finding>,
    /// What the package changes against the data the bureau held.
    pub changes: Changes,
    /// False for a dry run.
    pub received: bool,
}

/// A package read and verified: its manifest, data, workbook and the file's own fingerprint.
pub struct VerifiedPackage {
    /// The parsed `manifest.json`.
    pub manifest: Manifest,
    /// The parsed `data.json`.
    pub data: PackageData,
    /// The exported workbook's bytes; empty when the package has none.
    pub workbook: Vec<u8>,
    /// SHA-256 of the whole package file, lowercase hex: recorded with the submission.
    pub sha256: String,
    /// The package's file name without its folder, as messages name it.
    pub file_name: String,
}

fn member(
    archive: &mut zip::ZipArchive<Cursor<Vec<u8>>>,
    file: &str,
    name: &str,
) -> Result<Vec<u8>, PackageError> {
    let entry = archive.by_name(name).map_err(|_| PackageError::Missing {
        file: file.to_string(),
        member: name.to_string(),
    })?;
    let mut bytes = Vec::new();
    entry
        .take(MAX_MEMBER + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| PackageError::Tampered {
            file: file.to_string(),
            member: name.to_string(),
        })?;
    if bytes.len() as u64 > MAX_MEMBER {
        return Err(PackageError::Unreadable {
            file: file.to_string(),
            reason: format!("“{name}”解压后超过 100 MB。"),
        });
    }
    Ok(bytes)
}

/// Reads `path` and verifies it; nothing is written anywhere.
pub fn read_package(path: &Path) -> Result<VerifiedPackage, PackageError> {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bytes = read_bounded(path, &file)?;
    let package_sha256 = sha256(&bytes);
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| PackageError::NotAPackage { file: file.clone() })?;
    let manifest = read_manifest(&mut archive, &file)?;
    let contents = verified_members(&mut archive, &file, &manifest)?;
    let data = package_data(&contents, &file, &manifest)?;
    let workbook = contents
        .into_iter()
        .find(|(name, _)| name.ends_with(".xlsx"))
        .map(|(_, bytes)| bytes)
        .unwrap_or_default();
    Ok(VerifiedPackage {
        manifest,
        data,
        workbook,
        sha256: package_sha256,
        file_name: file,
    })
}

/// The file's bytes, unless it is larger than any package can be.
fn read_bounded(path: &Path, file: &str) -> Result<Vec<u8>, PackageError> {
    let unreadable = |reason: String| PackageError::Unreadable {
        file: file.to_string(),
        reason,
    };
    let size = std::fs::metadata(path)
        .map_err(|e| unreadable(crate::text::io_reason(&e)))?
        .len();
    if size > MAX_PACKAGE {
        return Err(unreadable(
            "文件超过 200 MB，不是正常的报送包。".to_string(),
        ));
    }
    std::fs::read(path).map_err(|e| unreadable(crate::text::io_reason(&e)))
}

/// The manifest, once its format is ours and its version one this program reads.
fn read_manifest(
    archive: &mut zip::ZipArchive<Cursor<Vec<u8>>>,
    file: &str,
) -> Result<Manifest, PackageError> {
    let not_a_package = || PackageError::NotAPackage {
        file: file.to_string(),
    };
    let manifest_bytes = member(archive, file, MANIFEST).map_err(|_| not_a_package())?;
    // The format first: a newer manifest may not parse as ours.
    let head: serde_json::Value =
        serde_json::from_slice(&manifest_bytes).map_err(|_| not_a_package())?;
    if head.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(not_a_package());
    }
    let version = head
        .get("format_version")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(0);
    if version > u64::from(FORMAT_VERSION) {
        return Err(PackageError::NewerFormat {
            file: file.to_string(),
            found: u32::try_from(version).unwrap_or(u32::MAX),
        });
    }
    serde_json::from_value(head).map_err(|_| not_a_package())
}

/// Every member the manifest lists, by name, each matching its SHA-256; refused when the zip
/// holds anything the manifest does not list.
fn verified_members(
    archive: &mut zip::ZipArchive<Cursor<Vec<u8>>>,
    file: &str,
    manifest: &Manifest,
) -> Result<BTreeMap<String, Vec<u8>>, PackageError> {
    let listed: Vec<&str> = manifest.members.iter().map(|m| m.name.as_str()).collect();
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.map(|n| n.into_owned()))
        .collect::<Result<_, _>>()
        .map_err(|_| PackageError::NotAPackage {
            file: file.to_string(),
        })?;
    if let Some(extra) = names
        .iter()
        .find(|n| n.as_str() != MANIFEST && !listed.contains(&n.as_str()))
    {
        return Err(PackageError::Unlisted {
            file: file.to_string(),
            member: extra.clone(),
        });
    }
    let mut contents = BTreeMap::new();
    for m in &manifest.members {
        let bytes = member(archive, file, &m.name)?;
        if sha256(&bytes) != m.sha256 {
            return Err(PackageError::Tampered {
                file: file.to_string(),
                member: m.name.clone(),
            });
        }
        contents.insert(m.name.clone(), bytes);
    }
    Ok(contents)
}

/// The typed data of `data.json`, which must be of the kind the manifest names.
fn package_data(
    contents: &BTreeMap<String, Vec<u8>>,
    file: &str,
    manifest: &Manifest,
) -> Result<PackageData, PackageError> {
    let data: PackageData = contents
        .get(DATA)
        .ok_or_else(|| PackageError::Missing {
            file: file.to_string(),
            member: DATA.to_string(),
        })
        .and_then(|d| {
            // serde's own words (English, with line and column) are no use to a finance officer
            serde_json::from_slice(d).map_err(|_| PackageError::Inconsistent {
                file: file.to_string(),
                reason: "数据部分的格式不符，无法读取。".to_string(),
            })
        })?;
    let budget = manifest.kind == DisclosureKind::Budget;
    if budget != data.lines.is_some() || budget == data.final_data.is_some() {
        return Err(PackageError::Inconsistent {
            file: file.to_string(),
            reason: format!("清单写的是{}公开，数据却不是。", manifest.kind.label()),
        });
    }
    Ok(data)
}

fn cell_text(book: &Workbook, sheet: &str, row: u32, col: u32) -> String {
    book.sheets
        .iter()
        .find(|s| s.name == sheet)
        .map(|s| s.cell(row, col).display())
        .unwrap_or_default()
}

/// The cells that differ between two exports of the standard tables.
fn cell_changes(before: &Workbook, after: &Workbook, changes: &mut Changes) {
    let mut sheets: Vec<&str> = after.sheets.iter().map(|s| s.name.as_str()).collect();
    for s in &before.sheets {
        if !sheets.contains(&s.name.as_str()) {
            sheets.push(&s.name);
        }
    }
    for sheet in sheets {
        let size = |b: &Workbook| {
            b.sheets
                .iter()
                .find(|s| s.name == sheet)
                .map_or((0, 0), |s| (s.height(), s.width()))
        };
        let (h1, w1) = size(before);
        let (h2, w2) = size(after);
        for row in 0..h1.max(h2) {
            for col in 0..w1.max(w2) {
                let (b, a) = (
                    cell_text(before, sheet, row, col),
                    cell_text(after, sheet, row, col),
                );
                if b.trim() == a.trim() {
                    continue;
                }
                if changes.cells.len() < MAX_LISTED {
                    changes.cells.push(CellChange {
                        sheet: sheet.to_string(),
                        cell: a1(row, col),
                        before: b,
                        after: a,
                    });
                } else {
                    changes.more_cells += 1;
                }
            }
        }
    }
}

/// What the package changes against the disclosure already held, if any.
fn changes_against(
    store: &Store,
    existing: Option<i64>,
    package: &VerifiedPackage,
) -> Result<Changes, PackageError> {
    let Some(id) = existing else {
        return Ok(Changes {
            first: true,
            ..Changes::default()
        });
    };
    let mut changes = Changes::default();
    let held = match package.manifest.kind {
        DisclosureKind::Budget => disclosure_workbook(store, id)?,
        DisclosureKind::FinalAccounts => final_workbook(store, id)?,
    };
    let read = |bytes: Vec<u8>| load_bytes(Path::new("报送包.xlsx"), bytes).ok();
    if let (Some(before), Some(after)) = (read(held), read(package.workbook.clone())) {
        cell_changes(&before, &after, &mut changes);
    }
    let before = store.stored_document_input(id)?;
    if let Some(after) = &package.data.document {
        let mut keys: Vec<&String> = before.input.texts.keys().collect();
        keys.extend(after.input.texts.keys());
        keys.sort();
        keys.dedup();
        for key in keys {
            let b = before.input.texts.get(key).cloned().unwrap_or_default();
            let a = after.input.texts.get(key).cloned().unwrap_or_default();
            if b.trim() != a.trim() {
                changes.texts.push((b, a));
            }
        }
        for (b, a) in [
            (&before.texts.organisation, &after.texts.organisation),
            (&before.texts.region, &after.texts.region),
            (&before.texts.date, &after.texts.date),
        ] {
            if b.trim() != a.trim() {
                changes.texts.push((b.clone(), a.clone()));
            }
        }
        if before.texts.functions != after.texts.functions {
            changes.texts.push((
                before.texts.functions.join("；"),
                after.texts.functions.join("；"),
            ));
        }
    }
    Ok(changes)
}

/// Receives the package at `path` into `store`, or with `dry_run` only says what it would do.
pub fn receive_package(
    store: &mut Store,
    path: &Path,
    dry_run: bool,
) -> Result<Receipt, PackageError> {
    let package = read_package(path)?;
    let m = &package.manifest;
    let unit = store
        .list_units()?
        .into_iter()
        .find(|u| u.code == m.unit.code)
        .ok_or_else(|| PackageError::UnknownUnit {
            code: m.unit.code.clone(),
            name: m.unit.name.clone(),
        })?;
    let findings = review_data(
        store,
        &unit.name,
        m.year,
        m.kind,
        &m.template,
        &package.data,
    )?;
    let status = if findings.iter().any(|f| f.severity == Severity::Error) {
        SubmissionStatus::Failed
    } else {
        SubmissionStatus::Received
    };
    let existing = store.disclosure_of_unit(unit.id, m.year, m.kind)?;
    let changes = changes_against(store, existing.as_ref().map(|d| d.id), &package)?;
    if !dry_run {
        let evaluations: Vec<_> = package
            .data
            .evaluations
            .iter()
            .map(|e| (e.evaluation.clone(), e.prose.clone()))
            .collect();
        let manifest_json = serde_json::to_string(m).map_err(|e| PackageError::Inconsistent {
            file: package.file_name.clone(),
            reason: e.to_string(),
        })?;
        store.receive_submission(
            unit.id,
            &ReceivedData {
                year: m.year,
                kind: m.kind,
                template: &m.template,
                lines: package.data.lines.as_ref(),
                final_data: package.data.final_data.as_ref(),
                targets: &package.data.targets,
                evaluations: &evaluations,
                document: package.data.document.as_ref(),
            },
            &package.sha256,
            &package.file_name,
            status,
            &findings,
            &manifest_json,
        )?;
    }
    Ok(Receipt {
        unit_code: unit.code,
        unit_name: unit.name,
        year: m.year,
        kind: m.kind,
        status,
        findings,
        changes,
        received: !dry_run,
    })
}
