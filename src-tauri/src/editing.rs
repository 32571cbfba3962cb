//! Commands of the save model: drafts of the editors other than the line grid, and the guard
//! that keeps the window open while the UI says something is unsaved.

use std::sync::atomic::{AtomicBool, Ordering};

use budget_core::error::ErrorPayload;
use budget_core::store::DraftEditor;
use tauri::{AppHandle, Emitter, Manager, State, Window, WindowEvent};

use crate::state::AppState;

type Reply<T> = Result<T, ErrorPayload>;

/// The event the UI answers by asking 保存 / 不保存 / 取消 and then calling `close_window`.
pub const CLOSE_REQUESTED_EVENT: &str = "unsaved-close-requested";

/// Whether any editor holds unsaved changes, as last told by the UI. While it is false the
/// window closes at once, so a UI that stopped answering can never keep the window open.
#[derive(Default)]
pub struct UnsavedFlag(AtomicBool);

#[tauri::command]
pub async fn save_editor_draft(
    state: State<'_, AppState>,
    disclosure_id: i64,
    editor: DraftEditor,
    content: String,
) -> Reply<()> {
    state
        .with_store(move |s| s.save_editor_draft(disclosure_id, editor, &content))
        .await
}

#[tauri::command]
pub async fn load_editor_draft(
    state: State<'_, AppState>,
    disclosure_id: i64,
    editor: DraftEditor,
) -> Reply<Option<String>> {
    state
        .with_store(move |s| s.load_editor_draft(disclosure_id, editor))
        .await
}

#[tauri::command]
pub async fn discard_editor_draft(
    state: State<'_, AppState>,
    disclosure_id: i64,
    editor: DraftEditor,
) -> Reply<()> {
    state
        .with_store(move |s| s.discard_editor_draft(disclosure_id, editor))
        .await
}

#[tauri::command]
pub fn set_unsaved(flag: State<'_, UnsavedFlag>, unsaved: bool) {
    flag.0.store(unsaved, Ordering::SeqCst);
}

/// Closes the window after the UI has settled what to do with unsaved changes.
#[tauri::command]
pub fn close_window(app: AppHandle, flag: State<'_, UnsavedFlag>) {
    flag.0.store(false, Ordering::SeqCst);
    app.exit(0);
}

/// Keeps the window open and asks the UI when something is unsaved.
pub fn on_window_event(window: &Window, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { api, .. } = event {
        let unsaved = window
            .try_state::<UnsavedFlag>()
            .is_some_and(|f| f.0.load(Ordering::SeqCst));
        if unsaved {
            api.prevent_close();
            let _ = window.emit(CLOSE_REQUESTED_EVENT, ());
        }
    }
}
