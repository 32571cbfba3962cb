//! budget-core: everything of 预算公开助手 that is not GUI. No Tauri here, so its tests stay fast
//! and the command line and the desktop app share one implementation.

#![warn(missing_docs)]

pub mod board;
pub mod catalog;
pub mod catalog_import;
pub mod checks;
pub mod consolidate;
pub mod error;
pub mod files;
pub mod final_accounts;
pub mod guard;
pub mod import;
pub mod indicator_value;
pub mod lines;
pub mod model;
pub mod money;
pub mod narrative;
pub mod package;
pub mod pdf;
pub mod prepare;
pub mod review;
pub mod scoring;
pub mod sheet_view;
pub mod store;
pub mod tables;
pub mod targets;
pub mod text;
pub mod vocabulary;
pub mod xlsx;

pub use error::{CoreError, Result};
pub use money::Money;
pub use store::Store;
