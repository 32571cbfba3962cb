//! Commands of 汇总: what a department's disclosure is the sum of, marking it 汇总 or not, and
//! noting a unit below 并入本级. Each answers with the consolidation as it now stands.

use budget_core::consolidate::{consolidation_of, Consolidation};
use budget_core::error::ErrorPayload;
use tauri::State;

use crate::state::AppState;

type Reply<T> = Result<T, ErrorPayload>;

/// The units, 调整 and findings of a 汇总 disclosure; `None` when it is not 汇总.
#[tauri::command]
pub async fn consolidation(
    state: State<'_, AppState>,
    disclosure_id: i64,
) -> Reply<Option<Consolidation>> {
    state
        .with_store(move |s| consolidation_of(s, disclosure_id))
        .await
}

#[tauri::command]
pub async fn set_consolidated(
    state: State<'_, AppState>,
    disclosure_id: i64,
    on: bool,
) -> Reply<Option<Consolidation>> {
    state
        .with_store(move |s| {
            s.set_consolidated(disclosure_id, on)?;
            consolidation_of(s, disclosure_id)
        })
        .await
}

#[tauri::command]
pub async fn set_merged(
    state: State<'_, AppState>,
    disclosure_id: i64,
    unit_id: i64,
    merged: bool,
) -> Reply<Option<Consolidation>> {
    state
        .with_store(move |s| {
            s.set_merged(disclosure_id, unit_id, merged)?;
            consolidation_of(s, disclosure_id)
        })
        .await
}
