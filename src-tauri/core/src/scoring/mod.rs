//! 绩效自评: scoring a project's self-evaluation by the rules of 财预〔2020〕10号 (docs/design.md §5),
//! reading and writing the 自评表 workbook of seed 001, and the 自评报告 text.
//!
//! What the app calls:
//! * [`score_workbook`] — read and score a workbook in one step (`budget-cli score`);
//! * [`read_workbook`] — every 自评表 block of a workbook, with the cell each value came from;
//! * [`score`] (an evaluation entered in the app) / [`score_read`] (one read from a workbook)
//!   — the computed scores, total, grade and findings;
//! * [`write_workbook`] / [`export_workbook`] — the 自评表 of each project, one sheet per
//!   project, with the computed scores;
//! * [`report`] — the 自评报告 text as sections, [`summary_sentence`] for the 决算 说明.

mod evaluate;
pub mod model;
mod read;
mod report;
pub mod rules;
mod write;

pub use evaluate::{score, score_with_cells, EvaluationCells, IndicatorCells};
pub use model::{
    Achievement, EvaluatedIndicator, EvaluationFunds, EvaluationGrade, EvaluationScore,
    FundExecution, IndicatorScore, QualitativeGrading, ScoreFinding, ScoreSeverity, SelfEvaluation,
    StatedScores,
};
pub use read::{read_sheets, read_workbook, ReadEvaluation, SelfEvaluationReadError};
pub use report::{report, summary_sentence, ReportProse, ReportSection, SelfEvaluationReport};
pub use write::{export_workbook, write_workbook, ExportError};

/// Scores an evaluation read from a workbook: what reading noticed first, then the rules'
/// findings, all pointing at the workbook's cells.
pub fn score_read(read: &ReadEvaluation) -> EvaluationScore {
    let mut result = score_with_cells(&read.evaluation, Some(&read.cells));
    let mut findings = read.findings.clone();
    findings.append(&mut result.findings);
    result.findings = findings;
    result
}

/// What `budget-cli score --json` prints (docs/design.md §7): one entry per project of the
/// workbook.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ScoreReport {
    /// One per 自评表 block, in workbook order.
    pub evaluations: Vec<EvaluationScore>,
}

impl ScoreReport {
    /// 0 when no finding is an error, 1 otherwise (2, unreadable, never gets this far).
    pub fn exit_status(&self) -> u8 {
        u8::from(self.evaluations.iter().any(EvaluationScore::has_errors))
    }
}

/// Reads the 自评表 workbook at `path` and scores every project in it.
pub fn score_workbook(path: &std::path::Path) -> Result<ScoreReport, SelfEvaluationReadError> {
    let evaluations = read_workbook(path)?.iter().map(score_read).collect();
    Ok(ScoreReport { evaluations })
}
