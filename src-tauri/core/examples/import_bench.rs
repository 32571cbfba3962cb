//! Benchmark (run by scripts/bench-import.sh, not a test): importing a flat line workbook of
//! N lines (read, normalise, check every line against the catalog) against calamine merely
//! reading the same sheet, in the same run.
//! Usage: import_bench [LINES] [RUNS]

use std::path::Path;
use std::time::{Duration, Instant};

use budget_core::catalog::Catalog;
use budget_core::lines::import::read_lines;
use calamine::{open_workbook, Reader, Xlsx};
use rust_xlsxwriter::Workbook;

const ROWS: &[(&str, &str, &str, &str)] = &[
    ("2010301", "30101", "一般公共预算", "人员经费"),
    ("2010350", "30201", "一般公共预算", "公用经费"),
    ("2080505", "30108", "政府性基金", "人员经费"),
    ("2101101", "30110", "单位资金", "人员经费"),
    ("2210201", "30113", "一般公共预算", "人员经费"),
];

fn write_lines(path: &Path, lines: usize) -> Result<(), Box<dyn std::error::Error>> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("预算明细")?;
    for (c, h) in [
        "功能分类科目编码",
        "经济分类科目编码",
        "资金来源",
        "支出类型",
        "金额（元）",
        "备注",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h)?;
    }
    for i in 0..lines {
        let (f, e, s, t) = ROWS[i % ROWS.len()];
        let r = i as u32 + 1;
        sheet.write_string(r, 0, f)?;
        sheet.write_string(r, 1, e)?;
        sheet.write_string(r, 2, s)?;
        sheet.write_string(r, 3, t)?;
        sheet.write_number(r, 4, 1000.0 + (i % 997) as f64 + 0.25)?;
        sheet.write_string(r, 5, "")?;
    }
    book.save(path)?;
    Ok(())
}

fn best<F: FnMut() -> Result<(), Box<dyn std::error::Error>>>(
    runs: usize,
    mut f: F,
) -> Result<(Duration, Duration), Box<dyn std::error::Error>> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        f()?;
        times.push(start.elapsed());
    }
    let total: Duration = times.iter().sum();
    Ok((
        times.iter().copied().min().unwrap_or_default(),
        total / runs.max(1) as u32,
    ))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let lines: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("lines.xlsx");
    write_lines(&path, lines)?;
    let catalog = Catalog::embedded(2024);

    let (import_best, import_mean) = best(runs, || {
        let got = read_lines(&path, catalog).map_err(|p| format!("{} problems", p.len()))?;
        assert_eq!(got.set.lines.len(), lines);
        Ok(())
    })?;
    let (read_best, read_mean) = best(runs, || {
        let mut book: Xlsx<_> = open_workbook(&path)?;
        let range = book.worksheet_range("预算明细")?;
        assert_eq!(range.height(), lines + 1);
        Ok(())
    })?;
    println!("lines: {lines}, runs: {runs}");
    println!(
        "import (read + check every line): best {:.0} ms, mean {:.0} ms",
        import_best.as_secs_f64() * 1e3,
        import_mean.as_secs_f64() * 1e3
    );
    println!(
        "calamine bare read:               best {:.0} ms, mean {:.0} ms",
        read_best.as_secs_f64() * 1e3,
        read_mean.as_secs_f64() * 1e3
    );
    println!(
        "ratio import / bare read: {:.2}× (best), {:.2}× (mean); target ≤ 3×",
        import_best.as_secs_f64() / read_best.as_secs_f64(),
        import_mean.as_secs_f64() / read_mean.as_secs_f64()
    );
    Ok(())
}
