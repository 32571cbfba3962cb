//! 预算公开助手 desktop shell: the window, the IPC commands and the app state. Logic lives in
//! budget-core; this crate only wires it to the webview.

mod board;
mod checklist;
mod commands;
mod consolidation;
mod dialogs;
mod document;
mod document_gaps;
mod editing;
mod evaluation;
mod final_accounts;
mod prepare;
mod review;
pub mod state;
mod targets;

use tauri::Manager;

use state::{db_path_override, AppState, DB_ENV, DEFAULT_DB_FILE};

pub fn run() {
    let db_override = db_path_override(std::env::args().skip(1), std::env::var_os(DB_ENV));
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .manage(editing::UnsavedFlag::default())
        .on_window_event(editing::on_window_event)
        .setup(move |app| {
            let db_path = match db_override.clone() {
                Some(path) => path,
                None => app.path().app_data_dir()?.join(DEFAULT_DB_FILE),
            };
            app.manage(AppState::open(db_path));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::list_units,
            commands::create_unit,
            commands::update_unit,
            commands::delete_unit,
            commands::create_disclosure,
            commands::delete_disclosure,
            review::pick_workbooks,
            review::review_workbooks,
            review::review_sheet,
            review::review_notes,
            review::set_review_note,
            review::export_review_report,
            review::review_pdf_bytes,
            checklist::review_checklists,
            checklist::set_checklist_overrides,
            checklist::export_checklists,
            prepare::catalog_entries,
            prepare::preview_catalog_import,
            prepare::apply_catalog,
            prepare::load_lines,
            prepare::save_lines,
            prepare::save_draft,
            prepare::load_draft,
            prepare::discard_draft,
            editing::save_editor_draft,
            editing::load_editor_draft,
            editing::discard_editor_draft,
            editing::set_unsaved,
            editing::close_window,
            prepare::disclosure_overview,
            prepare::pick_lines_workbook,
            prepare::import_lines,
            prepare::save_lines_template,
            prepare::disclosure_preview,
            prepare::export_disclosure,
            evaluation::list_evaluations,
            evaluation::save_evaluation,
            evaluation::delete_evaluation,
            evaluation::score_evaluation,
            evaluation::evaluation_report,
            evaluation::import_evaluations,
            evaluation::export_evaluations,
            evaluation::export_evaluation_report,
            final_accounts::load_final_data,
            final_accounts::save_final_data,
            final_accounts::review_final_disclosure,
            final_accounts::final_preview,
            final_accounts::export_final_workbook,
            final_accounts::import_final_data,
            final_accounts::opening_from_last_year,
            final_accounts::export_final_document,
            final_accounts::export_final_document_workbook,
            final_accounts::load_final_narrative_input,
            final_accounts::final_narrative,
            consolidation::consolidation,
            consolidation::set_consolidated,
            consolidation::set_merged,
            board::county_board,
            board::class_totals,
            board::pick_package,
            board::preview_package,
            board::receive_package_file,
            board::submissions,
            board::decide,
            board::export_package,
            board::export_county_report,
            board::export_feedback,
            board::import_feedback,
            board::review_feedback,
            final_accounts::evaluation_candidates,
            final_accounts::start_evaluation,
            document::load_document_input,
            document::save_document_input,
            document::generate_narrative,
            document::prior_year_workbook,
            document::check_narrative_text,
            document::export_document,
            document::export_document_workbook,
            document_gaps::document_gaps,
            targets::load_targets,
            targets::save_targets,
            targets::check_target_set,
            targets::projects_of_lines,
            targets::copy_last_year_targets,
            targets::indicator_library,
            targets::import_targets,
            targets::export_targets,
        ])
        .run(tauri::generate_context!());
    if let Err(err) = result {
        eprintln!("预算公开助手无法启动：{err}");
        std::process::exit(1);
    }
}
