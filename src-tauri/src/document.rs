//! 情况说明 and the complete document: the typed input, the generated 第三部分, last year's
//! figures from a published workbook, the check of a text typed elsewhere, the .docx.

use budget_core::checks::Finding;
use budget_core::error::ErrorPayload;
use budget_core::narrative::{
    check_narrative, prior_year_from_workbook, Narrative, NarrativeInput, PriorYear,
};
use budget_core::prepare::disclosure_tables;
use budget_core::prepare::{
    generate_for_disclosure, save_disclosure_document, save_disclosure_document_workbook,
};
use budget_core::store::DocumentInput;
use tauri::{AppHandle, State};

use crate::dialogs::{self, SaveAs};
use crate::review::internal;
use crate::state::AppState;

type Reply<T> = Result<T, ErrorPayload>;

#[tauri::command]
pub async fn load_document_input(
    state: State<'_, AppState>,
    disclosure_id: i64,
) -> Reply<DocumentInput> {
    state
        .with_store(move |s| budget_core::prepare::load_document_input(s, disclosure_id))
        .await
}

#[tauri::command]
pub async fn save_document_input(
    state: State<'_, AppState>,
    disclosure_id: i64,
    doc: DocumentInput,
) -> Reply<()> {
    state
        .with_store(move |s| s.save_document_input(disclosure_id, &doc))
        .await
}

#[tauri::command]
pub async fn generate_narrative(
    state: State<'_, AppState>,
    disclosure_id: i64,
    input: NarrativeInput,
) -> Reply<Narrative> {
    state
        .with_store(move |s| generate_for_disclosure(s, disclosure_id, &input))
        .await
}

/// Asks for last year's published workbook and reads its figures; `None` when cancelled.
#[tauri::command]
pub async fn prior_year_workbook(app: AppHandle) -> Reply<Option<PriorYear>> {
    tauri::async_runtime::spawn_blocking(move || -> Reply<Option<PriorYear>> {
        let Some(path) = dialogs::pick_workbooks(&app, "选择上年公开的部门预算工作簿", false)
            .into_iter()
            .next()
        else {
            return Ok(None);
        };
        prior_year_from_workbook(&path)
            .map(Some)
            .map_err(ErrorPayload::of)
    })
    .await
    .map_err(internal)?
}

/// Every number of a 情况说明 typed elsewhere that does not hold, against this disclosure's
/// tables.
#[tauri::command]
pub async fn check_narrative_text(
    state: State<'_, AppState>,
    disclosure_id: i64,
    text: String,
) -> Reply<Vec<Finding>> {
    state
        .with_store(move |s| {
            let tables = disclosure_tables(s, disclosure_id)?;
            Ok(check_narrative(&text, Some(&tables)))
        })
        .await
}

/// Writes the complete document (.docx) where the user chooses; the path, or `None`.
#[tauri::command]
pub async fn export_document(
    app: AppHandle,
    state: State<'_, AppState>,
    disclosure_id: i64,
    doc: DocumentInput,
) -> Reply<Option<String>> {
    let save_as = SaveAs {
        title: "导出部门预算公开文档",
        name: format!("{}{}年部门预算公开.docx", doc.input.unit, doc.input.year),
        kind: "Word 文档",
        extension: "docx",
    };
    dialogs::export_from_store(app, &state, save_as, move |s, path| {
        save_disclosure_document(s, disclosure_id, &doc.input, &doc.texts, path)
    })
    .await
}

/// Writes the complete document as one workbook (封面 … 其他重要事项) where the user chooses.
#[tauri::command]
pub async fn export_document_workbook(
    app: AppHandle,
    state: State<'_, AppState>,
    disclosure_id: i64,
    doc: DocumentInput,
) -> Reply<Option<String>> {
    let save_as = SaveAs::workbook(
        "导出部门预算公开工作簿",
        format!("{}{}年部门预算公开.xlsx", doc.input.unit, doc.input.year),
    );
    dialogs::export_from_store(app, &state, save_as, move |s, path| {
        save_disclosure_document_workbook(s, disclosure_id, &doc.input, &doc.texts, path)
    })
    .await
}
