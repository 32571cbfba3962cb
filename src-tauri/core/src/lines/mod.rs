//! Budget lines: model, validation against the catalog, derivation of the standard tables, and
//! the flat-workbook import.

pub mod derive;
mod derive_projects;
pub mod import;
mod import_rows;
pub mod model;
mod validate;
pub mod vocabulary;

pub use derive::{derive_tables, derive_tables_by_unit, DeriveContext, LineOwner};
pub use model::{BudgetLine, FundSource, LineSet, Project, ProjectCategory, SpendingType};
pub use validate::{unknown_items, validate, LineProblem};
