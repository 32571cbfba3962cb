//! Generates the permissions of the app's own commands; capabilities/ allows exactly those.

const COMMANDS: &[&str] = &[
    "app_info",
    "list_units",
    "create_unit",
    "update_unit",
    "delete_unit",
    "create_disclosure",
    "delete_disclosure",
    "pick_workbooks",
    "review_workbooks",
    "review_sheet",
    "review_notes",
    "set_review_note",
    "export_review_report",
    "catalog_entries",
    "preview_catalog_import",
    "apply_catalog",
    "load_lines",
    "save_lines",
    "save_draft",
    "load_draft",
    "discard_draft",
    "disclosure_overview",
    "import_lines",
    "save_lines_template",
    "disclosure_preview",
    "export_disclosure",
    "list_evaluations",
    "save_evaluation",
    "delete_evaluation",
    "score_evaluation",
    "evaluation_report",
    "import_evaluations",
    "export_evaluations",
    "export_evaluation_report",
    "load_document_input",
    "save_document_input",
    "generate_narrative",
    "prior_year_workbook",
    "check_narrative_text",
    "export_document",
    "export_document_workbook",
    "load_targets",
    "save_targets",
    "check_target_set",
    "projects_of_lines",
    "copy_last_year_targets",
    "indicator_library",
    "import_targets",
    "export_targets",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(err) = tauri_build::try_build(attributes) {
        panic!("tauri build step failed: {err:#}");
    }
}
