//! Commands of the 决算 screen: its data, its nine tables as they will print and their export,
//! its review against the rules and the year's 预算, its 情况说明 generated from the tables with
//! the reasons typed, the complete 部门决算 document, the import of a 决算数据 workbook, last
//! year's 年末 as this year's 年初, and the 自评 that start from the year's 绩效目标.

use budget_core::error::ErrorPayload;
use budget_core::final_accounts::{CarryOver, DataProblem, FinalData};
use budget_core::narrative::{Narrative, NarrativeInput};
use budget_core::prepare::evaluation_start::{
    evaluation_candidates as candidates_of, start_evaluation as start_evaluation_of,
    EvaluationCandidate,
};
use budget_core::prepare::final_accounts::{
    export_final_disclosure, final_narrative as final_narrative_of,
    final_preview as final_preview_of, import_final_data_into,
    opening_from_last_year as opening_of, review_final_disclosure as review_of,
    save_final_document, save_final_document_workbook, FinalImportError, FinalReview,
};
use budget_core::scoring::SelfEvaluation;
use budget_core::sheet_view::SheetView;
use budget_core::store::DocumentInput;
use budget_core::xlsx::final_data::FinalDataProblem;
use serde::Serialize;
use tauri::{AppHandle, State};

use crate::dialogs::{self, SaveAs};
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
    let (name, _) = dialogs::disclosure_name(&state, disclosure_id).await?;
    let save_as = SaveAs::workbook("导出部门决算公开表", format!("{name}部门决算公开表.xlsx"));
    dialogs::export_from_store(app, &state, save_as, move |s, path| {
        export_final_disclosure(s, disclosure_id, path)
    })
    .await
}

/// What `import_final_data` did: the data replaced (with what the saved data still lack), or the
/// workbook's problems, each with its sheet and cell (then nothing was written).
#[derive(Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum FinalImportReply {
    Imported {
        lines: usize,
        incomes: usize,
        carry_overs: usize,
        backup: String,
        problems: Vec<DataProblem>,
    },
    Refused {
        problems: Vec<FinalDataProblem>,
    },
}

/// Asks for a 决算数据 workbook and replaces the disclosure's 决算 data with it, all or nothing
/// after a backup; `None` when the dialog was cancelled.
#[tauri::command]
pub async fn import_final_data(
    app: AppHandle,
    state: State<'_, AppState>,
    disclosure_id: i64,
) -> Reply<Option<FinalImportReply>> {
    let Some(path) = dialogs::ask_for_workbook(app, "选择决算数据工作簿").await? else {
        return Ok(None);
    };
    let done = state
        .with_store(move |s| Ok(import_final_data_into(s, disclosure_id, &path)))
        .await?;
    match done {
        Ok(o) => Ok(Some(FinalImportReply::Imported {
            lines: o.lines,
            incomes: o.incomes,
            carry_overs: o.carry_overs,
            backup: o.backup.display().to_string(),
            problems: o.problems,
        })),
        Err(FinalImportError::Problems(problems)) => {
            Ok(Some(FinalImportReply::Refused { problems }))
        }
        Err(FinalImportError::Core(e)) => Err(e.into()),
    }
}

/// Last year's 决算 年末 as this year's 年初 rows (年末 0); empty without a 决算 of last year.
#[tauri::command]
pub async fn opening_from_last_year(
    state: State<'_, AppState>,
    disclosure_id: i64,
) -> Reply<Vec<CarryOver>> {
    state
        .with_store(move |s| opening_of(s, disclosure_id))
        .await
}

/// Asks where to save and writes the complete 部门决算 document as .docx (the stored reasons in
/// its 情况说明); the path, or `None` when the dialog was cancelled.
#[tauri::command]
pub async fn export_final_document(
    app: AppHandle,
    state: State<'_, AppState>,
    disclosure_id: i64,
) -> Reply<Option<String>> {
    export_document(app, state, disclosure_id, DocumentFormat::Docx).await
}

/// The same document as one workbook (封面, 目录, 概况, 名词解释, 情况说明, the nine tables).
#[tauri::command]
pub async fn export_final_document_workbook(
    app: AppHandle,
    state: State<'_, AppState>,
    disclosure_id: i64,
) -> Reply<Option<String>> {
    export_document(app, state, disclosure_id, DocumentFormat::Workbook).await
}

#[derive(Clone, Copy)]
enum DocumentFormat {
    Docx,
    Workbook,
}

async fn export_document(
    app: AppHandle,
    state: State<'_, AppState>,
    disclosure_id: i64,
    format: DocumentFormat,
) -> Reply<Option<String>> {
    let doc = state
        .with_store(move |s| s.stored_document_input(disclosure_id))
        .await?;
    let (ext, filter) = match format {
        DocumentFormat::Docx => ("docx", "Word 文档"),
        DocumentFormat::Workbook => ("xlsx", "Excel 工作簿"),
    };
    let save_as = SaveAs {
        title: "导出部门决算公开文档",
        name: format!("{}{}年部门决算.{ext}", doc.input.unit, doc.input.year),
        kind: filter,
        extension: ext,
    };
    dialogs::export_from_store(app, &state, save_as, move |s, path| match format {
        DocumentFormat::Docx => save_final_document(s, disclosure_id, &doc.input, &doc.texts, path),
        DocumentFormat::Workbook => {
            save_final_document_workbook(s, disclosure_id, &doc.input, &doc.texts, path)
        }
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
