//! What the CLI tests share: the built binary, the fixtures in `tests/fixtures`, and reading
//! the binary's output. Each test file uses a part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn cli() -> Command {
    Command::new(env!("CARGO_BIN_EXE_budget-cli"))
}

/// Runs budget-cli: exit code, stdout, stderr.
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = cli().args(args).output().expect("budget-cli runs");
    (
        out.status.code().expect("exit code"),
        String::from_utf8(out.stdout).expect("utf-8 stdout"),
        String::from_utf8(out.stderr).expect("utf-8 stderr"),
    )
}

/// The fixture workbooks, in `tests/fixtures` at the repository root.
pub fn fixtures_dir() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures")).to_path_buf()
}

/// The seed texts, in `tests/fixtures/seeds`.
pub fn seeds_dir() -> PathBuf {
    fixtures_dir().join("seeds")
}

pub fn fixture(name: &str) -> PathBuf {
    fixtures_dir().join(name)
}

/// The keys of a JSON object, sorted: to compare with the documented shape.
pub fn keys(value: &serde_json::Value) -> Vec<&str> {
    let mut k: Vec<&str> = value
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    k.sort_unstable();
    k
}
