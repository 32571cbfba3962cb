//! 审核意见 kept by the department: each imported file is a row with the bureau's decision,
//! remark and findings; the newest one the bureau wrote is the one shown, the earlier ones stay.

use rusqlite::{params, OptionalExtension, Row, TransactionBehavior};
use serde::{Deserialize, Serialize};

use super::Store;
use crate::checks::Finding;
use crate::error::{CoreError, Result};

/// What the bureau said of the submission the findings answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub enum FeedbackDecision {
    /// Marked 已通过 or 已公开 at the bureau.
    #[serde(rename = "通过")]
    Passed,
    /// Its 审核 found errors: a corrected package must come.
    #[serde(rename = "未通过")]
    Failed,
    /// Received without errors, not yet decided.
    #[serde(rename = "待定")]
    Pending,
}

impl FeedbackDecision {
    /// "通过", "未通过" or "待定", as stored and shown.
    pub fn label(self) -> &'static str {
        match self {
            FeedbackDecision::Passed => "通过",
            FeedbackDecision::Failed => "未通过",
            FeedbackDecision::Pending => "待定",
        }
    }

    fn parse(text: &str) -> Self {
        match text {
            "通过" => FeedbackDecision::Passed,
            "未通过" => FeedbackDecision::Failed,
            _ => FeedbackDecision::Pending,
        }
    }
}

/// An imported 审核意见 as the department holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ReviewFeedback {
    /// Row id.
    #[ts(type = "number")]
    pub id: i64,
    /// The disclosure the 审核意见 is about.
    #[ts(type = "number")]
    pub disclosure_id: i64,
    /// When the department imported the file, UTC, "2026-03-02T03:20:00".
    pub imported_at: String,
    /// The imported file's name.
    pub file_name: String,
    /// SHA-256 of the imported file, lowercase hex: the same file imported again adds no row.
    pub file_sha256: String,
    /// When the bureau wrote the file ("2026-03-02T10:15:00+08:00").
    pub created: String,
    /// SHA-256 of the package the findings answer, lowercase hex.
    pub submission_sha256: String,
    /// When the bureau received that package, as the bureau's file states it.
    pub submitted_at: String,
    /// What the bureau decided.
    pub decision: FeedbackDecision,
    /// The bureau's remark; empty when none.
    pub remark: String,
    /// The bureau's 审核 findings, each with its place.
    pub findings: Vec<Finding>,
}

/// What an imported file brings for one disclosure.
pub struct NewFeedback<'a> {
    /// The file's name.
    pub file_name: &'a str,
    /// SHA-256 of the whole file, lowercase hex (64 characters).
    pub file_sha256: &'a str,
    /// When the bureau wrote the file, as it states it; a file older than the one held is refused.
    pub created: &'a str,
    /// SHA-256 of the package the findings answer.
    pub submission_sha256: &'a str,
    /// When the bureau received that package.
    pub submitted_at: &'a str,
    /// What the bureau decided.
    pub decision: FeedbackDecision,
    /// The bureau's remark; empty when none.
    pub remark: &'a str,
    /// The bureau's 审核 findings.
    pub findings: &'a [Finding],
}

const COLUMNS: &str = "id, disclosure_id, imported_at, file_name, file_sha256, created,
    submission_sha256, submitted_at, decision, remark, findings";

fn feedback_row(r: &Row<'_>) -> rusqlite::Result<ReviewFeedback> {
    let decision: String = r.get(8)?;
    let findings: String = r.get(10)?;
    Ok(ReviewFeedback {
        id: r.get(0)?,
        disclosure_id: r.get(1)?,
        imported_at: r.get(2)?,
        file_name: r.get(3)?,
        file_sha256: r.get(4)?,
        created: r.get(5)?,
        submission_sha256: r.get(6)?,
        submitted_at: r.get(7)?,
        decision: FeedbackDecision::parse(&decision),
        remark: r.get(9)?,
        findings: serde_json::from_str(&findings).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(10, rusqlite::types::Type::Text, Box::new(e))
        })?,
    })
}

impl Store {
    /// Keeps an imported 审核意见 of a disclosure. The same file again changes nothing; a file
    /// the bureau wrote before the one held is refused (it would hide the newer word).
    pub fn save_feedback(
        &mut self,
        disclosure_id: i64,
        new: &NewFeedback<'_>,
    ) -> Result<ReviewFeedback> {
        let findings = serde_json::to_string(new.findings)
            .map_err(|e| CoreError::Invalid(format!("内部错误：无法保存审核意见（{e}）。")))?;
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let same: Option<i64> = tx
            .query_row(
                "SELECT id FROM review_feedback WHERE disclosure_id = ?1 AND file_sha256 = ?2",
                params![disclosure_id, new.file_sha256],
                |r| r.get(0),
            )
            .optional()?;
        if same.is_none() {
            let held: Option<String> = tx
                .query_row(
                    "SELECT max(created) FROM review_feedback WHERE disclosure_id = ?1",
                    [disclosure_id],
                    |r| r.get(0),
                )
                .optional()?
                .flatten();
            if let Some(held) = held.filter(|h| h.as_str() > new.created) {
                return Err(CoreError::Invalid(format!(
                    "这份审核意见生成于 {}，早于已导入的审核意见（生成于 {}），未导入。",
                    new.created.replace('T', " "),
                    held.replace('T', " ")
                )));
            }
            tx.execute(
                "INSERT INTO review_feedback (disclosure_id, file_name, file_sha256, created,
                     submission_sha256, submitted_at, decision, remark, findings)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    disclosure_id,
                    new.file_name,
                    new.file_sha256,
                    new.created,
                    new.submission_sha256,
                    new.submitted_at,
                    new.decision.label(),
                    new.remark,
                    findings
                ],
            )?;
        }
        tx.commit()?;
        self.feedback(disclosure_id)?
            .ok_or_else(|| CoreError::Invalid("内部错误：审核意见保存后未能读回。".to_string()))
    }

    /// The 审核意见 in force for a disclosure: the newest the bureau wrote, if any.
    pub fn feedback(&self, disclosure_id: i64) -> Result<Option<ReviewFeedback>> {
        Ok(self.feedback_history(disclosure_id)?.into_iter().next())
    }

    /// Every 审核意见 imported for a disclosure, newest first.
    pub fn feedback_history(&self, disclosure_id: i64) -> Result<Vec<ReviewFeedback>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM review_feedback WHERE disclosure_id = ?1
             ORDER BY created DESC, id DESC"
        ))?;
        let rows = stmt
            .query_map([disclosure_id], feedback_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}
