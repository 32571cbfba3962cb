//! Performance-target commands: load, check live, save, reuse last year's and the library,
//! import and export.

use budget_core::checks::Finding;
use budget_core::error::ErrorPayload;
use budget_core::prepare::{save_public_targets, targets_by_unit, targets_for_export};
use budget_core::store::LibraryIndicator;
use budget_core::targets::amounts::{amounts_from_lines, funds_from_lines, ProjectFunds};
use budget_core::targets::write::{write_department_targets, write_project_targets, ProjectForm};
use budget_core::targets::{check_targets, import_file, ProjectTargets, TargetSet};
use budget_core::CoreError;
use serde::Serialize;
use tauri::{AppHandle, State};

use crate::dialogs;
use crate::review::internal;
use crate::state::AppState;

type Reply<T> = Result<T, ErrorPayload>;

#[derive(Serialize)]
pub struct ProjectOfLines {
    code: String,
    name: String,
    /// From the project's 项目支出 lines; null when it has none.
    funds: Option<ProjectFunds>,
}

#[tauri::command]
pub async fn load_targets(state: State<'_, AppState>, disclosure_id: i64) -> Reply<TargetSet> {
    state
        .with_store(move |s| s.load_targets(disclosure_id))
        .await
}

#[tauri::command]
pub async fn save_targets(
    state: State<'_, AppState>,
    disclosure_id: i64,
    set: TargetSet,
) -> Reply<()> {
    state
        .with_store(move |s| s.save_targets(disclosure_id, &set))
        .await
}

/// The checks of docs/design.md §4 on targets as they are being edited, against the saved lines.
#[tauri::command]
pub async fn check_target_set(
    state: State<'_, AppState>,
    disclosure_id: i64,
    set: TargetSet,
) -> Reply<Vec<Finding>> {
    state
        .with_store(move |s| {
            let lines = s.load_lines(disclosure_id)?;
            let set = set.without_blank_indicators();
            Ok(check_targets(&set, &amounts_from_lines(&lines)))
        })
        .await
}

/// The disclosure's projects with their money from the lines, to start targets from.
#[tauri::command]
pub async fn projects_of_lines(
    state: State<'_, AppState>,
    disclosure_id: i64,
) -> Reply<Vec<ProjectOfLines>> {
    state
        .with_store(move |s| {
            let lines = s.load_lines(disclosure_id)?;
            Ok(lines
                .projects
                .iter()
                .map(|p| ProjectOfLines {
                    code: p.code.clone(),
                    name: p.name.clone(),
                    funds: funds_from_lines(&lines, &p.code),
                })
                .collect())
        })
        .await
}

#[tauri::command]
pub async fn copy_last_year_targets(
    state: State<'_, AppState>,
    disclosure_id: i64,
    code: String,
    name: String,
) -> Reply<Option<ProjectTargets>> {
    state
        .with_store(move |s| s.copy_last_year_targets(disclosure_id, &code, &name))
        .await
}

#[tauri::command]
pub async fn indicator_library(
    state: State<'_, AppState>,
    filter: String,
) -> Reply<Vec<LibraryIndicator>> {
    state
        .with_store(move |s| s.indicator_library(&filter, 50))
        .await
}

/// Asks for a targets workbook (any of the three layouts) and puts its targets into this
/// disclosure, all or nothing. The number of projects, or `None` when cancelled.
#[tauri::command]
pub async fn import_targets(
    app: AppHandle,
    state: State<'_, AppState>,
    disclosure_id: i64,
) -> Reply<Option<usize>> {
    let Some(path) = dialogs::ask_for_workbook(app, "选择绩效目标表").await? else {
        return Ok(None);
    };
    state
        .with_store(move |s| {
            let read = import_file(&path)?;
            let d = s.get_disclosure(disclosure_id)?;
            let count = read.set.projects.len();
            s.import_targets(d.unit_id, d.year, &read.set)?;
            Ok(Some(count))
        })
        .await
}

/// Which targets table to export.
#[derive(serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetExport {
    /// 项目支出绩效目标表, seed 003's form.
    ProjectsShort,
    /// 项目支出绩效目标表 with weights and 赋分规则, seed 004's form.
    ProjectsFull,
    /// 部门整体绩效目标表.
    Department,
    /// The one-row-per-project 绩效目标公开表 (seed 002).
    Public,
}

#[tauri::command]
pub async fn export_targets(
    app: AppHandle,
    state: State<'_, AppState>,
    disclosure_id: i64,
    which: TargetExport,
) -> Reply<Option<String>> {
    // A 汇总's tables list its units' projects too, each under its unit, read now from the
    // units' own disclosures.
    let (set, groups, title, unit) = state
        .with_store(move |s| {
            let d = s.get_disclosure(disclosure_id)?;
            let unit = s.get_unit(d.unit_id)?;
            Ok((
                targets_for_export(s, disclosure_id)?,
                targets_by_unit(s, disclosure_id)?,
                format!("{}{}年", unit.name, d.year),
                unit.name,
            ))
        })
        .await?;
    let file_name = match which {
        TargetExport::ProjectsShort | TargetExport::ProjectsFull => {
            format!("{title}项目支出绩效目标表.xlsx")
        }
        TargetExport::Department => format!("{title}部门整体绩效目标表.xlsx"),
        TargetExport::Public => format!("{title}绩效目标公开表.xlsx"),
    };
    tauri::async_runtime::spawn_blocking(move || -> Reply<Option<String>> {
        let Some(path) = dialogs::save_workbook(&app, "导出绩效目标表", &file_name) else {
            return Ok(None);
        };
        let written = match which {
            TargetExport::ProjectsShort => {
                write_project_targets(&path, &set, ProjectForm::Short, &unit)
            }
            TargetExport::ProjectsFull => {
                write_project_targets(&path, &set, ProjectForm::Full, &unit)
            }
            TargetExport::Department => match &set.department {
                Some(d) => write_department_targets(&path, d, set.year, &unit),
                None => {
                    return Err(ErrorPayload::of(CoreError::Invalid(
                        "还没有部门整体绩效目标，无法导出。".into(),
                    )))
                }
            },
            TargetExport::Public => save_public_targets(
                &groups,
                &path,
                &format!("{title}部门预算项目支出绩效目标公开表"),
            ),
        };
        written.map_err(ErrorPayload::of)?;
        Ok(Some(path.display().to_string()))
    })
    .await
    .map_err(internal)?
}
