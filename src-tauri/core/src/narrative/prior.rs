//! Last year's figures from a published workbook of last year, read by the review reader.
//! (From the database: `prepare::document::prior_year_from_store`.)

use std::path::Path;

use crate::xlsx::{self, ReadError};

use super::model::PriorYear;

/// Last year's figures from last year's published workbook (any layout the reader knows).
pub fn prior_year_from_workbook(path: &Path) -> Result<PriorYear, ReadError> {
    Ok(PriorYear::from_tables(&xlsx::read(path)?.tables))
}
