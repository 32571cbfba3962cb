//! 公开情况检查表 commands: the checklists of reviewed files with the inspector's kept overrides,
//! keeping an override and remark, and exporting the workbook where the user chooses.

use budget_core::error::ErrorPayload;
use budget_core::review::{
    checklists, write_checklists, Checklist, ChecklistOverride, ReviewedFile,
};
use budget_core::xlsx::ReportHeading;
use tauri::{AppHandle, State};

use crate::dialogs;
use crate::review::internal;
use crate::state::AppState;

/// The checklists of `files` with what the inspector kept on them. The database is held only
/// to read what was kept: building the checklists may read the files again.
async fn build(
    state: &State<'_, AppState>,
    files: Vec<ReviewedFile>,
) -> Result<Vec<Checklist>, ErrorPayload> {
    let (files, kept) = state
        .with_store(move |s| {
            let kept = s.kept_checklist_overrides(&files)?;
            Ok((files, kept))
        })
        .await?;
    tauri::async_runtime::spawn_blocking(move || checklists(&files, &kept))
        .await
        .map_err(internal)
}

/// The checklists of these reviewed files, with what the inspector set on them.
#[tauri::command]
pub async fn review_checklists(
    state: State<'_, AppState>,
    files: Vec<ReviewedFile>,
) -> Result<Vec<Checklist>, ErrorPayload> {
    build(&state, files).await
}

/// Keeps the inspector's 是/否 and remarks on items of one file, all or none (no verdict and
/// an empty remark removes what was kept for an item).
#[tauri::command]
pub async fn set_checklist_overrides(
    state: State<'_, AppState>,
    content_hash: String,
    overrides: Vec<ChecklistOverride>,
    file_name: String,
) -> Result<(), ErrorPayload> {
    state
        .with_store(move |s| s.set_checklist_overrides(&content_hash, &overrides, &file_name))
        .await
}

/// Writes the 公开情况检查表 of these files where the user chooses: the path, or `None` when
/// cancelled.
#[tauri::command]
pub async fn export_checklists(
    app: AppHandle,
    state: State<'_, AppState>,
    files: Vec<ReviewedFile>,
) -> Result<Option<String>, ErrorPayload> {
    let Some(path) = dialogs::ask_where_to_save(
        app,
        "保存公开情况检查表",
        "公开情况检查表.xlsx".to_string(),
        "Excel 工作簿",
        "xlsx",
    )
    .await?
    else {
        return Ok(None);
    };
    let lists = build(&state, files).await?;
    tauri::async_runtime::spawn_blocking(move || {
        write_checklists(&path, &lists, &ReportHeading::today(None))
            .map(|()| Some(path.display().to_string()))
            .map_err(ErrorPayload::of)
    })
    .await
    .map_err(internal)?
}
