//! 报送 received by the bureau: a package's data put in place of the disclosure's, all of it in
//! one transaction, and a row that keeps the package's fingerprint, status and findings. Earlier
//! submissions stay as rows; only the data is replaced.

use rusqlite::{params, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};

use super::documents::DocumentInput;
use super::Store;
use crate::checks::Finding;
use crate::error::{CoreError, Result};
use crate::final_accounts::FinalData;
use crate::lines::LineSet;
use crate::model::{Disclosure, DisclosureKind};
use crate::scoring::{ReportProse, SelfEvaluation};
use crate::targets::TargetSet;

/// 已报送 (received, 审核 found no error) or 未通过 (received with errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub enum SubmissionStatus {
    /// 已报送: 审核 found no error.
    #[serde(rename = "已报送")]
    Received,
    /// 未通过: 审核 found at least one error.
    #[serde(rename = "未通过")]
    Failed,
}

impl SubmissionStatus {
    /// "已报送" or "未通过", as stored and shown.
    pub fn label(self) -> &'static str {
        match self {
            SubmissionStatus::Received => "已报送",
            SubmissionStatus::Failed => "未通过",
        }
    }
}

/// What the bureau decided on a received submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub enum Decision {
    /// 已通过: the bureau accepted the submission.
    #[serde(rename = "已通过")]
    Approved,
    /// 已公开: the disclosure has been published.
    #[serde(rename = "已公开")]
    Published,
}

impl Decision {
    /// "已通过" or "已公开", as stored and shown.
    pub fn label(self) -> &'static str {
        match self {
            Decision::Approved => "已通过",
            Decision::Published => "已公开",
        }
    }
}

/// What a package brings for one disclosure.
pub struct ReceivedData<'a> {
    /// The disclosure's year.
    pub year: i32,
    /// 预算 or 决算.
    pub kind: DisclosureKind,
    /// The table template's id, written to the disclosure.
    pub template: &'a str,
    /// The budget lines; `None` leaves the stored lines as they are.
    pub lines: Option<&'a LineSet>,
    /// The 决算 data; `None` leaves the stored data as it is.
    pub final_data: Option<&'a FinalData>,
    /// The 绩效目标; replace the stored ones (blank indicators dropped).
    pub targets: &'a TargetSet,
    /// The 自评 with their report texts, in order; replace the stored ones.
    pub evaluations: &'a [(SelfEvaluation, ReportProse)],
    /// The 情况说明 inputs; `None` deletes the stored ones.
    pub document: Option<&'a DocumentInput>,
}

/// The record of one received package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Submission {
    /// Row id.
    #[ts(type = "number")]
    pub id: i64,
    /// The disclosure the package's data went to.
    #[ts(type = "number")]
    pub disclosure_id: i64,
    /// When it was received, UTC, "2025-03-01T08:30:00".
    pub received_at: String,
    /// SHA-256 of the package file, hex.
    pub package_sha256: String,
    /// The package file's name as received.
    pub file_name: String,
    /// From the 审核 at receipt: 未通过 when any finding is an error.
    pub status: SubmissionStatus,
    /// Findings of severity error.
    pub errors: u32,
    /// The other findings.
    pub warnings: u32,
    /// The 审核 findings at receipt.
    pub findings: Vec<Finding>,
    /// The bureau's decision; `None` while none was taken (or it was taken back).
    pub decision: Option<Decision>,
}

fn json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value)
        .map_err(|e| CoreError::Invalid(format!("内部错误：无法保存报送记录（{e}）。")))
}

fn replace_evaluations(
    tx: &Transaction<'_>,
    disclosure_id: i64,
    evaluations: &[(SelfEvaluation, ReportProse)],
) -> Result<()> {
    tx.execute(
        "DELETE FROM self_evaluation WHERE disclosure_id = ?1",
        [disclosure_id],
    )?;
    for (i, (evaluation, prose)) in evaluations.iter().enumerate() {
        tx.execute(
            "INSERT INTO self_evaluation (disclosure_id, position, project, evaluation, prose)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                disclosure_id,
                i64::try_from(i).unwrap_or(i64::MAX),
                evaluation.project.trim(),
                json(evaluation)?,
                json(prose)?
            ],
        )?;
    }
    Ok(())
}

/// Puts the package's 情况说明 inputs in place of the disclosure's, or deletes those when the
/// package has none.
fn replace_document(
    tx: &Transaction<'_>,
    disclosure_id: i64,
    document: Option<&DocumentInput>,
) -> Result<()> {
    match document {
        Some(doc) => {
            let saved = DocumentInput {
                carried_from_last_year: false,
                ..doc.clone()
            };
            tx.execute(
                "INSERT INTO disclosure_document (disclosure_id, content) VALUES (?1, ?2)
                 ON CONFLICT (disclosure_id) DO UPDATE SET content = excluded.content,
                     updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now')",
                params![disclosure_id, json(&saved)?],
            )?;
        }
        None => {
            tx.execute(
                "DELETE FROM disclosure_document WHERE disclosure_id = ?1",
                [disclosure_id],
            )?;
        }
    }
    Ok(())
}

