//! 绩效目标: every project with money carries performance targets before its budget is
//! approved, and the bureau publishes them. This module reads them from the three workbook
//! layouts, checks them (docs/design.md §4), writes the published forms and summarises them
//! for review.

pub mod amounts;
pub mod checks;
pub mod freetext;
pub mod model;
pub mod read;
pub mod review;
pub mod value;
pub mod vocabulary;
pub mod write;
mod write_disclosure;

pub use write_disclosure::{
    indicators_text, write_disclosure_table, write_disclosure_table_by_unit, UnitGroup,
};

pub use checks::{check_targets, KnownAmount};
pub use model::{
    DepartmentTargets, Direction, Indicator, IndicatorCells, Level1, Operator, ProjectTargets,
    TargetSet,
};
pub use read::{import_file, read_file, read_workbook, Formulas, TargetImportError, TargetsRead};
pub use review::{review_workbook, summarise, TargetProjectSummary, TargetsReview};
pub use write::{write_department_targets, write_project_targets, ProjectForm, TargetExportError};
