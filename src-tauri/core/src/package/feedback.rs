//! The 审核意见 file (`.bdfb`) the bureau sends back for one submission: a zip with a manifest
//! (format, app, unit, year, kind, the submission it answers, the decision and remark, when, the
//! body's SHA-256) and the body, every finding of that submission with its place. The department
//! imports it all or nothing: the format, the body's hash, its unit by code and its disclosure by
//! year and kind are checked before anything is written.

use std::io::{Cursor, Read, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};
use zip::write::SimpleFileOptions;

use crate::checks::{Finding, Severity};
use crate::error::{CoreError, ErrorCode};
use crate::model::DisclosureKind;
use crate::store::{FeedbackDecision, NewFeedback, ReviewFeedback, Store, SubmissionStatus};
use crate::xlsx::now_in_china;

use super::export::{sha256, write_whole};
use super::{PackageMember, MANIFEST};

/// What the manifest's `format` says: a 报送包 or another program's file is not read as one.
pub const FEEDBACK_FORMAT: &str = "budget-desk-feedback";
/// The version this program writes and the newest it reads.
pub const FEEDBACK_VERSION: u32 = 1;
/// The member holding the findings.
pub const FEEDBACK_BODY: &str = "findings.json";
/// A 审核意见 is a list of findings; anything bigger is not one.
const MAX_FILE: u64 = 20 * 1024 * 1024;

/// The unit the findings are for, matched by code on import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct FeedbackUnit {
    /// 单位编码: the department finds its own unit by it.
    pub code: String,
    /// The unit's name at the bureau, shown when the code is unknown.
    pub name: String,
}

/// The submission the findings answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AnsweredSubmission {
    /// SHA-256 of the 报送包 that was answered, lowercase hex.
    pub package_sha256: String,
    /// The 报送包's file name as the bureau received it.
    pub file_name: String,
    /// When the bureau received it ("2026-12-07T19:40:05").
    pub received_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
/// The 审核意见 file's `manifest.json`: whom and which submission it answers, the decision, and
/// the body's fingerprint.
pub struct FeedbackManifest {
    /// Always [`FEEDBACK_FORMAT`]; anything else is not read as a 审核意见.
    pub format: String,
    /// The format version, at most [`FEEDBACK_VERSION`] to be read.
    pub format_version: u32,
    /// The version of the program that wrote the file.
    pub app_version: String,
    /// "2026-03-02T10:15:00+08:00".
    pub created: String,
    /// The department the findings are for.
    pub unit: FeedbackUnit,
    /// The disclosure's year.
    pub year: i32,
    /// 预算 or 决算.
    pub kind: DisclosureKind,
    /// The bureau's newest submission of the disclosure, which the findings are about.
    pub submission: AnsweredSubmission,
    /// 通过 when the bureau decided, 未通过 when its 审核 found errors, else 待定.
    pub decision: FeedbackDecision,
    /// The bureau's remark, trimmed; empty when it wrote none.
    pub remark: String,
    /// Findings of severity error in the body.
    pub errors: u32,
    /// Findings of lower severity in the body.
    pub warnings: u32,
    /// The body member (`findings.json`) with its SHA-256, checked on import.
    pub body: PackageMember,
}

/// The body: every finding of the submission, as the bureau's 审核 placed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackBody {
    /// Every finding of the answered submission, each with its sheet and cell.
    pub findings: Vec<Finding>,
}

/// What importing a 审核意见 did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct FeedbackReceipt {
    /// The unit's code in the department's database.
    pub unit_code: String,
    /// The unit's name in the department's database.
    pub unit_name: String,
    /// The disclosure's year.
    pub year: i32,
    /// 预算 or 决算.
    pub kind: DisclosureKind,
    /// The 审核意见 as stored with the disclosure.
    pub feedback: ReviewFeedback,
}

