//! Self-evaluation commands: keep, score live, import, export the 自评表 and the 自评报告.

use budget_core::error::{ErrorCode, ErrorPayload};
use budget_core::scoring::{
    export_workbook, read_workbook, report, score, EvaluationScore, ReportProse, ScoreFinding,
    SelfEvaluation, SelfEvaluationReport,
};
use budget_core::store::StoredEvaluation;
use budget_core::CoreError;
use serde::Serialize;
use tauri::{AppHandle, State};

use crate::dialogs::{self, write_whole};
use crate::review::internal;
use crate::state::AppState;

type Reply<T> = Result<T, ErrorPayload>;

#[tauri::command]
pub async fn list_evaluations(
    state: State<'_, AppState>,
    disclosure_id: i64,
) -> Reply<Vec<StoredEvaluation>> {
    state
        .with_store(move |s| s.list_evaluations(disclosure_id))
        .await
}

#[tauri::command]
pub async fn save_evaluation(
    state: State<'_, AppState>,
    disclosure_id: i64,
    id: Option<i64>,
    evaluation: SelfEvaluation,
    prose: ReportProse,
) -> Reply<StoredEvaluation> {
    state
        .with_store(move |s| s.save_evaluation(disclosure_id, id, &evaluation, &prose))
        .await
}

#[tauri::command]
pub async fn delete_evaluation(state: State<'_, AppState>, id: i64) -> Reply<()> {
    state.with_store(move |s| s.delete_evaluation(id)).await
}

/// Scores an evaluation as it is being typed (pure computation, no storage).
#[tauri::command]
pub async fn score_evaluation(evaluation: SelfEvaluation) -> Reply<EvaluationScore> {
    Ok(score(&evaluation))
}

#[tauri::command]
pub async fn evaluation_report(
    evaluation: SelfEvaluation,
    prose: ReportProse,
) -> Reply<SelfEvaluationReport> {
    Ok(report(&evaluation, &prose))
}

#[derive(Serialize)]
pub struct ImportedEvaluations {
    count: usize,
    /// What reading found (stated scores that do not follow the rules, unreadable cells).
    findings: Vec<ScoreFinding>,
}

/// Asks for a 自评表 workbook and adds every project in it to this disclosure.
#[tauri::command]
pub async fn import_evaluations(
    app: AppHandle,
    state: State<'_, AppState>,
    disclosure_id: i64,
) -> Reply<Option<ImportedEvaluations>> {
    let Some(path) = dialogs::ask_for_workbook(app, "选择绩效自评表").await? else {
        return Ok(None);
    };
    let read = tauri::async_runtime::spawn_blocking(move || read_workbook(&path))
        .await
        .map_err(internal)?
        .map_err(ErrorPayload::of)?;
    if read.is_empty() {
        return Err(ErrorPayload {
            code: ErrorCode::NotASelfEvaluation,
            message: "工作簿中没有找到绩效自评表。".into(),
        });
    }
    let findings: Vec<ScoreFinding> = read
        .iter()
        .flat_map(|r| {
            r.findings
                .iter()
                .cloned()
                .chain(budget_core::scoring::score_read(r).findings)
        })
        .collect();
    let evaluations: Vec<SelfEvaluation> = read.into_iter().map(|r| r.evaluation).collect();
    let count = state
        .with_store(move |s| s.add_evaluations(disclosure_id, &evaluations))
        .await?;
    Ok(Some(ImportedEvaluations { count, findings }))
}

/// Writes the 自评表 of every evaluation of the disclosure to a workbook the user chooses.
#[tauri::command]
pub async fn export_evaluations(
    app: AppHandle,
    state: State<'_, AppState>,
    disclosure_id: i64,
) -> Reply<Option<String>> {
    let evaluations: Vec<SelfEvaluation> = state
        .with_store(move |s| {
            Ok(s.list_evaluations(disclosure_id)?
                .into_iter()
                .map(|e| e.evaluation)
                .collect())
        })
        .await?;
    if evaluations.is_empty() {
        return Err(ErrorPayload::of(CoreError::Invalid(
            "还没有绩效自评，无法导出。".into(),
        )));
    }
    tauri::async_runtime::spawn_blocking(move || -> Reply<Option<String>> {
        let Some(path) = dialogs::save_workbook(&app, "导出绩效自评表", "绩效自评表.xlsx")
        else {
            return Ok(None);
        };
        export_workbook(&path, &evaluations).map_err(ErrorPayload::of)?;
        Ok(Some(path.display().to_string()))
    })
    .await
    .map_err(internal)?
}

/// Saves the 自评报告 of one evaluation as a text file the user chooses.
#[tauri::command]
pub async fn export_evaluation_report(
    app: AppHandle,
    evaluation: SelfEvaluation,
    prose: ReportProse,
) -> Reply<Option<String>> {
    tauri::async_runtime::spawn_blocking(move || -> Reply<Option<String>> {
        let text = report(&evaluation, &prose);
        let name = format!("{}.txt", text.title);
        let Some(path) = dialogs::save_file(&app, "导出绩效自评报告", &name, "文本文件", "txt")
        else {
            return Ok(None);
        };
        write_whole(&path, text.to_text().as_bytes())?;
        Ok(Some(path.display().to_string()))
    })
    .await
    .map_err(internal)?
}
