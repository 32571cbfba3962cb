//! Commands of the 决算 screen: its data, its nine tables as they will print and their export,
//! its review against the rules and the year's 预算, its 情况说明 generated from the tables with
//! the reasons typed, and the 自评 that start from the year's 绩效目标.

use budget_core::error::ErrorPayload;
use budget_core::final_accounts::FinalData;
use budget_core::narrative::{Narrative, NarrativeInput};
use budget_core::prepare::evaluation_start::{
    evaluation_candidates as candidates_of, start_evaluation as start_evaluation_of,
    EvaluationCandidate,
};
use budget_core::prepare::final_accounts::{
    export_final_disclosure, final_narrative as final_narrative_of,
    final_preview as final_preview_of, review_final_disclosure as review_of, FinalReview,
};
use budget_core::scoring::SelfEvaluation;
use budget_core::sheet_view::SheetView;
use budget_core::store::DocumentInput;
use tauri::{AppHandle, State};

use crate::dialogs;
use crate::state::AppState;

type Reply<T> = Result<T, ErrorPayload>;

#[tauri::command]
pub async fn load_final_data(state: State<'_, AppState>, disclosure_id: i64) -> Reply<FinalData> {
    state
        .with_store(move |s| s.load_final_data(disclosure_id))
        .await
}

/// Replaces the disclosure's 决算 data; problems of the data do not stop the save (the review
/// lists them).
#[tauri::command]
pub async fn save_final_data(
    state: State<'_, AppState>,
    disclosure_id: i64,
    data: FinalData,
) -> Reply<()> {
    state
        .with_store(move |s| s.save_final_data(disclosure_id, &data))
        .await
}

/// The nine 决算 tables as the exported workbook lays them out.
#[tauri::command]
pub async fn final_preview(
    state: State<'_, AppState>,
    disclosure_id: i64,
) -> Reply<Vec<SheetView>> {
    state
        .with_store(move |s| final_preview_of(s, disclosure_id))
        .await
}

/// Asks where to save (as every export does: the webview has no dialog permission) and writes
/// the 决算公开表 workbook; the path, or `None` when the dialog was cancelled.
#[tauri::command]
pub async fn export_final_workbook(
    app: AppHandle,
    state: State<'_, AppState>,
    disclosure_id: i64,
) -> Reply<Option<String>> {
    let name = state
        .with_store(move |s| {
            let d = s.get_disclosure(disclosure_id)?;
            let unit = s.get_unit(d.unit_id)?;
            Ok(format!("{}{}年部门决算公开表.xlsx", unit.name, d.year))
        })
        .await?;
    let Some(path) =
        dialogs::ask_where_to_save(app, "导出部门决算公开表", name, "Excel 工作簿", "xlsx").await?
    else {
        return Ok(None);
    };
    state
        .with_store(move |s| {
            export_final_disclosure(s, disclosure_id, &path)?;
            Ok(Some(path.display().to_string()))
        })
        .await
}

/// The saved data's problems, the rules on the derived tables and the comparison with the
/// year's 预算.
#[tauri::command]
pub async fn review_final_disclosure(
    state: State<'_, AppState>,
    disclosure_id: i64,
) -> Reply<FinalReview> {
    state.with_store(move |s| review_of(s, disclosure_id)).await
}

/// The typed parts of the 决算's document as stored (the reasons by `text_key`), or else those
/// of last year's 决算 carried over. Saved with `save_document_input`, as for a 预算; unlike
/// `load_document_input` it adds no 预算 figures of last year (the 决算 情况说明 reads last year's
/// 决算 itself).
#[tauri::command]
pub async fn load_final_narrative_input(
    state: State<'_, AppState>,
    disclosure_id: i64,
) -> Reply<DocumentInput> {
    state
        .with_store(move |s| s.stored_document_input(disclosure_id))
        .await
}

/// 第三部分 情况说明 of the 决算, generated from its saved data, last year's 决算 and the year's
/// 预算, with the reasons of `input.texts`.
#[tauri::command]
pub async fn final_narrative(
    state: State<'_, AppState>,
    disclosure_id: i64,
    input: NarrativeInput,
) -> Reply<Narrative> {
    state
        .with_store(move |s| final_narrative_of(s, disclosure_id, &input))
        .await
}

/// The projects of the year's 预算 with 绩效目标 a 自评 can start from.
#[tauri::command]
pub async fn evaluation_candidates(
    state: State<'_, AppState>,
    disclosure_id: i64,
) -> Reply<Vec<EvaluationCandidate>> {
    state
        .with_store(move |s| candidates_of(s, disclosure_id))
        .await
}

/// A new 自评 of one of those projects, not yet saved.
#[tauri::command]
pub async fn start_evaluation(
    state: State<'_, AppState>,
    disclosure_id: i64,
    project_code: String,
) -> Reply<SelfEvaluation> {
    state
        .with_store(move |s| start_evaluation_of(s, disclosure_id, &project_code))
        .await
}
