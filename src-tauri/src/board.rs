//! Commands of the county board and the 报送包: the departments against this season, the county's
//! spending by class, a package picked, previewed (what it changes) and received, a submission's
//! findings, the bureau's decision and its 审核意见 file; and on the department's side, the
//! package exported and the 审核意见 imported and shown.

use budget_core::board::{
    county_board as board_of, county_class_totals, county_report, BoardRow, ClassTotal,
};
use budget_core::error::ErrorPayload;
use budget_core::model::DisclosureKind;
use budget_core::package::{
    export_feedback as export_feedback_to, export_package as export_package_to, receive_feedback,
    receive_package, FeedbackReceipt, Receipt,
};
use budget_core::store::{Decision, ReviewFeedback, Submission};
use tauri::{AppHandle, State};

use crate::dialogs::{self, SaveAs};
use crate::state::AppState;

type Reply<T> = Result<T, ErrorPayload>;

#[tauri::command]
pub async fn county_board(
    state: State<'_, AppState>,
    year: i32,
    kind: DisclosureKind,
) -> Reply<Vec<BoardRow>> {
    state.with_store(move |s| board_of(s, year, kind)).await
}

#[tauri::command]
pub async fn class_totals(
    state: State<'_, AppState>,
    year: i32,
    kind: DisclosureKind,
) -> Reply<Vec<ClassTotal>> {
    state
        .with_store(move |s| county_class_totals(s, year, kind))
        .await
}

/// Asks for a 报送包; its path, or None when cancelled.
#[tauri::command]
pub async fn pick_package(app: AppHandle) -> Reply<Option<String>> {
    let picked = dialogs::ask_for_file(app, "导入报送包", "报送包", &["bdpkg"]).await?;
    Ok(picked.map(|p| p.display().to_string()))
}

/// What receiving the package would do, nothing written.
#[tauri::command]
pub async fn preview_package(state: State<'_, AppState>, path: String) -> Reply<Receipt> {
    state
        .with_store(move |s| Ok(receive_package(s, path.as_ref(), true)?))
        .await
}

#[tauri::command]
pub async fn receive_package_file(state: State<'_, AppState>, path: String) -> Reply<Receipt> {
    state
        .with_store(move |s| Ok(receive_package(s, path.as_ref(), false)?))
        .await
}

#[tauri::command]
pub async fn submissions(state: State<'_, AppState>, disclosure_id: i64) -> Reply<Vec<Submission>> {
    state
        .with_store(move |s| s.submissions(disclosure_id))
        .await
}

#[tauri::command]
pub async fn decide(
    state: State<'_, AppState>,
    disclosure_id: i64,
    decision: Option<Decision>,
) -> Reply<()> {
    state
        .with_store(move |s| s.decide(disclosure_id, decision))
        .await
}

/// Saves the disclosure's 报送包 where the user says; the path, or None when cancelled.
#[tauri::command]
pub async fn export_package(
    app: AppHandle,
    state: State<'_, AppState>,
    disclosure_id: i64,
) -> Reply<Option<String>> {
    let (name, kind) = dialogs::disclosure_name(&state, disclosure_id).await?;
    let save_as = SaveAs {
        title: "导出报送包",
        name: format!("{name}{}报送包", kind.label()),
        kind: "报送包",
        extension: "bdpkg",
    };
    dialogs::export_from_store(app, &state, save_as, move |s, path| {
        export_package_to(s, disclosure_id, path).map(|_| ())
    })
    .await
}

/// Saves the county's 审核报告 of the year and kind where the user says; the path, or None.
#[tauri::command]
pub async fn export_county_report(
    app: AppHandle,
    state: State<'_, AppState>,
    year: i32,
    kind: DisclosureKind,
) -> Reply<Option<String>> {
    let name = format!("全县{year}年部门{}公开审核报告", kind.label());
    let save_as = SaveAs::workbook("导出全县审核报告", name);
    dialogs::export_from_store(app, &state, save_as, move |s, path| {
        county_report(s, year, kind, path).map(|_| ())
    })
    .await
}

/// The bureau's side: saves the 审核意见 on the latest submission of a disclosure, with the
/// remark typed, where the user says; the path, or None when cancelled.
#[tauri::command]
pub async fn export_feedback(
    app: AppHandle,
    state: State<'_, AppState>,
    disclosure_id: i64,
    remark: String,
) -> Reply<Option<String>> {
    let (name, kind) = dialogs::disclosure_name(&state, disclosure_id).await?;
    let save_as = SaveAs {
        title: "导出审核意见",
        name: format!("{name}{}审核意见", kind.label()),
        kind: "审核意见",
        extension: "bdfb",
    };
    dialogs::export_from_store(app, &state, save_as, move |s, path| {
        export_feedback_to(s, disclosure_id, &remark, path)
            .map(|_| ())
            .map_err(budget_core::CoreError::from)
    })
    .await
}

/// The department's side: asks for a 审核意见 file and imports it into the disclosure on screen
/// (a file for another one is refused); what was imported, or None when cancelled.
#[tauri::command]
pub async fn import_feedback(
    app: AppHandle,
    state: State<'_, AppState>,
    disclosure_id: i64,
) -> Reply<Option<FeedbackReceipt>> {
    let Some(path) = dialogs::ask_for_file(app, "导入审核意见", "审核意见", &["bdfb"]).await?
    else {
        return Ok(None);
    };
    state
        .with_store(move |s| Ok(Some(receive_feedback(s, &path, Some(disclosure_id))?)))
        .await
}

/// The 审核意见 in force for a disclosure, if one was imported.
#[tauri::command]
pub async fn review_feedback(
    state: State<'_, AppState>,
    disclosure_id: i64,
) -> Reply<Option<ReviewFeedback>> {
    state.with_store(move |s| s.feedback(disclosure_id)).await
}
