//! The process the crash-safety tests kill: it performs one write operation against a database
//! through the same core functions the window and budget-cli use, and exits 0 when it is done.
//!
//! ```text
//! crash_worker lines-import DB FILE              # budget-cli import FILE --db DB
//! crash_worker targets-import DB FILE UNIT YEAR  # a 绩效目标 workbook into UNIT's YEAR 预算
//! crash_worker grid-save DB DISCLOSURE N VARIANT # the grid's 保存 with N generated lines
//! crash_worker migrate DB                        # opening an older database migrates it
//! crash_worker prepare DB N                      # a current database with N lines, prints
//!                                                # the disclosure's id (for time-save)
//! crash_worker time-save DB DISCLOSURE N TIMES   # prints how long each grid save takes
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use budget_core::Store;
use budget_tests::crash::generated_lines;

fn arg<T: std::str::FromStr>(args: &[String], i: usize, what: &str) -> Result<T, String> {
    args.get(i)
        .ok_or_else(|| format!("缺少参数：{what}"))?
        .parse()
        .map_err(|_| format!("参数“{what}”无法识别：{}", args[i]))
}

fn run(args: &[String]) -> Result<(), String> {
    let op: String = arg(args, 1, "操作")?;
    let db: PathBuf = arg(args, 2, "数据库")?;
    let err = |e: budget_core::CoreError| e.to_string();
    match op.as_str() {
        "lines-import" => {
            let file: PathBuf = arg(args, 3, "工作簿")?;
            let mut store = Store::open(&db).map_err(err)?;
            budget_core::prepare::import_lines_file(&mut store, &file, None, None)
                .map_err(|e| e.to_string())?;
        }
        "targets-import" => {
            let file: PathBuf = arg(args, 3, "工作簿")?;
            let unit: String = arg(args, 4, "单位")?;
            let year: i32 = arg(args, 5, "年度")?;
            let mut store = Store::open(&db).map_err(err)?;
            budget_core::import::targets::import_targets_file(
                &mut store,
                &file,
                Some(&unit),
                Some(year),
            )
            .map_err(|e| e.to_string())?;
        }
        "grid-save" => {
            let disclosure: i64 = arg(args, 3, "公开编号")?;
            let n: usize = arg(args, 4, "行数")?;
            let variant: i64 = arg(args, 5, "变体")?;
            let set = generated_lines(n, variant);
            let mut store = Store::open(&db).map_err(err)?;
            store.save_lines(disclosure, &set).map_err(err)?;
        }
        "migrate" => {
            Store::open(&db).map_err(err)?;
        }
        "prepare" => {
            let n: usize = arg(args, 3, "行数")?;
            let id =
                budget_tests::crash::current_database(&db, &generated_lines(n, 0)).map_err(err)?;
            println!("{id}");
        }
        "time-save" => {
            let disclosure: i64 = arg(args, 3, "公开编号")?;
            let n: usize = arg(args, 4, "行数")?;
            let times: usize = arg(args, 5, "次数")?;
            time_saves(&db, disclosure, n, times)?;
        }
        other => return Err(format!("未知操作“{other}”")),
    }
    Ok(())
}

/// Alternates two sets of `n` lines so that every save really replaces every line, and prints
/// each save's milliseconds and a draft write's (the small transaction typed text causes).
fn time_saves(db: &Path, disclosure: i64, n: usize, times: usize) -> Result<(), String> {
    let err = |e: budget_core::CoreError| e.to_string();
    let sets = [generated_lines(n, 1), generated_lines(n, 2)];
    let mut store = Store::open(db).map_err(err)?;
    for i in 0..times {
        let start = Instant::now();
        store.save_lines(disclosure, &sets[i % 2]).map_err(err)?;
        let save = start.elapsed();
        let start = Instant::now();
        store
            .save_draft(disclosure, &format!("{{\"rows\":{i}}}"))
            .map_err(err)?;
        let draft = start.elapsed();
        println!(
            "save {:.1} ms\tdraft {:.2} ms",
            save.as_secs_f64() * 1000.0,
            draft.as_secs_f64() * 1000.0
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("错误：{message}");
            ExitCode::FAILURE
        }
    }
}
