//! The window and budget-cli writing the same database at once: a writer that waits less than
//! the busy timeout (5 s) both finish; a writer that holds the lock longer makes the CLI stop
//! with "数据库正被另一个程序使用" and write nothing, and the import works once the lock is free.
//! The window is played by a connection in this process holding a write transaction.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use budget_core::model::{DisclosureKind, UnitInput, UnitType};
use budget_core::Store;

mod common;
use common::{cli, lines_workbook};

/// A line workbook of `rows` lines for 若羌 2024, amounts 1000 元 + `base` + the row.
fn workbook(path: &Path, rows: usize, base: u32) {
    let lines: Vec<(&str, u32)> = (0..rows)
        .map(|i| ("2010301", 1000 + base + i as u32))
        .collect();
    lines_workbook(path, 2024, "若羌县人民政府办公室", &lines);
}

/// A database whose 若羌 2024 预算 holds the 50 lines of a first import.
fn database(dir: &Path) -> PathBuf {
    let db = dir.join("budget.sqlite");
    let mut store = Store::open(&db).unwrap();
    store
        .create_unit(&UnitInput {
            name: "若羌县人民政府办公室".into(),
            code: "101001".into(),
            unit_type: UnitType::Administrative,
            parent_id: None,
        })
        .unwrap();
    drop(store);
    let first = dir.join("first.xlsx");
    workbook(&first, 50, 0);
    let out = cli()
        .arg("import")
        .arg(&first)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    db
}

/// (lines, sum in 分) of the 若羌 2024 预算, and whether the window's unit exists.
fn state(db: &Path) -> ((usize, i64), bool) {
    let store = Store::open(db).unwrap();
    let (_, d) = store
        .find_disclosure("101001", 2024, DisclosureKind::Budget)
        .unwrap();
    let lines = store.load_lines(d.id).unwrap().lines;
    let sum = lines.iter().map(|l| l.amount.fen()).sum();
    let window = store.find_unit("202002").unwrap().is_some();
    ((lines.len(), sum), window)
}

fn integrity(db: &Path) -> String {
    let conn = budget_core::store::connect(db).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// What the window does while the CLI runs: a write transaction, not yet committed. Returns
/// what commits it (the connection's type is rusqlite's, which these tests do not name).
fn window_writing(db: &Path) -> impl FnOnce() {
    let conn = budget_core::store::connect(db).unwrap();
    conn.execute_batch(
        "BEGIN IMMEDIATE;
         INSERT INTO unit (name, code, unit_type) VALUES ('窗口里新建的单位', '202002', '事业');",
    )
    .unwrap();
    move || conn.execute_batch("COMMIT").unwrap()
}

#[test]
fn a_lock_held_longer_than_the_busy_timeout_stops_the_import_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let before = state(&db).0;
    let second = dir.path().join("second.xlsx");
    workbook(&second, 80, 500);

    let commit = window_writing(&db);
    let start = Instant::now();
    let out = cli()
        .arg("import")
        .arg(&second)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    let waited = start.elapsed();
    commit();

    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("数据库正被另一个程序使用"), "{err}");
    assert!(
        waited >= Duration::from_secs(4),
        "the CLI waits for the lock before it gives up: {waited:?}"
    );
    // Nothing of the import, everything of the window.
    assert_eq!(state(&db), (before, true));
    assert_eq!(integrity(&db), "ok");

    // With the lock free the same import goes through.
    let out = cli()
        .arg("import")
        .arg(&second)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ((lines, _), window) = state(&db);
    assert_eq!((lines, window), (80, true));
}

#[test]
fn a_writer_that_finishes_within_the_busy_timeout_lets_both_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let second = dir.path().join("second.xlsx");
    workbook(&second, 80, 500);

    let commit = window_writing(&db);
    let child = cli()
        .arg("import")
        .arg(&second)
        .arg("--db")
        .arg(&db)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_secs(1));
    commit();
    let out = child.wait_with_output().unwrap();

    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ((lines, sum), window) = state(&db);
    // 80 lines of 1500 元 + i: 80 × 150000 分 + 100 × (0 + … + 79)
    assert_eq!((lines, sum, window), (80, 80 * 150_000 + 100 * 3160, true));
    assert_eq!(integrity(&db), "ok");
}
