//! Benchmark (run by scripts/bench-pdf.sh, not a test): the whole 审核 of published PDFs (text
//! layer, layout into tables, recognition, every rule, the narrative and document checks), one
//! file at a time and as a batch, for the script to set against Python pypdf merely extracting
//! the text of the same files in the same run.
//! Usage: pdf_bench RUNS BATCH FILE.pdf...
//! Prints one line per file, "file=NAME pages=N ms=MEAN", then "batch_files=N batch_ms=T".

use std::path::PathBuf;
use std::time::Instant;

use budget_core::review::{review_file, review_files};

fn main() {
    let mut args = std::env::args().skip(1);
    let runs: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let batch: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(50);
    let files: Vec<PathBuf> = args.map(PathBuf::from).collect();
    if files.is_empty() || runs == 0 {
        eprintln!("用法：pdf_bench RUNS BATCH FILE.pdf...");
        std::process::exit(2);
    }
    for file in &files {
        let first = review_file(file); // untimed: the file in the page cache
        if let Some(err) = &first.error {
            eprintln!("{}：{err}", file.display());
            std::process::exit(1);
        }
        let start = Instant::now();
        for _ in 0..runs {
            std::hint::black_box(review_file(file));
        }
        let ms = start.elapsed().as_secs_f64() * 1000.0 / f64::from(runs);
        let pages = page_count(file);
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        println!("file={name} pages={pages} ms={ms:.1}");
    }
    let batch_paths: Vec<PathBuf> = files.iter().cycle().take(batch).cloned().collect();
    let start = Instant::now();
    let reviewed = std::hint::black_box(review_files(&batch_paths));
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    println!("batch_files={} batch_ms={ms:.0}", reviewed.len());
}

/// The file's page count, as the PDF reader counts it.
fn page_count(file: &PathBuf) -> u32 {
    std::fs::read(file)
        .ok()
        .and_then(|bytes| budget_core::pdf::read_pdf(file, &bytes).ok())
        .map_or(0, |book| book.pages)
}
