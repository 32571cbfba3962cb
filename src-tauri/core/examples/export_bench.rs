//! Timing helper for scripts/bench-export.sh (a benchmark, not a test): reads the tables of a
//! disclosure workbook once, then writes the standard disclosure workbook (county-11) RUNS
//! times in memory and prints the best and the mean time per workbook. One of the workbooks is
//! saved to OUT so that the comparison writes the very same cells.
//!
//! COPIES > 1 repeats the rows of T3, T5 and T6 that many times: a stand-in for a large
//! department, where the cells rather than the fixed cost of a workbook dominate. The numbers
//! no longer add up then; only the amount of writing matters here.
//!
//! Usage: export_bench WORKBOOK.xlsx OUT.xlsx RUNS [COPIES]

use std::error::Error;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use budget_core::tables::{template, BudgetTables};
use budget_core::xlsx::{self, write};

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out, runs, rest @ ..] = args.as_slice() else {
        return Err("用法：export_bench 工作簿.xlsx 输出.xlsx 次数 [模板]".into());
    };
    let runs: u32 = runs.parse()?;
    let copies: usize = rest.first().map_or(Ok(1), |c| c.parse())?;
    let template = template("county-11").ok_or("没有模板“county-11”")?;
    let mut book = xlsx::read(Path::new(input))?;
    enlarge(&mut book.tables, copies);
    let header = write::WorkbookHeader {
        unit: book.unit.clone().unwrap_or_default(),
        year: book.year.unwrap_or(2024),
    };
    // One untimed run: the first allocation of everything is not what a user waits for twice.
    let bytes = write::write_disclosure_workbook(&book.tables, template, &header)?;
    std::fs::write(out, &bytes)?;
    println!("bytes={}", bytes.len());
    let mut best = Duration::MAX;
    let start = Instant::now();
    for _ in 0..runs.max(1) {
        let one = Instant::now();
        let bytes = write::write_disclosure_workbook(&book.tables, template, &header)?;
        black_box(bytes);
        best = best.min(one.elapsed());
    }
    let mean = start.elapsed() / runs.max(1);
    println!(
        "best_ms={:.3}\nmean_ms={:.3}",
        best.as_secs_f64() * 1000.0,
        mean.as_secs_f64() * 1000.0
    );
    Ok(())
}

/// Repeats the rows of T3, T5 and T6 `copies` times.
fn enlarge(tables: &mut BudgetTables, copies: usize) {
    fn repeat<T: Clone>(rows: &mut Vec<T>, copies: usize) {
        *rows = (0..copies).flat_map(|_| rows.iter().cloned()).collect();
    }
    if let Some(t) = tables.t3.as_mut() {
        repeat(&mut t.body.rows, copies);
    }
    if let Some(t) = tables.t5.as_mut() {
        repeat(&mut t.body.rows, copies);
    }
    if let Some(t) = tables.t6.as_mut() {
        repeat(&mut t.rows, copies);
    }
}
