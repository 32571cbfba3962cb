//! The AFL++ entry point: `afl-target <target>`, one of `budget_fuzz::TARGETS`.

fn main() {
    let target = std::env::args().nth(1).unwrap_or_default();
    if !budget_fuzz::TARGETS.contains(&target.as_str()) {
        eprintln!("usage: afl-target <{}>", budget_fuzz::TARGETS.join("|"));
        std::process::exit(2);
    }
    // The workbook reader contains calamine's panics on purpose (one bad file must not take the
    // app down); only a panic that escapes the harness is a crash.
    afl::fuzz_nohook!(|data: &[u8]| {
        budget_fuzz::run(&target, data);
    });
}
