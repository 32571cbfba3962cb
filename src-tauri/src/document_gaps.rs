//! What the complete document still lacks before it is exported: facts not entered and every
//! （待填写） of the generated text, each with a Chinese description, for the 情况说明 tab to list.

use budget_core::error::ErrorPayload;
use budget_core::narrative::DocumentGap;
use budget_core::prepare::document_gaps_for_disclosure;
use budget_core::store::DocumentInput;
use tauri::State;

use crate::state::AppState;

/// The gaps of `doc` (as being edited, saved or not) for this disclosure's tables.
#[tauri::command]
pub async fn document_gaps(
    state: State<'_, AppState>,
    disclosure_id: i64,
    doc: DocumentInput,
) -> Result<Vec<DocumentGap>, ErrorPayload> {
    state
        .with_store(move |s| document_gaps_for_disclosure(s, disclosure_id, &doc))
        .await
}
