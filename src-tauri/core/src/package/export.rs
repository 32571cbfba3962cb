//! Writing a 报送包: the data as stored, the workbook and .docx as the app exports them, the
//! department's 审核 summary, and a SHA-256 per member in the manifest.

use std::io::Write;
use std::path::Path;

use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;

use crate::checks::Severity;
use crate::error::CoreError;
use crate::model::DisclosureKind;
use crate::prepare::disclosure_workbook;
use crate::prepare::document::{disclosure_document_docx, load_document_input};
use crate::prepare::final_accounts::{final_document_docx, final_workbook};
use crate::store::Store;
use crate::xlsx::now_in_china;

use super::{
    review_data, Manifest, PackageData, PackageEvaluation, PackageMember, PackageUnit,
    ReviewSummary, DATA, FORMAT, FORMAT_VERSION, MANIFEST,
};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(super) fn sha256(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn zip_failed(e: impl std::fmt::Display) -> CoreError {
    CoreError::Invalid(format!("生成报送包失败：{e}"))
}

/// The package of a stored disclosure, as bytes, with its manifest.
pub fn package_bytes(store: &Store, disclosure_id: i64) -> Result<(Vec<u8>, Manifest), CoreError> {
    let disclosure = store.get_disclosure(disclosure_id)?;
    let unit = store.get_unit(disclosure.unit_id)?;
    let budget = disclosure.kind == DisclosureKind::Budget;
    let document = load_document_input(store, disclosure_id)?;
    let data = PackageData {
        lines: budget
            .then(|| store.load_lines(disclosure_id))
            .transpose()?,
        final_data: (!budget)
            .then(|| store.load_final_data(disclosure_id))
            .transpose()?,
        targets: store.load_targets(disclosure_id)?,
        evaluations: store
            .list_evaluations(disclosure_id)?
            .into_iter()
            .map(|e| PackageEvaluation {
                evaluation: e.evaluation,
                prose: e.prose,
            })
            .collect(),
        document: Some(document.clone()),
    };
    let findings = review_data(
        store,
        &unit.name,
        disclosure.year,
        disclosure.kind,
        &disclosure.template,
        &data,
    )?;
    let (workbook_name, workbook, docx) = if budget {
        (
            "公开表.xlsx",
            disclosure_workbook(store, disclosure_id)?,
            disclosure_document_docx(store, disclosure_id, &document.input, &document.texts)?,
        )
    } else {
        (
            "决算公开表.xlsx",
            final_workbook(store, disclosure_id)?,
            final_document_docx(store, disclosure_id, &document.input, &document.texts)?,
        )
    };
    let data_json = serde_json::to_vec_pretty(&data).map_err(zip_failed)?;
    let members: Vec<(&str, Vec<u8>)> = vec![
        (DATA, data_json),
        (workbook_name, workbook),
        ("公开文档.docx", docx),
    ];
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let manifest = Manifest {
        format: FORMAT.to_string(),
        format_version: FORMAT_VERSION,
        app_version: env!("CARGO_PKG_VERSION").to_string(),
        created: now_in_china(),
        unit: PackageUnit {
            code: unit.code.clone(),
            name: unit.name.clone(),
            unit_type: unit.unit_type,
        },
        year: disclosure.year,
        kind: disclosure.kind,
        template: disclosure.template.clone(),
        catalog_year: disclosure.year,
        review: ReviewSummary {
            errors: u32::try_from(errors).unwrap_or(u32::MAX),
            warnings: u32::try_from(findings.len() - errors).unwrap_or(u32::MAX),
            findings,
        },
        members: members
            .iter()
            .map(|(name, bytes)| PackageMember {
                name: (*name).to_string(),
                sha256: sha256(bytes),
                bytes: bytes.len() as u64,
            })
            .collect(),
    };
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file(MANIFEST, options).map_err(zip_failed)?;
    zip.write_all(&serde_json::to_vec_pretty(&manifest).map_err(zip_failed)?)
        .map_err(zip_failed)?;
    for (name, bytes) in &members {
        zip.start_file(*name, options).map_err(zip_failed)?;
        zip.write_all(bytes).map_err(zip_failed)?;
    }
    let bytes = zip.finish().map_err(zip_failed)?.into_inner();
    Ok((bytes, manifest))
}

/// Writes the package of a stored disclosure to `path` (complete or not at all).
pub fn export_package(
    store: &Store,
    disclosure_id: i64,
    path: &Path,
) -> Result<Manifest, CoreError> {
    let (bytes, manifest) = package_bytes(store, disclosure_id)?;
    write_whole(path, &bytes)?;
    Ok(manifest)
}

/// Writes `bytes` through [`crate::files::write_whole`]: complete or not at all.
pub(super) fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), CoreError> {
    crate::files::write_whole(path, bytes).map_err(|source| CoreError::Io {
        path: path.to_path_buf(),
        source,
    })
}
