//! IPC commands. Each one only translates: arguments in, a budget-core call on a blocking
//! thread, the result or an `ErrorPayload {code, message}` out.

use budget_core::catalog::Catalog;
use budget_core::error::ErrorPayload;
use budget_core::model::{AppInfo, Disclosure, DisclosureKind, Unit, UnitInput, UnitSummary};
use tauri::State;

use crate::state::AppState;

type Reply<T> = Result<T, ErrorPayload>;

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Reply<AppInfo> {
    let db_path = state.db_path.display().to_string();
    state
        .with_store(move |store| {
            Ok(AppInfo {
                version: env!("CARGO_PKG_VERSION").to_string(),
                db_path,
                schema_version: store.schema_version()?,
                catalog_years: Catalog::embedded_years(),
            })
        })
        .await
}

#[tauri::command]
pub async fn list_units(state: State<'_, AppState>) -> Reply<Vec<UnitSummary>> {
    state.with_store(|store| store.unit_summaries()).await
}

#[tauri::command]
pub async fn create_unit(state: State<'_, AppState>, input: UnitInput) -> Reply<Unit> {
    state
        .with_store(move |store| store.create_unit(&input))
        .await
}

#[tauri::command]
pub async fn update_unit(state: State<'_, AppState>, id: i64, input: UnitInput) -> Reply<Unit> {
    state
        .with_store(move |store| store.update_unit(id, &input))
        .await
}

#[tauri::command]
pub async fn delete_unit(state: State<'_, AppState>, id: i64) -> Reply<()> {
    state.with_store(move |store| store.delete_unit(id)).await
}

#[tauri::command]
pub async fn create_disclosure(
    state: State<'_, AppState>,
    unit_id: i64,
    year: i32,
    kind: DisclosureKind,
) -> Reply<Disclosure> {
    state
        .with_store(move |store| store.create_disclosure(unit_id, year, kind))
        .await
}

#[tauri::command]
pub async fn delete_disclosure(state: State<'_, AppState>, id: i64) -> Reply<()> {
    state
        .with_store(move |store| store.delete_disclosure(id))
        .await
}
