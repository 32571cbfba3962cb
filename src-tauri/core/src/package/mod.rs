//! The 报送包 (`.bdpkg`) between a department and the bureau: one zip with a manifest (format,
//! app, unit, year, kind, template, when, a SHA-256 per member, the department's 审核 summary),
//! the disclosure's data as JSON with decimal strings, and the exported workbook and .docx for
//! people who open it by hand. The bureau receives it all or nothing: every member's hash, the
//! format version and the unit are checked before anything is written, and its own 审核 of the
//! data decides 已报送 or 未通过. The bureau's findings go back as a 审核意见 file (`.bdfb`,
//! `feedback`) the department imports to see them at their cells.

mod export;
mod feedback;
mod receive;
mod review;

use crate::error::ErrorCode;
use serde::{Deserialize, Serialize};

use crate::checks::Finding;
use crate::final_accounts::FinalData;
use crate::lines::LineSet;
use crate::model::{DisclosureKind, UnitType};
use crate::scoring::{ReportProse, SelfEvaluation};
use crate::store::DocumentInput;
use crate::targets::TargetSet;

pub use export::{export_package, package_bytes};
pub use feedback::{
    export_feedback, feedback_bytes, read_feedback, receive_feedback, AnsweredSubmission,
    FeedbackBody, FeedbackError, FeedbackManifest, FeedbackReceipt, FeedbackUnit, VerifiedFeedback,
    FEEDBACK_BODY, FEEDBACK_FORMAT, FEEDBACK_VERSION,
};
pub use receive::{read_package, receive_package, CellChange, Changes, Receipt, VerifiedPackage};
pub use review::review_data;

/// What the manifest's `format` says: a file of another program is not read as one of ours.
pub const FORMAT: &str = "budget-desk-package";
/// The version this program writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;
/// The members of a package besides the manifest.
pub const DATA: &str = "data.json";
/// The manifest member, read first: its format decides whether the rest is read at all.
pub const MANIFEST: &str = "manifest.json";

/// One member of the package with its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct PackageMember {
    /// The member's name inside the zip ("data.json", "公开表.xlsx", "公开文档.docx").
    pub name: String,
    /// SHA-256 of the member's bytes, lowercase hex.
    pub sha256: String,
    #[ts(type = "number")]
    /// The member's size in bytes, uncompressed.
    pub bytes: u64,
}

/// The unit a package is for, matched by code on receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct PackageUnit {
    /// 单位编码: the key the bureau finds its own unit by.
    pub code: String,
    /// The unit's name, for messages only.
    pub name: String,
    /// 行政单位, 事业单位, ….
    pub unit_type: UnitType,
}

/// The department's own 审核 when it sent the package.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ReviewSummary {
    /// Findings of severity error.
    pub errors: u32,
    /// Findings of lower severity.
    pub warnings: u32,
    /// Every finding of that 审核.
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
/// The package's `manifest.json`: what it is, whom and which disclosure it is for, and the
/// fingerprint of every other member.
pub struct Manifest {
    /// Always [`FORMAT`]; anything else is not read as a package.
    pub format: String,
    /// The package format version, at most [`FORMAT_VERSION`] to be read.
    pub format_version: u32,
    /// The version of the program that wrote the package.
    pub app_version: String,
    /// "2026-12-07T19:40:00+08:00".
    pub created: String,
    /// The department that sent it.
    pub unit: PackageUnit,
    /// The disclosure's year.
    pub year: i32,
    /// 预算 or 决算.
    pub kind: DisclosureKind,
    /// The table template key of the disclosure ("county-11", "final-shanghai-2024", …).
    pub template: String,
    /// The year of the 科目表 the codes were checked against.
    pub catalog_year: i32,
    /// The department's own 审核 when exporting.
    pub review: ReviewSummary,
    /// Every member besides the manifest, each with its SHA-256.
    pub members: Vec<PackageMember>,
}

/// A self-evaluation with its report prose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct PackageEvaluation {
    /// The 绩效自评 as stored.
    pub evaluation: SelfEvaluation,
    /// The typed prose of its report.
    pub prose: ReportProse,
}