/// Why a 审核意见 is not written or not imported. Nothing is written for any of them.
#[derive(Debug, thiserror::Error)]
pub enum FeedbackError {
    /// The file could not be read, or is too large to be a 审核意见.
    #[error("无法读取审核意见文件 {file}：{reason}")]
    Unreadable {
        /// The 审核意见 file's name, as the message names it.
        file: String,
        /// Why, in words for the user (the I/O error, or the 20 MB limit exceeded).
        reason: String,
    },
    /// Not a zip with our manifest, or its format is not ours.
    #[error("{file} 不是预算公开助手的审核意见文件（缺少清单 manifest.json 或格式不符）。")]
    NotFeedback {
        /// The 审核意见 file's name, as the message names it.
        file: String,
    },
    /// Written by a newer program, in a format version this one cannot read.
    #[error("审核意见文件 {file} 的格式版本为 {found}，本程序只能读取版本 {FEEDBACK_VERSION} 及以下。请升级预算公开助手后再导入。")]
    NewerFormat {
        /// The 审核意见 file's name, as the message names it.
        file: String,
        /// The manifest's `format_version`, above [`FEEDBACK_VERSION`].
        found: u32,
    },
    /// The manifest or body is damaged or differs from its recorded hash.
    #[error("审核意见文件 {file} 中的“{member}”已被改动或损坏（与清单记录的校验值不符），未导入。请向财政局索取原文件。")]
    Tampered {
        /// The 审核意见 file's name, as the message names it.
        file: String,
        /// The damaged member: the body's name, or "清单" for the manifest.
        member: String,
    },
    /// The zip holds a member besides the manifest and the body.
    #[error("审核意见文件 {file} 含有清单之外的文件“{member}”，未导入。")]
    Unlisted {
        /// The 审核意见 file's name, as the message names it.
        file: String,
        /// The member that is neither the manifest nor the body.
        member: String,
    },
    /// The department's database has no unit with the file's code.
    #[error("数据库中没有编码为“{code}”的单位（审核意见所给单位：{name}），未导入。请确认这份审核意见是发给本单位的。")]
    UnknownUnit {
        /// The unit code the manifest names.
        code: String,
        /// The unit name the manifest names, so the user sees whom it was meant for.
        name: String,
    },
    /// The unit has no disclosure of the year and kind the file answers.
    #[error("“{unit}”还没有{year}年{kind}公开，审核意见未导入。请先在编制中建立这份公开。")]
    NoDisclosure {
        /// The unit's name in this database.
        unit: String,
        /// The disclosure's year.
        year: i32,
        /// "预算" or "决算".
        kind: &'static str,
    },
    /// The file answers another disclosure than the one open on screen.
    #[error("这份审核意见是给“{unit}”{year}年{kind}公开的，不是当前打开的公开，未导入。")]
    OtherDisclosure {
        /// The unit's name in this database.
        unit: String,
        /// The disclosure's year.
        year: i32,
        /// "预算" or "决算".
        kind: &'static str,
    },
    /// Nothing to answer: the disclosure has no submission yet (when exporting).
    #[error("“{unit}”{year}年{kind}公开还没有收到报送包，没有可导出的审核意见。")]
    NoSubmission {
        /// The unit's name in this database.
        unit: String,
        /// The disclosure's year.
        year: i32,
        /// "预算" or "决算".
        kind: &'static str,
    },
    /// The database failed.
    #[error(transparent)]
    Core(#[from] CoreError),
}

impl FeedbackError {
    /// The kind of failure, as the UI branches on it ([`ErrorCode`]).
    pub fn code(&self) -> ErrorCode {
        match self {
            FeedbackError::Unreadable { .. } => ErrorCode::UnreadablePackage,
            FeedbackError::NotFeedback { .. } => ErrorCode::NotAPackage,
            FeedbackError::NewerFormat { .. } => ErrorCode::NewerFormat,
            FeedbackError::Tampered { .. } | FeedbackError::Unlisted { .. } => {
                ErrorCode::TamperedPackage
            }
            FeedbackError::UnknownUnit { .. } => ErrorCode::UnknownUnit,
            FeedbackError::NoDisclosure { .. } | FeedbackError::OtherDisclosure { .. } => {
                ErrorCode::WrongDisclosure
            }
            FeedbackError::NoSubmission { .. } => ErrorCode::NoSubmission,
            FeedbackError::Core(e) => e.code(),
        }
    }
}

/// A refused 审核意见 reaches the shell with its code; the database's own errors stay what they
/// were.
impl From<FeedbackError> for CoreError {
    fn from(e: FeedbackError) -> Self {
        match e {
            FeedbackError::Core(core) => core,
            other => CoreError::area(other.code(), &other),
        }
    }
}

fn zip_failed(e: impl std::fmt::Display) -> CoreError {
    CoreError::Invalid(format!("生成审核意见文件失败：{e}"))
}

/// The 审核意见 on the latest submission of a disclosure, as bytes, with its manifest.
pub fn feedback_bytes(
    store: &Store,
    disclosure_id: i64,
    remark: &str,
) -> Result<(Vec<u8>, FeedbackManifest), FeedbackError> {
    let disclosure = store.get_disclosure(disclosure_id)?;
    let unit = store.get_unit(disclosure.unit_id)?;
    let Some(latest) = store.submissions(disclosure_id)?.into_iter().next() else {
        return Err(FeedbackError::NoSubmission {
            unit: unit.name,
            year: disclosure.year,
            kind: disclosure.kind.label(),
        });
    };
    let decision = if latest.decision.is_some() {
        FeedbackDecision::Passed
    } else if latest.status == SubmissionStatus::Failed {
        FeedbackDecision::Failed
    } else {
        FeedbackDecision::Pending
    };
    let errors = latest
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = latest.findings.len() - errors;
    let body = serde_json::to_vec_pretty(&FeedbackBody {
        findings: latest.findings,
    })
    .map_err(zip_failed)?;
    let manifest = FeedbackManifest {
        format: FEEDBACK_FORMAT.to_string(),
        format_version: FEEDBACK_VERSION,
        app_version: env!("CARGO_PKG_VERSION").to_string(),
        created: now_in_china(),
        unit: FeedbackUnit {
            code: unit.code,
            name: unit.name,
        },
        year: disclosure.year,
        kind: disclosure.kind,
        submission: AnsweredSubmission {
            package_sha256: latest.package_sha256,
            file_name: latest.file_name,
            received_at: latest.received_at,
        },
        decision,
        remark: remark.trim().to_string(),
        errors: u32::try_from(errors).unwrap_or(u32::MAX),
        warnings: u32::try_from(warnings).unwrap_or(u32::MAX),
        body: PackageMember {
            name: FEEDBACK_BODY.to_string(),
            sha256: sha256(&body),
            bytes: body.len() as u64,
        },
    };
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file(MANIFEST, options).map_err(zip_failed)?;
    zip.write_all(&serde_json::to_vec_pretty(&manifest).map_err(zip_failed)?)
        .map_err(zip_failed)?;
    zip.start_file(FEEDBACK_BODY, options).map_err(zip_failed)?;
    zip.write_all(&body).map_err(zip_failed)?;
    let bytes = zip.finish().map_err(zip_failed)?.into_inner();
    Ok((bytes, manifest))
}

/// Writes the 审核意见 on the latest submission of a disclosure to `path` (whole or not at all).
pub fn export_feedback(
    store: &Store,
    disclosure_id: i64,
    remark: &str,
    path: &Path,
) -> Result<FeedbackManifest, FeedbackError> {
    let (bytes, manifest) = feedback_bytes(store, disclosure_id, remark)?;
    write_whole(path, &bytes)?;
    Ok(manifest)
}

/// A 审核意见 file read and verified.
pub struct VerifiedFeedback {
    /// The parsed `manifest.json`.
    pub manifest: FeedbackManifest,
    /// The findings of the body, in the bureau's order.
    pub findings: Vec<Finding>,
    /// SHA-256 of the whole file, lowercase hex: stored so the same file is known again.
    pub sha256: String,
    /// The file's name without its folder.
    pub file_name: String,
}

fn read_member(archive: &mut zip::ZipArchive<Cursor<Vec<u8>>>, name: &str) -> Result<Vec<u8>, ()> {
    let entry = archive.by_name(name).map_err(|_| ())?;
    let mut bytes = Vec::new();
    // A changed byte fails the zip's own check of the member (CRC) while it is read.
    entry
        .take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| ())?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(());
    }
    Ok(bytes)
}

