//! The catalog of a year as this database knows it: the embedded one with the entries of an
//! imported official catalog laid over it.

use rusqlite::params;

use super::Store;
use crate::catalog::{Catalog, Classification};
use crate::catalog_import::{with_entries, ImportedEntry};
use crate::error::Result;

fn class_label(class: Classification) -> &'static str {
    match class {
        Classification::Function => "功能分类",
        Classification::Economic => "经济分类",
    }
}

impl Store {
    /// The entries of an imported official catalog stored for `year`, by classification and
    /// code; empty when none was imported for that year.
    pub fn stored_catalog_entries(&self, year: i32) -> Result<Vec<ImportedEntry>> {
        let mut stmt = self.conn().prepare(
            "SELECT class, code, name FROM catalog_entry WHERE year = ?1 ORDER BY class, code",
        )?;
        let rows = stmt
            .query_map([year], |r| {
                let class: String = r.get(0)?;
                Ok(ImportedEntry {
                    class: if class == "经济分类" {
                        Classification::Economic
                    } else {
                        Classification::Function
                    },
                    code: r.get(1)?,
                    name: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The catalog that applies to `year` in this database.
    pub fn catalog(&self, year: i32) -> Result<Catalog> {
        let mut catalog =
            with_entries(Catalog::embedded(year), &self.stored_catalog_entries(year)?);
        catalog.year = year;
        Ok(catalog)
    }

    /// Stores the entries of an official catalog for `year`, all in one transaction.
    pub fn apply_catalog(&mut self, year: i32, entries: &[ImportedEntry]) -> Result<()> {
        let tx = self.conn_mut().transaction()?;
        {
            let mut upsert = tx.prepare(
                "INSERT INTO catalog_entry (year, class, code, name) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (year, class, code) DO UPDATE SET name = excluded.name",
            )?;
            for e in entries {
                upsert.execute(params![year, class_label(e.class), e.code, e.name.trim()])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applied_entries_extend_the_years_catalog_only() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("c.sqlite")).unwrap();
        let entry = ImportedEntry {
            class: Classification::Function,
            code: "2010361".into(),
            name: "数字政府建设".into(),
        };
        assert!(s.catalog(2025).unwrap().function("2010361").is_none());
        s.apply_catalog(2025, std::slice::from_ref(&entry)).unwrap();
        s.apply_catalog(2025, &[entry]).unwrap();
        let c = s.catalog(2025).unwrap();
        assert_eq!(c.function("2010361").unwrap().name, "数字政府建设");
        assert_eq!(c.year, 2025);
        assert!(s.catalog(2024).unwrap().function("2010361").is_none());
        assert_eq!(s.stored_catalog_entries(2025).unwrap().len(), 1);
    }
}
