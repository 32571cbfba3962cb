//! Everything around the fuzzers that needs no AFL++:
//!
//! * `fuzz-tool seeds <target|all> <dir>` writes each target's seeds into `<dir>/<target>/`;
//! * `fuzz-tool replay <target> <file>...` runs inputs through a harness (to check a crash);
//! * `fuzz-tool smoke [seconds]` replays every seed of every target, then mutates them for the
//!   given time in total and fails on a panic or an input that takes over 2 s.

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use budget_fuzz::mutate::{mutate, Rng};
use budget_fuzz::{run, seeds, TARGETS};

const SLOW: Duration = Duration::from_secs(2);

static LAST_PANIC: Mutex<String> = Mutex::new(String::new());

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(String::as_str) {
        Some("seeds") if args.len() == 3 => write_seeds(&args[1], Path::new(&args[2])),
        Some("replay") if args.len() >= 3 => replay(&args[1], &args[2..]),
        Some("smoke") => {
            let seconds = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(60);
            smoke(seconds)
        }
        _ => {
            eprintln!(
                "usage: fuzz-tool seeds <target|all> <dir> | replay <target> <file>... | smoke [seconds]\n\
                 targets: {}",
                TARGETS.join(", ")
            );
            2
        }
    };
    std::process::exit(code);
}

fn chosen(target: &str) -> Vec<&'static str> {
    TARGETS
        .iter()
        .copied()
        .filter(|t| target == "all" || *t == target)
        .collect()
}

fn write_seeds(target: &str, dir: &Path) -> i32 {
    let targets = chosen(target);
    if targets.is_empty() {
        eprintln!("unknown target {target}");
        return 2;
    }
    for t in targets {
        let out = dir.join(t);
        std::fs::create_dir_all(&out).expect("seed directory");
        let list = seeds::for_target(t);
        for (i, (name, bytes)) in list.iter().enumerate() {
            let safe: String = name
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            std::fs::write(out.join(format!("{i:04}-{safe}")), bytes).expect("seed file");
        }
        println!("{t}: {} seeds", list.len());
    }
    0
}

fn replay(target: &str, files: &[String]) -> i32 {
    for file in files {
        let data = std::fs::read(file).expect("input file");
        let start = Instant::now();
        if !run(target, &data) {
            eprintln!("unknown target {target}");
            return 2;
        }
        println!("{file}: ok in {:.3} s", start.elapsed().as_secs_f64());
    }
    0
}

struct Tally {
    execs: u64,
    seconds: f64,
    slowest: Duration,
    crashes: usize,
    hangs: usize,
}

fn smoke(seconds: u64) -> i32 {
    let out = seeds::repo_root().join("fuzz/target/smoke");
    std::fs::create_dir_all(&out).expect("smoke directory");
    let slice = Duration::from_secs_f64(seconds as f64 / TARGETS.len() as f64);
    let seed = std::env::var("FUZZ_SMOKE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_b0d6_e7u64);
    // The workbook reader contains calamine's panics on purpose; only panics that reach the
    // harness are reported, with their message, below.
    panic::set_hook(Box::new(|info| {
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = info.to_string();
        }
    }));
    let mut failed = false;
    println!("target       execs   seconds  slowest_ms  crashes  hangs");
    for target in TARGETS {
        let corpus: Vec<Vec<u8>> = seeds::for_target(target)
            .into_iter()
            .map(|(_, b)| b)
            .collect();
        let mut rng = Rng::new(seed ^ fnv(target));
        let mut tally = Tally {
            execs: 0,
            seconds: 0.0,
            slowest: Duration::ZERO,
            crashes: 0,
            hangs: 0,
        };
        let last = out.join(format!("{target}.last-input"));
        let start = Instant::now();
        let mut i = 0usize;
        while i < corpus.len() || (start.elapsed() < slice && !corpus.is_empty()) {
            let input = if i < corpus.len() {
                corpus[i].clone()
            } else {
                let base = &corpus[rng.below(corpus.len())];
                mutate(&mut rng, base, &corpus)
            };
            i += 1;
            // An abort (allocation failure) cannot be caught: the input is on disk beforehand.
            if !matches!(*target, "money" | "indicator") {
                let _ = std::fs::write(&last, &input);
            }
            let t0 = Instant::now();
            let result = panic::catch_unwind(AssertUnwindSafe(|| run(target, &input)));
            let took = t0.elapsed();
            tally.execs += 1;
            tally.slowest = tally.slowest.max(took);
            if result.is_err() {
                let message = LAST_PANIC.lock().map(|m| m.clone()).unwrap_or_default();
                eprintln!("{target}: {message}");
                tally.crashes += 1;
                save(&out, target, "crash", tally.crashes, &input);
            } else if took > SLOW {
                tally.hangs += 1;
                save(&out, target, "hang", tally.hangs, &input);
            }
        }
        tally.seconds = start.elapsed().as_secs_f64();
        println!(
            "{target:<10} {:>8} {:>9.1} {:>11.1} {:>8} {:>6}",
            tally.execs,
            tally.seconds,
            tally.slowest.as_secs_f64() * 1000.0,
            tally.crashes,
            tally.hangs
        );
        failed |= tally.crashes > 0 || tally.hangs > 0;
        let _ = std::fs::remove_file(&last);
    }
    if failed {
        eprintln!("smoke run failed: inputs saved in {}", out.display());
        1
    } else {
        0
    }
}

fn save(out: &Path, target: &str, kind: &str, n: usize, input: &[u8]) -> PathBuf {
    let path = out.join(format!("{target}-{kind}-{n}.bin"));
    let _ = std::fs::write(&path, input);
    eprintln!("{target}: {kind} saved as {}", path.display());
    path
}

fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}
