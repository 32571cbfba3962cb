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
pub const MANIFEST: &str = "manifest.json";

/// One member of the package with its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct PackageMember {
    pub name: String,
    pub sha256: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// The unit a package is for, matched by code on receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct PackageUnit {
    pub code: String,
    pub name: String,
    pub unit_type: UnitType,
}

/// The department's own 审核 when it sent the package.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ReviewSummary {
    pub errors: u32,
    pub warnings: u32,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    pub app_version: String,
    /// "2026-12-07T19:40:00+08:00".
    pub created: String,
    pub unit: PackageUnit,
    pub year: i32,
    pub kind: DisclosureKind,
    pub template: String,
    /// The year of the 科目表 the codes were checked against.
    pub catalog_year: i32,
    pub review: ReviewSummary,
    pub members: Vec<PackageMember>,
}

/// A self-evaluation with its report prose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct PackageEvaluation {
    pub evaluation: SelfEvaluation,
    pub prose: ReportProse,
}

/// The disclosure's data, as typed: lines (预算) or 决算 data, targets, evaluations, the
/// document's texts and facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct PackageData {
    pub lines: Option<LineSet>,
    pub final_data: Option<FinalData>,
    pub targets: TargetSet,
    pub evaluations: Vec<PackageEvaluation>,
    pub document: Option<DocumentInput>,
}

/// Why a package is refused. Nothing is written for any of them.
#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    #[error("无法读取报送包 {file}：{reason}")]
    Unreadable { file: String, reason: String },
    #[error("{file} 不是预算公开助手的报送包（缺少清单 manifest.json 或格式不符）。")]
    NotAPackage { file: String },
    #[error("报送包 {file} 的格式版本为 {found}，本程序只能读取版本 {FORMAT_VERSION} 及以下。请升级预算公开助手后再导入。")]
    NewerFormat { file: String, found: u32 },
    #[error("报送包 {file} 中的“{member}”与清单记录的校验值不符：文件在报送后被改动或已损坏，未导入。请向报送单位索取原包。")]
    Tampered { file: String, member: String },
    #[error("报送包 {file} 缺少清单所列的“{member}”，未导入。")]
    Missing { file: String, member: String },
    #[error("报送包 {file} 含有清单之外的文件“{member}”，未导入。")]
    Unlisted { file: String, member: String },
    #[error("数据库中没有编码为“{code}”的单位（报送单位：{name}）。请先添加该单位再导入。")]
    UnknownUnit { code: String, name: String },
    #[error("报送包 {file} 的数据与清单不一致：{reason}")]
    Inconsistent { file: String, reason: String },
    #[error(transparent)]
    Core(#[from] crate::error::CoreError),
}

/// A refused package reaches the shell as a message of kind "invalid" (the database's own
/// errors keep their codes).
impl From<PackageError> for crate::error::CoreError {
    fn from(e: PackageError) -> Self {
        match e {
            PackageError::Core(core) => core,
            other => crate::error::CoreError::Invalid(other.to_string()),
        }
    }
}