/// The disclosure's data, as typed: lines (预算) or 决算 data, targets, evaluations, the
/// document's texts and facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct PackageData {
    /// The budget lines; present exactly for a 预算 package.
    pub lines: Option<LineSet>,
    /// The 决算 data; present exactly for a 决算 package.
    pub final_data: Option<FinalData>,
    /// The 绩效目标 of the disclosure (empty when it has none).
    pub targets: TargetSet,
    /// The 绩效自评 of the disclosure's projects.
    pub evaluations: Vec<PackageEvaluation>,
    /// The 情况说明's typed texts and facts; `None` when a package carries none (export always
    /// writes them).
    pub document: Option<DocumentInput>,
}

/// Why a package is refused. Nothing is written for any of them.
#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    /// The file could not be read, or is too large to be a package.
    #[error("无法读取报送包 {file}：{reason}")]
    Unreadable {
        /// The package's file name, as the message names it.
        file: String,
        /// Why, in words for the user (the I/O error, or a size limit exceeded).
        reason: String,
    },
    /// Not a zip with our manifest, or the manifest's format is not ours.
    #[error("{file} 不是预算公开助手的报送包（缺少清单 manifest.json 或格式不符）。")]
    NotAPackage {
        /// The package's file name.
        file: String,
    },
    /// Written by a newer program, in a format version this one cannot read.
    #[error("报送包 {file} 的格式版本为 {found}，本程序只能读取版本 {FORMAT_VERSION} 及以下。请升级预算公开助手后再导入。")]
    NewerFormat {
        /// The package's file name.
        file: String,
        /// The manifest's `format_version`, above [`FORMAT_VERSION`].
        found: u32,
    },
    /// A member differs from the hash the manifest records.
    #[error("报送包 {file} 中的“{member}”与清单记录的校验值不符：文件在报送后被改动或已损坏，未导入。请向报送单位索取原包。")]
    Tampered {
        /// The package's file name.
        file: String,
        /// The member whose SHA-256 differs (or that could not be unpacked).
        member: String,
    },
    /// A member the manifest lists is not in the zip.
    #[error("报送包 {file} 缺少清单所列的“{member}”，未导入。")]
    Missing {
        /// The package's file name.
        file: String,
        /// The member the manifest lists but the zip lacks.
        member: String,
    },
    /// The zip holds a member the manifest does not list.
    #[error("报送包 {file} 含有清单之外的文件“{member}”，未导入。")]
    Unlisted {
        /// The package's file name.
        file: String,
        /// The member in the zip that the manifest does not list.
        member: String,
    },
    /// The bureau's database has no unit with the package's code.
    #[error("数据库中没有编码为“{code}”的单位（报送单位：{name}）。请先添加该单位再导入。")]
    UnknownUnit {
        /// The unit code the manifest names.
        code: String,
        /// The unit name the manifest names, to help the bureau add it.
        name: String,
    },
    /// The data disagree with the manifest (wrong kind, unreadable JSON).
    #[error("报送包 {file} 的数据与清单不一致：{reason}")]
    Inconsistent {
        /// The package's file name.
        file: String,
        /// What disagrees, in words for the user.
        reason: String,
    },
    /// The database failed while receiving.
    #[error(transparent)]
    Core(#[from] crate::error::CoreError),
}

impl PackageError {
    /// The kind of failure, as the UI branches on it ([`ErrorCode`]).
    pub fn code(&self) -> ErrorCode {
        match self {
            PackageError::Unreadable { .. } => ErrorCode::UnreadablePackage,
            PackageError::NotAPackage { .. } => ErrorCode::NotAPackage,
            PackageError::NewerFormat { .. } => ErrorCode::NewerFormat,
            PackageError::Tampered { .. }
            | PackageError::Missing { .. }
            | PackageError::Unlisted { .. }
            | PackageError::Inconsistent { .. } => ErrorCode::TamperedPackage,
            PackageError::UnknownUnit { .. } => ErrorCode::UnknownUnit,
            PackageError::Core(e) => e.code(),
        }
    }
}

/// A refused package reaches the shell with its code; the database's own errors stay what
/// they were.
impl From<PackageError> for crate::error::CoreError {
    fn from(e: PackageError) -> Self {
        match e {
            PackageError::Core(core) => core,
            other => crate::error::CoreError::area(other.code(), &other),
        }
    }
}
