//! Review commands: pick workbooks, run 审核 on them with progress, show a sheet.

use std::path::PathBuf;

use budget_core::error::{ErrorCode, ErrorPayload};
use budget_core::review::{review_files_with_progress, write_review_report, ReviewedFile};
use budget_core::sheet_view::{sheet_view, SheetView};
use budget_core::store::{NoteKey, ReviewNote};
use serde::Serialize;
use tauri::{AppHandle, Emitter, State};

use crate::dialogs::{self, SaveAs};
use crate::state::AppState;

#[derive(Clone, Serialize)]
struct Progress {
    done: usize,
    total: usize,
}

/// A background task that ended abnormally (a panic): the cause goes to the log for support,
/// the user reads what it means for their data.
pub(crate) fn internal(err: impl std::fmt::Display) -> ErrorPayload {
    eprintln!("后台任务异常结束：{err}");
    ErrorPayload {
        code: ErrorCode::Internal,
        message:
            "内部错误：后台任务异常结束，已保存的数据未受影响。请重试；如反复出现，请联系技术支持。"
                .into(),
    }
}

/// Opens the native "open files" dialog for workbooks and published PDFs; empty when
/// cancelled.
#[tauri::command]
pub async fn pick_workbooks(app: AppHandle) -> Result<Vec<String>, ErrorPayload> {
    tauri::async_runtime::spawn_blocking(move || {
        dialogs::pick_for_review(&app, "选择要审核的公开表（Excel 工作簿或 PDF）")
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
        sheet_view(&PathBuf::from(path), &sheet).map_err(ErrorPayload::of)
    })
    .await
    .map_err(internal)?
}

/// The written 说明 of the findings of these files (by content hash).
#[tauri::command]
pub async fn review_notes(
    state: State<'_, AppState>,
    hashes: Vec<String>,
) -> Result<Vec<ReviewNote>, ErrorPayload> {
    state
        .with_store(move |s| {
            let mut all = Vec::new();
            for h in hashes.iter().filter(|h| !h.is_empty()) {
                all.extend(s.review_notes_for(h)?);
            }
            Ok(all)
        })
        .await
}

/// Keeps (or, when empty, removes) the 说明 of one finding.
#[tauri::command]
pub async fn set_review_note(
    state: State<'_, AppState>,
    key: NoteKey,
    note: String,
    file_name: String,
) -> Result<(), ErrorPayload> {
    state
        .with_store(move |s| s.set_review_note(&key, &note, &file_name))
        .await
}

/// Writes the 审核报告 of these files, with their 说明, where the user chooses. The path, or
/// `None` when cancelled.
#[tauri::command]
pub async fn export_review_report(
    app: AppHandle,
    state: State<'_, AppState>,
    files: Vec<ReviewedFile>,
) -> Result<Option<String>, ErrorPayload> {
    let save_as = SaveAs::workbook("保存审核报告", "审核报告.xlsx".to_string());
    dialogs::export_from_store(app, &state, save_as, move |s, path| {
        let notes = s.review_note_map(&files)?;
        write_review_report(path, &files, &|file, finding| {
            notes.get(&NoteKey::for_finding(file, finding)).cloned()
        })?;
        Ok(())
    })
    .await
}

/// The bytes of a published PDF under review, for the page view. Only `.pdf` files, as the
/// 审核 list holds them; raw bytes, not JSON.
#[tauri::command]
pub async fn review_pdf_bytes(path: String) -> Result<tauri::ipc::Response, ErrorPayload> {
    tauri::async_runtime::spawn_blocking(move || {
        let path = PathBuf::from(path);
        if !budget_core::pdf::is_pdf_path(&path) {
            return Err(ErrorPayload {
                code: ErrorCode::NotAPdf,
                message: format!("{} 不是 PDF 文件。", path.display()),
            });
        }
        budget_core::xlsx::read_bytes(&path)
            .map(tauri::ipc::Response::new)
            .map_err(ErrorPayload::of)
    })
    .await
    .map_err(internal)?
}
