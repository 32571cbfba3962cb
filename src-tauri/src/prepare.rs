//! Commands of the preparation screen: the catalog, budget lines, drafts, import, overview,
//! the tables' preview and the workbook export.

use budget_core::catalog::{CatalogEntry, Classification};
use budget_core::catalog_import::{changes, read_catalog_workbook, CatalogChanges, ImportedEntry};
use budget_core::error::ErrorPayload;
use budget_core::lines::import::write_template;
use budget_core::lines::LineSet;
use budget_core::prepare::{
    disclosure_preview as disclosure_preview_of, disclosure_tables,
    export_disclosure as export_disclosure_to, foreign_origin, import_lines_file, overview,
    DisclosureOverview, ForeignOrigin, ImportError,
};
use budget_core::sheet_view::SheetView;
use serde::Serialize;
use tauri::{AppHandle, State};

use crate::dialogs::{self, write_whole, SaveAs};
use crate::review::internal;
use crate::state::AppState;

type Reply<T> = Result<T, ErrorPayload>;

#[derive(Serialize)]
pub struct CatalogListing {
    year: i32,
    function: Vec<CatalogEntry>,
    economic: Vec<CatalogEntry>,
}

/// The whole catalog of a year as this database knows it (a few hundred entries): the grid
/// looks names up and suggests codes without a round trip per keystroke.
#[tauri::command]
pub async fn catalog_entries(state: State<'_, AppState>, year: i32) -> Reply<CatalogListing> {
    state
        .with_store(move |s| {
            let catalog = s.catalog(year)?;
            Ok(CatalogListing {
                year: catalog.year,
                function: catalog.entries(Classification::Function).cloned().collect(),
                economic: catalog.entries(Classification::Economic).cloned().collect(),
            })
        })
        .await
}

#[derive(Serialize)]
pub struct CatalogPreview {
    changes: CatalogChanges,
    entries: Vec<ImportedEntry>,
}

/// Asks for the official catalog workbook of `year` and says what it would add or rename.
#[tauri::command]
pub async fn preview_catalog_import(
    app: AppHandle,
    state: State<'_, AppState>,
    year: i32,
) -> Reply<Option<CatalogPreview>> {
    let Some(path) = dialogs::ask_for_workbook(app, "选择政府收支分类科目表").await?
    else {
        return Ok(None);
    };
    state
        .with_store(move |s| {
            let entries = read_catalog_workbook(&path)?;
            let changes = changes(&s.catalog(year)?, year, &entries);
            Ok(Some(CatalogPreview { changes, entries }))
        })
        .await
}

#[tauri::command]
pub async fn apply_catalog(
    state: State<'_, AppState>,
    year: i32,
    entries: Vec<ImportedEntry>,
) -> Reply<()> {
    state
        .with_store(move |s| s.apply_catalog(year, &entries))
        .await
}

#[tauri::command]
pub async fn load_lines(state: State<'_, AppState>, disclosure_id: i64) -> Reply<LineSet> {
    state.with_store(move |s| s.load_lines(disclosure_id)).await
}

#[tauri::command]
pub async fn save_lines(state: State<'_, AppState>, disclosure_id: i64, set: LineSet) -> Reply<()> {
    state
        .with_store(move |s| s.save_lines(disclosure_id, &set))
        .await
}

#[tauri::command]
pub async fn save_draft(
    state: State<'_, AppState>,
    disclosure_id: i64,
    content: String,
) -> Reply<()> {
    state
        .with_store(move |s| s.save_draft(disclosure_id, &content))
        .await
}

#[tauri::command]
pub async fn load_draft(state: State<'_, AppState>, disclosure_id: i64) -> Reply<Option<String>> {
    state.with_store(move |s| s.load_draft(disclosure_id)).await
}

#[tauri::command]
pub async fn discard_draft(state: State<'_, AppState>, disclosure_id: i64) -> Reply<()> {
    state
        .with_store(move |s| s.discard_draft(disclosure_id))
        .await
}

#[tauri::command]
pub async fn disclosure_overview(
    state: State<'_, AppState>,
    disclosure_id: i64,
) -> Reply<DisclosureOverview> {
    state
        .with_store(move |s| disclosure_tables(s, disclosure_id).map(|t| overview(&t)))
        .await
}

#[derive(Serialize)]
pub struct ImportSummary {
    lines: usize,
    projects: usize,
}

/// A line workbook the user chose, and whether it states another unit or year than the
/// disclosure it would replace (then the UI asks before importing).
#[derive(Serialize)]
pub struct PickedLines {
    path: String,
    foreign: Option<ForeignOrigin>,
}

/// Asks for a line workbook for this disclosure; `None` when the dialog was cancelled.
#[tauri::command]
pub async fn pick_lines_workbook(
    app: AppHandle,
    state: State<'_, AppState>,
    disclosure_id: i64,
) -> Reply<Option<PickedLines>> {
    let Some(path) = dialogs::ask_for_workbook(app, "选择预算明细工作簿").await? else {
        return Ok(None);
    };
    let shown = path.display().to_string();
    let foreign = state
        .with_store(move |s| foreign_origin(s, &path, disclosure_id))
        .await?;
    Ok(Some(PickedLines {
        path: shown,
        foreign,
    }))
}

/// Imports a chosen line workbook into this disclosure (its unit and year), all or nothing.
#[tauri::command]
pub async fn import_lines(
    state: State<'_, AppState>,
    disclosure_id: i64,
    path: String,
) -> Reply<ImportSummary> {
    let path = std::path::PathBuf::from(path);
    state
        .with_store(move |s| {
            let d = s.get_disclosure(disclosure_id)?;
            let unit = s.get_unit(d.unit_id)?;
            Ok(import_lines_file(s, &path, Some(&unit.code), Some(d.year)))
        })
        .await?
        .map(|done| ImportSummary {
            lines: done.lines,
            projects: done.projects,
        })
        .map_err(|e: ImportError| ErrorPayload::of(e))
}

/// Saves the line import template where the user chooses; the path, or `None` if cancelled.
#[tauri::command]
pub async fn save_lines_template(app: AppHandle) -> Reply<Option<String>> {
    tauri::async_runtime::spawn_blocking(move || -> Reply<Option<String>> {
        let Some(path) =
            dialogs::save_workbook(&app, "保存预算明细导入模板", "预算明细导入模板.xlsx")
        else {
            return Ok(None);
        };
        let bytes = write_template().map_err(ErrorPayload::of)?;
        write_whole(&path, &bytes)?;
        Ok(Some(path.display().to_string()))
    })
    .await
    .map_err(internal)?
}

/// The disclosure's tables as the exported workbook lays them out.
#[tauri::command]
pub async fn disclosure_preview(
    state: State<'_, AppState>,
    disclosure_id: i64,
) -> Reply<Vec<SheetView>> {
    state
        .with_store(move |s| disclosure_preview_of(s, disclosure_id))
        .await
}

/// Asks where to save and writes the standard disclosure workbook; the path, or `None`.
#[tauri::command]
pub async fn export_disclosure(
    app: AppHandle,
    state: State<'_, AppState>,
    disclosure_id: i64,
) -> Reply<Option<String>> {
    let (name, _) = dialogs::disclosure_name(&state, disclosure_id).await?;
    let save_as = SaveAs::workbook("导出部门预算公开表", format!("{name}部门预算公开表.xlsx"));
    dialogs::export_from_store(app, &state, save_as, move |s, path| {
        export_disclosure_to(s, disclosure_id, path)
    })
    .await
}
