//! Crashes lose nothing: a process killed with SIGKILL at a random moment of a lines import, a
//! targets import, a grid save or a migration leaves a database that passes
//! `PRAGMA integrity_check`, holds either everything from before the operation or everything
//! from after it (never a part), has lost nothing committed earlier, and takes writes again.
//!
//! Each operation runs `CRASH_KILLS` times (8 unless set; `scripts/crash-test.sh` runs 100),
//! with delays drawn from a generator seeded by `CRASH_SEED`, over the time the operation takes
//! from the process start to its exit (the longest of three uninterrupted runs), every other
//! one from its middle to half again past its end, where the writing happens. `CRASH_LINES`
//! (2,000 unless set) is the number of lines the grid save and the import write.

#![cfg(unix)]

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use budget_core::model::{UnitInput, UnitType};
use budget_core::Store;
use budget_tests::crash::{
    current_database, digest, generated_lines, integrity_check, old_database, write_lines_workbook,
    Digest, OLD_VERSION, UNIT_CODE, YEAR,
};
use budget_tests::fixture;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

fn kills() -> u64 {
    env_number("CRASH_KILLS", 8)
}

fn lines() -> usize {
    env_number("CRASH_LINES", 2000) as usize
}

/// splitmix64: reproducible delays without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Removes the database and everything SQLite or the program left beside it (WAL, shared
/// memory, the backups written before imports and migrations).
fn clear(dir: &Path) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("run.") {
            std::fs::remove_file(entry.path()).unwrap();
        }
    }
}

fn fresh_copy(template: &Path, dir: &Path) -> PathBuf {
    clear(dir);
    let run = dir.join("run.sqlite");
    std::fs::copy(template, &run).unwrap();
    run
}

/// `crash_worker OP DB REST…` for `args` = [OP, REST…].
fn worker(db: &Path, args: &[OsString]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_crash_worker"));
    cmd.arg(&args[0]).arg(db).args(&args[1..]);
    cmd
}

/// Everything a database must satisfy after any crash: intact, wholly `old` or wholly `new`,
/// and writable. Returns whether it was the new state.
fn check_after(db: &Path, old: &Digest, new: &Digest, what: &str) -> bool {
    assert_eq!(
        integrity_check(db).unwrap(),
        "ok",
        "{what}: integrity_check"
    );
    let found = digest(db).unwrap();
    let is_new = found.hash == new.hash;
    assert!(
        found.hash == old.hash || is_new,
        "{what}: the database is neither the state before nor the state after the operation\n\
         found:  version {} lines {:?}\nbefore: version {} lines {:?}\nafter:  version {} lines {:?}",
        found.version,
        found.lines,
        old.version,
        old.lines,
        new.version,
        new.lines
    );
    // Writable again, by the program as it opens a database (migrating one left behind).
    let mut store = Store::open(db).unwrap_or_else(|e| panic!("{what}: reopening: {e}"));
    store
        .create_unit(&UnitInput {
            name: "崩溃后新建的单位".into(),
            code: "909909".into(),
            unit_type: UnitType::Institution,
            parent_id: None,
        })
        .unwrap_or_else(|e| panic!("{what}: writing after the crash: {e}"));
    drop(store);
    assert_eq!(integrity_check(db).unwrap(), "ok", "{what}: after writing");
    is_new
}