/// How many findings are errors and how many are not, as the submission row stores them.
fn severity_counts(findings: &[Finding]) -> (i64, i64) {
    let errors = findings
        .iter()
        .filter(|f| f.severity == crate::checks::Severity::Error)
        .count();
    let warnings = i64::try_from(findings.len() - errors).unwrap_or(i64::MAX);
    (i64::try_from(errors).unwrap_or(i64::MAX), warnings)
}

impl Store {
    /// Puts a received package's data in place of the unit's disclosure of that year and kind
    /// (created when missing) and records the submission: one transaction, nothing written when
    /// any part is refused.
    #[allow(clippy::too_many_arguments)]
    pub fn receive_submission(
        &mut self,
        unit_id: i64,
        data: &ReceivedData<'_>,
        package_sha256: &str,
        file_name: &str,
        status: SubmissionStatus,
        findings: &[Finding],
        manifest_json: &str,
    ) -> Result<Disclosure> {
        if let Some(lines) = data.lines {
            super::lines::check_lines(lines, &self.catalog(data.year)?)?;
        }
        let targets = data.targets.without_blank_indicators();
        super::targets::check_set(&targets)?;
        let tx = Transaction::new_unchecked(self.conn(), TransactionBehavior::Immediate)?;
        let existing = self.disclosure_of_unit(unit_id, data.year, data.kind)?;
        let id = match existing {
            Some(d) => d.id,
            None => {
                tx.execute(
                    "INSERT INTO disclosure (unit_id, year, kind, template) VALUES (?1, ?2, ?3, ?4)",
                    params![unit_id, data.year, data.kind.label(), data.template],
                )?;
                tx.last_insert_rowid()
            }
        };
        tx.execute(
            "UPDATE disclosure SET template = ?2 WHERE id = ?1",
            params![id, data.template],
        )?;
        if let Some(lines) = data.lines {
            super::lines::replace_lines(&tx, id, lines)?;
        }
        if let Some(final_data) = data.final_data {
            super::final_data::replace(&tx, id, final_data)?;
        }
        super::targets::replace_targets(&tx, id, &targets)?;
        replace_evaluations(&tx, id, data.evaluations)?;
        replace_document(&tx, id, data.document)?;
        let (errors, warnings) = severity_counts(findings);
        tx.execute(
            "INSERT INTO submission (disclosure_id, package_sha256, file_name, status, errors,
                 warnings, findings, manifest) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                id,
                package_sha256,
                file_name,
                status.label(),
                errors,
                warnings,
                json(&findings)?,
                manifest_json
            ],
        )?;
        tx.commit()?;
        self.get_disclosure(id)
    }

    /// Records the bureau's decision on the newest submission of a disclosure (None takes it
    /// back). A submission 未通过 cannot be passed or published: a corrected one must come.
    pub fn decide(&mut self, disclosure_id: i64, decision: Option<Decision>) -> Result<()> {
        let Some(latest) = self.submissions(disclosure_id)?.into_iter().next() else {
            return Err(CoreError::Invalid(
                "这份公开还没有报送，不能标记为已通过或已公开。".to_string(),
            ));
        };
        if decision.is_some() && latest.status == SubmissionStatus::Failed {
            return Err(CoreError::Invalid(
                "最近一次报送审核未通过，请退回单位修改后重新报送。".to_string(),
            ));
        }
        self.conn().execute(
            "UPDATE submission SET decision = ?2 WHERE id = ?1",
            params![latest.id, decision.map(Decision::label)],
        )?;
        Ok(())
    }

    /// The submissions of a disclosure, newest first.
    pub fn submissions(&self, disclosure_id: i64) -> Result<Vec<Submission>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, disclosure_id, received_at, package_sha256, file_name, status, errors,
                    warnings, findings, decision
             FROM submission WHERE disclosure_id = ?1 ORDER BY id DESC",
        )?;
        let rows = stmt
            .query_map([disclosure_id], |r| {
                let status: String = r.get(5)?;
                let findings: String = r.get(8)?;
                let decision: Option<String> = r.get(9)?;
                Ok(Submission {
                    id: r.get(0)?,
                    disclosure_id: r.get(1)?,
                    received_at: r.get(2)?,
                    package_sha256: r.get(3)?,
                    file_name: r.get(4)?,
                    status: if status == SubmissionStatus::Failed.label() {
                        SubmissionStatus::Failed
                    } else {
                        SubmissionStatus::Received
                    },
                    errors: r.get(6)?,
                    warnings: r.get(7)?,
                    findings: serde_json::from_str(&findings).map_err(|e| {
                        rusqlite::Error::FromSqlConversionFailure(
                            8,
                            rusqlite::types::Type::Text,
                            Box::new(e),
                        )
                    })?,
                    decision: match decision.as_deref() {
                        Some("已通过") => Some(Decision::Approved),
                        Some("已公开") => Some(Decision::Published),
                        _ => None,
                    },
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}
