//! The SQLite file: one connection with the pragmas every connection needs, the migrations, and
//! one repository module per aggregate.

mod catalog;
mod checklist_overrides;
mod consolidation;
mod documents;
mod drafts;
mod evaluations;
mod feedback;
mod final_data;
mod lines;
mod migrate;
mod review_notes;
mod submissions;
mod targets;
mod units;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::error::{CoreError, Result};

pub use documents::{DocumentInput, PriorSource};
pub use drafts::DraftEditor;
pub use evaluations::StoredEvaluation;
pub use feedback::{FeedbackDecision, NewFeedback, ReviewFeedback};
pub use migrate::{
    latest_version, migrate, user_version, vacuum_into, Migration, MigrationReport, MIGRATIONS,
};
pub use review_notes::{NoteKey, ReviewNote};
pub use submissions::{Decision, ReceivedData, Submission, SubmissionStatus};
pub use targets::LibraryIndicator;
pub use units::{DisclosureListing, EnsuredUnit};

/// The open database: one connection with the application's pragmas (foreign keys, WAL,
/// `synchronous = FULL`, 5 s busy timeout), migrated to the current schema when opened. Every
/// repository method is on this type.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    migration: MigrationReport,
}

/// Opens a connection with the pragmas this application relies on.
pub fn connect(path: &Path) -> Result<Connection> {
    // A lock held by another program while the pragmas are set is not a broken file.
    let open_err = |source: rusqlite::Error| {
        if crate::error::is_busy(&source) {
            CoreError::Busy { source }
        } else {
            CoreError::OpenDatabase {
                path: path.to_path_buf(),
                source,
            }
        }
    };
    let conn = Connection::open(path).map_err(open_err)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .map_err(open_err)?;
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(open_err)?;
    // Reading the journal mode also proves the file is a database.
    let _mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(open_err)?;
    // FULL: a save the window has reported as 已保存 must survive a power cut, not only a crash
    // of the program. Under WAL, NORMAL syncs the log only at checkpoints, so the last
    // transactions before a power loss can vanish (never corrupt, but a year's finance data
    // that was shown as saved is gone); FULL syncs the log at every commit. Measured cost: one
    // fsync per commit, small beside the work of a save (docs/design.md §8,
    // docs/benchmarks.md "Crash safety").
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(open_err)?;
    Ok(conn)
}

impl Store {
    /// Opens (creating if needed) the database at `path` and migrates it to the current schema.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| CoreError::Io {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        let mut conn = connect(path)?;
        let migration = migrate(&mut conn, path, MIGRATIONS)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            migration,
        })
    }

    /// The database file, as given to `open`.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What opening did to the schema (and the backup it made, if any).
    pub fn migration(&self) -> &MigrationReport {
        &self.migration
    }

    /// The schema version read from the file now.
    pub fn schema_version(&self) -> Result<i64> {
        user_version(&self.conn)
    }

    /// A consistent copy of the whole database (`VACUUM INTO`), e.g. before an import.
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        vacuum_into(&self.conn, target)
    }

    /// Copies the database beside itself as `<name>.before-import-<unix ms>.bak.sqlite` before an
    /// import writes anything, and says where.
    pub fn backup_before_import(&self) -> Result<PathBuf> {
        let target = migrate::backup_path_beside(&self.path, "before-import");
        self.backup_to(&target)?;
        Ok(target)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_an_empty_database_and_reopens_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("data.sqlite");
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), latest_version(MIGRATIONS));
        assert_eq!(store.migration().from, 0);
        drop(store);
        let again = Store::open(&path).unwrap();
        assert_eq!(again.migration().from, latest_version(MIGRATIONS));
        assert!(again.migration().backup.is_none());
    }

    #[test]
    fn every_connection_has_foreign_keys_and_wal() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("d.sqlite")).unwrap();
        let fk: i64 = store
            .conn()
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        let mode: String = store
            .conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!((fk, mode.as_str()), (1, "wal"));
    }

    #[test]
    fn refuses_a_database_from_a_newer_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.sqlite");
        drop(Store::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
        drop(conn);
        let err = Store::open(&path).err().expect("newer schema is refused");
        assert_eq!(err.code(), "database_too_new");
        assert!(err.to_string().contains("999"));
    }

    #[test]
    fn a_file_that_is_not_a_database_gets_a_clear_message() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.sqlite");
        std::fs::write(&path, "这不是数据库文件，只是一些文字。".repeat(100)).unwrap();
        let err = Store::open(&path).err().expect("refused");
        assert_eq!(err.code(), "open_database");
        assert!(err.to_string().contains("无法打开数据库文件"));
    }

    /// A save that meets another program's write lock past the busy timeout says so in words
    /// the user can act on, and leaves what is stored as it was.
    #[test]
    fn a_lock_held_by_another_program_reads_as_busy() {
        use crate::model::{DisclosureKind, UnitInput, UnitType};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.sqlite");
        let mut store = Store::open(&path).unwrap();
        let unit = store
            .create_unit(&UnitInput {
                name: "甲".into(),
                code: "1".into(),
                unit_type: UnitType::Administrative,
                parent_id: None,
            })
            .unwrap();
        let other = connect(&path).unwrap();
        other
            .execute_batch("BEGIN IMMEDIATE; DELETE FROM unit;")
            .unwrap();
        // Shorter than the real 5 s, which the CLI tests wait out.
        store
            .conn()
            .busy_timeout(std::time::Duration::from_millis(100))
            .unwrap();
        let err = store
            .create_disclosure(unit.id, 2024, DisclosureKind::Budget)
            .expect_err("the lock is held");
        assert_eq!(err.code(), "database_busy");
        assert_eq!(err.to_string(), "数据库正被另一个程序使用，请稍后再试。");
        other.execute_batch("ROLLBACK").unwrap();
        assert!(store.list_disclosures(unit.id).unwrap().is_empty());
    }

    #[test]
    fn backup_to_writes_a_database_that_opens() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("d.sqlite")).unwrap();
        let target = dir.path().join("copy.sqlite");
        store.backup_to(&target).unwrap();
        let copy = Store::open(&target).unwrap();
        assert_eq!(copy.schema_version().unwrap(), latest_version(MIGRATIONS));
    }
}