/// Kills the worker `kills()` times during `args` run against copies of `template`.
fn kill_repeatedly(name: &str, seed_offset: u64, template: &Path, args: &[OsString]) {
    let dir = template.parent().unwrap();
    let old = digest(template).unwrap();

    // Three runs left alone: how long the operation takes (the longest, since the machine may
    // be busier during the kills), and the state it ends in (the same every time, or the
    // comparison below would mean nothing).
    let mut span = Duration::ZERO;
    let mut new: Option<Digest> = None;
    for _ in 0..3 {
        let db = fresh_copy(template, dir);
        let start = Instant::now();
        let out = worker(&db, args).output().unwrap();
        span = span.max(start.elapsed());
        assert!(
            out.status.success(),
            "{name}: the uninterrupted run failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let after = digest(&db).unwrap();
        if let Some(first) = &new {
            assert_eq!(first, &after, "{name}: two clean runs end differently");
        }
        new = Some(after);
    }
    let new = new.unwrap();
    assert_ne!(old.hash, new.hash, "{name}: the operation changes nothing");

    let seed = env_number("CRASH_SEED", 20_240_218) ^ seed_offset;
    let mut rng = Rng(seed);
    let (mut before, mut after, mut finished) = (0, 0, 0);
    let started = Instant::now();
    for i in 0..kills() {
        let db = fresh_copy(template, dir);
        // Half the kills anywhere in the run; half from its middle to half again past its
        // measured end, where the transaction writes and commits (before it the process reads
        // files and checks lines) also when a run takes longer than measured.
        let (from, to) = if i % 2 == 0 { (0.0, 1.0) } else { (0.5, 1.5) };
        let delay = span.mul_f64(from + rng.unit() * (to - from));
        let mut child = worker(&db, args).spawn().unwrap();
        std::thread::sleep(delay);
        let exited = child.try_wait().unwrap().is_some();
        if !exited {
            child.kill().unwrap(); // SIGKILL on Unix
        }
        child.wait().unwrap();
        let what = format!("{name} #{i} (seed {seed}, killed after {delay:?})");
        let is_new = check_after(&db, &old, &new, &what);
        match (exited, is_new) {
            (true, _) => finished += 1,
            (false, true) => after += 1,
            (false, false) => before += 1,
        }
        if exited {
            assert!(
                is_new,
                "{what}: the operation finished but its result is missing"
            );
        }
    }
    clear(dir);
    println!(
        "crash {name}: {} runs in {:.1} s (operation {:.0} ms; seed {seed}): killed before commit {before}, killed after commit {after}, finished before the kill {finished}; all intact",
        kills(),
        started.elapsed().as_secs_f64(),
        span.as_secs_f64() * 1000.0
    );
}

fn os(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Vec<OsString> {
    args.iter().map(|a| a.as_ref().to_os_string()).collect()
}

#[test]
fn killed_during_a_grid_save() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template.sqlite");
    let n = lines();
    let id = current_database(&template, &generated_lines(n / 2, 0)).unwrap();
    let args = os(&[&"grid-save", &id.to_string(), &n.to_string(), &"7"]);
    kill_repeatedly("grid-save", 1, &template, &args);
}

#[test]
fn killed_during_a_lines_import() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template.sqlite");
    current_database(&template, &generated_lines(500, 0)).unwrap();
    let book = dir.path().join("lines.xlsx");
    write_lines_workbook(&generated_lines(lines(), 3), &book).unwrap();
    kill_repeatedly("lines-import", 2, &template, &os(&[&"lines-import", &book]));
}

#[test]
fn killed_during_a_targets_import() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template.sqlite");
    current_database(&template, &generated_lines(200, 0)).unwrap();
    // Targets committed before: another workbook's two projects, which the import must keep.
    let mut store = Store::open(&template).unwrap();
    budget_core::import::targets::import_targets_file(
        &mut store,
        &fixture("baqing-2025-indicator-list.xlsx"),
        Some(UNIT_CODE),
        Some(YEAR),
    )
    .unwrap();
    drop(store);
    let year = YEAR.to_string();
    let args = os(&[
        &"targets-import",
        &fixture("ruoqiang-2024-project-targets.xlsx"),
        &UNIT_CODE,
        &year,
    ]);
    kill_repeatedly("targets-import", 3, &template, &args);
}

#[test]
fn killed_during_a_migration() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template.sqlite");
    old_database(&template, lines()).unwrap();
    assert_eq!(digest(&template).unwrap().version, OLD_VERSION);
    kill_repeatedly("migrate", 4, &template, &os(&[&"migrate"]));
}