/// Reads `path` and verifies it; nothing is written anywhere.
pub fn read_feedback(path: &Path) -> Result<VerifiedFeedback, FeedbackError> {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let unreadable = |reason: String| FeedbackError::Unreadable {
        file: file.clone(),
        reason,
    };
    let size = std::fs::metadata(path)
        .map_err(|e| unreadable(crate::text::io_reason(&e)))?
        .len();
    if size > MAX_FILE {
        return Err(unreadable(
            "文件超过 20 MB，不是正常的审核意见文件。".to_string(),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| unreadable(crate::text::io_reason(&e)))?;
    let file_sha256 = sha256(&bytes);
    let not_feedback = || FeedbackError::NotFeedback { file: file.clone() };
    let tampered = |member: &str| FeedbackError::Tampered {
        file: file.clone(),
        member: member.to_string(),
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_feedback())?;
    if archive.index_for_name(MANIFEST).is_none() {
        return Err(not_feedback());
    }
    let head_bytes = read_member(&mut archive, MANIFEST).map_err(|()| tampered("清单"))?;
    // The format first: a newer manifest may not parse as ours.
    let head: serde_json::Value =
        serde_json::from_slice(&head_bytes).map_err(|_| tampered("清单"))?;
    if head.get("format").and_then(|f| f.as_str()) != Some(FEEDBACK_FORMAT) {
        return Err(not_feedback());
    }
    let version = head
        .get("format_version")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(0);
    if version > u64::from(FEEDBACK_VERSION) {
        return Err(FeedbackError::NewerFormat {
            file,
            found: u32::try_from(version).unwrap_or(u32::MAX),
        });
    }
    let manifest: FeedbackManifest = serde_json::from_value(head).map_err(|_| tampered("清单"))?;
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.map(|n| n.into_owned()))
        .collect::<Result<_, _>>()
        .map_err(|_| not_feedback())?;
    if let Some(extra) = names
        .iter()
        .find(|n| n.as_str() != MANIFEST && n.as_str() != manifest.body.name)
    {
        return Err(FeedbackError::Unlisted {
            file,
            member: extra.clone(),
        });
    }
    let body_name = manifest.body.name.clone();
    let body = read_member(&mut archive, &body_name).map_err(|()| tampered(&body_name))?;
    if sha256(&body) != manifest.body.sha256 {
        return Err(tampered(&body_name));
    }
    let body: FeedbackBody = serde_json::from_slice(&body).map_err(|_| tampered(&body_name))?;
    Ok(VerifiedFeedback {
        manifest,
        findings: body.findings,
        sha256: file_sha256,
        file_name: file,
    })
}

/// Imports the 审核意见 at `path` for the unit and disclosure it names; with `expected`, only
/// when that is the disclosure it names (the window imports into the disclosure on screen).
pub fn receive_feedback(
    store: &mut Store,
    path: &Path,
    expected: Option<i64>,
) -> Result<FeedbackReceipt, FeedbackError> {
    let verified = read_feedback(path)?;
    let m = &verified.manifest;
    let unit = store
        .list_units()?
        .into_iter()
        .find(|u| u.code == m.unit.code)
        .ok_or_else(|| FeedbackError::UnknownUnit {
            code: m.unit.code.clone(),
            name: m.unit.name.clone(),
        })?;
    let disclosure = store
        .disclosure_of_unit(unit.id, m.year, m.kind)?
        .ok_or_else(|| FeedbackError::NoDisclosure {
            unit: unit.name.clone(),
            year: m.year,
            kind: m.kind.label(),
        })?;
    if expected.is_some_and(|id| id != disclosure.id) {
        return Err(FeedbackError::OtherDisclosure {
            unit: unit.name,
            year: m.year,
            kind: m.kind.label(),
        });
    }
    let feedback = store.save_feedback(
        disclosure.id,
        &NewFeedback {
            file_name: &verified.file_name,
            file_sha256: &verified.sha256,
            created: &m.created,
            submission_sha256: &m.submission.package_sha256,
            submitted_at: &m.submission.received_at,
            decision: m.decision,
            remark: &m.remark,
            findings: &verified.findings,
        },
    )?;
    Ok(FeedbackReceipt {
        unit_code: unit.code,
        unit_name: unit.name,
        year: m.year,
        kind: m.kind,
        feedback,
    })
}
