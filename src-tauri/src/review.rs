//! Review commands: pick workbooks, run 审核 on them with progress, show a sheet.

use std::path::PathBuf;

use budget_core::error::ErrorPayload;
use budget_core::review::{review_files_with_progress, ReviewedFile};
use budget_core::sheet_view::{sheet_view, SheetView};
use serde::Serialize;
use tauri::{AppHandle, Emitter};

use crate::dialogs;

#[derive(Clone, Serialize)]
struct Progress {
    done: usize,
    total: usize,
}

pub(crate) fn internal(err: impl std::fmt::Display) -> ErrorPayload {
    ErrorPayload {
        code: "internal".into(),
        message: format!("内部错误：后台任务异常结束（{err}）。"),
    }
}

/// Opens the native "open files" dialog for Excel workbooks; empty when cancelled.
#[tauri::command]
pub async fn pick_workbooks(app: AppHandle) -> Result<Vec<String>, ErrorPayload> {
    tauri::async_runtime::spawn_blocking(move || {
        dialogs::pick_workbooks(&app, "选择要审核的公开工作簿", true)
            .into_iter()
            .map(|p| p.display().to_string())
            .collect()
    })
    .await
    .map_err(internal)
}

/// Reads and checks every file, emitting `review-progress` {done, total} after each one.
#[tauri::command]
pub async fn review_workbooks(
    app: AppHandle,
    paths: Vec<String>,
) -> Result<Vec<ReviewedFile>, ErrorPayload> {
    tauri::async_runtime::spawn_blocking(move || {
        let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
        review_files_with_progress(&paths, &|done, total| {
            let _ = app.emit("review-progress", Progress { done, total });
        })
    })
    .await
    .map_err(internal)
}

#[tauri::command]
pub async fn review_sheet(path: String, sheet: String) -> Result<SheetView, ErrorPayload> {
    tauri::async_runtime::spawn_blocking(move || {
        sheet_view(&PathBuf::from(path), &sheet).map_err(|err| ErrorPayload {
            code: "sheet".into(),
            message: err.to_string(),
        })
    })
    .await
    .map_err(internal)?
}
