//! A small migration runner over `PRAGMA user_version`.
//!
//! Every pending migration runs in one IMMEDIATE transaction, so a failure leaves the database
//! exactly as it was. A database that already holds data is copied with `VACUUM INTO` first.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{CoreError, Result};

/// One step of the schema: the SQL that brings the database to `version`.
pub struct Migration {
    /// The `user_version` the database has after this step; unique, from 1 up.
    pub version: i64,
    /// The statements of the step (a file under `migrations/`), run as one batch.
    pub sql: &'static str,
}

/// The application's schema. Versions are applied in ascending order whatever the order here.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        sql: include_str!("../../migrations/0001_units_and_disclosures.sql"),
    },
    Migration {
        version: 2,
        sql: include_str!("../../migrations/0002_review_notes.sql"),
    },
    Migration {
        version: 3,
        sql: include_str!("../../migrations/0003_budget_lines.sql"),
    },
    Migration {
        version: 4,
        sql: include_str!("../../migrations/0004_targets.sql"),
    },
    Migration {
        version: 5,
        sql: include_str!("../../migrations/0005_self_evaluations.sql"),
    },
    Migration {
        version: 6,
        sql: include_str!("../../migrations/0006_catalog_entries.sql"),
    },
    Migration {
        version: 7,
        sql: include_str!("../../migrations/0007_disclosure_documents.sql"),
    },
    Migration {
        version: 8,
        sql: include_str!("../../migrations/0008_editor_drafts.sql"),
    },
    Migration {
        version: 9,
        sql: include_str!("../../migrations/0009_final_accounts.sql"),
    },
    Migration {
        version: 10,
        sql: include_str!("../../migrations/0010_consolidation.sql"),
    },
    Migration {
        version: 11,
        sql: include_str!("../../migrations/0011_submissions.sql"),
    },
    Migration {
        version: 12,
        sql: include_str!("../../migrations/0012_submission_decision.sql"),
    },
    Migration {
        version: 13,
        sql: include_str!("../../migrations/0013_checklist_overrides.sql"),
    },
    Migration {
        version: 14,
        sql: include_str!("../../migrations/0014_review_feedback.sql"),
    },
];

/// A failed migration step, unless it failed only because another program holds the lock.
fn migration_err(version: i64) -> impl Fn(rusqlite::Error) -> CoreError {
    move |source| {
        if crate::error::is_busy(&source) {
            CoreError::Busy { source }
        } else {
            CoreError::Migration { version, source }
        }
    }
}

/// The highest version of `migrations`; 0 when there are none.
pub fn latest_version(migrations: &[Migration]) -> i64 {
    migrations.iter().map(|m| m.version).max().unwrap_or(0)
}

/// The database's `PRAGMA user_version`: the schema version it was migrated to (0 for a new file).
pub fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// What `migrate` did, for the caller to log or show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationReport {
    /// The schema version the file had.
    pub from: i64,
    /// The schema version it has now (the same when nothing was pending).
    pub to: i64,
    /// The copy made before migrating (`<stem>.v<version>-<unix ms>.bak.sqlite` beside the
    /// file); `None` when no copy was made: a new file (version 0), or one already current.
    pub backup: Option<PathBuf>,
}

/// Brings the database at `db_path` up to the newest of `migrations`.
pub fn migrate(
    conn: &mut Connection,
    db_path: &Path,
    migrations: &[Migration],
) -> Result<MigrationReport> {
    let current = user_version(conn)?;
    let latest = latest_version(migrations);
    if current > latest {
        return Err(CoreError::DatabaseTooNew {
            path: db_path.to_path_buf(),
            found: current,
            supported: latest,
        });
    }
    if current == latest {
        return Ok(MigrationReport {
            from: current,
            to: current,
            backup: None,
        });
    }
    let backup = if current > 0 {
        Some(backup_before_migration(conn, db_path, current)?)
    } else {
        None
    };
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Read again under the write lock: another program opening the same file (the window and
    // budget-cli) may have migrated it while this one made its backup or waited for the lock,
    // and running its steps a second time would fail ("table already exists").
    let current = user_version(&tx)?;
    if current > latest {
        return Err(CoreError::DatabaseTooNew {
            path: db_path.to_path_buf(),
            found: current,
            supported: latest,
        });
    }
    if current == latest {
        tx.commit()?;
        return Ok(MigrationReport {
            from: current,
            to: current,
            backup,
        });
    }
    let mut pending: Vec<&Migration> = migrations.iter().filter(|m| m.version > current).collect();
    pending.sort_by_key(|m| m.version);
    for m in pending {
        tx.execute_batch(m.sql).map_err(migration_err(m.version))?;
        tx.pragma_update(None, "user_version", m.version)
            .map_err(migration_err(m.version))?;
    }
    tx.commit().map_err(migration_err(latest))?;
    Ok(MigrationReport {
        from: current,
        to: latest,
        backup,
    })
}

/// Copies the database beside itself as `<name>.v<version>-<unix time>.bak.sqlite`.
fn backup_before_migration(conn: &Connection, db_path: &Path, version: i64) -> Result<PathBuf> {
    let target = backup_path_beside(db_path, &format!("v{version}"));
    vacuum_into(conn, &target)?;
    Ok(target)
}

/// `<name>.<label>-<unix ms>.bak.sqlite` beside the database: where backups go.
pub(crate) fn backup_path_beside(db_path: &Path, label: &str) -> PathBuf {
    let stamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default();
    let stem = db_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "budget-desk".to_string());
    db_path.with_file_name(format!("{stem}.{label}-{stamp}.bak.sqlite"))
}

