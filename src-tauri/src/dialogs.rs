//! Native file dialogs, opened from Rust (the webview has no dialog permission). WebDriver cannot
//! drive native dialogs, so the end-to-end tests answer them through environment variables.

use std::path::{Path, PathBuf};

use budget_core::error::ErrorPayload;
use budget_core::model::DisclosureKind;
use budget_core::store::Store;
use tauri::AppHandle;

use crate::state::AppState;

use crate::review::internal;
use tauri_plugin_dialog::DialogExt;

/// When set, "open" dialogs return these paths (separated like PATH).
pub const TEST_PICK_ENV: &str = "BUDGET_DESK_TEST_PICK";
/// When set, "save" dialogs return this path.
pub const TEST_SAVE_ENV: &str = "BUDGET_DESK_TEST_SAVE";

/// Asks for Excel workbooks to open; empty when cancelled. Blocks: call on a blocking thread.
pub fn pick_workbooks(app: &AppHandle, title: &str, multiple: bool) -> Vec<PathBuf> {
    pick_files(app, title, multiple, "Excel 工作簿", &["xlsx", "xls"])
}

/// Asks for files to review: workbooks and published PDFs. Blocks: call on a blocking thread.
pub fn pick_for_review(app: &AppHandle, title: &str) -> Vec<PathBuf> {
    pick_files(
        app,
        title,
        true,
        "公开表（Excel 工作簿、PDF）",
        &["xlsx", "xls", "pdf"],
    )
}

fn pick_files(
    app: &AppHandle,
    title: &str,
    multiple: bool,
    kind: &str,
    extensions: &[&str],
) -> Vec<PathBuf> {
    if let Some(paths) = std::env::var_os(TEST_PICK_ENV) {
        return std::env::split_paths(&paths).collect();
    }
    let dialog = app
        .dialog()
        .file()
        .set_title(title)
        .add_filter(kind, extensions);
    let picked = if multiple {
        dialog.blocking_pick_files().unwrap_or_default()
    } else {
        dialog.blocking_pick_file().into_iter().collect()
    };
    picked
        .into_iter()
        .filter_map(|p| p.into_path().ok())
        .collect()
}

/// Asks for one file of a kind to open ("报送包", ["bdpkg"]); `None` when cancelled.
pub async fn ask_for_file(
    app: AppHandle,
    title: &'static str,
    kind: &'static str,
    extensions: &'static [&'static str],
) -> Result<Option<PathBuf>, ErrorPayload> {
    tauri::async_runtime::spawn_blocking(move || {
        if let Some(paths) = std::env::var_os(TEST_PICK_ENV) {
            return std::env::split_paths(&paths).next();
        }
        app.dialog()
            .file()
            .set_title(title)
            .add_filter(kind, extensions)
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok())
    })
    .await
    .map_err(internal)
}

/// Asks where to save a workbook; `None` when cancelled. Blocks: call on a blocking thread.
pub fn save_workbook(app: &AppHandle, title: &str, file_name: &str) -> Option<PathBuf> {
    save_file(app, title, file_name, "Excel 工作簿", "xlsx")
}

/// Asks where to save a file of one kind; `None` when cancelled. Blocks: call on a blocking
/// thread. The suggested `file_name` is built from a unit's or project's name, which may hold
/// characters Windows refuses in a file name or be a device name ("CON"): every suggestion is
/// made safe here, in the one place all of them pass.
pub fn save_file(
    app: &AppHandle,
    title: &str,
    file_name: &str,
    kind: &str,
    extension: &str,
) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(TEST_SAVE_ENV) {
        return Some(PathBuf::from(path));
    }
    app.dialog()
        .file()
        .set_title(title)
        .set_file_name(budget_core::text::file_name(file_name, extension))
        .add_filter(kind, &[extension])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

/// Asks, off the async runtime, for one Excel workbook to open; `None` when cancelled.
pub async fn ask_for_workbook(
    app: AppHandle,
    title: &'static str,
) -> Result<Option<PathBuf>, ErrorPayload> {
    tauri::async_runtime::spawn_blocking(move || {
        pick_workbooks(&app, title, false).into_iter().next()
    })
    .await
    .map_err(internal)
}

/// Asks, off the async runtime, where to save a file of one kind; `None` when cancelled.
pub async fn ask_where_to_save(
    app: AppHandle,
    title: &'static str,
    file_name: String,
    kind: &'static str,
    extension: &'static str,
) -> Result<Option<PathBuf>, ErrorPayload> {
    tauri::async_runtime::spawn_blocking(move || {
        save_file(&app, title, &file_name, kind, extension)
    })
    .await
    .map_err(internal)
}

/// Writes a finished file where the user chose, complete or not at all (see
/// `budget_core::files::write_whole`); a locked or unwritable target is reported in Chinese
/// with its code.
pub fn write_whole(path: &std::path::Path, bytes: &[u8]) -> Result<(), ErrorPayload> {
    budget_core::files::write_whole(path, bytes).map_err(|source| {
        ErrorPayload::of(budget_core::CoreError::Io {
            path: path.to_path_buf(),
            source,
        })
    })
}

/// What the "save as" dialog of an export offers: its title, the suggested file name, and the
/// kind of file with its extension.
pub struct SaveAs {
    pub title: &'static str,
    pub name: String,
    pub kind: &'static str,
    pub extension: &'static str,
}

impl SaveAs {
    /// An Excel workbook.
    pub fn workbook(title: &'static str, name: String) -> SaveAs {
        SaveAs {
            title,
            name,
            kind: "Excel 工作簿",
            extension: "xlsx",
        }
    }
}

/// The shape of every export from the database: asks where to save, then writes the file with
/// `write` on the database thread; the path, or `None` when the dialog was cancelled.
pub async fn export_from_store(
    app: AppHandle,
    state: &AppState,
    save_as: SaveAs,
    write: impl FnOnce(&mut Store, &Path) -> budget_core::Result<()> + Send + 'static,
) -> Result<Option<String>, ErrorPayload> {
    let SaveAs {
        title,
        name,
        kind,
        extension,
    } = save_as;
    let Some(path) = ask_where_to_save(app, title, name, kind, extension).await? else {
        return Ok(None);
    };
    state
        .with_store(move |s| {
            write(s, &path)?;
            Ok(Some(path.display().to_string()))
        })
        .await
}

/// "<unit name><year>年": how every file of a disclosure is named, with its kind (预算/决算).
pub async fn disclosure_name(
    state: &AppState,
    disclosure_id: i64,
) -> Result<(String, DisclosureKind), ErrorPayload> {
    state
        .with_store(move |s| {
            let d = s.get_disclosure(disclosure_id)?;
            let unit = s.get_unit(d.unit_id)?;
            Ok((format!("{}{}年", unit.name, d.year), d.kind))
        })
        .await
}