/// A consistent copy of the whole database in a new file.
pub fn vacuum_into(conn: &Connection, target: &Path) -> Result<()> {
    let target_text = target.to_string_lossy();
    conn.execute("VACUUM INTO ?1", [target_text.as_ref()])
        .map_err(|source| CoreError::Backup {
            path: target.to_path_buf(),
            source,
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const V1: Migration = Migration {
        version: 1,
        sql: "CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (7);",
    };
    const V2: Migration = Migration {
        version: 2,
        sql: "ALTER TABLE a ADD COLUMN y TEXT;",
    };
    const V2_BROKEN: Migration = Migration {
        version: 2,
        sql: "ALTER TABLE a ADD COLUMN y TEXT; THIS IS NOT SQL;",
    };

    #[test]
    fn applies_pending_migrations_and_backs_up_existing_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        let mut conn = Connection::open(&path).unwrap();
        let first = migrate(&mut conn, &path, &[V1]).unwrap();
        assert_eq!((first.from, first.to, first.backup.is_none()), (0, 1, true));

        let second = migrate(&mut conn, &path, &[V1, V2]).unwrap();
        assert_eq!((second.from, second.to), (1, 2));
        let backup = second
            .backup
            .expect("a backup before migrating existing data");
        let copy = Connection::open(&backup).unwrap();
        assert_eq!(user_version(&copy).unwrap(), 1);
        let x: i64 = copy.query_row("SELECT x FROM a", [], |r| r.get(0)).unwrap();
        assert_eq!(x, 7);
    }

    #[test]
    fn a_failing_migration_leaves_the_database_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        let mut conn = Connection::open(&path).unwrap();
        migrate(&mut conn, &path, &[V1]).unwrap();
        let err = migrate(&mut conn, &path, &[V1, V2_BROKEN]).unwrap_err();
        assert!(matches!(err, CoreError::Migration { version: 2, .. }));
        assert_eq!(user_version(&conn).unwrap(), 1);
        let cols: i64 = conn
            .query_row("SELECT count(*) FROM pragma_table_info('a')", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(cols, 1, "the ALTER TABLE before the error was rolled back");
    }

    /// Two programs opening the same older database at once (the window and budget-cli): the
    /// one that waits for the lock must find the schema already migrated, not run the steps a
    /// second time ("table already exists").
    #[test]
    fn a_migration_finished_by_another_program_meanwhile_is_not_run_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        let mut conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        migrate(&mut conn, &path, &[V1]).unwrap();
        // The other program has begun migrating: it holds the write lock, not yet committed.
        let other = Connection::open(&path).unwrap();
        other.execute_batch("BEGIN IMMEDIATE").unwrap();
        other.execute_batch(V2.sql).unwrap();
        other.pragma_update(None, "user_version", 2).unwrap();
        let finisher = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(300));
            other.execute_batch("COMMIT").unwrap();
        });
        // Reads version 1, then waits for the lock until the other program has committed.
        let report = migrate(&mut conn, &path, &[V1, V2]).unwrap();
        finisher.join().unwrap();
        assert_eq!(report.to, 2);
        assert_eq!(user_version(&conn).unwrap(), 2);
    }

    #[test]
    fn refuses_a_newer_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        let mut conn = Connection::open(&path).unwrap();
        migrate(&mut conn, &path, &[V1, V2]).unwrap();
        let err = migrate(&mut conn, &path, &[V1]).unwrap_err();
        assert!(matches!(
            err,
            CoreError::DatabaseTooNew {
                found: 2,
                supported: 1,
                ..
            }
        ));
        assert!(err.to_string().contains("请升级程序"));
    }
}
